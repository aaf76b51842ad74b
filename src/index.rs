//! A whole desk loaded: every article, extracted, with claims indexed by id.
//!
//! SKELETON: owned by the desk/CLI helper. Keep the public signatures (extend freely).

use std::collections::HashMap;

use crate::desk::{Article, Desk, load_article};
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
    by_id: HashMap<ClaimId, Vec<ClaimRef>>,
}

impl DeskIndex {
    /// Loads the desk's rules and articles and extracts every article.
    /// `progress` is called from time to time while articles load.
    pub fn load(
        desk: Desk,
        progress: &(dyn Fn(LoadProgress) + Sync),
    ) -> Result<DeskIndex, Vec<Problem>> {
        let rules = RuleSet::load(&desk.rules_dir())?;
        let (paths, mut problems) = desk.article_paths();
        let total = paths.len();
        let mut articles = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            match load_article(path) {
                Ok(article) => {
                    let extraction = extract_article(&article, &rules);
                    let rel = desk.relative(path);
                    articles.push(DeskArticle {
                        article,
                        rel,
                        extraction,
                    });
                }
                Err(p) => problems.push(p),
            }
            progress(LoadProgress { done: i + 1, total });
        }
        let mut index = DeskIndex {
            desk,
            rules,
            articles,
            problems,
            by_id: HashMap::new(),
        };
        index.reindex();
        Ok(index)
    }

    /// Rebuilds the id → appearances map (after claims were added by hand).
    pub fn reindex(&mut self) {
        self.by_id.clear();
        for (a, art) in self.articles.iter().enumerate() {
            for (c, claim) in art.extraction.claims.iter().enumerate() {
                self.by_id
                    .entry(claim.id.clone())
                    .or_default()
                    .push(ClaimRef {
                        article: a,
                        claim: c,
                    });
            }
        }
    }

    /// Every place a claim appears, in article order.
    pub fn appearances(&self, id: &ClaimId) -> &[ClaimRef] {
        self.by_id.get(id).map_or(&[], |v| v.as_slice())
    }

    /// Total number of claims (appearances) in the desk.
    pub fn claim_count(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.extraction.claims.len())
            .sum()
    }
}
