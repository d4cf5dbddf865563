//! Your data on top of the default: a small dataset of your own, written here as JSON,
//! checked together with the embedded data. Its relations name embedded actors by name
//! ("Turkey", "Haftar") as well as by id; then a query shows the new relation beside the
//! embedded ones.
//!
//! Run: `cargo run --example my_data`

use geokg::graph::data;
use geokg::query::{self, Question};
use geokg::{KnowledgeGraph, RelationKind};

/// A new militia, backed by Turkey (named, not by id) and opposed to Haftar.
const MINE: &str = r#"{
  "version": 1,
  "actors": [
    { "id": "sirte-shield", "name": "Sirte Shield Brigade", "kind": "armed_group",
      "aliases": ["Sirte Shield"] }
  ],
  "relations": [
    { "source": "Turkey", "relation": "supports", "target": "sirte-shield",
      "citation": "Field notes, May 2024" },
    { "source": "Sirte Shield", "relation": "opposes", "target": "Haftar",
      "citation": "Field notes, May 2024" }
  ]
}"#;

fn fail(errors: Vec<geokg::Error>) -> ! {
    for e in errors {
        eprintln!("{e}");
    }
    std::process::exit(2);
}

fn main() {
    // every problem in MINE is reported as mine.json:LINE:COL: FIELD: message
    let dataset = data::load_texts_with_embedded([("mine.json".to_string(), MINE.to_string())])
        .unwrap_or_else(|e| fail(e));
    let graph =
        KnowledgeGraph::new(dataset.actors, dataset.claims).unwrap_or_else(|e| fail(vec![e]));
    for (kind, target) in [
        (RelationKind::Supports, "Sirte Shield"),
        (RelationKind::Opposes, "Haftar"),
    ] {
        let question = Question::Who {
            kind,
            target: target.to_string(),
        };
        let answer = query::answer(&graph, &question).unwrap_or_else(|e| fail(vec![e]));
        println!("who {} {}:", kind.as_str(), answer.subject.name);
        for row in &answer.rows {
            println!(
                "- {}: {}",
                row.actor.name,
                row.claims[0].claim.evidence_text()
            );
        }
    }
}
