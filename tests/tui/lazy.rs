//! The TUI on a desk opened from the extraction cache, its texts read after
//! the first frame: what is drawn, saved and searched never lacks its text.

use std::time::Duration;

use claimdesk::index::cache::set_racy_margin;
use claimdesk::store::{Verdict, VerdictStore};
use claimdesk::tui::app::App;
use claimdesk::tui::run::{ScriptedHost, run};
use claimdesk::tui::session::Session;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A temporary desk, opened once with the cache so the next open is lazy.
fn warmed() -> (crate::support::tui::TempDesk, tempfile::TempDir) {
    // The desk is written and reopened within a second: trust stamps at once.
    set_racy_margin(Duration::ZERO);
    let desk = crate::support::tui::temp_desk();
    let cache = tempfile::tempdir().unwrap();
    let (app, _session) = crate::support::tui::open_cached(desk.path(), cache.path());
    assert!(
        !app.index.texts_pending(),
        "the first open reads everything"
    );
    (desk, cache)
}

fn drive(app: &mut App, session: &mut Session, keys: &str) {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let out = run(&mut term, app, session, &mut ScriptedHost::keys(keys)).unwrap();
    assert!(out.unsaved.is_empty(), "{:?}", out.unsaved);
}

#[test]
fn verdicts_saved_on_a_cached_start_carry_their_sentences() {
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    assert_eq!(
        app.index.pending_texts().len(),
        app.index.articles.len(),
        "no text read before the first frame"
    );
    // Confirm a claim of the first article, jump to another pending claim, dispute it.
    drive(&mut app, &mut session, "l c ] d");
    let (fresh, _s) = crate::support::tui::open(desk.path(), true);
    let (store, problems) = VerdictStore::open(&desk.path().join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    let records: Vec<_> = store.records().collect();
    assert_eq!(records.len(), 2, "{records:#?}");
    for r in records {
        let at = fresh.index.appearances(&r.id);
        assert!(!at.is_empty(), "{r:?}");
        let sentence = fresh.claim_text(at[0].article, at[0].claim);
        assert!(!sentence.is_empty());
        assert_eq!(r.claim, sentence, "the record quotes its sentence");
    }
    assert!(
        store
            .records()
            .any(|r| r.verdict == Some(Verdict::Disputed))
    );
}

#[test]
fn search_finds_claims_in_articles_not_read_yet() {
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    // "سفينة" is in a claim of both Arabic articles.
    drive(&mut app, &mut session, "/ text:سفينة enter");
    let search = app.search.as_ref().expect("a search");
    let articles: std::collections::BTreeSet<usize> = search
        .hits
        .iter()
        .filter(|(_, claim)| claim.is_some())
        .map(|(a, _)| *a)
        .collect();
    assert_eq!(articles.len(), 2, "{:?}", search.hits);
    assert!(!app.index.texts_pending());
}

#[test]
fn a_manual_claim_comes_back_on_a_cached_start() {
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    let before = app.index.claim_count();
    // Open the first article, mark its headline by hand and confirm it.
    drive(&mut app, &mut session, "enter g g m c");
    assert_eq!(app.index.claim_count(), before + 1);
    drop(session);

    let (again, _s) = crate::support::tui::open_cached(desk.path(), cache.path());
    assert_eq!(again.index.claim_count(), before + 1);
    assert_eq!(again.desk_stats.reviewed(), 1);
    let manual = again
        .index
        .articles
        .iter()
        .flat_map(|a| &a.extraction.claims)
        .find(|c| c.is_manual())
        .expect("the manual claim");
    let at = again.index.appearances(&manual.id)[0];
    assert!(again.index.articles[at.article].has_text());
    assert_eq!(
        again.claim_text(at.article, at.claim),
        "افتتاح ميناء جديد في مدينة الساحل"
    );
    // Articles without the manual claim's sentence were not read for it.
    assert!(again.index.texts_pending());
}

#[test]
fn a_verdict_on_an_edited_sentence_is_reattached_once_the_texts_are_read() {
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    drive(&mut app, &mut session, "l c");
    drop(session);
    // The confirmed claim (the minister's figure) is wire copy: edit it in both articles.
    for name in ["01-port.txt", "02-port-wire.txt"] {
        let path = desk.path().join("articles").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("40 سفينة"));
        std::fs::write(&path, text.replace("40 سفينة", "45 سفينة")).unwrap();
    }

    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    // The verdict is stale, and the desk still has a text to read: the
    // first screen does not wait for the search.
    assert!(app.index.texts_pending());
    assert!(app.stale.is_some());
    assert!(app.verdicts.values().all(|r| !r.recheck));
    // A search reads every text; the run loop hands the planned move to the
    // writer, whose report arrives before the session ends.
    drive(&mut app, &mut session, "/ text:سفينة enter");
    assert!(!app.index.texts_pending());
    let moved = app
        .verdicts
        .values()
        .find(|r| r.recheck)
        .expect("re-attached");
    assert!(moved.claim.contains("45 سفينة"), "{moved:?}");
    assert_eq!(moved.verdict, Some(Verdict::Confirmed));
    assert!(!app.index.appearances(&moved.id).is_empty());
    assert!(app.stale.is_none());
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("re-attached"), "{said}");
}

