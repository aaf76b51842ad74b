//! Shared helpers for the TUI tests: a temporary copy of the fixture desk,
//! loaded into an `App` with fixed settings.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use claimdesk::desk::Desk;
use claimdesk::tui::app::{App, Settings};
use claimdesk::tui::keymap::Keymap;
use claimdesk::tui::session::{self, Session};
use claimdesk::tui::theme::Theme;

/// The fixture desk in the repository.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/desk")
}

/// Copies a folder tree.
pub use crate::support::desk::copy_dir as copy_tree;

/// A temporary copy of the fixture desk, in a folder named `desk` (so the
/// status line shows the same name in every run).
pub struct TempDesk {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl TempDesk {
    pub fn path(&self) -> &Path {
        &self.root
    }
}

/// A temporary copy of the fixture desk.
pub fn temp_desk() -> TempDesk {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    copy_tree(&fixture(), &root);
    TempDesk { _dir: dir, root }
}

/// Settings for tests: a fixed analyst, colour theme, app BiDi.
pub fn settings(color: bool) -> Settings {
    Settings {
        analyst: "tester".into(),
        theme: if color {
            Theme::default()
        } else {
            Theme::mono()
        },
        ..Settings::default()
    }
}

/// Loads the desk at `root` into an app and a session (no position memory).
pub fn open(root: &Path, color: bool) -> (App, Session) {
    // No extraction cache: tests leave the user's cache folder alone.
    load(root, None, color)
}

/// Like [`open`], with the extraction cache in `cache`: a second open of an
/// unchanged desk leaves the texts to be read after the first frame.
pub fn open_cached(root: &Path, cache: &Path) -> (App, Session) {
    load(root, Some(cache), true)
}

fn load(root: &Path, cache: Option<&Path>, color: bool) -> (App, Session) {
    let desk = Desk::discover(root).unwrap();
    let channel = session::Channel::new();
    let loaded =
        session::load(desk, cache, &channel.sink(), &|_, _| {}).unwrap_or_else(|p| panic!("{p:?}"));
    let session = Session::new(loaded.writer, &loaded.index, None, None, channel);
    let mut app = App::new(
        loaded.index,
        loaded.records,
        Keymap::default(),
        settings(color),
    );
    if let Some(quotes) = loaded.stale {
        app.look_for_stale(quotes);
    }
    session.attach(&mut app);
    (app, session)
}

/// `update`, then the texts it asks for read and the action run again, as
/// the run loop does (`Effect::ReadText`); the other effects are returned.
pub fn update_reading(
    app: &mut App,
    action: claimdesk::tui::action::Action,
) -> Vec<claimdesk::tui::update::Effect> {
    use claimdesk::tui::update::{Effect, update};
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from(update(app, action));
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::ReadText { article, then } => {
                app.read_text_now(article);
                queue.extend(update(app, then));
            }
            other => out.push(other),
        }
    }
    out
}
