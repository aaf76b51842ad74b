//! `:sync` in the TUI: the same sync as `claimdesk sync`, its result in the
//! message line.

mod store_support;
mod tui_common;

use claimdesk::tui::run::{ScriptedHost, run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use store_support::git_ok;

#[test]
fn sync_from_the_tui_commits_the_verdict_and_says_so() {
    let desk = tui_common::temp_desk();
    let root = desk.path();
    git_ok(root, &["init", "-q", "-b", "main"]);
    git_ok(root, &["config", "user.name", "Tester"]);
    git_ok(root, &["config", "user.email", "tester@example.org"]);
    git_ok(root, &["add", "-A"]);
    git_ok(root, &["commit", "-qm", "desk"]);
    let (mut app, mut session) = tui_common::open(root, true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut host = ScriptedHost::keys("l c : text:sync enter");
    run(&mut term, &mut app, &mut session, &mut host).unwrap();
    let log = git_ok(root, &["log", "-1", "--format=%s"]);
    assert_eq!(log.trim(), "claimdesk: tester: 1 confirmed");
    // Migration of the fixture's old files may be committed too, but
    // nothing else: the working tree is clean under rules/.
    assert_eq!(
        git_ok(
            root,
            &[
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                "rules"
            ]
        ),
        ""
    );
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.text.contains("synced") && msg.text.contains("no upstream"),
        "{msg:?}"
    );
}

#[test]
fn sync_outside_git_says_why_in_the_message_line() {
    let desk = tui_common::temp_desk();
    let (mut app, mut session) = tui_common::open(desk.path(), true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut host = ScriptedHost::keys(": text:sync enter");
    run(&mut term, &mut app, &mut session, &mut host).unwrap();
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error && msg.text.contains("not in a git repository"),
        "{msg:?}"
    );
}
