//! Reference: which actor does "he", "its fighters" or "the group" stand for?
//!
//! Resolution walks the document in order, keeping the actors mentioned so far. Personal
//! pronouns go to the latest person; "it"/"its" and "they"/"their" to the first group or
//! state of the current sentence before the pronoun, else of the previous sentence;
//! descriptions ("the group", "the bloc", "the junta") to the latest actor of a fitting
//! kind; first-person pronouns inside quotes to the speaker.

use crate::extract::table::ActorTable;
use crate::model::{ActorKind, AffiliationKind};
use crate::text::normalize::Shapes;

/// A word that may stand for an actor, and what it can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// he, him, his, she, her
    Person,
    /// it, its
    Thing,
    /// they, them, their
    Plural,
    /// we, our, us, I, my (the speaker)
    Speaker,
    /// "the group", "the movement", "the militia", "the rebels", "the paramilitaries"
    Group,
    /// "the bloc", "the organisation"
    Organisation,
    /// "the regime", "the government", "the administration"
    Government,
    /// "the junta": a military government, never a civilian or shadow one
    Junta,
    /// "the army", "the military"
    Army,
    /// "the marshal", "the general", "the president"
    Titled,
    /// "both sides", "the two parties", "the warring parties": the two actors the
    /// document has most often shown opposing each other
    BothSides,
}

/// Every word [`classify`] can read as a reference, and the army words of "army
/// positions" (`extract` reads them), in lower case and sorted: a sentence with none of
/// them and no actor reads to nothing. A test checks it against `classify`.
pub(crate) const REFERRING_WORDS: &[&str] = &[
    "administration",
    "alliance",
    "army",
    "authorities",
    "bloc",
    "coalition",
    "commander",
    "countries",
    "forces",
    "general",
    "government",
    "group",
    "he",
    "her",
    "him",
    "his",
    "i",
    "insurgents",
    "it",
    "its",
    "junta",
    "marshal",
    "militants",
    "military",
    "militia",
    "militias",
    "minister",
    "movement",
    "my",
    "nations",
    "neighbors",
    "neighbours",
    "organisation",
    "organization",
    "our",
    "paramilitaries",
    "parties",
    "premier",
    "president",
    "rebels",
    "regime",
    "rivals",
    "separatists",
    "she",
    "sides",
    "their",
    "them",
    "they",
    "troops",
    "us",
    "we",
];

/// The shapes of [`REFERRING_WORDS`].
const REFERRING_SHAPES: Shapes = Shapes::of(REFERRING_WORDS);

/// May `word` (in lower case) be one of [`REFERRING_WORDS`]? False only when it is not:
/// most words are passed over here without [`classify`] comparing them with its words.
pub(crate) fn may_refer(word: &str) -> bool {
    REFERRING_SHAPES.may_hold(word.as_bytes())
}

