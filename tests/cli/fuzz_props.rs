//! Fuzzing as property tests, bounded for CI (a few seconds each): hostile
//! and random input for the parsers of untrusted files must never panic, and
//! what they accept keeps its invariants. The seeds in
//! tests/fixtures/fuzz/ (hand-written inputs of our own) run first, then
//! generated ones; failures proptest finds are kept in proptest-regressions/.
//!
//! Normaliser and segmenter: tests/text_normalize_props.rs and
//! tests/text_segment_props.rs hold their invariants; here they get hostile
//! characters. Sanitiser properties are unit tests of src/render/sanitize.rs.

use std::path::{Path, PathBuf};

use claimdesk::desk::files::match_path;
use claimdesk::desk::parse_article;
use claimdesk::rules::RuleSet;
use claimdesk::store::{format, merge};
use claimdesk::text::normalize::normalize;
use proptest::prelude::*;

/// Characters that break parsers and terminals, plus TOML and front matter
/// syntax, Arabic, and anything at all.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => prop::sample::select(vec![' ', '\n', '\r', '\t', '"', '\'', '=', '[', ']', '{', '}', ',', '#', '\\', '+', '.', '*', '?', '(', ')', '|']),
        2 => proptest::char::range('\u{621}', '\u{652}'),
        2 => prop::sample::select(vec!['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{200b}', '\u{200d}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{feff}', '\u{ad}', '\u{2028}', '\u{64e}', '\u{fdfa}', '\u{e0041}']),
        1 => any::<char>(),
    ]
}

fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Lines that look like front matter, rules or verdict files, mixed with noise.
fn toml_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("+++".to_string()),
        Just("[[rule]]".to_string()),
        Just("[0123456789ab]".to_string()),
        Just("schema = 1".to_string()),
        hostile_text(12).prop_map(|v| format!("title = \"{v}\"")),
        hostile_text(12).prop_map(|v| format!("\"{v}\" = 1")),
        hostile_text(12).prop_map(|v| format!("id = \"{v}\"")),
        hostile_text(12).prop_map(|v| format!("pattern = '''{v}'''")),
        hostile_text(12).prop_map(|v| format!("examples = [\"{v}\"]")),
        Just("kind = \"attribution\"".to_string()),
        Just("label = \"l\"".to_string()),
        hostile_text(12).prop_map(|v| format!("analyst = \"{v}\"")),
        Just("date = 2024-02-30".to_string()),
        hostile_text(30),
    ];
    proptest::collection::vec(line, 0..14).prop_map(|v| v.join("\n"))
}

