//! The one folder walker for the desk's own files: rule files, verdict
//! files, and what the TUI watches for changes all come from here, so they
//! always agree on which files exist.

use std::path::Path;

use crate::problem::Problem;

/// The files under `dir` whose name `keep` accepts, as `/`-separated paths
/// relative to `dir`, in path order. Hidden files and folders (a leading
/// `.`) are skipped, and so are verdict folders (`x.verdicts/`, one file
/// per claim: the store reads them, [`crate::store::layout`]); symbolic
/// links to folders are not followed. A folder
/// whose name `keep` accepts (`x.verdicts.toml/`) is listed, not walked
/// into, so the reader reports it. Folders that cannot be listed are
/// problems; the rest is still walked.
pub fn files_under(dir: &Path, keep: impl Fn(&str) -> bool) -> (Vec<String>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || (e.file_type().is_dir()
                        && name.ends_with(crate::store::layout::FOLDER_SUFFIX)))
        });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().unwrap_or(dir).to_path_buf();
                let why = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                problems.push(Problem::file(at, format!("cannot list folder: {why}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        let listed = entry.depth() > 0 && keep(&name);
        if entry.file_type().is_dir() {
            if listed {
                walker.skip_current_dir();
            } else {
                continue;
            }
        }
        if !listed {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(dir) {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
    (files, problems)
}

/// True for a rule file's name (`*.toml` that is not a verdict file).
pub fn is_rule_file(name: &str) -> bool {
    name.ends_with(".toml") && !name.ends_with(crate::store::VERDICTS_SUFFIX)
}

/// True for a verdict file's name (`*.verdicts.toml`).
pub fn is_verdict_file(name: &str) -> bool {
    name.ends_with(crate::store::VERDICTS_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_and_verdict_files_in_path_order_without_hidden_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for f in [
            "b.toml",
            "a/z.toml",
            "a/z.verdicts.toml",
            "odd.verdicts.toml/inner.toml",
            "a/deep/er/still/x.toml",
            ".hidden/h.toml",
            "a/.h.toml",
            "notes.txt",
        ] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let (rules, problems) = files_under(d, is_rule_file);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            rules,
            [
                "a/deep/er/still/x.toml",
                "a/z.toml",
                "b.toml",
                "odd.verdicts.toml/inner.toml"
            ]
        );
        let (verdicts, _) = files_under(d, is_verdict_file);
        assert_eq!(verdicts, ["a/z.verdicts.toml", "odd.verdicts.toml"]);
    }
}
