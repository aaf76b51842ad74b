//! `/` search: every sentence of every article (claims or not) and every
//! title, folded with `text::normalize::fold_for_search` on both sides
//! (Arabic spelling variants and case, the rules' own normalisation), hits
//! in desk order, `n`/`N` to walk them across articles. A query that is a
//! claim id (or a prefix of 6+ hex digits) goes to that claim (`:goto`).
//!
//! Texts not read yet are read before the first search, so a search never
//! answers "not found" for a text it has not looked at.

use rayon::prelude::*;

use super::app::{App, Pane, Screen, Search};
use super::filter::ClaimFilter;
use super::update::{scroll_into_view, select_claim};
use crate::session::IdError;

fn normalized(s: &str) -> String {
    crate::text::normalize::fold_for_search(s)
}

/// The desk's texts folded for search, built on the first search and
/// dropped when the desk changes.
#[derive(Debug, Default)]
pub struct SearchIndex {
    articles: Vec<Folded>,
}

/// One article folded: its title, and its sentences joined by newlines
/// with where each starts.
#[derive(Debug, Default)]
struct Folded {
    title: String,
    text: String,
    starts: Vec<u32>,
}

impl SearchIndex {
    /// Folds every title and sentence of `index` (in parallel).
    pub fn build(index: &crate::index::DeskIndex) -> SearchIndex {
        let articles = index
            .articles
            .par_iter()
            .map(|art| {
                let sentences = &art.extraction.sentences;
                let room: usize = sentences.iter().map(|s| s.range.len() + 1).sum();
                let mut text = String::with_capacity(room);
                let mut starts = Vec::with_capacity(sentences.len());
                for s in sentences {
                    starts.push(text.len() as u32);
                    // Every text is read before the index is built
                    // (`finish_texts`); one that could not be is searched empty.
                    let folded = normalized(art.text(s.range.clone()).unwrap_or_default());
                    // A sentence never holds the separator once folded.
                    if folded.contains('\n') {
                        text.push_str(&folded.replace('\n', " "));
                    } else {
                        text.push_str(&folded);
                    }
                    text.push('\n');
                }
                text.shrink_to_fit();
                Folded {
                    title: normalized(&art.article.meta.title),
                    text,
                    starts,
                }
            })
            .collect();
        SearchIndex { articles }
    }

    /// The bytes the folded texts take (titles, sentences, their starts).
    pub fn heap_bytes(&self) -> usize {
        self.articles
            .iter()
            .map(|f| f.title.capacity() + f.text.capacity() + f.starts.capacity() * 4)
            .sum()
    }

    /// Every hit of a folded `needle`: (article, `None` for the title or
    /// the sentence), in desk order, each sentence once.
    pub fn hits(&self, needle: &str) -> Vec<(usize, Option<usize>)> {
        let per_article: Vec<Vec<(usize, Option<usize>)>> = self
            .articles
            .par_iter()
            .enumerate()
            .map(|(a, f)| {
                let mut out = Vec::new();
                if f.title.contains(needle) {
                    out.push((a, None));
                }
                for (at, _) in f.text.match_indices(needle) {
                    let s = f.starts.partition_point(|&st| st as usize <= at) - 1;
                    if out.last() != Some(&(a, Some(s))) {
                        out.push((a, Some(s)));
                    }
                }
                out
            })
            .collect();
        per_article.into_iter().flatten().collect()
    }
}

/// Searches every title and sentence for `query` (or goes to the claim a
/// typed id names) and selects the first hit after the selection.
pub fn search(app: &mut App, query: &str) {
    let query = query.trim();
    if looks_like_id(query) && goto(app, query, true) {
        return;
    }
    let needle: String = normalized(query)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if needle.is_empty() {
        app.search = None;
        return;
    }
    if app.search_index.is_none() {
        // Every sentence is searched: every text must be read first.
        app.finish_texts();
    }
    let index = app
        .search_index
        .get_or_insert_with(|| SearchIndex::build(&app.index));
    let hits = index.hits(&needle);
    let count = hits.len();
    app.search = Some(Search {
        query: query.to_string(),
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
            None => {
                let unread = app.index.articles.iter().filter(|a| !a.has_text()).count();
                let why = if unread > 0 {
                    format!(" ({unread} articles could not be read and were not searched)")
                } else {
                    String::new()
                };
                app.error(format!("not found in any title or sentence: {query}{why}"));
            }
        }
        return;
    }
    step(app, true);
}

