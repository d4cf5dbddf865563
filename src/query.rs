//! Questions: what is asked, and what the graph answers.
//!
//! A question is parsed by a small grammar (no I/O, no graph) into a [`Question`], then
//! answered against a [`KnowledgeGraph`]. Answers follow leadership affiliations: a claim
//! about the Libyan National Army counts for "who backs Haftar", shown "via" the army.

use crate::error::{Error, Result};
use crate::graph::{Direction, Edge, KnowledgeGraph};
use crate::model::{Actor, Claim, RelationKind};
use crate::normalize::fold;

/// A parsed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Who `kind` `target`? ("who backs Haftar")
    Who {
        /// The relation asked about.
        kind: RelationKind,
        /// The name as written.
        target: String,
    },
    /// What does `source` `kind`? ("what does Turkey back")
    What {
        /// The name as written.
        source: String,
        /// The relation asked about.
        kind: RelationKind,
    },
}

/// The verbs a question may use for each relation, in any tense.
const VERBS: &[(RelationKind, &[&str])] = &[
    (
        RelationKind::Supports,
        &[
            "backs",
            "back",
            "backed",
            "backing",
            "supports",
            "support",
            "supported",
            "supporting",
            "arms",
            "arm",
            "armed",
            "funds",
            "fund",
            "funded",
            "finances",
            "finance",
            "financed",
            "is behind",
            "are behind",
            "was behind",
            "sides with",
            "side with",
            "sided with",
            "is allied with",
            "allied with",
            "helps",
            "help",
            "helped",
            "sponsors",
            "sponsor",
            "sponsored",
        ],
    ),
    (
        RelationKind::Opposes,
        &[
            "opposes",
            "oppose",
            "opposed",
            "opposing",
            "fights",
            "fight",
            "fought",
            "fighting",
            "attacks",
            "attack",
            "attacked",
            "is against",
            "are against",
            "was against",
            "against",
            "condemns",
            "condemn",
            "condemned",
            "sanctions",
            "sanction",
            "sanctioned",
            "bombs",
            "bomb",
            "bombed",
            "shells",
            "shell",
            "shelled",
            "is fighting",
            "are fighting",
            "was fighting",
            "accuses",
            "accused",
            "accuse",
        ],
    ),
    (
        RelationKind::Warns,
        &[
            "warns",
            "warn",
            "warned",
            "warning",
            "threatens",
            "threaten",
            "threatened",
            "threatening",
            "urges",
            "urge",
            "urged",
            "calls on",
            "call on",
            "called on",
            "cautions",
            "caution",
            "cautioned",
        ],
    ),
];

const FORMS: &str = "try \"who backs X\", \"who opposes X\", \"who warned X\", \
\"what does X back\", \"what does X oppose\" or \"whom does X warn\" \
(backs/supports/arms/funds/is behind/sides with; opposes/fights/attacks/is against/condemns; \
warns/threatens/urges/calls on)";

fn verb_at_start(s: &str) -> Option<(RelationKind, &str)> {
    let mut best: Option<(RelationKind, usize)> = None;
    for (kind, verbs) in VERBS {
        for v in *verbs {
            if let Some(rest) = s.strip_prefix(v) {
                if (rest.is_empty() || rest.starts_with(' '))
                    && best.is_none_or(|(_, len)| v.len() > len)
                {
                    best = Some((*kind, v.len()));
                }
            }
        }
    }
    best.map(|(k, len)| (k, s[len..].trim()))
}

fn verb_at_end(s: &str) -> Option<(&str, RelationKind)> {
    let mut best: Option<(RelationKind, usize)> = None;
    for (kind, verbs) in VERBS {
        for v in *verbs {
            if let Some(rest) = s.strip_suffix(v) {
                if (rest.is_empty() || rest.ends_with(' '))
                    && best.is_none_or(|(_, len)| v.len() > len)
                {
                    best = Some((*kind, v.len()));
                }
            }
        }
    }
    best.map(|(k, len)| (s[..s.len() - len].trim(), k))
}

