//! Finding a desk, reading claimdesk.toml, listing article files.

use std::path::{Path, PathBuf};

use claimdesk::desk::{Desk, DeskConfig, DeskError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/desk")
        .join(name)
}

#[test]
fn discover_walks_up_to_the_nearest_config() {
    let root = fixture("basic").canonicalize().unwrap();
    let desk = Desk::discover(&fixture("basic/news/deep")).unwrap();
    assert_eq!(desk.root, root);
    assert_eq!(desk.config.articles, vec!["news", "wire/**/*.md"]);
    assert_eq!(desk.config.analyst.as_deref(), Some("Test Analyst"));
    assert_eq!(desk.rules_dir(), root.join("rules"));
}

#[test]
fn discover_from_a_file_uses_its_folder() {
    let desk = Desk::discover(&fixture("basic/news/ar-1.txt")).unwrap();
    assert_eq!(desk.root, fixture("basic").canonicalize().unwrap());
}

#[test]
fn without_config_the_start_folder_has_defaults() {
    let tmp = tempfile::tempdir().unwrap();
    let inner = tmp.path().join("a/b");
    std::fs::create_dir_all(&inner).unwrap();
    let desk = Desk::discover(&inner).unwrap();
    assert_eq!(desk.root, inner.canonicalize().unwrap());
    assert_eq!(desk.config, DeskConfig::default());
    assert!(desk.config_file().is_none());
    // The default articles folder is missing: a problem, not a failure.
    let (paths, problems) = desk.article_paths();
    assert!(paths.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("not found"), "{}", problems[0]);
}

#[test]
fn missing_start_folder_is_an_io_error() {
    let err = Desk::discover(Path::new("/no/such/claimdesk/folder")).unwrap_err();
    assert!(matches!(err, DeskError::Io { .. }), "{err}");
}

#[test]
fn unknown_key_in_config_names_file_and_line() {
    let err = Desk::discover(&fixture("bad-config")).unwrap_err();
    let DeskError::Config(p) = err else {
        panic!("expected a config error, got {err}")
    };
    assert!(p.path.ends_with("bad-config/claimdesk.toml"), "{p}");
    assert_eq!(p.line, Some(3));
    assert!(p.message.contains("artciles"), "{p}");
}

#[test]
fn bad_value_in_config_names_file_and_line() {
    let err = Desk::discover(&fixture("bad-value")).unwrap_err();
    let DeskError::Config(p) = err else {
        panic!("expected a config error, got {err}")
    };
    assert_eq!(p.line, Some(3));
    assert!(p.message.contains("articles"), "{p}");
    assert!(p.to_string().contains("claimdesk.toml:3:"), "{p}");
}

#[test]
fn article_paths_follow_folders_and_globs() {
    let desk = Desk::discover(&fixture("basic")).unwrap();
    let (paths, problems) = desk.article_paths();
    assert!(problems.is_empty(), "{problems:?}");
    let rel: Vec<String> = paths.iter().map(|p| desk.relative(p)).collect();
    assert_eq!(
        rel,
        vec![
            "news/ar-1.txt",
            "news/deep/inner.txt",
            "news/en-1.md",
            "wire/2024/w-1.md",
        ]
    );
}

#[test]
fn a_missing_articles_folder_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("claimdesk.toml"),
        "articles = [\"here\", \"gone\", \"also-gone/**/*.md\"]\n",
    )
    .unwrap();
    std::fs::create_dir(tmp.path().join("here")).unwrap();
    std::fs::write(tmp.path().join("here/a.txt"), "Title\nBody.\n").unwrap();
    let desk = Desk::discover(tmp.path()).unwrap();
    let (paths, problems) = desk.article_paths();
    assert_eq!(paths.len(), 1);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].message.contains("\"gone\""), "{}", problems[0]);
}
