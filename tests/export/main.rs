//! Publishing the desk's work: ClaimReview, CSV, JSON, Markdown, the rating scale.

#[path = "../support/mod.rs"]
mod support;

mod claimreview;
mod formats;
mod rating;
