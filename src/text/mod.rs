//! Text pipeline: normalisation for matching, sentence segmentation, dates.

pub mod dates;
pub mod normalize;
pub mod segment;
