//! Splits the matching work of `claimdesk extract` into its phases and
//! times each on one thread (CPU time, steady on a busy machine): the
//! prefilter set, the per-rule spans of the rules it reports, and variants
//! of the set given on the command line.
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
            if Script::has_arabic(s) && rules.veto(s).is_none() {
                arabic.push(s.to_string());
            }
        }
    }
    let bytes: usize = arabic.iter().map(String::len).sum();
    println!("{} Arabic sentences, {} bytes", arabic.len(), bytes);

    let ar: Vec<usize> = (0..rules.rules.len())
        .filter(|&i| rules.rules[i].script != Script::NonArabic)
        .collect();
    let pattern = |i: &usize| rules.rules[*i].regex.as_str().to_string();
    let build = |idx: &[usize]| {
        regex::RegexSetBuilder::new(idx.iter().map(pattern))
            .dfa_size_limit(32 << 20)
            .size_limit(64 << 20)
            .build()
            .unwrap_or_else(|_| RegexSet::empty())
    };
    let set = build(&ar);
    time("set.matches (Arabic rules)", &arabic, |s| {
        set.matches(s).iter().count()
    });
    time("set.is_match", &arabic, |s| usize::from(set.is_match(s)));
    time("rules.matching", &arabic, |s| rules.matching(s).len());
    time("find of every matching rule", &arabic, |s| {
        let m = rules.matching(s);
        rules.hits_of(s, m).len()
    });
    time("veto", &arabic, |s| usize::from(rules.veto(s).is_some()));
    let dot_star: Vec<usize> = ar
        .iter()
        .copied()
        .filter(|&i| rules.rules[i].regex.as_str().contains(".*"))
        .collect();
    let rest: Vec<usize> = ar
        .iter()
        .copied()
        .filter(|i| !dot_star.contains(i))
        .collect();
    let set_rest = build(&rest);
    time("set without the .* rules", &arabic, |s| {
        set_rest.matches(s).iter().count()
    });
    // Rules whose pattern starts with a rare literal: cheap on their own.
    let literal_start = |i: &usize| {
        let p = rules.rules[*i].regex.as_str();
        p.starts_with('[') && !p.starts_with("[^") || p.starts_with(':')
    };
    let lit: Vec<usize> = ar.iter().copied().filter(literal_start).collect();
    let no_lit: Vec<usize> = ar.iter().copied().filter(|i| !literal_start(i)).collect();
    let (set_lit, set_no_lit) = (build(&lit), build(&no_lit));
    println!(
        "literal-start rules: {:?}",
        lit.iter().map(|&i| &rules.rules[i].id).collect::<Vec<_>>()
    );
    time("set without literal-start rules", &arabic, |s| {
        set_no_lit.matches(s).iter().count()
    });
    time("set of literal-start rules", &arabic, |s| {
        set_lit.matches(s).iter().count()
    });
    let (a, b) = no_lit.split_at(no_lit.len() / 2);
    let (set_a, set_b) = (build(a), build(b));
    time("two halves of the rest", &arabic, |s| {
        set_a.matches(s).iter().count() + set_b.matches(s).iter().count()
    });
    for &i in &ar {
        let re = &rules.rules[i].regex;
        let id = &rules.rules[i].id;
        time(&format!("is_match {id}"), &arabic, |s| {
            usize::from(re.is_match(s))
        });
    }
    let matched: Vec<Vec<usize>> = arabic.iter().map(|s| rules.matching(s)).collect();
    for &i in &ar {
        let re = &rules.rules[i].regex;
        let id = &rules.rules[i].id;
        let on: Vec<String> = arabic
            .iter()
            .zip(&matched)
            .filter(|(_, m)| m.contains(&i))
            .map(|(s, _)| s.clone())
            .collect();
        time(&format!("find {id} ({} sentences)", on.len()), &on, |s| {
            re.find(s).map_or(0, |m| m.end())
        });
    }
}
