//! Round 4: the word before each figure. A duration or a year drifts only
//! when the two figures share a neighbour (the word before or after); counts
//! after one word are one thing; the same digits under another scale drift.
//! Sentences written for these tests.

use claimdesk::link::{LinkItem, Links, Reuse, drifts, drifts_between, link_with_cache, signature};

use crate::support::link::link;

fn written(links: &Links, item: usize) -> Vec<(String, String)> {
    let r = links.related(item);
    assert_eq!(r.len(), 1, "{r:?}");
    r[0].drift
        .iter()
        .map(|d| (d.ours.clone(), d.theirs.clone()))
        .collect()
}

// An age and the length of an illness: two durations of one story.
const AGE: &str = "وأعلن المتحدث أن الوزير السابق البالغ 81 عاما نقل إلى المستشفى العسكري مساء الثلاثاء إثر وعكة صحية.";
const ILLNESS: &str = "وأعلن المتحدث أن الوزير السابق نقل إلى المستشفى العسكري مساء الثلاثاء إثر وعكة صحية استمرت ثلاثة أيام.";

#[test]
fn the_word_before_each_figure_is_kept() {
    let a = signature("وارتفعت نسبة البطالة إلى 12% في الربع الأخير.");
    let b = signature("ارتفعت النسبة إلى 15% خلال الربع الأخير.");
    assert_eq!(a.figures.len(), 1);
    assert_eq!(a.before.len(), a.figures.len());
    // The nearest content word before: إلى is skipped, البطالة and النسبة differ.
    assert_ne!(a.before[0], 0);
    assert_ne!(a.before[0], b.before[0]);
    let c = signature("وقال إن نسبة البطالة 14% في الربع الأخير.");
    let d = signature("9% نسبة البطالة في الربع الأخير.");
    assert_eq!(c.before[0], signature("البطالة 3%").before[0]);
    // Nothing before the figure.
    assert_eq!(d.before, [0]);
}

#[test]
fn two_durations_of_other_things_do_not_drift() {
    let (a, b) = (signature(AGE), signature(ILLNESS));
    // Read on their own, the two figures differ ...
    assert_eq!(drifts(&a.figures, &b.figures).len(), 1);
    // ... but no word beside them agrees: an age and an illness.
    assert!(drifts_between(&a, &b).is_empty());
    assert!(written(&link(&[(0, AGE), (1, ILLNESS)]), 0).is_empty());
}

#[test]
fn a_percentage_after_a_preposition_still_drifts() {
    // إلى before both figures is a function word: the content word before it agrees.
    let links = link(&[
        (
            0,
            "وقال التقرير إن معدل البطالة في المحافظات الجنوبية ارتفع إلى 12% خلال الربع الأخير من العام.",
        ),
        (
            1,
            "وأفاد التقرير بأن معدل البطالة في المحافظات الجنوبية ارتفع إلى 15% خلال الربع الأخير من العام.",
        ),
    ]);
    assert_eq!(written(&links, 0), [("12%".into(), "15%".into())]);
}

#[test]
fn two_years_of_other_events_do_not_drift() {
    // Born in one year, first novel in another. (After `عام` on both sides
    // the two years would share that word and still drift.)
    let links = link(&[
        (
            0,
            "وكان الكاتب الراحل قد ولد في 1938 في قرية ساحلية صغيرة قبل أن ينتقل إلى العاصمة ويكتب رواياته المعروفة.",
        ),
        (
            1,
            "وكان الكاتب الراحل قد انتقل من قريته الساحلية الصغيرة إلى العاصمة ونشر أولى رواياته المعروفة في 1964.",
        ),
    ]);
    let r = links.related(0);
    assert!(r.iter().all(|x| x.drift.is_empty()), "{r:?}");
}

#[test]
fn a_percentage_or_a_sum_drifts_whatever_its_neighbours() {
    // Other words around one reward: percentages and sums keep no neighbour check.
    let links = link(&[
        (
            0,
            "وعرضت عائلة التاجر المخطوف مكافأة تعادل 250 ألف دولار لمن يدلي بمعلومات تقود إلى مكان احتجازه.",
        ),
        (
            1,
            "وعرضت عائلة التاجر المخطوف مكافأة (نحو 25 ألف دولار) لمن يدلي بمعلومات تقود إلى مكان احتجازه.",
        ),
    ]);
    assert_eq!(written(&links, 0).len(), 1);
}

