//! Linking results kept between runs, beside the extraction cache.
//!
//! One file per desk (`links-<name>.bin` in the cache folder). It holds the
//! signature of every distinct claim sentence, keyed by a hash of the
//! sentence as written, and the links computed from them with the
//! fingerprint of the claims they were computed for (each claim's article
//! number, sentence and article day, in order). Linking the same claims
//! again reads the links back. When articles changed, every cached
//! signature is reused and only the new sentences get one; the global pass
//! (document frequencies, candidates, scores) is then redone in full, so
//! the links are always exactly those of a fresh run (same desk, same
//! links). The file is valid for one build of claimdesk; a file that is
//! missing, stale or damaged is ignored, and so is a failed write.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::signature::UNITS;
use super::{Drift, Level, LinkItem, Links, Related, Signature, link_signatures_dated, signature};
use crate::figures::{Approx, Figure, Unit};
use crate::index::cache::codec::{Reader, put, put_bytes};
use crate::index::cache::{ContentHash, content_hash, desk_key, stamp};

/// Bumped whenever the encoding, or what goes into a signature or a link, changes.
const FORMAT: &[u8] = b"claimdesk-link-cache 6\n";

/// A sentence found this many times in the desk is taken for boilerplate by
/// the dated index ([`super::WIDE_CAP`]).
pub const BOILERPLATE_COPIES: u32 = 20;

/// Every hedge, in the order the file stores them.
const APPROXES: [Approx; 7] = [
    Approx::Exact,
    Approx::About,
    Approx::AtLeast,
    Approx::AtMost,
    Approx::MoreThan,
    Approx::LessThan,
    Approx::Magnitude,
];

/// What the cache spared a run of [`link_with_cache`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reuse {
    /// The claims were those of the cached links: nothing was computed.
    Links,
    /// The links were computed again; `cached` distinct sentences had a
    /// signature in the cache, `computed` got a new one.
    Signatures { cached: usize, computed: usize },
}

/// The link cache file of the desk at `root` in `cache_dir`, beside its
/// extraction cache ([`crate::index::cache::cache_file`]).
pub fn links_file(cache_dir: &Path, root: &Path) -> PathBuf {
    cache_dir.join(format!("links-{}.bin", desk_key(root)))
}

