//! JSON of `claimdesk extract`, written straight into a byte buffer.
//!
//! The bytes are those `serde_json` writes for the same shapes (compact,
//! fields in the order below, `null` for a missing value, captures sorted by
//! name), without building values or a `String` per claim; except that the
//! characters a terminal acts on (DEL, C1, bidi and zero-width characters)
//! are written as `\uXXXX` escapes, which read back as the same string.

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
    /// `recheck`, `conflict`, `stale`, `manual` (see `session::ClaimFlags`).
    pub flags: &'a [&'a str],
    pub matches: &'a [MatchJson<'a>],
    /// Claims in other articles linked to this one (see `crate::link`).
    pub related: &'a [RelatedJson<'a>],
    /// Reviews of other organisations that match the claim (imported with
    /// `import-reviews`); the key is left out when there is none.
    pub reviews: &'a [ReviewJson<'a>],
}

/// An imported review matching a claim.
pub(super) struct ReviewJson<'a> {
    pub review: &'a crate::reviews::ImportedReview,
    /// `same` or `similar`.
    pub level: &'a str,
    pub similarity: f32,
}

/// A claim of another article linked to this one.
pub(super) struct RelatedJson<'a> {
    pub id: &'a str,
    pub path: &'a str,
    /// `same` or `similar`.
    pub level: &'a str,
    pub similarity: f32,
    /// The figures that differ (as written here and there, unit, values).
    pub drift: &'a [crate::link::Drift],
}

/// One rule's match inside a claim.
pub(super) struct MatchJson<'a> {
    pub rule: &'a str,
    pub range: Range<usize>,
    /// Named captures as (name, byte range in the article's text), sorted by name.
    pub captures: Vec<(&'a str, Range<usize>)>,
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
        out.extend_from_slice(b",\"rules\":");
        strings(out, self.rules);
        out.extend_from_slice(b",\"kind\":");
        string(out, self.kind);
        out.extend_from_slice(b",\"text\":");
        string(out, self.text.get(self.range.clone()).unwrap_or(""));
        bounds(out, &self.range);
        field(out, "verdict");
        option(out, self.verdict);
        out.extend_from_slice(b",\"flags\":");
        strings(out, self.flags);
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
        out.extend_from_slice(b"],\"related\":[");
        for (i, r) in self.related.iter().enumerate() {
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
            // Three decimals: enough to rank, stable across runs.
            let rounded = (f64::from(r.similarity.clamp(0.0, 1.0)) * 1000.0).round() / 1000.0;
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
        if !self.reviews.is_empty() {
            out.extend_from_slice(b",\"reviews\":[");
            for (i, r) in self.reviews.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let v = r.review;
                out.extend_from_slice(b"{\"url\":");
                string(out, &v.url);
                field(out, "claimReviewed");
                string(out, &v.claim);
                field(out, "rating");
                option(out, v.rating.as_deref());
                field(out, "author");
                option(out, v.author.as_deref());
                field(out, "date");
                option(out, v.date.as_deref());
                field(out, "level");
                string(out, r.level);
                field(out, "similarity");
                let rounded = (f64::from(r.similarity.clamp(0.0, 1.0)) * 1000.0).round() / 1000.0;
                float(out, rounded);
                out.push(b'}');
            }
            out.push(b']');
        }
        out.push(b'}');
    }
}

/// A JSON number as serde_json writes it (`null` for a value JSON cannot hold).
fn float(out: &mut Vec<u8>, v: f64) {
    match serde_json::to_vec(&v) {
        Ok(bytes) => out.extend_from_slice(&bytes),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// `["a","b"]`
fn strings(out: &mut Vec<u8>, list: &[&str]) {
    out.push(b'[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, s);
    }
    out.push(b']');
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
/// (`\n`, `\t`… where JSON has a short form, else `\u00XX`), as
/// `serde_json` does; and, so that the output is safe to show on a terminal
/// too, DEL, the C1 controls (U+0080–U+009F: U+009B is an 8-bit CSI), the
/// bidi controls, zero-width characters and U+2028/U+2029 as `\uXXXX`. The
/// string a JSON reader gets back is exactly the same. The rest, UTF-8
/// included, as it is.
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
            0x00..=0x1F | 0x7F => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ],
            0xC2 | 0xE2 | 0xEF => {
                // The character starting here, escaped if a terminal would act on it.
                let len = if b == 0xC2 { 2 } else { 3 };
                let Some(c) = s.get(i - 1..i - 1 + len).and_then(|t| t.chars().next()) else {
                    continue;
                };
                if !terminal_unsafe(c) {
                    continue;
                }
                let code = c as u32;
                out.extend_from_slice(&bytes[run..i - 1]);
                out.extend_from_slice(b"\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((code >> shift) & 0xF) as usize]);
                }
                i += len - 1;
                run = i;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i - 1]);
        out.extend_from_slice(short);
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Characters of two or three UTF-8 bytes (lead byte 0xC2, 0xE2 or 0xEF)
/// escaped although JSON allows them raw: C1 controls, bidi controls,
/// zero-width characters, the line and paragraph separators, BOM.
fn terminal_unsafe(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}')
}

