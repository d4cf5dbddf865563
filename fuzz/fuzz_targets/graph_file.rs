//! Graph-file, fragment and article-line loading on arbitrary files: errors name the
//! place, and a graph that loads writes a file that loads back to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = geokg::text::input::decode("fuzz.graph.json", data);
    match geokg::graph::file::from_json("fuzz.graph.json", &text) {
        Ok(graph) => {
            let json = geokg::graph::file::to_json(&graph);
            let again = geokg::graph::file::from_json("round.json", &json)
                .unwrap_or_else(|e| panic!("a written graph file does not read back: {e}\n{json}"));
            assert_eq!(
                geokg::graph::file::to_json(&again),
                json,
                "round trip changes the file"
            );
            let _ = geokg::export::to_dot(&graph, &geokg::export::DotOptions { isolated: true, ..geokg::export::DotOptions::standard() });
            let mut builder = geokg::graph::merge::GraphBuilder::new();
            builder.add_graph(graph.clone());
            builder.add_graph(graph);
            let merged = builder
                .finish()
                .unwrap_or_else(|e| panic!("merging a graph with itself fails: {e}"));
            assert_eq!(
                geokg::graph::file::to_json(&merged),
                json,
                "merge is not idempotent"
            );
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.graph.json"), "{e}"),
    }
    // every line as a fragment of `geokg merge` and as an article of a JSON Lines corpus
    for (n, line) in text.lines().enumerate() {
        if let Err(e) = geokg::graph::file::parse_fragment("f.jsonl", n + 1, line) {
            assert!(e.to_string().starts_with("f.jsonl:"), "{e}");
        }
        if let Err(e) = geokg::text::corpus::parse_article("a.jsonl", n + 1, line) {
            assert!(e.to_string().starts_with("a.jsonl:"), "{e}");
        }
    }
});
