//! The frame lexicon: the English that the frame engine reads, as data
//! (`data/lexicon/en.json`, schema in `docs/lexicon.md`).
//!
//! Rust code here knows only Universal Dependencies relations and how to look words up;
//! which lemma signals which relation, which prepositions name the target, which words
//! negate or hedge, all come from the file.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{ActorKind, RelationKind};

/// The English frame lexicon compiled into the binary.
pub const EMBEDDED_FRAMES: &str = include_str!("../../../data/lexicon/en.json");

/// Which words a frame is keyed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pos {
    /// A verb: "Turkey backs the GNA".
    Verb,
    /// A noun: "an ally of", "the war between", "Russia's support for".
    Noun,
    /// An adjective (or a participle used as one): "loyal to", "hostile to".
    Adj,
    /// The word after a hyphen: "Russian-backed".
    Compound,
    /// The word before a hyphen: "pro-Turkish", "anti-Western".
    Prefix,
}

/// Where one side of a frame is found, relative to the frame's word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The clause subject (`nsubj`), with control, coordination and passive handled.
    Subject,
    /// The direct object (`obj`), or the passive subject.
    Object,
    /// The indirect object (`iobj`).
    IndirectObject,
    /// The possessor (`nmod:poss`).
    Possessor,
    /// An oblique of a verb or adjective introduced by one of these prepositions.
    Oblique(String),
    /// A noun modifier introduced by one of these prepositions.
    Nominal(String),
    /// Who a relational noun or adjective describes: the copula subject, the apposed
    /// name, the noun modified.
    Holder,
    /// Who does what an event noun names: possessor, demonym, compound, "by", or the
    /// subject of the light verb that governs the noun.
    Agent,
    /// A demonym modifying the frame word ("a Russian ally").
    Demonym,
    /// The actor written with the frame word in one compound ("Russian" in "Russian-backed").
    Modifier,
    /// The noun the compound or prefixed word modifies.
    Head,
    /// The subject of the clausal complement ("demanded that *the RSF* end the siege").
    ComplementSubject,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "nsubj" => Role::Subject,
            "obj" => Role::Object,
            "iobj" => Role::IndirectObject,
            "nmod:poss" => Role::Possessor,
            "holder" => Role::Holder,
            "agent" => Role::Agent,
            "demonym" => Role::Demonym,
            "modifier" => Role::Modifier,
            "head" => Role::Head,
            "ccomp:nsubj" => Role::ComplementSubject,
            _ => {
                if let Some(p) = s.strip_prefix("obl:") {
                    Role::Oblique(p.to_string())
                } else if let Some(p) = s.strip_prefix("nmod:") {
                    Role::Nominal(p.to_string())
                } else {
                    return None;
                }
            }
        })
    }

    /// The preposition of an oblique or nominal role.
    pub fn preposition(&self) -> Option<&str> {
        match self {
            Role::Oblique(p) | Role::Nominal(p) => Some(p),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameDef {
    id: String,
    pos: Pos,
    relation: RelationKind,
    lemmas: Vec<String>,
    source: Vec<String>,
    target: Vec<String>,
    #[serde(default)]
    object: Vec<String>,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    complement: bool,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    agent_of: Vec<String>,
    #[serde(default)]
    qualified: Vec<String>,
    #[serde(default)]
    complement_lemmas: Vec<String>,
    #[serde(default)]
    complement_preposition: Option<String>,
    #[serde(default)]
    only_with: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    ended: Option<RelationKind>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// The prepositions the tree operations read, by what they mark.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Prepositions {
    /// The doer of a passive verb or of an act noun ("backed *by* Iran").
    agent: String,
    /// The owner or the members of a noun ("the forces *of* Haftar", "dozens *of* fighters").
    genitive: String,
    /// The role something is given ("emerged *as* an ally").
    role: String,
    /// The giver of what is received ("support *from* Russia").
    source: String,
    /// What the subject of a verb has with it ("survived *with* help from France").
    accompaniment: String,
    /// Whom something is given or sent ("an ultimatum *to* B"); a light verb may name
    /// that one as its indirect object instead ("gave B an ultimatum").
    recipient: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    version: u32,
    language: String,
    frames: Vec<FrameDef>,
    light_verbs: Vec<String>,
    receiving_verbs: Vec<String>,
    close_words: Vec<String>,
    definite_determiners: Vec<String>,
    negators: Vec<String>,
    negating_verbs: Vec<String>,
    ending_verbs: Vec<String>,
    alias_verbs: Vec<String>,
    alias_prepositions: Vec<String>,
    reciprocals: Vec<String>,
    reflexives: Vec<String>,
    act_nouns: Vec<String>,
    hedging_verbs: Vec<String>,
    hedging_words: Vec<String>,
    conditional_marks: Vec<String>,
    reason_marks: Vec<String>,
    prepositions: Prepositions,
    unasserting_words: Vec<String>,
    example_prepositions: Vec<String>,
    owner_prepositions: Vec<String>,
    state_prepositions: Vec<String>,
    seat_prepositions: Vec<String>,
    name_prepositions: Vec<String>,
    intent_nouns: Vec<String>,
    causing_verbs: Vec<String>,
    linking_verbs: Vec<String>,
    event_references: Vec<String>,
    comitative_prepositions: Vec<String>,
    agentive_participles: Vec<String>,
    representative_nouns: Vec<String>,
    representative_prepositions: Vec<String>,
    place_lemmas: Vec<String>,
    quantity_words: Vec<String>,
    threat_verbs: Vec<String>,
    objecting_verbs: Vec<String>,
    intention_auxiliaries: Vec<String>,
    pair_nouns: Vec<String>,
    pair_determiners: Vec<String>,
    speech_verbs: Vec<String>,
    pronouns: BTreeMap<String, PronounClass>,
    descriptions: BTreeMap<String, Vec<String>>,
    agent_nouns: Vec<String>,
    group_nouns: Vec<String>,
    titles: Vec<String>,
    place_nouns: Vec<String>,
    not_names: Vec<String>,
    compass_words: Vec<String>,
    locative_prepositions: Vec<String>,
    calendar_words: Vec<String>,
    claim_nouns: Vec<String>,
    message_nouns: Vec<String>,
    setting_prepositions: Vec<String>,
    name_particles: Vec<String>,
    name_vowels: String,
}

/// What a pronoun can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PronounClass {
    /// A person ("he", "her").
    Person,
    /// One actor that is not a person ("it", "its").
    Thing,
    /// A group or state ("they", "their").
    Plural,
    /// The speaker of the clause ("we", "our").
    Speaker,
}

/// One relation frame, compiled.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Frame id, reported as the rule of every claim it gives.
    pub id: String,
    /// Which words it is keyed on.
    pub pos: Pos,
    /// The relation it signals.
    pub relation: RelationKind,
    /// Where the source is found, first match wins.
    pub source: Vec<Role>,
    /// Where the target is found, first match wins.
    pub target: Vec<Role>,
    /// Lemmas the object must have ("sent *troops* to"); `""` allows no object.
    pub object: Vec<String>,
    /// The relation holds both ways.
    pub symmetric: bool,
    /// Fires only when something is asked of the target (an infinitive or clause).
    pub complement: bool,
    /// Confidence of its claims.
    pub confidence: f64,
    /// Lemmas whose "of" names the agent.
    pub agent_of: Vec<String>,
    /// Prepositions that name the target only for some lemmas.
    pub only_with: BTreeMap<String, Vec<String>>,
    /// Lemmas that count only with a close word ("close ties").
    pub qualified: Vec<String>,
    /// Keyed on any lemma ("*"): the preposition alone decides.
    pub wildcard: bool,
    /// Nouns of which one must say what the object is ("designated X *a terrorist
    /// organisation*").
    pub complement_lemmas: Vec<String>,
    /// The preposition of such a complement ("regards X *as* ...").
    pub complement_preposition: String,
    /// The relation of whoever ends what the frame word names, to the other side, when
    /// the word is the object of an ending verb: "severed ties with B" is opposition.
    pub ended: Option<RelationKind>,
}

