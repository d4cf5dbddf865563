//! `geokg export --format dot` read back by Graphviz itself: the DOT must parse, hold
//! one node per connected actor and one edge per (source, relation, target), and every
//! label must come back as the actor's name however odd the name is.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use common::{fixture, run};

/// Runs `dot -Tjson` on `dot_text`; `None` (after a note) when Graphviz is missing and
/// CI is not set.
fn graphviz_json(dot_text: &str) -> Option<Value> {
    let child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("Graphviz `dot` is required on CI: {e}");
            }
            eprintln!("skipping: Graphviz `dot` not found ({e})");
            return None;
        }
    };
    let mut stdin = child.stdin.take().unwrap();
    let text = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot rejected the export: {stderr}\n{dot_text}"
    );
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}\n{dot_text}");
    Some(serde_json::from_slice(&out.stdout).expect("dot -Tjson gives JSON"))
}

/// Reads a Graphviz escString back into text: `\\` is a backslash, `\n` `\l` `\r` are
/// line breaks. (Graphviz's JSON already undid the `\"` of the DOT lexer.) Any other
/// escape would be expanded by Graphviz (`\N` is the node name), so it must not occur.
fn unescape_label(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('n' | 'l' | 'r') => out.push('\n'),
            other => panic!("unexpected escape \\{other:?} in label {s:?}"),
        }
    }
    out
}

/// What the graph holds, from `geokg export --format json`.
struct Expected {
    /// id -> (name, kind), for actors with at least one edge.
    nodes: BTreeMap<String, (String, String)>,
    /// (source id, relation, target id)
    edges: BTreeSet<(String, String, String)>,
}

fn expected(graph: Option<&str>) -> Expected {
    let mut args = Vec::new();
    if let Some(g) = graph {
        args.extend(["--graph", g]);
    }
    args.extend(["export", "--format", "json"]);
    let r = run(&args).expect_code(0);
    let file: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut edges = BTreeSet::new();
    for c in file["claims"].as_array().unwrap() {
        let s = |k: &str| c[k].as_str().unwrap().to_string();
        edges.insert((s("source"), s("relation"), s("target")));
    }
    let used: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(s, _, t)| [s.as_str(), t.as_str()])
        .collect();
    let nodes = file["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| used.contains(a["id"].as_str().unwrap()))
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap().to_string();
            (s("id"), (s("name"), s("kind")))
        })
        .collect();
    Expected { nodes, edges }
}

/// Exports DOT, runs it through Graphviz and checks nodes, edges and labels.
fn check_dot_reads_back(graph: Option<&str>) {
    let want = expected(graph);
    let mut args = Vec::new();
    if let Some(g) = graph {
        args.extend(["--graph", g]);
    }
    args.extend(["export", "--format", "dot"]);
    let dot_text = run(&args).expect_code(0).stdout;
    let Some(json) = graphviz_json(&dot_text) else {
        return;
    };

    let objects = json["objects"].as_array().expect("objects");
    let edges = json["edges"].as_array().expect("edges");
    assert_eq!(objects.len(), want.nodes.len(), "node count");
    assert_eq!(edges.len(), want.edges.len(), "edge count");

    let mut ids_by_gvid = BTreeMap::new();
    for o in objects {
        let id = o["name"].as_str().unwrap();
        ids_by_gvid.insert(o["_gvid"].as_u64().unwrap(), id.to_string());
        let (name, kind) = want
            .nodes
            .get(id)
            .unwrap_or_else(|| panic!("unexpected node {id:?}"));
        // geokg writes line breaks as `\n`; a CR LF pair is one line break.
        let name = name.replace("\r\n", "\n");
        let label = o["label"].as_str().unwrap();
        assert_eq!(unescape_label(label), name, "label attribute of {id:?}");
        // What Graphviz actually draws, one text operation per line.
        let drawn: Vec<&str> = o["_ldraw_"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["op"] == "T")
            .map(|d| d["text"].as_str().unwrap())
            .collect();
        assert_eq!(drawn.join("\n"), name, "drawn label of {id:?}");
        let tooltip = o["tooltip"].as_str().unwrap();
        assert_eq!(
            unescape_label(tooltip),
            format!("{name} ({kind})"),
            "tooltip of {id:?}"
        );
    }
    let got: BTreeSet<(String, String, String)> = edges
        .iter()
        .map(|e| {
            let end = |k: &str| ids_by_gvid[&e[k].as_u64().unwrap()].clone();
            (
                end("tail"),
                e["class"].as_str().unwrap().to_string(),
                end("head"),
            )
        })
        .collect();
    assert_eq!(got, want.edges);
}

#[test]
fn dot_of_embedded_data_reads_back_in_graphviz() {
    check_dot_reads_back(None);
}

#[test]
fn dot_with_quotes_backslashes_unicode_newlines_and_keywords_reads_back() {
    let graph = fixture("tricky.graph.json");
    // The fixture really holds the awkward names this test is about.
    let want = expected(Some(&graph));
    let names: Vec<&str> = want.nodes.values().map(|(n, _)| n.as_str()).collect();
    for needle in [
        "\"", "\\", ":", "Türkiye", "北京", "\n", "\r\n", "node", "graph", "edge", "strict",
        "subgraph",
    ] {
        assert!(
            names.iter().any(|n| n.contains(needle)),
            "fixture lacks {needle:?}"
        );
    }
    // DOT keywords as ids, too.
    for id in ["node", "graph", "edge", "strict", "subgraph"] {
        assert!(want.nodes.contains_key(id), "fixture lacks id {id:?}");
    }
    check_dot_reads_back(Some(&graph));
}

#[test]
fn dot_leaves_out_actors_without_relations() {
    let graph = fixture("tricky.graph.json");
    let r = run(["--graph", &graph, "export", "--format", "dot"]).expect_code(0);
    assert!(r.stdout.starts_with("digraph {\n"), "{}", r.stdout);
    assert!(r.stdout.ends_with("}\n"), "{}", r.stdout);
    assert!(!r.stdout.contains("lonely"), "{}", r.stdout);
    assert!(!r.stdout.contains('\r'), "raw CR in DOT output");
}

#[test]
fn dot_focus_keeps_the_neighbourhood() {
    let r = run([
        "export", "--format", "dot", "--focus", "Haftar", "--depth", "1",
    ])
    .expect_code(0);
    assert!(
        r.stdout
            .contains("\"khalifa-haftar\" [label=\"Khalifa Haftar\""),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\"rus\" -> \"khalifa-haftar\""),
        "{}",
        r.stdout
    );
    let full = run(["export", "--format", "dot"]).expect_code(0);
    assert!(
        r.stdout.len() < full.stdout.len(),
        "--focus kept everything"
    );
    let Some(json) = graphviz_json(&r.stdout) else {
        return;
    };
    assert!(json["objects"].as_array().unwrap().len() >= 2);
}
