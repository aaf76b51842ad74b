//! From units to visual lines: the per-paragraph pipeline ([`layout`]), the
//! one-row variant for lists and titles ([`single_line`]), and the map from
//! source bytes back to cells ([`cells_in`]).

use std::ops::Range;

use super::bidi::{self, Spacing};
use super::sanitize::{Kind, Newlines, Unit, dotted_circle, units};
use super::shape::{Shaped, shape_line};
use super::wrap::wrap;
use super::{BidiMode, LayoutOptions, VisualCell, VisualLine};

/// Lays out `text` (may hold several paragraphs separated by `\n`) into
/// visual lines of at most `opts.width` columns. Every cell's `src` is a byte
/// range of `text`. A `\r` before a `\n` is ignored.
pub fn layout(text: &str, opts: &LayoutOptions) -> Vec<VisualLine> {
    let width = opts.width.max(1);
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let para = raw.strip_suffix('\r').unwrap_or(raw);
        let units = units(para, Newlines::Token, usize::MAX);
        let rtl = bidi::paragraph_rtl(para, opts.direction);
        let levels = (opts.bidi == BidiMode::App).then(|| bidi::unit_levels(para, &units, rtl));
        for range in wrap(&units, width) {
            let levels = levels.as_ref().map(|l| &l[range.clone()]);
            let mut line = build_line(para, offset, &units[range], levels, rtl, opts);
            fit(&mut line, width);
            lines.push(line);
        }
        offset += raw.len() + 1;
    }
    lines
}

/// Lays out one line, cut to `opts.width` columns with `…` when longer
/// (titles, list rows). Newlines count as spaces. The `…` stands at the
/// logical end (the left for a right-to-left line in [`BidiMode::App`]) and
/// its `src` covers everything cut off.
pub fn single_line(text: &str, opts: &LayoutOptions) -> VisualLine {
    let width = opts.width.max(1);
    let mut units = units(text, Newlines::Space, width);
    let total: usize = units.iter().map(|u| u.width).sum();
    let cut = if total > width {
        // Keep what fits in width - 1, then drop trailing blanks.
        let mut used = 0;
        let keep = units
            .iter()
            .take_while(|u| {
                used += u.width;
                used < width
            })
            .count();
        let mut keep = keep;
        while keep > 0 && units[keep - 1].brk {
            keep -= 1;
        }
        let from = units.get(keep).map_or(text.len(), |u| u.src.start);
        units.truncate(keep);
        Some(from)
    } else {
        None
    };
    let rtl = bidi::paragraph_rtl(text, opts.direction);
    let levels = (opts.bidi == BidiMode::App).then(|| bidi::unit_levels(text, &units, rtl));
    let mut line = build_line(text, 0, &units, levels.as_deref(), rtl, opts);
    if let Some(from) = cut {
        let ellipsis = VisualCell {
            text: "…".into(),
            width: 1,
            src: from..text.len(),
            token: true,
        };
        if rtl && opts.bidi == BidiMode::App {
            line.cells.insert(0, ellipsis);
        } else {
            line.cells.push(ellipsis);
        }
        line.indent = line.indent.saturating_sub(1);
    }
    fit(&mut line, width);
    line
}

/// Indices of the cells of `line` that show any byte of `range` (for
/// highlights, search hits and the selection). An empty `range` finds the
/// cell holding its position.
pub fn cells_in(line: &VisualLine, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    line.cells.iter().enumerate().filter_map(move |(i, c)| {
        let hit = if range.is_empty() {
            c.src.start <= range.start && range.start < c.src.end
        } else {
            c.src.start < range.end && range.start < c.src.end
        };
        hit.then_some(i)
    })
}

