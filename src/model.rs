//! The domain: actors, relation kinds, claims and their provenance.
//!
//! These types are independent of any file format; `graph::data` and `graph::file` convert records
//! into them through validating constructors.

use std::fmt;
use std::str::FromStr;

/// What sort of actor something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorKind {
    /// A sovereign or de facto state; stands for its government.
    State,
    /// A government or administration distinct from its state (rival governments).
    Government,
    /// A named person.
    Person,
    /// An army, militia, rebel movement or armed group.
    ArmedGroup,
    /// An international or regional organisation or one of its organs.
    InternationalOrganisation,
    /// A parliament, council, party or other political body.
    PoliticalBody,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// All kinds, in their canonical order.
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Government,
        ActorKind::Person,
        ActorKind::ArmedGroup,
        ActorKind::InternationalOrganisation,
        ActorKind::PoliticalBody,
        ActorKind::Other,
    ];

    /// The name used in files and output (`armed_group`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Government => "government",
            ActorKind::Person => "person",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::InternationalOrganisation => "international_organisation",
            ActorKind::PoliticalBody => "political_body",
            ActorKind::Other => "other",
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActorKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ActorKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown actor kind \"{s}\", expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// The three relation kinds; direction is always source -> target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// The source backs the target.
    Supports,
    /// The source acts or speaks against the target.
    Opposes,
    /// The source warns, threatens or calls on the target.
    Warns,
}

impl RelationKind {
    /// All kinds, in their canonical order.
    pub const ALL: [RelationKind; 3] = [
        RelationKind::Supports,
        RelationKind::Opposes,
        RelationKind::Warns,
    ];

    /// The name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Opposes => "opposes",
            RelationKind::Warns => "warns",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        RelationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown relation kind \"{s}\", expected one of supports, opposes, warns")
            })
    }
}

/// A calendar date with optional month and day: `2020`, `2020-01`, `2020-01-05`.
///
/// Dates order by year, then month, then day, a missing part sorting first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date; month and day are 0 when absent.
    ///
    /// # Errors
    /// Returns a message when a part is out of range.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("year {year} out of range"));
        }
        if month > 12 || (month == 0 && day != 0) {
            return Err(format!("month {month} out of range"));
        }
        let max_day = match month {
            0 => 0,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day > max_day {
            return Err(format!("day {day} out of range"));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The first day this date can mean (`2020` -> 2020-01-01).
    pub fn start(self) -> (u16, u8, u8) {
        (self.year, self.month.max(1), self.day.max(1))
    }

    /// The last day this date can mean (`2020` -> 2020-12-31).
    pub fn end(self) -> (u16, u8, u8) {
        (
            self.year,
            if self.month == 0 { 12 } else { self.month },
            if self.day == 0 { 31 } else { self.day },
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("invalid date \"{s}\", expected YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let widths = [4, 2, 2];
        if parts.is_empty() || parts.len() > 3 {
            return Err(bad());
        }
        let mut nums = [0u16; 3];
        for (i, p) in parts.iter().enumerate() {
            if p.len() != widths[i] || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            nums[i] = p.parse().map_err(|_| bad())?;
        }
        Date::new(nums[0], nums[1] as u8, nums[2] as u8).map_err(|e| format!("{}: {e}", bad()))
    }
}

/// A half-open byte range `start..end` into a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// What an affiliation makes its actor to the actor it is affiliated with: the meaning
/// code reads, where [`Affiliation::role`] is the text people read ("prime minister
/// (selected by the LPDF …)" is [`AffiliationKind::HeadsGovernment`]).
///
/// The curated files write it as `"kind"` in snake case (`armed_forces_of`); how to choose
/// is in `data/README.md`. More kinds may come, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum AffiliationKind {
    /// The head of the actor: a state's head of state (president, monarch, supreme
    /// leader), the leader, chair or secretary general of a group, party, council or
    /// organisation, the head of a mission. A person who leads a group stands for it.
    Leads,
    /// Head of government: a state's prime minister, premier or chancellor, or the
    /// prime minister at the head of a government actor. Stands for a group it heads, but
    /// is not the head of state.
    HeadsGovernment,
    /// Military command of the actor: commander, commander-in-chief, chief of staff. A
    /// commander stands for the force he commands.
    Commands,
    /// A part of the actor: a faction, component, branch, wing, affiliate, organ, agency
    /// or mission of it, or a regional government or force within a state.
    Member,
    /// The armed forces of the actor: a state's army ("the Sudanese army"), a government's
    /// forces, a movement's armed wing.
    ArmedForcesOf,
    /// The government of the state: recognised or in control (a military government, de
    /// facto authorities). Not a rival, shadow, regional or exiled government.
    GovernmentOf,
    /// The legislature of the actor: its parliament or assembly.
    LegislatureOf,
    /// Speaks or negotiates for the actor: foreign minister, spokesperson, envoy,
    /// ambassador, representative.
    Represents,
    /// Any other tie (a minister other than the foreign minister, a deputy, an adviser, a
    /// group based in a state); the role text says what it is.
    Other,
}

impl AffiliationKind {
    /// All kinds, in their canonical order.
    pub const ALL: [AffiliationKind; 9] = [
        AffiliationKind::Leads,
        AffiliationKind::HeadsGovernment,
        AffiliationKind::Commands,
        AffiliationKind::Member,
        AffiliationKind::ArmedForcesOf,
        AffiliationKind::GovernmentOf,
        AffiliationKind::LegislatureOf,
        AffiliationKind::Represents,
        AffiliationKind::Other,
    ];

    /// The name used in files (`armed_forces_of`).
    pub fn as_str(self) -> &'static str {
        match self {
            AffiliationKind::Leads => "leads",
            AffiliationKind::HeadsGovernment => "heads_government",
            AffiliationKind::Commands => "commands",
            AffiliationKind::Member => "member",
            AffiliationKind::ArmedForcesOf => "armed_forces_of",
            AffiliationKind::GovernmentOf => "government_of",
            AffiliationKind::LegislatureOf => "legislature_of",
            AffiliationKind::Represents => "represents",
            AffiliationKind::Other => "other",
        }
    }

    /// Does the holder stand at the head of the actor (leads, heads its government or
    /// commands it), so that what a person says and does in the role counts for a group?
    pub fn heads(self) -> bool {
        matches!(
            self,
            AffiliationKind::Leads | AffiliationKind::HeadsGovernment | AffiliationKind::Commands
        )
    }

    /// The names of all kinds, for messages: "leads, heads_government, …, other".
    pub fn names() -> String {
        let names: Vec<&str> = AffiliationKind::ALL.iter().map(|k| k.as_str()).collect();
        names.join(", ")
    }
}

impl fmt::Display for AffiliationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AffiliationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        AffiliationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown affiliation kind \"{s}\", expected one of {}",
                    AffiliationKind::names()
                )
            })
    }
}

