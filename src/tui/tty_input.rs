//! Terminal input read on its own thread. crossterm's reader spins on a
//! hung-up terminal (every read returns end of file), so the event loop
//! never calls it directly: it waits on a channel and checks the hangup
//! flag, and this thread stops at the first sign that the terminal is gone.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

/// How long one wait for input lasts before the flags are checked again.
const SLICE: Duration = Duration::from_millis(50);

/// The reader thread and its controls.
pub struct TtyInput {
    events: Receiver<Event>,
    paused: Arc<AtomicBool>,
    idle: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
}

impl TtyInput {
    /// Starts reading; sets `hangup` when the terminal goes away.
    pub fn spawn(hangup: Arc<AtomicBool>) -> std::io::Result<TtyInput> {
        let (tx, events) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        let idle = Arc::new(AtomicBool::new(false));
        let (p, i, h) = (Arc::clone(&paused), Arc::clone(&idle), Arc::clone(&hangup));
        std::thread::Builder::new()
            .name("claimdesk-input".into())
            .spawn(move || {
                while !h.load(Ordering::SeqCst) {
                    if p.load(Ordering::SeqCst) {
                        i.store(true, Ordering::SeqCst);
                        std::thread::park_timeout(Duration::from_millis(10));
                        continue;
                    }
                    if stdin_hung_up() {
                        h.store(true, Ordering::SeqCst);
                        break;
                    }
                    match event::poll(SLICE) {
                        Ok(true) => match event::read() {
                            Ok(ev) => {
                                if tx.send(ev).is_err() {
                                    break;
                                }
                            }
                            Err(_) => h.store(true, Ordering::SeqCst),
                        },
                        Ok(false) => {}
                        Err(_) => h.store(true, Ordering::SeqCst),
                    }
                }
            })?;
        Ok(TtyInput {
            events,
            paused,
            idle,
            hangup,
        })
    }

    /// The next event, waiting at most `timeout` (in slices, so a signal is seen).
    pub fn next(&self, timeout: Duration) -> Option<Event> {
        match self.events.recv_timeout(timeout.min(SLICE * 2)) {
            Ok(ev) => Some(ev),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.hangup.store(true, Ordering::SeqCst);
                None
            }
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
    }
}

/// True when standard input is a terminal that has hung up.
fn stdin_hung_up() -> bool {
    // SAFETY: isatty and poll on fd 0 with a valid, initialised pollfd.
    unsafe {
        if libc::isatty(0) != 1 {
            return false;
        }
        let mut pfd = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        libc::poll(&mut pfd, 1, 0) > 0
            && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}
