//! Reading a desk's articles in parallel, through the extraction cache.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::cache::{ContentHash, ExtractCache, FileEntry, FileStamp, content_hash, encode_parts};
use super::{ArticleKeys, DeskArticle, LoadProgress, PendingText, id_key};
use crate::desk::{Article, Desk, load_article_reporting};
use crate::extract::{ClaimId, Extraction, SentenceRole, extract_article};
use crate::problem::Problem;
use crate::rules::RuleSet;

/// Whether loading reads the texts of articles the cache knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Every text is read; the cache is looked up by a hash of the content.
    Read,
    /// A file whose stamp (size, times, inode) the cache recorded with its
    /// content is not read now: its article arrives without text
    /// ([`DeskArticle::pending`]), to be read in the background.
    Later,
}

/// Articles loaded from a desk's files.
#[derive(Debug, Default)]
pub struct LoadedArticles {
    /// In the order of the paths given (skipped files left out).
    pub articles: Vec<DeskArticle>,
    /// Skipped files and warnings.
    pub problems: Vec<Problem>,
    /// A fingerprint of every path and its stamp as loaded (see [`files_stamp`]).
    pub files_stamp: u64,
    /// The cache file used, if any.
    pub cache_file: Option<PathBuf>,
    /// The claims' id keys, one entry per article.
    pub keys: Vec<ArticleKeys>,
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
/// `cache_dir` (see [`super::cache`]). Every text is read.
pub fn load_articles_cached(
    desk: &Desk,
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &(dyn Fn(LoadProgress) + Sync),
    cache_dir: Option<&Path>,
) -> (Vec<DeskArticle>, Vec<Problem>) {
    let loaded = load_articles_with(desk, paths, rules, progress, cache_dir, Texts::Read);
    (loaded.articles, loaded.problems)
}

/// One path loaded.
struct One {
    article: DeskArticle,
    keys: ArticleKeys,
    warnings: Vec<Problem>,
    hash: ContentHash,
    /// When the content was extracted afresh (and a cache is in use): the id
    /// keys of its sentences that could be manual claims, for the cache.
    fresh: Option<Vec<u64>>,
    /// True when the cache knew the file by its stamp (it was not read).
    known: bool,
}

/// Like [`load_articles_cached`], choosing whether the texts the cache
/// vouches for are read now ([`Texts`]).
pub fn load_articles_with(
    desk: &Desk,
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &(dyn Fn(LoadProgress) + Sync),
    cache_dir: Option<&Path>,
    texts: Texts,
) -> LoadedArticles {
    let cache = cache_dir.map(|dir| ExtractCache::open(dir, &desk.root, rules));
    load_articles_from(desk, paths, rules, progress, cache, texts)
}

/// Like [`load_articles_with`], with the cache already open.
pub(super) fn load_articles_from(
    desk: &Desk,
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &(dyn Fn(LoadProgress) + Sync),
    cache: Option<ExtractCache>,
    texts: Texts,
) -> LoadedArticles {
    let total = paths.len();
    let done = AtomicUsize::new(0);
    let results: Vec<(Option<FileStamp>, Result<One, Problem>)> = paths
        .par_iter()
        .enumerate()
        .with_min_len(8)
        .map(|(at, path)| {
            // The stamp is taken before the file is read: a write in between
            // leaves a stamp that no longer matches, never a stale trusted one.
            let stamp = std::fs::metadata(path).ok().map(|m| FileStamp::of(&m));
            let result = match (&cache, stamp) {
                (Some(cache), Some(stamp)) if texts == Texts::Later => {
                    match from_cache(desk, cache, path, &stamp, at) {
                        Some(one) => Ok(one),
                        None => read_one(desk, path, rules, Some(cache)),
                    }
                }
                (cache, _) => read_one(desk, path, rules, cache.as_ref()),
            };
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(LoadProgress { done, total });
            (stamp, result)
        })
        .collect();
    let mut out = LoadedArticles {
        files_stamp: files_stamp(paths.iter().zip(results.iter().map(|(s, _)| *s))),
        cache_file: cache.as_ref().map(|c| c.path().to_path_buf()),
        ..Default::default()
    };
    // Every file known by its stamp: the cache is current when it records
    // exactly these files and contents (checked without building the list).
    let all_known = results
        .iter()
        .all(|(_, r)| r.as_ref().is_ok_and(|one| one.known));
    let mut loaded: Vec<(usize, Option<FileStamp>, ContentHash)> = Vec::with_capacity(total);
    // Fresh contents: the article holding each, its warnings, its sentence keys.
    let mut fresh: HashMap<ContentHash, (usize, Vec<Problem>, Vec<u64>)> = HashMap::new();
    for (i, (stamp, result)) in results.into_iter().enumerate() {
        match result {
            Ok(one) => {
                loaded.push((i, stamp, one.hash));
                if let Some(keys) = one.fresh {
                    let at = out.articles.len();
                    fresh.insert(one.hash, (at, one.warnings.clone(), keys));
                }
                out.articles.push(one.article);
                out.keys.push(one.keys);
                out.problems.extend(one.warnings);
            }
            Err(p) => out.problems.push(p),
        }
    }
    let Some(cache) = cache else {
        return out;
    };
    if all_known && cache.records_exactly(loaded.len(), loaded.iter().map(|l| &l.2)) {
        return out;
    }
    let files: Vec<FileEntry> = loaded
        .iter()
        .map(|&(i, stamp, hash)| FileEntry {
            path: paths[i].clone(),
            stamp,
            hash,
        })
        .collect();
    if !fresh.is_empty() || !cache.is_current(&files) {
        let hashes: HashSet<ContentHash> = fresh.keys().copied().collect();
        let encode = |hash: &ContentHash| {
            let (at, warnings, keys) = fresh.get(hash)?;
            let art = out.articles.get(*at)?;
            let warnings = warnings
                .iter()
                .map(|w| (w.line, w.subject.as_deref(), w.message.as_str()));
            Some(encode_parts(
                &art.article.body,
                &art.article.meta,
                warnings,
                &art.extraction,
                keys,
            ))
        };
        cache.save(&files, &hashes, &encode);
    }
    out
}

/// A fingerprint of article files: each path with its stamp (`None` when it
/// could not be looked at). Equal fingerprints: no file was added, removed
/// or written.
pub fn files_stamp<'a>(files: impl Iterator<Item = (&'a PathBuf, Option<FileStamp>)>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (path, stamp) in files {
        path.as_os_str().hash(&mut h);
        stamp.hash(&mut h);
    }
    h.finish()
}

