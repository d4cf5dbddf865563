//! End-to-end tests of the `geokg` command: queries, actor profiles, the `--json`
//! contract, graph files, determinism, help and pipes. Every test runs the real binary.

mod common;

use std::io::Read;
use std::process::Stdio;

use serde::Deserialize;

use common::{answer_names, evidence_after, fixture, geokg, run, run_bytes, temp_dir};

/// A small graph file with `warns` claims (the embedded data has none).
const SMALL: &str = "tests/data/small.graph.json";

// ---------------------------------------------------------------------------------------
// The `--json` contract, declared here on purpose rather than imported from the crate:
// if the crate's report types change, these tests must notice.
// ---------------------------------------------------------------------------------------

use common::json::{ActorRef, AnswerJson, Evidence};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryJson {
    question: String,
    form: String,
    relation: String,
    subject: ActorRef,
    within: Option<String>,
    answers: Vec<AnswerJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationJson {
    source: ActorRef,
    relation: String,
    target: ActorRef,
    claims: usize,
    documents: usize,
    hedged: bool,
    evidence: Evidence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AffiliationJson {
    actor: ActorRef,
    role: String,
    from: Option<String>,
    until: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorJson {
    actor: ActorRef,
    official_name: Option<String>,
    iso3: Option<String>,
    capital: Option<String>,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    affiliations: Vec<AffiliationJson>,
    affiliated: Vec<ActorRef>,
    outgoing: Vec<RelationJson>,
    incoming: Vec<RelationJson>,
}

const KINDS: &[&str] = &[
    "state",
    "government",
    "person",
    "armed_group",
    "international_organisation",
    "political_body",
    "other",
];
const RELATIONS: &[&str] = &["supports", "opposes", "warns"];

fn check_ref(r: &ActorRef) {
    assert!(!r.id.is_empty() && !r.name.is_empty(), "{r:?}");
    assert!(KINDS.contains(&r.kind.as_str()), "unknown kind in {r:?}");
}

/// Curated evidence: a citation and no document fields.
fn check_curated(e: &Evidence) {
    assert!(!e.text.trim().is_empty(), "empty evidence text: {e:?}");
    let _: bool = e.hedged;
    assert_eq!(
        (&e.doc, e.sentence_index, e.span, &e.rule),
        (&None, None, None, &None),
        "{e:?}"
    );
    // every embedded relation has a structured source, carried through to --json
    let cite = e.cite.as_ref().unwrap_or_else(|| panic!("no cite: {e:?}"));
    assert!(cite.url.starts_with("http"), "{cite:?}");
    assert!(!cite.publisher.trim().is_empty(), "{cite:?}");
    for d in [&cite.date, &cite.accessed] {
        assert!(d.parse::<geokg::Date>().is_ok(), "{cite:?}");
    }
}

// ---------------------------------------------------------------------------------------
// query, text
// ---------------------------------------------------------------------------------------

#[test]
fn query_who_backs_haftar_lists_backers_with_evidence() {
    let r = run(["query", "who backs Haftar"]).expect_code(0);
    assert!(
        r.stdout
            .starts_with("who supports Khalifa Haftar (khalifa-haftar): "),
        "{}",
        r.stdout
    );
    let names = answer_names(&r.stdout);
    for backer in ["Russia", "Egypt", "United Arab Emirates", "Wagner Group"] {
        assert!(
            names.iter().any(|n| n == backer),
            "{backer} missing from {names:?}"
        );
        let evidence = evidence_after(&r.stdout, backer).unwrap();
        assert!(
            evidence.starts_with("citation: ") && evidence.len() > "citation: ".len(),
            "{backer} has no evidence line: {evidence:?}"
        );
    }
    // Every answer has its evidence line.
    for name in &names {
        assert!(
            evidence_after(&r.stdout, name).is_some_and(|e| !e.is_empty()),
            "{name}"
        );
    }
}

#[test]
fn query_who_backs_the_gna_lists_turkey() {
    let r = run(["query", "who backs the GNA"]).expect_code(0);
    assert!(r
        .stdout
        .starts_with("who supports Government of National Accord (gna): "));
    assert!(
        answer_names(&r.stdout).contains(&"Turkey".to_string()),
        "{}",
        r.stdout
    );
}

#[test]
fn query_small_typo_resolves_with_a_note() {
    let r = run(["query", "who backs Hafter"]).expect_code(0);
    assert!(r
        .stdout
        .starts_with("who supports Khalifa Haftar (khalifa-haftar): "));
    assert_eq!(
        r.stderr,
        "geokg: note: \"Hafter\" read as Khalifa Haftar (khalifa-haftar)\n"
    );
}

#[test]
fn query_unknown_name_suggests_actors() {
    let r = run(["query", "who backs Haftarov"]).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("geokg: no actor named \"Haftarov\"; did you mean "),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\"Khalifa Haftar\""), "{}", r.stderr);
}

/// (question, graph file or None for the embedded data, exit code, one expected answer)
const QUERY_FORMS: &[(&str, Option<&str>, i32, Option<&str>)] = &[
    // supports
    ("who backs Haftar", None, 0, Some("Russia")),
    ("who supports the GNA", None, 0, Some("Turkey")),
    ("who arms Haftar", None, 0, Some("United Arab Emirates")),
    ("who funds the LNA", None, 0, Some("Jordan")),
    ("who is behind the LNA", None, 0, Some("Wagner Group")),
    (
        "who sides with Bashagha",
        None,
        0,
        Some("House of Representatives"),
    ),
    ("Who backs Haftar?", None, 0, Some("Egypt")),
    // opposes
    ("who opposes Gaddafi", None, 0, Some("NATO")),
    ("who fights the LNA", None, 0, Some("Misrata brigades")),
    ("who attacks Islamic State in Libya", None, 0, Some("Egypt")),
    ("who is against Dbeibah", None, 0, Some("Fathi Bashagha")),
    ("who condemns Aguila Saleh", None, 0, Some("European Union")),
    // warns: the embedded data holds no `warns` relation, so these use a fixture graph
    ("who warns Beta", Some(SMALL), 0, Some("Alpha")),
    ("who threatens Beta", Some(SMALL), 0, Some("Alpha")),
    ("who urges Alpha", Some(SMALL), 0, Some("Gamma Front")),
    ("who calls on Beta", Some(SMALL), 0, Some("Alpha")),
    // what does X ...
    (
        "what does Turkey back",
        None,
        0,
        Some("Government of National Accord"),
    ),
    ("what does the UAE back", None, 0, Some("Khalifa Haftar")),
    ("what does Turkey oppose", None, 0, Some("Khalifa Haftar")),
    ("what does Alpha warn", Some(SMALL), 0, Some("Beta")),
    ("whom does GF warn", Some(SMALL), 0, Some("Alpha")),
    ("who does Russia support", None, 0, Some("Khalifa Haftar")),
    // understood, but nothing answers
    ("who backs Turkey", None, 1, None),
    ("what does Norway warn", None, 1, None),
    ("who warns Fathi Bashagha", None, 1, None),
    ("who opposes Beta", Some(SMALL), 1, None),
];

#[test]
fn query_forms() {
    for &(question, graph, code, expected) in QUERY_FORMS {
        let mut args: Vec<&str> = Vec::new();
        if let Some(g) = graph {
            args.extend(["--graph", g]);
        }
        args.extend(["query", question]);
        let r = run(&args);
        assert_eq!(
            r.code, code,
            "{args:?}\nstdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        assert_eq!(r.stderr, "", "{args:?}");
        let names = answer_names(&r.stdout);
        match expected {
            Some(name) => {
                assert!(
                    names.iter().any(|n| n == name),
                    "{args:?}: {name} not in {names:?}"
                );
                assert!(
                    evidence_after(&r.stdout, name).is_some(),
                    "{args:?}: no evidence"
                );
            }
            None => {
                assert!(names.is_empty(), "{args:?}: {names:?}");
                assert!(
                    r.stdout.trim_end().ends_with(": 0 answers"),
                    "{args:?}: {}",
                    r.stdout
                );
            }
        }
    }
}

#[test]
fn query_unparseable_question_lists_the_forms() {
    let r = run(["query", "tell me a joke"]).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("geokg: cannot understand \"tell me a joke\": "),
        "{}",
        r.stderr
    );
    for form in [
        "\"who backs X\"",
        "\"who opposes X\"",
        "\"what does X back\"",
        "\"whom does X warn\"",
        "\"does X back Y\"",
        "\"how is X linked to Y\"",
        "\"allies of X\"",
        "\"which camps in X\"",
    ] {
        assert!(r.stderr.contains(form), "{form} not listed in {}", r.stderr);
    }
}

#[test]
fn query_unknown_relation_and_missing_name_exit_2() {
    for q in ["who likes Haftar", "who backs", "what does Turkey like"] {
        let r = run(["query", q]).expect_code(2);
        assert!(
            r.stderr
                .starts_with(&format!("geokg: cannot understand \"{q}\": ")),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("\"who backs X\""), "{}", r.stderr);
    }
}

// ---------------------------------------------------------------------------------------
// query --json and actor --json
// ---------------------------------------------------------------------------------------

fn query_json(args: &[&str], code: i32) -> QueryJson {
    let r = run(args).expect_code(code);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout))
}

