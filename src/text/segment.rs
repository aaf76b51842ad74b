//! Sentence segmentation for news text.
//!
//! SKELETON: owned by the text helper. Keep the public signatures.

use std::ops::Range;

/// A sentence: a byte range of the text and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the text, trimmed of surrounding white space.
    pub range: Range<usize>,
    /// 0-based paragraph number (paragraphs are split on newlines).
    pub paragraph: u32,
    /// True when this sentence is the whole paragraph and has no sentence-final
    /// punctuation (headlines, section headers, datelines, list items).
    pub bare_line: bool,
}

/// Splits `text[within]` into sentences. Ranges are absolute (into `text`).
pub fn sentences(text: &str, within: Range<usize>) -> Vec<Segment> {
    // Placeholder: one sentence per non-empty line.
    let mut out = Vec::new();
    let mut pos = within.start;
    for (paragraph, line) in text[within.clone()].split('\n').enumerate() {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = pos + lead;
            out.push(Segment {
                range: start..start + trimmed.len(),
                paragraph: paragraph as u32,
                bare_line: true,
            });
        }
        pos += line.len() + 1;
    }
    out
}
