//! Extraction of several articles at once, phase by phase.
//!
//! Each phase (normalise and segment, roles, the prefilter set with the
//! vetoes, then each rule's spans) runs over every article of the batch
//! before the next, so that one automaton serves many sentences in a row
//! while it is in the CPU cache: the spans of 44 rules interleaved sentence
//! by sentence cost several times what they cost rule by rule.

use super::{Body, ClaimMatch, Extraction, SentenceRole, assemble, matching_rules, roles};
use crate::desk::Article;
use crate::rules::{RuleHit, RuleSet};

/// [`extract_with_matches`](super::extract_with_matches) of every article,
/// in order, with the same results.
pub fn extract_many(
    articles: &[&Article],
    rules: &RuleSet,
) -> Vec<(Extraction, Vec<Vec<ClaimMatch>>)> {
    let bodies: Vec<Body> = articles.iter().map(|a| Body::of(a)).collect();
    // The phases of `extract_body`, each over the whole batch.
    let roles: Vec<Vec<SentenceRole>> = bodies
        .iter()
        .map(|b| roles(&b.norm.text, &b.segs, rules))
        .collect();
    let matching: Vec<Vec<Vec<usize>>> = bodies
        .iter()
        .zip(&roles)
        .map(|(b, r)| matching_rules(b, r, rules))
        .collect();
    let extractions: Vec<Extraction> = bodies
        .iter()
        .zip(roles)
        .zip(&matching)
        .map(|((b, r), m)| assemble(b, r, m, rules))
        .collect();

    // One slot per (claim, rule of the claim), filled rule by rule; ranges
    // are mapped to the source afterwards, article by article.
    let mut slots: Vec<Vec<Vec<Option<RuleHit>>>> = extractions
        .iter()
        .map(|e| e.claims.iter().map(|c| vec![None; c.rules.len()]).collect())
        .collect();
    // (rule, article, claim, position of the rule in the claim's list)
    let mut work: Vec<(u16, u32, u32, u16)> = Vec::new();
    for (a, e) in extractions.iter().enumerate() {
        for (c, claim) in e.claims.iter().enumerate() {
            for (k, &rule) in claim.rules.iter().enumerate() {
                work.push((rule, a as u32, c as u32, k as u16));
            }
        }
    }
    work.sort_unstable();
    for (rule, a, c, k) in work {
        let (a, c) = (a as usize, c as usize);
        let sentence = extractions[a].claims[c].sentence;
        slots[a][c][usize::from(k)] = bodies[a].hit_in(sentence, rules, usize::from(rule));
    }
    extractions
        .into_iter()
        .zip(slots)
        .zip(&bodies)
        .map(|((e, slots), body)| {
            let matches = e
                .claims
                .iter()
                .zip(slots)
                .map(|(claim, hits)| {
                    let at = body.segs.get(claim.sentence).map_or(0, |s| s.range.start);
                    hits.into_iter()
                        .flatten()
                        .map(|h| body.to_match(at, h))
                        .collect()
                })
                .collect();
            (e, matches)
        })
        .collect()
}
