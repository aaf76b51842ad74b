//! Loads a desk in-process and prints its peak memory (VmHWM), the text size
//! and the claim count: a check of what a loaded desk costs.
//!
//! `cargo run --release --example mem_load -- DESK [--cache DIR]`
//! (without `--cache` every article is extracted; with it the extraction
//! cache in DIR is read and written, so a second run is a warm start).

use std::path::PathBuf;
use std::time::Instant;

use claimdesk::desk::Desk;
use claimdesk::index::DeskIndex;

/// A `kB` line of /proc/self/status, in MB.
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cache = args.iter().position(|a| a == "--cache").map(|i| {
        let dir = PathBuf::from(args.remove(i + 1));
        args.remove(i);
        dir
    });
    let Some(root) = args.first() else {
        eprintln!("usage: mem_load DESK [--cache DIR]");
        std::process::exit(2)
    };
    let desk = Desk::open(std::path::Path::new(root)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let t = Instant::now();
    let index = DeskIndex::load_with_cache(desk, &|_| {}, cache.as_deref()).unwrap_or_else(|p| {
        for p in p {
            eprintln!("{p}");
        }
        std::process::exit(2)
    });
    let took = t.elapsed();
    let text: usize = index.articles.iter().map(|a| a.article.text.len()).sum();
    let text_mb = text as f64 / 1e6;
    let peak = status_mb("VmHWM:");
    println!(
        "articles {} claims {} text {:.1} MB load {:.2?}",
        index.articles.len(),
        index.claim_count(),
        text_mb,
        took
    );
    println!(
        "VmHWM {:.1} MiB ({:.1} MB, {:.2}x text) VmRSS {:.1} MiB",
        peak,
        peak * 1.048576,
        peak * 1.048576 / text_mb,
        status_mb("VmRSS:")
    );
}
