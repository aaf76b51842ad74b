//! `claimdesk extract` run as a real process on fixture desks.

use crate::support::cli::claimdesk;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/desk")
        .join(name)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

#[test]
fn json_has_the_documented_shape() {
    let basic = fixture("basic");
    let o = claimdesk(&["-C", basic.to_str().unwrap(), "extract", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let articles = v["articles"].as_array().expect("articles array");
    let paths: Vec<&str> = articles
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "news/ar-1.txt",
            "news/deep/inner.txt",
            "news/en-1.md",
            "wire/2024/w-1.md"
        ]
    );
    for a in articles {
        for key in ["title", "source", "date", "claims"] {
            assert!(a.get(key).is_some(), "article without {key}: {a}");
        }
        assert!(a["title"].is_string());
        assert!(a["source"].is_string() || a["source"].is_null());
        assert!(a["date"].is_string() || a["date"].is_null());
        for c in a["claims"].as_array().unwrap() {
            check_claim(c);
        }
    }
    let en = &articles[2];
    assert_eq!(en["title"], "Port reopens after storm");
    assert_eq!(en["source"], "Harbour Daily");
    assert_eq!(en["date"], "2024-02-11");
}

/// Checks one claim's fields and that its offsets point at its text.
pub fn check_claim(c: &Value) {
    for key in [
        "id", "rules", "kind", "text", "start", "end", "verdict", "matches",
    ] {
        assert!(c.get(key).is_some(), "claim without {key}: {c}");
    }
    assert!(c["id"].is_string() && c["kind"].is_string() && c["text"].is_string());
    assert!(c["rules"].as_array().unwrap().iter().all(Value::is_string));
    assert!(c["verdict"].is_null() || c["verdict"].is_string());
    let (start, end) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
    assert!(start < end, "{c}");
    for m in c["matches"].as_array().unwrap() {
        assert!(m["rule"].is_string());
        let (ms, me) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        assert!(
            start <= ms && ms <= me && me <= end,
            "match outside its claim: {c}"
        );
        assert!(m["captures"].is_object());
    }
}

#[test]
fn jsonl_is_one_claim_per_line_with_path() {
    let basic = fixture("basic");
    let o = claimdesk(&[
        "-C",
        basic.to_str().unwrap(),
        "extract",
        "--format",
        "jsonl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(v["path"].is_string());
        check_claim(&v);
    }
}

#[test]
fn paths_are_relative_to_the_desk_or_as_given() {
    let basic = fixture("basic");
    let o = claimdesk(&[
        "-C",
        basic.to_str().unwrap(),
        "extract",
        "--format",
        "json",
        "news/en-1.md",
        "wire",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    // skip.txt is an article file too when a folder is named on the command line.
    assert_eq!(
        paths,
        ["news/en-1.md", "wire/2024/skip.txt", "wire/2024/w-1.md"]
    );

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("outside.txt"), "Outside\nA line.\n").unwrap();
    let o = claimdesk(&[
        "-C",
        tmp.path().to_str().unwrap(),
        "extract",
        "--rules",
        basic.join("rules").to_str().unwrap(),
        "--format",
        "jsonl",
        "outside.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn skipped_articles_exit_1_and_the_rest_prints() {
    let dir = fixture("bad-articles");
    let o = claimdesk(&["-C", dir.to_str().unwrap(), "extract", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    no_panic(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
    let err = stderr(&o);
    assert!(err.contains("articles/unclosed.md:1:"), "{err}");
    assert!(err.contains("articles/unknown-key.md:3:"), "{err}");
}

#[test]
fn user_errors_are_messages_not_panics() {
    let basic = fixture("basic");
    let cases: Vec<Vec<&str>> = vec![
        vec!["-C", "/no/such/desk", "extract"],
        vec![
            "-C",
            basic.to_str().unwrap(),
            "extract",
            "--rules",
            "no-rules-here",
        ],
        vec!["-C", basic.to_str().unwrap(), "extract", "missing.txt"],
        vec!["-C", basic.to_str().unwrap(), "extract", "--format", "yaml"],
    ];
    for args in cases {
        let o = claimdesk(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!stderr(&o).trim().is_empty(), "{args:?}");
        no_panic(&o);
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    let body = "A headline\nA sentence with 12 words that is long enough to fill a pipe quickly.\n"
        .repeat(40);
    for i in 0..400 {
        std::fs::write(dir.join(format!("a{i:04}.txt")), &body).unwrap();
    }
    std::fs::create_dir(tmp.path().join("rules")).unwrap();
    std::fs::copy(
        fixture("basic/rules/en/claims.toml"),
        tmp.path().join("rules/claims.toml"),
    )
    .unwrap();
    for format in ["text", "json", "jsonl"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .args([
                "-C",
                tmp.path().to_str().unwrap(),
                "extract",
                "--format",
                format,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take()); // like `| head -c 16`
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert_eq!(status.code(), Some(0), "{format}: {err}");
    }
}