/// The frame lexicon, compiled for lookups.
#[derive(Debug, Clone)]
pub struct FrameLexicon {
    /// Language tag (`en`).
    pub language: String,
    /// All frames, in file order.
    pub frames: Vec<Frame>,
    by_lemma: HashMap<(Pos, String), Vec<usize>>,
    any_lemma: HashMap<Pos, Vec<usize>>,
    /// The words of the prepositions of wildcard frames' roles ("against").
    wildcard_words: HashSet<String>,
    /// The prepositions of every frame's roles ("alongside", "against").
    frame_prepositions: HashSet<String>,
    light_verbs: HashSet<String>,
    receiving_verbs: HashSet<String>,
    close_words: HashSet<String>,
    definite_determiners: HashSet<String>,
    negators: HashSet<String>,
    negating_verbs: HashSet<String>,
    ending_verbs: HashSet<String>,
    alias_verbs: HashSet<String>,
    alias_prepositions: HashSet<String>,
    reciprocals: HashSet<String>,
    reflexives: HashSet<String>,
    act_nouns: HashSet<String>,
    hedging_verbs: HashSet<String>,
    hedging_words: HashSet<String>,
    conditional_marks: HashSet<String>,
    reason_marks: HashSet<String>,
    prepositions: Prepositions,
    unasserting_words: HashSet<String>,
    example_prepositions: HashSet<String>,
    owner_prepositions: HashSet<String>,
    state_prepositions: HashSet<String>,
    seat_prepositions: HashSet<String>,
    name_prepositions: HashSet<String>,
    intent_nouns: HashSet<String>,
    causing_verbs: HashSet<String>,
    linking_verbs: HashSet<String>,
    event_references: HashSet<String>,
    comitative_prepositions: HashSet<String>,
    agentive_participles: HashSet<String>,
    representative_nouns: HashSet<String>,
    representative_prepositions: HashSet<String>,
    place_lemmas: HashSet<String>,
    quantity_words: HashSet<String>,
    threat_verbs: HashSet<String>,
    objecting_verbs: HashSet<String>,
    intention_auxiliaries: HashSet<String>,
    pair_nouns: HashSet<String>,
    pair_determiners: HashSet<String>,
    speech_verbs: HashSet<String>,
    pronouns: HashMap<String, PronounClass>,
    descriptions: HashMap<String, Vec<ActorKind>>,
    agent_nouns: HashSet<String>,
    group_nouns: HashSet<String>,
    titles: HashSet<String>,
    place_nouns: HashSet<String>,
    not_names: HashSet<String>,
    compass_words: HashSet<String>,
    locative_prepositions: Vec<Vec<String>>,
    calendar_words: HashSet<String>,
    claim_nouns: HashSet<String>,
    message_nouns: HashSet<String>,
    setting_prepositions: HashSet<String>,
    name_particles: HashSet<String>,
    name_vowels: String,
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

impl FrameLexicon {
    /// The lexicon compiled into the binary.
    ///
    /// # Errors
    /// Only if the embedded file is malformed, which the tests rule out.
    pub fn embedded() -> Result<Self> {
        Self::from_json("data/lexicon/en.json", EMBEDDED_FRAMES)
    }

