//! Whole flows in-process: key sequences through the real loop (a scripted
//! host and ratatui's TestBackend), then the verdict files on disk.

use claimdesk::store::{Verdict, VerdictRecord, VerdictStore};
use claimdesk::tui::app::{App, Screen};
use claimdesk::tui::run::{Outcome, ScriptedHost, run};
use claimdesk::tui::session::Session;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn drive(app: &mut App, session: &mut Session, host: &mut ScriptedHost) -> Outcome {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run(&mut term, app, session, host).unwrap()
}

/// The verdict file of the claim selected first (the one `l c` confirms).
fn first_claim_file(app: &App, root: &std::path::Path) -> std::path::PathBuf {
    let (a, c) = app.selected_claim().expect("a claim");
    let claim = app.claim(a, c);
    let file = root
        .join("rules")
        .join(app.owner(claim).claim_file(&claim.id));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    file
}

/// Every record on disk now (read afresh from the verdict files).
fn on_disk(root: &std::path::Path) -> Vec<VerdictRecord> {
    let (store, problems) = VerdictStore::open(&root.join("rules"));
    assert!(problems.is_empty(), "{problems:?}");
    store.records().cloned().collect()
}

fn with_verdict(records: &[VerdictRecord], v: Verdict) -> Vec<&VerdictRecord> {
    records.iter().filter(|r| r.verdict == Some(v)).collect()
}

#[test]
fn confirm_then_dispute_the_next_pending_claim() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    assert!(app.index.claim_count() >= 2, "the fixture needs two claims");
    let out = drive(&mut app, &mut session, &mut ScriptedHost::keys("l c ] d"));
    assert!(out.unsaved.is_empty(), "{:?}", out.unsaved);
    let recs = on_disk(desk.path());
    let confirmed = with_verdict(&recs, Verdict::Confirmed);
    let disputed = with_verdict(&recs, Verdict::Disputed);
    assert_eq!(confirmed.len(), 1, "{recs:#?}");
    assert_eq!(disputed.len(), 1, "{recs:#?}");
    assert_ne!(confirmed[0].id, disputed[0].id);
    assert_eq!(confirmed[0].analyst, "tester");
    assert!(desk.path().join("rules/ar/claims.verdicts").is_dir());
    // The desk's progress counts distinct claims: a claim repeated in two
    // articles counts once.
    assert_eq!(app.desk_stats.reviewed(), 2);
}

#[test]
fn undo_restores_the_previous_record() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    drive(&mut app, &mut session, &mut ScriptedHost::keys("l d U"));
    let recs = on_disk(desk.path());
    assert!(recs.iter().all(|r| r.verdict.is_none()), "{recs:#?}");
    assert_eq!(app.desk_stats.reviewed(), 0);
}

#[test]
fn note_and_evidence_from_the_inline_editor() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    // Note and evidence first: a verdict moves the selection to the next pending claim.
    let keys = "l i text:called_the_ministry enter e text:https://example.org/a_https://example.org/b enter w";
    drive(&mut app, &mut session, &mut ScriptedHost::keys(keys));
    let recs = on_disk(desk.path());
    let r = with_verdict(&recs, Verdict::Unverified)[0];
    assert_eq!(r.note, "called the ministry");
    assert_eq!(
        r.evidence,
        vec![
            "https://example.org/a".to_string(),
            "https://example.org/b".to_string()
        ]
    );
}

#[test]
fn long_note_from_the_external_editor() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let mut host = ScriptedHost::keys("l I c");
    host.editor_text = Some("first line\nsecond line".into());
    drive(&mut app, &mut session, &mut host);
    let recs = on_disk(desk.path());
    let r = with_verdict(&recs, Verdict::Confirmed)[0];
    assert_eq!(r.note, "first line\nsecond line");
}

