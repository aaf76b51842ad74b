//! Every front sees the desk the same way: manual claims made in the TUI,
//! verdicts re-attached to edited sentences, and claim ids typed as
//! prefixes, through the real binary (`check`, `extract`, `mark`).

use std::path::{Path, PathBuf};

use crate::support::cli::claimdesk_in as claimdesk;
use claimdesk::desk::Desk;
use claimdesk::extract::{ClaimId, manual_claim};
use claimdesk::session::{DeskSession, SessionOptions};
use claimdesk::store::{Owner, Verdict, VerdictChange, VerdictStore};
use serde_json::Value;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the `basic` fixture desk.
fn desk_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    crate::support::desk::copy_dir(&crate::support::desk::fixture("basic"), &root);
    (tmp, root)
}

fn open(root: &Path) -> DeskSession {
    let desk = Desk::discover(root).unwrap();
    DeskSession::open(desk, &SessionOptions::default(), &|_| {}).expect("desk opens")
}

/// Every claim of `extract --format json`, as JSON values.
fn extracted(root: &Path) -> Vec<Value> {
    let o = claimdesk(root, &["extract", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap().clone())
        .collect()
}

fn claim_with<'a>(claims: &'a [Value], id: &str) -> Option<&'a Value> {
    claims.iter().find(|c| c["id"] == id)
}

/// What the TUI's `m` and then `c` do: a sentence that is no claim becomes
/// a manual claim, confirmed, saved through the store.
fn make_manual_claim(root: &Path) -> ClaimId {
    let session = open(root);
    let index = &session.index;
    let (art, s) = index
        .articles
        .iter()
        .find_map(|art| {
            (0..art.extraction.sentences.len())
                .find(|&s| art.extraction.claim_of(s).is_none())
                .map(|s| (art, s))
        })
        .expect("a sentence that is not a claim");
    let claim = manual_claim(&art.article, &art.extraction, s);
    let (mut store, problems) = VerdictStore::open(&index.desk.rules_dir());
    assert!(problems.is_empty(), "{problems:?}");
    store
        .apply(VerdictChange {
            id: claim.id.clone(),
            verdict: Some(Some(Verdict::Confirmed)),
            note: Some("seen in the minutes".into()),
            evidence: None,
            claim: art.article.text[claim.range.clone()].to_string(),
            owner: Owner::Manual,
            articles: vec![art.rel.clone()],
            analyst: "Test Analyst".into(),
        })
        .unwrap();
    claim.id
}

#[test]
fn a_manual_claim_passes_check_and_is_extracted_with_its_verdict() {
    let (_tmp, root) = desk_copy();
    let id = make_manual_claim(&root);

    let o = claimdesk(&root, &["check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("ok: no problems"), "{out}");
    assert!(!out.contains("stale"), "{out}");

    let claims = extracted(&root);
    let claim = claim_with(&claims, id.as_str()).expect("the manual claim is listed");
    assert_eq!(claim["verdict"], "confirmed");
    assert_eq!(claim["rules"], serde_json::json!([]));
    assert_eq!(claim["flags"], serde_json::json!(["manual"]));
}

#[test]
fn a_verdict_given_by_prefix_follows_its_edited_sentence_in_every_front() {
    let (_tmp, root) = desk_copy();
    let claims = extracted(&root);
    let claim = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("120 ships"))
        .expect("the port claim");
    let id = claim["id"].as_str().unwrap().to_string();
    assert_eq!(claim["flags"], serde_json::json!([]));

    // The TUI shows 8 digits; `mark` takes them.
    let o = claimdesk(
        &root,
        &["mark", &id[..8], "disputed", "--note", "121 ships"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with(&format!("{id}: disputed")),
        "{}",
        text(&o.stdout)
    );
    let session = open(&root);
    let rec = session.store.get(&ClaimId(id.as_str().into())).unwrap();
    assert_eq!(rec.verdict, Some(Verdict::Disputed));
    // `rules` counts the judged claim for its owning rule.
    let owner = claim["rules"][0].as_str().unwrap();
    let o = claimdesk(&root, &["rules"]);
    let line = text(&o.stdout)
        .lines()
        .find(|l| l.starts_with(&format!("{owner} ")))
        .map(str::to_string)
        .expect("the owning rule's line");
    // id kind file owns any judged label…
    assert_eq!(line.split_whitespace().nth(5), Some("1"), "{line}");

    // A pulled edit changes the figure in the judged sentence.
    let path = root.join("news/en-1.md");
    let body = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, body.replace("120 ships", "121 ships")).unwrap();

    let o = claimdesk(&root, &["check"]);
    let out = text(&o.stdout);
    assert!(out.contains("re-attached, needs re-check"), "{out}");
    assert!(!out.contains("stale verdict"), "{out}");

    let claims = extracted(&root);
    let moved = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("121 ships"))
        .expect("the edited claim");
    assert_ne!(moved["id"], id.as_str());
    assert_eq!(moved["verdict"], "disputed");
    assert_eq!(moved["flags"], serde_json::json!(["recheck"]));
    assert!(claim_with(&claims, &id).is_none());
}

#[test]
fn an_ambiguous_or_malformed_prefix_is_refused_with_the_candidates() {
    let (_tmp, root) = desk_copy();
    // Two records whose ids share six digits (stale manual claims).
    let (mut store, _) = VerdictStore::open(&root.join("rules"));
    for id in ["abcdef000001", "abcdef000002"] {
        store
            .apply(VerdictChange {
                id: ClaimId(id.into()),
                verdict: None,
                note: Some("kept".into()),
                evidence: None,
                claim: format!("A sentence {id}."),
                owner: Owner::Manual,
                articles: vec!["news/en-1.md".into()],
                analyst: "Test Analyst".into(),
            })
            .unwrap();
    }
    let o = claimdesk(&root, &["mark", "abcdef", "confirmed"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("abcdef000001") && err.contains("abcdef000002"),
        "{err}"
    );

    let o = claimdesk(&root, &["mark", "abcdef0000", "confirmed"]);
    assert_eq!(o.status.code(), Some(2));
    let o = claimdesk(&root, &["mark", "abcdef000002", "confirmed"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    for typed in ["abc", "zzzzzzzz", "abcdef\u{1b}]52"] {
        let o = claimdesk(&root, &["mark", typed, "confirmed"]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{typed}: {err}");
        assert!(err.contains("not a claim id"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
}
