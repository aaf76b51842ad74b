//! Terminal BiDi modes as plain byte strings (the TUI writes them), the
//! `bidi` setting, and the reply to the mode query, all without I/O.
//!
//! Following the terminal BiDi recommendation (terminal-wg bidi), a
//! fullscreen app that reorders itself first switches the terminal to
//! explicit mode with left-to-right presentation, and restores implicit mode
//! on exit, suspend and panic. Terminals that do not know these sequences
//! ignore them.

use std::fmt;
use std::str::FromStr;

use super::BidiMode;

/// `CSI 8 l`: explicit BiDi mode (the terminal does not reorder).
pub const ENTER_BIDI_EXPLICIT: &str = "\x1b[8l";
/// `CSI 1 SP k`: left-to-right presentation direction.
pub const ENTER_PRESENTATION_LTR: &str = "\x1b[1 k";
/// `CSI 8 h`: back to implicit BiDi mode (the terminal's default).
pub const EXIT_BIDI_IMPLICIT: &str = "\x1b[8h";
/// `CSI 0 SP k`: back to the default presentation direction.
pub const EXIT_PRESENTATION_DEFAULT: &str = "\x1b[0 k";
/// Everything to write on entry (and on resume) in [`BidiMode::App`].
pub const ON_ENTER: &str = "\x1b[8l\x1b[1 k";
/// Everything to write on exit, suspend and panic after [`ON_ENTER`].
pub const ON_EXIT: &str = "\x1b[8h\x1b[0 k";
/// `CSI 8 $ p` (DECRQM): asks whether the terminal knows BiDi mode 8.
pub const QUERY_BIDI_MODE: &str = "\x1b[8$p";

/// The value of the `bidi` setting in the user's config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BidiSetting {
    /// Decide from the terminal (see [`BidiSetting::resolve`]).
    #[default]
    Auto,
    /// Always [`BidiMode::App`].
    App,
    /// Always [`BidiMode::Terminal`].
    Terminal,
    /// Always [`BidiMode::Off`].
    Off,
}

/// A `bidi` value that is none of `auto | app | terminal | off`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBidiSetting(pub String);

impl fmt::Display for BadBidiSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown bidi setting {:?}: use one of auto, app, terminal, off",
            self.0
        )
    }
}

impl std::error::Error for BadBidiSetting {}

impl FromStr for BidiSetting {
    type Err = BadBidiSetting;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl BidiSetting {
    /// Parses `auto | app | terminal | off` (case and surrounding blanks ignored).
    pub fn parse(s: &str) -> Result<BidiSetting, BadBidiSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(BidiSetting::Auto),
            "app" => Ok(BidiSetting::App),
            "terminal" => Ok(BidiSetting::Terminal),
            "off" => Ok(BidiSetting::Off),
            _ => Err(BadBidiSetting(super::sanitize(s))),
        }
    }

    /// True when the TUI should send [`QUERY_BIDI_MODE`] and wait (briefly)
    /// for a reply before calling [`BidiSetting::resolve`].
    pub fn wants_query(self) -> bool {
        self == BidiSetting::Auto
    }

    /// The mode to lay text out with. `reply` is the parsed answer to
    /// [`QUERY_BIDI_MODE`], `None` when the terminal did not answer.
    ///
    /// `auto` is [`BidiMode::App`] unless the terminal says it always
    /// reorders (`Ps = 3`, implicit mode that cannot be switched off): then
    /// our visual order would be reordered a second time, so it gets
    /// [`BidiMode::Terminal`]. A terminal answering `1` or `2` (VTE, mintty,
    /// WezTerm) honours [`ON_ENTER`], so the app's visual order reaches the
    /// screen unchanged; one that does not answer (xterm, Alacritty, kitty,
    /// tmux …) does not reorder at all. The terminals that reorder but ignore
    /// the query (Konsole, mlterm) cannot be detected: their users set
    /// `bidi = "terminal"`.
    pub fn resolve(self, reply: Option<ModeReply>) -> BidiMode {
        match self {
            BidiSetting::Auto if reply == Some(ModeReply::PermanentlySet) => BidiMode::Terminal,
            BidiSetting::Auto => BidiMode::App,
            BidiSetting::App => BidiMode::App,
            BidiSetting::Terminal => BidiMode::Terminal,
            BidiSetting::Off => BidiMode::Off,
        }
    }
}

impl BidiMode {
    /// Parses `app | terminal | off` (not `auto`: see [`BidiSetting`]).
    pub fn parse(s: &str) -> Option<BidiMode> {
        match BidiSetting::parse(s).ok()? {
            BidiSetting::Auto => None,
            other => Some(other.resolve(None)),
        }
    }

    /// The bytes to write when the TUI takes the screen.
    pub fn enter_sequence(self) -> &'static str {
        match self {
            BidiMode::App => ON_ENTER,
            BidiMode::Terminal | BidiMode::Off => "",
        }
    }

    /// The bytes to write when the TUI gives the screen back (exit, suspend, panic).
    pub fn exit_sequence(self) -> &'static str {
        match self {
            BidiMode::App => ON_EXIT,
            BidiMode::Terminal | BidiMode::Off => "",
        }
    }
}

/// The terminal's answer about BiDi mode 8 (DECRPM `CSI 8 ; Ps $ y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeReply {
    /// `Ps = 0`: the terminal does not know the mode.
    NotRecognized,
    /// `Ps = 1`: implicit BiDi is on (the terminal reorders).
    Set,
    /// `Ps = 2`: explicit mode is on.
    Reset,
    /// `Ps = 3`: implicit, and it cannot be changed.
    PermanentlySet,
    /// `Ps = 4`: explicit, and it cannot be changed.
    PermanentlyReset,
}

