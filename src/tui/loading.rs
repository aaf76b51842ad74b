//! The first screen: the desk loads on a worker thread while the terminal
//! shows its progress, so a large desk shows something at once and the
//! analyst can still quit (q, Esc, Ctrl-C) or hang up while it loads. Other
//! keys typed meanwhile are kept, in order, for the review screen
//! ([`super::run::TypeAhead`] plays them first).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::desk::Desk;
use crate::problem::Problem;

use super::run::Host;
use super::session::{self, Loaded};

/// How loading ended.
pub enum LoadOutcome {
    /// The desk, and the keys (and pastes) typed while it loaded, in order.
    Loaded {
        loaded: Box<Loaded>,
        typed: VecDeque<Event>,
    },
    /// The rules could not be loaded: the problems to print.
    Failed(Vec<Problem>),
    /// The analyst quit or the terminal hung up before the desk was ready.
    Aborted,
}

/// At most this many events typed while loading are kept (a key held
/// down on a slow desk must not grow memory without bound).
pub const MAX_TYPED: usize = 1024;

/// How often the worker is looked at while waiting (it ends within a tick).
const TICK: Duration = Duration::from_millis(5);

/// How often the progress screen is redrawn at most: often enough to look
/// alive, rarely enough not to take time from the loading itself.
const REDRAW: Duration = Duration::from_millis(50);

/// Loads `desk` on a worker thread, drawing progress on `terminal` until it
/// is ready. The first frame is drawn before any article is read.
pub fn load_with_progress<B: Backend>(
    terminal: &mut Terminal<B>,
    host: &mut dyn Host,
    desk: Desk,
    cache_dir: Option<PathBuf>,
    events: crate::session::EventSink,
) -> anyhow::Result<LoadOutcome> {
    let done = Arc::new(AtomicUsize::new(0));
    let total = Arc::new(AtomicUsize::new(0));
    let label = crate::render::sanitize(&desk.root.display().to_string());
    let worker = {
        let (done, total) = (Arc::clone(&done), Arc::clone(&total));
        thread::Builder::new()
            .name("claimdesk-load".into())
            .spawn(move || {
                session::load_for_review(
                    desk,
                    cache_dir.as_deref(),
                    session::FIRST_SCREEN,
                    &events,
                    &|d, t| {
                        total.store(t, Ordering::Relaxed);
                        done.fetch_max(d, Ordering::Relaxed);
                    },
                )
            })?
    };
    let mut drawn_at: Option<Instant> = None;
    let mut typed = VecDeque::new();
    loop {
        if drawn_at.is_none_or(|at| at.elapsed() >= REDRAW) {
            let (d, t) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
            host.begin_frame();
            let drawn = terminal
                .draw(|frame| draw_progress(frame.area(), frame.buffer_mut(), &label, d, t));
            host.end_frame();
            drawn.map_err(|e| anyhow::anyhow!("cannot draw: {e}"))?;
            drawn_at = Some(Instant::now());
        }
        if worker.is_finished() {
            break;
        }
        if host.hangup() {
            return Ok(LoadOutcome::Aborted);
        }
        if let Some(event) = host.next_event(TICK)? {
            if wants_quit(&event) {
                return Ok(LoadOutcome::Aborted);
            }
            if typed.len() < MAX_TYPED && kept_for_later(&event) {
                typed.push_back(event);
            }
        }
    }
    match worker.join() {
        Ok(Ok(loaded)) => Ok(LoadOutcome::Loaded {
            loaded: Box::new(loaded),
            typed,
        }),
        Ok(Err(problems)) => Ok(LoadOutcome::Failed(problems)),
        Err(_) => anyhow::bail!("loading the desk failed unexpectedly"),
    }
}

/// Key presses and pastes are played on the review screen; a resize is not
/// (the review screen starts at the terminal's size then).
fn kept_for_later(event: &Event) -> bool {
    match event {
        Event::Key(key) => key.kind != KeyEventKind::Release,
        Event::Paste(_) => true,
        _ => false,
    }
}

fn wants_quit(event: &Event) -> bool {
    let Event::Key(key) = event else {
        return false;
    };
    key.kind != KeyEventKind::Release
        && (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
            || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)))
}

/// The progress screen: the desk, a bar and the count of articles read.
fn draw_progress(
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    desk: &str,
    done: usize,
    total: usize,
) {
    let width = area.width.saturating_sub(4).clamp(10, 60) as usize;
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    let bar = format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled));
    let count = if total == 0 {
        "reading rules and listing articles…".to_string()
    } else {
        format!("{done}/{total} articles")
    };
    let lines = vec![
        Line::styled(
            "claimdesk: loading the desk",
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::raw(desk.to_string()),
        Line::raw(""),
        Line::raw(bar),
        Line::raw(count),
        Line::raw(""),
        Line::raw("q: quit"),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let inner = Rect {
        x: area.x + 2,
        y: area.y + top,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(top),
    };
    ratatui::widgets::Widget::render(Paragraph::new(lines), inner, buf);
}
