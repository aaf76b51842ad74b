//! The verdict store: analysts' verdicts in TOML files beside the rules,
//! written durably, merged three-way, at home in git.
//!
//! - [`format`]: the file layout (write and parse).
//! - [`merge`]: the per-claim three-way merge (also the git merge driver's).
//! - [`durable`]: atomic writes and the side-file lock.
//! - [`git`]: unmerged-path checks, merge-driver registration helpers.
//! - [`writer`]: [`writer::StoreWriter`], the background writer for the TUI.
//! - [`attach`]: stale verdicts, re-attachment, manual claims.
//! - [`diagnose`]: what [`check`] reports.

pub mod attach;
pub mod diagnose;
pub mod durable;
pub mod format;
pub mod git;
pub mod merge;
pub mod time;
pub mod writer;

pub use attach::{Reattached, attach, attach_manual_claims, stale};
pub use diagnose::check;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::extract::ClaimId;
use crate::problem::Problem;
use durable::{DirLock, Fingerprint};
use format::Records;

/// The verdict file of manual claims, relative to the rules folder.
pub const MANUAL_FILE: &str = "manual.verdicts.toml";
/// The `rule` recorded for a manual claim.
pub const MANUAL_RULE: &str = "manual";
/// Suffix of verdict files.
pub const VERDICTS_SUFFIX: &str = ".verdicts.toml";

/// An analyst's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    Confirmed,
    Disputed,
    Unverified,
}

impl Verdict {
    /// The word used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Disputed => "disputed",
            Verdict::Unverified => "unverified",
        }
    }

    /// Parses a verdict word.
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "confirmed" => Some(Verdict::Confirmed),
            "disputed" => Some(Verdict::Disputed),
            "unverified" => Some(Verdict::Unverified),
            _ => None,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which rule file owns a claim, and so which verdict file holds its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// Owned by a rule: its id and its file relative to the rules folder (`ar/quotes.toml`).
    Rule { id: String, file: String },
    /// Made by hand in the TUI.
    Manual,
}

impl Owner {
    /// The verdict file, relative to the rules folder
    /// (`ar/quotes.toml` → `ar/quotes.verdicts.toml`; manual → `manual.verdicts.toml`).
    pub fn verdict_file(&self) -> String {
        match self {
            Owner::Rule { file, .. } => verdict_file_for(file),
            Owner::Manual => MANUAL_FILE.to_string(),
        }
    }

    /// The `rule` field written in records.
    pub fn rule_id(&self) -> &str {
        match self {
            Owner::Rule { id, .. } => id,
            Owner::Manual => MANUAL_RULE,
        }
    }
}

/// The verdict file of a rule file (both relative to the rules folder).
pub fn verdict_file_for(rule_file: &str) -> String {
    let stem = rule_file.strip_suffix(".toml").unwrap_or(rule_file);
    format!("{stem}{VERDICTS_SUFFIX}")
}

/// One side of a conflict a merge recorded: what the other analyst said.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Judgement {
    pub verdict: Option<Verdict>,
    pub note: String,
    pub evidence: Vec<String>,
    pub analyst: String,
    pub updated: String,
}

/// One verdict as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictRecord {
    pub id: ClaimId,
    /// `None` for a manual claim not judged yet.
    pub verdict: Option<Verdict>,
    /// The claim's sentence as quoted when the verdict was given.
    pub claim: String,
    /// The owning rule's id, or `manual`.
    pub rule: String,
    /// Articles (desk-relative paths) the claim appeared in.
    pub articles: Vec<String>,
    pub note: String,
    pub evidence: Vec<String>,
    pub analyst: String,
    /// UTC timestamp, RFC 3339 (`2026-11-21T09:40:00Z`).
    pub updated: String,
    /// Re-attached to a sentence whose text changed: "text changed, re-check".
    pub recheck: bool,
    /// Other judgements a merge found for this claim, to be resolved by an
    /// analyst (any save of the record through [`VerdictStore::apply`] resolves them).
    pub conflicts: Vec<Judgement>,
}

impl VerdictRecord {
    /// The analyst's judgement in this record (what a conflict compares).
    pub fn judgement(&self) -> Judgement {
        Judgement {
            verdict: self.verdict,
            note: self.note.clone(),
            evidence: self.evidence.clone(),
            analyst: self.analyst.clone(),
            updated: self.updated.clone(),
        }
    }

