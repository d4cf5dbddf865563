//! Syntax: what are the words of a sentence, their parts of speech, lemmas, and the
//! dependency tree between them?
//!
//! A UD-style tokenizer, an averaged-perceptron tagger (UPOS and XPOS), a lemmatizer
//! learned from the treebanks' LEMMA column, and a greedy arc-hybrid dependency parser
//! trained with a dynamic oracle. All of it is one model file compiled into the binary
//! (`data/model/en.syntax`), trained by `examples/syntax_train.rs` on Universal
//! Dependencies English EWT and GUM.

pub(crate) mod bytes;
pub mod conllu;
pub mod eval;
mod lemma;
mod model;
mod parser;
mod perceptron;
mod tagger;
pub mod tokenize;
pub mod train;

pub use model::{Hint, Model, Word, FORMAT_VERSION};
