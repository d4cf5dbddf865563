//! Command-line front end. Exit codes: 0 results, 1 no result, 2 error.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use geokg::{data, export, graphfile, query, report, Error, KnowledgeGraph};

/// Build and query a knowledge graph of who supports, opposes and warns whom.
///
/// Without --graph, every command uses the curated data compiled into geokg.
#[derive(Parser, Debug)]
#[command(name = "geokg", version, about, long_about = None)]
#[command(after_help = "Examples:
  geokg query \"who backs Haftar\"
  geokg query \"how is France linked to Turkey\"
  geokg blocs --focus Libya
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
    /// Forms (any tense, case-insensitive; names may be aliases, acronyms, demonyms,
    /// capitals, surnames or a small typo away):
    ///   who backs|supports|arms|funds|is behind|sides with X
    ///   who opposes|fights|attacks|condemns|is against X
    ///   who warned|threatens|urged|calls on X
    ///   what|whom does X back|oppose|warn
    ///   does X back Y? / is X against Y? / did X warn Y?
    ///   how is X linked to Y
    ///   allies of X / enemies of X
    ///   what do we know about X
    ///   which camps (in X)
    ///
    /// Claims roll up through affiliations, shown "via": a claim about the LNA counts for
    /// its commander Haftar, a minister's warning for his state.
    #[command(verbatim_doc_comment)]
    #[command(after_help = "Examples:
  geokg query \"who backs Haftar\"
  geokg query \"who backs Haftar\" --why --no-hedged --min-docs 2
  geokg query \"who warned Haftar\" --no-rollup
  geokg query \"does Egypt back Haftar?\"
  geokg query \"how is France linked to Turkey\" --paths 5
  geokg query \"allies of the GNA\" --as-of 2020-06
  geokg query \"what do we know about Bashagha\" --since 2022
  geokg query \"which camps in Libya\" --json")]
    Query {
        /// The question, e.g. "who backs Haftar" or "how is France linked to Turkey".
        question: String,
        /// Print the documented JSON schema instead of text.
        #[arg(long)]
        json: bool,
        /// Show every claim behind each answer, with its sentence or citation.
        #[arg(long)]
        why: bool,
        /// How many paths "how is X linked to Y" shows at most.
        #[arg(long, value_name = "K", default_value_t = 3)]
        paths: usize,
        /// For "which camps in X": how many ties around X to follow.
        #[arg(long, value_name = "N", default_value_t = 1)]
        depth: usize,
        #[command(flatten)]
        filters: Filters,
    },
    /// Split actors into camps by structural balance: supports pulls together, opposes
    /// apart, warns apart weakly. Prints each camp, the ties that contradict the split and
    /// a balance score (1 = a clean split).
    ///
    /// With --focus, only the actor, the actors affiliated with it and those within
    /// --depth ties of them are split ("--focus Libya": Libya's governments, bodies and
    /// forces and whoever backs or fights them).
    #[command(after_help = "Examples:
  geokg blocs --focus Libya
  geokg blocs --focus Libya --since 2019 --until 2020 --why
  geokg blocs --focus Sudan --json
  geokg blocs --focus Haftar --depth 2
  geokg blocs")]
    Blocs {
        /// Split only the actors around this one (a name, alias, demonym, capital or id).
        #[arg(long, value_name = "NAME")]
        focus: Option<String>,
        /// How many ties around the focus to follow.
        #[arg(long, value_name = "N", default_value_t = 1)]
        depth: usize,
        /// Print the documented JSON schema instead of text.
        #[arg(long)]
        json: bool,
        /// Show every claim behind the ties that contradict the split.
        #[arg(long)]
        why: bool,
        #[command(flatten)]
        filters: Filters,
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
    /// Takes files, directories (searched recursively for .txt and .md) and - for
    /// standard input. Each JSON line has doc, source, source_id, relation, target,
    /// target_id, hedged, confidence, sentence, sentence_index, span and rule.
    ///
    /// Example: geokg extract articles/ --format jsonl > claims.jsonl
    /// Example: geokg extract --explain article.txt
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
    },
    /// Build a graph file from curated data and news articles.
    ///
    /// Example: geokg build --articles news/ -o graph.json
    /// Example: geokg build --data data/world.json mydata.json --articles a.txt -o g.json
    Build {
        /// Articles to extract from: files, directories or -.
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

/// Claim filters shared by `query` and `blocs`.
#[derive(clap::Args, Debug, Clone)]
struct Filters {
    /// Do not roll claims up through affiliations: no "via" answers, and no affiliation
    /// links in paths and camps.
    #[arg(long)]
    no_rollup: bool,
    /// Leave out hedged (suspected, alleged) claims.
    #[arg(long)]
    no_hedged: bool,
    /// Keep only answers (for paths and camps: links) backed by at least N distinct
    /// documents or citations.
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_docs: usize,
    /// Keep claims that still held on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    /// Claims without any date are left out by every time filter.
    #[arg(long, value_name = "DATE")]
    since: Option<geokg::Date>,
    /// Keep claims that already held on or before DATE.
    #[arg(long, value_name = "DATE")]
    until: Option<geokg::Date>,
    /// Keep claims that held at DATE.
    #[arg(long, value_name = "DATE")]
    as_of: Option<geokg::Date>,
}

impl Filters {
    fn options(&self, paths: usize, depth: usize) -> query::Options {
        query::Options {
            rollup: !self.no_rollup,
            hedged: !self.no_hedged,
            min_docs: self.min_docs,
            window: geokg::time::Window {
                since: self.since,
                until: self.until,
                as_of: self.as_of,
            },
            paths,
            depth,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ExtractFormat {
    /// One line per relation, for people.
    Text,
    /// One JSON object per line (what ../shared/eval/score.py reads).
    Jsonl,
    /// One JSON array.
    Json,
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
                    eprintln!("geokg: cannot write output: {e}");
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
        Some(p) => {
            let (text, warnings) = geokg::input::read_text(p).map_err(|e| vec![e])?;
            for w in warnings {
                eprintln!("geokg: warning: {w}");
            }
            graphfile::from_json(&p.display().to_string(), &text).map_err(|e| vec![e])
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes `text` to `path` through a temporary file renamed into place.
fn write_file(path: &PathBuf, text: &str) -> Result<(), Vec<Error>> {
    let shown = path.display().to_string();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.geokg-tmp-{}", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        vec![Error::Io {
            path: shown,
            message: e.to_string().to_lowercase(),
        }]
    })
}

fn run(cli: Cli) -> Result<Outcome, Vec<Error>> {
    match cli.command {
        Command::Query {
            question,
            json: as_json,
            why,
            paths,
            depth,
            filters,
        } => {
            let graph = load_graph(&cli.graph)?;
            let options = filters.options(paths, depth);
            let parsed = query::parse_in(&graph, &question).map_err(|e| vec![e])?;
            let reply = query::ask(&graph, &parsed, &options).map_err(|e| vec![e])?;
            for note in &reply.notes {
                eprintln!("geokg: note: {note}");
            }
            let found = reply.response.found();
            let text = if as_json {
                json(&report::reply_json(&question, &reply, why))
            } else {
                report::reply_text(&reply, why)
            };
            Ok(Outcome::Output(text, found))
        }
        Command::Blocs {
            focus,
            depth,
            json: as_json,
            why,
            filters,
        } => {
            let graph = load_graph(&cli.graph)?;
            let options = filters.options(0, depth);
            options.window.check().map_err(|e| vec![e])?;
            let focus = match focus {
                Some(name) => {
                    let (actor, note) = query::resolve(&graph, &name).map_err(|e| vec![e])?;
                    if let Some(note) = note {
                        eprintln!("geokg: note: {note}");
                    }
                    Some(actor)
                }
                None => None,
            };
            let blocs = geokg::blocs::blocs(&graph, focus, &options);
            let found = !blocs.components.is_empty();
            let text = if as_json {
                json(&report::blocs_json(None, &blocs, why))
            } else {
                report::blocs_text(&blocs, why)
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
        } => run_extract(&inputs, format, explain),
        Command::Build {
            articles,
            data: data_files,
            output,
            force,
        } => {
            if !force && (articles.contains(&output) || data_files.contains(&output)) {
                return Err(vec![Error::Usage(format!(
                    "{} is also an input; use --force to overwrite it",
                    output.display()
                ))]);
            }
            let dataset = if data_files.is_empty() {
                data::embedded()?
            } else {
                data::load_files(&data_files)?
            };
            let lexicon = geokg::lexicon::Lexicon::embedded().map_err(|e| vec![e])?;
            let extractor = geokg::extract::Extractor::new(dataset.actors.clone(), lexicon);
            let mut actors = dataset.actors;
            let mut claims = dataset.claims;
            let docs = read_inputs(&articles)?;
            let mut seen_ids: std::collections::HashSet<String> =
                actors.iter().map(|a| a.id.clone()).collect();
            let n_docs = docs.len();
            let mut n_claims = 0;
            for (doc, text) in docs {
                let ex = extractor.extract(&doc, &text);
                n_claims += ex.claims.len();
                for a in ex.new_actors {
                    if seen_ids.insert(a.id.clone()) {
                        actors.push(a);
                    }
                }
                claims.extend(ex.claims);
            }
            let graph = KnowledgeGraph::new(actors, claims).map_err(|e| vec![e])?;
            write_file(&output, &graphfile::to_json(&graph))?;
            eprintln!(
                "geokg: wrote {} ({} documents, {} extracted claims, {} actors, {} edges)",
                output.display(),
                n_docs,
                n_claims,
                graph.actors().len(),
                graph.edge_count()
            );
            Ok(Outcome::Output(String::new(), true))
        }
        Command::Check { files } => {
            // lexicon files (with "cues") are checked as lexicons, the rest as actor data
            let mut lexicons = 0;
            let mut data_files = Vec::new();
            let mut errors = Vec::new();
            for f in &files {
                let text = std::fs::read_to_string(f).unwrap_or_default();
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

/// Reads the documents named by `inputs`: (doc id, text), in a fixed order.
fn read_inputs(inputs: &[PathBuf]) -> Result<Vec<(String, String)>, Vec<Error>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            let mut bytes = Vec::new();
            use std::io::Read;
            if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                errors.push(Error::Io {
                    path: "-".into(),
                    message: e.to_string().to_lowercase(),
                });
                continue;
            }
            let (text, warnings) = geokg::input::decode("<stdin>", &bytes);
            for w in warnings {
                eprintln!("geokg: warning: {w}");
            }
            out.push(("stdin".to_string(), text));
        } else if p.is_dir() {
            collect_dir(p, &mut files, &mut errors);
        } else {
            files.push(p.clone());
        }
    }
    for f in files {
        match geokg::input::read_text(&f) {
            Ok((text, warnings)) => {
                for w in warnings {
                    eprintln!("geokg: warning: {w}");
                }
                let doc = f.file_stem().map_or_else(
                    || f.display().to_string(),
                    |s| s.to_string_lossy().into_owned(),
                );
                out.push((doc, text));
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("geokg: {e}");
        }
        if out.is_empty() {
            return Err(Vec::new());
        }
    }
    Ok(out)
}

fn collect_dir(dir: &std::path::Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Error::Io {
                path: dir.display().to_string(),
                message: e.to_string().to_lowercase(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_dir(&p, files, errors);
        } else if p.extension().is_some_and(|e| e == "txt" || e == "md") {
            files.push(p);
        }
    }
}

fn run_extract(
    inputs: &[PathBuf],
    format: ExtractFormat,
    explain: bool,
) -> Result<Outcome, Vec<Error>> {
    let extractor = geokg::extract::Extractor::embedded()?;
    let docs = read_inputs(inputs)?;
    let mut out = String::new();
    let mut all = Vec::new();
    let mut found = false;
    for (doc, text) in &docs {
        let ex = if explain {
            extractor.explain(doc, text)
        } else {
            extractor.extract(doc, text)
        };
        let lines = extractor.lines(&ex);
        found |= !lines.is_empty();
        if explain {
            out.push_str(&format!("== {doc}\n"));
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
            continue;
        }
        match format {
            ExtractFormat::Jsonl => {
                for l in &lines {
                    out.push_str(&serde_json::to_string(l).unwrap_or_default());
                    out.push('\n');
                }
            }
            ExtractFormat::Json => all.extend(lines),
            ExtractFormat::Text => {
                for l in &lines {
                    out.push_str(&format!(
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
    if format == ExtractFormat::Json && !explain {
        out = json(&all);
    }
    Ok(Outcome::Output(out, found))
}
