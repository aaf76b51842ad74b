//! Linking time and memory on a real desk, against extraction's time.
//! Prints figures; asserts nothing.
//!
//! `cargo bench --bench linking` measures, in this order of preference:
//! the desk given with `--desk DIR`; the ANT multi-source corpus, unpacked
//! from `../shared/corpus/ant-multisource.tar.zst` and turned into a desk
//! under `target/bench-desk/ant/` (once, as the newsroom bench does); else the
//! demo desk (the repository root). Options (after `--`): `--desk DIR`, `--runs R`
//! (default 3), `--dump FILE` (every linked pair, tab-separated, for reading
//! by hand: keep the file outside the repository), `--sample N` and `--seed S`
//! (default 1): print N pairs drawn with that seed from each of three sets —
//! same-claim links whose sentences differ, same-claim links with drift,
//! similar links with drift — for counting by hand (docs/linking.md).

#[path = "support/ant.rs"]
mod ant;
// The ANT converter copies the rules with the generator's helper; the rest
// of the generator is not used here.
#[allow(dead_code)]
#[path = "support/gen.rs"]
mod generator;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use claimdesk::desk::Desk;
use claimdesk::index::DeskIndex;
use claimdesk::link::{DeskLinks, Level, desk_items, link_desk, link_with_cache};

struct Options {
    desk: Option<PathBuf>,
    runs: usize,
    dump: Option<PathBuf>,
    sample: usize,
    seed: u64,
}

fn options() -> Options {
    let mut o = Options {
        desk: None,
        runs: 3,
        dump: None,
        sample: 0,
        seed: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--desk" => o.desk = args.next().map(PathBuf::from),
            "--runs" => o.runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(o.runs),
            "--dump" => o.dump = args.next().map(PathBuf::from),
            "--sample" => o.sample = args.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--seed" => o.seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(1),
            _ => {} // `--bench` and filters passed by cargo
        }
    }
    o
}

/// Peak resident memory of this process so far, in MB.
fn peak_rss_mb() -> f64 {
    // SAFETY: getrusage fills a plain C struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// CPU time (user + system) of this process so far, in seconds: steadier
/// than wall time on a machine shared with other builds.
fn cpu_s() -> f64 {
    // SAFETY: getrusage fills a plain C struct we own.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(u.ru_utime) + secs(u.ru_stime)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let o = options();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = o
        .desk
        .clone()
        .or_else(|| ant_desk(&root))
        .unwrap_or_else(|| root.clone());
    let desk = match Desk::open(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("linking bench: {}: {e}", dir.display());
            return;
        }
    };
    println!("desk: {}", dir.display());
    let mut load_times = Vec::new();
    let mut index = None;
    let cpu_before_load = cpu_s();
    for _ in 0..o.runs.max(1) {
        let t = Instant::now();
        match DeskIndex::load_with_cache(desk.clone(), &|_| {}, None) {
            Ok(i) => index = Some(i),
            Err(problems) => {
                eprintln!("linking bench: the desk does not load: {problems:?}");
                return;
            }
        }
        load_times.push(t.elapsed());
    }
    let Some(index) = index else { return };
    let load_cpu = (cpu_s() - cpu_before_load) / o.runs.max(1) as f64;
    let rss_loaded = peak_rss_mb();
    let t = Instant::now();
    let sigs: usize = index
        .articles
        .iter()
        .map(|a| {
            a.extraction
                .claims
                .iter()
                .map(|c| {
                    claimdesk::link::signature(a.text(c.range.clone()).unwrap_or_default())
                        .terms
                        .len()
                })
                .sum::<usize>()
        })
        .sum();
    println!(
        "signatures alone (one thread): {} ({sigs} terms)",
        ms(t.elapsed())
    );
    let mut link_times = Vec::new();
    let mut links = DeskLinks::default();
    let cpu_before_link = cpu_s();
    for _ in 0..o.runs.max(1) {
        let t = Instant::now();
        links = link_desk(&index);
        link_times.push(t.elapsed());
    }
    let link_cpu = (cpu_s() - cpu_before_link) / o.runs.max(1) as f64;
    let rss_linked = peak_rss_mb();
    let (load, link) = (median(load_times), median(link_times));
    let (same, similar) = links.links.pair_counts();
    let drifting = (0..links.refs.len())
        .flat_map(|i| links.links.related(i))
        .filter(|r| !r.drift.is_empty())
        .count()
        / 2;
    println!(
        "articles: {}, claims: {}",
        index.articles.len(),
        links.refs.len()
    );
    println!(
        "load + extract (no cache, {} threads): {} median of {}",
        rayon::current_num_threads(),
        ms(load),
        o.runs.max(1)
    );
    println!(
        "link: {} median ({:.1}% of load + extract)",
        ms(link),
        100.0 * link.as_secs_f64() / load.as_secs_f64().max(1e-9)
    );
    println!(
        "CPU time: load + extract {load_cpu:.2} s, link {link_cpu:.2} s ({:.1}%)",
        100.0 * link_cpu / load_cpu.max(1e-9)
    );
    println!("pairs linked: {same} same claim, {similar} similar; {drifting} with drift");
    println!("peak RSS: {rss_loaded:.0} MB after loading, {rss_linked:.0} MB after linking");
    cached_runs(&index);
    if let Some(file) = &o.dump {
        match dump(&index, &links, file) {
            Ok(()) => println!("pairs written to {}", file.display()),
            Err(e) => eprintln!("linking bench: {}: {e}", file.display()),
        }
    }
    if o.sample > 0 {
        sample(&index, &links, o.sample, o.seed);
    }
    if let Some(extract) = time_extract_cli(&root, &dir) {
        println!(
            "claimdesk extract --format jsonl (release binary): {}",
            ms(extract)
        );
    }
}

