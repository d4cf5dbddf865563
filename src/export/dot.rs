//! Graphviz DOT, styled as a signed network (through dot-writer).
//!
//! dot-writer writes ids and attribute values as given, so every id and label passes
//! through [`dot_quote`] / [`dot_escape`] here. It also unwraps its writes, so it writes
//! into a `Vec` in memory, which cannot fail; the caller writes the result and reports a
//! closed pipe or a full disk as an error.
//!
//! Relations are told apart by colour, line style and arrowhead, explained in a legend
//! (the graph's label), never by edge labels, which make Graphviz layouts crawl.

use std::collections::{BTreeMap, BTreeSet};

use dot_writer::{Attributes, DotWriter, Scope};

use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{Actor, ActorKind, Provenance, RelationKind};

use super::{camps::camps, connected_ids, country_of, evidence_scores};

/// Escapes a string for use inside a double-quoted DOT string that Graphviz shows as
/// text (a label or a tooltip): backslashes and quotes are escaped, `&` becomes `&amp;`
/// (Graphviz would read `&amp;` or `&#65;` in a label as an entity), line breaks become
/// `\n`, a tab becomes a space and other control characters are dropped.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT id: always double-quoted and escaped, so keywords (`graph`, `node`) and any
/// punctuation are safe. Ids are not shown as text, so `&` is kept as it is.
pub fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
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
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Which way the layout runs (Graphviz `rankdir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankDir {
    /// Left to right.
    #[default]
    LeftRight,
    /// Top to bottom.
    TopBottom,
    /// Right to left.
    RightLeft,
    /// Bottom to top.
    BottomTop,
}

impl RankDir {
    fn as_str(self) -> &'static str {
        match self {
            RankDir::LeftRight => "LR",
            RankDir::TopBottom => "TB",
            RankDir::RightLeft => "RL",
            RankDir::BottomTop => "BT",
        }
    }
}

/// How to group actors into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cluster {
    /// No grouping.
    #[default]
    None,
    /// By the state an actor is or serves (see [`super::country_of`]).
    Country,
    /// By camp: a simple two-camp split of each connected part of the signed graph
    /// (supports together, opposes apart).
    Bloc,
}

/// How to draw the graph.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Layout direction.
    pub rankdir: RankDir,
    /// Grouping of actors into boxes.
    pub cluster: Cluster,
    /// Draw the legend (the graph's label).
    pub legend: bool,
    /// Also draw actors without any relation.
    pub isolated: bool,
    /// Id of an actor to highlight (the `--focus` actor).
    pub highlight: Option<String>,
    /// Give each node and edge an `id` that Graphviz copies into SVG: `a` plus the
    /// actor's position in [`KnowledgeGraph::actors`], `e` plus the edge's position in
    /// [`KnowledgeGraph::edges`] (for [`super::html`], which finds them by those).
    pub element_ids: bool,
}

impl DotOptions {
    /// The options `geokg export --format dot` uses by default: left to right, a
    /// legend, no clusters.
    pub fn standard() -> Self {
        DotOptions {
            legend: true,
            ..DotOptions::default()
        }
    }
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

fn fill(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "#dbe8f5",
        ActorKind::Government => "#e6ddf3",
        ActorKind::Person => "#fff3c4",
        ActorKind::ArmedGroup => "#f2ddcf",
        ActorKind::InternationalOrganisation => "#d6eef0",
        ActorKind::PoliticalBody => "#f3dfeb",
        ActorKind::Other => "#eeeeee",
    }
}

fn kind_words(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "state",
        ActorKind::Government => "government",
        ActorKind::Person => "person",
        ActorKind::ArmedGroup => "armed group",
        ActorKind::InternationalOrganisation => "international organisation",
        ActorKind::PoliticalBody => "political body",
        ActorKind::Other => "other",
    }
}

/// Colour, line style and arrowhead of an edge.
fn edge_style(kind: RelationKind, hedged: bool) -> (&'static str, &'static str, &'static str) {
    let color = match (kind, hedged) {
        (RelationKind::Supports, false) => "#1a9641",
        (RelationKind::Supports, true) => "#5fb86f",
        (RelationKind::Opposes, false) => "#d7191c",
        (RelationKind::Opposes, true) => "#e8696b",
        (RelationKind::Warns, false) => "#f28e2b",
        (RelationKind::Warns, true) => "#f6b26b",
    };
    let style = match (kind, hedged) {
        (_, true) => "dotted",
        (RelationKind::Warns, false) => "dashed",
        _ => "solid",
    };
    // a second cue besides colour, for readers who cannot tell red from green
    let arrow = match kind {
        RelationKind::Supports => "normal",
        RelationKind::Opposes => "tee",
        RelationKind::Warns => "vee",
    };
    (color, style, arrow)
}

/// Pen width from the number of distinct documents and citations: 1.2 for one, growing
/// by 0.9 a document up to six.
fn pen_width(documents: usize) -> f64 {
    1.2 + (documents.clamp(1, 6) - 1) as f64 * 0.9
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The tooltip of an edge: what it says, how much backs it, the best evidence and where
/// it comes from.
fn edge_tooltip(e: &Edge<'_>) -> String {
    let best = e.best();
    let mut s = format!(
        "{} {} {} — {}, {}{}\n",
        e.source.name,
        e.kind,
        e.target.name,
        plural(e.claims.len(), "claim", "claims"),
        plural(e.documents(), "source", "sources"),
        if e.hedged() { ", hedged" } else { "" }
    );
    match &best.provenance {
        Provenance::Curated {
            citation,
            source_ref,
            ..
        } => {
            s.push_str("citation: ");
            s.push_str(citation);
            // who published it and when; the address stays out of the picture (an SVG
            // inside the `view` page holds no address), query and JSON give it
            if let Some(r) = source_ref {
                s.push_str(&format!("\n— {}, {}", r.publisher, r.date));
            }
        }
        Provenance::Extracted(ev) => {
            s.push('“');
            s.push_str(&ev.sentence.split_whitespace().collect::<Vec<_>>().join(" "));
            s.push_str("”\n");
            s.push_str(&format!("— {}, sentence {}", ev.doc, ev.sentence_index));
        }
    }
    s
}

/// The legend, as a Graphviz HTML-like label: relation styles, pen width, and the kinds
/// of actor drawn.
fn legend(kinds: &BTreeSet<ActorKind>, nodes: usize, edges: usize, cluster: Cluster) -> String {
    let mut s =
        String::from("<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">");
    s.push_str(&format!(
        "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><B>geokg</B>  {} · {}{}</TD></TR>",
        plural(nodes, "actor", "actors"),
        plural(edges, "relation", "relations"),
        match cluster {
            Cluster::None => "",
            Cluster::Country => " · boxes: the state an actor is or serves",
            Cluster::Bloc => " · boxes: camps (support within, opposition across)",
        }
    ));
    s.push_str("<TR>");
    let rows: [(RelationKind, bool, &str); 4] = [
        (RelationKind::Supports, false, "supports"),
        (RelationKind::Opposes, false, "opposes"),
        (RelationKind::Warns, false, "warns"),
        (RelationKind::Supports, true, "hedged (alleged)"),
    ];
    for (kind, hedged, text) in rows {
        let (color, style, arrow) = edge_style(kind, hedged);
        let line = match style {
            "dotted" => "┈┈┈",
            "dashed" => "╌╌╌",
            _ => "━━━",
        };
        let head = match arrow {
            "tee" => "┫",
            "vee" => "›",
            _ => "▶",
        };
        s.push_str(&format!(
            "<TD ALIGN=\"RIGHT\"><FONT COLOR=\"{color}\">{line}{head}</FONT></TD><TD ALIGN=\"LEFT\">{text}  </TD>"
        ));
    }
    s.push_str("</TR><TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">thicker line: more documents and citations behind the relation</TD></TR>");
    // the row of actor kinds only when there are actors: Graphviz refuses an empty row
    if !kinds.is_empty() {
        s.push_str("<TR><TD COLSPAN=\"8\"><TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"3\" CELLPADDING=\"2\" COLOR=\"#777777\"><TR>");
        for k in kinds {
            s.push_str(&format!(
                "<TD BGCOLOR=\"{}\">{} ({})</TD>",
                fill(*k),
                kind_words(*k),
                shape(*k)
            ));
        }
        s.push_str("</TR></TABLE></TD></TR>");
    }
    s.push_str("</TABLE>>");
    s
}

/// Boxes to draw: (label, member ids), each with at least two members shown.
fn clusters(
    graph: &KnowledgeGraph,
    shown: &BTreeSet<String>,
    how: Cluster,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    match how {
        Cluster::None => {}
        Cluster::Country => {
            let mut by_state: BTreeMap<&str, (String, Vec<String>)> = BTreeMap::new();
            for id in shown {
                let Some(a) = graph.actor(id) else { continue };
                if let Some(state) = country_of(graph, a) {
                    by_state
                        .entry(state.id.as_str())
                        .or_insert_with(|| (state.name.clone(), Vec::new()))
                        .1
                        .push(id.clone());
                }
            }
            out.extend(by_state.into_values());
        }
        Cluster::Bloc => {
            let scores = evidence_scores(graph);
            for camp in camps(graph) {
                let members: Vec<String> =
                    camp.into_iter().filter(|id| shown.contains(id)).collect();
                // name the camp after its two best-evidenced members
                let mut best: Vec<&String> = members.iter().collect();
                best.sort_by(|a, b| scores.get(*b).cmp(&scores.get(*a)).then(a.cmp(b)));
                let names: Vec<&str> = best
                    .iter()
                    .take(2)
                    .filter_map(|id| graph.actor(id).map(|a| a.name.as_str()))
                    .collect();
                let more = if members.len() > 2 { ", …" } else { "" };
                out.push((format!("with {}{more}", names.join(", ")), members));
            }
        }
    }
    out.retain(|(_, members)| members.len() >= 2);
    out
}

fn write_node(scope: &mut Scope<'_, '_>, a: &Actor, highlight: bool, id: Option<usize>) {
    let mut node = scope.node_named(dot_quote(&a.id));
    if let Some(i) = id {
        node.set("id", &format!("a{i}"), true);
    }
    node.set("label", &dot_escape(&a.name), true)
        .set("shape", shape(a.kind), false)
        .set("fillcolor", fill(a.kind), true)
        .set(
            "tooltip",
            &dot_escape(&format!("{} ({})", a.name, a.kind)),
            true,
        );
    if highlight {
        node.set("penwidth", "2.5", false)
            .set("color", "#000000", true)
            .set("fontsize", "13", false);
    }
}

/// Renders the graph as DOT.
///
/// Actors without any edge are left out unless `options.isolated`. Clusters come first
/// (ordered by their first member), then the other nodes by id, then the edges by
/// (source, kind, target), so the same graph gives the same bytes.
pub fn to_dot(graph: &KnowledgeGraph, options: &DotOptions) -> String {
    let edges = graph.edges();
    let shown: BTreeSet<String> = if options.isolated {
        graph.actors().iter().map(|a| a.id.clone()).collect()
    } else {
        connected_ids(graph)
    };
    let boxes = clusters(graph, &shown, options.cluster);
    let boxed: BTreeSet<&str> = boxes
        .iter()
        .flat_map(|(_, m)| m.iter().map(String::as_str))
        .collect();
    let kinds: BTreeSet<ActorKind> = shown
        .iter()
        .filter_map(|id| graph.actor(id))
        .map(|a| a.kind)
        .collect();
    let is_highlight = |a: &Actor| options.highlight.as_deref() == Some(a.id.as_str());
    let position: BTreeMap<&str, usize> = graph
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let element_id = |a: &Actor| {
        options
            .element_ids
            .then(|| position.get(a.id.as_str()).copied())
            .flatten()
    };

    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        // the legend grows with the picture, so that it stays legible when scaled down
        let legend_size = (10 + shown.len() / 8).clamp(11, 24);
        g.set("rankdir", options.rankdir.as_str(), false)
            .set("fontname", "Helvetica", true)
            .set("fontsize", &legend_size.to_string(), false)
            // dot: room between ranks; sfdp and neato: no overlapping nodes
            .set("newrank", "true", false)
            .set("nodesep", "0.25", false)
            .set("ranksep", "0.9", false)
            .set("overlap", "prism", false)
            .set("outputorder", "edgesfirst", false)
            .set("pad", "0.3", false);
        if options.legend {
            g.set(
                "label",
                &legend(&kinds, shown.len(), edges.len(), options.cluster),
                false,
            )
            .set("labelloc", "b", false)
            .set("labeljust", "l", false);
        }
        // names grow a little with the picture too, up to 14 points
        let name_size = (10 + shown.len() / 10).clamp(10, 14);
        g.node_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", &name_size.to_string(), false)
            .set("style", "filled", true)
            .set("color", "#555555", true)
            .set("penwidth", "0.8", false)
            .set("margin", "0.08,0.03", true);
        g.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("arrowsize", "0.7", false);
        for (label, members) in &boxes {
            let mut c = g.cluster();
            c.set("label", &dot_escape(label), true)
                .set("style", "rounded,filled", true)
                .set("fillcolor", "#f6f6f6", true)
                .set("color", "#c8c8c8", true)
                .set("fontcolor", "#555555", true)
                .set("fontsize", &(name_size + 2).to_string(), false)
                // the graph's legend sits at the bottom; box names go on top
                .set("labelloc", "t", false)
                .set("labeljust", "l", false);
            for id in members {
                if let Some(a) = graph.actor(id) {
                    write_node(&mut c, a, is_highlight(a), element_id(a));
                }
            }
        }
        for a in graph.actors() {
            if shown.contains(&a.id) && !boxed.contains(a.id.as_str()) {
                write_node(&mut g, a, is_highlight(a), element_id(a));
            }
        }
        for (i, e) in edges.iter().enumerate() {
            let (color, style, arrow) = edge_style(e.kind, e.hedged());
            let edge = g.edge(dot_quote(&e.source.id), dot_quote(&e.target.id));
            let mut attrs = edge.attributes();
            if options.element_ids {
                attrs.set("id", &format!("e{i}"), true);
            }
            attrs
                .set("color", color, true)
                .set("style", style, false)
                .set("arrowhead", arrow, false)
                .set(
                    "penwidth",
                    &format!("{:.1}", pen_width(e.documents())),
                    false,
                )
                .set("class", e.kind.as_str(), true)
                .set("tooltip", &dot_escape(&edge_tooltip(e)), true);
        }
    }
    // dot-writer writes only what it was given, and everything given here is UTF-8
    String::from_utf8(bytes).unwrap_or_default()
}
