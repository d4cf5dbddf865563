//! Extraction rules on a world made for the test: a registry of invented actors built
//! here with `Actor::new`, the embedded cue lexicon for the surface engine, and for the
//! frame engine a small frame lexicon written by hand (`tests/data/frames_small.json`:
//! three frames, a few words in the word classes the rows need, the others empty). The
//! rows name no actor of the shipped data, and the frame rows read no word of the
//! embedded frame lexicon (a test below shows it), so each shows a mechanism at work
//! rather than a fact the shipped data happens to hold.
//!
//! Every row also says what to take away, from the registry or from the small
//! lexicon, to remove the mechanism it shows; the row must then read otherwise. A row
//! that passes either way proves nothing, and fails.

use std::collections::BTreeSet;

use geokg::extract::frames::FrameLexicon;
use geokg::extract::lexicon::Lexicon;
use geokg::extract::{Engine, Extractor};
use geokg::{Actor, ActorKind, Affiliation, AffiliationKind};
use serde_json::Value;

const SMALL_FRAMES: &str = include_str!("data/frames_small.json");

const NORLAND: &str = "Norland";
const KESSARIA: &str = "Kessaria";
const FRONT: &str = "Ostvik Front";
const VARGA: &str = "Ilse Varga";

/// Two states with demonyms and capitals, an armed group, and a person who serves one
/// of the states.
fn registry() -> Vec<Actor> {
    let mut norland = Actor::new("nor", NORLAND, ActorKind::State);
    norland.demonyms = vec!["Norlandic".into()];
    norland.capital = Some("Velmar".into());
    let mut kessaria = Actor::new("kes", KESSARIA, ActorKind::State);
    kessaria.demonyms = vec!["Kessarian".into()];
    kessaria.capital = Some("Dunmore".into());
    let mut front = Actor::new("ostvik-front", FRONT, ActorKind::ArmedGroup);
    front.aliases = vec!["the Front".into()];
    let mut varga = Actor::new("ilse-varga", VARGA, ActorKind::Person);
    varga.affiliations = vec![Affiliation {
        actor: "nor".into(),
        role: "defence minister".into(),
        kind: AffiliationKind::Other,
        from: None,
        until: None,
    }];
    vec![norland, kessaria, front, varga]
}

fn small_frames() -> Value {
    serde_json::from_str(SMALL_FRAMES).expect("frames_small.json is JSON")
}

fn frames_extractor(actors: Vec<Actor>, frames: &Value) -> Extractor {
    let lexicon = FrameLexicon::from_json("tests/data/frames_small.json", &frames.to_string())
        .unwrap_or_else(|e| panic!("the small frame lexicon loads: {e}"));
    Extractor::new(actors, Lexicon::embedded().expect("embedded cue lexicon"))
        .with_engine(Engine::Frames)
        .expect("the syntax model loads")
        .with_frames(lexicon)
}

fn surface_extractor(actors: Vec<Actor>) -> Extractor {
    Extractor::new(actors, Lexicon::embedded().expect("embedded cue lexicon"))
}

type Got = BTreeSet<(String, String, String, bool)>;

fn read(extractor: &Extractor, text: &str) -> Got {
    let ex = extractor.extract("t", text);
    extractor
        .lines(&ex)
        .into_iter()
        .map(|l| (l.source, l.relation, l.target, l.hedged))
        .collect()
}

/// What to take away so that the mechanism a row shows is gone.
enum Without {
    /// An edit of the small frame lexicon.
    Frames(fn(&mut Value)),
    /// An edit of the registry.
    Registry(fn(&mut Vec<Actor>)),
}

struct Row {
    text: &'static str,
    want: &'static [(&'static str, &'static str, &'static str, bool)],
    without: Without,
}

fn want(row: &Row) -> Got {
    row.want
        .iter()
        .map(|(s, r, t, h)| (s.to_string(), r.to_string(), t.to_string(), *h))
        .collect()
}

