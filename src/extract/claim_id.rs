//! [`ClaimId`]: a claim's id, kept inline (no heap allocation) when short.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// A claim's id: derived from its normalised sentence text alone.
///
/// Reads as a string (12 hex digits for ids claimdesk makes; any text for an
/// id typed by hand or read from a verdict file).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId(pub IdText);

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClaimId").field(&self.0.as_str()).finish()
    }
}

impl ClaimId {
    /// The id of a sentence (as written in the article).
    pub fn of_sentence(sentence: &str) -> ClaimId {
        ClaimId::of_normalized(&crate::text::normalize::normalize_str(sentence))
    }

    /// The id of an already normalised sentence: SHA-256 of its words joined
    /// by single spaces, first 12 hex digits.
    pub fn of_normalized(normalized: &str) -> ClaimId {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        if is_words_joined(normalized) {
            // The usual sentence: already its words joined by single spaces.
            hasher.update(normalized.as_bytes());
        } else {
            let mut first = true;
            for_each_word(normalized, |word| {
                if !first {
                    hasher.update(b" ");
                }
                first = false;
                hasher.update(word.as_bytes());
            });
        }
        let digest = hasher.finalize();
        let mut raw = [0u8; 6];
        raw.copy_from_slice(&digest[..6]);
        ClaimId::from_raw(raw)
    }

    /// The id spelt by these 6 bytes: their 12 lowercase hex digits.
    pub fn from_raw(raw: [u8; 6]) -> ClaimId {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut hex = [0u8; 12];
        for (i, b) in raw.iter().enumerate() {
            hex[2 * i] = HEX[usize::from(b >> 4)];
            hex[2 * i + 1] = HEX[usize::from(b & 0xf)];
        }
        ClaimId(IdText::from(std::str::from_utf8(&hex).unwrap_or_default()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id's bytes (no UTF-8 check).
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Calls `f` with every word of `s`: the pieces `str::split_whitespace`
/// gives, found faster (only a few lead bytes can start a non-ASCII space).
fn for_each_word<'a>(s: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = s.as_bytes();
    let mut start = None;
    let mut i = 0;
    loop {
        // Bytes before `at` are not white space (nor its lead bytes).
        let at = bytes[i..]
            .iter()
            .position(|&b| MAY_BE_SPACE[usize::from(b)])
            .map_or(bytes.len(), |p| i + p);
        if at > i {
            start.get_or_insert(i);
        }
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        if !c.is_whitespace() {
            start.get_or_insert(at);
        } else if let Some(st) = start.take() {
            f(&s[st..at]);
        }
        i = at + c.len_utf8();
    }
    if let Some(st) = start {
        f(&s[st..]);
    }
}

/// True when `s` is its words joined by single ASCII spaces (no other
/// white space, none at either end); may say false for some other texts
/// with a byte of [`MAY_BE_SPACE`] that is no space (`«`, `…`).
fn is_words_joined(s: &str) -> bool {
    // At the start, a space would be leading.
    let mut after_space = true;
    for &b in s.as_bytes() {
        if MAY_BE_SPACE[usize::from(b)] {
            if b != b' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// The bytes that may start a white-space char: ASCII white space and the
/// lead bytes of U+0085, U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2),
/// U+3000 (E3).
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// How many bytes of text fit inline (the type stays 24 bytes, like a `String`).
const INLINE: usize = 22;

/// The text of a [`ClaimId`]: inline up to 22 bytes, on the heap beyond.
/// Compares, orders and hashes like the `str` it holds.
#[derive(Clone)]
pub struct IdText(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl IdText {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `&str` cut at its end.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }
}

impl IdText {
    /// The text's bytes (no UTF-8 check: cheaper to compare and parse).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }
}

impl From<&str> for IdText {
    fn from(s: &str) -> IdText {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            IdText(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            IdText(Repr::Heap(s.into()))
        }
    }
}

impl From<String> for IdText {
    fn from(s: String) -> IdText {
        if s.len() <= INLINE {
            IdText::from(s.as_str())
        } else {
            IdText(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl Deref for IdText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for IdText {
    fn eq(&self, other: &IdText) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for IdText {}

impl PartialOrd for IdText {
    fn partial_cmp(&self, other: &IdText) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IdText {
    fn cmp(&self, other: &IdText) -> Ordering {
        // Byte order is the order of `str`.
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for IdText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for IdText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for IdText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_and_order_like_their_text() {
        assert_eq!(std::mem::size_of::<ClaimId>(), 24);
        let long = "x".repeat(40);
        let texts = ["", "0123456789ab", "not hex", "z", long.as_str()];
        for a in texts {
            let id = ClaimId(a.into());
            assert_eq!(id.as_str(), a);
            assert_eq!(id, ClaimId(a.to_string().into()));
            for b in texts {
                assert_eq!(id.cmp(&ClaimId(b.into())), a.cmp(b));
            }
        }
        let id = ClaimId::of_normalized("a  b");
        assert_eq!(id, ClaimId::of_normalized("a b"));
        assert_eq!(id.to_string().len(), 12);
        assert!(id.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn words_are_those_of_split_whitespace() {
        let spaces: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let samples = [
            String::new(),
            " ".into(),
            "a".into(),
            "  قال  الوزير\tإن\n".into(),
            format!("x{spaces}y\u{1c}z\u{85}w\u{200b}v\u{2010}u{spaces}"),
            spaces.chars().map(|c| format!("ب{c}")).collect(),
        ];
        for s in &samples {
            let mut words = Vec::new();
            for_each_word(s, |w| words.push(w));
            let expected: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(words, expected, "{s:?}");
        }
        let joined = ["", "a", "قال الوزير إن", "a b", "«x» y…"];
        let not_joined = [" ", " a", "a ", "a  b", "a\tb", "a\u{a0}b", "a\nb"];
        for s in joined.iter().chain(&not_joined) {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ") == *s;
            if is_words_joined(s) {
                assert!(expected, "{s:?}");
            }
            assert_eq!(
                ClaimId::of_normalized(s),
                ClaimId::of_normalized(&s.split_whitespace().collect::<Vec<_>>().join(" ")),
                "{s:?}"
            );
        }
        for s in ["", "a", "قال الوزير إن", "a b"] {
            assert!(is_words_joined(s), "{s:?}");
        }
    }
}
