//! Stale verdicts on a desk opened from the cache. Looking for where their
//! sentences went takes every text, so it does not hold up the first
//! screen: each text is compared with the stale quotes as it arrives, and
//! once every text is in, the re-attachment is planned and handed to the
//! store's writer, which reports back (`StoreEvent::Reattached`).

use rayon::prelude::*;

use crate::extract::ClaimId;
use crate::store::VerdictRecord;
use crate::store::similar::{Hit, Move, StaleQuotes, plan};

use super::app::App;

/// The search for stale verdicts' sentences, while texts arrive.
#[derive(Debug)]
pub struct StaleScan {
    quotes: StaleQuotes,
    hits: Vec<Hit>,
    /// Articles already compared.
    scanned: Vec<bool>,
}

impl App {
    /// Starts looking for these stale records' sentences (what
    /// `store::attach_read` left for later).
    pub fn look_for_stale(&mut self, quotes: StaleQuotes) {
        if quotes.is_empty() {
            return;
        }
        self.stale = Some(StaleScan {
            quotes,
            hits: Vec::new(),
            scanned: vec![false; self.index.articles.len()],
        });
    }

    /// Compares articles whose text just arrived with the stale quotes.
    pub(super) fn scan_for_stale(&mut self, articles: &[usize]) {
        let Some(scan) = self.stale.as_mut() else {
            return;
        };
        let index = &self.index;
        let todo: Vec<usize> = articles
            .iter()
            .copied()
            .filter(|&a| scan.scanned.get(a) == Some(&false) && index.articles[a].has_text())
            .collect();
        let quotes = &scan.quotes;
        let hits: Vec<Hit> = todo
            .par_iter()
            .flat_map_iter(|&a| quotes.similar_in(a, &index.articles[a]))
            .collect();
        for a in todo {
            scan.scanned[a] = true;
        }
        scan.hits.extend(hits);
    }

    /// Every text is in: compares the articles read otherwise (at open, on
    /// demand) and plans the re-attachment, for the run loop to hand to the
    /// writer ([`App::take_reattachment`]).
    pub(super) fn finish_stale_scan(&mut self) {
        let Some(scan) = self.stale.as_ref() else {
            return;
        };
        let rest: Vec<usize> = (0..scan.scanned.len())
            .filter(|&a| !scan.scanned[a])
            .collect();
        self.scan_for_stale(&rest);
        let Some(scan) = self.stale.take() else {
            return;
        };
        let verdicts = &self.verdicts;
        let moves = plan(&self.index, &scan.quotes, scan.hits, |id: &ClaimId| {
            verdicts.contains_key(id)
        });
        for m in &moves {
            // The sentence before the edit, for the compare view.
            if let Some(old) = self.verdicts.get(&m.old) {
                self.recheck_before
                    .insert(m.record.id.clone(), old.claim.clone());
            }
        }
        if !moves.is_empty() {
            self.reattach_ready = Some(moves);
        }
    }

    /// The re-attachment planned, once, for the store's writer.
    pub fn take_reattachment(&mut self) -> Option<Vec<Move>> {
        self.reattach_ready.take()
    }

    /// The writer re-attached stale records: takes in every record (and the
    /// manual claims the moved ones bring, from their articles) and says so.
    pub fn reattached(&mut self, moved: &[(ClaimId, ClaimId)], records: Vec<VerdictRecord>) {
        self.verdicts = records.into_iter().map(|r| (r.id.clone(), r)).collect();
        let records = moved.iter().filter_map(|(_, new)| self.verdicts.get(new));
        let added = crate::store::bring_back_manual_claims(&mut self.index, records);
        if added {
            // New manual claims: claim positions moved under the views.
            self.desk_changed();
        } else {
            let claim = self.selected_claim().map(|(_, c)| c);
            self.recount();
            self.refresh_articles();
            self.refresh_claims(claim);
        }
        self.say(format!(
            "{} verdict(s) re-attached to edited sentences; re-check them (`claimdesk check` lists them)",
            moved.len()
        ));
    }
}
