//! Reading input files without trusting them: the one routine through which
//! articles, rule files, verdict files and configuration files are read.
//!
//! - Only regular files are read. A FIFO, a device, a socket or a folder in
//!   the place of a file is reported, never opened for reading in a way that
//!   could block: the type is checked before the open, the open is
//!   non-blocking, and the type is checked again on the opened file (it may
//!   have been swapped in between).
//! - The size limit is enforced while reading (`take(limit + 1)`), not
//!   trusted from the file's length (`/dev/zero` and `/proc` files say 0).
//! - [`inside`] tells whether a path, symbolic links resolved, stays inside a
//!   folder (the desk): what leaves it is refused unless the desk's
//!   configuration says `allow_outside = true`.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Largest configuration file read (`claimdesk.toml`, the user's config).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// Largest rule file read.
pub const MAX_RULE_FILE_BYTES: u64 = 4 << 20;
/// Largest verdict file read.
pub const MAX_VERDICT_FILE_BYTES: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing at that path.
    #[error("not found")]
    NotFound,
    /// Something other than a regular file (a folder, a FIFO, a device …).
    #[error("is {0}, not a regular file; replace it by a file")]
    NotRegular(&'static str),
    /// Larger than the limit (found while reading).
    #[error("is larger than the {limit_text} limit; split it into smaller files")]
    TooBig {
        limit: u64,
        /// The limit said for people (`4 MiB`).
        limit_text: String,
    },
    /// The system refused (permissions, an I/O error).
    #[error("cannot read it: {0}")]
    Io(#[source] io::Error),
}

impl ReadError {
    /// True for [`ReadError::NotFound`].
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::NotFound)
    }
}

/// What a file type is called in messages (`a folder`, `a FIFO (named pipe)` …).
pub fn kind_name(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

fn io_error(e: io::Error) -> ReadError {
    if e.kind() == io::ErrorKind::NotFound {
        ReadError::NotFound
    } else {
        ReadError::Io(e)
    }
}

fn limit_text(limit: u64) -> String {
    if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else if limit >= 1 << 10 && limit.is_multiple_of(1 << 10) {
        format!("{} KiB", limit >> 10)
    } else {
        format!("{limit}-byte")
    }
}

/// Opens `path` for reading only if it is a regular file (symbolic links
/// followed), without ever blocking on a FIFO.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let ft = std::fs::metadata(path).map_err(io_error)?.file_type();
    if !ft.is_file() {
        return Err(ReadError::NotRegular(kind_name(ft)));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO swapped in after the check must not block the open.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(io_error)?;
    let ft = file.metadata().map_err(io_error)?.file_type();
    if !ft.is_file() {
        return Err(ReadError::NotRegular(kind_name(ft)));
    }
    Ok(file)
}

/// Reads the regular file at `path`, at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    // Sized from the file's length (`Take` hides it from `read_to_end`,
    // which would otherwise grow the buffer by doubling: the loaded desk's
    // texts took 1.45x their size). A file that grows meanwhile still reads.
    let expected = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(expected as usize + 1);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig {
            limit,
            limit_text: limit_text(limit),
        });
    }
    Ok(bytes)
}

/// [`read_bounded`]; a missing file is `None`.
pub fn read_bounded_optional(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
    match read_bounded(path, limit) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(ReadError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The bytes as UTF-8 text, or the 1-based line of the first invalid byte.
pub fn utf8(bytes: Vec<u8>) -> Result<String, usize> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1
    })
}

/// Where `path` really is when it leaves `root` (symbolic links resolved);
/// `None` when it stays inside, or does not exist.
pub fn outside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    (!real.starts_with(&root)).then_some(real)
}

/// True when `path`, symbolic links resolved, is inside `root` (or missing).
pub fn inside(root: &Path, path: &Path) -> bool {
    outside(root, path).is_none()
}

/// True when `rel`, read as a path relative to a folder, leaves it without
/// looking at the disk (absolute, or more `..` than folders).
pub fn leaves_lexically(rel: &str) -> bool {
    let p = Path::new(rel);
    if p.is_absolute() || rel.starts_with('~') {
        return true;
    }
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            _ => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_counted_while_reading() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_bounded(&f, 5).unwrap(), b"12345");
        let e = read_bounded(&f, 4).unwrap_err();
        assert!(matches!(e, ReadError::TooBig { limit: 4, .. }), "{e}");
        // A device says its length is 0; the limit still holds.
        #[cfg(target_os = "linux")]
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("a character device"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_reported_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_bounded(&fifo, 100).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        assert!(
            read_bounded(dir.path(), 100)
                .unwrap_err()
                .to_string()
                .contains("a folder")
        );
        assert!(
            read_bounded(&dir.path().join("none"), 1)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        assert_eq!(utf8(b"a\nb".to_vec()).unwrap(), "a\nb");
        assert_eq!(utf8(b"a\nb\n\xe9".to_vec()).unwrap_err(), 3);
    }

    #[test]
    fn paths_that_leave_a_folder() {
        assert!(leaves_lexically("/tmp/x"));
        assert!(leaves_lexically("../rules"));
        assert!(leaves_lexically("a/../../b"));
        assert!(!leaves_lexically("a/../b"));
        assert!(!leaves_lexically("rules"));
        assert!(!leaves_lexically("./wire/**/*.md"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_folder_is_outside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("desk");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        std::os::unix::fs::symlink("../secret.txt", root.join("leak.txt")).unwrap();
        std::fs::write(root.join("ok.txt"), "x").unwrap();
        std::os::unix::fs::symlink("ok.txt", root.join("alias.txt")).unwrap();
        assert!(!inside(&root, &root.join("leak.txt")));
        assert!(inside(&root, &root.join("alias.txt")));
        assert!(inside(&root, &root.join("missing.txt")));
    }
}
