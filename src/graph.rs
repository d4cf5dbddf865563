//! The knowledge graph: who relates to whom, with every claim behind each edge.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::model::{Actor, ActorKind, Claim, NameRole, Provenance, RelationKind};
use crate::normalize::fold;

/// Which way an edge runs relative to an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Edges whose source is the actor (what the actor does).
    Outgoing,
    /// Edges whose target is the actor (what is done to the actor).
    Incoming,
}

#[derive(Debug, Clone)]
struct EdgeData {
    kind: RelationKind,
    claims: Vec<usize>,
}

/// Actors and claims as a directed multigraph: one edge per (source, kind, target),
/// carrying every claim that supports it.
///
/// Every listing is in a fixed order, so output is the same on every run.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    graph: DiGraph<usize, EdgeData>,
    actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
    names: HashMap<String, Vec<(NameRole, usize)>>,
    claims: Vec<Claim>,
}

/// One edge of the graph: all claims that `source` -> `kind` -> `target`.
#[derive(Debug, Clone)]
pub struct Edge<'g> {
    /// The acting actor.
    pub source: &'g Actor,
    /// The relation.
    pub kind: RelationKind,
    /// The actor acted upon.
    pub target: &'g Actor,
    /// The claims behind the edge, best evidence first.
    pub claims: Vec<&'g Claim>,
}

impl<'g> Edge<'g> {
    /// Distinct sources of evidence: documents for extracted claims, citations for
    /// curated ones.
    pub fn documents(&self) -> usize {
        count_sources(&self.claims)
    }

    /// True when every claim behind the edge is hedged.
    pub fn hedged(&self) -> bool {
        self.claims.iter().all(|c| c.hedged)
    }

    /// The highest confidence among the claims.
    pub fn confidence(&self) -> f64 {
        self.claims.iter().map(|c| c.confidence).fold(0.0, f64::max)
    }

    /// The claim with the best evidence: unhedged first, then most confident, curated
    /// before extracted.
    pub fn best(&self) -> &'g Claim {
        self.claims[0]
    }
}

/// Orders claims so the best evidence comes first. The order is total (claims that
/// compare equal are identical), so an edge's claims come out in the same order whatever
/// order they were given in: builds, appends and merges write the same bytes.
pub(crate) fn claim_rank(a: &Claim, b: &Claim) -> std::cmp::Ordering {
    let curated = |c: &Claim| matches!(c.provenance, Provenance::Curated { .. });
    fn place(c: &Claim) -> Option<(usize, crate::model::Span, &str)> {
        match &c.provenance {
            Provenance::Extracted(e) => Some((e.sentence_index, e.span, e.rule.as_str())),
            Provenance::Curated { .. } => None,
        }
    }
    a.hedged
        .cmp(&b.hedged)
        .then(b.confidence.total_cmp(&a.confidence))
        .then(curated(b).cmp(&curated(a)))
        .then(a.doc().cmp(&b.doc()))
        .then(a.evidence_text().cmp(b.evidence_text()))
        .then_with(|| place(a).cmp(&place(b)))
        .then_with(|| (a.from, a.until).cmp(&(b.from, b.until)))
}

