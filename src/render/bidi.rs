//! BiDi (UAX #9) over sanitised units: the paragraph direction, one resolved
//! level per unit (unicode-bidi does the rules up to I2), then per visual line
//! rule L1 (trailing whitespace to the paragraph level) and rule L2 (reverse
//! runs) over whole units, so a grapheme's marks stay after their letter and
//! a token's cells keep their order. Mirroring (L4) is done by the caller.

use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};

use super::sanitize::{Kind, Unit};

/// Stands in for a token in the text the BiDi pass sees: a neutral (ON).
const TOKEN_STAND_IN: char = '\u{FFFC}';

/// True when the first strong character of `text` is right-to-left (rule P2,
/// with bidi controls ignored: they are shown as tokens, not obeyed).
pub(crate) fn base_rtl(text: &str) -> bool {
    for c in text.chars() {
        if c == '\u{061C}' {
            continue; // ALM is AL by class, but a token here.
        }
        match bidi_class(c) {
            BidiClass::L => return false,
            BidiClass::R | BidiClass::AL => return true,
            _ => {}
        }
    }
    false
}

/// True when `text` is to be laid out right to left under `direction`.
pub fn paragraph_rtl(text: &str, direction: super::Direction) -> bool {
    use super::Direction;
    match direction {
        Direction::FirstStrong => base_rtl(text),
        Direction::Rtl => true,
        Direction::Ltr => false,
        Direction::Majority => {
            let (mut rtl, mut ltr) = (0usize, 0usize);
            for c in text.chars() {
                if c == '\u{061C}' {
                    continue;
                }
                match bidi_class(c) {
                    BidiClass::L => ltr += 1,
                    BidiClass::R | BidiClass::AL => rtl += 1,
                    _ => {}
                }
            }
            match rtl.cmp(&ltr) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal => base_rtl(text),
            }
        }
    }
}

/// The character classes the fast path must not see.
fn needs_bidi(c: char) -> bool {
    c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN)
}

/// Resolved embedding level of each unit (before rule L1).
pub(crate) fn unit_levels(para: &str, units: &[Unit], rtl: bool) -> Vec<u8> {
    let plain = !rtl
        && units.iter().all(|u| {
            !matches!(u.kind, Kind::Text) || !para[u.text.clone()].chars().any(needs_bidi)
        });
    if plain {
        return vec![0; units.len()];
    }
    // Right-to-left text with no left-to-right letter and no number: every
    // neutral sits between right-to-left letters (or the paragraph edges),
    // so everything resolves to level 1.
    let simple_rtl = rtl
        && units.iter().all(|u| {
            !matches!(u.kind, Kind::Text | Kind::Orphan)
                || para[u.text.clone()]
                    .chars()
                    .all(|c| !matches!(bidi_class(c), BidiClass::L | BidiClass::EN | BidiClass::AN))
        });
    if simple_rtl {
        return vec![1; units.len()];
    }
    resolve_levels(para, units, rtl)
}

/// The full UAX #9 resolution (no shortcuts).
fn resolve_levels(para: &str, units: &[Unit], rtl: bool) -> Vec<u8> {
    let base = u8::from(rtl);
    // The text the BiDi pass sees: graphemes as they are, tokens as a neutral.
    let mut seen = String::with_capacity(para.len() + units.len());
    let mut starts = Vec::with_capacity(units.len());
    let isolated = if rtl {
        figure_words(para, units)
    } else {
        Vec::new()
    };
    let mut next_isolate = isolated.iter().peekable();
    for (i, u) in units.iter().enumerate() {
        // An ISO date or a Latin word with a figure in a right-to-left
        // paragraph is isolated left to right (LRI … PDI): after an Arabic
        // letter UAX #9 reads `2024-07-27` as three Arabic numbers and a
        // neutral, and shows `27-07-2024`.
        if next_isolate.peek().is_some_and(|r| r.start == i) {
            seen.push('\u{2066}');
        }
        starts.push(seen.len());
        match u.kind {
            Kind::Text => seen.push_str(&para[u.text.clone()]),
            Kind::Orphan => {
                seen.push('\u{25CC}');
                seen.push_str(&para[u.text.clone()]);
            }
            Kind::Space(_) if &para[u.text.clone()] == "\t" => seen.push('\t'),
            Kind::Space(_) => seen.push(' '),
            Kind::Token(_) => seen.push(TOKEN_STAND_IN),
        }
        if next_isolate.peek().is_some_and(|r| r.end == i + 1) {
            seen.push('\u{2069}');
            next_isolate.next();
        }
    }
    let level = if rtl {
        unicode_bidi::RTL_LEVEL
    } else {
        unicode_bidi::LTR_LEVEL
    };
    let info = ParagraphBidiInfo::new(&seen, Some(level));
    starts
        .into_iter()
        .map(|s| info.levels.get(s).map_or(base, |l| l.number()))
        .collect()
}

