//! Names an analyst uses: "the Libyan government", "the Sudanese army", "the Syrian
//! president", and a capital as the seat of a government ("who backs Tripoli").
//!
//! Such a name is no alias of any actor; it is read by rules over the registry. A state
//! named by its name, alias or demonym, with an office word ("government", "army",
//! "president"), means the actor that holds that office of the state at the date asked
//! about (`--as-of`, else now): the actor of the office's kinds whose affiliation with the
//! state (or with the state's government) is of the office's affiliation kind: the
//! government is `government_of` the state (a rival or shadow government is not), the army
//! its `armed_forces_of`, the head of state `leads` it. When several hold it, the one that
//! took it last.
//! A capital stands for its state; when the state has no relation of its own (its
//! relations are recorded on rival governments, as Libya's are), for the government of
//! the state at that date, when the registry lists one apart from the state.
//!
//! The words are data, not code: `data/names/en.json` (schema in `data/README.md`),
//! compiled in. The same rules rank suggestions for a name that matches nothing: actors of
//! the state it names, of the office it names, current ones first, before names that are
//! only spelt alike.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{serde_message, Error, Result};
use crate::graph::time::Window;
use crate::graph::{Direction, KnowledgeGraph};
use crate::model::{Actor, ActorKind, Affiliation, AffiliationKind, NameRole};
use crate::text::normalize::fold;

/// The rule words compiled into the binary.
pub const EMBEDDED_NAMES: &str = include_str!("../../data/names/en.json");

/// The rule words file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesRecord {
    version: u32,
    articles: Vec<String>,
    patterns: Vec<String>,
    offices: Vec<OfficeRecord>,
    capital: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeRecord {
    office: String,
    words: Vec<String>,
    kinds: Vec<String>,
    affiliations: Vec<String>,
    else_state: bool,
}

/// One office of a state that a name may ask for.
#[derive(Debug, Clone)]
pub struct Office {
    /// Its name, as shown in notes ("government", "armed forces").
    pub office: String,
    /// Words that name it after a demonym ("government", "regime"), folded.
    words: Vec<String>,
    /// The kinds of actor that can hold it.
    kinds: Vec<ActorKind>,
    /// The kinds of affiliation with the state (or its government) that hold it.
    affiliations: Vec<AffiliationKind>,
    /// With no holder, the state itself stands for the office.
    else_state: bool,
}

/// How a name is put together: the state and the office, and what lies between.
#[derive(Debug, Clone)]
struct Pattern {
    state_first: bool,
    /// The text between the two parts, folded ("", "'s", "of"), with its spaces.
    between: String,
}

/// The rules, read from the words file.
#[derive(Debug, Clone)]
pub struct Rules {
    articles: Vec<String>,
    patterns: Vec<Pattern>,
    offices: Vec<Office>,
    /// The office a capital stands for.
    capital: usize,
}

/// A name read by the rules: the actor, and why.
#[derive(Debug, Clone)]
pub struct Reading<'g> {
    /// The actor meant.
    pub actor: &'g Actor,
    /// How it was read: "the government of Libya now".
    pub why: String,
}

