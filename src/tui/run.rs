//! The event loop, generic over the ratatui backend and fed by a [`Host`]
//! (the real terminal, or a script in tests). It waits on one channel
//! ([`LoopEvent`]): terminal input, forwarded by the host, and the desk's
//! events (saves, texts read, links computed, files changed on disk).
//! Input goes through `update` to effects; a redraw follows only when
//! something changed.

use std::collections::VecDeque;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::action::Action;
use super::app::App;
use super::edits::store_event;
use super::input::handle_event;
use super::session::Session;
use super::ui;
use super::update::{Effect, update};
use crate::session::DeskEvent;

/// What the run loop waits for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum LoopEvent {
    /// A terminal event (key, paste, resize).
    Input(Event),
    /// Something happened to the desk ([`DeskEvent`]).
    Desk(DeskEvent),
    /// The host has no more input (a script ran out, the terminal is gone).
    InputEnded,
}

impl From<DeskEvent> for LoopEvent {
    fn from(event: DeskEvent) -> LoopEvent {
        LoopEvent::Desk(event)
    }
}

/// What the loop needs from the outside world.
pub trait Host {
    /// The next terminal event, waiting at most `timeout`; `None` when none
    /// came (the loading screen asks this way, before the loop starts).
    fn next_event(&mut self, timeout: Duration) -> std::io::Result<Option<Event>>;
    /// From now on, hands every terminal event to `tx` as
    /// [`LoopEvent::Input`], then [`LoopEvent::InputEnded`] when input ends.
    fn forward_input(&mut self, tx: Sender<LoopEvent>);
    /// True when the session must end now (SIGHUP, SIGTERM).
    fn hangup(&self) -> bool;
    /// Called before and after each frame (synchronized-update brackets).
    fn begin_frame(&mut self) {}
    fn end_frame(&mut self) {}
    /// Gives the terminal back to the shell until resumed (Ctrl-Z).
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    /// How long to wait for the store's queue on the way out.
    fn flush_timeout(&self) -> Duration {
        Duration::from_secs(5)
    }
    /// Writes an escape sequence of ours (OSC 52: the clipboard) to the terminal.
    fn write_terminal(&mut self, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    /// Opens a web address in a browser; `Ok(false)` when there is no display.
    fn open_url(&mut self, _url: &str) -> std::io::Result<bool> {
        Ok(false)
    }
    /// Edits `initial` in the analyst's editor; `None` when unchanged or aborted.
    fn edit_text(&mut self, _initial: &str) -> std::io::Result<Option<String>> {
        Ok(None)
    }
}

/// How the loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// True when it ended by a hangup or signal rather than by quitting.
    pub hung_up: bool,
    /// Changes the store could not save, with the reasons.
    pub unsaved: Vec<String>,
}

/// The longest the loop sleeps on its channel before it looks at the host
/// again: only a bound on noticing a hangup the host saw without a word on
/// the channel (the terminal reader normally ends input at once).
const WATCHDOG: Duration = Duration::from_millis(500);

/// At most this many waiting events are taken in before a frame is drawn
/// (collapses bursts of keys and resizes, never starves the screen).
const BURST: usize = 256;

/// Runs the TUI until the analyst quits or the host hangs up; flushes the
/// store's queue before returning.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    session: &mut Session,
    host: &mut dyn Host,
) -> anyhow::Result<Outcome> {
    let size = terminal
        .size()
        .map_err(|e| anyhow::anyhow!("cannot read the terminal size: {e}"))?;
    session.attach(app);
    host.forward_input(session.input_sender());
    update(app, Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut hung_up = false;
    'main: loop {
        if host.hangup() {
            hung_up = true;
            break;
        }
        send_reattachment(app, session);
        app.start_linking();
        if dirty {
            app.ensure_selected_text();
            host.begin_frame();
            let drawn = terminal.draw(|f| ui::draw(app, f)).map(|_| ());
            if let Err(e) = drawn {
                // A terminal that went away fails the write before the
                // hangup is seen: that is a hangup, not an error.
                if host.hangup() {
                    hung_up = true;
                    break;
                }
                anyhow::bail!("drawing failed: {e}");
            }
            host.end_frame();
            dirty = false;
            app.start_reading_texts();
        }
        let Some(first) = session.next_event(WATCHDOG) else {
            continue;
        };
        // Take every event already waiting, then draw once; each input's
        // effects are carried out before the next event.
        let mut next = Some(first);
        let mut taken = 0;
        while let Some(event) = next {
            match event {
                LoopEvent::Input(ev) => {
                    let effects = handle_event(app, ev);
                    dirty = true;
                    if perform(effects, terminal, app, session, host)? {
                        break 'main;
                    }
                    send_reattachment(app, session);
                }
                LoopEvent::Desk(ev) => dirty |= desk_event(app, session, ev),
                LoopEvent::InputEnded => {
                    hung_up = true;
                    break 'main;
                }
            }
            taken += 1;
            if taken >= BURST || host.hangup() {
                break;
            }
            next = session.next_event(Duration::ZERO);
        }
    }
    let unsaved = session
        .writer
        .flush(host.flush_timeout())
        .err()
        .unwrap_or_default();
    session.take_desk_events(app);
    session.save_position(app);
    Ok(Outcome { hung_up, unsaved })
}

