//! The extraction pipeline: text -> sentences -> mentions -> claims.
//!
//! Extraction does no I/O and never fails: whatever the text, it returns claims (each
//! with its sentence and byte span in the original text), the new actors the text
//! introduced, and diagnostics.

pub(crate) mod claim;
pub mod frames;
pub mod lexicon;
pub(crate) mod mention;
pub(crate) mod reference;
pub(crate) mod surface;
pub(crate) mod table;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::extract::claim::{is_qualifier, CompiledLexicon, Suppressed, Tok};
use crate::extract::frames::{FrameLexicon, Pos};
use crate::extract::lexicon::Lexicon;
use crate::extract::mention::{Matcher, Mention, MentionKind};
use crate::extract::reference::{Memory, RefKind, Seen};
use crate::extract::table::{ActorTable, Skeletons};
use crate::limits::MAX_SENTENCE_BYTES;
use crate::model::round2;
use crate::model::{Actor, ActorKind, Claim, Date, Evidence, Provenance, RelationKind, Span};
use crate::text::corpus::Document;
use crate::text::normalize::Normalized;
use crate::text::sentence;
use surface::{find_speaker, speaker_as_source, tokenize};

/// Reads relations from text with a registry of actors and a cue lexicon.
#[derive(Debug, Clone)]
pub struct Extractor {
    actors: Vec<Actor>,
    /// Registry ids (which new actors must not take), with their index in `actors`.
    known_ids: foldhash::HashMap<String, usize>,
    /// What the reference memory asks of each registry actor, worked out once.
    known_classes: Vec<Option<u8>>,
    matcher: Matcher,
    /// Registry names by skeleton, for other spellings of them.
    skeletons: Skeletons,
    lexicon: CompiledLexicon,
    engine: Engine,
    frames: FrameLexicon,
    syntax: Option<SyntaxModel>,
}

/// The syntax model the frame engine parses with: the compiled-in one, or one the user
/// loaded (shared between clones of the extractor).
#[derive(Debug, Clone)]
enum SyntaxModel {
    Embedded(&'static crate::syntax::Model),
    Loaded(std::sync::Arc<crate::syntax::Model>),
}

impl SyntaxModel {
    fn get(&self) -> &crate::syntax::Model {
        match self {
            SyntaxModel::Embedded(m) => m,
            SyntaxModel::Loaded(m) => m,
        }
    }
}

/// Which extraction engine reads the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Cue phrases and word-order shapes (`data/lexicon.json`).
    #[default]
    Surface,
    /// Relation frames over the dependency parse (`data/lexicon/en.json`).
    Frames,
}

impl std::str::FromStr for Engine {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "surface" => Ok(Engine::Surface),
            "frames" => Ok(Engine::Frames),
            _ => Err(format!("unknown engine {s:?}: use frames or surface")),
        }
    }
}

/// A lemma the frame lexicon does not know, where another lemma the lemmatizer's rules
/// allow is one it knows, becomes that one: an unseen word may take the rule of a longer
/// suffix than its own ("shelled" read as "shel", like "travelled"), and the lexicon
/// says which reading names a frame ("shell").
fn known_lemmas(
    words: &mut [crate::syntax::Word],
    model: &crate::syntax::Model,
    lex: &FrameLexicon,
) {
    for w in words {
        if !matches!(w.upos.as_str(), "VERB" | "NOUN" | "ADJ") || lex.knows(&w.lemma.to_lowercase())
        {
            continue;
        }
        if let Some(l) = model
            .lemma_candidates(&w.form, &w.upos)
            .into_iter()
            .skip(1)
            .find(|l| lex.knows(&l.to_lowercase()))
        {
            w.lemma = l;
        }
    }
}

/// How many words of a sentence, past its first, start with a capital: names that may
/// be actors.
fn capitalised_words(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .skip(1)
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count()
}

/// What was read in one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Document id.
    pub doc: String,
    /// Claims, in sentence order.
    pub claims: Vec<Claim>,
    /// Actors introduced by the text and unknown to the registry.
    pub new_actors: Vec<Actor>,
    /// Problems worth knowing about (never errors).
    pub diagnostics: Vec<String>,
    /// Text that was not read, such as a sentence over
    /// [`MAX_SENTENCE_BYTES`]; shown to the user.
    pub warnings: Vec<String>,
    /// Per-sentence trace for `--explain`.
    pub sentences: Vec<SentenceTrace>,
    /// Number of sentences read.
    pub sentence_count: usize,
}

impl Extraction {
    /// Dates every claim with the document's date (`from`: the relation held then).
    pub fn with_date(mut self, date: Option<Date>) -> Self {
        for c in &mut self.claims {
            c.from = date;
        }
        self
    }
}

