//! Numbers that name rather than count: a model, a flight, a resolution,
//! an event, a rank (the words around a number that make it a name).

use super::parse::{Kind, Token};

/// Words after which a number names a thing (a model, a flight, an event,
/// a resolution) rather than counting it (normalised, lower case).
const NAME_BEFORE: &[&str] = &[
    "بوينغ",
    "بوينج",
    "ايرباص",
    "رحله",
    "الرحله",
    "طراز",
    "الطراز",
    "موديل",
    "قرار",
    "القرار",
    "رقم",
    "الرقم",
    "مونديال",
    "اكسبو",
    "رويه",
    "اولمبياد",
    "يورو",
    "اف",
    "سو",
    "ميغ",
    "ميج",
    "boeing",
    "airbus",
    "flight",
    "model",
    "resolution",
    "vision",
    "expo",
    "no",
    "number",
    "cup",
    "f",
    "su",
    "mig",
    "covid",
    "كوفيد",
    "المجموعه",
    "مجموعه",
    "group",
    "ناسداك",
    "nasdaq",
    "فوتسي",
    "داكس",
    "نيكاي",
    // A time of day (الساعة 17,00 or 17:00): the hour names a moment.
    "الساعه",
];

/// Words before which a year names an event (`2018 World Cup`).
const NAME_AFTER: &[[&str; 2]] = &[["world", "cup"], ["كاس", "العالم"]];

/// Clitics that may be glued to a number without making it a name (ب24).
const GLUED_CLITICS: &[&str] = &["ب", "ل", "و", "ف", "ك", "وب", "ول", "بال", "وال"];

/// True when the digits at token `i` are part of a name: glued to a word
/// before them (PS752, A320, Tu-160), after a word that names things by
/// number (Boeing 737, رحلة 752, كأس العالم 2018), or a year before one
/// (2018 World Cup).
pub(super) fn is_name_number(text: &str, t: &[Token], i: usize) -> bool {
    let Some(k) = t.get(i) else {
        return false;
    };
    if k.kind != Kind::Digits {
        return false;
    }
    if let Some(prev) = i.checked_sub(1).and_then(|p| t.get(p))
        && prev.kind == Kind::Word
    {
        let gap = text.get(prev.range.end..k.range.start).unwrap_or(" ");
        // Latin letters glued to digits (PS752, A320) or any word joined by
        // a hyphen (Tu-160, تي.يو-160); Arabic glued without one is only
        // a missing space (نحو19).
        let latin_glued = gap.is_empty() && prev.text.is_ascii();
        if (latin_glued || gap == "-") && !GLUED_CLITICS.contains(&prev.text) {
            return true;
        }
        if NAME_BEFORE.contains(&prev.text) {
            return true;
        }
        if prev.text == "العالم" && i >= 2 && t[i - 2].text == "كاس" {
            return true;
        }
    }
    // A time of day (15:00) or a list marker opening the sentence (1- …).
    let after = text.get(k.range.end..).unwrap_or("");
    let before = text.get(..k.range.start).unwrap_or("");
    let digit_at = |s: &str, first: bool| {
        let c = if first {
            s.chars().next()
        } else {
            s.chars().last()
        };
        c.is_some_and(|c| c.is_ascii_digit())
    };
    if after.strip_prefix(':').is_some_and(|r| digit_at(r, true))
        || before.strip_suffix(':').is_some_and(|r| digit_at(r, false))
    {
        return true;
    }
    if i == 0 && (after.starts_with('-') || after.starts_with(')')) {
        return true;
    }
    NAME_AFTER.iter().any(|[a, b]| {
        t.get(i + 1).is_some_and(|x| x.text == *a) && t.get(i + 2).is_some_and(|x| x.text == *b)
    })
}