/// Times linking through the link cache: writing it, reading it back (the
/// desk unchanged), and again after one article's claims changed (the
/// cached signatures reused, the global pass redone).
fn cached_runs(index: &DeskIndex) {
    let dir = std::env::temp_dir().join(format!("claimdesk-link-bench-{}", std::process::id()));
    let file = dir.join("links.bin");
    let (_, mut items, days) = desk_items(index);
    let t = Instant::now();
    link_with_cache(&items, &days, Some(&file));
    let written = t.elapsed();
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    let t = Instant::now();
    let (_, reuse) = link_with_cache(&items, &days, Some(&file));
    let hit = t.elapsed();
    // One article edited: each of its claims gets a word more.
    let edited: Vec<String> = match items.iter().map(|i| i.article).max() {
        Some(last) => items
            .iter()
            .filter(|i| i.article == last)
            .map(|i| format!("{} اليوم", i.text))
            .collect(),
        None => Vec::new(),
    };
    let first_edited = items.len() - edited.len();
    for (item, text) in items[first_edited..].iter_mut().zip(&edited) {
        item.text = text;
    }
    let t = Instant::now();
    let (_, changed) = link_with_cache(&items, &days, Some(&file));
    let incremental = t.elapsed();
    println!(
        "link through the cache: first run (writes {:.0} MB) {}, same desk {} ({reuse:?}), \
         one article edited {} ({changed:?})",
        size as f64 / 1e6,
        ms(written),
        ms(hit),
        ms(incremental)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Prints `n` pairs drawn (with `seed`) from each of: same-claim links
/// whose sentences differ after trimming, same-claim links with drift,
/// similar links with drift. Deterministic for one desk and seed.
fn sample(index: &DeskIndex, links: &DeskLinks, n: usize, seed: u64) {
    let text = |r: claimdesk::index::ClaimRef| {
        let a = &index.articles[r.article];
        a.text(a.extraction.claims[r.claim].range.clone())
            .unwrap_or_default()
            .replace(['\n', '\t'], " ")
    };
    let mut sets: [Vec<(usize, usize)>; 3] = Default::default();
    for i in 0..links.refs.len() {
        for rel in links.links.related(i) {
            if rel.other < i {
                continue;
            }
            let (a, b) = (links.refs[i], links.refs[rel.other]);
            let drift = !rel.drift.is_empty();
            match rel.level {
                Level::Same if text(a).trim() != text(b).trim() => sets[0].push((i, rel.other)),
                _ => {}
            }
            match (rel.level, drift) {
                (Level::Same, true) => sets[1].push((i, rel.other)),
                (Level::Similar, true) => sets[2].push((i, rel.other)),
                _ => {}
            }
        }
    }
    // xorshift64*: a fixed sequence per seed, no dependency.
    let mut state = seed.max(1);
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let names = [
        "same, sentences differ",
        "same, with drift",
        "similar, with drift",
    ];
    for (name, set) in names.iter().zip(sets.iter_mut()) {
        println!("\n## sample: {name} ({} pairs, seed {seed})", set.len());
        // A partial Fisher–Yates shuffle: the first n are the sample.
        for k in 0..n.min(set.len()) {
            let pick = k + (next() % (set.len() - k) as u64) as usize;
            set.swap(k, pick);
            let (i, j) = set[k];
            let rel = links.links.related(i).iter().find(|r| r.other == j);
            let (a, b) = (links.refs[i], links.refs[j]);
            let day = |r: claimdesk::index::ClaimRef| {
                index.articles[r.article]
                    .article
                    .meta
                    .date
                    .clone()
                    .unwrap_or_default()
            };
            println!(
                "\n[{}] {:.3} {}",
                k + 1,
                rel.map_or(0.0, |r| r.similarity),
                rel.map(|r| {
                    r.drift
                        .iter()
                        .map(|d| format!("{} ≠ {}", d.ours, d.theirs))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .unwrap_or_default()
            );
            println!(
                "  A {} {}: {}",
                index.articles[a.article].rel,
                day(a),
                text(a)
            );
            println!(
                "  B {} {}: {}",
                index.articles[b.article].rel,
                day(b),
                text(b)
            );
        }
    }
}

/// Writes every linked pair once: level, similarity, both paths and
/// sentences, and the drifts.
fn dump(index: &DeskIndex, links: &DeskLinks, file: &Path) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    let one_line = |s: &str| s.replace(['\n', '\t'], " ");
    for (i, r) in links.refs.iter().enumerate() {
        for rel in links.links.related(i) {
            if rel.other < i {
                continue;
            }
            let o = links.refs[rel.other];
            let text = |r: claimdesk::index::ClaimRef| {
                let a = &index.articles[r.article];
                one_line(
                    a.text(a.extraction.claims[r.claim].range.clone())
                        .unwrap_or_default(),
                )
            };
            let drift: Vec<String> = rel
                .drift
                .iter()
                .map(|d| format!("{} ≠ {}", d.ours, d.theirs))
                .collect();
            writeln!(
                out,
                "{}\t{:.3}\t{}\t{}\t{}\t{}\t{}",
                match rel.level {
                    Level::Same => "same",
                    Level::Similar => "similar",
                },
                rel.similarity,
                index.articles[r.article].rel,
                index.articles[o.article].rel,
                text(*r),
                text(o),
                drift.join(" | ")
            )?;
        }
    }
    out.flush()
}

/// Times the release binary's `extract --format jsonl` on the desk, when
/// it is built (`cargo build --release`).
fn time_extract_cli(root: &Path, dir: &Path) -> Option<Duration> {
    let bin = root.join("target/release/claimdesk");
    if !bin.exists() {
        return None;
    }
    let t = Instant::now();
    let status = Command::new(&bin)
        .args(["extract", "--format", "jsonl"])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| t.elapsed())
}

/// The ANT corpus as a desk (with each article's date), made once under
/// `target/` by the newsroom bench's converter ([`ant::desk`]).
fn ant_desk(root: &Path) -> Option<PathBuf> {
    let archive = ant::archive(root)?;
    match ant::desk(&archive, &root.join("target"), &root.join("rules")) {
        Ok(desk) => Some(desk),
        Err(e) => {
            eprintln!("linking bench: the ANT desk: {e}");
            None
        }
    }
}
