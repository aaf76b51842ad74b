//! What the analyst sees of Arabic copy: a wire line starting `(CNN)--` in an
//! Arabic article is laid right to left (direction from the article's
//! language, not its first letter); a note starting with a Latin name reads
//! right to left when it is mostly Arabic; every matching kind is shown; the
//! desk's progress counts distinct claims, the same after a restart.

use claimdesk::tui::action::Action;
use claimdesk::tui::app::App;
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The fixture desk plus an Arabic wire article whose lines start in Latin.
fn desk() -> crate::support::tui::TempDesk {
    let desk = crate::support::tui::temp_desk();
    std::fs::write(
        desk.path().join("articles/04-wire.txt"),
        "+++\ntitle = \"وصول سفن جديدة\"\nlang = \"ar\"\n+++\n\
         (CNN)-- قال المتحدث إن 40 سفينة وصلت إلى الميناء.\n",
    )
    .unwrap();
    desk
}

fn rows(app: &mut App, (w, h): (u16, u16)) -> Vec<String> {
    update(app, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

fn select_article(app: &mut App, name: &str) -> usize {
    let a = app
        .index
        .articles
        .iter()
        .position(|art| art.rel.contains(name))
        .expect("the article is in the desk");
    app.article_sel = app.articles_view.iter().position(|&v| v == a).unwrap();
    app.refresh_claims(None);
    a
}

#[test]
fn a_line_starting_in_latin_is_right_to_left_in_an_arabic_article() {
    let desk = desk();
    let (mut app, _s) = crate::support::tui::open(desk.path(), false);
    select_article(&mut app, "04-wire");
    update(&mut app, Action::Open);
    let screen = rows(&mut app, (80, 24));
    let row = screen
        .iter()
        .find(|r| r.contains("CNN"))
        .unwrap_or_else(|| panic!("no CNN row:\n{}", screen.join("\n")));
    let inner: Vec<char> = row.trim_end_matches([' ', '│']).chars().collect();
    let stop = row.find('.').expect("the full stop is shown");
    let cnn = row.find("CNN").unwrap();
    assert!(stop < cnn, "the full stop is at the left end: {row:?}");
    // Right-aligned: the text reaches the right border.
    assert!(inner.len() >= 78, "right-aligned: {row:?}");
}

#[test]
fn a_mostly_arabic_note_starting_with_a_latin_name_is_right_to_left() {
    let desk = desk();
    let (mut app, _s) = crate::support::tui::open(desk.path(), false);
    update(&mut app, Action::PaneRight);
    update(
        &mut app,
        Action::SetNote("Lina تقول إن الرقم الصحيح أقل".into()),
    );
    let screen = rows(&mut app, (120, 40));
    let row = screen
        .iter()
        .find(|r| r.contains("Lina"))
        .unwrap_or_else(|| panic!("no note row:\n{}", screen.join("\n")));
    let text = row.trim_end_matches([' ', '│']);
    assert!(
        text.ends_with("Lina"),
        "the name, read first, is at the right end: {row:?}"
    );
}

#[test]
fn every_matching_kind_is_shown() {
    let desk = desk();
    let (mut app, _s) = crate::support::tui::open(desk.path(), false);
    let a = select_article(&mut app, "04-wire");
    update(&mut app, Action::PaneRight);
    let (_, c) = app.selected_claim().expect("the wire line is a claim");
    let kinds = ui::claims::kinds(&app, app.claim(a, c));
    assert!(kinds.len() > 1, "{kinds:?}");
    let screen = rows(&mut app, (120, 40)).join("\n");
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    assert!(
        screen.contains(&format!("kinds {}", names.join(", "))),
        "{names:?} not listed:\n{screen}"
    );
    // The list shows one letter per kind.
    assert!(screen.contains(&ui::claims::kinds_tag(&kinds)), "{screen}");
}

#[test]
fn the_desk_counts_distinct_claims_the_same_after_a_restart() {
    let desk = desk();
    let cache = tempfile::tempdir().unwrap();
    let (first, _s) = crate::support::tui::open_cached(desk.path(), cache.path());
    let distinct: std::collections::HashSet<_> = first
        .index
        .articles
        .iter()
        .flat_map(|a| a.extraction.claims.iter().map(|c| c.id.clone()))
        .collect();
    let appearances: usize = first.stats.iter().map(|s| s.total()).sum();
    assert!(appearances > distinct.len(), "the fixture repeats a claim");
    assert_eq!(first.desk_stats.total(), distinct.len());
    drop(first);
    let (again, _s) = crate::support::tui::open_cached(desk.path(), cache.path());
    assert_eq!(
        again.desk_stats.total(),
        distinct.len(),
        "the same after a restart"
    );
}
