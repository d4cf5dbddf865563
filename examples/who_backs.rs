//! Load the embedded default graph, ask who backs an actor, print each answer with its
//! best evidence.
//!
//! Run: `cargo run --example who_backs -- Haftar`

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Haftar".to_string());
    let graph = match geokg::default_graph() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let question = geokg::query::Question::Who {
        kind: geokg::RelationKind::Supports,
        target: name,
    };
    match geokg::query::answer(&graph, &question) {
        Ok(answer) => {
            println!("backers of {}:", answer.subject.name);
            for row in &answer.rows {
                let hedged = if row.hedged { " (hedged)" } else { "" };
                println!(
                    "- {}{}: {}",
                    row.actor.name,
                    hedged,
                    row.claims[0].claim.evidence_text()
                );
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
