//! Numbers that name things are not amounts (sentences written for this test).

use claimdesk::figures::{Unit, figures};

#[test]
fn numbers_in_names_are_not_figures() {
    for sentence in [
        "سقطت طائرة من طراز بوينغ 737 بعد إقلاعها",
        "the Boeing 737 came down minutes after take-off",
        "أسقطت الدفاعات الجوية رحلة PS752 فوق العاصمة",
        "flight PS752 was shot down near the capital",
        "استضافت روسيا كأس العالم 2018 في اثنتي عشرة مدينة",
        "Russia hosted the 2018 World Cup in twelve cities",
        "طلبت الشركة طائرات A320 جديدة",
        "اشترت القوات الجوية مقاتلات F-16 مستعملة",
        "تبنى مجلس الأمن القرار 2254 بالإجماع",
        "تصدر المنتخب المجموعة 11 في التصفيات",
        "ارتفع مؤشر ناسداك 100 في التعاملات المبكرة",
    ] {
        let found: Vec<_> = figures(sentence)
            .into_iter()
            .filter(|f| f.unit != Unit::Count || f.value > 20.0)
            .collect();
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
}

#[test]
fn years_and_glued_clitics_are_still_figures() {
    let f = figures("وقعت الحادثة في عام 2018 قرب الحدود");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].unit, Unit::Year);
    let f = figures("ارتفع السعر ب20 دولاراً");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].value, 20.0);
}

#[test]
fn ranks_times_and_list_markers_are_not_counts() {
    for sentence in [
        "تبدأ المباراة عند الساعة 15:00 بتوقيت غرينتش",
        "1- إعداد الإطار القانوني للبرنامج",
    ] {
        let counts: Vec<_> = figures(sentence)
            .into_iter()
            .filter(|f| f.unit == Unit::Count)
            .collect();
        assert!(counts.is_empty(), "{sentence}: {counts:?}");
    }
    // A feminine ordinal alone is a word a count may follow.
    let f = figures("فاز الفريق للمرة الثانية 3 مرات متتالية");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].value, 3.0);
    // A missing space after a hedge leaves the figure whole.
    let f = figures("تقدم نحو19 ألف مرشح");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].value, 19_000.0);
}

#[test]
fn an_ordinal_before_ten_is_the_number_it_ranks() {
    for (sentence, value) in [
        ("عاش الفيلسوف في القرن التاسع عشر في ألمانيا", 19.0),
        ("سجل المهاجم هدفه في الدقيقة السادسة عشر من المباراة", 16.0),
        ("افتتح الفريق التسجيل في الدقيقة الحادية عشرة", 11.0),
        ("غادرت القرية وهي في الثالثة عشرة من عمرها", 13.0),
    ] {
        let f = figures(sentence);
        assert_eq!(f.len(), 1, "{sentence}: {f:?}");
        assert_eq!((f[0].value, f[0].unit), (value, Unit::Count), "{sentence}");
    }
    // Ordinals in a row, each behind و, are one figure each (not summed).
    let f = figures("صوّت الناخبون أيام السادس عشر والسابع عشر والثامن عشر من الشهر");
    let values: Vec<f64> = f.iter().map(|f| f.value).collect();
    assert_eq!(values, [16.0, 17.0, 18.0], "{f:?}");
    let f = figures("أصيب ثلاثة عشر وأربعة عشر في الحادثين");
    let values: Vec<f64> = f.iter().map(|f| f.value).collect();
    assert_eq!(values, [13.0, 14.0], "{f:?}");
}

#[test]
fn teens_with_one_two_or_the_article() {
    let y = 365.25;
    for (sentence, value, unit) in [
        (
            "نقل أطفال تقل أعمارهم عن أحد عشر عاما",
            11.0 * y,
            Unit::Duration,
        ),
        (
            "تأهل المنتخب إلى دور الستة عشر بعد الفوز",
            16.0,
            Unit::Count,
        ),
        (
            "ضمت القائمة اثني عشر لاعبا من الدوري المحلي",
            12.0,
            Unit::Count,
        ),
    ] {
        let f = figures(sentence);
        assert_eq!(f.len(), 1, "{sentence}: {f:?}");
        assert!((f[0].value - value).abs() < 1e-6, "{sentence}: {f:?}");
        assert_eq!(f[0].unit, unit, "{sentence}");
    }
    // "أحد" alone is "one of", not a figure.
    assert!(figures("قال أحد المسؤولين إن الاجتماع تأجل").is_empty());
}

#[test]
fn a_range_in_words_is_two_figures() {
    let f = figures("تظاهر بين أربعة آلاف وخمسة آلاف شخص أمام المحكمة");
    let values: Vec<f64> = f.iter().map(|x| x.value).collect();
    assert_eq!(values, [4000.0, 5000.0], "{f:?}");
    // A descending compound stays one number.
    let f = figures("بلغ عدد الزوار مليون وخمسمائة ألف زائر");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].value, 1_500_000.0);
}

#[test]
fn scales_in_the_accusative() {
    for (sentence, value) in [
        ("شارك في السباق 13 ألفا من العدائين", 13_000.0),
        ("استقبل المعرض مليونا وخمسمائة ألف زائر", 1_500_000.0),
        ("أنفقت الحكومة مليارا على الطرق", 1e9),
    ] {
        let f = figures(sentence);
        assert_eq!(f.len(), 1, "{sentence}: {f:?}");
        assert_eq!(f[0].value, value, "{sentence}");
    }
}
