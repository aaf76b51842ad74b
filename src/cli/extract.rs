//! `claimdesk extract`: print the claims the rules find, for people or programs.
//!
//! Articles are read and extracted in parallel in chunks and printed in path
//! order as each chunk is done, so output streams on large desks.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use self::json::{ArticleJson, ClaimJson, MatchJson, RelatedJson, write_related};
use super::{load_rules, open_desk, printable, quiet_pipe, show};
use crate::desk::{Article, Desk, files, load_article_reporting};
use crate::extract::{ClaimMatch, Extraction, extract_article, extract_many};
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

mod json;

/// Articles extracted together, phase by phase, by one thread.
const BATCH: usize = 32;

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: ExtractArgs) -> anyhow::Result<i32> {
    let desk = open_desk(dir)?;
    let rules_dir = match &args.rules {
        Some(r) => dir.join(r),
        None => desk.rules_dir(),
    };
    // The articles are listed while the rules compile.
    let (rules, listing) = rayon::join(
        || load_rules(&rules_dir, &desk.root),
        || -> anyhow::Result<_> {
            if args.paths.is_empty() {
                let (paths, problems) = desk.article_paths();
                let targets: Vec<_> = paths.into_iter().map(|p| (p, None)).collect();
                Ok((targets, problems))
            } else {
                Ok((given_paths(dir, &args.paths)?, Vec::new()))
            }
        },
    );
    let rules = rules?;
    let (store, store_problems) = VerdictStore::open(&rules_dir);
    for p in &store_problems {
        eprintln!("claimdesk: warning: {}", show(p, &desk.root));
    }

    let (targets, problems) = listing?;
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
    let mut printer = Printer {
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
        json: ctx.format == Format::Json,
        first: true,
        problems,
        root: &desk.root,
        held: (ctx.format != Format::Text).then(Vec::new),
    };
    let written = (|| -> std::io::Result<()> {
        if printer.json {
            printer.out.write_all(b"{\"articles\":[")?;
        }
        extract_in_order(&ctx, &targets, |rendered| printer.print(rendered))?;
        printer.write_held()?;
        if printer.json {
            printer.out.write_all(b"]}\n")?;
        }
        printer.out.flush()
    })();
    let problems = printer.problems;
    quiet_pipe(written)?;
    let skipped = problems.len() - listing_problems;
    if skipped > 0 {
        eprintln!("claimdesk: {skipped} article(s) skipped");
    }
    Ok(if problems.is_empty() { 0 } else { 1 })
}

/// Extracts and renders `targets` in batches on every thread of the pool
/// and hands each batch to `print` in path order as soon as it and those
/// before it are done (no thread waits for a slow batch of the others).
/// Stops at the first error of `print`.
fn extract_in_order(
    ctx: &Ctx,
    targets: &[(PathBuf, Option<String>)],
    mut print: impl FnMut(Vec<Rendered>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let batches: Vec<_> = targets.chunks(BATCH).collect();
    let next = AtomicUsize::new(0);
    let threads = rayon::current_num_threads().max(1);
    std::thread::scope(|scope| {
        let (done, results) = mpsc::sync_channel::<(usize, Vec<Rendered>)>(2 * threads);
        for _ in 0..threads {
            let (done, next, batches) = (done.clone(), &next, &batches);
            scope.spawn(move || {
                // Batches are taken in order, so finished ones wait briefly.
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = batches.get(index) else {
                        break;
                    };
                    if done.send((index, ctx.render_batch(batch))).is_err() {
                        break; // printing stopped
                    }
                }
            });
        }
        drop(done);
        // Finished batches by index, printed in order.
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        for (index, rendered) in results {
            waiting.insert(index, rendered);
            while let Some(rendered) = waiting.remove(&want) {
                print(rendered)?;
                want += 1;
            }
        }
        Ok(())
    })
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

/// One article's output and warnings, or why it was skipped.
type Rendered = Result<(Vec<u8>, Vec<Problem>, Option<Held>), Problem>;

/// An article's JSON held back until every claim of the desk is known, so
/// that each claim's `related` links can be written into it.
struct Held {
    /// The article's path as printed.
    path: String,
    /// For each claim: where its `,"related":[…]` goes in the bytes, its id
    /// and its sentence.
    claims: Vec<(usize, String, String)>,
}

/// Prints rendered articles in order: output to stdout, messages to stderr.
struct Printer<'a> {
    out: std::io::BufWriter<std::io::Stdout>,
    /// `--format json`: articles are separated by commas.
    json: bool,
    first: bool,
    /// Every problem so far (listing problems first).
    problems: Vec<Problem>,
    root: &'a Path,
    /// JSON formats: the articles rendered so far, printed by
    /// [`Printer::write_held`] once every claim is linked.
    held: Option<Vec<(Vec<u8>, Held)>>,
}

