//! The knowledge graph: who relates to whom, with every claim behind each edge.

pub mod data;
pub mod file;
pub mod merge;
pub mod place;
pub mod time;

use std::collections::{BTreeSet, HashSet, VecDeque};

use foldhash::{HashMap, HashMapExt};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::model::{Actor, ActorKind, Claim, NameRole, Provenance, RelationKind};
use crate::text::normalize::fold;

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
    /// The edge's claims: a range of [`KnowledgeGraph::ranked`], best evidence first.
    claims: std::ops::Range<usize>,
    /// Distinct documents and citations among the claims.
    documents: usize,
    /// Every claim is hedged.
    hedged: bool,
    /// The highest claim confidence.
    confidence: f64,
}

/// A claim as an edge holds it: its index and what ranking needs, kept next to the
/// claims of the same edge so that answering reads memory in order.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClaimRef {
    /// Index in [`KnowledgeGraph::claims`].
    pub claim: usize,
    /// The number of its document or citation (see `source_numbers`).
    pub source: usize,
    pub confidence: f64,
    pub hedged: bool,
    /// From curated data rather than text.
    pub curated: bool,
    /// Has a date (`from` or `until`).
    pub dated: bool,
}

/// One edge as indices, for answering without allocating: actors by their index in
/// [`KnowledgeGraph::actors`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawEdge<'g> {
    pub source: usize,
    pub target: usize,
    pub claims: &'g [ClaimRef],
}

/// An edge as an adjacency list holds it: both ends and its range of
/// [`KnowledgeGraph::ranked`], so that listing an actor's edges reads one run of memory.
#[derive(Debug, Clone, Copy)]
struct AdjacentEdge {
    source: usize,
    target: usize,
    claims: (usize, usize),
}

/// Edges grouped by actor and relation, for one direction: the edges of actor `a` and
/// kind `k` are `edges[start[3a + k]..start[3a + k + 1]]`.
#[derive(Debug, Clone, Default)]
struct Adjacency {
    start: Vec<usize>,
    edges: Vec<AdjacentEdge>,
}