#[test]
fn query_json_matches_the_documented_schema() {
    let q = query_json(&["query", "--json", "who backs Haftar"], 0);
    assert_eq!(q.question, "who backs Haftar");
    assert_eq!(q.form, "who");
    assert_eq!(q.relation, "supports");
    assert_eq!(
        (
            q.subject.id.as_str(),
            q.subject.name.as_str(),
            q.subject.kind.as_str()
        ),
        ("khalifa-haftar", "Khalifa Haftar", "person")
    );
    assert!(!q.answers.is_empty());
    for a in &q.answers {
        check_ref(&a.actor);
        assert_eq!(a.relation, "supports", "{a:?}");
        assert!(
            a.claims >= 1 && a.documents >= 1 && a.documents <= a.claims,
            "{a:?}"
        );
        assert!((0.0..=1.0).contains(&a.confidence), "{a:?}");
        assert_eq!(a.direction, "in", "{a:?}");
        // Without --why, only the best evidence.
        assert_eq!(a.evidence.len(), 1, "{a:?}");
        for c in &a.evidence {
            check_curated(&c.evidence);
            check_ref(&c.source);
            check_ref(&c.target);
            assert_eq!(c.relation, "supports");
            assert!((0.0..=1.0).contains(&c.confidence), "{c:?}");
            let _ = (&c.from, &c.until);
        }
        a.via.iter().for_each(check_ref);
        // a direct answer's best evidence is about the two actors themselves
        if a.direct {
            let c = &a.evidence[0];
            assert_eq!(
                (c.source.id.as_str(), c.target.id.as_str()),
                (a.actor.id.as_str(), "khalifa-haftar")
            );
        }
    }
    let ids: Vec<&str> = q.answers.iter().map(|a| a.actor.id.as_str()).collect();
    for id in ["rus", "egy", "are"] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    // Unhedged answers come before hedged ones.
    let first_hedged = q
        .answers
        .iter()
        .position(|a| a.hedged)
        .unwrap_or(q.answers.len());
    assert!(
        q.answers[first_hedged..].iter().all(|a| a.hedged),
        "{ids:?}"
    );
    // Claims about the LNA, which Haftar commands, are rolled up "via" the LNA.
    let jordan = q
        .answers
        .iter()
        .find(|a| a.actor.id == "jor")
        .expect("Jordan answers");
    let via: Vec<&str> = jordan.via.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(via, ["lna"]);
    assert!(!jordan.direct);
    assert_eq!(
        (
            jordan.evidence[0].source.id.as_str(),
            jordan.evidence[0].target.id.as_str()
        ),
        ("jor", "lna")
    );
}

