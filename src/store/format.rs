//! The verdict file format: a deterministic, merge-friendly TOML layout.
//!
//! ```toml
//! schema = 1
//!
//! [0a1b2c3d4e5f]
//! verdict = "disputed"
//! rating = "misleading"
//! claim = "…"
//! rule = "ar.quote-said"
//! articles = ["articles/a.txt"]
//! note = "line one\nline two"
//! evidence = ["https://example.org/x"]
//! analyst = "Lina"
//! updated = "2026-11-21T09:40:00Z"
//! recheck = true
//! conflicts = [{ verdict = "confirmed", rating = "true", note = "", evidence = [], analyst = "Omar", updated = "2026-11-21T09:41:00Z" }]
//! ```
//!
//! One table per claim, sorted by id, a blank line between, fields in a fixed
//! order, one line each. `verdict` is left out when a (manual) claim has none;
//! `rating`, `recheck` and `conflicts` appear only when set. Written by [`serialize`]
//! (never by a generic TOML writer), read by [`parse`] with the toml crate.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::{Judgement, Verdict, VerdictRecord};
use crate::extract::ClaimId;
use crate::problem::Problem;

/// The schema version written at the top of every verdict file.
pub const SCHEMA: i64 = 1;

/// The records of one verdict file, by claim id.
pub type Records = BTreeMap<ClaimId, VerdictRecord>;

/// Writes records in the canonical layout.
pub fn serialize(records: &Records) -> String {
    serialize_with_lines(records).0
}

/// Writes records in the canonical layout, with the 1-based line of each
/// record's table header.
pub fn serialize_with_lines(records: &Records) -> (String, BTreeMap<String, usize>) {
    let mut out = String::with_capacity(64 + records.len() * 320);
    let mut lines = BTreeMap::new();
    out.push_str("schema = ");
    out.push_str(&SCHEMA.to_string());
    out.push('\n');
    let mut line = 1;
    for rec in records.values() {
        out.push('\n');
        lines.insert(rec.id.to_string(), line + 2);
        line += 1 + write_record(&mut out, rec);
    }
    (out, lines)
}

/// Writes one record; returns how many lines it took.
fn write_record(out: &mut String, rec: &VerdictRecord) -> usize {
    let mut n = 0;
    let mut field = |out: &mut String, name: &str, value: &str| {
        out.push_str(name);
        out.push_str(" = ");
        out.push_str(value);
        out.push('\n');
        n += 1;
    };
    out.push('[');
    out.push_str(&key(&rec.id.0));
    out.push_str("]\n");
    if let Some(v) = rec.verdict {
        field(out, "verdict", &quote(v.as_str()));
    }
    if let Some(r) = &rec.rating {
        field(out, "rating", &quote(r));
    }
    field(out, "claim", &quote(&rec.claim));
    field(out, "rule", &quote(&rec.rule));
    field(out, "articles", &array(&rec.articles));
    field(out, "note", &quote(&rec.note));
    field(out, "evidence", &array(&rec.evidence));
    field(out, "analyst", &quote(&rec.analyst));
    field(out, "updated", &quote(&rec.updated));
    if rec.recheck {
        field(out, "recheck", "true");
    }
    if !rec.conflicts.is_empty() {
        let items: Vec<String> = rec.conflicts.iter().map(inline_judgement).collect();
        field(out, "conflicts", &format!("[{}]", items.join(", ")));
    }
    n + 1
}

fn inline_judgement(j: &Judgement) -> String {
    let mut s = String::from("{ ");
    if let Some(v) = j.verdict {
        let _ = write!(s, "verdict = {}, ", quote(v.as_str()));
    }
    if let Some(r) = &j.rating {
        let _ = write!(s, "rating = {}, ", quote(r));
    }
    let _ = write!(
        s,
        "note = {}, evidence = {}, analyst = {}, updated = {} }}",
        quote(&j.note),
        array(&j.evidence),
        quote(&j.analyst),
        quote(&j.updated)
    );
    s
}

/// A table key: bare when it can be, else a quoted string.
fn key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { id.to_string() } else { quote(id) }
}

