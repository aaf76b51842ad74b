//! Which rules and vetoes may match a sentence, found in one pass.
//!
//! Every rule and veto pattern has a set of required literals
//! ([`super::literals`]): strings one of which occurs in any match. All of
//! them go into one Aho-Corasick automaton; a sentence is scanned once, and
//! only the patterns whose strings occur in it (the candidates) are then
//! tried with their own regex. Patterns without such strings are candidates
//! for every sentence. A candidate is only a possibility: the answer is
//! always the pattern's own regex, so the matches are exactly those of
//! trying every pattern on every sentence.
//!
//! This replaces one overlapping search of a set of all patterns, whose lazy
//! DFA kept building new states on varied real text (issue 14).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::literals::required_literals;

/// Most literals in the pass, over all patterns (a rule set of thousands
/// of word-list rules must not build an automaton of millions of strings).
const MAX_TOTAL_LITERALS: usize = 100_000;

/// The candidates of a sentence: one bit per pattern (rules, then vetoes).
#[derive(Debug, Clone)]
pub(super) struct Candidates {
    bits: Vec<u64>,
    rules: usize,
}

impl Candidates {
    fn set(&mut self, target: usize) {
        self.bits[target / 64] |= 1 << (target % 64);
    }

    fn has(&self, target: usize) -> bool {
        self.bits[target / 64] & (1 << (target % 64)) != 0
    }

    /// The candidate rules (indices in the rule set), ascending.
    pub(super) fn rules(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.rules).filter(|&i| self.has(i))
    }

    /// The candidate vetoes (indices in the rule set's vetoes), ascending.
    pub(super) fn vetoes(&self) -> impl Iterator<Item = usize> + '_ {
        let total = self.bits.len() * 64;
        (self.rules..total)
            .filter(|&t| self.has(t))
            .map(move |t| t - self.rules)
    }
}

/// The literal pass over the rules' and vetoes' patterns.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    /// Every required literal of every pattern (`None`: there is none).
    ac: Option<AhoCorasick>,
    /// For each literal of `ac`, the patterns that require it.
    owners: Vec<Vec<u32>>,
    /// The candidates before the pass: the patterns without literals.
    always: Candidates,
    /// Ids of the patterns without literals, for reports.
    unfiltered: Vec<usize>,
    /// How many patterns are rules (the others are vetoes).
    rules: usize,
    /// Number of patterns.
    targets: usize,
}

impl Matcher {
    /// The matcher of these normalised patterns: `rules` rule patterns
    /// followed by the vetoes'.
    pub(super) fn new<'a>(patterns: impl Iterator<Item = &'a str>, rules: usize) -> Matcher {
        let patterns: Vec<&str> = patterns.collect();
        let targets = patterns.len();
        let mut always = Candidates {
            bits: vec![0; targets.div_ceil(64).max(1)],
            rules,
        };
        let mut sets: Vec<Option<Vec<Vec<u8>>>> =
            patterns.iter().map(|p| required_literals(p)).collect();
        // A bounded automaton: past the budget, the patterns with the most
        // literals are tried on every sentence instead.
        let mut total: usize = sets.iter().flatten().map(Vec::len).sum();
        if total > MAX_TOTAL_LITERALS {
            let mut by_size: Vec<usize> = (0..targets).filter(|&t| sets[t].is_some()).collect();
            by_size.sort_by_key(|&t| std::cmp::Reverse(sets[t].as_ref().map_or(0, Vec::len)));
            for t in by_size {
                if total <= MAX_TOTAL_LITERALS {
                    break;
                }
                total -= sets[t].take().map_or(0, |s| s.len());
            }
        }
        let mut literals: Vec<(Vec<u8>, u32)> = Vec::new();
        let mut unfiltered = Vec::new();
        for (t, set) in sets.into_iter().enumerate() {
            match set {
                Some(set) => literals.extend(set.into_iter().map(|l| (l, t as u32))),
                None => {
                    always.set(t);
                    unfiltered.push(t);
                }
            }
        }
        literals.sort_unstable();
        let mut strings: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        for (lit, t) in literals {
            if strings.last() != Some(&lit) {
                strings.push(lit);
                owners.push(Vec::new());
            }
            if let Some(o) = owners.last_mut() {
                o.push(t);
            }
        }
        let ac = if strings.is_empty() {
            None
        } else {
            match AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&strings)
            {
                Ok(ac) => Some(ac),
                Err(_) => {
                    // Too large an automaton: try every pattern on every sentence.
                    for t in 0..targets {
                        always.set(t);
                    }
                    unfiltered = (0..targets).collect();
                    owners.clear();
                    None
                }
            }
        };
        Matcher {
            ac,
            owners,
            always,
            unfiltered,
            rules,
            targets,
        }
    }

    /// The patterns that may match `s`: every pattern that matches `s` is
    /// among them.
    pub(super) fn candidates(&self, s: &str) -> Candidates {
        let mut c = self.always.clone();
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(s) {
                for &t in &self.owners[m.pattern().as_usize()] {
                    c.set(t as usize);
                }
            }
        }
        c
    }

    /// The patterns without required literals (tried on every sentence), as
    /// indices: rules first, then vetoes offset by the number of rules.
    pub(super) fn unfiltered(&self) -> &[usize] {
        &self.unfiltered
    }

    /// Number of rule patterns.
    pub(super) fn rule_count(&self) -> usize {
        self.rules
    }

    /// Number of literals in the pass.
    pub(super) fn literal_count(&self) -> usize {
        self.owners.len()
    }

    /// Number of patterns (rules and vetoes).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn pattern_count(&self) -> usize {
        self.targets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_patterns_whose_literals_occur() {
        let m = Matcher::new(["cat|dog", r"\w+", "(?i)bird"].into_iter(), 2);
        assert_eq!(m.pattern_count(), 3);
        assert_eq!(m.unfiltered(), &[1]);
        let c = m.candidates("a cow and a BIRD");
        assert_eq!(c.rules().collect::<Vec<_>>(), vec![1]);
        assert_eq!(c.vetoes().collect::<Vec<_>>(), vec![0]);
        let c = m.candidates("the cat");
        assert_eq!(c.rules().collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(c.vetoes().count(), 0);
    }

    #[test]
    fn past_the_literal_budget_the_largest_sets_are_tried_always() {
        // 1,200 literals a pattern: 100 such patterns are over the budget.
        let big: Vec<String> = (0..100)
            .map(|p| {
                let words: Vec<String> = (0..1200).map(|w| format!("w{p}x{w}z")).collect();
                format!("(?:{})", words.join("|"))
            })
            .collect();
        let patterns = big.iter().map(String::as_str).chain(["needle"]);
        let m = Matcher::new(patterns, 101);
        assert!(m.literal_count() <= MAX_TOTAL_LITERALS);
        assert!(!m.unfiltered().is_empty());
        assert!(
            !m.unfiltered().contains(&100),
            "the small set keeps its literal"
        );
        let c = m.candidates("a needle");
        assert!(c.rules().any(|r| r == 100));
        // Every pattern that lost its literals is a candidate everywhere.
        for &t in m.unfiltered() {
            assert!(c.rules().any(|r| r == t));
        }
    }
}