#[test]
fn query_json_why_gives_every_claim() {
    let q = query_json(&["query", "--json", "--why", "who backs Haftar"], 0);
    for a in &q.answers {
        assert_eq!(a.evidence.len(), a.claims, "{a:?}");
    }
}

#[test]
fn query_json_what_form() {
    let q = query_json(&["query", "--json", "what does Turkey oppose"], 0);
    assert_eq!((q.form.as_str(), q.relation.as_str()), ("what", "opposes"));
    assert_eq!(
        (q.subject.id.as_str(), q.subject.kind.as_str()),
        ("tur", "state")
    );
    assert!(q.answers.iter().any(|a| a.actor.id == "khalifa-haftar"));
    assert!(q.answers.iter().all(|a| a.relation == "opposes"));
}

#[test]
fn query_json_no_answer_is_an_empty_list() {
    let q = query_json(&["query", "--json", "who backs Turkey"], 1);
    assert_eq!(
        (q.form.as_str(), q.relation.as_str(), q.subject.id.as_str()),
        ("who", "supports", "tur")
    );
    assert!(q.answers.is_empty());
}

#[test]
fn query_json_warns_on_fixture_graph() {
    let q = query_json(
        &["--graph", SMALL, "query", "--json", "who threatens Beta"],
        0,
    );
    assert_eq!(
        (q.form.as_str(), q.relation.as_str(), q.subject.id.as_str()),
        ("who", "warns", "bbb")
    );
    assert_eq!(q.answers.len(), 1);
    let a = &q.answers[0];
    assert_eq!(
        (
            a.actor.id.as_str(),
            a.actor.name.as_str(),
            a.actor.kind.as_str()
        ),
        ("aaa", "Alpha", "state")
    );
    assert_eq!(
        (a.claims, a.documents, a.hedged, a.confidence),
        (1, 1, false, 1.0)
    );
    assert!(a.via.is_empty() && a.direct);
    assert_eq!(a.evidence[0].evidence.text, "Alpha statement warning Beta");
}

