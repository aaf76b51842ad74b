//! Finding things and getting text out (issue 17): full-text search over
//! every sentence, goto by id, combinable filters and sorts, saved views,
//! OSC 52 copies, URLs, and the compare view's content.

use claimdesk::extract::ClaimId;
use claimdesk::rules::RuleKind;
use claimdesk::store::{Judgement, Verdict, VerdictRecord};
use claimdesk::tui::action::{Action, CopyWhat};
use claimdesk::tui::app::{App, Overlay, Pane, Screen};
use claimdesk::tui::filter::{Sort, parse};
use claimdesk::tui::run::{ScriptedHost, run};
use claimdesk::tui::update::{Effect, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> (crate::support::tui::TempDesk, App) {
    let desk = crate::support::tui::temp_desk();
    let (app, _session) = crate::support::tui::open(desk.path(), true);
    (desk, app)
}

/// The sentence under the cursor in the article view.
fn cursor_text(app: &App) -> String {
    let a = app.selected_article().unwrap();
    let art = &app.index.articles[a];
    art.text(art.extraction.sentences[app.sentence].range.clone())
        .expect("the article on screen is read")
        .to_string()
}

/// The article index of the English fixture article.
fn english(app: &App) -> usize {
    app.index
        .articles
        .iter()
        .position(|a| a.article.meta.title == "New port opens on the coast")
        .unwrap()
}

#[test]
fn a_sentence_that_is_no_claim_is_found_and_can_be_marked() {
    let (_d, mut app) = app();
    update(&mut app, Action::Search("TRADERS welcomed".into()));
    assert_eq!(app.screen, Screen::Article);
    assert_eq!(cursor_text(&app), "Local traders welcomed the news.");
    assert!(app.selected_claim().is_none(), "not a claim before m");
    let msg = app.message.clone().unwrap().text;
    assert!(
        msg.contains("hit 1/1") && msg.contains("m makes it one"),
        "{msg}"
    );
    let effects = update(&mut app, Action::MarkClaim);
    assert!(
        matches!(effects.as_slice(), [Effect::Save(_)]),
        "{effects:?}"
    );
    assert!(app.selected_claim().is_some());
    assert!(
        app.search_index.is_some(),
        "a new claim keeps the folded sentences"
    );
}

#[test]
fn arabic_spelling_variants_find_non_claim_sentences() {
    let (_d, mut app) = app();
    // Written with hamza on the alef; the article has a bare alef.
    update(&mut app, Action::Search("الإفتتاح عدد".into()));
    assert_eq!(app.screen, Screen::Article);
    assert_eq!(cursor_text(&app), "وحضر الافتتاح عدد من السفراء.");
    let s = app.search.as_ref().unwrap();
    assert_eq!(s.hits.len(), 1);
}

#[test]
fn n_and_shift_n_walk_hits_across_articles_and_wrap() {
    let (_d, mut app) = app();
    update(&mut app, Action::Search("مشروع".into()));
    let hits = app.search.as_ref().unwrap().hits.clone();
    let articles: std::collections::BTreeSet<usize> = hits.iter().map(|h| h.0).collect();
    assert!(articles.len() >= 2, "{hits:?}");
    let first = app.selected_article();
    update(&mut app, Action::SearchNext);
    assert_ne!(
        app.selected_article(),
        first,
        "n goes to the next article's hit"
    );
    update(&mut app, Action::SearchNext);
    assert_eq!(app.selected_article(), first, "and wraps around");
    update(&mut app, Action::SearchPrev);
    assert_ne!(app.selected_article(), first);
    assert!(
        app.message
            .unwrap()
            .text
            .contains(&format!("/{}", hits.len()))
    );
}

#[test]
fn a_word_nowhere_is_not_found_and_says_so() {
    let (_d, mut app) = app();
    update(&mut app, Action::Search("zeppelin".into()));
    let m = app.message.unwrap();
    assert!(m.error && m.text.contains("not found"), "{m:?}");
}

#[test]
fn search_reads_texts_not_read_yet_before_answering() {
    // The desk is written and reopened within a second: trust stamps at once.
    claimdesk::index::cache::set_racy_margin(std::time::Duration::ZERO);
    let desk = crate::support::tui::temp_desk();
    let cache = tempfile::tempdir().unwrap();
    drop(crate::support::tui::open_cached(desk.path(), cache.path()));
    let (mut app, _s) = crate::support::tui::open_cached(desk.path(), cache.path());
    let unread = app.index.articles.iter().filter(|a| !a.has_text()).count();
    assert!(unread > 0, "the second open leaves texts for later");
    crate::support::tui::update_reading(&mut app, Action::Search("traders welcomed".into()));
    assert_eq!(cursor_text(&app), "Local traders welcomed the news.");
}

#[test]
fn goto_takes_full_ids_and_prefixes_and_lists_candidates() {
    let (_d, mut app) = app();
    let e = english(&app);
    let id = app.index.articles[e].extraction.claims[0].id.clone();
    update(&mut app, Action::Goto(id.to_string()));
    assert_eq!(app.selected_claim(), Some((e, 0)));
    assert_eq!(app.focus, Pane::Claims);
    update(&mut app, Action::Top);
    update(&mut app, Action::PaneLeft);
    // In the search box: an 8-digit prefix, as the detail pane shows it.
    update(&mut app, Action::Search(id.as_str()[..8].to_string()));
    assert_eq!(app.selected_claim(), Some((e, 0)));
    // A record sharing the first six digits makes the prefix ambiguous.
    let twin = ClaimId(format!("{}ffffff", &id.as_str()[..6]).into());
    app.set_record(
        &twin,
        Some(VerdictRecord {
            id: twin.clone(),
            verdict: Some(Verdict::Confirmed),
            ..Default::default()
        }),
    );
    update(&mut app, Action::Goto(id.as_str()[..6].to_string()));
    let msg = app.message.clone().unwrap().text;
    assert!(
        msg.contains("names 2 claims") && msg.contains(id.as_str()) && msg.contains(twin.as_str()),
        "{msg}"
    );
    update(&mut app, Action::Goto("zz".into()));
    assert!(app.message.unwrap().text.contains("not a claim id"));
}

#[test]
fn kind_filter_counts_any_matching_rule_not_only_the_owner() {
    let (_d, mut app) = app();
    let rules = &app.index.rules.rules;
    let kinds = |c: &claimdesk::extract::Claim| -> Vec<RuleKind> {
        c.rules.indices().map(|r| rules[r].kind).collect()
    };
    // Claims that a number rule matches but another kind of rule owns
    // ("… said … 40 ships": attribution, and a figure).
    let all: Vec<(usize, usize)> = (0..app.index.articles.len())
        .flat_map(|a| (0..app.index.articles[a].extraction.claims.len()).map(move |c| (a, c)))
        .collect();
    let with_number: Vec<(usize, usize)> = all
        .iter()
        .copied()
        .filter(|&(a, c)| kinds(app.claim(a, c)).contains(&RuleKind::Number))
        .collect();
    let owned_by_number = all
        .iter()
        .filter(|&&(a, c)| app.claim(a, c).kind == RuleKind::Number)
        .count();
    assert!(
        with_number.len() > owned_by_number,
        "the fixture needs such a claim"
    );
    update(&mut app, Action::Refine(parse("kind number").unwrap()));
    let shown: Vec<(usize, usize)> = all
        .iter()
        .copied()
        .filter(|&(a, c)| app.claim_passes(a, c))
        .collect();
    assert_eq!(shown, with_number);
    let msg = app.message.unwrap().text;
    assert!(msg.contains(&format!("{} claims", shown.len())), "{msg}");
}

#[test]
fn filters_combine_clear_and_show_in_the_status_line() {
    let (_d, mut app) = app();
    let e = english(&app);
    update(
        &mut app,
        Action::Refine(parse("outlet \"coast herald\"").unwrap()),
    );
    update(&mut app, Action::Refine(parse("kind number").unwrap()));
    assert_eq!(app.articles_view, vec![e]);
    assert_eq!(app.filter.label(), "kind number · outlet coast herald");
    update(&mut app, Action::Refine(parse("disputed").unwrap()));
    assert!(app.articles_view.is_empty());
    update(&mut app, Action::Refine(parse("clear").unwrap()));
    assert_eq!(app.articles_view.len(), app.index.articles.len());
    // `f` changes only the verdict part.
    update(
        &mut app,
        Action::Refine(parse("date 2024-03-03..2024-03-31").unwrap()),
    );
    update(&mut app, Action::CycleFilter);
    assert_eq!(app.filter.label(), "pending · date 2024-03-03..2024-03-31");
    assert_eq!(app.articles_view.len(), 1);
}

#[test]
fn record_flags_filter_conflicts_notes_and_analysts() {
    let (_d, mut app) = app();
    let claim = app.claim(0, 0).clone();
    app.set_record(
        &claim.id,
        Some(VerdictRecord {
            id: claim.id.clone(),
            verdict: Some(Verdict::Disputed),
            note: "asked the port".into(),
            analyst: "Mona".into(),
            conflicts: vec![judgement("Lina")],
            ..Default::default()
        }),
    );
    // The claim is wire copy: both Arabic articles carry it.
    let carrying: Vec<usize> = app
        .index
        .appearances(&claim.id)
        .iter()
        .map(|r| r.article)
        .collect();
    for line in ["conflict", "note", "analyst mona", "rule ar.said"] {
        update(&mut app, Action::Refine(parse("clear").unwrap()));
        update(&mut app, Action::Refine(parse(line).unwrap()));
        assert_eq!(app.articles_view, carrying, "{line}");
        assert!(app.claim_passes(0, 0), "{line}");
    }
    update(&mut app, Action::Refine(parse("recheck").unwrap()));
    assert!(app.articles_view.is_empty());
}

#[test]
fn sorts_reorder_and_keep_the_selection() {
    let (_d, mut app) = app();
    update(&mut app, Action::SetSort(Sort::Date));
    let dates: Vec<_> = app
        .articles_view
        .iter()
        .map(|&a| app.index.articles[a].article.meta.date.clone().unwrap())
        .collect();
    assert_eq!(dates, ["2024-03-03", "2024-03-02", "2024-03-02"]);
    let claim = app.claim(2, 0).clone();
    app.set_record(
        &claim.id,
        Some(VerdictRecord {
            id: claim.id.clone(),
            verdict: Some(Verdict::Disputed),
            ..Default::default()
        }),
    );
    app.recount();
    update(&mut app, Action::SetSort(Sort::Verdict));
    assert_eq!(app.articles_view[0], 2, "the disputed article first");
    // Selecting a claim finds its article in a sorted list.
    let e = english(&app);
    let id = app.claim(e, 0).id.to_string();
    update(&mut app, Action::Goto(id));
    assert_eq!(app.selected_claim(), Some((e, 0)));
}

#[test]
fn saved_views_apply_filter_and_sort() {
    let (_d, mut app) = app();
    app.settings
        .views
        .insert("numbers".into(), "pending kind number sort date".into());
    app.settings
        .views
        .insert("broken".into(), "sideways".into());
    update(&mut app, Action::ApplyView("numbers".into()));
    assert_eq!(app.filter.label(), "pending · kind number");
    assert_eq!(app.sort, Sort::Date);
    assert!(
        app.message
            .clone()
            .unwrap()
            .text
            .starts_with("view numbers: filter")
    );
    update(&mut app, Action::ApplyView(String::new()));
    assert!(
        app.message
            .clone()
            .unwrap()
            .text
            .contains("broken, numbers")
    );
    update(&mut app, Action::ApplyView("broken".into()));
    assert!(app.message.clone().unwrap().error);
    update(&mut app, Action::ApplyView("gone".into()));
    assert!(app.message.unwrap().text.contains("no view `gone`"));
}

#[test]
fn copy_keys_write_exact_osc52_bytes_through_the_terminal_layer() {
    let (_d, mut app) = app();
    let e = english(&app);
    let id = app.claim(e, 0).id.clone();
    update(&mut app, Action::Goto(id.to_string()));
    let effects = update(&mut app, Action::Copy(CopyWhat::Text));
    // "The transport minister said the new port would handle 40 ships a month."
    let expected = "\x1b]52;c;VGhlIHRyYW5zcG9ydCBtaW5pc3RlciBzYWlkIHRoZSBuZXcgcG9ydCB3b3VsZCBoYW5kbGUgNDAgc2hpcHMgYSBtb250aC4=\x07";
    assert_eq!(effects, vec![Effect::Clipboard(expected.into())]);
    // Through the loop: `Y` (copy-text) and `g y` (copy-id) reach the host's terminal.
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    update(&mut app, Action::Goto(id.to_string()));
    let mut host = ScriptedHost::keys("Y g y");
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run(&mut term, &mut app, &mut session, &mut host).unwrap();
    let id_seq = claimdesk::tui::clipboard::osc52(id.as_str());
    assert_eq!(
        String::from_utf8(host.written).unwrap(),
        format!("{expected}{id_seq}")
    );
}

#[test]
fn copy_with_source_and_url() {
    let (_d, mut app) = app();
    let e = english(&app);
    app.index.articles[e].article.meta.url = Some("https://example.org/port\x1b[2J".into());
    let id = app.claim(e, 0).id.to_string();
    update(&mut app, Action::Goto(id));
    let effects = update(&mut app, Action::Copy(CopyWhat::Source));
    let [Effect::Clipboard(seq)] = effects.as_slice() else {
        panic!("one clipboard effect: {effects:?}")
    };
    let text = "The transport minister said the new port would handle 40 ships a month. \
                — Coast Herald, 2024-03-02, “New port opens on the coast”, https://example.org/port [2J";
    assert_eq!(*seq, claimdesk::tui::clipboard::osc52(text));
    assert!(
        seq.bytes().filter(|&b| b < 0x20).eq([0x1b, 0x07]),
        "only the OSC frame is control"
    );
    assert!(update(&mut app, Action::Copy(CopyWhat::Evidence(1))).is_empty());
    assert!(app.message.unwrap().text.contains("no evidence"));
}

#[test]
fn urls_open_with_a_display_and_are_shown_without_one() {
    let (_d, mut app) = app();
    let e = english(&app);
    app.index.articles[e].article.meta.url = Some("https://example.org/port".into());
    let id = app.claim(e, 0).id.to_string();
    update(&mut app, Action::Goto(id));
    assert_eq!(
        update(&mut app, Action::OpenUrl(None)),
        vec![Effect::OpenUrl("https://example.org/port".into())]
    );
    app.index.articles[e].article.meta.url = Some("file:///etc/passwd".into());
    assert!(update(&mut app, Action::OpenUrl(None)).is_empty());
    assert!(
        app.message
            .clone()
            .unwrap()
            .text
            .contains("not a web address")
    );
    // Through the loop, without a display: the URL is printed in the message line.
    let desk = crate::support::tui::temp_desk();
    let (mut app, mut session) = crate::support::tui::open(desk.path(), true);
    app.index.articles[e].article.meta.url = Some("https://example.org/port".into());
    let id = app.claim(e, 0).id.to_string();
    update(&mut app, Action::Goto(id));
    let mut host = ScriptedHost::keys("o");
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run(&mut term, &mut app, &mut session, &mut host).unwrap();
    assert_eq!(host.opened, ["https://example.org/port"]);
    assert_eq!(
        app.message.unwrap().text,
        "no display here; the URL: https://example.org/port"
    );
}

fn judgement(analyst: &str) -> Judgement {
    Judgement {
        verdict: Some(Verdict::Confirmed),
        rating: None,
        note: "the harbour office confirmed forty ships a month in writing".into(),
        evidence: vec!["https://example.org/harbour-office/statement-2024-03".into()],
        analyst: analyst.into(),
        updated: "2026-11-21T10:05:00Z".into(),
    }
}

#[test]
fn compare_opens_only_when_there_is_something_to_compare() {
    let (_d, mut app) = app();
    update(&mut app, Action::PaneRight);
    update(&mut app, Action::Compare);
    assert_eq!(app.overlay, Overlay::None);
    assert!(
        app.message
            .clone()
            .unwrap()
            .text
            .contains("nothing to compare")
    );
    let (a, c) = app.selected_claim().unwrap();
    let id = app.claim(a, c).id.clone();
    app.set_record(
        &id,
        Some(VerdictRecord {
            id: id.clone(),
            verdict: Some(Verdict::Disputed),
            conflicts: vec![judgement("Lina")],
            ..Default::default()
        }),
    );
    update(&mut app, Action::Compare);
    assert_eq!(app.overlay, Overlay::Compare { scroll: 0 });
    // A verdict key decides: the view closes and the verdict is saved.
    let effects = update(&mut app, Action::Confirm);
    assert_eq!(app.overlay, Overlay::None);
    assert!(matches!(effects.as_slice(), [Effect::Save(_)]));
    assert!(app.verdicts[&id].conflicts.is_empty());
}

#[test]
fn stale_filter_says_how_many_verdicts_have_no_sentence_left() {
    let (_d, mut app) = app();
    let gone = ClaimId("0123456789ab".to_string().into());
    app.set_record(
        &gone,
        Some(VerdictRecord {
            id: gone.clone(),
            verdict: Some(Verdict::Disputed),
            claim: "A sentence no article holds any more.".into(),
            ..Default::default()
        }),
    );
    // A verdict quoting other words than the sentence has now.
    let claim = app.claim(0, 0).clone();
    app.set_record(
        &claim.id,
        Some(VerdictRecord {
            id: claim.id.clone(),
            verdict: Some(Verdict::Confirmed),
            claim: "an older wording".into(),
            ..Default::default()
        }),
    );
    update(&mut app, Action::Refine(parse("stale").unwrap()));
    assert!(app.claim_passes(0, 0));
    let msg = app.message.unwrap().text;
    assert!(msg.contains("1 verdicts whose sentence is gone"), "{msg}");
}

#[test]
fn a_reattached_verdict_keeps_the_old_sentence_for_the_compare_view() {
    claimdesk::index::cache::set_racy_margin(std::time::Duration::ZERO);
    let desk = crate::support::tui::temp_desk();
    let cache = tempfile::tempdir().unwrap();
    drop(crate::support::tui::open_cached(desk.path(), cache.path()));
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run(
        &mut term,
        &mut app,
        &mut session,
        &mut ScriptedHost::keys("l c"),
    )
    .unwrap();
    drop(session);
    // The confirmed claim is wire copy: its figure changes in both articles.
    for name in ["01-port.txt", "02-port-wire.txt"] {
        let path = desk.path().join("articles").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("40 سفينة", "45 سفينة")).unwrap();
    }
    let (mut app, mut session) = crate::support::tui::open_cached(desk.path(), cache.path());
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keys = "/ text:سفينة enter";
    run(
        &mut term,
        &mut app,
        &mut session,
        &mut ScriptedHost::keys(keys),
    )
    .unwrap();
    let moved = app
        .verdicts
        .values()
        .find(|r| r.recheck)
        .expect("re-attached")
        .clone();
    let old = app
        .recheck_before
        .get(&moved.id)
        .expect("the old sentence kept");
    assert!(
        old.contains("40 سفينة") && moved.claim.contains("45 سفينة"),
        "{old}"
    );
    // The compare view diffs them: only the figure changed.
    update(&mut app, Action::Goto(moved.id.to_string()));
    let cmp = claimdesk::tui::compare::of_selected(&app).unwrap();
    let (before, diff) = cmp.recheck.unwrap().expect("known");
    let words = |t: &str, r: &[std::ops::Range<usize>]| -> Vec<String> {
        r.iter().map(|r| t[r.clone()].to_string()).collect()
    };
    assert_eq!(words(&before, &diff.removed), ["40"]);
    assert_eq!(words(&cmp.now, &diff.added), ["45"]);
}
