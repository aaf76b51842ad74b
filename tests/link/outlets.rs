//! The outlet in the linker: one outlet's changed figure is its own update.

use std::path::Path;

use claimdesk::desk::Desk;
use claimdesk::index::DeskIndex;
use claimdesk::link::{Level, Reuse, cached_desk_links, link_desk, link_desk_cached, outlet_ids};

use crate::support::desk::{TestArticle, write_desk_with};

/// The desk of `articles`, loaded.
fn desk_of(root: &Path, articles: &[TestArticle]) -> DeskIndex {
    write_desk_with(root, articles);
    let desk = Desk::open(root).expect("the desk opens");
    DeskIndex::load_with_cache(desk, &|_| {}, None).expect("the desk loads")
}

/// One sentence with the toll `n`.
fn toll(n: &str) -> String {
    format!(
        "Rescuers said {n} people were killed when the old bridge collapsed onto the motorway during the storm on Tuesday."
    )
}

#[test]
fn one_outlets_later_toll_is_suggested_and_another_outlets_is_drift() {
    let dir = tempfile::tempdir().unwrap();
    let index = desk_of(
        dir.path(),
        &[
            ("a.md", "Harbour Times", "2024-05-07", "Bridge", &toll("22")),
            (
                "b.md",
                " harbour times",
                "2024-05-07",
                "Bridge",
                &toll("30"),
            ),
            ("c.md", "Valley Post", "2024-05-07", "Bridge", &toll("26")),
        ],
    );
    let ids = outlet_ids(&index);
    let by_file = |f: &str| {
        index
            .articles
            .iter()
            .position(|a| a.rel.ends_with(f))
            .unwrap()
    };
    let (a, b, c) = (by_file("a.md"), by_file("b.md"), by_file("c.md"));
    // Spaces and case aside, one name is one outlet.
    assert_eq!(ids[a], ids[b]);
    assert_ne!(ids[a], ids[c]);
    let links = link_desk(&index);
    // The toll sentence of article x, linked to article y's.
    let level = |x: usize, y: usize| {
        let text = |r: claimdesk::index::ClaimRef| {
            let art = &index.articles[r.article];
            art.text(art.extraction.claims[r.claim].range.clone())
                .unwrap_or_default()
        };
        let (i, _) = (links.refs.iter().enumerate())
            .find(|(_, r)| r.article == x && text(**r).contains("bridge"))
            .expect("the toll is a claim");
        let rel = links
            .links
            .related(i)
            .iter()
            .find(|rel| links.refs[rel.other].article == y)
            .unwrap_or_else(|| panic!("{x} and {y} are linked"));
        assert!(!rel.drift.is_empty(), "the figures differ: {rel:?}");
        rel.level
    };
    assert_eq!(level(a, b), Level::Similar, "one outlet's update");
    assert_eq!(level(b, a), Level::Similar);
    assert_eq!(level(a, c), Level::Same, "two outlets: drift");
    assert_eq!(level(c, b), Level::Same);
}

#[test]
fn a_desk_that_did_not_change_reads_its_links_back_from_its_own_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    std::fs::create_dir_all(&root).unwrap();
    let articles: [TestArticle; 3] = [
        ("a.md", "Harbour Times", "2024-05-07", "Bridge", &toll("22")),
        ("b.md", "Valley Post", "2024-05-07", "Bridge", &toll("26")),
        ("c.md", "Valley Post", "2024-05-08", "Bridge", &toll("26")),
    ];
    let index = desk_of(&root, &articles);
    let file = dir.path().join("links.bin");
    assert!(cached_desk_links(&index, &file).is_none(), "no file yet");
    let (made, reuse) = link_desk_cached(&index, Some(&file));
    assert!(matches!(reuse, Reuse::Signatures { .. }), "{reuse:?}");
    assert!(made.links.pair_counts().0 > 0, "the tolls are linked");
    // The file written by the linker's own fingerprint is found by the
    // desk's, claim by claim: the same claims, the same links.
    let read = cached_desk_links(&index, &file).expect("the links read back");
    assert_eq!(read.refs, made.refs);
    let all = |l: &claimdesk::link::DeskLinks| -> Vec<_> {
        l.refs
            .iter()
            .map(|&r| {
                l.related(r)
                    .map(|(o, rel)| (o, rel.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(all(&read), all(&made));
    // Another day for one article: other claims, no links read back.
    let mut changed = articles;
    changed[2].2 = "2024-05-09";
    let index = desk_of(&root, &changed);
    assert!(cached_desk_links(&index, &file).is_none());
}
