//! The cue lexicon: which words signal which relation, in which sentence shape.
//!
//! Lexicons are data: `data/lexicon.json` is compiled in and can be replaced by a user's
//! own file with the same schema (see `data/README.md`).

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::RelationKind;

pub(crate) use crate::text::normalize::Shapes;

/// Word phrases in a fixed order, indexed by first word, so that the phrases that can
/// start at a word are found with one lookup rather than by trying every phrase.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseIndex {
    phrases: Vec<Vec<String>>,
    /// For each first word, the indices of the phrases starting with it, in order.
    by_first: foldhash::HashMap<String, Vec<usize>>,
    /// The shapes of the first words: most words start no phrase.
    shapes: Box<Shapes>,
    /// Every index, in order, when some phrase is empty: an empty phrase fits anywhere.
    all: Option<Vec<usize>>,
}

impl PhraseIndex {
    pub(crate) fn new(phrases: Vec<Vec<String>>) -> Self {
        let mut by_first: foldhash::HashMap<String, Vec<usize>> = Default::default();
        for (k, p) in phrases.iter().enumerate() {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        let all = phrases
            .iter()
            .any(Vec::is_empty)
            .then(|| (0..phrases.len()).collect());
        let mut shapes = Box::new(Shapes::EMPTY);
        for first in by_first.keys() {
            shapes.insert(first.as_bytes());
        }
        PhraseIndex {
            phrases,
            by_first,
            shapes,
            all,
        }
    }

    /// Phrase `k`.
    pub(crate) fn phrase(&self, k: usize) -> &[String] {
        &self.phrases[k]
    }

    /// The indices, in order, of the phrases that may start with the word `first`
    /// (`None`: not a word there): those whose first word it is, or every phrase when
    /// one is empty.
    pub(crate) fn starting_with(&self, first: Option<&str>) -> &[usize] {
        if let Some(all) = &self.all {
            return all;
        }
        first
            .filter(|w| self.shapes.may_hold(w.as_bytes()))
            .and_then(|w| self.by_first.get(w))
            .map_or(&[], Vec::as_slice)
    }

    /// Some phrase is empty.
    pub(crate) fn has_empty(&self) -> bool {
        self.all.is_some()
    }
}

/// The lexicon compiled into the binary.
pub const EMBEDDED_LEXICON: &str = include_str!("../../data/lexicon.json");

/// How a cue's source and target are found around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// `S cue T`: "Turkey backs the GNA".
    Active,
    /// `T cue S`, the cue ending in "by": "the GNA, backed by Turkey".
    Passive,
    /// `S-cue T`: "the Iran-backed Houthis".
    Compound,
    /// `S's cue T`: "Ukraine's support for the rebels"; without a possessor the clause
    /// subject is the source ("in support of Hamas").
    Possessive,
    /// `S ... T's cue`: "Niger is among Bamako's closest allies".
    OfPossessor,
    /// `T ... cue S`: "lacks the support of Russia".
    Reverse,
    /// `S cue T ... required word`: "designated the movement a terrorist organisation".
    Designate,
    /// `S ... T's cue`, the possessor being acted against: "said Dbeibah's mandate had
    /// expired".
    PossessedState,
    /// `T remains on S's cue`: "HTS remains on the U.S. list of terrorist organisations".
    ListedOn,
    /// `S cue ... required word ... to T`: "Cuba has sent thousands of advisers to
    /// Venezuela". The required words name what is sent (troops, weapons, money).
    SentTo,
}

/// One cue entry: phrases that signal a relation in a given shape.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// Rule id, reported with every claim the cue produces.
    pub id: String,
    /// The relation signalled.
    pub relation: RelationKind,
    /// Where source and target are found.
    pub shape: Shape,
    /// Confidence of claims from this cue.
    pub confidence: f64,
    /// Lower-case word sequences.
    pub phrases: Vec<String>,
    /// Words of which one must follow in the clause (for `designate` and `sent_to`).
    #[serde(default)]
    pub requires: Vec<String>,
}

/// The whole lexicon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Format version (1).
    pub version: u32,
    /// Relation cues.
    pub cues: Vec<Cue>,
    /// Words and phrases that negate a cue in their clause.
    pub negators: Vec<String>,
    /// Words and phrases that make a claim hedged.
    pub hedges: Vec<String>,
    /// Verbs that introduce reported speech.
    pub speech_verbs: Vec<String>,
    /// Titles and roles that introduce a person ("Defence Minister").
    pub titles: Vec<String>,
    /// Nouns that, after a demonym or possessive, stand for the state ("Turkish troops").
    pub state_organs: Vec<String>,
    /// Nouns that, after a demonym, name a non-state group ("Syrian rebels").
    pub non_state_agents: Vec<String>,
}

impl<'de> Deserialize<'de> for RelationKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    ///
    /// # Errors
    /// Only if the embedded file is malformed, which the tests rule out.
    pub fn embedded() -> Result<Self> {
        Self::from_json("data/lexicon.json", EMBEDDED_LEXICON)
    }

    /// Parses a lexicon; `path` is used in messages.
    ///
    /// # Errors
    /// [`Error::Data`] with file, line, column and field.
    pub fn from_json(path: &str, text: &str) -> Result<Self> {
        let lex: Lexicon = crate::error::from_json(path, text)?;
        if lex.version != 1 {
            return Err(Error::data(
                path,
                "version",
                format!("unsupported lexicon version {}", lex.version),
            ));
        }
        Ok(lex)
    }
}
