//! Loading one article: UTF-8 text with optional TOML front matter.
//!
//! ```text
//! +++
//! title = "…"
//! source = "…"
//! url = "…"
//! date = 2024-03-01      # or "2024-03-01"
//! lang = "ar"
//! +++
//! The body…
//! ```
//!
//! What the front matter does not say is inferred from the body: see
//! [`super::meta`].

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::config::line_of;
use super::meta;
use crate::problem::Problem;
use crate::text::dates::Date;

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Title: from front matter, else the first non-empty line.
    pub title: String,
    /// The outlet: front matter `source`, else a line such as `المصدر: …` / `Source: …`.
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO date `YYYY-MM-DD`: front matter, else the dateline.
    pub date: Option<String>,
    /// Language code (`ar`, `en`): front matter, else guessed from the script.
    pub lang: Option<String>,
}

/// One article, loaded.
#[derive(Debug, Clone)]
pub struct Article {
    /// Absolute path.
    pub path: PathBuf,
    /// The whole file as read. Claim offsets are byte offsets into this.
    /// Shared, not copied, with whoever reads the desk's text beside the
    /// app (the TUI's linking thread).
    pub text: std::sync::Arc<str>,
    /// The body (after any front matter), as a byte range of `text`.
    pub body: Range<usize>,
    pub meta: ArticleMeta,
}

/// Largest article accepted, in bytes.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// Loads an article, or says (path and reason) why it is skipped:
/// not UTF-8, empty, binary, oversized, bad front matter.
pub fn load_article(path: &Path) -> Result<Article, Problem> {
    load_article_reporting(path).map(|(article, _)| article)
}

/// Like [`load_article`], and also returns problems that do not stop the
/// article from loading (unknown front matter keys, a bad front matter date).
pub fn load_article_reporting(path: &Path) -> Result<(Article, Vec<Problem>), Problem> {
    let text = read_article_text(path)?;
    parse_article(path.to_path_buf(), text)
}

/// Reads an article file's text, or says (path and reason) why it is
/// skipped: not UTF-8, empty, binary, oversized.
pub fn read_article_text(path: &Path) -> Result<String, Problem> {
    use crate::bounded::{ReadError, read_bounded};
    let bytes = read_bounded(path, MAX_ARTICLE_BYTES).map_err(|e| {
        Problem::file(
            path,
            match e {
                ReadError::TooBig { .. } => format!(
                    "over the {} MiB article limit; split it into smaller files. Skipped",
                    MAX_ARTICLE_BYTES / (1024 * 1024)
                ),
                other => format!("{other}; skipped"),
            },
        )
    })?;
    check_text(bytes).map_err(|why| Problem::file(path, why))
}

/// Refuses binary, non-UTF-8 and empty files, with the reason.
fn check_text(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!(
            "binary file (NUL byte at line {}); skipped",
            bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("not UTF-8 (invalid byte at line {line}); convert it, e.g. `iconv -f WINDOWS-1256 -t UTF-8`. Skipped")
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err("empty file; skipped".to_string());
    }
    Ok(text)
}

/// Builds an article from its text: front matter, then inferred metadata.
pub fn parse_article(path: PathBuf, text: String) -> Result<(Article, Vec<Problem>), Problem> {
    let mut warnings = Vec::new();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (mut meta, body) = match front_matter(&text, start) {
        FrontMatter::Absent => (ArticleMeta::default(), start..text.len()),
        FrontMatter::Unclosed(line) => {
            return Err(Problem::file(
                &path,
                "front matter opened with `+++` is never closed; add a `+++` line after it. Skipped",
            )
            .at_line(line));
        }
        FrontMatter::Found(toml_range, body) => {
            let meta = read_front_matter(&path, &text, toml_range, &mut warnings)?;
            (meta, body)
        }
    };
    let body_text = &text[body.clone()];
    if meta.title.is_empty() {
        meta.title = inferred_title(body_text);
    }
    if meta.source.is_none() {
        meta.source = meta::source(body_text);
    }
    if meta.date.is_none() {
        meta.date = meta::dateline_date(body_text).map(|d| d.to_string());
    }
    if meta.lang.is_none() {
        meta.lang = meta::guess_lang(body_text).map(str::to_string);
    }
    Ok((
        Article {
            path,
            text: text.into(),
            body,
            meta,
        },
        warnings,
    ))
}

