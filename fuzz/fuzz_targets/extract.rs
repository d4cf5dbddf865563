//! Text extraction on arbitrary bytes: decoding never fails, extraction never panics,
//! every span slices the text on character boundaries and gives the sentence back, and
//! the fast path (no trace) reads the same claims as the traced one.
#![no_main]

use std::sync::LazyLock;

use geokg::extract::Extractor;
use geokg::Provenance;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::embedded().unwrap_or_else(|e| panic!("embedded data: {e:?}")));

fuzz_target!(|data: &[u8]| {
    let (text, _warnings) = geokg::text::input::decode("fuzz.txt", data);
    let fast = EXTRACTOR.extract("fuzz", &text);
    let traced = EXTRACTOR.explain("fuzz", &text);
    assert_eq!(fast.claims, traced.claims, "trace changes the claims");
    assert_eq!(fast.new_actors, traced.new_actors);
    for c in &fast.claims {
        let Provenance::Extracted(e) = &c.provenance else {
            panic!("an extracted claim without evidence");
        };
        assert_eq!(
            text.get(e.span.start..e.span.end),
            Some(e.sentence.as_str())
        );
        assert_ne!(c.source, c.target, "a claim relates an actor to itself");
    }
    for line in EXTRACTOR.lines(&fast) {
        assert_eq!(
            text.get(line.span[0]..line.span[1]),
            Some(line.sentence.as_str())
        );
    }
    let mut last_end = 0;
    for s in &traced.sentences {
        assert_eq!(text.get(s.span.start..s.span.end), Some(s.text.as_str()));
        assert!(s.span.start >= last_end, "sentences overlap");
        last_end = s.span.end;
    }
});
