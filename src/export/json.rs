//! `export --format json`: the full records, one document
//! `{"schema":1,"records":[…]}` (documented in docs/cli.md).

use serde::Serialize;

use super::record::ExportRecord;

/// The version of the JSON export's layout.
pub const JSON_SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    records: &'a [ExportRecord],
}

/// The records as one pretty-printed JSON document, ending in a newline.
pub fn write_json(records: &[ExportRecord]) -> String {
    let doc = Document {
        schema: JSON_SCHEMA,
        records,
    };
    // Serialising plain strings, numbers and booleans cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
