//! Sanitising untrusted text: every grapheme of a paragraph becomes a
//! [`Unit`] that is either shown as written, shown as a visible token
//! (control characters, bidi controls), or dropped (zero-width format
//! characters, whose bytes join a neighbour's source range).
//!
//! What is shown instead of what:
//! - C0 controls U+0000–U+001F and DEL: the one-cell Control Pictures
//!   (`␛` for ESC, `␇` for BEL, `␍` for a lone CR, `␡` for DEL …).
//! - Tab: four spaces.
//! - C1 controls U+0080–U+009F (U+009B is an 8-bit CSI): `⟪9B⟫`, the code in hex.
//! - Bidi embeddings, overrides, isolates and marks: `⟪LRE⟫ ⟪RLE⟫ ⟪PDF⟫
//!   ⟪LRO⟫ ⟪RLO⟫ ⟪LRI⟫ ⟪RLI⟫ ⟪FSI⟫ ⟪PDI⟫ ⟪LRM⟫ ⟪RLM⟫ ⟪ALM⟫`; the BiDi pass
//!   sees them as neutral characters, so they steer nothing (Trojan Source).
//! - A combining mark with no base (start of a line): on a dotted circle `◌`.
//! - Zero-width graphemes (ZWSP, BOM, soft hyphen …): not drawn on the
//!   review screen; shown as `⟪ZWSP⟫`, `⟪BOM⟫`, `⟪SHY⟫` … (or `⟪U+XXXX⟫`)
//!   by [`safe`], the command line's sanitiser, so two names that differ
//!   only by an invisible character never look alike.
//! - A grapheme wider than two columns: `�`.
//!
//! This module is the only definition of what is unsafe: the TUI lays text
//! out through [`units`], the command line prints through [`safe`],
//! [`safe_text`] and [`super::SafeWriter`].

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns a tab expands to.
pub const TAB_WIDTH: u8 = 4;

/// Shown for an orphan combining mark, before the mark.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// A visible stand-in for a character that must not reach the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// One cell: a Control Picture or `�`.
    Picture(char),
    /// `⟪NAME⟫` for a bidi control.
    Named(&'static str),
    /// `⟪XX⟫` for a C1 control.
    C1(u8),
    /// `⟪U+XXXX⟫` for another invisible character (command line only).
    Code(u32),
}

impl Token {
    /// The characters drawn, one cell each, left to right.
    pub(crate) fn cells(self) -> impl Iterator<Item = char> {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut buf = ['\0'; 10];
        let n = match self {
            Token::Picture(c) => {
                buf[0] = c;
                1
            }
            Token::Named(name) => {
                buf[0] = '⟪';
                let mut n = 1;
                for c in name.chars() {
                    buf[n] = c;
                    n += 1;
                }
                buf[n] = '⟫';
                n + 1
            }
            Token::C1(b) => {
                buf[0] = '⟪';
                buf[1] = HEX[(b >> 4) as usize] as char;
                buf[2] = HEX[(b & 15) as usize] as char;
                buf[3] = '⟫';
                4
            }
            Token::Code(code) => {
                buf[0] = '⟪';
                buf[1] = 'U';
                buf[2] = '+';
                let digits = code_digits(code);
                for i in 0..digits {
                    let nibble = (code >> (4 * (digits - 1 - i))) & 15;
                    buf[3 + i] = HEX[nibble as usize] as char;
                }
                buf[3 + digits] = '⟫';
                4 + digits
            }
        };
        buf.into_iter().take(n)
    }

    /// Columns taken.
    pub(crate) fn width(self) -> usize {
        match self {
            Token::Picture(_) => 1,
            Token::Named(name) => name.len() + 2,
            Token::C1(_) => 4,
            Token::Code(code) => code_digits(code) + 4,
        }
    }
}

/// Hex digits shown for a code point: four, five or six.
fn code_digits(code: u32) -> usize {
    match code {
        0..=0xFFFF => 4,
        0x1_0000..=0xF_FFFF => 5,
        _ => 6,
    }
}

