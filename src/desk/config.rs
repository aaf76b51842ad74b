//! `claimdesk.toml`: where a desk's articles and rules are.
//!
//! ```toml
//! articles = ["articles", "wire/**/*.md"]   # folders or globs (or one string)
//! rules = "rules"                            # the rules folder
//! analyst = "Mona"                           # optional
//! allow_outside = false                      # optional: see below
//!
//! [settings]        # optional: the workbench's defaults for this desk
//! lang = "ar"       # labels in Arabic (en, ar)
//! bidi = "auto"     # auto, app, terminal
//! shape = true      # Arabic letters shaped
//! ```
//!
//! `[settings]` sits between the built-in defaults and the analyst's own
//! config file ([`crate::settings::merge`]): a desk of Arabic copy can say
//! `lang = "ar"`, and an analyst's `config.toml` or `--bidi` still wins.
//!
//! `[publisher]` and `[[rating]]` (what the desk publishes with) are
//! described in [`super::publish`].
//!
//! Articles, the rules folder and verdict files must be inside the desk:
//! an absolute path, a `..` that leaves the desk or a symbolic link to
//! something outside it is refused with a message, unless the desk says
//! `allow_outside = true` (a desk that shares a rules folder on purpose).

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::publish::{self, Publisher, RatingScale, RawPublisher, RawRating};
use crate::problem::Problem;

/// A desk's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskConfig {
    /// Article locations: folders or globs, relative to the desk root.
    pub articles: Vec<String>,
    /// The rules folder, relative to the desk root.
    pub rules: String,
    /// The analyst name recorded with verdicts made in this desk (optional).
    pub analyst: Option<String>,
    /// `[publisher]`: who publishes the desk's reviews (all keys optional here).
    pub publisher: Publisher,
    /// The rating scale: the `[[rating]]` entries, or the default scale when there are none.
    pub scale: RatingScale,
    /// Follow paths and symbolic links that leave the desk (default: refuse them).
    pub allow_outside: bool,
    /// `[settings]`: the workbench's defaults for this desk (colour is the
    /// analyst's own choice and is not taken from here).
    pub settings: crate::settings::Layer,
}

/// `[settings]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    bidi: Option<crate::settings::BidiSetting>,
    lang: Option<crate::settings::Lang>,
    shape: Option<bool>,
}

impl Default for DeskConfig {
    fn default() -> Self {
        DeskConfig {
            articles: vec!["articles".to_string()],
            rules: "rules".to_string(),
            analyst: None,
            publisher: Publisher::default(),
            scale: RatingScale::default_scale(),
            allow_outside: false,
            settings: crate::settings::Layer::default(),
        }
    }
}

/// `articles` may be one string or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The file as written, with positions kept for error messages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    articles: Option<Spanned<toml::Value>>,
    rules: Option<Spanned<toml::Value>>,
    analyst: Option<Spanned<toml::Value>>,
    publisher: Option<RawPublisher>,
    rating: Option<Vec<RawRating>>,
    allow_outside: Option<Spanned<toml::Value>>,
    settings: Option<Spanned<toml::Value>>,
}

pub(crate) use crate::problem::line_of;

impl DeskConfig {
    /// Reads and validates `claimdesk.toml` at `path`.
    pub fn load(path: &Path) -> Result<DeskConfig, Problem> {
        use crate::bounded::{MAX_CONFIG_BYTES, read_bounded, utf8};
        let bytes = read_bounded(path, MAX_CONFIG_BYTES)
            .map_err(|e| Problem::file(path, format!("desk configuration {e}")))?;
        let text = utf8(bytes).map_err(|line| {
            Problem::file(
                path,
                "not UTF-8 (the first invalid byte is on this line); save it as UTF-8, \
                 e.g. `iconv -f WINDOWS-1256 -t UTF-8 claimdesk.toml > x && mv x claimdesk.toml`",
            )
            .at_line(line)
        })?;
        DeskConfig::parse(&text, path)
    }

