//! The literal pass finds exactly what trying every pattern finds.
//!
//! `claim_rules`, `hits`, `matching` and `claim_hits_many` go through the
//! required-literal prefilter; `claim_rules_by_each` tries every veto and
//! every rule with its own regex. They must agree on every sentence: the
//! rules' examples, every sentence of the demo desk, generated mixtures,
//! hand-made edge cases and, when it is present, `../shared/corpus/`.

use std::path::{Path, PathBuf};

use std::sync::LazyLock;

use claimdesk::rules::{RuleHit, RuleSet, Script};
use claimdesk::text::normalize::{normalize, normalize_str};
use claimdesk::text::segment::sentences;
use proptest::prelude::*;

static PACK: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}")));

fn pack() -> &'static RuleSet {
    &PACK
}

/// What every entry point must say of `s`: vetoed, or these hits.
fn expected(set: &RuleSet, s: &str) -> Option<Vec<RuleHit>> {
    set.claim_rules_by_each(s)
        .map(|rules| set.hits_of(s, rules))
}

/// Checks one sentence through every entry point.
fn check_one(set: &RuleSet, s: &str) {
    let want = expected(set, s);
    assert_eq!(
        set.claim_rules(s),
        want.as_ref().map(|h| h.iter().map(|h| h.rule).collect()),
        "claim_rules: «{s}»"
    );
    // `hits` and `matching` leave vetoes out: every rule of the sentence's
    // script whose pattern (and not its exclude) matches.
    let skip = if Script::has_arabic(s) {
        Script::NonArabic
    } else {
        Script::Arabic
    };
    let of_script = (0..set.rules.len()).filter(|&i| set.rules[i].script != skip);
    let all_hits = set.hits_of(s, of_script);
    assert_eq!(set.hits(s), all_hits, "hits: «{s}»");
    let rules: Vec<usize> = all_hits.iter().map(|h| h.rule).collect();
    assert_eq!(set.matching(s), rules, "matching: «{s}»");
    if let Some(w) = &want {
        assert_eq!(&all_hits, w, "«{s}»");
    }
}

/// Checks many sentences through `claim_hits_many` at once, and each alone.
fn check_all(set: &RuleSet, sentences: &[String]) -> usize {
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let many = set.claim_hits_many(&refs);
    assert_eq!(many.len(), refs.len());
    let mut claims = 0;
    for (s, got) in refs.iter().zip(many) {
        let want = expected(set, s);
        assert_eq!(got, want, "claim_hits_many: «{s}»");
        check_one(set, s);
        claims += usize::from(want.is_some_and(|h| !h.is_empty()));
    }
    claims
}

/// The normalised sentences of every `.txt`/`.md` file under `dir`.
fn sentences_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let norm = normalize(&text);
        for seg in sentences(&norm.text, 0..norm.text.len()) {
            out.push(norm.text[seg.range].to_string());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(p);
        }
    }
}

#[test]
fn every_example_and_counter_example() {
    let set = pack();
    let mut all = Vec::new();
    for r in &set.rules {
        for e in r.examples.iter().chain(&r.counter_examples) {
            all.push(normalize_str(e).trim().to_string());
        }
    }
    let claims = check_all(set, &all);
    assert!(
        claims > set.rules.len(),
        "only {claims} claims among the examples"
    );
}

#[test]
fn every_sentence_of_the_demo_desk() {
    let set = pack();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let all = sentences_under(&dir);
    assert!(all.len() > 100, "only {} sentences", all.len());
    let claims = check_all(set, &all);
    assert!(claims > 20, "only {claims} claims in the demo desk");
}

#[test]
#[ignore = "reads ../shared/corpus when present: cargo test --test rules_matcher -- --ignored"]
fn every_sentence_of_the_shared_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("{} not found: nothing to compare", dir.display());
        return;
    }
    let set = pack();
    let all = sentences_under(&dir);
    eprintln!("{} sentences under {}", all.len(), dir.display());
    check_all(set, &all);
}

#[test]
fn case_and_fold_variants_are_not_missed() {
    // `(?i)` makes `k` match the Kelvin sign and `s` the long s: the
    // literal pass must still find them.
    let rules = r#"
[[rule]]
id = "x.kelvin"
kind = "event"
label = "asked"
pattern = '(?i)(?:^|\s)asked\s+(?:for|about)'
examples = ["They ASKED for more."]
counter_examples = ["They asked nobody."]

[[rule]]
id = "x.no-literal"
kind = "number"
label = "digit run"
pattern = '\d{2,}'
examples = ["In 1999."]
counter_examples = ["In 9."]

[[rule]]
id = "x.exact-case"
kind = "date"
label = "May"
pattern = 'May\s+[0-9]'
examples = ["On May 5."]
counter_examples = ["It may 5 times."]

[[veto]]
id = "x.q"
label = "question"
pattern = '\?\s*$'
examples = ["Why?"]
"#;
    let set = RuleSet::from_files(Path::new("rules"), &[("x.toml", rules)])
        .unwrap_or_else(|p| panic!("{p:#?}"));
    let (unfiltered, literals) = set.literal_report();
    assert_eq!(unfiltered, vec!["x.no-literal"]);
    assert!(literals > 2);
    let cases: Vec<String> = [
        "They AsKeD about it",
        "They a\u{17F}ked for it",
        "They as\u{212A}ed for it",
        "They as\u{212A}ed nobody",
        "On may 5 and MAY 6",
        "On May 5 or so",
        "Numbers ٣٤ and 12",
        "Was it on May 5?",
        "",
        "?",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    check_all(&set, &cases);
    let kelvin = set.claim_rules("They as\u{212A}ed for it");
    assert_eq!(kelvin, Some(vec![0]));
    assert_eq!(set.claim_rules("Was it on May 5?"), None);
}

#[test]
fn the_default_pack_reports_its_unfiltered_patterns() {
    let set = pack();
    let (unfiltered, literals) = set.literal_report();
    // Every default rule and veto has required literals.
    assert!(unfiltered.is_empty(), "{unfiltered:?}");
    assert!(literals > 500, "{literals} literals");
}

/// Words that the default rules look for, and a few signs and numbers.
static PIECES: LazyLock<Vec<String>> = LazyLock::new(pieces);

fn pieces() -> Vec<String> {
    let set = pack();
    let mut words: Vec<String> = Vec::new();
    for r in &set.rules {
        for e in &r.examples {
            words.extend(normalize_str(e).split_whitespace().map(str::to_string));
        }
    }
    words.extend(
        [
            "?", "«", "»", "\"", ":", "١٢", "2024", "5", "%", "و", "ال", "Said", "told",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    words.sort();
    words.dedup();
    words
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn random_mixtures_of_rule_words(picks in proptest::collection::vec((0usize..10_000, 0usize..4), 1..14)) {
        let set = pack();
        let words = &*PIECES;
        let seps = [" ", "", ", ", ". "];
        let mut s = String::new();
        for (w, sep) in picks {
            s.push_str(&words[w % words.len()]);
            s.push_str(seps[sep]);
        }
        check_all(set, &[s]);
    }
}
