//! Fixed word lists looked up by hash: the figure lexicon and the stop
//! words are asked about every word of every claim when a desk is linked.
//! As `match` arms of string literals, each question compared the word with
//! the arms one after another (a fifth of the signatures' time on the ANT
//! desk, `benches/tools/sig_speed.rs`); one hash and one comparison answer
//! it here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hash of a word in constant time: its length and its first and last
/// eight bytes, mixed by one multiplication. Words that agree there collide
/// and are told apart by the table's comparison, so the lookup stays exact;
/// a byte-by-byte hash cost more than the comparisons it saved.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        // Two reads that may overlap, never a copy of a variable length.
        let (head, tail) = if n >= 8 {
            let head = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
            let tail = u64::from_le_bytes(bytes[n - 8..].try_into().unwrap_or_default());
            (head, tail)
        } else if n >= 4 {
            let head = u32::from_le_bytes(bytes[..4].try_into().unwrap_or_default());
            let tail = u32::from_le_bytes(bytes[n - 4..].try_into().unwrap_or_default());
            (u64::from(head), u64::from(tail))
        } else {
            let byte = |i: usize| bytes.get(i).map_or(0, |&b| u64::from(b));
            (byte(0) | byte(1) << 8 | byte(2) << 16, 0)
        };
        let mixed = self.0.rotate_left(5) ^ head ^ tail.rotate_left(31) ^ n as u64;
        self.0 = mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Words mapped to what they mean.
pub type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<WordHasher>>;
/// A set of words.
pub type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// The map of a table of (words, meaning) rows. A word listed twice keeps
/// its first row, as the first matching arm of a `match` would.
pub fn word_map<V: Copy>(rows: &[(&[&'static str], V)]) -> WordMap<V> {
    let mut map = WordMap::default();
    for (words, v) in rows {
        for w in *words {
            map.entry(*w).or_insert(*v);
        }
    }
    map
}

/// The set of a list of words.
pub fn word_set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_of_a_word_wins_and_others_are_absent() {
        let map = word_map(&[(&["نصف", "half"], 1), (&["half"], 2)]);
        assert_eq!(map.get("half"), Some(&1));
        assert_eq!(map.get("نصف"), Some(&1));
        assert_eq!(map.get("ربع"), None);
        let set = word_set(&["في", "من"]);
        assert!(set.contains("من") && !set.contains("الي"));
    }
}
