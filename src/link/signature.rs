//! A claim's signature: what linking needs of its sentence, computed from
//! the sentence alone (so it can be cached with the claim, keyed by its id).
//!
//! The sentence is normalised with the desk's normaliser, English is
//! lower-cased, Arabic words lose their clitics (a light stemmer in the
//! manner of Larkey's light10: و, ال and its combinations, pronoun and
//! plural suffixes), function words are dropped and every figure, in digits
//! or in words, becomes one placeholder term, so that a changed number does
//! not break a link. Terms are kept as 64-bit FNV-1a hashes.

use crate::figures::{Figure, Unit, figures_in, is_number_word};
use crate::text::normalize::normalize;

use super::stopwords::{clitic_on_stop, is_stop};

/// What linking knows of one claim.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    /// Hashes of the sentence's content terms, sorted, without repeats.
    pub terms: Vec<u64>,
    /// Words in the sentence, function words and figures included.
    pub words: u32,
    /// The sentence's figures, each with its text as written.
    pub figures: Vec<(Figure, Box<str>)>,
    /// For each figure, the hash of the content word right after it (what a
    /// count counts: `14 نقطة`, `26 مباراة`), or 0 when that word is a
    /// function word, a figure or missing.
    pub counted: Vec<u64>,
    /// For each figure, the hash of the nearest content word before it, over
    /// function words (what a percentage, a sum or a duration is of: `بنسبة
    /// 5%`, `البطالة إلى 12%`, `السجن 12 عاما`), or 0 when there is none.
    pub before: Vec<u64>,
}

/// The prefix of the term a figure becomes: `#` and its unit's name, so that
/// two claims with a count and a duration each share two figure slots
/// whatever the numbers.
const FIGURE_TERM: &str = "#";

/// The signature of one sentence (as written in the article).
pub fn signature(sentence: &str) -> Signature {
    let mut norm = normalize(sentence);
    norm.text.make_ascii_lowercase();
    let found = figures_in(sentence, &norm);
    let text = norm.text.as_str();
    // Sized for about one word in six bytes, not grown word by word.
    let mut terms = Vec::with_capacity(text.len() / 6 + 4);
    let mut words = 0u32;
    // Where each word outside the figures starts, with its stem's hash.
    let mut after_words: Vec<(usize, u64)> = if found.is_empty() {
        Vec::new()
    } else {
        Vec::with_capacity(text.len() / 6 + 4)
    };
    let dateline = dateline_end(text);
    for word in text.split(|c: char| !crate::text::is_word_char(c)) {
        if word.is_empty() {
            continue;
        }
        // `word` is a slice of `text`: its offset there.
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        if start < dateline {
            continue;
        }
        words += 1;
        let src = norm.source_range(start..start + word.len());
        let in_figure = found
            .iter()
            .any(|f| f.text_range.start < src.end && src.start < f.text_range.end);
        if in_figure {
            // The figure's unit slot stands for it (below).
            continue;
        }
        let mut content = 0;
        if word.bytes().any(|b| b.is_ascii_digit()) {
            // Digits that are no amount: a name (Boeing 737, PS752).
            terms.push(fnv1a(word.as_bytes()));
        } else if is_number_word(word) {
            // A number word not read as a figure (واحد alone): a slot of its own.
            terms.push(fnv1a(FIGURE_TERM.as_bytes()));
        } else if let Some(t) = stem(word) {
            content = stem_hash(t);
            terms.push(content);
        }
        if !found.is_empty() {
            after_words.push((src.start, content));
        }
    }
    let counted = found
        .iter()
        .map(|f| {
            after_words
                .iter()
                .find(|(at, _)| *at >= f.text_range.end)
                .map_or(0, |&(_, h)| h)
        })
        .collect();
    let before = found
        .iter()
        .map(|f| {
            after_words
                .iter()
                .rev()
                .find(|&&(at, h)| at < f.text_range.start && h != 0)
                .map_or(0, |&(_, h)| h)
        })
        .collect();
    for f in &found {
        terms.push(figure_term(f.unit));
    }
    terms.sort_unstable();
    terms.dedup();
    // Kept for the whole desk: an exact copy, no spare capacity (it was a
    // fifth of them), and the scratch vector freed whole rather than shrunk
    // in place (which left a small free block behind every signature).
    let terms = terms.to_vec();
    let figures = found
        .into_iter()
        .map(|f| {
            let text: Box<str> = sentence.get(f.text_range.clone()).unwrap_or("").into();
            (f, text)
        })
        .collect();
    Signature {
        terms,
        words,
        figures,
        counted,
        before,
    }
}

