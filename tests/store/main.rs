//! The verdict store: files, merges, the git driver, crashes, concurrency.

#[path = "../support/mod.rs"]
mod support;

mod bad_files;
mod big;
mod concurrent;
mod crash;
mod driver;
mod git;
mod init;
mod layout_git;
mod migrate;
mod migrate_git;
mod owner;
mod stale;
mod sync;
mod tui_kill;
mod tui_sync;
mod writer;
