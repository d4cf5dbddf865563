//! Exports: what part of the graph to show, and the formats it is written in.
//!
//! - [`dot`]: Graphviz DOT styled as a signed network, with a legend and clusters;
//! - [`render`]: runs Graphviz on that DOT to make an SVG, PNG or PDF picture;
//! - [`graphml`] and [`gexf`]: XML for yEd, Gephi and networkx, with typed attributes;
//! - [`neo4j`]: CSV files for `neo4j-admin database import`;
//! - [`json`]: a node-link graph, and JSON Lines of claims with their evidence;
//! - [`html`]: one self-contained interactive page: the Graphviz SVG, the actors, edges
//!   and evidence as JSON, and a small script to search, select and filter.
//!
//! The JSON graph file that `--graph` reads lives in [`crate::graph::file`].
//!
//! Every writer builds its output in memory and returns it, in a fixed order (actors by
//! id, edges by source, relation, target), so the same graph gives the same bytes and a
//! failed write is reported by the caller, never a panic inside a writer.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::Result;
use crate::graph::place::Place;
use crate::graph::time::Window;
use crate::graph::{count_sources, KnowledgeGraph};
use crate::model::{Actor, ActorKind, Claim, RelationKind};

mod camps;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j;
pub mod render;
mod xml;

pub use dot::{dot_escape, dot_quote, to_dot, Cluster, DotOptions, RankDir};

/// How many actors a picture shows unless told to show all.
pub const DEFAULT_LIMIT: usize = 200;

/// Which part of the graph to export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Keep only the actors within `depth` hops of the actors of this place (see
    /// [`crate::graph::place`]; `query::place` resolves a name an analyst uses).
    pub place: Option<Place>,
    /// Hops around `place`, over the relations that pass the filters below.
    pub depth: usize,
    /// Keep only these relation kinds; empty keeps all.
    pub relations: Vec<RelationKind>,
    /// Keep only claims that held inside this window (`--since`, `--until`); an
    /// unbounded window keeps all.
    pub window: Window,
    /// Keep only edges backed by at least this many distinct documents or citations.
    pub min_docs: usize,
    /// Keep at most this many actors that have relations: the best-evidenced ones.
    pub limit: Option<usize>,
}

/// The exported part of a graph, and what was left out.
#[derive(Debug, Clone)]
pub struct Selected {
    /// The graph to write.
    pub graph: KnowledgeGraph,
    /// Id of the focus actor, when there is one.
    pub focus: Option<String>,
    /// Actors with relations (after the filters) that the limit left out, best first:
    /// (id, name).
    pub left_out: Vec<(String, String)>,
    /// Edges (after the filters) that the limit left out.
    pub left_out_edges: usize,
}

