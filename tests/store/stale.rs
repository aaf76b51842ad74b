//! Stale verdicts: kept and listed when their sentence is gone, re-attached
//! (flagged for re-check) when it comes back slightly changed, moved on save.

use crate::support::store::*;
use claimdesk::store::{Verdict, attach_all, check};

#[test]
fn an_edited_sentence_takes_its_verdict_along_flagged_for_recheck() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 4);
    let ids = seed_manual_claims(&root);
    let all = sentences(&root);
    let (id, text, article) = all
        .iter()
        .find(|(_, t, _)| t.contains("المنطقة 2"))
        .cloned()
        .unwrap();
    let out = mark(
        &root,
        "amal",
        &id,
        "disputed",
        &["--note", "the count is 10"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The article is edited: one figure in the sentence changes.
    let path = root.join(&article);
    let body = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace(" 13 ", " 14 ");
    assert_ne!(edited, text);
    std::fs::write(&path, body.replace(&text, &edited)).unwrap();
    let new_id = claimdesk::extract::ClaimId::of_sentence(&edited);

    let mut index = load_index(&root);
    let mut store = open_store(&root);
    // Before re-attachment the verdict is stale, and says so.
    let problems = check(&index, &store);
    assert!(
        problems
            .iter()
            .any(|p| p.subject.as_deref() == Some(id.0.as_str())
                && p.message.starts_with("stale verdict")),
        "{problems:?}"
    );
    let moved = attach_all(&mut index, &mut store);
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!((&moved[0].old, &moved[0].new), (&id, &new_id));
    let rec = store.get(&new_id).unwrap();
    assert!(rec.recheck);
    assert_eq!(rec.verdict, Some(Verdict::Disputed));
    assert_eq!(rec.note, "the count is 10");
    assert_eq!(rec.claim, edited);
    assert!(store.get(&id).is_none());
    assert!(
        !index.appearances(&new_id).is_empty(),
        "manual claim indexed"
    );
    let problems = check(&index, &store);
    assert!(
        problems
            .iter()
            .any(|p| p.message.starts_with("re-attached, needs re-check")),
        "{problems:?}"
    );
    // Nothing moved on disk yet.
    let folder = root.join("rules/manual.verdicts");
    let on_disk = records_under(&folder);
    assert!(on_disk.contains_key(&id) && !on_disk.contains_key(&new_id));

    // Marking the new id (here from the command line) moves it for good.
    let out = mark(&root, "amal", &new_id, "confirmed", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let on_disk = records_under(&folder);
    assert!(!on_disk.contains_key(&id));
    let rec = &on_disk[&new_id];
    assert_eq!(rec.verdict, Some(Verdict::Confirmed));
    assert_eq!(rec.note, "the count is 10");
    assert!(!rec.recheck);
    assert_eq!(on_disk.len(), ids.len());
}

#[test]
fn a_removed_sentence_keeps_its_verdict_as_stale() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 4);
    let ids = seed_manual_claims(&root);
    let (id, text, article) = sentences(&root)
        .into_iter()
        .find(|(_, t, _)| t.contains("district 1 "))
        .unwrap();
    let out = mark(&root, "amal", &id, "confirmed", &[]);
    assert!(out.status.success());
    let path = root.join(&article);
    let body = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, body.replace(&text, "")).unwrap();

    let mut index = load_index(&root);
    let mut store = open_store(&root);
    assert!(attach_all(&mut index, &mut store).is_empty());
    let stale = claimdesk::store::stale(&index, &store);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].id, id);
    assert_eq!(stale[0].verdict, Some(Verdict::Confirmed));
    assert_eq!(store.records().count(), ids.len());
    // `mark` refuses an id no article has, with a clear message.
    let out = mark(
        &root,
        "amal",
        &claimdesk::extract::ClaimId("0000deadbeef".into()),
        "confirmed",
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no claim with id 0000deadbeef"));
}
