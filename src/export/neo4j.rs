//! CSV files for Neo4j's bulk importer (`neo4j-admin database import full`).
//!
//! Two files, with the importer's header syntax: `actors.csv` (`id:ID`, `:LABEL`, typed
//! properties) and `relations.csv` (`:START_ID`, `:END_ID`, `:TYPE`, typed properties).
//! Labels are `Actor` plus the kind (`Actor;State`); relationship types are
//! `SUPPORTS`, `OPPOSES`, `WARNS`. Arrays use the importer's default delimiter `;`, so a
//! `;` inside an alias is written as `,`. A missing value is an empty field, which the
//! importer leaves unset. Fields holding line breaks are quoted, which the importer
//! reads with `--multiline-fields=true`.

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::model::ActorKind;

use super::{edge_values, NodeTable};

/// The array delimiter the files use (the importer's default).
pub const ARRAY_DELIMITER: char = ';';

/// Header of `actors.csv`.
pub const ACTOR_HEADER: [&str; 10] = [
    "id:ID",
    "name",
    ":LABEL",
    "kind",
    "country",
    "iso3",
    "official_name",
    "aliases:string[]",
    "documents:int",
    "claims:int",
];

/// Header of `relations.csv`.
pub const RELATION_HEADER: [&str; 11] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "claims:int",
    "documents:int",
    "hedged:boolean",
    "confidence:double",
    "from",
    "until",
    "evidence",
    "doc",
];

/// The two CSV files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neo4jFiles {
    /// `actors.csv`: one row per actor, ordered by id.
    pub actors: String,
    /// `relations.csv`: one row per edge, ordered by source, relation, target.
    pub relations: String,
}

/// The file names the CLI writes, in a directory.
pub const FILE_NAMES: [&str; 2] = ["actors.csv", "relations.csv"];

/// The command that imports the files into a new database `neo4j`, run from the
/// directory holding them.
pub const IMPORT_COMMAND: &str = "neo4j-admin database import full --nodes=actors.csv --relationships=relations.csv --array-delimiter=\";\" --multiline-fields=true neo4j";

fn label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "State",
        ActorKind::Government => "Government",
        ActorKind::Person => "Person",
        ActorKind::ArmedGroup => "ArmedGroup",
        ActorKind::InternationalOrganisation => "InternationalOrganisation",
        ActorKind::PoliticalBody => "PoliticalBody",
        ActorKind::Other => "Other",
    }
}

fn csv_error(e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: "<csv>".into(),
        message: e.to_string(),
    }
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = w.into_inner().map_err(csv_error)?;
    String::from_utf8(bytes).map_err(csv_error)
}

/// The whole graph (every actor, every edge) as Neo4j import CSV.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn to_neo4j(graph: &KnowledgeGraph) -> Result<Neo4jFiles> {
    let table = NodeTable::new(graph);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(ACTOR_HEADER).map_err(csv_error)?;
    for a in graph.actors() {
        // NODE_ATTRS: label, kind, country, iso3, aliases, documents, claims
        let v = table.values(a);
        let text = |i: usize| v[i].as_ref().map(|x| x.lexical()).unwrap_or_default();
        let aliases: Vec<String> = a
            .aliases
            .iter()
            .map(|s| s.replace(ARRAY_DELIMITER, ","))
            .collect();
        w.write_record([
            a.id.as_str(),
            a.name.as_str(),
            &format!("Actor{ARRAY_DELIMITER}{}", label(a.kind)),
            a.kind.as_str(),
            &text(2),
            &text(3),
            a.official_name.as_deref().unwrap_or(""),
            &aliases.join(&ARRAY_DELIMITER.to_string()),
            &text(5),
            &text(6),
        ])
        .map_err(csv_error)?;
    }
    let actors = finish(w)?;

    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(RELATION_HEADER).map_err(csv_error)?;
    for e in graph.edges() {
        // EDGE_ATTRS: relation, claims, documents, hedged, confidence, weight, from,
        // until, evidence, doc
        let v = edge_values(&e);
        let text = |i: usize| v[i].as_ref().map(|x| x.lexical()).unwrap_or_default();
        w.write_record([
            e.source.id.as_str(),
            e.target.id.as_str(),
            &e.kind.as_str().to_uppercase(),
            &text(1),
            &text(2),
            &text(3),
            &text(4),
            &text(6),
            &text(7),
            &text(8),
            &text(9),
        ])
        .map_err(csv_error)?;
    }
    let relations = finish(w)?;
    Ok(Neo4jFiles { actors, relations })
}
