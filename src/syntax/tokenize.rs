//! Tokenization: where are the words of raw text, by UD English conventions?
//!
//! The tokenizer is a small set of general mechanisms whose English knowledge is learned
//! from a treebank ([`TokenizerData::learn`]) and stored in the model file:
//!
//! 1. Text is cut at whitespace into *chunks*. A chunk seen in training whose gold
//!    segmentation the rules below get wrong is looked up in an exception table; a
//!    chunk that is exactly a clitic (`'s` in already tokenized text) stays whole.
//! 2. URLs and e-mail addresses inside a chunk stay whole.
//! 3. The rest is scanned into *word pieces* (letters and digits, joined by single
//!    punctuation characters between them, plus a leading or trailing character that
//!    the treebank attaches to words, such as `#` in `#tag`) and *punctuation runs*
//!    (characters the treebank keeps together, such as `...`, `!!` or `?!`).
//! 4. A word piece followed by a period keeps the period when the piece is a learned
//!    abbreviation (`Dr.`, `etc.`), or is shaped like one (`U.S.`, or a shape of word the
//!    treebank mostly treats so); at the end of the text the period is kept only for
//!    words the treebank keeps it for there.
//! 5. A word piece is looked up in the exception table; otherwise it is split at
//!    connecting characters the treebank splits at in that context (`well-known` ->
//!    `well - known`, but `1,000` and `3.5` stay whole), unless a learned prefix flips
//!    the decision (`non-profit`, phone numbers). Each part is split before learned
//!    clitic suffixes (`do|n't`, `it|'s`, `they|'d|'ve`) or before a learned unit after
//!    digits (`65|k`, but `20th`).
//!
//! Apostrophe-like characters (`'`, `’`, `` ` ``) are one class and matching ignores
//! case. Every table is learned by counting how the treebank segments each situation,
//! with class defaults (decided by rare cases, which resemble unseen ones) for what
//! training did not show; the Rust code holds no English words.

use std::cell::RefCell;
use std::ops::Range;

use crate::syntax::bytes::{Reader, Writer};
use crate::syntax::conllu::Sentence;

/// Maps and sets with a fixed fast hash (lookups per chunk; output never depends on
/// their order).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

thread_local! {
    /// A buffer for folded lookup keys, so that tokenizing allocates little.
    static KEY: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Format version of the serialized [`TokenizerData`].
const VERSION: u8 = 1;

/// A learned table entry needs at least this many supporting cases in training.
const MIN_COUNT: usize = 2;

/// Character class of a letter that is uppercase.
const UPPER: char = 'U';
/// Character class of any other letter.
const LOWER: char = 'l';
/// Character class of a digit.
const DIGIT: char = 'D';
/// Character class of everything else (punctuation, symbols, emoji).
const PUNCT: char = 'P';

/// What the tokenizer learned from a treebank; stored in the model file.
///
/// Every word is folded (lowercase, apostrophe-like characters as `'`), and every list
/// is sorted, so learning the same treebank twice gives the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenizerData {
    /// Clitic suffixes split off a word that ends in a letter before them (`n't`, `'s`).
    pub clitics: Vec<String>,
    /// Words that keep a following period inside the text (`dr.`, `etc.`) although
    /// their shape does not.
    pub abbreviations: Vec<String>,
    /// Words that lose a following period inside the text although their shape keeps it.
    pub non_abbreviations: Vec<String>,
    /// Shapes of unlisted words that keep a following period inside the text (see
    /// `word_shape`: case pattern then length, such as `C3` for `Col.`).
    pub abbreviation_shapes: Vec<String>,
    /// Words that keep a following period at the end of the text.
    pub final_abbreviations: Vec<String>,
    /// Whether an abbreviation not in `final_abbreviations` keeps its period at the end
    /// of the text.
    pub final_keeps_period: bool,
    /// Connecting characters kept inside a word between two classes although the
    /// character is not in `join_chars`, as three-character strings: left class,
    /// character, right class (`D,D` keeps `1,000` whole). Classes: `U` uppercase
    /// letter, `l` other letter, `D` digit.
    pub joins: Vec<String>,
    /// Connecting characters kept inside a word between any classes (those that join in
    /// every context seen in training).
    pub join_chars: Vec<String>,
    /// A part of a word (since the previous connecting character; digits as `0`) and the
    /// connecting character after it, for which the treebank decides the other way from
    /// `joins` and `join_chars` (`non-`, `000-`).
    pub flips: Vec<String>,
    /// Characters attached to the start of a word, as character then class of the next
    /// character (`@l`).
    pub leads: Vec<String>,
    /// Characters attached to the end of a word, as class of the previous character then
    /// character.
    pub trails: Vec<String>,
    /// Pairs of adjacent punctuation characters kept in one token (`?!`, `:)`).
    pub punct_joins: Vec<String>,
    /// Pairs of adjacent identical punctuation characters split apart (identical
    /// characters are otherwise kept together: `...`, `--`).
    pub punct_splits: Vec<String>,
    /// Digit-led words split before a trailing letter part (`65k` -> `65 k`): the
    /// letter parts split although their length class keeps them.
    pub unit_suffixes: Vec<String>,
    /// Letter parts kept with the digits (`20th`) although their length class splits.
    pub unit_keeps: Vec<String>,
    /// Whether an unlisted letter part after digits is split off: one letter, longer.
    pub unit_split_default: [bool; 2],
    /// Chunks and word pieces whose segmentation the rules get wrong: the folded string
    /// and the character offsets where its words start (besides 0).
    pub exceptions: Vec<(String, Vec<u16>)>,
}

/// A tokenizer built from learned data.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    clitics: Vec<Vec<char>>,
    abbreviations: HashSet<String>,
    non_abbreviations: HashSet<String>,
    abbreviation_shapes: HashSet<String>,
    final_abbreviations: HashSet<String>,
    final_keeps_period: bool,
    joins: HashSet<(char, char, char)>,
    join_chars: HashSet<char>,
    flips: HashSet<String>,
    leads: HashSet<(char, char)>,
    trails: HashSet<(char, char)>,
    punct_joins: HashSet<(char, char)>,
    punct_splits: HashSet<(char, char)>,
    unit_suffixes: HashSet<String>,
    unit_keeps: HashSet<String>,
    unit_split_default: [bool; 2],
    exceptions: HashMap<String, Vec<usize>>,
}

// ---------------------------------------------------------------------------------------
// Characters

/// Separates chunks: whitespace, control characters and invisible spaces.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that belong to the character before them: combining marks, joiners,
/// variation selectors, emoji modifiers and tags.
fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x05BF
        | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5
        | 0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{2032}')
}

