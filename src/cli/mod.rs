//! The command line (clap). With no subcommand, opens the review TUI.
//!
//! Each subcommand lives in its own file: `extract`, `check`, `rules` (desk/CLI
//! helper); `init`, `mark`, `merge-driver` (store helper); the TUI's options
//! are [`crate::tui::TuiArgs`] (TUI helper).

mod check;
mod extract;
mod init;
mod mark;
mod merge_driver;
mod rules_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// claimdesk: a keyboard-driven workbench for fact-checkers.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, about)]
pub struct Cli {
    /// Run as if started in DIR (the desk is found from there, like git).
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub tui: crate::tui::TuiArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the claims the rules find in articles.
    Extract(extract::ExtractArgs),
    /// Validate the desk: rules and their examples, articles, verdict files.
    Check(check::CheckArgs),
    /// List the rules with how many claims each finds.
    Rules(rules_cmd::RulesArgs),
    /// Make the current folder a desk, or register the merge driver in a clone.
    Init(init::InitArgs),
    /// Set a claim's verdict from a script.
    Mark(mark::MarkArgs),
    /// Git merge driver for verdict files (called by git).
    MergeDriver(merge_driver::MergeDriverArgs),
}

/// The folder the command runs in (`-C DIR`, else the current directory).
pub fn start_dir(cli_dir: &Option<PathBuf>) -> PathBuf {
    cli_dir
        .clone()
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let dir = start_dir(&cli.dir);
    let result = match cli.command {
        None => crate::tui::run(&dir, &cli.tui),
        Some(Command::Extract(args)) => extract::run(&dir, args),
        Some(Command::Check(args)) => check::run(&dir, args),
        Some(Command::Rules(args)) => rules_cmd::run(&dir, args),
        Some(Command::Init(args)) => init::run(&dir, args),
        Some(Command::Mark(args)) => mark::run(&dir, args),
        Some(Command::MergeDriver(args)) => merge_driver::run(&dir, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimdesk: {e:#}");
            2
        }
    }
}
