//! Changes to verdicts from the keyboard: a verdict key, a rating label,
//! a note or evidence, undo and redo, a sentence made a claim; each shown at
//! once and handed to the store's writer as an effect, and the writer's
//! answers (`store_event`) taken back in.

use super::app::{App, Inflight, Screen, UndoEntry};
use super::update::{Effect, scroll_into_view, select_claim};
use crate::extract::ClaimId;
use crate::store::writer::StoreEvent;
use crate::store::{Verdict, VerdictChange, VerdictRecord};

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

pub(super) fn selected_record_field(
    app: &App,
    f: impl Fn(&VerdictRecord) -> String,
) -> Option<String> {
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

pub(super) fn give_verdict(app: &mut App, verdict: Option<Verdict>) -> Vec<Effect> {
    let Some(sel) = app.selected_claim() else {
        app.error(if app.screen == Screen::Article {
            "this sentence is not a claim (m makes it one)"
        } else {
            "no claim selected"
        });
        return Vec::new();
    };
    let effect = submit_change(app, sel, Some(verdict), None, None, true);
    let labels = verdict.map(|v| labels_under(app, v)).unwrap_or_default();
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

pub(super) fn change_selected(
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

pub(super) fn undo(app: &mut App) -> Vec<Effect> {
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
pub(super) fn redo(app: &mut App) -> Vec<Effect> {
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

pub(super) fn mark_sentence(app: &mut App) -> Vec<Effect> {
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
pub(super) fn rate(app: &mut App, just_judged: Option<(usize, usize)>, n: usize) -> Vec<Effect> {
    let Some((a, c)) = just_judged.or_else(|| app.selected_claim()) else {
        app.error("no claim selected");
        return Vec::new();
    };
    let id = app.claim(a, c).id.clone();
    let Some(verdict) = app.verdict_of(&id) else {
        app.error("give a verdict first; then 1-5 picks its label on the desk's scale");
        return Vec::new();
    };
    let labels = labels_under(app, verdict);
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

/// The labels of the desk's rating scale under `verdict`, in the order the
/// digit keys pick them.
pub fn labels_under(app: &App, verdict: Verdict) -> Vec<String> {
    let scale = &app.index.desk.config.scale;
    scale.under(verdict).map(|l| l.label.clone()).collect()
}
