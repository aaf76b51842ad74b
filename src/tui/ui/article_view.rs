//! The full-article view: every sentence, claims highlighted with their
//! mark in the gutter, boilerplate dimmed, a cursor moving sentence by sentence.

use crate::tui::app::NOT_READ;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::{article_opts, hit_ranges, overlaps, put_label, put_line};
use super::pane_with;
use crate::extract::SentenceRole;
use crate::render::{self, VisualLine};
use crate::tui::app::App;

/// Width of the gutter holding verdict marks.
const GUTTER: u16 = 2;

/// Draws the selected article in full into `area`.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let Some(a) = app.selected_article() else {
        return;
    };
    let art = &app.index.articles[a];
    let theme = &app.settings.theme;
    let stats = &app.stats[a];
    let counts = format!(
        "{}/{} reviewed · sentence {}/{}",
        stats.reviewed(),
        stats.total(),
        app.sentence + 1,
        art.extraction.sentences.len()
    );
    let inner = pane_with(app, buf, area, &art.article.meta.title, &counts, true);
    let text_w = inner.width.saturating_sub(GUTTER) as usize;
    let sentences = &art.extraction.sentences;
    let claims = &art.extraction.claims;
    // Lay out paragraph by paragraph: each visual line with the source bytes it shows.
    let mut lines: Vec<(VisualLine, std::ops::Range<usize>)> = Vec::new();
    // Search hits, folded like the search (every occurrence, as source ranges).
    let needle = app.search.as_ref().map_or("", |s| s.needle.as_str());
    let mut hits: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].paragraph;
        let mut j = i;
        while j + 1 < sentences.len() && sentences[j + 1].paragraph == para {
            j += 1;
        }
        let start = sentences[i].range.start;
        let end = sentences[j].range.end;
        // The loop reads the article on screen before drawing it.
        let text = art.text(start..end).unwrap_or(NOT_READ);
        hits.extend(
            hit_ranges(text, needle)
                .into_iter()
                .map(|r| r.start + start..r.end + start),
        );
        for mut line in render::layout(text, &article_opts(app, a, text_w)) {
            for cell in &mut line.cells {
                cell.src = cell.src.start + start..cell.src.end + start;
            }
            let span = line
                .cells
                .iter()
                .map(|c| c.src.start)
                .min()
                .unwrap_or(start)
                ..line.cells.iter().map(|c| c.src.end).max().unwrap_or(start);
            lines.push((line, span));
        }
        lines.push((VisualLine::default(), 0..0));
        i = j + 1;
    }
    // The line holding the start of a sentence.
    let line_of = |at: usize| lines.iter().position(|(_, r)| r.start <= at && at < r.end);
    let cursor_line = sentences
        .get(app.sentence)
        .and_then(|s| line_of(s.range.start))
        .unwrap_or(0);
    let height = inner.height as usize;
    let top = cursor_line.saturating_sub(height / 3);
    let cursor_range = sentences.get(app.sentence).map(|s| s.range.clone());
    let claim_ranges: Vec<_> = claims.iter().map(|c| c.range.clone()).collect();
    let matched: Vec<_> = app
        .matches_of(a)
        .iter()
        .flat_map(|m| m.iter().flat_map(|m| m.spans.iter().cloned()))
        .collect();
    let boiler: Vec<_> = sentences
        .iter()
        .filter(|s| s.role == SentenceRole::Boilerplate)
        .map(|s| s.range.clone())
        .collect();
    for (row, (line, span)) in lines.iter().skip(top).take(height).enumerate() {
        let y = inner.y + row as u16;
        // The marks of the (first two) claims whose sentence starts on this line.
        let starting = claims.iter().filter(|c| span.contains(&c.range.start));
        for (k, claim) in starting.take(GUTTER as usize).enumerate() {
            let (mark, style) = if app.inflight.contains_key(&claim.id) {
                theme.saving_mark()
            } else {
                theme.mark(app.verdict_of(&claim.id))
            };
            put_label(buf, inner.x + k as u16, y, 1, mark, style);
        }
        put_line(
            buf,
            inner.x + GUTTER,
            y,
            inner.width - GUTTER,
            line,
            Style::new(),
            |cell| {
                let mut st = Style::new();
                if overlaps(&cell.src, &boiler) {
                    st = st.patch(theme.dim);
                }
                if overlaps(&cell.src, &claim_ranges) {
                    st = st.patch(theme.claim);
                }
                if overlaps(&cell.src, &matched) {
                    st = st.patch(theme.matched);
                }
                if overlaps(&cell.src, &hits) {
                    st = st.patch(theme.hit);
                }
                if cursor_range
                    .as_ref()
                    .is_some_and(|r| overlaps(&cell.src, std::slice::from_ref(r)))
                {
                    st = st.patch(theme.cursor);
                }
                st
            },
        );
    }
}
