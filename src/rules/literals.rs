//! Required literals of a pattern: a finite set of strings such that every
//! match of the pattern contains at least one of them.
//!
//! The matcher ([`super::matcher`]) looks for these strings in one
//! multi-pattern pass and verifies a rule's own regex only on the sentences
//! where one of its strings occurs. The set is built from the pattern's HIR
//! with `regex-syntax`'s prefix [`Extractor`], applied to every part of the
//! pattern that any match must contain (each suffix of a concatenation,
//! each branch of an alternation, the body of a repetition of at least
//! one): the prefixes of a required part are required. Of the candidate
//! sets, the one with the longest shortest string wins (then the smallest).
//!
//! ASCII letters are folded to lower case first, for a search that ignores
//! ASCII case: `(?i)said` gives `said`, which finds `Said` and `SAID` too.
//! Other characters of a case class (`ſ` for `s`, `K` for `k`) stay as
//! written, so no match is missed.

use regex_syntax::hir::literal::{Extractor, Seq};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Repetition,
};

/// Largest number of strings kept for one pattern.
const MAX_LITERALS: usize = 2000;
/// Largest class expanded into its characters (`[0-9]`, `["«“]`).
const MAX_CLASS: usize = 16;
/// Classes up to this size are folded to lower case (larger ones are never
/// expanded, so folding them would change nothing).
const FOLD_CLASS: u32 = 64;

/// The required literals of a normalised pattern (bytes of UTF-8 strings,
/// ASCII letters in lower case), or `None` when it has no usable set: the
/// pattern may match where no fixed string occurs (such a rule is verified
/// on every sentence).
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let folded = fold_ascii(&hir);
    required(&folded).map(|set| {
        let mut v = set.0;
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// A candidate set and its quality.
struct Set(Vec<Vec<u8>>);

impl Set {
    /// Longest shortest string first, then fewest strings.
    fn score(&self) -> (usize, std::cmp::Reverse<usize>) {
        let min = self.0.iter().map(Vec::len).min().unwrap_or(0);
        (min, std::cmp::Reverse(self.0.len()))
    }

    /// A usable set from an extracted sequence: finite, not too large, and
    /// without the empty string (which would occur everywhere).
    fn of(seq: Seq) -> Option<Set> {
        let lits = seq.literals()?;
        if lits.is_empty() || lits.len() > MAX_LITERALS || lits.iter().any(|l| l.is_empty()) {
            return None;
        }
        Some(Set(lits.iter().map(|l| l.as_bytes().to_vec()).collect()))
    }
}

/// The better of two optional sets.
fn best(a: Option<Set>, b: Option<Set>) -> Option<Set> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.score() > a.score() { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The prefix literals of `hir`, as a usable set.
fn prefixes(hir: &Hir) -> Option<Set> {
    let mut ex = Extractor::new();
    ex.limit_class(MAX_CLASS)
        .limit_total(MAX_LITERALS)
        .limit_repeat(16)
        .limit_literal_len(64);
    Set::of(ex.extract(hir))
}

/// The best required set of `hir` (see the module documentation).
fn required(hir: &Hir) -> Option<Set> {
    let mut found = prefixes(hir);
    match hir.kind() {
        HirKind::Concat(children) => {
            for i in 1..children.len() {
                found = best(found, prefixes(&Hir::concat(children[i..].to_vec())));
            }
            for child in children {
                found = best(found, required(child));
            }
        }
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for b in branches {
                let Some(set) = required(b) else {
                    return found;
                };
                union.extend(set.0);
                if union.len() > MAX_LITERALS {
                    return found;
                }
            }
            found = best(found, Some(Set(union)));
        }
        HirKind::Repetition(rep) if rep.min >= 1 => found = best(found, required(&rep.sub)),
        HirKind::Capture(cap) => found = best(found, required(&cap.sub)),
        _ => {}
    }
    found
}

/// `hir` with ASCII upper-case letters of small classes folded to lower
/// case (a class of one character becomes a literal).
fn fold_ascii(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let size: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if size > FOLD_CLASS {
                return hir.clone();
            }
            let mut chars: Vec<char> = c
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|ch| ch.to_ascii_lowercase())
                .collect();
            chars.sort_unstable();
            chars.dedup();
            let ranges = chars.iter().map(|&ch| ClassUnicodeRange::new(ch, ch));
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let size: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end() - r.start()) + 1)
                .sum();
            if size > FOLD_CLASS {
                return hir.clone();
            }
            let mut bytes: Vec<u8> = c
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|b| b.to_ascii_lowercase())
                .collect();
            bytes.sort_unstable();
            bytes.dedup();
            let ranges = bytes.iter().map(|&b| ClassBytesRange::new(b, b));
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        HirKind::Literal(lit) => {
            if lit.0.iter().any(u8::is_ascii_uppercase) {
                Hir::literal(lit.0.to_ascii_lowercase())
            } else {
                hir.clone()
            }
        }
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(fold_ascii(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(fold_ascii(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(children) => Hir::concat(children.iter().map(fold_ascii).collect()),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(fold_ascii).collect())
        }
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(p: &str) -> Option<Vec<String>> {
        required_literals(p).map(|v| {
            v.into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn words_after_a_boundary_class_are_required() {
        let got = strings(r"(?:^|[^a-z])[xy]?(?:cat|horse)s?(?:[^a-z]|$)").unwrap();
        assert_eq!(got, vec!["cat", "horse"]);
    }

    #[test]
    fn branches_of_an_alternation_are_united() {
        let got = strings(r"\d+ apples|pears").unwrap();
        assert_eq!(got, vec![" apples", "pears"]);
    }

    #[test]
    fn ascii_case_is_folded_and_other_fold_members_kept() {
        let got = strings(r"(?i)ask").unwrap();
        // `k` also matches the Kelvin sign, `s` the long s.
        assert!(got.contains(&"ask".to_string()), "{got:?}");
        assert!(got.iter().all(|s| s == &s.to_ascii_lowercase()), "{got:?}");
        assert!(got.iter().any(|s| s.contains('\u{212A}')), "{got:?}");
    }

    #[test]
    fn a_small_class_gives_its_characters() {
        assert_eq!(strings("[0-3]").unwrap(), vec!["0", "1", "2", "3"]);
    }

    #[test]
    fn no_set_when_a_match_needs_no_fixed_string() {
        assert_eq!(strings(r"\w+"), None);
        assert_eq!(strings(r"x?\d"), None);
        assert_eq!(strings(r"a|\w"), None);
    }
}
