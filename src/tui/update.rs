//! The one place where state changes: `update(&mut App, Action) -> Vec<Effect>`.
//! I/O (saving, the editor, reloading, suspending) is left to the caller as effects.
//! This file dispatches actions, moves the selection and sets filters;
//! changes to verdicts (and the store's answers) are in `tui::edits`.

use crate::store::{Verdict, VerdictChange};

use super::action::{Action, Filter};
use super::app::{App, Overlay, Pane, Prompt, PromptKind, Screen};
use super::edits::{
    change_selected, give_verdict, mark_sentence, rate, redo, selected_record_field, undo,
};
use super::filter::{ClaimFilter, VerdictIs};
use super::search;
use super::ui::layout;

/// Something the caller must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Hand a change to the store's writer; feed its events to [`store_event`].
    Save(VerdictChange),
    /// Edit the selected claim's note in `$EDITOR`; answer with `Action::SetNote`.
    EditExternally { initial: String },
    /// Reload the desk from disk.
    Reload,
    /// Commit the verdicts, pull and push (`crate::store::sync`).
    Sync,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Flush the store and leave.
    Quit,
    /// Hand a change to the store's writer with the rating label it sets.
    SaveRated(VerdictChange, Option<String>),
    /// Read article `article`'s text (`App::read_text_now`), then run `then`
    /// again: `update` never reads the disk itself.
    ReadText { article: usize, then: Action },
    /// Write this OSC 52 sequence to the terminal (the clipboard).
    Clipboard(String),
    /// Open this URL in a browser when there is a display (else it is shown).
    OpenUrl(String),
}

