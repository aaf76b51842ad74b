//! Terminal input read on its own thread.
//!
//! crossterm's reader spins on a hung-up terminal: every `read()` returns
//! end of file and its loop asks again, forever (about 56,000 calls a
//! second). So crossterm is asked only when the terminal has something to
//! read: this thread waits in `poll(2)` on the terminal itself, and ends the
//! session at the first sign that the terminal is gone (`POLLHUP`,
//! `POLLERR`, `POLLNVAL`), whether or not a SIGHUP came with it. The event
//! loop never calls crossterm either: it waits on a channel and, through
//! [`Tty::gone`], looks at the terminal on every turn too, so a reader
//! caught inside crossterm at the moment of the hangup cannot keep the
//! process alive.

use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

use super::run::LoopEvent;

/// How long one wait for input lasts before the flags are checked again
/// (and pending resizes are taken from crossterm).
const SLICE: Duration = Duration::from_millis(50);

/// The terminal the input comes from: standard input when it is one (as
/// crossterm chooses), else `/dev/tty`.
#[derive(Debug)]
pub struct Tty {
    fd: RawFd,
    /// Keeps `/dev/tty` open when that is what is watched.
    _owned: Option<OwnedFd>,
}

/// Why the review TUI cannot start here.
#[derive(Debug, thiserror::Error)]
#[error(
    "the review workbench needs a terminal, and {0}; run it in a terminal, \
     or use `claimdesk extract` (claims as text or JSON) or `claimdesk check` from scripts"
)]
pub struct NoTerminal(&'static str);

impl Tty {
    /// The input terminal, or why there is none. Standard output must be a
    /// terminal too (the screen is drawn there).
    pub fn open() -> Result<Tty, NoTerminal> {
        // SAFETY: isatty only inspects the descriptors.
        let (stdin_tty, stdout_tty) = unsafe { (libc::isatty(0) == 1, libc::isatty(1) == 1) };
        if !stdout_tty {
            return Err(NoTerminal("standard output is not a terminal"));
        }
        if stdin_tty {
            return Ok(Tty {
                fd: 0,
                _owned: None,
            });
        }
        let file = std::fs::OpenOptions::new()
            .read(true)
            .open("/dev/tty")
            .map_err(|_| NoTerminal("there is no controlling terminal (/dev/tty)"))?;
        let owned = OwnedFd::from(file);
        Ok(Tty {
            fd: owned.as_raw_fd(),
            _owned: Some(owned),
        })
    }

    /// Waits up to `timeout` for input. `Err(())` when the terminal is gone.
    fn wait(&self, timeout: Duration) -> Result<bool, ()> {
        let mut pfd = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid, initialised pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, ms) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            return if e.kind() == std::io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(())
            };
        }
        if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Err(());
        }
        Ok(n > 0 && pfd.revents & libc::POLLIN != 0)
    }

    /// True when the terminal has hung up (a non-blocking look).
    pub fn gone(&self) -> bool {
        self.wait(Duration::ZERO).is_err()
    }
}

/// The reader thread and its controls.
pub struct TtyInput {
    /// The reader's events, until they are forwarded ([`TtyInput::forward`]).
    events: Option<Receiver<Event>>,
    paused: Arc<AtomicBool>,
    idle: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
    tty: Arc<Tty>,
    thread: std::thread::Thread,
}

impl TtyInput {
    /// Starts reading `tty`; sets `hangup` when the terminal goes away.
    pub fn spawn(tty: Tty, hangup: Arc<AtomicBool>) -> std::io::Result<TtyInput> {
        let (tx, events) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        let idle = Arc::new(AtomicBool::new(false));
        let tty = Arc::new(tty);
        let (p, i, h, t) = (
            Arc::clone(&paused),
            Arc::clone(&idle),
            Arc::clone(&hangup),
            Arc::clone(&tty),
        );
        let handle = std::thread::Builder::new()
            .name("claimdesk-input".into())
            .spawn(move || read_loop(&t, &tx, &p, &i, &h))?;
        Ok(TtyInput {
            events: Some(events),
            paused,
            idle,
            hangup,
            tty,
            thread: handle.thread().clone(),
        })
    }

