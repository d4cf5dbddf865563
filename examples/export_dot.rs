//! Extract relations from a short text you pass on the command line (or a built-in
//! sentence), add them to the embedded graph, and print the neighbourhood of the first
//! actor as Graphviz DOT.
//!
//! Run: `cargo run --example export_dot -- "Egypt backs Haftar." | dot -Tsvg > out.svg`

use geokg::extract::Extractor;
use geokg::KnowledgeGraph;

fn main() {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Russia and Egypt back the Libyan National Army.".to_string());
    let (extractor, data) = match (Extractor::embedded(), geokg::graph::data::embedded()) {
        (Ok(x), Ok(d)) => (x, d),
        (Err(errors), _) | (_, Err(errors)) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(2);
        }
    };
    let extraction = extractor.extract("example", &text);
    let focus = extraction.claims.first().map(|c| c.target.clone());
    let mut actors = data.actors;
    actors.extend(extraction.new_actors);
    let mut claims = data.claims;
    claims.extend(extraction.claims);
    let graph = match KnowledgeGraph::new(actors, claims) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let graph = match focus {
        Some(id) => graph.restrict(&graph.neighborhood(&id, 1)),
        None => graph,
    };
    print!(
        "{}",
        geokg::export::to_dot(&graph, &geokg::export::DotOptions::standard())
    );
}
