//! What `claimdesk check` and the TUI report about verdicts.

use super::{VerdictStore, git};
use crate::index::DeskIndex;
use crate::problem::Problem;

/// Problems with the desk's verdicts for `claimdesk check` and the TUI:
/// unreadable files (parse errors, conflict markers, unresolved git merges),
/// recorded merge conflicts, re-attached verdicts to re-check, stale verdicts.
/// Every problem names the file and, when known, the record's line.
/// Messages of stale verdicts start with "stale verdict", of re-attached ones
/// with "text changed", so a front end can tell them from errors.
pub fn check(index: &DeskIndex, store: &VerdictStore) -> Vec<Problem> {
    let mut out: Vec<Problem> = store.problems().to_vec();
    let rels = super::all_verdict_files(store.rules_dir());
    let unmerged = git::unmerged_under(store.rules_dir());
    for rel in rels.iter().filter(|rel| unmerged.contains(*rel)) {
        out.push(Problem::file(store.display_path(rel), git::UNMERGED));
    }
    for rec in store.records() {
        let at = |msg: String| {
            let (path, line) = store
                .location(&rec.id)
                .unwrap_or_else(|| (store.display_path(super::MANUAL_FILE), None));
            let p = Problem::file(path, msg).about(rec.id.as_str());
            match line {
                Some(l) => p.at_line(l),
                None => p,
            }
        };
        if !rec.conflicts.is_empty() {
            let others: Vec<String> = rec.conflicts.iter().map(|j| j.summary()).collect();
            out.push(at(format!(
                "conflicting verdicts from a merge: kept {} by {} at {}, also {}; decide and mark it again (TUI or `claimdesk mark`)",
                rec.verdict.map_or("no verdict", |v| v.as_str()),
                rec.analyst,
                rec.updated,
                others.join("; ")
            )));
        }
        if index.appearances(&rec.id).is_empty() {
            out.push(at(
                "stale verdict: its claim is no longer found in any article (kept; it re-attaches when the sentence returns)".to_string(),
            ));
        } else if rec.recheck {
            out.push(at(
                "re-attached, needs re-check: the sentence was edited and this verdict moved to it; check it and mark it again"
                    .to_string(),
            ));
        }
    }
    out
}