#[test]
fn actor_json_matches_the_documented_schema() {
    let r = run(["actor", "--json", "Haftar"]).expect_code(0);
    let a: ActorJson =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout));
    assert_eq!(
        (
            a.actor.id.as_str(),
            a.actor.name.as_str(),
            a.actor.kind.as_str()
        ),
        ("khalifa-haftar", "Khalifa Haftar", "person")
    );
    assert_eq!(
        (&a.official_name, &a.iso3, &a.capital),
        (&None, &None, &None)
    );
    assert!(a.aliases.iter().any(|x| x == "Haftar"), "{:?}", a.aliases);
    assert!(a.demonyms.is_empty());
    let lna = a
        .affiliations
        .iter()
        .find(|f| f.actor.id == "lna")
        .expect("LNA affiliation");
    assert!(lna.role.starts_with("commander"), "{lna:?}");
    assert_eq!(
        (lna.from.as_deref(), lna.until.as_deref()),
        (Some("2014-05"), None)
    );
    a.affiliated.iter().for_each(check_ref);
    assert!(!a.outgoing.is_empty() && !a.incoming.is_empty());
    for rel in a.outgoing.iter().chain(&a.incoming) {
        check_ref(&rel.source);
        check_ref(&rel.target);
        assert!(RELATIONS.contains(&rel.relation.as_str()), "{rel:?}");
        assert!(rel.claims >= 1 && rel.documents >= 1, "{rel:?}");
        check_curated(&rel.evidence);
        let _ = rel.hedged;
    }
    assert!(a.outgoing.iter().all(|r| r.source.id == "khalifa-haftar"));
    assert!(a.incoming.iter().all(|r| r.target.id == "khalifa-haftar"));
    assert!(a
        .incoming
        .iter()
        .any(|r| r.source.id == "rus" && r.relation == "supports"));
    assert!(a
        .incoming
        .iter()
        .any(|r| r.source.id == "tur" && r.relation == "opposes"));
    assert!(a
        .outgoing
        .iter()
        .any(|r| r.target.id == "gna" && r.relation == "opposes"));
}

