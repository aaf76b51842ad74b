//! The analyst's own configuration file (not the desk's): analyst name, key
//! bindings, theme, BiDi. Found through the `directories` crate (XDG on Linux),
//! overridable with `$CLAIMDESK_CONFIG`. Also the small state file that
//! remembers the last position in each desk. Knows no terminal: the TUI
//! interprets it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::problem::Problem;
use crate::settings::{BidiSetting, ColorWhen, Lang, Layer};

/// The analyst's configuration (every field optional in the file).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct UserConfig {
    /// The name recorded with verdicts.
    pub analyst: Option<String>,
    /// `auto | app | terminal | off`.
    pub bidi: Option<BidiSetting>,
    /// Shape Arabic letters (presentation forms); default true.
    pub shape: Option<bool>,
    /// Language of the UI's own labels: `en` (default) or `ar`.
    pub lang: Option<Lang>,
    /// `auto | always | never`.
    pub color: Option<ColorWhen>,
    /// Key bindings: key (e.g. `ctrl-d`, `g g`) → action name.
    pub keys: BTreeMap<String, String>,
    /// Theme colours: element (`confirmed`, `disputed`, `match`…) → colour
    /// name (`red`, `light-blue`, `#ff8800`, `236`).
    pub theme: BTreeMap<String, String>,
    /// Saved views: name → `:filter` terms, optionally ending `sort WORD`
    /// (`disputed = "disputed sort date"`), applied with `:view NAME`.
    pub views: BTreeMap<String, String>,
}

/// Where claimdesk keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub state_dir: PathBuf,
    pub cache_dir: PathBuf,
}

/// The paths for this user (env overrides first, then XDG).
///
/// `$CLAIMDESK_CONFIG` names the config file, `$CLAIMDESK_STATE` the state
/// folder and `$CLAIMDESK_CACHE` the cache folder.
pub fn paths() -> Paths {
    let dirs = directories::ProjectDirs::from("", "", "claimdesk");
    let config_file = std::env::var_os("CLAIMDESK_CONFIG")
        .map(PathBuf::from)
        .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("config.toml")))
        .unwrap_or_else(|| PathBuf::from("claimdesk.config.toml"));
    let state_dir = std::env::var_os("CLAIMDESK_STATE")
        .map(PathBuf::from)
        .or_else(|| {
            dirs.as_ref()
                .and_then(|d| d.state_dir().map(|p| p.to_path_buf()))
        })
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
        UserConfig::load_from(&paths().config_file)
    }

    /// Loads a config file from `path`; a missing file is the default config.
    pub fn load_from(path: &Path) -> Result<UserConfig, Problem> {
        use crate::bounded::{MAX_CONFIG_BYTES, read_bounded_optional, utf8};
        match read_bounded_optional(path, MAX_CONFIG_BYTES) {
            Ok(Some(bytes)) => {
                let text = utf8(bytes).map_err(|line| {
                    Problem::file(
                        path,
                        "not UTF-8 (the first invalid byte is on this line); save it as UTF-8",
                    )
                    .at_line(line)
                })?;
                UserConfig::parse(&text, path)
            }
            Ok(None) => Ok(UserConfig::default()),
            Err(e) => Err(Problem::file(path, format!("config file {e}"))),
        }
    }

    /// Parses config text; errors name `path` and the line.
    pub fn parse(text: &str, path: &Path) -> Result<UserConfig, Problem> {
        let cfg: UserConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let p = Problem::file(path, format!("{}; fix or remove the entry", e.message()));
            match line {
                Some(l) => p.at_line(l),
                None => p,
            }
        })?;
        Ok(cfg)
    }

    /// The settings this file gives (see [`crate::settings::merge`]).
    pub fn layer(&self) -> Layer {
        Layer {
            bidi: self.bidi,
            color: self.color,
            lang: self.lang,
            shape: self.shape,
        }
    }
}

pub use crate::problem::line_of;

/// Where the analyst was in a desk when they left it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Position {
    /// The desk's root folder, as opened.
    pub desk: String,
    /// The selected article, desk-relative.
    pub article: String,
    /// The selected claim's id, if any.
    pub claim: Option<String>,
}

/// The state file holding the last position in the desk at `root`.
pub fn position_file(state_dir: &Path, root: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(root.to_string_lossy().as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    state_dir.join("positions").join(format!("{hex}.toml"))
}

/// Reads the last position in the desk at `root` (none when never saved or unreadable).
pub fn load_position(state_dir: &Path, root: &Path) -> Option<Position> {
    let bytes = crate::bounded::read_bounded(
        &position_file(state_dir, root),
        crate::bounded::MAX_CONFIG_BYTES,
    )
    .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let pos: Position = toml::from_str(&text).ok()?;
    (pos.desk == root.to_string_lossy()).then_some(pos)
}

/// Saves the position atomically (the store's atomic write).
pub fn save_position(state_dir: &Path, pos: &Position) -> std::io::Result<()> {
    let file = position_file(state_dir, Path::new(&pos.desk));
    let text = toml::to_string(pos).map_err(std::io::Error::other)?;
    crate::store::durable::write_atomic(&file, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = "analyst = \"Mona\"\nbidi = \"terminal\"\nshape = false\nlang = \"ar\"\ncolor = \"never\"\n[keys]\n\"ctrl-d\" = \"page-down\"\n[theme]\ndisputed = \"magenta\"\n";
        let cfg = UserConfig::parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(cfg.analyst.as_deref(), Some("Mona"));
        assert_eq!(cfg.bidi, Some(BidiSetting::Terminal));
        assert_eq!(cfg.lang, Some(Lang::Ar));
        assert_eq!(cfg.color, Some(ColorWhen::Never));
        assert_eq!(cfg.shape, Some(false));
        assert_eq!(
            cfg.keys.get("ctrl-d").map(String::as_str),
            Some("page-down")
        );
        assert_eq!(
            cfg.theme.get("disputed").map(String::as_str),
            Some("magenta")
        );
    }

    #[test]
    fn saved_views_are_read() {
        let text =
            "[views]\nmine = \"analyst Mona recheck\"\n\"cnn march\" = \"outlet cnn sort date\"\n";
        let cfg = UserConfig::parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(cfg.views.len(), 2);
        assert_eq!(
            cfg.views.get("cnn march").map(String::as_str),
            Some("outlet cnn sort date")
        );
        let err = UserConfig::parse("[views]\nmine = 3\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let err = UserConfig::parse("analyst = \"x\"\ncolour = \"red\"\n", Path::new("c.toml"))
            .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
    }

    #[test]
    fn bad_value_is_explained() {
        let err = UserConfig::parse("\nbidi = \"sideways\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            ["auto", "app", "terminal", "off"]
                .iter()
                .all(|v| err.message.contains(v)),
            "{err}"
        );
    }

    #[test]
    fn position_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let pos = Position {
            desk: "/desks/a".into(),
            article: "articles/one.txt".into(),
            claim: Some("abc".into()),
        };
        save_position(dir.path(), &pos).unwrap();
        assert_eq!(load_position(dir.path(), Path::new("/desks/a")), Some(pos));
        assert_eq!(load_position(dir.path(), Path::new("/desks/b")), None);
    }
}
