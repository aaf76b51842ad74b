//! The background writer: submit returns at once, events report saves,
//! merges from disk and failures, flush waits until everything is durable.

use std::time::Duration;

use crate::support::store::*;
use claimdesk::extract::ClaimId;
use claimdesk::store::writer::{StoreEvent, StoreWriter};
use claimdesk::store::{Owner, Verdict, VerdictChange, format};

fn change(id: &ClaimId, v: Verdict, note: &str) -> VerdictChange {
    VerdictChange {
        id: id.clone(),
        verdict: Some(Some(v)),
        note: Some(note.into()),
        evidence: None,
        claim: format!("claim {id}"),
        owner: Owner::Manual,
        articles: vec!["articles/a00.txt".into()],
        analyst: "tui".into(),
    }
}

/// Polls the writer's events until `want` matches one, or gives up.
fn wait_for(writer: &StoreWriter, want: impl Fn(&StoreEvent) -> bool) -> Vec<StoreEvent> {
    let mut seen = Vec::new();
    for _ in 0..500 {
        seen.extend(writer.poll());
        if seen.iter().any(&want) {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("event not seen: {seen:?}");
}

#[test]
fn writer_saves_flushes_and_merges_changes_from_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 10);
    let ids = seed_manual_claims(&root);
    let folder = root.join("rules/manual.verdicts");
    let writer = StoreWriter::spawn(open_store(&root));
    for (i, id) in ids.iter().take(5).enumerate() {
        writer.submit(change(id, Verdict::Confirmed, &format!("n{i}")));
    }
    writer.flush(Duration::from_secs(30)).unwrap();
    let on_disk = records_under(&folder);
    for (i, id) in ids.iter().take(5).enumerate() {
        assert_eq!(on_disk[id].note, format!("n{i}"));
    }
    let events = writer.poll();
    let saved = events
        .iter()
        .filter(|e| matches!(e, StoreEvent::Saved { .. }))
        .count();
    assert_eq!(saved, 5, "{events:?}");

    // Another process marks a claim: a refresh merges it in and says so.
    let out = mark(&root, "other", &ids[7], "disputed", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    writer.refresh();
    let events = wait_for(&writer, |e| matches!(e, StoreEvent::Merged { .. }));
    let StoreEvent::Merged { records, .. } = events
        .iter()
        .find(|e| matches!(e, StoreEvent::Merged { .. }))
        .unwrap()
    else {
        unreachable!()
    };
    let rec = records.iter().find(|r| r.id == ids[7]).unwrap();
    assert_eq!(rec.verdict, Some(Verdict::Disputed));

    let store = writer.shutdown().unwrap();
    assert_eq!(store.get(&ids[7]).unwrap().analyst, "other");
}

#[test]
fn a_refused_change_is_dropped_and_never_written_later() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 4);
    let ids = seed_manual_claims(&root);
    let file = root.join(claim_rel("manual.verdicts", &ids[0]));
    let good = std::fs::read_to_string(&file).unwrap();
    let writer = StoreWriter::spawn(open_store(&root));
    // A merge gone wrong leaves conflict markers in the file.
    std::fs::write(
        &file,
        format!("{good}<<<<<<< ours\n=======\n>>>>>>> theirs\n"),
    )
    .unwrap();
    writer.submit(change(&ids[0], Verdict::Confirmed, "refused"));
    let events = wait_for(&writer, |e| matches!(e, StoreEvent::Failed { .. }));
    let failed = events
        .iter()
        .find_map(|e| match e {
            StoreEvent::Failed {
                id,
                message,
                record,
            } => Some((id, message, record)),
            _ => None,
        })
        .unwrap();
    assert_eq!(failed.0, &ids[0]);
    assert!(failed.1.contains("conflict markers"), "{failed:?}");
    assert!(
        failed.1.contains("confirmed"),
        "names the verdict: {failed:?}"
    );
    // The record the screen goes back to is the one last read from disk.
    assert_ne!(failed.2.as_ref().map(|r| r.note.as_str()), Some("refused"));
    // The refusal is reported once by the next flush, then forgotten.
    assert!(writer.flush(Duration::from_secs(30)).is_err());
    assert!(std::fs::read_to_string(&file).unwrap().contains("<<<<<<<"));
    // Resolved: nothing is written behind the analyst's back.
    std::fs::write(&file, &good).unwrap();
    writer.refresh();
    writer.flush(Duration::from_secs(30)).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), good);
    // A later change of another claim is saved as asked.
    writer.submit(change(&ids[1], Verdict::Disputed, "later"));
    writer.flush(Duration::from_secs(30)).unwrap();
    let on_disk = records_under(&root.join("rules/manual.verdicts"));
    assert_eq!(on_disk[&ids[1]].note, "later");
    assert_ne!(
        on_disk.get(&ids[0]).map(|r| r.note.as_str()),
        Some("refused")
    );
}

