//! An analyst's edit of one claim's verdict, turned into the store's change.

use super::ClaimPicture;
use crate::store::{Verdict, VerdictChange};

/// What an analyst asks of a claim's verdict: each field `None` is left as is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    /// `Some(None)` clears the verdict.
    pub verdict: Option<Option<Verdict>>,
    pub note: Option<String>,
    pub evidence: Option<Vec<String>>,
}

impl Edit {
    /// Sets (or, with `None`, clears) the verdict.
    pub fn verdict(verdict: Option<Verdict>) -> Edit {
        Edit {
            verdict: Some(verdict),
            ..Edit::default()
        }
    }

    /// The store's change for this edit of `claim`, by `analyst`.
    pub fn into_change(self, claim: ClaimPicture, analyst: &str) -> VerdictChange {
        VerdictChange {
            id: claim.id,
            verdict: self.verdict,
            note: self.note,
            evidence: self.evidence,
            claim: claim.text,
            owner: claim.owner,
            articles: claim.articles,
            analyst: analyst.to_string(),
        }
    }
}
