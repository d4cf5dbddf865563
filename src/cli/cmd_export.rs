//! `geokg export`, `render` and `view`: the selection the options ask for, pictures and pages.

use super::*;

/// The place `--focus` names, with a note on stderr when the name was read loosely.
pub(crate) fn focus_place(
    graph: &KnowledgeGraph,
    focus: Option<&str>,
    window: &geokg::graph::time::Window,
) -> Result<Option<geokg::graph::place::Place>, Vec<Error>> {
    let Some(name) = focus else {
        return Ok(None);
    };
    let (place, note) = query::place(graph, name, window).map_err(|e| vec![e])?;
    if let Some(note) = note {
        eprintln!("geokg: note: {note}");
    }
    Ok(Some(place))
}

/// The selection the options ask for; pictures keep only the best-evidenced actors.
pub(crate) fn selection(
    graph: &KnowledgeGraph,
    pick: &Pick,
    look: Option<&Look>,
) -> Result<export::Selection, Vec<Error>> {
    let window = geokg::graph::time::Window {
        since: pick.since,
        until: pick.until,
        as_of: None,
    };
    Ok(export::Selection {
        place: focus_place(graph, pick.focus.as_deref(), &window)?,
        depth: pick.depth,
        relations: pick
            .relation
            .iter()
            .map(|r| match r {
                RelationArg::Supports => geokg::RelationKind::Supports,
                RelationArg::Opposes => geokg::RelationKind::Opposes,
                RelationArg::Warns => geokg::RelationKind::Warns,
            })
            .collect(),
        min_docs: pick.min_docs,
        window,
        limit: match look {
            Some(l) if !l.all => Some(export::DEFAULT_LIMIT),
            _ => None,
        },
    })
}

pub(crate) fn dot_options(look: &Look, selected: &export::Selected) -> export::DotOptions {
    export::DotOptions {
        rankdir: match look.rankdir {
            RankDirArg::LR => export::RankDir::LeftRight,
            RankDirArg::TB => export::RankDir::TopBottom,
            RankDirArg::RL => export::RankDir::RightLeft,
            RankDirArg::BT => export::RankDir::BottomTop,
        },
        cluster: match look.cluster {
            ClusterArg::None => export::Cluster::None,
            ClusterArg::Country => export::Cluster::Country,
            ClusterArg::Bloc => export::Cluster::Bloc,
        },
        legend: !look.no_legend,
        isolated: false,
        highlight: selected.focus.clone(),
        element_ids: false,
    }
}

/// Says on stderr what the actor limit left out of a picture.
pub(crate) fn report_left_out(selected: &export::Selected) {
    if selected.left_out.is_empty() {
        return;
    }
    let shown = export::connected_ids(&selected.graph).len();
    let names: Vec<String> = selected
        .left_out
        .iter()
        .take(5)
        .map(|(_, name)| name.clone())
        .collect();
    eprintln!(
        "geokg: drew the {shown} best-evidenced actors of {}; left out {} actors ({}{}) and {} relations; --all draws every actor",
        shown + selected.left_out.len(),
        selected.left_out.len(),
        names.join(", "),
        if selected.left_out.len() > names.len() { ", …" } else { "" },
        selected.left_out_edges
    );
}

