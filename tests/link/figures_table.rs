//! The figure table: phrases (written for this test) → value, unit, hedge.

use claimdesk::figures::{Approx, Currency, Unit, figures};

const Y: f64 = 365.25;

/// (sentence, value, unit, approx, text of the figure as found)
fn table() -> Vec<(&'static str, f64, Unit, Approx, &'static str)> {
    use Approx::*;
    use Unit::*;
    let usd = Money(Currency::Dollar);
    vec![
        (
            "غادر الوفد بعد 24 عاماً من الغياب",
            24.0 * Y,
            Duration,
            Exact,
            "24 عاماً",
        ),
        (
            "غاب عنها ٢٤ عاماً كاملة",
            24.0 * Y,
            Duration,
            Exact,
            "٢٤ عاماً",
        ),
        (
            "لم يزرها منذ نحو ربع قرن",
            25.0 * Y,
            Duration,
            About,
            "نحو ربع قرن",
        ),
        (
            "بعد قرابة ربع قرن من القطيعة",
            25.0 * Y,
            Duration,
            About,
            "قرابة ربع قرن",
        ),
        (
            "انتظروا أربعة وعشرين عاماً",
            24.0 * Y,
            Duration,
            Exact,
            "أربعة وعشرين عاماً",
        ),
        ("تمنح الجامعة 8,000 مقعد", 8000.0, Count, Exact, "8,000"),
        ("تمنح الجامعة ٨٬٠٠٠ مقعد", 8000.0, Count, Exact, "٨٬٠٠٠"),
        ("وصل ثمانية آلاف طالب", 8000.0, Count, Exact, "ثمانية آلاف"),
        ("وصل 7,500 طالب", 7500.0, Count, Exact, "7,500"),
        (
            "في المدينة 1.500.000 ساكن",
            1_500_000.0,
            Count,
            Exact,
            "1.500.000",
        ),
        (
            "التقى الطرفان مرتين في يوم واحد",
            2.0,
            Times,
            Exact,
            "مرتين",
        ),
        ("زاروا المصنع ثلاث مرات", 3.0, Times, Exact, "ثلاث مرات"),
        (
            "يسكنها نصف مليون نسمة",
            500_000.0,
            Count,
            Exact,
            "نصف مليون",
        ),
        (
            "رصد الصندوق ثلاثة مليارات ونصف",
            3.5e9,
            Count,
            Exact,
            "ثلاثة مليارات ونصف",
        ),
        (
            "رصد الصندوق ٣٫٥ مليار دولار",
            3.5e9,
            usd,
            Exact,
            "٣٫٥ مليار دولار",
        ),
        (
            "بلغت قيمته 2.1 مليار دولار",
            2.1e9,
            usd,
            Exact,
            "2.1 مليار دولار",
        ),
        ("ارتفع النمو 3.5% هذا العام", 3.5, Percent, Exact, "3.5%"),
        ("ارتفع النمو ٣٫٥٪ هذا العام", 3.5, Percent, Exact, "٣٫٥٪"),
        ("تراجع بنسبة 12 بالمئة", 12.0, Percent, Exact, "12 بالمئة"),
        (
            "تراجع بنسبة 12 في المائة",
            12.0,
            Percent,
            Exact,
            "12 في المائة",
        ),
        (
            "انتقل عشرات الأطباء إلى المنطقة",
            10.0,
            Count,
            Magnitude,
            "عشرات",
        ),
        ("تجمع مئات المتطوعين", 100.0, Count, Magnitude, "مئات"),
        (
            "نزح عشرات الآلاف من السكان",
            10_000.0,
            Count,
            Magnitude,
            "عشرات الآلاف",
        ),
        ("قتل أكثر من 60 شخصاً", 60.0, Count, MoreThan, "أكثر من 60"),
        (
            "أصيب أقل من عشرة أشخاص",
            10.0,
            Count,
            LessThan,
            "أقل من عشرة",
        ),
        (
            "سلمت اثنتان على الأقل من السيارات",
            2.0,
            Count,
            AtLeast,
            "اثنتان على الأقل",
        ),
        (
            "تضم اللجنة ما لا يقل عن 12 عضواً",
            12.0,
            Count,
            AtLeast,
            "ما لا يقل عن 12",
        ),
        (
            "شارك ما يقرب من 300 شخص",
            300.0,
            Count,
            About,
            "ما يقرب من 300",
        ),
        ("حضر حوالي 40 صحفياً", 40.0, Count, About, "حوالي 40"),
        ("حضر زهاء ألف مشجع", 1000.0, Count, About, "زهاء ألف"),
        (
            "قطع القطار 120 كيلومترا",
            120_000.0,
            Distance,
            Exact,
            "120 كيلومترا",
        ),
        (
            "تبعد القرية 5 كم عن الحدود",
            5000.0,
            Distance,
            Exact,
            "5 كم",
        ),
        ("استمرت المفاوضات يومين", 2.0, Duration, Exact, "يومين"),
        (
            "امتد الحصار ستة أشهر",
            6.0 * Y / 12.0,
            Duration,
            Exact,
            "ستة أشهر",
        ),
        ("دامت الحرب عقدين", 20.0 * Y, Duration, Exact, "عقدين"),
        (
            "بيعت اللوحة بـ 40 ألف يورو",
            40_000.0,
            Money(Currency::Euro),
            Exact,
            "40 ألف يورو",
        ),
        (
            "بلغ الراتب 5000 جنيه",
            5000.0,
            Money(Currency::Pound),
            Exact,
            "5000 جنيه",
        ),
        ("افتتح الجسر عام 1999", 1999.0, Year, Exact, "1999"),
        (
            "وصل الوفد يوم السبت ١٦ سبتمبر ٢٠٢٣",
            20230916.0,
            Date,
            Exact,
            "السبت ١٦ سبتمبر ٢٠٢٣",
        ),
        (
            "The two sides last met 24 years ago",
            24.0 * Y,
            Duration,
            Exact,
            "24 years",
        ),
        (
            "after a quarter of a century apart",
            25.0 * Y,
            Duration,
            About,
            "a quarter of a century",
        ),
        (
            "The fund holds $3.5 billion",
            3.5e9,
            usd,
            Exact,
            "$3.5 billion",
        ),
        (
            "Trade grew 3.5 percent last year",
            3.5,
            Percent,
            Exact,
            "3.5 percent",
        ),
        (
            "about 8,000 students will come",
            8000.0,
            Count,
            About,
            "about 8,000",
        ),
        (
            "at least two cars were given",
            2.0,
            Count,
            AtLeast,
            "at least two",
        ),
        (
            "more than twenty-four people",
            24.0,
            Count,
            MoreThan,
            "more than twenty-four",
        ),
        (
            "nearly half a million visitors",
            500_000.0,
            Count,
            About,
            "nearly half a million",
        ),
        ("they met twice on Saturday", 2.0, Times, Exact, "twice"),
        (
            "hundreds of fans waited",
            100.0,
            Count,
            Magnitude,
            "hundreds",
        ),
        ("the road is 40 km long", 40_000.0, Distance, Exact, "40 km"),
        (
            "The talks took three hours",
            3.0 / 24.0,
            Duration,
            Exact,
            "three hours",
        ),
        (
            "on September 16, 2023 the king arrived",
            20230916.0,
            Date,
            Exact,
            "September 16, 2023",
        ),
        (
            "Some 300 people were evacuated",
            300.0,
            Count,
            About,
            "Some 300",
        ),
        (
            "It cost two million dollars",
            2e6,
            usd,
            Exact,
            "two million dollars",
        ),
    ]
}

