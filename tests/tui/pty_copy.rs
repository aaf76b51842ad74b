//! The real binary in a pseudo-terminal: `Y` puts the selected claim's
//! sentence on the clipboard through OSC 52, written by the terminal layer
//! itself (so it reaches the terminal over SSH and in tmux), and `o` on an
//! article without a display prints the URL instead of opening it.

use std::time::{Duration, Instant};

use crate::support::pty::{LONG, spawn};

/// Waits until `raw` holds `seq`; its position.
fn wait_for_bytes(raw: &std::sync::Mutex<Vec<u8>>, seq: &[u8]) -> Option<usize> {
    let start = Instant::now();
    loop {
        if let Some(at) = raw
            .lock()
            .unwrap()
            .windows(seq.len())
            .position(|w| w == seq)
        {
            return Some(at);
        }
        if start.elapsed() > LONG {
            return None;
        }
        std::thread::park_timeout(Duration::from_millis(20));
    }
}

#[test]
fn copy_key_writes_osc52_to_the_terminal_and_open_prints_the_url() {
    let desk = crate::support::tui::temp_desk();
    // The first article gets a URL in its front matter.
    let first = desk.path().join("articles/01-port.txt");
    let text = std::fs::read_to_string(&first).unwrap();
    let text = text.replacen(
        "+++\n",
        "+++\nurl = \"https://example.org/port-opening\"\n",
        1,
    );
    std::fs::write(&first, text).unwrap();
    let (app, _s) = crate::support::tui::open(desk.path(), true);
    let expected = claimdesk::tui::clipboard::osc52(app.claim_text(0, 0));
    drop(app);

    let home = tempfile::tempdir().unwrap();
    let mut tui = spawn(
        desk.path(),
        home.path(),
        &[("DISPLAY", ""), ("WAYLAND_DISPLAY", "")],
    );
    tui.screen
        .wait_for("the review screen", LONG, |s| s.contains("REVIEW"));
    tui.type_keys("lY");
    assert!(
        wait_for_bytes(&tui.screen.raw, expected.as_bytes()).is_some(),
        "the OSC 52 sequence of the claim's sentence"
    );
    tui.screen.wait_for("the copy message", LONG, |s| {
        s.contains("copied the claim's text")
    });
    tui.type_keys("o");
    tui.screen.wait_for("the URL printed", LONG, |s| {
        s.contains("no display here; the URL: https://example.org/port-opening")
    });
    tui.type_keys("q");
    assert!(tui.child.wait_exit(Duration::from_secs(5)), "q quits");
}
