//! Presenting answers: plain text for people and a stable JSON schema for scripts.
//!
//! The JSON record types here are the documented `--json` contract (see docs/json-output.md);
//! they are separate from the domain types so the model can change without silently
//! changing the output.

use serde::{Deserialize, Serialize};

use crate::graph::file::EvidenceOut;
use crate::graph::{Direction, Edge, KnowledgeGraph};
use crate::model::{round2, Actor, ActorKind, Claim, Provenance, RelationKind};
use crate::query::blocs::Blocs;
use crate::query::signed::{Link, Sign};
use crate::query::{AnswerRow, Counted, Happened, Reply, Response, Through, Way};

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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn evidence_line(c: &Claim) -> String {
    match &c.provenance {
        Provenance::Curated {
            citation,
            source_ref: None,
            ..
        } => format!("citation: {citation}"),
        Provenance::Curated {
            citation,
            source_ref: Some(r),
            ..
        } => format!("citation: {citation} — {}", r.line()),
        Provenance::Extracted(e) => format!(
            "{} #{}: \"{}\"",
            e.doc,
            e.sentence_index,
            e.sentence.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
    }
}

// ---------------------------------------------------------------------------------------
// Answers to questions: `geokg query` and `geokg blocs`
// ---------------------------------------------------------------------------------------

/// One claim behind an answer, in `--json` output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimOut {
    /// The claim's source actor (for a rolled-up claim, the affiliated actor).
    pub source: ActorRef,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// The claim's target actor.
    pub target: ActorRef,
    /// When the claim began to hold (or the document date), if known.
    pub from: Option<String>,
    /// When it stopped holding, if it has.
    pub until: Option<String>,
    /// Confidence, 0 to 1, two decimals.
    pub confidence: f64,
    /// Citation or sentence.
    pub evidence: EvidenceOut,
}

impl From<&Counted<'_>> for ClaimOut {
    fn from(c: &Counted<'_>) -> Self {
        ClaimOut {
            source: c.source.into(),
            relation: c.claim.kind.as_str().into(),
            target: c.target.into(),
            from: c.claim.from.map(|d| d.to_string()),
            until: c.claim.until.map(|d| d.to_string()),
            confidence: round2(c.claim.confidence),
            evidence: c.claim.into(),
        }
    }
}

/// One answer row of `geokg query --json` (who, what, allies, enemies, about).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AnswerOut {
    /// The answering actor.
    pub actor: ActorRef,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// `in`: the actor acts on the subject; `out`: the subject acts on the actor; `both`.
    pub direction: String,
    /// Affiliated actors some claims were rolled up through.
    pub via: Vec<ActorRef>,
    /// What happened, in words, when some claims were rolled up ("opposes Mohamed Hamdan
    /// Dagalo (RSF commander)"); `null` when every claim is about the two actors themselves.
    pub reads: Option<String>,
    /// The same, as records: each (source, relation, target) behind the answer, with the
    /// affiliations that made it count; empty when nothing was rolled up.
    pub happened: Vec<HappenedOut>,
    /// Some claim links the actor and the subject themselves.
    pub direct: bool,
    /// Number of claims.
    pub claims: usize,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
    /// Highest confidence.
    pub confidence: f64,
    /// The best claim; every claim with `--why`.
    pub evidence: Vec<ClaimOut>,
}

/// An affiliation that made a claim count, in `--json` output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThroughOut {
    /// The person.
    pub member: ActorRef,
    /// The role, up to its first `;`, `,` or `(`.
    pub role: String,
    /// The actor served or led.
    pub of: ActorRef,
}

/// One (source, relation, target) behind a rolled-up answer, in `--json` output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HappenedOut {
    /// The acting actor.
    pub source: ActorRef,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// The actor acted upon.
    pub target: ActorRef,
    /// How its ends stand for the answering actor and the subject.
    pub through: Vec<ThroughOut>,
}

