//! Sentence segmentation for news text.
//!
//! The rules, in order:
//!
//! - **Paragraphs** are lines: the text is split on `\n` first, so headlines,
//!   section headers and datelines (which have no full stop) stand alone.
//!   Blank lines separate nothing more than a newline does. Paragraphs are
//!   numbered 0, 1, 2 … in order, skipping blank lines.
//! - **Sentence ends** are `.` `!` `?` `؟` `…` (and runs of them, `?!`,
//!   `...`), together with any closing quotes or brackets that follow
//!   (`»` `"` `”` `’` `'` `)` `]`), when what follows is white space or the
//!   end of the paragraph. So `3.5`, `٣.٥`, `U.S`, `تي.يو-160`, `Tu-160`
//!   and `example.com/a?b` never split, and neither does `انتهى.وقال`
//!   (a missing space is read as no sentence end). `،` never ends a sentence.
//! - **Abbreviations**: a `.` does not end a sentence after `إلخ`, after
//!   single letters joined by dots (Arabic `د` `أ` `م` `هـ` `أ.د` `ق.م` `ص.ب`
//!   `ذ.م.م`; English initials `F` `U.S` `U.A.E` `e.g` `a.m`, but not a lone
//!   lower-case letter), or after `Mr` `Mrs` `Ms` `Dr` `Prof` `St` `Jr` `Sr`
//!   `Gen` `Col` `Lt` `Sgt` `Capt` `Gov` `Sen` `Rep` `Rev` `Mt` `Ft` `vs`
//!   `etc` `al` `No` `Nos` `Inc` `Ltd` `Co` `Corp` `approx` `Fig` `Ph.D` and
//!   short month names. Exception: `م.` and `هـ.` right after a number
//!   (`عام 1999 م.`) are era markers and do end a sentence.
//! - **Ellipses** (`…`, `...`) never end a sentence inside a paragraph,
//!   except when an English capital letter follows. Two dots glued to a word
//!   (`فقط.. الأبواب`) are a full stop, as many Arabic outlets use them; with a
//!   space before (`إيران .. تعرف`) they separate parts of a headline. In a
//!   headline (a line that does not end with an end mark) they never split:
//!   `تحطم قطار.. ونجاة ركابه` is one headline, so one claim.
//! - A stray end mark with no letter or digit before it in the sentence (a
//!   `.` at the start of a line in scraped text) does not end a sentence.
//! - **URLs** (`http://`, `https://`, `www.`) are skipped up to the next
//!   white space; a full stop after a URL still ends the sentence.
//! - **Quotations**: inside a quotation that closes in the same paragraph
//!   (`«…»`, `“…”`, or a pair of `"`), end marks do not split. A quote that
//!   holds a full stop and goes on (`«… عابر. لقد فتحنا …» قبل أن`) stays in
//!   one sentence with the words around it. A quote that ends with an end mark
//!   right before its closing quote (`«انتهى.»` then more text) ends the
//!   sentence after the closing quote. An unclosed quote protects nothing; a
//!   straight `"` with a space after it opens nothing, so a stray closing
//!   quote does not pair with the next quotation.
//! - Marks or quotes left alone at the end of a line (`… الإسرائيلي. "`) join
//!   the sentence before them.
//!
//! Every range is trimmed of white space and invisible marks (BOM, LRM, RLM).

use std::ops::Range;

use scan::{next_candidate, quote_spans};

mod scan;

/// A sentence: a byte range of the text and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the text, trimmed of surrounding white space.
    pub range: Range<usize>,
    /// 0-based paragraph number (paragraphs are split on newlines; blank
    /// lines are not counted).
    pub paragraph: u32,
    /// True when this sentence is the whole paragraph and has no sentence-final
    /// punctuation (headlines, section headers, datelines, list items).
    pub bare_line: bool,
}

/// Splits `text[within]` into sentences. Ranges are absolute (into `text`).
/// `within` is clamped to the text and to char boundaries.
pub fn sentences(text: &str, within: Range<usize>) -> Vec<Segment> {
    let mut start = within.start.min(text.len());
    let mut end = within.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = Vec::new();
    let mut paragraph = 0u32;
    let mut pos = start;
    for line in text[start..end.max(start)].split('\n') {
        let base = pos;
        pos += line.len() + 1;
        let before = out.len();
        split_paragraph(line, base, paragraph, &mut out);
        if out.len() > before {
            paragraph += 1;
        }
    }
    out
}

