//! Extraction: roles (heading, body, boilerplate), vetoes, claim ranges and
//! the stability of claim ids.

use std::path::PathBuf;

use claimdesk::desk::{Article, ArticleMeta};
use claimdesk::extract::{
    ClaimId, Extraction, SentenceRole, article_matches, claim_matches, extract_article,
    manual_claim,
};
use claimdesk::rules::{RuleKind, RuleSet};

fn article(text: &str) -> Article {
    Article {
        path: PathBuf::from("test.txt"),
        text: text.into(),
        body: 0..text.len(),
        meta: ArticleMeta::default(),
    }
}

fn rules() -> RuleSet {
    RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"))
}

/// The text of every claim, in order.
fn claim_texts<'a>(a: &'a Article, ex: &Extraction) -> Vec<&'a str> {
    ex.claims.iter().map(|c| &a.text[c.range.clone()]).collect()
}

/// The role of the sentence that contains `needle`.
fn role_of(a: &Article, ex: &Extraction, needle: &str) -> SentenceRole {
    ex.sentences
        .iter()
        .find(|s| a.text[s.range.clone()].contains(needle))
        .unwrap_or_else(|| panic!("no sentence contains {needle:?}"))
        .role
}

const STORY: &str = "\
الوزير يزور المصنع الجديد

وقال وزير الصناعة إن المصنع سينتج ١٢ ألف سيارة سنوياً.

هل تنجح الخطة هذه المرة؟

أعتقد أن الخطة ستنجح بلا شك.

الطقس كان جميلاً.

المصدر: وكالة الأنباء

إقرأ أيضاً:

الحكومة ترفع أسعار الوقود

وأعلنت الحكومة رفع أسعار الوقود بنسبة ١٠٪ اعتباراً من الغد.
";

#[test]
fn roles_and_claims_of_a_small_story() {
    let a = article(STORY);
    let ex = extract_article(&a, &rules());
    assert_eq!(role_of(&a, &ex, "الوزير يزور"), SentenceRole::Heading);
    assert_eq!(role_of(&a, &ex, "وقال وزير"), SentenceRole::Body);
    assert_eq!(role_of(&a, &ex, "المصدر:"), SentenceRole::Boilerplate);
    assert_eq!(role_of(&a, &ex, "إقرأ أيضاً"), SentenceRole::Boilerplate);
    // The "read also" block runs to the end of the article.
    assert_eq!(role_of(&a, &ex, "ترفع أسعار"), SentenceRole::Boilerplate);
    assert_eq!(
        role_of(&a, &ex, "وأعلنت الحكومة"),
        SentenceRole::Boilerplate
    );
    // Only the attributed statement is a claim: not the question (veto), the
    // opinion (veto), the plain sentence (no rule), or anything boilerplate.
    assert_eq!(
        claim_texts(&a, &ex),
        vec!["وقال وزير الصناعة إن المصنع سينتج ١٢ ألف سيارة سنوياً."]
    );
    let c = &ex.claims[0];
    assert_eq!(c.kind, RuleKind::Attribution);
    let set = rules();
    assert_eq!(set.rules[usize::from(c.rules[0])].id, "ar.said-that");
    assert!(c.rules.indices().any(|r| set.rules[r].id == "ar.digits"));
}

#[test]
fn match_ranges_map_back_to_the_source_text() {
    // Tashkeel and Arabic-Indic digits in the source; the rule is written without them.
    let text = "عنوان\n\nوأَهْدَى الرئيسُ ضيفَه ٣ سيارات في عام ٢٠١٩.\n";
    let a = article(text);
    let set = rules();
    let ex = extract_article(&a, &set);
    assert_eq!(ex.claims.len(), 1, "{ex:#?}");
    let c = &ex.claims[0];
    assert_eq!(
        &text[c.range.clone()],
        "وأَهْدَى الرئيسُ ضيفَه ٣ سيارات في عام ٢٠١٩."
    );
    let matches = claim_matches(&a, c, &set);
    assert_eq!(
        matches.iter().map(|m| m.rule).collect::<Vec<_>>(),
        c.rules.indices().collect::<Vec<_>>()
    );
    for m in &matches {
        assert!(c.range.start <= m.range.start && m.range.end <= c.range.end);
        assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
    }
    let gift = matches
        .iter()
        .find(|m| set.rules[m.rule].id == "ar.gift")
        .expect("gift rule matched");
    assert!(
        text[gift.range.clone()].contains("أَهْدَى"),
        "{:?}",
        &text[gift.range.clone()]
    );
    let digits = matches
        .iter()
        .find(|m| set.rules[m.rule].id == "ar.digits")
        .expect("digits rule matched");
    assert_eq!(&text[digits.range.clone()], "٣");
}

