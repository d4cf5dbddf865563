//! Mentions: which actors are named here?
//!
//! Registry names are indexed by their first word, so one pass over the words of the
//! plain text finds every name (letters compared ignoring ASCII case); they are then
//! filtered by case rules (acronyms match exactly, capitalised names need a capital) and
//! whole-word boundaries, and resolved leftmost-longest. Demonyms count only before a
//! noun that stands for the state ("Turkish troops"); capitals only when they act
//! ("Paris calls on", not "in Paris"). Titles introduce people the registry does not
//! know ("Defence Minister Hulusi Akar"), who become new actors affiliated with the
//! state or group named before the title.

use crate::extract::lexicon::{Lexicon, PhraseIndex};
use crate::extract::table::ActorTable;
use crate::model::{Actor, ActorKind, AffiliationKind, NameRole};
use crate::text::normalize::{fold, Normalized};

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A registry name or alias.
    Name,
    /// A demonym before a state organ ("Turkish troops").
    Demonym,
    /// A capital acting for its state ("Ankara said").
    Capital,
    /// A person introduced by a title and not in the registry.
    NewPerson,
    /// A demonym with a non-state noun ("Syrian rebels"), a new group.
    NewGroup,
}

/// One actor mention in the plain text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Start byte in the plain text.
    pub start: usize,
    /// End byte in the plain text.
    pub end: usize,
    /// Index in the document's actor table.
    pub actor: usize,
    /// How the actor is named.
    pub kind: MentionKind,
    /// Other actors the name could mean (ambiguous aliases), by actor table index.
    pub alternatives: Vec<usize>,
    /// The mention only qualifies a following title or name ("RSF commander ...").
    pub modifier: bool,
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    actor: usize,
    role: NameRole,
    acronym: bool,
    /// An acronym of four letters or more and nothing else, which British style writes
    /// in title case when it is read as a word ("Nato", "Ecowas").
    word_acronym: bool,
    capital_first: bool,
}

/// What a word can begin, by the word's ASCII-lowercased bytes.
#[derive(Debug, Clone, Default)]
struct WordEntry {
    /// The name patterns whose first word this is.
    names: Vec<NameStart>,
    /// Some title's first word is this word.
    title: bool,
    /// [`crate::extract::reference::REFERRING_WORDS`] holds it.
    refers: bool,
}

/// A name pattern, with up to eight bytes of what follows its first word, in lower
/// case, to pass over most patterns that share the first word without comparing them.
#[derive(Debug, Clone, Copy)]
struct NameStart {
    pattern: usize,
    /// The bytes after the first word, little-endian, as [`next_bytes`] reads them.
    next: u64,
    /// The bits of `next` that hold bytes of the pattern.
    mask: u64,
}

/// A one in every byte of a word of eight bytes.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word of eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Up to eight bytes of `bytes` from `at`, ASCII letters in lower case, little-endian;
/// missing bytes are zero.
fn next_bytes(bytes: &[u8], at: usize) -> u64 {
    lower_u64(load_u64(bytes, at, 8))
}

/// `n` (at most 8) bytes of `bytes` from `at` as a little-endian number, zero past
/// `n` and past the end. One load where eight bytes are there, so that the number is
/// not assembled from single-byte stores.
#[inline]
fn load_u64(bytes: &[u8], at: usize, n: usize) -> u64 {
    let mask = if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    match bytes.get(at..at.saturating_add(8)) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()) & mask,
        None => {
            let rest = bytes.get(at..).unwrap_or_default();
            let mut buf = [0u8; 8];
            for (b, r) in buf.iter_mut().zip(rest) {
                *b = *r;
            }
            u64::from_le_bytes(buf) & mask
        }
    }
}

/// The eight bytes of `x` with ASCII capitals in lower case; other bytes unchanged.
#[inline]
fn lower_u64(x: u64) -> u64 {
    // per byte, the low seven bits plus a constant: the high bit is set from 'A' on,
    // and again from just past 'Z' on
    let low = x & !HIGH;
    let from_a = low + ONES * u64::from(0x80 - b'A');
    let past_z = low + ONES * u64::from(0x80 - b'Z' - 1);
    let capital = (from_a ^ past_z) & !x & HIGH;
    x | (capital >> 2)
}

/// Words by their ASCII-lowercased bytes. Words of up to 16 bytes (nearly all) are
/// keyed by a number: no word holds a zero byte, so zero padding is unambiguous.
#[derive(Debug, Clone)]
struct WordTable {
    short: foldhash::HashMap<u128, WordEntry>,
    long: foldhash::HashMap<Box<[u8]>, WordEntry>,
    /// One bit per [`filter_bit`] of the short keys: most words of a text are in no
    /// name, title or reference, and a clear bit says so without a table lookup.
    filter: Box<[u64; FILTER_WORDS]>,
}

/// Words of [`WordTable::filter`]: 65,536 bits, 8 KiB.
const FILTER_WORDS: usize = 1024;

/// The filter bit of a short key: a multiplicative hash of its two halves.
#[inline]
fn filter_bit(key: u128) -> usize {
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    let mixed = (lo ^ hi.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    // the top 16 bits
    (mixed >> 48) as usize
}

impl Default for WordTable {
    fn default() -> Self {
        WordTable {
            short: Default::default(),
            long: Default::default(),
            filter: Box::new([0; FILTER_WORDS]),
        }
    }
}

/// `word` (at most 16 bytes, starting at `at` of `bytes`) with ASCII letters in lower
/// case, as a number.
#[inline]
fn short_key(bytes: &[u8], at: usize, len: usize) -> u128 {
    let lo = lower_u64(load_u64(bytes, at, len.min(8)));
    let hi = if len > 8 {
        lower_u64(load_u64(bytes, at + 8, len - 8))
    } else {
        0
    };
    u128::from(hi) << 64 | u128::from(lo)
}

impl WordTable {
    fn entry(&mut self, word: &[u8]) -> &mut WordEntry {
        if word.len() <= 16 {
            let key = short_key(word, 0, word.len());
            let bit = filter_bit(key);
            self.filter[bit / 64] |= 1 << (bit % 64);
            self.short.entry(key).or_default()
        } else {
            let key: Box<[u8]> = word.iter().map(u8::to_ascii_lowercase).collect();
            self.long.entry(key).or_default()
        }
    }

    /// The entry of the word `bytes[start..end]`, compared ignoring ASCII case.
    #[inline]
    fn get(&self, bytes: &[u8], start: usize, end: usize) -> Option<&WordEntry> {
        let word = &bytes[start..end];
        if word.len() <= 16 {
            let key = short_key(bytes, start, word.len());
            let bit = filter_bit(key);
            if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
                return None;
            }
            self.short.get(&key)
        } else if self.long.is_empty() {
            None
        } else {
            let key: Vec<u8> = word.iter().map(u8::to_ascii_lowercase).collect();
            self.long.get(key.as_slice())
        }
    }
}

/// What [`Matcher::scan`] finds in one pass over the words of a text.
#[derive(Debug, Default)]
struct Scan {
    /// (start, end, pattern) of every name found on word boundaries, by start.
    names: Vec<(usize, usize, usize)>,
    /// Word starts where a title may begin, in order, for `titled_people`.
    titles: Vec<usize>,
    /// Starts of the words that may refer to an actor, in order.
    referring: Vec<usize>,
    /// (start, end) of every run of letters and digits, in order.
    runs: Vec<(usize, usize)>,
}

/// All registry names indexed by their first word.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Every first word of a name or a title, and every referring word.
    words: WordTable,
    /// Name patterns that start with a character that is not a letter or a digit, by
    /// that character (rare: looked for only when there are some).
    odd: foldhash::HashMap<char, Vec<usize>>,
    /// What each name pattern stands for.
    patterns: Vec<Pattern>,
    /// The name patterns.
    texts: Vec<String>,
    /// folded title -> word count, for quick lookup
    titles: PhraseIndex,
    state_organs: PhraseIndex,
    non_state: PhraseIndex,
}

