//! The ranked answers of `query::ask` against a plain reference: the same rules written
//! the obvious way (rows in a map by id, a set against counting a claim twice, every row
//! sorted), run on random graphs with people who serve states and lead groups, roles
//! that ended, dated and undated claims, hedged and curated ones. `query.rs` answers by
//! index and skips work the reference does; both must give the same rows, the same
//! claims in the same order, the same "via", documents, hedging and confidence.

use std::collections::{BTreeMap, HashSet};

use geokg::graph::time::Window;
use geokg::model::{
    Actor, ActorKind, Affiliation, AffiliationKind, Claim, Date, Evidence, Provenance,
    RelationKind, Span,
};
use geokg::query::{ask, AnswerRow, Counted, Options, Question, Response};
use geokg::text::synth::Rng;
use geokg::{Direction, KnowledgeGraph};

/// Roles used by the random graphs, their kinds, and whether holding one makes a person
/// stand for the group (the rule of `query.rs`, for these kinds).
const ROLES: &[(&str, AffiliationKind, bool)] = &[
    ("commander", AffiliationKind::Commands, true),
    ("leader", AffiliationKind::Leads, true),
    ("prime minister", AffiliationKind::HeadsGovernment, true),
    ("defence minister", AffiliationKind::Other, false),
    ("deputy commander", AffiliationKind::Other, false),
    ("spokesman", AffiliationKind::Represents, false),
];

fn leads(role: &str) -> bool {
    ROLES.iter().any(|&(r, _, l)| r == role && l)
}

fn date(rng: &mut Rng) -> Date {
    let year = u16::try_from(2010 + rng.below(15)).unwrap_or(2010);
    let month = u8::try_from(1 + rng.below(12)).unwrap_or(1);
    Date::new(year, month, 0).expect("a valid month")
}

/// A random graph: 12 states, 12 groups, 16 people serving one or two of them, and
/// `claims` claims among them all.
fn graph(seed: u64, claims: usize) -> KnowledgeGraph {
    let mut rng = Rng::new(seed);
    let mut actors = Vec::new();
    for i in 0..12 {
        actors.push(Actor::new(
            format!("s{i:02}"),
            format!("State {i}"),
            ActorKind::State,
        ));
        actors.push(Actor::new(
            format!("g{i:02}"),
            format!("Group {i}"),
            ActorKind::ArmedGroup,
        ));
    }
    for i in 0..16 {
        let mut p = Actor::new(format!("p{i:02}"), format!("Person {i}"), ActorKind::Person);
        for _ in 0..1 + rng.below(2) {
            let served = &actors[rng.below(24)];
            let (role, kind, _) = ROLES[rng.below(ROLES.len())];
            let ended = rng.below(4) == 0;
            p.affiliations.push(Affiliation {
                actor: served.id.clone(),
                role: role.into(),
                kind,
                from: (rng.below(2) == 0).then(|| date(&mut rng)),
                until: ended.then(|| date(&mut rng)),
            });
        }
        actors.push(p);
    }
    let texts = [
        "A backs B.",
        "B is backed by A.",
        "A warned B.",
        "A attacked B.",
    ];
    let mut out = Vec::new();
    for i in 0..claims {
        let s = rng.below(actors.len());
        let mut t = rng.below(actors.len());
        if t == s {
            t = (t + 1) % actors.len();
        }
        let provenance = if rng.below(10) == 0 {
            Provenance::Curated {
                citation: format!("report {}", rng.below(5)),
                // half with a structured source: one url is one source whatever the words
                source_ref: (rng.below(2) == 0).then(|| {
                    Box::new(geokg::SourceRef {
                        url: format!("https://example.org/r{}", rng.below(3)),
                        publisher: "Example".into(),
                        date: "2024".parse().unwrap(),
                        accessed: "2026-12-06".parse().unwrap(),
                    })
                }),
                conflict: None,
            }
        } else {
            Provenance::Extracted(Evidence {
                doc: format!("d{:03}", rng.below(150)),
                sentence_index: i % 7,
                span: Span::new(0, 10),
                sentence: texts[rng.below(texts.len())].into(),
                rule: "r".into(),
            })
        };
        let dated = rng.below(3) == 0;
        out.push(Claim {
            source: actors[s].id.clone(),
            kind: RelationKind::ALL[rng.below(3)],
            target: actors[t].id.clone(),
            hedged: rng.below(4) == 0,
            confidence: [0.6, 0.8, 0.9][rng.below(3)],
            from: dated.then(|| date(&mut rng)),
            until: None,
            provenance,
        });
    }
    KnowledgeGraph::new(actors, out).expect("graph")
}

