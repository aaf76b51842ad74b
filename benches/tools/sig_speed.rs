//! Measures what linking computes per claim (`link::signature`, and
//! `figures::figures` on its own) over the distinct claim sentences of
//! `claimdesk extract --format jsonl` output, on one thread.
//!
//! ```text
//! claimdesk -C target/bench-desk/ant extract --format jsonl > /tmp/ant.jsonl
//! cargo run --release --example sig_speed -- [--repeat N] [--limit N] /tmp/ant.jsonl
//! ```
//!
//! This machine's CPU time drifts by a fifth from run to run; to compare
//! two builds, count instructions instead, on a part of the sentences:
//! `valgrind --tool=callgrind sig_speed --limit 20000 FILE`.

use std::collections::HashSet;
use std::io::BufRead;

#[path = "../support/cpu.rs"]
mod cpu;
use cpu::thread_seconds as cpu_seconds;

fn main() {
    let mut repeat = 1usize;
    let mut limit = usize::MAX;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(repeat),
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(limit),
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: sig_speed [--repeat N] [--limit N] EXTRACT.jsonl");
        std::process::exit(2);
    };
    let reader = match std::fs::File::open(&file) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let mut seen = HashSet::new();
    let mut sentences: Vec<String> = Vec::new();
    for line in reader.lines().map_while(Result::ok) {
        // Only the claim's sentence is read.
        #[derive(serde::Deserialize)]
        struct Claim {
            text: String,
        }
        if let Ok(c) = serde_json::from_str::<Claim>(&line)
            && seen.insert(c.text.clone())
        {
            sentences.push(c.text);
        }
    }
    sentences.truncate(limit);
    let bytes: usize = sentences.iter().map(String::len).sum();
    println!(
        "{} distinct sentences, {:.1} MB",
        sentences.len(),
        bytes as f64 / 1e6
    );
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let mut best = f64::INFINITY;
        let mut sink = 0;
        for _ in 0..repeat {
            let cpu = cpu_seconds();
            sink = sentences.iter().map(|s| f(s)).sum::<usize>();
            best = best.min(cpu_seconds() - cpu);
        }
        println!(
            "{name:<10} cpu {best:6.3} s (best of {repeat}), {:5.2} µs a sentence  ({sink})",
            best * 1e6 / sentences.len().max(1) as f64
        );
    };
    time("signature", &|s| claimdesk::link::signature(s).terms.len());
    time("figures", &|s| claimdesk::figures::figures(s).len());
    time("normalize", &|s| {
        claimdesk::text::normalize::normalize(s).text.len()
    });
}