/// A link from an actor to the actor it serves or belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affiliation {
    /// Id of the actor served (a state, an army, an organisation).
    pub actor: String,
    /// The role as people read it, such as "defence minister" or "commander; led
    /// Operation Dignity …": shown in output, never read for meaning.
    pub role: String,
    /// What the role makes the actor to the one served, as code reads it.
    pub kind: AffiliationKind,
    /// When the affiliation began, if known.
    pub from: Option<Date>,
    /// When it ended, if it has.
    pub until: Option<Date>,
}

/// A state, government, person, armed group, organisation or political body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Stable identifier (`tur`, `khalifa-haftar`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// Formal name, if different.
    pub official_name: Option<String>,
    /// ISO 3166-1 alpha-3 code, for states.
    pub iso3: Option<String>,
    /// Other names, spellings and acronyms.
    pub aliases: Vec<String>,
    /// Adjectives and nouns for the people of a state.
    pub demonyms: Vec<String>,
    /// Capital city of a state, a metonym for it.
    pub capital: Option<String>,
    /// Names this actor knowingly shares with others.
    pub ambiguous_aliases: Vec<String>,
    /// Common nouns the news uses for this actor ("junta", "paramilitaries",
    /// "strongman"): a definite description ("the paramilitaries") refers back to it.
    pub descriptions: Vec<String>,
    /// Whom this actor serves or belongs to.
    pub affiliations: Vec<Affiliation>,
}

impl Actor {
    /// A bare actor with only an id, a name and a kind.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ActorKind) -> Self {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
            official_name: None,
            iso3: None,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            capital: None,
            ambiguous_aliases: Vec::new(),
            descriptions: Vec::new(),
            affiliations: Vec::new(),
        }
    }

    /// Every name this actor answers to: name, official name, aliases, iso3, capital and
    /// demonyms, each tagged with how it names the actor.
    pub fn names(&self) -> Vec<(&str, NameRole)> {
        let mut out = vec![(self.name.as_str(), NameRole::Name)];
        if let Some(o) = &self.official_name {
            out.push((o.as_str(), NameRole::Name));
        }
        out.extend(self.aliases.iter().map(|a| (a.as_str(), NameRole::Alias)));
        if let Some(c) = &self.iso3 {
            out.push((c.as_str(), NameRole::Code));
        }
        if let Some(c) = &self.capital {
            out.push((c.as_str(), NameRole::Capital));
        }
        out.extend(
            self.demonyms
                .iter()
                .map(|d| (d.as_str(), NameRole::Demonym)),
        );
        out
    }
}

