//! Linking measured on labelled claim pairs: how many same-assertion pairs
//! are linked (as the same claim, as similar) or missed, and how many pairs
//! of other assertions are linked anyway. Reads the labels
//! (`benches/data/heldout-*.tsv`: label, path, claim id, other path, other
//! id) and the desk's `claimdesk extract --format jsonl`; prints, asserts
//! nothing.
//!
//! ```text
//! claimdesk -C target/bench-desk/ant extract --format jsonl > /tmp/ant.jsonl
//! cargo run --release --example heldout -- benches/data/heldout-2018-06.tsv /tmp/ant.jsonl
//! ```
//!
//! Add `--list` to print each pair's label, level and similarity.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [labels, jsonl] = files[..] else {
        eprintln!("usage: heldout LABELS.tsv EXTRACT.jsonl [--list]");
        std::process::exit(2);
    };
    // Every link of the desk: (path, id, other path, other id) -> (level, similarity).
    let mut links: HashMap<(String, String, String, String), (String, f64)> = HashMap::new();
    let mut claims = 0usize;
    let reader = std::io::BufReader::new(std::fs::File::open(jsonl).expect("the jsonl file"));
    for line in reader.lines() {
        let claim: Value = serde_json::from_str(&line.expect("a line")).expect("a JSON claim");
        claims += 1;
        let field = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        for r in claim["related"].as_array().into_iter().flatten() {
            let key = (
                field(&claim, "path"),
                field(&claim, "id"),
                field(r, "path"),
                field(r, "id"),
            );
            let level = field(r, "level");
            links.insert(key, (level, r["similarity"].as_f64().unwrap_or(0.0)));
        }
    }
    let text = std::fs::read_to_string(labels).expect("the labels file");
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (n, line) in text.lines().filter(|l| !l.starts_with('#')).enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [label, path, id, other_path, other_id] = cols[..] else {
            eprintln!("{labels}: line {}: expected 5 tab-separated fields", n + 1);
            std::process::exit(2);
        };
        let key = (path.into(), id.into(), other_path.into(), other_id.into());
        let (level, similarity) = links
            .get(&key)
            .map_or(("missed", 0.0), |(l, s)| (l.as_str(), *s));
        if list {
            println!("{label}\t{level}\t{similarity:.3}\t{path}\t{id}\t{other_path}\t{other_id}");
        }
        *counts.entry((label.into(), level.into())).or_default() += 1;
    }
    let count = |label: &str, level: &str| counts.get(&(label.into(), level.into())).copied();
    let total = |label: &str| -> usize {
        counts
            .iter()
            .filter(|((l, _), _)| l == label)
            .map(|(_, n)| n)
            .sum()
    };
    let (yes, no) = (total("Y"), total("N"));
    let (same, similar) = (
        count("Y", "same").unwrap_or(0),
        count("Y", "similar").unwrap_or(0),
    );
    println!("{claims} claims read; {} labelled pairs", yes + no);
    println!(
        "same assertion: {yes}: linked {} ({:.2}): {same} same claim, {similar} similar; missed {}",
        same + similar,
        (same + similar) as f64 / yes.max(1) as f64,
        yes - same - similar
    );
    println!(
        "other assertions: {no}: linked as same claim {}, as similar {}",
        count("N", "same").unwrap_or(0),
        count("N", "similar").unwrap_or(0)
    );
}