/// What a word (or two-word description) can refer to; `next` is the following word.
pub fn classify(word: &str, prev: &str) -> Option<RefKind> {
    let w = word;
    match w {
        "he" | "him" | "his" | "she" | "her" => Some(RefKind::Person),
        "it" | "its" => Some(RefKind::Thing),
        "they" | "them" | "their" => Some(RefKind::Plural),
        "we" | "our" | "us" | "i" | "my" => Some(RefKind::Speaker),
        // "that government", "federal forces", "the army-led government"
        "junta" if matches!(prev, "the" | "that" | "this" | "military" | "ruling") => {
            Some(RefKind::Junta)
        }
        "government" | "authorities" | "regime"
            if matches!(
                prev,
                "that"
                    | "this"
                    | "federal"
                    | "led"
                    | "military"
                    | "recognised"
                    | "recognized"
                    | "backed"
                    | "central"
            ) =>
        {
            Some(RefKind::Government)
        }
        "forces" | "troops" | "army" if prev == "federal" => Some(RefKind::Government),
        "sides" | "parties" | "countries" | "nations" | "neighbours" | "neighbors" | "rivals"
            if matches!(prev, "both" | "two" | "warring") =>
        {
            Some(RefKind::BothSides)
        }
        // "the Iran-backed group", "the UAE-backed paramilitaries"
        "group" | "movement" | "militia" | "militias" | "paramilitaries" | "rebels"
        | "insurgents" | "militants"
            if matches!(
                prev,
                "backed"
                    | "supported"
                    | "funded"
                    | "armed"
                    | "sponsored"
                    | "linked"
                    | "affiliated"
                    | "aligned"
                    | "allied"
                    | "inspired"
                    | "led"
            ) =>
        {
            Some(RefKind::Group)
        }
        _ if prev == "the" => match w {
            "group" | "movement" | "militia" | "paramilitaries" | "insurgents" | "militants"
            | "separatists" => Some(RefKind::Group),
            "bloc" | "organisation" | "organization" | "alliance" | "coalition" => {
                Some(RefKind::Organisation)
            }
            "regime" | "government" | "administration" | "authorities" => Some(RefKind::Government),
            "army" | "military" => Some(RefKind::Army),
            "marshal" | "general" | "president" | "commander" | "minister" | "premier" => {
                Some(RefKind::Titled)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The state named most often in `list`; on a tie, the one named first.
fn most_named_state(list: &[&Seen], kind: &dyn Fn(usize) -> ActorKind) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for s in list {
        if kind(s.actor) == ActorKind::State {
            match counts.iter_mut().find(|c| c.0 == s.actor) {
                Some(c) => c.1 += 1,
                None => counts.push((s.actor, 1)),
            }
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    counts.iter().find(|c| c.1 == best).map(|c| c.0)
}

/// A regular army ("Sudanese Armed Forces"; "Tatmadaw", the armed forces of Myanmar):
/// an armed group affiliated with a state as its armed forces. Rebel armies ("Arakan
/// Army") belong to no state and are not "the army"; a movement's armed wing is the
/// armed forces of the movement, not of a state.
fn is_state_army(a: &crate::model::Actor, table: &ActorTable<'_>) -> bool {
    a.kind == ActorKind::ArmedGroup
        && a.affiliations.iter().any(|f| {
            f.kind == AffiliationKind::ArmedForcesOf
                && table
                    .by_id(&f.actor)
                    .is_some_and(|s| s.kind == ActorKind::State)
        })
}

/// The classes [`Memory`] asks of the registry actors `known`, the first actors of
/// `table` (which holds no new actor yet), computed once rather than in every document;
/// `None` for an actor affiliated with an id the registry lacks, which a document's new
/// actor could take.
pub(crate) fn known_classes(
    known: &[crate::model::Actor],
    table: &ActorTable<'_>,
) -> Vec<Option<u8>> {
    let memory = Memory::default();
    known
        .iter()
        .enumerate()
        .map(|(i, a)| {
            a.affiliations
                .iter()
                .all(|f| table.by_id(&f.actor).is_some())
                .then(|| memory.class_of(i, table))
        })
        .collect()
}

/// A parliament or assembly: never "the group" or "the movement".
fn is_legislature(a: &crate::model::Actor) -> bool {
    let n = a.name.to_lowercase();
    [
        "parliament",
        "assembly",
        "house of",
        "congress",
        "senate",
        "legislature",
    ]
    .iter()
    .any(|w| n.contains(w))
        || a.affiliations
            .iter()
            .any(|f| f.kind == AffiliationKind::LegislatureOf)
}

/// A mention seen so far: actor table index and sentence index.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    /// Actor table index.
    pub actor: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Position of the mention in its sentence's token list.
    pub position: usize,
}

/// The memory of a document's mentions.
#[derive(Debug, Default)]
pub struct Memory {
    seen: Vec<Seen>,
    /// The latest mention of each class among the first `scanned` of `seen`, extended as
    /// references come in document order, so that a reference to a class the document
    /// never names does not cost a scan of the whole document.
    latest: std::cell::RefCell<Latest>,
    /// Per actor table index, once asked: whether the actor is a group
    /// ([`GROUP_CLASS`]) and a state's army ([`ARMY_CLASS`]). Both read its names and
    /// affiliations, which do not change within a document.
    classes: std::cell::RefCell<Vec<Option<u8>>>,
}

/// An armed group or political body that is neither a state's army nor a legislature:
/// what "the group" may stand for.
const GROUP_CLASS: u8 = 1;
/// [`is_state_army`].
const ARMY_CLASS: u8 = 2;

/// Indices in `seen` of the latest mention of each class, among the first `scanned`.
#[derive(Debug, Default, Clone, Copy)]
struct Latest {
    scanned: usize,
    person: Option<usize>,
    non_person: Option<usize>,
    group: Option<usize>,
    organisation: Option<usize>,
    army: Option<usize>,
}

impl Memory {
    /// The latest mention of each class among `seen[..end]`.
    fn latest(&self, end: usize, table: &ActorTable<'_>) -> Latest {
        let mut l = self.latest.borrow_mut();
        if end < l.scanned {
            // asked out of document order: start again
            *l = Latest::default();
        }
        for i in l.scanned..end {
            let a = table.get(self.seen[i].actor);
            if a.kind == ActorKind::Person {
                l.person = Some(i);
            } else {
                l.non_person = Some(i);
            }
            let class = self.class_of(self.seen[i].actor, table);
            if class & GROUP_CLASS != 0 {
                l.group = Some(i);
            }
            if a.kind == ActorKind::InternationalOrganisation {
                l.organisation = Some(i);
            }
            if class & ARMY_CLASS != 0 {
                l.army = Some(i);
            }
        }
        l.scanned = end;
        *l
    }

    /// A memory that knows the classes of the first actors of every table it will be
    /// asked with, from [`known_classes`].
    pub(crate) fn with_known_classes(classes: &[Option<u8>]) -> Self {
        Memory {
            classes: std::cell::RefCell::new(classes.to_vec()),
            ..Memory::default()
        }
    }

    /// [`GROUP_CLASS`] and [`ARMY_CLASS`] of the actor at table index `actor`.
    fn class_of(&self, actor: usize, table: &ActorTable<'_>) -> u8 {
        let mut classes = self.classes.borrow_mut();
        if let Some(&Some(class)) = classes.get(actor) {
            return class;
        }
        let a = table.get(actor);
        let army = is_state_army(a, table);
        let group = matches!(a.kind, ActorKind::ArmedGroup | ActorKind::PoliticalBody)
            && !army
            && !is_legislature(a);
        let class = (u8::from(group) * GROUP_CLASS) | (u8::from(army) * ARMY_CLASS);
        if classes.len() <= actor {
            classes.resize(actor + 1, None);
        }
        classes[actor] = Some(class);
        class
    }

    /// Records a mention.
    pub fn push(&mut self, s: Seen) {
        self.seen.push(s);
    }

    /// Resolves "the marshal", "the commander": the latest person named before whose role
    /// or names hold the title word; nobody when no such person was named (a title alone
    /// says too little to guess).
    pub fn resolve_titled(
        &self,
        title: &str,
        sentence: usize,
        position: usize,
        table: &ActorTable<'_>,
    ) -> Option<usize> {
        let fits = |a: &crate::model::Actor| {
            a.kind == ActorKind::Person
                && (a.affiliations.iter().any(|f| {
                    f.role
                        .to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == title)
                }) || a.aliases.iter().any(|n| {
                    n.to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == title)
                }))
        };
        self.seen
            .iter()
            .filter(|s| s.sentence < sentence || (s.sentence == sentence && s.position < position))
            .rfind(|s| fits(table.get(s.actor)))
            .map(|s| s.actor)
    }

    /// Resolves a reference at (`sentence`, `position`).
    pub fn resolve(
        &self,
        kind: RefKind,
        sentence: usize,
        position: usize,
        table: &ActorTable<'_>,
    ) -> Option<usize> {
        let k = |i: usize| table.get(i).kind;
        // `seen` is in document order, so the mentions before (sentence, position) are a
        // prefix and those earlier in this sentence the end of it; the latest match is
        // found from the end, in time that does not grow with the document
        let end = self
            .seen
            .partition_point(|s| (s.sentence, s.position) < (sentence, position));
        let before = &self.seen[..end];
        let here = &before[before.partition_point(|s| s.sentence < sentence)..];
        let latest = self.latest(end, table);
        let at = |i: Option<usize>| i.map(|i| &self.seen[i]);
        match kind {
            RefKind::Titled => None,
            RefKind::Person => {
                // a person earlier in this sentence, else the first person (the subject)
                // of the latest sentence that names one
                let person = |s: &&Seen| k(s.actor) == ActorKind::Person;
                // the latest person before: in this sentence, or the latest sentence
                let last = at(latest.person)?;
                if last.sentence == sentence {
                    return Some(last.actor);
                }
                let latest = last.sentence;
                let from = before.partition_point(|s| s.sentence < latest);
                before[from..]
                    .iter()
                    .take_while(|s| s.sentence == latest)
                    .find(person)
                    .map(|s| s.actor)
            }
            RefKind::Thing | RefKind::Plural => {
                let non_person = |s: &&Seen| k(s.actor) != ActorKind::Person;
                if let Some(s) = here.iter().find(non_person) {
                    return Some(s.actor);
                }
                // the first non-person of the latest earlier sentence that has one
                // none in this sentence, so the latest non-person is in an earlier one
                let earlier = &before[..before.len() - here.len()];
                let latest = at(latest.non_person)?.sentence;
                let from = earlier.partition_point(|s| s.sentence < latest);
                earlier[from..].iter().find(non_person).map(|s| s.actor)
            }
            // an armed group or political body; "the group", "the paramilitaries": not a
            // state's own army, nor a legislature
            RefKind::Group => at(latest.group).map(|s| s.actor),
            RefKind::Organisation => at(latest.organisation).map(|s| s.actor),
            // a state's army named before; else the army of the latest state named in this
            // sentence ("in neighbouring Mali, where they fight alongside the army")
            RefKind::Army => at(latest.army)
                .or_else(|| here.iter().rev().find(|s| k(s.actor) == ActorKind::State))
                .map(|s| s.actor),
            RefKind::Junta => {
                // a state's army named before, else the state the text is about
                let list: Vec<&Seen> = before.iter().collect();
                list.iter()
                    .rev()
                    .find(|s| self.class_of(s.actor, table) & ARMY_CLASS != 0)
                    .map(|s| s.actor)
                    .or_else(|| most_named_state(&list, &k))
            }
            RefKind::Government => {
                // a government actor if one was named, else the most named state
                let list: Vec<&Seen> = before.iter().collect();
                if let Some(g) = list
                    .iter()
                    .rev()
                    .find(|s| k(s.actor) == ActorKind::Government)
                {
                    return Some(g.actor);
                }
                most_named_state(&list, &k)
            }
            RefKind::Speaker | RefKind::BothSides => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_classes_are_what_each_document_would_find() {
        use crate::model::{Actor, Affiliation};
        let mut actors = crate::graph::data::embedded().expect("registry").actors;
        let army = |id: &str, of: &str, role: &str, kind: AffiliationKind| {
            let mut a = Actor::new(id, id, ActorKind::ArmedGroup);
            a.affiliations.push(Affiliation {
                actor: of.into(),
                role: role.into(),
                kind,
                from: None,
                until: None,
            });
            a
        };
        // a state's army, a group, a legislature, and an army of a state the registry
        // lacks, which a document's new actor may name
        actors.push(army(
            "test-army",
            "mli",
            "Armed Forces",
            AffiliationKind::ArmedForcesOf,
        ));
        actors.push(army("test-group", "mli", "ally", AffiliationKind::Other));
        actors.push(Actor::new(
            "test-house",
            "House of Test",
            ActorKind::PoliticalBody,
        ));
        actors.push(army(
            "test-dangling",
            "no-such-state",
            "army",
            AffiliationKind::ArmedForcesOf,
        ));
        let mut ids = foldhash::HashMap::default();
        for (i, a) in actors.iter().enumerate() {
            ids.entry(a.id.clone()).or_insert(i);
        }
        let table = ActorTable::indexed(&actors, &ids);
        let known = known_classes(&actors, &table);
        let class = |id: &str| known[ids[id]];
        assert_eq!(class("test-army"), Some(ARMY_CLASS));
        assert_eq!(class("test-group"), Some(GROUP_CLASS));
        assert_eq!(class("test-house"), Some(0));
        assert_eq!(class("test-dangling"), None);
        assert!(known.iter().flatten().any(|&c| c == GROUP_CLASS));
        let fresh = Memory::default();
        for (i, k) in known.iter().enumerate() {
            if let Some(k) = *k {
                assert_eq!(fresh.class_of(i, &table), k, "{}", actors[i].id);
            }
        }
        // with the classes known, a memory answers as one that works them out
        let seeded = Memory::with_known_classes(&known);
        for i in 0..actors.len() {
            assert_eq!(seeded.class_of(i, &table), fresh.class_of(i, &table));
        }
    }

    #[test]
    fn every_referring_word_may_refer() {
        assert!(REFERRING_WORDS.iter().all(|w| may_refer(w)));
        assert!(!may_refer("") && !may_refer("the") && !may_refer("said"));
    }

    #[test]
    fn referring_words_are_sorted_and_lower_case() {
        assert!(REFERRING_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(REFERRING_WORDS
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    /// Every word `classify` can read as a reference, with any word before it, is in
    /// `REFERRING_WORDS`. The words tried are every string literal of `classify` itself,
    /// so a word added there and not here fails this test.
    #[test]
    fn referring_words_cover_classify() {
        let source = include_str!("reference.rs");
        let start = source.find("pub fn classify").expect("classify");
        let body = &source[start..];
        let body = &body[..body.find("\n}\n").expect("end of classify")];
        let literals: Vec<&str> = body.split('"').skip(1).step_by(2).collect();
        assert!(literals.len() > 50, "{literals:?}");
        let mut prevs = literals.clone();
        prevs.extend(["", "x", "said"]);
        for w in &literals {
            for p in &prevs {
                if classify(w, p).is_some() {
                    assert!(
                        REFERRING_WORDS.contains(&w.to_lowercase().as_str()),
                        "classify reads \"{w}\" after \"{p}\" but REFERRING_WORDS misses it"
                    );
                }
            }
        }
        for w in ["army", "military"] {
            assert!(REFERRING_WORDS.contains(&w), "{w}");
        }
    }
}
