//! Figures read in round 3 of the drift count (sentences written for this
//! test): numbers of words and digits mixed, a pair in words, times of day,
//! days of a month, a zero in a score, and rounding.

use claimdesk::figures::{Agreement, Unit, agreement, figures};

fn values(sentence: &str) -> Vec<(f64, Unit)> {
    figures(sentence)
        .into_iter()
        .map(|f| (f.value, f.unit))
        .collect()
}

#[test]
fn words_and_digits_in_one_number() {
    assert_eq!(
        values("وتوقع البنك أن يبلغ التضخم 13 ألفا و800 بالمئة العام المقبل"),
        [(13_800.0, Unit::Percent)]
    );
    assert_eq!(
        values("وصل عدد الزوار إلى مليونا و350 ألفا و120 زائرا حتى مساء الأحد"),
        [(1_350_120.0, Unit::Count)]
    );
    // A larger part after و is another number: a pair, not a compound.
    assert_eq!(
        values("بيعت 20 ألفا و30 ألفا من التذاكر في يومين متتاليين")
            .into_iter()
            .filter(|(_, u)| *u == Unit::Count)
            .collect::<Vec<_>>(),
        [(20_000.0, Unit::Count), (30_000.0, Unit::Count)]
    );
}

#[test]
fn a_pair_in_words_joined_by_wa_is_two_numbers() {
    assert_eq!(
        values("يأمل الباحثون رصد ما بين عشرة ومئة هزة خلال الرحلة"),
        [(10.0, Unit::Count), (100.0, Unit::Count)]
    );
    assert_eq!(
        values("يأمل الباحثون رصد ما بين 10 و100 هزة خلال الرحلة"),
        [(10.0, Unit::Count), (100.0, Unit::Count)]
    );
    // A compound keeps its order: the larger part first.
    assert_eq!(
        values("عاد مئة وعشرة صيادين إلى الميناء"),
        [(110.0, Unit::Count)]
    );
}

#[test]
fn an_hour_and_a_day_of_the_month_are_not_counts() {
    for sentence in [
        "أمهلته المحكمة حتى الساعة 17,00 بالتوقيت المحلي ليسلم نفسه",
        "أمهلته المحكمة حتى الساعة 17:00 بالتوقيت المحلي ليسلم نفسه",
        "وقع الوزيران يوم الأحد 9 مارس عقد بناء الميناء الجديد",
        "بلغت المظاهرات ذروتها في 14أيار/مايو أمام البرلمان",
        "احتفلت المدينة في 3 تموز بافتتاح الجسر",
    ] {
        let counts: Vec<_> = figures(sentence)
            .into_iter()
            .filter(|f| f.unit == Unit::Count)
            .collect();
        assert!(counts.is_empty(), "{sentence}: {counts:?}");
    }
    // A day of the month is a date with no year, `MMDD`.
    assert_eq!(
        values("احتفلت المدينة في 3 تموز بافتتاح الجسر"),
        [(703.0, Unit::Date)]
    );
    assert_eq!(
        values("افتتح المعرض في 12 كانون الأول وسط حضور كبير"),
        [(1212.0, Unit::Date)]
    );
    // Hours as a duration are still figures.
    assert_eq!(
        values("استمر الاجتماع 24 ساعة دون انقطاع"),
        [(1.0, Unit::Duration)]
    );
}

#[test]
fn zero_in_a_score() {
    assert_eq!(
        values("فاز الفريق الضيف 4 - صفر في المباراة الودية"),
        [(4.0, Unit::Count), (0.0, Unit::Count)]
    );
}

#[test]
fn a_coarser_figure_may_round_a_finer_one() {
    let one = |s: &str| {
        let f = figures(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    };
    for (a, b, expected) in [
        (
            "خسرت الشركة 1.66 مليار دولار",
            "خسرت الشركة 1.7 مليار دولار",
            Agreement::Approximate,
        ),
        (
            "انتقل اللاعب مقابل 30.5 مليون يورو",
            "انتقل اللاعب مقابل 31 مليون يورو",
            Agreement::Approximate,
        ),
        (
            "يعود عمر الموقع إلى تسعة آلاف عام",
            "يعود عمر الموقع إلى 9100 عام",
            Agreement::Approximate,
        ),
        // Not rounding: too far apart, or written to the same place.
        (
            "بلغت الخسائر 1.5 مليون دولار",
            "بلغت الخسائر 2 مليون دولار",
            Agreement::Drift,
        ),
        (
            "منحت الوزارة ثمانية آلاف منحة",
            "منحت الوزارة 7,500 منحة",
            Agreement::Drift,
        ),
        (
            "منحت الوزارة 8,000 منحة",
            "منحت الوزارة 7,500 منحة",
            Agreement::Drift,
        ),
        (
            "ركب القطار 60 مسافرا",
            "ركب القطار 59 مسافرا",
            Agreement::Drift,
        ),
        (
            "ارتفع السعر إلى 16.77 دولار",
            "ارتفع السعر إلى 16.54 دولار",
            Agreement::Drift,
        ),
    ] {
        let (fa, fb) = (one(a), one(b));
        assert_eq!(agreement(&fa, &fb), expected, "{a} / {b}");
        assert_eq!(agreement(&fb, &fa), expected, "{b} / {a}");
    }
}

#[test]
fn a_date_with_no_year_compares_by_day_and_month() {
    let one = |s: &str| {
        let f = figures(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    };
    let partial = one("وصلت السفينة إلى الميناء في 22 يونيو بعد رحلة طويلة");
    let other_day = one("وصلت السفينة إلى الميناء في 23 يونيو بعد رحلة طويلة");
    let full = one("وصلت السفينة إلى الميناء في 22 يونيو 2018 بعد رحلة طويلة");
    assert_eq!(full.unit, Unit::Date);
    assert_eq!(agreement(&partial, &full), Agreement::Approximate);
    assert_eq!(agreement(&full, &partial), Agreement::Approximate);
    assert_eq!(agreement(&partial, &other_day), Agreement::Drift);
    assert_eq!(agreement(&partial, &partial.clone()), Agreement::Same);
}
