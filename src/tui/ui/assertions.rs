//! The claims-first view: the desk's assertions (claims linked across
//! outlets), most widely carried first, drifting figures marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::cells::{put_label, put_untrusted};
use super::pane;
use crate::tui::app::App;
use crate::tui::i18n::{Label, t};

/// Draws the assertions over `area`, the `sel`-th one highlighted.
pub fn draw(app: &App, sel: usize, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    let lang = app.settings.lang;
    Clear.render(area, buf);
    let list = app.assertions();
    let title = format!(
        "{} ({}) · enter opens · esc closes",
        t(lang, Label::Assertions),
        list.len()
    );
    let inner = pane(app, buf, area, &title, true);
    if list.is_empty() {
        let why = if app.links_pending() {
            "linking the desk's claims…"
        } else {
            "no claim appears in more than one article"
        };
        put_label(buf, inner.x + 1, inner.y, inner.width, why, theme.dim);
        return;
    }
    let rows = inner.height as usize;
    let sel = sel.min(list.len() - 1);
    let top = sel.saturating_sub(rows.saturating_sub(1));
    for (i, a) in list.iter().enumerate().skip(top).take(rows) {
        let y = inner.y + (i - top) as u16;
        let style = if i == sel {
            theme.selected
        } else {
            Style::new()
        };
        let head = format!(
            "{} {:>2} outlets {:>2}/{:<2} {}",
            if i == sel { "▶" } else { " " },
            a.outlets,
            a.judged(app),
            a.members.len(),
            if a.drift { "drift" } else { "     " }
        );
        let w = put_label(
            buf,
            inner.x,
            y,
            inner.width,
            &head,
            if a.drift { theme.error } else { style },
        );
        let first = a.members[0];
        let text = app.claim_text(first.article, first.claim);
        put_untrusted(
            buf,
            app,
            (inner.x + w + 1, y),
            inner.width.saturating_sub(w + 1),
            text,
            style,
        );
    }
}
