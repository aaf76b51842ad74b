//! Dates in Arabic and English news: datelines in three month-name families,
//! Western and Arabic-Indic digits.
//!
//! Recognised forms (weekday names before them are optional and become part
//! of the match):
//!
//! - day, month, year: `16 سبتمبر 2023`, `١٦ سبتمبر ٢٠٢٣`,
//!   `السبت 16 أيلول/سبتمبر 2023`, `16 سبتمبر (أيلول) 2023`,
//!   `16 كانون الثاني 2024`, `16 جانفي 2024`,
//!   `16 September 2023`, `16th Sept. 2023`;
//! - English month first: `September 16, 2023`, `Sep 16 2023`;
//! - ISO: `2023-09-16`.
//!
//! Month names come from the Egyptian/Gulf family (يناير … ديسمبر, with
//! إبريل/أبريل, يونية, يولية), the Levant/Iraq family (كانون الثاني … كانون
//! الأول), the Maghreb family (جانفي فيفري مارس أفريل ماي جوان جويلية أوت,
//! and Moroccan يوليوز غشت شتنبر نونبر دجنبر) and English (full names and
//! the usual abbreviations, any case). Text is matched after
//! [normalisation](crate::text::normalize), so hamza, alef and digit variants
//! all work. Two month names joined by `/` must agree. Only dates that exist
//! (29 February in leap years only) and years 1800–2200 are returned.
//! Purely numeric forms such as `16/9/2023` are not read: their order varies.

use std::fmt;
use std::ops::Range;

use crate::text::normalize::normalize;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Date {
    /// ISO 8601: `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year = it.next()?.parse().ok()?;
        let month = it.next()?.parse().ok()?;
        let day = it.next()?.parse().ok()?;
        let d = Date { year, month, day };
        d.is_valid().then_some(d)
    }

    /// Days since 1970-01-01 (negative before): for telling how far apart
    /// two dates are.
    pub fn day_number(&self) -> i64 {
        // The proleptic Gregorian calendar, counted from March so that the
        // leap day falls at the end of the year.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// True when the day exists in the month (leap years included).
    pub fn is_valid(&self) -> bool {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day)
    }
}

/// Finds the first full date (day, month name, year) in `text`, in any of the
/// Arabic month-name families or English, with any digits.
pub fn find_date(text: &str) -> Option<Date> {
    find_dates(text).into_iter().next().map(|(_, d)| d)
}

