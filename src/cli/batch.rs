//! The batch loop of extract and build: documents read in batches beside a rayon pool, results written in input order, progress on standard error.

use super::*;

/// Documents per batch handed to the thread pool, and bytes per batch: enough for every
/// core to have work, small enough that memory follows the batch, not the corpus.
pub(crate) const BATCH_DOCS: usize = 1024;

pub(crate) const BATCH_BYTES: usize = 8 << 20;

/// What a run over a corpus read.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) documents: usize,
    pub(crate) sentences: usize,
    pub(crate) claims: usize,
    pub(crate) bytes: usize,
}

/// A progress bar on stderr, drawn only when stderr is a terminal and not --quiet.
pub(crate) fn progress_bar(total: Option<u64>, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => indicatif::ProgressBar::new(t).with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// The next batch of the corpus: its documents (up to [`BATCH_DOCS`] or
/// [`BATCH_BYTES`]), the warnings and problems met while reading them, in order, and
/// whether the corpus ended.
pub(crate) fn read_batch(reader: &mut Reader) -> (Vec<Document>, Vec<Item>, bool) {
    let mut docs = Vec::new();
    let mut notes = Vec::new();
    let mut bytes = 0;
    loop {
        match reader.next() {
            Some(Item::Document(d)) => {
                bytes += d.text.len();
                docs.push(d);
            }
            Some(note) => notes.push(note),
            None => return (docs, notes, true),
        }
        if docs.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
            return (docs, notes, false);
        }
    }
}

/// What a worker hands back for one document: its counts, its warnings and what
/// `render` made of its extraction.
pub(crate) struct Done<R> {
    sentences: usize,
    claims: usize,
    warnings: Vec<String>,
    rendered: R,
}

/// Reads the corpus named by `inputs` in batches on a rayon pool, reading the next batch
/// while the workers extract one. Each document's extraction is turned by `render` into
/// what `sink` needs, on the worker that read it (so that writing output is shared by
/// the cores too); `sink` gets each document and that, in input order, and returns false
/// to stop early (a closed pipe). Problems with single files or lines are printed and
/// reading goes on; when nothing could be read at all, the result is an error (already
/// printed).
pub(crate) fn for_each_extraction<R: Send>(
    inputs: &[PathBuf],
    corpus: &CorpusArgs,
    extractor: &geokg::extract::Extractor,
    trace: bool,
    render: impl Fn(geokg::extract::Extraction) -> R + Sync,
    mut sink: impl FnMut(&Document, R) -> Result<bool, Vec<Error>>,
) -> Result<Stats, Vec<Error>> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(corpus.threads.unwrap_or(0))
        .build()
        .map_err(|e| vec![Error::Usage(format!("cannot start worker threads: {e}"))])?;
    let mut reader = Reader::open(inputs, corpus.jsonl);
    let bar = progress_bar(reader.total_bytes(), corpus.quiet);
    let mut stats = Stats::default();
    let mut problems = 0;
    // the next batch is read on this thread while the workers extract the one before
    let (mut docs, mut notes, mut end) = read_batch(&mut reader);
    loop {
        for note in notes.drain(..) {
            match note {
                Item::Warning(w) => bar.suspend(|| eprintln!("geokg: warning: {w}")),
                Item::Problem(e) => {
                    problems += 1;
                    bar.suspend(|| eprintln!("geokg: {e}"));
                }
                Item::Document(_) => {}
            }
        }
        let mut done: Vec<Done<R>> = Vec::new();
        let mut following = (Vec::new(), Vec::new(), true);
        pool.in_place_scope(|scope| {
            scope.spawn(|_| {
                done = docs
                    .par_iter()
                    .map(|d| {
                        let mut ex = extractor.extract_document(d, trace);
                        Done {
                            sentences: ex.sentence_count,
                            claims: ex.claims.len(),
                            warnings: std::mem::take(&mut ex.warnings),
                            rendered: render(ex),
                        }
                    })
                    .collect();
            });
            if !end {
                following = read_batch(&mut reader);
            }
        });
        let mut go_on = true;
        for (doc, done) in docs.iter().zip(done) {
            for w in &done.warnings {
                bar.suspend(|| eprintln!("geokg: warning: {w}"));
            }
            stats.documents += 1;
            stats.sentences += done.sentences;
            stats.claims += done.claims;
            stats.bytes += doc.text.len();
            if !sink(doc, done.rendered)? {
                go_on = false;
                break;
            }
        }
        bar.set_position(reader.bytes_read());
        if end || !go_on {
            break;
        }
        (docs, notes, end) = following;
    }
    bar.finish_and_clear();
    if stats.documents == 0 && problems > 0 {
        return Err(Vec::new());
    }
    if !corpus.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = stats.bytes as f64 / 1e6;
        eprintln!(
            "geokg: {}, {}, {}, {:.1} MB in {:.2} s ({:.1} MB/s)",
            count(stats.documents, "document"),
            count(stats.sentences, "sentence"),
            count(stats.claims, "claim"),
            mb,
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
    Ok(stats)
}
