//! Claim ids as people type them: the full 12 hex digits, or a unique
//! prefix of at least [`MIN_PREFIX`] (the TUI shows 8).

use super::DeskSession;
use crate::extract::ClaimId;

/// The shortest prefix accepted for a claim id.
pub const MIN_PREFIX: usize = 6;

/// Why a typed id names no single claim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error(
        "`{0}` is not a claim id: ids are hex digits (0-9, a-f), at least {MIN_PREFIX} of them"
    )]
    Malformed(String),
    #[error("no claim with id {0} in this desk (list ids with `claimdesk extract`)")]
    NotFound(String),
    #[error("id prefix {prefix} names {} claims: {}; type more digits", .candidates.len(), list(.candidates))]
    Ambiguous {
        prefix: String,
        candidates: Vec<ClaimId>,
    },
}

fn list(ids: &[ClaimId]) -> String {
    let shown: Vec<&str> = ids.iter().take(10).map(|id| id.as_str()).collect();
    let more = ids.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

impl DeskSession {
    /// The one claim `typed` names: a full id, or a unique prefix of at
    /// least [`MIN_PREFIX`] hex digits. Claims in the desk's articles and
    /// records in its verdict files (stale ones too) are candidates.
    pub fn resolve(&self, typed: &str) -> Result<ClaimId, IdError> {
        resolve_in(&self.index, self.store.records().map(|r| &r.id), typed)
    }
}

/// [`DeskSession::resolve`] for a front that holds the index and the
/// records' ids itself (the TUI): the one claim `typed` names among the
/// index's claims and `records`.
pub fn resolve_in<'a>(
    index: &crate::index::DeskIndex,
    records: impl Iterator<Item = &'a ClaimId>,
    typed: &str,
) -> Result<ClaimId, IdError> {
    let typed = typed.trim().trim_end_matches('…').to_ascii_lowercase();
    if typed.len() < MIN_PREFIX || !typed.bytes().all(|b| b.is_ascii_hexdigit()) {
        // Only plain ASCII of what was typed is echoed back.
        let shown = typed
            .chars()
            .map(|c| if c.is_ascii_graphic() { c } else { '?' })
            .collect();
        return Err(IdError::Malformed(shown));
    }
    let mut candidates = index.ids_with_prefix(&typed);
    candidates.extend(
        records
            .filter(|id| id.as_str().starts_with(typed.as_str()))
            .cloned(),
    );
    candidates.sort();
    candidates.dedup();
    // A full id wins over longer ids it happens to prefix.
    if let Some(exact) = candidates.iter().find(|id| id.as_str() == typed) {
        return Ok(exact.clone());
    }
    match candidates.len() {
        0 => Err(IdError::NotFound(typed)),
        1 => Ok(candidates.remove(0)),
        _ => Err(IdError::Ambiguous {
            prefix: typed,
            candidates,
        }),
    }
}