impl KnowledgeGraph {
    /// Builds a graph from actors and claims.
    ///
    /// # Errors
    /// When two actors share an id or a claim names an unknown actor.
    pub fn new(mut actors: Vec<Actor>, claims: Vec<Claim>) -> Result<Self> {
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        let mut by_id = HashMap::with_capacity(actors.len());
        let mut graph = DiGraph::with_capacity(actors.len(), claims.len());
        let mut names: HashMap<String, Vec<(NameRole, usize)>> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            if by_id.insert(a.id.clone(), i).is_some() {
                return Err(Error::Usage(format!("duplicate actor id \"{}\"", a.id)));
            }
            graph.add_node(i);
            names
                .entry(fold(&a.id))
                .or_default()
                .push((NameRole::Code, i));
            for (name, role) in a.names() {
                let entry = names.entry(fold(name)).or_default();
                if !entry.iter().any(|&(_, j)| j == i) {
                    entry.push((role, i));
                }
            }
        }
        for list in names.values_mut() {
            list.sort_by_key(|&(role, i)| (role, actors[i].kind != ActorKind::State, i));
        }
        // claims grouped by edge, edges in (source, kind, target) order, claims of an edge
        // in input order before ranking: one sort of a flat list rather than a tree map
        let mut keyed: Vec<(usize, RelationKind, usize, usize)> = Vec::with_capacity(claims.len());
        for (ci, c) in claims.iter().enumerate() {
            let s = *by_id.get(&c.source).ok_or_else(|| unknown_id(&c.source))?;
            let t = *by_id.get(&c.target).ok_or_else(|| unknown_id(&c.target))?;
            keyed.push((s, c.kind, t, ci));
        }
        keyed.sort_unstable();
        for group in keyed.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
            let (s, kind, t, _) = group[0];
            let mut list: Vec<usize> = group.iter().map(|k| k.3).collect();
            list.sort_by(|&a, &b| claim_rank(&claims[a], &claims[b]));
            graph.add_edge(
                NodeIndex::new(s),
                NodeIndex::new(t),
                EdgeData { kind, claims: list },
            );
        }
        Ok(KnowledgeGraph {
            graph,
            actors,
            by_id,
            names,
            claims,
        })
    }

    /// All actors, ordered by id.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All claims, in the order given.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The actors (ordered by id) and the claims (in the order given), giving the graph up.
    pub fn into_parts(self) -> (Vec<Actor>, Vec<Claim>) {
        (self.actors, self.claims)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// Every actor a name can mean (id, name, alias, capital, demonym), best first.
    pub fn lookup(&self, name: &str) -> Vec<&Actor> {
        let key = fold(name);
        let mut keys = vec![key.clone()];
        if let Some(rest) = key.strip_prefix("the ") {
            keys.push(rest.to_string());
        }
        if let Some(rest) = key.strip_suffix("'s") {
            keys.push(rest.to_string());
        }
        for k in keys {
            if let Some(list) = self.names.get(&k) {
                return list.iter().map(|&(_, i)| &self.actors[i]).collect();
            }
        }
        Vec::new()
    }

    /// The actor a name means, or an error with close matches.
    ///
    /// # Errors
    /// [`Error::UnknownActor`] with suggestions when nothing matches.
    pub fn resolve(&self, name: &str) -> Result<&Actor> {
        if let Some(a) = self.lookup(name).into_iter().next() {
            return Ok(a);
        }
        Err(Error::UnknownActor {
            name: name.trim().to_string(),
            suggestions: self.suggest(name),
        })
    }

    /// Display names of actors whose names are close to `name`, best first.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let key = fold(name);
        let key = key.strip_prefix("the ").unwrap_or(&key);
        // no name is this long, and comparing one with every name would take long
        if key.len() > crate::limits::MAX_NAME_BYTES {
            return Vec::new();
        }
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (n, list) in &self.names {
            if n.len() < 3 {
                continue;
            }
            let whole = strsim::jaro_winkler(key, n);
            // a close match on one word of a longer name ("Hafter" ~ "Khalifa Haftar")
            let word = n
                .split(' ')
                .filter(|w| w.len() >= 4)
                .map(|w| strsim::jaro_winkler(key, w) - 0.02)
                .fold(0.0, f64::max);
            let score = whole.max(word);
            if score >= 0.88 {
                for &(_, i) in list {
                    scored.push((score, i));
                }
            }
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(self.actors[a.1].id.cmp(&self.actors[b.1].id))
        });
        let mut out: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for (_, i) in scored {
            if seen.insert(i) {
                out.push(self.actors[i].name.clone());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    /// All edges, ordered by source id, kind, target id.
    pub fn edges(&self) -> Vec<Edge<'_>> {
        let mut out: Vec<Edge<'_>> = self
            .graph
            .edge_references()
            .map(|e| self.edge_view(e.source(), e.target(), e.weight()))
            .collect();
        out.sort_by(|a, b| {
            (&a.source.id, a.kind, &a.target.id).cmp(&(&b.source.id, b.kind, &b.target.id))
        });
        out
    }

    fn edge_view(&self, s: NodeIndex, t: NodeIndex, w: &EdgeData) -> Edge<'_> {
        Edge {
            source: &self.actors[self.graph[s]],
            kind: w.kind,
            target: &self.actors[self.graph[t]],
            claims: w.claims.iter().map(|&c| &self.claims[c]).collect(),
        }
    }

    /// Edges at an actor in one direction, optionally of one kind, strongest first
    /// (distinct documents, then claims, then confirmed before hedged, then id).
    pub fn neighbors<'g>(
        &'g self,
        id: &str,
        direction: Direction,
        kind: Option<RelationKind>,
    ) -> Vec<Edge<'g>> {
        let Some(&i) = self.by_id.get(id) else {
            return Vec::new();
        };
        let dir = match direction {
            Direction::Outgoing => petgraph::Direction::Outgoing,
            Direction::Incoming => petgraph::Direction::Incoming,
        };
        let other = |e: &Edge<'g>| match direction {
            Direction::Outgoing => e.target.id.as_str(),
            Direction::Incoming => e.source.id.as_str(),
        };
        // each edge's sort key is computed once (counting documents hashes every claim)
        let mut keyed: Vec<(usize, usize, bool, f64, Edge<'_>)> = self
            .graph
            .edges_directed(NodeIndex::new(i), dir)
            .filter(|e| kind.is_none_or(|k| e.weight().kind == k))
            .map(|e| {
                let edge = self.edge_view(e.source(), e.target(), e.weight());
                (
                    edge.documents(),
                    edge.claims.len(),
                    edge.hedged(),
                    edge.confidence(),
                    edge,
                )
            })
            .collect();
        keyed.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(b.3.total_cmp(&a.3))
                .then(other(&a.4).cmp(other(&b.4)))
                .then(a.4.kind.cmp(&b.4.kind))
        });
        keyed.into_iter().map(|k| k.4).collect()
    }

    /// Actors that list `id` among their affiliations, ordered by id.
    pub fn members(&self, id: &str) -> Vec<&Actor> {
        self.actors
            .iter()
            .filter(|a| a.affiliations.iter().any(|f| f.actor == id))
            .collect()
    }

    /// Ids of the actors within `depth` hops of `id`, edges taken in either direction.
    pub fn neighborhood(&self, id: &str, depth: usize) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let Some(&start) = self.by_id.get(id) else {
            return out;
        };
        let mut queue = VecDeque::from([(NodeIndex::new(start), 0usize)]);
        let mut seen = HashSet::from([NodeIndex::new(start)]);
        while let Some((n, d)) = queue.pop_front() {
            out.insert(self.actors[self.graph[n]].id.clone());
            if d == depth {
                continue;
            }
            for m in self.graph.neighbors_undirected(n) {
                if seen.insert(m) {
                    queue.push_back((m, d + 1));
                }
            }
        }
        out
    }

    /// The graph restricted to the given actor ids, keeping edges between them.
    pub fn restrict(&self, ids: &BTreeSet<String>) -> KnowledgeGraph {
        let actors: Vec<Actor> = self
            .actors
            .iter()
            .filter(|a| ids.contains(&a.id))
            .cloned()
            .collect();
        let claims: Vec<Claim> = self
            .claims
            .iter()
            .filter(|c| ids.contains(&c.source) && ids.contains(&c.target))
            .cloned()
            .collect();
        // every id is known, so construction cannot fail
        KnowledgeGraph::new(actors, claims).unwrap_or_else(|_| KnowledgeGraph::empty())
    }

    /// A graph with no actors.
    pub fn empty() -> KnowledgeGraph {
        KnowledgeGraph {
            graph: DiGraph::new(),
            actors: Vec::new(),
            by_id: HashMap::new(),
            names: HashMap::new(),
            claims: Vec::new(),
        }
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// Distinct documents and citations among `claims`.
pub(crate) fn count_sources(claims: &[&Claim]) -> usize {
    fn source(c: &Claim) -> (bool, &str) {
        match &c.provenance {
            Provenance::Extracted(e) => (false, e.doc.as_str()),
            Provenance::Curated { citation } => (true, citation.as_str()),
        }
    }
    if claims.len() <= 16 {
        // most edges have a few claims: comparing beats hashing
        let mut seen: Vec<(bool, &str)> = Vec::with_capacity(claims.len());
        for c in claims {
            let s = source(c);
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        return seen.len();
    }
    let mut seen = HashSet::new();
    for c in claims {
        match &c.provenance {
            Provenance::Extracted(e) => seen.insert(("doc", e.doc.as_str())),
            Provenance::Curated { citation } => seen.insert(("cite", citation.as_str())),
        };
    }
    seen.len()
}

fn unknown_id(id: &str) -> Error {
    Error::Usage(format!("claim names unknown actor id \"{id}\""))
}
