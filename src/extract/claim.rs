//! Claims: who does what to whom?
//!
//! A sentence becomes a list of tokens in which every actor mention (names, demonyms,
//! capitals, resolved pronouns and descriptions) is one token. Cue phrases from the
//! lexicon are found left to right, longest first; each cue's shape says where its source
//! and target are: the clause subject to the left (skipping relative clauses and
//! appositions), the object to the right, the agent after "by", the possessor before
//! "'s". Coordinated lists expand on either side. A negator in the cue's clause
//! suppresses it; a hedge marks it.

use std::borrow::Cow;

use crate::extract::lexicon::{Lexicon, PhraseIndex, Shape};
use crate::model::RelationKind;

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    /// A lower-case word (or "'s"), borrowed from the text where lower case is the text's.
    Word(Cow<'a, str>),
    /// A punctuation character.
    Punct(char),
    /// An actor mention: actor table index and whether it only qualifies a title.
    Actor {
        /// Actor table index.
        actor: usize,
        /// A person (for possessive lookups).
        person: bool,
    },
}

impl Tok<'_> {
    /// The word, if this token is one.
    pub fn word(&self) -> Option<&str> {
        match self {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }
    /// Whether this token is the word `w`.
    pub fn is_word(&self, w: &str) -> bool {
        self.word() == Some(w)
    }
    /// The actor table index, if this token is an actor.
    pub fn actor(&self) -> Option<usize> {
        match self {
            Tok::Actor { actor, .. } => Some(*actor),
            _ => None,
        }
    }
    fn is_punct(&self, c: char) -> bool {
        matches!(self, Tok::Punct(p) if *p == c)
    }
}

/// The longest cue phrase starting at token `i` of `toks`: (cue index, end token).
fn find_cue(toks: &[Tok], lex: &CompiledLexicon, i: usize) -> Option<(usize, usize)> {
    let first = toks.get(i)?.word()?;
    // the phrases found by their first word start with this one
    let known = usize::from(!lex.phrases.has_empty());
    for &k in lex.phrases.starting_with(Some(first)) {
        let words = lex.phrases.phrase(k);
        // an empty cue phrase names no words and never fits
        if words.is_empty() || i + words.len() > toks.len() {
            continue;
        }
        if words
            .iter()
            .enumerate()
            .skip(known)
            .all(|(k, w)| toks[i + k].is_word(w))
        {
            return Some((lex.phrase_cue[k], i + words.len()));
        }
    }
    None
}

/// A cue lexicon compiled for matching.
#[derive(Debug, Clone)]
pub struct CompiledLexicon {
    /// The words of every cue phrase, longest phrases first.
    phrases: PhraseIndex,
    /// The cue of each phrase.
    phrase_cue: Vec<usize>,
    lexicon: Lexicon,
    negators: PhraseIndex,
    hedges: PhraseIndex,
    /// The speech verbs, looked up for many tokens.
    speech: foldhash::HashSet<String>,
    /// Every word of every title ("commander", "military", "spokesman").
    title_words: foldhash::HashSet<String>,
}

fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        if let Some(stem) = w.strip_suffix("n't") {
            if !stem.is_empty() {
                out.push(stem.to_string());
            }
            out.push("n't".into());
        } else {
            out.push(w.to_lowercase());
        }
    }
    out
}

impl CompiledLexicon {
    /// Compiles a lexicon.
    pub fn new(lexicon: Lexicon) -> Self {
        let mut phrases = Vec::new();
        for (i, c) in lexicon.cues.iter().enumerate() {
            for p in &c.phrases {
                phrases.push((i, split_words(p)));
            }
        }
        phrases.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let (phrase_cue, phrases): (Vec<usize>, Vec<Vec<String>>) = phrases.into_iter().unzip();
        let phrases = PhraseIndex::new(phrases);
        let negators = PhraseIndex::new(lexicon.negators.iter().map(|s| split_words(s)).collect());
        let hedges = PhraseIndex::new(lexicon.hedges.iter().map(|s| split_words(s)).collect());
        let speech = lexicon.speech_verbs.iter().cloned().collect();
        let title_words = lexicon
            .titles
            .iter()
            .flat_map(|t| t.split([' ', '-']))
            .map(str::to_string)
            .collect();
        CompiledLexicon {
            phrases,
            phrase_cue,
            lexicon,
            negators,
            hedges,
            speech,
            title_words,
        }
    }

    /// One of the lexicon's speech verbs.
    pub(crate) fn is_speech(&self, w: &str) -> bool {
        self.speech.contains(w)
    }

    /// A one-word title or a word of one ("commander", "military", "spokesman").
    fn is_title(&self, w: &str) -> bool {
        self.title_words.contains(w)
    }
}

/// A relation read in one sentence, by actor table index.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Source actor.
    pub source: usize,
    /// Relation.
    pub kind: RelationKind,
    /// Target actor.
    pub target: usize,
    /// Hedged.
    pub hedged: bool,
    /// Confidence.
    pub confidence: f64,
    /// Rule (cue) id.
    pub rule: String,
}

/// Why a cue produced nothing, for `--explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppressed {
    /// Rule id.
    pub rule: String,
    /// The cue words.
    pub cue: String,
    /// The reason.
    pub reason: String,
}

const SUBJECT_STOPS: &[&str] = &[
    "that", "while", "but", "although", "though", "whereas", "because", "if", "unless", "when",
    "whether", "where", "so", "than", "whom", "since",
];
const OBJECT_STOPS: &[&str] = &[
    "that", "which", "who", "whose", "while", "but", "because", "when", "if", "although", "though",
    "said", "says", "whereas", "unless", "after", "before", "since", "until", "as",
];
const COMPOUND_WORDS: &[&str] = &[
    "backed",
    "supported",
    "funded",
    "armed",
    "sponsored",
    "allied",
    "aligned",
    "led",
    "trained",
    "financed",
    "installed",
];
/// Ties that, like the compound cues, make an actor before a hyphen qualify the next noun
/// ("al Qaeda-linked group", "Hamas-run ministry") but carry no relation.
const QUALIFIER_TIES: &[&str] = &[
    "linked",
    "affiliated",
    "inspired",
    "run",
    "controlled",
    "held",
    "based",
    "owned",
    "dominated",
    "recognised",
    "recognized",
];

