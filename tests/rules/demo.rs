//! Extraction on the demo desk (examples/articles) against a list written by
//! hand: tests/fixtures/rules/demo_expected.toml.

use std::path::{Path, PathBuf};

use claimdesk::desk::{Article, ArticleMeta};
use claimdesk::extract::{Extraction, SentenceRole, extract_article};
use claimdesk::rules::RuleSet;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    article: Vec<ArticleExpected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleExpected {
    file: String,
    #[serde(default)]
    claims: Vec<String>,
    #[serde(default)]
    not_claims: Vec<String>,
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    boilerplate: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Loads an article, skipping `+++` TOML front matter.
fn load(path: &Path) -> Article {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.find("\n+++\n").map(|i| 4 + i + 5))
        .unwrap_or(0);
    Article {
        path: path.to_path_buf(),
        body: start..text.len(),
        meta: ArticleMeta::default(),
        text: text.into(),
    }
}

/// Index of the first sentence containing `needle`.
fn find(a: &Article, ex: &Extraction, needle: &str) -> Option<usize> {
    ex.sentences
        .iter()
        .position(|s| a.text[s.range.clone()].contains(needle))
}

#[test]
fn demo_desk_matches_the_hand_written_list() {
    let expected: Expected = toml::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/rules/demo_expected.toml")).unwrap(),
    )
    .unwrap();
    let rules = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let mut failures = Vec::new();
    let (mut found, mut wanted) = (0, 0);
    for exp in &expected.article {
        let a = load(&root().join("examples/articles").join(&exp.file));
        let ex = extract_article(&a, &rules);
        let mut check =
            |needle: &str, what: &str, ok: &dyn Fn(usize) -> bool| match find(&a, &ex, needle) {
                None => failures.push(format!("{}: no sentence contains «{needle}»", exp.file)),
                Some(i) if !ok(i) => failures.push(format!(
                    "{}: «{}» should be {what} (role {:?}, claim {})",
                    exp.file,
                    &a.text[ex.sentences[i].range.clone()],
                    ex.sentences[i].role,
                    ex.claim_of(i).is_some()
                )),
                Some(_) => {}
            };
        for n in &exp.claims {
            wanted += 1;
            if find(&a, &ex, n).is_some_and(|i| ex.claim_of(i).is_some()) {
                found += 1;
            }
            check(n, "a claim", &|i| ex.claim_of(i).is_some());
        }
        for n in &exp.not_claims {
            check(n, "no claim", &|i| ex.claim_of(i).is_none());
        }
        for n in &exp.headings {
            check(n, "a heading", &|i| {
                ex.sentences[i].role == SentenceRole::Heading
            });
        }
        for n in &exp.boilerplate {
            check(n, "boilerplate", &|i| {
                ex.sentences[i].role == SentenceRole::Boilerplate
            });
        }
        // Boilerplate is never a claim.
        for c in &ex.claims {
            if ex.sentences[c.sentence].role != SentenceRole::Body {
                failures.push(format!("{}: claim outside the body", exp.file));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{found}/{wanted} expected claims found; {} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
