//! `cargo bench`: extraction throughput (one thread, all cores, 1/10/100 MB), its first
//! stages alone, bare aho-corasick scans of the same aliases over the same text (the floor,
//! which ignores case and reports overlaps as the matcher must, and a case-sensitive
//! leftmost-first scan), a 1M-claim graph build,
//! query latency on it, and DOT export of 10k edges. The corpus is `geokg::text::synth` news;
//! every benchmark checks that the work was done. Results: BENCHMARKS.md.
//!
//! `GEOKG_BENCH_MB` sets the corpus size of the throughput benchmarks (default 10).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use geokg::extract::Extractor;
use geokg::model::{Actor, Claim, Evidence, NameRole, Provenance, RelationKind, Span};
use geokg::text::corpus::Document;
use geokg::KnowledgeGraph;

/// The allocator of the `geokg` binary, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::embedded().expect("embedded data"))
}

fn corpus_mb() -> usize {
    std::env::var("GEOKG_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

/// The synthetic corpus of `mb` megabytes, as documents (one per article).
fn documents(mb: usize) -> Vec<Document> {
    geokg::text::synth::articles(1, mb * 1_000_000)
        .map(|a| Document::new(a.id, a.text))
        .collect()
}

fn corpus() -> &'static (Vec<Document>, usize, usize) {
    static C: OnceLock<(Vec<Document>, usize, usize)> = OnceLock::new();
    C.get_or_init(|| {
        let docs = documents(corpus_mb());
        let bytes = docs.iter().map(|d| d.text.len()).sum();
        let sentences = extractor()
            .extract_batch(&docs, false)
            .iter()
            .map(|e| e.sentence_count)
            .sum();
        (docs, bytes, sentences)
    })
}

/// Extraction of the corpus on one thread.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn extract_one_thread(b: Bencher) {
    let (docs, bytes, sentences) = corpus();
    let ex = extractor();
    b.counter(BytesCount::new(*bytes))
        .counter(ItemsCount::new(*sentences))
        .bench(|| {
            let mut claims = 0;
            for d in docs {
                claims += ex.extract_document(d, false).claims.len();
            }
            assert!(claims > 0);
            claims
        });
}

/// Extraction of the corpus on all cores (rayon's global pool).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn extract_all_cores(b: Bencher) {
    let (docs, bytes, sentences) = corpus();
    let ex = extractor();
    b.counter(BytesCount::new(*bytes))
        .counter(ItemsCount::new(*sentences))
        .bench(|| {
            let out = ex.extract_batch(docs, false);
            assert_eq!(out.len(), docs.len());
            out
        });
}

/// Linear cost: one thread over 1, 10 and 100 MB.
#[divan::bench(args = [1, 10, 100], sample_count = 1, sample_size = 1)]
fn extract_size_mb(b: Bencher, mb: usize) {
    let docs = documents(mb);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let ex = extractor();
    b.counter(BytesCount::new(bytes)).bench(|| {
        let mut claims = 0;
        for d in &docs {
            claims += ex.extract_document(d, false).claims.len();
        }
        assert!(claims > 0);
        claims
    });
}

/// The first stages of extraction alone, over the same corpus: plain text (curly quotes,
/// accents, offsets kept), sentence split, and mentions (the alias scan with its case,
/// boundary, demonym, capital and title rules). What `extract_one_thread` spends beyond
/// their sum goes to reading sentences for claims.
#[divan::bench(args = ["plain_text", "sentences", "mentions"], sample_count = 5, sample_size = 1)]
fn extract_stage(b: Bencher, stage: &str) {
    let (docs, bytes, _) = corpus();
    let plain: Vec<String> = docs
        .iter()
        .map(|d| geokg::text::normalize::Normalized::new(&d.text).text)
        .collect();
    let mentions = |text: &str| extractor().count_mentions(text);
    // one pass before timing, so that no sample is the first to touch the tables
    plain.iter().for_each(|p| {
        mentions(p);
    });
    b.counter(BytesCount::new(*bytes)).bench(|| {
        let mut n = 0;
        match stage {
            "plain_text" => docs
                .iter()
                .for_each(|d| n += geokg::text::normalize::Normalized::new(&d.text).text.len()),
            "sentences" => plain
                .iter()
                .for_each(|p| n += geokg::text::sentence::split(p).len()),
            _ => plain.iter().for_each(|p| n += mentions(p)),
        }
        assert!(n > 0);
        n
    });
}

