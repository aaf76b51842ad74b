//! The render module's cells drawn through ratatui: the widths we report are
//! the widths ratatui's buffer uses (no letter overwritten), and the bytes a
//! crossterm backend writes for hostile article text hold no escape sequence
//! from the article.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use claimdesk::render::{BidiMode, LayoutOptions, VisualLine, layout, single_line};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_normalization::UnicodeNormalization;

fn opts(width: usize, bidi: BidiMode, shape: bool) -> LayoutOptions {
    LayoutOptions {
        width,
        bidi,
        shape,
        ..LayoutOptions::default()
    }
}

/// Draws lines the way the TUI does: cell by cell, x advancing by width.
fn draw(lines: &[VisualLine], width: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, lines.len() as u16));
    for (y, line) in lines.iter().enumerate() {
        let mut x = line.indent as u16;
        for cell in &line.cells {
            buf[(x, y as u16)].set_symbol(&cell.text);
            x += cell.width as u16;
        }
    }
    buf
}

/// The symbols of one buffer row, left to right, blanks trimmed; the cell
/// hidden behind a wide grapheme is skipped, as the terminal skips it.
fn row(buf: &Buffer, y: u16) -> String {
    let mut s = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        s.push_str(sym);
        x += claimdesk::render::cell_width(sym).max(1) as u16;
    }
    s.trim().to_string()
}

#[test]
fn lam_alef_survives_ratatui_string_drawing() {
    // The naive way (a whole visual line as a string) must give the same
    // cells as drawing cell by cell: ratatui measures per grapheme, like us.
    let text = "لا إلا الآن قال الله";
    for shape in [true, false] {
        let lines = layout(text, &opts(30, BidiMode::App, shape));
        let by_cell = draw(&lines, 30);
        let mut by_string = Buffer::empty(Rect::new(0, 0, 30, 1));
        by_string.set_stringn(
            lines[0].indent as u16,
            0,
            lines[0].to_plain().trim_start(),
            30,
            ratatui::style::Style::default(),
        );
        assert_eq!(by_cell, by_string, "shape={shape}");
        // Every letter is in the buffer: read right to left, unfold.
        let back: String = row(&by_cell, 0)
            .chars()
            .rev()
            .collect::<String>()
            .nfkc()
            .collect();
        assert_eq!(back, text, "shape={shape}");
    }
}

#[test]
fn right_aligned_line_ends_at_the_right_edge() {
    let lines = layout("قال الرئيس", &opts(20, BidiMode::App, true));
    let buf = draw(&lines, 20);
    assert_ne!(
        buf[(19, 0)].symbol(),
        " ",
        "last column holds the first letter"
    );
    assert_eq!(buf[(9, 0)].symbol(), " ");
}

#[test]
fn wide_graphemes_take_two_columns() {
    let line = single_line("中文 قال", &opts(20, BidiMode::App, false));
    let buf = draw(std::slice::from_ref(&line), 20);
    // The line is left-to-right (its first strong letter is 中); the Arabic
    // word inside it is reversed.
    assert_eq!(row(&buf, 0), "中文 لاق");
}

/// A writer the test can read after the backend wrote to it.
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

#[test]
fn hostile_article_text_writes_no_escape_of_its_own() {
    // OSC 52 (set the clipboard), an 8-bit CSI (clear screen) and an RLO.
    let article = "قال الوزير \u{1b}]52;c;ZXZpbA==\u{7} إن \u{9b}2J العدد \u{202E}321 ارتفع.\n\
                   Second \u{1b}[2J paragraph \u{9b}31m.";
    for mode in [BidiMode::App, BidiMode::Terminal, BidiMode::Off] {
        let lines = layout(article, &opts(24, mode, true));
        let buf = draw(&lines, 24);
        let capture = Capture::default();
        let mut backend = CrosstermBackend::new(capture.clone());
        let blank = Buffer::empty(buf.area);
        let diff = blank.diff(&buf);
        backend.draw(diff.into_iter()).expect("draw");
        Backend::flush(&mut backend).expect("flush");
        let bytes = capture.0.borrow().clone();
        let out = String::from_utf8(bytes).expect("utf-8");
        assert!(out.contains("⟪RLO⟫") || out.contains('⟪'), "tokens drawn");
        assert!(!out.contains('\u{7}'), "{mode:?}: BEL written");
        assert!(!out.contains("\u{1b}]"), "{mode:?}: an OSC written");
        assert!(!out.contains('\u{9b}'), "{mode:?}: 8-bit CSI written");
        assert!(!out.contains('\u{202E}'), "{mode:?}: RLO written");
        assert!(!out.contains("\u{1b}[2J"), "{mode:?}: clear screen written");
        // Every ESC written is crossterm's own: cursor moves and colours.
        for (i, _) in out.match_indices('\u{1b}') {
            let next = out[i + 1..].chars().next();
            assert_eq!(next, Some('['), "{mode:?}: ESC not starting a CSI at {i}");
        }
    }
}
