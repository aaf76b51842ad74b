//! Measures the TUI on a synthetic desk of 100,000 claims: load, then the
//! cost of moving, marking and drawing at 80x24 (nothing is written to disk).
//!
//! `cargo run --release --example tui_scale [ARTICLES] [SENTENCES]`

use std::time::Instant;

use claimdesk::desk::Desk;
use claimdesk::tui::action::Action;
use claimdesk::tui::app::{App, Settings};
use claimdesk::tui::keymap::Keymap;
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let mut args = std::env::args().skip(1);
    let articles: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let sentences: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let dir = std::env::temp_dir().join(format!("claimdesk-scale-{}", std::process::id()));
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/desk");
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("rules/ar")).unwrap();
    std::fs::copy(fixture.join("claimdesk.toml"), dir.join("claimdesk.toml")).unwrap();
    std::fs::copy(
        fixture.join("rules/ar/claims.toml"),
        dir.join("rules/ar/claims.toml"),
    )
    .unwrap();
    for a in 0..articles {
        let mut text = format!("تقرير رقم {a} عن الميناء\n\n");
        for s in 0..sentences {
            text.push_str(&format!(
                "قال المسؤول في هيئة الموانئ إن الميناء الجديد على الساحل الشرقي استقبل {} سفينة تجارية كبيرة في اليوم {s} من الشهر الماضي بحسب السجلات الرسمية.\n",
                a * 7 + s
            ));
        }
        std::fs::write(dir.join(format!("articles/{a:05}.txt")), text).unwrap();
    }
    let t = Instant::now();
    let desk = Desk::discover(&dir).unwrap();
    let channel = claimdesk::tui::session::Channel::new();
    let loaded = claimdesk::tui::session::load(desk, None, &channel.sink(), &|_, _| {}).unwrap();
    println!(
        "load: {} articles, {} claims in {:?}",
        loaded.index.articles.len(),
        loaded.index.claim_count(),
        t.elapsed()
    );
    let mut app = App::new(
        loaded.index,
        loaded.records,
        Keymap::default(),
        Settings::default(),
    );
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    update(&mut app, Action::Resize(80, 24));
    let mut time = |name: &str, app: &mut App, actions: &[Action], n: usize| {
        let t = Instant::now();
        for _ in 0..n {
            for a in actions {
                let _ = update(app, a.clone());
            }
            term.draw(|f| ui::draw(app, f)).unwrap();
        }
        println!(
            "{name}: {:?} per step+draw ({n} steps)",
            t.elapsed() / n as u32
        );
    };
    time("articles j", &mut app, &[Action::MoveDown], 2000);
    time("articles ctrl-d", &mut app, &[Action::PageDown], 200);
    update(&mut app, Action::PaneRight);
    time("claims j", &mut app, &[Action::MoveDown], 2000);
    time("confirm (state only)", &mut app, &[Action::Confirm], 2000);
    time("next pending ]", &mut app, &[Action::NextPending], 2000);
    time(
        "open/back article",
        &mut app,
        &[Action::Open, Action::Back],
        200,
    );
    time(
        "filter pending",
        &mut app,
        &[Action::SetFilter(claimdesk::tui::action::Filter::Pending)],
        20,
    );
    time(
        "search",
        &mut app,
        &[Action::Search("سفينة في اليوم 7".into())],
        5,
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
