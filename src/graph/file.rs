//! The graph file: actors and claims with their evidence, as written by `geokg build`
//! and `geokg export --format json`, and read by `--graph`.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::graph::data::ActorRecord;
use crate::graph::KnowledgeGraph;
use crate::model::{round2, Actor, ActorKind, Affiliation, Claim, Evidence, Provenance, Span};

/// The `format` tag of a graph file.
pub const GRAPH_FORMAT: &str = "geokg-graph";
/// The graph file version this build writes and reads.
pub const GRAPH_VERSION: u32 = 1;

/// A whole graph file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphFile {
    /// Always `geokg-graph`.
    pub format: String,
    /// File format version.
    pub version: u32,
    /// Every actor, ordered by id.
    pub actors: Vec<ActorRecord>,
    /// Every claim, ordered by source, relation, target, then evidence.
    pub claims: Vec<ClaimRecord>,
}

/// One claim in a graph file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Source actor id.
    pub source: String,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// Target actor id.
    pub target: String,
    /// The relation is only suspected or alleged.
    pub hedged: bool,
    /// From 0 to 1.
    pub confidence: f64,
    /// When the relation began (or the document date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Curated claims: the citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Curated claims: the structured source, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<crate::graph::data::CiteRecord>,
    /// Extracted claims: where the claim was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRecord>,
    /// Curated claims: the conflict their file covers, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
}

/// Where an extracted claim was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRecord {
    /// Document id.
    pub doc: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// Byte span `[start, end)` of the sentence in the document.
    pub span: [usize; 2],
    /// The sentence.
    pub sentence: String,
    /// The rule that fired.
    pub rule: String,
}

impl From<&Claim> for ClaimRecord {
    fn from(c: &Claim) -> Self {
        let (citation, evidence) = match &c.provenance {
            Provenance::Curated { citation, .. } => (Some(citation.clone()), None),
            Provenance::Extracted(e) => (
                None,
                Some(EvidenceRecord {
                    doc: e.doc.clone(),
                    sentence_index: e.sentence_index,
                    span: [e.span.start, e.span.end],
                    sentence: e.sentence.clone(),
                    rule: e.rule.clone(),
                }),
            ),
        };
        ClaimRecord {
            source: c.source.clone(),
            relation: c.kind.as_str().to_string(),
            target: c.target.clone(),
            hedged: c.hedged,
            confidence: round2(c.confidence),
            from: c.from.map(|d| d.to_string()),
            until: c.until.map(|d| d.to_string()),
            cite: c.source_ref().map(crate::graph::data::CiteRecord::from),
            citation,
            evidence,
            conflict: c.conflict().map(str::to_string),
        }
    }
}

/// The graph as a graph-file record, in a fixed order.
pub fn to_record(graph: &KnowledgeGraph) -> GraphFile {
    let mut claims: Vec<ClaimRecord> = Vec::new();
    for e in graph.edges() {
        claims.extend(e.claims.iter().map(|c| ClaimRecord::from(*c)));
    }
    GraphFile {
        format: GRAPH_FORMAT.into(),
        version: GRAPH_VERSION,
        actors: graph.actors().iter().map(ActorRecord::from).collect(),
        claims,
    }
}

