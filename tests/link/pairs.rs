//! Linking on hand-written pairs (sentences written for these tests).

use claimdesk::link::Level;

use crate::support::link::link;

#[test]
fn a_paraphrase_is_linked() {
    let links = link(&[
        (
            0,
            "قال وزير الزراعة إن الحكومة ستوزع البذور المحسنة على مزارعي الوادي الشمالي قبل موسم الأمطار.",
        ),
        (
            1,
            "وأكد وزير الزراعة أن الحكومة سوف توزع بذوراً محسنة على المزارعين في الوادي الشمالي قبل حلول موسم الأمطار.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].other, 1);
    // Other verb, article and word order: suggested, at least.
    assert!(matches!(r[0].level, Level::Same | Level::Similar));
    assert!(r[0].drift.is_empty());
}

#[test]
fn an_edited_copy_is_the_same_claim() {
    let links = link(&[
        (
            0,
            "وأكد المتحدث باسم الوزارة أن فرق الإنقاذ انتشلت جثث الضحايا من تحت أنقاض المبنى المنهار في حي الميناء.",
        ),
        (
            1,
            "المتحدث باسم الوزارة قال إن فرق الإنقاذ انتشلت جثث الضحايا من تحت أنقاض المبنى المنهار بحي الميناء، مساء أمس.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].level, Level::Same, "{r:?}");
}

#[test]
fn a_changed_figure_is_linked_and_flagged() {
    let links = link(&[
        (
            0,
            "أعلنت وزارة التعليم أن 8,000 طالب من الريف سيحصلون على منح دراسية كاملة هذا العام.",
        ),
        (
            1,
            "أعلنت وزارة التعليم أن 7,500 طالب من الريف سيحصلون على منح دراسية كاملة هذا العام.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].level, Level::Same);
    assert_eq!(r[0].drift.len(), 1);
    assert_eq!(r[0].drift[0].ours, "8,000");
    assert_eq!(r[0].drift[0].theirs, "7,500");
    // The other side sees the same drift, mirrored.
    let back = &links.related(1)[0].drift[0];
    assert_eq!(
        (back.ours.as_str(), back.theirs.as_str()),
        ("7,500", "8,000")
    );
}

#[test]
fn figures_written_differently_agree() {
    let links = link(&[
        (
            0,
            "وقال المتحدث إن الرئيس لم يزر العاصمة الجنوبية منذ 24 عاماً بسبب الخلاف على الحدود.",
        ),
        (
            1,
            "وأوضح المتحدث أن الرئيس لم يزر العاصمة الجنوبية منذ نحو ربع قرن بسبب الخلاف على الحدود.",
        ),
        (
            2,
            "وقال المتحدث إن الرئيس لم يزر العاصمة الجنوبية منذ ثمانية أعوام بسبب الخلاف على الحدود.",
        ),
    ]);
    let to = |a: usize, b: usize| links.related(a).iter().find(|r| r.other == b).cloned();
    let ab = to(0, 1).expect("24 years and about a quarter century are linked");
    assert!(ab.drift.is_empty(), "{:?}", ab.drift);
    let ac = to(0, 2).expect("linked");
    assert_eq!(ac.drift.len(), 1);
    assert_eq!(ac.drift[0].theirs, "ثمانية أعوام");
}

#[test]
fn sentences_sharing_only_a_name_are_not_linked() {
    let links = link(&[
        (
            0,
            "استقبل الرئيس كريم الساعدي وفداً من رجال الأعمال في قصر الضيافة صباح اليوم.",
        ),
        (
            1,
            "انتقد معارضون قرار الرئيس كريم الساعدي رفع أسعار الوقود في البلاد.",
        ),
        (
            2,
            "The minister Karim al-Saadi opened a new hospital in the northern province.",
        ),
        (
            3,
            "Karim al-Saadi lost the chess final to a teenager from the capital.",
        ),
    ]);
    for i in 0..4 {
        assert!(links.related(i).is_empty(), "{i}: {:?}", links.related(i));
    }
}

#[test]
fn short_sentences_are_only_similar() {
    let links = link(&[
        (0, "وقع الطرفان اتفاقية النقل البحري أمس."),
        (1, "وقع الطرفان اتفاقية النقل البحري أمس."),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].level, Level::Similar);
}

#[test]
fn claims_of_one_article_are_never_linked() {
    let s = "أعلنت وزارة التعليم أن ثمانية آلاف طالب سيحصلون على منح دراسية كاملة.";
    let links = link(&[(3, s), (3, s)]);
    assert!(links.related(0).is_empty());
    assert!(links.related(1).is_empty());
}

#[test]
fn english_paraphrase_with_hedge() {
    let links = link(&[
        (
            0,
            "The president had not visited the southern capital for 24 years because of the border dispute.",
        ),
        (
            1,
            "The president had not been to the southern capital in about a quarter of a century, because of the border dispute.",
        ),
    ]);
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].drift.is_empty(), "{:?}", r[0].drift);
}

/// One sentence about a ferry in two articles, its passenger count changed.
fn ferry_counts() -> claimdesk::link::Links {
    link(&[
        (
            0,
            "Officials said the ferry company carried 212 passengers across the strait during the holiday weekend, a record for the route.",
        ),
        (
            1,
            "Officials said the ferry company carried 240 passengers across the strait during the holiday weekend, a record for the route.",
        ),
    ])
}

#[test]
fn a_changed_figure_days_apart_is_a_recurring_report_only_suggested() {
    let linked = ferry_counts();
    assert_eq!(linked.related(0)[0].level, Level::Same);
    assert!(!linked.related(0)[0].drift.is_empty());
    // The same day, or two days apart: one claim told twice.
    let mut near = linked.clone();
    near.cap_recurring(&[Some(100), Some(102)], &[]);
    assert_eq!(near.related(0)[0].level, Level::Same);
    // A week apart: the next edition of a report, only suggested, both ways.
    let mut far = linked.clone();
    far.cap_recurring(&[Some(100), Some(107)], &[]);
    assert_eq!(far.related(0)[0].level, Level::Similar);
    assert_eq!(far.related(1)[0].level, Level::Similar);
    assert!(!far.related(1)[0].drift.is_empty());
    // Unknown dates leave it as it was.
    let mut unknown = linked.clone();
    unknown.cap_recurring(&[None, Some(107)], &[]);
    assert_eq!(unknown.related(0)[0].level, Level::Same);
}

#[test]
fn one_outlets_changed_figure_is_its_own_update_only_suggested() {
    let linked = ferry_counts();
    let (one, two) = (&[Some(7), Some(7)], &[Some(7), Some(8)]);
    // One outlet, the same day or the next: its running count moved on.
    for days in [
        &[Some(100), Some(100)],
        &[Some(100), Some(101)],
        &[None, None],
    ] {
        let mut update = linked.clone();
        update.cap_recurring(days, one);
        assert_eq!(update.related(0)[0].level, Level::Similar, "{days:?}");
        assert_eq!(update.related(1)[0].level, Level::Similar, "{days:?}");
        assert!(!update.related(0)[0].drift.is_empty());
    }
    // Two outlets the next day, or outlets unknown: a drift between tellings.
    for outlets in [two, &[Some(7), None]] {
        let mut kept = linked.clone();
        kept.cap_recurring(&[Some(100), Some(101)], outlets);
        assert_eq!(kept.related(0)[0].level, Level::Same, "{outlets:?}");
    }
}