impl Rules {
    /// Reads a words file.
    ///
    /// # Errors
    /// [`Error::Usage`] naming what is wrong.
    pub fn parse(text: &str) -> Result<Rules> {
        let bad = |m: String| Error::Usage(format!("names file: {m}"));
        let r: NamesRecord = serde_json::from_str(text).map_err(|e| bad(serde_message(&e)))?;
        if r.version != 1 {
            return Err(bad(format!(
                "version {} is not supported, expected 1",
                r.version
            )));
        }
        let mut patterns = Vec::new();
        for p in &r.patterns {
            let folded = fold(p);
            let parse = |first: &str, second: &str| -> Option<String> {
                folded
                    .strip_prefix(first)?
                    .strip_suffix(second)
                    .map(str::to_string)
            };
            let pattern = if let Some(between) = parse("{state}", "{office}") {
                Pattern {
                    state_first: true,
                    between,
                }
            } else if let Some(between) = parse("{office}", "{state}") {
                Pattern {
                    state_first: false,
                    between,
                }
            } else {
                return Err(bad(format!(
                    "pattern \"{p}\" must be {{state}} and {{office}} with words between"
                )));
            };
            patterns.push(pattern);
        }
        let mut offices = Vec::new();
        for o in &r.offices {
            let kinds = o
                .kinds
                .iter()
                .map(|k| {
                    k.parse::<ActorKind>()
                        .map_err(|e| bad(format!("{}: {e}", o.office)))
                })
                .collect::<Result<Vec<_>>>()?;
            let affiliations = o
                .affiliations
                .iter()
                .map(|k| {
                    k.parse::<AffiliationKind>()
                        .map_err(|e| bad(format!("{}: {e}", o.office)))
                })
                .collect::<Result<Vec<_>>>()?;
            let words: Vec<String> = o.words.iter().map(|w| fold(w)).collect();
            if words.iter().any(String::is_empty) || affiliations.is_empty() {
                return Err(bad(format!(
                    "office \"{}\": an empty word or no affiliation kind",
                    o.office
                )));
            }
            offices.push(Office {
                office: o.office.clone(),
                words,
                kinds,
                affiliations,
                else_state: o.else_state,
            });
        }
        let capital = offices
            .iter()
            .position(|o| o.office == r.capital)
            .ok_or_else(|| bad(format!("capital: no office \"{}\"", r.capital)))?;
        Ok(Rules {
            articles: r.articles.iter().map(|a| fold(a)).collect(),
            patterns,
            offices,
            capital,
        })
    }