/// Takes in one desk event; true when the screen may have changed.
pub fn desk_event(app: &mut App, session: &mut Session, event: DeskEvent) -> bool {
    match event {
        DeskEvent::Store(ev) => {
            store_event(app, ev);
            true
        }
        DeskEvent::Texts { generation, batch } => {
            generation == app.desk_generation && app.texts_arrived(batch)
        }
        DeskEvent::TextsDone { generation } => {
            if generation == app.desk_generation {
                app.texts_done();
            }
            true
        }
        DeskEvent::Linked { generation, links } => app.links_arrived(generation, *links),
        DeskEvent::FilesChanged => {
            session.reload(app);
            true
        }
        DeskEvent::Loading { done, total } => {
            if app.loading.is_some() {
                app.loading = Some((done, total));
            }
            true
        }
        DeskEvent::Whole(whole) => {
            session.take_whole(app, whole);
            true
        }
    }
}

/// Hands the store's writer the re-attachment of stale verdicts the app
/// planned once every text was read, if it did.
fn send_reattachment(app: &mut App, session: &Session) {
    if let Some(moves) = app.take_reattachment() {
        session.writer.reattach(moves);
    }
}

/// Carries out effects (and the effects they lead to); true to quit.
fn perform<B: Backend>(
    effects: Vec<Effect>,
    terminal: &mut Terminal<B>,
    app: &mut App,
    session: &mut Session,
    host: &mut dyn Host,
) -> anyhow::Result<bool> {
    let mut queue: VecDeque<Effect> = effects.into();
    // Why a text asked for could not be read: said once the action is done
    // (its own message would hide it).
    let mut unread: Option<String> = None;
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Save(change) => session.writer.submit(change),
            Effect::SaveRated(change, rating) => session.writer.submit_rated(change, rating),
            Effect::Clipboard(seq) => {
                if let Err(e) = host.write_terminal(seq.as_bytes()) {
                    app.error(format!("copy failed: {e}"));
                }
            }
            Effect::OpenUrl(url) => {
                let opened = host.open_url(&url);
                super::getting::opened(app, &url, opened);
            }
            Effect::Quit => return Ok(true),
            Effect::Reload => session.reload(app),
            Effect::ReadText { article, then } => {
                if let Some(why) = app.read_text_now(article) {
                    unread = Some(why);
                }
                queue.extend(update(app, then));
            }
            Effect::Sync => session.sync(app),
            Effect::Suspend => {
                host.suspend()?;
                terminal.clear().map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            Effect::EditExternally { initial } => {
                let edited = host.edit_text(&initial);
                terminal.clear().map_err(|e| anyhow::anyhow!("{e}"))?;
                match edited {
                    Ok(Some(text)) => queue.extend(update(app, Action::SetNote(text))),
                    Ok(None) => app.say("note unchanged"),
                    Err(e) => app.error(format!("editor failed: {e}")),
                }
            }
        }
    }
    if let Some(why) = unread
        && app.message.as_ref().is_none_or(|m| !m.error)
    {
        app.error(why);
    }
    Ok(false)
}

/// A host that first plays events kept from before the loop started (keys
/// typed on the loading screen), then passes everything to `inner`.
pub struct TypeAhead<'a> {
    queued: VecDeque<Event>,
    inner: &'a mut dyn Host,
}

