//! The detail pane: the selected claim in context, its verdict record
//! (note, evidence, analyst, time), captures, other appearances and flags.

use crate::tui::app::NOT_READ;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::{article_opts, opts, overlaps, put_label, put_line, put_untrusted};
use super::claims::kinds;
use super::pane;
use crate::link::Level;
use crate::render::{self, Direction};
use crate::tui::app::App;
use crate::tui::i18n::{Label, Lang, t};

/// A writer of lines into an area, top to bottom, until it is full.
struct Lines<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    y: u16,
}

impl Lines<'_> {
    fn full(&self) -> bool {
        self.y >= self.area.bottom()
    }

    /// A label (ours) followed by an untrusted value on one line. With
    /// `lang = "ar"` the row reads right to left: label and value are laid
    /// out together (reordered, shaped), the label at the right edge.
    fn field(&mut self, app: &App, label: &str, value: &str, style: Style) {
        self.field_in(app, label, value, style, Direction::FirstStrong);
    }

    /// [`Lines::field`] with the value's paragraph direction chosen by `dir`.
    fn field_in(&mut self, app: &App, label: &str, value: &str, style: Style, dir: Direction) {
        if self.full() {
            return;
        }
        if app.settings.lang == Lang::Ar && !label.trim().is_empty() {
            let text = format!("{label}: {value}");
            let label_end = label.len() + 1;
            let o = opts(app, self.area.width as usize).with_direction(Direction::Rtl);
            let line = render::single_line(&text, &o);
            let label_style = app.settings.theme.label;
            put_line(
                self.buf,
                self.area.x,
                self.y,
                self.area.width,
                &line,
                Style::new(),
                |c| {
                    if c.src.start < label_end {
                        label_style
                    } else {
                        style
                    }
                },
            );
            self.y += 1;
            return;
        }
        let lw = put_label(
            self.buf,
            self.area.x,
            self.y,
            self.area.width,
            label,
            app.settings.theme.label,
        );
        let room = self.area.width.saturating_sub(lw + 1);
        if room > 0 {
            let line = render::single_line(value, &opts(app, room as usize).with_direction(dir));
            put_line(
                self.buf,
                self.area.x + lw + 1,
                self.y,
                room,
                &line,
                style,
                |_| Style::new(),
            );
        }
        self.y += 1;
    }

    /// A label and a value of several lines (a note from `$EDITOR`): each
    /// line of the value on its own row (wrapped, at most `max` rows, the
    /// last cut with `…`), laid out in its own script majority's direction.
    fn multiline(&mut self, app: &App, label: &str, value: &str, max: usize) {
        let lines: Vec<&str> = value.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() <= 1 {
            self.field_in(app, label, value.trim(), Style::new(), Direction::Majority);
            return;
        }
        self.field(
            app,
            label,
            &format!("({} lines)", lines.len()),
            app.settings.theme.dim,
        );
        let width = self.area.width.saturating_sub(2) as usize;
        let o = opts(app, width).with_direction(Direction::Majority);
        let mut rows = 0;
        for text in lines {
            for line in render::layout(text, &o) {
                if self.full() || rows == max {
                    return;
                }
                put_line(
                    self.buf,
                    self.area.x + 2,
                    self.y,
                    self.area.width.saturating_sub(2),
                    &line,
                    Style::new(),
                    |_| Style::new(),
                );
                self.y += 1;
                rows += 1;
            }
        }
    }

    /// Wrapped untrusted text, at most `max` lines (`skip_to_last`: show the last lines).
    fn wrapped(
        &mut self,
        app: &App,
        a: usize,
        text: &str,
        max: usize,
        from_end: bool,
        style: impl Fn(&Range<usize>) -> Style,
    ) {
        let lines = render::layout(text, &article_opts(app, a, self.area.width as usize));
        let skip = if from_end {
            lines.len().saturating_sub(max)
        } else {
            0
        };
        for line in lines.iter().skip(skip).take(max) {
            if self.full() {
                return;
            }
            put_line(
                self.buf,
                self.area.x,
                self.y,
                self.area.width,
                line,
                Style::new(),
                |c| style(&c.src),
            );
            self.y += 1;
        }
    }
}

