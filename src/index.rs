//! A whole desk loaded: every article, extracted, with claims indexed by id.
//!
//! Articles are read and extracted in parallel (rayon, every core) and kept in
//! path order. Only the article text is kept: sentences and claims hold byte
//! ranges into it, never copies. A desk opened for review may leave the
//! texts the cache vouches for unread at first ([`Texts::Later`]); they are
//! read in the background ([`TextLoader`]) or on demand ([`DeskIndex::read_text`]).

pub mod cache;
mod load;
mod texts;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use self::cache::{ContentHash, ExtractCache};
use crate::desk::{Article, Desk};
use crate::extract::{ClaimId, Extraction};
use crate::problem::Problem;
use crate::rules::RuleSet;

pub use load::{
    LoadedArticles, Texts, files_stamp, load_articles, load_articles_cached, load_articles_with,
    load_one,
};
pub use texts::{ReadText, TextFill, TextLoader};

/// One article and what was extracted from it.
#[derive(Debug, Clone)]
pub struct DeskArticle {
    pub article: Article,
    /// The article's path relative to the desk root, `/`-separated.
    pub rel: String,
    pub extraction: Extraction,
    /// Set while the text is not read yet (the cache vouched for it); the
    /// text is then empty.
    pub pending: Option<Box<PendingText>>,
}

/// What is known of an article whose text is not read yet.
#[derive(Debug, Clone)]
pub struct PendingText {
    /// The hash the text had when it was extracted.
    pub hash: ContentHash,
    /// The id key ([`id_key`]) of every sentence that is neither a claim nor
    /// boilerplate: where a manual claim could be.
    pub sentence_keys: Vec<u64>,
}

impl DeskArticle {
    /// True once the text is read.
    pub fn has_text(&self) -> bool {
        self.pending.is_none()
    }

    /// A piece of the text by byte range; empty while the text is not read
    /// (or for a range outside it).
    pub fn text(&self, range: Range<usize>) -> &str {
        self.article.text.get(range).unwrap_or("")
    }
}

/// Where a claim appears: article index and claim index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimRef {
    pub article: usize,
    pub claim: usize,
}

/// Progress while a desk loads.
#[derive(Debug, Clone, Copy)]
pub struct LoadProgress {
    pub done: usize,
    pub total: usize,
}

/// A desk with its rules and every article extracted.
#[derive(Debug)]
pub struct DeskIndex {
    pub desk: Desk,
    pub rules: RuleSet,
    pub articles: Vec<DeskArticle>,
    /// Problems met while loading (skipped articles…); rule problems stop loading instead.
    pub problems: Vec<Problem>,
    /// Every appearance, sorted by (id key, id, article order): a compact
    /// id → appearances map, searched by binary search.
    by_id: Vec<ClaimRef>,
    /// `id_key` of each entry of `by_id`.
    by_id_keys: Vec<u64>,
    /// A fingerprint of the article files as loaded (paths and stamps), for
    /// noticing changes on disk without reading them again.
    pub files_stamp: Option<u64>,
    /// The extraction cache file used, if any (removed when it proves wrong).
    pub cache_file: Option<PathBuf>,
}

/// A number for a claim id: the id itself when it is (up to 16) hex digits,
/// as ids are; a hash otherwise. Equal ids have equal keys.
pub fn id_key(id: &ClaimId) -> u64 {
    let bytes = id.as_bytes();
    if (1..=16).contains(&bytes.len()) {
        let mut n: u64 = 0;
        let hex = bytes.iter().all(|&b| {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return false,
            };
            n = n << 4 | u64::from(digit);
            true
        });
        if hex {
            return n;
        }
    }
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.as_str().hash(&mut h);
    h.finish()
}

impl DeskIndex {
    /// Loads the desk's rules and articles and extracts every article, using
    /// the extraction cache in the user's cache folder.
    /// `progress` is called from time to time while articles load.
    pub fn load(
        desk: Desk,
        progress: &(dyn Fn(LoadProgress) + Sync),
    ) -> Result<DeskIndex, Vec<Problem>> {
        let cache_dir = crate::userconfig::paths().cache_dir;
        DeskIndex::load_with_cache(desk, progress, Some(&cache_dir))
    }

    /// Like [`DeskIndex::load`], with the extraction cache in `cache_dir`
    /// (`None`: no cache).
    pub fn load_with_cache(
        desk: Desk,
        progress: &(dyn Fn(LoadProgress) + Sync),
        cache_dir: Option<&Path>,
    ) -> Result<DeskIndex, Vec<Problem>> {
        DeskIndex::load_texts(desk, progress, cache_dir, Texts::Read)
    }

