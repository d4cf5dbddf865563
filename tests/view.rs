//! `geokg view` and `export --format html`: one self-contained page, the same bytes on
//! every run, nothing that loads from elsewhere, and every name, alias, sentence and
//! citation escaped wherever it lands (a property test over arbitrary strings, and
//! hostile names through real Graphviz). What the page does in a browser is checked by
//! `tests/browser/view_test.py` (headless Chromium; run by `.ci/run`).

mod common;

use common::{have_graphviz, run, temp_dir};
use geokg::export::html::{sha256, to_html, HtmlOptions, SCRIPT, STYLE};
use geokg::model::{Actor, ActorKind, Claim, Evidence, Provenance, RelationKind, Span};
use geokg::KnowledgeGraph;
use proptest::prelude::*;

const HOSTILE: &str = "</script><img src=x onerror=\"window.__pwned=1\">";

/// The page's parts: (the JSON data, everything else with the data taken out).
fn split_page(page: &str) -> (String, String) {
    const OPEN: &str = "<script type=\"application/json\" id=\"geokg-data\">";
    let start = page.find(OPEN).expect("data element") + OPEN.len();
    let end = start
        + page[start..]
            .find("</script>")
            .expect("data element closed");
    (
        page[start..end].to_string(),
        format!("{}{}", &page[..start], &page[end..]),
    )
}

/// Checks what holds for every page: one data element and one script, whose hash the
/// policy names; no address to load anything from.
fn check_page(page: &str) {
    let (_, rest) = split_page(page);
    let lower = rest.to_ascii_lowercase();
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert_eq!(lower.matches("<script").count(), 2, "two script elements");
    assert_eq!(lower.matches("</script").count(), 2, "two script elements");
    assert_eq!(lower.matches("<style").count(), 1);
    for gone in [
        "http:", "https:", "src=", "href=", "url(", "@import", "<iframe", "<link",
    ] {
        assert!(!lower.contains(gone), "the page holds {gone}");
    }
    let b64 = |bytes: [u8; 32]| {
        // the page's own base64 is private; this is the standard alphabet by hand
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in bytes.chunks(3) {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= c.len() {
                    A[(n >> (18 - 6 * i)) as usize & 63] as char
                } else {
                    '='
                });
            }
        }
        out
    };
    assert!(page.contains(&format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'",
        b64(sha256(SCRIPT.as_bytes())),
        b64(sha256(STYLE.as_bytes()))
    )));
    assert!(page.contains(&format!("<script>{SCRIPT}</script>")));
    assert!(page.contains(&format!("<style>{STYLE}</style>")));
}

#[test]
fn view_writes_one_self_contained_page() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("view-page");
    let out = dir.join("libya.html");
    let r = run(["view", "--focus", "Libya", "-o", out.to_str().unwrap()]).expect_code(0);
    assert!(
        r.stderr.contains("actors,") && r.stderr.contains(" layout in "),
        "{}",
        r.stderr
    );
    let page = std::fs::read_to_string(&out).unwrap();
    check_page(&page);
    let (json, _) = split_page(&page);
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = data["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    // --focus Libya takes in Libya's governments, bodies and forces, and their ties
    for name in ["Khalifa Haftar", "Egypt", "Russia", "United Arab Emirates"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    // every actor and edge has its element in the picture
    for a in data["actors"].as_array().unwrap() {
        let id = a["svg"].as_str().unwrap();
        assert!(
            page.contains(&format!("<g id=\"{id}\" class=\"node\">")),
            "{id}"
        );
    }
    let edges = data["edges"].as_array().unwrap().len();
    assert!(edges > 10);
    for i in 0..edges {
        assert!(
            page.contains(&format!("<g id=\"e{i}\" class=\"edge")),
            "e{i}"
        );
    }
    // the legend of the static picture is in it
    assert!(page.contains("hedged (alleged)"));
}

#[test]
fn view_is_deterministic_and_export_html_is_the_same_page() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("view-same");
    let paths: Vec<String> = (0..3)
        .map(|i| dir.join(format!("p{i}.html")).display().to_string())
        .collect();
    run(["view", "--focus", "Haftar", "-o", &paths[0]]).expect_code(0);
    run(["view", "--focus", "Haftar", "-o", &paths[1]]).expect_code(0);
    run([
        "export", "--format", "html", "--focus", "Haftar", "-o", &paths[2],
    ])
    .expect_code(0);
    let pages: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(pages[0], pages[1], "two runs, two different pages");
    assert_eq!(pages[0], pages[2], "export --format html differs from view");
    // to standard output, too
    let r = run(["export", "--format", "html", "--focus", "Haftar"]).expect_code(0);
    assert_eq!(r.stdout.as_bytes(), &pages[0][..]);
}

