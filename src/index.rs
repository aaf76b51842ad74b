//! A whole desk loaded: every article, extracted, with claims indexed by id.
//!
//! Articles are read and extracted in parallel (rayon, every core) and kept in
//! path order. Only the article text is kept: sentences and claims hold byte
//! ranges into it, never copies. A desk opened for review may leave the
//! texts the cache vouches for unread at first ([`Texts::Later`]); they are
//! read in the background ([`TextReading`]) or on demand ([`DeskIndex::read_text`]).

mod by_id;
pub mod cache;
mod load;
mod texts;

use std::ops::Range;
use std::path::{Path, PathBuf};

use self::cache::{ContentHash, ExtractCache};
use crate::desk::{Article, Desk};
use crate::extract::{ClaimId, Extraction};
use crate::problem::Problem;
use crate::rules::RuleSet;

pub use by_id::ArticleKeys;
pub use load::{
    LoadedArticles, Texts, files_stamp, load_articles, load_articles_cached, load_articles_with,
    load_one,
};
pub use texts::{ReadText, TextFill, TextReading};

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
    /// The extraction's sentences, still encoded ([`cache::decode_sentences`]):
    /// they are decoded when the text arrives (until then the extraction has
    /// none; its claims are complete).
    pub sentences: Box<[u8]>,
}

impl DeskArticle {
    /// True once the text is read.
    pub fn has_text(&self) -> bool {
        self.pending.is_none()
    }

    /// A piece of the text by byte range; `None` while the text is not read
    /// (or for a range outside it). There is no other way to the text: a
    /// caller says what it does without it.
    pub fn text(&self, range: Range<usize>) -> Option<&str> {
        if self.has_text() {
            self.article.text.get(range)
        } else {
            None
        }
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

/// The value of each byte as a hex digit; 0x10 for a byte that is none.
const HEX_DIGIT: [u8; 256] = {
    let mut t = [0x10u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'f' => c - b'a' + 10,
            c @ b'A'..=b'F' => c - b'A' + 10,
            _ => 0x10,
        };
        b += 1;
    }
    t
};

/// A number for a claim id: the id itself when it is (up to 16) hex digits,
/// as ids are; a hash otherwise. Equal ids have equal keys.
pub fn id_key(id: &ClaimId) -> u64 {
    let bytes = id.as_bytes();
    if (1..=16).contains(&bytes.len()) {
        let mut n: u64 = 0;
        let mut bad = 0u8;
        for &b in bytes {
            let digit = HEX_DIGIT[usize::from(b)];
            bad |= digit;
            n = n << 4 | u64::from(digit & 0xf);
        }
        if bad & 0x10 == 0 {
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
        // The rules compile while the articles are listed and the cache file
        // is read. On rayon's pool, not threads of their own: a worker that
        // waited on a thread needing the pool would deadlock it when the pool
        // has one thread (a one-core machine, `RAYON_NUM_THREADS=1`).
        let desk_ref = &desk;
        // Rules a cache of this build was made with are loaded on trust
        // (compiled on first use): a second start needs few of them.
        let trusted = move |fingerprint: &str| {
            cache_dir.is_some_and(|dir| ExtractCache::made_for(dir, &desk_ref.root, fingerprint))
        };
        let (rules, (cache_bytes, (paths, mut problems))) = rayon::join(
            || {
                let load = || RuleSet::load_trusting(&desk_ref.rules_dir(), &trusted);
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(load)).unwrap_or_else(|_| {
                    Err(vec![Problem::file(
                        desk_ref.rules_dir(),
                        "loading the rules failed",
                    )])
                })
            },
            || {
                rayon::join(
                    || cache_dir.map(|dir| ExtractCache::read(dir, &desk_ref.root)),
                    || desk_ref.article_paths(),
                )
            },
        );
        let rules = rules?;
        let cache = cache_bytes.map(|bytes| ExtractCache::from_bytes(bytes, &rules));
        let loaded = load::load_articles_from(&desk, &paths, &rules, progress, cache, texts);
        problems.extend(loaded.problems);
        let mut index = DeskIndex::unindexed(desk, rules, loaded.articles, problems);
        index.reindex_with(loaded.keys);
        index.files_stamp = Some(loaded.files_stamp);
        index.cache_file = loaded.cache_file;
        // Loading's scratch buffers were freed on many threads: give their
        // pages back now, not at exit.
        crate::memory::release_free_memory();
        Ok(index)
    }

    /// The first `n` articles of the desk in desk order, extracted now
    /// (without the cache), and how many articles the desk lists in all: the
    /// first screen of a large desk opened cold, shown while the whole desk
    /// loads in the background ([`DeskIndex::load_texts`]).
    pub fn load_first(
        desk: Desk,
        n: usize,
        progress: &(dyn Fn(LoadProgress) + Sync),
    ) -> Result<(DeskIndex, usize), Vec<Problem>> {
        let rules = RuleSet::load(&desk.rules_dir())?;
        let (mut paths, mut problems) = desk.article_paths();
        let listed = paths.len();
        paths.truncate(n);
        let (articles, more) = load_articles(&desk, &paths, &rules, progress);
        problems.extend(more);
        Ok((
            DeskIndex::from_parts(desk, rules, articles, problems),
            listed,
        ))
    }

    /// An index of articles already loaded (by [`load_articles`]).
    pub fn from_parts(
        desk: Desk,
        rules: RuleSet,
        articles: Vec<DeskArticle>,
        problems: Vec<Problem>,
    ) -> DeskIndex {
        let mut index = DeskIndex::unindexed(desk, rules, articles, problems);
        index.reindex();
        index
    }

    /// An index whose id map is still empty.
    fn unindexed(
        desk: Desk,
        rules: RuleSet,
        articles: Vec<DeskArticle>,
        problems: Vec<Problem>,
    ) -> DeskIndex {
        DeskIndex {
            desk,
            rules,
            articles,
            problems,
            by_id: Vec::new(),
            by_id_keys: Vec::new(),
            files_stamp: None,
            cache_file: None,
        }
    }

    /// Total number of claims (appearances) in the desk.
    pub fn claim_count(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.extraction.claims.len())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> u64 {
        id_key(&ClaimId(s.into()))
    }

    #[test]
    fn hex_ids_are_their_own_keys_and_others_are_hashed() {
        assert_eq!(key("0123456789ab"), 0x0123_4567_89ab);
        assert_eq!(key("ffffffffffffffff"), u64::MAX);
        assert_eq!(key("ABC"), 0xabc);
        // Not hex, too long or empty: a hash (equal ids, equal keys).
        for id in ["0123456789ag", "0123456789abcdef0", "", "رقم"] {
            assert_eq!(key(id), key(id));
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(id, &mut h);
            assert_eq!(key(id), std::hash::Hasher::finish(&h), "{id}");
        }
    }
}
