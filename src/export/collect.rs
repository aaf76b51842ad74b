//! [`collect`]: the judged claims of a desk, joined with their articles and
//! the desk's rating scale, filtered as a desk lead asks.

use std::collections::HashMap;

use super::record::{Appearance, ExportRecord, Flags, OtherJudgement, Rating};
use crate::desk::publish::RatingScale;
use crate::index::DeskIndex;
use crate::problem::Problem;
use crate::store::{Verdict, VerdictRecord, VerdictStore};
use crate::text::dates::Date;

/// Which judged claims to export. Empty lists and `None` let everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Verdicts given on this day or later (UTC).
    pub since: Option<Date>,
    /// Verdicts given on this day or earlier (UTC).
    pub until: Option<Date>,
    /// Any of these verdicts.
    pub verdicts: Vec<Verdict>,
    /// Given by any of these analysts (case-insensitive).
    pub analysts: Vec<String>,
    /// Appearing in an article of any of these outlets (case-insensitive).
    pub outlets: Vec<String>,
    /// Appearing in one of these articles or under one of these folders
    /// (desk-relative, `/`-separated).
    pub paths: Vec<String>,
}

impl ExportFilter {
    /// True when the record passes every filter.
    pub fn accepts(&self, rec: &ExportRecord) -> bool {
        let day = rec.date().and_then(Date::parse_iso);
        if self.since.is_some_and(|s| day.is_none_or(|d| d < s))
            || self.until.is_some_and(|u| day.is_none_or(|d| d > u))
        {
            return false;
        }
        if !self.verdicts.is_empty() && !self.verdicts.contains(&rec.verdict) {
            return false;
        }
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        if !self.analysts.is_empty() && !self.analysts.iter().any(|a| same(a, &rec.analyst)) {
            return false;
        }
        if !self.outlets.is_empty()
            && !rec
                .outlets()
                .iter()
                .any(|o| self.outlets.iter().any(|f| same(f, o)))
        {
            return false;
        }
        if !self.paths.is_empty()
            && !rec
                .appearances
                .iter()
                .any(|a| self.paths.iter().any(|p| under(&a.path, p)))
        {
            return false;
        }
        true
    }
}

