//! What a highlight shows of a rule's match: every match of the rule in the
//! sentence (not only the first), each snapped to whole words of the
//! normalised text before it is mapped back to the article.
//!
//! Rule patterns carry context the regex crate cannot leave to lookaround: a
//! boundary before the word (`(?:^|[^ء-ي])`) and sometimes the first letter
//! of the next word (`وفق\s*[ء-ي]`, `"\s*[ء-ي]`), and `[0-9]` matches one
//! digit of `72`. A span is therefore trimmed of the blanks and punctuation
//! at its edges and widened to the words it touches: `وفق م` lights `وفق
//! مؤرخين`, `7` lights `72` (and `3.5` stays one figure). Overlapping spans
//! are merged.

use std::ops::Range;

use crate::text::is_word_char;

/// True when `c` belongs to the word around it: a letter or digit, a mark,
/// or a tatweel.
fn in_word(c: char) -> bool {
    is_word_char(c)
        || matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
        || (c.is_alphanumeric() && !c.is_ascii())
}

/// True when the character at byte `i` of `s` joins two digits (`3.5`, `1,000`).
fn joins_digits(s: &str, i: usize) -> bool {
    let Some(c) = s[i..].chars().next() else {
        return false;
    };
    if !matches!(c, '.' | ',' | '٫' | '٬') {
        return false;
    }
    let before = s[..i].chars().next_back();
    let after = s[i + c.len_utf8()..].chars().next();
    before.is_some_and(|d| d.is_ascii_digit()) && after.is_some_and(|d| d.is_ascii_digit())
}

/// `range` of the (normalised) `text` trimmed of what is not a word at
/// both ends, then widened to whole words. `None` when no word is left.
pub fn snap_to_words(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let (mut start, mut end) = (range.start.min(text.len()), range.end.min(text.len()));
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    // Trim: the boundary character before the word, blanks, a quote mark.
    while let Some(c) = text[start..end].chars().next() {
        if in_word(c) {
            break;
        }
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end].chars().next_back() {
        if in_word(c) {
            break;
        }
        end -= c.len_utf8();
    }
    if start >= end {
        return None;
    }
    // Widen: to the start of the first word and the end of the last (a
    // figure widens over digits only: `و5` lights `5`).
    let figure = |c: char| c.is_ascii_digit();
    let same = |edge: char, c: char, at: usize| {
        if figure(edge) {
            figure(c) || joins_digits(text, at)
        } else {
            in_word(c) && !figure(c)
        }
    };
    let first = text[start..].chars().next().unwrap_or(' ');
    while let Some((i, c)) = text[..start].char_indices().next_back() {
        if !same(first, c, i) {
            break;
        }
        start = i;
    }
    let last = text[..end].chars().next_back().unwrap_or(' ');
    while let Some(c) = text[end..].chars().next() {
        if !same(last, c, end) {
            break;
        }
        end += c.len_utf8();
    }
    Some(start..end)
}

/// Every match of `regex` in `text`, snapped to words, overlapping ones merged.
pub fn word_spans(regex: &regex::Regex, text: &str) -> Vec<Range<usize>> {
    first_and_word_spans(regex, text).1
}

/// The first match of `regex` in `text` as found (what `find` gives), and
/// [`word_spans`], from one pass over the matches.
pub fn first_and_word_spans(
    regex: &regex::Regex,
    text: &str,
) -> (Option<Range<usize>>, Vec<Range<usize>>) {
    let mut first = None;
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in regex.find_iter(text) {
        first.get_or_insert(m.range());
        let Some(r) = snap_to_words(text, m.range()) else {
            continue;
        };
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    (first, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(pattern: &str, text: &str) -> Vec<String> {
        let re = regex::Regex::new(pattern).unwrap();
        word_spans(&re, text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn one_letter_into_the_next_word_becomes_the_whole_word() {
        // The pattern takes the boundary before and one letter after.
        assert_eq!(
            lit(r"(?:^|[^ء-ي])[وف]?وفق\s*[ء-ي]", "وذلك وفق مصادر محلية"),
            ["وفق مصادر"]
        );
    }

    #[test]
    fn digits_light_the_whole_figure_and_every_figure() {
        assert_eq!(lit("[0-9]", "مات 72 شخصا و5 جرحى"), ["72", "5"]);
        assert_eq!(lit("[0-9]", "نسبة 3.5 بالمئة"), ["3.5"]);
        assert_eq!(lit("[0-9]", "عدد 1,000 زائر."), ["1,000"]);
    }

    #[test]
    fn quotes_and_blanks_at_the_edges_are_trimmed() {
        assert_eq!(lit(r#":\s*["«“]\s*[ء-ي]"#, "كتب: «انتهى الامر»"), ["انتهى"]);
        assert_eq!(snap_to_words("  ", 0..2), None);
    }
}
