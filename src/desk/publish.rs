//! What a desk publishes with: the organisation that signs its reviews
//! (`[publisher]`) and its rating scale (`[[rating]]`), both in
//! `claimdesk.toml`.
//!
//! ```toml
//! [publisher]
//! name = "Example Checks"
//! url = "https://checks.example.org"
//! review_url = "https://checks.example.org/claims/{id}"   # {id}: the claim id
//! lang = "ar"                                              # optional
//!
//! [[rating]]
//! label = "misleading"     # the word in verdict files and on the command line
//! verdict = "disputed"     # the verdict it refines
//! en = "Misleading"        # English name (default: the label)
//! ar = "مضلل"              # Arabic name (default: the English name)
//! value = 2                # ClaimReview ratingValue (optional, at least 1)
//! ```
//!
//! The three verdicts stay the core states; a label only refines one. The
//! first label listed under a verdict is that verdict's default (used for a
//! record that has no label). Without any `[[rating]]`, the desk uses
//! [`RatingScale::default_scale`].

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::problem::{Problem, line_of};
use crate::store::Verdict;

/// The organisation that publishes the desk's reviews (`[publisher]`).
/// Every key is optional in the file; ClaimReview needs `name`, `url` and
/// `review_url` ([`Publisher::missing`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publisher {
    /// The organisation's name.
    pub name: Option<String>,
    /// The organisation's home page.
    pub url: Option<String>,
    /// The address of one published review, with `{id}` standing for the claim id.
    pub review_url: Option<String>,
    /// The language code of the reviews (`ar`, `en`); default: each claim's article language.
    pub lang: Option<String>,
}

impl Publisher {
    /// The keys ClaimReview needs that are not set: `name`, `url`, `review_url`.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.name.is_none() {
            out.push("name");
        }
        if self.url.is_none() {
            out.push("url");
        }
        if self.review_url.is_none() {
            out.push("review_url");
        }
        out
    }

    /// The address of the review of claim `id`, when `review_url` is set.
    pub fn review_url_of(&self, id: &str) -> Option<String> {
        self.review_url.as_ref().map(|u| u.replace("{id}", id))
    }
}

/// One label of a rating scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingLabel {
    /// The word in verdict files and on the command line (`misleading`).
    pub label: String,
    /// The verdict it refines.
    pub verdict: Verdict,
    /// English name (`Misleading`).
    pub en: String,
    /// Arabic name (`مضلل`).
    pub ar: String,
    /// ClaimReview `ratingValue` (at least 1), when the label has one.
    pub value: Option<u32>,
}

impl RatingLabel {
    /// The name in a language: Arabic for `ar`, English otherwise.
    pub fn name(&self, lang: Option<&str>) -> &str {
        if lang == Some("ar") {
            &self.ar
        } else {
            &self.en
        }
    }
}

/// A desk's rating scale: labels under the three verdicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingScale {
    /// Every label, in the order given (the first under a verdict is its default).
    pub labels: Vec<RatingLabel>,
}

impl Default for RatingScale {
    fn default() -> Self {
        RatingScale::default_scale()
    }
}

impl RatingScale {
    /// The scale of a desk that configures none: confirmed → `true` (5),
    /// `mostly-true` (4); disputed → `false` (1), `misleading` (2),
    /// `missing-context` (3); unverified → `unproven` (no value).
    pub fn default_scale() -> RatingScale {
        let l = |label: &str, verdict, en: &str, ar: &str, value| RatingLabel {
            label: label.to_string(),
            verdict,
            en: en.to_string(),
            ar: ar.to_string(),
            value,
        };
        use Verdict::*;
        RatingScale {
            labels: vec![
                l("true", Confirmed, "True", "صحيح", Some(5)),
                l(
                    "mostly-true",
                    Confirmed,
                    "Mostly true",
                    "صحيح في معظمه",
                    Some(4),
                ),
                l("false", Disputed, "False", "خطأ", Some(1)),
                l("misleading", Disputed, "Misleading", "مضلل", Some(2)),
                l(
                    "missing-context",
                    Disputed,
                    "Missing context",
                    "ينقصه سياق",
                    Some(3),
                ),
                l("unproven", Unverified, "Unproven", "غير مثبت", None),
            ],
        }
    }

