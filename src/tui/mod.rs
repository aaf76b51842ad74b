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
pub mod commands;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod links;
pub mod loading;
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
    let chosen = crate::settings::merge(&[config.layer(), args.layer()]);
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
    let settings = Settings {
        analyst,
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
        println!("config: {}", paths.config_file.display());
        println!("state:  {}", paths.state_dir.display());
        println!("cache:  {}", paths.cache_dir.display());
        return Ok(0);
    }
    let config = match UserConfig::load() {
        Ok(c) => c,
        Err(p) => {
            eprintln!("claimdesk: {p}");
            return Ok(2);
        }
    };
    let desk = crate::desk::Desk::discover(dir)?;
    let (settings, keymap, warnings) = settings(&config, args, &desk);
    let bidi = settings.bidi;
    terminal::install_panic_hook();
    let mut host = terminal::TerminalHost::new(bidi)?;
    terminal::enter(bidi)?;
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut term = match ratatui::Terminal::new(backend) {
        Ok(t) => t,
        Err(e) => {
            terminal::leave();
            return Err(e.into());
        }
    };
    let loaded = match loading::load_with_progress(
        &mut term,
        &mut host,
        desk,
        Some(paths.cache_dir.clone()),
    ) {
        Ok(loading::LoadOutcome::Loaded(l)) => *l,
        Ok(loading::LoadOutcome::Aborted) => {
            terminal::leave();
            return Ok(130);
        }
        Ok(loading::LoadOutcome::Failed(problems)) => {
            terminal::leave();
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "claimdesk: cannot load the desk's rules; fix the problems above (`claimdesk check` lists them)"
            );
            return Ok(1);
        }
        Err(e) => {
            terminal::leave();
            return Err(e);
        }
    };
    let mut session = session::Session::new(
        loaded.writer,
        &loaded.index,
        Some(paths.state_dir.clone()),
        Some(paths.cache_dir.clone()),
    );
    let mut app = App::new(loaded.index, loaded.records, keymap, settings);
    if let Some(quotes) = loaded.stale {
        app.look_for_stale(quotes);
    }
    if let Some(pos) = crate::userconfig::load_position(&paths.state_dir, &app.index.desk.root) {
        session::restore_position(&mut app, &pos);
    }
    let notes: Vec<String> = warnings
        .into_iter()
        .chain(loaded.problems.iter().map(|p| p.to_string()))
        .collect();
    if let Some(first) = notes.first() {
        app.error(if notes.len() > 1 {
            format!("{first} (+{} more; `claimdesk check`)", notes.len() - 1)
        } else {
            first.clone()
        });
    }
    let result = run::run(&mut term, &mut app, &mut session, &mut host);
    terminal::leave();
    let outcome = result?;
    for reason in &outcome.unsaved {
        eprintln!("claimdesk: not saved: {reason}");
    }
    Ok(if outcome.unsaved.is_empty() { 0 } else { 1 })
}
