//! In-process interaction latency on ratatui's TestBackend: from an action to
//! the next drawn frame, and from a verdict key to the store's "on disk".

use std::time::{Duration, Instant};

use claimdesk::desk::Desk;
use claimdesk::session::DeskEvent;
use claimdesk::store::writer::StoreEvent;
use claimdesk::tui::action::Action;
use claimdesk::tui::app::{App, Settings};
use claimdesk::tui::keymap::Keymap;
use claimdesk::tui::run::LoopEvent;
use claimdesk::tui::session;
use claimdesk::tui::ui;
use claimdesk::tui::update::{Effect, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// What one interaction run measured.
pub struct Interaction {
    pub claims: usize,
    pub load: Duration,
    /// Per keystroke: update + draw at 80x24.
    pub frames: Vec<Duration>,
    /// Per verdict key: from the keystroke to the writer's "saved" event.
    pub verdicts: Vec<Duration>,
    /// Frames drawn while verdicts were being written, per keystroke.
    pub frames_while_saving: Vec<Duration>,
}

/// The keystrokes an analyst makes while reading: moves in both panes,
/// pages, jumps to pending claims, opening and leaving articles.
fn reading_script() -> Vec<Action> {
    let mut script = Vec::new();
    for round in 0..50 {
        script.extend([Action::MoveDown, Action::MoveDown, Action::PageDown]);
        script.push(Action::PaneRight);
        script.extend([Action::MoveDown, Action::MoveDown, Action::MoveUp]);
        script.extend([
            Action::NextPending,
            Action::NextPending,
            Action::PrevPending,
        ]);
        if round % 5 == 0 {
            script.extend([Action::Open, Action::MoveDown, Action::Back]);
        }
        script.push(Action::PaneLeft);
        script.extend([Action::PageUp, Action::MoveDown]);
    }
    script.extend([Action::Bottom, Action::Top]);
    script
}

/// Loads `desk` (through the extraction cache) and measures.
pub fn measure(desk: &Desk, cache: &std::path::Path, verdicts: usize) -> Interaction {
    let t = Instant::now();
    let channel = session::Channel::new();
    let loaded = session::load(desk.clone(), Some(cache), &channel.sink(), &|_, _| {})
        .expect("load the desk");
    let load = t.elapsed();
    let claims = loaded.index.claim_count();
    let writer = loaded.writer;
    let mut app = App::new(
        loaded.index,
        loaded.records,
        Keymap::default(),
        Settings::default(),
    );
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    update(&mut app, Action::Resize(80, 24));
    term.draw(|f| ui::draw(&app, f)).expect("draw");

    let mut frames = Vec::new();
    for action in reading_script() {
        let t = Instant::now();
        let _ = update(&mut app, action);
        term.draw(|f| ui::draw(&app, f)).expect("draw");
        frames.push(t.elapsed());
    }

    // Verdicts: `c` on the selected claim (the selection then moves on),
    // while the UI keeps drawing; the writer says when each is durable.
    update(&mut app, Action::PaneRight);
    let mut verdict_times = Vec::new();
    let mut frames_while_saving = Vec::new();
    for _ in 0..verdicts {
        let t = Instant::now();
        let effects = update(&mut app, Action::Confirm);
        term.draw(|f| ui::draw(&app, f)).expect("draw");
        frames_while_saving.push(t.elapsed());
        let mut submitted = false;
        for e in effects {
            if let Effect::Save(change) = e {
                writer.submit(change);
                submitted = true;
            }
        }
        if !submitted {
            continue;
        }
        let deadline = t + Duration::from_secs(10);
        'wait: loop {
            while let Some(event) = channel.recv_timeout(Duration::ZERO) {
                let LoopEvent::Desk(DeskEvent::Store(ev)) = event else {
                    continue;
                };
                let saved = matches!(ev, StoreEvent::Saved { .. });
                claimdesk::tui::edits::store_event(&mut app, ev);
                if saved {
                    verdict_times.push(t.elapsed());
                    break 'wait;
                }
            }
            assert!(Instant::now() < deadline, "a verdict was not saved in 10 s");
            // Keep answering keys while the write is in flight.
            let f = Instant::now();
            let _ = update(&mut app, Action::MoveDown);
            let _ = update(&mut app, Action::MoveUp);
            term.draw(|f| ui::draw(&app, f)).expect("draw");
            frames_while_saving.push(f.elapsed());
        }
    }
    writer
        .flush(Duration::from_secs(10))
        .expect("flush the verdicts");
    Interaction {
        claims,
        load,
        frames,
        verdicts: verdict_times,
        frames_while_saving,
    }
}

/// One article of a single paragraph of (just under) 4 MiB (sentences of our own, numbered),
/// opened in the article view: the time of each `j` + draw at 80x24.
pub fn big_article(work: &std::path::Path, keys: usize) -> Vec<Duration> {
    let desk_dir = work.join("bench-big-article");
    let _ = std::fs::remove_dir_all(&desk_dir);
    std::fs::create_dir_all(desk_dir.join("articles")).expect("scratch desk");
    std::fs::write(
        desk_dir.join("claimdesk.toml"),
        "articles = [\"articles\"]\n",
    )
    .expect("desk config");
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    copy_tree(&rules, &desk_dir.join("rules"));
    let mut body = String::from("+++\ntitle = \"One long paragraph\"\nlang = \"ar\"\n+++\n");
    let mut n = 0;
    // Just under the largest article a desk accepts (4 MiB).
    while body.len() < 4 * 1024 * 1024 - 512 {
        n += 1;
        body.push_str(&format!(
            "قال المتحدث إن {n} سفينة عبرت الممر خلال الأسبوع الماضي وفق السجلات الرسمية. "
        ));
    }
    std::fs::write(desk_dir.join("articles/long.md"), body).expect("article");
    let desk = Desk::discover(&desk_dir).expect("open the desk");
    let channel = session::Channel::new();
    let loaded = session::load(desk, None, &channel.sink(), &|_, _| {}).expect("load the desk");
    let mut app = App::new(
        loaded.index,
        loaded.records,
        Keymap::default(),
        Settings::default(),
    );
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    update(&mut app, Action::Resize(80, 24));
    update(&mut app, Action::Open);
    term.draw(|f| ui::draw(&app, f)).expect("draw");
    let mut times = Vec::with_capacity(keys);
    for _ in 0..keys {
        let t = Instant::now();
        let _ = update(&mut app, Action::MoveDown);
        term.draw(|f| ui::draw(&app, f)).expect("draw");
        times.push(t.elapsed());
    }
    assert_eq!(
        app.screen,
        claimdesk::tui::app::Screen::Article,
        "the article view is open"
    );
    assert_eq!(app.sentence, keys, "each key moved one sentence");
    println!(
        "  (the article: {} bytes, {} sentences, {} claims)",
        app.index.articles[0].article.text.len(),
        app.index.articles[0].extraction.sentences.len(),
        app.index.articles[0].extraction.claims.len()
    );
    let _ = std::fs::remove_dir_all(&desk_dir);
    times
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("copy the rules");
    for e in std::fs::read_dir(from).expect("read the rules").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy a rule file");
        }
    }
}