/// How a string names an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameRole {
    /// The display or official name.
    Name,
    /// An alias or acronym.
    Alias,
    /// An ISO code.
    Code,
    /// The capital city (a metonym).
    Capital,
    /// A demonym (adjective or people).
    Demonym,
}

/// Where an extracted claim was read: the sentence and its byte span in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Document id (the file stem, or the article id).
    pub doc: String,
    /// 0-based index of the sentence in the document.
    pub sentence_index: usize,
    /// Byte span of the sentence in the original text.
    pub span: Span,
    /// The sentence text, `&text[span.start..span.end]`.
    pub sentence: String,
    /// Id of the extraction rule that fired.
    pub rule: String,
}

/// Where a curated fact is published: a structured source that a reader can open.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceRef {
    /// Address of the page or document, `http://` or `https://`.
    pub url: String,
    /// Who published it: a news agency, a UN body, a government, a think tank.
    pub publisher: String,
    /// When it was published.
    pub date: Date,
    /// When the curator last read it at `url`.
    pub accessed: Date,
}

impl SourceRef {
    /// One line for people: `Reuters, 2024-05-03, https://… (accessed 2026-12-06)`.
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {} (accessed {})",
            self.publisher, self.date, self.url, self.accessed
        )
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// Checks that `url` looks like `http(s)://host/…`: a scheme, a host with a dot (or
/// `localhost`) made of letters, digits, `-` and `.`, an optional port, and no space.
///
/// # Errors
/// A message saying what is wrong.
pub fn check_url(url: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("invalid url \"{url}\": {why}"));
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        r
    } else {
        return bad("expected http:// or https://");
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("it holds a space or control character");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return bad("invalid port"),
        None => authority,
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && !host.contains("..")
        && (host.contains('.') || host == "localhost");
    if !host_ok {
        return bad("expected a host such as www.un.org after the scheme");
    }
    Ok(())
}

/// Rounds a confidence to two decimals for stable output.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Where a claim comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Provenance {
    /// A curated fact with its citation.
    Curated {
        /// The source that establishes the fact, in words.
        citation: String,
        /// The same source, structured (url, publisher, dates), when the data gives it.
        source_ref: Option<Box<SourceRef>>,
        /// The conflict the curated file covers (its `conflict`: `Sudan`, `Syria`), when
        /// it names one; camps are computed per conflict.
        conflict: Option<String>,
    },
    /// A statement read in a document.
    Extracted(Evidence),
}

/// One statement that `source` -> `kind` -> `target`, with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Id of the acting actor.
    pub source: String,
    /// The relation.
    pub kind: RelationKind,
    /// Id of the actor acted upon.
    pub target: String,
    /// The source only suspects, alleges or reports the relation.
    pub hedged: bool,
    /// How sure the extractor or curator is, from 0 to 1.
    pub confidence: f64,
    /// When the relation began to hold (or the document date), if known.
    pub from: Option<Date>,
    /// When it stopped holding, if it has.
    pub until: Option<Date>,
    /// Citation or evidence.
    pub provenance: Provenance,
}

impl Claim {
    /// The document this claim was read in, or `None` for curated claims.
    pub fn doc(&self) -> Option<&str> {
        match &self.provenance {
            Provenance::Extracted(e) => Some(&e.doc),
            Provenance::Curated { .. } => None,
        }
    }

    /// The structured source of a curated claim, if it has one.
    pub fn source_ref(&self) -> Option<&SourceRef> {
        match &self.provenance {
            Provenance::Curated { source_ref, .. } => source_ref.as_deref(),
            Provenance::Extracted(_) => None,
        }
    }

    /// The conflict of a curated claim, when its file names one.
    pub fn conflict(&self) -> Option<&str> {
        match &self.provenance {
            Provenance::Curated { conflict, .. } => conflict.as_deref(),
            Provenance::Extracted(_) => None,
        }
    }

    /// The evidence text: the sentence, or the citation.
    pub fn evidence_text(&self) -> &str {
        match &self.provenance {
            Provenance::Extracted(e) => &e.sentence,
            Provenance::Curated { citation, .. } => citation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affiliation_kinds_read_their_names_and_only_those() {
        for k in AffiliationKind::ALL {
            assert_eq!(k.as_str().parse::<AffiliationKind>(), Ok(k));
        }
        let e = "leader".parse::<AffiliationKind>().unwrap_err();
        assert_eq!(
            e,
            "unknown affiliation kind \"leader\", expected one of leads, heads_government, \
             commands, member, armed_forces_of, government_of, legislature_of, represents, other"
        );
        // who stands at the head of what they hold
        let heads: Vec<&str> = AffiliationKind::ALL
            .into_iter()
            .filter(|k| k.heads())
            .map(AffiliationKind::as_str)
            .collect();
        assert_eq!(heads, ["leads", "heads_government", "commands"]);
    }
}
