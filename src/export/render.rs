//! Pictures: runs Graphviz on the DOT from [`super::dot`] to make SVG, PNG or PDF.
//!
//! The layout engine follows the graph's size unless told: `dot` (layered, with
//! curved edges) for small graphs, `sfdp` (force-directed, scales to thousands of
//! nodes) for large ones, where `dot` would take minutes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Layered layout; best for small graphs, slow for large ones.
    Dot,
    /// Multiscale force-directed layout; fast on large graphs.
    Sfdp,
    /// Spring model layout.
    Neato,
    /// Force-directed layout.
    Fdp,
    /// Circular layout.
    Circo,
    /// Radial layout.
    Twopi,
}

impl Engine {
    /// The engine's Graphviz name.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Sfdp => "sfdp",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Circo => "circo",
            Engine::Twopi => "twopi",
        }
    }

    /// `dot` up to [`DOT_MAX_NODES`] actors and [`DOT_MAX_EDGES`] relations, `sfdp`
    /// beyond. With clusters, `dot` (the engine that draws them) up to
    /// [`CLUSTER_MAX_NODES`] and [`CLUSTER_MAX_EDGES`]; `sfdp` beyond draws no boxes.
    pub fn for_size(nodes: usize, edges: usize, clusters: bool) -> Engine {
        let (max_nodes, max_edges) = if clusters {
            (CLUSTER_MAX_NODES, CLUSTER_MAX_EDGES)
        } else {
            (DOT_MAX_NODES, DOT_MAX_EDGES)
        };
        if nodes <= max_nodes && edges <= max_edges {
            Engine::Dot
        } else {
            Engine::Sfdp
        }
    }

    /// Whether the engine draws cluster boxes.
    pub fn draws_clusters(self) -> bool {
        matches!(self, Engine::Dot | Engine::Fdp)
    }

    /// Graph attributes given on the Graphviz command line for this engine.
    fn settings(self) -> &'static [&'static str] {
        match self {
            // cap the crossing-minimisation and network-simplex passes, so that a large
            // graph forced onto dot still lays out in seconds rather than minutes
            Engine::Dot => &["-Gmclimit=2", "-Gnslimit=2", "-Gsearchsize=50"],
            // no overlapping nodes, some air between them; straight edges, because
            // Graphviz 2.43's curved edges took minutes on some graphs of 40 actors and
            // 150 relations
            Engine::Sfdp => &["-Goverlap=prism", "-Gsep=+8", "-GK=1.4"],
            Engine::Neato | Engine::Fdp => &["-Goverlap=prism", "-Gsep=+6"],
            Engine::Circo | Engine::Twopi => &[],
        }
    }
}

/// Largest graph (actors) that [`Engine::for_size`] gives to `dot`.
pub const DOT_MAX_NODES: usize = 30;
/// Largest graph (relations) that [`Engine::for_size`] gives to `dot`.
pub const DOT_MAX_EDGES: usize = 80;

/// Largest clustered graph (actors) that [`Engine::for_size`] gives to `dot`.
pub const CLUSTER_MAX_NODES: usize = 200;
/// Largest clustered graph (relations) that [`Engine::for_size`] gives to `dot`; at 200
/// actors and 600 relations `dot` took 7 to 12 s here.
pub const CLUSTER_MAX_EDGES: usize = 400;

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// Bitmap.
    Png,
    /// Vector PDF.
    Pdf,
}

impl PictureFormat {
    /// The format named by a file's extension (`.svg`, `.png`, `.pdf`, any case).
    pub fn from_path(path: &Path) -> Option<PictureFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(PictureFormat::Svg),
            "png" => Some(PictureFormat::Png),
            "pdf" => Some(PictureFormat::Pdf),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            PictureFormat::Svg => "svg",
            PictureFormat::Png => "png",
            PictureFormat::Pdf => "pdf",
        }
    }
}

/// How to get Graphviz, for the message when it is missing.
pub const INSTALL_HINT: &str = "Graphviz is not installed (no `dot` command on the PATH); install it with `apt-get install graphviz` (Debian, Ubuntu), `dnf install graphviz` (Fedora), `brew install graphviz` (macOS) or from graphviz.org, or write DOT with `geokg export --format dot`";

/// What Graphviz made, and what it said on the way.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The picture's bytes.
    pub bytes: Vec<u8>,
    /// Graphviz's warnings, if any.
    pub warnings: String,
}

/// Runs Graphviz's `dot` program with the given engine on `dot_text`.
///
/// # Errors
/// When Graphviz is not installed ([`INSTALL_HINT`]), cannot be run, or fails.
pub fn render(dot_text: &str, engine: Engine, format: PictureFormat) -> Result<Picture> {
    let child = Command::new("dot")
        .arg(format!("-K{}", engine.as_str()))
        .arg(format!("-T{}", format.as_str()))
        .args(engine.settings())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Usage(INSTALL_HINT.into()))
        }
        Err(e) => return Err(Error::io("dot", &e)),
    };
    // feed the DOT from another thread, so that a large picture on stdout cannot block
    // Graphviz while it still waits for input
    let writer = child.stdin.take().map(|mut stdin| {
        let text = dot_text.to_string();
        std::thread::spawn(move || stdin.write_all(text.as_bytes()))
    });
    let out = child.wait_with_output().map_err(|e| Error::io("dot", &e))?;
    let fed = writer.map(|w| w.join());
    let warnings = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if !out.status.success() {
        let said = if warnings.is_empty() {
            out.status.to_string()
        } else {
            warnings
        };
        return Err(Error::Usage(format!(
            "graphviz ({} -K{}) failed: {said}",
            "dot",
            engine.as_str()
        )));
    }
    if let Some(Ok(Err(e))) = fed {
        return Err(Error::io("dot", &e));
    }
    Ok(Picture {
        bytes: out.stdout,
        warnings,
    })
}