fn array(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A TOML basic string on one line: newlines and every control character escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    if !may_need_escape(s.as_bytes()) {
        out.push_str(s);
        out.push('"');
        return out;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            // Line and paragraph separators would end a line in some tools;
            // invisible direction marks and overrides are shown escaped so a
            // diff cannot be reordered by them (parsing restores them).
            '\u{2028}'
            | '\u{2029}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A quick byte test: false only when no character of `b` needs an escape.
fn may_need_escape(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    b.iter().enumerate().any(|(i, &c)| match c {
        0..=0x1f | b'"' | b'\\' | 0x7f => true,
        // C1 controls U+0080..U+009F.
        0xc2 => at(i + 1) < 0xa0,
        // U+061C arabic letter mark.
        0xd8 => at(i + 1) == 0x9c,
        // U+200E/F, U+2028..U+202E, U+2066..U+2069.
        0xe2 => {
            (at(i + 1) == 0x80 && matches!(at(i + 2), 0x8e | 0x8f | 0xa8..=0xae))
                || (at(i + 1) == 0x81 && matches!(at(i + 2), 0xa6..=0xa9))
        }
        _ => false,
    })
}

/// True for a character [`quote`] writes as an escape (checks the byte test).
#[cfg(test)]
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '"' | '\\'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    ) || c.is_control()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    verdict: Option<String>,
    rating: Option<String>,
    #[serde(default)]
    claim: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    analyst: String,
    #[serde(default)]
    updated: String,
    #[serde(default)]
    recheck: bool,
    #[serde(default)]
    conflicts: Vec<RawJudgement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJudgement {
    verdict: Option<String>,
    rating: Option<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    analyst: String,
    #[serde(default)]
    updated: String,
}

fn verdict_word(word: Option<String>) -> Result<Option<Verdict>, String> {
    match word {
        None => Ok(None),
        Some(w) => Verdict::parse(&w).map(Some).ok_or_else(|| {
            format!("unknown verdict \"{w}\"; use confirmed, disputed, unverified or not-a-claim")
        }),
    }
}

/// The 1-based line of each `[id]` table header (for messages).
pub fn header_lines(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            let inner = inner.trim();
            let id = match inner.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                Some(q) => toml::from_str::<toml::Table>(&format!("k = \"{q}\""))
                    .ok()
                    .and_then(|t| t.get("k").and_then(|v| v.as_str().map(str::to_string)))
                    .unwrap_or_else(|| q.to_string()),
                None => inner.to_string(),
            };
            out.entry(id).or_insert(i + 1);
        }
    }
    out
}

pub use crate::problem::line_of;

/// Parses a verdict file. `path` is only used in problems.
pub fn parse(path: &Path, text: &str) -> Result<Records, Problem> {
    if let Some(line) = conflict_marker_line(text) {
        return Err(Problem::file(
            path,
            "git conflict markers: resolve the merge (keep one side of each conflict), then run `claimdesk check`",
        )
        .at_line(line));
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let p = Problem::file(
            path,
            format!("not a valid verdict file: {}", e.message().trim()),
        );
        match e.span() {
            Some(s) => p.at_line(line_of(text, s.start)),
            None => p,
        }
    })?;
    let lines = header_lines(text);
    let mut records = Records::new();
    for (k, v) in table {
        if k == "schema" {
            match v.as_integer() {
                Some(n) if n <= SCHEMA => continue,
                _ => {
                    return Err(Problem::file(
                        path,
                        format!("schema {v} is not supported (this claimdesk reads schema {SCHEMA}); update claimdesk"),
                    )
                    .at_line(1));
                }
            }
        }
        let line = lines.get(&k).copied();
        let at = |p: Problem| match line {
            Some(l) => p.at_line(l),
            None => p,
        };
        if !v.is_table() {
            return Err(at(Problem::file(
                path,
                format!("`{k}` should be a claim table `[{k}]`"),
            )));
        }
        let raw: RawRecord = v.try_into().map_err(|e: toml::de::Error| {
            at(Problem::file(path, format!("claim {k}: {}", e.message().trim())).about(&k))
        })?;
        let verdict =
            verdict_word(raw.verdict).map_err(|m| at(Problem::file(path, m).about(&k)))?;
        let rating = match raw.rating {
            Some(r) if r.trim().is_empty() => {
                return Err(at(Problem::file(
                    path,
                    format!("claim {k}: empty `rating`; write a label of the desk's scale or remove the line"),
                )
                .about(&k)));
            }
            r => r,
        };
        let mut conflicts = Vec::new();
        for j in raw.conflicts {
            conflicts.push(Judgement {
                verdict: verdict_word(j.verdict)
                    .map_err(|m| at(Problem::file(path, m).about(&k)))?,
                rating: j.rating,
                note: j.note,
                evidence: j.evidence,
                analyst: j.analyst,
                updated: j.updated,
            });
        }
        let id = ClaimId(k.into());
        records.insert(
            id.clone(),
            VerdictRecord {
                id,
                verdict,
                rating,
                claim: raw.claim,
                rule: raw.rule,
                articles: raw.articles,
                note: raw.note,
                evidence: raw.evidence,
                analyst: raw.analyst,
                updated: raw.updated,
                recheck: raw.recheck,
                conflicts,
            },
        );
    }
    Ok(records)
}