#[test]
fn view_takes_the_selection_options() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("view-options");
    let out = dir.join("p.html");
    let o = out.to_str().unwrap();
    let edges = |page: &str| -> Vec<serde_json::Value> {
        let (json, _) = split_page(page);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["edges"].as_array().unwrap().clone()
    };
    run([
        "view",
        "--focus",
        "Haftar",
        "--relation",
        "opposes",
        "-o",
        o,
    ])
    .expect_code(0);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(edges(&page).iter().all(|e| e["relation"] == "opposes"));
    run([
        "view", "--focus", "Haftar", "--since", "2021", "--until", "2022", "-o", o,
    ])
    .expect_code(0);
    let page = std::fs::read_to_string(&out).unwrap();
    // every claim kept held at some point of 2021-2022
    for e in edges(&page) {
        for c in e["claims"].as_array().unwrap() {
            let from = c["from"].as_str().expect("dated");
            assert!(from <= "2022-12-31", "{c}");
            if let Some(until) = c["until"].as_str() {
                assert!(until >= "2021", "{c}");
            }
        }
    }
    run(["view", "--since", "2022", "--until", "2020", "-o", o]).expect_code(2);
    run(["view", "--focus", "Zorglub", "-o", o]).expect_code(2);
}

#[test]
fn export_focus_takes_in_affiliated_actors_and_dates() {
    // Libya has no relation of its own: its governments, bodies and forces do
    let r = run(["export", "--format", "node-link", "--focus", "Libya"]).expect_code(0);
    let v: geokg::export::json::NodeLinkOut = serde_json::from_str(&r.stdout).unwrap();
    assert!(v.nodes.iter().any(|n| n.id == "khalifa-haftar"));
    assert!(v.nodes.iter().any(|n| n.id == "gna"));
    let all = run(["export", "--format", "jsonl"]).expect_code(0).stdout;
    let late = run(["export", "--format", "jsonl", "--since", "2023"])
        .expect_code(0)
        .stdout;
    assert!(late.lines().count() < all.lines().count());
    // an undated claim has no place in time and is left out
    assert!(late
        .lines()
        .all(|l| !l.contains("\"from\":null,\"until\":null")));
}

#[test]
fn hostile_names_are_text_in_the_real_page() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("view-hostile");
    let sentence = format!("Alpha backs {HOSTILE} today.");
    let graph = serde_json::json!({
        "format": "geokg-graph", "version": 1,
        "actors": [
            {"id": "alpha", "name": "Alpha", "kind": "state", "aliases": ["<svg onload=alert(1)>"]},
            {"id": "evil</script>", "name": HOSTILE, "kind": "armed_group"},
        ],
        "claims": [
            {"source": "alpha", "relation": "supports", "target": "evil</script>", "hedged": false,
             "confidence": 1.0, "citation": format!("{HOSTILE} javascript:alert(1) https://x.org/?a=<b>")},
            {"source": "evil</script>", "relation": "warns", "target": "alpha", "hedged": false,
             "confidence": 1.0, "from": "2020",
             "evidence": {"doc": HOSTILE, "sentence_index": 0, "span": [0, sentence.len()],
                          "sentence": sentence, "rule": "test"}},
        ],
    });
    let file = dir.join("hostile.json");
    std::fs::write(&file, graph.to_string()).unwrap();
    let out = dir.join("hostile.html");
    run([
        "--graph",
        file.to_str().unwrap(),
        "view",
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let page = std::fs::read_to_string(&out).unwrap();
    let lower = page.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 2);
    assert_eq!(lower.matches("</script").count(), 2);
    for raw in ["<img", "<svg onload", "<b>"] {
        assert!(!lower.contains(raw), "{raw} in the page");
    }
    // Graphviz wrote the name as escaped text
    assert!(page.contains("&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"));
    let (json, _) = split_page(&page);
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["actors"][1]["name"], HOSTILE);
}

