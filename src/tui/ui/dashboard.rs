//! The dashboard overlay (`D`, `:dashboard`): progress of the desk, then the
//! judged claims by verdict (a bar chart), by day (a sparkline), by outlet
//! and by analyst. The numbers are the Markdown report's
//! ([`crate::export::Totals`], computed from the same export records), so
//! the two fronts never disagree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Sparkline, Widget};

use super::cells::{put_label, put_untrusted};
use super::pane;
use crate::export::{Counts, ExportFilter, Totals, collect};
use crate::store::{Verdict, VerdictRecord};
use crate::text::dates::Date;
use crate::tui::app::{App, Stats};
use crate::tui::i18n::Lang;

/// What the dashboard shows, computed when it opens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dashboard {
    /// The report's numbers over every record of the desk.
    pub totals: Totals,
    /// Claim appearances by state (pending, confirmed, …), as the panes count them.
    pub progress: Stats,
    /// Verdicts given each day from the first to the last (gaps as 0).
    pub per_day: Vec<u64>,
}

impl Dashboard {
    /// The dashboard of the desk as the app has it now.
    pub fn of(app: &App) -> Dashboard {
        let mut records: Vec<VerdictRecord> = app.verdicts.values().cloned().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        let exported = collect(&app.index, &records, &ExportFilter::default());
        let totals = Totals::of(&exported);
        let per_day = per_day(&totals);
        Dashboard {
            totals,
            progress: app.desk_stats,
            per_day,
        }
    }
}

/// Reviewed (judged or not a claim) each day, gaps filled with 0.
fn per_day(t: &Totals) -> Vec<u64> {
    let days: Vec<(i64, usize)> = t
        .by_day
        .iter()
        .filter_map(|(d, c)| Some((Date::parse_iso(d)?.day_number(), c.reviewed())))
        .collect();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Vec::new();
    };
    // At most a year is drawn (the last days of it).
    let start = first.0.max(last.0 - 365);
    let mut out = vec![0u64; (last.0 - start + 1) as usize];
    for (d, n) in days.iter().filter(|(d, _)| *d >= start) {
        out[(d - start) as usize] += *n as u64;
    }
    out
}

/// Our words in the interface language.
fn w(lang: Lang, en: &'static str, ar: &'static str) -> &'static str {
    if lang == Lang::Ar { ar } else { en }
}

/// Writes a line of our own words: as is in English; laid out (BiDi,
/// shaping, from the right) like any text in Arabic.
fn say(app: &App, buf: &mut Buffer, (x, y): (u16, u16), max_w: u16, text: &str, style: Style) {
    if app.settings.lang == Lang::Ar {
        put_untrusted(buf, app, (x, y), max_w, text, style);
    } else {
        put_label(buf, x, y, max_w, text, style);
    }
}