    /// The label named `label`, under any verdict.
    pub fn get(&self, label: &str) -> Option<&RatingLabel> {
        self.labels.iter().find(|l| l.label == label)
    }

    /// The labels under a verdict, in order.
    pub fn under(&self, verdict: Verdict) -> impl Iterator<Item = &RatingLabel> {
        self.labels.iter().filter(move |l| l.verdict == verdict)
    }

    /// The label a record with this verdict and no label of its own gets:
    /// the first listed under the verdict.
    pub fn default_for(&self, verdict: Verdict) -> Option<&RatingLabel> {
        self.under(verdict).next()
    }

    /// The highest `value` of the scale (ClaimReview `bestRating`).
    pub fn best(&self) -> Option<u32> {
        self.labels.iter().filter_map(|l| l.value).max()
    }

    /// The lowest `value` of the scale (ClaimReview `worstRating`, at least 1).
    pub fn worst(&self) -> Option<u32> {
        self.labels.iter().filter_map(|l| l.value).min()
    }

    /// The label `label` when it exists under `verdict`; else a message
    /// saying which labels the verdict has.
    pub fn check(&self, verdict: Verdict, label: &str) -> Result<&RatingLabel, String> {
        let known: Vec<&str> = self.under(verdict).map(|l| l.label.as_str()).collect();
        let listed = if known.is_empty() {
            format!("{verdict} has no labels")
        } else {
            format!("labels under {verdict}: {}", known.join(", "))
        };
        match self.get(label) {
            Some(l) if l.verdict == verdict => Ok(l),
            Some(l) => Err(format!(
                "rating \"{label}\" belongs under {}, not {verdict} ({listed})",
                l.verdict
            )),
            None => Err(format!(
                "rating \"{label}\" is not in the desk's scale ({listed}); \
                 add it as a [[rating]] in claimdesk.toml or fix the label"
            )),
        }
    }
}

/// `[publisher]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublisher {
    name: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    review_url: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
}

/// One `[[rating]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRating {
    label: Spanned<String>,
    verdict: Spanned<String>,
    en: Option<String>,
    ar: Option<String>,
    value: Option<Spanned<i64>>,
}

/// Checks `[publisher]`; problems name the line.
pub(crate) fn publisher(raw: RawPublisher, text: &str, path: &Path) -> Result<Publisher, Problem> {
    let bad = |span: Range<usize>, msg: String| {
        Problem::file(path, msg).at_line(line_of(text, span.start))
    };
    let field = |v: Option<Spanned<String>>, key: &str| -> Result<_, Problem> {
        match v {
            None => Ok(None),
            Some(s) if s.get_ref().trim().is_empty() => Err(bad(
                s.span(),
                format!("[publisher] `{key}` is empty; write it or remove the line"),
            )),
            Some(s) => Ok(Some((s.get_ref().trim().to_string(), s.span()))),
        }
    };
    let web = |v: Option<(String, Range<usize>)>, key: &str| -> Result<_, Problem> {
        match v {
            Some((u, span)) if !(u.starts_with("https://") || u.starts_with("http://")) => {
                Err(bad(
                    span,
                    format!("[publisher] `{key}` must be a web address (https://…), not {u:?}"),
                ))
            }
            v => Ok(v),
        }
    };
    let name = field(raw.name, "name")?;
    let url = web(field(raw.url, "url")?, "url")?;
    let review_url = web(field(raw.review_url, "review_url")?, "review_url")?;
    if let Some((u, span)) = &review_url
        && !u.contains("{id}")
    {
        return Err(bad(
            span.clone(),
            format!(
                "[publisher] `review_url` must contain {{id}} (the claim id), e.g. \"{}/{{id}}\"",
                u.trim_end_matches('/')
            ),
        ));
    }
    let lang = field(raw.lang, "lang")?;
    Ok(Publisher {
        name: name.map(|v| v.0),
        url: url.map(|v| v.0),
        review_url: review_url.map(|v| v.0),
        lang: lang.map(|v| v.0),
    })
}

