//! DOT export of actors with arbitrary ids and names: the output is well-formed DOT
//! (every string closed on its line, nothing outside strings but DOT syntax), and the
//! graph file of the same graph reads back.
#![no_main]

use arbitrary::Arbitrary;
use geokg::KnowledgeGraph;
use libfuzzer_sys::fuzz_target;

#[path = "common/graph_input.rs"]
mod graph_input;

/// The graph input first, then the flag: the bytes read as they did before the graph
/// input was shared, so the corpus keeps its meaning.
#[derive(Debug, Arbitrary)]
struct Input {
    graph: graph_input::GraphInput,
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
    let (actors, claims) = input.graph.actors_and_claims();
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
    let json = geokg::graph::file::to_json(&graph);
    let again = geokg::graph::file::from_json("g.json", &json)
        .unwrap_or_else(|e| panic!("graph file with odd names does not read back: {e}\n{json}"));
    assert_eq!(geokg::graph::file::to_json(&again), json);
});