/// Draws the selected claim's detail into `area`.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let lang = app.settings.lang;
    let theme = &app.settings.theme;
    let inner = pane(app, buf, area, t(lang, Label::Claim), false);
    let Some((a, c)) = app.selected_claim() else {
        return;
    };
    let art = &app.index.articles[a];
    let claim = &art.extraction.claims[c];
    let record = app.verdicts.get(&claim.id);
    let matches = app.matches_of(a);
    let matches = &matches[c];
    let mut out = Lines {
        buf,
        area: inner,
        y: inner.y,
    };
    // Header: mark, verdict, kind, rule, who and when.
    let verdict = record.and_then(|r| r.verdict);
    let saving = app.inflight.contains_key(&claim.id);
    let (mark, mark_style) = if saving {
        theme.saving_mark()
    } else {
        theme.mark(verdict)
    };
    let rule = claim
        .rules
        .owner()
        .and_then(|r| app.index.rules.rules.get(r))
        .map_or("manual", |r| r.id.as_str());
    let rating = record
        .and_then(|r| r.rating.as_deref())
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    let mut header = format!(
        " {}{rating}{} · {} · {} · {}",
        verdict.map_or("pending", |v| v.as_str()),
        if saving { " (saving…)" } else { "" },
        claim.kind.as_str(),
        rule,
        claim.id
    );
    if let Some(r) = record.filter(|r| !r.analyst.is_empty()) {
        header.push_str(&format!(
            " · {} {} {}",
            t(lang, Label::By),
            r.analyst,
            r.updated
        ));
    }
    put_label(out.buf, inner.x, out.y, 1, mark, mark_style);
    put_untrusted(
        out.buf,
        app,
        (inner.x + 1, out.y),
        inner.width.saturating_sub(1),
        &header,
        theme.title,
    );
    out.y += 1;
    // A verdict without a label: the desk's labels under it, with their keys.
    if let Some(v) = verdict.filter(|_| record.is_some_and(|r| r.rating.is_none())) {
        let labels = crate::tui::edits::labels_under(app, v);
        if !labels.is_empty() {
            let choices = crate::tui::edits::rating_choices(&labels);
            out.field(app, "label", &choices, theme.dim);
        }
    }
    let all_kinds = kinds(app, claim);
    if all_kinds.len() > 1 {
        let names: Vec<&str> = all_kinds.iter().map(|k| k.as_str()).collect();
        out.field(app, t(lang, Label::Kinds), &names.join(", "), theme.label);
    }
    let flags = record.map(crate::tui::app::flags).unwrap_or_default();
    if !flags.is_empty() {
        let mut text = flags.join("; ");
        if let Some(k) = app.keymap.first_key(&crate::tui::action::Action::Compare) {
            // The view that shows every side in full.
            text = format!("{k} both sides · {text}");
        }
        out.field(app, t(lang, Label::Flags), &text, theme.error);
    }
    // The claim in context: the end of the sentence before, the claim, the
    // start of the one after (more of each when the pane is tall).
    let sentences = &art.extraction.sentences;
    let context = ((inner.height as usize).saturating_sub(8) / 3).max(1);
    if let Some(prev) = claim.sentence.checked_sub(1).and_then(|i| sentences.get(i)) {
        out.wrapped(
            app,
            a,
            art.text(prev.range.clone()).unwrap_or(NOT_READ),
            context,
            true,
            |_| theme.dim,
        );
    }
    let off = claim.range.start;
    let matched: Vec<Range<usize>> = matches
        .iter()
        .flat_map(|m| m.spans.iter())
        .map(|r| r.start.saturating_sub(off)..r.end.saturating_sub(off))
        .collect();
    out.wrapped(
        app,
        a,
        art.text(claim.range.clone()).unwrap_or(NOT_READ),
        6,
        false,
        |src| {
            if overlaps(src, &matched) {
                theme.matched.patch(theme.claim)
            } else {
                theme.claim
            }
        },
    );
    if let Some(next) = sentences.get(claim.sentence + 1) {
        out.wrapped(
            app,
            a,
            art.text(next.range.clone()).unwrap_or(NOT_READ),
            context,
            false,
            |_| theme.dim,
        );
    }
    if let Some(r) = record {
        if !r.note.is_empty() {
            out.multiline(app, t(lang, Label::Note), &r.note, NOTE_ROWS);
        }
        evidence_lines(&mut out, app, &r.evidence);
    }
    if let Some(url) = art
        .article
        .meta
        .url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    {
        let key = app
            .keymap
            .first_key(&crate::tui::action::Action::OpenUrl(None))
            .map(|k| format!("  ({k} opens)"))
            .unwrap_or_default();
        out.field(app, "url", &format!("{}{key}", url.trim()), theme.dim);
    }
    let captures: Vec<String> = matches
        .iter()
        .flat_map(|m| m.captures.iter())
        .map(|(name, range)| format!("{name}={}", art.text(range.clone()).unwrap_or(NOT_READ)))
        .collect();
    if !captures.is_empty() {
        out.field(
            app,
            t(lang, Label::Captures),
            &captures.join("  "),
            Style::new(),
        );
    }
    let others: Vec<usize> = app
        .index
        .appearances(&claim.id)
        .iter()
        .map(|r| r.article)
        .filter(|&other| other != a)
        .collect();
    if !others.is_empty() {
        let text = format!("{} ({})", others.len(), t(lang, Label::ExactCopy));
        out.field(app, t(lang, Label::AlsoIn), &text, Style::new());
        appearance_lines(&mut out, app, &others);
    }
    linked_lines(&mut out, app, (a, c));
    review_lines(&mut out, app, (a, c));
}

