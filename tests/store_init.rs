//! `claimdesk init`: makes a desk, registers the merge driver in git, never
//! overwrites, and is idempotent (also in a fresh clone).

mod store_support;

use store_support::*;

fn init(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = claimdesk(dir, "init")
        .arg("init")
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn init_makes_a_desk_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let desk = tmp.path().join("desk");
    std::fs::create_dir_all(&desk).unwrap();
    let said = init(&desk, &[]);
    assert!(said.contains("not in a git repository"), "{said}");
    assert!(desk.join("claimdesk.toml").is_file());
    assert!(desk.join("articles").is_dir());
    assert!(desk.join("rules").is_dir());
    std::fs::write(desk.join("claimdesk.toml"), "rules = \"rules\"\n# mine\n").unwrap();
    init(&desk, &[]);
    assert_eq!(
        std::fs::read_to_string(desk.join("claimdesk.toml")).unwrap(),
        "rules = \"rules\"\n# mine\n"
    );
}

#[test]
fn init_registers_the_driver_once_and_a_fresh_clone_only_registers() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join(".gitattributes"), "*.txt text").unwrap();
    init(&repo, &["--driver", BIN]);
    init(&repo, &["--driver", BIN]);
    let attrs = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(
        attrs,
        "*.txt text\nrules/**/*.verdicts.toml merge=claimdesk\n"
    );
    let check = git_ok(
        &repo,
        &["check-attr", "merge", "rules/ar/quotes.verdicts.toml"],
    );
    assert_eq!(
        check.trim(),
        "rules/ar/quotes.verdicts.toml: merge: claimdesk"
    );
    let includes = git_ok(&repo, &["config", "--local", "--get-all", "include.path"]);
    assert_eq!(includes.trim(), "../.claimdesk.gitconfig");
    let tracked = std::fs::read_to_string(repo.join(".claimdesk.gitconfig")).unwrap();
    assert!(tracked.contains("driver = claimdesk merge-driver %O %A %B %P"));
    let driver = git_ok(&repo, &["config", "merge.claimdesk.driver"]);
    assert_eq!(driver.trim(), format!("{BIN} merge-driver %O %A %B %P"));

    // This desk does without one of the default rule files.
    let pack = claimdesk::rules::default_pack();
    assert!(!pack.is_empty());
    let dropped = repo.join("rules").join(pack[0].0);
    std::fs::remove_file(&dropped).unwrap();
    git_ok(&repo, &["add", "-A"]);
    git_ok(&repo, &["commit", "-qm", "desk"]);
    let clone_dir = tmp.path().join("clone");
    git_ok(
        tmp.path(),
        &[
            "clone",
            "-q",
            repo.to_str().unwrap(),
            clone_dir.to_str().unwrap(),
        ],
    );
    // Before init the clone has the attribute but no driver definition.
    assert!(
        !git(&clone_dir, &["config", "merge.claimdesk.driver"])
            .status
            .success()
    );
    init(&clone_dir, &[]);
    assert_eq!(git_ok(&clone_dir, &["status", "--porcelain"]), "");
    assert!(!clone_dir.join("rules").join(pack[0].0).exists());
    let driver = git_ok(&clone_dir, &["config", "merge.claimdesk.driver"]);
    assert!(driver.contains("merge-driver %O %A %B %P"), "{driver}");
}
