//! `claimdesk import-reviews` through the binary: JSON-LD (object, array,
//! `@graph`) and JSONL, de-duplication by URL, errors naming file and line,
//! and the matching reviews in `extract --format json`. The reviews are
//! hand-written, in English and Arabic.

use std::path::Path;

use crate::support::export::{run, stderr};
use serde_json::{Value, json};

const BRIDGE: &str = "The city council said the river bridge will open to traffic in 2027.";
const BUDGET: &str = "قال وزير المالية إن عجز الموازنة تراجع إلى 3 بالمئة خلال العام الماضي.";
const WEATHER: &str = "Rain fell for 2 days over the northern valleys.";

fn desk() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::create_dir_all(root.join("rules/en")).unwrap();
    std::fs::create_dir_all(root.join("rules/ar")).unwrap();
    std::fs::write(
        root.join("claimdesk.toml"),
        "articles = [\"articles\"]\nrules = \"rules\"\n\n[publisher]\nname = \"Our Desk\"\nurl = \"https://our.example\"\nreview_url = \"https://our.example/c/{id}\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("rules/en/claims.toml"),
        "[[rule]]\nid = \"t.figure\"\nkind = \"number\"\nlabel = \"a figure\"\n\
         pattern = '''\\b(?P<figure>[0-9]+)\\b'''\nexamples = [\"There were 12 boats.\"]\n",
    )
    .unwrap();
    // Rules apply to the articles of their folder's language.
    std::fs::write(
        root.join("rules/ar/claims.toml"),
        "[[rule]]\nid = \"t.figure-ar\"\nkind = \"number\"\nlabel = \"a figure\"\n\
         pattern = '''\\b(?P<figure>[0-9]+)\\b'''\nexamples = [\"بلغ العدد 12 قاربا.\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("articles/one.md"),
        format!("+++\ntitle = \"One\"\nlang = \"en\"\n+++\n\n{BRIDGE}\n\n{WEATHER}\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("articles/two.md"),
        format!("+++\ntitle = \"اثنان\"\nlang = \"ar\"\n+++\n\n{BUDGET}\n"),
    )
    .unwrap();
    tmp
}

fn review(url: &str, claim: &str, rating: &str, author: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "datePublished": "2026-10-05",
        "reviewRating": {"@type": "Rating", "alternateName": rating, "ratingValue": 1,
                         "bestRating": 5, "worstRating": 1},
        "author": {"@type": "Organization", "name": author, "url": format!("https://{author}.example")},
        "itemReviewed": {"@type": "Claim", "appearance": [{"@type": "CreativeWork", "url": "https://paper.example/x"}]}
    })
}

fn english() -> Value {
    review(
        "https://north.example/r/1",
        "The city council said the river bridge would open to traffic in 2026.",
        "False",
        "north",
    )
}

fn arabic() -> Value {
    review(
        "https://south.example/r/7",
        "وزير المالية قال إن عجز الموازنة تراجع إلى 3 بالمئة خلال العام الماضي",
        "مضلل",
        "south",
    )
}

fn write(root: &Path, name: &str, text: &str) -> String {
    std::fs::write(root.join(name), text).unwrap();
    name.to_string()
}

/// The `reviews` of the claim whose text holds `sentence`, in `extract --format json`.
fn reviews_of(root: &Path, sentence: &str) -> Value {
    let o = run(root, &["extract", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap().clone())
        .find(|c| c["text"].as_str().unwrap().contains(sentence))
        .unwrap_or_else(|| panic!("no claim {sentence:?}"))["reviews"]
        .clone()
}

#[test]
fn jsonld_and_jsonl_are_imported_once_and_match_claims() {
    let d = desk();
    let root = d.path();
    let graph = json!({"@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "x"}, english()]});
    let a = write(root, "north.jsonld", &graph.to_string());
    let b = write(
        root,
        "south.jsonl",
        &format!("{}\n{}\n", arabic(), english()),
    );
    let c = write(root, "one.json", &json!([arabic()]).to_string());
    let o = run(root, &["import-reviews", &a, &b, &c]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("north.jsonld: 1 review(s): 1 new"), "{err}");
    assert!(
        err.contains("south.jsonl: 2 review(s): 1 new, 1 already kept"),
        "{err}"
    );
    assert!(
        err.contains("one.json: 1 review(s): 0 new, 1 already kept"),
        "{err}"
    );
    let kept = std::fs::read_to_string(root.join("reviews/imported.toml")).unwrap();
    assert_eq!(kept.matches("[[review]]").count(), 2, "{kept}");
    // Never mixed with the desk's own verdicts.
    assert!(!root.join("rules/en/claims.verdicts.toml").exists());
    assert!(!root.join("rules/en/claims.verdicts").exists());

    let en = reviews_of(root, "river bridge");
    assert_eq!(en.as_array().map(Vec::len), Some(1), "{en}");
    assert_eq!(en[0]["url"], "https://north.example/r/1");
    assert_eq!(en[0]["rating"], "False");
    assert_eq!(en[0]["author"], "north");
    let ar = reviews_of(root, "عجز الموازنة");
    assert_eq!(ar[0]["rating"], "مضلل", "{ar}");
    assert_eq!(ar[0]["url"], "https://south.example/r/7");
    // A claim no review speaks of has no `reviews` key.
    assert!(reviews_of(root, "northern valleys").is_null());
}

#[test]
fn bad_input_is_named_with_file_and_line_and_nothing_of_it_is_kept() {
    let d = desk();
    let root = d.path();
    let bad = write(
        root,
        "bad.jsonl",
        &format!(
            "{}\n{{\"@type\": \"ClaimReview\", \"claimReviewed\": \"no address \\u001b[31m here\"}}\n{{oops\n",
            english()
        ),
    );
    let good = write(root, "good.json", &arabic().to_string());
    let o = run(root, &["import-reviews", &bad, &good]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.jsonl:2: ClaimReview of"), "{err}");
    assert!(err.contains("has no `url`"), "{err}");
    assert!(err.contains("bad.jsonl:3: not a JSON value"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "escape reached the terminal: {err:?}"
    );
    let kept = std::fs::read_to_string(root.join("reviews/imported.toml")).unwrap();
    assert!(!kept.contains("north.example"), "{kept}");
    assert!(kept.contains("south.example"), "{kept}");

    let o = run(root, &["import-reviews", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.json: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_desks_own_reviews_are_not_imported_as_others() {
    let d = desk();
    let root = d.path();
    let mut own = english();
    own["author"]["url"] = json!("https://our.example/");
    let f = write(root, "own.json", &own.to_string());
    let o = run(root, &["import-reviews", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 by this desk's own publisher left out"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("reviews/imported.toml").exists());
}
