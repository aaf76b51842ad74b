//! Rules: regexes in TOML files, validated and tested like code.
//!
//! SKELETON: owned by the rules helper. Keep the public signatures (extend freely).

use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::problem::Problem;

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Quote,
    Attribution,
    Number,
    Date,
    Event,
    Superlative,
    Comparison,
    Negation,
    /// A claim an analyst made by hand (no rule matched).
    Manual,
}

impl RuleKind {
    /// Every kind, in display order.
    pub const ALL: [RuleKind; 9] = [
        RuleKind::Quote,
        RuleKind::Attribution,
        RuleKind::Number,
        RuleKind::Date,
        RuleKind::Event,
        RuleKind::Superlative,
        RuleKind::Comparison,
        RuleKind::Negation,
        RuleKind::Manual,
    ];

    /// The name used in rule files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Quote => "quote",
            RuleKind::Attribution => "attribution",
            RuleKind::Number => "number",
            RuleKind::Date => "date",
            RuleKind::Event => "event",
            RuleKind::Superlative => "superlative",
            RuleKind::Comparison => "comparison",
            RuleKind::Negation => "negation",
            RuleKind::Manual => "manual",
        }
    }

    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One rule, loaded and compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub label: String,
    /// The pattern as written in the file.
    pub pattern: String,
    /// The compiled pattern (its literal text normalised like article text).
    pub regex: Regex,
    /// The rule file, relative to the rules folder, `/`-separated (e.g. `ar/quotes.toml`).
    pub file: String,
    /// 1-based line of the rule's table in its file.
    pub line: usize,
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
}

/// A match of one rule in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHit {
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: usize,
    /// Byte range in the normalised sentence.
    pub range: Range<usize>,
    /// Named captures: name and byte range in the normalised sentence.
    pub captures: Vec<(String, Range<usize>)>,
}

/// A set of loaded rules, ready to match normalised sentences.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The rules, in load order (files sorted by path, rules in file order).
    pub rules: Vec<Rule>,
    /// The folder they were loaded from (absolute).
    pub dir: PathBuf,
    /// A hash of every rule file's content (for caches).
    pub fingerprint: String,
}

impl RuleSet {
    /// Loads and validates every rule file under `dir`, reporting every problem
    /// at once (file, line, rule id).
    pub fn load(dir: &Path) -> Result<RuleSet, Vec<Problem>> {
        Ok(RuleSet {
            rules: Vec::new(),
            dir: dir.to_path_buf(),
            fingerprint: String::new(),
        })
    }

    /// Every rule that matches a normalised sentence, in rule order.
    pub fn hits(&self, _normalized_sentence: &str) -> Vec<RuleHit> {
        Vec::new()
    }

    /// True when a normalised paragraph starts a boilerplate block
    /// ("read also", tags, share…).
    pub fn is_boilerplate_start(&self, _normalized_paragraph: &str) -> bool {
        false
    }

    /// Finds a rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// The default rule pack shipped in the binary: (path relative to the rules
/// folder, file content). `claimdesk init` writes these into a new desk.
pub fn default_pack() -> &'static [(&'static str, &'static str)] {
    &[]
}
