//! Relation frames over the dependency parse: who does what to whom, read from the tree.
//!
//! For each sentence the engine
//! 1. puts actors on words: registry names on the head word of their span, demonyms on
//!    the nouns they stand for ("Turkish troops"), possessors on the forces they own
//!    ("Haftar's forces"), pronouns and descriptions on the actor they refer back to, and
//!    unknown proper names on themselves (new actors, made only when a frame uses them);
//! 2. looks up each word's lemma in the frame lexicon ([`FrameLexicon`], data);
//! 3. finds each frame's source and target with the generic tree operations of
//!    [`tree`]: passive voice, coordination, control, relative clauses, appositions,
//!    copulas, light verbs;
//! 4. drops what is negated, conditional or asked of someone, and hedges what is only
//!    suspected.
//!
//! Nothing here knows an English word: every word the engine reacts to comes from the
//! lexicon.

pub mod lexicon;
pub mod tree;

use std::ops::Range;

pub use lexicon::{Frame, FrameLexicon, Pos, PronounClass, Role};
use tree::Tree;

use crate::extract::claim::{Found, Suppressed};
use crate::extract::mention::slug;
use crate::extract::table::ActorTable;
use crate::model::{Actor, ActorKind, RelationKind};
use crate::syntax::Word;

/// Actors seen so far in a document, most recent last, for pronouns and descriptions.
#[derive(Debug, Default, Clone)]
pub struct Recent {
    /// (actor, sentence, was a subject there)
    seen: Vec<(usize, usize, bool)>,
    /// Pairs shown opposing each other, either way: (count, order first seen).
    rivals: std::collections::BTreeMap<(usize, usize), (usize, usize)>,
    /// Unknown names of two words or more that were a clause subject and are no actor
    /// yet, with their sentence: a later "he" or "she" may mean one of them.
    names: Vec<(String, usize)>,
    /// The latest sentence that was not parsed, so whose subject is not known, with the
    /// actor it names first (in English most often the subject).
    unparsed: Option<(usize, usize)>,
    /// Acts named so far with whoever did them, latest last: (lemma, doers, sentence),
    /// for a later "the drills" or "the move".
    acts: Vec<(String, Vec<usize>, usize)>,
    /// How often each actor has been named or referred to in the document so far.
    named: std::collections::BTreeMap<usize, usize>,
    /// Names the document uses for where something is ("in Goma", "south of Haifa"),
    /// folded: such a name that no registry knows is a place, not a new actor.
    places: std::collections::HashSet<String>,
}

impl Recent {
    /// How many sentences back a description may reach.
    const REACH: usize = 3;

    /// How many sentences back an act may be referred to.
    const ACT_REACH: usize = 10;

    /// Notes that `doers` did the act `lemma` names in sentence `sentence`.
    fn note_act(&mut self, lemma: &str, doers: Vec<usize>, sentence: usize) {
        self.acts.retain(|(l, _, _)| l != lemma);
        self.acts.push((lemma.to_string(), doers, sentence));
        if self.acts.len() > 32 {
            self.acts.remove(0);
        }
    }

    /// The acts within reach of sentence `sentence`, latest last: (lemma, doers, named
    /// in this sentence or the one before).
    fn acts_within(&self, sentence: usize) -> impl Iterator<Item = (&str, &[usize], bool)> {
        self.acts
            .iter()
            .filter(move |(_, _, s)| sentence.saturating_sub(*s) <= Self::ACT_REACH)
            .map(move |(l, d, s)| (l.as_str(), d.as_slice(), sentence.saturating_sub(*s) <= 1))
    }

    /// The act named last, when it was named in sentence `sentence` or the one before.
    fn act_just_named(&self, sentence: usize) -> Option<&str> {
        self.acts_within(sentence)
            .last()
            .filter(|(_, _, close)| *close)
            .map(|(l, _, _)| l)
    }

    /// Does a sentence of these lowercased `words`, sentence `sentence`, refer back to
    /// an act named earlier ("the drills", "this move")? `lemmas` gives a word's noun
    /// lemmas; `lex` says which determiners are definite and which nouns mean any act.
    pub fn refers_to_act(
        &self,
        lex: &FrameLexicon,
        words: &[&str],
        sentence: usize,
        lemmas: impl Fn(&str) -> Vec<String>,
    ) -> bool {
        let near: Vec<&str> = self.acts_within(sentence).map(|(l, _, _)| l).collect();
        let last = self
            .act_just_named(sentence)
            .map(|l| lex.act_relations(l))
            .unwrap_or_default();
        if near.is_empty() {
            return false;
        }
        words.iter().enumerate().any(|(k, &w)| {
            let after_definite = words[k.saturating_sub(3)..k]
                .iter()
                .any(|d| lex.is_definite(d));
            after_definite
                && std::iter::once(w.to_string()).chain(lemmas(w)).any(|l| {
                    near.contains(&l.as_str())
                        || lex.is_event_reference(&l)
                        || lex.act_relations(&l).iter().any(|r| last.contains(r))
                })
        })
    }

    /// Notes the opposes claims of a sentence, for "both sides" later.
    fn rivalries(&mut self, found: &[Found]) {
        for f in found.iter().filter(|f| f.kind == RelationKind::Opposes) {
            let key = (f.source.min(f.target), f.source.max(f.target));
            let order = self.rivals.len();
            self.rivals.entry(key).or_insert((0, order)).0 += 1;
        }
    }

    /// Whether the document has named two main rivals yet (for "both sides").
    pub fn has_main_rivals(&self) -> bool {
        self.main_rivals().is_some()
    }

    /// The pair most often shown opposing each other so far (ties: the first seen).
    fn main_rivals(&self) -> Option<(usize, usize)> {
        self.rivals
            .iter()
            .max_by_key(|(_, &(count, order))| (count, std::cmp::Reverse(order)))
            .map(|(&pair, _)| pair)
    }

    /// Notes the actors named, in order, in sentence `sentence`, which was not parsed (so
    /// none is known to be its subject).
    pub fn note(&mut self, actors: &[usize], sentence: usize) {
        self.unparsed = actors.first().map(|&a| (sentence, a));
        for &a in actors {
            self.push(a, sentence, false);
        }
    }

    fn push(&mut self, actor: usize, sentence: usize, subject: bool) {
        *self.named.entry(actor).or_insert(0) += 1;
        let mut subject = subject;
        if let Some(k) = self.seen.iter().position(|&(a, _, _)| a == actor) {
            let (_, s, was) = self.seen.remove(k);
            subject |= was && s == sentence;
        }
        self.seen.push((actor, sentence, subject));
        if self.seen.len() > 64 {
            self.seen.remove(0);
        }
    }

    /// Notes an unknown name that was a clause subject in sentence `sentence`.
    fn name_subject(&mut self, name: &str, sentence: usize) {
        self.names.retain(|(n, _)| n != name);
        self.names.push((name.to_string(), sentence));
        if self.names.len() > 16 {
            self.names.remove(0);
        }
    }

    /// The latest unknown subject name within a pronoun's reach, taken off the list
    /// (the caller makes it an actor).
    fn take_name(&mut self, sentence: usize) -> Option<String> {
        let k = self
            .names
            .iter()
            .rposition(|&(_, s)| sentence.saturating_sub(s) <= Self::REACH)?;
        Some(self.names.remove(k).0)
    }

    /// Reads the whole document `text` for the names it uses as places, before its
    /// first sentence is read (a headline may name the place before the sentence that
    /// shows it is one).
    pub fn note_places(&mut self, lex: &FrameLexicon, text: &str) {
        self.places = located_names(lex, text);
    }

    /// Does the document use `name` as a place?
    fn is_place(&self, name: &str) -> bool {
        !self.places.is_empty() && self.places.contains(&crate::text::normalize::fold(name))
    }

    /// The actors seen in the document, latest first.
    fn latest(&self) -> impl Iterator<Item = usize> + '_ {
        self.seen.iter().rev().map(|&(a, _, _)| a)
    }

    /// The latest subject of this or the previous sentence that fits, else the latest
    /// actor there that fits (for descriptions, which look there first).
    fn find_subject(&self, sentence: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .rev()
            .take_while(|&&(_, s, _)| sentence.saturating_sub(s) <= 1)
            .find(|&&(a, _, subject)| subject && fits(a))
            .or_else(|| {
                self.seen
                    .iter()
                    .rev()
                    .take_while(|&&(_, s, _)| sentence.saturating_sub(s) <= 1)
                    .find(|&&(a, _, _)| fits(a))
            })
            .map(|&(a, _, _)| a)
    }

    /// The latest subject of this or the previous sentence that fits, and no other actor
    /// (for modifiers, which say less than a description: "government troops"); in a
    /// sentence that was not parsed the actor named first is taken for its subject.
    fn subject_only(&self, sentence: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .rev()
            .take_while(|&&(_, s, _)| sentence.saturating_sub(s) <= 1)
            .find(|&&(a, s, subject)| (subject || self.unparsed == Some((s, a))) && fits(a))
            .map(|&(a, _, _)| a)
    }

    /// The first actor named in sentence `sentence` so far that fits.
    fn first_in(&self, sentence: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .skip_while(|&&(_, s, _)| s != sentence)
            .find(|&&(a, _, _)| fits(a))
            .map(|&(a, _, _)| a)
    }

    /// The latest actor named in sentence `sentence` so far that fits.
    fn latest_in(&self, sentence: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .rev()
            .take_while(|&&(_, s, _)| s == sentence)
            .find(|&&(a, _, _)| fits(a))
            .map(|&(a, _, _)| a)
    }

    /// Whether any actor named so far fits.
    fn any(&self, fits: impl Fn(usize) -> bool) -> bool {
        self.named.keys().any(|&a| fits(a))
    }

    /// The actor the document is about, among those that fit: named at least twice so
    /// far and more often than any other that fits. A description nothing nearby fits
    /// ("the government" three paragraphs on) means it, as a reader takes it.
    fn salient(&self, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        let mut tied = false;
        for (&a, &count) in &self.named {
            if !fits(a) {
                continue;
            }
            match best {
                Some((_, c)) if count < c => {}
                Some((_, c)) if count == c => tied = true,
                _ => {
                    best = Some((a, count));
                    tied = false;
                }
            }
        }
        best.filter(|&(_, count)| count >= 2 && !tied)
            .map(|(a, _)| a)
    }

    /// The actor a reference stands for: the latest subject of this or the previous
    /// sentence that fits, else the latest actor that fits within reach.
    fn find(&self, sentence: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let near = |s: usize, reach: usize| sentence.saturating_sub(s) <= reach;
        self.seen
            .iter()
            .rev()
            .take_while(|&&(_, s, _)| near(s, 1))
            .find(|&&(a, _, subject)| subject && fits(a))
            .or_else(|| {
                self.seen
                    .iter()
                    .rev()
                    .take_while(|&&(_, s, _)| near(s, Self::REACH))
                    .find(|&&(a, _, _)| fits(a))
            })
            .map(|&(a, _, _)| a)
    }
}

/// What one sentence gave.
#[derive(Debug, Default)]
pub struct Reading {
    /// Relations, by actor table index.
    pub found: Vec<Found>,
    /// Frames that matched a word and gave nothing, and why (for `--explain`).
    pub dropped: Vec<Suppressed>,
    /// Why each claim fired (frame word and roles), parallel to `found`.
    pub why: Vec<String>,
}

/// Why a frame's claim is not asserted by its sentence.
#[derive(Debug)]
struct Unasserted {
    why: String,
    /// The demand verb that asks for the act ("urged B to attack C"), when that is why:
    /// the one who asks takes the act's side.
    asked_by: Option<usize>,
}

impl From<String> for Unasserted {
    fn from(why: String) -> Self {
        Unasserted {
            why,
            asked_by: None,
        }
    }
}

/// The claims a frame gives at one word, before they join the reading.
struct Claims {
    /// (source, target) pairs.
    pairs: Vec<(usize, usize)>,
    relation: RelationKind,
    hedged: bool,
    /// The person speaking for a state source, who then is the source.
    speaker: Option<usize>,
    /// How the claim was composed ("asked for by \"urged\""), for `--explain`.
    note: Option<String>,
}

/// Does a clause subject of `kind` fit a pronoun of `class` (a person for "his",
/// anything else for "its" and "their"; a name of unknown kind fits either)?
fn subject_fits(class: PronounClass, kind: ActorKind) -> bool {
    match class {
        PronounClass::Person => matches!(kind, ActorKind::Person | ActorKind::Other),
        PronounClass::Thing | PronounClass::Plural => kind != ActorKind::Person,
        PronounClass::Speaker => false,
    }
}

/// An actor on a word, or a proper name that may become one.
#[derive(Debug, Clone)]
enum Slot {
    Empty,
    Actor(usize),
    /// An unknown proper name: (name, kind), made an actor when a frame uses it.
    Name(String, ActorKind),
    /// Two actors at once: "both sides" for the main rivals of the document.
    Pair(usize, usize),
}

/// Reads one sentence.
pub struct SentenceReader<'r, 't> {
    lex: &'r FrameLexicon,
    tree: &'r Tree<'r>,
    text: &'r str,
    table: &'r mut ActorTable<'t>,
    slots: Vec<Slot>,
    /// A demonym's state, on the adjective itself ("American" in "the American invasion").
    demonym: Vec<Option<usize>>,
    /// An actor written inside a word, with the text before and after it in that word
    /// ("Turkish" in "pro-Turkish").
    partial: Vec<Option<(usize, String, String)>>,
    /// Words coordinated with a word inside a name, counted as coordinated with the
    /// name ("the House of Representatives and Haftar").
    name_conj: Vec<Vec<usize>>,
    /// How deeply [`SentenceReader::expand`] is nested.
    depth: usize,
    /// For a word inside a name, the name's head word.
    name_head: Vec<Option<usize>>,
    /// The word is a capital standing for its state.
    capital: Vec<bool>,
    /// More owners of a noun that stands for its owner, coordinated with the first
    /// ("British" in "U.S. and British warplanes").
    co_owners: Vec<Vec<usize>>,
    /// Acts named in earlier sentences and who did them, latest last.
    earlier_acts: Vec<(String, Vec<usize>)>,
    /// The lemma of the act named last, when named in this sentence's predecessor.
    act_just_named: Option<String>,
}

/// The capitalised names `text` puts right after a locative preposition ("fighting
/// *in Goma*", "a base *south of Haifa*"), folded. A word with an apostrophe ends the
/// search without a name (a possessive: "in Karzai's cabinet" says nothing of Karzai),
/// and a name ends at punctuation or at the first word that is not capitalised, four
/// words at most.
pub fn located_names(lex: &FrameLexicon, text: &str) -> std::collections::HashSet<String> {
    const LONGEST: usize = 4;
    let closing: &[char] = &[',', '.', ';', ':', '!', '?', ')', '"', '\u{201d}'];
    let quotes: &[char] = &['\'', '\u{2019}'];
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut places = std::collections::HashSet::new();
    for i in 0..tokens.len() {
        for prep in lex.locative_prepositions() {
            let Some(words) = tokens.get(i..i + prep.len()) else {
                continue;
            };
            if !words
                .iter()
                .zip(prep)
                .all(|(w, p)| w.eq_ignore_ascii_case(p))
            {
                continue;
            }
            let mut name: Vec<&str> = Vec::new();
            let mut apostrophe = false;
            for &tok in tokens.iter().skip(i + prep.len()).take(LONGEST) {
                if !tok.starts_with(char::is_uppercase) {
                    break;
                }
                let word = tok.trim_end_matches(closing);
                // (a possessive, or a quote closing on the name)
                apostrophe = word.contains(quotes);
                if apostrophe || word.is_empty() {
                    break;
                }
                name.push(word);
                if word.len() < tok.len() {
                    break;
                }
            }
            if !apostrophe && !name.is_empty() {
                places.insert(crate::text::normalize::fold(&name.join(" ")));
            }
        }
    }
    places
}

/// Mentions of one sentence: byte range in the sentence text and actor.
pub type Spans = [(Range<usize>, usize)];

/// Where the sentence starts after a dateline ("TRIPOLI - ", "BENGHAZI, Libya (Reuters) -
/// "): the byte after the dash and the space that follows it; 0 when there is none. A
/// dateline is a first word in capitals, then at most five words that start with a capital
/// (commas and brackets aside), then a dash (`-`, en or em) with space on both sides
/// ("US-backed" has none) or against a capitalised word after it ("ACCRA (Reuters)
/// -Ghana said"). A first word in ordinary capitals ("United Nations — The envoys
/// met") makes a dateline only with a spaced dash, a capitalised word after it and no
/// other spaced dash in the sentence (which would close an aside). It says where the
/// story was filed and is no part of the sentence: the parser, trained on sentences
/// without one, reads the sentence after it.
pub fn dateline_end(sentence: &str) -> usize {
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    let dash = |c: char| matches!(c, '-' | '\u{2013}' | '\u{2014}');
    let mut words = 0;
    let mut at = 0;
    // a first word in capitals ("TRIPOLI"); else the words before the dash need only
    // start with one ("United Nations")
    let mut shouting = false;
    for (k, word) in sentence.split_inclusive(char::is_whitespace).enumerate() {
        let w = word.trim_end();
        if k > 0 && !w.is_empty() && w.chars().all(dash) {
            let end = at + word.len();
            let rest = &sentence[end..];
            let start = end + (rest.len() - rest.trim_start().len());
            // "United Nations — The envoys of ...": capitalised words, a spaced dash, a
            // capitalised word, and no other spaced dash after (that would close an
            // aside: "Hezbollah — Israel's foe — fired"; the text reaching here has its
            // en and em dashes made hyphens)
            // (two words at least: "Israel - Hamas talks resume" is no dateline)
            let titled = words >= 2
                && rest.trim_start().starts_with(char::is_uppercase)
                && !rest.split_whitespace().any(|x| x.chars().all(dash));
            return if shouting || titled { start } else { 0 };
        }
        // "LOME/ACCRA (Reuters) -Ghana said ...": the dash against the first word
        if k > 0 && shouting && w.starts_with(dash) {
            let after = w.trim_start_matches(dash);
            if after.starts_with(char::is_uppercase) {
                return at + (w.len() - after.len());
            }
        }
        let bare = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')'));
        if k == 0 {
            shouting = capitals(bare);
        }
        let fits = bare.is_empty() || bare.starts_with(char::is_uppercase);
        if !fits || words >= 6 {
            return 0;
        }
        words += usize::from(!w.is_empty());
        at += word.len();
    }
    0
}

