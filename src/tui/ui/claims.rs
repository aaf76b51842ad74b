//! The claims pane: the selected article's claims with their verdict mark,
//! kind, and text with matched spans highlighted. Only visible rows are built.

use crate::tui::app::NOT_READ;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::{fill, hit_ranges, opts, overlaps, put_label, put_line, put_untrusted};
use super::pane;
use crate::render;
use crate::rules::RuleKind;
use crate::tui::app::App;
use crate::tui::i18n::{Label, t};

/// A four-letter tag for a kind (the detail pane shows the full name).
pub fn kind_tag(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Quote => "quot",
        RuleKind::Attribution => "attr",
        RuleKind::Number => "num",
        RuleKind::Date => "date",
        RuleKind::Event => "evnt",
        RuleKind::Superlative => "supl",
        RuleKind::Comparison => "comp",
        RuleKind::Negation => "neg",
        RuleKind::Manual => "man",
    }
}

/// Draws the claims of the selected article into `area`.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect, focused: bool) {
    let theme = &app.settings.theme;
    let lang = app.settings.lang;
    let title = match app.selected_article() {
        Some(a) => format!(
            "{} {}/{} · {}",
            t(lang, Label::Claims),
            app.stats[a].reviewed(),
            app.stats[a].total(),
            app.filter.label()
        ),
        None => t(lang, Label::Claims).to_string(),
    };
    let inner = pane(app, buf, area, &title, focused);
    let Some(a) = app.selected_article() else {
        return;
    };
    if app.claims_view.is_empty() {
        put_untrusted(
            buf,
            app,
            (inner.x + 1, inner.y),
            inner.width,
            t(lang, Label::NoClaims),
            theme.dim,
        );
        return;
    }
    let art = &app.index.articles[a];
    let matches = app.matches_of(a);
    let needle = app.search.as_ref().map(|s| s.needle.as_str()).unwrap_or("");
    for (row, pos) in (app.claim_top..app.claims_view.len())
        .take(inner.height as usize)
        .enumerate()
    {
        let c = app.claims_view[pos];
        let claim = &art.extraction.claims[c];
        let y = inner.y + row as u16;
        let selected = pos == app.claim_sel;
        let base = super::row_style(theme, selected, focused);
        fill(buf, inner.x, y, inner.width, base);
        put_label(buf, inner.x, y, 1, if selected { "▶" } else { " " }, base);
        // A verdict is shown only once it is on disk; until then, saving.
        let (mark, mark_style) = if app.inflight.contains_key(&claim.id) {
            theme.saving_mark()
        } else {
            theme.mark(app.verdict_of(&claim.id))
        };
        put_label(buf, inner.x + 1, y, 1, mark, base.patch(mark_style));
        put_label(
            buf,
            inner.x + 3,
            y,
            4,
            kind_tag(claim.kind),
            base.patch(theme.label),
        );
        let x = inner.x + 8;
        let w = inner.width.saturating_sub(9);
        let text = art.text(claim.range.clone()).unwrap_or(NOT_READ);
        let off = claim.range.start;
        let matched: Vec<_> = matches[c]
            .iter()
            .map(|m| m.range.start.saturating_sub(off)..m.range.end.saturating_sub(off))
            .collect();
        let hits = hit_ranges(text, needle);
        let line = render::single_line(text, &opts(app, w as usize));
        put_line(buf, x, y, w, &line, base, |cell| {
            if overlaps(&cell.src, &hits) {
                theme.hit
            } else if overlaps(&cell.src, &matched) {
                theme.matched
            } else {
                Style::new()
            }
        });
    }
    if app.claims_view.len() > inner.height as usize {
        let more = format!(" {}/{} ", app.claim_sel + 1, app.claims_view.len());
        let w = more.len() as u16;
        if area.width > w + 2 {
            put_label(
                buf,
                area.x + area.width - w - 1,
                area.y + area.height - 1,
                w,
                &more,
                theme.border,
            );
        }
    }
}
