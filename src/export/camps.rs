//! A simple split of the signed graph into two opposed camps per connected part, for
//! `--cluster bloc` pictures.
//!
//! `supports` pulls two actors into the same camp and `opposes` pushes them apart, each
//! weighted by its documents; `warns` is not opposition and is ignored. Each connected
//! part (over supports and opposes) is two-coloured along a breadth-first tree from its
//! best-connected actor, then single actors change sides while that lowers the weight
//! of frustrated relations (support across camps, opposition within one). Every step
//! goes in id order, so the split is the same on every run. This is a picture aid, not
//! a structural-balance analysis.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;

/// Camps as lists of actor ids, each list ordered by id; the lists are ordered by
/// their first member. Actors in no signed relation are in no camp.
pub(crate) fn camps(graph: &KnowledgeGraph) -> Vec<Vec<String>> {
    // signed weights between pairs, both directions folded together
    let mut weight: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for e in graph.edges() {
        let sign = match e.kind {
            RelationKind::Supports => 1,
            RelationKind::Opposes => -1,
            RelationKind::Warns => continue,
        };
        let (a, b) = (e.source.id.as_str(), e.target.id.as_str());
        if a == b {
            continue;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        *weight.entry(key).or_default() += sign * e.documents() as i64;
    }
    let mut adj: BTreeMap<&str, Vec<(&str, i64)>> = BTreeMap::new();
    for (&(a, b), &w) in &weight {
        if w != 0 {
            adj.entry(a).or_default().push((b, w));
            adj.entry(b).or_default().push((a, w));
        }
    }
    let mut side: BTreeMap<&str, bool> = BTreeMap::new();
    let mut out = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for &start in adj.keys() {
        if done.contains(start) {
            continue;
        }
        // the connected part
        let mut part = Vec::new();
        let mut queue = VecDeque::from([start]);
        done.insert(start);
        while let Some(n) = queue.pop_front() {
            part.push(n);
            for &(m, _) in &adj[n] {
                if done.insert(m) {
                    queue.push_back(m);
                }
            }
        }
        // two-colour along a BFS tree from the actor with the most weight
        let strength = |n: &str| adj[n].iter().map(|&(_, w)| w.abs()).sum::<i64>();
        let root = part
            .iter()
            .copied()
            .max_by(|a, b| strength(a).cmp(&strength(b)).then(b.cmp(a)))
            .unwrap_or(start);
        side.insert(root, false);
        let mut queue = VecDeque::from([root]);
        while let Some(n) = queue.pop_front() {
            let s = side[n];
            for &(m, w) in &adj[n] {
                if !side.contains_key(m) {
                    side.insert(m, if w > 0 { s } else { !s });
                    queue.push_back(m);
                }
            }
        }
        // local moves: flip an actor while that lowers the frustrated weight
        part.sort_unstable();
        for _ in 0..50 {
            let mut changed = false;
            for &n in &part {
                let gain: i64 = adj[n]
                    .iter()
                    .map(|&(m, w)| {
                        let same = side[n] == side[m];
                        // frustrated now and satisfied after a flip counts for it
                        match (w > 0, same) {
                            (true, false) | (false, true) => w.abs(),
                            _ => -w.abs(),
                        }
                    })
                    .sum();
                if gain > 0 {
                    let s = side[n];
                    side.insert(n, !s);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for camp in [false, true] {
            let members: Vec<String> = part
                .iter()
                .filter(|n| side[**n] == camp)
                .map(|n| n.to_string())
                .collect();
            if !members.is_empty() {
                out.push(members);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Claim, Provenance};

    fn claim(s: &str, kind: RelationKind, t: &str) -> Claim {
        Claim {
            source: s.into(),
            kind,
            target: t.into(),
            hedged: false,
            confidence: 1.0,
            from: None,
            until: None,
            provenance: Provenance::Curated {
                citation: format!("{s} {kind} {t}"),
                source_ref: None,
                conflict: None,
            },
        }
    }

    #[test]
    fn allies_share_a_camp_and_enemies_do_not() {
        let actors = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| Actor::new(*id, *id, ActorKind::State))
            .collect();
        use RelationKind::*;
        let claims = vec![
            claim("a", Supports, "b"),
            claim("c", Supports, "d"),
            claim("a", Opposes, "c"),
            claim("d", Opposes, "b"),
            claim("e", Warns, "a"),
        ];
        let g = KnowledgeGraph::new(actors, claims).unwrap();
        assert_eq!(
            camps(&g),
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["c".to_string(), "d".to_string()]
            ]
        );
    }
}
