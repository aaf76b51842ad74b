//! Arabic-aware normalisation for matching, with a map back to the source.
//!
//! SKELETON: owned by the text helper. Keep the public signatures.

use std::ops::Range;

/// Text normalised for matching, with a map from every byte of the
/// normalised text back to the byte range of the source character it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`: (start, end) of the source character it came from.
    map: Vec<(u32, u32)>,
}

impl Normalized {
    /// Maps a byte range of the normalised text back to the source.
    /// The result starts and ends on char boundaries of the source.
    pub fn source_range(&self, norm: Range<usize>) -> Range<usize> {
        if self.map.is_empty() {
            return 0..0;
        }
        if norm.start >= norm.end {
            let at = self
                .map
                .get(norm.start)
                .map_or(self.map.last().unwrap().1, |m| m.0);
            return at as usize..at as usize;
        }
        let start = self.map[norm.start].0 as usize;
        let end = self.map[norm.end - 1].1 as usize;
        start..end
    }
}

/// Normalises `src` for matching and keeps the map back to it.
pub fn normalize(src: &str) -> Normalized {
    // Placeholder: identity.
    let mut map = Vec::with_capacity(src.len());
    for (i, c) in src.char_indices() {
        let end = (i + c.len_utf8()) as u32;
        for _ in 0..c.len_utf8() {
            map.push((i as u32, end));
        }
    }
    Normalized {
        text: src.to_string(),
        map,
    }
}

/// Normalises `src` for matching when no map is needed (ids, search, patterns).
pub fn normalize_str(src: &str) -> String {
    normalize(src).text
}
