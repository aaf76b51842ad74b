//! The byte encoding of one cached article: LEB128 numbers, length-prefixed
//! strings, no text of the article itself.

use std::ops::Range;

use crate::desk::ArticleMeta;
use crate::extract::{Claim, ClaimId, Extraction, RuleList, Sentence, SentenceRole};
use crate::rules::RuleKind;

/// What the cache keeps of an article with a given content: everything the
/// desk needs before the text itself is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CachedArticle {
    /// The body range in the text (after any front matter).
    pub body: Range<usize>,
    pub meta: ArticleMeta,
    /// Problems that did not stop the article from loading: line, subject, message.
    pub warnings: Vec<CachedWarning>,
    pub extraction: Extraction,
    /// The id key (`index::id_key`) of every sentence that is neither a claim
    /// nor boilerplate: what a manual claim is looked for in before the text is read.
    pub sentence_keys: Vec<u64>,
}

/// A warning about an article, without its path (the article's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedWarning {
    pub line: Option<usize>,
    pub subject: Option<String>,
    pub message: String,
}

/// Appends a LEB128 number.
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_usize(out: &mut Vec<u8>, n: usize) {
    put(out, n as u64);
}

fn put_range(out: &mut Vec<u8>, r: &Range<usize>) {
    put_usize(out, r.start);
    put_usize(out, r.end - r.start.min(r.end));
}

pub(crate) fn put_bytes(out: &mut Vec<u8>, s: &[u8]) {
    put_usize(out, s.len());
    out.extend_from_slice(s);
}

/// An optional string: 0 for none, else its length plus one, then the bytes.
fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put(out, 0),
        Some(s) => {
            put_usize(out, s.len() + 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

fn put_opt_num(out: &mut Vec<u8>, n: Option<usize>) {
    put_usize(out, n.map_or(0, |n| n + 1));
}

/// A signed step as an unsigned number (small either way).
fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// The 6 bytes of an id of 12 lowercase hex digits.
fn hex_id(id: &[u8]) -> Option<[u8; 6]> {
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    if id.len() != 12 {
        return None;
    }
    let mut raw = [0u8; 6];
    for (i, pair) in id.chunks(2).enumerate() {
        raw[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(raw)
}

fn role_code(role: SentenceRole) -> usize {
    match role {
        SentenceRole::Body => 0,
        SentenceRole::Heading => 1,
        SentenceRole::Boilerplate => 2,
    }
}

fn kind_code(kind: RuleKind) -> usize {
    RuleKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Encodes a cached article.
pub fn encode(a: &CachedArticle) -> Vec<u8> {
    let warnings = a
        .warnings
        .iter()
        .map(|w| (w.line, w.subject.as_deref(), w.message.as_str()));
    encode_parts(&a.body, &a.meta, warnings, &a.extraction, &a.sentence_keys)
}

/// Encodes a cached article from its parts (see [`CachedArticle`]); the
/// warnings as (line, subject, message).
pub fn encode_parts<'a>(
    body: &Range<usize>,
    meta: &ArticleMeta,
    warnings: impl ExactSizeIterator<Item = (Option<usize>, Option<&'a str>, &'a str)>,
    e: &Extraction,
    sentence_keys: &[u64],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + e.sentences.len() * 6 + e.claims.len() * 24);
    put_range(&mut out, body);
    put_bytes(&mut out, meta.title.as_bytes());
    for field in [&meta.source, &meta.url, &meta.date, &meta.lang] {
        put_opt_str(&mut out, field.as_deref());
    }
    put_usize(&mut out, warnings.len());
    for (line, subject, message) in warnings {
        put_opt_num(&mut out, line);
        put_opt_str(&mut out, subject);
        put_bytes(&mut out, message.as_bytes());
    }
    // Sentences: each start as a step from the previous end.
    put_usize(&mut out, e.sentences.len());
    let mut end = 0;
    for s in &e.sentences {
        put(&mut out, zigzag(s.range.start as i64 - end as i64));
        put_usize(&mut out, s.range.end.saturating_sub(s.range.start));
        put(&mut out, u64::from(s.paragraph));
        put_usize(&mut out, role_code(s.role));
        end = s.range.end;
    }
    // Claims: the id as 6 bytes when it is 12 lowercase hex digits (as
    // claimdesk makes them); the sentence as a step from the previous
    // claim's; the range only when it is not its sentence's.
    put_usize(&mut out, e.claims.len());
    let mut sentence = 0;
    for c in &e.claims {
        match hex_id(c.id.as_bytes()) {
            Some(raw) => {
                out.push(0);
                out.extend_from_slice(&raw);
            }
            None => {
                out.push(1);
                put_bytes(&mut out, c.id.as_bytes());
            }
        }
        put(&mut out, zigzag(c.sentence as i64 - sentence as i64));
        sentence = c.sentence;
        let own_range = e
            .sentences
            .get(c.sentence)
            .is_none_or(|s| s.range != c.range);
        put_usize(&mut out, kind_code(c.kind) * 2 + usize::from(own_range));
        if own_range {
            put_range(&mut out, &c.range);
        }
        put_usize(&mut out, c.rules.len());
        for &r in c.rules.iter() {
            put(&mut out, u64::from(r));
        }
    }
    put_usize(&mut out, sentence_keys.len());
    for &k in sentence_keys {
        put(&mut out, k);
    }
    out
}

/// Reads what the `put` functions wrote; every read fails (`None`) on damage.
pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }

    pub(crate) fn num(&mut self) -> Option<u64> {
        // Most numbers are small: one byte.
        if let Some((&byte, rest)) = self.0.split_first()
            && byte < 0x80
        {
            self.0 = rest;
            return Some(u64::from(byte));
        }
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first()?;
            n |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.num()?).ok()
    }

    fn range(&mut self) -> Option<Range<usize>> {
        let start = self.usize()?;
        let len = self.usize()?;
        Some(start..start.checked_add(len)?)
    }

    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.usize()?;
        self.take(len)
    }

    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.usize()? {
            0 => Some(None),
            n => {
                let bytes = self.take(n - 1)?;
                Some(Some(String::from_utf8(bytes.to_vec()).ok()?))
            }
        }
    }

    fn opt_num(&mut self) -> Option<Option<usize>> {
        Some(self.usize()?.checked_sub(1))
    }

    /// A count, bounded by what is left so a corrupt file cannot ask for a huge allocation.
    pub(crate) fn count(&mut self) -> Option<usize> {
        let n = self.usize()?;
        (n <= self.0.len()).then_some(n)
    }
}

