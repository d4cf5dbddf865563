//! Escaping for the XML formats (GraphML, GEXF).

use std::collections::{HashMap, HashSet};

use crate::graph::KnowledgeGraph;

use super::{Value, NODE_ATTRS};

/// Escapes text for XML 1.0 content and double-quoted attribute values.
///
/// `& < > " '` become entities; tab, line feed and carriage return become character
/// references, so attribute-value normalisation cannot turn them into spaces; characters
/// that XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) are dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// The node id of every actor of `graph` (not yet escaped), by actor id. An id XML can
/// hold is its own node id. One with characters XML 1.0 forbids loses them, as all text does, and
/// takes the first free suffix `~1`, `~2`, …: dropping alone could give two actors one
/// node ("a\u{1}" and "a") and turn an edge between them into a loop.
pub(crate) fn node_ids(graph: &KnowledgeGraph) -> HashMap<&str, String> {
    let clean = |id: &str| id.chars().all(allowed);
    // every node id given so far, the ids that stay as they are first of all
    let mut taken: HashSet<String> = graph
        .actors()
        .iter()
        .filter(|a| clean(&a.id))
        .map(|a| a.id.clone())
        .collect();
    // actors come ordered by id, so the suffixes are the same on every run
    graph
        .actors()
        .iter()
        .map(|a| {
            if clean(&a.id) {
                return (a.id.as_str(), a.id.clone());
            }
            let kept: String = a.id.chars().filter(|&c| allowed(c)).collect();
            let name = (1usize..)
                .map(|k| format!("{kept}~{k}"))
                .find(|name| !taken.contains(name))
                .unwrap_or_default();
            taken.insert(name.clone());
            (a.id.as_str(), name)
        })
        .collect()
}

/// `values` (of [`NODE_ATTRS`]) with the `country` id written as that actor's node id, so
/// that it names the node it points to.
pub(crate) fn with_node_ids(
    mut values: Vec<Option<Value>>,
    ids: &HashMap<&str, String>,
) -> Vec<Option<Value>> {
    let country = NODE_ATTRS.iter().position(|(name, _)| *name == "country");
    if let Some(Some(Value::Text(id))) = country.and_then(|k| values.get_mut(k)) {
        if let Some(node) = ids.get(id.as_str()) {
            *id = node.clone();
        }
    }
    values
}

/// Whether XML 1.0 allows the character at all (the `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A floating-point number as written in the XML formats: always with a decimal point,
/// never in exponent form, at most two decimals.
pub(crate) fn number(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.1}")
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\"'\u{0}\u{1b}\u{FFFE}\t\r\n北"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#9;&#13;&#10;北"
        );
    }

    #[test]
    fn node_ids_stay_apart_when_forbidden_characters_go() {
        use crate::model::{Actor, ActorKind, Claim, Provenance, RelationKind};
        let actor = |id: &str| {
            let kind = if id.starts_with('s') {
                ActorKind::State
            } else {
                ActorKind::Person
            };
            Actor::new(id, "x", kind)
        };
        let ids = [
            "a\u{1}",
            "a",
            "a~1",
            "\u{0}",
            "b&\u{FFFF}",
            "b&~1\u{2}",
            "s\u{3}",
        ];
        let claim = Claim {
            source: ids[0].into(),
            kind: RelationKind::Opposes,
            target: ids[1].into(),
            hedged: false,
            confidence: 1.0,
            from: None,
            until: None,
            provenance: Provenance::Curated {
                citation: "c".into(),
                source_ref: None,
                conflict: None,
            },
        };
        let graph = KnowledgeGraph::new(ids.iter().map(|id| actor(id)).collect(), vec![claim])
            .unwrap_or_else(|e| panic!("{e}"));
        let node = node_ids(&graph);
        // ids XML can hold are kept; the others get the first suffix no id has
        assert_eq!(node["a"], "a");
        assert_eq!(node["a~1"], "a~1");
        assert_eq!(node["a\u{1}"], "a~2");
        assert_eq!(node["\u{0}"], "~1");
        assert_eq!(node["b&\u{FFFF}"], "b&~1");
        assert_eq!(node["b&~1\u{2}"], "b&~1~1");
        let distinct: HashSet<&String> = node.values().collect();
        assert_eq!(distinct.len(), ids.len());
        for text in [
            crate::export::graphml::to_graphml(&graph),
            crate::export::gexf::to_gexf(&graph),
        ] {
            assert!(text.contains("source=\"a~2\" target=\"a\""), "{text}");
            // a state is its own country: the value names its node
            assert!(
                text.contains("<data key=\"d2\">s~1</data>")
                    || text.contains("<attvalue for=\"1\" value=\"s~1\"/>"),
                "{text}"
            );
            for id in node.values() {
                let tag = format!("<node id=\"{}\"", escape(id));
                assert_eq!(text.matches(&tag).count(), 1, "{text}");
            }
        }
    }

    #[test]
    fn numbers_have_a_point_and_two_decimals_at_most() {
        assert_eq!(number(1.0), "1.0");
        assert_eq!(number(0.85), "0.85");
        assert_eq!(number(0.8), "0.8");
        assert_eq!(number(2.0 / 3.0), "0.67");
    }
}
