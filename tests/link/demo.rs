//! Linking on the demo desk (examples/articles, written for claimdesk).

use std::path::Path;

use claimdesk::desk::Desk;
use claimdesk::index::DeskIndex;
use claimdesk::link::{Level, link_desk};

#[test]
fn wire_copies_are_the_same_claim_and_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let desk = Desk::open(root).expect("the demo desk opens");
    let index = DeskIndex::load_with_cache(desk, &|_| {}, None).expect("the demo desk loads");
    let links = link_desk(&index);
    let path = |a: usize| index.articles[a].rel.as_str();
    let text = |r: claimdesk::index::ClaimRef| {
        let a = &index.articles[r.article];
        a.text(a.extraction.claims[r.claim].range.clone())
            .expect("every text is read")
            .to_string()
    };
    // The wire story (02) and its copy (03): the scholarship sentence.
    let mut found = false;
    for (i, r) in links.refs.iter().enumerate() {
        if !path(r.article).contains("02-annour") || !text(*r).contains("8,000") {
            continue;
        }
        for rel in links.links.related(i) {
            let other = links.refs[rel.other];
            if path(other.article).contains("03-sada") {
                assert_eq!(rel.level, Level::Same);
                assert!(rel.drift.is_empty(), "{:?}", rel.drift);
                found = true;
            }
        }
    }
    assert!(found, "the copied scholarship sentence is linked");
    // Every link joins two different articles and has its way back.
    for (i, r) in links.refs.iter().enumerate() {
        for rel in links.links.related(i) {
            assert_ne!(r.article, links.refs[rel.other].article);
            assert!(links.links.related(rel.other).iter().any(|b| b.other == i));
        }
    }
}

/// The documented drift of the scholarships (examples/README.md): the
/// agency's 8,000 against the Maghreb daily's 7,500, told in other words,
/// is linked and flagged; the first paper's ٨٬٠٠٠ is linked to the
/// agency's 8,000 and agrees with it.
#[test]
fn scholarship_paraphrases_are_linked_and_the_drift_flagged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let desk = Desk::open(root).expect("the demo desk opens");
    let index = DeskIndex::load_with_cache(desk, &|_| {}, None).expect("the demo desk loads");
    let links = link_desk(&index);
    let find = |file: &str, figure: &str| {
        links
            .refs
            .iter()
            .position(|r| {
                let a = &index.articles[r.article];
                a.rel.as_str().contains(file)
                    && a.text(a.extraction.claims[r.claim].range.clone())
                        .is_some_and(|t| t.contains(figure))
            })
            .unwrap_or_else(|| panic!("a claim of {file} with {figure}"))
    };
    let agency = find("02-annour", "8,000");
    let maghreb = find("05-almassa", "7,500");
    let first = find("01-alwatan", "٨٬٠٠٠");
    let link = |a: usize, b: usize| links.links.related(a).iter().find(|r| r.other == b);
    let drift = link(agency, maghreb).expect("8,000 and 7,500 are linked");
    let shown: Vec<(&str, &str)> = drift
        .drift
        .iter()
        .map(|d| (d.ours.as_str(), d.theirs.as_str()))
        .collect();
    assert_eq!(shown, [("8,000", "7,500")]);
    let back = link(maghreb, agency).expect("and back");
    assert_eq!(back.drift[0].ours, "7,500");
    let agree = link(first, agency).expect("٨٬٠٠٠ and 8,000 are linked");
    assert!(agree.drift.is_empty(), "{:?}", agree.drift);
}
