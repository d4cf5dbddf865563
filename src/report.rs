//! Presenting answers: plain text for people and a stable JSON schema for scripts.
//!
//! The JSON record types here are the documented `--json` contract (see README.md);
//! they are separate from the domain types so the model can change without silently
//! changing the output.

use serde::{Deserialize, Serialize};

use crate::graph::{Direction, Edge, KnowledgeGraph};
use crate::graphfile::round2;
use crate::model::{Actor, Claim, Provenance};
use crate::query::{Answer, Question};

/// A short reference to an actor.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActorRef {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Actor kind.
    pub kind: String,
}

impl From<&Actor> for ActorRef {
    fn from(a: &Actor) -> Self {
        ActorRef {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str().to_string(),
        }
    }
}

/// The evidence for a claim: a citation, or a sentence of a document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceOut {
    /// The citation or the sentence.
    pub text: String,
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
            Provenance::Curated { citation } => EvidenceOut {
                text: citation.clone(),
                doc: None,
                sentence_index: None,
                span: None,
                rule: None,
                hedged: c.hedged,
            },
            Provenance::Extracted(e) => EvidenceOut {
                text: e.sentence.clone(),
                doc: Some(e.doc.clone()),
                sentence_index: Some(e.sentence_index),
                span: Some([e.span.start, e.span.end]),
                rule: Some(e.rule.clone()),
                hedged: c.hedged,
            },
        }
    }
}

/// One answer row of `geokg query --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AnswerOut {
    /// The answering actor.
    pub actor: ActorRef,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// The affiliated actor the claims are about, when rolled up.
    pub via: Option<ActorRef>,
    /// Number of claims.
    pub claims: usize,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
    /// Highest confidence.
    pub confidence: f64,
    /// The best evidence first; all of it with `--why`.
    pub evidence: Vec<EvidenceOut>,
}

/// The whole output of `geokg query --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QueryOut {
    /// The question as asked.
    pub question: String,
    /// `who` (who relates to the subject) or `what` (what the subject relates to).
    pub form: String,
    /// The relation asked about.
    pub relation: String,
    /// The actor the question names.
    pub subject: ActorRef,
    /// Answers, strongest first.
    pub answers: Vec<AnswerOut>,
}

