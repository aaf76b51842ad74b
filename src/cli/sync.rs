//! `claimdesk sync`: commits the desk's verdict files, pulls (merge) and
//! pushes ([`crate::store::sync::sync`], the same function as the TUI's `:sync`).

use std::path::Path;

use crate::desk::Desk;
use crate::store::sync::{SyncError, sync};

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {}

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, _args: SyncArgs) -> anyhow::Result<i32> {
    let desk = Desk::discover(dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let analyst = super::mark::analyst_name(&desk);
    match sync(&desk.root, &desk.config.rules, &analyst) {
        Ok(report) => {
            if let Some(m) = &report.migrated {
                safe_println!("{m}");
            }
            for line in report.summary().split("; ") {
                safe_println!("{line}");
            }
            if !report.conflicts.is_empty() {
                safe_println!("decide them in claimdesk (`claimdesk check` lists them)");
            }
            Ok(if report.push_error.is_some() { 1 } else { 0 })
        }
        Err(e @ (SyncError::NotInGit | SyncError::OtherChanges(_))) => {
            safe_eprintln!("claimdesk sync: {e}");
            Ok(1)
        }
        Err(e) => {
            safe_eprintln!("claimdesk sync: {e}");
            Ok(1)
        }
    }
}
