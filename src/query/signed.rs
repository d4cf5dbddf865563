//! The signed graph: how do two actors stand towards each other?
//!
//! Paths and camps read the graph as undirected and signed. Between two actors there may
//! be several links — relations either way, or an affiliation (a minister and his state) —
//! and together they weigh for or against the two being on the same side: `supports`
//! counts +1, `opposes` −1, `warns` −½ (a warning is weaker than opposition), an
//! affiliation +1, and a link whose claims are all hedged counts half. Weights are kept in
//! quarters, as integers, so sums and comparisons are exact.

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{Actor, ActorKind, Claim, RelationKind};
use crate::query::filter::Options;

/// One link between two actors.
#[derive(Debug, Clone)]
pub enum Link<'g> {
    /// A relation, with the claims the options admit.
    Relation(Edge<'g>),
    /// A person who serves or belongs to another actor.
    Affiliation {
        /// The person.
        member: &'g Actor,
        /// The actor served.
        of: &'g Actor,
        /// The role, as curated ("defence minister").
        role: &'g str,
    },
}

impl<'g> Link<'g> {
    /// The two ends: source and target, or member and the actor served.
    pub fn ends(&self) -> (&'g Actor, &'g Actor) {
        match self {
            Link::Relation(e) => (e.source, e.target),
            Link::Affiliation { member, of, .. } => (member, of),
        }
    }

    /// The weight in quarters: +4 supports or affiliation, −4 opposes, −2 warns; halved
    /// when every claim is hedged.
    pub fn weight(&self) -> i64 {
        match self {
            Link::Relation(e) => {
                let w = match e.kind {
                    RelationKind::Supports => 4,
                    RelationKind::Opposes => -4,
                    RelationKind::Warns => -2,
                };
                if e.hedged() {
                    w / 2
                } else {
                    w
                }
            }
            Link::Affiliation { .. } => 4,
        }
    }

    /// Distinct documents and citations behind the link (0 for an affiliation).
    pub fn documents(&self) -> usize {
        match self {
            Link::Relation(e) => e.documents(),
            Link::Affiliation { .. } => 0,
        }
    }

    /// Every claim behind the link is hedged.
    pub fn hedged(&self) -> bool {
        matches!(self, Link::Relation(e) if e.hedged())
    }

    /// `supports`, `opposes`, `warns` or `affiliated`.
    pub fn relation(&self) -> &'static str {
        match self {
            Link::Relation(e) => e.kind.as_str(),
            Link::Affiliation { .. } => "affiliated",
        }
    }
}

/// Whether two actors, or the two ends of a path, stand on the same side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sign {
    /// Same side: the links weigh for it.
    Positive,
    /// Opposite sides.
    Negative,
    /// Links that cancel out (backed, then opposed).
    Mixed,
}

impl Sign {
    /// The sign of a weight.
    pub fn of(weight: i64) -> Sign {
        match weight {
            w if w > 0 => Sign::Positive,
            w if w < 0 => Sign::Negative,
            _ => Sign::Mixed,
        }
    }

    /// The sign of two steps taken one after the other ("the enemy of my enemy").
    pub fn then(self, other: Sign) -> Sign {
        match (self, other) {
            (Sign::Mixed, _) | (_, Sign::Mixed) => Sign::Mixed,
            (a, b) if a == b => Sign::Positive,
            _ => Sign::Negative,
        }
    }

    /// `positive`, `negative` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::Positive => "positive",
            Sign::Negative => "negative",
            Sign::Mixed => "mixed",
        }
    }
}

/// Orders links strongest first: relations by documents, confirmed before hedged, then
/// kind and ends; affiliations last.
fn link_order(a: &Link<'_>, b: &Link<'_>) -> std::cmp::Ordering {
    let key = |l: &Link<'_>| {
        let (s, t) = l.ends();
        (
            matches!(l, Link::Affiliation { .. }),
            std::cmp::Reverse(l.documents()),
            l.hedged(),
            l.relation(),
            s.id.clone(),
            t.id.clone(),
        )
    };
    key(a).cmp(&key(b))
}

