//! Reading the figures of one sentence: tokens of the normalised text, then
//! hedge, number phrase (`numbers.rs`), unit and trailing hedge at each token.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{self, HEDGES_AFTER, HEDGES_BEFORE, YEAR};
use super::names::is_name_number;
use super::numbers::{number_at, word_at};
use super::{Approx, Figure, Unit};
use crate::text::dates::find_dates;
use crate::text::normalize::{Normalized, normalize};
use crate::text::word_table::WordSet;

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
    // Most words start no hedge of either list: one lookup says so.
    static HEADS: LazyLock<WordSet> = LazyLock::new(|| {
        let heads = HEDGES_BEFORE.iter().chain(HEDGES_AFTER).map(|h| h.0[0]);
        heads.collect()
    });
    if !HEADS.contains(first.text) && !HEADS.contains(bare) {
        return None;
    }
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

/// Cuts the normalised, lower-cased text into tokens.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    // About one token in six bytes of news text: sized once, not grown
    // (growing it was a tenth of the signatures' instructions).
    let mut out = Vec::with_capacity(text.len() / 6 + 4);
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
