//! The question parser on arbitrary text, and the answer on the embedded graph: a
//! question is understood or refused with an error, never a panic.
//!
//! Suggestions for unknown names compare the name with every name of the graph, which
//! is slow under coverage instrumentation; they run for one input in eight so that the
//! parser gets most of the executions.
#![no_main]

use std::sync::LazyLock;

use geokg::query::Question;
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
        Ok(q) => {
            let name = match &q {
                Question::Who { target, .. } => target,
                Question::What { source, .. } => source,
            };
            assert!(!name.trim().is_empty(), "{q:?} names nobody");
            if GRAPH.lookup(name).is_empty() {
                return;
            }
            let answer = geokg::query::answer(&GRAPH, &q)
                .unwrap_or_else(|e| panic!("a name that looks up does not answer: {e}"));
            let _ = geokg::report::answer_text(&answer, true);
            let _ = geokg::report::answer_json(question, &answer, true);
            let _ = geokg::report::actor_text(&GRAPH, answer.subject);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
