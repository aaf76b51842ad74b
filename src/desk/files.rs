//! Finding article files: folder walks and small globs (`*`, `**`, `?`).
//!
//! Only `.txt` and `.md` files are articles. Hidden files and folders (names
//! starting with `.`) are skipped, and symbolic links to folders are not
//! followed (no loops). An article name that is not a regular file (a FIFO,
//! a device, a socket) or whose name holds control, bidi or invisible
//! characters is reported and skipped. Globs are matched in time linear in
//! the pattern times the path (no backtracking over `**`).

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
/// paths). Unreadable folders, non-regular files and names with hidden
/// characters become problems.
pub fn walk_articles(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    walk_noting_links(dir, out, problems, &mut Vec::new());
}

/// [`walk_articles`], also noting in `links` the index in `out` of every
/// file reached through a symbolic link (for the desk's outside check).
pub fn walk_noting_links(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    links: &mut Vec<usize>,
) {
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
            walk_noting_links(&path, out, problems, links);
            continue;
        }
        if !is_article_file(&path) {
            continue;
        }
        // A link is judged by what it points to; links to folders are not followed.
        let target = if ft.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => continue,
                Ok(m) => m.file_type(),
                Err(_) => {
                    problems.push(Problem::file(
                        &path,
                        "symbolic link to nothing (its target is missing); skipped",
                    ));
                    continue;
                }
            }
        } else {
            ft
        };
        if !target.is_file() {
            problems.push(Problem::file(
                &path,
                format!(
                    "is {}, not a regular file; skipped (replace it by a file)",
                    crate::bounded::kind_name(target)
                ),
            ));
            continue;
        }
        if let Some(p) = hidden_name(&path) {
            problems.push(p);
            continue;
        }
        if ft.is_symlink() {
            links.push(out.len());
        }
        out.push(path);
    }
}

/// A problem when the file name holds characters a terminal would act on
/// or that cannot be seen (such a name would be printed, quoted in verdict
/// files and pushed).
fn hidden_name(path: &Path) -> Option<Problem> {
    let name = path.file_name()?.to_string_lossy();
    matches!(crate::render::safe(&name), std::borrow::Cow::Owned(_)).then(|| {
        Problem::file(
            path,
            "the file name holds control, bidi or invisible characters (shown as ⟪…⟫ or ␛); \
             rename it plainly. Skipped",
        )
    })
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
/// of folders (zero included). Linear in `pattern.len() * path.len()`
/// component matches: the set of path positions reachable after each
/// pattern component is carried forward, never backtracked.
pub fn match_path(pattern: &[&str], path: &[&str]) -> bool {
    // reach[j]: the pattern so far can match exactly the first j components.
    let mut reach = vec![false; path.len() + 1];
    reach[0] = true;
    let mut next = vec![false; path.len() + 1];
    for comp in pattern {
        next.iter_mut().for_each(|r| *r = false);
        if *comp == "**" {
            let mut any = false;
            for j in 0..=path.len() {
                any |= reach[j];
                next[j] = any;
            }
        } else {
            for j in 0..path.len() {
                if reach[j] && match_component(comp, path[j]) {
                    next[j + 1] = true;
                }
            }
        }
        std::mem::swap(&mut reach, &mut next);
        if !reach.iter().any(|&r| r) {
            return false;
        }
    }
    reach[path.len()]
}

/// Every article file under `root` whose path relative to `root` matches
/// `glob` (`/`-separated). The walk starts at the glob's literal prefix.
pub fn glob_articles(root: &Path, glob: &str, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    glob_articles_noting_links(root, glob, out, problems, &mut Vec::new());
}

/// [`glob_articles`], noting files reached through symbolic links (see
/// [`walk_noting_links`]).
pub fn glob_articles_noting_links(
    root: &Path,
    glob: &str,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    links: &mut Vec<usize>,
) {
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
            walk_noting_links(&base, out, problems, links);
        } else if base.is_file() {
            if base.is_symlink() {
                links.push(out.len());
            }
            out.push(base);
        }
        return;
    }
    if !base.is_dir() {
        return;
    }
    let mut found = Vec::new();
    let mut found_links = Vec::new();
    walk_noting_links(&base, &mut found, problems, &mut found_links);
    let mut found_links = found_links.into_iter().peekable();
    for (i, path) in found.into_iter().enumerate() {
        let linked = found_links.next_if_eq(&i).is_some();
        let Ok(rel) = path.strip_prefix(&base) else {
            continue;
        };
        let names: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if match_path(pattern, &names) {
            if linked {
                links.push(out.len());
            }
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
    fn many_double_stars_over_a_deep_path_are_fast() {
        let pattern: Vec<&str> = std::iter::repeat_n("**", 12)
            .chain(["x", "*.none"])
            .collect();
        let path: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
        let mut path: Vec<&str> = path.iter().map(String::as_str).collect();
        path.push("a.md");
        let start = std::time::Instant::now();
        for _ in 0..100 {
            assert!(!match_path(&pattern, &path));
        }
        // The backtracking matcher took over a minute for one such path.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        let p = ["**", "**", "d3", "**", "*.md"];
        assert!(match_path(&p, &path));
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
