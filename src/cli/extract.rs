//! `claimdesk extract`: print the claims the rules find, for people or programs.
//!
//! Articles are read and extracted in parallel in chunks and printed in path
//! order as each chunk is done, so output streams on large desks.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use self::json::{ArticleJson, ClaimJson, MatchJson, RelatedJson, ReviewJson};
use super::{load_rules, open_desk, printable, quiet_pipe, show};
use crate::desk::{Article, Desk, files, load_article_reporting};
use crate::extract::{ClaimMatch, Extraction, article_matches, extract_article, extract_many};
use crate::index::{ClaimRef, DeskArticle};
use crate::problem::Problem;
use crate::rules::RuleSet;
use crate::session::{DeskSession, SessionOptions};

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
///
/// The desk is opened as every front opens it ([`DeskSession::open`]):
/// manual claims are listed and re-attached verdicts appear under their new
/// ids, as in the TUI. Files named on the command line that lie outside the
/// desk are extracted on their own, with the desk's verdicts.
pub fn run(dir: &Path, args: ExtractArgs) -> anyhow::Result<i32> {
    let desk = open_desk(dir)?;
    let rules_dir = args.rules.as_ref().map(|r| dir.join(r));
    if let Some(r) = rules_dir.as_ref().filter(|r| !r.is_dir()) {
        // Said as the other commands say it (exit 2), before any work.
        load_rules(r, &desk.root)?;
    }
    let (session, listing) = rayon::join(
        || {
            let options = SessionOptions {
                cache_dir: Some(crate::userconfig::paths().cache_dir),
                texts_later: false,
                rules_dir: rules_dir.clone(),
                ..SessionOptions::default()
            };
            DeskSession::open(desk.clone(), &options, &|_| {})
        },
        || -> anyhow::Result<_> {
            if args.paths.is_empty() {
                let (paths, problems) = desk.article_paths();
                let targets: Vec<_> = paths.into_iter().map(|p| (p, None)).collect();
                Ok((targets, problems, true))
            } else {
                Ok((given_paths(dir, &args.paths)?, Vec::new(), false))
            }
        },
    );
    let session = match session {
        Ok(session) => session,
        Err(problems) => {
            for p in &problems {
                safe_eprintln!("claimdesk: {}", show(p, &desk.root));
            }
            anyhow::bail!("the rules have problems; fix them first (`claimdesk check` lists them)");
        }
    };
    let (listed, listing_problems, whole_desk) = listing?;
    warn_of_other_desks(dir, &args.paths, &desk.root);
    for p in &session.problems {
        safe_eprintln!("claimdesk: {}", show(p, &desk.root));
    }
    // Each listed file: the session's article when the desk has it, else
    // extracted on its own.
    let by_path: HashMap<&Path, usize> = session
        .index
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.article.path.as_path(), i))
        .collect();
    let mut targets: Vec<Target> = Vec::with_capacity(listed.len());
    let mut skipped = 0;
    for (path, shown) in listed {
        match by_path.get(path.as_path()) {
            Some(&i) => targets.push(Target::Indexed(i)),
            // The session reported the desk's unreadable files already.
            None if whole_desk => skipped += 1,
            None => targets.push(Target::Loose(path, shown)),
        }
    }

    let reviews = if args.format == Format::Json {
        match crate::reviews::load_library(&desk.root) {
            Ok(r) => crate::reviews::ReviewLibrary::new(r),
            Err(p) => {
                safe_eprintln!("claimdesk: warning: {}", show(&p, &desk.root));
                crate::reviews::ReviewLibrary::default()
            }
        }
    } else {
        crate::reviews::ReviewLibrary::default()
    };
    // Every claim of the desk against the reviews, in one pass.
    let review_matches = reviews.match_desk(&session.index);
    let ctx = Ctx {
        desk: &desk,
        session: &session,
        format: args.format,
        reviews,
        review_matches,
    };
    let mut printer = Printer {
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
        json: ctx.format == Format::Json,
        first: true,
        problems: Vec::new(),
        root: &desk.root,
    };
    let written = (|| -> std::io::Result<()> {
        if printer.json {
            printer.out.write_all(b"{\"articles\":[")?;
        }
        render_in_order(
            &targets,
            |batch| ctx.render_batch(batch),
            |r| printer.print(r),
        )?;
        if printer.json {
            printer.out.write_all(b"]}\n")?;
        }
        printer.out.flush()
    })();
    quiet_pipe(written)?;
    let skipped = skipped + printer.problems.len();
    if skipped > 0 {
        safe_eprintln!("claimdesk: {skipped} article(s) skipped");
    }
    Ok(if skipped == 0 && listing_problems.is_empty() {
        0
    } else {
        1
    })
}

/// One article to print: the session's, or a file outside the desk (with
/// the path to show for it).
enum Target {
    Indexed(usize),
    Loose(PathBuf, Option<String>),
}

