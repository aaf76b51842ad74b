//! Reading the figures of one sentence: tokens of the normalised text, then
//! hedge, number phrase, unit and trailing hedge at each token.

use std::ops::Range;

use super::lexicon::{self, HEDGES_AFTER, HEDGES_BEFORE, Word, YEAR};
use super::names::is_name_number;
use super::{Approx, Figure, Unit};
use crate::text::dates::find_dates;
use crate::text::normalize::{Normalized, normalize};

/// A token of the normalised, lower-cased sentence.
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    /// Byte range in the normalised text.
    pub(super) range: Range<usize>,
    pub(super) kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Digits,
    Word,
    /// `%`, `$`, `€`, `£`: a token of their own.
    Symbol,
    /// Any other punctuation: ends a number phrase.
    Break,
}

/// Every figure of `sentence`, in order, with byte ranges in `sentence`.
///
/// Never fails: text that is not a figure is skipped. Full dates
/// (`16 سبتمبر 2023`, `September 16, 2023`) are one [`Unit::Date`] figure.
pub fn figures(sentence: &str) -> Vec<Figure> {
    let mut norm = normalize(sentence);
    norm.text.make_ascii_lowercase();
    figures_in(sentence, &norm)
}

/// [`figures`] of `sentence` given its normalised text already lower-cased
/// (ASCII only), as [`normalize`] and `make_ascii_lowercase` make it: for
/// callers that need the normalised text too.
pub fn figures_in(sentence: &str, norm: &Normalized) -> Vec<Figure> {
    let dates = find_dates(sentence);
    let tokens = tokenize(&norm.text);
    // Every figure holds digits or a number word: most sentences hold neither.
    let numbered = |k: usize| tokens[k].kind == Kind::Digits || word_at(&tokens, k).is_some();
    if dates.is_empty() && !(0..tokens.len()).any(numbered) {
        return Vec::new();
    }
    let src =
        |t: &[Token], a: usize, b: usize| norm.source_range(t[a].range.start..t[b - 1].range.end);
    let mut out: Vec<Figure> = dates
        .iter()
        .map(|(r, d)| Figure {
            value: f64::from(d.year) * 1e4 + f64::from(d.month) * 100.0 + f64::from(d.day),
            unit: Unit::Date,
            approx: Approx::Exact,
            text_range: r.clone(),
            step: 1.0,
        })
        .collect();
    let in_date = |r: &Range<usize>| {
        dates
            .iter()
            .any(|(d, _)| d.start <= r.start && r.end <= d.end)
    };
    let mut i = 0;
    while i < tokens.len() {
        if in_date(&src(&tokens, i, i + 1)) {
            i += 1;
            continue;
        }
        let (approx, start) = match hedge(&tokens, i, HEDGES_BEFORE) {
            Some((a, next)) => (a, next),
            None => (Approx::Exact, i),
        };
        if let Some((figure, end)) = day_of_month(&tokens, start, approx) {
            // 13 أغسطس, 14أيار/مايو: a date with no year, not a count.
            out.push(Figure {
                text_range: src(&tokens, i, end),
                ..figure
            });
            i = end;
            continue;
        }
        let Some(found) = figure_at(&tokens, start) else {
            i += 1;
            continue;
        };
        if is_name_number(&norm.text, &tokens, start) {
            // Boeing 737, flight PS752, كأس العالم 2018: a name, not an amount.
            i = start + 1;
            continue;
        }
        let mut end = found.end;
        let mut approx = match (approx, found.approx) {
            (Approx::Exact, a) => a,
            (a, _) => a,
        };
        if let Some((after, next)) = hedge(&tokens, end, HEDGES_AFTER)
            && approx == Approx::Exact
        {
            approx = after;
            end = next;
        }
        let range = src(&tokens, i, end);
        if !in_date(&range) && found.value.is_finite() {
            out.push(Figure {
                value: found.value,
                unit: found.unit,
                approx,
                text_range: range,
                step: found.step,
            });
        }
        i = end;
    }
    out.sort_by_key(|f| (f.text_range.start, f.text_range.end));
    out
}

