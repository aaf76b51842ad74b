//! Prints every sentence of some articles with its role and whether it is a
//! claim, for checking rules by hand.
//!
//! `cargo run --example claims_report -- [--rules DIR] [--claims-only] FILE…`
//!
//! Files may be plain articles or TREC-style documents (the body is the
//! `<TEXT>` element). Without `--rules`, the default pack is used.

use std::path::{Path, PathBuf};

use claimdesk::desk::{Article, ArticleMeta};
use claimdesk::extract::{SentenceRole, extract_article};
use claimdesk::rules::RuleSet;

fn main() {
    let mut rules_dir: Option<PathBuf> = None;
    let mut claims_only = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => rules_dir = args.next().map(PathBuf::from),
            "--claims-only" => claims_only = true,
            _ => files.push(PathBuf::from(a)),
        }
    }
    let rules = match &rules_dir {
        Some(d) => RuleSet::load(d),
        None => RuleSet::default_rules(),
    };
    let rules = match rules {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            std::process::exit(2);
        }
    };
    let (mut total, mut body, mut claims, mut heads, mut boiler) = (0, 0, 0, 0, 0);
    for f in &files {
        let Some(article) = read_article(f) else {
            eprintln!("{}: cannot read", f.display());
            continue;
        };
        let ex = extract_article(&article, &rules);
        println!("=== {}", f.display());
        for (i, s) in ex.sentences.iter().enumerate() {
            total += 1;
            let claim = ex.claim_of(i);
            let role = match s.role {
                SentenceRole::Body => {
                    body += 1;
                    "B"
                }
                SentenceRole::Heading => {
                    heads += 1;
                    "H"
                }
                SentenceRole::Boilerplate => {
                    boiler += 1;
                    "X"
                }
            };
            if claim.is_some() {
                claims += 1;
            }
            if claims_only && claim.is_none() {
                continue;
            }
            let mark = if claim.is_some() { "*" } else { " " };
            let ids: Vec<&str> = claim
                .map(|c| {
                    c.rules
                        .indices()
                        .map(|r| rules.rules[r].id.as_str())
                        .collect()
                })
                .unwrap_or_default();
            println!(
                "{role}{mark} p{:<3} {} [{}]",
                s.paragraph,
                &article.text[s.range.clone()],
                ids.join(" ")
            );
        }
    }
    println!(
        "--- sentences {total}: body {body}, heading {heads}, boilerplate {boiler}; claims {claims}"
    );
}

/// Reads a plain or TREC-style article.
fn read_article(path: &Path) -> Option<Article> {
    let text = std::fs::read_to_string(path).ok()?;
    let body = match (text.find("<TEXT>"), text.find("</TEXT>")) {
        (Some(a), Some(b)) if a + 6 <= b => a + 6..b,
        _ => front_matter_end(&text)..text.len(),
    };
    Some(Article {
        path: path.to_path_buf(),
        body,
        meta: ArticleMeta::default(),
        text: text.into(),
    })
}

/// Where the body starts after `+++` TOML front matter (0 when there is none).
fn front_matter_end(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return 0;
    };
    rest.find("\n+++\n").map_or(0, |i| 4 + i + 5)
}
