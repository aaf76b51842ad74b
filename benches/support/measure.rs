//! Timing and memory measurement helpers for the benchmarks.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Summary of repeated timings.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub runs: usize,
    pub median: Duration,
    pub min: Duration,
    pub p99: Duration,
    pub max: Duration,
}

/// Summarises a list of samples (sorted in place).
pub fn summarize(samples: &mut [Duration]) -> Summary {
    samples.sort();
    let n = samples.len().max(1);
    let at = |q: f64| samples[(((n - 1) as f64) * q).round() as usize];
    Summary {
        runs: samples.len(),
        median: at(0.5),
        min: samples[0],
        p99: at(0.99),
        max: samples[n - 1],
    }
}

/// Milliseconds with one decimal.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// What one run of a child process cost.
#[derive(Debug, Clone, Copy)]
pub struct ChildRun {
    pub wall: Duration,
    /// Peak resident set size in bytes.
    pub max_rss: u64,
    /// CPU time, user and system, of the child.
    pub cpu: Duration,
    pub success: bool,
}

/// Runs `program args…` with stdout to /dev/null, in `dir`, and measures its
/// wall time and peak RSS (via wait4).
pub fn run_child(program: &Path, args: &[&str], dir: &Path, envs: &[(&str, &str)]) -> ChildRun {
    let start = Instant::now();
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain FFI call on a pid we own; rusage is a plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    // The child was reaped by wait4: forget it so std does not wait again.
    std::mem::forget(child);
    ChildRun {
        wall,
        max_rss: usage.ru_maxrss as u64 * 1024,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        success: rc == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000)
}
