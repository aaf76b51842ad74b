//! Keys to actions: the default table, remapping from the config file, and
//! chord resolution (`g g`). The help overlay and hint bar read this table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, COMMANDS};

/// One key press, normalised (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// A key from a terminal event.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::BackTab => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        if ev.modifiers.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCode::Char(_)) {
            mods |= KeyModifiers::SHIFT;
        }
        Key { code, mods }
    }

    /// Parses one key: `j`, `G`, `ctrl-d`, `alt-x`, `shift-tab`, `enter`, `esc`, `space`, `f5`.
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else if mods.contains(KeyModifiers::SHIFT) {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
                _ => return None,
            },
        };
        Some(Key { code, mods })
    }

    /// How the key is written in help and config (`ctrl-d`, `G`, `enter`).
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("shift-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str("space"),
            KeyCode::Char(c) => s.push(c),
            KeyCode::Enter => s.push_str("enter"),
            KeyCode::Esc => s.push_str("esc"),
            KeyCode::Tab => s.push_str("tab"),
            KeyCode::Backspace => s.push_str("backspace"),
            KeyCode::Up => s.push_str("up"),
            KeyCode::Down => s.push_str("down"),
            KeyCode::Left => s.push_str("left"),
            KeyCode::Right => s.push_str("right"),
            KeyCode::Home => s.push_str("home"),
            KeyCode::End => s.push_str("end"),
            KeyCode::PageUp => s.push_str("pageup"),
            KeyCode::PageDown => s.push_str("pagedown"),
            KeyCode::Delete => s.push_str("delete"),
            KeyCode::F(n) => s.push_str(&format!("f{n}")),
            _ => s.push('?'),
        }
        s
    }
}

/// Parses a key sequence written with spaces: `g g`, `ctrl-d`.
pub fn parse_chord(s: &str) -> Option<Vec<Key>> {
    let keys: Option<Vec<Key>> = s.split_whitespace().map(Key::parse).collect();
    keys.filter(|k| !k.is_empty())
}

/// What a key press means given the keys pressed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A complete binding.
    Action(Action),
    /// A prefix of a longer binding: wait for the next key.
    Pending,
    /// Nothing is bound to this sequence.
    Unbound,
}

/// The key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Vec<Key>, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&Default::default()).0
    }
}

impl Keymap {
    /// The defaults with the config file's `keys` table applied on top.
    /// A value of `"none"` unbinds the key. Returns the problems found
    /// (unknown key or action names), which are skipped.
    pub fn with_overrides(
        keys: &std::collections::BTreeMap<String, String>,
    ) -> (Keymap, Vec<String>) {
        // The defaults come from the command table (its test checks that
        // every default key parses).
        let mut bindings: Vec<(Vec<Key>, Action)> = COMMANDS
            .iter()
            .flat_map(|c| c.keys.iter().map(move |k| (k, &c.action)))
            .filter_map(|(k, a)| Some((parse_chord(k)?, a.clone())))
            .collect();
        let mut problems = Vec::new();
        for (k, a) in keys {
            let Some(chord) = parse_chord(k) else {
                problems.push(format!(
                    "keys: \"{k}\" is not a key (try \"ctrl-d\", \"g g\", \"enter\")"
                ));
                continue;
            };
            bindings.retain(|(c, _)| c != &chord);
            if a == "none" {
                continue;
            }
            match Action::from_name(a) {
                Some(action) => bindings.push((chord, action)),
                None => problems.push(format!(
                    "keys: \"{k}\" = \"{a}\": no such action (see `?` for the names)"
                )),
            }
        }
        if !bindings.iter().any(|(_, a)| *a == Action::ForceQuit) {
            bindings.push((parse_chord("ctrl-c").unwrap_or_default(), Action::ForceQuit));
        }
        (Keymap { bindings }, problems)
    }

    /// Resolves the sequence `pending` + `key`.
    pub fn resolve(&self, pending: &[Key], key: Key) -> Resolved {
        let mut seq = pending.to_vec();
        seq.push(key);
        if let Some((_, a)) = self.bindings.iter().find(|(c, _)| *c == seq) {
            return Resolved::Action(a.clone());
        }
        if self
            .bindings
            .iter()
            .any(|(c, _)| c.len() > seq.len() && c.starts_with(&seq))
        {
            return Resolved::Pending;
        }
        Resolved::Unbound
    }

    /// The keys bound to an action, as labels (`g g`, `home`).
    pub fn keys_for(&self, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, a)| a == action)
            .map(|(c, _)| chord_label(c))
            .collect()
    }

    /// The first key bound to an action, for hints.
    pub fn first_key(&self, action: &Action) -> Option<String> {
        self.keys_for(action).into_iter().next()
    }
}

/// A key sequence as written in help (`g g`).
pub fn chord_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn parses_and_labels_keys() {
        for s in [
            "j",
            "G",
            "ctrl-d",
            "enter",
            "esc",
            "shift-tab",
            "space",
            "f5",
            "]",
        ] {
            assert_eq!(k(s).label(), s);
        }
        assert_eq!(k("ctrl-D"), k("ctrl-d"));
        assert_eq!(Key::parse("hyper-x"), None);
    }

    #[test]
    fn shifted_letter_event_matches_uppercase_binding() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), k("G"));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), k("shift-tab"));
    }

    #[test]
    fn chords_wait_then_resolve() {
        let map = Keymap::default();
        assert_eq!(map.resolve(&[], k("g")), Resolved::Pending);
        assert_eq!(
            map.resolve(&[k("g")], k("g")),
            Resolved::Action(Action::Top)
        );
        assert_eq!(map.resolve(&[k("g")], k("x")), Resolved::Unbound);
        assert_eq!(map.resolve(&[], k("j")), Resolved::Action(Action::MoveDown));
    }

    #[test]
    fn config_remaps_and_unbinds() {
        let mut keys = std::collections::BTreeMap::new();
        keys.insert("ctrl-f".to_string(), "page-down".to_string());
        keys.insert("j".to_string(), "none".to_string());
        keys.insert("z z".to_string(), "fly".to_string());
        let (map, problems) = Keymap::with_overrides(&keys);
        assert_eq!(
            map.resolve(&[], k("ctrl-f")),
            Resolved::Action(Action::PageDown)
        );
        assert_eq!(map.resolve(&[], k("j")), Resolved::Unbound);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("fly"));
    }

    #[test]
    fn ctrl_c_cannot_be_lost() {
        let mut keys = std::collections::BTreeMap::new();
        keys.insert("ctrl-c".to_string(), "none".to_string());
        let (map, _) = Keymap::with_overrides(&keys);
        assert_eq!(
            map.resolve(&[], k("ctrl-c")),
            Resolved::Action(Action::ForceQuit)
        );
    }
}
