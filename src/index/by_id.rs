//! The id → appearances map of a desk: every claim's (article, claim) place,
//! sorted by id key, searched by binary search.
//!
//! Built at every open, so it is built cheaply: claim ids are hashes, so
//! their keys spread evenly and one bucket pass by the top bits of the key
//! leaves buckets of a few entries each, finished by insertion sort.

use rayon::prelude::*;

use super::{ClaimRef, DeskIndex, id_key};
use crate::extract::{Claim, ClaimId};

/// Buckets larger than this are sorted by a merge sort instead of insertion.
const SMALL_BUCKET: usize = 32;

/// The id keys of one article's claims, in claim order, and what their ids
/// look like: worked out while the claims are fresh in the CPU cache (as
/// each article loads) rather than in a second walk over every claim.
#[derive(Debug, Default)]
pub struct ArticleKeys {
    keys: Vec<u64>,
    /// The length of every id when all are lowercase hex of one length of
    /// at most 16 (so the key is the id's value; 0: no claims), `None` otherwise.
    hex_len: Option<usize>,
}

impl ArticleKeys {
    /// The keys of these claims.
    pub fn of(claims: &[Claim]) -> ArticleKeys {
        let hex_len = claims.first().map_or(0, |c| c.id.as_bytes().len());
        let canonical = claims.iter().all(|c| {
            let id = c.id.as_bytes();
            id.len() == hex_len
                && hex_len <= 16
                && id.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        });
        ArticleKeys {
            keys: claims.iter().map(|c| id_key(&c.id)).collect(),
            hex_len: canonical.then_some(hex_len),
        }
    }
}

impl DeskIndex {
    /// Rebuilds the id → appearances map (after claims were added by hand).
    pub fn reindex(&mut self) {
        let keys = self
            .articles
            .par_iter()
            .with_min_len(64)
            .map(|a| ArticleKeys::of(&a.extraction.claims))
            .collect();
        self.reindex_with(keys);
    }

    /// Rebuilds the id → appearances map from each article's keys (one
    /// [`ArticleKeys`] per article, in article order).
    pub(super) fn reindex_with(&mut self, keys: Vec<ArticleKeys>) {
        // Keys are the ids themselves when every id is lowercase hex of one
        // length (as claimdesk makes them): then no two ids share a key.
        let mut lengths = keys.iter().map(|k| k.hex_len).filter(|l| *l != Some(0));
        let first = lengths.next().flatten();
        let one_to_one = first.is_some() && lengths.all(|l| l == first);
        let mut in_order = Vec::with_capacity(self.claim_count());
        for (art, k) in self.articles.iter().zip(&keys) {
            // A wrong count (never, but cheap to check) falls back to the ids.
            match k.keys.len() == art.extraction.claims.len() {
                true => in_order.extend_from_slice(&k.keys),
                false => in_order.extend(art.extraction.claims.iter().map(|c| id_key(&c.id))),
            }
        }
        drop(keys);
        let counts = self.articles.iter().map(|a| a.extraction.claims.len());
        let (keys, mut by_id) = sort_places(in_order, counts);
        // Keys of different ids may (rarely, for ids typed by hand) collide:
        // order such a run by id, stably.
        let mut start = 0;
        while !one_to_one && start < keys.len() {
            let end = start + keys[start..].partition_point(|k| *k == keys[start]);
            let first = self.id(by_id[start]);
            if by_id[start + 1..end].iter().any(|r| self.id(*r) != first) {
                by_id[start..end].sort_by(|a, b| self.id(*a).cmp(self.id(*b)));
            }
            start = end;
        }
        self.by_id_keys = keys;
        self.by_id = by_id;
    }

    fn id(&self, r: ClaimRef) -> &ClaimId {
        &self.articles[r.article].extraction.claims[r.claim].id
    }

    /// The distinct ids of the desk's claims that start with `prefix` (hex
    /// digits, lower case), sorted. Claim ids are 12 hex digits, so their
    /// keys are their value: the candidates are one range of the keys.
    pub fn ids_with_prefix(&self, prefix: &str) -> Vec<ClaimId> {
        let digits = prefix.len();
        if digits == 0 || digits > 12 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Vec::new();
        }
        let Ok(value) = u64::from_str_radix(prefix, 16) else {
            return Vec::new();
        };
        let shift = 4 * (12 - digits as u32);
        let (lo_key, hi_key) = (value << shift, (value + 1) << shift);
        let lo = self.by_id_keys.partition_point(|k| *k < lo_key);
        let hi = self.by_id_keys.partition_point(|k| *k < hi_key);
        let mut ids: Vec<ClaimId> = self.by_id[lo..hi]
            .iter()
            .map(|r| self.id(*r))
            .filter(|id| id.as_str().starts_with(prefix))
            .cloned()
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The first appearance (in article order) of every distinct claim, in
    /// one pass over the id map: what the desk's distinct counts count.
    pub fn first_appearances(&self) -> impl Iterator<Item = ClaimRef> + '_ {
        self.by_id.iter().enumerate().filter_map(move |(i, &r)| {
            let first = i == 0
                || self.by_id_keys[i - 1] != self.by_id_keys[i]
                || self.id(self.by_id[i - 1]) != self.id(r);
            first.then_some(r)
        })
    }

    /// Every place a claim appears, in article order.
    pub fn appearances(&self, id: &ClaimId) -> &[ClaimRef] {
        let key = id_key(id);
        let lo = self.by_id_keys.partition_point(|k| *k < key);
        let hi = self.by_id_keys.partition_point(|k| *k <= key);
        let same_key = &self.by_id[lo..hi];
        // Keys of different ids may (rarely) collide: narrow to this id.
        let start = same_key.partition_point(|r| self.id(*r) < id);
        let end = same_key.partition_point(|r| self.id(*r) <= id);
        &same_key[start..end]
    }
}

