//! The review TUI (ratatui + crossterm). The only module that imports a
//! terminal crate.
//!
//! Layout of the code: [`action`] (the vocabulary), [`keymap`] and
//! [`commands`] (keys and `:` lines to actions), [`app`] (state),
//! [`update`] (the one place state changes, returning effects), [`input`]
//! (events to actions), [`ui`] (drawing, reading state only), [`run`] (the
//! loop, generic over the backend), [`terminal`] (entering, leaving,
//! signals, suspend, editor), [`session`] (desk loading, reload, position).

pub mod action;
pub mod app;
pub mod clipboard;
pub mod commands;
pub mod compare;
mod counts;
pub mod edits;
pub mod filter;
pub mod getting;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod links;
mod lists;
pub mod loading;
pub mod messages;
pub mod reviews;
pub mod run;
pub mod search;
pub mod session;
pub mod stale;
pub mod terminal;
mod texts;
pub mod theme;
pub mod tty_input;
pub mod ui;
pub mod update;

use std::path::Path;

use crate::settings::{BidiSetting, ColorWhen, Layer};
use crate::userconfig::UserConfig;

use app::{App, Settings};
use keymap::Keymap;
use theme::Theme;

/// Command-line options of the TUI (flattened into the top-level command).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TuiArgs {
    /// Print where config, state and cache live, and exit.
    #[arg(long)]
    pub paths: bool,
    /// Who reorders right-to-left text.
    #[arg(long, value_name = "MODE", value_enum)]
    pub bidi: Option<BidiSetting>,
    /// Use colours (auto honours NO_COLOR).
    #[arg(long, value_name = "WHEN", value_enum)]
    pub color: Option<ColorWhen>,
}

impl TuiArgs {
    /// The settings the command line gives (see [`crate::settings::merge`]).
    pub fn layer(&self) -> Layer {
        Layer {
            bidi: self.bidi,
            color: self.color,
            ..Layer::default()
        }
    }
}

/// Builds the settings and keymap from the config file and the command
/// line; returns warnings about entries that were skipped.
pub fn settings(
    config: &UserConfig,
    args: &TuiArgs,
    desk: &crate::desk::Desk,
) -> (Settings, Keymap, Vec<String>) {
    let (keymap, mut warnings) = Keymap::with_overrides(&config.keys);
    // The one merge of the settings: defaults < user config < command line.
    let chosen = crate::settings::merge(&[desk.config.settings, config.layer(), args.layer()]);
    let color = chosen
        .color
        .use_color(std::env::var_os("NO_COLOR").as_deref());
    let theme = if color {
        let (t, w) = Theme::colored(&config.theme);
        warnings.extend(w);
        t
    } else {
        Theme::mono()
    };
    let analyst = crate::store::analyst::analyst_name(config.analyst.as_deref(), desk);
    for (name, spec) in &config.views {
        if let Err(e) = getting::parse_view(spec) {
            warnings.push(format!("config: view `{name}` skipped: {e}"));
        }
    }
    let settings = Settings {
        analyst,
        views: config.views.clone(),
        // `auto` is resolved without querying the terminal (the reply would
        // arrive mixed with key input): the app reorders and sends the
        // explicit-mode sequence, which the terminals that reorder and
        // honour it switch off their own reordering for.
        bidi: chosen.bidi.resolve(None),
        shape: chosen.shape,
        lang: chosen.lang,
        theme,
    };
    (settings, keymap, warnings)
}

