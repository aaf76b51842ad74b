//! The real binary in a pseudo-terminal: Arabic typed into the note prompt
//! reads in visual order while it is typed (reordered and shaped, as the
//! panes draw it), and is saved in logical order.

use crate::support::pty::{LONG, spawn};
use claimdesk::store::VerdictStore;
use unicode_normalization::UnicodeNormalization;

/// Screen text back to logical order: reversed (the row is right to left)
/// and unshaped (presentation forms folded back to letters).
fn logical(visual: &str) -> String {
    visual
        .trim()
        .chars()
        .rev()
        .collect::<String>()
        .nfkc()
        .collect()
}

#[test]
fn typed_arabic_in_the_note_prompt_reads_in_visual_order() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let mut app = spawn(desk.path(), home.path(), &[]);
    app.screen.wait_for("the review screen", LONG, |s| {
        s.contains("REVIEW") && s.contains("desk 0/")
    });
    // Claims pane, note prompt, then Arabic typed letter by letter.
    let typed = "رقم غير دقيق";
    app.type_keys("li");
    app.screen
        .wait_for("the note prompt", LONG, |s| s.contains("note: "));
    app.type_keys(typed);
    let row = |s: &str| {
        s.lines()
            .find_map(|l| l.split_once("note: ").map(|(_, r)| r.to_string()))
            .unwrap_or_default()
    };
    app.screen
        .wait_for("the typed note", LONG, |s| logical(&row(s)) == typed);
    let shown = row(&app.screen.text());
    // Drawn shaped: presentation forms, not the letters as typed.
    assert!(
        shown
            .chars()
            .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)),
        "not shaped: {shown:?}"
    );
    // Right to left: the first letter typed is the rightmost one drawn.
    let first_drawn = shown.trim_end().chars().last().map(|c| c.to_string());
    let first_typed: String = typed.chars().take(1).collect::<String>().nfkc().collect();
    assert_eq!(
        first_drawn.map(|c| c.nfkc().collect::<String>()),
        Some(first_typed)
    );
    app.type_keys("\r");
    app.screen
        .wait_for("the note saved", LONG, |s| s.contains("saved"));
    app.type_keys("q");
    assert!(app.child.wait_exit(LONG), "the app did not quit");
    let (store, problems) = VerdictStore::open(&desk.path().join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        store.records().any(|r| r.note == typed),
        "the note is saved in logical order"
    );
}
