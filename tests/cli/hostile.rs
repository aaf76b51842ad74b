//! Hostile text through every output path of the binary: escape sequences
//! (OSC 52 clipboard writes, CSI), an 8-bit CSI (U+009B), a right-to-left
//! override and a zero-width space, put into article titles and bodies,
//! front matter keys, file names, rule labels and examples, verdict files
//! (ids, quotes, analysts, conflicts), claimdesk.toml keys, merge-driver
//! inputs and paths. Nothing a terminal would act on may come out raw, on
//! stdout or stderr; JSON stays exact.

use std::path::Path;
use std::process::Output;

use crate::support::cli::claimdesk_in;

/// The hostile text as TOML escapes (inside a basic string).
const H_TOML: &str = r"\u001b]52;c;QU5BTFlTVA==\u0007 \u001b[2J \u009b31m \u202e \u200b";
/// The same text as Rust.
const H: &str = "\u{1b}]52;c;QU5BTFlTVA==\u{7} \u{1b}[2J \u{9b}31m \u{202e} \u{200b}";

/// Panics when `bytes` hold anything a terminal acts on or hides.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in:\n{text}");
}

fn assert_output_clean(what: &str, o: &Output) {
    assert_clean(&format!("{what} stdout"), &o.stdout);
    assert_clean(&format!("{what} stderr"), &o.stderr);
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A desk that loads: a hostile rule label, article title, front matter
/// key, sentence and file name, and a verdict file full of hostile text.
fn hostile_desk() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "claimdesk.toml",
        "articles = [\"articles\"]\nrules = \"rules\"\n",
    );
    write(
        root,
        "rules/en/claims.toml",
        &format!(
            "[[rule]]\nid = \"en.said-that\"\nkind = \"attribution\"\nlabel = \"said {H_TOML}\"\n\
             pattern = '''\\bsaid that\\b'''\nexamples = [\"The mayor said that the bridge was shut.\"]\n"
        ),
    );
    write(
        root,
        "articles/a.md",
        &format!(
            "+++\ntitle = \"Bridge {H_TOML}\"\nsource = \"Wire {H_TOML}\"\n\"key {H_TOML}\" = 1\n+++\n\
             The mayor said that the bridge {H} was shut on Monday.\n"
        ),
    );
    write(
        root,
        &format!("articles/name {H}.txt"),
        "Title\nThe mayor said that it rained.\n",
    );
    write(
        root,
        "rules/en/claims.verdicts.toml",
        &format!(
            "schema = 1\n\n[0123456789ab]\nverdict = \"confirmed\"\nclaim = \"Gone {H_TOML}\"\n\
             rule = \"en.said-that\"\narticles = [\"articles/gone {H_TOML}.txt\"]\nnote = \"n {H_TOML}\"\n\
             evidence = []\nanalyst = \"Eve{H_TOML}\"\nupdated = \"2026-11-21T09:40:00Z\"\n\
             conflicts = [{{ verdict = \"disputed\", note = \"x {H_TOML}\", evidence = [], analyst = \"Mallory{H_TOML}\", updated = \"2026-11-21T09:41:00Z\" }}]\n"
        ),
    );
    write(
        root,
        "rules/en/other.verdicts.toml",
        &format!(
            "schema = 1\n\n[\"ab{H_TOML}\"]\nverdict = \"confirmed\"\nclaim = \"x\"\n\
             rule = \"manual\"\narticles = []\nnote = \"\"\nevidence = []\nanalyst = \"A\"\n\
             updated = \"2026-11-21T09:40:00Z\"\n"
        ),
    );
    tmp
}

#[test]
fn check_prints_nothing_raw() {
    let desk = hostile_desk();
    let o = claimdesk_in(desk.path(), &["check"]);
    assert_output_clean("check", &o);
    let out = String::from_utf8_lossy(&o.stdout);
    // The hostile parts are there, made visible, on their own lines.
    assert!(out.contains("␛]52;c;QU5BTFlTVA==␇"), "{out}");
    assert!(
        out.contains("articles/a.md:4: front matter: unknown key `key ␛]52"),
        "{out}"
    );
    assert!(
        out.contains("⟪RLO⟫") && out.contains("⟪9B⟫") && out.contains("⟪ZWSP⟫"),
        "{out}"
    );
}

#[test]
fn extract_text_prints_nothing_raw() {
    let desk = hostile_desk();
    let o = claimdesk_in(desk.path(), &["extract"]);
    assert_output_clean("extract", &o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Bridge ␛]52"), "{out}");
}

#[test]
fn extract_json_is_exact_and_prints_nothing_raw() {
    let desk = hostile_desk();
    let o = claimdesk_in(desk.path(), &["extract", "--format", "json"]);
    assert_output_clean("extract --format json", &o);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let article = &doc["articles"][0];
    assert_eq!(article["title"], format!("Bridge {H}"));
    assert_eq!(article["source"], format!("Wire {H}"));
    let o = claimdesk_in(desk.path(), &["extract", "--format", "jsonl"]);
    assert_output_clean("extract --format jsonl", &o);
    assert!(!o.stdout.is_empty());
}

#[test]
fn rules_and_patterns_print_nothing_raw() {
    let desk = hostile_desk();
    let o = claimdesk_in(desk.path(), &["rules"]);
    assert_output_clean("rules", &o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("said ␛]52"));
    write(
        desk.path(),
        "rules/en/more.toml",
        "[[rule]]\nid = \"en.esc\"\nkind = \"attribution\"\nlabel = \"x\"\n\
         pattern = \"told\\u001b\\\\]0\"\nexamples = [\"they told\\u001b]0 us\"]\n",
    );
    let o = claimdesk_in(desk.path(), &["rules", "--patterns"]);
    assert_output_clean("rules --patterns", &o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("told\\x{1b}\\]0"));
}

