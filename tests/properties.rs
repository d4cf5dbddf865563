//! Property tests of extraction, run by `cargo test` with modest case counts (the fuzz
//! targets in fuzz/ search much longer). Texts are drawn from actor names, cue words,
//! pronouns, punctuation, random words and arbitrary characters, so that most cases
//! hold claims and the odd ones hold anything.

use std::sync::LazyLock;

use geokg::extract::{ClaimLine, Extractor};
use geokg::Provenance;
use proptest::prelude::*;
use proptest::sample::select;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::embedded().expect("embedded data"));
/// A second extractor: its hash maps have their own random seeds.
static OTHER: LazyLock<Extractor> = LazyLock::new(|| Extractor::embedded().expect("embedded data"));

/// The frame engine over the dependency parse.
static FRAMES: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::embedded()
        .expect("embedded data")
        .with_engine(geokg::extract::Engine::Frames)
        .expect("embedded syntax model")
});

const ACTORS: &[&str] = &[
    "Egypt",
    "Haftar",
    "Khalifa Haftar",
    "Turkey",
    "Türkiye",
    "the LNA",
    "Russia",
    "Paris",
    "Ankara",
    "the Wagner Group",
    "the Government of National Accord",
    "Interior Minister Ali Bukhari",
    "Turkish troops",
    "the RSF",
    "Hemedti",
    "the UAE",
    "the Houthis",
    "Iran",
    "Saudi Arabia",
    "the United Nations",
];

const CUES: &[&str] = &[
    "backs",
    "backed by",
    "condemned",
    "warned",
    "urged",
    "called on",
    "denied arming",
    "is suspected of funding",
    "accused",
    "fought",
    "-backed",
    "supports",
    "rejected",
    "sanctioned",
    "threatened",
    "sent troops to",
    "allies of",
];

const GLUE: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "his",
    "its",
    "their",
    "the group",
    "the junta",
    "the army",
    "both sides",
    "and",
    "to",
    "of",
    "that",
    "which",
    "who",
    "said",
    "on",
    "Tuesday",
    "halt",
    "the",
    "a",
    "offensive",
    "not",
    "reportedly",
    ",",
    ".",
    "\"",
    "'s",
    ";",
    ":",
    "—",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "?",
    "!",
    "Gen.",
    "U.S.",
    "Jan.",
    "“",
    "”",
    "’s",
    "\u{00A0}",
    "\t",
];

/// Words of sentences that can have nothing to do with any actor: no names, no
/// pronouns, no descriptions ("the group"), no titles, no capitals.
const UNRELATED: &[&str] = &[
    "the", "weather", "was", "mild", "markets", "opened", "higher", "in", "spring", "rain", "fell",
    "on", "farms", "prices", "rose", "slowly", "harvest", "bread", "football", "match", "ended",
    "late", "and", "with", "some", "sunshine", "tea", "grew", "cheaper",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(ACTORS).prop_map(str::to_string),
        3 => select(CUES).prop_map(str::to_string),
        4 => select(GLUE).prop_map(str::to_string),
        1 => "[a-zA-Z]{1,9}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// A document: tokens joined by spaces (and now and then by nothing).
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), any::<bool>()), 0..60).prop_map(|toks| {
        let mut s = String::new();
        for (t, glued) in toks {
            if !glued && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&t);
        }
        s
    })
}

fn unrelated_sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(select(UNRELATED), 1..15).prop_map(|w| format!("{}.", w.join(" ")))
}

/// A document of whole sentences: some name actors, some only refer back ("He warned
/// them."), some do neither, so that sentences the extractor can pass over quickly sit
/// between sentences that depend on what came before.
fn sentences() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        2 => prop::collection::vec(token(), 1..12).prop_map(|t| t.join(" ")),
        1 => prop::collection::vec(select(UNRELATED), 1..10).prop_map(|w| w.join(" ")),
        1 => prop::collection::vec(
            prop_oneof![select(UNRELATED), select(REFERRING), select(CUES)],
            1..10
        )
        .prop_map(|w| w.join(" ")),
    ];
    prop::collection::vec(sentence, 1..8).prop_map(|s| s.join(". ") + ".")
}

