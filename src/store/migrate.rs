//! Moving old-layout verdict files (`figures.verdicts.toml`, many records)
//! to one file per claim ([`super::layout`]), losslessly and crash-safely.
//!
//! For each old file, under the store's lock: every record is written to its
//! claim file (merged with a claim file already there, the way the store
//! shows two copies of one claim), then every file written is synced, and
//! only then is the old file removed. A run killed half-way leaves the old
//! file and some claim files holding the same records: the store reads both
//! (the same record twice is one record), and the next run finishes the job.
//!
//! It also removes temporary files killed saves left in verdict folders.
//!
//! An old file that git has unmerged, that holds conflict markers, is not
//! UTF-8, does not parse or is read-only is left as it is (the store
//! reports why, or reads it as it is) and migrated once it is fixed.

use std::path::{Path, PathBuf};

use super::durable::{self, DirLock};
use super::format::{self, Records};
use super::{find_verdict_files, git, layout, merge, read_verdict_file};
use crate::problem::Problem;

/// What a migration did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Migration {
    /// Old-layout files migrated and removed (desk-relative, for messages).
    pub files: Vec<PathBuf>,
    /// Records moved to claim files.
    pub records: usize,
    /// Old files left as they are, and why.
    pub problems: Vec<Problem>,
}

impl Migration {
    /// One line for people, when something was migrated.
    pub fn summary(&self) -> Option<String> {
        (!self.files.is_empty()).then(|| {
            let names: Vec<String> = self.files.iter().map(|p| p.display().to_string()).collect();
            format!(
                "verdicts moved to one file per claim: {} record(s) from {}",
                self.records,
                names.join(", ")
            )
        })
    }
}

/// Migrates every old-layout verdict file under `rules_dir`.
pub fn migrate(rules_dir: &Path) -> Migration {
    migrate_until(rules_dir, None)
}

/// [`migrate`], stopping dead after `crash_after` claim files are written
/// (for tests: what a kill at that point leaves).
#[doc(hidden)]
pub fn migrate_until(rules_dir: &Path, crash_after: Option<usize>) -> Migration {
    let mut out = Migration::default();
    let mut olds = Vec::new();
    find_verdict_files(rules_dir, "", &mut olds);
    let temps = leftover_temps(rules_dir);
    if olds.is_empty() && temps.is_empty() {
        return out;
    }
    let shown_dir = super::shown_dir(rules_dir);
    let Ok(_lock) = DirLock::acquire(rules_dir) else {
        return out;
    };
    // Every save writes its temporary file under the lock: any found now
    // was left by a save that was killed.
    for t in temps {
        let _ = std::fs::remove_file(t);
    }
    let mut written_total = 0usize;
    for rel in olds {
        let shown = shown_dir.join(&rel);
        match migrate_file(rules_dir, &rel, &shown, crash_after, &mut written_total) {
            Ok(Some(n)) => {
                out.records += n;
                out.files.push(shown);
            }
            Ok(None) => {}
            Err(Stop::Crash) => return out,
            Err(Stop::Problem(p)) => out.problems.push(p),
        }
    }
    out
}

enum Stop {
    /// The simulated crash point was reached.
    Crash,
    Problem(Problem),
}

