//! Linking hand-written claims: one `(article, sentence)` per claim.

use claimdesk::link::{LinkItem, Links, link_claims};

/// The links of these claims (no cache, no dates).
pub fn link(pairs: &[(usize, &str)]) -> Links {
    let items: Vec<LinkItem> = pairs
        .iter()
        .map(|&(article, text)| LinkItem { article, text })
        .collect();
    link_claims(&items)
}
