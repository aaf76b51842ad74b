//! Candidate pairs from an inverted index with prefix filtering, then an
//! exact re-score of every candidate.
//!
//! Each term weighs its inverse document frequency `ln(1 + n / df)` over
//! the `n` claims. A claim's *prefix* is its rarest terms (in one global
//! order: document frequency, then term) up to more than `1 - MIN_CONTAINMENT`
//! of its weight. Two claims whose shared weight reaches `MIN_CONTAINMENT`
//! of the lighter one share a term of the lighter one's prefix (the first
//! shared term in the global order is in it), so probing every claim's
//! prefix against the index of all terms finds every such pair without
//! looking at all pairs. Terms carried by more than [`df_cap`] claims are
//! left out of the index (boilerplate and function words are never what
//! links two claims); they still count in the score.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::Signature;

/// A hasher that keeps a `u64` key as it is (for keys that are hashes).
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by u64 keys; fold any bytes in all the same.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The lowest containment (shared weight / weight of the lighter claim)
/// for which candidates are guaranteed to be found.
pub(super) const MIN_CONTAINMENT: f64 = 0.4;

/// Terms carried by more claims than this are not indexed: at least 100,
/// one per two thousand claims on large desks. A claim made only of commoner
/// terms (an outlet's sign-off under every article) finds no candidates.
pub(super) fn df_cap(n: usize) -> usize {
    (n / 2000).max(100)
}

/// At most this many of a claim's rarest terms look for candidates.
pub(super) const MAX_PROBES: usize = 6;

/// A scored pair of claims (`a < b`, in different articles).
#[derive(Debug, Clone, Copy)]
pub(super) struct Pair {
    pub a: u32,
    pub b: u32,
    /// Weight of the shared terms over the weight of both (weighted Jaccard).
    pub jaccard: f64,
    /// Weight of the shared terms over the weight of the lighter claim.
    pub containment: f64,
    /// Shared terms that are not figure slots.
    pub shared: u32,
    /// Shared figure slots: units both claims give a figure of.
    pub shared_figures: u32,
}

/// The claims' terms as dense ids sorted by id, and each id's weight and
/// document frequency.
struct Terms {
    per_item: Vec<Vec<u32>>,
    weight: Vec<f64>,
    df: Vec<u32>,
    /// Whether each id is a figure slot ([`super::signature::figure_terms`]).
    figure: Vec<bool>,
}

fn dense_terms(sigs: &[&Signature]) -> Terms {
    let mut all: Vec<u64> = sigs
        .par_iter()
        .flat_map_iter(|s| s.terms.iter().copied())
        .collect();
    all.par_sort_unstable();
    let mut unique: Vec<u64> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    for &t in &all {
        if unique.last() == Some(&t) {
            if let Some(last) = df.last_mut() {
                *last += 1;
            }
        } else {
            unique.push(t);
            df.push(1);
        }
    }
    drop(all);
    let n = sigs.len().max(1) as f64;
    let weight = df.iter().map(|&d| (1.0 + n / f64::from(d)).ln()).collect();
    // Terms are FNV hashes, mixed already: they are their own hash.
    let ids: HashMap<u64, u32, BuildHasherDefault<Identity>> = unique
        .iter()
        .enumerate()
        .map(|(i, &t)| (t, i as u32))
        .collect();
    let per_item = sigs
        .par_iter()
        .map(|s| {
            // Terms are sorted, so their ids are too.
            s.terms.iter().filter_map(|t| ids.get(t).copied()).collect()
        })
        .collect();
    drop(ids);
    let mut figure = vec![false; unique.len()];
    for t in super::signature::figure_terms() {
        if let Ok(i) = unique.binary_search(&t) {
            figure[i] = true;
        }
    }
    Terms {
        per_item,
        weight,
        df,
        figure,
    }
}