/// How a unit is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The grapheme `text` itself.
    Text,
    /// `◌` followed by the grapheme (a combining mark without a base).
    Orphan,
    /// `n` blank cells (tab, line separators, a newline in one-line mode).
    Space(u8),
    /// A visible token, never reordered inside.
    Token(Token),
}

/// One grapheme of a paragraph, made safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The grapheme, as a byte range of the paragraph.
    pub text: Range<usize>,
    /// The source bytes this unit stands for (may extend over dropped
    /// zero-width graphemes next to it).
    pub src: Range<usize>,
    pub kind: Kind,
    /// Columns taken.
    pub width: usize,
    /// A line may break here (the unit is whitespace).
    pub brk: bool,
}

/// The name of a bidi control character, if `c` is one.
pub(crate) fn bidi_control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{061C}' => "ALM",
        _ => return None,
    })
}

/// The name of an invisible character that [`safe`] shows, if `c` has one.
fn zero_width_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "ZWSP",
        '\u{200C}' => "ZWNJ",
        '\u{200D}' => "ZWJ",
        '\u{2060}' => "WJ",
        '\u{FEFF}' => "BOM",
        '\u{00AD}' => "SHY",
        _ => return None,
    })
}

/// True for characters that must never be written to a terminal as they are.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control() || bidi_control_name(c).is_some()
}

/// The token for one unsafe character.
fn token_for(c: char) -> Token {
    let code = c as u32;
    if let Some(name) = bidi_control_name(c) {
        Token::Named(name)
    } else if code < 0x20 {
        Token::Picture(char::from_u32(0x2400 + code).unwrap_or('�'))
    } else if code == 0x7F {
        Token::Picture('␡')
    } else if (0x80..=0x9F).contains(&code) {
        Token::C1(code as u8)
    } else {
        Token::Picture('�')
    }
}

/// The token [`safe`] shows for a zero-width grapheme (named after its first character).
fn zero_width_token(g: &str) -> Token {
    let first = g.chars().next().unwrap_or('\u{200B}');
    match zero_width_name(first) {
        Some(name) => Token::Named(name),
        None => Token::Code(first as u32),
    }
}

/// Whitespace a line may break at (not the no-break spaces).
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// What happens to zero-width graphemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZeroWidth {
    /// Not drawn (the review screen, where text is read).
    Drop,
    /// Shown as a token (the command line, where names are compared).
    Show,
}

/// How newlines inside the text are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Newlines {
    /// Shown as a `␤` token (plain sanitising of one line).
    Token,
    /// A blank, breakable cell (one-line layout of a multi-line text).
    Space,
}

/// Splits `para` into safe units. Stops once more than `max_width` columns
/// have been collected (pass `usize::MAX` for all).
pub(crate) fn units(para: &str, newlines: Newlines, max_width: usize) -> Vec<Unit> {
    units_with(para, newlines, ZeroWidth::Drop, max_width)
}

/// [`units`], choosing what happens to zero-width graphemes.
pub(crate) fn units_with(
    para: &str,
    newlines: Newlines,
    zero_width: ZeroWidth,
    max_width: usize,
) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(para.len() / 2 + 1);
    // Start of dropped bytes that wait for the next unit.
    let mut pending: Option<usize> = None;
    let mut total = 0usize;
    for (i, g) in para.grapheme_indices(true) {
        if total > max_width {
            break;
        }
        let range = i..i + g.len();
        let Some(kind) = classify(g, newlines).or_else(|| match zero_width {
            ZeroWidth::Drop => None,
            ZeroWidth::Show => Some(Kind::Token(zero_width_token(g))),
        }) else {
            // Zero-width: its bytes join the previous unit, or the next one.
            match out.last_mut() {
                Some(prev) => prev.src.end = range.end,
                None => {
                    pending.get_or_insert(i);
                }
            }
            continue;
        };
        let (width, brk) = match kind {
            Kind::Text => {
                let first = g.chars().next().unwrap_or(' ');
                (
                    cell_width(g),
                    g.len() == first.len_utf8() && is_break_space(first),
                )
            }
            Kind::Orphan => (1, false),
            Kind::Space(n) => (n as usize, true),
            Kind::Token(t) => (t.width(), false),
        };
        let start = pending.take().unwrap_or(i);
        total += width;
        out.push(Unit {
            text: range.clone(),
            src: start..range.end,
            kind,
            width,
            brk,
        });
    }
    out
}

