//! Writes a synthetic news corpus (see `geokg::text::synth`) to standard output.
//!
//! Usage: `cargo run --release --example gen_corpus -- [--jsonl] [--seed N] MEGABYTES`
//!
//! Plain text by default (articles one after another); `--jsonl` writes one article per
//! line as `{"id", "title", "date", "url", "text"}`, the form `geokg extract --jsonl` reads.

use std::io::Write;

fn main() {
    let mut jsonl = false;
    let mut seed = 1u64;
    let mut mb: Option<f64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jsonl" => jsonl = true,
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            other => mb = other.parse().ok(),
        }
    }
    let Some(mb) = mb else {
        eprintln!("usage: gen_corpus [--jsonl] [--seed N] MEGABYTES");
        std::process::exit(2);
    };
    let bytes = (mb * 1_000_000.0) as usize;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut total = 0;
    for a in geokg::text::synth::articles(seed, bytes) {
        total += a.text.len();
        let r = if jsonl {
            let record = serde_json::json!({
                "id": a.id,
                "title": a.title,
                "date": a.date,
                "url": format!("https://news.example/{}", a.id),
                "text": a.text,
            });
            writeln!(out, "{record}")
        } else {
            out.write_all(a.text.as_bytes())
        };
        if r.is_err() {
            return;
        }
    }
    let _ = out.flush();
    eprintln!("gen_corpus: {total} bytes of article text");
}
