//! `claimdesk merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for
//! verdict files (`%O %A %B %P`). Merges claim by claim and writes the result
//! into OURS. Two different changes to one claim keep the later one and record
//! the other in the record's `conflicts`: the file still parses, the merge is
//! reported clean (exit 0), and `claimdesk check` (exit 1) and the TUI show
//! the conflict until an analyst decides. When an input is not a valid
//! verdict file, falls back to `git merge-file` (conflict markers, exit 1).

use std::path::{Path, PathBuf};

use crate::store::{durable, format, merge};

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (%O).
    pub base: PathBuf,
    /// Our version (%A); the result is written here.
    pub ours: PathBuf,
    /// Their version (%B).
    pub theirs: PathBuf,
    /// The file's path in the repository (%P), for messages.
    pub path: Option<String>,
}

/// Runs the subcommand; returns the exit code.
pub fn run(_dir: &Path, args: MergeDriverArgs) -> anyhow::Result<i32> {
    let shown = PathBuf::from(args.path.clone().unwrap_or_else(|| "verdicts".into()));
    let read = |p: &Path| -> Option<format::Records> {
        let which = if p == args.base {
            "the common ancestor's version"
        } else if p == args.ours {
            "our version"
        } else {
            "their version"
        };
        let bytes = match durable::read_optional(p) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                safe_eprintln!(
                    "claimdesk merge-driver: {}: {which} ({}) is missing",
                    shown.display(),
                    p.display()
                );
                return None;
            }
            Err(e) => {
                safe_eprintln!(
                    "claimdesk merge-driver: {}: cannot read {which} ({}): {e}",
                    shown.display(),
                    p.display()
                );
                return None;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            safe_eprintln!(
                "claimdesk merge-driver: {}: {which} ({}) is not UTF-8",
                shown.display(),
                p.display()
            );
            return None;
        };
        if text.trim().is_empty() {
            return Some(format::Records::new());
        }
        match format::parse(&shown, &text) {
            Ok(r) => Some(r),
            Err(problem) => {
                safe_eprintln!("claimdesk merge-driver: {problem}");
                None
            }
        }
    };
    let (Some(base), Some(ours), Some(theirs)) =
        (read(&args.base), read(&args.ours), read(&args.theirs))
    else {
        safe_eprintln!(
            "claimdesk merge-driver: {}: falling back to a line merge",
            shown.display()
        );
        return merge_file(&args);
    };
    // A claim file both sides added (each migrated the old layout on its
    // own): the old file's record at the merge base is the base.
    let base = match (&args.path, base.is_empty()) {
        (Some(p), true) => crate::store::migrate::legacy_base(Path::new("."), p).unwrap_or(base),
        _ => base,
    };
    let merged = merge::merge_records(&base, &ours, &theirs);
    let fresh = merge::new_conflicts(&merged, &ours, &theirs);
    durable::write_atomic(&args.ours, format::serialize(&merged).as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.ours.display()))?;
    if !fresh.is_empty() {
        safe_eprintln!(
            "claimdesk: {}: conflicting verdicts recorded for {} claim(s): {}; resolve them in claimdesk (`claimdesk check` lists them)",
            shown.display(),
            fresh.len(),
            fresh.join(", ")
        );
    }
    Ok(0)
}

/// `git merge-file` on the three inputs: its exit code (0 clean, >0 conflicts).
fn merge_file(args: &MergeDriverArgs) -> anyhow::Result<i32> {
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()
        .map_err(|e| anyhow::anyhow!("cannot run git merge-file: {e}"))?;
    Ok(match status.code() {
        Some(0) => 0,
        Some(c) if (1..=127).contains(&c) => 1,
        _ => 2,
    })
}
