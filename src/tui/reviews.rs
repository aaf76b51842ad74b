//! Imported reviews in the workbench: the desk's library read once, on
//! first use, and the reviews matching the selected claim (by the linking
//! core, see [`crate::reviews::ReviewLibrary::matches`]), kept for the
//! claim last shown.

use crate::extract::ClaimId;
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
        let id: ClaimId = self.index.articles[a].extraction.claims[c].id.clone();
        let cached = self
            .review_matches
            .borrow()
            .as_ref()
            .filter(|(k, _)| *k == id)
            .map(|(_, m)| m.clone());
        let matches = match cached {
            Some(m) => m,
            None => {
                let m = library.matches(self.claim_text(a, c));
                self.review_matches.replace(Some((id, m.clone())));
                m
            }
        };
        matches
            .into_iter()
            .filter_map(|m| Some((m, library.reviews.get(m.review)?)))
            .collect()
    }
}