/// Applies one action to the state.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::Resize(..)) {
        app.message = None;
        app.log.key();
    }
    // What an action reads or saves of the selected article needs its text:
    // the caller reads it and runs the action again.
    if !matches!(action, Action::Resize(..) | Action::ForceQuit)
        && let Some(article) = app.text_needed()
    {
        return vec![Effect::ReadText {
            article,
            then: action,
        }];
    }
    if let Overlay::Help { scroll } = app.overlay {
        match action {
            Action::MoveDown => app.overlay = Overlay::Help { scroll: scroll + 1 },
            Action::MoveUp => {
                app.overlay = Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }
            }
            Action::PageDown => {
                app.overlay = Overlay::Help {
                    scroll: scroll + 10,
                }
            }
            Action::PageUp => {
                app.overlay = Overlay::Help {
                    scroll: scroll.saturating_sub(10),
                }
            }
            Action::Top => app.overlay = Overlay::Help { scroll: 0 },
            Action::Bottom => app.overlay = Overlay::Help { scroll: usize::MAX },
            Action::ForceQuit => return vec![Effect::Quit],
            Action::Resize(w, h) => app.size = (w, h),
            _ => app.overlay = Overlay::None,
        }
        let max = super::ui::help::max_scroll(app);
        if let Overlay::Help { scroll } = &mut app.overlay {
            *scroll = (*scroll).min(max);
        }
        return Vec::new();
    }
    if let Overlay::Messages { scroll } = app.overlay {
        let last = app.log.len().saturating_sub(1);
        let to = |s: usize| Overlay::Messages {
            scroll: s.min(last),
        };
        match action {
            // Scrolled from the newest: down is newer.
            Action::MoveUp => app.overlay = to(scroll + 1),
            Action::MoveDown => app.overlay = to(scroll.saturating_sub(1)),
            Action::PageUp => app.overlay = to(scroll + 10),
            Action::PageDown => app.overlay = to(scroll.saturating_sub(10)),
            Action::Top => app.overlay = to(last),
            Action::Bottom => app.overlay = to(0),
            Action::ForceQuit => return vec![Effect::Quit],
            Action::Resize(w, h) => app.size = (w, h),
            _ => app.overlay = Overlay::None,
        }
        return Vec::new();
    }
    if matches!(app.overlay, Overlay::Dashboard(_)) {
        match action {
            Action::ForceQuit => return vec![Effect::Quit],
            Action::Resize(w, h) => app.size = (w, h),
            _ => app.overlay = Overlay::None,
        }
        return Vec::new();
    }
    if let Overlay::Assertions { sel } = app.overlay {
        let last = app.assertions().len().saturating_sub(1);
        let half = page(app).unsigned_abs();
        let to = |sel: usize| Overlay::Assertions { sel: sel.min(last) };
        match action {
            Action::MoveDown => app.overlay = to(sel + 1),
            Action::MoveUp => app.overlay = to(sel.saturating_sub(1)),
            Action::PageDown => app.overlay = to(sel + half),
            Action::PageUp => app.overlay = to(sel.saturating_sub(half)),
            Action::Top => app.overlay = to(0),
            Action::Bottom => app.overlay = to(last),
            Action::Open => super::links::open_assertion(app, sel),
            Action::ForceQuit => return vec![Effect::Quit],
            Action::Resize(w, h) => app.size = (w, h),
            _ => app.overlay = Overlay::None,
        }
        return Vec::new();
    }
    if let Overlay::Compare { scroll } = app.overlay {
        let body = usize::from(app.size.1.saturating_sub(4));
        let last = super::ui::compare::height(app).saturating_sub(body);
        let to = |s: usize| Overlay::Compare {
            scroll: s.min(last),
        };
        match action {
            Action::MoveDown => app.overlay = to(scroll + 1),
            Action::MoveUp => app.overlay = to(scroll.saturating_sub(1)),
            Action::PageDown => app.overlay = to(scroll + 10),
            Action::PageUp => app.overlay = to(scroll.saturating_sub(10)),
            Action::Top => app.overlay = to(0),
            Action::Bottom => app.overlay = to(last),
            Action::ForceQuit => return vec![Effect::Quit],
            Action::Resize(w, h) => app.size = (w, h),
            // A verdict decides the conflict: it closes the view and is given.
            _ if action.verdict().is_some() => {
                app.overlay = Overlay::None;
                return update(app, action);
            }
            _ => app.overlay = Overlay::None,
        }
        return Vec::new();
    }
    if matches!(app.overlay, Overlay::Prompt(_)) && !matches!(action, Action::Resize(..)) {
        app.overlay = Overlay::None;
    }
    // A rating key right after a verdict key labels the claim just judged
    // (the selection has moved on to the next pending claim by then).
    let just_judged = if matches!(action, Action::Resize(..)) {
        app.just_judged
    } else {
        app.just_judged.take()
    };
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            scroll_into_view(app);
        }
        Action::ForceQuit => return vec![Effect::Quit],
        Action::Quit => {
            if app.screen == Screen::Article {
                leave_article(app);
            } else {
                return vec![Effect::Quit];
            }
        }
        Action::Back => {
            if app.screen == Screen::Article {
                leave_article(app);
            } else {
                app.search = None;
                app.pending_keys.clear();
            }
        }
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::StartCommand => app.overlay = prompt(PromptKind::Command, String::new()),
        Action::StartSearch => app.overlay = prompt(PromptKind::Search, String::new()),
        Action::Reload => return vec![Effect::Reload],
        Action::Sync => return vec![Effect::Sync],
        Action::Suspend => return vec![Effect::Suspend],
        Action::MoveDown => move_by(app, 1),
        Action::MoveUp => move_by(app, -1),
        Action::PageDown => move_by(app, page(app)),
        Action::PageUp => move_by(app, -page(app)),
        Action::Top => move_by(app, isize::MIN / 2),
        Action::Bottom => move_by(app, isize::MAX / 2),
        Action::NextPane => {
            if app.screen == Screen::Main {
                app.focus = match app.focus {
                    Pane::Articles => Pane::Claims,
                    Pane::Claims => Pane::Articles,
                }
            }
        }
        Action::PaneLeft => app.focus = Pane::Articles,
        Action::PaneRight => app.focus = Pane::Claims,
        Action::Open => open_article(app),
        Action::Confirm
        | Action::Dispute
        | Action::Unverify
        | Action::NotAClaim
        | Action::ClearVerdict => {
            let verdict = action.verdict().unwrap_or(None);
            return give_verdict(app, verdict);
        }
        Action::Rate(n) => return rate(app, just_judged, n),
        Action::Undo => return undo(app),
        Action::Redo => return redo(app),
        Action::Messages => {
            app.log.acknowledge();
            app.overlay = Overlay::Messages { scroll: 0 };
        }
        Action::NextPending => jump_pending(app, true),
        Action::PrevPending => jump_pending(app, false),
        Action::EditNote => match selected_record_field(app, |r| r.note.clone()) {
            Some(note) => app.overlay = prompt(PromptKind::Note, note),
            None => app.error("no claim selected"),
        },
        Action::EditEvidence => match selected_record_field(app, |r| r.evidence.join(" ")) {
            Some(ev) => app.overlay = prompt(PromptKind::Evidence, ev),
            None => app.error("no claim selected"),
        },
        Action::EditNoteExternal => match selected_record_field(app, |r| r.note.clone()) {
            Some(initial) => return vec![Effect::EditExternally { initial }],
            None => app.error("no claim selected"),
        },
        Action::SetNote(note) => return change_selected(app, None, Some(note), None),
        Action::SetEvidence(ev) => return change_selected(app, None, None, Some(ev)),
        Action::MarkClaim => return mark_sentence(app),
        Action::CycleFilter => {
            // Cycles the verdict part; the other terms stay.
            let next = match app.filter.verdict {
                None => Some(VerdictIs::Pending),
                Some(VerdictIs::Pending) => Some(VerdictIs::Is(Verdict::Disputed)),
                Some(VerdictIs::Is(Verdict::Disputed)) => Some(VerdictIs::Is(Verdict::Unverified)),
                Some(VerdictIs::Is(Verdict::Unverified)) => Some(VerdictIs::Is(Verdict::Confirmed)),
                Some(VerdictIs::Is(Verdict::Confirmed)) => Some(VerdictIs::Is(Verdict::NotAClaim)),
                Some(VerdictIs::Is(Verdict::NotAClaim)) => None,
            };
            let mut f = app.filter.clone();
            f.verdict = next;
            set_filter(app, f);
        }
        Action::SetFilter(f) => set_filter(app, simple_filter(f)),
        Action::Refine(terms) => {
            let mut f = app.filter.clone();
            f.apply(&terms);
            set_filter(app, f);
        }
        Action::SetSort(sort) => {
            app.sort = sort;
            app.refresh_articles();
            app.article_top = 0;
            scroll_into_view(app);
            app.say(format!("sorted by {}", sort.as_str()));
        }
        Action::ApplyView(name) => super::getting::apply_view(app, &name),
        Action::Goto(typed) => {
            if typed.is_empty() {
                app.error("goto takes a claim id (6+ hex digits): :goto 856452");
            } else {
                search::goto(app, &typed, false);
            }
        }
        Action::Copy(what) => return super::getting::copy(app, what),
        Action::OpenUrl(which) => return super::getting::open_url(app, which),
        Action::Compare => super::getting::compare(app),
        Action::Search(q) => search::search(app, &q),
        Action::SearchNext => search::step(app, true),
        Action::SearchPrev => search::step(app, false),
        Action::NextAppearance => super::links::next_appearance(app),
        Action::Assertions => app.overlay = Overlay::Assertions { sel: 0 },
        Action::Dashboard => {
            app.overlay = Overlay::Dashboard(Box::new(super::ui::dashboard::Dashboard::of(app)))
        }
        Action::VerdictToLinked => return super::links::verdict_to_linked(app),
        Action::AcceptSuggestion => return super::links::accept_suggestion(app),
    }
    Vec::new()
}

