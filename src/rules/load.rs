//! Loading rule files: TOML with spans, every problem reported at once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::pattern::normalize_pattern;
use super::{Boilerplate, Extent, Prefilter, Rule, RuleKind, RuleSet, Script, Veto};
use crate::problem::Problem;
use crate::text::normalize::normalize_str;

/// Largest compiled size of one pattern, in bytes (`RegexBuilder::size_limit`).
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// Largest compiled size of the set of all patterns, in bytes.
pub const SET_SIZE_LIMIT: usize = 64 << 20;
/// Lazy DFA cache of the set, per thread, in bytes.
const SET_DFA_LIMIT: usize = 32 << 20;

const RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "label",
    "pattern",
    "exclude",
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

/// Reads every rule file under `dir` and loads them.
pub(super) fn load_dir(dir: &Path) -> Result<RuleSet, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![Problem::file(
            dir,
            "rules folder not found; create it (claimdesk init writes the default pack) \
             or point `rules` in claimdesk.toml at the right folder",
        )]);
    }
    let mut rels = Vec::new();
    let mut problems = Vec::new();
    collect_files(dir, "", &mut rels, &mut problems);
    rels.sort();
    let mut files = Vec::new();
    for rel in rels {
        let path = dir.join(&rel);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((rel, text)),
                Err(_) => problems.push(Problem::file(
                    &path,
                    "not UTF-8; save the rule file as UTF-8",
                )),
            },
            Err(e) => problems.push(Problem::file(&path, format!("cannot read: {e}"))),
        }
    }
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    match load_files(dir, files) {
        Ok(mut set) if problems.is_empty() => {
            set.dir = abs;
            Ok(set)
        }
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// Rule files under `dir/rel`, as `/`-separated paths relative to the rules folder.
fn collect_files(dir: &Path, rel: &str, out: &mut Vec<String>, problems: &mut Vec<Problem>) {
    let here = if rel.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(rel)
    };
    let entries = match std::fs::read_dir(&here) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::file(&here, format!("cannot list folder: {e}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let child = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            collect_files(dir, &child, out, problems);
        } else if name.ends_with(".toml") && !name.ends_with(".verdicts.toml") {
            out.push(child);
        }
    }
}

/// Which table a `[[…]]` entry came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Rule,
    Boilerplate,
    Veto,
}

impl Section {
    fn name(self) -> &'static str {
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

/// Loads in-memory rule files (relative path, content), already sorted.
pub(super) fn load_files(
    dir: &Path,
    files: Vec<(String, String)>,
) -> Result<RuleSet, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut hasher = Sha256::new();
    let mut ctx = Loader {
        dir,
        problems: &mut problems,
        seen: HashMap::new(),
        rules: Vec::new(),
        boilerplate: Vec::new(),
        vetoes: Vec::new(),
    };
    for (rel, text) in &files {
        hasher.update(rel.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
        ctx.load_file(rel, text);
    }
    let Loader {
        rules,
        boilerplate,
        vetoes,
        ..
    } = ctx;
    let prefilter = |skip: Script| {
        let idx: Vec<usize> = (0..rules.len())
            .filter(|&i| rules[i].script != skip)
            .collect();
        build_set(idx.iter().map(|&i| rules[i].regex.as_str()))
            .map(|set| Prefilter { set, rules: idx })
    };
    let arabic = prefilter(Script::NonArabic);
    let other = prefilter(Script::Arabic);
    let veto_set = build_set(vetoes.iter().map(|v| v.regex.as_str()));
    let (arabic, other, veto_set) = match (arabic, other, veto_set) {
        (Ok(a), Ok(o), Ok(v)) => (a, o, v),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            problems.push(Problem::file(
                dir,
                format!(
                    "all patterns together compile to more than {} MiB: {e}; \
                     remove or narrow some rules",
                    SET_SIZE_LIMIT >> 20
                ),
            ));
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let digest = hasher.finalize();
    Ok(RuleSet {
        rules,
        boilerplate,
        vetoes,
        dir: dir.to_path_buf(),
        fingerprint: digest.iter().take(8).map(|b| format!("{b:02x}")).collect(),
        arabic,
        other,
        veto_set,
    })
}

fn build_set<'a>(patterns: impl Iterator<Item = &'a str>) -> Result<RegexSet, regex::Error> {
    RegexSetBuilder::new(patterns)
        .size_limit(SET_SIZE_LIMIT)
        .dfa_size_limit(SET_DFA_LIMIT)
        .build()
}

/// Compiles a pattern as written: literals normalised, size-limited.
pub(super) fn compile(pattern: &str) -> Result<Regex, String> {
    let norm = normalize_pattern(pattern);
    let re = RegexBuilder::new(&norm)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => format!(
                "pattern too big: it compiles to more than {} KiB (the limit for one pattern); \
                 split it into several rules or use narrower classes than \\w or \\p{{L}} \
                 with large repetition counts",
                limit / 1024
            ),
            other => format!(
                "pattern is not a valid regex; fix it (it is matched against normalised text, \
                 see docs/rules.md):\n{other}"
            ),
        })?;
    if re.is_match("") {
        return Err(
            "pattern matches the empty string, so it would match every sentence; \
                    make at least one part of it required"
                .to_string(),
        );
    }
    Ok(re)
}

struct Loader<'p> {
    dir: &'p Path,
    problems: &'p mut Vec<Problem>,
    /// Every id seen so far: (file, line) of its first definition.
    seen: HashMap<String, (String, usize)>,
    rules: Vec<Rule>,
    boilerplate: Vec<Boilerplate>,
    vetoes: Vec<Veto>,
}

/// One `[[…]]` table being read, for messages.
struct Table<'a, 'i> {
    path: PathBuf,
    text: &'a str,
    table: &'a DeTable<'i>,
    line: usize,
    subject: String,
    section: Section,
}

impl Loader<'_> {
    fn load_file(&mut self, rel: &str, text: &str) {
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
        for (key, value) in doc.get_ref().iter() {
            let section = match key.get_ref().as_ref() {
                "rule" => Section::Rule,
                "boilerplate" => Section::Boilerplate,
                "veto" => Section::Veto,
                other => {
                    self.problems.push(
                        Problem::file(
                            &path,
                            format!(
                                "unknown top-level key `{other}`; a rule file holds only \
                                 [[rule]], [[boilerplate]] and [[veto]] tables"
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
        let extent = if t.section == Section::Boilerplate {
            self.extent(t)
        } else {
            Some(Extent::Paragraph)
        };
        if let Some((id, line)) = &id {
            if id.trim().is_empty() {
                self.problems
                    .push(t.problem(*line, "empty id; give the table a unique id".into()));
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
        let regex = pattern.as_ref().and_then(|(p, line)| match compile(p) {
            Ok(re) => Some(re),
            Err(msg) => {
                self.problems.push(t.problem(*line, msg));
                None
            }
        });
        let exclude_re = exclude.as_ref().and_then(|(p, line)| match compile(p) {
            Ok(re) => Some(re),
            Err(msg) => {
                self.problems
                    .push(t.problem(*line, format!("in `exclude`: {msg}")));
                None
            }
        });
        if let (Some(re), Some(examples)) = (&regex, &examples) {
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

impl Table<'_, '_> {
    fn problem(&self, line: usize, message: String) -> Problem {
        Problem::file(&self.path, message)
            .at_line(line)
            .about(self.subject.clone())
    }

    fn missing(&self, key: &str) -> Problem {
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
fn table_line(text: &str, table: &DeTable, fallback: usize) -> usize {
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

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The allowed key closest to a misspelt one (edit distance at most 2).
fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
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
