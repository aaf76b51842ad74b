//! Pipeline tests: known visual strings, written out by hand from the
//! algorithm. A visual string is what the terminal is handed, left to right;
//! an Arabic word in it is spelled backwards (its last letter first).

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::sanitize::is_unsafe;
use super::*;

fn opts(width: usize, bidi: BidiMode, shape: bool) -> LayoutOptions {
    LayoutOptions {
        width,
        bidi,
        shape,
        ..LayoutOptions::default()
    }
}

/// Visual lines, unshaped, so the expected strings stay readable.
fn plain(text: &str, width: usize) -> Vec<String> {
    layout(text, &opts(width, BidiMode::App, false))
        .iter()
        .map(VisualLine::to_plain)
        .collect()
}

/// One line, unshaped, without its indent.
fn visual(text: &str) -> String {
    let lines = layout(text, &opts(200, BidiMode::App, false));
    assert_eq!(lines.len(), 1);
    lines[0].cells.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn pure_arabic_is_reversed_and_right_aligned() {
    // قال الرئيس: every letter and the space are at level 1, so the whole
    // line is reversed; 10 columns used of 20, so 10 blank columns first.
    let lines = plain("قال الرئيس", 20);
    assert_eq!(lines, [format!("{}سيئرلا لاق", " ".repeat(10))]);
    let line = &layout("قال الرئيس", &opts(20, BidiMode::App, false))[0];
    assert!(line.rtl);
    assert_eq!(line.indent, 10);
    assert_eq!(line.width(), 20);
}

#[test]
fn latin_and_european_digits_keep_their_order() {
    // طائرة Tu-160 عام 2024: "Tu-160" resolves to L (the digits follow
    // "u", W7) at level 2; 2024 follows Arabic letters, so it is AN (W2) at
    // level 2. Reversing the line and then the level-2 runs gives:
    assert_eq!(visual("طائرة Tu-160 عام 2024"), "2024 ماع Tu-160 ةرئاط");
}

#[test]
fn arabic_indic_digits_stay_left_to_right() {
    // ٢٠٢٤ is AN: level 2 inside the RTL line, so it reads ٢ ٠ ٢ ٤ left to right.
    assert_eq!(visual("عام ٢٠٢٤"), "٢٠٢٤ ماع");
    // ٣٫٥ with the Arabic decimal separator (CS between two ANs, W4).
    assert_eq!(visual("نمو ٣٫٥ بالمئة"), "ةئملاب ٣٫٥ ومن");
}

#[test]
fn percent_sign_sits_on_the_left_of_the_number() {
    // 3.5 becomes AN after Arabic (W2), "." joins it (W4); "%" is then a
    // neutral between AN and R, so it takes level 1 and lands left of 3.5,
    // as every browser shows it.
    assert_eq!(visual("بنسبة 3.5% فقط"), "طقف %3.5 ةبسنب");
}

#[test]
fn url_and_english_quote_read_left_to_right() {
    assert_eq!(
        visual("المصدر https://tass.ru/a-1 أمس"),
        "سمأ https://tass.ru/a-1 ردصملا"
    );
    assert_eq!(visual("قال \"good gifts\" أيضا"), "اضيأ \"good gifts\" لاق");
}

#[test]
fn brackets_are_mirrored_in_rtl_runs() {
    // Reversed, "(" would point the wrong way; mirroring swaps the pair back.
    assert_eq!(visual("قال (نعم) هنا"), "انه (معن) لاق");
    assert_eq!(visual("قال «نعم»"), "«معن» لاق");
    // English inside brackets in an Arabic line: the brackets follow the
    // Arabic context (N0), the word inside reads left to right.
    assert_eq!(visual("قال (Hello) هنا"), "انه (Hello) لاق");
    // Brackets in an LTR line are not touched.
    assert_eq!(visual("he said (yes)"), "he said (yes)");
}

#[test]
fn harakat_stay_after_their_letter() {
    // بِسْمِ reversed grapheme by grapheme: مِ سْ بِ. A character reversal
    // would put each kasra/sukun before its letter.
    let line = &layout("بِسْمِ", &opts(20, BidiMode::App, false))[0];
    let cells: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cells, ["مِ", "سْ", "بِ"]);
    assert!(line.cells.iter().all(|c| c.width == 1));
    assert_eq!(line.indent, 17);
}

