//! The rating label on verdict records: set with `claimdesk mark --rating`,
//! checked against the desk's scale, dropped when the verdict changes, and
//! reported with file and line when a file holds a label the scale lacks.

use crate::support::export::*;

/// The desk-relative file of a manual claim's verdict (one file per claim).
fn claim_file(sentence: &str) -> String {
    let id = claimdesk::extract::ClaimId(id(sentence).into());
    format!(
        "rules/{}",
        claimdesk::store::layout::claim_file("manual.verdicts", &id)
    )
}

/// The lines of one record's table in its verdict file.
fn record_lines(root: &std::path::Path, sentence: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(claim_file(sentence))).unwrap();
    let header = format!("[{}]", id(sentence));
    text.lines()
        .skip_while(|l| *l != header)
        .take_while(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn mark_sets_checks_and_drops_the_rating() {
    let d = tempfile::tempdir().unwrap();
    write_desk(d.path(), "", None);
    let deficit = id(DEFICIT);
    let o = run(
        d.path(),
        &["mark", &deficit, "disputed", "--rating", "misleading"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("disputed, misleading"));
    let lines = record_lines(d.path(), DEFICIT);
    assert_eq!(lines[1], "verdict = \"disputed\"");
    assert_eq!(lines[2], "rating = \"misleading\"");

    // A note-only change (same verdict) keeps the label.
    let o = run(
        d.path(),
        &["mark", &deficit, "disputed", "--note", "checked twice"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        record_lines(d.path(), DEFICIT)[2],
        "rating = \"misleading\""
    );
    let v: serde_json::Value =
        serde_json::from_slice(&run(d.path(), &["export", "--format", "json"]).stdout).unwrap();
    let rec = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == deficit.as_str())
        .unwrap();
    assert_eq!(rec["rating"]["label"], "misleading");
    assert_eq!(rec["rating"]["chosen"], true);

    // Another verdict drops it.
    let o = run(d.path(), &["mark", &deficit, "confirmed"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !record_lines(d.path(), DEFICIT)
            .iter()
            .any(|l| l.starts_with("rating"))
    );

    // Labels are checked against the scale, naming the verdict's labels.
    let verdict_file =
        |root: &std::path::Path| std::fs::read_to_string(root.join(claim_file(DEFICIT))).unwrap();
    let before = verdict_file(d.path());
    let o = run(
        d.path(),
        &["mark", &deficit, "disputed", "--rating", "true"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("belongs under confirmed"),
        "{}",
        stderr(&o)
    );
    let o = run(
        d.path(),
        &["mark", &deficit, "disputed", "--rating", "sort-of"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("false, misleading, missing-context"),
        "{}",
        stderr(&o)
    );
    let o = run(d.path(), &["mark", &deficit, "clear", "--rating", "false"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(verdict_file(d.path()), before, "a refused mark wrote");
}

#[test]
fn a_desk_scale_replaces_the_default_one_for_mark() {
    let d = tempfile::tempdir().unwrap();
    write_desk(
        d.path(),
        "[[rating]]\nlabel = \"half-true\"\nverdict = \"disputed\"\nvalue = 2\n",
        None,
    );
    let port = id(PORT);
    let o = run(
        d.path(),
        &["mark", &port, "disputed", "--rating", "misleading"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("labels under disputed: half-true"),
        "{}",
        stderr(&o)
    );
    let o = run(
        d.path(),
        &["mark", &port, "disputed", "--rating", "half-true"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_unknown_label_in_a_file_is_reported_with_its_line() {
    let d = tempfile::tempdir().unwrap();
    write_desk(d.path(), PUBLISHER, Some("sort-of"));
    // The desk's old-layout file moves to one file per claim on open; the
    // record's table is then on line 3 of its own file.
    let o = run(d.path(), &["export", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line = 3;
    assert!(
        err.contains(&format!("{}:{line}:", claim_file(PORT))),
        "line {line} not in: {err}"
    );
    assert!(
        err.contains("rating \"sort-of\" is not in the desk's scale"),
        "{err}"
    );
    // Still exported, marked unknown, without a value.
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rec = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id(PORT).as_str())
        .unwrap();
    assert_eq!(rec["rating"]["known"], false);
    assert_eq!(rec["rating"]["value"], serde_json::Value::Null);
    // `check` reports it too.
    let o = run(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("{}:{line}:", claim_file(PORT))) && out.contains("sort-of"),
        "{out}"
    );
    // Never published as a review.
    let o = run(d.path(), &["export", "--format", "claimreview"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("1 rating not in the desk's scale"),
        "{}",
        stderr(&o)
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        !doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["claimReviewed"] == PORT)
    );
}

#[test]
fn a_bad_scale_stops_the_export_with_its_line() {
    let d = tempfile::tempdir().unwrap();
    write_desk(
        d.path(),
        "[[rating]]\nlabel = \"x\"\nverdict = \"disputed\"\nvalue = 0\n",
        None,
    );
    let o = run(d.path(), &["export"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("claimdesk.toml:7:"), "{}", stderr(&o));
    assert!(stderr(&o).contains("worstRating"), "{}", stderr(&o));
}