impl ModeReply {
    /// True when the terminal follows the BiDi recommendation (knows mode 8).
    pub fn knows_bidi(self) -> bool {
        self != ModeReply::NotRecognized
    }
}

/// Finds the reply to [`QUERY_BIDI_MODE`] in bytes read from the terminal
/// (other input around it is ignored). Accepts 7-bit `ESC [` and 8-bit
/// `0x9B` introducers. `None` when no well-formed reply for mode 8 is there.
pub fn parse_bidi_mode_reply(bytes: &[u8]) -> Option<ModeReply> {
    let mut i = 0;
    while i < bytes.len() {
        let body = if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            i + 2
        } else if bytes[i] == 0x9b {
            i + 1
        } else {
            i += 1;
            continue;
        };
        if let Some(reply) = parse_body(&bytes[body..]) {
            return Some(reply);
        }
        i = body;
    }
    None
}

/// Parses `8;Ps$y` at the start of `rest`.
fn parse_body(rest: &[u8]) -> Option<ModeReply> {
    let rest = rest.strip_prefix(b"8;")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || rest.get(digits..digits + 2) != Some(b"$y") {
        return None;
    }
    let ps: u16 = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    Some(match ps {
        0 => ModeReply::NotRecognized,
        1 => ModeReply::Set,
        2 => ModeReply::Reset,
        3 => ModeReply::PermanentlySet,
        4 => ModeReply::PermanentlyReset,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_are_the_recommended_bytes() {
        assert_eq!(ENTER_BIDI_EXPLICIT.as_bytes(), b"\x1b[8l");
        assert_eq!(ENTER_PRESENTATION_LTR.as_bytes(), b"\x1b[1 k");
        assert_eq!(EXIT_BIDI_IMPLICIT.as_bytes(), b"\x1b[8h");
        assert_eq!(EXIT_PRESENTATION_DEFAULT.as_bytes(), b"\x1b[0 k");
        assert_eq!(
            ON_ENTER,
            format!("{ENTER_BIDI_EXPLICIT}{ENTER_PRESENTATION_LTR}")
        );
        assert_eq!(
            ON_EXIT,
            format!("{EXIT_BIDI_IMPLICIT}{EXIT_PRESENTATION_DEFAULT}")
        );
        assert_eq!(QUERY_BIDI_MODE.as_bytes(), b"\x1b[8$p");
        assert_eq!(BidiMode::Terminal.enter_sequence(), "");
    }

    #[test]
    fn parses_settings() {
        assert_eq!(BidiSetting::parse("auto"), Ok(BidiSetting::Auto));
        assert_eq!(" App ".parse(), Ok(BidiSetting::App));
        assert_eq!(BidiSetting::parse("terminal"), Ok(BidiSetting::Terminal));
        assert_eq!(BidiSetting::parse("off"), Ok(BidiSetting::Off));
        let err = BidiSetting::parse("rtl").unwrap_err().to_string();
        assert!(err.contains("\"rtl\"") && err.contains("auto, app, terminal, off"));
        assert_eq!(BidiMode::parse("terminal"), Some(BidiMode::Terminal));
        assert_eq!(BidiMode::parse("auto"), None);
    }

    #[test]
    fn bad_setting_error_is_sanitised() {
        let err = BidiSetting::parse("\x1b]52;c;x\x07")
            .unwrap_err()
            .to_string();
        assert!(!err.contains('\x1b') && !err.contains('\x07'));
    }

    #[test]
    fn parses_mode_replies() {
        assert_eq!(parse_bidi_mode_reply(b"\x1b[8;1$y"), Some(ModeReply::Set));
        assert_eq!(parse_bidi_mode_reply(b"\x1b[8;2$y"), Some(ModeReply::Reset));
        assert_eq!(
            parse_bidi_mode_reply(b"\x9b8;4$y"),
            Some(ModeReply::PermanentlyReset)
        );
        assert_eq!(
            parse_bidi_mode_reply(b"\x1b[8;0$y"),
            Some(ModeReply::NotRecognized)
        );
        // Other input around the reply is skipped.
        assert_eq!(
            parse_bidi_mode_reply(b"ab\x1b[A\x1b[8;2$yq"),
            Some(ModeReply::Reset)
        );
    }

    #[test]
    fn rejects_other_replies() {
        assert_eq!(parse_bidi_mode_reply(b""), None);
        assert_eq!(
            parse_bidi_mode_reply(b"\x1b[?8;1$y"),
            None,
            "private mode 8"
        );
        assert_eq!(parse_bidi_mode_reply(b"\x1b[80;1$y"), None);
        assert_eq!(parse_bidi_mode_reply(b"\x1b[8;1$"), None, "cut short");
        assert_eq!(parse_bidi_mode_reply(b"\x1b[8;9$y"), None);
    }

    #[test]
    fn auto_resolves_to_app() {
        assert_eq!(BidiSetting::Auto.resolve(None), BidiMode::App);
        assert_eq!(
            BidiSetting::Auto.resolve(Some(ModeReply::Set)),
            BidiMode::App
        );
        assert_eq!(
            BidiSetting::Auto.resolve(Some(ModeReply::Reset)),
            BidiMode::App
        );
        assert_eq!(
            BidiSetting::Auto.resolve(Some(ModeReply::PermanentlySet)),
            BidiMode::Terminal
        );
        assert_eq!(
            BidiSetting::Terminal.resolve(Some(ModeReply::Set)),
            BidiMode::Terminal
        );
        assert!(ModeReply::Reset.knows_bidi() && !ModeReply::NotRecognized.knows_bidi());
    }
}
