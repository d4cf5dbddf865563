//! Benchmark guard: hostile documents are read in time proportional to their length,
//! and pictures are drawn in seconds. These were wall-clock assertions in the tests
//! (`tests/linear_time.rs`, the long line of `tests/bad_inputs.rs`, the render times of
//! `tests/render.rs`), where a loaded machine made them fail for nothing; here they are
//! measured, printed, and checked against the same bounds.
//!
//! Run: `cargo run --release --example scaling` (`.ci/run` does, after the tests). It
//! prints one table of text shapes (the time of a small and of a big document, their
//! ratio and the verdict against the bound) and one of render times, and exits with
//! status 1 when any bound is broken. The long line and the pictures go through the
//! `geokg` binary, which it builds first (`cargo build --bin geokg`, same profile);
//! `GEOKG_BIN=PATH` names another. Pictures need Graphviz: without it they are skipped,
//! unless `CI` is set, where that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use geokg::extract::Extractor;

/// The allocator of the `geokg` binary, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One text shape measured at two sizes.
struct Shape {
    name: &'static str,
    small: usize,
    big: usize,
    t_small: Duration,
    t_big: Duration,
    /// Whether the big size kept the bound.
    ok: bool,
    /// The bound, in words.
    bound: &'static str,
}

fn main() {
    let mut shapes = Vec::new();
    let extractor = Extractor::embedded().expect("embedded data");
    // Each of these shapes once took quadratic time: eight times the text must take
    // well under sixty-four times as long (24 times, with 50 ms for noise).
    shapes.push(titled_newcomers(&extractor));
    shapes.push(repeated(
        &extractor,
        "pronouns with nothing to refer to",
        "Egypt backs Haftar. He warned them. It condemned its allies and the group rejected their offer. ",
    ));
    shapes.push(repeated(
        &extractor,
        "both sides after many opposing claims",
        "Egypt fought Haftar. Turkey attacked the LNA. Both sides rejected the warring parties. ",
    ));
    let bin = geokg_binary();
    shapes.push(long_line(&bin));
    print_shapes(&shapes);
    let mut failed = shapes.iter().filter(|s| !s.ok).count();
    println!();
    failed += renders(&bin);
    println!();
    if failed > 0 {
        println!("scaling: {failed} check(s) failed");
        std::process::exit(1);
    }
    println!("scaling: every bound kept");
}

