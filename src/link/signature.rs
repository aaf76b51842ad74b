//! A claim's signature: what linking needs of its sentence, computed from
//! the sentence alone (so it can be cached with the claim, keyed by its id).
//!
//! The sentence is normalised with the desk's normaliser, English is
//! lower-cased, Arabic words lose their clitics (a light stemmer in the
//! manner of Larkey's light10: و, ال and its combinations, pronoun and
//! plural suffixes), function words are dropped and every figure, in digits
//! or in words, becomes one placeholder term, so that a changed number does
//! not break a link. Terms are kept as 64-bit FNV-1a hashes.

use crate::figures::{Figure, figures, is_number_word};
use crate::text::normalize::normalize_str;

/// What linking knows of one claim.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    /// Hashes of the sentence's content terms, sorted, without repeats.
    pub terms: Vec<u64>,
    /// Words in the sentence, function words and figures included.
    pub words: u32,
    /// The sentence's figures, each with its text as written.
    pub figures: Vec<(Figure, Box<str>)>,
}

/// The term every figure becomes.
const FIGURE_TERM: &str = "#";

/// The signature of one sentence (as written in the article).
pub fn signature(sentence: &str) -> Signature {
    let mut norm = normalize_str(sentence);
    norm.make_ascii_lowercase();
    let mut terms = Vec::new();
    let mut words = 0u32;
    for word in norm
        .split(|c: char| !crate::text::is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let term = if word.bytes().any(|b| b.is_ascii_digit()) || is_number_word(word) {
            FIGURE_TERM
        } else {
            match stem(word) {
                Some(t) => t,
                None => continue,
            }
        };
        terms.push(fnv1a(term.as_bytes()));
    }
    terms.sort_unstable();
    terms.dedup();
    let figures = figures(sentence)
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
    }
}

/// The hash of the term every figure becomes.
pub(super) fn figure_term() -> u64 {
    fnv1a(FIGURE_TERM.as_bytes())
}

/// 64-bit FNV-1a: stable across runs and builds (a cache may keep it).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The content stem of a normalised word, or `None` for a function word.
pub(super) fn stem(word: &str) -> Option<&str> {
    if is_stop(word) {
        return None;
    }
    let stem = if word.is_ascii() {
        english_stem(word)
    } else {
        arabic_stem(word)
    };
    if is_stop(stem) || stem.chars().count() < 2 {
        return None;
    }
    Some(stem)
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
    let len = |s: &str| s.chars().count();
    let mut s = w;
    if len(s) > 3
        && let Some(rest) = s.strip_prefix('و')
    {
        s = rest;
    }
    let mut stripped = false;
    for p in AR_PREFIXES {
        if let Some(rest) = s.strip_prefix(p)
            && len(rest) >= 2
        {
            s = rest;
            stripped = true;
            break;
        }
    }
    // لـ and بـ before a word without the article (لطلاب, بمنح).
    if !stripped
        && len(s) > 4
        && let Some(rest) = s.strip_prefix(['ل', 'ب'])
    {
        s = rest;
    }
    for suffix in AR_SUFFIXES {
        if len(s) > len(suffix) + 1
            && let Some(rest) = s.strip_suffix(suffix)
        {
            s = rest;
        }
    }
    s
}

/// Function words of both languages (normalised), including the verbs of
/// attribution that every outlet varies (قال / أكد / أضاف; said / added).
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "في" | "من"
            | "علي"
            | "الي"
            | "عن"
            | "ان"
            | "انه"
            | "انها"
            | "مع"
            | "هذا"
            | "هذه"
            | "ذلك"
            | "تلك"
            | "التي"
            | "الذي"
            | "الذين"
            | "اللذين"
            | "كان"
            | "كانت"
            | "يكون"
            | "تكون"
            | "قد"
            | "لقد"
            | "ما"
            | "لا"
            | "لم"
            | "لن"
            | "او"
            | "ثم"
            | "حيث"
            | "كما"
            | "بين"
            | "بعد"
            | "قبل"
            | "عند"
            | "كل"
            | "اي"
            | "اذا"
            | "منذ"
            | "خلال"
            | "حتي"
            | "اما"
            | "هو"
            | "هي"
            | "هم"
            | "نحن"
            | "عليه"
            | "فيه"
            | "منه"
            | "اليه"
            | "لها"
            | "له"
            | "بها"
            | "به"
            | "قال"
            | "وقال"
            | "قالت"
            | "وقالت"
            | "يقول"
            | "اضاف"
            | "واضاف"
            | "اكد"
            | "واكد"
            | "اوضح"
            | "واوضح"
            | "اشار"
            | "واشار"
            | "ايضا"
            | "وفق"
            | "وفقا"
            | "بحسب"
            | "حسب"
            | "نحو"
            | "حوالي"
            | "قرابه"
            | "اكثر"
            | "اقل"
            | "وذلك"
            | "الا"
            | "غير"
            | "يوم"
            | "سوف"
            | "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "and"
            | "or"
            | "but"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "with"
            | "by"
            | "from"
            | "as"
            | "that"
            | "this"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "their"
            | "his"
            | "her"
            | "said"
            | "say"
            | "says"
            | "told"
            | "added"
            | "will"
            | "would"
            | "which"
            | "who"
            | "not"
            | "than"
            | "more"
            | "about"
            | "also"
    )
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
}
