//! The library's front door: build a graph, read text into it, ask it questions, add to
//! it and draw it, each in one call that returns the one [`Error`] type.
//!
//! These are methods of [`KnowledgeGraph`] and two small types, [`Reader`] and
//! [`Reading`]. They sit above every stage (data, extraction, merge, query, export) and
//! nothing in the crate imports them: the stages stay usable on their own.

use std::path::Path;

use crate::error::{Error, Result};
use crate::extract::{Engine, Extraction, Extractor};
use crate::graph::KnowledgeGraph;
use crate::model::{Actor, Claim, Date, Provenance, RelationKind, SourceRef};
use crate::query::question::Question;
use crate::query::{self, Options, Reply};

impl KnowledgeGraph {
    /// The graph of the curated data compiled into geokg.
    ///
    /// # Errors
    /// Only if the embedded data is inconsistent, which the test suite rules out.
    pub fn embedded() -> Result<KnowledgeGraph> {
        let data = crate::graph::data::embedded()?;
        KnowledgeGraph::new(data.actors, data.claims)
    }

    /// The curated data compiled into geokg with your own data files on top (the format
    /// of `data/*.json`, described in `docs/data.md`). Their relations may name the
    /// embedded actors by id, name or alias.
    ///
    /// ```no_run
    /// let graph = geokg::KnowledgeGraph::with_files(&["my_actors.json"])?;
    /// # Ok::<(), geokg::Error>(())
    /// ```
    ///
    /// # Errors
    /// An unreadable file, or every problem found in the files, each naming its file,
    /// line, column and field ([`Error::Several`] when there is more than one).
    pub fn with_files<P: AsRef<Path>>(paths: &[P]) -> Result<KnowledgeGraph> {
        let data = crate::graph::data::load_files_with_embedded(paths)?;
        KnowledgeGraph::new(data.actors, data.claims)
    }

    /// A reader of English text that knows this graph's actors, those you added
    /// included. Build it once and read many texts with it.
    ///
    /// ```
    /// let graph = geokg::KnowledgeGraph::embedded()?;
    /// let reading = graph.reader()?.read("note", "Ankara is arming the GNA.");
    /// let claim = reading.claims().next().unwrap();
    /// assert_eq!((claim.source(), claim.target()), ("Turkey", "Government of National Accord"));
    /// # Ok::<(), geokg::Error>(())
    /// ```
    ///
    /// # Errors
    /// Only if the compiled-in lexicon or syntax model is damaged, which the test suite
    /// rules out.
    pub fn reader(&self) -> Result<Reader> {
        let lexicon = crate::extract::lexicon::Lexicon::embedded()?;
        let extractor =
            Extractor::new(self.actors().to_vec(), lexicon).with_engine(Engine::Frames)?;
        Ok(Reader { extractor })
    }

    /// Adds what a [`Reader`] read: its claims, with their sentences as evidence, and
    /// the actors the text introduced. Adding the same reading twice changes nothing
    /// more (claims join as in `geokg merge`).
    ///
    /// ```
    /// let mut graph = geokg::KnowledgeGraph::embedded()?;
    /// let reading = graph.reader()?.read("note", "Qatar condemned the RSF.");
    /// graph.add_reading(&reading)?;
    /// assert!(graph.ask("does Qatar oppose the RSF")?.response.found());
    /// # Ok::<(), geokg::Error>(())
    /// ```
    ///
    /// # Errors
    /// When a claim names an actor neither this graph nor the reading knows (a reading
    /// made by the reader of another graph); the graph is then left as it was.
    pub fn add_reading(&mut self, reading: &Reading) -> Result<()> {
        let mut builder = crate::graph::merge::GraphBuilder::new();
        builder.add(self.actors().to_vec(), self.claims().to_vec());
        builder.add(
            reading.extraction.new_actors.clone(),
            reading.extraction.claims.clone(),
        );
        *self = builder.finish()?;
        Ok(())
    }

