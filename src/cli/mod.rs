//! The command line (clap). With no subcommand, opens the review TUI.
//!
//! Each subcommand lives in its own file: `extract`, `check`, `rules` (desk/CLI
//! helper); `init`, `mark`, `sync`, `merge-driver` (store helper); `export`; the TUI's options
//! are [`crate::tui::TuiArgs`] (TUI helper).

mod check;
mod export;
mod extract;
mod import;
mod init;
mod mark;
mod merge_driver;
mod rules_cmd;
mod sync;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::desk::{Desk, DeskError};
use crate::problem::Problem;
use crate::rules::RuleSet;

/// claimdesk: a keyboard-driven workbench for fact-checkers.
///
/// Without a subcommand, opens the review workbench on the desk found from
/// the current folder (or -C DIR): the nearest folder upwards with a
/// claimdesk.toml, like git finds a repository.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, about, long_about)]
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
    ///
    /// Formats: `text` for people; `json`, one document
    /// {"articles":[{"path","title","source","date","claims":[…]}]}; `jsonl`, one
    /// claim a line with its article's path. `start`/`end` are byte offsets into
    /// the article file as written; `verdict` is the analyst's verdict from the
    /// desk's verdict files, or null.
    ///
    /// Exit status: 0 when every article was read; 1 when some were skipped
    /// (listed on stderr); 2 when nothing could be done (bad rules, missing paths).
    Extract(extract::ExtractArgs),
    /// Validate the desk: rules and their examples, articles, verdict files.
    ///
    /// Checks claimdesk.toml, every rule file (patterns, examples and
    /// counter-examples), every article, and the verdict files (merge conflicts,
    /// conflict markers, stale verdicts). Prints every problem as
    /// `path:line: message`, then a summary.
    ///
    /// Exit status: 0 when the desk is clean, 1 when there are problems, 2 when
    /// the check could not run. Use it to gate a desk in CI.
    Check(check::CheckArgs),
    /// List the rules with how many claims each finds.
    ///
    /// For each rule: id, kind, file:line, the claims it owns (it is the first
    /// rule to match the sentence), the claims it matches at all, and its label.
    ///
    /// With --patterns, prints each rule's pattern on a line of its own and
    /// nothing else, e.g. `rg -f <(claimdesk rules --patterns) FILES`. claimdesk
    /// matches patterns against normalised text (Arabic letter variants and
    /// digits unified, diacritics removed); other tools see the text as written.
    Rules(rules_cmd::RulesArgs),
    /// Make the current folder a desk, or register the merge driver in a clone.
    Init(init::InitArgs),
    /// Set a claim's verdict from a script.
    Mark(mark::MarkArgs),
    /// Export the judged claims: ClaimReview, CSV, JSON or a Markdown report.
    ///
    /// One record per judged claim: id, verdict and rating label, the claim as
    /// written, note, evidence, analyst, time, flags (conflict, re-check,
    /// stale) and every article it appears in. Filters: --since/--until (the
    /// verdict's day, UTC), --verdict, --analyst, --outlet, and PATHs (article
    /// files or folders). ClaimReview needs [publisher] in claimdesk.toml and
    /// leaves out unverified and unsettled claims (said on stderr).
    ///
    /// Exit status: 0 when all was exported; 1 when problems were reported on
    /// stderr (an unreadable verdict file, a rating not in the desk's scale,
    /// a skipped article) and the rest was exported; 2 when nothing could be
    /// done (no [publisher] for ClaimReview, bad rules, a bad argument).
    Export(export::ExportArgs),
    /// Commit the desk's verdict files, pull (merge) and push.
    ///
    /// Commits only verdict files, with a message naming the analyst and the
    /// counts (`claimdesk: Lina: 3 confirmed, 1 disputed`); then, when the
    /// branch has an upstream, pulls with a merge (verdict files git cannot
    /// merge are merged claim by claim), reports recorded conflicts and
    /// pushes. Refuses when other tracked files have changes. Exit status: 0
    /// synced (conflicts recorded are listed and also exit 0); 1 refused or
    /// stopped (the message says why; verdicts already committed stay so).
    Sync(sync::SyncArgs),
    /// Import ClaimReview published by other organisations, as reference.
    ///
    /// FILEs are JSON-LD (an object, an array, or a document with `@graph`)
    /// or JSONL. Reviews are kept in reviews/imported.toml, de-duplicated by
    /// URL, never mixed with the desk's own verdicts; the workbench shows
    /// those matching a claim, and `extract --format json` lists them.
    ///
    /// Exit status: 0 when every file was imported; 1 when some had problems
    /// (named with file and line; nothing of such a file is kept); 2 when
    /// nothing could be done.
    ImportReviews(import::ImportArgs),
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(e),
    };
    // For end-to-end tests of a second start, which write a desk and open it
    // from the cache within the same second (see `cache::RACY_MARGIN`).
    if let Some(ms) = std::env::var("CLAIMDESK_RACY_MARGIN_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        crate::index::cache::set_racy_margin(std::time::Duration::from_millis(ms));
    }
    let dir = start_dir(&cli.dir);
    let result = match cli.command {
        None => crate::tui::run(&dir, &cli.tui),
        Some(Command::Extract(args)) => extract::run(&dir, args),
        Some(Command::Check(args)) => check::run(&dir, args),
        Some(Command::Rules(args)) => rules_cmd::run(&dir, args),
        Some(Command::Init(args)) => init::run(&dir, args),
        Some(Command::Mark(args)) => mark::run(&dir, args),
        Some(Command::Export(args)) => export::run(&dir, args),
        Some(Command::Sync(args)) => sync::run(&dir, args),
        Some(Command::ImportReviews(args)) => import::run(&dir, args),
        Some(Command::MergeDriver(args)) => merge_driver::run(&dir, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            crate::render::eprintln_safe(format_args!("claimdesk: {}", error_chain(&e)));
            2
        }
    }
}

