//! Old-layout verdict files (many records in `X.verdicts.toml`) move to one
//! file per claim: losslessly, on open and by `init`, and a run killed
//! half-way finishes later or leaves everything readable.

use std::path::Path;
use std::time::Duration;

use crate::support::store::*;
use claimdesk::extract::ClaimId;
use claimdesk::store::format::{self, Records};
use claimdesk::store::{Judgement, Verdict, VerdictRecord, VerdictStore, migrate};

fn record(id: &str, i: usize, rule: &str) -> VerdictRecord {
    VerdictRecord {
        id: ClaimId(id.into()),
        verdict: [Some(Verdict::Confirmed), Some(Verdict::Disputed), None][i % 3],
        rating: (i % 3 == 1).then(|| "misleading".to_string()),
        claim: format!("قال المسؤول إن العدد {i} \"تقريبا\"\tthis year"),
        rule: rule.into(),
        articles: vec![format!("articles/a{i}.txt"), "articles/b.txt".into()],
        note: format!("line one {i}\nline \\ two \u{202E}x"),
        evidence: vec![format!("https://example.org/{i}?a=1&b=2")],
        analyst: ["Lina", "Omar", "سارة"][i % 3].into(),
        updated: format!("2026-11-{:02}T09:40:00Z", 1 + i % 28),
        recheck: i.is_multiple_of(4),
        conflicts: if i.is_multiple_of(5) {
            vec![Judgement {
                verdict: Some(Verdict::Unverified),
                rating: None,
                note: "=======\n<<<<<<< not a marker".into(),
                evidence: vec![],
                analyst: "Sami".into(),
                updated: "2026-10-01T00:00:00Z".into(),
            }]
        } else {
            vec![]
        },
    }
}

/// Writes old-layout files under `rules`: two rule files' and the manual
/// claims'; returns every record written.
fn write_legacy(rules: &Path, n: usize) -> Records {
    let mut all = Records::new();
    let files = [
        ("ar/figures.verdicts.toml", "ar.figures"),
        ("en/claims.verdicts.toml", "en.said"),
        ("manual.verdicts.toml", "manual"),
    ];
    for (f, (file, rule)) in files.iter().enumerate() {
        let mut recs = Records::new();
        for i in 0..n {
            let id = if i == 3 && f == 2 {
                "Hand typed id".to_string()
            } else {
                format!(
                    "{:012x}",
                    0x1000_0000_0000u64 * (f as u64 + 1) + (i as u64) * 7919
                )
            };
            let r = record(&id, i, rule);
            recs.insert(r.id.clone(), r);
        }
        std::fs::create_dir_all(rules.join(file).parent().unwrap()).unwrap();
        std::fs::write(rules.join(file), format::serialize(&recs)).unwrap();
        all.extend(recs);
    }
    all
}

fn loaded(rules: &Path) -> Records {
    let (store, problems) = VerdictStore::open(rules);
    assert!(problems.is_empty(), "{problems:?}");
    store.records().map(|r| (r.id.clone(), r.clone())).collect()
}

fn legacy_left(rules: &Path) -> usize {
    [
        "ar/figures.verdicts.toml",
        "en/claims.verdicts.toml",
        "manual.verdicts.toml",
    ]
    .iter()
    .filter(|f| rules.join(f).exists())
    .count()
}

#[test]
fn migration_keeps_every_record_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    let written = write_legacy(&rules, 40);
    let before = loaded(&rules);
    assert_eq!(before, written);
    let m = migrate::migrate(&rules);
    assert!(m.problems.is_empty(), "{:?}", m.problems);
    assert_eq!(m.records, 120);
    assert_eq!(m.files.len(), 3);
    assert_eq!(legacy_left(&rules), 0);
    let after = loaded(&rules);
    assert_eq!(after, before);
    // Each record alone in its claim file, in its old file's folder.
    let (store, _) = VerdictStore::open(&rules);
    assert_eq!(store.files().count(), 120);
    for rel in store.files() {
        assert!(claimdesk::store::layout::is_claim_file(rel), "{rel}");
    }
    let hand = ClaimId("Hand typed id".into());
    let (path, _) = store.location(&hand).unwrap();
    assert!(path.starts_with("rules/manual.verdicts"), "{path:?}");
    // Running it again changes nothing.
    assert_eq!(migrate::migrate(&rules), migrate::Migration::default());
}

#[test]
fn a_migration_stopped_at_any_point_loads_and_finishes_later() {
    let tmp = tempfile::tempdir().unwrap();
    for crash_after in [1, 2, 7, 12, 13, 25, 29] {
        let rules = tmp.path().join(format!("rules{crash_after}"));
        let written = write_legacy(&rules, 10);
        migrate::migrate_until(&rules, Some(crash_after));
        assert!(legacy_left(&rules) > 0, "stopped before the end");
        // Half-migrated: old files and some claim files, every record once.
        assert_eq!(loaded(&rules), written, "stopped after {crash_after}");
        let m = migrate::migrate(&rules);
        assert!(m.problems.is_empty(), "{:?}", m.problems);
        assert_eq!(legacy_left(&rules), 0);
        assert_eq!(loaded(&rules), written, "finished after {crash_after}");
    }
}

#[test]
fn a_colleagues_newer_claim_file_wins_over_the_old_copy() {
    // A half-migrated desk from git: a colleague migrated and changed one
    // claim; this clone still has the old file too.
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    let written = write_legacy(&rules, 6);
    let (id, old) = written.iter().next().unwrap();
    let mut newer = old.clone();
    newer.verdict = Some(Verdict::Disputed);
    newer.note = "changed after migrating".into();
    newer.updated = "2026-12-01T00:00:00Z".into();
    let folder = "ar/figures.verdicts";
    let file = rules.join(claimdesk::store::layout::claim_file(folder, id));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        format::serialize(&Records::from([(id.clone(), newer.clone())])),
    )
    .unwrap();
    let before = loaded(&rules);
    assert_eq!(before[id].note, "changed after migrating");
    migrate::migrate(&rules);
    let after = loaded(&rules);
    assert_eq!(after, before, "the store shows the same before and after");
    assert_eq!(after.len(), written.len());
}

#[test]
fn init_killed_while_migrating_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 2);
    let rules = root.join("rules");
    let written = write_legacy(&rules, 1500);
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut killed = 0;
    for round in 0..12 {
        let mut child = claimdesk(&root, "init")
            .arg("init")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_micros(rng % 150_000));
        let _ = child.kill();
        if !child.wait().unwrap().success() {
            killed += 1;
        }
        assert_eq!(loaded(&rules), written, "round {round}");
        if legacy_left(&rules) == 0 {
            break;
        }
    }
    eprintln!("{killed} init run(s) killed while migrating");
    let out = claimdesk(&root, "init").arg("init").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(legacy_left(&rules), 0);
    assert_eq!(loaded(&rules), written);
}

#[test]
fn opening_a_desk_migrates_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 4);
    let ids = seed_manual_claims(&root);
    // Put the seeded records back into one old-layout file.
    let rules = root.join("rules");
    let records = loaded(&rules);
    std::fs::remove_dir_all(rules.join("manual.verdicts")).unwrap();
    std::fs::write(
        rules.join("manual.verdicts.toml"),
        format::serialize(&records),
    )
    .unwrap();
    let out = mark(&root, "amal", &ids[1], "confirmed", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!rules.join("manual.verdicts.toml").exists());
    let after = loaded(&rules);
    assert_eq!(after.len(), records.len());
    assert_eq!(after[&ids[1]].verdict, Some(Verdict::Confirmed));
    assert_eq!(after[&ids[2]], records[&ids[2]]);
}