/// Splits one paragraph (a line, no `\n`) at absolute offset `base`.
fn split_paragraph(line: &str, base: usize, paragraph: u32, out: &mut Vec<Segment>) {
    let first = out.len();
    let quotes = quote_spans(line);
    // A line with no end mark but `..` is a headline: `..` joins its parts.
    let headline = !line
        .trim_end_matches(is_trimmed)
        .trim_end_matches(is_closer)
        .ends_with(is_terminator)
        && !has_end_mark_besides_two_dots(line);
    let mut sent_start = 0;
    // Whether the sentence so far holds a letter or digit.
    let mut has_content = false;
    let mut i = 0;
    while i < line.len() {
        if has_content {
            // Nothing but an end mark or a URL changes anything now.
            i = next_candidate(line.as_bytes(), i);
            if i == line.len() {
                break;
            }
        }
        let c = char_at(line, i);
        if (c == 'h' || c == 'w') && starts_url(&line[i..]) {
            has_content = true;
            // Skip the URL, but leave its trailing end marks to the sentence.
            let url_end = line[i..]
                .find(char::is_whitespace)
                .map_or(line.len(), |e| i + e);
            let kept = line[i..url_end].trim_end_matches(is_terminator).len();
            i += kept.max(1);
            continue;
        }
        if !is_terminator(c) {
            has_content = has_content || super::is_word_char(c);
            i += c.len_utf8();
            continue;
        }
        // The run of end marks and closers starting here.
        let mut j = i;
        let mut dots = 0;
        let mut ellipsis = false;
        let mut strong = false;
        while j < line.len() {
            let d = char_at(line, j);
            match d {
                '.' => dots += 1,
                '…' => ellipsis = true,
                '!' | '?' | '؟' => strong = true,
                _ if is_closer(d) => {}
                _ => break,
            }
            j += d.len_utf8();
        }
        let run_end = j;
        let at_end = line[run_end..].trim().is_empty();
        let next = line[run_end..].chars().next();
        let glued = i > 0 && !line[..i].ends_with(char::is_whitespace);
        let ends = if at_end {
            true
        } else if !has_content || !next.is_some_and(is_space) || inside_quote(&quotes, i, run_end) {
            false
        } else if dots == 2 && !ellipsis && !strong {
            // `..` glued to a word is a full stop in Arabic news; ` .. ` is a
            // separator, and so is `..` in a headline.
            glued && !headline
        } else if (ellipsis || dots > 1) && !strong {
            next_word_is_capital(&line[run_end..])
        } else if dots == 1 && !strong && c == '.' {
            !is_abbreviation(&line[..i])
        } else {
            true
        };
        if ends {
            push_trimmed(line, sent_start..run_end, base, paragraph, out);
            sent_start = run_end;
            has_content = false;
        }
        i = run_end;
    }
    let rest = line[sent_start..].trim_end_matches(is_trimmed);
    if !has_content && out.len() > first && !rest.trim_start_matches(is_trimmed).is_empty() {
        // Only marks or quotes are left (`… الإسرائيلي. "`): they end the last sentence.
        let last = out.last_mut().expect("checked above");
        last.range.end = base + sent_start + rest.len();
    } else {
        push_trimmed(line, sent_start..line.len(), base, paragraph, out);
    }
    if out.len() == first + 1 {
        let s = &mut out[first];
        let t = line[s.range.start - base..s.range.end - base].trim_end_matches(is_closer);
        s.bare_line = !t.ends_with(is_terminator);
    }
}

/// True when `line` holds an end mark before white space that is not a `..`.
fn has_end_mark_besides_two_dots(line: &str) -> bool {
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_terminator(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut run = String::from(c);
        while let Some(&(j, d)) = chars.peek() {
            if !is_terminator(d) {
                break;
            }
            run.push(d);
            end = j + d.len_utf8();
            chars.next();
        }
        let before_space = line[end..].chars().next().is_none_or(is_space);
        if before_space && run != ".." {
            return true;
        }
    }
    false
}

/// Adds `line[r]` trimmed, if anything is left.
fn push_trimmed(line: &str, r: Range<usize>, base: usize, paragraph: u32, out: &mut Vec<Segment>) {
    let s = &line[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_trimmed).len();
    let body = s.trim_matches(is_trimmed);
    if body.is_empty() {
        return;
    }
    let start = base + r.start + lead;
    out.push(Segment {
        range: start..start + body.len(),
        paragraph,
        bare_line: false,
    });
}

fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().expect("index on a char boundary")
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '’' | '\'' | ')' | ']')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{061C}')
}

fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn starts_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

/// True when the end-mark run `at..run_end` sits inside a quotation and the
/// quotation does not close within the run.
fn inside_quote(spans: &[(usize, usize)], at: usize, run_end: usize) -> bool {
    spans
        .iter()
        .any(|&(open, close)| open < at && close > at && close >= run_end)
}

/// True when the text after an ellipsis starts with an English capital.
fn next_word_is_capital(rest: &str) -> bool {
    rest.trim_start()
        .trim_start_matches(['"', '“', '«', '(', '\''])
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// English abbreviations that do not end a sentence (compared case-sensitively,
/// without the final full stop). Initialisms (`U.S`, `e.g`, `a.m`) need no entry.
const ENGLISH_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov",
    "Sen", "Rep", "Rev", "Mt", "Ft", "vs", "etc", "al", "No", "Nos", "Inc", "Ltd", "Co", "Corp",
    "approx", "Fig", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Ph.D",
];

/// Arabic abbreviations of more than one letter, normalised, without the
/// final full stop. Dotted single letters (`ق.م`, `ص.ب`, `ذ.م.م`) need no entry.
const ARABIC_ABBREVIATIONS: &[&str] = &["الخ"];

/// True when the text before a full stop ends in an abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '«' | '"' | '“' | '['))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    if ENGLISH_ABBREVIATIONS.contains(&token) {
        return true;
    }
    let norm = crate::text::normalize::normalize_str(token);
    let era = norm == "م" || norm == "ه";
    if era && previous_token_is_number(&before[..token_start]) {
        return false;
    }
    // Single letters joined by dots: "F", "U.S", "a.m", "د", "أ.د", "ص.ب", "ذ.م.م".
    let initials = norm.split('.').all(|part| {
        let mut cs = part.chars();
        let one = cs
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || ('\u{621}'..='\u{64A}').contains(&c));
        one && cs.next().is_none()
    });
    // A lone lower-case English letter is a word ("plan b."), not an initial.
    let lone_lower = !norm.contains('.') && norm.starts_with(|c: char| c.is_ascii_lowercase());
    (initials && !lone_lower) || ARABIC_ABBREVIATIONS.contains(&norm.as_str())
}