/// Parses a natural question.
///
/// ```
/// use geokg::query::{parse, Question};
/// use geokg::RelationKind;
/// assert_eq!(
///     parse("Who backs Haftar?").unwrap(),
///     Question::Who { kind: RelationKind::Supports, target: "Haftar".into() }
/// );
/// ```
///
/// # Errors
/// [`Error::Question`] listing the known forms when the question does not fit one.
pub fn parse(question: &str) -> Result<Question> {
    let original = question.trim().trim_end_matches(['?', '.', '!']).trim();
    let lower = fold(original);
    let fail = |message: String| Error::Question {
        question: question.trim().to_string(),
        message,
    };
    // keep the name as the user wrote it: cut at the same character count
    let tail = |rest: &str| -> String {
        let skip = lower.len() - rest.len();
        original
            .get(skip..)
            .map(str::trim)
            .filter(|s| fold(s) == rest)
            .map(str::to_string)
            .unwrap_or_else(|| rest.to_string())
    };
    for prefix in ["who ", "which actors ", "which countries ", "who all "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            // "who does X back" / "who is X backing"
            for aux in ["does ", "did ", "do ", "is ", "was "] {
                if let Some(inner) = rest.strip_prefix(aux) {
                    if let Some((name, kind)) = verb_at_end(inner) {
                        if !name.is_empty() {
                            let start = lower.len() - inner.len();
                            let name = original
                                .get(start..start + name.len())
                                .filter(|s| fold(s) == name)
                                .map(|s| s.trim().to_string())
                                .unwrap_or_else(|| name.to_string());
                            return Ok(Question::What { source: name, kind });
                        }
                    }
                }
            }
            if let Some((kind, name)) = verb_at_start(rest) {
                if name.is_empty() {
                    return Err(fail(format!("no actor named; {FORMS}")));
                }
                return Ok(Question::Who {
                    kind,
                    target: tail(name),
                });
            }
            return Err(fail(format!("unknown relation; {FORMS}")));
        }
    }
    for prefix in [
        "what does ",
        "whom does ",
        "what did ",
        "whom did ",
        "what do ",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if let Some((name, kind)) = verb_at_end(rest) {
                if name.is_empty() {
                    return Err(fail(format!("no actor named; {FORMS}")));
                }
                let start = lower.len() - rest.len();
                let name = original
                    .get(start..start + name.len())
                    .filter(|s| fold(s) == name)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_else(|| name.to_string());
                return Ok(Question::What { source: name, kind });
            }
            return Err(fail(format!("unknown relation; {FORMS}")));
        }
    }
    Err(fail(FORMS.to_string()))
}

/// One actor in an answer.
#[derive(Debug, Clone)]
pub struct AnswerRow<'g> {
    /// The actor that answers the question.
    pub actor: &'g Actor,
    /// The relation.
    pub kind: RelationKind,
    /// The asked-about actor or, for a rolled-up answer, the affiliated actor the claims
    /// are about ("via").
    pub via: Option<&'g Actor>,
    /// Claims behind the answer, best first.
    pub claims: Vec<&'g Claim>,
    /// Distinct documents and citations.
    pub documents: usize,
    /// Every claim is hedged.
    pub hedged: bool,
}

/// An answer: the actor asked about and the rows, strongest first.
#[derive(Debug, Clone)]
pub struct Answer<'g> {
    /// The question.
    pub question: Question,
    /// The actor the question names.
    pub subject: &'g Actor,
    /// Direction of the answers relative to the subject.
    pub direction: Direction,
    /// The rows, strongest first.
    pub rows: Vec<AnswerRow<'g>>,
}

const LEAD_ROLES: &[&str] = &[
    "commander",
    "leader",
    "head",
    "chief",
    "founder",
    "chair",
    "emir",
];

