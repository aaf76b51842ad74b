//! Measures the text pipeline (normalise, segment, find dates) on files or
//! folders given as arguments, and optionally prints the sentences.
//!
//! ```text
//! cargo run --release --example text_speed -- [--dump] [--repeat N] PATH...
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "../support/cpu.rs"]
mod cpu;
use cpu::thread_seconds as cpu_seconds;

use claimdesk::text::{dates, normalize, segment};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut dump = false;
    let mut repeat = 20usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => dump = true,
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(repeat),
            _ => collect(Path::new(&a), &mut paths),
        }
    }
    let texts: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    if dump {
        for (p, t) in &texts {
            println!(
                "=== {} (date {:?})",
                p.display(),
                dates::find_date(t).map(|d| d.to_string())
            );
            for s in segment::sentences(t, 0..t.len()) {
                let mark = if s.bare_line { "B" } else { " " };
                println!("{:>3} {mark} | {}", s.paragraph, &t[s.range]);
            }
        }
        return;
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum::<usize>() * repeat;
    let mb = bytes as f64 / 1e6;
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let mut sink = 0;
        for _ in 0..repeat {
            for (_, t) in &texts {
                sink += f(t);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu_start;
        println!(
            "{name:<14} {mb:6.1} MB: wall {secs:6.3} s, cpu {cpu:6.3} s = {:6.1} MB/s of cpu  ({sink})",
            mb / cpu
        );
    };
    time("normalize", &|t| normalize::normalize(t).text.len());
    time("normalize_str", &|t| normalize::normalize_str(t).len());
    time("sentences", &|t| segment::sentences(t, 0..t.len()).len());
    time("find_dates", &|t| dates::find_dates(t).len());
}