/// Folds a character for matching: apostrophe-like characters become `'`, letters
/// become lowercase (when that is one character).
fn fold(c: char) -> char {
    if is_apostrophe(c) {
        return '\'';
    }
    let mut low = c.to_lowercase();
    match (low.next(), low.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// A folded string, one character per character of `s`.
fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

fn class_of(c: char) -> char {
    if c.is_alphabetic() {
        if c.is_uppercase() {
            UPPER
        } else {
            LOWER
        }
    } else if c.is_numeric() {
        DIGIT
    } else {
        PUNCT
    }
}

/// A character with the characters that extend it (a rough grapheme cluster).
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    base: char,
    class: char,
}

impl Unit {
    fn alnum(&self) -> bool {
        self.class != PUNCT
    }
}

/// The units of `chunk`, which starts at byte `offset` of the text.
fn units_of(chunk: &str, offset: usize, out: &mut Vec<Unit>) {
    out.clear();
    let mut after_joiner = false;
    // A regional indicator waiting for its pair (two of them make a flag).
    let mut open_flag = false;
    for (i, c) in chunk.char_indices() {
        let end = offset + i + c.len_utf8();
        let flag = matches!(c as u32, 0x1F1E6..=0x1F1FF);
        if let Some(last) = out.last_mut() {
            if is_extend(c) || after_joiner || (flag && open_flag) {
                last.end = end;
                after_joiner = c == '\u{200D}';
                open_flag = false;
                continue;
            }
        }
        after_joiner = c == '\u{200D}';
        open_flag = flag;
        let folded = fold(c);
        out.push(Unit {
            start: offset + i,
            end,
            base: folded,
            class: class_of(c),
        });
    }
}

/// The whitespace-separated chunks of `text`, as byte ranges.
fn chunks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Byte offset just past the last letter or digit of `text` (0 when there is none): a
/// period at or after it ends the text.
fn final_from(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Characters that may be in the local part of an e-mail address (besides letters and
/// digits).
fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%' | '\'')
}

/// Where a URL or e-mail address starts in `core` (a run of a chunk without delimiters,
/// stripped of leading and trailing punctuation), if `core` ends with one.
fn url_start(core: &str) -> Option<usize> {
    let lower = core.get(..7).unwrap_or(core).to_ascii_lowercase();
    if lower.starts_with("www.") || lower.starts_with("mailto:") {
        return Some(0);
    }
    if let Some(i) = core.find("://") {
        // The scheme: the letters just before `://`.
        let scheme = core[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_alphabetic() || matches!(c, '+' | '-' | '.'))
            .last()
            .map(|(j, _)| j)?;
        return core[scheme..i]
            .starts_with(|c: char| c.is_ascii_alphabetic())
            .then_some(scheme);
    }
    // local@domain.tld (the local part may be shortened with dots: `name...@host.com`)
    let (local, domain) = core.split_once('@')?;
    let domain_ok = domain.contains('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        && domain.starts_with(char::is_alphanumeric);
    let start = local
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_local_char(c))
        .last()
        .map(|(j, _)| j)?;
    let start = start + local[start..].find(char::is_alphanumeric)?;
    domain_ok.then_some(start)
}

/// A word shaped like an abbreviation (with its period): one uppercase letter (`J.`), or
/// two or more groups of at most two letters joined by periods (`U.S.`, `e.g.`, `Ph.D.`).
fn abbreviation_shaped(word: &str) -> bool {
    let Some(body) = word.strip_suffix('.') else {
        return false;
    };
    let groups: Vec<&str> = body.split('.').collect();
    if groups.len() == 1 {
        let mut cs = body.chars();
        return matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
    }
    groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().count() <= 2 && g.chars().all(char::is_alphabetic))
}

/// The shape of a word with its period, for deciding unlisted abbreviations: `X` all
/// uppercase letters, `C` capitalized, `x` lowercase, `d` with digits, `m` anything else;
/// then the length without the period, at most 6 (`Col.` -> `C3`).
fn word_shape(word: &str) -> String {
    let body = word.strip_suffix('.').unwrap_or(word);
    let n = body.chars().count().min(6);
    let letters = body.chars().all(char::is_alphabetic);
    let mut cs = body.chars();
    let first_upper = cs.next().is_some_and(char::is_uppercase);
    let rest_lower = cs.all(char::is_lowercase);
    let pattern = if letters && body.chars().all(char::is_uppercase) {
        'X'
    } else if letters && first_upper && rest_lower {
        'C'
    } else if letters && body.chars().all(char::is_lowercase) {
        'x'
    } else if body.chars().any(char::is_numeric) {
        'd'
    } else {
        'm'
    };
    format!("{pattern}{n}")
}

// ---------------------------------------------------------------------------------------
// Tracing (what the learner needs to see of a run)

/// Decisions made while tokenizing, recorded for learning.
#[derive(Debug, Default)]
struct Trace {
    /// A word piece followed by a single period: the folded piece with the period, its
    /// shape, the period's byte offset, and whether it ends the text.
    periods: Vec<(String, String, usize, bool)>,
    /// A connecting character inside a word piece: its flip key, its byte range, and
    /// whether the joins table keeps it.
    connectors: Vec<(String, Range<usize>, bool)>,
    /// Parts of word pieces handed to clitic splitting.
    segments: Vec<Range<usize>>,
    /// Word pieces (with attached characters and period).
    pieces: Vec<Range<usize>>,
}

// ---------------------------------------------------------------------------------------
// The tokenizer

impl Tokenizer {
    /// Builds the lookup tables; malformed entries (from a corrupt file) are ignored.
    pub fn new(data: TokenizerData) -> Tokenizer {
        let chars = |s: &String| s.chars().collect::<Vec<char>>();
        let triples = |v: &[String]| -> HashSet<(char, char, char)> {
            v.iter()
                .filter_map(|s| match chars(s)[..] {
                    [a, b, c] => Some((a, b, c)),
                    _ => None,
                })
                .collect()
        };
        let pairs = |v: &[String]| -> HashSet<(char, char)> {
            v.iter()
                .filter_map(|s| match chars(s)[..] {
                    [a, b] => Some((a, b)),
                    _ => None,
                })
                .collect()
        };
        let mut clitics: Vec<Vec<char>> = data
            .clitics
            .iter()
            .map(|c| c.chars().map(fold).collect::<Vec<char>>())
            .filter(|c| !c.is_empty())
            .collect();
        clitics.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let exceptions = data
            .exceptions
            .iter()
            .filter_map(|(k, cuts)| {
                let n = k.chars().count();
                let cuts: Vec<usize> = cuts.iter().map(|&c| usize::from(c)).collect();
                let ok =
                    cuts.iter().all(|&c| c > 0 && c < n) && cuts.windows(2).all(|w| w[0] < w[1]);
                ok.then(|| (fold_str(k), cuts))
            })
            .collect();
        Tokenizer {
            clitics,
            abbreviations: data.abbreviations.iter().map(|s| fold_str(s)).collect(),
            non_abbreviations: data.non_abbreviations.iter().map(|s| fold_str(s)).collect(),
            abbreviation_shapes: data.abbreviation_shapes.iter().cloned().collect(),
            final_abbreviations: data
                .final_abbreviations
                .iter()
                .map(|s| fold_str(s))
                .collect(),
            final_keeps_period: data.final_keeps_period,
            joins: triples(&data.joins),
            join_chars: data
                .join_chars
                .iter()
                .filter_map(|s| s.chars().next())
                .collect(),
            flips: data.flips.iter().map(|s| fold_str(s)).collect(),
            leads: pairs(&data.leads),
            trails: pairs(&data.trails),
            punct_joins: pairs(&data.punct_joins),
            punct_splits: pairs(&data.punct_splits),
            unit_suffixes: data.unit_suffixes.iter().map(|s| fold_str(s)).collect(),
            unit_keeps: data.unit_keeps.iter().map(|s| fold_str(s)).collect(),
            unit_split_default: data.unit_split_default,
            exceptions,
        }
    }