#[test]
fn harakat_stay_after_their_shaped_letter() {
    // With shaping: مِ final form + kasra, سْ medial + sukun, بِ initial + kasra.
    let line = &layout("بِسْمِ", &opts(20, BidiMode::App, true))[0];
    let cells: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        cells,
        ["\u{FEE2}\u{0650}", "\u{FEB4}\u{0652}", "\u{FE91}\u{0650}"]
    );
}

#[test]
fn lam_alef_loses_no_letter_and_counts_one_column_each() {
    // unicode-width measures "لا" as one column; we keep two cells of one.
    for shape in [false, true] {
        let line = &layout("إلا لا", &opts(10, BidiMode::App, shape))[0];
        assert_eq!(line.cells.len(), 6, "shape={shape}");
        for c in &line.cells {
            assert_eq!(c.width as usize, cell_width(&c.text));
            assert_eq!(c.width, 1);
        }
        assert_eq!(line.width(), 10);
    }
    // Shaped: alef final, lam initial, hamza-alef isolated; then the second
    // word the same way: ﺎ ﻟ ␠ ﺎ ﻟ ﺇ left to right.
    let line = &layout("إلا لا", &opts(6, BidiMode::App, true))[0];
    assert_eq!(line.to_plain(), "\u{FE8E}\u{FEDF} \u{FE8E}\u{FEDF}\u{FE87}");
}

#[test]
fn wrapped_lines_are_reordered_one_by_one_and_right_aligned() {
    // "قال الرئيس" fills 10 columns; "اليوم" goes to the next line. Each line
    // is reversed on its own (reversing the paragraph first would put
    // "اليوم" on the first row), and the short line is right-aligned.
    assert_eq!(
        plain("قال الرئيس اليوم", 10),
        ["سيئرلا لاق".to_string(), format!("{}مويلا", " ".repeat(5))]
    );
}

#[test]
fn shaping_does_not_join_across_a_wrap() {
    // "بب بب" at width 2: each line is "بب" shaped alone: initial + final,
    // reversed: final (ﺐ) then initial (ﺑ).
    let lines = layout("بب بب", &opts(2, BidiMode::App, true));
    assert_eq!(lines.len(), 2);
    for l in &lines {
        assert_eq!(l.to_plain(), "\u{FE90}\u{FE91}");
    }
}

#[test]
fn terminal_and_off_modes_keep_logical_order() {
    let text = "طائرة Tu-160 (عام ٢٠٢٤)";
    for mode in [BidiMode::Terminal, BidiMode::Off] {
        let line = &layout(text, &opts(80, mode, true))[0];
        assert_eq!(line.to_plain(), text, "{mode:?}: logical order, unshaped");
        assert_eq!(line.indent, 0);
        assert!(line.rtl);
    }
}

#[test]
fn cells_map_back_to_source_bytes() {
    let text = "قال Tu-160";
    let line = &layout(text, &opts(20, BidiMode::App, true))[0];
    for c in &line.cells {
        let g = &text[c.src.clone()];
        assert_eq!(g.graphemes(true).count(), 1, "{g:?}");
    }
    // The match "Tu" lights exactly the two cells showing T and u.
    let hits: Vec<usize> = cells_in(line, 7..9).collect();
    let shown: Vec<&str> = hits.iter().map(|&i| line.cells[i].text.as_str()).collect();
    assert_eq!(shown, ["T", "u"]);
    // A match in the Arabic word: "ال" lights the cells for ا and ل, which
    // sit right to left on screen.
    let hits: Vec<usize> = cells_in(line, 2..6).collect();
    assert_eq!(hits.len(), 2);
    assert!(hits[0] > 0 && hits[1] == hits[0] + 1);
}