/// Links `items` (with `days[i]`, item `i`'s article date as a day number,
/// for [`Links::cap_recurring`]) through the cache file `file`: the cached
/// links when the claims are the same, else links computed from cached and
/// new signatures, then written back. `None`: no cache, compute afresh.
pub fn link_with_cache(
    items: &[LinkItem],
    days: &[Option<i64>],
    file: Option<&Path>,
) -> (Links, Reuse) {
    let keys: Vec<ContentHash> = items.par_iter().map(|i| content_hash(i.text)).collect();
    let fingerprint = fingerprint(items, &keys, days);
    let head = header();
    let mut old = HashMap::new();
    if let Some(mut cached) = file.and_then(|f| CacheFile::open(f, &head)) {
        match cached.links(&fingerprint, items.len()) {
            Some(Some(links)) => return (links, Reuse::Links),
            Some(None) => old = cached.signatures().unwrap_or_default(),
            None => {}
        }
    }
    // One signature per distinct sentence: wire copies and sign-offs repeat.
    let mut slot_of: HashMap<ContentHash, u32> = HashMap::with_capacity(items.len());
    let mut distinct: Vec<(ContentHash, &str)> = Vec::new();
    let slots: Vec<u32> = items
        .iter()
        .zip(&keys)
        .map(|(item, key)| {
            *slot_of.entry(*key).or_insert_with(|| {
                distinct.push((*key, item.text));
                (distinct.len() - 1) as u32
            })
        })
        .collect();
    drop(slot_of);
    // Cached signatures are moved out of the table (not copied: that held
    // two of every signature at once), then the missing ones computed.
    let mut sigs: Vec<Option<Signature>> =
        distinct.iter().map(|(key, _)| old.remove(key)).collect();
    drop(old);
    let cached_count = sigs.iter().filter(|s| s.is_some()).count();
    sigs.par_iter_mut()
        .zip(&distinct)
        .filter(|(sig, _)| sig.is_none())
        .for_each(|(sig, (_, text))| *sig = Some(signature(text)));
    let sigs: Vec<Signature> = sigs.into_iter().flatten().collect();
    let articles: Vec<usize> = items.iter().map(|i| i.article).collect();
    let refs: Vec<&Signature> = slots.iter().map(|&s| &sigs[s as usize]).collect();
    // A sentence under many articles (an outlet's sign-off, a standing
    // disclaimer) does not look for its own copies and look-alikes through
    // the dated index: its copies are known by its id already.
    let mut copies = vec![0u32; distinct.len()];
    for &s in &slots {
        copies[s as usize] += 1;
    }
    let wide_days: Vec<Option<i64>> = (0..items.len())
        .map(|i| match copies[slots[i] as usize] < BOILERPLATE_COPIES {
            true => days.get(i).copied().flatten(),
            false => None,
        })
        .collect();
    let mut links = link_signatures_dated(&articles, &refs, &wide_days);
    let outlets: Vec<Option<u32>> = items.iter().map(|i| i.outlet).collect();
    links.cap_recurring(days, &outlets);
    if let Some(file) = file {
        save(file, |out| {
            let mut links_section = head;
            write_links(&mut links_section, &fingerprint, &links);
            out.write_all(&links_section)?;
            write_signatures(out, &distinct, &sigs)
        });
    }
    let reuse = Reuse::Signatures {
        cached: cached_count,
        computed: distinct.len() - cached_count,
    };
    (links, reuse)
}

/// A cache file of this build, read a section at a time: the links first
/// (all a desk that did not change needs), the signatures only when asked.
struct CacheFile {
    file: std::io::BufReader<std::fs::File>,
}

impl CacheFile {
    /// The file, when it starts with `head` (this format and build).
    fn open(path: &Path, head: &[u8]) -> Option<CacheFile> {
        use std::io::Read;
        let mut file = std::io::BufReader::new(std::fs::File::open(path).ok()?);
        let mut found = vec![0u8; head.len()];
        file.read_exact(&mut found).ok()?;
        (found == head).then_some(CacheFile { file })
    }

    /// The links section ([`read_links`]); the file is then at the signatures.
    fn links(&mut self, fingerprint: &ContentHash, n: usize) -> Option<Option<Links>> {
        use std::io::Read;
        // The section's length: 8 bytes, little-endian ([`write_links`]).
        let mut word = [0u8; 8];
        self.file.read_exact(&mut word).ok()?;
        let len = u64::from_le_bytes(word);
        if len > self.file.get_ref().metadata().ok()?.len() {
            return None;
        }
        // The fingerprint first: links made for other claims are not read.
        let mut found = [0u8; 16];
        self.file.read_exact(&mut found).ok()?;
        if found != *fingerprint || len < 16 {
            self.file.seek_relative(len.checked_sub(16)? as i64).ok()?;
            return Some(None);
        }
        let mut body = vec![0u8; usize::try_from(len - 16).ok()?];
        self.file.read_exact(&mut body).ok()?;
        read_links(&mut Reader(&body), n)
    }

    /// The signatures section, read to the end of the file.
    fn signatures(&mut self) -> Option<HashMap<ContentHash, Signature>> {
        use std::io::Read;
        let mut rest = Vec::new();
        self.file.read_to_end(&mut rest).ok()?;
        read_signatures(&mut Reader(&rest))
    }
}

/// The file's first bytes: the format and this build.
fn header() -> Vec<u8> {
    let mut head = FORMAT.to_vec();
    head.extend_from_slice(&stamp("links"));
    head.extend_from_slice(b"--\n");
    head
}

