//! Arabic shaping of one visual line (logical order): every letter takes
//! its isolated, initial, medial or final presentation form from
//! ar-reshaper's letter table, joined the way ar-reshaper joins them, but one
//! character always gives one character (no ligatures, harakat kept in
//! place, a ZWJ kept), so every unit keeps its own cell. A line is shaped on
//! its own, so letters never join across a wrap. The tests check the result
//! against ar-reshaper's own `reshape`.

use std::ops::Range;
use std::sync::OnceLock;

use ar_reshaper::form::Forms;
use ar_reshaper::letters::letters_db::LETTERS_ARABIC;

use super::sanitize::{Kind, Unit, cell_width, dotted_circle};

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

/// Marks that do not interrupt joining (ar-reshaper's harakat).
fn is_transparent_mark(c: char) -> bool {
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

/// The presentation forms of a letter ar-reshaper knows.
fn forms_of(c: char) -> Option<&'static Forms> {
    static TABLE: OnceLock<Vec<(char, Forms)>> = OnceLock::new();
    if c < '\u{0621}' {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        let mut t = LETTERS_ARABIC.to_vec();
        t.sort_by_key(|(c, _)| *c);
        t
    });
    table
        .binary_search_by_key(&c, |(k, _)| *k)
        .ok()
        .map(|i| &table[i].1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Isolated,
    Initial,
    Medial,
    Final,
}

/// The character for `form`, falling back to the isolated form, then to
/// the letter itself.
fn pick(letter: char, forms: &Forms, form: Form) -> char {
    let c = match form {
        Form::Isolated => forms.isolated,
        Form::Initial => forms.initial,
        Form::Medial => forms.medial,
        Form::Final => forms.end,
    };
    [c, forms.isolated, letter]
        .into_iter()
        .find(|&c| c != '\0')
        .unwrap_or(letter)
}

/// Joins the letters of `chars` (logical order) in place: the same forms
/// ar-reshaper chooses, one character for one.
fn join(chars: &mut [char]) {
    // The previous letter: index, the letter, its forms, its form so far.
    let mut prev: Option<(usize, char, &Forms, Form)> = None;
    for i in 0..chars.len() {
        let c = chars[i];
        if is_transparent_mark(c) {
            continue;
        }
        let Some(forms) = forms_of(c) else {
            prev = None;
            continue;
        };
        let joins_after = |f: &Forms| f.initial != '\0' || f.medial != '\0';
        let joins_before = forms.end != '\0' || forms.medial != '\0';
        match prev {
            Some((p, pc, pf, pform))
                if joins_before
                    && joins_after(pf)
                    && !(pform == Form::Final && pf.medial == '\0') =>
            {
                let now = if pform == Form::Isolated {
                    Form::Initial
                } else {
                    Form::Medial
                };
                chars[p] = pick(pc, pf, now);
                chars[i] = pick(c, forms, Form::Final);
                prev = Some((i, c, forms, Form::Final));
            }
            _ => {
                chars[i] = pick(c, forms, Form::Isolated);
                prev = Some((i, c, forms, Form::Isolated));
            }
        }
    }
}

/// Shapes the units of one line. `None` when there is no Arabic letter.
pub(crate) fn shape_line(para: &str, units: &[Unit]) -> Option<Shaped> {
    let has_arabic = units.iter().any(|u| {
        matches!(u.kind, Kind::Text | Kind::Orphan)
            && para[u.text.clone()].chars().any(is_arabic_letter_range)
    });
    if !has_arabic {
        return None;
    }
    let mut chars: Vec<char> = Vec::with_capacity(para.len());
    let mut counts = Vec::with_capacity(units.len());
    for u in units {
        let before = chars.len();
        match u.kind {
            Kind::Text => chars.extend(para[u.text.clone()].chars()),
            Kind::Orphan => {
                chars.push(dotted_circle());
                chars.extend(para[u.text.clone()].chars());
            }
            Kind::Space(_) | Kind::Token(_) => chars.push(JOIN_BREAKER),
        }
        counts.push(chars.len() - before);
    }
    join(&mut chars);
    let mut text = String::with_capacity(chars.len() * 3);
    let mut parts = Vec::with_capacity(units.len());
    let mut at = 0;
    for (u, n) in units.iter().zip(counts) {
        let start = text.len();
        text.extend(&chars[at..at + n]);
        at += n;
        let piece = &text[start..];
        let keep = match u.kind {
            Kind::Text | Kind::Orphan => {
                cell_width(piece) == u.width.max(1) && piece != &para[u.text.clone()]
            }
            Kind::Space(_) | Kind::Token(_) => false,
        };
        if keep {
            parts.push(Some(start..text.len()));
        } else {
            text.truncate(start);
            parts.push(None);
        }
    }
    Some(Shaped { text, parts })
}

#[cfg(test)]
mod tests {
    use ar_reshaper::config::Ligatures;
    use ar_reshaper::{ArabicReshaper, Language, ReshaperConfig};

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
            assert_eq!(cell_width(g), 1);
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
    fn a_zwj_is_kept_and_joins() {
        // ه ZWJ: the heh takes its initial form before the joiner, which stays.
        assert_eq!(shaped("ه\u{200D} ب"), ["\u{FEEB}\u{200D}", " ", "\u{FE8F}"]);
    }

    /// ar-reshaper set up to map one character to one.
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

    proptest::proptest! {
        #[test]
        fn joins_like_ar_reshaper(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "ب", "ا", "ل", "ء", "ة", "ي", "ى", "ئ", "ؤ", "آ", "ـ", "ک", "ی", "ِ", "ّ",
                "ً", " ", "a", "1", "،", "(", "ۓ", "ڤ",
            ]), 1..25)
        ) {
            let mut text: String = parts.concat();
            // ar-reshaper cannot start with a mark (index underflow).
            text.insert(0, 'x');
            let mut chars: Vec<char> = text.chars().collect();
            join(&mut chars);
            let ours: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(ours, RESHAPER.reshape(&text));
        }
    }

    #[test]
    fn latin_only_is_not_shaped() {
        let us = units("abc", Newlines::Token, usize::MAX);
        assert!(shape_line("abc", &us).is_none());
    }
}