/// How one sentence was read.
#[derive(Debug, Clone, Default)]
pub struct SentenceTrace {
    /// 0-based index.
    pub index: usize,
    /// Byte span in the original text.
    pub span: Span,
    /// The sentence.
    pub text: String,
    /// Mentions: (text as written, actor id, how).
    pub mentions: Vec<(String, String, String)>,
    /// Claims read: (source id, relation, target id, hedged, rule).
    pub claims: Vec<(String, String, String, bool, String)>,
    /// Cues that produced nothing, and why.
    pub suppressed: Vec<Suppressed>,
    /// The tree the frame engine read, with words as written and spans into `text`;
    /// empty when it parsed nothing (the surface engine reads no tree).
    pub tree: Vec<crate::syntax::Word>,
    /// Why the frame engine did not parse the sentence, when it did not: the same
    /// sentences are passed over with and without `--explain`.
    pub not_read: Option<String>,
}

/// One line of `geokg extract --format jsonl`: the documented contract.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimLine {
    /// Document id (file stem).
    pub doc: String,
    /// Source display name.
    pub source: String,
    /// Source actor id.
    pub source_id: String,
    /// `supports`, `opposes` or `warns`.
    pub relation: String,
    /// Target display name.
    pub target: String,
    /// Target actor id.
    pub target_id: String,
    /// Only suspected or alleged.
    pub hedged: bool,
    /// From 0 to 1.
    pub confidence: f64,
    /// The sentence, as in the original text.
    pub sentence: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// Byte span `[start, end)` of the sentence in the original text.
    pub span: [usize; 2],
    /// The rule that fired.
    pub rule: String,
    /// Date of the document, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; left out when the
    /// document has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Extractor {
    /// An extractor over `actors` with `lexicon`.
    pub fn new(actors: Vec<Actor>, lexicon: Lexicon) -> Self {
        let matcher = Matcher::new(&actors, &lexicon);
        // the first actor with an id is the one `name_of` and `by_id` find
        let mut known_ids = foldhash::HashMap::default();
        for (i, a) in actors.iter().enumerate() {
            known_ids.entry(a.id.clone()).or_insert(i);
        }
        let known_classes =
            reference::known_classes(&actors, &ActorTable::indexed(&actors, &known_ids));
        let frames =
            FrameLexicon::embedded().expect("the embedded frame lexicon is checked by tests");
        Extractor {
            known_ids,
            known_classes,
            skeletons: Skeletons::new(&actors, frames.name_particles(), frames.name_vowels()),
            actors,
            matcher,
            lexicon: CompiledLexicon::new(lexicon),
            engine: Engine::Surface,
            frames,
            syntax: None,
        }
    }

    /// The same extractor reading with `engine`.
    ///
    /// # Errors
    /// When the frame engine's syntax model cannot be loaded.
    pub fn with_engine(mut self, engine: Engine) -> Result<Self, Error> {
        if engine == Engine::Frames && self.syntax.is_none() {
            self.syntax = Some(SyntaxModel::Embedded(crate::syntax::Model::embedded()?));
        }
        self.engine = engine;
        Ok(self)
    }

    /// The same extractor parsing with `model` instead of the compiled-in syntax model
    /// (`--model FILE`); only the frame engine parses.
    pub fn with_model(mut self, model: crate::syntax::Model) -> Self {
        self.syntax = Some(SyntaxModel::Loaded(std::sync::Arc::new(model)));
        self
    }

    /// The same extractor with another frame lexicon (`--frames FILE`).
    pub fn with_frames(mut self, frames: FrameLexicon) -> Self {
        self.skeletons =
            Skeletons::new(&self.actors, frames.name_particles(), frames.name_vowels());
        self.frames = frames;
        self
    }

    /// A person's name takes the title phrase before it as one mention ("U.N. envoy Hans
    /// Grundberg", "Iran Defence Minister Karim Zayed", "the Pakistani president
    /// Musharraf"): title words of the frame lexicon, back to a name the mention layer
    /// found (the actor the person serves), over capitalised words between. The parser
    /// often splits such a phrase; as one mention it stands where its first word
    /// stands. A mention inside the phrase is the person's affiliation, no participant.
    fn with_title_phrases(
        &self,
        mut ranges: Vec<(std::ops::Range<usize>, usize)>,
        sentence: &str,
        here: &[&Mention],
        offset: usize,
        table: &ActorTable<'_>,
    ) -> Vec<(std::ops::Range<usize>, usize)> {
        let mentioned = |pos: usize| {
            here.iter()
                .any(|m| m.start <= offset + pos && offset + pos < m.end)
        };
        let mut phrases: Vec<std::ops::Range<usize>> = Vec::new();
        for (range, actor) in ranges.iter_mut() {
            if table.get(*actor).kind != ActorKind::Person {
                continue;
            }
            let mut at = range.start;
            let mut start = range.start;
            let mut titled = false;
            loop {
                let before = &sentence[..at];
                let word_end = before.trim_end().len();
                if word_end == at || word_end == 0 {
                    break;
                }
                let word_start = before[..word_end]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                let word = &before[word_start..word_end];
                let lower = word.to_lowercase();
                if self.frames.is_title(&lower) || self.frames.is_title(lower.trim_end_matches('.'))
                {
                    titled = true;
                    start = word_start;
                } else if titled && mentioned(word_start) {
                    start = word_start;
                } else if !(titled && word.starts_with(char::is_uppercase)) {
                    break;
                }
                at = word_start;
            }
            if start < range.start {
                phrases.push(start..range.end);
                range.start = start;
            }
        }
        ranges.retain(|(r, _)| {
            !phrases
                .iter()
                .any(|p| p.start <= r.start && r.end <= p.end && *p != *r)
        });
        ranges
    }

    /// The tree the frame engine reads for a sentence as written, parsed by `model`: the
    /// parse of its plain form after its dateline, with the words and spans as written
    /// (for the sentence on its own: without the known names of its document as hints
    /// to the tagger, so a name's tag may differ from what `extract` read).
    pub fn parse_as_written(
        &self,
        model: &crate::syntax::Model,
        sentence: &str,
    ) -> Vec<crate::syntax::Word> {
        let plain = Normalized::new(sentence);
        let mut words = parse_after_dateline(model, Some(&self.frames), &plain.text, &[]);
        frames::tree::repair(&mut words);
        as_written(&words, sentence, |a, b| plain.original_span(a, b, sentence))
    }

    /// The syntax model the frame engine parses with, once it has one.
    pub fn syntax_model(&self) -> Option<&crate::syntax::Model> {
        self.syntax.as_ref().map(SyntaxModel::get)
    }

    /// The engine in use.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Names a coordination shares ("North and South Korea"): a capitalised word whose
    /// conjunct begins a registry name and that, put in the conjunct's place, makes
    /// another registry name. Returns the word's range and actor.
    fn elided_names(
        &self,
        words: &[crate::syntax::Word],
        sentence: &str,
        ranges: &[(std::ops::Range<usize>, usize)],
        table: &mut ActorTable<'_>,
    ) -> Vec<(std::ops::Range<usize>, usize)> {
        let mut out = Vec::new();
        let covered = |r: &std::ops::Range<usize>| {
            ranges
                .iter()
                .any(|(m, _)| m.start < r.end && r.start < m.end)
        };
        for (y, w) in words.iter().enumerate() {
            if w.deprel.split(':').next() != Some("conj") || w.head == 0 {
                continue;
            }
            let x = w.head - 1;
            let Some(xw) = words.get(x) else { continue };
            if x >= y
                || covered(&xw.span)
                || !sentence[xw.span.clone()].starts_with(|c: char| c.is_uppercase())
            {
                continue;
            }
            // the conjunct starts a name that goes on past it
            let Some((name, _)) = ranges
                .iter()
                .find(|(m, _)| m.start == w.span.start && m.end > w.span.end)
            else {
                continue;
            };
            let candidate = format!(
                "{}{}",
                &sentence[xw.span.clone()],
                &sentence[w.span.end..name.end]
            );
            let found = self.matcher.find(&candidate, table);
            if let [m] = found.as_slice() {
                if m.start == 0 && m.end == candidate.len() && !m.modifier {
                    out.push((xw.span.clone(), m.actor));
                }
            }
        }
        out
    }

    /// How many mentions the name scan finds in `plain` (text as `Normalized` rewrites
    /// it), without reading claims: the mention stage alone, for the stage benchmark
    /// (`benches/pipeline.rs`).
    #[doc(hidden)]
    pub fn count_mentions(&self, plain: &str) -> usize {
        let mut table = ActorTable::indexed(&self.actors, &self.known_ids);
        self.matcher.find(plain, &mut table).len()
    }

    /// The registry actors.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// Reads one document. Never fails.
    pub fn extract(&self, doc: &str, text: &str) -> Extraction {
        self.run(doc, text, false)
    }

    /// Reads one document and keeps a per-sentence trace.
    pub fn explain(&self, doc: &str, text: &str) -> Extraction {
        self.run(doc, text, true)
    }

    /// Reads one document of a corpus; its claims carry the document's date.
    pub fn extract_document(&self, doc: &Document, trace: bool) -> Extraction {
        self.run(&doc.id, &doc.text, trace).with_date(doc.date)
    }

    /// Reads documents on all threads of the current rayon pool and returns their
    /// extractions in input order: the result is the same whatever the number of threads.
    pub fn extract_batch(&self, docs: &[Document], trace: bool) -> Vec<Extraction> {
        docs.par_iter()
            .map(|d| self.extract_document(d, trace))
            .collect()
    }

    fn run(&self, doc: &str, text: &str, trace: bool) -> Extraction {
        let norm = Normalized::new(text);
        let plain = norm.text.as_str();
        // what words are borrowed from, in lower case
        let lower = plain.to_ascii_lowercase();
        let spans = sentence::split(plain);
        let mut table =
            ActorTable::indexed(&self.actors, &self.known_ids).with_skeletons(&self.skeletons);
        let (mut mentions, referring) = self.matcher.find_with_references(plain, &mut table);
        // New actors take ids that cannot clash with the registry, before any claim names
        // them: "Marshal Khalifa  Haftar" (two spaces) is a newcomer whose slug is the
        // registry's khalifa-haftar, and a claim between the two must stay between two.
        // Two newcomers can share a slug too ("Omar Td畯" and "Omar Td慨": the slug keeps
        // ASCII only), and must stay two.
        let mut taken: foldhash::HashSet<String> = foldhash::HashSet::default();
        settle_ids(&mut table.new, &self.known_ids, &mut taken);
        choose_alternatives(&mut mentions, &table);
        // which new actors some claim names (they all come from the mentions)
        let mut new_used = vec![false; table.new.len()];
        let mut memory = Memory::with_known_classes(&self.known_classes);
        let mut out = Extraction {
            doc: doc.to_string(),
            sentence_count: spans.len(),
            ..Default::default()
        };
        let mut last_speaker: Option<usize> = None;
        // demonyms and capitals wherever they are, by start (frame engine only)
        let metonyms = if self.engine == Engine::Frames {
            self.matcher.metonyms(plain)
        } else {
            Vec::new()
        };
        let mut recent = frames::Recent::default();
        if self.engine == Engine::Frames {
            recent.note_places(&self.frames, plain);
        }
        // (source, target) of every opposes claim so far, for "both sides"
        let mut opposed = Rivals::default();
        let mut mi = 0;
        // the first referring word not before this sentence
        let mut next_referring = 0;
        // the mentions, tokens and references of one sentence, reused for the next
        let mut here: Vec<&Mention> = Vec::new();
        let mut toks: Vec<Tok> = Vec::new();
        let mut refs: Vec<(usize, RefKind)> = Vec::new();
        for (si, span) in spans.iter().enumerate() {
            if span.end - span.start > MAX_SENTENCE_BYTES {
                let (os, oe) = norm.original_span(span.start, span.end, text);
                out.warnings.push(format!(
                    "{doc}: sentence {si} (bytes {os}..{oe}) is longer than {MAX_SENTENCE_BYTES} bytes; not read for relations"
                ));
                continue;
            }
            while mi < mentions.len() && mentions[mi].end <= span.start {
                mi += 1;
            }
            here.clear();
            let mut k = mi;
            while k < mentions.len() && mentions[k].start < span.end {
                if mentions[k].end <= span.end {
                    here.push(&mentions[k]);
                }
                k += 1;
            }
            // A sentence that names no actor and holds no word that could refer to one
            // reads to nothing and changes nothing later sentences see: most sentences
            // of the news are like that, and tokenizing them is most of the work.
            while referring
                .get(next_referring)
                .is_some_and(|&r| r < span.start)
            {
                next_referring += 1;
            }
            let may_refer = referring.get(next_referring).is_some_and(|&r| r < span.end);
            if !trace
                && !may_refer
                && here.iter().all(|m| m.modifier)
                && self.engine == Engine::Surface
            {
                continue;
            }
            let mut suppressed = Vec::new();
            // for --explain, the frame and the word of each claim, and the tree read
            // (frame engine)
            let mut why: Vec<String> = Vec::new();
            let mut tree: Vec<crate::syntax::Word> = Vec::new();
            let mut not_read = None;
            let found = if self.engine == Engine::Frames {
                let sentence = &plain[span.start..span.end];
                // the demonyms and capitals of this sentence
                let lo = metonyms.partition_point(|d| d.0 < span.start);
                let hi = metonyms.partition_point(|d| d.0 < span.end);
                let metonyms_here: Vec<&(usize, usize, usize, bool)> = metonyms[lo..hi]
                    .iter()
                    .filter(|d| d.1 <= span.end)
                    .collect();
                // Parsing is most of the work: a sentence is parsed only when it names a
                // known actor (or a word that may refer to one) and one more actor or
                // name that may become one.
                // (a pair, "both countries", "the two warring sides", may stand for the
                // document's two main rivals: two actors)
                let pair = recent.has_main_rivals() && {
                    let words: Vec<String> = sentence
                        .split(|c: char| !c.is_alphabetic())
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase)
                        .collect();
                    (0..words.len()).any(|k| {
                        self.frames.is_pair_determiner(&words[k])
                            && words[k + 1..]
                                .iter()
                                .take(2)
                                .any(|w| self.frames.is_pair_noun(w))
                    })
                };
                let known = here.iter().filter(|m| !m.modifier).count()
                    + metonyms_here.len()
                    + usize::from(may_refer)
                    + 2 * usize::from(pair);
                // a sentence not parsed still names actors that later pronouns may mean
                let skip = |recent: &mut frames::Recent| {
                    let named: Vec<usize> = here
                        .iter()
                        .filter(|m| !m.modifier)
                        .map(|m| m.actor)
                        .collect();
                    recent.note(&named, si);
                };
                // the sentence's words in lower case, for the word checks below
                let model = self.syntax.as_ref().map(SyntaxModel::get);
                let lower = if known > 0 {
                    sentence.to_lowercase()
                } else {
                    String::new()
                };
                let words: Vec<&str> = match model {
                    Some(m) if known > 0 => {
                        m.tokenize(&lower).into_iter().map(|r| &lower[r]).collect()
                    }
                    _ => Vec::new(),
                };
                // (or one actor and an act named before: "Kabul condemned the attack")
                let refers_back = || {
                    model.is_some_and(|m| {
                        recent.refers_to_act(&self.frames, &words, si, |w| {
                            m.lemma_candidates(w, "NOUN")
                        })
                    })
                };
                let mut why_not =
                    if known == 0 || (known + capitalised_words(sentence) < 2 && !refers_back()) {
                        Some("it names no known actor with another actor or name")
                    } else {
                        None
                    };
                if let (None, Some(m)) = (why_not, model) {
                    if !self
                        .frames
                        .may_hold_frame(&words, |w, upos| m.lemma_candidates(w, upos))
                    {
                        why_not = Some("no word of it is a frame's word");
                    }
                }
                if let Some(why) = why_not {
                    skip(&mut recent);
                    if !trace {
                        continue;
                    }
                    not_read = Some(why.to_string());
                    Vec::new()
                } else {
                    // demonyms are placed on the tree from the raw list, not as the word-order
                    // rules of the mention layer read them
                    let ranges: Vec<(std::ops::Range<usize>, usize)> = here
                        .iter()
                        .filter(|m| {
                            !m.modifier
                                && !matches!(m.kind, MentionKind::Demonym | MentionKind::NewGroup)
                        })
                        // a mention that began before the sentence ("the president We.
                        // Egypt") is no word of it (its range would wrap below zero)
                        .filter_map(|m| {
                            let start = m.start.checked_sub(span.start)?;
                            Some((start..m.end - span.start, m.actor))
                        })
                        .collect();
                    let mut ranges =
                        self.with_title_phrases(ranges, sentence, &here, span.start, &table);
                    let in_sentence = |capital: bool| -> Vec<(std::ops::Range<usize>, usize)> {
                        metonyms_here
                            .iter()
                            .filter(|d| d.3 == capital)
                            .map(|d| (d.0 - span.start..d.1 - span.start, d.2))
                            .collect()
                    };
                    let (dems, capitals) = (in_sentence(false), in_sentence(true));
                    // the known names of the sentence, for the tagger
                    let names: Vec<std::ops::Range<usize>> = here
                        .iter()
                        .filter(|m| !matches!(m.kind, MentionKind::Demonym | MentionKind::NewGroup))
                        .filter_map(|m| Some(m.start.checked_sub(span.start)?..m.end - span.start))
                        .chain(capitals.iter().map(|c| c.0.clone()))
                        .collect();
                    let mut words = self
                        .syntax
                        .as_ref()
                        .map(|m| {
                            parse_after_dateline(m.get(), Some(&self.frames), sentence, &names)
                        })
                        .unwrap_or_default();
                    frames::tree::repair(&mut words);
                    if let Some(model) = self.syntax.as_ref().map(SyntaxModel::get) {
                        known_lemmas(&mut words, model, &self.frames);
                    }
                    if trace {
                        let (os, oe) = norm.original_span(span.start, span.end, text);
                        tree = as_written(&words, &text[os..oe], |a, b| {
                            let (a, b) = norm.original_span(span.start + a, span.start + b, text);
                            (a - os, b - os)
                        });
                    }
                    ranges.extend(self.elided_names(&words, sentence, &ranges, &mut table));
                    let before = table.new.len();
                    let reading = frames::SentenceReader::read(
                        &self.frames,
                        &words,
                        sentence,
                        &ranges,
                        &capitals,
                        &dems,
                        &mut table,
                        &mut recent,
                        si,
                        trace,
                    );
                    suppressed = reading.dropped;
                    // new actors take ids that cannot clash, as those of the mentions did
                    settle_ids(&mut table.new[before..], &self.known_ids, &mut taken);
                    new_used.resize(table.new.len(), false);
                    why = reading.why;
                    reading.found
                }
            } else {
                tokenize(plain, &lower, *span, &here, &table, &mut toks, &mut refs);
                // the speaker of quoted words in this sentence
                let speaker = find_speaker(&toks, &self.lexicon).or_else(|| {
                    if toks.iter().any(|t| matches!(t, Tok::Punct('"'))) {
                        last_speaker
                    } else {
                        None
                    }
                });
                let mut both_sides: Vec<(usize, (usize, usize))> = Vec::new();
                let mut ri = 0;
                for pos in 0..toks.len() {
                    if ri < refs.len() && refs[ri].0 == pos {
                        let kind = refs[ri].1;
                        ri += 1;
                        if kind == RefKind::BothSides {
                            if let Some(pair) = opposed.main() {
                                both_sides.push((pos, pair));
                            }
                            continue;
                        }
                        let mut resolved = match kind {
                            RefKind::Speaker => speaker,
                            RefKind::Titled => match &toks[pos] {
                                Tok::Word(w) => memory.resolve_titled(w, si, pos, &table),
                                _ => None,
                            },
                            _ => memory.resolve(kind, si, pos, &table),
                        };
                        // "Mali and Niger … against them": a plural pronoun for a list of
                        // actors stands for all of them, which one token cannot hold
                        if kind == RefKind::Plural {
                            if let Some(a) = resolved {
                                let listed = toks[..pos].iter().enumerate().any(|(q, t)| {
                                    t.actor() == Some(a)
                                        && toks.get(q + 1).is_some_and(|n| {
                                            n.is_word("and") || matches!(n, Tok::Punct(','))
                                        })
                                        && toks.get(q + 2).is_some_and(|n| n.actor().is_some())
                                });
                                if listed {
                                    resolved = None;
                                }
                            }
                        }
                        if let Some(a) = resolved {
                            toks[pos] = Tok::Actor {
                                actor: a,
                                person: table.get(a).kind == ActorKind::Person,
                            };
                        }
                    }
                    // "the al Qaeda-linked group": a qualifier is not what later words refer to
                    if let Some(actor) = toks[pos].actor().filter(|_| !is_qualifier(&toks, pos)) {
                        memory.push(Seen {
                            actor,
                            sentence: si,
                            position: pos,
                        });
                    }
                }
                if speaker.is_some() {
                    last_speaker = speaker;
                }
                // "both sides" becomes "A and B"
                for &(pos, (a, b)) in both_sides.iter().rev() {
                    let actor = |x: usize| Tok::Actor {
                        actor: x,
                        person: table.get(x).kind == ActorKind::Person,
                    };
                    toks.splice(pos..=pos, [actor(a), Tok::Word("and".into()), actor(b)]);
                }
                // A claim joins two different actors of the sentence, so a sentence with fewer
                // has none; most news sentences name at most one actor. The trace wants
                // every cue looked at, so it always reads.
                let found = if trace || two_actors(&toks) {
                    claim::read(&toks, &self.lexicon, trace.then_some(&mut suppressed))
                } else {
                    debug_assert!(claim::read(&toks, &self.lexicon, None).is_empty());
                    Vec::new()
                };
                speaker_as_source(found, &toks, &table, &self.lexicon)
            };
            opposed.extend(
                found
                    .iter()
                    .filter(|f| f.kind == RelationKind::Opposes)
                    .map(|f| (f.source, f.target)),
            );
            let (os, oe) = norm.original_span(span.start, span.end, text);
            let sentence_text = &text[os..oe];
            let traced_claims: Vec<_> = if trace {
                found
                    .iter()
                    .enumerate()
                    .map(|(k, f)| {
                        (
                            table.get(f.source).id.clone(),
                            f.kind.to_string(),
                            table.get(f.target).id.clone(),
                            f.hedged,
                            why.get(k).cloned().unwrap_or_else(|| f.rule.clone()),
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            for f in found {
                for actor in [f.source, f.target] {
                    if let Some(used) = actor
                        .checked_sub(self.actors.len())
                        .and_then(|k| new_used.get_mut(k))
                    {
                        *used = true;
                    }
                }
                out.claims.push(Claim {
                    source: table.get(f.source).id.clone(),
                    kind: f.kind,
                    target: table.get(f.target).id.clone(),
                    hedged: f.hedged,
                    confidence: round2(f.confidence),
                    from: None,
                    until: None,
                    provenance: Provenance::Extracted(Evidence {
                        doc: doc.to_string(),
                        sentence_index: si,
                        span: Span::new(os, oe),
                        sentence: sentence_text.to_string(),
                        rule: f.rule,
                    }),
                });
            }
            if trace {
                let mentions_here = here
                    .iter()
                    .filter(|m| !m.modifier)
                    .map(|m| {
                        let (a, b) = norm.original_span(m.start, m.end, text);
                        (
                            text[a..b].to_string(),
                            table.get(m.actor).id.clone(),
                            format!("{:?}", m.kind).to_lowercase(),
                        )
                    })
                    .collect();
                out.sentences.push(SentenceTrace {
                    index: si,
                    span: Span::new(os, oe),
                    text: sentence_text.to_string(),
                    mentions: mentions_here,
                    claims: traced_claims,
                    suppressed,
                    tree,
                    not_read,
                });
            }
        }
        for a in &table.new {
            out.diagnostics.push(format!(
                "{doc}: new actor \"{}\" ({}), not in the registry",
                a.name, a.kind
            ));
        }
        // only new actors that some claim uses are kept
        out.new_actors = table
            .new
            .into_iter()
            .zip(new_used)
            .filter_map(|(a, used)| used.then_some(a))
            .collect();
        out
    }

    /// The display name of an actor id, registry or new.
    pub fn name_of<'a>(&'a self, id: &'a str, new: &'a [Actor]) -> &'a str {
        self.actors
            .iter()
            .chain(new.iter())
            .find(|a| a.id == id)
            .map_or(id, |a| a.name.as_str())
    }

    /// The display names of the actor ids of `ex`, as [`Extractor::name_of`] gives them
    /// (the registry first, then the new actors, else the id itself), with the ids indexed
    /// once, so that many claims about many new actors stay linear.
    pub(crate) fn namer<'a>(&'a self, ex: &'a Extraction) -> impl Fn(&'a str) -> &'a str {
        let mut new_names: foldhash::HashMap<&str, &str> = foldhash::HashMap::default();
        for a in &ex.new_actors {
            new_names.entry(&a.id).or_insert(&a.name);
        }
        move |id: &'a str| {
            let known = self
                .known_ids
                .get(id)
                .map(|&i| self.actors[i].name.as_str());
            known.or_else(|| new_names.get(id).copied()).unwrap_or(id)
        }
    }

    /// The claims of an extraction as JSONL records.
    pub fn lines(&self, ex: &Extraction) -> Vec<ClaimLine> {
        let name_of = self.namer(ex);
        ex.claims
            .iter()
            .filter_map(|c| {
                let Provenance::Extracted(e) = &c.provenance else {
                    return None;
                };
                Some(ClaimLine {
                    doc: e.doc.clone(),
                    source: name_of(&c.source).to_string(),
                    source_id: c.source.clone(),
                    relation: c.kind.to_string(),
                    target: name_of(&c.target).to_string(),
                    target_id: c.target.clone(),
                    hedged: c.hedged,
                    confidence: c.confidence,
                    sentence: e.sentence.clone(),
                    sentence_index: e.sentence_index,
                    span: [e.span.start, e.span.end],
                    rule: e.rule.clone(),
                    date: c.from.map(|d| d.to_string()),
                })
            })
            .collect()
    }
}

