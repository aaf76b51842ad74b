//! Texts read after the desk opened: in the background ([`TextLoader`]) or
//! on demand ([`DeskIndex::read_text`]), each checked against the hash the
//! cache recorded, and extracted again when it differs.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::cache::{ContentHash, content_hash};
use super::{DeskArticle, DeskIndex, load};
use crate::desk::{parse_article, read_article_text};
use crate::extract::extract_article;
use crate::problem::Problem;
use crate::session::{DeskEvent, EventSink};

/// A text read from disk, with its hash, or why it could not be read.
#[derive(Debug)]
pub struct ReadText(pub Result<(String, ContentHash), Problem>);

impl ReadText {
    /// Reads and hashes the article file at `path`.
    pub fn of(path: &std::path::Path) -> ReadText {
        ReadText(read_article_text(path).map(|text| {
            let hash = content_hash(&text);
            (text, hash)
        }))
    }
}

/// What taking a text in did.
#[derive(Debug)]
pub enum TextFill {
    /// The article already had its text (or there is no such article).
    Already,
    /// The text is the one the cache vouched for; nothing else changed.
    Same,
    /// The file's content is not what the cache said: the article was
    /// extracted again (and the desk reindexed); the cache file was removed.
    Changed,
    /// The file could not be read any more (moved, removed, unreadable) or
    /// no longer parses; the article stays without text (still pending).
    Failed(Problem),
}

impl DeskIndex {
    /// The articles whose text is not read yet: index and path, in desk order.
    pub fn pending_texts(&self) -> Vec<(usize, PathBuf)> {
        self.articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.has_text())
            .map(|(i, a)| (i, a.article.path.clone()))
            .collect()
    }

    /// True while some article's text is not read.
    pub fn texts_pending(&self) -> bool {
        self.articles.iter().any(|a| !a.has_text())
    }

    /// Reads article `a`'s text now, if it is not read yet.
    pub fn read_text(&mut self, a: usize) -> TextFill {
        match self.articles.get(a) {
            Some(art) if !art.has_text() => {
                let read = ReadText::of(&art.article.path);
                self.fill_text(a, read)
            }
            _ => TextFill::Already,
        }
    }

    /// Reads every text not read yet (in parallel); returns the fills that
    /// were not [`TextFill::Same`].
    pub fn read_all_texts(&mut self) -> Vec<(usize, TextFill)> {
        let reads: Vec<(usize, ReadText)> = self
            .pending_texts()
            .into_par_iter()
            .map(|(a, path)| (a, ReadText::of(&path)))
            .collect();
        self.fill_texts(reads)
    }

    /// Takes in several texts; returns the fills that were not [`TextFill::Same`].
    pub fn fill_texts(&mut self, reads: Vec<(usize, ReadText)>) -> Vec<(usize, TextFill)> {
        reads
            .into_iter()
            .map(|(a, read)| (a, self.fill_text(a, read)))
            .filter(|(_, fill)| !matches!(fill, TextFill::Same | TextFill::Already))
            .collect()
    }

    /// Takes in article `a`'s text, read elsewhere: kept when its hash is the
    /// one the cache recorded; else the article is parsed and extracted
    /// again, the desk reindexed and the (wrong) cache file removed.
    pub fn fill_text(&mut self, a: usize, read: ReadText) -> TextFill {
        let Some(art) = self.articles.get_mut(a) else {
            return TextFill::Already;
        };
        let Some(pending) = art.pending.take() else {
            return TextFill::Already;
        };
        let (text, hash) = match read.0 {
            Ok(read) => read,
            Err(problem) => {
                art.pending = Some(pending);
                return TextFill::Failed(problem);
            }
        };
        if hash == pending.hash
            && let Some(sentences) = super::cache::decode_sentences(&pending.sentences)
        {
            art.article.text = text.into();
            art.extraction.sentences = sentences;
            return TextFill::Same;
        }
        let path = art.article.path.clone();
        match parse_article(path, text) {
            Ok((article, _)) => {
                let extraction = extract_article(&article, &self.rules);
                let rel = std::mem::take(&mut art.rel);
                *art = DeskArticle {
                    rel,
                    ..load::finish(&self.desk, article, extraction)
                };
            }
            Err(problem) => {
                art.pending = Some(pending);
                if let Some(file) = self.cache_file.take() {
                    let _ = std::fs::remove_file(file);
                }
                return TextFill::Failed(problem);
            }
        }
        if let Some(file) = self.cache_file.take() {
            let _ = std::fs::remove_file(file);
        }
        self.reindex();
        TextFill::Changed
    }
}

/// Texts per batch handed over.
const BATCH: usize = 256;

/// Reads texts on a thread of its own (and every core), reporting them in
/// batches, in desk order, to a sink ([`DeskEvent::Texts`], then
/// [`DeskEvent::TextsDone`]); stops early when dropped or cancelled.
#[derive(Debug)]
pub struct TextReading {
    cancel: Arc<AtomicBool>,
}

impl TextReading {
    /// Starts reading these articles' texts for `sink`, for generation
    /// `generation` of the desk (carried by every event).
    pub fn spawn(jobs: Vec<(usize, PathBuf)>, generation: u64, sink: EventSink) -> TextReading {
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("claimdesk-texts".into())
            .spawn(move || {
                for chunk in jobs.chunks(BATCH) {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let batch: Vec<(usize, ReadText)> = chunk
                        .par_iter()
                        .map(|(a, path)| (*a, ReadText::of(path)))
                        .collect();
                    if !sink.send(DeskEvent::Texts { generation, batch }) {
                        return;
                    }
                }
                sink.send(DeskEvent::TextsDone { generation });
            });
        if spawned.is_err() {
            cancel.store(true, Ordering::Relaxed);
        }
        TextReading { cancel }
    }

    /// Stops reading after the batch in hand (the texts are read otherwise).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for TextReading {
    fn drop(&mut self) {
        self.cancel();
    }
}
