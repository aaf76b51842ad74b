//! Laying text out for a terminal without importing a terminal crate:
//! sanitising untrusted text, BiDi (UAX #9), Arabic shaping, wrapping, and a
//! map from every screen cell back to the source bytes (for highlights).
//!
//! The pipeline for one paragraph ([`layout`]): [`sanitize`] into units
//! (one per grapheme) → BiDi levels (paragraph direction from the first
//! strong character) → wrap in logical order → shape each visual line on its
//! own → reorder each line unit by unit, mirroring brackets in right-to-left
//! runs → right-align right-to-left paragraphs. Every [`VisualCell`] holds
//! one grapheme (or one character of a visible token) and the source bytes
//! it shows. See docs/arabic.md.

mod bidi;
mod layout;
mod safe_write;
mod sanitize;
mod shape;
pub mod terminal;
mod wrap;

#[cfg(test)]
mod tests;

use std::ops::Range;

pub use bidi::paragraph_rtl;
pub use layout::{cells_in, layout, single_line};
pub use safe_write::{SafeWriter, eprintln_safe, println_safe};
pub use sanitize::{TAB_WIDTH, cell_width, safe, safe_text, sanitize};
pub use terminal::{BidiSetting, ModeReply, parse_bidi_mode_reply};

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
    /// Replace Arabic letters by their contextual presentation forms
    /// (only in [`BidiMode::App`]).
    pub shape: bool,
    /// How each paragraph's base direction is chosen.
    pub direction: Direction,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            bidi: BidiMode::App,
            shape: true,
            direction: Direction::FirstStrong,
        }
    }
}

impl LayoutOptions {
    /// The same options with another [`Direction`].
    pub fn with_direction(self, direction: Direction) -> LayoutOptions {
        LayoutOptions { direction, ..self }
    }
}

/// How a paragraph's base direction (UAX #9 rule P2/P3, or a higher-level
/// protocol as HL1 allows) is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// The first strong character decides (UAX #9 as written).
    #[default]
    FirstStrong,
    /// The script most of the paragraph's letters are in decides (a note that
    /// starts with a Latin name is still Arabic); a tie falls back to the
    /// first strong character.
    Majority,
    /// Right to left, whatever the text starts with (an Arabic article: a
    /// line starting `(CNN)--` is still laid right to left).
    Rtl,
    /// Left to right.
    Ltr,
}

impl Direction {
    /// The direction an article's language sets: `ar` (and the other
    /// right-to-left languages) right to left, any other known language left
    /// to right, none: [`Direction::Majority`].
    pub fn of_lang(lang: Option<&str>) -> Direction {
        let Some(lang) = lang.map(str::trim).filter(|l| !l.is_empty()) else {
            return Direction::Majority;
        };
        let primary = lang
            .split(['-', '_'])
            .next()
            .unwrap_or(lang)
            .to_ascii_lowercase();
        match primary.as_str() {
            "ar" | "fa" | "he" | "ur" | "ps" | "ku" | "ckb" | "yi" | "dv" | "sd" | "ug" => {
                Direction::Rtl
            }
            _ => Direction::Ltr,
        }
    }
}

/// One screen cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualCell {
    /// What to draw: one grapheme (possibly shaped or mirrored), or one
    /// character of a visible token. Never a control character.
    pub text: String,
    /// Columns it takes (1 or 2), as ratatui and the terminal count them.
    pub width: u8,
    /// The source bytes it shows.
    pub src: Range<usize>,
    /// True when `text` is part of a visible stand-in for a control or bidi
    /// character (or the `…` of a cut line): style it apart.
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

    /// The source bytes shown on this line (from the first to the last byte
    /// any cell shows), `None` for an empty line.
    pub fn src_span(&self) -> Option<Range<usize>> {
        let start = self.cells.iter().map(|c| c.src.start).min()?;
        let end = self.cells.iter().map(|c| c.src.end).max()?;
        Some(start..end)
    }
}
