//! `claimdesk mark CLAIM-ID VERDICT [--rating LABEL] [--note TEXT] [--evidence URL]…`:
//! sets a claim's verdict from a script, through the same store as the TUI.
//! Exits 0 only once the verdict is durably on disk; 1 when the store refused
//! to write (unresolved git merge, invalid verdict file); 2 for an unknown id
//! or another error.

use std::collections::BTreeSet;
use std::path::Path;

use crate::desk::Desk;
use crate::extract::ClaimId;
use crate::index::DeskIndex;
use crate::store::{Owner, StoreError, VerdictChange, VerdictStore, attach_all};

/// The verdict word on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MarkVerdict {
    Confirmed,
    Disputed,
    Unverified,
    /// Remove the verdict (a rule claim's record goes when nothing else is left in it).
    Clear,
}

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// The claim's id, as `claimdesk extract` and the TUI show it.
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
        MarkVerdict::Confirmed => Some(crate::store::Verdict::Confirmed),
        MarkVerdict::Disputed => Some(crate::store::Verdict::Disputed),
        MarkVerdict::Unverified => Some(crate::store::Verdict::Unverified),
        MarkVerdict::Clear => None,
    };
    let rating = match (&args.rating, verdict) {
        (None, _) => None,
        (Some(_), None) => {
            eprintln!("claimdesk mark: --rating needs a verdict (clear removes the rating)");
            return Ok(2);
        }
        (Some(label), Some(v)) => match desk.config.scale.check(v, label.trim()) {
            Ok(l) => Some(Some(l.label.clone())),
            Err(why) => {
                eprintln!("claimdesk mark: {why}");
                return Ok(2);
            }
        },
    };
    let analyst = analyst_name(&desk);
    let mut index = match DeskIndex::load(desk, &|_| {}) {
        Ok(i) => i,
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            eprintln!("claimdesk mark: the desk's rules have problems; fix them first");
            return Ok(2);
        }
    };
    let (mut store, problems) = VerdictStore::open(&index.desk.rules_dir());
    for p in &problems {
        eprintln!("{p}");
    }
    attach_all(&mut index, &mut store);
    let id = ClaimId(args.id.trim().into());
    let Some((claim, owner, articles)) = describe(&index, &store, &id) else {
        if !problems.is_empty() {
            eprintln!(
                "claimdesk mark: claim {id} not found, and verdict files above could not be read; not written"
            );
            return Ok(1);
        }
        eprintln!(
            "claimdesk mark: no claim with id {id} in this desk (list ids with `claimdesk extract`)"
        );
        return Ok(2);
    };
    let change = VerdictChange {
        id: id.clone(),
        verdict: Some(verdict),
        note: args.note,
        evidence: (!args.evidence.is_empty()).then_some(args.evidence),
        claim,
        owner: owner.clone(),
        articles,
        analyst,
    };
    match store.apply_rated(change, rating) {
        Ok(()) => {
            let rec = store.get(&id);
            let mut state = rec
                .and_then(|r| r.verdict)
                .map_or("no verdict", |v| v.as_str())
                .to_string();
            if let Some(r) = rec.and_then(|r| r.rating.as_deref()) {
                state = format!("{state}, {r}");
            }
            println!(
                "{id}: {state} ({})",
                store.display_path(&owner.verdict_file()).display()
            );
            Ok(0)
        }
        Err(e @ (StoreError::Blocked { .. } | StoreError::Invalid(_))) => {
            eprintln!("claimdesk mark: {e}");
            Ok(1)
        }
        Err(e) => Err(e.into()),
    }
}

/// The claim's sentence, owner and articles, from the index (or, for a
/// manual claim whose sentence is gone, from its record).
fn describe(
    index: &DeskIndex,
    store: &VerdictStore,
    id: &ClaimId,
) -> Option<(String, Owner, Vec<String>)> {
    let refs = index.appearances(id);
    if let Some(first) = refs.first() {
        let art = &index.articles[first.article];
        let claim = &art.extraction.claims[first.claim];
        let owner = match claim.rules.owner().and_then(|r| index.rules.rules.get(r)) {
            Some(rule) => Owner::Rule {
                id: rule.id.clone(),
                file: rule.file.clone(),
            },
            None => Owner::Manual,
        };
        let articles: BTreeSet<String> = refs
            .iter()
            .map(|r| index.articles[r.article].rel.clone())
            .collect();
        return Some((
            art.article.text[claim.range.clone()].to_string(),
            owner,
            articles.into_iter().collect(),
        ));
    }
    let rec = store.get(id).filter(|r| r.is_manual())?;
    Some((rec.claim.clone(), Owner::Manual, rec.articles.clone()))
}

/// Who is marking (see [`crate::store::analyst::analyst_name`]).
pub fn analyst_name(desk: &Desk) -> String {
    let configured = crate::userconfig::UserConfig::load()
        .ok()
        .and_then(|c| c.analyst);
    crate::store::analyst::analyst_name(configured.as_deref(), desk)
}
