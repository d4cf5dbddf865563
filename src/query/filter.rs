//! Which claims count? The options every answer, path and camp split reads: roll-up,
//! hedged claims, documents, time window, place, limits.

use crate::graph::place::Place;
use crate::graph::time::Window;
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::Claim;

/// How answers are gathered: roll-up, claim filters and limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Follow affiliations ("via"); `--no-rollup` turns it off.
    pub rollup: bool,
    /// Keep hedged claims; `--no-hedged` drops them.
    pub hedged: bool,
    /// Drop answers (and, for paths and camps, links) with fewer distinct documents.
    pub min_docs: usize,
    /// Keep only claims that hold in this window.
    pub window: Window,
    /// How many paths "how is X linked to Y" gives at most.
    pub paths: usize,
    /// How many hops around the focus camps reach.
    pub depth: usize,
    /// Keep only claims that belong to this place ("who backs the RSF in Sudan").
    pub within: Option<Place>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rollup: true,
            hedged: true,
            min_docs: 0,
            window: Window::all(),
            paths: 3,
            depth: 1,
            within: None,
        }
    }
}

impl Options {
    /// Does this claim pass the hedging and time filters?
    pub fn admits(&self, claim: &Claim) -> bool {
        (self.hedged || !claim.hedged)
            && self.window.admits(claim)
            && self.within.as_ref().is_none_or(|p| p.holds(claim))
    }
}

/// Every edge of the graph with only the claims `options` admit; edges left without a
/// claim, or with fewer than `min_docs` documents, are dropped.
pub(crate) fn filtered_edges<'g>(graph: &'g KnowledgeGraph, options: &Options) -> Vec<Edge<'g>> {
    graph
        .edges()
        .into_iter()
        .filter_map(|mut e| {
            e.claims.retain(|c| options.admits(c));
            (!e.claims.is_empty() && e.documents() >= options.min_docs).then_some(e)
        })
        .collect()
}