/// How many non-empty lines at the top of the body are looked at for a title.
const TITLE_LINES: usize = 6;

/// The title of an article without front matter `title`: the first line
/// that is not a dateline or a kicker, a Markdown heading's `#`s removed.
///
/// - A **dateline** line holds nothing but a date and the words around one
///   (`السبت 27 يوليو/تموز 2024`, `Updated 10:30 GMT, March 3, 2024`): skipped.
/// - A **wire dateline** before the text (`(CNN)--`, `الرياض (واس) -`) is cut
///   off; a line that holds nothing else is skipped.
/// - A **kicker** before the headline (`عاجل:`, `شاهد بالفيديو..`, `بالصور |`,
///   `WATCH:`) is cut off; a line that holds nothing else is skipped.
///
/// When every top line is one of these, the first non-empty line is the
/// title, as before.
pub fn inferred_title(body: &str) -> String {
    let lines = || {
        body.lines()
            .map(|l| l.trim().trim_start_matches('#').trim())
            .filter(|l| !l.is_empty())
    };
    for line in lines().take(TITLE_LINES) {
        if is_dateline(line) {
            continue;
        }
        let rest = strip_kicker(strip_wire_dateline(line));
        let rest = strip_wire_dateline(rest).trim();
        if !rest.is_empty() && !is_dateline(rest) {
            return rest.to_string();
        }
    }
    lines().next().unwrap_or_default().to_string()
}

/// Words a dateline holds besides numbers (normalised: أ→ا, ة→ه, ى→ي).
const DATELINE_WORDS: &[&str] = &[
    // Weekdays.
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "saturday",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    // Months: Egypt and the Gulf, the Levant and Iraq, the Maghreb.
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "الثاني",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "الاول",
    "جانفي",
    "فيفري",
    "افريل",
    "ماي",
    "جوان",
    "جويليه",
    "اوت",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    // Around a date or time.
    "الموافق",
    "م",
    "ه",
    "هـ",
    "ص",
    "بتوقيت",
    "غرينتش",
    "جرينتش",
    "مكه",
    "المكرمه",
    "gmt",
    "utc",
    "am",
    "pm",
    "اخر",
    "تحديث",
    "نشر",
    "في",
    "updated",
    "published",
    "last",
    "on",
    "at",
];

/// True when the line is nothing but a date (weekday, day, month, year,
/// time) with the words around one, and holds at least one number.
fn is_dateline(line: &str) -> bool {
    let norm = crate::text::normalize::normalize_str(line).to_lowercase();
    let mut numbers = 0;
    for word in norm.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            numbers += 1;
        } else if !DATELINE_WORDS.contains(&word) {
            return false;
        }
    }
    numbers > 0
}

/// A news agency's dateline before the text: `(CNN)--`, `(رويترز) -`, or up
/// to three words of a place then one (`القاهرة (أ ف ب) -`).
fn wire_dateline() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^(?:\([^()]{1,24}\)\s*(?:-+|–|—|:)?|(?:[\p{L}\p{M}]+\s+){0,2}[\p{L}\p{M}]+\s*\([^()]{1,24}\)\s*(?:-+|–|—|:))\s*",
        )
        .expect("a valid pattern")
    })
}

