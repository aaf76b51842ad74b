//! The dashboard overlay (`S`, `:dashboard`) at 80x24 and 120x40, its
//! numbers against the Markdown report's, and imported reviews in the
//! detail pane.

use claimdesk::export::{ExportFilter, ReportInfo, collect, write_markdown};
use claimdesk::reviews::{ImportedReview, ReviewLibrary};
use claimdesk::store::{Verdict, VerdictRecord};
use claimdesk::tui::action::Action;
use claimdesk::tui::app::{App, Overlay};
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    term
}

fn screen(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// The fixture desk with verdicts from two analysts over three days.
fn app() -> (crate::support::tui::TempDesk, App) {
    let desk = crate::support::tui::temp_desk();
    let (mut app, _session) = crate::support::tui::open(desk.path(), false);
    let given = [
        (0, 0, Verdict::Disputed, "Lina", "2026-11-20T09:00:00Z"),
        (0, 1, Verdict::Confirmed, "Lina", "2026-11-20T10:00:00Z"),
        (0, 2, Verdict::NotAClaim, "Omar", "2026-11-22T08:00:00Z"),
        (1, 1, Verdict::Unverified, "Omar", "2026-11-22T09:00:00Z"),
        (2, 1, Verdict::Confirmed, "Lina", "2026-11-23T11:00:00Z"),
    ];
    for (a, c, verdict, analyst, updated) in given {
        let claim = app.index.articles[a].extraction.claims[c].clone();
        let record = VerdictRecord {
            id: claim.id.clone(),
            verdict: Some(verdict),
            claim: app.claim_text(a, c).to_string(),
            rule: "ar.said".into(),
            articles: app.articles_of(&claim.id),
            analyst: analyst.into(),
            updated: updated.into(),
            ..Default::default()
        };
        app.set_record(&claim.id, Some(record));
    }
    (desk, app)
}

#[test]
fn dashboard_snapshots() {
    let (_d, mut app) = app();
    update(&mut app, Action::Dashboard);
    assert!(matches!(app.overlay, Overlay::Dashboard(_)));
    for size in [(80, 24), (120, 40)] {
        let term = draw(&mut app, size);
        insta::assert_snapshot!(format!("dashboard_{}x{}", size.0, size.1), term.backend());
    }
    // Any key closes it.
    update(&mut app, Action::MoveDown);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn arabic_dashboard() {
    let (_d, mut app) = app();
    app.settings.lang = claimdesk::tui::i18n::Lang::Ar;
    update(&mut app, Action::Dashboard);
    let term = draw(&mut app, (80, 24));
    insta::assert_snapshot!("dashboard_arabic_80x24", term.backend());
}

#[test]
fn the_command_line_opens_it_too() {
    let (_d, mut app) = app();
    let action = claimdesk::tui::commands::parse("dashboard").unwrap();
    update(&mut app, action);
    assert!(matches!(app.overlay, Overlay::Dashboard(_)));
}

#[test]
fn the_dashboard_says_what_the_markdown_report_says() {
    let (_d, mut app) = app();
    update(&mut app, Action::Dashboard);
    let Overlay::Dashboard(d) = &app.overlay else {
        panic!("no dashboard");
    };
    let t = d.totals.clone();
    let per_day = d.per_day.clone();
    let mut records: Vec<VerdictRecord> = app.verdicts.values().cloned().collect();
    records.sort_by(|a, b| a.id.cmp(&b.id));
    let md = write_markdown(
        &collect(&app.index, &records, &ExportFilter::default()),
        &ReportInfo::default(),
    );
    // 4 judged claims and 1 not a claim, as the report counts them.
    assert_eq!((t.all.total(), t.all.not_a_claim), (4, 1));
    assert!(
        md.contains("- Judged claims: 4 (1 disputed, 2 confirmed, 1 unverified)"),
        "{md}"
    );
    assert!(md.contains("| Lina | 1 | 2 | 0 | 3 | 0 |"), "{md}");
    assert_eq!(t.by_analyst["Lina"].reviewed(), 3);
    // The days the sparkline draws are the report's day rows.
    assert!(md.contains("| 2026-11-20 | 1 | 1 | 0 | 2 | 0 |"), "{md}");
    assert!(md.contains("| 2026-11-22 | 0 | 0 | 1 | 1 | 1 |"), "{md}");
    assert_eq!(t.by_day.len(), 3);
    let shown = screen(&draw(&mut app, (120, 40)));
    assert!(
        shown.contains("judged claims 4 (1 disputed, 2 confirmed, 1 unverified)"),
        "{shown}"
    );
    assert!(shown.contains("2026-11-20 → 2026-11-23"), "{shown}");
    // Gaps between days are drawn as empty days.
    assert_eq!(per_day, [2, 0, 2, 1]);
}

#[test]
fn imported_reviews_show_in_the_detail_pane() {
    let (_d, mut app) = app();
    // The English claim, restated by another organisation.
    let review = ImportedReview {
        url: "https://other-checks.example/r/12".into(),
        claim: "The transport minister said that the new port will handle 40 ships each month."
            .into(),
        rating: Some("Misleading".into()),
        author: Some("Other Checks".into()),
        date: Some("2024-03-05".into()),
        ..Default::default()
    };
    app.set_review_library(ReviewLibrary::new(vec![review]));
    assert!(app.reviews_of(2, 1).is_empty());
    let found = app.reviews_of(2, 0);
    assert_eq!(found.len(), 1, "{found:?}");
    // Select the English article's first claim.
    update(&mut app, Action::Bottom);
    update(&mut app, Action::PaneRight);
    let shown = screen(&draw(&mut app, (120, 40)));
    assert!(shown.contains("Reviews elsewhere"), "{shown}");
    assert!(
        shown.contains("Misleading — Other Checks, 2024-03-05"),
        "{shown}"
    );
    assert!(
        shown.contains("https://other-checks.example/r/12"),
        "{shown}"
    );
}

#[test]
fn the_reject_key_marks_not_a_claim_counted_as_reviewed() {
    use claimdesk::tui::action::Filter;
    use claimdesk::tui::keymap::Keymap;
    let desk = crate::support::tui::temp_desk();
    let (mut app, _s) = crate::support::tui::open(desk.path(), false);
    // `r` is the default key; `n` stays search-next.
    let km = Keymap::default();
    assert_eq!(km.first_key(&Action::NotAClaim).as_deref(), Some("r"));
    assert_eq!(km.first_key(&Action::SearchNext).as_deref(), Some("n"));
    update(&mut app, Action::PaneRight);
    let (a, _) = app.selected_claim().unwrap();
    let before = app.desk_stats.reviewed();
    let effects = update(&mut app, Action::NotAClaim);
    let [claimdesk::tui::update::Effect::Save(change)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(change.verdict, Some(Some(Verdict::NotAClaim)));
    // Counted as reviewed: once in the desk's progress (distinct claims),
    // and in every article the sentence appears in.
    assert!(!app.index.appearances(&change.id).is_empty());
    assert_eq!(app.desk_stats.reviewed(), before + 1);
    assert_eq!(
        app.stats[a].pending() + app.stats[a].reviewed(),
        app.stats[a].total()
    );
    update(
        &mut app,
        Action::SetFilter(Filter::Verdict(Verdict::NotAClaim)),
    );
    assert_eq!(app.claims_view.len(), 1);
    assert_eq!(
        Filter::parse(&["not-a-claim"]),
        Some(Filter::Verdict(Verdict::NotAClaim))
    );
}

#[test]
fn an_empty_desk_and_small_terminals_draw_without_fault() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, _s) = crate::support::tui::open(desk.path(), false);
    update(&mut app, Action::Dashboard);
    let shown = screen(&draw(&mut app, (80, 24)));
    assert!(shown.contains("judged claims 0"), "{shown}");
    let (_d, mut app) = self::app();
    update(&mut app, Action::Dashboard);
    for w in [40u16, 50, 61, 80, 200] {
        for h in [8u16, 10, 12, 15, 24, 60] {
            draw(&mut app, (w, h));
        }
    }
}

/// The dashboard of a real desk, printed: `CLAIMDESK_DASHBOARD_DESK=DIR
/// cargo test --test tui_dashboard -- --ignored --nocapture`.
#[test]
#[ignore = "reads a desk named by CLAIMDESK_DASHBOARD_DESK"]
fn dashboard_of_a_real_desk() {
    let Some(dir) = std::env::var_os("CLAIMDESK_DASHBOARD_DESK") else {
        return;
    };
    let (mut app, _s) = crate::support::tui::open(std::path::Path::new(&dir), false);
    update(&mut app, Action::Dashboard);
    for size in [(80, 24), (120, 40)] {
        println!("{}", screen(&draw(&mut app, size)));
    }
}
