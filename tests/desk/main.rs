//! Desks: discovery, articles and front matter, the index and its cache, texts read later.

#[path = "../support/mod.rs"]
mod support;

mod articles;
mod discover;
mod index;
mod lazy;
