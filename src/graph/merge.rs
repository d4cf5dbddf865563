//! Joining graphs: how do curated data, documents, shards and graph files combine?
//!
//! A [`GraphBuilder`] takes *inputs* — the curated dataset, one document's extraction, a
//! fragment, a whole graph file — and joins them exactly:
//!
//! - **claims** are a multiset; each input gives each claim a count, and the join keeps
//!   the largest count any input gave. A document read twice gives the same claims twice
//!   and so counts once; two claims a sentence really makes twice stay two.
//! - **actors** with the same id are one actor: identical records stay as they are;
//!   different ones take the scalar fields (kind, name, official name, code, capital) of
//!   the smallest and the sorted union of every list (aliases, affiliations, ...).
//!
//! Both rules are associative, commutative and idempotent, so merging shards in any
//! grouping and order gives the same graph, and merging a graph with itself changes
//! nothing. Together with the total claim order of [`KnowledgeGraph`], a single build, a
//! build followed by `--append`, and a merge of shards write the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use crate::error::{Error, Result};
use crate::extract::Extraction;
use crate::graph::KnowledgeGraph;
use crate::model::{Actor, Affiliation, Claim, Provenance};

/// A claim compared and hashed on every field (confidence by its bits).
#[derive(Debug, Clone)]
struct Keyed(Claim);

impl PartialEq for Keyed {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        a.source == b.source
            && a.kind == b.kind
            && a.target == b.target
            && a.hedged == b.hedged
            && a.confidence.to_bits() == b.confidence.to_bits()
            && a.from == b.from
            && a.until == b.until
            && a.provenance == b.provenance
    }
}

impl Eq for Keyed {}

impl Hash for Keyed {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let c = &self.0;
        c.source.hash(h);
        c.kind.hash(h);
        c.target.hash(h);
        c.hedged.hash(h);
        c.confidence.to_bits().hash(h);
        c.from.hash(h);
        c.until.hash(h);
        match &c.provenance {
            Provenance::Curated {
                citation,
                source_ref,
                conflict,
            } => (0u8, citation, source_ref, conflict).hash(h),
            Provenance::Extracted(e) => {
                (1u8, &e.doc, e.sentence_index, e.span, &e.sentence, &e.rule).hash(h)
            }
        }
    }
}

/// Joins inputs into one graph; see the module documentation for the rules.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    actors: BTreeMap<String, Actor>,
    claims: HashMap<Keyed, usize>,
    inputs: usize,
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        GraphBuilder::default()
    }

    /// Adds one input: its actors and its claims.
    pub fn add(&mut self, actors: Vec<Actor>, claims: Vec<Claim>) {
        self.inputs += 1;
        for a in actors {
            match self.actors.get_mut(&a.id) {
                Some(old) => {
                    if *old != a {
                        *old = combine(old, &a);
                    }
                }
                None => {
                    self.actors.insert(a.id.clone(), a);
                }
            }
        }
        let mut local: HashMap<Keyed, usize> = HashMap::with_capacity(claims.len());
        for c in claims {
            *local.entry(Keyed(c)).or_default() += 1;
        }
        for (k, n) in local {
            let count = self.claims.entry(k).or_default();
            *count = (*count).max(n);
        }
    }

    /// Adds one document's extraction as an input.
    pub fn add_extraction(&mut self, ex: Extraction) {
        self.add(ex.new_actors, ex.claims);
    }

    /// Adds a whole graph as an input.
    pub fn add_graph(&mut self, graph: KnowledgeGraph) {
        let (actors, claims) = graph.into_parts();
        self.add(actors, claims);
    }

    /// Number of inputs added so far.
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// The joined graph.
    ///
    /// # Errors
    /// When a claim names an actor no input defined (say, shards merged without the
    /// graph that holds the registry).
    pub fn finish(self) -> Result<KnowledgeGraph> {
        let actors: Vec<Actor> = self.actors.into_values().collect();
        let mut claims: Vec<Claim> = Vec::with_capacity(self.claims.len());
        for (k, n) in self.claims {
            for _ in 1..n {
                claims.push(k.0.clone());
            }
            claims.push(k.0);
        }
        // a fixed order, so that `KnowledgeGraph::claims` does not follow hash order
        claims.sort_by(|a, b| {
            (&a.source, a.kind, &a.target)
                .cmp(&(&b.source, b.kind, &b.target))
                .then_with(|| crate::graph::claim_rank(a, b))
        });
        KnowledgeGraph::new(actors, claims).map_err(|e| match e {
            Error::Usage(m) => Error::Usage(format!(
                "{m}; give the graph that holds the registry too (e.g. one from `geokg build -o base.json`)"
            )),
            other => other,
        })
    }
}