/// Whether `w` after "Actor-" makes the actor a qualifier: a compound cue or a tie.
fn qualifier_word(w: &str) -> bool {
    COMPOUND_WORDS.contains(&w) || QUALIFIER_TIES.contains(&w)
}
const LINKING: &[&str] = &[
    "is", "are", "was", "were", "remains", "remain", "remained", "among", "as", "became", "become",
    "becomes", "one", "of", "be", "been", "now",
];
const LOCATIVE: &[&str] = &[
    "in",
    "into",
    "inside",
    "across",
    "throughout",
    "within",
    "near",
    "outside",
];
const LIST_FILLERS: &[&str] = &[
    "the",
    "both",
    "by",
    "its",
    "their",
    "also",
    "neighbouring",
    "neighboring",
];

struct Ctx<'a> {
    toks: &'a [Tok<'a>],
    lex: &'a CompiledLexicon,
    /// segment id for tokens inside relative clauses / parentheses
    seg: Vec<Option<usize>>,
    seg_bounds: Vec<(usize, usize)>,
    /// [`find_cue`] at every token.
    cues: Vec<Option<(usize, usize)>>,
}

impl<'a> Ctx<'a> {
    fn new(toks: &'a [Tok<'a>], lex: &'a CompiledLexicon) -> Self {
        let mut seg = vec![None; toks.len()];
        let mut seg_bounds = Vec::new();
        let n = toks.len();
        let mut i = 0;
        while i < n {
            // ", which|who|whose ... ," and "( ... )"
            let rel = toks[i].is_punct(',')
                && toks.get(i + 1).is_some_and(|t| {
                    t.is_word("which")
                        || t.is_word("who")
                        || t.is_word("whose")
                        || t.is_word("where")
                });
            let paren = toks[i].is_punct('(');
            // appositive ", a/the <words> ," without a verb cue before the next comma
            let appos = toks[i].is_punct(',')
                && i > 0
                && toks[i - 1].actor().is_some()
                && (toks.get(i + 1).is_some_and(|t| {
                    t.is_word("a") || t.is_word("an") || t.is_word("also") || t.is_word("the")
                }) || (toks.get(i + 1).is_some_and(|t| t.actor().is_some())
                    && toks.get(i + 2).is_some_and(|t| t.is_word("'s"))));
            // ", backed by X and Y," / ", supported largely by X,": an inserted participle
            let by_clause = toks[i].is_punct(',')
                && toks
                    .get(i + 1)
                    .and_then(|t| t.word())
                    .is_some_and(|w| w.ends_with("ed"))
                && (i + 2..(i + 4).min(n)).any(|k| toks[k].is_word("by"));
            if rel || paren || appos || by_clause {
                let mut j = i + 1;
                let mut depth = 0;
                while j < n {
                    if paren {
                        if toks[j].is_punct('(') {
                            depth += 1;
                        }
                        if toks[j].is_punct(')') {
                            if depth == 0 {
                                break;
                            }
                            depth -= 1;
                        }
                    } else if toks[j].is_punct(',') {
                        // a comma inside a list of actors does not close the clause
                        let list_continues = toks.get(j + 1).is_some_and(|t| t.actor().is_some());
                        if !list_continues {
                            break;
                        }
                    } else if toks[j].is_punct(';') || toks[j].is_punct('.') {
                        break;
                    }
                    j += 1;
                }
                if (appos || by_clause) && j >= n {
                    i += 1;
                    continue;
                }
                let id = seg_bounds.len();
                seg_bounds.push((i, j.min(n - 1)));
                for s in seg.iter_mut().take(j.min(n - 1) + 1).skip(i) {
                    *s = Some(id);
                }
                i = j + 1;
                continue;
            }
            i += 1;
        }
        // every cue looked up once: the readers below ask about the same tokens often
        let cues = (0..n).map(|i| find_cue(toks, lex, i)).collect();
        Ctx {
            toks,
            lex,
            seg,
            seg_bounds,
            cues,
        }
    }

    fn located(&self, i: usize) -> bool {
        i > 0
            && self.toks[i - 1]
                .word()
                .is_some_and(|w| LOCATIVE.contains(&w))
    }

    /// A one-word cue used as a noun or adjective: after a determiner, or after an adverb
    /// that follows one ("the attack", "the internationally recognised government").
    fn nominal(&self, i: usize) -> bool {
        let Some((ci, end)) = self.cue_at(i) else {
            return false;
        };
        let det = |k: usize| {
            self.toks[k]
                .word()
                .is_some_and(|w| DETERMINERS.contains(&w))
        };
        self.lex.lexicon.cues[ci].shape == Shape::Active
            && end == i + 1
            && ((i >= 1 && det(i - 1))
                || (i >= 2
                    && self.toks[i - 1].word().is_some_and(|w| w.ends_with("ly"))
                    && det(i - 2)))
    }

    /// For a verb at `c` in ", which|whom X VERB": the antecedent before the comma.
    fn object_relative(&self, c: usize) -> Option<Vec<usize>> {
        if c < 4 || self.toks[c - 1].actor().is_none() {
            return None;
        }
        let rel = self.toks[c - 2]
            .word()
            .is_some_and(|w| w == "which" || w == "whom");
        if !rel || !self.toks[c - 3].is_punct(',') {
            return None;
        }
        // the antecedent, possibly followed by a place ("the Taliban government in Kabul")
        (c.saturating_sub(8)..c - 3)
            .rev()
            .take_while(|&k| !matches!(self.toks[k], Tok::Punct(_)))
            .find(|&k| self.toks[k].actor().is_some())
            .map(|k| self.list_left(k))
    }

    /// "said that", "said in an interview that", "told reporters that": a speech verb at
    /// most five words before `k`.
    fn after_speech(&self, k: usize) -> bool {
        (k.saturating_sub(5)..k).any(|q| {
            self.toks[q].word().is_some_and(|p| self.lex.is_speech(p))
                && self.toks[q + 1..k].iter().all(|t| t.word().is_some())
        })
    }

    /// "Iran" in "Iran-aligned militias": an actor that only qualifies the next noun.
    fn qualifier(&self, i: usize) -> bool {
        is_qualifier(self.toks, i)
    }

    /// The list of actors ending at `i`, extended to the left.
    fn list_left(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut j = i;
        let mut serial = false;
        loop {
            // connectors between j-? and j
            let mut k = j;
            let mut comma = false;
            let mut and = false;
            while k > 0 {
                let t = &self.toks[k - 1];
                if t.is_punct(',') {
                    comma = true;
                } else if t.is_word("and") || t.is_word("or") || t.is_punct('&') {
                    and = true;
                } else if t.word().is_some_and(|w| LIST_FILLERS.contains(&w)) {
                } else {
                    break;
                }
                k -= 1;
            }
            if k == j || k == 0 || self.toks[k - 1].actor().is_none() {
                break;
            }
            if comma && and && !serial && out.len() >= 2 {
                break;
            }
            if comma && and && out.len() == 1 {
                // "X, and Y" with nothing before: a new clause, not a list
                break;
            }
            if comma && !and {
                serial = true;
            }
            j = k - 1;
            out.push(j);
        }
        out
    }

    /// The list of actors starting at `i`, extended to the right.
    fn list_right(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut j = i;
        let n = self.toks.len();
        let mut serial = false;
        loop {
            let mut k = j + 1;
            let mut comma = false;
            let mut and = false;
            // skip "'s" + organ ("Eritrea's military and ruling party")
            while k < n {
                let t = &self.toks[k];
                if t.is_punct(',') {
                    comma = true;
                } else if t.is_word("and") || t.is_word("or") || t.is_punct('&') {
                    and = true;
                } else if t.word().is_some_and(|w| {
                    LIST_FILLERS.contains(&w)
                        || (w == "as"
                            && (self.toks.get(k + 1).is_some_and(|x| x.is_word("well"))
                                || self.toks[k - 1].is_word("well")))
                        || w == "well"
                }) {
                } else {
                    break;
                }
                k += 1;
            }
            if k > j + 1 && k < n && self.toks[k].actor().is_none() && and {
                // "and the Lebanese group Hezbollah", "and by eastern commander Khalifa Haftar"
                let mut q = k;
                while q < n
                    && q < k + 3
                    && self.toks[q].word().is_some_and(|w| {
                        !OBJECT_STOPS.contains(&w)
                            && !LIST_FILLERS.contains(&w)
                            && w != "and"
                            && w != "or"
                    })
                    && self.cue_at(q).is_none()
                {
                    q += 1;
                }
                if q < n && q > k && self.toks[q].actor().is_some() {
                    k = q;
                }
            }
            if k == j + 1 || k >= n || self.toks[k].actor().is_none() {
                break;
            }
            if comma && and && !serial {
                break;
            }
            if comma && !and {
                serial = true;
            }
            j = k;
            out.push(j);
        }
        out
    }

    /// The subject of the clause that holds token `c`: its first actor outside inserted
    /// clauses, or a person named right after it by title ("Houthi spokesman X").
    fn main_subject(&self, c: usize) -> Option<Vec<usize>> {
        let my_seg = self.seg.get(c).copied().flatten();
        let mut start = c;
        while start > 0 && !self.toks[start - 1].is_punct(';') {
            start -= 1;
        }
        // "After Russia invaded, Poland sent arms and warned Moscow": skip the opening
        // subordinate clause to its comma
        if self
            .toks
            .get(start)
            .and_then(|t| t.word())
            .is_some_and(|w| {
                matches!(
                    w,
                    "after"
                        | "when"
                        | "as"
                        | "since"
                        | "while"
                        | "because"
                        | "if"
                        | "although"
                        | "though"
                        | "before"
                        | "until"
                        | "once"
                )
            })
        {
            if let Some(comma) =
                (start..c).find(|&k| self.toks[k].is_punct(',') && self.seg[k].is_none())
            {
                start = comma + 1;
            }
        }
        let first = (start..c).find(|&k| {
            self.toks[k].actor().is_some()
                && self.seg[k] == my_seg
                && !self.located(k)
                && !(k + 1 < self.toks.len() && self.toks[k + 1].is_punct('-'))
        })?;
        let mut k = first + 1;
        while k < c && k <= first + 4 && self.toks[k].word().is_some() && self.cue_at(k).is_none() {
            k += 1;
        }
        if k < c && matches!(self.toks[k], Tok::Actor { person: true, .. }) {
            return Some(self.list_right(k));
        }
        Some(self.list_right(first))
    }

    /// The subject for a cue starting at token `c`.
    fn subject(&self, c: usize) -> Option<Vec<usize>> {
        let my_seg = self.seg.get(c).copied().flatten();
        // "…, and warned X", "thanked X and called on Y": a second predicate of the
        // clause's subject
        if c >= 2
            && (self.toks[c - 1].is_word("and") || self.toks[c - 1].is_word("but"))
            && self.toks[c].word().is_some_and(|w| w.ends_with("ed"))
            && self.toks[c - 2].actor().is_none()
        {
            // inside "a strike that destroyed X and killed Y" the subject is the strike
            let main = self.main_subject(c)?;
            let from = main.iter().copied().max().unwrap_or(0);
            let relative = (from..c).any(|k| {
                self.seg[k].is_none()
                    && self.toks[k]
                        .word()
                        .is_some_and(|w| matches!(w, "that" | "which" | "who"))
                    && !self.after_speech(k)
            });
            return (!relative).then_some(main);
        }
        // a participle after a comma ("..., accusing Kyiv") takes the clause subject
        let participle = c > 0
            && self.toks[c - 1].is_punct(',')
            && self.toks[c].word().is_some_and(|w| w.ends_with("ing"));
        let mut i = c;
        let mut steps = 0;
        while i > 0 {
            i -= 1;
            steps += 1;
            if steps > 40 {
                return None;
            }
            if let Some(s) = self.seg[i] {
                if Some(s) != my_seg {
                    i = self.seg_bounds[s].0;
                    continue;
                }
            }
            let t = &self.toks[i];
            if participle && i + 1 == c {
                continue;
            }
            match t {
                Tok::Actor { .. } => {
                    // "X, which Pakistan accuses of sheltering Y": the accused shelters
                    if i + 2 < c && self.toks[i + 2].is_word("of") && self.cue_at(i + 1).is_some() {
                        if let Some(antecedent) = self.object_relative(i + 1) {
                            return Some(antecedent);
                        }
                    }
                    // "accused by Kinshasa of arming X": an agent is not the subject; nor
                    // is the object of a preposition ("Russia's attack on Ukraine was …")
                    // ("forces loyal to Haftar attacked …" keeps Haftar)
                    let agent = i > 0
                        && self.toks[i - 1].word().is_some_and(|w| {
                            matches!(
                                w,
                                "by" | "on"
                                    | "against"
                                    | "at"
                                    | "toward"
                                    | "towards"
                                    | "for"
                                    | "to"
                                    | "with"
                                    | "between"
                                    | "over"
                                    | "into"
                            )
                        })
                        && !(i > 1
                            && self.toks[i - 1]
                                .word()
                                .is_some_and(|w| w == "to" || w == "with")
                            && self.toks[i - 2].word().is_some_and(|w| {
                                matches!(
                                    w,
                                    "loyal"
                                        | "close"
                                        | "allied"
                                        | "aligned"
                                        | "linked"
                                        | "affiliated"
                                        | "belonging"
                                        | "answering"
                                        | "tied"
                                )
                            }));
                    if self.located(i) || self.qualifier(i) || agent {
                        continue;
                    }
                    if participle {
                        // keep going to the leftmost actor of the clause
                        let mut first = i;
                        let mut j = i;
                        while j > 0 {
                            j -= 1;
                            if self.toks[j].is_punct(';')
                                || self.toks[j]
                                    .word()
                                    .is_some_and(|w| SUBJECT_STOPS.contains(&w))
                            {
                                break;
                            }
                            if self.seg[j].is_some() {
                                continue;
                            }
                            if self.toks[j].actor().is_some() && !self.located(j) {
                                first = j;
                            }
                        }
                        return Some(self.list_right(first));
                    }
                    let mut list = self.list_left(i);
                    // "A fought alongside B against C": A is a subject too
                    let mut first = list.iter().copied().min().unwrap_or(i);
                    while first > 0
                        && self.toks[first - 1]
                            .word()
                            .is_some_and(|w| w == "federal" || LIST_FILLERS.contains(&w))
                    {
                        first -= 1;
                    }
                    if first > 0 && self.toks[first - 1].is_word("alongside") {
                        if let Some(more) = self.subject(first - 1) {
                            list.extend(more);
                        }
                    }
                    return Some(list);
                }
                Tok::Word(w) => {
                    if (w == "which" || w == "who" || w == "whose")
                        && i > 0
                        && self.toks[i - 1].is_punct(',')
                    {
                        // inside a relative clause: the antecedent before the comma
                        let mut j = i - 1;
                        while j > 0 {
                            j -= 1;
                            let tj = &self.toks[j];
                            if tj.actor().is_some() {
                                return Some(self.list_left(j));
                            }
                            if tj.is_punct(')')
                                || tj.is_punct(',')
                                || tj.word().is_some_and(|w| {
                                    w == "among" || w == "others" || w == "notably"
                                })
                            {
                                continue;
                            }
                            return None;
                        }
                        return None;
                    }
                    let after_speech = w == "that" && self.after_speech(i);
                    if (w == "who" || w == "which" || w == "that")
                        && i > 0
                        && !after_speech
                        && !self.toks[i - 1].is_punct(',')
                    {
                        // a restrictive relative clause: its subject is the noun just before
                        return self.toks[i - 1].actor().map(|_| self.list_left(i - 1));
                    }
                    if w == "that" {
                        // "X said that ...": continue to the speaker
                        if after_speech {
                            continue;
                        }
                        return None;
                    }
                    // "has since been backed": an adverb, not a conjunction
                    let adverb_since = w == "since"
                        && self
                            .toks
                            .get(i + 1)
                            .and_then(|t| t.word())
                            .is_some_and(|n| n == "been" || is_participle(n));
                    if SUBJECT_STOPS.contains(&w.as_ref()) && !adverb_since {
                        return None;
                    }
                }
                Tok::Punct(';') | Tok::Punct(':') => return None,
                Tok::Punct(_) => {}
            }
        }
        None
    }

    /// The object after token `e` (exclusive end of the cue).
    fn object(&self, e: usize, stop_at: Option<&[String]>) -> Option<Vec<usize>> {
        self.object_ext(e, stop_at, false)
    }

    fn object_ext(
        &self,
        e: usize,
        stop_at: Option<&[String]>,
        through: bool,
    ) -> Option<Vec<usize>> {
        let n = self.toks.len();
        let mut j = e;
        let mut steps = 0;
        let my_seg = if e > 0 {
            self.seg.get(e - 1).copied().flatten()
        } else {
            None
        };
        let mut passed_cue = false;
        while j < n && steps < 14 {
            steps += 1;
            if my_seg.is_some() && self.seg[j] != my_seg {
                return None;
            }
            let t = &self.toks[j];
            match t {
                Tok::Actor { .. } => {
                    if self.located(j) {
                        j += 1;
                        continue;
                    }
                    // "the U.S.-backed SDF": the actor before "-backed" qualifies the next one
                    if self.toks.get(j + 1).is_some_and(|t| t.is_punct('-'))
                        && self
                            .toks
                            .get(j + 2)
                            .is_some_and(|t| t.word().is_some_and(qualifier_word))
                    {
                        j += 3;
                        continue;
                    }
                    // "Niger's ousted president, Mohamed Bazoum": the person
                    if !passed_cue && self.toks.get(j + 1).is_some_and(|t| t.is_word("'s")) {
                        let mut k = j + 2;
                        while k < n && k < j + 6 {
                            if self.toks[k].is_punct(',') {
                                if let Some(Tok::Actor { person: true, .. }) = self.toks.get(k + 1)
                                {
                                    if self.toks[j + 2..k].iter().all(|t| t.word().is_some()) {
                                        return Some(self.list_right(k + 1));
                                    }
                                }
                                break;
                            }
                            if self.toks[k].actor().is_some() {
                                break;
                            }
                            k += 1;
                        }
                    }
                    // "RSF commander Mohamed Hamdan Dagalo": the person the title names
                    let mut k = j + 1;
                    while k < n
                        && k <= j + 3
                        && self.toks[k].word().is_some_and(|w| self.lex.is_title(w))
                    {
                        k += 1;
                    }
                    if k > j + 1
                        && matches!(self.toks.get(k), Some(Tok::Actor { person: true, .. }))
                    {
                        return Some(self.list_right(k));
                    }
                    return Some(self.list_right(j));
                }
                Tok::Word(w) => {
                    if OBJECT_STOPS.contains(&w.as_ref()) {
                        return None;
                    }
                    if stop_at.is_some_and(|s| s.iter().any(|x| x == w)) {
                        return None;
                    }
                    // "condemned the attack and later agreed …": a second verb, not the object
                    if w == "and"
                        && j > e
                        && self
                            .toks
                            .get(j + 1)
                            .and_then(|t| t.word())
                            .is_some_and(|x| {
                                !DETERMINERS.contains(&x) && !LIST_FILLERS.contains(&x)
                            })
                    {
                        return None;
                    }
                    if j >= e && self.cue_at(j).is_some() && !self.nominal(j) {
                        if !through {
                            return None;
                        }
                        passed_cue = true;
                    }
                }
                Tok::Punct(';') | Tok::Punct(':') | Tok::Punct('.') | Tok::Punct('(') => {
                    return None
                }
                // a quotation closes: what follows is its attribution
                Tok::Punct('"') if j > e => return None,
                Tok::Punct(',')
                    if self
                        .toks
                        .get(j + 1)
                        .is_some_and(|t| t.is_word("and") || t.is_word("but")) =>
                {
                    return None
                }
                // "seized El Fasher, the army …": a comma after a noun ends the object
                // ("blacklisted his rival, RSF commander X" is an apposition)
                Tok::Punct(',')
                    if !self.toks[e]
                        .word()
                        .is_some_and(|w| matches!(w, "his" | "her" | "its" | "their"))
                        && self.toks.get(j + 1).is_none_or(|t| t.actor().is_none())
                        && self.toks[e..j].iter().any(|t| {
                            t.word().is_some_and(|w| {
                                !DETERMINERS.contains(&w) && !LIST_FILLERS.contains(&w)
                            })
                        }) =>
                {
                    return None
                }
                Tok::Punct(_) => {}
            }
            j += 1;
        }
        None
    }

    /// The longest cue phrase starting at token `i`: (cue index, end token).
    fn cue_at(&self, i: usize) -> Option<(usize, usize)> {
        self.cues.get(i).copied().flatten()
    }

    /// The first of `phrases` in `from..to` (the earliest, then the first listed): its
    /// position and words.
    fn window_find<'p>(
        &self,
        phrases: &'p PhraseIndex,
        from: usize,
        to: usize,
    ) -> Option<(usize, &'p [String])> {
        // the phrases found by their first word start with the word there
        let known = usize::from(!phrases.has_empty());
        let fits = |i: usize, p: &[String]| {
            i + p.len() <= to
                && p.iter()
                    .enumerate()
                    .skip(known)
                    .all(|(k, w)| self.toks[i + k].is_word(w))
        };
        for i in from..to {
            let candidates = phrases.starting_with(self.toks[i].word());
            if let Some(&k) = candidates.iter().find(|&&k| fits(i, phrases.phrase(k))) {
                return Some((i, phrases.phrase(k)));
            }
        }
        None
    }

    /// "rejected the accusations and blamed X": a denial with its own object, then "and"
    /// and a new verb, does not reach that verb. ("denied arming and funding X" does.)
    fn denial_closed(&self, at: usize, words: &[String], cue: usize) -> bool {
        let verb = matches!(
            words.first().map(String::as_str),
            Some(
                "denied"
                    | "denies"
                    | "deny"
                    | "denying"
                    | "rejects"
                    | "rejected"
                    | "reject"
                    | "lacks"
                    | "lack"
                    | "lacked"
                    | "lacking"
                    | "accused"
                    | "accuses"
                    | "accusing"
                    | "blamed"
                    | "blames"
                    | "blaming"
            )
        ) && words.len() == 1;
        let after = at + words.len();
        let Some(and) = (after..cue).rev().find(|&k| self.toks[k].is_word("and")) else {
            return false;
        };
        // the denial's own object holds no cue ("lacks the backing of X and …" stays)
        verb && after < and && (after..and).all(|k| self.cue_at(k).is_none())
    }

    /// Start of the clause window before token `c` (at most `max` tokens back).
    fn clause_start(&self, c: usize, max: usize) -> usize {
        let mut i = c;
        while i > 0 && c - i < max {
            let t = &self.toks[i - 1];
            if t.is_punct(';')
                || t.is_punct(':')
                || t.is_word("but")
                || t.is_word("while")
                || t.is_word("although")
                || t.is_word("though")
                || t.is_word("whereas")
            {
                break;
            }
            // ", and …", ", but …", ", noting that …": a new clause
            if t.is_punct(',')
                && self.toks.get(i).is_some_and(|n| {
                    n.is_word("and")
                        || n.is_word("but")
                        || n.word().is_some_and(|w| w.ends_with("ing") && w.len() > 5)
                })
            {
                break;
            }
            i -= 1;
        }
        i
    }
}

