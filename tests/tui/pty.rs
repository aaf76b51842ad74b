//! The real binary in a pseudo-terminal: open a copied desk, mark two claims
//! with `c` and `d`, resize, hang up (SIGHUP), and check that the process
//! exited and both verdicts are on disk.

use std::time::{Duration, Instant};

use crate::support::pty::{LONG, size, spawn};
use claimdesk::store::{Verdict, VerdictStore};

#[test]
fn mark_resize_hang_up_and_the_verdicts_are_on_disk() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let mut app = spawn(desk.path(), home.path(), &[]);
    app.screen.wait_for("the review screen", LONG, |s| {
        s.contains("REVIEW") && s.contains("desk 0/")
    });
    // Claims pane, confirm; next pending claim in the desk, dispute.
    app.type_keys("lc");
    app.screen
        .wait_for("the first verdict", LONG, |s| s.contains("art 1/"));
    app.type_keys("]d");
    app.screen
        .wait_for("the second verdict", LONG, |s| s.contains("art 2/"));
    let screen = &app.screen;

    // Resize: the app redraws at the new size.
    app.master.resize(size(100, 30)).unwrap();
    screen.set_size(30, 100);
    screen.wait_for("a redraw at 100x30", LONG, |s| {
        s.lines().nth(29).is_some_and(|l| l.contains("REVIEW"))
    });

    // Hang up, as a dropped SSH session does.
    let pid = app.child.0.process_id().expect("the child's pid") as libc::pid_t;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    assert_eq!(
        app.child.wait_exit_code(Duration::from_secs(5)),
        129,
        "128 + SIGHUP after SIGHUP"
    );
    // BiDi: explicit mode on entry, implicit again on the way out.
    let wrote = |seq: &str, raw: &[u8]| raw.windows(seq.len()).position(|w| w == seq.as_bytes());
    let (on, off) = (
        claimdesk::render::terminal::ON_ENTER,
        claimdesk::render::terminal::ON_EXIT,
    );
    let start = Instant::now();
    while wrote(off, &screen.raw.lock().unwrap()).is_none()
        && start.elapsed() < Duration::from_secs(5)
    {
        std::thread::park_timeout(Duration::from_millis(20));
    }
    let raw = screen.raw.lock().unwrap().clone();
    let entered = wrote(on, &raw).expect("CSI 8 l / CSI 1 SP k on entry");
    let left = wrote(off, &raw).expect("CSI 8 h / CSI 0 SP k on exit");
    assert!(entered < left);

    let (store, problems) = VerdictStore::open(&desk.path().join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    let verdicts: Vec<_> = store.records().filter_map(|r| r.verdict).collect();
    assert!(verdicts.contains(&Verdict::Confirmed), "{verdicts:?}");
    assert!(verdicts.contains(&Verdict::Disputed), "{verdicts:?}");
    assert!(store.records().all(|r| r.analyst == "pty-tester"));
}

#[test]
fn a_large_desk_opened_cold_comes_in_whole_and_leaves_a_cache() {
    let desk = crate::support::tui::temp_desk();
    // 200 more articles: more than twice the first screen (64).
    let articles = desk.path().join("articles");
    for i in 0..200 {
        std::fs::write(
            articles.join(format!("wire-{i:03}.txt")),
            format!(
                "Wire item {i}\n\nThe harbour office said {n} ships were waiting on day {i}.\n",
                n = i + 3
            ),
        )
        .unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let mut app = spawn(desk.path(), home.path(), &[]);
    // The whole desk: its 203 articles, and no "loading" left.
    app.screen.wait_for("the whole desk", LONG, |s| {
        s.contains("REVIEW") && s.contains("Articles 203/203") && !s.contains("│ loading ")
    });
    app.type_keys("q");
    assert!(app.child.wait_exit(LONG), "it quits");
    let cache = home.path().join("cache");
    let mut files: Vec<String> = std::fs::read_dir(&cache)
        .expect("the cache folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".bin"))
        .collect();
    // The link cache may or may not be written yet: linking runs on a
    // thread of its own that quitting does not wait for.
    files.retain(|name| name.starts_with("extract-"));
    assert_eq!(files.len(), 1, "the background load wrote the cache");
}
