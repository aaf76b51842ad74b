//! claimdesk: a keyboard-driven terminal workbench for fact-checkers.
//!
//! The core (everything except [`tui`]) knows nothing about terminals:
//! articles are loaded from a [`desk`], normalised and segmented by [`text`],
//! matched by [`rules`], turned into claims by [`extract`], gathered per desk
//! by [`index`], and judged through the [`store`]. [`render`] lays text out
//! into terminal cells (sanitising, BiDi, shaping) without importing a
//! terminal crate. [`tui`] and [`cli`] are the two thin fronts.

pub mod cli;
pub mod desk;
pub mod extract;
pub mod figures;
pub mod index;
pub mod link;
pub mod problem;
pub mod render;
pub mod rules;
pub mod store;
pub mod text;
pub mod tui;
pub mod userconfig;