#[test]
fn a_failed_write_reverts_the_mark_and_says_so() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    // A verdict file left with conflict markers by a merge: the store refuses to write it.
    std::fs::write(
        first_claim_file(&app, desk.path()),
        "schema = 1\n<<<<<<< HEAD\n=======\n>>>>>>> theirs\n",
    )
    .unwrap();
    let out = drive(&mut app, &mut session, &mut ScriptedHost::keys("l c"));
    assert!(!out.unsaved.is_empty());
    assert_eq!(app.desk_stats.reviewed(), 0, "the mark must be reverted");
    let msg = app.message.clone().unwrap();
    assert!(msg.error && msg.text.contains("not saved"), "{msg:?}");
}

#[test]
fn a_refused_save_is_not_written_once_the_file_is_restored() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let file = first_claim_file(&app, desk.path());
    let good = std::fs::read(&file).ok();
    std::fs::write(&file, "schema = 1\n<<<<<<< HEAD\n=======\n>>>>>>> theirs\n").unwrap();
    drive(&mut app, &mut session, &mut ScriptedHost::keys("l c"));
    let msg = app.message.clone().unwrap();
    assert!(msg.text.contains("confirmed"), "names the verdict: {msg:?}");
    assert_eq!(app.desk_stats.reviewed(), 0);
    // The analyst restores the file and goes on moving around: the
    // refused mark must not reach the disk.
    match &good {
        Some(bytes) => std::fs::write(&file, bytes).unwrap(),
        None => std::fs::remove_file(&file).unwrap(),
    }
    session.writer.refresh();
    let out = drive(&mut app, &mut session, &mut ScriptedHost::keys("j k"));
    assert!(out.unsaved.is_empty(), "{:?}", out.unsaved);
    let recs = on_disk(desk.path());
    assert!(
        with_verdict(&recs, Verdict::Confirmed).is_empty(),
        "{recs:#?}"
    );
}

#[test]
fn a_sentence_marked_by_hand_is_saved_and_comes_back() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let before = app.index.claim_count();
    // Open the first article, go to its first sentence (the headline), mark it, confirm it.
    drive(
        &mut app,
        &mut session,
        &mut ScriptedHost::keys("enter g g m c"),
    );
    assert_eq!(app.screen, Screen::Article);
    assert_eq!(app.index.claim_count(), before + 1);
    let recs = on_disk(desk.path());
    let manual: Vec<_> = recs.iter().filter(|r| r.rule == "manual").collect();
    assert_eq!(manual.len(), 1, "{recs:#?}");
    assert_eq!(manual[0].verdict, Some(Verdict::Confirmed));
    assert!(desk.path().join("rules/manual.verdicts").is_dir());
    drop(session);
    let (again, _s) = crate::support::tui::open(desk.path(), true);
    assert_eq!(again.index.claim_count(), before + 1);
    assert_eq!(again.desk_stats.reviewed(), 1);
}

#[test]
fn search_matches_across_arabic_spelling_variants() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    // "ابوابه" without hamza finds the title written "أبوابه" (second article).
    drive(
        &mut app,
        &mut session,
        &mut ScriptedHost::keys("/ text:ابوابه enter"),
    );
    let a = app.selected_article().unwrap();
    assert_eq!(app.index.articles[a].rel, "articles/02-port-wire.txt");
    assert!(app.search.as_ref().is_some_and(|s| !s.hits.is_empty()));
}

#[test]
fn filter_command_with_completion() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    // Dispute a claim in the last article, then filter on disputed claims.
    let keys = "G l d : text:filt tab text:disp tab enter";
    drive(&mut app, &mut session, &mut ScriptedHost::keys(keys));
    assert_eq!(app.filter.label(), "disputed");
    assert_eq!(app.articles_view, vec![app.index.articles.len() - 1]);
}

#[test]
fn remapped_key_gives_the_verdict() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let mut keys = std::collections::BTreeMap::new();
    keys.insert("z".to_string(), "confirm".to_string());
    app.keymap = claimdesk::tui::keymap::Keymap::with_overrides(&keys).0;
    drive(&mut app, &mut session, &mut ScriptedHost::keys("l z"));
    assert_eq!(
        with_verdict(&on_disk(desk.path()), Verdict::Confirmed).len(),
        1
    );
}

