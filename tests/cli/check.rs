//! `claimdesk check` and `claimdesk rules` run as real processes.

use crate::support::cli::claimdesk_in as claimdesk;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/desk")
        .join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_clean_desk_passes() {
    let o = claimdesk(&fixture("basic"), &["check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    assert!(out.contains("4 article(s)"), "{out}");
    assert!(out.contains("ok: no problems"), "{out}");
}

#[test]
fn article_problems_are_listed_with_lines_and_fail() {
    let o = claimdesk(&fixture("bad-articles"), &["check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("articles/unclosed.md:1: "), "{out}");
    assert!(out.contains("articles/unknown-key.md:3: "), "{out}");
    assert!(out.contains("articles/bad-toml.md:"), "{out}");
    assert!(out.contains("3 problem(s)"), "{out}");
}

#[test]
fn a_bad_config_fails_the_check_with_its_line() {
    let o = claimdesk(&fixture("bad-config"), &["check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("claimdesk.toml:3: "), "{out}");
}

#[test]
fn a_missing_rules_folder_is_a_problem() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("articles")).unwrap();
    std::fs::write(tmp.path().join("articles/a.txt"), "Title\nBody.\n").unwrap();
    let o = claimdesk(tmp.path(), &["check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("rules folder not found"), "{out}");
}

#[test]
fn a_failing_rule_example_fails_the_check() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("articles")).unwrap();
    std::fs::create_dir_all(tmp.path().join("rules")).unwrap();
    std::fs::write(tmp.path().join("articles/a.txt"), "Title\nBody.\n").unwrap();
    std::fs::write(
        tmp.path().join("rules/bad.toml"),
        "[[rule]]\nid = \"x.digits\"\nkind = \"number\"\nlabel = \"digits\"\n\
         pattern = '''[0-9]+'''\nexamples = [\"no digits here\"]\n",
    )
    .unwrap();
    let o = claimdesk(tmp.path(), &["check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("rules/bad.toml:"), "{out}");
    assert!(out.contains("x.digits"), "{out}");
}

#[test]
fn commands_that_need_rules_refuse_broken_ones() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("articles")).unwrap();
    std::fs::create_dir_all(tmp.path().join("rules")).unwrap();
    std::fs::write(tmp.path().join("articles/a.txt"), "Title\nBody.\n").unwrap();
    std::fs::write(
        tmp.path().join("rules/bad.toml"),
        "[[rule]]\nid = \"x.broken\"\nkind = \"number\"\nlabel = \"broken\"\n\
         pattern = '([0-9]+'\nexamples = [\"12\"]\n",
    )
    .unwrap();
    for args in [vec!["rules"], vec!["rules", "--patterns"], vec!["extract"]] {
        let o = claimdesk(tmp.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert!(
            err.contains("rules/bad.toml:") && err.contains("x.broken"),
            "{args:?}: {err}"
        );
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_bad_start_folder_is_an_error_not_a_panic() {
    let o = claimdesk(Path::new("/no/such/desk"), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("/no/such/desk") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn rules_lists_each_rule_with_counts() {
    let o = claimdesk(&fixture("basic"), &["rules"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    let said = out
        .lines()
        .find(|l| l.starts_with("en.said-that "))
        .unwrap_or_else(|| panic!("no en.said-that line: {out}"));
    assert!(
        said.contains("attribution") && said.contains("en/claims.toml:"),
        "{said}"
    );
    let fields: Vec<&str> = said.split_whitespace().collect();
    // id kind file owns any label…
    assert_eq!(&fields[3..5], ["1", "1"], "{said}");
}

#[test]
fn rules_patterns_prints_only_patterns() {
    let o = claimdesk(&fixture("basic"), &["rules", "--patterns"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        text(&o.stdout),
        "\\bsaid that\\b\n\\b(?P<figure>[0-9]+)\\b\n"
    );
}

#[test]
fn help_describes_every_command() {
    let exe = env!("CARGO_BIN_EXE_claimdesk");
    for args in [
        vec!["--help"],
        vec!["extract", "--help"],
        vec!["check", "--help"],
        vec!["rules", "--help"],
    ] {
        let o = Command::new(exe).args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = text(&o.stdout);
        assert!(out.contains("Usage:"), "{args:?}: {out}");
    }
    let o = Command::new(exe)
        .args(["extract", "--help"])
        .output()
        .unwrap();
    let out = text(&o.stdout);
    assert!(out.contains("--format") && out.contains("jsonl") && out.contains("byte offsets"));
}