    /// Parses and checks a frame lexicon; `path` is used in messages.
    ///
    /// # Errors
    /// [`Error::Data`] naming file, line, column and field: malformed JSON, an unknown
    /// field, an unknown role, a frame with no lemma, source or target.
    pub fn from_json(path: &str, text: &str) -> Result<Self> {
        let def: FileDef = crate::error::from_json(path, text)?;
        if def.version != 1 {
            return Err(Error::data(
                path,
                "version",
                format!("unsupported frame lexicon version {}", def.version),
            ));
        }
        let mut frames = Vec::with_capacity(def.frames.len());
        let mut by_lemma: HashMap<(Pos, String), Vec<usize>> = HashMap::new();
        let mut any_lemma: HashMap<Pos, Vec<usize>> = HashMap::new();
        let mut ids = HashSet::new();
        for (k, f) in def.frames.into_iter().enumerate() {
            let field = |name: &str| format!("frames[{k}].{name}");
            if !ids.insert(f.id.clone()) {
                return Err(Error::data(
                    path,
                    field("id"),
                    format!("duplicate frame id {:?}", f.id),
                ));
            }
            let roles = |list: &[String], name: &str| -> Result<Vec<Role>> {
                if list.is_empty() {
                    return Err(Error::data(path, field(name), "no role given"));
                }
                list.iter()
                    .enumerate()
                    .map(|(j, r)| {
                        Role::parse(r).ok_or_else(|| {
                            Error::data(
                                path,
                                format!("{}[{j}]", field(name)),
                                format!("unknown role {r:?}: use nsubj, obj, iobj, nmod:poss, obl:PREP, nmod:PREP, ccomp:nsubj, holder, agent, demonym, modifier or head"),
                            )
                        })
                    })
                    .collect()
            };
            let source = roles(&f.source, "source")?;
            let target = roles(&f.target, "target")?;
            if f.lemmas.is_empty() {
                return Err(Error::data(path, field("lemmas"), "no lemma given"));
            }
            let confidence = f.confidence.unwrap_or(0.8);
            if !(0.0..=1.0).contains(&confidence) {
                return Err(Error::data(
                    path,
                    field("confidence"),
                    format!("confidence {confidence} is not between 0 and 1"),
                ));
            }
            let index = frames.len();
            for lemma in &f.lemmas {
                if lemma == "*" {
                    any_lemma.entry(f.pos).or_default().push(index);
                } else {
                    let list = by_lemma.entry((f.pos, lemma.to_lowercase())).or_default();
                    if !list.contains(&index) {
                        list.push(index);
                    }
                }
            }
            frames.push(Frame {
                id: f.id,
                pos: f.pos,
                relation: f.relation,
                source,
                target,
                object: f.object.iter().map(|o| o.to_lowercase()).collect(),
                symmetric: f.symmetric,
                complement: f.complement,
                confidence,
                agent_of: f.agent_of,
                only_with: f.only_with,
                qualified: f.qualified,
                wildcard: f.lemmas.iter().any(|l| l == "*"),
                ended: f.ended,
                complement_lemmas: f
                    .complement_lemmas
                    .iter()
                    .map(|l| l.to_lowercase())
                    .collect(),
                complement_preposition: f.complement_preposition.unwrap_or_default(),
            });
        }
        let mut descriptions = HashMap::new();
        for (word, kinds) in def.descriptions {
            let kinds = kinds
                .iter()
                .map(|k| {
                    k.parse::<ActorKind>().map_err(|e| {
                        Error::data(path, format!("descriptions.{word}"), e.to_string())
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            descriptions.insert(word.to_lowercase(), kinds);
        }
        let wildcard_words = frames
            .iter()
            .filter(|f| f.wildcard)
            .flat_map(|f| f.source.iter().chain(&f.target))
            .filter_map(Role::preposition)
            .flat_map(|p| p.split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect();
        let frame_prepositions = frames
            .iter()
            .flat_map(|f| f.source.iter().chain(&f.target))
            .filter_map(Role::preposition)
            .map(str::to_string)
            .collect();
        Ok(FrameLexicon {
            language: def.language,
            frame_prepositions,
            frames,
            wildcard_words,
            by_lemma,
            any_lemma,
            light_verbs: set(def.light_verbs),
            receiving_verbs: set(def.receiving_verbs),
            close_words: set(def.close_words),
            definite_determiners: set(def.definite_determiners),
            negators: set(def.negators),
            negating_verbs: set(def.negating_verbs),
            ending_verbs: set(def.ending_verbs),
            alias_verbs: set(def.alias_verbs),
            alias_prepositions: set(def.alias_prepositions),
            reciprocals: set(def.reciprocals),
            reflexives: set(def.reflexives),
            act_nouns: set(def.act_nouns),
            hedging_verbs: set(def.hedging_verbs),
            hedging_words: set(def.hedging_words),
            conditional_marks: set(def.conditional_marks),
            reason_marks: set(def.reason_marks),
            prepositions: def.prepositions,
            unasserting_words: set(def.unasserting_words),
            example_prepositions: set(def.example_prepositions),
            owner_prepositions: set(def.owner_prepositions),
            state_prepositions: set(def.state_prepositions),
            seat_prepositions: set(def.seat_prepositions),
            name_prepositions: set(def.name_prepositions),
            intent_nouns: set(def.intent_nouns),
            causing_verbs: set(def.causing_verbs),
            linking_verbs: set(def.linking_verbs),
            event_references: set(def.event_references),
            comitative_prepositions: set(def.comitative_prepositions),
            agentive_participles: set(def.agentive_participles),
            representative_nouns: set(def.representative_nouns),
            representative_prepositions: set(def.representative_prepositions),
            place_lemmas: set(def.place_lemmas),
            quantity_words: set(def.quantity_words),
            threat_verbs: set(def.threat_verbs),
            objecting_verbs: set(def.objecting_verbs),
            intention_auxiliaries: set(def.intention_auxiliaries),
            pair_nouns: set(def.pair_nouns),
            pair_determiners: set(def.pair_determiners),
            speech_verbs: set(def.speech_verbs),
            pronouns: def
                .pronouns
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            descriptions,
            agent_nouns: set(def.agent_nouns),
            group_nouns: set(def.group_nouns),
            titles: set(def.titles),
            place_nouns: set(def.place_nouns),
            not_names: set(def.not_names),
            compass_words: set(def.compass_words),
            // (an empty entry would make every capitalised word a place)
            locative_prepositions: def
                .locative_prepositions
                .iter()
                .map(|p| {
                    p.split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect(),
            calendar_words: set(def.calendar_words),
            claim_nouns: set(def.claim_nouns),
            message_nouns: set(def.message_nouns),
            setting_prepositions: set(def.setting_prepositions),
            name_particles: set(def.name_particles),
            name_vowels: def.name_vowels.to_lowercase(),
        })
    }

    /// The frames keyed on `lemma` for words of kind `pos`, then those for any lemma.
    pub fn frames_for(&self, pos: Pos, lemma: &str) -> impl Iterator<Item = &Frame> {
        let own = self
            .by_lemma
            .get(&(pos, lemma.to_string()))
            .map_or(&[][..], Vec::as_slice);
        let any = self.any_lemma.get(&pos).map_or(&[][..], Vec::as_slice);
        own.iter().chain(any).map(move |&i| &self.frames[i])
    }

    /// Does the lexicon know `word` at all (as a frame word or in a word class)? The
    /// engine falls back from a word's lemma to its form when the lemma is unknown and
    /// the form known ("troops" lemmatized as itself).
    pub fn knows(&self, word: &str) -> bool {
        [Pos::Verb, Pos::Noun, Pos::Adj]
            .iter()
            .any(|&p| self.by_lemma.contains_key(&(p, word.to_string())))
            || [
                &self.agent_nouns,
                &self.group_nouns,
                &self.representative_nouns,
                &self.light_verbs,
                &self.receiving_verbs,
                &self.negating_verbs,
                &self.hedging_verbs,
                &self.speech_verbs,
                &self.place_lemmas,
            ]
            .iter()
            .any(|set| set.contains(word))
            || self.descriptions.contains_key(word)
    }

    /// May a sentence with these words (lower case) hold a frame? False only when no
    /// word can be a frame's word: `lemmas(form, upos)` gives the lemmas a word may have
    /// read as a verb, a noun or an adjective; words of a wildcard frame's prepositions ("against") and
    /// hyphenated words count too. Parsing the sentences that hold no cue is wasted work.
    pub fn may_hold_frame(
        &self,
        words: &[&str],
        lemmas: impl Fn(&str, &str) -> Vec<String>,
    ) -> bool {
        words.iter().any(|&w| {
            if self.wildcard_words.contains(w) || w.contains('-') {
                return true;
            }
            [("VERB", Pos::Verb), ("NOUN", Pos::Noun), ("ADJ", Pos::Adj)]
                .iter()
                .any(|&(upos, pos)| {
                    self.by_lemma.contains_key(&(pos, w.to_string()))
                        || lemmas(w, upos)
                            .into_iter()
                            .any(|l| self.by_lemma.contains_key(&(pos, l)))
                })
        })
    }

    /// Is `lemma` keyed for `pos` (wildcards aside)?
    pub fn has(&self, pos: Pos, lemma: &str) -> bool {
        self.by_lemma.contains_key(&(pos, lemma.to_string()))
    }

    /// A verb that passes its subject to the event noun it governs ("launched an offensive").
    pub fn is_light_verb(&self, lemma: &str) -> bool {
        self.light_verbs.contains(lemma)
    }
    /// A verb whose subject receives what the noun names ("received support from").
    pub fn is_receiving_verb(&self, lemma: &str) -> bool {
        self.receiving_verbs.contains(lemma)
    }
    /// A word that makes ties close ("close ties").
    pub fn is_close_word(&self, lemma: &str) -> bool {
        self.close_words.contains(lemma)
    }
    /// A determiner that makes a noun refer back ("the group").
    pub fn is_definite(&self, lemma: &str) -> bool {
        self.definite_determiners.contains(lemma)
    }
    /// A word that negates its head ("not", "never", "no").
    pub fn is_negator(&self, lemma: &str) -> bool {
        self.negators.contains(lemma)
    }
    /// A verb whose complement does not hold ("denied arming", "refused to back").
    pub fn is_negating_verb(&self, lemma: &str) -> bool {
        self.negating_verbs.contains(lemma)
    }
    /// A verb that ends or disowns the act its object names ("ceased its support").
    pub fn is_ending_verb(&self, lemma: &str) -> bool {
        self.ending_verbs.contains(lemma)
    }
    /// The preposition of the doer of a passive verb or an act noun ("by").
    pub fn agent_preposition(&self) -> &str {
        &self.prepositions.agent
    }
    /// The preposition of a noun's owner or members ("of").
    pub fn genitive_preposition(&self) -> &str {
        &self.prepositions.genitive
    }
    /// The preposition of a role given ("as").
    pub fn role_preposition(&self) -> &str {
        &self.prepositions.role
    }
    /// The preposition of the giver of what is received ("from").
    pub fn source_preposition(&self) -> &str {
        &self.prepositions.source
    }
    /// The preposition of whom something is given ("to").
    pub fn recipient_preposition(&self) -> &str {
        &self.prepositions.recipient
    }
    /// The preposition of what a verb's subject has with it ("survived *with* help from
    /// France"): support so named goes to the subject.
    pub fn accompaniment_preposition(&self) -> &str {
        &self.prepositions.accompaniment
    }
    /// A verb that gives another name of its noun ("Hamdan, *known* as Hemeti").
    pub fn is_alias_verb(&self, lemma: &str) -> bool {
        self.alias_verbs.contains(lemma)
    }
    /// A pronoun that stands for each member of its clause's subject in turn ("each
    /// other"), written as its words joined by spaces.
    pub fn is_reciprocal(&self, words: &str) -> bool {
        self.reciprocals.contains(words)
    }
    /// Is `word` the preposition of some frame's role ("alongside")?
    pub fn is_frame_preposition(&self, word: &str) -> bool {
        self.frame_prepositions.contains(word)
    }
    /// The preposition before the other name ("known *as* Hemeti").
    pub fn is_alias_preposition(&self, prep: &str) -> bool {
        self.alias_prepositions.contains(prep)
    }
    /// A verb whose complement is only suspected ("accused of arming").
    pub fn is_hedging_verb(&self, lemma: &str) -> bool {
        self.hedging_verbs.contains(lemma)
    }
    /// A modal or adverb that hedges its head ("reportedly", "may").
    pub fn is_hedging_word(&self, lemma: &str) -> bool {
        self.hedging_words.contains(lemma)
    }
    /// A subordinator that makes its clause a condition ("if", "unless").
    pub fn is_conditional_mark(&self, lemma: &str) -> bool {
        self.conditional_marks.contains(lemma)
    }
    /// A subordinator of a reason clause whose gerund is the object's act: "condemned A
    /// *for* arming B" (A arms B).
    pub fn is_reason_mark(&self, lemma: &str) -> bool {
        self.reason_marks.contains(lemma)
    }
    /// A modal that prescribes rather than reports ("should").
    pub fn is_unasserting(&self, lemma: &str) -> bool {
        self.unasserting_words.contains(lemma)
    }
    /// A preposition that introduces examples of its head ("groups such as Hamas").
    pub fn is_example_preposition(&self, prep: &str) -> bool {
        self.example_prepositions.contains(prep)
    }
    /// A preposition that names who owns an agent noun ("the forces of X", "troops from X").
    pub fn is_owner_preposition(&self, prep: &str) -> bool {
        self.owner_prepositions.contains(prep)
    }
    /// A preposition that puts a clause's subject inside a state a noun names ("is *at*
    /// war with B", "locked *in* a row with B").
    pub fn is_state_preposition(&self, prep: &str) -> bool {
        self.state_prepositions.contains(prep)
    }
    /// A preposition that names the seat of a state's government ("the regime *in*
    /// Damascus").
    pub fn is_seat_preposition(&self, prep: &str) -> bool {
        self.seat_prepositions.contains(prep)
    }
    /// A participle that, after a hyphen, makes the word before it the doer of the noun
    /// it modifies ("the American-*led* attack").
    pub fn is_agentive_participle(&self, lemma: &str) -> bool {
        self.agentive_participles.contains(lemma)
    }
    /// A preposition that may continue an organisation's name ("Movement *for* Justice").
    pub fn is_name_preposition(&self, prep: &str) -> bool {
        self.name_prepositions.contains(prep)
    }
    /// A noun of intent whose infinitive is its owner's act ("Spain's *decision* to back B").
    pub fn is_intent_noun(&self, lemma: &str) -> bool {
        self.intent_nouns.contains(lemma)
    }
    /// A verb whose object a deed of its subject brings about ("the move *drew*
    /// criticism from B"): a relation noun there is aimed at the subject.
    pub fn is_causing_verb(&self, lemma: &str) -> bool {
        self.causing_verbs.contains(lemma)
    }
    /// A verb that links its subject to a predicate noun ("Turkey *remains* B's ally").
    pub fn is_linking_verb(&self, lemma: &str) -> bool {
        self.linking_verbs.contains(lemma)
    }
    /// The relations an act named by `lemma` (a verb or a noun) is done with: those of
    /// its frames that have a doer and a side (not symmetric, not keyed on any word).
    pub fn act_relations(&self, lemma: &str) -> Vec<RelationKind> {
        let mut out = Vec::new();
        for pos in [Pos::Verb, Pos::Noun] {
            for i in self
                .by_lemma
                .get(&(pos, lemma.to_string()))
                .map_or(&[][..], Vec::as_slice)
            {
                let f = &self.frames[*i];
                if !f.symmetric && !out.contains(&f.relation) {
                    out.push(f.relation);
                }
            }
        }
        out
    }

    /// Do the acts `a` and `b` name (by lemma) share a relation ("the *attack*" after
    /// "*fired* missiles at B")?
    pub fn same_kind_of_act(&self, a: &str, b: &str) -> bool {
        let theirs = self.act_relations(b);
        self.act_relations(a).iter().any(|r| theirs.contains(r))
    }

    /// A noun that refers back to whatever act was named last ("the *move*").
    pub fn is_event_reference(&self, lemma: &str) -> bool {
        self.event_references.contains(lemma)
    }
    /// A preposition that joins a companion to a participant ("Russia, *along with* China").
    pub fn is_comitative_preposition(&self, prep: &str) -> bool {
        self.comitative_prepositions.contains(prep)
    }
    /// A noun that speaks or acts for whom it names ("a spokesman for X").
    pub fn is_representative(&self, lemma: &str) -> bool {
        self.representative_nouns.contains(lemma)
    }
    /// A preposition that names whom a representative acts for.
    pub fn is_representative_preposition(&self, prep: &str) -> bool {
        self.representative_prepositions.contains(prep)
    }
    /// A frame word whose target is often a place ("occupied X"): an unknown name there
    /// is taken for a place, not an actor.
    pub fn takes_places(&self, lemma: &str) -> bool {
        self.place_lemmas.contains(lemma)
    }
    /// A word that counts what follows it ("dozens of soldiers").
    pub fn is_quantity(&self, lemma: &str) -> bool {
        self.quantity_words.contains(lemma)
    }
    /// A verb that makes an act against someone a threat ("threatened an offensive").
    pub fn is_threat_verb(&self, lemma: &str) -> bool {
        self.threat_verbs.contains(lemma)
    }
    /// A reflexive pronoun ("themselves"): it stands for its own clause's subject and
    /// for nothing else.
    pub fn is_reflexive(&self, form: &str) -> bool {
        self.reflexives.contains(form)
    }
    /// A noun of an actor's deed or policy ("expansion", "resolution"): named by a
    /// nationality it is that state's ("Turkish expansion"), as it is its possessor's.
    pub fn is_act_noun(&self, lemma: &str) -> bool {
        self.act_nouns.contains(lemma)
    }
    /// A verb of objecting to an act ("vetoed sanctions on B"): whoever objects to an
    /// act against B that nobody is said to do takes B's side.
    pub fn is_objecting_verb(&self, lemma: &str) -> bool {
        self.objecting_verbs.contains(lemma)
    }
    /// An auxiliary of intent ("will"): an act against B it promises on a condition is
    /// a threat ("will strike B if ...").
    pub fn is_intention_auxiliary(&self, lemma: &str) -> bool {
        self.intention_auxiliaries.contains(lemma)
    }
    /// A noun that, with a pair determiner, means the two rivals ("both *sides*").
    pub fn is_pair_noun(&self, lemma: &str) -> bool {
        self.pair_nouns.contains(lemma)
    }
    /// A word that makes a pair noun mean the two rivals ("*both* sides", "the *warring* parties").
    pub fn is_pair_determiner(&self, lemma: &str) -> bool {
        self.pair_determiners.contains(lemma)
    }
    /// A verb of speech ("said", "told").
    pub fn is_speech_verb(&self, lemma: &str) -> bool {
        self.speech_verbs.contains(lemma)
    }
    /// What a pronoun can stand for.
    pub fn pronoun(&self, lemma: &str) -> Option<PronounClass> {
        self.pronouns.get(lemma).copied()
    }
    /// The kinds of actor a description ("the group", "the regime") can stand for.
    pub fn description(&self, lemma: &str) -> Option<&[ActorKind]> {
        self.descriptions.get(lemma).map(Vec::as_slice)
    }
    /// A noun that stands for whoever owns it ("Turkish troops", "Haftar's forces").
    pub fn is_agent_noun(&self, lemma: &str) -> bool {
        self.agent_nouns.contains(lemma)
    }
    /// A noun that, named by a demonym or a name, is a group of its own ("Syrian rebels").
    pub fn is_group_noun(&self, lemma: &str) -> bool {
        self.group_nouns.contains(lemma)
    }
    /// A word of a title before a name ("Defence Minister").
    pub fn is_title(&self, lemma: &str) -> bool {
        self.titles.contains(lemma)
    }
    /// A noun that, ending a name, makes it a place ("Northwest Frontier *Province*").
    pub fn is_place_noun(&self, word: &str) -> bool {
        self.place_nouns.contains(word)
    }
    /// A word of direction that makes a name a region ("the Middle *East*", "*North*
    /// Kivu").
    pub fn is_compass_word(&self, word: &str) -> bool {
        self.compass_words.contains(word)
    }
    /// Prepositions (of one word or more, in lower case, word by word) after which a
    /// name is where something is or happens ("in", "south of").
    pub fn locative_prepositions(&self) -> &[Vec<String>] {
        &self.locative_prepositions
    }
    /// A noun for a claim someone made ("rejected *the charge*"): rejecting or denying it
    /// is about whether it is true, not an act against whoever made it.
    pub fn is_claim_noun(&self, lemma: &str) -> bool {
        self.claim_nouns.contains(lemma)
    }
    /// A noun for something said or sent, which belongs to whoever it comes from ("a
    /// *statement* from the ministry").
    pub fn is_message_noun(&self, lemma: &str) -> bool {
        self.message_nouns.contains(lemma)
    }
    /// A day or a month: when, not who or what ("clashed *Tuesday*").
    pub fn is_calendar_word(&self, word: &str) -> bool {
        self.calendar_words.contains(word)
    }
    /// A preposition that makes a noun the setting of its clause, an act its subject
    /// takes part in ("served *in* the war against B").
    pub fn is_setting_preposition(&self, prep: &str) -> bool {
        self.setting_prepositions.contains(prep)
    }
    /// A capitalised word that names no actor ("Monday").
    pub fn is_not_name(&self, lemma: &str) -> bool {
        self.not_names.contains(lemma)
    }
    /// A lowercase word inside a name ("al", "el", "bin"), left out when spellings of a
    /// name are compared.
    pub fn is_name_particle(&self, word: &str) -> bool {
        self.name_particles.contains(word)
    }
    /// The letters a name's skeleton leaves out after each word's first ("aeiouy").
    pub fn name_vowels(&self) -> &str {
        &self.name_vowels
    }
    /// Every name particle.
    pub fn name_particles(&self) -> impl Iterator<Item = &str> {
        self.name_particles.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_loads() {
        let lex = FrameLexicon::embedded().unwrap();
        assert!(lex.frames.len() > 10);
        assert!(lex
            .frames_for(Pos::Verb, "back")
            .any(|f| f.id == "verb.support"));
    }

    #[test]
    fn an_unknown_role_is_an_error_naming_the_field() {
        let text =
            EMBEDDED_FRAMES.replacen("\"source\": [\"nsubj\"]", "\"source\": [\"subject\"]", 1);
        let e = FrameLexicon::from_json("x.json", &text)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.json") && e.contains("frames[0].source[0]") && e.contains("subject"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_field_is_an_error() {
        let text = EMBEDDED_FRAMES.replacen("\"version\": 1,", "\"version\": 1, \"colour\": 2,", 1);
        let e = FrameLexicon::from_json("x.json", &text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("colour"), "{e}");
    }
}