#[test]
fn quit_remembers_the_position() {
    let desk = crate::support::tui::temp_desk();
    let state = tempfile::tempdir().unwrap();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    session.state_dir = Some(state.path().to_path_buf());
    drive(&mut app, &mut session, &mut ScriptedHost::keys("j j q"));
    let pos = claimdesk::userconfig::load_position(state.path(), &app.index.desk.root).unwrap();
    assert_eq!(pos.article, "articles/03-port-english.txt");
}

#[test]
fn reload_picks_up_a_new_article() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let before = app.index.articles.len();
    std::fs::write(
        desk.path().join("articles/04-late.txt"),
        "Late news\n\nThe harbour master said 12 ships waited outside.\n",
    )
    .unwrap();
    drive(
        &mut app,
        &mut session,
        &mut ScriptedHost::keys(": text:reload enter"),
    );
    assert_eq!(app.index.articles.len(), before + 1);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("reloaded"))
    );
}

#[test]
fn a_new_article_on_disk_is_noticed_without_a_key() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    assert!(!session.changed_on_disk());
    let before = app.index.articles.len();
    std::fs::write(
        desk.path().join("articles/04-late.txt"),
        "Late news\n\nThe harbour master said 12 ships waited outside.\n",
    )
    .unwrap();
    // The watcher thread looks once a second: poll, with a deadline.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !session.changed_on_disk() {
        assert!(
            std::time::Instant::now() < deadline,
            "the change was not noticed"
        );
        std::thread::park_timeout(std::time::Duration::from_millis(50));
    }
    session.reload(&mut app);
    assert_eq!(app.index.articles.len(), before + 1);
    assert!(!session.changed_on_disk(), "a reload takes the new state");
}

#[test]
fn resize_and_suspend_go_through_the_loop() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    let mut host = ScriptedHost::keys("ctrl-z");
    host.events
        .push_back(crossterm::event::Event::Resize(100, 30));
    host.type_keys("j");
    drive(&mut app, &mut session, &mut host);
    assert_eq!(host.suspended, 1);
    assert_eq!(app.size, (100, 30));
    assert_eq!(app.article_sel, 1);
}

#[test]
fn verdicts_changed_on_disk_by_another_instance_show_up() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    // Another instance (or a `git pull`) confirms the first claim on disk.
    let claim = app.index.articles[0].extraction.claims[0].clone();
    let (mut other, _) = VerdictStore::open(&desk.path().join("rules"));
    other
        .apply(claimdesk::store::VerdictChange {
            id: claim.id.clone(),
            verdict: Some(Some(Verdict::Confirmed)),
            note: Some("checked elsewhere".into()),
            evidence: None,
            claim: app.claim_text(0, 0).to_string(),
            owner: app.owner(&claim),
            articles: app.articles_of(&claim.id),
            analyst: "someone else".into(),
        })
        .unwrap();
    session.writer.refresh();
    let start = std::time::Instant::now();
    while app.verdict_of(&claim.id).is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "no Merged event"
        );
        session.take_desk_events(&mut app);
        std::thread::park_timeout(std::time::Duration::from_millis(10));
    }
    assert_eq!(app.verdict_of(&claim.id), Some(Verdict::Confirmed));
    assert_eq!(app.stats[0].reviewed(), 1);
}

/// Pure state changes (no loop, no disk): actions in, state out.
mod pure {
    use super::*;
    use claimdesk::tui::action::{Action, Filter};
    use claimdesk::tui::app::Pane;
    use claimdesk::tui::update::{Effect, update};

    #[test]
    fn next_pending_walks_the_desk_and_wraps() {
        let desk = crate::support::tui::temp_desk();
        let (mut app, _s) = crate::support::tui::open(desk.path(), true);
        let total = app.index.claim_count();
        let mut seen = Vec::new();
        for _ in 0..total + 1 {
            update(&mut app, Action::NextPending);
            seen.push(app.selected_claim().unwrap());
        }
        // Every claim once, in desk order, then back to the first.
        let mut order = seen[..total].to_vec();
        order.sort();
        order.dedup();
        assert_eq!(order.len(), total);
        assert_eq!(seen[total], seen[0]);
        assert_eq!(app.focus, Pane::Claims);
        update(&mut app, Action::PrevPending);
        assert_eq!(app.selected_claim(), Some(seen[total - 1]));
    }

