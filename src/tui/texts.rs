//! The texts a desk opened without (the cache vouched for them): read in
//! the background after the first screen, the selected article's at once,
//! and all of them before anything needs the whole desk's text (search).

use crate::index::{TextFill, TextLoader};

use super::app::App;

impl App {
    /// Starts reading, in the background, the texts not read yet (if any),
    /// once per desk loaded: called after the first frame is drawn, so the
    /// reading does not slow it down.
    pub fn start_reading_texts(&mut self) {
        if self.texts_started {
            return;
        }
        self.texts_started = true;
        // Rules a second start loaded on trust compile meanwhile.
        self.index.rules.compile_in_background();
        let jobs = self.index.pending_texts();
        self.texts = (!jobs.is_empty()).then(|| TextLoader::spawn(jobs));
        if self.texts.is_none() {
            self.finish_stale_scan();
        }
    }

    /// Takes in the texts read so far; true when something on screen changed
    /// (an article was not what the cache said, or could not be read).
    pub fn poll_texts(&mut self) -> bool {
        let Some(loader) = self.texts.as_mut() else {
            return false;
        };
        let ready = loader.take_ready();
        if loader.is_done() {
            self.texts = None;
        }
        let arrived: Vec<usize> = ready.iter().map(|(a, _)| *a).collect();
        let fills = self.index.fill_texts(ready);
        let visible = !fills.is_empty();
        self.after_fills(fills);
        self.scan_for_stale(&arrived);
        if self.texts.is_none() {
            self.finish_stale_scan();
        }
        visible
    }

    /// Reads every text not read yet, waiting for the background reader.
    pub fn finish_texts(&mut self) {
        if let Some(mut loader) = self.texts.take() {
            let rest = loader.take_rest();
            let fills = self.index.fill_texts(rest);
            self.after_fills(fills);
        }
        if self.index.texts_pending() {
            let fills = self.index.read_all_texts();
            self.after_fills(fills);
        }
        self.finish_stale_scan();
    }

    /// Reads the selected article's text now if it is not read yet, so what
    /// is drawn and saved is never without its sentence.
    pub fn ensure_selected_text(&mut self) {
        let Some(a) = self.selected_article() else {
            return;
        };
        if self.index.articles[a].has_text() {
            return;
        }
        let fill = self.index.read_text(a);
        self.after_fills(vec![(a, fill)]);
    }

    /// The sentence a verdict on claim `c` of article `a` quotes: from the
    /// article, else (its file could not be read) from another article with
    /// the same claim, read now if need be, else as the claim's record
    /// already quotes it.
    pub fn claim_quote(&mut self, a: usize, c: usize) -> String {
        let id = self.claim(a, c).id.clone();
        let places: Vec<(usize, usize)> = std::iter::once((a, c))
            .chain(
                self.index
                    .appearances(&id)
                    .iter()
                    .map(|r| (r.article, r.claim)),
            )
            .collect();
        for (a, c) in places {
            if !self.index.articles[a].has_text() {
                let fill = self.index.read_text(a);
                if !matches!(fill, TextFill::Same | TextFill::Already) {
                    // Failed, or extracted again (claims renumbered): next place.
                    self.after_fills(vec![(a, fill)]);
                    continue;
                }
            }
            let claims = &self.index.articles[a].extraction.claims;
            if claims.get(c).is_some_and(|claim| claim.id == id) {
                return self.claim_text(a, c).to_string();
            }
        }
        self.verdicts
            .get(&id)
            .map(|r| r.claim.clone())
            .unwrap_or_default()
    }

    /// Brings the views up to date after texts came in that were not what
    /// the cache said (the desk was reindexed), and reports unreadable files.
    fn after_fills(&mut self, fills: Vec<(usize, TextFill)>) {
        let mut changed = false;
        for (_, fill) in fills {
            match fill {
                TextFill::Changed => changed = true,
                TextFill::Failed(problem) => self.error(problem.to_string()),
                TextFill::Same | TextFill::Already => {}
            }
        }
        if changed {
            self.desk_changed();
            self.say("an article changed on disk since it was cached; extracted again");
        }
    }

    /// Refreshes everything drawn from the desk's claims and verdicts after
    /// they changed under the views.
    pub(super) fn desk_changed(&mut self) {
        let claim = self.selected_claim().map(|(_, c)| c);
        self.search_index = None;
        self.search = None;
        self.forget_matches();
        self.forget_links();
        self.recount();
        self.refresh_articles();
        self.refresh_claims(claim);
    }
}
