//! `geokg render`: pictures made by Graphviz, the layout engine chosen by size, and
//! clear errors when Graphviz or the format is missing.

mod common;

use common::{geokg, have_graphviz, run, temp_dir, write_graph_file, GenActor, GenClaim, Rng};

#[test]
fn render_writes_svg_png_and_pdf_by_extension() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("render-formats");
    for (name, magic) in [
        ("haftar.svg", &b"<?xml"[..]),
        ("haftar.PNG", b"\x89PNG"),
        ("haftar.pdf", b"%PDF"),
    ] {
        let out = dir.join(name);
        let out_s = out.to_str().unwrap();
        let r = run(["render", "--focus", "Haftar", "-o", out_s]).expect_code(0);
        assert_eq!(r.stdout, "");
        assert!(
            r.stderr.starts_with(&format!(
                "geokg: wrote {out_s} (11 actors, 21 relations; dot layout in "
            )),
            "{}",
            r.stderr
        );
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes.starts_with(magic),
            "{name} is not what its extension says"
        );
        // no temporary file is left behind
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("geokg-tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
    let svg = std::fs::read_to_string(dir.join("haftar.svg")).unwrap();
    assert!(svg.contains(">Khalifa Haftar</text>"), "labels are drawn");
    assert!(
        svg.contains("class=\"edge supports\""),
        "edges carry their relation as class"
    );
    assert!(
        svg.contains("citation: AP on the UN panel report"),
        "tooltips carry evidence"
    );
}

#[test]
fn render_picks_dot_for_small_graphs_and_sfdp_for_large_ones() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("render-engine");
    let out = dir.join("g.svg");
    let out_s = out.to_str().unwrap();
    let r = run(["render", "-o", out_s]).expect_code(0);
    assert!(r.stderr.contains("; sfdp layout in "), "{}", r.stderr);
    let r = run([
        "render", "--focus", "Haftar", "--engine", "neato", "-o", out_s,
    ])
    .expect_code(0);
    assert!(r.stderr.contains("; neato layout in "), "{}", r.stderr);
    // boxes need dot, so clusters keep dot up to 200 actors and 400 relations: Libya
    // (more than dot takes without clusters; the whole default graph has more than 400)
    let r = run([
        "render",
        "--cluster",
        "country",
        "--focus",
        "Libya",
        "-o",
        out_s,
    ])
    .expect_code(0);
    assert!(r.stderr.contains("; dot layout in "), "{}", r.stderr);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("class=\"cluster\""));
    let r = run([
        "render",
        "--engine",
        "sfdp",
        "--cluster",
        "bloc",
        "--all",
        "-o",
        out_s,
    ])
    .expect_code(0);
    assert!(
        r.stderr.starts_with(
            "geokg: note: the sfdp layout draws no cluster boxes; --engine dot draws them\n"
        ),
        "{}",
        r.stderr
    );
}

/// The default graph is drawn with sfdp into an SVG, its best-evidenced actors when it
/// has too many (how long it takes is measured by
/// `cargo run --release --example scaling`, not here).
#[test]
fn render_of_the_full_default_graph_writes_an_svg() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("render-all");
    let out = dir.join("all.svg");
    let out_s = out.to_str().unwrap();
    let r = run(["render", "-o", out_s]).expect_code(0);
    assert!(
        r.stderr.contains(&format!("\ngeokg: wrote {out_s} ("))
            && r.stderr.contains("; sfdp layout in "),
        "{}",
        r.stderr
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
}

/// 2,000 actors and 10,000 relations.
fn big_graph(dir: &std::path::Path) -> String {
    let mut rng = Rng::new(7);
    let n = 2000;
    let actors: Vec<GenActor> = (0..n)
        .map(|i| (format!("a{i:04}"), format!("Actor {i}"), "armed_group"))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut claims: Vec<GenClaim> = Vec::new();
    while claims.len() < 10_000 {
        let (s, t) = (rng.below(n), rng.below(n));
        let rel = rng.pick(&["supports", "opposes", "warns"]);
        if s != t && seen.insert((s, rel, t)) {
            let cite = format!("c{}", claims.len());
            claims.push((
                format!("a{s:04}"),
                rel,
                format!("a{t:04}"),
                cite,
                false,
                None,
            ));
        }
    }
    let path = write_graph_file(dir, "big.json", &actors, &claims);
    path.to_str().unwrap().to_string()
}

