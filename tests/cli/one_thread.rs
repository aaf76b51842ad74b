//! A machine with one core (or `RAYON_NUM_THREADS=1`): opening a desk once
//! waited on a thread that needed the only worker of the thread pool, and
//! `extract` hung for ever. Polled with a deadline, never slept on blindly.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::cli::command;

#[test]
fn extract_finishes_with_one_worker_thread() {
    let root = env!("CARGO_MANIFEST_DIR");
    for format in ["jsonl", "text"] {
        let mut child = command()
            .env("RAYON_NUM_THREADS", "1")
            .args(["-C", root, "extract", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run claimdesk");
        // Read the output on a thread so a full pipe cannot stall the child.
        let mut out = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut out, &mut s).map(|_| s)
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("extract --format {format} with one worker thread did not finish in 120 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "{format}: {status}");
        let out = reader.join().expect("reader").expect("utf-8 output");
        assert!(out.lines().count() > 10, "{format}: claims listed");
    }
}
