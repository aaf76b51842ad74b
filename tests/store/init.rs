//! `claimdesk init`: makes a desk, registers the merge driver in git, never
//! overwrites, and is idempotent (also in a fresh clone).

use crate::support::store::*;

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
        "*.txt text\nrules/**/*.verdicts/*/*.toml merge=claimdesk\n\
         rules/**/*.verdicts.toml merge=claimdesk\n"
    );
    let check = git_ok(
        &repo,
        &[
            "check-attr",
            "merge",
            "rules/ar/quotes.verdicts.toml",
            "rules/ar/quotes.verdicts/3f/3fa2c0d19b7e.toml",
            "rules/manual.verdicts/00/00a2c0d19b7e.toml",
        ],
    );
    assert_eq!(
        check.trim(),
        "rules/ar/quotes.verdicts.toml: merge: claimdesk\n\
         rules/ar/quotes.verdicts/3f/3fa2c0d19b7e.toml: merge: claimdesk\n\
         rules/manual.verdicts/00/00a2c0d19b7e.toml: merge: claimdesk"
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

/// The binary linked under a folder whose name needs quoting, and that
/// folder: put on PATH, it is the `claimdesk` a shell finds.
fn program_in_spaced_folder(tmp: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = tmp.join("my tools");
    std::fs::create_dir_all(&dir).unwrap();
    let program = dir.join("claimdesk");
    if std::fs::hard_link(BIN, &program).is_err() {
        std::fs::copy(BIN, &program).unwrap();
    }
    (dir, program)
}

#[test]
fn init_registers_the_driver_by_the_absolute_path_of_the_running_program() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    let (dir, program) = program_in_spaced_folder(tmp.path());
    // Even when `claimdesk` on PATH is this very program: a merge run from
    // another shell (or an editor, a GUI) may not have that PATH.
    let path = format!("{}:/usr/bin:/bin", dir.display());
    let out = std::process::Command::new(&program)
        .current_dir(&repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("PATH", &path)
        .arg("init")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let driver = git_ok(&repo, &["config", "merge.claimdesk.driver"]);
    let real = program.canonicalize().unwrap();
    assert_eq!(
        driver.trim(),
        format!("'{}' merge-driver %O %A %B %P", real.display())
    );
}

#[test]
fn check_warns_once_when_the_clone_lacks_the_merge_driver() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    write_desk(&repo, 4);
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    let check = |dir: &std::path::Path| {
        let out = claimdesk(dir, "check").arg("check").output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, said) = check(&repo);
    assert_eq!(code, Some(0), "a warning does not fail the check: {said}");
    assert_eq!(said.matches("merge driver").count(), 1, "{said}");
    assert!(
        said.contains("verdict files") && said.contains("claimdesk init"),
        "{said}"
    );
    init(&repo, &["--driver", BIN]);
    let (code, said) = check(&repo);
    assert_eq!(code, Some(0), "{said}");
    assert!(!said.contains("merge driver"), "{said}");
    // Outside git there is nothing to warn about.
    let plain = tmp.path().join("plain");
    write_desk(&plain, 2);
    let (_, said) = check(&plain);
    assert!(!said.contains("merge driver"), "{said}");
}