/// The JSON record of an answer; `all_evidence` keeps every claim, else only the best.
pub fn answer_json(asked: &str, answer: &Answer<'_>, all_evidence: bool) -> QueryOut {
    let (form, kind) = match &answer.question {
        Question::Who { kind, .. } => ("who", kind),
        Question::What { kind, .. } => ("what", kind),
    };
    QueryOut {
        question: asked.to_string(),
        form: form.into(),
        relation: kind.as_str().into(),
        subject: answer.subject.into(),
        answers: answer
            .rows
            .iter()
            .map(|r| AnswerOut {
                actor: r.actor.into(),
                relation: r.kind.as_str().into(),
                via: r.via.map(ActorRef::from),
                claims: r.claims.len(),
                documents: r.documents,
                hedged: r.hedged,
                confidence: round2(r.claims.iter().map(|c| c.confidence).fold(0.0, f64::max)),
                evidence: r
                    .claims
                    .iter()
                    .take(if all_evidence { usize::MAX } else { 1 })
                    .map(|c| EvidenceOut::from(*c))
                    .collect(),
            })
            .collect(),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn evidence_line(c: &Claim) -> String {
    match &c.provenance {
        Provenance::Curated { citation } => format!("citation: {citation}"),
        Provenance::Extracted(e) => format!(
            "{} #{}: \"{}\"",
            e.doc,
            e.sentence_index,
            e.sentence.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
    }
}

/// The answer as text for a terminal.
pub fn answer_text(answer: &Answer<'_>, all_evidence: bool) -> String {
    let (kind, dir) = match &answer.question {
        Question::Who { kind, .. } => (kind, "who"),
        Question::What { kind, .. } => (kind, "what"),
    };
    let mut out = String::new();
    let subject = answer.subject;
    if dir == "who" {
        out.push_str(&format!(
            "who {} {} ({}): {}\n",
            kind,
            subject.name,
            subject.id,
            plural(answer.rows.len(), "answer")
        ));
    } else {
        out.push_str(&format!(
            "what {} ({}) {}: {}\n",
            subject.name,
            subject.id,
            kind,
            plural(answer.rows.len(), "answer")
        ));
    }
    for (i, r) in answer.rows.iter().enumerate() {
        let via = r
            .via
            .map(|v| format!(" via {}", v.name))
            .unwrap_or_default();
        let hedged = if r.hedged { ", hedged" } else { "" };
        out.push_str(&format!(
            "{:>2}. {} [{}]{} — {}, {}{}\n",
            i + 1,
            r.actor.name,
            r.actor.kind,
            via,
            plural(r.claims.len(), "claim"),
            plural(r.documents, "source"),
            hedged
        ));
        let take = if all_evidence { r.claims.len() } else { 1 };
        for c in r.claims.iter().take(take) {
            out.push_str(&format!("    {}\n", evidence_line(c)));
        }
    }
    out
}

/// An actor's profile as text: kind, names, affiliations, relations in and out.
pub fn actor_text(graph: &KnowledgeGraph, actor: &Actor) -> String {
    let mut out = format!("{} ({})\n  kind: {}\n", actor.name, actor.id, actor.kind);
    if let Some(o) = &actor.official_name {
        out.push_str(&format!("  official name: {o}\n"));
    }
    if let Some(c) = &actor.iso3 {
        out.push_str(&format!("  iso3: {c}\n"));
    }
    if let Some(c) = &actor.capital {
        out.push_str(&format!("  capital: {c}\n"));
    }
    if !actor.aliases.is_empty() {
        out.push_str(&format!("  aliases: {}\n", actor.aliases.join(", ")));
    }
    if !actor.demonyms.is_empty() {
        out.push_str(&format!("  demonyms: {}\n", actor.demonyms.join(", ")));
    }
    for f in &actor.affiliations {
        let other = graph
            .actor(&f.actor)
            .map_or(f.actor.as_str(), |a| a.name.as_str());
        let mut when = String::new();
        if let Some(d) = f.from {
            when.push_str(&format!(" from {d}"));
        }
        if let Some(d) = f.until {
            when.push_str(&format!(" until {d}"));
        }
        out.push_str(&format!(
            "  affiliation: {} of {} ({}){}\n",
            f.role, other, f.actor, when
        ));
    }
    let members = graph.members(&actor.id);
    if !members.is_empty() {
        let names: Vec<String> = members
            .iter()
            .map(|m| format!("{} ({})", m.name, m.id))
            .collect();
        out.push_str(&format!("  affiliated actors: {}\n", names.join(", ")));
    }
    for (title, dir) in [
        ("relations out", Direction::Outgoing),
        ("relations in", Direction::Incoming),
    ] {
        let edges = graph.neighbors(&actor.id, dir, None);
        out.push_str(&format!("  {title}: {}\n", edges.len()));
        for e in edges {
            out.push_str(&format!("    {}\n", edge_line(&e)));
            out.push_str(&format!("        {}\n", evidence_line(e.best())));
        }
    }
    out
}

fn edge_line(e: &Edge<'_>) -> String {
    format!(
        "{} {} {} — {}, {}{}",
        e.source.name,
        e.kind,
        e.target.name,
        plural(e.claims.len(), "claim"),
        plural(e.documents(), "source"),
        if e.hedged() { ", hedged" } else { "" }
    )
}

/// One relation of an actor profile in `geokg actor --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RelationOut {
    /// Source actor.
    pub source: ActorRef,
    /// The relation.
    pub relation: String,
    /// Target actor.
    pub target: ActorRef,
    /// Number of claims.
    pub claims: usize,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
    /// Best evidence.
    pub evidence: EvidenceOut,
}

/// An affiliation in `geokg actor --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AffiliationOut {
    /// The actor served.
    pub actor: ActorRef,
    /// The role.
    pub role: String,
    /// Start date.
    pub from: Option<String>,
    /// End date.
    pub until: Option<String>,
}

/// `geokg actor --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActorOut {
    /// The actor.
    pub actor: ActorRef,
    /// Formal name.
    pub official_name: Option<String>,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: Option<String>,
    /// Capital city.
    pub capital: Option<String>,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Demonyms.
    pub demonyms: Vec<String>,
    /// Whom the actor serves.
    pub affiliations: Vec<AffiliationOut>,
    /// Who serves the actor.
    pub affiliated: Vec<ActorRef>,
    /// Relations from the actor, strongest first.
    pub outgoing: Vec<RelationOut>,
    /// Relations to the actor, strongest first.
    pub incoming: Vec<RelationOut>,
}

/// The actor profile as a JSON record.
pub fn actor_json(graph: &KnowledgeGraph, actor: &Actor) -> ActorOut {
    let rel = |e: Edge<'_>| RelationOut {
        source: e.source.into(),
        relation: e.kind.as_str().into(),
        target: e.target.into(),
        claims: e.claims.len(),
        documents: e.documents(),
        hedged: e.hedged(),
        evidence: e.best().into(),
    };
    ActorOut {
        actor: actor.into(),
        official_name: actor.official_name.clone(),
        iso3: actor.iso3.clone(),
        capital: actor.capital.clone(),
        aliases: actor.aliases.clone(),
        demonyms: actor.demonyms.clone(),
        affiliations: actor
            .affiliations
            .iter()
            .filter_map(|f| {
                graph.actor(&f.actor).map(|a| AffiliationOut {
                    actor: a.into(),
                    role: f.role.clone(),
                    from: f.from.map(|d| d.to_string()),
                    until: f.until.map(|d| d.to_string()),
                })
            })
            .collect(),
        affiliated: graph
            .members(&actor.id)
            .into_iter()
            .map(ActorRef::from)
            .collect(),
        outgoing: graph
            .neighbors(&actor.id, Direction::Outgoing, None)
            .into_iter()
            .map(rel)
            .collect(),
        incoming: graph
            .neighbors(&actor.id, Direction::Incoming, None)
            .into_iter()
            .map(rel)
            .collect(),
    }
}
