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
    compiled: Arc<OnceLock<Compiled>>,
}

/// What compiling on first use gave.
#[derive(Debug)]
enum Compiled {
    Ok(Regex),
    /// The pattern did not compile although the cache vouched for it: it
    /// matches nothing, and [`LazyRegex::failure`] says why, so the fronts
    /// report it instead of silently finding no claims.
    Failed {
        never: Regex,
        why: String,
    },
}

impl LazyRegex {
    /// A pattern already compiled.
    pub(super) fn compiled(regex: Regex) -> LazyRegex {
        LazyRegex {
            normalized: regex.as_str().to_string(),
            compiled: Arc::new(OnceLock::from(Compiled::Ok(regex))),
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

    /// The compiled pattern (compiled now if it was not yet). A trusted
    /// pattern that fails to compile matches nothing and is recorded
    /// ([`LazyRegex::failure`]) rather than stopping the analyst's session.
    pub fn regex(&self) -> &Regex {
        let compiled = self
            .compiled
            .get_or_init(|| match compile_normalized(&self.normalized) {
                Ok(regex) => Compiled::Ok(regex),
                Err(why) => Compiled::Failed {
                    never: Regex::new(r"[^\s\S]")
                        .unwrap_or_else(|_| unreachable!("an empty class is a valid regex")),
                    why,
                },
            });
        match compiled {
            Compiled::Ok(regex) | Compiled::Failed { never: regex, .. } => regex,
        }
    }

    /// Why the pattern did not compile, once it was tried and failed.
    pub fn failure(&self) -> Option<&str> {
        match self.compiled.get() {
            Some(Compiled::Failed { why, .. }) => Some(why),
            _ => None,
        }
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trusted_pattern_that_fails_is_recorded_and_matches_nothing() {
        let bad = LazyRegex::deferred("(unclosed".into());
        assert!(bad.failure().is_none(), "not tried yet");
        assert!(!bad.is_match("(unclosed anything"));
        assert!(bad.failure().is_some_and(|w| !w.is_empty()));
        let good = LazyRegex::deferred("ab+".into());
        assert!(good.is_match("xabbb"));
        assert!(good.failure().is_none());
    }
}
