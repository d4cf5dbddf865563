//! Command-line front end. Exit codes: 0 results, 1 no result, 2 error.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use geokg::corpus::{Document, Item, Reader};
use geokg::{data, export, graphfile, query, report, Error, KnowledgeGraph};

/// `eprintln!` that ignores a standard error it cannot write to (closed, on a full disk)
/// instead of panicking: messages are lost, the exit status still tells.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Build and query a knowledge graph of who supports, opposes and warns whom.
///
/// Without --graph, every command uses the curated data compiled into geokg.
#[derive(Parser, Debug)]
#[command(name = "geokg", version, about, long_about = None)]
#[command(after_help = "Examples:
  geokg query \"who backs Haftar\"
  geokg actor Haftar
  geokg export --format dot --focus Haftar --depth 1 -o haftar.dot
  geokg check data/*.json

Exit status: 0 when there are results, 1 when there are none, 2 on error.")]
pub struct Cli {
    /// Use this graph file (from `geokg build` or `geokg export --format json`)
    /// instead of the embedded data.
    #[arg(long, global = true, value_name = "FILE")]
    graph: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Answer a natural question, with evidence.
    ///
    /// Forms: who backs|supports|arms|funds|is behind|sides with X; who opposes|fights|
    /// attacks|is against|condemns X; who warns|threatens|urges|calls on X; what does X
    /// back|oppose|warn. Claims about a group a person leads count for the person ("via").
    ///
    /// Example: geokg query "who backs Haftar"
    Query {
        /// The question, e.g. "who backs Haftar" or "what does Turkey oppose".
        question: String,
        /// Print the documented JSON schema instead of text.
        #[arg(long)]
        json: bool,
        /// Show every claim behind each answer, not only the best one.
        #[arg(long)]
        why: bool,
    },
    /// Show an actor's profile: kind, names, affiliations, relations in and out.
    ///
    /// Example: geokg actor "Khalifa Haftar"
    Actor {
        /// A name, alias, acronym, demonym, capital or id.
        name: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export the graph as Graphviz DOT or as a JSON graph file.
    ///
    /// Example: geokg export --format dot --focus Haftar --depth 2 -o haftar.dot
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Dot)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export only the neighbourhood of this actor.
        #[arg(long, value_name = "NAME")]
        focus: Option<String>,
        /// Hops around --focus to include.
        #[arg(long, default_value_t = 1, requires = "focus")]
        depth: usize,
    },
    /// Extract supports / opposes / warns relations from news text, with evidence.
    ///
    /// Takes files, directories (searched recursively for .txt and .md), - for standard
    /// input, and JSON Lines of articles ({"id", "title", "date", "url", "text"} per line;
    /// files ending in .jsonl, or any input with --jsonl). Documents stream through and
    /// are read on all cores; the output is the same bytes whatever the thread count.
    /// Each JSON line has doc, source, source_id, relation, target, target_id, hedged,
    /// confidence, sentence, sentence_index, span, rule, and date when the article has one.
    ///
    /// Example: geokg extract articles/ --format jsonl > claims.jsonl
    /// Example: geokg extract --explain article.txt
    /// Example: geokg extract news.jsonl --threads 2 --format jsonl > claims.jsonl
    /// Example: cat news.jsonl | geokg extract --jsonl - --format fragments > part.jsonl
    Extract {
        /// Files, directories or - (standard input).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
        /// Show, for each sentence, the mentions and why each cue fired or was suppressed.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Build a graph file from curated data and news articles.
    ///
    /// Articles are read like `geokg extract` reads them. A document read twice (the same
    /// id and text) counts once. With --append, the new documents are added to the graph
    /// already in the output file.
    ///
    /// Example: geokg build --articles news/ -o graph.json
    /// Example: geokg build --data data/world.json mydata.json --articles a.txt -o g.json
    /// Example: geokg build --append --articles today.jsonl -o graph.json
    Build {
        /// Articles to extract from: files, directories, .jsonl files or -.
        #[arg(long, num_args = 1.., value_name = "PATH")]
        articles: Vec<PathBuf>,
        /// Curated data files (default: the embedded data).
        #[arg(long, num_args = 1.., value_name = "FILE")]
        data: Vec<PathBuf>,
        /// The graph file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Overwrite the output even if it is one of the inputs.
        #[arg(long)]
        force: bool,
        /// Add to the graph in the output file (created if missing) instead of replacing
        /// it; extraction uses the same registry as a fresh build (embedded or --data).
        #[arg(long)]
        append: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Merge graph files and fragments into one graph file, exactly.
    ///
    /// Inputs are graph files (from build, export --format json or merge) and fragment
    /// files (JSON Lines from extract --format fragments, such as the part files of a
    /// Spark job; - reads fragments from standard input). Claims are joined as a multiset
    /// keeping the largest count any input gives, so a document seen twice counts once,
    /// and merging is associative and idempotent. Give a graph that holds the registry
    /// (geokg build -o base.json) when merging fragments.
    ///
    /// Example: geokg merge a.json b.json -o all.json
    /// Example: geokg merge base.json shards/part-* -o all.json
    Merge {
        /// Graph files and fragment files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The graph file to write (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the output even if it is one of the inputs.
        #[arg(long)]
        force: bool,
    },
    /// Check curated data files and report every problem found.
    ///
    /// Without files, checks the embedded data.
    /// Example: geokg check data/world.json data/libya.json
    Check {
        /// Curated JSON files, checked together (ids may refer across files).
        files: Vec<PathBuf>,
    },
}

/// How a corpus is read: shared by extract and build.
#[derive(clap::Args, Debug, Clone, Default)]
struct CorpusArgs {
    /// Read standard input and every named file as JSON Lines of articles
    /// ({"id", "title", "date", "url", "text"}), whatever the file names.
    #[arg(long)]
    jsonl: bool,
    /// Worker threads for extraction (default: RAYON_NUM_THREADS, else all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ExtractFormat {
    /// One line per relation, for people.
    Text,
    /// One JSON object per line (what ../shared/eval/score.py reads).
    Jsonl,
    /// One JSON array.
    Json,
    /// One graph fragment per document per line (new actors and claims with evidence),
    /// for `geokg merge`.
    Fragments,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Format {
    /// Graphviz DOT, styled by relation.
    Dot,
    /// The JSON graph file that --graph reads.
    Json,
}

/// What a command produced.
enum Outcome {
    /// Output to print, and whether it holds results.
    Output(String, bool),
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    match run(cli) {
        Ok(Outcome::Output(text, found)) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => i32::from(!found),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => i32::from(!found),
                Err(e) => {
                    eprintln!(
                        "geokg: cannot write output: {}",
                        e.to_string().to_lowercase()
                    );
                    2
                }
            }
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("geokg: {e}");
            }
            2
        }
    }
}

fn load_graph(path: &Option<PathBuf>) -> Result<KnowledgeGraph, Vec<Error>> {
    match path {
        None => geokg::default_graph(),
        Some(p) => read_graph_file(p),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes `text` to `path` through a temporary file in the same directory, synced and
/// then renamed into place: a reader, a crash or a full disk sees the old file or the
/// new one, never a part. A symbolic link is followed, so the file it points to is
/// replaced and the link stays.
fn write_file(path: &PathBuf, text: &str) -> Result<(), Vec<Error>> {
    let shown = path.display().to_string();
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())
    } else {
        path.clone()
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.geokg-tmp-{}", std::process::id()));
    // the new file keeps the permissions of the one it replaces
    let old_permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| match old_permissions {
            Some(p) => std::fs::set_permissions(&tmp, p),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&tmp, &target));
    match result {
        Ok(()) => {
            // make the rename itself durable; not every file system can sync a directory
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(vec![Error::Io {
                path: shown,
                message: e.to_string().to_lowercase(),
            }])
        }
    }
}

/// Would writing `output` overwrite one of `inputs`: the same file under any spelling,
/// or a text file inside an input directory that a corpus read takes in?
fn overwrites_input(output: &std::path::Path, inputs: &[&PathBuf]) -> bool {
    let out = output.canonicalize().ok();
    let text_file = output.extension().is_some_and(|e| e == "txt" || e == "md");
    inputs.iter().any(|i| {
        if i.as_path() == output {
            return true;
        }
        match (&out, i.canonicalize()) {
            (Some(o), Ok(c)) => *o == c || (text_file && c.is_dir() && o.starts_with(&c)),
            _ => false,
        }
    })
}

fn run(cli: Cli) -> Result<Outcome, Vec<Error>> {
    match cli.command {
        Command::Query {
            question,
            json: as_json,
            why,
        } => {
            let graph = load_graph(&cli.graph)?;
            let parsed = query::parse(&question).map_err(|e| vec![e])?;
            let answer = query::answer(&graph, &parsed).map_err(|e| vec![e])?;
            let found = !answer.rows.is_empty();
            let text = if as_json {
                json(&report::answer_json(&question, &answer, why))
            } else {
                report::answer_text(&answer, why)
            };
            Ok(Outcome::Output(text, found))
        }
        Command::Actor {
            name,
            json: as_json,
        } => {
            let graph = load_graph(&cli.graph)?;
            let actor = graph.resolve(&name).map_err(|e| vec![e])?;
            let text = if as_json {
                json(&report::actor_json(&graph, actor))
            } else {
                report::actor_text(&graph, actor)
            };
            Ok(Outcome::Output(text, true))
        }
        Command::Export {
            format,
            output,
            focus,
            depth,
        } => {
            let mut graph = load_graph(&cli.graph)?;
            if let Some(name) = focus {
                let id = graph.resolve(&name).map_err(|e| vec![e])?.id.clone();
                graph = graph.restrict(&graph.neighborhood(&id, depth));
            }
            let text = match format {
                Format::Dot => export::to_dot(&graph, false),
                Format::Json => graphfile::to_json(&graph),
            };
            let found = graph.edge_count() > 0;
            match output {
                Some(path) => {
                    write_file(&path, &text)?;
                    eprintln!(
                        "geokg: wrote {} ({} actors, {} edges)",
                        path.display(),
                        graph.actors().len(),
                        graph.edge_count()
                    );
                    Ok(Outcome::Output(String::new(), found))
                }
                None => Ok(Outcome::Output(text, found)),
            }
        }
        Command::Extract {
            inputs,
            format,
            explain,
            corpus,
        } => run_extract(&inputs, format, explain, &corpus),
        Command::Build {
            articles,
            data: data_files,
            output,
            force,
            append,
            corpus,
        } => run_build(&articles, &data_files, &output, force, append, &corpus),
        Command::Merge {
            inputs,
            output,
            force,
        } => run_merge(&inputs, output.as_ref(), force),
        Command::Check { files } => {
            // lexicon files (with "cues") are checked as lexicons, the rest as actor data
            let mut lexicons = 0;
            let mut data_files = Vec::new();
            let mut errors = Vec::new();
            for f in &files {
                let text = match geokg::input::read_json(f) {
                    Ok(t) => t,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                let is_lexicon = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .is_some_and(|v| v.get("cues").is_some());
                if is_lexicon {
                    match geokg::lexicon::Lexicon::from_json(&f.display().to_string(), &text) {
                        Ok(_) => lexicons += 1,
                        Err(e) => errors.push(e),
                    }
                } else {
                    data_files.push(f.clone());
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            if lexicons > 0 && data_files.is_empty() {
                return Ok(Outcome::Output(
                    format!("ok: {lexicons} lexicon file(s)\n"),
                    true,
                ));
            }
            let result = if files.is_empty() {
                data::embedded()
            } else {
                data::load_files(&data_files)
            };
            let data = result?;
            let what = if files.is_empty() {
                "embedded data".to_string()
            } else {
                plural_files(files.len())
            };
            Ok(Outcome::Output(
                format!(
                    "ok: {what}: {} actors, {} relations\n",
                    data.actors.len(),
                    data.claims.len()
                ),
                true,
            ))
        }
    }
}

fn plural_files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// Documents per batch handed to the thread pool, and bytes per batch: enough for every
/// core to have work, small enough that memory follows the batch, not the corpus.
const BATCH_DOCS: usize = 1024;
const BATCH_BYTES: usize = 8 << 20;

/// What a run over a corpus read.
#[derive(Debug, Default)]
struct Stats {
    documents: usize,
    sentences: usize,
    claims: usize,
    bytes: usize,
}

/// A progress bar on stderr, drawn only when stderr is a terminal and not --quiet.
fn progress_bar(total: Option<u64>, quiet: bool) -> indicatif::ProgressBar {
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

/// Reads the corpus named by `inputs` in batches on a rayon pool and hands each document
/// and its extraction to `sink`, in input order; `sink` returns false to stop early (a
/// closed pipe). Problems with single files or lines are printed and reading goes on;
/// when nothing could be read at all, the result is an error (already printed).
fn for_each_extraction(
    inputs: &[PathBuf],
    corpus: &CorpusArgs,
    extractor: &geokg::extract::Extractor,
    trace: bool,
    mut sink: impl FnMut(&Document, geokg::extract::Extraction) -> Result<bool, Vec<Error>>,
) -> Result<Stats, Vec<Error>> {
    let started = std::time::Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(corpus.threads.unwrap_or(0))
        .build()
        .map_err(|e| vec![Error::Usage(format!("cannot start worker threads: {e}"))])?;
    let mut reader = Reader::open(inputs, corpus.jsonl);
    let bar = progress_bar(reader.total_bytes(), corpus.quiet);
    let mut stats = Stats::default();
    let mut problems = 0;
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0;
    let mut go_on = true;
    let mut run_batch =
        |batch: &mut Vec<Document>, stats: &mut Stats| -> Result<bool, Vec<Error>> {
            let done = pool.install(|| extractor.extract_batch(batch, trace));
            for (doc, ex) in batch.iter().zip(done) {
                for w in &ex.warnings {
                    bar.suspend(|| eprintln!("geokg: warning: {w}"));
                }
                stats.documents += 1;
                stats.sentences += ex.sentence_count;
                stats.claims += ex.claims.len();
                stats.bytes += doc.text.len();
                if !sink(doc, ex)? {
                    return Ok(false);
                }
            }
            batch.clear();
            Ok(true)
        };
    while go_on {
        let item = reader.next();
        let end = item.is_none();
        match item {
            Some(Item::Document(d)) => {
                batch_bytes += d.text.len();
                batch.push(d);
            }
            Some(Item::Warning(w)) => bar.suspend(|| eprintln!("geokg: warning: {w}")),
            Some(Item::Problem(e)) => {
                problems += 1;
                bar.suspend(|| eprintln!("geokg: {e}"));
            }
            None => {}
        }
        if end || batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
            go_on = run_batch(&mut batch, &mut stats)? && !end;
            batch_bytes = 0;
            bar.set_position(reader.bytes_read());
        }
    }
    bar.finish_and_clear();
    if stats.documents == 0 && problems > 0 {
        return Err(Vec::new());
    }
    if !corpus.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = stats.bytes as f64 / 1e6;
        eprintln!(
            "geokg: {} documents, {} sentences, {} claims, {:.1} MB in {:.2} s ({:.1} MB/s)",
            stats.documents,
            stats.sentences,
            stats.claims,
            mb,
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
    Ok(stats)
}

/// Writes to standard output; a closed pipe stops the run quietly.
struct Out {
    w: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl Out {
    fn new() -> Self {
        Out {
            w: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            closed: false,
        }
    }

    /// Writes `s`; false when the reader has gone away.
    fn write(&mut self, s: &str) -> Result<bool, Vec<Error>> {
        if self.closed {
            return Ok(false);
        }
        match self.w.write_all(s.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => self.failed(e),
        }
    }

    fn finish(&mut self) -> Result<(), Vec<Error>> {
        if !self.closed {
            if let Err(e) = self.w.flush() {
                self.failed(e)?;
            }
        }
        Ok(())
    }

    fn failed(&mut self, e: std::io::Error) -> Result<bool, Vec<Error>> {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
            Ok(false)
        } else {
            Err(vec![Error::Usage(format!(
                "cannot write output: {}",
                e.to_string().to_lowercase()
            ))])
        }
    }
}

/// One JSON value as an element of a pretty-printed array (two more spaces of indent),
/// so that a streamed array has the bytes `serde_json::to_string_pretty` gives.
fn pretty_element<T: serde::Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

fn explain_text(ex: &geokg::extract::Extraction) -> String {
    let mut out = format!("== {}\n", ex.doc);
    for s in &ex.sentences {
        out.push_str(&format!(
            "[{}] {}..{} {}\n",
            s.index,
            s.span.start,
            s.span.end,
            s.text.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
        for (t, id, how) in &s.mentions {
            out.push_str(&format!("    mention \"{t}\" -> {id} ({how})\n"));
        }
        for (src, rel, tgt, hedged, rule) in &s.claims {
            out.push_str(&format!(
                "    claim {src} {rel} {tgt}{} [{rule}]\n",
                if *hedged { " (hedged)" } else { "" }
            ));
        }
        for sup in &s.suppressed {
            out.push_str(&format!(
                "    no claim from \"{}\" [{}]: {}\n",
                sup.cue, sup.rule, sup.reason
            ));
        }
    }
    for d in &ex.diagnostics {
        out.push_str(&format!("    note: {d}\n"));
    }
    out
}

fn run_extract(
    inputs: &[PathBuf],
    format: ExtractFormat,
    explain: bool,
    corpus: &CorpusArgs,
) -> Result<Outcome, Vec<Error>> {
    let extractor = geokg::extract::Extractor::embedded()?;
    let mut out = Out::new();
    let mut found = false;
    let mut elements = 0usize;
    for_each_extraction(inputs, corpus, &extractor, explain, |_doc, ex| {
        let lines = extractor.lines(&ex);
        found |= !lines.is_empty();
        let mut text = String::new();
        if explain {
            text = explain_text(&ex);
        } else {
            match format {
                ExtractFormat::Jsonl => {
                    for l in &lines {
                        text.push_str(&serde_json::to_string(l).unwrap_or_default());
                        text.push('\n');
                    }
                }
                ExtractFormat::Fragments => {
                    text = graphfile::Fragment::of(&ex).to_line();
                }
                ExtractFormat::Json => {
                    for l in &lines {
                        text.push_str(if elements == 0 { "[\n" } else { ",\n" });
                        text.push_str(&pretty_element(l));
                        elements += 1;
                    }
                }
                ExtractFormat::Text => {
                    for l in &lines {
                        text.push_str(&format!(
                            "{}: {} {} {}{} [{}]\n    #{}: {}\n",
                            l.doc,
                            l.source,
                            l.relation,
                            l.target,
                            if l.hedged { " (hedged)" } else { "" },
                            l.rule,
                            l.sentence_index,
                            l.sentence.split_whitespace().collect::<Vec<_>>().join(" ")
                        ));
                    }
                }
            }
        }
        out.write(&text)
    })?;
    if format == ExtractFormat::Json && !explain {
        out.write(if elements == 0 { "[]\n" } else { "\n]\n" })?;
    }
    out.finish()?;
    Ok(Outcome::Output(String::new(), found))
}

fn run_build(
    articles: &[PathBuf],
    data_files: &[PathBuf],
    output: &PathBuf,
    force: bool,
    append: bool,
    corpus: &CorpusArgs,
) -> Result<Outcome, Vec<Error>> {
    let inputs: Vec<&PathBuf> = articles.iter().chain(data_files).collect();
    if !force && overwrites_input(output, &inputs) {
        return Err(vec![Error::Usage(format!(
            "{} is also an input; use --force to overwrite it",
            output.display()
        ))]);
    }
    let dataset = if data_files.is_empty() {
        data::embedded()?
    } else {
        data::load_files(data_files)?
    };
    let lexicon = geokg::lexicon::Lexicon::embedded().map_err(|e| vec![e])?;
    let extractor = geokg::extract::Extractor::new(dataset.actors.clone(), lexicon);
    let mut builder = geokg::merge::GraphBuilder::new();
    if append && output.exists() {
        builder.add_graph(read_graph_file(output)?);
    }
    builder.add(dataset.actors, dataset.claims);
    let mut seen_docs: std::collections::HashSet<String> = std::collections::HashSet::new();
    let stats = if articles.is_empty() {
        Stats::default()
    } else {
        for_each_extraction(articles, corpus, &extractor, false, |doc, ex| {
            if !seen_docs.insert(doc.id.clone()) {
                eprintln!(
                    "geokg: warning: document \"{}\" read more than once; claims it repeats count once",
                    doc.id
                );
            }
            builder.add_extraction(ex);
            Ok(true)
        })?
    };
    let graph = builder.finish().map_err(|e| vec![e])?;
    write_file(output, &graphfile::to_json(&graph))?;
    eprintln!(
        "geokg: wrote {} ({} documents, {} extracted claims, {} actors, {} edges)",
        output.display(),
        stats.documents,
        stats.claims,
        graph.actors().len(),
        graph.edge_count()
    );
    Ok(Outcome::Output(String::new(), true))
}

fn io_error(path: &str, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        message: e.to_string().to_lowercase(),
    }
}

fn read_graph_file(path: &PathBuf) -> Result<KnowledgeGraph, Vec<Error>> {
    let text = geokg::input::read_json(path).map_err(|e| vec![e])?;
    graphfile::from_json(&path.display().to_string(), &text).map_err(|e| vec![e])
}

/// Is this file a graph file (one JSON object with "format") rather than fragment lines?
/// Looks at the first non-blank line: a pretty graph file's is only "{"; a fragment line
/// is a whole object with "doc".
fn is_graph_file(path: &PathBuf) -> Result<bool, Vec<Error>> {
    use std::io::BufRead;
    let file =
        std::fs::File::open(path).map_err(|e| vec![io_error(&path.display().to_string(), &e)])?;
    let mut reader = std::io::BufReader::new(file);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => return Ok(false),
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => break,
            // not UTF-8 on the first line: let the graph reader say what is wrong
            Err(_) => return Ok(true),
        }
    }
    Ok(
        match serde_json::from_str::<serde_json::Value>(line.trim()) {
            Ok(v) => v.get("format").is_some() || v.get("doc").is_none(),
            Err(_) => true,
        },
    )
}

/// Adds every fragment line of `input` to `builder`; bad lines are printed and skipped.
fn add_fragments(
    name: &str,
    input: impl std::io::Read,
    builder: &mut geokg::merge::GraphBuilder,
) -> Result<usize, Vec<Error>> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::new();
    let mut n = 0;
    let mut bad = 0;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {
                n += 1;
                let (text, _) = geokg::input::decode(name, &buf);
                if text.trim().is_empty() {
                    continue;
                }
                match graphfile::parse_fragment(name, n, text.trim()) {
                    Ok((actors, claims)) => builder.add(actors, claims),
                    Err(e) => {
                        bad += 1;
                        eprintln!("geokg: {e}");
                    }
                }
            }
            Err(e) => return Err(vec![io_error(name, &e)]),
        }
    }
    Ok(bad)
}

fn run_merge(
    inputs: &[PathBuf],
    output: Option<&PathBuf>,
    force: bool,
) -> Result<Outcome, Vec<Error>> {
    if let Some(out) = output {
        if !force && overwrites_input(out, &inputs.iter().collect::<Vec<_>>()) {
            return Err(vec![Error::Usage(format!(
                "{} is also an input; use --force to overwrite it",
                out.display()
            ))]);
        }
    }
    let mut builder = geokg::merge::GraphBuilder::new();
    let mut bad = 0;
    for p in inputs {
        if p.as_os_str() == "-" {
            bad += add_fragments("<stdin>", std::io::stdin().lock(), &mut builder)?;
        } else if is_graph_file(p)? {
            builder.add_graph(read_graph_file(p)?);
        } else {
            let name = p.display().to_string();
            let file = std::fs::File::open(p).map_err(|e| vec![io_error(&name, &e)])?;
            bad += add_fragments(&name, file, &mut builder)?;
        }
    }
    if bad > 0 {
        return Err(vec![Error::Usage(format!(
            "{bad} fragment line(s) could not be read; nothing written"
        ))]);
    }
    let graph = builder.finish().map_err(|e| vec![e])?;
    let text = graphfile::to_json(&graph);
    let found = graph.edge_count() > 0;
    match output {
        Some(path) => {
            write_file(path, &text)?;
            eprintln!(
                "geokg: wrote {} ({} inputs, {} actors, {} edges)",
                path.display(),
                inputs.len(),
                graph.actors().len(),
                graph.edge_count()
            );
            Ok(Outcome::Output(String::new(), found))
        }
        None => Ok(Outcome::Output(text, found)),
    }
}