/// A day of the month written with digits before the month's name and no
/// year (a full date is read by [`find_dates`]): a [`Unit::Date`] figure
/// whose value is `MMDD` (year 0), and the token after the month.
fn day_of_month(t: &[Token], i: usize, approx: Approx) -> Option<(Figure, usize)> {
    let day = t.get(i).filter(|k| k.kind == Kind::Digits)?;
    let d = day
        .text
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    let name = t.get(i + 1).filter(|k| k.kind == Kind::Word)?;
    let m = lexicon::month(name.text, t.get(i + 2).map(|k| k.text))?;
    let end = if matches!(name.text, "كانون" | "تشرين") {
        i + 3
    } else {
        i + 2
    };
    let figure = Figure {
        value: f64::from(m * 100 + d),
        unit: Unit::Date,
        approx,
        text_range: 0..0,
        step: 1.0,
    };
    Some((figure, end))
}

/// A number phrase with its unit, before any trailing hedge.
struct Found {
    value: f64,
    unit: Unit,
    approx: Approx,
    /// The place value of the last digit written, in the unit's base unit.
    step: f64,
    /// Token index after the phrase.
    end: usize,
}

/// The figure starting at token `i`: optional currency symbol, number
/// (digits or words), optional unit.
fn figure_at(t: &[Token], i: usize) -> Option<Found> {
    let mut j = i;
    let symbol = t.get(j).and_then(|k| lexicon::currency_symbol(k.text));
    if symbol.is_some() {
        j += 1;
    }
    let number = number_at(t, j)?;
    let mut end = number.end;
    let (mut unit, mut value, mut step) = (Unit::Count, number.value, number.step);
    let mut rounded = false;
    if let Some(c) = symbol {
        unit = Unit::Money(c);
    } else if let Some((u, factor)) = number.unit {
        unit = u;
        value *= factor;
        step *= factor;
    } else if let Some((u, factor, next)) = unit_at(t, end, number.fraction) {
        unit = u;
        value *= factor;
        step *= factor;
        end = next;
        // Fractions of a century or decade round by nature ("ربع قرن").
        rounded = number.fraction && factor >= 10.0 * YEAR;
    } else if number.fraction {
        // "نصف" or "half" with neither scale nor unit: not a figure.
        return None;
    } else if number.year_like {
        unit = Unit::Year;
    }
    let approx = if rounded {
        Approx::About
    } else {
        number.approx
    };
    Some(Found {
        value,
        unit,
        approx,
        step,
        end,
    })
}

/// A number phrase at token `i`.
struct Number {
    value: f64,
    end: usize,
    /// Set by a word that carries its unit (مرتين, عامين).
    unit: Option<(Unit, f64)>,
    approx: Approx,
    /// The phrase is a bare fraction (ربع, half) still waiting for its unit.
    fraction: bool,
    /// Four plain digits between 1800 and 2200.
    year_like: bool,
    /// The place value of the last digit written (1 for `31`, 1e5 for
    /// `1.7 مليون`, 1e3 for `تسعه الاف`).
    step: f64,
    /// The last scale word of the phrase (1e3 in `13 الفا`), 0 for none.
    scale: f64,
}

fn number_at(t: &[Token], i: usize) -> Option<Number> {
    let first = t.get(i)?;
    let mut n = match first.kind {
        Kind::Digits => digits_number(t, i),
        Kind::Word => words_number(t, i),
        _ => None,
    }?;
    // Words and digits mixed in one number: `13 الفا و800`, `مليونا و350
    // الفا و120` (each part smaller than the scale before it).
    while n.scale >= 1e3
        && n.unit.is_none()
        && !n.fraction
        && n.approx == Approx::Exact
        && t.get(n.end).is_some_and(|k| k.text == "و")
        && t.get(n.end + 1).is_some_and(|k| k.kind == Kind::Digits)
    {
        let Some(m) = digits_number(t, n.end + 1) else {
            break;
        };
        if m.value >= n.scale {
            break;
        }
        n.value += m.value;
        n.end = m.end;
        n.step = n.step.min(m.step);
        n.scale = m.scale;
        n.year_like = false;
    }
    Some(n)
}