/// The aliases the mention stage looks for, in plain form, with two letters or digits at
/// least, codes left out: what the bare scans below look for.
fn scan_aliases() -> Vec<String> {
    let mut names = Vec::new();
    for a in extractor().actors() {
        for (name, role) in a.names() {
            if role == NameRole::Code {
                continue;
            }
            let p = geokg::text::normalize::Normalized::new(name.trim()).text;
            if p.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                names.push(p);
            }
        }
    }
    names
}

/// Times `ac` over the corpus; `overlapping`: report every match, overlaps included.
fn scan_corpus(b: Bencher, ac: &AhoCorasick, overlapping: bool) {
    let (docs, bytes, _) = corpus();
    b.counter(BytesCount::new(*bytes)).bench(|| {
        let mut n = 0;
        for d in docs {
            n += if overlapping {
                ac.find_overlapping_iter(&d.text).count()
            } else {
                ac.find_iter(&d.text).count()
            };
        }
        assert!(n > 0);
        n
    });
}

/// The floor: the aliases in one aho-corasick automaton, scanned over the same text with
/// nothing else done. Like `mention::Matcher`, it ignores ASCII case and reports
/// overlapping matches ("Libyan National Army" and "National Army" both), which the
/// matcher must see to choose between them.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn aho_corasick_scan_one_thread(b: Bencher) {
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(scan_aliases())
        .expect("automaton");
    scan_corpus(b, &ac, true);
}

/// The barest scan: the same aliases, matched only as written (case-sensitive), leftmost
/// first, with no overlapping matches. Faster than the floor above, and it finds less than
/// the matcher needs (no "The Houthis" for "the Houthis", no name inside a longer one);
/// measured so that extraction can be set against it too.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn aho_corasick_case_sensitive_scan_one_thread(b: Bencher) {
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(scan_aliases())
        .expect("automaton");
    scan_corpus(b, &ac, false);
}

/// A graph of the registry actors and `n` extracted claims, Haftar the target of ~1%.
fn claims(n: usize) -> (Vec<Actor>, Vec<Claim>) {
    let actors = geokg::graph::data::embedded()
        .expect("embedded data")
        .actors;
    let haftar = actors
        .iter()
        .position(|a| a.id == "khalifa-haftar")
        .expect("haftar");
    let mut rng = geokg::text::synth::Rng::new(42);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let s = rng.below(actors.len());
        let mut t = if rng.below(100) == 0 {
            haftar
        } else {
            rng.below(actors.len())
        };
        if t == s {
            t = (t + 1) % actors.len();
        }
        let doc = format!("synth-{:06}", i / 5);
        out.push(Claim {
            source: actors[s].id.clone(),
            kind: RelationKind::ALL[rng.below(3)],
            target: actors[t].id.clone(),
            hedged: rng.below(5) == 0,
            confidence: [0.63, 0.85, 0.9][rng.below(3)],
            from: None,
            until: None,
            provenance: Provenance::Extracted(Evidence {
                doc,
                sentence_index: i % 40,
                span: Span::new(i % 1000, i % 1000 + 90),
                sentence: format!(
                    "{} backs {} according to report number {i}.",
                    actors[s].name, actors[t].name
                ),
                rule: "supports.active".into(),
            }),
        });
    }
    (actors, out)
}

fn million() -> &'static (Vec<Actor>, Vec<Claim>) {
    static M: OnceLock<(Vec<Actor>, Vec<Claim>)> = OnceLock::new();
    M.get_or_init(|| claims(1_000_000))
}

/// Building the knowledge graph from 1M claims (inputs cloned outside the timing).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn graph_build_1m_claims(b: Bencher) {
    let (actors, claims) = million();
    b.counter(ItemsCount::new(claims.len()))
        .with_inputs(|| (actors.clone(), claims.clone()))
        .bench_values(|(a, c)| {
            let g = KnowledgeGraph::new(a, c).expect("graph");
            assert!(g.edge_count() > 100_000);
            g
        });
}