impl From<&Happened<'_>> for HappenedOut {
    fn from(h: &Happened<'_>) -> Self {
        HappenedOut {
            source: h.source.into(),
            relation: h.kind.as_str().into(),
            target: h.target.into(),
            through: h
                .through
                .iter()
                .map(|t| ThroughOut {
                    member: t.member.into(),
                    role: t.role.to_string(),
                    of: t.of.into(),
                })
                .collect(),
        }
    }
}

/// How many happenings a row's text names before "and N more".
const HAPPENED_SHOWN: usize = 3;

/// A short name for an actor in a role: the demonym of a state, else an acronym among
/// its aliases (`RSF`), else its name.
fn short_name(a: &Actor) -> &str {
    if let Some(d) = a.demonyms.first().filter(|_| a.kind == ActorKind::State) {
        return d;
    }
    a.aliases
        .iter()
        .filter(|n| {
            (2..=6).contains(&n.len())
                && n.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
        .min_by_key(|n| (n.len(), n.as_str()))
        .map_or(a.name.as_str(), String::as_str)
}

/// An actor's name with the affiliation that made it count: "Mohamed Hamdan Dagalo (RSF
/// commander)", "Libyan National Army (led by Khalifa Haftar)".
fn annotated(a: &Actor, through: &[Through<'_>]) -> String {
    for t in through {
        if t.member.id == a.id {
            let short = t.role.split_whitespace().count() <= 3 && !t.role.contains(" of ");
            return if short {
                format!("{} ({} {})", a.name, short_name(t.of), t.role)
            } else {
                format!("{} ({}, {})", a.name, t.role, t.of.name)
            };
        }
        if t.of.id == a.id {
            return format!("{} (led by {})", a.name, t.member.name);
        }
    }
    a.name.clone()
}

fn passive(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Supports => "backed by",
        RelationKind::Opposes => "opposed by",
        RelationKind::Warns => "warned by",
    }
}

/// What happened behind a rolled-up row, told from the answering actor's side: "opposes
/// Rapid Support Forces and Mohamed Hamdan Dagalo (RSF commander)"; `None` when no claim
/// was rolled up.
pub fn row_reads(r: &AnswerRow<'_>, subject: &Actor) -> Option<String> {
    let happened = r.happened(subject);
    if happened.is_empty() {
        return None;
    }
    // (verb, names) groups: the row's own acts, and what was done to it, merge by verb
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for h in happened.iter().take(HAPPENED_SHOWN) {
        let (verb, words) = if h.source.id == r.actor.id {
            (
                Some(h.kind.as_str().to_string()),
                annotated(h.target, &h.through),
            )
        } else if h.target.id == r.actor.id {
            (
                Some(passive(h.kind).to_string()),
                annotated(h.source, &h.through),
            )
        } else {
            (
                None,
                format!(
                    "{} {} {}",
                    annotated(h.source, &h.through),
                    h.kind,
                    annotated(h.target, &h.through)
                ),
            )
        };
        match groups
            .iter_mut()
            .find(|(v, _)| verb.is_some() && *v == verb)
        {
            Some((_, names)) => names.push(words),
            None => groups.push((verb, vec![words])),
        }
    }
    let mut parts: Vec<String> = groups
        .into_iter()
        .map(|(verb, names)| {
            let list = match names.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            match verb {
                Some(v) => format!("{v} {list}"),
                None => list,
            }
        })
        .collect();
    if happened.len() > HAPPENED_SHOWN {
        parts.push(format!("and {} more", happened.len() - HAPPENED_SHOWN));
    }
    Some(parts.join("; "))
}

fn take<T>(items: &[T], all: bool) -> &[T] {
    if all {
        items
    } else {
        &items[..items.len().min(1)]
    }
}

fn row_json(r: &AnswerRow<'_>, subject: &Actor, all: bool) -> AnswerOut {
    AnswerOut {
        actor: r.actor.into(),
        relation: r.kind.as_str().into(),
        direction: r.way.as_str().into(),
        via: r.via.iter().map(|a| ActorRef::from(*a)).collect(),
        reads: row_reads(r, subject),
        happened: r.happened(subject).iter().map(HappenedOut::from).collect(),
        direct: r.direct,
        claims: r.claims.len(),
        documents: r.documents,
        hedged: r.hedged,
        confidence: round2(r.confidence),
        evidence: take(&r.claims, all).iter().map(ClaimOut::from).collect(),
    }
}

/// `geokg query --json` for who, what, allies and enemies.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QueryOut {
    /// The question as asked.
    pub question: String,
    /// `who`, `what`, `allies` or `enemies`.
    pub form: String,
    /// The relation asked about (`supports` for allies, `opposes` for enemies).
    pub relation: String,
    /// The actor the question names.
    pub subject: ActorRef,
    /// The place the question is asked about ("… in Sudan"), as written, or `null`.
    pub within: Option<String>,
    /// Answers, strongest first.
    pub answers: Vec<AnswerOut>,
}

/// `geokg query --json` for "does X back Y".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VerdictOut {
    /// The question as asked.
    pub question: String,
    /// Always `does`.
    pub form: String,
    /// The relation asked about.
    pub relation: String,
    /// The acting actor.
    pub source: ActorRef,
    /// The actor acted upon.
    pub target: ActorRef,
    /// The place the question is asked about ("… in Libya"), as written, or `null`.
    pub within: Option<String>,
    /// Some claim says the relation holds.
    pub holds: bool,
    /// Every such claim is hedged (false when none).
    pub hedged: bool,
    /// Distinct documents and citations that it holds.
    pub documents: usize,
    /// Claims that it holds: one per pair of actors; all with `--why`.
    pub claims: Vec<ClaimOut>,
    /// Other relations between the two, either way: one per pair and relation; all with
    /// `--why`.
    pub others: Vec<ClaimOut>,
}

