//! A desk opened for review: its index, the store's writer, reloading when
//! files change on disk, and the remembered position. No terminal here.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::desk::Desk;
use crate::index::cache::FileStamp;
use crate::index::cache::cache_file;
use crate::index::{DeskIndex, files_stamp};
use crate::problem::Problem;
use crate::session::{DeskEvent, DeskSession, EventSink, SessionOptions};
use crate::store::VerdictRecord;
use crate::store::similar::StaleQuotes;
use crate::store::writer::StoreWriter;
use crate::userconfig::{self, Position};

use std::sync::mpsc::{Receiver, Sender};

use super::app::App;
use super::run::LoopEvent;

/// A loaded desk: the index and the verdicts, ready for [`App::new`].
pub struct Loaded {
    pub index: DeskIndex,
    pub records: Vec<VerdictRecord>,
    pub writer: StoreWriter,
    /// Problems met (skipped articles, unreadable verdict files, re-attached verdicts).
    pub problems: Vec<Problem>,
    /// Stale verdicts to look for once the texts are read (`App::look_for_stale`).
    pub stale: Option<StaleQuotes>,
    /// Articles still to come when only the first screen was loaded
    /// ([`load_for_review`]); `Session::load_rest` brings them.
    pub rest: Option<usize>,
}

/// How many articles a large desk opened cold shows first, before the rest
/// is loaded in the background: a screenful and a good margin, extracted in
/// a few milliseconds.
pub const FIRST_SCREEN: usize = 64;

