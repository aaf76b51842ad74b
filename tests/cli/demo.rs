//! The CLI on the demo desk (the repository root) and with verdicts on disk.

use crate::support::cli::claimdesk_in as claimdesk;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every claim's `text` is the file's bytes `start..end`, and matches lie inside.
fn assert_offsets(root: &Path, v: &Value) -> usize {
    let mut claims = 0;
    for a in v["articles"].as_array().unwrap() {
        let file = std::fs::read(root.join(a["path"].as_str().unwrap())).unwrap();
        for c in a["claims"].as_array().unwrap() {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                std::str::from_utf8(&file[s..e]).unwrap(),
                c["text"].as_str().unwrap(),
                "{}",
                a["path"]
            );
            assert!(c["id"].as_str().unwrap().len() == 12);
            assert!(!c["rules"].as_array().unwrap().is_empty());
            for m in c["matches"].as_array().unwrap() {
                let (ms, me) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert!(s <= ms && ms <= me && me <= e);
                assert!(std::str::from_utf8(&file[ms..me]).is_ok());
            }
            claims += 1;
        }
    }
    claims
}

#[test]
fn the_demo_desk_extracts_with_true_offsets() {
    let o = claimdesk(&repo(), &["extract", "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 10);
    assert!(articles.iter().all(|a| {
        a["path"]
            .as_str()
            .unwrap()
            .starts_with("examples/articles/")
    }));
    let claims = assert_offsets(&repo(), &v);
    assert!(claims > 20, "only {claims} claims in the demo desk");
    // Metadata inferred without front matter: the dateline and the source line.
    let committee = articles
        .iter()
        .find(|a| a["path"] == "examples/articles/08-alminbar-joint-committee.md")
        .unwrap();
    assert_eq!(committee["source"], "المنبر");
    assert_eq!(committee["date"], "2024-01-14");
}

#[test]
fn the_demo_desk_checks_clean() {
    let o = claimdesk(&repo(), &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
}

#[test]
fn jsonl_and_json_agree() {
    let json = claimdesk(&repo(), &["extract", "--format", "json"]);
    let jsonl = claimdesk(&repo(), &["extract", "--format", "jsonl"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut from_json = Vec::new();
    for a in v["articles"].as_array().unwrap() {
        for c in a["claims"].as_array().unwrap() {
            let mut c = c.clone();
            c.as_object_mut()
                .unwrap()
                .insert("path".into(), a["path"].clone());
            from_json.push(c);
        }
    }
    let from_jsonl: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(from_json, from_jsonl);
}

#[test]
fn verdicts_on_disk_show_in_the_output() {
    use claimdesk::extract::ClaimId;
    use claimdesk::store::{Owner, Verdict, VerdictChange, VerdictStore};

    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("articles")).unwrap();
    std::fs::create_dir_all(tmp.path().join("rules")).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/desk/basic/rules/en/claims.toml"),
        tmp.path().join("rules/claims.toml"),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("articles/a.txt"),
        "Harbour news today\n\nThe harbour master said that 31 ships had left by noon.\n",
    )
    .unwrap();
    let o = claimdesk(tmp.path(), &["extract", "--format", "jsonl"]);
    let line: Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(line["verdict"], Value::Null);
    let id = ClaimId(line["id"].as_str().unwrap().into());

    let (mut store, problems) = VerdictStore::open(&tmp.path().join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    store
        .apply(VerdictChange {
            id: id.clone(),
            verdict: Some(Some(Verdict::Disputed)),
            note: Some("port records say 29".into()),
            evidence: None,
            claim: line["text"].as_str().unwrap().to_string(),
            owner: Owner::Rule {
                id: "en.said-that".into(),
                file: "claims.toml".into(),
            },
            articles: vec!["articles/a.txt".into()],
            analyst: "Test".into(),
        })
        .unwrap();
    drop(store);

    let o = claimdesk(tmp.path(), &["extract", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let claim = &v["articles"][0]["claims"][0];
    assert_eq!(claim["id"], id.0.as_str());
    assert_eq!(claim["verdict"], "disputed");
    let text = claimdesk(tmp.path(), &["extract"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("disputed"));
}
