//! `claimdesk sync` and the TUI's `:sync`: commit the desk's verdict files
//! (only those), pull (a merge; the driver runs when the clone has it, and
//! verdict files git could not merge are merged here, claim by claim), report
//! recorded conflicts, push when there is an upstream. Git runs as a
//! subprocess; nothing here touches a terminal.
//!
//! It refuses, before doing anything, when the working tree holds other
//! tracked changes (staged or not): they could block the pull, and they are
//! not the desk's verdicts to commit. Verdicts are committed before the pull,
//! so none can be lost by it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::format::{self, Records};
use super::{Verdict, VerdictStore, durable, git, layout, merge, migrate};

/// What a sync did, for the message line or the terminal.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// The message of the commit of local verdicts, when one was made.
    pub committed: Option<String>,
    /// The upstream pulled from and pushed to (`None`: the branch has none).
    pub upstream: Option<String>,
    /// True when the pull brought commits.
    pub pulled: bool,
    /// Verdict files git could not merge, merged here claim by claim.
    pub merged_here: Vec<String>,
    /// True when the push succeeded.
    pub pushed: bool,
    /// Why the push failed (the verdicts stay committed locally).
    pub push_error: Option<String>,
    /// Claims with conflicting verdicts recorded (to decide in claimdesk).
    pub conflicts: Vec<String>,
    /// Old-layout files moved to one file per claim on the way.
    pub migrated: Option<String>,
}

impl SyncReport {
    /// One line for the TUI's message line.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        parts.push(match &self.committed {
            Some(m) => format!("committed \"{m}\""),
            None => "no verdict to commit".to_string(),
        });
        match &self.upstream {
            None => parts.push("no upstream: not pulled or pushed".to_string()),
            Some(u) => {
                parts.push(if self.pulled {
                    format!("pulled {u}")
                } else {
                    format!("{u} had nothing new")
                });
                if !self.merged_here.is_empty() {
                    parts.push(format!(
                        "{} verdict file(s) merged claim by claim",
                        self.merged_here.len()
                    ));
                }
                parts.push(match (&self.push_error, self.pushed) {
                    (Some(e), _) => format!("push failed ({e}); verdicts are committed here"),
                    (None, true) => "pushed".to_string(),
                    (None, false) => "nothing to push".to_string(),
                });
            }
        }
        if !self.conflicts.is_empty() {
            parts.push(format!(
                "{} claim(s) with conflicting verdicts to decide: {}",
                self.conflicts.len(),
                self.conflicts.join(", ")
            ));
        }
        parts.join("; ")
    }
}

/// Why a sync did nothing or stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("not in a git repository: nothing to sync (run `git init`, then `claimdesk init`)")]
    NotInGit,
    #[error(
        "not synced: the working tree has other changes, which could block the pull: {}; \
         commit or stash them first (sync commits only verdict files)",
        .0.join(", ")
    )]
    OtherChanges(Vec<String>),
    #[error(
        "not synced: a git merge is in progress or files are unmerged ({0}); finish it \
         (resolve, `git add`, `git commit`) or `git merge --abort`, then sync again"
    )]
    MergeInProgress(String),
    #[error("{0}")]
    Git(String),
}

