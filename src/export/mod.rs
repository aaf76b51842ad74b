//! Exports: the desk's judged claims for editors, spreadsheets and the
//! fact-check ecosystem.
//!
//! [`collect`] turns verdict records into [`ExportRecord`]s (one per judged
//! claim, with its rating and every article it appears in); the writers take
//! those plain records: [`write_json`], [`write_csv`], [`write_markdown`] and
//! [`claim_reviews`] (schema.org ClaimReview). [`Totals`] are the report's
//! numbers. See docs/export.md.

pub mod claimreview;
pub mod collect;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod record;
pub mod totals;

pub use claimreview::{ClaimReviews, LeftOut, MissingPublisher, claim_reviews};
pub use collect::{ExportFilter, collect, rating_problems};
pub use csv::write_csv;
pub use json::write_json;
pub use markdown::{ReportInfo, write_markdown};
pub use record::{Appearance, ExportRecord, Flags, OtherJudgement, Rating};
pub use totals::{Counts, Totals};