    /// True for a claim an analyst made by hand.
    pub fn is_manual(&self) -> bool {
        self.rule == MANUAL_RULE
    }
}

impl Default for VerdictRecord {
    fn default() -> Self {
        VerdictRecord {
            id: ClaimId(String::new()),
            verdict: None,
            claim: String::new(),
            rule: String::new(),
            articles: Vec::new(),
            note: String::new(),
            evidence: Vec::new(),
            analyst: String::new(),
            updated: String::new(),
            recheck: false,
            conflicts: Vec::new(),
        }
    }
}

/// A change to one claim's verdict, as the TUI or `mark` asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictChange {
    pub id: ClaimId,
    /// `Some(None)` clears the verdict; `None` leaves it as is (a note-only change).
    pub verdict: Option<Option<Verdict>>,
    /// `None` leaves the note as is.
    pub note: Option<String>,
    /// `None` leaves the evidence as is.
    pub evidence: Option<Vec<String>>,
    /// The claim's sentence as written now.
    pub claim: String,
    pub owner: Owner,
    pub articles: Vec<String>,
    pub analyst: String,
}

/// Why the store could not save.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file has unresolved git conflicts (or conflict markers): not written.
    #[error("{path}: {why}; not written until it is resolved")]
    Blocked { path: PathBuf, why: String },
    /// The file on disk is not a valid verdict file: not written.
    #[error("{0}; not written until the file is fixed")]
    Invalid(Problem),
}

/// One verdict file as last read or written by this store.
#[derive(Debug, Default)]
struct FileState {
    /// The records as read or written (the base of the next three-way merge).
    base: Records,
    /// What the file was when read or written; `None` when it did not exist.
    fingerprint: Option<Fingerprint>,
    /// Line of each record's table header.
    lines: BTreeMap<String, usize>,
}

/// Every verdict of a desk, loaded from the verdict files under the rules folder.
#[derive(Debug, Default)]
pub struct VerdictStore {
    rules_dir: PathBuf,
    /// The merged view of every file (plus re-attached records not saved yet).
    records: BTreeMap<ClaimId, VerdictRecord>,
    /// Verdict files by path relative to the rules folder.
    files: BTreeMap<String, FileState>,
    /// Records re-attached to a new id, not saved yet: new id → old id.
    moved: BTreeMap<ClaimId, ClaimId>,
    /// Files that could not be read or parsed at the last load.
    problems: Vec<Problem>,
    /// Files that changed on disk and were merged in since the last [`VerdictStore::take_merged`].
    merged: Vec<PathBuf>,
}

impl VerdictStore {
    /// Loads every `*.verdicts.toml` under `rules_dir`. Files that cannot be
    /// read are reported and left untouched.
    pub fn open(rules_dir: &Path) -> (VerdictStore, Vec<Problem>) {
        let mut store = VerdictStore {
            rules_dir: rules_dir.to_path_buf(),
            ..Default::default()
        };
        let mut rels = Vec::new();
        find_verdict_files(rules_dir, "", &mut rels);
        rels.sort();
        for rel in rels {
            if let Err(p) = store.load_file(&rel) {
                store.problems.push(p);
            }
        }
        store.rebuild();
        let problems = store.problems.clone();
        (store, problems)
    }

    /// The rules folder this store reads.
    pub fn rules_dir(&self) -> &Path {
        &self.rules_dir
    }

    /// The verdict record of a claim, wherever it lives.
    pub fn get(&self, id: &ClaimId) -> Option<&VerdictRecord> {
        self.records.get(id)
    }

    /// Every record, sorted by id.
    pub fn records(&self) -> impl Iterator<Item = &VerdictRecord> {
        self.records.values()
    }

    /// Problems met reading the verdict files (parse errors, conflict markers).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Where a claim's record is stored: the file (desk-relative, for
    /// messages) and the line of its table, if it is on disk.
    pub fn location(&self, id: &ClaimId) -> Option<(PathBuf, Option<usize>)> {
        let (rel, st) = self.files.iter().find(|(_, st)| st.base.contains_key(id))?;
        Some((self.display_path(rel), st.lines.get(&id.0).copied()))
    }

    /// The verdict files known to this store, relative to the rules folder.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Files merged from disk (another process, a `git pull`) since last asked.
    pub fn take_merged(&mut self) -> Vec<PathBuf> {
        std::mem::take(&mut self.merged)
    }

