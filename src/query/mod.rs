//! Answers: what in the graph answers a question?
//!
//! [`ask`] takes a parsed [`Question`] (see [`crate::query::question`]) and [`Options`] and returns
//! a [`Response`]: ranked rows (who, what, allies, enemies), a verdict (does X back Y),
//! paths (how is X linked to Y), a profile (what do we know about X) or camps.
//!
//! **Roll-up.** Answers follow affiliations, each rolled-up claim showing the actor it
//! passed through ("via"):
//! - a person's claims count for the actor the person serves, while serving: a defence
//!   minister's warning counts for his state;
//! - claims about a group (not a state or an organisation) count for the person who leads
//!   it: a claim about the Libyan National Army counts for its commander, Khalifa Haftar.
//!
//! **Ranking.** Rows are ranked by distinct documents (a citation counts as one), then
//! claims, then confidence; rows resting only on hedged claims come after confirmed ones.

pub mod blocs;
pub mod filter;
pub mod names;
pub mod paths;
pub mod question;
pub mod report;
pub mod signed;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::graph::place::Place;
use crate::graph::time::Window;
use crate::graph::{ClaimRef, Direction, KnowledgeGraph};
use crate::model::{Actor, ActorKind, Affiliation, Claim, Provenance, RelationKind};
use crate::query::blocs::Blocs;
use crate::query::paths::Linkage;
use crate::text::normalize::fold;

pub use crate::query::filter::Options;
pub use crate::query::question::{parse, parse_with, Question, FORMS};

/// Which way an answer's claims run relative to the actor asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Way {
    /// The answering actor acts on the subject ("who backs X").
    In,
    /// The subject acts on the answering actor ("what does X back").
    Out,
    /// Both ("allies of X": backs X and is backed by X).
    Both,
}

impl Way {
    /// `in`, `out` or `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            Way::In => "in",
            Way::Out => "out",
            Way::Both => "both",
        }
    }

    fn add(self, other: Way) -> Way {
        if self == other {
            self
        } else {
            Way::Both
        }
    }
}

/// A claim counted for an answer, with the actors it is actually about.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'g> {
    /// The claim.
    pub claim: &'g Claim,
    /// Its source actor.
    pub source: &'g Actor,
    /// Its target actor.
    pub target: &'g Actor,
}

/// One actor in an answer.
#[derive(Debug, Clone)]
pub struct AnswerRow<'g> {
    /// The actor that answers the question.
    pub actor: &'g Actor,
    /// The relation.
    pub kind: RelationKind,
    /// Which way the claims run relative to the subject.
    pub way: Way,
    /// Affiliated actors some claims passed through (rolled up), ordered by id.
    pub via: Vec<&'g Actor>,
    /// Some claim links the answering actor and the subject themselves.
    pub direct: bool,
    /// Claims behind the answer, best evidence first.
    pub claims: Vec<Counted<'g>>,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
    /// The highest claim confidence.
    pub confidence: f64,
}

/// An affiliation that made a claim count for an answer: `member` serves or leads `of`
/// as `role` (the role as curated, up to its first `;`, `,` or `(`).
#[derive(Debug, Clone, Copy)]
pub struct Through<'g> {
    /// The person.
    pub member: &'g Actor,
    /// The role, shortened.
    pub role: &'g str,
    /// The actor served or led.
    pub of: &'g Actor,
}

/// What happened, for a row that rests on rolled-up claims: one (source, relation,
/// target) of its claims, and the affiliations that tie the ends to the row's actor and
/// to the subject.
#[derive(Debug, Clone)]
pub struct Happened<'g> {
    /// The acting actor.
    pub source: &'g Actor,
    /// The relation.
    pub kind: RelationKind,
    /// The actor acted upon.
    pub target: &'g Actor,
    /// How the ends other than the row's actor and the subject stand for them.
    pub through: Vec<Through<'g>>,
}

impl<'g> AnswerRow<'g> {
    /// The distinct (source, relation, target) of the row's claims, best evidence first,
    /// each with the affiliations that made it count ("Mohamed Hamdan Dagalo, commander
    /// of the RSF"). Empty for a row whose claims are all about the two actors themselves.
    pub fn happened(&self, subject: &'g Actor) -> Vec<Happened<'g>> {
        if self.via.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Happened<'g>> = Vec::new();
        for c in &self.claims {
            if out.iter().any(|h| {
                h.source.id == c.source.id && h.kind == c.claim.kind && h.target.id == c.target.id
            }) {
                continue;
            }
            // one end stands for the row's actor, the other for the subject: the source
            // for the row unless only the other reading ties both ends
            let stand = |end: &'g Actor, side: &'g Actor| -> Option<Option<Through<'g>>> {
                if end.id == side.id {
                    Some(None)
                } else {
                    tie(end, side, c.claim).map(Some)
                }
            };
            let readings = [
                (stand(c.source, self.actor), stand(c.target, subject)),
                (stand(c.source, subject), stand(c.target, self.actor)),
            ];
            let (a, b) = readings
                .iter()
                .find(|(a, b)| a.is_some() && b.is_some())
                .copied()
                .unwrap_or(readings[0]);
            let through: Vec<Through<'g>> = [a, b].into_iter().flatten().flatten().collect();
            out.push(Happened {
                source: c.source,
                kind: c.claim.kind,
                target: c.target,
                through,
            });
        }
        out
    }
}

