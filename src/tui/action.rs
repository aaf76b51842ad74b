//! The one vocabulary of things the analyst can do. Keys, `:` commands and
//! the help overlay all speak it.

use crate::rules::RuleKind;
use crate::store::Verdict;

use super::filter::{Sort, Term};

/// What a copy key puts on the clipboard (OSC 52).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    /// The claim's sentence, in logical order.
    Text,
    /// The claim's id.
    Id,
    /// The claim and its source line (outlet, date, title, URL).
    Source,
    /// The article's URL.
    Url,
    /// The claim's N-th evidence URL (from 1).
    Evidence(usize),
}

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
    /// Reject the sentence as extraction noise: "not a claim".
    NotAClaim,
    ClearVerdict,
    Undo,
    /// The `n`-th rating label (from 1) under the selected claim's verdict.
    Rate(usize),
    /// Do again the verdict change undone last.
    Redo,
    /// The message log: recent messages and errors.
    Messages,
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
    /// Commit the desk's verdicts, pull and push (`:sync`, as `claimdesk sync`).
    Sync,
    /// Jump to the claim's next appearance (same sentence or linked claim).
    NextAppearance,
    /// Give every claim linked as the same claim the selected claim's verdict.
    VerdictToLinked,
    /// Take the verdict a linked claim already has (judged before).
    AcceptSuggestion,
    /// The claims-first view: the desk's claims grouped by assertion.
    Assertions,
    /// The dashboard: progress and totals by verdict, day, outlet, analyst.
    Dashboard,
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
    /// Add terms to the filter (`:filter kind number outlet X`).
    Refine(Vec<Term>),
    /// Order the lists (`:sort date`).
    SetSort(Sort),
    /// Apply a saved view from the user config (`:view NAME`; empty: list them).
    ApplyView(String),
    /// Go to a claim by id or id prefix (`:goto 856452`).
    Goto(String),
    /// Copy something of the selected claim to the clipboard (OSC 52).
    Copy(CopyWhat),
    /// Open the article's URL (`None`) or the claim's N-th evidence URL.
    OpenUrl(Option<usize>),
    /// Both sides of a conflict, and a re-check's old sentence against the new.
    Compare,
}

/// One entry of the command table: everything the analyst can ask for by
/// key or by `:` command. Keys, the `?` help, the hint bar and `:`
/// completion are all derived from [`COMMANDS`].
#[derive(Debug)]
pub struct Command {
    /// The name in the config file's `keys` table and after `:`.
    pub name: &'static str,
    /// Other names after `:` (`q` for `quit`).
    pub aliases: &'static [&'static str],
    /// What the command does without arguments.
    pub action: Action,
    /// The default keys (chords as in the config file: `g g`, `ctrl-d`).
    pub keys: &'static [&'static str],
    /// One line for the help overlay.
    pub help: &'static str,
    /// The `:` form that takes arguments, if there is one.
    pub args: Option<ArgForm>,
}

/// A `:` command's form with arguments.
#[derive(Debug)]
pub struct ArgForm {
    /// How it is written (`filter all|pending|…`).
    pub usage: &'static str,
    /// One line for the help overlay.
    pub help: &'static str,
    /// Reads the arguments (the text after the name, trimmed, not empty).
    pub parse: fn(&str) -> Result<Action, String>,
}

/// A command without an argument form.
const fn cmd(
    name: &'static str,
    action: Action,
    keys: &'static [&'static str],
    help: &'static str,
) -> Command {
    entry(name, action, keys, help, None)
}

/// A command that also takes arguments after `:` (name, action, keys, help;
/// then usage, help and reader of the argument form).
const fn with_args(
    name: &'static str,
    action: Action,
    keys: &'static [&'static str],
    help: &'static str,
    usage: &'static str,
    args_help: &'static str,
    parse: fn(&str) -> Result<Action, String>,
) -> Command {
    let form = ArgForm {
        usage,
        help: args_help,
        parse,
    };
    entry(name, action, keys, help, Some(form))
}

