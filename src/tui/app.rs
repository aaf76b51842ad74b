//! The TUI's state: the loaded desk, the verdicts as they are on disk, what
//! is selected, and derived counts kept up to date incrementally.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::extract::{Claim, ClaimId, ClaimMatch, article_matches};
use crate::index::{DeskIndex, TextReading};
use crate::render::BidiMode;
use crate::store::{Owner, VerdictRecord};

use super::filter::{ClaimFilter, Sort};
use super::i18n::Lang;
use super::keymap::{Key, Keymap};
use super::theme::Theme;

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Articles, claims and the selected claim's detail.
    Main,
    /// One article in full, sentence by sentence.
    Article,
}

/// Which pane of the main screen has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Articles,
    Claims,
}

/// What a one-line prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Command,
    Search,
    Note,
    Evidence,
}

/// A one-line editor at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Cursor as a byte offset in `input` (on a char boundary).
    pub cursor: usize,
    /// Completions offered by the last Tab (command prompt).
    pub completions: Vec<String>,
}

impl Prompt {
    /// A prompt holding `input`, cursor at the end.
    pub fn new(kind: PromptKind, input: String) -> Prompt {
        Prompt {
            kind,
            cursor: input.len(),
            input,
            completions: Vec::new(),
        }
    }
}

/// What is drawn over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// The claims-first view, the `sel`-th assertion selected.
    Assertions {
        sel: usize,
    },
    /// The message log, scrolled `scroll` rows up from the newest.
    Messages {
        scroll: usize,
    },
    /// Both sides of the selected claim's conflict / re-check, scrolled.
    Compare {
        scroll: usize,
    },
    Prompt(Prompt),
    /// The dashboard, with its numbers as computed when it opened.
    Dashboard(Box<super::ui::dashboard::Dashboard>),
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub use super::counts::Stats;

/// Settings from the config file and the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub analyst: String,
    /// Saved views: name → `:filter` terms (`[views]` in the user config),
    /// optionally followed by `sort WORD`.
    pub views: std::collections::BTreeMap<String, String>,
    pub bidi: BidiMode,
    pub shape: bool,
    pub lang: Lang,
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            analyst: "analyst".into(),
            views: Default::default(),
            bidi: BidiMode::App,
            shape: true,
            lang: Lang::En,
            theme: Theme::default(),
        }
    }
}

/// An active search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The query normalised and lowercased.
    pub needle: String,
    /// Hits in desk order: article, and the sentence (`None`: the title).
    pub hits: Vec<(usize, Option<usize>)>,
}

/// A verdict change that can be undone: the claim and its record before.
#[derive(Debug, Clone)]
pub struct UndoEntry {
    pub id: ClaimId,
    pub before: Option<VerdictRecord>,
}

