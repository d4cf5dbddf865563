//! `geokg export --format dot` read back by Graphviz itself: the DOT must parse, hold
//! one node per connected actor and one edge per (source, relation, target), and every
//! label must come back as the actor's name however odd the name is.

mod common;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

use common::{fixture, graphviz_json, run, temp_dir, write_graph_file, GenActor, GenClaim};

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
    // every actor, whatever the picture's default limit
    args.extend(["export", "--format", "dot", "--all"]);
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

/// Graphviz's view of a DOT export: node ids by `_gvid`, clusters as (label, member
/// ids), edges as (tail id, class, head id, attributes).
struct Drawn {
    nodes: BTreeMap<u64, String>,
    clusters: Vec<(String, BTreeSet<String>)>,
    edges: Vec<(String, String, String, Value)>,
    graph_label: String,
}

fn drawn(json: &Value) -> Drawn {
    let mut nodes = BTreeMap::new();
    let mut subgraphs = Vec::new();
    for o in json["objects"].as_array().unwrap() {
        if o.get("nodes").is_some() || o.get("subgraphs").is_some() {
            subgraphs.push(o);
        } else {
            nodes.insert(
                o["_gvid"].as_u64().unwrap(),
                o["name"].as_str().unwrap().to_string(),
            );
        }
    }
    let clusters = subgraphs
        .iter()
        .map(|c| {
            let members = c["nodes"]
                .as_array()
                .map(|ns| {
                    ns.iter()
                        .map(|n| nodes[&n.as_u64().unwrap()].clone())
                        .collect()
                })
                .unwrap_or_default();
            (c["label"].as_str().unwrap_or("").to_string(), members)
        })
        .collect();
    let edges = json["edges"]
        .as_array()
        .map(|es| {
            es.iter()
                .map(|e| {
                    let end = |k: &str| nodes[&e[k].as_u64().unwrap()].clone();
                    (
                        end("tail"),
                        e["class"].as_str().unwrap().to_string(),
                        end("head"),
                        e.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Drawn {
        nodes,
        clusters,
        edges,
        graph_label: json["label"].as_str().unwrap_or("").to_string(),
    }
}

/// Edges of the embedded graph as (source, relation, target, documents), from the
/// node-link export.
fn node_link_edges() -> Vec<(String, String, String, u64)> {
    let r = run(["export", "--format", "node-link"]).expect_code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (
                s("source"),
                s("relation"),
                s("target"),
                e["documents"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn dot_has_a_legend_and_no_edge_labels() {
    let r = run(["export", "--format", "dot"]).expect_code(0);
    let Some(json) = graphviz_json(&r.stdout) else {
        return;
    };
    let d = drawn(&json);
    for word in ["supports", "opposes", "warns", "hedged", "state (box)"] {
        assert!(d.graph_label.contains(word), "legend lacks {word}");
    }
    assert!(d.edges.iter().all(|e| e.3.get("label").is_none()));
    let no_legend = run(["export", "--format", "dot", "--no-legend"]).expect_code(0);
    assert!(!no_legend.stdout.contains("<TABLE"));
}

#[test]
fn dot_relation_filter_keeps_only_those_relations() {
    let want = node_link_edges()
        .iter()
        .filter(|e| e.1 == "opposes" || e.1 == "warns")
        .count();
    for args in [
        &["--relation", "opposes", "--relation", "warns"][..],
        &["--relation", "opposes,warns"],
    ] {
        let mut all = vec!["export", "--format", "dot"];
        all.extend(args);
        let r = run(&all).expect_code(0);
        let Some(json) = graphviz_json(&r.stdout) else {
            return;
        };
        let d = drawn(&json);
        assert_eq!(d.edges.len(), want, "{args:?}");
        assert!(d.edges.iter().all(|e| e.1 != "supports"), "{args:?}");
    }
    let r = run(["export", "--relation", "backs"]).expect_code(2);
    assert!(r.stderr.contains("supports"), "{}", r.stderr);
}

#[test]
fn dot_min_docs_keeps_well_sourced_relations_drawn_thicker() {
    let dir = temp_dir("min-docs");
    let (actors, claims) = star(20);
    let path = write_graph_file(&dir, "star.json", &actors, &claims);
    let g = path.to_str().unwrap();
    // spokes 0, 5, 10, 15 have one citation; the other 16 have two or more
    let r = run(["--graph", g, "export", "--format", "dot", "--min-docs", "2"]).expect_code(0);
    let Some(json) = graphviz_json(&r.stdout) else {
        return;
    };
    let d = drawn(&json);
    assert_eq!(d.edges.len(), 16);
    assert!(!d.nodes.values().any(|id| id == "spoke-005"));
    let width = |e: &(String, String, String, Value)| -> f64 {
        e.3["penwidth"].as_str().unwrap().parse().unwrap()
    };
    let of = |id: &str| d.edges.iter().find(|e| e.0 == id).map(width).unwrap();
    assert!(
        of("spoke-001") < of("spoke-002"),
        "more citations, thicker line"
    );
    assert!(
        of("spoke-002") < of("spoke-004"),
        "more citations, thicker line"
    );
    // nothing is that well sourced: an empty selection is an error that says why
    let r = run(["--graph", g, "export", "--format", "dot", "--min-docs", "6"]).expect_code(2);
    assert!(!r.stdout.contains("->"));
    assert!(r.stderr.contains("--min-docs 6"), "{}", r.stderr);
}

#[test]
fn dot_cluster_country_boxes_actors_with_their_state() {
    let r = run(["export", "--format", "dot", "--cluster", "country"]).expect_code(0);
    let Some(json) = graphviz_json(&r.stdout) else {
        return;
    };
    let d = drawn(&json);
    let russia = d
        .clusters
        .iter()
        .find(|(label, _)| label == "Russia")
        .expect("a Russia box");
    for id in ["rus", "wagner-group", "africa-corps", "vladimir-putin"] {
        assert!(
            russia.1.contains(id),
            "{id} not in the Russia box: {russia:?}"
        );
    }
    // every actor is still drawn once
    let plain = graphviz_json(&run(["export", "--format", "dot"]).stdout).unwrap();
    assert_eq!(d.nodes.len(), drawn(&plain).nodes.len());
    assert_eq!(d.edges.len(), drawn(&plain).edges.len());
}

#[test]
fn dot_cluster_bloc_puts_backers_together_and_opponents_apart() {
    let r = run([
        "export",
        "--format",
        "dot",
        "--cluster",
        "bloc",
        "--focus",
        "Haftar",
        "--depth",
        "1",
    ])
    .expect_code(0);
    let Some(json) = graphviz_json(&r.stdout) else {
        return;
    };
    let d = drawn(&json);
    let camp_of = |id: &str| {
        d.clusters
            .iter()
            .position(|(_, m)| m.contains(id))
            .unwrap_or_else(|| panic!("{id} in no camp: {:?}", d.clusters))
    };
    assert_eq!(camp_of("khalifa-haftar"), camp_of("are"));
    assert_eq!(camp_of("khalifa-haftar"), camp_of("rus"));
    assert_ne!(camp_of("khalifa-haftar"), camp_of("tur"));
    assert_ne!(camp_of("khalifa-haftar"), camp_of("gna"));
    // the same split on every run
    let again = run([
        "export",
        "--format",
        "dot",
        "--cluster",
        "bloc",
        "--focus",
        "Haftar",
        "--depth",
        "1",
    ]);
    assert_eq!(again.stdout, r.stdout);
}

/// A star of `n` spokes around a hub, each spoke with `i % 5 + 1` citations, so that
/// the best-evidenced spokes are known.
fn star(n: usize) -> (Vec<GenActor>, Vec<GenClaim>) {
    let mut actors: Vec<GenActor> = vec![("hub".into(), "Hub".into(), "state")];
    let mut claims: Vec<GenClaim> = Vec::new();
    for i in 0..n {
        let id = format!("spoke-{i:03}");
        actors.push((id.clone(), format!("Spoke {i}"), "armed_group"));
        for c in 0..=(i % 5) {
            claims.push((
                id.clone(),
                "supports",
                "hub".into(),
                format!("cite {i}/{c}"),
                false,
                None,
            ));
        }
    }
    (actors, claims)
}

#[test]
fn dot_draws_the_200_best_evidenced_actors_and_says_what_it_left_out() {
    let dir = temp_dir("cap");
    let (actors, claims) = star(259);
    let path = write_graph_file(&dir, "star.json", &actors, &claims);
    let g = path.to_str().unwrap();
    let r = run(["--graph", g, "export", "--format", "dot"]).expect_code(0);
    assert!(
        r.stderr.starts_with(
            "geokg: drew the 200 best-evidenced actors of 260; left out 60 actors (Spoke 221, Spoke 226,"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("and 60 relations; --all draws every actor"),
        "{}",
        r.stderr
    );
    let Some(json) = graphviz_json(&r.stdout) else {
        return;
    };
    let d = drawn(&json);
    assert_eq!(d.nodes.len(), 200);
    // spokes with one citation (i % 5 == 0) are left out first, then the two-citation
    // spokes with the highest ids (ties go by id)
    let drawn_spokes: Vec<usize> = d
        .nodes
        .values()
        .filter_map(|id| id.strip_prefix("spoke-"))
        .map(|i| i.parse().unwrap())
        .collect();
    assert_eq!(drawn_spokes.len(), 199);
    assert!(drawn_spokes.iter().all(|i| i % 5 != 0));
    assert!(drawn_spokes.contains(&216) && !drawn_spokes.contains(&221));

    let all = run(["--graph", g, "export", "--format", "dot", "--all"]).expect_code(0);
    assert_eq!(all.stderr, "");
    assert_eq!(drawn(&graphviz_json(&all.stdout).unwrap()).nodes.len(), 260);

    // interchange formats are not capped
    let gml = run(["--graph", g, "export", "--format", "node-link"]).expect_code(0);
    assert_eq!(gml.stderr, "");
    assert_eq!(gml.stdout.matches("\"kind\": \"armed_group\"").count(), 259);
}

#[test]
fn dot_focus_actor_survives_the_limit() {
    let dir = temp_dir("cap-focus");
    let (actors, claims) = star(259);
    let path = write_graph_file(&dir, "star.json", &actors, &claims);
    let g = path.to_str().unwrap();
    let r = run([
        "--graph", g, "export", "--format", "dot", "--focus", "Spoke 0", "--depth", "2",
    ])
    .expect_code(0);
    assert!(
        r.stdout.contains("\"spoke-000\" [label=\"Spoke 0\""),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("penwidth=2.5"), "focus is highlighted");
}

#[test]
fn export_to_a_full_disk_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        common::skip(&common::this_test(), "no /dev/full to write to");
        return;
    };
    for format in ["dot", "json", "graphml", "gexf", "node-link", "jsonl"] {
        let out = common::geokg()
            .args(["export", "--all", "--format", format])
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.starts_with("geokg: cannot write output: "),
            "{format}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
}

#[test]
fn export_to_a_pipe_or_a_link_writes_through_it_rather_than_replacing_it() {
    let dir = temp_dir("special-outputs");
    // a named pipe stays a pipe, and the reader gets the DOT
    let fifo = dir.join("pipe.dot");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let r = run(["export", "--focus", "Haftar", "-o", fifo.to_str().unwrap()]).expect_code(0);
        assert!(r.stderr.contains("(11 actors, 21 edges)"), "{}", r.stderr);
        let got = reader.join().unwrap();
        assert!(got.starts_with("digraph {"), "{got}");
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
    } else {
        common::skip(
            &common::this_test(),
            "mkfifo failed; writing through a named pipe is not checked",
        );
    }
    // a symbolic link stays a link, and its target gets the DOT
    let target = dir.join("target.dot");
    std::fs::write(&target, "old").unwrap();
    let link = dir.join("link.dot");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    run(["export", "--focus", "Haftar", "-o", link.to_str().unwrap()]).expect_code(0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("digraph {"));
}

/// DOT is valid for every size: no actor (the legend has no row of actor kinds), one
/// relation, and the embedded graph (above). Graphviz reads each.
#[test]
fn dot_of_no_actor_and_of_one_relation_reads_back_in_graphviz() {
    use geokg::export::dot::{to_dot, DotOptions};
    let empty = geokg::KnowledgeGraph::new(Vec::new(), Vec::new()).expect("an empty graph");
    let text = to_dot(&empty, &DotOptions::standard());
    assert!(!text.contains("<TR></TR>"), "{text}");
    if graphviz_json(&text).is_none() {
        return; // no Graphviz here (CI has it)
    }
    let dir = temp_dir("dot-one");
    let actors: Vec<GenActor> = vec![
        ("a".into(), "Alpha".into(), "state"),
        ("b".into(), "Beta".into(), "armed_group"),
    ];
    let claims: Vec<GenClaim> = vec![(
        "a".into(),
        "supports",
        "b".into(),
        "a citation".into(),
        false,
        None,
    )];
    let one = write_graph_file(&dir, "one.json", &actors, &claims);
    let r = run([
        "--graph",
        one.to_str().unwrap(),
        "export",
        "--format",
        "dot",
    ])
    .expect_code(0);
    assert!(graphviz_json(&r.stdout).is_some());
}

/// An empty selection is an error (exit 2) that says why, and no file is written, for
/// the DOT export, the rendered picture and the page.
#[test]
fn an_empty_selection_is_an_error_and_writes_nothing() {
    let dir = temp_dir("dot-empty");
    for (args, file) in [
        (vec!["export", "--format", "dot"], "x.dot"),
        (vec!["render"], "x.svg"),
        (vec!["view"], "x.html"),
    ] {
        let out = dir.join(file);
        let mut all: Vec<&str> = args.clone();
        all.extend([
            "--focus",
            "Libya",
            "--until",
            "1900-01",
            "-o",
            out.to_str().unwrap(),
        ]);
        let r = run(&all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("nothing to write") && r.stderr.contains("--focus Libya"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
}

/// Issue 19: a focus is a place, the same one `blocs --focus` and "who backs X in Y"
/// read: a named conflict with no actor of its name ("Sahel") draws its parties, and a
/// picture of Libya leaves out the claims of other wars between the actors it shows
/// (Russia and the United States over Ukraine).
#[test]
fn dot_focus_is_a_place_or_a_conflict() {
    let sahel = run(["export", "--format", "dot", "--focus", "the Sahel"]).expect_code(0);
    for id in ["mli", "jnim", "wagner-group"] {
        assert!(
            sahel.stdout.contains(&format!("\"{id}\" [label=")),
            "{id} missing:\n{}",
            sahel.stdout
        );
    }
    assert!(!sahel.stdout.contains("\"houthis\""), "{}", sahel.stdout);
    if let Some(json) = graphviz_json(&sahel.stdout) {
        assert!(json["objects"].as_array().unwrap().len() >= 3);
    }
    let libya = run(["export", "--format", "jsonl", "--focus", "Libya"]).expect_code(0);
    let mut pairs = BTreeSet::new();
    for line in libya.stdout.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        pairs.insert((
            v["source_id"].as_str().unwrap().to_string(),
            v["target_id"].as_str().unwrap().to_string(),
        ));
    }
    assert!(pairs.contains(&("rus".into(), "khalifa-haftar".into())));
    for (a, b) in [("rus", "usa"), ("usa", "rus"), ("rus", "ukr")] {
        assert!(
            !pairs.contains(&(a.to_string(), b.to_string())),
            "{a} -> {b} is not a Libyan tie"
        );
    }
    // a name that is neither an actor nor a conflict writes nothing
    let r = run(["export", "--format", "dot", "--focus", "Atlantis"]).expect_code(2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("Atlantis"), "{}", r.stderr);
}