const fn entry(
    name: &'static str,
    action: Action,
    keys: &'static [&'static str],
    help: &'static str,
    args: Option<ArgForm>,
) -> Command {
    Command {
        name,
        aliases: &[],
        action,
        keys,
        help,
        args,
    }
}

fn parse_filter(rest: &str) -> Result<Action, String> {
    super::filter::parse(rest).map(Action::Refine)
}

fn parse_sort(rest: &str) -> Result<Action, String> {
    Sort::parse(rest.trim())
        .map(Action::SetSort)
        .ok_or_else(|| format!("sort: unknown `{rest}`; try date, outlet, verdict, links, desk"))
}

fn parse_view(rest: &str) -> Result<Action, String> {
    Ok(Action::ApplyView(rest.trim().to_string()))
}

fn parse_goto(rest: &str) -> Result<Action, String> {
    Ok(Action::Goto(rest.trim().to_string()))
}

/// The number of an evidence URL (from 1).
fn evidence_number(rest: &str) -> Result<usize, String> {
    rest.trim()
        .parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{rest}` is not an evidence number (1, 2, …)"))
}

fn parse_copy_url(rest: &str) -> Result<Action, String> {
    evidence_number(rest).map(|n| Action::Copy(CopyWhat::Evidence(n)))
}

fn parse_open_url(rest: &str) -> Result<Action, String> {
    evidence_number(rest).map(|n| Action::OpenUrl(Some(n)))
}

fn parse_search(rest: &str) -> Result<Action, String> {
    Ok(Action::Search(rest.to_string()))
}

fn parse_note(rest: &str) -> Result<Action, String> {
    Ok(Action::SetNote(rest.to_string()))
}

fn parse_evidence(rest: &str) -> Result<Action, String> {
    Ok(Action::SetEvidence(
        rest.split_whitespace().map(str::to_string).collect(),
    ))
}

/// The command table. Order is the help overlay's order.
pub const COMMANDS: &[Command] = &[
    cmd(
        "move-down",
        Action::MoveDown,
        &["j", "down"],
        "next item / sentence",
    ),
    cmd(
        "move-up",
        Action::MoveUp,
        &["k", "up"],
        "previous item / sentence",
    ),
    cmd("top", Action::Top, &["g g", "home"], "first item"),
    cmd("bottom", Action::Bottom, &["G", "end"], "last item"),
    cmd(
        "page-down",
        Action::PageDown,
        &["ctrl-d", "pagedown"],
        "half a page down",
    ),
    cmd(
        "page-up",
        Action::PageUp,
        &["ctrl-u", "pageup"],
        "half a page up",
    ),
    cmd(
        "next-pane",
        Action::NextPane,
        &["tab", "shift-tab"],
        "switch pane",
    ),
    cmd(
        "pane-left",
        Action::PaneLeft,
        &["h", "left"],
        "articles pane",
    ),
    cmd(
        "pane-right",
        Action::PaneRight,
        &["l", "right"],
        "claims pane",
    ),
    cmd("open", Action::Open, &["enter"], "open the full article"),
    cmd("back", Action::Back, &["esc"], "back out / close"),
    Command {
        name: "quit",
        aliases: &["q"],
        action: Action::Quit,
        keys: &["q"],
        help: "quit (back out in the article view)",
        args: None,
    },
    cmd("force-quit", Action::ForceQuit, &["ctrl-c"], "quit at once"),
    cmd("confirm", Action::Confirm, &["c"], "verdict: confirmed"),
    cmd("dispute", Action::Dispute, &["d"], "verdict: disputed"),
    cmd("unverify", Action::Unverify, &["w"], "verdict: unverified"),
    cmd(
        "not-a-claim",
        Action::NotAClaim,
        &["r"],
        "not a claim: extraction noise",
    ),
    cmd("clear", Action::ClearVerdict, &["x"], "clear the verdict"),
    cmd(
        "undo",
        Action::Undo,
        &["u", "U"],
        "undo the last verdict, note or evidence change",
    ),
    cmd("redo", Action::Redo, &["ctrl-r"], "redo what undo undid"),
    cmd(
        "rate-1",
        Action::Rate(1),
        &["1"],
        "rating label 1 under the verdict",
    ),
    cmd(
        "rate-2",
        Action::Rate(2),
        &["2"],
        "rating label 2 under the verdict",
    ),
    cmd(
        "rate-3",
        Action::Rate(3),
        &["3"],
        "rating label 3 under the verdict",
    ),
    cmd(
        "rate-4",
        Action::Rate(4),
        &["4"],
        "rating label 4 under the verdict",
    ),
    cmd(
        "rate-5",
        Action::Rate(5),
        &["5"],
        "rating label 5 under the verdict",
    ),
    cmd(
        "next-pending",
        Action::NextPending,
        &["]"],
        "next pending claim (whole desk)",
    ),
    cmd(
        "prev-pending",
        Action::PrevPending,
        &["["],
        "previous pending claim (whole desk)",
    ),
    with_args(
        "note",
        Action::EditNote,
        &["i"],
        "edit the note (one line)",
        "note TEXT",
        "set the selected claim's note",
        parse_note,
    ),
    cmd(
        "note-editor",
        Action::EditNoteExternal,
        &["I"],
        "edit the note in $EDITOR",
    ),
    with_args(
        "evidence",
        Action::EditEvidence,
        &["e"],
        "edit evidence URLs",
        "evidence URL…",
        "set the selected claim's evidence",
        parse_evidence,
    ),
    cmd(
        "mark",
        Action::MarkClaim,
        &["m"],
        "make the sentence a claim (article view)",
    ),
    cmd(
        "next-appearance",
        Action::NextAppearance,
        &["a"],
        "the claim elsewhere: same sentence, then linked claims",
    ),
    cmd(
        "verdict-to-linked",
        Action::VerdictToLinked,
        &["A"],
        "give the linked claims (same claim) this verdict",
    ),
    cmd(
        "accept-suggestion",
        Action::AcceptSuggestion,
        &["y"],
        "take the verdict a linked claim has (judged before)",
    ),
    cmd(
        "assertions",
        Action::Assertions,
        &["v"],
        "claims first: the desk's claims grouped across outlets",
    ),
    cmd(
        "dashboard",
        Action::Dashboard,
        &["S"],
        "dashboard: progress, verdicts, days, outlets, analysts",
    ),
    with_args(
        "search",
        Action::StartSearch,
        &["/"],
        "search every sentence and title",
        "search TEXT",
        "search every sentence and title (or a claim id)",
        parse_search,
    ),
    cmd("search-next", Action::SearchNext, &["n"], "next search hit"),
    cmd(
        "search-prev",
        Action::SearchPrev,
        &["N"],
        "previous search hit",
    ),
    cmd("command", Action::StartCommand, &[":"], "command line"),
    cmd("help", Action::Help, &["?"], "this help"),
    cmd(
        "cycle-filter",
        Action::CycleFilter,
        &["f"],
        "filter: all/pending/disputed/…",
    ),
    with_args(
        "filter",
        Action::SetFilter(Filter::All),
        &[],
        "show every claim",
        "filter pending|disputed|… kind K outlet O from DAY to DAY analyst A rule ID conflict stale recheck note|clear",
        "show only some claims (terms add up; clear resets)",
        parse_filter,
    ),
    with_args(
        "sort",
        Action::SetSort(Sort::Desk),
        &[],
        "desk order",
        "sort date|outlet|verdict|links|desk",
        "order the lists",
        parse_sort,
    ),
    with_args(
        "view",
        Action::ApplyView(String::new()),
        &[],
        "list the saved views",
        "view NAME",
        "apply a saved view ([views] in the config)",
        parse_view,
    ),
    with_args(
        "goto",
        Action::Goto(String::new()),
        &[],
        "go to a claim by id",
        "goto ID",
        "go to a claim by id or a prefix of 6+ hex digits",
        parse_goto,
    ),
    cmd(
        "copy-text",
        Action::Copy(CopyWhat::Text),
        &["Y"],
        "copy the claim's text (OSC 52)",
    ),
    cmd(
        "copy-id",
        Action::Copy(CopyWhat::Id),
        &["g y"],
        "copy the claim's id",
    ),
    cmd(
        "copy-source",
        Action::Copy(CopyWhat::Source),
        &["g s"],
        "copy the claim with its source line",
    ),
    with_args(
        "copy-url",
        Action::Copy(CopyWhat::Url),
        &[],
        "copy the article's URL",
        "copy-url N",
        "copy the claim's N-th evidence URL",
        parse_copy_url,
    ),
    with_args(
        "open-url",
        Action::OpenUrl(None),
        &["o"],
        "open the article's URL (or show it)",
        "open-url N",
        "open the claim's N-th evidence URL",
        parse_open_url,
    ),
    cmd(
        "compare",
        Action::Compare,
        &["D"],
        "both sides: conflict, re-check old vs new",
    ),
    cmd(
        "reload",
        Action::Reload,
        &["R"],
        "reload articles and rules (ctrl-r is redo now)",
    ),
    cmd(
        "messages",
        Action::Messages,
        &["M"],
        "the message log: recent messages and errors",
    ),
    cmd(
        "sync",
        Action::Sync,
        &[],
        "git: commit verdicts, pull, push",
    ),
    cmd(
        "suspend",
        Action::Suspend,
        &["ctrl-z"],
        "suspend to the shell",
    ),
];

/// The command named `name` (or one of its aliases).
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

impl Action {
    /// The action a name stands for (`page-down`), if it needs no argument.
    pub fn from_name(name: &str) -> Option<Action> {
        COMMANDS
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.action.clone())
    }

    /// The name of an argument-less action.
    pub fn name(&self) -> Option<&'static str> {
        COMMANDS.iter().find(|c| c.action == *self).map(|c| c.name)
    }

    /// The description shown in help.
    pub fn describe(&self) -> &'static str {
        COMMANDS
            .iter()
            .find(|c| c.action == *self)
            .map_or("", |c| c.help)
    }

    /// The verdict change this action asks for, if it is a verdict key.
    pub fn verdict(&self) -> Option<Option<Verdict>> {
        match self {
            Action::Confirm => Some(Some(Verdict::Confirmed)),
            Action::Dispute => Some(Some(Verdict::Disputed)),
            Action::Unverify => Some(Some(Verdict::Unverified)),
            Action::NotAClaim => Some(Some(Verdict::NotAClaim)),
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
        for c in COMMANDS {
            assert_eq!(Action::from_name(c.name).as_ref(), Some(&c.action));
            assert_eq!(c.action.name(), Some(c.name));
        }
        assert_eq!(Action::from_name("fly"), None);
    }

    #[test]
    fn every_action_is_documented() {
        let doc = include_str!("../../docs/tui.md");
        for name in COMMANDS.iter().map(|c| c.name) {
            assert!(
                doc.contains(&format!("`{name}`")),
                "docs/tui.md lacks `{name}`"
            );
        }
    }

    #[test]
    fn the_table_is_consistent() {
        let mut names = std::collections::HashSet::new();
        let mut chords = std::collections::HashSet::new();
        for c in COMMANDS {
            for n in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                assert!(names.insert(n), "`{n}` names two commands");
            }
            for k in c.keys {
                // A default key that does not parse would be dropped silently.
                let chord = crate::tui::keymap::parse_chord(k)
                    .unwrap_or_else(|| panic!("{}: default key `{k}` is not a key", c.name));
                assert!(chords.insert(chord), "`{k}` is bound twice");
            }
            assert!(!c.help.is_empty(), "{} has no help", c.name);
        }
        assert!(command("q").is_some_and(|c| c.action == Action::Quit));
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
