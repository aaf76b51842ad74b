//! Patterns compiled when first used.
//!
//! Compiling a desk's rules is most of the time of loading them, and a
//! second start from the extraction cache needs almost none of them before
//! its first screen. Rules loaded on trust ([`super::RuleSet::load_trusting`])
//! keep their patterns as text and compile each one the first time it is
//! matched; rules loaded the usual way are compiled (and checked) at once.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::load::compile_normalized;

/// A rule's pattern: compiled now, or on first use. Clones share the
/// compiled regex (so a background thread can compile it for everyone).
#[derive(Debug, Clone)]
pub struct LazyRegex {
    /// The pattern as matched (normalised like article text).
    normalized: String,
    compiled: Arc<OnceLock<Regex>>,
}

impl LazyRegex {
    /// A pattern already compiled.
    pub(super) fn compiled(regex: Regex) -> LazyRegex {
        LazyRegex {
            normalized: regex.as_str().to_string(),
            compiled: Arc::new(OnceLock::from(regex)),
        }
    }

    /// A normalised pattern that compiled before (the rules are trusted), to
    /// compile on first use.
    pub(super) fn deferred(normalized: String) -> LazyRegex {
        LazyRegex {
            normalized,
            compiled: Arc::new(OnceLock::new()),
        }
    }

    /// The pattern as matched (normalised), without compiling it.
    pub fn pattern(&self) -> &str {
        &self.normalized
    }

    /// True once the pattern is compiled.
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// The compiled pattern (compiled now if it was not yet).
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            // Trusted rules compiled before with this very build, so this
            // does not fail; if it ever did, the rule would match nothing
            // rather than stop the analyst's session.
            compile_normalized(&self.normalized)
                .or_else(|_| Regex::new(r"[^\s\S]"))
                .unwrap_or_else(|_| unreachable!("an empty class is a valid regex"))
        })
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex()
    }
}
