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
/// for which candidates are guaranteed to be found: the lowest any linked
/// pair has (a similarity is at most the containment, see [`super::level`]).
pub(super) const MIN_CONTAINMENT: f64 =
    super::SIMILAR_SIMILARITY.min(super::FIGURE_CONTAINMENT) as f64;

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
    /// Every claim's ids, one after another ([`Terms::of`]): one vector,
    /// not one per claim (a quarter of a million small allocations).
    ids: Vec<u32>,
    /// Where claim `i`'s ids start in `ids`; `n + 1` entries.
    offsets: Vec<u32>,
    weight: Vec<f64>,
    df: Vec<u32>,
    /// Whether each id is a figure slot ([`super::signature::figure_terms`]).
    figure: Vec<bool>,
}

impl Terms {
    /// Claim `i`'s term ids, sorted.
    fn of(&self, i: usize) -> &[u32] {
        &self.ids[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Every claim's term ids, in claim order.
    fn per_item(&self) -> impl Iterator<Item = &[u32]> {
        self.offsets
            .windows(2)
            .map(|w| &self.ids[w[0] as usize..w[1] as usize])
    }
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
    let mut offsets = Vec::with_capacity(sigs.len() + 1);
    offsets.push(0u32);
    let mut flat: Vec<u32> = Vec::with_capacity(sigs.iter().map(|s| s.terms.len()).sum());
    for s in sigs {
        // Terms are sorted, so their ids are too.
        flat.extend(s.terms.iter().filter_map(|t| ids.get(t).copied()));
        offsets.push(flat.len() as u32);
    }
    drop(ids);
    let mut figure = vec![false; unique.len()];
    for t in super::signature::figure_terms() {
        if let Ok(i) = unique.binary_search(&t) {
            figure[i] = true;
        }
    }
    Terms {
        ids: flat,
        offsets,
        weight,
        df,
        figure,
    }
}

/// Every pair of claims in different articles whose containment reaches
/// [`MIN_CONTAINMENT`], scored; sorted by (a, b). `days[i]`: claim `i`'s
/// article date as a day number, when known (the dated index, [`WIDE_CAP`]).
pub(super) fn scored_pairs(
    articles: &[usize],
    sigs: &[&Signature],
    days: &[Option<i64>],
) -> Vec<Pair> {
    let terms = dense_terms(sigs);
    let cap = df_cap(sigs.len()) as u32;
    let totals: Vec<f64> = terms
        .per_item()
        .map(|t| t.iter().map(|&i| terms.weight[i as usize]).sum())
        .collect();
    // The inverted index of every indexed term: postings in item order.
    let mut start = vec![0u32; terms.weight.len() + 1];
    for t in &terms.ids {
        if terms.df[*t as usize] <= cap {
            start[*t as usize + 1] += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let n = sigs.len();
    // Article numbers packed small, kept in the postings beside each item:
    // the probe loop reads one per posting, in order.
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
    let mut fill = start.clone();
    let mut postings = vec![(0u32, 0u32); start[start.len() - 1] as usize];
    for (item, ts) in terms.per_item().enumerate() {
        for &t in ts {
            if terms.df[t as usize] <= cap {
                postings[fill[t as usize] as usize] = (item as u32, arts[item]);
                fill[t as usize] += 1;
            }
        }
    }
    drop(fill);
    let day = |i: usize| days.get(i).copied().flatten();
    let wide = WideIndex::new(&terms, cap, &day);
    let probes: Vec<Probe> = (0..n)
        .into_par_iter()
        .map(|i| {
            let dated = day(i).is_some();
            Probe::of(&terms, cap, totals[i], terms.of(i), dated)
        })
        .collect();
    // Claims are probed in chunks; each chunk allocates its hit counts (n
    // bytes) once.
    const CHUNK: usize = 2048;
    let mut pairs: Vec<Pair> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut hits = vec![0u8; n];
            let mut touched: Vec<u32> = Vec::new();
            let mut mine = TermSet::new(terms.weight.len());
            let mut out: Vec<Pair> = Vec::new();
            for i in c * CHUNK..n.min((c + 1) * CHUNK) {
                touched.clear();
                let mut hit = |j: u32, art: u32, by: u8| {
                    if art != arts[i] {
                        let ju = j as usize;
                        if hits[ju] == 0 {
                            touched.push(j);
                        }
                        hits[ju] += by;
                    }
                };
                for &t in probes[i].terms() {
                    let t = t as usize;
                    for &(j, art) in &postings[start[t] as usize..start[t + 1] as usize] {
                        hit(j, art, RARE_HIT);
                    }
                }
                if let Some(d) = day(i) {
                    for &t in probes[i].wide_terms() {
                        for j in wide.near(t, d) {
                            hit(j, arts[j as usize], WIDE_HIT);
                        }
                    }
                }
                let me = &probes[i];
                mine.fill(terms.of(i));
                // No need to sort `touched`: the pairs are sorted at the end.
                for &j in touched.iter() {
                    let ju = j as usize;
                    let found = me.takes(hits[ju]);
                    // A pair the other claim finds too is scored from the
                    // lower index only: each pair once.
                    let twice = found && ju < i && probes[ju].finds(&mine, near(day(i), day(ju)));
                    if found && !twice {
                        out.extend(score(&terms, &totals, &mine, i, ju));
                    }
                    hits[ju] = 0;
                }
                mine.clear(terms.of(i));
            }
            out
        })
        .collect();
    pairs.par_sort_unstable_by_key(|p| (p.a, p.b));
    pairs
}

/// What one probe hit adds to a candidate's count: rare terms in the low
/// four bits, dated common terms in the high four (at most [`MAX_PROBES`]
/// each, so a `u8` holds both).
const RARE_HIT: u8 = 1;
const WIDE_HIT: u8 = 16;

/// Terms carried by at most this many claims, but more than [`df_cap`], are
/// indexed by article date: a claim probes them only among claims of
/// articles at most [`WIDE_DAYS`] apart. Two outlets telling one story on
/// the same day in other words often share only such words (a minister's
/// name, a city, a verb); read on held-out pairs, they were the commonest
/// reason a paraphrase was never a candidate (docs/linking.md, round 3).
pub const WIDE_CAP: usize = 2000;
/// A dated claim that probes with fewer terms than this (rare ones and
/// those of the dated index together) also probes with its rarest terms
/// carried by up to [`SPARSE_CAP`] claims, among claims of articles a day
/// apart, until it has this many. Read on the dev pairs of round 5, a
/// sentence made only of common words (a president, a deal, withdrew)
/// probed with one term or none, so its paraphrase a day apart was never
/// a candidate however high it scored (docs/linking.md, round 5).
pub const SPARSE_PROBES: usize = 3;
/// The most claims a term may be carried by to be probed by a sparse claim
/// ([`SPARSE_PROBES`]); the dated index holds terms up to this.
pub const SPARSE_CAP: usize = 12_000;

/// How many days apart two articles may be for their claims to meet through
/// the dated index.
pub const WIDE_DAYS: i64 = 1;

/// True when two articles' days are known and at most [`WIDE_DAYS`] apart.
pub(super) fn near(a: Option<i64>, b: Option<i64>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if (x - y).abs() <= WIDE_DAYS)
}

/// The terms a claim looks for candidates with: its rarest indexed terms
/// (figure slots aside), at most [`MAX_PROBES`], until more than
/// `1 - MIN_CONTAINMENT` of its weight; and, when its article is dated, its
/// rarest terms of the dated index ([`WIDE_CAP`]), at most [`MAX_PROBES`],
/// or commoner ones when it has few ([`SPARSE_PROBES`]).
struct Probe {
    terms: [u32; MAX_PROBES],
    len: u8,
    /// Rare terms a candidate must share: two, or the only one probed.
    need: u8,
    wide: [u32; MAX_PROBES],
    wide_len: u8,
}

impl Probe {
    fn of(terms: &Terms, cap: u32, total: f64, mine: &[u32], dated: bool) -> Probe {
        let mut order: Vec<u32> = mine
            .iter()
            .copied()
            .filter(|&t| terms.df[t as usize] as usize <= SPARSE_CAP && !terms.figure[t as usize])
            .collect();
        order.sort_unstable_by_key(|&t| (terms.df[t as usize], t));
        let budget = (1.0 - MIN_CONTAINMENT) * total;
        let mut probe = Probe {
            terms: [0; MAX_PROBES],
            len: 0,
            need: 1,
            wide: [0; MAX_PROBES],
            wide_len: 0,
        };
        let mut seen = 0.0;
        let (rare, common) =
            order.split_at(order.partition_point(|&t| terms.df[t as usize] <= cap));
        for &t in rare.iter().take(MAX_PROBES) {
            probe.terms[probe.len as usize] = t;
            probe.len += 1;
            seen += terms.weight[t as usize];
            if seen > budget {
                break;
            }
        }
        probe.need = if probe.len >= 2 { 2 } else { 1 };
        if dated {
            // Terms of the dated index proper, then, for a claim made of
            // common words that probes with fewer than [`SPARSE_PROBES`]
            // terms so far, its rarest terms up to [`SPARSE_CAP`].
            let proper = common.partition_point(|&t| terms.df[t as usize] as usize <= WIDE_CAP);
            let sparse = SPARSE_PROBES.saturating_sub(probe.len as usize + proper.min(MAX_PROBES));
            let (proper, commoner) = common.split_at(proper);
            for &t in proper
                .iter()
                .take(MAX_PROBES)
                .chain(commoner.iter().take(sparse))
            {
                probe.wide[probe.wide_len as usize] = t;
                probe.wide_len += 1;
            }
        }
        probe
    }