/// One link of a path or of a tie between two camps' members.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LinkOut {
    /// Source actor (the person, for an affiliation).
    pub source: ActorRef,
    /// `supports`, `opposes`, `warns` or `affiliated`.
    pub relation: String,
    /// Target actor (the actor served, for an affiliation).
    pub target: ActorRef,
    /// The role, for an affiliation; otherwise `null`.
    pub role: Option<String>,
    /// Number of claims (0 for an affiliation).
    pub claims: usize,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
    /// The best claim; every claim with `--why`; empty for an affiliation.
    pub evidence: Vec<ClaimOut>,
}

fn link_json(l: &Link<'_>, all: bool) -> LinkOut {
    let (s, t) = l.ends();
    match l {
        Link::Relation(e) => LinkOut {
            source: s.into(),
            relation: l.relation().into(),
            target: t.into(),
            role: None,
            claims: e.claims.len(),
            documents: e.documents(),
            hedged: e.hedged(),
            evidence: take(&e.claims, all)
                .iter()
                .map(|c| {
                    ClaimOut::from(&Counted {
                        claim: c,
                        source: s,
                        target: t,
                    })
                })
                .collect(),
        },
        Link::Affiliation { role, .. } => LinkOut {
            source: s.into(),
            relation: l.relation().into(),
            target: t.into(),
            role: Some(role.to_string()),
            claims: 0,
            documents: 0,
            hedged: false,
            evidence: Vec::new(),
        },
    }
}

/// One step of a path.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HopOut {
    /// The actor the step leaves.
    pub from: ActorRef,
    /// The actor the step reaches.
    pub to: ActorRef,
    /// `positive`, `negative` or `mixed`.
    pub sign: String,
    /// Every link between the two, strongest first.
    pub links: Vec<LinkOut>,
}

/// One path.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PathOut {
    /// `positive` (the ends should stand together), `negative` or `mixed`.
    pub sign: String,
    /// Some step rests only on hedged claims.
    pub hedged: bool,
    /// The steps, in order.
    pub hops: Vec<HopOut>,
}

/// `geokg query --json` for "how is X linked to Y".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LinkageOut {
    /// The question as asked.
    pub question: String,
    /// Always `link`.
    pub form: String,
    /// The first actor.
    pub from: ActorRef,
    /// The second actor.
    pub to: ActorRef,
    /// Paths, shortest and best evidenced first.
    pub paths: Vec<PathOut>,
}

