//! The syntax layer: training is deterministic, the shipped model loads and gives
//! well-formed trees on any text, and broken model files are clear errors.

use geokg::syntax::{train, Hint, Model};
use proptest::prelude::*;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/syntax")
        .join(name)
}

fn tiny_model() -> Vec<u8> {
    let options = train::Options {
        tagger_epochs: 3,
        parser_epochs: 3,
        ..train::Options::default()
    };
    let model = train::train_on(
        &[fixture("tiny-train.conllu")],
        &[fixture("tiny-dev.conllu")],
        &options,
        &|_| {},
    )
    .expect("the tiny treebank trains");
    model.to_bytes()
}

#[test]
fn training_twice_gives_the_same_bytes() {
    let a = tiny_model();
    let b = tiny_model();
    assert_eq!(a, b);
    let m = Model::from_bytes(&a, "tiny").expect("a trained model reads back");
    assert_eq!(m.to_bytes(), a, "reading and writing again changes nothing");
    let words = m.parse("Russia backs the rebels.");
    assert_well_formed(&words, "Russia backs the rebels.");
}

/// One head per word inside the sentence, exactly one root, no cycle, spans in order.
fn assert_well_formed(words: &[geokg::syntax::Word], text: &str) {
    let n = words.len();
    let roots = words.iter().filter(|w| w.head == 0).count();
    if n == 0 {
        // only spaces and control characters make no word
        assert!(
            text.chars().all(|c| c.is_whitespace() || c.is_control()),
            "no words in {text:?}"
        );
        return;
    }
    assert_eq!(roots, 1, "one root in {text:?}: {words:?}");
    let mut last_end = 0;
    for (i, w) in words.iter().enumerate() {
        assert!(w.head <= n, "head in range");
        assert_ne!(w.head, i + 1, "no word heads itself");
        assert!(w.span.start >= last_end && w.span.start < w.span.end);
        assert_eq!(&text[w.span.clone()], w.form);
        last_end = w.span.end;
        let (mut k, mut steps) = (i + 1, 0);
        while k != 0 {
            k = words[k - 1].head;
            steps += 1;
            assert!(steps <= n, "a cycle through word {} of {text:?}", i + 1);
        }
        assert_eq!(
            w.deprel == "root",
            w.head == 0,
            "root label on the root only"
        );
    }
}

fn embedded() -> &'static Model {
    Model::embedded().expect("the embedded model loads")
}

#[test]
fn the_embedded_model_parses_news_sentences_into_the_expected_shapes() {
    // (sentence, word, its head word, relation): the constructions extraction reads
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "Turkey backs the government in Tripoli.",
            "Turkey",
            "backs",
            "nsubj",
        ),
        (
            "Turkey backs the government in Tripoli.",
            "government",
            "backs",
            "obj",
        ),
        (
            "The militia was armed by the Emirates.",
            "militia",
            "armed",
            "nsubj:pass",
        ),
        (
            "The militia was armed by the Emirates.",
            "Emirates",
            "armed",
            "obl:agent",
        ),
        (
            "Egypt and Russia support the general.",
            "Russia",
            "Egypt",
            "conj",
        ),
        (
            "Turkey, an ally of Qatar, sent troops to Libya.",
            "ally",
            "Turkey",
            "appos",
        ),
        (
            "The group, which Iran backs, attacked the base.",
            "backs",
            "group",
            "acl:relcl",
        ),
        (
            "Haftar's rivals in Tripoli are backed by Turkey.",
            "Haftar",
            "rivals",
            "nmod:poss",
        ),
        (
            "Haftar's rivals in Tripoli are backed by Turkey.",
            "Turkey",
            "backed",
            "obl:agent",
        ),
    ];
    for (sentence, word, head, rel) in cases {
        let words = embedded().parse(sentence);
        assert_well_formed(&words, sentence);
        let w = words
            .iter()
            .find(|w| w.form == *word)
            .unwrap_or_else(|| panic!("{word} in {sentence}"));
        assert!(w.head > 0, "{word} is not the root of {sentence}");
        let h = &words[w.head - 1];
        assert_eq!(
            (h.form.as_str(), w.deprel.as_str()),
            (*head, *rel),
            "{word} in {sentence:?}: {words:#?}"
        );
    }
}

#[test]
fn tags_and_lemmas_of_a_plain_sentence() {
    let words = embedded().parse("The rebels were fighting government forces.");
    let got: Vec<(&str, &str)> = words
        .iter()
        .map(|w| (w.upos.as_str(), w.lemma.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("DET", "the"),
            ("NOUN", "rebel"),
            ("AUX", "be"),
            ("VERB", "fight"),
            ("NOUN", "government"),
            ("NOUN", "force"),
            ("PUNCT", "."),
        ]
    );
}