/// Decodes what [`encode`] wrote; `None` when it is damaged.
pub fn decode(bytes: &[u8]) -> Option<CachedArticle> {
    let (mut article, sentences) = decode_lazily(bytes)?;
    article.extraction.sentences = decode_sentences(&sentences)?;
    Some(article)
}

/// Like [`decode`], leaving the sentences encoded (checked, but not kept
/// decoded): the extraction comes back without sentences, and the bytes to
/// give [`decode_sentences`] once the article's text is read. A desk opened
/// from the cache holds far fewer values this way until its texts arrive.
pub fn decode_lazily(bytes: &[u8]) -> Option<(CachedArticle, Box<[u8]>)> {
    let mut r = Reader(bytes);
    let body = r.range()?;
    let meta = ArticleMeta {
        title: r.string()?,
        source: r.opt_string()?,
        url: r.opt_string()?,
        date: r.opt_string()?,
        lang: r.opt_string()?,
    };
    let mut warnings = Vec::with_capacity(r.count()?.min(16));
    for _ in 0..warnings.capacity() {
        warnings.push(CachedWarning {
            line: r.opt_num()?,
            subject: r.opt_string()?,
            message: r.string()?,
        });
    }
    let before = r.0;
    let (encoded_sentences, claims) = SCRATCH.with_borrow_mut(|sentences| {
        read_sentences(&mut r, sentences)?;
        let encoded: Box<[u8]> = before[..before.len() - r.0.len()].into();
        Some((encoded, decode_claims(&mut r, sentences)?))
    })?;
    let n = r.count()?;
    // Sized up front (collecting through `Option` grows by doubling).
    let mut sentence_keys = Vec::with_capacity(n);
    for _ in 0..n {
        sentence_keys.push(r.num()?);
    }
    let extraction = Extraction {
        sentences: Vec::new(),
        claims,
    };
    r.0.is_empty().then_some((
        CachedArticle {
            body,
            meta,
            warnings,
            extraction,
            sentence_keys,
        },
        encoded_sentences,
    ))
}