impl<'r, 't> SentenceReader<'r, 't> {
    /// Reads `words` (the parse of `text`), with registry `mentions` and raw `demonyms`
    /// (ranges in `text`), resolving references against `recent` (sentence `index` of its
    /// document).
    #[allow(clippy::too_many_arguments)]
    pub fn read(
        lex: &FrameLexicon,
        words: &[Word],
        text: &str,
        mentions: &Spans,
        capitals: &Spans,
        demonyms: &Spans,
        table: &mut ActorTable<'t>,
        recent: &mut Recent,
        index: usize,
        trace: bool,
    ) -> Reading {
        let n = words.len();
        let tree = Tree::with_keys(words, |lemma, form| {
            if !lex.knows(lemma) && lex.knows(form) {
                form.to_string()
            } else {
                lemma.to_string()
            }
        });
        let mut r = SentenceReader {
            lex,
            tree: &tree,
            text,
            table,
            slots: vec![Slot::Empty; n],
            demonym: vec![None; n],
            partial: vec![None; n],
            name_conj: vec![Vec::new(); n],
            depth: 0,
            name_head: vec![None; n],
            capital: vec![false; n],
            co_owners: vec![Vec::new(); n],
            earlier_acts: recent
                .acts_within(index)
                .map(|(l, d, _)| (l.to_string(), d.to_vec()))
                .collect(),
            act_just_named: recent.act_just_named(index).map(str::to_string),
        };
        let inside = r.place_mentions(mentions, capitals, demonyms);
        r.place_references(&inside, recent, index);
        let reading = r.frames(trace);
        recent.rivalries(&reading.found);
        r.note_acts(recent, index);
        reading
    }

    /// Registry mentions on their head words, demonyms on the adjectives; returns which
    /// words are inside a name (but not its head).
    fn place_mentions(
        &mut self,
        mentions: &Spans,
        capitals: &Spans,
        demonyms: &Spans,
    ) -> Vec<bool> {
        let n = self.tree.len();
        let mut inside = vec![false; n];
        let mut covered = vec![false; n];
        for (range, actor) in mentions {
            self.place(range, *actor, &mut inside, &mut covered, false);
        }
        // a capital names its state wherever a frame finds it ("talks between Tehran and
        // Washington"); as a place ("in Tripoli") no frame asks for it
        for (range, actor) in capitals {
            if let Some(w) = self.place(range, *actor, &mut inside, &mut covered, false) {
                self.capital[w] = true;
            }
        }
        for (range, actor) in demonyms {
            self.place(range, *actor, &mut inside, &mut covered, true);
        }
        inside
    }

