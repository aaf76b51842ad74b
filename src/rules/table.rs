//! Reading one rule file: its `[[rule]]`, `[[boilerplate]]` and `[[veto]]`
//! tables, checked key by key, with the line of every problem.

use std::collections::HashMap;
use std::path::Path;

use regex::Regex;
use toml::de::{DeTable, DeValue};

use super::load::compile;
use super::pattern::normalize_pattern;
use super::spans::{Table, closest, line_of, table_line};
use super::{Boilerplate, Extent, LazyRegex, Rule, RuleKind, Script, Veto};
use crate::problem::Problem;
use crate::text::normalize::normalize_str;

const RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "label",
    "pattern",
    "exclude",
    "priority",
    "examples",
    "counter_examples",
];
const BOILERPLATE_KEYS: &[&str] = &[
    "id",
    "label",
    "pattern",
    "extent",
    "examples",
    "counter_examples",
];
const VETO_KEYS: &[&str] = &["id", "label", "pattern", "examples", "counter_examples"];

/// Which table a `[[…]]` entry came from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Rule,
    Boilerplate,
    Veto,
}

impl Section {
    pub(super) fn name(self) -> &'static str {
        match self {
            Section::Rule => "rule",
            Section::Boilerplate => "boilerplate",
            Section::Veto => "veto",
        }
    }
    fn keys(self) -> &'static [&'static str] {
        match self {
            Section::Rule => RULE_KEYS,
            Section::Boilerplate => BOILERPLATE_KEYS,
            Section::Veto => VETO_KEYS,
        }
    }
}

pub(super) struct Loader<'p> {
    pub(super) dir: &'p Path,
    pub(super) problems: &'p mut Vec<Problem>,
    /// Every id seen so far: (file, line) of its first definition.
    pub(super) seen: HashMap<String, (String, usize)>,
    pub(super) rules: Vec<Rule>,
    pub(super) boilerplate: Vec<Boilerplate>,
    pub(super) vetoes: Vec<Veto>,
    /// The current file's top-level `priority` (default 0).
    pub(super) file_priority: i64,
    /// Loading on trust: patterns are kept to compile on first use, and
    /// neither compiled nor checked against their examples now.
    pub(super) defer: bool,
    /// Patterns compiled ahead, in parallel ([`precompile`]).
    pub(super) compiled: HashMap<String, Result<Regex, String>>,
}

/// Compiles every `pattern` and `exclude` string of these rule files at
/// once, on every core, for the loader to take as it meets them (compiling
/// is most of the time of loading rules). Files that do not parse are left
/// to the loader to report.
pub(super) fn precompile(files: &[(String, String)]) -> HashMap<String, Result<Regex, String>> {
    use rayon::prelude::*;
    let mut patterns = Vec::new();
    for (_, text) in files {
        let (doc, _) = DeTable::parse_recoverable(text);
        for (_, value) in doc.get_ref().iter() {
            let tables = value
                .get_ref()
                .as_array()
                .into_iter()
                .flat_map(|a| a.iter());
            for table in tables.filter_map(|t| t.get_ref().as_table()) {
                for key in ["pattern", "exclude"] {
                    if let Some(p) = table.get(key).and_then(|v| v.get_ref().as_str()) {
                        patterns.push(p.to_string());
                    }
                }
            }
        }
    }
    patterns.sort_unstable();
    patterns.dedup();
    patterns
        .into_par_iter()
        .map(|p| {
            let re = compile(&p);
            (p, re)
        })
        .collect()
}

