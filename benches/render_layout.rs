//! Timing of the Arabic layout pipeline (run: `cargo bench --bench render_layout`).
//! A claims-list row must be laid out in microseconds; this prints the mean
//! time per call for a row, a wrapped paragraph and plain sanitising.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk::render::{BidiMode, LayoutOptions, layout, sanitize, single_line};

/// A claim-like mixed line (our own words): Arabic, Latin, digits, brackets.
const CLAIM: &str = "قال المتحدث باسم الوزارة إن 3 طائرات من طراز Tu-160 هبطت في المطار \
يوم ٢٠ مارس ٢٠٢٤، وإن نسبة الزيادة بلغت 3.5% (وفق «تاس»).";

fn time(name: &str, mut f: impl FnMut()) {
    // A fixed count (for instruction counting under callgrind), if asked.
    if let Some(n) = std::env::var("RENDER_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    {
        if std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with('-'))
            .all(|a| name.contains(&a))
        {
            for _ in 0..n {
                f();
            }
            println!("{name}: ran {n} times");
        }
        return;
    }
    // Warm up, then run for about half a second.
    for _ in 0..100 {
        f();
    }
    let mut runs = 0u32;
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) {
        for _ in 0..100 {
            f();
        }
        runs += 100;
    }
    let per = start.elapsed() / runs;
    println!("{name:<44} {:>9.2} µs/call", per.as_nanos() as f64 / 1000.0);
}

fn main() {
    let paragraph = [CLAIM; 4].join(" ");
    for (mode, shape) in [
        (BidiMode::App, true),
        (BidiMode::App, false),
        (BidiMode::Terminal, false),
    ] {
        let opts = LayoutOptions {
            width: 80,
            bidi: mode,
            shape,
            ..LayoutOptions::default()
        };
        time(
            &format!("single_line claim row 80 cols {mode:?} shape={shape}"),
            || {
                black_box(single_line(black_box(CLAIM), &opts));
            },
        );
        time(
            &format!("layout 4-sentence paragraph 80 cols {mode:?} shape={shape}"),
            || {
                black_box(layout(black_box(&paragraph), &opts));
            },
        );
    }
    let opts = LayoutOptions {
        width: 80,
        bidi: BidiMode::App,
        shape: true,
        ..LayoutOptions::default()
    };
    time("single_line ASCII row 80 cols", || {
        black_box(single_line(
            black_box("A plain English headline about 3 aircraft, 2024"),
            &opts,
        ));
    });
    // Baselines for reading the figures on a busy machine.
    time("baseline: count graphemes of the claim", || {
        use unicode_segmentation::UnicodeSegmentation;
        black_box(black_box(CLAIM).graphemes(true).count());
    });
    time("baseline: one String per char of the claim", || {
        let v: Vec<String> = black_box(CLAIM).chars().map(String::from).collect();
        black_box(v);
    });
    time("sanitize claim", || {
        black_box(sanitize(black_box(CLAIM)));
    });
}