fn plain(s: &str) -> String {
    Normalized::new(s).text
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.to_lowercase()).collect()
}

/// Location prepositions: a capital after one of these is a place, not an actor.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "from",
    "near",
    "into",
    "toward",
    "towards",
    "outside",
    "around",
    "across",
    "within",
    "via",
    "through",
    "of",
    "between",
    "inside",
    "on",
    "over",
    "reach",
    "entered",
    "enter",
    "captured",
    "capturing",
    "seized",
    "seize",
    "took",
    "take",
    "taking",
    "retake",
    "recaptured",
    "recapture",
    "left",
    "visited",
    "visit",
    "fled",
    "flee",
    "engulfed",
    "besieged",
    "around",
];

/// Nouns after a capital that keep it a place: "Damascus province", "Doha talks".
const PLACE_NOUNS: &[&str] = &[
    "province",
    "district",
    "airport",
    "city",
    "port",
    "suburbs",
    "residents",
    "streets",
    "peace",
    "process",
    "talks",
    "agreement",
    "accord",
    "accords",
    "format",
    "declaration",
    "summit",
    "conference",
    "meeting",
    "negotiations",
    "deal",
    "ceasefire",
    "truce",
    "region",
];

const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "abu", "abd", "ould", "ag", "la",
    "le", "di", "du", "ben", "bint", "wa",
];

