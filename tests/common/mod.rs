//! Helpers shared by the integration tests: run the real `geokg` binary and look at
//! what it printed, in the spirit of ripgrep's `tests/util.rs`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
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