/// Classifies one grapheme; `None` means "zero width, not drawn".
fn classify(g: &str, newlines: Newlines) -> Option<Kind> {
    let mut chars = g.chars();
    let first = chars.next()?;
    if g == "\t" {
        return Some(Kind::Space(TAB_WIDTH));
    }
    if g == "\n" || g == "\r\n" {
        return Some(match newlines {
            Newlines::Space => Kind::Space(1),
            Newlines::Token => Kind::Token(Token::Picture('␤')),
        });
    }
    if g.chars().any(is_unsafe) {
        // Controls are graphemes of their own; anything else is odd enough
        // to be replaced whole.
        return Some(Kind::Token(if chars.next().is_none() {
            token_for(first)
        } else {
            Token::Picture('�')
        }));
    }
    if matches!(first, '\u{2028}' | '\u{2029}') {
        return Some(Kind::Space(1));
    }
    match cell_width(g) {
        0 if unicode_normalization::char::is_combining_mark(first) => Some(Kind::Orphan),
        0 => None,
        1 | 2 => Some(Kind::Text),
        _ => Some(Kind::Token(Token::Picture('�'))),
    }
}

/// Columns a grapheme takes, counted the way ratatui's buffer counts them
/// (unicode-width of the whole grapheme, plus one per halfwidth katakana
/// sound mark), so a cell never overwrites its neighbour. Measure graphemes,
/// never whole strings: `"لا"` measures 1 as a string, 2 as two graphemes.
pub fn cell_width(grapheme: &str) -> usize {
    let mut chars = grapheme.chars();
    let halfwidth_mark = |c: &char| matches!(c, '\u{FF9E}' | '\u{FF9F}');
    match (chars.next(), chars.next()) {
        // One character: the character's width is the string's (checked for
        // every character by the test below), and much cheaper.
        (Some(c), None) if (' '..'\u{7f}').contains(&c) => 1,
        // Arabic letters and tatweel (the bulk of an article).
        (Some('\u{0620}'..='\u{064A}'), None) => 1,
        (Some(c), None) if !c.is_control() => {
            UnicodeWidthChar::width(c).unwrap_or(0) + usize::from(halfwidth_mark(&c))
        }
        _ => UnicodeWidthStr::width(grapheme) + grapheme.chars().filter(halfwidth_mark).count(),
    }
}

/// Appends what `unit` shows (logical order, unshaped) to `out`.
pub(crate) fn push_shown(out: &mut String, para: &str, unit: &Unit) {
    match unit.kind {
        Kind::Text => out.push_str(&para[unit.text.clone()]),
        Kind::Orphan => {
            out.push(DOTTED_CIRCLE);
            out.push_str(&para[unit.text.clone()]);
        }
        Kind::Space(n) => out.extend(std::iter::repeat_n(' ', n as usize)),
        Kind::Token(t) => out.extend(t.cells()),
    }
}

/// The dotted circle an orphan mark is drawn on.
pub(crate) fn dotted_circle() -> char {
    DOTTED_CIRCLE
}

/// Makes untrusted text safe for one terminal line, in logical order:
/// control and bidi characters become visible tokens (see the module docs),
/// a newline becomes `␤`, zero-width characters are dropped.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for unit in units(text, Newlines::Token, usize::MAX) {
        push_shown(&mut out, text, &unit);
    }
    out
}