    /// Like [`DeskIndex::load_with_cache`], choosing whether the texts the
    /// cache vouches for are read now or later ([`Texts`]). The rules compile
    /// while the articles are listed and looked at.
    pub fn load_texts(
        desk: Desk,
        progress: &(dyn Fn(LoadProgress) + Sync),
        cache_dir: Option<&Path>,
        texts: Texts,
    ) -> Result<DeskIndex, Vec<Problem>> {
        // The rules compile while the articles are listed and the cache file is read.
        let (rules, (paths, mut problems), cache_bytes) = std::thread::scope(|scope| {
            let rules = scope.spawn(|| RuleSet::load(&desk.rules_dir()));
            let cache_bytes =
                scope.spawn(|| cache_dir.map(|dir| ExtractCache::read(dir, &desk.root)));
            let listed = desk.article_paths();
            let cache_bytes = cache_bytes.join().unwrap_or(None);
            let rules = rules.join().unwrap_or_else(|_| {
                Err(vec![Problem::file(
                    desk.rules_dir(),
                    "loading the rules failed",
                )])
            });
            rules.map(|r| (r, listed, cache_bytes))
        })?;
        let cache = cache_bytes.map(|bytes| ExtractCache::from_bytes(bytes, &rules));
        let loaded = load::load_articles_from(&desk, &paths, &rules, progress, cache, texts);
        problems.extend(loaded.problems);
        let mut index = DeskIndex::from_parts(desk, rules, loaded.articles, problems);
        index.files_stamp = Some(loaded.files_stamp);
        index.cache_file = loaded.cache_file;
        Ok(index)
    }

    /// An index of articles already loaded (by [`load_articles`]).
    pub fn from_parts(
        desk: Desk,
        rules: RuleSet,
        articles: Vec<DeskArticle>,
        problems: Vec<Problem>,
    ) -> DeskIndex {
        let mut index = DeskIndex {
            desk,
            rules,
            articles,
            problems,
            by_id: Vec::new(),
            by_id_keys: Vec::new(),
            files_stamp: None,
            cache_file: None,
        };
        index.reindex();
        index
    }

    /// Rebuilds the id → appearances map (after claims were added by hand).
    pub fn reindex(&mut self) {
        // (key, article, claim) sorted as a whole: by key, and within a key in
        // article order, as the appearances of one id must be.
        // Keys are the ids themselves when every id is lowercase hex of one
        // length (as claimdesk makes them): then no two ids share a key.
        let id_len = self
            .articles
            .iter()
            .find_map(|a| a.extraction.claims.first())
            .map_or(0, |c| c.id.as_bytes().len());
        let mixed = AtomicBool::new(false);
        let mut keyed: Vec<(u64, u32, u32)> = Vec::with_capacity(self.claim_count());
        keyed.par_extend(
            self.articles
                .par_iter()
                .enumerate()
                .flat_map_iter(|(a, art)| {
                    let mixed = &mixed;
                    let claims = art.extraction.claims.iter().enumerate();
                    claims.map(move |(c, claim)| {
                        let id = claim.id.as_bytes();
                        if id.len() != id_len
                            || !id.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
                        {
                            mixed.store(true, Ordering::Relaxed);
                        }
                        (id_key(&claim.id), a as u32, c as u32)
                    })
                }),
        );
        let one_to_one = !mixed.into_inner();
        keyed.par_sort_unstable();
        let mut by_id: Vec<ClaimRef> = keyed
            .iter()
            .map(|&(_, a, c)| ClaimRef {
                article: a as usize,
                claim: c as usize,
            })
            .collect();
        let keys: Vec<u64> = keyed.iter().map(|k| k.0).collect();
        drop(keyed);
        // Keys of different ids may (rarely, for ids typed by hand) collide:
        // order such a run by id, stably.
        let mut start = 0;
        while !one_to_one && start < keys.len() {
            let end = start + keys[start..].partition_point(|k| *k == keys[start]);
            let first = self.id(by_id[start]);
            if by_id[start + 1..end].iter().any(|r| self.id(*r) != first) {
                by_id[start..end].sort_by(|a, b| self.id(*a).cmp(self.id(*b)));
            }
            start = end;
        }
        self.by_id_keys = keys;
        self.by_id = by_id;
    }

    fn id(&self, r: ClaimRef) -> &ClaimId {
        &self.articles[r.article].extraction.claims[r.claim].id
    }

    /// Every place a claim appears, in article order.
    pub fn appearances(&self, id: &ClaimId) -> &[ClaimRef] {
        let key = id_key(id);
        let lo = self.by_id_keys.partition_point(|k| *k < key);
        let hi = self.by_id_keys.partition_point(|k| *k <= key);
        let same_key = &self.by_id[lo..hi];
        // Keys of different ids may (rarely) collide: narrow to this id.
        let start = same_key.partition_point(|r| self.id(*r) < id);
        let end = same_key.partition_point(|r| self.id(*r) <= id);
        &same_key[start..end]
    }

    /// Total number of claims (appearances) in the desk.
    pub fn claim_count(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.extraction.claims.len())
            .sum()
    }
}
