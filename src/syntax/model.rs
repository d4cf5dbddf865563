//! The syntax model: tokenizer data, tagger, lemmatizer and parser in one file, and the
//! pipeline that runs them over a sentence.
//!
//! File layout (all integers little-endian):
//!
//! | bytes | content |
//! | --- | --- |
//! | 8 | magic `GEOKGSYN` |
//! | 4 | format version ([`FORMAT_VERSION`]) |
//! | 8 | payload length |
//! | 8 | checksum of the payload |
//! | n | payload: a description, the tokenizer's data, the tagger, the lemmatizer, the parser |
//!
//! The weight tables inside the payload are laid out as they are looked up (see
//! `perceptron::Weights` and docs/syntax.md): reading a model checks every field and keeps
//! views of the file's bytes, so the model compiled in loads without a copy and a model
//! read from a file costs one read.

use super::bytes::{Reader, Shared, Writer};
use super::lemma::Lemmatizer;
use super::parser::{self, Parser};
use super::perceptron::{finish, Weights};
use super::tagger::{Lexical, Tagger};
use super::tokenize::{Tokenizer, TokenizerData};
use crate::error::Error;
use std::ops::Range;

const MAGIC: &[u8; 8] = b"GEOKGSYN";
/// The model file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 8 + 8;

/// The model compiled into the library (empty until one is trained).
static EMBEDDED: &[u8] = include_bytes!("../../data/model/en.syntax");

/// A checksum of the payload: 64-bit words mixed in four independent lanes (so that the
/// processor works on four at once), then the lanes and the last bytes, finished.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let seed = 0x6765_6f6b_6773_796e ^ bytes.len() as u64;
    let mut lanes = [seed, seed ^ 1, seed ^ 2, seed ^ 3];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (lane, w) in lanes.iter_mut().zip(c.chunks_exact(8)) {
            let v = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            *lane = (*lane ^ v).wrapping_mul(K).rotate_left(29);
        }
    }
    let mut h = seed;
    for lane in lanes {
        h = (h ^ finish(lane)).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    finish(h)
}

/// What a caller knows of a word before it is tagged, from outside the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    /// Nothing: the tagger decides.
    #[default]
    Free,
    /// A content word: a noun, proper noun, verb or adjective, never an adverb or a
    /// function word.
    Content,
    /// The last word of a name the caller knows (a registry name): a proper noun.
    Name,
}

/// One word of a parsed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written.
    pub form: String,
    /// Byte span of the word in the text given to [`Model::parse`].
    pub span: Range<usize>,
    /// Dictionary form.
    pub lemma: String,
    /// Universal part of speech (`NOUN`, `VERB`, `PROPN`...).
    pub upos: String,
    /// Penn Treebank part of speech (`NN`, `VBD`, `NNP`...).
    pub xpos: String,
    /// 1-based index of the head word; 0 for the root of the sentence.
    pub head: usize,
    /// Universal Dependencies relation to the head, with subtype (`nsubj:pass`).
    pub deprel: String,
}

/// A trained syntax model: tokenizer, tagger, lemmatizer and parser.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) about: String,
    pub(crate) tokenizer_data: TokenizerData,
    pub(crate) tokenizer: Tokenizer,
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
}

fn corrupt(name: &str, message: impl std::fmt::Display) -> Error {
    Error::Data {
        location: crate::error::Location {
            path: name.to_string(),
            line: 0,
            column: 0,
        },
        field: String::new(),
        message: format!("not a usable geokg syntax model: {message}"),
    }
}