#[test]
fn body_range_is_respected() {
    let text = "+++\ntitle = \"قال إن ٣\"\n+++\nعنوان\n\nوقال الوزير إن العدد ٣.\n";
    let start = text.find("عنوان").unwrap();
    let a = Article {
        body: start..text.len(),
        ..article(text)
    };
    let ex = extract_article(&a, &rules());
    assert!(ex.sentences.iter().all(|s| s.range.start >= start));
    assert_eq!(claim_texts(&a, &ex), vec!["وقال الوزير إن العدد ٣."]);
}

#[test]
fn claim_id_depends_on_the_normalised_sentence_only() {
    let plain = ClaimId::of_sentence("وقال الوزير إن العدد ٣.");
    assert_eq!(plain.0.len(), 12);
    assert!(plain.0.chars().all(|c| c.is_ascii_hexdigit()));
    // Tashkeel, digits and spacing do not change it.
    assert_eq!(plain, ClaimId::of_sentence("وقالَ  الوزيرُ إنّ العدد 3."));
    assert_eq!(
        plain,
        ClaimId::of_sentence("  وقال الوزير\u{200f} إن\tالعدد ٣.  ")
    );
    // Different words do.
    assert_ne!(plain, ClaimId::of_sentence("وقال الوزير إن العدد ٤."));
}

#[test]
fn claim_id_is_stable_across_edits_reorders_articles_and_rules() {
    let s1 = "وقال وزير الصناعة إن المصنع سينتج ١٢ ألف سيارة سنوياً.";
    let s2 = "وأبرمت الشركتان اتفاقية جديدة في عام ٢٠٢١.";
    let id_of = |text: &str, set: &RuleSet, needle: &str| {
        let a = article(text);
        let ex = extract_article(&a, set);
        ex.claims
            .iter()
            .find(|c| a.text[c.range.clone()].contains(needle))
            .map(|c| c.id.clone())
            .unwrap_or_else(|| panic!("no claim with {needle:?} in {text}"))
    };
    let set = rules();
    let base = id_of(&format!("عنوان\n\n{s1}\n\n{s2}\n"), &set, "سينتج");
    // Another sentence edited.
    let edited = format!("عنوان آخر\n\n{s1}\n\nوأبرمت الشركتان اتفاقية قديمة في عام ٢٠٢٠.\n");
    assert_eq!(base, id_of(&edited, &set, "سينتج"));
    // Sentences reordered, and the same sentence in another article.
    let other = format!("خبر مختلف تماماً\n\n{s2}\n\nتمهيد لا علاقة له.\n\n{s1}\n");
    assert_eq!(base, id_of(&other, &set, "سينتج"));
    // A different rule set (only the digits rule) gives the same id.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("only.toml"),
        "[[rule]]\nid = \"x.digits\"\nkind = \"number\"\nlabel = \"digits\"\n\
         pattern = '[0-9]'\nexamples = [\"٣\"]\n",
    )
    .unwrap();
    let small = RuleSet::load(dir.path()).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(base, id_of(&format!("عنوان\n\n{s1}\n"), &small, "سينتج"));
    assert_eq!(base, ClaimId::of_sentence(s1));
}

#[test]
fn manual_claim_has_the_same_id_scheme() {
    let a = article("عنوان\n\nالطقس كان جميلاً.\n");
    let ex = extract_article(&a, &rules());
    let i = ex
        .sentences
        .iter()
        .position(|s| a.text[s.range.clone()].contains("الطقس"))
        .unwrap();
    assert!(ex.claim_of(i).is_none());
    let c = manual_claim(&a, &ex, i);
    assert!(c.is_manual());
    assert_eq!(c.kind, RuleKind::Manual);
    assert_eq!(c.id, ClaimId::of_sentence("الطقس كان جميلاً."));
}

#[test]
fn repeated_sentence_in_one_article_is_one_claim() {
    let s = "وقال الوزير إن العدد ٣.";
    let a = article(&format!("عنوان\n\n{s}\n\n{s}\n"));
    let ex = extract_article(&a, &rules());
    assert_eq!(ex.claims.len(), 1);
}

#[test]
fn read_also_with_a_headline_on_its_line_hides_that_line_only() {
    let text = "عنوان\n\nاقرأ أيضاً: الحكومة ترفع الأسعار ١٠٪\n\nوقال الوزير إن العدد ٣.\n";
    let a = article(text);
    let ex = extract_article(&a, &rules());
    assert_eq!(role_of(&a, &ex, "اقرأ أيضاً"), SentenceRole::Boilerplate);
    assert_eq!(role_of(&a, &ex, "وقال الوزير"), SentenceRole::Body);
    assert_eq!(claim_texts(&a, &ex), vec!["وقال الوزير إن العدد ٣."]);
}

#[test]
fn english_article() {
    let text = "Putin gives Kim a second car\n\n\
                The Kremlin said Putin gave Kim a car on Wednesday.\n\n\
                Will the friendship last?\n\n\
                The weather was mild.\n\n\
                Related stories\n\n\
                Kim met Lavrov in 2024.\n";
    let a = article(text);
    let ex = extract_article(&a, &rules());
    assert_eq!(role_of(&a, &ex, "Putin gives"), SentenceRole::Heading);
    assert_eq!(role_of(&a, &ex, "Lavrov"), SentenceRole::Boilerplate);
    assert_eq!(
        claim_texts(&a, &ex),
        vec!["The Kremlin said Putin gave Kim a car on Wednesday."]
    );
}

