//! Newsroom-scale benchmarks: extraction against ripgrep, start-up, interaction
//! latency, verdict latency and memory. Prints figures; asserts nothing.
//!
//! `cargo bench --bench newsroom` generates (once) a 20,000-article desk under
//! `target/bench-desk/` and measures it. Options (after `--`):
//! `--articles N` (default 20000), `--desk DIR` (measure an existing folder of
//! articles, e.g. `../shared/corpus`, with this repository's rules),
//! `--runs R` (default 5).

#[path = "support/gen.rs"]
mod generator;
#[path = "support/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::process::Command;

use measure::{ms, time_child};

struct Options {
    articles: usize,
    desk: Option<PathBuf>,
    runs: usize,
}

fn options() -> Options {
    let mut o = Options {
        articles: 20_000,
        desk: None,
        runs: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => o.articles = args.next().and_then(|v| v.parse().ok()).unwrap_or(o.articles),
            "--desk" => o.desk = args.next().map(PathBuf::from),
            "--runs" => o.runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(o.runs),
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

    // Patterns for ripgrep: every rule's pattern, one per line.
    let patterns = Command::new(&bin)
        .args(["rules", "--patterns"])
        .current_dir(&root)
        .output()
        .expect("claimdesk rules --patterns");
    let patterns_file = root.join("target").join("bench-patterns.txt");
    std::fs::write(&patterns_file, &patterns.stdout).expect("write patterns");

    let articles = articles_dir.to_string_lossy().to_string();
    let rules = root.join("rules").to_string_lossy().to_string();
    let (extract, extract_rss) = time_child(
        &bin,
        &["extract", &articles, "--rules", &rules, "--format", "jsonl"],
        &desk_dir,
        &[],
        opts.runs,
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
            let (grep, _) = time_child(&rg, &["-c", "-f", &pf, &articles], &desk_dir, &[], opts.runs);
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

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}
