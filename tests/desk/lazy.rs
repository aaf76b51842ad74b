//! A desk opened from the extraction cache without reading the texts the
//! cache vouches for (`Texts::Later`): the same articles and claims as a
//! fresh load, texts read afterwards and checked, edits noticed.

use std::path::PathBuf;
use std::time::Duration;

use crate::support::desk::{copy_dir, fixture};
use claimdesk::desk::Desk;
use claimdesk::index::cache::{content_hash, set_racy_margin};
use claimdesk::index::{DeskIndex, ReadText, TextFill, Texts};

/// A copy of the basic fixture desk and a cache folder, with files trusted
/// by their stamps at once (the tests write and reopen within a second).
struct Setup {
    _tmp: tempfile::TempDir,
    desk: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    set_racy_margin(Duration::ZERO);
    let tmp = tempfile::tempdir().unwrap();
    let desk = tmp.path().join("desk");
    copy_dir(&fixture("basic"), &desk);
    Setup {
        desk,
        cache: tmp.path().join("cache"),
        _tmp: tmp,
    }
}

impl Setup {
    fn load(&self, texts: Texts) -> DeskIndex {
        let desk = Desk::discover(&self.desk).unwrap();
        DeskIndex::load_texts(desk, &|_| {}, Some(&self.cache), texts).unwrap()
    }

    fn fresh(&self) -> DeskIndex {
        let desk = Desk::discover(&self.desk).unwrap();
        DeskIndex::load_with_cache(desk, &|_| {}, None).unwrap()
    }
}

#[test]
fn a_second_open_reads_no_text_and_matches_a_fresh_load_once_read() {
    let s = setup();
    let fresh = s.fresh();
    let first = s.load(Texts::Later);
    assert!(first.articles.iter().all(|a| a.has_text()), "no cache yet");

    let mut lazy = s.load(Texts::Later);
    assert_eq!(lazy.articles.len(), fresh.articles.len());
    assert_eq!(lazy.pending_texts().len(), fresh.articles.len());
    assert_eq!(
        lazy.problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        fresh
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
    );
    for (l, f) in lazy.articles.iter().zip(&fresh.articles) {
        assert_eq!(l.rel, f.rel);
        assert_eq!(l.article.meta, f.article.meta, "{}", l.rel);
        assert_eq!(l.article.body, f.article.body, "{}", l.rel);
        // The claims are all there; the sentences come with the text.
        assert_eq!(l.extraction.claims, f.extraction.claims, "{}", l.rel);
        assert!(l.extraction.sentences.is_empty(), "{}", l.rel);
        assert_eq!(&*l.article.text, "");
        assert_eq!(l.text(0..10), None, "no text before it is read");
    }
    let claim = fresh
        .articles
        .iter()
        .flat_map(|a| &a.extraction.claims)
        .next();
    let id = &claim.expect("the fixture has claims").id;
    assert!(!fresh.appearances(id).is_empty());
    assert_eq!(lazy.appearances(id), fresh.appearances(id));

    let unusual: Vec<_> = lazy.read_all_texts();
    assert!(unusual.is_empty(), "every text is what the cache said");
    assert!(!lazy.texts_pending());
    for (l, f) in lazy.articles.iter().zip(&fresh.articles) {
        assert_eq!(l.article.text, f.article.text);
        assert_eq!(l.extraction, f.extraction, "{}", l.rel);
    }
}