/// Two records of one actor as one: the scalar fields of the smaller, every list
/// joined and sorted. Associative, commutative and idempotent.
pub fn combine(a: &Actor, b: &Actor) -> Actor {
    if a == b {
        return a.clone();
    }
    let key = |x: &Actor| {
        (
            x.kind,
            x.name.clone(),
            x.official_name.clone(),
            x.iso3.clone(),
            x.capital.clone(),
        )
    };
    let base = if key(a) <= key(b) { a } else { b };
    let join = |x: &[String], y: &[String]| {
        let mut v: Vec<String> = x.iter().chain(y).cloned().collect();
        v.sort();
        v.dedup();
        v
    };
    let mut affiliations: Vec<Affiliation> = a
        .affiliations
        .iter()
        .chain(&b.affiliations)
        .cloned()
        .collect();
    let akey = |f: &Affiliation| (f.actor.clone(), f.role.clone(), f.kind, f.from, f.until);
    affiliations.sort_by_key(akey);
    affiliations.dedup();
    Actor {
        id: base.id.clone(),
        name: base.name.clone(),
        kind: base.kind,
        official_name: base.official_name.clone(),
        iso3: base.iso3.clone(),
        aliases: join(&a.aliases, &b.aliases),
        demonyms: join(&a.demonyms, &b.demonyms),
        capital: base.capital.clone(),
        ambiguous_aliases: join(&a.ambiguous_aliases, &b.ambiguous_aliases),
        descriptions: join(&a.descriptions, &b.descriptions),
        affiliations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Evidence, RelationKind, Span};

    fn person(id: &str, name: &str, affiliated: &[&str]) -> Actor {
        let mut a = Actor::new(id, name, ActorKind::Person);
        for s in affiliated {
            a.affiliations.push(Affiliation {
                actor: s.to_string(),
                role: "minister".into(),
                kind: crate::model::AffiliationKind::Other,
                from: None,
                until: None,
            });
        }
        a
    }

    #[test]
    fn combining_actors_is_associative_commutative_idempotent() {
        let xs = [
            person("p", "Ali Bukhari", &["lby"]),
            person("p", "Ali Bukhari", &["tur", "lby"]),
            person("p", "Ali bukhari", &[]),
            person("p", "Ali Bukhari", &["egy"]),
        ];
        for a in &xs {
            assert_eq!(combine(a, a), *a);
            for b in &xs {
                assert_eq!(combine(a, b), combine(b, a));
                for c in &xs {
                    assert_eq!(
                        combine(&combine(a, b), c),
                        combine(a, &combine(b, c)),
                        "{a:?} {b:?} {c:?}"
                    );
                }
            }
        }
    }

    fn claim(doc: &str, sentence: usize) -> Claim {
        Claim {
            source: "a".into(),
            kind: RelationKind::Supports,
            target: "b".into(),
            hedged: false,
            confidence: 0.9,
            from: None,
            until: None,
            provenance: Provenance::Extracted(Evidence {
                doc: doc.into(),
                sentence_index: sentence,
                span: Span::new(0, 1),
                sentence: "x".into(),
                rule: "r".into(),
            }),
        }
    }

    #[test]
    fn a_document_seen_twice_counts_once_but_repeats_within_one_stay() {
        let actors = vec![
            Actor::new("a", "A", ActorKind::State),
            Actor::new("b", "B", ActorKind::State),
        ];
        let mut g = GraphBuilder::new();
        g.add(actors.clone(), vec![]);
        g.add(vec![], vec![claim("d1", 0), claim("d1", 0), claim("d1", 1)]);
        g.add(vec![], vec![claim("d1", 0), claim("d1", 0), claim("d1", 1)]);
        g.add(vec![], vec![claim("d2", 0)]);
        let graph = g.finish().unwrap();
        assert_eq!(graph.claims().len(), 4);
        let mut g = GraphBuilder::new();
        g.add(vec![], vec![claim("d1", 0)]);
        assert!(g.finish().unwrap_err().to_string().contains("registry"));
    }
}
