//! Who is recording a verdict: one rule for the TUI and `claimdesk mark`.

use crate::desk::Desk;

/// The analyst's name: `configured` (the user config's `analyst`), else the
/// desk's `analyst`, else `git config user.name`, else `$USER`, else `unknown`.
/// Blank values are skipped.
pub fn analyst_name(configured: Option<&str>, desk: &Desk) -> String {
    let present = |s: &str| !s.trim().is_empty();
    configured
        .filter(|s| present(s))
        .map(|s| s.trim().to_string())
        .or_else(|| desk.config.analyst.clone().filter(|s| present(s)))
        .or_else(|| {
            super::git::run(&desk.root, &["config", "user.name"])
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| present(s))
        })
        .or_else(|| std::env::var("USER").ok().filter(|s| present(s)))
        .unwrap_or_else(|| "unknown".to_string())
}
