//! Curated data: the JSON record types, loading with precise errors, and the embedded
//! default dataset.
//!
//! The records here are the file format; they convert into the domain types of
//! [`crate::model`] only after every check has passed.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{serde_message, Error, Location};
use crate::graph::KnowledgeGraph;
use crate::jsonpos::{line_col, JsonPositions};
use crate::limits::{MAX_NAMES_PER_LIST, MAX_NAME_BYTES};
use crate::model::{
    check_url, Actor, ActorKind, Affiliation, AffiliationKind, Claim, Date, Provenance,
    RelationKind, SourceRef,
};
use crate::text::normalize::fold;

/// The curated files compiled into the binary, as (name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("data/world.json", include_str!("../../data/world.json")),
    ("data/libya.json", include_str!("../../data/libya.json")),
    (
        "data/conflicts.json",
        include_str!("../../data/conflicts.json"),
    ),
    ("data/sudan.json", include_str!("../../data/sudan.json")),
    ("data/yemen.json", include_str!("../../data/yemen.json")),
    ("data/syria.json", include_str!("../../data/syria.json")),
    ("data/israel.json", include_str!("../../data/israel.json")),
    ("data/ukraine.json", include_str!("../../data/ukraine.json")),
    ("data/drc.json", include_str!("../../data/drc.json")),
    ("data/sahel.json", include_str!("../../data/sahel.json")),
    (
        "data/ethiopia.json",
        include_str!("../../data/ethiopia.json"),
    ),
    ("data/somalia.json", include_str!("../../data/somalia.json")),
    ("data/myanmar.json", include_str!("../../data/myanmar.json")),
    (
        "data/caucasus.json",
        include_str!("../../data/caucasus.json"),
    ),
    ("data/haiti.json", include_str!("../../data/haiti.json")),
];

/// The version of the curated file format this build reads.
pub const DATA_VERSION: u32 = 1;

/// Actors and curated claims, checked and ready to build a graph from.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Actors, in file order.
    pub actors: Vec<Actor>,
    /// Curated relations, in file order.
    pub claims: Vec<Claim>,
    /// For each claim (same order), the conflict its file covers (the file's `conflict`).
    pub conflicts: Vec<Option<String>>,
    /// Relations without a structured source (`cite`), each as an error naming its file,
    /// line and field. Loading accepts them (a free-text `citation` is enough);
    /// `geokg check` and the embedded data refuse them.
    pub unsourced: Vec<Error>,
}

/// One curated file, as a JSON record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRecord {
    /// Format version; must be 1.
    pub version: u32,
    /// The conflict this file's relations cover (`Sudan`, `Syria`), for coverage reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    /// Actors defined in this file.
    #[serde(default)]
    pub actors: Vec<ActorRecord>,
    /// Relations asserted in this file.
    #[serde(default)]
    pub relations: Vec<RelationRecord>,
}

/// An actor as written in a curated file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<AffiliationRecord>,
}

/// An affiliation as written in a curated file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct AffiliationRecord {
    pub actor: String,
    pub role: String,
    /// `leads`, `commands`, … ([`AffiliationKind`]); required, and checked with the other
    /// fields so that a missing one is reported with the allowed values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A relation as written in a curated file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RelationRecord {
    pub source: String,
    pub relation: String,
    pub target: String,
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<CiteRecord>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A structured source as written in a curated file: where the fact is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteRecord {
    /// `http://` or `https://` address of the page or document.
    pub url: String,
    /// Who published it (`Reuters`, `UN Security Council`).
    pub publisher: String,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// When the curator read it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub accessed: String,
}

impl From<&SourceRef> for CiteRecord {
    fn from(s: &SourceRef) -> Self {
        CiteRecord {
            url: s.url.clone(),
            publisher: s.publisher.clone(),
            date: s.date.to_string(),
            accessed: s.accessed.to_string(),
        }
    }
}