/// Prints clap's message about the command line (or its help) and returns
/// its exit code. clap quotes the arguments it rejects, as they are when it
/// writes to a terminal: when an argument holds characters a terminal would
/// act on, the message is printed plain (no colours, escape sequences
/// stripped) through the sanitiser.
fn argument_error(e: clap::Error) -> i32 {
    let hostile = std::env::args_os()
        .any(|a| matches!(crate::render::safe(&a.to_string_lossy()), Cow::Owned(_)));
    if !hostile {
        e.exit();
    }
    let plain = e.render().to_string();
    let plain = plain.trim_end();
    if e.use_stderr() {
        safe_eprintln!("{plain}");
    } else {
        safe_println!("{plain}");
    }
    e.exit_code()
}

/// An error and its causes as one message, each cause said once: an
/// error whose text already includes its source (`{path}: {source}`) does
/// not get the source repeated after it.
pub fn error_chain(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}

/// Opens the desk found from `dir`, with an error that says where and why.
pub(crate) fn open_desk(dir: &Path) -> anyhow::Result<Desk> {
    Desk::discover(dir).map_err(desk_error)
}

/// A desk that cannot be opened, said for people.
pub(crate) fn desk_error(e: DeskError) -> anyhow::Error {
    match e {
        DeskError::Io { path, source } => {
            anyhow::anyhow!(
                "cannot open a desk at {}: {source}",
                crate::render::safe(&path.display().to_string())
            )
        }
        DeskError::Config(p) => anyhow::anyhow!("{p}"),
    }
}

/// Loads the rules in `dir`, or an error listing every problem (and what to do).
pub(crate) fn load_rules(dir: &Path, root: &Path) -> anyhow::Result<RuleSet> {
    if !dir.is_dir() {
        anyhow::bail!(
            "rules folder {} not found; create it, set `rules` in claimdesk.toml or pass --rules DIR",
            crate::render::safe(&dir.display().to_string())
        );
    }
    RuleSet::load(dir).map_err(|problems| {
        let mut msg = format!("the rules have {} problem(s):", problems.len());
        for p in &problems {
            msg.push_str(&format!("\n  {}", show(p, root)));
        }
        msg.push_str("\nfix them (`claimdesk check` lists every problem of the desk)");
        anyhow::anyhow!(msg)
    })
}

/// A problem as printed: its path relative to `root` when inside it.
pub(crate) fn show(p: &Problem, root: &Path) -> String {
    match p.path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            let mut p = p.clone();
            p.path = rel.to_path_buf();
            p.to_string()
        }
        _ => p.to_string(),
    }
}

/// Ok when `result` succeeded or only failed because the reader went away
/// (`claimdesk extract | head`).
pub(crate) fn quiet_pipe(result: std::io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the output"),
    }
}

/// Text from articles made safe to print on one line of a terminal:
/// newlines and tabs become spaces, then [`crate::render::safe`] makes
/// every control, C1, bidi and zero-width character a visible token.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if !s.contains(['\n', '\t', '\r']) {
        return crate::render::safe(s);
    }
    let flat = s.replace(['\n', '\t', '\r'], " ");
    Cow::Owned(crate::render::safe(&flat).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_defuses_escapes_and_overrides() {
        assert_eq!(printable("قال"), "قال");
        assert_eq!(printable("a\u{1b}]0;x\u{7}b"), "a␛]0;x␇b");
        assert_eq!(printable("x\u{202E}y\nz"), "x⟪RLO⟫y z");
        assert_eq!(printable("\u{9b}"), "⟪9B⟫");
        assert_eq!(printable("a\u{200B}b"), "a⟪ZWSP⟫b");
    }

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let io = std::io::Error::from_raw_os_error(28);
        let e = anyhow::Error::new(crate::store::StoreError::Io {
            path: "rules/a.verdicts.toml".into(),
            source: io,
        });
        let text = error_chain(&e);
        assert_eq!(text.matches("os error 28").count(), 1, "{text}");
        let e = anyhow::Error::new(std::io::Error::from_raw_os_error(28)).context("cannot write");
        assert!(
            error_chain(&e).starts_with("cannot write: "),
            "{}",
            error_chain(&e)
        );
    }
}