impl Selection {
    /// Applies the selection: time, relation and document filters first, then the focus
    /// neighbourhood, then the limit (which always keeps the focus actor).
    ///
    /// The neighbourhood of a place starts from its seeds (as `blocs --focus` and "who
    /// backs X in Y" do): "Libya" is Libya's governments, bodies and forces and the
    /// parties to the Libyan conflict, and `depth` ties around them; claims of another
    /// named conflict are left out.
    ///
    /// # Errors
    /// [`crate::Error::Usage`] when the window leaves no time.
    pub fn apply(&self, graph: &KnowledgeGraph) -> Result<Selected> {
        self.window.check()?;
        // claims of the window, without those of another named conflict than the place's
        let place = self.place.as_ref().filter(|p| !p.conflicts.is_empty());
        let timed = if self.window.is_unbounded() && place.is_none() {
            graph.clone()
        } else {
            let claims = graph
                .claims()
                .iter()
                .filter(|c| self.window.admits(c) && place.is_none_or(|p| p.admits(c)))
                .cloned()
                .collect();
            rebuild(graph.actors().to_vec(), claims)
        };
        let mut g = if self.relations.is_empty() && self.min_docs <= 1 {
            timed
        } else {
            let mut claims: Vec<Claim> = Vec::new();
            for e in timed.edges() {
                if (self.relations.is_empty() || self.relations.contains(&e.kind))
                    && e.documents() >= self.min_docs
                {
                    claims.extend(e.claims.iter().map(|c| (*c).clone()));
                }
            }
            rebuild(timed.actors().to_vec(), claims)
        };
        let mut focus = None;
        if let Some(place) = &self.place {
            let mut keep = BTreeSet::new();
            for seed in place.seeds() {
                keep.extend(g.neighborhood(&seed, self.depth));
            }
            g = g.restrict(&keep);
            focus = place.actor.clone();
        }
        let mut left_out = Vec::new();
        let mut left_out_edges = 0;
        if let Some(limit) = self.limit {
            let ranked = ranked_actors(&g);
            if ranked.len() > limit {
                let mut keep: BTreeSet<String> = BTreeSet::new();
                if let Some(f) = &focus {
                    keep.insert(f.clone());
                }
                for id in &ranked {
                    if keep.len() >= limit {
                        break;
                    }
                    keep.insert(id.clone());
                }
                let before = g.edge_count();
                let kept = g.restrict(&keep);
                let shown = connected_ids(&kept);
                left_out = ranked
                    .into_iter()
                    .filter(|id| !shown.contains(id))
                    .filter_map(|id| g.actor(&id).map(|a| (id.clone(), a.name.clone())))
                    .collect();
                left_out_edges = before - kept.edge_count();
                g = kept;
            }
        }
        Ok(Selected {
            graph: g,
            focus,
            left_out,
            left_out_edges,
        })
    }
}

/// Builds a graph from parts of a valid graph; the ids are known, so it cannot fail.
fn rebuild(actors: Vec<Actor>, claims: Vec<Claim>) -> KnowledgeGraph {
    KnowledgeGraph::new(actors, claims).unwrap_or_else(|_| KnowledgeGraph::empty())
}

/// Ids of the actors that have at least one edge.
pub fn connected_ids(graph: &KnowledgeGraph) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in graph.edges() {
        out.insert(e.source.id.clone());
        out.insert(e.target.id.clone());
    }
    out
}

/// How well evidenced each actor with relations is: distinct documents and citations
/// among the claims at the actor, then the number of those claims.
pub fn evidence_scores(graph: &KnowledgeGraph) -> BTreeMap<String, (usize, usize)> {
    let mut at: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for e in graph.edges() {
        for c in &e.claims {
            at.entry(e.source.id.as_str()).or_default().push(c);
            if e.target.id != e.source.id {
                at.entry(e.target.id.as_str()).or_default().push(c);
            }
        }
    }
    at.into_iter()
        .map(|(id, claims)| (id.to_string(), (count_sources(&claims), claims.len())))
        .collect()
}

/// Ids of the actors with relations, best-evidenced first (ties by id).
pub fn ranked_actors(graph: &KnowledgeGraph) -> Vec<String> {
    let scores = evidence_scores(graph);
    let mut ids: Vec<(&String, &(usize, usize))> = scores.iter().collect();
    ids.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    ids.into_iter().map(|(id, _)| id.clone()).collect()
}

/// The state an actor is, or the one it serves: the nearest state along its
/// affiliations (current ones first), or `None` when no chain of affiliations reaches one.
pub fn country_of<'g>(graph: &'g KnowledgeGraph, actor: &'g Actor) -> Option<&'g Actor> {
    let mut frontier = vec![actor];
    let mut seen: BTreeSet<&str> = BTreeSet::from([actor.id.as_str()]);
    // Affiliation chains are short; four steps reach the top of every curated one.
    for _ in 0..5 {
        let mut next = Vec::new();
        for a in frontier {
            if a.kind == ActorKind::State {
                return Some(a);
            }
            let mut links: Vec<_> = a.affiliations.iter().collect();
            // current affiliations (no end date) before ended ones, else as listed
            links.sort_by_key(|f| f.until.is_some());
            for f in links {
                if let Some(b) = graph.actor(&f.actor) {
                    if seen.insert(b.id.as_str()) {
                        next.push(b);
                    }
                }
            }
        }
        if next.is_empty() {
            return None;
        }
        frontier = next;
    }
    None
}