/// The hand-written seeds, by prefix (`front-`, `rules-`, `verdicts-`).
fn seeds(prefix: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                .filter_map(|e| Some((e.path(), std::fs::read_to_string(e.path()).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    assert!(!out.is_empty(), "no seeds for {prefix}");
    out.into_iter().map(|(_, t)| t).collect()
}

fn front_matter_holds(text: String) -> Result<(), TestCaseError> {
    let lines = text.lines().count().max(1);
    match parse_article(PathBuf::from("a.md"), text.clone()) {
        Ok((article, warnings)) => {
            prop_assert!(
                article.text.get(article.body.clone()).is_some(),
                "body is a char range"
            );
            for w in warnings {
                prop_assert!(w.line.is_none_or(|l| l >= 1 && l <= lines + 1), "{w}");
                prop_assert!(!w.to_string().contains('\u{1b}'), "{w}");
            }
        }
        Err(p) => {
            prop_assert!(p.line.is_none_or(|l| l >= 1 && l <= lines + 1), "{p}");
            prop_assert!(!p.to_string().contains('\u{1b}'), "{p}");
        }
    }
    Ok(())
}

fn rules_hold(text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count().max(1);
    match RuleSet::from_files(Path::new("rules"), &[("x.toml", text)]) {
        Ok(set) => {
            for r in &set.rules {
                prop_assert!(!r.id.chars().any(|c| c.is_control()), "id {:?}", r.id);
            }
        }
        Err(problems) => {
            for p in problems {
                prop_assert!(p.line.is_none_or(|l| l >= 1 && l <= lines + 1), "{p}");
                let shown = p.to_string();
                prop_assert!(
                    !shown.chars().any(|c| c.is_control() && c != '\n'),
                    "{shown:?}"
                );
            }
        }
    }
    Ok(())
}

fn verdicts_hold(text: &str) -> Result<(), TestCaseError> {
    if let Ok(records) = format::parse(Path::new("v.verdicts.toml"), text) {
        // What is accepted writes back to a file that reads the same.
        let again = format::serialize(&records);
        let back = format::parse(Path::new("v.verdicts.toml"), &again);
        prop_assert_eq!(back.as_ref().ok(), Some(&records), "{}", again);
        // Merging a file with itself changes nothing.
        let merged = merge::merge_records(&records, &records, &records);
        prop_assert_eq!(&merged, &records);
        let one_side =
            merge::merge_records(&format::Records::new(), &records, &format::Records::new());
        prop_assert_eq!(&one_side, &records);
    }
    Ok(())
}

#[test]
fn seeds_hold() {
    for s in seeds("front-") {
        front_matter_holds(s).unwrap();
    }
    for s in seeds("rules-") {
        rules_hold(&s).unwrap();
    }
    for s in seeds("verdicts-") {
        verdicts_hold(&s).unwrap();
    }
}

/// A verdict file built from random records, hostile strings in every field.
fn verdict_file() -> impl Strategy<Value = String> {
    let rec = (
        proptest::collection::vec(prop::sample::select(b"0123456789abcdef".to_vec()), 12),
        prop::sample::select(vec!["confirmed", "disputed", "unverified"]),
        hostile_text(20),
        hostile_text(10),
        0u32..60,
    )
        .prop_map(|(id, verdict, claim, analyst, minute)| {
            let id: String = id.into_iter().map(char::from).collect();
            let esc = |s: &str| s.chars().flat_map(|c| {
                if c.is_control() || c == '"' || c == '\\' {
                    format!("\\u{:04x}", c as u32).chars().collect::<Vec<_>>()
                } else if (c as u32) > 0xFFFF {
                    format!("\\U{:08x}", c as u32).chars().collect()
                } else {
                    vec![c]
                }
            }).collect::<String>();
            format!(
                "[{id}]\nverdict = \"{verdict}\"\nclaim = \"{}\"\nrule = \"manual\"\narticles = [\"a.txt\"]\n\
                 note = \"\"\nevidence = []\nanalyst = \"{}\"\nupdated = \"2026-11-21T09:{minute:02}:00Z\"\n",
                esc(&claim),
                esc(&analyst)
            )
        });
    proptest::collection::vec(rec, 0..5).prop_map(|v| format!("schema = 1\n\n{}", v.join("\n")))
}

/// A reference glob matcher (exponential, for short inputs only).
fn slow_match(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|k| slow_match(rest, &path[k..])),
        Some((first, rest)) => match path.split_first() {
            Some((name, more)) => {
                claimdesk::desk::files::match_component(first, name) && slow_match(rest, more)
            }
            None => false,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics(body in toml_like()) {
        front_matter_holds(format!("+++\n{body}"))?;
        front_matter_holds(body)?;
    }

    #[test]
    fn rule_loader_never_panics(text in toml_like()) {
        rules_hold(&text)?;
    }

    #[test]
    fn verdict_parser_never_panics(text in toml_like()) {
        verdicts_hold(&text)?;
    }

    #[test]
    fn verdict_files_round_trip_and_merge(a in verdict_file(), b in verdict_file(), c in verdict_file()) {
        verdicts_hold(&a)?;
        let p = Path::new("v.verdicts.toml");
        if let (Ok(base), Ok(ours), Ok(theirs)) = (format::parse(p, &a), format::parse(p, &b), format::parse(p, &c)) {
            let merged = merge::merge_records(&base, &ours, &theirs);
            // Every claim of either side is still there, unless one side removed it.
            for id in ours.keys().chain(theirs.keys()) {
                prop_assert!(merged.contains_key(id) || base.contains_key(id), "{id} lost");
            }
            // The merge writes a file that reads back the same.
            let text = format::serialize(&merged);
            prop_assert_eq!(format::parse(p, &text).ok(), Some(merged));
        }
    }

    #[test]
    fn normaliser_and_segmenter_take_hostile_text(s in hostile_text(80)) {
        let norm = normalize(&s);
        for i in 0..norm.text.len() {
            let r = norm.source_of(i).expect("every byte is mapped");
            prop_assert!(s.get(r.clone()).is_some(), "{r:?} not on char boundaries");
        }
        for seg in claimdesk::text::segment::sentences(&s, 0..s.len()) {
            prop_assert!(s.get(seg.range.clone()).is_some(), "{:?}", seg.range);
        }
    }

    #[test]
    fn globs_match_like_the_reference(
        pattern in proptest::collection::vec(prop::sample::select(vec!["**", "*", "a", "?", "a*", "*.md", "b"]), 0..6),
        path in proptest::collection::vec(prop::sample::select(vec!["a", "b", "x.md", "ab"]), 0..6),
    ) {
        prop_assert_eq!(match_path(&pattern, &path), slow_match(&pattern, &path));
    }
}

#[test]
fn generated_verdict_files_mostly_parse() {
    // The round-trip property above must not be vacuous.
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = verdict_file();
    let mut parsed = 0;
    for _ in 0..100 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        if format::parse(Path::new("v.verdicts.toml"), &text).is_ok_and(|r| !r.is_empty()) {
            parsed += 1;
        }
    }
    assert!(
        parsed >= 50,
        "only {parsed} of 100 generated files parse with records"
    );
}
