//! Property-style test: graphs whose ids, names and citations hold arbitrary Unicode,
//! quotes, backslashes, line breaks, entities and DOT keywords go through
//! `geokg export --format dot` and Graphviz reads back exactly those labels.
//!
//! A seeded generator makes the cases, so a failure names its seed and replays.

mod common;

use common::{graphviz_json, run, temp_dir, write_graph_file, GenActor, GenClaim, Rng};
use std::collections::BTreeMap;

const KINDS: [&str; 7] = [
    "state",
    "government",
    "person",
    "armed_group",
    "international_organisation",
    "political_body",
    "other",
];

/// Pieces that break naive DOT writers.
const TRICKY: [&str; 30] = [
    "\"",
    "\\",
    "\\\\",
    "\\N",
    "\\G",
    "\\n",
    "\\l",
    "\\\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "node",
    "edge",
    "graph",
    "digraph",
    "subgraph",
    "strict",
    "->",
    "--",
    "{",
    "}",
    "[label=x]",
    ";",
    "&amp;",
    "&#65;",
    "&lt;b&gt;",
    "<b>",
    "//",
    "/*",
];

/// A random name: tricky pieces, ASCII, and code points from all of Unicode (not
/// surrogates), control characters included.
fn name(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..1 + rng.below(8) {
        match rng.below(4) {
            0 => s.push_str(rng.pick(&TRICKY)),
            1 => s.push(char::from(32 + rng.below(95) as u8)),
            2 => {
                // anywhere in Unicode
                let c = loop {
                    if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                        break c;
                    }
                };
                s.push(c);
            }
            _ => {
                // the Basic Multilingual Plane, where most scripts live
                let c = loop {
                    if let Some(c) = char::from_u32(0x80 + rng.below(0xFF80) as u32) {
                        break c;
                    }
                };
                s.push(c);
            }
        }
    }
    s
}

/// The text geokg promises Graphviz will hold: line breaks (LF, CR LF, CR) as LF, a tab
/// as a space, other control characters dropped.
fn shown(s: &str) -> String {
    let s = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ");
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// Reads a Graphviz escString back: `\\` `\"` and `\n` are the only escapes geokg
/// writes, then `&amp;` is the only entity.
fn unescape(s: &str) -> String {
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
            Some('n') => out.push('\n'),
            other => panic!("unexpected escape \\{other:?} in {s:?}"),
        }
    }
    out
}

#[test]
fn arbitrary_names_read_back_exactly_in_graphviz() {
    let dir = temp_dir("dot-labels");
    for seed in 1..=30u64 {
        let mut rng = Rng::new(seed);
        let n = 3 + rng.below(6);
        let mut actors: Vec<GenActor> = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        while actors.len() < n {
            let id = name(&mut rng);
            // ids must differ once shown (control characters are dropped)
            if shown(&id).is_empty() || !ids.insert(shown(&id)) {
                continue;
            }
            actors.push((id, name(&mut rng), rng.pick(&KINDS)));
        }
        // a ring, so that every actor has a relation, plus a few more
        let mut claims: Vec<GenClaim> = Vec::new();
        for i in 0..n {
            let rel = rng.pick(&["supports", "opposes", "warns"]);
            claims.push((
                actors[i].0.clone(),
                rel,
                actors[(i + 1) % n].0.clone(),
                format!("cite {}", name(&mut rng)),
                rng.below(3) == 0,
                None,
            ));
        }
        let path = write_graph_file(&dir, &format!("g{seed}.json"), &actors, &claims);
        let r = run([
            "--graph",
            path.to_str().unwrap(),
            "export",
            "--format",
            "dot",
        ]);
        let r = r.expect_code(0);
        let Some(json) = graphviz_json(&r.stdout) else {
            return;
        };
        let objects = json["objects"].as_array().expect("objects");
        assert_eq!(objects.len(), n, "seed {seed}: node count");
        assert_eq!(
            json["edges"].as_array().map_or(0, Vec::len),
            claims.len(),
            "seed {seed}: edge count"
        );
        let by_id: BTreeMap<String, &GenActor> = actors.iter().map(|a| (shown(&a.0), a)).collect();
        for o in objects {
            let id = unescape(o["name"].as_str().unwrap());
            let (_, name, kind) = by_id
                .get(&id)
                .unwrap_or_else(|| panic!("seed {seed}: unexpected node {id:?}"));
            let want = shown(name);
            let label = unescape(o["label"].as_str().unwrap()).replace("&amp;", "&");
            assert_eq!(label, want, "seed {seed}: label of {id:?}");
            let tooltip = unescape(o["tooltip"].as_str().unwrap()).replace("&amp;", "&");
            assert_eq!(tooltip, format!("{want} ({kind})"), "seed {seed}: tooltip");
            // What Graphviz draws: one text per non-empty line, entities decoded.
            let drawn: Vec<&str> = o["_ldraw_"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["op"] == "T")
                .map(|d| d["text"].as_str().unwrap())
                .collect();
            let lines: Vec<&str> = want.split('\n').filter(|l| !l.is_empty()).collect();
            assert_eq!(drawn, lines, "seed {seed}: drawn label of {id:?}");
        }
        for e in json["edges"].as_array().unwrap() {
            let tooltip = unescape(e["tooltip"].as_str().unwrap()).replace("&amp;", "&");
            assert!(
                claims
                    .iter()
                    .any(|c| tooltip.ends_with(&format!("citation: {}", shown(&c.3)))),
                "seed {seed}: edge tooltip {tooltip:?} holds no citation"
            );
        }
    }
}
