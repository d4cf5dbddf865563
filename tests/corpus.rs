//! Corpus input, parallel extraction, incremental builds and merges, through the real
//! binary.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::{fixture, geokg, run, temp_dir};
use geokg::extract::ClaimLine;

/// A synthetic JSON Lines corpus of about `bytes` bytes of article text.
fn write_corpus(dir: &Path, name: &str, seed: u64, bytes: usize) -> String {
    let path = dir.join(name);
    std::fs::write(&path, geokg::text::synth::jsonl(seed, bytes)).unwrap();
    path.to_str().unwrap().to_string()
}

fn lines(stdout: &str) -> Vec<ClaimLine> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn with_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = geokg()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn single_and_multi_threaded_extraction_give_identical_bytes() {
    let dir = temp_dir("threads");
    let corpus = write_corpus(&dir, "news.jsonl", 11, 150_000);
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        for format in ["jsonl", "fragments", "text"] {
            let r =
                run(["extract", &corpus, "--format", format, "--threads", threads]).expect_code(0);
            outputs.push(((threads, format), r.stdout));
        }
    }
    for ((threads, format), out) in &outputs {
        let (_, first) = outputs.iter().find(|((_, f), _)| f == format).unwrap();
        assert!(
            out == first,
            "--threads {threads} --format {format} differs from --threads 1"
        );
    }
    // RAYON_NUM_THREADS is honoured the same way
    let env = geokg()
        .args(["extract", &corpus, "--format", "jsonl"])
        .env("RAYON_NUM_THREADS", "3")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(env.stdout).unwrap(), outputs[0].1);
    assert!(lines(&outputs[0].1).len() > 100);
}

#[test]
fn the_frame_engine_gives_identical_bytes_on_any_thread_count() {
    let dir = temp_dir("frame-threads");
    let corpus = write_corpus(&dir, "news.jsonl", 7, 40_000);
    let mut outputs = Vec::new();
    for threads in ["1", "3"] {
        let r = run([
            "extract",
            &corpus,
            "--extractor",
            "frames",
            "--format",
            "jsonl",
            "--threads",
            threads,
        ])
        .expect_code(0);
        outputs.push(r.stdout);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "--threads 3 differs from --threads 1"
    );
    assert!(lines(&outputs[0]).len() > 10);
    // every claim line names a frame of the lexicon
    for line in lines(&outputs[0]) {
        let rule = line.rule.as_str();
        assert!(
            ["verb.", "noun.", "adj.", "compound.", "prefix."]
                .iter()
                .any(|p| rule.starts_with(p)),
            "{rule}"
        );
    }
}

#[test]
fn jsonl_articles_carry_dates_and_bad_lines_are_diagnostics() {
    let dir = temp_dir("jsonl");
    let file = dir.join("news.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "a1", "title": "T", "date": "2020-01-05", "url": "https://x.example/a1", "text": "Egypt denied arming the LNA. Paris called on Haftar to halt the advance."}"#,
            "\n",
            "this is not json\n",
            "\n",
            r#"{"id": "a2", "date": "yesterday", "text": "Turkey has sent drones to back the Government of National Accord."}"#,
            "\n",
            r#"{"id": "a3", "text": "Russia condemned the Wagner Group."}"#,
            "\n",
        ),
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let r = run(["extract", f, "--format", "jsonl"]).expect_code(0);
    let got = lines(&r.stdout);
    let find = |doc: &str| got.iter().find(|l| l.doc == doc).unwrap();
    assert_eq!(find("a1").date.as_deref(), Some("2020-01-05"));
    assert_eq!(find("a1").source, "France");
    assert_eq!(find("a2").date, None);
    assert_eq!(find("a3").date, None);
    // a line without a date has no date key at all, so the scorer's lines stay as they were
    assert!(!r.stdout.lines().nth(1).unwrap().contains("\"date\""));
    assert!(
        r.stderr.contains(&format!("geokg: {f}:2:")),
        "bad line not named: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("geokg: warning: {f}:4:")) && r.stderr.contains("date"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("geokg: 3 documents, "),
        "{}",
        r.stderr
    );
    // the same corpus through standard input, with --jsonl
    let text = std::fs::read_to_string(&file).unwrap();
    let (code, stdout, stderr) =
        with_stdin(&["extract", "--jsonl", "-", "--format", "jsonl"], &text);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, r.stdout);
    assert!(stderr.contains("<stdin>:2:"), "{stderr}");
    // --quiet drops the summary line
    let q = run(["extract", f, "--format", "jsonl", "-q"]).expect_code(0);
    assert!(!q.stderr.contains("documents"), "{}", q.stderr);
}

