//! `geokg parse` and the parse lines of `geokg extract --explain`, through the real
//! binary: CoNLL-U that a reader of the format accepts, the JSON contract, standard
//! input, the sentence limit, and model files that are missing, empty, truncated,
//! damaged or of another version.
//!
//! Most tests parse with the model compiled into geokg (`data/model/en.syntax`), so they
//! need a trained model there.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde::Deserialize;

use common::{fixture, geokg, run, temp_dir, Run};

/// An article written for these tests: a headline, curly quotes, an em dash, a line
/// break and a tab inside sentences, accents, abbreviations and "n't".
const BRIEFING: &str = "tests/data/parse/briefing.txt";

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// Runs `geokg ARGS...` with `input` on standard input.
fn with_stdin(args: &[&str], input: &str) -> Run {
    let mut child = geokg()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    Run {
        code: out.status.code().expect("geokg was killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The bytes of the embedded model file.
fn embedded_model() -> Vec<u8> {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model/en.syntax"))
        .expect("data/model/en.syntax");
    assert!(
        bytes.len() > 64,
        "data/model/en.syntax is empty: no model has been trained into the build yet"
    );
    bytes
}

// ---------------------------------------------------------------------------------------
// CoNLL-U, read back as a consumer of the format would
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct ConlluWord {
    id: usize,
    form: String,
    lemma: String,
    upos: String,
    xpos: String,
    head: usize,
    deprel: String,
    space_after: bool,
    range: (usize, usize),
}

#[derive(Debug)]
struct ConlluSentence {
    newdoc: Option<String>,
    sent_id: String,
    text: String,
    words: Vec<ConlluWord>,
}

/// Reads CoNLL-U output strictly: comment lines, then word lines of exactly ten
/// tab-separated columns, then one blank line, for every sentence.
fn read_conllu(out: &str) -> Vec<ConlluSentence> {
    assert!(
        out.is_empty() || out.ends_with("\n\n"),
        "the last sentence is not followed by a blank line:\n{out}"
    );
    let mut sentences = Vec::new();
    for block in out.split_terminator("\n\n") {
        let mut newdoc = None;
        let mut sent_id = None;
        let mut text = None;
        let mut words = Vec::new();
        for line in block.lines() {
            assert!(!line.is_empty(), "two blank lines in a row:\n{out}");
            if let Some(comment) = line.strip_prefix('#') {
                assert!(words.is_empty(), "a comment after the words: {line}");
                if let Some(v) = comment.strip_prefix(" newdoc id = ") {
                    newdoc = Some(v.to_string());
                } else if let Some(v) = comment.strip_prefix(" sent_id = ") {
                    sent_id = Some(v.to_string());
                } else if let Some(v) = comment.strip_prefix(" text = ") {
                    text = Some(v.to_string());
                } else {
                    panic!("unexpected comment: {line}");
                }
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 10, "a word line without ten columns: {line:?}");
            for c in &cols {
                assert!(!c.is_empty(), "an empty column: {line:?}");
                assert!(
                    !c.contains(char::is_whitespace),
                    "white space in a column: {line:?}"
                );
            }
            assert_eq!(cols[5], "_", "FEATS: {line}");
            assert_eq!(cols[8], "_", "DEPS: {line}");
            let mut space_after = true;
            let mut range = None;
            for item in cols[9].split('|') {
                match item.split_once('=') {
                    Some(("SpaceAfter", "No")) => space_after = false,
                    Some(("TokenRange", r)) => {
                        let (a, b) = r.split_once(':').expect("TokenRange=START:END");
                        range = Some((a.parse().unwrap(), b.parse().unwrap()));
                    }
                    _ => panic!("unexpected MISC item {item:?} in {line}"),
                }
            }
            words.push(ConlluWord {
                id: cols[0].parse().expect("ID is a number"),
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                head: cols[6].parse().expect("HEAD is a number"),
                deprel: cols[7].to_string(),
                space_after,
                range: range.expect("every word has a TokenRange"),
            });
        }
        sentences.push(ConlluSentence {
            newdoc,
            sent_id: sent_id.expect("every sentence has a sent_id"),
            text: text.expect("every sentence has a text"),
            words,
        });
    }
    sentences
}

/// Heads are a tree: ids 1..n, heads in 0..=n, exactly one root (labelled root), and
/// following heads from any word reaches the root.
fn check_tree(what: &str, ids: &[usize], heads: &[usize], deprels: &[&str]) {
    let n = ids.len();
    assert!(n > 0, "{what}: a sentence without words");
    assert_eq!(ids, (1..=n).collect::<Vec<_>>(), "{what}: ids are not 1..n");
    for (i, &h) in heads.iter().enumerate() {
        assert!(h <= n, "{what}: word {} has head {h} of {n}", i + 1);
        assert_ne!(h, i + 1, "{what}: word {} is its own head", i + 1);
        assert_eq!(
            h == 0,
            deprels[i] == "root",
            "{what}: word {} has head {h} and relation {}",
            i + 1,
            deprels[i]
        );
    }
    assert_eq!(
        heads.iter().filter(|&&h| h == 0).count(),
        1,
        "{what}: not exactly one root: {heads:?}"
    );
    for start in 1..=n {
        let mut w = start;
        let mut steps = 0;
        while w != 0 {
            w = heads[w - 1];
            steps += 1;
            assert!(
                steps <= n,
                "{what}: a cycle through word {start}: {heads:?}"
            );
        }
    }
}

/// Every sentence of CoNLL-U output of `doc` (whose text is `text`) is well formed, and
/// its words point back into the text.
fn check_conllu_of(doc: &str, text: &str, sentences: &[ConlluSentence]) {
    let mut last_end = 0;
    let mut last_index = None;
    for s in sentences {
        let index: usize = s
            .sent_id
            .strip_prefix(&format!("{doc}-"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("sent_id {} is not {doc}-N", s.sent_id));
        assert!(
            last_index.is_none_or(|l| index > l),
            "sentence indices do not grow: {}",
            s.sent_id
        );
        last_index = Some(index);
        let ids: Vec<usize> = s.words.iter().map(|w| w.id).collect();
        let heads: Vec<usize> = s.words.iter().map(|w| w.head).collect();
        let deprels: Vec<&str> = s.words.iter().map(|w| w.deprel.as_str()).collect();
        check_tree(&s.sent_id, &ids, &heads, &deprels);
        let mut rebuilt = String::new();
        for (i, w) in s.words.iter().enumerate() {
            let (a, b) = w.range;
            assert!(a < b, "{}: empty TokenRange {a}:{b}", s.sent_id);
            assert!(a >= last_end, "{}: words overlap or go back", s.sent_id);
            last_end = b;
            assert_eq!(
                text.get(a..b),
                Some(w.form.as_str()),
                "{}: TokenRange {a}:{b} does not give the form back",
                s.sent_id
            );
            if let Some(next) = s.words.get(i + 1) {
                assert_eq!(
                    w.space_after,
                    next.range.0 > b,
                    "{}: SpaceAfter of {} is wrong",
                    s.sent_id,
                    w.form
                );
            }
            for v in [&w.lemma, &w.upos, &w.xpos] {
                assert!(!v.is_empty());
            }
            rebuilt.push_str(&w.form);
            if w.space_after && i + 1 < s.words.len() {
                rebuilt.push(' ');
            }
        }
        // CoNLL-U: the text is the forms, with a space unless SpaceAfter=No
        assert_eq!(rebuilt, s.text, "{}: # text is not the words", s.sent_id);
        let first = s.words[0].range.0;
        let last = s.words[s.words.len() - 1].range.1;
        assert_eq!(
            text[first..last]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            s.text,
            "{}: # text is not the sentence with its spaces collapsed",
            s.sent_id
        );
    }
}

#[test]
fn conllu_output_is_well_formed_and_points_into_the_text() {
    let dir = temp_dir("parse-conllu");
    let second = dir.join("second.txt");
    std::fs::write(
        &second,
        "Egypt condemned the attack. Paris urged restraint.\n",
    )
    .unwrap();
    let r = run([
        "parse",
        &fixture("parse/briefing.txt"),
        second.to_str().unwrap(),
    ])
    .expect_code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let sentences = read_conllu(&r.stdout);
    let (first, rest): (Vec<_>, Vec<_>) = sentences
        .into_iter()
        .partition(|s| s.sent_id.starts_with("briefing-"));
    assert_eq!(first[0].newdoc.as_deref(), Some("briefing"));
    assert!(first[1..].iter().all(|s| s.newdoc.is_none()));
    assert_eq!(rest[0].newdoc.as_deref(), Some("second"));
    // the sentences are extraction's: the headline, then one per sentence, the one
    // broken over two lines included
    let ids: Vec<&str> = first.iter().map(|s| s.sent_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "briefing-0",
            "briefing-1",
            "briefing-2",
            "briefing-3",
            "briefing-4"
        ]
    );
    assert_eq!(first[0].text, "Ankara and Cairo trade warnings over Libya");
    assert!(
        first[2]
            .text
            .ends_with("pushed west — but Egypt didn’t join the offensive."),
        "{}",
        first[2].text
    );
    assert!(first[3].text.contains("troops,” said"), "{}", first[3].text);
    check_conllu_of("briefing", &read(BRIEFING), &first);
    check_conllu_of("second", &std::fs::read_to_string(&second).unwrap(), &rest);
    assert_eq!(rest.len(), 2);
}

#[test]
fn standard_input_is_the_document_stdin() {
    let r = with_stdin(&["parse", "-"], "Turkey backs the GNA.\n").expect_code(0);
    let sentences = read_conllu(&r.stdout);
    assert_eq!(sentences.len(), 1, "{}", r.stdout);
    let s = &sentences[0];
    assert_eq!(s.newdoc.as_deref(), Some("stdin"));
    assert_eq!(s.sent_id, "stdin-0");
    assert_eq!(s.text, "Turkey backs the GNA.");
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(forms, ["Turkey", "backs", "the", "GNA", "."]);
    assert!(!s.words[3].space_after, "GNA is followed by the full stop");
    check_conllu_of("stdin", "Turkey backs the GNA.\n", &sentences);
}

#[test]
fn input_without_a_sentence_exits_1() {
    let r = with_stdin(&["parse", "-"], " \n\n \t\n").expect_code(1);
    assert_eq!(r.stdout, "");
    let r = with_stdin(&["parse", "--format", "json", "-"], "\n").expect_code(1);
    assert_eq!(r.stdout.trim(), "[]");
}

#[test]
fn a_missing_input_is_an_error_naming_it() {
    let r = run(["parse", "tests/data/parse/no-such-file.txt"]).expect_code(2);
    assert!(
        r.stderr.contains("tests/data/parse/no-such-file.txt"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

// ---------------------------------------------------------------------------------------
// JSON: the documented contract, declared here on purpose
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceJson {
    doc: String,
    index: usize,
    span: [usize; 2],
    text: String,
    words: Vec<WordJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordJson {
    id: usize,
    form: String,
    lemma: String,
    upos: String,
    xpos: String,
    head: usize,
    deprel: String,
    span: [usize; 2],
}

#[test]
fn json_output_follows_the_schema_and_agrees_with_conllu() {
    let r = run(["parse", "--format", "json", BRIEFING]).expect_code(0);
    let sentences: Vec<SentenceJson> =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}:\n{}", r.stdout));
    let text = read(BRIEFING);
    assert_eq!(sentences.len(), 5);
    let mut last_end = 0;
    for (k, s) in sentences.iter().enumerate() {
        assert_eq!(s.doc, "briefing");
        assert_eq!(s.index, k);
        assert_eq!(text.get(s.span[0]..s.span[1]), Some(s.text.as_str()));
        assert!(s.span[0] >= last_end, "sentences overlap");
        last_end = s.span[1];
        let ids: Vec<usize> = s.words.iter().map(|w| w.id).collect();
        let heads: Vec<usize> = s.words.iter().map(|w| w.head).collect();
        let deprels: Vec<&str> = s.words.iter().map(|w| w.deprel.as_str()).collect();
        check_tree(&format!("sentence {k}"), &ids, &heads, &deprels);
        let mut at = s.span[0];
        for w in &s.words {
            assert!(w.span[0] >= at && w.span[0] < w.span[1] && w.span[1] <= s.span[1]);
            at = w.span[1];
            assert_eq!(text.get(w.span[0]..w.span[1]), Some(w.form.as_str()));
        }
    }
    // the same parse as CoNLL-U
    let conllu = read_conllu(&run(["parse", BRIEFING]).expect_code(0).stdout);
    assert_eq!(conllu.len(), sentences.len());
    for (c, j) in conllu.iter().zip(&sentences) {
        assert_eq!(c.words.len(), j.words.len());
        for (a, b) in c.words.iter().zip(&j.words) {
            assert_eq!(
                (&a.form, &a.lemma, &a.upos, &a.xpos, a.head, &a.deprel),
                (&b.form, &b.lemma, &b.upos, &b.xpos, b.head, &b.deprel)
            );
            assert_eq!(a.range, (b.span[0], b.span[1]));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The sentence limit
// ---------------------------------------------------------------------------------------

#[test]
fn a_sentence_over_the_limit_is_named_and_the_others_are_parsed() {
    let dir = temp_dir("parse-long");
    let text = format!(
        "Turkey backs the GNA. Words {}words. Egypt condemned Haftar.\n",
        "and more ".repeat(geokg::limits::MAX_SENTENCE_BYTES / 9 + 10)
    );
    let path = dir.join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let start = text.find("Words").unwrap();
    let end = text.find("words.").unwrap() + "words.".len();
    assert!(end - start > geokg::limits::MAX_SENTENCE_BYTES);
    let warning = format!(
        "geokg: warning: long: sentence 1 (bytes {start}..{end}) is longer than {} bytes; not parsed",
        geokg::limits::MAX_SENTENCE_BYTES
    );
    let r = run(["parse", path.to_str().unwrap()]).expect_code(0);
    assert_eq!(r.stderr.trim(), warning);
    let sentences = read_conllu(&r.stdout);
    let ids: Vec<&str> = sentences.iter().map(|s| s.sent_id.as_str()).collect();
    assert_eq!(ids, ["long-0", "long-2"]);
    check_conllu_of("long", &text, &sentences);
    let r = run(["parse", "--format", "json", path.to_str().unwrap()]).expect_code(0);
    assert_eq!(r.stderr.trim(), warning);
    let sentences: Vec<SentenceJson> = serde_json::from_str(&r.stdout).unwrap();
    let indices: Vec<usize> = sentences.iter().map(|s| s.index).collect();
    assert_eq!(indices, [0, 2]);
}

// ---------------------------------------------------------------------------------------
// --model: another model file, and files that are not one
// ---------------------------------------------------------------------------------------

#[test]
fn a_copy_of_the_embedded_model_parses_alike() {
    let dir = temp_dir("parse-model-copy");
    let path = dir.join("copy.syntax");
    std::fs::write(&path, embedded_model()).unwrap();
    let embedded = run(["parse", BRIEFING]).expect_code(0);
    let loaded = run(["parse", "--model", path.to_str().unwrap(), BRIEFING]).expect_code(0);
    assert_eq!(embedded.stdout, loaded.stdout);
}

/// `extract --model` parses with the file given: a copy of the embedded model reads the
/// same relations, a model trained on a few sentences reads other trees (seen through
/// `--explain`), and a file that is no model is an error naming it, before any input.
#[test]
fn extract_parses_with_the_model_given() {
    let dir = temp_dir("extract-model");
    let copy = dir.join("copy.syntax");
    std::fs::write(&copy, embedded_model()).unwrap();
    let args = [
        "extract",
        "-q",
        "--extractor",
        "frames",
        "--format",
        "jsonl",
    ];
    let embedded = run(args.iter().copied().chain([BRIEFING])).expect_code(0);
    let loaded = run(args
        .iter()
        .copied()
        .chain(["--model", copy.to_str().unwrap(), BRIEFING]))
    .expect_code(0);
    assert!(!embedded.stdout.is_empty());
    assert_eq!(embedded.stdout, loaded.stdout);

    let fixture = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/syntax")
            .join(name)
    };
    let options = geokg::syntax::train::Options {
        tagger_epochs: 2,
        parser_epochs: 2,
        ..geokg::syntax::train::Options::default()
    };
    let tiny = geokg::syntax::train::train_on(
        &[fixture("tiny-train.conllu")],
        &[fixture("tiny-dev.conllu")],
        &options,
        &|_| {},
    )
    .expect("the tiny treebank trains");
    let tiny_path = dir.join("tiny.syntax");
    std::fs::write(&tiny_path, tiny.to_bytes()).unwrap();
    let explain = ["extract", "-q", "--extractor", "frames", "--explain"];
    let with_embedded = run(explain.iter().copied().chain([BRIEFING])).expect_code(0);
    let with_tiny =
        run(explain
            .iter()
            .copied()
            .chain(["--model", tiny_path.to_str().unwrap(), BRIEFING]));
    // exit 1 when the tiny model's trees give no relation
    assert!(with_tiny.code <= 1, "{}", with_tiny.stderr);
    let parses = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.trim_start().starts_with("parse: "))
            .map(str::to_string)
            .collect()
    };
    assert!(
        !parses(&with_embedded.stdout).is_empty(),
        "{}",
        with_embedded.stdout
    );
    assert_ne!(
        parses(&with_embedded.stdout),
        parses(&with_tiny.stdout),
        "the trees shown do not come from the model given"
    );

    let shown = BRIEFING;
    let r = run(args.iter().copied().chain(["--model", shown, BRIEFING])).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!("geokg: {shown}: ")),
        "{}",
        r.stderr
    );
}

/// `geokg parse --model MODEL` fails with exit 2 and a message naming the file, and
/// reads no input.
fn refuses_model(model: &Path) -> String {
    let shown = model.to_str().unwrap();
    let r = run(["parse", "--model", shown, BRIEFING]).expect_code(2);
    assert_eq!(r.stdout, "", "output from a bad model");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!("geokg: {shown}: ")),
        "the message does not name {shown}: {}",
        r.stderr
    );
    r.stderr
}

fn model_file(test: &str, bytes: &[u8]) -> PathBuf {
    let path = temp_dir(test).join("model.syntax");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_missing_model_file_is_an_error_naming_it() {
    let path = temp_dir("parse-model-missing").join("none.syntax");
    let e = refuses_model(&path);
    assert!(e.contains("no such file"), "{e}");
}

#[test]
fn an_empty_model_file_is_an_error_naming_it() {
    let e = refuses_model(&model_file("parse-model-empty", b""));
    assert!(e.contains("empty"), "{e}");
}

#[test]
fn a_file_that_is_no_model_is_an_error_naming_it() {
    refuses_model(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BRIEFING));
}

#[test]
fn a_truncated_model_file_is_an_error_naming_it() {
    let bytes = embedded_model();
    for keep in [4, 20, 28, 29, bytes.len() / 2, bytes.len() - 1] {
        refuses_model(&model_file("parse-model-truncated", &bytes[..keep]));
    }
}

#[test]
fn a_model_file_with_a_flipped_byte_is_an_error_naming_it() {
    let mut bytes = embedded_model();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    refuses_model(&model_file("parse-model-flipped", &bytes));
}

#[test]
fn a_model_file_of_another_version_is_an_error_naming_it() {
    let mut bytes = embedded_model();
    assert_eq!(
        bytes[8..12],
        geokg::syntax::FORMAT_VERSION.to_le_bytes(),
        "the version field is bytes 8..12"
    );
    bytes[8..12].copy_from_slice(&(geokg::syntax::FORMAT_VERSION + 1).to_le_bytes());
    let e = refuses_model(&model_file("parse-model-version", &bytes));
    assert!(e.contains("version"), "{e}");
}

// ---------------------------------------------------------------------------------------
// extract --explain and help
// ---------------------------------------------------------------------------------------

#[test]
fn extract_explain_shows_the_parse_of_each_sentence() {
    // the surface engine's explanation shows the parse too (the frame engine's has its
    // own test below)
    let r = run([
        "extract",
        "--extractor",
        "surface",
        "--explain",
        "-q",
        BRIEFING,
    ])
    .expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let mut shown = 0;
    for (k, line) in lines.iter().enumerate() {
        if !line.starts_with('[') {
            continue;
        }
        shown += 1;
        let parse = lines
            .get(k + 1)
            .and_then(|l| l.strip_prefix("    parse: "))
            .unwrap_or_else(|| panic!("no parse line under {line}:\n{}", r.stdout));
        // i:form/UPOS>head:deprel per word
        let mut ids = Vec::new();
        let mut heads = Vec::new();
        let mut deprels = Vec::new();
        for item in parse.split(' ') {
            let (id, rest) = item.split_once(':').expect("i:");
            let (word, arc) = rest.rsplit_once('>').expect(">head:deprel");
            let (form, upos) = word.rsplit_once('/').expect("form/UPOS");
            assert!(!form.is_empty() && !upos.is_empty(), "{item}");
            let (head, deprel) = arc.split_once(':').expect("head:deprel");
            ids.push(id.parse::<usize>().unwrap());
            heads.push(head.parse::<usize>().unwrap());
            deprels.push(deprel);
        }
        check_tree(line, &ids, &heads, &deprels);
    }
    assert_eq!(shown, 5, "{}", r.stdout);
    assert!(r.stdout.contains("    parse: 1:Türkiye/"), "{}", r.stdout);
    // the relations read are those of a run without --explain
    let plain = run(["extract", "-q", BRIEFING]).expect_code(0);
    assert!(plain
        .stdout
        .contains("Turkey supports Government of National Accord"));
    assert!(r
        .stdout
        .contains("claim tur supports gna [supports.active]"));
}

#[test]
fn parse_help_documents_the_formats_and_examples() {
    let r = run(["parse", "--help"]).expect_code(0);
    for want in [
        "conllu",
        "json",
        "--model",
        "TokenRange",
        "SpaceAfter=No",
        "echo \"Turkey backs the GNA.\" | geokg parse -",
        "Exit status",
    ] {
        assert!(
            r.stdout.contains(want),
            "help lacks {want:?}:\n{}",
            r.stdout
        );
    }
}

/// The tree `--explain` shows is the one the engines read: that of the sentence's plain
/// form (dashes and curly quotes made ASCII) after its dateline, with the words as written.
#[test]
fn extract_explain_shows_the_tree_of_the_plain_sentence() {
    // (the frame engine also tells the tagger which words end known names, which can
    // change a tree: this sentence is one where it does not)
    let body = "The army \u{2014} which Egypt backs \u{2014} shelled the rebels of the RSF.";
    let plain = body.replace('\u{2014}', "-");
    let parse = |text: &str| -> Vec<String> {
        let out = with_stdin(&["parse", "--format", "conllu", "-"], text).expect_code(0);
        read_conllu(&out.stdout)
            .iter()
            .flat_map(|s| &s.words)
            .map(|w| format!("{}>{}:{}", w.id, w.head, w.deprel))
            .collect()
    };
    let of_plain = parse(&plain);
    assert_ne!(
        of_plain,
        parse(body),
        "this sentence no longer tells the two trees apart: pick another"
    );
    let dir = temp_dir("explain-plain");
    let file = dir.join("dateline.txt");
    // a dateline opens the sentence: the tree is that of the sentence after it
    std::fs::write(&file, format!("KHARTOUM \u{2014} {body}\n")).unwrap();
    let r = run(["extract", "--explain", "-q", file.to_str().unwrap()]);
    let line = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("    parse: "))
        .unwrap_or_else(|| panic!("no parse line:\n{}", r.stdout));
    assert!(
        line.starts_with("1:The/DET>"),
        "the dateline is no part of the tree: {line}"
    );
    assert!(
        line.contains(" 3:\u{2014}/PUNCT>"),
        "the dash as written: {line}"
    );
    let shown: Vec<String> = line
        .split(' ')
        .map(|item| {
            let (id, rest) = item.split_once(':').unwrap();
            format!("{id}>{}", rest.rsplit_once('>').unwrap().1)
        })
        .collect();
    assert_eq!(shown, of_plain);
}

#[test]
fn extract_explain_with_frames_shows_the_tree_the_frame_and_the_decision() {
    let dir = std::env::temp_dir().join(format!("geokg-explain-frames-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("brief.txt");
    std::fs::write(
        &file,
        "Qatar funded Hamas for years. Egypt denied arming Haftar. If Turkey backs the GNA, Egypt will intervene.\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let r = run(["extract", "--extractor", "frames", "--explain", "-q", path]).expect_code(0);
    let out = &r.stdout;
    // the tree of each sentence
    assert_eq!(out.matches("    parse: ").count(), 3, "{out}");
    // the frame that fired, by id
    assert!(
        out.contains("claim qat supports hamas [verb.support on \"funded\"]"),
        "{out}"
    );
    // and why the others gave nothing: negation, condition
    assert!(
        out.contains("no claim from \"arming\" [verb.support]: under \"denied\""),
        "{out}"
    );
    assert!(
        out.contains("no claim from \"backs\" [verb.support]: in a condition"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