/// Digits, then scale words: `3.5 مليار`, `8 آلاف`, `2.1 billion`, `1.5 مليون ونصف`.
fn digits_number(t: &[Token], i: usize) -> Option<Number> {
    let text = t[i].text;
    let (mut value, decimals) = parse_digits_places(text)?;
    let mut step = 10f64.powi(-(decimals as i32));
    let mut last = 0.0;
    let year_like = text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && (1800.0..=2200.0).contains(&value);
    let mut j = i + 1;
    let mut scaled = false;
    while let Some(Word::Scale(s)) = t
        .get(j)
        .filter(|k| k.kind == Kind::Word)
        .and_then(|k| lexicon::word(k.text))
    {
        value *= s;
        step *= s;
        last = s;
        scaled = true;
        j += 1;
    }
    if scaled
        && let Some(k) = t.get(j)
        && k.text == "ونصف"
    {
        // "3 ملايين ونصف": half of the last scale.
        if let Some(Word::Scale(s)) = lexicon::word(t[j - 1].text) {
            value += 0.5 * s;
            step = step.min(0.5 * s);
            j += 1;
        }
    }
    Some(Number {
        value,
        end: j,
        unit: None,
        approx: Approx::Exact,
        fraction: false,
        year_like: year_like && !scaled,
        step,
        scale: last,
    })
}

/// The number word at token `at`: as written, or without a leading و
/// (ب or ل when three letters or more remain: لست is not ست).
fn word_at(t: &[Token], at: usize) -> Option<Word> {
    let k = t.get(at).filter(|k| k.kind == Kind::Word)?;
    if let Some(w) = lexicon::word(k.text) {
        return Some(w);
    }
    // Before عشر: أحد / إحدى and اثنا / اثني are 1 and 2 (أحد عشر is 11;
    // alone, أحد is "one of"), and a unit may carry the article (الستة عشر).
    if t.get(at + 1)
        .is_some_and(|n| matches!(n.text, "عشر" | "عشره"))
    {
        match k.text {
            "احد" | "احدي" => return Some(Word::Num(1.0)),
            "اثنا" | "اثني" | "اثنتا" | "اثنتي" => return Some(Word::Num(2.0)),
            _ => {}
        }
        if let Some(w @ Word::Num(_)) = k.text.strip_prefix("ال").and_then(lexicon::word) {
            return Some(w);
        }
    }
    // A unit with the article before its tens (الأربع وعشرين، الخمسة
    // والثلاثين): the units of one number.
    if let Some(w @ Word::Num(v)) = k.text.strip_prefix("ال").and_then(lexicon::word)
        && (1.0..10.0).contains(&v)
        && t.get(at + 1).is_some_and(|n| {
            n.text.starts_with('و')
                && matches!(lexicon::word(&n.text['و'.len_utf8()..]),
                    Some(Word::Num(x)) if (20.0..=90.0).contains(&x) && x % 10.0 == 0.0)
        })
    {
        return Some(w);
    }
    let rest = k.text.strip_prefix('و').or_else(|| {
        k.text
            .strip_prefix(['ب', 'ل'])
            .filter(|r| r.chars().count() >= 3)
    })?;
    lexicon::word(rest)
}

