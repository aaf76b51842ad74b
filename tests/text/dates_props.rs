//! Properties of date finding on arbitrary text: no panics, ranges in order
//! on char boundaries, and every date returned exists.

use claimdesk::text::dates::{Date, find_dates};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..40).prop_map(|n| n.to_string()),
        (1790i32..2210).prop_map(|n| n.to_string()),
        Just("١٦".to_string()),
        Just("سبتمبر".to_string()),
        Just("أيلول".to_string()),
        Just("كانون".to_string()),
        Just("الثاني".to_string()),
        Just("جانفي".to_string()),
        Just("فبراير".to_string()),
        Just("September".to_string()),
        Just("Sept.".to_string()),
        Just("السبت".to_string()),
        Just("/".to_string()),
        Just("-".to_string()),
        Just(",".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn found_dates_are_valid_and_ranges_sound(v in proptest::collection::vec(piece(), 0..30)) {
        let s = v.concat();
        let mut prev_end = 0;
        for (r, date) in find_dates(&s) {
            prop_assert!(date.is_valid());
            prop_assert!(r.start >= prev_end && r.start < r.end && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            prev_end = r.end;
        }
    }

    #[test]
    fn any_valid_date_written_out_is_found(y in 1800i32..2200, m in 1u32..13, d in 1u32..32, family in 0usize..4) {
        let date = Date { year: y, month: m, day: d };
        prop_assume!(date.is_valid());
        let months = match family {
            0 => ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            1 => ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"],
            2 => ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            _ => ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        };
        let text = format!("نص {d} {} {y} نص", months[m as usize - 1]);
        let found: Vec<Date> = find_dates(&text).into_iter().map(|(_, x)| x).collect();
        prop_assert_eq!(found, vec![date]);
    }
}
