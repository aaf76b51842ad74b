//! Start-up of the real binary in a pseudo-terminal: time to the first frame
//! (the loading screen) and to the review screen, and the process's peak RSS.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// One start of the TUI.
#[derive(Debug, Clone)]
pub struct Start {
    /// From spawning the process to the first drawn frame.
    pub first_frame: Duration,
    /// From spawning the process to the review screen (the first screen of
    /// a large desk opened cold, the whole desk otherwise).
    pub ready: Duration,
    /// From spawning the process to the whole desk loaded (the status line
    /// no longer says `loading`); equal to `ready` when it never did.
    pub whole: Duration,
    /// From spawning the process to the desk's links written to the link
    /// cache after the whole desk was in (`None`: not within the deadline).
    pub linked: Option<Duration>,
    /// Peak RSS of the process, in bytes (VmHWM just before it quits, once
    /// the links are written: the linking thread's peak is the session's).
    pub peak_rss: u64,
    /// With [`keys_during_cold_start`]: for each `j` or `k` typed while the
    /// rest of the desk was being extracted, the time from its write to the
    /// frame that shows the selection moved.
    pub keys_loading: Vec<Duration>,
    /// The same while the links were being made, after the whole desk.
    pub keys_linking: Vec<Duration>,
}

/// Starts `bin` on `desk` at 80x24 with the given cache folder, waits for the
/// review screen (the status line's `REVIEW`), then quits with `q`.
pub fn start_once(bin: &Path, desk: &Path, cache: &Path, state: &Path) -> Start {
    start(bin, desk, cache, state, false, false)
}

/// [`start_once`] with an empty cache folder, waiting also for the desk's
/// links (the link cache written after the whole desk is in) before it
/// reads the peak RSS and quits.
pub fn start_cold(bin: &Path, desk: &Path, cache: &Path, state: &Path) -> Start {
    start(bin, desk, cache, state, true, false)
}

/// [`start_cold`] typing `j` and `k` in turn (in the pane with the focus), about
/// ten a second, from the review screen until the links are written: the
/// keystroke latency while the desk loads and links in the background. The
/// keys make work for the UI thread, so the other figures of this start are
/// not those of [`start_cold`].
pub fn keys_during_cold_start(bin: &Path, desk: &Path, cache: &Path, state: &Path) -> Start {
    start(bin, desk, cache, state, true, true)
}

/// Where the selection markers are on screen (row, and the pane: the
/// articles pane's columns or the claims pane's), whichever pane has the
/// focus.
fn selection(parser: &vt100::Parser) -> Vec<(usize, bool)> {
    let mut at = Vec::new();
    for (r, row) in parser.screen().rows(0, 80).enumerate() {
        if let Some(c) = row.chars().position(|c| c == '\u{25B6}') {
            at.push((r, c < 27));
        }
    }
    at
}

/// Types `key` and waits (at most 2 s) for the frame that moves a
/// selection marker: the time from the write to that frame.
fn timed_key(
    key: u8,
    writer: &mut dyn Write,
    rx: &mpsc::Receiver<Vec<u8>>,
    parser: &mut vt100::Parser,
) -> Option<Duration> {
    let before = selection(parser);
    if before.is_empty() {
        return None;
    }
    let sent = Instant::now();
    writer.write_all(&[key]).ok()?;
    writer.flush().ok()?;
    while sent.elapsed() < Duration::from_secs(2) {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(5)) {
            parser.process(&chunk);
            if selection(parser) != before {
                return Some(sent.elapsed());
            }
        }
    }
    None
}

/// Types the next of `j`, `k` when a tenth of a second has passed since the
/// last key, and records its latency.
struct KeyProbe {
    on: bool,
    next: u8,
    last: Instant,
}

impl KeyProbe {
    fn tick(
        &mut self,
        writer: &mut dyn Write,
        rx: &mpsc::Receiver<Vec<u8>>,
        parser: &mut vt100::Parser,
        into: &mut Vec<Duration>,
    ) {
        if !self.on || self.last.elapsed() < Duration::from_millis(100) {
            return;
        }
        into.extend(timed_key(self.next, writer, rx, parser));
        self.next = if self.next == b'j' { b'k' } else { b'j' };
        self.last = Instant::now();
    }
}

