//! `geokg parse`: the parse of text as CoNLL-U or JSON.

use super::*;

/// Separates words for the syntax model's tokenizer: white space, control characters and
/// invisible spaces are never part of a word.
pub(crate) fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// `s` on one line: each run of separators becomes one space, and none is left at
/// either end.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if is_separator(c) {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(c);
    }
    out
}

/// A CoNLL-U field: never empty, never with a tab, line break or other separator (words
/// have none, but a model file could give a lemma or label with one); `_` stands for
/// nothing and for each separator.
pub(crate) fn conllu_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "_".into()
    } else if s.chars().any(is_separator) {
        s.chars()
            .map(|c| if is_separator(c) { '_' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// The `--explain` line of a parsed sentence: `i:form/UPOS>head:deprel` per word.
pub(crate) fn parse_line(words: &[Word]) -> String {
    let mut line = String::from("    parse:");
    for (i, w) in words.iter().enumerate() {
        line.push_str(&format!(
            " {}:{}/{}>{}:{}",
            i + 1,
            conllu_field(&w.form),
            conllu_field(&w.upos),
            w.head,
            conllu_field(&w.deprel)
        ));
    }
    line.push('\n');
    line
}

/// One word of `geokg parse --format json`; `span` counts from the start of the
/// document.
#[derive(serde::Serialize)]
pub(crate) struct ParsedWord<'a> {
    id: usize,
    form: &'a str,
    lemma: &'a str,
    upos: &'a str,
    xpos: &'a str,
    head: usize,
    deprel: &'a str,
    span: [usize; 2],
}

/// One sentence of `geokg parse --format json` as an element of the array: the
/// sentence's fields one per line, each word on one line.
pub(crate) fn json_sentence(
    doc: &str,
    index: usize,
    span: [usize; 2],
    text: &str,
    words: &[ParsedWord<'_>],
) -> String {
    let string = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let mut out = format!(
        "  {{\n    \"doc\": {},\n    \"index\": {index},\n    \"span\": [{}, {}],\n    \"text\": {},\n    \"words\": [\n",
        string(doc),
        span[0],
        span[1],
        string(text)
    );
    for (i, w) in words.iter().enumerate() {
        out.push_str("      ");
        out.push_str(&serde_json::to_string(w).unwrap_or_default());
        out.push_str(if i + 1 < words.len() { ",\n" } else { "\n" });
    }
    out.push_str("    ]\n  }");
    out
}

/// The CoNLL-U lines of one parsed sentence of the document with id `doc`, blank line
/// included; `start` is the sentence's byte offset in the document.
pub(crate) fn conllu_sentence(
    doc: &str,
    index: usize,
    start: usize,
    text: &str,
    words: &[Word],
) -> String {
    let mut out = String::new();
    let id: String = one_line(doc).replace(' ', "_");
    out.push_str(&format!(
        "# sent_id = {}-{index}\n# text = {}\n",
        if id.is_empty() { "_" } else { &id },
        one_line(text)
    ));
    for (i, w) in words.iter().enumerate() {
        let mut misc = String::new();
        if words
            .get(i + 1)
            .is_some_and(|next| next.span.start == w.span.end)
        {
            misc.push_str("SpaceAfter=No|");
        }
        misc.push_str(&format!(
            "TokenRange={}:{}",
            start + w.span.start,
            start + w.span.end
        ));
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{misc}\n",
            i + 1,
            conllu_field(&w.form),
            conllu_field(&w.lemma),
            conllu_field(&w.upos),
            conllu_field(&w.xpos),
            w.head,
            conllu_field(&w.deprel)
        ));
    }
    out.push('\n');
    out
}

/// Parses the sentences of one document: its CoNLL-U text, or its JSON array elements,
/// and how many sentences were parsed. Sentences over the limit are named on stderr.
pub(crate) fn parse_document(
    model: &Model,
    doc: &Document,
    format: ParseFormat,
) -> (String, Vec<String>, usize) {
    use geokg::limits::MAX_SENTENCE_BYTES;
    let norm = geokg::text::normalize::Normalized::new(&doc.text);
    let mut text = String::new();
    let mut elements = Vec::new();
    let mut parsed = 0;
    for (si, span) in geokg::text::sentence::split(&norm.text).iter().enumerate() {
        let (os, oe) = norm.original_span(span.start, span.end, &doc.text);
        // the same sentences extraction leaves unread (it measures the plain text)
        if span.end - span.start > MAX_SENTENCE_BYTES {
            eprintln!(
                "geokg: warning: {}: sentence {si} (bytes {os}..{oe}) is longer than {MAX_SENTENCE_BYTES} bytes; not parsed",
                doc.id
            );
            continue;
        }
        let Some(sentence) = doc.text.get(os..oe) else {
            continue;
        };
        let words = model.parse(sentence);
        if words.is_empty() {
            continue;
        }
        parsed += 1;
        match format {
            ParseFormat::Conllu => {
                if parsed == 1 {
                    text.push_str(&format!("# newdoc id = {}\n", one_line(&doc.id)));
                }
                text.push_str(&conllu_sentence(&doc.id, si, os, sentence, &words));
            }
            ParseFormat::Json => {
                let words: Vec<ParsedWord<'_>> = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| ParsedWord {
                        id: i + 1,
                        form: &w.form,
                        lemma: &w.lemma,
                        upos: &w.upos,
                        xpos: &w.xpos,
                        head: w.head,
                        deprel: &w.deprel,
                        span: [os + w.span.start, os + w.span.end],
                    })
                    .collect();
                elements.push(json_sentence(&doc.id, si, [os, oe], sentence, &words));
            }
        }
    }
    (text, elements, parsed)
}

pub(crate) fn run_parse(
    inputs: &[PathBuf],
    format: ParseFormat,
    model_file: Option<&Path>,
) -> Result<Outcome, Vec<Error>> {
    let loaded;
    let model: &Model = match model_file {
        Some(path) => {
            loaded = Model::load(path).map_err(|e| vec![e])?;
            &loaded
        }
        None => Model::embedded().map_err(|e| vec![e])?,
    };
    let mut out = Out::new();
    let mut sentences = 0usize;
    let mut documents = 0usize;
    let mut problems = 0usize;
    let mut elements = 0usize;
    for item in Reader::open(inputs, false) {
        match item {
            Item::Warning(w) => eprintln!("geokg: warning: {w}"),
            Item::Problem(e) => {
                problems += 1;
                eprintln!("geokg: {e}");
            }
            Item::Document(doc) => {
                documents += 1;
                let (mut text, pretty, parsed) = parse_document(model, &doc, format);
                sentences += parsed;
                for element in pretty {
                    text.push_str(if elements == 0 { "[\n" } else { ",\n" });
                    text.push_str(&element);
                    elements += 1;
                }
                if !out.write(&text)? {
                    break;
                }
            }
        }
    }
    if documents == 0 && problems > 0 {
        // every input failed, and each was named already
        return Err(Vec::new());
    }
    if format == ParseFormat::Json {
        out.write(if elements == 0 { "[]\n" } else { "\n]\n" })?;
    }
    out.finish()?;
    Ok(Outcome::Output(String::new(), sentences > 0))
}
