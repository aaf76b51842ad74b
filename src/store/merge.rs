//! The per-claim three-way merge, shared by the git merge driver and by the
//! store when a file changed on disk since it was read.
//!
//! For each claim: equal sides → kept; one side changed → taken (a change
//! always beats a deletion, so no verdict is lost); both changed differently →
//! the record with the later `updated` wins (ties broken by content, so the
//! result does not depend on which side is "ours"), and the other side's
//! judgement is recorded in the winner's `conflicts` for an analyst to resolve.

use std::cmp::Ordering;

use super::format::{Records, serialize};
use super::{Judgement, VerdictRecord};

/// Merges one claim's record.
pub fn merge_record(
    base: Option<&VerdictRecord>,
    ours: Option<&VerdictRecord>,
    theirs: Option<&VerdictRecord>,
) -> Option<VerdictRecord> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    let (o, t) = match (ours, theirs) {
        (Some(o), Some(t)) => (o, t),
        // One side deleted it, the other changed it: keep the change.
        (Some(x), None) | (None, Some(x)) => return Some(x.clone()),
        (None, None) => return None,
    };
    let (winner, loser) = if order(o, t) == Ordering::Less {
        (t, o)
    } else {
        (o, t)
    };
    let mut conflicts: Vec<Judgement> = Vec::new();
    let base_conflicts = base.map_or(&[][..], |b| b.conflicts.as_slice());
    for j in o.conflicts.iter().chain(t.conflicts.iter()) {
        // A recorded conflict one side resolved (removed) stays resolved.
        let resolved =
            base_conflicts.contains(j) && (!o.conflicts.contains(j) || !t.conflicts.contains(j));
        if !resolved {
            conflicts.push(j.clone());
        }
    }
    conflicts.push(loser.judgement());
    let win = winner.judgement();
    conflicts.retain(|j| *j != win);
    conflicts.sort();
    conflicts.dedup();
    let mut out = winner.clone();
    out.conflicts = conflicts;
    Some(out)
}

/// A total order on records: later `updated` first, then content.
fn order(a: &VerdictRecord, b: &VerdictRecord) -> Ordering {
    a.updated.cmp(&b.updated).then_with(|| {
        let one = |r: &VerdictRecord| serialize(&Records::from([(r.id.clone(), r.clone())]));
        one(a).cmp(&one(b))
    })
}

/// Merges whole files, claim by claim.
pub fn merge_records(base: &Records, ours: &Records, theirs: &Records) -> Records {
    let mut ids: Vec<_> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .cloned()
        .collect();
    ids.sort();
    ids.dedup();
    let mut out = Records::new();
    for id in ids {
        if let Some(r) = merge_record(base.get(&id), ours.get(&id), theirs.get(&id)) {
            out.insert(id, r);
        }
    }
    out
}

