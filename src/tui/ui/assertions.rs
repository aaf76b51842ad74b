//! The claims-first view: the desk's assertions (claims linked across
//! outlets), most widely carried first, drifting figures marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::cells::{article_opts, put_label, put_line};
use super::pane;
use crate::render;
use crate::tui::app::App;
use crate::tui::i18n::{Label, t};

/// Draws the assertions over `area`, the `sel`-th one highlighted.
pub fn draw(app: &App, sel: usize, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    let lang = app.settings.lang;
    Clear.render(area, buf);
    let list = app.assertions();
    let suggested = list.iter().filter(|a| a.suggested).count();
    let count = match suggested {
        0 => list.len().to_string(),
        m => format!("{} · ~{m} similar", list.len() - m),
    };
    let title = format!(
        "{} ({count}) · enter opens · esc closes",
        t(lang, Label::Assertions),
    );
    let inner = pane(app, buf, area, &title, true);
    if list.is_empty() {
        let why = if app.links_pending() {
            "linking the desk's claims…"
        } else {
            "no claim is linked across articles, as the same claim or a similar one"
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
        // A suggested group is marked `~` (similar claims, maybe one
        // assertion told another way).
        let head = format!(
            "{} {:>2} outlets {:>2}/{:<2} {}{}",
            if i == sel { "▶" } else { " " },
            a.outlets,
            a.judged(app),
            a.members.len(),
            if a.drift { "drift" } else { "     " },
            if a.suggested { " ~" } else { "" }
        );
        let w = put_label(
            buf,
            inner.x,
            y,
            inner.width,
            &head,
            if a.drift { theme.error } else { style },
        );
        // In its article's direction, as the claims pane shows it.
        let first = a.members[0];
        let text = app.claim_text(first.article, first.claim);
        let max_w = inner.width.saturating_sub(w + 1);
        let line = render::single_line(text, &article_opts(app, first.article, max_w as usize));
        put_line(buf, inner.x + w + 1, y, max_w, &line, style, |_| {
            Style::new()
        });
    }
}