    fn terms(&self) -> &[u32] {
        &self.terms[..self.len as usize]
    }

    fn wide_terms(&self) -> &[u32] {
        &self.wide[..self.wide_len as usize]
    }

    /// True when a claim hit this many times ([`RARE_HIT`], [`WIDE_HIT`]) is
    /// a candidate: the rare terms needed, or two terms of either kind.
    fn takes(&self, hits: u8) -> bool {
        let (rare, wide) = (hits & 15, hits >> 4);
        rare >= self.need || rare + wide >= 2
    }

    /// True when this claim's probe finds a claim of these terms (`near`:
    /// their articles are dated close enough for the dated index).
    fn finds(&self, other: &TermSet, near: bool) -> bool {
        let count = |ts: &[u32]| ts.iter().filter(|&&t| other.has(t)).count() as u8;
        let wide = if near { count(self.wide_terms()) } else { 0 };
        self.takes(count(self.terms()) * RARE_HIT + wide * WIDE_HIT)
    }
}

/// The dated index: for each term carried by more than [`df_cap`] claims
/// and at most [`SPARSE_CAP`], its dated claims sorted by day.
struct WideIndex {
    start: Vec<u32>,
    /// (day, item), by term then day then item: 8 bytes a posting (the
    /// article is looked up by item), the index's largest array.
    postings: Vec<(i32, u32)>,
    /// The day of every [`SKIP`]-th posting: a binary search over the
    /// postings themselves missed the cache at nearly every step (a quarter
    /// of the scoring's time on the ANT desk); this array is 32 times smaller.
    skip: Vec<i32>,
}

/// One posting in this many has its day in [`WideIndex::skip`].
const SKIP: usize = 16;

impl WideIndex {
    fn new(terms: &Terms, cap: u32, day: &dyn Fn(usize) -> Option<i64>) -> WideIndex {
        let wide = |t: u32| {
            let df = terms.df[t as usize];
            df > cap && df as usize <= SPARSE_CAP && !terms.figure[t as usize]
        };
        let mut start = vec![0u32; terms.weight.len() + 1];
        for (item, ts) in terms.per_item().enumerate() {
            if day(item).is_some() {
                for &t in ts.iter().filter(|&&t| wide(t)) {
                    start[t as usize + 1] += 1;
                }
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut fill = start.clone();
        let mut postings = vec![(0i32, 0u32); start[start.len() - 1] as usize];
        for (item, ts) in terms.per_item().enumerate() {
            let Some(d) = day(item) else { continue };
            for &t in ts.iter().filter(|&&t| wide(t)) {
                postings[fill[t as usize] as usize] = (day32(d), item as u32);
                fill[t as usize] += 1;
            }
        }
        // Filled in item order, so sorting each list by (day, item) keeps
        // item order within a day; the lists are sorted in parallel.
        let mut lists: Vec<&mut [(i32, u32)]> = Vec::new();
        let mut rest = postings.as_mut_slice();
        for t in 0..terms.weight.len() {
            let (list, tail) = rest.split_at_mut((start[t + 1] - start[t]) as usize);
            if list.len() > 1 {
                lists.push(list);
            }
            rest = tail;
        }
        lists.par_iter_mut().for_each(|list| list.sort_unstable());
        let skip = postings.iter().step_by(SKIP).map(|p| p.0).collect();
        WideIndex {
            start,
            postings,
            skip,
        }
    }

    /// Every claim carrying term `t` whose article is at most [`WIDE_DAYS`]
    /// from day `d`.
    fn near(&self, t: u32, d: i64) -> impl Iterator<Item = u32> + '_ {
        let (from, to) = (
            self.start[t as usize] as usize,
            self.start[t as usize + 1] as usize,
        );
        let (low, high) = (day32(d - WIDE_DAYS), day32(d + WIDE_DAYS));
        // The sampled postings inside the list: the first one on or after
        // `low` bounds where the list's first such posting can be.
        let (first, last) = (from.div_ceil(SKIP), to.div_ceil(SKIP));
        let mut begin = from;
        if first < last {
            let k = first + self.skip[first..last].partition_point(|&day| day < low);
            if k > first {
                begin = (k - 1) * SKIP;
            }
        }
        let list = &self.postings[begin..to];
        let at = list.iter().position(|p| p.0 >= low).unwrap_or(list.len());
        list[at..]
            .iter()
            .take_while(move |p| p.0 <= high)
            .map(|p| p.1)
    }
}

/// A day number in 32 bits (days from 1970: any real date fits; a wild one
/// is clamped, the same way on both sides of a comparison).
fn day32(d: i64) -> i32 {
    d.clamp(i32::MIN as i64, i32::MAX as i64) as i32
}

/// The terms of the claim being probed for, as one bit per term id: a
/// candidate's terms are looked up in it, not merged with the claim's list
/// (the merge's unpredictable steps were most of the scoring's time).
struct TermSet {
    bits: Vec<u64>,
}

impl TermSet {
    fn new(terms: usize) -> TermSet {
        TermSet {
            bits: vec![0; terms.div_ceil(64)],
        }
    }