/// Loads a desk: rules, articles, verdicts (manual claims and re-attached
/// stale verdicts included), and starts the store's writer, which reports
/// to `events`. Extraction results are cached in `cache_dir` (`None`: no cache).
pub fn load(
    desk: Desk,
    cache_dir: Option<&Path>,
    events: &EventSink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, Vec<Problem>> {
    open(desk, cache_dir, None, events, progress)
}

/// Like [`load`], for the review screen: a desk with no extraction cache
/// yet (opened cold) and more than twice `first_screen` articles loads only
/// its first `first_screen` articles now ([`Loaded::rest`] says how many
/// follow); [`Session::load_rest`] brings the whole desk in the background.
pub fn load_for_review(
    desk: Desk,
    cache_dir: Option<&Path>,
    first_screen: usize,
    events: &EventSink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, Vec<Problem>> {
    let cold = cache_dir.is_some_and(|dir| !cache_file(dir, &desk.root).exists());
    open(
        desk,
        cache_dir,
        cold.then_some(first_screen),
        events,
        progress,
    )
}

fn open(
    desk: Desk,
    cache_dir: Option<&Path>,
    first_screen: Option<usize>,
    events: &EventSink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, Vec<Problem>> {
    // With a cache, the texts it vouches for are read after the first screen;
    // stale verdicts then wait for them (App::look_for_stale).
    let options = SessionOptions {
        cache_dir: cache_dir.map(Path::to_path_buf),
        texts_later: true,
        rules_dir: None,
        first_screen,
    };
    let session = DeskSession::open(desk, &options, &|p| progress(p.done, p.total))?;
    // `verdict_problems` repeats the store's own problems, so only the
    // index's loading problems are taken from the session.
    let mut problems = session.index.problems.clone();
    for moved in &session.reattached {
        problems.push(
            Problem::file(
                session.index.desk.rules_dir(),
                "verdict re-attached to an edited sentence; re-check it",
            )
            .about(moved.new.to_string()),
        );
    }
    problems.extend(session.verdict_problems());
    let DeskSession {
        index,
        store,
        stale,
        rest,
        ..
    } = session;
    let records = store.records().cloned().collect();
    Ok(Loaded {
        index,
        records,
        stale,
        rest,
        writer: StoreWriter::spawn_into(store, events.clone()),
        problems,
    })
}

/// A cheap fingerprint of the desk's articles and rule files (paths and
/// stamps); verdict files are left out (the writer handles them).
pub fn stamp(desk: &Desk) -> u64 {
    let (paths, _) = desk.article_paths();
    let articles = files_stamp(
        paths
            .iter()
            .map(|p| (p, std::fs::metadata(p).ok().map(|m| FileStamp::of(&m)))),
    );
    with_rules(articles, desk)
}

/// The fingerprint of a desk as just loaded: the files were looked at while
/// loading, so only the rules are looked at again.
fn loaded_stamp(index: &DeskIndex) -> u64 {
    match index.files_stamp {
        Some(articles) => with_rules(articles, &index.desk),
        None => stamp(&index.desk),
    }
}

/// The desk's fingerprint from its articles' fingerprint ([`files_stamp`])
/// and its rule files.
fn with_rules(articles: u64, desk: &Desk) -> u64 {
    let mut h = DefaultHasher::new();
    articles.hash(&mut h);
    walk_rules(&desk.rules_dir(), &mut h);
    h.finish()
}

/// Hashes the rule files the rule loader would load, with their stamps.
fn walk_rules(dir: &Path, h: &mut DefaultHasher) {
    let (files, _) = crate::desk::walk::files_under(dir, crate::desk::walk::is_rule_file);
    for rel in files {
        let p = dir.join(&rel);
        rel.hash(h);
        if let Ok(m) = std::fs::metadata(&p) {
            FileStamp::of(&m).hash(h);
        }
    }
}

/// Watches the desk's files on a thread of its own: listing and stat-ing
/// every article takes tens of milliseconds on a large desk, too long for the
/// UI thread once a second.
struct DiskWatch {
    /// Fingerprint of the desk's files when last loaded.
    baseline: Arc<AtomicU64>,
    /// Set by the thread when the files no longer match the baseline.
    changed: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

/// How often the watcher looks at the desk's files.
const WATCH_EVERY: Duration = Duration::from_secs(1);

impl DiskWatch {
    /// Starts watching; `baseline` is the desk's fingerprint as loaded.
    /// `events` hears once of each change ([`DeskEvent::FilesChanged`]).
    fn spawn(desk: &Desk, baseline: u64, events: EventSink) -> DiskWatch {
        let watch = DiskWatch {
            baseline: Arc::new(AtomicU64::new(baseline)),
            changed: Arc::new(AtomicBool::new(false)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (baseline, changed, stop) = (
            Arc::clone(&watch.baseline),
            Arc::clone(&watch.changed),
            Arc::clone(&watch.stop),
        );
        let desk = desk.clone();
        let _ = std::thread::Builder::new()
            .name("claimdesk-watch".into())
            .spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::park_timeout(WATCH_EVERY);
                    if !stop.load(Ordering::Relaxed)
                        && !changed.load(Ordering::Relaxed)
                        && stamp(&desk) != baseline.load(Ordering::Relaxed)
                    {
                        changed.store(true, Ordering::Relaxed);
                        if !events.send(DeskEvent::FilesChanged) {
                            return;
                        }
                    }
                }
            });
        watch
    }

    /// Takes `stamp` as the state the session now shows.
    fn rebase(&self, stamp: u64) {
        self.baseline.store(stamp, Ordering::Relaxed);
        self.changed.store(false, Ordering::Relaxed);
    }
}

impl Drop for DiskWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The run loop's one channel: terminal input and the desk's events.
#[derive(Debug)]
pub struct Channel {
    tx: Sender<LoopEvent>,
    rx: Receiver<LoopEvent>,
}

impl Channel {
    /// A new, empty channel.
    pub fn new() -> Channel {
        let (tx, rx) = std::sync::mpsc::channel();
        Channel { tx, rx }
    }

    /// Where the desk's background work reports.
    pub fn sink(&self) -> EventSink {
        EventSink::from_sender(self.tx.clone())
    }

    /// Where terminal input goes.
    pub fn sender(&self) -> Sender<LoopEvent> {
        self.tx.clone()
    }

    /// The next event, waiting at most `timeout` (zero: only one already there).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<LoopEvent> {
        if timeout.is_zero() {
            self.rx.try_recv().ok()
        } else {
            self.rx.recv_timeout(timeout).ok()
        }
    }
}

impl Default for Channel {
    fn default() -> Channel {
        Channel::new()
    }
}

/// An open review session: the desk on disk, the store's writer, and the
/// one channel the run loop waits on.
pub struct Session {
    pub writer: StoreWriter,
    watch: DiskWatch,
    channel: Channel,
    /// Input taken off the channel while desk events were taken in.
    deferred: std::collections::VecDeque<LoopEvent>,
    /// Where positions are remembered (`None`: not remembered).
    pub state_dir: Option<std::path::PathBuf>,
    /// Where extraction results are cached, for reloads (`None`: no cache).
    pub cache_dir: Option<std::path::PathBuf>,
}

impl Session {
    /// Starts a session on a desk loaded with `channel`'s sink.
    pub fn new(
        writer: StoreWriter,
        index: &DeskIndex,
        state_dir: Option<std::path::PathBuf>,
        cache_dir: Option<std::path::PathBuf>,
        channel: Channel,
    ) -> Session {
        let baseline = loaded_stamp(index);
        Session {
            writer,
            watch: DiskWatch::spawn(&index.desk, baseline, channel.sink()),
            channel,
            deferred: std::collections::VecDeque::new(),
            state_dir,
            cache_dir,
        }
    }

    /// True when articles or rules changed on disk since the last load (as
    /// the watcher thread last saw them; it looks once a second and says so
    /// once on the channel, [`DeskEvent::FilesChanged`]).
    pub fn changed_on_disk(&self) -> bool {
        self.watch.changed.load(Ordering::Relaxed)
    }

    /// Lets `app` start background work that reports on this session's channel.
    pub fn attach(&self, app: &mut App) {
        app.background = Some(self.channel.sink());
        app.links_file = self
            .cache_dir
            .as_deref()
            .map(|dir| crate::link::links_file(dir, &app.index.desk.root));
    }

    /// Where terminal input goes (the host forwards its events here).
    pub fn input_sender(&self) -> Sender<LoopEvent> {
        self.channel.sender()
    }

    /// The next event on the channel, waiting at most `timeout`.
    pub fn next_event(&mut self, timeout: Duration) -> Option<LoopEvent> {
        if let Some(event) = self.deferred.pop_front() {
            return Some(event);
        }
        self.channel.recv_timeout(timeout)
    }

    /// Takes in the desk events that arrived, without waiting (before a
    /// `:sync`, so the saves it waited for are shown first; and for callers
    /// driving an app without the run loop, such as tests). Terminal input
    /// met on the way is kept, in order, for [`Session::next_event`]. True
    /// when any desk event came.
    pub fn take_desk_events(&mut self, app: &mut App) -> bool {
        let mut any = false;
        while let Ok(event) = self.channel.rx.try_recv() {
            match event {
                LoopEvent::Desk(event) => {
                    super::run::desk_event(app, self, event);
                    any = true;
                }
                other => self.deferred.push_back(other),
            }
        }
        any
    }

    /// Reloads the desk into `app`, keeping the selection where it can.
    /// On rule errors, keeps the old desk and says why.
    pub fn reload(&mut self, app: &mut App) {
        let _ = self.writer.flush(Duration::from_secs(2));
        let desk = app.index.desk.clone();
        self.watch.rebase(stamp(&desk));
        let keep = position(app);
        match load(
            desk,
            self.cache_dir.as_deref(),
            &self.channel.sink(),
            &|_, _| {},
        ) {
            Ok(loaded) => {
                let old = std::mem::replace(&mut self.writer, loaded.writer);
                drop(old.shutdown());
                let n = loaded.problems.len();
                app.replace_desk(loaded.index, loaded.records);
                if let Some(quotes) = loaded.stale {
                    app.look_for_stale(quotes);
                }
                restore_position(app, &keep);
                if n == 0 {
                    app.say("reloaded");
                } else {
                    app.say(format!("reloaded; {n} problems (run `claimdesk check`)"));
                }
            }
            Err(problems) => app.error(format!(
                "not reloaded: {} (and {} more; run `claimdesk check`)",
                problems.first().map(|p| p.to_string()).unwrap_or_default(),
                problems.len().saturating_sub(1)
            )),
        }
    }

    /// Loads the whole desk on a thread of its own, after a first screen
    /// ([`load_for_review`]): progress arrives as [`DeskEvent::Loading`], the
    /// desk as [`DeskEvent::Whole`] (taken in by [`Session::take_whole`]).
    /// The extraction cache is written then, so the next start is quick.
    pub fn load_rest(&self, desk: Desk) {
        crate::session::load_whole_in_background(desk, self.cache_dir.clone(), self.channel.sink());
    }

    /// Takes in the whole desk after its first screen: the verdicts as they
    /// are now (saves made meanwhile included) meet the whole index (manual
    /// claims attached; stale verdicts looked for and re-attached through the
    /// writer), and the analyst stays where they are.
    pub fn take_whole(&mut self, app: &mut App, whole: Result<Box<DeskIndex>, Vec<Problem>>) {
        app.loading = None;
        let mut index = match whole {
            Ok(index) => *index,
            Err(problems) => {
                app.error(format!(
                    "the rest of the desk did not load: {} (run `claimdesk check`)",
                    problems.first().map(|p| p.to_string()).unwrap_or_default()
                ));
                return;
            }
        };
        let keep = position(app);
        // The pane the analyst is in stays theirs (restoring the claim would
        // move the focus to the claims pane).
        let focus = app.focus;
        let records: Vec<VerdictRecord> = app.verdicts.values().cloned().collect();
        let stale = crate::session::attach_whole(&mut index, &records);
        self.watch.rebase(loaded_stamp(&index));
        let (n, problems) = (index.articles.len(), index.problems.len());
        app.take_whole_desk(index);
        if let Some(quotes) = stale {
            app.look_for_stale(quotes);
        }
        restore_position(app, &keep);
        app.focus = focus;
        if problems == 0 {
            app.say(format!("whole desk loaded: {n} articles"));
        } else {
            app.say(format!(
                "whole desk loaded: {n} articles; {problems} problems (run `claimdesk check`)"
            ));
        }
    }

    /// `:sync`: waits for the verdicts being saved, runs the same sync as
    /// `claimdesk sync` (git as a subprocess; the screen waits for it), then
    /// has the writer take in what the pull brought, and says what happened.
    pub fn sync(&mut self, app: &mut App) {
        let flushed = self.writer.flush(Duration::from_secs(5));
        // The saves just made reach the screen first (their "saved" would
        // otherwise replace the sync's message).
        self.take_desk_events(app);
        if let Err(held) = flushed {
            app.error(format!("not synced: {}", held.join("; ")));
            return;
        }
        let desk = &app.index.desk;
        let rules = desk.config.rules.clone();
        match crate::store::sync::sync(&desk.root, &rules, &app.settings.analyst) {
            Ok(report) => {
                self.writer.refresh();
                if report.conflicts.is_empty() {
                    app.say(format!("synced: {}", report.summary()));
                } else {
                    app.error(format!("synced: {}", report.summary()));
                }
            }
            Err(e) => app.error(e.to_string()),
        }
    }

    /// Saves the position, if positions are remembered.
    pub fn save_position(&self, app: &App) {
        if let Some(dir) = &self.state_dir {
            let _ = userconfig::save_position(dir, &position(app));
        }
    }
}

/// Where the analyst is in the desk.
pub fn position(app: &App) -> Position {
    Position {
        desk: app.index.desk.root.to_string_lossy().into_owned(),
        article: app
            .selected_article()
            .map(|a| app.index.articles[a].rel.clone())
            .unwrap_or_default(),
        claim: app
            .selected_claim()
            .map(|(a, c)| app.claim(a, c).id.to_string()),
    }
}

/// Selects the article and claim of a saved position (when still there).
pub fn restore_position(app: &mut App, pos: &Position) {
    let Some(a) = app.index.articles.iter().position(|x| x.rel == pos.article) else {
        return;
    };
    let Some(at) = app.article_pos(a) else {
        return;
    };
    app.article_sel = at;
    let claim = pos.claim.as_ref().and_then(|id| {
        app.index.articles[a]
            .extraction
            .claims
            .iter()
            .position(|c| c.id.as_str() == id.as_str())
    });
    app.refresh_claims(claim);
    if claim.is_some() {
        app.focus = super::app::Pane::Claims;
    }
    super::update::scroll_into_view(app);
}
