//! DOT export of actors with arbitrary ids and names: the output is well-formed DOT
//! (every string closed on its line, nothing outside strings but DOT syntax), and the
//! graph file of the same graph reads back.
#![no_main]

use arbitrary::Arbitrary;
use geokg::{Actor, ActorKind, Claim, KnowledgeGraph, Provenance, RelationKind};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    actors: Vec<(String, String, u8)>,
    claims: Vec<(u8, u8, u8, bool, String)>,
    isolated: bool,
}

/// Checks DOT text lexically: strings are closed before the end of their line and only
/// DOT punctuation, identifiers and numbers stand outside them.
fn check_dot(dot: &str) {
    for (n, line) in dot.lines().enumerate() {
        let mut in_string = false;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if in_string {
                match c {
                    '\\' => {
                        let next = chars.next();
                        assert!(next.is_some(), "line {n}: backslash at end of line: {line}");
                    }
                    '"' => in_string = false,
                    c => assert!(!c.is_control(), "line {n}: control character: {line:?}"),
                }
            } else {
                match c {
                    '"' => in_string = true,
                    c if c.is_ascii_alphanumeric() => {}
                    ' ' | '\t' | '{' | '}' | '[' | ']' | ';' | '=' | ',' | '-' | '>' | '.'
                    | '_' => {}
                    c => panic!("line {n}: {c:?} outside a string: {line:?}"),
                }
            }
        }
        assert!(!in_string, "line {n}: string not closed: {line:?}");
    }
}

fuzz_target!(|input: Input| {
    let mut actors: Vec<Actor> = Vec::new();
    for (id, name, kind) in input.actors.into_iter().take(64) {
        if actors.iter().any(|a| a.id == id) {
            continue;
        }
        let kind = ActorKind::ALL[kind as usize % ActorKind::ALL.len()];
        actors.push(Actor::new(id, name, kind));
    }
    let mut claims = Vec::new();
    if !actors.is_empty() {
        for (s, r, t, hedged, citation) in input.claims.into_iter().take(256) {
            let s = &actors[s as usize % actors.len()];
            let t = &actors[t as usize % actors.len()];
            claims.push(Claim {
                source: s.id.clone(),
                kind: RelationKind::ALL[r as usize % 3],
                target: t.id.clone(),
                hedged,
                confidence: if hedged { 0.6 } else { 1.0 },
                from: None,
                until: None,
                provenance: Provenance::Curated { citation },
            });
        }
    }
    let used: std::collections::BTreeSet<&str> = claims
        .iter()
        .flat_map(|c| [c.source.as_str(), c.target.as_str()])
        .collect();
    let shown = if input.isolated {
        actors.len()
    } else {
        used.len()
    };
    let graph = KnowledgeGraph::new(actors, claims).unwrap_or_else(|e| panic!("{e}"));
    // the legend is an HTML label made of fixed words and counts, no names; it is left
    // out so that the checker sees only quoted strings
    let options = geokg::export::DotOptions {
        isolated: input.isolated,
        legend: false,
        ..geokg::export::DotOptions::standard()
    };
    let dot = geokg::export::to_dot(&graph, &options);
    check_dot(&dot);
    assert!(dot.starts_with("digraph {"), "{dot}");
    let nodes = dot.lines().filter(|l| l.contains("[label=")).count();
    assert_eq!(nodes, shown, "{dot}");
    // the graph file keeps arbitrary names too
    let json = geokg::graphfile::to_json(&graph);
    let again = geokg::graphfile::from_json("g.json", &json)
        .unwrap_or_else(|e| panic!("graph file with odd names does not read back: {e}\n{json}"));
    assert_eq!(geokg::graphfile::to_json(&again), json);
});
