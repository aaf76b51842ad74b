//! Writing files so that a crash leaves either the old or the new content,
//! and serialising the read-merge-write of verdict files between processes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// The side file locked while a process reads, merges and writes verdict
/// files (never the data files: a rename replaces their inode).
pub const LOCK_FILE: &str = ".claimdesk.lock";

/// What a file looked like when read: to notice that it changed on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub sha256: [u8; 32],
}

impl Fingerprint {
    /// The fingerprint of bytes just read from `path` (`None` when missing).
    pub fn of(path: &Path, bytes: &[u8]) -> Fingerprint {
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// True when `meta` (of the file now) has this fingerprint's size and
    /// modification time: the file was very likely not touched since.
    pub fn same_stat(&self, meta: &fs::Metadata) -> bool {
        self.len == meta.len() && self.modified.is_some() && self.modified == meta.modified().ok()
    }

    /// True when the content is the same (length and hash; the time alone
    /// is not trusted either way).
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }
}

/// Reads a verdict file (a regular file, at most
/// [`MAX_VERDICT_FILE_BYTES`](crate::bounded::MAX_VERDICT_FILE_BYTES));
/// a missing file is `None`. A FIFO, a folder or an oversized file is an
/// error whose text says so.
pub fn read_optional(path: &Path) -> io::Result<Option<Vec<u8>>> {
    use crate::bounded::{MAX_VERDICT_FILE_BYTES, ReadError, read_bounded_optional};
    read_bounded_optional(path, MAX_VERDICT_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes` durably: a temporary file in the same folder
/// is written and synced, renamed over `path`, then the folder is synced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], the content streamed by `write` (for files too
/// large to build in memory first): the one atomic-write routine of the
/// code base (verdict files, the extraction cache, the remembered position).
/// The new file keeps the permissions of the file it replaces. On any error
/// the temporary file is removed and `path` is untouched.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_inner(path, true, write)
}

/// Like [`write_atomic`] without syncing (the rename is atomic, but may not
/// survive a power cut): for writing many files and syncing them once at the
/// end with [`sync_written`] (the migration).
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_inner(path, false, |out| out.write_all(bytes))
}

/// Writes a cache file: atomically (a reader sees the old file or the new
/// one), streamed, not synced (a cache lost to a power cut is rebuilt).
/// Temporary files of earlier writers that were killed are removed first
/// ([`remove_dead_temps`]): a killed cold start would otherwise leave a
/// file the size of the cache behind each time.
pub fn write_cache_file(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    remove_dead_temps(path);
    write_atomic_inner(path, false, write)
}

/// Syncs files written with [`write_atomic_unsynced`], then their folders
/// and the parents of those folders (new folders' entries).
pub fn sync_written(paths: &[PathBuf]) -> io::Result<()> {
    let mut dirs = std::collections::BTreeSet::new();
    for p in paths {
        File::open(p)?.sync_all()?;
        let d = parent(p);
        if let Some(up) = d.parent() {
            dirs.insert(up.to_path_buf());
            if let Some(top) = up.parent() {
                dirs.insert(top.to_path_buf());
            }
        }
        dirs.insert(d);
    }
    for d in dirs {
        if !d.as_os_str().is_empty() {
            sync_dir(&d)?;
        }
    }
    Ok(())
}

fn write_atomic_inner(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent(path);
    // A folder made here (a claim file's shard) is synced into its parent too.
    let new_dir = !dir.is_dir();
    fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        let mut out = io::BufWriter::new(f);
        write(&mut out)?;
        let f = out.into_inner().map_err(|e| e.into_error())?;
        // The new file keeps the permissions of the one it replaces.
        if let Ok(meta) = fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        if sync {
            f.sync_all()?;
        }
        drop(f);
        fs::rename(&tmp, path)?;
        if !sync {
            return Ok(());
        }
        sync_dir(&dir)?;
        if new_dir {
            for up in dir.ancestors().skip(1).take(2) {
                if !up.as_os_str().is_empty() {
                    sync_dir(up)?;
                }
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files left next to `path` by a save that was killed
/// (`.NAME.tmp-*`). Call only while holding the [`DirLock`]: every save
/// writes its temporary file under that lock, so any found then is garbage.
pub fn remove_leftover_temps(path: &Path) {
    for (temp, _) in temps_next_to(path) {
        let _ = fs::remove_file(temp);
    }
}

/// The temporary files next to `path` (`.NAME.tmp-REST`), each with its REST.
fn temps_next_to(path: &Path) -> Vec<(PathBuf, String)> {
    let dir = parent(path);
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.tmp-");
    let Ok(rd) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    rd.flatten()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&prefix)?.to_string();
            Some((e.path(), rest))
        })
        .collect()
}

/// Removes the temporary files next to `path` (`.NAME.tmp-PID-N`) whose
/// writing process is gone. For files written without a lock (caches): a
/// live writer's file is left alone; without a way to tell (not Unix),
/// nothing is removed.
pub fn remove_dead_temps(path: &Path) {
    for (temp, rest) in temps_next_to(path) {
        let pid = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_alive(pid)) {
            let _ = fs::remove_file(temp);
        }
    }
}

/// Whether process `pid` exists (on Unix: `kill(pid, 0)`; elsewhere it is
/// taken to be alive).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 checks that the process exists; nothing is sent.
        let found = unsafe { libc::kill(pid, 0) } == 0;
        found || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes a file durably (folder synced). A missing file is fine.
pub fn remove_durably(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => sync_dir(&parent(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Syncs a folder so a rename or removal in it survives a crash.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// An exclusive advisory lock on `dir/.claimdesk.lock`, released on drop.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

impl DirLock {
    /// Waits for the lock of `dir` (created if needed).
    pub fn acquire(dir: &Path) -> io::Result<DirLock> {
        fs::create_dir_all(dir)?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(LOCK_FILE))?;
        file.lock()?;
        Ok(DirLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/x.verdicts.toml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        remove_durably(&p).unwrap();
        remove_durably(&p).unwrap();
        assert!(read_optional(&p).unwrap().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_write_removes_temps_of_dead_writers_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("links-x.bin");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let dead_temp = dir.path().join(format!(".links-x.bin.tmp-{dead}-0"));
        let live_temp = dir
            .path()
            .join(format!(".links-x.bin.tmp-{}-7", std::process::id()));
        let other = dir.path().join(format!(".extract-x.bin.tmp-{dead}-0"));
        for p in [&dead_temp, &live_temp, &other] {
            fs::write(p, b"half a cache").unwrap();
        }
        write_cache_file(&cache, |out| out.write_all(b"cache")).unwrap();
        assert_eq!(fs::read(&cache).unwrap(), b"cache");
        assert!(!dead_temp.exists(), "a killed writer's temp file stays");
        assert!(live_temp.exists(), "a live writer's temp file was removed");
        assert!(other.exists(), "another file's temp file was removed");
    }

    #[test]
    fn fingerprint_notices_content() {
        let a = Fingerprint::of(Path::new("/nonexistent"), b"abc");
        let b = Fingerprint::of(Path::new("/nonexistent"), b"abd");
        assert!(a.same_content(&a.clone()));
        assert!(!a.same_content(&b));
    }
}