/// Gives each of `new` an id that no registry actor (`known`) and no actor in `taken`
/// has, and adds it to `taken`: "Marshal Khalifa  Haftar" (two spaces) is a newcomer whose
/// slug is the registry's khalifa-haftar, and a claim between the two must stay between
/// two.
fn settle_ids(
    new: &mut [Actor],
    known: &foldhash::HashMap<String, usize>,
    taken: &mut foldhash::HashSet<String>,
) {
    for a in new {
        let clash = |id: &str| known.contains_key(id) || taken.contains(id);
        if clash(&a.id) || a.id.is_empty() {
            let mut id = format!("{}-x", if a.id.is_empty() { "actor" } else { &a.id });
            while clash(&id) {
                id.push_str("-x");
            }
            a.id = id;
        }
        taken.insert(a.id.clone());
    }
}

/// Does the sentence hold two different actors?
fn two_actors(toks: &[Tok]) -> bool {
    let mut first = None;
    for t in toks {
        if let Tok::Actor { actor, .. } = t {
            match first {
                None => first = Some(*actor),
                Some(a) if a != *actor => return true,
                Some(_) => {}
            }
        }
    }
    false
}

/// The pairs of actors shown opposing each other so far (either direction), counted as
/// claims come in, for "both sides" and "the warring parties": the main pair is the most
/// often shown, ties going to the pair seen first. Kept up to date on every claim, so a
/// long document asks no question twice.
#[derive(Debug, Default)]
struct Rivals {
    /// (count, order first seen) of each pair.
    pairs: foldhash::HashMap<(usize, usize), (usize, usize)>,
    /// The main pair, with its count and order.
    best: Option<((usize, usize), usize, usize)>,
}

