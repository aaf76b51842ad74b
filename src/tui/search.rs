//! `/` search: titles and claim sentences, folded with
//! `text::normalize::fold_for_search` on both sides (Arabic spelling
//! variants and case), hits in desk order, `n`/`N` to walk them.

use super::action::Filter;
use super::app::{App, Pane, Screen, Search};
use super::update::{scroll_into_view, select_claim};

fn normalized(s: &str) -> String {
    crate::text::normalize::fold_for_search(s)
}

/// Searches titles and claims for `query` and selects the first hit after the selection.
pub fn search(app: &mut App, query: &str) {
    let needle = normalized(query.trim());
    if needle.is_empty() {
        app.search = None;
        return;
    }
    if app.search_index.is_none() {
        // Every claim's sentence is searched: every text must be read.
        app.finish_texts();
    }
    let folded = app.search_index.get_or_insert_with(|| {
        app.index
            .articles
            .iter()
            .map(|art| {
                let claims = art
                    .extraction
                    .claims
                    .iter()
                    // Every text is read first (`finish_texts`).
                    .map(|c| normalized(art.text(c.range.clone()).unwrap_or_default()))
                    .collect();
                (normalized(&art.article.meta.title), claims)
            })
            .collect()
    });
    let mut hits = Vec::new();
    for (a, (title, claims)) in folded.iter().enumerate() {
        if title.contains(&needle) {
            hits.push((a, None));
        }
        for (c, text) in claims.iter().enumerate() {
            if text.contains(&needle) {
                hits.push((a, Some(c)));
            }
        }
    }
    let count = hits.len();
    app.search = Some(Search {
        query: query.trim().to_string(),
        needle,
        hits,
    });
    if count == 0 {
        match app.loading {
            // Never a false "not found" while the desk is still coming in.
            Some((done, total)) => app.error(format!(
                "not found in the {} articles loaded so far ({done}/{total} of the rest \
                 read); search again once the desk is loaded",
                app.index.articles.len()
            )),
            None => app.error(format!("not found: {}", query.trim())),
        }
        return;
    }
    step(app, true);
}

/// Selects the next (or previous) hit of the active search.
pub fn step(app: &mut App, forward: bool) {
    let Some(s) = &app.search else {
        app.error("no search (/ starts one)");
        return;
    };
    if s.hits.is_empty() {
        return;
    }
    let here = match (app.selected_article(), app.focus) {
        (Some(a), Pane::Claims) => (a, app.claims_view.get(app.claim_sel).copied()),
        (Some(a), Pane::Articles) => (a, None),
        (None, _) => (0, None),
    };
    let key = |h: &(usize, Option<usize>)| (h.0, h.1.map_or(0, |c| c + 1));
    let here_key = key(&here);
    let hit = if forward {
        s.hits.iter().find(|h| key(h) > here_key).or(s.hits.first())
    } else {
        s.hits
            .iter()
            .rev()
            .find(|h| key(h) < here_key)
            .or(s.hits.last())
    }
    .copied();
    app.screen = Screen::Main;
    if let Some(k) = hit.and_then(|h| s.hits.iter().position(|x| *x == h)) {
        app.say(format!(
            "hit {}/{} for “{}” (n/N)",
            k + 1,
            s.hits.len(),
            s.query
        ));
    }
    match hit {
        Some((a, Some(c))) => select_claim(app, a, c),
        Some((a, None)) => {
            if app.articles_view.binary_search(&a).is_err() {
                app.filter = Filter::All;
                app.refresh_articles();
            }
            if let Ok(pos) = app.articles_view.binary_search(&a) {
                app.article_sel = pos;
                app.refresh_claims(None);
            }
            app.focus = Pane::Articles;
            scroll_into_view(app);
        }
        None => {}
    }
}