    fn fill(&mut self, ids: &[u32]) {
        for &t in ids {
            self.bits[t as usize / 64] |= 1 << (t % 64);
        }
    }

    /// Empties the set of `ids` (those it was filled with): cheaper than
    /// clearing every word.
    fn clear(&mut self, ids: &[u32]) {
        for &t in ids {
            self.bits[t as usize / 64] = 0;
        }
    }

    fn has(&self, t: u32) -> bool {
        self.bits[t as usize / 64] & (1 << (t % 64)) != 0
    }
}

/// The exact score of claim `i` (whose terms `mine` holds) and claim `j`;
/// `None` below [`MIN_CONTAINMENT`]. Symmetric: the shared weight is summed
/// over `j`'s terms in id order, the order a merge of both lists sums it in.
fn score(terms: &Terms, totals: &[f64], mine: &TermSet, i: usize, j: usize) -> Option<Pair> {
    let mut inter = 0.0;
    let mut shared = 0u32;
    let mut shared_figures = 0u32;
    for &t in terms.of(j) {
        if mine.has(t) {
            inter += terms.weight[t as usize];
            if terms.figure[t as usize] {
                shared_figures += 1;
            } else {
                shared += 1;
            }
        }
    }
    let (wa, wb) = (totals[i], totals[j]);
    let lighter = wa.min(wb);
    if lighter <= 0.0 {
        return None;
    }
    let containment = inter / lighter;
    if containment < MIN_CONTAINMENT {
        return None;
    }
    Some(Pair {
        a: i.min(j) as u32,
        b: i.max(j) as u32,
        jaccard: inter / (wa + wb - inter),
        containment,
        shared,
        shared_figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dated index's sampled search finds, for every term and day,
    /// exactly the postings a scan of the term's whole list finds.
    #[test]
    fn the_dated_index_finds_what_a_full_scan_finds() {
        // 700 claims over 60 days; term 1 in all of them, term 2 in every
        // third, term 3 in every sixth: all above the index's cap of 100
        // claims, so lists of several lengths against SKIP.
        let sigs: Vec<Signature> = (0..700u64)
            .map(|i| {
                let mut terms = vec![1, 1000 + i];
                if i % 3 == 0 {
                    terms.push(2);
                }
                if i % 6 == 0 {
                    terms.push(3);
                }
                terms.sort_unstable();
                Signature {
                    terms,
                    ..Signature::default()
                }
            })
            .collect();
        let refs: Vec<&Signature> = sigs.iter().collect();
        let terms = dense_terms(&refs);
        // Days out of order against the claims, some claims undated.
        let days: Vec<Option<i64>> = (0..700i64)
            .map(|i| (i % 11 != 5).then_some((i * 37) % 60))
            .collect();
        let day = |i: usize| days[i];
        let cap = df_cap(sigs.len()) as u32;
        let wide = WideIndex::new(&terms, cap, &day);
        let mut probed = 0;
        for t in 0..terms.weight.len() as u32 {
            let list = &wide.postings
                [wide.start[t as usize] as usize..wide.start[t as usize + 1] as usize];
            for d in -3..64 {
                let found: Vec<u32> = wide.near(t, d).collect();
                let scanned: Vec<u32> = list
                    .iter()
                    .filter(|p| (i64::from(p.0) - d).abs() <= WIDE_DAYS)
                    .map(|p| p.1)
                    .collect();
                assert_eq!(found, scanned, "term {t}, day {d}");
                probed += usize::from(!list.is_empty());
            }
        }
        assert!(probed >= 3 * 67, "three terms in the dated index: {probed}");
    }
}