impl Model {
    /// The model compiled into the library, loaded once.
    ///
    /// # Errors
    /// Only if the build embedded no model or a broken one, which the tests rule out.
    pub fn embedded() -> Result<&'static Model, Error> {
        static MODEL: std::sync::OnceLock<Result<Model, Error>> = std::sync::OnceLock::new();
        MODEL
            .get_or_init(|| Model::from_shared(Shared::Static(EMBEDDED), "<embedded>/en.syntax"))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads a model file.
    ///
    /// # Errors
    /// The file cannot be read, or it is not a model of this format version, or it is
    /// truncated or corrupt (the error names the file and what is wrong).
    pub fn load(path: &std::path::Path) -> Result<Model, Error> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
        Model::from_shared(Shared::owned(bytes), &shown)
    }

    /// Reads a model from bytes (a copy of them); `name` names it in errors.
    ///
    /// # Errors
    /// As [`Model::load`].
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Model, Error> {
        Model::from_shared(Shared::owned(bytes.to_vec()), name)
    }

    /// Reads a model from the bytes of a model file. The weight tables stay views of
    /// `file` (the file is laid out as they are used): reading checks the header, the
    /// checksum and every field, and builds only the small tables.
    fn from_shared(file: Shared, name: &str) -> Result<Model, Error> {
        let bytes: &[u8] = &file;
        if bytes.is_empty() {
            return Err(corrupt(name, "the file is empty"));
        }
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(corrupt(name, "it does not start with the model header"));
        }
        let mut r = Reader::new(&bytes[8..HEADER]);
        let read = |e: String| corrupt(name, e);
        let version = r.u32("version").map_err(read)?;
        if version != FORMAT_VERSION {
            return Err(corrupt(
                name,
                format!("format version {version}; this build reads version {FORMAT_VERSION}"),
            ));
        }
        let len = r.u64("length").map_err(read)?;
        let sum = r.u64("checksum").map_err(read)?;
        let payload = &bytes[HEADER..];
        if payload.len() as u64 != len {
            return Err(corrupt(
                name,
                format!(
                    "truncated or padded: the header says {len} bytes follow, {} do",
                    payload.len()
                ),
            ));
        }
        if checksum(payload) != sum {
            return Err(corrupt(name, "checksum mismatch (the file is damaged)"));
        }
        Model::read_payload(&file).map_err(read)
    }

    fn read_payload(file: &Shared) -> Result<Model, String> {
        let mut r = Reader::at(file, HEADER);
        let about = r.str("description")?;
        let tokenizer_data = TokenizerData::read(&mut r)?;
        let tags = r.strs("tag list")?;
        let tag_weights = Weights::read(&mut r, "tagger weights", file)?;
        let second = Weights::read(&mut r, "second tagger weights", file)?;
        if tags.is_empty() || tag_weights.classes() != tags.len() || second.classes() != tags.len()
        {
            return Err("corrupt: tagger weights do not match its tags".to_string());
        }
        if tags.iter().any(|t| !t.contains('\t')) {
            return Err("corrupt: a tag is not UPOS and XPOS".to_string());
        }
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let labels = r.strs("label list")?;
        let parse_weights = Weights::read(&mut r, "parser weights", file)?;
        if labels.is_empty() || parse_weights.classes() != 1 + 2 * labels.len() {
            return Err("corrupt: parser weights do not match its labels".to_string());
        }
        if !labels.iter().any(|l| l == "root") || labels.len() > 255 {
            return Err("corrupt: the parser's labels are malformed".to_string());
        }
        if !r.at_end() {
            return Err("corrupt: bytes after the parser".to_string());
        }
        Ok(Model {
            about,
            tokenizer: Tokenizer::new(tokenizer_data.clone()),
            tokenizer_data,
            tagger: Tagger {
                tags,
                weights: tag_weights,
                second,
            },
            lemmatizer,
            parser: Parser {
                labels,
                weights: parse_weights,
            },
        })
    }

    /// The model as file bytes (header, checksum, payload); the same model gives the
    /// same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(&self.about);
        self.tokenizer_data.write(&mut w);
        w.strs(&self.tagger.tags);
        self.tagger.weights.write(&mut w);
        self.tagger.second.write(&mut w);
        self.lemmatizer.write(&mut w);
        w.strs(&self.parser.labels);
        self.parser.weights.write(&mut w);
        let payload = w.buf;
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// What the model was trained on.
    pub fn description(&self) -> &str {
        &self.about
    }

    /// The words of raw text as byte ranges (UD English tokenization).
    pub fn tokenize(&self, text: &str) -> Vec<Range<usize>> {
        self.tokenizer.tokenize(text)
    }

    /// The dictionary form of `form` read as part of speech `upos` (`VERB`, `NOUN`...),
    /// without tagging: a table lookup.
    pub fn lemma(&self, form: &str, upos: &str) -> String {
        self.lemmatizer.lemma(form, upos)
    }

    /// Every lemma the lemmatizer's rules can give `form` tagged `upos`, its own answer
    /// ([`Model::lemma`]) first, then what each shorter known suffix would say: for a
    /// caller that knows which words it is looking for ("shelled": "shel", "shell").
    pub fn lemma_candidates(&self, form: &str, upos: &str) -> Vec<String> {
        self.lemmatizer.candidates(form, upos)
    }

    /// Tokenizes, tags, lemmatizes and parses one sentence.
    pub fn parse(&self, sentence: &str) -> Vec<Word> {
        self.parse_knowing(sentence, &|_, _| Hint::Free)
    }

    /// Like [`Model::parse`], where the caller knows something of some words: `hint` is
    /// asked of each word's byte span in `sentence` and its form.
    pub fn parse_knowing(
        &self,
        sentence: &str,
        hint: &dyn Fn(Range<usize>, &str) -> Hint,
    ) -> Vec<Word> {
        let spans = self.tokenize(sentence);
        let forms: Vec<&str> = spans.iter().map(|r| &sentence[r.clone()]).collect();
        let marks: Vec<Hint> = spans
            .iter()
            .zip(&forms)
            .map(|(r, f)| hint(r.clone(), f))
            .collect();
        let mut words = self.annotate_knowing(&forms, &marks);
        for (w, s) in words.iter_mut().zip(spans) {
            w.span = s;
        }
        words
    }

    /// Tags, lemmatizes and parses a sentence already split into words. Spans count
    /// from the first word as if the words were joined by single spaces.
    pub fn annotate(&self, forms: &[&str]) -> Vec<Word> {
        self.annotate_knowing(forms, &[])
    }

    /// Like [`Model::annotate`], each word's tag kept to what its hint allows.
    fn annotate_knowing(&self, forms: &[&str], hints: &[Hint]) -> Vec<Word> {
        let lex: Vec<Lexical> = forms.iter().map(|f| Lexical::of(f)).collect();
        let tags = self.tagger.tag_content(&lex, hints);
        let (heads, labels) = self.parser.parse(&parser::Input {
            words: &lex,
            tags: &tags,
        });
        let mut offset = 0;
        forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let tag = &self.tagger.tags[tags[i] as usize];
                let (upos, xpos) = tag.split_once('\t').unwrap_or((tag, "_"));
                let span = offset..offset + form.len();
                offset += form.len() + 1;
                Word {
                    form: (*form).to_string(),
                    span,
                    lemma: self.lemmatizer.lemma(form, upos),
                    upos: upos.to_string(),
                    xpos: xpos.to_string(),
                    head: heads[i],
                    deprel: self.parser.labels[labels[i]].clone(),
                }
            })
            .collect()
    }

    /// The same model without tagger weights below `tagger` and parser weights below
    /// `parser` (smaller, a little less accurate).
    pub fn pruned(&self, tagger: f32, parser: f32) -> Model {
        let mut m = self.clone();
        m.tagger.weights = m.tagger.weights.pruned(tagger);
        m.tagger.second = m.tagger.second.pruned(tagger);
        m.parser.weights = m.parser.weights.pruned(parser);
        m
    }

    /// Sizes for reports: tagger features and weights, parser features and weights.
    pub fn sizes(&self) -> [usize; 4] {
        let (tf1, tw1) = self.tagger.weights.counts();
        let (tf2, tw2) = self.tagger.second.counts();
        let (tf, tw) = (tf1 + tf2, tw1 + tw2);
        let (pf, pw) = self.parser.weights.counts();
        [tf, tw, pf, pw]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payload changed behind a valid checksum (a crafted file) is an error or a model
    /// that still parses without panicking, never a panic.
    #[test]
    fn a_crafted_payload_never_panics() {
        let Ok(model) = Model::embedded() else {
            return; // covered by the integration tests, which require the model
        };
        let good = model.to_bytes();
        let payload_len = good.len() - HEADER;
        for k in 0..48usize {
            let mut bytes = good.clone();
            let at = HEADER + (k * 7919 * 131 + k * k) % payload_len;
            bytes[at] ^= [0xff, 0x01, 0x80, 0x7f][k % 4];
            let sum = checksum(&bytes[HEADER..]);
            bytes[20..28].copy_from_slice(&sum.to_le_bytes());
            if let Ok(m) = Model::from_bytes(&bytes, "crafted") {
                for s in ["Turkey backs the GNA.", "", "a b c d e f g"] {
                    let words = m.parse(s);
                    assert_eq!(
                        words.iter().filter(|w| w.head == 0).count(),
                        usize::from(!words.is_empty())
                    );
                }
            }
        }
    }

    /// A weight table changed behind a valid checksum so that a bucket points elsewhere:
    /// an error naming the table, found when the model is read.
    #[test]
    fn a_crafted_weight_table_is_an_error_naming_it() {
        let Ok(model) = Model::embedded() else {
            return;
        };
        let good = model.to_bytes();
        let mut parser = Writer::default();
        model.parser.weights.write(&mut parser);
        // the parser's table ends the file; its directory follows the number of classes,
        // the scale, the bucket bits and two lengths
        let directory = good.len() - parser.buf.len() + 4 + 4 * 127 + 1 + 8;
        let mut bytes = good.clone();
        bytes[directory] ^= 1 << 6;
        let sum = checksum(&bytes[HEADER..]);
        bytes[20..28].copy_from_slice(&sum.to_le_bytes());
        let e = Model::from_bytes(&bytes, "crafted")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("parser weights") && e.contains("out of place"),
            "{e}"
        );
    }
}