/// Whether the actor at `i` only qualifies the next noun ("Iran-aligned militias").
pub fn is_qualifier(toks: &[Tok], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|t| t.is_punct('-'))
        && toks
            .get(i + 2)
            .and_then(|t| t.word())
            .is_some_and(qualifier_word)
}

/// Determiners and possessives: a cue word after one is a noun ("the attack").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our",
];

/// Adverbs that may stand between an auxiliary and its participle ("has since been").
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "since"
            | "also"
            | "long"
            | "now"
            | "already"
            | "still"
            | "reportedly"
            | "allegedly"
            | "widely"
            | "openly"
            | "previously"
            | "repeatedly"
            | "largely"
            | "mainly"
            | "heavily"
            | "increasingly"
            | "once"
            | "reliably"
            | "first"
    )
}

/// A past participle, as after "was" or "has been".
fn is_participle(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("en")
        || matches!(
            w,
            "struck"
                | "fought"
                | "sent"
                | "held"
                | "hit"
                | "led"
                | "won"
                | "shot"
                | "sold"
                | "brought"
                | "caught"
                | "built"
                | "set"
                | "put"
                | "cut"
                | "run"
                | "kept"
                | "paid"
                | "bought"
                | "dealt"
                | "met"
                | "told"
                | "found"
                | "thrown"
                | "drawn"
        )
}

