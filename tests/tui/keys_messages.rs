//! Keys and messages: `u` undoes and `ctrl-r` redoes (vim), `w` unverifies,
//! `R` reloads; `?` shows in the hint bar at 80x24; `G` scrolls the help;
//! `:` + Tab on an empty line lists every command; the message log keeps an
//! earlier error a later message would have hidden; a note of several lines
//! shows as several rows. Snapshots of the message log and of an Arabic
//! note prompt at 80x24 and 120x40.

use claimdesk::store::{Verdict, VerdictRecord};
use claimdesk::tui::action::Action;
use claimdesk::tui::app::{App, Overlay};
use claimdesk::tui::i18n::Lang;
use claimdesk::tui::input::handle_key;
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app() -> (crate::support::tui::TempDesk, App) {
    let desk = crate::support::tui::temp_desk();
    let (app, _session) = crate::support::tui::open(desk.path(), false);
    (desk, app)
}

fn key(app: &mut App, code: KeyCode) {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    term
}

fn rows(term: &Terminal<TestBackend>) -> Vec<String> {
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn u_undoes_ctrl_r_redoes_and_w_unverifies() {
    let (_d, mut app) = app();
    typed(&mut app, "l");
    let (a, c) = app.selected_claim().unwrap();
    let id = app.claim(a, c).id.clone();
    typed(&mut app, "c");
    assert_eq!(app.verdict_of(&id), Some(Verdict::Confirmed));
    typed(&mut app, "u");
    assert_eq!(app.verdict_of(&id), None, "u undoes, it does not unverify");
    ctrl(&mut app, 'r');
    assert_eq!(
        app.verdict_of(&id),
        Some(Verdict::Confirmed),
        "ctrl-r redoes"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("redone"))
    );
    ctrl(&mut app, 'r');
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("nothing to redo"))
    );
    // A new change empties the redo list.
    typed(&mut app, "u");
    assert_eq!(app.verdict_of(&id), None);
    update(&mut app, Action::PaneRight);
    claimdesk::tui::update::select_claim(&mut app, a, c);
    typed(&mut app, "w");
    assert_eq!(
        app.verdict_of(&id),
        Some(Verdict::Unverified),
        "w unverifies"
    );
    assert!(app.redo.is_empty());
    assert_eq!(
        app.keymap.first_key(&Action::Reload).as_deref(),
        Some("R"),
        "reload moved to R"
    );
}

#[test]
fn help_is_in_the_hint_bar_at_80x24_and_g_scrolls_it() {
    let (_d, mut app) = app();
    let term = screen(&mut app, (80, 24));
    assert!(rows(&term)[22].contains("? help"), "{:?}", rows(&term)[22]);
    typed(&mut app, "?");
    typed(&mut app, "G");
    let Overlay::Help { scroll } = app.overlay else {
        panic!("G closed the help: {:?}", app.overlay);
    };
    assert!(scroll > 0, "G went to the end");
    let term = screen(&mut app, (80, 24));
    let text = rows(&term).join("\n");
    assert!(
        text.contains("messages"),
        "the last rows are shown:\n{text}"
    );
    typed(&mut app, "k");
    assert!(matches!(app.overlay, Overlay::Help { scroll: s } if s + 1 == scroll));
}

#[test]
fn tab_on_an_empty_command_line_lists_every_command() {
    let (_d, mut app) = app();
    typed(&mut app, ":");
    key(&mut app, KeyCode::Tab);
    let Overlay::Prompt(p) = &app.overlay else {
        panic!("no prompt");
    };
    assert_eq!(p.completions.len(), claimdesk::tui::commands::names().len());
    let text = rows(&screen(&mut app, (120, 40))).join("\n");
    for name in claimdesk::tui::commands::names() {
        assert!(text.contains(name), "`{name}` not listed:\n{text}");
    }
}

#[test]
fn a_later_message_does_not_hide_an_earlier_error() {
    let (_d, mut app) = app();
    app.error("keys: `fly` is no action (line 3 of config.toml)");
    app.say("re-attached 2 verdicts");
    let text = rows(&screen(&mut app, (80, 24))).join("\n");
    assert!(text.contains("re-attached"), "{text}");
    assert!(
        text.contains("✖ keys: `fly`"),
        "the error stays on the status line:\n{text}"
    );
    typed(&mut app, "M");
    assert!(matches!(app.overlay, Overlay::Messages { .. }));
    let text = rows(&screen(&mut app, (80, 24))).join("\n");
    assert!(text.contains("keys: `fly` is no action"), "{text}");
    assert!(text.contains("re-attached 2 verdicts"), "{text}");
    // Opening the log acknowledges the error.
    assert!(app.log.pending_error().is_none());
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Overlay::None), "esc closes the log");
    typed(&mut app, ":");
    typed(&mut app, "messages");
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Overlay::Messages { .. }),
        ":messages opens it too"
    );
}

#[test]
fn a_note_of_several_lines_shows_as_several_rows() {
    let (_d, mut app) = app();
    typed(&mut app, "l");
    update(
        &mut app,
        Action::SetNote("first line of the note\nsecond line\nthird line".into()),
    );
    let text = rows(&screen(&mut app, (120, 40))).join("\n");
    for line in ["first line of the note", "second line", "third line"] {
        assert_eq!(
            text.lines().filter(|l| l.contains(line)).count(),
            1,
            "{line:?} on a row of its own:\n{text}"
        );
    }
}

/// The fixture's first claim disputed, with two messages and an error logged.
fn logged() -> (crate::support::tui::TempDesk, App) {
    let (d, mut app) = app();
    let claim = app.index.articles[0].extraction.claims[0].clone();
    app.set_record(
        &claim.id,
        Some(VerdictRecord {
            id: claim.id.clone(),
            verdict: Some(Verdict::Disputed),
            analyst: "tester".into(),
            updated: "2026-11-21T09:40:00Z".into(),
            ..Default::default()
        }),
    );
    app.say("filter: pending (2 articles)");
    app.error("not saved, mark reverted: rules/ar/claims.verdicts.toml has conflict markers");
    app.say("re-attached 1 verdict");
    (d, app)
}

/// Clears the times of the log (they are wall-clock) from a screen.
fn without_times(term: &Terminal<TestBackend>) -> String {
    let re = regex::Regex::new(r"\d\d:\d\d:\d\d").unwrap();
    re.replace_all(&rows(term).join("\n"), "hh:mm:ss")
        .into_owned()
}

#[test]
fn snapshots_of_the_message_log() {
    for size in SIZES {
        let (_d, mut app) = logged();
        update(&mut app, Action::Messages);
        let term = screen(&mut app, size);
        insta::assert_snapshot!(
            format!("message_log_{}x{}", size.0, size.1),
            without_times(&term)
        );
    }
}

#[test]
fn snapshots_of_an_arabic_note_prompt() {
    for size in SIZES {
        let (_d, mut app) = app();
        app.settings.lang = Lang::Ar;
        typed(&mut app, "li");
        typed(&mut app, "Lina تقول إن الرقم 35 وليس 36");
        let term = screen(&mut app, size);
        insta::assert_snapshot!(
            format!("arabic_prompt_{}x{}", size.0, size.1),
            term.backend()
        );
    }
}
