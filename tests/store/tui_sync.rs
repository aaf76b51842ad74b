//! `:sync` in the TUI: the same sync as `claimdesk sync`, its result in the
//! message line.

use crate::support::store::git_ok;
use claimdesk::tui::run::{ScriptedHost, run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn sync_from_the_tui_commits_the_verdict_and_says_so() {
    let desk = crate::support::tui::temp_desk();
    let root = desk.path();
    git_ok(root, &["init", "-q", "-b", "main"]);
    git_ok(root, &["config", "user.name", "Tester"]);
    git_ok(root, &["config", "user.email", "tester@example.org"]);
    git_ok(root, &["add", "-A"]);
    git_ok(root, &["commit", "-qm", "desk"]);
    let (mut app, mut session) = crate::support::tui::open(root, true);
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
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut host = ScriptedHost::keys(": text:sync enter");
    run(&mut term, &mut app, &mut session, &mut host).unwrap();
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error && msg.text.contains("not in a git repository"),
        "{msg:?}"
    );
}
