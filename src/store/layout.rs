//! Where verdicts live on disk: one small file per claim, in a folder beside
//! its rule file, sharded by the first two hex digits of the claim id.
//!
//! ```text
//! rules/figures.toml                          the rule file
//! rules/figures.verdicts/3f/3fa2c0d19b7e.toml one claim's verdict (one record)
//! rules/manual.verdicts/0c/0c11d2e3f4a5.toml  a manual claim
//! rules/figures.verdicts.toml                 the old layout (many records; migrated)
//! ```
//!
//! Two analysts marking different claims touch different files, so git's
//! plain merge never has to interleave lines of one file: independent
//! verdicts merge cleanly with or without the merge driver. Two changes of
//! one claim touch one file and conflict, which the driver turns into a
//! recorded conflict ([`super::merge`]).

use std::path::Path;

use crate::extract::ClaimId;

/// Suffix of a rule file's verdict folder (`figures.toml` → `figures.verdicts/`).
pub const FOLDER_SUFFIX: &str = ".verdicts";
/// Suffix of a claim's verdict file inside its shard folder.
pub const CLAIM_FILE_SUFFIX: &str = ".toml";

/// The verdict folder of a rule file (both relative to the rules folder):
/// `ar/quotes.toml` → `ar/quotes.verdicts`.
pub fn folder_for_rule_file(rule_file: &str) -> String {
    let stem = rule_file.strip_suffix(".toml").unwrap_or(rule_file);
    format!("{stem}{FOLDER_SUFFIX}")
}

/// The verdict folder that replaces an old-layout verdict file:
/// `ar/quotes.verdicts.toml` → `ar/quotes.verdicts`.
pub fn folder_for_legacy_file(legacy: &str) -> String {
    let stem = legacy.strip_suffix(".toml").unwrap_or(legacy);
    stem.to_string()
}

/// The file of claim `id` in `folder` (relative to the rules folder):
/// `figures.verdicts/3f/3fa2c0d19b7e.toml`. An id that is not a plain
/// lowercase name (typed by hand) gets a file named after its hash; the
/// record inside always carries the id itself.
pub fn claim_file(folder: &str, id: &ClaimId) -> String {
    let s = id.as_str();
    let plain = (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    let hexish = s.len() >= 2 && s.bytes().take(2).all(|b| b.is_ascii_hexdigit());
    if plain && hexish {
        format!("{folder}/{}/{s}{CLAIM_FILE_SUFFIX}", &s[..2])
    } else {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(s.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("{folder}/{}/_{hex}{CLAIM_FILE_SUFFIX}", &hex[..2])
    }
}

/// The verdict folder of a claim file: `a.verdicts/3f/x.toml` → `a.verdicts`.
pub fn folder_of_claim_file(rel: &str) -> String {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.truncate(parts.len().saturating_sub(2));
    parts.join("/")
}

/// True for a path (relative to the rules folder, `/`-separated) in the new
/// layout: `…X.verdicts/SHARD/NAME.toml`.
pub fn is_claim_file(rel: &str) -> bool {
    let mut parts = rel.rsplit('/');
    let (Some(name), Some(shard), Some(folder)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    name.ends_with(CLAIM_FILE_SUFFIX)
        && !name.starts_with('.')
        && !shard.starts_with('.')
        && folder.ends_with(FOLDER_SUFFIX)
        && !folder.starts_with('.')
}

/// Every claim file under `rules_dir` (relative, `/`-separated, sorted),
/// skipping hidden files and folders. Only verdict folders and their shard
/// folders are listed beyond the folders holding rule files.
pub fn find_claim_files(rules_dir: &Path) -> Vec<String> {
    find_claim_files_kind(rules_dir)
        .into_iter()
        .map(|(rel, _)| rel)
        .collect()
}

/// [`find_claim_files`], each with `true` when the walker saw a regular
/// file (not a symbolic link: it needs no check of where it leads).
pub(crate) fn find_claim_files_kind(rules_dir: &Path) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut walker = walkdir::WalkDir::new(rules_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(Ok(entry)) = walker.next() {
        if !entry.file_type().is_file() && !entry.file_type().is_symlink() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(rules_dir) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = parts.join("/");
        if is_claim_file(&rel) {
            out.push((rel, entry.file_type().is_file()));
        }
    }
    out
}

/// Modification times of shard folders (`figures.verdicts/3f`), to skip
/// listing shards nothing was added to, removed from or renamed into.
pub(crate) type ShardStamps = std::collections::HashMap<String, std::time::SystemTime>;

/// Every shard folder (relative) and the stamps worth trusting: a folder
/// changed in the last two seconds is left out (a change within the clock's
/// granularity could otherwise go unseen), so it is listed next time.
pub(crate) fn shard_stamps(rules_dir: &Path) -> (Vec<String>, ShardStamps) {
    let now = std::time::SystemTime::now();
    let mut shards = Vec::new();
    let mut stamps = ShardStamps::new();
    for folder in verdict_folders(rules_dir) {
        let Ok(rd) = std::fs::read_dir(rules_dir.join(&folder)) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let rel = format!("{folder}/{name}");
            let settled = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .filter(|m| now.duration_since(*m).is_ok_and(|d| d.as_secs() >= 2));
            if let Some(m) = settled {
                stamps.insert(rel.clone(), m);
            }
            shards.push(rel);
        }
    }
    (shards, stamps)
}

/// The verdict folders under `rules_dir` (relative), without walking into them.
fn verdict_folders(rules_dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut walker = walkdir::WalkDir::new(rules_dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(Ok(e)) = walker.next() {
        if e.depth() > 0
            && e.file_type().is_dir()
            && e.file_name().to_string_lossy().ends_with(FOLDER_SUFFIX)
        {
            walker.skip_current_dir();
            if let Ok(rel) = e.path().strip_prefix(rules_dir) {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out
}

/// The claim files of one shard folder (relative to the rules folder), each
/// with `true` for a regular file.
pub(crate) fn claim_files_in(rules_dir: &Path, shard: &str) -> Vec<(String, bool)> {
    let Ok(rd) = std::fs::read_dir(rules_dir.join(shard)) else {
        return Vec::new();
    };
    rd.flatten()
        .filter_map(|e| {
            let rel = format!("{shard}/{}", e.file_name().to_string_lossy());
            let t = e.file_type().ok()?;
            (is_claim_file(&rel) && (t.is_file() || t.is_symlink())).then(|| (rel, t.is_file()))
        })
        .collect()
}

/// The shard folder of a claim file: `a.verdicts/3f/x.toml` → `a.verdicts/3f`.
pub(crate) fn shard_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(folder_for_rule_file("ar/quotes.toml"), "ar/quotes.verdicts");
        assert_eq!(
            folder_for_legacy_file("ar/quotes.verdicts.toml"),
            "ar/quotes.verdicts"
        );
        let id = ClaimId("3fa2c0d19b7e".into());
        let f = claim_file("figures.verdicts", &id);
        assert_eq!(f, "figures.verdicts/3f/3fa2c0d19b7e.toml");
        assert!(is_claim_file(&f));
        assert!(is_claim_file("ar/q.verdicts/00/x.toml"));
        assert!(!is_claim_file("figures.verdicts.toml"));
        assert!(!is_claim_file("figures.toml"));
        assert!(!is_claim_file("a.verdicts/00/.x.toml.tmp-1"));
        let odd = claim_file("manual.verdicts", &ClaimId("Weird id/..".into()));
        assert!(odd.starts_with("manual.verdicts/"), "{odd}");
        assert!(is_claim_file(&odd));
        assert!(!odd.contains(".."));
    }
}