fn strip_wire_dateline(line: &str) -> &str {
    match wire_dateline().find(line) {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

/// Kickers, normalised and lower-cased, longest first.
const KICKERS: &[&str] = &[
    "شاهد بالفيديو",
    "شاهد بالصور",
    "بالفيديو والصور",
    "بالفيديو",
    "بالصور",
    "شاهد",
    "فيديو",
    "صور",
    "عاجل",
    "خاص",
    "حصري",
    "انفوجرافيك",
    "انفوغرافيك",
    "breaking news",
    "breaking",
    "watch",
    "video",
    "exclusive",
    "live",
];

/// The line without a kicker before its headline: a kicker word followed by
/// `..`, `:`, `|`, `-` (or nothing else on the line).
fn strip_kicker(line: &str) -> &str {
    let norm = crate::text::normalize::normalize(line);
    let folded = norm.text.to_lowercase();
    if folded.len() != norm.text.len() {
        return line;
    }
    for k in KICKERS {
        let Some(rest) = folded.strip_prefix(k) else {
            continue;
        };
        let after = rest.trim_start();
        let sep = ["..", "…", ":", "|", "-", "–", "—", "!"]
            .iter()
            .find(|s| after.starts_with(**s));
        let cut = match sep {
            Some(s) => {
                let after_sep = after[s.len()..].trim_start_matches(['.', ' ', ':', '|']);
                folded.len() - after_sep.len()
            }
            None if after.is_empty() => folded.len(),
            None => continue,
        };
        let src = norm.source_range(0..cut).end;
        return line[src..].trim_start();
    }
    line
}

/// Front matter found at the top of a file.
enum FrontMatter {
    /// None: the body starts at the top.
    Absent,
    /// Opened with `+++` on this line and never closed.
    Unclosed(usize),
    /// The TOML text and the body, as byte ranges.
    Found(Range<usize>, Range<usize>),
}

/// Finds front matter at byte `start` of `text`.
fn front_matter(text: &str, start: usize) -> FrontMatter {
    let rest = &text[start..];
    let first_end = rest.find('\n').unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "+++" {
        return FrontMatter::Absent;
    }
    let toml_start = start + first_end + 1;
    let mut pos = toml_start;
    while pos <= text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..line_end].trim_end() == "+++" {
            let body_start = (line_end + 1).min(text.len());
            return FrontMatter::Found(toml_start.min(pos)..pos, body_start..text.len());
        }
        if line_end >= text.len() {
            break;
        }
        pos = line_end + 1;
    }
    FrontMatter::Unclosed(line_of(text, start))
}

