//! Verdicts and git: clones marking claims and merging, with and without the
//! merge driver; a recorded conflict; a `git pull` under an open store.

use crate::support::store::*;
use claimdesk::store::{Owner, StoreError, Verdict, VerdictChange, check, format};

fn verdict_of(root: &std::path::Path, id: &claimdesk::extract::ClaimId) -> Option<Verdict> {
    open_store(root).get(id).and_then(|r| r.verdict)
}

fn assert_marked(out: std::process::Output) {
    assert!(
        out.status.success(),
        "mark failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn different_claims_merge_cleanly(driver: bool) {
    let (_tmp, origin, ids) = origin_repo(12, driver);
    let a = clone(&origin, "a", driver);
    let b = clone(&origin, "b", driver);
    assert_marked(mark(
        &a,
        "amal",
        &ids[2],
        "confirmed",
        &["--note", "two sources"],
    ));
    commit_all(&a, "a marks");
    assert_marked(mark(&b, "badr", &ids[8], "disputed", &[]));
    commit_all(&b, "b marks");
    git_ok(&a, &["push", "-q", "origin", "HEAD:refs/heads/from-a"]);
    git_ok(&b, &["fetch", "-q", "origin", "from-a"]);
    git_ok(&b, &["merge", "-q", "--no-edit", "FETCH_HEAD"]);
    assert_eq!(verdict_of(&b, &ids[2]), Some(Verdict::Confirmed));
    assert_eq!(verdict_of(&b, &ids[8]), Some(Verdict::Disputed));
    let store = open_store(&b);
    assert_eq!(store.get(&ids[2]).unwrap().note, "two sources");
    assert_eq!(store.get(&ids[2]).unwrap().analyst, "amal");
    assert!(store.records().all(|r| r.conflicts.is_empty()));
}

#[test]
fn different_claims_merge_cleanly_with_the_driver() {
    different_claims_merge_cleanly(true);
}

#[test]
fn different_claims_merge_cleanly_without_the_driver() {
    different_claims_merge_cleanly(false);
}

#[test]
fn one_claim_marked_differently_is_a_recorded_conflict() {
    let (_tmp, origin, ids) = origin_repo(6, true);
    let a = clone(&origin, "a", true);
    let b = clone(&origin, "b", true);
    assert_marked(mark(
        &a,
        "amal",
        &ids[1],
        "confirmed",
        &["--note", "seen the report"],
    ));
    commit_all(&a, "a marks");
    assert_marked(mark(
        &b,
        "badr",
        &ids[1],
        "disputed",
        &["--note", "figure is wrong"],
    ));
    commit_all(&b, "b marks");
    git_ok(&a, &["push", "-q", "origin", "HEAD:refs/heads/from-a"]);
    git_ok(&b, &["fetch", "-q", "origin", "from-a"]);
    let out = git(&b, &["merge", "--no-edit", "FETCH_HEAD"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("conflicting verdicts recorded"),
        "the driver says what it recorded: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The file parses, both judgements are there.
    let store = open_store(&b);
    let rec = store.get(&ids[1]).unwrap();
    assert_eq!(rec.conflicts.len(), 1, "{rec:?}");
    let mut both = vec![rec.note.clone(), rec.conflicts[0].note.clone()];
    both.sort();
    assert_eq!(both, ["figure is wrong", "seen the report"]);
    let (path, line) = store.location(&ids[1]).unwrap();
    let text = std::fs::read_to_string(b.join(&path)).unwrap();
    assert_eq!(
        text.lines().nth(line.unwrap() - 1).unwrap(),
        format!("[{}]", ids[1])
    );

    // `check` names the claim with its file and line.
    let index = load_index(&b);
    let problems = check(&index, &store);
    let conflict: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("conflicting verdicts"))
        .collect();
    assert_eq!(conflict.len(), 1, "{problems:?}");
    assert_eq!(conflict[0].subject.as_deref(), Some(ids[1].0.as_str()));
    assert_eq!(conflict[0].line, line);

    // So does `claimdesk check`, with exit code 1.
    let out = claimdesk(&b, "badr").arg("check").output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{said}");
    let want = format!(
        "{}:{}: \"{}\": conflicting verdicts",
        path.display(),
        line.unwrap(),
        ids[1]
    );
    assert!(said.contains(&want), "{want} not in {said}");

    // Merging in the other direction gives the same file (symmetric).
    git_ok(&b, &["push", "-q", "origin", "HEAD:refs/heads/from-b"]);
    git_ok(&a, &["fetch", "-q", "origin", "from-b"]);
    git_ok(&a, &["merge", "-q", "--no-edit", "FETCH_HEAD"]);
    assert_eq!(std::fs::read_to_string(a.join(&path)).unwrap(), text);

    // Marking it again resolves the conflict.
    assert_marked(mark(&b, "badr", &ids[1], "disputed", &[]));
    assert!(open_store(&b).get(&ids[1]).unwrap().conflicts.is_empty());
}

#[test]
fn without_the_driver_a_conflict_blocks_writes_and_is_reported() {
    let (_tmp, origin, ids) = origin_repo(6, false);
    let a = clone(&origin, "a", false);
    let b = clone(&origin, "b", false);
    assert_marked(mark(&a, "amal", &ids[3], "confirmed", &[]));
    commit_all(&a, "a marks");
    assert_marked(mark(&b, "badr", &ids[3], "disputed", &[]));
    commit_all(&b, "b marks");
    git_ok(&a, &["push", "-q", "origin", "HEAD:refs/heads/from-a"]);
    git_ok(&b, &["fetch", "-q", "origin", "from-a"]);
    let out = git(&b, &["merge", "--no-edit", "FETCH_HEAD"]);
    assert!(!out.status.success(), "plain git conflicts on one record");

    // Only the file of the claim both changed holds markers.
    let file = b.join(claim_rel("manual.verdicts", &ids[3]));
    let before = std::fs::read(&file).unwrap();
    let (mut store, problems) = claimdesk::store::VerdictStore::open(&b.join("rules"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("conflict markers"));
    assert!(problems[0].line.is_some());

    // Neither the library nor `mark` writes the file.
    let err = store
        .apply(VerdictChange {
            id: ids[3].clone(),
            verdict: Some(Some(Verdict::Confirmed)),
            note: None,
            evidence: None,
            claim: "x".into(),
            owner: Owner::Manual,
            articles: vec![],
            analyst: "t".into(),
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Blocked { .. }), "{err}");
    let out = mark(&b, "badr", &ids[3], "confirmed", &[]);
    // Other claims are still saved.
    assert_marked(mark(&b, "badr", &ids[0], "confirmed", &[]));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not written"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let index = load_index(&b);
    let problems = check(&index, &store);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("unresolved merge conflicts")),
        "{problems:?}"
    );
}

#[test]
fn a_pull_under_an_open_store_is_merged_not_clobbered() {
    let (_tmp, origin, ids) = origin_repo(8, true);
    let a = clone(&origin, "a", true);
    let b = clone(&origin, "b", true);
    // `a` keeps a store open (like the TUI) while `b` pushes and `a` pulls.
    let mut store = open_store(&a);
    assert_marked(mark(&b, "badr", &ids[4], "disputed", &["--note", "from b"]));
    assert_marked(mark(&b, "badr", &ids[5], "confirmed", &[]));
    commit_all(&b, "b marks");
    git_ok(&b, &["push", "-q", "origin", "HEAD:refs/heads/shared"]);
    git_ok(&a, &["pull", "-q", "--no-rebase", "origin", "shared"]);

    // Changes as the TUI makes them: owner, sentence and articles from the index.
    let index = load_index(&a);
    let change = |id: &claimdesk::extract::ClaimId, v: Verdict, note: &str| {
        let (claim, owner, articles) = describe(&index, id);
        VerdictChange {
            id: id.clone(),
            verdict: Some(Some(v)),
            note: Some(note.into()),
            evidence: None,
            claim,
            owner,
            articles,
            analyst: "amal".into(),
        }
    };
    // The same claim b changed, before the store saw b's version: b's
    // judgement is kept as a recorded conflict.
    store
        .apply(change(&ids[4], Verdict::Confirmed, "a disagrees"))
        .unwrap();
    // A different claim: both kept.
    store
        .apply(change(&ids[6], Verdict::Confirmed, "from a"))
        .unwrap();
    assert!(
        !store.take_merged().is_empty(),
        "the store noticed the pull"
    );

    let on_disk = open_store(&a);
    assert_eq!(
        on_disk.get(&ids[5]).unwrap().verdict,
        Some(Verdict::Confirmed)
    );
    assert_eq!(on_disk.get(&ids[6]).unwrap().note, "from a");
    // Both judgements are kept (the later one wins; in the same second, a
    // fixed order decides).
    let rec = on_disk.get(&ids[4]).unwrap();
    assert_eq!(rec.conflicts.len(), 1, "{rec:?}");
    let mut notes = [rec.note.as_str(), rec.conflicts[0].note.as_str()];
    notes.sort();
    assert_eq!(notes, ["a disagrees", "from b"]);
    // A save reads only its claim's files; the writer's refresh (every few
    // seconds in the TUI) takes in the other files the pull brought.
    store.refresh();
    // What the store holds is what is on disk, each claim in one file.
    assert_eq!(
        on_disk.records().collect::<Vec<_>>(),
        store.records().collect::<Vec<_>>()
    );
    let mut seen = std::collections::BTreeSet::new();
    for rel in on_disk.files() {
        let path = a.join("rules").join(rel);
        let recs = format::parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
        for id in recs.keys() {
            assert!(seen.insert(id.clone()), "{id} in two files");
        }
    }
}

#[test]
fn resaving_an_unchanged_store_changes_no_byte() {
    let (_tmp, origin, ids) = origin_repo(4, false);
    let file = origin.join(claim_rel("manual.verdicts", &ids[0]));
    let before = std::fs::read(&file).unwrap();
    let (mut store, _) = claimdesk::store::VerdictStore::open(&origin.join("rules"));
    assert!(store.refresh().is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert_eq!(git_ok(&origin, &["status", "--porcelain"]), "");
    assert_eq!(store.records().count(), ids.len());
}

#[test]
fn unmerged_verdict_files_are_found_with_one_git_run_whatever_their_names() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    let rules = repo.join("rules");
    std::fs::create_dir_all(rules.join("ar")).unwrap();
    let arabic = "ar/أرقام.verdicts.toml";
    for (rel, text) in [(arabic, "a = 1\n"), ("calm.verdicts.toml", "b = 1\n")] {
        std::fs::write(rules.join(rel), text).unwrap();
    }
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", "base"]);
    git_ok(repo, &["checkout", "-q", "-b", "other"]);
    std::fs::write(rules.join(arabic), "a = 2\n").unwrap();
    git_ok(repo, &["commit", "-q", "-am", "other"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    std::fs::write(rules.join(arabic), "a = 3\n").unwrap();
    git_ok(repo, &["commit", "-q", "-am", "main"]);
    assert!(!git(repo, &["merge", "other"]).status.success());

    let rels = [arabic.to_string(), "calm.verdicts.toml".to_string()];
    let unmerged = claimdesk::store::git::unmerged_among(&rules, &rels);
    assert_eq!(unmerged, [arabic.to_string()].into_iter().collect());
}
