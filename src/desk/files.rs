//! Finding article files: folder walks and small globs (`*`, `**`, `?`).
//!
//! Only `.txt` and `.md` files are articles. Hidden files and folders (names
//! starting with `.`) are skipped, and symbolic links to folders are not
//! followed (no loops).

use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// True when the file name has an article extension (`.txt`, `.md`).
pub fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some(e) if e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md")
    )
}

/// True when `s` contains glob syntax.
pub fn is_glob(s: &str) -> bool {
    s.contains(['*', '?'])
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Every article file under `dir`, recursively, in path order (each
/// folder's entries taken in name order, which is the order of sorted
/// paths). Unreadable folders become problems.
pub fn walk_articles(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            problems.push(Problem::file(dir, format!("cannot list folder: {e}")));
            return;
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = rd.flatten().collect();
    entries.sort_by_cached_key(|e| e.file_name());
    for entry in entries {
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk_articles(&path, out, problems);
        } else if (ft.is_file() || (ft.is_symlink() && path.is_file())) && is_article_file(&path) {
            out.push(path);
        }
    }
}

/// Matches one path component against one glob component (`*`, `?`, literals).
pub fn match_component(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative wildcard matching with backtracking to the last `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Matches path components against glob components; `**` matches any number
/// of folders (zero included).
pub fn match_path(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| match_path(rest, &path[skip..])),
        Some((first, rest)) => match path.split_first() {
            Some((name, path_rest)) => match_component(first, name) && match_path(rest, path_rest),
            None => false,
        },
    }
}

/// Every article file under `root` whose path relative to `root` matches
/// `glob` (`/`-separated). The walk starts at the glob's literal prefix.
pub fn glob_articles(root: &Path, glob: &str, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let parts: Vec<&str> = glob
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let fixed = parts.iter().take_while(|c| !is_glob(c)).count();
    let mut base = root.to_path_buf();
    for c in &parts[..fixed] {
        base.push(c);
    }
    let pattern = &parts[fixed..];
    if pattern.is_empty() {
        if base.is_dir() {
            walk_articles(&base, out, problems);
        } else if base.is_file() {
            out.push(base);
        }
        return;
    }
    if !base.is_dir() {
        return;
    }
    let mut found = Vec::new();
    walk_articles(&base, &mut found, problems);
    for path in found {
        let Ok(rel) = path.strip_prefix(&base) else {
            continue;
        };
        let names: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if match_path(pattern, &names) {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_wildcards() {
        assert!(match_component("*.md", "a.md"));
        assert!(match_component("*.md", ".md"));
        assert!(!match_component("*.md", "a.txt"));
        assert!(match_component("a?c", "abc"));
        assert!(!match_component("a?c", "ac"));
        assert!(match_component("*x*y", "axbxy"));
        assert!(match_component("خبر-*.txt", "خبر-1.txt"));
        assert!(match_component("?.txt", "خ.txt"));
    }

    #[test]
    fn double_star_spans_folders() {
        let p = ["**", "*.md"];
        assert!(match_path(&p, &["a.md"]));
        assert!(match_path(&p, &["x", "y", "a.md"]));
        assert!(!match_path(&p, &["x", "a.txt"]));
        let p = ["news", "**", "2024", "*"];
        assert!(match_path(&p, &["news", "2024", "a.txt"]));
        assert!(match_path(&p, &["news", "x", "2024", "a.txt"]));
        assert!(!match_path(&p, &["news", "x", "a.txt"]));
    }
}