/// Reads the front matter's keys. A TOML syntax error skips the article;
/// an unknown key or bad value is a warning.
fn read_front_matter(
    path: &Path,
    text: &str,
    range: Range<usize>,
    warnings: &mut Vec<Problem>,
) -> Result<ArticleMeta, Problem> {
    let src = &text[range.clone()];
    let line_at = |offset: usize| line_of(text, range.start + offset);
    let table: toml::Table = toml::from_str(src).map_err(|e| {
        let line = e.span().map_or(line_at(0), |s| line_at(s.start));
        Problem::file(
            path,
            format!("front matter: {}; skipped", e.message().trim()),
        )
        .at_line(line)
    })?;
    // Where each key is written: a key with escapes (`"a\u001b"`) is not
    // found by searching for its decoded text.
    let spans: std::collections::HashMap<String, usize> = toml::de::DeTable::parse(src)
        .map(|t| {
            t.into_inner()
                .into_iter()
                .map(|(k, _)| (k.get_ref().to_string(), k.span().start))
                .collect()
        })
        .unwrap_or_default();
    let key_line = |key: &str| spans.get(key).map_or(line_at(0), |&at| line_at(at));
    let mut meta = ArticleMeta::default();
    for (key, value) in table {
        let string = match &value {
            toml::Value::String(s) => Some(s.trim().to_string()),
            _ => None,
        };
        match (key.as_str(), string) {
            ("title", Some(s)) => meta.title = s,
            ("source", Some(s)) => meta.source = Some(s).filter(|s| !s.is_empty()),
            ("url", Some(s)) => meta.url = Some(s).filter(|s| !s.is_empty()),
            ("lang", Some(s)) => meta.lang = Some(s).filter(|s| !s.is_empty()),
            ("date", _) => {
                let date = match &value {
                    toml::Value::String(s) if s.trim().len() == 10 => Date::parse_iso(s),
                    toml::Value::Datetime(d) => d.to_string().get(..10).and_then(Date::parse_iso),
                    _ => None,
                };
                match date {
                    Some(d) => meta.date = Some(d.to_string()),
                    None => warnings.push(
                        Problem::file(
                            path,
                            format!(
                                "front matter: date {value} is not a date; write date = 2024-03-01"
                            ),
                        )
                        .at_line(key_line("date")),
                    ),
                }
            }
            ("title" | "source" | "url" | "lang", None) => warnings.push(
                Problem::file(path, format!("front matter: `{key}` must be a string"))
                    .at_line(key_line(&key)),
            ),
            _ => warnings.push(
                Problem::file(
                    path,
                    format!(
                        "front matter: unknown key `{}` (ignored); known keys are title, source, url, date, lang",
                        crate::render::safe(&key)
                    ),
                )
                .at_line(key_line(&key)),
            ),
        }
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Article, Vec<Problem>), Problem> {
        parse_article(PathBuf::from("a.md"), text.to_string())
    }

    #[test]
    fn front_matter_sets_meta_and_body() {
        let text = "+++\ntitle = \"T\"\nsource = \"S\"\ndate = 2024-03-01\nlang = \"en\"\n+++\nBody line.\n";
        let (a, w) = parse(text).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.meta.title, "T");
        assert_eq!(a.meta.source.as_deref(), Some("S"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-03-01"));
        assert_eq!(&a.text[a.body.clone()], "Body line.\n");
    }

    #[test]
    fn inferred_titles_skip_datelines_and_kickers() {
        // (body, inferred title)
        let table: &[(&str, &str)] = &[
            ("عنوان الخبر\nنص.", "عنوان الخبر"),
            ("# عنوان الخبر\nنص.", "عنوان الخبر"),
            (
                "الأحد 14 مارس 2021\nافتتاح جسر جديد فوق النهر\nنص.",
                "افتتاح جسر جديد فوق النهر",
            ),
            ("الثلاثاء 3 آب/أغسطس 2021\nعنوان\n", "عنوان"),
            ("2024-07-27 10:30 GMT\nعنوان\n", "عنوان"),
            (
                "(CNN)--\nوصل الوفد إلى العاصمة.\n",
                "وصل الوفد إلى العاصمة.",
            ),
            ("(CNN)-- وصل الوفد إلى العاصمة.\n", "وصل الوفد إلى العاصمة."),
            (
                "بيروت (أ ف ب) - انقطاع الكهرباء عن المدينة\n",
                "انقطاع الكهرباء عن المدينة",
            ),
            (
                "شاهد بالفيديو..\nسيول تجرف السيارات في الوادي\n",
                "سيول تجرف السيارات في الوادي",
            ),
            ("شاهد بالفيديو.. سيول تجرف السيارات\n", "سيول تجرف السيارات"),
            ("عاجل: إغلاق المطار بسبب الضباب\n", "إغلاق المطار بسبب الضباب"),
            ("بالصور | مهرجان الزهور\n", "مهرجان الزهور"),
            ("WATCH: A bridge opens\n", "A bridge opens"),
            // Words that only start like a kicker, or a date inside a headline, stay.
            ("صورة نادرة من الأرشيف\n", "صورة نادرة من الأرشيف"),
            ("انتخابات 2024 تقترب\n", "انتخابات 2024 تقترب"),
            ("قمة (العشرين) تبدأ اليوم\n", "قمة (العشرين) تبدأ اليوم"),
            // Nothing but datelines: the first line, as before.
            ("السبت 27 يوليو 2024\n", "السبت 27 يوليو 2024"),
        ];
        for (body, want) in table {
            assert_eq!(inferred_title(body), *want, "{body:?}");
        }
    }

    #[test]
    fn unclosed_front_matter_is_a_problem() {
        let p = parse("+++\ntitle = \"T\"\nBody\n").unwrap_err();
        assert_eq!(p.line, Some(1));
    }

    #[test]
    fn toml_error_has_file_line() {
        let p = parse("+++\ntitle = \"T\"\nsource = \n+++\nBody\n").unwrap_err();
        assert_eq!(p.line, Some(3), "{p}");
    }

    #[test]
    fn unknown_key_is_a_warning_with_line() {
        let (a, w) = parse("+++\ntitle = \"T\"\nauthor = \"X\"\n+++\nBody\n").unwrap();
        assert_eq!(a.meta.title, "T");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(3));
        assert!(w[0].message.contains("author"));
    }

    #[test]
    fn a_key_with_escapes_is_reported_on_its_line() {
        let text = "+++\ntitle = \"T\"\n\n\"x\\u001b]0;t\\u0007\" = 1\n+++\nBody\n";
        let (_, w) = parse(text).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line, Some(4), "{}", w[0]);
        assert!(w[0].message.contains("x␛]0;t␇"), "{}", w[0]);
    }

    #[test]
    fn bad_date_is_a_warning() {
        let (a, w) = parse("+++\ndate = \"2024-02-30\"\n+++\nBody\n").unwrap();
        assert_eq!(a.meta.date, None);
        assert_eq!(w[0].line, Some(2));
    }

    #[test]
    fn binary_empty_and_latin1_are_refused() {
        assert!(
            check_text(b"abc\0def".to_vec())
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            check_text(b"  \n\n".to_vec())
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            check_text(b"caf\xe9".to_vec())
                .unwrap_err()
                .contains("UTF-8")
        );
    }
}
