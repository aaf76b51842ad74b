//! The default rule pack, embedded in the binary from the repository's `rules/` folder.

/// Declares the pack's files once: each path is both the embedded file and its name.
macro_rules! pack {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../rules/", $path)))),*]
    };
}

static PACK: &[(&str, &str)] = pack![
    "ar/attribution.toml",
    "ar/boilerplate.toml",
    "ar/comparisons.toml",
    "ar/dates.toml",
    "ar/events.toml",
    "ar/figures.toml",
    "ar/negations.toml",
    "ar/quotes.toml",
    "ar/superlatives.toml",
    "ar/vetoes.toml",
    "en/boilerplate.toml",
    "en/claims.toml",
    "en/vetoes.toml",
];

/// The default rule pack shipped in the binary: (path relative to the rules
/// folder, file content), sorted by path. `claimdesk init` writes these into a new desk.
pub fn default_pack() -> &'static [(&'static str, &'static str)] {
    PACK
}