/// Migrates one old file: `Some(records)` when it was migrated and removed,
/// `None` when it is left for the store to report (unreadable, invalid).
fn migrate_file(
    rules_dir: &Path,
    rel: &str,
    shown: &Path,
    crash_after: Option<usize>,
    written_total: &mut usize,
) -> Result<Option<usize>, Stop> {
    let path = rules_dir.join(rel);
    let problem = |why: String| {
        Stop::Problem(Problem::file(
            shown,
            format!("not moved to one file per claim yet: {why}"),
        ))
    };
    if git::unmerged(&path).is_some() {
        return Err(problem(git::UNMERGED.to_string()));
    }
    let Ok(Some(bytes)) = read_verdict_file(rules_dir, &path) else {
        return Ok(None);
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(None);
    };
    let Ok(records) = super::parse_verdict_text(shown, &text) else {
        return Ok(None);
    };
    if std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(problem(format!(
            "read-only; make it writable with `chmod u+w {}`",
            shown.display()
        )));
    }
    let folder = layout::folder_for_legacy_file(rel);
    let mut written: Vec<PathBuf> = Vec::new();
    let n = records.len();
    for (id, rec) in records {
        let target_rel = layout::claim_file(&folder, &id);
        let target = rules_dir.join(&target_rel);
        let existing = match read_verdict_file(rules_dir, &target) {
            Ok(None) => None,
            Ok(Some(b)) => {
                let t = String::from_utf8(b)
                    .map_err(|_| problem(format!("{target_rel} is not UTF-8; fix or remove it")))?;
                let recs = super::parse_verdict_text(shown, &t)
                    .map_err(|p| problem(format!("{target_rel}: {}", p.message)))?;
                Some((t, recs))
            }
            Err(why) => return Err(problem(format!("{target_rel}: {why}"))),
        };
        let mut merged: Records = existing.as_ref().map(|e| e.1.clone()).unwrap_or_default();
        let there = merged.get(&id).cloned();
        if let Some(m) = merge::merge_record(None, there.as_ref(), Some(&rec)) {
            merged.insert(id.clone(), m);
        }
        let text = format::serialize(&merged);
        if existing.as_ref().is_some_and(|e| e.0 == text) {
            continue;
        }
        durable::write_atomic_unsynced(&target, text.as_bytes())
            .map_err(|e| problem(format!("{target_rel}: {e}")))?;
        written.push(target);
        *written_total += 1;
        if crash_after.is_some_and(|c| *written_total >= c) {
            return Err(Stop::Crash);
        }
    }
    durable::sync_written(&written).map_err(|e| problem(format!("syncing: {e}")))?;
    durable::remove_durably(&path).map_err(|e| problem(format!("removing it: {e}")))?;
    Ok(Some(n))
}

/// Temporary files (`.NAME.tmp-…`) left in verdict folders by killed saves.
fn leftover_temps(rules_dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(rules_dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || e.file_type().is_file() || !name.starts_with('.')
        })
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            e.file_type().is_file()
                && name.starts_with('.')
                && name.contains(".toml.tmp-")
                && e.path()
                    .parent()
                    .and_then(|p| p.parent())
                    .is_some_and(|f| f.to_string_lossy().ends_with(layout::FOLDER_SUFFIX))
        })
        .map(|e| e.into_path())
        .collect()
}

/// The common ancestor's record(s) of a claim file that both sides of a merge
/// added (each migrated the old layout on its own): read from the old-layout
/// file at the merge base, so a claim only one side changed is taken, not
/// recorded as a conflict. `top` is the repository, `claim_file` the claim
/// file's repository-relative path. `None` when no old-layout file in the
/// history holds it.
pub fn legacy_base(top: &Path, claim_file: &str) -> Option<Records> {
    let (dir, name) = claim_file.rsplit_once('/')?;
    let (folder, _shard) = dir.rsplit_once('/')?;
    if !folder.ends_with(layout::FOLDER_SUFFIX) || !name.ends_with(layout::CLAIM_FILE_SUFFIX) {
        return None;
    }
    let legacy = format!("{folder}.toml");
    let show = |rev: &str| git::run(top, &["show", &format!("{rev}:{legacy}")]).ok();
    // In a merge that stopped: the merge base. While git runs the driver
    // there is no MERGE_HEAD yet: the old file as this side last had it
    // (before the commit that removed it), which both sides migrated from
    // when they share that history.
    let text = match git::run(top, &["merge-base", "HEAD", "MERGE_HEAD"]) {
        Ok(base) => show(base.trim())?,
        Err(_) => {
            let last = git::run(top, &["rev-list", "-1", "HEAD", "--", &legacy]).ok()?;
            let last = last.trim();
            if last.is_empty() {
                return None;
            }
            show(last).or_else(|| show(&format!("{last}^")))?
        }
    };
    let old = format::parse(Path::new(&legacy), &text).ok()?;
    // Keep the records whose claim file this is.
    let kept: Records = old
        .into_iter()
        .filter(|(id, _)| {
            layout::claim_file(folder, id)
                .rsplit_once('/')
                .is_some_and(|(_, n)| n == name)
        })
        .collect();
    (!kept.is_empty()).then_some(kept)
}
