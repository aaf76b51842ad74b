//! Texts read after the desk opened: in the background ([`TextLoader`]) or
//! on demand ([`DeskIndex::read_text`]), each checked against the hash the
//! cache recorded, and extracted again when it differs.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use rayon::prelude::*;

use super::cache::{ContentHash, content_hash};
use super::{DeskArticle, DeskIndex, load};
use crate::desk::{parse_article, read_article_text};
use crate::extract::extract_article;
use crate::problem::Problem;

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
            art.article.text = text;
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

/// Reads texts on a thread of its own (and every core), handing them over
/// in batches, in desk order.
#[derive(Debug)]
pub struct TextLoader {
    rx: Receiver<Vec<(usize, ReadText)>>,
    done: bool,
}

/// Texts per batch handed over.
const BATCH: usize = 256;

impl TextLoader {
    /// Starts reading these articles' texts.
    pub fn spawn(jobs: Vec<(usize, PathBuf)>) -> TextLoader {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("claimdesk-texts".into())
            .spawn(move || {
                for chunk in jobs.chunks(BATCH) {
                    let batch: Vec<(usize, ReadText)> = chunk
                        .par_iter()
                        .map(|(a, path)| (*a, ReadText::of(path)))
                        .collect();
                    if tx.send(batch).is_err() {
                        return;
                    }
                }
            });
        TextLoader {
            rx,
            done: spawned.is_err(),
        }
    }

    /// The texts read so far, without waiting.
    pub fn take_ready(&mut self) -> Vec<(usize, ReadText)> {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(batch) => out.extend(batch),
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    self.done = true;
                    return out;
                }
            }
        }
    }

    /// Every text still to come, waiting for them.
    pub fn take_rest(&mut self) -> Vec<(usize, ReadText)> {
        let mut out = Vec::new();
        while let Ok(batch) = self.rx.recv() {
            out.extend(batch);
        }
        self.done = true;
        out
    }

    /// True once every text was handed over.
    pub fn is_done(&self) -> bool {
        self.done
    }
}
