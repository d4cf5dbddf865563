//! Training: the tokenizer's data, the tagger, the lemmatizer and the parser, from
//! Universal Dependencies treebanks, the same bytes on every run.

use super::conllu::{self, Sentence};
use super::eval::evaluate;
use super::lemma::Lemmatizer;
use super::model::Model;
use super::parser::{self, Parser};
use super::tagger::{self, Lexical, Tagger};
use super::tokenize::{Tokenizer, TokenizerData};
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The training files, in `../shared/treebank` naming.
pub const TRAIN_FILES: &[&str] = &["en_ewt-ud-train.conllu", "en_gum-wiki-ud-train.conllu"];
/// The development files, scored after each epoch.
pub const DEV_FILES: &[&str] = &["en_ewt-ud-dev.conllu", "en_gum-wiki-ud-dev.conllu"];

/// Training settings; the defaults are the shipped model's.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the data for the tagger.
    pub tagger_epochs: usize,
    /// Passes over the data for the parser.
    pub parser_epochs: usize,
    /// Seed of the shuffles and of exploration.
    pub seed: u64,
    /// Averaged tagger weights below this are dropped from the model.
    pub tagger_prune: f32,
    /// Averaged parser weights below this are dropped from the model.
    pub parser_prune: f32,
    /// The parser follows its own mistakes from this epoch on (0-based)...
    pub explore_from: usize,
    /// ...with this probability.
    pub explore: f64,
    /// Also score the development files at several pruning levels, with model sizes.
    pub prune_report: bool,
    /// How many times the news-like GUM training file counts (EWT counts once).
    pub news_weight: usize,
    /// Documents left out of the training files: a sentence whose `sent_id`, without
    /// its trailing `-number`, is one of these is not trained on.
    pub held_out: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 10,
            parser_epochs: 8,
            seed: 0x5eed_0001,
            tagger_prune: 0.5,
            parser_prune: 1.25,
            explore_from: 1,
            explore: 0.9,
            prune_report: false,
            news_weight: 2,
            held_out: Vec::new(),
        }
    }
}

/// The document of a sentence: its `sent_id` without the trailing `-number`
/// (`GUM_news_korea-3` is of `GUM_news_korea`).
fn document_of(sent_id: &str) -> &str {
    match sent_id.rsplit_once('-') {
        Some((doc, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => doc,
        _ => sent_id,
    }
}

/// Reads a list of held-out documents: one `sent_id` prefix per line; blank lines and
/// lines starting with `#` are skipped.
///
/// # Errors
/// The file cannot be read.
pub fn read_held_out(path: &Path) -> Result<Vec<String>, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io(path.display().to_string(), &e))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// Items sorted by falling count, then by name: a fixed order for tags and labels.
fn by_frequency<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.to_string()).collect()
}

fn read_all(files: &[PathBuf]) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    for f in files {
        out.extend(conllu::read(f)?);
    }
    Ok(out)
}

fn tag_of(w: &conllu::Word) -> String {
    format!("{}\t{}", w.upos, w.xpos)
}

/// Trains a model on the treebanks in `dir` ([`TRAIN_FILES`], scored on [`DEV_FILES`]);
/// `log` hears progress (it is called from two threads).
///
/// # Errors
/// A treebank file is missing or malformed.
pub fn train(dir: &Path, options: &Options, log: &(dyn Fn(&str) + Sync)) -> Result<Model, Error> {
    let paths = |files: &[&str]| files.iter().map(|f| dir.join(f)).collect::<Vec<_>>();
    // GUM's news and biographies are the domain geokg reads: they count `news_weight`
    // times in training
    let mut train_files = Vec::new();
    for f in TRAIN_FILES {
        let times = if f.contains("gum") {
            options.news_weight.max(1)
        } else {
            1
        };
        train_files.extend(std::iter::repeat_n(dir.join(f), times));
    }
    train_on(&train_files, &paths(DEV_FILES), options, log)
}