pub(crate) fn run_export(
    graph_file: &Option<PathBuf>,
    format: Format,
    output: Option<PathBuf>,
    pick: &Pick,
    look: &Look,
) -> Result<Outcome, Vec<Error>> {
    let graph = load_graph(graph_file)?;
    let picture = matches!(format, Format::Dot | Format::Html);
    let selected = selection(&graph, pick, picture.then_some(look))?
        .apply(&graph)
        .map_err(|e| vec![e])?;
    require_some(&selected, pick, picture)?;
    if picture {
        report_left_out(&selected);
    }
    let graph = &selected.graph;
    let found = graph.edge_count() > 0;
    // a picture leaves out actors without relations; the other formats keep them
    let actors = if picture {
        export::connected_ids(graph).len()
    } else {
        graph.actors().len()
    };
    let summary = |what: &str| {
        format!(
            "geokg: wrote {what} ({}, {})",
            count(actors, "actor"),
            count(graph.edge_count(), "edge")
        )
    };
    if format == Format::Neo4j {
        let Some(dir) = output else {
            return Err(vec![Error::Usage(
                "--format neo4j writes two files (actors.csv, relations.csv): name a directory with -o DIR".into(),
            )]);
        };
        let files = export::neo4j::to_neo4j(graph).map_err(|e| vec![e])?;
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Error::Io {
                path: dir.display().to_string(),
                message: e.to_string().to_lowercase(),
            }]
        })?;
        let [actors, relations] = export::neo4j::FILE_NAMES;
        write_file(&dir.join(actors), &files.actors)?;
        write_file(&dir.join(relations), &files.relations)?;
        eprintln!(
            "{}",
            summary(&format!("{actors} and {relations} in {}", dir.display()))
        );
        eprintln!(
            "geokg: import with: cd {} && {}",
            dir.display(),
            export::neo4j::IMPORT_COMMAND
        );
        return Ok(Outcome::Output(String::new(), found));
    }
    let text = match format {
        Format::Dot => export::to_dot(graph, &dot_options(look, &selected)),
        Format::Json => graph_file::to_json(graph),
        Format::Graphml => export::graphml::to_graphml(graph),
        Format::Gexf => export::gexf::to_gexf(graph),
        Format::NodeLink => export::json::to_node_link(graph),
        Format::Jsonl => export::json::to_claims_jsonl(graph),
        Format::Html => html_page(&selected, look, EngineArg::Auto)?.0,
        Format::Neo4j => String::new(),
    };
    match output {
        Some(path) => {
            write_file(&path, &text)?;
            eprintln!("{}", summary(&path.display().to_string()));
            Ok(Outcome::Output(String::new(), found))
        }
        None => Ok(Outcome::Output(text, found)),
    }
}