/// Actors whose claims count for `actor`: itself, the groups it leads, and the leaders
/// of a group.
fn rollup<'g>(graph: &'g KnowledgeGraph, actor: &'g Actor) -> Vec<&'g Actor> {
    let leads = |role: &str| {
        let r = role.to_lowercase();
        LEAD_ROLES.iter().any(|l| r.contains(l))
    };
    let mut out = vec![actor];
    for f in &actor.affiliations {
        if leads(&f.role) && f.until.is_none() {
            if let Some(a) = graph.actor(&f.actor) {
                if !out.iter().any(|x| x.id == a.id) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// Answers a parsed question.
///
/// # Errors
/// [`Error::UnknownActor`] when the name matches no actor.
pub fn answer<'g>(graph: &'g KnowledgeGraph, question: &Question) -> Result<Answer<'g>> {
    let (name, kind, direction) = match question {
        Question::Who { kind, target } => (target, *kind, Direction::Incoming),
        Question::What { source, kind } => (source, *kind, Direction::Outgoing),
    };
    let subject = graph.resolve(name)?;
    let mut rows: Vec<AnswerRow<'g>> = Vec::new();
    for (n, member) in rollup(graph, subject).into_iter().enumerate() {
        for e in graph.neighbors(&member.id, direction, Some(kind)) {
            let other = match direction {
                Direction::Incoming => e.source,
                Direction::Outgoing => e.target,
            };
            if other.id == subject.id {
                continue;
            }
            let via = (n > 0).then_some(member);
            merge_row(&mut rows, other, &e, via);
        }
    }
    for r in &mut rows {
        r.documents = crate::graph::count_sources(&r.claims);
        r.hedged = r.claims.iter().all(|c| c.hedged);
    }
    rows.sort_by(|a, b| {
        a.hedged
            .cmp(&b.hedged)
            .then(b.documents.cmp(&a.documents))
            .then(b.claims.len().cmp(&a.claims.len()))
            .then(a.actor.id.cmp(&b.actor.id))
    });
    Ok(Answer {
        question: question.clone(),
        subject,
        direction,
        rows,
    })
}

fn merge_row<'g>(
    rows: &mut Vec<AnswerRow<'g>>,
    other: &'g Actor,
    e: &Edge<'g>,
    via: Option<&'g Actor>,
) {
    if let Some(row) = rows.iter_mut().find(|r| r.actor.id == other.id) {
        for c in &e.claims {
            if !row.claims.iter().any(|x| std::ptr::eq(*x, *c)) {
                row.claims.push(c);
            }
        }
        return;
    }
    rows.push(AnswerRow {
        actor: other,
        kind: e.kind,
        via,
        claims: e.claims.clone(),
        documents: 0,
        hedged: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationKind::*;

    #[test]
    fn question_forms() {
        let cases: &[(&str, Question)] = &[
            (
                "who backs Haftar",
                Question::Who {
                    kind: Supports,
                    target: "Haftar".into(),
                },
            ),
            (
                "Who supports the GNA?",
                Question::Who {
                    kind: Supports,
                    target: "the GNA".into(),
                },
            ),
            (
                "who is behind the RSF",
                Question::Who {
                    kind: Supports,
                    target: "the RSF".into(),
                },
            ),
            (
                "who fights Hamas",
                Question::Who {
                    kind: Opposes,
                    target: "Hamas".into(),
                },
            ),
            (
                "who is against Türkiye",
                Question::Who {
                    kind: Opposes,
                    target: "Türkiye".into(),
                },
            ),
            (
                "who threatened the Houthis",
                Question::Who {
                    kind: Warns,
                    target: "the Houthis".into(),
                },
            ),
            (
                "who calls on Haftar",
                Question::Who {
                    kind: Warns,
                    target: "Haftar".into(),
                },
            ),
            (
                "what does Turkey back?",
                Question::What {
                    source: "Turkey".into(),
                    kind: Supports,
                },
            ),
            (
                "whom does France warn",
                Question::What {
                    source: "France".into(),
                    kind: Warns,
                },
            ),
            (
                "What did Egypt oppose",
                Question::What {
                    source: "Egypt".into(),
                    kind: Opposes,
                },
            ),
            (
                "who does Russia support",
                Question::What {
                    source: "Russia".into(),
                    kind: Supports,
                },
            ),
        ];
        for (q, expected) in cases {
            assert_eq!(&parse(q).unwrap(), expected, "{q}");
        }
    }

    #[test]
    fn unknown_forms_list_what_is_understood() {
        let err = parse("tell me about Haftar").unwrap_err().to_string();
        assert!(err.contains("who backs X"), "{err}");
        assert!(parse("who likes Haftar").is_err());
        assert!(parse("who backs").is_err());
    }
}
