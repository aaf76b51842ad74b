//! The verdict store: analysts' verdicts in TOML files beside the rules,
//! written durably, merged three-way, at home in git.
//!
//! - [`layout`]: where verdicts live (one file per claim, beside the rules).
//! - [`migrate`]: moving old-layout files (many records) to that layout.
//! - [`format`]: the file format (write and parse); [`fast`]: a quick reader of it.
//! - [`merge`]: the per-claim three-way merge (also the git merge driver's).
//! - [`durable`]: atomic writes and the side-file lock.
//! - [`git`]: unmerged-path checks, merge-driver registration helpers.
//! - [`sync`]: `claimdesk sync` (commit verdicts, pull, push).
//! - [`writer`]: [`writer::StoreWriter`], the background writer for the TUI.
//! - [`attach`]: stale verdicts, re-attachment, manual claims.
//! - [`diagnose`]: what [`check`] reports.
//! - [`record`]: the records, changes and errors ([`VerdictRecord`], [`VerdictChange`], [`StoreError`]).

pub mod analyst;
pub mod attach;
pub mod diagnose;
pub mod durable;
pub mod fast;
mod files;
pub mod format;
pub mod git;
pub mod layout;
pub mod merge;
pub mod migrate;
pub mod record;
pub mod similar;
pub mod sync;
pub mod time;
pub mod writer;

pub use attach::{
    Reattached, attach, attach_all, attach_manual_claims, attach_read, attach_to_records,
    bring_back_manual_claims, stale,
};
pub use diagnose::check;
pub use record::{
    Judgement, Owner, StoreError, Verdict, VerdictChange, VerdictRecord, verdict_file_for,
};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::extract::ClaimId;
use crate::problem::Problem;
use durable::{DirLock, Fingerprint};
use files::{FileState, read_state, read_state_with, refuse_unwritable};
pub(crate) use files::{
    all_verdict_files, find_verdict_files, parse_verdict_text, read_verdict_file, shown_dir,
};
use format::Records;

/// The old-layout verdict file of manual claims, relative to the rules folder.
pub const MANUAL_FILE: &str = "manual.verdicts.toml";
/// The verdict folder of manual claims, relative to the rules folder.
pub const MANUAL_FOLDER: &str = "manual.verdicts";
/// The `rule` recorded for a manual claim.
pub const MANUAL_RULE: &str = "manual";
/// Suffix of old-layout verdict files (many records in one file).
pub const VERDICTS_SUFFIX: &str = ".verdicts.toml";

/// Every verdict of a desk, loaded from the verdict files under the rules
/// folder: one file per claim ([`layout`]), plus old-layout files not
/// migrated yet ([`migrate`]).
#[derive(Debug, Default)]
pub struct VerdictStore {
    rules_dir: PathBuf,
    /// The rules folder as shown in messages (relative to the desk root).
    shown_dir: PathBuf,
    /// The merged view of every file (plus re-attached records not saved yet).
    records: BTreeMap<ClaimId, VerdictRecord>,
    /// Verdict files by path relative to the rules folder.
    files: BTreeMap<String, FileState>,
    /// Which files hold a record of each claim.
    by_id: HashMap<ClaimId, BTreeSet<String>>,
    /// Records re-attached to a new id, not saved yet: new id → old id.
    moved: BTreeMap<ClaimId, ClaimId>,
    /// Files that could not be read or parsed at the last load.
    problems: Vec<Problem>,
    /// Files that changed on disk and were merged in since the last [`VerdictStore::take_merged`].
    merged: Vec<PathBuf>,
    /// Shard folders' modification times when last listed (see [`VerdictStore::refresh`]).
    shard_stamps: layout::ShardStamps,
}

