//! Rules loaded on trust (a second start's cache vouches for them) compile
//! on first use and match exactly like rules compiled at load.

use std::path::Path;

use claimdesk::rules::{RuleSet, default_pack};
use claimdesk::text::normalize::normalize_str;

/// The default pack written to a folder.
fn pack_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, text) in default_pack() {
        let path = tmp.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

/// Sentences to match: every example and counter-example of the pack, and
/// every paragraph of the demo articles.
fn sentences(set: &RuleSet) -> Vec<String> {
    let mut out: Vec<String> = set
        .rules
        .iter()
        .flat_map(|r| r.examples.iter().chain(&r.counter_examples))
        .cloned()
        .collect();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    for entry in std::fs::read_dir(articles).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        out.extend(text.lines().map(str::to_string));
    }
    out.into_iter()
        .map(|s| normalize_str(&s).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn trusted_rules_compile_on_first_use_and_match_the_same() {
    let dir = pack_dir();
    let compiled = RuleSet::load(dir.path()).unwrap_or_else(|p| panic!("{p:#?}"));
    let asked = std::cell::Cell::new(None);
    let trusted = RuleSet::load_trusting(dir.path(), &|fingerprint| {
        asked.set(Some(fingerprint.to_string()));
        true
    })
    .unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(asked.take().as_deref(), Some(compiled.fingerprint.as_str()));
    assert_eq!(trusted.fingerprint, compiled.fingerprint);
    assert!(compiled.rules.iter().all(|r| r.regex.is_compiled()));
    assert!(trusted.rules.iter().all(|r| !r.regex.is_compiled()));
    assert_eq!(
        trusted.normalized_patterns(),
        compiled.normalized_patterns()
    );

    let ids = |set: &RuleSet| set.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&trusted), ids(&compiled));
    let all = sentences(&compiled);
    assert!(all.len() > 200, "{} sentences", all.len());
    for s in &all {
        assert_eq!(trusted.claim_rules(s), compiled.claim_rules(s), "{s}");
        assert_eq!(trusted.hits(s), compiled.hits(s), "{s}");
        assert_eq!(
            trusted.veto(s).map(|v| &v.id),
            compiled.veto(s).map(|v| &v.id),
            "{s}"
        );
        assert_eq!(
            trusted.boilerplate_start(s).map(|b| &b.id),
            compiled.boilerplate_start(s).map(|b| &b.id),
            "{s}"
        );
    }
}

#[test]
fn untrusted_rules_are_compiled_and_checked_at_load() {
    let dir = pack_dir();
    let set = RuleSet::load_trusting(dir.path(), &|_| false).unwrap_or_else(|p| panic!("{p:#?}"));
    assert!(set.rules.iter().all(|r| r.regex.is_compiled()));

    // A broken pattern is reported when the rules are not trusted.
    let file = dir.path().join("ar/figures.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("pattern = '''", "pattern = '''(unclosed", 1);
    assert_ne!(broken, text, "the fixture has a ''' pattern");
    std::fs::write(&file, broken).unwrap();
    let problems = RuleSet::load_trusting(dir.path(), &|_| false).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("not a valid regex")),
        "{problems:#?}"
    );
}

#[test]
fn trusted_rules_compile_in_the_background_when_asked() {
    let dir = pack_dir();
    let set = RuleSet::load_trusting(dir.path(), &|_| true).unwrap_or_else(|p| panic!("{p:#?}"));
    assert!(!set.is_compiled());
    set.compile_in_background();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !set.is_compiled() {
        assert!(
            std::time::Instant::now() < deadline,
            "not compiled within 60 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(set.rules.iter().all(|r| r.regex.is_compiled()));
}