#[test]
fn an_edited_file_is_read_and_extracted_at_open() {
    let s = setup();
    s.load(Texts::Later);
    let path = s.desk.join("news/deep/inner.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("The mayor said that 40 roads were closed on Monday.\n");
    std::fs::write(&path, text).unwrap();

    let lazy = s.load(Texts::Later);
    let fresh = s.fresh();
    for (l, f) in lazy.articles.iter().zip(&fresh.articles) {
        assert_eq!(l.extraction.claims, f.extraction.claims, "{}", l.rel);
        // Only the edited file was read (and only its sentences are there yet).
        assert_eq!(l.has_text(), l.article.path == path, "{}", l.rel);
        if l.has_text() {
            assert_eq!(l.extraction, f.extraction, "{}", l.rel);
        }
    }
}

#[test]
fn a_text_unlike_the_cached_one_is_extracted_again() {
    let s = setup();
    s.load(Texts::Later);
    let mut lazy = s.load(Texts::Later);
    let cache_file = lazy.cache_file.clone().expect("a cache file");
    assert!(cache_file.is_file());
    let a = lazy
        .articles
        .iter()
        .position(|a| !a.extraction.claims.is_empty())
        .unwrap();
    let before = lazy.articles[a].extraction.claims.len();
    // As if the file had changed without its stamp changing.
    let other = "Other title\n\nThe council said that 12 bridges and 7 schools were closed.\n";
    let fill = lazy.fill_text(a, ReadText(Ok((other.to_string(), content_hash(other)))));
    assert!(matches!(fill, TextFill::Changed), "{fill:?}");
    let art = &lazy.articles[a];
    assert!(art.has_text());
    assert_eq!(*art.article.text, *other);
    assert_eq!(art.article.meta.title, "Other title");
    assert_eq!(art.extraction.claims.len(), 1, "was {before}");
    let id = &art.extraction.claims[0].id;
    assert_eq!(lazy.appearances(id).len(), 1, "reindexed");
    assert!(!cache_file.exists(), "a cache that proved wrong is removed");
}

#[test]
fn a_file_gone_before_its_text_is_read_stays_pending() {
    let s = setup();
    s.load(Texts::Later);
    let mut lazy = s.load(Texts::Later);
    let path = lazy.articles[0].article.path.clone();
    std::fs::remove_file(&path).unwrap();
    let fill = lazy.read_text(0);
    let TextFill::Failed(problem) = fill else {
        panic!("{fill:?}")
    };
    assert_eq!(problem.path, path);
    assert!(!lazy.articles[0].has_text());
    assert_eq!(
        lazy.articles[0].text(0..5),
        None,
        "no text, and no empty stand-in"
    );
}

#[test]
fn the_background_reader_hands_over_every_text() {
    let s = setup();
    s.load(Texts::Later);
    let mut lazy = s.load(Texts::Later);
    let jobs = lazy.pending_texts();
    let (tx, rx) = std::sync::mpsc::channel();
    let _reading = claimdesk::index::TextReading::spawn(
        jobs.clone(),
        7,
        claimdesk::session::EventSink::from_sender(tx),
    );
    let mut rest = Vec::new();
    let mut done = false;
    while let Ok(event) = rx.recv_timeout(std::time::Duration::from_secs(30)) {
        match event {
            claimdesk::session::DeskEvent::Texts { generation, batch } => {
                assert_eq!(generation, 7);
                rest.extend(batch)
            }
            claimdesk::session::DeskEvent::TextsDone { generation: 7 } => {
                done = true;
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(done, "the reader said it was done");
    let mut got: Vec<usize> = rest.iter().map(|(a, _)| *a).collect();
    got.sort_unstable();
    assert_eq!(got, jobs.iter().map(|(a, _)| *a).collect::<Vec<_>>());
    assert!(lazy.fill_texts(rest).is_empty());
    assert!(!lazy.texts_pending());
}

#[test]
fn the_cache_is_rewritten_only_when_the_desk_changed() {
    let s = setup();
    s.load(Texts::Later);
    let lazy = s.load(Texts::Later);
    let file = lazy.cache_file.clone().expect("a cache file");
    let before = std::fs::read(&file).unwrap();
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    // Unchanged desk: nothing written.
    s.load(Texts::Later);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        modified
    );
    // An article removed: its file and content leave the cache.
    let gone = lazy.articles[0].article.path.clone();
    std::fs::remove_file(&gone).unwrap();
    let after_removal = s.load(Texts::Later);
    assert_eq!(after_removal.articles.len(), lazy.articles.len() - 1);
    let after = std::fs::read(&file).unwrap();
    assert!(
        after.len() < before.len(),
        "{} !< {}",
        after.len(),
        before.len()
    );
    assert_eq!(
        s.load(Texts::Later).pending_texts().len(),
        after_removal.articles.len()
    );
}