    /// The words of `text` as byte ranges into it, in order, never empty, never
    /// overlapping, never containing whitespace, on char boundaries. Never panics on any
    /// input; linear time.
    pub fn tokenize(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        self.run(text, &mut out, None);
        out
    }

    fn run(&self, text: &str, out: &mut Vec<Range<usize>>, mut trace: Option<&mut Trace>) {
        let fin = final_from(text);
        let mut units = Vec::new();
        for chunk in chunks(text) {
            let s = &text[chunk.clone()];
            if self.exception(text, chunk.clone(), out) || self.lone_clitic(s, chunk.clone(), out) {
                continue;
            }
            units_of(s, chunk.start, &mut units);
            self.chunk(text, &units, fin, out, trace.as_deref_mut());
        }
    }

    /// Emits a chunk that is exactly a clitic (`'s` in already tokenized text) whole.
    fn lone_clitic(&self, s: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) -> bool {
        let n = s.chars().count();
        let is_clitic = self
            .clitics
            .iter()
            .any(|c| c.len() == n && c.iter().zip(s.chars()).all(|(&a, b)| a == fold(b)));
        if is_clitic {
            out.push(range);
        }
        is_clitic
    }

    /// Emits `range` split at the exception's cuts, if `text[range]` is an exception.
    fn exception(&self, text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) -> bool {
        if self.exceptions.is_empty() {
            return false;
        }
        let s = &text[range.clone()];
        let found = KEY.with(|key| match key.try_borrow_mut() {
            Ok(mut key) => {
                key.clear();
                key.extend(s.chars().map(fold));
                self.exceptions.get(key.as_str())
            }
            Err(_) => self.exceptions.get(&fold_str(s)),
        });
        let Some(cuts) = found else {
            return false;
        };
        let offsets: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        let mut start = range.start;
        for &c in cuts {
            let Some(&off) = offsets.get(c) else {
                break;
            };
            let at = range.start + off;
            if at > start {
                out.push(start..at);
                start = at;
            }
        }
        if range.end > start {
            out.push(start..range.end);
        }
        true
    }

    fn chunk(
        &self,
        text: &str,
        units: &[Unit],
        fin: usize,
        out: &mut Vec<Range<usize>>,
        trace: Option<&mut Trace>,
    ) {
        let mut trace = trace;
        let mut from = 0;
        for (a, b) in url_cores(text, units) {
            self.scan(text, &units[from..a], fin, out, trace.as_deref_mut());
            out.push(units[a].start..units[b - 1].end);
            from = b;
        }
        self.scan(text, &units[from..], fin, out, trace);
    }

    fn starts_word(&self, u: &[Unit], i: usize) -> bool {
        u[i].alnum()
            || (i + 1 < u.len()
                && u[i + 1].alnum()
                && (i == 0 || !u[i - 1].alnum())
                && self.leads.contains(&(u[i].base, u[i + 1].class)))
    }

    fn punct_join(&self, a: char, b: char) -> bool {
        if a == b {
            !self.punct_splits.contains(&(a, b))
        } else {
            self.punct_joins.contains(&(a, b))
        }
    }

    /// Scans units into word pieces and punctuation runs.
    fn scan(
        &self,
        text: &str,
        u: &[Unit],
        fin: usize,
        out: &mut Vec<Range<usize>>,
        mut trace: Option<&mut Trace>,
    ) {
        let n = u.len();
        let mut i = 0;
        while i < n {
            if self.starts_word(u, i) {
                let s = i;
                if !u[i].alnum() {
                    i += 1;
                }
                i += 1;
                while i < n {
                    if u[i].alnum() {
                        i += 1;
                    } else if i + 1 < n && u[i + 1].alnum() {
                        i += 2;
                    } else {
                        break;
                    }
                }
                if i < n && u[i].base != '.' {
                    if (i + 1 == n || !u[i + 1].alnum())
                        && self.trails.contains(&(u[i - 1].class, u[i].base))
                    {
                        i += 1;
                    }
                } else if i < n && !(i + 1 < n && u[i + 1].base == '.') {
                    let original = &text[u[s].start..u[i].end];
                    let word = fold_str(original);
                    let shape = word_shape(original);
                    let is_final = u[i].start >= fin;
                    let keep = self.keeps_period(&word, &shape, is_final);
                    if let Some(t) = trace.as_deref_mut() {
                        t.periods.push((word, shape, u[i].start, is_final));
                    }
                    if keep {
                        i += 1;
                    }
                }
                self.piece(text, &u[s..i], out, trace.as_deref_mut());
            } else {
                let s = i;
                i += 1;
                while i < n && !u[i].alnum() && self.punct_join(u[i - 1].base, u[i].base) {
                    i += 1;
                }
                out.push(u[s].start..u[i - 1].end);
            }
        }
    }

    /// A connecting character `c` between classes `a` and `b` stays inside the word.
    fn joined(&self, a: char, c: char, b: char) -> bool {
        self.joins.contains(&(a, c, b)) || self.join_chars.contains(&c)
    }

    fn keeps_period(&self, word: &str, shape: &str, is_final: bool) -> bool {
        let known = if self.abbreviations.contains(word) {
            true
        } else if self.non_abbreviations.contains(word) {
            false
        } else {
            abbreviation_shaped(word) || self.abbreviation_shapes.contains(shape)
        };
        if is_final {
            self.final_abbreviations.contains(word) || (self.final_keeps_period && known)
        } else {
            known
        }
    }

