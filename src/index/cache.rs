//! A cache of extraction results, so a desk opens fast the second time.
//!
//! One file per desk in the cache folder, holding for every article the
//! extraction keyed by a hash of the article's content. The whole file is
//! valid only for one rule set ([`RuleSet::fingerprint`]) and one build of
//! claimdesk (the executable's size and modification time), so a rule edit or
//! a new build starts afresh. The cache is an optimisation: a file that is
//! missing, stale, corrupt or unwritable is ignored.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::extract::{Claim, ClaimId, Extraction, RuleList, Sentence, SentenceRole};
use crate::rules::{RuleKind, RuleSet};

/// Bumped whenever the encoding changes.
const FORMAT: &[u8] = b"claimdesk-extract-cache 2\n";

/// A content hash of an article's text.
pub type ContentHash = [u8; 16];

/// Hashes an article's text.
pub fn content_hash(text: &str) -> ContentHash {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// Cached extractions of one desk, for one rule set.
#[derive(Debug, Default)]
pub struct ExtractCache {
    file: PathBuf,
    stamp: Vec<u8>,
    /// The cache file as read.
    bytes: Vec<u8>,
    /// Where each extraction lies in `bytes`.
    entries: HashMap<ContentHash, Range<usize>>,
}

/// What identifies the rules and the program that made the cache.
fn stamp(rules: &RuleSet) -> Vec<u8> {
    let mut s = FORMAT.to_vec();
    s.extend_from_slice(rules.fingerprint.as_bytes());
    s.push(b'\n');
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        s.extend_from_slice(format!("{} {}\n", meta.len(), mtime).as_bytes());
    }
    s
}

impl ExtractCache {
    /// Opens the cache of the desk at `root` in `cache_dir` (empty when there
    /// is none or it was made for other rules or another build).
    pub fn open(cache_dir: &Path, root: &Path, rules: &RuleSet) -> ExtractCache {
        let key = Sha256::digest(root.to_string_lossy().as_bytes());
        let name: String = key.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let file = cache_dir.join(format!("extract-{name}.bin"));
        let stamp = stamp(rules);
        let bytes = std::fs::read(&file).unwrap_or_default();
        match parse_file(&bytes, &stamp) {
            Some(entries) => ExtractCache {
                file,
                stamp,
                bytes,
                entries,
            },
            None => ExtractCache {
                file,
                stamp,
                ..Default::default()
            },
        }
    }

    /// The cached extraction of an article with this content, if any.
    pub fn get(&self, hash: &ContentHash) -> Option<Extraction> {
        decode(self.bytes.get(self.entries.get(hash)?.clone())?)
    }

    /// How many extractions the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the cache holds exactly the extractions of these contents
    /// (nothing to save).
    pub fn holds_exactly(&self, hashes: &[ContentHash]) -> bool {
        let distinct: HashSet<&ContentHash> = hashes.iter().collect();
        distinct.len() == self.entries.len()
            && distinct.iter().all(|h| self.entries.contains_key(*h))
    }

