//! How fast does geokg read your own articles? Extraction on one thread, in process (no
//! output written, as `cargo bench` measures it on generated news), over the files,
//! directories and JSON Lines you name, read as `geokg extract` reads them. The
//! documents are extracted again and again until at least `--mb` megabytes (default 10)
//! have passed; that is one round, and the fastest of five rounds is shown.
//!
//! Usage: `cargo run --release --example throughput -- [--mb N] PATH...`
//!
//! For example `cargo run --release --example throughput -- tests/data/articles/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use geokg::extract::Extractor;
use geokg::text::corpus::{Item, Reader};

/// The allocator of the `geokg` binary, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut mb = 10.0f64;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--mb" {
            match args.next().and_then(|s| s.parse::<f64>().ok()) {
                Some(n) if n > 0.0 => mb = n,
                _ => fail("--mb needs a positive number of megabytes"),
            }
        } else {
            paths.push(a.into());
        }
    }
    if paths.is_empty() {
        fail("name the files or directories to read, e.g. tests/data/articles/");
    }
    let mut docs = Vec::new();
    for item in Reader::open(&paths, false) {
        match item {
            Item::Document(d) => docs.push(d),
            Item::Warning(w) => eprintln!("throughput: {w}"),
            Item::Problem(e) => eprintln!("throughput: {e}"),
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    if bytes == 0 {
        fail("the inputs hold no text");
    }
    let extractor = Extractor::embedded().unwrap_or_else(|errors| {
        for e in errors {
            eprintln!("throughput: {e}");
        }
        std::process::exit(2);
    });
    // whole passes over the documents, enough of them to make up `mb` megabytes
    let passes = ((mb * 1e6) / bytes as f64).ceil().max(1.0) as usize;
    let mut fastest = Duration::MAX;
    let (mut sentences, mut claims) = (0, 0);
    for _ in 0..5 {
        let started = Instant::now();
        let (mut s, mut c) = (0, 0);
        for _ in 0..passes {
            for d in &docs {
                let ex = extractor.extract_document(d, false);
                s += ex.sentence_count;
                c += ex.claims.len();
            }
        }
        fastest = fastest.min(started.elapsed());
        (sentences, claims) = (s, c);
    }
    let secs = fastest.as_secs_f64();
    let total = (bytes * passes) as f64;
    println!(
        "{} documents, {bytes} bytes of text, read {passes} times a round: {:.1} MB",
        docs.len(),
        total / 1e6
    );
    println!(
        "one thread, fastest of 5 rounds: {:.1} ms, {:.1} MB/s, {:.0} sentences/s, {} claims a round",
        secs * 1e3,
        total / 1e6 / secs,
        sentences as f64 / secs,
        claims
    );
}

fn fail(message: &str) -> ! {
    eprintln!("throughput: {message}");
    eprintln!("usage: cargo run --release --example throughput -- [--mb N] PATH...");
    std::process::exit(2);
}
