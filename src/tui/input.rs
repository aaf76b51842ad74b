//! Terminal events to actions: keys go through the keymap, except while a
//! one-line prompt is open, where they edit the line.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, Overlay, PromptKind};
use super::commands;
use super::keymap::{Key, Resolved};
use super::update::{Effect, update};

/// Handles one terminal event.
pub fn handle_event(app: &mut App, ev: Event) -> Vec<Effect> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => handle_key(app, k),
        Event::Resize(w, h) => update(app, Action::Resize(w, h)),
        Event::Paste(text) => {
            if let Overlay::Prompt(p) = &mut app.overlay {
                let flat: String = text.chars().filter(|c| !c.is_control()).collect();
                p.input.insert_str(p.cursor, &flat);
                p.cursor += flat.len();
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Handles one key press.
pub fn handle_key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    if matches!(app.overlay, Overlay::Prompt(_)) {
        return prompt_key(app, ev);
    }
    let key = Key::from_event(&ev);
    match app.keymap.resolve(&app.pending_keys, key) {
        Resolved::Action(a) => {
            app.pending_keys.clear();
            update(app, a)
        }
        Resolved::Pending => {
            app.pending_keys.push(key);
            Vec::new()
        }
        Resolved::Unbound => {
            let had_chord = !app.pending_keys.is_empty();
            app.pending_keys.clear();
            if had_chord {
                // A broken chord: try the key on its own.
                if let Resolved::Action(a) = app.keymap.resolve(&[], key) {
                    return update(app, a);
                }
            }
            let help = app.keymap.first_key(&Action::Help).unwrap_or_default();
            app.error(format!(
                "{} is not bound ({help} lists the keys)",
                key.label()
            ));
            Vec::new()
        }
    }
}

fn prompt_key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    let Overlay::Prompt(p) = &mut app.overlay else {
        return Vec::new();
    };
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('c') if ctrl => return update(app, Action::ForceQuit),
        KeyCode::Esc => {
            app.overlay = Overlay::None;
            return Vec::new();
        }
        KeyCode::Enter => {
            let (kind, line) = (p.kind, p.input.clone());
            app.overlay = Overlay::None;
            let action = match kind {
                PromptKind::Command => match commands::parse(&line) {
                    Ok(a) => a,
                    Err(e) => {
                        app.error(e);
                        return Vec::new();
                    }
                },
                PromptKind::Search => Action::Search(line),
                PromptKind::Note => Action::SetNote(line),
                PromptKind::Evidence => {
                    Action::SetEvidence(line.split_whitespace().map(String::from).collect())
                }
            };
            return update(app, action);
        }
        KeyCode::Tab if p.kind == PromptKind::Command => {
            let options = commands::complete(&p.input);
            if let Some(prefix) = commands::common_prefix(&options) {
                let full = options.len() == 1;
                p.input = if full && !prefix.ends_with(' ') && prefix == "filter" {
                    format!("{prefix} ")
                } else {
                    prefix
                };
                p.cursor = p.input.len();
            }
            p.completions = options;
        }
        KeyCode::Char('u') if ctrl => {
            p.input.drain(..p.cursor);
            p.cursor = 0;
        }
        KeyCode::Char('a') if ctrl => p.cursor = 0,
        KeyCode::Char('e') if ctrl => p.cursor = p.input.len(),
        KeyCode::Home => p.cursor = 0,
        KeyCode::End => p.cursor = p.input.len(),
        KeyCode::Char(ch) if !ctrl => {
            p.input.insert(p.cursor, ch);
            p.cursor += ch.len_utf8();
            p.completions.clear();
        }
        KeyCode::Backspace => {
            if let Some((i, _)) = p.input[..p.cursor].char_indices().next_back() {
                p.input.remove(i);
                p.cursor = i;
            } else if p.input.is_empty() {
                app.overlay = Overlay::None;
            }
        }
        KeyCode::Delete if p.cursor < p.input.len() => {
            p.input.remove(p.cursor);
        }
        KeyCode::Left => {
            if let Some((i, _)) = p.input[..p.cursor].char_indices().next_back() {
                p.cursor = i;
            }
        }
        KeyCode::Right => {
            if let Some(ch) = p.input[p.cursor..].chars().next() {
                p.cursor += ch.len_utf8();
            }
        }
        _ => {}
    }
    Vec::new()
}
