//! Properties of Arabic normalisation: the map is monotonic and lands on
//! char boundaries, normalising is idempotent, and both entry points agree.

use claimdesk::text::normalize::{normalize, normalize_str};
use proptest::prelude::*;

/// Characters that exercise every folding step, plus ASCII and anything else.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::char::range('a', 'z'),
        2 => Just(' '),
        1 => Just('\n'),
        1 => Just('.'),
        4 => proptest::char::range('\u{621}', '\u{64A}'),
        3 => proptest::char::range('\u{64B}', '\u{6FF}'),
        2 => proptest::char::range('\u{FB50}', '\u{FDFF}'),
        2 => proptest::char::range('\u{FE70}', '\u{FEFF}'),
        1 => proptest::char::range('\u{FB00}', '\u{FB4F}'),
        1 => proptest::char::range('\u{FF00}', '\u{FFEF}'),
        1 => proptest::char::range('\u{2000}', '\u{206F}'),
        1 => Just('\u{A0}'),
        1 => Just('\u{AD}'),
        1 => any::<char>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(interesting_char(), 0..60).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn map_is_monotonic_and_on_char_boundaries(s in text()) {
        let norm = normalize(&s);
        let mut prev = 0..0;
        for i in 0..norm.text.len() {
            let r = norm.source_of(i).expect("every byte is mapped");
            prop_assert!(r.start < r.end, "empty range at {i}");
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            prop_assert!(r.end <= s.len());
            prop_assert!(r.start >= prev.start && r.end >= prev.end, "not monotonic at {i}");
            prev = r;
        }
        prop_assert!(norm.source_of(norm.text.len()).is_none());
    }

    #[test]
    fn every_char_range_of_the_output_maps_to_a_slice(s in text()) {
        let norm = normalize(&s);
        let starts: Vec<usize> = norm.text.char_indices().map(|(i, _)| i).collect();
        for (a, &i) in starts.iter().enumerate() {
            for &j in starts[a + 1..].iter().chain(std::iter::once(&norm.text.len())).take(4) {
                let r = norm.source_range(i..j);
                prop_assert!(s.get(r.clone()).is_some(), "{r:?} is not a slice of the source");
            }
        }
    }

    #[test]
    fn mapped_source_slices_normalise_back_to_the_same_text(s in text()) {
        let norm = normalize(&s);
        // Unit boundaries: where the source character behind a byte changes.
        let mut bounds = vec![0];
        for i in 1..norm.text.len() {
            if norm.source_of(i) != norm.source_of(i - 1) {
                bounds.push(i);
            }
        }
        bounds.push(norm.text.len());
        for (a, &i) in bounds.iter().enumerate() {
            for &j in bounds[a + 1..].iter().take(5) {
                let src = &s[norm.source_range(i..j)];
                prop_assert_eq!(normalize_str(src), &norm.text[i..j]);
            }
        }
    }

    #[test]
    fn normalising_twice_equals_once(s in text()) {
        let once = normalize_str(&s);
        prop_assert_eq!(normalize_str(&once), once);
    }

    #[test]
    fn both_entry_points_agree(s in text()) {
        prop_assert_eq!(normalize(&s).text, normalize_str(&s));
    }

    #[test]
    fn ascii_is_unchanged(s in "[ -~\n\t]{0,80}") {
        prop_assert_eq!(normalize_str(&s), s);
    }
}
