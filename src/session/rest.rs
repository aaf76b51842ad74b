//! The rest of a desk opened by its first screen
//! ([`super::SessionOptions::first_screen`]): the whole desk loads on a
//! thread of its own and arrives on the front's channel; the front then
//! brings it up to the verdicts as they are by then.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{DeskEvent, EventSink};
use crate::desk::Desk;
use crate::index::{DeskIndex, LoadProgress, Texts};
use crate::store::VerdictRecord;
use crate::store::similar::StaleQuotes;

/// Loads the whole of `desk` on a thread of its own, through the extraction
/// cache in `cache_dir` (written then, so the next start is quick):
/// progress arrives as [`DeskEvent::Loading`] (at most one per percent),
/// the desk as [`DeskEvent::Whole`].
pub fn load_whole_in_background(desk: Desk, cache_dir: Option<PathBuf>, sink: EventSink) {
    let _ = std::thread::Builder::new()
        .name("claimdesk-rest".into())
        .spawn(move || {
            let said = AtomicUsize::new(usize::MAX);
            let progress = |p: LoadProgress| {
                let step = (p.done * 100).checked_div(p.total).unwrap_or(0);
                if said.swap(step, Ordering::Relaxed) != step {
                    sink.send(DeskEvent::Loading {
                        done: p.done,
                        total: p.total,
                    });
                }
            };
            let whole = DeskIndex::load_texts(desk, &progress, cache_dir.as_deref(), Texts::Read);
            sink.send(DeskEvent::Whole(whole.map(Box::new)));
        });
}

/// The attach step for the whole desk, against the verdicts as they are now
/// (saves made on the first screen included): manual claims brought into
/// `index`; the stale records' quotes come back, to be looked for and
/// re-attached through the front's writer.
pub fn attach_whole(index: &mut DeskIndex, records: &[VerdictRecord]) -> Option<StaleQuotes> {
    crate::store::attach_to_records(index, records)
}