#[test]
fn an_article_gone_before_it_is_read_is_reported_and_its_verdict_still_quotes_the_claim() {
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    // The first claim of the first article is wire copy, also in the second article.
    std::fs::remove_file(desk.path().join("articles/01-port.txt")).unwrap();
    drive(&mut app, &mut session, "l");
    let message = app.message.as_ref().expect("a message");
    assert!(
        message.error && message.text.contains("01-port.txt"),
        "{message:?}"
    );
    drive(&mut app, &mut session, "c");
    let (store, _) = VerdictStore::open(&desk.path().join("rules"));
    let records: Vec<_> = store.records().collect();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0].verdict, Some(Verdict::Confirmed));
    assert!(
        records[0].claim.starts_with("قال وزير النقل"),
        "{:?}",
        records[0].claim
    );
}

#[test]
fn a_manual_claim_on_an_edited_sentence_is_reattached_once_the_texts_are_read() {
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    // Open the first article, mark its headline by hand and confirm it.
    drive(&mut app, &mut session, "enter g g m c");
    drop(session);
    // The headline (in the body, not the front matter) gets a word more.
    let path = desk.path().join("articles/01-port.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let headline = "\nافتتاح ميناء جديد في مدينة الساحل\n";
    assert!(text.contains(headline));
    let edited = "\nافتتاح ميناء جديد في مدينة الساحل الشمالي\n";
    std::fs::write(&path, text.replace(headline, edited)).unwrap();

    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    assert!(app.stale.is_some(), "the manual verdict is stale");
    let before = app.index.claim_count();
    drive(&mut app, &mut session, "/ text:ميناء enter");
    let moved = app
        .verdicts
        .values()
        .find(|r| r.recheck)
        .expect("re-attached");
    assert_eq!(moved.claim, edited.trim());
    assert_eq!(moved.verdict, Some(Verdict::Confirmed));
    // The edited headline is a (manual) claim again.
    let at = app.index.appearances(&moved.id);
    assert_eq!(at.len(), 1, "{at:?}");
    assert!(app.index.articles[at[0].article].extraction.claims[at[0].claim].is_manual());
    assert_eq!(app.index.claim_count(), before + 1);
}

#[test]
fn update_asks_for_a_text_it_lacks_instead_of_reading_the_disk() {
    use claimdesk::tui::action::Action;
    use claimdesk::tui::update::{Effect, update};
    let (desk, cache) = warmed();
    let (mut app, _session) = crate::support::tui::open_cached(desk.path(), cache.path());
    update(&mut app, Action::PaneRight);
    let a = app.selected_article().expect("an article");
    assert!(!app.index.articles[a].has_text());
    let effects = update(&mut app, Action::Confirm);
    assert_eq!(
        effects,
        vec![Effect::ReadText {
            article: a,
            then: Action::Confirm
        }]
    );
    assert!(!app.index.articles[a].has_text(), "update read nothing");
    assert!(app.verdicts.is_empty(), "nothing was marked yet");
    // The loop's answer: read it, then the action again, which now saves.
    assert_eq!(app.read_text_now(a), None);
    let effects = update(&mut app, Action::Confirm);
    let [Effect::Save(change)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(!change.claim.is_empty(), "the save quotes its sentence");
}

#[test]
fn texts_links_and_saves_arrive_on_the_one_channel() {
    use claimdesk::session::DeskEvent;
    use claimdesk::store::writer::StoreEvent;
    use claimdesk::tui::run::{LoopEvent, desk_event};
    let (desk, cache) = warmed();
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    assert!(app.index.texts_pending());
    app.start_reading_texts();
    let (mut texts, mut done, mut linked, mut saved) = (0, false, false, false);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !(done && linked && saved) {
        assert!(
            std::time::Instant::now() < deadline,
            "texts {texts}, done {done}, linked {linked}, saved {saved}"
        );
        // Once every text is in, linking starts; once linked, a verdict is saved.
        app.start_linking();
        if linked && !saved && app.inflight.is_empty() {
            claimdesk::tui::update::update(&mut app, claimdesk::tui::action::Action::PaneRight);
            for e in
                claimdesk::tui::update::update(&mut app, claimdesk::tui::action::Action::Confirm)
            {
                if let claimdesk::tui::update::Effect::Save(c) = e {
                    session.writer.submit(c);
                }
            }
        }
        let Some(LoopEvent::Desk(event)) = session.next_event(Duration::from_secs(1)) else {
            continue;
        };
        match &event {
            DeskEvent::Texts { .. } => texts += 1,
            DeskEvent::TextsDone { .. } => done = true,
            DeskEvent::Linked { .. } => linked = true,
            DeskEvent::Store(StoreEvent::Saved { .. }) => saved = true,
            _ => {}
        }
        desk_event(&mut app, &mut session, event);
    }
    assert!(texts >= 1);
    assert!(!app.index.texts_pending());
    assert!(!app.links_pending(), "the links were taken in");
    assert_eq!(app.verdicts.len(), 1);
    assert!(app.inflight.is_empty(), "the save was taken in");
}

#[test]
fn a_desk_opened_cold_shows_its_first_articles_then_takes_in_the_whole_desk() {
    use claimdesk::desk::Desk;
    use claimdesk::tui::action::Action;
    use claimdesk::tui::keymap::Keymap;
    use claimdesk::tui::session::{self, Channel};
    use claimdesk::tui::update::{Effect, update};
    let desk = crate::support::tui::temp_desk();
    let cache = tempfile::tempdir().unwrap();
    let channel = Channel::new();
    // One article first (the real first screen is 64 of a large desk).
    let loaded = session::load_for_review(
        Desk::discover(desk.path()).unwrap(),
        Some(cache.path()),
        1,
        &channel.sink(),
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(loaded.index.articles.len(), 1);
    assert_eq!(loaded.rest, Some(2), "two articles still to come");
    let mut session = Session::new(
        loaded.writer,
        &loaded.index,
        None,
        Some(cache.path().to_path_buf()),
        channel,
    );
    let mut app = App::new(
        loaded.index,
        loaded.records,
        Keymap::default(),
        crate::support::tui::settings(false),
    );
    session.attach(&mut app);
    app.loading = Some((0, 3));
    // The analyst works on the first screen while the rest loads.
    update(&mut app, Action::PaneRight);
    let first = app.selected_article().unwrap();
    let shown = app.index.articles[first].rel.clone();
    let judged = app.claim(first, 0).id.clone();
    for e in update(&mut app, Action::Confirm) {
        if let Effect::Save(change) = e {
            session.writer.submit(change);
        }
    }
    // Back in the articles pane when the rest arrives.
    update(&mut app, Action::PaneLeft);
    session.load_rest(app.index.desk.clone());
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut said = String::new();
    while app.loading.is_some() || !app.inflight.is_empty() {
        assert!(std::time::Instant::now() < deadline, "the desk never came");
        if let Some(claimdesk::tui::run::LoopEvent::Desk(event)) =
            session.next_event(Duration::from_millis(200))
        {
            let whole = matches!(event, claimdesk::session::DeskEvent::Whole(_));
            claimdesk::tui::run::desk_event(&mut app, &mut session, event);
            if whole {
                said = app
                    .message
                    .as_ref()
                    .map(|m| m.text.clone())
                    .unwrap_or_default();
            }
        }
    }
    assert_eq!(app.index.articles.len(), 3, "the whole desk");
    assert_eq!(
        app.focus,
        claimdesk::tui::app::Pane::Articles,
        "the analyst's pane stays theirs"
    );
    assert_eq!(
        app.index.articles[app.selected_article().unwrap()].rel,
        shown,
        "the analyst stays on the article they were reading"
    );
    assert_eq!(app.verdict_of(&judged), Some(Verdict::Confirmed));
    assert!(
        !app.index.appearances(&judged).is_empty(),
        "the verdict's claim is in the whole desk"
    );
    assert!(said.contains("whole desk loaded: 3 articles"), "{said}");
    assert!(
        std::fs::read_dir(cache.path()).unwrap().count() > 0,
        "the whole load wrote the cache, so the next start is quick"
    );
    session.writer.flush(Duration::from_secs(5)).unwrap();
    let (store, _) = VerdictStore::open(&desk.path().join("rules"));
    assert_eq!(store.records().count(), 1);
}

#[test]
fn a_desk_with_a_cache_or_few_articles_opens_whole() {
    use claimdesk::desk::Desk;
    use claimdesk::tui::session::{self, Channel};
    let desk = crate::support::tui::temp_desk();
    let cache = tempfile::tempdir().unwrap();
    let channel = Channel::new();
    let open = |first| {
        session::load_for_review(
            Desk::discover(desk.path()).unwrap(),
            Some(cache.path()),
            first,
            &channel.sink(),
            &|_, _| {},
        )
        .unwrap()
    };
    // Three articles are not more than twice two: whole.
    let small = open(2);
    assert_eq!((small.index.articles.len(), small.rest), (3, None));
    // That open wrote the cache: the next one is warm, and whole.
    let warm = open(1);
    assert_eq!((warm.index.articles.len(), warm.rest), (3, None));
}