/// A hash of what the links depend on: every claim's article, outlet,
/// sentence and day, in order ([`Fingerprint`]).
fn fingerprint(items: &[LinkItem], keys: &[ContentHash], days: &[Option<i64>]) -> ContentHash {
    let mut print = Fingerprint::default();
    for (i, (item, key)) in items.iter().zip(keys).enumerate() {
        print.add(
            item.article,
            item.outlet,
            key,
            days.get(i).copied().flatten(),
        );
    }
    print.finish()
}

/// What a set of links was computed for, hashed one claim at a time, so a
/// caller that holds the claims elsewhere (a loaded desk) can ask for the
/// cached links without building the linker's items first
/// ([`cached_links`]).
#[derive(Default)]
pub(super) struct Fingerprint(Sha256);

impl Fingerprint {
    /// Adds the next claim: its article, outlet, sentence hash
    /// ([`content_hash`] of the sentence as written) and article day.
    pub(super) fn add(
        &mut self,
        article: usize,
        outlet: Option<u32>,
        key: &ContentHash,
        day: Option<i64>,
    ) {
        self.0.update((article as u64).to_le_bytes());
        self.0
            .update(outlet.map_or(u64::MAX, u64::from).to_le_bytes());
        self.0.update(key);
        self.0.update(day.map_or(i64::MIN, |d| d).to_le_bytes());
    }

    /// The fingerprint of the claims added, in order.
    pub(super) fn finish(self) -> ContentHash {
        let digest = self.0.finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        out
    }
}

/// The links cached in `file` for the `n` claims whose [`Fingerprint`] is
/// `fingerprint`; `None` when the file is missing, of another build or
/// made for other claims.
pub(super) fn cached_links(file: &Path, fingerprint: &ContentHash, n: usize) -> Option<Links> {
    CacheFile::open(file, &header())?.links(fingerprint, n)?
}

/// Writes the cache file (streamed, so the signatures are never all encoded
/// in memory at once) through `write` ([`crate::store::durable::write_cache_file`]:
/// atomic, dead writers' temporary files removed); errors only cost a
/// slower next start.
fn save(file: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    let _ = crate::store::durable::write_cache_file(file, |out| write(out));
}

fn write_links(out: &mut Vec<u8>, fingerprint: &ContentHash, links: &Links) {
    let mut body = Vec::new();
    body.extend_from_slice(fingerprint);
    put(&mut body, links.len() as u64);
    // Every link's count first, so a reader sizes its table once.
    put(&mut body, links.related.len() as u64);
    for item in 0..links.len() {
        let related = links.related(item);
        put(&mut body, related.len() as u64);
        for rel in related {
            put(&mut body, rel.other as u64);
            put(&mut body, u64::from(rel.level == Level::Similar));
            put(&mut body, u64::from(rel.similarity.to_bits()));
            put(&mut body, rel.drift.len() as u64);
            for d in &rel.drift {
                put_bytes(&mut body, d.ours.as_bytes());
                put_bytes(&mut body, d.theirs.as_bytes());
                put(&mut body, d.ours_value.to_bits());
                put(&mut body, d.theirs_value.to_bits());
                put(&mut body, unit_code(d.unit));
            }
        }
    }
    // A fixed-width length, so a reader of the file can skip to the
    // signatures or stop after the links.
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&body);
}

