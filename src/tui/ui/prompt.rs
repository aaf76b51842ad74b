//! The one-line prompt (`:` commands, `/` search, note, evidence) and the
//! completion list above it.
//!
//! Typed text goes through the same path as the panes (`crate::render`):
//! sanitised, BiDi-reordered and shaped, so Arabic reads in visual order
//! while it is typed. The paragraph direction is the input's own script
//! majority (a note that starts with a Latin name is still right to left).
//! The cursor is drawn on the visual cell of the character after it, or
//! beside the last character at the end of the input; a line wider than the
//! field scrolls so the cursor stays in view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};
use unicode_bidi::{BidiClass, bidi_class};

use super::cells::{fill, opts, put_label, put_line, put_untrusted};
use crate::render::{self, Direction, VisualLine};
use crate::tui::app::{App, Prompt, PromptKind};
use crate::tui::i18n::{Label, Lang, t};

/// The prompt's lead: `:`, `/`, or the field's name.
fn lead(lang: Lang, kind: PromptKind) -> String {
    match (kind, lang) {
        (PromptKind::Command, _) => ":".into(),
        (PromptKind::Search, _) => "/".into(),
        (PromptKind::Note, Lang::En) => "note: ".into(),
        (PromptKind::Evidence, Lang::En) => "evidence (URLs): ".into(),
        (PromptKind::Note, Lang::Ar) => format!("{}: ", t(lang, Label::Note)),
        (PromptKind::Evidence, Lang::Ar) => format!("{}: ", t(lang, Label::Evidence)),
    }
}

/// The typed text as one visual line (not cut) and the visual column of
/// the cursor in it.
pub fn input_line(app: &App, p: &Prompt) -> (VisualLine, usize) {
    let o = opts(app, usize::MAX / 4).with_direction(Direction::Majority);
    let mut line = render::single_line(&p.input, &o);
    line.indent = 0;
    if o.bidi != render::BidiMode::App {
        // Logical order, left to right: the cursor after what is before it.
        line.rtl = false;
        let col = line
            .cells
            .iter()
            .filter(|c| c.src.start < p.cursor)
            .map(|c| c.width as usize)
            .sum();
        return (line, col);
    }
    let col = cursor_column(&line, &p.input, p.cursor);
    (line, col)
}

/// The visual column of the cursor (a byte offset of `input`) on `line`.
/// A right-to-left line is counted from one column to the left of its first
/// cell (where the cursor stands at the end of Arabic input), so its cells
/// start at column 1.
fn cursor_column(line: &VisualLine, input: &str, cursor: usize) -> usize {
    let shift = usize::from(line.rtl);
    let mut x = shift;
    let mut starts = Vec::with_capacity(line.cells.len());
    for c in &line.cells {
        starts.push(x);
        x += c.width as usize;
    }
    let total = x;
    // On the character after the cursor.
    if let Some(i) = render::cells_in(line, cursor..cursor).next() {
        return starts[i];
    }
    // At the end: beside the last character, on the side it reads towards.
    let Some((at, last)) = input[..cursor.min(input.len())].char_indices().next_back() else {
        return if line.rtl { total } else { 0 };
    };
    let Some(i) = render::cells_in(line, at..at + last.len_utf8()).next() else {
        return total;
    };
    let towards_right = match bidi_class(last) {
        BidiClass::L | BidiClass::EN | BidiClass::AN => true,
        BidiClass::R | BidiClass::AL => false,
        _ => !line.rtl,
    };
    if towards_right {
        starts[i] + line.cells[i].width as usize
    } else {
        starts[i].saturating_sub(1)
    }
}

/// The first visual column shown when `total` columns go into `avail`, so
/// that column `cursor` is in view (the logical end is shown first).
fn window(total: usize, avail: usize, cursor: usize, rtl: bool) -> usize {
    if total < avail {
        return 0;
    }
    let last = total + 1 - avail;
    if rtl {
        cursor.min(last)
    } else {
        (cursor + 1).saturating_sub(avail).min(last)
    }
}

