//! Publishing the desk's work: ClaimReview, CSV, JSON, Markdown, the rating scale.

#[path = "../support/mod.rs"]
mod support;

mod claimreview;
mod formats;
mod import_reviews;
mod not_a_claim;
mod rating;
