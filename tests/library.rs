//! The library's front door, used as another crate would: `?` into `Box<dyn Error>`,
//! a graph from the embedded data plus a user's file, a reader that knows the user's
//! actors, questions of every form, claims added by names, DOT of a focus.

mod common;

use geokg::{Error, KnowledgeGraph, NewClaim, Question, RelationKind, Response};

type Outcome = Result<(), Box<dyn std::error::Error>>;

fn militia_graph() -> Result<KnowledgeGraph, Error> {
    KnowledgeGraph::with_files(&[common::fixture("user/militia.json")])
}

#[test]
fn every_entry_point_works_with_question_mark() -> Outcome {
    let mut graph = KnowledgeGraph::embedded()?;
    let reading = graph.reader()?.read("n", "Turkey armed the GNA.");
    graph.add_reading(&reading)?;
    graph.add_claim(NewClaim::new(
        "Qatar",
        RelationKind::Supports,
        "GNA",
        "notes",
    ))?;
    let question: Question = "who backs the GNA".parse()?;
    assert!(!graph.answer(&question)?.findings().is_empty());
    assert!(!graph.ask("who backs the GNA")?.findings().is_empty());
    assert!(graph.dot_around("Libya", 1)?.starts_with("digraph"));
    Ok(())
}

#[test]
fn the_reader_knows_the_actors_of_a_users_file() -> Outcome {
    let text = "Turkey armed the Sirte Shield last year.";
    let mine = militia_graph()?.reader()?.read("n", text);
    let found: Vec<(String, RelationKind, String)> = mine
        .claims()
        .map(|c| (c.source().to_string(), c.relation(), c.target().to_string()))
        .collect();
    assert_eq!(
        found,
        [(
            "Turkey".to_string(),
            RelationKind::Supports,
            "Sirte Shield Brigade".to_string()
        )]
    );
    // the reader of the embedded graph alone does not know the brigade as an actor
    let embedded = KnowledgeGraph::embedded()?.reader()?.read("n", text);
    assert!(!embedded
        .claims()
        .any(|c| c.target() == "Sirte Shield Brigade"));
    Ok(())
}

#[test]
fn a_reading_keeps_its_evidence_and_joins_the_graph_once() -> Outcome {
    let mut graph = militia_graph()?;
    let text = "Clashes broke out at dawn. Egypt condemned the Sirte Shield on Monday.";
    let reading = graph.reader()?.read("report-7", text);
    let claim = reading.claims().next().expect("one claim");
    assert_eq!(&text[claim.span()], claim.sentence());
    assert_eq!(
        claim.sentence(),
        "Egypt condemned the Sirte Shield on Monday."
    );
    assert!(!claim.hedged());
    assert_eq!(claim.claim().doc(), Some("report-7"));
    let before = graph.claims().len();
    graph.add_reading(&reading)?;
    assert_eq!(graph.claims().len(), before + 1);
    // the same reading again is the same document read twice: it counts once
    graph.add_reading(&reading)?;
    assert_eq!(graph.claims().len(), before + 1);
    let reply = graph.ask("who opposes the Sirte Shield")?;
    let egypt: Vec<_> = reply
        .findings()
        .into_iter()
        .filter(|f| f.source.name == "Egypt")
        .collect();
    assert_eq!(egypt.len(), 1);
    assert_eq!(
        egypt[0].evidence().collect::<Vec<_>>(),
        ["Egypt condemned the Sirte Shield on Monday."]
    );
    Ok(())
}

#[test]
fn new_actors_of_a_reading_become_graph_actors_the_next_reader_knows() -> Outcome {
    let mut graph = KnowledgeGraph::embedded()?;
    let text = "Interior Minister Ali Bukhari of Libya accused Turkey of arming the militias.";
    let reading = graph.reader()?.read("n", text);
    let new: Vec<&str> = reading
        .new_actors()
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(new, ["Ali Bukhari"]);
    graph.add_reading(&reading)?;
    assert_eq!(graph.resolve("Ali Bukhari")?.name, "Ali Bukhari");
    let again = graph.reader()?.read("m", "Ali Bukhari condemned Egypt.");
    assert!(again.new_actors().is_empty(), "{:?}", again.new_actors());
    assert!(again
        .claims()
        .any(|c| c.source() == "Ali Bukhari" && c.relation() == RelationKind::Opposes));
    Ok(())
}

