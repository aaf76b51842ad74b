//! The review counts the panes and the status line show: per article (every
//! appearance) and for the desk (each distinct claim once), kept up to date
//! as records change.

use crate::extract::ClaimId;
use crate::store::{Verdict, VerdictRecord};

use super::app::App;

/// Counts of claims by verdict (an article's own, or the desk's distinct claims): pending, confirmed, disputed,
/// unverified, not a claim (which counts as reviewed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub counts: [usize; 5],
}

impl Stats {
    /// The slot of a verdict in `counts`.
    pub fn slot(v: Option<Verdict>) -> usize {
        match v {
            None => 0,
            Some(Verdict::Confirmed) => 1,
            Some(Verdict::Disputed) => 2,
            Some(Verdict::Unverified) => 3,
            Some(Verdict::NotAClaim) => 4,
        }
    }
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
    pub fn reviewed(&self) -> usize {
        self.total() - self.counts[0]
    }
    pub fn pending(&self) -> usize {
        self.counts[0]
    }
    pub fn disputed(&self) -> usize {
        self.counts[2]
    }
}

impl App {
    /// Recomputes every count from scratch (on load and reload only).
    pub fn recount(&mut self) {
        self.stats = vec![Stats::default(); self.index.articles.len()];
        self.desk_stats = Stats::default();
        // Every claim pending, then each verdict moves its claim's
        // appearances: the cost follows the verdicts, not the desk's
        // 280k claims (this runs before the first screen).
        let pending = Stats::slot(None);
        for (a, art) in self.index.articles.iter().enumerate() {
            self.stats[a].counts[pending] = art.extraction.claims.len();
        }
        // The desk counts each distinct claim once.
        self.desk_stats.counts[pending] = self.index.first_appearances().count();
        for (id, rec) in &self.verdicts {
            let slot = Stats::slot(rec.verdict);
            let appearances = self.index.appearances(id);
            if slot == pending || appearances.is_empty() {
                continue;
            }
            for at in appearances {
                self.stats[at.article].counts[pending] -= 1;
                self.stats[at.article].counts[slot] += 1;
            }
            self.desk_stats.counts[pending] -= 1;
            self.desk_stats.counts[slot] += 1;
        }
    }

    /// The verdict of a claim as on disk.
    pub fn verdict_of(&self, id: &ClaimId) -> Option<Verdict> {
        self.verdicts.get(id).and_then(|r| r.verdict)
    }

    /// Replaces a claim's record (or removes it) and updates the counts of
    /// every article it appears in.
    pub fn set_record(&mut self, id: &ClaimId, record: Option<VerdictRecord>) {
        let old = Stats::slot(self.verdict_of(id));
        let new = Stats::slot(record.as_ref().and_then(|r| r.verdict));
        match record {
            Some(r) => {
                self.verdicts.insert(id.clone(), r);
            }
            None => {
                self.verdicts.remove(id);
            }
        }
        if old != new {
            let appearances = self.index.appearances(id);
            for at in appearances {
                self.stats[at.article].counts[old] -= 1;
                self.stats[at.article].counts[new] += 1;
            }
            if !appearances.is_empty() {
                self.desk_stats.counts[old] -= 1;
                self.desk_stats.counts[new] += 1;
            }
        }
    }
}