thread_local! {
    /// Sentences decoded only to resolve claim ranges, reused per thread.
    static SCRATCH: std::cell::RefCell<Vec<Sentence>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The sentences [`decode_lazily`] left encoded; `None` when damaged.
pub fn decode_sentences(encoded: &[u8]) -> Option<Vec<Sentence>> {
    let mut r = Reader(encoded);
    let mut sentences = Vec::new();
    read_sentences(&mut r, &mut sentences)?;
    r.0.is_empty().then_some(sentences)
}

/// Reads the sentence section into `out` (cleared first).
fn read_sentences(r: &mut Reader, out: &mut Vec<Sentence>) -> Option<()> {
    out.clear();
    let n = r.count()?;
    out.reserve_exact(n);
    let mut end = 0usize;
    for _ in 0..n {
        let start = usize::try_from(end as i64 + unzigzag(r.num()?)).ok()?;
        let range = start..start.checked_add(r.usize()?)?;
        end = range.end;
        let paragraph = u32::try_from(r.num()?).ok()?;
        let role = match r.num()? {
            0 => SentenceRole::Body,
            1 => SentenceRole::Heading,
            2 => SentenceRole::Boilerplate,
            _ => return None,
        };
        out.push(Sentence {
            range,
            paragraph,
            role,
        });
    }
    Some(())
}

/// Reads the claim section; a claim's range is its sentence's unless given.
fn decode_claims(r: &mut Reader, sentences: &[Sentence]) -> Option<Vec<Claim>> {
    let n = r.count()?;
    let mut claims = Vec::with_capacity(n);
    let mut sentence = 0usize;
    for _ in 0..n {
        let id = match r.take(1)?.first()? {
            0 => ClaimId::from_raw(r.take(6)?.try_into().ok()?),
            1 => ClaimId(std::str::from_utf8(r.bytes()?).ok()?.into()),
            _ => return None,
        };
        sentence = usize::try_from(sentence as i64 + unzigzag(r.num()?)).ok()?;
        let kind_and_flag = r.usize()?;
        let kind = *RuleKind::ALL.get(kind_and_flag / 2)?;
        let range = match kind_and_flag % 2 {
            1 => r.range()?,
            _ => sentences.get(sentence)?.range.clone(),
        };
        let mut rules = [0u16; 64];
        let count = r.count()?;
        if count > rules.len() {
            // More rules than any claim has: read them the slow way.
            let all = (0..count)
                .map(|_| u16::try_from(r.num()?).ok())
                .collect::<Option<Vec<_>>>()?;
            claims.push(claim(id, sentence, range, kind, RuleList::from_slice(&all)));
            continue;
        }
        for slot in rules.iter_mut().take(count) {
            *slot = u16::try_from(r.num()?).ok()?;
        }
        let list = RuleList::from_slice(&rules[..count]);
        claims.push(claim(id, sentence, range, kind, list));
    }
    Some(claims)
}

fn claim(
    id: ClaimId,
    sentence: usize,
    range: Range<usize>,
    kind: RuleKind,
    rules: RuleList,
) -> Claim {
    Claim {
        id,
        sentence,
        range,
        rules,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CachedArticle {
        CachedArticle {
            body: 12..400,
            meta: ArticleMeta {
                title: "قمة الدوحة".into(),
                source: Some("وكالة".into()),
                url: None,
                date: Some("2023-09-16".into()),
                lang: Some("ar".into()),
            },
            warnings: vec![CachedWarning {
                line: Some(3),
                subject: None,
                message: "unknown front matter key `tags`".into(),
            }],
            extraction: Extraction {
                sentences: vec![
                    Sentence {
                        range: 12..22,
                        paragraph: 0,
                        role: SentenceRole::Heading,
                    },
                    Sentence {
                        range: 23..300,
                        paragraph: 1,
                        role: SentenceRole::Body,
                    },
                ],
                claims: vec![
                    Claim {
                        id: ClaimId("0123456789ab".into()),
                        sentence: 1,
                        range: 23..300,
                        rules: RuleList::from_slice(&[3, 0]),
                        kind: RuleKind::Number,
                    },
                    Claim {
                        id: ClaimId("ABC-typed".into()),
                        sentence: 0,
                        range: 12..20,
                        rules: RuleList::new(),
                        kind: RuleKind::Manual,
                    },
                ],
            },
            sentence_keys: vec![0xabc, u64::MAX],
        }
    }

    #[test]
    fn encoding_round_trips() {
        let a = sample();
        assert_eq!(decode(&encode(&a)), Some(a));
        let empty = CachedArticle::default();
        assert_eq!(decode(&encode(&empty)), Some(empty));
    }

    #[test]
    fn lazy_decoding_keeps_the_sentences_for_later() {
        let a = sample();
        let (lazy, sentences) = decode_lazily(&encode(&a)).unwrap();
        assert!(lazy.extraction.sentences.is_empty());
        assert_eq!(lazy.extraction.claims, a.extraction.claims);
        assert_eq!(lazy.meta, a.meta);
        assert_eq!(lazy.sentence_keys, a.sentence_keys);
        assert_eq!(decode_sentences(&sentences), Some(a.extraction.sentences));
        assert_eq!(decode_sentences(&sentences[..sentences.len() - 1]), None);
    }

    #[test]
    fn damaged_bytes_decode_to_none() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
    }
}