impl Printer<'_> {
    /// Links the held claims across articles and prints the held articles
    /// with each claim's `related` list.
    fn write_held(&mut self) -> std::io::Result<()> {
        let Some(held) = self.held.take() else {
            return Ok(());
        };
        let items: Vec<crate::link::LinkItem> = held
            .iter()
            .enumerate()
            .flat_map(|(a, (_, h))| {
                h.claims
                    .iter()
                    .map(move |(_, _, text)| crate::link::LinkItem { article: a, text })
            })
            .collect();
        let links = crate::link::link_claims(&items);
        let refs: Vec<(usize, usize)> = held
            .iter()
            .enumerate()
            .flat_map(|(a, (_, h))| (0..h.claims.len()).map(move |c| (a, c)))
            .collect();
        let mut item = 0;
        let mut related = Vec::new();
        let mut spliced = Vec::new();
        for (bytes, h) in &held {
            spliced.clear();
            let mut from = 0;
            for (at, _, _) in &h.claims {
                spliced.extend_from_slice(&bytes[from..*at]);
                related.clear();
                related.extend(links.related(item).iter().map(|r| {
                    let (oa, oc) = refs[r.other];
                    let other = &held[oa].1;
                    RelatedJson {
                        id: &other.claims[oc].1,
                        path: &other.path,
                        level: r.level.as_str(),
                        similarity: r.similarity,
                        drift: &r.drift,
                    }
                }));
                write_related(&mut spliced, &related);
                from = *at;
                item += 1;
            }
            spliced.extend_from_slice(&bytes[from..]);
            if self.json && !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            self.out.write_all(&spliced)?;
        }
        Ok(())
    }

    fn print(&mut self, rendered: Vec<Rendered>) -> std::io::Result<()> {
        for r in rendered {
            match r {
                Ok((text, warnings, held)) => {
                    for w in &warnings {
                        eprintln!("claimdesk: warning: {}", show(w, self.root));
                    }
                    if let (Some(all), Some(h)) = (self.held.as_mut(), held) {
                        all.push((text, h));
                        continue;
                    }
                    if self.json && !self.first {
                        self.out.write_all(b",")?;
                    }
                    self.first = false;
                    self.out.write_all(&text)?;
                }
                Err(p) => {
                    eprintln!("claimdesk: {}", show(&p, self.root));
                    self.problems.push(p);
                }
            }
        }
        Ok(())
    }
}

/// What every article's rendering needs.
struct Ctx<'a> {
    desk: &'a Desk,
    rules: &'a RuleSet,
    store: &'a VerdictStore,
    format: Format,
}