    /// A path for messages: `rules/ar/x.verdicts.toml` (relative to the desk root).
    pub fn display_path(&self, rel: &str) -> PathBuf {
        match self.rules_dir.file_name() {
            Some(name) => Path::new(name).join(rel),
            None => PathBuf::from(rel),
        }
    }

    /// Applies a change and returns only once it is durably on disk.
    ///
    /// The record is written to its owner's file (merged with whatever is on
    /// disk now), then removed from any other file that held it (ownership
    /// moved, or a re-attached record's old id). Saving refreshes `updated`
    /// and clears `recheck` and recorded `conflicts` (the analyst has decided).
    /// Clearing a rule claim's verdict with no note or evidence left removes
    /// its record; a manual claim's record stays (it records the claim).
    pub fn apply(&mut self, change: VerdictChange) -> Result<(), StoreError> {
        let mut rec = self.records.get(&change.id).cloned().unwrap_or_default();
        rec.id = change.id.clone();
        if let Some(v) = change.verdict {
            rec.verdict = v;
        }
        if let Some(n) = change.note {
            rec.note = n;
        }
        if let Some(e) = change.evidence {
            rec.evidence = e;
        }
        rec.claim = change.claim;
        rec.rule = change.owner.rule_id().to_string();
        rec.articles = change.articles;
        rec.analyst = change.analyst;
        rec.updated = time::now_rfc3339();
        rec.recheck = false;
        rec.conflicts.clear();
        let keep = rec.verdict.is_some()
            || !rec.note.is_empty()
            || !rec.evidence.is_empty()
            || change.owner == Owner::Manual;
        let target = change.owner.verdict_file();
        let id = change.id.clone();
        self.save_file(&target, |records| {
            if keep {
                records.insert(id.clone(), rec.clone());
            } else {
                records.remove(&id);
            }
        })?;
        // Then take it out of every other file (never before: a crash in
        // between leaves two copies, never none).
        let old_id = self.moved.remove(&id);
        let others: Vec<String> = self
            .files
            .iter()
            .filter(|(rel, st)| {
                **rel != target
                    && (st.base.contains_key(&id)
                        || old_id.as_ref().is_some_and(|o| st.base.contains_key(o)))
            })
            .map(|(rel, _)| rel.clone())
            .collect();
        for rel in others {
            self.save_file(&rel, |records| {
                records.remove(&id);
                if let Some(o) = &old_id {
                    records.remove(o);
                }
            })?;
        }
        if let Some(o) = &old_id
            && o != &id
            && self
                .files
                .get(&target)
                .is_some_and(|st| st.base.contains_key(o))
        {
            self.save_file(&target, |records| {
                records.remove(o);
            })?;
        }
        self.rebuild();
        Ok(())
    }

    /// Re-reads files that changed on disk (a `git pull`, another instance)
    /// and adopts their content. Returns the files that changed.
    pub fn refresh(&mut self) -> Vec<PathBuf> {
        let mut rels = Vec::new();
        find_verdict_files(&self.rules_dir, "", &mut rels);
        rels.extend(self.files.keys().cloned());
        rels.sort();
        rels.dedup();
        let mut changed = Vec::new();
        self.problems.clear();
        for rel in rels {
            let path = self.rules_dir.join(&rel);
            let bytes = durable::read_optional(&path).ok().flatten();
            let same = match (
                &bytes,
                self.files.get(&rel).and_then(|s| s.fingerprint.as_ref()),
            ) {
                (Some(b), Some(fp)) => fp.same_content(&Fingerprint::of(&path, b)),
                (None, None) => true,
                _ => false,
            };
            if same && self.files.contains_key(&rel) {
                continue;
            }
            match self.load_file(&rel) {
                Ok(()) => changed.push(self.display_path(&rel)),
                Err(p) => self.problems.push(p),
            }
        }
        if !changed.is_empty() {
            self.rebuild();
        }
        changed
    }

    /// Keeps a stale record under a new claim id (text changed, re-check);
    /// it moves to the new id's file on its next save.
    pub(crate) fn reattach(&mut self, old: &ClaimId, mut rec: VerdictRecord) {
        let Some(prev) = self.records.remove(old) else {
            return;
        };
        let origin = self.moved.remove(old).unwrap_or_else(|| old.clone());
        rec.verdict = prev.verdict;
        rec.note = prev.note;
        rec.evidence = prev.evidence;
        rec.analyst = prev.analyst;
        rec.updated = prev.updated;
        rec.conflicts = prev.conflicts;
        rec.recheck = true;
        self.moved.insert(rec.id.clone(), origin);
        self.records.insert(rec.id.clone(), rec);
    }

