//! Imported reviews in the workbench: the desk's library read once, on
//! first use, and the reviews matching the selected claim (by the linking
//! core, see [`crate::reviews::ReviewLibrary::match_all`]). The claims of
//! the selected article are matched together (milliseconds, in the draw)
//! and kept for the article last shown. `extract --format json` matches the
//! whole desk in one pass instead; the term weights of the linking core
//! depend on the batch, so a similarity can differ by a few points between
//! the two fronts (and a match right at a threshold can differ in level).

use crate::reviews::{ImportedReview, ReviewLibrary, ReviewMatch, load_library};

use super::app::App;

impl App {
    /// The desk's imported reviews (read from `reviews/imported.toml` on
    /// first use; a file that cannot be read gives none, and `check`-style
    /// problems are not the workbench's to show).
    pub fn review_library(&self) -> &ReviewLibrary {
        self.reviews.get_or_init(|| {
            ReviewLibrary::new(load_library(&self.index.desk.root).unwrap_or_default())
        })
    }

    /// Uses `library` as the desk's imported reviews (tests, reload).
    pub fn set_review_library(&mut self, library: ReviewLibrary) {
        self.reviews = std::cell::OnceCell::from(library);
        self.review_matches.replace(None);
    }

    /// The imported reviews whose `claimReviewed` matches claim `c` of
    /// article `a`, closest first.
    pub fn reviews_of(&self, a: usize, c: usize) -> Vec<(ReviewMatch, &ImportedReview)> {
        let library = self.review_library();
        if library.is_empty() {
            return Vec::new();
        }
        let art = &self.index.articles[a];
        let key = (a, art.extraction.claims.len());
        let fresh = self
            .review_matches
            .borrow()
            .as_ref()
            .is_none_or(|(k, _)| *k != key);
        if fresh {
            let sentences: Vec<&str> = (0..art.extraction.claims.len())
                .map(|i| self.claim_text(a, i))
                .collect();
            let all = library.match_all(&sentences);
            self.review_matches.replace(Some((key, all)));
        }
        let cache = self.review_matches.borrow();
        let matches: Vec<ReviewMatch> = cache
            .as_ref()
            .and_then(|(_, all)| all.get(c).cloned())
            .unwrap_or_default();
        matches
            .into_iter()
            .filter_map(|m| Some((m, library.reviews.get(m.review)?)))
            .collect()
    }
}
