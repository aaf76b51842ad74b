//! What a highlight lights: every match of every matching rule, each
//! snapped to whole words of the article as written (harakat and all), for
//! the rules whose patterns carry context (`ar.quote-with-verb`,
//! `ar.according-to`, `ar.quote-after-colon`) and for `ar.digits`; then the
//! exact cells the claims pane lights on screen.

use std::path::PathBuf;

use claimdesk::desk::{Article, ArticleMeta};
use claimdesk::extract::{article_matches, extract_article};
use claimdesk::rules::RuleSet;

fn article(text: &str) -> Article {
    Article {
        path: PathBuf::from("test.txt"),
        text: text.into(),
        body: 0..text.len(),
        meta: ArticleMeta::default(),
    }
}

/// The texts rule `id` lights in the claim whose sentence holds `needle`.
fn lit(text: &str, needle: &str, id: &str) -> Vec<String> {
    let rules = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let a = article(text);
    let ex = extract_article(&a, &rules);
    let matches = article_matches(&a, &ex, &rules);
    let c = ex
        .claims
        .iter()
        .position(|c| a.text[c.range.clone()].contains(needle))
        .unwrap_or_else(|| panic!("no claim holds {needle:?}"));
    let m = matches[c]
        .iter()
        .find(|m| rules.rules[m.rule].id == id)
        .unwrap_or_else(|| panic!("{id} does not match {needle:?}"));
    m.spans
        .iter()
        .map(|r| a.text[r.clone()].to_string())
        .collect()
}

const TEXT: &str = "مقدمة قصيرة.\n\
وذلك وفقَ مؤرخين محليين، ووفق شهود في القرية.\n\
وقال الوزير إنه سيعود: \"لن نتراجع\".\n\
كتب على حسابه: «انتهى الأمر» وكتب لاحقا: «بدأنا».\n\
بلغ عدد الضحايا 72 شخصا و15 جريحا.\n\
نما الاقتصاد بنسبة 3.5 بالمئة.\n";

#[test]
fn according_to_lights_whole_words_and_every_match() {
    // The pattern takes one letter of the next word (`وفق م`): whole words,
    // the fatha on وفقَ kept inside the span.
    assert_eq!(
        lit(TEXT, "مؤرخين", "ar.according-to"),
        ["وفقَ مؤرخين", "ووفق شهود"]
    );
}

#[test]
fn quote_with_verb_ends_at_the_end_of_the_quoted_word() {
    assert_eq!(
        lit(TEXT, "سيعود", "ar.quote-with-verb"),
        ["وقال الوزير إنه سيعود: \"لن"]
    );
}

#[test]
fn quote_after_colon_lights_the_first_quoted_word_of_each_quote() {
    assert_eq!(
        lit(TEXT, "حسابه", "ar.quote-after-colon"),
        ["انتهى", "بدأنا"]
    );
}

#[test]
fn digits_light_each_whole_figure() {
    assert_eq!(lit(TEXT, "الضحايا", "ar.digits"), ["72", "15"]);
    assert_eq!(lit(TEXT, "الاقتصاد", "ar.digits"), ["3.5"]);
}

/// A desk of one article (`TEXT`) with the bundled rules, opened in the TUI.
fn desk() -> (tempfile::TempDir, claimdesk::tui::app::App) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("claimdesk.toml"),
        "articles = [\"articles\"]\nrules = \"rules\"\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(root.join("articles/01.txt"), TEXT).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = root
            .join("rules")
            .join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else if entry.path().extension().is_some_and(|x| x == "toml")
            && !entry.path().to_string_lossy().ends_with(".verdicts.toml")
        {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let (app, _session) = crate::support::tui::open(root, true);
    (dir, app)
}

/// The claims pane row showing the claim that holds `needle`: each cell's
/// symbol and whether the match style lights it.
fn claims_row(app: &mut claimdesk::tui::app::App, needle: &str) -> Vec<(String, bool)> {
    use claimdesk::tui::action::Action;
    use claimdesk::tui::update::update;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let (w, h) = (120, 40);
    update(app, Action::Resize(w, h));
    update(app, Action::PaneRight);
    let c = app.index.articles[0]
        .extraction
        .claims
        .iter()
        .position(|c| TEXT[c.range.clone()].contains(needle))
        .unwrap();
    let pos = app.claims_view.iter().position(|&v| v == c).unwrap();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| claimdesk::tui::ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let matched = app.settings.theme.matched;
    // The claims pane starts on row 1; the selected row is the first.
    let y = 1 + pos as u16;
    let left = claimdesk::tui::ui::layout::areas((w, h)).claims.x;
    (left..w)
        .map(|x| {
            let cell = &buf[(x, y)];
            let lit = matched.fg.is_some_and(|fg| cell.fg == fg);
            (cell.symbol().to_string(), lit)
        })
        .collect()
}

fn is_letter_or_digit(symbol: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    symbol.nfkc().any(char::is_alphanumeric)
}

#[test]
fn on_screen_every_figure_is_lit_whole_and_highlights_end_at_word_edges() {
    let (_dir, mut app) = desk();
    for needle in ["الضحايا", "مؤرخين", "سيعود", "حسابه", "الاقتصاد"]
    {
        let row = claims_row(&mut app, needle);
        let runs = row.windows(2).filter(|p| !p[0].1 && p[1].1).count();
        assert!(runs >= 1, "{needle}: nothing lit in {row:?}");
        // Every digit on the row is lit (not one digit of 72).
        for (s, lit) in &row {
            if s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty() {
                assert!(lit, "{needle}: digit {s} not lit");
            }
        }
        // A lit cell never borders an unlit letter: spans end at word edges.
        for pair in row.windows(2) {
            let [(a, la), (b, lb)] = pair else { continue };
            if la != lb {
                let (lit, unlit) = if *la { (a, b) } else { (b, a) };
                // A figure glued to a conjunction (`و15`) lights the figure.
                if lit.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                assert!(
                    !is_letter_or_digit(unlit),
                    "{needle}: a highlight ends inside a word at {a:?}|{b:?}: {row:?}"
                );
            }
        }
    }
    // Two figures, two separate lit runs at least.
    let row = claims_row(&mut app, "الضحايا");
    let digits_lit = row
        .iter()
        .filter(|(s, l)| *l && s.chars().all(|c| c.is_ascii_digit()))
        .count();
    assert_eq!(digits_lit, 4, "7, 2, 1 and 5 lit: {row:?}");
}