/// The affiliation between `a` and `b` (a person serving or leading the other) that best
/// fits `claim`: one that held while the claim did, else the first listed.
fn tie<'g>(a: &'g Actor, b: &'g Actor, claim: &Claim) -> Option<Through<'g>> {
    let fits = |f: &Affiliation| Window::all().affiliation_applies(f, claim);
    let pick = |member: &'g Actor, of: &'g Actor| -> Option<Through<'g>> {
        if member.kind != ActorKind::Person {
            return None;
        }
        let list: Vec<&'g Affiliation> = member
            .affiliations
            .iter()
            .filter(|f| f.actor == of.id)
            .collect();
        let f = list
            .iter()
            .find(|f| fits(f))
            .or_else(|| list.first())
            .copied()?;
        Some(Through {
            member,
            role: role_head(&f.role),
            of,
        })
    };
    pick(a, b).or_else(|| pick(b, a))
}

/// A curated role up to its first `;`, `,` or `(`: "commander; led Operation Dignity…"
/// is "commander".
pub fn role_head(role: &str) -> &str {
    role.split([';', '(', ',']).next().unwrap_or(role).trim()
}

/// A ranked answer: the actor asked about and the rows, strongest first.
#[derive(Debug, Clone)]
pub struct Answer<'g> {
    /// The question.
    pub question: Question,
    /// The actor the question names.
    pub subject: &'g Actor,
    /// The relation asked about (`supports` for allies, `opposes` for enemies).
    pub kind: RelationKind,
    /// The rows, strongest first.
    pub rows: Vec<AnswerRow<'g>>,
}

/// The answer to "does X back Y?".
#[derive(Debug, Clone)]
pub struct Verdict<'g> {
    /// The acting actor.
    pub source: &'g Actor,
    /// The relation asked about.
    pub kind: RelationKind,
    /// The actor acted upon.
    pub target: &'g Actor,
    /// Claims that the relation holds, best first (rolled up through affiliations).
    pub claims: Vec<Counted<'g>>,
    /// Other relations between the two, either way.
    pub others: Vec<Counted<'g>>,
}

impl Verdict<'_> {
    /// Some claim says the relation holds.
    pub fn holds(&self) -> bool {
        !self.claims.is_empty()
    }

    /// Every claim that it holds is hedged.
    pub fn hedged(&self) -> bool {
        self.claims.iter().all(|c| c.claim.hedged)
    }

    /// Distinct documents and citations among the claims that it holds.
    pub fn documents(&self) -> usize {
        sources(&self.claims)
    }
}

/// One part of a profile: one relation, one way.
#[derive(Debug, Clone)]
pub struct Section<'g> {
    /// The relation.
    pub kind: RelationKind,
    /// `In`: who does it to the subject; `Out`: to whom the subject does it.
    pub way: Way,
    /// The rows, strongest first.
    pub rows: Vec<AnswerRow<'g>>,
}

/// Everything known about an actor: six ranked lists.
#[derive(Debug, Clone)]
pub struct About<'g> {
    /// The actor.
    pub subject: &'g Actor,
    /// Whom the actor serves or belongs to, with the affiliation.
    pub serves: Vec<(&'g Actor, &'g Affiliation)>,
    /// Who serves or belongs to the actor, ordered by id.
    pub members: Vec<&'g Actor>,
    /// Backed by, opposed by, warned by, backs, opposes, warns — in that order.
    pub sections: Vec<Section<'g>>,
}

