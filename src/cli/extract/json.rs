//! JSON of `claimdesk extract`, written straight into a byte buffer.
//!
//! The bytes are those `serde_json` writes for the same shapes (compact,
//! fields in the order below, `null` for a missing value, captures sorted by
//! name), without building values or a `String` per claim.

use std::ops::Range;

/// One claim, ready to write.
pub(super) struct ClaimJson<'a> {
    /// The article's path: written first in `--format jsonl`, left out in `json`.
    pub path: Option<&'a str>,
    pub id: &'a str,
    /// The ids of the claim's rules, in rule order.
    pub rules: &'a [&'a str],
    pub kind: &'a str,
    /// The article's text: `range` and the matches index into it.
    pub text: &'a str,
    pub range: Range<usize>,
    pub verdict: Option<&'a str>,
    pub matches: &'a [MatchJson<'a>],
}

/// One rule's match inside a claim.
pub(super) struct MatchJson<'a> {
    pub rule: &'a str,
    pub range: Range<usize>,
    /// Named captures as (name, byte range in the article's text), sorted by name.
    pub captures: Vec<(&'a str, Range<usize>)>,
}

/// A claim in another article linked to this one (`"related"`).
pub(super) struct RelatedJson<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub level: &'a str,
    pub similarity: f32,
    pub drift: &'a [crate::link::Drift],
}

/// Writes `,"related":[…]` (the caller puts it before the claim's closing `}`).
pub(super) fn write_related(out: &mut Vec<u8>, related: &[RelatedJson]) {
    out.extend_from_slice(b",\"related\":[");
    for (i, r) in related.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":");
        string(out, r.id);
        field(out, "path");
        string(out, r.path);
        field(out, "level");
        string(out, r.level);
        field(out, "similarity");
        let rounded = (f64::from(r.similarity) * 1000.0).round() / 1000.0;
        float(out, rounded);
        out.extend_from_slice(b",\"drift\":[");
        for (j, d) in r.drift.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"ours\":");
            string(out, &d.ours);
            field(out, "theirs");
            string(out, &d.theirs);
            field(out, "unit");
            string(out, d.unit.name());
            field(out, "ours_value");
            float(out, d.ours_value);
            field(out, "theirs_value");
            float(out, d.theirs_value);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
    out.push(b']');
}

/// A JSON number as serde_json writes it (`null` for a value JSON cannot hold).
fn float(out: &mut Vec<u8>, v: f64) {
    match serde_json::to_vec(&v) {
        Ok(bytes) => out.extend_from_slice(&bytes),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// An article's header in `--format json` (its claims follow).
pub(super) struct ArticleJson<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl ArticleJson<'_> {
    /// Writes `{"path":…,…,"claims":[` (the caller writes the claims and `]}`).
    pub(super) fn write_open(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"path\":");
        string(out, self.path);
        out.extend_from_slice(b",\"title\":");
        string(out, self.title);
        for (key, value) in [
            ("source", self.source),
            ("date", self.date),
            ("lang", self.lang),
            ("url", self.url),
        ] {
            field(out, key);
            option(out, value);
        }
        out.extend_from_slice(b",\"claims\":[");
    }
}

impl ClaimJson<'_> {
    /// Writes the claim as one JSON object (no newline).
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        if let Some(path) = self.path {
            out.extend_from_slice(b"\"path\":");
            string(out, path);
            out.push(b',');
        }
        out.extend_from_slice(b"\"id\":");
        string(out, self.id);
        out.extend_from_slice(b",\"rules\":[");
        for (i, rule) in self.rules.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, rule);
        }
        out.extend_from_slice(b"],\"kind\":");
        string(out, self.kind);
        out.extend_from_slice(b",\"text\":");
        string(out, self.text.get(self.range.clone()).unwrap_or(""));
        bounds(out, &self.range);
        field(out, "verdict");
        option(out, self.verdict);
        out.extend_from_slice(b",\"matches\":[");
        for (i, m) in self.matches.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"rule\":");
            string(out, m.rule);
            bounds(out, &m.range);
            out.extend_from_slice(b",\"captures\":{");
            for (j, (name, range)) in m.captures.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                string(out, name);
                out.push(b':');
                string(out, self.text.get(range.clone()).unwrap_or(""));
            }
            out.extend_from_slice(b"}}");
        }
        out.extend_from_slice(b"]}");
    }
}

