//! Splits the matching work of `claimdesk extract` on Arabic sentences into
//! its phases and times each on one thread (CPU time, steadier than wall
//! time on a busy machine): vetoes, the prefilter set, the spans of the
//! rules it reports (sentence by sentence, and rule by rule).
//!
//! `cargo run --release --example regex_phases -- DIR [--limit N]`

use std::path::{Path, PathBuf};
use std::time::Duration;

use claimdesk::rules::{RuleSet, Script};
use claimdesk::text::normalize::normalize;
use claimdesk::text::segment::sentences;
use regex::RegexSet;

/// CPU time of this thread.
fn cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(p);
        }
    }
}

/// Times `f` over every sentence, twice (the first run warms the caches).
fn time(name: &str, sentences: &[String], mut f: impl FnMut(&str) -> usize) {
    let mut n = 0;
    for s in sentences {
        n += f(s);
    }
    let t = cpu();
    for s in sentences {
        n += f(s);
    }
    let d = cpu() - t;
    let bytes: usize = sentences.iter().map(String::len).sum();
    println!(
        "{name:<40} {:>8.1} ms  {:>5.2} ns/byte  (count {})",
        d.as_secs_f64() * 1e3,
        d.as_secs_f64() * 1e9 / bytes as f64,
        n / 2
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or(".", String::as_str));
    let limit = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(usize::MAX);
    let rules = RuleSet::default_rules().unwrap_or_else(|_| std::process::exit(2));
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.truncate(limit);
    let mut arabic = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let norm = normalize(&text);
        for seg in sentences(&norm.text, 0..norm.text.len()) {
            let s = &norm.text[seg.range];
            if Script::has_arabic(s) {
                arabic.push(s.to_string());
            }
        }
    }
    let bytes: usize = arabic.iter().map(String::len).sum();
    println!("{} Arabic sentences, {} bytes", arabic.len(), bytes);

    time("veto (set, then the first veto)", &arabic, |s| {
        usize::from(rules.veto(s).is_some())
    });
    let candidates: Vec<String> = arabic
        .into_iter()
        .filter(|s| rules.veto(s).is_none())
        .collect();
    let ar: Vec<usize> = (0..rules.rules.len())
        .filter(|&i| rules.rules[i].script != Script::NonArabic)
        .collect();
    let set = regex::RegexSetBuilder::new(ar.iter().map(|&i| rules.rules[i].regex.as_str()))
        .dfa_size_limit(32 << 20)
        .size_limit(64 << 20)
        .build()
        .unwrap_or_else(|_| RegexSet::empty());
    time(
        "set.is_match (stops at the first match)",
        &candidates,
        |s| usize::from(set.is_match(s)),
    );
    time("set.matches (every rule)", &candidates, |s| {
        set.matches(s).iter().count()
    });
    time("rules.matching (set + excludes)", &candidates, |s| {
        rules.matching(s).len()
    });
    time("spans, sentence by sentence", &candidates, |s| {
        rules.hits_of(s, rules.matching(s)).len()
    });
    // The same finds, rule by rule (as extract_many orders them).
    let matched: Vec<Vec<usize>> = candidates.iter().map(|s| rules.matching(s)).collect();
    let mut work = Vec::new();
    for &i in &ar {
        for (s, m) in candidates.iter().zip(&matched) {
            if m.contains(&i) {
                work.push((i, s.as_str()));
            }
        }
    }
    let run = |work: &[(usize, &str)]| {
        work.iter()
            .filter_map(|&(i, s)| rules.span_of(s, i))
            .count()
    };
    run(&work);
    let t = cpu();
    let n = run(&work);
    let d = cpu() - t;
    println!(
        "{:<40} {:>8.1} ms  ({n} spans)",
        "spans, rule by rule",
        d.as_secs_f64() * 1e3
    );
}