/// Reads each row with `make(registry, frames)`, and again with its mechanism taken
/// away: the first must give exactly `want`, the second something else.
fn check(rows: &[Row], make: impl Fn(Vec<Actor>, &Value) -> Extractor) {
    let whole = make(registry(), &small_frames());
    let mut failures = Vec::new();
    for row in rows {
        let want = want(row);
        let got = read(&whole, row.text);
        if got != want {
            failures.push(format!("{}\n    want {want:?}\n    got  {got:?}", row.text));
        }
        let (mut actors, mut frames) = (registry(), small_frames());
        match row.without {
            Without::Frames(edit) => edit(&mut frames),
            Without::Registry(edit) => edit(&mut actors),
        }
        let without = read(&make(actors, &frames), row.text);
        if without == want {
            failures.push(format!(
                "{}\n    reads the same without the mechanism it shows: {without:?}",
                row.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Empties one word class of the small frame lexicon.
fn empty(frames: &mut Value, class: &str) {
    frames[class] = Value::Array(Vec::new());
}

/// Keys the frame `id` on another lemma instead of `lemma` (a frame needs one).
fn rekey(frames: &mut Value, id: &str, lemma: &str) {
    let frame = frames["frames"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["id"] == id)
        .expect("frame id");
    for l in frame["lemmas"].as_array_mut().unwrap() {
        if l == lemma {
            *l = "zzyzx".into();
        }
    }
}

fn actor<'a>(actors: &'a mut [Actor], name: &str) -> &'a mut Actor {
    actors.iter_mut().find(|a| a.name == name).unwrap()
}

#[test]
fn frames_of_the_small_lexicon_read_the_invented_world() {
    check(
        &[
            // a verb frame of the small lexicon, between invented actors
            Row {
                text: "Norland armed the Ostvik Front.",
                want: &[(NORLAND, "supports", FRONT, false)],
                without: Without::Frames(|f| rekey(f, "small.arm", "arm")),
            },
            Row {
                text: "The Ostvik Front raided Kessaria.",
                want: &[(FRONT, "opposes", KESSARIA, false)],
                without: Without::Frames(|f| rekey(f, "small.shell", "raid")),
            },
            // the passive: the "by" phrase of the small lexicon's agent preposition
            Row {
                text: "The Ostvik Front was armed by Norland.",
                want: &[(NORLAND, "supports", FRONT, false)],
                without: Without::Frames(|f| f["prepositions"]["agent"] = "via".into()),
            },
            // negation by the small lexicon's negators
            Row {
                text: "Kessaria did not arm the Ostvik Front.",
                want: &[],
                without: Without::Frames(|f| empty(f, "negators")),
            },
            // hedging by the small lexicon's hedging words
            Row {
                text: "Norland reportedly armed the Ostvik Front.",
                want: &[(NORLAND, "supports", FRONT, true)],
                without: Without::Frames(|f| empty(f, "hedging_words")),
            },
            // a negating verb of the small lexicon: its complement does not hold
            Row {
                text: "Kessaria denied arming the Ostvik Front.",
                want: &[],
                without: Without::Frames(|f| empty(f, "negating_verbs")),
            },
            // a capital stands for its state
            Row {
                text: "Velmar has armed the Ostvik Front.",
                want: &[(NORLAND, "supports", FRONT, false)],
                without: Without::Registry(|a| actor(a, NORLAND).capital = None),
            },
            Row {
                text: "The Ostvik Front raided Dunmore.",
                want: &[(FRONT, "opposes", KESSARIA, false)],
                without: Without::Registry(|a| actor(a, KESSARIA).capital = None),
            },
            // a demonym before an agent noun of the small lexicon is the state
            Row {
                text: "Kessarian troops shelled the Ostvik Front.",
                want: &[(KESSARIA, "opposes", FRONT, false)],
                without: Without::Registry(|a| actor(a, KESSARIA).demonyms.clear()),
            },
            Row {
                text: "Kessarian troops shelled the Ostvik Front.",
                want: &[(KESSARIA, "opposes", FRONT, false)],
                without: Without::Frames(|f| empty(f, "agent_nouns")),
            },
            // a titled person of the registry: the title phrase is one mention, the
            // state in it the person's affiliation and no participant
            Row {
                text: "Norland Defence Minister Ilse Varga armed the Ostvik Front.",
                want: &[(VARGA, "supports", FRONT, false)],
                without: Without::Frames(|f| empty(f, "titles")),
            },
            // a title heading a newcomer's name stands for the newcomer
            Row {
                text: "Marshal Edda Holm of Kessaria shelled the Ostvik Front.",
                want: &[("Edda Holm", "opposes", FRONT, false)],
                without: Without::Frames(|f| empty(f, "titles")),
            },
            // a noun frame: the holder of "ally"
            Row {
                text: "Kessaria is an ally of Norland.",
                want: &[(KESSARIA, "supports", NORLAND, false)],
                without: Without::Frames(|f| rekey(f, "small.ally", "ally")),
            },
        ],
        frames_extractor,
    );
}

/// "fund" and "finance" are support verbs of the embedded frame lexicon and not of the
/// small one: over the same registry the first reads each sentence and the second
/// reads nothing, so the rows above read the small lexicon.
#[test]
fn a_verb_left_out_of_the_small_lexicon_gives_nothing() {
    let small = frames_extractor(registry(), &small_frames());
    let embedded = Extractor::new(registry(), Lexicon::embedded().unwrap())
        .with_engine(Engine::Frames)
        .unwrap();
    for (text, source) in [
        ("Norland funded the Ostvik Front.", NORLAND),
        ("Kessaria financed the Ostvik Front.", KESSARIA),
    ] {
        assert_eq!(read(&small, text), Got::new(), "{text}");
        let want: Got = [(source.into(), "supports".into(), FRONT.into(), false)].into();
        assert_eq!(read(&embedded, text), want, "{text}");
    }
}

/// The surface engine reads the same invented registry with the embedded cue lexicon.
#[test]
fn cue_rules_read_the_invented_registry() {
    check(
        &[
            // a cue between two names of the registry, and nothing when one is gone
            Row {
                text: "Norland armed the Ostvik Front.",
                want: &[(NORLAND, "supports", FRONT, false)],
                without: Without::Registry(|a| a.retain(|x| x.name != FRONT)),
            },
            // a capital stands for its state
            Row {
                text: "Dunmore condemned Norland.",
                want: &[(KESSARIA, "opposes", NORLAND, false)],
                without: Without::Registry(|a| actor(a, KESSARIA).capital = None),
            },
            // an alias, a demonym and a hedge
            Row {
                text: "The Front reportedly attacked Kessarian positions.",
                want: &[(FRONT, "opposes", KESSARIA, true)],
                without: Without::Registry(|a| actor(a, FRONT).aliases.clear()),
            },
        ],
        |actors, _| surface_extractor(actors),
    );
}
