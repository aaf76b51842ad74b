//! The TUI drawing Arabic through `render`: snapshots of the claims list and
//! the article view on the bundled demo desk in `app` and `terminal` modes,
//! rows that read back as the claim, and hostile article text that never
//! reaches the bytes written to a terminal.

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

use claimdesk::render::{BidiMode, sanitize};
use claimdesk::tui::action::Action;
use claimdesk::tui::app::App;
use claimdesk::tui::ui;
use claimdesk::tui::update::update;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_normalization::UnicodeNormalization;

const SIZE: (u16, u16) = (80, 24);

/// A temporary copy of the demo desk at the repository root, in a folder
/// named `desk` (the status line shows the folder's name).
struct DemoDesk {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
}

fn demo_desk() -> DemoDesk {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo.join("claimdesk.toml"), root.join("claimdesk.toml")).unwrap();
    crate::support::tui::copy_tree(
        &repo.join("examples/articles"),
        &root.join("examples/articles"),
    );
    crate::support::tui::copy_tree(&repo.join("rules"), &root.join("rules"));
    DemoDesk { _dir: dir, root }
}

fn open(root: &Path, mode: BidiMode) -> App {
    let (mut app, _session) = crate::support::tui::open(root, false);
    app.settings.bidi = mode;
    update(&mut app, Action::Resize(SIZE.0, SIZE.1));
    app
}

/// The screen's rows after `actions`.
fn screen(app: &mut App, actions: &[Action]) -> (Terminal<TestBackend>, Vec<String>) {
    for a in actions {
        update(app, a.clone());
    }
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let rows = (0..SIZE.1)
        .map(|y| {
            let mut s = String::new();
            let mut x = 0;
            while x < SIZE.0 {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                x += claimdesk::render::cell_width(sym).max(1) as u16;
            }
            s
        })
        .collect();
    (term, rows)
}

/// Arabic text folded for comparison: presentation forms unfolded.
fn unfold(s: &str) -> String {
    s.nfkc().collect()
}

#[test]
fn claims_list_snapshots_in_app_and_terminal_modes() {
    let desk = demo_desk();
    for (mode, name) in [(BidiMode::App, "app"), (BidiMode::Terminal, "terminal")] {
        let mut app = open(&desk.root, mode);
        let (term, _) = screen(&mut app, &[Action::PaneRight]);
        insta::assert_snapshot!(format!("demo_claims_{name}_80x24"), term.backend());
    }
}

#[test]
fn article_view_snapshots_in_app_and_terminal_modes() {
    let desk = demo_desk();
    for (mode, name) in [(BidiMode::App, "app"), (BidiMode::Terminal, "terminal")] {
        let mut app = open(&desk.root, mode);
        let (term, _) = screen(&mut app, &[Action::PaneRight, Action::Open]);
        insta::assert_snapshot!(format!("demo_article_{name}_80x24"), term.backend());
    }
}

/// The first few words of the first claim of the first article.
fn claim_start(app: &App) -> String {
    let text = sanitize(app.claim_text(0, 0));
    text.split(' ').take(3).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_claim_row_reads_back_as_the_claim() {
    let desk = demo_desk();
    // app: the row read right to left, presentation forms unfolded, holds
    // the start of the claim as written.
    let mut app = open(&desk.root, BidiMode::App);
    let start = claim_start(&app);
    assert!(
        start.chars().any(|c| ('\u{0600}'..'\u{06FF}').contains(&c)),
        "{start}"
    );
    let (_, rows) = screen(&mut app, &[Action::PaneRight]);
    let found = rows
        .iter()
        .any(|r| unfold(&r.chars().rev().collect::<String>()).contains(&start));
    assert!(
        found,
        "no row reads {start:?} right to left:\n{}",
        rows.join("\n")
    );
    // terminal: logical order, unshaped, so the row holds the text as is.
    let mut app = open(&desk.root, BidiMode::Terminal);
    let (_, rows) = screen(&mut app, &[Action::PaneRight]);
    assert!(
        rows.iter().any(|r| r.contains(&start)),
        "{}",
        rows.join("\n")
    );
}

/// A writer the test reads after the backend wrote to it.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An article whose title and claims carry an OSC 52 clipboard write, an
/// 8-bit CSI and a right-to-left override.
const HOSTILE: &str = "+++\n\
title = \"عنوان \\u001b]52;c;ZXZpbA==\\u0007 \\u009b2J \\u202emoc.live\"\n\
source = \"مصدر\"\n\
date = \"2024-03-03\"\n\
+++\n\
قال الوزير \u{1b}]52;c;ZXZpbA==\u{7} إن 12 سفينة وصلت \u{9b}2J اليوم.\n\
\n\
وأكد المحافظ أن الرابط \u{202E}moc.live\u{202C} هو الأكبر.\n";

#[test]
fn hostile_article_writes_none_of_its_escapes_to_the_terminal() {
    let desk = crate::support::tui::temp_desk();
    std::fs::write(desk.path().join("articles/00-hostile.txt"), HOSTILE).unwrap();
    for mode in [BidiMode::App, BidiMode::Terminal, BidiMode::Off] {
        let (mut app, _session) = crate::support::tui::open(desk.path(), true);
        app.settings.bidi = mode;
        update(&mut app, Action::Resize(SIZE.0, SIZE.1));
        let capture = Capture::default();
        let area = Rect::new(0, 0, SIZE.0, SIZE.1);
        let mut term = Terminal::with_options(
            CrosstermBackend::new(capture.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .unwrap();
        // The lists, the claim detail and the article view.
        for actions in [
            &[][..],
            &[Action::PaneRight][..],
            &[Action::Open][..],
            &[Action::MoveDown, Action::MoveDown][..],
        ] {
            for a in actions {
                update(&mut app, a.clone());
            }
            term.draw(|f| ui::draw(&app, f)).unwrap();
        }
        let bytes = capture.0.borrow().clone();
        let out = String::from_utf8(bytes).expect("utf-8 output");
        assert!(out.contains('␛'), "{mode:?}: the ESC is shown as ␛");
        assert!(out.contains("⟪9B⟫"), "{mode:?}: the 8-bit CSI is shown");
        assert!(out.contains("⟪RLO⟫"), "{mode:?}: the RLO is shown");
        assert!(!out.contains('\u{7}'), "{mode:?}: BEL written");
        assert!(!out.contains("\u{1b}]"), "{mode:?}: an OSC written");
        assert!(!out.contains('\u{9b}'), "{mode:?}: an 8-bit CSI written");
        assert!(!out.contains('\u{202E}'), "{mode:?}: an RLO written");
        assert!(!out.contains("\u{1b}[2J"), "{mode:?}: clear screen written");
        for (i, _) in out.match_indices('\u{1b}') {
            assert_eq!(
                out[i + 1..].chars().next(),
                Some('['),
                "{mode:?}: an ESC that does not start a CSI at byte {i}"
            );
        }
    }
}
