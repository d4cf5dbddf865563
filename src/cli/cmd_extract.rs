//! `geokg extract`: claims, explanations and fragments of a corpus.

use super::*;

pub(crate) fn explain_text(
    extractor: &geokg::extract::Extractor,
    ex: &geokg::extract::Extraction,
    syntax: Option<&Model>,
) -> String {
    let mut out = format!("== {}\n", ex.doc);
    for s in &ex.sentences {
        out.push_str(&format!(
            "[{}] {}..{} {}\n",
            s.index,
            s.span.start,
            s.span.end,
            s.text.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
        if !s.tree.is_empty() {
            // the tree the frame engine read
            out.push_str(&parse_line(&s.tree));
        } else if let Some(model) = syntax {
            // the surface engine reads no tree: the one the frame engine would read
            out.push_str(&parse_line(&extractor.parse_as_written(model, &s.text)));
        }
        for (t, id, how) in &s.mentions {
            out.push_str(&format!("    mention \"{t}\" -> {id} ({how})\n"));
        }
        for (src, rel, tgt, hedged, rule) in &s.claims {
            out.push_str(&format!(
                "    claim {src} {rel} {tgt}{} [{rule}]\n",
                if *hedged { " (hedged)" } else { "" }
            ));
        }
        if let Some(why) = &s.not_read {
            out.push_str(&format!("    not parsed for frames: {why}\n"));
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

pub(crate) fn run_extract(
    inputs: &[PathBuf],
    format: ExtractFormat,
    explain: bool,
    corpus: &CorpusArgs,
) -> Result<Outcome, Vec<Error>> {
    let extractor = corpus.configure(geokg::extract::Extractor::embedded()?)?;
    // --explain shows each sentence's parse; without a usable model it says so once
    let syntax = if explain {
        match extractor.syntax_model() {
            Some(m) => Some(m),
            None => match Model::embedded() {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!("geokg: note: no parse shown: {e}");
                    None
                }
            },
        }
    } else {
        None
    };
    let mut out = Out::new();
    let mut found = false;
    let mut elements = 0usize;
    // each document's output is written on the worker that read it; JSON array elements
    // get their separators here, in order
    let render = |ex: geokg::extract::Extraction| {
        let lines = extractor.lines(&ex);
        let mut text = String::new();
        let mut pretty = Vec::new();
        if explain {
            text = explain_text(&extractor, &ex, syntax);
        } else {
            match format {
                ExtractFormat::Jsonl => {
                    for l in &lines {
                        text.push_str(&serde_json::to_string(l).unwrap_or_default());
                        text.push('\n');
                    }
                }
                ExtractFormat::Fragments => {
                    text = graph_file::Fragment::of(&ex).to_line();
                }
                ExtractFormat::Json => pretty = lines.iter().map(pretty_element).collect(),
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
        (!lines.is_empty(), text, pretty)
    };
    for_each_extraction(
        inputs,
        corpus,
        &extractor,
        explain,
        render,
        |_doc, (any, mut text, pretty)| {
            found |= any;
            for element in pretty {
                text.push_str(if elements == 0 { "[\n" } else { ",\n" });
                text.push_str(&element);
                elements += 1;
            }
            out.write(&text)
        },
    )?;
    if format == ExtractFormat::Json && !explain {
        out.write(if elements == 0 { "[]\n" } else { "\n]\n" })?;
    }
    out.finish()?;
    Ok(Outcome::Output(String::new(), found))
}
