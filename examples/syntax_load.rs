//! Times loading the syntax model, for BENCHMARKS.md.
//!
//! ```text
//! cargo run --release --example syntax_load -- [MODEL_FILE] [RUNS]
//! ```
//!
//! Prints the time of the first parse of this process with the model compiled in
//! (`Model::embedded`: header, checksum and every field checked, no copy), then the fastest
//! and median of RUNS (default 20) `Model::from_bytes` on the bytes of MODEL_FILE (default
//! `data/model/en.syntax`; a copy of the bytes, then the same checks).

use geokg::syntax::Model;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "data/model/en.syntax".to_string());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let start = Instant::now();
    let words = match Model::embedded() {
        Ok(m) => m.parse("Turkey backs the GNA."),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let first = start.elapsed();
    println!(
        "embedded model: first parse ({} words) {:.2} ms after the first call",
        words.len(),
        first.as_secs_f64() * 1e3
    );
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        if let Err(e) = Model::from_bytes(&bytes, &path) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "Model::from_bytes({path}, {} bytes): fastest {:.2} ms, median {:.2} ms of {}",
        bytes.len(),
        times[0],
        times[times.len() / 2],
        times.len()
    );
    ExitCode::SUCCESS
}
