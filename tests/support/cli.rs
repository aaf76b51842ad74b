//! Running the real binary from the CLI tests, with a cache folder of the
//! tests' own (never the user's).

use std::path::Path;
use std::process::{Command, Output};

/// `claimdesk ARGS…`, waited for.
#[allow(dead_code)] // not every test file runs outside a desk folder
pub fn claimdesk(args: &[&str]) -> Output {
    command().args(args).output().expect("run claimdesk")
}

/// `claimdesk -C DIR ARGS…`, waited for.
#[allow(dead_code)] // not every test file runs in a desk folder
pub fn claimdesk_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("run claimdesk")
}

/// The `claimdesk` command with the tests' cache folder, not started yet.
#[allow(dead_code)] // for tests that set more of the environment
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    cmd.env(
        "CLAIMDESK_CACHE",
        std::env::temp_dir().join("claimdesk-test-cache"),
    );
    cmd
}
