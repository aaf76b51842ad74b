//! "Not a claim" through the binary: `mark ID not-a-claim`, rule precision in
//! `claimdesk rules` (text and JSON), and every export format (never a
//! ClaimReview; listed apart in Markdown; the verdict word in CSV and JSON).

use std::path::Path;

use crate::support::export::{PUBLISHER, run, stderr};
use serde_json::Value;

/// Sentences of our own: two found by the figure rule, one by "said that".
const FERRY: &str = "The ferry carried 300 passengers on Sunday.";
const PAGE: &str = "Picture 4 of the gallery shows the pier at dawn.";
const MINISTER: &str = "The minister said that the tunnel is finished.";

fn desk() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::create_dir_all(root.join("rules/en")).unwrap();
    std::fs::write(
        root.join("claimdesk.toml"),
        format!("articles = [\"articles\"]\nrules = \"rules\"\nanalyst = \"Sami\"\n\n{PUBLISHER}"),
    )
    .unwrap();
    std::fs::write(
        root.join("rules/en/claims.toml"),
        "[[rule]]\nid = \"t.said-that\"\nkind = \"attribution\"\nlabel = \"said that\"\n\
         pattern = '''\\bsaid that\\b'''\nexamples = [\"She said that it rained.\"]\n\n\
         [[rule]]\nid = \"t.figure\"\nkind = \"number\"\nlabel = \"a figure\"\n\
         pattern = '''\\b(?P<figure>[0-9]+)\\b'''\nexamples = [\"There were 12 boats.\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("articles/ferry.md"),
        format!(
            "+++\ntitle = \"Ferry news\"\nsource = \"Coast Post\"\nurl = \"https://coast.example/f1\"\ndate = \"2026-11-01\"\nlang = \"en\"\n+++\n\n{FERRY}\n\n{PAGE}\n\n{MINISTER}\n"
        ),
    )
    .unwrap();
    tmp
}

/// The id of the claim whose text is `sentence`, from `extract --format json`.
fn id_of(root: &Path, sentence: &str) -> String {
    extracted(root)
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains(sentence)))
        .and_then(|c| c["id"].as_str())
        .unwrap_or_else(|| panic!("no claim for {sentence:?}"))
        .to_string()
}

