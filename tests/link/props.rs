//! Linking is symmetric and deterministic, whatever the input.

use claimdesk::link::{LinkItem, link_claims};
use proptest::prelude::*;

/// Words of a small made-up vocabulary, so random sentences share terms.
const WORDS: &[&str] = &[
    "الوزير",
    "وزارة",
    "المنح",
    "الطلاب",
    "اتفاقية",
    "النقل",
    "الطاقة",
    "الصندوق",
    "العاصمة",
    "الرئيس",
    "الملك",
    "وقع",
    "أعلن",
    "زيارة",
    "الحدود",
    "8,000",
    "٧٥٠٠",
    "ثمانية",
    "آلاف",
    "نحو",
    "ربع",
    "قرن",
    "24",
    "عاماً",
    "في",
    "من",
    "و",
    "fund",
    "minister",
    "signed",
    "agreement",
    "about",
    "million",
    "the",
    "%",
    "3.5",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(0..WORDS.len(), 3..16).prop_map(|ix| {
        ix.into_iter()
            .map(|i| WORDS[i])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn links_are_symmetric_and_deterministic(
        items in prop::collection::vec((0usize..5, sentence()), 0..40)
    ) {
        let li: Vec<LinkItem> = items.iter().map(|(a, t)| LinkItem { article: *a, outlet: None, text: t }).collect();
        let first = link_claims(&li);
        let second = link_claims(&li);
        for i in 0..li.len() {
            prop_assert_eq!(first.related(i), second.related(i));
            for r in first.related(i) {
                prop_assert_ne!(li[i].article, li[r.other].article);
                prop_assert!((0.0..=1.0).contains(&r.similarity));
                let back = first.related(r.other).iter().find(|b| b.other == i);
                prop_assert!(back.is_some(), "{} -> {} has no way back", i, r.other);
                let back = back.unwrap();
                prop_assert_eq!(back.level, r.level);
                prop_assert_eq!(back.similarity, r.similarity);
                let mirrored: Vec<_> = r.drift.iter().map(|d| d.mirrored()).collect();
                prop_assert_eq!(&back.drift, &mirrored);
            }
        }
    }
}
