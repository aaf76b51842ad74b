//! The background writer: owns a [`VerdictStore`] on a thread so the TUI
//! never waits on the disk.
//!
//! ```no_run
//! # use claimdesk::store::{VerdictStore, writer::{StoreWriter, StoreEvent}};
//! # let rules = std::path::Path::new("rules");
//! let (store, _problems) = VerdictStore::open(rules);
//! let writer = StoreWriter::spawn(store);
//! // writer.submit(change);              // returns at once
//! for event in writer.poll() { /* show Saved / Failed / Merged */ }
//! writer.flush(std::time::Duration::from_secs(5)); // on exit, SIGHUP, SIGTERM
//! ```
//!
//! A change the store refuses (file blocked by a git merge, conflict markers,
//! an invalid file, disk full) is dropped for good: it is reported once as
//! [`StoreEvent::Failed`] with the record as last read from disk, and by the
//! next `flush`, and never written later behind the analyst's back (it was
//! made against a record the analyst may no longer be looking at, and could
//! overwrite a colleague's recorded `conflicts`).

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::similar::Move;
use super::{VerdictChange, VerdictRecord, VerdictStore};
use crate::extract::ClaimId;

/// What happened in the writer, for the TUI's status line.
// One event per save or merge: a record inline costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreEvent {
    /// The change is durably on disk; the record as saved (`None`: removed).
    Saved {
        id: ClaimId,
        record: Option<VerdictRecord>,
    },
    /// The change could not be saved and was dropped (never retried):
    /// `message` names the verdict and why; `record` is the claim's record as
    /// last read from disk, for the screen to show again.
    Failed {
        id: ClaimId,
        message: String,
        record: Option<VerdictRecord>,
    },
    /// Files changed on disk (another instance, a `git pull`) and were merged
    /// in: here is every record now.
    Merged {
        paths: Vec<std::path::PathBuf>,
        records: Vec<VerdictRecord>,
    },
    /// Stale records were re-attached ([`StoreWriter::reattach`]): the
    /// moves made (old id, new id) and every record now.
    Reattached {
        moved: Vec<(ClaimId, ClaimId)>,
        records: Vec<VerdictRecord>,
    },
}

enum Msg {
    /// A change, and the rating label it sets (see [`VerdictStore::apply_rated`]).
    Change(Box<VerdictChange>, Option<Option<String>>),
    Reattach(Vec<Move>),
    Refresh,
    Flush(Sender<Vec<String>>),
}

/// A [`VerdictStore`] on its own thread.
#[derive(Debug)]
pub struct StoreWriter {
    tx: Option<Sender<Msg>>,
    /// The events, when they are polled ([`StoreWriter::spawn`]); `None`
    /// when they go to a sink ([`StoreWriter::spawn_into`]).
    events: Option<Receiver<StoreEvent>>,
    handle: Option<JoinHandle<VerdictStore>>,
}

/// How often a writer reporting to a sink looks for verdict files changed
/// on disk (a `git pull`, another instance) when it is idle.
pub const REFRESH_EVERY: Duration = Duration::from_secs(5);

impl StoreWriter {
    /// Moves the store to a new thread; its events are taken with [`StoreWriter::poll`].
    pub fn spawn(store: VerdictStore) -> StoreWriter {
        let (etx, events) = mpsc::channel();
        let emit = move |e: StoreEvent| {
            let _ = etx.send(e);
        };
        StoreWriter::start(store, Box::new(emit), None, Some(events))
    }

    /// Moves the store to a new thread that reports to `sink` (the front's
    /// one channel) and looks for changed verdict files by itself every
    /// [`REFRESH_EVERY`] while idle.
    pub fn spawn_into(store: VerdictStore, sink: crate::session::EventSink) -> StoreWriter {
        let emit = move |e: StoreEvent| {
            sink.send(crate::session::DeskEvent::Store(e));
        };
        StoreWriter::start(store, Box::new(emit), Some(REFRESH_EVERY), None)
    }

    fn start(
        store: VerdictStore,
        emit: Box<dyn Fn(StoreEvent) + Send>,
        refresh: Option<Duration>,
        events: Option<Receiver<StoreEvent>>,
    ) -> StoreWriter {
        let (tx, rx) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("claimdesk-store".into())
            .spawn(move || run(store, rx, emit, refresh))
            .expect("spawning the store writer thread");
        StoreWriter {
            tx: Some(tx),
            events,
            handle: Some(handle),
        }
    }

    /// Queues a change; returns at once.
    pub fn submit(&self, change: VerdictChange) {
        self.send(Msg::Change(Box::new(change), None));
    }