#[test]
fn a_sum_that_drifts_shares_the_word_after() {
    // Other words before the sums; the thing paid for follows both.
    let links = link(&[
        (
            0,
            "وخصصت الحكومة مبلغ 40 مليون دولار لترميم المدارس المتضررة من السيول في المحافظات الشمالية.",
        ),
        (
            1,
            "ورصدت الحكومة 45 مليون دولار لترميم المدارس المتضررة من السيول في المحافظات الشمالية.",
        ),
    ]);
    assert_eq!(written(&links, 0).len(), 1);
}

#[test]
fn one_count_on_each_side_drifts_whatever_its_neighbours() {
    // The demo's scholarships: other words before and after the two counts.
    let links = link(&[
        (
            0,
            "وتضمن الاتفاق تقديم 8,000 منحة دراسية لأبناء المحافظات الجنوبية في جامعات العاصمة.",
        ),
        (
            1,
            "وتضمن الاتفاق قبول 7,500 طالب من أبناء المحافظات الجنوبية في جامعات العاصمة.",
        ),
    ]);
    assert_eq!(written(&links, 0), [("8,000".into(), "7,500".into())]);
}

#[test]
fn the_link_cache_keeps_the_word_before() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("links-test.bin");
    let other = "افتتح المعرض الدولي للكتاب أبوابه أمام الزوار صباح اليوم في العاصمة الإدارية";
    let first: Vec<LinkItem> = [(0, AGE), (1, ILLNESS)]
        .iter()
        .map(|&(article, text)| LinkItem {
            article,
            outlet: None,
            text,
        })
        .collect();
    let days = vec![None; 3];
    link_with_cache(&first, &days, Some(&file));
    let mut changed = first.clone();
    changed.push(LinkItem {
        article: 2,
        outlet: None,
        text: other,
    });
    let (links, reuse) = link_with_cache(&changed, &days, Some(&file));
    assert_eq!(
        reuse,
        Reuse::Signatures {
            cached: 2,
            computed: 1
        }
    );
    let r = links.related(0);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].drift.is_empty(), "read back: {:?}", r[0].drift);
}

#[test]
fn two_counts_after_one_word_drift_whatever_follows() {
    // Several counts on each side; the minute of the last goal differs and
    // the words after it do not agree, the word before does.
    let links = link(&[
        (
            0,
            "وافتتح المهاجم التسجيل في الدقيقة 12 ثم أضاف زميله الهدف الثاني في الدقيقة 64 قبل أن يختم الجناح الثلاثية في الدقيقة 88 ويحتفل مع الجماهير.",
        ),
        (
            1,
            "وأضاف زميل المهاجم الهدف الثاني في الدقيقة 64 قبل أن يختم الجناح الثلاثية في الدقيقة 87، لينهي الفريق اللقاء متصدرا.",
        ),
    ]);
    assert_eq!(written(&links, 0), [("88".into(), "87".into())]);
}

#[test]
fn the_same_digits_under_another_scale_drift() {
    // One outlet wrote thousand for million: far more than 10x apart, but a slip.
    let links = link(&[
        (
            0,
            "وارتفع إنتاج الحقول البحرية في الشهر الماضي بواقع 315 ألف برميل يوميا بحسب تقرير الشركة الوطنية.",
        ),
        (
            1,
            "وارتفع إنتاج الحقول البحرية في الشهر الماضي بواقع 315 مليون برميل يوميا بحسب تقرير الشركة الوطنية.",
        ),
    ]);
    assert_eq!(written(&links, 0).len(), 1);
}

#[test]
fn counts_far_apart_with_other_digits_stay_apart() {
    // Three wounded and three hundred evacuated: not one figure.
    let links = link(&[
        (
            0,
            "وقال الدفاع المدني إن الحريق في المستودع الكبير قرب الميناء أسفر عن إصابة 3 عمال بحروق طفيفة مساء الأحد.",
        ),
        (
            1,
            "وقال الدفاع المدني إن الحريق في المستودع الكبير قرب الميناء أدى إلى إجلاء 300 عامل مساء الأحد.",
        ),
    ]);
    let r = links.related(0);
    assert!(r.iter().all(|x| x.drift.is_empty()), "{r:?}");
}