/// True when the last word of `before` is a number (in any digits).
fn previous_token_is_number(before: &str) -> bool {
    let t = before.trim_end();
    let word = &t[t.rfind(char::is_whitespace).map_or(0, |p| p + 1)..];
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_numeric() || matches!(c, ',' | '٬'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn splits_on_end_marks() {
        assert_eq!(
            split("وصل الرئيس. وقال إن القمة ناجحة! هل تنجح؟ Yes? No."),
            vec![
                "وصل الرئيس.",
                "وقال إن القمة ناجحة!",
                "هل تنجح؟",
                "Yes?",
                "No."
            ]
        );
    }

    #[test]
    fn two_dots_join_the_parts_of_a_headline() {
        // A headline (no final end mark): one sentence, so one claim.
        assert_eq!(
            split("سقوط طائرة شحن قرب المطار.. ونجاة طاقمها"),
            vec!["سقوط طائرة شحن قرب المطار.. ونجاة طاقمها"]
        );
        // In body text that ends with a full stop, glued `..` still ends a sentence.
        assert_eq!(
            split("وصلت الطائرة متأخرة.. ثم أقلعت بعد ساعة."),
            vec!["وصلت الطائرة متأخرة..", "ثم أقلعت بعد ساعة."]
        );
        let t = "أ.. ب\nج.";
        let segs = sentences(t, 0..t.len());
        assert!(segs[0].bare_line, "the headline is still a bare line");
    }

    #[test]
    fn never_splits_on_arabic_comma() {
        assert_eq!(
            split("قال، ثم أضاف، ثم غادر."),
            vec!["قال، ثم أضاف، ثم غادر."]
        );
    }

    #[test]
    fn keeps_decimals_whole() {
        assert_eq!(
            split("نما بنسبة 3.5% العام الماضي. ثم ٣.٥ مرة."),
            vec!["نما بنسبة 3.5% العام الماضي.", "ثم ٣.٥ مرة."]
        );
        assert_eq!(
            split("بلغ ٣٫٥ مليار. انتهى."),
            vec!["بلغ ٣٫٥ مليار.", "انتهى."]
        );
    }

    #[test]
    fn keeps_arabic_abbreviations() {
        assert_eq!(
            split("وقال د. ليلى الشامي إن الأمر جلل. ثم غادرت."),
            vec!["وقال د. ليلى الشامي إن الأمر جلل.", "ثم غادرت."]
        );
        assert_eq!(
            split("تحدث أ.د. سامر و م. عادل عن ص.ب. 12 في عام 300 ق.م. وغيرها."),
            vec!["تحدث أ.د. سامر و م. عادل عن ص.ب. 12 في عام 300 ق.م. وغيرها."]
        );
        assert_eq!(
            split("الطاقة والمياه إلخ. والنقل."),
            vec!["الطاقة والمياه إلخ. والنقل."]
        );
    }

    #[test]
    fn era_marker_after_a_number_ends_the_sentence() {
        assert_eq!(
            split("كانت في عام 1999 م. ثم انقطعت."),
            vec!["كانت في عام 1999 م.", "ثم انقطعت."]
        );
        assert_eq!(split("عام 1445 هـ. وبعده."), vec!["عام 1445 هـ.", "وبعده."]);
    }

    #[test]
    fn keeps_english_abbreviations_and_initials() {
        assert_eq!(
            split("Mr. al-Saadi met Dr. Layla in the U.S. and John F. Kennedy. Then he left."),
            vec![
                "Mr. al-Saadi met Dr. Layla in the U.S. and John F. Kennedy.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn dotted_initials_of_any_length_are_abbreviations() {
        assert_eq!(
            split("شركة ذ.م.م. في دبي و ش.م.ل. في بيروت. انتهى."),
            vec!["شركة ذ.م.م. في دبي و ش.م.ل. في بيروت.", "انتهى."]
        );
        assert_eq!(
            split("At 9 a.m. the U.A.E. team met Ph.D. students et al. here. Done."),
            vec![
                "At 9 a.m. the U.A.E. team met Ph.D. students et al. here.",
                "Done."
            ]
        );
        assert_eq!(
            split("We need plan b. Then go."),
            vec!["We need plan b.", "Then go."]
        );
    }

    #[test]
    fn keeps_dotted_model_names() {
        assert_eq!(
            split("طائرات من طراز تي.يو-160 تملكها نوران. انتهى."),
            vec!["طائرات من طراز تي.يو-160 تملكها نوران.", "انتهى."]
        );
        assert_eq!(
            split("servicing Tu-160 and Tu.160 jets. Done."),
            vec!["servicing Tu-160 and Tu.160 jets.", "Done."]
        );
    }

    #[test]
    fn keeps_urls_and_ends_after_them() {
        assert_eq!(
            split("عبر الرابط https://a.example/x?y=1&z=2.html على الموقع. انتهى."),
            vec![
                "عبر الرابط https://a.example/x?y=1&z=2.html على الموقع.",
                "انتهى."
            ]
        );
        assert_eq!(
            split("See www.example.com. Then go."),
            vec!["See www.example.com.", "Then go."]
        );
    }

    #[test]
    fn ellipsis_inside_a_sentence_does_not_split() {
        assert_eq!(
            split("الاتفاق جاهز… لكن التوقيت لم يحن. انتهى."),
            vec!["الاتفاق جاهز… لكن التوقيت لم يحن.", "انتهى."]
        );
        assert_eq!(
            split("ready... but not yet. Wait... Then it came."),
            vec!["ready... but not yet.", "Wait...", "Then it came."]
        );
    }

    #[test]
    fn quote_with_full_stop_that_goes_on_stays_one_sentence() {
        let t = "وقال الملك إن «العلاقة أعمق من أي خلاف. لقد فتحنا صفحة جديدة» قبل أن يصافح ضيفه. ثم غادر.";
        assert_eq!(
            split(t),
            vec![
                "وقال الملك إن «العلاقة أعمق من أي خلاف. لقد فتحنا صفحة جديدة» قبل أن يصافح ضيفه.",
                "ثم غادر."
            ]
        );
        let e = "\"Our ties are deep. Today we opened a page,\" the king said. He left.";
        assert_eq!(
            split(e),
            vec![
                "\"Our ties are deep. Today we opened a page,\" the king said.",
                "He left."
            ]
        );
    }

    #[test]
    fn closing_quote_after_end_mark_ends_the_sentence() {
        assert_eq!(
            split("قال: «انتهى الأمر.» ثم غادر. وعاد؟"),
            vec!["قال: «انتهى الأمر.»", "ثم غادر.", "وعاد؟"]
        );
        assert_eq!(
            split("أكد أن \"القمة ناجحة\". وأضاف أنها بداية."),
            vec!["أكد أن \"القمة ناجحة\".", "وأضاف أنها بداية."]
        );
    }

    #[test]
    fn stray_straight_quote_does_not_open_a_quotation() {
        assert_eq!(
            split("قال إنها ناجحة\" جداً. وأضاف \"أنها بداية\"."),
            vec!["قال إنها ناجحة\" جداً.", "وأضاف \"أنها بداية\"."]
        );
        assert_eq!(
            split("لـ\"إيسنا. هنا\" ثم. انتهى."),
            vec!["لـ\"إيسنا. هنا\" ثم.", "انتهى."]
        );
    }

    #[test]
    fn closing_quote_after_a_space_still_closes_and_joins() {
        assert_eq!(
            split("قال: \"أولاً. وثانياً \". انتهى."),
            vec!["قال: \"أولاً. وثانياً \".", "انتهى."]
        );
        assert_eq!(
            split("قال إن \"الأمر انتهى. \""),
            vec!["قال إن \"الأمر انتهى. \""]
        );
        assert_eq!(
            split("قال إن الأمر انتهى. \""),
            vec!["قال إن الأمر انتهى. \""]
        );
    }

    #[test]
    fn unclosed_quote_protects_nothing() {
        assert_eq!(
            split("قال «انتهى. ثم غادر."),
            vec!["قال «انتهى.", "ثم غادر."]
        );
    }

    #[test]
    fn missing_space_is_not_a_sentence_end() {
        assert_eq!(split("انتهى.وقال آخر."), vec!["انتهى.وقال آخر."]);
    }

    #[test]
    fn paragraphs_and_bare_lines() {
        let t = "عنوان الخبر\nالمصدر: الوطن\n\nالسبت ١٦ سبتمبر ٢٠٢٣\n\nجملة أولى. جملة ثانية.\nهل تنجح؟\n  إقرأ أيضاً:  \n";
        let segs = sentences(t, 0..t.len());
        let got: Vec<(&str, u32, bool)> = segs
            .iter()
            .map(|s| (&t[s.range.clone()], s.paragraph, s.bare_line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("عنوان الخبر", 0, true),
                ("المصدر: الوطن", 1, true),
                ("السبت ١٦ سبتمبر ٢٠٢٣", 2, true),
                ("جملة أولى.", 3, false),
                ("جملة ثانية.", 3, false),
                ("هل تنجح؟", 4, false),
                ("إقرأ أيضاً:", 5, true),
            ]
        );
    }

    #[test]
    fn ranges_are_absolute_and_trimmed() {
        let t = "+++\ntitle = \"x\"\n+++\n\u{FEFF} أولى.  ثانية. \r\n";
        let body = t.find("+++\n\u{FEFF}").unwrap() + 4;
        let segs = sentences(t, body..t.len());
        let got: Vec<&str> = segs.iter().map(|s| &t[s.range.clone()]).collect();
        assert_eq!(got, vec!["أولى.", "ثانية."]);
        assert_eq!(segs[0].paragraph, 0);
    }

    #[test]
    fn range_off_char_boundary_is_clamped() {
        let t = "أبا. جد.";
        let segs = sentences(t, 1..t.len() + 10);
        let got: Vec<&str> = segs.iter().map(|s| &t[s.range.clone()]).collect();
        assert_eq!(got, vec!["با.", "جد."]);
    }

    #[test]
    fn two_dots_glued_to_a_word_end_a_sentence() {
        assert_eq!(
            split("الاقتصادي فقط.. الأبواب تفتح. إيران .. تعرف عليها"),
            vec!["الاقتصادي فقط..", "الأبواب تفتح.", "إيران .. تعرف عليها"]
        );
    }

    #[test]
    fn stray_leading_full_stop_joins_the_sentence() {
        assert_eq!(
            split(". لقد قدمنا سيارة\" مؤكداً ذلك. ثم."),
            vec![". لقد قدمنا سيارة\" مؤكداً ذلك.", "ثم."]
        );
    }

    #[test]
    fn runs_of_marks_end_once() {
        assert_eq!(
            split("حقاً؟! نعم!!! (انتهى.) ثم."),
            vec!["حقاً؟!", "نعم!!!", "(انتهى.)", "ثم."]
        );
    }
}
