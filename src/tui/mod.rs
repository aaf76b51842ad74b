//! The review TUI (ratatui + crossterm). The only module that imports a
//! terminal crate.
//!
//! SKELETON: owned by the TUI helper.

use std::path::Path;

/// Command-line options of the TUI (flattened into the top-level command).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TuiArgs {
    /// Print where config, state and cache live, and exit.
    #[arg(long)]
    pub paths: bool,
}

/// Opens the review TUI on the desk found from `dir`; returns the exit code.
pub fn run(_dir: &Path, args: &TuiArgs) -> anyhow::Result<i32> {
    if args.paths {
        let p = crate::userconfig::paths();
        println!("config: {}", p.config_file.display());
        println!("state:  {}", p.state_dir.display());
        println!("cache:  {}", p.cache_dir.display());
        return Ok(0);
    }
    anyhow::bail!("the TUI is not built yet")
}