fn actor(id: &str, name: &str, aliases: Vec<String>) -> Actor {
    let mut a = Actor::new(id, name, ActorKind::Other);
    a.aliases = aliases;
    a
}

/// Two actors and two claims, with these strings: [name, alias, citation, sentence, doc].
fn small_graph(s: [&str; 5]) -> KnowledgeGraph {
    let [name, alias, citation, sentence, doc] = s;
    let actors = vec![
        actor("a", name, vec![alias.to_string()]),
        actor("b", "B", vec![]),
    ];
    let claims = vec![
        Claim {
            source: "a".into(),
            kind: RelationKind::Supports,
            target: "b".into(),
            hedged: false,
            confidence: 1.0,
            from: None,
            until: None,
            provenance: Provenance::Curated {
                citation: citation.into(),
                source_ref: None,
                conflict: None,
            },
        },
        Claim {
            source: "b".into(),
            kind: RelationKind::Opposes,
            target: "a".into(),
            hedged: true,
            confidence: 0.5,
            from: None,
            until: None,
            provenance: Provenance::Extracted(Evidence {
                doc: doc.into(),
                sentence_index: 0,
                span: Span::new(0, sentence.len()),
                sentence: sentence.into(),
                rule: "r".into(),
            }),
        },
    ];
    KnowledgeGraph::new(actors, claims).unwrap()
}

/// A fixed SVG standing in for Graphviz's (which the test above runs for real).
const SVG: &str =
    "<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\"><g id=\"a0\" class=\"node\"></g></svg>\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever a name, alias, citation, sentence, document id or title holds, it
    /// cannot end the data element or add markup: the page keeps its two scripts, the
    /// data reads back as written, and the title shows as text.
    #[test]
    fn any_string_stays_text(
        name in "\\PC*|.*</(?i:script)>.*|<!--.*|.*<img .*",
        alias in any::<String>(),
        citation in any::<String>(),
        sentence in "[^\u{0}]*",
        doc in any::<String>(),
        title in any::<String>(),
    ) {
        let graph = small_graph([&name, &alias, &citation, &sentence, &doc]);
        let page = to_html(&graph, SVG, &HtmlOptions { title: title.clone(), focus: Some("a".into()) });
        check_page(&page);
        let (json, rest) = split_page(&page);
        prop_assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let data: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(data["actors"][0]["name"].as_str(), Some(name.as_str()));
        // (an alias that is the name itself is not listed again: drawn as both, "" was)
        let listed = (alias != name).then_some(alias.as_str());
        prop_assert_eq!(data["actors"][0]["aliases"][0].as_str(), listed);
        prop_assert_eq!(data["edges"][0]["claims"][0]["citation"].as_str(), Some(citation.as_str()));
        prop_assert_eq!(data["edges"][1]["claims"][0]["sentence"].as_str(), Some(sentence.as_str()));
        prop_assert_eq!(data["edges"][1]["claims"][0]["doc"].as_str(), Some(doc.as_str()));
        prop_assert_eq!(data["focus"].as_u64(), Some(0));
        // the title, twice, as text; nothing of the strings is markup outside the data
        let shown = format!("<title>{}</title>", geokg::export::html::html_escape(&title));
        prop_assert!(rest.contains(&shown));
        let head_title = &rest[rest.find("<title>").unwrap() + 7..rest.find("</title>").unwrap()];
        prop_assert!(!head_title.contains('<') && !head_title.contains('>'));
        // and outside the data, the page is the same whatever the strings: they are
        // written nowhere else
        let plain = to_html(&small_graph(["n", "a", "c", "s", "d"]), SVG, &HtmlOptions { title: title.clone(), focus: Some("a".into()) });
        prop_assert_eq!(rest, split_page(&plain).1);
    }
}
