//! Drawing: `draw(&App, &mut Frame)` reads the state and changes nothing.

pub mod article_view;
pub mod articles;
pub mod assertions;
pub mod cells;
pub mod claims;
pub mod compare;
pub mod dashboard;
pub mod detail;
pub mod help;
pub mod layout;
pub mod message_log;
pub mod prompt;
pub mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Widget};

use super::app::{App, Overlay, Pane, Screen};
use super::i18n::{Label, t};

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let size = (area.width, area.height);
    if layout::too_small(size) {
        too_small(app, buf, area);
        return;
    }
    let areas = layout::areas(size);
    match app.screen {
        Screen::Main => {
            articles::draw(app, buf, areas.articles, app.focus == Pane::Articles);
            claims::draw(app, buf, areas.claims, app.focus == Pane::Claims);
            detail::draw(app, buf, areas.detail);
        }
        Screen::Article => article_view::draw(app, buf, areas.body),
    }
    match &app.overlay {
        Overlay::Prompt(p) => prompt::draw(app, p, buf, areas.hint),
        _ => status::hints(app, buf, areas.hint),
    }
    status::draw(app, buf, areas.status);
    if let Overlay::Assertions { sel } = app.overlay {
        assertions::draw(app, sel, buf, areas.body);
    }
    if let Overlay::Compare { scroll } = app.overlay {
        compare::draw(app, scroll, buf, areas.body);
    }
    if let Overlay::Help { scroll } = app.overlay {
        help::draw(app, scroll, buf, areas.body);
    }
    if let Overlay::Dashboard(d) = &app.overlay {
        dashboard::draw(app, d, buf, areas.body);
    }
    if let Overlay::Messages { scroll } = app.overlay {
        message_log::draw(app, scroll, buf, areas.body);
    }
}

/// A bordered pane with a title; returns the inner area.
pub fn pane(app: &App, buf: &mut Buffer, area: Rect, title: &str, focused: bool) -> Rect {
    pane_with(app, buf, area, title, "", focused)
}

/// A bordered pane with an (untrusted) title on the left and a label of
/// ours (counts) on the right of the top border; returns the inner area.
pub fn pane_with(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    right: &str,
    focused: bool,
) -> Rect {
    let theme = &app.settings.theme;
    let style = if focused {
        theme.focus_border
    } else {
        theme.border
    };
    let block = Block::bordered().border_style(style);
    let inner = block.inner(area);
    block.render(area, buf);
    let title_style = if focused {
        theme.focus_border
    } else {
        theme.title
    };
    let right_w = right.chars().count() as u16 + 2;
    let mut room = area.width.saturating_sub(5);
    if !right.is_empty() && area.width > right_w + 12 {
        let x = area.x + area.width - right_w - 1;
        cells::put_label(buf, x, area.y, right_w, &format!(" {right} "), title_style);
        room = room.saturating_sub(right_w + 1);
    }
    if area.width > 4 {
        cells::put_label(buf, area.x + 1, area.y, 1, " ", title_style);
        let w = cells::put_untrusted(buf, app, (area.x + 2, area.y), room, title, title_style);
        cells::put_label(buf, area.x + 2 + w, area.y, 1, " ", title_style);
    }
    inner
}

/// The style of a list row: the theme's selection in the focused pane, bold
/// in the other, plain otherwise.
pub fn row_style(theme: &super::theme::Theme, selected: bool, focused: bool) -> Style {
    if selected && focused {
        theme.selected
    } else if selected {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    }
}

fn too_small(app: &App, buf: &mut Buffer, area: Rect) {
    let msg = format!(
        "{} ({}x{}); need {}x{}",
        t(app.settings.lang, Label::TooSmall),
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let y = area.y + area.height / 2;
    for (i, line) in [msg.as_str(), "resize, or q to quit"].iter().enumerate() {
        let w = (line.chars().count() as u16).min(area.width);
        let x = area.x + (area.width - w) / 2;
        cells::put_untrusted(
            buf,
            app,
            (x, y + i as u16),
            area.width,
            line,
            app.settings.theme.error,
        );
    }
}
