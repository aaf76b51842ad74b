//! Writes a synthetic benchmark desk.
//!
//! `cargo run --release --example gen_desk -- OUT [N] [--from DIR] [--rules DIR]`
//!
//! N articles (default 20,000, about 100 MB) built from the sentences of the
//! articles in DIR (default `examples/articles`), with the rule files of
//! `--rules` (default `rules`) copied beside them.

#[path = "../support/gen.rs"]
mod generator;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut n = 20_000usize;
    let mut from = PathBuf::from("examples/articles");
    let mut rules = PathBuf::from("rules");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--from" => from = args.next().map(PathBuf::from).unwrap_or(from),
            "--rules" => rules = args.next().map(PathBuf::from).unwrap_or(rules),
            "-h" | "--help" => {
                println!("usage: gen_desk OUT [N] [--from DIR] [--rules DIR]");
                return;
            }
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => match a.parse() {
                Ok(v) => n = v,
                Err(_) => {
                    eprintln!("gen_desk: not a number of articles: {a}");
                    std::process::exit(2);
                }
            },
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_desk OUT [N] [--from DIR] [--rules DIR]");
        std::process::exit(2);
    };
    let pool = match generator::read_pool(&from) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("gen_desk: {e}");
            std::process::exit(1);
        }
    };
    match generator::write_desk(&pool, &out, n, &rules) {
        Ok(bytes) => println!(
            "wrote {n} articles ({:.1} MB) to {}",
            bytes as f64 / 1e6,
            out.display()
        ),
        Err(e) => {
            eprintln!("gen_desk: {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
