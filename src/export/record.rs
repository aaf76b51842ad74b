//! [`ExportRecord`]: one judged claim with everything a report or a
//! published review needs, as plain data (no index, no store).

use serde::{Serialize, Serializer};

use crate::store::Verdict;

/// One judged claim, ready to be written in any export format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportRecord {
    /// The claim id (12 hex digits for a rule's or a manual claim).
    pub id: String,
    /// The analyst's verdict.
    #[serde(serialize_with = "verdict_word")]
    pub verdict: Verdict,
    /// The rating label: the one the analyst chose, else the verdict's
    /// default in the desk's scale; `None` when the scale has no label for
    /// the verdict.
    pub rating: Option<Rating>,
    /// The claim's sentence as written (as quoted when it was judged).
    pub claim: String,
    /// The owning rule's id, or `manual`.
    pub rule: String,
    /// The analyst's note (may hold newlines).
    pub note: String,
    /// Evidence URLs.
    pub evidence: Vec<String>,
    /// Who gave the verdict.
    pub analyst: String,
    /// When the verdict was given: UTC, RFC 3339 (`2026-11-21T09:40:00Z`).
    pub updated: String,
    /// What needs an analyst's attention.
    pub flags: Flags,
    /// Other judgements a merge recorded (the `conflict` flag's details).
    pub conflicts: Vec<OtherJudgement>,
    /// Every article the claim appears in, in desk order.
    pub appearances: Vec<Appearance>,
}

impl ExportRecord {
    /// The verdict's date, `YYYY-MM-DD` (the first ten characters of
    /// [`ExportRecord::updated`]), when it has one.
    pub fn date(&self) -> Option<&str> {
        let d = self.updated.get(..10)?;
        crate::text::dates::Date::parse_iso(d).map(|_| d)
    }

    /// The language of the claim: its first appearance's that has one.
    pub fn lang(&self) -> Option<&str> {
        self.appearances.iter().find_map(|a| a.lang.as_deref())
    }

    /// The outlets the claim appears in, each once, in order.
    pub fn outlets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in &self.appearances {
            if let Some(s) = a.source.as_deref()
                && !out.contains(&s)
            {
                out.push(s);
            }
        }
        out
    }
}

/// A rating label resolved against the desk's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    /// The label (`misleading`).
    pub label: String,
    /// English name.
    pub en: String,
    /// Arabic name.
    pub ar: String,
    /// ClaimReview `ratingValue`, when the label has one.
    pub value: Option<u32>,
    /// True when the analyst chose the label; false for the verdict's default.
    pub chosen: bool,
    /// False when the record's label is not in the desk's scale under its
    /// verdict (it is then kept as written, without a value).
    pub known: bool,
}

impl Rating {
    /// The name in a language: Arabic for `ar`, English otherwise.
    pub fn name(&self, lang: Option<&str>) -> &str {
        if lang == Some("ar") {
            &self.ar
        } else {
            &self.en
        }
    }
}

/// What needs an analyst's attention before the verdict is relied on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// A merge found another analyst's different judgement.
    pub conflict: bool,
    /// Re-attached to an edited sentence: "text changed, re-check".
    pub recheck: bool,
    /// The claim is no longer found in any article.
    pub stale: bool,
}

impl Flags {
    /// The set flags as words: `conflict`, `re-check`, `stale`.
    pub fn words(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.conflict {
            out.push("conflict");
        }
        if self.recheck {
            out.push("re-check");
        }
        if self.stale {
            out.push("stale");
        }
        out
    }
}

/// Another analyst's judgement recorded by a merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherJudgement {
    /// Their verdict (`None`: they cleared it).
    #[serde(serialize_with = "optional_verdict_word")]
    pub verdict: Option<Verdict>,
    /// Their rating label, if they chose one.
    pub rating: Option<String>,
    pub note: String,
    pub evidence: Vec<String>,
    pub analyst: String,
    pub updated: String,
}

/// One article a claim appears in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Appearance {
    /// Desk-relative path, `/`-separated.
    pub path: String,
    /// The article's title (empty when the article could not be read).
    pub title: String,
    /// The outlet (front matter `source` or a source line).
    pub source: Option<String>,
    /// The article's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The article's language code.
    pub lang: Option<String>,
}

fn verdict_word<S: Serializer>(v: &Verdict, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

fn optional_verdict_word<S: Serializer>(v: &Option<Verdict>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(v.as_str()),
        None => s.serialize_none(),
    }
}
