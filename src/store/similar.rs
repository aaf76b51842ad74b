//! Finding where stale verdicts' sentences went: body sentences similar to
//! a stale record's quote (character bigrams, Dice coefficient), and the
//! plan of which record moves to which sentence.
//!
//! The search is split so it can run as texts arrive: [`StaleQuotes::similar_in`]
//! looks at one article, [`plan`] decides once every article was looked at.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use super::{MANUAL_RULE, VerdictRecord};
use crate::extract::{ClaimId, SentenceRole};
use crate::index::{DeskArticle, DeskIndex};
use crate::text::normalize::normalize_str;

/// Lowest similarity (0..=1) at which a stale verdict re-attaches.
pub const MIN_SIMILARITY: f64 = 0.8;

/// Stale records and the bigrams of their quotes.
#[derive(Debug, Clone, Default)]
pub struct StaleQuotes {
    records: Vec<VerdictRecord>,
    grams: Vec<Vec<u64>>,
}

/// A body sentence similar enough to a stale record's quote.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub article: usize,
    pub sentence: usize,
    /// Index of the stale record in its [`StaleQuotes`].
    pub quote: usize,
    pub similarity: f64,
}

/// A stale record to move: the record it becomes (under the new claim id;
/// the verdict, note and the rest come from the old one when it moves).
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub old: ClaimId,
    pub record: VerdictRecord,
    pub similarity: f64,
}

impl StaleQuotes {
    /// The quotes of these (stale) records.
    pub fn of(records: Vec<VerdictRecord>) -> StaleQuotes {
        let grams = records
            .iter()
            .map(|r| bigrams(&normalize_str(&r.claim)))
            .collect();
        StaleQuotes { records, grams }
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The body sentences of article `a` (its text read) similar enough to
    /// a quote.
    pub fn similar_in(&self, a: usize, art: &DeskArticle) -> Vec<Hit> {
        let mut found = Vec::new();
        if !art.has_text() {
            return found;
        }
        for (i, s) in art.extraction.sentences.iter().enumerate() {
            if s.role == SentenceRole::Boilerplate {
                continue;
            }
            let Some(text) = art.text(s.range.clone()) else {
                continue;
            };
            let grams = bigrams(&normalize_str(text));
            for (q, quote) in self.grams.iter().enumerate() {
                if may_be_similar(quote.len(), grams.len()) {
                    let similarity = dice(quote, &grams);
                    if similarity >= MIN_SIMILARITY {
                        found.push(Hit {
                            article: a,
                            sentence: i,
                            quote: q,
                            similarity,
                        });
                    }
                }
            }
        }
        found
    }

    /// [`StaleQuotes::similar_in`] of every article read, on every core.
    pub fn similar_in_all(&self, index: &DeskIndex) -> Vec<Hit> {
        index
            .articles
            .par_iter()
            .enumerate()
            .flat_map_iter(|(a, art)| self.similar_in(a, art))
            .collect()
    }
}

/// Which stale records move where, given every hit: only to sentences
/// without a record of their own (`has_record`), a rule claim's verdict
/// only to a sentence that is a claim now (a manual claim's to any body
/// sentence), each record and each sentence at most once, best matches
/// first.
pub fn plan(
    index: &DeskIndex,
    quotes: &StaleQuotes,
    mut hits: Vec<Hit>,
    has_record: impl Fn(&ClaimId) -> bool,
) -> Vec<Move> {
    struct Candidate {
        text: String,
        articles: BTreeSet<String>,
        /// The owning rule when the sentence is a claim (`manual` for a manual claim).
        rule: Option<String>,
    }
    // In desk order, so a sentence in several articles is quoted from the first.
    hits.sort_by_key(|h| (h.article, h.sentence, h.quote));
    let mut candidates: BTreeMap<ClaimId, Candidate> = BTreeMap::new();
    let mut scored: BTreeMap<(usize, ClaimId), f64> = BTreeMap::new();
    for h in hits {
        let Some(art) = index.articles.get(h.article) else {
            continue;
        };
        let Some(s) = art.extraction.sentences.get(h.sentence) else {
            continue;
        };
        let Some(text) = art.text(s.range.clone()) else {
            continue;
        };
        let id = ClaimId::of_sentence(text);
        if has_record(&id) {
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
        if c.rule.is_some() || quotes.records[h.quote].is_manual() {
            scored.insert((h.quote, id), h.similarity);
        }
    }
    let mut scored: Vec<(f64, usize, ClaimId)> =
        scored.into_iter().map(|((q, id), s)| (s, q, id)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_records = HashSet::new();
    let mut used_claims = BTreeSet::new();
    let mut out = Vec::new();
    for (similarity, q, new) in scored {
        if used_records.contains(&q) || used_claims.contains(&new) {
            continue;
        }
        used_records.insert(q);
        used_claims.insert(new.clone());
        let c = &candidates[&new];
        out.push(Move {
            old: quotes.records[q].id.clone(),
            record: VerdictRecord {
                id: new,
                claim: c.text.clone(),
                rule: c.rule.clone().unwrap_or_else(|| MANUAL_RULE.to_string()),
                articles: c.articles.iter().cloned().collect(),
                ..Default::default()
            },
            similarity,
        });
    }
    out
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
