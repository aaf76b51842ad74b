//! The message log overlay (`M`, `:messages`): recent messages and errors,
//! newest at the bottom, each with its time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::cells::{put_label, put_untrusted};
use super::pane;
use crate::tui::app::App;
use crate::tui::i18n::{Label, t};

/// Draws the log over `area`, `scroll` rows up from the newest message.
pub fn draw(app: &App, scroll: usize, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2);
    let outer = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    Clear.render(outer, buf);
    let title = format!(
        "{} {} · j/k scroll · esc closes",
        t(app.settings.lang, Label::Messages),
        app.log.len()
    );
    let inner = pane(app, buf, outer, &title, true);
    if app.log.is_empty() {
        put_label(
            buf,
            inner.x + 1,
            inner.y,
            inner.width,
            "no messages yet",
            theme.dim,
        );
        return;
    }
    let rows = inner.height as usize;
    let n = app.log.len();
    let scroll = scroll.min(n.saturating_sub(1));
    // The window ends `scroll` messages before the newest.
    let end = n - scroll;
    let start = end.saturating_sub(rows);
    for (row, m) in app.log.entries().skip(start).take(end - start).enumerate() {
        let y = inner.y + row as u16;
        let (lead, style) = if m.error {
            ("✖", theme.error)
        } else {
            ("·", theme.label)
        };
        let mut x = inner.x + 1;
        x += put_label(buf, x, y, 9, &m.at, theme.dim) + 1;
        x += put_label(buf, x, y, 2, lead, style) + 1;
        let text = if m.repeats > 1 {
            format!("{} (× {})", m.text, m.repeats)
        } else {
            m.text.clone()
        };
        put_untrusted(
            buf,
            app,
            (x, y),
            inner.right().saturating_sub(x),
            &text,
            style,
        );
    }
}
