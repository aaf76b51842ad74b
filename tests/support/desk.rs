//! Shared helpers for the desk tests: the fixture desks and copies of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A fixture desk in tests/fixtures/desk.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/desk")
        .join(name)
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// An article of a test desk: file, source, date, title, body.
pub type TestArticle<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// A desk of `articles` under `root/articles`, with the repository's rules.
pub fn write_desk_with(root: &Path, articles: &[TestArticle]) {
    std::fs::create_dir_all(root.join("articles")).unwrap();
    for (file, source, date, title, body) in articles {
        let lang = if body.is_ascii() { "en" } else { "ar" };
        let text = format!(
            "+++\ntitle = \"{title}\"\nsource = \"{source}\"\ndate = \"{date}\"\nlang = \"{lang}\"\n+++\n{title}\n\n{body}\n"
        );
        std::fs::write(root.join("articles").join(file), text).unwrap();
    }
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &root.join("rules"),
    );
    std::fs::write(
        root.join("claimdesk.toml"),
        "articles = [\"articles\"]\nrules = \"rules\"\n",
    )
    .unwrap();
}