/// Draws the prompt into `area` (one row) and its completions above it.
pub fn draw(app: &App, p: &Prompt, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    let lang = app.settings.lang;
    fill(buf, area.x, area.y, area.width, Style::new());
    let lead = lead(lang, p.kind);
    let labelled_right =
        lang == Lang::Ar && matches!(p.kind, PromptKind::Note | PromptKind::Evidence);
    let (field_x, field_w) = if labelled_right {
        // Right to left: the field's name on the right edge, reordered and shaped.
        let o = opts(app, area.width as usize).with_direction(Direction::Rtl);
        let label = render::single_line(&lead, &o);
        let lw = label.cells.iter().map(|c| c.width as u16).sum::<u16>();
        let lx = area.right().saturating_sub(lw);
        let mut label = label;
        label.indent = 0;
        put_line(buf, lx, area.y, lw, &label, theme.key, |_| Style::new());
        (area.x, area.width.saturating_sub(lw + 1))
    } else {
        let lw = put_label(buf, area.x, area.y, area.width, &lead, theme.key);
        (area.x + lw, area.width.saturating_sub(lw + 1))
    };
    let avail = field_w as usize;
    let (line, cursor) = input_line(app, p);
    // A right-to-left line has a column for the cursor before its first cell.
    let shift = usize::from(line.rtl);
    let total = line.width() + shift;
    let off = window(total, avail.max(1), cursor, line.rtl);
    // Right to left text next to a label on the right sits at the field's
    // right end; elsewhere typed text starts after the lead.
    let pad = if line.rtl && labelled_right && total < avail {
        avail - total
    } else {
        0
    };
    let mut col = shift;
    for cell in &line.cells {
        let w = cell.width as usize;
        if col >= off && col + w <= off + avail {
            let x = field_x + (pad + col - off) as u16;
            let style = if cell.token { theme.dim } else { Style::new() };
            if let Some(c) = buf.cell_mut(Position::new(x, area.y)) {
                c.set_symbol(&cell.text).set_style(style);
            }
            for k in 1..w {
                if let Some(c) = buf.cell_mut(Position::new(x + k as u16, area.y)) {
                    c.reset();
                }
            }
        }
        col += w;
    }
    let cx = field_x + (pad + cursor.saturating_sub(off)).min(avail) as u16;
    if let Some(cell) = buf.cell_mut(Position::new(cx, area.y)) {
        cell.set_style(theme.cursor);
    }
    completions(app, p, buf, area);
}

/// The completions offered by Tab, in columns above the prompt.
fn completions(app: &App, p: &Prompt, buf: &mut Buffer, area: Rect) {
    if p.completions.len() <= 1 || area.y == 0 {
        return;
    }
    let theme = &app.settings.theme;
    let col_w = p
        .completions
        .iter()
        .map(|c| c.chars().count() as u16 + 2)
        .max()
        .unwrap_or(10)
        .min(area.width.max(1));
    let cols = (area.width / col_w).max(1) as usize;
    let rows = p.completions.len().div_ceil(cols).min(area.y as usize);
    let cols = p.completions.len().div_ceil(rows).min(cols);
    let top = area.y - rows as u16;
    let w = (col_w * cols as u16).min(area.width);
    Clear.render(Rect::new(area.x, top, w, rows as u16), buf);
    for (i, c) in p.completions.iter().take(rows * cols).enumerate() {
        let (col, row) = (i / rows, i % rows);
        let x = area.x + col as u16 * col_w;
        let y = top + row as u16;
        fill(buf, x, y, col_w, theme.selected);
        put_untrusted(buf, app, (x + 1, y), col_w - 1, c, theme.selected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> VisualLine {
        let o = render::LayoutOptions {
            width: 100,
            shape: false,
            ..render::LayoutOptions::default()
        }
        .with_direction(Direction::Majority);
        let mut l = render::single_line(text, &o);
        l.indent = 0;
        l
    }

    #[test]
    fn the_cursor_stands_on_the_visual_cell_of_the_next_character() {
        // قال drawn لاق: cells 1..=3, column 0 kept for the cursor.
        let l = line("قال");
        assert_eq!(
            cursor_column(&l, "قال", 0),
            3,
            "before ق: on its cell, the rightmost"
        );
        assert_eq!(cursor_column(&l, "قال", 2), 2, "before ا");
        assert_eq!(cursor_column(&l, "قال", 6), 0, "at the end: left of ل");
        // Left to right: after the last letter.
        assert_eq!(cursor_column(&line("abc"), "abc", 3), 3);
        assert_eq!(cursor_column(&line("abc"), "abc", 1), 1);
    }

    #[test]
    fn window_keeps_the_cursor_in_view() {
        assert_eq!(window(5, 10, 5, false), 0);
        assert_eq!(window(30, 10, 30, false), 21);
        assert_eq!(window(30, 10, 0, true), 0);
        assert_eq!(window(30, 10, 29, true), 21);
    }
}