#[test]
fn every_row_of_the_table() {
    let rows = table();
    assert!(rows.len() >= 40);
    let mut failures = Vec::new();
    for (sentence, value, unit, approx, text) in rows {
        let found = figures(sentence);
        let hit = found.iter().find(|f| {
            f.unit == unit
                && f.approx == approx
                && (f.value - value).abs() <= 1e-6 * value.abs().max(1.0)
        });
        match hit {
            Some(f) if sentence[f.text_range.clone()].contains(text) => {}
            _ => failures.push(format!(
                "{sentence}: want {value} {unit:?} {approx:?} {text:?}, got {:?}",
                found
                    .iter()
                    .map(|f| (f.value, f.unit, f.approx, &sentence[f.text_range.clone()]))
                    .collect::<Vec<_>>()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn words_that_are_not_figures() {
    for s in [
        "لست متأكداً من ذلك",
        "وصل إلى نصف النهائي",
        "تقدم الجيش نحو المدينة",
        "يوم الاثنين المقبل",
        "the third meeting",
        "for the first time",
    ] {
        assert!(figures(s).is_empty(), "{s}: {:?}", figures(s));
    }
}

#[test]
fn two_figures_in_one_sentence_keep_their_order() {
    let s = "قتل 65 وليس 66 شخصاً";
    let v: Vec<f64> = figures(s).iter().map(|f| f.value).collect();
    assert_eq!(v, [65.0, 66.0]);
}
