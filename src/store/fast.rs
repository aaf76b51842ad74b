//! A quick reader for verdict files in exactly the layout claimdesk writes
//! ([`super::format::serialize`]): a desk of 100k claim files is mostly
//! parsing. Its result is trusted only when writing it back gives the same
//! bytes; anything else (a file edited by hand, an unknown word, an old
//! schema) is left to the TOML parser, which also gives the messages.

use super::format::{Records, serialize};
use super::{Judgement, Verdict, VerdictRecord};
use crate::extract::ClaimId;

/// The records of `text` when it is in the canonical layout, else `None`.
pub fn parse_canonical(text: &str) -> Option<Records> {
    let records = read(text)?;
    (serialize(&records) == text).then_some(records)
}

fn read(text: &str) -> Option<Records> {
    let mut lines = text.split('\n');
    if lines.next()? != "schema = 1" {
        return None;
    }
    let mut records = Records::new();
    let mut cur: Option<VerdictRecord> = None;
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            if let Some(r) = cur.take() {
                records.insert(r.id.clone(), r);
            }
            let key = rest.strip_suffix(']')?;
            let id = if key.starts_with('"') {
                let mut c = Cursor(key);
                let s = c.string()?;
                c.done()?;
                s
            } else {
                key.to_string()
            };
            cur = Some(VerdictRecord {
                id: ClaimId(id.into()),
                ..VerdictRecord::default()
            });
            continue;
        }
        let rec = cur.as_mut()?;
        let (name, value) = line.split_once(" = ")?;
        let mut c = Cursor(value);
        match name {
            "verdict" => rec.verdict = Some(Verdict::parse(&c.string()?)?),
            "rating" => {
                let r = c.string()?;
                // The TOML path refuses a blank label, with a message.
                if r.trim().is_empty() {
                    return None;
                }
                rec.rating = Some(r);
            }
            "claim" => rec.claim = c.string()?,
            "rule" => rec.rule = c.string()?,
            "articles" => rec.articles = c.strings()?,
            "note" => rec.note = c.string()?,
            "evidence" => rec.evidence = c.strings()?,
            "analyst" => rec.analyst = c.string()?,
            "updated" => rec.updated = c.string()?,
            "recheck" => {
                c.eat("true")?;
                rec.recheck = true;
            }
            "conflicts" => rec.conflicts = c.judgements()?,
            _ => return None,
        }
        c.done()?;
    }
    if let Some(r) = cur.take() {
        records.insert(r.id.clone(), r);
    }
    Some(records)
}

/// What is left of a value to read.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    fn eat(&mut self, s: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(s)?;
        Some(())
    }

    fn done(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }

    /// A basic string on one line, with the escapes [`super::format::quote`] writes.
    fn string(&mut self) -> Option<String> {
        self.eat("\"")?;
        let mut out = String::new();
        let mut chars = self.0.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.0 = &self.0[i + 1..];
                    return Some(out);
                }
                '\\' => {
                    let (_, e) = chars.next()?;
                    out.push(match e {
                        '"' => '"',
                        '\\' => '\\',
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'u' => {
                            let mut v = 0u32;
                            for _ in 0..4 {
                                v = v * 16 + chars.next()?.1.to_digit(16)?;
                            }
                            char::from_u32(v)?
                        }
                        _ => return None,
                    });
                }
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        None
    }

    /// `["a", "b"]`.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.eat("[")?;
        let mut out = Vec::new();
        if self.eat("]").is_some() {
            return Some(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat("]").is_some() {
                return Some(out);
            }
            self.eat(", ")?;
        }
    }

    /// `[{ verdict = "…", note = "…", … }, …]`.
    fn judgements(&mut self) -> Option<Vec<Judgement>> {
        self.eat("[")?;
        let mut out = Vec::new();
        if self.eat("]").is_some() {
            return Some(out);
        }
        loop {
            self.eat("{ ")?;
            let mut j = Judgement {
                verdict: None,
                rating: None,
                note: String::new(),
                evidence: Vec::new(),
                analyst: String::new(),
                updated: String::new(),
            };
            loop {
                let (name, rest) = self.0.split_once(" = ")?;
                self.0 = rest;
                match name {
                    "verdict" => j.verdict = Some(Verdict::parse(&self.string()?)?),
                    "rating" => j.rating = Some(self.string()?),
                    "note" => j.note = self.string()?,
                    "evidence" => j.evidence = self.strings()?,
                    "analyst" => j.analyst = self.string()?,
                    "updated" => j.updated = self.string()?,
                    _ => return None,
                }
                if self.eat(" }").is_some() {
                    break;
                }
                self.eat(", ")?;
            }
            out.push(j);
            if self.eat("]").is_some() {
                return Some(out);
            }
            self.eat(", ")?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::format::parse;
    use std::path::Path;

    fn odd(id: &str) -> VerdictRecord {
        VerdictRecord {
            id: ClaimId(id.into()),
            verdict: Some(Verdict::Disputed),
            rating: Some("missing \"context\" ناقص".into()),
            claim: "قال الوزير \"إن\" النمو ٥٪\tهذا العام".into(),
            rule: "ar.said".into(),
            articles: vec!["articles/a.txt".into(), "articles/b.txt".into()],
            note: "first\nsecond \\ line \u{1} \u{202E}x\u{200F}, = ] }".into(),
            evidence: vec!["https://example.org/x?a=1".into()],
            analyst: "Lina".into(),
            updated: "2026-11-21T09:40:00Z".into(),
            recheck: true,
            conflicts: vec![
                Judgement {
                    verdict: Some(Verdict::Confirmed),
                    rating: Some("true".into()),
                    note: "=======\n<<<<<<< x, note = \"y\" }".into(),
                    evidence: vec!["a".into(), "b".into()],
                    analyst: "Omar".into(),
                    updated: "2026-11-21T09:41:00Z".into(),
                },
                Judgement {
                    verdict: None,
                    rating: None,
                    note: String::new(),
                    evidence: vec![],
                    analyst: String::new(),
                    updated: String::new(),
                },
            ],
        }
    }

    #[test]
    fn reads_what_the_toml_parser_reads() {
        let mut records = Records::new();
        for id in ["3fa2c0d19b7e", "weird id \"q\"", "a"] {
            let r = odd(id);
            records.insert(r.id.clone(), r);
        }
        let plain = VerdictRecord {
            id: ClaimId("0c11d2e3f4a5".into()),
            ..VerdictRecord::default()
        };
        records.insert(plain.id.clone(), plain);
        let text = serialize(&records);
        let fast = parse_canonical(&text).expect("canonical text is read");
        assert_eq!(fast, parse(Path::new("x"), &text).unwrap());
        assert_eq!(fast, records);
        assert_eq!(parse_canonical("schema = 1\n"), Some(Records::new()));
    }

    #[test]
    fn anything_else_is_left_to_the_toml_parser() {
        let one = Records::from([(ClaimId("ab".into()), odd("ab"))]);
        let text = serialize(&one);
        for other in [
            text.replace("verdict = \"disputed\"", "verdict = \"maybe\""),
            text.replace(
                "rating = \"missing \\\"context\\\" ناقص\"",
                "rating = \" \"",
            ),
            text.replace("schema = 1", "schema = 1 # comment"),
            text.replace("note = ", "note  = "),
            format!("{text}{text}"),
            text.replace("\n[ab]\n", "\n[ab]\ncolour = \"red\"\n"),
            text.replace("schema = 1\n", "schema = 0\n"),
            text.replace("\\n", "\n"),
        ] {
            assert_eq!(parse_canonical(&other), None, "{other}");
        }
    }
}
