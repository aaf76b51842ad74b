//! A desk with 100k verdicts: what a save, a load and a refresh cost.
//! Ignored (it measures; tests do not time things): run with
//! `cargo test --test store_big -- --ignored --nocapture`.

use std::time::Instant;

use claimdesk::extract::ClaimId;
use claimdesk::store::format::{self, Records};
use claimdesk::store::{Owner, Verdict, VerdictChange, VerdictRecord, VerdictStore, layout};

fn change(id: &ClaimId, v: Verdict) -> VerdictChange {
    VerdictChange {
        id: id.clone(),
        verdict: Some(Some(v)),
        note: Some("measured".into()),
        evidence: None,
        claim: "The council said it opened 40 clinics.".into(),
        owner: Owner::Rule {
            id: "en.said".into(),
            file: "en/claims.toml".into(),
        },
        articles: vec!["articles/a.txt".into()],
        analyst: "bench".into(),
    }
}

fn write_verdicts(rules: &std::path::Path, n: usize) {
    for i in 0..n {
        let id = ClaimId::from_raw(
            ((i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 16).to_be_bytes()[2..8]
                .try_into()
                .unwrap(),
        );
        let rec = VerdictRecord {
            id: id.clone(),
            verdict: Some(Verdict::Confirmed),
            claim: format!(
                "The district {i} council said it opened {} clinics.",
                i % 97
            ),
            rule: "en.said".into(),
            articles: vec![format!("articles/a{}.txt", i / 20)],
            note: "a short note".into(),
            analyst: "Lina".into(),
            updated: "2026-11-21T09:40:00Z".into(),
            ..Default::default()
        };
        let rel = layout::claim_file("en/claims.verdicts", &id);
        let path = rules.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format::serialize(&Records::from([(id, rec)]))).unwrap();
    }
}

fn measure(n: usize) {
    let tmp = tempfile::tempdir().unwrap();
    // VERDICTS_DIR keeps the generated desk between runs (for profiling).
    let rules = match std::env::var("VERDICTS_DIR") {
        Ok(d) => std::path::PathBuf::from(d).join(format!("rules{n}")),
        Err(_) => tmp.path().join("rules"),
    };
    if !rules.is_dir() {
        std::fs::create_dir_all(&rules).unwrap();
        write_verdicts(&rules, n);
    }
    let t = Instant::now();
    let files = layout::find_claim_files(&rules);
    let walk = t.elapsed();
    let t = Instant::now();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(rules.join(f)).unwrap())
        .collect();
    let read = t.elapsed();
    let t = Instant::now();
    for (f, text) in files.iter().zip(&texts) {
        format::parse(std::path::Path::new(f), text).unwrap();
    }
    let parse = t.elapsed();
    eprintln!(
        "{n} files: walk {:.0} ms, read (one thread) {:.0} ms, parse (one thread) {:.0} ms",
        walk.as_secs_f64() * 1e3,
        read.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let (mut store, problems) = VerdictStore::open(&rules);
    let open = t.elapsed();
    assert!(problems.is_empty());
    assert!(store.records().count() >= n);
    if std::env::var("VERDICTS_OPEN_ONLY").is_ok() {
        eprintln!("{n} verdicts: open {:.0} ms", open.as_secs_f64() * 1e3);
        return;
    }
    let ids: Vec<ClaimId> = store.records().take(20).map(|r| r.id.clone()).collect();
    let fresh = ClaimId("0123456789ab".into());
    let mut saves = Vec::new();
    for (k, id) in ids.iter().chain(std::iter::once(&fresh)).enumerate() {
        let v = if k % 2 == 0 {
            Verdict::Disputed
        } else {
            Verdict::Unverified
        };
        let t = Instant::now();
        store.apply(change(id, v)).unwrap();
        saves.push(t.elapsed());
    }
    saves.sort();
    let t = Instant::now();
    let changed = store.refresh();
    let refresh = t.elapsed();
    assert!(changed.is_empty());
    eprintln!(
        "{n} verdicts: open {:.0} ms, save median {:.1} ms (max {:.1} ms, {} saves), refresh {:.0} ms",
        open.as_secs_f64() * 1e3,
        saves[saves.len() / 2].as_secs_f64() * 1e3,
        saves[saves.len() - 1].as_secs_f64() * 1e3,
        saves.len(),
        refresh.as_secs_f64() * 1e3,
    );
}

#[test]
#[ignore = "measures; run by hand"]
fn save_load_and_refresh_with_100k_verdicts() {
    measure(1);
    let n = std::env::var("VERDICTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    measure(n);
}
