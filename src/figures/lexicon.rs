//! The words figures are made of, in normalised form (see
//! [`crate::text::normalize`]: `ة` is `ه`, `ى` and `ئ` are `ي`, hamza on alef
//! is bare alef) and, for English, in lower case.

use std::sync::LazyLock;

use super::{Approx, Currency, Unit};
use crate::text::word_table::{WordMap, word_map};

/// What a number word contributes to a number phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Word {
    /// A number added to what comes before (ثلاثه, عشرين, ثلاثمايه, twenty).
    Num(f64),
    /// A multiplier of what comes before (مايه, الف, مليون, thousand).
    Scale(f64),
    /// A dual that is a number by itself (الفين = 2,000, مليونين).
    Dual(f64),
    /// A fraction of the scale or unit that follows (نصف مليون, ربع قرن).
    Fraction(f64),
    /// A vague magnitude (عشرات, مئات, hundreds): see [`Approx::Magnitude`].
    Vague(f64),
    /// A number of times by itself (مرتين, twice).
    Times(f64),
    /// A dual noun of a unit (عامين = two years): value, unit, factor.
    DualUnit(f64, Unit, f64),
}

/// Days in a year, month, decade and century.
pub(super) const YEAR: f64 = 365.25;
const MONTH: f64 = YEAR / 12.0;

