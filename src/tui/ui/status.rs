//! The status line (desk, analyst, progress, mode, chord, messages) and the
//! hint bar, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::{fill, put_label, put_untrusted};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, PromptKind, Screen};
use crate::tui::i18n::{self, Label, Lang, t};
use crate::tui::keymap::chord_label;

/// The mode word shown on the status line.
pub fn mode(app: &App) -> &'static str {
    match (&app.overlay, app.screen) {
        (Overlay::Help { .. }, _) => "HELP",
        (Overlay::Messages { .. }, _) => "MESSAGES",
        (Overlay::Assertions { .. }, _) => "CLAIMS",
        (Overlay::Dashboard(_), _) => "DASHBOARD",
        (Overlay::Compare { .. }, _) => "COMPARE",
        (Overlay::Prompt(p), _) => match p.kind {
            PromptKind::Command => "COMMAND",
            PromptKind::Search => "SEARCH",
            PromptKind::Note => "NOTE",
            PromptKind::Evidence => "EVIDENCE",
        },
        (Overlay::None, Screen::Main) => "REVIEW",
        (Overlay::None, Screen::Article) => "ARTICLE",
    }
}

/// Draws the status line.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    fill(buf, area.x, area.y, area.width, theme.status);
    let desk = app.index.desk.root.file_name().map_or_else(
        || app.index.desk.root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let article = app
        .selected_article()
        .map(|a| format!("{}/{}", app.stats[a].reviewed(), app.stats[a].total()))
        .unwrap_or_else(|| "-".into());
    let lang = app.settings.lang;
    let (art_word, desk_word) = match lang {
        Lang::En => ("art", "desk"),
        Lang::Ar => (t(lang, Label::Article), t(lang, Label::Desk)),
    };
    // While the whole desk loads after its first screen, the desk's counts
    // are of what is loaded so far ("+": more to come).
    let (more, loading) = match app.loading {
        Some((done, total)) => ("+", format!(" │ loading {done}/{total}")),
        None => ("", String::new()),
    };
    let left = format!(
        " {} │ {} │ {} │ {art_word} {} · {desk_word} {}/{}{more} │ {}{loading}",
        i18n::mode_word(lang, mode(app)),
        desk,
        app.settings.analyst,
        article,
        app.desk_stats.reviewed(),
        app.desk_stats.total(),
        app.filter.label(),
    );
    let left = match app.sort {
        crate::tui::filter::Sort::Desk => left,
        s => format!("{left} │ sort {}", s.as_str()),
    };
    let mut x = area.x + put_untrusted(buf, app, (area.x, area.y), area.width, &left, theme.status);
    if !app.pending_keys.is_empty() {
        let chord = format!(" │ {}…", chord_label(&app.pending_keys));
        x += put_label(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            &chord,
            theme.status,
        );
    }
    pending_error(app, buf, area, x);
}

/// An error not yet acknowledged stays at the end of the status line (a
/// later message does not hide it), with the key that opens the log.
fn pending_error(app: &App, buf: &mut Buffer, area: Rect, from: u16) {
    let Some(e) = app.log.pending_error() else {
        return;
    };
    // Shown in the hint row right now: no need to repeat it.
    if app
        .message
        .as_ref()
        .is_some_and(|m| m.error && m.text == e.text)
    {
        return;
    }
    let theme = &app.settings.theme;
    let key = app.keymap.first_key(&Action::Messages).unwrap_or_default();
    let x = from + 1;
    let room = area.right().saturating_sub(x);
    if room < 12 {
        return;
    }
    let tail = if key.is_empty() {
        String::new()
    } else {
        format!(" ({key} log)")
    };
    let w = put_label(buf, x, area.y, room, " ✖ ", theme.error);
    let tail_w = tail.chars().count() as u16;
    let text_room = room.saturating_sub(w + tail_w);
    let tw = put_untrusted(buf, app, (x + w, area.y), text_room, &e.text, theme.error);
    put_label(buf, x + w + tw, area.y, tail_w, &tail, theme.error);
}

/// Draws the message (when there is one) in the hint row.
fn message(app: &App, buf: &mut Buffer, area: Rect) -> bool {
    let Some(m) = &app.message else {
        return false;
    };
    let theme = &app.settings.theme;
    let style = if m.error { theme.error } else { theme.label };
    let lead = if m.error { " ✖ " } else { " · " };
    let x = area.x + put_label(buf, area.x, area.y, area.width, lead, style);
    put_untrusted(
        buf,
        app,
        (x, area.y),
        area.right().saturating_sub(x),
        &m.text,
        style,
    );
    true
}

/// The actions worth a hint on each screen.
fn hinted(app: &App) -> &'static [Action] {
    match app.screen {
        Screen::Main => &[
            Action::Confirm,
            Action::Dispute,
            Action::Unverify,
            Action::ClearVerdict,
            Action::Undo,
            Action::NextPending,
            Action::EditNote,
            Action::Open,
            Action::StartSearch,
            Action::Help,
            Action::Quit,
        ],
        Screen::Article => &[
            Action::Confirm,
            Action::Dispute,
            Action::Unverify,
            Action::MarkClaim,
            Action::NextPending,
            Action::EditNote,
            Action::Back,
            Action::Help,
        ],
    }
}

/// Draws the hint bar: `c confirm  d dispute …`, from the keymap; a
/// message (saved, errors) takes its place until the next key.
pub fn hints(app: &App, buf: &mut Buffer, area: Rect) {
    if message(app, buf, area) {
        return;
    }
    let theme = &app.settings.theme;
    let lang = app.settings.lang;
    let mut x = area.x;
    let mut right = area.right();
    // `? help` always shows: at the far end of the bar, drawn first.
    if let (Some(key), Some(name)) = (app.keymap.first_key(&Action::Help), Action::Help.name()) {
        let word = i18n::hint_word(lang, name);
        let need = (key.chars().count() + word.chars().count() + 3) as u16;
        if need < area.width {
            if lang == Lang::Ar {
                let kx = area.x + need - 1 - key.chars().count() as u16;
                put_label(buf, kx, area.y, need, &key, theme.key);
                put_untrusted(
                    buf,
                    app,
                    (area.x + 1, area.y),
                    kx - area.x - 2,
                    word,
                    theme.dim,
                );
                x = area.x + need;
            } else {
                let hx = area.right() - need;
                let kw = put_label(buf, hx, area.y, need, &format!(" {key}"), theme.key);
                put_label(buf, hx + kw, area.y, need, &format!(" {word} "), theme.dim);
                right = hx;
            }
        }
    }
    for action in hinted(app).iter().filter(|a| **a != Action::Help) {
        let (Some(key), Some(name)) = (app.keymap.first_key(action), action.name()) else {
            continue;
        };
        let word = i18n::hint_word(lang, name);
        let need = (key.chars().count() + word.chars().count() + 3) as u16;
        if lang == Lang::Ar {
            // Right to left: hints run from the right edge leftwards, each
            // word laid out (reordered, shaped) by the render pass.
            if right < x + need {
                break;
            }
            right -= need;
            let kx = right + need - 1 - key.chars().count() as u16;
            put_label(buf, kx, area.y, need, &key, theme.key);
            put_untrusted(
                buf,
                app,
                (right + 1, area.y),
                kx - right - 2,
                word,
                theme.dim,
            );
            continue;
        }
        if x + need > right {
            break;
        }
        x += put_label(buf, x, area.y, need, &format!(" {key}"), theme.key);
        x += put_label(buf, x, area.y, need, &format!(" {word} "), theme.dim);
    }
}
