//! Where verdicts live: the owner's verdict folder, moving when ownership moves.

use claimdesk::extract::ClaimId;
use claimdesk::store::{Owner, Verdict, VerdictChange, VerdictStore, format};

fn change(id: &str, owner: Owner, verdict: Option<Verdict>) -> VerdictChange {
    VerdictChange {
        id: ClaimId(id.into()),
        verdict: Some(verdict),
        note: None,
        evidence: None,
        claim: format!("sentence {id}."),
        owner,
        articles: vec!["articles/a.txt".into()],
        analyst: "t".into(),
    }
}

fn rule(file: &str) -> Owner {
    Owner::Rule {
        id: format!("r.{file}"),
        file: file.into(),
    }
}

/// The ids recorded in a verdict folder's claim files.
fn ids_in(path: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(path) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(ids_in(&p));
        } else {
            let text = std::fs::read_to_string(&p).unwrap();
            out.extend(
                format::parse(&p, &text)
                    .unwrap()
                    .keys()
                    .map(|k| k.to_string()),
            );
        }
    }
    out.sort();
    out
}

#[test]
fn a_record_follows_its_owner_and_clearing_removes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    let (mut store, _) = VerdictStore::open(&rules);
    store
        .apply(change(
            "c1",
            rule("ar/quotes.toml"),
            Some(Verdict::Confirmed),
        ))
        .unwrap();
    store
        .apply(change(
            "c2",
            rule("ar/quotes.toml"),
            Some(Verdict::Disputed),
        ))
        .unwrap();
    let quotes = rules.join("ar/quotes.verdicts");
    assert_eq!(ids_in(&quotes), ["c1", "c2"]);

    // The rules changed: another file owns c1 now.
    store
        .apply(change(
            "c1",
            rule("en/claims.toml"),
            Some(Verdict::Confirmed),
        ))
        .unwrap();
    assert_eq!(ids_in(&quotes), ["c2"]);
    assert_eq!(ids_in(&rules.join("en/claims.verdicts")), ["c1"]);
    let (reopened, problems) = VerdictStore::open(&rules);
    assert!(problems.is_empty());
    assert_eq!(
        reopened.get(&ClaimId("c1".into())).unwrap().rule,
        "r.en/claims.toml"
    );

    // Clearing a rule claim's verdict (nothing else in it) removes the record;
    // a manual claim's record stays.
    store
        .apply(change("c2", rule("ar/quotes.toml"), None))
        .unwrap();
    assert!(ids_in(&quotes).is_empty());
    store.apply(change("m1", Owner::Manual, None)).unwrap();
    assert_eq!(ids_in(&rules.join("manual.verdicts")), ["m1"]);
    assert!(store.get(&ClaimId("m1".into())).unwrap().verdict.is_none());
}