    /// Adds a curated claim given by actor names, with its citation.
    ///
    /// ```
    /// use geokg::{KnowledgeGraph, NewClaim, RelationKind};
    /// let mut graph = KnowledgeGraph::embedded()?;
    /// graph.add_claim(NewClaim::new("Norway", RelationKind::Supports, "M23", "my notes").hedged())?;
    /// let reply = graph.ask("does Norway back the M23")?;
    /// assert!(reply.findings()[0].hedged);
    /// # Ok::<(), geokg::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownActor`] (with close names) when a name matches no actor,
    /// [`Error::Usage`] when the citation is empty or the dates run backwards.
    pub fn add_claim(&mut self, claim: NewClaim) -> Result<()> {
        let source = self.resolve(&claim.source)?.id.clone();
        let target = self.resolve(&claim.target)?.id.clone();
        if claim.citation.trim().is_empty() {
            return Err(Error::Usage(format!(
                "the claim {} {} {} has no citation: say where it is established",
                claim.source, claim.relation, claim.target
            )));
        }
        if let (Some(from), Some(until)) = (claim.from, claim.until) {
            if until.end() < from.start() {
                return Err(Error::Usage(format!(
                    "the claim {} {} {} ends ({until}) before it begins ({from})",
                    claim.source, claim.relation, claim.target
                )));
            }
        }
        let new = Claim {
            source,
            kind: claim.relation,
            target,
            hedged: claim.hedged,
            confidence: if claim.hedged { 0.6 } else { 1.0 },
            from: claim.from,
            until: claim.until,
            provenance: Provenance::Curated {
                citation: claim.citation,
                source_ref: claim.source_ref.map(Box::new),
                conflict: None,
            },
        };
        // both ends are actors of the graph, so the graph rebuilt with the claim is valid
        let (actors, mut claims) = std::mem::replace(self, KnowledgeGraph::empty()).into_parts();
        claims.push(new);
        *self = KnowledgeGraph::new(actors, claims)?;
        Ok(())
    }

    /// Answers a question written as people write it: "who backs Haftar", "does Egypt
    /// back Haftar?", "how is France linked to Turkey", "what do we know about the RSF",
    /// "which camps in Libya". The graph's own names choose between readings.
    ///
    /// ```
    /// let graph = geokg::KnowledgeGraph::embedded()?;
    /// for finding in graph.ask("who backs Haftar")?.findings() {
    ///     let evidence = finding.evidence().next().unwrap_or_default();
    ///     println!("{} {} ({evidence})", finding.source.name, finding.relation);
    /// }
    /// # Ok::<(), geokg::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Question`] listing the understood forms when the question fits none;
    /// [`Error::UnknownActor`] when a name matches no actor.
    pub fn ask(&self, question: &str) -> Result<Reply<'_>> {
        let question = query::parse_in(self, question)?;
        self.answer(&question)
    }

    /// Answers a question already parsed (see [`Question`]'s `FromStr`), every form of
    /// it, with the default filters.
    ///
    /// # Errors
    /// [`Error::UnknownActor`] when a name matches no actor.
    pub fn answer(&self, question: &Question) -> Result<Reply<'_>> {
        query::ask(self, question, &Options::default())
    }

    /// The whole graph in Graphviz DOT, as `geokg export --format dot --all` draws it.
    pub fn to_dot(&self) -> String {
        crate::export::to_dot(self, &crate::export::DotOptions::standard())
    }

    /// The part of the graph within `depth` ties of a place or actor, in Graphviz DOT,
    /// as `geokg export --format dot --focus NAME --depth N --all` draws it: the focus
    /// is highlighted.
    ///
    /// ```
    /// let graph = geokg::KnowledgeGraph::embedded()?;
    /// let dot = graph.dot_around("Sudan", 1)?;
    /// assert!(dot.contains("Rapid Support Forces"));
    /// # Ok::<(), geokg::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownActor`] when the name is neither an actor nor a place.
    pub fn dot_around(&self, focus: &str, depth: usize) -> Result<String> {
        let window = crate::graph::time::Window::default();
        let (place, _) = query::place(self, focus, &window)?;
        let selected = crate::export::Selection {
            place: Some(place),
            depth,
            window,
            ..crate::export::Selection::default()
        }
        .apply(self)?;
        let options = crate::export::DotOptions {
            highlight: selected.focus.clone(),
            ..crate::export::DotOptions::standard()
        };
        Ok(crate::export::to_dot(&selected.graph, &options))
    }
}

/// The extractor of the curated data compiled in. It lives with the front door because
/// extraction sits below the curated data: the extractor is handed its registry, and only
/// the layers above know where the registry comes from.
impl Extractor {
    /// An extractor over the embedded registry and cue lexicon (the surface engine until
    /// [`Extractor::with_engine`] says otherwise; [`KnowledgeGraph::reader`] reads with
    /// the frame engine).
    ///
    /// # Errors
    /// Only if the embedded data is inconsistent, which the tests rule out.
    pub fn embedded() -> std::result::Result<Self, Vec<Error>> {
        let data = crate::graph::data::embedded()?;
        let lexicon = crate::extract::lexicon::Lexicon::embedded().map_err(|e| vec![e])?;
        Ok(Extractor::new(data.actors, lexicon))
    }
}