/// Saves of one claim the store has not answered yet.
#[derive(Debug, Clone)]
pub struct Inflight {
    /// How many changes are queued.
    pub queued: usize,
    /// The record as on disk before the first of them.
    pub before: Option<VerdictRecord>,
}

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    pub index: DeskIndex,
    /// Every verdict record, as the store has it on disk (plus saves in flight).
    pub verdicts: HashMap<ClaimId, VerdictRecord>,
    /// Per-article counts, kept up to date on every change.
    pub stats: Vec<Stats>,
    /// The desk's counts of distinct claims (a sentence repeated across
    /// outlets counts once), so the total is the same after every restart.
    pub desk_stats: Stats,
    pub keymap: Keymap,
    pub settings: Settings,
    pub screen: Screen,
    pub focus: Pane,
    pub overlay: Overlay,
    /// Which claims the lists show (`:filter`, `f`, `:view`).
    pub filter: ClaimFilter,
    /// How the lists are ordered (`:sort`).
    pub sort: Sort,
    /// Visible articles (indices into `index.articles`), in order.
    pub articles_view: Vec<usize>,
    /// Visible claims of the selected article (indices into its claims).
    pub claims_view: Vec<usize>,
    /// Selection and first visible row, as positions in the views.
    pub article_sel: usize,
    pub article_top: usize,
    pub claim_sel: usize,
    pub claim_top: usize,
    /// The sentence under the cursor in the article view.
    pub sentence: usize,
    pub search: Option<Search>,
    /// Titles and sentences folded for search, built on the first
    /// search and dropped when the desk changes.
    pub search_index: Option<super::search::SearchIndex>,
    /// Re-attached claims' sentences as they were before the edit (new id →
    /// old quote), kept when this session re-attached them (the compare view).
    pub recheck_before: HashMap<ClaimId, String>,
    pub message: Option<Message>,
    /// Keys of a chord typed so far (`g`).
    pub pending_keys: Vec<Key>,
    pub undo: Vec<UndoEntry>,
    /// Changes undone, newest last (`redo` takes them back); a new change empties it.
    pub redo: Vec<UndoEntry>,
    /// Every message and error shown (see `tui::messages`).
    pub log: super::messages::MessageLog,
    /// Claims with saves in flight.
    pub inflight: HashMap<ClaimId, Inflight>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The rule matches of the claims of the article last drawn (see
    /// [`App::matches_of`]).
    matches: RefCell<Option<ShownMatches>>,
    /// Reads the texts the desk opened without, in the background (see
    /// `tui::texts`); started after the first frame.
    pub texts: Option<TextReading>,
    /// Articles whose text could not be read when asked for (not asked again).
    pub unreadable: std::collections::HashSet<usize>,
    /// Where background work started by the app (texts, links) reports: the
    /// run loop's channel. `None`: nothing runs in the background (texts are
    /// read on demand).
    pub background: Option<crate::session::EventSink>,
    /// The desk's link cache file ([`crate::link::links_file`]), when the
    /// session has a cache folder.
    pub links_file: Option<std::path::PathBuf>,
    /// True once the background reading of this desk's texts was started.
    pub texts_started: bool,
    /// Stale verdicts whose sentences are looked for as texts arrive.
    pub stale: Option<super::stale::StaleScan>,
    /// Their re-attachment, planned, for the store's writer.
    pub(super) reattach_ready: Option<Vec<crate::store::similar::Move>>,
    /// The desk's claims linked across articles (see `tui::links`).
    pub links: super::links::LinkState,
    /// How many times linking was started (a result names its generation).
    pub(super) link_generation: u64,
    /// The claim the last key gave a verdict to, for a rating key right after.
    pub just_judged: Option<(usize, usize)>,
    /// While the whole desk loads after its first screen: articles done and
    /// in all (`None` once the desk is whole).
    pub loading: Option<(usize, usize)>,
    /// How many times a desk was loaded into the app (background texts name
    /// the generation they were read for).
    pub desk_generation: u64,
    /// The claims-first view's groups, made once per set of links.
    pub(super) assertion_cache: std::cell::OnceCell<Vec<super::links::Assertion>>,
    /// Reviews of other organisations imported into the desk, read on first
    /// use (see `tui::reviews`).
    pub(super) reviews: std::cell::OnceCell<crate::reviews::ReviewLibrary>,
    /// The imported reviews matching each claim of the article last shown,
    /// keyed by (article, its claim count).
    pub(super) review_matches: RefCell<Option<ReviewMatches>>,
}

/// Drawn in place of a sentence whose article's text is not read yet (the
/// loop reads the article on screen before each frame, so it shows only
/// when that read failed).
pub const NOT_READ: &str = "…";

/// Imported reviews matching each claim of one article: ((article, claim
/// count), matches by claim).
pub(super) type ReviewMatches = ((usize, usize), Vec<Vec<crate::reviews::ReviewMatch>>);

/// The recomputed rule matches of one article's claims.
#[derive(Debug)]
struct ShownMatches {
    article: usize,
    /// The article's claim count when computed (a manual claim changes it).
    claims: usize,
    lists: Rc<[Vec<ClaimMatch>]>,
}

impl App {
    /// Builds the state for a loaded desk (manual claims already attached
    /// with `store::attach_manual_claims`) and the store's records.
    pub fn new(
        index: DeskIndex,
        records: Vec<VerdictRecord>,
        keymap: Keymap,
        settings: Settings,
    ) -> App {
        let mut app = App {
            index,
            verdicts: records.into_iter().map(|r| (r.id.clone(), r)).collect(),
            stats: Vec::new(),
            desk_stats: Stats::default(),
            keymap,
            settings,
            screen: Screen::Main,
            focus: Pane::Articles,
            overlay: Overlay::None,
            filter: ClaimFilter::default(),
            sort: Sort::Desk,
            articles_view: Vec::new(),
            claims_view: Vec::new(),
            article_sel: 0,
            article_top: 0,
            claim_sel: 0,
            claim_top: 0,
            sentence: 0,
            search: None,
            search_index: None,
            recheck_before: HashMap::new(),
            message: None,
            pending_keys: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            log: super::messages::MessageLog::default(),
            inflight: HashMap::new(),
            size: (80, 24),
            matches: RefCell::new(None),
            texts: None,
            unreadable: Default::default(),
            background: None,
            links_file: None,
            texts_started: false,
            stale: None,
            reattach_ready: None,
            links: super::links::LinkState::default(),
            link_generation: 0,
            desk_generation: 0,
            loading: None,
            just_judged: None,
            assertion_cache: std::cell::OnceCell::new(),
            reviews: std::cell::OnceCell::new(),
            review_matches: RefCell::new(None),
        };
        app.recount();
        app.refresh_articles();
        app
    }

    /// The selected article (index into `index.articles`).
    pub fn selected_article(&self) -> Option<usize> {
        self.articles_view.get(self.article_sel).copied()
    }