/// Words that refer back to an actor named before.
const REFERRING: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "them",
    "their",
    "his",
    "We",
    "the group",
    "the government",
    "that government",
    "both sides",
    "the army",
    "the president",
    "federal forces",
];

fn lines(ex: &Extractor, text: &str) -> Vec<ClaimLine> {
    ex.lines(&ex.extract("doc", text))
}

/// Every span of the extraction of `text` slices it on character boundaries and gives
/// the sentence back.
fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let ex = EXTRACTOR.explain("doc", text);
    for c in &ex.claims {
        let Provenance::Extracted(e) = &c.provenance else {
            return Err(TestCaseError::fail("extracted claim without evidence"));
        };
        prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        prop_assert_eq!(&text[e.span.start..e.span.end], e.sentence.as_str());
    }
    for s in &ex.sentences {
        prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        prop_assert_eq!(&text[s.span.start..s.span.end], s.text.as_str());
    }
    Ok(())
}

proptest! {
    // 96 cases each keeps `cargo test` fast; PROPTEST_CASES=5000 searches longer
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn spans_slice_the_original_text_on_char_boundaries(text in document()) {
        check_spans(&text)?;
    }

    #[test]
    fn extraction_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_spans(&text)?;
    }

    #[test]
    fn the_frame_engine_never_panics_and_its_spans_give_the_sentence(
        text in prop_oneof![document(), sentences(), any::<String>()]
    ) {
        for ex in [FRAMES.extract("doc", &text), FRAMES.explain("doc", &text)] {
            for c in &ex.claims {
                let Provenance::Extracted(e) = &c.provenance else {
                    return Err(TestCaseError::fail("extracted claim without evidence"));
                };
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert_eq!(&text[e.span.start..e.span.end], e.sentence.as_str());
                prop_assert!(c.source != c.target);
            }
        }
    }

    #[test]
    fn decoding_never_panics_and_keeps_valid_utf8(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let (text, warnings) = geokg::text::input::decode("x.txt", &bytes);
        if let Ok(s) = std::str::from_utf8(&bytes) {
            if !s.starts_with('\u{FEFF}') && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF]) {
                prop_assert_eq!(text.as_str(), s);
                prop_assert!(warnings.is_empty());
            }
        }
        check_spans(&text)?;
    }

    #[test]
    fn output_is_the_same_on_every_run(text in document()) {
        let first = lines(&EXTRACTOR, &text);
        prop_assert_eq!(&first, &lines(&EXTRACTOR, &text));
        // another extractor (other hash seeds) and the traced path read the same claims
        prop_assert_eq!(&first, &lines(&OTHER, &text));
        prop_assert_eq!(
            EXTRACTOR.extract("doc", &text).claims,
            EXTRACTOR.explain("doc", &text).claims
        );
    }

    /// Extraction passes over sentences that name no actor and hold no referring word;
    /// the surface engine's traced path reads every sentence. Both must find the same
    /// claims.
    #[test]
    fn sentences_passed_over_change_no_claim(text in sentences()) {
        prop_assert_eq!(
            EXTRACTOR.extract("doc", &text).claims,
            EXTRACTOR.explain("doc", &text).claims
        );
        // the frame engine passes over the same sentences with and without a trace
        prop_assert_eq!(
            FRAMES.extract("doc", &text).claims,
            FRAMES.explain("doc", &text).claims
        );
    }

    /// "Unrelated": a sentence of lower-case words with no actor name, no pronoun, no
    /// description and no title, appended at the end after a blank line. It can refer
    /// back to nothing, so every claim of the document must survive it.
    #[test]
    fn an_unrelated_sentence_at_the_end_removes_no_claim(
        text in document(),
        extra in unrelated_sentence(),
    ) {
        let before = lines(&EXTRACTOR, &text);
        let longer = format!("{text}\n\n{extra}");
        let after = lines(&EXTRACTOR, &longer);
        let mut rest = after.clone();
        for claim in &before {
            let Some(i) = rest.iter().position(|c| c == claim) else {
                return Err(TestCaseError::fail(format!(
                    "claim lost after appending {extra:?}: {claim:?}\nbefore: {before:#?}\nafter: {after:#?}"
                )));
            };
            rest.remove(i);
        }
    }
}