/// The runs of units (index ranges) that form one word of ASCII digits
/// joined by `-` (`2024-07-27`), or of Latin letters and digits (`Tu-160`),
/// with `-` `.` `/` `:` inside: the words [`resolve_levels`] isolates.
fn figure_words(para: &str, units: &[Unit]) -> Vec<std::ops::Range<usize>> {
    let alnum =
        |i: usize| para[units[i].text.clone()].starts_with(|c: char| c.is_ascii_alphanumeric());
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let start = i;
        let (mut latin, mut digit, mut dash) = (false, false, false);
        while i < units.len() && matches!(units[i].kind, Kind::Text) {
            let g = &para[units[i].text.clone()];
            let ok = g.chars().all(|c| {
                latin |= c.is_ascii_alphabetic();
                digit |= c.is_ascii_digit();
                dash |= c == '-';
                c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/' | ':')
            });
            if !ok {
                break;
            }
            i += 1;
        }
        // Joiners at the edges (`-5`, `F-16.`) stay outside.
        let mut end = i;
        while end > start && !alnum(end - 1) {
            end -= 1;
        }
        let mut from = start;
        while from < end && !alnum(from) {
            from += 1;
        }
        if digit && (latin || dash) && from < end {
            out.push(from..end);
        }
        if i == start {
            i += 1;
        }
    }
    out
}

/// What rule L1 needs to know about a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spacing {
    /// Not whitespace.
    Other,
    /// Whitespace (class WS).
    Space,
    /// A segment separator (tab).
    Separator,
}

/// How rule L1 sees `unit`.
pub(crate) fn spacing(para: &str, unit: &Unit) -> Spacing {
    match unit.kind {
        Kind::Space(_) if &para[unit.text.clone()] == "\t" => Spacing::Separator,
        Kind::Space(_) => Spacing::Space,
        Kind::Text if unit.brk => Spacing::Space,
        _ => Spacing::Other,
    }
}

/// Rule L1 on one visual line: separators, whitespace before them and
/// trailing whitespace go back to the paragraph level.
pub(crate) fn apply_l1(levels: &mut [u8], spacing: &[Spacing], base: u8) {
    let mut trailing = true;
    for i in (0..levels.len()).rev() {
        match spacing[i] {
            Spacing::Separator => {
                levels[i] = base;
                trailing = true;
            }
            Spacing::Space if trailing => levels[i] = base,
            Spacing::Space => {}
            Spacing::Other => trailing = false,
        }
    }
}

/// Rule L2: the visual order of a line's units (indices into `levels`),
/// left to right.
pub(crate) fn visual_order(levels: &[u8]) -> Vec<usize> {
    let order: Vec<usize> = (0..levels.len()).collect();
    if levels.iter().all(|&l| l == 0) {
        return order;
    }
    let lowest_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(1);
    reorder_from(order, levels, lowest_odd)
}

