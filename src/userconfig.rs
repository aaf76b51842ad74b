//! The analyst's own configuration file (not the desk's): analyst name, key
//! bindings, theme, BiDi. Found through the `directories` crate (XDG on Linux),
//! overridable with `$CLAIMDESK_CONFIG`. Knows no terminal: the TUI interprets it.
//!
//! SKELETON: owned by the TUI helper. Keep the public signatures (extend freely).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::problem::Problem;

/// The analyst's configuration (every field optional in the file).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct UserConfig {
    /// The name recorded with verdicts.
    pub analyst: Option<String>,
    /// `auto | app | terminal | off`.
    pub bidi: Option<String>,
    /// Shape Arabic letters (presentation forms); default true.
    pub shape: Option<bool>,
    /// Language of the UI's own labels: `en` (default) or `ar`.
    pub lang: Option<String>,
    /// `auto | always | never`.
    pub color: Option<String>,
    /// Key bindings: key (e.g. `ctrl-d`, `g g`) → action name.
    pub keys: BTreeMap<String, String>,
}

/// Where claimdesk keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub state_dir: PathBuf,
    pub cache_dir: PathBuf,
}

/// The paths for this user (env overrides first, then XDG).
pub fn paths() -> Paths {
    let dirs = directories::ProjectDirs::from("", "", "claimdesk");
    let config_file = std::env::var_os("CLAIMDESK_CONFIG")
        .map(PathBuf::from)
        .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("config.toml")))
        .unwrap_or_else(|| PathBuf::from("claimdesk.config.toml"));
    let state_dir = dirs
        .as_ref()
        .and_then(|d| d.state_dir().map(|p| p.to_path_buf()))
        .or_else(|| dirs.as_ref().map(|d| d.data_local_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".claimdesk-state"));
    let cache_dir = std::env::var_os("CLAIMDESK_CACHE")
        .map(PathBuf::from)
        .or_else(|| dirs.as_ref().map(|d| d.cache_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".claimdesk-cache"));
    Paths {
        config_file,
        state_dir,
        cache_dir,
    }
}

impl UserConfig {
    /// Loads the user's config file; a missing file is the default config.
    pub fn load() -> Result<UserConfig, Problem> {
        let path = paths().config_file;
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let line = e.span().map(|s| text[..s.start].lines().count().max(1));
                let p = Problem::file(&path, e.message().to_string());
                match line {
                    Some(l) => p.at_line(l),
                    None => p,
                }
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UserConfig::default()),
            Err(e) => Err(Problem::file(&path, format!("cannot read: {e}"))),
        }
    }
}