#[test]
fn actor_json_of_a_state() {
    let r = run(["actor", "--json", "Türkiye"]).expect_code(0);
    let a: ActorJson = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (a.actor.id.as_str(), a.actor.kind.as_str()),
        ("tur", "state")
    );
    assert_eq!(a.iso3.as_deref(), Some("TUR"));
    assert!(a.capital.is_some() && a.official_name.is_some(), "{a:?}");
}

// ---------------------------------------------------------------------------------------
// actor, text
// ---------------------------------------------------------------------------------------

/// Checks that `  TITLE: N` is followed by exactly N relation lines, each with its
/// evidence line; returns the relation lines.
fn relations_section<'a>(stdout: &'a str, title: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = stdout.lines().collect();
    let head = format!("  {title}: ");
    let at = lines
        .iter()
        .position(|l| l.starts_with(&head))
        .unwrap_or_else(|| panic!("no {title}:\n{stdout}"));
    let n: usize = lines[at][head.len()..].parse().unwrap();
    let mut out = Vec::new();
    for i in 0..n {
        let rel = lines[at + 1 + 2 * i];
        let evidence = lines[at + 2 + 2 * i];
        assert!(
            rel.starts_with("    ") && !rel.starts_with("     "),
            "{rel:?}"
        );
        assert!(evidence.starts_with("        citation: "), "{evidence:?}");
        out.push(rel.trim());
    }
    out
}

#[test]
fn actor_text_shows_kind_aliases_affiliations_and_relations() {
    let r = run(["actor", "Haftar"]).expect_code(0);
    let out = &r.stdout;
    assert!(
        out.starts_with("Khalifa Haftar (khalifa-haftar)\n  kind: person\n"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("  aliases: ") && l.contains("Haftar, Hifter")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("  affiliation: commander")
                && l.ends_with(" of Libyan National Army (lna) from 2014-05")),
        "{out}"
    );
    let outgoing = relations_section(out, "relations out");
    let incoming = relations_section(out, "relations in");
    assert!(
        outgoing.iter().all(|l| l.starts_with("Khalifa Haftar ")),
        "{outgoing:?}"
    );
    assert!(outgoing
        .iter()
        .any(|l| l.starts_with("Khalifa Haftar opposes Government of National Accord — ")));
    assert!(incoming
        .iter()
        .any(|l| l.starts_with("Russia supports Khalifa Haftar — 1 claim, 1 source")));
    assert!(incoming
        .iter()
        .any(|l| l.starts_with("Turkey opposes Khalifa Haftar — ")));
    assert!(incoming
        .iter()
        .any(|l| l.starts_with("France supports Khalifa Haftar") && l.ends_with(", hedged")));
}

#[test]
fn actor_resolves_aliases_and_ids() {
    for name in [
        "Haftar",
        "khalifa-haftar",
        "KHALIFA HAFTAR",
        "Field Marshal Haftar",
    ] {
        let r = run(["actor", name]).expect_code(0);
        assert!(
            r.stdout.starts_with("Khalifa Haftar (khalifa-haftar)\n"),
            "{name}: {}",
            r.stdout
        );
    }
}