impl From<&Actor> for ActorRecord {
    fn from(a: &Actor) -> Self {
        ActorRecord {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str().to_string(),
            official_name: a.official_name.clone(),
            iso3: a.iso3.clone(),
            aliases: a.aliases.clone(),
            demonyms: a.demonyms.clone(),
            capital: a.capital.clone(),
            ambiguous_aliases: a.ambiguous_aliases.clone(),
            descriptions: a.descriptions.clone(),
            affiliations: a
                .affiliations
                .iter()
                .map(|f| AffiliationRecord {
                    actor: f.actor.clone(),
                    role: f.role.clone(),
                    kind: Some(f.kind.as_str().to_string()),
                    from: f.from.map(|d| d.to_string()),
                    until: f.until.map(|d| d.to_string()),
                })
                .collect(),
        }
    }
}

/// The embedded default dataset.
///
/// # Errors
/// Only if the data compiled into the binary is inconsistent, which the test suite rules out.
pub fn embedded() -> Result<Dataset, Vec<Error>> {
    load_texts(EMBEDDED.iter().map(|(p, t)| (p.to_string(), t.to_string())))
}

/// Reads and checks curated files from disk.
///
/// # Errors
/// Every problem found, each naming its file, line, column and field.
pub fn load_files<P: AsRef<Path>>(paths: &[P]) -> Result<Dataset, Vec<Error>> {
    load_texts(read_files(paths)?)
}

/// The text of each file as (path shown in messages, contents); every unreadable file
/// is an error.
fn read_files<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<(String, String)>, Vec<Error>> {
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let shown = p.as_ref().display().to_string();
        match crate::text::input::read_json(p.as_ref()) {
            Ok(text) => texts.push((shown, text)),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(texts)
    } else {
        Err(errors)
    }
}

/// Reads curated files from disk and checks them on top of the embedded data: the
/// result holds the embedded actors and relations followed by the files' own.
///
/// The files' relations may name the embedded actors (by id, name or alias), and their
/// affiliations may name them by id. An actor id the embedded data already has is an
/// error (naming the file, line and field), as is a name of a new actor that an
/// embedded actor already has, unless both mark it in `ambiguous_aliases`: an actor is
/// never redefined or merged in silence.
///
/// # Errors
/// Every problem found, each naming its file, line, column and field.
pub fn load_files_with_embedded<P: AsRef<Path>>(paths: &[P]) -> Result<Dataset, Vec<Error>> {
    load_texts_with_embedded(read_files(paths)?)
}

/// Checks curated files given as (path shown in messages, contents) on top of the
/// embedded data, as [`load_files_with_embedded`] does.
///
/// # Errors
/// Every problem found, each naming its file, line, column and field.
pub fn load_texts_with_embedded(
    files: impl IntoIterator<Item = (String, String)>,
) -> Result<Dataset, Vec<Error>> {
    let mut checker = Checker {
        embedded: EMBEDDED.len(),
        ..Checker::default()
    };
    for (path, text) in EMBEDDED {
        checker.add_file(path.to_string(), text.to_string());
    }
    for (path, text) in files {
        checker.add_file(path, text);
    }
    checker.finish()
}

/// Checks curated files given as (path shown in messages, contents).
///
/// # Errors
/// Every problem found, each naming its file, line, column and field.
pub fn load_texts(
    files: impl IntoIterator<Item = (String, String)>,
) -> Result<Dataset, Vec<Error>> {
    let mut checker = Checker::default();
    for (path, text) in files {
        checker.add_file(path, text);
    }
    checker.finish()
}

/// A parsed file with the means to locate its values.
struct ParsedFile {
    path: String,
    text: String,
    record: FileRecord,
    positions: Option<JsonPositions>,
}

impl ParsedFile {
    fn locate(&mut self, field: &str) -> Location {
        let positions = self
            .positions
            .get_or_insert_with(|| JsonPositions::new(&self.text));
        let (line, column) = line_col(&self.text, positions.offset(field));
        Location {
            path: self.path.clone(),
            line,
            column,
        }
    }
}

#[derive(Default)]
struct Checker {
    files: Vec<ParsedFile>,
    errors: Vec<Error>,
    /// How many of the first files are the embedded data (user files come after).
    embedded: usize,
}

/// Said after a clash with an actor of the embedded data, which the user cannot edit.
const EMBEDDED_HINT: &str =
    "the embedded data already has it: name that actor in your relations instead, or leave the embedded data out (--no-embedded)";

/// Where a name or id was first seen: (file index, json path, actor id).
type Seen = (usize, String, String);