/// `geokg query --json` for "what do we know about X".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AboutOut {
    /// The question as asked.
    pub question: String,
    /// Always `about`.
    pub form: String,
    /// The actor.
    pub subject: ActorRef,
    /// Whom the actor serves.
    pub affiliations: Vec<AffiliationOut>,
    /// Who serves the actor.
    pub affiliated: Vec<ActorRef>,
    /// Who supports the actor.
    pub backed_by: Vec<AnswerOut>,
    /// Who opposes it.
    pub opposed_by: Vec<AnswerOut>,
    /// Who warns it.
    pub warned_by: Vec<AnswerOut>,
    /// Whom it supports.
    pub backs: Vec<AnswerOut>,
    /// Whom it opposes.
    pub opposes: Vec<AnswerOut>,
    /// Whom it warns.
    pub warns: Vec<AnswerOut>,
}

/// An actor in a camp.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MemberOut {
    /// The actor.
    pub actor: ActorRef,
    /// Summed weight of its ties in the group.
    pub strength: f64,
    /// How much frustration would rise if it alone changed camp (0: either camp).
    pub margin: f64,
}

/// A tie between two actors that contradicts the split.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TieOut {
    /// One actor.
    pub a: ActorRef,
    /// The other.
    pub b: ActorRef,
    /// Summed weight: positive ties pull together, negative apart.
    pub weight: f64,
    /// `across` (a positive tie across camps) or `inside` (a negative tie in a camp).
    pub contradiction: String,
    /// The links, strongest first.
    pub links: Vec<LinkOut>,
}

/// One connected group split into camps.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupOut {
    /// The conflict whose claims were split (camps per conflict, without a focus); `null`
    /// with a focus, for a graph without conflicts, and for claims that fit no conflict.
    pub conflict: Option<String>,
    /// Number of actors.
    pub actors: usize,
    /// `1 − frustration / total`, two decimals.
    pub balance: f64,
    /// Summed weight of contradicting ties.
    pub frustration: f64,
    /// Summed absolute weight of all ties.
    pub total: f64,
    /// The split is proven optimal (small groups) rather than the best found.
    pub exact: bool,
    /// Two camps, larger first; members strongest first.
    pub camps: Vec<Vec<MemberOut>>,
    /// Ties that contradict the split, heaviest first.
    pub contradictions: Vec<TieOut>,
}

/// `geokg blocs --json` and `geokg query --json "which camps …"`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BlocsOut {
    /// The question as asked, `null` for `geokg blocs`.
    pub question: Option<String>,
    /// Always `blocs`.
    pub form: String,
    /// The focus actor, if any.
    pub focus: Option<ActorRef>,
    /// The place the camps are drawn in, as written, or `null` (camps per conflict).
    pub place: Option<String>,
    /// How many ties around the focus were followed.
    pub depth: usize,
    /// Connected groups, largest first.
    pub groups: Vec<GroupOut>,
}

/// Any `geokg query --json` output; serialises as the record of its form.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum ReplyOut {
    /// who, what, allies, enemies.
    Rows(QueryOut),
    /// does.
    Verdict(VerdictOut),
    /// link.
    Linkage(LinkageOut),
    /// about.
    About(AboutOut),
    /// blocs.
    Blocs(BlocsOut),
}

fn quarters(w: i64) -> f64 {
    w as f64 / 4.0
}

/// One claim per pair of actors and relation, unless `all`.
fn per_pair<'a, 'g>(claims: &'a [Counted<'g>], all: bool) -> Vec<&'a Counted<'g>> {
    let mut seen = std::collections::HashSet::new();
    claims
        .iter()
        .filter(|c| all || seen.insert((&c.source.id, c.claim.kind, &c.target.id)))
        .collect()
}

