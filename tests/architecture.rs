//! The layout rules of the code base, checked: the core (everything but
//! `src/tui`) imports no terminal crate, and one mechanism stays one.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Lines of `file` that name a terminal crate, comments left out.
fn terminal_uses(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| l.contains("ratatui") || l.contains("crossterm"))
        .map(str::to_string)
        .collect()
}

#[test]
fn only_the_tui_imports_a_terminal_crate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "the source tree is found");
    let tui = src.join("tui");
    let mut offenders = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with(&tui)) {
        for line in terminal_uses(f) {
            offenders.push(format!("{}: {line}", f.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "terminal crates outside src/tui:\n{}",
        offenders.join("\n")
    );
    // The check itself sees a use where there is one.
    assert!(!terminal_uses(&tui.join("terminal.rs")).is_empty());
}

#[test]
fn every_front_opens_the_desk_through_the_session() {
    // The attach step (manual claims, re-attached verdicts) runs in one
    // place: no front calls it, or builds its own index, directly.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("cli"), &mut files);
    rust_files(&src.join("tui"), &mut files);
    let mut offenders = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for needle in [
            "attach_all(",
            "attach_read(",
            "attach_manual_claims(",
            "DeskIndex::load",
            "load_articles_cached(",
        ] {
            if text.contains(needle) {
                offenders.push(format!("{}: {needle}", f.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}
