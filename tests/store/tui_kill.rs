//! Say only what is true: the TUI in a pseudo-terminal is killed (SIGKILL)
//! right after verdict keys; every verdict the screen showed as saved (its
//! mark drawn, not the `…` of a save in flight) is on disk.

use std::time::{Duration, Instant};

use crate::support::pty::{LONG, spawn};
use claimdesk::store::{Verdict, VerdictStore};

/// The confirmed marks drawn in the claims pane: a row there starts with the
/// selection gutter (`▶` or a space) right after the pane's left border,
/// which follows the articles pane's right border.
fn confirmed_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.contains("││▶✔") || l.contains("││ ✔"))
        .count()
}

#[test]
fn killed_right_after_keys_every_verdict_shown_as_saved_is_on_disk() {
    for round in 0..8u64 {
        let desk = crate::support::tui::temp_desk();
        let home = tempfile::tempdir().unwrap();
        let mut app = spawn(desk.path(), home.path(), &[]);
        app.screen.wait_for("the review screen", LONG, |s| {
            s.contains("REVIEW") && s.contains("desk 0/")
        });
        // Claims pane, then confirm claim after claim as fast as keys come.
        app.type_keys("l");
        app.type_keys(&"c".repeat(6));
        // Watch the screen a little (longer each round), keeping the last
        // frame seen, then kill without warning.
        let until = Instant::now() + Duration::from_millis(5 + round * 12);
        let mut shown = 0;
        let mut last = String::new();
        while Instant::now() < until {
            last = app.screen.text();
            shown = shown.max(confirmed_rows(&last));
            std::thread::park_timeout(Duration::from_millis(2));
        }
        let pid = app.child.0.process_id().expect("the child's pid") as libc::pid_t;
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
        app.child.wait_exit_code(Duration::from_secs(5));
        let (store, problems) = VerdictStore::open(&desk.path().join("rules"));
        assert!(problems.is_empty(), "{problems:?}");
        let on_disk = store
            .records()
            .filter(|r| r.verdict == Some(Verdict::Confirmed))
            .count();
        eprintln!("round {round}: {shown} shown as saved, {on_disk} on disk");
        assert!(
            shown <= on_disk,
            "round {round}: {shown} verdicts shown as saved, {on_disk} on disk; last screen:\n{last}"
        );
    }
}
