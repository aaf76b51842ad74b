//! Figures in a sentence: numbers read into values with their unit and how
//! approximate the outlet was about them, and whether two figures agree.
//!
//! [`figures`] reads Western, Arabic-Indic and Persian digits (with the
//! thousands separators and decimal marks of both scripts), Arabic and
//! English number words (compounds, duals, fractions, vague magnitudes such
//! as عشرات / "hundreds of"), percentages, money, distances, durations, full
//! dates, years, and the hedges around them (نحو، قرابة، أكثر من، على
//! الأقل، "about", "at least" …). Values are in base units: durations in
//! days, distances in metres, money in the currency's unit, percentages in
//! percent, dates as `YYYYMMDD`.
//!
//! [`agreement`] compares two figures: equal values of one unit agree; a
//! hedged figure agrees approximately with the values its hedge allows
//! ("24 years" and "about a quarter of a century"); anything else of the
//! same unit is a drift (7,500 against 8,000).

mod lexicon;
mod names;
mod numbers;
mod parse;

use std::ops::Range;

pub use parse::{figures, figures_in};

/// True when `word` (normalised, lower case) is a number word of either
/// language, possibly with a leading و (`ثمانيه`, `والف`, `million`).
pub fn is_number_word(word: &str) -> bool {
    let known = |w: &str| lexicon::word(w).is_some();
    known(word) || word.strip_prefix('و').is_some_and(known)
}

/// A currency named or symbolised next to an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    /// دولار, `$`, dollars.
    Dollar,
    /// يورو, `€`, euros.
    Euro,
    /// جنيه, `£`, pounds (Egyptian or sterling: not told apart).
    Pound,
    /// ريال, riyals.
    Riyal,
    /// درهم, dirhams.
    Dirham,
    /// دينار, dinars.
    Dinar,
    /// ليرة, lira.
    Lira,
}

/// What a figure counts or measures. Values are in the base unit named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// A plain number of things (people, agreements, scholarships…).
    Count,
    /// How many times (مرتين, "twice", ثلاث مرات).
    Times,
    /// A percentage (value in percent: 3.5 for 3.5%).
    Percent,
    /// An amount of money in this currency.
    Money(Currency),
    /// A distance, in metres.
    Distance,
    /// A duration, in days (a year is 365.25 days, a month a twelfth of it).
    Duration,
    /// A calendar year (2023).
    Year,
    /// A date, as `YYYYMMDD` (20230916); a day of the month written with no
    /// year as `MMDD` (916): it compares with other dates by day and month.
    Date,
}

impl Unit {
    /// A short name for output (`count`, `percent`, `money:dollar`…).
    pub fn name(&self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Times => "times",
            Unit::Percent => "percent",
            Unit::Money(Currency::Dollar) => "money:dollar",
            Unit::Money(Currency::Euro) => "money:euro",
            Unit::Money(Currency::Pound) => "money:pound",
            Unit::Money(Currency::Riyal) => "money:riyal",
            Unit::Money(Currency::Dirham) => "money:dirham",
            Unit::Money(Currency::Dinar) => "money:dinar",
            Unit::Money(Currency::Lira) => "money:lira",
            Unit::Distance => "distance",
            Unit::Duration => "duration",
            Unit::Year => "year",
            Unit::Date => "date",
        }
    }
}

/// How exact the outlet was about a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Approx {
    /// As written, no hedge.
    Exact,
    /// نحو، قرابة، حوالي، زهاء، ما يقرب من، تقريباً; about, around, nearly;
    /// also idioms that round by nature (ربع قرن, "a quarter of a century").
    About,
    /// على الأقل، ما لا يقل عن; at least, no fewer than, or more.
    AtLeast,
    /// ما لا يزيد عن; at most, up to.
    AtMost,
    /// أكثر من، ما يزيد عن; more than, over.
    MoreThan,
    /// أقل من; less than, fewer than.
    LessThan,
    /// A vague magnitude: عشرات، مئات، آلاف; dozens, hundreds, thousands of.
    /// The value is the magnitude (10, 100, 1000): between 2 and 10 times it.
    Magnitude,
}

impl Approx {
    /// A short name for output (`exact`, `about`, `at_least`…).
    pub fn name(&self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::About => "about",
            Approx::AtLeast => "at_least",
            Approx::AtMost => "at_most",
            Approx::MoreThan => "more_than",
            Approx::LessThan => "less_than",
            Approx::Magnitude => "magnitude",
        }
    }
}

/// One figure of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The value, in the unit's base unit (see [`Unit`]).
    pub value: f64,
    pub unit: Unit,
    pub approx: Approx,
    /// Byte range in the sentence given to [`figures`], hedge included.
    pub text_range: Range<usize>,
    /// The place value of the last digit written, in the unit's base unit:
    /// 1 for `31`, 0.1 million for `1.7 مليون`, a thousand for `تسعة آلاف`.
    /// A figure written this coarsely may round a finer one (see
    /// [`agreement`]).
    pub step: f64,
}