/// True when one of the eight bytes of `word` is a control character
/// (below 0x20), DEL, `"`, `\\`, or a lead byte 0xC2, 0xE2, 0xEF of a
/// character [`terminal_unsafe`] may escape (may also say so for some other
/// bytes at or above 0x80, which are then looked at one by one).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte is zero in `x` => its high bit is set in `zero(x)`.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let is = |b: u8| zero(word ^ (ONES * u64::from(b)));
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    below_space | is(b'"') | is(b'\\') | is(0x7F) | is(0xC2) | is(0xE2) | is(0xEF) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_json` writes for `s`, with the characters a terminal
    /// would act on escaped as `string` escapes them.
    fn serde_then_terminal_safe(s: &str) -> String {
        let raw = serde_json::to_string(s).unwrap_or_default();
        raw.chars()
            .map(|c| {
                if c == '\u{7f}' || terminal_unsafe(c) {
                    format!("\\u{:04x}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn terminal_unsafe_characters_are_escaped_and_read_back_exactly() {
        let s = "a\u{1b}]52;c;QQ==\u{7}\u{9b}31m\u{202e}x\u{200b}y\u{feff}«ب»\u{7f}";
        let mut out = Vec::new();
        string(&mut out, s);
        let json = String::from_utf8(out).unwrap();
        assert!(
            !json.chars().any(|c| c.is_control() || terminal_unsafe(c)),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), s);
        assert!(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("«ب»"));
    }

    #[test]
    fn strings_are_escaped_like_serde_json_and_terminal_safe() {
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
            let expected = serde_then_terminal_safe(s);
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
                let expected = serde_then_terminal_safe(&s);
                assert_eq!(String::from_utf8_lossy(&out), expected, "{s:?}");
            }
        }
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
        let drift = [crate::link::Drift {
            ours: "66".into(),
            theirs: "65".into(),
            ours_value: 66.0,
            theirs_value: 65.0,
            unit: crate::figures::Unit::Count,
        }];
        let claim = ClaimJson {
            path: Some("a/b.txt"),
            id: "0123456789ab",
            rules: &["ar.q", "ar.z"],
            kind: "quote",
            text,
            range: 2..text.len(),
            verdict: None,
            flags: &["recheck", "conflict"],
            matches: &matches,
            related: &[RelatedJson {
                id: "ba9876543210",
                path: "c/d.md",
                level: "same",
                similarity: 0.8765,
                drift: &drift,
            }],
            reviews: &[],
        };
        let mut out = Vec::new();
        claim.write(&mut out);
        let expected = serde_json::json!({
            "path": "a/b.txt", "id": "0123456789ab", "rules": ["ar.q", "ar.z"],
            "kind": "quote", "text": &text[2..], "start": 2, "end": text.len(),
            "verdict": null, "flags": ["recheck", "conflict"],
            "matches": [{"rule": "ar.q", "start": 2, "end": 8,
                         "captures": {"a": &text[2..4], "b": &text[6..8]}}],
            "related": [{"id": "ba9876543210", "path": "c/d.md", "level": "same",
                         "similarity": 0.877, "drift": [{"ours": "66", "theirs": "65",
                         "unit": "count", "ours_value": 66.0, "theirs_value": 65.0}]}],
        });
        let got: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(got, expected);

        // With a matching imported review, a `reviews` list follows.
        let review = crate::reviews::ImportedReview {
            url: "https://r.example/1".into(),
            claim: "A claim \"quoted\"".into(),
            rating: Some("خطأ".into()),
            ..Default::default()
        };
        let reviews = [ReviewJson {
            review: &review,
            level: "similar",
            similarity: 0.5,
        }];
        let claim = ClaimJson {
            reviews: &reviews,
            related: &[],
            ..claim
        };
        let mut out = Vec::new();
        claim.write(&mut out);
        let got: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(
            got["reviews"],
            serde_json::json!([{"url": "https://r.example/1", "claimReviewed": "A claim \"quoted\"",
                "rating": "خطأ", "author": null, "date": null, "level": "similar", "similarity": 0.5}])
        );
    }
}