    /// The selected claim: (article, claim index) in the main screen; in the
    /// article view, the claim of the sentence under the cursor.
    pub fn selected_claim(&self) -> Option<(usize, usize)> {
        let a = self.selected_article()?;
        match self.screen {
            Screen::Main => self.claims_view.get(self.claim_sel).map(|&c| (a, c)),
            Screen::Article => self.index.articles[a]
                .extraction
                .claims
                .iter()
                .position(|c| c.sentence == self.sentence)
                .map(|c| (a, c)),
        }
    }

    /// A claim by reference.
    pub fn claim(&self, a: usize, c: usize) -> &Claim {
        &self.index.articles[a].extraction.claims[c]
    }

    /// The claim's sentence text as written in the article; [`NOT_READ`]
    /// while the article's text is not read (what is saved never takes it
    /// from here: see `App::claim_quote`).
    pub fn claim_text(&self, a: usize, c: usize) -> &str {
        let art = &self.index.articles[a];
        art.text(art.extraction.claims[c].range.clone())
            .unwrap_or(NOT_READ)
    }

    /// Where the rules match each claim of article `a` (one list per claim,
    /// in claim order), as extraction found them. Claims do not keep their
    /// matches, so they are recomputed here for the article on screen and
    /// kept until another article is drawn.
    pub fn matches_of(&self, a: usize) -> Rc<[Vec<ClaimMatch>]> {
        let art = &self.index.articles[a];
        let claims = art.extraction.claims.len();
        if !art.has_text() {
            // Not read yet: nothing to show, and nothing worth keeping.
            return vec![Vec::new(); claims].into();
        }
        let mut cached = self.matches.borrow_mut();
        if let Some(m) = cached.as_ref()
            && m.article == a
            && m.claims == claims
        {
            return Rc::clone(&m.lists);
        }
        let lists: Rc<[Vec<ClaimMatch>]> =
            article_matches(&art.article, &art.extraction, &self.index.rules).into();
        *cached = Some(ShownMatches {
            article: a,
            claims,
            lists: Rc::clone(&lists),
        });
        lists
    }

    /// Drops the kept matches (the article's extraction changed).
    pub(super) fn forget_matches(&self) {
        self.matches.replace(None);
    }

    /// Who owns a claim's verdict (its first rule, or manual).
    pub fn owner(&self, claim: &Claim) -> Owner {
        crate::session::owner_of(&self.index, claim)
    }

    /// Every article (desk-relative) where a claim appears.
    pub fn articles_of(&self, id: &ClaimId) -> Vec<String> {
        crate::session::articles_of(&self.index, id)
    }

    /// Shows a message on the status line.
    pub fn say(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.log.push(&text, false);
        self.message = Some(Message { text, error: false });
    }

    /// Shows an error on the status line.
    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.log.push(&text, true);
        self.message = Some(Message { text, error: true });
    }
}

/// Inserts a claim keeping the claims in sentence order; returns its index.
pub fn add_claim(extraction: &mut crate::extract::Extraction, claim: Claim) -> usize {
    let at = extraction
        .claims
        .iter()
        .position(|c| c.sentence > claim.sentence)
        .unwrap_or(extraction.claims.len());
    extraction.claims.insert(at, claim);
    at
}

/// What the store says needs the analyst's attention about a record.
pub fn flags(record: &VerdictRecord) -> Vec<String> {
    let mut out = Vec::new();
    if record.recheck {
        out.push("text changed, re-check".to_string());
    }
    for j in &record.conflicts {
        out.push(format!(
            "conflict: also {} (mark again to resolve)",
            j.summary()
        ));
    }
    out
}

impl App {
    /// Swaps in a reloaded desk and its records (selection is reset; see
    /// `session::restore_position`).
    /// Takes the whole desk after its first screen: the verdicts, saves in
    /// flight, undo history and the screen stay; what was drawn from the
    /// partial index is made again (the caller restores the selection).
    pub fn take_whole_desk(&mut self, index: DeskIndex) {
        self.index = index;
        self.desk_generation += 1;
        self.matches.replace(None);
        self.review_matches.replace(None);
        self.search = None;
        self.search_index = None;
        self.texts = None;
        self.unreadable.clear();
        self.texts_started = false;
        self.stale = None;
        self.reattach_ready = None;
        self.forget_links();
        self.recount();
        self.refresh_articles();
    }

    /// Takes a reloaded desk: its verdicts as on disk, nothing in flight,
    /// no undo history, the main screen at the top (the caller restores the
    /// selection); imported reviews are read again on first use.
    pub fn replace_desk(&mut self, index: DeskIndex, records: Vec<VerdictRecord>) {
        self.verdicts = records.into_iter().map(|r| (r.id.clone(), r)).collect();
        self.inflight.clear();
        self.undo.clear();
        self.redo.clear();
        self.screen = Screen::Main;
        self.article_sel = 0;
        self.article_top = 0;
        self.reviews = std::cell::OnceCell::new();
        self.take_whole_desk(index);
    }
}