    /// Splits a word piece at its connecting characters and clitics.
    fn piece(
        &self,
        text: &str,
        u: &[Unit],
        out: &mut Vec<Range<usize>>,
        mut trace: Option<&mut Trace>,
    ) {
        let (Some(first), Some(last)) = (u.first(), u.last()) else {
            return;
        };
        let range = first.start..last.end;
        if let Some(t) = trace.as_deref_mut() {
            t.pieces.push(range.clone());
        }
        if self.exception(text, range.clone(), out) {
            return;
        }
        let mut seg = 0;
        // Where the part of the word since the last connecting character starts.
        let mut part = 0;
        for j in 1..u.len().saturating_sub(1) {
            if u[j].alnum() || !u[j - 1].alnum() || !u[j + 1].alnum() {
                continue;
            }
            let joined = self.joined(u[j - 1].class, u[j].base, u[j + 1].class);
            let key = flip_key(&text[u[part].start..u[j].start], u[j].base);
            part = j + 1;
            if let Some(t) = trace.as_deref_mut() {
                t.connectors
                    .push((key.clone(), u[j].start..u[j].end, joined));
            }
            if joined != self.flips.contains(&key) {
                continue;
            }
            self.segment(text, u[seg].start..u[j].start, out, trace.as_deref_mut());
            out.push(u[j].start..u[j].end);
            seg = j + 1;
        }
        if seg < u.len() {
            self.segment(text, u[seg].start..range.end, out, trace);
        }
    }

    /// Emits one part of a word piece, split before its clitics or a unit suffix.
    fn segment(
        &self,
        text: &str,
        range: Range<usize>,
        out: &mut Vec<Range<usize>>,
        trace: Option<&mut Trace>,
    ) {
        if let Some(t) = trace {
            t.segments.push(range.clone());
        }
        let s = &text[range.clone()];
        // Clitics, from the end (`they|'d|'ve`); at most a few, so time stays linear.
        let mut end = s.len();
        let mut clitics = [0..0, 0..0, 0..0];
        let mut n = 0;
        while n < clitics.len() {
            let Some(at) = self.clitic_split(&s[..end]) else {
                break;
            };
            clitics[n] = range.start + at..range.start + end;
            n += 1;
            end = at;
        }
        if n > 0 {
            out.push(range.start..range.start + end);
            out.extend(clitics[..n].iter().rev().cloned());
            return;
        }
        if let Some(at) = self.unit_split(s) {
            out.push(range.start..range.start + at);
            out.push(range.start + at..range.end);
            return;
        }
        out.push(range);
    }

    /// Where a learned clitic starts in `s`, if `s` ends with one after a letter.
    fn clitic_split(&self, s: &str) -> Option<usize> {
        'next: for clitic in &self.clitics {
            let mut rev = s.char_indices().rev();
            let mut at = s.len();
            for &c in clitic.iter().rev() {
                match rev.next() {
                    Some((i, d)) if fold(d) == c => at = i,
                    _ => continue 'next,
                }
            }
            if let Some((_, before)) = rev.next() {
                if before.is_alphabetic() && at > 0 && at < s.len() {
                    return Some(at);
                }
            }
        }
        None
    }

    /// Where a learned unit suffix starts in `s`, if `s` is digits then that suffix.
    fn unit_split(&self, s: &str) -> Option<usize> {
        let at = s
            .char_indices()
            .find(|&(_, c)| c.is_alphabetic())
            .map(|(i, _)| i)?;
        let (head, tail) = s.split_at(at);
        let ends_in_digit = head.chars().last().is_some_and(char::is_numeric);
        if !ends_in_digit || !head.starts_with(|c: char| c.is_numeric()) {
            return None;
        }
        if !tail.chars().all(char::is_alphabetic) {
            return None;
        }
        let tail = fold_str(tail);
        let split = if self.unit_suffixes.contains(&tail) {
            true
        } else if self.unit_keeps.contains(&tail) {
            false
        } else {
            self.unit_split_default[usize::from(tail.chars().nth(1).is_some())]
        };
        split.then_some(at)
    }
}

/// The key for a connecting character's flip: the part of the word since the previous
/// connecting character, folded, digits as `0`, then the character.
fn flip_key(left: &str, c: char) -> String {
    let mut k: String = left
        .chars()
        .map(|c| if c.is_numeric() { '0' } else { fold(c) })
        .collect();
    k.push(c);
    k
}