impl Adjacency {
    /// Groups `edges` (actor at this end, kind, edge) by actor and kind, keeping their
    /// order within a group.
    fn new(actors: usize, mut edges: Vec<(usize, usize, AdjacentEdge)>) -> Self {
        edges.sort_by_key(|&(a, k, _)| (a, k));
        let mut start = vec![0; actors * 3 + 1];
        for &(a, k, _) in &edges {
            start[a * 3 + k + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        Adjacency {
            start,
            edges: edges.into_iter().map(|(_, _, e)| e).collect(),
        }
    }

    fn at(&self, actor: usize, kind: usize) -> &[AdjacentEdge] {
        match (
            self.start.get(actor * 3 + kind),
            self.start.get(actor * 3 + kind + 1),
        ) {
            (Some(&a), Some(&b)) => &self.edges[a..b],
            _ => &[],
        }
    }
}

fn kind_number(kind: RelationKind) -> usize {
    match kind {
        RelationKind::Supports => 0,
        RelationKind::Opposes => 1,
        RelationKind::Warns => 2,
    }
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
    /// Every edge's claims, edge after edge.
    ranked: Vec<ClaimRef>,
    /// Edges by source actor and kind.
    outgoing: Adjacency,
    /// Edges by target actor and kind.
    incoming: Adjacency,
    /// Per actor, the index of each affiliation's actor (parallel to `affiliations`).
    affiliated: Vec<Vec<Option<usize>>>,
    /// Per actor, the indices of the actors affiliated with it, ascending (= by id).
    members: Vec<Vec<usize>>,
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
        .then_with(|| a.conflict().cmp(&b.conflict()))
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
        let claim_source = source_numbers(&claims);
        let mut ranked: Vec<ClaimRef> = Vec::with_capacity(claims.len());
        let mut out_list = Vec::new();
        let mut in_list = Vec::new();
        for group in keyed.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
            let (s, kind, t, _) = group[0];
            let mut list: Vec<usize> = group.iter().map(|k| k.3).collect();
            list.sort_by(|&a, &b| claim_rank(&claims[a], &claims[b]));
            let documents = count_numbers(list.iter().map(|&c| claim_source[c]));
            let first = ranked.len();
            ranked.extend(list.iter().map(|&c| ClaimRef {
                claim: c,
                source: claim_source[c],
                confidence: claims[c].confidence,
                hedged: claims[c].hedged,
                curated: matches!(claims[c].provenance, Provenance::Curated { .. }),
                dated: claims[c].from.is_some() || claims[c].until.is_some(),
            }));
            let refs = &ranked[first..];
            let hedged = refs.iter().all(|c| c.hedged);
            let confidence = refs.iter().map(|c| c.confidence).fold(0.0, f64::max);
            graph.add_edge(
                NodeIndex::new(s),
                NodeIndex::new(t),
                EdgeData {
                    kind,
                    claims: first..ranked.len(),
                    documents,
                    hedged,
                    confidence,
                },
            );
            let e = AdjacentEdge {
                source: s,
                target: t,
                claims: (first, ranked.len()),
            };
            out_list.push((s, kind_number(kind), e));
            in_list.push((t, kind_number(kind), e));
        }
        let outgoing = Adjacency::new(actors.len(), out_list);
        let incoming = Adjacency::new(actors.len(), in_list);
        let affiliated: Vec<Vec<Option<usize>>> = actors
            .iter()
            .map(|a| {
                a.affiliations
                    .iter()
                    .map(|f| by_id.get(&f.actor).copied())
                    .collect()
            })
            .collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); actors.len()];
        for (i, list) in affiliated.iter().enumerate() {
            for &j in list.iter().flatten() {
                if members[j].last() != Some(&i) {
                    members[j].push(i);
                }
            }
        }
        Ok(KnowledgeGraph {
            graph,
            actors,
            by_id,
            names,
            claims,
            ranked,
            outgoing,
            incoming,
            affiliated,
            members,
        })
    }

    /// The index of an actor id in [`actors`](Self::actors).
    pub(crate) fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The edges of one kind at actor `i` in one direction, as indices, ordered by the
    /// actor at the other end.
    pub(crate) fn raw_edges(
        &self,
        i: usize,
        direction: Direction,
        kind: RelationKind,
    ) -> impl Iterator<Item = RawEdge<'_>> + '_ {
        let index = match direction {
            Direction::Outgoing => &self.outgoing,
            Direction::Incoming => &self.incoming,
        };
        index.at(i, kind_number(kind)).iter().map(|e| RawEdge {
            source: e.source,
            target: e.target,
            claims: &self.ranked[e.claims.0..e.claims.1],
        })
    }

    /// Per affiliation of actor `i`, the index of the actor it names (if known).
    pub(crate) fn affiliated(&self, i: usize) -> &[Option<usize>] {
        &self.affiliated[i]
    }

    /// Distinct documents and citations among the claims with these indices.
    pub(crate) fn count_claim_sources<'a>(
        &self,
        claims: impl Iterator<Item = &'a ClaimRef>,
    ) -> usize {
        count_numbers(claims.map(|c| c.source))
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
        self.lookup_roles(name)
            .into_iter()
            .map(|(_, a)| a)
            .collect()
    }

    /// Every actor a name can mean, with how the name names it, best first (as
    /// [`lookup`](Self::lookup)).
    pub fn lookup_roles(&self, name: &str) -> Vec<(NameRole, &Actor)> {
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
                return list.iter().map(|&(r, i)| (r, &self.actors[i])).collect();
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
            claims: self.ranked[w.claims.clone()]
                .iter()
                .map(|c| &self.claims[c.claim])
                .collect(),
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
        // each edge's sort key was computed when the graph was built
        let mut keyed: Vec<(usize, usize, bool, f64, Edge<'_>)> = self
            .graph
            .edges_directed(NodeIndex::new(i), dir)
            .filter(|e| kind.is_none_or(|k| e.weight().kind == k))
            .map(|e| {
                let w = e.weight();
                (
                    w.documents,
                    w.claims.len(),
                    w.hedged,
                    w.confidence,
                    self.edge_view(e.source(), e.target(), w),
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
        self.by_id.get(id).map_or_else(Vec::new, |&i| {
            self.members[i].iter().map(|&j| &self.actors[j]).collect()
        })
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
            ranked: Vec::new(),
            outgoing: Adjacency::default(),
            incoming: Adjacency::default(),
            affiliated: Vec::new(),
            members: Vec::new(),
        }
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// Distinct documents and citations among `claims`.
pub(crate) fn count_sources(claims: &[&Claim]) -> usize {
    if claims.len() <= 16 {
        // most edges have a few claims: comparing beats hashing
        let mut seen: Vec<(bool, &str)> = Vec::with_capacity(claims.len());
        for c in claims {
            let s = source_key(c);
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        return seen.len();
    }
    claims
        .iter()
        .map(|c| source_key(c))
        .collect::<HashSet<_>>()
        .len()
}

/// What a claim rests on: (curated, citation) or (extracted, document id).
fn source_key(c: &Claim) -> (bool, &str) {
    match &c.provenance {
        Provenance::Extracted(e) => (false, e.doc.as_str()),
        // a structured source is one document whatever words cite it
        Provenance::Curated {
            source_ref: Some(s),
            ..
        } => (true, s.url.as_str()),
        Provenance::Curated { citation, .. } => (true, citation.as_str()),
    }
}

/// Numbers each claim's document or citation: two claims get the same number exactly
/// when they share their source, and among extracted claims the numbers follow the
/// order of the document ids, so comparing numbers compares documents.
fn source_numbers(claims: &[Claim]) -> Vec<usize> {
    let mut first: HashMap<(bool, &str), usize> = HashMap::new();
    let provisional: Vec<usize> = claims
        .iter()
        .map(|c| {
            let next = first.len();
            *first.entry(source_key(c)).or_insert(next)
        })
        .collect();
    let mut keys: Vec<((bool, &str), usize)> = first.into_iter().collect();
    keys.sort_unstable();
    let mut rank = vec![0; keys.len()];
    for (r, (_, p)) in keys.into_iter().enumerate() {
        rank[p] = r;
    }
    provisional.into_iter().map(|p| rank[p]).collect()
}

/// How many distinct numbers.
fn count_numbers(mut numbers: impl Iterator<Item = usize>) -> usize {
    // most edges and answers have a few claims: comparing on the stack beats sorting
    let mut small = [0usize; 16];
    let mut n = 0;
    while n < small.len() {
        let Some(x) = numbers.next() else {
            return small[..n]
                .iter()
                .enumerate()
                .filter(|&(k, x)| !small[..k].contains(x))
                .count();
        };
        small[n] = x;
        n += 1;
    }
    let mut seen: Vec<usize> = small.to_vec();
    seen.extend(numbers);
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

fn unknown_id(id: &str) -> Error {
    Error::Usage(format!("claim names unknown actor id \"{id}\""))
}