    #[test]
    fn a_verdict_is_a_save_effect_and_moves_to_the_next_pending() {
        let desk = crate::support::tui::temp_desk();
        let (mut app, _s) = crate::support::tui::open(desk.path(), true);
        update(&mut app, Action::PaneRight);
        let first = app.selected_claim().unwrap();
        let effects = update(&mut app, Action::Dispute);
        let [Effect::Save(change)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(change.verdict, Some(Some(Verdict::Disputed)));
        assert_eq!(change.analyst, "tester");
        assert_eq!(app.verdict_of(&change.id), Some(Verdict::Disputed));
        assert_ne!(app.selected_claim(), Some(first));
        assert_eq!(app.stats[first.0].disputed(), 1);
    }

    #[test]
    fn pending_filter_hides_reviewed_articles() {
        let desk = crate::support::tui::temp_desk();
        let (mut app, _s) = crate::support::tui::open(desk.path(), true);
        // Review every claim of the last article.
        update(&mut app, Action::Bottom);
        update(&mut app, Action::PaneRight);
        let last = app.selected_article().unwrap();
        for _ in 0..app.claims_view.len() {
            update(&mut app, Action::Confirm);
        }
        assert_eq!(app.stats[last].pending(), 0);
        update(&mut app, Action::SetFilter(Filter::Pending));
        assert!(!app.articles_view.contains(&last));
        assert!(!app.articles_view.is_empty());
    }

    #[test]
    fn nothing_to_undo_is_said_not_done() {
        let desk = crate::support::tui::temp_desk();
        let (mut app, _s) = crate::support::tui::open(desk.path(), true);
        assert!(update(&mut app, Action::Undo).is_empty());
        assert!(app.message.as_ref().is_some_and(|m| m.error));
    }
}

#[test]
fn the_desks_settings_sit_below_the_analysts_own() {
    use claimdesk::settings::Lang;
    use claimdesk::tui::TuiArgs;
    use claimdesk::userconfig::UserConfig;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("articles")).unwrap();
    std::fs::create_dir_all(tmp.path().join("rules")).unwrap();
    std::fs::write(
        tmp.path().join("claimdesk.toml"),
        "[settings]\nlang = \"ar\"\nshape = false\n",
    )
    .unwrap();
    let desk = claimdesk::desk::Desk::discover(tmp.path()).unwrap();
    let (from_desk, _, _) =
        claimdesk::tui::settings(&UserConfig::default(), &TuiArgs::default(), &desk);
    assert_eq!(from_desk.lang, Lang::Ar);
    assert!(!from_desk.shape);
    let analyst = UserConfig {
        lang: Some(Lang::En),
        ..UserConfig::default()
    };
    let (mine, _, _) = claimdesk::tui::settings(&analyst, &TuiArgs::default(), &desk);
    assert_eq!(mine.lang, Lang::En, "the analyst's config wins");
    assert!(!mine.shape, "what the analyst leaves out, the desk gives");
}

#[test]
fn a_digit_after_the_verdict_key_gives_the_claim_its_rating_label() {
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    // `d`, then `2`: the second label under disputed on the default scale.
    let out = drive(&mut app, &mut session, &mut ScriptedHost::keys("l d 2"));
    assert!(out.unsaved.is_empty(), "{:?}", out.unsaved);
    let (store, _) = VerdictStore::open(&desk.path().join("rules"));
    let recs: Vec<_> = store.records().collect();
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(recs[0].verdict, Some(Verdict::Disputed));
    assert_eq!(recs[0].rating.as_deref(), Some("misleading"));
    // A digit with no verdict before it says what to do, and saves nothing.
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    drive(&mut app, &mut session, &mut ScriptedHost::keys("l 1"));
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error && msg.text.contains("give a verdict first"),
        "{msg:?}"
    );
    let (store, _) = VerdictStore::open(&desk.path().join("rules"));
    assert_eq!(store.records().count(), 0);
}
