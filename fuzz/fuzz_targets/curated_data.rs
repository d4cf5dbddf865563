//! Curated-data loading on arbitrary files: every problem is an error naming a place,
//! and whatever passes the checks builds a graph, survives a graph-file round trip, and
//! can be used as an extraction registry.
#![no_main]

use std::sync::LazyLock;

use geokg::extract::Extractor;
use geokg::extract::lexicon::Lexicon;
use geokg::{KnowledgeGraph, Provenance};
use libfuzzer_sys::fuzz_target;

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::embedded().unwrap_or_else(|e| panic!("embedded lexicon: {e}")));

fuzz_target!(|data: &[u8]| {
    let (text, _) = geokg::text::input::decode("fuzz.json", data);
    // the same text as a lexicon: errors only
    let _ = Lexicon::from_json("fuzz.json", &text);
    let dataset = match geokg::graph::data::load_texts([("fuzz.json".to_string(), text)]) {
        Ok(d) => d,
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.to_string().starts_with("fuzz.json"), "{e}");
            }
            return;
        }
    };
    let graph = KnowledgeGraph::new(dataset.actors.clone(), dataset.claims.clone())
        .unwrap_or_else(|e| panic!("checked data does not build a graph: {e}"));
    let json = geokg::graph::file::to_json(&graph);
    let again = geokg::graph::file::from_json("round.json", &json)
        .unwrap_or_else(|e| panic!("a written graph file does not read back: {e}\n{json}"));
    assert_eq!(geokg::graph::file::to_json(&again), json);
    let _ = geokg::export::to_dot(&graph, &geokg::export::DotOptions { isolated: true, ..geokg::export::DotOptions::standard() });
    // the actors as a registry: a sentence naming the first two
    if dataset.actors.len() >= 2 {
        let text = format!(
            "{} backs {}. {} warned {}.",
            dataset.actors[0].name,
            dataset.actors[1].name,
            dataset.actors[1].name,
            dataset.actors[0].name
        );
        let extractor = Extractor::new(dataset.actors, LEXICON.clone());
        let ex = extractor.extract("fuzz", &text);
        for c in &ex.claims {
            if let Provenance::Extracted(e) = &c.provenance {
                assert_eq!(
                    text.get(e.span.start..e.span.end),
                    Some(e.sentence.as_str())
                );
            }
        }
    }
});