/// Opens the review TUI on the desk found from `dir`; returns the exit code.
pub fn run(dir: &Path, args: &TuiArgs) -> anyhow::Result<i32> {
    let paths = crate::userconfig::paths();
    if args.paths {
        safe_println!("config: {}", paths.config_file.display());
        safe_println!("state:  {}", paths.state_dir.display());
        safe_println!("cache:  {}", paths.cache_dir.display());
        return Ok(0);
    }
    let config = match UserConfig::load() {
        Ok(c) => c,
        Err(p) => {
            safe_eprintln!("claimdesk: {p}");
            return Ok(2);
        }
    };
    let tty = match tty_input::Tty::open() {
        Ok(tty) => tty,
        Err(e) => {
            safe_eprintln!("claimdesk: {e}");
            return Ok(2);
        }
    };
    let desk = crate::desk::Desk::discover(dir)?;
    let (settings, keymap, warnings) = settings(&config, args, &desk);
    let bidi = settings.bidi;
    terminal::install_panic_hook();
    let mut host = terminal::TerminalHost::new(bidi, tty)?;
    terminal::enter(bidi)?;
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut term = match ratatui::Terminal::new(backend) {
        Ok(t) => t,
        Err(e) => {
            terminal::leave();
            return Err(e.into());
        }
    };
    // The one channel the review loop waits on; the store's writer reports
    // there from the start.
    let channel = session::Channel::new();
    let (loaded, typed) = match loading::load_with_progress(
        &mut term,
        &mut host,
        desk,
        Some(paths.cache_dir.clone()),
        channel.sink(),
    ) {
        Ok(loading::LoadOutcome::Loaded { loaded, typed }) => (*loaded, typed),
        Ok(loading::LoadOutcome::Aborted) => {
            give_back(term);
            return Ok(130);
        }
        Ok(loading::LoadOutcome::Failed(problems)) => {
            give_back(term);
            for p in &problems {
                safe_eprintln!("{p}");
            }
            safe_eprintln!(
                "claimdesk: cannot load the desk's rules; fix the problems above (`claimdesk check` lists them)"
            );
            return Ok(1);
        }
        Err(e) => {
            give_back(term);
            return Err(e);
        }
    };
    let mut session = session::Session::new(
        loaded.writer,
        &loaded.index,
        Some(paths.state_dir.clone()),
        Some(paths.cache_dir.clone()),
        channel,
    );
    let rest = loaded.rest;
    let mut app = App::new(loaded.index, loaded.records, keymap, settings);
    if let Some(rest) = rest {
        // A large desk opened cold: its first screen now, the rest meanwhile.
        let shown = app.index.articles.len();
        app.loading = Some((0, shown + rest));
        session.load_rest(app.index.desk.clone());
    }
    if let Some(quotes) = loaded.stale {
        app.look_for_stale(quotes);
    }
    if let Some(pos) = crate::userconfig::load_position(&paths.state_dir, &app.index.desk.root) {
        session::restore_position(&mut app, &pos);
    }
    let desk_problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    if let Some(note) = startup_note(&warnings, &desk_problems, &paths.config_file) {
        app.error(note);
    }
    // Keys typed while the desk loaded come first, in order.
    let mut typed_then_host = run::TypeAhead::new(typed, &mut host);
    let result = run::run(&mut term, &mut app, &mut session, &mut typed_then_host);
    give_back(term);
    let outcome = result?;
    for reason in &outcome.unsaved {
        safe_eprintln!("claimdesk: not saved: {reason}");
    }
    if !outcome.unsaved.is_empty() {
        return Ok(1);
    }
    Ok(host.exit_status().unwrap_or(0))
}

/// Leaves the terminal and lets go of ratatui's handle without its drop,
/// which would show the cursor again (`leave` did) and, when the terminal
/// is gone, print the failure to stderr.
fn give_back<B: ratatui::backend::Backend>(term: ratatui::Terminal<B>) {
    terminal::leave();
    std::mem::forget(term);
}

/// The one line shown at start-up about problems: the first of them, and
/// where the others are listed (`claimdesk check` looks at the desk, not at
/// the user's config file).
pub fn startup_note(
    config_warnings: &[String],
    desk_problems: &[String],
    config_file: &Path,
) -> Option<String> {
    let first = config_warnings.first().or(desk_problems.first())?;
    let mut more = Vec::new();
    let config_more = config_warnings.len().saturating_sub(1);
    if config_more > 0 {
        more.push(format!(
            "+{config_more} more in {}",
            crate::render::safe(&config_file.display().to_string())
        ));
    }
    let desk_more = if config_warnings.is_empty() {
        desk_problems.len() - 1
    } else {
        desk_problems.len()
    };
    if desk_more > 0 {
        more.push(format!(
            "+{desk_more} desk problem(s); `claimdesk check` lists them"
        ));
    }
    Some(if more.is_empty() {
        first.clone()
    } else {
        format!("{first} ({})", more.join("; "))
    })
}

#[cfg(test)]
mod tests {
    use super::startup_note;
    use std::path::Path;

    #[test]
    fn config_problems_do_not_send_the_analyst_to_check() {
        let file = Path::new("/home/a/.config/claimdesk/config.toml");
        let w = [
            "config.toml: unknown key `colour`".to_string(),
            "x".to_string(),
        ];
        let note = startup_note(&w, &[], file).unwrap();
        assert!(!note.contains("claimdesk check"), "{note}");
        assert!(note.contains("+1 more in /home/a/.config"), "{note}");
        let d = ["a.md: bad".to_string(), "b.md: bad".to_string()];
        let note = startup_note(&[], &d, file).unwrap();
        assert!(
            note.contains("+1 desk problem(s); `claimdesk check`"),
            "{note}"
        );
        assert_eq!(startup_note(&[], &[], file), None);
    }
}
