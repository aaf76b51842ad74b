//! The dated index: two outlets telling one story on the same day often
//! share only words that many other claims carry too. Sentences written for
//! these tests; the filler claims are made up letter by letter.

use claimdesk::link::{BOILERPLATE_COPIES, LinkItem, Links, link_with_cache};

use crate::support::link::nonce;

/// Twelve words that 150 filler claims carry each: too common for the
/// rare-term index (more than 100 claims), not for the dated one.
const COMMON: [&str; 12] = [
    "البرلمان",
    "الحكومة",
    "المعارضة",
    "الانتخابات",
    "العاصمة",
    "الاحتجاجات",
    "الشرطة",
    "الميدان",
    "الدستور",
    "الجلسة",
    "النواب",
    "التصويت",
];

/// How many filler claims: enough that a word carried by 150 of them
/// still weighs much (as a word carried by a thousand claims does on a
/// large desk), one article each, dated far from day 0.
const FILLERS: usize = 3000;

/// The filler claims: each common word in 150 of them, and four words of
/// their own each.
fn filler() -> Vec<(String, Option<i64>)> {
    (0..FILLERS)
        .map(|i| {
            let mut words: Vec<String> = COMMON
                .iter()
                .enumerate()
                .filter(|(k, _)| (i + k * 7) % 20 == 0)
                .map(|(_, w)| w.to_string())
                .collect();
            words.extend((0..4).map(|k| nonce(i, k)));
            (words.join(" "), Some(1000 + 10 * i as i64))
        })
        .collect()
}

/// Two tellings of one story that share only common words (each has one
/// verb of its own; the rest are function words).
const FIRST: &str = "صادق البرلمان في الجلسة على الدستور مع النواب قبل الانتخابات والتصويت في العاصمة من الحكومة والمعارضة مع الشرطة في الميدان بعد الاحتجاجات";
const SECOND: &str = "من الميدان في العاصمة بعد الاحتجاجات مع الشرطة أقر البرلمان الدستور في الجلسة مع النواب والحكومة والمعارضة قبل التصويت والانتخابات";

fn link(claims: &[(String, Option<i64>)]) -> Links {
    let items: Vec<LinkItem> = claims
        .iter()
        .enumerate()
        .map(|(article, (text, _))| LinkItem {
            article,
            outlet: None,
            text: text.as_str(),
        })
        .collect();
    let days: Vec<Option<i64>> = claims.iter().map(|(_, d)| *d).collect();
    link_with_cache(&items, &days, None).0
}

fn with_pair(first_day: Option<i64>, second_day: Option<i64>) -> Links {
    let mut claims = filler();
    claims.push((FIRST.to_string(), first_day));
    claims.push((SECOND.to_string(), second_day));
    link(&claims)
}

const PAIR: usize = FILLERS;

#[test]
fn a_paraphrase_of_common_words_is_linked_when_told_a_day_apart() {
    let links = with_pair(Some(0), Some(1));
    let related = links.related(PAIR);
    assert!(
        related.iter().any(|r| r.other == PAIR + 1),
        "the two tellings are linked: {related:?}"
    );
}

#[test]
fn the_same_pair_weeks_apart_or_undated_is_not_looked_for() {
    for (a, b) in [(Some(0), Some(30)), (None, None), (Some(0), None)] {
        let links = with_pair(a, b);
        assert!(
            links.related(PAIR).iter().all(|r| r.other != PAIR + 1),
            "days {a:?} / {b:?}: only the rare-term index looks, and they share no rare term"
        );
    }
}

#[test]
fn boilerplate_under_many_articles_is_not_linked_through_the_dated_index() {
    let mut claims = filler();
    // More copies than the rare-term index takes, so only the dated index
    // could link them.
    let copies = 120;
    assert!(copies >= BOILERPLATE_COPIES as usize);
    for _ in 0..copies {
        claims.push((FIRST.to_string(), Some(0)));
    }
    claims.push((SECOND.to_string(), Some(0)));
    let links = link(&claims);
    for i in PAIR..PAIR + copies + 1 {
        assert!(
            links.related(i).is_empty(),
            "claim {i}: {:?}",
            links.related(i)
        );
    }
}

/// One story told within a day, one telling carrying facts the other does
/// not: suggested (similar), never the same claim; weeks apart, nothing.
#[test]
fn one_story_told_within_a_day_with_extra_facts_is_suggested() {
    // The common words, each side with words of its own: the longer one
    // many more (its extra facts), so the similarity stays under 0.45
    // while most of the shorter one is shared.
    let own = |from: usize, count: usize| -> Vec<String> {
        (0..count).map(|k| nonce(100_000 + from, k)).collect()
    };
    let short = [COMMON.map(String::from).to_vec(), own(0, 2)]
        .concat()
        .join(" ");
    let long = [COMMON.map(String::from).to_vec(), own(10, 20)]
        .concat()
        .join(" ");
    for (second_day, linked) in [(Some(1), true), (Some(40), false)] {
        let mut claims = filler();
        claims.push((short.clone(), Some(0)));
        claims.push((long.clone(), second_day));
        let links = link(&claims);
        let related = links.related(PAIR);
        match linked {
            true => {
                assert_eq!(related.len(), 1, "{related:?}");
                assert_eq!(related[0].level, claimdesk::link::Level::Similar);
                assert!(related[0].similarity < 0.45, "{related:?}");
            }
            false => assert!(related.is_empty(), "{related:?}"),
        }
    }
}
