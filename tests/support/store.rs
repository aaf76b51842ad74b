//! Shared helpers of the store's integration tests: a small desk of our own
//! made in a temporary folder, real git, and the claimdesk binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use claimdesk::desk::Desk;
use claimdesk::extract::{ClaimId, SentenceRole};
use claimdesk::index::DeskIndex;
use claimdesk::store::{Owner, VerdictChange, VerdictStore};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

/// Writes a desk with `n` short sentences (one per line, in a few articles)
/// under `root`: `claimdesk.toml`, `articles/`, an empty `rules/`.
pub fn write_desk(root: &Path, n: usize) {
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::create_dir_all(root.join("rules")).unwrap();
    std::fs::write(
        root.join("claimdesk.toml"),
        "articles = [\"articles\"]\nrules = \"rules\"\n",
    )
    .unwrap();
    let per_article = 20;
    for a in 0..n.div_ceil(per_article) {
        let mut text = String::new();
        for i in a * per_article..((a + 1) * per_article).min(n) {
            if i % 2 == 0 {
                text.push_str(&format!(
                    "قال المتحدث باسم الوزارة إن عدد المدارس الجديدة في المنطقة {i} بلغ {} مدرسة.\n\n",
                    i * 3 + 7
                ));
            } else {
                text.push_str(&format!(
                    "The district {i} council said it had opened {} new clinics this year.\n\n",
                    i * 2 + 5
                ));
            }
        }
        std::fs::write(root.join(format!("articles/a{a:02}.txt")), text).unwrap();
    }
}

