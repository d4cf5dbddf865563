//! What the fuzz targets found (fuzz/README.md), pinned: each crash input replayed
//! through the target's checks, and a small text that shows the same fault.

use std::sync::LazyLock;

use geokg::extract::{ClaimLine, Extractor};
use geokg::Provenance;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::embedded().expect("embedded data"));

fn lines(text: &str) -> Vec<ClaimLine> {
    EXTRACTOR.lines(&EXTRACTOR.extract("doc", text))
}

/// The checks of fuzz/fuzz_targets/extract.rs on one input.
fn extract_target_checks(data: &[u8]) {
    let (text, _) = geokg::text::input::decode("fuzz.txt", data);
    let fast = EXTRACTOR.extract("fuzz", &text);
    let traced = EXTRACTOR.explain("fuzz", &text);
    assert_eq!(fast.claims, traced.claims);
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
}

/// extract, crash-a5b16fa9…: a titled newcomer ("Marshal Khalifa  Haftar", two spaces)
/// got the slug of a registry actor (khalifa-haftar); renaming the newcomer afterwards
/// rewrote every claim naming that id, the registry actor's too, so "the newcomer
/// supports Haftar" became a claim of an actor about itself.
#[test]
fn extract_crash_newcomer_with_a_registry_slug_replays_clean() {
    extract_target_checks(include_bytes!(
        "data/fuzz/extract-newcomer-with-a-registry-slug.bin"
    ));
}

#[test]
fn a_newcomer_with_a_registry_actors_slug_takes_none_of_its_claims() {
    // (the fuzzer's "Khalifa  Haftar", two spaces, is now read as Haftar himself, another
    // spelling of his name; a letter the slug leaves out keeps the newcomer apart)
    let got = lines("Field Marshal Khalifa Haftar畯 condemned Haftar.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        (got[0].source_id.as_str(), got[0].target_id.as_str()),
        ("khalifa-haftar-x", "khalifa-haftar")
    );
    let got = lines("Marshal Khalifa Haftar畯 warned Egypt. Egypt backs Haftar.");
    let pairs: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|l| {
            (
                l.source_id.as_str(),
                l.relation.as_str(),
                l.target_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("khalifa-haftar-x", "warns", "egy"),
            ("egy", "supports", "khalifa-haftar")
        ]
    );
}

/// extract, crash-69c7ceb2…: two titled newcomers whose names differ only in letters the
/// slug leaves out ("Omar Td畯", "Omar Td慨") got the same id, so a claim between them
/// related an actor to itself.
#[test]
fn extract_crash_newcomers_sharing_a_slug_replays_clean() {
    extract_target_checks(include_bytes!(
        "data/fuzz/extract-newcomers-sharing-a-slug.bin"
    ));
}

#[test]
fn newcomers_sharing_a_slug_stay_two_actors() {
    let got = lines("Defence Minister Omar Td畯 condemned Interior Minister Omar Td慨.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_ne!(got[0].source_id, got[0].target_id, "{got:#?}");
    assert_eq!(
        (got[0].source.as_str(), got[0].target.as_str()),
        ("Omar Td畯", "Omar Td慨")
    );
}

/// extract, crash-1df11a7f…: "ahn'tThey" is one run of letters for the word scan but
/// three tokens ("ah", "n't", "they"), so the scan did not see that "They" may refer.
/// The fast path passed over a sentence with no actor named and no referring word it
/// knew of, while the traced path read it and found a claim through the pronoun.
#[test]
fn extract_crash_referring_word_after_nt_replays_clean() {
    extract_target_checks(include_bytes!("data/fuzz/extract-nt-splits-a-run.bin"));
}

/// properties, the_frame_engine_never_panics…: a mention running over a sentence's start
/// ("the president We. Egypt backs.") gave the frame engine a range below the sentence's
/// first byte, and the title phrases sliced the sentence there: a panic on any run.
#[test]
fn a_mention_over_a_sentence_start_does_not_panic_the_frame_engine() {
    let frames = Extractor::embedded()
        .unwrap()
        .with_engine(geokg::extract::Engine::Frames)
        .unwrap();
    for text in [
        "the president We. Egypt backs.",
        "Hemedti called on \" ) Tuesday.",
    ] {
        let fast = frames.extract("doc", text);
        let traced = frames.explain("doc", text);
        assert_eq!(fast.claims, traced.claims, "{text}");
    }
}
