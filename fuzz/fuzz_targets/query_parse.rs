//! The question parser on arbitrary text, and the answer on the embedded graph: a
//! question is understood or refused with an error, never a panic.
//!
//! Suggestions for unknown names compare the name with every name of the graph, which
//! is slow under coverage instrumentation; they run for one input in eight so that the
//! parser gets most of the executions.
#![no_main]

use std::sync::LazyLock;

use geokg::KnowledgeGraph;
use libfuzzer_sys::fuzz_target;

static GRAPH: LazyLock<KnowledgeGraph> =
    LazyLock::new(|| geokg::default_graph().unwrap_or_else(|e| panic!("embedded data: {e:?}")));

fuzz_target!(|data: &[u8]| {
    let Ok(question) = std::str::from_utf8(data) else {
        return;
    };
    if data.len() % 8 == 0 {
        let _ = GRAPH.suggest(question);
    }
    match geokg::query::parse(question) {
        // any question the grammar reads is answered or refused with an error, and an
        // answer renders as text and JSON
        Ok(q) => {
            if let Ok(reply) = geokg::query::ask(&GRAPH, &q, &geokg::query::Options::default()) {
                let _ = geokg::query::report::reply_text(&reply, true);
                let _ = geokg::query::report::reply_json(question, &reply, true);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