/// Every body sentence of the desk: (id, text, article path).
pub fn sentences(root: &Path) -> Vec<(ClaimId, String, String)> {
    let index = load_index(root);
    let mut out = Vec::new();
    for art in &index.articles {
        for s in &art.extraction.sentences {
            if s.role == SentenceRole::Boilerplate {
                continue;
            }
            let text = art.article.text[s.range.clone()].to_string();
            out.push((ClaimId::of_sentence(&text), text, art.rel.clone()));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

pub fn load_index(root: &Path) -> DeskIndex {
    let desk = Desk::discover(root).unwrap();
    // No extraction cache: tests leave the user's cache folder alone.
    DeskIndex::load_with_cache(desk, &|_| {}, None).expect("fixture desk loads")
}

/// Records every sentence of the desk as a manual claim without a verdict,
/// so `mark` finds claims whatever the rules are. Returns the ids.
pub fn seed_manual_claims(root: &Path) -> Vec<ClaimId> {
    let (mut store, problems) = VerdictStore::open(&root.join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    let mut ids = Vec::new();
    for (id, text, article) in sentences(root) {
        store
            .apply(VerdictChange {
                id: id.clone(),
                verdict: None,
                note: None,
                evidence: None,
                claim: text,
                owner: Owner::Manual,
                articles: vec![article],
                analyst: "seed".into(),
            })
            .unwrap();
        ids.push(id);
    }
    ids
}

/// Runs git in `dir` with a fixed identity and no user or system config.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    git_cmd(dir).args(args).output().expect("git runs")
}

/// Runs git and asserts success.
pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn git_cmd(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_MERGE_AUTOEDIT", "no");
    c
}

/// The claimdesk binary run in `dir`, with analyst `analyst`.
pub fn claimdesk(dir: &Path, analyst: &str) -> Command {
    let mut c = Command::new(BIN);
    // One config file per analyst beside the desk (written once, read by many).
    let cfg = dir
        .parent()
        .unwrap_or(dir)
        .join(format!("user-{analyst}.toml"));
    if !cfg.exists() {
        let tmp = cfg.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, format!("analyst = \"{analyst}\"\n")).unwrap();
        std::fs::rename(&tmp, &cfg).unwrap();
    }
    c.current_dir(dir)
        .env("CLAIMDESK_CONFIG", cfg)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    c
}

/// `claimdesk mark ID VERDICT [extra…]` in `dir`; returns the output.
pub fn mark(dir: &Path, analyst: &str, id: &ClaimId, verdict: &str, extra: &[&str]) -> Output {
    claimdesk(dir, analyst)
        .arg("mark")
        .arg(id.as_str())
        .arg(verdict)
        .args(extra)
        .output()
        .expect("claimdesk runs")
}

/// A git repository holding a seeded desk, committed, with the merge driver
/// registered when `driver` is true. Returns (temp dir, repo path, ids).
pub fn origin_repo(n: usize, driver: bool) -> (tempfile::TempDir, PathBuf, Vec<ClaimId>) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("origin");
    std::fs::create_dir_all(&repo).unwrap();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    write_desk(&repo, n);
    let ids = seed_manual_claims(&repo);
    if driver {
        init_driver(&repo);
    }
    git_ok(&repo, &["add", "-A"]);
    git_ok(&repo, &["commit", "-qm", "desk"]);
    (tmp, repo, ids)
}

/// `claimdesk init --driver BIN` in a clone.
pub fn init_driver(dir: &Path) {
    let out = claimdesk(dir, "init")
        .args(["init", "--driver", BIN])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Clones `origin` into `tmp/name`.
pub fn clone(origin: &Path, name: &str, driver: bool) -> PathBuf {
    let dest = origin.parent().unwrap().join(name);
    git_ok(
        origin.parent().unwrap(),
        &[
            "clone",
            "-q",
            origin.to_str().unwrap(),
            dest.to_str().unwrap(),
        ],
    );
    if driver {
        init_driver(&dest);
    }
    dest
}

/// Opens the desk's store and asserts it has no problems.
pub fn open_store(root: &Path) -> VerdictStore {
    let (store, problems) = VerdictStore::open(&root.join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    store
}

/// `git add -A && git commit` (verdicts may land in new files).
pub fn commit_all(dir: &Path, message: &str) {
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["commit", "-qm", message]);
}

/// A claim's sentence, owner and articles as the index has them (as the TUI
/// and `mark` build a change), manual claims included.
pub fn describe(index: &DeskIndex, id: &ClaimId) -> (String, Owner, Vec<String>) {
    let refs = index.appearances(id);
    if let Some(first) = refs.first() {
        let art = &index.articles[first.article];
        let claim = &art.extraction.claims[first.claim];
        let owner = claimdesk::session::owner_of(index, claim);
        let text = art.article.text[claim.range.clone()].to_string();
        return (text, owner, vec![art.rel.clone()]);
    }
    let (_, text, article) = sentences_of(index)
        .into_iter()
        .find(|(i, _, _)| i == id)
        .expect("a sentence of the desk");
    (text, Owner::Manual, vec![article])
}

fn sentences_of(index: &DeskIndex) -> Vec<(ClaimId, String, String)> {
    let mut out = Vec::new();
    for art in &index.articles {
        for s in &art.extraction.sentences {
            let text = art.article.text[s.range.clone()].to_string();
            out.push((ClaimId::of_sentence(&text), text, art.rel.clone()));
        }
    }
    out
}

/// The desk-relative path of claim `id`'s verdict file in verdict folder
/// `folder` (`en/said.verdicts`, `manual.verdicts`): `rules/FOLDER/SH/ID.toml`.
pub fn claim_rel(folder: &str, id: &ClaimId) -> String {
    format!("rules/{}", claimdesk::store::layout::claim_file(folder, id))
}

/// Every record in the claim files under `dir` (a verdict folder), as on disk.
pub fn records_under(dir: &Path) -> claimdesk::store::format::Records {
    let mut out = claimdesk::store::format::Records::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            out.extend(records_under(&p));
        } else if !e.file_name().to_string_lossy().starts_with('.') {
            let text = std::fs::read_to_string(&p).unwrap();
            out.extend(claimdesk::store::format::parse(&p, &text).unwrap());
        }
    }
    out
}

/// A clone's own git identity (the tests run with no user config).
pub fn identity(dir: &Path, name: &str) {
    git_ok(dir, &["config", "user.name", name]);
    git_ok(
        dir,
        &["config", "user.email", &format!("{name}@example.org")],
    );
}

/// A bare clone of `origin` in `dir/remote.git`; its `file://` URL.
pub fn bare_remote(dir: &Path, origin: &Path) -> String {
    let bare = dir.join("remote.git");
    git_ok(
        dir,
        &[
            "clone",
            "-q",
            "--bare",
            origin.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
    );
    format!("file://{}", bare.display())
}

/// A clone of `url` in `dir/name`, with its own identity `name`.
pub fn clone_as(dir: &Path, url: &str, name: &str) -> PathBuf {
    let dest = dir.join(name);
    git_ok(dir, &["clone", "-q", url, dest.to_str().unwrap()]);
    identity(&dest, name);
    dest
}

/// Asserts a command succeeded, showing its stderr otherwise.
pub fn ok(out: Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