/// The first line that is a git conflict marker, if any.
pub fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines().position(is_marker).map(|i| i + 1)
}

fn is_marker(line: &str) -> bool {
    let line = line.trim_end_matches('\r');
    line.starts_with("<<<<<<< ")
        || line == "<<<<<<<"
        || line.starts_with(">>>>>>> ")
        || line == ">>>>>>>"
        || line.starts_with("||||||| ")
        || line == "|||||||"
        || line == "======="
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str) -> VerdictRecord {
        VerdictRecord {
            id: ClaimId(id.into()),
            verdict: Some(Verdict::Disputed),
            rating: Some("missing \"context\" ناقص".to_string()),
            claim: "قال الوزير \"إن\" النمو ٥٪\tهذا العام".to_string(),
            rule: "ar.said".to_string(),
            articles: vec!["articles/a.txt".into(), "articles/b.txt".into()],
            note: "first line\nsecond \\ line \u{1} \u{202E}x\u{200F}".to_string(),
            evidence: vec!["https://example.org/x?a=1".into()],
            analyst: "Lina".to_string(),
            updated: "2026-11-21T09:40:00Z".to_string(),
            recheck: true,
            conflicts: vec![Judgement {
                verdict: Some(Verdict::Confirmed),
                rating: Some("mostly-true".into()),
                note: "=======\n<<<<<<< x".into(),
                evidence: vec![],
                analyst: "Omar".into(),
                updated: "2026-11-21T09:41:00Z".into(),
            }],
        }
    }

    #[test]
    fn round_trip_is_exact_and_stable() {
        let mut records = Records::new();
        for id in ["b2", "a1", "weird id"] {
            let r = rec(id);
            records.insert(r.id.clone(), r);
        }
        let text = serialize(&records);
        let back = parse(Path::new("x.verdicts.toml"), &text).unwrap();
        assert_eq!(back, records);
        assert_eq!(serialize(&back), text);
        // One line per field, sorted ids, blank line between records.
        assert!(text.starts_with(
            "schema = 1\n\n[a1]\nverdict = \"disputed\"\nrating = \"missing \\\"context\\\" ناقص\"\nclaim = "
        ));
        assert!(text.contains("\n\n[b2]\n"));
        assert_eq!(text.lines().filter(|l| l.starts_with("note = ")).count(), 3);
        assert!(conflict_marker_line(&text).is_none());
        assert!(text.contains("\\u202Ex\\u200F"));
        assert_eq!(serialize_with_lines(&records).1, header_lines(&text));
    }

    #[test]
    fn the_byte_test_never_misses_a_character_to_escape() {
        for c in (0u32..0x3000)
            .chain(0xfff0..0x10000)
            .filter_map(char::from_u32)
        {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            assert!(!needs_escape(c) || may_need_escape(s.as_bytes()), "{c:?}");
        }
        assert!(!may_need_escape("قال الوزير «نعم» – ٥٪".as_bytes()));
    }

    #[test]
    fn empty_store_is_only_the_schema() {
        assert_eq!(serialize(&Records::new()), "schema = 1\n");
        assert!(parse(Path::new("x"), "schema = 1\n").unwrap().is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let text = "schema = 1\n\n[abc]\nverdict = \"maybe\"\n";
        let p = parse(Path::new("r/x.verdicts.toml"), text).unwrap_err();
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("maybe"), "{p}");

        let text = "schema = 1\n\n[abc]\nverdict = \"confirmed\nnote = 1\n";
        let p = parse(Path::new("r/x.verdicts.toml"), text).unwrap_err();
        assert_eq!(p.line, Some(4), "{p}");

        let text = "schema = 1\n<<<<<<< HEAD\n[a]\n=======\n[b]\n>>>>>>> other\n";
        let p = parse(Path::new("x"), text).unwrap_err();
        assert_eq!(p.line, Some(2));
        assert!(p.message.contains("conflict markers"));

        let text = "schema = 1\n\n[abc]\nverdict = \"disputed\"\nrating = \" \"\n";
        let p = parse(Path::new("r/x.verdicts.toml"), text).unwrap_err();
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("rating"), "{p}");

        let p = parse(Path::new("x"), "schema = 2\n").unwrap_err();
        assert!(p.message.contains("schema"));
        let p = parse(Path::new("x"), "schema = 1\n[a]\ncolour = \"red\"\n").unwrap_err();
        assert!(p.message.contains("colour"), "{p}");
    }
}
