//! Claims across outlets in the workbench: the detail pane's linked
//! appearances with drifting figures, the claims-first view, and the keys
//! that jump between appearances and carry a verdict over.

use std::time::{Duration, Instant};

use claimdesk::store::Verdict;
use claimdesk::tui::action::Action;
use claimdesk::tui::app::{App, Overlay};
use claimdesk::tui::ui;
use claimdesk::tui::update::{Effect, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::desk::{TestArticle, write_desk_with};

/// Three outlets: two carry the same wire sentence with the passenger count
/// changed, the third an unrelated story.
const THREE_OUTLETS: [TestArticle<'static>; 3] = [
    (
        "a-herald.md",
        "Coast Herald",
        "2024-05-02",
        "Plane lost over the sea",
        "Officials said that the plane was carrying 66 passengers and six crew members when it vanished from radar screens over the sea.",
    ),
    (
        "b-post.md",
        "Valley Post",
        "2024-05-03",
        "Search for the missing plane",
        "Officials said that the plane was carrying 65 passengers and six crew members when it disappeared from radar screens over the sea.",
    ),
    (
        "c-gazette.md",
        "Hill Gazette",
        "2024-05-03",
        "Orchards bloom early",
        "Farmers said that the orchards in the northern valleys bloomed three weeks earlier than in any spring they remember.",
    ),
];

/// The app on that desk, with its links computed (polled, bounded in time).
fn linked_app() -> (tempfile::TempDir, App, claimdesk::tui::session::Session) {
    linked_app_with(&THREE_OUTLETS)
}

/// [`linked_app`] on a desk of `articles`.
fn linked_app_with(
    articles: &[TestArticle],
) -> (tempfile::TempDir, App, claimdesk::tui::session::Session) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    write_desk_with(&root, articles);
    let (mut app, mut session) = crate::support::tui::open(&root, false);
    app.start_linking();
    let start = Instant::now();
    while app.links_pending() {
        session.take_desk_events(&mut app);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "links never came"
        );
        std::thread::park_timeout(Duration::from_millis(5));
    }
    (tmp, app, session)
}

fn screen(app: &mut App, (w, h): (u16, u16)) -> String {
    update(app, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn first_claim_of(app: &App, article_file: &str) -> (usize, usize) {
    let a = app
        .index
        .articles
        .iter()
        .position(|x| x.rel.ends_with(article_file))
        .unwrap();
    (a, 0)
}

#[test]
fn the_detail_pane_lists_the_linked_claim_with_its_outlet_and_the_drift() {
    let (_tmp, mut app, _s) = linked_app();
    let (a, c) = first_claim_of(&app, "a-herald.md");
    let (b, _) = first_claim_of(&app, "b-post.md");
    let linked = app.linked(a, c);
    assert_eq!(linked.len(), 1, "{linked:?}");
    assert_eq!(linked[0].0.article, b);
    let drift: Vec<(String, String)> = linked[0]
        .1
        .drift
        .iter()
        .map(|d| (d.ours.clone(), d.theirs.clone()))
        .collect();
    assert!(
        drift
            .iter()
            .any(|(o, t)| o.contains("66") && t.contains("65")),
        "{drift:?}"
    );
    claimdesk::tui::update::select_claim(&mut app, a, c);
    let text = screen(&mut app, (120, 40));
    assert!(text.contains("linked 1 (same claim)"), "{text}");
    assert!(
        text.contains("Valley Post · 2024-05-03 · Search for the missing plane"),
        "{text}"
    );
    assert!(text.contains("drift:") && text.contains("≠"), "{text}");
    insta::assert_snapshot!("linked_detail_120x40", text);
    // The unrelated story is linked to nothing.
    let (g, _) = first_claim_of(&app, "c-gazette.md");
    assert!(app.linked(g, 0).is_empty());
}

#[test]
fn the_new_commands_have_their_keys() {
    let keys = claimdesk::tui::keymap::Keymap::default();
    for (action, key) in [
        (Action::NextAppearance, "a"),
        (Action::VerdictToLinked, "A"),
        (Action::AcceptSuggestion, "y"),
        (Action::Assertions, "v"),
    ] {
        assert_eq!(keys.first_key(&action).as_deref(), Some(key), "{action:?}");
        assert!(claimdesk::tui::commands::parse(action.name().unwrap()).is_ok());
    }
}

#[test]
fn a_jumps_to_the_other_outlet_and_back() {
    let (_tmp, mut app, _s) = linked_app();
    let (a, c) = first_claim_of(&app, "a-herald.md");
    let (b, _) = first_claim_of(&app, "b-post.md");
    claimdesk::tui::update::select_claim(&mut app, a, c);
    update(&mut app, Action::NextAppearance);
    assert_eq!(app.selected_claim().map(|s| s.0), Some(b));
    update(&mut app, Action::NextAppearance);
    assert_eq!(app.selected_claim(), Some((a, c)));
}

#[test]
fn a_verdict_goes_to_the_linked_claim_and_is_suggested_there() {
    let (_tmp, mut app, _s) = linked_app();
    let (a, c) = first_claim_of(&app, "a-herald.md");
    let (b, d) = first_claim_of(&app, "b-post.md");
    claimdesk::tui::update::select_claim(&mut app, a, c);
    update(&mut app, Action::SetNote("the airline says 66".into()));
    update(&mut app, Action::Dispute);
    // Judged before: the other outlet's claim offers the verdict.
    claimdesk::tui::update::select_claim(&mut app, b, d);
    let (_, rec) = app.judged_before(b, d).expect("a suggestion");
    assert_eq!(rec.verdict, Some(Verdict::Disputed));
    let text = screen(&mut app, (120, 40));
    assert!(
        text.contains("judged before y takes it: disputed by tester · the airline says 66"),
        "{text}"
    );
    let effects = update(&mut app, Action::AcceptSuggestion);
    assert!(
        matches!(effects.as_slice(), [Effect::Save(ch)] if ch.note.as_deref() == Some("the airline says 66"))
    );
    let id_b = app.claim(b, d).id.clone();
    assert_eq!(app.verdict_of(&id_b), Some(Verdict::Disputed));
    // Undo takes it back; A from the first claim gives it again.
    update(&mut app, Action::Undo);
    assert_eq!(app.verdict_of(&id_b), None);
    claimdesk::tui::update::select_claim(&mut app, a, c);
    let effects = update(&mut app, Action::VerdictToLinked);
    assert_eq!(effects.len(), 1);
    assert_eq!(app.verdict_of(&id_b), Some(Verdict::Disputed));
}

#[test]
fn the_claims_first_view_groups_the_outlets_and_opens_a_claim() {
    let (_tmp, mut app, _s) = linked_app();
    update(&mut app, Action::Assertions);
    assert_eq!(app.overlay, Overlay::Assertions { sel: 0 });
    let groups = app.assertions().to_vec();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].outlets, 2);
    assert!(groups[0].drift);
    let text = screen(&mut app, (100, 24));
    assert!(
        text.contains("2 outlets") && text.contains("drift"),
        "{text}"
    );
    insta::assert_snapshot!("assertions_100x24", text);
    update(&mut app, Action::Open);
    assert_eq!(app.overlay, Overlay::None);
    let first = groups[0].members[0];
    assert_eq!(app.selected_claim(), Some((first.article, first.claim)));
}