/// The graph as pretty JSON text, ending with a newline.
pub fn to_json(graph: &KnowledgeGraph) -> String {
    let mut s = serde_json::to_string_pretty(&to_record(graph)).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads a graph file's text; `path` is used in messages.
///
/// # Errors
/// Malformed JSON, a wrong format tag, a version newer than this build, or inconsistent
/// content, each with file, line and column.
pub fn from_json(path: &str, text: &str) -> Result<KnowledgeGraph> {
    let at = |line, column, field: String, message: String| Error::Data {
        location: Location {
            path: path.to_string(),
            line,
            column,
        },
        field,
        message,
    };
    // Look at the header first, so a file from a newer version gets a version error
    // rather than complaints about fields it may have added.
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header = serde_json::from_str(text).map_err(|e| {
        // skipping a value says less ("expected value") than reading it ("trailing comma")
        let e = serde_json::from_str::<serde_json::Value>(text)
            .err()
            .unwrap_or(e);
        at(
            e.line(),
            e.column(),
            String::new(),
            crate::error::serde_message(&e),
        )
    })?;
    let here0 = |field: &str, message: String| {
        let offset = crate::jsonpos::JsonPositions::new(text).offset(field);
        let (line, column) = crate::jsonpos::line_col(text, offset);
        at(line, column, field.to_string(), message)
    };
    if header.format.as_deref() != Some(GRAPH_FORMAT) {
        return Err(here0("format", format!(
            "not a geokg graph file (expected \"format\": \"{GRAPH_FORMAT}\"); curated data files are checked with `geokg check` and built into a graph with `geokg build --data`"
        )));
    }
    match header.version {
        Some(v) if v > GRAPH_VERSION => {
            return Err(here0("version", format!(
                "graph file version {v} is newer than this build of geokg reads (version {GRAPH_VERSION}); upgrade geokg"
            )))
        }
        Some(v) if v == GRAPH_VERSION => {}
        other => {
            return Err(here0("version", format!(
                "unsupported graph file version {}", other.map_or("(missing)".to_string(), |v| v.to_string())
            )))
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let file: GraphFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = crate::error::field_path(e.path().to_string());
        let inner = e.into_inner();
        at(
            inner.line(),
            inner.column(),
            field,
            crate::error::serde_message(&inner),
        )
    })?;
    let here = |field: String, message: String| {
        let offset = crate::jsonpos::JsonPositions::new(text).offset(&field);
        let (line, column) = crate::jsonpos::line_col(text, offset);
        at(line, column, field, message)
    };
    let mut actors = Vec::with_capacity(file.actors.len());
    let mut ids = HashSet::new();
    for (i, r) in file.actors.iter().enumerate() {
        let field = format!("actors[{i}]");
        if !ids.insert(r.id.clone()) {
            return Err(here(
                format!("{field}.id"),
                format!("duplicate id \"{}\"", r.id),
            ));
        }
        actors.push(actor_from_record(r, &field, &here)?);
    }
    let mut claims = Vec::with_capacity(file.claims.len());
    for (i, r) in file.claims.iter().enumerate() {
        let field = format!("claims[{i}]");
        for (side, id) in [("source", &r.source), ("target", &r.target)] {
            if !ids.contains(id) {
                return Err(here(
                    format!("{field}.{side}"),
                    format!("unknown actor id \"{id}\""),
                ));
            }
        }
        claims.push(claim_from_record(r, &field, &here)?);
    }
    KnowledgeGraph::new(actors, claims)
}

/// An actor record as a model actor; `field` names the record in messages.
fn actor_from_record(
    r: &ActorRecord,
    field: &str,
    here: &dyn Fn(String, String) -> Error,
) -> Result<Actor> {
    let kind: ActorKind = r
        .kind
        .parse()
        .map_err(|m| here(format!("{field}.kind"), m))?;
    let mut affiliations = Vec::new();
    for (j, f) in r.affiliations.iter().enumerate() {
        let date = |d: &Option<String>, which: &str| {
            d.as_ref()
                .map(|s| {
                    s.parse()
                        .map_err(|m| here(format!("{field}.affiliations[{j}].{which}"), m))
                })
                .transpose()
        };
        let kind = crate::graph::data::affiliation_kind(f)
            .map_err(|m| here(format!("{field}.affiliations[{j}].kind"), m))?;
        affiliations.push(Affiliation {
            actor: f.actor.clone(),
            role: f.role.clone(),
            kind,
            from: date(&f.from, "from")?,
            until: date(&f.until, "until")?,
        });
    }
    Ok(Actor {
        id: r.id.clone(),
        name: r.name.clone(),
        kind,
        official_name: r.official_name.clone(),
        iso3: r.iso3.clone(),
        aliases: r.aliases.clone(),
        demonyms: r.demonyms.clone(),
        capital: r.capital.clone(),
        ambiguous_aliases: r.ambiguous_aliases.clone(),
        descriptions: r.descriptions.clone(),
        affiliations,
    })
}

/// A structured source record as a model source; `field` names it in messages.
fn source_ref(
    r: &crate::graph::data::CiteRecord,
    field: &str,
    here: &dyn Fn(String, String) -> Error,
) -> Result<crate::model::SourceRef> {
    crate::model::check_url(&r.url).map_err(|m| here(format!("{field}.url"), m))?;
    let date = |s: &str, which: &str| s.parse().map_err(|m| here(format!("{field}.{which}"), m));
    Ok(crate::model::SourceRef {
        url: r.url.clone(),
        publisher: r.publisher.clone(),
        date: date(&r.date, "date")?,
        accessed: date(&r.accessed, "accessed")?,
    })
}

/// A claim record as a model claim (actor ids are checked by the caller).
fn claim_from_record(
    r: &ClaimRecord,
    field: &str,
    here: &dyn Fn(String, String) -> Error,
) -> Result<Claim> {
    let kind = r
        .relation
        .parse()
        .map_err(|m| here(format!("{field}.relation"), m))?;
    let date = |d: &Option<String>, which: &str| {
        d.as_ref()
            .map(|s| s.parse().map_err(|m| here(format!("{field}.{which}"), m)))
            .transpose()
    };
    let provenance = match (&r.citation, &r.evidence) {
        (Some(c), None) => Provenance::Curated {
            conflict: r.conflict.clone(),
            citation: c.clone(),
            source_ref: match &r.cite {
                None => None,
                Some(s) => Some(Box::new(source_ref(s, &format!("{field}.cite"), &here)?)),
            },
        },
        (None, Some(e)) if e.span[0] > e.span[1] || e.span[1] - e.span[0] != e.sentence.len() => {
            return Err(here(
                format!("{field}.evidence.span"),
                format!(
                    "span [{}, {}] does not fit the sentence, which has {} bytes",
                    e.span[0],
                    e.span[1],
                    e.sentence.len()
                ),
            ))
        }
        (None, Some(e)) => Provenance::Extracted(Evidence {
            doc: e.doc.clone(),
            sentence_index: e.sentence_index,
            span: Span::new(e.span[0], e.span[1]),
            sentence: e.sentence.clone(),
            rule: e.rule.clone(),
        }),
        _ => {
            return Err(here(
                field.to_string(),
                "a claim needs exactly one of citation and evidence".into(),
            ))
        }
    };
    if !(0.0..=1.0).contains(&r.confidence) {
        return Err(here(
            format!("{field}.confidence"),
            format!("confidence {} is outside 0..=1", r.confidence),
        ));
    }
    Ok(Claim {
        source: r.source.clone(),
        kind,
        target: r.target.clone(),
        hedged: r.hedged,
        confidence: r.confidence,
        from: date(&r.from, "from")?,
        until: date(&r.until, "until")?,
        provenance,
    })
}

/// One document's share of a graph: the actors the document introduced and the claims
/// read in it. `geokg extract --format fragments` writes one per line; `geokg merge`
/// reads them, so extraction can run as the map step of a batch engine.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    /// Document id.
    pub doc: String,
    /// Actors the document introduced (not in the registry), ordered by id.
    pub actors: Vec<ActorRecord>,
    /// Claims read in the document, in sentence order.
    pub claims: Vec<ClaimRecord>,
}

