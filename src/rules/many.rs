//! Matching many sentences at once, pattern by pattern.
//!
//! One pattern's lazy DFA serves all of its candidate sentences in a row
//! while it is in the CPU cache; trying every candidate pattern of one
//! sentence before the next costs several times more on real text (44
//! automata do not fit in the caches together).

use super::{RuleHit, RuleSet, Script};

impl RuleSet {
    /// What extraction asks of each normalised sentence, with the spans:
    /// `None` when a veto matches it ([`RuleSet::claim_rules`]), else the
    /// hit of every rule that matches it, in rule order (each as
    /// [`RuleSet::hits`] finds it, `exclude` applied).
    pub fn claim_hits_many(&self, normalized_sentences: &[&str]) -> Vec<Option<Vec<RuleHit>>> {
        let sentences = normalized_sentences;
        let matcher = &self.sets().matcher;
        // Candidate sentences of each rule and veto.
        let mut of_rule: Vec<Vec<u32>> = vec![Vec::new(); self.rules.len()];
        let mut of_veto: Vec<Vec<u32>> = vec![Vec::new(); self.vetoes.len()];
        for (k, s) in sentences.iter().enumerate() {
            let c = matcher.candidates(s);
            let skip = if Script::has_arabic(s) {
                Script::NonArabic
            } else {
                Script::Arabic
            };
            for v in c.vetoes() {
                of_veto[v].push(k as u32);
            }
            for i in c.rules() {
                if self.rules[i].script != skip {
                    of_rule[i].push(k as u32);
                }
            }
        }
        let mut vetoed = vec![false; sentences.len()];
        for (v, ks) in of_veto.iter().enumerate() {
            let re = self.vetoes[v].regex.regex();
            for &k in ks {
                let k = k as usize;
                if !vetoed[k] && re.is_match(sentences[k]) {
                    vetoed[k] = true;
                }
            }
        }
        let mut out: Vec<Option<Vec<RuleHit>>> = vetoed
            .iter()
            .map(|&v| if v { None } else { Some(Vec::new()) })
            .collect();
        // Rules in ascending order: each sentence's hits come in rule order.
        for (i, ks) in of_rule.iter().enumerate() {
            for &k in ks {
                let k = k as usize;
                let Some(hits) = &mut out[k] else { continue };
                if let Some(hit) = self.span(i, sentences[k]) {
                    hits.push(hit);
                }
            }
            let Some(exclude) = &self.rules[i].exclude else {
                continue;
            };
            for &k in ks {
                let k = k as usize;
                if let Some(hits) = &mut out[k]
                    && hits.last().is_some_and(|h| h.rule == i)
                    && exclude.is_match(sentences[k])
                {
                    hits.pop();
                }
            }
        }
        out
    }
}
