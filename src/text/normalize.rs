//! Arabic-aware normalisation for matching, with a map back to the source.
//!
//! Rules, claim ids and search all match against normalised text, so that a
//! pattern written `أهدى` finds `اهدى`, `أهدَى` and `ﺃﻫﺪﻯ` alike. Each source
//! character is folded on its own (no context), in this order:
//!
//! 1. Presentation forms and ligatures (U+FB00–U+FDFF, U+FE70–U+FEFC,
//!    U+FF00–U+FFEF) are replaced by their NFKC form (`ﻻ` → `لا`, `ﬁ` → `fi`,
//!    full-width `１` → `1`); the result is folded again by the steps below.
//! 2. Dropped: tashkeel U+064B–U+065F, superscript alef U+0670, Quranic marks
//!    U+06D6–U+06ED, tatweel U+0640, zero-width and directional controls
//!    (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C), BOM U+FEFF and
//!    soft hyphen U+00AD.
//! 3. Letters: `أ إ آ ٱ` → `ا`; `ى` → `ي`; `ة` → `ه`; `ؤ` → `و`; `ئ` → `ي`;
//!    Persian `ی` → `ي`, `ک` → `ك`.
//! 4. Digits `٠`–`٩` and `۰`–`۹` → `0`–`9`.
//! 5. Punctuation: `،` → `,`  `؛` → `;`  `؟` → `?`  `٪` → `%`  `٫` → `.`  `٬` → `,`.
//! 6. Unicode spaces (NBSP, en/em spaces, narrow NBSP, ideographic space,
//!    line and paragraph separators …) → ASCII space.
//!
//! There is no case folding (English rules use `(?i)`), and ASCII is never
//! changed, so regex syntax survives when a rule's pattern is normalised
//! (`rules::pattern::normalize_pattern` applies [`normalize_char`] to its literals).

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Text normalised for matching, with a map from every byte of the
/// normalised text back to the byte range of the source character it came from.
///
/// A dropped character (a mark, tatweel, a control) extends the range of the
/// character before it; a dropped character at the very start extends the
/// range of the first character kept.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`: (start, end) of the source character it came from.
    map: Vec<(u32, u32)>,
}

impl Normalized {
    /// Maps a byte range of the normalised text back to the source.
    /// The result starts and ends on char boundaries of the source.
    /// Ranges past the end of the normalised text are clamped.
    pub fn source_range(&self, norm: Range<usize>) -> Range<usize> {
        let Some(last) = self.map.last() else {
            return 0..0;
        };
        let len = self.map.len();
        let (start, end) = (norm.start.min(len), norm.end.min(len));
        if start >= end {
            let at = self.map.get(start).map_or(last.1, |m| m.0);
            return at as usize..at as usize;
        }
        self.map[start].0 as usize..self.map[end - 1].1 as usize
    }

    /// The source byte range of the character behind normalised byte `at`,
    /// or `None` past the end.
    pub fn source_of(&self, at: usize) -> Option<Range<usize>> {
        self.map.get(at).map(|&(s, e)| s as usize..e as usize)
    }
}

/// What [`fold`] does with one character.
#[derive(Clone, Copy)]
enum Fold {
    /// Kept as it is.
    Keep,
    /// Removed from the normalised text.
    Drop,
    /// Replaced by one character.
    To(char),
    /// A presentation form or ligature: replaced by its NFKC form, folded again.
    Compat,
}

/// The folding of one character: a table for the Arabic block, else [`fold_slow`].
#[inline]
fn fold(c: char) -> Fold {
    let offset = (c as u32).wrapping_sub(0x600);
    if offset < 0x100 {
        ARABIC_BLOCK[offset as usize]
    } else {
        fold_slow(c)
    }
}

/// [`fold_slow`] for U+0600–U+06FF, computed at compile time.
static ARABIC_BLOCK: [Fold; 256] = {
    let mut table = [Fold::Keep; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match char::from_u32(0x600 + i as u32) {
            Some(c) => fold_slow(c),
            None => Fold::Keep,
        };
        i += 1;
    }
    table
};

