//! Every rule-loading problem is reported with file, line, rule id and what to do.

use std::path::{Path, PathBuf};

use claimdesk::problem::Problem;
use claimdesk::rules::{Extent, RuleKind, RuleSet};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(case)
}

/// Loads a fixture that must fail and returns its problems.
fn problems(case: &str) -> Vec<Problem> {
    match RuleSet::load(&fixture(case)) {
        Ok(set) => panic!(
            "{case}: loaded {} rules, expected problems",
            set.rules.len()
        ),
        Err(p) => p,
    }
}

/// The only problem of a fixture.
fn only(case: &str) -> Problem {
    let p = problems(case);
    assert_eq!(p.len(), 1, "{case}: {p:#?}");
    p.into_iter().next().unwrap()
}

fn file_name(p: &Problem) -> String {
    p.path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let p = only("syntax");
    assert_eq!(file_name(&p), "broken.toml");
    assert!(p.path.ends_with("ar/broken.toml"), "{}", p.path.display());
    assert!(p.message.contains("TOML syntax error"), "{}", p.message);
    assert!(matches!(p.line, Some(6) | Some(7)), "{p}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let p = only("unknown_key");
    assert_eq!(p.line, Some(5));
    assert_eq!(p.subject.as_deref(), Some("t.typo"));
    assert!(p.message.contains("unknown key `patern`"), "{}", p.message);
    assert!(
        p.message.contains("did you mean `pattern`"),
        "{}",
        p.message
    );
}

#[test]
fn missing_key_points_at_the_table() {
    let p = only("missing_key");
    assert_eq!(p.line, Some(1));
    assert_eq!(p.subject.as_deref(), Some("t.no-pattern"));
    assert!(p.message.contains("missing key `pattern`"), "{}", p.message);
}

#[test]
fn duplicate_id_across_files_names_the_first() {
    let p = only("duplicate_id");
    assert!(p.path.ends_with("sub/b.toml"), "{}", p.path.display());
    assert_eq!(p.line, Some(4));
    assert_eq!(p.subject.as_deref(), Some("t.same"));
    assert!(p.message.contains("duplicate id"), "{}", p.message);
    assert!(p.message.contains("a.toml:1"), "{}", p.message);
}

#[test]
fn bad_kind_lists_the_kinds() {
    let p = only("bad_kind");
    assert_eq!(p.line, Some(3));
    assert!(p.message.contains("unknown kind `figure`"), "{}", p.message);
    assert!(p.message.contains("attribution"), "{}", p.message);
    assert!(
        !p.message.contains("manual"),
        "manual is not for rule files"
    );
}

#[test]
fn regex_error_is_reported_on_the_pattern_line() {
    let p = only("regex_error");
    assert_eq!(p.line, Some(5));
    assert_eq!(p.subject.as_deref(), Some("t.regex"));
    assert!(p.message.contains("not a valid regex"), "{}", p.message);
}

#[test]
fn pattern_over_size_limit_says_the_limit() {
    let p = only("too_big");
    assert_eq!(p.line, Some(5));
    assert!(p.message.contains("too big"), "{}", p.message);
    let kib = format!("{} KiB", claimdesk::rules::PATTERN_SIZE_LIMIT / 1024);
    assert!(p.message.contains(&kib), "{}", p.message);
}

#[test]
fn failing_example_is_reported_on_its_own_line() {
    let p = only("failing_example");
    assert_eq!(p.line, Some(8));
    assert!(
        p.message.contains("example does not match"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("تبادل الزعيمان الهدايا"),
        "{}",
        p.message
    );
}

#[test]
fn matching_counter_example_is_reported() {
    let p = only("counter_example");
    assert_eq!(p.line, Some(9));
    assert_eq!(p.subject.as_deref(), Some("t.visit"));
    assert!(
        p.message.contains("counter-example matches"),
        "{}",
        p.message
    );
}

#[test]
fn bad_boilerplate_extent_is_reported() {
    let p = only("bad_boilerplate");
    assert_eq!(p.line, Some(4));
    assert!(p.message.contains("`extent`"), "{}", p.message);
}

#[test]
fn pattern_matching_the_empty_string_is_refused() {
    let p = only("empty_match");
    assert!(p.message.contains("empty string"), "{}", p.message);
}

#[test]
fn every_problem_is_reported_at_once() {
    let p = problems("many");
    let text: Vec<String> = p.iter().map(|p| p.to_string()).collect();
    let all = text.join("\n");
    // one.toml: top-level key, bad kind, duplicate id, bad regex; two.toml:
    // missing label, empty examples are not checked against a bad pattern.
    assert!(all.contains("unknown top-level key `title`"), "{all}");
    assert!(all.contains("unknown kind `nonsense`"), "{all}");
    assert!(all.contains("duplicate id"), "{all}");
    assert!(all.contains("not a valid regex"), "{all}");
    assert!(all.contains("missing key `label`"), "{all}");
    assert!(all.contains("`examples` is empty"), "{all}");
    assert!(p.iter().any(|p| p.path.ends_with("en/two.toml")), "{all}");
    assert!(p.len() >= 6, "{all}");
}

#[test]
fn verdict_files_beside_rules_are_skipped() {
    let set = RuleSet::load(&fixture("verdicts_skipped")).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(set.rules.len(), 1);
    let r = &set.rules[0];
    assert_eq!(r.file, "ar/quotes.toml");
    assert_eq!(r.line, 1);
    assert_eq!(r.kind, RuleKind::Quote);
    assert!(set.dir.is_absolute());
    assert_eq!(set.fingerprint.len(), 16);
}

#[test]
fn missing_folder_is_one_clear_problem() {
    let p = problems("no_such_case");
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("rules folder not found"), "{}", p[0]);
}

#[test]
fn default_pack_boilerplate_extents() {
    let set = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let b = |id: &str| set.boilerplate.iter().find(|b| b.id == id).unwrap().extent;
    assert_eq!(b("ar.read-also-block"), Extent::End);
    assert_eq!(b("ar.read-also-link"), Extent::Paragraph);
    let n = claimdesk::text::normalize::normalize_str;
    assert!(set.is_boilerplate_start(&n("مقالات مشابهة")));
    assert!(set.is_boilerplate_start(&n("  إقرأ أيضاً:")));
    assert!(!set.is_boilerplate_start(&n("وقال الوزير إن المقالات مشابهة.")));
}

#[test]
fn bad_priority_is_reported() {
    let p = only("bad_priority");
    assert_eq!(p.line, Some(1));
    assert!(
        p.message.contains("`priority` must be an integer"),
        "{}",
        p.message
    );
}

#[test]
fn priority_orders_rules_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let rule = |id: &str, extra: &str| {
        format!(
            "[[rule]]\nid = \"{id}\"\nkind = \"number\"\nlabel = \"l\"\n{extra}\
             pattern = '[0-9]'\nexamples = [\"3\"]\n\n"
        )
    };
    std::fs::write(
        dir.path().join("a.toml"),
        rule("a.one", "") + &rule("a.two", "priority = 90\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        "priority = 50\n\n".to_string() + &rule("b.one", ""),
    )
    .unwrap();
    let set = RuleSet::load(dir.path()).unwrap_or_else(|p| panic!("{p:#?}"));
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a.two", "b.one", "a.one"]);
    let hits = set.hits("3");
    assert_eq!(set.rules[hits[0].rule].id, "a.two");
}
