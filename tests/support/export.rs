//! Shared helpers of the export tests: a small desk of our own in a
//! temporary folder (articles with front matter, verdicts written as a
//! desk's verdict file would hold them), and the claimdesk binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use claimdesk::extract::ClaimId;

/// The publisher block of the test desk.
pub const PUBLISHER: &str = "[publisher]\nname = \"Test Checks\"\nurl = \"https://checks.example\"\nreview_url = \"https://checks.example/claims/{id}\"\n";

/// Sentences of the test desk, each a claim judged below.
pub const PORT: &str = "The port handled 40 ships last week.";
pub const DEFICIT: &str = "قال الوزير إن العجز تراجع إلى ثلاثة بالمئة هذا العام.";
pub const BRIDGE: &str = "The mayor said the new bridge opens in May.";
pub const RENTS: &str = "The council said rents rose by 8 percent.";
pub const GONE: &str = "An old sentence nobody prints any more, about tides and lighthouses.";

/// The note of the disputed port claim: Arabic, a comma, quotes, newlines.
pub const PORT_NOTE: &str =
    "الرقم الرسمي 35، وليس 40\n\"see\" the ministry's table, row 2\nlast line";

/// The id of a sentence.
pub fn id(sentence: &str) -> String {
    ClaimId::of_sentence(sentence).to_string()
}

/// A TOML basic string.
fn q(s: &str) -> String {
    format!("{:?}", s)
}

/// Writes the test desk under `root`: `config_extra` is appended to
/// claimdesk.toml (a `[publisher]`, `[[rating]]`s); `port_rating` is the
/// port claim's `rating` line value, if any.
pub fn write_desk(root: &Path, config_extra: &str, port_rating: Option<&str>) {
    std::fs::create_dir_all(root.join("articles/news")).unwrap();
    std::fs::create_dir_all(root.join("articles/wire")).unwrap();
    std::fs::create_dir_all(root.join("rules")).unwrap();
    std::fs::write(
        root.join("claimdesk.toml"),
        format!("articles = [\"articles\"]\nrules = \"rules\"\n\n{config_extra}"),
    )
    .unwrap();
    std::fs::write(
        root.join("articles/news/harbour.md"),
        format!(
            "+++\ntitle = \"Harbour | traffic *up*\"\nsource = \"Harbour Daily\"\nurl = \"https://harbour.example/a1\"\ndate = \"2026-10-01\"\nlang = \"en\"\n+++\n\n{PORT}\n\n{BRIDGE}\n\n{RENTS}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("articles/news/nile.md"),
        format!(
            "+++\ntitle = \"الميزانية الجديدة\"\nsource = \"وكالة النيل\"\nurl = \"https://nile.example/b2\"\ndate = \"2026-10-02\"\nlang = \"ar\"\n+++\n\n{DEFICIT}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("articles/wire/copy.md"),
        format!(
            "+++\ntitle = \"Wire copy\"\nsource = \"Wire Service\"\ndate = \"2026-09-30\"\nlang = \"en\"\n+++\n\n{PORT}\n"
        ),
    )
    .unwrap();
    let record = |sentence: &str, fields: &str, articles: &str| {
        format!(
            "[{}]\n{fields}claim = {}\nrule = \"manual\"\narticles = [{articles}]\n",
            id(sentence),
            q(sentence)
        )
    };
    let rating = port_rating.map_or(String::new(), |r| format!("rating = {}\n", q(r)));
    let mut records = vec![
        (
            id(PORT),
            format!(
                "{}note = {}\nevidence = [\"https://ministry.example/ships.pdf\", \"https://archive.example/x?a=1,2\"]\nanalyst = \"Lina\"\nupdated = \"2026-11-20T10:00:00Z\"\n",
                record(
                    PORT,
                    &format!("verdict = \"disputed\"\n{rating}"),
                    "\"articles/news/harbour.md\", \"articles/wire/copy.md\""
                ),
                q(PORT_NOTE)
            ),
        ),
        (
            id(DEFICIT),
            format!(
                "{}note = \"\"\nevidence = []\nanalyst = \"Omar\"\nupdated = \"2026-11-21T09:00:00Z\"\n",
                record(
                    DEFICIT,
                    "verdict = \"confirmed\"\n",
                    "\"articles/news/nile.md\""
                )
            ),
        ),
        (
            id(BRIDGE),
            format!(
                "{}note = \"=1+1 no date announced yet\"\nevidence = []\nanalyst = \"Lina\"\nupdated = \"2026-11-22T08:00:00Z\"\n",
                record(
                    BRIDGE,
                    "verdict = \"unverified\"\n",
                    "\"articles/news/harbour.md\""
                )
            ),
        ),
        (
            id(RENTS),
            format!(
                "{}note = \"index says 6%\"\nevidence = []\nanalyst = \"Omar\"\nupdated = \"2026-11-22T09:00:00Z\"\nconflicts = [{{ verdict = \"confirmed\", note = \"\", evidence = [], analyst = \"Lina\", updated = \"2026-11-22T08:30:00Z\" }}]\n",
                record(
                    RENTS,
                    "verdict = \"disputed\"\n",
                    "\"articles/news/harbour.md\""
                )
            ),
        ),
        (
            id(GONE),
            format!(
                "{}note = \"\"\nevidence = []\nanalyst = \"Lina\"\nupdated = \"2026-11-19T07:00:00Z\"\n",
                record(
                    GONE,
                    "verdict = \"confirmed\"\n",
                    "\"articles/news/harbour.md\""
                )
            ),
        ),
    ];
    records.sort();
    let mut text = "schema = 1\n".to_string();
    for (_, r) in records {
        text.push('\n');
        text.push_str(&r);
    }
    std::fs::write(root.join("rules/manual.verdicts.toml"), text).unwrap();
}

/// `claimdesk -C DIR ARGS…`, waited for, with the tests' own cache folder.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env(
            "CLAIMDESK_CACHE",
            std::env::temp_dir().join("claimdesk-test-cache"),
        )
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("run claimdesk")
}

/// The process's stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The ids in a JSON export, in order.
pub fn json_ids(o: &Output) -> Vec<String> {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    v["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}