/// A graph too large to draw whole is cut down to its busiest part, with a note; with
/// `--all` it is drawn whole with sfdp (the time of both is measured by
/// `cargo run --release --example scaling`, not here).
#[test]
fn render_of_a_large_graph_is_capped_unless_all() {
    if !have_graphviz() {
        return;
    }
    let dir = temp_dir("render-big");
    let g = big_graph(&dir);
    let out = dir.join("big.svg");
    let out_s = out.to_str().unwrap();
    let r = run(["--graph", &g, "render", "-o", out_s]).expect_code(0);
    assert!(r.stderr.starts_with("geokg: drew the "), "{}", r.stderr);
    assert!(std::fs::read(&out).unwrap().starts_with(b"<?xml"));
    let r = run(["--graph", &g, "render", "--all", "-o", out_s]).expect_code(0);
    assert!(
        r.stderr
            .contains("(2000 actors, 10000 relations; sfdp layout in "),
        "{}",
        r.stderr
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"<?xml"));
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = temp_dir("render-no-graphviz");
    let out = dir.join("x.svg");
    let r = geokg()
        .env("PATH", dir.join("no-such-bin"))
        .args(["render", "--focus", "Libya", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("geokg: Graphviz is not installed"),
        "{stderr}"
    );
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("geokg export --format dot"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn render_refuses_an_unknown_extension_and_an_unwritable_place() {
    let r = run(["render", "-o", "picture.jpg"]).expect_code(2);
    assert!(
        r.stderr.contains(
            "cannot tell the picture format of picture.jpg: name a .svg, .png or .pdf file"
        ),
        "{}",
        r.stderr
    );
    assert!(!std::path::Path::new("picture.jpg").exists());
    let r = run(["render", "--focus", "Haftar"]).expect_code(2);
    assert!(r.stderr.contains("--output"), "{}", r.stderr);
    if !have_graphviz() {
        return;
    }
    let r = run(["render", "--focus", "Libya", "-o", "/no/such/dir/x.svg"]).expect_code(2);
    assert!(
        r.stderr.starts_with("geokg: /no/such/dir/x.svg: "),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));
}

#[test]
fn render_unknown_focus_is_an_error_with_suggestions() {
    // the focus is read as query reads a name: one letter off is read, with a note
    let dir = temp_dir("render-focus");
    let out = dir.join("x.svg");
    let out = out.to_str().unwrap();
    if have_graphviz() {
        let r = run(["render", "--focus", "Hafter", "-o", out]).expect_code(0);
        assert!(
            r.stderr.contains("\"Hafter\" read as Khalifa Haftar"),
            "{}",
            r.stderr
        );
    }
    let r = run(["render", "--focus", "Hafterr", "-o", out]).expect_code(2);
    assert!(
        r.stderr.contains("did you mean \"Khalifa Haftar\""),
        "{}",
        r.stderr
    );
}

#[test]
fn render_and_export_help_show_examples_for_the_new_options() {
    let r = run(["render", "--help"]).expect_code(0);
    for word in [
        "Example",
        "--engine",
        "--cluster",
        "--all",
        "--relation",
        "--min-docs",
        "--rankdir",
    ] {
        assert!(r.stdout.contains(word), "render --help lacks {word}");
    }
    let r = run(["export", "--help"]).expect_code(0);
    for word in [
        "--format graphml",
        "--format gexf",
        "--format neo4j",
        "--format node-link",
        "--format jsonl",
        "--cluster bloc",
    ] {
        assert!(r.stdout.contains(word), "export --help lacks {word}");
    }
}
