//! Stale verdicts (their claim is no longer extracted), re-attachment to a
//! slightly changed sentence, and manual claims brought back into the index.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use super::{MANUAL_RULE, VerdictRecord, VerdictStore};
use crate::extract::{ClaimId, SentenceRole, manual_claim};
use crate::index::{DeskIndex, id_key};
use crate::text::normalize::normalize_str;

/// Lowest similarity (0..=1) at which a stale verdict re-attaches.
pub const MIN_SIMILARITY: f64 = 0.8;

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
/// [`MIN_SIMILARITY`]). A rule claim's verdict goes only to a sentence that
/// is a claim now; a manual claim's to any body sentence. Only sentences
/// without a record of their own are taken, each at most once, best matches
/// first. The records move in memory, are flagged `recheck`, and move on disk
/// on their next save ([`VerdictStore::apply`]); nothing is removed until then.
/// Call [`attach_manual_claims`] again afterwards (or use [`attach_all`]) so
/// re-attached manual claims are in the index.
pub fn attach(index: &DeskIndex, store: &mut VerdictStore) -> Vec<Reattached> {
    let stale: Vec<VerdictRecord> = stale(index, store).into_iter().cloned().collect();
    if stale.is_empty() {
        return Vec::new();
    }
    let quotes: Vec<Vec<u64>> = stale
        .iter()
        .map(|r| bigrams(&normalize_str(&r.claim)))
        .collect();
    // Every body sentence of every article read that is similar enough to a
    // stale quote, in parallel: (article, sentence, stale record, similarity).
    // An article whose text is not read cannot offer one ([`attach_all`]
    // reads them first).
    let hits: Vec<(usize, usize, usize, f64)> = index
        .articles
        .par_iter()
        .enumerate()
        .filter(|(_, art)| art.has_text())
        .flat_map_iter(|(a, art)| {
            let mut found = Vec::new();
            for (i, s) in art.extraction.sentences.iter().enumerate() {
                if s.role == SentenceRole::Boilerplate {
                    continue;
                }
                let grams = bigrams(&normalize_str(&art.article.text[s.range.clone()]));
                for (r, quote) in quotes.iter().enumerate() {
                    if may_be_similar(quote.len(), grams.len()) {
                        let similarity = dice(quote, &grams);
                        if similarity >= MIN_SIMILARITY {
                            found.push((a, i, r, similarity));
                        }
                    }
                }
            }
            found
        })
        .collect();
    struct Candidate {
        text: String,
        articles: BTreeSet<String>,
        /// The owning rule when the sentence is a claim (`manual` for a manual claim).
        rule: Option<String>,
    }
    // The hits' sentences without a record of their own, by id.
    let mut candidates: BTreeMap<ClaimId, Candidate> = BTreeMap::new();
    let mut scored: Vec<(f64, usize, ClaimId)> = Vec::new();
    for (a, i, r, similarity) in hits {
        let art = &index.articles[a];
        let text = &art.article.text[art.extraction.sentences[i].range.clone()];
        let id = ClaimId::of_sentence(text);
        if store.get(&id).is_some() {
            continue;
        }
        let c = candidates.entry(id.clone()).or_insert_with(|| Candidate {
            text: text.to_string(),
            articles: BTreeSet::new(),
            rule: index.appearances(&id).first().map(|r| {
                let claim = &index.articles[r.article].extraction.claims[r.claim];
                claim
                    .rules
                    .owner()
                    .and_then(|i| index.rules.rules.get(i))
                    .map_or(MANUAL_RULE.to_string(), |rule| rule.id.clone())
            }),
        });
        c.articles.insert(art.rel.clone());
        // A rule claim's verdict goes only to a sentence that is a claim now.
        if (c.rule.is_some() || stale[r].is_manual())
            && !scored.iter().any(|(_, sr, sid)| *sr == r && *sid == id)
        {
            scored.push((similarity, r, id));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_records = HashSet::new();
    let mut used_claims = BTreeSet::new();
    let mut out = Vec::new();
    for (s, i, new) in scored {
        if used_records.contains(&i) || used_claims.contains(&new) {
            continue;
        }
        used_records.insert(i);
        used_claims.insert(new.clone());
        let old = &stale[i];
        let c = &candidates[&new];
        let rec = VerdictRecord {
            id: new.clone(),
            claim: c.text.clone(),
            rule: c.rule.clone().unwrap_or_else(|| MANUAL_RULE.to_string()),
            articles: c.articles.iter().cloned().collect(),
            ..Default::default()
        };
        store.reattach(&old.id, rec);
        out.push(Reattached {
            old: old.id.clone(),
            new,
            similarity: s,
        });
    }
    out
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
    let moved = attach(index, store);
    if !moved.is_empty() {
        attach_manual_claims(index, store);
    }
    moved
}

/// Character bigrams of the text with white space collapsed, sorted; each
/// pair of characters packed into one number.
fn bigrams(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = prev.is_some();
            continue;
        }
        if space {
            if let Some(p) = prev {
                out.push(u64::from(p) << 32 | u64::from(' '));
            }
            prev = Some(' ');
            space = false;
        }
        if let Some(p) = prev {
            out.push(u64::from(p) << 32 | u64::from(c));
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out
}

/// False when bigram multisets of these sizes cannot reach
/// [`MIN_SIMILARITY`]: the Dice coefficient is at most 2·min/(a+b).
fn may_be_similar(a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b) as f64, a.max(b) as f64);
    lo + hi == 0.0 || 2.0 * lo / (lo + hi) >= MIN_SIMILARITY
}

