//! A problem found in user input (a file, a line, what is wrong, what to do).

use std::fmt;
use std::path::PathBuf;

/// One problem in a desk's input, reported with its location.
///
/// Displayed like a compiler diagnostic:
/// `rules/ar/quotes.toml:12: rule "ar.said-that": regex parse error …`.
/// The display is safe to print on a terminal: the path, the subject and
/// each line of the message go through [`crate::render::safe`] (a path or an
/// id from a pulled file may hold escape sequences).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned, as given (usually relative to the desk root).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The rule or claim id concerned, when there is one.
    pub subject: Option<String>,
    /// What is wrong and, where possible, what to do about it.
    pub message: String,
}

impl Problem {
    /// A problem with a file as a whole.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line: None,
            subject: None,
            message: message.into(),
        }
    }

    /// Sets the line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the subject (a rule id or claim id).
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::render::{safe, safe_text};
        write!(f, "{}", safe(&self.path.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(subject) = &self.subject {
            write!(f, "\"{}\": ", safe(subject))?;
        }
        write!(f, "{}", safe_text(&self.message))
    }
}

/// 1-based line of byte offset `at` in `text` (offsets past the end count as
/// the last line): how every problem gets its line from a parser's span.
pub fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