/// What a question gets.
#[derive(Debug, Clone)]
pub enum Response<'g> {
    /// Who / what / allies / enemies.
    Rows(Answer<'g>),
    /// Does X relate to Y.
    Verdict(Verdict<'g>),
    /// How X is linked to Y.
    Link(Linkage<'g>),
    /// What we know about X.
    About(About<'g>),
    /// Which camps.
    Blocs(Blocs<'g>),
}

impl Response<'_> {
    /// Whether there is something to show (exit status 0 rather than 1).
    pub fn found(&self) -> bool {
        match self {
            Response::Rows(a) => !a.rows.is_empty(),
            Response::Verdict(v) => v.holds(),
            Response::Link(l) => !l.paths.is_empty(),
            Response::About(a) => a.sections.iter().any(|s| !s.rows.is_empty()),
            Response::Blocs(b) => !b.components.is_empty(),
        }
    }
}

/// A response with the notes made while answering (names read as another actor).
#[derive(Debug, Clone)]
pub struct Reply<'g> {
    /// The question answered.
    pub question: Question,
    /// The answer.
    pub response: Response<'g>,
    /// Remarks for the user, such as `"Hafter" read as Khalifa Haftar (khalifa-haftar)`.
    pub notes: Vec<String>,
}

/// One relation a reply rests on, whatever the question's form: who did what to whom,
/// whether only hedged claims say so, and the claims with their evidence.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Finding<'g> {
    /// The acting actor.
    pub source: &'g Actor,
    /// The relation.
    pub relation: RelationKind,
    /// The actor acted upon.
    pub target: &'g Actor,
    /// Every claim behind it is hedged (suspected, alleged, reported).
    pub hedged: bool,
    /// The claims behind it, best evidence first. A claim may be about an actor
    /// affiliated with an end (a minister for the state) when the answer rolls it up.
    pub claims: Vec<&'g Claim>,
}

impl<'g> Finding<'g> {
    /// The evidence of each claim, best first: the sentence it was read in, or the
    /// citation of a curated fact.
    pub fn evidence(&self) -> impl Iterator<Item = &'g str> + '_ {
        self.claims.iter().map(|c| c.evidence_text())
    }
}

impl<'g> Reply<'g> {
    /// The relations the reply rests on, in the reply's order (strongest rows first): a
    /// row of "who backs X" is one finding, "allies of X" gives one per direction, a
    /// verdict that holds gives one, a link gives each relation on its paths once, a
    /// profile gives its sections' rows. Camps ([`Response::Blocs`]) are a split, not
    /// relations, and give none.
    pub fn findings(&self) -> Vec<Finding<'g>> {
        let mut out = Vec::new();
        match &self.response {
            Response::Rows(a) => {
                for row in &a.rows {
                    row_findings(row, a.subject, &mut out);
                }
            }
            Response::About(about) => {
                for section in &about.sections {
                    for row in &section.rows {
                        row_findings(row, about.subject, &mut out);
                    }
                }
            }
            Response::Verdict(v) => {
                if v.holds() {
                    out.push(Finding {
                        source: v.source,
                        relation: v.kind,
                        target: v.target,
                        hedged: v.hedged(),
                        claims: v.claims.iter().map(|c| c.claim).collect(),
                    });
                }
            }
            Response::Link(link) => {
                for hop in link.paths.iter().flat_map(|p| &p.hops) {
                    for l in &hop.links {
                        let crate::query::signed::Link::Relation(e) = l else {
                            continue;
                        };
                        if out.iter().any(|f: &Finding<'g>| {
                            f.source.id == e.source.id
                                && f.relation == e.kind
                                && f.target.id == e.target.id
                        }) {
                            continue;
                        }
                        out.push(Finding {
                            source: e.source,
                            relation: e.kind,
                            target: e.target,
                            hedged: e.hedged(),
                            claims: e.claims.clone(),
                        });
                    }
                }
            }
            Response::Blocs(_) => {}
        }
        out
    }
}

/// The findings of one answer row about `subject`: the row's actor acting on the subject
/// (`Way::In`), the subject acting on it (`Way::Out`), or both, each with its claims.
fn row_findings<'g>(row: &AnswerRow<'g>, subject: &'g Actor, out: &mut Vec<Finding<'g>>) {
    // a claim runs out of the subject when the subject's side is its source
    let outward = |c: &Counted<'g>| match row.way {
        Way::In => false,
        Way::Out => true,
        Way::Both => c.source.id == subject.id || c.target.id == row.actor.id,
    };
    for out_of_subject in [false, true] {
        let claims: Vec<&'g Claim> = row
            .claims
            .iter()
            .filter(|c| outward(c) == out_of_subject)
            .map(|c| c.claim)
            .collect();
        if claims.is_empty() {
            continue;
        }
        let (source, target) = if out_of_subject {
            (subject, row.actor)
        } else {
            (row.actor, subject)
        };
        out.push(Finding {
            source,
            relation: row.kind,
            target,
            hedged: claims.iter().all(|c| c.hedged),
            claims,
        });
    }
}

