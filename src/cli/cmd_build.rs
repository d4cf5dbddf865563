//! `geokg build` and `merge`: graph files from curated data, corpora, fragments and other graph files.

use super::*;

pub(crate) fn run_build(
    articles: &[PathBuf],
    data_files: &[PathBuf],
    no_embedded: bool,
    output: &Path,
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
    } else if no_embedded {
        data::load_files(data_files)?
    } else {
        data::load_files_with_embedded(data_files)?
    };
    let lexicon = geokg::extract::lexicon::Lexicon::embedded().map_err(|e| vec![e])?;
    let extractor = corpus.configure(geokg::extract::Extractor::new(
        dataset.actors.clone(),
        lexicon,
    ))?;
    let mut builder = geokg::graph::merge::GraphBuilder::new();
    let appending = append && output.exists();
    if appending {
        builder.add_graph(read_graph_file(output)?);
    }
    builder.add(dataset.actors, dataset.claims);
    let mut seen_docs: std::collections::HashSet<String> = std::collections::HashSet::new();
    let stats = if articles.is_empty() {
        Stats::default()
    } else {
        for_each_extraction(
            articles,
            corpus,
            &extractor,
            false,
            |ex| ex,
            |doc, ex| {
                if !seen_docs.insert(doc.id.clone()) {
                    eprintln!(
                    "geokg: warning: document id \"{}\" read more than once (one input twice, or two documents with one id); claims repeated under it count once",
                    doc.id
                );
                }
                builder.add_extraction(ex);
                Ok(true)
            },
        )?
    };
    let graph = builder.finish().map_err(|e| vec![e])?;
    write_file(output, graph_file::to_json(&graph))?;
    if appending {
        // what the file holds now, besides what this run added to it
        let docs: std::collections::HashSet<&str> = graph
            .claims()
            .iter()
            .filter_map(geokg::Claim::doc)
            .collect();
        let extracted = graph.claims().iter().filter(|c| c.doc().is_some()).count();
        eprintln!(
            "geokg: wrote {} (appended {}, {}; it now holds {} from {}, {}, {})",
            output.display(),
            count(stats.documents, "document"),
            count(stats.claims, "extracted claim"),
            count(extracted, "extracted claim"),
            count(docs.len(), "document"),
            count(graph.actors().len(), "actor"),
            count(graph.edge_count(), "edge")
        );
    } else {
        eprintln!(
            "geokg: wrote {} ({}, {}, {}, {})",
            output.display(),
            count(stats.documents, "document"),
            count(stats.claims, "extracted claim"),
            count(graph.actors().len(), "actor"),
            count(graph.edge_count(), "edge")
        );
    }
    Ok(Outcome::Output(String::new(), true))
}

/// Is this file a graph file (one JSON object with "format") rather than fragment lines?
/// Looks at the first non-blank line: a pretty graph file's is only "{"; a fragment line
/// is a whole object with "doc".
pub(crate) fn is_graph_file(path: &std::path::Path) -> Result<bool, Vec<Error>> {
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
pub(crate) fn add_fragments(
    name: &str,
    input: impl std::io::Read,
    builder: &mut geokg::graph::merge::GraphBuilder,
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
                let (text, _) = geokg::text::input::decode(name, &buf);
                if text.trim().is_empty() {
                    continue;
                }
                match graph_file::parse_fragment(name, n, text.trim()) {
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

pub(crate) fn run_merge(
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
    let mut builder = geokg::graph::merge::GraphBuilder::new();
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
    let text = graph_file::to_json(&graph);
    let found = graph.edge_count() > 0;
    match output {
        Some(path) => {
            write_file(path, &text)?;
            eprintln!(
                "geokg: wrote {} ({}, {}, {})",
                path.display(),
                count(inputs.len(), "input"),
                count(graph.actors().len(), "actor"),
                count(graph.edge_count(), "edge")
            );
            Ok(Outcome::Output(String::new(), found))
        }
        None => Ok(Outcome::Output(text, found)),
    }
}