/// Checks the `[[rating]]` entries; problems name the line.
pub(crate) fn scale(raw: Vec<RawRating>, text: &str, path: &Path) -> Result<RatingScale, Problem> {
    let bad = |span: Range<usize>, msg: String| {
        Problem::file(path, msg).at_line(line_of(text, span.start))
    };
    let mut labels: Vec<RatingLabel> = Vec::with_capacity(raw.len());
    for r in raw {
        let label = r.label.get_ref().trim().to_string();
        if label.is_empty() {
            return Err(bad(
                r.label.span(),
                "[[rating]] `label` is empty; write the word used in verdict files, e.g. label = \"misleading\"".into(),
            ));
        }
        if labels.iter().any(|l| l.label == label) {
            return Err(bad(
                r.label.span(),
                format!("[[rating]] label \"{label}\" is given twice; keep one"),
            ));
        }
        let verdict = Verdict::parse(r.verdict.get_ref().trim())
            .filter(|v| v.is_claim())
            .ok_or_else(|| {
            bad(
                r.verdict.span(),
                format!(
                    "[[rating]] \"{label}\": unknown verdict {:?}; use confirmed, disputed or unverified (not-a-claim takes no rating)",
                    r.verdict.get_ref()
                ),
            )
        })?;
        let value = match r.value {
            None => None,
            Some(v) => match u32::try_from(*v.get_ref()) {
                Ok(n) if (1..=100).contains(&n) => Some(n),
                _ => {
                    return Err(bad(
                        v.span(),
                        format!(
                            "[[rating]] \"{label}\": value {} is out of range; use a whole number from 1 (ClaimReview's worstRating is at least 1) to 100",
                            v.get_ref()
                        ),
                    ));
                }
            },
        };
        let en =
            r.en.map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| label.clone());
        let ar =
            r.ar.map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| en.clone());
        labels.push(RatingLabel {
            label,
            verdict,
            en,
            ar,
            value,
        });
    }
    Ok(RatingScale { labels })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scale_has_defaults_and_bounds() {
        let s = RatingScale::default_scale();
        assert_eq!(s.default_for(Verdict::Disputed).unwrap().label, "false");
        assert_eq!(s.default_for(Verdict::Confirmed).unwrap().label, "true");
        assert_eq!((s.worst(), s.best()), (Some(1), Some(5)));
        assert_eq!(s.get("misleading").unwrap().name(Some("ar")), "مضلل");
        assert_eq!(s.get("misleading").unwrap().name(None), "Misleading");
    }

    #[test]
    fn check_names_the_labels_of_the_verdict() {
        let s = RatingScale::default_scale();
        assert!(s.check(Verdict::Disputed, "misleading").is_ok());
        let e = s.check(Verdict::Confirmed, "misleading").unwrap_err();
        assert!(e.contains("belongs under disputed"), "{e}");
        let e = s.check(Verdict::Disputed, "sort-of").unwrap_err();
        assert!(e.contains("false, misleading, missing-context"), "{e}");
    }

    #[test]
    fn review_url_takes_the_id() {
        let p = Publisher {
            review_url: Some("https://x.example/c/{id}".into()),
            ..Default::default()
        };
        assert_eq!(
            p.review_url_of("0a1b").as_deref(),
            Some("https://x.example/c/0a1b")
        );
        assert_eq!(p.missing(), ["name", "url"]);
    }
}
