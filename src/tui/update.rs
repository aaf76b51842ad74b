//! The one place where state changes: `update(&mut App, Action) -> Vec<Effect>`.
//! I/O (saving, the editor, reloading, suspending) is left to the caller as effects.

use crate::extract::ClaimId;
use crate::store::writer::StoreEvent;
use crate::store::{Verdict, VerdictChange, VerdictRecord};

use super::action::{Action, Filter};
use super::app::{App, Inflight, Overlay, Pane, Prompt, PromptKind, Screen, UndoEntry};
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

/// Takes in what the store's writer reports. A saved record replaces ours
/// (the disk is the truth); a failure reverts the mark and says why.
pub fn store_event(app: &mut App, event: StoreEvent) {
    match event {
        StoreEvent::Saved { id, record } => {
            let done = match app.inflight.get_mut(&id) {
                Some(inf) => {
                    inf.queued = inf.queued.saturating_sub(1);
                    inf.queued == 0
                }
                None => true,
            };
            if done {
                app.inflight.remove(&id);
                app.set_record(&id, record);
                // "confirmed · saving… · label: 1 true" becomes "… saved …":
                // the labels offered stay in view.
                match app.message.as_ref() {
                    Some(m) if !m.error && m.text.contains("saving…") => {
                        let text = m.text.replacen("saving…", "saved", 1);
                        app.say(text);
                    }
                    Some(m) if m.error => {}
                    _ => app.say("saved"),
                }
            }
        }
        StoreEvent::Failed {
            id,
            message,
            record,
        } => {
            // The change is dropped for good: the row shows the record as
            // the store last read it from disk, and nothing is retried.
            app.inflight.remove(&id);
            app.set_record(&id, record);
            app.error(format!(
                "not saved, mark reverted: {message} (press the key again once it is fixed)"
            ));
        }
        StoreEvent::Reattached { moved, records } => app.reattached(&moved, records),
        StoreEvent::Merged { paths, records } => {
            app.verdicts = records.into_iter().map(|r| (r.id.clone(), r)).collect();
            app.recount();
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            app.say(format!(
                "verdict files changed on disk, merged: {}",
                names.join(", ")
            ));
        }
    }
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

fn selected_record_field(app: &App, f: impl Fn(&VerdictRecord) -> String) -> Option<String> {
    let (a, c) = app.selected_claim()?;
    let id = &app.claim(a, c).id;
    Some(app.verdicts.get(id).map(f).unwrap_or_default())
}

/// Builds the change for claim `c` of article `a`, applies it to the state
/// at once, and returns the save effect.
pub(super) fn submit_change(
    app: &mut App,
    (a, c): (usize, usize),
    verdict: Option<Option<Verdict>>,
    note: Option<String>,
    evidence: Option<Vec<String>>,
    undoable: bool,
) -> Effect {
    let claim = app.claim(a, c).clone();
    let before = app.verdicts.get(&claim.id).cloned();
    let change = VerdictChange {
        id: claim.id.clone(),
        verdict,
        note,
        evidence,
        // `update` had the text read first (`App::text_needed`).
        claim: app.claim_quote(a, c).unwrap_or_default(),
        owner: app.owner(&claim),
        articles: app.articles_of(&claim.id),
        analyst: app.settings.analyst.clone(),
    };
    let rec = change.applied_to(before.as_ref(), crate::store::time::now_rfc3339());
    app.set_record(&claim.id, Some(rec));
    if undoable {
        app.redo.clear();
        app.undo.push(UndoEntry {
            id: claim.id.clone(),
            before: before.clone(),
        });
    }
    app.inflight
        .entry(claim.id)
        .or_insert(Inflight { queued: 0, before })
        .queued += 1;
    Effect::Save(change)
}

fn give_verdict(app: &mut App, verdict: Option<Verdict>) -> Vec<Effect> {
    let Some(sel) = app.selected_claim() else {
        app.error(if app.screen == Screen::Article {
            "this sentence is not a claim (m makes it one)"
        } else {
            "no claim selected"
        });
        return Vec::new();
    };
    let effect = submit_change(app, sel, Some(verdict), None, None, true);
    let labels: Vec<String> = verdict
        .map(|v| {
            let scale = &app.index.desk.config.scale;
            scale.under(v).map(|l| l.label.clone()).collect()
        })
        .unwrap_or_default();
    let offer = if labels.is_empty() {
        String::new()
    } else {
        format!(" · label: {}", rating_choices(&labels))
    };
    app.say(format!(
        "{} · saving…{offer}",
        verdict.map_or("cleared", Verdict::as_str)
    ));
    app.just_judged = verdict.is_some().then_some(sel);
    advance_to_pending(app, sel);
    vec![effect]
}

fn change_selected(
    app: &mut App,
    verdict: Option<Option<Verdict>>,
    note: Option<String>,
    evidence: Option<Vec<String>>,
) -> Vec<Effect> {
    match app.selected_claim() {
        Some(sel) => vec![submit_change(app, sel, verdict, note, evidence, true)],
        None => {
            app.error("no claim selected");
            Vec::new()
        }
    }
}

/// After a verdict: the next pending claim of the article, after `from`
/// (wrapping); stays put when none is left.
fn advance_to_pending(app: &mut App, (a, c): (usize, usize)) {
    let claims = &app.index.articles[a].extraction.claims;
    let pending = |i: &usize| app.verdict_of(&claims[*i].id).is_none();
    match app.screen {
        Screen::Main => {
            let n = app.claims_view.len();
            let next = (1..n)
                .map(|k| (app.claim_sel + k) % n)
                .find(|&p| pending(&app.claims_view[p]));
            if let Some(p) = next {
                app.claim_sel = p;
            } else {
                app.say("no pending claim left in this article (] for the next one)");
            }
        }
        Screen::Article => {
            let n = claims.len();
            let next = (1..n).map(|k| (c + k) % n).find(pending);
            if let Some(i) = next {
                app.sentence = claims[i].sentence;
            }
        }
    }
    scroll_into_view(app);
}

fn undo(app: &mut App) -> Vec<Effect> {
    let Some(entry) = app.undo.pop() else {
        app.error("nothing to undo");
        return Vec::new();
    };
    let Some(at) = app.index.appearances(&entry.id).first().copied() else {
        app.error("the claim is no longer in the desk; nothing undone");
        return Vec::new();
    };
    let now = app.verdicts.get(&entry.id).cloned();
    let (effect, verdict) = restore(app, (at.article, at.claim), &entry);
    app.redo.push(UndoEntry {
        id: entry.id.clone(),
        before: now,
    });
    app.say(format!(
        "undone: {} is {} again",
        entry.id,
        verdict.map_or("pending", Verdict::as_str)
    ));
    vec![effect]
}

/// Puts back the record `entry` holds for its claim (at `(a, c)`) and
/// selects the claim; returns the save and the verdict put back.
fn restore(app: &mut App, (a, c): (usize, usize), entry: &UndoEntry) -> (Effect, Option<Verdict>) {
    let (verdict, note, evidence) = match &entry.before {
        Some(r) => (r.verdict, r.note.clone(), r.evidence.clone()),
        None => (None, String::new(), Vec::new()),
    };
    let effect = submit_change(
        app,
        (a, c),
        Some(verdict),
        Some(note),
        Some(evidence),
        false,
    );
    if entry.before.is_none() {
        app.set_record(&entry.id, None);
    }
    select_claim(app, a, c);
    (effect, verdict)
}

/// Does again the change undone last (the undo stack gets it back).
fn redo(app: &mut App) -> Vec<Effect> {
    let Some(entry) = app.redo.pop() else {
        app.error("nothing to redo");
        return Vec::new();
    };
    let Some(at) = app.index.appearances(&entry.id).first().copied() else {
        app.error("the claim is no longer in the desk; nothing redone");
        return Vec::new();
    };
    let now = app.verdicts.get(&entry.id).cloned();
    let (effect, verdict) = restore(app, (at.article, at.claim), &entry);
    app.undo.push(UndoEntry {
        id: entry.id.clone(),
        before: now,
    });
    app.say(format!(
        "redone: {} is {}",
        entry.id,
        verdict.map_or("pending", Verdict::as_str)
    ));
    vec![effect]
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

fn mark_sentence(app: &mut App) -> Vec<Effect> {
    if app.screen != Screen::Article {
        app.error("open an article (enter) to turn a sentence into a claim");
        return Vec::new();
    }
    let Some(a) = app.selected_article() else {
        return Vec::new();
    };
    if app.selected_claim().is_some() {
        app.say("this sentence is already a claim");
        return Vec::new();
    }
    let art = &app.index.articles[a];
    if app.sentence >= art.extraction.sentences.len() {
        return Vec::new();
    }
    let claim = crate::extract::manual_claim(&art.article, &art.extraction, app.sentence);
    let id: ClaimId = claim.id.clone();
    let slot = super::app::Stats::slot(app.verdict_of(&id));
    let c = super::app::add_claim(&mut app.index.articles[a].extraction, claim);
    app.index.reindex();
    app.forget_links();
    // The search index holds sentences, not claims: it stays.
    app.stats[a].counts[slot] += 1;
    if app.index.appearances(&id).len() <= 1 {
        app.desk_stats.counts[slot] += 1;
    }
    app.refresh_claims(Some(c));
    let effect = submit_change(app, (a, c), None, None, None, false);
    app.say("sentence marked as a claim (manual) · saving…");
    vec![effect]
}

/// Gives the selected claim's verdict the `n`-th label (from 1) of the
/// desk's rating scale under that verdict, as `mark --rating` does.
fn rate(app: &mut App, just_judged: Option<(usize, usize)>, n: usize) -> Vec<Effect> {
    let Some((a, c)) = just_judged.or_else(|| app.selected_claim()) else {
        app.error("no claim selected");
        return Vec::new();
    };
    let id = app.claim(a, c).id.clone();
    let Some(verdict) = app.verdict_of(&id) else {
        app.error("give a verdict first; then 1-5 picks its label on the desk's scale");
        return Vec::new();
    };
    let labels: Vec<String> = app
        .index
        .desk
        .config
        .scale
        .under(verdict)
        .map(|l| l.label.clone())
        .collect();
    let Some(label) = n.checked_sub(1).and_then(|i| labels.get(i)).cloned() else {
        app.error(if labels.is_empty() {
            format!("the desk's scale has no label under {verdict}")
        } else {
            format!("no label {n} under {verdict}; {}", rating_choices(&labels))
        });
        return Vec::new();
    };
    let Effect::Save(change) = submit_change(app, (a, c), None, None, None, true) else {
        return Vec::new();
    };
    if let Some(rec) = app.verdicts.get(&id) {
        let mut rec = rec.clone();
        rec.rating = Some(label.clone());
        app.set_record(&id, Some(rec));
    }
    vec![Effect::SaveRated(change, Some(label))]
}

/// The labels under a verdict as the keys that pick them: `1 false · 2 misleading`.
pub fn rating_choices(labels: &[String]) -> String {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {l}", i + 1))
        .collect::<Vec<_>>()
        .join(" · ")
}
