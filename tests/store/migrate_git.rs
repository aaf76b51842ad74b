//! A desk half-migrated in git: clones that moved the old layout on their
//! own, and an old clone still changing the old file, sync through a bare
//! remote without the driver; nothing is lost and no conflict is invented.

use std::path::Path;

use crate::support::store::*;
use claimdesk::store::format::{self, Records};
use claimdesk::store::{Verdict, VerdictStore};

fn sync(dir: &Path, analyst: &str) -> String {
    let out = claimdesk(dir, analyst).arg("sync").output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{said}");
    said
}

#[test]
fn clones_migrating_on_their_own_and_an_old_clone_meet_without_loss() {
    let (tmp, origin, ids) = origin_repo(8, false);
    identity(&origin, "origin");
    // Back to the old layout: every record in one file, committed.
    let rules = origin.join("rules");
    let (store, _) = VerdictStore::open(&rules);
    let records: Records = store.records().map(|r| (r.id.clone(), r.clone())).collect();
    std::fs::remove_dir_all(rules.join("manual.verdicts")).unwrap();
    std::fs::write(
        rules.join("manual.verdicts.toml"),
        format::serialize(&records),
    )
    .unwrap();
    commit_all(&origin, "old layout");
    let url = bare_remote(tmp.path(), &origin);
    let mk = |name: &str| clone_as(tmp.path(), &url, name);
    let (a, b, old) = (mk("a"), mk("b"), mk("old"));

    // An old claimdesk changes the old file and pushes.
    let file = old.join("rules/manual.verdicts.toml");
    let mut recs = format::parse(&file, &std::fs::read_to_string(&file).unwrap()).unwrap();
    let r = recs.get_mut(&ids[2]).unwrap();
    r.verdict = Some(Verdict::Disputed);
    r.note = "from the old clone".into();
    r.updated = "2026-11-30T10:00:00Z".into();
    std::fs::write(&file, format::serialize(&recs)).unwrap();
    git_ok(&old, &["commit", "-qam", "old clone marks"]);
    git_ok(&old, &["push", "-q"]);

    // `a` migrates (any command does), marks and syncs: the old clone's
    // change to the old file reaches its claim file.
    ok(mark(&a, "amal", &ids[0], "confirmed", &[]));
    assert!(!a.join("rules/manual.verdicts.toml").exists());
    sync(&a, "amal");
    // `b` migrated on its own before seeing either.
    ok(mark(&b, "badr", &ids[1], "disputed", &[]));
    sync(&b, "badr");
    sync(&a, "amal");
    for dir in [&a, &b] {
        let store = open_store(dir);
        let v = |i: usize| store.get(&ids[i]).and_then(|r| r.verdict);
        assert_eq!(v(0), Some(Verdict::Confirmed));
        assert_eq!(v(1), Some(Verdict::Disputed));
        assert_eq!(v(2), Some(Verdict::Disputed));
        assert_eq!(store.get(&ids[2]).unwrap().note, "from the old clone");
        assert_eq!(store.records().count(), ids.len());
        let conflicted: Vec<_> = store
            .records()
            .filter(|r| !r.conflicts.is_empty())
            .collect();
        assert!(
            conflicted.is_empty(),
            "no conflict invented: {conflicted:#?}"
        );
        assert!(!dir.join("rules/manual.verdicts.toml").exists());
        assert_eq!(
            git_ok(dir, &["status", "--porcelain", "--untracked-files=no"]),
            ""
        );
    }
}

#[test]
fn the_driver_finds_the_old_base_of_claim_files_both_sides_added() {
    let (_tmp, origin, ids) = origin_repo(6, true);
    let rules = origin.join("rules");
    let (store, _) = VerdictStore::open(&rules);
    let records: Records = store.records().map(|r| (r.id.clone(), r.clone())).collect();
    std::fs::remove_dir_all(rules.join("manual.verdicts")).unwrap();
    std::fs::write(
        rules.join("manual.verdicts.toml"),
        format::serialize(&records),
    )
    .unwrap();
    commit_all(&origin, "old layout");
    let a = clone(&origin, "a", true);
    let b = clone(&origin, "b", true);
    ok(mark(&a, "amal", &ids[0], "confirmed", &[]));
    commit_all(&a, "a migrates and marks");
    ok(mark(&b, "badr", &ids[1], "disputed", &[]));
    commit_all(&b, "b migrates and marks");
    git_ok(&a, &["push", "-q", "origin", "HEAD:refs/heads/from-a"]);
    git_ok(&b, &["fetch", "-q", "origin", "from-a"]);
    git_ok(&b, &["merge", "-q", "--no-edit", "FETCH_HEAD"]);
    let store = open_store(&b);
    assert_eq!(
        store.get(&ids[0]).and_then(|r| r.verdict),
        Some(Verdict::Confirmed)
    );
    assert_eq!(
        store.get(&ids[1]).and_then(|r| r.verdict),
        Some(Verdict::Disputed)
    );
    let conflicted: Vec<_> = store
        .records()
        .filter(|r| !r.conflicts.is_empty())
        .collect();
    assert!(conflicted.is_empty(), "{conflicted:#?}");
}