/// The JSON record of a camps split.
pub fn blocs_json(asked: Option<&str>, b: &Blocs<'_>, all: bool) -> BlocsOut {
    BlocsOut {
        question: asked.map(str::to_string),
        form: "blocs".into(),
        focus: b.focus.map(ActorRef::from),
        place: b.place.clone(),
        depth: b.depth,
        groups: b
            .components
            .iter()
            .map(|c| GroupOut {
                conflict: c.conflict.clone(),
                actors: c.len(),
                balance: round2(c.balance()),
                frustration: quarters(c.frustration),
                total: quarters(c.total),
                exact: c.exact,
                camps: c
                    .camps
                    .iter()
                    .map(|camp| {
                        camp.iter()
                            .map(|m| MemberOut {
                                actor: m.actor.into(),
                                strength: quarters(m.strength),
                                margin: quarters(m.margin),
                            })
                            .collect()
                    })
                    .collect(),
                contradictions: c
                    .contradictions
                    .iter()
                    .map(|t| TieOut {
                        a: t.a.into(),
                        b: t.b.into(),
                        weight: quarters(t.weight),
                        contradiction: if t.weight > 0 { "across" } else { "inside" }.into(),
                        links: t.links.iter().map(|l| link_json(l, all)).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The JSON record of a reply; `all` keeps every claim (`--why`), else the best.
pub fn reply_json(asked: &str, reply: &Reply<'_>, all: bool) -> ReplyOut {
    let form = reply.question.form().to_string();
    match &reply.response {
        Response::Rows(a) => ReplyOut::Rows(QueryOut {
            question: asked.into(),
            form,
            relation: a.kind.as_str().into(),
            subject: a.subject.into(),
            within: reply.question.place().map(str::to_string),
            answers: a.rows.iter().map(|r| row_json(r, a.subject, all)).collect(),
        }),
        Response::Verdict(v) => ReplyOut::Verdict(VerdictOut {
            question: asked.into(),
            form,
            relation: v.kind.as_str().into(),
            source: v.source.into(),
            target: v.target.into(),
            within: reply.question.place().map(str::to_string),
            holds: v.holds(),
            hedged: v.holds() && v.hedged(),
            documents: v.documents(),
            claims: per_pair(&v.claims, all)
                .into_iter()
                .map(ClaimOut::from)
                .collect(),
            others: per_pair(&v.others, all)
                .into_iter()
                .map(ClaimOut::from)
                .collect(),
        }),
        Response::Link(l) => ReplyOut::Linkage(LinkageOut {
            question: asked.into(),
            form,
            from: l.from.into(),
            to: l.to.into(),
            paths: l
                .paths
                .iter()
                .map(|p| PathOut {
                    sign: p.sign().as_str().into(),
                    hedged: p.hedged(),
                    hops: p
                        .hops
                        .iter()
                        .map(|h| HopOut {
                            from: h.from.into(),
                            to: h.to.into(),
                            sign: h.sign().as_str().into(),
                            links: h.links.iter().map(|l| link_json(l, all)).collect(),
                        })
                        .collect(),
                })
                .collect(),
        }),
        Response::About(a) => {
            let section = |kind: RelationKind, way: Way| -> Vec<AnswerOut> {
                a.sections
                    .iter()
                    .filter(|s| s.kind == kind && s.way == way)
                    .flat_map(|s| s.rows.iter().map(|r| row_json(r, a.subject, all)))
                    .collect()
            };
            ReplyOut::About(AboutOut {
                question: asked.into(),
                form,
                subject: a.subject.into(),
                affiliations: a
                    .serves
                    .iter()
                    .map(|(x, f)| AffiliationOut {
                        actor: (*x).into(),
                        role: f.role.clone(),
                        from: f.from.map(|d| d.to_string()),
                        until: f.until.map(|d| d.to_string()),
                    })
                    .collect(),
                affiliated: a.members.iter().map(|m| ActorRef::from(*m)).collect(),
                backed_by: section(RelationKind::Supports, Way::In),
                opposed_by: section(RelationKind::Opposes, Way::In),
                warned_by: section(RelationKind::Warns, Way::In),
                backs: section(RelationKind::Supports, Way::Out),
                opposes: section(RelationKind::Opposes, Way::Out),
                warns: section(RelationKind::Warns, Way::Out),
            })
        }
        Response::Blocs(b) => ReplyOut::Blocs(blocs_json(Some(asked), b, all)),
    }
}

/// `[2019-04..2020-10]`, `[2016..]`, the document date `[2020-01-19]` of an extracted
/// claim, or nothing for an undated claim.
fn dates(c: &Claim) -> String {
    match (c.from, c.until) {
        (None, None) => String::new(),
        (Some(d), None) if matches!(c.provenance, Provenance::Extracted(_)) => format!(" [{d}]"),
        (f, u) => format!(
            " [{}..{}]",
            f.map(|d| d.to_string()).unwrap_or_default(),
            u.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}

/// A claim's evidence line; a claim about other actors than `ends` names them first.
fn counted_line(c: &Counted<'_>, ends: (&str, &str)) -> String {
    let (a, b) = ends;
    let own = (c.source.id == a && c.target.id == b) || (c.source.id == b && c.target.id == a);
    let prefix = if own {
        String::new()
    } else {
        format!(
            "({} {} {}{}) ",
            c.source.name,
            c.claim.kind,
            c.target.name,
            if c.claim.hedged { ", hedged" } else { "" }
        )
    };
    format!("{prefix}{}{}", evidence_line(c.claim), dates(c.claim))
}

fn row_line(n: usize, r: &AnswerRow<'_>, subject: &Actor, form: &str) -> String {
    let way = match (form, r.way) {
        ("allies", Way::In) | ("enemies", Way::In) => format!(", {} it", r.kind),
        ("allies", Way::Out) => ", backed by it".into(),
        ("enemies", Way::Out) => ", opposed by it".into(),
        ("allies" | "enemies", Way::Both) => ", both ways".into(),
        _ => String::new(),
    };
    // a rolled-up row says what happened rather than whom it passed through
    let via = row_reads(r, subject)
        .map(|reads| format!(" — {reads}"))
        .unwrap_or_default();
    format!(
        "{:>2}. {} [{}]{}{} — {}, {}{}\n",
        n,
        r.actor.name,
        r.actor.kind,
        way,
        via,
        plural(r.claims.len(), "claim"),
        plural(r.documents, "source"),
        if r.hedged { ", hedged" } else { "" }
    )
}

fn rows_text(
    out: &mut String,
    rows: &[AnswerRow<'_>],
    subject: &Actor,
    form: &str,
    all: bool,
    indent: &str,
) {
    for (i, r) in rows.iter().enumerate() {
        out.push_str(indent);
        out.push_str(&row_line(i + 1, r, subject, form));
        for c in take(&r.claims, all) {
            out.push_str(&format!(
                "{indent}    {}\n",
                counted_line(c, (&r.actor.id, &subject.id))
            ));
        }
    }
}

fn link_text(out: &mut String, l: &Link<'_>, all: bool, indent: &str) {
    let (s, t) = l.ends();
    match l {
        Link::Relation(e) => {
            out.push_str(&format!(
                "{indent}{} {} {} — {}, {}{}\n",
                s.name,
                e.kind,
                t.name,
                plural(e.claims.len(), "claim"),
                plural(e.documents(), "source"),
                if e.hedged() { ", hedged" } else { "" }
            ));
            for c in take(&e.claims, all) {
                out.push_str(&format!("{indent}    {}{}\n", evidence_line(c), dates(c)));
            }
        }
        Link::Affiliation { role, .. } => {
            out.push_str(&format!("{indent}{} serves {}: {role}\n", s.name, t.name));
        }
    }
}

fn sign_words(sign: Sign) -> &'static str {
    match sign {
        Sign::Positive => "same side",
        Sign::Negative => "opposite sides",
        Sign::Mixed => "mixed",
    }
}

/// Wraps a list of names at about 88 columns.
fn wrap(items: &[String], indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        if !line.is_empty() && indent.len() + line.len() + 1 + piece.len() > 88 {
            out.push_str(&format!("{indent}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        out.push_str(&format!("{indent}{line}\n"));
    }
    out
}

/// Camps as text; `all` adds every claim behind the contradicting ties.
pub fn blocs_text(b: &Blocs<'_>, all: bool) -> String {
    let mut out = match (b.focus, &b.place) {
        (Some(f), _) => format!(
            "camps around {} ({}), {} deep: {}\n",
            f.name,
            f.id,
            plural(b.depth, "tie"),
            plural(b.components.len(), "group")
        ),
        (None, Some(place)) => format!(
            "camps in {place}, {} deep: {}\n",
            plural(b.depth, "tie"),
            plural(b.components.len(), "group")
        ),
        (None, None) if b.components.iter().any(|c| c.conflict.is_some()) => format!(
            "camps per conflict: {}\n",
            plural(b.components.len(), "group")
        ),
        (None, None) => format!("camps: {}\n", plural(b.components.len(), "group")),
    };
    for (g, c) in b.components.iter().enumerate() {
        let conflict = match (&c.conflict, &b.place) {
            (Some(name), _) => format!(" ({name})"),
            (None, None) if b.components.iter().any(|c| c.conflict.is_some()) => {
                " (claims of no conflict)".to_string()
            }
            _ => String::new(),
        };
        out.push_str(&format!(
            "group {}{conflict}: {}, balance {:.2} (frustration {} of {}; {})\n",
            g + 1,
            plural(c.len(), "actor"),
            c.balance(),
            quarters(c.frustration),
            quarters(c.total),
            if c.exact { "optimal" } else { "best found" }
        ));
        let mut either = false;
        for (i, camp) in c.camps.iter().enumerate() {
            if camp.is_empty() {
                continue;
            }
            let names: Vec<String> = camp
                .iter()
                .map(|m| {
                    if m.margin <= 0 {
                        either = true;
                        format!("{}*", m.actor.name)
                    } else {
                        m.actor.name.clone()
                    }
                })
                .collect();
            out.push_str(&format!("  camp {} ({}):\n", i + 1, camp.len()));
            out.push_str(&wrap(&names, "    "));
        }
        if either {
            out.push_str("  * could sit in either camp\n");
        }
        if !c.contradictions.is_empty() {
            out.push_str(&format!(
                "  ties against the split ({}):\n",
                c.contradictions.len()
            ));
            for t in &c.contradictions {
                out.push_str(&format!(
                    "    {} — {}: {} {}\n",
                    t.a.name,
                    t.b.name,
                    if t.weight > 0 { "positive" } else { "negative" },
                    if t.weight > 0 {
                        "tie across camps"
                    } else {
                        "tie inside a camp"
                    }
                ));
                for l in &t.links {
                    link_text(&mut out, l, all, "      ");
                }
            }
        }
    }
    out
}

/// A reply as text for a terminal; `all` prints every claim (`--why`), else the best.
pub fn reply_text(reply: &Reply<'_>, all: bool) -> String {
    let form = reply.question.form();
    let within = reply
        .question
        .place()
        .map_or(String::new(), |p| format!(" in {p}"));
    let mut out = String::new();
    match &reply.response {
        Response::Rows(a) => {
            let s = a.subject;
            let n = plural(a.rows.len(), "answer");
            out.push_str(&match form {
                "what" => format!("what {} ({}) {}{within}: {n}\n", s.name, s.id, a.kind),
                "allies" => format!(
                    "allies of {} ({}){within} — who supports it or whom it supports: {n}\n",
                    s.name, s.id
                ),
                "enemies" => format!(
                    "enemies of {} ({}){within} — who opposes it or whom it opposes: {n}\n",
                    s.name, s.id
                ),
                _ => format!("who {} {} ({}){within}: {n}\n", a.kind, s.name, s.id),
            });
            rows_text(&mut out, &a.rows, s, form, all, "");
        }
        Response::Verdict(v) => {
            let head = format!(
                "does {} {} {}{within}?",
                v.source.name,
                v.kind.as_str().trim_end_matches('s'),
                v.target.name
            );
            if v.holds() {
                out.push_str(&format!(
                    "{head} {} — {}, {}\n",
                    if v.hedged() {
                        "yes, but only hedged"
                    } else {
                        "yes"
                    },
                    plural(v.claims.len(), "claim"),
                    plural(v.documents(), "source")
                ));
                for c in per_pair(&v.claims, all) {
                    out.push_str(&format!(
                        "    {}\n",
                        counted_line(c, (&v.source.id, &v.target.id))
                    ));
                }
            } else {
                out.push_str(&format!(
                    "{head} no claim that {} {} {}\n",
                    v.source.name, v.kind, v.target.name
                ));
            }
            if !v.others.is_empty() {
                out.push_str("  other relations between them:\n");
                for c in per_pair(&v.others, all) {
                    out.push_str(&format!(
                        "    {} {} {}{}: {}{}\n",
                        c.source.name,
                        c.claim.kind,
                        c.target.name,
                        if c.claim.hedged { " (hedged)" } else { "" },
                        evidence_line(c.claim),
                        dates(c.claim)
                    ));
                }
            }
        }
        Response::Link(l) => {
            out.push_str(&format!(
                "how {} ({}) is linked to {} ({}): {}\n",
                l.from.name,
                l.from.id,
                l.to.name,
                l.to.id,
                plural(l.paths.len(), "path")
            ));
            for (i, p) in l.paths.iter().enumerate() {
                let mut line = p
                    .hops
                    .first()
                    .map_or(String::new(), |h| h.from.name.clone());
                for h in &p.hops {
                    let arrow = match h.links.first() {
                        Some(link) => {
                            let (s, _) = link.ends();
                            if s.id == h.from.id {
                                format!(" -{}-> ", link.relation())
                            } else {
                                format!(" <-{}- ", link.relation())
                            }
                        }
                        None => " - ".into(),
                    };
                    line.push_str(&arrow);
                    line.push_str(&h.to.name);
                }
                out.push_str(&format!(
                    "{:>2}. {line} — {}{}\n",
                    i + 1,
                    sign_words(p.sign()),
                    if p.hedged() { ", hedged" } else { "" }
                ));
                for h in &p.hops {
                    for link in &h.links {
                        link_text(&mut out, link, all, "    ");
                    }
                }
            }
        }
        Response::About(a) => {
            let s = a.subject;
            out.push_str(&format!("{} ({}) [{}]\n", s.name, s.id, s.kind));
            for (other, f) in &a.serves {
                let mut when = String::new();
                if let Some(d) = f.from {
                    when.push_str(&format!(" from {d}"));
                }
                if let Some(d) = f.until {
                    when.push_str(&format!(" until {d}"));
                }
                out.push_str(&format!("  {} of {}{}\n", f.role, other.name, when));
            }
            if !a.members.is_empty() {
                let names: Vec<String> = a.members.iter().map(|m| m.name.clone()).collect();
                out.push_str("  affiliated:\n");
                out.push_str(&wrap(&names, "    "));
            }
            for sec in &a.sections {
                let title = match (sec.kind, sec.way) {
                    (RelationKind::Supports, Way::In) => "backed by",
                    (RelationKind::Opposes, Way::In) => "opposed by",
                    (RelationKind::Warns, Way::In) => "warned by",
                    (RelationKind::Supports, _) => "backs",
                    (RelationKind::Opposes, _) => "opposes",
                    (RelationKind::Warns, _) => "warns",
                };
                if sec.rows.is_empty() {
                    out.push_str(&format!("  {title}: none\n"));
                    continue;
                }
                out.push_str(&format!("  {title}: {}\n", sec.rows.len()));
                if all {
                    rows_text(&mut out, &sec.rows, s, "", true, "  ");
                } else {
                    for (i, r) in sec.rows.iter().enumerate() {
                        out.push_str("  ");
                        out.push_str(&row_line(i + 1, r, s, ""));
                    }
                }
            }
        }
        Response::Blocs(b) => out.push_str(&blocs_text(b, all)),
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