/// The unit ranges `[a, b)` of a chunk's URLs and e-mail addresses, in order.
fn url_cores(text: &str, u: &[Unit]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let delimiter = |x: &Unit| matches!(x.base, '<' | '>' | '"' | '\u{201C}' | '\u{201D}');
    let mut i = 0;
    while i < u.len() {
        if delimiter(&u[i]) {
            i += 1;
            continue;
        }
        let run_end = u[i..].iter().position(delimiter).map_or(u.len(), |k| i + k);
        let run = &u[i..run_end];
        let first = run.iter().position(Unit::alnum);
        let last = run.iter().rposition(|x| x.alnum() || x.base == '/');
        if let (Some(a), Some(b)) = (first, last) {
            let (a, b) = (i + a, i + b + 1);
            if a < b {
                let start = u[a].start;
                if let Some(off) = url_start(&text[start..u[b - 1].end]) {
                    if let Some(k) = (a..b).find(|&k| u[k].start == start + off) {
                        out.push((k, b));
                    }
                }
            }
        }
        i = run_end;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Gold spans and scoring

/// Word-level gold spans of `sentence` in its raw `text`: each surface token is found at
/// or after the end of the previous one; the words of a multiword token that are
/// substrings of it (in order) get their own spans, the others share the token's span.
/// A token that cannot be found gets an empty span (which no prediction matches).
pub fn gold_spans(sentence: &Sentence, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(sentence.words.len());
    let mut pos = 0;
    for (words, form, _) in sentence.tokens() {
        let span = match text.get(pos..).and_then(|rest| rest.find(form)) {
            Some(i) if !form.is_empty() => pos + i..pos + i + form.len(),
            _ => pos..pos,
        };
        if span.end > pos {
            pos = span.end;
        }
        if words.len() == 1 {
            out.push(span);
            continue;
        }
        let mut inner = 0;
        for w in words {
            let Some(word) = sentence.words.get(w) else {
                continue;
            };
            let found = form
                .get(inner..)
                .and_then(|rest| rest.find(word.form.as_str()))
                .filter(|_| !word.form.is_empty() && span.len() == form.len());
            match found {
                Some(i) => {
                    let a = span.start + inner + i;
                    out.push(a..a + word.form.len());
                    inner += i + word.form.len();
                }
                None => out.push(span.clone()),
            }
        }
    }
    out
}

/// How many predicted spans match a gold span exactly (each gold span matched once).
pub fn span_matches(gold: &[Range<usize>], pred: &[Range<usize>]) -> usize {
    let key = |r: &Range<usize>| (r.start, r.end);
    let mut g: Vec<(usize, usize)> = gold.iter().map(key).collect();
    let mut p: Vec<(usize, usize)> = pred.iter().map(key).collect();
    g.sort_unstable();
    p.sort_unstable();
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < g.len() && j < p.len() {
        match g[i].cmp(&p[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

// ---------------------------------------------------------------------------------------
// Learning

/// A training sentence: raw text and which byte offsets are word boundaries.
struct Example {
    text: String,
    boundary: Vec<bool>,
}

impl Example {
    fn at(&self, i: usize) -> bool {
        self.boundary.get(i).copied().unwrap_or(false)
    }
    /// The boundaries strictly inside `r`, as character offsets from its start.
    fn inner_cuts(&self, r: &Range<usize>) -> Vec<u16> {
        self.text[r.clone()]
            .char_indices()
            .enumerate()
            .skip(1)
            .filter(|&(_, (i, _))| self.at(r.start + i))
            .map(|(k, _)| u16::try_from(k).unwrap_or(u16::MAX))
            .collect()
    }
}

/// Counts of two outcomes per key.
#[derive(Default)]
struct Tally<K: std::hash::Hash + Eq>(HashMap<K, (usize, usize)>);

impl<K: std::hash::Hash + Eq + Clone + Ord> Tally<K> {
    fn add(&mut self, k: K, yes: bool) {
        let e = self.0.entry(k).or_default();
        if yes {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    /// Sorted keys where yes outnumbers no and has at least `min` cases.
    fn majority(&self, min: usize) -> Vec<K> {
        let mut v: Vec<K> = self
            .0
            .iter()
            .filter(|(_, &(y, n))| y >= min && y > n)
            .map(|(k, _)| k.clone())
            .collect();
        v.sort();
        v
    }
}

/// Keys at most this frequent vote (one vote each) for their class's default.
const RARE: usize = 2;

/// A learned decision with class defaults: the classes deciding yes by default, and the
/// keys (with at least `min` cases for their outcome) deciding yes although their class
/// decides no, and no although their class decides yes. With `by_type`, the default of a
/// class is the majority of its rare keys (each one vote: they resemble unseen keys);
/// otherwise of all its cases.
fn with_defaults(
    tally: &Tally<String>,
    class: impl Fn(&str) -> String,
    by_type: bool,
    min: usize,
) -> (HashSet<String>, Vec<String>, Vec<String>) {
    let mut votes: HashMap<String, (usize, usize)> = HashMap::default();
    for (k, &(y, n)) in &tally.0 {
        let v = votes.entry(class(k)).or_default();
        if !by_type {
            v.0 += y;
            v.1 += n;
        } else if y + n <= RARE {
            v.0 += usize::from(y > n);
            v.1 += usize::from(n > y);
        }
    }
    let yes_classes: HashSet<String> = votes
        .into_iter()
        .filter(|(_, (y, n))| y > n)
        .map(|(c, _)| c)
        .collect();
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for (k, &(y, n)) in &tally.0 {
        let default = yes_classes.contains(&class(k));
        if !default && y > n && y >= min {
            yes.push(k.clone());
        } else if default && n > y && n >= min {
            no.push(k.clone());
        }
    }
    yes.sort();
    no.sort();
    (yes_classes, yes, no)
}

fn sorted(set: HashSet<String>) -> Vec<String> {
    let mut v: Vec<String> = set.into_iter().collect();
    v.sort();
    v
}

fn key3(a: char, b: char, c: char) -> String {
    [a, b, c].iter().collect()
}

fn key2(a: char, b: char) -> String {
    [a, b].iter().collect()
}

impl TokenizerData {
    /// Learns from training sentences (uses `# text` / `raw_text()` and the gold tokens).
    pub fn learn(sentences: &[Sentence]) -> TokenizerData {
        let examples: Vec<Example> = sentences
            .iter()
            .map(|s| {
                let text = s.raw_text();
                let mut boundary = vec![false; text.len() + 1];
                for r in gold_spans(s, &text) {
                    if r.start < r.end {
                        boundary[r.start] = true;
                        boundary[r.end] = true;
                    }
                }
                Example { text, boundary }
            })
            .collect();
        let mut data = TokenizerData::default();
        learn_characters(&examples, &mut data);
        learn_words(&examples, &mut data);
        learn_exceptions(&examples, &mut data);
        data
    }

    /// Appends the data to a model file.
    pub(crate) fn write(&self, w: &mut Writer) {
        w.u8(VERSION);
        w.strs(&self.clitics);
        w.strs(&self.abbreviations);
        w.strs(&self.non_abbreviations);
        w.strs(&self.abbreviation_shapes);
        w.strs(&self.final_abbreviations);
        w.u8(u8::from(self.final_keeps_period));
        w.strs(&self.joins);
        w.strs(&self.join_chars);
        w.strs(&self.flips);
        w.strs(&self.leads);
        w.strs(&self.trails);
        w.strs(&self.punct_joins);
        w.strs(&self.punct_splits);
        w.strs(&self.unit_suffixes);
        w.strs(&self.unit_keeps);
        w.u8(u8::from(self.unit_split_default[0]) | u8::from(self.unit_split_default[1]) << 1);
        w.len(self.exceptions.len());
        for (k, cuts) in &self.exceptions {
            w.str(k);
            w.len(cuts.len());
            for &c in cuts {
                w.u16(c);
            }
        }
    }

    /// Reads data written by [`TokenizerData::write`].
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<TokenizerData, String> {
        let version = r.u8("tokenizer version")?;
        if version != VERSION {
            return Err(format!(
                "tokenizer data version {version}, expected {VERSION}"
            ));
        }
        let clitics = r.strs("tokenizer clitics")?;
        let abbreviations = r.strs("tokenizer abbreviations")?;
        let non_abbreviations = r.strs("tokenizer non-abbreviations")?;
        let abbreviation_shapes = r.strs("tokenizer abbreviation shapes")?;
        let final_abbreviations = r.strs("tokenizer final abbreviations")?;
        let final_keeps_period = match r.u8("tokenizer final period flag")? {
            0 => false,
            1 => true,
            v => return Err(format!("corrupt: tokenizer final period flag {v}")),
        };
        let joins = r.strs("tokenizer joins")?;
        let join_chars = r.strs("tokenizer join characters")?;
        let flips = r.strs("tokenizer flips")?;
        let leads = r.strs("tokenizer leads")?;
        let trails = r.strs("tokenizer trails")?;
        let punct_joins = r.strs("tokenizer punctuation joins")?;
        let punct_splits = r.strs("tokenizer punctuation splits")?;
        let unit_suffixes = r.strs("tokenizer unit suffixes")?;
        let unit_keeps = r.strs("tokenizer unit keeps")?;
        let unit_flags = r.u8("tokenizer unit flags")?;
        if unit_flags > 3 {
            return Err(format!("corrupt: tokenizer unit flags {unit_flags}"));
        }
        let unit_split_default = [unit_flags & 1 != 0, unit_flags & 2 != 0];
        let n = r.len(8, "tokenizer exceptions")?;
        let mut exceptions = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.str("tokenizer exception")?;
            let m = r.len(2, "tokenizer exception cuts")?;
            let cuts = (0..m)
                .map(|_| r.u16("tokenizer exception cut"))
                .collect::<Result<Vec<u16>, String>>()?;
            exceptions.push((k, cuts));
        }
        Ok(TokenizerData {
            clitics,
            abbreviations,
            non_abbreviations,
            abbreviation_shapes,
            final_abbreviations,
            final_keeps_period,
            joins,
            join_chars,
            flips,
            leads,
            trails,
            punct_joins,
            punct_splits,
            unit_suffixes,
            unit_keeps,
            unit_split_default,
            exceptions,
        })
    }
}

/// Learns the character tables: connecting characters, attached characters and
/// punctuation pairs.
fn learn_characters(examples: &[Example], data: &mut TokenizerData) {
    let mut joins = Tally::default();
    let mut leads = Tally::default();
    let mut trails = Tally::default();
    let mut pairs = Tally::default();
    let mut units = Vec::new();
    for ex in examples {
        for chunk in chunks(&ex.text) {
            units_of(&ex.text[chunk.clone()], chunk.start, &mut units);
            let mut in_url = vec![false; units.len()];
            for (a, b) in url_cores(&ex.text, &units) {
                in_url[a..b].iter_mut().for_each(|x| *x = true);
            }
            let u = &units;
            for i in 0..u.len() {
                if u[i].alnum() || in_url[i] {
                    continue;
                }
                let before = i > 0 && u[i - 1].alnum();
                let after = i + 1 < u.len() && u[i + 1].alnum();
                let cut_before = ex.at(u[i].start);
                let cut_after = ex.at(u[i].end);
                if before && after {
                    let k = key3(u[i - 1].class, u[i].base, u[i + 1].class);
                    joins.add(k, !(cut_before && cut_after));
                } else if after {
                    leads.add(key2(u[i].base, u[i + 1].class), !cut_after);
                } else if before && u[i].base != '.' {
                    trails.add(key2(u[i - 1].class, u[i].base), !cut_before);
                }
                if i + 1 < u.len() && !u[i + 1].alnum() {
                    pairs.add(key2(u[i].base, u[i + 1].base), !cut_after);
                }
            }
        }
    }
    // A character joins in unseen contexts when it joins in every context seen.
    let middle = |k: &String| k.chars().nth(1).unwrap_or(' ');
    let mut split_somewhere: HashSet<char> = HashSet::default();
    let mut seen: HashSet<char> = HashSet::default();
    for (k, &(y, n)) in &joins.0 {
        seen.insert(middle(k));
        if n >= y {
            split_somewhere.insert(middle(k));
        }
    }
    let chars: HashSet<String> = seen
        .difference(&split_somewhere)
        .map(|c| c.to_string())
        .collect();
    data.join_chars = sorted(chars);
    data.joins = joins
        .majority(MIN_COUNT)
        .into_iter()
        .filter(|k| !data.join_chars.contains(&middle(k).to_string()))
        .collect();
    data.leads = leads.majority(MIN_COUNT);
    data.trails = trails.majority(MIN_COUNT);
    let same = |k: &String| {
        let c: Vec<char> = k.chars().collect();
        c.len() == 2 && c[0] == c[1]
    };
    data.punct_joins = pairs
        .majority(MIN_COUNT)
        .into_iter()
        .filter(|k| !same(k))
        .collect();
    let mut splits: Vec<String> = pairs
        .0
        .iter()
        .filter(|(k, &(y, n))| same(k) && n >= MIN_COUNT && n > y)
        .map(|(k, _)| k.clone())
        .collect();
    splits.sort();
    data.punct_splits = splits;
}

/// Learns abbreviations, clitics, flips and unit suffixes from traced runs.
fn learn_words(examples: &[Example], data: &mut TokenizerData) {
    let tok = Tokenizer::new(data.clone());
    let mut out = Vec::new();
    let mut traces = Vec::with_capacity(examples.len());
    for ex in examples {
        let mut t = Trace::default();
        out.clear();
        tok.run(&ex.text, &mut out, Some(&mut t));
        traces.push(t);
    }

    // Abbreviations: does the gold keep the period with the word?
    let mut mid = Tally::default();
    let mut fin = Tally::default();
    let mut shapes: HashMap<String, Tally<String>> = HashMap::default();
    for (ex, t) in examples.iter().zip(&traces) {
        for (word, shape, at, is_final) in &t.periods {
            let keep = !ex.at(*at);
            if *is_final {
                fin.add(word.clone(), keep);
            } else {
                mid.add(word.clone(), keep);
                shapes
                    .entry(word.clone())
                    .or_default()
                    .add(shape.clone(), true);
            }
        }
    }
    // A word's shape is its most frequent one (ties: the first in order).
    let shape_of: HashMap<&String, String> = shapes
        .iter()
        .map(|(w, t)| {
            let best =
                t.0.iter()
                    .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(a.0)));
            (w, best.map(|(s, _)| s.clone()).unwrap_or_default())
        })
        .collect();
    let class = |w: &str| {
        if abbreviation_shaped(w) {
            String::new()
        } else {
            shape_of.get(&w.to_string()).cloned().unwrap_or_default()
        }
    };
    let (keep_shapes, yes, no) = with_defaults(&mid, class, true, 1);
    data.abbreviation_shapes = sorted(keep_shapes.into_iter().filter(|s| !s.is_empty()).collect());
    data.abbreviations = yes;
    data.non_abbreviations = no;
    let tok = Tokenizer::new(data.clone());
    let (mut keep, mut split) = (0, 0);
    for (w, &(y, n)) in &fin.0 {
        let shape = shape_of.get(w).cloned().unwrap_or_default();
        if tok.keeps_period(w, &shape, false) {
            keep += y;
            split += n;
        }
    }
    data.final_keeps_period = keep > split;
    data.final_abbreviations = if data.final_keeps_period {
        Vec::new()
    } else {
        fin.majority(1)
    };

    // Flips: connecting characters decided against the joins table.
    let mut flips = Tally::default();
    for (ex, t) in examples.iter().zip(&traces) {
        for (key, r, joined) in &t.connectors {
            let gold_joined = !(ex.at(r.start) && ex.at(r.end));
            flips.add(key.clone(), gold_joined != *joined);
        }
    }
    data.flips = flips.majority(MIN_COUNT);

    // Clitics: gold cuts inside a segment where an apostrophe-bearing suffix follows a
    // letter; kept when most segments ending that way are split there.
    let mut candidates: HashMap<String, usize> = HashMap::default();
    for (ex, t) in examples.iter().zip(&traces) {
        for r in &t.segments {
            let s = &ex.text[r.clone()];
            let mut prev: Option<char> = None;
            for (i, c) in s.char_indices() {
                if i > 0 && ex.at(r.start + i) && prev.is_some_and(char::is_alphabetic) {
                    let suffix = fold_str(&s[i..]);
                    let clitic_like = suffix.chars().all(|c| c == '\'' || c.is_alphabetic());
                    if clitic_like
                        && suffix.contains('\'')
                        && suffix.chars().any(char::is_alphabetic)
                    {
                        *candidates.entry(suffix).or_default() += 1;
                    }
                }
                prev = Some(c);
            }
        }
    }
    let mut totals: HashMap<&str, usize> = HashMap::default();
    for (ex, t) in examples.iter().zip(&traces) {
        for r in &t.segments {
            let s = fold_str(&ex.text[r.clone()]);
            for k in candidates.keys() {
                if let Some(stem) = s.strip_suffix(k.as_str()) {
                    if stem.chars().last().is_some_and(char::is_alphabetic) {
                        *totals.entry(k.as_str()).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut clitics: Vec<String> = candidates
        .iter()
        .filter(|(k, &n)| n >= MIN_COUNT && 2 * n > totals.get(k.as_str()).copied().unwrap_or(0))
        .map(|(k, _)| k.clone())
        .collect();
    clitics.sort();
    data.clitics = clitics;

    // Unit suffixes: a digit-led segment ending in letters, split before the letters.
    let mut units = Tally::default();
    for (ex, t) in examples.iter().zip(&traces) {
        for r in &t.segments {
            let s = &ex.text[r.clone()];
            let Some(at) = s
                .char_indices()
                .find(|&(_, c)| c.is_alphabetic())
                .map(|(i, _)| i)
            else {
                continue;
            };
            let (head, tail) = s.split_at(at);
            if head.starts_with(|c: char| c.is_numeric())
                && head.chars().last().is_some_and(char::is_numeric)
                && tail.chars().all(char::is_alphabetic)
            {
                units.add(fold_str(tail), ex.at(r.start + at));
            }
        }
    }
    let length = |k: &str| if k.chars().nth(1).is_some() { "2" } else { "1" }.to_string();
    let (split_classes, yes, no) = with_defaults(&units, length, true, MIN_COUNT);
    data.unit_split_default = [split_classes.contains("1"), split_classes.contains("2")];
    data.unit_suffixes = yes;
    data.unit_keeps = no;
}

/// Learns the exception table: word pieces, then whole chunks, whose gold segmentation
/// the rules get wrong in most of their occurrences.
fn learn_exceptions(examples: &[Example], data: &mut TokenizerData) {
    for level in 0..2 {
        let tok = Tokenizer::new(data.clone());
        let mut total: HashMap<String, usize> = HashMap::default();
        let mut wrong: HashMap<(String, Vec<u16>), usize> = HashMap::default();
        let mut out = Vec::new();
        for ex in examples {
            let mut t = Trace::default();
            out.clear();
            tok.run(&ex.text, &mut out, Some(&mut t));
            let mut pred = vec![false; ex.text.len() + 1];
            for r in &out {
                pred[r.start] = true;
                pred[r.end] = true;
            }
            let units = if level == 0 {
                t.pieces
            } else {
                chunks(&ex.text)
            };
            for r in units {
                let key = fold_str(&ex.text[r.clone()]);
                *total.entry(key.clone()).or_default() += 1;
                let gold_edges = ex.at(r.start) && ex.at(r.end);
                let cuts = ex.inner_cuts(&r);
                let pred_cuts: Vec<u16> = ex.text[r.clone()]
                    .char_indices()
                    .enumerate()
                    .skip(1)
                    .filter(|&(_, (i, _))| pred[r.start + i])
                    .map(|(k, _)| u16::try_from(k).unwrap_or(u16::MAX))
                    .collect();
                if gold_edges && cuts != pred_cuts && cuts.iter().all(|&c| c < u16::MAX) {
                    *wrong.entry((key, cuts)).or_default() += 1;
                }
            }
        }
        let mut best: HashMap<&String, (usize, &Vec<u16>)> = HashMap::default();
        for ((k, cuts), &n) in &wrong {
            let e = best.entry(k).or_insert((0, cuts));
            if n > e.0 || (n == e.0 && cuts < e.1) {
                *e = (n, cuts);
            }
        }
        let mut add: Vec<(String, Vec<u16>)> = best
            .into_iter()
            .filter(|(k, (n, _))| *n >= MIN_COUNT && 2 * n > total.get(*k).copied().unwrap_or(0))
            .map(|(k, (_, cuts))| (k.clone(), cuts.clone()))
            .collect();
        data.exceptions.append(&mut add);
        data.exceptions.sort();
        data.exceptions.dedup_by(|a, b| a.0 == b.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    /// Training sentences written for these tests: words separated by a space, or by `|`
    /// where no space follows in the raw text.
    const TRAIN: &[&str] = &[
        "We do|n't know why it|'s late|.",
        "They ca|n't say|, and I|'m sure it|’s fine|.",
        "She wo|n't go|; he did|n’t either|.",
        "I|'m told Dr. Smith met Dr. Jones after 3.5 hours and paid 1,000 dollars|.",
        "The well|-|known man|'s dog ate apples|, pears|, etc. at noon|.",
        "Send mail to bob@example.com or visit http://example.org/page|.",
        "Wait|... what|?",
        "Hmm|... no|!",
        "The U.S. team won 2,500 games in 1.5 years|.",
        "A self|-|made star|'s well|-|paid job|.",
        "The non-stop show ran|; the non-profit paid|.",
        "You|'d say we|'ve won|, and they|'d agree|; I|'ve seen it|.",
    ];

    fn train_sentences() -> Vec<Sentence> {
        let mut doc = String::new();
        for (n, line) in TRAIN.iter().enumerate() {
            let mut text = String::new();
            let mut rows = Vec::new();
            for (k, token) in line.split(' ').enumerate() {
                let words: Vec<&str> = token.split('|').collect();
                for (i, w) in words.iter().enumerate() {
                    let last = i + 1 == words.len() && k + 1 == line.split(' ').count();
                    let no_space = i + 1 < words.len() || last;
                    rows.push((w.to_string(), no_space));
                }
                text.push_str(&token.replace('|', ""));
                text.push(' ');
            }
            doc.push_str(&format!("# sent_id = t{n}\n# text = {}\n", text.trim_end()));
            for (i, (w, no_space)) in rows.iter().enumerate() {
                let misc = if *no_space { "SpaceAfter=No" } else { "_" };
                doc.push_str(&format!("{}\t{w}\t_\t_\t_\t_\t0\t_\t_\t{misc}\n", i + 1));
            }
            doc.push('\n');
        }
        conllu::parse(&doc, "test.conllu").expect("test CoNLL-U parses")
    }

    fn tokenizer() -> Tokenizer {
        Tokenizer::new(TokenizerData::learn(&train_sentences()))
    }

    fn words<'a>(tok: &Tokenizer, text: &'a str) -> Vec<&'a str> {
        tok.tokenize(text).into_iter().map(|r| &text[r]).collect()
    }

    /// Ranges are in order, non-empty, non-overlapping, on char boundaries and free of
    /// separators.
    fn assert_well_formed(text: &str, ranges: &[Range<usize>]) {
        let mut prev = 0;
        for r in ranges {
            assert!(
                r.start >= prev && r.start < r.end && r.end <= text.len(),
                "{text:?} {r:?}"
            );
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(!text[r.clone()].chars().any(is_separator), "{text:?} {r:?}");
            prev = r.end;
        }
    }

    #[test]
    fn learns_from_the_treebank() {
        let data = TokenizerData::learn(&train_sentences());
        for c in ["n't", "'s", "'m"] {
            assert!(
                data.clitics.iter().any(|x| x == c),
                "{c} in {:?}",
                data.clitics
            );
        }
        assert!(
            data.abbreviations.iter().any(|a| a == "dr.")
                || data.abbreviation_shapes.iter().any(|s| s == "C2")
        );
        assert!(data.flips.iter().any(|f| f == "non-"), "{:?}", data.flips);
        assert_eq!(
            TokenizerData::learn(&train_sentences()),
            data,
            "deterministic"
        );
    }

    #[test]
    fn tricky_strings() {
        let tok = tokenizer();
        let table: &[(&str, &[&str])] = &[
            (
                "I don't think it's over.",
                &["I", "do", "n't", "think", "it", "'s", "over", "."],
            ),
            (
                "They can't, and we won’t!",
                &["They", "ca", "n't", ",", "and", "we", "wo", "n’t", "!"],
            ),
            ("DON'T panic", &["DO", "N'T", "panic"]),
            ("(I'm here.)", &["(", "I", "'m", "here", ".", ")"]),
            ("Ann’s cat sat", &["Ann", "’s", "cat", "sat"]),
            (
                "Dr. Brown owns a well-known shop.",
                &[
                    "Dr.", "Brown", "owns", "a", "well", "-", "known", "shop", ".",
                ],
            ),
            ("a non-stick pan", &["a", "non-stick", "pan"]),
            (
                "It costs 12,345 or 7.25 each...",
                &["It", "costs", "12,345", "or", "7.25", "each", "..."],
            ),
            (
                "Mail ann.lee@test.org now",
                &["Mail", "ann.lee@test.org", "now"],
            ),
            (
                "See <https://x.example.com/a?b=1>.",
                &["See", "<", "https://x.example.com/a?b=1", ">", "."],
            ),
            (
                "Go to www.example.com, then",
                &["Go", "to", "www.example.com", ",", "then"],
            ),
            ("The U.K. team", &["The", "U.K.", "team"]),
            (
                "\"Quoted,\" she said",
                &["\"", "Quoted", ",", "\"", "she", "said"],
            ),
            ("Really?! No...", &["Really", "?", "!", "No", "..."]),
            ("we'd've gone", &["we", "'d", "'ve", "gone"]),
            ("'s", &["'s"]),
        ];
        for (text, want) in table {
            assert_eq!(&words(&tok, text), want, "{text}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let tok = tokenizer();
        let empty = Tokenizer::new(TokenizerData::default());
        let long_punct = "-".repeat(5000) + &"?!.".repeat(3000);
        let long_word = "a-".repeat(5000) + "'s";
        let mut inputs: Vec<String> = [
            "",
            " ",
            "   \t\n ",
            "\u{301}",
            " \u{301}\u{302} x",
            "a\u{301}b",
            "😀",
            "👍🏽🇺🇸🇫🇷",
            "👨\u{200D}👩\u{200D}👧 ok",
            "''",
            "'s",
            "n't",
            "'",
            "’",
            "`",
            "...",
            ". . .",
            "-",
            "\u{0}\u{1}x\u{7f}",
            "a\u{200B}b",
            "\u{FEFF}",
            "@",
            "@@x",
            "a@b",
            "x@",
            "://",
            "http://",
            "www.",
            "mailto:",
            "a.",
            ".a",
            "U.S",
            "1,",
            ",1",
            "1-",
            "-1",
            "Ǆ'S",
            "İ'S",
            "ß's",
            "ﬀ",
            "\u{10FFFF}",
            "a\u{E0100}'s",
            "12ab",
            "3k.",
            "x--y",
            "a'b'c'd'",
            "«quoted»",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.push(long_punct);
        inputs.push(long_word);
        // Pseudo-random mixtures of awkward characters.
        let alphabet: Vec<char> = "aZ09 .,'’-/@:_&$%!?\"()<>\u{301}😀\u{200D}İß\t\u{0}n't"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            inputs.push(s);
        }
        for text in &inputs {
            for t in [&tok, &empty] {
                let ranges = t.tokenize(text);
                assert_well_formed(text, &ranges);
                // Every non-separator character is covered.
                let covered: usize = ranges.iter().map(|r| text[r.clone()].chars().count()).sum();
                let visible = text.chars().filter(|&c| !is_separator(c)).count();
                assert_eq!(covered, visible, "{text:?}");
            }
        }
    }

    #[test]
    fn write_read_round_trip_and_truncation() {
        let data = TokenizerData::learn(&train_sentences());
        let mut w = Writer::default();
        data.write(&mut w);
        let bytes = w.buf;
        let mut r = Reader::new(&bytes);
        assert_eq!(TokenizerData::read(&mut r), Ok(data.clone()));
        assert!(r.at_end());
        for n in 0..bytes.len() {
            let mut r = Reader::new(&bytes[..n]);
            assert!(TokenizerData::read(&mut r).is_err(), "truncated at {n}");
        }
        let mut bad = bytes.clone();
        bad[0] = VERSION.wrapping_add(1);
        assert!(TokenizerData::read(&mut Reader::new(&bad)).is_err());
        let mut w = Writer::default();
        TokenizerData::default().write(&mut w);
        assert_eq!(
            TokenizerData::read(&mut Reader::new(&w.buf)),
            Ok(TokenizerData::default())
        );
    }

    #[test]
    fn corrupt_exceptions_are_ignored() {
        let data = TokenizerData {
            exceptions: vec![("ab".into(), vec![0, 5, 1]), ("cd".into(), vec![1])],
            ..TokenizerData::default()
        };
        let tok = Tokenizer::new(data);
        assert_eq!(words(&tok, "ab cd"), ["ab", "c", "d"]);
    }

    #[test]
    fn gold_spans_and_scores() {
        let s = &train_sentences()[0];
        let text = s.raw_text();
        let gold = gold_spans(s, &text);
        let got: Vec<&str> = gold.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            got,
            ["We", "do", "n't", "know", "why", "it", "'s", "late", "."]
        );
        assert_eq!(span_matches(&gold, &gold), gold.len());
        assert_eq!(span_matches(&gold, &[0..2, 3..5, 3..6, 9..12]), 2);
        // A multiword token whose words are not substrings: all share the token's span.
        let doc = "# text = gonna go\n1-2\tgonna\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tgoing\t_\t_\t_\t_\t0\t_\t_\t_\n2\tto\t_\t_\t_\t_\t1\t_\t_\t_\n3\tgo\t_\t_\t_\t_\t1\t_\t_\t_\n";
        let s = &conllu::parse(doc, "x").expect("parses")[0];
        assert_eq!(gold_spans(s, "gonna go"), [0..5, 0..5, 6..8]);
    }
}