/// How two figures compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Same unit, same value, same hedge.
    Same,
    /// Same unit; the hedges allow both values (24 years and "about 25 years"),
    /// or the coarser figure may be the finer one rounded (1.7 and 1.66 billion).
    Approximate,
    /// Same unit, values that cannot both hold (7,500 and 8,000).
    Drift,
    /// Different units: the figures are not about the same thing.
    Unrelated,
}

/// How far "about" reaches either side of its value (a fraction of it).
pub const ABOUT_TOLERANCE: f64 = 0.1;

/// The values a figure allows, as a closed interval.
fn interval(f: &Figure) -> (f64, f64) {
    let v = f.value;
    match f.approx {
        Approx::Exact => (v, v),
        Approx::About => (v * (1.0 - ABOUT_TOLERANCE), v * (1.0 + ABOUT_TOLERANCE)),
        Approx::AtLeast | Approx::MoreThan => (v, f64::INFINITY),
        Approx::AtMost | Approx::LessThan => (f64::NEG_INFINITY, v),
        Approx::Magnitude => (2.0 * v, 10.0 * v),
    }
}

/// How far apart, relative to the larger, a finer figure may be from a
/// coarser one it rounds (1.66 and 1.7 billion, 30.5 and 31 million).
pub const ROUNDING_TOLERANCE: f64 = 0.05;

/// True when the coarser of two figures of one unit may be the finer one
/// rounded: the coarser is written to a larger place value, the finer lies
/// within half of it, and they are within [`ROUNDING_TOLERANCE`]. 2 and 1.5
/// million, 8,000 and 7,500 are not rounding; 9,100 and تسعة آلاف are.
fn rounds(a: &Figure, b: &Figure) -> bool {
    let (coarse, fine) = if a.step >= b.step { (a, b) } else { (b, a) };
    if coarse.step <= fine.step || !coarse.step.is_finite() {
        return false;
    }
    let diff = (a.value - b.value).abs();
    let eps = 1e-9 * a.value.abs().max(b.value.abs()).max(1.0);
    diff <= coarse.step / 2.0 + eps
        && diff <= ROUNDING_TOLERANCE * a.value.abs().max(b.value.abs()) + eps
        && !same_value(fine.value, coarse.value)
}

/// True when two values are equal up to rounding in their last digits.
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Compares two figures (symmetric: `agreement(a, b) == agreement(b, a)`).
pub fn agreement(a: &Figure, b: &Figure) -> Agreement {
    if a.unit != b.unit {
        return Agreement::Unrelated;
    }
    // A date with no year (`MMDD`) against another date: day and month only.
    if a.unit == Unit::Date && (a.value < 1e4 || b.value < 1e4) {
        return match same_value(a.value % 1e4, b.value % 1e4) {
            true if a.value < 1e4 && b.value < 1e4 => Agreement::Same,
            true => Agreement::Approximate,
            false => Agreement::Drift,
        };
    }
    if a.approx == b.approx && same_value(a.value, b.value) {
        return Agreement::Same;
    }
    if a.approx == Approx::Exact && b.approx == Approx::Exact {
        return if rounds(a, b) {
            Agreement::Approximate
        } else {
            Agreement::Drift
        };
    }
    let (alo, ahi) = interval(a);
    let (blo, bhi) = interval(b);
    // A little slack so that "about 25" reaches 22.5 even after rounding.
    let eps = 1e-9 * a.value.abs().max(b.value.abs()).max(1.0);
    if alo <= bhi + eps && blo <= ahi + eps {
        Agreement::Approximate
    } else {
        Agreement::Drift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: f64, unit: Unit, approx: Approx) -> Figure {
        Figure {
            value,
            unit,
            approx,
            text_range: 0..0,
            step: 1.0,
        }
    }

    #[test]
    fn agreement_cases() {
        let y = |v: f64| v * 365.25;
        let exact = |v| fig(v, Unit::Count, Approx::Exact);
        assert_eq!(agreement(&exact(8000.0), &exact(8000.0)), Agreement::Same);
        assert_eq!(agreement(&exact(7500.0), &exact(8000.0)), Agreement::Drift);
        let about25 = fig(y(25.0), Unit::Duration, Approx::About);
        let exact24 = fig(y(24.0), Unit::Duration, Approx::Exact);
        assert_eq!(agreement(&exact24, &about25), Agreement::Approximate);
        assert_eq!(agreement(&about25, &exact24), Agreement::Approximate);
        let exact20 = fig(y(20.0), Unit::Duration, Approx::Exact);
        assert_eq!(agreement(&exact20, &about25), Agreement::Drift);
        let at_least2 = fig(2.0, Unit::Count, Approx::AtLeast);
        assert_eq!(agreement(&exact(3.0), &at_least2), Agreement::Approximate);
        assert_eq!(agreement(&exact(1.0), &at_least2), Agreement::Drift);
        let pct = fig(3.5, Unit::Percent, Approx::Exact);
        assert_eq!(agreement(&pct, &exact(3.5)), Agreement::Unrelated);
        let hundreds = fig(100.0, Unit::Count, Approx::Magnitude);
        assert_eq!(agreement(&exact(300.0), &hundreds), Agreement::Approximate);
        assert_eq!(agreement(&exact(5000.0), &hundreds), Agreement::Drift);
    }
}
