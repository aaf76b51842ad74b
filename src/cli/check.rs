//! `claimdesk check`: validate a desk (for people and CI).

use std::io::Write;
use std::path::Path;

use super::show;
use crate::desk::{Desk, DeskError};
use crate::index::{DeskIndex, load_articles_cached};
use crate::problem::Problem;
use crate::rules::RuleSet;
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
    let report = check_desk(desk);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let n = report.problems.len();
    let written = (|| -> std::io::Result<()> {
        for p in &report.problems {
            writeln!(out, "{}", show(p, &report.root))?;
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
        }
    }
}

/// Checks rules, articles and verdicts of `desk`; every problem is collected.
pub fn check_desk(desk: Desk) -> CheckReport {
    let rules_dir = desk.rules_dir();
    let mut problems = Vec::new();
    let rules = if !rules_dir.is_dir() {
        problems.push(Problem::file(
            &rules_dir,
            "rules folder not found; create it or set `rules` in claimdesk.toml",
        ));
        None
    } else {
        match RuleSet::load(&rules_dir) {
            Ok(rules) => Some(rules),
            Err(ps) => {
                problems.extend(ps);
                None
            }
        }
    };
    let rule_problems = problems.len();
    let rules_loaded = rules.is_some();
    // Without usable rules, articles are still read and checked.
    let rules = match rules {
        Some(rules) => rules,
        None => match RuleSet::from_files(&rules_dir, &[]) {
            Ok(empty) => empty,
            Err(ps) => {
                problems.extend(ps);
                return CheckReport::failed(desk.root, problems);
            }
        },
    };

    let (paths, mut article_problems) = desk.article_paths();
    let cache_dir = crate::userconfig::paths().cache_dir;
    let (articles, more) = load_articles_cached(&desk, &paths, &rules, &|_| {}, Some(&cache_dir));
    article_problems.extend(more);
    let n_article_problems = article_problems.len();
    problems.extend(article_problems);

    let root = desk.root.clone();
    let n_rules = rules.rules.len();
    let index = DeskIndex::from_parts(desk, rules, articles, Vec::new());
    let (store, store_problems) = VerdictStore::open(&rules_dir);
    // `store::check` repeats the store's own problems and adds conflicts and
    // stale verdicts, which need the claims the rules find.
    let mut verdict_problems = if rules_loaded {
        crate::store::check(&index, &store)
    } else {
        store_problems
    };
    // Rating labels the desk's scale does not have.
    verdict_problems.extend(crate::export::rating_problems(
        &store,
        &index.desk.config.scale,
    ));
    let n_verdict_problems = verdict_problems.len();
    problems.extend(verdict_problems);
    CheckReport {
        root,
        problems,
        rule_problems,
        article_problems: n_article_problems,
        verdict_problems: n_verdict_problems,
        articles: index.articles.len(),
        rules: n_rules,
        claims: index.claim_count(),
        verdicts: store.records().count(),
    }
}