/// Every pair of claims in different articles whose containment reaches
/// [`MIN_CONTAINMENT`], scored; sorted by (a, b).
pub(super) fn scored_pairs(articles: &[usize], sigs: &[&Signature]) -> Vec<Pair> {
    let terms = dense_terms(sigs);
    let cap = df_cap(sigs.len()) as u32;
    let totals: Vec<f64> = terms
        .per_item
        .iter()
        .map(|t| t.iter().map(|&i| terms.weight[i as usize]).sum())
        .collect();
    // The inverted index of every indexed term: postings in item order.
    let mut start = vec![0u32; terms.weight.len() + 1];
    for t in terms.per_item.iter().flatten() {
        if terms.df[*t as usize] <= cap {
            start[*t as usize + 1] += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut postings = vec![0u32; start[start.len() - 1] as usize];
    for (item, ts) in terms.per_item.iter().enumerate() {
        for &t in ts {
            if terms.df[t as usize] <= cap {
                postings[fill[t as usize] as usize] = item as u32;
                fill[t as usize] += 1;
            }
        }
    }
    drop(fill);
    let n = sigs.len();
    // Article numbers packed small: the probe loop reads one per posting.
    let arts: Vec<u32> = match articles.iter().all(|&a| u32::try_from(a).is_ok()) {
        true => articles.iter().map(|&a| a as u32).collect(),
        false => {
            let mut dense: HashMap<usize, u32> = HashMap::new();
            articles
                .iter()
                .map(|&a| {
                    let next = dense.len() as u32;
                    *dense.entry(a).or_insert(next)
                })
                .collect()
        }
    };
    // Claims are probed in chunks; each chunk allocates its hit counts (n
    // bytes) once.
    const CHUNK: usize = 2048;
    let mut pairs: Vec<Pair> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut hits = vec![0u8; n];
            let mut touched: Vec<u32> = Vec::new();
            let mut out: Vec<Pair> = Vec::new();
            for i in c * CHUNK..n.min((c + 1) * CHUNK) {
                let mine = &terms.per_item[i];
                let mut order: Vec<u32> = mine
                    .iter()
                    .copied()
                    .filter(|&t| terms.df[t as usize] <= cap && !terms.figure[t as usize])
                    .collect();
                order.sort_unstable_by_key(|&t| (terms.df[t as usize], t));
                let budget = (1.0 - MIN_CONTAINMENT) * totals[i];
                let mut seen = 0.0;
                let mut probes = 0usize;
                touched.clear();
                for &t in order.iter().take(MAX_PROBES) {
                    let t = t as usize;
                    for &j in &postings[start[t] as usize..start[t + 1] as usize] {
                        let ju = j as usize;
                        if ju == i || arts[ju] == arts[i] {
                            continue;
                        }
                        if hits[ju] == 0 {
                            touched.push(j);
                        }
                        hits[ju] = hits[ju].saturating_add(1);
                    }
                    probes += 1;
                    seen += terms.weight[t];
                    if seen > budget {
                        break;
                    }
                }
                // A candidate shares two probed terms, or the only one probed.
                let need = if probes >= 2 { 2 } else { 1 };
                // No need to sort `touched`: the pairs are sorted at the end.
                for &j in touched.iter() {
                    let ju = j as usize;
                    if hits[ju] >= need {
                        let (a, b) = (i.min(ju), i.max(ju));
                        out.extend(score(&terms, &totals, a, b));
                    }
                    hits[ju] = 0;
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable_by_key(|p| (p.a, p.b));
    pairs.dedup_by_key(|p| (p.a, p.b));
    pairs
}

/// The exact score of claims `a` and `b`; `None` below [`MIN_CONTAINMENT`].
fn score(terms: &Terms, totals: &[f64], a: usize, b: usize) -> Option<Pair> {
    let (x, y) = (&terms.per_item[a], &terms.per_item[b]);
    let (mut i, mut j) = (0, 0);
    let mut inter = 0.0;
    let mut shared = 0u32;
    let mut shared_figures = 0u32;
    // A merge that steps without branching on the order (the hot loop of
    // linking): equal ids are rare next to unequal ones.
    while i < x.len() && j < y.len() {
        let (p, q) = (x[i], y[j]);
        if p == q {
            inter += terms.weight[p as usize];
            if terms.figure[p as usize] {
                shared_figures += 1;
            } else {
                shared += 1;
            }
        }
        i += usize::from(p <= q);
        j += usize::from(q <= p);
    }
    let (wa, wb) = (totals[a], totals[b]);
    let lighter = wa.min(wb);
    if lighter <= 0.0 {
        return None;
    }
    let containment = inter / lighter;
    if containment < MIN_CONTAINMENT {
        return None;
    }
    Some(Pair {
        a: a as u32,
        b: b as u32,
        jaccard: inter / (wa + wb - inter),
        containment,
        shared,
        shared_figures,
    })
}