/// Which field of an actor record a name comes from.
#[derive(Debug, Clone, Copy)]
enum NameField {
    Name,
    Official,
    Alias(usize),
    Demonym(usize),
    Capital,
}

impl NameField {
    /// The json path of the field in actor record `ai`.
    fn path(self, ai: usize) -> String {
        match self {
            NameField::Name => format!("actors[{ai}].name"),
            NameField::Official => format!("actors[{ai}].official_name"),
            NameField::Alias(i) => format!("actors[{ai}].aliases[{i}]"),
            NameField::Demonym(i) => format!("actors[{ai}].demonyms[{i}]"),
            NameField::Capital => format!("actors[{ai}].capital"),
        }
    }
}

fn parse_date(
    file: &mut ParsedFile,
    field: impl FnOnce() -> String,
    value: &Option<String>,
    errors: &mut Vec<Error>,
) -> Option<Date> {
    let s = value.as_ref()?;
    match s.parse::<Date>() {
        Ok(d) => Some(d),
        Err(message) => {
            let field = field();
            errors.push(Error::Data {
                location: file.locate(&field),
                field,
                message,
            });
            None
        }
    }
}

/// The kind of an affiliation record, or what is wrong with it (missing, or not one of
/// the names).
pub(crate) fn affiliation_kind(f: &AffiliationRecord) -> Result<AffiliationKind, String> {
    match &f.kind {
        Some(k) => k.parse(),
        None => Err(format!(
            "no kind: add \"kind\" with one of {}",
            AffiliationKind::names()
        )),
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Checker {
    fn add_file(&mut self, path: String, text: String) {
        // Parse without tracking paths first (the common case, and what every start of
        // geokg pays for the embedded data); only a file that fails is parsed again to
        // name the failing field.
        let parsed: Result<FileRecord, (String, serde_json::Error)> = serde_json::from_str(&text)
            .or_else(|_| {
                let mut de = serde_json::Deserializer::from_str(&text);
                serde_path_to_error::deserialize(&mut de)
                    .map_err(|e| (e.path().to_string(), e.into_inner()))
                    .and_then(|r| de.end().map(|()| r).map_err(|e| (String::new(), e)))
            });
        match parsed {
            Ok(record) => {
                let mut file = ParsedFile {
                    path,
                    text,
                    record,
                    positions: None,
                };
                if file.record.version != DATA_VERSION {
                    let location = file.locate("version");
                    self.errors.push(Error::Data {
                        location,
                        field: "version".into(),
                        message: format!(
                            "unsupported version {}, this build reads version {DATA_VERSION}",
                            file.record.version
                        ),
                    });
                }
                self.files.push(file);
            }
            Err((field, inner)) => {
                let field = crate::error::field_path(field);
                self.errors.push(Error::Data {
                    location: Location {
                        path,
                        line: inner.line(),
                        column: inner.column(),
                    },
                    field,
                    message: serde_message(&inner),
                });
            }
        }
    }

    fn finish(mut self) -> Result<Dataset, Vec<Error>> {
        let mut errors = std::mem::take(&mut self.errors);
        let mut ids: HashMap<String, Seen> = HashMap::new();
        let mut names: HashMap<String, Vec<(usize, usize, NameField, String)>> = HashMap::new();
        let mut actors = Vec::new();
        let mut ambiguous: HashMap<String, Vec<String>> = HashMap::new();

        // Pass 1: actors, ids and names.
        for fi in 0..self.files.len() {
            // taken out for the loop (locating errors needs the file mutably), put back after
            let records = std::mem::take(&mut self.files[fi].record.actors);
            for (ai, r) in records.iter().enumerate() {
                let base = format!("actors[{ai}]");
                let file = &mut self.files[fi];
                if !valid_id(&r.id) {
                    errors.push(Error::Data {
                        location: file.locate(&format!("{base}.id")),
                        field: format!("{base}.id"),
                        message: format!(
                            "invalid id \"{}\": use lowercase ASCII letters, digits and -",
                            r.id
                        ),
                    });
                }
                if let Some((pfi, ppath, _)) = ids.get(&r.id).cloned() {
                    let first = self.files[pfi].locate(&ppath);
                    let file = &mut self.files[fi];
                    let hint = if pfi < self.embedded && fi >= self.embedded {
                        format!("; {EMBEDDED_HINT}")
                    } else {
                        String::new()
                    };
                    errors.push(Error::Data {
                        location: file.locate(&format!("{base}.id")),
                        field: format!("{base}.id"),
                        message: format!(
                            "duplicate id \"{}\", first defined at {first}{hint}",
                            r.id
                        ),
                    });
                    continue;
                }
                ids.insert(r.id.clone(), (fi, format!("{base}.id"), r.id.clone()));
                let file = &mut self.files[fi];
                let kind = match r.kind.parse::<ActorKind>() {
                    Ok(k) => k,
                    Err(message) => {
                        errors.push(Error::Data {
                            location: file.locate(&format!("{base}.kind")),
                            field: format!("{base}.kind"),
                            message,
                        });
                        ActorKind::Other
                    }
                };
                if r.name.trim().is_empty() {
                    errors.push(Error::Data {
                        location: file.locate(&format!("{base}.name")),
                        field: format!("{base}.name"),
                        message: "name is empty".into(),
                    });
                }
                match (&r.iso3, kind) {
                    (Some(code), _)
                        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) =>
                    {
                        errors.push(Error::Data {
                            location: file.locate(&format!("{base}.iso3")),
                            field: format!("{base}.iso3"),
                            message: format!(
                                "invalid iso3 \"{code}\", expected three upper-case letters"
                            ),
                        })
                    }
                    (None, ActorKind::State) => errors.push(Error::Data {
                        location: file.locate(&base),
                        field: format!("{base}.iso3"),
                        message: format!("state \"{}\" has no iso3 code", r.id),
                    }),
                    _ => {}
                }
                check_limits(file, &base, r, &mut errors);
                let amb: Vec<String> = r.ambiguous_aliases.iter().map(|a| fold(a)).collect();
                // json paths are written out only when a message needs them
                let mut own: Vec<(String, NameField)> = vec![(fold(&r.name), NameField::Name)];
                if let Some(o) = &r.official_name {
                    own.push((fold(o), NameField::Official));
                }
                for (i, a) in r.aliases.iter().enumerate() {
                    own.push((fold(a), NameField::Alias(i)));
                }
                for (i, a) in r.demonyms.iter().enumerate() {
                    own.push((fold(a), NameField::Demonym(i)));
                }
                if let Some(c) = &r.capital {
                    own.push((fold(c), NameField::Capital));
                }
                let mut seen_here: Vec<String> = Vec::new();
                for (name, which) in own {
                    if name.is_empty() {
                        let path = which.path(ai);
                        errors.push(Error::Data {
                            location: file.locate(&path),
                            field: path,
                            message: "empty name".into(),
                        });
                        continue;
                    }
                    if seen_here.contains(&name) {
                        continue;
                    }
                    seen_here.push(name.clone());
                    if amb.contains(&name) {
                        ambiguous
                            .entry(name.clone())
                            .or_default()
                            .push(r.id.clone());
                    }
                    names
                        .entry(name)
                        .or_default()
                        .push((fi, ai, which, r.id.clone()));
                }
                actors.push((fi, ai, kind));
            }
            self.files[fi].record.actors = records;
        }

        // Names claimed by more than one actor must be marked ambiguous by every claimant.
        let mut clashes: Vec<(&String, Vec<Seen>)> = names
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(name, v)| {
                let seen = v
                    .iter()
                    .map(|(fi, ai, which, id)| (*fi, which.path(*ai), id.clone()))
                    .collect();
                (name, seen)
            })
            .collect();
        clashes.sort_by(|a, b| (a.1[1].0, &a.1[1].1).cmp(&(b.1[1].0, &b.1[1].1)));
        for (name, claimants) in clashes {
            let marked = ambiguous.get(name).cloned().unwrap_or_default();
            let (ffi, fpath, fid) = claimants[0].clone();
            for (fi, path, id) in claimants.iter().skip(1) {
                if marked.contains(id) && marked.contains(&fid) {
                    continue;
                }
                let first = self.files[ffi].locate(&fpath);
                let hint = if ffi < self.embedded && *fi >= self.embedded {
                    EMBEDDED_HINT
                } else {
                    "list it in ambiguous_aliases of both to share it"
                };
                let file = &mut self.files[*fi];
                errors.push(Error::Data {
                    location: file.locate(path),
                    field: path.clone(),
                    message: format!(
                        "\"{name}\" of \"{id}\" is also a name of \"{fid}\" ({first}); {hint}"
                    ),
                });
            }
        }

        // Pass 2: build actors with affiliations.
        let mut out_actors = Vec::new();
        for (fi, ai, kind) in actors {
            // each record is read once here: take it rather than clone it
            let r = std::mem::replace(
                &mut self.files[fi].record.actors[ai],
                ActorRecord {
                    id: String::new(),
                    name: String::new(),
                    kind: String::new(),
                    official_name: None,
                    iso3: None,
                    aliases: Vec::new(),
                    demonyms: Vec::new(),
                    capital: None,
                    ambiguous_aliases: Vec::new(),
                    descriptions: Vec::new(),
                    affiliations: Vec::new(),
                },
            );
            let base = format!("actors[{ai}]");
            let mut affiliations = Vec::new();
            for (i, f) in r.affiliations.iter().enumerate() {
                let p = format!("{base}.affiliations[{i}]");
                let file = &mut self.files[fi];
                if f.actor == r.id {
                    errors.push(Error::Data {
                        location: file.locate(&format!("{p}.actor")),
                        field: format!("{p}.actor"),
                        message: format!("\"{}\" is affiliated with itself", r.id),
                    });
                } else if !ids.contains_key(&f.actor) {
                    errors.push(unknown_ref(file, format!("{p}.actor"), &f.actor, &ids));
                }
                // a missing kind is located at the affiliation
                let kind = match affiliation_kind(f) {
                    Ok(k) => k,
                    Err(message) => {
                        errors.push(Error::Data {
                            location: file.locate(&format!("{p}.kind")),
                            field: format!("{p}.kind"),
                            message,
                        });
                        AffiliationKind::Other
                    }
                };
                let from = parse_date(file, || format!("{p}.from"), &f.from, &mut errors);
                let until = parse_date(file, || format!("{p}.until"), &f.until, &mut errors);
                check_range(file, &p, from, until, &mut errors);
                affiliations.push(Affiliation {
                    actor: f.actor.clone(),
                    role: f.role.clone(),
                    kind,
                    from,
                    until,
                });
            }
            out_actors.push(Actor {
                id: r.id,
                name: r.name,
                kind,
                official_name: r.official_name,
                iso3: r.iso3,
                aliases: r.aliases,
                demonyms: r.demonyms,
                capital: r.capital,
                ambiguous_aliases: r.ambiguous_aliases,
                descriptions: r.descriptions,
                affiliations,
            });
        }

        // Pass 3: relations. A side that is not an id is read as a name, alias, capital or
        // demonym (case-insensitive), as queries read names; the lookup graph is built
        // only when some side needs it.
        let mut resolver: Option<Option<KnowledgeGraph>> = None;
        let mut claims = Vec::new();
        let mut conflicts = Vec::new();
        let mut unsourced = Vec::new();
        for fi in 0..self.files.len() {
            let records = std::mem::take(&mut self.files[fi].record.relations);
            for (i, r) in records.iter().enumerate() {
                let p = format!("relations[{i}]");
                let file = &mut self.files[fi];
                let mut ok = true;
                let mut sides: [String; 2] = [String::new(), String::new()];
                for (k, (side, given)) in [("source", &r.source), ("target", &r.target)]
                    .into_iter()
                    .enumerate()
                {
                    if ids.contains_key(given) {
                        sides[k] = given.clone();
                        continue;
                    }
                    let graph = resolver
                        .get_or_insert_with(|| {
                            KnowledgeGraph::new(out_actors.clone(), Vec::new()).ok()
                        })
                        .as_ref();
                    match resolve_name(file, format!("{p}.{side}"), given, &ids, graph) {
                        Ok(id) => sides[k] = id,
                        Err(e) => {
                            errors.push(e);
                            ok = false;
                        }
                    }
                }
                let [source, target] = sides;
                if ok && source == target {
                    errors.push(Error::Data {
                        location: file.locate(&format!("{p}.target")),
                        field: format!("{p}.target"),
                        message: format!("\"{source}\" relates to itself"),
                    });
                    ok = false;
                }
                let kind = match r.relation.parse::<RelationKind>() {
                    Ok(k) => Some(k),
                    Err(message) => {
                        errors.push(Error::Data {
                            location: file.locate(&format!("{p}.relation")),
                            field: format!("{p}.relation"),
                            message,
                        });
                        None
                    }
                };
                if r.citation.trim().is_empty() {
                    errors.push(Error::Data {
                        location: file.locate(&format!("{p}.citation")),
                        field: format!("{p}.citation"),
                        message: "citation is empty".into(),
                    });
                    ok = false;
                }
                let source_ref = match &r.cite {
                    Some(c) => match check_cite(file, &p, c, &mut errors) {
                        Some(s) => Some(Box::new(s)),
                        None => {
                            ok = false;
                            None
                        }
                    },
                    None => {
                        unsourced.push(Error::Data {
                            location: file.locate(&p),
                            field: p.clone(),
                            message: "no structured source: add \"cite\" with url, publisher, date and accessed".into(),
                        });
                        None
                    }
                };
                let from = parse_date(file, || format!("{p}.from"), &r.from, &mut errors);
                let until = parse_date(file, || format!("{p}.until"), &r.until, &mut errors);
                check_range(file, &p, from, until, &mut errors);
                if let (true, Some(kind)) = (ok, kind) {
                    conflicts.push(file.record.conflict.clone());
                    claims.push(Claim {
                        source,
                        kind,
                        target,
                        hedged: r.hedged,
                        confidence: if r.hedged { 0.6 } else { 1.0 },
                        from,
                        until,
                        provenance: Provenance::Curated {
                            citation: r.citation.clone(),
                            source_ref,
                            conflict: file.record.conflict.clone(),
                        },
                    });
                }
            }
        }

        if errors.is_empty() {
            Ok(Dataset {
                actors: out_actors,
                claims,
                conflicts,
                unsourced,
            })
        } else {
            Err(errors)
        }
    }
}

