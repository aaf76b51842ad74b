//! The review workbench: keys, screens (insta snapshots), the loop, ptys.

#[path = "../support/mod.rs"]
mod support;

mod arabic;
mod arabic_view;
mod dashboard;
mod find;
mod find_snapshots;
mod hangup;
mod keys;
mod keys_messages;
mod lazy;
mod links;
mod pty;
mod pty_arabic_prompt;
mod pty_copy;
mod pty_warm;
mod snapshots;
mod typeahead;
