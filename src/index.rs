//! A whole desk loaded: every article, extracted, with claims indexed by id.
//!
//! Articles are read and extracted in parallel (rayon, every core) and kept in
//! path order. Only the article text is kept: sentences and claims hold byte
//! ranges into it, never copies.

pub mod cache;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use self::cache::{ContentHash, ExtractCache, content_hash};
use crate::desk::{Article, Desk, load_article_reporting};
use crate::extract::{ClaimId, Extraction, extract_article};
use crate::problem::Problem;
use crate::rules::RuleSet;

/// One article and what was extracted from it.
#[derive(Debug, Clone)]
pub struct DeskArticle {
    pub article: Article,
    /// The article's path relative to the desk root, `/`-separated.
    pub rel: String,
    pub extraction: Extraction,
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
}

/// A number for a claim id: the id itself when it is (up to 16) hex digits,
/// as ids are; a hash otherwise. Equal ids have equal keys.
fn id_key(id: &ClaimId) -> u64 {
    let s = id.0.as_str();
    if !s.is_empty()
        && s.len() <= 16
        && s.bytes().all(|b| b.is_ascii_hexdigit())
        && let Ok(n) = u64::from_str_radix(s, 16)
    {
        return n;
    }
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
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
        let rules = RuleSet::load(&desk.rules_dir())?;
        let (paths, mut problems) = desk.article_paths();
        let (articles, more) = load_articles_cached(&desk, &paths, &rules, progress, cache_dir);
        problems.extend(more);
        Ok(DeskIndex::from_parts(desk, rules, articles, problems))
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
        };
        index.reindex();
        index
    }

    /// Rebuilds the id → appearances map (after claims were added by hand).
    pub fn reindex(&mut self) {
        // Built in article order, then sorted by key (stable, so the
        // appearances of one id stay in article order) without a copy of
        // the whole list: the desk's peak memory is reached here.
        let mut by_id: Vec<ClaimRef> = Vec::with_capacity(self.claim_count());
        for (a, art) in self.articles.iter().enumerate() {
            by_id.extend((0..art.extraction.claims.len()).map(|c| ClaimRef {
                article: a,
                claim: c,
            }));
        }
        by_id.sort_by_cached_key(|r| id_key(self.id(*r)));
        let keys: Vec<u64> = by_id.iter().map(|r| id_key(self.id(*r))).collect();
        // Keys of different ids may (rarely) collide: order each run of one
        // key by id, stably.
        let mut start = 0;
        while start < keys.len() {
            let end = start + keys[start..].partition_point(|k| *k == keys[start]);
            if end - start > 1 {
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

/// Reads and extracts the articles at `paths` in parallel; returns them in
/// the order of `paths`, with every problem met (skipped files, warnings).
/// `progress` is called after each article, from any thread.
pub fn load_articles(
    desk: &Desk,
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &(dyn Fn(LoadProgress) + Sync),
) -> (Vec<DeskArticle>, Vec<Problem>) {
    load_articles_cached(desk, paths, rules, progress, None)
}

/// Like [`load_articles`], reusing and then updating the extraction cache in
/// `cache_dir` (see [`cache`]).
pub fn load_articles_cached(
    desk: &Desk,
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &(dyn Fn(LoadProgress) + Sync),
    cache_dir: Option<&Path>,
) -> (Vec<DeskArticle>, Vec<Problem>) {
    let cache = cache_dir.map(|dir| ExtractCache::open(dir, &desk.root, rules));
    let total = paths.len();
    let done = AtomicUsize::new(0);
    let misses = AtomicUsize::new(0);
    type Loaded = Result<(DeskArticle, Vec<Problem>, Option<ContentHash>), Problem>;
    let results: Vec<Loaded> = paths
        .par_iter()
        .with_min_len(8)
        .map(|path| {
            let result = match &cache {
                None => load_one(desk, path, rules).map(|(a, w)| (a, w, None)),
                Some(cache) => load_article_reporting(path).map(|(article, warnings)| {
                    let hash = content_hash(&article.text);
                    let extraction = cache.get(&hash).unwrap_or_else(|| {
                        misses.fetch_add(1, Ordering::Relaxed);
                        extract_article(&article, rules)
                    });
                    (finish(desk, article, extraction), warnings, Some(hash))
                }),
            };
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(LoadProgress { done, total });
            result
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut hashes = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((article, warnings, hash)) => {
                hashes.extend(hash);
                articles.push(article);
                problems.extend(warnings);
            }
            Err(p) => problems.push(p),
        }
    }
    if let Some(cache) = cache
        && (misses.into_inner() > 0 || !cache.holds_exactly(&hashes))
    {
        cache.save(
            hashes
                .iter()
                .zip(&articles)
                .map(|(h, a)| (*h, &a.extraction)),
        );
    }
    (articles, problems)
}

/// An article and its extraction, trimmed for keeping.
fn finish(desk: &Desk, article: Article, mut extraction: Extraction) -> DeskArticle {
    extraction.sentences.shrink_to_fit();
    extraction.claims.shrink_to_fit();
    DeskArticle {
        rel: desk.relative(&article.path),
        article,
        extraction,
    }
}

/// Loads one article file and extracts it (no parallelism); also returns
/// the problems that did not stop it from loading.
pub fn load_one(
    desk: &Desk,
    path: &std::path::Path,
    rules: &RuleSet,
) -> Result<(DeskArticle, Vec<Problem>), Problem> {
    let (article, warnings): (Article, _) = load_article_reporting(path)?;
    let extraction = extract_article(&article, rules);
    Ok((finish(desk, article, extraction), warnings))
}
