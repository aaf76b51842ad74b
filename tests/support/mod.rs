//! Helpers shared by every test binary: one module per concern. Each binary
//! uses a few of them, so unused helpers are allowed here.
#![allow(dead_code, unused_imports)]

pub mod cli;
pub mod desk;
pub mod export;
pub mod link;
pub mod pty;
pub mod store;
pub mod tui;
