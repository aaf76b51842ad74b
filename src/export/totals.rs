//! [`Totals`]: how many judged claims by verdict, outlet and analyst — the
//! numbers of the Markdown report and of the TUI's dashboard (one
//! computation, both fronts).

use std::collections::BTreeMap;

use super::record::ExportRecord;
use crate::store::Verdict;

/// The three verdicts on claims, in report order.
pub const VERDICTS: [Verdict; 3] = [Verdict::Disputed, Verdict::Confirmed, Verdict::Unverified];

/// Every verdict in report order: the three on claims, then "not a claim".
pub const ALL_VERDICTS: [Verdict; 4] = [
    Verdict::Disputed,
    Verdict::Confirmed,
    Verdict::Unverified,
    Verdict::NotAClaim,
];

/// Claims counted by verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub confirmed: usize,
    pub disputed: usize,
    pub unverified: usize,
    /// Sentences rejected as extraction noise (not in [`Counts::total`]).
    pub not_a_claim: usize,
}

impl Counts {
    /// Counts one claim with this verdict.
    pub fn add(&mut self, v: Verdict) {
        *self.get_mut(v) += 1;
    }

    /// The count of one verdict.
    pub fn get(&self, v: Verdict) -> usize {
        match v {
            Verdict::Confirmed => self.confirmed,
            Verdict::Disputed => self.disputed,
            Verdict::Unverified => self.unverified,
            Verdict::NotAClaim => self.not_a_claim,
        }
    }

    fn get_mut(&mut self, v: Verdict) -> &mut usize {
        match v {
            Verdict::Confirmed => &mut self.confirmed,
            Verdict::Disputed => &mut self.disputed,
            Verdict::Unverified => &mut self.unverified,
            Verdict::NotAClaim => &mut self.not_a_claim,
        }
    }

    /// Every claim judged (confirmed, disputed or unverified; "not a
    /// claim" is left out: it is no claim).
    pub fn total(&self) -> usize {
        self.confirmed + self.disputed + self.unverified
    }

    /// Every sentence reviewed: the judged claims and the ones marked
    /// "not a claim".
    pub fn reviewed(&self) -> usize {
        self.total() + self.not_a_claim
    }
}

/// What a set of exported records adds up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Every record, by verdict.
    pub all: Counts,
    /// By outlet: a claim counts once in each outlet it appears in; claims
    /// in articles without an outlet under [`NO_OUTLET`].
    pub by_outlet: BTreeMap<String, Counts>,
    /// By analyst (an empty name under [`NO_ANALYST`]).
    pub by_analyst: BTreeMap<String, Counts>,
    /// By the day the verdict was given (`YYYY-MM-DD`, UTC), for records
    /// that have a date: the shift's progress.
    pub by_day: BTreeMap<String, Counts>,
    /// By rating label (the label's English name), for claims that have one.
    pub by_rating: BTreeMap<String, usize>,
    /// Records flagged conflict, re-check or stale.
    pub flagged: usize,
    /// The first and last verdict dates (`YYYY-MM-DD`).
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The outlet row of claims whose articles name none.
pub const NO_OUTLET: &str = "(no outlet)";
/// The analyst row of verdicts without an analyst's name.
pub const NO_ANALYST: &str = "(no name)";

impl Totals {
    /// Adds up `records`.
    pub fn of(records: &[ExportRecord]) -> Totals {
        let mut t = Totals::default();
        for r in records {
            t.all.add(r.verdict);
            let outlets = r.outlets();
            if outlets.is_empty() {
                t.by_outlet
                    .entry(NO_OUTLET.to_string())
                    .or_default()
                    .add(r.verdict);
            }
            for o in outlets {
                t.by_outlet.entry(o.to_string()).or_default().add(r.verdict);
            }
            let analyst = if r.analyst.trim().is_empty() {
                NO_ANALYST
            } else {
                r.analyst.trim()
            };
            t.by_analyst
                .entry(analyst.to_string())
                .or_default()
                .add(r.verdict);
            if let Some(rating) = &r.rating {
                *t.by_rating.entry(rating.en.clone()).or_default() += 1;
            }
            if r.flags.conflict || r.flags.recheck || r.flags.stale {
                t.flagged += 1;
            }
            if let Some(d) = r.date() {
                t.by_day.entry(d.to_string()).or_default().add(r.verdict);
                if t.first.as_deref().is_none_or(|f| d < f) {
                    t.first = Some(d.to_string());
                }
                if t.last.as_deref().is_none_or(|l| d > l) {
                    t.last = Some(d.to_string());
                }
            }
        }
        t
    }
}