/// The subject and the actors whose claims count for it, with the affiliations that
/// make them count (none for the subject itself).
fn side<'g>(
    g: &'g KnowledgeGraph,
    subject: &'g Actor,
    o: &Options,
) -> Vec<(&'g Actor, Vec<&'g Affiliation>)> {
    let mut out = vec![(subject, Vec::new())];
    if !o.rollup {
        return out;
    }
    for m in g.members(&subject.id) {
        if m.kind == ActorKind::Person {
            let affs = m
                .affiliations
                .iter()
                .filter(|f| f.actor == subject.id)
                .collect();
            out.push((m, affs));
        }
    }
    if subject.kind == ActorKind::Person {
        let mut groups: BTreeMap<&str, (&Actor, Vec<&Affiliation>)> = BTreeMap::new();
        for f in &subject.affiliations {
            let Some(a) = g.actor(&f.actor) else { continue };
            if matches!(
                a.kind,
                ActorKind::State | ActorKind::InternationalOrganisation
            ) || !leads(&f.role)
            {
                continue;
            }
            groups.entry(&a.id).or_insert((a, Vec::new())).1.push(f);
        }
        for (_, (a, affs)) in groups {
            if !out.iter().any(|(x, _)| x.id == a.id) {
                out.push((a, affs));
            }
        }
    }
    out
}

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

fn sources(claims: &[Counted<'_>]) -> usize {
    let set: HashSet<(bool, &str)> = claims
        .iter()
        .map(|c| match &c.claim.provenance {
            Provenance::Extracted(e) => (false, e.doc.as_str()),
            Provenance::Curated {
                source_ref: Some(s),
                ..
            } => (true, s.url.as_str()),
            Provenance::Curated { citation, .. } => (true, citation.as_str()),
        })
        .collect();
    set.len()
}

/// The rows, the obvious way.
fn reference<'g>(
    g: &'g KnowledgeGraph,
    subject: &'g Actor,
    kind: RelationKind,
    ways: &[Direction],
    o: &Options,
) -> Vec<AnswerRow<'g>> {
    use geokg::query::Way;
    let side = side(g, subject, o);
    let on_side = |a: &Actor| side.iter().any(|(x, _)| x.id == a.id);
    let mut rows: BTreeMap<&str, AnswerRow<'g>> = BTreeMap::new();
    let mut added: HashSet<(&str, *const Claim)> = HashSet::new();
    let mut add = |actor: &'g Actor, way: Way, c: Counted<'g>| {
        let row = rows.entry(&actor.id).or_insert_with(|| AnswerRow {
            actor,
            kind,
            way,
            via: Vec::new(),
            direct: false,
            claims: Vec::new(),
            documents: 0,
            hedged: false,
            confidence: 0.0,
        });
        if row.way != way {
            row.way = Way::Both;
        }
        if added.insert((actor.id.as_str(), std::ptr::from_ref(c.claim))) {
            row.claims.push(c);
        }
    };
    for (proxy, affs) in &side {
        for &dir in ways {
            let way = match dir {
                Direction::Incoming => Way::In,
                Direction::Outgoing => Way::Out,
            };
            for edge in g.neighbors(&proxy.id, dir, Some(kind)) {
                let other = match dir {
                    Direction::Incoming => edge.source,
                    Direction::Outgoing => edge.target,
                };
                if on_side(other) {
                    continue;
                }
                for &claim in &edge.claims {
                    let counts = affs.is_empty()
                        || affs.iter().any(|f| o.window.affiliation_applies(f, claim));
                    if !o.admits(claim) || !counts {
                        continue;
                    }
                    let c = Counted {
                        claim,
                        source: edge.source,
                        target: edge.target,
                    };
                    add(other, way, c);
                    if o.rollup && other.kind == ActorKind::Person {
                        let mut served: Vec<&Actor> = Vec::new();
                        for f in &other.affiliations {
                            if o.window.affiliation_applies(f, claim) {
                                if let Some(a) = g.actor(&f.actor) {
                                    if !served.iter().any(|x| x.id == a.id) {
                                        served.push(a);
                                    }
                                }
                            }
                        }
                        for up in served {
                            if !on_side(up) {
                                add(up, way, c);
                            }
                        }
                    }
                }
            }
        }
    }
    let mut out: Vec<AnswerRow<'g>> = rows
        .into_values()
        .filter_map(|mut r| {
            let own = |c: &Counted<'_>| {
                [c.source.id.as_str(), c.target.id.as_str()]
                    .iter()
                    .all(|id| *id == r.actor.id || *id == subject.id)
            };
            r.claims.sort_by(|a, b| {
                a.claim
                    .hedged
                    .cmp(&b.claim.hedged)
                    .then(own(b).cmp(&own(a)))
                    .then(claim_order(a, b))
            });
            let mut via: Vec<&Actor> = Vec::new();
            for c in &r.claims {
                for a in [c.source, c.target] {
                    if a.id != r.actor.id && a.id != subject.id && !via.iter().any(|v| v.id == a.id)
                    {
                        via.push(a);
                    }
                }
                r.direct |= own(c);
            }
            via.sort_by(|a, b| a.id.cmp(&b.id));
            r.via = via;
            r.documents = sources(&r.claims);
            r.hedged = r.claims.iter().all(|c| c.claim.hedged);
            r.confidence = r
                .claims
                .iter()
                .map(|c| c.claim.confidence)
                .fold(0.0, f64::max);
            (r.documents >= o.min_docs).then_some(r)
        })
        .collect();
    out.sort_by(|a, b| {
        a.hedged
            .cmp(&b.hedged)
            .then(b.documents.cmp(&a.documents))
            .then(b.claims.len().cmp(&a.claims.len()))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(b.direct.cmp(&a.direct))
            .then(a.actor.id.cmp(&b.actor.id))
    });
    out
}

