//! Nothing lost: every file geokg writes goes to a temporary file that is renamed into
//! place, so a write that fails or is cut short leaves the old file whole; and `build`
//! and `merge` overwrite one of their own inputs only with --force.
//!
//! A full disk is simulated with a file-size limit (`ulimit -f`): with SIGXFSZ ignored
//! the write fails with "file too large"; with it at its default the process is killed
//! in the middle of the write, like a crash.

mod common;

use std::path::Path;
use std::process::Output;

use common::{bin, fixture, temp_dir};

const OLD: &str = "the old contents\n";

/// Runs geokg under a 1-block file-size limit; `ignore` makes the limit an error
/// instead of a signal.
fn limited(dir: &Path, ignore: bool, args: &[&str]) -> Output {
    let trap = if ignore { "trap '' XFSZ; " } else { "" };
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{trap}ulimit -f 1; exec \"$0\" \"$@\""))
        .arg(bin())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".geokg-tmp-"))
        .collect()
}

/// The commands that write a file, each writing `out.json` in the current directory.
fn writers(dir: &Path) -> Vec<Vec<String>> {
    let graph = dir.join("in.graph.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture("tricky.graph.json")),
        &graph,
    )
    .unwrap();
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture("articles/sample.txt"));
    let g = graph.to_str().unwrap().to_string();
    let a = article.to_str().unwrap().to_string();
    [
        vec!["export", "--format", "json", "-o", "out.json"],
        vec!["export", "--format", "dot", "-o", "out.json"],
        vec!["build", "-q", "--articles", &a, "-o", "out.json"],
        vec!["merge", &g, &g, "-o", "out.json"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect()
}

#[test]
fn a_failed_write_names_the_file_and_leaves_the_old_one_whole() {
    let dir = temp_dir("full-disk");
    for args in writers(&dir) {
        std::fs::write(dir.join("out.json"), OLD).unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = limited(&dir, true, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.ends_with("geokg: out.json: file too large (os error 27)\n"),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("out.json")).unwrap(),
            OLD,
            "{args:?}"
        );
        assert_eq!(leftovers(&dir), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn a_write_cut_short_by_a_crash_leaves_the_old_file_whole() {
    let dir = temp_dir("crash");
    for args in writers(&dir) {
        std::fs::write(dir.join("out.json"), OLD).unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = limited(&dir, false, &args);
        // killed by SIGXFSZ in the middle of writing the temporary file
        assert_eq!(out.status.code(), None, "{args:?}: {out:?}");
        assert_eq!(
            std::fs::read_to_string(dir.join("out.json")).unwrap(),
            OLD,
            "{args:?}"
        );
        for f in leftovers(&dir) {
            std::fs::remove_file(dir.join(f)).unwrap();
        }
    }
}

#[test]
fn build_append_onto_a_broken_graph_writes_nothing() {
    let dir = temp_dir("append-broken");
    let out = dir.join("g.json");
    std::fs::write(
        &out,
        "{ \"format\": \"geokg-graph\", \"version\": 1, \"actors\": [",
    )
    .unwrap();
    let before = std::fs::read(&out).unwrap();
    let article = fixture("articles/sample.txt");
    let r = common::run([
        "build",
        "-q",
        "--append",
        "--articles",
        &article,
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(2);
    assert!(r.stderr.contains("EOF while parsing"), "{}", r.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn build_and_merge_overwrite_their_input_only_with_force() {
    let dir = temp_dir("force");
    let data = dir.join("data.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture("good.json")),
        &data,
    )
    .unwrap();
    let before = std::fs::read_to_string(&data).unwrap();
    let d = data.to_str().unwrap();
    let r = common::run(["build", "--no-embedded", "--data", d, "-o", d]).expect_code(2);
    assert_eq!(
        r.stderr,
        format!("geokg: {d} is also an input; use --force to overwrite it\n")
    );
    assert_eq!(std::fs::read_to_string(&data).unwrap(), before);
    common::run(["build", "--no-embedded", "--data", d, "-o", d, "--force"]).expect_code(0);
    let built = std::fs::read_to_string(&data).unwrap();
    assert!(built.contains("\"format\": \"geokg-graph\""), "{built}");

    // merge: the graph just built, merged onto itself
    let r = common::run(["merge", d, "-o", d]).expect_code(2);
    assert_eq!(
        r.stderr,
        format!("geokg: {d} is also an input; use --force to overwrite it\n")
    );
    common::run(["merge", d, "-o", d, "--force"]).expect_code(0);
    assert_eq!(std::fs::read_to_string(&data).unwrap(), built);
}

#[test]
fn writing_through_a_link_replaces_the_file_it_points_to() {
    let dir = temp_dir("link");
    std::fs::write(dir.join("real.dot"), OLD).unwrap();
    std::os::unix::fs::symlink("real.dot", dir.join("link.dot")).unwrap();
    let link = dir.join("link.dot");
    common::run(["export", "-o", link.to_str().unwrap()]).expect_code(0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let dot = std::fs::read_to_string(dir.join("real.dot")).unwrap();
    assert!(dot.starts_with("digraph {"), "{dot}");
}

#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("permissions");
    let out = dir.join("g.dot");
    std::fs::write(&out, OLD).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    common::run(["export", "-o", out.to_str().unwrap()]).expect_code(0);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}
