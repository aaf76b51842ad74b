//! Reading verdict files: which exist, what they hold, and whether one may
//! be replaced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::durable::Fingerprint;
use super::format::{self, Records};
use super::{StoreError, VERDICTS_SUFFIX, layout};
use crate::problem::Problem;

/// One verdict file as last read or written by this store.
#[derive(Debug, Default)]
pub(super) struct FileState {
    /// The records as read or written (the base of the next three-way merge).
    pub(super) base: Records,
    /// What the file was when read or written; `None` when it did not exist.
    pub(super) fingerprint: Option<Fingerprint>,
    /// Line of each record's table header.
    pub(super) lines: BTreeMap<String, usize>,
}

/// Every verdict file under `rules_dir`, relative: old-layout files and
/// claim files, sorted.
pub(crate) fn all_verdict_files(rules_dir: &Path) -> Vec<String> {
    let mut rels = Vec::new();
    find_verdict_files(rules_dir, "", &mut rels);
    rels.extend(layout::find_claim_files(rules_dir));
    rels.sort();
    rels
}

/// Parses a verdict file's text; an empty file (a claim file cut short by a
/// crash of the machine) holds no record.
pub(crate) fn parse_verdict_text(shown: &Path, text: &str) -> Result<Records, Problem> {
    if text.trim().is_empty() {
        return Ok(Records::new());
    }
    if let Some(records) = super::fast::parse_canonical(text) {
        return Ok(records);
    }
    format::parse(shown, text)
}

/// Reads and parses one file (`None`: missing).
pub(super) fn read_state(
    rules_dir: &Path,
    shown_dir: &Path,
    rel: &str,
) -> Result<Option<FileState>, Problem> {
    read_state_with(rules_dir, shown_dir, rel, false)
}

/// [`read_state`]; `regular`: the folder walk just saw a regular file there
/// (no symbolic link whose target needs checking).
pub(super) fn read_state_with(
    rules_dir: &Path,
    shown_dir: &Path,
    rel: &str,
    regular: bool,
) -> Result<Option<FileState>, Problem> {
    let path = rules_dir.join(rel);
    let shown = shown_dir.join(rel);
    let bytes = if regular {
        use crate::bounded::{MAX_VERDICT_FILE_BYTES, read_bounded_optional};
        read_bounded_optional(&path, MAX_VERDICT_FILE_BYTES)
            .map_err(|e| Problem::file(&shown, format!("verdict file {e}")))?
    } else {
        read_verdict_file(rules_dir, &path).map_err(|why| Problem::file(&shown, why))?
    };
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let fingerprint = Fingerprint::of(&path, &bytes);
    let text = crate::bounded::utf8(bytes).map_err(|line| {
        Problem::file(
            &shown,
            "not UTF-8 (the first invalid byte is on this line); fix or restore it from git",
        )
        .at_line(line)
    })?;
    let base = parse_verdict_text(&shown, &text)?;
    Ok(Some(FileState {
        base,
        fingerprint: Some(fingerprint),
        lines: format::header_lines(&text),
    }))
}

/// Why a verdict file on disk must not be replaced: its bytes are not UTF-8
/// (a rewrite would turn them into replacement characters), or it is
/// read-only (a rename would replace it by a writable file).
pub(super) fn refuse_unwritable(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if let Err(line) = crate::bounded::utf8(bytes.to_vec()) {
        return Err(StoreError::Invalid(
            Problem::file(
                shown,
                "not UTF-8 (the first invalid byte is on this line); save it as UTF-8 or \
                 restore it from git",
            )
            .at_line(line),
        ));
    }
    let read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    if read_only {
        return Err(StoreError::Blocked {
            path: shown.to_path_buf(),
            why: format!(
                "read-only; make it writable with `chmod u+w {}` to save verdicts in it",
                shown.display()
            ),
        });
    }
    Ok(())
}

/// The rules folder relative to its desk root (the nearest ancestor with a
/// `claimdesk.toml`), else its own name.
pub(crate) fn shown_dir(rules_dir: &Path) -> PathBuf {
    let abs = rules_dir
        .canonicalize()
        .unwrap_or_else(|_| rules_dir.to_path_buf());
    abs.ancestors()
        .skip(1)
        .find(|a| a.join(crate::desk::CONFIG_FILE).is_file())
        .and_then(|root| abs.strip_prefix(root).ok().map(Path::to_path_buf))
        .or_else(|| rules_dir.file_name().map(PathBuf::from))
        .unwrap_or_default()
}

/// Every `*.verdicts.toml` under `dir` (relative, `/`-separated, prefixed
/// with `prefix/` when given), skipping hidden files and folders.
pub(crate) fn find_verdict_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let (files, _) = crate::desk::walk::files_under(dir, crate::desk::walk::is_verdict_file);
    out.extend(files.into_iter().map(|f| {
        if prefix.is_empty() {
            f
        } else {
            format!("{prefix}/{f}")
        }
    }));
}

/// Reads a verdict file through [`crate::bounded`] (`None` when missing), or
/// says why not: not a regular file (a folder with a verdict file's name, a
/// FIFO), a symbolic link out of the rules folder, too big, unreadable.
pub(crate) fn read_verdict_file(rules_dir: &Path, path: &Path) -> Result<Option<Vec<u8>>, String> {
    use crate::bounded::{MAX_VERDICT_FILE_BYTES, ReadError, outside, read_bounded_optional};
    if let Some(real) = outside(rules_dir, path) {
        return Err(format!(
            "symbolic link to {}, outside the rules folder; not read, and not written \
             (replace the link by the file)",
            real.display()
        ));
    }
    read_bounded_optional(path, MAX_VERDICT_FILE_BYTES).map_err(|e| match e {
        ReadError::NotRegular("a folder") => format!(
            "is a folder, but `{VERDICTS_SUFFIX}` names are for verdict files; rename the \
             folder (verdicts cannot be read or saved here until then)"
        ),
        other => format!("verdict file {other}"),
    })
}