impl Matcher {
    /// Compiles the names of `actors` and the word lists of `lexicon`.
    pub fn new(actors: &[Actor], lexicon: &Lexicon) -> Self {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            for (name, role) in a.names() {
                if role == NameRole::Code {
                    continue;
                }
                let p = plain(name.trim());
                if p.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    continue;
                }
                let first_upper = p.chars().next().is_some_and(char::is_uppercase);
                texts.push(p.clone());
                patterns.push(Pattern {
                    actor: i,
                    role,
                    acronym: is_acronym(&p),
                    word_acronym: p.len() >= 4 && p.bytes().all(|b| b.is_ascii_uppercase()),
                    capital_first: first_upper,
                });
            }
        }
        let mut titles: Vec<Vec<String>> = lexicon.titles.iter().map(|t| words(t)).collect();
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut state_organs: Vec<Vec<String>> =
            lexicon.state_organs.iter().map(|t| words(t)).collect();
        state_organs.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut non_state: Vec<Vec<String>> =
            lexicon.non_state_agents.iter().map(|t| words(t)).collect();
        non_state.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut words = WordTable::default();
        let mut odd: foldhash::HashMap<char, Vec<usize>> = Default::default();
        for (k, p) in texts.iter().enumerate() {
            match first_run(p) {
                Some(run) => {
                    let tail = &p.as_bytes()[run.len()..];
                    let mask = match tail.len() {
                        n if n >= 8 => u64::MAX,
                        n => (1u64 << (8 * n)) - 1,
                    };
                    words.entry(run.as_bytes()).names.push(NameStart {
                        pattern: k,
                        next: next_bytes(tail, 0),
                        mask,
                    });
                }
                None => {
                    if let Some(c) = p.chars().next() {
                        odd.entry(c).or_default().push(k);
                    }
                }
            }
        }
        // A title can start only where its first word does; a first word that does not
        // start with a letter or digit never fits a word of the text.
        for t in &titles {
            if let Some(run) = t.first().and_then(|w| first_run(w)) {
                words.entry(run.as_bytes()).title = true;
            }
        }
        for w in crate::extract::reference::REFERRING_WORDS {
            words.entry(w.as_bytes()).refers = true;
        }
        Matcher {
            words,
            odd,
            patterns,
            texts,
            titles: PhraseIndex::new(titles),
            state_organs: PhraseIndex::new(state_organs),
            non_state: PhraseIndex::new(non_state),
        }
    }

    /// Finds the mentions in a document's plain text, creating new actors in `table`.
    pub fn find(&self, text: &str, table: &mut ActorTable<'_>) -> Vec<Mention> {
        self.find_with_references(text, table).0
    }

    /// [`Matcher::find`], and the start of every word of `text` that may refer to an
    /// actor (a pronoun or description [`crate::extract::reference::classify`] can read), in
    /// order; both come from one pass over the words.
    pub(crate) fn find_with_references(
        &self,
        text: &str,
        table: &mut ActorTable<'_>,
    ) -> (Vec<Mention>, Vec<usize>) {
        let Scan {
            names: mut candidates,
            titles: title_starts,
            referring,
            runs,
        } = self.scan(text);
        // leftmost-longest; among equal spans prefer a name over an alias over a capital
        candidates.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then(self.patterns[a.2].role.cmp(&self.patterns[b.2].role))
                .then(self.patterns[a.2].actor.cmp(&self.patterns[b.2].actor))
        });
        let mut mentions: Vec<Mention> = Vec::new();
        let mut last_end = 0;
        let mut i = 0;
        while i < candidates.len() {
            let (s, e, p) = candidates[i];
            let mut j = i + 1;
            let mut alternatives = Vec::new();
            while j < candidates.len() && candidates[j].0 == s && candidates[j].1 == e {
                let a = self.patterns[candidates[j].2].actor;
                if a != self.patterns[p].actor && !alternatives.contains(&a) {
                    alternatives.push(a);
                }
                j += 1;
            }
            if s >= last_end {
                let pat = self.patterns[p];
                let kind = match pat.role {
                    NameRole::Demonym => MentionKind::Demonym,
                    NameRole::Capital => MentionKind::Capital,
                    _ => MentionKind::Name,
                };
                mentions.push(Mention {
                    start: s,
                    end: e,
                    actor: pat.actor,
                    kind,
                    alternatives,
                    modifier: false,
                });
                last_end = e;
            }
            i = j;
        }
        let mut mentions = self.filter(text, mentions, table);
        self.titled_people(text, &title_starts, &runs, &mut mentions, table);
        mentions.sort_by_key(|m| m.start);
        (mentions, referring)
    }

    /// Every demonym and capital of a registry actor on word boundaries of `text`, as
    /// (start, end, actor, is a capital), in order of start, whatever is around it: the
    /// frame engine decides on the parse what they stand for.
    pub(crate) fn metonyms(&self, text: &str) -> Vec<(usize, usize, usize, bool)> {
        let mut found: Vec<_> = self
            .scan(text)
            .names
            .into_iter()
            .filter(|&(_, _, p)| {
                matches!(self.patterns[p].role, NameRole::Demonym | NameRole::Capital)
            })
            .map(|(s, e, p)| {
                (
                    s,
                    e,
                    self.patterns[p].actor,
                    self.patterns[p].role == NameRole::Capital,
                )
            })
            .collect();
        found.sort_unstable();
        found
    }

    /// One pass over the words of `text`. A name is found where its first word is a
    /// word of the text and the rest of it follows, letters compared ignoring ASCII
    /// case, and where no letter or digit runs on before or after it; acronyms must
    /// also match in case, and capitalised names start with a capital.
    fn scan(&self, text: &str) -> Scan {
        let bytes = text.as_bytes();
        // room for news: a word every five bytes, a name every 32
        let mut scan = Scan {
            runs: Vec::with_capacity(text.len() / 5),
            names: Vec::with_capacity(text.len() / 32),
            ..Scan::default()
        };
        let mut last_end = None;
        let mut after_nt = false;
        for (start, i, ascii) in Runs::new(text) {
            // no word starts right after a word and apostrophes ("Haftar's")
            let word_start =
                !last_end.is_some_and(|e: usize| bytes[e..start].iter().all(|&b| b == b'\''));
            last_end = Some(i);
            scan.runs.push((start, i));
            let entry = self.words.get(bytes, start, i);
            // Titles are compared in lower case: a word with other letters may lowercase
            // into a title word, and `titled_people` looks at it closely.
            if word_start && (entry.is_some_and(|e| e.title) || !ascii || self.titles.has_empty()) {
                scan.titles.push(start);
            }
            // "didn'tThey": the tokens split "n't" off a word and read the rest of the run
            // after it as a word of its own, which may refer. No word starts after
            // apostrophes, so this is rare; its position is sorted in at the end.
            if !word_start && self.refers_after_nt(bytes, start, i, ascii) {
                scan.referring.push(start + 1);
                after_nt = true;
            }
            let Some(entry) = entry else {
                continue;
            };
            if entry.refers && ascii {
                scan.referring.push(start);
            }
            if !entry.names.is_empty() {
                let next = next_bytes(bytes, i);
                for n in &entry.names {
                    if next & n.mask == n.next {
                        self.name_at(text, start, n.pattern, &mut scan.names);
                    }
                }
            }
        }
        if !self.odd.is_empty() {
            for (i, c) in text.char_indices() {
                if !c.is_alphanumeric() {
                    self.odd_names_at(text, i, &mut scan.names);
                }
            }
        }
        if after_nt {
            scan.referring.sort_unstable();
        }
        scan
    }

    /// Does the run `bytes[start..end]`, which follows "n'", start with a "t" and go on
    /// with a word that may refer? The tokens read "n't" and then that word.
    #[cold]
    fn refers_after_nt(&self, bytes: &[u8], start: usize, end: usize, ascii: bool) -> bool {
        start >= 2
            && bytes[start - 1] == b'\''
            && matches!(bytes[start - 2], b'n' | b'N')
            && matches!(bytes[start], b't' | b'T')
            && ascii
            && end > start + 1
            && self
                .words
                .get(bytes, start + 1, end)
                .is_some_and(|e| e.refers)
    }

    /// Pattern `p` at `s` where no letter or digit comes before it: kept as a candidate
    /// when it is there and on the rules of [`Matcher::scan`].
    fn name_at(&self, text: &str, s: usize, p: usize, out: &mut Vec<(usize, usize, usize)>) {
        let pattern = &self.texts[p];
        let e = s + pattern.len();
        let Some(found) = text.as_bytes().get(s..e) else {
            return;
        };
        if !found.eq_ignore_ascii_case(pattern.as_bytes()) {
            return;
        }
        // an ASCII-case-insensitive match of whole characters: `e` is a character boundary
        let found = &text[s..e];
        let runs_on = match text.as_bytes().get(e) {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => text[e..].chars().next().is_some_and(char::is_alphanumeric),
        };
        if runs_on {
            return;
        }
        let pat = self.patterns[p];
        if pat.acronym {
            // acronyms match in their own case only: "US" but not "us"; one read as a
            // word also in title case ("Nato")
            let title_case = pat.word_acronym
                && found.as_bytes()[0] == pattern.as_bytes()[0]
                && found.bytes().skip(1).all(|b| b.is_ascii_lowercase());
            if found != pattern && !title_case {
                return;
            }
        } else if pat.capital_first {
            let capital = match found.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => found.chars().next().is_some_and(char::is_uppercase),
            };
            if !capital {
                return;
            }
        }
        out.push((s, e, p));
    }

    /// The names that start with the character at `i`, a character that is not a letter
    /// or digit, where none comes before it.
    fn odd_names_at(&self, text: &str, i: usize, out: &mut Vec<(usize, usize, usize)>) {
        let Some(c) = text[i..].chars().next() else {
            return;
        };
        let Some(list) = self.odd.get(&c) else {
            return;
        };
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            return;
        }
        for &p in list {
            self.name_at(text, i, p, out);
        }
    }

    /// Does a word sequence from `list` start at byte `at`? Returns its end (the first
    /// phrase of the list that fits: the longest).
    fn phrase_at(list: &PhraseIndex, text: &str, at: usize) -> Option<usize> {
        // most words start no phrase: look at the first word before collecting four
        let (candidates, first) = starting_at(list, text, at)?;
        // the first four words `words_from` reads, as (start, end without its dots,
        // end), read as far as a phrase needs them
        let bounds = |(s, e): (usize, usize)| (s, s + text[s..e].trim_end_matches('.').len(), e);
        let mut words = [(0, 0, 0); 4];
        let mut n = 0;
        let mut i = at;
        if let Some(word) = first {
            words[0] = bounds(word);
            n = 1;
            i = word.1;
        }
        let mut more = true;
        for phrase in candidates.iter().map(|&k| list.phrase(k)) {
            let Some(last) = phrase.len().checked_sub(1) else {
                continue;
            };
            while more && n < phrase.len().min(words.len()) {
                match first_word(text, i) {
                    Some(word) => {
                        words[n] = bounds(word);
                        n += 1;
                        i = word.1;
                    }
                    None => more = false,
                }
            }
            // a phrase found by its first word (`first` read) starts with that word
            if phrase.len() <= n
                && phrase
                    .iter()
                    .zip(&words)
                    .skip(usize::from(first.is_some()))
                    .all(|(p, &(s, e, _))| lower_equals(&text[s..e], p))
            {
                return Some(words[last].2);
            }
        }
        None
    }

    /// Keeps demonyms and capitals only where they stand for an actor.
    fn filter(
        &self,
        text: &str,
        mentions: Vec<Mention>,
        table: &mut ActorTable<'_>,
    ) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
        let n = mentions.len();
        for k in 0..n {
            let mut m = mentions[k].clone();
            let after = &text[m.end..];
            // "Tripoli-based", "British-owned", "Iranian-made": a place or origin
            if let Some(rest) = after.strip_prefix('-') {
                let w: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                if matches!(
                    w.to_lowercase().as_str(),
                    "based"
                        | "owned"
                        | "made"
                        | "born"
                        | "flagged"
                        | "registered"
                        | "built"
                        | "educated"
                        | "linked"
                        | "affiliated"
                        | "led"
                        | "brokered"
                        | "mediated"
                        | "hosted"
                        | "run"
                        | "controlled"
                        | "held"
                        | "sponsored"
                ) && !matches!(
                    w.to_lowercase().as_str(),
                    "led" | "sponsored" | "linked" | "affiliated" | "controlled" | "held"
                ) {
                    continue;
                }
            }
            let next_start = mentions.get(k + 1).map_or(text.len(), |x| x.start);
            match m.kind {
                MentionKind::Demonym => {
                    // skip adjectives between the demonym and its noun: "Turkish military intervention"
                    if words_from(text, m.end).next().is_none() {
                        continue;
                    }
                    let gap = &text[m.end..next_start];
                    // "Egyptian and Qatari mediators": coordinated demonyms share the noun
                    if let Some(next) = mentions.get(k + 1) {
                        let joined = matches!(gap.trim(), "and" | "or" | ",");
                        if joined
                            && next.kind == MentionKind::Demonym
                            && Self::phrase_at(&self.state_organs, text, next.end).is_some()
                        {
                            out.push(m);
                            continue;
                        }
                    }
                    // a demonym qualifying a named group or person: "Russian Wagner Group fighters"
                    const QUALIFIED: &[&str] = &[
                        "group",
                        "militia",
                        "movement",
                        "organisation",
                        "organization",
                        "party",
                        "company",
                        "firm",
                        "private",
                        "military",
                        "paramilitary",
                        "armed",
                        "rebel",
                        "islamist",
                        "jihadist",
                        "terrorist",
                        "separatist",
                        "mercenary",
                        "militant",
                        "shiite",
                        "shia",
                        "sunni",
                    ];
                    if next_start < text.len()
                        && gap.split_whitespace().count() <= 2
                        && gap.chars().all(|c| c.is_alphabetic() || c == ' ')
                        && gap
                            .split_whitespace()
                            .all(|w| QUALIFIED.contains(&w.to_lowercase().as_str()))
                    {
                        continue;
                    }
                    if let Some(end) = Self::phrase_at(&self.state_organs, text, m.end) {
                        m.end = end;
                        out.push(m);
                        continue;
                    }
                    if let Some(end) = Self::phrase_at(&self.non_state, text, m.end) {
                        let name = text[m.start..end].to_string();
                        let mut actor =
                            Actor::new(slug(&name), capitalise(&name), ActorKind::ArmedGroup);
                        let state = table.get(m.actor).id.clone();
                        actor.affiliations.push(crate::model::Affiliation {
                            actor: state,
                            role: "based in".into(),
                            kind: AffiliationKind::Other,
                            from: None,
                            until: None,
                        });
                        m.actor = table.add(actor);
                        m.kind = MentionKind::NewGroup;
                        m.end = end;
                        out.push(m);
                        continue;
                    }
                    // a title follows: the demonym qualifies a person
                    if Self::phrase_at(&self.titles, text, m.end).is_some() {
                        m.modifier = true;
                        out.push(m);
                    }
                }
                MentionKind::Capital => {
                    let prev = prev_word(text, m.start).to_lowercase();
                    // "an ally of Moscow", "a partner of Washington": the state
                    let of_relation = prev == "of" && {
                        let before = text[..m.start].trim_end();
                        let before = &before[..before.len().saturating_sub(2)];
                        matches!(
                            prev_word(text, before.len()).to_lowercase().as_str(),
                            "ally"
                                | "allies"
                                | "partner"
                                | "partners"
                                | "backer"
                                | "backers"
                                | "enemy"
                                | "enemies"
                                | "rival"
                                | "rivals"
                                | "supporter"
                                | "supporters"
                                | "sponsor"
                                | "patron"
                                | "foe"
                                | "foes"
                                | "critic"
                                | "critics"
                                | "opponent"
                                | "opponents"
                                | "proxy"
                                | "proxies"
                                | "client"
                        )
                    };
                    if PLACE_PREPOSITIONS.contains(&prev.as_str()) && !of_relation {
                        continue;
                    }
                    // a dateline: "BAGHDAD, Jan 5 -", "KINSHASA (Reuters) -"
                    let name = &text[m.start..m.end];
                    let line_start = text[..m.start].trim_end_matches([' ', '\t']).is_empty()
                        || text[..m.start]
                            .trim_end_matches([' ', '\t'])
                            .ends_with('\n');
                    if line_start
                        && name.chars().any(char::is_alphabetic)
                        && !name.chars().any(char::is_lowercase)
                        && text[m.end..].trim_start().starts_with([',', '('])
                    {
                        continue;
                    }
                    // "Tripoli's mayor" and "Damascus province" stay places only when a
                    // place noun follows
                    if words_from(text, m.end)
                        .next()
                        .is_some_and(|(s, trimmed, _)| lower_in(&text[s..trimmed], PLACE_NOUNS))
                    {
                        continue;
                    }
                    out.push(m);
                }
                _ => out.push(m),
            }
        }
        out
    }

    /// Finds people introduced by a title: "Defence Minister Hulusi Akar",
    /// "RSF commander Mohamed Hamdan Dagalo". Known people are kept as they are; unknown
    /// ones become new actors, affiliated with the actor named just before the title.
    ///
    /// `word_starts` holds, in order, word starts (a letter or digit with none before
    /// it, apostrophes aside) that include every one where a title begins; `runs` are
    /// the runs of letters and digits of the text.
    fn titled_people(
        &self,
        text: &str,
        word_starts: &[usize],
        runs: &[(usize, usize)],
        mentions: &mut Vec<Mention>,
        table: &mut ActorTable<'_>,
    ) {
        let mut pos = 0;
        let mut added: Vec<Mention> = Vec::new();
        // The mentions are sorted by start (leftmost-longest, then filtered in order) and
        // keep their spans below, so one index answers the overlap questions in log time.
        debug_assert!(mentions.windows(2).all(|w| w[0].start <= w[1].start));
        let index = IntervalIndex::sorted(mentions.iter().map(|m| (m.start, m.end)));
        let mut wi = 0;
        while wi < word_starts.len() {
            let at = word_starts[wi];
            wi += 1;
            if at < pos {
                continue;
            }
            // inside an existing mention: skip
            if index.overlaps(at, at + 1) {
                continue;
            }
            let Some(mut end) = Self::phrase_at(&self.titles, text, at) else {
                continue;
            };
            // chained titles: "Government spokesman Colonel ..."
            while let Some(e2) = Self::phrase_at(&self.titles, text, skip_spaces(text, end)) {
                if e2 <= end {
                    break;
                }
                end = e2;
            }
            let name_start = skip_spaces(text, end);
            if name_start == end {
                continue;
            }
            // a known actor right after the title: attach nothing, it is already a mention
            if mentions
                .binary_search_by_key(&name_start, |m| m.start)
                .is_ok()
            {
                pos = name_start;
                continue;
            }
            let name_end = capitalised_name_end(text, name_start);
            if name_end <= name_start {
                continue;
            }
            let name = text[name_start..name_end]
                .trim_end_matches(['.', ','])
                .to_string();
            if name.split_whitespace().count() < 2 && !name.contains('-') {
                // a single capitalised word after a title is too often not a name
                // ("President Said", "Minister Of"): require two words
                continue;
            }
            // the actor named just before the title, if adjacent: a mention ending in the
            // white space before `at` (the last such in mention order)
            let adjacent = index.ending_in(text[..at].trim_end().len(), at);
            let owner = adjacent.first().map(|&k| mentions[k].actor);
            let title = text[at..end].to_lowercase();
            let mut actor = Actor::new(slug(&name), name.clone(), ActorKind::Person);
            if let Some(o) = owner {
                actor.affiliations.push(crate::model::Affiliation {
                    actor: table.get(o).id.clone(),
                    kind: title_kind(&title),
                    role: title.clone(),
                    from: None,
                    until: None,
                });
            }
            let idx = table.add(actor);
            for k in adjacent {
                mentions[k].modifier = true;
            }
            added.push(Mention {
                start: name_start,
                end: name_start + name.len(),
                actor: idx,
                kind: MentionKind::NewPerson,
                alternatives: Vec::new(),
                modifier: false,
            });
            pos = name_start + name.len();
        }
        // later bare mentions of a new person's surname ("Akar warned") refer to them
        let mut extra: Vec<Mention> = Vec::new();
        let taken_before = IntervalIndex::sorted(
            mentions
                .iter()
                .chain(added.iter())
                .map(|m| (m.start, m.end)),
        );
        // the extra mentions are disjoint from everything taken: start -> end
        let mut taken_extra: std::collections::BTreeMap<usize, usize> = Default::default();
        let surname_of = |m: &Mention| {
            text[m.start..m.end]
                .split_whitespace()
                .last()
                .filter(|s| s.len() >= 3)
        };
        // Where each surname stands alone, found for all of them in one pass over the
        // words: a surname that starts with a letter or digit starts a word there.
        // A surname of several runs that can overlap a copy of itself ("al-Bal-Bal") is
        // searched for one by one below; a single run stands alone only as a whole run of
        // the text, wherever a search starts, so the pass finds it too.
        let mut by_first: foldhash::HashMap<&str, Vec<&str>> = Default::default();
        for surname in added.iter().filter_map(surname_of) {
            let run = first_run(surname).filter(|&r| r == surname || !self_overlapping(surname));
            if let Some(run) = run {
                let list = by_first.entry(run).or_default();
                if !list.contains(&surname) {
                    list.push(surname);
                }
            }
        }
        // surnames count only after their person: runs before the first of them are
        // passed over
        let first_end = added.iter().map(|m| m.end).min().unwrap_or(text.len());
        let from = runs.partition_point(|&(s, _)| s < first_end);
        let standing_alone = standalone_words(text, &runs[from..], &by_first);
        let mut scanned: foldhash::HashSet<&str> = Default::default();
        for m in &added {
            let Some(surname) = surname_of(m) else {
                continue;
            };
            // An earlier person with this surname already looked at every later
            // occurrence (they cannot overlap one another), and what it found taken stays
            // taken: scanning again would add nothing.
            if !scanned.insert(surname) && !self_overlapping(surname) {
                continue;
            }
            let mut take = |s: usize| {
                let e = s + surname.len();
                let taken = taken_before.overlaps(s, e)
                    || taken_extra
                        .range(..e)
                        .next_back()
                        .is_some_and(|(_, &end)| s < end);
                if !taken {
                    taken_extra.insert(s, e);
                    extra.push(Mention {
                        start: s,
                        end: e,
                        actor: m.actor,
                        kind: MentionKind::NewPerson,
                        alternatives: Vec::new(),
                        modifier: false,
                    });
                }
            };
            if let Some(starts) = standing_alone.get(surname) {
                let first = starts.partition_point(|&s| s < m.end);
                starts[first..].iter().for_each(|&s| take(s));
                continue;
            }
            let mut from = m.end;
            while let Some(off) = text[from..].find(surname) {
                let s = from + off;
                let e = s + surname.len();
                from = e;
                let boundary_ok = !text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[e..].chars().next().is_some_and(char::is_alphanumeric);
                if boundary_ok {
                    take(s);
                }
            }
        }
        mentions.extend(added);
        mentions.extend(extra);
        // registry people named by surname alone are found by their aliases already
        // a modifier demonym not followed by a person is dropped
        mentions.retain(|m| {
            !(m.kind == MentionKind::Demonym
                && m.modifier
                && !text[m.end..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase))
        });
    }
}

