//! The compare view's content: both sides of a merge conflict in full, and a
//! re-checked claim's sentence before the edit against the sentence now,
//! with the changed words marked (a word diff by the `similar` crate).
//! No drawing here: `ui::compare` lays these sections out.

use std::ops::Range;

use similar::{ChangeTag, TextDiff};

use super::app::App;
use crate::store::{Judgement, VerdictRecord};

/// Which words changed: byte ranges of `old` that went, and of `new` that came.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDiff {
    pub removed: Vec<Range<usize>>,
    pub added: Vec<Range<usize>>,
}

/// The words of `old` removed and of `new` added (white space between
/// words is never marked).
pub fn word_diff(old: &str, new: &str) -> WordDiff {
    let diff = TextDiff::from_words(old, new);
    let mut out = WordDiff::default();
    let (mut o, mut n) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        let v = change.value();
        let len = v.len();
        let marked = !v.trim().is_empty();
        match change.tag() {
            ChangeTag::Equal => {
                o += len;
                n += len;
            }
            ChangeTag::Delete => {
                if marked {
                    out.removed.push(o..o + len);
                }
                o += len;
            }
            ChangeTag::Insert => {
                if marked {
                    out.added.push(n..n + len);
                }
                n += len;
            }
        }
    }
    out
}

/// One side of a conflict, as the view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// `this desk` or `also recorded`.
    pub title: String,
    pub judgement: Judgement,
}

/// Everything the compare view shows for a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub id: String,
    /// The claim's sentence as it is now.
    pub now: String,
    /// The sides of a conflict: the record's own first, then each other.
    pub sides: Vec<Side>,
    /// For a re-check: the sentence before the edit, when known, and the diff.
    pub recheck: Option<Option<(String, WordDiff)>>,
}

/// The comparison for the selected claim (`None`: no claim, or no record).
pub fn of_selected(app: &App) -> Option<Comparison> {
    let (a, c) = app.selected_claim()?;
    let claim = app.claim(a, c);
    let rec: &VerdictRecord = app.verdicts.get(&claim.id)?;
    let now = app.claim_text(a, c).to_string();
    let mut sides = Vec::new();
    if !rec.conflicts.is_empty() {
        sides.push(Side {
            title: "this desk's record".into(),
            judgement: rec.judgement(),
        });
        let n = rec.conflicts.len();
        for (k, j) in rec.conflicts.iter().enumerate() {
            sides.push(Side {
                title: format!("also recorded by a merge ({}/{n})", k + 1),
                judgement: j.clone(),
            });
        }
    }
    if sides.is_empty() {
        // A re-check alone: the judgement that was given on the old wording.
        sides.push(Side {
            title: "the verdict, given before the edit".into(),
            judgement: rec.judgement(),
        });
    }
    let recheck = rec.recheck.then(|| {
        app.recheck_before
            .get(&claim.id)
            .filter(|old| old.as_str() != now)
            .map(|old| (old.clone(), word_diff(old, &now)))
    });
    Some(Comparison {
        id: claim.id.to_string(),
        now,
        sides,
        recheck,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn changed_words_are_marked_on_each_side() {
        let old = "the port handled 66 ships last year";
        let new = "the port handled 65 ships in 2023";
        let d = word_diff(old, new);
        assert_eq!(marked(old, &d.removed), ["66", "last", "year"]);
        assert_eq!(marked(new, &d.added), ["65", "in", "2023"]);
    }

    #[test]
    fn arabic_words_and_unchanged_text() {
        let old = "قال الوزير إن العدد 66 سفينة";
        let new = "قال الوزير إن العدد 65 سفينة";
        let d = word_diff(old, new);
        assert_eq!(marked(old, &d.removed), ["66"]);
        assert_eq!(marked(new, &d.added), ["65"]);
        assert_eq!(word_diff(new, new), WordDiff::default());
    }
}
