//! The verdict store: analysts' verdicts in TOML files beside the rules,
//! written durably, merged three-way, at home in git.
//!
//! SKELETON: owned by the store helper. The TUI and CLI code against the
//! public items below: keep their signatures (extend freely).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::extract::ClaimId;
use crate::problem::Problem;

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
}

/// Every verdict of a desk, loaded from the verdict files under the rules folder.
#[derive(Debug, Default)]
pub struct VerdictStore {
    rules_dir: PathBuf,
    records: BTreeMap<ClaimId, VerdictRecord>,
}

impl VerdictStore {
    /// Loads every `*.verdicts.toml` under `rules_dir`. Files that cannot be
    /// read are reported and left untouched.
    pub fn open(rules_dir: &Path) -> (VerdictStore, Vec<Problem>) {
        (
            VerdictStore {
                rules_dir: rules_dir.to_path_buf(),
                records: BTreeMap::new(),
            },
            Vec::new(),
        )
    }

    /// The verdict record of a claim, wherever it lives.
    pub fn get(&self, id: &ClaimId) -> Option<&VerdictRecord> {
        self.records.get(id)
    }

    /// Every record, sorted by id.
    pub fn records(&self) -> impl Iterator<Item = &VerdictRecord> {
        self.records.values()
    }

    /// Applies a change and returns only once it is durably on disk.
    pub fn apply(&mut self, change: VerdictChange) -> Result<(), StoreError> {
        let _ = &self.rules_dir;
        let rec = self
            .records
            .entry(change.id.clone())
            .or_insert_with(|| VerdictRecord {
                id: change.id.clone(),
                verdict: None,
                claim: String::new(),
                rule: String::new(),
                articles: Vec::new(),
                note: String::new(),
                evidence: Vec::new(),
                analyst: String::new(),
                updated: String::new(),
            });
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
        rec.articles = change.articles;
        rec.analyst = change.analyst;
        Ok(())
    }
}

/// Problems with the desk's verdicts for `claimdesk check` and the TUI:
/// recorded merge conflicts, conflict markers, stale verdicts.
pub fn check(index: &crate::index::DeskIndex, store: &VerdictStore) -> Vec<Problem> {
    let _ = (index, store);
    Vec::new()
}
