//! Untrusted files in a desk, through the binary: FIFOs, devices and
//! folders where files should be, a glob with many `**`, paths and links
//! that leave the desk, non-UTF-8 configuration, a glob that matches
//! nothing, an output device that is full. Every command ends promptly and
//! says what is wrong, where, and what to do.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Generous for a debug build on a busy machine; a blocked read never ends.
const DEADLINE: Duration = Duration::from_secs(20);

/// `claimdesk -C DIR ARGS…` with a deadline: panics if it is still running.
fn run(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("CLAIMDESK_CACHE", dir.join(".test-cache"))
        .env("CLAIMDESK_CONFIG", dir.join(".test-config.toml"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let start = Instant::now();
    let waiter = std::thread::spawn(move || child.wait_with_output().unwrap());
    while !waiter.is_finished() {
        if start.elapsed() > DEADLINE {
            // SAFETY: a signal to our own child.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            panic!("claimdesk {args:?} still running after {DEADLINE:?}");
        }
        std::thread::park_timeout(Duration::from_millis(20));
    }
    waiter.join().unwrap()
}

fn all(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

const RULE: &str = "[[rule]]\nid = \"en.said-that\"\nkind = \"attribution\"\nlabel = \"said that\"\n\
    pattern = '''\\bsaid that\\b'''\nexamples = [\"The mayor said that the bridge was shut.\"]\n";

/// A small desk in `tmp/desk`: one rule, one article.
fn desk(tmp: &Path) -> std::path::PathBuf {
    let root = tmp.join("desk");
    write(
        &root,
        "claimdesk.toml",
        "articles = [\"articles\"]\nrules = \"rules\"\n",
    );
    write(&root, "rules/en/claims.toml", RULE);
    write(
        &root,
        "articles/a.txt",
        "Bridge\nThe mayor said that the bridge was shut.\n",
    );
    root
}

fn first_id(root: &Path) -> String {
    let o = run(root, &["extract", "--format", "jsonl"]);
    let line = String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let v: serde_json::Value =
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("{}", all(&o)));
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn a_fifo_as_a_rule_file_is_reported_and_nothing_blocks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    mkfifo(&root.join("rules/en/pipe.toml"));
    for args in [
        &["check"][..],
        &["extract"],
        &["rules"],
        &["mark", "0123456789ab", "confirmed"],
    ] {
        let o = run(&root, args);
        let out = all(&o);
        assert!(
            out.contains("pipe.toml") && out.contains("FIFO"),
            "{args:?}: {out}"
        );
        assert_ne!(o.status.code(), Some(0), "{args:?}: {out}");
    }
}

#[test]
fn a_fifo_as_a_verdict_file_is_reported_and_nothing_blocks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    mkfifo(&root.join("rules/en/claims.verdicts.toml"));
    let o = run(&root, &["check"]);
    let out = all(&o);
    assert!(
        out.contains("claims.verdicts.toml") && out.contains("FIFO"),
        "{out}"
    );
    assert_eq!(o.status.code(), Some(1), "{out}");
    // The verdict goes to its own claim file; the FIFO is still reported.
    let id = first_id(&root);
    let o = run(&root, &["mark", &id, "confirmed"]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    assert!(all(&o).contains("FIFO"), "{}", all(&o));
}

#[test]
fn a_fifo_or_a_device_as_an_article_is_skipped_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    mkfifo(&root.join("articles/pipe.txt"));
    symlink("/dev/zero", root.join("articles/zero.txt")).unwrap();
    for args in [&["check"][..], &["extract"]] {
        let o = run(&root, args);
        let out = all(&o);
        assert!(
            out.contains("articles/pipe.txt") && out.contains("FIFO"),
            "{args:?}: {out}"
        );
        assert!(
            out.contains("articles/zero.txt") && out.contains("character device"),
            "{out}"
        );
        let read = if args == ["check"] {
            "1 article(s)"
        } else {
            "Bridge"
        };
        assert!(out.contains(read), "the good article is still read: {out}");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {out}");
    }
}

#[test]
fn twelve_double_stars_over_a_deep_tree_are_quick() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    let deep: String = (0..30).map(|i| format!("d{i}/")).collect();
    write(
        &root,
        &format!("articles/{deep}x.md"),
        "Deep\nThe mayor said that it rained.\n",
    );
    let glob = format!("articles/{}*.none", "**/".repeat(12));
    write(
        &root,
        "claimdesk.toml",
        &format!("articles = [\"articles/*.txt\", \"{glob}\"]\nrules = \"rules\"\n"),
    );
    let start = Instant::now();
    let o = run(&root, &["check"]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    // And a glob that matches nothing is said, with its line.
    let out = all(&o);
    assert!(
        out.contains("claimdesk.toml:1: ") && out.contains("matches no"),
        "{out}"
    );
    assert_eq!(o.status.code(), Some(1), "{out}");
}

#[test]
fn a_rules_folder_outside_the_desk_is_refused_and_not_written() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    let outside = tmp.path().join("elsewhere");
    write(&outside, "en/claims.toml", RULE);
    let id = first_id(&root);
    write(
        &root,
        "claimdesk.toml",
        &format!(
            "articles = [\"articles\"]\nrules = \"{}\"\n",
            outside.display()
        ),
    );
    for args in [&["check"][..], &["mark", &id, "confirmed"]] {
        let o = run(&root, args);
        let out = all(&o);
        assert!(
            out.contains("claimdesk.toml:2: ") && out.contains("outside the desk"),
            "{out}"
        );
        assert!(out.contains("allow_outside = true"), "{out}");
        assert_ne!(o.status.code(), Some(0));
    }
    assert!(
        !outside.join("en/claims.verdicts").exists(),
        "mark wrote outside the desk"
    );
    // Said explicitly, it is allowed.
    write(
        &root,
        "claimdesk.toml",
        &format!(
            "articles = [\"articles\"]\nrules = \"{}\"\nallow_outside = true\n",
            outside.display()
        ),
    );
    let o = run(&root, &["mark", &id, "confirmed"]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    assert!(outside.join("en/claims.verdicts").exists());
}

#[test]
fn a_symlink_out_of_the_desk_is_refused_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    write(
        tmp.path(),
        "secret.txt",
        "Secret\nThe treasurer said that the vault code is 1234.\n",
    );
    symlink("../../secret.txt", root.join("articles/leak.txt")).unwrap();
    let o = run(&root, &["extract"]);
    let out = all(&o);
    assert!(
        !out.contains("vault code"),
        "the outside file was read: {out}"
    );
    assert!(
        out.contains("articles/leak.txt") && out.contains("outside the desk"),
        "{out}"
    );
    assert_eq!(o.status.code(), Some(1));
    write(
        &root,
        "claimdesk.toml",
        "articles = [\"articles\"]\nrules = \"rules\"\nallow_outside = true\n",
    );
    let o = run(&root, &["extract"]);
    assert!(all(&o).contains("vault code"), "{}", all(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_folder_named_like_a_verdict_file_is_reported_by_check_and_mark() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    std::fs::create_dir(root.join("rules/en/claims.verdicts.toml")).unwrap();
    let o = run(&root, &["check"]);
    let out = all(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("rules/en/claims.verdicts.toml") && out.contains("is a folder"),
        "{out}"
    );
    let id = first_id(&root);
    // The verdict goes to its own claim file; the folder is still reported.
    let o = run(&root, &["mark", &id, "confirmed"]);
    let out = all(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("rename the folder") && !out.contains("Is a directory"),
        "{out}"
    );
}

#[test]
fn a_non_utf8_config_names_its_line_and_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    std::fs::write(
        root.join("claimdesk.toml"),
        b"articles = [\"articles\"]\n# r\xe9daction\nrules = \"rules\"\n",
    )
    .unwrap();
    let o = run(&root, &["check"]);
    let out = all(&o);
    assert!(
        out.contains("claimdesk.toml:2: ") && out.contains("not UTF-8"),
        "{out}"
    );
    assert!(out.contains("iconv"), "{out}");
}

#[test]
fn a_write_error_is_said_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("-C")
        .arg(&root)
        .arg("extract")
        .env("CLAIMDESK_CACHE", root.join(".test-cache"))
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("No space left on device").count(), 1, "{err}");
}

#[test]
fn a_fifo_as_claimdesk_toml_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    std::fs::remove_file(root.join("claimdesk.toml")).unwrap();
    mkfifo(&root.join("claimdesk.toml"));
    for args in [&["check"][..], &["extract"], &["init"]] {
        let o = run(&root, args);
        let out = all(&o);
        assert!(
            out.contains("claimdesk.toml") && out.contains("FIFO"),
            "{args:?}: {out}"
        );
        assert_ne!(o.status.code(), Some(0), "{args:?}: {out}");
    }
}

#[test]
fn an_io_error_of_mark_is_said_once_and_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let root = desk(tmp.path());
    // The lock file cannot be opened: a folder stands in its place.
    std::fs::create_dir(root.join("rules/.claimdesk.lock")).unwrap();
    let id = first_id(&root);
    let o = run(&root, &["mark", &id, "confirmed"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("rules/.claimdesk.lock"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}