impl VerdictStore {
    /// Loads every verdict file under `rules_dir` (claim files and
    /// old-layout `*.verdicts.toml`), reading them in parallel. Files that
    /// cannot be read are reported and left untouched. Nothing is written
    /// ([`migrate::migrate`] moves old files to the new layout).
    pub fn open(rules_dir: &Path) -> (VerdictStore, Vec<Problem>) {
        let mut store = VerdictStore {
            rules_dir: rules_dir.to_path_buf(),
            shown_dir: shown_dir(rules_dir),
            ..Default::default()
        };
        // Stamps first: a folder changed while the walk runs is listed again.
        store.shard_stamps = layout::shard_stamps(rules_dir).1;
        let mut rels: Vec<(String, bool)> = Vec::new();
        let mut olds = Vec::new();
        find_verdict_files(rules_dir, "", &mut olds);
        rels.extend(olds.into_iter().map(|r| (r, false)));
        rels.extend(layout::find_claim_files_kind(rules_dir));
        let read: Vec<(String, Result<Option<FileState>, Problem>)> = rels
            .into_par_iter()
            .map(|(rel, regular)| {
                let r = read_state_with(rules_dir, &store.shown_dir, &rel, regular);
                (rel, r)
            })
            .collect();
        for (rel, r) in read {
            match r {
                Ok(Some(state)) => store.put_file(rel, state),
                Ok(None) => {}
                Err(p) => store.problems.push(p),
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
        let rel = self.by_id.get(id)?.iter().next()?;
        let st = self.files.get(rel)?;
        Some((self.display_path(rel), st.lines.get(id.as_str()).copied()))
    }

    /// The verdict files known to this store, relative to the rules folder.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Files merged from disk (another process, a `git pull`) since last asked.
    pub fn take_merged(&mut self) -> Vec<PathBuf> {
        std::mem::take(&mut self.merged)
    }

    /// A path for messages: `rules/ar/x.verdicts/3f/3fa2c0d19b7e.toml` (relative to the desk root).
    pub fn display_path(&self, rel: &str) -> PathBuf {
        self.shown_dir.join(rel)
    }

    /// Applies a change and returns only once it is durably on disk.
    ///
    /// The record is written to its claim file in its owner's verdict folder
    /// (merged with whatever is on disk now), then removed from any other
    /// file that held it (ownership moved, an old-layout file, or a
    /// re-attached record's old id). The cost does not depend on how many
    /// other verdicts the desk holds. Saving refreshes `updated`
    /// and clears `recheck` and recorded `conflicts` (the analyst has decided).
    /// Clearing a rule claim's verdict with no note or evidence left removes
    /// its record (and its file); a manual claim's record stays (it records the claim).
    ///
    /// A rating label already on the record is kept while the verdict stays
    /// the same and dropped when the change gives another verdict (a label
    /// belongs under one verdict); [`VerdictStore::apply_rated`] sets it.
    pub fn apply(&mut self, change: VerdictChange) -> Result<(), StoreError> {
        self.apply_rated(change, None)
    }

    /// Like [`VerdictStore::apply`], and with `rating` `Some(label)` sets the
    /// record's rating label (`Some(None)` removes it; `None` keeps it while
    /// the verdict stays the same). The label is not checked against the
    /// desk's scale here: the caller does that
    /// ([`crate::desk::publish::RatingScale::check`]).
    pub fn apply_rated(
        &mut self,
        change: VerdictChange,
        rating: Option<Option<String>>,
    ) -> Result<(), StoreError> {
        let id = change.id.clone();
        let old_id = self.moved.get(&id).cloned();
        let merges_before = self.merged.len();
        let result = self.write_change(change, rating);
        if self.merged.len() != merges_before {
            self.rebuild();
        } else {
            self.rebuild_ids(std::iter::once(id).chain(old_id));
        }
        result
    }

    fn write_change(
        &mut self,
        change: VerdictChange,
        rating: Option<Option<String>>,
    ) -> Result<(), StoreError> {
        let mut rec = change.applied_to(self.records.get(&change.id), time::now_rfc3339());
        if let Some(r) = rating {
            // A label only ever stands under a verdict.
            rec.rating = r.filter(|_| rec.verdict.is_some());
        }
        let keep = change.keeps(&rec);
        let id = change.id.clone();
        let target = change.owner.claim_file(&id);
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
        let mut others: BTreeSet<String> = self.by_id.get(&id).cloned().unwrap_or_default();
        if let Some(o) = &old_id {
            others.extend(self.by_id.get(o).cloned().unwrap_or_default());
            // The old id's own file in the new layout, even if not loaded.
            let folder = layout::folder_of_claim_file(&target);
            others.insert(layout::claim_file(&folder, o));
        }
        others.remove(&target);
        for rel in others {
            if !self.files.contains_key(&rel) && !self.rules_dir.join(&rel).exists() {
                continue;
            }
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
        Ok(())
    }

    /// Re-reads files that changed on disk (a `git pull`, another instance)
    /// and adopts their content. Returns the files that changed. A file whose
    /// size and modification time are as last read or written is not read
    /// again (a save still compares content before it writes), and a shard
    /// folder whose modification time is as last seen is not listed again:
    /// git, claimdesk and editors that save by renaming all change it. (A
    /// file edited in place is taken in at its claim's next save, which
    /// always compares the file's content.)
    pub fn refresh(&mut self) -> Vec<PathBuf> {
        let (shards, stamps) = layout::shard_stamps(&self.rules_dir);
        let unchanged: std::collections::HashSet<&str> = shards
            .iter()
            .filter(|s| stamps.contains_key(*s) && stamps.get(*s) == self.shard_stamps.get(*s))
            .map(String::as_str)
            .collect();
        let mut rels = Vec::new();
        find_verdict_files(&self.rules_dir, "", &mut rels);
        for shard in shards.iter().filter(|s| !unchanged.contains(s.as_str())) {
            rels.extend(
                layout::claim_files_in(&self.rules_dir, shard)
                    .into_iter()
                    .map(|(r, _)| r),
            );
        }
        rels.extend(
            self.files
                .keys()
                .filter(|r| !layout::is_claim_file(r) || !unchanged.contains(layout::shard_of(r)))
                .cloned(),
        );
        rels.sort();
        rels.dedup();
        drop(unchanged);
        self.shard_stamps = stamps;
        self.problems.clear();
        let files = &self.files;
        let rules_dir = &self.rules_dir;
        let shown = &self.shown_dir;
        let todo: Vec<(String, Result<Option<FileState>, Problem>)> = rels
            .into_par_iter()
            .filter_map(|rel| {
                let path = rules_dir.join(&rel);
                let meta = std::fs::metadata(&path).ok();
                let known = files.get(&rel);
                let fp = known.and_then(|s| s.fingerprint.as_ref());
                match (&meta, fp) {
                    (None, None) => return None,
                    (Some(m), Some(fp)) if fp.same_stat(m) => return None,
                    _ => {}
                }
                let r = read_state(rules_dir, shown, &rel);
                Some((rel, r))
            })
            .collect();
        let mut changed = Vec::new();
        for (rel, r) in todo {
            let same = match (
                &r,
                self.files.get(&rel).and_then(|s| s.fingerprint.as_ref()),
            ) {
                (Ok(Some(new)), Some(fp)) => {
                    new.fingerprint.as_ref().is_some_and(|n| n.same_content(fp))
                }
                _ => false,
            };
            match r {
                Ok(Some(state)) => {
                    self.put_file(rel.clone(), state);
                    if !same {
                        changed.push(self.display_path(&rel));
                    }
                }
                Ok(None) => {
                    if self.files.contains_key(&rel) {
                        self.drop_file(&rel);
                        changed.push(self.display_path(&rel));
                    }
                }
                Err(p) => {
                    self.drop_file(&rel);
                    self.problems.push(p);
                }
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
        rec.rating = prev.rating;
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

    /// Records `state` as the content of `rel`, keeping `by_id` in step.
    fn put_file(&mut self, rel: String, state: FileState) {
        self.unindex(&rel);
        for id in state.base.keys() {
            self.by_id
                .entry(id.clone())
                .or_default()
                .insert(rel.clone());
        }
        self.files.insert(rel, state);
    }

    /// Forgets `rel` (missing or unreadable now).
    fn drop_file(&mut self, rel: &str) {
        self.unindex(rel);
        self.files.remove(rel);
    }

    fn unindex(&mut self, rel: &str) {
        if let Some(old) = self.files.get(rel) {
            for id in old.base.keys() {
                if let Some(set) = self.by_id.get_mut(id) {
                    set.remove(rel);
                    if set.is_empty() {
                        self.by_id.remove(id);
                    }
                }
            }
        }
    }

    /// Read, merge with disk, write: one file, under the desk's lock.
    fn save_file(&mut self, rel: &str, edit: impl FnOnce(&mut Records)) -> Result<(), StoreError> {
        let path = self.rules_dir.join(rel);
        let shown = self.display_path(rel);
        let io_err = |source| StoreError::Io {
            path: shown.clone(),
            source,
        };
        let _lock = DirLock::acquire(&self.rules_dir).map_err(|source| StoreError::Io {
            path: self.shown_dir.join(durable::LOCK_FILE),
            source,
        })?;
        if let Some(why) = git::unmerged(&path) {
            return Err(StoreError::Blocked { path: shown, why });
        }
        let disk = read_verdict_file(&self.rules_dir, &path)
            .map_err(|why| StoreError::Invalid(Problem::file(&shown, why)))?;
        if let Some(bytes) = &disk {
            refuse_unwritable(&path, &shown, bytes)?;
        }
        let empty = FileState::default();
        let state = self.files.get(rel).unwrap_or(&empty);
        // What is on disk now, when it is not what this store last read or wrote.
        let theirs: Option<Records> = match &disk {
            None if state.fingerprint.is_none() => None,
            None => Some(Records::new()),
            Some(bytes) => {
                let unchanged = state
                    .fingerprint
                    .as_ref()
                    .is_some_and(|fp| fp.same_content(&Fingerprint::of(&path, bytes)));
                if unchanged {
                    None
                } else {
                    let text = String::from_utf8_lossy(bytes);
                    if let Some(line) = format::conflict_marker_line(&text) {
                        return Err(StoreError::Blocked {
                            path: shown,
                            why: format!("git conflict markers at line {line}"),
                        });
                    }
                    Some(parse_verdict_text(&shown, &text).map_err(StoreError::Invalid)?)
                }
            }
        };
        let mut ours = state.base.clone();
        edit(&mut ours);
        let merged_from_disk = theirs.as_ref().is_some_and(|t| *t != state.base);
        let merged = match &theirs {
            Some(theirs) if merged_from_disk => merge::merge_records(&state.base, &ours, theirs),
            _ => ours,
        };
        let claim_file = layout::is_claim_file(rel);
        if claim_file && merged.is_empty() {
            // A claim file holds one record: none left, no file.
            if disk.is_some() {
                durable::remove_durably(&path).map_err(io_err)?;
            }
            self.drop_file(rel);
        } else {
            let (text, lines) = format::serialize_with_lines(&merged);
            let unchanged_on_disk =
                disk.as_deref() == Some(text.as_bytes()) || (disk.is_none() && merged.is_empty());
            if !unchanged_on_disk {
                durable::remove_leftover_temps(&path);
                durable::write_atomic(&path, text.as_bytes()).map_err(io_err)?;
            }
            let fingerprint = if disk.is_none() && merged.is_empty() {
                None
            } else {
                Some(Fingerprint::of(&path, text.as_bytes()))
            };
            self.put_file(
                rel.to_string(),
                FileState {
                    base: merged,
                    fingerprint,
                    lines,
                },
            );
        }
        if merged_from_disk {
            self.merged.push(shown);
        }
        Ok(())
    }

    /// Recomputes the merged view of some claims only.
    fn rebuild_ids(&mut self, ids: impl Iterator<Item = ClaimId>) {
        for id in ids {
            // A re-attached record not saved yet stays as it is in memory.
            if self.moved.contains_key(&id) || self.moved.values().any(|o| *o == id) {
                continue;
            }
            let mut merged: Option<VerdictRecord> = None;
            for rel in self.by_id.get(&id).into_iter().flatten() {
                if let Some(rec) = self.files.get(rel).and_then(|st| st.base.get(&id)) {
                    merged = match merged {
                        Some(prev) => merge::merge_record(None, Some(&prev), Some(rec)),
                        None => Some(rec.clone()),
                    };
                }
            }
            match merged {
                Some(rec) => self.records.insert(id, rec),
                None => self.records.remove(&id),
            };
        }
    }

    /// Recomputes the merged view from the files and pending moves.
    fn rebuild(&mut self) {
        let mut records: BTreeMap<ClaimId, VerdictRecord> = BTreeMap::new();
        for st in self.files.values() {
            for (id, rec) in &st.base {
                let merged = match records.get(id) {
                    // The same claim in two files (ownership moved while
                    // another clone edited it, a half-migrated desk): both
                    // kept, the later wins.
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