/// The limits of [`crate::limits`] on an actor's names: list lengths and name sizes.
fn check_limits(file: &mut ParsedFile, base: &str, r: &ActorRecord, errors: &mut Vec<Error>) {
    let lists = [
        ("aliases", &r.aliases),
        ("demonyms", &r.demonyms),
        ("ambiguous_aliases", &r.ambiguous_aliases),
        ("descriptions", &r.descriptions),
    ];
    // (field, name): the json path is written out only for a name over the limit
    let mut long: Vec<(String, &String)> = Vec::new();
    let too_long = |n: &String| n.len() > MAX_NAME_BYTES;
    if too_long(&r.name) {
        long.push((format!("{base}.name"), &r.name));
    }
    long.extend(
        r.official_name
            .iter()
            .filter(|n| too_long(n))
            .map(|n| (format!("{base}.official_name"), n)),
    );
    long.extend(
        r.capital
            .iter()
            .filter(|n| too_long(n))
            .map(|n| (format!("{base}.capital"), n)),
    );
    for (list, values) in lists {
        if values.len() > MAX_NAMES_PER_LIST {
            let field = format!("{base}.{list}");
            errors.push(Error::Data {
                location: file.locate(&field),
                message: format!(
                    "{} names, more than the limit of {MAX_NAMES_PER_LIST} in one list",
                    values.len()
                ),
                field,
            });
            continue;
        }
        long.extend(
            values
                .iter()
                .enumerate()
                .filter(|(_, n)| too_long(n))
                .map(|(i, n)| (format!("{base}.{list}[{i}]"), n)),
        );
    }
    for (field, name) in long {
        errors.push(Error::Data {
            location: file.locate(&field),
            message: format!(
                "name of {} bytes, longer than the limit of {MAX_NAME_BYTES}",
                name.len()
            ),
            field,
        });
    }
}

