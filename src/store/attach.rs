//! Stale verdicts (their claim is no longer extracted), re-attachment to a
//! slightly changed sentence, and manual claims brought back into the index.

use std::collections::HashSet;

use rayon::prelude::*;

use super::similar::{StaleQuotes, plan};
use super::{VerdictRecord, VerdictStore};
use crate::extract::{ClaimId, SentenceRole, manual_claim};
use crate::index::{DeskIndex, id_key};

/// A stale record moved to a new claim id (flagged `recheck`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reattached {
    pub old: ClaimId,
    pub new: ClaimId,
    /// Similarity of the quoted and the new sentence (0..=1).
    pub similarity: f64,
}

/// Records whose claim no longer appears in any article of the index.
pub fn stale<'a>(index: &DeskIndex, store: &'a VerdictStore) -> Vec<&'a VerdictRecord> {
    store
        .records()
        .filter(|r| index.appearances(&r.id).is_empty())
        .collect()
}

/// Re-attaches stale verdicts to sentences that are the quoted one, slightly
/// changed (normalised text, character-bigram similarity at least
/// [`MIN_SIMILARITY`](super::similar::MIN_SIMILARITY)). A rule claim's verdict goes only to a sentence that
/// is a claim now; a manual claim's to any body sentence. Only sentences
/// without a record of their own are taken, each at most once, best matches
/// first. The records move in memory, are flagged `recheck`, and move on disk
/// on their next save ([`VerdictStore::apply`]); nothing is removed until then.
/// Call [`attach_manual_claims`] again afterwards (or use [`attach_all`]) so
/// re-attached manual claims are in the index.
pub fn attach(index: &DeskIndex, store: &mut VerdictStore) -> Vec<Reattached> {
    let quotes = StaleQuotes::of(stale(index, store).into_iter().cloned().collect());
    if quotes.is_empty() {
        return Vec::new();
    }
    // An article whose text is not read cannot offer a sentence
    // ([`attach_all`] reads them first).
    let hits = quotes.similar_in_all(index);
    let moves = plan(index, &quotes, hits, |id| store.get(id).is_some());
    moves
        .into_iter()
        .map(|m| {
            let reattached = Reattached {
                old: m.old.clone(),
                new: m.record.id.clone(),
                similarity: m.similarity,
            };
            store.reattach(&m.old, m.record);
            reattached
        })
        .collect()
}

/// Like [`attach_all`] without reading every text for stale verdicts: when
/// there are stale verdicts and texts not read yet (a desk opened from the
/// cache), none is re-attached now; the quotes to look for come back, for
/// the front end to compare each text with as it arrives ([`StaleQuotes`])
/// and then re-attach them (`StoreWriter::reattach`).
pub fn attach_read(
    index: &mut DeskIndex,
    store: &mut VerdictStore,
) -> (Vec<Reattached>, Option<StaleQuotes>) {
    attach_manual_claims(index, store);
    let stale: Vec<VerdictRecord> = stale(index, store).into_iter().cloned().collect();
    if stale.is_empty() {
        return (Vec::new(), None);
    }
    if index.texts_pending() {
        return (Vec::new(), Some(StaleQuotes::of(stale)));
    }
    (attach_bringing_back(index, store), None)
}

/// Brings an index loaded after the desk was already open (the whole desk,
/// after its first screen) up to the verdicts as they are now: manual claims
/// attached; the stale records' quotes come back for the front to look for
/// (as with [`attach_read`]; every text of `index` is read, so the look
/// needs no waiting).
pub fn attach_to_records(index: &mut DeskIndex, records: &[VerdictRecord]) -> Option<StaleQuotes> {
    attach_manual_claims_of(index, records.iter(), None);
    let stale: Vec<VerdictRecord> = records
        .iter()
        .filter(|r| index.appearances(&r.id).is_empty())
        .cloned()
        .collect();
    (!stale.is_empty()).then(|| StaleQuotes::of(stale))
}

/// Brings manual claims into the index, re-attaches stale verdicts, and
/// brings re-attached manual claims into the index: what a front end runs
/// after loading a desk and its store.
pub fn attach_all(index: &mut DeskIndex, store: &mut VerdictStore) -> Vec<Reattached> {
    attach_manual_claims(index, store);
    if !stale(index, store).is_empty() {
        // Looking for the edited sentence takes every text.
        index.read_all_texts();
    }
    attach_bringing_back(index, store)
}

