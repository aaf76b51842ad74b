//! Two processes marking claims of one desk at the same time: nothing lost.

use crate::support::store::*;
use claimdesk::store::Verdict;

#[test]
fn two_processes_marking_sixty_claims_each_keep_all_120() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 120);
    let ids = seed_manual_claims(&root);
    assert_eq!(ids.len(), 120);
    let (first, second) = ids.split_at(60);
    std::thread::scope(|s| {
        for (who, half, verdict) in [("amal", first, "confirmed"), ("badr", second, "disputed")] {
            let root = &root;
            s.spawn(move || {
                for id in half {
                    let out = mark(
                        root,
                        who,
                        id,
                        verdict,
                        &["--evidence", "https://example.org/e"],
                    );
                    assert!(
                        out.status.success(),
                        "{who} {id}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });
    let store = open_store(&root);
    for id in first {
        let rec = store.get(id).unwrap();
        assert_eq!(rec.verdict, Some(Verdict::Confirmed), "{id}");
        assert_eq!(rec.analyst, "amal");
    }
    for id in second {
        let rec = store.get(id).unwrap();
        assert_eq!(rec.verdict, Some(Verdict::Disputed), "{id}");
        assert_eq!(rec.analyst, "badr");
        assert_eq!(rec.evidence, ["https://example.org/e"]);
    }
    assert!(store.records().all(|r| r.conflicts.is_empty()));
}