/// Syncs the desk at `root` whose rules folder is `rules` (desk-relative),
/// committing as `analyst`.
pub fn sync(root: &Path, rules: &str, analyst: &str) -> Result<SyncReport, SyncError> {
    let top = git::toplevel(root).ok_or(SyncError::NotInGit)?;
    let top = top.canonicalize().unwrap_or(top);
    let rules_dir = root.join(rules);
    let rules_abs = rules_dir.canonicalize().unwrap_or(rules_dir.clone());
    let rules_rel = rules_abs
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let mut report = SyncReport::default();
    let unmerged = run(&top, &["ls-files", "-u", "-z"])?;
    if !unmerged.is_empty() || run(&top, &["rev-parse", "-q", "--verify", "MERGE_HEAD"]).is_ok() {
        let first = unmerged
            .split('\0')
            .find_map(|e| e.split_once('\t').map(|(_, p)| p.to_string()))
            .unwrap_or_else(|| "MERGE_HEAD".into());
        return Err(SyncError::MergeInProgress(first));
    }
    let migrated = migrate::migrate(&rules_dir);
    report.migrated = migrated.summary();

    // 1. Commit the verdict files, and only them.
    let changed = changes(&top)?;
    let is_verdict = |p: &str| verdict_path(&rules_rel, p);
    let others: Vec<String> = changed
        .iter()
        .filter(|(x, p)| *x != '?' && !is_verdict(p))
        .map(|(_, p)| p.clone())
        .take(8)
        .collect();
    if !others.is_empty() {
        return Err(SyncError::OtherChanges(others));
    }
    let ours: Vec<String> = changed
        .into_iter()
        .filter(|(_, p)| is_verdict(p))
        .map(|(_, p)| p)
        .collect();
    if !ours.is_empty() {
        let message = commit_message(&top, analyst, &ours);
        add(&top, &ours)?;
        run(&top, &["commit", "-q", "--no-verify", "-m", &message])?;
        report.committed = Some(message);
    }

    // 2. Pull (merge) and push, when the branch has an upstream.
    let Ok(upstream) = run(
        &top,
        &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"],
    ) else {
        return finish(report, &rules_dir);
    };
    report.upstream = Some(upstream.trim().to_string());
    let before = run(&top, &["rev-parse", "HEAD"]).unwrap_or_default();
    let pulled = git_cmd(&top)
        .args(["pull", "-q", "--no-rebase", "--no-edit"])
        .output()
        .map_err(|e| SyncError::Git(format!("cannot run git: {e}")))?;
    if !pulled.status.success() {
        merge_unmerged_verdicts(&top, &rules_rel, &mut report, &pulled.stderr)?;
    }
    report.pulled = run(&top, &["rev-parse", "HEAD"]).unwrap_or_default() != before;
    // A colleague's old-layout files, moved and committed.
    let moved = migrate::migrate(&rules_dir);
    if !moved.files.is_empty() {
        let changed: Vec<String> = changes(&top)?
            .into_iter()
            .filter(|(_, p)| is_verdict(p))
            .map(|(_, p)| p)
            .collect();
        if !changed.is_empty() {
            add(&top, &changed)?;
            let msg = format!("claimdesk: {analyst}: verdicts moved to one file per claim");
            run(&top, &["commit", "-q", "--no-verify", "-m", &msg])?;
        }
        report.migrated = moved.summary().or(report.migrated);
    }
    let ahead = run(&top, &["rev-list", "--count", "@{u}..HEAD"])
        .map(|s| s.trim() != "0")
        .unwrap_or(true);
    if ahead {
        match git_cmd(&top).args(["push", "-q"]).output() {
            Ok(o) if o.status.success() => report.pushed = true,
            Ok(o) => {
                report.push_error = Some(String::from_utf8_lossy(&o.stderr).trim().to_string())
            }
            Err(e) => report.push_error = Some(e.to_string()),
        }
    }
    finish(report, &rules_dir)
}

/// Lists the claims with recorded conflicts.
fn finish(mut report: SyncReport, rules_dir: &Path) -> Result<SyncReport, SyncError> {
    let (store, _) = VerdictStore::open(rules_dir);
    report.conflicts = store
        .records()
        .filter(|r| !r.conflicts.is_empty())
        .map(|r| r.id.to_string())
        .collect();
    Ok(report)
}