/// Parses a question, using the graph's names to choose between readings.
///
/// # Errors
/// [`Error::Question`] listing the known forms when the question does not fit one.
pub fn parse_in(graph: &KnowledgeGraph, question: &str) -> Result<Question> {
    let rules = crate::query::names::Rules::embedded();
    parse_with(question, &|n| {
        !graph.lookup(n).is_empty()
            || rules.office(graph, n, &Window::all()).is_some()
            || crate::graph::place::is_conflict(graph, n)
    })
}

/// Resolves a name as [`resolve_at`] does with no date, a capital meaning its state (as a
/// focus does: "camps in Tripoli" are Libya's).
///
/// # Errors
/// [`Error::UnknownActor`] with suggestions when nothing is close enough.
pub fn resolve<'g>(graph: &'g KnowledgeGraph, name: &str) -> Result<(&'g Actor, Option<String>)> {
    resolve_with(graph, name, &Window::all(), false)
}

/// Resolves a name an analyst uses, at the window's date (`--as-of`; now without one):
/// - exactly (names, aliases, acronyms, demonyms, ids); a capital as its state, or, when
///   the state has no relation of its own, as its government then ("Tripoli": the
///   Government of National Unity now, the Government of National Accord in 2018), see
///   [`crate::query::names`];
/// - a state with an office ("the Libyan government", "the Sudanese army", "the Syrian
///   president"): who held it then; this also overrides an exact name of a former holder
///   when the window has a date ("the Syrian government" `--as-of 2025`);
/// - "X's forces", then the surname of a single person, then a small typo when a single
///   actor is that close.
///
/// Returns the actor and, when the name was not exact, a note saying how it was read.
///
/// # Errors
/// [`Error::UnknownActor`] with suggestions when nothing is close enough: actors of the
/// state and office the name speaks of first, then names spelt alike.
pub fn resolve_at<'g>(
    graph: &'g KnowledgeGraph,
    name: &str,
    window: &Window,
) -> Result<(&'g Actor, Option<String>)> {
    resolve_with(graph, name, window, true)
}

fn resolve_with<'g>(
    graph: &'g KnowledgeGraph,
    name: &str,
    window: &Window,
    seats: bool,
) -> Result<(&'g Actor, Option<String>)> {
    let rules = crate::query::names::Rules::embedded();
    let read = |r: crate::query::names::Reading<'g>| {
        let note = format!(
            "\"{}\" read as {} ({}): {}",
            name.trim(),
            r.actor.name,
            r.actor.id,
            r.why
        );
        Ok((r.actor, Some(note)))
    };
    if seats {
        if let Some(r) = rules.seat(graph, name, window) {
            return read(r);
        }
    }
    let office = rules.office(graph, name, window);
    let exact = graph.resolve(name);
    if let Ok(a) = exact {
        // a former holder's own name gives way to the holder at the date asked about
        match office {
            Some(r) if !window.is_unbounded() && r.actor.id != a.id && !in_office(a, window) => {
                return read(r)
            }
            _ => return Ok((a, None)),
        }
    }
    if let Some(r) = office {
        return read(r);
    }
    let note = |a: &Actor| format!("\"{}\" read as {} ({})", name.trim(), a.name, a.id);
    let key = fold(name);
    let key = key.strip_prefix("the ").unwrap_or(&key).to_string();
    // "Haftar's forces", "forces of Haftar": the forces stand for their leader
    for suffix in [
        "'s forces",
        "'s troops",
        "'s fighters",
        "'s militias",
        "'s men",
    ] {
        if let Some(rest) = key.strip_suffix(suffix) {
            if let Some(a) = graph.lookup(rest).into_iter().next() {
                return Ok((a, Some(note(a))));
            }
        }
    }
    for prefix in ["forces of ", "troops of ", "fighters of "] {
        if let Some(rest) = key.strip_prefix(prefix) {
            if let Some(a) = graph.lookup(rest).into_iter().next() {
                return Ok((a, Some(note(a))));
            }
        }
    }
    // a surname alone ("Akar"): the one person whose name ends with it
    let people: Vec<&Actor> = graph
        .actors()
        .iter()
        .filter(|a| {
            a.kind == ActorKind::Person
                && fold(&a.name)
                    .rsplit(' ')
                    .next()
                    .is_some_and(|last| last == key && last.len() >= 4)
        })
        .collect();
    if let [a] = people.as_slice() {
        return Ok((a, Some(note(a))));
    }
    let len = key.chars().count();
    if len >= 5 {
        let allowed = if len >= 9 { 2 } else { 1 };
        let mut best = usize::MAX;
        let mut found: BTreeSet<&str> = BTreeSet::new();
        for a in graph.actors() {
            for (n, _) in a.names() {
                let d = strsim::osa_distance(&key, &fold(n));
                if d > allowed {
                    continue;
                }
                if d < best {
                    best = d;
                    found.clear();
                }
                if d == best {
                    found.insert(&a.id);
                }
            }
        }
        if found.len() == 1 {
            if let Some(a) = found.first().and_then(|id| graph.actor(id)) {
                return Ok((a, Some(note(a))));
            }
        }
    }
    match exact {
        Err(Error::UnknownActor { name: given, .. }) => Err(Error::UnknownActor {
            name: given,
            suggestions: rules.suggest(graph, name, window),
        }),
        other => other.map(|a| (a, None)),
    }
}

