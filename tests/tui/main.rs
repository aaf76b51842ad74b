//! The review workbench: keys, screens (insta snapshots), the loop, ptys.

#[path = "../support/mod.rs"]
mod support;

mod arabic;
mod dashboard;
mod hangup;
mod keys;
mod lazy;
mod links;
mod pty;
mod pty_warm;
mod snapshots;
mod typeahead;
