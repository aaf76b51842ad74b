//! `extract --format json|jsonl` carries each claim's links to claims of
//! other articles, with the figures that drift, the same on both sides.

use std::path::Path;

use crate::support::cli::claimdesk_in as claimdesk;
use serde_json::Value;

fn write_desk(root: &Path) {
    std::fs::create_dir_all(root.join("articles")).unwrap();
    let bodies = [
        (
            "one.md",
            "North Wire",
            "Officials said that the ferry was carrying 212 passengers and nine crew when it ran aground near the southern islands.",
        ),
        (
            "two.md",
            "South Daily",
            "Officials said that the ferry was carrying 220 passengers and nine crew when it ran aground near the southern islands.",
        ),
        (
            "three.md",
            "East Times",
            "Officials said that the new library will open its doors to readers in the spring after years of building work.",
        ),
    ];
    for (file, source, body) in bodies {
        std::fs::write(
            root.join("articles").join(file),
            format!("+++\ntitle = \"{file}\"\nsource = \"{source}\"\nlang = \"en\"\n+++\n{body}\n"),
        )
        .unwrap();
    }
    std::fs::create_dir_all(root.join("rules")).unwrap();
    std::fs::write(
        root.join("rules/claims.toml"),
        "[[rule]]\nid = \"en.said\"\nkind = \"attribution\"\nlabel = \"said that\"\npattern = '''\\bsaid that\\b'''\nexamples = [\"He said that it rained.\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("claimdesk.toml"),
        "articles = [\"articles\"]\nrules = \"rules\"\n",
    )
    .unwrap();
}

#[test]
fn linked_claims_name_each_other_with_the_drift() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root);
    let o = claimdesk(&root, &["extract", "--format", "jsonl"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let claims: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(claims.len(), 3);
    let by_path = |p: &str| claims.iter().find(|c| c["path"] == p).unwrap();
    let (one, two, three) = (
        by_path("articles/one.md"),
        by_path("articles/two.md"),
        by_path("articles/three.md"),
    );
    let rel = one["related"].as_array().unwrap();
    assert_eq!(rel.len(), 1, "{rel:?}");
    assert_eq!(rel[0]["id"], two["id"]);
    assert_eq!(rel[0]["path"], "articles/two.md");
    assert_eq!(rel[0]["level"], "same");
    let sim = rel[0]["similarity"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&sim));
    assert_eq!(
        rel[0]["drift"],
        serde_json::json!([{"ours": "212", "theirs": "220", "unit": "count",
                            "ours_value": 212.0, "theirs_value": 220.0}])
    );
    // Symmetric, drift mirrored.
    let back = two["related"].as_array().unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0]["id"], one["id"]);
    assert_eq!(back[0]["similarity"], rel[0]["similarity"]);
    assert_eq!(
        back[0]["drift"],
        serde_json::json!([{"ours": "220", "theirs": "212", "unit": "count",
                            "ours_value": 220.0, "theirs_value": 212.0}])
    );
    // The unrelated sentence shares only its attribution words.
    assert_eq!(three["related"], serde_json::json!([]));
    // Deterministic: a second run gives the same bytes.
    let again = claimdesk(&root, &["extract", "--format", "jsonl"]);
    let first = claimdesk(&root, &["extract", "--format", "jsonl"]);
    assert_eq!(again.stdout, first.stdout);
}

#[test]
fn a_path_in_another_desk_is_extracted_with_a_warning_that_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk(&root);
    write_desk(&root.join("elsewhere"));
    let o = claimdesk(&root, &["extract", "--format", "jsonl", "elsewhere"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("elsewhere is in another desk")
            && err.contains("run `claimdesk -C elsewhere extract`"),
        "{err}"
    );
    // Its articles are still extracted, on their own: no links.
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().all(|l| l.contains("\"related\":[]")), "{out}");
    // A folder of this desk says nothing.
    let o = claimdesk(&root, &["extract", "--format", "jsonl", "articles"]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