/// Draws the dashboard over `area`.
pub fn draw(app: &App, d: &Dashboard, buf: &mut Buffer, area: Rect) {
    let lang = app.settings.lang;
    let theme = &app.settings.theme;
    // Inside the panes' borders, as the other overlays (help, messages).
    let width = area.width.saturating_sub(4).min(100);
    let outer = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + 1,
        width,
        area.height.saturating_sub(2),
    );
    Clear.render(outer, buf);
    let title = format!(
        "{} · esc {}",
        w(lang, "Dashboard", "لوحة المتابعة"),
        w(lang, "closes", "للإغلاق")
    );
    let inner = pane(app, buf, outer, &title, true);
    if inner.height < 6 || inner.width < 30 {
        return;
    }
    let (x, mut y, iw) = (inner.x + 1, inner.y, inner.width.saturating_sub(2));
    let p = &d.progress;
    let share = (p.reviewed() * 100).checked_div(p.total()).unwrap_or(0);
    let line = format!(
        "{} {}/{} {} ({share}%) · {} {} · {} {}",
        w(lang, "reviewed", "رُوجع"),
        p.reviewed(),
        p.total(),
        w(lang, "claims", "من الادعاءات"),
        w(lang, "pending", "معلّق"),
        p.pending(),
        w(lang, "not a claim", "ليس ادعاء"),
        p.counts[Stats::slot(Some(Verdict::NotAClaim))],
    );
    say(app, buf, (x, y), iw, &line, theme.label);
    y += 1;
    let t = &d.totals;
    let line = format!(
        "{} {} ({} {}, {} {}, {} {}) · {} {}",
        w(lang, "judged claims", "ادعاءات محكومة"),
        t.all.total(),
        t.all.disputed,
        w(lang, "disputed", "مفنَّد"),
        t.all.confirmed,
        w(lang, "confirmed", "مؤكد"),
        t.all.unverified,
        w(lang, "unverified", "غير محقق"),
        w(lang, "flagged", "بحاجة إلى انتباه"),
        t.flagged,
    );
    say(app, buf, (x, y), iw, &line, Style::new());
    y += 1;

    // Verdicts (bar chart) and days (sparkline), side by side.
    let rows_left = inner.bottom().saturating_sub(y);
    let chart_h = (rows_left / 2).clamp(4, 9);
    let half = iw / 2;
    let bars: Vec<Bar> = [
        (Verdict::Disputed, theme.disputed),
        (Verdict::Confirmed, theme.confirmed),
        (Verdict::Unverified, theme.unverified),
        (Verdict::NotAClaim, theme.dim),
    ]
    .into_iter()
    .map(|(v, style)| {
        let label = match v {
            Verdict::Disputed => "disp",
            Verdict::Confirmed => "conf",
            Verdict::Unverified => "unv",
            Verdict::NotAClaim => "noise",
        };
        Bar::default()
            .value(t.all.get(v) as u64)
            .label(label)
            .style(style)
            .value_style(style.reversed())
    })
    .collect();
    let chart_w = half.min(30);
    say(
        app,
        buf,
        (x, y),
        chart_w,
        w(lang, "by verdict", "حسب الحكم"),
        theme.label,
    );
    BarChart::default()
        .bar_width(5)
        .bar_gap(1)
        .data(BarGroup::default().bars(&bars))
        .render(
            Rect::new(x, y + 1, chart_w, chart_h - 1).intersection(inner),
            buf,
        );
    let spark_x = x + chart_w + 2;
    let spark_w = (x + iw).saturating_sub(spark_x);
    let days = match (&t.first, &t.last) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), _) => a.clone(),
        _ => "-".into(),
    };
    // The dates are written on their own, left to right: after the words in
    // English, at the left end in Arabic (laid out from the right).
    match lang {
        Lang::Ar => {
            say(app, buf, (spark_x, y), spark_w, "حسب اليوم", theme.label);
            put_label(buf, spark_x, y, spark_w, &days, theme.label);
        }
        Lang::En => {
            let title = format!("by day · {days}");
            put_label(buf, spark_x, y, spark_w, &title, theme.label);
        }
    }
    let shown = &d.per_day[d.per_day.len().saturating_sub(spark_w as usize)..];
    Sparkline::default().data(shown).style(theme.label).render(
        Rect::new(spark_x, y + 1, spark_w, chart_h.min(6) - 1).intersection(inner),
        buf,
    );
    y += chart_h;

    // Outlets and analysts: one row each, a bar and the counts.
    let rows = inner.bottom().saturating_sub(y + 1) as usize;
    let col_w = iw / 2;
    table(
        app,
        buf,
        (x, y),
        (col_w.saturating_sub(1), rows),
        w(lang, "by outlet", "حسب الوسيلة"),
        &t.by_outlet,
    );
    table(
        app,
        buf,
        (x + col_w + 1, y),
        (iw.saturating_sub(col_w + 1), rows),
        w(lang, "by analyst", "حسب المحلل"),
        &t.by_analyst,
    );
}

/// A titled list of names with a bar and `disputed/confirmed/unverified`
/// counts, the biggest first; `+N more` when it does not fit.
fn table(
    app: &App,
    buf: &mut Buffer,
    (x, y): (u16, u16),
    (width, rows): (u16, usize),
    title: &str,
    of: &std::collections::BTreeMap<String, Counts>,
) {
    let theme = &app.settings.theme;
    if rows < 2 || width < 12 {
        return;
    }
    let title = format!("{title} · d/c/u/noise");
    say(app, buf, (x, y), width, &title, theme.label);
    let mut list: Vec<(&String, &Counts)> = of.iter().collect();
    list.sort_by(|a, b| b.1.reviewed().cmp(&a.1.reviewed()).then(a.0.cmp(b.0)));
    let max = list.first().map_or(1, |(_, c)| c.reviewed().max(1));
    let name_w = (width / 3).max(6);
    let count_w = 12u16;
    let bar_w = width.saturating_sub(name_w + count_w + 2);
    let fits = rows - 1;
    let shown = if list.len() > fits { fits - 1 } else { fits };
    for (i, (name, c)) in list.iter().take(shown).enumerate() {
        let row = y + 1 + i as u16;
        put_untrusted(buf, app, (x, row), name_w, name, Style::new());
        let n = (c.reviewed() * bar_w as usize).div_ceil(max) as u16;
        let bar = "█".repeat(n.min(bar_w) as usize);
        let style = if c.disputed > 0 {
            theme.disputed
        } else {
            theme.confirmed
        };
        put_label(buf, x + name_w + 1, row, bar_w, &bar, style);
        let counts = format!(
            "{}/{}/{}/{}",
            c.disputed, c.confirmed, c.unverified, c.not_a_claim
        );
        put_label(
            buf,
            x + name_w + bar_w + 2,
            row,
            count_w,
            &counts,
            Style::new(),
        );
    }
    if list.len() > shown {
        let more = format!("+{} more", list.len() - shown);
        put_label(buf, x, y + 1 + shown as u16, width, &more, theme.dim);
    }
}
