//! A cache of extraction results, so a desk opens fast the second time.
//!
//! One file per desk in the cache folder. It holds, for every article
//! content (keyed by a hash of the text), everything but the text: the
//! extraction, the metadata, the warnings and the keys of the sentences a
//! manual claim could be. It also records each article file's metadata
//! (size, modification and change times, inode) with its content hash, the
//! way git's index does, so a second start can trust a file it has not read
//! again: the TUI then reads the texts in the background and checks them.
//! A file changed less than [`RACY_MARGIN`] before the cache was written is
//! not recorded, so a change within the clock's resolution is never missed.
//!
//! The whole file is valid only for one rule set ([`RuleSet::fingerprint`])
//! and one build of claimdesk (the executable's size and modification time),
//! so a rule edit or a new build starts afresh. The cache is an
//! optimisation: a file that is missing, stale, corrupt or unwritable is ignored.

pub(crate) mod codec;
mod file_table;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

pub use codec::{
    CachedArticle, CachedWarning, decode, decode_lazily, decode_sentences, encode, encode_parts,
};
use codec::{Reader, put, put_bytes};
use file_table::{FileRecord, FileTable};

use crate::rules::RuleSet;

/// Bumped whenever the encoding changes.
const FORMAT: &[u8] = b"claimdesk-extract-cache 4\n";

/// A file whose modification time is closer than this to the moment the
/// cache is written is not trusted by its metadata next time.
pub const RACY_MARGIN: Duration = Duration::from_secs(2);

/// The margin in force, in milliseconds ([`RACY_MARGIN`] unless a test changed it).
static MARGIN_MS: AtomicU64 = AtomicU64::new(RACY_MARGIN.as_millis() as u64);

/// Changes the racy margin for the whole process. For tests only, which
/// write a desk and open it from the cache within the same second.
#[doc(hidden)]
pub fn set_racy_margin(margin: Duration) {
    MARGIN_MS.store(margin.as_millis() as u64, Ordering::Relaxed);
}

/// A content hash of an article's text.
pub type ContentHash = [u8; 16];

/// Hashes an article's text (or any bytes: the link cache's fingerprint).
pub fn content_hash(text: impl AsRef<[u8]>) -> ContentHash {
    let digest = Sha256::digest(text.as_ref());
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// What a file's metadata says about its content: equal stamps mean the
/// file was not written in between (any write changes the change time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileStamp {
    len: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    modified: (i64, i64),
    /// Change time (inode change), where the system has one.
    changed: (i64, i64),
    inode: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStamp {
                len: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec()),
                changed: (meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let since = |t: std::io::Result<SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .map_or((0, 0), |d| {
                        (d.as_secs() as i64, i64::from(d.subsec_nanos()))
                    })
            };
            FileStamp {
                len: meta.len(),
                modified: since(meta.modified()),
                changed: since(meta.created()),
                inode: 0,
            }
        }
    }

    /// True when the file was last written (content or metadata) at least
    /// [`RACY_MARGIN`] before `now`.
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let latest = self.modified.max(self.changed);
        let margin = now.saturating_sub(Duration::from_millis(MARGIN_MS.load(Ordering::Relaxed)));
        (latest.0, latest.1) < (margin.as_secs() as i64, i64::from(margin.subsec_nanos()))
    }

    fn put(&self, out: &mut Vec<u8>) {
        for n in [
            self.len,
            self.modified.0 as u64,
            self.modified.1 as u64,
            self.changed.0 as u64,
            self.changed.1 as u64,
            self.inode,
        ] {
            put(out, n);
        }
    }

    fn read(r: &mut Reader) -> Option<FileStamp> {
        Some(FileStamp {
            len: r.num()?,
            modified: (r.num()? as i64, r.num()? as i64),
            changed: (r.num()? as i64, r.num()? as i64),
            inode: r.num()?,
        })
    }
}

/// One article file as loaded: its path, its stamp when it was read, and
/// the hash of its content.
#[derive(Debug, Clone)]
pub struct FileEntry {
    pub path: PathBuf,
    pub stamp: Option<FileStamp>,
    pub hash: ContentHash,
}

/// A path as the bytes the cache records it by.
fn path_key(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        std::borrow::Cow::Owned(path.to_string_lossy().as_bytes().to_vec())
    }
}

/// Cached extractions of one desk, for one rule set.
#[derive(Debug, Default)]
pub struct ExtractCache {
    file: PathBuf,
    stamp: Vec<u8>,
    /// The cache file as read.
    bytes: Vec<u8>,
    /// Where each article's encoding lies in `bytes`.
    entries: HashMap<ContentHash, Range<usize>>,
    /// Each article file's path, stamp and content hash.
    files: FileTable,
}

