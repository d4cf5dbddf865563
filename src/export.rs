//! Exports: Graphviz DOT (through dot-writer) and the JSON graph file.
//!
//! dot-writer writes ids and attribute values as given, so every id and label passes
//! through [`dot_quote`] / [`dot_escape`] here. Output goes to a buffer first: a closed
//! pipe or a full disk is reported by the caller, never a panic inside the writer.

use dot_writer::{Attributes, DotWriter};

use crate::graph::KnowledgeGraph;
use crate::model::{ActorKind, RelationKind};

/// Escapes a string for use inside a double-quoted DOT string: backslashes and quotes
/// are escaped, line breaks become `\n`, other control characters are dropped.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT id: always double-quoted and escaped, so keywords (`graph`, `node`) and any
/// punctuation are safe.
pub fn dot_quote(s: &str) -> String {
    format!("\"{}\"", dot_escape(s))
}

fn shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "box",
        ActorKind::Government => "house",
        ActorKind::Person => "ellipse",
        ActorKind::ArmedGroup => "diamond",
        ActorKind::InternationalOrganisation => "hexagon",
        ActorKind::PoliticalBody => "octagon",
        ActorKind::Other => "note",
    }
}

fn edge_style(kind: RelationKind, hedged: bool) -> (&'static str, &'static str) {
    let color = match (kind, hedged) {
        (RelationKind::Supports, false) => "#1a9641",
        (RelationKind::Supports, true) => "#8fd19e",
        (RelationKind::Opposes, false) => "#d7191c",
        (RelationKind::Opposes, true) => "#f4a3a4",
        (RelationKind::Warns, false) => "#f28e2b",
        (RelationKind::Warns, true) => "#f9c99a",
    };
    let style = match (kind, hedged) {
        (_, true) => "dotted",
        (RelationKind::Warns, false) => "dashed",
        _ => "solid",
    };
    (color, style)
}

/// Renders the graph as DOT. Actors without any edge are left out unless `isolated`.
///
/// Nodes are ordered by id and edges by (source, kind, target), so the same graph gives
/// the same bytes.
pub fn to_dot(graph: &KnowledgeGraph, isolated: bool) -> String {
    let edges = graph.edges();
    let mut used = std::collections::BTreeSet::new();
    for e in &edges {
        used.insert(e.source.id.as_str());
        used.insert(e.target.id.as_str());
    }
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        g.set("rankdir", "LR", false);
        g.set("fontname", "Helvetica", true);
        g.node_attributes()
            .set("fontname", "Helvetica", true)
            .set("style", "filled", true)
            .set("fillcolor", "#f7f7f7", true);
        g.edge_attributes().set("fontname", "Helvetica", true);
        for a in graph.actors() {
            if !isolated && !used.contains(a.id.as_str()) {
                continue;
            }
            let mut node = g.node_named(dot_quote(&a.id));
            node.set("label", &dot_escape(&a.name), true)
                .set("shape", shape(a.kind), false)
                .set(
                    "tooltip",
                    &dot_escape(&format!("{} ({})", a.name, a.kind)),
                    true,
                );
        }
        for e in &edges {
            let (color, style) = edge_style(e.kind, e.hedged());
            let best = e.best();
            let tooltip = format!(
                "{} {} {}: {}",
                e.source.name,
                e.kind,
                e.target.name,
                best.evidence_text()
            );
            let width = 1.0 + (e.documents().min(8) as f64 - 1.0) * 0.5;
            g.edge(dot_quote(&e.source.id), dot_quote(&e.target.id))
                .attributes()
                .set("color", color, true)
                .set("style", style, false)
                .set("penwidth", &format!("{width:.1}"), false)
                .set("class", e.kind.as_str(), true)
                .set("tooltip", &dot_escape(&tooltip), true);
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}