    /// Re-attached records not saved yet: (new id, old id).
    pub fn pending_moves(&self) -> impl Iterator<Item = (&ClaimId, &ClaimId)> {
        self.moved.iter()
    }

    /// Reads and parses one file into `files` (not `records`).
    fn load_file(&mut self, rel: &str) -> Result<(), Problem> {
        let path = self.rules_dir.join(rel);
        let shown = self.display_path(rel);
        let bytes = durable::read_optional(&path)
            .map_err(|e| Problem::file(&shown, format!("cannot read: {e}")))?;
        let Some(bytes) = bytes else {
            self.files.remove(rel);
            return Ok(());
        };
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| Problem::file(&shown, "not UTF-8; fix or restore it from git"))?;
        let base = format::parse(&shown, &text)?;
        self.files.insert(
            rel.to_string(),
            FileState {
                base,
                fingerprint: Some(Fingerprint::of(&path, &bytes)),
                lines: format::header_lines(&text),
            },
        );
        Ok(())
    }

    /// Read, merge with disk, write: one file, under the desk's lock.
    fn save_file(&mut self, rel: &str, edit: impl FnOnce(&mut Records)) -> Result<(), StoreError> {
        let path = self.rules_dir.join(rel);
        let shown = self.display_path(rel);
        let io_err = |source| StoreError::Io {
            path: shown.clone(),
            source,
        };
        let _lock = DirLock::acquire(&self.rules_dir).map_err(io_err)?;
        if let Some(why) = git::unmerged(&path) {
            return Err(StoreError::Blocked { path: shown, why });
        }
        let disk = durable::read_optional(&path).map_err(io_err)?;
        let state = self.files.entry(rel.to_string()).or_default();
        let theirs = match &disk {
            None => Records::new(),
            Some(bytes) => {
                let unchanged = state
                    .fingerprint
                    .as_ref()
                    .is_some_and(|fp| fp.same_content(&Fingerprint::of(&path, bytes)));
                if unchanged {
                    state.base.clone()
                } else {
                    let text = String::from_utf8_lossy(bytes);
                    if let Some(line) = format::conflict_marker_line(&text) {
                        return Err(StoreError::Blocked {
                            path: shown,
                            why: format!("git conflict markers at line {line}"),
                        });
                    }
                    format::parse(&shown, &text).map_err(StoreError::Invalid)?
                }
            }
        };
        let mut ours = state.base.clone();
        edit(&mut ours);
        let merged_from_disk = theirs != state.base;
        let merged = merge::merge_records(&state.base, &ours, &theirs);
        let text = format::serialize(&merged);
        let unchanged_on_disk =
            disk.as_deref() == Some(text.as_bytes()) || (disk.is_none() && merged.is_empty());
        if !unchanged_on_disk {
            durable::write_atomic(&path, text.as_bytes()).map_err(io_err)?;
        }
        state.fingerprint = if disk.is_none() && merged.is_empty() {
            None
        } else {
            Some(Fingerprint::of(&path, text.as_bytes()))
        };
        state.lines = format::header_lines(&text);
        state.base = merged;
        if merged_from_disk {
            self.merged.push(shown);
        }
        Ok(())
    }

    /// Recomputes the merged view from the files and pending moves.
    fn rebuild(&mut self) {
        let mut records: BTreeMap<ClaimId, VerdictRecord> = BTreeMap::new();
        for st in self.files.values() {
            for (id, rec) in &st.base {
                let merged = match records.get(id) {
                    // The same claim in two files (ownership moved while
                    // another clone edited it): both kept, the later wins.
                    Some(prev) => merge::merge_record(None, Some(prev), Some(rec)),
                    None => Some(rec.clone()),
                };
                if let Some(m) = merged {
                    records.insert(id.clone(), m);
                }
            }
        }
        for (new, old) in &self.moved {
            if let Some(rec) = self.records.get(new) {
                records.remove(old);
                records.insert(new.clone(), rec.clone());
            }
        }
        self.records = records;
    }
}

/// Every `*.verdicts.toml` under `dir` (relative, `/`-separated), skipping hidden folders.
pub(crate) fn find_verdict_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            find_verdict_files(&e.path(), &rel, out);
        } else if name.ends_with(VERDICTS_SUFFIX) {
            out.push(rel);
        }
    }
}
