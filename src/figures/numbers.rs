//! Number phrases of a sentence's tokens: digits with the separators of both
//! scripts, number words (units, teens, tens, hundreds, scales, duals,
//! fractions, vague magnitudes) and the two mixed (`13 الفا و800`).

use super::lexicon::{self, Word};
use super::parse::{Kind, Token};
use super::{Approx, Unit};

/// A number phrase at token `i`.
pub(super) struct Number {
    pub(super) value: f64,
    pub(super) end: usize,
    /// Set by a word that carries its unit (مرتين, عامين).
    pub(super) unit: Option<(Unit, f64)>,
    pub(super) approx: Approx,
    /// The phrase is a bare fraction (ربع, half) still waiting for its unit.
    pub(super) fraction: bool,
    /// Four plain digits between 1800 and 2200.
    pub(super) year_like: bool,
    /// The place value of the last digit written (1 for `31`, 1e5 for
    /// `1.7 مليون`, 1e3 for `تسعه الاف`).
    pub(super) step: f64,
    /// The last scale word of the phrase (1e3 in `13 الفا`), 0 for none.
    pub(super) scale: f64,
}

impl Number {
    /// A phrase of one vague magnitude or a bare fraction: no unit, no scale.
    fn word_only(value: f64, end: usize, approx: Approx, fraction: bool) -> Number {
        Number {
            value,
            end,
            unit: None,
            approx,
            fraction,
            year_like: false,
            step: 1.0,
            scale: 0.0,
        }
    }
}

pub(super) fn number_at(t: &[Token], i: usize) -> Option<Number> {
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
pub(super) fn word_at(t: &[Token], at: usize) -> Option<Word> {
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
        // An ordinal: القرن التاسع عشر is the 19th, الدقيقة السادسة عشرة the
        // 16th, as `القرن 19` and `الدقيقة 16` write them.
        if let Some(u) = lexicon::ordinal_unit(k.text.strip_prefix('و').unwrap_or(k.text)) {
            return Some(Word::Num(u));
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
                // Nothing follows a teen with و: `ثلاثه عشر واربعه عشر`,
                // `السادس عشر والسابع عشر` are two numbers, not a sum.
                let after_teen = j > i && matches!(t[j - 1].text, "عشر" | "عشره");
                if after_teen && t[j].text.starts_with('و') {
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
        return Some(Number::word_only(m, j, Approx::Magnitude, false));
    }
    if let Some(f) = fraction {
        return Some(Number::word_only(f, j, Approx::Exact, true));
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
