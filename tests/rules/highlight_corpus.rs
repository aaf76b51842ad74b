//! On the real corpus, when present (ignored by default; run with
//! `cargo test --test rules_highlight_corpus -- --ignored --nocapture`):
//! how many matches of the rules that carry context end inside a word as the
//! regex reports them, and as highlights light them.

use claimdesk::extract::extract_with_matches;
use claimdesk::rules::RuleSet;

const CORPUS: &str = "/work/corpus/ant-desk/articles";
const RULES: [&str; 4] = [
    "ar.quote-with-verb",
    "ar.according-to",
    "ar.quote-after-colon",
    "ar.digits",
];

/// True when byte `end` of `text` falls inside a word or a figure: letters
/// (or marks) on both sides, or digits on both sides (`و15` may light `15`).
fn inside_word(text: &str, end: usize) -> bool {
    let before = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    let letter =
        |c: char| (c.is_alphabetic() && !c.is_numeric()) || ('\u{064B}'..='\u{065F}').contains(&c);
    let figure = |c: char| c.is_numeric();
    (before.is_some_and(letter) && after.is_some_and(letter))
        || (before.is_some_and(figure) && after.is_some_and(figure))
}

#[test]
#[ignore = "reads the real corpus when present"]
fn highlights_on_the_real_corpus_end_at_word_edges() {
    let dir = std::path::Path::new(CORPUS);
    if !dir.is_dir() {
        eprintln!("no corpus at {CORPUS}; skipped");
        return;
    }
    let rules = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths.truncate(3000);
    // Per rule: matches, first-match ends inside a word, spans, span edges inside a word, matches beyond the first.
    let mut counts = [[0usize; 5]; 4];
    for p in &paths {
        let Ok((a, _)) = claimdesk::desk::load_article_reporting(p) else {
            continue;
        };
        let (ex, matches) = extract_with_matches(&a, &rules);
        for (claim, ms) in ex.claims.iter().zip(&matches) {
            let _ = claim;
            for m in ms {
                let Some(k) = RULES.iter().position(|id| rules.rules[m.rule].id == *id) else {
                    continue;
                };
                counts[k][0] += 1;
                counts[k][1] += usize::from(inside_word(&a.text, m.range.end));
                counts[k][2] += m.spans.len();
                counts[k][3] += m
                    .spans
                    .iter()
                    .filter(|r| inside_word(&a.text, r.start) || inside_word(&a.text, r.end))
                    .count();
                counts[k][4] += m.spans.len().saturating_sub(1);
            }
        }
    }
    println!("{} articles", paths.len());
    for (id, c) in RULES.iter().zip(counts) {
        println!(
            "{id}: {} claims matched; first match ends inside a word: {}; spans lit: {}; span edges inside a word: {}; extra matches lit: {}",
            c[0], c[1], c[2], c[3], c[4]
        );
        assert_eq!(c[3], 0, "{id}: a highlight edge inside a word");
    }
}