fn million_graph() -> &'static KnowledgeGraph {
    static G: OnceLock<KnowledgeGraph> = OnceLock::new();
    G.get_or_init(|| {
        let (a, c) = million();
        KnowledgeGraph::new(a.clone(), c.clone()).expect("graph")
    })
}

/// "who backs Haftar" on the 1M-claim graph: parse and answer.
#[divan::bench(sample_count = 20)]
fn query_who_backs_haftar_1m(b: Bencher) {
    let g = million_graph();
    b.bench(|| {
        let q = geokg::query::parse("who backs Haftar").expect("question");
        let a = geokg::query::answer(g, &q).expect("answer");
        assert!(!a.rows.is_empty());
        a.rows.len()
    });
}

/// "who backs Haftar" on the embedded graph (in process, graph already built).
#[divan::bench(sample_count = 50)]
fn query_who_backs_haftar_embedded(b: Bencher) {
    static G: OnceLock<KnowledgeGraph> = OnceLock::new();
    let g = G.get_or_init(|| geokg::default_graph().expect("embedded"));
    b.bench(|| {
        let q = geokg::query::parse("who backs Haftar").expect("question");
        geokg::query::answer(g, &q).expect("answer").rows.len()
    });
}

/// Loading the embedded data and building the default graph (what every query pays).
#[divan::bench(sample_count = 20)]
fn embedded_graph_load() -> usize {
    geokg::default_graph().expect("embedded").edge_count()
}

/// DOT export of a graph with 10k edges.
#[divan::bench(sample_count = 10)]
fn dot_export_10k_edges(b: Bencher) {
    static G: OnceLock<KnowledgeGraph> = OnceLock::new();
    let g = G.get_or_init(|| {
        let (actors, all) = million();
        // the first claims of the 1M set until 10k distinct edges
        let mut seen = std::collections::HashSet::new();
        let mut picked = Vec::new();
        for c in all {
            if seen.len() == 10_000 && !seen.contains(&(&c.source, c.kind, &c.target)) {
                continue;
            }
            seen.insert((&c.source, c.kind, &c.target));
            picked.push(c.clone());
            if seen.len() == 10_000 && picked.len() > 20_000 {
                break;
            }
        }
        KnowledgeGraph::new(actors.clone(), picked).expect("graph")
    });
    assert_eq!(g.edge_count(), 10_000);
    b.counter(ItemsCount::new(g.edge_count())).bench(|| {
        let dot = geokg::export::to_dot(g, &geokg::export::DotOptions::standard());
        assert!(dot.len() > 100_000);
        dot.len()
    });
}

/// The graph part of that query: Haftar's incoming `supports` edges, ranked. The rest of
/// `query_who_backs_haftar_1m` is spent in `query::answer` (roll-up and row merging).
#[divan::bench(sample_count = 20)]
fn neighbors_incoming_haftar_1m(b: Bencher) {
    let g = million_graph();
    b.bench(|| {
        let e = g.neighbors(
            "khalifa-haftar",
            geokg::Direction::Incoming,
            Some(RelationKind::Supports),
        );
        assert!(!e.is_empty());
        e.len()
    });
}

/// The sentences of 1 MB of the synthetic corpus, as strings.
fn syntax_sentences() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        documents(1)
            .iter()
            .flat_map(|d| {
                geokg::text::sentence::split(&d.text)
                    .into_iter()
                    .map(|s| d.text[s.start..s.end].to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// Tokenize, tag, lemmatize and parse news sentences on one thread (sentences/s).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn syntax_parse_one_thread(b: Bencher) {
    let model = geokg::syntax::Model::embedded().expect("embedded model");
    let sentences = syntax_sentences();
    b.counter(ItemsCount::new(sentences.len())).bench(|| {
        let words: usize = sentences.iter().map(|s| model.parse(s).len()).sum();
        assert!(words > sentences.len());
        words
    });
}

/// Reading the embedded model from its bytes (checksum, tables): the start-up cost of
/// the first parse.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn syntax_model_load(b: Bencher) {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/en.syntax"))
        .expect("model file");
    b.bench(|| {
        let m = geokg::syntax::Model::from_bytes(&bytes, "en.syntax").expect("model loads");
        assert_eq!(m.parse("Turkey backs the government.").len(), 5);
    });
}