#[test]
fn mark_prints_nothing_raw() {
    let desk = hostile_desk();
    let o = claimdesk_in(desk.path(), &["extract", "--format", "jsonl"]);
    let first = String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap()
        .to_string();
    let claim: serde_json::Value = serde_json::from_str(&first).unwrap();
    let id = claim["id"].as_str().unwrap().to_string();
    let o = claimdesk_in(desk.path(), &["mark", &id, "confirmed"]);
    assert_output_clean("mark", &o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn broken_rules_and_config_print_nothing_raw() {
    let desk = hostile_desk();
    write(
        desk.path(),
        "rules/en/bad.toml",
        &format!(
            "[[rule]]\nid = \"en.bad\"\nkind = \"attribution\"\nlabel = \"b\"\n\
             pattern = '''\\bdenied\\b'''\nexamples = [\"No match here {H_TOML}\"]\n"
        ),
    );
    for args in [
        &["check"][..],
        &["extract"],
        &["rules"],
        &["mark", "0123456789ab", "confirmed"],
    ] {
        let o = claimdesk_in(desk.path(), args);
        assert_output_clean(&format!("{args:?} with a failing example"), &o);
    }
    write(
        desk.path(),
        "claimdesk.toml",
        &format!("articles = [\"articles\"]\n\"zz{H_TOML}\" = 1\n"),
    );
    for args in [
        &["check"][..],
        &["extract"],
        &["rules"],
        &["extract", "--format", "json"],
    ] {
        let o = claimdesk_in(desk.path(), args);
        assert_output_clean(&format!("{args:?} with a bad claimdesk.toml"), &o);
        assert_ne!(o.status.code(), Some(0));
    }
}

#[test]
fn init_and_errors_print_nothing_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(format!("desk {H}"));
    std::fs::create_dir(&dir).unwrap();
    let o = claimdesk_in(&dir, &["init"]);
    assert_output_clean("init", &o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = claimdesk_in(&tmp.path().join(format!("missing {H}")), &["extract"]);
    assert_output_clean("an error", &o);
    assert_eq!(o.status.code(), Some(2));
    // clap quotes a rejected argument.
    let o = claimdesk_in(&dir, &["--bidi", H]);
    assert_output_clean("a bad argument", &o);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--bidi"));
    let o = claimdesk_in(&dir, &["extract", "--format", &format!("x{H}")]);
    assert_output_clean("a bad value", &o);
}

#[test]
fn merge_driver_prints_nothing_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = |verdict: &str, analyst: &str| {
        format!(
            "schema = 1\n\n[0123456789ab]\nverdict = \"{verdict}\"\nclaim = \"c {H_TOML}\"\n\
             rule = \"manual\"\narticles = [\"a.txt\"]\nnote = \"\"\nevidence = []\n\
             analyst = \"{analyst}{H_TOML}\"\nupdated = \"2026-11-21T09:4{}:00Z\"\n",
            if verdict == "disputed" { 1 } else { 2 }
        )
    };
    let (base, ours, theirs) = (
        tmp.path().join("base"),
        tmp.path().join("ours"),
        tmp.path().join("theirs"),
    );
    std::fs::write(&base, "schema = 1\n").unwrap();
    std::fs::write(&ours, rec("disputed", "Eve")).unwrap();
    std::fs::write(&theirs, rec("confirmed", "Mallory")).unwrap();
    let shown = format!("rules/x {H}.verdicts.toml");
    let args = [
        "merge-driver",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
        &shown,
    ];
    let o = claimdesk_in(tmp.path(), &args);
    assert_output_clean("merge-driver", &o);
    // An unreadable input is named.
    std::fs::remove_file(&theirs).unwrap();
    std::fs::create_dir(&theirs).unwrap();
    let o = claimdesk_in(tmp.path(), &args);
    assert_output_clean("merge-driver, unreadable input", &o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("their version") && err.contains("theirs"),
        "{err}"
    );
}

// The two fields src/cli/mark.rs and src/cli/check.rs still print raw: run
// with `--ignored` once they go through `claimdesk::render::safe`.

#[test]
fn mark_does_not_echo_a_hostile_id_raw() {
    let desk = hostile_desk();
    let o = claimdesk_in(desk.path(), &["mark", &format!("x{H}"), "confirmed"]);
    assert_output_clean("mark with a hostile id", &o);
}

#[test]
fn check_in_a_folder_with_a_hostile_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(format!("desk {H}"));
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "rules/en/claims.toml", "");
    let o = claimdesk_in(&dir, &["check"]);
    assert_output_clean("check in a hostile folder", &o);
}

#[test]
fn a_rejected_argument_on_a_terminal_is_made_safe() {
    // On a terminal clap colours its message and keeps the argument as it
    // is (through a pipe it strips escapes itself): so a pty.
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // Only escape sequences, which clap's plain rendering would strip.
    let value = "x\u{1b}]52;c;QU5BTFlTVA==\u{7}";
    let mut app = crate::support::pty::spawn_with_args(tmp.path(), home.path(), &["--bidi", value]);
    let code = app.child.wait_exit_code(crate::support::pty::LONG);
    assert_eq!(code, 2);
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&app.screen.raw.lock().unwrap()).contains("possible values")
        && start.elapsed() < crate::support::pty::LONG
    {
        std::thread::park_timeout(std::time::Duration::from_millis(20));
    }
    let raw = app.screen.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("possible values"), "{text:?}");
    assert!(
        !text.contains("\u{1b}]52") && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("--bidi"), "{text:?}");
}