    /// The rules compiled into the binary.
    pub fn embedded() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            // a test reads the embedded file; an unreadable one gives rules that read nothing
            Rules::parse(EMBEDDED_NAMES).unwrap_or(Rules {
                articles: Vec::new(),
                patterns: Vec::new(),
                offices: Vec::new(),
                capital: 0,
            })
        })
    }

    /// The offices, in file order.
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// A folded name without a leading article.
    fn bare(&self, name: &str) -> String {
        let key = fold(name);
        for a in &self.articles {
            if let Some(rest) = key
                .strip_prefix(a.as_str())
                .and_then(|r| r.strip_prefix(' '))
            {
                return rest.to_string();
            }
        }
        key
    }

    /// Reads "the Libyan government", "Sudan's army", "the president of Syria" as
    /// (state, office), when the state part names a state.
    fn split<'g>(&self, graph: &'g KnowledgeGraph, name: &str) -> Option<(&'g Actor, &Office)> {
        let key = self.bare(name);
        for p in &self.patterns {
            for office in &self.offices {
                for w in &office.words {
                    let rest = if p.state_first {
                        key.strip_suffix(w.as_str())
                            .and_then(|r| r.strip_suffix(p.between.as_str()))
                    } else {
                        key.strip_prefix(w.as_str())
                            .and_then(|r| r.strip_prefix(p.between.as_str()))
                    };
                    let Some(rest) = rest.map(str::trim).filter(|r| !r.is_empty()) else {
                        continue;
                    };
                    if let Some(state) = state_named(graph, rest) {
                        return Some((state, office));
                    }
                }
            }
        }
        None
    }

    /// Reads a name as an office of a state ("the Libyan government") at the window's
    /// date, or `None` when it is not put together that way.
    pub fn office<'g>(
        &self,
        graph: &'g KnowledgeGraph,
        name: &str,
        window: &Window,
    ) -> Option<Reading<'g>> {
        let (state, office) = self.split(graph, name)?;
        if let Some(actor) = holder(graph, state, office, window) {
            return Some(Reading {
                actor,
                why: format!("the {} of {} {}", office.office, state.name, when(window)),
            });
        }
        office.else_state.then(|| Reading {
            actor: state,
            why: format!(
                "no {} of {} is listed {}, so the state stands for it",
                office.office,
                state.name,
                when(window)
            ),
        })
    }

    /// Reads a capital as the government of its state at the window's date, when the
    /// state itself has no relation in the window (its relations are recorded on its
    /// governments, as Libya's are); `None` when the name is no capital, the state has
    /// relations of its own (a capital then stands for the state), or no government of it
    /// is listed apart from it.
    pub fn seat<'g>(
        &self,
        graph: &'g KnowledgeGraph,
        name: &str,
        window: &Window,
    ) -> Option<Reading<'g>> {
        let office = self.offices.get(self.capital)?;
        let (role, state) = graph.lookup_roles(name).into_iter().next()?;
        if role != NameRole::Capital || state.kind != ActorKind::State {
            return None;
        }
        let related = [Direction::Outgoing, Direction::Incoming].iter().any(|&d| {
            graph
                .neighbors(&state.id, d, None)
                .iter()
                .any(|e| e.claims.iter().any(|c| window.admits(c)))
        });
        if related {
            return None;
        }
        let actor = holder(graph, state, office, window)?;
        Some(Reading {
            actor,
            why: format!(
                "the {} of {} {}, for its capital {} (the state has no relation of its own)",
                office.office,
                state.name,
                when(window),
                state.capital.as_deref().unwrap_or(name.trim()),
            ),
        })
    }

    /// Up to three display names for a name that matches nothing, best first: actors of
    /// the state the name names (of the office it names, if any; current before former;
    /// then the closest spelt), then names spelt alike.
    pub fn suggest(&self, graph: &KnowledgeGraph, name: &str, window: &Window) -> Vec<String> {
        let key = self.bare(name);
        let mut out: Vec<String> = Vec::new();
        if let Some((state, office)) = self.meaning(graph, &key) {
            let mut ranked: Vec<(bool, bool, f64, &Actor)> = tied(graph, state, window)
                .into_iter()
                .filter(|(a, _)| office.is_none_or(|o| o.kinds.contains(&a.kind)))
                .map(|(a, current)| (false, current, closeness(&key, a), a))
                .collect();
            if office.is_none_or(|o| o.else_state) {
                ranked.push((true, true, closeness(&key, state), state));
            }
            // the state itself last among the current ones: it is the fallback
            ranked.sort_by(|x, y| {
                y.1.cmp(&x.1)
                    .then(x.0.cmp(&y.0))
                    .then(y.2.total_cmp(&x.2))
                    .then(x.3.id.cmp(&y.3.id))
            });
            out.extend(ranked.into_iter().take(3).map(|r| r.3.name.clone()));
        }
        for s in graph.suggest(name) {
            if out.len() >= 3 {
                break;
            }
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The state a name speaks of, and the office, if a word of it names one (spelt a
    /// little wrong, too: "goverment").
    fn meaning<'g>(
        &self,
        graph: &'g KnowledgeGraph,
        key: &str,
    ) -> Option<(&'g Actor, Option<&Office>)> {
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        // the longest run of words that names a state, leftmost first
        for len in (1..=words.len().min(4)).rev() {
            for start in 0..=words.len() - len {
                let part = words[start..start + len].join(" ");
                let Some(state) = state_named(graph, &part) else {
                    continue;
                };
                let rest: Vec<&str> = words[..start]
                    .iter()
                    .chain(&words[start + len..])
                    .copied()
                    .collect();
                let rest = format!(" {} ", rest.join(" "));
                let office = self.offices.iter().find(|o| {
                    o.words.iter().any(|w| {
                        rest.contains(&format!(" {w} "))
                            || rest
                                .split(' ')
                                .any(|r| r.len() >= 5 && strsim::jaro_winkler(r, w) >= 0.9)
                    })
                });
                return Some((state, office));
            }
        }
        None
    }
}

/// The state a name means, if it means one (by name, alias, demonym, code or capital).
fn state_named<'g>(graph: &'g KnowledgeGraph, name: &str) -> Option<&'g Actor> {
    graph
        .lookup_roles(name)
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| a.kind == ActorKind::State)
}

/// "at 2018-05" for a window with a date, "now" without one.
fn when(window: &Window) -> String {
    match (window.as_of, window.since, window.until) {
        (Some(d), _, _) => format!("at {d}"),
        (None, None, None) => "now".to_string(),
        (None, s, u) => format!(
            "between {} and {}",
            s.map_or("the start".to_string(), |d| d.to_string()),
            u.map_or("now".to_string(), |d| d.to_string())
        ),
    }
}

/// Does the affiliation hold the office: is it of one of the office's kinds?
fn fills(office: &Office, f: &Affiliation) -> bool {
    office.affiliations.contains(&f.kind)
}