    /// Puts `actor` on the words of `range`; returns the word whose slot now holds it.
    fn place(
        &mut self,
        range: &Range<usize>,
        actor: usize,
        inside: &mut [bool],
        covered: &mut [bool],
        demonym: bool,
    ) -> Option<usize> {
        let words = self.tree.words;
        let over: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].span.start < range.end && range.start < words[i].span.end)
            .collect();
        let &first = over.first()?;
        if over.iter().any(|&i| covered[i]) {
            return None;
        }
        let w = &words[first];
        if over.len() == 1 && (range.start > w.span.start || range.end < w.span.end) {
            // inside one word: "pro-Turkish", "Iran-backed"
            let before = self.text[w.span.start..range.start.max(w.span.start)].to_string();
            let after = self.text[range.end.min(w.span.end)..w.span.end].to_string();
            self.partial[first] = Some((actor, before, after));
            covered[first] = true;
            return None;
        }
        // the head of the span: the word whose head lies outside it
        // (not a word coordinated with one outside: "South" in "North and South Korea")
        let outside = |i: &usize| self.tree.head(*i).is_none_or(|h| !over.contains(&h));
        // a split span ("U.N. envoy Hans Grundberg" parsed as several dependents of the
        // verb) stands where one of its words is an argument
        let argument = |i: &usize| {
            matches!(
                self.tree.base(*i),
                "nsubj" | "obj" | "iobj" | "obl" | "nmod" | "appos"
            )
        };
        let head = over
            .iter()
            .copied()
            .find(|i| outside(i) && argument(i))
            .or_else(|| {
                over.iter()
                    .copied()
                    .find(|i| outside(i) && self.tree.base(*i) != "conj")
            })
            .or_else(|| over.iter().copied().find(outside))
            .unwrap_or(first);
        for &i in &over {
            covered[i] = true;
            if i != head {
                inside[i] = true;
                self.name_head[i] = Some(head);
                for c in self.tree.children_rel(i, "conj") {
                    if !over.contains(&c) {
                        self.name_conj[head].push(c);
                    }
                }
                // "North and South Korea": the word the name's first word is
                // coordinated with
                if self.tree.base(i) == "conj" {
                    if let Some(h) = self.tree.head(i).filter(|h| !over.contains(h)) {
                        self.name_conj[head].push(h);
                    }
                }
            }
        }
        if demonym && over.len() == 1 {
            self.demonym[head] = Some(actor);
            // "the Iranians armed the Houthis": a people named on its own, not
            // modifying a noun, stands for its state
            let t = self.tree;
            if matches!(t.upos(head), "NOUN" | "PROPN")
                && !matches!(t.base(head), "amod" | "compound" | "flat" | "nmod")
            {
                self.slots[head] = Slot::Actor(actor);
                return Some(head);
            }
            None
        } else {
            self.slots[head] = Slot::Actor(actor);
            Some(head)
        }
    }

    /// Left to right: demonyms and owners on the nouns they stand for, pronouns and
    /// descriptions on what they refer back to, unknown proper names as candidates.
    #[allow(clippy::needless_range_loop)] // words are visited by index, several arrays at once
    fn place_references(&mut self, inside: &[bool], recent: &mut Recent, index: usize) {
        let t = self.tree;
        let n = t.len();
        // unknown proper names: the head of a run of proper nouns, named before the
        // nouns that take their owner from them ("a spokesman for President Clinton")
        for i in 0..n {
            let t = self.tree;
            // a title word heading a known person's name stands for the person, below
            let titles_known = self.lex.is_title(&t.form(i).to_lowercase())
                && t.children(i).iter().any(|&c| {
                    matches!(self.slots[c], Slot::Actor(a)
                        if self.table.get(a).kind == ActorKind::Person)
                });
            // "the Sudanese Foreign Ministry": a capitalised agent noun a demonym
            // modifies is the state's (placed below), not a new name
            let demonym_owned = self.lex.is_agent_noun(t.lemma(i))
                && t.children_base(i, "amod")
                    .any(|c| self.demonym[c].is_some());
            // ("the Movement for Justice and Equality": a capitalised common noun, not
            // the sentence's first word, that a name's tail follows)
            let named_noun = t.upos(i) == "NOUN"
                && i > 0
                && t.form(i).starts_with(char::is_uppercase)
                && self.name_tail(i).is_some();
            if inside[i]
                || !matches!(self.slots[i], Slot::Empty)
                || (t.upos(i) != "PROPN" && !named_noun)
                || matches!(t.base(i), "flat" | "compound" | "fixed")
                || titles_known
                || demonym_owned
            {
                continue;
            }
            if let Some(a) = self.owner_named_before(i) {
                self.slots[i] = Slot::Actor(a);
                continue;
            }
            if let Some((name, kind)) = self.proper_name(i) {
                // "the fighting in Goma": a name the document uses for a place is no
                // new actor
                if kind == ActorKind::Other && recent.is_place(&name) {
                    continue;
                }
                // "Kainerugaba" after "Muhoozi Kainerugaba": a surname alone is the person
                // the document named in full
                let person = (!name.contains(char::is_whitespace))
                    .then(|| {
                        // (accents and case aside: "Deby" after "Idriss Déby")
                        let key = crate::text::normalize::fold(&name);
                        recent.latest().find(|&a| {
                            let actor = self.table.get(a);
                            actor.kind == ActorKind::Person
                                && actor.name.rsplit_once(char::is_whitespace).is_some_and(
                                    |(_, last)| crate::text::normalize::fold(last) == key,
                                )
                        })
                    })
                    .flatten();
                if person.is_none() && self.is_subject(i) && name.contains(char::is_whitespace) {
                    recent.name_subject(&name, index);
                }
                self.slots[i] = match person {
                    Some(a) => Slot::Actor(a),
                    None => Slot::Name(name, kind),
                };
            }
        }
        // "Mohamed Hamdan, known as Hemeti": a name the registry does not know, given
        // another name that it knows, is that actor
        for i in 0..n {
            let t = self.tree;
            let unknown = match self.slots[i] {
                Slot::Name(..) => true,
                Slot::Actor(a) => !self.table.is_known(a),
                _ => false,
            };
            if !unknown {
                continue;
            }
            let other = t
                .children_base(i, "acl")
                .filter(|&c| self.lex.is_alias_verb(t.lemma(c)))
                .flat_map(|c| t.children(c).to_vec())
                .filter(|&w| self.lex.is_alias_preposition(&t.preposition(w)))
                .find_map(|w| match self.slots[w] {
                    Slot::Actor(a) if self.table.is_known(a) => Some(a),
                    _ => None,
                });
            if let Some(a) = other {
                self.slots[i] = Slot::Actor(a);
            }
        }
        // nouns a demonym, a name or a possessor stands for, decided before the pass so
        // that a noun before its modifier is no problem
        // "Secretary of State Antony Blinken", "the leader, Ali Khamenei": a title word
        // heading a person's name stands for the person
        for i in 0..n {
            if inside[i] || !matches!(self.slots[i], Slot::Empty) {
                continue;
            }
            if !self.lex.is_title(&t.form(i).to_lowercase()) && !self.lex.is_title(t.lemma(i)) {
                continue;
            }
            // a known person, or a name in apposition ("the minister, Ali Karimi")
            let person = t.children(i).iter().copied().find(|&c| {
                c > i
                    && match &self.slots[c] {
                        Slot::Actor(a) => {
                            matches!(t.base(c), "flat" | "appos" | "nmod" | "compound")
                                && self.table.get(*a).kind == ActorKind::Person
                        }
                        Slot::Name(..) => matches!(t.base(c), "flat" | "appos"),
                        _ => false,
                    }
            });
            if let Some(a) = person.and_then(|c| self.actor_at(c)) {
                self.slots[i] = Slot::Actor(a);
            }
        }
        for i in 0..n {
            if inside[i] {
                continue;
            }
            let Some(h) = t.head(i) else { continue };
            if !matches!(self.slots[h], Slot::Empty) || inside[h] {
                continue;
            }
            // (a capitalised agent noun too: "the Sudanese Foreign Ministry")
            let noun =
                t.upos(h) == "NOUN" || (t.upos(h) == "PROPN" && self.lex.is_agent_noun(t.lemma(h)));
            if !noun || !matches!(t.base(i), "amod" | "compound" | "nmod") {
                continue;
            }
            let hl = t.lemma(h);
            // "Russian-backed fighters": the demonym belongs to the compound, not the noun
            if i + 1 < n && t.xpos(i + 1) == "HYPH" {
                continue;
            }
            let Some(state) = self.demonym[i] else {
                continue;
            };
            // "Russian mercenaries from the Wagner Group": a named owner comes first;
            // "Chinese drones supplied by the UAE": so does a named giver, and the
            // nationality is where they were made
            let named = |c: usize| matches!(self.slots[c], Slot::Actor(_) | Slot::Name(..));
            let owned = t.children(h).iter().any(|&c| {
                let by = match t.rel(c) {
                    "nmod:poss" => true,
                    "nmod" => self.lex.is_owner_preposition(&t.preposition(c)),
                    _ => false,
                };
                by && named(c)
            }) || t
                .children_base(h, "acl")
                .any(|v| t.children_rel(v, "obl:agent").any(named));
            // "the Lebanese group Hezbollah": the name in apposition is the group
            if !owned && self.named_by_apposition(h) {
                continue;
            }
            if !owned {
                if self.lex.is_agent_noun(hl) && matches!(t.rel(i), "amod" | "compound") {
                    // "Musharraf, the Pakistani president": the person in apposition
                    let a = self.appositive_person(h).unwrap_or(state);
                    self.slots[h] = Slot::Actor(a);
                    // "Turkish and Qatari diplomats": each coordinated nationality
                    // "Israeli and U.S. targets": a name among them too
                    for d in t.conjuncts(i) {
                        if d == i {
                            continue;
                        }
                        let b = self.demonym[d].or_else(|| self.actor_at(d));
                        if let Some(b) = b.filter(|&b| b != a) {
                            self.co_owners[h].push(b);
                        }
                    }
                } else if self.lex.is_group_noun(hl) {
                    let name = self.text[t.span(i.min(h), i.max(h))].to_string();
                    self.slots[h] = Slot::Actor(self.new_group(&name, state));
                }
            }
        }
        // first-person pronouns inside a quote whose speaker is named after them by a
        // pronoun ('"We will act," he said'): read once the speaker is
        let mut speaker_later = Vec::new();
        for i in 0..n {
            if inside[i] {
                continue;
            }
            match self.slots[i].clone() {
                Slot::Actor(a) => {
                    recent.push(a, index, self.is_subject(i));
                    continue;
                }
                Slot::Name(..) | Slot::Pair(..) => continue,
                Slot::Empty => {}
            }
            let t = self.tree;
            let lemma = t.lemma(i).to_string();
            let upos = t.upos(i).to_string();
            // "Haftar's forces", "the forces of Haftar", "Hamas fighters", "US troops"
            if upos == "NOUN"
                && (self.lex.is_agent_noun(&lemma)
                    || self.lex.is_group_noun(&lemma)
                    || self.lex.is_representative(&lemma))
            {
                // a name compounded with the noun comes before a possessor: "Lebanon's
                // Hezbollah fighters" are Hezbollah's
                let mut children = t.children(i).to_vec();
                children.sort_by_key(|&c| t.rel(c) != "compound");
                let owner_word = children.into_iter().find_map(|c| {
                    // a name in a compound adjective owns nothing: "the al Qaeda-linked
                    // group" (the name read as a compound of the noun)
                    let mut end = t.last_word(c).max(self.name_head_end(c));
                    while end > c && t.upos(end) == "PUNCT" {
                        end -= 1;
                    }
                    if end + 1 < i && t.xpos(end + 1) == "HYPH" {
                        return None;
                    }
                    let by_rel = match t.rel(c) {
                        "nmod:poss" | "compound" => true,
                        // "Houthi fighters" with the name read as an adjective: a known
                        // actor's name (a demonym holds no actor here) just before the
                        // noun, not inside a compound adjective ("al Qaeda-linked group")
                        "amod" => c + 1 == i && matches!(self.slots[c], Slot::Actor(_)),
                        "nmod" => {
                            let prep = t.preposition(c);
                            (self.lex.is_owner_preposition(&prep) && self.lex.is_agent_noun(&lemma))
                                || (self.lex.is_representative(&lemma)
                                    && self.lex.is_representative_preposition(&prep))
                        }
                        _ => false,
                    };
                    match (&self.slots[c], by_rel) {
                        (Slot::Actor(_) | Slot::Name(..), true) => Some(c),
                        // "a Malian army convoy": a word inside a name ("army" in the
                        // mention "Malian army") stands for the name
                        (Slot::Empty, true) if self.name_head[c].is_some() => Some(c),
                        // "Houthi missile sites": the owner of the compound before it
                        (Slot::Empty, true) if t.rel(c) == "compound" => t
                            .children_rel(c, "compound")
                            .find(|&d| matches!(self.slots[d], Slot::Actor(_))),
                        _ => None,
                    }
                });
                // "CAR rebels", "Sudan's militias": an armed group the lexicon describes as
                // no state or government is not the state it is named after (it is at war
                // with it, or merely there); a person is ("Taiwan's president")
                let stateless = self.lex.description(&lemma).is_some_and(|kinds| {
                    kinds.contains(&ActorKind::ArmedGroup)
                        && !kinds.contains(&ActorKind::State)
                        && !kinds.contains(&ActorKind::Government)
                });
                let owner = owner_word
                    .and_then(|c| self.actor_at(c))
                    .filter(|&a| !(stateless && self.table.get(a).kind == ActorKind::State));
                if let Some(a) = owner {
                    self.slots[i] = Slot::Actor(a);
                    // "U.S. and British warplanes": each coordinated owner
                    let others: Vec<usize> = owner_word
                        .map(|c| self.tree.conjuncts(c))
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|&d| Some(d) != owner_word)
                        .collect();
                    for d in others {
                        let b = self.demonym[d].or_else(|| self.actor_at(d));
                        if let Some(b) = b.filter(|&b| b != a) {
                            self.co_owners[i].push(b);
                        }
                    }
                    recent.push(a, index, self.is_subject(i));
                    continue;
                }
                // "government forces", "federal troops": a modifier that describes a
                // state's government makes the noun that government's, as "the
                // government" would
                if self.lex.is_agent_noun(&lemma) {
                    let described = t.children(i).iter().copied().find_map(|c| {
                        if c > i
                            || !matches!(t.base(c), "amod" | "compound")
                            || !matches!(self.slots[c], Slot::Empty)
                        {
                            return None;
                        }
                        let word = t.form(c).to_lowercase();
                        let kinds = self.lex.description(&word)?;
                        kinds.contains(&ActorKind::State).then(|| kinds.to_vec())
                    });
                    if let Some(kinds) = described {
                        let table = &*self.table;
                        let fits = |a: usize| kinds.contains(&table.get(a).kind);
                        if let Some(a) = recent
                            .subject_only(index, fits)
                            .or_else(|| recent.salient(fits))
                        {
                            self.slots[i] = Slot::Actor(a);
                            recent.push(a, index, self.is_subject(i));
                            continue;
                        }
                    }
                }
                // "Fallujah insurgents": a group named by a place or name (not when a
                // name in apposition names it: "the Somali militant group al-Shabaab")
                if self.lex.is_group_noun(&lemma) && !self.named_by_apposition(i) {
                    let named = t
                        .children(i)
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let name = t.rel(c) == "compound" && t.upos(c) == "PROPN";
                            // "Fulani militants": a capitalised adjective that is no known
                            // nationality (and not capitalised for opening the sentence)
                            let people = t.rel(c) == "amod"
                                && c > 0
                                && t.form(c).starts_with(char::is_uppercase)
                                && self.demonym[c].is_none();
                            (name || people) && c < i
                        })
                        .min()
                        // a name of several words compounded with the noun starts at its
                        // own first word: "the Kaveh Lions militia", not "Lions militia"
                        .map(|c| {
                            let first = t.first_word(c);
                            let capitalised =
                                (first..c).all(|k| t.form(k).starts_with(char::is_uppercase));
                            if capitalised && first < c {
                                first
                            } else {
                                c
                            }
                        })
                        // the name runs up to the noun, with no punctuation between
                        .filter(|&c| (c + 1..i).all(|k| t.upos(k) != "PUNCT"));
                    if let Some(c) = named {
                        if !self.lex.is_not_name(t.lemma(c)) {
                            let name = self.text[t.span(c, i)].to_string();
                            self.slots[i] = Slot::Name(name, ActorKind::ArmedGroup);
                            continue;
                        }
                    }
                }
            }
            // "Eritrea, whose troops ...": a relative possessive stands for its antecedent
            if t.xpos(i) == "WP$" {
                if let Some(a) = self.antecedent(i).and_then(|h| match self.slots[h] {
                    Slot::Actor(a) => Some(a),
                    _ => None,
                }) {
                    self.slots[i] = Slot::Actor(a);
                }
                continue;
            }
            // pronouns
            if upos == "PRON" || t.xpos(i) == "PRP$" {
                let form = t.form(i).to_lowercase();
                if let Some(class) = self.lex.pronoun(&form).or_else(|| self.lex.pronoun(&lemma)) {
                    // "the rebels armed themselves": a reflexive is its clause's subject,
                    // or nothing
                    if self.lex.is_reflexive(&form) {
                        let found = match class {
                            PronounClass::Speaker => self.speaker_of(i),
                            _ => self.clause_subject(i, class),
                        };
                        if let Some(a) = found {
                            self.slots[i] = Slot::Actor(a);
                        }
                        continue;
                    }
                    // "Gyanendra dismissed his government": a possessive means the
                    // subject of its own clause when that subject fits
                    let possessive = t.xpos(i) == "PRP$" || t.rel(i) == "nmod:poss";
                    if possessive && class != PronounClass::Speaker {
                        if let Some(a) = self.clause_subject(i, class) {
                            self.slots[i] = Slot::Actor(a);
                            // "A, B and C reaffirmed their support": a plural one means
                            // every actor of that subject
                            if class == PronounClass::Plural {
                                let rest: Vec<usize> = self
                                    .clause_subjects(i, class)
                                    .into_iter()
                                    .filter(|&b| b != a)
                                    .collect();
                                self.co_owners[i].extend(rest);
                            }
                            continue;
                        }
                    }
                    // "the Communists thought they could win": the subject of a reported
                    // clause means the reporter when the reporter fits
                    let reported =
                        t.base(i) == "nsubj" && t.head(i).is_some_and(|v| t.base(v) == "ccomp");
                    if reported && class != PronounClass::Speaker {
                        let v = t.head(i).and_then(|v| t.head(v));
                        if let Some(a) = v.and_then(|v| self.subject_fitting(v, i, class)) {
                            self.slots[i] = Slot::Actor(a);
                            continue;
                        }
                    }
                    // "The bloc imposed sanctions on Mali, and it urged Mali to ...": the
                    // subject of a clause joined to one with a subject of its own is that
                    // subject, or no one the sentence names (not "Mali")
                    if class != PronounClass::Speaker && matches!(t.base(i), "nsubj") {
                        if let Some(first) = t
                            .head(i)
                            .filter(|&v| t.rel(v) == "conj")
                            .and_then(|v| t.head(v))
                            .map(|h| self.subject_words(h))
                            .filter(|w| !w.is_empty() && w.iter().all(|&w| w < i))
                        {
                            if let Some(a) = first
                                .iter()
                                .find_map(|&w| self.subject_fitting_word(w, class))
                            {
                                self.slots[i] = Slot::Actor(a);
                                recent.push(a, index, true);
                            }
                            continue;
                        }
                    }
                    // "it urged Mali": a pronoun is none of its own clause's other
                    // participants
                    let others = self.co_arguments(i);
                    let found = match class {
                        PronounClass::Speaker => {
                            let found = self.speaker_of(i);
                            if found.is_none() {
                                speaker_later.push(i);
                            }
                            found
                        }
                        PronounClass::Person => recent
                            .find(index, |a| {
                                self.table.get(a).kind == ActorKind::Person && !others.contains(&a)
                            })
                            .or_else(|| {
                                // "Patrick Leopold Gordon was a general ... He served
                                // Sweden": no person within reach, so the unknown name
                                // that was a subject is one
                                let name = recent.take_name(index)?;
                                let person = Actor::new(slug(&name), name, ActorKind::Person);
                                let a = self.table.add_person(person);
                                recent.push(a, index, self.is_subject(i));
                                Some(a)
                            }),
                        PronounClass::Thing | PronounClass::Plural => {
                            let fits = |a: usize| {
                                self.table.get(a).kind != ActorKind::Person && !others.contains(&a)
                            };
                            // the object of a clause coordinated with an earlier one looks
                            // first in its own sentence: a singular one means the actor
                            // named first there ("A has no ties with B but helps arm it"),
                            // a plural one the latest ("A has no embassy in B but arms the
                            // Houthis and trains them")
                            let coordinated = {
                                let mut x = i;
                                let mut found = false;
                                for _ in 0..t.len() {
                                    match t.head(x) {
                                        Some(h) => {
                                            found |= t.rel(x) == "conj" && t.upos(x) == "VERB";
                                            x = h;
                                        }
                                        None => break,
                                    }
                                }
                                found
                            };
                            let object = matches!(t.rel(i), "obj" | "iobj") && coordinated;
                            let here = if class == PronounClass::Thing {
                                recent.first_in(index, fits)
                            } else {
                                recent.latest_in(index, fits)
                            };
                            object
                                .then_some(here)
                                .flatten()
                                .or_else(|| recent.find(index, fits))
                        }
                    };
                    if let Some(a) = found {
                        self.slots[i] = Slot::Actor(a);
                        // a pronoun keeps its referent in view: "Gordon ... he ... he"
                        recent.push(a, index, self.is_subject(i));
                    }
                }
                continue;
            }
            // "both sides", "the warring parties": the document's main rivals
            if upos == "NOUN" && self.lex.is_pair_noun(&lemma) {
                // ("the sides", plural and definite, means them as well)
                let plural_definite = t.xpos(i).ends_with('S')
                    && t.children_base(i, "det")
                        .any(|d| self.lex.is_definite(t.lemma(d)))
                    && !t
                        .children(i)
                        .iter()
                        .any(|&c| matches!(t.base(c), "amod" | "compound" | "nmod" | "acl"));
                let paired = plural_definite
                    || t.children(i).iter().any(|&c| {
                        matches!(t.base(c), "det" | "nummod" | "amod")
                            && self.lex.is_pair_determiner(t.lemma(c))
                    });
                if paired {
                    // "both countries" are two states: rivals that are not both states
                    // are some other pair
                    let of_states = self
                        .lex
                        .description(&lemma)
                        .is_some_and(|kinds| kinds.contains(&ActorKind::State));
                    let states = |a: usize, b: usize| {
                        [a, b]
                            .iter()
                            .all(|&x| self.table.get(x).kind == ActorKind::State)
                    };
                    if let Some((a, b)) = recent.main_rivals() {
                        if !of_states || states(a, b) {
                            self.slots[i] = Slot::Pair(a, b);
                        }
                    }
                    continue;
                }
            }
            // "Hezbollah is the group backed by Iran": a predicate noun stands for its
            // subject (see `expand_once`), not for an actor named before
            if upos == "NOUN"
                && self.predicate_noun(i)
                && t.children_base(i, "nsubj")
                    .any(|c| matches!(self.slots[c], Slot::Actor(_)))
            {
                continue;
            }
            // an actor's own descriptions, from its data: "the junta", "the
            // paramilitaries", "the strongman" mean the latest actor described so
            if upos == "NOUN"
                && t.children_base(i, "det")
                    .any(|d| self.lex.is_definite(t.lemma(d)))
                && !t.children(i).iter().any(|&c| t.upos(c) == "PROPN")
            {
                let form = t.form(i).to_lowercase();
                let table = &*self.table;
                let described =
                    |a: usize| {
                        table.get(a).descriptions.iter().any(|d| {
                            d.eq_ignore_ascii_case(&form) || d.eq_ignore_ascii_case(&lemma)
                        })
                    };
                // "the UAE accused the government": a description is none of its own
                // clause's other participants (looked for only when an actor so far is
                // described so)
                let found = if recent.any(described) {
                    let others = self.co_arguments(i);
                    match recent.find(index, described) {
                        Some(a) if others.contains(&a) => {
                            recent.find(index, |a| described(a) && !others.contains(&a))
                        }
                        found => found,
                    }
                    .or_else(|| recent.salient(|a| described(a) && !others.contains(&a)))
                } else {
                    None
                };
                if let Some(a) = found {
                    self.slots[i] = Slot::Actor(a);
                    continue;
                }
            }
            // descriptions: "the group", "the regime", "the marshal"
            if upos == "NOUN" {
                // by lemma, or by the form when the lexicon lists a plural ("militants")
                let plural = t.form(i).to_lowercase();
                if let Some(kinds) = self
                    .lex
                    .description(&lemma)
                    .or_else(|| self.lex.description(&plural))
                {
                    // "the government in Bamako", "the regime in Damascus": the state
                    // whose seat is named
                    if kinds.contains(&ActorKind::State) {
                        // (also the verb's oblique right after the noun, a common
                        // misattachment: "condemned the government in Bamako")
                        let next_obl = t.head(i).into_iter().flat_map(|h| {
                            t.children_base(h, "obl")
                                .filter(|&c| t.first_word(c) == i + 1)
                                .collect::<Vec<_>>()
                        });
                        let seat = t.children_base(i, "nmod").chain(next_obl).find_map(|c| {
                            match self.slots[c] {
                                Slot::Actor(a)
                                    if self.capital[c]
                                        && self.lex.is_seat_preposition(&t.preposition(c)) =>
                                {
                                    Some(a)
                                }
                                _ => None,
                            }
                        });
                        if let Some(a) = seat {
                            self.slots[i] = Slot::Actor(a);
                            recent.push(a, index, self.is_subject(i));
                            continue;
                        }
                    }
                    let definite = t
                        .children_base(i, "det")
                        .any(|d| self.lex.is_definite(t.lemma(d)));
                    let named = t.children(i).iter().any(|&c| {
                        matches!(t.base(c), "amod" | "compound" | "flat" | "appos" | "nmod")
                            && (t.upos(c) == "PROPN"
                                || self.demonym[c].is_some()
                                || !matches!(self.slots[c], Slot::Empty))
                    });
                    // one actor: "the group", not "the groups", unless the lexicon lists
                    // the plural itself ("the rebels", "the authorities")
                    let singular = !t.xpos(i).ends_with('S')
                        || (plural != lemma && self.lex.description(&plural).is_some());
                    if definite && !named && singular {
                        let kinds = kinds.to_vec();
                        // with another participant ruled out, only a subject of this or
                        // the previous sentence is a good enough guess; with none there,
                        // the latest fitting actor within a description's reach
                        let others = self.co_arguments(i);
                        let kind_fits = |a: usize| kinds.contains(&self.table.get(a).kind);
                        let found = match recent.find_subject(index, kind_fits) {
                            Some(a) if others.contains(&a) => {
                                recent.subject_only(index, |a| kind_fits(a) && !others.contains(&a))
                            }
                            None => recent.find(index, |a| kind_fits(a) && !others.contains(&a)),
                            found => found,
                        };
                        if let Some(a) = found {
                            self.slots[i] = Slot::Actor(a);
                        }
                    }
                }
                continue;
            }
        }
        for i in speaker_later {
            if let Some(a) = self.speaker_of(i) {
                self.slots[i] = Slot::Actor(a);
                recent.push(a, index, self.is_subject(i));
            }
        }
    }

    /// Whether noun `i` is the predicate of a copular clause that is not denied ("A is a
    /// group that ...", not "A is not among the groups that ..."): the head of a
    /// clause, not a noun phrase of another one, which a misparse can give a copula.
    fn predicate_noun(&self, i: usize) -> bool {
        let t = self.tree;
        t.children_base(i, "cop").next().is_some()
            && !matches!(
                t.base(i),
                "nsubj" | "obj" | "iobj" | "obl" | "nmod" | "appos" | "compound"
            )
            && !t
                .children(i)
                .iter()
                .any(|&c| self.lex.is_negator(&t.lemma(c).to_lowercase()))
    }

    /// The comitative dependents of `w` and what is coordinated with them ("Russia,
    /// *along with China and Iran*, ...").
    fn companions(&self, w: usize) -> Vec<usize> {
        let t = self.tree;
        t.children(w)
            .iter()
            .copied()
            .filter(|&c| {
                matches!(t.base(c), "nmod" | "obl")
                    && self.lex.is_comitative_preposition(&t.preposition(c))
            })
            .flat_map(|c| t.conjuncts(c))
            .collect()
    }

    /// The last word of a name's tail after head `i`: a phrase right after it, opened by
    /// one of `name_prepositions`, whose words are all capitalised but for prepositions,
    /// articles and conjunctions ("Supreme Council *for the Islamic Revolution in Iraq*",
    /// "Movement *for Justice and Equality*").
    fn name_tail(&self, i: usize) -> Option<usize> {
        let t = self.tree;
        let capital = |w: usize| t.form(w).starts_with(char::is_uppercase);
        let c = t
            .children_base(i, "nmod")
            .find(|&c| c > i && self.lex.is_name_preposition(&t.preposition(c)))?;
        let last = t.last_word(c);
        let fits = (i + 1..=last).all(|w| {
            (capital(w) && matches!(t.upos(w), "PROPN" | "ADJ" | "NOUN" | "NUM"))
                || (!capital(w) && matches!(t.upos(w), "ADP" | "DET" | "CCONJ"))
        });
        (fits && capital(last) && t.first_word(c) == i + 1).then_some(last)
    }

    /// The person a noun is in apposition with ("Musharraf, the president"; "the
    /// president, Musharraf"), when that person is an actor or a name.
    fn appositive_person(&mut self, h: usize) -> Option<usize> {
        let t = self.tree;
        let other = if t.rel(h) == "appos" {
            t.head(h)?
        } else {
            t.children_rel(h, "appos").find(|&c| c > h)?
        };
        let fits = match &self.slots[other] {
            Slot::Actor(a) => self.table.get(*a).kind == ActorKind::Person,
            Slot::Name(_, kind) => *kind == ActorKind::Person,
            _ => false,
        };
        if fits {
            self.actor_at(other)
        } else {
            None
        }
    }

    /// The actor of the subject of the clause word `i` sits in, when its kind fits a
    /// pronoun of `class` (a person for "his", anything else for "its" and "their").
    fn clause_subject(&mut self, i: usize, class: PronounClass) -> Option<usize> {
        let t = self.tree;
        let v = self.clause_verb(i)?;
        if let Some(a) = self.subject_fitting(v, i, class) {
            return Some(a);
        }
        // "drones used by A in its war": when the subject is no actor, a passive
        // clause's agent, its doer, is whom its pronouns mean (not a pronoun inside the
        // agent phrase itself: "backed by its neighbour")
        let agents: Vec<usize> = t.children_rel(v, "obl:agent").collect();
        for w in agents {
            if (t.first_word(w)..=t.last_word(w)).contains(&i) {
                continue;
            }
            for a in self.expand(w) {
                if subject_fits(class, self.table.get(a).kind) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// The verb (or auxiliary) of the clause word `i` sits in: the nearest above it.
    fn clause_verb(&self, i: usize) -> Option<usize> {
        let t = self.tree;
        let mut v = t.head(i)?;
        for _ in 0..t.len() {
            if matches!(t.upos(v), "VERB" | "AUX") {
                return Some(v);
            }
            v = t.head(v)?;
        }
        None
    }

    /// Every actor of the subject of the clause word `i` sits in that fits a pronoun of
    /// `class` (the subject's own words only, not the pronoun's own noun).
    fn clause_subjects(&mut self, i: usize, class: PronounClass) -> Vec<usize> {
        let t = self.tree;
        let Some(v) = self.clause_verb(i) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for w in self.subject_words(v) {
            if (t.first_word(w)..=t.last_word(w)).contains(&i) {
                continue;
            }
            for a in self.expand(w) {
                if subject_fits(class, self.table.get(a).kind) && !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// The actor a subject word stands for when it fits a pronoun of `class`.
    fn subject_fitting_word(&self, w: usize, class: PronounClass) -> Option<usize> {
        let a = match self.slots[w] {
            Slot::Actor(a) => a,
            _ => return None,
        };
        subject_fits(class, self.table.get(a).kind).then_some(a)
    }

    /// The actors named by the other core participants of the clause of pronoun or
    /// description `i`
    /// (its subject, objects and obliques, with what is coordinated with them).
    fn co_arguments(&self, i: usize) -> Vec<usize> {
        let t = self.tree;
        let Some(v) = t.head(i) else {
            return Vec::new();
        };
        if !matches!(t.base(i), "nsubj" | "obj" | "iobj") {
            return Vec::new();
        }
        let mut out = Vec::new();
        // (with a subject shared from a coordinated clause: "A called ... and accused")
        let shared = if t.base(i) == "nsubj" {
            Vec::new()
        } else {
            self.subject_words(v)
        };
        for c in t.children(v).iter().copied().chain(shared) {
            // (a pronoun there is a guess too: "they tried to strengthen it" rules
            // nothing out)
            if c == i
                || !matches!(t.base(c), "nsubj" | "obj" | "iobj" | "obl")
                || t.upos(c) == "PRON"
            {
                continue;
            }
            for d in t.conjuncts(c) {
                if let Slot::Actor(a) = self.slots[d] {
                    out.push(a);
                }
            }
        }
        out
    }

    /// The actor of the subject of clause `v` that fits a pronoun of `class` at word `i`.
    fn subject_fitting(&mut self, v: usize, i: usize, class: PronounClass) -> Option<usize> {
        let t = self.tree;
        for w in self.subject_words(v) {
            // the pronoun's own noun ("his army attacked") is not its antecedent
            let mut x = i;
            let mut own = false;
            while let Some(h) = t.head(x) {
                if x == w || h == w {
                    own = true;
                    break;
                }
                if h == v {
                    break;
                }
                x = h;
            }
            if own {
                continue;
            }
            // the subject's actors: its own, or those of the act it names ("the coup by
            // Gyanendra dismissing his government")
            for a in self.expand(w) {
                if subject_fits(class, self.table.get(a).kind) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// The word a relative pronoun stands for: by the tree, or, when the parse lost the
    /// relative clause, the name just before the comma that opens it ("X, whose forces").
    fn antecedent(&self, i: usize) -> Option<usize> {
        let t = self.tree;
        if let Some(a) = t.relative_antecedent(i) {
            return Some(a);
        }
        if i >= 2 && t.form(i - 1) == "," {
            let mut w = i - 2;
            if let Some(h) = self.name_head[w] {
                return Some(h);
            }
            // "Ismail Khan, who": the name's head, not its last word
            while t.base(w) == "flat" {
                match t.head(w) {
                    Some(h) if h < w => w = h,
                    _ => break,
                }
            }
            return Some(w);
        }
        None
    }

    /// The antecedent a relative pronoun stands for: the noun its clause modifies, or,
    /// when the parse did not hang the clause on a noun, the nominal just before the
    /// comma that opens it ("Egypt, which backs B, says ...").
    fn relative_word(&self, i: usize) -> Option<usize> {
        let t = self.tree;
        if let Some(a) = t.relative_antecedent(i) {
            // "Orban, the only EU leader who ...": a personal relative pronoun on a noun
            // in apposition to a person means the person, not whoever the noun names
            if t.xpos(i) == "WP" && t.rel(a) == "appos" {
                if let Some(h) = t.head(a) {
                    if matches!(self.slots[h], Slot::Actor(p) if self.table.get(p).kind == ActorKind::Person)
                    {
                        return Some(h);
                    }
                }
            }
            // "Ismail Khan, the governor of Herat province, who was an ally of B" with the
            // clause hung on the last noun, or "the ousting of Ismail Khan last month,
            // who ..." on the act: a personal relative pronoun (WP) whose noun is no
            // actor means the nearest person (or unknown name) before it in that noun's
            // phrase, or in the phrases the noun is part of, up to the clause
            // (not when the noun is itself a person's: "the lawyer of X, who")
            let lemma = t.lemma(a).to_lowercase();
            let person_noun = self.lex.is_title(&lemma)
                || self.lex.is_agent_noun(&lemma)
                || self.lex.is_representative(&lemma);
            if t.xpos(i) == "WP" && matches!(self.slots[a], Slot::Empty) && !person_noun {
                // a person first, then a name of no known kind, at each level
                let fits = |w: usize, kinds: &[ActorKind]| match &self.slots[w] {
                    Slot::Actor(p) => kinds.contains(&self.table.get(*p).kind),
                    Slot::Name(_, kind) => kinds.contains(kind),
                    _ => false,
                };
                let mut w = a;
                for _ in 0..4 {
                    let words = t.first_word(w)..i.min(t.last_word(w) + 1);
                    for kinds in [&[ActorKind::Person][..], &[ActorKind::Other][..]] {
                        if let Some(k) = words.clone().rev().find(|&k| fits(k, kinds)) {
                            return Some(k);
                        }
                    }
                    match t.head(w) {
                        Some(h) if matches!(t.upos(h), "NOUN" | "PROPN") => w = h,
                        _ => break,
                    }
                }
            }
            return Some(a);
        }
        if matches!(t.xpos(i), "WDT" | "WP") && t.rel(t.head(i)?) != "acl:relcl" {
            let a = self.antecedent(i)?;
            if matches!(t.upos(a), "NOUN" | "PROPN") {
                return Some(a);
            }
        }
        None
    }

    /// The known actor (not a person) whose name opens the capitalised agent noun `i`,
    /// with nothing but
    /// agent nouns and titles between them: "the Pakistan Army", "the China Coast Guard",
    /// "the Ruritania Defence Ministry" are that actor's. A name with any other word
    /// before the noun, or a capitalised word before the actor's name, is one of its own
    /// ("the Kosovo Liberation Army", "the South Lebanon Army").
    fn owner_named_before(&self, i: usize) -> Option<usize> {
        let t = self.tree;
        let word = |k: usize| t.form(k).to_lowercase();
        if !self.lex.is_agent_noun(&word(i)) && !self.lex.is_agent_noun(&t.lemma(i).to_lowercase())
        {
            return None;
        }
        // each word before the noun hangs in its name (compound or flat) up to it
        let in_name = |k: usize| {
            let mut x = k;
            for _ in 0..t.len() {
                match t.head(x) {
                    Some(h) if matches!(t.base(x), "compound" | "flat") => {
                        if h == i {
                            return true;
                        }
                        x = h;
                    }
                    _ => return false,
                }
            }
            false
        };
        let mut k = i;
        while k > 0 {
            k -= 1;
            if !in_name(k) {
                return None;
            }
            let owner = match self.slots[k] {
                Slot::Actor(a) => Some(a),
                Slot::Empty => self.name_head[k].and_then(|h| match self.slots[h] {
                    Slot::Actor(a) => Some(a),
                    _ => None,
                }),
                _ => None,
            };
            // (a body is a state's or a group's, not a person's: "the Biden Administration")
            if let Some(a) = owner {
                let person = self.table.get(a).kind == ActorKind::Person;
                // the actor's name opens the whole name: no capitalised word of the name
                // before it ("the South Lebanon Army" is a body of its own)
                let mut first = k;
                while first > 0
                    && self.name_head[first - 1]
                        .is_some_and(|h| h == k || Some(h) == self.name_head[k])
                {
                    first -= 1;
                }
                let more = first > 0
                    && in_name(first - 1)
                    && t.form(first - 1).starts_with(char::is_uppercase);
                return (self.table.is_known(a) && !person && !more).then_some(a);
            }
            let w = word(k);
            if !self.lex.is_agent_noun(&w) && !self.lex.is_title(&w) {
                return None;
            }
        }
        None
    }

    /// The name of the proper-noun run headed by `i`, without its leading titles; a
    /// person when a title was taken off.
    fn proper_name(&self, i: usize) -> Option<(String, ActorKind)> {
        let t = self.tree;
        let capital = |c: usize| t.form(c).starts_with(|ch: char| ch.is_uppercase());
        let mut parts = vec![i];
        let mut k = 0;
        while k < parts.len() {
            for c in t.children(parts[k]).iter().copied() {
                // "Northern Alliance", "Tamil National Alliance", "Abdullah al-Ani"
                let part = match t.base(c) {
                    "flat" | "compound" => t.upos(c) == "PROPN" || capital(c),
                    // "Abdel-Fattah el-Sissi": a particle the parse hung as an apposition
                    // (kept only when adjacent, below)
                    "appos" => self.lex.is_name_particle(&t.form(c).to_lowercase()),
                    // (a demonym too, inside the name: "United Iraqi Alliance"; one
                    // that starts the run is taken off below)
                    "amod" => c < i && capital(c),
                    _ => false,
                };
                // a known name is no part of a new one ("Monday President Erdogan")
                let known = !matches!(self.slots[c], Slot::Empty) || self.name_head[c].is_some();
                if part && !known {
                    parts.push(c);
                }
            }
            k += 1;
        }
        parts.sort_unstable();
        // a run of adjacent words only (a hyphen between two parts joins them, a spaced
        // dash does not: "BENGHAZI - Forces" is a dateline and a noun)
        let joined = |a: usize, b: usize| {
            b == a + 1
                || (b == a + 2
                    && t.xpos(a + 1) == "HYPH"
                    && t.span(a, a).end == t.span(a + 1, a + 1).start
                    && t.span(a + 1, a + 1).end == t.span(b, b).start)
        };
        let pos = parts.iter().position(|&p| p == i)?;
        let mut lo = pos;
        while lo > 0 && joined(parts[lo - 1], parts[lo]) {
            lo -= 1;
        }
        let mut hi = pos;
        while hi + 1 < parts.len() && joined(parts[hi], parts[hi + 1]) {
            hi += 1;
        }
        let mut run = &parts[lo..=hi];
        let mut titled = false;
        // leading titles and nationalities are no part of the name: "the Iraqi National
        // Congress" is named "National Congress", the nationality being read on its own
        // (an adjective that may be a title is part of an organisation's name: "Supreme
        // Council", unless a title follows it: "Supreme Leader")
        let leading_title = |run: &[usize]| {
            self.lex.is_title(&t.form(run[0]).to_lowercase())
                && (t.upos(run[0]) != "ADJ"
                    || run
                        .get(1)
                        .is_some_and(|&n| self.lex.is_title(&t.form(n).to_lowercase())))
        };
        loop {
            if run.len() > 1 && leading_title(run) {
                run = &run[1..];
                titled = true;
            } else if run.len() > 1 && self.demonym[run[0]].is_some() {
                run = &run[1..];
            } else {
                break;
            }
        }
        // a name with a direction in it is a region ("the Middle East", "North Kivu"),
        // unless it ends in a body that acts ("the South Lebanon Army")
        let last = t.form(*run.last()?).to_lowercase();
        let body = self.lex.is_agent_noun(&last) || self.lex.is_group_noun(&last);
        if !titled
            && !body
            && run
                .iter()
                .any(|&p| self.lex.is_compass_word(&t.form(p).to_lowercase()))
        {
            return None;
        }
        // a day or a month the parse ran into the name is no part of it ("the Coast
        // Guard Sunday")
        while run.len() > 1
            && self
                .lex
                .is_calendar_word(&t.form(*run.last()?).to_lowercase())
        {
            run = &run[..run.len() - 1];
        }
        // a place is no actor: "Northwest Frontier Province", "the Red Sea"
        if self.lex.is_place_noun(&t.form(*run.last()?).to_lowercase()) {
            return None;
        }
        // a bare title ("President") is no name, nor an office or a body named by what
        // it is ("the Defence Ministry", "the Coast Guard")
        let office = |p: usize| {
            let w = t.form(p).to_lowercase();
            self.lex.is_title(&w) || self.lex.is_agent_noun(&w)
        };
        if run
            .iter()
            .all(|&p| self.lex.is_not_name(&t.form(p).to_lowercase()))
            || (run.len() == 1 && self.lex.is_title(&t.form(run[0]).to_lowercase()))
            || (run.iter().all(|&p| office(p)) && !titled)
            || (titled && run.len() == 1 && self.lex.is_agent_noun(&t.form(run[0]).to_lowercase()))
        {
            return None;
        }
        if !t.form(run[0]).starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        // "Supreme Council for the Islamic Revolution in Iraq": a capitalised tail
        let mut end = *run.last()?;
        if end == i {
            end = self.name_tail(i).unwrap_or(end);
        }
        // "Peter the Great": an epithet, a definite article and a capitalised word in
        // apposition to the name
        if end + 2 < t.len()
            && t.upos(end + 1) == "DET"
            && self.lex.is_definite(&t.form(end + 1).to_lowercase())
            && t.form(end + 2).starts_with(char::is_uppercase)
            && matches!(t.upos(end + 2), "ADJ" | "PROPN")
            && t.head(end + 2) == Some(end)
            && t.children(end + 2).len() == 1
        {
            end += 2;
        }
        let name = self.text[t.span(run[0], end)].to_string();
        Some((
            name,
            if titled {
                ActorKind::Person
            } else {
                ActorKind::Other
            },
        ))
    }

    /// The speaker of the clause word `i` belongs to: the subject of the nearest speech
    /// verb above it.
    fn speaker_of(&self, i: usize) -> Option<usize> {
        let t = self.tree;
        let mut x = i;
        for _ in 0..t.len() {
            let Some(h) = t.head(x) else {
                // '"We will help," says X': the speech verb hangs off the quote's root
                let says = t.children(x).iter().copied().find(|&c| {
                    matches!(t.base(c), "parataxis" | "ccomp" | "conj")
                        && t.upos(c) == "VERB"
                        && self.lex.is_speech_verb(t.lemma(c))
                })?;
                let subj = t.children_base(says, "nsubj").next()?;
                return match self.slots[subj] {
                    Slot::Actor(a) => Some(a),
                    _ => None,
                };
            };
            if t.upos(h) == "VERB" && self.lex.is_speech_verb(t.lemma(h)) && x != h {
                let subj = t.children_base(h, "nsubj").next()?;
                return match self.slots[subj] {
                    Slot::Actor(a) => Some(a),
                    _ => None,
                };
            }
            x = h;
        }
        None
    }

    /// Is word `i` a clause subject, or a name in apposition to one ("the radical
    /// party, Hizbullah, has not been mollified"), for later pronouns?
    fn is_subject(&self, i: usize) -> bool {
        let t = self.tree;
        t.base(i) == "nsubj"
            || (t.rel(i) == "appos" && t.head(i).is_some_and(|h| t.base(h) == "nsubj"))
    }

    fn new_group(&mut self, name: &str, state: usize) -> usize {
        let mut actor = Actor::new(slug(name), name.to_string(), ActorKind::ArmedGroup);
        actor.affiliations.push(crate::model::Affiliation {
            actor: self.table.get(state).id.clone(),
            role: "based in".into(),
            kind: crate::model::AffiliationKind::Other,
            from: None,
            until: None,
        });
        self.table.add(actor)
    }

    /// The actor on word `i`, making an unknown proper name an actor.
    fn actor_at(&mut self, i: usize) -> Option<usize> {
        match self.slots[i].clone() {
            Slot::Actor(a) => Some(a),
            Slot::Name(name, kind) => {
                let a = self.table.add(Actor::new(slug(&name), name, kind));
                self.slots[i] = Slot::Actor(a);
                Some(a)
            }
            Slot::Pair(a, _) => Some(a),
            // a word inside a name stands for the name ("chairman" in "African Union
            // Commission chairman Moussa Faki" when the parse hangs the verb on it)
            Slot::Empty => match self.name_head[i] {
                Some(h) if h != i => match self.slots[h] {
                    Slot::Actor(a) => Some(a),
                    _ => None,
                },
                _ => None,
            },
        }
    }

    /// The actors a nominal stands for: its own, through a relative pronoun, an
    /// apposition, and every conjunct ("A, B and C").
    fn expand(&mut self, i: usize) -> Vec<usize> {
        // nominals nest (an act's doer, a count's members): a bad parse must not loop
        if self.depth > 8 {
            return Vec::new();
        }
        self.depth += 1;
        let out = self.expand_once(i);
        self.depth -= 1;
        out
    }

    fn expand_once(&mut self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut conj = self.tree.conjuncts(i);
        let mut k = 0;
        while k < conj.len() {
            for &c in &self.name_conj[conj[k]] {
                for d in self.tree.conjuncts(c) {
                    if !conj.contains(&d) {
                        conj.push(d);
                    }
                }
            }
            k += 1;
        }
        // a relative pronoun stands for its antecedent, with what is coordinated with
        // it when the clause hangs on the coordination's first word ("Iran, Russia and
        // India, which backed B": all three; "A and India, which backed B": India)
        let mut words = Vec::new();
        for c in conj {
            match self.relative_word(c) {
                Some(ante) => {
                    for d in self.tree.conjuncts(ante) {
                        if !words.contains(&d) {
                            words.push(d);
                        }
                    }
                }
                None if !words.contains(&c) => words.push(c),
                None => {}
            }
        }
        for w in words {
            // "A and B accused each other": each of the clause's subject
            if let Some(v) = self.reciprocal_clause(w) {
                let subject = self.subject_words(v);
                for a in self.expand_all(&subject) {
                    if !out.contains(&a) {
                        out.push(a);
                    }
                }
                continue;
            }
            if let Slot::Pair(a, b) = self.slots[w] {
                for x in [a, b] {
                    if !out.contains(&x) {
                        out.push(x);
                    }
                }
                continue;
            }
            // (a nationality given as a word of its own: "on the Russian side")
            if let Some(a) = self.actor_at(w).or(self.demonym[w]) {
                if !out.contains(&a) {
                    out.push(a);
                }
                for &b in &self.co_owners[w] {
                    if !out.contains(&b) {
                        out.push(b);
                    }
                }
                // "Russia, along with China, arms B": a companion acts too
                for c in self.companions(w) {
                    if let Some(b) = self.actor_at(c).or(self.demonym[c]) {
                        if !out.contains(&b) {
                            out.push(b);
                        }
                    }
                }
                continue;
            }
            let t = self.tree;
            // "dozens of Malian soldiers": a number or quantity stands for what it counts
            if t.upos(w) == "NUM" || self.lex.is_quantity(t.lemma(w)) {
                let of: Vec<usize> = t
                    .children_base(w, "nmod")
                    .filter(|&c| {
                        let prep = t.preposition(c);
                        prep == self.lex.genitive_preposition() || prep.is_empty()
                    })
                    .collect();
                let mut found = false;
                for c in of {
                    for a in self.expand(c) {
                        found = true;
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                }
                if found {
                    continue;
                }
            }
            // "the group, Hamas", "groups such as Hamas", "Bush's comments"
            let mut more: Vec<usize> = t
                .children(w)
                .iter()
                .copied()
                .filter(|&c| {
                    t.rel(c) == "appos"
                        || (t.base(c) == "nmod"
                            && (self.lex.is_example_preposition(&t.preposition(c))
                                || self
                                    .lex
                                    .is_example_preposition(&t.preposition_as_written(c))
                                // "such groups as Hamas": the two words apart
                                || t.children(w).iter().any(|&d| {
                                    d < w
                                        && self.lex.is_example_preposition(&format!(
                                            "{} {}",
                                            t.form(d).to_lowercase(),
                                            t.preposition(c)
                                        ))
                                })))
                })
                // "groups such as Hezbollah and Hamas": every example
                .flat_map(|c| t.conjuncts(c))
                .chain(self.companions(w))
                .collect();
            // an act or thing stands for its possessor, a relation does not: "Haftar's
            // offensive" is Haftar's, "Haftar's rivals" are not Haftar
            if more.is_empty() && t.upos(w) == "NOUN" && !self.relational(w) {
                // "struck Houthi targets": a thing named by an actor is that actor's; the
                // name comes before a possessor ("Lebanon's Hezbollah group")
                // (a capital there names a place: "the Astana process")
                let named: Vec<usize> = t
                    .children_rel(w, "compound")
                    .filter(|&c| {
                        c < w
                            && !self.capital[c]
                            && matches!(self.slots[c], Slot::Actor(_) | Slot::Pair(..))
                    })
                    .collect();
                // with what is coordinated with it: "the U.S. and British strikes"
                for c in named {
                    more.extend(t.conjuncts(c));
                }
                if more.is_empty() {
                    more.extend(t.children_rel(w, "nmod:poss"));
                }
                // "the statements by India" is India's; a message is whoever's it comes
                // from ("a statement from India"), another thing need not be ("tourists
                // from Britain"); so is the agent phrase when the parse hangs it on an
                // active verb right after the noun ("condemned the statements by India":
                // an active verb takes no agent)
                if more.is_empty() {
                    let agent = self.lex.agent_preposition();
                    let mut owners = self.by_preposition(w, "nmod", agent);
                    if self.lex.is_message_noun(t.lemma(w)) {
                        let from = self.lex.source_preposition();
                        owners.extend(self.by_preposition(w, "nmod", from));
                    }
                    // "a statement by Russia and China": each of them
                    more.extend(owners.into_iter().flat_map(|c| t.conjuncts(c)));
                    // (a passive by its subject or auxiliary: the parse may label the
                    // misplaced phrase itself obl:agent)
                    let passive = |v: usize| t.has_rel(v, "nsubj:pass") || t.has_rel(v, "aux:pass");
                    if let Some(v) = t
                        .head(w)
                        .filter(|&v| t.base(w) == "obj" && t.upos(v) == "VERB" && !passive(v))
                    {
                        let next = t.last_word(w) + 1;
                        more.extend(
                            self.by_preposition(v, "obl", agent)
                                .into_iter()
                                .filter(|&c| t.first_word(c) == next)
                                .flat_map(|c| t.conjuncts(c)),
                        );
                    }
                }
            }
            // "Turkish expansion", "a resolution drafted by France": a deed or policy
            // is the state a nationality names, or its agent
            if more.is_empty() && t.upos(w) == "NOUN" && self.lex.is_act_noun(t.lemma(w)) {
                for c in t.children(w).to_vec() {
                    if t.base(c) == "amod" && c < w && self.demonym[c].is_some() {
                        more.extend(t.conjuncts(c));
                    }
                    if t.base(c) == "acl" && t.upos(c) == "VERB" {
                        more.extend(t.children_rel(c, "obl:agent").flat_map(|a| t.conjuncts(a)));
                    }
                }
                // "China conducted drills": the subject of the light verb that does it
                if more.is_empty() && !self.relational(w) {
                    if let Some((v, false)) = self.governing_verb(w) {
                        let found = self.doers(v);
                        if !found.is_empty() {
                            for a in found {
                                if !out.contains(&a) {
                                    out.push(a);
                                }
                            }
                            continue;
                        }
                    }
                }
            }
            // "Musharraf, the president who ...": the name the description is apposed to
            if more.is_empty() && t.rel(w) == "appos" {
                more.extend(t.head(w));
            }
            // "the Houthis are among the groups that attacked B", "Hezbollah is a militia
            // Iran arms": a predicate noun stands for its clause's subject (not when
            // the clause denies it: "A is not among the groups that ...")
            if more.is_empty() && t.upos(w) == "NOUN" && self.predicate_noun(w) {
                let subject = self.subject_words(w);
                let found = self.expand_all(&subject);
                if !found.is_empty() {
                    for a in found {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                    continue;
                }
            }
            // "A and B, rebel groups that ...", with the description read as a third
            // conjunct: a common noun after a comma, with no conjunction of its own,
            // describes the names coordinated before it
            let first = t.first_word(w);
            let after_comma = t.form(first) == "," || (first > 0 && t.form(first - 1) == ",");
            if more.is_empty()
                && t.rel(w) == "conj"
                && t.upos(w) == "NOUN"
                && t.children_base(w, "cc").next().is_none()
                && after_comma
            {
                let head = t.first_conjunct(w);
                more.extend(
                    t.conjuncts(head)
                        .into_iter()
                        .filter(|&c| c < w && t.upos(c) == "PROPN"),
                );
            }
            // "condemned the U.S. strikes": an act stands for whoever did it
            if more.is_empty() && t.upos(w) == "NOUN" && !self.relational(w) {
                let lex = self.lex;
                if let Some(f) = lex
                    .frames_for(Pos::Noun, t.lemma(w))
                    .find(|f| !f.wildcard && f.source.contains(&Role::Agent))
                {
                    let found = self.agent(w, f, false);
                    if !found.is_empty() {
                        for a in found {
                            if !out.contains(&a) {
                                out.push(a);
                            }
                        }
                        continue;
                    }
                }
            }
            // "Taiwan denounced the drills": a definite act that names no doer of its own
            // is the act of that name (or, for "the move", any act) named last, and
            // stands for whoever did it then
            if more.is_empty() && t.upos(w) == "NOUN" && !self.relational(w) {
                if let Some(doers) = self.earlier_act(w) {
                    for a in doers {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                    continue;
                }
            }
            for p in more {
                if let Some(a) = self.actor_at(p).or(self.demonym[p]) {
                    if !out.contains(&a) {
                        out.push(a);
                    }
                }
            }
        }
        out
    }

    /// Who did the act that definite noun `w` refers back to, if an earlier sentence
    /// named it: the latest act of the same lemma, or any act for a noun that refers
    /// back to acts ("the move").
    fn earlier_act(&self, w: usize) -> Option<Vec<usize>> {
        let t = self.tree;
        let lemma = t.lemma(w);
        let definite = t
            .children_base(w, "det")
            .any(|d| self.lex.is_definite(t.lemma(d)));
        // (a doer of its own: "Turkey's strikes", "the Russian strikes", "strikes by
        // Russia"; not "the strikes on Sunday")
        let own = t.children(w).iter().any(|&c| {
            t.rel(c) == "nmod:poss"
                || (c < w
                    && matches!(t.base(c), "amod" | "compound")
                    && (t.upos(c) == "PROPN" || self.demonym[c].is_some()))
                || (t.base(c) == "nmod" && t.preposition(c) == self.lex.agent_preposition())
        });
        if !definite || own || !(self.lex.is_act_noun(lemma) || self.is_act_frame_noun(w)) {
            return None;
        }
        let any = self.lex.is_event_reference(lemma);
        // the latest act of the same lemma, or the act just named when it is of the same
        // kind: "the attack" right after "fired missiles at B" is that firing
        let same_kind = self
            .act_just_named
            .as_deref()
            .filter(|l| self.lex.same_kind_of_act(lemma, l));
        self.earlier_acts
            .iter()
            .rev()
            .find(|(l, _)| any || l == lemma)
            .or_else(|| {
                same_kind.and_then(|k| self.earlier_acts.iter().rev().find(|(l, _)| l == k))
            })
            .map(|(_, d)| d.clone())
    }

    /// Is `w` a noun whose frame takes its doer as the agent ("attack", "sanctions")?
    fn is_act_frame_noun(&self, w: usize) -> bool {
        self.lex
            .frames_for(Pos::Noun, self.tree.lemma(w))
            .any(|f| !f.wildcard && !f.symmetric && f.source.contains(&Role::Agent))
    }

    /// Notes the acts this sentence names and who did them, for later sentences: nouns
    /// of acts with a doer, and frame verbs with a subject, when asserted.
    fn note_acts(&mut self, recent: &mut Recent, index: usize) {
        let t = self.tree;
        for w in 0..t.len() {
            let doers = match t.upos(w) {
                "NOUN"
                    if !self.relational(w)
                        && (self.lex.is_act_noun(t.lemma(w)) || self.is_act_frame_noun(w)) =>
                {
                    self.expand(w)
                }
                "VERB"
                    if self
                        .lex
                        .frames_for(Pos::Verb, t.lemma(w))
                        .any(|f| !f.wildcard && !f.symmetric) =>
                {
                    self.doers(w)
                }
                _ => continue,
            };
            // (only an act the sentence asserts plainly: not "expects B to strike")
            if !doers.is_empty() && matches!(self.modality(w), Ok(false)) {
                recent.note_act(t.lemma(w), doers, index);
            }
        }
    }

    /// The preposition of an object that the parse read as an adverb before it
    /// ("fought alongside/ADV Malian troops/obj"): an adverb of `p` whose lemma is a
    /// frame's preposition, just before the object's first word.
    fn stranded_preposition(&self, p: usize, o: usize) -> Option<&str> {
        let t = self.tree;
        // an object, or an oblique with no preposition of its own
        if t.rel(o) != "obj" && !(t.base(o) == "obl" && t.preposition(o).is_empty()) {
            return None;
        }
        let first = t.first_word(o);
        t.children_base(p, "advmod")
            .find(|&a| {
                a + 1 == first && t.upos(a) == "ADV" && self.lex.is_frame_preposition(t.lemma(a))
            })
            .map(|a| t.lemma(a))
    }

    /// The last word of the name whose head is `h` (`h` itself when no name has it).
    fn name_head_end(&self, h: usize) -> usize {
        (h..self.tree.len())
            .take_while(|&w| w == h || self.name_head[w] == Some(h))
            .last()
            .unwrap_or(h)
    }

    /// The objects of verb `p`: its own, or, for an open complement of a passive verb
    /// that the parse gave a relative pronoun as object, that pronoun ("the drones that
    /// A is reported to have supplied": a passive verb takes no object, so the pronoun is
    /// the complement's).
    fn objects(&self, p: usize) -> Vec<usize> {
        let t = self.tree;
        let mut own: Vec<usize> = t.children_rel(p, "obj").collect();
        if !own.is_empty() {
            // "funds Hamas and, through it, Islamic Jihad" with the second name read as
            // a conjunct of the verb: a bare nominal conjunct (no subject, copula or
            // orphan of a gapped verb) is another object
            let first = own[0];
            own.extend(t.children_rel(p, "conj").filter(|&c| {
                c > first
                    && matches!(t.upos(c), "NOUN" | "PROPN")
                    && !t
                        .children(c)
                        .iter()
                        .any(|&d| matches!(t.base(d), "nsubj" | "cop" | "orphan" | "aux" | "obj"))
            }));
            return own;
        }
        if t.rel(p) != "xcomp" {
            return own;
        }
        match t.head(p) {
            Some(h) if t.is_passive(h) => t
                .children_rel(h, "obj")
                .filter(|&o| t.relative_antecedent(o).is_some())
                .collect(),
            _ => own,
        }
    }

    /// Does a name in apposition after noun `h` name what it is ("the group Hezbollah")?
    fn named_by_apposition(&self, h: usize) -> bool {
        self.tree.children_rel(h, "appos").any(|c| {
            c > h
                && (matches!(self.slots[c], Slot::Actor(_) | Slot::Name(..))
                    || self.tree.upos(c) == "PROPN")
        })
    }

    /// The ending verb ("sever", "cut") whose object is the noun `p`.
    fn ending_verb(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        // "suspended cooperation and aid to B": the first of coordinated objects
        let p = t.first_conjunct(p);
        let v = t.head(p).filter(|_| t.rel(p) == "obj")?;
        (t.upos(v) == "VERB" && self.lex.is_ending_verb(t.lemma(v))).then_some(v)
    }

    /// The clause whose subject a reciprocal pronoun at `w` ("each other") stands for.
    fn reciprocal_clause(&self, w: usize) -> Option<usize> {
        let t = self.tree;
        // its determiner, the word, and the words fixed to it ("the other", "each other")
        let mut words = String::new();
        for d in t.children_base(w, "det").filter(|&d| d < w) {
            words.push_str(&t.form(d).to_lowercase());
            words.push(' ');
        }
        words.push_str(&t.form(w).to_lowercase());
        for f in t.children_rel(w, "fixed") {
            words.push(' ');
            words.push_str(&t.form(f).to_lowercase());
        }
        if !self.lex.is_reciprocal(&words) {
            return None;
        }
        let mut x = t.head(w)?;
        for _ in 0..t.len() {
            if t.upos(x) == "VERB" {
                return Some(x);
            }
            x = t.head(x)?;
        }
        None
    }

    /// Is noun `w` a relation to someone ("rival", "ally", "proxy"), or a group of people?
    fn relational(&self, w: usize) -> bool {
        let l = self.tree.lemma(w);
        self.lex.is_group_noun(l)
            || self.lex.is_agent_noun(l)
            || self
                .lex
                .frames_for(Pos::Noun, l)
                .any(|f| f.source.contains(&Role::Holder) || f.target.contains(&Role::Holder))
    }

    fn expand_all(&mut self, words: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        for &w in words {
            for a in self.expand(w) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// Does the clause headed by `h` pass its object to its complement `clause` as its
    /// subject ("accused A of arming B", "urged A to stop", "condemned A for arming B")?
    fn object_control(&self, h: usize, clause: usize) -> bool {
        let t = self.tree;
        let l = t.lemma(h);
        // "condemned A for arming B": a reason clause's gerund is the act of the object,
        // when the object is an actor ("sent troops for protecting B" is the sender's)
        let names_actor = |w: usize| {
            !matches!(self.slots[w], Slot::Empty)
                || t.children(w)
                    .iter()
                    .any(|&c| self.demonym[c].is_some() || !matches!(self.slots[c], Slot::Empty))
        };
        let reason = t.xpos(clause) == "VBG"
            && t.children_base(clause, "mark")
                .any(|m| self.lex.is_reason_mark(&t.lemma(m).to_lowercase()))
            && t.children_rel(h, "obj").any(names_actor);
        reason
            || self.lex.is_hedging_verb(l)
            || self
                .lex
                .frames_for(Pos::Verb, l)
                .any(|f| f.relation == RelationKind::Warns && f.pos == Pos::Verb)
    }

    /// The subject words of the clause headed by `v`.
    fn subject_words(&self, v: usize) -> Vec<usize> {
        let t = self.tree;
        // "in protest at Spain's decision to back B", the infinitive hung on the verb: a
        // noun of intent right before it is whose act it is
        if t.rel(v) == "advcl" && t.children_base(v, "nsubj").next().is_none() {
            let first = t.first_word(v);
            if let Some(h) = t.head(v) {
                let noun = t.children(h).iter().copied().find(|&n| {
                    matches!(t.base(n), "obl" | "obj")
                        && t.last_word(n) + 1 == first
                        && self.lex.is_intent_noun(&t.lemma(n).to_lowercase())
                });
                if let Some(n) = noun {
                    return vec![n];
                }
            }
        }
        let control = |h: usize, clause: usize| self.object_control(h, clause);
        t.subject(v, &control)
    }

    /// Nominal dependents of `p` by preposition, as `base` (`obl` or `nmod`).
    fn by_preposition(&self, p: usize, base: &str, prep: &str) -> Vec<usize> {
        let t = self.tree;
        // "on behalf of X", "on the side of X": a preposition, a noun and a preposition,
        // the noun a dependent of `p` and X the dependent of the noun
        let parts: Vec<&str> = prep.split(' ').collect();
        if let [first, noun, last] = parts[..] {
            return self
                .by_preposition(p, base, first)
                .into_iter()
                .filter(|&c| t.lemma(c) == noun)
                .flat_map(|c| {
                    let inner = self.by_preposition(c, "nmod", last);
                    // "on Assad's side", "on the Russian side", "on the government side":
                    // the noun's owner
                    if inner.is_empty() && last == self.lex.genitive_preposition() {
                        t.children(c)
                            .iter()
                            .copied()
                            .filter(|&o| {
                                o < c
                                    && match t.rel(o) {
                                        "nmod:poss" | "compound" => true,
                                        "amod" => self.demonym[o].is_some(),
                                        _ => false,
                                    }
                            })
                            .collect()
                    } else {
                        inner
                    }
                })
                .collect();
        }
        t.children(p)
            .iter()
            .copied()
            .filter(|&c| {
                (t.base(c) == base
                    || (base == "obl" && t.base(c) == "nmod")
                    || (base == "nmod" && t.base(c) == "obl")
                    // an object opened by a preposition is an oblique the parse misread
                    || (base == "obl" && t.rel(c) == "obj" && t.opening_adposition(c).is_some()))
                    && t.rel(c) != "nmod:poss"
                    && t.preposition(c) == prep
            })
            .collect()
    }

    /// The verb an event noun serves when it is its object ("launched an offensive"),
    /// and whether that verb is a receiving one ("received support").
    fn governing_verb(&self, p: usize) -> Option<(usize, bool)> {
        let t = self.tree;
        // "the sanctions the United States imposed on him": a light verb in a relative
        // clause on the noun, with no object of its own
        if let Some(v) = t.children_rel(p, "acl:relcl").find(|&v| {
            t.upos(v) == "VERB"
                && self.lex.is_light_verb(t.lemma(v))
                && t.children_rel(v, "obj")
                    .all(|o| t.relative_antecedent(o).is_some())
        }) {
            return Some((v, false));
        }
        // "imposed a series of sanctions on B": a quantity word stands where the noun it
        // counts would
        let mut p = p;
        if t.base(p) == "nmod" && t.preposition(p) == self.lex.genitive_preposition() {
            if let Some(q) = t.head(p).filter(|&q| self.lex.is_quantity(t.lemma(q))) {
                p = q;
            }
        }
        let h = t.head(p)?;
        if !matches!(t.base(p), "obj" | "nsubj" | "obl") || t.upos(h) != "VERB" {
            return None;
        }
        if t.rel(p) == "nsubj" && !t.is_passive(h) {
            return None;
        }
        let l = t.lemma(h);
        if self.lex.is_receiving_verb(l) {
            Some((h, true))
        } else if self.lex.is_light_verb(l) {
            Some((h, false))
        } else {
            None
        }
    }

    /// The verb of causing that noun `p` (or the first of its coordination) is the object
    /// of ("*sparked* condemnation from A and calls for restraint from B").
    fn causing_verb(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let p = t.first_conjunct(p);
        let h = t.head(p)?;
        (t.rel(p) == "obj" && t.upos(h) == "VERB" && self.lex.is_causing_verb(t.lemma(h)))
            .then_some(h)
    }

    /// The actors in `role` for frame word `p`.
    fn role(&mut self, p: usize, frame: &Frame, role: &Role, found_target: bool) -> Vec<usize> {
        let t = self.tree;
        let passive = frame.pos == Pos::Verb && t.is_passive(p);
        let uses_object =
            frame.target.contains(&Role::Object) || frame.source.contains(&Role::Object);
        match role {
            Role::Subject => {
                if passive && uses_object {
                    let by = self.lex.agent_preposition();
                    let mut agents = self.by_preposition(p, "obl", by);
                    // "is designated a terrorist group by the EU" with the "by" phrase
                    // hung on the complement: a passive verb's agent all the same
                    if agents.is_empty() {
                        let complements: Vec<usize> = t
                            .children(p)
                            .iter()
                            .copied()
                            .filter(|&o| t.rel(o) == "obj" || t.base(o) == "xcomp")
                            .collect();
                        for o in complements {
                            agents.extend(self.by_preposition(o, "nmod", by));
                        }
                    }
                    // "has been propped up since the early years of the war by Russia":
                    // the "by" phrase hung on a noun inside another oblique of the verb
                    if agents.is_empty() {
                        let obliques: Vec<usize> = t
                            .children_base(p, "obl")
                            .filter(|&o| t.preposition(o) != by)
                            .collect();
                        for o in obliques {
                            agents.extend(self.by_preposition(o, "nmod", by));
                            agents.extend(self.nested_nominals(o, by));
                        }
                    }
                    return self.expand_all(&agents);
                }
                let words = self.subject_words(p);
                self.expand_all(&words)
            }
            Role::Object => {
                if passive {
                    let words = self.subject_words(p);
                    return self.expand_all(&words);
                }
                // (a claim's maker is not who a verb against it is aimed at: "rejected
                // the charge" denies it; "backs Burhan's claim" still backs Burhan)
                let mut words: Vec<usize> = self
                    .objects(p)
                    .into_iter()
                    .filter(|&o| {
                        self.stranded_preposition(p, o).is_none()
                            && t.opening_adposition(o).is_none()
                            && !(frame.relation == RelationKind::Opposes
                                && matches!(self.slots[o], Slot::Empty)
                                && self.lex.is_claim_noun(t.lemma(o)))
                    })
                    .collect();
                // "asked Hamas to ...", parsed as an indirect object
                if words.is_empty() {
                    words.extend(t.children_rel(p, "iobj"));
                }
                self.expand_all(&words)
            }
            Role::IndirectObject => {
                let words: Vec<usize> = t.children_rel(p, "iobj").collect();
                self.expand_all(&words)
            }
            Role::Possessor => {
                let words: Vec<usize> = t.children_rel(p, "nmod:poss").collect();
                self.expand_all(&words)
            }
            Role::Oblique(prep) | Role::Nominal(prep) => {
                let base = if matches!(role, Role::Oblique(_)) {
                    "obl"
                } else {
                    "nmod"
                };
                if let Some(only) = frame.only_with.get(&format!("{base}:{prep}")) {
                    if !only.iter().any(|l| l == t.lemma(p)) {
                        return Vec::new();
                    }
                }
                if prep == self.lex.genitive_preposition()
                    && frame.agent_of.iter().any(|l| l == t.lemma(p))
                    && !found_target
                {
                    // "the support of Russia": the giver, asked for as the agent
                    return Vec::new();
                }
                let mut words = self.by_preposition(p, base, prep);
                // "fought alongside Malian troops" with the preposition read as an adverb
                if words.is_empty() && base == "obl" {
                    words = t
                        .children(p)
                        .iter()
                        .copied()
                        .filter(|&o| self.stranded_preposition(p, o) == Some(prep.as_str()))
                        .collect();
                }
                // "fired missiles at Israel": the phrase may hang off the object (not for a
                // frame keyed on any verb: "condemned the offensive against B")
                if words.is_empty() && base == "obl" && !frame.wildcard {
                    for o in t.children_rel(p, "obj").collect::<Vec<_>>() {
                        words.extend(self.by_preposition(o, "nmod", prep));
                    }
                }
                // "fought alongside Ethiopian forces against the TPLF": the phrase hung on
                // an actor's phrase that the verb governs
                if words.is_empty() && base == "obl" {
                    let obliques: Vec<usize> = t
                        .children_base(p, "obl")
                        .filter(|&o| {
                            let own = t.preposition(o);
                            !own.is_empty() && own != *prep
                        })
                        .collect();
                    // (not a noun that reads its own phrase: "used in its war against B"
                    // is the war's)
                    let own_frame = |o: usize| self.lex.has(Pos::Noun, t.lemma(o));
                    for o in obliques {
                        let inner = self.by_preposition(o, "nmod", prep);
                        if !inner.is_empty() && !own_frame(o) && !self.expand(o).is_empty() {
                            words.extend(inner);
                        }
                    }
                }
                // "the supply of weapons to B": the phrase hung on what the act moves
                if words.is_empty()
                    && base == "nmod"
                    && !frame.wildcard
                    && prep != self.lex.genitive_preposition()
                {
                    let genitive = self.lex.genitive_preposition();
                    let themes: Vec<usize> = t
                        .children_base(p, "nmod")
                        .filter(|&o| t.preposition(o) == genitive)
                        .collect();
                    for o in themes {
                        words.extend(self.by_preposition(o, "nmod", prep));
                    }
                }
                // "clashes broke out between A and B", "clashes erupting between A and
                // B": the phrase hung on the verb the noun is the subject of, or on its
                // participle, when that verb takes no object
                if words.is_empty() && base == "nmod" {
                    let intransitive = |v: usize| {
                        t.upos(v) == "VERB" && t.children_base(v, "obj").next().is_none()
                    };
                    let verbs: Vec<usize> = t
                        .head(p)
                        .filter(|_| t.base(p) == "nsubj")
                        .into_iter()
                        .chain(t.children_rel(p, "acl"))
                        .filter(|&v| intransitive(v))
                        .collect();
                    for v in verbs {
                        words.extend(self.by_preposition(v, "obl", prep));
                    }
                }
                // "launched an offensive against B": the light verb holds the phrase
                if words.is_empty() && base == "nmod" {
                    if let Some((v, _)) = self.governing_verb(p) {
                        // (not the noun itself: "survived with help from B")
                        words = self.by_preposition(v, "obl", prep);
                        words.retain(|&w| w != p);
                        // "gave B an ultimatum": the recipient as the light verb's
                        // indirect object
                        if words.is_empty() && prep == self.lex.recipient_preposition() {
                            words = t.children_rel(v, "iobj").collect();
                        }
                    }
                }
                // "a backer and supplier of B": a phrase of one conjunct is every
                // conjunct's that has none of its own
                if words.is_empty() && base == "nmod" && t.upos(p) == "NOUN" {
                    // (a noun of the same frame: not "the war and its aftermath on B")
                    let same = |c: usize| {
                        self.lex
                            .frames_for(Pos::Noun, t.lemma(c))
                            .any(|f| f.id == frame.id)
                    };
                    for c in t.conjuncts(t.first_conjunct(p)) {
                        if c != p && t.upos(c) == "NOUN" && same(c) && words.is_empty() {
                            words = self.by_preposition(c, base, prep);
                        }
                    }
                }
                // "reaffirmed its support for B": a phrase after the noun that the parse
                // hung on the noun's verb
                if words.is_empty() && base == "nmod" && t.rel(p) == "obj" {
                    if let Some(v) = t.head(p).filter(|&v| t.upos(v) == "VERB") {
                        words = self.by_preposition(v, "obl", prep);
                        words.retain(|&w| w > p);
                    }
                }
                self.expand_all(&words)
            }
            Role::Demonym => {
                let mods: Vec<usize> = t.children_base(p, "amod").collect();
                mods.into_iter().filter_map(|m| self.demonym[m]).collect()
            }
            Role::Holder => self.holder(p),
            Role::ComplementSubject => {
                let words: Vec<usize> = t
                    .children_base(p, "ccomp")
                    .flat_map(|c| t.children_base(c, "nsubj").collect::<Vec<_>>())
                    .collect();
                self.expand_all(&words)
            }
            Role::Agent => self.agent(p, frame, found_target),
            Role::Modifier => {
                let mut out = Vec::new();
                // "Iran-backed", "pro-Russian": the actor written inside the word
                if let Some((a, before, after)) = &self.partial[p] {
                    if after.starts_with('-') || before.ends_with('-') {
                        out.push(*a);
                    }
                }
                // "Russian - backed": the word before the hyphen
                if out.is_empty() && p >= 2 && t.xpos(p - 1) == "HYPH" {
                    if let Some(d) = self.demonym[p - 2] {
                        out.push(d);
                    } else if let Some(a) = self.actor_at(p - 2) {
                        out.push(a);
                    }
                }
                out
            }
            Role::Head => {
                let Some(h) = t.head(p) else {
                    return Vec::new();
                };
                let mut out = self.expand(h);
                if out.is_empty() {
                    out = self.holder(h);
                }
                out
            }
        }
    }

    /// Who a relational noun or adjective describes.
    fn holder(&mut self, p: usize) -> Vec<usize> {
        let t = self.tree;
        // "A has been one of B's staunchest backers": the quantity word holds the place
        if t.base(p) == "nmod" && t.preposition(p) == self.lex.genitive_preposition() {
            if let Some(q) = t
                .head(p)
                .filter(|&q| t.upos(q) == "NUM" || self.lex.is_quantity(t.lemma(q)))
            {
                return self.holder(q);
            }
        }
        // "A is an ally of B", "A is loyal to B"
        if t.children_base(p, "cop").next().is_some() {
            let words = self.subject_words(p);
            return self.expand_all(&words);
        }
        // "A is a backer and supplier of B": a noun coordinated with another is held by
        // whoever holds the first
        if t.rel(p) == "conj" && matches!(t.upos(p), "NOUN" | "ADJ") {
            let first = t.first_conjunct(p);
            if first != p {
                return self.holder(first);
            }
        }
        // "A, an ally of B"
        if t.rel(p) == "appos" {
            if let Some(h) = t.head(p) {
                return self.expand(h);
            }
        }
        // "an ally of B, A" / "Iran's ally Hezbollah"
        let named: Vec<usize> = t
            .children(p)
            .iter()
            .copied()
            .filter(|&c| matches!(t.rel(c), "appos" | "flat" | "compound") && c > p)
            .collect();
        let out = self.expand_all(&named);
        if !out.is_empty() {
            return out;
        }
        let Some(h) = t.head(p) else {
            return Vec::new();
        };
        match t.rel(p) {
            // "forces loyal to B", "the pro-B party"
            "amod" | "acl" => self.expand(h),
            // "Iran's closest ally is Syria"
            "nsubj" if t.children_base(h, "cop").next().is_some() => self.expand(h),
            // "emerged as an ally of B", "considered A an ally"
            // ("dismissed A as a thief": the object)
            "obl" if t.preposition(p) == self.lex.role_preposition() => {
                let mut words: Vec<usize> = t.children_rel(h, "obj").collect();
                if words.is_empty() {
                    words = self.subject_words(h);
                }
                self.expand_all(&words)
            }
            "xcomp" => {
                let obj: Vec<usize> = t.children_rel(h, "obj").collect();
                if obj.is_empty() {
                    let words = self.subject_words(h);
                    self.expand_all(&words)
                } else {
                    self.expand_all(&obj)
                }
            }
            // "Turkey remains B's ally" read with the noun as the verb's object
            "obj" if self.lex.is_linking_verb(t.lemma(h)) => {
                let words = self.subject_words(h);
                self.expand_all(&words)
            }
            _ => Vec::new(),
        }
    }

    /// The verb whose oblique "with" phrase event noun `p` heads ("survived *with help*
    /// from France").
    fn with_the_subject(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        if t.preposition(p) != self.lex.accompaniment_preposition() {
            return None;
        }
        let mut v = t.head(p)?;
        // "crushed the rebels with help from B", the phrase hung on the object
        if t.base(p) == "nmod" && t.rel(v) == "obj" {
            v = t.head(v)?;
        } else if t.base(p) != "obl" {
            return None;
        }
        (t.upos(v) == "VERB").then_some(v)
    }

    /// Who does what an event noun names.
    fn agent(&mut self, p: usize, frame: &Frame, found_target: bool) -> Vec<usize> {
        let t = self.tree;
        let mut words: Vec<usize> = t.children_rel(p, "nmod:poss").collect();
        let mut out = self.expand_all(&words);
        if !out.is_empty() {
            return out;
        }
        let t = self.tree;
        for c in t.children(p).to_vec() {
            if matches!(self.tree.base(c), "amod" | "compound") && c < p {
                // "the U.S. and British strikes": every coordinated modifier
                for d in self.tree.conjuncts(c) {
                    let a = self.demonym[d].or_else(|| self.actor_at(d));
                    if let Some(a) = a {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                }
            }
        }
        // "the American-led attack", "a Saudi-run campaign": the word before the hyphen
        // of a participle of leading does it
        for c in t.children(p).to_vec() {
            if c < p
                && c >= 2
                && t.base(c) == "amod"
                && t.xpos(c - 1) == "HYPH"
                && self.lex.is_agentive_participle(&t.form(c).to_lowercase())
            {
                if let Some(a) = self.demonym[c - 2].or_else(|| self.actor_at(c - 2)) {
                    if !out.contains(&a) {
                        out.push(a);
                    }
                }
            }
        }
        if !out.is_empty() {
            return out;
        }
        words = self.by_preposition(p, "nmod", self.lex.agent_preposition());
        // "the sanctions imposed by the United States": the agent of a participle on it
        for c in t.children(p).to_vec() {
            if t.base(c) == "acl" && t.upos(c) == "VERB" && t.is_passive(c) {
                words.extend(t.children_rel(c, "obl:agent"));
            }
        }
        // "the supply of weapons to the RSF by the UAE" with the "by" phrase hung on a
        // noun inside the act's phrase: names and things take no agent
        if words.is_empty() && !frame.wildcard {
            words = self.nested_nominals(p, self.lex.agent_preposition());
        }
        out = self.expand_all(&words);
        if !out.is_empty() {
            return out;
        }
        if found_target && frame.agent_of.iter().any(|l| l == self.tree.lemma(p)) {
            words = self.by_preposition(p, "nmod", self.lex.genitive_preposition());
            out = self.expand_all(&words);
            if !out.is_empty() {
                return out;
            }
        }
        // "with help from France": the giver of support the subject has with it
        if frame.relation == RelationKind::Supports && self.with_the_subject(p).is_some() {
            let from = self.by_preposition(p, "nmod", self.lex.source_preposition());
            return self.expand_all(&from);
        }
        // "the move escalated tension between A and B": when the noun names both sides
        // with a preposition it takes on either side, whoever governs it only caused it
        let two_sided = frame.source.iter().filter_map(|r| match r {
            Role::Nominal(prep) if frame.target.contains(r) => Some(prep),
            _ => None,
        });
        let sides_named = frame.symmetric
            && two_sided
                .into_iter()
                .any(|prep| !self.by_preposition(p, "nmod", prep).is_empty());
        if let Some((v, receiving)) = self.governing_verb(p).filter(|_| !sides_named) {
            if receiving {
                // "received support from Russia": the giver
                let source = self.lex.source_preposition();
                let mut from = self.by_preposition(p, "nmod", source);
                from.extend(self.by_preposition(v, "obl", source));
                return self.expand_all(&from);
            }
            let found = self.doers(v);
            if !found.is_empty() {
                return found;
            }
        }
        if frame.symmetric {
            return self.state_holder(p);
        }
        // "A served in the war against B", "A distinguished himself in wars against B":
        // an act one takes part in, with its target named, is done by the subject of the
        // active clause it is the setting of (not a passive one: "A was killed in an
        // attack on B")
        if found_target && t.base(p) == "obl" && self.lex.is_setting_preposition(&t.preposition(p))
        {
            if let Some(v) = t
                .head(p)
                .filter(|&v| t.upos(v) == "VERB" && !t.is_passive(v) && t.xpos(v) != "VBN")
            {
                let words = self.subject_words(v);
                return self.expand_all(&words);
            }
        }
        Vec::new()
    }

    /// Who a relation noun comes from when nothing else names its agent: its own "from"
    /// phrase, or its causing verb's ("the move drew condemnation from Taipei"). (Only
    /// for the noun's own claim: "Spain provoked condemnation from Algeria" does not
    /// make the condemnation stand for Algeria.)
    fn giver_from(&mut self, p: usize) -> Vec<usize> {
        let source = self.lex.source_preposition();
        let mut from = self.by_preposition(p, "nmod", source);
        if let Some(v) = self.causing_verb(p) {
            from.extend(self.by_preposition(v, "obl", source));
        }
        self.expand_all(&from)
    }

    /// Who is in the state that symmetric noun `p` names: the subject of the clause the
    /// noun is the predicate of ("Mali is at war with France"), or that puts its subject
    /// in it ("Mali is locked in a row with France"), also through the noun a genitive
    /// hangs it on ("is at the centre of a dispute with Paris").
    fn state_holder(&mut self, p: usize) -> Vec<usize> {
        let t = self.tree;
        let mut p = p;
        for _ in 0..3 {
            let head = t.head(p);
            let prep = t.preposition(p);
            // "at odds and at war with B": the copula of the first conjunct
            let copular = |w: usize| t.children_base(w, "cop").next().is_some();
            // "Egypt, at odds with Ethiopia": the phrase hung on the one in the state
            if let Some(h) = head.filter(|&h| {
                t.base(p) == "nmod"
                    && self.lex.is_state_preposition(&prep)
                    && matches!(t.upos(h), "PROPN" | "NOUN" | "PRON")
            }) {
                let found = self.expand(h);
                if !found.is_empty() {
                    return found;
                }
            }
            let holder = if copular(p) || (t.rel(p) == "conj" && head.is_some_and(copular)) {
                Some(p)
            } else {
                // a state one is put in ("locked in", "embroiled in", "caught up in"), not
                // one acted in ("mediated in the dispute")
                head.filter(|&h| {
                    let first = t.first_word(p);
                    // (or set off by commas before the verb: "Egypt, at odds with B, armed C")
                    let aside = first < h && first > 0 && t.form(first - 1) == ",";
                    t.base(p) == "obl"
                        && self.lex.is_state_preposition(&prep)
                        && (t.upos(h) == "ADJ" || t.xpos(h) == "VBN" || t.is_passive(h) || aside)
                })
            };
            if let Some(v) = holder {
                let words = self.subject_words(v);
                return self.expand_all(&words);
            }
            let Some(h) = head else {
                break;
            };
            if t.base(p) == "nmod" && prep == self.lex.genitive_preposition() {
                p = h;
            } else {
                break;
            }
        }
        Vec::new()
    }

    /// Nominals introduced by `prep` that hang two or three levels down a chain of
    /// nominal modifiers of `p` ("supply *of* weapons *to* the RSF *by* the UAE").
    fn nested_nominals(&self, p: usize, prep: &str) -> Vec<usize> {
        let t = self.tree;
        let mut out = Vec::new();
        let mut level: Vec<usize> = t.children_base(p, "nmod").collect();
        for _ in 0..2 {
            let mut next = Vec::new();
            for &o in &level {
                for c in t.children_base(o, "nmod") {
                    if t.preposition(c) == prep {
                        out.push(c);
                    } else {
                        next.push(c);
                    }
                }
            }
            if !out.is_empty() {
                break;
            }
            level = next;
        }
        out
    }

    /// Who does what verb `v` says: its subject, or its "by" phrase in the passive.
    fn doers(&mut self, v: usize) -> Vec<usize> {
        let words = if self.tree.is_passive(v) {
            self.by_preposition(v, "obl", self.lex.agent_preposition())
        } else {
            self.subject_words(v)
        };
        self.expand_all(&words)
    }

    /// Why a claim at `p` does not hold (negated, conditional, asked for), or whether
    /// it is hedged.
    fn modality(&self, p: usize) -> Result<bool, Unasserted> {
        let t = self.tree;
        let lex = self.lex;
        if self.text.trim_end().ends_with('?') {
            return Err("a question".to_string().into());
        }
        let mut hedged = false;
        let own_markers = |x: usize, hedged: &mut bool| -> Result<(), String> {
            for c in t.children(x).iter().copied() {
                let l = t.lemma(c);
                if matches!(t.base(c), "advmod" | "aux" | "det" | "neg" | "amod" | "cc")
                    && lex.is_negator(l)
                    && !(t.base(c) == "cc" && t.children(x).is_empty())
                {
                    return Err(format!("negated by {:?}", t.form(c)));
                }
                if matches!(t.base(c), "advmod" | "aux" | "amod") && lex.is_hedging_word(l) {
                    *hedged = true;
                }
                if t.base(c) == "aux" && lex.is_unasserting(l) {
                    return Err(format!("prescribed by {:?}, not reported", t.form(c)));
                }
                // "any action taken against B would ...": no act is said to be
                if x == p && t.base(c) == "det" && lex.is_unasserting(l) {
                    return Err(format!("{:?} asserts no such act", t.form(c)));
                }
                if t.base(c) == "advcl"
                    && t.children_base(c, "mark")
                        .any(|m| lex.is_conditional_mark(t.lemma(m)))
                {
                    return Err(format!("under a condition ({:?} clause)", t.form(c)));
                }
                // "If A attacks B, it is likely that ..." with the "if" hung on the main
                // clause: the condition covers it
                // (a condition's own clause is read as one below)
                if t.base(c) == "mark"
                    && lex.is_conditional_mark(l)
                    && !matches!(t.base(x), "advcl" | "ccomp" | "csubj")
                {
                    return Err(format!("under a condition ({:?})", t.form(c)));
                }
            }
            Ok(())
        };
        own_markers(p, &mut hedged)?;
        // a negated or hedged object: "gave no support to"
        for o in t.children_rel(p, "obj") {
            own_markers(o, &mut hedged)?;
        }
        let mut x = p;
        let mut first = true;
        let mut infinitive_of_object = false;
        // An event noun is taken as given ("the American invasion of Iraq" happened, whatever
        // is said about it), unless a light verb makes it the clause's act ("did not launch
        // an offensive").
        // (a predicate noun, "being a sponsor of B", heads its clause: its modality is
        // the clause's, read below)
        if t.upos(p) == "NOUN" && t.children_base(p, "cop").next().is_none() {
            match self.governing_verb(p) {
                // a light verb ("launched an offensive") or a receiving one ("will face
                // attacks from B", "did not receive support from B") makes the act its
                // clause's, with the clause's modality
                Some((v, _)) => {
                    own_markers(v, &mut hedged)?;
                    x = v;
                    first = false;
                }
                // "ceased its support for B": the act ends
                _ => {
                    if let Some(v) = t.head(p).filter(|_| t.rel(p) == "obj") {
                        if t.upos(v) == "VERB" && lex.is_ending_verb(t.lemma(v)) {
                            return Err(format!("under {:?}", t.form(v)).into());
                        }
                    }
                    return Ok(hedged);
                }
            }
        }
        for _ in 0..t.len() {
            let Some(h) = t.head(x) else { break };
            let rel = t.rel(x).to_string();
            let base = t.base(x).to_string();
            // "if A backs B, …"; "it is too early to say whether A backs B": a condition
            // or an embedded question asserts nothing
            if matches!(base.as_str(), "advcl" | "ccomp" | "csubj")
                && t.children_base(x, "mark")
                    .any(|m| lex.is_conditional_mark(t.lemma(m)))
            {
                return Err(if base == "advcl" {
                    "in a condition".to_string().into()
                } else {
                    "in an embedded question".to_string().into()
                });
            }
            let through = matches!(base.as_str(), "xcomp" | "ccomp" | "advcl" | "csubj")
                || (first
                    && matches!(
                        rel.as_str(),
                        "obj" | "nsubj" | "nsubj:pass" | "obl" | "iobj"
                    ))
                || (base == "acl" && t.upos(x) == "VERB");
            let conj = base == "conj";
            if !through && !conj {
                break;
            }
            let hl = t.lemma(h);
            if through {
                if lex.is_negating_verb(hl) {
                    return Err(format!("under {:?}", t.form(h)).into());
                }
                // "is said to have armed": a speech verb in the passive, with the act
                // as its complement, reports hearsay
                let hearsay = base == "xcomp"
                    && lex.is_speech_verb(hl)
                    && t.children(h).iter().any(|&c| t.rel(c) == "aux:pass");
                if lex.is_hedging_verb(hl) || hearsay {
                    hedged = true;
                }
                // "urged B to attack C", and the same with the infinitive misread as a
                // clause of the object ("urged the council to sanction C"); not a clause
                // of time or reason ("warned B after A sent planes to back C")
                let to_infinitive = t.children_base(x, "mark").any(|m| t.xpos(m) == "TO");
                let other_mark = t.children_base(x, "mark").any(|m| t.xpos(m) != "TO");
                let asking = match base.as_str() {
                    "xcomp" | "ccomp" => true,
                    "advcl" => !other_mark,
                    _ => infinitive_of_object,
                };
                // "threatened to attack B": the one who threatens would do it, a warning
                // (read by `threatened`), not an act asked of someone
                let self_threat = (base == "xcomp" || to_infinitive)
                    && lex.is_threat_verb(hl)
                    && t.children_base(h, "obj").next().is_none();
                if asking
                    && !self_threat
                    && t.upos(h) == "VERB"
                    && lex
                        .frames_for(Pos::Verb, hl)
                        .any(|f| f.relation == RelationKind::Warns && f.pos == Pos::Verb)
                {
                    // the act is what is asked for when it is the open or "to" complement
                    // or a bare subjunctive ("demanded that the UN sanction B"), not a
                    // report ("warned that A is arming B")
                    let subjunctive = base == "ccomp"
                        && t.xpos(x) == "VB"
                        && t.children_base(x, "aux").next().is_none();
                    let asked =
                        base == "xcomp" || to_infinitive || infinitive_of_object || subjunctive;
                    return Err(Unasserted {
                        why: format!("asked of someone by {:?}, not done", t.form(h)),
                        asked_by: asked.then_some(h),
                    });
                }
                own_markers(h, &mut hedged)?;
            } else {
                // a coordinated clause shares only its conditions
                for c in t.children_base(h, "advcl") {
                    if t.children_base(c, "mark")
                        .any(|m| lex.is_conditional_mark(t.lemma(m)))
                    {
                        return Err("under a condition".to_string().into());
                    }
                }
            }
            // "accused Russia of arming B": from a clause hung off a noun, on through the
            // noun to its verb
            // (not from a relative clause: "A, which backs B, did not attend" says A
            // backs B)
            first = matches!(base.as_str(), "advcl" | "acl")
                && rel != "acl:relcl"
                && matches!(t.upos(h), "NOUN" | "PROPN" | "PRON");
            // the next step, from the noun to its verb, asks when the clause was "to" + verb
            // and the noun the verb's object
            infinitive_of_object = first
                && t.rel(h) == "obj"
                && t.upos(x) == "VERB"
                && t.children_base(x, "mark").any(|m| t.xpos(m) == "TO");
            x = h;
        }
        Ok(hedged)
    }

    /// The objecting verb whose object is the act at `p`: its direct object, the object
    /// of the act's light verb ("impose sanctions"), or a noun the act's clause modifies
    /// ("a resolution condemning B", "any move to impose sanctions on B").
    fn objector(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let mut x = p;
        if t.upos(x) == "NOUN" {
            if let Some((v, false)) = self.governing_verb(x) {
                x = v;
            }
        }
        for _ in 0..3 {
            let h = t.head(x)?;
            match t.rel(x) {
                "acl" if t.upos(h) == "NOUN" => x = h,
                "obj" if t.upos(h) == "VERB" && self.lex.is_objecting_verb(t.lemma(h)) => {
                    return Some(h)
                }
                _ => return None,
            }
        }
        None
    }

    /// Whoever does verb `v` (an asker, an objector) paired with each of `targets`, and
    /// whether `v` itself is hedged; `Err` when `v` is not asserted.
    fn stance_towards(
        &mut self,
        v: usize,
        targets: &[usize],
    ) -> Result<(bool, Vec<(usize, usize)>), Unasserted> {
        let hedged = self.modality(v)?;
        let pairs = self
            .doers(v)
            .into_iter()
            .flat_map(|a| targets.iter().map(move |&b| (a, b)))
            .filter(|(a, b)| a != b)
            .collect();
        Ok((hedged, pairs))
    }

    /// The person who says the clause of `p`: the subject of the speech verb it is the
    /// complement of, when that subject is a person.
    fn speaker_for(&mut self, p: usize) -> Option<usize> {
        let t = self.tree;
        let mut x = p;
        for _ in 0..t.len() {
            let h = t.head(x)?;
            if matches!(t.base(x), "ccomp" | "parataxis")
                && t.upos(h) == "VERB"
                && self.lex.is_speech_verb(t.lemma(h))
            {
                let subj: Vec<usize> = t.children_base(h, "nsubj").collect();
                return self
                    .expand_all(&subj)
                    .into_iter()
                    .find(|&a| self.table.get(a).kind == ActorKind::Person);
            }
            if !matches!(t.base(x), "xcomp" | "conj" | "advcl") {
                return None;
            }
            x = h;
        }
        None
    }

    /// Is the act at `p` promised on a condition: its verb (or the light verb of its
    /// noun) has an auxiliary of intent, a conditional clause, and no negation ("will
    /// strike B if ..."), in a sentence that is no question?
    fn conditional_threat(&self, p: usize) -> bool {
        let t = self.tree;
        let lex = self.lex;
        let v = match t.upos(p) {
            "VERB" => p,
            "NOUN" => match self.governing_verb(p) {
                Some((v, false)) => v,
                _ => return false,
            },
            _ => return false,
        };
        let modal = t
            .children_base(v, "aux")
            .any(|a| lex.is_intention_auxiliary(t.lemma(a)));
        let condition = t.children_base(v, "advcl").any(|c| {
            t.children_base(c, "mark")
                .any(|m| lex.is_conditional_mark(t.lemma(m)))
        });
        let negated = t
            .children(v)
            .iter()
            .any(|&c| matches!(t.base(c), "advmod" | "aux" | "neg") && lex.is_negator(t.lemma(c)));
        modal && condition && !negated && !self.text.trim_end().ends_with('?')
    }

    /// Is the act at `p` only threatened: the object of a threat verb ("threatened an
    /// offensive"), its open complement ("threatened to attack"), or the object of that
    /// complement ("threatened to widen its raids")?
    fn threatened(&self, p: usize) -> bool {
        let t = self.tree;
        let Some(h) = t.head(p) else { return false };
        let governed = match t.upos(p) {
            // "threatened an offensive", "threatened to widen its raids on B": the object
            // of the threat verb, or of the act it threatens
            "NOUN" if t.base(p) == "obj" && t.upos(h) == "VERB" && self.threatened(h) => {
                return true
            }
            "NOUN" => matches!(t.base(p), "obj"),
            // "threatened to attack", also with the infinitive read as an adverbial clause
            _ => {
                t.base(p) == "xcomp"
                    || (t.base(p) == "advcl"
                        && t.children_base(p, "mark").any(|m| t.xpos(m) == "TO"))
            }
        };
        governed && self.lex.is_threat_verb(t.lemma(h))
    }

    /// Does the object of `p` fit the frame ("sent *troops*")?
    fn object_fits(&self, p: usize, frame: &Frame) -> Result<(), String> {
        if frame.object.is_empty() {
            return Ok(());
        }
        let t = self.tree;
        // a day or month read as the object is when, not what ("clashed Tuesday")
        let objs: Vec<usize> = self
            .objects(p)
            .into_iter()
            .filter(|&o| !self.lex.is_calendar_word(&t.form(o).to_lowercase()))
            .collect();
        if objs.is_empty() {
            return if frame.object.iter().any(String::is_empty) {
                Ok(())
            } else {
                Err("no object".into())
            };
        }
        for mut o in objs {
            // "drones that Turkey supplied": the noun the relative pronoun stands for
            if let Some(a) = t.relative_antecedent(o) {
                o = a;
            }
            // "thousands of troops": the noun after "of" names what was sent
            let mut names = vec![t.lemma(o).to_string(), t.form(o).to_lowercase()];
            for c in t.children_base(o, "nmod") {
                names.push(t.lemma(c).to_string());
            }
            for c in t.children_base(o, "compound") {
                names.push(t.lemma(c).to_string());
            }
            if names.iter().any(|nm| frame.object.iter().any(|x| x == nm)) {
                return Ok(());
            }
        }
        Err("its object is not one the frame takes".into())
    }

    /// Does `p` say what its object is, with one of the frame's complement nouns
    /// ("designated the movement *a terrorist organisation*", "regards X *as a terrorist
    /// group*", "named him *prime minister*")?
    fn complement_is(&self, p: usize, frame: &Frame) -> bool {
        let t = self.tree;
        let mut words: Vec<usize> = t
            .children(p)
            .iter()
            .copied()
            .filter(|&c| {
                matches!(t.base(c), "xcomp" | "obj" | "iobj")
                    || (t.base(c) == "obl"
                        && (t.preposition(c) == frame.complement_preposition
                            || t.preposition(c).is_empty()))
            })
            .collect();
        // the complement may hang off the object ("regards X as Y" parsed inside X), or
        // be read as the object's apposition when no comma parts them ("called X a
        // 'terrorist state'", not "designated Hamas, a group that ...")
        for o in t.children_rel(p, "obj").collect::<Vec<_>>() {
            words.extend(t.children(o).iter().copied().filter(|&c| {
                (matches!(t.base(c), "nmod" | "acl")
                    && t.preposition(c) == frame.complement_preposition)
                    || (t.base(c) == "appos" && (o + 1..c).all(|k| t.xpos(k) != ","))
            }));
        }
        let fits = |w: usize| {
            frame.complement_lemmas.iter().any(|l| l == t.lemma(w))
                || t.children(w).iter().any(|&c| {
                    matches!(t.base(c), "amod" | "compound")
                        && frame.complement_lemmas.iter().any(|l| l == t.lemma(c))
                })
        };
        words.into_iter().any(|w| {
            // the object itself is the actor, not the complement: skip it when it names one
            (t.base(w) != "obj" || matches!(self.slots[w], Slot::Empty)) && fits(w)
        })
    }

    fn has_complement(&self, p: usize) -> bool {
        let t = self.tree;
        t.children(p)
            .iter()
            .any(|&c| matches!(t.base(c), "xcomp" | "ccomp" | "advcl" | "acl"))
            // "called on the army and the RSF to agree": the request read as a clause
            // on the asked actor, or on the last of several asked
            || t.children(p).iter().any(|&c| {
                matches!(t.base(c), "obl" | "obj" | "nmod")
                    && t.conjuncts(c).into_iter().any(|k| {
                        t.children(k)
                            .iter()
                            .any(|&d| matches!(t.base(d), "acl" | "xcomp"))
                    })
            })
    }

    /// The frames keyed on word `p`.
    fn frames_at(&self, p: usize) -> Vec<&'r Frame> {
        let t = self.tree;
        let lex = self.lex;
        let lemma = t.lemma(p);
        let form = t.form(p).to_lowercase();
        let mut out: Vec<&Frame> = Vec::new();
        // the second half of a hyphenated word ("strong-arm") is no verb or noun of its own
        let after_hyphen = p >= 1 && t.xpos(p - 1) == "HYPH";
        match t.upos(p) {
            _ if after_hyphen => {}
            "VERB" => {
                out.extend(lex.frames_for(Pos::Verb, lemma));
                // "fighting between A and B resumed", "sparked fighting between ...": a
                // gerund with no subject, object, auxiliary or marker of its own is read
                // as the noun it is written as too
                let clausal = t.children(p).iter().any(|&c| {
                    matches!(
                        t.base(c),
                        "nsubj" | "obj" | "aux" | "mark" | "csubj" | "ccomp"
                    )
                });
                if t.xpos(p) == "VBG" && !clausal && lex.has(Pos::Noun, &form) {
                    out.extend(lex.frames_for(Pos::Noun, &form));
                }
                if t.xpos(p) == "VBN" {
                    out.extend(
                        lex.frames_for(Pos::Adj, &form)
                            .filter(|f| lex.has(Pos::Adj, &form) || f.pos != Pos::Adj),
                    );
                }
            }
            "NOUN" => out.extend(lex.frames_for(Pos::Noun, lemma)),
            "ADJ" => {
                out.extend(lex.frames_for(Pos::Adj, lemma));
                if form != lemma {
                    out.extend(lex.frames_for(Pos::Adj, &form));
                }
            }
            _ => {}
        }
        // compounds: "Russian-backed" as one word or three
        if let Some((_, before, after)) = &self.partial[p] {
            if let Some(rest) = after.strip_prefix('-') {
                out.extend(
                    lex.frames_for(Pos::Compound, &rest.to_lowercase())
                        .filter(|_| lex.has(Pos::Compound, &rest.to_lowercase())),
                );
            }
            if let Some(pre) = before.strip_suffix('-') {
                out.extend(
                    lex.frames_for(Pos::Prefix, &pre.to_lowercase())
                        .filter(|_| lex.has(Pos::Prefix, &pre.to_lowercase())),
                );
            }
        } else if p >= 2 && t.xpos(p - 1) == "HYPH" && lex.has(Pos::Compound, &form) {
            out.extend(lex.frames_for(Pos::Compound, &form));
        }
        // "pro - Turkish": the prefix is the word before the hyphen
        if p + 2 < t.len() && t.xpos(p + 1) == "HYPH" && lex.has(Pos::Prefix, &form) {
            out.extend(lex.frames_for(Pos::Prefix, &form));
        }
        let mut seen = Vec::new();
        out.retain(|f| {
            let new = !seen.contains(&f.id.as_str());
            seen.push(f.id.as_str());
            new
        });
        out
    }

    fn frames(&mut self, trace: bool) -> Reading {
        let mut reading = Reading::default();
        for p in 0..self.tree.len() {
            let frames = self.frames_at(p);
            for frame in frames {
                self.apply(p, frame, trace, &mut reading);
            }
        }
        reading
    }

    fn apply(&mut self, p: usize, frame: &Frame, trace: bool, reading: &mut Reading) {
        let cue = self.tree.form(p).to_string();
        let drop = |reading: &mut Reading, reason: String| {
            // a frame keyed on any word speaks only when its preposition was there
            if trace && !(frame.wildcard && reason.starts_with("no")) {
                reading.dropped.push(Suppressed {
                    rule: frame.id.clone(),
                    cue: cue.clone(),
                    reason,
                });
            }
        };
        if let Err(why) = self.object_fits(p, frame) {
            return drop(reading, why);
        }
        // a noun frame keyed on any noun is about acts and bodies, not about a noun that is
        // an actor or a relation itself ("the rebels against Assad"), unless a light verb
        // makes its subject the doer ("led a coalition against B")
        if frame.wildcard
            && frame.pos == Pos::Noun
            && (!matches!(self.slots[p], Slot::Empty)
                || (self.relational(p) && !matches!(self.governing_verb(p), Some((_, false)))))
        {
            return drop(reading, "no act: the noun is an actor or a relation".into());
        }
        // "sent advisers to Yemen to support the Houthis": the purpose names whom the
        // sending helps, not the place it went to
        if !frame.object.is_empty()
            && frame.relation == RelationKind::Supports
            && self
                .tree
                .children_base(p, "advcl")
                .any(|c| self.tree.upos(c) == "VERB" && self.lex.has(Pos::Verb, self.tree.lemma(c)))
        {
            return drop(reading, "its purpose clause names the beneficiary".into());
        }
        if !frame.complement_lemmas.is_empty() && !self.complement_is(p, frame) {
            return drop(reading, "its complement is not one the frame takes".into());
        }
        if frame.complement && !self.has_complement(p) {
            return drop(reading, "nothing is asked of the target".into());
        }
        // "severed ties with B": the one who ends it acts against the other side
        let ended = frame
            .ended
            .and_then(|relation| self.ending_verb(p).map(|v| (v, relation)));
        if ended.is_none()
            && !frame.qualified.is_empty()
            && frame.qualified.iter().any(|l| l == self.tree.lemma(p))
        {
            let close = self
                .tree
                .children_base(p, "amod")
                .any(|c| self.lex.is_close_word(self.tree.lemma(c)));
            if !close {
                return drop(reading, "ties not said to be close".into());
            }
        }
        // the prefix form "pro-X" names the target inside the word, the source outside
        let mut targets = Vec::new();
        for role in &frame.target {
            targets = self.role(p, frame, role, false);
            if !targets.is_empty() {
                break;
            }
        }
        // "occupied Shindand": an unknown name taken over is a place, not an actor
        if self.lex.takes_places(self.tree.lemma(p)) {
            let known = self.table.known.len();
            targets.retain(|&a| a < known || self.table.get(a).kind != ActorKind::Other);
        }
        let mut sources = Vec::new();
        if let Some((v, _)) = ended {
            sources = self.doers(v);
        } else {
            for role in &frame.source {
                sources = self.role(p, frame, role, !targets.is_empty());
                if !sources.is_empty() {
                    break;
                }
            }
            // (not one that is also the target: "cooperation from both A and B")
            if sources.is_empty()
                && frame.source.contains(&Role::Agent)
                && !frame.wildcard
                && !frame.symmetric
            {
                sources = self.giver_from(p);
                if sources.iter().any(|a| targets.contains(a)) {
                    sources.clear();
                }
            }
        }
        // "vetoed sanctions on B", "blocked a resolution condemning B": an act against B
        // that nobody is said to do, objected to by A, puts A on B's side
        if sources.is_empty()
            && !targets.is_empty()
            && frame.relation == RelationKind::Opposes
            && !frame.symmetric
            && ended.is_none()
        {
            if let Some(v) = self.objector(p) {
                let verb = self.tree.form(v).to_string();
                return match self.stance_towards(v, &targets) {
                    Ok((hedged, pairs)) if !pairs.is_empty() => {
                        let note = format!("objected to by {verb:?}");
                        let claims = Claims {
                            pairs,
                            relation: RelationKind::Supports,
                            hedged,
                            speaker: None,
                            note: Some(note),
                        };
                        self.emit(claims, frame, &cue, reading, trace)
                    }
                    Ok(_) => drop(
                        reading,
                        format!("objected to by {verb:?}, but by nobody named"),
                    ),
                    Err(u) => drop(reading, format!("objected to by {verb:?}: {}", u.why)),
                };
            }
        }
        // "received support from Russia": the receiver is the target (not for a frame
        // keyed on any noun: there the preposition names the target)
        if targets.is_empty() && frame.pos == Pos::Noun && !frame.wildcard {
            if let Some((v, true)) = self.governing_verb(p) {
                let words = self.subject_words(v);
                targets = self.expand_all(&words);
            }
        }
        // "the move drew condemnation from Taipei": a relation noun a deed brings about
        // is aimed at whoever did the deed
        if targets.is_empty() && frame.pos == Pos::Noun && !frame.wildcard && !frame.symmetric {
            if let Some(v) = self.causing_verb(p) {
                let words = self.subject_words(v);
                targets = self.expand_all(&words);
            }
        }
        // "Assad survived with help from Russia": support a verb's subject has with it
        // is support for the subject
        if targets.is_empty()
            && frame.pos == Pos::Noun
            && !frame.wildcard
            && frame.relation == RelationKind::Supports
        {
            if let Some(v) = self.with_the_subject(p) {
                let words = self.subject_words(v);
                targets = self.expand_all(&words);
            }
        }
        // "A and B cut ties": each against the other (a relation both sides hold, and
        // no third party named: "suspended cooperation and aid to B")
        if ended.is_some() && targets.is_empty() && frame.symmetric {
            let third: Vec<usize> = self
                .tree
                .conjuncts(p)
                .into_iter()
                .flat_map(|c| self.tree.children_base(c, "nmod").collect::<Vec<_>>())
                .collect();
            if self.expand_all(&third).iter().all(|a| sources.contains(a)) {
                targets = sources.clone();
            }
        }
        let mut pairs = Vec::new();
        if frame.symmetric && ended.is_none() {
            // "A and B clashed", "the war between A and B"
            let mut all = sources.clone();
            for &t in &targets {
                if !all.contains(&t) {
                    all.push(t);
                }
            }
            // one side named twice ("between A and B", "A and B clashed"): every pair of it;
            // two sides ("A's ties with B and C"): each of one with each of the other
            let one_side = targets.is_empty() || sources == targets;
            if one_side && all.len() >= 2 {
                for &a in &all {
                    for &b in &all {
                        if a != b {
                            pairs.push((a, b));
                        }
                    }
                }
            } else {
                for &a in &sources {
                    for &b in &targets {
                        if a != b {
                            pairs.push((a, b));
                            pairs.push((b, a));
                        }
                    }
                }
            }
        } else {
            for &a in &sources {
                for &b in &targets {
                    if a != b {
                        pairs.push((a, b));
                    }
                }
            }
        }
        if pairs.is_empty() {
            let why = match (sources.is_empty(), targets.is_empty()) {
                (true, true) => "no source and no target",
                (true, false) => "no source",
                (false, true) => "no target",
                _ => "source and target are the same actor",
            };
            return drop(reading, why.into());
        }
        let relation = ended.map_or(frame.relation, |(_, r)| r);
        // an ended act: whether the ending holds is the ending verb's modality
        let mut asked_by = None;
        // "Israel will strike Hezbollah if it breaks the truce": an act against B
        // promised on a condition is a threat, not nothing
        let conditional_threat = relation == RelationKind::Opposes
            && !frame.symmetric
            && ended.is_none()
            && self.conditional_threat(p);
        let modality = if conditional_threat {
            Ok(false)
        } else {
            self.modality(ended.map_or(p, |(v, _)| v))
        };
        let (hedged, pairs) = match modality {
            Ok(h) => (h, pairs),
            // "urged the council to sanction B": the act is not done, but whoever asks
            // for it takes its side against (or for) its target
            Err(Unasserted {
                why,
                asked_by: Some(v),
            }) => {
                let stance = matches!(relation, RelationKind::Opposes | RelationKind::Supports)
                    && ended.is_none()
                    && !self.threatened(p);
                match stance.then(|| self.stance_towards(v, &targets)) {
                    Some(Ok((hedged, pairs))) if !pairs.is_empty() => {
                        asked_by = Some(v);
                        (hedged, pairs)
                    }
                    _ => return drop(reading, why),
                }
            }
            Err(Unasserted { why, .. }) => return drop(reading, why),
        };
        // "threatened an offensive against B", "threatened to attack B": a warning
        let relation =
            if relation == RelationKind::Opposes && (conditional_threat || self.threatened(p)) {
                RelationKind::Warns
            } else {
                relation
            };
        // "Foreign Minister X said Tehran would support Y": the person speaking for the
        // state is the source
        let speaker = self.speaker_for(p);
        let note = asked_by.map(|v| format!("asked for by {:?}", self.tree.form(v)));
        let claims = Claims {
            pairs,
            relation,
            hedged,
            speaker,
            note,
        };
        self.emit(claims, frame, &cue, reading, trace);
    }

    /// Adds `claims` to the reading: one per pair not already found (an asserted one
    /// takes the place of a hedged one), with why each fired.
    fn emit(
        &mut self,
        claims: Claims,
        frame: &Frame,
        cue: &str,
        reading: &mut Reading,
        trace: bool,
    ) {
        let Claims {
            pairs,
            relation,
            hedged,
            speaker,
            note,
        } = claims;
        for (s, t) in pairs {
            let s = match speaker {
                Some(person)
                    if person != t
                        && self.table.get(s).kind == ActorKind::State
                        && self
                            .table
                            .get(person)
                            .affiliations
                            .iter()
                            .any(|a| a.actor == self.table.get(s).id) =>
                {
                    person
                }
                _ => s,
            };
            // "the defence secretary defended the strikes" (his own state's): a person's
            // support for the actor they serve, or served (the text may be from then),
            // says nothing the data does not
            let (source, target) = (self.table.get(s), self.table.get(t));
            let serves = source.kind == ActorKind::Person
                && source.affiliations.iter().any(|a| a.actor == target.id);
            if relation == RelationKind::Supports && serves {
                if trace {
                    reading.dropped.push(Suppressed {
                        rule: frame.id.clone(),
                        cue: cue.to_string(),
                        reason: format!("{} serves {}", source.name, target.name),
                    });
                }
                continue;
            }
            let confidence = if hedged {
                frame.confidence * 0.75
            } else {
                frame.confidence
            };
            if let Some(k) = reading
                .found
                .iter()
                .position(|f| f.source == s && f.target == t && f.kind == relation)
            {
                let f = &mut reading.found[k];
                if f.hedged && !hedged {
                    f.hedged = false;
                    f.confidence = confidence;
                    f.rule = frame.id.clone();
                }
                continue;
            }
            reading.found.push(Found {
                source: s,
                kind: relation,
                target: t,
                hedged,
                confidence,
                rule: frame.id.clone(),
            });
            reading.why.push(match &note {
                Some(note) => format!("{} on {:?}, {note}", frame.id, cue),
                None => format!("{} on {:?}", frame.id, cue),
            });
        }
    }
}