#[test]
fn actor_unknown_name_exits_2_with_suggestion() {
    let r = run(["actor", "Hafter"]).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("geokg: no actor named \"Hafter\"; did you mean \"Khalifa Haftar\""),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------
// graph files
// ---------------------------------------------------------------------------------------

#[test]
fn export_json_round_trips_through_graph() {
    let dir = temp_dir("roundtrip");
    let file = dir.join("graph.json");
    let file_s = file.to_str().unwrap();
    let r = run(["export", "--format", "json", "-o", file_s]).expect_code(0);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(&format!("geokg: wrote {file_s} (")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with(" edges)\n"), "{}", r.stderr);

    for q in [
        "who backs Haftar",
        "what does Turkey oppose",
        "who backs Turkey",
    ] {
        let embedded = run(["query", q]);
        let loaded = run(["--graph", file_s, "query", q]);
        assert_eq!(loaded.code, embedded.code, "{q}");
        assert_eq!(loaded.stdout, embedded.stdout, "{q}");
        assert_eq!(loaded.stderr, "", "{q}");
    }
    let embedded = run(["actor", "Haftar"]);
    let loaded = run(["--graph", file_s, "actor", "Haftar"]);
    assert_eq!(loaded.stdout, embedded.stdout);

    // Exporting the loaded graph gives the same file back.
    let again = run(["--graph", file_s, "export", "--format", "json"]).expect_code(0);
    assert_eq!(again.stdout, std::fs::read_to_string(&file).unwrap());
    let dot = run(["export", "--format", "dot"]).expect_code(0);
    let dot_again = run(["--graph", file_s, "export", "--format", "dot"]).expect_code(0);
    assert_eq!(dot_again.stdout, dot.stdout);
}

#[test]
fn graph_missing_file_exits_2_naming_it() {
    let missing = "tests/data/no-such-graph.json";
    let r = run(["--graph", missing, "query", "who backs Haftar"]).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(&format!("geokg: {missing}: ")),
        "{}",
        r.stderr
    );
}

#[test]
fn graph_newer_version_exits_2_saying_newer() {
    let dir = temp_dir("newer");
    let file = dir.join("v99.json");
    let text = std::fs::read_to_string(fixture("small.graph.json")).unwrap();
    assert!(text.contains("\"version\": 1,"));
    std::fs::write(&file, text.replace("\"version\": 1,", "\"version\": 99,")).unwrap();
    let file_s = file.to_str().unwrap();
    let r = run(["--graph", file_s, "query", "who warns Beta"]).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(&format!("geokg: {file_s}:")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("version: graph file version 99 is newer"),
        "{}",
        r.stderr
    );
}

#[test]
fn graph_newer_version_with_unknown_fields_still_says_newer() {
    // A newer file may have fields this build does not know: the version wins.
    let dir = temp_dir("newer-fields");
    let file = dir.join("v2.json");
    std::fs::write(
        &file,
        r#"{"format": "geokg-graph", "version": 2, "actors": [], "claims": [], "documents": []}"#,
    )
    .unwrap();
    let r = run(["--graph", file.to_str().unwrap(), "actor", "x"]).expect_code(2);
    assert!(r.stderr.contains("newer"), "{}", r.stderr);
}

#[test]
fn graph_given_a_curated_data_file_says_so() {
    let curated = fixture("good.json");
    let r = run(["--graph", &curated, "query", "who backs Gamma Front"]).expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(&format!(
            "geokg: {curated}:1:1: format: not a geokg graph file"
        )),
        "{}",
        r.stderr
    );
    // Any option the message recommends must exist.
    for word in r.stderr.split_whitespace().filter(|w| w.starts_with("--")) {
        let opt = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let help = run(["--help"]).stdout
            + &run(["query", "--help"]).stdout
            + &run(["build", "--help"]).stdout;
        assert!(
            help.contains(opt),
            "the message recommends {opt}, which geokg does not have:\n{}",
            r.stderr
        );
    }
}