impl Ctx<'_> {
    /// Loads, extracts and renders a few articles: extracted together
    /// ([`extract_many`]), which is faster than one by one.
    fn render_batch(&self, targets: &[(PathBuf, Option<String>)]) -> Vec<Rendered> {
        let loaded: Vec<_> = targets
            .iter()
            .map(|(path, _)| load_article_reporting(path))
            .collect();
        let articles: Vec<&Article> = loaded.iter().flatten().map(|(a, _)| a).collect();
        let extracted = match self.format {
            Format::Text => articles
                .iter()
                .map(|a| (extract_article(a, self.rules), Vec::new()))
                .collect(),
            Format::Json | Format::Jsonl => extract_many(&articles, self.rules),
        };
        let mut extracted = extracted.into_iter();
        loaded
            .into_iter()
            .zip(targets)
            .map(|(loaded, target)| {
                let (article, warnings) = loaded?;
                let (extraction, matches) = extracted.next().unwrap_or_default();
                Ok(self.render(target, article, extraction, &matches, warnings))
            })
            .collect()
    }

    /// Renders one extracted article.
    fn render(
        &self,
        target: &(PathBuf, Option<String>),
        article: Article,
        extraction: Extraction,
        matches: &[Vec<ClaimMatch>],
        warnings: Vec<Problem>,
    ) -> (Vec<u8>, Vec<Problem>, Option<Held>) {
        let (path, shown) = target;
        // Inside the desk, paths are desk-relative; outside, as given.
        let rel = match (path.strip_prefix(&self.desk.root), shown) {
            (Err(_), Some(shown)) => shown.clone(),
            _ => self.desk.relative(&article.path),
        };
        let a = DeskArticle {
            article,
            rel,
            extraction,
            pending: None,
        };
        let mut out = Vec::new();
        let mut held = Held {
            path: a.rel.clone(),
            claims: Vec::new(),
        };
        match self.format {
            Format::Text => out = self.text(&a).into_bytes(),
            Format::Json => {
                let meta = &a.article.meta;
                let header = ArticleJson {
                    path: &a.rel,
                    title: &meta.title,
                    source: meta.source.as_deref(),
                    date: meta.date.as_deref(),
                    lang: meta.lang.as_deref(),
                    url: meta.url.as_deref(),
                };
                header.write_open(&mut out);
                self.claims_json(&a, matches, false, &mut out, &mut held);
                out.extend_from_slice(b"]}");
            }
            Format::Jsonl => self.claims_json(&a, matches, true, &mut out, &mut held),
        }
        let held = (self.format != Format::Text).then_some(held);
        (out, warnings, held)
    }

    fn verdict(&self, id: &crate::extract::ClaimId) -> Option<&'static str> {
        self.store
            .get(id)
            .and_then(|r| r.verdict)
            .map(|v| v.as_str())
    }

    /// Writes an article's claims: comma-separated for `json`, one per line
    /// with the article's path for `jsonl`.
    fn claims_json(
        &self,
        a: &DeskArticle,
        matches: &[Vec<ClaimMatch>],
        jsonl: bool,
        out: &mut Vec<u8>,
        held: &mut Held,
    ) {
        let rule_id = |i: usize| self.rules.rules.get(i).map_or("?", |r| r.id.as_str());
        let mut rules = Vec::new();
        let mut found = Vec::new();
        for (i, c) in a.extraction.claims.iter().enumerate() {
            rules.clear();
            rules.extend(c.rules.indices().map(rule_id));
            found.clear();
            found.extend(matches.get(i).into_iter().flatten().map(|m| {
                let mut captures: Vec<(&str, _)> = m
                    .captures
                    .iter()
                    .map(|(name, r)| (name.as_str(), r.clone()))
                    .collect();
                captures.sort_by(|x, y| x.0.cmp(y.0));
                MatchJson {
                    rule: rule_id(m.rule),
                    range: m.range.clone(),
                    captures,
                }
            }));
            if !jsonl && i > 0 {
                out.push(b',');
            }
            ClaimJson {
                path: jsonl.then_some(a.rel.as_str()),
                id: &c.id.0,
                rules: &rules,
                kind: c.kind.as_str(),
                text: &a.article.text,
                range: c.range.clone(),
                verdict: self.verdict(&c.id),
                matches: &found,
            }
            .write(out);
            // `related` goes before the claim's closing brace.
            held.claims.push((
                out.len() - 1,
                c.id.0.to_string(),
                a.article
                    .text
                    .get(c.range.clone())
                    .unwrap_or("")
                    .to_string(),
            ));
            if jsonl {
                out.push(b'\n');
            }
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
