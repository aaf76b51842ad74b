//! The desk session: one open desk that every front stands on.
//!
//! [`DeskSession::open`] loads a desk's rules and articles (through the
//! extraction cache), opens its verdict store, and runs the attach step
//! (manual claims brought back, stale verdicts re-attached to edited
//! sentences) in one call, the same way for the TUI, `check`, `extract`,
//! `rules`, `mark` and every export. The session then answers questions
//! about claims ([`DeskSession::picture`], [`DeskSession::status`],
//! [`DeskSession::resolve`]) and turns an analyst's [`Edit`] into the
//! store's [`VerdictChange`] ([`DeskSession::change`]).
//!
//! No terminal here: the fronts pass in what they read from the environment
//! (the cache folder, the analyst's name).

mod edit;
mod events;
mod ids;
mod picture;
mod rest;

pub use edit::Edit;
pub use events::{DeskEvent, EventSink};
pub use ids::{IdError, MIN_PREFIX, resolve_in};
pub use picture::{ClaimFlags, ClaimPicture, articles_of, owner_of};
pub use rest::{attach_whole, load_whole_in_background};

use std::path::PathBuf;

use crate::desk::Desk;
use crate::index::{DeskIndex, LoadProgress, Texts};
use crate::link::DeskLinks;
use crate::problem::Problem;
use crate::store::similar::StaleQuotes;
use crate::store::{self, Reattached, VerdictChange, VerdictStore};

/// How a session opens its desk: the same options for every front.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// Where extraction results are cached (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
    /// Read the texts the cache vouches for later (the TUI's quick start).
    /// Then stale verdicts wait in [`DeskSession::stale`] for the texts.
    pub texts_later: bool,
    /// A rules folder other than the desk's (`extract --rules DIR`).
    pub rules_dir: Option<PathBuf>,
    /// Open only the first this many articles (the TUI's first screen of a
    /// large desk opened cold); [`DeskSession::rest`] then says how many
    /// are still to come. No stale step: that waits for the whole desk.
    pub first_screen: Option<usize>,
}

/// An open desk: its index, its verdicts, and what opening it found.
pub struct DeskSession {
    /// Rules, articles and claims (manual claims included).
    pub index: DeskIndex,
    /// The verdicts, with re-attached records already under their new ids.
    pub store: VerdictStore,
    /// Verdicts moved to an edited sentence while opening (flagged re-check).
    pub reattached: Vec<Reattached>,
    /// Stale verdicts still to be looked for once texts are read
    /// (only with [`SessionOptions::texts_later`]).
    pub stale: Option<StaleQuotes>,
    /// Problems met while loading articles and reading verdict files.
    pub problems: Vec<Problem>,
    /// Old-layout verdict files moved to one file per claim while opening.
    pub migrated: store::migrate::Migration,
    /// The claims linked across articles, made on first use ([`DeskSession::links`]).
    links: std::sync::OnceLock<DeskLinks>,
    /// Where linking results are cached (the options' cache folder).
    cache_dir: Option<PathBuf>,
    /// Articles the desk lists that were not opened yet
    /// ([`SessionOptions::first_screen`]); `None` when the desk is whole.
    pub rest: Option<usize>,
}

impl DeskSession {
    /// Opens `desk`: rules, articles, verdicts, then the attach step.
    /// Fails only when the rules cannot be loaded (the problems say why).
    pub fn open(
        mut desk: Desk,
        options: &SessionOptions,
        progress: &(dyn Fn(LoadProgress) + Sync),
    ) -> Result<DeskSession, Vec<Problem>> {
        if let Some(dir) = &options.rules_dir {
            desk.config.rules = dir.to_string_lossy().into_owned();
        }
        if let Some(n) = options.first_screen
            && let Some(first) =
                DeskSession::open_first(&desk, n, options.cache_dir.clone(), progress)?
        {
            return Ok(first);
        }
        let texts = match (options.texts_later, &options.cache_dir) {
            (true, Some(_)) => Texts::Later,
            _ => Texts::Read,
        };
        let mut index = DeskIndex::load_texts(desk, progress, options.cache_dir.as_deref(), texts)?;
        // Old-layout verdict files move to one file per claim first.
        let migrated = store::migrate::migrate(&index.desk.rules_dir());
        let (mut store, store_problems) = VerdictStore::open(&index.desk.rules_dir());
        let (reattached, stale) = if options.texts_later {
            store::attach_read(&mut index, &mut store)
        } else {
            (store::attach_all(&mut index, &mut store), None)
        };
        let mut problems = index.problems.clone();
        problems.extend(store_problems);
        problems.extend(migrated.problems.iter().cloned());
        Ok(DeskSession {
            migrated,
            index,
            store,
            reattached,
            stale,
            problems,
            links: std::sync::OnceLock::new(),
            cache_dir: options.cache_dir.clone(),
            rest: None,
        })
    }

    /// The first `n` articles and the verdicts, when the desk has more than
    /// twice that (`None`: open it whole, it is small).
    fn open_first(
        desk: &Desk,
        n: usize,
        cache_dir: Option<PathBuf>,
        progress: &(dyn Fn(LoadProgress) + Sync),
    ) -> Result<Option<DeskSession>, Vec<Problem>> {
        let (mut index, listed) = DeskIndex::load_first(desk.clone(), n, progress)?;
        if listed <= n.saturating_mul(2) {
            return Ok(None);
        }
        let migrated = store::migrate::migrate(&index.desk.rules_dir());
        let (store, store_problems) = VerdictStore::open(&index.desk.rules_dir());
        store::attach_manual_claims(&mut index, &store);
        let mut problems = index.problems.clone();
        problems.extend(store_problems);
        problems.extend(migrated.problems.iter().cloned());
        Ok(Some(DeskSession {
            migrated,
            rest: Some(listed - index.articles.len()),
            index,
            store,
            reattached: Vec::new(),
            stale: None,
            problems,
            links: std::sync::OnceLock::new(),
            cache_dir,
        }))
    }

    /// The desk's claims linked across articles (same claim, similar; with
    /// the figures that drift), made the first time it is asked for. Claims
    /// of articles whose text is not read yet are left out. Cached in the
    /// session's cache folder ([`crate::link::links_file`]).
    pub fn links(&self) -> &DeskLinks {
        self.links.get_or_init(|| {
            let file = self.links_file();
            crate::link::link_desk_cached(&self.index, file.as_deref()).0
        })
    }

    /// The desk's link cache file, when the session has a cache folder.
    pub fn links_file(&self) -> Option<PathBuf> {
        let dir = self.cache_dir.as_deref()?;
        Some(crate::link::links_file(dir, &self.index.desk.root))
    }

    /// Every problem a desk check reports: loading problems, then the
    /// store's (unreadable files, unresolved merges, conflicts, stale
    /// verdicts, verdicts to re-check).
    pub fn verdict_problems(&self) -> Vec<Problem> {
        store::check(&self.index, &self.store)
    }

    /// The change that `edit` of claim `id` asks of the store, by `analyst`
    /// (`None` when the claim is not in the desk).
    pub fn change(
        &self,
        id: &crate::extract::ClaimId,
        edit: Edit,
        analyst: &str,
    ) -> Option<VerdictChange> {
        let picture = self.picture(id)?;
        Some(edit.into_change(picture, analyst))
    }

    /// Applies `change` and returns once it is durably on disk (the CLI's
    /// path; the TUI hands changes to its background writer instead).
    pub fn apply(&mut self, change: VerdictChange) -> Result<(), store::StoreError> {
        self.store.apply(change)
    }
}