/// What identifies the rules and the program that made the cache.
pub(crate) fn stamp(fingerprint: &str) -> Vec<u8> {
    let mut s = FORMAT.to_vec();
    s.extend_from_slice(fingerprint.as_bytes());
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

/// The cache file of the desk at `root` in `cache_dir`.
pub fn cache_file(cache_dir: &Path, root: &Path) -> PathBuf {
    cache_dir.join(format!("extract-{}.bin", desk_key(root)))
}

/// The name a desk's cache files carry: 16 hex digits of a hash of its root.
pub fn desk_key(root: &Path) -> String {
    let key = Sha256::digest(root.to_string_lossy().as_bytes());
    key.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl ExtractCache {
    /// Opens the cache of the desk at `root` in `cache_dir` (empty when there
    /// is none or it was made for other rules or another build).
    pub fn open(cache_dir: &Path, root: &Path, rules: &RuleSet) -> ExtractCache {
        ExtractCache::from_bytes(ExtractCache::read(cache_dir, root), rules)
    }

    /// Reads the cache file of the desk at `root` (empty when there is none):
    /// the first half of [`ExtractCache::open`], which needs no rules, so it
    /// can run while they compile.
    pub fn read(cache_dir: &Path, root: &Path) -> (PathBuf, Vec<u8>) {
        let file = cache_file(cache_dir, root);
        let bytes = std::fs::read(&file).unwrap_or_default();
        (file, bytes)
    }

    /// True when the desk at `root` has a cache file made by this build for
    /// rules of this fingerprint: then those rules loaded without a problem
    /// before (a cache is only written with rules that loaded), which is
    /// what [`RuleSet::load_trusting`] asks. Only the file's head is read.
    pub fn made_for(cache_dir: &Path, root: &Path, fingerprint: &str) -> bool {
        use std::io::Read;
        let mut head = stamp(fingerprint);
        head.extend_from_slice(b"--\n");
        let mut found = vec![0u8; head.len()];
        std::fs::File::open(cache_file(cache_dir, root))
            .and_then(|mut f| f.read_exact(&mut found))
            .is_ok_and(|()| found == head)
    }

    /// The second half of [`ExtractCache::open`]: the cache as read, if it
    /// was made for these rules and this build.
    pub fn from_bytes((file, bytes): (PathBuf, Vec<u8>), rules: &RuleSet) -> ExtractCache {
        let stamp = stamp(&rules.fingerprint);
        match parse_file(&bytes, &stamp) {
            Some((entries, files)) => ExtractCache {
                file,
                stamp,
                bytes,
                entries,
                files,
            },
            None => ExtractCache {
                file,
                stamp,
                ..Default::default()
            },
        }
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// What is cached for an article with this content, if anything.
    pub fn get(&self, hash: &ContentHash) -> Option<CachedArticle> {
        decode(self.bytes.get(self.entries.get(hash)?.clone())?)
    }

    /// Like [`ExtractCache::get`], with the sentences left encoded ([`decode_lazily`]).
    pub fn get_lazily(&self, hash: &ContentHash) -> Option<(CachedArticle, Box<[u8]>)> {
        decode_lazily(self.bytes.get(self.entries.get(hash)?.clone())?)
    }

    /// The content hash recorded for the file at `path` when its stamp is
    /// still `stamp` (the file was not written since), and the cache holds it.
    pub fn known(&self, path: &Path, stamp: &FileStamp) -> Option<ContentHash> {
        self.known_at(path, stamp, usize::MAX)
    }

    /// [`ExtractCache::known`] for the file at position `at` of the desk's
    /// listing (the lookup is cheapest when the listing is unchanged).
    pub fn known_at(&self, path: &Path, stamp: &FileStamp, at: usize) -> Option<ContentHash> {
        let r = self.files.get(&self.bytes, path_key(path).as_ref(), at)?;
        (r.stamp == *stamp && self.entries.contains_key(&r.hash)).then_some(r.hash)
    }

    /// How many article contents the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the cache records exactly `files` files (every one known by
    /// its stamp, [`ExtractCache::known`]) holding exactly these contents:
    /// then saving would write what it holds.
    pub fn records_exactly<'h>(
        &self,
        files: usize,
        hashes: impl Iterator<Item = &'h ContentHash>,
    ) -> bool {
        let distinct: HashSet<&ContentHash> = hashes.collect();
        files == self.files.len() && distinct.len() == self.entries.len()
    }

    /// True when saving `files` would write what the cache already holds.
    pub fn is_current(&self, files: &[FileEntry]) -> bool {
        self.is_current_at(files, SystemTime::now())
    }

    fn is_current_at(&self, files: &[FileEntry], now: SystemTime) -> bool {
        let distinct: HashSet<&ContentHash> = files.iter().map(|f| &f.hash).collect();
        let trusted: Vec<&FileEntry> = files
            .iter()
            .filter(|f| f.stamp.is_some_and(|s| s.settled(now)))
            .collect();
        distinct.len() == self.entries.len()
            && distinct.iter().all(|h| self.entries.contains_key(*h))
            && trusted.len() == self.files.len()
            && trusted.iter().enumerate().all(|(at, f)| {
                let recorded = self.files.get(&self.bytes, path_key(&f.path).as_ref(), at);
                recorded.map(|r| (r.stamp, r.hash)) == f.stamp.map(|s| (s, f.hash))
            })
    }

    /// Replaces the cache file with exactly these files' articles (the desk
    /// as it is now): a content in `fresh` is encoded by `encode` as it is
    /// written (so only one encoding is in memory at a time), any other as
    /// the cache held it. Streamed to a temporary file that is then renamed;
    /// errors are ignored.
    pub fn save(
        self,
        files: &[FileEntry],
        fresh: &HashSet<ContentHash>,
        encode: &dyn Fn(&ContentHash) -> Option<Vec<u8>>,
    ) {
        self.save_at(files, fresh, encode, SystemTime::now());
    }

    /// [`ExtractCache::save`] as if it were `now`.
    fn save_at(
        self,
        files: &[FileEntry],
        fresh: &HashSet<ContentHash>,
        encode: &dyn Fn(&ContentHash) -> Option<Vec<u8>>,
        now: SystemTime,
    ) {
        let old = |h: &ContentHash| self.entries.get(h).and_then(|r| self.bytes.get(r.clone()));
        let write = |out: &mut std::io::BufWriter<std::fs::File>| -> std::io::Result<()> {
            out.write_all(&self.stamp)?;
            out.write_all(b"--\n")?;
            let mut saved = HashSet::new();
            let kept: Vec<&ContentHash> = files
                .iter()
                .map(|f| &f.hash)
                .filter(|h| (fresh.contains(*h) || old(h).is_some()) && saved.insert(**h))
                .collect();
            let mut buf = Vec::new();
            put(&mut buf, kept.len() as u64);
            out.write_all(&buf)?;
            for hash in kept {
                let body = match fresh.contains(hash) {
                    true => encode(hash).unwrap_or_default(),
                    false => old(hash).unwrap_or_default().to_vec(),
                };
                buf.clear();
                buf.extend_from_slice(hash);
                put_bytes(&mut buf, &body);
                out.write_all(&buf)?;
            }
            let trusted: Vec<&FileEntry> = files
                .iter()
                .filter(|f| saved.contains(&f.hash) && f.stamp.is_some_and(|s| s.settled(now)))
                .collect();
            buf.clear();
            put(&mut buf, trusted.len() as u64);
            for f in trusted {
                put_bytes(&mut buf, &path_key(&f.path));
                if let Some(stamp) = f.stamp {
                    stamp.put(&mut buf);
                }
                buf.extend_from_slice(&f.hash);
            }
            out.write_all(&buf)
        };
        // A cache that cannot be written is only a slower next start.
        crate::store::durable::remove_dead_temps(&self.file);
        let _ = crate::store::durable::write_atomic_with(&self.file, write);
    }
}

type Parsed = (HashMap<ContentHash, Range<usize>>, FileTable);

fn parse_file(bytes: &[u8], stamp: &[u8]) -> Option<Parsed> {
    let rest = bytes.strip_prefix(stamp)?.strip_prefix(b"--\n")?;
    let mut r = Reader(rest);
    let n = r.count()?;
    let mut entries = HashMap::with_capacity(n);
    for _ in 0..n {
        let hash: ContentHash = r.take(16)?.try_into().ok()?;
        let body = r.bytes()?;
        let start = body.as_ptr() as usize - bytes.as_ptr() as usize;
        entries.insert(hash, start..start + body.len());
    }
    let n = r.count()?;
    let mut files = Vec::with_capacity(n);
    for _ in 0..n {
        let path = r.bytes()?;
        let start = path.as_ptr() as usize - bytes.as_ptr() as usize;
        let stamp = FileStamp::read(&mut r)?;
        let hash: ContentHash = r.take(16)?.try_into().ok()?;
        files.push(FileRecord {
            path: start..start + path.len(),
            stamp,
            hash,
        });
    }
    r.0.is_empty().then_some((entries, FileTable::new(files)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str) -> CachedArticle {
        CachedArticle {
            meta: crate::desk::ArticleMeta {
                title: title.into(),
                ..Default::default()
            },
            sentence_keys: vec![7],
            ..Default::default()
        }
    }

    fn entry(dir: &Path, name: &str, text: &str) -> FileEntry {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        FileEntry {
            path,
            stamp: Some(FileStamp::of(&meta)),
            hash: content_hash(text),
        }
    }

    /// A moment past the racy margin of files written now.
    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(60)
    }

    #[test]
    fn save_then_open_finds_contents_and_trusted_files() {
        let tmp = tempfile::tempdir().unwrap();
        let rules = RuleSet::from_files(tmp.path(), &[]).unwrap();
        let cache = ExtractCache::open(tmp.path(), Path::new("/desk"), &rules);
        assert!(cache.is_empty());
        let old = entry(tmp.path(), "old.txt", "old text");
        let new = entry(tmp.path(), "new.txt", "new text");
        let encodings: HashMap<ContentHash, Vec<u8>> = [
            (old.hash, encode(&article("old"))),
            (new.hash, encode(&article("new"))),
        ]
        .into();
        let fresh: HashSet<ContentHash> = encodings.keys().copied().collect();
        let encode = |h: &ContentHash| encodings.get(h).cloned();
        let files = [old.clone(), new.clone()];
        cache.save(&files, &fresh, &encode);

        let again = ExtractCache::open(tmp.path(), Path::new("/desk"), &rules);
        assert_eq!(again.len(), 2);
        assert_eq!(again.get(&old.hash), Some(article("old")));
        assert_eq!(again.get(&new.hash), Some(article("new")));
        // Files written just before the save are not trusted by their stamp
        // (they could change again within the clock's resolution).
        assert_eq!(again.known(&old.path, &old.stamp.unwrap()), None);
        assert!(again.is_current(&files));
        assert!(!again.is_current(std::slice::from_ref(&old)));

        // Saved later, with no fresh encodings: the entries are kept, and
        // the files are now trusted.
        again.save_at(&files, &HashSet::new(), &|_| None, later());
        let third = ExtractCache::open(tmp.path(), Path::new("/desk"), &rules);
        assert_eq!(third.get(&new.hash), Some(article("new")));
        assert_eq!(third.known(&old.path, &old.stamp.unwrap()), Some(old.hash));
        assert_eq!(third.known(&new.path, &new.stamp.unwrap()), Some(new.hash));
        assert!(third.is_current_at(&files, later()));
        assert!(!third.is_current_at(&files[..1], later()));

        let other = ExtractCache::open(tmp.path(), Path::new("/other-desk"), &rules);
        assert!(other.is_empty());

        // The file vouches for exactly these rules, for this desk.
        let desk = Path::new("/desk");
        assert!(ExtractCache::made_for(tmp.path(), desk, &rules.fingerprint));
        assert!(!ExtractCache::made_for(
            tmp.path(),
            desk,
            "0123456789abcdef"
        ));
        assert!(!ExtractCache::made_for(
            tmp.path(),
            Path::new("/other-desk"),
            &rules.fingerprint
        ));
    }

    #[test]
    fn a_rewritten_file_is_not_known() {
        let tmp = tempfile::tempdir().unwrap();
        let rules = RuleSet::from_files(tmp.path(), &[]).unwrap();
        let e = entry(tmp.path(), "a.txt", "first");
        let fresh = [e.hash].into();
        ExtractCache::open(tmp.path(), Path::new("/d"), &rules).save_at(
            std::slice::from_ref(&e),
            &fresh,
            &|_| Some(encode(&article("a"))),
            later(),
        );
        std::fs::write(&e.path, "other").unwrap();
        let now = FileStamp::of(&std::fs::metadata(&e.path).unwrap());
        let cache = ExtractCache::open(tmp.path(), Path::new("/d"), &rules);
        assert_eq!(cache.known(&e.path, &e.stamp.unwrap()), Some(e.hash));
        assert_eq!(cache.known(&e.path, &now), None);
    }

    #[test]
    fn a_damaged_file_opens_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let rules = RuleSet::from_files(tmp.path(), &[]).unwrap();
        let e = entry(tmp.path(), "a.txt", "first");
        let fresh = [e.hash].into();
        let cache = ExtractCache::open(tmp.path(), Path::new("/d"), &rules);
        let file = cache.path().to_path_buf();
        cache.save_at(
            std::slice::from_ref(&e),
            &fresh,
            &|_| Some(encode(&article("a"))),
            later(),
        );
        let bytes = std::fs::read(&file).unwrap();
        for cut in [bytes.len() - 1, bytes.len() - 20, bytes.len() / 2] {
            std::fs::write(&file, &bytes[..cut]).unwrap();
            let cache = ExtractCache::open(tmp.path(), Path::new("/d"), &rules);
            assert!(cache.is_empty(), "cut at {cut}");
            assert_eq!(cache.known(&e.path, &e.stamp.unwrap()), None);
        }
    }
}