/// Checks a structured source at json path `{base}.cite`: a url that looks like
/// `http(s)://host/…`, a publisher, dates that parse, read no earlier than published.
fn check_cite(
    file: &mut ParsedFile,
    base: &str,
    c: &CiteRecord,
    errors: &mut Vec<Error>,
) -> Option<SourceRef> {
    let p = format!("{base}.cite");
    let before = errors.len();
    if let Err(message) = check_url(&c.url) {
        errors.push(Error::Data {
            location: file.locate(&format!("{p}.url")),
            field: format!("{p}.url"),
            message,
        });
    }
    if c.publisher.trim().is_empty() {
        errors.push(Error::Data {
            location: file.locate(&format!("{p}.publisher")),
            field: format!("{p}.publisher"),
            message: "publisher is empty".into(),
        });
    }
    let date = parse_date(file, || format!("{p}.date"), &Some(c.date.clone()), errors);
    let accessed = parse_date(
        file,
        || format!("{p}.accessed"),
        &Some(c.accessed.clone()),
        errors,
    );
    if let (Some(d), Some(a)) = (date, accessed) {
        if a.end() < d.start() {
            errors.push(Error::Data {
                location: file.locate(&format!("{p}.accessed")),
                field: format!("{p}.accessed"),
                message: format!("accessed {a} is before the publication date {d}"),
            });
        }
    }
    match (date, accessed) {
        (Some(date), Some(accessed)) if errors.len() == before => Some(SourceRef {
            url: c.url.clone(),
            publisher: c.publisher.trim().to_string(),
            date,
            accessed,
        }),
        _ => None,
    }
}

