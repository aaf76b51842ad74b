//! Links claims given as lines `path<TAB>day<TAB>outlet<TAB>sentence` (day:
//! any day number, outlet: any name; either empty when unknown) and writes every linked pair as the linking
//! bench's `--dump` does: level, similarity, both paths and sentences, the
//! drifts. A quick loop for measuring recall on labelled pairs without
//! loading a desk (docs/linking.md, round 5); prints counts, asserts nothing.
//!
//! `cargo run --release --example link_tsv -- CLAIMS.tsv DUMP.tsv`
//!
//! Keep both files outside the repository: they hold corpus text.

use std::io::Write;

use claimdesk::link::{Level, LinkItem, link_with_cache};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(claims), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: link_tsv CLAIMS.tsv DUMP.tsv");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&claims).expect("claims file");
    let mut paths: Vec<&str> = Vec::new();
    let mut rows: Vec<(usize, Option<i64>, Option<u32>, &str)> = Vec::new();
    let mut article: std::collections::HashMap<&str, usize> = Default::default();
    let mut outlets: std::collections::HashMap<&str, u32> = Default::default();
    for line in text.lines() {
        let mut cols = line.splitn(4, '\t');
        let (Some(path), Some(day), Some(outlet), Some(sentence)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let next = outlets.len() as u32;
        let outlet = (!outlet.is_empty()).then(|| *outlets.entry(outlet).or_insert(next));
        let next = article.len();
        let a = *article.entry(path).or_insert_with(|| {
            paths.push(path);
            next
        });
        rows.push((a, day.parse().ok(), outlet, sentence));
    }
    let items: Vec<LinkItem> = rows
        .iter()
        .map(|&(article, _, outlet, text)| LinkItem {
            article,
            outlet,
            text,
        })
        .collect();
    let days: Vec<Option<i64>> = rows.iter().map(|r| r.1).collect();
    let t = std::time::Instant::now();
    let (links, _) = link_with_cache(&items, &days, None);
    let took = t.elapsed();
    let (same, similar) = links.pair_counts();
    let drifting = (0..links.len())
        .flat_map(|i| links.related(i))
        .filter(|r| !r.drift.is_empty())
        .count()
        / 2;
    println!(
        "{} claims: {same} same, {similar} similar, {drifting} with drift; link {:.2} s",
        rows.len(),
        took.as_secs_f64()
    );
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out).expect("dump file"));
    for (i, row) in rows.iter().enumerate() {
        for rel in links.related(i) {
            if rel.other < i {
                continue;
            }
            let o = &rows[rel.other];
            let drift: Vec<String> = rel
                .drift
                .iter()
                .map(|d| format!("{} ≠ {}", d.ours, d.theirs))
                .collect();
            let _ = writeln!(
                w,
                "{}\t{:.3}\t{}\t{}\t{}\t{}\t{}",
                match rel.level {
                    Level::Same => "same",
                    Level::Similar => "similar",
                },
                rel.similarity,
                paths[row.0],
                paths[o.0],
                row.3,
                o.3,
                drift.join(" | ")
            );
        }
    }
}
