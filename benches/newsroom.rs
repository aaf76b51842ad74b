//! Newsroom-scale benchmarks: extraction against ripgrep, start-up, interaction
//! latency, verdict latency and memory. Prints figures; asserts nothing.
//!
//! `cargo bench --bench newsroom` generates (once) a 20,000-article desk under
//! `target/bench-desk/` and measures it. Options (after `--`):
//! `--articles N` (default 20000), `--desk DIR` (measure an existing folder of
//! articles, e.g. `../shared/corpus`, with this repository's rules),
//! `--runs R` (default 5), `--only extract` or `--only tui` (one half).

#[path = "support/gen.rs"]
mod generator;
#[path = "support/interact.rs"]
mod interact;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/startup.rs"]
mod startup;

use std::path::{Path, PathBuf};
use std::process::Command;

use measure::{ms, summarize, time_child};

struct Options {
    articles: usize,
    desk: Option<PathBuf>,
    runs: usize,
    /// Only this half of the benchmark (`extract` or `tui`).
    only: Option<String>,
}

impl Options {
    fn wants(&self, part: &str) -> bool {
        self.only.as_deref().is_none_or(|o| o == part)
    }
}

fn options() -> Options {
    let mut o = Options {
        articles: 20_000,
        desk: None,
        runs: 5,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => {
                o.articles = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(o.articles)
            }
            "--desk" => o.desk = args.next().map(PathBuf::from),
            "--runs" => o.runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(o.runs),
            "--only" => o.only = args.next(),
            _ => {} // `--bench` and filters passed by cargo
        }
    }
    o
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The generated desk for `n` articles, made once and reused.
fn generated_desk(n: usize) -> PathBuf {
    let root = repo_root();
    let dir = root.join("target").join("bench-desk").join(format!("n{n}"));
    let marker = dir.join(".complete");
    if marker.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("generating a {n}-article desk in {} …", dir.display());
    let pool = generator::read_pool(&root.join("examples/articles")).expect("read examples");
    generator::write_desk(&pool, &dir, n, &root.join("rules")).expect("write desk");
    std::fs::write(&marker, "").expect("marker");
    dir
}

fn text_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                total += text_bytes(&p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                total += e.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    total
}

fn main() {
    let opts = options();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_claimdesk"));
    let root = repo_root();
    let (desk_dir, articles_dir) = match &opts.desk {
        Some(d) => (root.clone(), d.clone()),
        None => {
            let d = generated_desk(opts.articles);
            (d.clone(), d.join("articles"))
        }
    };
    let bytes = text_bytes(&articles_dir);
    println!("# claimdesk newsroom benchmark");
    println!(
        "machine: {} cores; articles: {} ({:.1} MB of text)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        articles_dir.display(),
        bytes as f64 / 1e6
    );

    if opts.wants("extract") {
        extract_benchmark(&bin, &desk_dir, &articles_dir, bytes, opts.runs);
    }
    if opts.desk.is_none() && opts.wants("tui") {
        tui_benchmarks(&bin, &desk_dir, bytes, opts.runs);
    }
}

/// `claimdesk extract --format jsonl` against `rg -c -f PATTERNS` on the same files.
fn extract_benchmark(bin: &Path, desk_dir: &Path, articles_dir: &Path, bytes: u64, runs: usize) {
    let root = repo_root();
    // Patterns for ripgrep: every rule's pattern, one per line.
    let patterns = Command::new(bin)
        .args(["rules", "--patterns"])
        .current_dir(&root)
        .output()
        .expect("claimdesk rules --patterns");
    let patterns_file = root.join("target").join("bench-patterns.txt");
    std::fs::write(&patterns_file, &patterns.stdout).expect("write patterns");

    let articles = articles_dir.to_string_lossy().to_string();
    let rules = root.join("rules").to_string_lossy().to_string();
    let (extract, extract_rss) = time_child(
        bin,
        &["extract", &articles, "--rules", &rules, "--format", "jsonl"],
        desk_dir,
        &[],
        runs,
    );
    println!(
        "extract --format jsonl: median {} (min {}, {} runs); peak RSS {:.1} MB ({:.2}x text)",
        ms(extract.median),
        ms(extract.min),
        extract.runs,
        extract_rss as f64 / 1e6,
        extract_rss as f64 / bytes as f64
    );
    match which("rg") {
        Some(rg) => {
            let pf = patterns_file.to_string_lossy().to_string();
            let (grep, _) = time_child(&rg, &["-c", "-f", &pf, &articles], desk_dir, &[], runs);
            println!(
                "rg -c -f PATTERNS: median {} (min {}); extract/rg = {:.2} (target <= 1.5)",
                ms(grep.median),
                ms(grep.min),
                extract.median.as_secs_f64() / grep.median.as_secs_f64()
            );
        }
        None => println!("rg: not on PATH, comparison skipped (apt-get install ripgrep)"),
    }
}

/// A verdict whose article was deleted: its sentence is looked for in every
/// text, which a second start does after its first screen.
const STALE_VERDICT: &str = r#"schema = 1

