//! The texts a desk opened without (the cache vouched for them): read in
//! the background after the first screen, the selected article's at once,
//! and all of them before anything needs the whole desk's text (search).

use crate::index::{ReadText, TextFill, TextReading};

use super::app::App;

impl App {
    /// Starts reading, in the background, the texts not read yet (if any),
    /// once per desk loaded: called after the first frame is drawn, so the
    /// reading does not slow it down. The texts arrive as
    /// [`DeskEvent::Texts`](crate::session::DeskEvent) on the loop's channel
    /// ([`App::texts_arrived`]); without a channel they are read on demand.
    pub fn start_reading_texts(&mut self) {
        if self.texts_started {
            return;
        }
        self.texts_started = true;
        // Rules a second start loaded on trust compile meanwhile.
        self.index.rules.compile_in_background();
        let jobs = self.index.pending_texts();
        self.texts = match (&self.background, jobs.is_empty()) {
            (Some(sink), false) => {
                Some(TextReading::spawn(jobs, self.desk_generation, sink.clone()))
            }
            _ => None,
        };
        if self.texts.is_none() && !self.index.texts_pending() {
            self.finish_stale_scan();
        }
    }

    /// Takes in a batch of texts read in the background; true when something
    /// on screen changed (an article was not what the cache said, or could
    /// not be read).
    pub fn texts_arrived(&mut self, batch: Vec<(usize, ReadText)>) -> bool {
        let arrived: Vec<usize> = batch.iter().map(|(a, _)| *a).collect();
        let fills = self.index.fill_texts(batch);
        let visible = !fills.is_empty();
        self.after_fills(fills);
        self.scan_for_stale(&arrived);
        visible
    }

    /// The background reading handed over every text.
    pub fn texts_done(&mut self) {
        self.texts = None;
        if self.index.texts_pending() {
            // Some could not be read; they are read on demand (and say why).
            return;
        }
        self.finish_stale_scan();
    }

    /// Reads every text not read yet, now (the background reading stops).
    pub fn finish_texts(&mut self) {
        if let Some(reading) = self.texts.take() {
            reading.cancel();
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
        // Tried again at each frame (the file may be back); an action on it
        // goes through `text_needed`, which gives up on it once.
        let fill = self.index.read_text(a);
        self.after_fills(vec![(a, fill)]);
    }

    /// An article whose text must be read before an action on the selection:
    /// the selected article's, else the one the selected claim's sentence
    /// would be quoted from (see [`App::claim_quote`]).
    pub fn text_needed(&self) -> Option<usize> {
        let a = self.selected_article()?;
        if !self.index.articles[a].has_text() && !self.unreadable.contains(&a) {
            return Some(a);
        }
        let (a, c) = self.selected_claim()?;
        self.claim_quote(a, c).err()
    }

    /// The sentence a verdict on claim `c` of article `a` quotes: from the
    /// article, else (its file could not be read) from another article with
    /// the same claim, else as the claim's record already quotes it.
    /// `Err(article)` when that article's text must be read first
    /// ([`super::update::Effect::ReadText`]); nothing is read here.
    pub fn claim_quote(&self, a: usize, c: usize) -> Result<String, usize> {
        let id = &self.claim(a, c).id;
        let places = std::iter::once((a, c)).chain(
            self.index
                .appearances(id)
                .iter()
                .map(|r| (r.article, r.claim)),
        );
        for (a, c) in places {
            let art = &self.index.articles[a];
            if !art.has_text() {
                if self.unreadable.contains(&a) {
                    continue;
                }
                return Err(a);
            }
            let claims = &art.extraction.claims;
            if claims.get(c).is_some_and(|claim| &claim.id == id) {
                return Ok(self.claim_text(a, c).to_string());
            }
        }
        Ok(self
            .verdicts
            .get(id)
            .map(|r| r.claim.clone())
            .unwrap_or_default())
    }

    /// Reads article `a`'s text now (the loop's answer to
    /// [`super::update::Effect::ReadText`]); an article that cannot be read
    /// is remembered, so it is not asked for again.
    /// Returns why it could not be read, if it could not.
    pub fn read_text_now(&mut self, a: usize) -> Option<String> {
        let fill = self.index.read_text(a);
        let failed = match &fill {
            TextFill::Failed(problem) => Some(problem.to_string()),
            _ => None,
        };
        if failed.is_some() {
            self.unreadable.insert(a);
        }
        self.after_fills(vec![(a, fill)]);
        failed
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