/// True when `c` needs a look by [`units_with`] before `text` may be
/// printed as it is: unsafe characters, tabs, and the invisible ones.
fn needs_care(c: char) -> bool {
    is_unsafe(c)
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
        )
        || (('\u{200B}'..='\u{206F}').contains(&c)
            && !matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205F}'))
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
        || c == '\u{FEFF}'
        || ('\u{E0000}'..='\u{E0FFF}').contains(&c)
        || ('\u{1D173}'..='\u{1D17A}').contains(&c)
        || ('\u{FFF0}'..='\u{FFFB}').contains(&c)
        || ('\u{180B}'..='\u{180F}').contains(&c)
        // Prepended concatenation marks (Arabic number signs…): how they
        // show depends on what follows, so the full path decides.
        || matches!(
            c,
            '\u{0600}'..='\u{0605}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{110BD}'
                | '\u{110CD}'
        )
}

/// Makes untrusted text safe to print on a terminal as one line of command
/// line output: control, C1 and bidi characters become visible tokens, a
/// newline `␤`, a tab four spaces, and zero-width characters `⟪ZWSP⟫`-like
/// tokens (see the module docs). Borrowed when nothing needed a change.
pub fn safe(text: &str) -> Cow<'_, str> {
    let first_is_mark = text
        .chars()
        .next()
        .is_some_and(unicode_normalization::char::is_combining_mark);
    if !first_is_mark && !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for unit in units_with(text, Newlines::Token, ZeroWidth::Show, usize::MAX) {
        push_shown(&mut out, text, &unit);
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// [`safe`] for text of several lines: each line is made safe on its own
/// and the newlines between them are kept (a `\r\n` becomes `\n`).
pub fn safe_text(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return safe(text);
    }
    let mut parts = text
        .split('\n')
        .map(|l| safe(l.strip_suffix('\r').unwrap_or(l)));
    if text
        .split('\n')
        .all(|l| matches!(safe(l), Cow::Borrowed(_)))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    if let Some(first) = parts.next() {
        out.push_str(&first);
    }
    for part in parts {
        out.push('\n');
        out.push_str(&part);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_one_cell_pictures() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{7}"), "a␛[31mb␇");
        assert_eq!(sanitize("x\u{7f}y"), "x␡y");
        assert_eq!(sanitize("lone\rcr"), "lone␍cr");
        assert_eq!(sanitize("two\nlines"), "two␤lines");
    }

    #[test]
    fn safe_shows_what_the_screen_hides() {
        assert_eq!(safe("plain قال"), "plain قال");
        assert!(matches!(safe("plain قال"), Cow::Borrowed(_)));
        assert_eq!(safe("a\u{200B}b"), "a⟪ZWSP⟫b");
        assert_eq!(safe("\u{FEFF}x\u{2060}"), "⟪BOM⟫x⟪WJ⟫");
        assert_eq!(safe("\u{E0041}x"), "⟪U+E0041⟫x");
        assert_eq!(safe("a\u{1b}]52;c;QQ==\u{7}"), "a␛]52;c;QQ==␇");
        assert_eq!(safe("one\ntwo"), "one␤two");
        assert_eq!(safe("\u{9b}31m\u{202E}"), "⟪9B⟫31m⟪RLO⟫");
        // Joiners inside a word stay (Persian, emoji sequences).
        assert_eq!(safe("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn safe_text_keeps_line_breaks_only() {
        assert_eq!(safe_text("a\nb\u{1b}c\r\nd"), "a\nb␛c\nd");
        assert!(matches!(safe_text("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn tab_becomes_spaces() {
        assert_eq!(sanitize("a\tb"), "a    b");
    }

    #[test]
    fn c1_and_bidi_controls_become_named_tokens() {
        assert_eq!(sanitize("a\u{9b}2J"), "a⟪9B⟫2J");
        assert_eq!(sanitize("\u{202E}abc\u{202C}"), "⟪RLO⟫abc⟪PDF⟫");
        assert_eq!(sanitize("\u{2067}x\u{2069}"), "⟪RLI⟫x⟪PDI⟫");
        assert_eq!(sanitize("\u{200F}\u{200E}\u{061C}"), "⟪RLM⟫⟪LRM⟫⟪ALM⟫");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let nasty: String = (0u32..0xA0)
            .chain(0x2028..0x2070)
            .chain([0x061C, 0xFEFF, 0x00AD])
            .filter_map(char::from_u32)
            .collect();
        let clean = sanitize(&nasty);
        assert!(!clean.chars().any(is_unsafe), "{clean:?}");
    }

    #[test]
    fn zero_width_is_dropped_but_keeps_its_bytes() {
        let text = "a\u{200B}b";
        let us = units(text, Newlines::Token, usize::MAX);
        assert_eq!(us.len(), 2);
        assert_eq!(us[0].src, 0..4, "ZWSP joins the 'a' before it");
        assert_eq!(sanitize(text), "ab");
        let lead = units("\u{FEFF}x", Newlines::Token, usize::MAX);
        assert_eq!(lead[0].src, 0..4, "a leading BOM joins the first unit");
    }

    #[test]
    fn orphan_mark_sits_on_a_dotted_circle() {
        assert_eq!(sanitize("\u{064E}ب"), "◌\u{064E}ب");
    }

    #[test]
    fn harakat_stay_in_their_letter_unit() {
        let text = "بِسم";
        let us = units(text, Newlines::Token, usize::MAX);
        assert_eq!(us.len(), 3);
        assert_eq!(&text[us[0].text.clone()], "بِ");
        assert_eq!(us[0].width, 1);
    }

    #[test]
    fn lam_alef_is_two_units_of_one_column() {
        // unicode-width measures the string "لا" as 1 column (ligature rule);
        // per grapheme each letter is one column.
        let us = units("لا", Newlines::Token, usize::MAX);
        assert_eq!(us.iter().map(|u| u.width).collect::<Vec<_>>(), [1, 1]);
    }

    #[test]
    fn one_char_width_shortcut_agrees_with_the_string_width() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            if c.is_control() {
                continue;
            }
            let mut buf = [0; 4];
            let s: &str = c.encode_utf8(&mut buf);
            let slow =
                UnicodeWidthStr::width(s) + usize::from(matches!(c, '\u{FF9E}' | '\u{FF9F}'));
            assert_eq!(cell_width(s), slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn an_arabic_number_sign_alone_takes_the_full_path() {
        // Found by the property below: the fast path let U+0605 through.
        for c in ['\u{600}', '\u{605}', '\u{6DD}'] {
            let s = c.to_string();
            let mut full = String::new();
            for unit in units_with(&s, Newlines::Token, ZeroWidth::Show, usize::MAX) {
                push_shown(&mut full, &s, &unit);
            }
            assert_eq!(safe(&s).as_ref(), full.as_str(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn stops_after_max_width() {
        let us = units("abcdefgh", Newlines::Token, 3);
        assert!(us.len() <= 5 && us.len() >= 4);
    }

    fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                3 => proptest::char::range(' ', '~'),
                2 => proptest::char::range('\u{600}', '\u{6FF}'),
                2 => proptest::char::range('\u{0}', '\u{A0}'),
                2 => proptest::char::range('\u{2000}', '\u{2070}'),
                1 => prop::sample::select(vec!['\u{FEFF}', '\u{AD}', '\u{34F}', '\u{E0041}', '\u{FE0F}', '\u{180E}']),
                1 => any::<char>(),
            ],
            0..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn safe_is_the_full_sanitiser_and_leaves_nothing_unsafe(s in any_text()) {
            let mut full = String::new();
            for unit in units_with(&s, Newlines::Token, ZeroWidth::Show, usize::MAX) {
                push_shown(&mut full, &s, &unit);
            }
            let fast = safe(&s);
            proptest::prop_assert_eq!(fast.as_ref(), full.as_str());
            proptest::prop_assert!(!fast.chars().any(is_unsafe), "{:?}", fast);
            // A second pass finds nothing unsafe either (it may still
            // regroup graphemes: prepended marks join a new picture).
            proptest::prop_assert!(!safe(&fast).chars().any(is_unsafe), "{:?}", fast);
            proptest::prop_assert!(!safe_text(&s).chars().any(|c| is_unsafe(c) && c != '\n'));
        }
    }
}
