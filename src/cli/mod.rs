//! The command line (clap): with no subcommand, opens the review TUI.
//!
//! SKELETON: owned by the desk/CLI helper; subcommands `init`, `mark` and
//! `merge-driver` are the store helper's; TUI options are the TUI helper's.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// claimdesk: a keyboard-driven workbench for fact-checkers.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, about)]
pub struct Cli {
    /// Run as if started in DIR (the desk is found from there, like git).
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the claims the rules find in articles.
    Extract {
        /// Article files or folders (default: the desk's articles).
        paths: Vec<PathBuf>,
        /// Rules folder (default: the desk's).
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, default_value = "text")]
        format: String,
    },
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        None => {
            eprintln!("claimdesk: the TUI is not built yet");
            1
        }
        Some(Command::Extract { .. }) => {
            eprintln!("claimdesk: extract is not built yet");
            1
        }
    }
}