/// Sørensen–Dice coefficient of two sorted multisets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Adds a manual claim to the index for every sentence whose id is the id of
/// a manual record in the store (unless that article already has a claim
/// with that id), then reindexes.
pub fn attach_manual_claims(index: &mut DeskIndex, store: &VerdictStore) {
    let wanted: HashSet<&ClaimId> = store
        .records()
        .filter(|r| r.is_manual())
        .map(|r| &r.id)
        .collect();
    if wanted.is_empty() {
        return;
    }
    // An article whose text is not read yet is read only when one of its
    // sentences has a wanted id.
    let wanted_keys: HashSet<u64> = wanted.iter().map(|id| id_key(id)).collect();
    let to_read: Vec<usize> = index
        .articles
        .iter()
        .enumerate()
        .filter_map(|(a, art)| {
            let keys = &art.pending.as_ref()?.sentence_keys;
            keys.iter().any(|k| wanted_keys.contains(k)).then_some(a)
        })
        .collect();
    for a in to_read {
        index.read_text(a);
    }
    let mut any_added = false;
    for art in index.articles.iter_mut().filter(|a| a.has_text()) {
        let mut have: HashSet<ClaimId> =
            art.extraction.claims.iter().map(|c| c.id.clone()).collect();
        let mut added = Vec::new();
        for (i, s) in art.extraction.sentences.iter().enumerate() {
            if s.role == SentenceRole::Boilerplate {
                continue;
            }
            let id = ClaimId::of_sentence(&art.article.text[s.range.clone()]);
            if wanted.contains(&id) && !have.contains(&id) {
                have.insert(id);
                added.push(manual_claim(&art.article, &art.extraction, i));
            }
        }
        if !added.is_empty() {
            art.extraction.claims.extend(added);
            art.extraction.claims.sort_by_key(|c| c.range.start);
            any_added = true;
        }
    }
    if any_added {
        index.reindex();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_tolerates_small_edits() {
        let a = bigrams("قال الوزير إن النمو بلغ 5 في المئة هذا العام");
        let b = bigrams("قال الوزير إن النمو بلغ 6 في المئة هذا العام");
        let c = bigrams("أعلنت الشركة عن أرباح قياسية");
        assert!(dice(&a, &b) >= MIN_SIMILARITY);
        assert!(dice(&a, &c) < 0.3);
        assert_eq!(dice(&a, &a), 1.0);
    }

    #[test]
    fn bigrams_see_white_space_as_one_space() {
        let pair = |a: char, b: char| u64::from(a) << 32 | u64::from(b);
        let mut expected = vec![pair('a', 'b'), pair('b', ' '), pair(' ', 'c')];
        expected.sort_unstable();
        assert_eq!(bigrams("ab c"), expected);
        assert_eq!(bigrams("  ab \t\n c \n"), expected);
        assert!(bigrams("a").is_empty() && bigrams(" ").is_empty());
    }

    #[test]
    fn sizes_too_far_apart_are_never_similar() {
        let long = bigrams("قال الوزير إن النمو بلغ 5 في المئة هذا العام");
        for cut in 1..long.len() {
            let short = &long[..cut];
            if !may_be_similar(long.len(), short.len()) {
                assert!(dice(&long, short) < MIN_SIMILARITY, "cut {cut}");
            }
        }
        assert!(may_be_similar(10, 7) && !may_be_similar(10, 6));
    }
}