#[test]
fn graph_with_unknown_actor_in_claim_is_an_error() {
    let dir = temp_dir("bad-claim");
    let file = dir.join("g.json");
    let text = std::fs::read_to_string(fixture("small.graph.json")).unwrap();
    std::fs::write(
        &file,
        text.replacen("\"target\": \"bbb\"", "\"target\": \"zzz\"", 1),
    )
    .unwrap();
    let r = run(["--graph", file.to_str().unwrap(), "actor", "Alpha"]).expect_code(2);
    assert!(
        r.stderr
            .contains("claims[1].target: unknown actor id \"zzz\""),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------
// determinism
// ---------------------------------------------------------------------------------------

#[test]
fn output_is_byte_identical_across_runs() {
    let cases: &[&[&str]] = &[
        &["query", "who backs Haftar"],
        &["query", "--json", "--why", "who backs Haftar"],
        &["query", "what does Turkey oppose"],
        &["actor", "Haftar"],
        &["actor", "--json", "Haftar"],
        &["export", "--format", "dot"],
        &["export", "--format", "json"],
        &[
            "export", "--format", "dot", "--focus", "Haftar", "--depth", "2",
        ],
    ];
    for args in cases {
        let a = run_bytes(args);
        let b = run_bytes(args);
        assert!(!a.is_empty(), "{args:?}");
        assert!(a == b, "output of {args:?} differs between two runs");
    }
}

// ---------------------------------------------------------------------------------------
// check, help
// ---------------------------------------------------------------------------------------

#[test]
fn check_without_files_checks_embedded_data() {
    let r = run(["check"]).expect_code(0);
    assert!(r.stdout.starts_with("ok: embedded data: "), "{}", r.stdout);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.ends_with(" relations"), "{}", r.stdout);
    // then the coverage per conflict (tests/data_errors.rs checks its figures)
    assert!(r.stdout.contains("\ncoverage: "), "{}", r.stdout);
    assert_eq!(r.stderr, "");
}

#[test]
fn help_of_every_subcommand_has_an_example() {
    for args in [
        &["--help"][..],
        &["query", "--help"],
        &["actor", "--help"],
        &["export", "--help"],
        &["check", "--help"],
        &["help", "query"],
    ] {
        let r = run(args).expect_code(0);
        assert!(r.stdout.contains("Example"), "{args:?}:\n{}", r.stdout);
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["query"],
        &["export", "--format", "png"],
        &["export", "--depth", "2"],
    ] {
        let r = run(args).expect_code(2);
        assert!(r.stderr.contains("error:"), "{args:?}: {}", r.stderr);
    }
}

// ---------------------------------------------------------------------------------------
// pipes
// ---------------------------------------------------------------------------------------

#[test]
fn closed_stdout_does_not_panic() {
    for args in [
        &["export", "--format", "dot"][..],
        &["export", "--format", "json"],
        &["query", "who backs Haftar"],
    ] {
        let mut child = geokg()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot run geokg");
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(
            matches!(status.code(), Some(0 | 1)),
            "{args:?}: status {status:?}, stderr:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Issue 19: "… in X" asks about the claims that belong to a place, and says so.
#[test]
fn query_in_a_place_names_it() {
    let r = run(["query", "--json", "what does Russia back in Libya"]).expect_code(0);
    let q: QueryJson = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(q.within.as_deref(), Some("Libya"));
    assert_eq!(q.subject.id, "rus");
    let ids: Vec<&str> = q.answers.iter().map(|a| a.actor.id.as_str()).collect();
    assert!(ids.contains(&"khalifa-haftar"), "{ids:?}");
    assert!(!ids.contains(&"bashar-al-assad"), "{ids:?}");
    let plain = run(["query", "--json", "what does Russia back"]).expect_code(0);
    let q: QueryJson = serde_json::from_str(&plain.stdout).unwrap();
    assert_eq!(q.within, None);
    assert!(q.answers.iter().any(|a| a.actor.id == "bashar-al-assad"));
    let text = run(["query", "what does Russia back in Libya"]).expect_code(0);
    assert!(
        text.stdout
            .starts_with("what Russia (rus) supports in Libya: 3 answers"),
        "{}",
        text.stdout
    );
}