    /// The next event, waiting at most `timeout` (in slices, so a signal is
    /// seen); always `None` once the events are forwarded.
    pub fn next(&self, timeout: Duration) -> Option<Event> {
        let events = self.events.as_ref()?;
        match events.recv_timeout(timeout.min(SLICE * 2)) {
            Ok(ev) => Some(ev),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.hangup.store(true, Ordering::SeqCst);
                None
            }
        }
    }

    /// True when the terminal is gone (looked at now, not only by the thread).
    pub fn terminal_gone(&self) -> bool {
        if self.hangup.load(Ordering::SeqCst) {
            return true;
        }
        if !self.paused.load(Ordering::SeqCst) && self.tty.gone() {
            self.hangup.store(true, Ordering::SeqCst);
            return true;
        }
        false
    }

    /// From now on, hands every event to `tx` (from a thread of its own),
    /// then [`LoopEvent::InputEnded`] once the reader ends (the terminal is
    /// gone, or a signal asked the session to end).
    pub fn forward(&mut self, tx: mpsc::Sender<LoopEvent>) {
        let Some(events) = self.events.take() else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("claimdesk-input-fwd".into())
            .spawn({
                let tx = tx.clone();
                move || {
                    for ev in events {
                        if tx.send(LoopEvent::Input(ev)).is_err() {
                            return;
                        }
                    }
                    let _ = tx.send(LoopEvent::InputEnded);
                }
            });
        if spawned.is_err() {
            self.hangup.store(true, Ordering::SeqCst);
            let _ = tx.send(LoopEvent::InputEnded);
        }
    }

    /// Stops reading (before the terminal is handed to the shell or an
    /// editor); returns once the thread is no longer reading.
    pub fn pause(&self) {
        self.idle.store(false, Ordering::SeqCst);
        self.paused.store(true, Ordering::SeqCst);
        let start = Instant::now();
        while !self.idle.load(Ordering::SeqCst)
            && !self.hangup.load(Ordering::SeqCst)
            && start.elapsed() < Duration::from_secs(1)
        {
            std::thread::park_timeout(Duration::from_millis(5));
        }
    }

    /// Reads again.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// The reader thread's loop: waits in `poll(2)`, hands crossterm's events
/// to the channel, stops when the terminal or the receiver is gone.
fn read_loop(
    tty: &Tty,
    tx: &mpsc::Sender<Event>,
    paused: &AtomicBool,
    idle: &AtomicBool,
    hangup: &AtomicBool,
) {
    while !hangup.load(Ordering::SeqCst) {
        if paused.load(Ordering::SeqCst) {
            idle.store(true, Ordering::SeqCst);
            // Woken by `resume`; the timeout only bounds a missed wake-up.
            std::thread::park_timeout(Duration::from_millis(200));
            continue;
        }
        let readable = match tty.wait(SLICE) {
            Ok(r) => r,
            Err(()) => {
                hangup.store(true, Ordering::SeqCst);
                break;
            }
        };
        if paused.load(Ordering::SeqCst) {
            continue;
        }
        // Bytes to read, or a resize crossterm may have seen: take every
        // event it has now, without waiting.
        loop {
            match event::poll(Duration::ZERO) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if tx.send(ev).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        hangup.store(true, Ordering::SeqCst);
                        return;
                    }
                },
                Ok(false) => break,
                Err(_) => {
                    hangup.store(true, Ordering::SeqCst);
                    return;
                }
            }
        }
        // Readable but nothing parsed: end of file on a terminal that has
        // not reported POLLHUP yet. Look again before waiting, never spin.
        if readable && tty.gone() {
            hangup.store(true, Ordering::SeqCst);
            return;
        }
    }
}