#[test]
fn hints_keep_a_word_to_the_tags_the_caller_allows() {
    // the model reads this acronym after "the" as a common noun
    let text = "Erdogan offered to mediate between Sudan and the UAE, he said.";
    let plain = embedded().parse(text);
    let uae = plain
        .iter()
        .position(|w| w.form == "UAE")
        .expect("a word UAE");
    assert_ne!(plain[uae].upos, "PROPN", "{plain:?}");
    let name = embedded().parse_knowing(text, &|span, form| {
        assert_eq!(&text[span], form, "the hint sees each word's own span");
        if form == "UAE" {
            Hint::Name
        } else {
            Hint::Free
        }
    });
    assert_eq!(name[uae].upos, "PROPN", "{name:?}");
    assert_well_formed(&name, text);
    // a content word is never a function word or an adverb
    let content = embedded().parse_knowing("He went down.", &|_, form| {
        if form == "down" {
            Hint::Content
        } else {
            Hint::Free
        }
    });
    assert!(
        matches!(content[2].upos.as_str(), "NOUN" | "PROPN" | "VERB" | "ADJ"),
        "{content:?}"
    );
}

#[test]
fn odd_text_gives_well_formed_trees() {
    for text in [
        "",
        "   ",
        ".",
        "!!!???",
        "a",
        "\u{301}\u{301}",
        "🇱🇾 🇹🇷 backs",
        "\0\u{1}\u{7f}",
        "'s n't 're",
        "http://example.org/x?y=1 mail@example.org",
        "((((((((((((",
        &"word ".repeat(600),
        &"-".repeat(3000),
    ] {
        let words = embedded().parse(text);
        assert_well_formed(&words, text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_gives_a_tree(text in "\\PC{0,200}") {
        let words = embedded().parse(&text);
        assert_well_formed(&words, &text);
    }

    #[test]
    fn parsing_is_deterministic(text in "[A-Za-z ,.'-]{0,120}") {
        prop_assert_eq!(embedded().parse(&text), embedded().parse(&text));
    }
}

#[test]
fn broken_model_files_are_errors_that_name_the_file() {
    let good = embedded().to_bytes();
    let mut wrong_version = good.clone();
    wrong_version[8] = wrong_version[8].wrapping_add(1);
    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 0x40;
    let mut bad_magic = good.clone();
    bad_magic[0] = b'X';
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty"),
        ("header only", good[..20].to_vec(), "header"),
        ("truncated", good[..good.len() - 100].to_vec(), "truncated"),
        ("padded", [good.as_slice(), b"xx"].concat(), "padded"),
        ("wrong version", wrong_version, "version"),
        ("flipped byte", flipped, "checksum"),
        ("not a model", bad_magic, "header"),
    ];
    for (name, bytes, says) in cases {
        let e = Model::from_bytes(&bytes, "my.syntax")
            .expect_err(name)
            .to_string();
        assert!(e.starts_with("my.syntax: "), "{name}: {e}");
        assert!(e.contains(says), "{name}: {e}");
    }
    let missing = Model::load(std::path::Path::new("/nonexistent/en.syntax")).unwrap_err();
    assert!(
        missing.to_string().starts_with("/nonexistent/en.syntax"),
        "{missing}"
    );
}

/// The shipped tokenizer follows UD English conventions: a table of tricky strings
/// written for geokg, with the tokens expected (`|` between tokens).
#[test]
fn the_embedded_tokenizer_follows_ud_english_conventions() {
    let cases = [
        (
            "Turkey's drones didn't stop the LNA.",
            "Turkey|'s|drones|did|n't|stop|the|LNA|.",
        ),
        (
            "They can't and won't back Haftar's well-known rivals.",
            "They|ca|n't|and|wo|n't|back|Haftar|'s|well|-|known|rivals|.",
        ),
        (
            "The U.S. sent $1,500.50 in aid on 3/4/2024, officials said.",
            "The|U.S.|sent|$|1,500.50|in|aid|on|3/4/2024|,|officials|said|.",
        ),
        (
            "Gen. Khalifa Haftar (the LNA's commander) met Mr. Putin in Moscow.",
            "Gen.|Khalifa|Haftar|(|the|LNA|'s|commander|)|met|Mr.|Putin|in|Moscow|.",
        ),
        (
            "Egypt-backed forces, i.e. the so-called \"national army\", advanced...",
            "Egypt|-|backed|forces|,|i.e.|the|so|-|called|\"|national|army|\"|,|advanced|...",
        ),
        (
            "See https://example.org/report?id=7 or write to press@example.org!",
            "See|https://example.org/report?id=7|or|write|to|press@example.org|!",
        ),
        (
            "It's the Houthis' missiles -- not Iran's -- that hit the ship.",
            "It|'s|the|Houthis|'|missiles|--|not|Iran|'s|--|that|hit|the|ship|.",
        ),
        (
            "I'm sure they'll say we've lost; you'd agree?",
            "I|'m|sure|they|'ll|say|we|'ve|lost|;|you|'d|agree|?",
        ),
        (
            "Türkiye’s envoy didn’t comment.",
            "Türkiye|’s|envoy|did|n’t|comment|.",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got: Vec<&str> = embedded()
            .tokenize(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        if got.join("|") != want {
            wrong.push(format!(
                "{text:?}\n   got  {}\n   want {want}",
                got.join("|")
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
