//! Lost terminals, with the real binary on a pty the test can close: the
//! process ends within a second, with a clean status, nothing on stderr and
//! its verdicts on disk; and without a terminal it says that it needs one.

use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use crate::support::pty::{LONG, Session, spawn_raw};
use claimdesk::store::{Verdict, VerdictStore};

/// Opens the desk and confirms the first claim; waits until it is shown.
fn confirm_first_claim(app: &mut crate::support::pty::RawPty) {
    app.screen.wait_for("the review screen", LONG, |s| {
        s.contains("REVIEW") && s.contains("desk 0/")
    });
    app.type_keys("lc");
    app.screen
        .wait_for("the first verdict", LONG, |s| s.contains("art 1/"));
}

fn confirmed(desk: &std::path::Path) -> bool {
    let (store, problems) = VerdictStore::open(&desk.join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    store
        .records()
        .any(|r| r.verdict == Some(Verdict::Confirmed) && r.analyst == "pty-tester")
}

#[test]
fn a_terminal_closed_without_sighup_ends_the_process_within_a_second() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let stderr = home.path().join("stderr.txt");
    let mut app = spawn_raw(desk.path(), home.path(), Session::Detached, Some(&stderr));
    confirm_first_claim(&mut app);
    let closed = Instant::now();
    app.close();
    let status = app.wait_exit(Duration::from_secs(1));
    let took = closed.elapsed();
    let status =
        status.unwrap_or_else(|| panic!("still running {took:?} after the terminal closed"));
    let err = std::fs::read_to_string(&stderr).unwrap();
    assert!(
        matches!(status.code(), Some(0 | 129)),
        "exit status {status:?}; stderr: {err}"
    );
    assert_eq!(err, "", "stderr after the terminal closed");
    assert!(confirmed(desk.path()), "the verdict is on disk");
}

#[test]
fn sighup_from_a_closed_terminal_exits_129_with_an_empty_stderr() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let stderr = home.path().join("stderr.txt");
    let mut app = spawn_raw(
        desk.path(),
        home.path(),
        Session::Controlling,
        Some(&stderr),
    );
    confirm_first_claim(&mut app);
    let closed = Instant::now();
    app.close();
    let status = app
        .wait_exit(Duration::from_secs(1))
        .unwrap_or_else(|| panic!("still running {:?} after SIGHUP", closed.elapsed()));
    assert_eq!(status.signal(), None, "killed by a signal: {status:?}");
    assert!(
        matches!(status.code(), Some(0 | 129)),
        "exit status {status:?}"
    );
    let err = std::fs::read_to_string(&stderr).unwrap();
    assert_eq!(err, "", "stderr after SIGHUP");
    assert!(confirmed(desk.path()), "the verdict is on disk");
}

#[test]
fn sigterm_exits_143_with_the_verdict_on_disk() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let stderr = home.path().join("stderr.txt");
    let mut app = spawn_raw(
        desk.path(),
        home.path(),
        Session::Controlling,
        Some(&stderr),
    );
    confirm_first_claim(&mut app);
    let pid = app.child.id() as libc::pid_t;
    // SAFETY: a signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = app
        .wait_exit(Duration::from_secs(1))
        .expect("gone within 1 s");
    assert_eq!(status.code(), Some(143), "{status:?}");
    assert_eq!(std::fs::read_to_string(&stderr).unwrap(), "");
    assert!(confirmed(desk.path()));
}

#[test]
fn without_a_terminal_the_tui_says_it_needs_one() {
    let desk = crate::support::tui::temp_desk();
    let out = crate::support::cli::claimdesk_in(desk.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(
        err.contains("claimdesk extract") && err.contains("claimdesk check"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

/// CPU time (user + system) of a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which is in parentheses): utime is the 12th.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn an_idle_session_does_not_busy_loop() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let mut app = spawn_raw(desk.path(), home.path(), Session::Controlling, None);
    confirm_first_claim(&mut app);
    let pid = app.child.id();
    let before = cpu_ticks(pid);
    // Measuring CPU use over a stretch of time needs the time to pass.
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    // A spinning input thread burns all of it (about 200 ticks).
    assert!(used < 40, "{used} ticks of CPU in 2 s of idling");
    app.type_keys("q");
    let status = app.wait_exit(Duration::from_secs(5)).expect("quits");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn rule_problems_at_start_reach_stderr_made_safe() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        desk.path().join("rules/bad.toml"),
        "[[rule]]\nid = \"x.bad\"\nkind = \"attribution\"\nlabel = \"b\"\n\
         pattern = '''\\bdenied\\b'''\nexamples = [\"no match \\u001b]52;c;QQ==\\u0007\"]\n",
    )
    .unwrap();
    let stderr = home.path().join("stderr.txt");
    let mut app = spawn_raw(
        desk.path(),
        home.path(),
        Session::Controlling,
        Some(&stderr),
    );
    let status = app.wait_exit(LONG).expect("exits");
    let err = std::fs::read_to_string(&stderr).unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(
        err.contains("rules/bad.toml") && err.contains("␛]52"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}
