//! Paths: how are two actors linked?
//!
//! The signed graph ([`crate::query::signed`]) is searched for the shortest simple paths between
//! two actors, in either direction along each link: "France −supports→ Khalifa Haftar
//! ←opposes− Turkey". Among paths of the same length, those whose links rest on more
//! documents, and on confirmed rather than hedged claims, come first. The k best are found
//! with Yen's algorithm; every choice is broken by actor id, so the output is stable.
//!
//! A path's sign multiplies the signs of its hops ("the enemy of my enemy"): positive when
//! the two ends should stand on the same side, negative when on opposite sides.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

use crate::graph::KnowledgeGraph;
use crate::model::Actor;
use crate::query::filter::Options;
use crate::query::signed::{Link, Sign, Ties};

/// One step of a path: two adjacent actors and every link between them.
#[derive(Debug, Clone)]
pub struct Hop<'g> {
    /// The actor the step leaves.
    pub from: &'g Actor,
    /// The actor the step reaches.
    pub to: &'g Actor,
    /// The links between them, strongest first.
    pub links: Vec<Link<'g>>,
}

impl Hop<'_> {
    /// The sign of the links' summed weight.
    pub fn sign(&self) -> Sign {
        Sign::of(self.links.iter().map(Link::weight).sum())
    }
}

/// A path from one actor to another.
#[derive(Debug, Clone)]
pub struct Path<'g> {
    /// The steps, in order.
    pub hops: Vec<Hop<'g>>,
}

impl Path<'_> {
    /// The product of the hops' signs.
    pub fn sign(&self) -> Sign {
        self.hops
            .iter()
            .map(Hop::sign)
            .fold(Sign::Positive, Sign::then)
    }

    /// Some hop rests only on hedged claims.
    pub fn hedged(&self) -> bool {
        self.hops.iter().any(|h| h.links.iter().all(Link::hedged))
    }
}

/// The answer to "how is X linked to Y".
#[derive(Debug, Clone)]
pub struct Linkage<'g> {
    /// The first actor.
    pub from: &'g Actor,
    /// The second actor.
    pub to: &'g Actor,
    /// The paths, shortest and best evidenced first.
    pub paths: Vec<Path<'g>>,
}

/// Cost of a path: hops first, then a penalty for weak evidence.
type Cost = (usize, u64);

fn hop_cost(ties: &Ties<'_>, a: usize, b: usize) -> Cost {
    let links = ties.links(a, b);
    let docs = links.iter().map(Link::documents).max().unwrap_or(0) as u64;
    let hedged = links.iter().all(Link::hedged);
    let affiliation_only = links.iter().all(|l| matches!(l, Link::Affiliation { .. }));
    let penalty =
        4u64.saturating_sub(docs) + if hedged { 8 } else { 0 } + u64::from(affiliation_only);
    (1, penalty)
}

fn add(a: Cost, b: Cost) -> Cost {
    (a.0 + b.0, a.1 + b.1)
}

/// The cheapest path from `start` to `goal` avoiding some nodes and edges (Dijkstra).
fn shortest(
    ties: &Ties<'_>,
    start: usize,
    goal: usize,
    banned_nodes: &HashSet<usize>,
    banned_edges: &HashSet<(usize, usize)>,
) -> Option<(Cost, Vec<usize>)> {
    let mut best: HashMap<usize, Cost> = HashMap::from([(start, (0, 0))]);
    let mut prev: HashMap<usize, usize> = HashMap::new();
    let mut heap = BinaryHeap::from([Reverse(((0usize, 0u64), start))]);
    let mut done: HashSet<usize> = HashSet::new();
    while let Some(Reverse((cost, node))) = heap.pop() {
        if !done.insert(node) {
            continue;
        }
        if node == goal {
            let mut path = vec![goal];
            let mut at = goal;
            while let Some(&p) = prev.get(&at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            return Some((cost, path));
        }
        for next in ties.neighbours(node) {
            if banned_nodes.contains(&next)
                || done.contains(&next)
                || banned_edges.contains(&(node, next))
            {
                continue;
            }
            let c = add(cost, hop_cost(ties, node, next));
            if best.get(&next).is_none_or(|&b| c < b) {
                best.insert(next, c);
                prev.insert(next, node);
                heap.push(Reverse((c, next)));
            }
        }
    }
    None
}

fn path_cost(ties: &Ties<'_>, nodes: &[usize]) -> Cost {
    nodes
        .windows(2)
        .fold((0, 0), |c, w| add(c, hop_cost(ties, w[0], w[1])))
}

/// Up to `k` shortest simple paths from `start` to `goal` (Yen's algorithm).
fn k_shortest(ties: &Ties<'_>, start: usize, goal: usize, k: usize) -> Vec<Vec<usize>> {
    let mut found: Vec<Vec<usize>> = Vec::new();
    if k == 0 || start == goal {
        return found;
    }
    let Some((_, first)) = shortest(ties, start, goal, &HashSet::new(), &HashSet::new()) else {
        return found;
    };
    found.push(first);
    let mut candidates: BTreeSet<(Cost, Vec<usize>)> = BTreeSet::new();
    while found.len() < k {
        let last = found[found.len() - 1].clone();
        for i in 0..last.len() - 1 {
            let spur = last[i];
            let root = &last[..=i];
            let mut banned_edges = HashSet::new();
            for p in &found {
                if p.len() > i + 1 && p[..=i] == *root {
                    banned_edges.insert((p[i], p[i + 1]));
                    banned_edges.insert((p[i + 1], p[i]));
                }
            }
            let banned_nodes: HashSet<usize> = root[..i].iter().copied().collect();
            if let Some((_, tail)) = shortest(ties, spur, goal, &banned_nodes, &banned_edges) {
                let mut total = root[..i].to_vec();
                total.extend(tail);
                if !found.contains(&total) {
                    candidates.insert((path_cost(ties, &total), total));
                }
            }
        }
        match candidates.pop_first() {
            Some((_, p)) => found.push(p),
            None => break,
        }
    }
    found
}

/// The `options.paths` shortest signed paths from `from` to `to`.
pub fn link<'g>(
    graph: &'g KnowledgeGraph,
    from: &'g Actor,
    to: &'g Actor,
    options: &Options,
) -> Linkage<'g> {
    let ties = Ties::new(graph, options);
    let mut paths = Vec::new();
    if let (Some(a), Some(b)) = (ties.index(&from.id), ties.index(&to.id)) {
        for nodes in k_shortest(&ties, a, b, options.paths) {
            let hops = nodes
                .windows(2)
                .map(|w| Hop {
                    from: ties.actor(w[0]),
                    to: ties.actor(w[1]),
                    links: ties.links(w[0], w[1]).to_vec(),
                })
                .collect();
            paths.push(Path { hops });
        }
    }
    Linkage { from, to, paths }
}
