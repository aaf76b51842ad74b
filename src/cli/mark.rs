//! `claimdesk mark`. SKELETON.

use std::path::Path;

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct MarkArgs {}

/// Runs the subcommand; returns the exit code.
pub fn run(_dir: &Path, _args: MarkArgs) -> anyhow::Result<i32> {
    anyhow::bail!("not built yet")
}
