//! What must not drift or link (sentences written for these tests).

use claimdesk::link::Links;

use crate::support::link::link;

#[test]
fn a_vague_magnitude_never_drifts_against_a_precise_count() {
    let links = link(&[
        (
            0,
            "نزح مئات السكان من القرى الحدودية خلال الأسبوع الأول من المعارك بين الجيشين.",
        ),
        (
            1,
            "نزح 1160 من السكان من القرى الحدودية خلال الأسبوع الأول من المعارك بين الجيشين.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].drift.is_empty(), "{:?}", r[0].drift);
}

#[test]
fn a_number_in_a_name_is_no_drift() {
    let links = link(&[
        (
            0,
            "Investigators said the Boeing 737 lost contact with the tower four minutes after leaving the runway.",
        ),
        (
            1,
            "Investigators said the Boeing 737 lost contact with the tower five minutes after it left the runway.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    let drift: Vec<(&str, &str)> = r[0]
        .drift
        .iter()
        .map(|d| (d.ours.as_str(), d.theirs.as_str()))
        .collect();
    assert_eq!(drift, [("four minutes", "five minutes")]);
}

#[test]
fn the_same_figure_slot_links_a_loose_paraphrase() {
    // Other verbs and words around the same facts; the numbers differ.
    let links = link(&[
        (
            0,
            "وتنص الاتفاقية على تقديم 3,000 منحة دراسية لطلاب الجنوب في جامعات العاصمة على مدى أربع سنوات.",
        ),
        (
            1,
            "وأسفر الاجتماع عن اتفاق يقضي بمنح 2,500 طالب من الجنوب مقاعد دراسية في جامعات العاصمة خلال أربع سنوات.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].drift.len(), 1, "{:?}", r[0].drift);
    assert_eq!(r[0].drift[0].ours, "3,000");
}

#[test]
fn counts_of_different_things_do_not_drift() {
    let links = link(&[
        (
            0,
            "ويحتل النادي المركز الثالث برصيد 40 نقطة وبفارق خمس نقاط عن الوصيف و11 نقطة عن المتصدر.",
        ),
        (
            1,
            "ويحتل النادي المركز الثالث برصيد 40 نقطة من 22 مباراة، متأخرا بخمس نقاط عن الوصيف.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].drift.is_empty(), "{:?}", r[0].drift);
}

/// The first claim's one link is a suggestion, with this many drifts.
fn only_suggested_with_drifts(links: &Links, drifts: usize) {
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].level, claimdesk::link::Level::Similar);
    assert_eq!(r[0].drift.len(), drifts, "{:?}", r[0].drift);
}

#[test]
fn two_changed_figures_are_a_pattern_only_suggested() {
    // The same market sentence, the next day: every price moved.
    let links = link(&[
        (
            0,
            "وارتفع سعر الفضة 0.4 بالمئة إلى 15.20 دولار للأوقية في التعاملات الآسيوية المبكرة اليوم.",
        ),
        (
            1,
            "وارتفع سعر الفضة 0.9 بالمئة إلى 15.65 دولار للأوقية في التعاملات الآسيوية المبكرة اليوم.",
        ),
    ]);
    only_suggested_with_drifts(&links, 2);
}

#[test]
fn a_quote_with_decimals_of_another_day_is_only_suggested() {
    // One figure moved, both written with decimals: the next session's close.
    let links = link(&[
        (
            0,
            "وأغلق مؤشر البورصة الرئيسي في المدينة الساحلية عند مستوى 1432.75 نقطة مع نهاية جلسة تداول هادئة.",
        ),
        (
            1,
            "وأغلق مؤشر البورصة الرئيسي في المدينة الساحلية عند مستوى 1441.20 نقطة مع نهاية جلسة تداول هادئة.",
        ),
    ]);
    only_suggested_with_drifts(&links, 1);
}

#[test]
fn agreeing_counts_pair_whatever_follows_them() {
    // Nine bodies, four of them hostages: told with other nouns after the numbers.
    let links = link(&[
        (
            0,
            "وعثرت الشرطة صباح الخميس على جثث تسعة رجال قرب الطريق الساحلي، بينهم أربعة رهائن خطفوا الشهر الماضي.",
        ),
        (
            1,
            "عثرت الشرطة صباح الخميس على 9 جثث قرب الطريق الساحلي، بينهم 4 رجال خطفوا الشهر الماضي.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].drift.is_empty(), "{:?}", r[0].drift);
}

/// The drifts of two sentences, as written on each side.
fn drift_texts(a: &str, b: &str) -> Vec<(String, String)> {
    use claimdesk::link::{drifts_between, signature};
    drifts_between(&signature(a), &signature(b))
        .into_iter()
        .map(|d| (d.ours, d.theirs))
        .collect()
}

#[test]
fn round_three_false_drifts_are_gone() {
    for (a, b) in [
        // Two vague magnitudes: a loose claim told more or less loosely.
        (
            "أدى القصف إلى نزوح عشرات الآلاف من سكان الضواحي الشرقية.",
            "أدى القصف إلى نزوح الآلاف من سكان الضواحي الشرقية.",
        ),
        // A level with decimals against a count of things.
        (
            "وصعد مؤشر العملة المحلية أمام سلة من ست عملات 0.3 بالمئة.",
            "وصعد مؤشر العملة المحلية 0.3 بالمئة بعد أن خسر 1.2 الأسبوع الماضي.",
        ),
        // Counts of different size: registered voters and a community.
        (
            "وتتصدر كندا قائمة الدول بعدد المسجلين للاقتراع والبالغ 12500.",
            "ويقدر عدد أبناء الجالية في كندا بـ200 ألف، وتتصدر كندا قائمة الدول بعدد المسجلين.",
        ),
        // A pair in digits and the same pair in words.
        (
            "يأمل الباحثون رصد ما بين 10 و100 هزة خلال رحلة المسبار.",
            "يأمل الباحثون رصد ما بين عشرة ومئة هزة خلال رحلة المسبار.",
        ),
        // One number in digits, the other in words and digits.
        (
            "ويتوقع الصندوق تضخما بنسبة 13800% في البلاد هذا العام.",
            "ويتوقع الصندوق تضخما بنسبة 13 ألفا و800 بالمئة في البلاد هذا العام.",
        ),
        // A time of day written two ways.
        (
            "أمهلته المحكمة حتى الساعة 17,00 بالتوقيت المحلي ليسلم نفسه للشرطة.",
            "أمهلته المحكمة حتى الساعة 17:00 بالتوقيت المحلي ليسلم نفسه للشرطة.",
        ),
        // A day of the month against a number in a name.
        (
            "وقع البلدان الأحد 9 مارس اتفاق إطلاق القمر الصناعي \"نجم-3\" للرصد.",
            "وقع البلدان اتفاق إطلاق القمر الصناعي \"نجم 3\" للرصد.",
        ),
        // Rounding: 1.66 and 1.7 billion.
        (
            "وبلغت خسائر الشركة في الربع الثاني 1.66 مليار دولار.",
            "وبلغت خسائر الشركة في الربع الثاني 1.7 مليار دولار.",
        ),
    ] {
        assert_eq!(
            drift_texts(a, b),
            Vec::<(String, String)>::new(),
            "{a} / {b}"
        );
    }
}

#[test]
fn real_changes_still_drift() {
    for (a, b, ours, theirs) in [
        (
            "قتل خمسة أشخاص في انفجار داخل مستودع في الميناء مساء السبت.",
            "قتل 6 أشخاص في انفجار داخل مستودع في الميناء مساء السبت.",
            "خمسة",
            "6",
        ),
        (
            "قضت المحكمة بسجن الكاتب خمسة أشهر بتهمة التحريض.",
            "قضت المحكمة بسجن الكاتب خمس سنوات بتهمة التحريض.",
            "خمسة أشهر",
            "خمس سنوات",
        ),
        (
            "وتسيطر القوات على 80 في المئة من الوادي.",
            "وتسيطر القوات على نحو 65 بالمئة من الوادي.",
            "80 في المئة",
            "نحو 65 بالمئة",
        ),
        (
            "ارتفعت حصيلة الفيضانات إلى 100 قتيل بحسب السلطات.",
            "ارتفعت حصيلة الفيضانات إلى 420 قتيلا بحسب السلطات.",
            "100",
            "420",
        ),
    ] {
        assert_eq!(
            drift_texts(a, b),
            [(ours.to_string(), theirs.to_string())],
            "{a} / {b}"
        );
    }
    // A score with a zero: both figures differ (another match).
    assert_eq!(
        drift_texts(
            "فاز المنتخب على ضيفه 4 - صفر في مباراة ودية مساء الجمعة.",
            "فاز المنتخب على ضيفه 3 - 1 في مباراة ودية مساء الجمعة.",
        )
        .len(),
        2
    );
}

#[test]
fn a_day_of_the_month_drifts_with_the_date_it_changes() {
    // One outlet moves the start of the strike by a month; both give its end.
    assert_eq!(
        drift_texts(
            "بدأ العمال في 12 آذار/مارس إضرابا مفتوحا، وينتهي الإضراب في 3 أيار/مايو بحسب النقابة.",
            "بدأ العمال في 12 نيسان/أبريل إضرابا مفتوحا، وينتهي الإضراب في مايو بحسب النقابة.",
        ),
        [("12 آذار".to_string(), "12 نيسان".to_string())]
    );
    // The same day written with and without its year agrees.
    assert!(
        drift_texts(
            "افتتح الرئيس الجسر الجديد في 9 مارس 2018 أمام حشد من السكان.",
            "افتتح الرئيس الجسر الجديد في 9 مارس أمام حشد من السكان.",
        )
        .is_empty()
    );
}
