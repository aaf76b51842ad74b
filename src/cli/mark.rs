//! `claimdesk mark CLAIM-ID VERDICT [--rating LABEL] [--note TEXT] [--evidence URL]…`:
//! sets a claim's verdict from a script, through the same store as the TUI.
//! Exits 0 only once the verdict is durably on disk; 1 when the store refused
//! to write (unresolved git merge, invalid verdict file); 2 for an unknown id
//! or another error.

use std::path::Path;

use crate::desk::Desk;
use crate::session::{DeskSession, Edit, IdError, SessionOptions};
use crate::store::{StoreError, Verdict};

/// The verdict word on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MarkVerdict {
    Confirmed,
    Disputed,
    Unverified,
    /// Not a checkable claim: extraction noise (counts as reviewed, never
    /// published as a review, feeds `claimdesk rules` precision).
    NotAClaim,
    /// Remove the verdict (a rule claim's record goes when nothing else is left in it).
    Clear,
}

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// The claim's id, as `claimdesk extract` and the TUI show it, or a
    /// unique prefix of at least 6 hex digits.
    pub id: String,
    /// The verdict to record.
    #[arg(value_enum)]
    pub verdict: MarkVerdict,
    /// The analyst's note (replaces the previous note; kept when not given).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// An evidence URL; repeat for several (replaces the previous list; kept when not given).
    #[arg(long, value_name = "URL")]
    pub evidence: Vec<String>,
    /// A label of the desk's rating scale under the verdict (e.g. `misleading`
    /// under disputed; see docs/export.md). Kept when not given and the
    /// verdict stays the same.
    #[arg(long, value_name = "LABEL")]
    pub rating: Option<String>,
}

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: MarkArgs) -> anyhow::Result<i32> {
    let desk = Desk::discover(dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let verdict = match args.verdict {
        MarkVerdict::Confirmed => Some(Verdict::Confirmed),
        MarkVerdict::Disputed => Some(Verdict::Disputed),
        MarkVerdict::Unverified => Some(Verdict::Unverified),
        MarkVerdict::NotAClaim => Some(Verdict::NotAClaim),
        MarkVerdict::Clear => None,
    };
    let rating = match (&args.rating, verdict) {
        (None, _) => None,
        (Some(_), None) => {
            safe_eprintln!("claimdesk mark: --rating needs a verdict (clear removes the rating)");
            return Ok(2);
        }
        (Some(label), Some(v)) => match desk.config.scale.check(v, label.trim()) {
            Ok(l) => Some(Some(l.label.clone())),
            Err(why) => {
                safe_eprintln!("claimdesk mark: {why}");
                return Ok(2);
            }
        },
    };
    let analyst = analyst_name(&desk);
    let options = SessionOptions {
        cache_dir: Some(crate::userconfig::paths().cache_dir),
        ..SessionOptions::default()
    };
    let mut session = match DeskSession::open(desk, &options, &|_| {}) {
        Ok(session) => session,
        Err(problems) => {
            for p in problems {
                safe_eprintln!("{p}");
            }
            safe_eprintln!("claimdesk mark: the desk's rules have problems; fix them first");
            return Ok(2);
        }
    };
    let store_problems = session.store.problems().to_vec();
    for p in &store_problems {
        safe_eprintln!("{p}");
    }
    let id = match session.resolve(&args.id) {
        Ok(id) => id,
        Err(e @ IdError::NotFound(_)) if !store_problems.is_empty() => {
            safe_eprintln!(
                "claimdesk mark: {e}, and verdict files above could not be read; not written"
            );
            return Ok(1);
        }
        Err(e) => {
            safe_eprintln!("claimdesk mark: {e}");
            return Ok(2);
        }
    };
    let edit = Edit {
        verdict: Some(verdict),
        note: args.note,
        evidence: (!args.evidence.is_empty()).then_some(args.evidence),
    };
    let Some(change) = session.change(&id, edit, &analyst) else {
        safe_eprintln!(
            "claimdesk mark: no claim with id {id} in this desk (list ids with `claimdesk extract`)"
        );
        return Ok(2);
    };
    let file = change.owner.claim_file(&change.id);
    match session.store.apply_rated(change, rating) {
        Ok(()) => {
            let rec = session.store.get(&id);
            let mut state = rec
                .and_then(|r| r.verdict)
                .map_or("no verdict", |v| v.as_str())
                .to_string();
            if let Some(r) = rec.and_then(|r| r.rating.as_deref()) {
                state = format!("{state}, {r}");
            }
            safe_println!(
                "{id}: {state} ({})",
                session.store.display_path(&file).display()
            );
            Ok(0)
        }
        Err(e @ (StoreError::Blocked { .. } | StoreError::Invalid(_))) => {
            safe_eprintln!("claimdesk mark: {e}");
            Ok(1)
        }
        Err(e) => Err(e.into()),
    }
}

/// Who is marking (see [`crate::store::analyst::analyst_name`]).
/// A user config that cannot be read is said (its file, line and fix) and
/// the other sources of the name are used.
pub fn analyst_name(desk: &Desk) -> String {
    let configured = match crate::userconfig::UserConfig::load() {
        Ok(c) => c.analyst,
        Err(p) => {
            safe_eprintln!("claimdesk: warning: {p}; the analyst name comes from elsewhere");
            None
        }
    };
    crate::store::analyst::analyst_name(configured.as_deref(), desk)
}
