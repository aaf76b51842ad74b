//! The store's records and the changes asked of it.

use std::fmt;
use std::path::PathBuf;

use super::{MANUAL_FILE, MANUAL_RULE, VERDICTS_SUFFIX};
use crate::extract::ClaimId;
use crate::problem::Problem;

/// An analyst's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    Confirmed,
    Disputed,
    Unverified,
    /// Extraction noise: the sentence is not a checkable claim (Prodigy's
    /// "reject"). It counts as reviewed, feeds rule precision, and is never
    /// published as a review.
    NotAClaim,
}

impl Verdict {
    /// Every verdict, in the order the fronts list them.
    pub const ALL: [Verdict; 4] = [
        Verdict::Confirmed,
        Verdict::Disputed,
        Verdict::Unverified,
        Verdict::NotAClaim,
    ];

    /// True for a judgement on a claim (confirmed, disputed, unverified);
    /// false for "not a claim", which rejects the sentence as extraction noise.
    pub fn is_claim(self) -> bool {
        self != Verdict::NotAClaim
    }

    /// The word used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Disputed => "disputed",
            Verdict::Unverified => "unverified",
            Verdict::NotAClaim => "not-a-claim",
        }
    }

    /// Parses a verdict word.
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "confirmed" => Some(Verdict::Confirmed),
            "disputed" => Some(Verdict::Disputed),
            "unverified" => Some(Verdict::Unverified),
            "not-a-claim" => Some(Verdict::NotAClaim),
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
    /// The old-layout verdict file, relative to the rules folder
    /// (`ar/quotes.toml` → `ar/quotes.verdicts.toml`; manual → `manual.verdicts.toml`).
    pub fn verdict_file(&self) -> String {
        match self {
            Owner::Rule { file, .. } => verdict_file_for(file),
            Owner::Manual => MANUAL_FILE.to_string(),
        }
    }

    /// The verdict folder, relative to the rules folder
    /// (`ar/quotes.toml` → `ar/quotes.verdicts`; manual → `manual.verdicts`).
    pub fn verdict_folder(&self) -> String {
        match self {
            Owner::Rule { file, .. } => super::layout::folder_for_rule_file(file),
            Owner::Manual => super::MANUAL_FOLDER.to_string(),
        }
    }

    /// The file holding claim `id`'s verdict, relative to the rules folder
    /// (`ar/quotes.verdicts/3f/3fa2c0d19b7e.toml`).
    pub fn claim_file(&self, id: &ClaimId) -> String {
        super::layout::claim_file(&self.verdict_folder(), id)
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
    /// The rating label with that verdict, if one was chosen.
    pub rating: Option<String>,
    pub note: String,
    pub evidence: Vec<String>,
    pub analyst: String,
    pub updated: String,
}

impl Judgement {
    /// One line for people: `disputed by Mona at 2026-11-21T09:40:00Z`.
    pub fn summary(&self) -> String {
        let analyst = if self.analyst.is_empty() {
            "?"
        } else {
            &self.analyst
        };
        let rating = self
            .rating
            .as_ref()
            .map_or(String::new(), |r| format!(" ({r})"));
        format!(
            "{}{rating} by {analyst} at {}",
            self.verdict.map_or("no verdict", |v| v.as_str()),
            self.updated
        )
    }
}

/// One verdict as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictRecord {
    pub id: ClaimId,
    /// `None` for a manual claim not judged yet.
    pub verdict: Option<Verdict>,
    /// A label of the desk's rating scale under the verdict (`misleading`
    /// under disputed), when the analyst chose one. The store keeps it as
    /// written; the desk's scale ([`crate::desk::publish::RatingScale`]) says
    /// whether it is known.
    pub rating: Option<String>,
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
            rating: self.rating.clone(),
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
            id: ClaimId("".into()),
            verdict: None,
            rating: None,
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

impl VerdictChange {
    /// The record this change makes of `before` (the record now, if any),
    /// stamped `updated` at `now`: the one definition of what a save does to
    /// a record, used by the store and by fronts that show a save at once.
    /// Saving clears `recheck` and recorded `conflicts` (the analyst decided).
    pub fn applied_to(&self, before: Option<&VerdictRecord>, now: String) -> VerdictRecord {
        let mut rec = before.cloned().unwrap_or_default();
        rec.id = self.id.clone();
        if let Some(v) = self.verdict {
            // A rating label belongs to the verdict it was given under.
            if v != rec.verdict {
                rec.rating = None;
            }
            rec.verdict = v;
        }
        if let Some(n) = &self.note {
            rec.note = n.clone();
        }
        if let Some(e) = &self.evidence {
            rec.evidence = e.clone();
        }
        rec.claim = self.claim.clone();
        rec.rule = self.owner.rule_id().to_string();
        rec.articles = self.articles.clone();
        rec.analyst = self.analyst.clone();
        rec.updated = now;
        rec.recheck = false;
        rec.conflicts.clear();
        rec
    }

    /// True when the record this change makes is kept on disk: it has a
    /// verdict, a note or evidence, or records a manual claim.
    pub fn keeps(&self, rec: &VerdictRecord) -> bool {
        rec.verdict.is_some()
            || !rec.note.is_empty()
            || !rec.evidence.is_empty()
            || self.owner == Owner::Manual
    }
}

/// Why the store could not save.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", crate::render::safe(&path.display().to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file has unresolved git conflicts (or conflict markers): not written.
    #[error(
        "{}: {}; not written until it is resolved",
        crate::render::safe(&path.display().to_string()),
        crate::render::safe_text(why)
    )]
    Blocked { path: PathBuf, why: String },
    /// The file on disk is not a valid verdict file: not written.
    #[error("{0}; not written until the file is fixed")]
    Invalid(Problem),
}
