//! The compare view (`D`): a conflict's every side in full (verdict,
//! analyst, time, note, evidence), wrapped, never cut; and a re-check's
//! sentence before the edit against the sentence now, changed words marked.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use super::cells::{opts, overlaps, put_label, put_line};
use super::pane;
use crate::render::{self, VisualLine};
use crate::tui::app::App;
use crate::tui::compare::{Comparison, of_selected};

/// Width of the labels' column.
const LABEL_W: u16 = 10;

/// One row of the view: a label of ours and a laid-out line of untrusted text.
struct Row {
    label: String,
    label_style: Style,
    line: VisualLine,
    style: Style,
    /// Source ranges (of the line's text) drawn in `mark`.
    marks: Vec<Range<usize>>,
    mark: Style,
}

/// Lays out the view's rows for a text column `width` wide.
fn rows(app: &App, cmp: &Comparison, width: usize) -> Vec<Row> {
    let theme = &app.settings.theme;
    let mut out = Vec::new();
    let plain = Style::new();
    let mut text = |label: &str,
                    label_style: Style,
                    value: &str,
                    style: Style,
                    marks: Vec<Range<usize>>,
                    mark: Style| {
        let lines = render::layout(value, &opts(app, width));
        let lines = if lines.is_empty() {
            vec![VisualLine::default()]
        } else {
            lines
        };
        for (k, line) in lines.into_iter().enumerate() {
            out.push(Row {
                label: if k == 0 {
                    label.to_string()
                } else {
                    String::new()
                },
                label_style,
                line,
                style,
                marks: marks.clone(),
                mark,
            });
        }
    };
    text(
        "claim",
        theme.label,
        &cmp.now,
        theme.claim,
        Vec::new(),
        plain,
    );
    for side in &cmp.sides {
        text("", plain, "", plain, Vec::new(), plain);
        text(
            &format!("── {}", side.title),
            theme.title,
            "",
            plain,
            Vec::new(),
            plain,
        );
        let j = &side.judgement;
        let verdict = j.verdict.map_or("no verdict", |v| v.as_str());
        let rating = j
            .rating
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let who = if j.analyst.is_empty() {
            "?"
        } else {
            j.analyst.as_str()
        };
        let (_, vstyle) = theme.mark(j.verdict);
        text(
            "verdict",
            theme.label,
            &format!("{verdict}{rating}"),
            vstyle,
            Vec::new(),
            plain,
        );
        text(
            "by",
            theme.label,
            &format!("{who} at {}", j.updated),
            plain,
            Vec::new(),
            plain,
        );
        let note = if j.note.is_empty() {
            "(none)"
        } else {
            j.note.as_str()
        };
        text("note", theme.label, note, plain, Vec::new(), plain);
        if j.evidence.is_empty() {
            text("evidence", theme.label, "(none)", plain, Vec::new(), plain);
        }
        for (k, url) in j.evidence.iter().enumerate() {
            let label = format!("evidence {}", k + 1);
            text(&label, theme.label, url, plain, Vec::new(), plain);
        }
    }
    if let Some(recheck) = &cmp.recheck {
        text("", plain, "", plain, Vec::new(), plain);
        text(
            "── text changed: re-check",
            theme.title,
            "",
            plain,
            Vec::new(),
            plain,
        );
        match recheck {
            Some((old, diff)) => {
                let gone = theme
                    .error
                    .add_modifier(Modifier::CROSSED_OUT | Modifier::BOLD);
                let came = theme
                    .confirmed
                    .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                text(
                    "before",
                    theme.label,
                    old,
                    theme.dim,
                    diff.removed.clone(),
                    gone,
                );
                text(
                    "now",
                    theme.label,
                    &cmp.now,
                    plain,
                    diff.added.clone(),
                    came,
                );
            }
            None => text(
                "before",
                theme.label,
                "not kept: the verdict was re-attached when the desk was opened; \
                 the earlier wording is in the verdict file's git history",
                theme.dim,
                Vec::new(),
                plain,
            ),
        }
    }
    out
}

/// Draws the compare view over `area`, scrolled by `scroll` rows.
pub fn draw(app: &App, scroll: usize, buf: &mut Buffer, area: Rect) {
    let Some(cmp) = of_selected(app) else {
        return;
    };
    Clear.render(area, buf);
    let title = format!(
        "Both sides · {} · j/k scroll · c/d/u decide · esc closes",
        cmp.id
    );
    let inner = pane(app, buf, area, &title, true);
    let text_x = inner.x + LABEL_W + 1;
    let width = inner.right().saturating_sub(text_x) as usize;
    let rows = rows(app, &cmp, width);
    let scroll = scroll.min(rows.len().saturating_sub(inner.height as usize));
    for (i, row) in rows
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        put_label(
            buf,
            inner.x,
            y,
            if row.line.cells.is_empty() {
                inner.width
            } else {
                LABEL_W
            },
            &row.label,
            row.label_style,
        );
        put_line(buf, text_x, y, width as u16, &row.line, row.style, |cell| {
            if overlaps(&cell.src, &row.marks) {
                row.mark
            } else {
                Style::new()
            }
        });
    }
}

/// How many rows the view has for the selected claim at this terminal size
/// (for scrolling: 0 when there is nothing to compare).
pub fn height(app: &App) -> usize {
    of_selected(app).map_or(0, |cmp| {
        let w = app.size.0.saturating_sub(2 + LABEL_W + 1) as usize;
        rows(app, &cmp, w).len()
    })
}
