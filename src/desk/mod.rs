//! A desk: a folder with `claimdesk.toml`, articles and a rules folder.
//!
//! SKELETON: owned by the desk helper. Keep the public signatures.

pub mod article;
pub mod config;

pub use article::{Article, ArticleMeta, load_article};
pub use config::DeskConfig;

use std::path::{Path, PathBuf};

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
    #[error("{path}: {source}")]
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
        Desk::open(start)
    }

    /// Opens the desk rooted at `root` (reads `claimdesk.toml` if present).
    pub fn open(root: &Path) -> Result<Desk, DeskError> {
        let root = root.canonicalize().map_err(|source| DeskError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(Desk {
            root,
            config: DeskConfig::default(),
        })
    }

    /// The rules folder (absolute).
    pub fn rules_dir(&self) -> PathBuf {
        self.root.join(&self.config.rules)
    }

    /// Every article file of the desk, sorted by path, and problems met
    /// while listing them.
    pub fn article_paths(&self) -> (Vec<PathBuf>, Vec<Problem>) {
        let mut out = Vec::new();
        for loc in &self.config.articles {
            let dir = self.root.join(loc);
            if let Ok(rd) = std::fs::read_dir(&dir) {
                for e in rd.flatten() {
                    let p = e.path();
                    if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                        out.push(p);
                    }
                }
            }
        }
        out.sort();
        (out, Vec::new())
    }

    /// `path` relative to the desk root, with `/` separators (for display and files).
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}
