//! Drawing `crate::render` output into ratatui's buffer, one cell per
//! grapheme, with widths taken from the cells (never re-measured), and
//! styles chosen per cell from its source range.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::render::{self, LayoutOptions, VisualCell, VisualLine};

use super::super::app::App;

/// Layout options for `width` columns under the app's settings.
pub fn opts(app: &App, width: usize) -> LayoutOptions {
    LayoutOptions {
        width: width.max(1),
        bidi: app.settings.bidi,
        shape: app.settings.shape,
        direction: render::Direction::FirstStrong,
    }
}

/// Layout options for the text of article `a` (its sentences, its title):
/// the paragraph direction comes from the article's language (front matter
/// `lang`, or guessed from the script), not from the first strong letter.
pub fn article_opts(app: &App, a: usize, width: usize) -> LayoutOptions {
    let lang = app
        .index
        .articles
        .get(a)
        .and_then(|art| art.article.meta.lang.as_deref());
    opts(app, width).with_direction(render::Direction::of_lang(lang))
}

/// Writes a visual line at (x, y), at most `max_w` columns; `style` picks
/// each cell's style. Returns the columns written (indent included).
pub fn put_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_w: u16,
    line: &VisualLine,
    base: Style,
    style: impl Fn(&VisualCell) -> Style,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return 0;
    }
    let end = (x.saturating_add(max_w)).min(area.right());
    let mut col = x;
    for _ in 0..line.indent {
        if col >= end {
            return col - x;
        }
        buf[(col, y)].set_symbol(" ").set_style(base);
        col += 1;
    }
    for cell in &line.cells {
        let w = u16::from(cell.width.max(1));
        if col + w > end {
            break;
        }
        buf[(col, y)]
            .set_symbol(&cell.text)
            .set_style(base.patch(style(cell)));
        for k in 1..w {
            buf[(col + k, y)].reset();
        }
        col += w;
    }
    col - x
}

/// Writes untrusted text as one line (cut with `…`), in one style.
pub fn put_untrusted(
    buf: &mut Buffer,
    app: &App,
    (x, y): (u16, u16),
    max_w: u16,
    text: &str,
    style: Style,
) -> u16 {
    if max_w == 0 {
        return 0;
    }
    let line = render::single_line(text, &opts(app, max_w as usize));
    put_line(buf, x, y, max_w, &line, style, |_| Style::new())
}

/// Writes our own (trusted, plain) label text; returns the columns used.
pub fn put_label(buf: &mut Buffer, x: u16, y: u16, max_w: u16, text: &str, style: Style) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x >= area.right() {
        return 0;
    }
    let (end, _) = buf.set_stringn(x, y, text, max_w as usize, style);
    end - x
}

/// Fills a row segment with a style (for selection bars).
pub fn fill(buf: &mut Buffer, x: u16, y: u16, w: u16, style: Style) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return;
    }
    for col in x..(x + w).min(area.right()) {
        buf[(col, y)].set_style(style);
    }
}

/// True when `src` overlaps any of `ranges`.
pub fn overlaps(src: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    ranges
        .iter()
        .any(|r| src.start < r.end && r.start < src.end.max(src.start + 1))
}

/// Byte ranges of `text` where the normalised `needle` occurs (for
/// highlighting search hits; normalised like the search itself).
pub fn hit_ranges(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let norm = crate::text::normalize::normalize(text);
    let hay = norm.text.to_ascii_lowercase();
    hay.match_indices(needle)
        .map(|(i, m)| norm.source_range(i..i + m.len()))
        .collect()
}