    /// Parses and validates the text of a `claimdesk.toml`; `path` names it in problems.
    pub fn parse(text: &str, path: &Path) -> Result<DeskConfig, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let mut message = e.message().trim().to_string();
            if message.starts_with("unknown field") {
                message.push_str("; remove it or fix its spelling");
            }
            let p = Problem::file(path, message);
            match e.span() {
                Some(span) => p.at_line(line_of(text, span.start)),
                None => p,
            }
        })?;
        let bad = |span: std::ops::Range<usize>, msg: String| {
            Problem::file(path, msg).at_line(line_of(text, span.start))
        };
        let mut config = DeskConfig::default();

        if let Some(articles) = raw.articles {
            let span = articles.span();
            let value = articles.into_inner();
            let list = OneOrMany::deserialize(value).map_err(|_| {
                bad(
                    span.clone(),
                    "`articles` must be a folder or glob, or a list of them, e.g. \
                     articles = [\"articles\", \"wire/**/*.md\"]"
                        .to_string(),
                )
            })?;
            let entries = match list {
                OneOrMany::One(s) => vec![(s, span.clone())],
                OneOrMany::Many(v) => v
                    .into_iter()
                    .map(|s| {
                        // Point at the entry itself when it can be found.
                        let at = text[span.clone()]
                            .find(&format!("\"{s}\""))
                            .or_else(|| text[span.clone()].find(&format!("'{s}'")))
                            .map_or(span.start, |i| span.start + i);
                        (s, at..at)
                    })
                    .collect(),
            };
            if entries.is_empty() {
                return Err(bad(
                    span,
                    "`articles` is empty; name at least one folder or glob".to_string(),
                ));
            }
            config.articles = Vec::with_capacity(entries.len());
            for (entry, sp) in entries {
                if entry.trim().is_empty() {
                    return Err(bad(
                        sp,
                        "empty entry in `articles`; write a folder or glob".to_string(),
                    ));
                }
                if hidden_characters(&entry) {
                    return Err(bad(sp, hidden_message("articles", &entry)));
                }
                if entry.contains('\\') || entry.contains('[') || entry.contains('{') {
                    return Err(bad(
                        sp,
                        format!(
                            "`articles` entry {entry:?}: use `/` between folders; \
                             globs support only `*`, `**` and `?`"
                        ),
                    ));
                }
                config.articles.push(entry);
            }
        }

        if let Some(rules) = raw.rules {
            let span = rules.span();
            match rules.into_inner() {
                toml::Value::String(s) if hidden_characters(&s) => {
                    return Err(bad(span, hidden_message("rules", &s)));
                }
                toml::Value::String(s) if !s.trim().is_empty() => config.rules = s,
                _ => {
                    return Err(bad(
                        span,
                        "`rules` must be the rules folder as a non-empty string, e.g. rules = \"rules\""
                            .to_string(),
                    ));
                }
            }
        }

        if let Some(p) = raw.publisher {
            config.publisher = publish::publisher(p, text, path)?;
        }
        if let Some(r) = raw.rating.filter(|r| !r.is_empty()) {
            config.scale = publish::scale(r, text, path)?;
        }

        if let Some(analyst) = raw.analyst {
            let span = analyst.span();
            match analyst.into_inner() {
                toml::Value::String(s) if !s.trim().is_empty() => {
                    config.analyst = Some(s.trim().to_string())
                }
                _ => {
                    return Err(bad(
                        span,
                        "`analyst` must be a non-empty name, e.g. analyst = \"Mona\"".to_string(),
                    ));
                }
            }
        }
        if let Some(allow) = raw.allow_outside {
            let span = allow.span();
            match allow.into_inner() {
                toml::Value::Boolean(b) => config.allow_outside = b,
                _ => {
                    return Err(bad(
                        span,
                        "`allow_outside` must be true or false, e.g. allow_outside = true"
                            .to_string(),
                    ));
                }
            }
        }
        if let Some(settings) = raw.settings {
            let span = settings.span();
            let given = RawSettings::deserialize(settings.into_inner()).map_err(|e| {
                bad(
                    span,
                    format!(
                        "[settings]: {}; it takes lang = \"en\"|\"ar\", \
                         bidi = \"auto\"|\"app\"|\"terminal\", shape = true|false",
                        e.message().trim()
                    ),
                )
            })?;
            config.settings = crate::settings::Layer {
                bidi: given.bidi,
                lang: given.lang,
                shape: given.shape,
                color: None,
            };
        }
        Ok(config)
    }
}

/// True when a path holds characters a terminal would act on or that
/// cannot be seen (controls, bidi controls, zero-width characters).
fn hidden_characters(s: &str) -> bool {
    matches!(crate::render::safe(s), std::borrow::Cow::Owned(_))
}

