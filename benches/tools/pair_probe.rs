//! Why two claims are linked or not: the linker's score of given pairs,
//! with the terms each side does not share, weighed as the linker weighs
//! them over a whole desk. For reading held-out pairs by hand
//! (docs/linking.md, round 3); prints, asserts nothing.
//!
//! `cargo run --example pair_probe -- CLAIMS PAIRS`
//!
//! Besides the score, it replays candidate generation (`src/link/score.rs`:
//! each claim probes the index with its rarest indexed terms, at most
//! `MAX_PROBES`, until more than 60% of its weight; a candidate shares two
//! probed terms) with a few other probe counts, and prints for each setting
//! how many postings the whole desk would read (the cost of probing) and
//! which pairs it finds.
//!
//! CLAIMS: every claim of the desk, one a line (the document frequencies;
//! e.g. the `text` of `claimdesk extract --format jsonl`). PAIRS: lines
//! `label<TAB>sentence<TAB>sentence`. Keep both files outside the
//! repository: they hold corpus text.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};

use claimdesk::link::{Signature, drifts_between, signature};

/// 64-bit FNV-1a, as the signature hashes terms.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The figure-slot terms (`#count`, `#money:dollar` …): never probed.
fn figure_terms() -> Vec<u64> {
    let mut units = vec![
        "count", "times", "percent", "distance", "duration", "year", "date",
    ];
    for c in [
        "dollar", "euro", "pound", "riyal", "dirham", "dinar", "lira",
    ] {
        units.push(Box::leak(format!("money:{c}").into_boxed_str()));
    }
    let mut v: Vec<u64> = units
        .iter()
        .map(|u| fnv1a(format!("#{u}").as_bytes()))
        .collect();
    v.push(fnv1a(b"#"));
    v
}

/// Candidate generation settings replayed: (most probes, share of the
/// claim's weight after which probing stops, probed terms to share, the
/// document frequency above which a term is not indexed; 0 for the
/// linker's own, `max(100, n / 2000)`).
type Setting = (usize, f64, u32, u32);
const SETTINGS: &[Setting] = &[
    (6, 0.6, 2, 0),
    (10, 0.8, 2, 0),
    (6, 0.6, 2, 500),
    (6, 0.6, 2, 2000),
    (10, 0.8, 2, 2000),
];

/// The terms claim `s` probes with under `setting`.
fn probes(
    s: &[u64],
    df: &HashMap<u64, u32>,
    n: f64,
    cap: u32,
    fig: &[u64],
    setting: Setting,
) -> Vec<u64> {
    let cap = if setting.3 == 0 { cap } else { setting.3 };
    let total: f64 = s.iter().map(|&t| weight(df, n, t)).sum();
    let mut order: Vec<u64> = s
        .iter()
        .copied()
        .filter(|t| df.get(t).copied().unwrap_or(0) <= cap && !fig.contains(t))
        .collect();
    order.sort_unstable_by_key(|t| (df.get(t).copied().unwrap_or(0), *t));
    let mut out = Vec::new();
    let mut seen = 0.0;
    for t in order.into_iter().take(setting.0) {
        out.push(t);
        seen += weight(df, n, t);
        if seen > setting.1 * total {
            break;
        }
    }
    out
}

/// True when one of the two claims, probing, finds the other.
fn found(
    a: &[u64],
    b: &[u64],
    df: &HashMap<u64, u32>,
    n: f64,
    cap: u32,
    fig: &[u64],
    setting: Setting,
) -> bool {
    let finds = |x: &[u64], y: &[u64]| {
        let p = probes(x, df, n, cap, fig, setting);
        let need = if p.len() >= 2 { setting.2 } else { 1 };
        p.iter().filter(|t| y.binary_search(t).is_ok()).count() as u32 >= need
    };
    finds(a, b) || finds(b, a)
}

/// How the linker weighs a term: `ln(1 + n / df)`.
fn weight(df: &HashMap<u64, u32>, n: f64, t: u64) -> f64 {
    (1.0 + n / f64::from(df.get(&t).copied().unwrap_or(1))).ln()
}

/// The words of `sentence` whose terms the other signature lacks, with
/// their weights (function words and figures left out).
fn unshared(sentence: &str, other: &Signature, df: &HashMap<u64, u32>, n: f64) -> String {
    let mut out = Vec::new();
    for word in sentence.split_whitespace() {
        let sig = signature(word);
        if !sig.figures.is_empty() {
            continue;
        }
        for t in sig.terms {
            if other.terms.binary_search(&t).is_err() {
                out.push(format!("{word}:{:.1}", weight(df, n, t)));
            }
        }
    }
    out.join(" ")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(claims), Some(pairs)) = (args.next(), args.next()) else {
        eprintln!("usage: pair_probe CLAIMS PAIRS");
        std::process::exit(2);
    };
    let mut df: HashMap<u64, u32> = HashMap::new();
    let mut all: Vec<Vec<u64>> = Vec::new();
    let file = std::fs::File::open(&claims).expect("claims file");
    for line in BufReader::new(file).lines() {
        let line = line.expect("claims line");
        let terms = signature(&line).terms;
        for &t in &terms {
            *df.entry(t).or_default() += 1;
        }
        all.push(terms);
    }
    let cap = (all.len() / 2000).max(100) as u32;
    let n = all.len() as f64;
    let fig = figure_terms();
    for &setting in SETTINGS {
        let read: u64 = all
            .iter()
            .map(|s| {
                probes(s, &df, n, cap, &fig, setting)
                    .iter()
                    .map(|t| u64::from(df.get(t).copied().unwrap_or(0)))
                    .sum::<u64>()
            })
            .sum();
        println!("setting {setting:?}: {read} postings read over the desk");
    }
    let text = std::fs::read_to_string(&pairs).expect("pairs file");
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(label), Some(a), Some(b)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let (sa, sb) = (signature(a), signature(b));
        let total = |s: &Signature| s.terms.iter().map(|&t| weight(&df, n, t)).sum::<f64>();
        let (wa, wb) = (total(&sa), total(&sb));
        let shared: Vec<u64> = sa
            .terms
            .iter()
            .copied()
            .filter(|t| sb.terms.binary_search(t).is_ok())
            .collect();
        let inter: f64 = shared.iter().map(|&t| weight(&df, n, t)).sum();
        let jaccard = inter / (wa + wb - inter).max(1e-9);
        let containment = inter / wa.min(wb).max(1e-9);
        let drift: Vec<String> = drifts_between(&sa, &sb)
            .iter()
            .map(|d| format!("{} ≠ {}", d.ours, d.theirs))
            .collect();
        let candidate: Vec<&str> = SETTINGS
            .iter()
            .map(
                |&st| match found(&sa.terms, &sb.terms, &df, n, cap, &fig, st) {
                    true => "found",
                    false => "missed",
                },
            )
            .collect();
        println!(
            "{label}\tsim {:.3} (J {jaccard:.3}, C {containment:.3}), shared {} terms, words {}/{}, drift [{}], candidate {}",
            (jaccard + containment) / 2.0,
            shared.len(),
            sa.words,
            sb.words,
            drift.join(" | "),
            candidate.join("/")
        );
        println!("  A only: {}", unshared(a, &sb, &df, n));
        println!("  B only: {}", unshared(b, &sa, &df, n));
    }
}