    /// Replaces the cache file with exactly these extractions (the desk as it
    /// is now), streamed to a temporary file that is then renamed; errors
    /// are ignored. The cache's own copy is freed first.
    pub fn save<'a>(mut self, items: impl Iterator<Item = (ContentHash, &'a Extraction)>) {
        self.bytes = Vec::new();
        self.entries = HashMap::new();
        let Some(dir) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        // Unique per process and save, so concurrent saves never share a file.
        static SAVES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = self
            .file
            .with_extension(format!("tmp{}-{n}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            out.write_all(&self.stamp)?;
            out.write_all(b"--\n")?;
            let mut seen = HashSet::new();
            let mut len = Vec::new();
            for (hash, extraction) in items {
                if !seen.insert(hash) {
                    continue;
                }
                let body = encode(extraction);
                len.clear();
                put(&mut len, body.len());
                out.write_all(&hash)?;
                out.write_all(&len)?;
                out.write_all(&body)?;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        };
        if write().is_err() || std::fs::rename(&tmp, &self.file).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn parse_file(bytes: &[u8], stamp: &[u8]) -> Option<HashMap<ContentHash, Range<usize>>> {
    let rest = bytes.strip_prefix(stamp)?.strip_prefix(b"--\n")?;
    let mut r = Reader(rest);
    let mut entries = HashMap::new();
    while !r.0.is_empty() {
        let hash: ContentHash = r.take(16)?.try_into().ok()?;
        let len = r.num()?;
        let start = bytes.len() - r.0.len();
        r.take(len)?;
        entries.insert(hash, start..start + len);
    }
    Some(entries)
}

/// Appends a LEB128 number.
fn put(out: &mut Vec<u8>, mut n: usize) {
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

fn put_range(out: &mut Vec<u8>, r: &Range<usize>) {
    put(out, r.start);
    put(out, r.end - r.start.min(r.end));
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len());
    out.extend_from_slice(s.as_bytes());
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

/// Encodes an extraction (ranges, indices, ids; no text).
pub fn encode(e: &Extraction) -> Vec<u8> {
    let mut out = Vec::with_capacity(e.sentences.len() * 6 + e.claims.len() * 40);
    put(&mut out, e.sentences.len());
    for s in &e.sentences {
        put_range(&mut out, &s.range);
        put(&mut out, s.paragraph as usize);
        put(&mut out, role_code(s.role));
    }
    put(&mut out, e.claims.len());
    for c in &e.claims {
        put_str(&mut out, &c.id.0);
        put(&mut out, c.sentence);
        put_range(&mut out, &c.range);
        put(&mut out, kind_code(c.kind));
        put(&mut out, c.rules.len());
        for &r in c.rules.iter() {
            put(&mut out, usize::from(r));
        }
    }
    out
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }

    fn num(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first()?;
            n |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn range(&mut self) -> Option<Range<usize>> {
        let start = self.num()?;
        let len = self.num()?;
        Some(start..start.checked_add(len)?)
    }

    fn string(&mut self) -> Option<String> {
        let len = self.num()?;
        String::from_utf8(self.take(len)?.to_vec()).ok()
    }

    /// A count, bounded by what is left so a corrupt file cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = self.num()?;
        (n <= self.0.len()).then_some(n)
    }
}

/// Decodes what [`encode`] wrote; `None` when it is damaged.
pub fn decode(bytes: &[u8]) -> Option<Extraction> {
    let mut r = Reader(bytes);
    let n = r.count()?;
    let mut sentences = Vec::with_capacity(n);
    for _ in 0..n {
        let range = r.range()?;
        let paragraph = u32::try_from(r.num()?).ok()?;
        let role = match r.num()? {
            0 => SentenceRole::Body,
            1 => SentenceRole::Heading,
            2 => SentenceRole::Boilerplate,
            _ => return None,
        };
        sentences.push(Sentence {
            range,
            paragraph,
            role,
        });
    }
    let n = r.count()?;
    let mut claims = Vec::with_capacity(n);
    for _ in 0..n {
        let id = ClaimId(r.string()?.into());
        let sentence = r.num()?;
        let range = r.range()?;
        let kind = *RuleKind::ALL.get(r.num()?)?;
        let rules = (0..r.count()?)
            .map(|_| u16::try_from(r.num()?).ok())
            .collect::<Option<Vec<_>>>()?;
        claims.push(Claim {
            id,
            sentence,
            range,
            rules: RuleList::from_slice(&rules),
            kind,
        });
    }
    r.0.is_empty().then_some(Extraction { sentences, claims })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Extraction {
        Extraction {
            sentences: vec![
                Sentence {
                    range: 0..10,
                    paragraph: 0,
                    role: SentenceRole::Heading,
                },
                Sentence {
                    range: 11..300,
                    paragraph: 1,
                    role: SentenceRole::Body,
                },
            ],
            claims: vec![Claim {
                id: ClaimId("0123456789ab".into()),
                sentence: 1,
                range: 11..300,
                rules: RuleList::from_slice(&[3, 0]),
                kind: RuleKind::Number,
            }],
        }
    }

    #[test]
    fn encoding_round_trips() {
        let e = sample();
        assert_eq!(decode(&encode(&e)), Some(e));
        assert_eq!(
            decode(&encode(&Extraction::default())),
            Some(Extraction::default())
        );
    }

    #[test]
    fn damaged_bytes_decode_to_none() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut bad = bytes.clone();
        bad.push(0);
        assert_eq!(decode(&bad), None);
    }

    #[test]
    fn save_then_open_finds_the_entries() {
        let tmp = tempfile::tempdir().unwrap();
        let rules = RuleSet::from_files(tmp.path(), &[]).unwrap();
        let cache = ExtractCache::open(tmp.path(), Path::new("/desk"), &rules);
        assert!(cache.is_empty());
        let e = sample();
        let h = content_hash("text");
        cache.save([(h, &e)].into_iter());
        let again = ExtractCache::open(tmp.path(), Path::new("/desk"), &rules);
        assert_eq!(again.len(), 1);
        assert_eq!(again.get(&h), Some(e));
        let other = ExtractCache::open(tmp.path(), Path::new("/other-desk"), &rules);
        assert!(other.is_empty());
    }
}
