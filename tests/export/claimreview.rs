//! `claimdesk export --format claimreview` checked against the ClaimReview
//! property rules (Google's required and recommended properties, schema.org
//! types), by a validator that is itself tested on broken documents.

use crate::support::export::*;
use serde_json::{Value, json};

/// Properties a ClaimReview of ours may carry (anything else is a typo).
const REVIEW_KEYS: [&str; 9] = [
    "@type",
    "url",
    "claimReviewed",
    "reviewRating",
    "author",
    "datePublished",
    "inLanguage",
    "itemReviewed",
    "@id",
];

fn is_date(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 10 && claimdesk::text::dates::Date::parse_iso(s).is_some())
}

fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// Every rule a document breaks, in words (empty: valid).
fn validate(doc: &Value) -> Vec<String> {
    let mut e = Vec::new();
    if doc["@context"] != "https://schema.org" {
        e.push("@context is not https://schema.org".to_string());
    }
    let Some(graph) = doc["@graph"].as_array() else {
        e.push("no @graph array".into());
        return e;
    };
    for (i, r) in graph.iter().enumerate() {
        let mut bad = |m: &str| e.push(format!("review {i}: {m}"));
        let Some(obj) = r.as_object() else {
            bad("not an object");
            continue;
        };
        for k in obj.keys() {
            if !REVIEW_KEYS.contains(&k.as_str()) {
                bad(&format!("unknown property {k}"));
            }
        }
        if r["@type"] != "ClaimReview" {
            bad("@type is not ClaimReview");
        }
        // Required: claimReviewed, reviewRating.alternateName, url.
        let claim = r["claimReviewed"].as_str().unwrap_or("");
        if claim.trim().is_empty() || claim.contains('\n') {
            bad("claimReviewed missing, empty or not one line");
        }
        let rating = &r["reviewRating"];
        if rating["@type"] != "Rating" {
            bad("reviewRating is not a Rating");
        }
        let name = rating["alternateName"].as_str().unwrap_or("");
        if name.trim().is_empty() {
            bad("reviewRating.alternateName missing");
        } else if claim.to_lowercase().contains(&name.to_lowercase()) {
            bad("claimReviewed holds the verdict");
        }
        let url = r["url"].as_str().unwrap_or("");
        let Some(review_host) = host(url) else {
            bad("url is not an absolute web address");
            continue;
        };
        // Recommended: author (the publisher), on the review's domain.
        let author = &r["author"];
        if author["@type"] != "Organization" {
            bad("author is not an Organization");
        }
        let has_name = author["name"].as_str().is_some_and(|s| !s.is_empty());
        let author_url = author["url"].as_str();
        if !has_name && author_url.is_none() {
            bad("author has neither name nor url");
        }
        if author_url.is_some_and(|u| host(u) != Some(review_host)) {
            bad("url is not on the publisher's domain");
        }
        if !is_date(&r["datePublished"]) {
            bad("datePublished is not YYYY-MM-DD");
        }
        // ratingValue within [worstRating >= 1, bestRating], all or none.
        let nums: Vec<Option<i64>> = ["ratingValue", "bestRating", "worstRating"]
            .iter()
            .map(|k| rating[k].as_i64())
            .collect();
        let given = ["ratingValue", "bestRating", "worstRating"]
            .iter()
            .filter(|k| !rating[**k].is_null())
            .count();
        match (nums[0], nums[1], nums[2]) {
            (Some(v), Some(best), Some(worst)) => {
                if worst < 1 {
                    bad("worstRating below 1");
                }
                if !(worst <= v && v <= best) {
                    bad("ratingValue outside [worstRating, bestRating]");
                }
            }
            _ if given > 0 => {
                bad("ratingValue, bestRating, worstRating: all whole numbers or none")
            }
            _ => {}
        }
        // itemReviewed: a Claim, with dated appearances that are web pages.
        let item = &r["itemReviewed"];
        if item["@type"] != "Claim" {
            bad("itemReviewed is not a Claim");
        }
        if !item["datePublished"].is_null() && !is_date(&item["datePublished"]) {
            bad("itemReviewed.datePublished is not YYYY-MM-DD");
        }
        if let Some(apps) = item.get("appearance") {
            let Some(apps) = apps.as_array().filter(|a| !a.is_empty()) else {
                bad("appearance is not a non-empty array");
                continue;
            };
            for a in apps {
                if a["@type"] != "CreativeWork" || a["url"].as_str().and_then(host).is_none() {
                    bad("an appearance is not a CreativeWork with a url");
                }
            }
        }
    }
    e
}

fn reviews(root: &std::path::Path) -> (Value, String) {
    let o = run(root, &["export", "--format", "claimreview"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (
        serde_json::from_slice(&o.stdout).expect("JSON-LD"),
        stderr(&o),
    )
}

fn review_of<'a>(doc: &'a Value, sentence: &str) -> &'a Value {
    let url = format!("https://checks.example/claims/{}", id(sentence));
    doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == url.as_str())
        .unwrap_or_else(|| panic!("no review of {sentence}"))
}