#[test]
fn writer_reattaches_as_planned_unless_the_new_id_was_judged_meanwhile() {
    use claimdesk::store::VerdictRecord;
    use claimdesk::store::similar::Move;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 4);
    let ids = seed_manual_claims(&root);
    let folder = root.join("rules/manual.verdicts");
    let writer = StoreWriter::spawn(open_store(&root));
    writer.submit(change(&ids[0], Verdict::Disputed, "old note"));
    writer.flush(Duration::from_secs(30)).unwrap();
    let fresh = ClaimId("00000000beef".into());
    let planned = |old: &ClaimId, new: &ClaimId| Move {
        old: old.clone(),
        record: VerdictRecord {
            id: new.clone(),
            claim: "the edited sentence".into(),
            rule: "manual".into(),
            ..Default::default()
        },
        similarity: 0.9,
    };
    // ids[1] already has a record: that move is left out.
    writer.reattach(vec![planned(&ids[0], &fresh), planned(&ids[2], &ids[1])]);
    let events = wait_for(&writer, |e| matches!(e, StoreEvent::Reattached { .. }));
    let Some(StoreEvent::Reattached { moved, records }) = events
        .into_iter()
        .find(|e| matches!(e, StoreEvent::Reattached { .. }))
    else {
        unreachable!()
    };
    assert_eq!(moved, vec![(ids[0].clone(), fresh.clone())]);
    let rec = records
        .iter()
        .find(|r| r.id == fresh)
        .expect("moved record");
    assert!(rec.recheck);
    assert_eq!(rec.note, "old note");
    assert_eq!(rec.verdict, Some(Verdict::Disputed));
    assert!(records.iter().any(|r| r.id == ids[2]), "ids[2] kept");
    // Nothing moved on disk until the record is saved again.
    let on_disk = records_under(&folder);
    assert!(on_disk.contains_key(&ids[0]) && !on_disk.contains_key(&fresh));
}

#[test]
fn a_save_keeps_the_conflicts_a_colleague_recorded_since_the_file_was_read() {
    use claimdesk::store::Judgement;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 4);
    let ids = seed_manual_claims(&root);
    let file = root.join(claim_rel("manual.verdicts", &ids[0]));
    let writer = StoreWriter::spawn(open_store(&root));
    // Meanwhile a merge elsewhere recorded a conflict on the claim.
    let mut records = format::parse(&file, &std::fs::read_to_string(&file).unwrap()).unwrap();
    let rec = records.get_mut(&ids[0]).unwrap();
    rec.verdict = Some(Verdict::Disputed);
    rec.note = "her side".into();
    rec.updated = "2026-01-02T00:00:00Z".into();
    rec.conflicts = vec![Judgement {
        verdict: Some(Verdict::Unverified),
        rating: None,
        note: "his side, recorded by the merge".into(),
        evidence: vec![],
        analyst: "Sami".into(),
        updated: "2026-01-01T00:00:00Z".into(),
    }];
    std::fs::write(&file, format::serialize(&records)).unwrap();
    // The analyst, who never saw it, confirms the claim.
    writer.submit(change(&ids[0], Verdict::Confirmed, "mine"));
    writer.flush(Duration::from_secs(30)).unwrap();
    let on_disk = format::parse(&file, &std::fs::read_to_string(&file).unwrap()).unwrap();
    let rec = &on_disk[&ids[0]];
    assert_eq!(rec.note, "mine");
    let notes: Vec<&str> = rec.conflicts.iter().map(|j| j.note.as_str()).collect();
    assert!(
        notes.contains(&"his side, recorded by the merge"),
        "{notes:?}"
    );
    assert!(notes.contains(&"her side"), "{notes:?}");
}