/// Finds every full date in `text`, in order, with its byte range in `text`
/// (a weekday name just before the date is included in the range).
pub fn find_dates(text: &str) -> Vec<(Range<usize>, Date)> {
    let mut out = Vec::new();
    for window in windows(text) {
        let base = window.start;
        let norm = normalize(&text[window]);
        let tokens = tokenize(&norm.text);
        let mut i = 0;
        while i < tokens.len() {
            match date_at(&tokens, i) {
                Some((date, end)) => {
                    let first = weekday_before(&tokens, i).unwrap_or(i);
                    let r = norm.source_range(tokens[first].range.start..tokens[end - 1].range.end);
                    out.push((base + r.start..base + r.end, date));
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// How far before its year a date may start (weekday, day, two month names).
const REACH_BEFORE_YEAR: usize = 120;
/// How far after the start of its year a date may end (ISO `YYYY-MM-DD`).
const REACH_AFTER_YEAR: usize = 40;

/// The parts of `text` that may hold a date: around every run of exactly four
/// digits (any digit system), extended to word starts and cut at line ends,
/// merged where they overlap. Text without a year is never normalised.
fn windows(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    // Digits are found on the bytes (UTF-8 decoding was most of this
    // scan): ASCII, then Arabic-Indic (U+0660..U+0669 is D9 A0..A9) and
    // Persian (U+06F0..U+06F9 is DB B0..B9). A byte of any other character
    // is never one of those, so a run ends where the characters' would.
    let digit_at = |i: usize| match bytes[i] {
        b'0'..=b'9' => 1,
        0xD9 if matches!(bytes.get(i + 1), Some(0xA0..=0xA9)) => 2,
        0xDB if matches!(bytes.get(i + 1), Some(0xB0..=0xB9)) => 2,
        _ => 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        if digit_at(i) == 0 {
            i += 1;
            continue;
        }
        let (run_start, mut run_len) = (i, 0);
        while i < bytes.len() {
            let width = digit_at(i);
            if width == 0 {
                break;
            }
            run_len += 1;
            i += width;
        }
        if run_len == 4 {
            let w = window_around(text, run_start);
            match out.last_mut() {
                Some(last) if last.end >= w.start => last.end = last.end.max(w.end),
                _ => out.push(w),
            }
        }
    }
    out
}

/// The window for a year starting at byte `at`: back to a word start at most
/// [`REACH_BEFORE_YEAR`] bytes before (not past a line start), forward to a
/// word end about [`REACH_AFTER_YEAR`] bytes after (not past a line end).
fn window_around(text: &str, at: usize) -> Range<usize> {
    let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let mut start = at.saturating_sub(REACH_BEFORE_YEAR).max(line_start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > line_start {
        // Begin after a white space, so that no word or number is cut.
        start = text[start..at]
            .find(char::is_whitespace)
            .map_or(at, |p| start + p);
    }
    let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    let mut end = (at + REACH_AFTER_YEAR).min(line_end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < line_end {
        end = text[end..line_end]
            .find(char::is_whitespace)
            .map_or(line_end, |p| end + p);
    }
    start..end
}

/// One token of normalised text.
#[derive(Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    range: Range<usize>,
    /// True when a line break separates this token from the previous one.
    after_break: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Word,
    Punct,
}

/// Splits normalised text into digit runs, letter runs and single marks;
/// white space separates tokens.
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut after_break = false;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            after_break |= c == '\n';
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Number
        } else if super::is_word_char(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(j, d)) = it.peek() {
                let same = match kind {
                    Kind::Number => d.is_ascii_digit(),
                    _ => super::is_word_char(d) && !d.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push(Token {
            kind,
            text: &s[i..end],
            range: i..end,
            after_break,
        });
        after_break = false;
    }
    out
}

/// One-word month names (normalised), by month number.
const MONTHS: &[(&str, u32)] = &[
    // Egypt, Gulf
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Levant, Iraq (the two-word ones are in `month_at`)
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    // Maghreb
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
    // Morocco
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    // English, lower case
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names (normalised, English in lower case).
const WEEKDAYS: &[&str] = &[
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn lower(w: &str) -> String {
    w.to_ascii_lowercase()
}

/// The month named at token `i`, and the index after it (after an English
/// abbreviation's full stop too).
fn month_at(t: &[Token], i: usize) -> Option<(u32, usize)> {
    let tok = t.get(i).filter(|t| t.kind == Kind::Word)?;
    let w = lower(tok.text);
    let second = t
        .get(i + 1)
        .filter(|n| n.kind == Kind::Word && !n.after_break);
    let two_word = match w.as_str() {
        "كانون" => Some((1, 12)),
        "تشرين" => Some((11, 10)),
        _ => None,
    };
    if let Some((thani, awwal)) = two_word {
        let s = second?.text;
        return match s {
            "الثاني" | "ثاني" => Some((thani, i + 2)),
            "الاول" | "اول" => Some((awwal, i + 2)),
            _ => None,
        };
    }
    let &(_, m) = MONTHS.iter().find(|(name, _)| *name == w)?;
    let mut next = i + 1;
    let abbreviated =
        w.is_ascii() && w.len() <= 4 && !matches!(w.as_str(), "may" | "june" | "july");
    if abbreviated
        && t.get(next)
            .is_some_and(|p| p.text == "." && p.range.start == tok.range.end)
    {
        next += 1;
    }
    Some((m, next))
}

/// A month name, possibly followed by the same month in another family after
/// `/` or `-`, or in brackets: `أيلول/سبتمبر`, `سبتمبر (أيلول)`.
fn months_at(t: &[Token], i: usize) -> Option<(u32, usize)> {
    let (m, mut next) = month_at(t, i)?;
    loop {
        let (other, after) = match t.get(next).map(|p| p.text) {
            Some("/" | "-") => month_at(t, next + 1)?,
            Some("(") => {
                let (other, close) = month_at(t, next + 1)?;
                if t.get(close).map(|p| p.text) != Some(")") {
                    return None;
                }
                (other, close + 1)
            }
            _ => return Some((m, next)),
        };
        if other != m {
            return None;
        }
        next = after;
    }
}

/// A number token of at most `max_digits` digits at `i`, not on a new line.
fn number_at(t: &[Token], i: usize, max_digits: usize) -> Option<u32> {
    let tok = t.get(i)?;
    if tok.kind != Kind::Number || tok.text.len() > max_digits || tok.after_break {
        return None;
    }
    tok.text.parse().ok()
}

/// A year (four digits, 1800–2200) at `i`.
fn year_at(t: &[Token], i: usize) -> Option<i32> {
    let tok = t.get(i)?;
    if tok.text.len() != 4 {
        return None;
    }
    let y = number_at(t, i, 4)? as i32;
    (1800..=2200).contains(&y).then_some(y)
}

/// Skips an English ordinal suffix (`16th`) glued to the number at `i - 1`.
fn skip_ordinal(t: &[Token], i: usize) -> usize {
    match t.get(i) {
        Some(s)
            if s.kind == Kind::Word
                && s.range.start == t[i - 1].range.end
                && matches!(lower(s.text).as_str(), "st" | "nd" | "rd" | "th") =>
        {
            i + 1
        }
        _ => i,
    }
}

/// Skips a comma at `i` (`,` after normalisation), if any.
fn skip_comma(t: &[Token], i: usize) -> usize {
    if t.get(i).is_some_and(|p| p.text == ",") {
        i + 1
    } else {
        i
    }
}

/// True when tokens `from..to` sit on one line.
fn one_line(t: &[Token], from: usize, to: usize) -> bool {
    t[from + 1..to].iter().all(|k| !k.after_break)
}

/// The date starting at token `i`, and the index after it.
fn date_at(t: &[Token], i: usize) -> Option<(Date, usize)> {
    let tok = &t[i];
    let found = if tok.kind == Kind::Number {
        iso_at(t, i).or_else(|| day_first_at(t, i))
    } else if tok.kind == Kind::Word {
        month_first_at(t, i)
    } else {
        None
    };
    let (date, end) = found?;
    // A number glued to the start or end would make this part of something else.
    let glued_before =
        i > 0 && t[i - 1].kind == Kind::Number && t[i - 1].range.end == tok.range.start;
    (date.is_valid() && !glued_before && one_line(t, i, end)).then_some((date, end))
}

fn iso_at(t: &[Token], i: usize) -> Option<(Date, usize)> {
    let year = year_at(t, i)?;
    let adjacent = |k: usize| {
        t.get(k)
            .is_some_and(|x| x.range.start == t[k - 1].range.end)
    };
    if !(i + 1..i + 5).all(adjacent) || t[i + 1].text != "-" || t[i + 3].text != "-" {
        return None;
    }
    let (m, d) = (t[i + 2].text, t[i + 4].text);
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = number_at(t, i + 2, 2)?;
    let day = number_at(t, i + 4, 2)?;
    Some((Date { year, month, day }, i + 5))
}

fn day_first_at(t: &[Token], i: usize) -> Option<(Date, usize)> {
    let day = number_at(t, i, 2)?;
    let k = skip_ordinal(t, i + 1);
    let (month, k) = months_at(t, k)?;
    let k = skip_comma(t, k);
    let year = year_at(t, k)?;
    Some((Date { year, month, day }, k + 1))
}

fn month_first_at(t: &[Token], i: usize) -> Option<(Date, usize)> {
    if !t[i].text.is_ascii() {
        return None;
    }
    let (month, k) = month_at(t, i)?;
    let day = number_at(t, k, 2)?;
    let k = skip_comma(t, skip_ordinal(t, k + 1));
    let year = year_at(t, k)?;
    Some((Date { year, month, day }, k + 1))
}

/// The index of a weekday name (and its comma) just before token `i`.
fn weekday_before(t: &[Token], i: usize) -> Option<usize> {
    let mut k = i.checked_sub(1)?;
    if t[k].text == "," {
        k = k.checked_sub(1)?;
    }
    let w = &t[k];
    let day = lower(w.text);
    let is_weekday = w.kind == Kind::Word && WEEKDAYS.contains(&day.as_str());
    (is_weekday && one_line(t, k, i + 1)).then_some(k)
}

#[cfg(test)]
mod day_number_tests {
    use super::Date;

    #[test]
    fn days_count_from_the_epoch_across_leap_years() {
        let d = |s: &str| Date::parse_iso(s).unwrap().day_number();
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2000-03-01") - d("2000-02-28"), 2);
        assert_eq!(d("2018-03-01") - d("2018-02-28"), 1);
        assert_eq!(d("2024-01-01") - d("2023-01-01"), 365);
        assert_eq!(d("1969-12-31"), -1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> Option<Date> {
        Some(Date { year, month, day })
    }

    #[test]
    fn egyptian_gulf_family_with_both_digit_systems() {
        assert_eq!(find_date("السبت 16 سبتمبر 2023"), d(2023, 9, 16));
        assert_eq!(find_date("السبت ١٦ سبتمبر ٢٠٢٣"), d(2023, 9, 16));
        assert_eq!(find_date("في ۵ يناير ۲۰۲۴ قال"), d(2024, 1, 5));
        assert_eq!(find_date("3 أغسطس 2022"), d(2022, 8, 3));
        assert_eq!(find_date("3 اغسطس 2022"), d(2022, 8, 3));
        assert_eq!(find_date("1 إبريل 2020 و2 أبريل 2020"), d(2020, 4, 1));
        assert_eq!(find_date("30 يونية 2021"), d(2021, 6, 30));
    }

    #[test]
    fn levant_family_including_two_word_months() {
        assert_eq!(find_date("16 كانون الثاني 2024"), d(2024, 1, 16));
        assert_eq!(find_date("الأحد 14 كانون الثاني 2024"), d(2024, 1, 14));
        assert_eq!(find_date("2 كانون الأول 2023"), d(2023, 12, 2));
        assert_eq!(find_date("9 تشرين الأول 2023"), d(2023, 10, 9));
        assert_eq!(find_date("9 تشرين ثاني 2023"), d(2023, 11, 9));
        assert_eq!(find_date("17 أيلول 2023"), d(2023, 9, 17));
        assert_eq!(find_date("1 آذار 2022"), d(2022, 3, 1));
        assert_eq!(find_date("15 آب 2022"), d(2022, 8, 15));
        assert_eq!(find_date("16 كانون 2024"), None);
    }

    #[test]
    fn maghreb_family() {
        assert_eq!(find_date("الثلاثاء 16 جانفي 2024"), d(2024, 1, 16));
        assert_eq!(find_date("5 فيفري 2024"), d(2024, 2, 5));
        assert_eq!(find_date("5 أفريل 2024"), d(2024, 4, 5));
        assert_eq!(find_date("5 ماي 2024"), d(2024, 5, 5));
        assert_eq!(find_date("5 جوان 2024"), d(2024, 6, 5));
        assert_eq!(find_date("5 جويلية 2024"), d(2024, 7, 5));
        assert_eq!(find_date("5 أوت 2024"), d(2024, 8, 5));
        assert_eq!(find_date("5 ديسمبر 2024"), d(2024, 12, 5));
        assert_eq!(find_date("5 شتنبر 2024"), d(2024, 9, 5));
    }

    #[test]
    fn double_month_names_must_agree() {
        assert_eq!(find_date("السبت 16 أيلول/سبتمبر 2023"), d(2023, 9, 16));
        assert_eq!(find_date("24 فبراير/ شباط 2022"), d(2022, 2, 24));
        assert_eq!(find_date("24 فبراير/آذار 2022"), None);
        assert_eq!(find_date("16 سبتمبر (أيلول) 2023"), d(2023, 9, 16));
        assert_eq!(find_date("16 سبتمبر (آذار) 2023"), None);
    }

    #[test]
    fn english_forms() {
        assert_eq!(find_date("AYN SAFIYA, September 16, 2023"), d(2023, 9, 16));
        assert_eq!(
            find_date("AYN SAFIYA, 16 September 2023 (NNA)"),
            d(2023, 9, 16)
        );
        assert_eq!(find_date("on Sept. 16th, 2023"), d(2023, 9, 16));
        assert_eq!(find_date("on sep 1 2023"), d(2023, 9, 1));
        assert_eq!(find_date("Saturday, 16 SEPTEMBER 2023"), d(2023, 9, 16));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(find_date("date = \"2023-09-16\""), d(2023, 9, 16));
        assert_eq!(find_date("٢٠٢٣-٠٩-١٦"), d(2023, 9, 16));
        assert_eq!(find_date("2023-9-16"), None);
        assert_eq!(find_date("12023-09-16"), None);
    }

    #[test]
    fn only_valid_dates() {
        assert_eq!(find_date("31 سبتمبر 2023"), None);
        assert_eq!(find_date("29 فبراير 2023"), None);
        assert_eq!(find_date("29 فبراير 2024"), d(2024, 2, 29));
        assert_eq!(find_date("0 يناير 2024"), None);
        assert_eq!(find_date("2023-02-30"), None);
        assert_eq!(find_date("16 سبتمبر 23"), None);
        assert_eq!(find_date("16 سبتمبر 3023"), None);
        assert_eq!(find_date("يوم 16 سبتمبر الماضي"), None);
        assert_eq!(find_date("May 2023 was warm"), None);
    }

    #[test]
    fn a_date_does_not_run_across_lines() {
        assert_eq!(find_date("16 سبتمبر\n2023"), None);
        assert_eq!(find_date("عنوان 16\nسبتمبر 2023"), None);
    }

    #[test]
    fn ranges_point_into_the_source_and_take_the_weekday() {
        let t = "المصدر: الوطن\nالسبت ١٦ سبتمبر ٢٠٢٣\nنص، وفي 2 أكتوبر 2023 أيضاً.";
        let all = find_dates(t);
        let got: Vec<(&str, String)> = all
            .iter()
            .map(|(r, d)| (&t[r.clone()], d.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("السبت ١٦ سبتمبر ٢٠٢٣", "2023-09-16".to_string()),
                ("2 أكتوبر 2023", "2023-10-02".to_string()),
            ]
        );
    }

    #[test]
    fn long_lines_and_many_years_are_searched_in_windows() {
        let filler = "كلام كثير بلا تاريخ ".repeat(40);
        let t = format!(
            "{filler}في 1999 وفي 2001 ثم السبت 16 سبتمبر 2023 {filler}116 سبتمبر 2023 و2023-09-17"
        );
        let got: Vec<String> = find_dates(&t)
            .iter()
            .map(|(r, d)| format!("{}={d}", &t[r.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                "السبت 16 سبتمبر 2023=2023-09-16".to_string(),
                "2023-09-17=2023-09-17".to_string(),
            ]
        );
    }

    #[test]
    fn parse_iso_round_trips() {
        let date = Date::parse_iso("2024-02-29").unwrap();
        assert_eq!(date.to_string(), "2024-02-29");
        assert_eq!(Date::parse_iso("2023-02-29"), None);
    }

    #[test]
    fn a_year_is_a_run_of_exactly_four_digits_of_any_system() {
        // At the very end of the text, after a multi-byte letter.
        assert_eq!(find_date("صدر في 16 سبتمبر 2023"), d(2023, 9, 16));
        // A run that mixes digit systems is one run.
        assert_eq!(find_date("16 سبتمبر ٢٠٢3"), d(2023, 9, 16));
        // Five digits, or four inside a longer run, are no year.
        assert_eq!(find_date("16 سبتمبر 20235"), None);
        assert_eq!(find_date("16 سبتمبر ۱۲۰۲۳"), None);
        assert_eq!(find_date("16 سبتمبر"), None);
    }
}
