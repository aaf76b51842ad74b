//! Text: normalisation, segmentation, dates, Arabic rendering.

#[path = "../support/mod.rs"]
mod support;

mod arabic_render;
mod dates_props;
mod examples;
mod normalize_props;
mod segment_props;
