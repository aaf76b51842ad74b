//! The verdict store: files, merges, the git driver, crashes, concurrency.

#[path = "../support/mod.rs"]
mod support;

mod bad_files;
mod concurrent;
mod crash;
mod driver;
mod git;
mod init;
mod owner;
mod stale;
mod writer;
