//! Measures the TUI's full-text search on a real desk: the first search
//! (every text read, every sentence folded), then later searches.
//!
//! `cargo run --example search_desk -- DESK [CACHE_DIR] [QUERY…]`
//! (the cache folder defaults to a temporary one: the first run extracts
//! every article; run it twice for the quick start's figures).

use std::time::Instant;

use claimdesk::desk::Desk;
use claimdesk::tui::action::Action;
use claimdesk::tui::app::{App, Settings};
use claimdesk::tui::keymap::Keymap;
use claimdesk::tui::update::update;

fn sentences_of(app: &App) -> usize {
    app.index
        .articles
        .iter()
        .map(|a| a.extraction.sentences.len())
        .sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: search_desk DESK [CACHE_DIR] [QUERY…]");
        std::process::exit(2);
    };
    let cache = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("claimdesk-search-desk-cache"));
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = ["الحكومة", "وزير الخارجية", "president", "zzqqxx"]
            .map(String::from)
            .to_vec();
    }
    let t = Instant::now();
    let desk = Desk::discover(std::path::Path::new(&root)).expect("a desk");
    let channel = claimdesk::tui::session::Channel::new();
    let loaded = claimdesk::tui::session::load(desk, Some(&cache), &channel.sink(), &|_, _| {})
        .expect("loads");
    let mut app = App::new(
        loaded.index,
        loaded.records,
        Keymap::default(),
        Settings::default(),
    );
    let unread = app.index.articles.iter().filter(|a| !a.has_text()).count();
    let sentences: usize = app
        .index
        .articles
        .iter()
        .map(|a| a.extraction.sentences.len())
        .sum();
    println!(
        "open: {} articles ({unread} texts not read yet), {} claims, in {:.2?}",
        app.index.articles.len(),
        app.index.claim_count(),
        t.elapsed()
    );
    update(&mut app, Action::Resize(80, 24));
    if std::env::var_os("SEARCH_DESK_PHASES").is_some() {
        // The first search's two phases on their own: every text read, then folded.
        let t = Instant::now();
        app.finish_texts();
        println!("texts read: {:.2?}", t.elapsed());
        let t = Instant::now();
        let index = claimdesk::tui::search::SearchIndex::build(&app.index);
        println!(
            "{} sentences folded: {:.2?}",
            sentences_of(&app),
            t.elapsed()
        );
        app.search_index = Some(index);
    }
    // Filters and sorts over the whole desk.
    for line in [
        "filter kind number",
        "filter outlet cnn",
        "filter clear",
        "filter from 2010-01-01 to 2010-12",
        "filter clear",
    ] {
        let action = claimdesk::tui::commands::parse(line).expect("a command");
        let t = Instant::now();
        update(&mut app, action);
        println!(
            ":{line}: {:.2?} · {}",
            t.elapsed(),
            app.message.as_ref().map_or("", |m| m.text.as_str())
        );
    }
    for word in ["date", "outlet", "verdict", "desk"] {
        let action = claimdesk::tui::commands::parse(&format!("sort {word}")).expect("a command");
        let t = Instant::now();
        update(&mut app, action);
        println!(":sort {word}: {:.2?}", t.elapsed());
    }
    for (k, q) in queries.iter().enumerate() {
        let t = Instant::now();
        update(&mut app, Action::Search(q.clone()));
        let took = t.elapsed();
        let hits = app.search.as_ref().map_or(0, |s| s.hits.len());
        if k == 0 {
            let bytes = app.search_index.as_ref().map_or(0, |i| i.heap_bytes());
            let text: usize = app
                .index
                .articles
                .iter()
                .map(|a| a.article.text.len())
                .sum();
            println!(
                "search index: {:.1} MB for {:.1} MB of text",
                bytes as f64 / 1e6,
                text as f64 / 1e6
            );
        }
        let sentences_now: usize = app
            .index
            .articles
            .iter()
            .map(|a| a.extraction.sentences.len())
            .sum();
        println!(
            "search {:?}: {hits} hits in {took:.2?}{}",
            q,
            if k == 0 {
                format!(
                    " (first: texts read and {sentences_now} sentences folded; {sentences} known before)"
                )
            } else {
                String::new()
            }
        );
        let t = Instant::now();
        for _ in 0..10 {
            update(&mut app, Action::SearchNext);
        }
        println!("  n ×10: {:.2?}", t.elapsed());
    }
}