/// `,"key":`
fn field(out: &mut Vec<u8>, key: &str) {
    out.push(b',');
    string(out, key);
    out.push(b':');
}

/// `,"start":N,"end":M`
fn bounds(out: &mut Vec<u8>, range: &Range<usize>) {
    out.extend_from_slice(b",\"start\":");
    number(out, range.start);
    out.extend_from_slice(b",\"end\":");
    number(out, range.end);
}

fn option(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A JSON string: quotes, backslashes and control characters escaped
/// (`\n`, `\t`… where JSON has a short form, else `\u00XX`); the rest,
/// UTF-8 included, as it is.
pub(super) fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs escaping.
        if let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0x00..=0x1F => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ],
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i - 1]);
        out.extend_from_slice(short);
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// True when one of the eight bytes of `word` is a control character
/// (below 0x20), `"` or `\\` (may also say so for some other bytes at or
/// above 0x80, which are then looked at one by one).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte is zero in `x` => its high bit is set in `zero(x)`.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    below_space | zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')))
        != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let samples = [
            "",
            "plain",
            "قال \"الوزير\" إن",
            "back\\slash / slash",
            "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1b}\u{1f} \u{7f}\u{85}\u{2028}",
            "«اقتباس» “quote” 😀",
        ];
        let long = "«x» \"y\" \\ z\u{1}ab\tc".repeat(3) + "0123456789abcdefg\u{7f}";
        for s in samples.iter().copied().chain([long.as_str()]) {
            let mut out = Vec::new();
            string(&mut out, s);
            let expected = serde_json::to_string(s).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&out), expected, "{s:?}");
        }
    }

    #[test]
    fn every_ascii_char_at_every_offset_of_a_word() {
        for c in (0u8..128).map(char::from) {
            for offset in 0..10 {
                let s = format!("{}{c}{}", "a".repeat(offset), "ب".repeat(5));
                let mut out = Vec::new();
                string(&mut out, &s);
                let expected = serde_json::to_string(&s).unwrap_or_default();
                assert_eq!(String::from_utf8_lossy(&out), expected, "{s:?}");
            }
        }
    }

    #[test]
    fn related_claims_read_back() {
        let drift = [crate::link::Drift {
            ours: "8,000".into(),
            theirs: "٧٥٠٠".into(),
            ours_value: 8000.0,
            theirs_value: 7500.0,
            unit: crate::figures::Unit::Count,
        }];
        let related = [RelatedJson {
            id: "0123456789ab",
            path: "b.md",
            level: "same",
            similarity: 0.8125,
            drift: &drift,
        }];
        let mut out = b"{\"id\":\"x\"".to_vec();
        write_related(&mut out, &related);
        out.push(b'}');
        let got: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        let expected = serde_json::json!({"id": "x", "related": [{
            "id": "0123456789ab", "path": "b.md", "level": "same", "similarity": 0.813,
            "drift": [{"ours": "8,000", "theirs": "٧٥٠٠", "unit": "count",
                       "ours_value": 8000.0, "theirs_value": 7500.0}]}]});
        assert_eq!(got, expected);
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [0, 7, 10, 99, 100, 123_456_789, usize::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8_lossy(&out), n.to_string());
        }
    }

    #[test]
    fn a_claim_reads_back_with_every_field() {
        let text = "x قال: \"نعم\"\n";
        let matches = [MatchJson {
            rule: "ar.q",
            range: 2..8,
            captures: vec![("a", 2..4), ("b", 6..8)],
        }];
        let claim = ClaimJson {
            path: Some("a/b.txt"),
            id: "0123456789ab",
            rules: &["ar.q", "ar.z"],
            kind: "quote",
            text,
            range: 2..text.len(),
            verdict: None,
            matches: &matches,
        };
        let mut out = Vec::new();
        claim.write(&mut out);
        let expected = serde_json::json!({
            "path": "a/b.txt", "id": "0123456789ab", "rules": ["ar.q", "ar.z"],
            "kind": "quote", "text": &text[2..], "start": 2, "end": text.len(),
            "verdict": null,
            "matches": [{"rule": "ar.q", "start": 2, "end": 8,
                         "captures": {"a": &text[2..4], "b": &text[6..8]}}],
        });
        let got: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(got, expected);
    }
}
