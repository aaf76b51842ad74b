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
    // Search hits, folded like the search (every occurrence, as source ranges).
    let needle = app.search.as_ref().map_or("", |s| s.needle.as_str());
    let mut hits: Vec<std::ops::Range<usize>> = Vec::new();
    let height = inner.height as usize;
    let units = units(sentences, |s, e| {
        sentences[e].range.end - sentences[s].range.start
    });
    let cursor_unit = units
        .iter()
        .position(|u| u.first <= app.sentence && app.sentence <= u.last)
        .unwrap_or(0);
    // Each unit laid out: its visual lines with the source bytes each shows.
    let lay = |u: &Unit, hits: &mut Vec<std::ops::Range<usize>>| {
        let start = sentences[u.first].range.start;
        let end = sentences[u.last].range.end;
        // The loop reads the article on screen before drawing it.
        let text = art.text(start..end).unwrap_or(NOT_READ);
        hits.extend(
            hit_ranges(text, needle)
                .into_iter()
                .map(|r| r.start + start..r.end + start),
        );
        let mut out: Vec<(VisualLine, std::ops::Range<usize>)> = Vec::new();
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
            out.push((line, span));
        }
        if u.blank_after {
            out.push((VisualLine::default(), 0..0));
        }
        out
    };
    // Only the units around the cursor are laid out (enough to fill the pane
    // with the cursor a third of the way down): a 4 MiB article costs what
    // its screenful costs, not its whole text, at each key.
    let mut lines = match units.get(cursor_unit) {
        Some(u) => lay(u, &mut hits),
        None => Vec::new(),
    };
    let line_of = |lines: &[(VisualLine, std::ops::Range<usize>)], at: usize| {
        lines.iter().position(|(_, r)| r.start <= at && at < r.end)
    };
    let cursor_start = sentences.get(app.sentence).map(|s| s.range.start);
    let mut cursor_line = cursor_start.and_then(|at| line_of(&lines, at)).unwrap_or(0);
    let mut before = cursor_unit;
    while before > 0 && cursor_line < height / 3 {
        before -= 1;
        let mut above = lay(&units[before], &mut hits);
        cursor_line += above.len();
        above.append(&mut lines);
        lines = above;
    }
    let top = cursor_line.saturating_sub(height / 3);
    let mut after = cursor_unit + 1;
    while after < units.len() && lines.len() < top + height {
        let more = lay(&units[after], &mut hits);
        lines.extend(more);
        after += 1;
    }
    let cursor_range = sentences.get(app.sentence).map(|s| s.range.clone());
    // Only what the visible lines show is looked at for each cell.
    let shown = lines.iter().skip(top).take(height).map(|(_, r)| r);
    let lo = shown.clone().map(|r| r.start).min().unwrap_or(0);
    let hi = shown.map(|r| r.end).max().unwrap_or(0);
    let near = |r: &std::ops::Range<usize>| r.start < hi && lo < r.end;
    let claim_ranges: Vec<_> = claims
        .iter()
        .map(|c| c.range.clone())
        .filter(near)
        .collect();
    let matched: Vec<_> = app
        .matches_of(a)
        .iter()
        .flat_map(|m| m.iter().flat_map(|m| m.spans.iter().cloned()))
        .filter(near)
        .collect();
    let boiler: Vec<_> = sentences
        .iter()
        .filter(|s| s.role == SentenceRole::Boilerplate)
        .map(|s| s.range.clone())
        .filter(near)
        .collect();
    hits.retain(near);
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

/// A piece of the article laid out on its own: a paragraph, or one sentence
/// of a paragraph too long to lay out at each key.
struct Unit {
    first: usize,
    last: usize,
    /// A blank line follows (the end of a paragraph).
    blank_after: bool,
}

/// Paragraphs longer than this (in bytes) are laid out sentence by sentence.
const LONG_PARAGRAPH: usize = 16 * 1024;

/// The article's sentences cut into [`Unit`]s; `bytes(first, last)` is the
/// length of the text from sentence `first` to `last`.
fn units(
    sentences: &[crate::extract::Sentence],
    bytes: impl Fn(usize, usize) -> usize,
) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].paragraph;
        let mut j = i;
        while j + 1 < sentences.len() && sentences[j + 1].paragraph == para {
            j += 1;
        }
        if bytes(i, j) <= LONG_PARAGRAPH {
            out.push(Unit {
                first: i,
                last: j,
                blank_after: true,
            });
        } else {
            out.extend((i..=j).map(|k| Unit {
                first: k,
                last: k,
                blank_after: k == j,
            }));
        }
        i = j + 1;
    }
    out
}