/// The pull stopped: merges the verdict files git left unmerged (no driver
/// in this clone) claim by claim, and commits the merge; anything else
/// unmerged is left to the analyst, with the merge in progress.
fn merge_unmerged_verdicts(
    top: &Path,
    rules_rel: &str,
    report: &mut SyncReport,
    stderr: &[u8],
) -> Result<(), SyncError> {
    let listed = run(top, &["ls-files", "-u", "-z"])?;
    let mut paths: Vec<String> = listed
        .split('\0')
        .filter_map(|e| e.split_once('\t').map(|(_, p)| p.to_string()))
        .collect();
    paths.sort();
    paths.dedup();
    if paths.is_empty() {
        return Err(SyncError::Git(format!(
            "git pull failed: {}; your verdicts are committed here",
            String::from_utf8_lossy(stderr).trim()
        )));
    }
    let (verdicts, others): (Vec<String>, Vec<String>) =
        paths.into_iter().partition(|p| verdict_path(rules_rel, p));
    if !others.is_empty() {
        return Err(SyncError::MergeInProgress(format!(
            "the pull stopped on conflicts in {}; your verdicts are committed",
            others.join(", ")
        )));
    }
    for p in &verdicts {
        let stage = |n: u8| -> Result<Option<Records>, SyncError> {
            match run(top, &["show", &format!(":{n}:{p}")]) {
                Ok(text) if text.trim().is_empty() => Ok(Some(Records::new())),
                Ok(text) => format::parse(Path::new(p), &text).map(Some).map_err(|e| {
                    SyncError::MergeInProgress(format!("{p} cannot be merged by claimdesk: {e}"))
                }),
                // A side without the file (added on one side, removed on one).
                Err(_) => Ok(None),
            }
        };
        let (base, ours, theirs) = (stage(1)?, stage(2)?, stage(3)?);
        if !layout::is_claim_file(
            p.strip_prefix(rules_rel)
                .unwrap_or(p)
                .trim_start_matches('/'),
        ) && let (Some(base), true) = (&base, ours.is_none() != theirs.is_none())
        {
            // An old-layout file one side migrated (removed) and the other
            // changed: the changes go to the claim files, against the base.
            let changed = ours
                .as_ref()
                .or(theirs.as_ref())
                .cloned()
                .unwrap_or_default();
            merge_into_claim_files(top, rules_rel, p, base, &changed)?;
            run(top, &["rm", "-q", "--force", "--", p])?;
            report.merged_here.push(p.clone());
            continue;
        }
        // Added on both sides (each migrated on its own): the old layout's
        // record at the merge base is the base.
        let base = base.or_else(|| migrate::legacy_base(top, p));
        let merged = merge::merge_records(
            &base.unwrap_or_default(),
            &ours.unwrap_or_default(),
            &theirs.unwrap_or_default(),
        );
        let path = top.join(p);
        if merged.is_empty() {
            durable::remove_durably(&path).map_err(|e| SyncError::Git(format!("{p}: {e}")))?;
            run(top, &["rm", "-q", "--cached", "--ignore-unmatch", "--", p])?;
        } else {
            durable::write_atomic(&path, format::serialize(&merged).as_bytes())
                .map_err(|e| SyncError::Git(format!("{p}: {e}")))?;
            run(top, &["add", "--", p])?;
        }
        report.merged_here.push(p.clone());
    }
    run(top, &["commit", "-q", "--no-verify", "--no-edit"])?;
    Ok(())
}

/// The records of old-layout file `legacy` that `changed` changed from
/// `base`, merged three-way into their claim files as the merge left them.
fn merge_into_claim_files(
    top: &Path,
    rules_rel: &str,
    legacy: &str,
    base: &Records,
    changed: &Records,
) -> Result<(), SyncError> {
    let in_rules = legacy
        .strip_prefix(rules_rel)
        .unwrap_or(legacy)
        .trim_start_matches('/');
    let folder = layout::folder_for_legacy_file(in_rules);
    let mut ids: Vec<_> = base.keys().chain(changed.keys()).cloned().collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        if base.get(&id) == changed.get(&id) {
            continue;
        }
        let rel = layout::claim_file(&folder, &id);
        let repo_rel = if rules_rel.is_empty() {
            rel.clone()
        } else {
            format!("{rules_rel}/{rel}")
        };
        let path = top.join(&repo_rel);
        let now: Records = match std::fs::read_to_string(&path) {
            Ok(text) => format::parse(&path, &text)
                .map_err(|e| SyncError::MergeInProgress(format!("{repo_rel}: {e}")))?,
            Err(_) => Records::new(),
        };
        let mut out = now.clone();
        match merge::merge_record(base.get(&id), changed.get(&id), now.get(&id)) {
            Some(r) => {
                out.insert(id.clone(), r);
            }
            None => {
                out.remove(&id);
            }
        }
        if out == now {
            continue;
        }
        if out.is_empty() {
            durable::remove_durably(&path)
                .map_err(|e| SyncError::Git(format!("{repo_rel}: {e}")))?;
            run(
                top,
                &["rm", "-q", "--cached", "--ignore-unmatch", "--", &repo_rel],
            )?;
        } else {
            durable::write_atomic(&path, format::serialize(&out).as_bytes())
                .map_err(|e| SyncError::Git(format!("{repo_rel}: {e}")))?;
            run(top, &["add", "--", &repo_rel])?;
        }
    }
    Ok(())
}