/// The number words and what each contributes to a number phrase.
const WORDS: &[(&[&str], Word)] = &[
    (&["صفر", "zero"], Word::Num(0.0)),
    (&["واحد", "واحده", "one"], Word::Num(1.0)),
    (
        &["اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "two"],
        Word::Num(2.0),
    ),
    (&["ثلاث", "ثلاثه", "three"], Word::Num(3.0)),
    (&["اربع", "اربعه", "four"], Word::Num(4.0)),
    (&["خمس", "خمسه", "five"], Word::Num(5.0)),
    (&["ست", "سته", "six"], Word::Num(6.0)),
    (&["سبع", "سبعه", "seven"], Word::Num(7.0)),
    (&["ثمان", "ثماني", "ثمانيه", "eight"], Word::Num(8.0)),
    (&["تسع", "تسعه", "nine"], Word::Num(9.0)),
    (&["عشر", "عشره", "ten"], Word::Num(10.0)),
    (&["eleven"], Word::Num(11.0)),
    (&["twelve"], Word::Num(12.0)),
    (&["thirteen"], Word::Num(13.0)),
    (&["fourteen"], Word::Num(14.0)),
    (&["fifteen"], Word::Num(15.0)),
    (&["sixteen"], Word::Num(16.0)),
    (&["seventeen"], Word::Num(17.0)),
    (&["eighteen"], Word::Num(18.0)),
    (&["nineteen"], Word::Num(19.0)),
    (&["عشرون", "عشرين", "twenty"], Word::Num(20.0)),
    (&["ثلاثون", "ثلاثين", "thirty"], Word::Num(30.0)),
    (&["اربعون", "اربعين", "forty"], Word::Num(40.0)),
    (&["خمسون", "خمسين", "fifty"], Word::Num(50.0)),
    (&["ستون", "ستين", "sixty"], Word::Num(60.0)),
    (&["سبعون", "سبعين", "seventy"], Word::Num(70.0)),
    (&["ثمانون", "ثمانين", "eighty"], Word::Num(80.0)),
    (&["تسعون", "تسعين", "ninety"], Word::Num(90.0)),
    (&["ميه", "مايه", "hundred"], Word::Scale(100.0)),
    (&["مايتان", "مايتين", "ميتان", "ميتين"], Word::Num(200.0)),
    (&["ثلاثميه", "ثلاثمايه"], Word::Num(300.0)),
    (&["اربعميه", "اربعمايه"], Word::Num(400.0)),
    (&["خمسميه", "خمسمايه"], Word::Num(500.0)),
    (&["ستميه", "ستمايه"], Word::Num(600.0)),
    (&["سبعميه", "سبعمايه"], Word::Num(700.0)),
    (&["ثمانميه", "ثمانمايه", "ثمانيمايه"], Word::Num(800.0)),
    (&["تسعميه", "تسعمايه"], Word::Num(900.0)),
    (&["الف", "الفا", "thousand"], Word::Scale(1e3)),
    (&["الاف", "الالاف"], Word::Scale(1e3)),
    (&["مليون", "مليونا", "million", "mn"], Word::Scale(1e6)),
    (&["ملايين", "الملايين"], Word::Scale(1e6)),
    (
        &[
            "مليار",
            "مليارا",
            "مليارات",
            "المليارات",
            "بليون",
            "billion",
            "bn",
        ],
        Word::Scale(1e9),
    ),
    (&["تريليون", "trillion"], Word::Scale(1e12)),
    (&["الفان", "الفين"], Word::Dual(2e3)),
    (&["مليونان", "مليونين"], Word::Dual(2e6)),
    (&["ملياران", "مليارين"], Word::Dual(2e9)),
    (&["نصف", "half"], Word::Fraction(0.5)),
    (&["ربع", "quarter"], Word::Fraction(0.25)),
    (&["ثلث", "third"], Word::Fraction(1.0 / 3.0)),
    (&["ثلثي", "ثلثا"], Word::Fraction(2.0 / 3.0)),
    (&["عشرات", "dozens", "tens"], Word::Vague(10.0)),
    (&["ميات", "hundreds"], Word::Vague(100.0)),
    (&["thousands"], Word::Vague(1e3)),
    (&["millions"], Word::Vague(1e6)),
    (&["dozen"], Word::Num(12.0)),
    (&["مرتين", "مرتان", "twice"], Word::Times(2.0)),
    (
        &["عامين", "عامان", "سنتين", "سنتان"],
        Word::DualUnit(2.0, Unit::Duration, YEAR),
    ),
    (
        &["شهرين", "شهران"],
        Word::DualUnit(2.0, Unit::Duration, MONTH),
    ),
    (
        &["يومين", "يومان"],
        Word::DualUnit(2.0, Unit::Duration, 1.0),
    ),
    (
        &["اسبوعين", "اسبوعان"],
        Word::DualUnit(2.0, Unit::Duration, 7.0),
    ),
    (
        &["ساعتين", "ساعتان"],
        Word::DualUnit(2.0, Unit::Duration, 1.0 / 24.0),
    ),
    (
        &["عقدين", "عقدان"],
        Word::DualUnit(2.0, Unit::Duration, 10.0 * YEAR),
    ),
    (
        &["قرنين", "قرنان"],
        Word::DualUnit(2.0, Unit::Duration, 100.0 * YEAR),
    ),
];

/// The number word `w` (already without a clitic), if it is one.
pub(super) fn word(w: &str) -> Option<Word> {
    static BY_WORD: LazyLock<WordMap<Word>> = LazyLock::new(|| word_map(WORDS));
    BY_WORD.get(w).copied()
}

/// The month `w` names (normalised, lower case), 1–12, with the word after
/// it for the two-word Levantine names (كانون الثاني, تشرين الاول): a number
/// right before it is a day of the month.
pub(super) fn month(w: &str, next: Option<&str>) -> Option<u32> {
    let second = |thani: u32, awwal: u32| match next {
        Some("الثاني" | "ثاني") => Some(thani),
        Some("الاول" | "اول") => Some(awwal),
        _ => None,
    };
    Some(match w {
        "يناير" | "جانفي" | "january" => 1,
        "فبراير" | "شباط" | "فيفري" | "february" => 2,
        "مارس" | "اذار" | "march" => 3,
        "ابريل" | "نيسان" | "افريل" | "april" => 4,
        "مايو" | "ايار" | "ماي" => 5,
        "يونيو" | "يونيه" | "حزيران" | "جوان" | "june" => 6,
        "يوليو" | "يوليه" | "تموز" | "جويليه" | "يوليوز" | "july" => 7,
        "اغسطس" | "اب" | "اوت" | "غشت" | "august" => 8,
        "سبتمبر" | "ايلول" | "شتنبر" | "september" => 9,
        "اكتوبر" | "october" => 10,
        "نوفمبر" | "نونبر" | "november" => 11,
        "ديسمبر" | "دجنبر" | "december" => 12,
        "كانون" => return second(1, 12),
        "تشرين" => return second(11, 10),
        _ => return None,
    })
}

/// Words that are vague magnitudes when no number comes before them
/// (الاف alone is "thousands", after ثمانيه it multiplies).
pub(super) fn vague_alone(w: &str) -> Option<f64> {
    match w {
        "الاف" | "الالاف" => Some(1e3),
        "ملايين" | "الملايين" => Some(1e6),
        "مليارات" | "المليارات" => Some(1e9),
        _ => None,
    }
}

/// The unit named by `w` after a number: unit and factor to its base unit.
pub(super) fn unit(w: &str) -> Option<(Unit, f64)> {
    use Unit::*;
    let money = |c| Some((Money(c), 1.0));
    match w {
        "%" | "بالمايه" | "بالميه" | "percent" | "pct" => Some((Percent, 1.0)),
        "دولار" | "دولارا" | "دولارات" | "dollar" | "dollars" | "usd" => {
            money(Currency::Dollar)
        }
        "يورو" | "euro" | "euros" | "eur" => money(Currency::Euro),
        "جنيه" | "جنيها" | "جنيهات" | "pound" | "pounds" | "gbp" => {
            money(Currency::Pound)
        }
        "ريال" | "ريالا" | "ريالات" | "riyal" | "riyals" => money(Currency::Riyal),
        "درهم" | "درهما" | "دراهم" | "dirham" | "dirhams" => money(Currency::Dirham),
        "دينار" | "دينارا" | "دنانير" | "dinar" | "dinars" => {
            money(Currency::Dinar)
        }
        "ليره" | "ليرات" | "lira" | "liras" => money(Currency::Lira),
        "كيلومتر" | "كيلومترا" | "كيلومترات" | "كلم" | "كم" | "km" | "kilometre" | "kilometres"
        | "kilometer" | "kilometers" => Some((Distance, 1e3)),
        "متر" | "مترا" | "امتار" | "metre" | "metres" | "meter" | "meters" => {
            Some((Distance, 1.0))
        }
        "ميل" | "ميلا" | "اميال" | "mile" | "miles" => Some((Distance, 1609.344)),
        "عام" | "عاما" | "اعوام" | "سنه" | "سنوات" | "سنين" | "year" | "years" => {
            Some((Duration, YEAR))
        }
        "شهر" | "شهرا" | "اشهر" | "شهور" | "month" | "months" => {
            Some((Duration, MONTH))
        }
        "اسبوع" | "اسبوعا" | "اسابيع" | "week" | "weeks" => Some((Duration, 7.0)),
        "يوم" | "يوما" | "ايام" | "day" | "days" => Some((Duration, 1.0)),
        "ساعه" | "ساعات" | "hour" | "hours" => Some((Duration, 1.0 / 24.0)),
        "دقيقه" | "دقايق" | "minute" | "minutes" => Some((Duration, 1.0 / 1440.0)),
        "قرن" | "قرون" | "century" | "centuries" => Some((Duration, 100.0 * YEAR)),
        "عقد" | "عقود" | "decade" | "decades" => Some((Duration, 10.0 * YEAR)),
        "مرات" | "مره" | "times" => Some((Times, 1.0)),
        _ => None,
    }
}

/// Two-word units (في المئه, per cent).
pub(super) fn unit2(a: &str, b: &str) -> Option<(Unit, f64)> {
    match (a, b) {
        ("في", "المايه" | "الميه") | ("per", "cent") => Some((Unit::Percent, 1.0)),
        _ => None,
    }
}

/// A currency written before its amount (`$3.5 billion`).
pub(super) fn currency_symbol(w: &str) -> Option<Currency> {
    match w {
        "$" | "us$" => Some(Currency::Dollar),
        "€" => Some(Currency::Euro),
        "£" => Some(Currency::Pound),
        _ => None,
    }
}

/// Hedges written before a figure, longest first within each word count.
pub(super) const HEDGES_BEFORE: &[(&[&str], Approx)] = &[
    (&["ما", "لا", "يقل", "عن"], Approx::AtLeast),
    (&["ما", "لا", "يزيد", "عن"], Approx::AtMost),
    (&["ما", "لا", "يزيد", "علي"], Approx::AtMost),
    (&["ما", "يقرب", "من"], Approx::About),
    (&["ما", "يزيد", "عن"], Approx::MoreThan),
    (&["ما", "يزيد", "علي"], Approx::MoreThan),
    (&["لا", "يقل", "عن"], Approx::AtLeast),
    (&["لا", "يزيد", "عن"], Approx::AtMost),
    (&["ما", "يقارب"], Approx::About),
    (&["ما", "يناهز"], Approx::About),
    (&["يقرب", "من"], Approx::About),
    (&["اكثر", "من"], Approx::MoreThan),
    (&["ازيد", "من"], Approx::MoreThan),
    (&["اقل", "من"], Approx::LessThan),
    (&["علي", "الاقل"], Approx::AtLeast),
    (&["no", "fewer", "than"], Approx::AtLeast),
    (&["no", "less", "than"], Approx::AtLeast),
    (&["not", "less", "than"], Approx::AtLeast),
    (&["no", "more", "than"], Approx::AtMost),
    (&["close", "to"], Approx::About),
    (&["more", "than"], Approx::MoreThan),
    (&["less", "than"], Approx::LessThan),
    (&["fewer", "than"], Approx::LessThan),
    (&["at", "least"], Approx::AtLeast),
    (&["at", "most"], Approx::AtMost),
    (&["up", "to"], Approx::AtMost),
    (&["نحو"], Approx::About),
    (&["حوالي"], Approx::About),
    (&["قرابه"], Approx::About),
    (&["زهاء"], Approx::About),
    (&["يقارب"], Approx::About),
    (&["يناهز"], Approx::About),
    (&["تقريبا"], Approx::About),
    (&["about"], Approx::About),
    (&["around"], Approx::About),
    (&["approximately"], Approx::About),
    (&["roughly"], Approx::About),
    (&["nearly"], Approx::About),
    (&["almost"], Approx::About),
    (&["some"], Approx::About),
    (&["over"], Approx::MoreThan),
];

/// Hedges written after a figure.
pub(super) const HEDGES_AFTER: &[(&[&str], Approx)] = &[
    (&["علي", "الاقل"], Approx::AtLeast),
    (&["او", "اكثر"], Approx::AtLeast),
    (&["or", "more"], Approx::AtLeast),
    (&["at", "least"], Approx::AtLeast),
    (&["فاكثر"], Approx::AtLeast),
    (&["تقريبا"], Approx::About),
];

/// The unit of an ordinal from the first to the ninth, masculine or
/// feminine as normalised (الثالث، الثالثه): 3. Only before عشر is it
/// read as a number ([`super::numbers`]); alone it is a word (للمرة الثانيه).
pub(super) fn ordinal_unit(word: &str) -> Option<f64> {
    const ORDINALS: [&str; 9] = [
        "الحادي",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
    ];
    let masculine = word.strip_suffix('ه').unwrap_or(word);
    let place = ORDINALS.iter().position(|o| *o == masculine)?;
    Some((place + 1) as f64)
}
