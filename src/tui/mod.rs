//! The review TUI (ratatui + crossterm). The only module that imports a
//! terminal crate.
//!
//! SKELETON: owned by the TUI helper.
