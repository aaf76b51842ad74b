//! `claimdesk export`: the desk's judged claims as ClaimReview, CSV, JSON or
//! an editor's report in Markdown, on stdout or into a file (written
//! atomically). See docs/export.md.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{open_desk, quiet_pipe, show};
use crate::desk::Desk;
use crate::export::{self, ExportFilter, ExportRecord, ReportInfo};
use crate::index::DeskIndex;
use crate::problem::Problem;
use crate::session::{DeskSession, SessionOptions};
use crate::store::{Verdict, VerdictRecord, VerdictStore};
use crate::text::dates::Date;

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExportFormat {
    /// schema.org ClaimReview, JSON-LD (needs [publisher] in claimdesk.toml).
    Claimreview,
    /// One row per claim, UTF-8 with a byte-order mark.
    Csv,
    /// The full records: {"schema":1,"records":[…]}.
    Json,
    /// The editor's report.
    #[default]
    Markdown,
}

/// A verdict on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum VerdictArg {
    Confirmed,
    Disputed,
    Unverified,
    /// Sentences marked "not a claim" (extraction noise).
    NotAClaim,
}

impl From<VerdictArg> for Verdict {
    fn from(v: VerdictArg) -> Verdict {
        match v {
            VerdictArg::Confirmed => Verdict::Confirmed,
            VerdictArg::Disputed => Verdict::Disputed,
            VerdictArg::Unverified => Verdict::Unverified,
            VerdictArg::NotAClaim => Verdict::NotAClaim,
        }
    }
}

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Only claims that appear in these article files or folders of the desk.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// Write into FILE (atomically: a temporary file, synced, renamed) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only verdicts given on this day (UTC) or later: YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
    /// Only verdicts given on this day (UTC) or earlier: YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<Date>,
    /// Only this verdict (repeat for several).
    #[arg(long, value_enum, value_name = "VERDICT")]
    pub verdict: Vec<VerdictArg>,
    /// Only verdicts by this analyst (repeat for several; case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub analyst: Vec<String>,
    /// Only claims appearing in this outlet (repeat for several; case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s)
        .ok_or_else(|| format!("{s:?} is not a date; write YYYY-MM-DD, e.g. 2026-11-21"))
}

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: ExportArgs) -> anyhow::Result<i32> {
    let desk = open_desk(dir)?;
    if args.format == ExportFormat::Claimreview {
        let missing = desk.config.publisher.missing();
        if !missing.is_empty() {
            let file = desk
                .config_file()
                .unwrap_or_else(|| desk.root.join(crate::desk::CONFIG_FILE));
            safe_eprintln!(
                "claimdesk export: {}",
                export::claimreview::missing_publisher_help(
                    &export::MissingPublisher(missing),
                    &file.display().to_string()
                )
            );
            return Ok(2);
        }
    }
    if let (Some(s), Some(u)) = (args.since, args.until)
        && s > u
    {
        anyhow::bail!("--since {s} is after --until {u}; swap them");
    }
    let paths = desk_paths(&desk, dir, &args.paths)?;
    let filter = ExportFilter {
        since: args.since,
        until: args.until,
        verdicts: args.verdict.iter().map(|&v| v.into()).collect(),
        analysts: args.analyst.clone(),
        outlets: args.outlet.clone(),
        paths,
    };
    let Some((index, store, mut problems)) = open_index(desk)? else {
        return Ok(2);
    };
    let records: Vec<VerdictRecord> = store.records().cloned().collect();
    problems.extend(export::rating_problems(&store, &index.desk.config.scale));
    for p in &problems {
        safe_eprintln!("claimdesk: warning: {}", show(p, &index.desk.root));
    }
    let exported = export::collect(&index, &records, &filter);
    let (bytes, written) = render(&index, &args, &exported)?;
    match &args.output {
        Some(file) => {
            let path = dir.join(file);
            crate::store::durable::write_atomic(&path, &bytes)
                .map_err(|e| anyhow::anyhow!("{}: cannot write the export: {e}", path.display()))?;
            safe_eprintln!("claimdesk export: {written} written to {}", file.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            quiet_pipe(out.write_all(&bytes).and_then(|()| out.flush()))?;
        }
    }
    Ok(if problems.is_empty() { 0 } else { 1 })
}

/// The desk opened as every front opens it ([`DeskSession::open`]: manual
/// claims and re-attached verdicts as in the TUI), and the problems met;
/// `None` when the rules do not load.
fn open_index(desk: Desk) -> anyhow::Result<Option<(DeskIndex, VerdictStore, Vec<Problem>)>> {
    let options = SessionOptions {
        cache_dir: Some(crate::userconfig::paths().cache_dir),
        ..SessionOptions::default()
    };
    match DeskSession::open(desk, &options, &|_| {}) {
        Ok(session) => Ok(Some((session.index, session.store, session.problems))),
        Err(problems) => {
            for p in problems {
                safe_eprintln!("{p}");
            }
            safe_eprintln!("claimdesk export: the desk's rules have problems; fix them first");
            Ok(None)
        }
    }
}

/// The export in the asked format, and what it holds in words (`5 record(s)`).
fn render(
    index: &DeskIndex,
    args: &ExportArgs,
    records: &[ExportRecord],
) -> anyhow::Result<(Vec<u8>, String)> {
    let config = &index.desk.config;
    let mut written = format!("{} record(s)", records.len());
    let bytes = match args.format {
        ExportFormat::Json => export::write_json(records).into_bytes(),
        ExportFormat::Csv => export::write_csv(records),
        ExportFormat::Markdown => {
            let info = ReportInfo {
                desk: index
                    .desk
                    .root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                since: args.since.map(|d| d.to_string()),
                until: args.until.map(|d| d.to_string()),
                filters: filter_words(args),
                made: Some(crate::store::time::now_rfc3339()),
            };
            export::write_markdown(records, &info).into_bytes()
        }
        ExportFormat::Claimreview => {
            let reviews = export::claim_reviews(records, &config.publisher, &config.scale)?;
            if !reviews.left_out.is_empty() {
                let mut why: Vec<(&str, usize)> = Vec::new();
                for (_, w) in &reviews.left_out {
                    match why.iter_mut().find(|(s, _)| *s == w.as_str()) {
                        Some((_, n)) => *n += 1,
                        None => why.push((w.as_str(), 1)),
                    }
                }
                let why: Vec<String> = why.iter().map(|(s, n)| format!("{n} {s}")).collect();
                safe_eprintln!(
                    "claimdesk export: {} review(s); left out {}: {}",
                    reviews.published,
                    reviews.left_out.len(),
                    why.join(", ")
                );
            }
            if !reviews.without_appearance.is_empty() {
                safe_eprintln!(
                    "claimdesk export: {} review(s) without an appearance (their articles have no `url` in front matter): {}",
                    reviews.without_appearance.len(),
                    reviews.without_appearance.join(", ")
                );
            }
            // A rating published under a label nobody chose is said out loud:
            // the desk lead sees which claims to label before publishing.
            let defaulted: Vec<String> = records
                .iter()
                .filter(|r| matches!(r.verdict, Verdict::Confirmed | Verdict::Disputed))
                .filter_map(|r| r.rating.as_ref().filter(|x| !x.chosen).map(|x| (r, x)))
                .map(|(r, x)| format!("{} ({})", r.id, x.label))
                .collect();
            if !defaulted.is_empty() {
                safe_eprintln!(
                    "claimdesk export: warning: {} review(s) carry their verdict's default label, no label was chosen: {}; \
                     choose one (a digit after the verdict key in the workbench, or `claimdesk mark ID VERDICT --rating LABEL`)",
                    defaulted.len(),
                    defaulted.join(", ")
                );
            }
            written = format!("{} review(s)", reviews.published);
            export::claimreview::to_text(&reviews).into_bytes()
        }
    };
    Ok((bytes, written))
}

/// The filters other than the period, in words, for the report's header.
fn filter_words(args: &ExportArgs) -> Vec<String> {
    let mut out = Vec::new();
    let list = |what: &str, items: Vec<String>| {
        (!items.is_empty()).then(|| format!("{what} {}", items.join(" or ")))
    };
    out.extend(list(
        "verdict",
        args.verdict
            .iter()
            .map(|&v| Verdict::from(v).to_string())
            .collect(),
    ));
    out.extend(list("analyst", args.analyst.clone()));
    out.extend(list("outlet", args.outlet.clone()));
    out.extend(list(
        "articles under",
        args.paths.iter().map(|p| p.display().to_string()).collect(),
    ));
    out
}

/// The PATHs given, as desk-relative paths; an error for one that does not
/// exist or lies outside the desk.
fn desk_paths(desk: &Desk, dir: &Path, given: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    given
        .iter()
        .map(|g| {
            let full = dir.join(g).canonicalize().map_err(|e| {
                anyhow::anyhow!("{}: cannot read this article path: {e}", g.display())
            })?;
            if !full.starts_with(&desk.root) {
                anyhow::bail!(
                    "{}: not inside the desk at {}; export filters on the desk's own articles",
                    g.display(),
                    desk.root.display()
                );
            }
            Ok(desk.relative(&full))
        })
        .collect()
}