/// Who holds `office` of `state` in the window: an actor of the office's kinds affiliated
/// with the state, or with the state's government then (`government_of` the state: not a
/// rival, shadow or regional one), by an affiliation of the office's kind; the one that took
/// it last.
fn holder<'g>(
    graph: &'g KnowledgeGraph,
    state: &'g Actor,
    office: &Office,
    window: &Window,
) -> Option<&'g Actor> {
    let mut seats: Vec<&Actor> = vec![state];
    for m in graph.members(&state.id) {
        let governs = m.affiliations.iter().any(|f| {
            f.actor == state.id && f.kind == AffiliationKind::GovernmentOf && window.holds(f)
        });
        if m.kind == ActorKind::Government && governs {
            seats.push(m);
        }
    }
    let mut found: Vec<(&Affiliation, &Actor)> = Vec::new();
    for seat in &seats {
        for m in graph.members(&seat.id) {
            if !office.kinds.contains(&m.kind) || m.id == state.id {
                continue;
            }
            for f in &m.affiliations {
                if f.actor == seat.id && window.holds(f) && fills(office, f) {
                    found.push((f, m));
                }
            }
        }
    }
    found.sort_by(|(f, a), (g, b)| g.from.cmp(&f.from).then(a.id.cmp(&b.id)));
    found.first().map(|&(_, a)| a)
}

/// The actors tied to a state by affiliation (members, and their members, three deep),
/// each with whether its tie holds in the window, ordered by id.
fn tied<'g>(graph: &'g KnowledgeGraph, state: &Actor, window: &Window) -> Vec<(&'g Actor, bool)> {
    let mut out: Vec<(&'g Actor, bool)> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::from([state.id.as_str()]);
    let mut frontier: Vec<String> = vec![state.id.clone()];
    for _ in 0..3 {
        let mut next = Vec::new();
        for id in &frontier {
            for m in graph.members(id) {
                if seen.insert(m.id.as_str()) {
                    let current = m
                        .affiliations
                        .iter()
                        .any(|f| &f.actor == id && window.holds(f));
                    out.push((m, current));
                    next.push(m.id.clone());
                }
            }
        }
        frontier = next;
    }
    out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    out
}

/// How close a name is to an actor's names, 0 to 1.
fn closeness(key: &str, a: &Actor) -> f64 {
    a.names()
        .iter()
        .map(|(n, _)| strsim::jaro_winkler(key, &fold(n)))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_words_are_read() {
        let rules = Rules::parse(EMBEDDED_NAMES).expect("data/names/en.json");
        let names: Vec<&str> = rules.offices().iter().map(|o| o.office.as_str()).collect();
        assert_eq!(names, ["government", "armed forces", "head of state"]);
    }

    #[test]
    fn a_bad_words_file_is_an_error() {
        let e = Rules::parse(r#"{"version": 1, "articles": [], "patterns": ["{state}"], "offices": [], "capital": "x"}"#)
            .unwrap_err();
        assert!(e.to_string().contains("pattern"), "{e}");
        let e = Rules::parse(r#"{"version": 1, "articles": [], "patterns": [], "offices": [], "capital": "x", "extra": 1}"#)
            .unwrap_err();
        assert!(e.to_string().contains("extra"), "{e}");
    }

    #[test]
    fn an_office_is_held_by_its_kind_of_affiliation() {
        let rules = Rules::parse(EMBEDDED_NAMES).unwrap();
        let [government, army, head] = rules.offices() else {
            panic!()
        };
        let tie = |kind: AffiliationKind| Affiliation {
            actor: "lby".into(),
            role: "whatever the text says".into(),
            kind,
            from: None,
            until: None,
        };
        // a rival government is not the government, whatever its role text says
        assert!(fills(government, &tie(AffiliationKind::GovernmentOf)));
        assert!(!fills(government, &tie(AffiliationKind::Other)));
        assert!(fills(army, &tie(AffiliationKind::ArmedForcesOf)));
        assert!(!fills(army, &tie(AffiliationKind::Member)));
        // the head of state, not the head of government
        assert!(fills(head, &tie(AffiliationKind::Leads)));
        assert!(!fills(head, &tie(AffiliationKind::HeadsGovernment)));
        assert!(!fills(head, &tie(AffiliationKind::Other)));
    }
}
