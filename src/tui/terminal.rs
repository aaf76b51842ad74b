//! The terminal's life: entering and leaving (raw mode, alternate screen,
//! BiDi modes), the panic hook, SIGHUP/SIGTERM, Ctrl-Z, and `$EDITOR`.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::Event;
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};

use super::run::Host;
use super::tty_input::{Tty, TtyInput};

use crate::render::BidiMode;
use crate::render::terminal::ON_EXIT;

/// Largest note read back from `$EDITOR`.
const MAX_NOTE_BYTES: u64 = 1 << 20;

/// True while the explicit BiDi mode is on (to undo it exactly once).
static BIDI_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Takes the terminal: raw mode, alternate screen, hidden cursor, and the
/// BiDi mode's entry sequence (`CSI 8 l`, `CSI 1 SP k` when the app reorders).
pub fn enter(bidi: BidiMode) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    let seq = bidi.enter_sequence();
    if !seq.is_empty() {
        out.write_all(seq.as_bytes())?;
        out.flush()?;
        BIDI_ACTIVE.store(true, Ordering::SeqCst);
    }
    Ok(())
}

/// Gives the terminal back; safe to call twice and when the terminal is gone.
pub fn leave() {
    let mut out = io::stdout();
    if BIDI_ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(ON_EXIT.as_bytes());
    }
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Restores the terminal before a panic message is printed, and prints it
/// made safe (a panic may quote untrusted text) without panicking again
/// when the terminal is gone. With `RUST_BACKTRACE` set, the standard hook
/// prints its backtrace after it.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        crate::render::eprintln_safe(format_args!(
            "claimdesk: internal error{at}: {what}; please report it"
        ));
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            previous(info);
        }
    }));
}

/// The real terminal as the loop's host.
pub struct TerminalHost {
    hangup: Arc<AtomicBool>,
    /// The signal that ended the session (SIGHUP, SIGTERM), 0 for none.
    signal: Arc<AtomicUsize>,
    bidi: BidiMode,
    input: TtyInput,
}

impl TerminalHost {
    /// Registers SIGHUP and SIGTERM to end the loop (checked between polls)
    /// and starts reading `tty`.
    pub fn new(bidi: BidiMode, tty: Tty) -> io::Result<TerminalHost> {
        let hangup = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
            signal_hook::flag::register(sig, Arc::clone(&hangup))?;
        }
        let input = TtyInput::spawn(tty, Arc::clone(&hangup))?;
        Ok(TerminalHost {
            hangup,
            signal,
            bidi,
            input,
        })
    }

    /// The exit status for how the session ended: 128 + the signal's
    /// number after SIGHUP (129) or SIGTERM (143), 129 when the terminal
    /// went away without a signal, `None` when the analyst quit.
    pub fn exit_status(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 if self.hangup.load(Ordering::SeqCst) => Some(128 + signal_hook::consts::SIGHUP),
            0 => None,
            sig => Some(128 + sig as i32),
        }
    }
}

impl Host for TerminalHost {
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        Ok(self.input.next(timeout))
    }

    fn forward_input(&mut self, tx: std::sync::mpsc::Sender<super::run::LoopEvent>) {
        self.input.forward(tx);
    }

    fn hangup(&self) -> bool {
        self.hangup.load(Ordering::SeqCst) || self.input.terminal_gone()
    }

    fn flush_timeout(&self) -> Duration {
        // After SIGHUP/SIGTERM the process must be gone within a second.
        if self.hangup() {
            Duration::from_millis(700)
        } else {
            Duration::from_secs(5)
        }
    }

    fn begin_frame(&mut self) {
        let _ = execute!(io::stdout(), BeginSynchronizedUpdate);
    }

    fn end_frame(&mut self) {
        let _ = execute!(io::stdout(), EndSynchronizedUpdate);
    }

    fn suspend(&mut self) -> io::Result<()> {
        self.input.pause();
        leave();
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Stopped here until SIGCONT.
        let entered = enter(self.bidi);
        self.input.resume();
        entered
    }

    fn write_terminal(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Only our own sequences come here (OSC 52 is plain ASCII).
        let mut out = io::stdout();
        out.write_all(bytes)?;
        out.flush()
    }

    fn open_url(&mut self, url: &str) -> io::Result<bool> {
        let display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
        if !display || !super::clipboard::openable(url) {
            return Ok(false);
        }
        // `$BROWSER` may list several commands (`a:b`) and place the URL with `%s`.
        let browser = std::env::var("BROWSER")
            .ok()
            .and_then(|b| {
                b.split(':')
                    .map(str::trim)
                    .find(|c| !c.is_empty())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "xdg-open".to_string());
        let mut words = browser.split_whitespace();
        let program = words.next().unwrap_or("xdg-open");
        let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
        if !browser.contains("%s") {
            args.push(url.to_string());
        }
        let mut child = std::process::Command::new(program)
            .args(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        // Reaped on a thread of its own: the browser may stay up.
        std::thread::spawn(move || child.wait());
        Ok(true)
    }

    fn edit_text(&mut self, initial: &str) -> io::Result<Option<String>> {
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".to_string());
        let path = std::env::temp_dir().join(format!(
            "claimdesk-note-{}-{}.txt",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?
            .write_all(initial.as_bytes())?;
        self.input.pause();
        let result = self.run_editor(&editor, &path);
        self.input.resume();
        let _ = std::fs::remove_file(&path);
        let text = result?;
        Ok((text != initial).then_some(text))
    }
}

impl TerminalHost {
    fn run_editor(&self, editor: &str, path: &std::path::Path) -> io::Result<String> {
        leave();
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi");
        let status = std::process::Command::new(program)
            .args(words)
            .arg(path)
            .status();
        enter(self.bidi)?;
        let status = status?;
        if !status.success() {
            return Err(io::Error::other(format!("{editor} exited with {status}")));
        }
        // The editor may have left anything there: a bounded read of a regular file.
        let bytes = crate::bounded::read_bounded(path, MAX_NOTE_BYTES)
            .map_err(|e| io::Error::other(format!("the edited note {e}")))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(text.trim_end_matches(['\n', '\r']).to_string())
    }
}