/// Where a dateline opening the (normalised) sentence ends, or 0: a place
/// (none, one word, or a city and country after a comma, at most
/// [`DATELINE_WORDS`] words), a bracketed source or place of at most
/// three, then a dash (`دبي، الامارات العربيه المتحده (cnn)-- `,
/// `نيس (فرنسا) - `). One outlet writes it before every story, so its words
/// would weigh on one side of a cross-outlet pair only.
fn dateline_end(text: &str) -> usize {
    let Some(open) = text.find('(') else {
        return 0;
    };
    let place = &text[..open];
    let count = |s: &str| s.split_whitespace().count();
    // A city alone, or a city and its country after a comma.
    let placeish = count(place) <= 1 || place.contains(',');
    if !placeish || count(place) > DATELINE_WORDS || place.contains(['.', ':', '"']) {
        return 0;
    }
    let Some(close) = text[open..].find(')').map(|i| open + i) else {
        return 0;
    };
    if count(&text[open + 1..close]) > 3 {
        return 0;
    }
    let rest = &text[close + 1..];
    let after = rest.trim_start_matches(' ');
    let dashes = after.trim_start_matches(['-', '–', '—']);
    if dashes.len() == after.len() {
        return 0;
    }
    text.len() - dashes.len()
}

/// The most words a dateline's place has ([`dateline_end`]).
const DATELINE_WORDS: usize = 5;

/// The hash of the term a figure of `unit` becomes.
pub(super) fn figure_term(unit: Unit) -> u64 {
    let mut h = fnv1a(FIGURE_TERM.as_bytes());
    for &b in unit.name().as_bytes() {
        h = fnv_step(h, b);
    }
    h
}

/// Every unit a figure can have, in a fixed order (the link cache stores a
/// unit as its place here).
pub(super) const UNITS: [Unit; 14] = {
    use crate::figures::Currency::*;
    [
        Unit::Count,
        Unit::Times,
        Unit::Percent,
        Unit::Distance,
        Unit::Duration,
        Unit::Year,
        Unit::Date,
        Unit::Money(Dollar),
        Unit::Money(Euro),
        Unit::Money(Pound),
        Unit::Money(Riyal),
        Unit::Money(Dirham),
        Unit::Money(Dinar),
        Unit::Money(Lira),
    ]
};

/// Every figure slot term: one per unit, and the bare one of a number
/// word not read as a figure.
pub(super) fn figure_terms() -> Vec<u64> {
    let mut v: Vec<u64> = UNITS.into_iter().map(figure_term).collect();
    v.push(fnv1a(FIGURE_TERM.as_bytes()));
    v
}

/// The hash of an Arabic or English stem. Arabic long alef inside a word is
/// skipped (طالب and طلاب, مقعد and مقاعد hash alike): broken plurals and
/// spelling variants that a light stemmer cannot reach. In a stem of
/// [`SKELETON_LETTERS`] letters or more, و and ي inside the word are skipped
/// too: foreign names written with or without their long vowels
/// (غوندوغان / غندوغان, إيريكسن / إريكسن, جيرمان / جرمان).
fn stem_hash(stem: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    let len = letters(stem);
    let long = len > 3;
    for (n, c) in stem.chars().enumerate() {
        if c == 'ا' && n > 0 && long {
            continue;
        }
        if (c == 'و' || c == 'ي') && n > 0 && n + 1 < len && len >= SKELETON_LETTERS {
            continue;
        }
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = fnv_step(h, b);
        }
    }
    h
}

