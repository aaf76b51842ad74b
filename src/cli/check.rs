//! `claimdesk check`. SKELETON.

use std::path::Path;

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// Runs the subcommand; returns the exit code.
pub fn run(_dir: &Path, _args: CheckArgs) -> anyhow::Result<i32> {
    anyhow::bail!("not built yet")
}