/// The cached links (the section's body): `Some(Some(links))` when they
/// were made for this fingerprint, `Some(None)` when for other claims,
/// `None` when the section is damaged.
fn read_links(r: &mut Reader, n: usize) -> Option<Option<Links>> {
    if r.count()? != n {
        return Some(None);
    }
    // Sized from the section's count: a table grown by doubling held up to
    // twice its 275,000 links on the ANT desk.
    let total = r.count()?;
    let mut start = Vec::with_capacity(n + 1);
    let mut related = Vec::with_capacity(total);
    start.push(0u32);
    for _ in 0..n {
        for _ in 0..r.count()? {
            let other = usize::try_from(r.num()?).ok().filter(|&o| o < n)?;
            let level = match r.num()? {
                0 => Level::Same,
                1 => Level::Similar,
                _ => return None,
            };
            let similarity = f32::from_bits(u32::try_from(r.num()?).ok()?);
            let drift_count = r.count()?;
            let mut drift = Vec::with_capacity(drift_count);
            for _ in 0..drift_count {
                drift.push(Drift {
                    ours: text(r)?,
                    theirs: text(r)?,
                    ours_value: f64::from_bits(r.num()?),
                    theirs_value: f64::from_bits(r.num()?),
                    unit: unit(r.num()?)?,
                });
            }
            related.push(Related {
                other,
                level,
                similarity,
                drift,
            });
        }
        start.push(u32::try_from(related.len()).ok()?);
    }
    if related.len() != total {
        return None;
    }
    Some(Some(Links { start, related }))
}

fn write_signatures(
    out: &mut dyn Write,
    distinct: &[(ContentHash, &str)],
    sigs: &[Signature],
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    put(&mut buf, sigs.len() as u64);
    for ((key, _), sig) in distinct.iter().zip(sigs) {
        buf.extend_from_slice(key);
        put(&mut buf, u64::from(sig.words));
        put(&mut buf, sig.terms.len() as u64);
        for t in &sig.terms {
            buf.extend_from_slice(&t.to_le_bytes());
        }
        put(&mut buf, sig.figures.len() as u64);
        let words = sig.counted.iter().zip(&sig.before);
        for ((f, written), (counted, before)) in sig.figures.iter().zip(words) {
            put(&mut buf, f.value.to_bits());
            put(&mut buf, unit_code(f.unit));
            put(
                &mut buf,
                APPROXES.iter().position(|a| *a == f.approx).unwrap_or(0) as u64,
            );
            put(&mut buf, f.text_range.start as u64);
            put(&mut buf, f.text_range.len() as u64);
            put(&mut buf, f.step.to_bits());
            put_bytes(&mut buf, written.as_bytes());
            buf.extend_from_slice(&counted.to_le_bytes());
            buf.extend_from_slice(&before.to_le_bytes());
        }
        out.write_all(&buf)?;
        buf.clear();
    }
    Ok(())
}

fn read_signatures(r: &mut Reader) -> Option<HashMap<ContentHash, Signature>> {
    let n = r.count()?;
    let mut out = HashMap::with_capacity(n);
    for _ in 0..n {
        let key: ContentHash = r.take(16)?.try_into().ok()?;
        let words = u32::try_from(r.num()?).ok()?;
        // Sized up front: collecting through `Option` cannot see the count,
        // and grew every signature's terms by doubling (51 MB for 40).
        let term_count = r.count()?;
        let mut terms = Vec::with_capacity(term_count);
        for _ in 0..term_count {
            terms.push(word64(r)?);
        }
        let figure_count = r.count()?;
        let mut figures = Vec::with_capacity(figure_count);
        let mut counted = Vec::with_capacity(figure_count);
        let mut before = Vec::with_capacity(figure_count);
        for _ in 0..figure_count {
            let value = f64::from_bits(r.num()?);
            let unit = unit(r.num()?)?;
            let approx = *APPROXES.get(usize::try_from(r.num()?).ok()?)?;
            let start = usize::try_from(r.num()?).ok()?;
            let len = usize::try_from(r.num()?).ok()?;
            let step = f64::from_bits(r.num()?);
            let written: Box<str> = text(r)?.into();
            let figure = Figure {
                value,
                unit,
                approx,
                text_range: start..start.checked_add(len)?,
                step,
            };
            figures.push((figure, written));
            counted.push(word64(r)?);
            before.push(word64(r)?);
        }
        let sig = Signature {
            terms,
            words,
            figures,
            counted,
            before,
        };
        out.insert(key, sig);
    }
    Some(out)
}