/// Stems this long or longer hash without their inner و and ي
/// ([`stem_hash`]): long enough that the letters left still name one word
/// (a four-letter skeleton would merge كبير and كبر, جديد and جدد).
const SKELETON_LETTERS: usize = 5;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// 64-bit FNV-1a: stable across runs and builds (a cache may keep it).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| fnv_step(h, b))
}

/// The content stem of a normalised word, or `None` for a function word.
pub(super) fn stem(word: &str) -> Option<&str> {
    if is_stop(word) || clitic_on_stop(word) {
        return None;
    }
    let stem = if word.is_ascii() {
        english_stem(word)
    } else {
        arabic_stem(word)
    };
    // Fewer than two letters, found without counting them all.
    let mut chars = stem.chars();
    let short = chars.next().is_none() || chars.next().is_none();
    if short || is_stop(stem) {
        return None;
    }
    Some(stem)
}

/// The characters of a short string: its bytes that begin one (a call to
/// `chars().count()` cost more than the count on words this short).
fn letters(s: &str) -> usize {
    s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// Plural and possessive endings of English words.
fn english_stem(w: &str) -> &str {
    if let Some(s) = w.strip_suffix("'s") {
        return s;
    }
    if w.len() > 4 && w.ends_with("ies") {
        return &w[..w.len() - 3];
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return &w[..w.len() - 1];
    }
    w
}

/// Prefixes stripped when at least two letters remain after them.
const AR_PREFIXES: &[&str] = &[
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال",
];
/// Suffixes stripped (each at most once, in this order) while at least
/// two letters remain.
const AR_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا"];

/// A light Arabic stemmer on normalised text (ة is ه, ى is ي).
fn arabic_stem(w: &str) -> &str {
    let mut s = w;
    let mut len = letters(s);
    if len > 3
        && let Some(rest) = s.strip_prefix('و')
    {
        s = rest;
        len -= 1;
    }
    let mut stripped = false;
    for p in AR_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            let rest_len = len - letters(p);
            if rest_len >= 2 {
                s = rest;
                len = rest_len;
                stripped = true;
                break;
            }
        }
    }
    // لـ and بـ before a word without the article (لطلاب, بمنح).
    if !stripped
        && len > 4
        && let Some(rest) = s.strip_prefix(['ل', 'ب'])
    {
        s = rest;
        len -= 1;
    }
    for suffix in AR_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            let n = letters(suffix);
            if len > n + 1 {
                s = rest;
                len -= n;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_are_stripped() {
        assert_eq!(stem("والاتفاقيه"), stem("الاتفاقيه"));
        assert_eq!(stem("بالاتفاقيات"), stem("اتفاقيه"));
        assert_eq!(stem("للرييس"), stem("الرييس"));
        assert_eq!(stem("في"), None);
        assert_eq!(stem("agreements"), Some("agreement"));
    }

    #[test]
    fn figures_become_one_term() {
        let a = signature("وصل 8,000 طالب إلى العاصمة");
        let b = signature("وصل ثمانية آلاف طالب إلى العاصمة");
        assert_eq!(a.terms, b.terms);
        assert_eq!(a.figures.len(), 1);
        assert_eq!(&*a.figures[0].1, "8,000");
    }

    #[test]
    fn broken_plurals_and_units() {
        let a = signature("وصل 8,000 طالب إلى المقاعد منذ 24 عاماً");
        let b = signature("وصل 7,500 من الطلاب إلى المقعد منذ نحو ربع قرن");
        assert_eq!(a.terms, b.terms);
        assert_eq!(a.terms.len(), 5, "وصل، طالب، مقعد, a count and a duration");
    }

    #[test]
    fn numbers_in_names_are_terms() {
        let a = signature("سقطت طائرة بوينغ 737 قرب المطار");
        let b = signature("سقطت طائرة بوينغ 747 قرب المطار");
        assert_ne!(a.terms, b.terms);
        assert!(a.figures.is_empty());
    }
}
