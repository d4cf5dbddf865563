//! geokg as a library, end to end: the embedded data plus a data file of your own, a
//! text read with the graph's own registry (your actors are recognised), a question
//! asked in plain words, a claim added by actor names, and a picture in Graphviz DOT.
//!
//! Run: `cargo run --example library [-- DATA.json]` (default:
//! `examples/data/my_actors.json`, which adds the Sirte Shield Brigade).

use geokg::{KnowledgeGraph, NewClaim, RelationKind};

const TEXT: &str = "The Sirte Shield Brigade attacked Haftar's forces near Sirte on Monday. \
Egypt condemned the Sirte Shield and warned Ankara against sending more drones.";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/my_actors.json".to_string());

    // 1. The embedded data with your file on top: a problem in it names file, line, field.
    let mut graph = KnowledgeGraph::with_files(&[&data])?;
    println!(
        "{} actors, {} relations",
        graph.actors().len(),
        graph.edge_count()
    );

    // 2. Read a text with the graph's own registry, then add what was read.
    let reading = graph.reader()?.read("monday-report", TEXT);
    for claim in reading.claims() {
        let hedged = if claim.hedged() { " (hedged)" } else { "" };
        println!(
            "read: {} {} {}{hedged}  [bytes {:?}] {}",
            claim.source(),
            claim.relation(),
            claim.target(),
            claim.span(),
            claim.sentence()
        );
    }
    graph.add_reading(&reading)?;

    // 3. Add a claim by actor names, with the source that establishes it.
    graph.add_claim(
        NewClaim::new(
            "Qatar",
            RelationKind::Supports,
            "Sirte Shield",
            "an analyst's notes, 2024-06-02",
        )
        .hedged(),
    )?;

    // 4. Ask in plain words; each finding has names, relation, hedged flag and evidence.
    for question in ["who backs the Sirte Shield", "who opposes the Sirte Shield"] {
        let reply = graph.ask(question)?;
        println!("{question}?");
        for finding in reply.findings() {
            println!(
                "  {} {} {}{}: {}",
                finding.source.name,
                finding.relation,
                finding.target.name,
                if finding.hedged { " (hedged)" } else { "" },
                finding.evidence().next().unwrap_or_default()
            );
        }
    }

    // 5. The Sirte Shield and its ties, as Graphviz DOT (pipe into `dot -Tsvg`).
    let dot = graph.dot_around("Sirte Shield", 1)?;
    println!("{dot}");
    Ok(())
}
