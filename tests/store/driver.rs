//! `claimdesk merge-driver` called directly, as git calls it.

use std::path::Path;

use crate::support::store::BIN;
use claimdesk::store::format;

const BASE: &str = "schema = 1\n\n[aaa]\nverdict = \"unverified\"\nclaim = \"c\"\nrule = \"r\"\narticles = []\nnote = \"\"\nevidence = []\nanalyst = \"x\"\nupdated = \"2026-01-01T00:00:00Z\"\n";

fn driver(dir: &Path, base: &str, ours: &str, theirs: &str) -> (i32, String, String) {
    let [b, o, t] = ["base", "ours", "theirs"].map(|n| dir.join(n));
    std::fs::write(&b, base).unwrap();
    std::fs::write(&o, ours).unwrap();
    std::fs::write(&t, theirs).unwrap();
    let out = std::process::Command::new(BIN)
        .arg("merge-driver")
        .args([&b, &o, &t])
        .arg("rules/x.verdicts.toml")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        std::fs::read_to_string(&o).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn driver_merges_per_claim_and_is_symmetric() {
    let tmp = tempfile::tempdir().unwrap();
    let ours = BASE
        .replace("\"unverified\"", "\"confirmed\"")
        .replace("2026-01-01", "2026-01-02");
    let theirs = BASE
        .replace("\"unverified\"", "\"disputed\"")
        .replace("2026-01-01", "2026-01-03");
    let (code, merged, said) = driver(tmp.path(), BASE, &ours, &theirs);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("conflicting verdicts recorded for 1 claim(s): aaa"),
        "{said}"
    );
    let recs = format::parse(Path::new("m"), &merged).unwrap();
    let rec = recs.values().next().unwrap();
    assert_eq!(rec.verdict.unwrap().as_str(), "disputed");
    assert_eq!(rec.conflicts[0].verdict.unwrap().as_str(), "confirmed");
    let (_, swapped, _) = driver(tmp.path(), BASE, &theirs, &ours);
    assert_eq!(swapped, merged);
    // An empty base (the file added on both sides) is fine.
    let (code, _, said) = driver(tmp.path(), "", &ours, &ours);
    assert_eq!(code, 0, "{said}");
}

#[test]
fn driver_falls_back_to_a_line_merge_when_an_input_does_not_parse() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = BASE.replace("note = \"\"", "note = theirs");
    let ours = BASE.replace("note = \"\"", "note = \"ours\"");
    let (code, merged, said) = driver(tmp.path(), BASE, &ours, &broken);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("falling back to a line merge"), "{said}");
    assert!(said.contains("rules/x.verdicts.toml"), "{said}");
    assert!(merged.contains("<<<<<<< ours"), "{merged}");
}
