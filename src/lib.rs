//! geokg builds a knowledge graph of geopolitical actors — states, governments, people,
//! armed groups, international bodies — and of who **supports**, **opposes** and
//! **warns** whom. Every edge keeps its evidence: the citation of a curated fact, or the
//! sentence (and its byte span) of a text it was read in.
//!
//! The graph starts from curated data compiled into the crate; you add your own data
//! files, claims and texts; then you ask it questions in plain words and draw it.
//!
//! ```
//! use geokg::{KnowledgeGraph, NewClaim, RelationKind};
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // The curated data compiled in (`KnowledgeGraph::with_files` adds your own files).
//!     let mut graph = KnowledgeGraph::embedded()?;
//!
//!     // Read a text with a reader that knows the graph's actors, then keep what it read.
//!     let text = "Paris called on Haftar to halt the advance. Egypt denied arming him.";
//!     let reading = graph.reader()?.read("note", text);
//!     for claim in reading.claims() {
//!         assert_eq!(&text[claim.span()], claim.sentence());
//!         println!("{} {} {}", claim.source(), claim.relation(), claim.target());
//!     }
//!     graph.add_reading(&reading)?;
//!
//!     // Add a fact by actor names, with the source that establishes it.
//!     graph.add_claim(NewClaim::new(
//!         "Egypt",
//!         RelationKind::Supports,
//!         "Haftar",
//!         "my notes, 2024-05-01",
//!     ))?;
//!
//!     // Ask in plain words; every answer carries its evidence.
//!     for finding in graph.ask("who backs Haftar")?.findings() {
//!         let evidence = finding.evidence().next().unwrap_or_default();
//!         println!("{} (hedged: {}): {evidence}", finding.source.name, finding.hedged);
//!     }
//!     assert!(graph.ask("does France warn Haftar")?.response.found());
//!
//!     // Draw Haftar and the actors tied to him in Graphviz DOT.
//!     let dot = graph.dot_around("Haftar", 1)?;
//!     assert!(dot.starts_with("digraph"));
//!     Ok(())
//! }
//! ```
//!
//! Where to go from here:
//! - [`KnowledgeGraph`]: building, adding, asking ([`KnowledgeGraph::ask`] returns a
//!   [`query::Reply`] whose [`findings`](query::Reply::findings) are the relations it rests
//!   on), drawing;
//! - [`Reader`] and [`Reading`]: English text to claims with evidence;
//! - [`Question`]: the questions understood, typed; `"who backs Haftar".parse()`;
//! - [`Error`]: the one error type; messages name the file, line, column and field.
//!
//! `examples/library.rs` does all of the above with a data file of your own; the
//! command-line tool (`geokg`) is a thin layer over the same calls.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The pipeline, lowest layer first (ARCHITECTURE.md, "Layers").
pub mod error;
pub mod export;
pub mod extract;
mod facade;
pub mod graph;
mod jsonpos;
pub mod limits;
pub mod model;
pub mod query;
pub mod syntax;
pub mod text;

pub use error::{Error, Result};
pub use facade::{NewClaim, ReadClaim, Reader, Reading};
pub use graph::{Direction, Edge, KnowledgeGraph};
pub use model::{
    Actor, ActorKind, Affiliation, AffiliationKind, Claim, Date, Evidence, Provenance,
    RelationKind, SourceRef, Span,
};
pub use query::question::Question;
pub use query::{Finding, Reply, Response};

/// The graph built from the curated data compiled into the binary; the same as
/// [`KnowledgeGraph::embedded`].
///
/// # Errors
/// Only if the embedded data is inconsistent, which the test suite rules out.
pub fn default_graph() -> Result<KnowledgeGraph> {
    KnowledgeGraph::embedded()
}
