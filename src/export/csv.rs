//! `export --format csv`: one row per judged claim, for spreadsheets.
//!
//! UTF-8 with a byte-order mark (so spreadsheet programs read Arabic as
//! UTF-8), one header row, RFC 4180 quoting (the `csv` crate), CRLF line
//! ends, and the columns of [`COLUMNS`] in that order. A cell holding
//! several values (evidence, appearances) has one value a line; the
//! appearance columns line up (the n-th line of each is the same article).
//! A cell that a spreadsheet would take for a formula (it starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so text
//! from articles cannot run as a formula.

use super::record::ExportRecord;

/// The columns, in order.
pub const COLUMNS: [&str; 19] = [
    "id",
    "verdict",
    "rating",
    "rating_en",
    "rating_ar",
    "rating_value",
    "claim",
    "note",
    "evidence",
    "analyst",
    "updated",
    "conflict",
    "recheck",
    "stale",
    "articles",
    "titles",
    "outlets",
    "dates",
    "urls",
];

/// The UTF-8 byte-order mark the file starts with.
pub const BOM: &str = "\u{feff}";

/// The records as CSV bytes (BOM, header, one row each).
pub fn write_csv(records: &[ExportRecord]) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        // Writing into memory cannot fail.
        let _ = w.write_record(COLUMNS);
        for r in records {
            let _ = w.write_record(row(r).iter().map(|c| defused(c).into_owned()));
        }
        let _ = w.flush();
    }
    out
}

/// One record's cells, in [`COLUMNS`] order.
fn row(r: &ExportRecord) -> [String; 19] {
    let lines = |f: &dyn Fn(&super::record::Appearance) -> String| {
        r.appearances.iter().map(f).collect::<Vec<_>>().join("\n")
    };
    let flag = |b: bool| if b { "true" } else { "false" }.to_string();
    let rating = r.rating.as_ref();
    [
        r.id.clone(),
        r.verdict.as_str().to_string(),
        rating.map(|x| x.label.clone()).unwrap_or_default(),
        rating.map(|x| x.en.clone()).unwrap_or_default(),
        rating.map(|x| x.ar.clone()).unwrap_or_default(),
        rating
            .and_then(|x| x.value)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        r.claim.clone(),
        r.note.clone(),
        r.evidence.join("\n"),
        r.analyst.clone(),
        r.updated.clone(),
        flag(r.flags.conflict),
        flag(r.flags.recheck),
        flag(r.flags.stale),
        lines(&|a| a.path.clone()),
        lines(&|a| one_line(&a.title)),
        lines(&|a| a.source.as_deref().map(one_line).unwrap_or_default()),
        lines(&|a| a.date.clone().unwrap_or_default()),
        lines(&|a| a.url.clone().unwrap_or_default()),
    ]
}

/// A cell that cannot start a spreadsheet formula.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A value that must stay on its line of a multi-line cell.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("-5% on the year"), "'-5% on the year");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("قال الوزير"), "قال الوزير");
        assert_eq!(defused("2026-11-21"), "2026-11-21");
    }
}
