//! Snapshots of every screen and overlay on ratatui's TestBackend, at 80x24
//! and 120x40, plus checks of the styles that carry meaning.

use claimdesk::store::{Verdict, VerdictRecord};
use claimdesk::tui::action::Action;
use claimdesk::tui::app::App;
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    term
}

/// An app on the fixture desk with one claim disputed (fixed time and note).
fn app() -> (crate::support::tui::TempDesk, App) {
    let desk = crate::support::tui::temp_desk();
    let (mut app, _session) = crate::support::tui::open(desk.path(), true);
    let claim = app.index.articles[0].extraction.claims[0].clone();
    let record = VerdictRecord {
        id: claim.id.clone(),
        verdict: Some(Verdict::Disputed),
        claim: app.claim_text(0, 0).to_string(),
        rule: "ar.said".into(),
        articles: app.articles_of(&claim.id),
        note: "the ministry's own figure is 35 ships".into(),
        evidence: vec!["https://example.org/ministry-release".into()],
        analyst: "tester".into(),
        updated: "2026-11-21T09:40:00Z".into(),
        ..Default::default()
    };
    app.set_record(&claim.id, Some(record));
    (desk, app)
}

fn snap(name: &str, mut app: App, actions: &[Action]) {
    for a in actions {
        update(&mut app, a.clone());
    }
    for size in SIZES {
        let term = draw(&mut app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), term.backend());
    }
}

#[test]
fn main_screen() {
    snap("main", app().1, &[Action::PaneRight]);
}

#[test]
fn article_view() {
    snap("article", app().1, &[Action::PaneRight, Action::Open]);
}

#[test]
fn help_overlay() {
    snap("help", app().1, &[Action::Help]);
}

#[test]
fn command_line_with_completions() {
    let (_d, mut app) = app();
    update(&mut app, Action::StartCommand);
    for ev in "se".chars().map(key).chain([tab()]) {
        claimdesk::tui::input::handle_event(&mut app, ev);
    }
    snap("command", app, &[]);
}

#[test]
fn search_prompt() {
    let (_d, mut app) = app();
    update(&mut app, Action::StartSearch);
    for ev in "ميناء".chars().map(key) {
        claimdesk::tui::input::handle_event(&mut app, ev);
    }
    snap("search_prompt", app, &[]);
}

#[test]
fn search_results_highlighted() {
    snap("search_hits", app().1, &[Action::Search("الميناء".into())]);
}

#[test]
fn note_editor() {
    snap("note", app().1, &[Action::PaneRight, Action::EditNote]);
}

#[test]
fn error_message() {
    let (_d, mut app) = app();
    app.error(
        "rules/ar/claims.verdicts.toml: has conflict markers; not written until it is resolved",
    );
    snap("error", app, &[]);
}

#[test]
fn too_small() {
    let (_d, mut app) = app();
    let term = draw(&mut app, (40, 10));
    insta::assert_snapshot!("too_small_40x10", term.backend());
}

fn key(c: char) -> crossterm::event::Event {
    crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    ))
}

fn tab() -> crossterm::event::Event {
    crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Tab,
        crossterm::event::KeyModifiers::NONE,
    ))
}

/// The rightmost cell showing `symbol` on row `y` (the claims pane), if any.
fn find(term: &Terminal<TestBackend>, y: u16, symbol: &str) -> Option<ratatui::buffer::Cell> {
    let buf = term.backend().buffer();
    (0..buf.area.width)
        .rev()
        .map(|x| buf[(x, y)].clone())
        .find(|c| c.symbol() == symbol)
}

#[test]
fn marks_and_selection_carry_their_styles() {
    let (_d, mut app) = app();
    update(&mut app, Action::PaneRight);
    let term = draw(&mut app, (80, 24));
    // The disputed claim's mark is red, and its row (selected, focused) reversed.
    let mark = find(&term, 1, "✖").expect("a disputed mark on the first claim row");
    assert_eq!(mark.fg, Color::Red);
    assert!(mark.modifier.contains(Modifier::REVERSED));
}

#[test]
fn without_colour_selection_and_marks_stay_visible() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, _s) = crate::support::tui::open(desk.path(), false);
    let (_d, coloured) = self::app();
    let id = coloured.index.articles[0].extraction.claims[0].id.clone();
    app.set_record(&id, coloured.verdicts.get(&id).cloned());
    update(&mut app, Action::PaneRight);
    let term = draw(&mut app, (80, 24));
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "a colour in the monochrome theme: {cell:?}"
        );
    }
    let mark = find(&term, 1, "✖").expect("the disputed mark is a symbol");
    assert!(mark.modifier.contains(Modifier::REVERSED));
    assert!(mark.modifier.contains(Modifier::BOLD));
}

#[test]
fn arabic_labels() {
    let (_d, mut app) = app();
    app.settings.lang = claimdesk::tui::i18n::Lang::Ar;
    let term = draw(&mut app, (80, 24));
    insta::assert_snapshot!("arabic_labels_80x24", term.backend());
}

#[test]
fn arabic_help() {
    let (_d, mut app) = app();
    app.settings.lang = claimdesk::tui::i18n::Lang::Ar;
    update(&mut app, Action::Help);
    let term = draw(&mut app, (80, 24));
    insta::assert_snapshot!("arabic_help_80x24", term.backend());
}

/// True when some letter on rows `rows` is bold in colour `fg`: how rule
/// matches show (yellow in lists and the article, cyan in the claim pane).
fn has_matched(term: &Terminal<TestBackend>, rows: std::ops::Range<u16>, fg: Color) -> bool {
    let buf = term.backend().buffer();
    rows.flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .map(|p| &buf[p])
        .any(|c| {
            c.fg == fg
                && c.modifier.contains(Modifier::BOLD)
                && c.symbol().chars().any(char::is_alphanumeric)
        })
}

#[test]
fn rule_matches_are_highlighted_though_claims_do_not_keep_them() {
    let (_d, mut app) = app();
    update(&mut app, Action::PaneRight);
    let term = draw(&mut app, (80, 24));
    // The claims list (top) and the claim pane below it.
    let list = has_matched(&term, 1..7, Color::Yellow);
    assert!(list, "no matched span in the claims list");
    let pane = has_matched(&term, 9..22, Color::Cyan);
    assert!(pane, "no matched span in the claim pane");
    update(&mut app, Action::Open);
    let term = draw(&mut app, (80, 24));
    let view = has_matched(&term, 1..22, Color::Yellow);
    assert!(view, "no matched span in the article view");
}
