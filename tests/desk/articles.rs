//! Reading articles: front matter, inferred metadata, files that are skipped.

use std::path::{Path, PathBuf};

use claimdesk::desk::{Desk, load_article, load_article_reporting};
use claimdesk::index::{DeskIndex, load_articles};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/desk")
        .join(name)
}

#[test]
fn front_matter_gives_metadata_and_body() {
    let a = load_article(&fixture("basic/news/en-1.md")).unwrap();
    assert_eq!(a.meta.title, "Port reopens after storm");
    assert_eq!(a.meta.source.as_deref(), Some("Harbour Daily"));
    assert_eq!(a.meta.url.as_deref(), Some("https://example.org/port"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-02-11"));
    assert_eq!(a.meta.lang.as_deref(), Some("en"));
    assert!(a.text.starts_with("+++\n"));
    assert!(a.text[a.body.clone()].starts_with("# Port reopens"));
}

#[test]
fn metadata_is_inferred_without_front_matter() {
    let a = load_article(&fixture("basic/news/ar-1.txt")).unwrap();
    assert_eq!(a.meta.title, "وزير المالية يعلن خطة لخفض العجز");
    assert_eq!(a.meta.source.as_deref(), Some("وكالة الأنباء المحلية"));
    assert_eq!(a.meta.lang.as_deref(), Some("ar"));
    // The dateline "القاهرة - الأحد 3 مارس 2024".
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-03"));
    assert_eq!(a.body, 0..a.text.len());
    let b = load_article(&fixture("basic/news/deep/inner.txt")).unwrap();
    assert_eq!(b.meta.source.as_deref(), Some("Field Notes"));
    assert_eq!(b.meta.lang.as_deref(), Some("en"));
}

#[test]
fn unclosed_front_matter_is_skipped_with_line() {
    let p = load_article(&fixture("bad-articles/articles/unclosed.md")).unwrap_err();
    assert_eq!(p.line, Some(1));
    assert!(p.message.contains("+++"), "{p}");
}

#[test]
fn front_matter_toml_error_has_the_file_line() {
    let p = load_article(&fixture("bad-articles/articles/bad-toml.md")).unwrap_err();
    assert!(matches!(p.line, Some(3) | Some(4)), "{p}");
    assert!(p.path.ends_with("bad-toml.md"));
}

#[test]
fn unknown_front_matter_key_is_reported_but_loads() {
    let (a, warnings) =
        load_article_reporting(&fixture("bad-articles/articles/unknown-key.md")).unwrap();
    assert_eq!(a.meta.title, "Has an author");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, Some(3));
    assert!(warnings[0].message.contains("author"));
}

#[test]
fn bad_files_are_problems_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("ok.txt"), "Title\nA sentence.\n").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    std::fs::write(dir.join("binary.md"), b"PK\x03\x04\x00\x00").unwrap();
    std::fs::write(dir.join("empty.txt"), "  \n\n").unwrap();
    let big = vec![b'a'; 5 * 1024 * 1024];
    std::fs::write(dir.join("huge.txt"), big).unwrap();

    let desk = Desk::discover(tmp.path()).unwrap();
    let (paths, problems) = desk.article_paths();
    assert!(problems.is_empty());
    let rules = claimdesk::rules::RuleSet::from_files(&tmp.path().join("rules"), &[]).unwrap();
    let (articles, problems) = load_articles(&desk, &paths, &rules, &|_| {});
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].rel, "articles/ok.txt");
    let mut why: Vec<(String, String)> = problems
        .iter()
        .map(|p| (desk.relative(&p.path), p.message.clone()))
        .collect();
    why.sort();
    assert_eq!(why.len(), 4, "{why:?}");
    assert!(why[0].0.ends_with("binary.md") && why[0].1.contains("binary"));
    assert!(why[1].0.ends_with("empty.txt") && why[1].1.contains("empty"));
    assert!(why[2].0.ends_with("huge.txt") && why[2].1.contains("limit"));
    assert!(why[3].0.ends_with("latin1.txt") && why[3].1.contains("UTF-8"));
}

#[test]
fn index_keeps_path_order_and_reports_progress() {
    let desk = Desk::discover(&fixture("basic")).unwrap();
    let calls = std::sync::Mutex::new(Vec::new());
    let rules = claimdesk::rules::RuleSet::from_files(&desk.rules_dir(), &[]).unwrap();
    let (paths, _) = desk.article_paths();
    let (articles, problems) = load_articles(&desk, &paths, &rules, &|p| {
        calls.lock().unwrap().push((p.done, p.total))
    });
    assert!(problems.is_empty(), "{problems:?}");
    let rel: Vec<&str> = articles.iter().map(|a| a.rel.as_str()).collect();
    assert_eq!(
        rel,
        [
            "news/ar-1.txt",
            "news/deep/inner.txt",
            "news/en-1.md",
            "wire/2024/w-1.md"
        ]
    );
    let mut calls = calls.into_inner().unwrap();
    calls.sort();
    assert_eq!(calls, vec![(1, 4), (2, 4), (3, 4), (4, 4)]);
    let index = DeskIndex::from_parts(desk, rules, articles, problems);
    assert_eq!(index.articles.len(), 4);
}

#[test]
fn only_the_top_lines_give_the_date() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("a.txt");
    let late =
        "Title\nFirst line.\nSecond line.\nThird line.\nFourth line.\nOn 5 May 2021 it rained.\n";
    std::fs::write(&path, late).unwrap();
    assert_eq!(load_article(&path).unwrap().meta.date, None);
    let early = "Title\nLONDON, 5 May 2021 - A line.\n";
    std::fs::write(&path, early).unwrap();
    assert_eq!(
        load_article(&path).unwrap().meta.date.as_deref(),
        Some("2021-05-05")
    );
    let arabic_digits = "عنوان\nالرباط في ٥ جوان ٢٠٢٢\nنص.\n";
    std::fs::write(&path, arabic_digits).unwrap();
    assert_eq!(
        load_article(&path).unwrap().meta.date.as_deref(),
        Some("2022-06-05")
    );
}