/// Sorts claim keys given in (article, claim) order, `counts` claims per
/// article: the keys sorted, with each one's place, equal keys in article
/// order. Spread into buckets by the key's top bits (stably), then each
/// bucket sorted stably.
fn sort_places(keys: Vec<u64>, counts: impl Iterator<Item = usize>) -> (Vec<u64>, Vec<ClaimRef>) {
    let n = keys.len();
    // About four entries a bucket, at most 2^16 buckets.
    let bucket_bits = (usize::BITS - n.leading_zeros())
        .saturating_sub(2)
        .clamp(1, 16);
    let used_bits = u64::BITS - keys.iter().max().copied().unwrap_or(0).leading_zeros();
    let shift = used_bits.saturating_sub(bucket_bits);
    let bucket = |k: u64| (k >> shift) as usize;
    let mut starts = vec![0usize; (1 << bucket_bits) + 1];
    for &k in &keys {
        starts[bucket(k) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut sorted = vec![0u64; n];
    let mut places = vec![
        ClaimRef {
            article: 0,
            claim: 0
        };
        n
    ];
    let mut next = starts.clone();
    let mut at = 0;
    for (a, count) in counts.enumerate() {
        for c in 0..count {
            let Some(&k) = keys.get(at) else { break };
            at += 1;
            let slot = &mut next[bucket(k)];
            sorted[*slot] = k;
            places[*slot] = ClaimRef {
                article: a,
                claim: c,
            };
            *slot += 1;
        }
    }
    drop(keys);
    for w in starts.windows(2) {
        sort_bucket(&mut sorted[w[0]..w[1]], &mut places[w[0]..w[1]]);
    }
    (sorted, places)
}

/// Sorts one bucket's keys, and their places alongside, stably by key.
fn sort_bucket(keys: &mut [u64], places: &mut [ClaimRef]) {
    if keys.len() <= SMALL_BUCKET {
        for i in 1..keys.len() {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                keys.swap(j - 1, j);
                places.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    // Many entries in one bucket (keys that cluster, or one claim repeated
    // across many articles): a stable merge sort of the pairs.
    let mut pairs: Vec<(u64, ClaimRef)> =
        keys.iter().copied().zip(places.iter().copied()).collect();
    pairs.sort_by_key(|p| p.0);
    for ((k, p), (key, place)) in pairs
        .into_iter()
        .zip(keys.iter_mut().zip(places.iter_mut()))
    {
        *key = k;
        *place = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Keys in article order and the claim counts of each article.
    fn articles() -> impl Strategy<Value = (Vec<u64>, Vec<usize>)> {
        // Few distinct keys (repeats, clusters) as well as spread ones.
        let key = prop_oneof![0u64..8, any::<u64>(), (0u64..1 << 48)];
        prop::collection::vec(prop::collection::vec(key, 0..6), 0..60).prop_map(|arts| {
            let counts = arts.iter().map(Vec::len).collect();
            (arts.into_iter().flatten().collect(), counts)
        })
    }

    proptest! {
        #[test]
        fn sorts_like_a_stable_sort_by_key((keys, counts) in articles()) {
            let mut expected: Vec<(u64, usize, usize)> = Vec::new();
            let mut at = 0;
            for (a, &n) in counts.iter().enumerate() {
                for c in 0..n {
                    expected.push((keys[at], a, c));
                    at += 1;
                }
            }
            expected.sort_by_key(|e| e.0);
            let (sorted, places) = sort_places(keys, counts.into_iter());
            let got: Vec<(u64, usize, usize)> = sorted
                .iter()
                .zip(&places)
                .map(|(k, p)| (*k, p.article, p.claim))
                .collect();
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn a_large_bucket_of_one_key_keeps_article_order() {
        let keys = vec![5u64; 100];
        let (sorted, places) = sort_places(keys, std::iter::repeat_n(1, 100));
        assert!(sorted.iter().all(|k| *k == 5));
        assert!(
            places
                .iter()
                .enumerate()
                .all(|(i, p)| p.article == i && p.claim == 0)
        );
    }
}
