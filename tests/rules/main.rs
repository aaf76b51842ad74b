//! Rules: loading, the pack, matching, extraction on the demo desk.

#[path = "../support/mod.rs"]
mod support;

mod demo;
mod extract;
mod headlines;
mod highlight_corpus;
mod highlight_spans;
mod loading;
mod matcher;
mod pack;
mod trusted;
