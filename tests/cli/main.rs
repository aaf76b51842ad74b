//! The command line, run as a real binary: check, extract, mark, export inputs, hostile input.

#[path = "../support/mod.rs"]
mod support;

mod check;
mod demo;
mod extract;
mod fuzz_props;
mod hostile;
mod inputs;
mod links;
mod one_thread;
mod session;
