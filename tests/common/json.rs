//! The `--json` records shared by the answer forms, declared here on purpose rather than
//! imported from the crate: if the crate's report types change, the tests must notice.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub text: String,
    pub cite: Option<Cite>,
    pub doc: Option<String>,
    pub sentence_index: Option<usize>,
    pub span: Option<[usize; 2]>,
    pub rule: Option<String>,
    pub hedged: bool,
}

/// A structured source of a curated claim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub url: String,
    pub publisher: String,
    pub date: String,
    pub accessed: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimJson {
    pub source: ActorRef,
    pub relation: String,
    pub target: ActorRef,
    pub from: Option<String>,
    pub until: Option<String>,
    pub confidence: f64,
    pub evidence: Evidence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerJson {
    pub actor: ActorRef,
    pub relation: String,
    pub direction: String,
    pub via: Vec<ActorRef>,
    pub reads: Option<String>,
    pub happened: Vec<HappenedJson>,
    pub direct: bool,
    pub claims: usize,
    pub documents: usize,
    pub hedged: bool,
    pub confidence: f64,
    pub evidence: Vec<ClaimJson>,
}

/// One (source, relation, target) behind a rolled-up answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HappenedJson {
    pub source: ActorRef,
    pub relation: String,
    pub target: ActorRef,
    pub through: Vec<ThroughJson>,
}

/// The affiliation that made a claim count.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThroughJson {
    pub member: ActorRef,
    pub role: String,
    pub of: ActorRef,
}