impl<'a> TypeAhead<'a> {
    /// Plays `queued` in order, then `inner`'s events.
    pub fn new(queued: VecDeque<Event>, inner: &'a mut dyn Host) -> TypeAhead<'a> {
        TypeAhead { queued, inner }
    }
}

impl Host for TypeAhead<'_> {
    fn next_event(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        match self.queued.pop_front() {
            Some(ev) => Ok(Some(ev)),
            None => self.inner.next_event(timeout),
        }
    }
    fn forward_input(&mut self, tx: Sender<LoopEvent>) {
        for ev in self.queued.drain(..) {
            let _ = tx.send(LoopEvent::Input(ev));
        }
        self.inner.forward_input(tx);
    }
    fn hangup(&self) -> bool {
        self.inner.hangup()
    }
    fn begin_frame(&mut self) {
        self.inner.begin_frame();
    }
    fn end_frame(&mut self) {
        self.inner.end_frame();
    }
    fn suspend(&mut self) -> std::io::Result<()> {
        self.inner.suspend()
    }
    fn flush_timeout(&self) -> Duration {
        self.inner.flush_timeout()
    }
    fn edit_text(&mut self, initial: &str) -> std::io::Result<Option<String>> {
        self.inner.edit_text(initial)
    }
    fn write_terminal(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write_terminal(bytes)
    }
    fn open_url(&mut self, url: &str) -> std::io::Result<bool> {
        self.inner.open_url(url)
    }
}

/// A host that plays a fixed list of events and hangs up when they run out
/// (for tests and scripted demos).
#[derive(Debug, Default)]
pub struct ScriptedHost {
    pub events: VecDeque<Event>,
    /// Text the "editor" returns for every `edit_text`.
    pub editor_text: Option<String>,
    /// How many times `suspend` was called.
    pub suspended: usize,
    /// True once the events were handed to the loop's channel.
    forwarded: bool,
    /// Every byte written to the "terminal" by `write_terminal` (OSC 52).
    pub written: Vec<u8>,
    /// True when the "display" opens URLs; the URLs asked for, in order.
    pub display: bool,
    pub opened: Vec<String>,
}

impl ScriptedHost {
    /// A host typing `keys`, written like the keymap (`j`, `ctrl-d`, `enter`),
    /// separated by spaces; `text:` followed by characters types them one by one.
    pub fn keys(keys: &str) -> ScriptedHost {
        let mut host = ScriptedHost::default();
        host.type_keys(keys);
        host
    }

    /// Appends key presses (see [`ScriptedHost::keys`]).
    pub fn type_keys(&mut self, keys: &str) {
        for word in keys.split_whitespace() {
            if let Some(text) = word.strip_prefix("text:") {
                self.type_text(text);
            } else if let Some(k) = super::keymap::Key::parse(word) {
                let code = if k.code == KeyCode::Tab && k.mods.contains(KeyModifiers::SHIFT) {
                    KeyCode::BackTab
                } else {
                    k.code
                };
                self.events
                    .push_back(Event::Key(KeyEvent::new(code, k.mods)));
            }
        }
    }

    /// Appends characters typed one by one (`_` stands for a space).
    pub fn type_text(&mut self, text: &str) {
        for ch in text.chars() {
            let ch = if ch == '_' { ' ' } else { ch };
            self.events.push_back(Event::Key(KeyEvent::new(
                KeyCode::Char(ch),
                KeyModifiers::NONE,
            )));
        }
    }
}

impl Host for ScriptedHost {
    fn next_event(&mut self, _timeout: Duration) -> std::io::Result<Option<Event>> {
        Ok(self.events.pop_front())
    }
    /// Every scripted event, then the end of input (a hangup).
    fn forward_input(&mut self, tx: Sender<LoopEvent>) {
        self.forwarded = true;
        for ev in self.events.drain(..) {
            let _ = tx.send(LoopEvent::Input(ev));
        }
        let _ = tx.send(LoopEvent::InputEnded);
    }
    /// Before the loop (the loading screen), running out of events is a
    /// hangup; in the loop, the end of input says so on the channel.
    fn hangup(&self) -> bool {
        !self.forwarded && self.events.is_empty()
    }
    fn suspend(&mut self) -> std::io::Result<()> {
        self.suspended += 1;
        Ok(())
    }
    fn edit_text(&mut self, _initial: &str) -> std::io::Result<Option<String>> {
        Ok(self.editor_text.clone())
    }
    fn write_terminal(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.written.extend_from_slice(bytes);
        Ok(())
    }
    fn open_url(&mut self, url: &str) -> std::io::Result<bool> {
        self.opened.push(url.to_string());
        Ok(self.display)
    }
}