/// The article at `path` as the cache knows it, without reading the file,
/// when the file's stamp is the one recorded.
fn from_cache(
    desk: &Desk,
    cache: &ExtractCache,
    path: &Path,
    stamp: &FileStamp,
    at: usize,
) -> Option<One> {
    let hash = cache.known_at(path, stamp, at)?;
    let (cached, sentences) = cache.get_lazily(&hash)?;
    let warnings = cached
        .warnings
        .into_iter()
        .map(|w| {
            let mut p = Problem::file(path, w.message);
            p.line = w.line;
            p.subject = w.subject;
            p
        })
        .collect();
    let article = Article {
        path: path.to_path_buf(),
        text: "".into(),
        body: cached.body,
        meta: cached.meta,
    };
    let extraction = trimmed(cached.extraction);
    Some(One {
        keys: ArticleKeys::of(&extraction.claims),
        article: DeskArticle {
            rel: desk.relative(path),
            article,
            extraction,
            pending: Some(Box::new(PendingText {
                hash,
                sentence_keys: cached.sentence_keys,
                sentences,
            })),
        },
        warnings,
        hash,
        fresh: None,
        known: true,
    })
}

/// Reads the article at `path`; its extraction comes from the cache when the
/// cache holds this content, else from the rules.
fn read_one(
    desk: &Desk,
    path: &Path,
    rules: &RuleSet,
    cache: Option<&ExtractCache>,
) -> Result<One, Problem> {
    let (article, warnings) = load_article_reporting(path)?;
    let hash = content_hash(article.text.as_bytes());
    let cached = cache.and_then(|c| c.get(&hash));
    let (extraction, fresh) = match cached {
        Some(c) => (c.extraction, None),
        None => {
            let extraction = extract_article(&article, rules);
            let fresh = cache.map(|_| sentence_keys(&article, &extraction));
            (extraction, fresh)
        }
    };
    let article = finish(desk, article, extraction);
    Ok(One {
        keys: ArticleKeys::of(&article.extraction.claims),
        article,
        warnings,
        hash,
        fresh,
        known: false,
    })
}

/// The id keys of the sentences that are neither claims nor boilerplate.
fn sentence_keys(article: &Article, extraction: &Extraction) -> Vec<u64> {
    let mut claimed = vec![false; extraction.sentences.len()];
    for c in &extraction.claims {
        if let Some(slot) = claimed.get_mut(c.sentence) {
            *slot = true;
        }
    }
    extraction
        .sentences
        .iter()
        .zip(claimed)
        .filter(|(s, claimed)| !claimed && s.role != SentenceRole::Boilerplate)
        .map(|(s, _)| {
            let text = article.text.get(s.range.clone()).unwrap_or("");
            id_key(&ClaimId::of_sentence(text))
        })
        .collect()
}

fn trimmed(mut extraction: Extraction) -> Extraction {
    extraction.sentences.shrink_to_fit();
    extraction.claims.shrink_to_fit();
    extraction
}

/// An article and its extraction, trimmed for keeping.
pub(super) fn finish(desk: &Desk, article: Article, extraction: Extraction) -> DeskArticle {
    DeskArticle {
        rel: desk.relative(&article.path),
        article,
        extraction: trimmed(extraction),
        pending: None,
    }
}

/// Loads one article file and extracts it (no parallelism); also returns
/// the problems that did not stop it from loading.
pub fn load_one(
    desk: &Desk,
    path: &Path,
    rules: &RuleSet,
) -> Result<(DeskArticle, Vec<Problem>), Problem> {
    let (article, warnings): (Article, _) = load_article_reporting(path)?;
    let extraction = extract_article(&article, rules);
    Ok((finish(desk, article, extraction), warnings))
}
