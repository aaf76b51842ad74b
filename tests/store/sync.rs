//! `claimdesk sync` between two clones and a bare remote (file://, local):
//! verdicts committed with the analyst and counts, pulled, merged (claim by
//! claim when the clone has no driver), pushed; unrelated changes refused.

use std::path::{Path, PathBuf};

use crate::support::store::*;
use claimdesk::store::Verdict;

/// A bare remote holding a seeded desk, and two clones of it (no driver).
fn remote_and_clones(
    n: usize,
) -> (
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    Vec<claimdesk::extract::ClaimId>,
) {
    let (tmp, origin, ids) = origin_repo(n, false);
    let url = bare_remote(tmp.path(), &origin);
    let mk = |name: &str| clone_as(tmp.path(), &url, name);
    let (a, b) = (mk("a"), mk("b"));
    (tmp, a, b, ids)
}

fn sync(dir: &Path, analyst: &str) -> (Option<i32>, String) {
    let out = claimdesk(dir, analyst).arg("sync").output().unwrap();
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn a_round_trip_between_two_clones_and_a_bare_remote() {
    let (_tmp, a, b, ids) = remote_and_clones(10);
    ok(mark(&a, "Lina", &ids[0], "confirmed", &[]));
    ok(mark(&a, "Lina", &ids[1], "confirmed", &[]));
    ok(mark(&a, "Lina", &ids[2], "confirmed", &["--note", "three"]));
    ok(mark(&a, "Lina", &ids[3], "disputed", &[]));
    // The same claim on both sides: a recorded conflict, no driver needed.
    ok(mark(
        &a,
        "Lina",
        &ids[5],
        "confirmed",
        &["--note", "Lina's view"],
    ));
    // An untracked file of the analyst's own does not block a sync.
    std::fs::write(a.join("notes-to-self.txt"), "x").unwrap();
    let (code, said) = sync(&a, "Lina");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("pushed"), "{said}");
    let log = git_ok(&a, &["log", "-1", "--format=%s"]);
    assert_eq!(log.trim(), "claimdesk: Lina: 4 confirmed, 1 disputed");
    // Only verdict files were committed.
    let files = git_ok(&a, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        files
            .lines()
            .all(|l| l.starts_with("rules/manual.verdicts/")),
        "{files}"
    );
    assert!(!files.contains("notes-to-self"));

    ok(mark(&b, "Omar", &ids[4], "unverified", &[]));
    ok(mark(
        &b,
        "Omar",
        &ids[5],
        "disputed",
        &["--note", "Omar's view"],
    ));
    let (code, said) = sync(&b, "Omar");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("conflicting verdicts"), "{said}");
    assert!(said.contains(ids[5].as_str()), "{said}");
    assert!(said.contains("pushed"), "{said}");
    let (code, said) = sync(&a, "Lina");
    assert_eq!(code, Some(0), "{said}");
    for dir in [&a, &b] {
        let store = open_store(dir);
        let v = |i: usize| store.get(&ids[i]).and_then(|r| r.verdict);
        assert_eq!(v(0), Some(Verdict::Confirmed));
        assert_eq!(v(3), Some(Verdict::Disputed));
        assert_eq!(v(4), Some(Verdict::Unverified));
        assert_eq!(store.get(&ids[2]).unwrap().note, "three");
        let rec = store.get(&ids[5]).unwrap();
        let mut notes = vec![rec.note.clone()];
        notes.extend(rec.conflicts.iter().map(|j| j.note.clone()));
        notes.sort();
        assert_eq!(notes, ["Lina's view", "Omar's view"], "{rec:?}");
        assert_eq!(git_ok(dir, &["status", "--porcelain", "--", "rules"]), "");
    }
    assert_eq!(
        git_ok(&a, &["rev-parse", "HEAD"]),
        git_ok(&b, &["rev-parse", "HEAD"])
    );
}

#[test]
fn unrelated_changes_are_refused_and_nothing_is_committed() {
    let (_tmp, a, _b, ids) = remote_and_clones(4);
    ok(mark(&a, "Lina", &ids[0], "confirmed", &[]));
    let article = a.join("articles/a00.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}One more sentence of ours.\n")).unwrap();
    let head = git_ok(&a, &["rev-parse", "HEAD"]);
    let (code, said) = sync(&a, "Lina");
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("articles/a00.txt") && said.contains("commit or stash"),
        "{said}"
    );
    assert_eq!(git_ok(&a, &["rev-parse", "HEAD"]), head);
    // The verdict is still there, uncommitted.
    assert_eq!(
        open_store(&a).get(&ids[0]).and_then(|r| r.verdict),
        Some(Verdict::Confirmed)
    );
}

#[test]
fn without_an_upstream_sync_commits_only() {
    let (_tmp, origin, ids) = origin_repo(4, false);
    identity(&origin, "origin");
    ok(mark(&origin, "Lina", &ids[1], "disputed", &[]));
    let (code, said) = sync(&origin, "Lina");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("no upstream"), "{said}");
    let log = git_ok(&origin, &["log", "-1", "--format=%s"]);
    assert_eq!(log.trim(), "claimdesk: Lina: 1 disputed");
}