impl Rivals {
    fn extend(&mut self, claims: impl IntoIterator<Item = (usize, usize)>) {
        for (s, t) in claims {
            let key = (s.min(t), s.max(t));
            let order = self.pairs.len();
            let entry = self.pairs.entry(key).or_insert((0, order));
            entry.0 += 1;
            let (count, first) = *entry;
            let better = self
                .best
                .is_none_or(|(_, bc, bf)| count > bc || (count == bc && first < bf));
            if better {
                self.best = Some((key, count, first));
            }
        }
    }

    fn main(&self) -> Option<(usize, usize)> {
        self.best.map(|(pair, _, _)| pair)
    }
}

/// Ambiguous names take the reading the rest of the document supports: mentions of the
/// actor itself count most, then mentions of the actors it belongs to ("National Unity
/// Government" in a text that names Myanmar).
fn choose_alternatives(mentions: &mut [Mention], table: &ActorTable<'_>) {
    // most documents name nothing ambiguous: nothing to weigh
    if mentions.iter().all(|m| m.alternatives.is_empty()) {
        return;
    }
    // how often each actor id is named, directly or through an actor that belongs to it
    let mut direct: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut context: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    for m in mentions.iter().filter(|m| m.alternatives.is_empty()) {
        let a = table.get(m.actor);
        *direct.entry(a.id.as_str()).or_default() += 1;
        *context.entry(a.id.as_str()).or_default() += 1;
        for f in &a.affiliations {
            *context.entry(f.actor.as_str()).or_default() += 1;
        }
    }
    let score = |i: usize| {
        let a = table.get(i);
        let own = direct.get(a.id.as_str()).copied().unwrap_or(0) * 2;
        let around: usize = a
            .affiliations
            .iter()
            .map(|f| context.get(f.actor.as_str()).copied().unwrap_or(0))
            .sum();
        (own + around, std::cmp::Reverse(i))
    };
    let choices: Vec<usize> = mentions
        .iter()
        .map(|m| {
            if m.alternatives.is_empty() {
                return m.actor;
            }
            let mut best = score(m.actor);
            for &a in &m.alternatives {
                let c = score(a);
                if c > best {
                    best = c;
                }
            }
            best.1 .0
        })
        .collect();
    for (m, a) in mentions.iter_mut().zip(choices) {
        m.actor = a;
    }
}

