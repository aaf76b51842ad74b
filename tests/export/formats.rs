//! `claimdesk export` run as a real process on a desk of our own: the JSON,
//! CSV and Markdown formats, `-o`, and every filter.

use crate::support::export::*;
use serde_json::Value;

fn desk() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_desk(tmp.path(), PUBLISHER, Some("misleading"));
    tmp
}

#[test]
fn json_has_every_field_of_a_record() {
    let d = desk();
    let o = run(d.path(), &["export", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    let records = v["records"].as_array().unwrap();
    // Every judged record, by verdict time.
    assert_eq!(
        json_ids(&o),
        [id(GONE), id(PORT), id(DEFICIT), id(BRIDGE), id(RENTS)]
    );
    let port = &records[1];
    assert_eq!(port["verdict"], "disputed");
    assert_eq!(port["rating"]["label"], "misleading");
    assert_eq!(port["rating"]["ar"], "مضلل");
    assert_eq!(port["rating"]["value"], 2);
    assert_eq!(port["rating"]["chosen"], true);
    assert_eq!(port["claim"], PORT);
    assert_eq!(port["note"], PORT_NOTE);
    assert_eq!(port["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(port["analyst"], "Lina");
    assert_eq!(port["updated"], "2026-11-20T10:00:00Z");
    assert_eq!(
        port["flags"],
        serde_json::json!({"conflict": false, "recheck": false, "stale": false})
    );
    let apps = port["appearances"].as_array().unwrap();
    let paths: Vec<&str> = apps.iter().map(|a| a["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["articles/news/harbour.md", "articles/wire/copy.md"]);
    assert_eq!(apps[0]["source"], "Harbour Daily");
    assert_eq!(apps[0]["url"], "https://harbour.example/a1");
    assert_eq!(apps[0]["date"], "2026-10-01");
    assert_eq!(apps[1]["url"], Value::Null);
    // The default scale's default label for a record without one.
    assert_eq!(records[2]["rating"]["label"], "true");
    assert_eq!(records[2]["rating"]["chosen"], false);
    // Flags.
    assert_eq!(records[4]["flags"]["conflict"], true);
    assert_eq!(records[4]["conflicts"][0]["analyst"], "Lina");
    assert_eq!(records[0]["flags"]["stale"], true);
    assert_eq!(
        records[0]["appearances"][0]["title"],
        "Harbour | traffic *up*"
    );
}

#[test]
fn csv_parses_back_with_arabic_commas_quotes_and_newlines() {
    let d = desk();
    let o = run(d.path(), &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.starts_with("\u{feff}".as_bytes()), "no BOM");
    let mut reader = csv::Reader::from_reader(&o.stdout[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, claimdesk::export::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 5);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let port = rows.iter().find(|r| r[col("id")] == id(PORT)).unwrap();
    assert_eq!(&port[col("note")], PORT_NOTE);
    assert_eq!(&port[col("claim")], PORT);
    assert_eq!(&port[col("rating")], "misleading");
    assert_eq!(&port[col("rating_ar")], "مضلل");
    assert_eq!(&port[col("rating_value")], "2");
    assert_eq!(
        &port[col("evidence")],
        "https://ministry.example/ships.pdf\nhttps://archive.example/x?a=1,2"
    );
    assert_eq!(
        &port[col("articles")],
        "articles/news/harbour.md\narticles/wire/copy.md"
    );
    assert_eq!(&port[col("outlets")], "Harbour Daily\nWire Service");
    assert_eq!(&port[col("urls")], "https://harbour.example/a1\n");
    let deficit = rows.iter().find(|r| r[col("id")] == id(DEFICIT)).unwrap();
    assert_eq!(&deficit[col("claim")], DEFICIT);
    assert_eq!(&deficit[col("outlets")], "وكالة النيل");
    // A note a spreadsheet would run as a formula is defused.
    let bridge = rows.iter().find(|r| r[col("id")] == id(BRIDGE)).unwrap();
    assert_eq!(&bridge[col("note")], "'=1+1 no date announced yet");
    let rents = rows.iter().find(|r| r[col("id")] == id(RENTS)).unwrap();
    assert_eq!(&rents[col("conflict")], "true");
}

#[test]
fn markdown_totals_then_disputed_then_the_rest() {
    let d = desk();
    let o = run(d.path(), &["export", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("no {s:?} in\n{md}"));
    assert!(at("## Totals") < at("## Disputed claims (2)"));
    assert!(at("## Disputed claims (2)") < at("## Confirmed claims (2)"));
    assert!(at("## Confirmed claims (2)") < at("## Unverified claims (1)"));
    assert!(md.contains("| disputed | 2 |"), "{md}");
    assert!(md.contains("| all | **5** |") || md.contains("| **all** | **5** |"));
    // By outlet (the port claim counts in both of its outlets) and analyst.
    assert!(md.contains("| Harbour Daily | 2 | 1 | 1 | 4 |"), "{md}");
    assert!(md.contains("| Wire Service | 1 | 0 | 0 | 1 |"), "{md}");
    assert!(md.contains("| Lina | 1 | 1 | 1 | 3 |"), "{md}");
    // The disputed claim with its note lines and evidence.
    let port = at(PORT);
    assert!(port < at("## Confirmed claims"));
    assert!(
        md.contains("- Note: الرقم الرسمي 35، وليس 40\n  \"see\" the ministry's table, row 2\n"),
        "{md}"
    );
    assert!(md.contains("<https://ministry.example/ships.pdf>"));
    assert!(md.contains("Misleading · مضلل"));
    assert!(md.contains("- Flags: **conflict** (also confirmed by Lina at 2026-11-22T08:30:00Z)"));
    // Article text is escaped: a title's `|` and `*` cannot make markup.
    assert!(md.contains("*Harbour \\| traffic \\*up\\**"), "{md}");
}

#[test]
fn output_file_is_written_whole_and_alone() {
    let d = desk();
    let o = run(
        d.path(),
        &["export", "--format", "json", "-o", "out/report.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("5 record(s) written to out/report.json"));
    let text = std::fs::read_to_string(d.path().join("out/report.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["records"].as_array().unwrap().len(), 5);
    let names: Vec<_> = std::fs::read_dir(d.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.json"]);
}

#[test]
fn every_filter_narrows_the_records() {
    let d = desk();
    let ids = |args: &[&str]| {
        let mut all = vec!["export", "--format", "json"];
        all.extend_from_slice(args);
        json_ids(&run(d.path(), &all))
    };
    assert_eq!(ids(&["--since", "2026-11-22"]), [id(BRIDGE), id(RENTS)]);
    assert_eq!(ids(&["--until", "2026-11-20"]), [id(GONE), id(PORT)]);
    assert_eq!(
        ids(&["--since", "2026-11-20", "--until", "2026-11-21"]),
        [id(PORT), id(DEFICIT)]
    );
    assert_eq!(ids(&["--verdict", "disputed"]), [id(PORT), id(RENTS)]);
    assert_eq!(
        ids(&["--verdict", "confirmed", "--verdict", "unverified"]),
        [id(GONE), id(DEFICIT), id(BRIDGE)]
    );
    assert_eq!(ids(&["--analyst", "omar"]), [id(DEFICIT), id(RENTS)]);
    assert_eq!(ids(&["--outlet", "Wire Service"]), [id(PORT)]);
    assert_eq!(ids(&["--outlet", "وكالة النيل"]), [id(DEFICIT)]);
    assert_eq!(ids(&["articles/wire"]), [id(PORT)]);
    assert_eq!(ids(&["articles/news/nile.md"]), [id(DEFICIT)]);
    assert_eq!(
        ids(&["--analyst", "Lina", "--verdict", "disputed"]),
        [id(PORT)]
    );
    assert!(ids(&["--since", "2027-01-01"]).is_empty());
}

#[test]
fn bad_arguments_are_messages_not_panics() {
    let d = desk();
    for (args, says) in [
        (&["export", "--since", "21/11/2026"][..], "YYYY-MM-DD"),
        (
            &["export", "--since", "2026-11-22", "--until", "2026-11-01"][..],
            "swap",
        ),
        (&["export", "no/such/folder"][..], "no/such/folder"),
        (&["export", "/"][..], "not inside the desk"),
        (&["export", "--format", "pdf"][..], "pdf"),
    ] {
        let o = run(d.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
}

#[test]
fn an_empty_selection_still_makes_a_report() {
    let d = desk();
    let o = run(
        d.path(),
        &["export", "--verdict", "confirmed", "--analyst", "nobody"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("No judged claim matches."), "{md}");
    assert!(
        md.contains("Filters: verdict confirmed; analyst nobody"),
        "{md}"
    );
}