/// The place a name speaks of ([`crate::graph::place`]): the actor it resolves to as a focus
/// does (a capital means its state), and the named conflicts it labels or is part of
/// ("Sahel", "the Red Sea", "Sudan"). A name that is only a conflict is not read as a
/// near actor.
///
/// # Errors
/// [`Error::UnknownActor`] with suggestions when the name is neither.
pub fn place(
    graph: &KnowledgeGraph,
    name: &str,
    window: &Window,
) -> Result<(Place, Option<String>)> {
    let (actor, note) = if crate::graph::place::is_conflict(graph, name) {
        (graph.resolve(name).ok(), None)
    } else {
        let (a, note) = resolve_with(graph, name, window, false)?;
        (Some(a), note)
    };
    match Place::new(graph, name, actor) {
        Some(p) => Ok((p, note)),
        None => Err(Error::UnknownActor {
            name: name.to_string(),
            suggestions: Vec::new(),
        }),
    }
}

/// Does any of the actor's affiliations hold in the window?
fn in_office(a: &Actor, window: &Window) -> bool {
    a.affiliations.iter().any(|f| window.holds(f))
}

/// Answers a list question (who, what, allies, enemies) with default options.
///
/// # Errors
/// [`Error::UnknownActor`] when a name matches no actor; [`Error::Question`] for a
/// question that is not a list (use [`ask`]).
pub fn answer<'g>(graph: &'g KnowledgeGraph, question: &Question) -> Result<Answer<'g>> {
    match ask(graph, question, &Options::default())?.response {
        Response::Rows(a) => Ok(a),
        _ => Err(Error::Question {
            question: question.form().to_string(),
            message: "this form has no ranked rows: use query::ask or KnowledgeGraph::answer, which answer every form".into(),
        }),
    }
}

/// Answers any question.
///
/// ```
/// use geokg::query::{ask, parse, Options, Response};
/// let graph = geokg::default_graph().expect("embedded data");
/// let q = parse("does Egypt back Haftar?").unwrap();
/// let reply = ask(&graph, &q, &Options::default()).unwrap();
/// let Response::Verdict(v) = reply.response else { panic!() };
/// assert!(v.holds() && !v.hedged());
/// ```
///
/// # Errors
/// [`Error::UnknownActor`] when a name matches no actor, [`Error::Usage`] when the time
/// bounds contradict each other.
pub fn ask<'g>(
    graph: &'g KnowledgeGraph,
    question: &Question,
    options: &Options,
) -> Result<Reply<'g>> {
    options.window.check()?;
    let mut notes = Vec::new();
    let mut find = |name: &str| -> Result<&'g Actor> {
        let (a, note) = resolve_at(graph, name, &options.window)?;
        notes.extend(note);
        Ok(a)
    };
    let rows = |subject: &'g Actor, kind: RelationKind, ways: &[Direction]| Answer {
        question: question.clone(),
        subject,
        kind,
        rows: collect(graph, subject, kind, ways, options),
    };
    let response = match question {
        Question::Who { kind, target } => {
            Response::Rows(rows(find(target)?, *kind, &[Direction::Incoming]))
        }
        Question::What { source, kind } => {
            Response::Rows(rows(find(source)?, *kind, &[Direction::Outgoing]))
        }
        Question::Allies { actor } => Response::Rows(rows(
            find(actor)?,
            RelationKind::Supports,
            &[Direction::Incoming, Direction::Outgoing],
        )),
        Question::Enemies { actor } => Response::Rows(rows(
            find(actor)?,
            RelationKind::Opposes,
            &[Direction::Incoming, Direction::Outgoing],
        )),
        Question::Does {
            source,
            kind,
            target,
        } => {
            let s = find(source)?;
            let t = find(target)?;
            Response::Verdict(verdict(graph, s, *kind, t, options))
        }
        Question::Link { from, to } => {
            let a = find(from)?;
            let b = find(to)?;
            Response::Link(crate::query::paths::link(graph, a, b, options))
        }
        Question::About { actor } => {
            let subject = find(actor)?;
            let mut sections = Vec::new();
            for (way, dir) in [
                (Way::In, Direction::Incoming),
                (Way::Out, Direction::Outgoing),
            ] {
                for kind in RelationKind::ALL {
                    sections.push(Section {
                        kind,
                        way,
                        rows: collect(graph, subject, kind, &[dir], options),
                    });
                }
            }
            let serves = subject
                .affiliations
                .iter()
                .filter_map(|f| graph.actor(&f.actor).map(|a| (a, f)))
                .collect();
            Response::About(About {
                subject,
                serves,
                members: graph.members(&subject.id),
                sections,
            })
        }
        Question::Blocs { focus } => {
            let focus = match focus {
                Some(name) => {
                    let (p, note) = place(graph, name, &options.window)?;
                    notes.extend(note);
                    Some(p)
                }
                None => None,
            };
            Response::Blocs(crate::query::blocs::blocs(graph, focus.as_ref(), options))
        }
        Question::Within {
            question: inner,
            place: name,
        } => {
            let (p, note) = place(graph, name, &options.window)?;
            notes.extend(note);
            let options = Options {
                within: Some(p),
                ..options.clone()
            };
            let reply = ask(graph, inner, &options)?;
            notes.extend(reply.notes);
            reply.response
        }
    };
    Ok(Reply {
        question: question.clone(),
        response,
        notes,
    })
}

