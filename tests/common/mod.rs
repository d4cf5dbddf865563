//! Helpers shared by the integration tests: run the real `geokg` binary and look at
//! what it printed, in the spirit of ripgrep's `tests/util.rs`.

#![allow(dead_code)]

pub mod json;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_geokg"))
}

/// A `geokg` command run from the package root (so fixture paths are relative and
/// show up in messages exactly as written in the tests).
pub fn geokg() -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// What one run of `geokg` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(out: Output) -> Run {
        Run {
            code: out.status.code().expect("geokg was killed by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts the exit code, showing everything on failure.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "geokg panicked:\n{}",
            self.stderr
        );
        self
    }
}

/// Runs `geokg ARGS...`.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = geokg().args(args).output().expect("cannot run geokg");
    Run::from_output(out)
}

/// Runs `geokg ARGS...` and returns its stdout as raw bytes (for byte-identity checks).
pub fn run_bytes(args: &[&str]) -> Vec<u8> {
    let out = geokg().args(args).output().expect("cannot run geokg");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "geokg {args:?} failed: {out:?}"
    );
    out.stdout
}

/// A fixture under `tests/data/`, as a path relative to the package root.
pub fn fixture(name: &str) -> String {
    let rel = format!("tests/data/{name}");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&rel).exists(),
        "missing fixture {rel}"
    );
    rel
}

/// A fresh, empty directory for one test, under Cargo's per-target temp directory.
pub fn temp_dir(test: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{test}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create temp dir");
    dir
}

/// The names of the answers in `geokg query` text output, in order: the `Name` of
/// every ` N. Name [kind] ...` line.
pub fn answer_names(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            let (num, rest) = l.trim_start().split_once(". ")?;
            num.parse::<usize>().ok()?;
            let (name, _) = rest.split_once(" [")?;
            Some(name.to_string())
        })
        .collect()
}

/// The evidence lines (indented under each answer) of `geokg query` text output.
pub fn evidence_after(stdout: &str, answer: &str) -> Option<String> {
    let mut lines = stdout.lines();
    while let Some(l) = lines.next() {
        if let Some((num, rest)) = l.trim_start().split_once(". ") {
            if num.parse::<usize>().is_ok() && rest.starts_with(&format!("{answer} [")) {
                return lines.next().map(|e| e.trim().to_string());
            }
        }
    }
    None
}

/// An actor of a generated graph file: (id, name, kind).
pub type GenActor = (String, String, &'static str);
/// A claim of a generated graph file: (source, relation, target, citation, hedged, from).
pub type GenClaim = (String, &'static str, String, String, bool, Option<String>);

/// Writes a graph file (the format `--graph` reads) with these actors and claims, and
/// returns its path.
pub fn write_graph_file(
    dir: &Path,
    name: &str,
    actors: &[GenActor],
    claims: &[GenClaim],
) -> PathBuf {
    let actors: Vec<serde_json::Value> = actors
        .iter()
        .map(|(id, name, kind)| serde_json::json!({"id": id, "name": name, "kind": kind}))
        .collect();
    let claims: Vec<serde_json::Value> = claims
        .iter()
        .map(|(s, r, t, citation, hedged, from)| {
            let mut c = serde_json::json!({
                "source": s, "relation": r, "target": t, "hedged": hedged,
                "confidence": 1.0, "citation": citation
            });
            if let Some(f) = from {
                c["from"] = serde_json::json!(f);
            }
            c
        })
        .collect();
    let file = serde_json::json!({
        "format": "geokg-graph", "version": 1, "actors": actors, "claims": claims
    });
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    path
}

/// A small deterministic pseudo-random generator (xorshift64*), so that generated
/// cases are the same on every run and a failure can be replayed from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The name of the running test: libtest runs each test on a thread named after it
/// (also with `--test-threads 1`).
pub fn this_test() -> String {
    std::thread::current()
        .name()
        .unwrap_or("(unnamed thread)")
        .to_string()
}

/// Says that `test`, or a part of it, did not run and why: `skipped: TEST: WHY` on
/// standard error. libtest captures what the print macros write in a passing test, so
/// an `eprintln!` there is never seen; a write to the standard error handle itself is
/// not captured and shows in the `cargo test` output. Where CI must have the tool, the
/// caller fails on CI instead of calling this.
pub fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr().lock(), "skipped: {test}: {why}");
}

/// Why a program did not start, for a skip note: "not found", or the error.
pub fn cannot_run(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "not found".into()
    } else {
        format!("cannot run ({e})")
    }
}

/// Runs `dot -Tjson` on `dot_text`; `None` (after saying the check is skipped) when
/// Graphviz is missing and CI is not set.
pub fn graphviz_json(dot_text: &str) -> Option<serde_json::Value> {
    let child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("Graphviz `dot` is required on CI: {e}");
            }
            skip(
                &this_test(),
                &format!(
                    "Graphviz `dot` {}; the DOT is not read back",
                    cannot_run(&e)
                ),
            );
            return None;
        }
    };
    let mut stdin = child.stdin.take().unwrap();
    let text = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot rejected the export: {stderr}\n{dot_text}"
    );
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}\n{dot_text}");
    Some(serde_json::from_slice(&out.stdout).expect("dot -Tjson gives JSON"))
}

/// Whether Graphviz is here; on CI it must be. When it is not, says that what needs it
/// is skipped.
pub fn have_graphviz() -> bool {
    let ok = std::process::Command::new("dot").arg("-V").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz is required on CI"
        );
        skip(
            &this_test(),
            "Graphviz `dot` not found; what needs it is not checked",
        );
    }
    ok
}