/// Number words: `اربعه وعشرين`, `ثلاثه مليارات ونصف`, `ثمانيه الاف`,
/// `نصف مليون`, `عشرات الالاف`, `twenty-four`, `a quarter of a`.
fn words_number(t: &[Token], i: usize) -> Option<Number> {
    let mut j = i;
    // English "a"/"an" before a number word ("a million", "a quarter").
    if matches!(t[j].text, "a" | "an") {
        j += 1;
    }
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut last_scale = 0.0f64;
    let mut fraction: Option<f64> = None;
    let mut any = false;
    let mut vague: Option<f64> = None;
    // Where the number words after the last scale start (وخمسة in أربعة
    // آلاف وخمسة آلاف).
    let mut group_start = j;
    while let Some(w) = word_at(t, j) {
        match w {
            Word::Num(v) => {
                if vague.is_some() || fraction.is_some() {
                    break;
                }
                if current == 0.0 && last_scale > 0.0 {
                    group_start = j;
                }
                current += v;
            }
            Word::Scale(s) => {
                // `عشره ومئه` (ten and a hundred): a scale joined by و to
                // a bare number is the second number of a pair, not its
                // multiplier (a compound puts the larger part first).
                let joined = lexicon::word(t[j].text).is_none() && t[j].text.starts_with('و');
                if joined && current > 0.0 && vague.is_none() && fraction.is_none() {
                    break;
                }
                if let Some(m) = vague {
                    vague = Some(m * s);
                } else if let Some(f) = fraction.filter(|_| total == 0.0 && current == 0.0) {
                    total += f * s;
                    fraction = None;
                    last_scale = s;
                } else if s < 1e3 {
                    current = current.max(1.0) * s;
                } else if !any && lexicon::vague_alone(t[j].text).is_some() {
                    vague = Some(s);
                } else if last_scale > 0.0 && s >= last_scale && current > 0.0 {
                    // A scale as large again starts another number, not a
                    // compound (بين أربعة آلاف وخمسة آلاف: two figures).
                    j = group_start;
                    current = 0.0;
                    break;
                } else {
                    total += current.max(1.0) * s;
                    current = 0.0;
                    last_scale = s;
                }
            }
            Word::Dual(v) => {
                if any {
                    break;
                }
                total += v;
                last_scale = v / 2.0;
            }
            Word::Fraction(f) => {
                if !any {
                    fraction = Some(f);
                } else if last_scale > 0.0 && current == 0.0 {
                    total += f * last_scale;
                    j += 1;
                    break;
                } else {
                    break;
                }
            }
            Word::Vague(m) => {
                if any {
                    break;
                }
                vague = Some(m);
            }
            Word::Times(v) | Word::DualUnit(v, ..) if !any => {
                let unit = match w {
                    Word::DualUnit(_, u, f) => (u, f),
                    _ => (Unit::Times, 1.0),
                };
                return Some(Number {
                    value: v,
                    end: j + 1,
                    unit: Some(unit),
                    approx: Approx::Exact,
                    fraction: false,
                    year_like: false,
                    step: 1.0,
                    scale: 0.0,
                });
            }
            Word::Times(_) | Word::DualUnit(..) => break,
        }
        any = true;
        j += 1;
        // "a quarter of a century", "half a million"
        if fraction.is_some() && total == 0.0 {
            while matches!(t.get(j).map(|k| k.text), Some("of" | "a" | "an" | "the")) {
                j += 1;
            }
        }
    }
    if !any {
        return None;
    }
    if let Some(m) = vague {
        return Some(Number {
            value: m,
            end: j,
            unit: None,
            approx: Approx::Magnitude,
            fraction: false,
            year_like: false,
            step: 1.0,
            scale: 0.0,
        });
    }
    if let Some(f) = fraction {
        return Some(Number {
            value: f,
            end: j,
            unit: None,
            approx: Approx::Exact,
            fraction: true,
            year_like: false,
            step: 1.0,
            scale: 0.0,
        });
    }
    // A round number in words (تسعه الاف) is written to its last scale.
    let step = if current == 0.0 && last_scale >= 1e3 && total % last_scale == 0.0 {
        last_scale
    } else {
        1.0
    };
    Some(Number {
        value: total + current,
        end: j,
        unit: None,
        approx: Approx::Exact,
        fraction: false,
        year_like: false,
        step,
        scale: last_scale,
    })
}

/// The unit at token `j`: one word, or two (في المئه, per cent). After a
/// bare fraction the unit may carry the article (ربع القرن).
fn unit_at(t: &[Token], j: usize, after_fraction: bool) -> Option<(Unit, f64, usize)> {
    let k = t.get(j)?;
    if matches!(k.kind, Kind::Word | Kind::Symbol) {
        if let Some(next) = t.get(j + 1)
            && let Some((u, f)) = lexicon::unit2(k.text, next.text)
        {
            return Some((u, f, j + 2));
        }
        if let Some((u, f)) = lexicon::unit(k.text) {
            return Some((u, f, j + 1));
        }
        if after_fraction && let Some((u, f)) = k.text.strip_prefix("ال").and_then(lexicon::unit)
        {
            return Some((u, f, j + 1));
        }
    }
    None
}