/// How many imported reviews are listed before "+N more".
const REVIEWS_SHOWN: usize = 2;

/// Reviews other organisations published of this claim (imported with
/// `import-reviews`, matched by the linking core): rating — author, date,
/// then the claim as they quoted it and their address. Reference only.
fn review_lines(out: &mut Lines, app: &App, (a, c): (usize, usize)) {
    let found = app.reviews_of(a, c);
    if found.is_empty() {
        return;
    }
    let lang = app.settings.lang;
    let theme = &app.settings.theme;
    let label = if lang == crate::tui::i18n::Lang::Ar {
        "مراجعات خارجية"
    } else {
        "Reviews elsewhere"
    };
    out.field(app, label, &format!("{}", found.len()), Style::new());
    for (m, r) in found.iter().take(REVIEWS_SHOWN) {
        let level = if m.level == Level::Same { "" } else { " ~" };
        let line = format!("{:.0}%{level} · {}", m.similarity * 100.0, r.summary());
        out.field(app, "  ", &line, theme.label);
        out.field(app, "   ", &r.url, theme.dim);
        out.field(app, "   ", &format!("«{}»", r.claim), theme.dim);
    }
    if found.len() > REVIEWS_SHOWN {
        let more = format!("+{} more", found.len() - REVIEWS_SHOWN);
        out.field(app, "  ", &more, theme.dim);
    }
}

/// How many rows a note of several lines takes at most.
const NOTE_ROWS: usize = 6;

/// The evidence URLs in full: numbered (`:open-url N`, `:copy-url N`),
/// each wrapped onto as many rows as it needs.
fn evidence_lines(out: &mut Lines, app: &App, evidence: &[String]) {
    let label = t(app.settings.lang, Label::Evidence);
    for (k, url) in evidence.iter().enumerate() {
        if out.full() {
            return;
        }
        let lw = put_label(
            out.buf,
            out.area.x,
            out.y,
            out.area.width,
            if k == 0 { label } else { "" },
            app.settings.theme.label,
        )
        .max(label.chars().count() as u16);
        let num = format!("{} ", k + 1);
        let x = out.area.x + lw + 1;
        put_label(
            out.buf,
            x,
            out.y,
            out.area.width,
            &num,
            app.settings.theme.dim,
        );
        let x = x + num.len() as u16;
        let width = out.area.right().saturating_sub(x);
        for line in render::layout(url, &opts(app, width as usize)) {
            if out.full() {
                return;
            }
            put_line(out.buf, x, out.y, width, &line, Style::new(), |_| {
                Style::new()
            });
            out.y += 1;
        }
    }
}

