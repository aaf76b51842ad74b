//! `mark` processes killed with SIGKILL at random moments: every verdict file
//! always parses, and every verdict whose `mark` exited 0 is on disk.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::support::store::*;
use claimdesk::store::{Verdict, VerdictStore};

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killed_marks_never_corrupt_or_lose_a_confirmed_verdict() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root, 40);
    let ids = seed_manual_claims(&root);
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut confirmed: BTreeMap<usize, String> = BTreeMap::new();
    let (mut killed, mut finished) = (0, 0);
    for (i, id) in ids.iter().enumerate() {
        let note = format!("round {i}");
        let mut child = claimdesk(&root, "crash")
            .args(["mark", id.as_str(), "disputed", "--note", &note])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a random moment in the first ~60 ms (loading, merging,
        // writing, syncing, renaming), or let some run to the end.
        let delay = rng.next() % 60_000;
        std::thread::sleep(Duration::from_micros(delay));
        if !rng.next().is_multiple_of(5) {
            let _ = child.kill();
        }
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
            confirmed.insert(i, note.clone());
        } else {
            killed += 1;
        }
        // After every round the files parse and hold every confirmed verdict.
        let (store, problems) = VerdictStore::open(&root.join("rules"));
        assert!(problems.is_empty(), "round {i}: {problems:?}");
        for (&j, note) in &confirmed {
            let rec = store.get(&ids[j]).expect("confirmed claim kept");
            assert_eq!(rec.verdict, Some(Verdict::Disputed), "round {i}, claim {j}");
            assert_eq!(&rec.note, note);
        }
        // A killed mark left either nothing or its whole change.
        let rec = store.get(id).unwrap();
        assert!(
            (rec.verdict.is_none() && rec.note.is_empty())
                || (rec.verdict == Some(Verdict::Disputed) && rec.note == note),
            "round {i}: half a change: {rec:?}"
        );
        // Every other claim is untouched.
        assert_eq!(store.records().count(), ids.len());
    }
    eprintln!("{finished} marks finished, {killed} killed");
    // The next save clears the temporary files of killed saves.
    let out = mark(&root, "crash", &ids[0], "confirmed", &[]);
    assert!(out.status.success());
    let leftovers: Vec<_> = walk(&root.join("rules"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}
