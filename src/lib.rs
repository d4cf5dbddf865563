#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod blocs;
pub mod corpus;
pub mod data;
pub mod error;
pub mod export;
pub mod graph;
pub mod graphfile;
pub mod input;
mod jsonpos;
pub mod limits;
pub mod merge;
pub mod model;
pub mod names;
pub mod normalize;
pub mod paths;
pub mod place;
pub mod query;
pub mod question;
pub mod report;
pub mod signed;
pub mod syntax;
pub mod synth;
pub mod time;

pub use error::{Error, Result};
pub use graph::{Direction, Edge, KnowledgeGraph};
pub use model::{
    Actor, ActorKind, Affiliation, AffiliationKind, Claim, Date, Evidence, Provenance,
    RelationKind, SourceRef, Span,
};

/// The graph built from the curated data compiled into the binary.
///
/// # Errors
/// Only if the embedded data is inconsistent, which the test suite rules out; the
/// errors are then listed.
pub fn default_graph() -> std::result::Result<KnowledgeGraph, Vec<Error>> {
    let data = data::embedded()?;
    KnowledgeGraph::new(data.actors, data.claims).map_err(|e| vec![e])
}
pub mod claim;
pub mod extract;
pub mod frames;
pub mod lexicon;
pub mod mention;
pub mod reference;
pub mod sentence;
