//! GraphML, for yEd, Gephi, Cytoscape and networkx.
//!
//! One `<key>` per attribute, typed (`int`, `double`, `boolean`, `string`) so numbers
//! read back as numbers, declared in a fixed order: node keys `d0`–`d6`, then edge keys
//! `d7`–`d16` (see the table in docs/cli.md). Nodes are ordered by id, edges by (source,
//! relation, target) with ids `e0`, `e1`, …; an attribute without a value is left out.
//! Text is escaped by hand, and characters XML 1.0 forbids are dropped (an id that loses
//! some takes the first free suffix `~1`, `~2`, …, so that actors keep a node each).

use std::fmt::Write;

use crate::graph::KnowledgeGraph;

use super::xml::{escape, node_ids, with_node_ids};
use super::{edge_values, AttrType, NodeTable, Value, EDGE_ATTRS, NODE_ATTRS};

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Text => "string",
        AttrType::Integer => "int",
        AttrType::Double => "double",
        AttrType::Boolean => "boolean",
    }
}

/// Writes `<data>` elements for keys `d{first}`, `d{first + 1}`, ….
fn data(out: &mut String, indent: &str, first: usize, values: &[Option<Value>]) {
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            let _ = writeln!(
                out,
                "{indent}<data key=\"d{}\">{}</data>",
                first + i,
                escape(&v.lexical())
            );
        }
    }
}

/// The whole graph (every actor, every edge) as a GraphML document.
pub fn to_graphml(graph: &KnowledgeGraph) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (i, (name, t)) in NODE_ATTRS.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <key id=\"d{i}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{}\"/>",
            type_name(*t)
        );
    }
    for (i, (name, t)) in EDGE_ATTRS.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <key id=\"d{}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{}\"/>",
            NODE_ATTRS.len() + i,
            type_name(*t)
        );
    }
    out.push_str("  <graph id=\"geokg\" edgedefault=\"directed\">\n");
    let table = NodeTable::new(graph);
    let ids = node_ids(graph);
    for a in graph.actors() {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&ids[a.id.as_str()]));
        data(&mut out, "      ", 0, &with_node_ids(table.values(a), &ids));
        out.push_str("    </node>\n");
    }
    for (i, e) in graph.edges().iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&ids[e.source.id.as_str()]),
            escape(&ids[e.target.id.as_str()])
        );
        data(&mut out, "      ", NODE_ATTRS.len(), &edge_values(e));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