/// The folding of one character (steps 2–6 of the module docs; step 1 is
/// [`Fold::Compat`]).
const fn fold_slow(c: char) -> Fold {
    match c {
        '\0'..='\u{7F}' => Fold::Keep,
        '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6ED}'
        | '\u{640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{61C}'
        | '\u{FEFF}'
        | '\u{AD}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::To('ا'),
        'ى' | 'ئ' | 'ی' => Fold::To('ي'),
        'ة' => Fold::To('ه'),
        'ؤ' => Fold::To('و'),
        'ک' => Fold::To('ك'),
        '٠'..='٩' => Fold::To((b'0' + (c as u32 - 0x660) as u8) as char),
        '۰'..='۹' => Fold::To((b'0' + (c as u32 - 0x6F0) as u8) as char),
        '،' | '٬' => Fold::To(','),
        '؛' => Fold::To(';'),
        '؟' => Fold::To('?'),
        '٪' => Fold::To('%'),
        '٫' => Fold::To('.'),
        '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Fold::To(' '),
        '\u{FB00}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF00}'..='\u{FFEF}' => Fold::Compat,
        _ => Fold::Keep,
    }
}

/// Appends the normalised form of `c` to `out` (nothing when `c` is dropped).
///
/// This is the whole character mapping of the module: apply it to the
/// literal characters of a rule's pattern so that an author may write `أهدى`
/// and match `اهدى`. ASCII is appended unchanged. Most characters give one
/// character or none; presentation forms may give several (`ﻻ` → `لا`).
/// Returns the number of bytes appended.
pub fn normalize_char(c: char, out: &mut String) -> usize {
    let before = out.len();
    match fold(c) {
        Fold::Keep => out.push(c),
        Fold::Drop => {}
        Fold::To(t) => out.push(t),
        Fold::Compat => push_compat(c, out),
    }
    out.len() - before
}

/// True when normalisation removes `c` entirely (tashkeel, tatweel, controls…).
pub fn is_dropped(c: char) -> bool {
    let mut s = String::new();
    normalize_char(c, &mut s) == 0
}

/// Appends the NFKC form of a presentation form, folded again.
/// An isolated harakah (U+FE70…, NFKC "space + mark") is dropped entirely.
fn push_compat(c: char, out: &mut String) {
    let before = out.len();
    let mut first_space = false;
    for (i, d) in std::iter::once(c).nfkc().enumerate() {
        if i == 0 && d == ' ' {
            first_space = true;
            out.push(' ');
            continue;
        }
        match fold(d) {
            Fold::Keep | Fold::Compat => out.push(d),
            Fold::Drop => {}
            Fold::To(t) => out.push(t),
        }
    }
    if first_space && out.len() == before + 1 {
        out.truncate(before);
    }
}

/// Normalises `src` for matching and keeps the map back to it.
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut map: Vec<(u32, u32)> = Vec::with_capacity(src.len());
    // Start of the source range for the next kept character, when leading
    // characters were dropped.
    let mut pending_start: Option<u32> = None;
    // Index in `map` where the output of the last kept source character begins.
    let mut last_out = 0usize;
    // Start of the run of unchanged source text not yet copied to `text`.
    let mut run = 0usize;
    let bytes = src.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast paths (nothing pending): an ASCII byte, a kept two-byte char.
        if pending_start.is_none() {
            if b < 0x80 {
                last_out = map.len();
                map.push((i as u32, i as u32 + 1));
                i += 1;
                continue;
            }
            if (0xC2..0xE0).contains(&b) {
                let code = u32::from(b & 0x1F) << 6 | u32::from(bytes[i + 1] & 0x3F);
                if let Some(Fold::Keep) = char::from_u32(code).map(fold) {
                    let e = (i as u32, i as u32 + 2);
                    last_out = map.len();
                    map.extend_from_slice(&[e, e]);
                    i += 2;
                    continue;
                }
            }
        }
        let Some(c) = src[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        let (start, end) = (i as u32, (i + len) as u32);
        i += len;
        let action = if c.is_ascii() { Fold::Keep } else { fold(c) };
        if let Fold::Keep = action {
            last_out = map.len();
            let first = pending_start.take().unwrap_or(start);
            map.extend_from_slice(&[(first, end); 4][..len]);
            continue;
        }
        text.push_str(&src[run..start as usize]);
        run = end as usize;
        let added = match action {
            Fold::To(t) => {
                text.push(t);
                t.len_utf8()
            }
            Fold::Compat => {
                let before = text.len();
                push_compat(c, &mut text);
                text.len() - before
            }
            Fold::Keep | Fold::Drop => 0,
        };
        if added == 0 {
            if map.is_empty() {
                pending_start.get_or_insert(start);
            } else {
                for m in &mut map[last_out..] {
                    m.1 = end;
                }
            }
            continue;
        }
        let first = pending_start.take().unwrap_or(start);
        last_out = map.len();
        map.extend(std::iter::repeat_n((first, end), added));
    }
    text.push_str(&src[run..]);
    Normalized { text, map }
}