/// How many records of `merged` carry conflicts that neither input had
/// (what a merge just recorded).
pub fn new_conflicts(merged: &Records, ours: &Records, theirs: &Records) -> Vec<String> {
    merged
        .values()
        .filter(|r| {
            !r.conflicts.is_empty()
                && ours.get(&r.id).is_none_or(|o| o.conflicts != r.conflicts)
                && theirs.get(&r.id).is_none_or(|t| t.conflicts != r.conflicts)
        })
        .map(|r| r.id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ClaimId;
    use crate::store::Verdict;
    use proptest::prelude::*;

    fn rec(id: &str, v: Option<Verdict>, note: &str, updated: &str) -> VerdictRecord {
        VerdictRecord {
            id: ClaimId(id.into()),
            verdict: v,
            rating: None,
            claim: format!("claim {id}"),
            rule: "r".into(),
            articles: vec!["articles/a.txt".into()],
            note: note.into(),
            evidence: vec![],
            analyst: "a".into(),
            updated: updated.into(),
            recheck: false,
            conflicts: vec![],
        }
    }

    #[test]
    fn one_sided_changes_are_taken() {
        let b = rec("x", Some(Verdict::Unverified), "", "2026-01-01T00:00:00Z");
        let o = rec("x", Some(Verdict::Confirmed), "", "2026-01-02T00:00:00Z");
        assert_eq!(merge_record(Some(&b), Some(&o), Some(&b)), Some(o.clone()));
        assert_eq!(merge_record(Some(&b), Some(&b), Some(&o)), Some(o.clone()));
        // Deleted on one side, changed on the other: the change survives.
        assert_eq!(merge_record(Some(&b), None, Some(&o)), Some(o.clone()));
        assert_eq!(merge_record(Some(&b), None, Some(&b)), None);
    }

    #[test]
    fn two_labels_under_one_verdict_are_a_conflict() {
        let b = rec("x", Some(Verdict::Disputed), "", "2026-01-01T00:00:00Z");
        let mut o = rec("x", Some(Verdict::Disputed), "", "2026-01-02T00:00:00Z");
        o.rating = Some("misleading".into());
        let mut t = rec("x", Some(Verdict::Disputed), "", "2026-01-03T00:00:00Z");
        t.rating = Some("false".into());
        let m = merge_record(Some(&b), Some(&o), Some(&t)).unwrap();
        assert_eq!(m.rating.as_deref(), Some("false"));
        assert_eq!(m.conflicts, vec![o.judgement()]);
        assert_eq!(m.conflicts[0].rating.as_deref(), Some("misleading"));
        assert!(
            m.conflicts[0]
                .summary()
                .starts_with("disputed (misleading) by a")
        );
    }

    #[test]
    fn both_changed_records_a_conflict_with_a_later_winner() {
        let b = rec("x", Some(Verdict::Unverified), "", "2026-01-01T00:00:00Z");
        let o = rec("x", Some(Verdict::Confirmed), "ok", "2026-01-02T00:00:00Z");
        let t = rec("x", Some(Verdict::Disputed), "no", "2026-01-03T00:00:00Z");
        let m = merge_record(Some(&b), Some(&o), Some(&t)).unwrap();
        assert_eq!(m.verdict, Some(Verdict::Disputed));
        assert_eq!(m.conflicts, vec![o.judgement()]);
        assert_eq!(merge_record(Some(&b), Some(&t), Some(&o)), Some(m.clone()));
        // Resolving it on one side (no conflicts, new judgement) wins over the stale copy.
        let mut resolved = m.clone();
        resolved.conflicts.clear();
        resolved.updated = "2026-01-04T00:00:00Z".into();
        assert_eq!(
            merge_record(Some(&m), Some(&resolved), Some(&m)),
            Some(resolved)
        );
    }

    fn arb_record(id: &'static str) -> impl Strategy<Value = Option<VerdictRecord>> {
        let verdict = prop_oneof![
            Just(None),
            Just(Some(Verdict::Confirmed)),
            Just(Some(Verdict::Disputed)),
            Just(Some(Verdict::Unverified)),
        ];
        let conflict = (
            prop_oneof![Just(None), Just(Some(Verdict::Disputed))],
            "[a-c]{0,2}",
            "2026-0[1-2]",
        )
            .prop_map(|(verdict, note, updated)| Judgement {
                verdict,
                rating: None,
                note,
                evidence: vec![],
                analyst: "z".into(),
                updated,
            });
        proptest::option::of(
            (
                verdict,
                "[a-c\n\"]{0,3}",
                "2026-0[1-3]",
                prop::collection::vec("[xy]", 0..2),
                prop::collection::vec(conflict, 0..2),
                prop_oneof![Just(None), Just(Some("false".to_string()))],
            )
                .prop_map(move |(v, note, updated, evidence, conflicts, rating)| {
                    let mut r = rec(id, v, &note, &updated);
                    r.evidence = evidence;
                    r.conflicts = conflicts;
                    r.rating = rating;
                    r
                }),
        )
    }

    fn arb_records() -> impl Strategy<Value = Records> {
        (arb_record("a"), arb_record("b"), arb_record("c")).prop_map(|(a, b, c)| {
            [a, b, c]
                .into_iter()
                .flatten()
                .map(|r| (r.id.clone(), r))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn merge_is_symmetric(b in arb_records(), o in arb_records(), t in arb_records()) {
            prop_assert_eq!(merge_records(&b, &o, &t), merge_records(&b, &t, &o));
        }

        #[test]
        fn merge_is_idempotent(b in arb_records(), o in arb_records(), t in arb_records()) {
            prop_assert_eq!(merge_records(&b, &o, &o), o.clone());
            prop_assert_eq!(merge_records(&b, &b, &t), t.clone());
            let m = merge_records(&b, &o, &t);
            // Merging the result with itself again changes nothing.
            prop_assert_eq!(merge_records(&b, &m, &m), m);
        }

        #[test]
        fn merging_the_same_side_again_changes_nothing(
            b in arb_records(), o in arb_records(), t in arb_records()
        ) {
            let m = merge_records(&b, &o, &t);
            prop_assert_eq!(merge_records(&b, &m, &t), m.clone());
            prop_assert_eq!(merge_records(&b, &o, &m), m);
        }

        #[test]
        fn no_verdict_is_lost(b in arb_records(), o in arb_records(), t in arb_records()) {
            let m = merge_records(&b, &o, &t);
            for side in [&o, &t] {
                for r in side.values() {
                    if b.get(&r.id) == Some(r) {
                        continue;
                    }
                    let got = m.get(&r.id).expect("a changed record is never dropped");
                    let j = r.judgement();
                    prop_assert!(got.judgement() == j || got.conflicts.contains(&j));
                }
            }
        }

        #[test]
        fn output_always_parses(b in arb_records(), o in arb_records(), t in arb_records()) {
            let m = merge_records(&b, &o, &t);
            let text = serialize(&m);
            let back = crate::store::format::parse(std::path::Path::new("m"), &text);
            // The quick reader agrees with the TOML parser.
            prop_assert_eq!(crate::store::fast::parse_canonical(&text), Some(m.clone()));
            prop_assert_eq!(back.ok(), Some(m));
        }
    }
}
