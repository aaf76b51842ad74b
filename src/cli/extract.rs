//! `claimdesk extract`: print the claims the rules find, for people or programs.
//!
//! Articles are read and extracted in parallel in chunks and printed in path
//! order as each chunk is done, so output streams on large desks.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;

use super::{load_rules, open_desk, printable, quiet_pipe, show};
use crate::desk::{Desk, files, load_article_reporting};
use crate::extract::{ClaimMatch, extract_article, extract_with_matches};
use crate::index::DeskArticle;
use crate::problem::Problem;
use crate::rules::RuleSet;
use crate::store::VerdictStore;

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: each article's title, then its claims.
    #[default]
    Text,
    /// One JSON document: {"articles":[{…,"claims":[…]}]}.
    Json,
    /// One JSON object per claim and line, with its article's path.
    Jsonl,
}

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Article files or folders (folders are searched for .txt and .md files).
    /// Default: the desk's articles.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The rules folder. Default: the desk's rules folder.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Articles extracted per parallel batch before printing.
const CHUNK: usize = 512;

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: ExtractArgs) -> anyhow::Result<i32> {
    let desk = open_desk(dir)?;
    let rules_dir = match &args.rules {
        Some(r) => dir.join(r),
        None => desk.rules_dir(),
    };
    let rules = load_rules(&rules_dir, &desk.root)?;
    let (store, store_problems) = VerdictStore::open(&rules_dir);
    for p in &store_problems {
        eprintln!("claimdesk: warning: {}", show(p, &desk.root));
    }

    let (targets, mut problems) = if args.paths.is_empty() {
        let (paths, problems) = desk.article_paths();
        let targets = paths.into_iter().map(|p| (p, None)).collect();
        (targets, problems)
    } else {
        (given_paths(dir, &args.paths)?, Vec::new())
    };
    for p in &problems {
        eprintln!("claimdesk: {}", show(p, &desk.root));
    }
    let listing_problems = problems.len();

    let ctx = Ctx {
        desk: &desk,
        rules: &rules,
        store: &store,
        format: args.format,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = (|| -> std::io::Result<()> {
        if ctx.format == Format::Json {
            out.write_all(b"{\"articles\":[")?;
        }
        let mut first = true;
        for chunk in targets.chunks(CHUNK) {
            let rendered: Vec<Result<(String, Vec<Problem>), Problem>> =
                chunk.par_iter().map(|t| ctx.render(t)).collect();
            for r in rendered {
                match r {
                    Ok((text, warnings)) => {
                        if ctx.format == Format::Json && !first {
                            out.write_all(b",")?;
                        }
                        first = false;
                        out.write_all(text.as_bytes())?;
                        for w in warnings {
                            eprintln!("claimdesk: warning: {}", show(&w, &desk.root));
                        }
                    }
                    Err(p) => {
                        eprintln!("claimdesk: {}", show(&p, &desk.root));
                        problems.push(p);
                    }
                }
            }
        }
        if ctx.format == Format::Json {
            out.write_all(b"]}\n")?;
        }
        out.flush()
    })();
    quiet_pipe(written)?;
    let skipped = problems.len() - listing_problems;
    if skipped > 0 {
        eprintln!("claimdesk: {skipped} article(s) skipped");
    }
    Ok(if problems.is_empty() { 0 } else { 1 })
}

/// The files named on the command line (folders walked), each with the path
/// to show when it lies outside the desk.
fn given_paths(dir: &Path, given: &[PathBuf]) -> anyhow::Result<Vec<(PathBuf, Option<String>)>> {
    let mut out = Vec::new();
    for g in given {
        let full = dir.join(g);
        let meta = std::fs::metadata(&full)
            .with_context(|| format!("{}: cannot read this article path", g.display()))?;
        let full = full.canonicalize().unwrap_or(full);
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut problems = Vec::new();
            files::walk_articles(&full, &mut found, &mut problems);
            if let Some(p) = problems.first() {
                anyhow::bail!("{p}");
            }
            found.sort();
            for f in found {
                let shown = f
                    .strip_prefix(&full)
                    .map(|rel| g.join(rel))
                    .unwrap_or(f.clone());
                out.push((f, Some(slashes(&shown))));
            }
        } else {
            out.push((full, Some(slashes(g))));
        }
    }
    Ok(out)
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// What every article's rendering needs.
struct Ctx<'a> {
    desk: &'a Desk,
    rules: &'a RuleSet,
    store: &'a VerdictStore,
    format: Format,
}

