//! Reviews of other fact-checking organisations, imported as reference
//! material (`claimdesk import-reviews`), kept apart from the desk's own
//! verdicts in [`IMPORTED_FILE`], and matched to the desk's claims by the
//! linking core ([`crate::link`]: the same signatures and scores that link
//! claims across outlets). See docs/export.md.

pub mod parse;
pub mod store;

use serde::{Deserialize, Serialize};

use crate::link::{Level, Signature, link_signatures, signature};

pub use parse::{ParseProblem, parse_reviews};
pub use store::{IMPORTED_FILE, ImportSummary, load_library, save_library};

/// One review another organisation published, as kept in the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImportedReview {
    /// The review's address (what de-duplicates reviews).
    pub url: String,
    /// `claimReviewed`: the claim as they quoted it (on one line).
    pub claim: String,
    /// `reviewRating.alternateName` (`False`, `مضلل`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    /// `reviewRating.ratingValue`, and the scale's ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_rating: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_rating: Option<f64>,
    /// The publishing organisation's name and address (`author`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_url: Option<String>,
    /// `datePublished`, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `inLanguage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Where the claim appeared (`itemReviewed.appearance` URLs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appearances: Vec<String>,
    /// The file it was imported from (its name only).
    #[serde(default)]
    pub source: String,
}

impl ImportedReview {
    /// One line for people: `False — A Checks, 2026-05-01`.
    pub fn summary(&self) -> String {
        let mut s = self.rating.clone().unwrap_or_else(|| "(no rating)".into());
        s.push_str(" — ");
        s.push_str(self.author.as_deref().unwrap_or("(no author)"));
        if let Some(d) = &self.date {
            s.push_str(", ");
            s.push_str(d.get(..10).unwrap_or(d));
        }
        s
    }
}

/// A review that matches a claim: which, and how close.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewMatch {
    /// Index into [`ReviewLibrary::reviews`].
    pub review: usize,
    /// [`Level::Same`]: the same claim; [`Level::Similar`]: a suggestion.
    pub level: Level,
    /// The linking similarity, 0 to 1.
    pub similarity: f32,
}

/// The desk's imported reviews with their signatures, ready to match.
#[derive(Debug, Clone, Default)]
pub struct ReviewLibrary {
    /// The reviews, in the order of the file.
    pub reviews: Vec<ImportedReview>,
    sigs: Vec<Signature>,
}

impl ReviewLibrary {
    /// A library of these reviews (their signatures computed once).
    pub fn new(reviews: Vec<ImportedReview>) -> ReviewLibrary {
        let sigs = reviews.iter().map(|r| signature(&r.claim)).collect();
        ReviewLibrary { reviews, sigs }
    }

    /// True when there is no review.
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty()
    }

    /// The reviews matching one claim's sentence, closest first.
    pub fn matches(&self, sentence: &str) -> Vec<ReviewMatch> {
        self.match_all(&[sentence]).pop().unwrap_or_default()
    }

    /// The reviews matching every claim of a desk, by article then claim, in
    /// one pass ([`ReviewLibrary::match_all`] over all of them): what
    /// `extract --format json` lists. Articles whose text is not read have
    /// no matches. Empty lists when there is no review.
    pub fn match_desk(&self, index: &crate::index::DeskIndex) -> Vec<Vec<Vec<ReviewMatch>>> {
        let per_article: Vec<Vec<&str>> = index
            .articles
            .iter()
            .map(|art| {
                if self.is_empty() || !art.has_text() {
                    return Vec::new();
                }
                art.extraction
                    .claims
                    .iter()
                    // Every text is read here (checked above).
                    .map(|c| art.text(c.range.clone()).unwrap_or_default())
                    .collect()
            })
            .collect();
        let flat: Vec<&str> = per_article.iter().flatten().copied().collect();
        let mut all = self.match_all(&flat).into_iter();
        per_article
            .iter()
            .map(|claims| all.by_ref().take(claims.len()).collect())
            .collect()
    }

    /// The reviews matching each sentence, closest first: the sentences and
    /// the reviews are linked as two articles (so sentences never match each
    /// other, nor reviews each other) by [`link_signatures`].
    pub fn match_all(&self, sentences: &[&str]) -> Vec<Vec<ReviewMatch>> {
        if self.reviews.is_empty() {
            return vec![Vec::new(); sentences.len()];
        }
        let n = sentences.len();
        let claim_sigs: Vec<Signature> = sentences.iter().map(|s| signature(s)).collect();
        let mut articles = vec![0usize; n];
        articles.extend(std::iter::repeat_n(1usize, self.sigs.len()));
        let sigs: Vec<&Signature> = claim_sigs.iter().chain(self.sigs.iter()).collect();
        let links = link_signatures(&articles, &sigs);
        (0..n)
            .map(|i| {
                links
                    .related(i)
                    .iter()
                    .filter(|r| r.other >= n)
                    .map(|r| ReviewMatch {
                        review: r.other - n,
                        level: r.level,
                        similarity: r.similarity,
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(url: &str, claim: &str) -> ImportedReview {
        ImportedReview {
            url: url.into(),
            claim: claim.into(),
            ..Default::default()
        }
    }

    #[test]
    fn claims_find_their_reviews_in_english_and_arabic() {
        let lib = ReviewLibrary::new(vec![
            review(
                "https://a.example/1",
                "The city council said the river bridge will open to traffic in May next year.",
            ),
            review(
                "https://b.example/2",
                "قال وزير المالية إن عجز الموازنة تراجع إلى ثلاثة بالمئة خلال العام الماضي.",
            ),
        ]);
        let m = lib.match_all(&[
            "The city council said on Monday the river bridge will open to traffic in May next year.",
            "وقال وزير المالية إن عجز الموازنة تراجع إلى ٣ بالمئة خلال العام الماضي.",
            "Heavy rain closed three schools in the north.",
        ]);
        assert_eq!(m[0].len(), 1, "{m:?}");
        assert_eq!(m[0][0].review, 0);
        assert_eq!(m[0][0].level, Level::Same);
        assert_eq!(m[1].first().map(|x| x.review), Some(1), "{m:?}");
        assert!(m[2].is_empty(), "{m:?}");
        assert!(
            ReviewLibrary::default()
                .matches("anything at all")
                .is_empty()
        );
    }
}
