//! Metadata inferred from an article's body when front matter does not give
//! it: title, source line, dateline date, language.

use crate::text::dates::{Date, find_date};

/// How many non-empty lines at the top of the body may hold the dateline.
const DATELINE_LINES: usize = 4;

/// The first non-empty line, trimmed (a Markdown heading's `#`s removed).
pub fn title(body: &str) -> String {
    body.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .unwrap_or_default()
}

/// Labels that introduce the outlet on a line of its own.
const SOURCE_LABELS: [&str; 4] = ["المصدر", "المصادر", "source", "sources"];

/// The value of the first line like `المصدر: …`, `المصادر: …` or `Source: …`.
pub fn source(body: &str) -> Option<String> {
    body.lines().find_map(source_of_line)
}

fn source_of_line(line: &str) -> Option<String> {
    let line = line.trim().trim_start_matches(['*', '_', '-', '#', ' ']);
    SOURCE_LABELS.iter().find_map(|label| {
        let head = line.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = line[label.len()..].trim_start_matches(['*', '_', ' ']);
        let value = rest.strip_prefix([':', '：'])?;
        let value = value.trim().trim_matches(['*', '_']).trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// How much of each top line may hold the dateline, in bytes.
const DATELINE_BYTES: usize = 240;

/// The date in the dateline: the first full date at the start of the top
/// non-empty lines of the body.
pub fn dateline_date(body: &str) -> Option<Date> {
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .take(DATELINE_LINES)
        .find_map(|line| find_date(head(line, DATELINE_BYTES)))
}

/// The first `max` bytes of `s` at most, cut on a character boundary.
fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `ar` when Arabic letters outnumber Latin ones, `en` when Latin letters
/// dominate, `None` without letters. Looks at the first few kilobytes.
pub fn guess_lang(body: &str) -> Option<&'static str> {
    let (mut arabic, mut latin) = (0usize, 0usize);
    // UTF-8 lead bytes 0xD8–0xDB and 0xDD start U+0600–U+06FF and U+0750–U+077F.
    for &b in head(body, 4096).as_bytes() {
        match b {
            0xD8..=0xDB | 0xDD => arabic += 1,
            b'a'..=b'z' | b'A'..=b'Z' => latin += 1,
            _ => {}
        }
    }
    if arabic == 0 && latin == 0 {
        None
    } else if arabic >= latin {
        Some("ar")
    } else {
        Some("en")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_first_non_empty_line() {
        assert_eq!(title("\n\n  # عنوان الخبر  \nنص"), "عنوان الخبر");
    }

    #[test]
    fn source_lines() {
        assert_eq!(
            source("x\nالمصدر: وكالة الأنباء\n").as_deref(),
            Some("وكالة الأنباء")
        );
        assert_eq!(source("المصادر : رويترز").as_deref(), Some("رويترز"));
        assert_eq!(source("**Source:** Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            source("Sources: AFP, Reuters").as_deref(),
            Some("AFP, Reuters")
        );
        assert_eq!(source("The source said: nothing"), None);
        assert_eq!(source("المصدر:"), None);
    }

    #[test]
    fn dateline_in_the_top_lines_only() {
        let late = "Title\nOne.\nTwo.\nThree.\nOn 5 May 2021 it rained.\n";
        assert_eq!(dateline_date(late), None);
        assert_eq!(
            dateline_date("\n\nعنوان\n\nالقاهرة في 3 مارس 2024\n").map(|d| d.to_string()),
            Some("2024-03-03".to_string())
        );
        assert_eq!(head("قال", 3), "ق");
    }

    #[test]
    fn language_by_script() {
        assert_eq!(guess_lang("قال الوزير إن 3 from"), Some("ar"));
        assert_eq!(guess_lang("The minister said"), Some("en"));
        assert_eq!(guess_lang("123 456"), None);
    }
}
