//! A claim's full picture: its sentence, where it appears, who owns its
//! verdict, the verdict record and its flags.

use std::collections::BTreeSet;

use super::DeskSession;
use crate::extract::{Claim, ClaimId};
use crate::index::{ClaimRef, DeskIndex};
use crate::store::{Owner, Verdict, VerdictRecord};

/// What a front shows beside a verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimFlags {
    /// Re-attached to an edited sentence: "text changed, re-check".
    pub recheck: bool,
    /// A merge recorded other analysts' judgements, still to be decided.
    pub conflict: bool,
    /// The record's claim is no longer found in any article.
    pub stale: bool,
    /// Made by hand (`m` in the TUI), not by a rule.
    pub manual: bool,
}

impl ClaimFlags {
    /// The flags' names, as `extract` and exports print them.
    pub fn names(&self) -> Vec<&'static str> {
        [
            (self.recheck, "recheck"),
            (self.conflict, "conflict"),
            (self.stale, "stale"),
            (self.manual, "manual"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }
}

/// Everything about one claim, as every front should see it.
#[derive(Debug, Clone)]
pub struct ClaimPicture {
    pub id: ClaimId,
    /// The sentence as written in its first article (or as quoted in the
    /// record when the claim is no longer found).
    pub text: String,
    /// Where the claim appears (article, claim), in article order.
    pub appearances: Vec<ClaimRef>,
    /// The articles (desk-relative paths) it appears in, sorted, once each.
    pub articles: Vec<String>,
    /// Whose verdict file holds its verdict.
    pub owner: Owner,
    pub record: Option<VerdictRecord>,
    pub flags: ClaimFlags,
}

impl ClaimPicture {
    /// The recorded verdict, if any.
    pub fn verdict(&self) -> Option<Verdict> {
        self.record.as_ref().and_then(|r| r.verdict)
    }
}

/// Who owns a claim's verdict: its first matching rule's file, or manual.
pub fn owner_of(index: &DeskIndex, claim: &Claim) -> Owner {
    match claim.rules.owner().and_then(|r| index.rules.rules.get(r)) {
        Some(rule) => Owner::Rule {
            id: rule.id.clone(),
            file: rule.file.clone(),
        },
        None => Owner::Manual,
    }
}

/// The articles (desk-relative paths) a claim appears in, sorted, once each.
pub fn articles_of(index: &DeskIndex, id: &ClaimId) -> Vec<String> {
    let set: BTreeSet<&str> = index
        .appearances(id)
        .iter()
        .map(|r| index.articles[r.article].rel.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}

impl DeskSession {
    /// The claim's full picture; `None` when the desk has no such claim and
    /// no record of it.
    pub fn picture(&self, id: &ClaimId) -> Option<ClaimPicture> {
        let record = self.store.get(id).cloned();
        let appearances = self.index.appearances(id).to_vec();
        let flags = self.status(id).1;
        if let Some(first) = appearances.first() {
            let art = &self.index.articles[first.article];
            let claim = &art.extraction.claims[first.claim];
            let text = match art.text(claim.range.clone()) {
                Some(text) => text.to_string(),
                None => record.as_ref().map(|r| r.claim.clone()).unwrap_or_default(),
            };
            return Some(ClaimPicture {
                id: id.clone(),
                text,
                articles: articles_of(&self.index, id),
                appearances,
                owner: owner_of(&self.index, claim),
                record,
                flags,
            });
        }
        // A manual claim whose sentence is gone is still the record's.
        let rec = record.filter(|r| r.is_manual())?;
        Some(ClaimPicture {
            id: id.clone(),
            text: rec.claim.clone(),
            articles: rec.articles.clone(),
            appearances,
            owner: Owner::Manual,
            record: Some(rec),
            flags,
        })
    }

    /// A claim's verdict and flags, without copying anything (for listing
    /// every claim of a desk).
    pub fn status(&self, id: &ClaimId) -> (Option<Verdict>, ClaimFlags) {
        let rec = self.store.get(id);
        let flags = ClaimFlags {
            recheck: rec.is_some_and(|r| r.recheck),
            conflict: rec.is_some_and(|r| !r.conflicts.is_empty()),
            // Looked up only for a claim with a record: listing a desk
            // calls this for every claim (a fifth of `extract`'s time on
            // the generated desk when it was looked up for each).
            stale: rec.is_some() && self.index.appearances(id).is_empty(),
            manual: rec.is_some_and(|r| r.is_manual()),
        };
        (rec.and_then(|r| r.verdict), flags)
    }
}
