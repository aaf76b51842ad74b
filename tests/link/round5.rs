//! Round 5 of paraphrase recall: datelines, names spelled with or without
//! their long vowels, function words behind a clitic, claims made only of
//! common words, and the units of a number with the article. Sentences
//! written for these tests; filler claims are made up letter by letter.

use claimdesk::figures::figures;
use claimdesk::link::{LinkItem, Links, link_with_cache, signature};

use crate::support::link::{link, nonce};

#[test]
fn a_dateline_does_not_weigh_on_one_side() {
    let plain = "أعلنت وزارة النقل افتتاح الجسر الجديد فوق النهر أمام السيارات صباح الأحد";
    let dated = format!("القاهرة، مصر (CNN)-- {plain}");
    assert_eq!(signature(plain).terms, signature(&dated).terms);
    assert_eq!(signature(plain).words, signature(&dated).words);
    let links = link(&[(0, plain), (1, &dated)]);
    assert_eq!(links.related(0).len(), 1);
    assert!(links.related(0)[0].similarity > 0.99);
}

#[test]
fn a_shared_dateline_links_nothing() {
    // Two stories of one outlet under the same dateline stay apart.
    let links = link(&[
        (
            0,
            "دبي، الإمارات العربية المتحدة (CNN)-- افتتح المتحف الوطني جناحا جديدا للمخطوطات القديمة",
        ),
        (
            1,
            "دبي، الإمارات العربية المتحدة (CNN)-- خسر الفريق الأول مباراته أمام ضيفه بثلاثة أهداف",
        ),
    ]);
    assert!(links.related(0).is_empty(), "{:?}", links.related(0));
}

#[test]
fn brackets_inside_a_sentence_are_no_dateline() {
    let a = signature("قال الوزير (في مؤتمر صحفي) - بحسب مكتبه - إن الطريق سيفتح غدا");
    assert!(a.words > 8, "the words before the bracket still count");
    // More than five words before the bracket: a sentence, not a place.
    let b =
        signature("وقالت اللجنة المنظمة للمهرجان السنوي للكتاب (الدورة العاشرة) - إن المعرض سيفتح");
    assert_eq!(b.words, 11, "every word counted");
}

#[test]
fn a_name_with_or_without_its_long_vowels_is_one_term() {
    assert_eq!(
        signature("سجل غوندوغان").terms,
        signature("سجل غندوغان").terms
    );
    let links = link(&[
        (
            0,
            "وسجل لاعب الوسط إيريكسن هدف الفوز في الدقيقة الأخيرة من المباراة على ملعب المدينة",
        ),
        (
            1,
            "وسجل لاعب الوسط إريكسن هدف الفوز في الدقيقة الأخيرة من المباراة على ملعب المدينة",
        ),
    ]);
    assert_eq!(links.related(0).len(), 1);
    assert!(links.related(0)[0].similarity > 0.99);
}

#[test]
fn a_name_spelled_two_ways_alone_links_nothing() {
    // Only the name is shared: two other facts about one player.
    let links = link(&[
        (
            0,
            "انتقل إيريكسن إلى ناد جديد في الصيف بعقد مدته ثلاثة أعوام",
        ),
        (
            1,
            "أصيب إريكسن في الركبة خلال التدريب وسيغيب عن المباراة المقبلة",
        ),
    ]);
    assert!(links.related(0).is_empty(), "{:?}", links.related(0));
}

#[test]
fn short_words_keep_their_own_vowels() {
    // Under five letters the skeleton is not taken: كبير is not كبر.
    assert_ne!(signature("مبنى كبير").terms, signature("مبنى كبر").terms);
}

#[test]
fn function_words_behind_a_clitic_are_not_terms() {
    let s = signature("وفي ومن وقد بأنه فإن");
    assert!(s.terms.is_empty(), "{:?}", s.terms);
    // A content word after the same letters stays one.
    assert_eq!(signature("وزارة").terms.len(), 1);
    assert_eq!(signature("فريق").terms.len(), 1);
}

/// Twelve words that 2,100 of the 3,000 filler claims carry each: too
/// common for the dated index proper (more than 2,000 claims).
const COMMON: [&str; 12] = [
    "الرئيس",
    "الحكومة",
    "الاتفاق",
    "القرار",
    "الانسحاب",
    "الدولة",
    "الوزراء",
    "المجلس",
    "الأمن",
    "المنطقة",
    "البلاد",
    "الجيش",
];

/// Two claims made of the common words and one word of their own each, of
/// articles `apart` days apart, among 3,000 filler claims dated far away.
fn common_pair(apart: i64) -> Links {
    const FILLERS: usize = 3000;
    let mut rows: Vec<(String, Option<i64>)> = (0..FILLERS)
        .map(|i| {
            let mut words: Vec<String> = COMMON
                .iter()
                .enumerate()
                .filter(|(k, _)| (i + k) % 10 < 7)
                .map(|(_, w)| w.to_string())
                .collect();
            words.extend((0..4).map(|k| nonce(i, k)));
            (words.join(" "), Some(1000 + 10 * i as i64))
        })
        .collect();
    let common = COMMON.join(" ");
    rows.push((format!("{common} أمس"), Some(0)));
    rows.push((format!("{common} صباحا"), Some(apart)));
    let items: Vec<LinkItem> = rows
        .iter()
        .enumerate()
        .map(|(article, (text, _))| LinkItem {
            article,
            outlet: None,
            text,
        })
        .collect();
    let days: Vec<Option<i64>> = rows.iter().map(|r| r.1).collect();
    link_with_cache(&items, &days, None).0
}

#[test]
fn claims_of_common_words_a_day_apart_meet() {
    let links = common_pair(1);
    let a = links.len() - 2;
    assert!(
        links.related(a).iter().any(|r| r.other == a + 1),
        "{:?}",
        links.related(a)
    );
}

#[test]
fn claims_of_common_words_days_apart_do_not() {
    let links = common_pair(5);
    let a = links.len() - 2;
    assert!(
        !links.related(a).iter().any(|r| r.other == a + 1),
        "{:?}",
        links.related(a)
    );
}

#[test]
fn units_with_the_article_before_their_tens() {
    let f = figures("قتل عشرة مسلحين خلال الساعات الأربع وعشرين الماضية");
    let values: Vec<f64> = f.iter().map(|f| f.value).collect();
    assert!(values.contains(&24.0), "{values:?}");
    assert!(!values.contains(&20.0), "{values:?}");
    // Alone, a unit with the article is no figure (the four of them).
    assert!(figures("وصل الأربع إلى المطار").is_empty());
}
