//! Properties of sentence segmentation on arbitrary text: no panics, ranges
//! in order, inside the requested range, on char boundaries and trimmed.

use claimdesk::text::segment::sentences;
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("قال".to_string()),
        Just("د.".to_string()),
        Just("3.5".to_string()),
        Just("تي.يو-160".to_string()),
        Just("https://a.example/b?c.".to_string()),
        Just("U.S.".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just(". ".to_string()),
        Just("؟ ".to_string()),
        Just("… ".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("\u{FEFF}".to_string()),
        "[a-zA-Z]{1,5}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ranges_are_ordered_trimmed_and_inside(s in text(), a in 0usize..200, b in 0usize..200) {
        let (lo, hi) = (a.min(b), a.max(b));
        let segs = sentences(&s, lo..hi);
        let mut prev_end = 0;
        let mut prev_par = 0;
        for seg in &segs {
            let r = seg.range.clone();
            prop_assert!(r.start < r.end);
            prop_assert!(r.start >= prev_end && r.start >= lo.min(s.len()) && r.end <= hi.min(s.len()));
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            let t = &s[r.clone()];
            prop_assert_eq!(t.trim(), t);
            prop_assert!(!t.contains('\n'));
            prop_assert!(seg.paragraph >= prev_par);
            prev_end = r.end;
            prev_par = seg.paragraph;
        }
    }

    #[test]
    fn text_between_sentences_is_blank(s in text()) {
        let segs = sentences(&s, 0..s.len());
        let mut pos = 0;
        for seg in &segs {
            let gap = &s[pos..seg.range.start];
            prop_assert!(gap.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}' || ('\u{200B}'..='\u{200F}').contains(&c) || c == '\u{61C}'), "gap {:?}", gap);
            pos = seg.range.end;
        }
    }
}