#[test]
fn add_claim_resolves_names_and_refuses_what_it_cannot_place() -> Outcome {
    let mut graph = militia_graph()?;
    graph.add_claim(
        NewClaim::new(
            "Qatar",
            RelationKind::Supports,
            "sirte shield",
            "notes, June",
        )
        .hedged(),
    )?;
    let reply = graph.ask("who backs the Sirte Shield")?;
    let qatar = reply
        .findings()
        .into_iter()
        .find(|f| f.source.name == "Qatar")
        .expect("Qatar backs the brigade");
    assert!(qatar.hedged);
    assert_eq!(qatar.evidence().collect::<Vec<_>>(), ["notes, June"]);

    let claims = graph.claims().len();
    let unknown = graph.add_claim(NewClaim::new("Qatr", RelationKind::Supports, "Haftar", "n"));
    match unknown {
        Err(Error::UnknownActor { name, suggestions }) => {
            assert_eq!(name, "Qatr");
            assert!(
                suggestions.contains(&"Qatar".to_string()),
                "{suggestions:?}"
            );
        }
        other => panic!("expected an unknown actor, got {other:?}"),
    }
    let uncited = graph.add_claim(NewClaim::new(
        "Qatar",
        RelationKind::Supports,
        "Haftar",
        " ",
    ));
    assert!(
        matches!(&uncited, Err(Error::Usage(m)) if m.contains("no citation")),
        "{uncited:?}"
    );
    let from: geokg::Date = "2024-05".parse()?;
    let until: geokg::Date = "2023".parse()?;
    let backwards = graph.add_claim(
        NewClaim::new("Qatar", RelationKind::Supports, "Haftar", "n").during(from, Some(until)),
    );
    assert!(matches!(backwards, Err(Error::Usage(_))), "{backwards:?}");
    assert_eq!(
        graph.claims().len(),
        claims,
        "a refused claim changes nothing"
    );
    Ok(())
}

#[test]
fn every_question_form_answers() -> Outcome {
    let graph = KnowledgeGraph::embedded()?;
    for (question, relations) in [
        ("who backs Haftar", true),
        ("what does Turkey back", true),
        ("does Egypt back Haftar?", true),
        ("how is France linked to Turkey", true),
        ("allies of Haftar", true),
        ("enemies of the GNA", true),
        ("what do we know about Haftar", true),
        ("who backs the RSF in Sudan", true),
        ("which camps in Libya", false),
    ] {
        let reply = graph.ask(question)?;
        assert!(reply.response.found(), "{question}: nothing found");
        let findings = reply.findings();
        assert_eq!(!findings.is_empty(), relations, "{question}: {findings:?}");
        for f in &findings {
            assert!(f.evidence().next().is_some(), "{question}: no evidence");
            assert_eq!(f.hedged, f.claims.iter().all(|c| c.hedged), "{question}");
        }
    }
    Ok(())
}

#[test]
fn findings_of_a_list_question_are_its_rows() -> Outcome {
    let graph = KnowledgeGraph::embedded()?;
    let reply = graph.ask("who backs Haftar")?;
    let Response::Rows(answer) = &reply.response else {
        panic!("a list question gives rows");
    };
    let findings = reply.findings();
    assert_eq!(findings.len(), answer.rows.len());
    for (f, row) in findings.iter().zip(&answer.rows) {
        assert_eq!(f.source.id, row.actor.id);
        assert_eq!(f.target.id, answer.subject.id);
        assert_eq!(f.relation, RelationKind::Supports);
        assert_eq!(f.hedged, row.hedged);
        assert_eq!(f.claims.len(), row.claims.len());
    }
    // allies run both ways: a finding either ends at the subject or starts from it
    let allies = graph.ask("allies of Haftar")?;
    let subject = graph.resolve("Haftar")?.id.clone();
    assert!(allies
        .findings()
        .iter()
        .all(|f| f.source.id == subject || f.target.id == subject));
    Ok(())
}

#[test]
fn a_question_that_fits_no_form_is_an_error_that_lists_the_forms() {
    let err = "tell me a story".parse::<Question>().unwrap_err();
    assert!(matches!(err, Error::Question { .. }), "{err:?}");
    let graph = KnowledgeGraph::embedded().expect("embedded data");
    assert!(matches!(
        graph.ask("who backs Nobodyland"),
        Err(Error::UnknownActor { .. })
    ));
}

#[test]
fn problems_in_a_users_file_are_one_error_naming_file_and_field() {
    let err = KnowledgeGraph::with_files(&[common::fixture("user/duplicate_id.json")])
        .expect_err("a redefined id is refused");
    let text = err.to_string();
    assert!(text.contains("duplicate_id.json"), "{text}");
    assert!(!err.problems().is_empty());
    let missing = KnowledgeGraph::with_files(&["no/such/file.json"]).expect_err("no file");
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");
    let two = Error::from(vec![Error::Usage("a".into()), Error::Usage("b".into())]);
    assert_eq!(two.problems().len(), 2);
    assert_eq!(two.to_string(), "2 problems:\n  a\n  b");
    let one = Error::from(vec![Error::Usage("a".into())]);
    assert_eq!(one, Error::Usage("a".into()));
}

#[test]
fn dot_around_is_what_export_draws_and_graphviz_reads_it() {
    let graph = KnowledgeGraph::embedded().expect("embedded data");
    let dot = graph.dot_around("Haftar", 1).expect("Haftar is known");
    let cli = common::run([
        "export", "--format", "dot", "--focus", "Haftar", "--depth", "1", "--all",
    ])
    .expect_code(0);
    assert_eq!(dot, cli.stdout);
    if let Some(json) = common::graphviz_json(&dot) {
        let names: Vec<&str> = json["objects"]
            .as_array()
            .expect("objects")
            .iter()
            .filter_map(|o| o["label"].as_str())
            .collect();
        assert!(names.contains(&"Khalifa Haftar"), "{names:?}");
    }
    assert!(matches!(
        graph.dot_around("Nobodyland", 1),
        Err(Error::UnknownActor { .. })
    ));
    let whole = graph.to_dot();
    let all = common::run(["export", "--format", "dot", "--all"]).expect_code(0);
    assert_eq!(whole, all.stdout);
}