#[test]
fn empty_and_odd_bodies_do_not_panic() {
    let set = rules();
    for text in ["", "\n\n\n", "   ", "؟", "«»", "\u{200f}\u{064e}"] {
        let ex = extract_article(&article(text), &set);
        assert!(ex.claims.is_empty(), "{text:?}");
    }
    // A body range past the end or inside a character is clamped.
    let a = Article {
        body: 1..999,
        ..article("قال إن ٣.")
    };
    let _ = extract_article(&a, &set);
}

#[test]
fn long_bare_lines_are_sentences_that_lost_their_full_stop() {
    let lede = "تحطمت طائرة ركاب، صباح الأحد، في محافظة جبلية وسط البلاد، فيما أكدت تقارير مقتل ٦٠ شخصاً كانوا على متنها";
    let subtitle =
        "رؤية الزعيمين وهما يضحكان في سيارة فاخرة بعد توقيع اتفاقية الدفاع المتبادل بين البلدين";
    let a = article(&format!("{lede}\n\n{subtitle}\n\nماذا حدث؟\n"));
    let ex = extract_article(&a, &rules());
    assert_eq!(role_of(&a, &ex, "تحطمت طائرة"), SentenceRole::Body);
    assert!(ex.claim_of(0).is_some());
    assert_eq!(role_of(&a, &ex, "رؤية الزعيمين"), SentenceRole::Heading);
    assert_eq!(role_of(&a, &ex, "ماذا حدث"), SentenceRole::Heading);
}

#[test]
fn named_captures_map_back_to_the_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gifts.toml"),
        r#"
[[rule]]
id = "x.gift"
kind = "event"
label = "who gave"
pattern = '''(?P<giver>\p{L}+)\s+أهدى'''
examples = ["الملك أهدى ضيفه حصاناً."]
"#,
    )
    .unwrap();
    let set = RuleSet::load(dir.path()).unwrap_or_else(|p| panic!("{p:#?}"));
    let text = "عنوان\n\nوقال إن الملكُ أَهْدَى ضيفه حصاناً.\n";
    let a = article(text);
    let ex = extract_article(&a, &set);
    assert_eq!(ex.claims.len(), 1, "{ex:#?}");
    let m = &claim_matches(&a, &ex.claims[0], &set)[0];
    assert_eq!(&text[m.range.clone()], "الملكُ أَهْدَى");
    assert_eq!(m.captures.len(), 1);
    let (name, range) = &m.captures[0];
    assert_eq!(name, "giver");
    assert_eq!(&text[range.clone()], "الملكُ");
}

#[test]
fn recomputed_matches_cover_exactly_the_claims_rules() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = RuleSet::load(&root.join("rules")).unwrap_or_else(|p| panic!("{p:#?}"));
    let mut seen = 0;
    for entry in std::fs::read_dir(root.join("examples/articles")).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) {
            continue;
        }
        let a = claimdesk::desk::load_article(&path).unwrap();
        let ex = extract_article(&a, &set);
        let all = article_matches(&a, &ex, &set);
        assert_eq!(all.len(), ex.claims.len());
        for (c, matches) in ex.claims.iter().zip(&all) {
            assert_eq!(matches, &claim_matches(&a, c, &set));
            let rules: Vec<usize> = matches.iter().map(|m| m.rule).collect();
            assert_eq!(rules, c.rules.indices().collect::<Vec<_>>(), "{path:?}");
            for m in matches {
                let inside = |r: &std::ops::Range<usize>| {
                    c.range.start <= r.start
                        && r.end <= c.range.end
                        && a.text.is_char_boundary(r.start)
                        && a.text.is_char_boundary(r.end)
                };
                assert!(inside(&m.range), "{path:?}: {m:?}");
                assert!(m.captures.iter().all(|(_, r)| inside(r)), "{m:?}");
            }
            seen += matches.len();
        }
    }
    assert!(seen > 50, "only {seen} matches in the demo articles");
}

#[test]
fn extracting_many_at_once_gives_what_one_by_one_gives() {
    use claimdesk::extract::{extract_many, extract_with_matches};
    let rules = rules();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut articles: Vec<Article> = paths
        .iter()
        .filter_map(|p| claimdesk::desk::load_article_reporting(p).ok())
        .map(|(a, _)| a)
        .collect();
    articles.push(article(STORY));
    assert!(articles.len() > 10);
    let refs: Vec<&Article> = articles.iter().collect();
    let many = extract_many(&refs, &rules);
    assert_eq!(many.len(), articles.len());
    for (a, got) in articles.iter().zip(&many) {
        let one = extract_with_matches(a, &rules);
        assert_eq!(got, &one, "{}", a.path.display());
        assert_eq!(got.1, article_matches(a, &got.0, &rules));
    }
}