/// True when `path` is `dir` or lies under it (`.` and an empty `dir`: everything).
fn under(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    let dir = dir.strip_prefix("./").unwrap_or(dir);
    dir.is_empty()
        || dir == "."
        || path == dir
        || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

/// One [`ExportRecord`] per judged record (a verdict given) that passes
/// `filter`, sorted by verdict time, then id. Appearances come from the
/// index (every article the claim is found in); a stale record's from the
/// articles it was judged in. Ratings are resolved against the desk's scale.
pub fn collect(
    index: &DeskIndex,
    records: &[VerdictRecord],
    filter: &ExportFilter,
) -> Vec<ExportRecord> {
    let scale = &index.desk.config.scale;
    let mut by_path: Option<HashMap<&str, usize>> = None;
    let mut out: Vec<ExportRecord> = Vec::new();
    for rec in records {
        let Some(verdict) = rec.verdict else {
            continue;
        };
        let refs = index.appearances(&rec.id);
        let stale = refs.is_empty();
        let mut articles: Vec<usize> = refs.iter().map(|r| r.article).collect();
        articles.dedup();
        let mut appearances: Vec<Appearance> =
            articles.iter().map(|&i| appearance(index, i)).collect();
        if stale {
            let by_path = by_path.get_or_insert_with(|| {
                index
                    .articles
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.rel.as_str(), i))
                    .collect()
            });
            appearances = rec
                .articles
                .iter()
                .map(|p| match by_path.get(p.as_str()) {
                    Some(&i) => appearance(index, i),
                    None => Appearance {
                        path: p.clone(),
                        ..Default::default()
                    },
                })
                .collect();
        }
        let exported = ExportRecord {
            id: rec.id.to_string(),
            verdict,
            rating: rating(scale, verdict, rec.rating.as_deref()),
            claim: rec.claim.clone(),
            rule: rec.rule.clone(),
            note: rec.note.clone(),
            evidence: rec.evidence.clone(),
            analyst: rec.analyst.clone(),
            updated: rec.updated.clone(),
            flags: Flags {
                conflict: !rec.conflicts.is_empty(),
                recheck: rec.recheck,
                stale,
            },
            conflicts: rec
                .conflicts
                .iter()
                .map(|j| OtherJudgement {
                    verdict: j.verdict,
                    rating: j.rating.clone(),
                    note: j.note.clone(),
                    evidence: j.evidence.clone(),
                    analyst: j.analyst.clone(),
                    updated: j.updated.clone(),
                })
                .collect(),
            appearances,
        };
        if filter.accepts(&exported) {
            out.push(exported);
        }
    }
    out.sort_by(|a, b| a.updated.cmp(&b.updated).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The article at `i` as an appearance.
fn appearance(index: &DeskIndex, i: usize) -> Appearance {
    let a = &index.articles[i];
    let meta = &a.article.meta;
    Appearance {
        path: a.rel.clone(),
        title: meta.title.clone(),
        source: meta.source.clone(),
        date: meta.date.clone(),
        url: meta.url.clone(),
        lang: meta.lang.clone(),
    }
}

/// The record's label resolved against the scale: the chosen one, else
/// the verdict's default. A label the scale does not have under the
/// verdict is kept as written, marked unknown and without a value.
pub fn rating(scale: &RatingScale, verdict: Verdict, chosen: Option<&str>) -> Option<Rating> {
    let resolved = |l: &crate::desk::publish::RatingLabel, chosen: bool| Rating {
        label: l.label.clone(),
        en: l.en.clone(),
        ar: l.ar.clone(),
        value: l.value,
        chosen,
        known: true,
    };
    match chosen {
        None => scale.default_for(verdict).map(|l| resolved(l, false)),
        Some(label) => Some(match scale.check(verdict, label) {
            Ok(l) => resolved(l, true),
            Err(_) => Rating {
                label: label.to_string(),
                en: label.to_string(),
                ar: label.to_string(),
                value: None,
                chosen: true,
                known: false,
            },
        }),
    }
}

/// Records whose rating label the desk's scale does not have under their
/// verdict, each named with its verdict file and line (for `check` and
/// `export`).
pub fn rating_problems(store: &VerdictStore, scale: &RatingScale) -> Vec<Problem> {
    let mut out = Vec::new();
    for rec in store.records() {
        let (Some(v), Some(label)) = (rec.verdict, rec.rating.as_deref()) else {
            continue;
        };
        if let Err(why) = scale.check(v, label) {
            let (path, line) = store
                .location(&rec.id)
                .unwrap_or_else(|| (store.display_path(crate::store::MANUAL_FILE), None));
            let p = Problem::file(path, format!("claim {}: {why}", rec.id)).about(rec.id.as_str());
            out.push(match line {
                Some(l) => p.at_line(l),
                None => p,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(verdict: Verdict, analyst: &str, updated: &str, paths: &[&str]) -> ExportRecord {
        ExportRecord {
            id: "0a1b2c3d4e5f".into(),
            verdict,
            rating: None,
            claim: "A sentence.".into(),
            rule: "manual".into(),
            note: String::new(),
            evidence: vec![],
            analyst: analyst.into(),
            updated: updated.into(),
            flags: Flags::default(),
            conflicts: vec![],
            appearances: paths
                .iter()
                .map(|p| Appearance {
                    path: p.to_string(),
                    source: Some(format!("Outlet {}", p.len())),
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn filters_combine() {
        let r = record(
            Verdict::Disputed,
            "Lina",
            "2026-11-21T09:40:00Z",
            &["news/a.md", "wire/b.md"],
        );
        let day = |s| Date::parse_iso(s);
        let pass = |f: ExportFilter| f.accepts(&r);
        assert!(pass(ExportFilter::default()));
        assert!(pass(ExportFilter {
            since: day("2026-11-21"),
            until: day("2026-11-21"),
            ..Default::default()
        }));
        assert!(!pass(ExportFilter {
            since: day("2026-11-22"),
            ..Default::default()
        }));
        assert!(!pass(ExportFilter {
            until: day("2026-11-20"),
            ..Default::default()
        }));
        assert!(!pass(ExportFilter {
            verdicts: vec![Verdict::Confirmed],
            ..Default::default()
        }));
        assert!(pass(ExportFilter {
            analysts: vec![" lina".into()],
            outlets: vec!["outlet 9".into()],
            ..Default::default()
        }));
        assert!(!pass(ExportFilter {
            outlets: vec!["Outlet".into()],
            ..Default::default()
        }));
        assert!(pass(ExportFilter {
            paths: vec!["wire/".into()],
            ..Default::default()
        }));
        assert!(!pass(ExportFilter {
            paths: vec!["wir".into()],
            ..Default::default()
        }));
        let undated = record(Verdict::Disputed, "Lina", "", &[]);
        assert!(
            !ExportFilter {
                since: day("2000-01-01"),
                ..Default::default()
            }
            .accepts(&undated)
        );
    }

    #[test]
    fn ratings_resolve_against_the_scale() {
        let s = RatingScale::default_scale();
        let r = rating(&s, Verdict::Disputed, None).unwrap();
        assert_eq!(
            (r.label.as_str(), r.chosen, r.known),
            ("false", false, true)
        );
        let r = rating(&s, Verdict::Disputed, Some("misleading")).unwrap();
        assert_eq!((r.value, r.chosen), (Some(2), true));
        let r = rating(&s, Verdict::Confirmed, Some("misleading")).unwrap();
        assert_eq!((r.known, r.value), (false, None));
        assert!(rating(&RatingScale { labels: vec![] }, Verdict::Confirmed, None).is_none());
    }
}
