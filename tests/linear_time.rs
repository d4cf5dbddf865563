//! Hostile documents are read in time proportional to their length. Each shape below
//! once took quadratic time (found by timing documents built to stress one stage):
//! eight times the text must take well under sixty-four times as long.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use geokg::extract::Extractor;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::embedded().expect("embedded data"));

/// The fastest of three extractions of `text`.
fn time(text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let ex = EXTRACTOR.extract("doc", text);
            std::hint::black_box(EXTRACTOR.lines(&ex));
            started.elapsed()
        })
        .min()
        .unwrap()
}

fn check_linear(shape: &str, unit: &str) {
    let small = unit.repeat(25_000 / unit.len());
    let big = unit.repeat(200_000 / unit.len());
    let (t_small, t_big) = (time(&small), time(&big));
    assert!(
        t_big < t_small * 24 + Duration::from_millis(50),
        "{shape}: 25 kB took {t_small:?}, 200 kB took {t_big:?}"
    );
}

/// Every newcomer was looked up among all the others by folded name, and every kept new
/// actor among all claims.
#[test]
fn thousands_of_titled_newcomers() {
    let mut text = String::new();
    for i in 0..2000 {
        let name: String = format!("{i:05}")
            .bytes()
            .map(|b| char::from(b'a' + (b - b'0')))
            .collect();
        text.push_str(&format!(
            "Interior Minister Ali Q{name} condemned Egypt and Defence Minister Omar Z{name} warned Haftar. "
        ));
    }
    let small = &text[..text.len() / 8];
    let (t_small, t_big) = (time(small), time(&text));
    assert!(
        t_big < t_small * 24 + Duration::from_millis(50),
        "newcomers: 1/8 took {t_small:?}, all took {t_big:?}"
    );
}

/// Each pronoun and description was resolved by scanning every mention before it,
/// and "it" by scanning every mention once per earlier sentence.
#[test]
fn pronouns_and_descriptions_with_nothing_to_refer_to() {
    check_linear(
        "pronouns",
        "Egypt backs Haftar. He warned them. It condemned its allies and the group rejected their offer. ",
    );
}

/// "Both sides" counted every opposing claim of the document so far.
#[test]
fn both_sides_after_many_opposing_claims() {
    check_linear(
        "both sides",
        "Egypt fought Haftar. Turkey attacked the LNA. Both sides rejected the warring parties. ",
    );
}