/// How many claims linked as similar (suggested) are listed.
const SIMILAR_SHOWN: usize = 2;

/// The claims linked to this one across the desk: the same claim in other
/// words first, then similar ones (suggested), each as outlet · date ·
/// title · similarity, and the figures that differ; then a verdict one of
/// them already has, offered as a suggestion.
fn linked_lines(out: &mut Lines, app: &App, (a, c): (usize, usize)) {
    let lang = app.settings.lang;
    let theme = &app.settings.theme;
    if app.links_pending() {
        return;
    }
    let linked = app.linked(a, c);
    for (level, label, shown) in [
        (Level::Same, Label::SameClaim, APPEARANCES_SHOWN),
        (Level::Similar, Label::Suggested, SIMILAR_SHOWN),
    ] {
        let of_level: Vec<_> = linked.iter().filter(|(_, r)| r.level == level).collect();
        if of_level.is_empty() {
            continue;
        }
        let drifting = of_level.iter().filter(|(_, r)| !r.drift.is_empty()).count();
        let mut head = format!("{} ({})", of_level.len(), t(lang, label));
        if drifting > 0 {
            head.push_str(&format!(" · {} {drifting}", t(lang, Label::Drift)));
        }
        out.field(app, t(lang, Label::Linked), &head, Style::new());
        for (r, rel) in of_level.iter().take(shown) {
            let line = format!(
                "{:.0}% · {}",
                rel.similarity * 100.0,
                appearance(app, r.article)
            );
            out.field(app, "  ", &line, Style::new());
            if !rel.drift.is_empty() {
                let figures: Vec<String> = rel
                    .drift
                    .iter()
                    .map(|d| format!("{} ≠ {}", d.ours, d.theirs))
                    .collect();
                out.field(
                    app,
                    "   ",
                    &format!("{}: {}", t(lang, Label::Drift), figures.join("; ")),
                    theme.error,
                );
            }
        }
        if of_level.len() > shown {
            let more = format!("+{} more", of_level.len() - shown);
            out.field(app, "  ", &more, theme.dim);
        }
    }
    if let Some((r, rec)) = app.judged_before(a, c) {
        let verdict = rec.verdict.map_or("-", |v| v.as_str());
        let key = app
            .keymap
            .first_key(&crate::tui::action::Action::AcceptSuggestion)
            .map(|k| format!("{k} takes it: "))
            .unwrap_or_default();
        let mut text = format!("{key}{verdict} by {}", rec.analyst);
        if !rec.note.is_empty() {
            text.push_str(&format!(" · {}", rec.note));
        }
        text.push_str(&format!(
            " · {} · {}",
            appearance(app, r.article),
            rec.updated
        ));
        out.field(app, t(lang, Label::JudgedBefore), &text, theme.label);
    }
}

/// How many appearances are listed before "+N more".
const APPEARANCES_SHOWN: usize = 4;

/// One line per article: outlet · date · title (the path when there is no
/// title), then "+N more".
fn appearance_lines(out: &mut Lines, app: &App, articles: &[usize]) {
    for &other in articles.iter().take(APPEARANCES_SHOWN) {
        out.field(app, "  ", &appearance(app, other), Style::new());
    }
    if articles.len() > APPEARANCES_SHOWN {
        let more = format!("+{} more", articles.len() - APPEARANCES_SHOWN);
        out.field(app, "  ", &more, app.settings.theme.dim);
    }
}

/// An article as a reader names it: outlet · date · title.
pub fn appearance(app: &App, article: usize) -> String {
    let art = &app.index.articles[article];
    let meta = &art.article.meta;
    let title = if meta.title.trim().is_empty() {
        art.rel.as_str()
    } else {
        meta.title.as_str()
    };
    [meta.source.as_deref(), meta.date.as_deref(), Some(title)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}
