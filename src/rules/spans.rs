//! Spans in a rule file: lines of tables and keys, messages about them.

use std::path::PathBuf;

use toml::Spanned;
use toml::de::DeTable;

use super::table::Section;
use crate::problem::Problem;

/// One `[[…]]` table being read, for messages.
pub(super) struct Table<'a, 'i> {
    pub(super) path: PathBuf,
    pub(super) text: &'a str,
    pub(super) table: &'a DeTable<'i>,
    pub(super) line: usize,
    pub(super) subject: String,
    pub(super) section: Section,
}

impl Table<'_, '_> {
    pub(super) fn problem(&self, line: usize, message: String) -> Problem {
        Problem::file(&self.path, message)
            .at_line(line)
            .about(self.subject.clone())
    }

    pub(super) fn missing(&self, key: &str) -> Problem {
        let what = match key {
            "id" => "a unique id such as \"ar.said-that\"",
            "kind" => "one of the rule kinds (see docs/rules.md)",
            "label" => "a short name shown to analysts",
            "pattern" => "the regex",
            "examples" => "sentences the pattern must match",
            _ => "a value",
        };
        self.problem(
            self.line,
            format!(
                "missing key `{key}` in [[{}]]; add {what}",
                self.section.name()
            ),
        )
    }
}

/// The line of a table's `[[…]]` header: the nearest header line above its first key.
pub(super) fn table_line(text: &str, table: &DeTable, fallback: usize) -> usize {
    let first = table
        .iter()
        .map(|(k, _): (&Spanned<_>, _)| k.span().start)
        .min()
        .unwrap_or(fallback);
    let key_line = line_of(text, first);
    let lines: Vec<&str> = text.lines().take(key_line).collect();
    for (i, l) in lines.iter().enumerate().rev() {
        let l = l.trim_start();
        if l.starts_with("[[") {
            return i + 1;
        }
        if l.starts_with('[') && i + 1 != key_line {
            break;
        }
    }
    key_line
}

pub(super) use crate::problem::line_of;

/// The allowed key closest to a misspelt one (edit distance at most 2).
pub(super) fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
