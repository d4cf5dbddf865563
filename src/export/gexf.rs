//! GEXF 1.3, for Gephi (and networkx), with time spells from claim dates.
//!
//! Attributes are declared with types (`integer`, `double`, `boolean`, `string`) in a
//! fixed order, ids `0`… for nodes and edges separately: the same as in GraphML, less
//! `label` and `weight`, which GEXF writes in the node and edge elements themselves.
//! Edges carry `kind` (the relation, so Gephi keeps parallel edges of different kinds
//! apart), `label` and `weight` (distinct documents), a colour by relation, and one
//! spell per dated claim: `start` is the first day of the claim's `from` date, `end` the
//! last day of its `until` date, either left out when unknown. An edge with an undated
//! claim has no spells (it holds throughout). Nodes are coloured by actor kind.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{ActorKind, Date, RelationKind};

use super::xml::{escape, node_ids, with_node_ids};
use super::{edge_values, AttrType, NodeTable, Value, EDGE_ATTRS, NODE_ATTRS};

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Text => "string",
        AttrType::Integer => "integer",
        AttrType::Double => "double",
        AttrType::Boolean => "boolean",
    }
}

/// Attributes that GEXF carries in the element itself (`label`, `weight`), which Gephi
/// would refuse as attribute columns of the same name.
const BUILT_IN: [&str; 2] = ["label", "weight"];

/// The attributes GEXF declares: (name, type), in order.
fn declared(attrs: &[(&'static str, AttrType)]) -> Vec<(&'static str, AttrType)> {
    attrs
        .iter()
        .filter(|(name, _)| !BUILT_IN.contains(name))
        .copied()
        .collect()
}

/// Writes the values of the declared attributes (numbered from 0) that have one.
fn attvalues(
    out: &mut String,
    indent: &str,
    attrs: &[(&'static str, AttrType)],
    values: &[Option<Value>],
) {
    let kept: Vec<&Option<Value>> = attrs
        .iter()
        .zip(values)
        .filter(|((name, _), _)| !BUILT_IN.contains(name))
        .map(|(_, v)| v)
        .collect();
    if kept.iter().all(|v| v.is_none()) {
        return;
    }
    let _ = writeln!(out, "{indent}<attvalues>");
    for (i, v) in kept.into_iter().enumerate() {
        if let Some(v) = v {
            let _ = writeln!(
                out,
                "{indent}  <attvalue for=\"{i}\" value=\"{}\"/>",
                escape(&v.lexical())
            );
        }
    }
    let _ = writeln!(out, "{indent}</attvalues>");
}

fn node_rgb(kind: ActorKind) -> (u8, u8, u8) {
    match kind {
        ActorKind::State => (91, 143, 201),
        ActorKind::Government => (148, 116, 196),
        ActorKind::Person => (230, 186, 60),
        ActorKind::ArmedGroup => (196, 122, 82),
        ActorKind::InternationalOrganisation => (72, 170, 178),
        ActorKind::PoliticalBody => (204, 110, 168),
        ActorKind::Other => (150, 150, 150),
    }
}

fn edge_rgb(kind: RelationKind) -> (u8, u8, u8) {
    match kind {
        RelationKind::Supports => (26, 150, 65),
        RelationKind::Opposes => (215, 25, 28),
        RelationKind::Warns => (242, 142, 43),
    }
}

/// The first and last day a date can mean, as `YYYY-MM-DD`.
fn first_day(d: Date) -> String {
    let (y, m, day) = d.start();
    format!("{y:04}-{m:02}-{day:02}")
}

fn last_day(d: Date) -> String {
    let (y, m, day) = d.end();
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    format!("{y:04}-{m:02}-{:02}", day.min(month_days))
}

/// Spells of an edge, ordered and without repeats; empty when a claim is undated.
fn spells(e: &Edge<'_>) -> Vec<(Option<String>, Option<String>)> {
    if e.claims
        .iter()
        .any(|c| c.from.is_none() && c.until.is_none())
    {
        return Vec::new();
    }
    let set: BTreeSet<(Option<String>, Option<String>)> = e
        .claims
        .iter()
        .map(|c| (c.from.map(first_day), c.until.map(last_day)))
        .collect();
    set.into_iter().collect()
}

/// The whole graph (every actor, every edge) as a GEXF 1.3 document.
pub fn to_gexf(graph: &KnowledgeGraph) -> String {
    let edges = graph.edges();
    let all_spells: Vec<_> = edges.iter().map(spells).collect();
    let dynamic = all_spells.iter().any(|s| !s.is_empty());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    out.push_str("  <meta>\n    <creator>geokg</creator>\n    <description>who supports, opposes and warns whom, with evidence</description>\n  </meta>\n");
    if dynamic {
        out.push_str(
            "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n",
        );
    } else {
        out.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    }
    for (class, attrs) in [("node", &NODE_ATTRS[..]), ("edge", &EDGE_ATTRS[..])] {
        let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
        for (i, (name, t)) in declared(attrs).iter().enumerate() {
            let _ = writeln!(
                out,
                "      <attribute id=\"{i}\" title=\"{name}\" type=\"{}\"/>",
                type_name(*t)
            );
        }
        out.push_str("    </attributes>\n");
    }
    out.push_str("    <nodes>\n");
    let table = NodeTable::new(graph);
    let ids = node_ids(graph);
    for a in graph.actors() {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            escape(&ids[a.id.as_str()]),
            escape(&a.name)
        );
        attvalues(
            &mut out,
            "        ",
            &NODE_ATTRS,
            &with_node_ids(table.values(a), &ids),
        );
        let (r, g, b) = node_rgb(a.kind);
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, (e, spells)) in edges.iter().zip(&all_spells).enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" kind=\"{kind}\" label=\"{kind}\" weight=\"{}.0\">",
            escape(&ids[e.source.id.as_str()]),
            escape(&ids[e.target.id.as_str()]),
            e.documents(),
            kind = e.kind.as_str(),
        );
        attvalues(&mut out, "        ", &EDGE_ATTRS, &edge_values(e));
        if !spells.is_empty() {
            out.push_str("        <spells>\n");
            for (start, end) in spells {
                out.push_str("          <spell");
                if let Some(s) = start {
                    let _ = write!(out, " start=\"{s}\"");
                }
                if let Some(s) = end {
                    let _ = write!(out, " end=\"{s}\"");
                }
                out.push_str("/>\n");
            }
            out.push_str("        </spells>\n");
        }
        let (r, g, b) = edge_rgb(e.kind);
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spell_ends_are_real_days() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(first_day(d("2020")), "2020-01-01");
        assert_eq!(last_day(d("2020")), "2020-12-31");
        assert_eq!(last_day(d("2020-04")), "2020-04-30");
        assert_eq!(last_day(d("2020-02")), "2020-02-29");
        assert_eq!(last_day(d("2019-02")), "2019-02-28");
        assert_eq!(last_day(d("2019-02-03")), "2019-02-03");
    }
}