/// Trains a model on the sentences of the `train` files, scoring progress on the `dev`
/// files (each dev file is also scored alone at the end).
///
/// # Errors
/// A file is missing or malformed, or the training files hold no sentence.
pub fn train_on(
    train_files: &[PathBuf],
    dev_files: &[PathBuf],
    options: &Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Model, Error> {
    let mut train = read_all(train_files)?;
    if !options.held_out.is_empty() {
        let before = train.len();
        let held: std::collections::BTreeSet<&str> =
            options.held_out.iter().map(String::as_str).collect();
        train.retain(|s| !held.contains(document_of(&s.id)));
        log(&format!(
            "left out {} training sentences of {} held-out documents",
            before - train.len(),
            held.len()
        ));
    }
    // each development file alone (scored at the end), and all of them (each epoch)
    let mut dev_sets: Vec<(String, Vec<Sentence>)> = Vec::new();
    for f in dev_files {
        dev_sets.push((f.display().to_string(), conllu::read(f)?));
    }
    let dev: Vec<Sentence> = dev_sets
        .iter()
        .flat_map(|(_, s)| s.iter().cloned())
        .collect();
    if train.is_empty() {
        return Err(Error::Usage(
            "the training files hold no sentence".to_string(),
        ));
    }
    let words = train.iter().map(|s| s.words.len()).sum::<usize>();
    log(&format!(
        "read {} training sentences ({words} words), {} development",
        train.len(),
        dev.len()
    ));

    let tokenizer_data = TokenizerData::learn(&train);
    let lemmatizer = Lemmatizer::learn(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.lemma.as_str())),
    );
    let tag_strings: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter())
        .map(tag_of)
        .collect();
    let tags = by_frequency(tag_strings.iter().map(String::as_str));
    let labels = by_frequency(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| w.deprel.as_str()),
    );
    if labels.len() > 127 || tags.len() > 255 || !labels.iter().any(|l| l == "root") {
        return Err(Error::Usage(format!(
            "the training files have {} relations and {} tags (at most 127 and 255, with a root relation)",
            labels.len(),
            tags.len()
        )));
    }
    let tag_index: BTreeMap<&str, u16> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    let label_index: BTreeMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();

    let lexical: Vec<Vec<Lexical>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| Lexical::of(&w.form)).collect())
        .collect();
    let gold_tags: Vec<Vec<u16>> = train
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| tag_index[tag_of(w).as_str()])
                .collect()
        })
        .collect();
    let tag_examples: Vec<tagger::Example> = lexical
        .iter()
        .zip(&gold_tags)
        .map(|(w, t)| tagger::Example {
            words: w.clone(),
            tags: t.clone(),
            ahead: None,
        })
        .collect();
    // the parser learns from tags as the tagger will give them: each sentence tagged by
    // a tagger trained without it (jackknifing in four folds, two at a time)
    const FOLDS: usize = 4;
    // a sentence's fold follows from its words, so that a sentence counted twice (the
    // news weight) is held out with its copy
    let fold: Vec<usize> = train
        .iter()
        .map(|s| {
            let text: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            (super::perceptron::hash_str(&text.join(" ")) % FOLDS as u64) as usize
        })
        .collect();
    let fold_taggers: Vec<Tagger> = std::thread::scope(|scope| {
        let mut out = Vec::new();
        for pair in (0..FOLDS).collect::<Vec<_>>().chunks(2) {
            let handles: Vec<_> = pair
                .iter()
                .map(|&f| {
                    let examples: Vec<&tagger::Example> = tag_examples
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| fold[*k] != f)
                        .map(|(_, e)| e)
                        .collect();
                    let tags = tags.clone();
                    scope.spawn(move || {
                        tagger::train(
                            tags,
                            &examples,
                            options.tagger_epochs,
                            options.seed ^ f as u64,
                            0.0,
                            |_, _, _| {},
                        )
                    })
                })
                .collect();
            for h in handles {
                out.push(h.join().expect("tagger fold thread"));
            }
        }
        out
    });
    let predicted_tags: Vec<Vec<u16>> = lexical
        .iter()
        .enumerate()
        .map(|(k, words)| fold_taggers[fold[k]].tag_first(words))
        .collect();
    let agree = predicted_tags
        .iter()
        .flatten()
        .zip(gold_tags.iter().flatten())
        .filter(|(a, b)| a == b)
        .count();
    log(&format!(
        "jackknifed tags for the parser: {:.4} agree with gold",
        agree as f64 / words.max(1) as f64
    ));
    let parse_examples: Vec<parser::Example> = train
        .iter()
        .zip(lexical.iter().zip(&predicted_tags))
        .map(|(s, (w, t))| {
            let mut heads: Vec<usize> = std::iter::once(0)
                .chain(s.words.iter().map(|w| w.head))
                .collect();
            parser::projectivize(&mut heads);
            let labels = std::iter::once(0)
                .chain(s.words.iter().map(|w| label_index[w.deprel.as_str()]))
                .collect();
            parser::Example {
                words: w.clone(),
                tags: t.clone(),
                heads,
                labels,
            }
        })
        .collect();

    let about = format!(
        "geokg English syntax model: tokenizer, tagger, lemmatizer and parser trained on {} ({} sentences); adapted from Universal Dependencies English EWT (CC BY-SA 4.0) and GUM news/interview/bio (CC BY / CC BY-SA); this model is licensed CC BY-SA 4.0",
        train_files
            .iter()
            .map(|p| p.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(" + "),
        train.len()
    );
    let shell = |tagger: Tagger, parser: Parser| Model {
        about: about.clone(),
        tokenizer: Tokenizer::new(tokenizer_data.clone()),
        tokenizer_data: tokenizer_data.clone(),
        tagger,
        lemmatizer: lemmatizer.clone(),
        parser,
    };

    let (tagger, parser) = std::thread::scope(|scope| {
        let t = scope.spawn(|| {
            let first = tagger::train(
                tags.clone(),
                &tag_examples.iter().collect::<Vec<_>>(),
                options.tagger_epochs,
                options.seed,
                0.0,
                |epoch, acc, _| log(&format!("tagger epoch {epoch}: train {acc:.4}")),
            );
            // the second pass learns from first-pass tags it could not have memorised
            let second_examples: Vec<tagger::Example> = lexical
                .iter()
                .zip(&gold_tags)
                .zip(&predicted_tags)
                .map(|((w, t), p)| tagger::Example {
                    words: w.clone(),
                    tags: t.clone(),
                    ahead: Some(p.clone()),
                })
                .collect();
            let second = tagger::train(
                tags.clone(),
                &second_examples.iter().collect::<Vec<_>>(),
                options.tagger_epochs,
                options.seed ^ 0x2,
                0.0,
                |epoch, acc, weights| {
                    let t = Tagger {
                        tags: tags.clone(),
                        weights: first.weights.clone(),
                        second: weights.clone(),
                    };
                    let (upos, xpos) = tag_accuracy(&t, &dev);
                    log(&format!(
                        "tagger second pass epoch {epoch}: train {acc:.4}, dev upos {upos:.4} xpos {xpos:.4}"
                    ));
                },
            );
            Tagger {
                tags: tags.clone(),
                weights: first.weights,
                second: second.weights,
            }
        });
        let p = scope.spawn(|| {
            let settings = parser::Settings {
                epochs: options.parser_epochs,
                seed: options.seed ^ 0x9a45,
                explore_from: options.explore_from,
                explore: options.explore,
                prune: 0.0,
            };
            parser::train(labels.clone(), &parse_examples, settings, |epoch, acc, model| {
                let s = evaluate_gold_tags(model, &dev, &tag_index, &label_index);
                let (f, w) = model.weights.counts();
                log(&format!(
                    "parser epoch {epoch}: train {:.4}, dev (gold tags) uas {:.4} las {:.4}; {f} features, {w} weights",
                    acc, s.0, s.1
                ));
            })
        });
        (
            t.join().expect("tagger thread"),
            p.join().expect("parser thread"),
        )
    });
    let full = shell(tagger, parser);
    let shipped = full.pruned(options.tagger_prune, options.parser_prune);
    let report = |m: &Model, (tp, pp): (f32, f32)| {
        let size = m.to_bytes().len();
        for (name, sents) in &dev_sets {
            let s = evaluate(m, sents);
            log(&format!(
                "prune {tp}/{pp} ({size} bytes) {name}: upos {:.4} xpos {:.4} lemma {:.4} uas {:.4} las {:.4} ({:.0} sent/s)",
                s.upos, s.xpos, s.lemma, s.uas, s.las, s.sentences_per_second
            ));
        }
    };
    report(&shipped, (options.tagger_prune, options.parser_prune));
    if options.prune_report {
        for (tp, pp) in [(0.0, 0.0), (0.5, 1.0), (0.5, 1.25), (0.5, 1.5), (1.0, 2.0)] {
            report(&full.pruned(tp, pp), (tp, pp));
        }
    }
    Ok(shipped)
}