/// Renders `targets` in batches on every thread of the pool and hands each
/// batch to `print` in order as soon as it and those before it are done (no
/// thread waits for a slow batch of the others). Stops at the first error
/// of `print`.
fn render_in_order<T: Sync>(
    targets: &[T],
    render: impl Fn(&[T]) -> Vec<Rendered> + Sync,
    mut print: impl FnMut(Vec<Rendered>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let batches: Vec<_> = targets.chunks(BATCH).collect();
    let next = AtomicUsize::new(0);
    let threads = rayon::current_num_threads().max(1);
    std::thread::scope(|scope| {
        let (done, results) = mpsc::sync_channel::<(usize, Vec<Rendered>)>(2 * threads);
        for _ in 0..threads {
            let (done, next, batches, render) = (done.clone(), &next, &batches, &render);
            scope.spawn(move || {
                // Batches are taken in order, so finished ones wait briefly.
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = batches.get(index) else {
                        break;
                    };
                    if done.send((index, render(batch))).is_err() {
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

/// Says so when a path given lies in another desk: its articles are then
/// extracted on their own with this desk's rules, so they carry none of that
/// desk's verdicts and no links, which is rarely what was meant.
fn warn_of_other_desks(dir: &Path, given: &[PathBuf], root: &Path) {
    for g in given {
        let Some(other) = Desk::root_holding(&dir.join(g)) else {
            continue;
        };
        if other != root {
            safe_eprintln!(
                "claimdesk: warning: {} is in another desk ({}), not this one ({}): its articles are extracted on their own, with this desk's rules and no links; to extract that desk, run `claimdesk -C {} extract`",
                g.display(),
                other.display(),
                root.display(),
                g.display()
            );
        }
    }
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// One article's output and warnings, or why it was skipped.
type Rendered = Result<(Vec<u8>, Vec<Problem>), Problem>;

/// Prints rendered articles in order: output to stdout, messages to stderr.
struct Printer<'a> {
    out: std::io::BufWriter<std::io::Stdout>,
    /// `--format json`: articles are separated by commas.
    json: bool,
    first: bool,
    /// Every problem so far (listing problems first).
    problems: Vec<Problem>,
    root: &'a Path,
}

impl Printer<'_> {
    fn print(&mut self, rendered: Vec<Rendered>) -> std::io::Result<()> {
        for r in rendered {
            match r {
                Ok((text, warnings)) => {
                    if self.json && !self.first {
                        self.out.write_all(b",")?;
                    }
                    self.first = false;
                    self.out.write_all(&text)?;
                    for w in warnings {
                        safe_eprintln!("claimdesk: warning: {}", show(&w, self.root));
                    }
                }
                Err(p) => {
                    safe_eprintln!("claimdesk: {}", show(&p, self.root));
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
    session: &'a DeskSession,
    format: Format,
    /// Reviews of other organisations imported into the desk.
    reviews: crate::reviews::ReviewLibrary,
    /// The reviews matching each claim of the desk, by article and claim.
    review_matches: Vec<Vec<Vec<crate::reviews::ReviewMatch>>>,
}

impl Ctx<'_> {
    fn rules(&self) -> &RuleSet {
        &self.session.index.rules
    }

    /// Renders a few articles: the session's from its index, files outside
    /// the desk loaded and extracted together ([`extract_many`]).
    fn render_batch(&self, targets: &[Target]) -> Vec<Rendered> {
        let loose: Vec<(PathBuf, Option<String>)> = targets
            .iter()
            .filter_map(|t| match t {
                Target::Loose(path, shown) => Some((path.clone(), shown.clone())),
                Target::Indexed(_) => None,
            })
            .collect();
        let mut loose = self.render_loose(&loose).into_iter();
        targets
            .iter()
            .map(|t| match t {
                Target::Indexed(i) => Ok(self.render_indexed(*i, &self.session.index.articles[*i])),
                Target::Loose(..) => loose.next().unwrap_or_else(|| {
                    Err(Problem::file(
                        self.desk.root.clone(),
                        "article not rendered",
                    ))
                }),
            })
            .collect()
    }

    /// Renders one of the session's articles (its matches recomputed for
    /// the JSON formats, with each claim's links to other articles).
    fn render_indexed(&self, at: usize, a: &DeskArticle) -> (Vec<u8>, Vec<Problem>) {
        let matches = match self.format {
            Format::Text => Vec::new(),
            Format::Json | Format::Jsonl => {
                article_matches(&a.article, &a.extraction, self.rules())
            }
        };
        (self.render_article(Some(at), a, &matches), Vec::new())
    }

    /// Loads, extracts and renders files outside the desk.
    fn render_loose(&self, targets: &[(PathBuf, Option<String>)]) -> Vec<Rendered> {
        if targets.is_empty() {
            return Vec::new();
        }
        let loaded: Vec<_> = targets
            .iter()
            .map(|(path, _)| load_article_reporting(path))
            .collect();
        let articles: Vec<&Article> = loaded.iter().flatten().map(|(a, _)| a).collect();
        let extracted = match self.format {
            Format::Text => articles
                .iter()
                .map(|a| (extract_article(a, self.rules()), Vec::new()))
                .collect(),
            Format::Json | Format::Jsonl => extract_many(&articles, self.rules()),
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
    ) -> (Vec<u8>, Vec<Problem>) {
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
        (self.render_article(None, &a, matches), warnings)
    }

    /// Renders an extracted article in the chosen format (`at`: its place in
    /// the session's index, for its claims' links; `None` outside the desk).
    fn render_article(
        &self,
        at: Option<usize>,
        a: &DeskArticle,
        matches: &[Vec<ClaimMatch>],
    ) -> Vec<u8> {
        let mut out = Vec::new();
        match self.format {
            Format::Text => out = self.text(a).into_bytes(),
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
                self.claims_json(at, a, matches, false, &mut out);
                out.extend_from_slice(b"]}");
            }
            Format::Jsonl => self.claims_json(at, a, matches, true, &mut out),
        }
        out
    }

    /// Claim `c` of article `at`'s links to claims of other articles, most
    /// similar first.
    fn related(&self, at: usize, c: usize) -> Vec<RelatedJson<'_>> {
        let index = &self.session.index;
        self.session
            .links()
            .related(ClaimRef {
                article: at,
                claim: c,
            })
            .map(|(r, rel)| RelatedJson {
                id: index.articles[r.article].extraction.claims[r.claim]
                    .id
                    .as_str(),
                path: &index.articles[r.article].rel,
                level: rel.level.as_str(),
                similarity: rel.similarity,
                drift: &rel.drift,
            })
            .collect()
    }

    /// The claim's verdict word and flags, as the session sees them.
    fn verdict(&self, id: &crate::extract::ClaimId) -> (Option<&'static str>, Vec<&'static str>) {
        let (verdict, flags) = self.session.status(id);
        (verdict.map(|v| v.as_str()), flags.names())
    }

    /// Writes an article's claims: comma-separated for `json`, one per line
    /// with the article's path for `jsonl`.
    fn claims_json(
        &self,
        at: Option<usize>,
        a: &DeskArticle,
        matches: &[Vec<ClaimMatch>],
        jsonl: bool,
        out: &mut Vec<u8>,
    ) {
        let rule_id = |i: usize| self.rules().rules.get(i).map_or("?", |r| r.id.as_str());
        // Imported reviews matching each claim (`json` only): the desk's
        // pass for its articles; a file outside the desk on its own.
        let own;
        let review_matches: &[Vec<crate::reviews::ReviewMatch>] = match at {
            _ if jsonl || self.reviews.is_empty() => &[],
            Some(i) => self.review_matches.get(i).map_or(&[], Vec::as_slice),
            None => {
                let sentences: Vec<&str> = a
                    .extraction
                    .claims
                    .iter()
                    .map(|c| a.article.text.get(c.range.clone()).unwrap_or(""))
                    .collect();
                own = self.reviews.match_all(&sentences);
                &own
            }
        };
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
            let (verdict_word, flags) = self.verdict(&c.id);
            let related = at.map(|at| self.related(at, i)).unwrap_or_default();
            let reviews: Vec<ReviewJson> = review_matches
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|m| {
                    Some(ReviewJson {
                        review: self.reviews.reviews.get(m.review)?,
                        level: m.level.as_str(),
                        similarity: m.similarity,
                    })
                })
                .collect();
            ClaimJson {
                path: jsonl.then_some(a.rel.as_str()),
                id: &c.id.0,
                rules: &rules,
                kind: c.kind.as_str(),
                text: &a.article.text,
                range: c.range.clone(),
                verdict: verdict_word,
                flags: &flags,
                matches: &found,
                related: &related,
                reviews: &reviews,
            }
            .write(out);
            if jsonl {
                out.push(b'\n');
            }
        }
    }

    fn text(&self, a: &DeskArticle) -> String {
        let meta = &a.article.meta;
        let mut s = format!("{}\n  {}", printable(&a.rel), printable(&meta.title));
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
                .map(|i| self.rules().rules.get(i).map_or("?", |r| r.id.as_str()))
                .collect();
            let rules = if rules.is_empty() {
                "manual".to_string()
            } else {
                rules.join(", ")
            };
            let (verdict, flags) = self.verdict(&c.id);
            let verdict = match (verdict, flags.is_empty()) {
                (v, true) => v.unwrap_or("-").to_string(),
                (v, false) => format!("{} ({})", v.unwrap_or("-"), flags.join(", ")),
            };
            let sentence = a.article.text.get(c.range.clone()).unwrap_or("");
            s.push_str(&format!(
                "  {}  {}  [{}]  {}\n      {}\n",
                printable(c.id.as_str()),
                c.kind.as_str(),
                printable(&rules),
                verdict,
                printable(sentence)
            ));
        }
        s.push('\n');
        s
    }
}