/// The runs of letters and digits of a text: (start, end, all ASCII), in order.
struct Runs<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Runs<'t> {
    fn new(text: &'t str) -> Self {
        Runs { text, at: 0 }
    }

    /// Is the character at `i` (not ASCII) a letter or digit, and how long is it?
    #[cold]
    fn wide_char_at(&self, i: usize) -> (bool, usize) {
        self.text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
    }
}

/// A high bit in each byte of `x` that is an ASCII letter or digit, and nowhere else.
#[inline]
fn alnum_bytes(x: u64) -> u64 {
    // per byte, the low seven bits plus a constant: the high bit is set from `lo` on
    // (no carry reaches the next byte)
    let from = |low: u64, lo: u8| low + ONES * u64::from(0x80 - lo);
    let low = x & !HIGH;
    let digit = from(low, b'0') & !from(low, b'9' + 1);
    // ASCII letters are the bytes that are lower-case letters once bit 5 is set
    let folded = low | (ONES * 0x20);
    let letter = from(folded, b'a') & !from(folded, b'z' + 1);
    (digit | letter) & !x & HIGH
}

/// The end of the ASCII letters and digits of `bytes` from `at` on, read eight bytes at
/// a time.
#[inline]
pub(crate) fn ascii_alnum_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(x) = eight_at(bytes, at) {
        let stop = !alnum_bytes(x) & HIGH;
        if stop != 0 {
            return at + (stop.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at += 1;
    }
    at
}

/// Eight bytes of `bytes` from `at`, if there are eight.
#[inline]
fn eight_at(bytes: &[u8], at: usize) -> Option<u64> {
    bytes
        .get(at..at + 8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
}

impl Iterator for Runs<'_> {
    type Item = (usize, usize, bool);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // the next letter or digit
        loop {
            // eight bytes at a time over ASCII that is not a letter or digit
            while let Some(x) = eight_at(bytes, i) {
                let stop = alnum_bytes(x) | (x & HIGH);
                if stop != 0 {
                    i += (stop.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match bytes.get(i) {
                None => {
                    self.at = i;
                    return None;
                }
                Some(b) if b.is_ascii_alphanumeric() => break,
                Some(b) if b.is_ascii() => i += 1,
                Some(_) => match self.wide_char_at(i) {
                    (true, _) => break,
                    (false, n) => i += n,
                },
            }
        }
        let start = i;
        let mut ascii = true;
        loop {
            i = ascii_alnum_end(bytes, i);
            match bytes.get(i) {
                Some(b) if !b.is_ascii() => match self.wide_char_at(i) {
                    (true, n) => {
                        ascii = false;
                        i += n;
                    }
                    (false, _) => break,
                },
                _ => break,
            }
        }
        self.at = i;
        Some((start, i, ascii))
    }
}

/// Where each word of `wanted` (listed by their first letters and digits) stands alone
/// in `text`, with no letter or digit on either side: word -> starts, in order (empty
/// for a word that never does). `runs` are the runs of letters and digits of `text`, as
/// [`Runs`] reads them.
fn standalone_words<'w>(
    text: &str,
    runs: &[(usize, usize)],
    wanted: &foldhash::HashMap<&str, Vec<&'w str>>,
) -> foldhash::HashMap<&'w str, Vec<usize>> {
    let mut found: foldhash::HashMap<&'w str, Vec<usize>> = wanted
        .values()
        .flatten()
        .map(|&w| (w, Vec::new()))
        .collect();
    if wanted.is_empty() {
        return found;
    }
    // (first byte, length) of the wanted runs, to pass over most words without hashing;
    // built for each document and asked of every word, so lighter than `lexicon::Shapes`
    let mut shapes = [0u64; 256];
    for run in wanted.keys() {
        shapes[usize::from(run.as_bytes()[0])] |= 1 << run.len().min(63);
    }
    for &(s, i) in runs {
        if shapes[usize::from(text.as_bytes()[s])] & (1 << (i - s).min(63)) == 0 {
            continue;
        }
        for &w in wanted.get(&text[s..i]).map_or(&[][..], Vec::as_slice) {
            let e = s + w.len();
            if text[s..].starts_with(w)
                && !text[e..].chars().next().is_some_and(char::is_alphanumeric)
            {
                found.entry(w).or_default().push(s);
            }
        }
    }
    found
}

/// Phrase indices, and the bounds of the word they were found by (when one was read).
type Candidates<'l> = (&'l [usize], Option<(usize, usize)>);