/// The earliest start and the latest end among claims, as written (`2020-03`); the end
/// is `None` when any dated claim is open-ended.
pub(crate) fn date_range(claims: &[&Claim]) -> (Option<String>, Option<String>) {
    let from = claims.iter().filter_map(|c| c.from).min();
    let until = if claims.iter().any(|c| c.from.is_some() && c.until.is_none()) {
        None
    } else {
        claims.iter().filter_map(|c| c.until).max()
    };
    (from.map(|d| d.to_string()), until.map(|d| d.to_string()))
}

/// The type of an attribute in the typed formats (GraphML, GEXF, Neo4j CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttrType {
    Text,
    Integer,
    Double,
    Boolean,
}

/// One attribute value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Integer(usize),
    Double(f64),
    Boolean(bool),
}

impl Value {
    /// The value as written in XML and CSV: numbers as numbers, booleans as
    /// `true`/`false`.
    pub(crate) fn lexical(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Integer(n) => n.to_string(),
            Value::Double(x) => xml::number(*x),
            Value::Boolean(b) => b.to_string(),
        }
    }
}

/// Node attributes, in the order every typed format writes them.
pub(crate) const NODE_ATTRS: [(&str, AttrType); 7] = [
    ("label", AttrType::Text),
    ("kind", AttrType::Text),
    ("country", AttrType::Text),
    ("iso3", AttrType::Text),
    ("aliases", AttrType::Text),
    ("documents", AttrType::Integer),
    ("claims", AttrType::Integer),
];

/// Edge attributes, in the order every typed format writes them.
pub(crate) const EDGE_ATTRS: [(&str, AttrType); 10] = [
    ("relation", AttrType::Text),
    ("claims", AttrType::Integer),
    ("documents", AttrType::Integer),
    ("hedged", AttrType::Boolean),
    ("confidence", AttrType::Double),
    ("weight", AttrType::Double),
    ("from", AttrType::Text),
    ("until", AttrType::Text),
    ("evidence", AttrType::Text),
    ("doc", AttrType::Text),
];

/// What the typed formats say about each actor, computed once per export.
pub(crate) struct NodeTable<'g> {
    graph: &'g KnowledgeGraph,
    scores: BTreeMap<String, (usize, usize)>,
}

impl<'g> NodeTable<'g> {
    pub(crate) fn new(graph: &'g KnowledgeGraph) -> Self {
        NodeTable {
            graph,
            scores: evidence_scores(graph),
        }
    }

    /// The values of [`NODE_ATTRS`] for an actor; `None` where it has no value.
    pub(crate) fn values(&self, a: &Actor) -> Vec<Option<Value>> {
        let (docs, claims) = self.scores.get(&a.id).copied().unwrap_or((0, 0));
        let text = |s: &str| (!s.is_empty()).then(|| Value::Text(s.to_string()));
        vec![
            Some(Value::Text(a.name.clone())),
            Some(Value::Text(a.kind.as_str().to_string())),
            country_of(self.graph, a).map(|c| Value::Text(c.id.clone())),
            a.iso3.as_deref().and_then(text),
            text(&a.aliases.join("; ")),
            Some(Value::Integer(docs)),
            Some(Value::Integer(claims)),
        ]
    }
}

/// The values of [`EDGE_ATTRS`] for an edge; `None` where it has no value.
pub(crate) fn edge_values(e: &crate::graph::Edge<'_>) -> Vec<Option<Value>> {
    let (from, until) = date_range(&e.claims);
    let best = e.best();
    vec![
        Some(Value::Text(e.kind.as_str().to_string())),
        Some(Value::Integer(e.claims.len())),
        Some(Value::Integer(e.documents())),
        Some(Value::Boolean(e.hedged())),
        Some(Value::Double(e.confidence())),
        Some(Value::Double(e.documents() as f64)),
        from.map(Value::Text),
        until.map(Value::Text),
        Some(Value::Text(best.evidence_text().to_string())),
        best.doc().map(|d| Value::Text(d.to_string())),
    ]
}
