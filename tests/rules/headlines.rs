//! A headline that joins two statements with `..` (`… مدنية.. ومقتل …`)
//! stays one sentence and one claim, not two; in body text that ends with a
//! full stop, `..` glued to a word still ends a sentence. A segment with no
//! letter (a list number) is never a claim.

use std::path::PathBuf;

use claimdesk::desk::{Article, ArticleMeta};
use claimdesk::extract::extract_article;
use claimdesk::rules::RuleSet;

fn claims(text: &str) -> Vec<String> {
    let rules = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let a = Article {
        path: PathBuf::from("test.txt"),
        text: text.into(),
        body: 0..text.len(),
        meta: ArticleMeta::default(),
    };
    let ex = extract_article(&a, &rules);
    ex.claims
        .iter()
        .map(|c| a.text[c.range.clone()].to_string())
        .collect()
}

#[test]
fn a_headline_joined_by_two_dots_is_one_claim() {
    let text = "سقوط طائرة شحن قرب المطار.. ومقتل طاقمها\n\
                وقال مسؤول إن الطائرة كانت تحمل 12 طنا.\n";
    let got = claims(text);
    assert!(
        got.contains(&"سقوط طائرة شحن قرب المطار.. ومقتل طاقمها".to_string()),
        "{got:#?}"
    );
    assert!(!got.iter().any(|c| c == "ومقتل طاقمها"), "{got:#?}");
}

#[test]
fn a_short_headline_without_two_dots_is_still_a_heading() {
    let got = claims("سقوط طائرة شحن قرب المطار\nوقال مسؤول إن الطائرة كانت تحمل 12 طنا.\n");
    assert!(!got.iter().any(|c| c.starts_with("سقوط")), "{got:#?}");
}

#[test]
fn a_list_number_alone_is_no_claim() {
    // Numbered points: the number is a segment of its own, before the point.
    let text = "وعرض الوزير خطة من نقطتين للموسم الزراعي.\n\n1.\n\nتوزيع 40 طنا من البذور على المزارعين.\n\n2.\n\nحفر 12 بئرا في القرى الشرقية.\n";
    let got = claims(text);
    assert!(
        !got.iter().any(|c| c.trim() == "1." || c.trim() == "2."),
        "{got:#?}"
    );
    assert!(got.iter().any(|c| c.contains("40 طنا")), "{got:#?}");
    assert!(got.iter().any(|c| c.contains("12 بئرا")), "{got:#?}");
}