fn word64(r: &mut Reader) -> Option<u64> {
    Some(u64::from_le_bytes(r.take(8)?.try_into().ok()?))
}

fn text(r: &mut Reader) -> Option<String> {
    String::from_utf8(r.bytes()?.to_vec()).ok()
}

fn unit_code(unit: Unit) -> u64 {
    UNITS.iter().position(|u| *u == unit).unwrap_or(0) as u64
}

fn unit(code: u64) -> Option<Unit> {
    UNITS.get(usize::try_from(code).ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(texts: &[(usize, &'a str)]) -> Vec<LinkItem<'a>> {
        texts
            .iter()
            .map(|&(article, text)| LinkItem {
                article,
                outlet: None,
                text,
            })
            .collect()
    }

    const A: &str = "أعلنت الوزارة منح 8,000 طالب مقاعد دراسية في الجامعات الحكومية هذا العام";
    const B: &str = "أعلنت الوزارة منح 7,500 طالب مقاعد دراسية في الجامعات الحكومية هذا العام";
    const C: &str = "افتتح المعرض الدولي للكتاب أبوابه أمام الزوار صباح اليوم في العاصمة";
    const D: &str = "افتتح المعرض الدولي للكتاب أبوابه أمام الزوار صباح الأحد في العاصمة";

    fn same(x: &Links, y: &Links) -> bool {
        x.len() == y.len() && (0..x.len()).all(|i| x.related(i) == y.related(i))
    }

    #[test]
    fn cached_links_are_read_back_and_equal_a_fresh_run() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("links-test.bin");
        let list = items(&[(0, A), (1, B), (2, C), (3, D)]);
        let days = vec![Some(1), Some(1), None, Some(2)];
        let (fresh, reuse) = link_with_cache(&list, &days, Some(&file));
        assert_eq!(
            reuse,
            Reuse::Signatures {
                cached: 0,
                computed: 4
            }
        );
        assert!(fresh.related(0).iter().any(|r| !r.drift.is_empty()));
        let (again, reuse) = link_with_cache(&list, &days, Some(&file));
        assert_eq!(reuse, Reuse::Links);
        assert!(same(&fresh, &again));
        let (none, _) = link_with_cache(&list, &days, None);
        assert!(same(&fresh, &none));
    }

    #[test]
    fn changed_claims_reuse_signatures_and_link_as_a_fresh_run() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("links-test.bin");
        let days = vec![None; 4];
        link_with_cache(&items(&[(0, A), (1, B), (2, C)]), &days, Some(&file));
        let changed = items(&[(0, A), (1, B), (2, C), (3, D)]);
        let (links, reuse) = link_with_cache(&changed, &days, Some(&file));
        assert_eq!(
            reuse,
            Reuse::Signatures {
                cached: 3,
                computed: 1
            }
        );
        let (fresh, _) = link_with_cache(&changed, &days, None);
        assert!(same(&links, &fresh));
        assert!(!links.related(3).is_empty(), "the new claim is linked");
    }

    #[test]
    fn a_damaged_or_foreign_file_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("links-test.bin");
        let list = items(&[(0, A), (1, B)]);
        let days = vec![None; 2];
        let (fresh, _) = link_with_cache(&list, &days, None);
        for junk in [b"not a cache".to_vec(), {
            let mut h = header();
            h.extend_from_slice(&[0xff; 40]);
            h
        }] {
            std::fs::write(&file, &junk).unwrap();
            let (links, reuse) = link_with_cache(&list, &days, Some(&file));
            assert!(matches!(reuse, Reuse::Signatures { cached: 0, .. }));
            assert!(same(&links, &fresh));
        }
        let (_, reuse) = link_with_cache(&list, &days, Some(&file));
        assert_eq!(reuse, Reuse::Links, "the damaged file was replaced");
    }
}
