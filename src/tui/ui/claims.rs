//! The claims pane: the selected article's claims with their verdict mark,
//! kind, and text with matched spans highlighted. Only visible rows are built.

use crate::tui::app::NOT_READ;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::{article_opts, fill, hit_ranges, overlaps, put_label, put_line, put_untrusted};
use super::pane;
use crate::extract::Claim;
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

/// Every kind the claim's matching rules have, the owner's first, each once
/// (`Manual` for a manual claim). A sentence about an aircraft's age that
/// also says رحلة is `number` and `event`, not `event` alone.
pub fn kinds(app: &App, claim: &Claim) -> Vec<RuleKind> {
    let mut out = vec![claim.kind];
    for &r in claim.rules.iter() {
        if let Some(rule) = app.index.rules.rules.get(usize::from(r))
            && !out.contains(&rule.kind)
        {
            out.push(rule.kind);
        }
    }
    out
}

/// One letter per kind, for a row with several kinds (`ne`: number and event).
fn kind_letter(kind: RuleKind) -> char {
    match kind {
        RuleKind::Quote => 'q',
        RuleKind::Attribution => 'a',
        RuleKind::Number => 'n',
        RuleKind::Date => 'd',
        RuleKind::Event => 'e',
        RuleKind::Superlative => 's',
        RuleKind::Comparison => 'c',
        RuleKind::Negation => 'x',
        RuleKind::Manual => 'm',
    }
}

/// The kind column of a row (four columns): the tag of a single kind, or one
/// letter per kind when several rules of different kinds match (`na`,
/// `qae+` when more than four).
pub fn kinds_tag(kinds: &[RuleKind]) -> String {
    match kinds {
        [one] => kind_tag(*one).to_string(),
        many if many.len() <= 4 => many.iter().map(|&k| kind_letter(k)).collect(),
        many => {
            let mut s: String = many.iter().take(3).map(|&k| kind_letter(k)).collect();
            s.push('+');
            s
        }
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
            &kinds_tag(&kinds(app, claim)),
            base.patch(theme.label),
        );
        let x = inner.x + 8;
        let w = inner.width.saturating_sub(9);
        let text = art.text(claim.range.clone()).unwrap_or(NOT_READ);
        let off = claim.range.start;
        let matched: Vec<_> = matches[c]
            .iter()
            .flat_map(|m| m.spans.iter())
            .map(|r| r.start.saturating_sub(off)..r.end.saturating_sub(off))
            .collect();
        let hits = hit_ranges(text, needle);
        let line = render::single_line(text, &article_opts(app, a, w as usize));
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
