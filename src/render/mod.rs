//! Laying text out for a terminal without importing a terminal crate:
//! sanitising untrusted text, BiDi (UAX #9), Arabic shaping, wrapping, and a
//! map from every screen cell back to the source bytes (for highlights).
//!
//! SKELETON: owned by the Arabic-rendering helper. Keep the public signatures.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Who does the BiDi reordering and shaping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BidiMode {
    /// The app reorders and shapes; the terminal gets visual order.
    #[default]
    App,
    /// The terminal reorders (Konsole, mlterm): logical order, no shaping.
    Terminal,
    /// No reordering at all (logical order, left to right).
    Off,
}

/// How to lay a paragraph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Width in cells.
    pub width: usize,
    pub bidi: BidiMode,
    /// Replace Arabic letters by their contextual presentation forms.
    pub shape: bool,
}

/// One screen cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualCell {
    /// What to draw: one grapheme, or a visible token for a control character.
    pub text: String,
    /// Columns it takes (1 or 2).
    pub width: u8,
    /// The source bytes it shows.
    pub src: Range<usize>,
    /// True when `text` is a visible stand-in for a control or bidi character.
    pub token: bool,
}

/// One line on screen, in visual (left-to-right drawing) order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// Blank columns before the first cell (right alignment of RTL paragraphs).
    pub indent: usize,
    pub cells: Vec<VisualCell>,
    /// True when the paragraph's base direction is right-to-left.
    pub rtl: bool,
}

impl VisualLine {
    /// Columns taken, indent included.
    pub fn width(&self) -> usize {
        self.indent + self.cells.iter().map(|c| c.width as usize).sum::<usize>()
    }

    /// The text as drawn (indent as spaces).
    pub fn to_plain(&self) -> String {
        let mut s = " ".repeat(self.indent);
        for c in &self.cells {
            s.push_str(&c.text);
        }
        s
    }
}

/// Lays out `text` (may hold several paragraphs separated by `\n`) into
/// visual lines of at most `opts.width` columns. Every cell's `src` is a byte
/// range of `text`.
pub fn layout(text: &str, opts: &LayoutOptions) -> Vec<VisualLine> {
    let width = opts.width.max(1);
    let mut lines = Vec::new();
    let mut offset = 0;
    for para in text.split('\n') {
        let mut line = VisualLine::default();
        let mut used = 0;
        for (i, g) in para.grapheme_indices(true) {
            let (shown, token) = match sanitize_grapheme(g) {
                Some(s) => s,
                None => continue,
            };
            let w = UnicodeWidthStr::width(shown.as_str()).clamp(1, 2);
            if used + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.cells.push(VisualCell {
                text: shown,
                width: w as u8,
                src: offset + i..offset + i + g.len(),
                token,
            });
            used += w;
        }
        lines.push(line);
        offset += para.len() + 1;
    }
    lines
}

/// Lays out one line, cut to `opts.width` columns with `…` when longer
/// (titles, list rows). Newlines count as spaces.
pub fn single_line(text: &str, opts: &LayoutOptions) -> VisualLine {
    let flat = text.replace('\n', " ");
    let wide = LayoutOptions {
        width: usize::MAX / 2,
        ..*opts
    };
    let mut line = layout(&flat, &wide).into_iter().next().unwrap_or_default();
    if line.width() > opts.width {
        let mut used = line.indent;
        let mut keep = 0;
        for c in &line.cells {
            if used + c.width as usize + 1 > opts.width {
                break;
            }
            used += c.width as usize;
            keep += 1;
        }
        let cut_at = line.cells.get(keep).map_or(text.len(), |c| c.src.start);
        line.cells.truncate(keep);
        line.cells.push(VisualCell {
            text: "…".into(),
            width: 1,
            src: cut_at..text.len(),
            token: true,
        });
    }
    line
}

/// Makes untrusted text safe for one terminal line: control characters
/// become visible tokens, bidi controls become visible tokens.
pub fn sanitize(text: &str) -> String {
    text.graphemes(true)
        .filter_map(sanitize_grapheme)
        .map(|(s, _)| s)
        .collect()
}

/// A grapheme made safe: `None` to drop it, else what to show and whether it is a token.
fn sanitize_grapheme(g: &str) -> Option<(String, bool)> {
    if g.chars().any(|c| {
        c.is_control()
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || ('\u{202A}'..='\u{202E}').contains(&c)
    }) {
        if g == "\t" {
            return Some((" ".into(), false));
        }
        return Some(("�".into(), true));
    }
    Some((g.to_string(), false))
}
