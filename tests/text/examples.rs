//! Segmentation on the bundled demo articles (examples/articles, see
//! examples/README.md): each pitfall the README names comes out right.

use claimdesk::text::segment::{Segment, sentences};

fn article(name: &str) -> String {
    let path = format!("{}/examples/articles/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn split(text: &str) -> Vec<(&str, Segment)> {
    sentences(text, 0..text.len())
        .into_iter()
        .map(|s| (&text[s.range.clone()], s))
        .collect()
}

fn sentence_containing<'a>(text: &'a str, needle: &str) -> &'a str {
    let all = split(text);
    let found: Vec<&str> = all
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| s.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{needle:?} in {found:?}");
    found[0]
}

#[test]
fn quote_with_inner_full_stop_stays_in_its_sentence() {
    let t = article("01-alwatan-summit-gifts.txt");
    let s = sentence_containing(&t, "خلاف عابر.");
    assert!(s.starts_with("وقال الملك منصور"), "{s}");
    assert!(s.ends_with("مأدبة العشاء."), "{s}");

    let t = article("07-alyawm-largest-delegation.txt");
    let s = sentence_containing(&t, "طويلاً.");
    assert!(s.ends_with("في الاتجاهين."), "{s}");

    let t = article("09-harbour-times-summit.md");
    let s = sentence_containing(&t, "passing quarrel.");
    assert!(s.ends_with("after the ceremony."), "{s}");
}

#[test]
fn abbreviations_do_not_split() {
    let t = article("01-alwatan-summit-gifts.txt");
    assert!(sentence_containing(&t, "د. ليلى").starts_with("وبحسب د. ليلى"));
    let t = article("05-almassa-maghreb-first-students.txt");
    assert!(sentence_containing(&t, "م. عادل").starts_with("وقال مدير البرنامج"));
    let t = article("10-nna-english-wire.txt");
    assert!(sentence_containing(&t, "U.S.").starts_with("Envoys of the U.S. and the EU"));
    let t = article("09-harbour-times-summit.md");
    assert!(sentence_containing(&t, "Dr. Layla").ends_with("not promises."));
}

#[test]
fn model_names_urls_decimals_and_ellipses_do_not_split() {
    let t = article("06-alraed-what-was-not-signed.md");
    assert!(sentence_containing(&t, "تي.يو-160").ends_with("في منشآت أرسانية."));
    let url = sentence_containing(&t, "https://royal-court.arsan.example");
    assert!(url.ends_with("على موقع الديوان الملكي."), "{url}");
    assert!(sentence_containing(&t, "0.4%").starts_with("أما صندوق"));
    assert!(sentence_containing(&t, "جاهز…").ends_with("لم يحن بعد\"."));
    let t = article("01-alwatan-summit-gifts.txt");
    assert!(sentence_containing(&t, "٣٫٥").ends_with("بين البلدين."));
}

#[test]
fn headlines_datelines_and_headers_are_bare_lines() {
    let t = article("01-alwatan-summit-gifts.txt");
    let all = split(&t);
    let bare: Vec<&str> = all
        .iter()
        .filter(|(_, s)| s.bare_line)
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(
        bare,
        vec![
            "ملك أرسان يهدي الرئيس السعدي حصاناً عربياً أصيلاً في أول زيارة منذ 24 عاماً",
            "المصدر: الوطن اليوم",
            "السبت ١٦ سبتمبر ٢٠٢٣",
            "زيارة تاريخية",
            "ما بعد القمة",
        ]
    );
    // A question ends with an end mark, so it is not a bare line.
    let (_, q) = all.last().unwrap();
    assert!(!q.bare_line);
}

#[test]
fn wire_copy_repeats_six_sentences_word_for_word() {
    let wire = article("02-annour-agency-wire.md");
    let copy = article("03-sada-alkhaleej-wire-copy.txt");
    let wire_sentences: Vec<&str> = split(&wire).into_iter().map(|(s, _)| s).collect();
    let shared = split(&copy)
        .into_iter()
        .filter(|(s, seg)| !seg.bare_line && wire_sentences.contains(s))
        .count();
    assert_eq!(shared, 6);
}

#[test]
fn every_demo_article_has_its_dateline_read() {
    use claimdesk::text::dates::find_date;
    let expected = [
        ("01-alwatan-summit-gifts.txt", "2023-09-16"),
        ("02-annour-agency-wire.md", "2023-09-16"),
        ("03-sada-alkhaleej-wire-copy.txt", "2023-09-16"),
        ("04-sawt-almashriq-quarter-century.md", "2023-09-17"),
        ("05-almassa-maghreb-first-students.txt", "2024-01-16"),
        ("06-alraed-what-was-not-signed.md", "2023-09-16"),
        ("07-alyawm-largest-delegation.txt", "2023-09-15"),
        ("08-alminbar-joint-committee.md", "2024-01-14"),
        ("09-harbour-times-summit.md", "2023-09-16"),
        ("10-nna-english-wire.txt", "2023-09-16"),
    ];
    for (name, date) in expected {
        let t = article(name);
        // The dateline in the body, after any front matter.
        let body = t.rfind("+++\n").map_or(0, |p| p + 4);
        let found = find_date(&t[body..]).map(|d| d.to_string());
        assert_eq!(found.as_deref(), Some(date), "{name}");
    }
}