/// Every claim of `extract --format json`.
fn extracted(root: &Path) -> Vec<Value> {
    let o = run(root, &["extract", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap().clone())
        .collect()
}

fn mark(root: &Path, id: &str, verdict: &str) {
    let o = run(root, &["mark", id, verdict]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A desk where the page footer is "not a claim", the ferry disputed and
/// the minister's claim confirmed.
fn judged() -> (tempfile::TempDir, [String; 3]) {
    let d = desk();
    let ids = [
        id_of(d.path(), PAGE),
        id_of(d.path(), FERRY),
        id_of(d.path(), MINISTER),
    ];
    mark(d.path(), &ids[0], "not-a-claim");
    mark(d.path(), &ids[1], "disputed");
    mark(d.path(), &ids[2], "confirmed");
    (d, ids)
}

#[test]
fn mark_writes_not_a_claim_and_extract_reads_it_back() {
    let (d, ids) = judged();
    let rel = claimdesk::store::layout::claim_file(
        "en/claims.verdicts",
        &claimdesk::extract::ClaimId(ids[0].clone().into()),
    );
    let file = std::fs::read_to_string(d.path().join("rules").join(rel)).unwrap();
    assert!(file.contains("verdict = \"not-a-claim\""), "{file}");
    let claims = extracted(d.path());
    let page = claims.iter().find(|c| c["id"] == ids[0].as_str()).unwrap();
    assert_eq!(page["verdict"], "not-a-claim");
    // A rating label has no place under not-a-claim.
    let o = run(
        d.path(),
        &["mark", &ids[0], "not-a-claim", "--rating", "false"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not-a-claim has no labels"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_show_how_noisy_each_rule_is() {
    let (d, _) = judged();
    let o = run(d.path(), &["rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let line = |id: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no line for {id}: {out}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    let header: Vec<&str> = out.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header[5..8], ["judged", "noise", "share"], "{out}");
    // The figure rule owns the ferry and the page footer: 2 judged, 1 noise.
    assert_eq!(line("t.figure")[5..8], ["2", "1", "50%"], "{out}");
    assert_eq!(line("t.said-that")[5..8], ["1", "0", "0%"], "{out}");

    let o = run(d.path(), &["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rule = |id: &str| {
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let figure = rule("t.figure");
    assert_eq!(figure["judged"], 2);
    assert_eq!(figure["not_a_claim"], 1);
    assert_eq!(figure["not_a_claim_share"], 0.5);
    assert_eq!(rule("t.said-that")["not_a_claim_share"], 0.0);
    assert_eq!(v["articles"], 1);
}

#[test]
fn a_rule_nothing_judged_has_no_share() {
    let d = desk();
    let o = run(d.path(), &["rules", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["rules"][0]["not_a_claim_share"].is_null(), "{v}");
    let o = run(d.path(), &["rules"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let l = out.lines().find(|l| l.starts_with("t.figure ")).unwrap();
    assert_eq!(l.split_whitespace().nth(7), Some("-"), "{out}");
}

#[test]
fn not_a_claim_is_never_a_claim_review() {
    let (d, ids) = judged();
    let o = run(d.path(), &["export", "--format", "claimreview"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let graph = v["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 2, "{v}");
    assert!(
        graph
            .iter()
            .all(|r| !r["claimReviewed"].as_str().unwrap().contains("Picture 4")),
        "{v}"
    );
    assert!(stderr(&o).contains("1 not a claim"), "{}", stderr(&o));
    // Asking for them only publishes nothing.
    let o = run(
        d.path(),
        &[
            "export",
            "--format",
            "claimreview",
            "--verdict",
            "not-a-claim",
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["@graph"].as_array().unwrap().len(), 0);
    let _ = ids;
}

#[test]
fn csv_json_and_markdown_say_not_a_claim() {
    let (d, ids) = judged();
    let o = run(d.path(), &["export", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let page = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == ids[0].as_str())
        .unwrap()
        .clone();
    assert_eq!(page["verdict"], "not-a-claim");
    assert!(page["rating"].is_null());

    let o = run(d.path(), &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&o.stdout[3..]);
    let verdicts: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(verdicts.iter().filter(|v| *v == "not-a-claim").count(), 1);
    assert_eq!(verdicts.len(), 3);

    let o = run(d.path(), &["export", "--format", "markdown"]);
    let md = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        md.contains("- Judged claims: 2 (1 disputed, 1 confirmed, 0 unverified)"),
        "{md}"
    );
    assert!(
        md.contains("- Not a claim (extraction noise, not reviews): 1"),
        "{md}"
    );
    assert!(md.contains("| not a claim | 1 |"), "{md}");
    // Listed apart, after the claims, one line each.
    let apart = md
        .find("## Not a claim (1)")
        .expect("the not-a-claim section");
    assert!(apart > md.find("## Confirmed claims (1)").unwrap(), "{md}");
    assert!(
        md[apart..].contains(&format!("- `{}` rule `t.figure`", ids[0])),
        "{md}"
    );
    assert!(!md[..apart].contains("Picture 4"), "{md}");
}

#[test]
fn the_rating_scale_has_no_labels_under_not_a_claim() {
    let d = desk();
    let config = d.path().join("claimdesk.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[[rating]]\nlabel = \"noise\"\nverdict = \"not-a-claim\"\n");
    std::fs::write(&config, text).unwrap();
    let o = run(d.path(), &["check"]);
    assert_ne!(o.status.code(), Some(0));
    let err = format!("{}{}", stderr(&o), String::from_utf8_lossy(&o.stdout));
    assert!(err.contains("not-a-claim takes no rating"), "{err}");
}