impl Fragment {
    /// The fragment of one extraction.
    pub fn of(ex: &crate::extract::Extraction) -> Self {
        let mut actors: Vec<ActorRecord> = ex.new_actors.iter().map(ActorRecord::from).collect();
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        Fragment {
            doc: ex.doc.clone(),
            actors,
            claims: ex.claims.iter().map(ClaimRecord::from).collect(),
        }
    }

    /// The fragment as one line of JSON, with its newline.
    pub fn to_line(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Reads one fragment line (`line` is 1-based, for messages) into actors and claims.
///
/// # Errors
/// Malformed JSON or invalid content, naming file, line, column and field.
pub fn parse_fragment(path: &str, line: usize, text: &str) -> Result<(Vec<Actor>, Vec<Claim>)> {
    let at = |column: usize, field: String, message: String| Error::Data {
        location: Location {
            path: path.to_string(),
            line,
            column,
        },
        field,
        message,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let frag: Fragment = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = crate::error::field_path(e.path().to_string());
        let inner = e.into_inner();
        at(inner.column(), field, crate::error::serde_message(&inner))
    })?;
    let here = |field: String, message: String| {
        let offset = crate::jsonpos::JsonPositions::new(text).offset(&field);
        let (_, column) = crate::jsonpos::line_col(text, offset);
        at(column, field, message)
    };
    let actors = frag
        .actors
        .iter()
        .enumerate()
        .map(|(i, r)| actor_from_record(r, &format!("actors[{i}]"), &here))
        .collect::<Result<Vec<_>>>()?;
    let claims = frag
        .claims
        .iter()
        .enumerate()
        .map(|(i, r)| claim_from_record(r, &format!("claims[{i}]"), &here))
        .collect::<Result<Vec<_>>>()?;
    Ok((actors, claims))
}

/// The evidence for a claim: a citation, or a sentence of a document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceOut {
    /// The citation or the sentence.
    pub text: String,
    /// Curated claims with a structured source: url, publisher, date and accessed;
    /// `null` otherwise.
    pub cite: Option<crate::graph::data::CiteRecord>,
    /// Document id for extracted claims, `null` for curated ones.
    pub doc: Option<String>,
    /// Sentence index in the document, `null` for curated claims.
    pub sentence_index: Option<usize>,
    /// Byte span `[start, end)` of the sentence, `null` for curated claims.
    pub span: Option<[usize; 2]>,
    /// Extraction rule, `null` for curated claims.
    pub rule: Option<String>,
    /// The claim is hedged.
    pub hedged: bool,
}

