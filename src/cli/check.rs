//! `claimdesk check`: validate a desk (for people and CI).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::show;
use crate::desk::{Desk, DeskError};
use crate::index::load_articles;
use crate::problem::Problem;
use crate::rules::RuleSet;
use crate::session::{DeskSession, SessionOptions};
use crate::store::VerdictStore;

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Print only the problems and the summary line, not the counts.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: CheckArgs) -> anyhow::Result<i32> {
    let desk = match Desk::discover(dir) {
        Ok(desk) => desk,
        Err(DeskError::Config(p)) => {
            let mut out = std::io::stdout();
            let written = writeln!(out, "{p}\n1 problem: fix claimdesk.toml first");
            super::quiet_pipe(written)?;
            return Ok(1);
        }
        Err(e) => return Err(super::desk_error(e)),
    };
    let report = check_desk(desk, Some(crate::userconfig::paths().cache_dir));
    let stdout = std::io::stdout();
    // Text for people: every line through the one sanitiser.
    let mut out = crate::render::SafeWriter::new(std::io::BufWriter::new(stdout.lock()));
    let n = report.problems.len();
    let written = (|| -> std::io::Result<()> {
        for p in &report.problems {
            writeln!(out, "{}", show(p, &report.root))?;
        }
        if let Some(warning) = &report.driver_warning {
            writeln!(out, "{warning}")?;
        }
        if !args.quiet || n > 0 {
            writeln!(
                out,
                "{}: {} article(s), {} rule(s), {} claim(s), {} verdict(s)",
                report.root.display(),
                report.articles,
                report.rules,
                report.claims,
                report.verdicts
            )?;
        }
        if n == 0 {
            writeln!(out, "ok: no problems")?;
        } else {
            writeln!(
                out,
                "{n} problem(s): {} in rules, {} in articles, {} in verdicts",
                report.rule_problems, report.article_problems, report.verdict_problems
            )?;
        }
        out.flush()
    })();
    super::quiet_pipe(written)?;
    Ok(if n == 0 { 0 } else { 1 })
}

/// What `check` found.
#[derive(Debug)]
pub struct CheckReport {
    pub root: std::path::PathBuf,
    pub problems: Vec<Problem>,
    pub rule_problems: usize,
    pub article_problems: usize,
    pub verdict_problems: usize,
    pub articles: usize,
    pub rules: usize,
    pub claims: usize,
    pub verdicts: usize,
    /// Said (without failing) when the desk's git clone lacks the merge driver.
    pub driver_warning: Option<String>,
}

impl CheckReport {
    fn failed(root: std::path::PathBuf, problems: Vec<Problem>) -> CheckReport {
        CheckReport {
            root,
            rule_problems: problems.len(),
            problems,
            article_problems: 0,
            verdict_problems: 0,
            articles: 0,
            rules: 0,
            claims: 0,
            verdicts: 0,
            driver_warning: None,
        }
    }
}

/// Checks rules, articles and verdicts of `desk`; every problem is collected.
/// The desk is opened as every front opens it ([`DeskSession::open`]), so
/// manual claims and re-attached verdicts are seen as the TUI sees them.
pub fn check_desk(desk: Desk, cache_dir: Option<PathBuf>) -> CheckReport {
    let rules_dir = desk.rules_dir();
    if !rules_dir.is_dir() {
        let missing = Problem::file(
            &rules_dir,
            "rules folder not found; create it or set `rules` in claimdesk.toml",
        );
        return check_without_rules(desk, vec![missing]);
    }
    let options = SessionOptions {
        cache_dir,
        ..SessionOptions::default()
    };
    let session = match DeskSession::open(desk.clone(), &options, &|_| {}) {
        Ok(session) => session,
        Err(rule_problems) => return check_without_rules(desk, rule_problems),
    };
    let index = &session.index;
    // Rules the cache vouched for compile now: one that fails is a problem.
    let compile_problems = index.rules.compile_all();
    let article_problems = index.problems.clone();
    // `verdict_problems` repeats the store's own problems and adds
    // conflicts, stale verdicts and verdicts to re-check; then rating
    // labels the desk's scale does not have.
    let mut verdict_problems = session.verdict_problems();
    verdict_problems.extend(crate::export::rating_problems(
        &session.store,
        &index.desk.config.scale,
    ));
    let mut problems = compile_problems.clone();
    problems.extend(article_problems.iter().cloned());
    problems.extend(verdict_problems.iter().cloned());
    CheckReport {
        root: index.desk.root.clone(),
        rule_problems: compile_problems.len(),
        article_problems: article_problems.len(),
        verdict_problems: verdict_problems.len(),
        articles: index.articles.len(),
        rules: index.rules.rules.len(),
        claims: index.claim_count(),
        verdicts: session.store.records().count(),
        driver_warning: crate::store::git::driver_warning(
            &index.desk.root,
            &index.desk.config.rules,
        ),
        problems,
    }
}

/// The rules cannot be used: articles and verdict files are still read and
/// checked (with no rules, so no claims), and every problem is reported.
fn check_without_rules(desk: Desk, mut problems: Vec<Problem>) -> CheckReport {
    let rules_dir = desk.rules_dir();
    let rule_problems = problems.len();
    let rules = match RuleSet::from_files(&rules_dir, &[]) {
        Ok(empty) => empty,
        Err(ps) => {
            problems.extend(ps);
            return CheckReport::failed(desk.root, problems);
        }
    };
    let (paths, mut article_problems) = desk.article_paths();
    let (articles, more) = load_articles(&desk, &paths, &rules, &|_| {});
    article_problems.extend(more);
    let n_article_problems = article_problems.len();
    problems.extend(article_problems);
    let (store, store_problems) = VerdictStore::open(&rules_dir);
    let mut verdict_problems = store_problems;
    // Rating labels the desk's scale does not have.
    verdict_problems.extend(crate::export::rating_problems(&store, &desk.config.scale));
    let n_verdict_problems = verdict_problems.len();
    problems.extend(verdict_problems);
    let driver_warning = crate::store::git::driver_warning(&desk.root, &desk.config.rules);
    CheckReport {
        root: desk.root,
        problems,
        rule_problems,
        article_problems: n_article_problems,
        verdict_problems: n_verdict_problems,
        articles: articles.len(),
        rules: 0,
        claims: articles.iter().map(|a| a.extraction.claims.len()).sum(),
        verdicts: store.records().count(),
        driver_warning,
    }
}