/// UPOS and XPOS accuracy of a tagger on gold words, for progress reports.
fn tag_accuracy(tagger: &Tagger, dev: &[Sentence]) -> (f64, f64) {
    let (mut n, mut upos, mut xpos) = (0usize, 0usize, 0usize);
    for s in dev {
        let words: Vec<Lexical> = s.words.iter().map(|w| Lexical::of(&w.form)).collect();
        for (w, t) in s.words.iter().zip(tagger.tag(&words)) {
            let tag = &tagger.tags[t as usize];
            let (u, x) = tag.split_once('\t').unwrap_or((tag, "_"));
            n += 1;
            upos += usize::from(w.upos == u);
            xpos += usize::from(w.xpos == x);
        }
    }
    (upos as f64 / n.max(1) as f64, xpos as f64 / n.max(1) as f64)
}

/// UAS and LAS (full labels) of the parser on gold tags, for progress reports.
fn evaluate_gold_tags(
    parser: &Parser,
    dev: &[Sentence],
    tag_index: &BTreeMap<&str, u16>,
    label_index: &BTreeMap<&str, usize>,
) -> (f64, f64) {
    let (mut n, mut u, mut l) = (0usize, 0usize, 0usize);
    for s in dev {
        let words: Vec<Lexical> = s.words.iter().map(|w| Lexical::of(&w.form)).collect();
        let tags: Vec<u16> = s
            .words
            .iter()
            .map(|w| tag_index.get(tag_of(w).as_str()).copied().unwrap_or(0))
            .collect();
        let (heads, labels) = parser.parse(&parser::Input {
            words: &words,
            tags: &tags,
        });
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            if heads[i] == w.head {
                u += 1;
                if label_index.get(w.deprel.as_str()) == Some(&labels[i]) {
                    l += 1;
                }
            }
        }
    }
    (u as f64 / n.max(1) as f64, l as f64 / n.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::document_of;

    #[test]
    fn a_sentence_id_names_its_document() {
        assert_eq!(document_of("GUM_news_korea-3"), "GUM_news_korea");
        assert_eq!(
            document_of("weblog-juancole.com_juancole_20051126063000_ENG_20051126_063000-0001"),
            "weblog-juancole.com_juancole_20051126063000_ENG_20051126_063000"
        );
        // no trailing number: the id is its own document
        assert_eq!(document_of("answers-x_ans"), "answers-x_ans");
        assert_eq!(document_of("doc-"), "doc-");
    }
}
