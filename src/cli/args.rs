//! The command line: clap definitions of every command and option (their doc comments are the help text).

use super::*;

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
pub(crate) struct Cli {
    /// Use this graph file (from `geokg build` or `geokg export --format json`)
    /// instead of the embedded data.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) graph: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
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
pub(crate) struct Filters {
    /// Do not roll claims up through affiliations: no "via" answers, and no affiliation
    /// links in paths and camps.
    #[arg(long)]
    pub(crate) no_rollup: bool,
    /// Leave out hedged (suspected, alleged) claims.
    #[arg(long)]
    pub(crate) no_hedged: bool,
    /// Keep only answers (for paths and camps: links) backed by at least N distinct
    /// documents or citations.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) min_docs: usize,
    /// Keep claims that still held on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    /// Claims without any date are left out by every time filter.
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<geokg::Date>,
    /// Keep claims that already held on or before DATE.
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<geokg::Date>,
    /// Keep claims that held at DATE.
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<geokg::Date>,
}

impl Filters {
    pub(crate) fn options(&self, paths: usize, depth: usize) -> query::Options {
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
pub(crate) struct CorpusArgs {
    /// Read standard input and every named file as JSON Lines of articles
    /// ({"id", "title", "date", "url", "text"}), whatever the file names.
    #[arg(long)]
    pub(crate) jsonl: bool,
    /// Worker threads for extraction (default: RAYON_NUM_THREADS, else all cores); the
    /// main thread reads the input beside them.
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Extraction engine: frames reads relation frames over the dependency parse
    /// (data/lexicon/en.json, docs/lexicon.md); surface reads cue phrases in word order
    /// (data/lexicon.json): much faster, less precise on real text.
    #[arg(long, value_enum, default_value_t = ExtractEngine::Frames)]
    pub(crate) extractor: ExtractEngine,
    /// Parse with this syntax model file instead of the one compiled into geokg (the
    /// frame engine and --explain parse; see `geokg parse --model`).
    #[arg(long, value_name = "FILE")]
    pub(crate) model: Option<PathBuf>,
}

impl CorpusArgs {
    /// The extractor these arguments ask for, built on `extractor`.
    pub(crate) fn configure(
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
pub(crate) enum ExtractEngine {
    /// Relation frames over the dependency parse.
    #[default]
    Frames,
    /// Cue phrases in word order.
    Surface,
}

impl ExtractEngine {
    pub(crate) fn engine(self) -> geokg::extract::Engine {
        match self {
            ExtractEngine::Frames => geokg::extract::Engine::Frames,
            ExtractEngine::Surface => geokg::extract::Engine::Surface,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub(crate) enum ExtractFormat {
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
pub(crate) enum ParseFormat {
    /// CoNLL-U: ten tab-separated columns per word, a blank line after each sentence.
    Conllu,
    /// One JSON array of sentences with their words.
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub(crate) enum Format {
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
pub(crate) struct Pick {
    /// Keep only the actors in this place and their ties: an actor and those affiliated
    /// with it, or a named conflict and its parties ("Libya", "Sahel", "Red Sea").
    #[arg(long, value_name = "PLACE")]
    pub(crate) focus: Option<String>,
    /// Hops around --focus to include.
    #[arg(long, default_value_t = 1, requires = "focus")]
    pub(crate) depth: usize,
    /// Keep only these relations (supports, opposes, warns); repeat or separate with
    /// commas.
    #[arg(long, value_enum, value_name = "KIND", num_args = 1.., value_delimiter = ',')]
    pub(crate) relation: Vec<RelationArg>,
    /// Keep only relations backed by at least N distinct documents or citations.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) min_docs: usize,
    /// Keep claims that still held on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    /// Claims without any date are left out by every time filter.
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<geokg::Date>,
    /// Keep claims that already held on or before DATE.
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<geokg::Date>,
}

/// How a picture looks (DOT, render, view and HTML only).
#[derive(clap::Args, Debug)]
pub(crate) struct Look {
    /// Draw every actor, not only the 200 best-evidenced.
    #[arg(long)]
    pub(crate) all: bool,
    /// Direction of the layout (dot engine).
    #[arg(long, value_enum, default_value_t = RankDirArg::LR)]
    pub(crate) rankdir: RankDirArg,
    /// Group actors in boxes: by the state they are or serve, or by camp (a simple
    /// two-camp split of each conflict: supporters together, opponents apart).
    #[arg(long, value_enum, default_value_t = ClusterArg::None)]
    pub(crate) cluster: ClusterArg,
    /// Leave out the legend.
    #[arg(long)]
    pub(crate) no_legend: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub(crate) enum RelationArg {
    Supports,
    Opposes,
    Warns,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
#[allow(clippy::upper_case_acronyms)]
pub(crate) enum RankDirArg {
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
pub(crate) enum ClusterArg {
    /// No boxes.
    None,
    /// By the state an actor is or serves (through its affiliations).
    Country,
    /// By camp: supporters together, opponents apart, per connected conflict.
    Bloc,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub(crate) enum EngineArg {
    /// dot for small graphs, sfdp for large ones.
    Auto,
    Dot,
    Sfdp,
    Neato,
    Fdp,
    Circo,
    Twopi,
}
