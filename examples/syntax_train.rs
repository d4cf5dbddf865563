//! Trains the syntax model (tokenizer data, tagger, lemmatizer, parser) on Universal
//! Dependencies treebanks and writes the model file.
//!
//! ```text
//! cargo run --release --example syntax_train -- ../shared/treebank -o data/model/en.syntax
//! ```
//!
//! The directory must hold `en_ewt-ud-{train,dev}.conllu` and
//! `en_gum-wiki-ud-{train,dev}.conllu`. `--hold-out FILE` leaves the documents it lists
//! out of training (`data/model/dev-real-sources.txt`: the sources of the `dev-real`
//! extraction set, to score extraction with a parser that has not seen them). The run is
//! deterministic: the same treebanks, list and settings give the same bytes. Progress goes
//! to stderr.

use geokg::syntax::train::{read_held_out, train, Options};
use std::process::ExitCode;

const USAGE: &str = "usage: syntax_train TREEBANK_DIR -o MODEL_FILE [--tagger-epochs N] [--parser-epochs N] [--seed N] [--tagger-prune W] [--parser-prune W] [--prune-report] [--news-weight N] [--hold-out FILE]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut out = None;
    let mut options = Options::default();
    let mut held_out = None;
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        let parsed: Result<(), String> = (|| {
            match a.as_str() {
                "-o" | "--output" => out = Some(value(&a)?),
                "--tagger-epochs" => options.tagger_epochs = num(&value(&a)?)?,
                "--parser-epochs" => options.parser_epochs = num(&value(&a)?)?,
                "--seed" => options.seed = num(&value(&a)?)? as u64,
                "--tagger-prune" => options.tagger_prune = float(&value(&a)?)?,
                "--parser-prune" => options.parser_prune = float(&value(&a)?)?,
                "--prune-report" => options.prune_report = true,
                "--news-weight" => options.news_weight = num(&value(&a)?)?,
                "--hold-out" => held_out = Some(value(&a)?),
                "-h" | "--help" => return Err(USAGE.to_string()),
                _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
                _ => dir = Some(a.clone()),
            }
            Ok(())
        })();
        if let Err(e) = parsed {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let (Some(dir), Some(out)) = (dir, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if let Some(file) = held_out {
        options.held_out = match read_held_out(std::path::Path::new(&file)) {
            Ok(list) => list,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
    }
    let start = std::time::Instant::now();
    let log = |m: &str| eprintln!("[{:6.1}s] {m}", start.elapsed().as_secs_f64());
    let model = match train(std::path::Path::new(&dir), &options, &log) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: {out}: {e}");
        return ExitCode::from(2);
    }
    let [tf, tw, pf, pw] = model.sizes();
    log(&format!(
        "wrote {out}: {} bytes (tagger {tf} features / {tw} weights, parser {pf} features / {pw} weights)",
        bytes.len()
    ));
    ExitCode::SUCCESS
}

fn num(s: &str) -> Result<usize, String> {
    s.parse().map_err(|_| format!("not a whole number: {s}"))
}

fn float(s: &str) -> Result<f32, String> {
    s.parse().map_err(|_| format!("not a number: {s}"))
}