/// A row as comparable values; claims by address, so the very same claims must come in
/// the same order.
type Shown = (
    String,
    String,
    Vec<String>,
    bool,
    usize,
    bool,
    u64,
    Vec<usize>,
);

fn show(rows: &[AnswerRow<'_>]) -> Vec<Shown> {
    rows.iter()
        .map(|r| {
            (
                r.actor.id.clone(),
                r.way.as_str().to_string(),
                r.via.iter().map(|a| a.id.clone()).collect(),
                r.direct,
                r.documents,
                r.hedged,
                r.confidence.to_bits(),
                r.claims
                    .iter()
                    .map(|c| std::ptr::from_ref(c.claim) as usize)
                    .collect(),
            )
        })
        .collect()
}

fn options() -> Vec<Options> {
    let y = |s: &str| s.parse::<Date>().expect("date");
    vec![
        Options::default(),
        Options {
            rollup: false,
            ..Options::default()
        },
        Options {
            hedged: false,
            min_docs: 2,
            ..Options::default()
        },
        Options {
            window: Window {
                since: Some(y("2016")),
                until: Some(y("2021")),
                as_of: None,
            },
            ..Options::default()
        },
        Options {
            window: Window {
                since: None,
                until: None,
                as_of: Some(y("2019-06")),
            },
            ..Options::default()
        },
    ]
}

#[test]
fn answers_match_the_reference_on_random_graphs() {
    let mut compared = 0;
    for seed in 0..4 {
        let g = graph(seed, 3000);
        for subject in g.actors() {
            for kind in RelationKind::ALL {
                let questions = [
                    (
                        Question::Who {
                            kind,
                            target: subject.id.clone(),
                        },
                        vec![Direction::Incoming],
                    ),
                    (
                        Question::What {
                            source: subject.id.clone(),
                            kind,
                        },
                        vec![Direction::Outgoing],
                    ),
                ];
                for (q, ways) in questions {
                    for o in options() {
                        let Response::Rows(got) = ask(&g, &q, &o).expect("answer").response else {
                            panic!("{q:?} gave no rows");
                        };
                        let want = reference(&g, subject, kind, &ways, &o);
                        assert_eq!(show(&got.rows), show(&want), "seed {seed}, {q:?}, {o:?}");
                        compared += want.len();
                    }
                }
            }
            for (q, kind) in [
                (
                    Question::Allies {
                        actor: subject.id.clone(),
                    },
                    RelationKind::Supports,
                ),
                (
                    Question::Enemies {
                        actor: subject.id.clone(),
                    },
                    RelationKind::Opposes,
                ),
            ] {
                for o in options() {
                    let Response::Rows(got) = ask(&g, &q, &o).expect("answer").response else {
                        panic!("{q:?} gave no rows");
                    };
                    let both = [Direction::Incoming, Direction::Outgoing];
                    let want = reference(&g, subject, kind, &both, &o);
                    assert_eq!(show(&got.rows), show(&want), "seed {seed}, {q:?}, {o:?}");
                    compared += want.len();
                }
            }
        }
    }
    // the graphs are dense enough that most questions have answers to compare
    assert!(compared > 20_000, "{compared} rows compared");
}
