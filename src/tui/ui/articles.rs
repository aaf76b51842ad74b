//! The articles pane: title, outlet, date, progress and a disputed mark.
//! Only the visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::{fill, hit_ranges, opts, overlaps, put_label, put_line, put_untrusted};
use super::layout::ARTICLE_ITEM_ROWS;
use super::pane;
use crate::render;
use crate::tui::app::App;
use crate::tui::i18n::{Label, t};

/// Draws the articles list into `area`.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect, focused: bool) {
    let title = format!(
        "{} {}/{}",
        t(app.settings.lang, Label::Articles),
        app.articles_view.len(),
        app.index.articles.len()
    );
    let inner = pane(app, buf, area, &title, focused);
    let theme = &app.settings.theme;
    if app.articles_view.is_empty() {
        put_untrusted(
            buf,
            app,
            (inner.x, inner.y),
            inner.width,
            t(app.settings.lang, Label::NoArticles),
            theme.dim,
        );
        return;
    }
    let rows = (inner.height / ARTICLE_ITEM_ROWS) as usize;
    let needle = app.search.as_ref().map(|s| s.needle.as_str()).unwrap_or("");
    for (row, pos) in (app.article_top..app.articles_view.len())
        .take(rows)
        .enumerate()
    {
        let a = app.articles_view[pos];
        let art = &app.index.articles[a];
        let stats = &app.stats[a];
        let y = inner.y + row as u16 * ARTICLE_ITEM_ROWS;
        let selected = pos == app.article_sel;
        let base = super::row_style(theme, selected, focused);
        fill(buf, inner.x, y, inner.width, base);
        fill(buf, inner.x, y + 1, inner.width, base);
        let gutter = if selected { "▶" } else { " " };
        put_label(buf, inner.x, y, 1, gutter, base);
        let (mark, mark_style) = if stats.disputed() > 0 {
            ("✖", theme.disputed)
        } else if stats.total() > 0 && stats.pending() == 0 {
            ("✔", theme.confirmed)
        } else {
            (" ", Style::new())
        };
        put_label(buf, inner.x + 1, y, 1, mark, base.patch(mark_style));
        // Title, with search hits.
        let tw = inner.width.saturating_sub(3);
        let title = &art.article.meta.title;
        let hits = hit_ranges(title, needle);
        let line = render::single_line(title, &opts(app, tw as usize));
        put_line(buf, inner.x + 3, y, tw, &line, base, |c| {
            if overlaps(&c.src, &hits) {
                theme.hit
            } else {
                Style::new()
            }
        });
        // Outlet on the left; date and progress on the right.
        let progress = format!("{}/{}", stats.reviewed(), stats.total());
        let pw = progress.len() as u16;
        let outlet = art.article.meta.source.as_deref().unwrap_or(&art.rel);
        let date = art.article.meta.date.as_deref().unwrap_or("");
        let dw = date.chars().count() as u16;
        let room = inner.width.saturating_sub(pw + 5);
        let (ow, show_date) = if dw > 0 && room >= dw + 9 {
            (room - dw - 1, true)
        } else {
            (room, false)
        };
        put_untrusted(
            buf,
            app,
            (inner.x + 3, y + 1),
            ow,
            outlet,
            base.patch(theme.dim),
        );
        if show_date {
            let x = inner.x + 3 + ow + 1;
            put_untrusted(buf, app, (x, y + 1), dw, date, base.patch(theme.dim));
        }
        if inner.width > pw + 1 {
            let progress_style = if stats.pending() == 0 && stats.total() > 0 {
                theme.confirmed
            } else {
                theme.label
            };
            put_label(
                buf,
                inner.x + inner.width - pw - 1,
                y + 1,
                pw,
                &progress,
                base.patch(progress_style),
            );
        }
    }
}
