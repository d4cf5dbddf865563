//! Names an analyst uses, read by rules over the registry (`data/names/en.json`): a state
//! with an office ("the Libyan government", "the Sudanese army", "the Syrian president"),
//! a capital as the government in office at a date ("Tripoli"), and suggestions ranked by
//! meaning before spelling.

mod common;

use std::sync::OnceLock;

use common::run;
use geokg::graph::time::Window;
use geokg::query::names::Rules;
use geokg::query::{resolve, resolve_at};
use geokg::{Date, Error, KnowledgeGraph};

fn graph() -> &'static KnowledgeGraph {
    static GRAPH: OnceLock<KnowledgeGraph> = OnceLock::new();
    GRAPH.get_or_init(|| geokg::default_graph().expect("embedded data"))
}

fn at(date: &str) -> Window {
    Window {
        as_of: Some(date.parse::<Date>().unwrap()),
        ..Window::all()
    }
}

/// The id a name resolves to at a date (`None`: now).
fn id(name: &str, date: Option<&str>) -> String {
    let window = date.map_or_else(Window::all, at);
    match resolve_at(graph(), name, &window) {
        Ok((a, _)) => a.id.clone(),
        Err(e) => panic!("{name} at {date:?}: {e}"),
    }
}

fn suggestions(name: &str) -> Vec<String> {
    match resolve_at(graph(), name, &Window::all()) {
        Err(Error::UnknownActor { suggestions, .. }) => suggestions,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn a_state_with_an_office_is_who_held_it_at_the_date() {
    // (name, --as-of, actor)
    let table: &[(&str, Option<&str>, &str)] = &[
        ("the Libyan government", None, "gnu"),
        ("the Libyan government", Some("2018"), "gna"),
        ("Libya's government", Some("2023-06"), "gnu"),
        ("the government of Libya", Some("2019-04-04"), "gna"),
        ("the Sudanese army", None, "saf"),
        ("Russia's army", None, "russian-armed-forces"),
        ("the Syrian regime", None, "syrian-government"),
        ("the Syrian president", None, "ahmed-al-sharaa"),
        ("the Syrian president", Some("2020"), "bashar-al-assad"),
        (
            "the president of the United States",
            Some("2022"),
            "joe-biden",
        ),
        (
            "the Myanmar government",
            Some("2023"),
            "state-administration-council",
        ),
        // no government is listed apart from the state: the state stands for it
        ("the Sudanese government", None, "sdn"),
        // a former government's own name gives way at a date after it fell
        ("the Syrian government", None, "syrian-government"),
        (
            "the Syrian government",
            Some("2025"),
            "syrian-transitional-government",
        ),
        // a capital stands for its state; for a state with no relation of its own (Libya's
        // are all with its rival governments), for the government at the date
        ("Tripoli", None, "gnu"),
        ("Tripoli", Some("2018"), "gna"),
        ("Damascus", Some("2020"), "syrian-government"),
        ("Damascus", Some("2025"), "syrian-transitional-government"),
        // a capital of a state with relations of its own is the state
        ("Ankara", None, "tur"),
        ("Niamey", None, "ner"),
    ];
    let mut wrong = Vec::new();
    for &(name, date, want) in table {
        let got = id(name, date);
        if got != want {
            wrong.push(format!("{name} at {date:?}: {got}, expected {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // a focus is a place: there a capital means its state
    assert_eq!(resolve(graph(), "Tripoli").unwrap().0.id, "lby");
}

#[test]
fn the_cli_reads_the_names_and_says_how() {
    let r = run(["query", "who backs the Libyan government"]).expect_code(0);
    assert_eq!(
        r.stderr,
        "geokg: note: \"the Libyan government\" read as Government of National Unity (gnu): \
         the government of Libya now\n"
    );
    assert!(
        r.stdout
            .starts_with("who supports Government of National Unity (gnu): "),
        "{}",
        r.stdout
    );
    let r = run(["query", "--as-of", "2018", "who backs Tripoli"]).expect_code(0);
    assert_eq!(
        r.stderr,
        "geokg: note: \"Tripoli\" read as Government of National Accord (gna): \
         the government of Libya at 2018, for its capital Tripoli (the state has no relation \
         of its own)\n"
    );
    assert!(r.stdout.contains(" United States [state]"), "{}", r.stdout);
    let r = run(["query", "who backs the Syrian regime"]).expect_code(0);
    assert!(
        r.stdout
            .starts_with("who supports Syrian government (syrian-government): "),
        "{}",
        r.stdout
    );
}

#[test]
fn suggestions_rank_by_meaning_before_spelling() {
    // "the Libyan army" is no actor: the armed groups of Libya come first, the closest
    // spelt first among them, and neither the state nor a parliament
    let got = suggestions("the Libyan army");
    assert_eq!(
        got.first().map(String::as_str),
        Some("Libyan National Army"),
        "{got:?}"
    );
    for name in &got {
        let a = graph().actors().iter().find(|a| &a.name == name).unwrap();
        assert_eq!(a.kind, geokg::ActorKind::ArmedGroup, "{got:?}");
    }
    // an office word spelt wrong still says which office: Libya's governments first
    let got = suggestions("the Libyan goverment");
    assert_eq!(
        got.first().map(String::as_str),
        Some("Government of National Unity"),
        "{got:?}"
    );
    assert!(!got.iter().any(|n| n == "Taliban"), "{got:?}");
    // a name that speaks of no state keeps the spelling suggestions
    assert_eq!(suggestions("Lybia"), ["Libya"]);
}

#[test]
fn the_rule_words_are_data() {
    // the embedded words know no "junta"; a words file that lists it reads it
    let embedded = Rules::embedded();
    assert!(embedded
        .office(graph(), "the Libyan junta", &Window::all())
        .is_none());
    let text =
        geokg::query::names::EMBEDDED_NAMES.replacen("\"regime\"", "\"regime\", \"junta\"", 1);
    let rules = Rules::parse(&text).unwrap();
    let r = rules
        .office(graph(), "the Libyan junta", &Window::all())
        .expect("read with the added word");
    assert_eq!(r.actor.id, "gnu");
}
