//! The real binary in a pseudo-terminal: open a copied desk, mark two claims
//! with `c` and `d`, resize, hang up (SIGHUP), and check that the process
//! exited and both verdicts are on disk.

mod tui_common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use claimdesk::store::{Verdict, VerdictStore};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The screen as the pty's output draws it, fed by a reader thread.
struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `pred` holds for the screen text, or panics after `timeout`.
    fn wait_for(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let text = self.text();
            if pred(&text) {
                return;
            }
            assert!(
                start.elapsed() < timeout,
                "timed out waiting for {what}; screen:\n{text}"
            );
            std::thread::park_timeout(Duration::from_millis(20));
        }
    }
}

/// Kills the child if the test fails before it exits.
struct KillOnDrop(Box<dyn portable_pty::Child + Send + Sync>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

#[test]
fn mark_resize_hang_up_and_the_verdicts_are_on_disk() {
    let desk = tui_common::temp_desk();
    let home = tempfile::tempdir().unwrap();
    let pty = native_pty_system();
    let pair = pty.openpty(size(80, 24)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_claimdesk"));
    cmd.cwd(desk.path());
    cmd.env("TERM", "xterm-256color");
    // The analyst comes from the config file, which outranks git's user.name
    // and $USER, so the test does not depend on the machine's git set-up.
    std::fs::write(
        home.path().join("config.toml"),
        "analyst = \"pty-tester\"\n",
    )
    .unwrap();
    cmd.env("CLAIMDESK_CONFIG", home.path().join("config.toml"));
    cmd.env("CLAIMDESK_STATE", home.path().join("state"));
    cmd.env("CLAIMDESK_CACHE", home.path().join("cache"));
    cmd.env("USER", "pty-tester");
    let mut child = KillOnDrop(pair.slave.spawn_command(cmd).unwrap());
    drop(pair.slave);

    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (feed, keep) = (Arc::clone(&parser), Arc::clone(&raw));
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().unwrap().process(&buf[..n]);
            keep.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let screen = Screen { parser, raw };
    let mut keys = pair.master.take_writer().unwrap();
    let long = Duration::from_secs(20);

    screen.wait_for("the review screen", long, |s| {
        s.contains("REVIEW") && s.contains("desk 0/")
    });
    // Claims pane, confirm; next pending claim in the desk, dispute.
    keys.write_all(b"lc").unwrap();
    keys.flush().unwrap();
    screen.wait_for("the first verdict", long, |s| s.contains("art 1/"));
    keys.write_all(b"]d").unwrap();
    keys.flush().unwrap();
    screen.wait_for("the second verdict", long, |s| s.contains("art 2/"));

    // Resize: the app redraws at the new size.
    pair.master.resize(size(100, 30)).unwrap();
    screen.parser.lock().unwrap().screen_mut().set_size(30, 100);
    screen.wait_for("a redraw at 100x30", long, |s| {
        s.lines().nth(29).is_some_and(|l| l.contains("REVIEW"))
    });

    // Hang up, as a dropped SSH session does.
    let pid = child.0.process_id().expect("the child's pid") as libc::pid_t;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "still running after SIGHUP"
        );
        std::thread::park_timeout(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status after SIGHUP: {status:?}");
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