fn prompt(kind: PromptKind, input: String) -> Overlay {
    Overlay::Prompt(Prompt::new(kind, input))
}

/// Half a page of the focused list.
fn page(app: &App) -> isize {
    let rows = match (app.screen, app.focus) {
        (Screen::Article, _) => 6,
        (_, Pane::Articles) => layout::article_rows(app.size),
        (_, Pane::Claims) => layout::claim_rows(app.size),
    };
    (rows / 2).max(1) as isize
}

fn step(pos: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (pos as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

fn move_by(app: &mut App, delta: isize) {
    match (app.screen, app.focus) {
        (Screen::Article, _) => {
            if let Some(a) = app.selected_article() {
                let n = app.index.articles[a].extraction.sentences.len();
                app.sentence = step(app.sentence, delta, n);
            }
        }
        (Screen::Main, Pane::Articles) => {
            let to = step(app.article_sel, delta, app.articles_view.len());
            if to != app.article_sel {
                app.article_sel = to;
                app.refresh_claims(None);
            }
        }
        (Screen::Main, Pane::Claims) => {
            app.claim_sel = step(app.claim_sel, delta, app.claims_view.len());
        }
    }
    scroll_into_view(app);
}

/// Keeps the selections inside the visible windows of the lists.
pub fn scroll_into_view(app: &mut App) {
    fn fit(sel: usize, top: &mut usize, rows: usize) {
        let rows = rows.max(1);
        if sel < *top {
            *top = sel;
        } else if sel >= *top + rows {
            *top = sel + 1 - rows;
        }
    }
    fit(
        app.article_sel,
        &mut app.article_top,
        layout::article_rows(app.size),
    );
    fit(
        app.claim_sel,
        &mut app.claim_top,
        layout::claim_rows(app.size),
    );
}

fn open_article(app: &mut App) {
    let Some(a) = app.selected_article() else {
        return;
    };
    let sentence = match app.focus {
        Pane::Claims => app.selected_claim().map(|(_, c)| app.claim(a, c).sentence),
        Pane::Articles => app.index.articles[a]
            .extraction
            .claims
            .first()
            .map(|c| c.sentence),
    };
    app.sentence = sentence.unwrap_or(0);
    app.screen = Screen::Article;
}

fn leave_article(app: &mut App) {
    let claim = app.selected_claim().map(|(_, c)| c);
    app.screen = Screen::Main;
    if let Some(c) = claim {
        app.refresh_claims(Some(c));
        app.focus = Pane::Claims;
    }
    scroll_into_view(app);
}

/// The filter a simple [`Filter`] (the `f` key's, tests') stands for.
fn simple_filter(f: Filter) -> ClaimFilter {
    let mut out = ClaimFilter::default();
    match f {
        Filter::All => {}
        Filter::Pending => out.verdict = Some(VerdictIs::Pending),
        Filter::Verdict(v) => out.verdict = Some(VerdictIs::Is(v)),
        Filter::Kind(k) => out.kind = Some(k),
    }
    out
}

/// Sets the filter and says how many articles and claims pass it.
pub(super) fn set_filter(app: &mut App, f: ClaimFilter) {
    app.filter = f;
    app.refresh_articles();
    app.article_top = 0;
    scroll_into_view(app);
    let claims: usize = app
        .articles_view
        .iter()
        .map(|&a| {
            (0..app.index.articles[a].extraction.claims.len())
                .filter(|&c| app.claim_passes(a, c))
                .count()
        })
        .sum();
    let mut text = format!(
        "filter: {} ({claims} claims in {} articles)",
        app.filter.label(),
        app.articles_view.len()
    );
    if app.filter.stale {
        // Verdicts whose sentence is gone have no row to show.
        let gone = app
            .verdicts
            .keys()
            .filter(|id| app.index.appearances(id).is_empty())
            .count();
        if gone > 0 {
            text.push_str(&format!(
                "; {gone} verdicts whose sentence is gone are not listed (claimdesk check lists them)"
            ));
        }
    }
    app.say(text);
}

/// Selects claim `c` of article `a`, widening the filter when it hides it.
pub fn select_claim(app: &mut App, a: usize, c: usize) {
    if app.article_pos(a).is_none() || !app.claim_passes(a, c) {
        app.filter = ClaimFilter::default();
        app.refresh_articles();
    }
    if let Some(pos) = app.article_pos(a)
        && (pos != app.article_sel || app.claims_view.get(app.claim_sel) != Some(&c))
    {
        app.article_sel = pos;
        app.refresh_claims(Some(c));
    }
    if app.screen == Screen::Article {
        app.sentence = app.claim(a, c).sentence;
    } else {
        app.focus = Pane::Claims;
    }
    scroll_into_view(app);
}

fn jump_pending(app: &mut App, forward: bool) {
    let n = app.index.articles.len();
    if n == 0 || app.desk_stats.pending() == 0 {
        app.say("no pending claim in the desk");
        return;
    }
    let (a0, c0) = app
        .selected_claim()
        .or_else(|| app.selected_article().map(|a| (a, usize::MAX)))
        .unwrap_or((0, usize::MAX));
    let is_pending = |a: usize, c: usize| app.verdict_of(&app.claim(a, c).id).is_none();
    // The article itself first (after / before the claim), then the others in turn, then wrap.
    for k in 0..=n {
        let a = if forward {
            (a0 + k) % n
        } else {
            (a0 + n - k % n) % n
        };
        if app.stats[a].pending() == 0 {
            continue;
        }
        let len = app.index.articles[a].extraction.claims.len();
        let found = if forward {
            let from = if k == 0 { c0.wrapping_add(1) } else { 0 };
            let from = if k == 0 && c0 == usize::MAX { 0 } else { from };
            (from..len).find(|&c| is_pending(a, c))
        } else {
            let to = if k == 0 { c0.min(len) } else { len };
            (0..to).rev().find(|&c| is_pending(a, c))
        };
        if let Some(c) = found {
            select_claim(app, a, c);
            return;
        }
    }
}