/// The indices, in order, of the phrases of `list` that may start at `at`: those whose
/// first word is the first word of [`words_from`] there (all of them if one is empty);
/// `None` when there are none. Allocates nothing for short ASCII words.
///
/// Also returns the bounds of that first word when it was read.
fn starting_at<'l>(list: &'l PhraseIndex, text: &str, at: usize) -> Option<Candidates<'l>> {
    if list.has_empty() {
        return Some((list.starting_with(None), None));
    }
    let (s, e) = first_word(text, at)?;
    let word = text[s..e].trim_end_matches('.');
    let mut buf = [0u8; 32];
    let found = if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        list.starting_with(std::str::from_utf8(lower).ok())
    } else {
        list.starting_with(Some(&word.to_lowercase()))
    };
    (!found.is_empty()).then_some((found, Some((s, e))))
}

/// Does `word` lowercase to `lower`? Without allocating for ASCII words.
fn lower_equals(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len()
            && word
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.to_lowercase() == lower
    }
}

/// Bounds of the first word [`words_from`] reads at `at` (before its trailing `.` is
/// trimmed), without allocating.
fn first_word(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() && bytes[i] == b' ' {
        i += 1;
    }
    let s = i;
    let i = word_end(text, s);
    (i > s).then_some((s, i))
}

