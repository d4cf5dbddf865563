//! Command-line front end. Exit codes: 0 results, 1 no result, 2 error.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use geokg::graph::{data, file as graph_file};
use geokg::query::report;
use geokg::syntax::{Model, Word};
use geokg::text::corpus::{Document, Item, Reader};
use geokg::{export, query, Error, KnowledgeGraph};

/// `eprintln!` that ignores a standard error it cannot write to (closed, on a full disk)
/// instead of panicking: messages are lost, the exit status still tells.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Build and query a knowledge graph of who supports, opposes and warns whom.
///
/// Without --graph, every command uses the curated data compiled into geokg.
#[derive(Parser, Debug)]
#[command(name = "geokg", version, about, long_about = None)]
#[command(after_help = "Examples:
  geokg query \"who backs Haftar\"
  geokg query \"how is France linked to Turkey\"
  geokg blocs --focus Libya
  geokg actor Haftar
  geokg export --format dot --focus Haftar --depth 1 -o haftar.dot
  geokg render --focus Haftar --depth 2 -o haftar.svg
  geokg view --focus Libya -o libya.html
  geokg export --format graphml -o geokg.graphml
  geokg check data/*.json
  echo \"Turkey backs the GNA.\" | geokg parse -

Exit status: 0 when there are results, 1 when there are none, 2 on error.")]
pub struct Cli {
    /// Use this graph file (from `geokg build` or `geokg export --format json`)
    /// instead of the embedded data.
    #[arg(long, global = true, value_name = "FILE")]
    graph: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Answer a natural question, with evidence.
    ///
    /// Forms (any tense, case-insensitive; names may be aliases, acronyms, demonyms,
    /// capitals, surnames or a small typo away):
    ///   who backs|supports|arms|funds|is behind|sides with X
    ///   who opposes|fights|attacks|condemns|is against X
    ///   who warned|threatens|urged|calls on X
    ///   what|whom does X back|oppose|warn
    ///   does X back Y? / is X against Y? / did X warn Y?
    ///   how is X linked to Y
    ///   allies of X / enemies of X
    ///   what do we know about X
    ///   which camps (in X)
    ///   any who/what/does/allies/enemies question + "in PLACE" (a state, a region
    ///   or a named conflict: "who backs the RSF in Sudan")
    ///
    /// Claims roll up through affiliations, shown "via": a claim about the LNA counts for
    /// its commander Haftar, a minister's warning for his state.
    #[command(verbatim_doc_comment)]
    #[command(after_help = "Examples:
  geokg query \"who backs Haftar\"
  geokg query \"who backs Haftar\" --why --no-hedged --min-docs 2
  geokg query \"who warned Haftar\" --no-rollup
  geokg query \"does Egypt back Haftar?\"
  geokg query \"how is France linked to Turkey\" --paths 5
  geokg query \"allies of the GNA\" --as-of 2020-06
  geokg query \"what do we know about Bashagha\" --since 2022
  geokg query \"which camps in Libya\" --json
  geokg query \"what does Russia back in Libya\"")]
    Query {
        /// The question, e.g. "who backs Haftar" or "how is France linked to Turkey".
        question: String,
        /// Print the documented JSON schema instead of text.
        #[arg(long)]
        json: bool,
        /// Show every claim behind each answer, with its sentence or citation.
        #[arg(long)]
        why: bool,
        /// How many paths "how is X linked to Y" shows at most.
        #[arg(long, value_name = "K", default_value_t = 3)]
        paths: usize,
        /// For "which camps in X": how many ties around X to follow.
        #[arg(long, value_name = "N", default_value_t = 1)]
        depth: usize,
        #[command(flatten)]
        filters: Filters,
    },
    /// Split actors into camps by structural balance: supports pulls together, opposes
    /// apart, warns apart weakly. Prints each camp, the ties that contradict the split and
    /// a balance score (1 = a clean split).
    ///
    /// With --focus, only the actors in a place are split: the actor it names and those
    /// affiliated with it, the parties to the named conflicts it labels or is part of,
    /// and those within --depth ties of them ("--focus Libya": Libya's governments,
    /// bodies and forces and whoever backs or fights them; "--focus Sahel": the parties
    /// to the Sahel war).
    #[command(after_help = "Examples:
  geokg blocs --focus Libya
  geokg blocs --focus \"the Sahel\"
  geokg blocs --focus Libya --since 2019 --until 2020 --why
  geokg blocs --focus Sudan --json
  geokg blocs --focus Haftar --depth 2
  geokg blocs")]
    Blocs {
        /// Split only the actors in this place: an actor (a name, alias, demonym,
        /// capital or id) or a named conflict ("Sahel", "Red Sea").
        #[arg(long, value_name = "PLACE")]
        focus: Option<String>,
        /// How many ties around the focus to follow.
        #[arg(long, value_name = "N", default_value_t = 1)]
        depth: usize,
        /// Print the documented JSON schema instead of text.
        #[arg(long)]
        json: bool,
        /// Show every claim behind the ties that contradict the split.
        #[arg(long)]
        why: bool,
        #[command(flatten)]
        filters: Filters,
    },
    /// Show an actor's profile: kind, names, affiliations, relations in and out.
    ///
    /// Example: geokg actor "Khalifa Haftar"
    Actor {
        /// A name, alias, acronym, demonym, capital or id.
        name: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export the graph: Graphviz DOT, a JSON graph file, GraphML, GEXF, Neo4j CSV,
    /// node-link JSON, JSON Lines of claims or an interactive HTML page.
    ///
    /// DOT draws a signed network: supports green solid, opposes red with a bar head,
    /// warns orange dashed, hedged dotted and pale; thicker lines have more documents;
    /// node shape and colour give the actor kind; a legend explains it all. DOT keeps
    /// the 200 best-evidenced actors (--all keeps every one) and says on stderr what it
    /// left out; the other formats carry every actor of the selection.
    ///
    /// Examples:
    ///   geokg export --format dot --focus Haftar --depth 2 -o haftar.dot
    ///   geokg export --format dot --relation opposes --min-docs 2 --cluster bloc
    ///   geokg export --format graphml -o geokg.graphml
    ///   geokg export --format gexf -o geokg.gexf
    ///   geokg export --format neo4j -o neo4j-import/
    ///   geokg export --format node-link -o geokg.nodelink.json
    ///   geokg export --format jsonl > claims.jsonl
    ///   geokg export --format html --focus Libya -o libya.html   (as `geokg view`)
    #[command(verbatim_doc_comment)]
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Dot)]
        format: Format,
        /// Write to this file (for neo4j: this directory) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        pick: Pick,
        #[command(flatten)]
        look: Look,
    },
    /// Draw the graph as an SVG, PNG or PDF picture with Graphviz.
    ///
    /// The picture format follows the file's extension. The layout engine follows the
    /// graph's size: dot (layered) up to 30 actors and 80 relations (200 and 400 with
    /// --cluster, since only dot draws the boxes), sfdp (force-directed) beyond;
    /// --engine chooses one. Takes the same options as
    /// `export --format dot`. Needs Graphviz (`apt-get install graphviz`).
    ///
    /// Examples:
    ///   geokg render -o geokg.svg
    ///   geokg render --focus Haftar --depth 1 -o haftar.png
    ///   geokg render --cluster bloc --min-docs 2 -o camps.pdf
    ///   geokg render --all --engine sfdp -o everything.svg
    #[command(verbatim_doc_comment)]
    Render {
        /// The picture to write: .svg, .png or .pdf.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Graphviz layout engine.
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
        #[command(flatten)]
        pick: Pick,
        #[command(flatten)]
        look: Look,
    },
    /// Write one self-contained interactive HTML page of the graph.
    ///
    /// The page holds the Graphviz picture (laid out as `render` lays it out), every
    /// actor, relation and piece of evidence, and a small script: find an actor by name
    /// or alias, click it to see its ties with their citations and sentences, filter by
    /// relation, hedging and dates, pan and zoom. It loads nothing from anywhere (no
    /// server, no network), so it can be opened from disk or sent as an attachment; the
    /// address's #fragment keeps the selection. Takes the options of `render`. Needs
    /// Graphviz (`apt-get install graphviz`).
    ///
    /// Examples:
    ///   geokg view --focus Libya -o libya.html
    ///   geokg view --focus Haftar --depth 2 --relation supports,opposes -o haftar.html
    ///   geokg --graph news.json view --since 2019 --until 2020 -o news.html
    #[command(verbatim_doc_comment)]
    View {
        /// The page to write (.html).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Graphviz layout engine.
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
        #[command(flatten)]
        pick: Pick,
        #[command(flatten)]
        look: Look,
    },
    /// Extract supports / opposes / warns relations from news text, with evidence.
    ///
    /// Takes files, directories (searched recursively for .txt and .md), - for standard
    /// input, and JSON Lines of articles ({"id", "title", "date", "url", "text"} per line;
    /// files ending in .jsonl, or any input with --jsonl). A document's id is the article's
    /// id, or the file name without its extension (for a file found in a directory, its
    /// path from there: 2024/05/report). Documents stream through and are read on all
    /// cores; the output is the same bytes whatever the thread count.
    /// Each JSON line has doc, source, source_id, relation, target, target_id, hedged,
    /// confidence, sentence, sentence_index, span, rule, and date when the article has one.
    ///
    /// Example: geokg extract articles/ --format jsonl > claims.jsonl
    ///
    /// Example: geokg extract --explain article.txt
    ///
    /// Example: geokg extract news.jsonl --threads 2 --quiet --format jsonl > claims.jsonl
    ///
    /// Example: cat news.jsonl | geokg extract --jsonl - --format fragments > part.jsonl
    Extract {
        /// Files, directories or - (standard input).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
        /// Show, for each sentence, its parse (one line of i:form/UPOS>head:deprel, head 0
        /// for the root; see `geokg parse`), the mentions and why each cue fired or was
        /// suppressed.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print the words of English text with their tags, lemmas and dependency parse.
    ///
    /// For reading a sentence's structure, and for debugging extraction rules. Inputs are
    /// read as `geokg extract` reads them (files, directories, .jsonl articles, - for
    /// standard input; the same document ids), split into sentences as extraction splits
    /// them, and each sentence is tokenized, tagged, lemmatized and parsed by the syntax
    /// model compiled into geokg (--model FILE loads another). A sentence over 8 KiB is not
    /// parsed: a warning names its document, index and byte span. Byte offsets count from
    /// the start of the document, as in extract's spans.
    ///
    /// --format conllu (default): CoNLL-U. Per document a "# newdoc id = DOC" line; per
    /// sentence "# sent_id = DOC-N" (N the 0-based sentence index, as in extract; white
    /// space in DOC becomes _), "# text = ..." (the sentence on one line, each run of
    /// white space or control characters collapsed to one space), one line per word
    /// with the ten columns ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC (FEATS
    /// and DEPS are _), and a blank line. MISC has SpaceAfter=No when the next word
    /// follows with no space, and TokenRange=START:END, the word's byte span in the
    /// document.
    ///
    /// --format json: one array of sentences:
    ///   {"doc": "DOC", "index": N, "span": [START, END], "text": "...",
    ///    "words": [{"id": 1, "form": "...", "lemma": "...", "upos": "PROPN", "xpos": "NNP",
    ///               "head": 2, "deprel": "nsubj", "span": [START, END]}, ...]}
    /// where text is the sentence as written, ids are 1-based, head 0 is the root, and
    /// spans are [start, end) byte offsets in the document.
    #[command(verbatim_doc_comment)]
    #[command(after_help = "Examples:
  echo \"Turkey backs the GNA.\" | geokg parse -
  geokg parse article.txt
  geokg parse --format json article.txt
  geokg parse --model my.syntax article.txt

Exit status: 0 when a sentence was parsed, 1 when the input has none, 2 on error.")]
    Parse {
        /// Files, directories or - (standard input).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParseFormat::Conllu)]
        format: ParseFormat,
        /// Use this syntax model file instead of the one compiled into geokg.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Build a graph file from curated data and news articles.
    ///
    /// Articles are read like `geokg extract` reads them. A document read twice (the same
    /// id and text) counts once. With --append, the new documents are added to the graph
    /// already in the output file.
    ///
    /// Example: geokg build --articles news/ -o graph.json
    ///
    /// Your data (--data) is added to the embedded data: its relations may name any actor
    /// by id, name or alias ("Turkey"), and an actor id or name the embedded data already
    /// has is an error. With --no-embedded only the named files are read. The global
    /// --graph option is refused here (exit 2): build starts from the curated data, and
    /// --append adds to the graph in the output file.
    ///
    /// Example: geokg build --data mine.json -o g.json
    ///
    /// Example: geokg build --no-embedded --data data/world.json mine.json --articles a.txt -o g.json
    ///
    /// Example: geokg build --append --articles today.jsonl -o graph.json
    ///
    /// Example: cat feed.jsonl | geokg build --jsonl --articles - --threads 2 -o g.json
    Build {
        /// Articles to extract from: files, directories, .jsonl files or -.
        #[arg(long, num_args = 1.., value_name = "PATH")]
        articles: Vec<PathBuf>,
        /// Curated data files, added to the embedded data (see --no-embedded).
        #[arg(long, num_args = 1.., value_name = "FILE")]
        data: Vec<PathBuf>,
        /// Read only the --data files, not the embedded data.
        #[arg(long, requires = "data")]
        no_embedded: bool,
        /// The graph file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Overwrite the output even if it is one of the inputs.
        #[arg(long)]
        force: bool,
        /// Add to the graph in the output file (created if missing) instead of replacing
        /// it; extraction uses the same registry as a fresh build (embedded or --data).
        #[arg(long)]
        append: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Merge graph files and fragments into one graph file, exactly.
    ///
    /// Inputs are graph files (from build, export --format json or merge) and fragment
    /// files (JSON Lines from extract --format fragments, such as the part files of a
    /// Spark job; - reads fragments from standard input). Claims are joined as a multiset
    /// keeping the largest count any input gives, so a document seen twice counts once,
    /// and merging is associative and idempotent. Give a graph that holds the registry
    /// (geokg build -o base.json) when merging fragments.
    ///
    /// Example: geokg merge a.json b.json -o all.json
    ///
    /// Example: geokg merge base.json shards/part-* -o all.json
    Merge {
        /// Graph files and fragment files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The graph file to write (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the output even if it is one of the inputs.
        #[arg(long)]
        force: bool,
    },
    /// Check curated data files and report every problem found.
    ///
    /// Without files, checks the embedded data. Every relation must give a structured
    /// source ("cite": url, publisher, date, accessed); the relations, actors and sources
    /// of each conflict (a file's "conflict") are counted.
    /// Example: geokg check data/world.json data/libya.json
    Check {
        /// Curated JSON files, checked together (ids may refer across files).
        files: Vec<PathBuf>,
    },
}

/// Claim filters shared by `query` and `blocs`.
#[derive(clap::Args, Debug, Clone)]
struct Filters {
    /// Do not roll claims up through affiliations: no "via" answers, and no affiliation
    /// links in paths and camps.
    #[arg(long)]
    no_rollup: bool,
    /// Leave out hedged (suspected, alleged) claims.
    #[arg(long)]
    no_hedged: bool,
    /// Keep only answers (for paths and camps: links) backed by at least N distinct
    /// documents or citations.
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_docs: usize,
    /// Keep claims that still held on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    /// Claims without any date are left out by every time filter.
    #[arg(long, value_name = "DATE")]
    since: Option<geokg::Date>,
    /// Keep claims that already held on or before DATE.
    #[arg(long, value_name = "DATE")]
    until: Option<geokg::Date>,
    /// Keep claims that held at DATE.
    #[arg(long, value_name = "DATE")]
    as_of: Option<geokg::Date>,
}

impl Filters {
    fn options(&self, paths: usize, depth: usize) -> query::Options {
        query::Options {
            rollup: !self.no_rollup,
            hedged: !self.no_hedged,
            min_docs: self.min_docs,
            window: geokg::graph::time::Window {
                since: self.since,
                until: self.until,
                as_of: self.as_of,
            },
            paths,
            depth,
            within: None,
        }
    }
}

/// How a corpus is read: shared by extract and build.
#[derive(clap::Args, Debug, Clone, Default)]
struct CorpusArgs {
    /// Read standard input and every named file as JSON Lines of articles
    /// ({"id", "title", "date", "url", "text"}), whatever the file names.
    #[arg(long)]
    jsonl: bool,
    /// Worker threads for extraction (default: RAYON_NUM_THREADS, else all cores); the
    /// main thread reads the input beside them.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Extraction engine: frames reads relation frames over the dependency parse
    /// (data/lexicon/en.json, docs/lexicon.md); surface reads cue phrases in word order
    /// (data/lexicon.json): much faster, less precise on real text.
    #[arg(long, value_enum, default_value_t = ExtractEngine::Frames)]
    extractor: ExtractEngine,
    /// Parse with this syntax model file instead of the one compiled into geokg (the
    /// frame engine and --explain parse; see `geokg parse --model`).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

impl CorpusArgs {
    /// The extractor these arguments ask for, built on `extractor`.
    fn configure(
        &self,
        extractor: geokg::extract::Extractor,
    ) -> Result<geokg::extract::Extractor, Vec<Error>> {
        let extractor = match &self.model {
            Some(path) => extractor.with_model(Model::load(path).map_err(|e| vec![e])?),
            None => extractor,
        };
        extractor
            .with_engine(self.extractor.engine())
            .map_err(|e| vec![e])
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Default)]
enum ExtractEngine {
    /// Relation frames over the dependency parse.
    #[default]
    Frames,
    /// Cue phrases in word order.
    Surface,
}

impl ExtractEngine {
    fn engine(self) -> geokg::extract::Engine {
        match self {
            ExtractEngine::Frames => geokg::extract::Engine::Frames,
            ExtractEngine::Surface => geokg::extract::Engine::Surface,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ExtractFormat {
    /// One line per relation, for people.
    Text,
    /// One JSON object per line: the claim line docs/json-output.md documents.
    Jsonl,
    /// One JSON array.
    Json,
    /// One graph fragment per document per line (new actors and claims with evidence),
    /// for `geokg merge`.
    Fragments,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ParseFormat {
    /// CoNLL-U: ten tab-separated columns per word, a blank line after each sentence.
    Conllu,
    /// One JSON array of sentences with their words.
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    /// Graphviz DOT, styled as a signed network, with a legend.
    Dot,
    /// The JSON graph file that --graph reads.
    Json,
    /// GraphML (yEd, Gephi, Cytoscape, networkx), with typed attributes.
    Graphml,
    /// GEXF 1.3 (Gephi), with time spells from claim dates.
    Gexf,
    /// CSV for `neo4j-admin database import`: actors.csv and relations.csv in -o DIR.
    Neo4j,
    /// Node-link JSON (networkx.node_link_graph, d3).
    NodeLink,
    /// JSON Lines: one claim with its evidence per line.
    Jsonl,
    /// One self-contained interactive HTML page, as `geokg view` writes (needs Graphviz).
    Html,
}

/// Which part of the graph to export or draw.
#[derive(clap::Args, Debug)]
struct Pick {
    /// Keep only the actors in this place and their ties: an actor and those affiliated
    /// with it, or a named conflict and its parties ("Libya", "Sahel", "Red Sea").
    #[arg(long, value_name = "PLACE")]
    focus: Option<String>,
    /// Hops around --focus to include.
    #[arg(long, default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Keep only these relations (supports, opposes, warns); repeat or separate with
    /// commas.
    #[arg(long, value_enum, value_name = "KIND", num_args = 1.., value_delimiter = ',')]
    relation: Vec<RelationArg>,
    /// Keep only relations backed by at least N distinct documents or citations.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_docs: usize,
    /// Keep claims that still held on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    /// Claims without any date are left out by every time filter.
    #[arg(long, value_name = "DATE")]
    since: Option<geokg::Date>,
    /// Keep claims that already held on or before DATE.
    #[arg(long, value_name = "DATE")]
    until: Option<geokg::Date>,
}

/// How a picture looks (DOT, render, view and HTML only).
#[derive(clap::Args, Debug)]
struct Look {
    /// Draw every actor, not only the 200 best-evidenced.
    #[arg(long)]
    all: bool,
    /// Direction of the layout (dot engine).
    #[arg(long, value_enum, default_value_t = RankDirArg::LR)]
    rankdir: RankDirArg,
    /// Group actors in boxes: by the state they are or serve, or by camp (a simple
    /// two-camp split of each conflict: supporters together, opponents apart).
    #[arg(long, value_enum, default_value_t = ClusterArg::None)]
    cluster: ClusterArg,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum RelationArg {
    Supports,
    Opposes,
    Warns,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
#[allow(clippy::upper_case_acronyms)]
enum RankDirArg {
    /// Left to right.
    LR,
    /// Top to bottom.
    TB,
    /// Right to left.
    RL,
    /// Bottom to top.
    BT,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ClusterArg {
    /// No boxes.
    None,
    /// By the state an actor is or serves (through its affiliations).
    Country,
    /// By camp: supporters together, opponents apart, per connected conflict.
    Bloc,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum EngineArg {
    /// dot for small graphs, sfdp for large ones.
    Auto,
    Dot,
    Sfdp,
    Neato,
    Fdp,
    Circo,
    Twopi,
}

/// What a command produced.
enum Outcome {
    /// Output to print, and whether it holds results.
    Output(String, bool),
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    match run(cli) {
        Ok(Outcome::Output(text, found)) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => i32::from(!found),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => i32::from(!found),
                Err(e) => {
                    eprintln!(
                        "geokg: cannot write output: {}",
                        e.to_string().to_lowercase()
                    );
                    2
                }
            }
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("geokg: {e}");
            }
            2
        }
    }
}

fn load_graph(path: &Option<PathBuf>) -> Result<KnowledgeGraph, Vec<Error>> {
    match path {
        None => geokg::default_graph().map_err(|e| e.problems().to_vec()),
        Some(p) => read_graph_file(p),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes `text` to `path` through a temporary file in the same directory, synced and
/// then renamed into place: a reader, a crash or a full disk sees the old file or the
/// new one, never a part. The new file keeps the old one's permissions.
///
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a pipe) is written
/// directly, never replaced; a symbolic link is followed, so its target is replaced and
/// the link stays.
fn write_file(path: &std::path::Path, text: impl AsRef<[u8]>) -> Result<(), Vec<Error>> {
    let shown = path.display().to_string();
    let io_error = |e: std::io::Error| {
        vec![Error::Io {
            path: shown.clone(),
            message: e.to_string().to_lowercase(),
        }]
    };
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() && !m.is_dir() {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_ref()))
                .map_err(io_error);
        }
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.geokg-tmp-{}", std::process::id()));
    // the new file keeps the permissions of the one it replaces
    let old_permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_ref()).and_then(|()| f.sync_all()))
        .and_then(|()| match old_permissions {
            Some(p) => std::fs::set_permissions(&tmp, p),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&tmp, &target));
    match result {
        Ok(()) => {
            // make the rename itself durable; not every file system can sync a directory
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(io_error(e))
        }
    }
}

/// Would writing `output` overwrite one of `inputs`: the same file under any spelling,
/// or a text file inside an input directory that a corpus read takes in?
fn overwrites_input(output: &std::path::Path, inputs: &[&PathBuf]) -> bool {
    let out = output.canonicalize().ok();
    let text_file = output.extension().is_some_and(|e| e == "txt" || e == "md");
    inputs.iter().any(|i| {
        if i.as_path() == output {
            return true;
        }
        match (&out, i.canonicalize()) {
            (Some(o), Ok(c)) => *o == c || (text_file && c.is_dir() && o.starts_with(&c)),
            _ => false,
        }
    })
}

fn run(cli: Cli) -> Result<Outcome, Vec<Error>> {
    match cli.command {
        Command::Query {
            question,
            json: as_json,
            why,
            paths,
            depth,
            filters,
        } => {
            let graph = load_graph(&cli.graph)?;
            let options = filters.options(paths, depth);
            let parsed = query::parse_in(&graph, &question).map_err(|e| vec![e])?;
            let reply = query::ask(&graph, &parsed, &options).map_err(|e| vec![e])?;
            for note in &reply.notes {
                eprintln!("geokg: note: {note}");
            }
            let found = reply.response.found();
            let text = if as_json {
                json(&report::reply_json(&question, &reply, why))
            } else {
                report::reply_text(&reply, why)
            };
            // The process ends with the answer: freeing the graph piece by piece would
            // take a tenth of a query's time, and the system takes the memory back anyway.
            drop(reply);
            std::mem::forget(graph);
            Ok(Outcome::Output(text, found))
        }
        Command::Blocs {
            focus,
            depth,
            json: as_json,
            why,
            filters,
        } => {
            let graph = load_graph(&cli.graph)?;
            let options = filters.options(0, depth);
            options.window.check().map_err(|e| vec![e])?;
            let place = focus_place(&graph, focus.as_deref(), &options.window)?;
            let blocs = geokg::query::blocs::blocs(&graph, place.as_ref(), &options);
            let found = !blocs.components.is_empty();
            let text = if as_json {
                json(&report::blocs_json(None, &blocs, why))
            } else {
                report::blocs_text(&blocs, why)
            };
            Ok(Outcome::Output(text, found))
        }
        Command::Actor {
            name,
            json: as_json,
        } => {
            let graph = load_graph(&cli.graph)?;
            let actor = graph.resolve(&name).map_err(|e| vec![e])?;
            let text = if as_json {
                json(&report::actor_json(&graph, actor))
            } else {
                report::actor_text(&graph, actor)
            };
            Ok(Outcome::Output(text, true))
        }
        Command::Export {
            format,
            output,
            pick,
            look,
        } => run_export(&cli.graph, format, output, &pick, &look),
        Command::Render {
            output,
            engine,
            pick,
            look,
        } => run_render(&cli.graph, &output, engine, &pick, &look),
        Command::View {
            output,
            engine,
            pick,
            look,
        } => run_view(&cli.graph, &output, engine, &pick, &look),
        Command::Extract {
            inputs,
            format,
            explain,
            corpus,
        } => run_extract(&inputs, format, explain, &corpus),
        Command::Parse {
            inputs,
            format,
            model,
        } => run_parse(&inputs, format, model.as_deref()),
        Command::Build {
            articles,
            data: data_files,
            no_embedded,
            output,
            force,
            append,
            corpus,
        } => {
            if let Some(g) = &cli.graph {
                return Err(vec![Error::Usage(format!(
                    "--graph {} cannot be used with build: build starts from the curated data \
                     (embedded, plus --data files); to add to an existing graph file, use \
                     build --append -o {} (or geokg merge)",
                    g.display(),
                    g.display()
                ))]);
            }
            run_build(
                &articles,
                &data_files,
                no_embedded,
                &output,
                force,
                append,
                &corpus,
            )
        }
        Command::Merge {
            inputs,
            output,
            force,
        } => run_merge(&inputs, output.as_ref(), force),
        Command::Check { files } => {
            // lexicon files (with "cues") are checked as lexicons, the rest as actor data
            let mut lexicons = 0;
            let mut data_files = Vec::new();
            let mut errors = Vec::new();
            for f in &files {
                let text = match geokg::text::input::read_json(f) {
                    Ok(t) => t,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                let is_lexicon = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .is_some_and(|v| v.get("cues").is_some());
                if is_lexicon {
                    match geokg::extract::lexicon::Lexicon::from_json(
                        &f.display().to_string(),
                        &text,
                    ) {
                        Ok(_) => lexicons += 1,
                        Err(e) => errors.push(e),
                    }
                } else {
                    data_files.push(f.clone());
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            if lexicons > 0 && data_files.is_empty() {
                return Ok(Outcome::Output(
                    format!("ok: {lexicons} lexicon file(s)\n"),
                    true,
                ));
            }
            let result = if files.is_empty() {
                data::embedded()
            } else {
                data::load_files(&data_files)
            };
            let data = result?;
            // a curated relation must say where it is published, not only in words
            if !data.unsourced.is_empty() {
                return Err(data.unsourced);
            }
            let what = if files.is_empty() {
                "embedded data".to_string()
            } else {
                plural_files(files.len())
            };
            Ok(Outcome::Output(
                format!(
                    "ok: {what}: {}, {}\n{}",
                    count(data.actors.len(), "actor"),
                    count(data.claims.len(), "relation"),
                    coverage(&data)
                ),
                true,
            ))
        }
    }
}

/// Coverage per conflict (the `conflict` of each file), for `geokg check`: relations,
/// the actors they name and the distinct sources (urls) behind them, one line each, in
/// order of first appearance; relations of files without a conflict come last.
fn coverage(data: &data::Dataset) -> String {
    use std::collections::BTreeSet;
    /// One conflict's figures.
    struct Row<'a> {
        conflict: Option<&'a str>,
        relations: usize,
        actors: BTreeSet<&'a str>,
        urls: BTreeSet<&'a str>,
    }
    let mut rows: Vec<Row<'_>> = Vec::new();
    for (c, conflict) in data.claims.iter().zip(&data.conflicts) {
        let conflict = conflict.as_deref();
        let i = match rows.iter().position(|r| r.conflict == conflict) {
            Some(i) => i,
            None => {
                rows.push(Row {
                    conflict,
                    relations: 0,
                    actors: BTreeSet::new(),
                    urls: BTreeSet::new(),
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[i];
        row.relations += 1;
        row.actors.insert(&c.source);
        row.actors.insert(&c.target);
        if let Some(s) = c.source_ref() {
            row.urls.insert(&s.url);
        }
    }
    rows.sort_by_key(|r| r.conflict.is_none());
    if rows.is_empty() {
        return String::new();
    }
    let named = rows.iter().filter(|r| r.conflict.is_some()).count();
    let mut out = format!(
        "coverage: {} with cited relations\n",
        count(named, "conflict")
    );
    let name = |r: &Row<'_>| r.conflict.unwrap_or("(no conflict)").to_string();
    let width = rows
        .iter()
        .map(|r| name(r).chars().count())
        .max()
        .unwrap_or(0);
    for r in &rows {
        let shown = name(r);
        let pad = width - shown.chars().count();
        out.push_str(&format!(
            "  {shown}{}  {}, {}, {}\n",
            " ".repeat(pad),
            count(r.relations, "relation"),
            count(r.actors.len(), "actor"),
            count(r.urls.len(), "source")
        ));
    }
    out
}

/// The place `--focus` names, with a note on stderr when the name was read loosely.
fn focus_place(
    graph: &KnowledgeGraph,
    focus: Option<&str>,
    window: &geokg::graph::time::Window,
) -> Result<Option<geokg::graph::place::Place>, Vec<Error>> {
    let Some(name) = focus else {
        return Ok(None);
    };
    let (place, note) = query::place(graph, name, window).map_err(|e| vec![e])?;
    if let Some(note) = note {
        eprintln!("geokg: note: {note}");
    }
    Ok(Some(place))
}

/// The selection the options ask for; pictures keep only the best-evidenced actors.
fn selection(
    graph: &KnowledgeGraph,
    pick: &Pick,
    look: Option<&Look>,
) -> Result<export::Selection, Vec<Error>> {
    let window = geokg::graph::time::Window {
        since: pick.since,
        until: pick.until,
        as_of: None,
    };
    Ok(export::Selection {
        place: focus_place(graph, pick.focus.as_deref(), &window)?,
        depth: pick.depth,
        relations: pick
            .relation
            .iter()
            .map(|r| match r {
                RelationArg::Supports => geokg::RelationKind::Supports,
                RelationArg::Opposes => geokg::RelationKind::Opposes,
                RelationArg::Warns => geokg::RelationKind::Warns,
            })
            .collect(),
        min_docs: pick.min_docs,
        window,
        limit: match look {
            Some(l) if !l.all => Some(export::DEFAULT_LIMIT),
            _ => None,
        },
    })
}

fn dot_options(look: &Look, selected: &export::Selected) -> export::DotOptions {
    export::DotOptions {
        rankdir: match look.rankdir {
            RankDirArg::LR => export::RankDir::LeftRight,
            RankDirArg::TB => export::RankDir::TopBottom,
            RankDirArg::RL => export::RankDir::RightLeft,
            RankDirArg::BT => export::RankDir::BottomTop,
        },
        cluster: match look.cluster {
            ClusterArg::None => export::Cluster::None,
            ClusterArg::Country => export::Cluster::Country,
            ClusterArg::Bloc => export::Cluster::Bloc,
        },
        legend: !look.no_legend,
        isolated: false,
        highlight: selected.focus.clone(),
        element_ids: false,
    }
}

/// Says on stderr what the actor limit left out of a picture.
fn report_left_out(selected: &export::Selected) {
    if selected.left_out.is_empty() {
        return;
    }
    let shown = export::connected_ids(&selected.graph).len();
    let names: Vec<String> = selected
        .left_out
        .iter()
        .take(5)
        .map(|(_, name)| name.clone())
        .collect();
    eprintln!(
        "geokg: drew the {shown} best-evidenced actors of {}; left out {} actors ({}{}) and {} relations; --all draws every actor",
        shown + selected.left_out.len(),
        selected.left_out.len(),
        names.join(", "),
        if selected.left_out.len() > names.len() { ", …" } else { "" },
        selected.left_out_edges
    );
}

fn run_export(
    graph_file: &Option<PathBuf>,
    format: Format,
    output: Option<PathBuf>,
    pick: &Pick,
    look: &Look,
) -> Result<Outcome, Vec<Error>> {
    let graph = load_graph(graph_file)?;
    let picture = matches!(format, Format::Dot | Format::Html);
    let selected = selection(&graph, pick, picture.then_some(look))?
        .apply(&graph)
        .map_err(|e| vec![e])?;
    require_some(&selected, pick, picture)?;
    if picture {
        report_left_out(&selected);
    }
    let graph = &selected.graph;
    let found = graph.edge_count() > 0;
    // a picture leaves out actors without relations; the other formats keep them
    let actors = if picture {
        export::connected_ids(graph).len()
    } else {
        graph.actors().len()
    };
    let summary = |what: &str| {
        format!(
            "geokg: wrote {what} ({}, {})",
            count(actors, "actor"),
            count(graph.edge_count(), "edge")
        )
    };
    if format == Format::Neo4j {
        let Some(dir) = output else {
            return Err(vec![Error::Usage(
                "--format neo4j writes two files (actors.csv, relations.csv): name a directory with -o DIR".into(),
            )]);
        };
        let files = export::neo4j::to_neo4j(graph).map_err(|e| vec![e])?;
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Error::Io {
                path: dir.display().to_string(),
                message: e.to_string().to_lowercase(),
            }]
        })?;
        let [actors, relations] = export::neo4j::FILE_NAMES;
        write_file(&dir.join(actors), &files.actors)?;
        write_file(&dir.join(relations), &files.relations)?;
        eprintln!(
            "{}",
            summary(&format!("{actors} and {relations} in {}", dir.display()))
        );
        eprintln!(
            "geokg: import with: cd {} && {}",
            dir.display(),
            export::neo4j::IMPORT_COMMAND
        );
        return Ok(Outcome::Output(String::new(), found));
    }
    let text = match format {
        Format::Dot => export::to_dot(graph, &dot_options(look, &selected)),
        Format::Json => graph_file::to_json(graph),
        Format::Graphml => export::graphml::to_graphml(graph),
        Format::Gexf => export::gexf::to_gexf(graph),
        Format::NodeLink => export::json::to_node_link(graph),
        Format::Jsonl => export::json::to_claims_jsonl(graph),
        Format::Html => html_page(&selected, look, EngineArg::Auto)?.0,
        Format::Neo4j => String::new(),
    };
    match output {
        Some(path) => {
            write_file(&path, &text)?;
            eprintln!("{}", summary(&path.display().to_string()));
            Ok(Outcome::Output(String::new(), found))
        }
        None => Ok(Outcome::Output(text, found)),
    }
}

fn run_render(
    graph_file: &Option<PathBuf>,
    output: &std::path::Path,
    engine: EngineArg,
    pick: &Pick,
    look: &Look,
) -> Result<Outcome, Vec<Error>> {
    use export::render::PictureFormat;
    let Some(picture) = PictureFormat::from_path(output) else {
        return Err(vec![Error::Usage(format!(
            "cannot tell the picture format of {}: name a .svg, .png or .pdf file",
            output.display()
        ))]);
    };
    let graph = load_graph(graph_file)?;
    let selected = selection(&graph, pick, Some(look))?
        .apply(&graph)
        .map_err(|e| vec![e])?;
    require_some(&selected, pick, true)?;
    report_left_out(&selected);
    let graph = &selected.graph;
    let nodes = export::connected_ids(graph).len();
    let edges = graph.edge_count();
    let clusters = look.cluster != ClusterArg::None;
    let engine = layout_engine(engine, nodes, edges, clusters);
    let dot_text = export::to_dot(graph, &dot_options(look, &selected));
    let started = std::time::Instant::now();
    let made = export::render::render(&dot_text, engine, picture).map_err(|e| vec![e])?;
    for line in made.warnings.lines() {
        eprintln!("geokg: graphviz: {line}");
    }
    write_file(output, &made.bytes)?;
    eprintln!(
        "geokg: wrote {} ({nodes} actors, {edges} relations; {} layout in {:.1} s)",
        output.display(),
        engine.as_str(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Output(String::new(), edges > 0))
}

/// The engine asked for, or the one that fits the size; says when it draws no boxes.
fn layout_engine(
    engine: EngineArg,
    nodes: usize,
    edges: usize,
    clusters: bool,
) -> export::render::Engine {
    use export::render::Engine;
    let engine = match engine {
        EngineArg::Auto => Engine::for_size(nodes, edges, clusters),
        EngineArg::Dot => Engine::Dot,
        EngineArg::Sfdp => Engine::Sfdp,
        EngineArg::Neato => Engine::Neato,
        EngineArg::Fdp => Engine::Fdp,
        EngineArg::Circo => Engine::Circo,
        EngineArg::Twopi => Engine::Twopi,
    };
    if clusters && !engine.draws_clusters() {
        eprintln!(
            "geokg: note: the {} layout draws no cluster boxes; --engine dot draws them",
            engine.as_str()
        );
    }
    engine
}

/// The interactive page of a selection: Graphviz lays out the picture (as `render`
/// would), then the page wraps it with the data. Returns the page, the engine and the
/// seconds the layout took.
fn html_page(
    selected: &export::Selected,
    look: &Look,
    engine: EngineArg,
) -> Result<(String, export::render::Engine, f64), Vec<Error>> {
    use export::render::PictureFormat;
    let graph = &selected.graph;
    let nodes = export::connected_ids(graph).len();
    let engine = layout_engine(
        engine,
        nodes,
        graph.edge_count(),
        look.cluster != ClusterArg::None,
    );
    let options = export::DotOptions {
        element_ids: true,
        ..dot_options(look, selected)
    };
    let started = std::time::Instant::now();
    let made = export::render::render(&export::to_dot(graph, &options), engine, PictureFormat::Svg)
        .map_err(|e| vec![e])?;
    let seconds = started.elapsed().as_secs_f64();
    for line in made.warnings.lines() {
        eprintln!("geokg: graphviz: {line}");
    }
    let svg = String::from_utf8_lossy(&made.bytes);
    let title = match selected.focus.as_deref().and_then(|id| graph.actor(id)) {
        Some(a) => format!("geokg: around {}", a.name),
        None => "geokg: the graph".to_string(),
    };
    let page = export::html::to_html(
        graph,
        &svg,
        &export::html::HtmlOptions {
            title,
            focus: selected.focus.clone(),
        },
    );
    Ok((page, engine, seconds))
}

fn run_view(
    graph_file: &Option<PathBuf>,
    output: &std::path::Path,
    engine: EngineArg,
    pick: &Pick,
    look: &Look,
) -> Result<Outcome, Vec<Error>> {
    let graph = load_graph(graph_file)?;
    let selected = selection(&graph, pick, Some(look))?
        .apply(&graph)
        .map_err(|e| vec![e])?;
    require_some(&selected, pick, true)?;
    report_left_out(&selected);
    let (page, engine, seconds) = html_page(&selected, look, engine)?;
    write_file(output, &page)?;
    let edges = selected.graph.edge_count();
    eprintln!(
        "geokg: wrote {} ({} actors, {edges} relations, {} KB; {} layout in {seconds:.1} s)",
        output.display(),
        export::connected_ids(&selected.graph).len(),
        page.len().div_ceil(1024),
        engine.as_str(),
    );
    Ok(Outcome::Output(String::new(), edges > 0))
}

/// An empty selection is an error (exit 2, nothing written): a picture needs a relation,
/// the other formats an actor. The message says which choices emptied it.
fn require_some(selected: &export::Selected, pick: &Pick, picture: bool) -> Result<(), Vec<Error>> {
    let g = &selected.graph;
    let empty = if picture {
        g.edge_count() == 0
    } else {
        g.actors().is_empty()
    };
    if !empty {
        return Ok(());
    }
    let mut why = Vec::new();
    if let Some(f) = &pick.focus {
        why.push(format!("--focus {f}"));
    }
    if !pick.relation.is_empty() {
        why.push("--relation".to_string());
    }
    if pick.min_docs > 1 {
        why.push(format!("--min-docs {}", pick.min_docs));
    }
    if pick.since.is_some() || pick.until.is_some() {
        why.push("--since/--until".to_string());
    }
    let what = if picture {
        "relation to draw"
    } else {
        "actor to export"
    };
    let message = if why.is_empty() {
        format!("nothing to write: the graph has no {what}; no file written")
    } else {
        format!(
            "nothing to write: no {what} is left after {}; no file written (widen the selection: a larger --depth, fewer filters)",
            why.join(", ")
        )
    };
    Err(vec![Error::Usage(message)])
}

fn plural_files(n: usize) -> String {
    count(n, "file")
}

/// "1 document", "2 documents": a count with its noun in the right number (every noun
/// counted in geokg's messages takes a plain `s`).
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// Documents per batch handed to the thread pool, and bytes per batch: enough for every
/// core to have work, small enough that memory follows the batch, not the corpus.
const BATCH_DOCS: usize = 1024;
const BATCH_BYTES: usize = 8 << 20;

/// What a run over a corpus read.
#[derive(Debug, Default)]
struct Stats {
    documents: usize,
    sentences: usize,
    claims: usize,
    bytes: usize,
}

/// A progress bar on stderr, drawn only when stderr is a terminal and not --quiet.
fn progress_bar(total: Option<u64>, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => indicatif::ProgressBar::new(t).with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// The next batch of the corpus: its documents (up to [`BATCH_DOCS`] or
/// [`BATCH_BYTES`]), the warnings and problems met while reading them, in order, and
/// whether the corpus ended.
fn read_batch(reader: &mut Reader) -> (Vec<Document>, Vec<Item>, bool) {
    let mut docs = Vec::new();
    let mut notes = Vec::new();
    let mut bytes = 0;
    loop {
        match reader.next() {
            Some(Item::Document(d)) => {
                bytes += d.text.len();
                docs.push(d);
            }
            Some(note) => notes.push(note),
            None => return (docs, notes, true),
        }
        if docs.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
            return (docs, notes, false);
        }
    }
}

/// What a worker hands back for one document: its counts, its warnings and what
/// `render` made of its extraction.
struct Done<R> {
    sentences: usize,
    claims: usize,
    warnings: Vec<String>,
    rendered: R,
}

/// Reads the corpus named by `inputs` in batches on a rayon pool, reading the next batch
/// while the workers extract one. Each document's extraction is turned by `render` into
/// what `sink` needs, on the worker that read it (so that writing output is shared by
/// the cores too); `sink` gets each document and that, in input order, and returns false
/// to stop early (a closed pipe). Problems with single files or lines are printed and
/// reading goes on; when nothing could be read at all, the result is an error (already
/// printed).
fn for_each_extraction<R: Send>(
    inputs: &[PathBuf],
    corpus: &CorpusArgs,
    extractor: &geokg::extract::Extractor,
    trace: bool,
    render: impl Fn(geokg::extract::Extraction) -> R + Sync,
    mut sink: impl FnMut(&Document, R) -> Result<bool, Vec<Error>>,
) -> Result<Stats, Vec<Error>> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(corpus.threads.unwrap_or(0))
        .build()
        .map_err(|e| vec![Error::Usage(format!("cannot start worker threads: {e}"))])?;
    let mut reader = Reader::open(inputs, corpus.jsonl);
    let bar = progress_bar(reader.total_bytes(), corpus.quiet);
    let mut stats = Stats::default();
    let mut problems = 0;
    // the next batch is read on this thread while the workers extract the one before
    let (mut docs, mut notes, mut end) = read_batch(&mut reader);
    loop {
        for note in notes.drain(..) {
            match note {
                Item::Warning(w) => bar.suspend(|| eprintln!("geokg: warning: {w}")),
                Item::Problem(e) => {
                    problems += 1;
                    bar.suspend(|| eprintln!("geokg: {e}"));
                }
                Item::Document(_) => {}
            }
        }
        let mut done: Vec<Done<R>> = Vec::new();
        let mut following = (Vec::new(), Vec::new(), true);
        pool.in_place_scope(|scope| {
            scope.spawn(|_| {
                done = docs
                    .par_iter()
                    .map(|d| {
                        let mut ex = extractor.extract_document(d, trace);
                        Done {
                            sentences: ex.sentence_count,
                            claims: ex.claims.len(),
                            warnings: std::mem::take(&mut ex.warnings),
                            rendered: render(ex),
                        }
                    })
                    .collect();
            });
            if !end {
                following = read_batch(&mut reader);
            }
        });
        let mut go_on = true;
        for (doc, done) in docs.iter().zip(done) {
            for w in &done.warnings {
                bar.suspend(|| eprintln!("geokg: warning: {w}"));
            }
            stats.documents += 1;
            stats.sentences += done.sentences;
            stats.claims += done.claims;
            stats.bytes += doc.text.len();
            if !sink(doc, done.rendered)? {
                go_on = false;
                break;
            }
        }
        bar.set_position(reader.bytes_read());
        if end || !go_on {
            break;
        }
        (docs, notes, end) = following;
    }
    bar.finish_and_clear();
    if stats.documents == 0 && problems > 0 {
        return Err(Vec::new());
    }
    if !corpus.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = stats.bytes as f64 / 1e6;
        eprintln!(
            "geokg: {}, {}, {}, {:.1} MB in {:.2} s ({:.1} MB/s)",
            count(stats.documents, "document"),
            count(stats.sentences, "sentence"),
            count(stats.claims, "claim"),
            mb,
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
    Ok(stats)
}

/// Writes to standard output; a closed pipe stops the run quietly.
struct Out {
    w: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl Out {
    fn new() -> Self {
        Out {
            w: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            closed: false,
        }
    }

    /// Writes `s`; false when the reader has gone away.
    fn write(&mut self, s: &str) -> Result<bool, Vec<Error>> {
        if self.closed {
            return Ok(false);
        }
        match self.w.write_all(s.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => self.failed(e),
        }
    }

    fn finish(&mut self) -> Result<(), Vec<Error>> {
        if !self.closed {
            if let Err(e) = self.w.flush() {
                self.failed(e)?;
            }
        }
        Ok(())
    }

    fn failed(&mut self, e: std::io::Error) -> Result<bool, Vec<Error>> {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
            Ok(false)
        } else {
            Err(vec![Error::Usage(format!(
                "cannot write output: {}",
                e.to_string().to_lowercase()
            ))])
        }
    }
}

/// One JSON value as an element of a pretty-printed array (two more spaces of indent),
/// so that a streamed array has the bytes `serde_json::to_string_pretty` gives.
fn pretty_element<T: serde::Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

fn explain_text(
    extractor: &geokg::extract::Extractor,
    ex: &geokg::extract::Extraction,
    syntax: Option<&Model>,
) -> String {
    let mut out = format!("== {}\n", ex.doc);
    for s in &ex.sentences {
        out.push_str(&format!(
            "[{}] {}..{} {}\n",
            s.index,
            s.span.start,
            s.span.end,
            s.text.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
        if !s.tree.is_empty() {
            // the tree the frame engine read
            out.push_str(&parse_line(&s.tree));
        } else if let Some(model) = syntax {
            // the surface engine reads no tree: the one the frame engine would read
            out.push_str(&parse_line(&extractor.parse_as_written(model, &s.text)));
        }
        for (t, id, how) in &s.mentions {
            out.push_str(&format!("    mention \"{t}\" -> {id} ({how})\n"));
        }
        for (src, rel, tgt, hedged, rule) in &s.claims {
            out.push_str(&format!(
                "    claim {src} {rel} {tgt}{} [{rule}]\n",
                if *hedged { " (hedged)" } else { "" }
            ));
        }
        if let Some(why) = &s.not_read {
            out.push_str(&format!("    not parsed for frames: {why}\n"));
        }
        for sup in &s.suppressed {
            out.push_str(&format!(
                "    no claim from \"{}\" [{}]: {}\n",
                sup.cue, sup.rule, sup.reason
            ));
        }
    }
    for d in &ex.diagnostics {
        out.push_str(&format!("    note: {d}\n"));
    }
    out
}

fn run_extract(
    inputs: &[PathBuf],
    format: ExtractFormat,
    explain: bool,
    corpus: &CorpusArgs,
) -> Result<Outcome, Vec<Error>> {
    let extractor = corpus.configure(geokg::extract::Extractor::embedded()?)?;
    // --explain shows each sentence's parse; without a usable model it says so once
    let syntax = if explain {
        match extractor.syntax_model() {
            Some(m) => Some(m),
            None => match Model::embedded() {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!("geokg: note: no parse shown: {e}");
                    None
                }
            },
        }
    } else {
        None
    };
    let mut out = Out::new();
    let mut found = false;
    let mut elements = 0usize;
    // each document's output is written on the worker that read it; JSON array elements
    // get their separators here, in order
    let render = |ex: geokg::extract::Extraction| {
        let lines = extractor.lines(&ex);
        let mut text = String::new();
        let mut pretty = Vec::new();
        if explain {
            text = explain_text(&extractor, &ex, syntax);
        } else {
            match format {
                ExtractFormat::Jsonl => {
                    for l in &lines {
                        text.push_str(&serde_json::to_string(l).unwrap_or_default());
                        text.push('\n');
                    }
                }
                ExtractFormat::Fragments => {
                    text = graph_file::Fragment::of(&ex).to_line();
                }
                ExtractFormat::Json => pretty = lines.iter().map(pretty_element).collect(),
                ExtractFormat::Text => {
                    for l in &lines {
                        text.push_str(&format!(
                            "{}: {} {} {}{} [{}]\n    #{}: {}\n",
                            l.doc,
                            l.source,
                            l.relation,
                            l.target,
                            if l.hedged { " (hedged)" } else { "" },
                            l.rule,
                            l.sentence_index,
                            l.sentence.split_whitespace().collect::<Vec<_>>().join(" ")
                        ));
                    }
                }
            }
        }
        (!lines.is_empty(), text, pretty)
    };
    for_each_extraction(
        inputs,
        corpus,
        &extractor,
        explain,
        render,
        |_doc, (any, mut text, pretty)| {
            found |= any;
            for element in pretty {
                text.push_str(if elements == 0 { "[\n" } else { ",\n" });
                text.push_str(&element);
                elements += 1;
            }
            out.write(&text)
        },
    )?;
    if format == ExtractFormat::Json && !explain {
        out.write(if elements == 0 { "[]\n" } else { "\n]\n" })?;
    }
    out.finish()?;
    Ok(Outcome::Output(String::new(), found))
}

/// Separates words for the syntax model's tokenizer: white space, control characters and
/// invisible spaces are never part of a word.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// `s` on one line: each run of separators becomes one space, and none is left at
/// either end.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if is_separator(c) {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(c);
    }
    out
}

/// A CoNLL-U field: never empty, never with a tab, line break or other separator (words
/// have none, but a model file could give a lemma or label with one); `_` stands for
/// nothing and for each separator.
fn conllu_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "_".into()
    } else if s.chars().any(is_separator) {
        s.chars()
            .map(|c| if is_separator(c) { '_' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// The `--explain` line of a parsed sentence: `i:form/UPOS>head:deprel` per word.
fn parse_line(words: &[Word]) -> String {
    let mut line = String::from("    parse:");
    for (i, w) in words.iter().enumerate() {
        line.push_str(&format!(
            " {}:{}/{}>{}:{}",
            i + 1,
            conllu_field(&w.form),
            conllu_field(&w.upos),
            w.head,
            conllu_field(&w.deprel)
        ));
    }
    line.push('\n');
    line
}

/// One word of `geokg parse --format json`; `span` counts from the start of the
/// document.
#[derive(serde::Serialize)]
struct ParsedWord<'a> {
    id: usize,
    form: &'a str,
    lemma: &'a str,
    upos: &'a str,
    xpos: &'a str,
    head: usize,
    deprel: &'a str,
    span: [usize; 2],
}

/// One sentence of `geokg parse --format json` as an element of the array: the
/// sentence's fields one per line, each word on one line.
fn json_sentence(
    doc: &str,
    index: usize,
    span: [usize; 2],
    text: &str,
    words: &[ParsedWord<'_>],
) -> String {
    let string = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let mut out = format!(
        "  {{\n    \"doc\": {},\n    \"index\": {index},\n    \"span\": [{}, {}],\n    \"text\": {},\n    \"words\": [\n",
        string(doc),
        span[0],
        span[1],
        string(text)
    );
    for (i, w) in words.iter().enumerate() {
        out.push_str("      ");
        out.push_str(&serde_json::to_string(w).unwrap_or_default());
        out.push_str(if i + 1 < words.len() { ",\n" } else { "\n" });
    }
    out.push_str("    ]\n  }");
    out
}

/// The CoNLL-U lines of one parsed sentence of the document with id `doc`, blank line
/// included; `start` is the sentence's byte offset in the document.
fn conllu_sentence(doc: &str, index: usize, start: usize, text: &str, words: &[Word]) -> String {
    let mut out = String::new();
    let id: String = one_line(doc).replace(' ', "_");
    out.push_str(&format!(
        "# sent_id = {}-{index}\n# text = {}\n",
        if id.is_empty() { "_" } else { &id },
        one_line(text)
    ));
    for (i, w) in words.iter().enumerate() {
        let mut misc = String::new();
        if words
            .get(i + 1)
            .is_some_and(|next| next.span.start == w.span.end)
        {
            misc.push_str("SpaceAfter=No|");
        }
        misc.push_str(&format!(
            "TokenRange={}:{}",
            start + w.span.start,
            start + w.span.end
        ));
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{misc}\n",
            i + 1,
            conllu_field(&w.form),
            conllu_field(&w.lemma),
            conllu_field(&w.upos),
            conllu_field(&w.xpos),
            w.head,
            conllu_field(&w.deprel)
        ));
    }
    out.push('\n');
    out
}

/// Parses the sentences of one document: its CoNLL-U text, or its JSON array elements,
/// and how many sentences were parsed. Sentences over the limit are named on stderr.
fn parse_document(
    model: &Model,
    doc: &Document,
    format: ParseFormat,
) -> (String, Vec<String>, usize) {
    use geokg::limits::MAX_SENTENCE_BYTES;
    let norm = geokg::text::normalize::Normalized::new(&doc.text);
    let mut text = String::new();
    let mut elements = Vec::new();
    let mut parsed = 0;
    for (si, span) in geokg::text::sentence::split(&norm.text).iter().enumerate() {
        let (os, oe) = norm.original_span(span.start, span.end, &doc.text);
        // the same sentences extraction leaves unread (it measures the plain text)
        if span.end - span.start > MAX_SENTENCE_BYTES {
            eprintln!(
                "geokg: warning: {}: sentence {si} (bytes {os}..{oe}) is longer than {MAX_SENTENCE_BYTES} bytes; not parsed",
                doc.id
            );
            continue;
        }
        let Some(sentence) = doc.text.get(os..oe) else {
            continue;
        };
        let words = model.parse(sentence);
        if words.is_empty() {
            continue;
        }
        parsed += 1;
        match format {
            ParseFormat::Conllu => {
                if parsed == 1 {
                    text.push_str(&format!("# newdoc id = {}\n", one_line(&doc.id)));
                }
                text.push_str(&conllu_sentence(&doc.id, si, os, sentence, &words));
            }
            ParseFormat::Json => {
                let words: Vec<ParsedWord<'_>> = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| ParsedWord {
                        id: i + 1,
                        form: &w.form,
                        lemma: &w.lemma,
                        upos: &w.upos,
                        xpos: &w.xpos,
                        head: w.head,
                        deprel: &w.deprel,
                        span: [os + w.span.start, os + w.span.end],
                    })
                    .collect();
                elements.push(json_sentence(&doc.id, si, [os, oe], sentence, &words));
            }
        }
    }
    (text, elements, parsed)
}

fn run_parse(
    inputs: &[PathBuf],
    format: ParseFormat,
    model_file: Option<&Path>,
) -> Result<Outcome, Vec<Error>> {
    let loaded;
    let model: &Model = match model_file {
        Some(path) => {
            loaded = Model::load(path).map_err(|e| vec![e])?;
            &loaded
        }
        None => Model::embedded().map_err(|e| vec![e])?,
    };
    let mut out = Out::new();
    let mut sentences = 0usize;
    let mut documents = 0usize;
    let mut problems = 0usize;
    let mut elements = 0usize;
    for item in Reader::open(inputs, false) {
        match item {
            Item::Warning(w) => eprintln!("geokg: warning: {w}"),
            Item::Problem(e) => {
                problems += 1;
                eprintln!("geokg: {e}");
            }
            Item::Document(doc) => {
                documents += 1;
                let (mut text, pretty, parsed) = parse_document(model, &doc, format);
                sentences += parsed;
                for element in pretty {
                    text.push_str(if elements == 0 { "[\n" } else { ",\n" });
                    text.push_str(&element);
                    elements += 1;
                }
                if !out.write(&text)? {
                    break;
                }
            }
        }
    }
    if documents == 0 && problems > 0 {
        // every input failed, and each was named already
        return Err(Vec::new());
    }
    if format == ParseFormat::Json {
        out.write(if elements == 0 { "[]\n" } else { "\n]\n" })?;
    }
    out.finish()?;
    Ok(Outcome::Output(String::new(), sentences > 0))
}

fn run_build(
    articles: &[PathBuf],
    data_files: &[PathBuf],
    no_embedded: bool,
    output: &Path,
    force: bool,
    append: bool,
    corpus: &CorpusArgs,
) -> Result<Outcome, Vec<Error>> {
    let inputs: Vec<&PathBuf> = articles.iter().chain(data_files).collect();
    if !force && overwrites_input(output, &inputs) {
        return Err(vec![Error::Usage(format!(
            "{} is also an input; use --force to overwrite it",
            output.display()
        ))]);
    }
    let dataset = if data_files.is_empty() {
        data::embedded()?
    } else if no_embedded {
        data::load_files(data_files)?
    } else {
        data::load_files_with_embedded(data_files)?
    };
    let lexicon = geokg::extract::lexicon::Lexicon::embedded().map_err(|e| vec![e])?;
    let extractor = corpus.configure(geokg::extract::Extractor::new(
        dataset.actors.clone(),
        lexicon,
    ))?;
    let mut builder = geokg::graph::merge::GraphBuilder::new();
    let appending = append && output.exists();
    if appending {
        builder.add_graph(read_graph_file(output)?);
    }
    builder.add(dataset.actors, dataset.claims);
    let mut seen_docs: std::collections::HashSet<String> = std::collections::HashSet::new();
    let stats = if articles.is_empty() {
        Stats::default()
    } else {
        for_each_extraction(
            articles,
            corpus,
            &extractor,
            false,
            |ex| ex,
            |doc, ex| {
                if !seen_docs.insert(doc.id.clone()) {
                    eprintln!(
                    "geokg: warning: document id \"{}\" read more than once (one input twice, or two documents with one id); claims repeated under it count once",
                    doc.id
                );
                }
                builder.add_extraction(ex);
                Ok(true)
            },
        )?
    };
    let graph = builder.finish().map_err(|e| vec![e])?;
    write_file(output, graph_file::to_json(&graph))?;
    if appending {
        // what the file holds now, besides what this run added to it
        let docs: std::collections::HashSet<&str> = graph
            .claims()
            .iter()
            .filter_map(geokg::Claim::doc)
            .collect();
        let extracted = graph.claims().iter().filter(|c| c.doc().is_some()).count();
        eprintln!(
            "geokg: wrote {} (appended {}, {}; it now holds {} from {}, {}, {})",
            output.display(),
            count(stats.documents, "document"),
            count(stats.claims, "extracted claim"),
            count(extracted, "extracted claim"),
            count(docs.len(), "document"),
            count(graph.actors().len(), "actor"),
            count(graph.edge_count(), "edge")
        );
    } else {
        eprintln!(
            "geokg: wrote {} ({}, {}, {}, {})",
            output.display(),
            count(stats.documents, "document"),
            count(stats.claims, "extracted claim"),
            count(graph.actors().len(), "actor"),
            count(graph.edge_count(), "edge")
        );
    }
    Ok(Outcome::Output(String::new(), true))
}

fn io_error(path: &str, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        message: e.to_string().to_lowercase(),
    }
}

fn read_graph_file(path: &std::path::Path) -> Result<KnowledgeGraph, Vec<Error>> {
    let text = geokg::text::input::read_json(path).map_err(|e| vec![e])?;
    graph_file::from_json(&path.display().to_string(), &text).map_err(|e| vec![e])
}

/// Is this file a graph file (one JSON object with "format") rather than fragment lines?
/// Looks at the first non-blank line: a pretty graph file's is only "{"; a fragment line
/// is a whole object with "doc".
fn is_graph_file(path: &std::path::Path) -> Result<bool, Vec<Error>> {
    use std::io::BufRead;
    let file =
        std::fs::File::open(path).map_err(|e| vec![io_error(&path.display().to_string(), &e)])?;
    let mut reader = std::io::BufReader::new(file);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => return Ok(false),
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => break,
            // not UTF-8 on the first line: let the graph reader say what is wrong
            Err(_) => return Ok(true),
        }
    }
    Ok(
        match serde_json::from_str::<serde_json::Value>(line.trim()) {
            Ok(v) => v.get("format").is_some() || v.get("doc").is_none(),
            Err(_) => true,
        },
    )
}

/// Adds every fragment line of `input` to `builder`; bad lines are printed and skipped.
fn add_fragments(
    name: &str,
    input: impl std::io::Read,
    builder: &mut geokg::graph::merge::GraphBuilder,
) -> Result<usize, Vec<Error>> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::new();
    let mut n = 0;
    let mut bad = 0;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {
                n += 1;
                let (text, _) = geokg::text::input::decode(name, &buf);
                if text.trim().is_empty() {
                    continue;
                }
                match graph_file::parse_fragment(name, n, text.trim()) {
                    Ok((actors, claims)) => builder.add(actors, claims),
                    Err(e) => {
                        bad += 1;
                        eprintln!("geokg: {e}");
                    }
                }
            }
            Err(e) => return Err(vec![io_error(name, &e)]),
        }
    }
    Ok(bad)
}

fn run_merge(
    inputs: &[PathBuf],
    output: Option<&PathBuf>,
    force: bool,
) -> Result<Outcome, Vec<Error>> {
    if let Some(out) = output {
        if !force && overwrites_input(out, &inputs.iter().collect::<Vec<_>>()) {
            return Err(vec![Error::Usage(format!(
                "{} is also an input; use --force to overwrite it",
                out.display()
            ))]);
        }
    }
    let mut builder = geokg::graph::merge::GraphBuilder::new();
    let mut bad = 0;
    for p in inputs {
        if p.as_os_str() == "-" {
            bad += add_fragments("<stdin>", std::io::stdin().lock(), &mut builder)?;
        } else if is_graph_file(p)? {
            builder.add_graph(read_graph_file(p)?);
        } else {
            let name = p.display().to_string();
            let file = std::fs::File::open(p).map_err(|e| vec![io_error(&name, &e)])?;
            bad += add_fragments(&name, file, &mut builder)?;
        }
    }
    if bad > 0 {
        return Err(vec![Error::Usage(format!(
            "{bad} fragment line(s) could not be read; nothing written"
        ))]);
    }
    let graph = builder.finish().map_err(|e| vec![e])?;
    let text = graph_file::to_json(&graph);
    let found = graph.edge_count() > 0;
    match output {
        Some(path) => {
            write_file(path, &text)?;
            eprintln!(
                "geokg: wrote {} ({}, {}, {})",
                path.display(),
                count(inputs.len(), "input"),
                count(graph.actors().len(), "actor"),
                count(graph.edge_count(), "edge")
            );
            Ok(Outcome::Output(String::new(), found))
        }
        None => Ok(Outcome::Output(text, found)),
    }
}
