//! The real binary opened twice on one desk: the second start comes from the
//! extraction cache (no article read before the first screen, rules loaded on
//! trust), shows what the first showed, and a verdict given then quotes its
//! sentence.

use std::path::{Path, PathBuf};

use crate::support::pty::{LONG, spawn};
use claimdesk::store::{Verdict, VerdictStore};

/// The desk's extraction cache file in `cache` (there is one desk).
fn cache_file(cache: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(cache)
        .expect("the cache folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "bin")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("extract-"))
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

/// Waits (polling, up to [`LONG`]) for the desk's link cache file in `cache`.
fn wait_for_links_file(cache: &Path) {
    let start = std::time::Instant::now();
    let written = || {
        std::fs::read_dir(cache).is_ok_and(|mut entries| {
            entries.any(|e| {
                e.is_ok_and(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.starts_with("links-") && name.ends_with(".bin")
                })
            })
        })
    };
    while !written() {
        assert!(start.elapsed() < LONG, "no link cache written in {cache:?}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_second_start_comes_from_the_cache_and_works_the_same() {
    let desk = crate::support::tui::temp_desk();
    let home = tempfile::tempdir().unwrap();
    // The desk was written just now: trust its files' stamps anyway.
    let env = [("CLAIMDESK_RACY_MARGIN_MS", "0")];

    let mut first = spawn(desk.path(), home.path(), &env);
    // The screen is compared once the claims are linked (in the background;
    // the link cache is written then). The selected claim's only other
    // appearance is the same sentence, listed as such and not as a link.
    first.screen.wait_for("the first review screen", LONG, |s| {
        s.contains("REVIEW") && s.contains("desk 0/") && s.contains("also in 1")
    });
    wait_for_links_file(&home.path().join("cache"));
    let cold = first.screen.text();
    assert!(
        !cold.contains("linked 1"),
        "a copy listed as a link: {cold}"
    );
    first.type_keys("q");
    assert!(first.child.wait_exit(LONG), "the first run failed");
    let cache = cache_file(&home.path().join("cache"));
    let written = std::fs::read(&cache).unwrap();
    // The cache recorded the files' stamps (it holds their paths), so the
    // second start trusts them and reads no article before its first screen
    // (what that start then does is checked in-process by desk_lazy.rs).
    let article = std::fs::canonicalize(desk.path().join("articles/01-port.txt")).unwrap();
    let record = article.to_str().unwrap().as_bytes();
    assert!(
        written.windows(record.len()).any(|w| w == record),
        "no file stamps in the cache"
    );

    let mut second = spawn(desk.path(), home.path(), &env);
    second
        .screen
        .wait_for("the second review screen", LONG, |s| {
            s.contains("REVIEW") && s.contains("desk 0/") && s.contains("also in 1")
        });
    assert_eq!(
        second.screen.text(),
        cold,
        "the second start shows the same"
    );
    // Confirm the selected claim, then open its article.
    second.type_keys("lc");
    second
        .screen
        .wait_for("the verdict", LONG, |s| s.contains("art 1/"));
    second.type_keys("\r");
    second
        .screen
        .wait_for("the article", LONG, |s| s.contains("ARTICLE"));
    second.type_keys("qq");
    assert!(second.child.wait_exit(LONG), "the second run failed");

    // The cache served as it was: nothing was extracted again.
    assert_eq!(std::fs::read(&cache).unwrap(), written);
    // The verdict quotes the claim's sentence, as the article has it.
    let (store, problems) = VerdictStore::open(&desk.path().join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    let records: Vec<_> = store.records().collect();
    assert_eq!(records.len(), 1, "{records:?}");
    let record = records[0];
    assert_eq!(record.verdict, Some(Verdict::Confirmed));
    assert!(!record.claim.trim().is_empty());
    let article = desk.path().join(&record.articles[0]);
    let text = std::fs::read_to_string(&article).unwrap();
    assert!(
        text.contains(&record.claim),
        "{:?} not in {article:?}",
        record.claim
    );
}