/// [`attach`], then the claims of the moved records that are manual.
fn attach_bringing_back(index: &mut DeskIndex, store: &mut VerdictStore) -> Vec<Reattached> {
    let moved = attach(index, store);
    let records = moved.iter().filter_map(|m| store.get(&m.new));
    bring_back_manual_claims(index, records);
    moved
}

/// Brings into the index the claims of these just re-attached records that
/// are manual, looking only in the articles each record lists (every
/// article its new sentence was found in); true when a claim was added.
pub fn bring_back_manual_claims<'a>(
    index: &mut DeskIndex,
    records: impl Iterator<Item = &'a VerdictRecord>,
) -> bool {
    let manual: Vec<&VerdictRecord> = records.filter(|r| r.is_manual()).collect();
    if manual.is_empty() {
        return false;
    }
    let articles: HashSet<String> = manual.iter().flat_map(|r| r.articles.clone()).collect();
    attach_manual_claims_of(index, manual.into_iter(), Some(&articles))
}

/// Adds a manual claim to the index for every sentence whose id is the id of
/// a manual record in the store (unless that article already has a claim
/// with that id), then reindexes.
pub fn attach_manual_claims(index: &mut DeskIndex, store: &VerdictStore) {
    attach_manual_claims_of(index, store.records(), None);
}

/// [`attach_manual_claims`] for the manual ones among these records, looked
/// for only in the articles (desk-relative paths) of `only_in` when given;
/// true when a claim was added.
fn attach_manual_claims_of<'a>(
    index: &mut DeskIndex,
    records: impl Iterator<Item = &'a VerdictRecord>,
    only_in: Option<&HashSet<String>>,
) -> bool {
    let looked_at =
        |art: &crate::index::DeskArticle| only_in.is_none_or(|set| set.contains(&art.rel));
    let wanted: HashSet<&ClaimId> = records.filter(|r| r.is_manual()).map(|r| &r.id).collect();
    if wanted.is_empty() {
        return false;
    }
    // An article whose text is not read yet is read only when one of its
    // sentences has a wanted id.
    let wanted_keys: HashSet<u64> = wanted.iter().map(|id| id_key(id)).collect();
    let to_read: Vec<usize> = index
        .articles
        .iter()
        .enumerate()
        .filter(|(_, art)| looked_at(art))
        .filter_map(|(a, art)| {
            let keys = &art.pending.as_ref()?.sentence_keys;
            keys.iter().any(|k| wanted_keys.contains(k)).then_some(a)
        })
        .collect();
    for a in to_read {
        index.read_text(a);
    }
    // Article by article, on every core; a sentence that is a claim already
    // has its claim's id and needs no hashing.
    let any_added = index
        .articles
        .par_iter_mut()
        .filter(|a| a.has_text() && looked_at(a))
        .map(|art| {
            let sentences = &art.extraction.sentences;
            let mut claimed = vec![false; sentences.len()];
            for c in &art.extraction.claims {
                if sentences
                    .get(c.sentence)
                    .is_some_and(|s| s.range == c.range)
                {
                    claimed[c.sentence] = true;
                }
            }
            let mut have: HashSet<ClaimId> =
                art.extraction.claims.iter().map(|c| c.id.clone()).collect();
            let mut added = Vec::new();
            for (i, s) in art.extraction.sentences.iter().enumerate() {
                if s.role == SentenceRole::Boilerplate || claimed[i] {
                    continue;
                }
                let id = ClaimId::of_sentence(&art.article.text[s.range.clone()]);
                if wanted.contains(&id) && !have.contains(&id) {
                    have.insert(id);
                    added.push(manual_claim(&art.article, &art.extraction, i));
                }
            }
            if added.is_empty() {
                return false;
            }
            art.extraction.claims.extend(added);
            art.extraction.claims.sort_by_key(|c| c.range.start);
            true
        })
        .reduce(|| false, |a, b| a || b);
    if any_added {
        index.reindex();
    }
    any_added
}