#[test]
fn json_format_is_the_array_of_the_jsonl_lines() {
    let dir = temp_dir("json-array");
    let corpus = write_corpus(&dir, "n.jsonl", 5, 30_000);
    let jsonl = run(["extract", &corpus, "--format", "jsonl", "-q"]).expect_code(0);
    let json = run(["extract", &corpus, "--format", "json", "-q"]).expect_code(0);
    let array: Vec<ClaimLine> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(array, lines(&jsonl.stdout));
    let pretty = serde_json::to_string_pretty(&array).unwrap() + "\n";
    assert_eq!(json.stdout, pretty);
}

#[test]
fn nothing_readable_exits_2_and_closed_pipe_is_quiet() {
    let r = run(["extract", "no/such/file.txt"]).expect_code(2);
    assert!(r.stderr.contains("no/such/file.txt"), "{}", r.stderr);
    let dir = temp_dir("pipe");
    let corpus = write_corpus(&dir, "big.jsonl", 3, 600_000);
    let mut child = geokg()
        .args(["extract", &corpus, "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn extract_help_has_examples_for_new_flags() {
    let help = run(["extract", "--help"]).expect_code(0).stdout;
    for flag in ["--jsonl", "--threads", "--quiet", "fragments"] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

/// Builds `-o out` from articles; returns the file's bytes.
fn build(dir: &Path, out: &str, extra: &[&str]) -> Vec<u8> {
    let path = dir.join(out);
    let p = path.to_str().unwrap();
    let mut args = vec!["build", "-o", p, "-q"];
    args.extend_from_slice(extra);
    run(&args).expect_code(0);
    std::fs::read(&path).unwrap()
}

#[test]
fn shards_appends_and_merges_give_the_single_build_bytes() {
    let dir = temp_dir("merge");
    let corpus = geokg::text::synth::jsonl(21, 120_000);
    let all: Vec<&str> = corpus.lines().collect();
    assert!(all.len() > 60);
    let third = all.len() / 3;
    let parts = [
        all[..third].join("\n") + "\n",
        all[third..2 * third].join("\n") + "\n",
        all[2 * third..].join("\n") + "\n",
    ];
    let whole = dir.join("all.jsonl");
    std::fs::write(&whole, &corpus).unwrap();
    let mut part_paths = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let path = dir.join(format!("part{i}.jsonl"));
        std::fs::write(&path, p).unwrap();
        part_paths.push(path.to_str().unwrap().to_string());
    }
    let single = build(
        &dir,
        "single.json",
        &["--articles", whole.to_str().unwrap()],
    );
    let text = String::from_utf8(single.clone()).unwrap();
    // new actors from titles, with different affiliations across documents, are merged too
    assert!(
        text.contains("\"karim-zayed\""),
        "no new actor in the corpus"
    );

    // one build per shard, merged in two groupings
    let mut shard_graphs = Vec::new();
    for (i, p) in part_paths.iter().enumerate() {
        build(&dir, &format!("g{i}.json"), &["--articles", p]);
        shard_graphs.push(dir.join(format!("g{i}.json")).to_str().unwrap().to_string());
    }
    let merged = |name: &str, inputs: &[&str]| -> Vec<u8> {
        let out = dir.join(name);
        let mut args = vec!["merge", "-o", out.to_str().unwrap()];
        args.extend_from_slice(inputs);
        run(&args).expect_code(0);
        std::fs::read(&out).unwrap()
    };
    let (g0, g1, g2) = (&shard_graphs[0], &shard_graphs[1], &shard_graphs[2]);
    assert!(
        merged("m012.json", &[g0, g1, g2]) == single,
        "merge of shard builds"
    );
    let m01 = dir.join("m01.json");
    merged("m01.json", &[g0, g1]);
    assert!(
        merged("m01_2.json", &[m01.to_str().unwrap(), g2]) == single,
        "(a+b)+c"
    );
    let m12 = dir.join("m12.json");
    merged("m12.json", &[g1, g2]);
    assert!(
        merged("m0_12.json", &[g0, m12.to_str().unwrap()]) == single,
        "a+(b+c)"
    );
    // idempotent: a document seen twice counts once
    let s = dir.join("single.json");
    let s = s.to_str().unwrap();
    assert!(merged("twice.json", &[s, s, g1]) == single, "idempotent");

    // fragments from extract, merged onto a registry-only graph
    build(&dir, "base.json", &[]);
    let mut frag_paths = Vec::new();
    for (i, p) in part_paths.iter().enumerate() {
        let r = run([
            "extract",
            p,
            "--format",
            "fragments",
            "-q",
            "--threads",
            "2",
        ])
        .expect_code(0);
        let path = dir.join(format!("frag{i}"));
        std::fs::write(&path, r.stdout).unwrap();
        frag_paths.push(path.to_str().unwrap().to_string());
    }
    let base = dir.join("base.json");
    let mut inputs = vec![base.to_str().unwrap()];
    inputs.extend(frag_paths.iter().map(String::as_str));
    assert!(
        merged("frags.json", &inputs) == single,
        "merge of fragments"
    );
    // fragments alone do not hold the registry
    let r = run(["merge", &frag_paths[0]]).expect_code(2);
    assert!(r.stderr.contains("registry"), "{}", r.stderr);

    // build, then --append the other shards
    let appended = dir.join("appended.json");
    let a = appended.to_str().unwrap();
    run(["build", "-q", "-o", a, "--articles", &part_paths[0]]).expect_code(0);
    run([
        "build",
        "-q",
        "--append",
        "-o",
        a,
        "--articles",
        &part_paths[1],
        &part_paths[2],
    ])
    .expect_code(0);
    assert!(
        std::fs::read(&appended).unwrap() == single,
        "build --append"
    );
    // appending the same documents again changes nothing
    run([
        "build",
        "-q",
        "--append",
        "-o",
        a,
        "--articles",
        &part_paths[1],
    ])
    .expect_code(0);
    assert!(std::fs::read(&appended).unwrap() == single, "append twice");
}

#[test]
fn an_append_reports_what_it_added_and_what_the_file_now_holds() {
    let dir = temp_dir("append-report");
    let out = dir.join("g.json");
    let o = out.to_str().unwrap();
    let first = run(["build", "-q", "-o", o, "--articles", &fixture("articles")]).expect_code(0);
    assert!(
        first.stderr.contains("(1 document, 6 extracted claims,"),
        "{}",
        first.stderr
    );
    let wire = fixture("wire.jsonl");
    let appended = run(["build", "-q", "--append", "-o", o, "--articles", &wire]).expect_code(0);
    assert!(
        appended.stderr.contains(
            "(appended 2 documents, 2 extracted claims; it now holds 8 extracted claims from 3 documents,"
        ),
        "{}",
        appended.stderr
    );
    // the same documents again: read, but the file holds what it held
    let again = run(["build", "-q", "--append", "-o", o, "--articles", &wire]).expect_code(0);
    assert!(
        again
            .stderr
            .contains("it now holds 8 extracted claims from 3 documents,"),
        "{}",
        again.stderr
    );
}

#[test]
fn files_of_one_name_in_different_folders_are_different_documents() {
    let dir = temp_dir("nested-ids");
    let root = dir.join("news");
    for (rel, text) in [
        ("top.txt", "Qatar funds Hamas."),
        ("2024/05/report.txt", "Egypt backs Haftar."),
        ("2024/06/report.md", "Turkey condemned Haftar."),
    ] {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let r = run(["extract", root.to_str().unwrap(), "--format", "jsonl"]).expect_code(0);
    let docs: Vec<String> = lines(&r.stdout).into_iter().map(|l| l.doc).collect();
    assert_eq!(
        docs,
        ["2024/05/report", "2024/06/report", "top"],
        "{}",
        r.stdout
    );
    // a file named on its own keeps its name without the extension
    let one = root.join("2024/05/report.txt");
    let r = run(["extract", one.to_str().unwrap(), "--format", "jsonl"]).expect_code(0);
    assert_eq!(lines(&r.stdout)[0].doc, "report");
    // the build counts them as two documents, with no warning about a repeated id
    let out = dir.join("g.json");
    let r = run([
        "build",
        "-q",
        "--articles",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    assert!(!r.stderr.contains("more than once"), "{}", r.stderr);
    assert!(
        r.stderr.contains("(3 documents, 3 extracted claims,"),
        "{}",
        r.stderr
    );
}

#[test]
fn merge_names_the_file_and_line_of_a_bad_fragment() {
    let dir = temp_dir("bad-fragment");
    let frag = dir.join("f.jsonl");
    std::fs::write(
        &frag,
        "{\"doc\": \"a\", \"actors\": [], \"claims\": []}\n{\"doc\": 3}\n",
    )
    .unwrap();
    let f = frag.to_str().unwrap();
    let r = run(["merge", f]).expect_code(2);
    assert!(r.stderr.contains(&format!("{f}:2:")), "{}", r.stderr);
    let help = run(["merge", "--help"]).expect_code(0).stdout;
    assert!(help.contains("Example"), "{help}");
    let help = run(["build", "--help"]).expect_code(0).stdout;
    assert!(
        help.contains("--append") && help.contains("--threads"),
        "{help}"
    );
}

/// A corpus of several batches (1024 documents each): the next batch is read while the
/// workers extract the one before, and still the claims come out in input order, and so
/// do the messages: for each batch in turn, the lines that are not articles (found when
/// reading it), then the sentences too long to read (found when extracting it), whatever
/// the number of threads.
#[test]
fn a_corpus_of_several_batches_keeps_claims_and_messages_in_order() {
    let dir = temp_dir("batches");
    let mut corpus = String::new();
    // (batch, message) in the order they must come
    let mut expected: Vec<(usize, bool, String)> = Vec::new();
    let long = format!("Word{}", " word".repeat(2000));
    let mut line = 0;
    for i in 0..3000 {
        let batch = i / 1024;
        if i % 700 == 350 {
            corpus.push_str("not an article\n");
            line += 1;
            expected.push((batch, false, format!("news.jsonl:{line}:")));
        }
        let text = if i % 700 == 600 {
            expected.push((batch, true, format!("a{i:04}: sentence 1")));
            format!("Egypt backs Haftar. {long}.")
        } else {
            "Egypt backs Haftar. Turkey condemned Haftar.".to_string()
        };
        corpus.push_str(&serde_json::json!({"id": format!("a{i:04}"), "text": text}).to_string());
        corpus.push('\n');
        line += 1;
    }
    // within a batch, reading's messages before extraction's
    expected.sort_by_key(|(batch, extracting, _)| (*batch, *extracting));
    let path = dir.join("news.jsonl");
    std::fs::write(&path, corpus).unwrap();
    let path = path.to_str().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let r = run(["extract", path, "--format", "jsonl", "--threads", threads]).expect_code(0);
        let messages: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| l.contains("expected") || l.contains("longer than"))
            .collect();
        assert_eq!(messages.len(), expected.len(), "{}", r.stderr);
        for (got, (_, _, want)) in messages.iter().zip(&expected) {
            assert!(
                got.contains(want.as_str()),
                "{got} should name {want}\n{}",
                r.stderr
            );
        }
        let docs: Vec<String> = lines(&r.stdout).into_iter().map(|l| l.doc).collect();
        assert_eq!(
            docs.len(),
            2 * 3000 - 4,
            "two claims a document, one where a sentence is too long"
        );
        assert!(docs.windows(2).all(|w| w[0] <= w[1]), "claims out of order");
        outputs.push(r.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
}
