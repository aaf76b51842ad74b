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
        (Overlay::Assertions { .. }, _) => "CLAIMS",
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
    let left = format!(
        " {} │ {} │ {} │ {art_word} {} · {desk_word} {}/{} │ {}",
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
    let x = area.x + put_untrusted(buf, app, (area.x, area.y), area.width, &left, theme.status);
    if !app.pending_keys.is_empty() {
        let chord = format!(" │ {}…", chord_label(&app.pending_keys));
        put_label(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            &chord,
            theme.status,
        );
    }
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
    for action in hinted(app) {
        let (Some(key), Some(name)) = (app.keymap.first_key(action), action.name()) else {
            continue;
        };
        let word = i18n::hint_word(lang, name);
        let need = (key.chars().count() + word.chars().count() + 3) as u16;
        if lang == Lang::Ar {
            // Right to left: hints run from the right edge leftwards, each
            // word laid out (reordered, shaped) by the render pass.
            if right < area.x + need {
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
        if x + need > area.right() {
            break;
        }
        x += put_label(buf, x, area.y, need, &format!(" {key}"), theme.key);
        x += put_label(buf, x, area.y, need, &format!(" {word} "), theme.dim);
    }
}