/// Byte spans sorted by start, answering overlap questions in logarithmic time whatever
/// the spans' own overlaps.
struct IntervalIndex {
    /// (start, end, the largest end among this span and those before it), by start.
    spans: Vec<(usize, usize, usize)>,
}

impl IntervalIndex {
    /// An index of spans, sorted here by start (stably, so positions follow input order
    /// when the input is already sorted).
    fn sorted(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize, usize)> = spans.map(|(s, e)| (s, e, e)).collect();
        spans.sort_by_key(|&(s, _, _)| s);
        let mut top = 0;
        for span in &mut spans {
            top = top.max(span.1);
            span.2 = top;
        }
        IntervalIndex { spans }
    }

    /// Is there a span with `start < e` and `end > s`?
    fn overlaps(&self, s: usize, e: usize) -> bool {
        let k = self.spans.partition_point(|&(x, _, _)| x < e);
        k > 0 && self.spans[k - 1].2 > s
    }

    /// Positions of the spans that start before `at` and end in `from..=at`, last first.
    fn ending_in(&self, from: usize, at: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut k = self.spans.partition_point(|&(x, _, _)| x < at);
        while k > 0 && self.spans[k - 1].2 >= from {
            k -= 1;
            let end = self.spans[k].1;
            if from <= end && end <= at {
                out.push(k);
            }
        }
        out
    }
}

/// Can a word overlap a copy of itself ("anna" in "annanna")? Then a scan for it depends
/// on where it starts.
fn self_overlapping(word: &str) -> bool {
    let b = word.as_bytes();
    (1..b.len()).any(|l| b[..l] == b[b.len() - l..])
}

/// The letters and digits that start `s`, if it starts with one.
fn first_run(s: &str) -> Option<&str> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    (end > 0).then(|| &s[..end])
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

/// End of the word starting at `s`: letters and digits, inner hyphens, and the dots of a
/// short abbreviation ("U.S.").
fn word_end(text: &str, s: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = s;
    loop {
        i = ascii_alnum_end(bytes, i);
        if i >= text.len() {
            break;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_alphanumeric()
            || (c == '-' && i > s)
            || (c == '.'
                && i > s
                && text[s..i].len() <= 3
                && text[s..i].chars().all(char::is_alphabetic))
        {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// The words from `at`, separated by spaces, as [`word_end`] reads them: (start, end
/// without trailing dots, end).
fn words_from(text: &str, at: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = at;
    std::iter::from_fn(move || {
        if i >= bytes.len() {
            return None;
        }
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let s = i;
        i = word_end(text, s);
        if i == s {
            // no word here: nothing more, now or on the next call
            i = bytes.len();
            return None;
        }
        Some((s, s + text[s..i].trim_end_matches('.').len(), i))
    })
}

/// Is `word` in lower case one of `list` (lower-case words)? Without allocating for
/// ASCII words.
fn lower_in(word: &str, list: &[&str]) -> bool {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        // lowered once, then compared whole
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return list.iter().any(|w| w.as_bytes() == lower);
    }
    list.iter().any(|w| lower_equals(word, w))
}

fn prev_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(p, c)| p + c.len_utf8());
    &before[start..]
}

/// End of a capitalised name starting at `at`: up to four capitalised words, with name
/// particles (al-, bin, de) allowed inside.
fn capitalised_name_end(text: &str, at: usize) -> usize {
    let mut end = at;
    let mut count = 0;
    for (s, trimmed, e) in words_from(text, at).take(6) {
        let w = &text[s..trimmed];
        let first_upper = w.chars().next().is_some_and(char::is_uppercase);
        // "al", or "al-" before the rest of a name (asked only of a word without a capital)
        let particle = || {
            let lower = w.to_lowercase();
            NAME_PARTICLES.contains(&lower.as_str())
                || NAME_PARTICLES.iter().any(|p| {
                    lower
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with('-'))
                })
        };
        if count == 0 && !first_upper {
            return at;
        }
        if !(first_upper || particle()) {
            break;
        }
        if first_upper && stops_a_name(w) {
            break;
        }
        // the name must be contiguous: no punctuation between the words
        if count > 0
            && !text[end..e]
                .trim_start()
                .starts_with(|c: char| c.is_alphanumeric())
        {
            break;
        }
        if !text[end..s].trim().is_empty() {
            break;
        }
        end = e;
        count += 1;
        if count == 4 {
            break;
        }
    }
    end
}

/// Capitalised words that end a name, in lower case: months, weekdays ("Haftar Monday")
/// and function words at the start of a sentence ("The").
const NAME_STOPS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "and",
    "of",
    "in",
    "on",
    "said",
    "says",
    "told",
    "who",
    "which",
];

/// The length of the longest of [`NAME_STOPS`].
const NAME_STOP_MAX: usize = 9;

/// Is `word` in lower case one of [`NAME_STOPS`]? An ASCII word longer than every stop
/// is none, without lowering it.
fn stops_a_name(word: &str) -> bool {
    !(word.is_ascii() && word.len() > NAME_STOP_MAX) && lower_in(word, NAME_STOPS)
}

/// An id for a new actor: lowercase ASCII words joined by `-`.
pub fn slug(name: &str) -> String {
    // An ASCII name needs no folding first: folding trims it, joins its white space and
    // lowers it, and every byte that is not a letter or digit is one separator anyway.
    let folded;
    let plain = if name.is_ascii() {
        name
    } else {
        folded = fold(name);
        &folded
    };
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let kept = out.trim_end_matches('-').len();
    out.truncate(kept);
    out
}