fn hidden_message(key: &str, value: &str) -> String {
    format!(
        "`{key}` entry \"{}\" holds control, bidi or invisible characters (shown as ⟪…⟫ or ␛); \
         rename the folder and write its name plainly",
        crate::render::safe(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<DeskConfig, Problem> {
        DeskConfig::parse(s, Path::new("claimdesk.toml"))
    }

    #[test]
    fn empty_file_is_defaults() {
        assert_eq!(parse("").unwrap(), DeskConfig::default());
    }

    #[test]
    fn reads_all_fields() {
        let c = parse("articles = [\"a\", \"b/**/*.md\"]\nrules = \"r\"\nanalyst = \"Mona\"\n")
            .unwrap();
        assert_eq!(c.articles, vec!["a", "b/**/*.md"]);
        assert_eq!(c.rules, "r");
        assert_eq!(c.analyst.as_deref(), Some("Mona"));
    }

    #[test]
    fn articles_may_be_one_string() {
        assert_eq!(parse("articles = \"news\"").unwrap().articles, vec!["news"]);
    }

    #[test]
    fn unknown_key_names_line() {
        let p = parse("rules = \"r\"\n\narticle = [\"x\"]\n").unwrap_err();
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("article"), "{}", p.message);
    }

    #[test]
    fn bad_values_name_line() {
        let p = parse("rules = \"r\"\narticles = 3\n").unwrap_err();
        assert_eq!(p.line, Some(2));
        let p = parse("articles = [\"a\",\n  \"\"]\n").unwrap_err();
        assert_eq!(p.line, Some(2));
        let p = parse("rules = 7\n").unwrap_err();
        assert_eq!(p.line, Some(1));
        let p = parse("\nanalyst = \"  \"\n").unwrap_err();
        assert_eq!(p.line, Some(2));
        let p = parse("articles = []\n").unwrap_err();
        assert!(p.message.contains("empty"));
    }

    #[test]
    fn publisher_and_scale() {
        let c = parse(
            "[publisher]\nname = \"Checks\"\nurl = \"https://c.example\"\n\
             review_url = \"https://c.example/r/{id}\"\n\n\
             [[rating]]\nlabel = \"wrong\"\nverdict = \"disputed\"\nar = \"خطأ\"\nvalue = 1\n\n\
             [[rating]]\nlabel = \"right\"\nverdict = \"confirmed\"\nen = \"Right\"\nvalue = 3\n",
        )
        .unwrap();
        assert!(c.publisher.missing().is_empty());
        assert_eq!(c.scale.labels.len(), 2);
        let wrong = c.scale.get("wrong").unwrap();
        assert_eq!((wrong.en.as_str(), wrong.ar.as_str()), ("wrong", "خطأ"));
        assert_eq!((c.scale.worst(), c.scale.best()), (Some(1), Some(3)));
        assert_eq!(parse("").unwrap().scale, RatingScale::default_scale());
    }

    #[test]
    fn publisher_and_scale_errors_name_the_line() {
        let p =
            parse("[publisher]\nname = \"x\"\nreview_url = \"https://x.example/r\"\n").unwrap_err();
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("{id}"), "{p}");
        let p = parse("[publisher]\nurl = \"x.example\"\n").unwrap_err();
        assert_eq!(p.line, Some(2));
        let p = parse("[publisher]\nnmae = \"x\"\n").unwrap_err();
        assert!(p.message.contains("nmae"), "{p}");
        let p = parse("[[rating]]\nlabel = \"a\"\nverdict = \"maybe\"\n").unwrap_err();
        assert_eq!(p.line, Some(3));
        let p =
            parse("[[rating]]\nlabel = \"a\"\nverdict = \"disputed\"\nvalue = 0\n").unwrap_err();
        assert_eq!(p.line, Some(4));
        let p = parse(
            "[[rating]]\nlabel = \"a\"\nverdict = \"disputed\"\n[[rating]]\nlabel = \"a\"\nverdict = \"confirmed\"\n",
        )
        .unwrap_err();
        assert_eq!(p.line, Some(5));
        let p = parse("[[rating]]\nverdict = \"disputed\"\n").unwrap_err();
        assert!(p.message.contains("label"), "{p}");
    }

    #[test]
    fn hidden_characters_in_paths_are_refused() {
        let p = parse("rules = \"r\\u001b]52;c;QQ==\\u0007\"\n").unwrap_err();
        assert_eq!(p.line, Some(1));
        assert!(!p.to_string().contains('\u{1b}'), "{p}");
        let p = parse("articles = [\"a\",\n \"b\\u202e\"]\n").unwrap_err();
        assert!(p.message.contains("⟪RLO⟫"), "{p}");
    }

    #[test]
    fn settings_give_the_desk_layer_and_bad_ones_name_their_line() {
        let config = parse("[settings]\nlang = \"ar\"\nshape = false\n").unwrap();
        assert_eq!(config.settings.lang, Some(crate::settings::Lang::Ar));
        assert_eq!(config.settings.shape, Some(false));
        assert_eq!(config.settings.bidi, None);
        assert_eq!(
            parse("").unwrap().settings,
            crate::settings::Layer::default()
        );
        let err = parse("rules = \"rules\"\n[settings]\ncolour = \"never\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert!(err.message.contains("[settings]"), "{err}");
        let err = parse("[settings]\nlang = \"fr\"\n").unwrap_err();
        assert!(err.message.contains("lang"), "{err}");
    }

    #[test]
    fn allow_outside_is_a_boolean() {
        assert!(!parse("").unwrap().allow_outside);
        assert!(parse("allow_outside = true").unwrap().allow_outside);
        assert_eq!(
            parse("\nallow_outside = \"yes\"").unwrap_err().line,
            Some(2)
        );
    }

    #[test]
    fn non_utf8_file_names_line_and_fix() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("claimdesk.toml");
        std::fs::write(&f, b"rules = \"r\"\n# caf\xe9\n").unwrap();
        let p = DeskConfig::load(&f).unwrap_err();
        assert_eq!(p.line, Some(2), "{p}");
        assert!(p.message.contains("iconv"), "{p}");
    }

    #[test]
    fn syntax_error_names_line() {
        let p = parse("rules = \"r\"\narticles = [\"a\"\n").unwrap_err();
        assert!(p.line.is_some());
    }
}