/// Builds one visual line from the units of a line (logical order).
/// `levels` is `Some` in [`BidiMode::App`] (the paragraph's levels for these
/// units); `offset` is where `para` starts in the caller's text.
fn build_line(
    para: &str,
    offset: usize,
    units: &[Unit],
    levels: Option<&[u8]>,
    rtl: bool,
    opts: &LayoutOptions,
) -> VisualLine {
    let mut line = VisualLine {
        indent: 0,
        cells: Vec::with_capacity(units.len() + 4),
        rtl,
    };
    let Some(levels) = levels else {
        // Terminal and Off: logical order, unshaped, left-aligned.
        for u in units {
            push_cells(&mut line.cells, para, offset, u, None, false);
        }
        return line;
    };
    let base = u8::from(rtl);
    let mut levels = levels.to_vec();
    let spacing: Vec<Spacing> = units.iter().map(|u| bidi::spacing(para, u)).collect();
    bidi::apply_l1(&mut levels, &spacing, base);
    let shaped = if opts.shape {
        shape_line(para, units)
    } else {
        None
    };
    for i in bidi::visual_order(&levels) {
        let part = shaped.as_ref().and_then(|s: &Shaped| s.part(i));
        push_cells(
            &mut line.cells,
            para,
            offset,
            &units[i],
            part,
            levels[i] % 2 == 1,
        );
    }
    if rtl {
        let used: usize = line.cells.iter().map(|c| c.width as usize).sum();
        line.indent = opts.width.saturating_sub(used);
    }
    line
}

/// Appends the cells of one unit. `shaped` replaces the grapheme's text;
/// `mirror` mirrors a bracket (right-to-left run).
fn push_cells(
    cells: &mut Vec<VisualCell>,
    para: &str,
    offset: usize,
    u: &Unit,
    shaped: Option<&str>,
    mirror: bool,
) {
    let src = offset + u.src.start..offset + u.src.end;
    match u.kind {
        Kind::Text | Kind::Orphan => {
            let grapheme = &para[u.text.clone()];
            let mut text = String::with_capacity(grapheme.len() + 3);
            match shaped {
                Some(s) => text.push_str(s),
                None => {
                    if u.kind == Kind::Orphan {
                        text.push(dotted_circle());
                    }
                    text.push_str(grapheme);
                }
            }
            if mirror && u.kind == Kind::Text {
                mirror_first(&mut text);
            }
            cells.push(VisualCell {
                text,
                width: u.width.clamp(1, 2) as u8,
                src,
                token: false,
            });
        }
        Kind::Space(n) => {
            for _ in 0..n {
                cells.push(VisualCell {
                    text: " ".into(),
                    width: 1,
                    src: src.clone(),
                    token: false,
                });
            }
        }
        Kind::Token(t) => {
            for c in t.cells() {
                cells.push(VisualCell {
                    text: c.into(),
                    width: 1,
                    src: src.clone(),
                    token: true,
                });
            }
        }
    }
}

/// Replaces the first character of `text` by its mirror image, if it has one.
/// (The shortcut is checked against the full table by a test.)
fn mirror_first(text: &mut String) {
    let Some(first) = text.chars().next() else {
        return;
    };
    // Every mirrored character is an ASCII bracket, a guillemet, or above
    // U+0F39: skip the table for Arabic letters and the rest of ASCII.
    let may_mirror = if first.is_ascii() {
        matches!(first, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}')
    } else {
        matches!(first, '«' | '»') || first > '\u{0F39}'
    };
    if !may_mirror {
        return;
    }
    if let Some(m) = unicode_bidi_mirroring::get_mirrored(first) {
        text.replace_range(..first.len_utf8(), m.encode_utf8(&mut [0; 4]));
    }
}

/// Keeps a line within `width` columns (a token or wide grapheme longer than
/// the whole line is cut; the indent shrinks first).
fn fit(line: &mut VisualLine, width: usize) {
    let used: usize = line.cells.iter().map(|c| c.width as usize).sum();
    if used + line.indent <= width {
        return;
    }
    line.indent = width.saturating_sub(used);
    let mut total = 0;
    let keep = line
        .cells
        .iter()
        .take_while(|c| {
            total += c.width as usize;
            total <= width
        })
        .count();
    line.cells.truncate(keep);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_shortcut_misses_no_mirrored_character() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let mut text = c.to_string();
            mirror_first(&mut text);
            let want = unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c);
            assert_eq!(text.chars().next(), Some(want), "U+{:04X}", c as u32);
        }
    }
}