/// `claimdesk: Lina: 3 confirmed, 1 disputed` for these changed files.
fn commit_message(top: &Path, analyst: &str, paths: &[String]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in paths {
        let path = top.join(p);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                if let Ok(records) = format::parse(&path, &text) {
                    for r in records.values() {
                        *counts
                            .entry(r.verdict.map_or("without verdict", Verdict::as_str))
                            .or_default() += 1;
                    }
                }
            }
            Err(_) if layout::is_claim_file(p) => *counts.entry("cleared").or_default() += 1,
            Err(_) => {}
        }
    }
    let order = [
        "confirmed",
        "disputed",
        "unverified",
        "without verdict",
        "cleared",
    ];
    let said: Vec<String> = order
        .iter()
        .filter_map(|k| counts.get(k).map(|n| format!("{n} {k}")))
        .collect();
    if said.is_empty() {
        format!("claimdesk: {analyst}: verdict files updated")
    } else {
        format!("claimdesk: {analyst}: {}", said.join(", "))
    }
}

/// True for a verdict file of the rules folder `rules_rel` (repository-relative).
fn verdict_path(rules_rel: &str, p: &str) -> bool {
    let rel = if rules_rel.is_empty() {
        Some(p)
    } else {
        p.strip_prefix(rules_rel).and_then(|r| r.strip_prefix('/'))
    };
    rel.is_some_and(|r| layout::is_claim_file(r) || r.ends_with(super::VERDICTS_SUFFIX))
}

/// Changed paths (repository-relative) with their index status letter
/// (`?` for untracked), renames given by both names.
fn changes(top: &Path) -> Result<Vec<(char, String)>, SyncError> {
    let out = run(
        top,
        &["status", "--porcelain=v1", "-z", "--untracked-files=all"],
    )?;
    let mut entries = Vec::new();
    let mut parts = out.split('\0');
    while let Some(e) = parts.next() {
        if e.len() < 4 {
            continue;
        }
        let x = e.chars().next().unwrap_or(' ');
        let y = e.chars().nth(1).unwrap_or(' ');
        let path = e[3..].to_string();
        let letter = if x == '?' {
            '?'
        } else if x != ' ' {
            x
        } else {
            y
        };
        if (x == 'R' || x == 'C')
            && let Some(from) = parts.next()
        {
            entries.push((letter, from.to_string()));
        }
        entries.push((letter, path));
    }
    Ok(entries)
}

/// `git add -A` of exactly these paths (any number: through stdin).
fn add(top: &Path, paths: &[String]) -> Result<(), SyncError> {
    let mut child = git_cmd(top)
        .args(["add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| SyncError::Git(format!("cannot run git: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        for p in paths {
            // Literal paths, not patterns.
            let _ = stdin.write_all(format!(":(literal){p}").as_bytes());
            let _ = stdin.write_all(b"\0");
        }
    }
    let out = child
        .wait_with_output()
        .map_err(|e| SyncError::Git(format!("git add: {e}")))?;
    if !out.status.success() {
        return Err(SyncError::Git(format!(
            "git add failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

fn git_cmd(top: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(top).env("GIT_MERGE_AUTOEDIT", "no");
    c
}

fn run(top: &Path, args: &[&str]) -> Result<String, SyncError> {
    git::run(top, args).map_err(|e| SyncError::Git(e.to_string()))
}
