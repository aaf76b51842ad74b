//! Claims from articles: segment, mark boilerplate, match rules, build claims.
//!
//! SKELETON: owned by the rules helper. Keep the public signatures (extend freely).

use std::fmt;
use std::ops::Range;

use crate::desk::Article;
use crate::rules::{RuleKind, RuleSet};

/// What a sentence is, for display and for whether it can be a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceRole {
    /// Ordinary article text.
    Body,
    /// A headline, section header or other bare line without final punctuation.
    Heading,
    /// Part of a block a reader knows is not the article ("read also", tags…).
    Boilerplate,
}

/// A sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
    pub paragraph: u32,
    pub role: SentenceRole,
}

/// A claim's id: derived from its normalised sentence text alone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId(pub String);

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ClaimId {
    /// The id of a sentence (as written in the article).
    pub fn of_sentence(sentence: &str) -> ClaimId {
        use sha2::{Digest, Sha256};
        let norm = crate::text::normalize::normalize_str(sentence);
        let canon: Vec<&str> = norm.split_whitespace().collect();
        let digest = Sha256::digest(canon.join(" ").as_bytes());
        let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        ClaimId(hex)
    }
}

/// Where one rule matched inside a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMatch {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
    /// Named captures with byte ranges in [`Article::text`].
    pub captures: Vec<(String, Range<usize>)>,
}

/// A sentence that at least one rule matched (or an analyst marked by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: ClaimId,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// Byte range of the sentence in [`Article::text`].
    pub range: Range<usize>,
    /// Indices into [`RuleSet::rules`] of every matching rule; the first owns the claim.
    /// Empty for a manual claim.
    pub rules: Vec<usize>,
    pub matches: Vec<ClaimMatch>,
    /// The kind: the owning rule's kind, or [`RuleKind::Manual`].
    pub kind: RuleKind,
}

impl Claim {
    /// True when an analyst made this claim by hand.
    pub fn is_manual(&self) -> bool {
        self.rules.is_empty()
    }
}

/// The sentences and claims of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
}

/// Extracts the claims of one article.
pub fn extract_article(article: &Article, rules: &RuleSet) -> Extraction {
    let segs = crate::text::segment::sentences(&article.text, article.body.clone());
    let sentences: Vec<Sentence> = segs
        .into_iter()
        .map(|s| Sentence {
            range: s.range,
            paragraph: s.paragraph,
            role: SentenceRole::Body,
        })
        .collect();
    let _ = rules;
    Extraction {
        sentences,
        claims: Vec::new(),
    }
}

/// Makes a manual claim of sentence `index` (no rule matched it).
pub fn manual_claim(article: &Article, extraction: &Extraction, index: usize) -> Claim {
    let s = &extraction.sentences[index];
    Claim {
        id: ClaimId::of_sentence(&article.text[s.range.clone()]),
        sentence: index,
        range: s.range.clone(),
        rules: Vec::new(),
        matches: Vec::new(),
        kind: RuleKind::Manual,
    }
}