/// The fastest of `n` runs of `f`.
fn fastest(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// The fastest of three extractions of `text`, claims written out as the CLI would.
fn extraction_time(extractor: &Extractor, text: &str) -> Duration {
    fastest(3, || {
        let ex = extractor.extract("doc", text);
        std::hint::black_box(extractor.lines(&ex));
    })
}

/// Eight times the text in well under sixty-four times the time.
fn linear(
    name: &'static str,
    small: usize,
    big: usize,
    t_small: Duration,
    t_big: Duration,
) -> Shape {
    Shape {
        name,
        small,
        big,
        t_small,
        t_big,
        ok: t_big < t_small * 24 + Duration::from_millis(50),
        bound: "< 24 x small + 50 ms",
    }
}

/// Every newcomer was looked up among all the others by folded name, and every kept new
/// actor among all claims: 2,000 pairs of titled unknown people, against an eighth of it.
fn titled_newcomers(extractor: &Extractor) -> Shape {
    let mut text = String::new();
    for i in 0..2000 {
        let name: String = format!("{i:05}")
            .bytes()
            .map(|b| char::from(b'a' + (b - b'0')))
            .collect();
        text.push_str(&format!(
            "Interior Minister Ali Q{name} condemned Egypt and Defence Minister Omar Z{name} warned Haftar. "
        ));
    }
    let small = &text[..text.len() / 8];
    let (t_small, t_big) = (
        extraction_time(extractor, small),
        extraction_time(extractor, &text),
    );
    linear("titled newcomers", small.len(), text.len(), t_small, t_big)
}

/// `unit` repeated to 25 kB and to 200 kB.
fn repeated(extractor: &Extractor, name: &'static str, unit: &str) -> Shape {
    let small = unit.repeat(25_000 / unit.len());
    let big = unit.repeat(200_000 / unit.len());
    let (t_small, t_big) = (
        extraction_time(extractor, &small),
        extraction_time(extractor, &big),
    );
    linear(name, small.len(), big.len(), t_small, t_big)
}

/// One line without a sentence break, full of names and cues, through `geokg extract`:
/// four times the text may take about four times as long (startup included, so less);
/// a quadratic step would take sixteen. The bound, eight, leaves room for a busy machine.
fn long_line(bin: &Path) -> Shape {
    let dir = std::env::temp_dir().join(format!("geokg-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let run_on = |bytes: usize| {
        let line = "Egypt backs Haftar while Turkey condemned the LNA and ".repeat(bytes / 54 + 1);
        let path = dir.join(format!("line{bytes}.txt"));
        std::fs::write(&path, &line.as_bytes()[..bytes]).expect("the line is written");
        fastest(2, || {
            let out = Command::new(bin)
                .args(["extract", "-q"])
                .arg(&path)
                .output()
                .expect("geokg runs");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.code() == Some(1)
                    && err.contains("is longer than 8192 bytes; not read for relations"),
                "geokg extract of a {bytes}-byte line: {out:?}"
            );
        })
    };
    let (small, big) = (256 << 10, 1 << 20);
    let (t_small, t_big) = (run_on(small), run_on(big));
    let _ = std::fs::remove_dir_all(&dir);
    Shape {
        name: "one long line (geokg extract)",
        small,
        big,
        t_small,
        t_big,
        ok: t_big < t_small * 8,
        bound: "< 8 x small",
    }
}

fn print_shapes(shapes: &[Shape]) {
    println!(
        "{:<38} {:>10} {:>10} {:>11} {:>11} {:>7}  verdict",
        "shape", "small (B)", "big (B)", "small time", "big time", "ratio"
    );
    for s in shapes {
        println!(
            "{:<38} {:>10} {:>10} {:>8.1} ms {:>8.1} ms {:>6.1}x  {} (bound {})",
            s.name,
            s.small,
            s.big,
            ms(s.t_small),
            ms(s.t_big),
            s.t_big.as_secs_f64() / s.t_small.as_secs_f64().max(1e-9),
            if s.ok { "ok" } else { "TOO SLOW" },
            s.bound
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Draws the pictures the render tests drew and checks their old bounds; the number of
/// bounds broken (a missing Graphviz counts as one on CI).
fn renders(bin: &Path) -> usize {
    println!("{:<52} {:>9}  verdict", "picture (geokg render)", "seconds");
    if Command::new("dot").arg("-V").output().is_err() {
        if std::env::var_os("CI").is_some() {
            println!("Graphviz `dot` not found: it is required on CI");
            return 1;
        }
        println!("skipped: Graphviz `dot` not found");
        return 0;
    }
    let dir = std::env::temp_dir().join(format!("geokg-scaling-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let graph = big_graph(&dir);
    let svg = dir.join("picture.svg");
    let svg = svg.to_str().unwrap();
    let cases: [(&str, Vec<&str>, u64); 3] = [
        (
            "the default graph (best-evidenced actors)",
            vec!["render", "-o", svg],
            20,
        ),
        (
            "2,000 actors, 10,000 relations, capped",
            vec!["--graph", &graph, "render", "-o", svg],
            20,
        ),
        (
            "2,000 actors, 10,000 relations, --all",
            vec!["--graph", &graph, "render", "--all", "-o", svg],
            60,
        ),
    ];
    let mut failed = 0;
    for (what, args, limit) in cases {
        let started = Instant::now();
        let out = Command::new(bin).args(&args).output().expect("geokg runs");
        let took = started.elapsed();
        let verdict = if !out.status.success() {
            failed += 1;
            format!("FAILED: {}", String::from_utf8_lossy(&out.stderr).trim())
        } else if took < Duration::from_secs(limit) {
            format!("ok (bound < {limit} s)")
        } else {
            failed += 1;
            format!("TOO SLOW (bound < {limit} s)")
        };
        println!("{what:<52} {:>9.1}  {verdict}", took.as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&dir);
    failed
}

/// A graph file of 2,000 armed groups and 10,000 random relations between them (the
/// graph of `tests/render.rs`, same generator and seed).
fn big_graph(dir: &Path) -> String {
    let mut rng = Rng::new(7);
    let n = 2000;
    let actors: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("a{i:04}"), "name": format!("Actor {i}"), "kind": "armed_group"})
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut claims: Vec<serde_json::Value> = Vec::new();
    while claims.len() < 10_000 {
        let (s, t) = (rng.below(n), rng.below(n));
        let rel = ["supports", "opposes", "warns"][rng.below(3)];
        if s != t && seen.insert((s, rel, t)) {
            claims.push(serde_json::json!({
                "source": format!("a{s:04}"), "relation": rel, "target": format!("a{t:04}"),
                "hedged": false, "confidence": 1.0, "citation": format!("c{}", claims.len())
            }));
        }
    }
    let file = serde_json::json!({
        "format": "geokg-graph", "version": 1, "actors": actors, "claims": claims
    });
    let path = dir.join("big.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).expect("graph written");
    path.to_str().unwrap().to_string()
}

/// xorshift64*, as in `tests/common/mod.rs`.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

/// The `geokg` binary: `GEOKG_BIN`, or the one of this example's profile, built first
/// when the example runs under cargo (`cargo run` has handed over to this process, so
/// cargo can build again).
fn geokg_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("GEOKG_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("the example's own path");
    // target/PROFILE/examples/scaling -> target/PROFILE/geokg
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the example lives in target/PROFILE/examples");
    if let Some(cargo) = std::env::var_os("CARGO") {
        let mut build = Command::new(cargo);
        build
            .args(["build", "--quiet", "--bin", "geokg", "--manifest-path"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
        if profile_dir.file_name().is_some_and(|p| p == "release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "cargo build --bin geokg failed");
    }
    let bin = profile_dir.join(format!("geokg{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} not found: run `cargo build --release` first, or name the binary with GEOKG_BIN",
        bin.display()
    );
    bin
}
