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
        self.wait_exit_code(timeout) == 0
    }

    /// Waits for the process to exit (panics after `timeout`); its exit code.
    pub fn wait_exit_code(&mut self, timeout: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status.exit_code();
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
    spawn_full(desk, home, env, &[])
}

/// [`spawn`] with command-line arguments.
pub fn spawn_with_args(desk: &Path, home: &Path, args: &[&str]) -> Running {
    spawn_full(desk, home, &[], args)
}

fn spawn_full(desk: &Path, home: &Path, env: &[(&str, &str)], args: &[&str]) -> Running {
    let pair = native_pty_system().openpty(size(80, 24)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_claimdesk"));
    cmd.args(args);
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

/// The binary in a pseudo-terminal opened with `openpty(3)`, so the test
/// owns the only descriptor of the terminal's master side and can close it
/// (a terminal window closed, an SSH client killed).
pub struct RawPty {
    pub child: std::process::Child,
    pub screen: Screen,
    master: std::os::fd::RawFd,
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// How [`spawn_raw`] starts the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Session {
    /// A new session whose controlling terminal is the pty: closing the
    /// master sends it SIGHUP (as a terminal window or sshd does).
    Controlling,
    /// A new session without a controlling terminal (`setsid`, a parent
    /// that ignores HUP): closing the master sends no signal at all.
    Detached,
}

/// Starts the binary in `desk` at 80x24 on a fresh pty, with its config,
/// state and cache folders in `home` (the analyst is "pty-tester"), stderr
/// to `stderr` when given (else the pty).
pub fn spawn_raw(desk: &Path, home: &Path, session: Session, stderr: Option<&Path>) -> RawPty {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};

    // One pty opened and handed to its child at a time, so no other child
    // of this test process is forked while a new master lacks FD_CLOEXEC.
    static SPAWNING: Mutex<()> = Mutex::new(());
    let spawning = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    let (mut master, mut slave) = (0, 0);
    let ws = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors; the name and termios are optional.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &ws,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // Children that other tests spawn meanwhile must not inherit the master:
    // a copy in another process keeps the terminal open after `close`.
    for fd in [master, slave] {
        // SAFETY: setting a descriptor flag on descriptors we own.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: openpty returned a fresh descriptor that nothing else owns.
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    std::fs::write(home.join("config.toml"), "analyst = \"pty-tester\"\n").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    cmd.current_dir(desk)
        .env("TERM", "xterm-256color")
        .env("CLAIMDESK_CONFIG", home.join("config.toml"))
        .env("CLAIMDESK_STATE", home.join("state"))
        .env("CLAIMDESK_CACHE", home.join("cache"))
        .env("USER", "pty-tester")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()));
    match stderr {
        Some(file) => cmd.stderr(std::fs::File::create(file).unwrap()),
        None => cmd.stderr(Stdio::from(slave.try_clone().unwrap())),
    };
    let controlling = session == Session::Controlling;
    let master_fd = master;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::close(master_fd);
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if controlling && libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().unwrap();
    drop(slave);
    drop(spawning);

    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (feed, keep, halt) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&stop));
    let reader = std::thread::spawn(move || {
        // SAFETY: this thread owns the master from here on and closes it on exit.
        let fd = unsafe { OwnedFd::from_raw_fd(master) };
        let mut buf = [0u8; 8192];
        while !halt.load(std::sync::atomic::Ordering::SeqCst) {
            let mut pfd = libc::pollfd {
                fd: master,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                continue;
            }
            // SAFETY: reading into a buffer of the given length.
            let n = unsafe { libc::read(master, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            let n = n as usize;
            feed.lock().unwrap().process(&buf[..n]);
            keep.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        drop(fd);
    });
    RawPty {
        child,
        screen: Screen { parser, raw },
        master,
        stop,
        reader: Some(reader),
    }
}

impl RawPty {
    /// Types `keys` (only before [`RawPty::close`]).
    pub fn type_keys(&mut self, keys: &str) {
        assert!(self.reader.is_some(), "the terminal is closed");
        // SAFETY: the master is open until `close`, which needs `&mut self`.
        let n = unsafe { libc::write(self.master, keys.as_ptr().cast(), keys.len()) };
        assert_eq!(n, keys.len() as isize);
    }

    /// Closes the terminal (the master side's only descriptor).
    pub fn close(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
    }

    /// Waits up to `timeout` for the process to exit; its status, or `None`
    /// when it is still running.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if start.elapsed() >= timeout {
                return None;
            }
            std::thread::park_timeout(Duration::from_millis(10));
        }
    }
}

impl Drop for RawPty {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.close();
    }
}