/// An actor whose claims count for the subject, and the affiliations that make it so.
struct Proxy<'g> {
    actor: &'g Actor,
    affiliations: Vec<&'g Affiliation>,
}

/// The subject and the actors whose claims count for it: persons who serve it, and the
/// groups it leads.
fn subject_side<'g>(
    graph: &'g KnowledgeGraph,
    subject: &'g Actor,
    options: &Options,
) -> Vec<Proxy<'g>> {
    let mut out = vec![Proxy {
        actor: subject,
        affiliations: Vec::new(),
    }];
    if !options.rollup {
        return out;
    }
    for m in graph.members(&subject.id) {
        if m.kind == ActorKind::Person {
            out.push(Proxy {
                actor: m,
                affiliations: m
                    .affiliations
                    .iter()
                    .filter(|f| f.actor == subject.id)
                    .collect(),
            });
        }
    }
    if subject.kind == ActorKind::Person {
        let mut groups: BTreeMap<&str, Proxy<'g>> = BTreeMap::new();
        for f in &subject.affiliations {
            let Some(g) = graph.actor(&f.actor) else {
                continue;
            };
            if matches!(
                g.kind,
                ActorKind::State | ActorKind::InternationalOrganisation
            ) || !f.kind.heads()
            {
                continue;
            }
            groups
                .entry(&g.id)
                .or_insert_with(|| Proxy {
                    actor: g,
                    affiliations: Vec::new(),
                })
                .affiliations
                .push(f);
        }
        for (_, p) in groups {
            if !out.iter().any(|x| x.actor.id == p.actor.id) {
                out.push(p);
            }
        }
    }
    out
}

impl Proxy<'_> {
    /// Does the affiliation hold for this claim? The subject itself always does.
    fn counts(&self, claim: &Claim, options: &Options) -> bool {
        self.affiliations.is_empty()
            || self
                .affiliations
                .iter()
                .any(|f| options.window.affiliation_applies(f, claim))
    }
}

/// Orders claims best evidence first: confirmed, confident, curated, then by document and
/// text.
fn claim_order(a: &Counted<'_>, b: &Counted<'_>) -> std::cmp::Ordering {
    let curated = |c: &Claim| matches!(c.provenance, Provenance::Curated { .. });
    let (x, y) = (a.claim, b.claim);
    x.hedged
        .cmp(&y.hedged)
        .then(y.confidence.total_cmp(&x.confidence))
        .then(curated(y).cmp(&curated(x)))
        .then(x.doc().cmp(&y.doc()))
        .then(x.evidence_text().cmp(y.evidence_text()))
        .then(a.source.id.cmp(&b.source.id))
        .then(a.target.id.cmp(&b.target.id))
}