impl From<&Claim> for EvidenceOut {
    fn from(c: &Claim) -> Self {
        match &c.provenance {
            Provenance::Curated {
                citation,
                source_ref,
                ..
            } => EvidenceOut {
                text: citation.clone(),
                cite: source_ref
                    .as_deref()
                    .map(crate::graph::data::CiteRecord::from),
                doc: None,
                sentence_index: None,
                span: None,
                rule: None,
                hedged: c.hedged,
            },
            Provenance::Extracted(e) => EvidenceOut {
                text: e.sentence.clone(),
                cite: None,
                doc: Some(e.doc.clone()),
                sentence_index: Some(e.sentence_index),
                span: Some([e.span.start, e.span.end]),
                rule: Some(e.rule.clone()),
                hedged: c.hedged,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph_with(affiliation: &str) -> String {
        format!(
            r#"{{"format": "geokg-graph", "version": 1, "actors": [
{{"id": "g", "name": "Group", "kind": "armed_group"}},
{{"id": "p", "name": "Person", "kind": "person", "affiliations": [{affiliation}]}}
], "claims": []}}"#
        )
    }

    #[test]
    fn an_affiliation_kind_is_read_and_required() {
        let g = from_json(
            "g.json",
            &graph_with(r#"{"actor": "g", "role": "commander", "kind": "commands"}"#),
        )
        .unwrap();
        let p = g.actor("p").unwrap();
        assert_eq!(
            p.affiliations[0].kind,
            crate::model::AffiliationKind::Commands
        );
        let e = from_json(
            "g.json",
            &graph_with(r#"{"actor": "g", "role": "commander", "kind": "boss"}"#),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("g.json:3:")
                && e.contains(
                    "actors[1].affiliations[0].kind: unknown affiliation kind \"boss\", \
                     expected one of leads,"
                ),
            "{e}"
        );
        let e = from_json(
            "g.json",
            &graph_with(r#"{"actor": "g", "role": "commander"}"#),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("actors[1].affiliations[0].kind: no kind: add \"kind\""),
            "{e}"
        );
    }
}
