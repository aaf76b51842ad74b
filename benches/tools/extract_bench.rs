//! Extracts claims from every `.txt`/`.md` file under a folder with the
//! default pack, in parallel, and prints counts and the time taken: a stand-in
//! for `claimdesk extract` when comparing with `rg -c -f PATTERNS`.
//!
//! `cargo run --release --example extract_bench -- DIR [--patterns FILE]`
//! (`--rules DIR` uses a rules folder instead of the default pack;
//! `--patterns` writes every rule's normalised pattern, one per line, and exits).

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimdesk::desk::{Article, ArticleMeta};
use claimdesk::extract::extract_article;
use claimdesk::rules::RuleSet;
use rayon::prelude::*;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rules = if let Some(i) = args.iter().position(|a| a == "--rules") {
        let dir = PathBuf::from(args.remove(i + 1));
        args.remove(i);
        RuleSet::load(&dir)
    } else {
        RuleSet::default_rules()
    };
    let rules = rules.unwrap_or_else(|p| {
        for p in p {
            eprintln!("{p}");
        }
        std::process::exit(2)
    });
    if let Some(i) = args.iter().position(|a| a == "--patterns") {
        let out = args.get(i + 1).expect("--patterns FILE");
        std::fs::write(out, rules.normalized_patterns().join("\n") + "\n").unwrap();
        return;
    }
    let dir = PathBuf::from(args.first().expect("DIR"));
    let start = Instant::now();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    let (bytes, sentences, claims) = files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let article = Article {
                path: f.clone(),
                body: 0..text.len(),
                meta: ArticleMeta::default(),
                text: text.into(),
            };
            let ex = extract_article(&article, &rules);
            (article.text.len(), ex.sentences.len(), ex.claims.len())
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    println!(
        "{} files, {} MB, {sentences} sentences, {claims} claims in {:.2?}",
        files.len(),
        bytes / (1024 * 1024),
        start.elapsed()
    );
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
            out.push(p);
        }
    }
}
