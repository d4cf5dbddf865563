//! Command-line front end. Exit codes: 0 results, 1 no result, 2 error.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use geokg::graph::{data, file as graph_file};
use geokg::query::report;
use geokg::syntax::{Model, Word};
use geokg::text::corpus::{Document, Item, Reader};
use geokg::{export, query, Error, KnowledgeGraph};

/// `eprintln!` that ignores a standard error it cannot write to (closed, on a full disk)
/// instead of panicking: messages are lost, the exit status still tells.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod batch;
mod cmd_build;
mod cmd_check;
mod cmd_export;
mod cmd_extract;
mod cmd_parse;
mod output;

use args::*;
use batch::*;
use cmd_build::*;
use cmd_check::*;
use cmd_export::*;
use cmd_extract::*;
use cmd_parse::*;
use output::*;

/// What a command produced.
pub(crate) enum Outcome {
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

pub(crate) fn load_graph(path: &Option<PathBuf>) -> Result<KnowledgeGraph, Vec<Error>> {
    match path {
        None => geokg::default_graph().map_err(|e| e.problems().to_vec()),
        Some(p) => read_graph_file(p),
    }
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
            // The process ends with the answer: freeing the graph piece by piece would
            // take a tenth of a query's time, and the system takes the memory back anyway.
            drop(reply);
            std::mem::forget(graph);
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
            let place = focus_place(&graph, focus.as_deref(), &options.window)?;
            let blocs = geokg::query::blocs::blocs(&graph, place.as_ref(), &options);
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
            pick,
            look,
        } => run_export(&cli.graph, format, output, &pick, &look),
        Command::Render {
            output,
            engine,
            pick,
            look,
        } => run_render(&cli.graph, &output, engine, &pick, &look),
        Command::View {
            output,
            engine,
            pick,
            look,
        } => run_view(&cli.graph, &output, engine, &pick, &look),
        Command::Extract {
            inputs,
            format,
            explain,
            corpus,
        } => run_extract(&inputs, format, explain, &corpus),
        Command::Parse {
            inputs,
            format,
            model,
        } => run_parse(&inputs, format, model.as_deref()),
        Command::Build {
            articles,
            data: data_files,
            no_embedded,
            output,
            force,
            append,
            corpus,
        } => {
            if let Some(g) = &cli.graph {
                return Err(vec![Error::Usage(format!(
                    "--graph {} cannot be used with build: build starts from the curated data \
                     (embedded, plus --data files); to add to an existing graph file, use \
                     build --append -o {} (or geokg merge)",
                    g.display(),
                    g.display()
                ))]);
            }
            run_build(
                &articles,
                &data_files,
                no_embedded,
                &output,
                force,
                append,
                &corpus,
            )
        }
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
                let text = match geokg::text::input::read_json(f) {
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
                    match geokg::extract::lexicon::Lexicon::from_json(
                        &f.display().to_string(),
                        &text,
                    ) {
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
            // a curated relation must say where it is published, not only in words
            if !data.unsourced.is_empty() {
                return Err(data.unsourced);
            }
            let what = if files.is_empty() {
                "embedded data".to_string()
            } else {
                plural_files(files.len())
            };
            Ok(Outcome::Output(
                format!(
                    "ok: {what}: {}, {}\n{}",
                    count(data.actors.len(), "actor"),
                    count(data.claims.len(), "relation"),
                    coverage(&data)
                ),
                true,
            ))
        }
    }
}

pub(crate) fn plural_files(n: usize) -> String {
    count(n, "file")
}

/// "1 document", "2 documents": a count with its noun in the right number (every noun
/// counted in geokg's messages takes a plain `s`).
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(crate) fn io_error(path: &str, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        message: e.to_string().to_lowercase(),
    }
}

pub(crate) fn read_graph_file(path: &std::path::Path) -> Result<KnowledgeGraph, Vec<Error>> {
    let text = geokg::text::input::read_json(path).map_err(|e| vec![e])?;
    graph_file::from_json(&path.display().to_string(), &text).map_err(|e| vec![e])
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
