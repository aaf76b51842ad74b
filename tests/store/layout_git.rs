//! The one-file-per-claim layout under plain git: independent verdicts in
//! several rule files merge with no driver configured; one claim changed on
//! both sides is a recorded conflict with the driver, and without it only
//! that claim's file holds markers.

use std::path::{Path, PathBuf};

use crate::support::store::*;
use claimdesk::extract::ClaimId;
use claimdesk::store::{Owner, Verdict};

/// A committed repository holding a desk with the repo's rule pack, no
/// driver; returns (temp, origin, claims by verdict folder).
fn origin_with_rules(n: usize, driver: bool) -> (tempfile::TempDir, PathBuf, Vec<Vec<ClaimId>>) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("origin");
    std::fs::create_dir_all(&repo).unwrap();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    write_desk(&repo, n);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &repo.join("rules"),
    );
    if driver {
        init_driver(&repo);
    }
    git_ok(&repo, &["add", "-A"]);
    git_ok(&repo, &["commit", "-qm", "desk"]);
    let index = load_index(&repo);
    let mut by_folder: std::collections::BTreeMap<String, Vec<ClaimId>> = Default::default();
    for art in &index.articles {
        for c in &art.extraction.claims {
            let owner = claimdesk::session::owner_of(&index, c);
            if let Owner::Rule { .. } = owner {
                let ids = by_folder.entry(owner.verdict_folder()).or_default();
                if !ids.contains(&c.id) {
                    ids.push(c.id.clone());
                }
            }
        }
    }
    let groups: Vec<Vec<ClaimId>> = by_folder.into_values().filter(|v| v.len() >= 2).collect();
    assert!(
        groups.len() >= 2,
        "claims of at least two rule files: {groups:?}"
    );
    (tmp, repo, groups)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else if !e.file_name().to_string_lossy().contains(".verdicts") {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn marked(out: std::process::Output) {
    assert!(
        out.status.success(),
        "mark failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn merge_from(a: &Path, b: &Path, branch: &str) -> std::process::Output {
    git_ok(
        a,
        &["push", "-q", "origin", &format!("HEAD:refs/heads/{branch}")],
    );
    git_ok(b, &["fetch", "-q", "origin", branch]);
    git(b, &["merge", "--no-edit", "FETCH_HEAD"])
}

#[test]
fn independent_verdicts_in_several_rule_files_merge_with_plain_git() {
    let (_tmp, origin, groups) = origin_with_rules(16, false);
    let a = clone(&origin, "a", false);
    let b = clone(&origin, "b", false);
    // No driver anywhere: the attribute is not even there.
    let attr = git_ok(
        &b,
        &["check-attr", "merge", "--", "rules/x.verdicts/00/x.toml"],
    );
    assert!(attr.contains("unspecified"), "{attr}");
    let (f1, f2) = (&groups[0], &groups[1]);
    marked(mark(
        &a,
        "amal",
        &f1[0],
        "confirmed",
        &["--note", "seen it"],
    ));
    marked(mark(&a, "amal", &f2[0], "disputed", &[]));
    commit_all(&a, "a marks");
    marked(mark(&b, "badr", &f1[1], "unverified", &[]));
    marked(mark(
        &b,
        "badr",
        &f2[1],
        "confirmed",
        &["--evidence", "https://example.org/r"],
    ));
    commit_all(&b, "b marks");

    let out = merge_from(&a, &b, "from-a");
    assert!(
        out.status.success(),
        "plain git merged without conflicts: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let store = open_store(&b);
    let v = |id: &ClaimId| store.get(id).and_then(|r| r.verdict);
    assert_eq!(v(&f1[0]), Some(Verdict::Confirmed));
    assert_eq!(v(&f2[0]), Some(Verdict::Disputed));
    assert_eq!(v(&f1[1]), Some(Verdict::Unverified));
    assert_eq!(v(&f2[1]), Some(Verdict::Confirmed));
    assert_eq!(store.get(&f1[0]).unwrap().note, "seen it");
    assert_eq!(store.get(&f1[0]).unwrap().analyst, "amal");
    assert_eq!(
        store.get(&f2[1]).unwrap().evidence,
        ["https://example.org/r"]
    );
    assert!(store.records().all(|r| r.conflicts.is_empty()));
    // One file per claim, in the rule file's verdict folder.
    for rel in store.files() {
        assert!(claimdesk::store::layout::is_claim_file(rel), "{rel}");
    }
    assert_eq!(store.files().count(), 4);
}

#[test]
fn one_claim_changed_on_both_sides_is_a_recorded_conflict_with_the_driver() {
    let (_tmp, origin, groups) = origin_with_rules(8, true);
    let a = clone(&origin, "a", true);
    let b = clone(&origin, "b", true);
    let id = &groups[0][0];
    marked(mark(&a, "amal", id, "confirmed", &["--note", "from a"]));
    marked(mark(&a, "amal", &groups[1][0], "confirmed", &[]));
    commit_all(&a, "a marks");
    marked(mark(&b, "badr", id, "disputed", &["--note", "from b"]));
    commit_all(&b, "b marks");
    let out = merge_from(&a, &b, "from-a");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = open_store(&b);
    let rec = store.get(id).unwrap();
    assert_eq!(rec.conflicts.len(), 1, "{rec:?}");
    let mut notes = [rec.note.as_str(), rec.conflicts[0].note.as_str()];
    notes.sort();
    assert_eq!(notes, ["from a", "from b"]);
    assert_eq!(
        store.get(&groups[1][0]).and_then(|r| r.verdict),
        Some(Verdict::Confirmed)
    );
}

#[test]
fn without_the_driver_a_genuine_conflict_stops_only_that_claim() {
    let (_tmp, origin, groups) = origin_with_rules(8, false);
    let a = clone(&origin, "a", false);
    let b = clone(&origin, "b", false);
    let id = &groups[0][0];
    marked(mark(&a, "amal", id, "confirmed", &[]));
    marked(mark(&a, "amal", &groups[0][1], "confirmed", &[]));
    commit_all(&a, "a marks");
    marked(mark(&b, "badr", id, "disputed", &[]));
    commit_all(&b, "b marks");
    let out = merge_from(&a, &b, "from-a");
    assert!(!out.status.success(), "one claim on both sides conflicts");
    let (store, problems) = claimdesk::store::VerdictStore::open(&b.join("rules"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("conflict markers"));
    // The colleague's other verdict in the same rule file is there.
    assert_eq!(
        store.get(&groups[0][1]).and_then(|r| r.verdict),
        Some(Verdict::Confirmed)
    );
}
