//! Running the real binary in a pseudo-terminal: spawn it on a desk with its
//! own config, state and cache folders, read the screen it draws, type keys.

#![allow(dead_code)] // each test file uses part of it

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a debug build on a busy 2-core machine.
pub const LONG: Duration = Duration::from_secs(20);

/// The screen as the pty's output draws it, fed by a reader thread.
pub struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `pred` holds for the screen text, or panics after `timeout`.
    pub fn wait_for(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
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

    /// Follows a resize of the terminal.
    pub fn set_size(&self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
    }
}

/// Kills the child if the test fails before it exits.
pub struct KillOnDrop(pub Box<dyn portable_pty::Child + Send + Sync>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

impl KillOnDrop {
    /// Waits for the process to exit (panics after `timeout`); true when it
    /// exited with success.
    pub fn wait_exit(&mut self, timeout: Duration) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status.success();
            }
            assert!(start.elapsed() < timeout, "still running after {timeout:?}");
            std::thread::park_timeout(Duration::from_millis(20));
        }
    }
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The binary running on a desk in a pseudo-terminal.
pub struct Running {
    pub child: KillOnDrop,
    pub screen: Screen,
    pub keys: Box<dyn Write + Send>,
    pub master: Box<dyn MasterPty + Send>,
}

impl Running {
    /// Types `keys`.
    pub fn type_keys(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }
}

/// Starts the binary in `desk` at 80x24, with its config, state and cache
/// folders in `home` (the analyst is "pty-tester") and `env` set.
pub fn spawn(desk: &Path, home: &Path, env: &[(&str, &str)]) -> Running {
    let pair = native_pty_system().openpty(size(80, 24)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_claimdesk"));
    cmd.cwd(desk);
    cmd.env("TERM", "xterm-256color");
    // The analyst comes from the config file, which outranks git's user.name
    // and $USER, so the test does not depend on the machine's git set-up.
    std::fs::write(home.join("config.toml"), "analyst = \"pty-tester\"\n").unwrap();
    cmd.env("CLAIMDESK_CONFIG", home.join("config.toml"));
    cmd.env("CLAIMDESK_STATE", home.join("state"));
    cmd.env("CLAIMDESK_CACHE", home.join("cache"));
    cmd.env("USER", "pty-tester");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = KillOnDrop(pair.slave.spawn_command(cmd).unwrap());
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
    let keys = pair.master.take_writer().unwrap();
    Running {
        child,
        screen: Screen { parser, raw },
        keys,
        master: pair.master,
    }
}