#[test]
fn the_export_follows_the_property_rules() {
    let d = tempfile::tempdir().unwrap();
    write_desk(d.path(), PUBLISHER, Some("misleading"));
    let (doc, err) = reviews(d.path());
    assert_eq!(validate(&doc), Vec::<String>::new(), "{doc:#}");
    // Unverified and unsettled claims are not published.
    assert_eq!(doc["@graph"].as_array().unwrap().len(), 3);
    assert!(
        err.contains("3 review(s); left out 2: 1 unverified, 1 conflicting verdicts"),
        "{err}"
    );
    let port = review_of(&doc, PORT);
    assert_eq!(port["claimReviewed"], PORT);
    assert_eq!(
        port["reviewRating"],
        json!({"@type": "Rating", "alternateName": "Misleading", "ratingValue": 2, "bestRating": 5, "worstRating": 1})
    );
    assert_eq!(
        port["author"],
        json!({"@type": "Organization", "name": "Test Checks", "url": "https://checks.example"})
    );
    assert_eq!(port["datePublished"], "2026-11-20");
    assert_eq!(port["inLanguage"], "en");
    // The earliest appearance's date; only appearances with an address.
    assert_eq!(port["itemReviewed"]["datePublished"], "2026-09-30");
    let apps = port["itemReviewed"]["appearance"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["url"], "https://harbour.example/a1");
    assert_eq!(apps[0]["publisher"]["name"], "Harbour Daily");
    // An Arabic claim gets its rating's Arabic name.
    let deficit = review_of(&doc, DEFICIT);
    assert_eq!(deficit["reviewRating"]["alternateName"], "صحيح");
    assert_eq!(deficit["reviewRating"]["ratingValue"], 5);
    assert_eq!(deficit["inLanguage"], "ar");
    // Its label is the scale's default (none was chosen): said on stderr,
    // naming the claim; the port's chosen label is not.
    assert!(err.contains("carry their verdict's default label"), "{err}");
    assert!(err.contains(&format!("{} (true)", id(DEFICIT))), "{err}");
    assert!(!err.contains(&id(PORT)), "{err}");
}

/// A change that breaks one rule in a review.
type Breaks = fn(&mut Value);

#[test]
fn the_validator_catches_each_broken_rule() {
    let d = tempfile::tempdir().unwrap();
    write_desk(d.path(), PUBLISHER, Some("misleading"));
    let (doc, _) = reviews(d.path());
    let breakages: [(&str, Breaks); 12] = [
        ("no claimReviewed", |r| {
            r.as_object_mut().unwrap().remove("claimReviewed");
        }),
        ("no alternateName", |r| {
            r["reviewRating"]
                .as_object_mut()
                .unwrap()
                .remove("alternateName");
        }),
        ("relative url", |r| r["url"] = json!("/claims/x")),
        ("another domain", |r| {
            r["url"] = json!("https://elsewhere.example/x")
        }),
        ("worst 0", |r| r["reviewRating"]["worstRating"] = json!(0)),
        ("value above best", |r| {
            r["reviewRating"]["ratingValue"] = json!(9)
        }),
        ("best missing", |r| {
            r["reviewRating"]
                .as_object_mut()
                .unwrap()
                .remove("bestRating");
        }),
        ("wrong type", |r| r["@type"] = json!("Review")),
        ("bad date", |r| r["datePublished"] = json!("20/11/2026")),
        ("person author", |r| r["author"]["@type"] = json!("Person")),
        ("verdict in claim", |r| {
            r["claimReviewed"] = json!("Misleading: the port handled 40 ships")
        }),
        ("typo", |r| r["claimReviewd"] = json!("x")),
    ];
    for (what, breaks) in breakages {
        let mut broken = doc.clone();
        let idx = doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["claimReviewed"] == PORT)
            .unwrap();
        breaks(&mut broken["@graph"][idx]);
        assert!(!validate(&broken).is_empty(), "not caught: {what}");
    }
    let mut no_appearance_url = doc.clone();
    no_appearance_url["@graph"][0]["itemReviewed"]["appearance"] =
        json!([{"@type": "CreativeWork"}]);
    assert!(!validate(&no_appearance_url).is_empty());
}

#[test]
fn without_a_publisher_it_says_which_keys_to_add_where() {
    let d = tempfile::tempdir().unwrap();
    write_desk(d.path(), "", None);
    let o = run(d.path(), &["export", "--format", "claimreview"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    for needed in [
        "[publisher]",
        "`name`",
        "`url`",
        "`review_url`",
        "{id}",
        "claimdesk.toml",
    ] {
        assert!(err.contains(needed), "{needed} not in: {err}");
    }
    // Only the missing keys are asked for.
    let d = tempfile::tempdir().unwrap();
    write_desk(d.path(), "[publisher]\nname = \"Test Checks\"\n", None);
    let err = stderr(&run(d.path(), &["export", "--format", "claimreview"]));
    assert!(
        err.contains("add `url`, `review_url` under [publisher]"),
        "{err}"
    );
    assert!(!err.contains("name = "), "{err}");
    // Other formats need no publisher.
    assert_eq!(
        run(d.path(), &["export", "--format", "csv"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_desk_scale_gives_the_values_and_names() {
    let d = tempfile::tempdir().unwrap();
    let scale = format!(
        "{PUBLISHER}\n[[rating]]\nlabel = \"wrong\"\nverdict = \"disputed\"\nen = \"Wrong\"\nar = \"خاطئ\"\nvalue = 1\n\n\
         [[rating]]\nlabel = \"misleading\"\nverdict = \"disputed\"\nen = \"Misleading\"\nvalue = 2\n\n\
         [[rating]]\nlabel = \"right\"\nverdict = \"confirmed\"\nen = \"Right\"\nar = \"صائب\"\nvalue = 3\n"
    );
    write_desk(d.path(), &scale, Some("misleading"));
    let (doc, _) = reviews(d.path());
    assert_eq!(validate(&doc), Vec::<String>::new());
    let port = review_of(&doc, PORT);
    assert_eq!(port["reviewRating"]["ratingValue"], 2);
    assert_eq!(port["reviewRating"]["bestRating"], 3);
    assert_eq!(port["reviewRating"]["worstRating"], 1);
    let deficit = review_of(&doc, DEFICIT);
    assert_eq!(deficit["reviewRating"]["alternateName"], "صائب");
    assert_eq!(deficit["reviewRating"]["ratingValue"], 3);
}
