//! `export --format claimreview`: schema.org `ClaimReview` in JSON-LD, one
//! document `{"@context":"https://schema.org","@graph":[…]}`.
//!
//! Each published review has Google's required properties (`claimReviewed`,
//! `reviewRating` with `alternateName`, `url`) and the recommended ones
//! (`author`, the publishing `Organization`; `datePublished`; `itemReviewed`,
//! a `Claim` with its `appearance`s and `datePublished`; `ratingValue`,
//! `bestRating`, `worstRating` from the desk's scale). Records that are not
//! settled are left out and said why ([`LeftOut`]): unverified claims are
//! internal state, not reviews, and sentences marked "not a claim" are
//! extraction noise.

use serde_json::{Map, Value, json};

use super::record::ExportRecord;
use crate::desk::publish::{Publisher, RatingScale};

/// Why a record was not published as a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// Unverified: not a review.
    Unverified,
    /// Marked "not a claim" (extraction noise): nothing to review.
    NotAClaim,
    /// A merge recorded another analyst's different judgement.
    Conflict,
    /// Re-attached to an edited sentence, not checked again yet.
    Recheck,
    /// Its rating label is not in the desk's scale under its verdict.
    UnknownRating,
}

impl LeftOut {
    /// A few words for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            LeftOut::Unverified => "unverified",
            LeftOut::NotAClaim => "not a claim",
            LeftOut::Conflict => "conflicting verdicts",
            LeftOut::Recheck => "text changed, re-check",
            LeftOut::UnknownRating => "rating not in the desk's scale",
        }
    }
}

/// The reviews of a set of records.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimReviews {
    /// The JSON-LD document.
    pub document: Value,
    /// How many reviews it holds.
    pub published: usize,
    /// Records left out: (claim id, why).
    pub left_out: Vec<(String, LeftOut)>,
    /// Published reviews without an `appearance` (none of the claim's
    /// articles has a `url`): their ids.
    pub without_appearance: Vec<String>,
}

/// `[publisher]` lacks keys ClaimReview needs (their names).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("[publisher] lacks {}", .0.join(", "))]
pub struct MissingPublisher(pub Vec<&'static str>);

/// The ClaimReview document of `records`.
pub fn claim_reviews(
    records: &[ExportRecord],
    publisher: &Publisher,
    scale: &RatingScale,
) -> Result<ClaimReviews, MissingPublisher> {
    let missing = publisher.missing();
    if !missing.is_empty() {
        return Err(MissingPublisher(missing));
    }
    let mut graph = Vec::new();
    let mut left_out = Vec::new();
    let mut without_appearance = Vec::new();
    for r in records {
        match why_left_out(r) {
            Some(why) => left_out.push((r.id.clone(), why)),
            None => {
                if r.appearances.iter().all(|a| a.url.is_none()) {
                    without_appearance.push(r.id.clone());
                }
                graph.push(review(r, publisher, scale));
            }
        }
    }
    Ok(ClaimReviews {
        published: graph.len(),
        document: json!({"@context": "https://schema.org", "@graph": graph}),
        left_out,
        without_appearance,
    })
}

fn why_left_out(r: &ExportRecord) -> Option<LeftOut> {
    if r.verdict == crate::store::Verdict::Unverified {
        Some(LeftOut::Unverified)
    } else if r.verdict == crate::store::Verdict::NotAClaim {
        Some(LeftOut::NotAClaim)
    } else if r.flags.conflict {
        Some(LeftOut::Conflict)
    } else if r.flags.recheck {
        Some(LeftOut::Recheck)
    } else if r.rating.as_ref().is_some_and(|x| !x.known) {
        Some(LeftOut::UnknownRating)
    } else {
        None
    }
}

/// One `ClaimReview`.
fn review(r: &ExportRecord, publisher: &Publisher, scale: &RatingScale) -> Value {
    let lang = publisher.lang.as_deref().or(r.lang());
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    match &r.rating {
        Some(x) => {
            rating.insert("alternateName".into(), json!(x.name(lang)));
            if let (Some(v), Some(best), Some(worst)) = (x.value, scale.best(), scale.worst()) {
                rating.insert("ratingValue".into(), json!(v));
                rating.insert("bestRating".into(), json!(best));
                rating.insert("worstRating".into(), json!(worst));
            }
        }
        None => {
            rating.insert("alternateName".into(), json!(r.verdict.as_str()));
        }
    }
    let mut author = Map::new();
    author.insert("@type".into(), json!("Organization"));
    if let Some(n) = &publisher.name {
        author.insert("name".into(), json!(n));
    }
    if let Some(u) = &publisher.url {
        author.insert("url".into(), json!(u));
    }
    let appearances: Vec<Value> = r
        .appearances
        .iter()
        .filter_map(|a| {
            let url = a.url.as_deref()?;
            let mut w = Map::new();
            w.insert("@type".into(), json!("CreativeWork"));
            w.insert("url".into(), json!(url));
            if !a.title.is_empty() {
                w.insert("headline".into(), json!(a.title));
            }
            if let Some(d) = &a.date {
                w.insert("datePublished".into(), json!(d));
            }
            if let Some(s) = &a.source {
                w.insert(
                    "publisher".into(),
                    json!({"@type": "Organization", "name": s}),
                );
            }
            Some(Value::Object(w))
        })
        .collect();
    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    if let Some(first) = r.appearances.iter().filter_map(|a| a.date.as_deref()).min() {
        claim.insert("datePublished".into(), json!(first));
    }
    if !appearances.is_empty() {
        claim.insert("appearance".into(), Value::Array(appearances));
    }
    let mut out = Map::new();
    out.insert("@type".into(), json!("ClaimReview"));
    out.insert(
        "url".into(),
        json!(publisher.review_url_of(&r.id).unwrap_or_default()),
    );
    out.insert("claimReviewed".into(), json!(one_line(&r.claim)));
    out.insert("reviewRating".into(), Value::Object(rating));
    out.insert("author".into(), Value::Object(author));
    if let Some(d) = r.date() {
        out.insert("datePublished".into(), json!(d));
    }
    if let Some(l) = lang {
        out.insert("inLanguage".into(), json!(l));
    }
    out.insert("itemReviewed".into(), Value::Object(claim));
    Value::Object(out)
}

/// The claim on one line, white space collapsed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document as pretty JSON, ending in a newline.
pub fn to_text(reviews: &ClaimReviews) -> String {
    let mut s = serde_json::to_string_pretty(&reviews.document).unwrap_or_default();
    s.push('\n');
    s
}

/// What to tell a desk whose `[publisher]` lacks keys: which keys to add
/// to which file, as a block to paste.
pub fn missing_publisher_help(missing: &MissingPublisher, config_file: &str) -> String {
    let mut s = format!(
        "ClaimReview needs the publisher of the reviews: add {} under [publisher] in {config_file}, e.g.\n\n[publisher]\n",
        missing
            .0
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for k in &missing.0 {
        s.push_str(match *k {
            "name" => "name = \"Your organisation\"\n",
            "url" => "url = \"https://your-site.example\"\n",
            _ => "review_url = \"https://your-site.example/fact-checks/{id}\"   # {id}: the claim id\n",
        });
    }
    s
}