/// Reverses, from the highest level down to `lowest`, every run of units at
/// that level or higher.
fn reorder_from(mut order: Vec<usize>, levels: &[u8], lowest: u8) -> Vec<usize> {
    let highest = levels.iter().copied().max().unwrap_or(0);
    let mut lv: Vec<u8> = levels.to_vec();
    let mut level = highest;
    while level >= lowest && level > 0 {
        let mut i = 0;
        while i < lv.len() {
            if lv[i] >= level {
                let start = i;
                while i < lv.len() && lv[i] >= level {
                    i += 1;
                }
                order[start..i].reverse();
                lv[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::super::sanitize::{Newlines, units};
    use super::*;

    #[test]
    fn base_direction_from_first_strong() {
        assert!(base_rtl("2024 قال"));
        assert!(!base_rtl("(CNN) قال"));
        assert!(!base_rtl("٢٠٢٤"), "Arabic-Indic digits are weak");
        assert!(!base_rtl("\u{061C}abc"), "ALM is not obeyed");
        assert!(base_rtl("\u{202D}قال"), "an LRO is not obeyed");
    }

    proptest::proptest! {
        #[test]
        fn shortcuts_agree_with_the_full_algorithm(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "ق", "ل", "ِ", " ", "a", "7", "٣", "(", ")", "«", "»", ".", "،", "%", "-",
                "\u{202E}", "\t", "\u{200F}",
            ]), 0..20)
        ) {
            let text = parts.concat();
            let us = units(&text, Newlines::Token, usize::MAX);
            let rtl = base_rtl(&text);
            proptest::prop_assert_eq!(unit_levels(&text, &us, rtl), resolve_levels(&text, &us, rtl));
        }
    }

    #[test]
    fn direction_by_majority_and_by_language() {
        use super::super::Direction;
        // A note starting with a Latin name, mostly Arabic: right to left.
        assert!(paragraph_rtl(
            "Lina قالت إن الرقم غير دقيق",
            Direction::Majority
        ));
        assert!(!paragraph_rtl(
            "Lina قالت إن الرقم غير دقيق",
            Direction::FirstStrong
        ));
        assert!(!paragraph_rtl("The minister قال yes", Direction::Majority));
        assert!(paragraph_rtl("(CNN)-- abc", Direction::Rtl));
        assert!(!paragraph_rtl("قال", Direction::Ltr));
        // A tie: the first strong character.
        assert!(paragraph_rtl("قا ab", Direction::Majority));
        assert_eq!(Direction::of_lang(Some("ar")), Direction::Rtl);
        assert_eq!(Direction::of_lang(Some("AR-eg")), Direction::Rtl);
        assert_eq!(Direction::of_lang(Some("en")), Direction::Ltr);
        assert_eq!(Direction::of_lang(None), Direction::Majority);
    }

    #[test]
    fn iso_dates_and_latin_words_with_figures_stay_whole_in_arabic() {
        // Left to right inside a right-to-left paragraph; `2024-07-27`
        // only thanks to the isolation (UAX #9 alone shows `27-07-2024`).
        for (text, word) in [
            ("حلقت Tu-160 فوق البحر", "Tu-160"),
            ("في 2024-07-27 وصل", "2024-07-27"),
            ("يوم 27/07/2024 وصل", "27/07/2024"),
            ("(CNN)-- قال", "CNN"),
        ] {
            let us = units(text, Newlines::Token, usize::MAX);
            let levels = unit_levels(text, &us, true);
            let shown: String = visual_order(&levels)
                .iter()
                .map(|&i| &text[us[i].text.clone()])
                .collect();
            assert!(shown.contains(word), "{text:?} shown as {shown:?}");
        }
    }

    #[test]
    fn l2_reverses_runs() {
        // Levels 1 1 2 2 1 -> the 2-run reversed, then the whole line.
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), [4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[0, 1, 1, 0]), [0, 2, 1, 3]);
        assert_eq!(visual_order(&[0, 0]), [0, 1]);
        assert_eq!(visual_order(&[0, 2, 2, 0]), [0, 1, 2, 3]);
    }

    #[test]
    fn l1_resets_trailing_space() {
        let mut lv = [2, 2, 1, 2];
        apply_l1(
            &mut lv,
            &[
                Spacing::Other,
                Spacing::Space,
                Spacing::Other,
                Spacing::Space,
            ],
            1,
        );
        assert_eq!(lv, [2, 2, 1, 1]);
    }
}