fn check_range(
    file: &mut ParsedFile,
    base: &str,
    from: Option<Date>,
    until: Option<Date>,
    errors: &mut Vec<Error>,
) {
    if let (Some(f), Some(u)) = (from, until) {
        if f.start() > u.end() {
            errors.push(Error::Data {
                location: file.locate(&format!("{base}.until")),
                field: format!("{base}.until"),
                message: format!("until {u} is before from {f}"),
            });
        }
    }
}

/// The known id closest to `id`, if any is close.
fn close_id<'a>(id: &str, ids: &'a HashMap<String, Seen>) -> Option<&'a String> {
    let mut close: Vec<(f64, &String)> = ids
        .keys()
        .map(|k| (strsim::jaro_winkler(k, id), k))
        .filter(|(s, _)| *s > 0.85)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    close.first().map(|(_, k)| *k)
}

fn unknown_ref(
    file: &mut ParsedFile,
    field: String,
    id: &str,
    ids: &HashMap<String, Seen>,
) -> Error {
    let hint = close_id(id, ids)
        .map(|k| format!("; did you mean \"{k}\"?"))
        .unwrap_or_default();
    Error::Data {
        location: file.locate(&field),
        field,
        message: format!("unknown actor id \"{id}\"{hint}"),
    }
}

/// The id of the one actor a relation's source or target names (an id was looked up
/// already): its name, official name, alias, capital or demonym, case-insensitive, as
/// [`KnowledgeGraph::lookup`] reads names for queries.
fn resolve_name(
    file: &mut ParsedFile,
    field: String,
    given: &str,
    ids: &HashMap<String, Seen>,
    graph: Option<&KnowledgeGraph>,
) -> Result<String, Error> {
    let Some(graph) = graph else {
        return Err(unknown_ref(file, field, given, ids));
    };
    let found = graph.lookup(given);
    match found.as_slice() {
        [a] => Ok(a.id.clone()),
        [] => {
            let mut suggestions: Vec<String> = graph
                .suggest(given)
                .into_iter()
                .map(|name| match graph.lookup(&name).first() {
                    Some(a) => format!("\"{name}\" ({})", a.id),
                    None => format!("\"{name}\""),
                })
                .collect();
            suggestions.truncate(3);
            if suggestions.is_empty() {
                // a typo in an id ("gama" for "gamma")
                suggestions.extend(close_id(given, ids).map(|k| format!("\"{k}\"")));
            }
            let hint = if suggestions.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", suggestions.join(" or "))
            };
            Err(Error::Data {
                location: file.locate(&field),
                field,
                message: format!(
                    "unknown actor \"{given}\": no actor has this id, name or alias{hint}"
                ),
            })
        }
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|a| format!("\"{}\" ({})", a.name, a.id))
                .collect();
            Err(Error::Data {
                location: file.locate(&field),
                field,
                message: format!(
                    "\"{given}\" is ambiguous: it may mean {}; write the id instead",
                    list.join(", ")
                ),
            })
        }
    }
}
