//! A place an analyst names — a state, a region, a named conflict — and the actors in it.
//!
//! `export --focus`, `render --focus`, `blocs --focus`, "which camps in X" and
//! "who backs Y in X" all start from one [`Place`]:
//! - the actor the name resolves to, when there is one, and every actor affiliated with
//!   it in turn (Libya's governments, bodies and forces, and their members);
//! - the named conflicts whose curated files are labelled with the name, or that list it
//!   as one of their parts ("Sahel"; "Red Sea" in "Yemen and the Red Sea"; "Rwanda" in
//!   "DR Congo, M23 and Rwanda"), and every actor taking part in them (an end of one of
//!   their claims): the actors *operating in* the place.
//!
//! Pictures and camps take these seeds and their ties to a depth; a question asked "in X"
//! keeps the claims that belong there (see [`Place::holds`]).

use std::collections::BTreeSet;

use crate::graph::KnowledgeGraph;
use crate::model::{Actor, Claim};

/// A place and the actors in it. Owned, so it can ride along in query options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The name as the user wrote it.
    pub name: String,
    /// Id of the actor the name resolved to, when it names one.
    pub actor: Option<String>,
    /// Labels of the named conflicts the name speaks of.
    pub conflicts: BTreeSet<String>,
    /// The actor and every actor affiliated with it, in turn (ids).
    pub affiliated: BTreeSet<String>,
    /// Actors taking part in the conflicts (ids).
    pub parties: BTreeSet<String>,
}

impl Place {
    /// The place `name` speaks of, given the actor it resolved to (if any). `None` when
    /// the name is neither an actor nor a named conflict.
    pub fn new(graph: &KnowledgeGraph, name: &str, actor: Option<&Actor>) -> Option<Place> {
        let mut names: Vec<&str> = vec![name];
        if let Some(a) = actor {
            names.push(&a.name);
            names.extend(a.aliases.iter().map(String::as_str));
        }
        let conflicts: BTreeSet<String> = labels(graph)
            .into_iter()
            .filter(|label| names.iter().any(|n| speaks_of(label, n)))
            .map(str::to_string)
            .collect();
        if actor.is_none() && conflicts.is_empty() {
            return None;
        }
        let affiliated = actor.map_or_else(BTreeSet::new, |a| affiliated(graph, &a.id));
        let mut parties = BTreeSet::new();
        for c in graph.claims() {
            if c.conflict().is_some_and(|n| conflicts.contains(n)) {
                parties.insert(c.source.clone());
                parties.insert(c.target.clone());
            }
        }
        Some(Place {
            name: name.to_string(),
            actor: actor.map(|a| a.id.clone()),
            conflicts,
            affiliated,
            parties,
        })
    }

    /// The actors a picture or camps start from: the affiliated actors and the parties.
    pub fn seeds(&self) -> BTreeSet<String> {
        self.affiliated.union(&self.parties).cloned().collect()
    }

    /// May a claim be drawn around the place? Not when it belongs to another named
    /// conflict while the place has conflicts of its own (Russia and Turkey in Syria are
    /// not part of a picture of Libya).
    pub fn admits(&self, claim: &Claim) -> bool {
        match claim.conflict() {
            Some(label) => self.conflicts.is_empty() || self.conflicts.contains(label),
            None => true,
        }
    }

    /// Does a claim belong to the place? A claim from a curated file of one of its
    /// conflicts does; a claim of another conflict does not when the place has conflicts
    /// of its own; any other claim (read from an article, or curated without a conflict)
    /// does when one end is the place's own (affiliated with it) or both ends take part in
    /// its conflicts. (Russia takes part in Syria's war, so "Russia backs the LNA" read
    /// from an article is not a Syrian claim: the LNA is neither Syria's nor a party.)
    pub fn holds(&self, claim: &Claim) -> bool {
        let own = |id: &String| self.affiliated.contains(id);
        let party = |id: &String| own(id) || self.parties.contains(id);
        match claim.conflict() {
            Some(label) if self.conflicts.contains(label) => true,
            Some(_) if !self.conflicts.is_empty() => false,
            _ => {
                own(&claim.source)
                    || own(&claim.target)
                    || (party(&claim.source) && party(&claim.target))
            }
        }
    }
}

/// Is `name` the label of a named conflict of the graph, or one of its parts?
pub fn is_conflict(graph: &KnowledgeGraph, name: &str) -> bool {
    labels(graph).into_iter().any(|l| speaks_of(l, name))
}

/// The conflict labels of the graph's curated claims, each once.
fn labels(graph: &KnowledgeGraph) -> BTreeSet<&str> {
    graph.claims().iter().filter_map(Claim::conflict).collect()
}

/// Does a conflict label speak of `name`: the whole label, or one of the parts it lists
/// ("Israel, Gaza, Lebanon and Iran"), compared without case and a leading "the"?
fn speaks_of(label: &str, name: &str) -> bool {
    let name = bare(name);
    if name.is_empty() {
        return false;
    }
    if bare(label) == name {
        return true;
    }
    label
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .any(|part| bare(part) == name)
}

/// Lower case, spaces squeezed, without a leading "the".
fn bare(s: &str) -> String {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let start = usize::from(words.first().is_some_and(|w| w == "the") && words.len() > 1);
    words[start..].join(" ")
}

/// An actor and every actor affiliated with it, in turn (members of members), by id.
pub(crate) fn affiliated(graph: &KnowledgeGraph, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::from([id.to_string()]);
    let mut queue = vec![id.to_string()];
    while let Some(next) = queue.pop() {
        for m in graph.members(&next) {
            if out.insert(m.id.clone()) {
                queue.push(m.id.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_speak_of_their_parts() {
        for (label, name, yes) in [
            ("Libya", "Libya", true),
            ("Libya", "libya", true),
            ("Yemen and the Red Sea", "the Red Sea", true),
            ("Yemen and the Red Sea", "Red Sea", true),
            ("Yemen and the Red Sea", "Yemen", true),
            ("Israel, Gaza, Lebanon and Iran", "Lebanon", true),
            (
                "Israel, Gaza, Lebanon and Iran",
                "Israel, Gaza, Lebanon and Iran",
                true,
            ),
            ("Israel, Gaza, Lebanon and Iran", "Gaza, Lebanon", false),
            ("Sahel", "Sahel States", false),
            ("Sahel", "", false),
            ("Sahel", "the", false),
        ] {
            assert_eq!(speaks_of(label, name), yes, "{label} / {name}");
        }
    }
}
