//! Arabic shaping of one visual line (logical order) with ar-reshaper, set
//! up to map one character to one (no ligatures, harakat kept), so every
//! unit keeps its own cell. A line is shaped on its own, so letters never
//! join across a wrap; when the character counts differ the line stays
//! unshaped.

use std::ops::Range;

use ar_reshaper::config::Ligatures;
use ar_reshaper::{ArabicReshaper, Language, ReshaperConfig};
use unicode_width::UnicodeWidthStr;

use super::sanitize::{Kind, Unit, dotted_circle};

/// One character in, one character out.
static RESHAPER: ArabicReshaper = ArabicReshaper::new(ReshaperConfig {
    language: Language::Arabic,
    delete_harakat: false,
    shift_harakat_position: false,
    delete_tatweel: false,
    support_zwj: true,
    use_unshaped_instead_of_isolated: false,
    support_ligatures: false,
    ligatures: Ligatures::empty(),
});

/// Breaks joining where a token or blank sits.
const JOIN_BREAKER: char = '\u{FFFC}';

/// The shaped text of a line and, per unit, its part of it (`None`: draw
/// the unit unshaped).
#[derive(Debug, Default)]
pub(crate) struct Shaped {
    pub text: String,
    pub parts: Vec<Option<Range<usize>>>,
}

impl Shaped {
    /// What unit `i` of the line should show, if shaping changed it.
    pub(crate) fn part(&self, i: usize) -> Option<&str> {
        self.parts
            .get(i)
            .and_then(|p| p.clone())
            .map(|r| &self.text[r])
    }
}

fn is_arabic_letter_range(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// Marks ar-reshaper attaches to the previous character; one of them first
/// in the input would underflow its index.
fn is_reshaper_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
            | '\u{08D4}'..='\u{08FF}'
    )
}

/// Shapes the units of one line. `None` when there is nothing to shape or
/// shaping would not map one character to one.
pub(crate) fn shape_line(para: &str, units: &[Unit]) -> Option<Shaped> {
    let has_arabic = units.iter().any(|u| {
        matches!(u.kind, Kind::Text | Kind::Orphan)
            && para[u.text.clone()].chars().any(is_arabic_letter_range)
    });
    if !has_arabic {
        return None;
    }
    let mut input = String::with_capacity(para.len());
    let mut counts = Vec::with_capacity(units.len());
    for u in units {
        let before = input.len();
        match u.kind {
            Kind::Text => input.push_str(&para[u.text.clone()]),
            Kind::Orphan => {
                input.push(dotted_circle());
                input.push_str(&para[u.text.clone()]);
            }
            Kind::Space(_) | Kind::Token(_) => input.push(JOIN_BREAKER),
        }
        counts.push(input[before..].chars().count());
    }
    let lead = input.chars().next().is_some_and(is_reshaper_mark);
    if lead {
        input.insert(0, JOIN_BREAKER);
    }
    let out = RESHAPER.reshape(&input);
    let mut chars = out.char_indices();
    if lead {
        chars.next();
    }
    let total: usize = counts.iter().sum();
    if out.chars().count() != total + usize::from(lead) {
        return None;
    }
    let mut parts = Vec::with_capacity(units.len());
    for (u, n) in units.iter().zip(counts) {
        let start = chars.clone().next().map_or(out.len(), |(i, _)| i);
        for _ in 0..n {
            chars.next();
        }
        let end = chars.clone().next().map_or(out.len(), |(i, _)| i);
        let piece = &out[start..end];
        let keep = match u.kind {
            Kind::Text => {
                UnicodeWidthStr::width(piece) == u.width && piece != &para[u.text.clone()]
            }
            // The circle and its mark are measured as one column by the unit.
            Kind::Orphan => piece.starts_with(dotted_circle()),
            Kind::Space(_) | Kind::Token(_) => false,
        };
        parts.push(keep.then_some(start..end));
    }
    Some(Shaped { text: out, parts })
}

#[cfg(test)]
mod tests {
    use super::super::sanitize::{Newlines, units};
    use super::*;

    fn shaped(text: &str) -> Vec<String> {
        let us = units(text, Newlines::Token, usize::MAX);
        let s = shape_line(text, &us).expect("shapes");
        (0..us.len())
            .map(|i| {
                s.part(i)
                    .map_or_else(|| text[us[i].text.clone()].to_string(), str::to_string)
            })
            .collect()
    }

    #[test]
    fn letters_take_their_contextual_forms() {
        // ب initial, ا final (alef never joins to the left), ب isolated.
        assert_eq!(shaped("باب"), ["\u{FE91}", "\u{FE8E}", "\u{FE8F}"]);
    }

    #[test]
    fn lam_alef_stays_two_letters() {
        // لا: lam initial + alef final, no ligature; each one column.
        let s = shaped("لا");
        assert_eq!(s, ["\u{FEDF}", "\u{FE8E}"]);
        for g in &s {
            assert_eq!(UnicodeWidthStr::width(g.as_str()), 1);
        }
    }

    #[test]
    fn harakat_stay_after_their_letter() {
        // بِ + ن: the kasra follows the shaped beh inside the same unit.
        assert_eq!(shaped("بِن"), ["\u{FE91}\u{0650}", "\u{FEE6}"]);
    }

    #[test]
    fn tokens_break_joining() {
        // ب ⟪RLO⟫ ب: both isolated, the token unshaped.
        let s = shaped("ب\u{202E}ب");
        assert_eq!(s[0], "\u{FE8F}");
        assert_eq!(s[2], "\u{FE8F}");
    }

    #[test]
    fn latin_only_is_not_shaped() {
        let us = units("abc", Newlines::Token, usize::MAX);
        assert!(shape_line("abc", &us).is_none());
    }
}