#[test]
fn similar_claims_are_a_suggested_group_after_the_same_claims() {
    let mut articles = THREE_OUTLETS.to_vec();
    // The same assertion told two ways: linked as similar only.
    articles.push((
        "d-wire.md",
        "North Wire",
        "2024-06-10",
        "بذور للمزارعين",
        "قال وزير الزراعة إن الحكومة ستوزع البذور المحسنة على مزارعي الوادي الشمالي قبل موسم الأمطار.",
    ));
    articles.push((
        "e-daily.md",
        "South Daily",
        "2024-06-10",
        "الحكومة توزع البذور",
        "وأكد وزير الزراعة أن الحكومة سوف توزع بذوراً محسنة على المزارعين في الوادي الشمالي قبل حلول موسم الأمطار.",
    ));
    let (_tmp, mut app, _s) = linked_app_with(&articles);
    let groups = app.assertions().to_vec();
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(!groups[0].suggested, "the same-claim group comes first");
    assert!(groups[1].suggested, "{groups:?}");
    assert_eq!(groups[1].outlets, 2);
    assert_eq!(
        files_of(&app, &groups[1]),
        ["articles/d-wire.md", "articles/e-daily.md"]
    );
    update(&mut app, Action::Assertions);
    let text = screen(&mut app, (100, 24));
    assert!(text.contains("(1 · ~1 similar)"), "{text}");
    assert!(
        text.contains(" ~ "),
        "the suggested row is not marked:\n{text}"
    );
}

#[test]
fn a_fragment_under_several_articles_is_no_assertion() {
    // The same two-word sentence in two outlets is left out; the same
    // three-word one is listed.
    let articles = [
        ("a.md", "A Times", "2024-06-12", "الأسعار", "ارتفعت 5%."),
        ("b.md", "B Times", "2024-06-12", "الأسعار", "ارتفعت 5%."),
        (
            "c.md",
            "C Times",
            "2024-06-12",
            "الأسعار",
            "ارتفعت بنسبة 5%.",
        ),
        (
            "d.md",
            "D Times",
            "2024-06-12",
            "الأسعار",
            "ارتفعت بنسبة 5%.",
        ),
    ];
    let (_tmp, app, _s) = linked_app_with(&articles);
    assert_eq!(
        app.index
            .articles
            .iter()
            .map(|a| a.extraction.claims.len())
            .sum::<usize>(),
        4
    );
    let groups = app.assertions();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(
        files_of(&app, &groups[0]),
        ["articles/c.md", "articles/d.md"]
    );
}

/// The files of an assertion's members, in its order.
fn files_of<'a>(app: &'a App, group: &claimdesk::tui::links::Assertion) -> Vec<&'a str> {
    group
        .members
        .iter()
        .map(|r| app.index.articles[r.article].rel.as_str())
        .collect()
}