impl Ctx<'_> {
    /// Loads, extracts and renders one article.
    fn render(
        &self,
        target: &(PathBuf, Option<String>),
    ) -> Result<(String, Vec<Problem>), Problem> {
        let (path, shown) = target;
        let (article, warnings) = load_article_reporting(path)?;
        let (extraction, matches) = match self.format {
            Format::Text => (extract_article(&article, self.rules), Vec::new()),
            Format::Json | Format::Jsonl => extract_with_matches(&article, self.rules),
        };
        // Inside the desk, paths are desk-relative; outside, as given.
        let rel = match (path.strip_prefix(&self.desk.root), shown) {
            (Err(_), Some(shown)) => shown.clone(),
            _ => self.desk.relative(&article.path),
        };
        let a = DeskArticle {
            article,
            rel,
            extraction,
        };
        let text = match self.format {
            Format::Text => self.text(&a),
            Format::Json => {
                serde_json::to_string(&self.json(&a, matches, false)).unwrap_or_default()
            }
            Format::Jsonl => {
                let mut s = String::new();
                for claim in self.json(&a, matches, true).claims {
                    s.push_str(&serde_json::to_string(&claim).unwrap_or_default());
                    s.push('\n');
                }
                s
            }
        };
        Ok((text, warnings))
    }

    fn verdict(&self, id: &crate::extract::ClaimId) -> Option<&'static str> {
        self.store
            .get(id)
            .and_then(|r| r.verdict)
            .map(|v| v.as_str())
    }

    fn json<'a>(
        &'a self,
        a: &'a DeskArticle,
        matches: Vec<Vec<ClaimMatch>>,
        with_path: bool,
    ) -> JsonArticle<'a> {
        let text = &a.article.text;
        let rule_id = |i: usize| self.rules.rules.get(i).map_or("?", |r| r.id.as_str());
        let claims = a
            .extraction
            .claims
            .iter()
            .zip(matches)
            .map(|(c, matches)| JsonClaim {
                path: with_path.then_some(a.rel.as_str()),
                id: &c.id.0,
                rules: c.rules.indices().map(rule_id).collect(),
                kind: c.kind.as_str(),
                text: text.get(c.range.clone()).unwrap_or(""),
                start: c.range.start,
                end: c.range.end,
                verdict: self.verdict(&c.id),
                matches: matches
                    .into_iter()
                    .map(|m| JsonMatch {
                        rule: rule_id(m.rule),
                        start: m.range.start,
                        end: m.range.end,
                        captures: m
                            .captures
                            .into_iter()
                            .map(|(name, r)| (name, text.get(r).unwrap_or("")))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let meta = &a.article.meta;
        JsonArticle {
            path: &a.rel,
            title: &meta.title,
            source: meta.source.as_deref(),
            date: meta.date.as_deref(),
            lang: meta.lang.as_deref(),
            url: meta.url.as_deref(),
            claims,
        }
    }

    fn text(&self, a: &DeskArticle) -> String {
        let meta = &a.article.meta;
        let mut s = format!("{}\n  {}", a.rel, printable(&meta.title));
        let details: Vec<&str> = [meta.source.as_deref(), meta.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !details.is_empty() {
            s.push_str(&format!(" ({})", printable(&details.join(", "))));
        }
        s.push_str(&format!("\n  {} claim(s)\n", a.extraction.claims.len()));
        for c in &a.extraction.claims {
            let rules: Vec<&str> = c
                .rules
                .indices()
                .map(|i| self.rules.rules.get(i).map_or("?", |r| r.id.as_str()))
                .collect();
            let rules = if rules.is_empty() {
                "manual".to_string()
            } else {
                rules.join(", ")
            };
            let verdict = self.verdict(&c.id).unwrap_or("-");
            let sentence = a.article.text.get(c.range.clone()).unwrap_or("");
            s.push_str(&format!(
                "  {}  {}  [{}]  {}\n      {}\n",
                c.id,
                c.kind.as_str(),
                rules,
                verdict,
                printable(sentence)
            ));
        }
        s.push('\n');
        s
    }
}

/// An article in `--format json`.
#[derive(Serialize)]
struct JsonArticle<'a> {
    path: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    lang: Option<&'a str>,
    url: Option<&'a str>,
    claims: Vec<JsonClaim<'a>>,
}

/// A claim in `--format json` (and, with its article's path, a `jsonl` line).
#[derive(Serialize)]
struct JsonClaim<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    id: &'a str,
    rules: Vec<&'a str>,
    kind: &'static str,
    text: &'a str,
    start: usize,
    end: usize,
    verdict: Option<&'static str>,
    matches: Vec<JsonMatch<'a>>,
}

/// One rule's match inside a claim.
#[derive(Serialize)]
struct JsonMatch<'a> {
    rule: &'a str,
    start: usize,
    end: usize,
    captures: BTreeMap<String, &'a str>,
}
