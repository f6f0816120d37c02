//! Benchmark harness for the family's `cargo bench` targets.
//!
//! The machines these run on are shared and noisy, so the harness reports medians of several
//! repetitions and is built for side-by-side ratios measured in one run (ESP encapsulation
//! against the raw cipher on the same bytes, compiled against linear classifiers), which stay
//! meaningful when absolute numbers drift.
//!
//! Each measurement calibrates an iteration count so one repetition lasts about
//! `BENCH_TIME_MS` milliseconds (default 200), runs `BENCH_REPS` repetitions (default 5) and
//! keeps the median time per iteration. `BENCH_QUICK=1` cuts both for a smoke run.
//!
//! ```
//! let sample = benchkit::measure(|| std::hint::black_box(2u64).pow(10));
//! assert!(sample.median_ns > 0.0);
//! ```

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Timing of one measured operation.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// Median nanoseconds per iteration over the repetitions.
    pub median_ns: f64,
    /// Fastest repetition, nanoseconds per iteration.
    pub min_ns: f64,
    /// Slowest repetition, nanoseconds per iteration.
    pub max_ns: f64,
    /// Iterations per repetition.
    pub iterations: u64,
}

impl Sample {
    /// Operations per second at the median.
    #[must_use]
    pub fn ops_per_sec(&self) -> f64 {
        1e9 / self.median_ns
    }

    /// Throughput in MB/s (10^6 bytes) when each iteration processes `bytes` bytes.
    #[must_use]
    pub fn mb_per_sec(&self, bytes: usize) -> f64 {
        bytes as f64 * 1e3 / self.median_ns
    }

    /// Spread of the repetitions, (max - min) / median, as a fraction.
    #[must_use]
    pub fn spread(&self) -> f64 {
        (self.max_ns - self.min_ns) / self.median_ns
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Target duration of one repetition and the number of repetitions, from the environment.
#[must_use]
pub fn settings() -> (Duration, usize) {
    let quick = std::env::var_os("BENCH_QUICK").is_some();
    let time = env_u64("BENCH_TIME_MS", if quick { 20 } else { 200 });
    let reps = env_u64("BENCH_REPS", if quick { 3 } else { 5 });
    (Duration::from_millis(time), usize::try_from(reps.max(1)).unwrap_or(5))
}

/// Measures `op`, returning the median time per call over the configured repetitions.
pub fn measure<R>(mut op: impl FnMut() -> R) -> Sample {
    let (target, reps) = settings();
    // Calibrate: double the batch until it takes a quarter of the target.
    let mut iterations: u64 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(op());
        }
        let elapsed = start.elapsed();
        if elapsed >= target / 4 || iterations >= 1 << 40 {
            let per_iter = elapsed.as_secs_f64() / iterations as f64;
            iterations = ((target.as_secs_f64() / per_iter.max(1e-12)) as u64).max(1);
            break;
        }
        iterations *= 2;
    }
    let mut per_iter: Vec<f64> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                black_box(op());
            }
            start.elapsed().as_nanos() as f64 / iterations as f64
        })
        .collect();
    per_iter.sort_by(f64::total_cmp);
    let median_ns = per_iter.get(per_iter.len() / 2).copied().unwrap_or(f64::NAN);
    Sample {
        median_ns,
        min_ns: per_iter.first().copied().unwrap_or(f64::NAN),
        max_ns: per_iter.last().copied().unwrap_or(f64::NAN),
        iterations,
    }
}

/// A table printed as Markdown, so results paste straight into `BENCHMARKS.md`.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    #[must_use]
    pub fn new(headers: &[&str]) -> Self {
        Self { headers: headers.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// Appends a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders the table.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
        out.push_str(&line(&self.headers));
        let _ = writeln!(out, "|{}", "---|".repeat(self.headers.len()));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }

    /// Prints the table to standard output.
    pub fn print(&self) {
        println!("{}", self.render());
    }
}

/// Formats a throughput cell: `2,503 MB/s · 559 ns`.
#[must_use]
pub fn throughput_cell(sample: &Sample, bytes: usize) -> String {
    format!("{} MB/s · {} ns", group(sample.mb_per_sec(bytes)), group(sample.median_ns))
}

/// Formats a number with thousands separators and no decimals (one decimal below 10).
#[must_use]
pub fn group(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".into();
    }
    if value.abs() < 10.0 {
        return format!("{value:.1}");
    }
    let digits = format!("{:.0}", value.abs());
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if value < 0.0 { format!("-{grouped}") } else { grouped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group(1234567.4), "1,234,567");
        assert_eq!(group(999.0), "999");
        assert_eq!(group(4.25), "4.2");
        assert_eq!(group(-12345.0), "-12,345");
    }

    #[test]
    fn table_renders_markdown() {
        let mut t = Table::new(&["a", "b"]);
        t.row(vec!["1".into(), "2".into()]);
        assert_eq!(t.render(), "| a | b |\n|---|---|\n| 1 | 2 |\n");
    }
}
