//! Keys typed on the loading screen are kept and applied, in order, once the
//! review screen is up: the real binary in a pseudo-terminal on a desk big
//! enough that loading takes a while.

use std::time::Duration;

use crate::support::pty::{LONG, spawn};
use claimdesk::store::{Verdict, VerdictStore};

/// Articles of our own, named to sort after the fixture's, so that loading
/// lasts long enough to type during it.
fn add_many_articles(root: &std::path::Path, n: usize) {
    let dir = root.join("articles");
    for a in 0..n {
        let mut text = String::new();
        for i in 0..10 {
            text.push_str(&format!(
                "The harbour board of town {a} said {} ferries ran on line {i} this week.\n\n",
                a + i * 3
            ));
        }
        std::fs::write(dir.join(format!("zz-gen-{a:05}.txt")), text).unwrap();
    }
}

#[test]
fn a_verdict_key_typed_while_loading_is_saved() {
    let desk = crate::support::tui::temp_desk();
    add_many_articles(desk.path(), 6000);
    let home = tempfile::tempdir().unwrap();
    let mut app = spawn(desk.path(), home.path(), &[]);
    app.screen.wait_for("the loading screen", LONG, |s| {
        s.contains("loading the desk")
    });
    // Claims pane, confirm: typed before the review screen exists.
    app.type_keys("lc");
    app.screen
        .wait_for("the review screen", LONG, |s| s.contains("REVIEW"));
    app.screen
        .wait_for("the typed verdict", LONG, |s| s.contains("art 1/"));
    app.type_keys("q");
    assert!(
        app.child.wait_exit(Duration::from_secs(10)),
        "the TUI quits"
    );
    let (store, problems) = VerdictStore::open(&desk.path().join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    let confirmed: Vec<_> = store
        .records()
        .filter(|r| r.verdict == Some(Verdict::Confirmed))
        .collect();
    assert_eq!(confirmed.len(), 1, "{confirmed:#?}");
    assert_eq!(confirmed[0].analyst, "pty-tester");
}
