//! Which actors has this document named so far? The registry's actors, then the newcomers
//! the text introduced, with registry names by skeleton so that another spelling of a
//! known name is that actor. Mentions fill the table; references read it.

use foldhash::HashMap;
use foldhash::HashSet;

use crate::model::{Actor, ActorKind};
use crate::text::normalize::fold;

/// Registry names by their skeleton, so that another spelling of a name finds its actor
/// ("Abdel-Fattah el-Sissi" is Abdel Fattah al-Sisi, "Mohammed Hamdan Daglo" is Mohamed
/// Hamdan Dagalo): folded, split at spaces, hyphens and apostrophes, without the name
/// particles of the language data ("al", "el", "bin"), each word kept as its first letter
/// and its consonants with repeats merged. Names of fewer than two such words, and
/// skeletons two registry actors share, are left out.
#[derive(Debug, Clone, Default)]
pub struct Skeletons {
    particles: HashSet<String>,
    vowels: Vec<char>,
    /// Skeleton -> registry index, or `None` when two actors share it.
    by_key: HashMap<String, Option<usize>>,
}

impl Skeletons {
    /// The skeletons of every name and alias of `actors`, leaving out `particles` and,
    /// after each word's first letter, `vowels`.
    pub fn new<'p>(
        actors: &[Actor],
        particles: impl IntoIterator<Item = &'p str>,
        vowels: &str,
    ) -> Self {
        let mut out = Skeletons {
            particles: particles.into_iter().map(str::to_string).collect(),
            vowels: vowels.chars().collect(),
            by_key: HashMap::default(),
        };
        for (i, a) in actors.iter().enumerate() {
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                if let Some(key) = out.key(name) {
                    let slot = out.by_key.entry(key).or_insert(Some(i));
                    if slot.is_some_and(|j| j != i) {
                        *slot = None;
                    }
                }
            }
        }
        out
    }

    /// The registry actor whose name `name` spells another way, if exactly one.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(&self.key(name)?).copied().flatten()
    }

    /// The skeleton of a name; `None` for fewer than two words.
    pub fn key(&self, name: &str) -> Option<String> {
        let folded = fold(name);
        let words: Vec<String> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !self.particles.contains(*w))
            .map(|w| {
                let mut out = String::new();
                for (k, c) in w.chars().enumerate() {
                    let vowel = self.vowels.contains(&c);
                    if (k == 0 || !vowel) && !out.ends_with(c) {
                        out.push(c);
                    }
                }
                out
            })
            .collect();
        (words.len() >= 2).then(|| words.join(" "))
    }
}

/// The actor table of one document: registry actors, then new ones.
#[derive(Debug, Clone)]
pub struct ActorTable<'a> {
    /// Registry actors.
    pub known: &'a [Actor],
    /// Actors found in this document only.
    pub new: Vec<Actor>,
    /// Folded name of each new actor -> its index in `new`, so that a document naming
    /// thousands of newcomers is not read in quadratic time.
    new_names: HashMap<String, usize>,
    /// Id -> index of the first registry actor with that id, when the caller has one.
    known_ids: Option<&'a HashMap<String, usize>>,
    /// Registry names by skeleton: a new name that spells a registry name another way
    /// is that actor.
    skeletons: Option<&'a Skeletons>,
}

impl<'a> ActorTable<'a> {
    /// A table of the registry `known` and no new actor yet.
    pub fn new(known: &'a [Actor]) -> Self {
        ActorTable {
            known,
            new: Vec::new(),
            new_names: HashMap::default(),
            known_ids: None,
            skeletons: None,
        }
    }

    /// The table reads new names against these skeletons of the registry's names.
    pub(crate) fn with_skeletons(self, skeletons: &'a Skeletons) -> Self {
        ActorTable {
            skeletons: Some(skeletons),
            ..self
        }
    }

    /// [`ActorTable::new`], with `known_ids` mapping each id to the index of the first
    /// actor of `known` with that id, so that ids are looked up without a scan.
    pub(crate) fn indexed(known: &'a [Actor], known_ids: &'a HashMap<String, usize>) -> Self {
        ActorTable {
            known_ids: Some(known_ids),
            ..ActorTable::new(known)
        }
    }
}

impl ActorTable<'_> {
    /// The actor at table index `i`.
    pub fn get(&self, i: usize) -> &Actor {
        if i < self.known.len() {
            &self.known[i]
        } else {
            &self.new[i - self.known.len()]
        }
    }

    /// Whether table index `i` is a registry actor (not one found in the text).
    pub fn is_known(&self, i: usize) -> bool {
        i < self.known.len()
    }

    /// The actor with this id, registry or new.
    pub fn by_id(&self, id: &str) -> Option<&Actor> {
        let known = match self.known_ids {
            Some(ids) => ids.get(id).and_then(|&i| self.known.get(i)),
            None => self.known.iter().find(|a| a.id == id),
        };
        known.or_else(|| self.new.iter().find(|a| a.id == id))
    }

    /// Adds `actor`, a person, as [`ActorTable::add`] does; a new actor of the same name
    /// whose kind was not known becomes a person.
    pub fn add_person(&mut self, actor: Actor) -> usize {
        let a = self.add(actor);
        if let Some(j) = a.checked_sub(self.known.len()) {
            if self.new[j].kind == ActorKind::Other {
                self.new[j].kind = ActorKind::Person;
            }
        }
        a
    }

    /// Adds a new actor unless one with the same name exists, or the name spells a
    /// registry name another way; returns its index.
    pub fn add(&mut self, actor: Actor) -> usize {
        if let Some(i) = self.skeletons.and_then(|s| s.find(&actor.name)) {
            if i < self.known.len() {
                return i;
            }
        }
        let key = fold(&actor.name);
        if let Some(&j) = self.new_names.get(&key) {
            if self.new[j].affiliations.is_empty() {
                self.new[j].affiliations = actor.affiliations;
            }
            return self.known.len() + j;
        }
        self.new_names.insert(key, self.new.len());
        self.new.push(actor);
        self.known.len() + self.new.len() - 1
    }
}
