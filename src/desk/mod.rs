//! A desk: a folder with `claimdesk.toml`, articles and a rules folder.
//!
//!
//! [`Desk::discover`] finds the desk from a starting folder; [`Desk::article_paths`]
//! lists its article files; [`load_article`] reads one.

pub mod article;
pub mod config;
pub mod files;
pub mod meta;
pub mod publish;
pub mod walk;

pub use article::{
    Article, ArticleMeta, load_article, load_article_reporting, parse_article, read_article_text,
};
pub use config::DeskConfig;

use std::path::{Path, PathBuf};

use crate::bounded;
use crate::problem::Problem;

/// The name of a desk's configuration file.
pub const CONFIG_FILE: &str = "claimdesk.toml";

/// An opened desk: its root folder and configuration.
#[derive(Debug, Clone)]
pub struct Desk {
    /// The desk's root folder (absolute).
    pub root: PathBuf,
    /// The configuration (defaults when there is no `claimdesk.toml`).
    pub config: DeskConfig,
}

/// Why a desk could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("{0}")]
    Config(Problem),
    #[error("{}: {source}", crate::render::safe(&path.display().to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Desk {
    /// Finds the desk containing `start` the way git finds a repository:
    /// the nearest ancestor with a `claimdesk.toml`; failing that, `start`
    /// itself with the default layout.
    pub fn discover(start: &Path) -> Result<Desk, DeskError> {
        let start = canonical_dir(start)?;
        for dir in start.ancestors() {
            let file = dir.join(CONFIG_FILE);
            match std::fs::metadata(&file) {
                Ok(m) if m.is_file() => return Desk::open(dir),
                Ok(m) => {
                    return Err(DeskError::Config(Problem::file(
                        file,
                        format!(
                            "is {}, not a file; make claimdesk.toml a regular file",
                            bounded::kind_name(m.file_type())
                        ),
                    )));
                }
                Err(_) => {}
            }
        }
        Ok(Desk {
            root: start,
            config: DeskConfig::default(),
        })
    }

    /// The root of the nearest desk holding `path` (a file or folder): the
    /// nearest folder from it upwards with a `claimdesk.toml`; `None` when
    /// no folder has one.
    pub fn root_holding(path: &Path) -> Option<PathBuf> {
        let path = path.canonicalize().ok()?;
        let start = if path.is_dir() {
            path.as_path()
        } else {
            path.parent()?
        };
        start
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf)
    }

    /// Opens the desk rooted at `root` (reads `claimdesk.toml` if present).
    pub fn open(root: &Path) -> Result<Desk, DeskError> {
        let root = canonical_dir(root)?;
        let file = root.join(CONFIG_FILE);
        let config = if file.is_file() {
            DeskConfig::load(&file).map_err(DeskError::Config)?
        } else {
            DeskConfig::default()
        };
        let desk = Desk { root, config };
        desk.check_inside(&file).map_err(DeskError::Config)?;
        Ok(desk)
    }

    /// Refuses a rules folder or an articles location that leaves the desk
    /// (absolute, `..`, or a symbolic link out), unless `allow_outside`.
    fn check_inside(&self, file: &Path) -> Result<(), Problem> {
        if self.config.allow_outside {
            return Ok(());
        }
        let line = |key: &str| config_line(file, |l| l.trim_start().starts_with(key));
        let refuse = |key: &str, value: &str, real: Option<PathBuf>| {
            let where_ = match real {
                Some(real) => format!(" (it leads to {})", real.display()),
                None => String::new(),
            };
            Problem::file(
                file,
                format!(
                    "`{key}` entry {value:?} is outside the desk{where_}; move it into the desk, \
                     or write allow_outside = true in claimdesk.toml to allow it"
                ),
            )
            .at_line(line(key))
        };
        let rules = &self.config.rules;
        if bounded::leaves_lexically(rules) {
            return Err(refuse("rules", rules, None));
        }
        if let Some(real) = bounded::outside(&self.root, &self.rules_dir()) {
            return Err(refuse("rules", rules, Some(real)));
        }
        for loc in &self.config.articles {
            if bounded::leaves_lexically(loc) {
                return Err(refuse("articles", loc, None));
            }
            let fixed: PathBuf = loc.split('/').take_while(|c| !files::is_glob(c)).collect();
            if let Some(real) = bounded::outside(&self.root, &self.root.join(fixed)) {
                return Err(refuse("articles", loc, Some(real)));
            }
        }
        Ok(())
    }

    /// The desk's `claimdesk.toml`, when it has one.
    pub fn config_file(&self) -> Option<PathBuf> {
        let file = self.root.join(CONFIG_FILE);
        file.is_file().then_some(file)
    }

    /// The rules folder (absolute).
    pub fn rules_dir(&self) -> PathBuf {
        self.root.join(&self.config.rules)
    }

    /// Every article file of the desk, sorted by path, and problems met
    /// while listing them (a configured folder that does not exist…).
    pub fn article_paths(&self) -> (Vec<PathBuf>, Vec<Problem>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let mut links = Vec::new();
        for loc in &self.config.articles {
            let before = out.len();
            if files::is_glob(loc) {
                let fixed: PathBuf = loc.split('/').take_while(|c| !files::is_glob(c)).collect();
                if !self.root.join(&fixed).is_dir() {
                    problems.push(self.missing(loc, &fixed));
                    continue;
                }
                files::glob_articles_noting_links(
                    &self.root,
                    loc,
                    &mut out,
                    &mut problems,
                    &mut links,
                );
                if out.len() == before {
                    problems.push(self.matches_nothing(loc));
                }
            } else {
                let path = self.root.join(loc);
                if path.is_dir() {
                    files::walk_noting_links(&path, &mut out, &mut problems, &mut links);
                } else if path.is_file() {
                    if path.is_symlink() {
                        links.push(out.len());
                    }
                    out.push(path);
                } else if path.exists() {
                    let kind = std::fs::metadata(&path)
                        .map_or("not a regular file", |m| bounded::kind_name(m.file_type()));
                    problems.push(Problem::file(
                        &path,
                        format!("is {kind}, not an article file or folder; skipped"),
                    ));
                } else {
                    problems.push(self.missing(loc, Path::new(loc)));
                }
            }
        }
        // Symbolic links that lead out of the desk (a committed
        // `leak.txt -> ../../secret.txt`) are refused.
        if !self.config.allow_outside && !links.is_empty() {
            let mut refused = vec![false; out.len()];
            for &i in &links {
                if let Some(real) = bounded::outside(&self.root, &out[i]) {
                    refused[i] = true;
                    problems.push(Problem::file(
                        &out[i],
                        format!(
                            "symbolic link to {}, outside the desk; skipped (copy the file into \
                             the desk, or write allow_outside = true in claimdesk.toml)",
                            real.display()
                        ),
                    ));
                }
            }
            let mut i = 0;
            out.retain(|_| {
                i += 1;
                !refused[i - 1]
            });
        }
        // One folder walked is in order already; several locations or globs may not be.
        if !out.is_sorted() {
            out.sort();
        }
        out.dedup();
        (out, problems)
    }

    fn matches_nothing(&self, glob: &str) -> Problem {
        let file = self
            .config_file()
            .unwrap_or_else(|| self.root.join(CONFIG_FILE));
        let line = config_line(&file, |l| l.contains(glob));
        Problem::file(
            file,
            format!(
                "`articles` glob {glob:?} matches no .txt or .md file; fix the pattern \
                 (`*` stays in one folder, `**` spans folders) or remove it"
            ),
        )
        .at_line(line)
    }

    fn missing(&self, loc: &str, folder: &Path) -> Problem {
        let what = if self.config_file().is_some() {
            "create it or fix `articles` in claimdesk.toml"
        } else {
            "create it, or write a claimdesk.toml with `articles = [...]`"
        };
        Problem::file(
            self.root.join(folder),
            format!("articles location {loc:?} not found; {what}"),
        )
    }

    /// `path` relative to the desk root, with `/` separators (for display and files).
    pub fn relative(&self, path: &Path) -> String {
        // The common case, without taking the path apart: `root/a/b.txt`
        // with plain components.
        if let (Some(path), Some(root)) = (path.to_str(), self.root.to_str())
            && let Some(rest) = path.strip_prefix(root).and_then(|r| r.strip_prefix('/'))
            && rest
                .split('/')
                .all(|c| !c.is_empty() && c != "." && c != "..")
        {
            return rest.to_string();
        }
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The 1-based line of `file` (claimdesk.toml) that `pick` chooses, for a
/// message about it; 1 when none does or the file cannot be read.
fn config_line(file: &Path, pick: impl Fn(&str) -> bool) -> usize {
    bounded::read_bounded(file, bounded::MAX_CONFIG_BYTES)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| t.lines().position(pick))
        .map_or(1, |i| i + 1)
}

/// `path` made absolute and resolved; a file stands for its folder.
fn canonical_dir(path: &Path) -> Result<PathBuf, DeskError> {
    let abs = path.canonicalize().map_err(|source| DeskError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if abs.is_dir() {
        Ok(abs)
    } else {
        Ok(abs.parent().map_or(abs.clone(), Path::to_path_buf))
    }
}
