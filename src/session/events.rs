//! What happens to an open desk off the front's thread, on one channel.
//!
//! The background work of a session (the store's writer, the reading of
//! texts the cache vouched for, the linking of claims across articles, the
//! watcher of the desk's files) reports through an [`EventSink`]. A front
//! makes the sink from the one channel it waits on
//! ([`EventSink::from_sender`]), so it sleeps until something happened
//! instead of polling each source on a timeout.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::index::{DeskIndex, ReadText};
use crate::link::DeskLinks;
use crate::problem::Problem;
use crate::store::writer::StoreEvent;

/// Something that happened to the open desk.
// A store event inline (one per save) costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum DeskEvent {
    /// The store's writer saved, refused, merged or re-attached.
    Store(StoreEvent),
    /// A batch of texts the desk opened without, read in the background for
    /// generation `generation` of the desk (a reload makes a new one; texts
    /// for an older one are dropped).
    Texts {
        generation: u64,
        batch: Vec<(usize, ReadText)>,
    },
    /// Every text asked for in generation `generation` was handed over.
    TextsDone { generation: u64 },
    /// The claims linked across articles, computed for generation
    /// `generation` of the desk's claims (a result for an older one is dropped).
    Linked {
        generation: u64,
        links: Box<DeskLinks>,
    },
    /// Articles or rule files changed on disk since the desk was loaded.
    FilesChanged,
    /// The whole desk is being loaded after its first screen: articles done so far.
    Loading { done: usize, total: usize },
    /// The whole desk, loaded after its first screen (or why it could not be).
    Whole(Result<Box<DeskIndex>, Vec<Problem>>),
}

/// Where background work sends its [`DeskEvent`]s. Sending returns false
/// once nobody listens any more (the worker may then stop).
#[derive(Clone)]
pub struct EventSink(Arc<dyn Fn(DeskEvent) -> bool + Send + Sync>);

impl std::fmt::Debug for EventSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventSink")
    }
}

impl EventSink {
    /// A sink calling `send` for each event.
    pub fn new(send: impl Fn(DeskEvent) -> bool + Send + Sync + 'static) -> EventSink {
        EventSink(Arc::new(send))
    }

    /// A sink feeding a front's channel, whose messages wrap desk events.
    pub fn from_sender<T: From<DeskEvent> + Send + 'static>(tx: Sender<T>) -> EventSink {
        EventSink::new(move |event| tx.send(T::from(event)).is_ok())
    }

    /// Sends `event`; false when nobody listens.
    pub fn send(&self, event: DeskEvent) -> bool {
        (self.0)(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_reports_when_its_listener_is_gone() {
        let (tx, rx) = std::sync::mpsc::channel::<DeskEvent>();
        let sink = EventSink::from_sender(tx);
        assert!(sink.send(DeskEvent::TextsDone { generation: 1 }));
        assert!(matches!(
            rx.try_recv(),
            Ok(DeskEvent::TextsDone { generation: 1 })
        ));
        drop(rx);
        assert!(!sink.send(DeskEvent::FilesChanged));
    }
}
