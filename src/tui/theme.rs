//! Colours and emphasis. The default theme uses the 16 named ANSI colours
//! (so it follows the user's palette); the monochrome theme (`NO_COLOR`,
//! `--color never`) keeps selection and marks visible by reverse video,
//! bold, underline and symbols.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::store::Verdict;

/// Every style the UI uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub selected: Style,
    pub border: Style,
    pub focus_border: Style,
    pub title: Style,
    pub dim: Style,
    pub label: Style,
    /// Text a rule matched.
    pub matched: Style,
    /// Search hits.
    pub hit: Style,
    /// Claim sentences in the article view.
    pub claim: Style,
    /// The sentence under the cursor in the article view.
    pub cursor: Style,
    pub pending: Style,
    pub confirmed: Style,
    pub disputed: Style,
    pub unverified: Style,
    pub error: Style,
    pub status: Style,
    pub key: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colored(&BTreeMap::new()).0
    }
}

impl Theme {
    /// The colour theme with the config file's `[theme]` colours applied.
    /// Returns problems with unknown elements or colours (skipped).
    pub fn colored(overrides: &BTreeMap<String, String>) -> (Theme, Vec<String>) {
        let mut t = Theme {
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::DarkGray),
            focus_border: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            label: Style::new().fg(Color::Blue),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            claim: Style::new().fg(Color::Cyan),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            pending: Style::new().fg(Color::DarkGray),
            confirmed: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            disputed: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            unverified: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        };
        let mut problems = Vec::new();
        for (name, colour) in overrides {
            let Ok(c) = Color::from_str(colour) else {
                problems.push(format!(
                    "theme: \"{colour}\" is not a colour (try \"red\", \"light-blue\", \"#ff8800\")"
                ));
                continue;
            };
            let slot = match name.as_str() {
                "border" => &mut t.border,
                "focus" => &mut t.focus_border,
                "dim" => &mut t.dim,
                "label" => &mut t.label,
                "match" => &mut t.matched,
                "claim" => &mut t.claim,
                "pending" => &mut t.pending,
                "confirmed" => &mut t.confirmed,
                "disputed" => &mut t.disputed,
                "unverified" => &mut t.unverified,
                "error" => &mut t.error,
                "key" => &mut t.key,
                _ => {
                    problems.push(format!("theme: unknown element \"{name}\" (border, focus, dim, label, match, claim, pending, confirmed, disputed, unverified, error, key)"));
                    continue;
                }
            };
            *slot = slot.fg(c);
        }
        (t, problems)
    }

    /// No colour at all: emphasis only.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: plain,
            focus_border: bold,
            title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            label: plain,
            matched: Style::new().add_modifier(Modifier::UNDERLINED),
            hit: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            claim: bold,
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            pending: plain,
            confirmed: bold,
            disputed: bold,
            unverified: bold,
            error: bold,
            status: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
        }
    }

    /// The mark and style of a verdict.
    /// The mark of a claim whose change is still being saved: shown as
    /// pending (`…`) until the store says it is on disk.
    pub fn saving_mark(&self) -> (&'static str, Style) {
        ("…", self.pending)
    }

    pub fn mark(&self, v: Option<Verdict>) -> (&'static str, Style) {
        match v {
            None => ("·", self.pending),
            Some(Verdict::Confirmed) => ("✔", self.confirmed),
            Some(Verdict::Disputed) => ("✖", self.disputed),
            Some(Verdict::Unverified) => ("?", self.unverified),
            Some(Verdict::NotAClaim) => ("—", self.dim),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_and_bad_ones_are_reported() {
        let mut o = BTreeMap::new();
        o.insert("disputed".to_string(), "magenta".to_string());
        o.insert("sky".to_string(), "blue".to_string());
        o.insert("match".to_string(), "not-a-colour".to_string());
        let (t, problems) = Theme::colored(&o);
        assert_eq!(t.disputed.fg, Some(Color::Magenta));
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn mono_keeps_selection_visible() {
        let t = Theme::mono();
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(t.confirmed.fg, None);
    }
}