#[test]
fn several_paragraphs_offset_their_sources() {
    let text = "abc\r\nقال";
    let lines = layout(text, &opts(10, BidiMode::App, false));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].to_plain(), "abc", "the CR before LF is not shown");
    assert_eq!(lines[1].src_span(), Some(5..text.len()));
}

/// Every character of every cell in `lines`, as one string.
fn all_cells(lines: &[VisualLine]) -> String {
    lines
        .iter()
        .flat_map(|l| l.cells.iter().map(|c| c.text.as_str()))
        .collect()
}

#[test]
fn osc52_csi_and_rlo_never_reach_a_cell() {
    // An OSC 52 clipboard write, an 8-bit CSI and a right-to-left override
    // hidden in an article.
    let text = "قال \u{1b}]52;c;SGVsbG8=\u{7} ثم \u{9b}2J و\u{202E}cba";
    for mode in [BidiMode::App, BidiMode::Terminal, BidiMode::Off] {
        for shape in [true, false] {
            let lines = layout(text, &opts(12, mode, shape));
            let drawn = all_cells(&lines);
            for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}'] {
                assert!(!drawn.contains(bad), "{bad:?} drawn in {mode:?}");
            }
            assert!(!drawn.chars().any(is_unsafe));
            assert!(drawn.contains('␛') && drawn.contains('␇'));
            assert!(drawn.contains("⟪9B⟫") && drawn.contains("⟪RLO⟫"));
            let one = single_line(text, &opts(200, mode, shape));
            assert!(!one.to_plain().chars().any(is_unsafe));
        }
    }
}

#[test]
fn an_override_is_shown_not_obeyed() {
    // Trojan Source: the RLO would show "abc" as "cba". Here it is a token
    // and the letters keep their order.
    assert_eq!(visual("x\u{202E}abc"), "x⟪RLO⟫abc");
    // Inside Arabic the token is one neutral unit: it reads ⟪RLO⟫, not ⟫OLR⟪.
    assert_eq!(visual("قال\u{202E}هنا"), "انه⟪RLO⟫لاق");
}

/// Reads a line's cells right to left and unfolds presentation forms.
fn read_rtl(line: &VisualLine) -> String {
    let cells: String = line.cells.iter().rev().map(|c| c.text.as_str()).collect();
    cells.nfkc().collect()
}

#[test]
fn reading_cells_right_to_left_gives_the_sentence() {
    // Letters, harakat, lam-alef, the Arabic comma and a full stop.
    let sentence = "وأضافَ أنّ الهدايا، لا تُعدّ ولا تحصى.";
    assert_eq!(sentence.nfkc().collect::<String>(), sentence);
    let line = &layout(sentence, &opts(80, BidiMode::App, true))[0];
    assert!(
        line.cells
            .iter()
            .any(|c| c.text.chars().any(|ch| ch >= '\u{FE70}'))
    );
    assert_eq!(read_rtl(line), sentence);
    // Wrapped: each row read right to left, rows joined with spaces.
    let rows = layout(sentence, &opts(12, BidiMode::App, true));
    assert!(rows.len() > 2);
    let back: Vec<String> = rows.iter().map(read_rtl).collect();
    assert_eq!(back.join(" "), sentence);
}

#[test]
fn single_line_cuts_at_the_logical_end() {
    // Arabic: the start of the sentence (right) stays, "…" goes left.
    let line = single_line("قال الرئيس اليوم", &opts(8, BidiMode::App, false));
    assert_eq!(line.to_plain(), "…رلا لاق");
    assert_eq!(line.width(), 8);
    assert_eq!(line.cells[0].src, "قال الر".len().."قال الرئيس اليوم".len());
    // English: the end is cut on the right.
    let line = single_line("hello world\nagain", &opts(8, BidiMode::App, true));
    assert_eq!(line.to_plain(), "hello w…");
    // Fits: no ellipsis; a newline is a space.
    let line = single_line("a\nb", &opts(8, BidiMode::App, true));
    assert_eq!(line.to_plain(), "a b");
}