/// A curated claim to add with [`KnowledgeGraph::add_claim`]: actors by name, a
/// relation and the citation that establishes it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct NewClaim {
    /// The acting actor: a name, alias or id the graph knows.
    pub source: String,
    /// The relation.
    pub relation: RelationKind,
    /// The actor acted upon: a name, alias or id the graph knows.
    pub target: String,
    /// Where the fact is established, in words.
    pub citation: String,
    /// The same source, structured, when you have it.
    pub source_ref: Option<SourceRef>,
    /// The source only suspects, alleges or reports the relation.
    pub hedged: bool,
    /// When the relation began to hold.
    pub from: Option<Date>,
    /// When it stopped holding.
    pub until: Option<Date>,
}

impl NewClaim {
    /// `source` → `relation` → `target`, established by `citation`; not hedged, undated.
    pub fn new(
        source: impl Into<String>,
        relation: RelationKind,
        target: impl Into<String>,
        citation: impl Into<String>,
    ) -> NewClaim {
        NewClaim {
            source: source.into(),
            relation,
            target: target.into(),
            citation: citation.into(),
            source_ref: None,
            hedged: false,
            from: None,
            until: None,
        }
    }

    /// The same claim, only suspected, alleged or reported.
    pub fn hedged(mut self) -> NewClaim {
        self.hedged = true;
        self
    }

    /// The same claim, holding from `from` (and until `until`, when given).
    pub fn during(mut self, from: Date, until: Option<Date>) -> NewClaim {
        self.from = Some(from);
        self.until = until;
        self
    }

    /// The same claim with its source structured (publisher, dates, address).
    pub fn with_source(mut self, source: SourceRef) -> NewClaim {
        self.source_ref = Some(source);
        self
    }
}

/// Reads English text into claims, knowing the actors of the graph it came from
/// ([`KnowledgeGraph::reader`]). Reading never fails and does no I/O.
#[derive(Debug, Clone)]
pub struct Reader {
    extractor: Extractor,
}

impl Reader {
    /// Reads one text. `doc` names it in the evidence (a file name, an article id).
    pub fn read(&self, doc: &str, text: &str) -> Reading {
        let extraction = self.extractor.extract(doc, text);
        let names = {
            let namer = self.extractor.namer(&extraction);
            extraction
                .claims
                .iter()
                .map(|c| (namer(&c.source).to_string(), namer(&c.target).to_string()))
                .collect()
        };
        Reading { extraction, names }
    }
}

/// What a [`Reader`] read in one text: claims with their evidence, the actors the text
/// introduced, and notes.
#[derive(Debug, Clone)]
pub struct Reading {
    extraction: Extraction,
    /// (source, target) display names, parallel to the claims.
    names: Vec<(String, String)>,
}

impl Reading {
    /// The claims, in the order of the sentences they were read in.
    pub fn claims(&self) -> impl ExactSizeIterator<Item = ReadClaim<'_>> + '_ {
        self.extraction
            .claims
            .iter()
            .zip(&self.names)
            .map(|(claim, (source, target))| ReadClaim {
                claim,
                source,
                target,
            })
    }

    /// Actors the text introduced that the graph does not know (a titled person, an
    /// unknown group), as they will be added by [`KnowledgeGraph::add_reading`].
    pub fn new_actors(&self) -> &[Actor] {
        &self.extraction.new_actors
    }

    /// Things worth knowing about the text (new actors, ambiguous names); never errors.
    pub fn notes(&self) -> &[String] {
        &self.extraction.diagnostics
    }

    /// Text that was not read, such as an overlong sentence.
    pub fn warnings(&self) -> &[String] {
        &self.extraction.warnings
    }
}

/// One claim read in a text, with the names of its actors and its evidence.
#[derive(Debug, Clone, Copy)]
pub struct ReadClaim<'r> {
    claim: &'r Claim,
    source: &'r str,
    target: &'r str,
}

impl<'r> ReadClaim<'r> {
    /// The acting actor's name.
    pub fn source(&self) -> &'r str {
        self.source
    }

    /// The relation.
    pub fn relation(&self) -> RelationKind {
        self.claim.kind
    }

    /// The name of the actor acted upon.
    pub fn target(&self) -> &'r str {
        self.target
    }

    /// The text only suspects, alleges or reports the relation.
    pub fn hedged(&self) -> bool {
        self.claim.hedged
    }

    /// The sentence it was read in, as written.
    pub fn sentence(&self) -> &'r str {
        self.claim.evidence_text()
    }

    /// The sentence's byte range in the text: `&text[claim.span()]` is the sentence.
    pub fn span(&self) -> std::ops::Range<usize> {
        match &self.claim.provenance {
            Provenance::Extracted(e) => e.span.start..e.span.end,
            Provenance::Curated { .. } => 0..0,
        }
    }

    /// The claim itself, with actor ids and the full evidence.
    pub fn claim(&self) -> &'r Claim {
        self.claim
    }
}
