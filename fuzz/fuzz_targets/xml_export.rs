//! GraphML and GEXF export of actors with arbitrary ids and names: a strict XML 1.0
//! parser (roxmltree) reads both; every actor is one node with an id of its own; every
//! edge joins the nodes of its actors with its relation; labels are the names with only
//! the characters XML 1.0 forbids left out.
#![no_main]

use std::collections::{BTreeMap, HashMap};

use geokg::KnowledgeGraph;
use libfuzzer_sys::fuzz_target;

#[path = "common/graph_input.rs"]
mod graph_input;

/// The characters XML 1.0 allows (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn readable(s: &str) -> String {
    s.chars().filter(|&c| xml_char(c)).collect()
}

/// (node id -> label, edges as (source node, relation, target node)) of one document.
fn read_back(format: &str, text: &str) -> (HashMap<String, String>, Vec<(String, String, String)>) {
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{format}: not well-formed XML 1.0: {e}\n{text}"));
    let mut nodes = HashMap::new();
    let mut edges = Vec::new();
    for n in doc.descendants() {
        if n.has_tag_name("node") {
            let id = n
                .attribute("id")
                .unwrap_or_else(|| panic!("{format}: node without id"));
            let label = match format {
                // the label is the first node key, d0
                "graphml" => n
                    .children()
                    .find(|c| c.has_tag_name("data") && c.attribute("key") == Some("d0"))
                    .map(|d| d.text().unwrap_or_default().to_string()),
                _ => n.attribute("label").map(str::to_string),
            }
            .unwrap_or_else(|| panic!("{format}: node {id:?} without a label\n{text}"));
            assert!(
                nodes.insert(id.to_string(), label).is_none(),
                "{format}: two nodes {id:?}\n{text}"
            );
        } else if n.has_tag_name("edge") {
            let end = |k: &str| {
                n.attribute(k)
                    .unwrap_or_else(|| panic!("{format}: edge without {k}"))
                    .to_string()
            };
            let relation = match format {
                "graphml" => n
                    .children()
                    .find(|c| c.has_tag_name("data") && c.attribute("key") == Some("d7"))
                    .and_then(|d| d.text())
                    .unwrap_or_default()
                    .to_string(),
                _ => end("kind"),
            };
            edges.push((end("source"), relation, end("target")));
        }
    }
    (nodes, edges)
}

fuzz_target!(|input: graph_input::GraphInput| {
    let (actors, claims) = input.actors_and_claims();
    let graph = KnowledgeGraph::new(actors, claims).unwrap_or_else(|e| panic!("{e}"));
    let names: BTreeMap<&str, &str> = graph
        .actors()
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    for (format, text) in [
        ("graphml", geokg::export::graphml::to_graphml(&graph)),
        ("gexf", geokg::export::gexf::to_gexf(&graph)),
    ] {
        let (nodes, edges) = read_back(format, &text);
        assert_eq!(
            nodes.len(),
            names.len(),
            "{format}: one node per actor\n{text}"
        );
        // the node of each actor: its own id when XML can hold it
        let mut node_of: HashMap<&str, &str> = HashMap::new();
        for (&id, &name) in &names {
            if id.chars().all(xml_char) {
                let label = nodes
                    .get(id)
                    .unwrap_or_else(|| panic!("{format}: no node {id:?}\n{text}"));
                assert_eq!(label, &readable(name), "{format}: label of {id:?}");
                node_of.insert(id, id);
            }
        }
        // the labels of all nodes are the names, whatever the ids became
        let mut labels: Vec<&String> = nodes.values().collect();
        let mut want: Vec<String> = names.values().map(|n| readable(n)).collect();
        labels.sort();
        want.sort();
        assert_eq!(
            labels,
            want.iter().collect::<Vec<_>>(),
            "{format}: labels\n{text}"
        );
        assert_eq!(edges.len(), graph.edges().len(), "{format}: edges\n{text}");
        for (s, _, t) in &edges {
            assert!(
                nodes.contains_key(s) && nodes.contains_key(t),
                "{format}: edge to no node\n{text}"
            );
        }
        let loops = |it: &mut dyn Iterator<Item = bool>| it.filter(|&l| l).count();
        assert_eq!(
            loops(&mut edges.iter().map(|(s, _, t)| s == t)),
            loops(&mut graph.edges().iter().map(|e| e.source.id == e.target.id)),
            "{format}: an edge became a loop or stopped being one\n{text}"
        );
        // edges between actors whose ids XML holds read back exactly
        for e in graph.edges() {
            if let (Some(s), Some(t)) = (
                node_of.get(e.source.id.as_str()),
                node_of.get(e.target.id.as_str()),
            ) {
                let want = (s.to_string(), e.kind.as_str().to_string(), t.to_string());
                assert!(edges.contains(&want), "{format}: no edge {want:?}\n{text}");
            }
        }
    }
});