/// Distinct documents and citations.
fn sources(claims: &[Counted<'_>]) -> usize {
    let list: Vec<&Claim> = claims.iter().map(|c| c.claim).collect();
    crate::graph::count_sources(&list)
}

/// A claim counted for a row: the claim and the (source, target) of its edge.
type Item = (ClaimRef, usize, usize);

/// A row while it is gathered.
struct Gathered {
    actor: usize,
    way: Way,
    /// How many items it has.
    count: usize,
    /// The (source, target) of the first claim's edge, and whether claims came from
    /// another edge too: the claims of one edge arrive in order already.
    edge: (usize, usize),
    mixed: bool,
}

/// The ranked rows for `kind` at `subject`, in the given directions.
///
/// Works on indices: each claim is looked at once per side, rows are found by actor
/// index, and a row fed by a single edge keeps the order the graph already ranked it in.
fn collect<'g>(
    graph: &'g KnowledgeGraph,
    subject: &'g Actor,
    kind: RelationKind,
    ways: &[Direction],
    options: &Options,
) -> Vec<AnswerRow<'g>> {
    let actors = graph.actors();
    let claims = graph.claims();
    let side = subject_side(graph, subject, options);
    let side_idx: Vec<Option<usize>> = side.iter().map(|p| graph.index(&p.actor.id)).collect();
    let on_side = |i: usize| side_idx.contains(&Some(i));
    let Some(subject_idx) = graph.index(&subject.id) else {
        return Vec::new();
    };
    // without filters every claim counts, and none needs reading
    let filtered = !options.hedged || !options.window.is_unbounded() || options.within.is_some();
    // row index per actor index, filled on first use
    let mut row_of: Vec<usize> = vec![usize::MAX; actors.len()];
    let mut rows: Vec<Gathered> = Vec::new();
    // every (row, item) in the order found: one list rather than one per row
    let mut items: Vec<(usize, Item)> = Vec::new();
    let mut add = |actor: usize, way: Way, item: Item| {
        let r = if row_of[actor] == usize::MAX {
            row_of[actor] = rows.len();
            rows.push(Gathered {
                actor,
                way,
                count: 0,
                edge: (item.1, item.2),
                mixed: false,
            });
            rows.len() - 1
        } else {
            row_of[actor]
        };
        let row = &mut rows[r];
        row.way = row.way.add(way);
        row.mixed |= row.edge != (item.1, item.2);
        row.count += 1;
        items.push((r, item));
    };
    for (k, (proxy, &proxy_idx)) in side.iter().zip(&side_idx).enumerate() {
        // an actor twice on the side (affiliated with itself) is read once
        let Some(proxy_idx) = proxy_idx.filter(|&p| !side_idx[..k].contains(&Some(p))) else {
            continue;
        };
        let checked = filtered || !proxy.affiliations.is_empty();
        for &dir in ways {
            let way = match dir {
                Direction::Incoming => Way::In,
                Direction::Outgoing => Way::Out,
            };
            for edge in graph.raw_edges(proxy_idx, dir, kind) {
                let other = match dir {
                    Direction::Incoming => edge.source,
                    Direction::Outgoing => edge.target,
                };
                // A claim reaches this point once: its edge has one end on the side,
                // the other off it. So a claim is added once per row, and the rows it
                // rolls up to are distinct from `other` and from each other.
                if on_side(other) {
                    continue;
                }
                let person = options.rollup && actors[other].kind == ActorKind::Person;
                // whom `other` served, the same for every undated claim without a window
                let mut undated: Option<Vec<usize>> = None;
                for &c in edge.claims {
                    let claim = &claims[c.claim];
                    if checked && (!options.admits(claim) || !proxy.counts(claim, options)) {
                        continue;
                    }
                    let item = (c, edge.source, edge.target);
                    add(other, way, item);
                    if !person {
                        continue;
                    }
                    let mut up = |u: usize| {
                        if !on_side(u) {
                            add(u, way, item);
                        }
                    };
                    if c.dated || !options.window.is_unbounded() {
                        for_served(graph, other, claim, options, up);
                    } else {
                        let list = undated.get_or_insert_with(|| {
                            let mut list = Vec::new();
                            for_served(graph, other, claim, options, |u| list.push(u));
                            list
                        });
                        list.iter().for_each(|&u| up(u));
                    }
                }
            }
        }
    }
    // the items grouped by row, in the order found within a row (a counting sort)
    let mut start: Vec<usize> = Vec::with_capacity(rows.len() + 1);
    start.push(0);
    for r in &rows {
        start.push(start[start.len() - 1] + r.count);
    }
    let mut grouped: Vec<Item> = vec![(ClaimRef::default(), 0, 0); items.len()];
    let mut next = start.clone();
    for (r, item) in items {
        grouped[next[r]] = item;
        next[r] += 1;
    }
    let mut via: Vec<usize> = Vec::new();
    let mut out: Vec<(usize, AnswerRow<'g>)> = rows
        .into_iter()
        .enumerate()
        .filter_map(|(k, r)| {
            let list = &mut grouped[start[k]..start[k + 1]];
            // about the two actors themselves, not rolled up
            let own = |&(_, s, t): &Item| {
                (s == r.actor || s == subject_idx) && (t == r.actor || t == subject_idx)
            };
            if r.mixed {
                // confirmed claims first; among them those about the two actors
                // themselves, then rolled-up ones; then as `claim_order`, with documents
                // compared by number and actors by index (both orders are the ids')
                list.sort_by(|a, b| {
                    a.0.hedged
                        .cmp(&b.0.hedged)
                        .then(own(b).cmp(&own(a)))
                        .then(b.0.confidence.total_cmp(&a.0.confidence))
                        .then(b.0.curated.cmp(&a.0.curated))
                        .then(if a.0.curated {
                            std::cmp::Ordering::Equal
                        } else {
                            a.0.source.cmp(&b.0.source)
                        })
                        .then_with(|| {
                            let (x, y) = (&claims[a.0.claim], &claims[b.0.claim]);
                            x.evidence_text().cmp(y.evidence_text())
                        })
                        .then(a.1.cmp(&b.1))
                        .then(a.2.cmp(&b.2))
                });
            }
            // actors are ordered by id, so indices sort as ids do
            via.clear();
            via.extend(
                list.iter()
                    .flat_map(|&(_, s, t)| [s, t])
                    .filter(|&a| a != r.actor && a != subject_idx),
            );
            via.sort_unstable();
            via.dedup();
            let documents = graph.count_claim_sources(list.iter().map(|x| &x.0));
            if documents < options.min_docs {
                return None;
            }
            let row = AnswerRow {
                actor: &actors[r.actor],
                kind,
                way: r.way,
                via: via.iter().map(|&a| &actors[a]).collect(),
                direct: list.iter().any(own),
                documents,
                hedged: list.iter().all(|x| x.0.hedged),
                confidence: list.iter().map(|x| x.0.confidence).fold(0.0, f64::max),
                claims: list
                    .iter()
                    .map(|&(c, s, t)| Counted {
                        claim: &claims[c.claim],
                        source: &actors[s],
                        target: &actors[t],
                    })
                    .collect(),
            };
            Some((r.actor, row))
        })
        .collect();
    // the actor index last: indices sort as ids do
    out.sort_by(|(i, a), (j, b)| {
        a.hedged
            .cmp(&b.hedged)
            .then(b.documents.cmp(&a.documents))
            .then(b.claims.len().cmp(&a.claims.len()))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(b.direct.cmp(&a.direct))
            .then(i.cmp(j))
    });
    out.into_iter().map(|(_, row)| row).collect()
}

