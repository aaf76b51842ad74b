//! claimdesk: a keyboard-driven terminal workbench for fact-checkers.
//!
//! The core (everything except [`tui`]) knows nothing about terminals:
//! articles are loaded from a [`desk`], normalised and segmented by [`text`],
//! matched by [`rules`], turned into claims by [`extract`], gathered per desk
//! by [`index`], judged through the [`store`], and published by [`export`]. [`render`] lays text out
//! into terminal cells (sanitising, BiDi, shaping) without importing a
//! terminal crate. [`tui`] and [`cli`] are the two thin fronts.

/// `println!` for text meant for people: through
/// [`render::SafeWriter`] (every line made safe for a terminal), and never a
/// panic when stdout is gone.
macro_rules! safe_println {
    ($($arg:tt)*) => {
        $crate::render::println_safe(format_args!($($arg)*))
    };
}

/// `eprintln!` through [`render::SafeWriter`], ignoring write errors (a
/// hung-up terminal must not turn a message into a panic).
macro_rules! safe_eprintln {
    ($($arg:tt)*) => {
        $crate::render::eprintln_safe(format_args!($($arg)*))
    };
}

pub mod bounded;
pub mod cli;
pub mod desk;
pub mod export;
pub mod extract;
pub mod figures;
pub mod index;
pub mod link;
pub mod memory;
pub mod problem;
pub mod render;
pub mod reviews;
pub mod rules;
pub mod session;
pub mod settings;
pub mod store;
pub mod text;
pub mod tui;
pub mod userconfig;
