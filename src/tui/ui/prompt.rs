//! The one-line prompt (`:` commands, `/` search, note, evidence) and the
//! completion list above it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Clear, Widget};

use super::cells::{fill, put_label, put_untrusted};
use crate::render;
use crate::tui::app::{App, Prompt, PromptKind};

/// Draws the prompt into `area` (one row) and its completions above it.
pub fn draw(app: &App, p: &Prompt, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    let lead = match p.kind {
        PromptKind::Command => ":",
        PromptKind::Search => "/",
        PromptKind::Note => "note: ",
        PromptKind::Evidence => "evidence (URLs): ",
    };
    fill(
        buf,
        area.x,
        area.y,
        area.width,
        ratatui::style::Style::new(),
    );
    let lw = put_label(buf, area.x, area.y, area.width, lead, theme.key);
    // Show the end of long input so the cursor stays visible.
    let avail = area.width.saturating_sub(lw + 1) as usize;
    let shown = render::sanitize(&p.input);
    let before = render::sanitize(&p.input[..p.cursor]);
    let before_w = unicode_width::UnicodeWidthStr::width(before.as_str());
    let skip_w = before_w.saturating_sub(avail);
    let mut skipped = 0;
    let tail: String = shown
        .chars()
        .skip_while(|ch| {
            let w = unicode_width::UnicodeWidthChar::width(*ch).unwrap_or(0);
            if skipped < skip_w {
                skipped += w;
                true
            } else {
                false
            }
        })
        .collect();
    let x = area.x + lw;
    // Typed text is logical order, as typed (no reordering while editing).
    let opts = render::LayoutOptions {
        width: avail.max(1),
        bidi: render::BidiMode::Off,
        shape: false,
    };
    let line = render::single_line(&tail, &opts);
    super::cells::put_line(
        buf,
        x,
        area.y,
        avail as u16,
        &line,
        ratatui::style::Style::new(),
        |_| ratatui::style::Style::new(),
    );
    let cx = x + (before_w - skipped).min(avail) as u16;
    if let Some(cell) = buf.cell_mut(Position::new(cx, area.y)) {
        cell.set_style(theme.cursor);
    }
    if p.completions.len() > 1 {
        let n = p.completions.len().min(area.y as usize).min(8);
        let w = p
            .completions
            .iter()
            .map(|c| c.len() as u16 + 2)
            .max()
            .unwrap_or(10)
            .min(area.width);
        let top = area.y - n as u16;
        let box_area = Rect::new(area.x, top, w, n as u16);
        Clear.render(box_area, buf);
        for (i, c) in p.completions.iter().take(n).enumerate() {
            fill(buf, area.x, top + i as u16, w, theme.selected);
            put_untrusted(
                buf,
                app,
                (area.x + 1, top + i as u16),
                w - 1,
                c,
                theme.selected,
            );
        }
    }
}
