//! The `?` help overlay, generated from the keymap and the command table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::cells::{put_label, put_untrusted};
use super::pane;
use crate::tui::action::COMMANDS;
use crate::tui::app::App;
use crate::tui::i18n::{self, Label, Lang, t};
use crate::tui::keymap::Keymap;

/// The help text as rows of (keys, name, description): every command with
/// its keys (or `:name` when it has none), then the `:` forms that take
/// arguments.
pub fn rows(keymap: &Keymap) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = COMMANDS
        .iter()
        .filter(|c| !(c.keys.is_empty() && c.args.is_some()))
        .map(|c| {
            let keys = keymap.keys_for(&c.action);
            let keys = if keys.is_empty() {
                format!(":{}", c.name)
            } else {
                keys.join(", ")
            };
            (keys, c.name.to_string(), c.help.to_string())
        })
        .collect();
    for c in COMMANDS {
        if let Some(form) = &c.args {
            out.push((
                format!(":{}", form.usage),
                c.name.to_string(),
                form.help.to_string(),
            ));
        }
    }
    out
}

/// Rows of help the overlay shows at once at the app's size.
fn visible_rows(app: &App) -> usize {
    let body = super::layout::areas(app.size).body;
    body.height.saturating_sub(4) as usize
}

/// The last scroll position that still fills the overlay (`G` goes there).
pub fn max_scroll(app: &App) -> usize {
    rows(&app.keymap).len().saturating_sub(visible_rows(app))
}

/// Draws the help overlay over `area`, scrolled by `scroll` rows.
pub fn draw(app: &App, scroll: usize, buf: &mut Buffer, area: Rect) {
    let theme = &app.settings.theme;
    let w = area.width.saturating_sub(4).min(76);
    let h = area.height.saturating_sub(2);
    let outer = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    Clear.render(outer, buf);
    let title = format!(
        "{} · j/k scroll · g g/G top/end · esc closes",
        t(app.settings.lang, Label::Help)
    );
    let inner = pane(app, buf, outer, &title, true);
    let rows = rows(&app.keymap);
    let key_w = 16u16.min(inner.width / 3);
    let name_w = 18u16.min(inner.width / 4);
    let scroll = scroll.min(rows.len().saturating_sub(inner.height as usize));
    for (i, (keys, name, desc)) in rows
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        put_label(buf, inner.x + 1, y, key_w, keys, theme.key);
        put_label(buf, inner.x + 2 + key_w, y, name_w, name, theme.label);
        let x = inner.x + 3 + key_w + name_w;
        let room = inner.right().saturating_sub(x);
        let plain = ratatui::style::Style::new();
        match app.settings.lang {
            Lang::En => {
                put_label(buf, x, y, room, desc, plain);
            }
            Lang::Ar => {
                let english = COMMANDS
                    .iter()
                    .find(|c| c.name == name)
                    .map_or("", |c| c.help);
                let text = if english.is_empty() {
                    desc.as_str()
                } else {
                    i18n::describe(Lang::Ar, name, english)
                };
                put_untrusted(buf, app, (x, y), room, text, plain);
            }
        }
    }
}