impl Loader<'_> {
    pub(super) fn load_file(&mut self, rel: &str, text: &str) {
        let path = self.dir.join(rel);
        let (doc, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            for e in errors {
                let mut p = Problem::file(
                    &path,
                    format!("TOML syntax error: {}; fix the file", e.message().trim()),
                );
                if let Some(span) = e.span() {
                    p = p.at_line(line_of(text, span.start));
                }
                self.problems.push(p);
            }
            return;
        }
        self.file_priority = 0;
        if let Some(v) = doc.get_ref().get("priority") {
            match integer(v.get_ref()) {
                Some(p) => self.file_priority = p,
                None => self.problems.push(
                    Problem::file(&path, "`priority` must be an integer, like priority = 50")
                        .at_line(line_of(text, v.span().start)),
                ),
            }
        }
        for (key, value) in doc.get_ref().iter() {
            let section = match key.get_ref().as_ref() {
                "priority" => continue,
                "rule" => Section::Rule,
                "boilerplate" => Section::Boilerplate,
                "veto" => Section::Veto,
                other => {
                    self.problems.push(
                        Problem::file(
                            &path,
                            format!(
                                "unknown top-level key `{other}`; a rule file holds only \
                                 `priority` and [[rule]], [[boilerplate]] and [[veto]] tables"
                            ),
                        )
                        .at_line(line_of(text, key.span().start)),
                    );
                    continue;
                }
            };
            let Some(items) = value.get_ref().as_array() else {
                self.problems.push(
                    Problem::file(
                        &path,
                        format!(
                            "`{}` must be an array of tables: write [[{}]]",
                            section.name(),
                            section.name()
                        ),
                    )
                    .at_line(line_of(text, key.span().start)),
                );
                continue;
            };
            for item in items.iter() {
                let Some(table) = item.get_ref().as_table() else {
                    self.problems.push(
                        Problem::file(&path, format!("[[{}]] must be a table", section.name()))
                            .at_line(line_of(text, item.span().start)),
                    );
                    continue;
                };
                let line = table_line(text, table, item.span().start);
                let subject = table
                    .get("id")
                    .and_then(|v| v.get_ref().as_str())
                    .unwrap_or("(no id)")
                    .to_string();
                let t = Table {
                    path: path.clone(),
                    text,
                    table,
                    line,
                    subject,
                    section,
                };
                self.load_table(rel, &t);
            }
        }
    }

    fn load_table(&mut self, rel: &str, t: &Table) {
        let before = self.problems.len();
        // Unknown keys.
        for (key, _) in t.table.iter() {
            let k = key.get_ref().as_ref();
            if !t.section.keys().contains(&k) {
                let hint = closest(k, t.section.keys())
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                self.problems.push(t.problem(
                    line_of(t.text, key.span().start),
                    format!(
                        "unknown key `{k}` in [[{}]]; {hint}allowed keys: {}",
                        t.section.name(),
                        t.section.keys().join(", ")
                    ),
                ));
            }
        }
        let id = self.string(t, "id", true);
        let pattern = self.string(t, "pattern", true);
        let label = self.string(t, "label", t.section == Section::Rule);
        let examples = self.strings(t, "examples", true);
        let counters = self.strings(t, "counter_examples", false);
        let kind = if t.section == Section::Rule {
            self.string(t, "kind", true).and_then(|(k, line)| {
                let kind = RuleKind::parse(&k).filter(|k| *k != RuleKind::Manual);
                if kind.is_none() {
                    let names: Vec<&str> = RuleKind::ALL[..RuleKind::ALL.len() - 1]
                        .iter()
                        .map(|k| k.as_str())
                        .collect();
                    self.problems.push(t.problem(
                        line,
                        format!("unknown kind `{k}`; use one of: {}", names.join(", ")),
                    ));
                }
                kind
            })
        } else {
            None
        };
        let exclude = self.string(t, "exclude", false);
        let priority = match t.table.get("priority") {
            None => self.file_priority,
            Some(v) => integer(v.get_ref()).unwrap_or_else(|| {
                self.problems.push(t.problem(
                    line_of(t.text, v.span().start),
                    "`priority` must be an integer, like priority = 50".into(),
                ));
                0
            }),
        };
        let extent = if t.section == Section::Boilerplate {
            self.extent(t)
        } else {
            Some(Extent::Paragraph)
        };
        if let Some((id, line)) = &id {
            if id.trim().is_empty() {
                self.problems
                    .push(t.problem(*line, "empty id; give the table a unique id".into()));
            } else if matches!(crate::render::safe(id), std::borrow::Cow::Owned(_)) {
                // Ids are printed, written into verdict files and pushed.
                self.problems.push(t.problem(
                    *line,
                    format!(
                        "id \"{}\" holds control, bidi or invisible characters; write it plainly",
                        crate::render::safe(id)
                    ),
                ));
            } else if let Some((file, first)) = self.seen.get(id) {
                self.problems.push(t.problem(
                    *line,
                    format!(
                        "duplicate id: already used at {}:{first}; ids must be unique across \
                         all rule files, rename one",
                        self.dir.join(file).display()
                    ),
                ));
            } else {
                self.seen.insert(id.clone(), (rel.to_string(), t.line));
            }
        }
        let regex = pattern
            .as_ref()
            .and_then(|(p, line)| match self.compile(p) {
                Ok(re) => Some(re),
                Err(msg) => {
                    self.problems.push(t.problem(*line, msg));
                    None
                }
            });
        let exclude_re = exclude
            .as_ref()
            .and_then(|(p, line)| match self.compile(p) {
                Ok(re) => Some(re),
                Err(msg) => {
                    self.problems
                        .push(t.problem(*line, format!("in `exclude`: {msg}")));
                    None
                }
            });
        if let (Some(re), Some(examples), false) = (&regex, &examples, self.defer) {
            if examples.is_empty() {
                self.problems.push(t.problem(
                    t.line,
                    "`examples` is empty; add at least one sentence the pattern must match".into(),
                ));
            }
            let fires = |s: &str| {
                let n = normalize_str(s);
                let n = n.trim();
                re.is_match(n) && !exclude_re.as_ref().is_some_and(|x| x.is_match(n))
            };
            for (ex, line) in examples {
                if !fires(ex) {
                    self.problems.push(t.problem(
                        *line,
                        format!(
                            "example does not match: «{ex}»; widen the pattern or fix the example"
                        ),
                    ));
                }
            }
            for (ex, line) in counters.iter().flatten() {
                if fires(ex) {
                    self.problems.push(t.problem(
                        *line,
                        format!(
                            "counter-example matches: «{ex}»; narrow the pattern \
                             (or add an `exclude`)"
                        ),
                    ));
                }
            }
        }
        if self.problems.len() > before {
            return;
        }
        let (Some((id, _)), Some((pattern, _)), Some(regex), Some(extent)) =
            (id, pattern, regex, extent)
        else {
            return;
        };
        let label = label.map_or_else(|| id.clone(), |(l, _)| l);
        let file = rel.to_string();
        match t.section {
            Section::Rule => {
                let Some(kind) = kind else { return };
                let strings = |v: Option<Vec<(String, usize)>>| {
                    v.unwrap_or_default().into_iter().map(|(s, _)| s).collect()
                };
                self.rules.push(Rule {
                    id,
                    kind,
                    label,
                    pattern,
                    regex,
                    file,
                    line: t.line,
                    examples: strings(examples),
                    counter_examples: strings(counters),
                    exclude: exclude_re,
                    script: Script::of_file(rel),
                    priority,
                });
            }
            Section::Boilerplate => self.boilerplate.push(Boilerplate {
                id,
                pattern,
                regex,
                extent,
                file,
                line: t.line,
            }),
            Section::Veto => self.vetoes.push(Veto {
                id,
                label,
                pattern,
                regex,
                file,
                line: t.line,
            }),
        }
    }

    /// A pattern compiled, ahead ([`precompile`]) or now; or, on trust,
    /// kept to compile on first use.
    fn compile(&self, pattern: &str) -> Result<LazyRegex, String> {
        if self.defer {
            return Ok(LazyRegex::deferred(normalize_pattern(pattern)));
        }
        match self.compiled.get(pattern) {
            Some(done) => done.clone(),
            None => compile(pattern),
        }
        .map(LazyRegex::compiled)
    }

    /// A string value and its line; reports a missing (when required) or mistyped key.
    fn string(&mut self, t: &Table, key: &str, required: bool) -> Option<(String, usize)> {
        match t.table.get(key) {
            None => {
                if required {
                    self.problems.push(t.missing(key));
                }
                None
            }
            Some(v) => match v.get_ref().as_str() {
                Some(s) => Some((s.to_string(), line_of(t.text, v.span().start))),
                None => {
                    self.problems.push(t.problem(
                        line_of(t.text, v.span().start),
                        format!("`{key}` must be a string, not {}", v.get_ref().type_str()),
                    ));
                    None
                }
            },
        }
    }

    /// An array of strings, each with its line.
    fn strings(&mut self, t: &Table, key: &str, required: bool) -> Option<Vec<(String, usize)>> {
        let v = match t.table.get(key) {
            None => {
                if required {
                    self.problems.push(t.missing(key));
                }
                return None;
            }
            Some(v) => v,
        };
        let Some(items) = v.get_ref().as_array() else {
            self.problems.push(t.problem(
                line_of(t.text, v.span().start),
                format!("`{key}` must be an array of strings, like [\"…\", \"…\"]"),
            ));
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let line = line_of(t.text, item.span().start);
            match item.get_ref().as_str() {
                Some(s) => out.push((s.to_string(), line)),
                None => self
                    .problems
                    .push(t.problem(line, format!("every item of `{key}` must be a string"))),
            }
        }
        Some(out)
    }

    fn extent(&mut self, t: &Table) -> Option<Extent> {
        let Some(v) = t.table.get("extent") else {
            return Some(Extent::Paragraph);
        };
        let line = line_of(t.text, v.span().start);
        let bad = "`extent` must be \"paragraph\", \"end\" or a number of following paragraphs";
        match v.get_ref() {
            DeValue::String(s) if s == "paragraph" => Some(Extent::Paragraph),
            DeValue::String(s) if s == "end" => Some(Extent::End),
            DeValue::Integer(i) => match i.as_str().parse::<u32>() {
                Ok(n) if i.radix() == 10 => Some(Extent::Next(n)),
                _ => {
                    self.problems.push(t.problem(line, bad.into()));
                    None
                }
            },
            _ => {
                self.problems.push(t.problem(line, bad.into()));
                None
            }
        }
    }
}

/// A decimal TOML integer.
fn integer(v: &DeValue) -> Option<i64> {
    match v {
        DeValue::Integer(i) if i.radix() == 10 => i.as_str().parse().ok(),
        _ => None,
    }
}