/// What a title read before a new person's name makes the person to the actor named just
/// before it ("RSF commander Abu Lulu", "Malian President Assimi Goïta"), as the curated
/// data would have it (`data/README.md`): a deputy or former holder is `other`, a
/// spokesman or envoy `represents`, a commander `commands`, a prime minister
/// `heads_government`, a president, leader, chief, chair or monarch `leads`, any other
/// title (minister, general, governor) `other`. `title` is the title as read, chained ones
/// together ("government spokesman colonel"), in lower case.
fn title_kind(title: &str) -> AffiliationKind {
    const NOT_HEAD: &[&str] = &["deputy", "vice", "senior", "former", "acting", "son of"];
    const REPRESENTS: &[&str] = &[
        "spokes",
        "envoy",
        "ambassador",
        "representative",
        "negotiator",
        "mediator",
        "foreign minister",
        "foreign affairs minister",
        "foreign secretary",
        "secretary of state",
    ];
    const COMMANDS: &[&str] = &["commander", "army chief", "chief of staff"];
    const HEADS_GOVERNMENT: &[&str] = &["prime minister", "premier", "chancellor"];
    const LEADS: &[&str] = &[
        "president",
        "leader",
        "head",
        "chief",
        "founder",
        "chair",
        "emir",
        "king",
        "queen",
        "sultan",
        "secretary-general",
        "secretary general",
    ];
    let title = fold(title);
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if has(NOT_HEAD) {
        AffiliationKind::Other
    } else if has(REPRESENTS) {
        AffiliationKind::Represents
    } else if has(COMMANDS) {
        AffiliationKind::Commands
    } else if has(HEADS_GOVERNMENT) {
        AffiliationKind::HeadsGovernment
    } else if has(LEADS) {
        AffiliationKind::Leads
    } else {
        AffiliationKind::Other
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_gives_the_kind_the_curated_data_would() {
        use AffiliationKind::*;
        for (title, kind) in [
            ("president", Leads),
            ("président", Leads),
            ("junta leader", Leads),
            ("emir", Leads),
            ("chairman", Leads),
            ("vice president", Other),
            ("deputy commander", Other),
            ("former president", Other),
            ("government spokesman colonel", Represents),
            ("special envoy", Represents),
            ("foreign minister", Represents),
            ("commander", Commands),
            ("army chief", Commands),
            ("commander-in-chief", Commands),
            ("prime minister", HeadsGovernment),
            ("premier", HeadsGovernment),
            ("defence minister", Other),
            ("general", Other),
            ("sheikh", Other),
        ] {
            assert_eq!(title_kind(title), kind, "{title}");
        }
    }

    #[test]
    fn skeletons_find_other_spellings_and_only_them() {
        let actors = vec![
            Actor::new("sisi", "Abdel Fattah al-Sisi", ActorKind::Person),
            Actor::new("dagalo", "Mohamed Hamdan Dagalo", ActorKind::Person),
            Actor::new("a1", "Omar Bashir", ActorKind::Person),
            Actor::new("a2", "Omar al-Bashiir", ActorKind::Person),
            Actor::new("one", "Hemedti", ActorKind::Person),
        ];
        let s = crate::extract::table::Skeletons::new(&actors, ["al", "el"], "aeiouy");
        assert_eq!(s.find("Abdel-Fattah el-Sissi"), Some(0));
        assert_eq!(s.find("ABDEL FATTAH AL SISI"), Some(0));
        assert_eq!(s.find("Mohammed Hamdan Daglo"), Some(1));
        // two registry actors spelt alike: neither
        assert_eq!(s.find("Omar al-Bashir"), None);
        // one word is too little to go on
        assert_eq!(s.find("Hemeti"), None);
        assert_eq!(s.find("Abdel Fattah Burhan"), None);
    }

    #[test]
    fn interval_index_answers_like_a_scan() {
        let spans = [(0, 5), (2, 30), (10, 12), (14, 20), (40, 41)];
        let index = IntervalIndex::sorted(spans.iter().copied());
        for s in 0..45 {
            for e in s + 1..46 {
                let scan = spans.iter().any(|&(a, b)| a < e && s < b);
                assert_eq!(index.overlaps(s, e), scan, "{s}..{e}");
            }
            for at in s..46 {
                let mut scan: Vec<usize> = (0..spans.len())
                    .filter(|&k| spans[k].0 < at && s <= spans[k].1 && spans[k].1 <= at)
                    .collect();
                scan.reverse();
                assert_eq!(index.ending_in(s, at), scan, "{s} {at}");
            }
        }
    }

    /// A matcher of names chosen to be awkward: dotted acronyms, a name inside another,
    /// names that start or end with a sign, accents, apostrophes.
    fn awkward_matcher() -> Matcher {
        let mut actors = Vec::new();
        let names: &[(&str, &[&str])] = &[
            ("United States", &["U.S.", "US", "America"]),
            ("Sudan", &["Khartoum"]),
            ("South Sudan", &["S. Sudan"]),
            ("al-Shabaab", &["Al Shabaab", "Shabaab"]),
            ("Iran", &["Iranian", "Islamic Republic"]),
            ("(Odd) Front", &["-Dash Group", "'Ndrangheta"]),
            ("Ürümqi Council", &["Côte d'Ivoire", "ÜRÜMQI"]),
            ("anna anna", &["Anna", "nna"]),
            ("North Atlantic Treaty Organization", &["NATO"]),
        ];
        for (i, (name, aliases)) in names.iter().enumerate() {
            let mut a = Actor::new(format!("a{i}"), *name, ActorKind::State);
            a.aliases = aliases.iter().map(|s| s.to_string()).collect();
            actors.push(a);
        }
        let lexicon = Lexicon::embedded().expect("lexicon");
        Matcher::new(&actors, &lexicon)
    }

    /// What the scan must find, by trying every name at every character.
    fn names_by_brute_force(m: &Matcher, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (s, _) in text.char_indices() {
            if text[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            for (p, pattern) in m.texts.iter().enumerate() {
                let e = s + pattern.len();
                let fits = text
                    .as_bytes()
                    .get(s..e)
                    .is_some_and(|b| b.eq_ignore_ascii_case(pattern.as_bytes()));
                if !fits || text[e..].chars().next().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                let found = &text[s..e];
                let pat = m.patterns[p];
                // an acronym of four capitals or more also in title case ("Nato")
                let title_case = pattern.len() >= 4
                    && pattern.bytes().all(|b| b.is_ascii_uppercase())
                    && found[..1] == pattern[..1]
                    && found[1..] == pattern[1..].to_lowercase();
                if (pat.acronym && found != pattern && !title_case)
                    || (!pat.acronym
                        && pat.capital_first
                        && !found.chars().next().is_some_and(char::is_uppercase))
                {
                    continue;
                }
                out.push((s, e, p));
            }
        }
        out
    }

    #[test]
    fn scan_finds_what_trying_every_name_everywhere_finds() {
        let m = awkward_matcher();
        let pieces = [
            "U.S.",
            "US",
            "us",
            "u.s.",
            "US-",
            "America",
            "AMERICA's",
            "Sudan",
            "South ",
            "south Sudan",
            "S. Sudan",
            "al-Shabaab",
            "Al Shabaab",
            "AL-SHABAAB",
            "Shabaab",
            "Iran",
            "Iranian",
            "Islamic Republic",
            "(Odd) Front",
            "-Dash Group",
            "-dash group",
            "'Ndrangheta",
            "Ürümqi Council",
            "ÜRÜMQI",
            "ürümqi",
            "Côte d'Ivoire",
            "CÔTE D'IVOIRE",
            "anna anna anna",
            "NATO",
            "Nato",
            "nato",
            "NAto",
            "Anna",
            "nna",
            "x",
            "é",
            "'",
            " ",
            "  ",
            ".",
            ",",
            "-",
            "(",
            ")",
            "\n",
            "1",
            "\u{212A}",
            "İ",
        ];
        let mut rng = crate::text::synth::Rng::new(7);
        for _ in 0..3000 {
            let text: String = (0..12).map(|_| rng.pick(&pieces)).collect();
            let mut scanned = m.scan(&text).names;
            scanned.sort_unstable();
            let mut expected = names_by_brute_force(&m, &text);
            expected.sort_unstable();
            assert_eq!(scanned, expected, "{text:?}");
        }
    }

    #[test]
    fn scan_finds_title_and_referring_words() {
        let m = awkward_matcher();
        let text = "Defence Minister X met the ARMY; Haftar'president and Their forces. \
                    Armies, forcesx, hé and Président spoke";
        let scan = m.scan(text);
        let at = |w: &str| text.find(w).expect(w);
        for w in ["ARMY", "Their", "forces."] {
            assert!(scan.referring.contains(&at(w)), "{w}");
        }
        for w in ["Armies", "forcesx", "hé", "met"] {
            assert!(!scan.referring.contains(&at(w)), "{w}");
        }
        // "Minister" begins a title; "president" right after "Haftar'" starts no word; a word
        // with other letters may lowercase into a title word
        assert!(scan.titles.contains(&at("Defence")));
        assert!(scan.titles.contains(&at("Minister")));
        assert!(!scan.titles.contains(&at("president")));
        assert!(scan.titles.contains(&at("Président")));
        assert!(!scan.titles.contains(&at("met")));
        // every word start where a title fits is among them
        for (s, _) in text.char_indices() {
            let start = text[s..].chars().next().is_some_and(char::is_alphanumeric)
                && !text[..s]
                    .trim_end_matches('\'')
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if start && Matcher::phrase_at(&m.titles, text, s).is_some() {
                assert!(scan.titles.contains(&s), "{s}");
            }
        }
    }

    /// The tokens read "didn'tThey" as "did", "n't", "they": the scan must see that
    /// "They" may refer, or a sentence holding it would be passed over unread.
    #[test]
    fn scan_finds_a_referring_word_after_nt() {
        let m = awkward_matcher();
        let text = "It didn'tThey, wasN'TTheir, don'tx, can'tthey and won'tforces.";
        let scan = m.scan(text);
        let at = |w: &str| text.find(w).expect(w);
        for w in ["They,", "Their", "they and", "forces"] {
            assert!(scan.referring.contains(&at(w)), "{w}");
        }
        assert!(
            scan.referring.windows(2).all(|w| w[0] < w[1]),
            "{:?}",
            scan.referring
        );
    }

    #[test]
    fn standalone_words_are_what_a_search_for_each_finds() {
        // "anna" and "aaa" overlap copies of themselves
        let words = [
            "Akar",
            "al-Bashir",
            "Bashir",
            "O'Neil",
            "Ügür",
            "Q1x",
            "anna",
            "aaa",
        ];
        let mut wanted: foldhash::HashMap<&str, Vec<&str>> = Default::default();
        for w in words {
            wanted
                .entry(first_run(w).expect("run"))
                .or_default()
                .push(w);
        }
        let pieces = [
            "Akar",
            "akar",
            "al-Bashir",
            "Bashir",
            "O'Neil",
            "O'",
            "Ügür",
            "Q1x",
            "x",
            "anna",
            "nna",
            "a",
            "aa",
            "é",
            " ",
            "-",
            "'",
            ".",
            "\n",
        ];
        let mut rng = crate::text::synth::Rng::new(11);
        for _ in 0..3000 {
            let text: String = (0..10).map(|_| rng.pick(&pieces)).collect();
            let runs: Vec<(usize, usize)> = Runs::new(&text).map(|(s, e, _)| (s, e)).collect();
            let found = standalone_words(&text, &runs, &wanted);
            for w in words {
                let alone: Vec<usize> = text
                    .match_indices(w)
                    .map(|(s, _)| s)
                    .filter(|&s| {
                        !text[..s]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                            && !text[s + w.len()..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric)
                    })
                    .collect();
                // a word that never stands alone has its empty entry: no search needed
                assert_eq!(found.get(w), Some(&alone), "{w} in {text:?}");
            }
        }
    }

    /// Calls `check` with `base` changed to every byte at every one of its positions.
    fn each_byte_at_each_position(base: [u8; 8], mut check: impl FnMut([u8; 8])) {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = base;
                bytes[at] = b;
                check(bytes);
            }
        }
    }

    #[test]
    fn eight_bytes_lowercase_as_one_at_a_time() {
        each_byte_at_each_position(*b"aZ@[`{\x80\xff", |bytes| {
            let one_by_one = u64::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase()));
            assert_eq!(
                lower_u64(u64::from_le_bytes(bytes)),
                one_by_one,
                "{bytes:?}"
            );
        });
        let text = b"Haftar said";
        for at in 0..text.len() {
            for n in 0..=8 {
                let mut buf = [0u8; 8];
                for (k, b) in buf.iter_mut().enumerate().take(n) {
                    *b = text.get(at + k).copied().unwrap_or(0);
                }
                assert_eq!(load_u64(text, at, n), u64::from_le_bytes(buf), "{at} {n}");
            }
        }
    }

    #[test]
    fn eight_bytes_classify_as_one_at_a_time() {
        each_byte_at_each_position(*b"a0Z/:@[`", |eight| {
            let one_by_one = eight.map(|c| if c.is_ascii_alphanumeric() { 0x80 } else { 0 });
            assert_eq!(
                alnum_bytes(u64::from_le_bytes(eight)),
                u64::from_le_bytes(one_by_one),
                "{eight:?}"
            );
        });
    }

    #[test]
    fn runs_are_the_runs_of_letters_and_digits() {
        let mut rng = crate::text::synth::Rng::new(11);
        let pieces = [
            "a",
            "Zq",
            "09",
            " ",
            ".",
            "'",
            "-",
            "é",
            "Ö",
            "\u{2019}",
            "\u{4e2d}",
            "\u{0301}",
            "\n",
            "abcdefgh",
            "        ",
            "ab12CD34ef",
            "\u{00A0}",
            "!?",
            "_",
        ];
        for _ in 0..3_000 {
            let text: String = (0..rng.below(30)).map(|_| rng.pick(&pieces)).collect();
            let mut expected = Vec::new();
            let mut run: Option<(usize, bool)> = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (run, c.is_alphanumeric() && i < text.len()) {
                    (None, true) => run = Some((i, c.is_ascii())),
                    (Some((s, a)), true) => run = Some((s, a && c.is_ascii())),
                    (Some((s, a)), false) => {
                        expected.push((s, i, a));
                        run = None;
                    }
                    (None, false) => {}
                }
            }
            assert_eq!(Runs::new(&text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn ascii_alnum_end_reads_as_one_byte_at_a_time() {
        let mut rng = crate::text::synth::Rng::new(12);
        let pieces: [&[u8]; 8] = [
            b"a",
            b"Z9",
            b" ",
            b"-",
            b"\xc3\xa9",
            b"abcdefghij",
            b"\0",
            b"@[`{",
        ];
        for _ in 0..2_000 {
            let bytes: Vec<u8> = (0..rng.below(12))
                .flat_map(|_| pieces[rng.below(pieces.len())].to_vec())
                .collect();
            for at in 0..=bytes.len() {
                let one_by_one = at
                    + bytes[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                assert_eq!(ascii_alnum_end(&bytes, at), one_by_one, "{bytes:?} {at}");
            }
        }
    }

    #[test]
    fn ascii_slugs_are_the_slugs_of_the_folded_names() {
        // the slug as the folded name gives it
        let folded_slug = |name: &str| {
            let mut out = String::new();
            for c in fold(name).chars() {
                if c.is_ascii_alphanumeric() {
                    out.push(c);
                } else if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
            out.trim_end_matches('-').to_string()
        };
        let mut rng = crate::text::synth::Rng::new(5);
        let pieces = [
            "Hulusi", "AKAR", " ", "  ", "\t", "\r\n", "`", "'", "-", "al-", "X9", ".", "Ö", "é",
        ];
        for _ in 0..5_000 {
            let name: String = (0..rng.below(8)).map(|_| rng.pick(&pieces)).collect();
            assert_eq!(slug(&name), folded_slug(&name), "{name:?}");
        }
    }

    #[test]
    fn name_stops_are_the_listed_words_in_any_case() {
        let longest = NAME_STOPS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(NAME_STOP_MAX));
        for w in NAME_STOPS {
            assert!(stops_a_name(w), "{w}");
            assert!(stops_a_name(&w.to_uppercase()), "{w}");
            assert!(stops_a_name(&capitalise(w)), "{w}");
        }
        // the Kelvin sign lowers to an ASCII "k"; no stop has one, so none is made
        for w in [
            "Haftar",
            "Wednesdays",
            "Septembers",
            "Th",
            "",
            "Sünday",
            "Mai",
            "Whic\u{212a}",
        ] {
            assert_eq!(stops_a_name(w), lower_in(w, NAME_STOPS), "{w}");
            assert!(!stops_a_name(w), "{w}");
        }
        // a non-ASCII word lowers by the Unicode rules
        assert!(stops_a_name("\u{0130}N") == lower_in("\u{0130}N", NAME_STOPS));
    }

    #[test]
    fn self_overlapping_words() {
        assert!(self_overlapping("anna"));
        assert!(self_overlapping("aaa"));
        assert!(!self_overlapping("Nasser"));
        assert!(!self_overlapping("Akar"));
    }
}