/// True for text that could be a claim id: 6 to 12 hex digits (an ellipsis after is allowed).
fn looks_like_id(q: &str) -> bool {
    let q = q.trim_end_matches('…');
    (crate::session::MIN_PREFIX..=12).contains(&q.len()) && q.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Goes to the claim `typed` names (`:goto`). Several candidates become
/// the search's hits (`n`/`N` walk them). With `quiet_miss`, an id that
/// names nothing returns false and says nothing (the search goes on as text).
pub fn goto(app: &mut App, typed: &str, quiet_miss: bool) -> bool {
    let resolved = crate::session::resolve_in(&app.index, app.verdicts.keys(), typed);
    let id = match resolved {
        Ok(id) => id,
        Err(IdError::Ambiguous { prefix, candidates }) => {
            let hits: Vec<(usize, Option<usize>)> = candidates
                .iter()
                .filter_map(|id| app.index.appearances(id).first().copied())
                .map(|r| (r.article, Some(app.claim(r.article, r.claim).sentence)))
                .collect();
            let shown: Vec<&str> = candidates.iter().take(6).map(|c| c.as_str()).collect();
            let more = candidates.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" +{more}")
            } else {
                String::new()
            };
            app.search = Some(Search {
                query: prefix.clone(),
                needle: String::new(),
                hits,
            });
            step(app, true);
            app.say(format!(
                "id {prefix} names {} claims: {}{more}; n/N walks them, more digits pick one",
                candidates.len(),
                shown.join(", ")
            ));
            return true;
        }
        Err(e @ IdError::Malformed(_)) | Err(e @ IdError::NotFound(_)) => {
            if !quiet_miss {
                app.error(e.to_string());
            }
            return false;
        }
    };
    match app.index.appearances(&id).first().copied() {
        Some(at) => {
            app.screen = Screen::Main;
            select_claim(app, at.article, at.claim);
            app.say(format!("claim {id}"));
        }
        None => app.error(format!(
            "claim {id} has a verdict but its sentence is no longer in the desk (stale; `claimdesk check` lists it)"
        )),
    }
    true
}

/// Where the selection is, in the order of hits: (article, 0 for the
/// title, sentence + 1).
fn here(app: &App) -> (usize, usize) {
    let Some(a) = app.selected_article() else {
        return (0, 0);
    };
    match (app.screen, app.focus) {
        (Screen::Article, _) => (a, app.sentence + 1),
        (Screen::Main, Pane::Claims) => (
            a,
            app.claims_view
                .get(app.claim_sel)
                .map_or(0, |&c| app.claim(a, c).sentence + 1),
        ),
        (Screen::Main, Pane::Articles) => (a, 0),
    }
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
    let key = |h: &(usize, Option<usize>)| (h.0, h.1.map_or(0, |c| c + 1));
    let here_key = here(app);
    let pos = if forward {
        s.hits.iter().position(|h| key(h) > here_key).unwrap_or(0)
    } else {
        s.hits
            .iter()
            .rposition(|h| key(h) < here_key)
            .unwrap_or(s.hits.len() - 1)
    };
    let hit = s.hits[pos];
    let (total, query) = (s.hits.len(), s.query.clone());
    let claim = hit.1.and_then(|sentence| {
        app.index.articles[hit.0]
            .extraction
            .claims
            .iter()
            .position(|c| c.sentence == sentence)
    });
    let mut said = format!("hit {}/{total} for “{query}” (n/N)", pos + 1);
    match (hit, claim) {
        ((a, Some(_)), Some(c)) => select_claim(app, a, c),
        ((a, Some(sentence)), None) => {
            // Not a claim: the article view at that sentence, where `m` marks it.
            show_article(app, a);
            app.screen = Screen::Article;
            app.sentence = sentence;
            if let Some(k) = app.keymap.first_key(&super::action::Action::MarkClaim) {
                said.push_str(&format!(" · not a claim: {k} makes it one"));
            }
        }
        ((a, None), _) => {
            show_article(app, a);
            app.screen = Screen::Main;
            app.focus = Pane::Articles;
        }
    }
    scroll_into_view(app);
    app.say(said);
}

/// Selects article `a` in the list, widening the filter when it hides it.
fn show_article(app: &mut App, a: usize) {
    if app.article_pos(a).is_none() {
        app.filter = ClaimFilter::default();
        app.refresh_articles();
    }
    if let Some(pos) = app.article_pos(a)
        && pos != app.article_sel
    {
        app.article_sel = pos;
        app.refresh_claims(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_told_from_words() {
        assert!(looks_like_id("856452"));
        assert!(looks_like_id("856452bd9634"));
        assert!(looks_like_id("856452bd…"));
        assert!(!looks_like_id("85645"));
        assert!(!looks_like_id("summit"));
        assert!(!looks_like_id("856452bd9634a"));
    }
}