/// Reads the relations of one sentence.
pub fn read(
    toks: &[Tok],
    lex: &CompiledLexicon,
    mut suppressed: Option<&mut Vec<Suppressed>>,
) -> Vec<Found> {
    let ctx = Ctx::new(toks, lex);
    let tracing = suppressed.is_some();
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    let n = toks.len();
    let mut warn_until = 0usize;
    while i < n {
        let Some((ci, end)) = ctx.cue_at(i) else {
            i += 1;
            continue;
        };
        let cue = &lex.lexicon.cues[ci];
        // the cue as written, for the trace only
        let mut note = |reason: &str| {
            if let Some(s) = suppressed.as_deref_mut() {
                let words: Vec<&str> = toks[i..end].iter().filter_map(|t| t.word()).collect();
                s.push(Suppressed {
                    rule: cue.id.clone(),
                    cue: words.join(" "),
                    reason: reason.into(),
                });
            }
        };
        // a speech tag after a quote ("...," warned Akar) carries no relation of its own
        if cue.relation == RelationKind::Warns
            && i >= 1
            && (toks[i - 1].is_punct('"')
                || (i >= 2 && toks[i - 1].is_punct(',') && toks[i - 2].is_punct('"')))
        {
            note("speech tag after a quote");
            i = end;
            continue;
        }
        // "any attack on X would be …": a hypothetical act, not an event
        if i >= 1 && toks[i - 1].is_word("any") {
            note("hypothetical (\"any\")");
            i = end;
            continue;
        }
        // "condemned the attack", "the internationally recognised government": a one-word
        // verb cue after a determiner is a noun or an adjective, not a verb
        {
            if ctx.nominal(i) {
                note("a noun or adjective here, not a verb");
                i = end;
                continue;
            }
        }
        // "a former ally of X", "its erstwhile backer": no longer
        if i >= 1
            && toks[i - 1]
                .word()
                .is_some_and(|w| matches!(w, "former" | "erstwhile" | "ex"))
        {
            note("a former relation");
            i = end;
            continue;
        }
        // "asked X for help" is a request; "asked X to stop" is pressure
        if matches!(toks[i].word(), Some("asked" | "asks" | "ask"))
            && !(end..(end + 5).min(n)).any(|k| toks[k].is_word("to"))
        {
            note("a request, not a call to act");
            i = end;
            continue;
        }
        // an act threatened inside a warning is part of the warning
        if i < warn_until && cue.relation == RelationKind::Opposes {
            note("inside a warning");
            i = end;
            continue;
        }
        let mut shape = cue.shape;
        // "the UAE-backed RSF": a participle joined to an actor is a compound
        if shape == Shape::Active
            && i >= 2
            && toks[i - 1].is_punct('-')
            && toks[i - 2].actor().is_some()
            && toks[i].word().is_some_and(|w| COMPOUND_WORDS.contains(&w))
        {
            shape = Shape::Compound;
        }
        // "has been propped up ... by": an active cue in the passive voice
        // "has since been backed by": an adverb may sit between auxiliary and cue
        let mut aux = i;
        while aux > 0 && i - aux < 2 && toks[aux - 1].word().is_some_and(is_adverb) {
            aux -= 1;
        }
        let participle = toks[i].word().is_some_and(is_participle);
        let passive_aux = aux > 0
            && participle
            && toks[aux - 1].word().is_some_and(|w| {
                matches!(w, "been" | "was" | "were" | "is" | "are" | "be" | "being")
            });
        let by_after = (end..(end + 12).min(n)).find(|&k| toks[k].is_word("by"));
        // ", supported largely by Egypt,": a participle after a comma with its agent
        let inserted = participle
            && i >= 1
            && toks[i - 1].is_punct(',')
            && by_after.is_some_and(|k| k <= end + 1);
        if shape == Shape::Active && (passive_aux || inserted) {
            if by_after.is_some() {
                shape = Shape::Passive;
            } else {
                note("passive without an agent");
                i = end;
                continue;
            }
        }
        let (sources, targets): (Option<Vec<usize>>, Option<Vec<usize>>) = match shape {
            Shape::Active => {
                let warns = cue.relation == RelationKind::Warns;
                // "called on X", "urged X": the one called on comes at once ("called on
                // Somalis to reject the militants" is not a call on the militants)
                let direct_call = warns
                    && !toks[i].word().is_some_and(|w| {
                        w.starts_with("warn") || w.starts_with("threat") || w.starts_with("caution")
                    });
                // "warned against any attack on X": a warning about X, not to X
                let about = warns && toks.get(end).is_some_and(|t| t.is_word("against"));
                let object = (!about)
                    .then(|| ctx.object_ext(end, None, warns))
                    .flatten()
                    .filter(|o| {
                        // only fillers may stand between ("urged both the army and Fano")
                        !direct_call
                            || o.iter().min().is_some_and(|&f| {
                                toks[end..f].iter().all(|t| {
                                    t.word().is_some_and(|w| {
                                        LIST_FILLERS.contains(&w)
                                            || DETERMINERS.contains(&w)
                                            || matches!(
                                                w,
                                                "and"
                                                    | "or"
                                                    | "army"
                                                    | "military"
                                                    | "government"
                                                    | "authorities"
                                                    | "junta"
                                                    | "all"
                                                    | "two"
                                                    | "warring"
                                                    | "rival"
                                                    | "federal"
                                                    | "interim"
                                                    | "transitional"
                                                    | "central"
                                                    | "new"
                                            )
                                    })
                                })
                            })
                    })
                    .or_else(|| {
                        // "warned that Hamas must release the hostages": the one told
                        let that = warns && toks.get(end).is_some_and(|t| t.is_word("that"));
                        let modal = toks
                            .get(end + 2)
                            .is_some_and(|t| t.is_word("must") || t.is_word("should"))
                            // "warned that Israel would pay a heavy price"
                            || (toks
                                .get(end + 2)
                                .is_some_and(|t| t.is_word("would") || t.is_word("will"))
                                && toks.get(end + 3).is_some_and(|t| {
                                    t.word().is_some_and(|w| {
                                        matches!(w, "pay" | "face" | "regret" | "suffer" | "bear")
                                    })
                                }))
                            || (toks.get(end + 2).is_some_and(|t| {
                                t.is_word("had") || t.is_word("has") || t.is_word("needed")
                            }) && toks.get(end + 3).is_some_and(|t| t.is_word("to")));
                        (that && modal && toks.get(end + 1).is_some_and(|t| t.actor().is_some()))
                            .then(|| vec![end + 1])
                    });
                // "the Taliban, which Pakistan accuses of sheltering the TTP": the object is
                // the antecedent of "which"
                match ctx.object_relative(i) {
                    Some(antecedent) => (Some(vec![i - 1]), Some(antecedent)),
                    None => (ctx.subject(i), object),
                }
            }
            Shape::Passive => {
                let agent = if toks[end - 1].is_word("by") {
                    Some(end)
                } else {
                    by_after.map(|k| k + 1)
                };
                (agent.and_then(|a| ctx.object(a, None)), ctx.subject(i))
            }
            Shape::Compound => {
                if i >= 2 && toks[i - 1].is_punct('-') && toks[i - 2].actor().is_some() {
                    // the actor the compound qualifies comes next, after at most one
                    // adjective ("UAE-backed paramilitary RSF"); "U.N.-backed talks" has none
                    let tgt = (end..(end + 2).min(n))
                        .take_while(|&k| toks[k].word().is_some() || toks[k].actor().is_some())
                        .find(|&k| toks[k].actor().is_some());
                    // "the army-allied Joint Forces": an alliance runs from the qualified
                    // actor to the one it is allied with
                    let allied = toks[i]
                        .word()
                        .is_some_and(|w| w == "allied" || w == "aligned");
                    match tgt {
                        Some(t) if allied => (Some(vec![t]), Some(vec![i - 2])),
                        Some(t) => (Some(vec![i - 2]), Some(vec![t])),
                        None => (None, None),
                    }
                } else {
                    (None, None)
                }
            }
            Shape::Possessive => {
                let src = if i >= 2 && toks[i - 1].is_word("'s") && toks[i - 2].actor().is_some() {
                    Some(vec![i - 2])
                } else {
                    ctx.subject(i)
                };
                (src, ctx.object(end, None))
            }
            Shape::OfPossessor | Shape::PossessedState => {
                // T's [adjectives] cue
                let mut k = i;
                // adjectives, hyphenated ones too ("all-weather ally")
                while k > 0
                    && k + 5 > i
                    && (toks[k - 1].word().is_some_and(|w| w != "'s") || toks[k - 1].is_punct('-'))
                {
                    k -= 1;
                }
                // "as Haftar's ally," links; "as Assad's allies scramble" is a clause
                let as_ends = toks.get(end).is_none_or(|t| matches!(t, Tok::Punct(_)));
                let linked = shape == Shape::PossessedState
                    || (k >= 3
                        && (k.saturating_sub(5)..k - 2).any(|q| {
                            toks[q]
                                .word()
                                .is_some_and(|w| LINKING.contains(&w) && (w != "as" || as_ends))
                        }));
                // "Turkey, Azerbaijan's closest ally, said …": an apposition
                let apposed = k >= 4
                    && toks[k - 3].is_punct(',')
                    && toks[k - 4].actor().is_some()
                    && toks.get(end).is_some_and(|t| t.is_punct(','));
                let possessor =
                    k >= 2 && toks[k - 1].is_word("'s") && toks[k - 2].actor().is_some();
                if possessor && apposed {
                    (Some(ctx.list_left(k - 4)), Some(vec![k - 2]))
                } else if linked && possessor {
                    (ctx.subject(k - 2), Some(vec![k - 2]))
                } else {
                    (None, None)
                }
            }
            // "lacks the support of X": X supports the subject; "Somali forces retook the
            // town from al-Shabaab with help of X": X supports the clause's subject
            Shape::Reverse if toks[i].is_word("with") => {
                (ctx.object(end, None), ctx.main_subject(i))
            }
            Shape::Reverse => (ctx.object(end, None), ctx.subject(i)),
            Shape::Designate => {
                let clause_end = (end..n)
                    .find(|&k| toks[k].is_punct(';') || toks[k].is_punct('.'))
                    .unwrap_or(n);
                let has_required = (end..clause_end.min(end + 12)).any(|k| {
                    toks[k]
                        .word()
                        .is_some_and(|w| cue.requires.iter().any(|r| r == w))
                });
                if !has_required {
                    (None, None)
                } else {
                    let subj = ctx.subject(i);
                    let obj = ctx.object(end, Some(&cue.requires)).or_else(|| {
                        // "whose YPG militia Ankara regards as a terrorist group"
                        let s0 = subj.as_ref().and_then(|s| s.iter().min().copied())?;
                        (s0.saturating_sub(4)..s0)
                            .rev()
                            .find(|&k| toks[k].actor().is_some())
                            .map(|k| vec![k])
                    });
                    (subj, obj)
                }
            }
            Shape::SentTo => {
                // what is sent comes within a few words, then "to" and the receiver;
                // "to Ukraine's border" is a place, not a receiver
                let sent = (end..(end + 8).min(n)).find(|&k| {
                    toks[k]
                        .word()
                        .is_some_and(|w| cue.requires.iter().any(|r| r == w))
                });
                // support is sent "to" someone; rockets are fired "at", "into" or "on"
                let to_word = |w: &str| match cue.relation {
                    RelationKind::Supports => w == "to",
                    _ => matches!(w, "at" | "into" | "on" | "toward" | "towards" | "against"),
                };
                let to = sent.and_then(|s| {
                    (s + 1..(s + 6).min(n))
                        .take_while(|&k| toks[k].word().is_some())
                        .find(|&k| toks[k].word().is_some_and(to_word))
                });
                let receiver = to.and_then(|t| {
                    let mut k = t + 1;
                    // "at northern Israel": a compass adjective before the name
                    while k < n
                        && toks[k].word().is_some_and(|w| {
                            LIST_FILLERS.contains(&w)
                                || matches!(
                                    w,
                                    "northern" | "southern" | "eastern" | "western" | "central"
                                )
                        })
                    {
                        k += 1;
                    }
                    (k < n
                        && toks[k].actor().is_some()
                        && !toks.get(k + 1).is_some_and(|x| x.is_word("'s")))
                    .then(|| ctx.list_right(k))
                });
                (receiver.as_ref().and(ctx.subject(i)), receiver)
            }
            Shape::ListedOn => {
                if i >= 1 && toks[i - 1].actor().is_some() {
                    (Some(vec![i - 1]), ctx.subject(i - 1))
                } else {
                    (None, None)
                }
            }
        };
        let (Some(sources), Some(targets)) = (sources, targets) else {
            note("no source or no target");
            i = end;
            continue;
        };
        // negation and hedging in the cue's clause
        let from = ctx.clause_start(i, 14);
        let neg = ctx
            .window_find(&lex.negators, from.max(i.saturating_sub(14)), i)
            .filter(|&(at, words)| !ctx.denial_closed(at, words, i))
            // "would not abandon its brothers and accused Haftar": the negation stays
            // with the first verb and its object
            .filter(|&(at, words)| {
                !(i >= 1
                    && toks[i - 1].is_word("and")
                    && toks[i].word().is_some_and(|w| w.ends_with("ed"))
                    && at + words.len() + 2 < i)
            });
        if let Some((_, nw)) = neg {
            // the reason is written only for the trace
            if tracing {
                note(&format!("negated by \"{}\"", nw.join(" ")));
            }
            i = end;
            continue;
        }
        // "accused X of Y and criticised Z": the accusation has its object; Z is plain
        let hedge = ctx
            .window_find(&lex.hedges, from, i)
            .is_some_and(|(at, words)| !ctx.denial_closed(at, words, i));
        // a call on someone else scopes what follows; asking one's own forces does not
        let self_directed = sources.iter().all(|&s| {
            targets
                .iter()
                .all(|&t| toks[s].actor().is_some() && toks[s].actor() == toks[t].actor())
        });
        if cue.relation == RelationKind::Warns && shape == Shape::Active && !self_directed {
            warn_until = (end..n)
                .find(|&k| toks[k].is_punct('.') || toks[k].is_punct(';'))
                .unwrap_or(n);
        }
        // "Mali and Burkina Faso … against them": a coordinated subject never relates to
        // its own members through one cue
        let source_actors: Vec<usize> = sources.iter().filter_map(|&s| toks[s].actor()).collect();
        for &s in &sources {
            for &t in &targets {
                let (Some(sa), Some(ta)) = (toks[s].actor(), toks[t].actor()) else {
                    continue;
                };
                if sa == ta || source_actors.contains(&ta) {
                    continue;
                }
                let f = Found {
                    source: sa,
                    kind: cue.relation,
                    target: ta,
                    hedged: hedge,
                    confidence: if hedge {
                        cue.confidence * 0.7
                    } else {
                        cue.confidence
                    },
                    rule: cue.id.clone(),
                };
                if !out
                    .iter()
                    .any(|o| o.source == f.source && o.kind == f.kind && o.target == f.target)
                {
                    out.push(f);
                }
            }
        }
        i = end;
    }
    out
}
