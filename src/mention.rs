//! Mentions: which actors are named here?
//!
//! All registry names are matched at once with aho-corasick over the plain text, then
//! filtered by case rules (acronyms match exactly, capitalised names need a capital) and
//! whole-word boundaries, and resolved leftmost-longest. Demonyms count only before a
//! noun that stands for the state ("Turkish troops"); capitals only when they act
//! ("Paris calls on", not "in Paris"). Titles introduce people the registry does not
//! know ("Defence Minister Hulusi Akar"), who become new actors affiliated with the
//! state or group named before the title.

use foldhash::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::{Lexicon, PhraseIndex};
use crate::model::{Actor, ActorKind, NameRole};
use crate::normalize::{fold, Normalized};

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
    /// A pronoun or description resolved by reference.
    Reference,
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
    capital_first: bool,
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
}

impl<'a> ActorTable<'a> {
    /// A table of the registry `known` and no new actor yet.
    pub fn new(known: &'a [Actor]) -> Self {
        ActorTable {
            known,
            new: Vec::new(),
            new_names: HashMap::default(),
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

    /// The actor with this id, registry or new.
    pub fn by_id(&self, id: &str) -> Option<&Actor> {
        self.known
            .iter()
            .chain(self.new.iter())
            .find(|a| a.id == id)
    }

    /// Adds a new actor unless one with the same name exists; returns its index.
    pub fn add(&mut self, actor: Actor) -> usize {
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

/// Text an extractor reads before its names are compiled into a DFA as well: the DFA
/// scans faster but takes about as long to build as reading a few megabytes, which a
/// short run never earns back.
const DFA_AFTER_BYTES: usize = 4 << 20;

/// All registry names compiled into one automaton.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The names, quick to build.
    automaton: Option<AhoCorasick>,
    /// The same names as a DFA, built once `read` passes [`DFA_AFTER_BYTES`]; it finds
    /// exactly what `automaton` finds.
    dfa: std::sync::OnceLock<Option<AhoCorasick>>,
    /// Bytes of text searched so far (shared by clones: a heuristic only).
    read: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// What each name pattern stands for; patterns past these are title words.
    patterns: Vec<Pattern>,
    /// The patterns: every name, then the first word of every title.
    texts: Vec<String>,
    /// folded title -> word count, for quick lookup
    titles: PhraseIndex,
    /// Every title has a first word, and it is ASCII: the scan finds every place a title
    /// can start.
    titles_ascii: bool,
    state_organs: PhraseIndex,
    non_state: PhraseIndex,
    by_id: HashMap<String, usize>,
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

/// How names are matched: case-insensitively (case rules are applied afterwards), every
/// match reported, overlapping ones too.
fn names_builder(kind: aho_corasick::AhoCorasickKind) -> AhoCorasickBuilder {
    let mut b = AhoCorasickBuilder::new();
    b.ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(kind));
    b
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

const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "abu", "abd", "ould", "ag", "la",
    "le", "di", "du", "ben", "bint", "wa",
];

impl Matcher {
    /// Compiles the names of `actors` and the word lists of `lexicon`.
    pub fn new(actors: &[Actor], lexicon: &Lexicon) -> Self {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut by_id = HashMap::default();
        for (i, a) in actors.iter().enumerate() {
            by_id.insert(a.id.clone(), i);
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
        let mut firsts: Vec<&str> = titles
            .iter()
            .filter_map(|t| t.first().map(String::as_str))
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        // the names, then the first words of the titles: one scan finds both
        let firsts: Vec<String> = firsts.into_iter().map(str::to_string).collect();
        texts.extend(firsts);
        let automaton = names_builder(aho_corasick::AhoCorasickKind::ContiguousNFA)
            .build(&texts)
            // only fails past aho-corasick's size limits, far beyond the curated limits
            // (crate::limits); matching nothing is then the only safe answer
            .ok();
        Matcher {
            automaton,
            dfa: std::sync::OnceLock::new(),
            read: std::sync::Arc::default(),
            patterns,
            texts,
            titles_ascii: titles
                .iter()
                .all(|t| t.first().is_some_and(|w| w.is_ascii())),
            titles: PhraseIndex::new(titles),
            state_organs: PhraseIndex::new(state_organs),
            non_state: PhraseIndex::new(non_state),
            by_id,
        }
    }

    /// The automaton to search `len` more bytes with: the DFA once enough text has been
    /// read to pay for building it.
    fn names(&self, len: usize) -> Option<&AhoCorasick> {
        use std::sync::atomic::Ordering::Relaxed;
        let quick = self.automaton.as_ref();
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref().or(quick);
        }
        if self.read.fetch_add(len, Relaxed).saturating_add(len) < DFA_AFTER_BYTES {
            return quick;
        }
        self.dfa
            .get_or_init(|| {
                names_builder(aho_corasick::AhoCorasickKind::DFA)
                    .build(&self.texts)
                    .ok()
            })
            .as_ref()
            .or(quick)
    }

    /// Prepares for `bytes` more text: builds the DFA now when that much text will pay
    /// for it, rather than after the first megabytes have been read the slower way.
    pub fn expect(&self, bytes: usize) {
        if bytes >= DFA_AFTER_BYTES {
            self.names(bytes.saturating_add(DFA_AFTER_BYTES));
        }
    }

    /// Registry index of an actor id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Finds the mentions in a document's plain text, creating new actors in `table`.
    pub fn find(&self, text: &str, table: &mut ActorTable<'_>) -> Vec<Mention> {
        let bytes = text.as_bytes();
        let is_word = |i: usize| -> bool {
            text[i..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric())
        };
        let before_is_word = |i: usize| -> bool {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric())
        };
        // (start, end, pattern) of every name found on word boundaries
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        // word starts where a title word begins, for `titled_people`
        let mut title_starts: Vec<usize> = Vec::new();
        let automaton = self.names(text.len());
        for m in automaton
            .into_iter()
            .flat_map(|a| a.find_overlapping_iter(text))
        {
            let (s, e) = (m.start(), m.end());
            let Some(&p) = self.patterns.get(m.pattern().as_usize()) else {
                if is_word_start(text, s) {
                    title_starts.push(s);
                }
                continue;
            };
            if (s > 0 && before_is_word(s)) || (e < bytes.len() && is_word(e)) {
                continue;
            }
            let found = &text[s..e];
            let pat_text_first = found.chars().next();
            if p.acronym {
                // acronyms match in their own case only: "US" but not "us"
                if found != self.texts[m.pattern().as_usize()] {
                    continue;
                }
            } else if p.capital_first && !pat_text_first.is_some_and(char::is_uppercase) {
                continue;
            }
            candidates.push((s, e, m.pattern().as_usize()));
        }
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
        // Titles are matched in lower case. The scan folds ASCII only, which finds every
        // title word unless a non-ASCII letter lowercases into an ASCII one (the Kelvin
        // sign) or a title word is not ASCII: then every word may start a title.
        let exact = automaton.is_some() && self.titles_ascii && !text.contains('\u{212A}');
        let title_starts = if exact {
            title_starts.sort_unstable();
            title_starts.dedup();
            title_starts
        } else {
            word_offsets(text)
        };
        self.titled_people(text, &title_starts, &mut mentions, table);
        mentions.sort_by_key(|m| m.start);
        mentions
    }

    /// Does a word sequence from `list` start at byte `at`? Returns its end (the first
    /// phrase of the list that fits: the longest).
    fn phrase_at(list: &PhraseIndex, text: &str, at: usize) -> Option<usize> {
        // most words start no phrase: look at the first word before collecting four
        let candidates = starting_at(list, text, at)?;
        // the words `next_words` would read, as (start, end without its dots, end)
        let mut words = [(0, 0, 0); 4];
        let mut n = 0;
        let mut i = at;
        while n < words.len() {
            let Some((s, e)) = first_word(text, i) else {
                break;
            };
            words[n] = (s, s + text[s..e].trim_end_matches('.').len(), e);
            n += 1;
            i = e;
        }
        for phrase in candidates.iter().map(|&k| list.phrase(k)) {
            let Some(last) = phrase.len().checked_sub(1) else {
                continue;
            };
            if phrase.len() <= n
                && phrase
                    .iter()
                    .zip(&words)
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
                    let toks = next_words(text, m.end, 4);
                    if toks.is_empty() {
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
                    let toks = next_words(text, m.end, 1);
                    if toks.first().is_some_and(|(w, _, _)| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "province"
                                | "district"
                                | "airport"
                                | "city"
                                | "port"
                                | "suburbs"
                                | "residents"
                                | "streets"
                                | "peace"
                                | "process"
                                | "talks"
                                | "agreement"
                                | "accord"
                                | "accords"
                                | "format"
                                | "declaration"
                                | "summit"
                                | "conference"
                                | "meeting"
                                | "negotiations"
                                | "deal"
                                | "ceasefire"
                                | "truce"
                                | "region"
                        )
                    }) {
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
    /// `word_starts` holds every word start (as [`word_offsets`] finds them) where a
    /// title may begin, in order.
    fn titled_people(
        &self,
        text: &str,
        word_starts: &[usize],
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
        let mut scanned: foldhash::HashSet<&str> = Default::default();
        for m in &added {
            let name = &text[m.start..m.end];
            let Some(surname) = name.split_whitespace().last() else {
                continue;
            };
            if surname.len() < 3 {
                continue;
            }
            // An earlier person with this surname already looked at every later
            // occurrence (they cannot overlap one another), and what it found taken stays
            // taken: scanning again would add nothing.
            if !scanned.insert(surname) && !self_overlapping(surname) {
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
                let taken = taken_before.overlaps(s, e)
                    || taken_extra
                        .range(..e)
                        .next_back()
                        .is_some_and(|(_, &end)| s < end);
                if boundary_ok && !taken {
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

/// The indices, in order, of the phrases of `list` that may start at `at`: those whose
/// first word is the first word of [`next_words`] there (all of them if one is empty);
/// `None` when there are none. Allocates nothing for short ASCII words.
fn starting_at<'l>(list: &'l PhraseIndex, text: &str, at: usize) -> Option<&'l [usize]> {
    if list.has_empty() {
        return Some(list.starting_with(None));
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
    (!found.is_empty()).then_some(found)
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

/// Bounds of the first word [`next_words`] reads at `at` (before its trailing `.` is
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
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// `max_end[k]`: the largest end among the first `k + 1` spans.
    max_end: Vec<usize>,
}

impl IntervalIndex {
    /// An index of spans, sorted here by start (stably, so positions follow input order
    /// when the input is already sorted).
    fn sorted(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_by_key(|&(s, _)| s);
        let mut max_end = Vec::with_capacity(spans.len());
        let mut top = 0;
        for &(_, e) in &spans {
            top = top.max(e);
            max_end.push(top);
        }
        IntervalIndex {
            starts: spans.iter().map(|&(s, _)| s).collect(),
            ends: spans.iter().map(|&(_, e)| e).collect(),
            max_end,
        }
    }

    /// Is there a span with `start < e` and `end > s`?
    fn overlaps(&self, s: usize, e: usize) -> bool {
        let k = self.starts.partition_point(|&x| x < e);
        k > 0 && self.max_end[k - 1] > s
    }

    /// Positions of the spans that start before `at` and end in `from..=at`, last first.
    fn ending_in(&self, from: usize, at: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut k = self.starts.partition_point(|&x| x < at);
        while k > 0 && self.max_end[k - 1] >= from {
            k -= 1;
            if from <= self.ends[k] && self.ends[k] <= at {
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

/// Byte offsets where words start (see [`is_word_start`]).
fn word_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| is_word_start(text, i))
        .collect()
}

/// Does a word start at byte `at`? An alphanumeric character not preceded by one
/// (apostrophes after a letter stay inside the word: "Haftar's").
fn is_word_start(text: &str, at: usize) -> bool {
    if !text[at..].chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let before = text[..at].trim_end_matches('\'');
    !before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

/// End of the word starting at `s`: letters and digits, inner hyphens, and the dots of a
/// short abbreviation ("U.S.").
fn word_end(text: &str, s: usize) -> usize {
    let mut i = s;
    while i < text.len() {
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

/// Up to `n` words starting at `at`: (word, start, end).
pub(crate) fn next_words(text: &str, at: usize, n: usize) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut i = at;
    let bytes = text.as_bytes();
    while out.len() < n && i < bytes.len() {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let s = i;
        i = word_end(text, s);
        if i == s {
            break;
        }
        out.push((text[s..i].trim_end_matches('.').to_string(), s, i));
    }
    out
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
    for (w, _s, e) in next_words(text, at, 6) {
        let lower = w.to_lowercase();
        let first_upper = w.chars().next().is_some_and(char::is_uppercase);
        let particle = NAME_PARTICLES.contains(&lower.as_str())
            || NAME_PARTICLES.iter().any(|p| {
                lower
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('-'))
            });
        if count == 0 && !first_upper {
            return at;
        }
        if !(first_upper || particle) {
            break;
        }
        if first_upper
            && (MONTHS.contains(&lower.as_str()) || STOP_CAPITALS.contains(&lower.as_str()))
        {
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
        if !text[end.._s].trim().is_empty() {
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

const MONTHS: &[&str] = &[
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
];

const STOP_CAPITALS: &[&str] = &[
    "the", "a", "an", "and", "of", "in", "on", "said", "says", "told", "who", "which",
];

/// An id for a new actor: lowercase ASCII words joined by `-`.
pub fn slug(name: &str) -> String {
    let plain = fold(name);
    let mut out = String::new();
    for c in plain.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
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

    #[test]
    fn self_overlapping_words() {
        assert!(self_overlapping("anna"));
        assert!(self_overlapping("aaa"));
        assert!(!self_overlapping("Nasser"));
        assert!(!self_overlapping("Akar"));
    }
}
