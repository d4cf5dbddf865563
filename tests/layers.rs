//! The module tree is the pipeline: no import cycles between the library's source files,
//! and no module imports one of a higher layer. The layers are the list in
//! ARCHITECTURE.md ("Layers"), read from there, so the picture and the rule cannot drift
//! apart.
//!
//! An import is any `crate::…` path (in `use` or inline) and `super::…`, outside the
//! `#[cfg(test)]` module at the end of a file: test code may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Source files of the library as module paths ("graph", "frames/tree", "export"):
/// a `mod.rs` is its folder's module.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("src/ is readable")
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap().with_extension("");
                let mut name = rel.to_string_lossy().replace('\\', "/");
                if let Some(folder) = name.strip_suffix("/mod") {
                    name = folder.to_string();
                }
                // the crate root only declares and re-exports; the binary's files import
                // the library by name, not through crate::
                if name == "lib" || name == "main" || name == "cli" || name.starts_with("cli/") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a source file");
                out.insert(name, text);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// The code of a file without comments and without its trailing test module.
fn code(text: &str) -> String {
    let mut lines = Vec::new();
    let mut all = text.lines().peekable();
    while let Some(line) = all.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]")
            && all
                .peek()
                .is_some_and(|l| l.trim_start().starts_with("mod "))
        {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        lines.push(line.split(" // ").next().unwrap_or(line));
    }
    lines.join("\n")
}

/// The path segments after each `crate::` or `super::` in `code`, one list per path;
/// `crate::{a, b::c}` gives `a` and `b::c`.
fn paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let segments = |s: &str| -> Vec<String> {
            s.split("::")
                .map(|seg| {
                    seg.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .take_while(|seg| !seg.is_empty())
                .collect()
        };
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                out.push(segments(item.trim()));
            }
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            out.push(segments(&rest[..end]));
        }
    }
    out
}

/// The module a path names: the longest prefix of it that is a module file.
fn resolve(
    base: &[String],
    segments: &[String],
    known: &BTreeMap<String, String>,
) -> Option<String> {
    let mut full: Vec<String> = base.to_vec();
    full.extend(segments.iter().cloned());
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("/"))
        .find(|m| known.contains_key(m))
}

/// Each module and the modules it imports (itself and its own submodules excluded).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    let mut out = BTreeMap::new();
    for (name, text) in &known {
        let code = code(text);
        let mut deps = BTreeSet::new();
        for segments in paths(&code, "crate::") {
            deps.extend(resolve(&[], &segments, &known));
        }
        // super:: is the parent module (of a folder's mod.rs, the folder's parent)
        let parent: Vec<String> = {
            let mut p: Vec<String> = name.split('/').map(String::from).collect();
            p.pop();
            p
        };
        for segments in paths(&code, "super::") {
            if parent.is_empty() {
                continue;
            }
            deps.extend(resolve(&parent, &segments, &known));
        }
        deps.retain(|d| d != name && !d.starts_with(&format!("{name}/")));
        out.insert(name.clone(), deps);
    }
    out
}

/// Strongly connected groups of more than one module, each sorted.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let names: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for d in graph.get(&m).into_iter().flatten() {
                if seen.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        names.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &names {
        if out.iter().any(|c| c.contains(n)) {
            continue;
        }
        let group: Vec<String> = names
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[*m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if group.len() > 1 {
            out.push(group);
        }
    }
    out
}

/// The layers of ARCHITECTURE.md, lowest first: each line `- name: module module …`
/// under the heading "## Layers".
fn layers() -> Vec<(String, Vec<String>)> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .expect("ARCHITECTURE.md");
    let section = text
        .split("\n## Layers")
        .nth(1)
        .expect("ARCHITECTURE.md has a section \"## Layers\"");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut out = Vec::new();
    for line in section.lines() {
        let Some(item) = line.strip_prefix("- **") else {
            continue;
        };
        let Some((name, rest)) = item.split_once("**:") else {
            continue;
        };
        let modules: Vec<String> = rest
            .split('`')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect();
        out.push((name.to_string(), modules));
    }
    out
}

#[test]
fn there_are_no_import_cycles() {
    let graph = imports();
    assert!(graph.len() > 20, "found only {} modules", graph.len());
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "modules that import each other, directly or round a loop:\n{}",
        found
            .iter()
            .map(|c| format!("  {}", c.join(" <-> ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn no_module_imports_a_higher_layer() {
    let layers = layers();
    assert!(
        layers.len() >= 5,
        "ARCHITECTURE.md lists {} layers",
        layers.len()
    );
    let rank = |module: &str| -> Option<usize> {
        // a module belongs to the layer that lists it or the folder it sits in
        layers.iter().position(|(_, ms)| {
            ms.iter()
                .any(|m| module == m || module.starts_with(&format!("{m}/")))
        })
    };
    let graph = imports();
    let unplaced: Vec<&String> = graph.keys().filter(|m| rank(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules in no layer of ARCHITECTURE.md: {unplaced:?}"
    );
    let mut upward = Vec::new();
    for (module, deps) in &graph {
        for dep in deps {
            if rank(dep) > rank(module) {
                upward.push(format!(
                    "  {module} ({}) imports {dep} ({})",
                    layers[rank(module).unwrap()].0,
                    layers[rank(dep).unwrap()].0
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports of a higher layer:\n{}",
        upward.join("\n")
    );
}

/// The checker itself: a loop of three is one cycle; a chain is none.
#[test]
fn the_cycle_finder_finds_a_loop_and_only_a_loop() {
    let g = |edges: &[(&str, &str)]| {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            out.entry(a.to_string()).or_default().insert(b.to_string());
            out.entry(b.to_string()).or_default();
        }
        out
    };
    assert_eq!(
        cycles(&g(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
        [["a", "b", "c"]]
    );
    assert!(cycles(&g(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    let known: BTreeMap<String, String> = ["graph", "frames", "frames/tree"]
        .iter()
        .map(|m| (m.to_string(), String::new()))
        .collect();
    let p = paths(
        "use crate::{graph::KnowledgeGraph, frames::tree::Tree};\nlet x = crate::frames::dateline_end(s);",
        "crate::",
    );
    let resolved: Vec<Option<String>> = p.iter().map(|s| resolve(&[], s, &known)).collect();
    assert_eq!(
        resolved,
        [
            Some("graph".to_string()),
            Some("frames/tree".to_string()),
            Some("frames".to_string())
        ]
    );
}
