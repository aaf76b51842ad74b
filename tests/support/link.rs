//! Linking hand-written claims: one `(article, sentence)` per claim.

use claimdesk::link::{LinkItem, Links, link_claims};

/// The links of these claims (no cache, no dates).
pub fn link(pairs: &[(usize, &str)]) -> Links {
    let items: Vec<LinkItem> = pairs
        .iter()
        .map(|&(article, text)| LinkItem {
            article,
            outlet: None,
            text,
        })
        .collect();
    link_claims(&items)
}

/// A made-up word of its own for filler claim `i` (and slot `k`): the
/// digits of `i * 4 + k + 17` in base 16 as letters, between م and ك, so
/// no two fillers share one.
pub fn nonce(i: usize, k: usize) -> String {
    const LETTERS: [char; 16] = [
        'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ',
    ];
    let mut n = i * 4 + k + 17;
    let mut w = String::from("م");
    while n > 0 {
        w.push(LETTERS[n % 16]);
        n /= 16;
    }
    w.push('ك');
    w
}