    /// Like [`StoreWriter::submit`], also setting the record's rating label
    /// (`Some(label)`; `None` removes it), as `mark --rating` does.
    pub fn submit_rated(&self, change: VerdictChange, rating: Option<String>) {
        self.send(Msg::Change(Box::new(change), Some(rating)));
    }

    /// Re-attaches stale records as planned ([`super::similar::plan`]); a
    /// move whose record is gone or whose new id has a record by now is
    /// left out. Moves are kept in memory and reach the disk with the
    /// record's next save, as at load.
    pub fn reattach(&self, moves: Vec<Move>) {
        self.send(Msg::Reattach(moves));
    }

    /// Asks the writer to look for files changed on disk.
    pub fn refresh(&self) {
        self.send(Msg::Refresh);
    }

    fn send(&self, msg: Msg) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(msg);
        }
    }

    /// Events since the last call; never blocks. Always empty for a writer
    /// reporting to a sink.
    pub fn poll(&self) -> Vec<StoreEvent> {
        self.events
            .as_ref()
            .map(|rx| rx.try_iter().collect())
            .unwrap_or_default()
    }

    /// Waits until every change queued so far is durable or was refused.
    /// `Ok` when every change since the last flush was saved; else the
    /// reasons of those refused (each reported once).
    /// Gives up after `timeout` (the writer goes on).
    pub fn flush(&self, timeout: Duration) -> Result<(), Vec<String>> {
        let (tx, rx) = mpsc::channel();
        self.send(Msg::Flush(tx));
        match rx.recv_timeout(timeout) {
            Ok(held) if held.is_empty() => Ok(()),
            Ok(held) => Err(held),
            Err(RecvTimeoutError::Timeout) => Err(vec![format!(
                "verdicts still being written after {} s",
                timeout.as_secs()
            )]),
            Err(RecvTimeoutError::Disconnected) => {
                Err(vec!["the verdict writer stopped".to_string()])
            }
        }
    }

    /// Flushes, stops the thread and gives the store back.
    pub fn shutdown(mut self) -> Option<VerdictStore> {
        self.tx = None;
        self.handle.take().and_then(|h| h.join().ok())
    }
}

impl Drop for StoreWriter {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn run(
    mut store: VerdictStore,
    rx: Receiver<Msg>,
    emit: Box<dyn Fn(StoreEvent) + Send>,
    refresh: Option<Duration>,
) -> VerdictStore {
    // Why changes were refused since the last flush (they are not kept).
    let mut refused: Vec<String> = Vec::new();
    // Exits when the sender is dropped, after the queue is drained.
    loop {
        let msg = match refresh {
            Some(every) => match rx.recv_timeout(every) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => Msg::Refresh,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(msg) => msg,
                Err(_) => break,
            },
        };
        match msg {
            Msg::Change(change, rating) => {
                let id = change.id.clone();
                let what = describe(&change);
                match store.apply_rated(*change, rating) {
                    Ok(()) => {
                        let merged = store.take_merged();
                        emit(StoreEvent::Saved {
                            id: id.clone(),
                            record: store.get(&id).cloned(),
                        });
                        if !merged.is_empty() {
                            emit(StoreEvent::Merged {
                                paths: merged,
                                records: store.records().cloned().collect(),
                            });
                        }
                    }
                    Err(e) => {
                        let message = format!("{what} of claim {id}: {e}");
                        refused.push(message.clone());
                        emit(StoreEvent::Failed {
                            record: store.get(&id).cloned(),
                            id,
                            message,
                        });
                    }
                }
            }
            Msg::Reattach(moves) => {
                let mut moved = Vec::new();
                for m in moves {
                    if store.get(&m.old).is_some() && store.get(&m.record.id).is_none() {
                        moved.push((m.old.clone(), m.record.id.clone()));
                        store.reattach(&m.old, m.record);
                    }
                }
                if !moved.is_empty() {
                    emit(StoreEvent::Reattached {
                        moved,
                        records: store.records().cloned().collect(),
                    });
                }
            }
            Msg::Refresh => {
                let paths = store.refresh();
                if !paths.is_empty() {
                    emit(StoreEvent::Merged {
                        paths,
                        records: store.records().cloned().collect(),
                    });
                }
            }
            Msg::Flush(reply) => {
                let _ = reply.send(std::mem::take(&mut refused));
            }
        }
    }
    store
}

/// What a change asked for, for messages: `confirmed`, `verdict cleared`, `note`.
fn describe(change: &VerdictChange) -> String {
    match change.verdict {
        Some(Some(v)) => v.as_str().to_string(),
        Some(None) => "verdict cleared".to_string(),
        None if change.note.is_some() => "note".to_string(),
        None if change.evidence.is_some() => "evidence".to_string(),
        None => "change".to_string(),
    }
}