#[test]
fn single_line_right_aligns_rtl() {
    let line = single_line("قال", &opts(8, BidiMode::App, false));
    assert_eq!(line.to_plain(), "     لاق");
    let line = single_line("قال", &opts(8, BidiMode::Terminal, false));
    assert_eq!(line.to_plain(), "قال");
}

#[test]
fn tokens_wider_than_the_line_are_cut() {
    let lines = layout("\u{202E}", &opts(3, BidiMode::App, true));
    assert!(lines.iter().all(|l| l.width() <= 3));
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// Text made of the pieces that matter here.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "ق", "ا", "ل", "ب", "ِ", "ّ", "لا", " ", "  ", "Tu", "-", "160", "٢٠", "٫", "%", "(", ")",
            "«", "»", "\u{1b}", "\u{9b}", "\u{202E}", "\u{2067}", "\u{200F}", "\t", "\n", "\r",
            "\u{7}", "\u{200B}", "\u{FEFF}", "中", "é", "e\u{301}", "👍🏽", ".", "،", "\u{200D}",
            "ｶﾞ",
        ])
    }

    proptest! {
        #[test]
        fn layout_is_safe_and_fits(
            parts in prop::collection::vec(piece(), 0..40),
            width in 6usize..30,
            mode in prop::sample::select(vec![BidiMode::App, BidiMode::Terminal, BidiMode::Off]),
            shape in any::<bool>(),
        ) {
            let text: String = parts.concat();
            let o = opts(width, mode, shape);
            let mut lines = layout(&text, &o);
            lines.push(single_line(&text, &o));
            for line in &lines {
                prop_assert!(line.width() <= width);
                for c in &line.cells {
                    prop_assert!(!c.text.chars().any(is_unsafe), "{:?}", c.text);
                    prop_assert_eq!(c.text.graphemes(true).count(), 1, "{:?}", c.text);
                    prop_assert!(c.width == 1 || c.width == 2);
                    prop_assert_eq!(cell_width(&c.text), c.width as usize,
                        "{:?}", c.text);
                    prop_assert!(c.src.start <= c.src.end && c.src.end <= text.len());
                    prop_assert!(text.is_char_boundary(c.src.start));
                }
            }
        }

        #[test]
        fn every_visible_grapheme_is_drawn_once(
            parts in prop::collection::vec(prop::sample::select(vec![
                "ق", "ا", "ل", "ب", "ِ", "لا", " ", "Tu", "-", "160", "٢٠", "%", "(", ")",
                "«", "»", "\u{1b}", "\u{202E}", "\t", "中", ".", "،",
            ]), 0..40),
            width in 6usize..30,
            mode in prop::sample::select(vec![BidiMode::App, BidiMode::Terminal, BidiMode::Off]),
        ) {
            let text: String = parts.concat();
            let lines = layout(&text, &opts(width, mode, true));
            let mut shown: Vec<usize> = lines
                .iter()
                .flat_map(|l| {
                    let mut starts: Vec<usize> = l.cells.iter().map(|c| c.src.start).collect();
                    starts.dedup(); // the cells of one token share their source
                    starts
                })
                .collect();
            shown.sort_unstable();
            let expected: Vec<usize> = text
                .grapheme_indices(true)
                .filter(|(_, g)| !matches!(*g, " " | "\t"))
                .map(|(i, _)| i)
                .collect();
            // Blanks at a line break are not drawn; blanks inside a line are.
            let blanks: Vec<usize> = text
                .grapheme_indices(true)
                .filter(|(_, g)| matches!(*g, " " | "\t"))
                .map(|(i, _)| i)
                .collect();
            shown.retain(|i| !blanks.contains(i));
            prop_assert_eq!(shown, expected);
        }

        #[test]
        fn no_letter_is_lost(word in "[ابتثجحخدذرزسشصضطظعغفقكلمنهوي]{1,30}", shape in any::<bool>()) {
            let line = single_line(&word, &opts(40, BidiMode::App, shape));
            prop_assert_eq!(line.cells.len(), word.chars().count());
            let back: String = line.cells.iter().rev().map(|c| c.text.as_str()).collect();
            prop_assert_eq!(back.nfkc().collect::<String>(), word);
        }
    }
}
