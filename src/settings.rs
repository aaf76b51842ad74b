//! Typed settings of the workbench, and the one place they are merged:
//! defaults < the desk's `claimdesk.toml` < the analyst's config file <
//! the command line. No terminal here: the TUI turns the result into a
//! layout mode, a theme and labels.

use serde::Deserialize;

pub use crate::render::terminal::BidiSetting;

/// When to use colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    /// Colours unless `$NO_COLOR` is set (to anything but empty).
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// True when colours are used, `no_color` being the value of `$NO_COLOR`.
    pub fn use_color(self, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => no_color.is_none_or(|v| v.is_empty()),
        }
    }
}

/// The language of the UI's own labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ar,
}

/// One layer of settings: each `None` leaves the layer below in force.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layer {
    pub bidi: Option<BidiSetting>,
    pub color: Option<ColorWhen>,
    pub lang: Option<Lang>,
    pub shape: Option<bool>,
}

/// The settings in force.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resolved {
    pub bidi: BidiSetting,
    pub color: ColorWhen,
    pub lang: Lang,
    /// Shape Arabic letters (presentation forms).
    pub shape: bool,
}

/// Merges the layers, lowest first: defaults, then each layer given
/// (`[desk, user config, command line]`) where it says something.
pub fn merge(layers: &[Layer]) -> Resolved {
    let mut out = Resolved {
        shape: true,
        ..Resolved::default()
    };
    for l in layers {
        out.bidi = l.bidi.unwrap_or(out.bidi);
        out.color = l.color.unwrap_or(out.color);
        out.lang = l.lang.unwrap_or(out.lang);
        out.shape = l.shape.unwrap_or(out.shape);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layers_win_where_they_say_something() {
        let desk = Layer {
            lang: Some(Lang::Ar),
            color: Some(ColorWhen::Never),
            ..Layer::default()
        };
        let user = Layer {
            color: Some(ColorWhen::Always),
            bidi: Some(BidiSetting::Terminal),
            ..Layer::default()
        };
        let cli = Layer {
            bidi: Some(BidiSetting::Off),
            ..Layer::default()
        };
        let r = merge(&[desk, user, cli]);
        assert_eq!(r.lang, Lang::Ar);
        assert_eq!(r.color, ColorWhen::Always);
        assert_eq!(r.bidi, BidiSetting::Off);
        assert!(r.shape);
        assert_eq!(merge(&[]).bidi, BidiSetting::Auto);
    }

    #[test]
    fn colour_auto_honours_no_color() {
        use std::ffi::OsStr;
        assert!(ColorWhen::Auto.use_color(None));
        assert!(ColorWhen::Auto.use_color(Some(OsStr::new(""))));
        assert!(!ColorWhen::Auto.use_color(Some(OsStr::new("1"))));
        assert!(ColorWhen::Always.use_color(Some(OsStr::new("1"))));
        assert!(!ColorWhen::Never.use_color(None));
    }
}