/// Normalises `src` for matching when no map is needed (ids, search, patterns).
/// Always equal to `normalize(src).text`, and faster.
pub fn normalize_str(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    // Start of the run of unchanged source text not yet copied to `out`.
    let mut run = 0usize;
    for (i, c) in src.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let action = fold(c);
        if let Fold::Keep = action {
            continue;
        }
        out.push_str(&src[run..i]);
        run = i + c.len_utf8();
        match action {
            Fold::To(t) => out.push(t),
            Fold::Compat => push_compat(c, &mut out),
            Fold::Keep | Fold::Drop => {}
        }
    }
    out.push_str(&src[run..]);
    out
}

/// Folds text for a case-insensitive search box: [`normalize_str`] with
/// ASCII letters in lower case, so `اتفاقيه` finds `إتفاقيّة` and `summit`
/// finds `Summit`. Only ASCII changes case, so byte lengths stay those of
/// [`normalize_str`] and [`normalize_for_search`] maps hits back.
pub fn fold_for_search(s: &str) -> String {
    let mut n = normalize_str(s);
    n.make_ascii_lowercase();
    n
}

/// [`normalize`] folded like [`fold_for_search`], with the map back to
/// `src`: search for a [`fold_for_search`] needle in `.text`, then
/// [`Normalized::source_range`] gives the hit in `src`.
pub fn normalize_for_search(src: &str) -> Normalized {
    let mut n = normalize(src);
    n.text.make_ascii_lowercase();
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize_str(s)
    }

    #[test]
    fn folds_alef_variants() {
        assert_eq!(n("أإآٱا"), "ااااا");
        assert_eq!(n("إتفاقية"), "اتفاقيه");
    }

    #[test]
    fn folds_yeh_teh_marbuta_and_hamza_seats() {
        assert_eq!(n("مصطفى"), "مصطفي");
        assert_eq!(n("مدينة"), "مدينه");
        assert_eq!(n("مؤتمر"), "موتمر");
        assert_eq!(n("رئيس"), "رييس");
    }

    #[test]
    fn folds_persian_letters() {
        assert_eq!(n("\u{6CC}\u{6A9}"), "يك");
    }

    #[test]
    fn removes_tashkeel_tatweel_and_quranic_marks() {
        assert_eq!(n("أَهْدَى"), "اهدي");
        assert_eq!(n("الـــرئيس"), "الرييس");
        assert_eq!(n("هٰذا"), "هذا");
        assert_eq!(n("قال\u{6D6}"), "قال");
        assert_eq!(n("إتفاقيّة"), "اتفاقيه");
    }

    #[test]
    fn removes_invisible_controls() {
        let s = "\u{FEFF}a\u{200B}b\u{200F}c\u{202B}d\u{202C}e\u{2067}f\u{2069}g\u{61C}h\u{AD}i";
        assert_eq!(n(s), "abcdefghi");
    }

    #[test]
    fn folds_digits_both_families() {
        assert_eq!(n("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(n("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(n("٣٫٥٪"), "3.5%");
        assert_eq!(n("٨٬٠٠٠"), "8,000");
    }

    #[test]
    fn folds_arabic_punctuation() {
        assert_eq!(n("نعم، لا؛ لماذا؟"), "نعم, لا; لماذا?");
    }

    #[test]
    fn folds_unicode_spaces() {
        assert_eq!(n("a\u{A0}b\u{2009}c\u{202F}d\u{3000}e"), "a b c d e");
    }

    #[test]
    fn expands_presentation_forms_and_ligatures() {
        assert_eq!(n("\u{FEFB}"), "لا");
        assert_eq!(n("\u{FEF7}"), "لا"); // lam-alef with hamza above
        assert_eq!(n("\u{FE83}\u{FEEB}\u{FEAA}\u{FEEF}"), "اهدي");
        assert_eq!(n("\u{FB01}nal"), "final");
        assert_eq!(n("\u{FF11}\u{FF10}"), "10");
        // An isolated harakah presentation form is dropped, not made a space.
        assert_eq!(n("ب\u{FE76}"), "ب");
    }

    #[test]
    fn every_presentation_form_is_stable_after_one_pass() {
        let ranges = [
            '\u{FB00}'..='\u{FDFF}',
            '\u{FE70}'..='\u{FEFC}',
            '\u{FF00}'..='\u{FFEF}',
        ];
        for c in ranges.into_iter().flatten() {
            let once = n(&c.to_string());
            assert_eq!(n(&once), once, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn keeps_ascii_and_case() {
        let s = "Summit in Rabat: 3.5% of 8,000 (U.S.) https://x.example/a?b=1";
        assert_eq!(n(s), s);
    }

    #[test]
    fn map_points_back_to_source_characters() {
        let src = "قَالَ إن";
        let norm = normalize(src);
        assert_eq!(norm.text, "قال ان");
        // "قال" covers the source word with its harakat.
        let qal = 0.."قال".len();
        assert_eq!(norm.source_range(qal), 0.."قَالَ".len());
        // The alef of "ان" maps back to "إ".
        let at = norm.text.find("ان").unwrap();
        let r = norm.source_range(at..at + 2);
        assert_eq!(&src[r], "إ");
    }

    #[test]
    fn map_of_expansion_covers_the_ligature() {
        let src = "x\u{FEFB}y";
        let norm = normalize(src);
        assert_eq!(norm.text, "xلاy");
        let la = 1..1 + "لا".len();
        assert_eq!(&src[norm.source_range(la)], "\u{FEFB}");
        // Half of the expansion maps to the whole ligature too.
        assert_eq!(&src[norm.source_range(1..3)], "\u{FEFB}");
    }

    #[test]
    fn leading_dropped_characters_join_the_first_kept_one() {
        let src = "\u{200F}\u{64E}ب";
        let norm = normalize(src);
        assert_eq!(norm.text, "ب");
        assert_eq!(norm.source_range(0..2), 0..src.len());
    }

    #[test]
    fn empty_and_all_dropped_inputs() {
        assert_eq!(normalize("").source_range(0..0), 0..0);
        let norm = normalize("\u{64E}\u{64F}");
        assert_eq!(norm.text, "");
        assert_eq!(norm.source_range(0..3), 0..0);
    }

    #[test]
    fn empty_range_maps_to_a_point() {
        let norm = normalize("ab");
        assert_eq!(norm.source_range(1..1), 1..1);
        assert_eq!(norm.source_range(2..2), 2..2);
        assert_eq!(norm.source_range(5..9), 2..2);
    }

    #[test]
    fn normalize_char_reports_bytes() {
        let mut s = String::new();
        assert_eq!(normalize_char('أ', &mut s), 'ا'.len_utf8());
        assert_eq!(normalize_char('\u{64E}', &mut s), 0);
        assert_eq!(normalize_char('\u{FEFB}', &mut s), "لا".len());
        assert_eq!(s, "الا");
        assert!(is_dropped('\u{640}'));
        assert!(!is_dropped('ب'));
    }

    #[test]
    fn search_hits_map_back_to_the_source() {
        let src = "وقّعت القمة الإتفاقيّة مع Summit";
        let hay = normalize_for_search(src);
        for (needle, want) in [("اتفاقيه", "إتفاقيّة"), ("summit", "Summit")] {
            let needle = fold_for_search(needle);
            let at = hay.text.find(&needle).unwrap();
            assert_eq!(&src[hay.source_range(at..at + needle.len())], want);
        }
    }

    #[test]
    fn search_folding_ignores_case_and_marks() {
        assert_eq!(fold_for_search("إتفاقيّة"), fold_for_search("اتفاقيه"));
        assert_eq!(fold_for_search("Summit"), "summit");
        assert!(fold_for_search("القمة الإقليمية").contains(&fold_for_search("الاقليميه")));
    }
}
