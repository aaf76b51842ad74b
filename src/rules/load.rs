//! Loading rule files: every file under the rules folder, every problem at once.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use sha2::{Digest, Sha256};

use super::matcher::Matcher;
use super::pattern::normalize_pattern;
use super::table::{Loader, precompile};
use super::{Boilerplate, Rule, RuleSet, Sets, Veto};
use crate::problem::Problem;

/// Largest compiled size of one pattern, in bytes (`RegexBuilder::size_limit`).
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// Largest compiled size of the set of all patterns, in bytes.
pub const SET_SIZE_LIMIT: usize = 64 << 20;
/// Lazy DFA cache of one rule's regex, per thread, in bytes.
const RULE_DFA_LIMIT: usize = 8 << 20;
/// Lazy DFA cache of the set, per thread, in bytes.
const SET_DFA_LIMIT: usize = 32 << 20;

/// Reads every rule file under `dir` and loads them (on trust when
/// `trusted` says yes to their fingerprint, see [`RuleSet::load_trusting`]).
pub(super) fn load_dir(
    dir: &Path,
    trusted: &dyn Fn(&str) -> bool,
) -> Result<RuleSet, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![Problem::file(
            dir,
            "rules folder not found; create it (claimdesk init writes the default pack) \
             or point `rules` in claimdesk.toml at the right folder",
        )]);
    }
    // The same walker as the TUI's file watcher: both see the same files.
    let (mut rels, mut problems) =
        crate::desk::walk::files_under(dir, crate::desk::walk::is_rule_file);
    rels.sort();
    let mut files = Vec::new();
    for rel in rels {
        let path = dir.join(&rel);
        match read_rule_file(dir, &path) {
            Ok(text) => files.push((rel, text)),
            Err(p) => problems.push(p),
        }
    }
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    match load_files(dir, files, trusted) {
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

/// Reads one rule file through [`crate::bounded`]: a regular file, at most
/// [`MAX_RULE_FILE_BYTES`](crate::bounded::MAX_RULE_FILE_BYTES), UTF-8,
/// inside the rules folder once symbolic links are resolved, with a plain name.
fn read_rule_file(dir: &Path, path: &Path) -> Result<String, Problem> {
    use crate::bounded::{MAX_RULE_FILE_BYTES, outside, read_bounded, utf8};
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if matches!(crate::render::safe(&name), std::borrow::Cow::Owned(_)) {
        return Err(Problem::file(
            path,
            "the file name holds control, bidi or invisible characters (shown as ⟪…⟫ or ␛); \
             rename it plainly",
        ));
    }
    if let Some(real) = outside(dir, path) {
        return Err(Problem::file(
            path,
            format!(
                "symbolic link to {}, outside the rules folder; copy the rule file into the folder",
                real.display()
            ),
        ));
    }
    let bytes = read_bounded(path, MAX_RULE_FILE_BYTES)
        .map_err(|e| Problem::file(path, format!("rule file {e}")))?;
    utf8(bytes).map_err(|line| {
        Problem::file(
            path,
            "not UTF-8 (the first invalid byte is on this line); save the rule file as UTF-8",
        )
        .at_line(line)
    })
}

/// Loads in-memory rule files (relative path, content), already sorted; on
/// trust when `trusted` says yes to their fingerprint.
pub(super) fn load_files(
    dir: &Path,
    files: Vec<(String, String)>,
    trusted: &dyn Fn(&str) -> bool,
) -> Result<RuleSet, Vec<Problem>> {
    let mut hasher = Sha256::new();
    for (rel, text) in &files {
        hasher.update(rel.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    let fingerprint: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let defer = trusted(&fingerprint);
    let mut problems = Vec::new();
    let mut ctx = Loader {
        dir,
        problems: &mut problems,
        seen: HashMap::new(),
        rules: Vec::new(),
        boilerplate: Vec::new(),
        vetoes: Vec::new(),
        file_priority: 0,
        defer,
        compiled: if defer {
            HashMap::new()
        } else {
            precompile(&files)
        },
    };
    for (rel, text) in &files {
        ctx.load_file(rel, text);
    }
    let Loader {
        rules,
        boilerplate,
        vetoes,
        ..
    } = ctx;
    // Rule order: higher priority first, then files by path, rules in file order.
    let mut rules = rules;
    rules.sort_by_key(|r| std::cmp::Reverse(r.priority));
    // Claims keep rule indices as `u16`.
    if rules.len() > usize::from(u16::MAX) + 1 {
        problems.push(Problem::file(
            dir,
            format!(
                "{} rules: at most {} are supported",
                rules.len(),
                usize::from(u16::MAX) + 1
            ),
        ));
        return Err(problems);
    }
    let sets = Arc::new(OnceLock::new());
    if !defer {
        match build_sets(&rules, &vetoes, &boilerplate) {
            Ok(built) => {
                let _ = sets.set(built);
            }
            Err(e) => {
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
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RuleSet {
        rules,
        boilerplate,
        vetoes,
        dir: dir.to_path_buf(),
        fingerprint,
        sets,
    })
}

/// The sets over every pattern (from the patterns' text: nothing else is
/// compiled): the literal pass over the rules and vetoes, and the veto and
/// boilerplate sets, side by side.
pub(super) fn build_sets(
    rules: &[Rule],
    vetoes: &[Veto],
    boilerplate: &[Boilerplate],
) -> Result<Sets, regex::Error> {
    let patterns = || {
        rules
            .iter()
            .map(|r| r.regex.pattern())
            .chain(vetoes.iter().map(|v| v.regex.pattern()))
    };
    let (matcher, (veto_set, boilerplate_set)) = rayon::join(
        || Matcher::new(patterns(), rules.len()),
        || {
            rayon::join(
                || build_set(vetoes.iter().map(|v| v.regex.pattern())),
                || build_set(boilerplate.iter().map(|b| b.regex.pattern())),
            )
        },
    );
    Ok(Sets {
        matcher,
        veto_set: veto_set?,
        boilerplate_set: boilerplate_set?,
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
    let re = compile_normalized(&normalize_pattern(pattern))?;
    if re.is_match("") {
        return Err(
            "pattern matches the empty string, so it would match every sentence; \
                    make at least one part of it required"
                .to_string(),
        );
    }
    Ok(re)
}

/// Compiles an already normalised pattern, size-limited.
pub(super) fn compile_normalized(norm: &str) -> Result<Regex, String> {
    RegexBuilder::new(norm)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(RULE_DFA_LIMIT)
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
        })
}
