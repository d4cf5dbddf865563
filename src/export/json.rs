//! JSON for scripts: a node-link graph (what `networkx.node_link_graph` reads) and JSON
//! Lines of claims, each with its evidence.
//!
//! Both are documented contracts (docs/json-output.md): their record types here reject unknown
//! fields when read back, and optional values are written as `null`, never left out.

use serde::{Deserialize, Serialize};

use crate::graph::file::EvidenceOut;
use crate::graph::KnowledgeGraph;
use crate::model::round2;
use crate::model::{Claim, Provenance};

use super::{country_of, date_range, evidence_scores};

/// The node-link graph: `networkx.node_link_graph(json.load(f))` reads it as a
/// `MultiDiGraph`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeLinkOut {
    /// Always `true`.
    pub directed: bool,
    /// Always `true`: two actors may be joined by edges of several relations.
    pub multigraph: bool,
    /// Graph attributes.
    pub graph: NodeLinkGraph,
    /// Every actor, ordered by id.
    pub nodes: Vec<NodeOut>,
    /// Every edge, ordered by source, relation, target.
    pub edges: Vec<LinkOut>,
}

/// Graph attributes of the node-link graph.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeLinkGraph {
    /// Always `geokg`.
    pub name: String,
}

/// An actor in the node-link graph.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeOut {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Actor kind.
    pub kind: String,
    /// Id of the state the actor is or serves, if any.
    pub country: Option<String>,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Distinct documents and citations among the claims at this actor.
    pub documents: usize,
    /// Claims at this actor.
    pub claims: usize,
}

/// An edge in the node-link graph: every claim that `source` `relation` `target`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LinkOut {
    /// Source actor id.
    pub source: String,
    /// Target actor id.
    pub target: String,
    /// The relation again, as the multigraph edge key.
    pub key: String,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// Number of claims.
    pub claims: usize,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
    /// Highest confidence, two decimals.
    pub confidence: f64,
    /// Earliest start date among the claims.
    pub from: Option<String>,
    /// Latest end date, `null` if any dated claim is open-ended.
    pub until: Option<String>,
    /// Every claim's evidence, best first.
    pub evidence: Vec<EvidenceOut>,
}

/// The node-link record of the whole graph.
pub fn node_link(graph: &KnowledgeGraph) -> NodeLinkOut {
    let scores = evidence_scores(graph);
    let nodes = graph
        .actors()
        .iter()
        .map(|a| {
            let (documents, claims) = scores.get(&a.id).copied().unwrap_or((0, 0));
            NodeOut {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.as_str().to_string(),
                country: country_of(graph, a).map(|c| c.id.clone()),
                iso3: a.iso3.clone(),
                aliases: a.aliases.clone(),
                documents,
                claims,
            }
        })
        .collect();
    let edges = graph
        .edges()
        .iter()
        .map(|e| {
            let (from, until) = date_range(&e.claims);
            LinkOut {
                source: e.source.id.clone(),
                target: e.target.id.clone(),
                key: e.kind.as_str().to_string(),
                relation: e.kind.as_str().to_string(),
                claims: e.claims.len(),
                documents: e.documents(),
                hedged: e.hedged(),
                confidence: round2(e.confidence()),
                from,
                until,
                evidence: e.claims.iter().map(|c| EvidenceOut::from(*c)).collect(),
            }
        })
        .collect();
    NodeLinkOut {
        directed: true,
        multigraph: true,
        graph: NodeLinkGraph {
            name: "geokg".into(),
        },
        nodes,
        edges,
    }
}

/// The node-link graph as pretty JSON, ending with a newline.
pub fn to_node_link(graph: &KnowledgeGraph) -> String {
    let mut s = serde_json::to_string_pretty(&node_link(graph)).unwrap_or_default();
    s.push('\n');
    s
}

/// One line of `geokg export --format jsonl`: a claim with its evidence.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimOut {
    /// Source actor id.
    pub source_id: String,
    /// Source display name.
    pub source: String,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// Target actor id.
    pub target_id: String,
    /// Target display name.
    pub target: String,
    /// Only suspected or alleged.
    pub hedged: bool,
    /// 0 to 1, two decimals.
    pub confidence: f64,
    /// When the relation began (or the document date).
    pub from: Option<String>,
    /// When it ended.
    pub until: Option<String>,
    /// Curated claims: the citation; `null` for extracted claims.
    pub citation: Option<String>,
    /// Curated claims with a structured source: url, publisher, date and accessed;
    /// `null` otherwise.
    pub cite: Option<crate::graph::data::CiteRecord>,
    /// Extracted claims: the document id; `null` for curated claims.
    pub doc: Option<String>,
    /// Extracted claims: 0-based sentence index.
    pub sentence_index: Option<usize>,
    /// Extracted claims: byte span `[start, end)` of the sentence in the document.
    pub span: Option<[usize; 2]>,
    /// Extracted claims: the sentence.
    pub sentence: Option<String>,
    /// Extracted claims: the rule that fired.
    pub rule: Option<String>,
}

fn claim_out(graph: &KnowledgeGraph, c: &Claim) -> ClaimOut {
    let name = |id: &str| graph.actor(id).map_or_else(String::new, |a| a.name.clone());
    let mut out = ClaimOut {
        source_id: c.source.clone(),
        source: name(&c.source),
        relation: c.kind.as_str().to_string(),
        target_id: c.target.clone(),
        target: name(&c.target),
        hedged: c.hedged,
        confidence: round2(c.confidence),
        from: c.from.map(|d| d.to_string()),
        until: c.until.map(|d| d.to_string()),
        citation: None,
        cite: c.source_ref().map(crate::graph::data::CiteRecord::from),
        doc: None,
        sentence_index: None,
        span: None,
        sentence: None,
        rule: None,
    };
    match &c.provenance {
        Provenance::Curated { citation, .. } => out.citation = Some(citation.clone()),
        Provenance::Extracted(e) => {
            out.doc = Some(e.doc.clone());
            out.sentence_index = Some(e.sentence_index);
            out.span = Some([e.span.start, e.span.end]);
            out.sentence = Some(e.sentence.clone());
            out.rule = Some(e.rule.clone());
        }
    }
    out
}

/// Every claim, one JSON object a line, in edge order (source, relation, target) and,
/// within an edge, best evidence first.
pub fn to_claims_jsonl(graph: &KnowledgeGraph) -> String {
    let mut s = String::new();
    for e in graph.edges() {
        for c in &e.claims {
            s.push_str(&serde_json::to_string(&claim_out(graph, c)).unwrap_or_default());
            s.push('\n');
        }
    }
    s
}
