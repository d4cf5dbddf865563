//! Text: which documents are there, what text do they hold, and where does each sentence
//! start and end? Bytes to text (`input`), corpora of files and JSON Lines (`corpus`),
//! normalisation with a byte map back to the original (`normalize`), sentence splitting
//! (`sentence`), and synthetic news for benchmarks (`synth`).

pub mod corpus;
pub mod input;
pub mod normalize;
pub mod sentence;
pub mod synth;
