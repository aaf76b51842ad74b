//! Shows which rules, vetoes and boilerplate tables match a sentence.
//!
//! `cargo run --example rule_probe -- [--rules DIR] "sentence"…`

use std::path::PathBuf;

use claimdesk::rules::RuleSet;
use claimdesk::text::normalize::normalize_str;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rules = if args.first().map(String::as_str) == Some("--rules") && args.len() > 1 {
        let dir = PathBuf::from(args.remove(1));
        args.remove(0);
        RuleSet::load(&dir)
    } else {
        RuleSet::default_rules()
    };
    let rules = rules.unwrap_or_else(|problems| {
        for p in problems {
            eprintln!("{p}");
        }
        std::process::exit(2);
    });
    for s in &args {
        let n = normalize_str(s);
        println!("{s}\n  normalised: {n}");
        for h in rules.hits(&n) {
            let r = &rules.rules[h.rule];
            println!("  rule {} ({}): «{}»", r.id, r.kind.as_str(), &n[h.range]);
        }
        if let Some(v) = rules.veto(&n) {
            println!("  veto {}", v.id);
        }
        if let Some(b) = rules.boilerplate_start(&n) {
            println!("  boilerplate {} ({:?})", b.id, b.extent);
        }
    }
}
