//! The one vocabulary of things the analyst can do. Keys, `:` commands and
//! the help overlay all speak it.

use crate::rules::RuleKind;
use crate::store::Verdict;

/// Which claims the lists show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every claim.
    #[default]
    All,
    /// Claims without a verdict.
    Pending,
    /// Claims with this verdict.
    Verdict(Verdict),
    /// Claims of this kind.
    Kind(RuleKind),
}

impl Filter {
    /// Parses the argument of `:filter` (`pending`, `disputed`, `kind number`…).
    pub fn parse(words: &[&str]) -> Option<Filter> {
        match words {
            ["all"] | [] => Some(Filter::All),
            ["pending"] => Some(Filter::Pending),
            ["kind", k] => RuleKind::parse(k).map(Filter::Kind),
            [w] => Verdict::parse(w).map(Filter::Verdict),
            _ => None,
        }
    }

    /// How the filter is written on the status line and in `:filter`.
    pub fn label(self) -> String {
        match self {
            Filter::All => "all".into(),
            Filter::Pending => "pending".into(),
            Filter::Verdict(v) => v.as_str().into(),
            Filter::Kind(k) => format!("kind {}", k.as_str()),
        }
    }
}

/// Everything the analyst can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    MoveDown,
    MoveUp,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextPane,
    PaneLeft,
    PaneRight,
    Open,
    Back,
    Quit,
    ForceQuit,
    Confirm,
    Dispute,
    Unverify,
    ClearVerdict,
    Undo,
    NextPending,
    PrevPending,
    EditNote,
    EditNoteExternal,
    EditEvidence,
    MarkClaim,
    StartSearch,
    SearchNext,
    SearchPrev,
    StartCommand,
    Help,
    CycleFilter,
    Reload,
    Suspend,
    /// Show only some claims (`:filter …`).
    SetFilter(Filter),
    /// Search titles and claims (`:search …`, or `/` then Enter).
    Search(String),
    /// Replace the selected claim's note.
    SetNote(String),
    /// Replace the selected claim's evidence list.
    SetEvidence(Vec<String>),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
}

/// The actions a key can be bound to: (name in config and `:` commands,
/// action, one-line description). Order is the help overlay's order.
pub const NAMED: &[(&str, Action, &str)] = &[
    ("move-down", Action::MoveDown, "next item / sentence"),
    ("move-up", Action::MoveUp, "previous item / sentence"),
    ("top", Action::Top, "first item"),
    ("bottom", Action::Bottom, "last item"),
    ("page-down", Action::PageDown, "half a page down"),
    ("page-up", Action::PageUp, "half a page up"),
    ("next-pane", Action::NextPane, "switch pane"),
    ("pane-left", Action::PaneLeft, "articles pane"),
    ("pane-right", Action::PaneRight, "claims pane"),
    ("open", Action::Open, "open the full article"),
    ("back", Action::Back, "back out / close"),
    ("quit", Action::Quit, "quit (back out in the article view)"),
    ("force-quit", Action::ForceQuit, "quit at once"),
    ("confirm", Action::Confirm, "verdict: confirmed"),
    ("dispute", Action::Dispute, "verdict: disputed"),
    ("unverify", Action::Unverify, "verdict: unverified"),
    ("clear", Action::ClearVerdict, "clear the verdict"),
    ("undo", Action::Undo, "undo the last verdict change"),
    (
        "next-pending",
        Action::NextPending,
        "next pending claim (whole desk)",
    ),
    (
        "prev-pending",
        Action::PrevPending,
        "previous pending claim (whole desk)",
    ),
    ("note", Action::EditNote, "edit the note (one line)"),
    (
        "note-editor",
        Action::EditNoteExternal,
        "edit the note in $EDITOR",
    ),
    ("evidence", Action::EditEvidence, "edit evidence URLs"),
    (
        "mark",
        Action::MarkClaim,
        "make the sentence a claim (article view)",
    ),
    ("search", Action::StartSearch, "search titles and claims"),
    ("search-next", Action::SearchNext, "next search hit"),
    ("search-prev", Action::SearchPrev, "previous search hit"),
    ("command", Action::StartCommand, "command line"),
    ("help", Action::Help, "this help"),
    (
        "cycle-filter",
        Action::CycleFilter,
        "filter: all/pending/disputed/…",
    ),
    ("reload", Action::Reload, "reload articles and rules"),
    ("suspend", Action::Suspend, "suspend to the shell"),
];

impl Action {
    /// The action a name stands for (`page-down`), if it needs no argument.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| a.clone())
    }

    /// The name of an argument-less action.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a, _)| a == self).map(|(n, _, _)| *n)
    }

    /// The description shown in help.
    pub fn describe(&self) -> &'static str {
        NAMED
            .iter()
            .find(|(_, a, _)| a == self)
            .map_or("", |(_, _, d)| *d)
    }

    /// The verdict change this action asks for, if it is a verdict key.
    pub fn verdict(&self) -> Option<Option<Verdict>> {
        match self {
            Action::Confirm => Some(Some(Verdict::Confirmed)),
            Action::Dispute => Some(Some(Verdict::Disputed)),
            Action::Unverify => Some(Some(Verdict::Unverified)),
            Action::ClearVerdict => Some(None),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, action, _) in NAMED {
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
            assert_eq!(action.name(), Some(*name));
        }
        assert_eq!(Action::from_name("fly"), None);
    }

    #[test]
    fn every_action_is_documented() {
        let doc = include_str!("../../docs/tui.md");
        for (name, _, _) in NAMED {
            assert!(
                doc.contains(&format!("`{name}`")),
                "docs/tui.md lacks `{name}`"
            );
        }
    }

    #[test]
    fn filters_parse() {
        assert_eq!(Filter::parse(&["pending"]), Some(Filter::Pending));
        assert_eq!(
            Filter::parse(&["disputed"]),
            Some(Filter::Verdict(Verdict::Disputed))
        );
        assert_eq!(
            Filter::parse(&["kind", "number"]),
            Some(Filter::Kind(RuleKind::Number))
        );
        assert_eq!(Filter::parse(&["kind", "nope"]), None);
        assert_eq!(Filter::parse(&["everything"]), None);
    }
}