/// A hedge from `list` at token `i`: its kind and the token after it. The
/// first Arabic word may carry a clitic (بنحو, لاكثر).
fn hedge(t: &[Token], i: usize, list: &[(&[&str], Approx)]) -> Option<(Approx, usize)> {
    let first = t.get(i).filter(|k| k.kind == Kind::Word)?;
    let bare = first
        .text
        .strip_prefix(['ب', 'ل', 'و', 'ف'])
        .unwrap_or(first.text);
    for (words, approx) in list {
        let head_ok = words[0] == first.text || (words[0] == bare && bare.chars().count() >= 3);
        if !head_ok {
            continue;
        }
        let rest_ok = words[1..]
            .iter()
            .enumerate()
            .all(|(n, w)| t.get(i + 1 + n).is_some_and(|k| k.text == *w));
        if rest_ok {
            return Some((*approx, i + words.len()));
        }
    }
    None
}

/// The value of a run of digits with separators (`8,000`, `3.5`,
/// `1.500.000`, `1,234.5`). A single `.` or `,` followed by exactly three
/// digits is a thousands separator (`8.000` is eight thousand), except
/// after a lone `0`; otherwise it is the decimal mark.
#[cfg(test)]
pub(super) fn parse_digits(s: &str) -> Option<f64> {
    parse_digits_places(s).map(|(v, _)| v)
}

/// [`parse_digits`], with the number of decimal places written.
fn parse_digits_places(s: &str) -> Option<(f64, usize)> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let groups_of_three = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let plain: String = if commas > 0 && dots > 0 {
        // The mark that comes last is the decimal one.
        let (thousands, decimal) = match s.rfind('.') > s.rfind(',') {
            true => (',', '.'),
            false => ('.', ','),
        };
        s.replace(thousands, "").replace(decimal, ".")
    } else if commas + dots == 0 {
        s.to_string()
    } else {
        let sep = if commas > 0 { ',' } else { '.' };
        let lone_zero = s.split(sep).next() == Some("0");
        if groups_of_three(sep) && (commas + dots > 1 || !lone_zero) {
            s.replace(sep, "")
        } else if commas + dots == 1 {
            s.replace(sep, ".")
        } else {
            // "1.2.3": a version or a list, read up to the first mark.
            s.split(sep).next()?.to_string()
        }
    };
    let places = plain.split_once('.').map_or(0, |(_, d)| d.len());
    Some((plain.parse().ok()?, places))
}

/// Cuts the normalised, lower-cased text into tokens.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let (end, kind) = if c.is_ascii_digit() {
            let mut end = i + 1;
            while end < bytes.len() {
                let b = bytes[end];
                let sep_then_digit = matches!(b, b',' | b'.')
                    && bytes.get(end + 1).is_some_and(|d| d.is_ascii_digit());
                if b.is_ascii_digit() || sep_then_digit {
                    end += 1;
                } else {
                    break;
                }
            }
            (end, Kind::Digits)
        } else if crate::text::is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if d.is_ascii_digit() || !crate::text::is_word_char(d) {
                    break;
                }
                end = k + d.len_utf8();
                chars.next();
            }
            (end, Kind::Word)
        } else if matches!(c, '%' | '$' | '€' | '£') {
            (i + c.len_utf8(), Kind::Symbol)
        } else if c == '-' {
            // "twenty-four", "Tu-160": a joiner, not a break.
            continue;
        } else {
            (i + c.len_utf8(), Kind::Break)
        };
        // Skip the chars a digit run consumed.
        while chars.peek().is_some_and(|&(k, _)| k < end) {
            chars.next();
        }
        out.push(Token {
            text: &text[i..end],
            range: i..end,
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse_digits;

    #[test]
    fn digits_with_separators() {
        assert_eq!(parse_digits("8,000"), Some(8000.0));
        assert_eq!(parse_digits("8.000"), Some(8000.0));
        assert_eq!(parse_digits("3.5"), Some(3.5));
        assert_eq!(parse_digits("1.500.000"), Some(1_500_000.0));
        assert_eq!(parse_digits("1,234.5"), Some(1234.5));
        assert_eq!(parse_digits("0.125"), Some(0.125));
        assert_eq!(parse_digits("12"), Some(12.0));
    }
}
