//! `claimdesk.toml`: where a desk's articles and rules are.

use serde::Deserialize;

/// A desk's configuration.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct DeskConfig {
    /// Article locations: folders or globs, relative to the desk root.
    pub articles: Vec<String>,
    /// The rules folder, relative to the desk root.
    pub rules: String,
    /// The analyst name recorded with verdicts made in this desk (optional).
    pub analyst: Option<String>,
}

impl Default for DeskConfig {
    fn default() -> Self {
        DeskConfig {
            articles: vec!["articles".to_string()],
            rules: "rules".to_string(),
            analyst: None,
        }
    }
}