/// Calls `f` with the index of each actor person `i` served while `claim` held, once each.
fn for_served(
    graph: &KnowledgeGraph,
    i: usize,
    claim: &Claim,
    options: &Options,
    mut f: impl FnMut(usize),
) {
    let person = &graph.actors()[i];
    let targets = graph.affiliated(i);
    for (k, (aff, target)) in person.affiliations.iter().zip(targets).enumerate() {
        let Some(t) = *target else {
            continue;
        };
        let applies = |a: &Affiliation| options.window.affiliation_applies(a, claim);
        let earlier = person.affiliations[..k]
            .iter()
            .zip(&targets[..k])
            .any(|(a, &u)| u == Some(t) && applies(a));
        if t != i && !earlier && applies(aff) {
            f(t);
        }
    }
}

/// Does `source` `kind` `target`, rolling both sides up through affiliations?
fn verdict<'g>(
    graph: &'g KnowledgeGraph,
    source: &'g Actor,
    kind: RelationKind,
    target: &'g Actor,
    options: &Options,
) -> Verdict<'g> {
    let s_side = subject_side(graph, source, options);
    let t_side = subject_side(graph, target, options);
    let mut claims = Vec::new();
    let mut others = Vec::new();
    for (from, to, forward) in [(&s_side, &t_side, true), (&t_side, &s_side, false)] {
        for p in from.iter() {
            for edge in graph.neighbors(&p.actor.id, Direction::Outgoing, None) {
                let Some(q) = to.iter().find(|q| q.actor.id == edge.target.id) else {
                    continue;
                };
                for &claim in &edge.claims {
                    if !options.admits(claim)
                        || !p.counts(claim, options)
                        || !q.counts(claim, options)
                    {
                        continue;
                    }
                    let counted = Counted {
                        claim,
                        source: edge.source,
                        target: edge.target,
                    };
                    if forward && edge.kind == kind {
                        claims.push(counted);
                    } else {
                        others.push(counted);
                    }
                }
            }
        }
    }
    claims.sort_by(claim_order);
    others.sort_by(|a, b| a.claim.kind.cmp(&b.claim.kind).then(claim_order(a, b)));
    Verdict {
        source,
        kind,
        target,
        claims,
        others,
    }
}
