//! Loading a whole desk into an index, with and without the extraction cache.

use crate::support::desk::{copy_dir, fixture};
use claimdesk::desk::Desk;
use claimdesk::index::DeskIndex;

fn summary(index: &DeskIndex) -> Vec<(String, usize, Vec<String>)> {
    index
        .articles
        .iter()
        .map(|a| {
            (
                a.rel.clone(),
                a.extraction.sentences.len(),
                a.extraction
                    .claims
                    .iter()
                    .map(|c| c.id.to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn cached_loads_match_fresh_ones_and_follow_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let desk_dir = tmp.path().join("desk");
    let cache_dir = tmp.path().join("cache");
    copy_dir(&fixture("basic"), &desk_dir);
    let open = || Desk::discover(&desk_dir).unwrap();

    let fresh = DeskIndex::load_with_cache(open(), &|_| {}, None).unwrap();
    let first = DeskIndex::load_with_cache(open(), &|_| {}, Some(&cache_dir)).unwrap();
    assert_eq!(summary(&first), summary(&fresh));
    let files: Vec<_> = std::fs::read_dir(&cache_dir).unwrap().collect();
    assert_eq!(files.len(), 1, "one cache file per desk");
    let second = DeskIndex::load_with_cache(open(), &|_| {}, Some(&cache_dir)).unwrap();
    assert_eq!(summary(&second), summary(&fresh));
    for (a, b) in second.articles.iter().zip(&fresh.articles) {
        assert_eq!(a.extraction, b.extraction, "{}", a.rel);
    }

    // An edited article is extracted again, not served from the cache.
    let path = desk_dir.join("news/deep/inner.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("The mayor said that 40 roads were closed on Monday.\n");
    std::fs::write(&path, text).unwrap();
    let edited_fresh = DeskIndex::load_with_cache(open(), &|_| {}, None).unwrap();
    let edited_cached = DeskIndex::load_with_cache(open(), &|_| {}, Some(&cache_dir)).unwrap();
    assert_eq!(summary(&edited_cached), summary(&edited_fresh));
    assert_ne!(summary(&edited_cached), summary(&fresh));
}

#[test]
fn a_damaged_cache_file_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let cache_dir = tmp.path().join("cache");
    let desk = || Desk::discover(&fixture("basic")).unwrap();
    let fresh = DeskIndex::load_with_cache(desk(), &|_| {}, None).unwrap();
    DeskIndex::load_with_cache(desk(), &|_| {}, Some(&cache_dir)).unwrap();
    for e in std::fs::read_dir(&cache_dir).unwrap() {
        let p = e.unwrap().path();
        let mut bytes = std::fs::read(&p).unwrap();
        let n = bytes.len();
        bytes.truncate(n - 3);
        std::fs::write(&p, bytes).unwrap();
    }
    let again = DeskIndex::load_with_cache(desk(), &|_| {}, Some(&cache_dir)).unwrap();
    assert_eq!(summary(&again), summary(&fresh));
}

#[test]
fn claims_are_indexed_by_id() {
    let index =
        DeskIndex::load_with_cache(Desk::discover(&fixture("basic")).unwrap(), &|_| {}, None)
            .unwrap();
    for (a, art) in index.articles.iter().enumerate() {
        for (c, claim) in art.extraction.claims.iter().enumerate() {
            let at = index.appearances(&claim.id);
            assert!(at.iter().any(|r| r.article == a && r.claim == c));
            for r in at {
                assert_eq!(
                    index.articles[r.article].extraction.claims[r.claim].id,
                    claim.id
                );
            }
            assert!(at.windows(2).all(|w| w[0].article <= w[1].article));
        }
    }
    assert!(
        index
            .appearances(&claimdesk::extract::ClaimId("000000000000".into()))
            .is_empty()
    );
    assert!(
        index
            .appearances(&claimdesk::extract::ClaimId("not hex".into()))
            .is_empty()
    );
    assert_eq!(
        index.claim_count(),
        index
            .articles
            .iter()
            .map(|a| a.extraction.claims.len())
            .sum::<usize>()
    );
}

#[test]
fn a_sentence_repeated_across_articles_is_one_id_with_every_appearance() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("articles")).unwrap();
    std::fs::create_dir_all(tmp.path().join("rules")).unwrap();
    std::fs::copy(
        fixture("basic/rules/en/claims.toml"),
        tmp.path().join("rules/claims.toml"),
    )
    .unwrap();
    let wire = "The agency said that 12 boats were seized near the coast.";
    for (name, extra) in [
        ("a.txt", ""),
        ("b.txt", "Another line here, with no figure at all.\n"),
        ("c.txt", ""),
    ] {
        let text = format!("Headline {name}\n\n{extra}{wire}\n");
        std::fs::write(tmp.path().join("articles").join(name), text).unwrap();
    }
    let index =
        DeskIndex::load_with_cache(Desk::discover(tmp.path()).unwrap(), &|_| {}, None).unwrap();
    let first = &index.articles[0].extraction.claims[0];
    let at = index.appearances(&first.id);
    let arts: Vec<usize> = at.iter().map(|r| r.article).collect();
    assert_eq!(arts, vec![0, 1, 2]);
}
