//! Snapshots of the finding and comparing views at 80x24 and 120x40 (search
//! hits in the article view, the filter and sort on the status line, the
//! conflict view, the re-check view), and the styles that carry meaning.

use claimdesk::store::{Judgement, Verdict, VerdictRecord};
use claimdesk::tui::action::Action;
use claimdesk::tui::app::App;
use claimdesk::tui::filter::{Sort, parse};
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    term
}

fn app() -> (crate::support::tui::TempDesk, App) {
    let desk = crate::support::tui::temp_desk();
    let (app, _session) = crate::support::tui::open(desk.path(), true);
    (desk, app)
}

fn snap(name: &str, app: &mut App) {
    for size in SIZES {
        let term = draw(app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), term.backend());
    }
}

/// The English article's first claim, selected.
fn select_english(app: &mut App) -> (usize, usize) {
    let e = app
        .index
        .articles
        .iter()
        .position(|a| a.article.meta.source.as_deref() == Some("Coast Herald"))
        .unwrap();
    let id = app.claim(e, 0).id.to_string();
    update(app, Action::Goto(id));
    (e, 0)
}

fn other_side() -> Judgement {
    Judgement {
        verdict: Some(Verdict::Confirmed),
        rating: None,
        note: "The harbour office wrote back: forty ships a month is the planned capacity \
               once the second basin opens, not the figure for the first year."
            .into(),
        evidence: vec![
            "https://example.org/harbour-office/letters/2024/03/capacity-of-the-new-port".into(),
            "https://example.org/coast-herald/corrections".into(),
        ],
        analyst: "Lina".into(),
        updated: "2026-11-21T10:05:00Z".into(),
    }
}

#[test]
fn search_hits_in_the_article_view() {
    let (_d, mut app) = app();
    update(&mut app, Action::Search("news".into()));
    snap("find_search_hits", &mut app);
    // The hit's cells carry the hit style.
    let term = draw(&mut app, (80, 24));
    let buf = term.backend().buffer();
    let theme = &app.settings.theme;
    let lit: String = buf
        .content()
        .iter()
        .filter(|c| theme.hit.bg.is_some() && c.bg == theme.hit.bg.unwrap())
        .map(|c| c.symbol())
        .collect();
    assert_eq!(lit, "news");
}

#[test]
fn filter_and_sort_on_the_status_line() {
    let (_d, mut app) = app();
    update(&mut app, Action::Refine(parse("kind number").unwrap()));
    update(&mut app, Action::Refine(parse("from 2024-03-02").unwrap()));
    update(&mut app, Action::SetSort(Sort::Date));
    update(&mut app, Action::PaneRight);
    snap("find_filter_status", &mut app);
}

#[test]
fn conflict_view_shows_both_sides_in_full() {
    let (_d, mut app) = app();
    let (a, c) = select_english(&mut app);
    app.index.articles[a].article.meta.url =
        Some("https://example.org/coast-herald/new-port".into());
    let id = app.claim(a, c).id.clone();
    app.set_record(
        &id,
        Some(VerdictRecord {
            id: id.clone(),
            verdict: Some(Verdict::Disputed),
            claim: app.claim_text(a, c).to_string(),
            note:
                "Port authority figures for March show 31 ships; the minister's number is a target."
                    .into(),
            evidence: vec![
                "https://example.org/port-authority/monthly-traffic-march-2024.pdf".into(),
            ],
            analyst: "tester".into(),
            updated: "2026-11-21T09:40:00Z".into(),
            conflicts: vec![other_side()],
            ..Default::default()
        }),
    );
    snap("find_conflict_detail", &mut app);
    update(&mut app, Action::Compare);
    snap("find_conflict_view", &mut app);
    // Nothing is cut: the other side's note ends on screen at 80x24.
    let term = draw(&mut app, (80, 24));
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("the first") && screen.contains("year."),
        "{screen}"
    );
    assert!(
        screen.contains("capacity-of-the-") && screen.contains("new-port"),
        "{screen}"
    );
}

#[test]
fn recheck_view_marks_the_changed_words() {
    let (_d, mut app) = app();
    let (a, c) = select_english(&mut app);
    let id = app.claim(a, c).id.clone();
    app.set_record(
        &id,
        Some(VerdictRecord {
            id: id.clone(),
            verdict: Some(Verdict::Confirmed),
            claim: app.claim_text(a, c).to_string(),
            analyst: "tester".into(),
            updated: "2026-11-20T08:00:00Z".into(),
            recheck: true,
            ..Default::default()
        }),
    );
    app.recheck_before.insert(
        id.clone(),
        "The transport minister said the new port would handle 45 ships every month.".into(),
    );
    update(&mut app, Action::Compare);
    snap("find_recheck_view", &mut app);
    let term = draw(&mut app, (80, 24));
    let buf = term.backend().buffer();
    let marked = |m: Modifier| -> String {
        buf.content()
            .iter()
            .filter(|c| c.modifier.contains(m))
            .map(|c| c.symbol())
            .collect()
    };
    assert_eq!(marked(Modifier::CROSSED_OUT), "45every");
    assert_eq!(marked(Modifier::UNDERLINED), "40a");
}