fn start(
    bin: &Path,
    desk: &Path,
    cache: &Path,
    state: &Path,
    wait_for_links: bool,
    probe_keys: bool,
) -> Start {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg("-C");
    cmd.arg(desk);
    cmd.env("TERM", "xterm-256color");
    cmd.env("CLAIMDESK_CACHE", cache);
    cmd.env("CLAIMDESK_STATE", state);
    cmd.env("CLAIMDESK_CONFIG", state.join("config.toml"));
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn claimdesk");
    drop(pair.slave);
    let pid = child.process_id().unwrap_or(0);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut writer = pair.master.take_writer().expect("pty writer");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(24, 80, 0);
    let mut first_frame = None;
    let ready;
    let deadline = started + Duration::from_secs(120);
    loop {
        let chunk = rx
            .recv_timeout(Duration::from_millis(500))
            .ok()
            .unwrap_or_default();
        parser.process(&chunk);
        let text = parser.screen().contents();
        if first_frame.is_none() && !text.trim().is_empty() {
            first_frame = Some(started.elapsed());
        }
        if text.contains("REVIEW") {
            ready = started.elapsed();
            break;
        }
        assert!(
            Instant::now() < deadline,
            "claimdesk did not show the review screen in 120 s; screen:\n{text}"
        );
    }
    // A large desk opened cold loads the rest in the background: wait for it.
    let mut whole = ready;
    let mut probe = KeyProbe {
        on: probe_keys,
        next: b'j',
        last: Instant::now(),
    };
    let (mut keys_loading, mut keys_linking) = (Vec::new(), Vec::new());
    loop {
        let text = parser.screen().contents();
        // Loading shows as `desk N/M+ │ … │ loading D/T` (the end may be cut
        // at 80 columns); the whole desk says so in the message line.
        if text.contains("whole desk loaded")
            || !(text.contains("+ │") || text.contains("│ loading "))
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "claimdesk did not load the whole desk in 120 s; screen:\n{text}"
        );
        probe.tick(&mut writer, &rx, &mut parser, &mut keys_loading);
        let wait = if probe_keys { 20 } else { 500 };
        let chunk = rx
            .recv_timeout(Duration::from_millis(wait))
            .ok()
            .unwrap_or_default();
        parser.process(&chunk);
        whole = started.elapsed();
    }
    // Then the links: the linking thread writes the link cache when it is
    // done, after the whole desk is in (a cold start links the first
    // screen's articles early, then again).
    let whole_at = std::time::SystemTime::now();
    let mut linked = None;
    while wait_for_links && Instant::now() < deadline {
        if links_written_since(cache, whole_at) {
            linked = Some(started.elapsed());
            break;
        }
        probe.tick(&mut writer, &rx, &mut parser, &mut keys_linking);
        let chunk = rx
            .recv_timeout(Duration::from_millis(100))
            .ok()
            .unwrap_or_default();
        parser.process(&chunk);
    }
    let peak_rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .unwrap_or(0)
        * 1024;
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let quit_by = Instant::now() + Duration::from_secs(10);
    while matches!(child.try_wait(), Ok(None)) && Instant::now() < quit_by {
        let _ = rx.recv_timeout(Duration::from_millis(50));
    }
    if matches!(child.try_wait(), Ok(None)) {
        let _ = child.kill();
    }
    let _ = child.wait();
    Start {
        first_frame: first_frame.unwrap_or(ready),
        ready,
        whole,
        linked,
        peak_rss,
        keys_loading,
        keys_linking,
    }
}

/// True when the cache folder holds a link cache file (`links-*.bin`)
/// written at `since` or later.
fn links_written_since(cache: &Path, since: std::time::SystemTime) -> bool {
    let Ok(dir) = std::fs::read_dir(cache) else {
        return false;
    };
    dir.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("links-")
            && name.ends_with(".bin")
            && e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since)
    })
}