pub(crate) fn run_render(
    graph_file: &Option<PathBuf>,
    output: &std::path::Path,
    engine: EngineArg,
    pick: &Pick,
    look: &Look,
) -> Result<Outcome, Vec<Error>> {
    use export::render::PictureFormat;
    let Some(picture) = PictureFormat::from_path(output) else {
        return Err(vec![Error::Usage(format!(
            "cannot tell the picture format of {}: name a .svg, .png or .pdf file",
            output.display()
        ))]);
    };
    let graph = load_graph(graph_file)?;
    let selected = selection(&graph, pick, Some(look))?
        .apply(&graph)
        .map_err(|e| vec![e])?;
    require_some(&selected, pick, true)?;
    report_left_out(&selected);
    let graph = &selected.graph;
    let nodes = export::connected_ids(graph).len();
    let edges = graph.edge_count();
    let clusters = look.cluster != ClusterArg::None;
    let engine = layout_engine(engine, nodes, edges, clusters);
    let dot_text = export::to_dot(graph, &dot_options(look, &selected));
    let started = std::time::Instant::now();
    let made = export::render::render(&dot_text, engine, picture).map_err(|e| vec![e])?;
    for line in made.warnings.lines() {
        eprintln!("geokg: graphviz: {line}");
    }
    write_file(output, &made.bytes)?;
    eprintln!(
        "geokg: wrote {} ({nodes} actors, {edges} relations; {} layout in {:.1} s)",
        output.display(),
        engine.as_str(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Output(String::new(), edges > 0))
}

/// The engine asked for, or the one that fits the size; says when it draws no boxes.
pub(crate) fn layout_engine(
    engine: EngineArg,
    nodes: usize,
    edges: usize,
    clusters: bool,
) -> export::render::Engine {
    use export::render::Engine;
    let engine = match engine {
        EngineArg::Auto => Engine::for_size(nodes, edges, clusters),
        EngineArg::Dot => Engine::Dot,
        EngineArg::Sfdp => Engine::Sfdp,
        EngineArg::Neato => Engine::Neato,
        EngineArg::Fdp => Engine::Fdp,
        EngineArg::Circo => Engine::Circo,
        EngineArg::Twopi => Engine::Twopi,
    };
    if clusters && !engine.draws_clusters() {
        eprintln!(
            "geokg: note: the {} layout draws no cluster boxes; --engine dot draws them",
            engine.as_str()
        );
    }
    engine
}

/// The interactive page of a selection: Graphviz lays out the picture (as `render`
/// would), then the page wraps it with the data. Returns the page, the engine and the
/// seconds the layout took.
pub(crate) fn html_page(
    selected: &export::Selected,
    look: &Look,
    engine: EngineArg,
) -> Result<(String, export::render::Engine, f64), Vec<Error>> {
    use export::render::PictureFormat;
    let graph = &selected.graph;
    let nodes = export::connected_ids(graph).len();
    let engine = layout_engine(
        engine,
        nodes,
        graph.edge_count(),
        look.cluster != ClusterArg::None,
    );
    let options = export::DotOptions {
        element_ids: true,
        ..dot_options(look, selected)
    };
    let started = std::time::Instant::now();
    let made = export::render::render(&export::to_dot(graph, &options), engine, PictureFormat::Svg)
        .map_err(|e| vec![e])?;
    let seconds = started.elapsed().as_secs_f64();
    for line in made.warnings.lines() {
        eprintln!("geokg: graphviz: {line}");
    }
    let svg = String::from_utf8_lossy(&made.bytes);
    let title = match selected.focus.as_deref().and_then(|id| graph.actor(id)) {
        Some(a) => format!("geokg: around {}", a.name),
        None => "geokg: the graph".to_string(),
    };
    let page = export::html::to_html(
        graph,
        &svg,
        &export::html::HtmlOptions {
            title,
            focus: selected.focus.clone(),
        },
    );
    Ok((page, engine, seconds))
}

pub(crate) fn run_view(
    graph_file: &Option<PathBuf>,
    output: &std::path::Path,
    engine: EngineArg,
    pick: &Pick,
    look: &Look,
) -> Result<Outcome, Vec<Error>> {
    let graph = load_graph(graph_file)?;
    let selected = selection(&graph, pick, Some(look))?
        .apply(&graph)
        .map_err(|e| vec![e])?;
    require_some(&selected, pick, true)?;
    report_left_out(&selected);
    let (page, engine, seconds) = html_page(&selected, look, engine)?;
    write_file(output, &page)?;
    let edges = selected.graph.edge_count();
    eprintln!(
        "geokg: wrote {} ({} actors, {edges} relations, {} KB; {} layout in {seconds:.1} s)",
        output.display(),
        export::connected_ids(&selected.graph).len(),
        page.len().div_ceil(1024),
        engine.as_str(),
    );
    Ok(Outcome::Output(String::new(), edges > 0))
}

/// An empty selection is an error (exit 2, nothing written): a picture needs a relation,
/// the other formats an actor. The message says which choices emptied it.
pub(crate) fn require_some(
    selected: &export::Selected,
    pick: &Pick,
    picture: bool,
) -> Result<(), Vec<Error>> {
    let g = &selected.graph;
    let empty = if picture {
        g.edge_count() == 0
    } else {
        g.actors().is_empty()
    };
    if !empty {
        return Ok(());
    }
    let mut why = Vec::new();
    if let Some(f) = &pick.focus {
        why.push(format!("--focus {f}"));
    }
    if !pick.relation.is_empty() {
        why.push("--relation".to_string());
    }
    if pick.min_docs > 1 {
        why.push(format!("--min-docs {}", pick.min_docs));
    }
    if pick.since.is_some() || pick.until.is_some() {
        why.push("--since/--until".to_string());
    }
    let what = if picture {
        "relation to draw"
    } else {
        "actor to export"
    };
    let message = if why.is_empty() {
        format!("nothing to write: the graph has no {what}; no file written")
    } else {
        format!(
            "nothing to write: no {what} is left after {}; no file written (widen the selection: a larger --depth, fewer filters)",
            why.join(", ")
        )
    };
    Err(vec![Error::Usage(message)])
}