[0123456789ab]
verdict = "confirmed"
claim = "وقال وزير الخارجية إن المحادثات التي جرت في العاصمة كانت بناءة ومثمرة للغاية."
rule = "ar.agreement"
articles = ["articles/999/gone.txt"]
note = "written by the newsroom benchmark, removed after it"
evidence = []
analyst = "bench"
updated = "2026-11-21T15:00:00Z"
"#;

/// Second starts with a stale verdict in the desk (written for the runs,
/// removed after; skipped when the desk has that verdict file already).
fn stale_verdict_start(bin: &Path, desk_dir: &Path, cache: &Path, state: &Path, runs: usize) {
    let file = desk_dir.join("rules/ar/events.verdicts.toml");
    if file.exists() || !desk_dir.join("rules/ar/events.toml").exists() {
        println!(
            "TUI second start with a stale verdict: skipped ({} exists)",
            file.display()
        );
        return;
    }
    std::fs::write(&file, STALE_VERDICT).expect("write the stale verdict");
    let mut ready: Vec<_> = (0..runs)
        .map(|_| startup::start_once(bin, desk_dir, cache, state).ready)
        .collect();
    let _ = std::fs::remove_file(&file);
    let ready = summarize(&mut ready);
    println!(
        "TUI second start with a stale verdict, {} runs: review screen median {} (target < 300 ms), max {}",
        runs,
        ms(ready.median),
        ms(ready.max)
    );
}

/// Start-up (cold and with the extraction cache), interaction latency,
/// verdict latency and memory of the TUI on the generated desk.
fn tui_benchmarks(bin: &Path, desk_dir: &Path, bytes: u64, runs: usize) {
    let scratch = repo_root().join("target").join("bench-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    let state = scratch.join("state");
    std::fs::create_dir_all(&state).expect("scratch folder");

    // Cold: a fresh, empty cache folder every run.
    let mut first = Vec::new();
    let mut ready = Vec::new();
    let mut cold_rss = 0;
    let cold_runs = runs.min(3);
    for i in 0..cold_runs {
        let cache = scratch.join(format!("cold-cache-{i}"));
        let s = startup::start_once(bin, desk_dir, &cache, &state);
        first.push(s.first_frame);
        ready.push(s.ready);
        cold_rss = cold_rss.max(s.peak_rss);
    }
    let (first, ready) = (summarize(&mut first), summarize(&mut ready));
    println!(
        "TUI cold start (no cache), {} runs: first frame median {} (target < 1 s); review screen median {}; peak RSS {:.1} MB ({:.2}x text)",
        cold_runs,
        ms(first.median),
        ms(ready.median),
        cold_rss as f64 / 1e6,
        cold_rss as f64 / bytes as f64
    );

    // Warm: the cache the last cold run left.
    let cache = scratch.join(format!("cold-cache-{}", cold_runs - 1));
    let mut first = Vec::new();
    let mut ready = Vec::new();
    let mut warm_rss = 0;
    for _ in 0..runs {
        let s = startup::start_once(bin, desk_dir, &cache, &state);
        first.push(s.first_frame);
        ready.push(s.ready);
        warm_rss = warm_rss.max(s.peak_rss);
    }
    let (first, ready) = (summarize(&mut first), summarize(&mut ready));
    println!(
        "TUI second start (cache), {} runs: first frame median {}; review screen median {} (target < 300 ms), min {}, max {}; peak RSS {:.1} MB ({:.2}x text, target < 2.5x)",
        runs,
        ms(first.median),
        ms(ready.median),
        ms(ready.min),
        ms(ready.max),
        warm_rss as f64 / 1e6,
        warm_rss as f64 / bytes as f64
    );

    stale_verdict_start(bin, desk_dir, &cache, &state, runs.min(5));

    // Interaction, in-process on TestBackend. The extraction cache is keyed to
    // the executable, so this process extracts the desk itself (load time is
    // printed, not a target); the verdict files it writes are removed below.
    let desk = claimdesk::desk::Desk::discover(desk_dir).expect("open the desk");
    let result = interact::measure(&desk, &scratch.join("bench-cache"), 50);
    let mut frames = result.frames;
    let mut saving = result.frames_while_saving;
    let mut verdicts = result.verdicts;
    let (f, s, v) = (
        summarize(&mut frames),
        summarize(&mut saving),
        summarize(&mut verdicts),
    );
    println!(
        "keystroke -> frame (80x24, {} claims loaded in {}), {} keys: median {} (target < 5 ms), p99 {} (target < 16 ms)",
        result.claims,
        ms(result.load),
        f.runs,
        ms(f.median),
        ms(f.p99)
    );
    println!(
        "verdict key -> durably on disk, {} verdicts: median {}, p99 {} (target < 50 ms); frames meanwhile: median {}, p99 {}",
        v.runs,
        ms(v.median),
        ms(v.p99),
        ms(s.median),
        ms(s.p99)
    );
    // Leave the generated desk as it was: no verdict files.
    remove_verdict_files(&desk_dir.join("rules"));
}

fn remove_verdict_files(dir: &Path) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                remove_verdict_files(&p);
            } else if p.to_string_lossy().ends_with(".verdicts.toml") {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}
