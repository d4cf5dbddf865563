//! The syntax model on arbitrary text: tokenizing, tagging and parsing never panic,
//! every parse is a tree (heads in range, exactly one root, no cycle), and the words are
//! non-empty spans of the text, on character boundaries, in order and apart, that give
//! their form back and hold no white space.
#![no_main]

use std::sync::LazyLock;

use geokg::syntax::Model;
use libfuzzer_sys::fuzz_target;

static MODEL: LazyLock<&'static Model> =
    LazyLock::new(|| Model::embedded().unwrap_or_else(|e| panic!("embedded model: {e}")));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let words = MODEL.parse(&text);
    let n = words.len();
    if n == 0 {
        return;
    }
    for (i, w) in words.iter().enumerate() {
        assert!(w.head <= n, "word {} has head {} of {n}", i + 1, w.head);
        assert_ne!(w.head, i + 1, "word {} is its own head", i + 1);
    }
    assert_eq!(
        words.iter().filter(|w| w.head == 0).count(),
        1,
        "not exactly one root"
    );
    for start in 1..=n {
        let mut at = start;
        let mut steps = 0;
        while at != 0 {
            assert!(steps < n, "a cycle through word {start}");
            at = words[at - 1].head;
            steps += 1;
        }
    }
    let mut last_end = 0;
    for w in &words {
        let (a, b) = (w.span.start, w.span.end);
        assert!(a < b, "an empty word at {a}");
        assert!(a >= last_end, "words overlap or go back at {a}");
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "a word off character boundaries: {a}..{b}"
        );
        assert_eq!(text.get(a..b), Some(w.form.as_str()));
        assert!(
            !w.form.contains(char::is_whitespace),
            "white space in {:?}",
            w.form
        );
        last_end = b;
    }
});