/// `words`, parsed from a plain form of `written`, with the forms and spans of `written`:
/// `original` maps a plain span to the span it came from.
fn as_written(
    words: &[crate::syntax::Word],
    written: &str,
    original: impl Fn(usize, usize) -> (usize, usize),
) -> Vec<crate::syntax::Word> {
    words
        .iter()
        .map(|w| {
            let (a, b) = original(w.span.start, w.span.end);
            crate::syntax::Word {
                form: written
                    .get(a..b)
                    .map_or_else(|| w.form.clone(), str::to_string),
                span: a..b,
                ..w.clone()
            }
        })
        .collect()
}

/// The parse of `sentence` without the dateline that may open it
/// ([`frames::dateline_end`]), with spans into the whole sentence. The relation nouns
/// of `lex` are content words to the tagger ("ally" is never an adverb), and so are the
/// capitalised words of the known names at `names` (byte ranges of `sentence`), whose
/// last word is a proper noun ("Iran sponsors ...": "Iran" is no adjective).
fn parse_after_dateline(
    model: &crate::syntax::Model,
    lex: Option<&FrameLexicon>,
    sentence: &str,
    names: &[std::ops::Range<usize>],
) -> Vec<crate::syntax::Word> {
    use crate::syntax::Hint;
    let from = frames::dateline_end(sentence);
    let hint = |span: std::ops::Range<usize>, form: &str| {
        let (start, end) = (span.start + from, span.end + from);
        if form.chars().next().is_some_and(char::is_uppercase) {
            if let Some(name) = names.iter().find(|n| n.start <= start && end <= n.end) {
                return if end == name.end {
                    Hint::Name
                } else {
                    Hint::Content
                };
            }
        }
        let noun = lex.is_some_and(|lex| {
            let lower = form.to_lowercase();
            lex.has(Pos::Noun, &lower)
                || model
                    .lemma_candidates(&lower, "NOUN")
                    .iter()
                    .any(|l| lex.has(Pos::Noun, l))
        });
        if noun {
            Hint::Content
        } else {
            Hint::Free
        }
    };
    let mut words = model.parse_knowing(&sentence[from..], &hint);
    for w in &mut words {
        w.span = w.span.start + from..w.span.end + from;
    }
    words
}