/// The signed, undirected view of a graph under some options: for each pair of actors
/// with at least one link, the links between them.
#[derive(Debug, Clone)]
pub struct Ties<'g> {
    actors: &'g [Actor],
    pairs: BTreeMap<(usize, usize), Vec<Link<'g>>>,
    adjacent: BTreeMap<usize, BTreeSet<usize>>,
}

impl<'g> Ties<'g> {
    /// Builds the ties: relations with the claims `options` admit (and at least
    /// `min_docs` documents), plus, with roll-up, each person's affiliations that hold in
    /// the window (without a window, the roles still held).
    pub fn new(graph: &'g KnowledgeGraph, options: &Options) -> Ties<'g> {
        Ties::keeping(graph, options, &|_| true)
    }

    /// The ties of [`Ties::new`] made only of the claims `keep` accepts (the claims of one
    /// conflict); an edge left without a claim is no link.
    pub fn keeping(
        graph: &'g KnowledgeGraph,
        options: &Options,
        keep: &dyn Fn(&Claim) -> bool,
    ) -> Ties<'g> {
        let actors = graph.actors();
        let index = |id: &str| actors.binary_search_by(|a| a.id.as_str().cmp(id)).ok();
        let mut pairs: BTreeMap<(usize, usize), Vec<Link<'g>>> = BTreeMap::new();
        fn add<'g>(
            pairs: &mut BTreeMap<(usize, usize), Vec<Link<'g>>>,
            a: usize,
            b: usize,
            link: Link<'g>,
        ) {
            if a != b {
                pairs.entry((a.min(b), a.max(b))).or_default().push(link);
            }
        }
        for mut edge in crate::query::filter::filtered_edges(graph, options) {
            edge.claims.retain(|c| keep(c));
            if edge.claims.is_empty() || edge.documents() < options.min_docs {
                continue;
            }
            if let (Some(a), Some(b)) = (index(&edge.source.id), index(&edge.target.id)) {
                add(&mut pairs, a, b, Link::Relation(edge));
            }
        }
        if options.rollup {
            for (i, person) in actors.iter().enumerate() {
                if person.kind != ActorKind::Person {
                    continue;
                }
                for f in &person.affiliations {
                    if !options.window.holds(f) {
                        continue;
                    }
                    if let Some(j) = index(&f.actor) {
                        let already = pairs.get(&(i.min(j), i.max(j))).is_some_and(|l| {
                            l.iter().any(|l| matches!(l, Link::Affiliation { .. }))
                        });
                        if !already {
                            add(
                                &mut pairs,
                                i,
                                j,
                                Link::Affiliation {
                                    member: person,
                                    of: &actors[j],
                                    role: &f.role,
                                },
                            );
                        }
                    }
                }
            }
        }
        let mut adjacent: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (&(a, b), links) in pairs.iter_mut() {
            links.sort_by(link_order);
            adjacent.entry(a).or_default().insert(b);
            adjacent.entry(b).or_default().insert(a);
        }
        Ties {
            actors,
            pairs,
            adjacent,
        }
    }

    /// The actor at an index.
    pub(crate) fn actor(&self, i: usize) -> &'g Actor {
        &self.actors[i]
    }

    /// The index of an actor.
    pub(crate) fn index(&self, id: &str) -> Option<usize> {
        self.actors.binary_search_by(|a| a.id.as_str().cmp(id)).ok()
    }

    /// The links between two actors, strongest first.
    pub(crate) fn links(&self, a: usize, b: usize) -> &[Link<'g>] {
        self.pairs
            .get(&(a.min(b), a.max(b)))
            .map_or(&[], Vec::as_slice)
    }

    /// The summed weight between two actors, in quarters.
    pub(crate) fn weight(&self, a: usize, b: usize) -> i64 {
        self.links(a, b).iter().map(Link::weight).sum()
    }

    /// Actors tied to `a`, by index.
    pub(crate) fn neighbours(&self, a: usize) -> impl Iterator<Item = usize> + '_ {
        self.adjacent.get(&a).into_iter().flatten().copied()
    }

    /// Every tied pair, in index order.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.pairs.keys().copied()
    }
}
