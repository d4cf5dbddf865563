//! Hostile and broken inputs, one table row each: what geokg prints on standard error
//! (exactly, or an exact and stable part of it) and how it exits. Fixtures are made in a
//! temporary directory per row; `{d}` in arguments and messages stands for it. Rows for
//! broken curated data are in tests/data_errors.rs, and the graph-file cases it shares
//! with tests/cli.rs are not repeated here.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::{geokg, skip, temp_dir};

/// What standard error must be.
enum Err {
    /// Exactly these bytes.
    Exact(&'static str),
    /// Holds this text (for messages that list many names).
    Contains(&'static str),
}

struct Row {
    /// What the row pins, also the name of its temporary directory.
    name: &'static str,
    /// Makes the fixtures in the row's directory; false skips the row (see `root`).
    setup: fn(&Path) -> bool,
    args: &'static [&'static str],
    /// Standard input, when the row reads it.
    stdin: Option<&'static [u8]>,
    /// Close standard output before geokg writes (a reader that went away).
    close_stdout: bool,
    /// Standard output is /dev/full (a full disk).
    full_stdout: bool,
    code: i32,
    stderr: Err,
    /// A line standard output must hold (unless it is closed).
    stdout: Option<&'static str>,
}

const fn row(
    name: &'static str,
    setup: fn(&Path) -> bool,
    args: &'static [&'static str],
    code: i32,
    stderr: Err,
) -> Row {
    Row {
        name,
        setup,
        args,
        stdin: None,
        close_stdout: false,
        full_stdout: false,
        code,
        stderr,
        stdout: None,
    }
}

impl Row {
    const fn out(mut self, line: &'static str) -> Row {
        self.stdout = Some(line);
        self
    }
    const fn input(mut self, bytes: &'static [u8]) -> Row {
        self.stdin = Some(bytes);
        self
    }
    const fn closed_stdout(mut self) -> Row {
        self.close_stdout = true;
        self
    }
    const fn full_stdout(mut self) -> Row {
        self.full_stdout = true;
        self
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

const GOOD: &[u8] = b"Egypt backs Haftar.\n";
const CLAIM: &str = "doc: Egypt supports Khalifa Haftar [verb.support]";

/// A curated data file with two actors (for build rows with stable counts).
const DATA: &[u8] = br#"{
  "version": 1,
  "actors": [
    { "id": "egy", "name": "Egypt", "kind": "state", "iso3": "EGY" },
    { "id": "haftar", "name": "Khalifa Haftar", "kind": "person", "aliases": ["Haftar"] }
  ]
}
"#;

/// A graph file to break in graph rows.
const GRAPH: &str = r#"{
  "format": "geokg-graph",
  "version": 1,
  "actors": [
    { "id": "aaa", "name": "Alpha", "kind": "state", "iso3": "AAA" },
    { "id": "bbb", "name": "Beta", "kind": "state", "iso3": "BBB" }
  ],
  "claims": [
    { "source": "aaa", "relation": "warns", "target": "bbb", "hedged": false, "confidence": 1.0, "citation": "A note" }
  ]
}
"#;

fn graph_with(dir: &Path, from: &str, to: &str) -> bool {
    assert!(GRAPH.contains(from), "{from}");
    write(dir, "g.json", GRAPH.replacen(from, to, 1).as_bytes());
    true
}

/// True when file permissions do not stop this process from reading (root): rows that
/// need an unreadable file are then skipped, and the dangling-link and pipe rows cover
/// files that cannot be read.
fn permissions_ignored(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    readable
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn utf16(le: bool, text: &str) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";

const ROWS: &[Row] = &[
    // ----- text files -----
    row(
        "invalid_utf8_is_decoded_with_a_warning_naming_the_byte",
        |d| {
            write(d, "doc.txt", b"Egypt backs Haftar.\xFF\n");
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        0,
        Err::Exact("geokg: warning: {d}/doc.txt: invalid UTF-8 at byte 19, decoded with replacement characters\n"),
    )
    .out(CLAIM),
    row(
        "utf16_little_endian_with_bom_is_read",
        |d| {
            write(d, "doc.txt", &utf16(true, "Egypt backs Haftar.\n"));
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        0,
        Err::Exact(""),
    )
    .out(CLAIM),
    row(
        "utf16_big_endian_with_bom_is_read",
        |d| {
            write(d, "doc.txt", &utf16(false, "Egypt backs Haftar.\n"));
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        0,
        Err::Exact(""),
    )
    .out(CLAIM),
    row(
        "utf16_with_an_odd_byte_is_read_with_a_warning",
        |d| {
            let mut bytes = utf16(true, "Egypt backs Haftar.\n");
            bytes.push(b'x');
            write(d, "doc.txt", &bytes);
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        0,
        Err::Exact("geokg: warning: {d}/doc.txt: UTF-16 text with an odd number of bytes, the last byte is ignored\n"),
    )
    .out(CLAIM),
    row(
        "utf16_with_an_unpaired_surrogate_is_read_with_a_warning",
        |d| {
            let mut bytes = utf16(true, "Egypt backs Haftar.");
            bytes.extend([0x00, 0xD8, b' ', 0]);
            write(d, "doc.txt", &bytes);
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        0,
        Err::Exact("geokg: warning: {d}/doc.txt: invalid UTF-16 at byte 40, decoded with replacement characters\n"),
    )
    .out(CLAIM),
    row(
        "utf16_without_bom_is_refused_as_binary_with_a_hint",
        |d| {
            let bytes = utf16(true, "Egypt backs Haftar.\n");
            write(d, "doc.txt", &bytes[2..]);
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        2,
        Err::Exact("geokg: {d}/doc.txt: binary file (NUL byte at byte 1), not read as text; UTF-16 text needs a byte-order mark\n"),
    ),
    row(
        "empty_file_is_read_with_a_warning",
        |d| {
            write(d, "doc.txt", b"");
            true
        },
        &["extract", "-q", "{d}/doc.txt"],
        1,
        Err::Exact("geokg: warning: {d}/doc.txt: empty file\n"),
    ),
    row(
        "binary_file_is_refused_naming_the_nul_byte",
        |d| {
            write(d, "image.txt", PNG);
            true
        },
        &["extract", "-q", "{d}/image.txt"],
        2,
        Err::Exact("geokg: {d}/image.txt: binary file (NUL byte at byte 8), not read as text\n"),
    ),
    row(
        "binary_file_among_good_ones_is_listed_and_the_rest_read",
        |d| {
            write(d, "news/a.png.txt", PNG);
            write(d, "news/doc.txt", GOOD);
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: {d}/news/a.png.txt: binary file (NUL byte at byte 8), not read as text\n"),
    )
    .out(CLAIM),
    row(
        "missing_file_is_named",
        |_| true,
        &["extract", "-q", "{d}/nope.txt"],
        2,
        Err::Exact("geokg: {d}/nope.txt: no such file or directory (os error 2)\n"),
    ),
    row(
        "dangling_link_in_a_directory_is_listed_and_the_rest_read",
        |d| {
            write(d, "news/doc.txt", GOOD);
            std::os::unix::fs::symlink(d.join("gone.txt"), d.join("news/broken.txt")).unwrap();
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: {d}/news/broken.txt: no such file or directory (os error 2)\n"),
    )
    .out(CLAIM),
    row(
        "pipe_named_txt_in_a_directory_is_skipped_not_waited_on",
        |d| {
            write(d, "news/doc.txt", GOOD);
            let fifo = d.join("news/pipe.txt");
            let ok = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
            assert!(ok.success());
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: {d}/news/pipe.txt: not a regular file (a pipe, socket or device), skipped\n"),
    )
    .out(CLAIM),
    row(
        "link_loop_in_a_directory_is_read_once",
        |d| {
            write(d, "news/doc.txt", GOOD);
            std::os::unix::fs::symlink(d.join("news"), d.join("news/loop")).unwrap();
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: warning: {d}/news/loop: directory already read (a link back into the tree), skipped\n"),
    )
    .out(CLAIM),
    row(
        "json_lines_in_a_directory_are_named_and_not_read",
        |d| {
            write(d, "news/doc.txt", GOOD);
            write(d, "news/claims.jsonl", b"{\"doc\": \"doc\"}\n");
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: warning: {d}/news/claims.jsonl: JSON Lines in a directory are not read; name the file to read its articles\n"),
    )
    .out(CLAIM),
    row(
        "directory_without_text_files_says_so",
        |d| {
            write(d, "news/notes.csv", b"a,b\n");
            std::fs::create_dir_all(d.join("news/empty")).unwrap();
            true
        },
        &["extract", "-q", "{d}/news"],
        1,
        Err::Exact("geokg: warning: {d}/news: no .txt or .md file in this directory or below it\n"),
    ),
    row(
        "directory_named_like_a_text_file_is_searched",
        |d| {
            write(d, "news/sub.txt/doc.txt", GOOD);
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact(""),
    )
    // the document id is the file's path from the directory named
    .out("sub.txt/doc: Egypt supports Khalifa Haftar [verb.support]"),
    row(
        "unreadable_file_is_listed_and_the_rest_read",
        |d| {
            if permissions_ignored(d) {
                return false;
            }
            write(d, "news/doc.txt", GOOD);
            write(d, "news/locked.txt", GOOD);
            chmod(&d.join("news/locked.txt"), 0o000);
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: {d}/news/locked.txt: permission denied (os error 13)\n"),
    )
    .out(CLAIM),
    row(
        "unreadable_directory_is_listed_and_the_rest_read",
        |d| {
            if permissions_ignored(d) {
                return false;
            }
            write(d, "news/doc.txt", GOOD);
            write(d, "news/locked/other.txt", GOOD);
            chmod(&d.join("news/locked"), 0o000);
            true
        },
        &["extract", "-q", "{d}/news"],
        0,
        Err::Exact("geokg: {d}/news/locked: permission denied (os error 13)\n"),
    )
    .out(CLAIM),
    row(
        "document_of_100_mb_on_one_line_is_refused_unread_and_the_rest_read",
        |d| {
            let line = "Egypt backs Haftar and ".repeat((100 << 20) / 23 + 1);
            write(d, "huge.txt", &line.as_bytes()[..100 << 20]);
            write(d, "doc.txt", GOOD);
            true
        },
        &["extract", "-q", "{d}/huge.txt", "{d}/doc.txt"],
        0,
        Err::Exact("geokg: {d}/huge.txt: 104857600 bytes, over the limit of 16777216 bytes for one document; split it into smaller files\n"),
    )
    .out(CLAIM),
    row(
        "sentence_over_the_limit_is_skipped_with_a_warning",
        |d| {
            let line = "Egypt backs Haftar and ".repeat(1000);
            write(d, "long.txt", format!("{}\n\nEgypt backs Haftar.\n", line.trim_end()).as_bytes());
            true
        },
        &["extract", "-q", "{d}/long.txt"],
        0,
        Err::Exact("geokg: warning: long: sentence 0 (bytes 0..22999) is longer than 8192 bytes; not read for relations\n"),
    )
    .out("    #1: Egypt backs Haftar."),
    row(
        "binary_standard_input_is_refused",
        |_| true,
        &["extract", "-q", "-"],
        2,
        Err::Exact("geokg: <stdin>: binary file (NUL byte at byte 3), not read as text\n"),
    )
    .input(b"abc\0def"),
    row(
        "invalid_utf8_on_standard_input_is_decoded_with_a_warning",
        |_| true,
        &["extract", "-q", "-"],
        0,
        Err::Exact("geokg: warning: <stdin>: invalid UTF-8 at byte 0, decoded with replacement characters\n"),
    )
    .input(b"\xC0Egypt backs Haftar."),
    // ----- JSON Lines articles -----
    row(
        "article_line_with_a_trailing_comma_is_named_and_the_rest_read",
        |d| {
            write(
                d,
                "n.jsonl",
                b"{\"id\": \"a\", \"text\": \"x\",}\n{\"id\": \"doc\", \"text\": \"Egypt backs Haftar.\"}\n",
            );
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        0,
        Err::Exact("geokg: {d}/n.jsonl:1:25: trailing comma\n"),
    )
    .out(CLAIM),
    row(
        "article_with_a_number_for_id_names_the_field",
        |d| {
            write(d, "n.jsonl", b"{\"id\": 7, \"text\": \"Egypt backs Haftar.\"}\n");
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        2,
        Err::Exact("geokg: {d}/n.jsonl:1:8: id: invalid type: integer \"7\", expected a string\n"),
    ),
    row(
        "article_without_text_names_the_missing_field",
        |d| {
            write(d, "n.jsonl", b"\n\n{\"id\": \"a\"}\n");
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        2,
        Err::Exact("geokg: {d}/n.jsonl:3:11: missing field \"text\"\n"),
    ),
    row(
        "article_with_an_empty_id_names_the_field",
        |d| {
            write(d, "n.jsonl", b"{\"text\": \"x\", \"id\": \" \"}\n");
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        2,
        Err::Exact("geokg: {d}/n.jsonl:1:15: id: article id is empty\n"),
    ),
    row(
        "article_line_that_is_not_json_says_so_and_the_next_is_read",
        |d| {
            write(d, "n.jsonl", b"not json\n{\"id\": \"doc\", \"text\": \"Egypt backs Haftar.\"}\n");
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        0,
        Err::Exact("geokg: {d}/n.jsonl:1:2: not JSON here: expected a value (an object, array, string, number, true, false or null)\n"),
    )
    .out(CLAIM),
    row(
        "article_fields_geokg_does_not_know_are_ignored",
        |d| {
            write(d, "n.jsonl", b"{\"id\": \"doc\", \"lang\": \"en\", \"text\": \"Egypt backs Haftar.\"}\n");
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        0,
        Err::Exact(""),
    )
    .out(CLAIM),
    row(
        "article_line_with_invalid_utf8_is_read_with_a_warning",
        |d| {
            write(d, "n.jsonl", b"{\"id\": \"doc\", \"text\": \"Egypt backs Haftar.\xFF\"}\n");
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        0,
        Err::Exact("geokg: warning: {d}/n.jsonl:1: invalid UTF-8 at byte 42, decoded with replacement characters\n"),
    )
    .out(CLAIM),
    row(
        "article_line_over_the_limit_is_skipped_unread_and_the_rest_read",
        |d| {
            let text = "x".repeat(17 << 20);
            let big = format!("{{\"id\": \"big\", \"text\": \"{text}\"}}\n{{\"id\": \"doc\", \"text\": \"Egypt backs Haftar.\"}}\n");
            write(d, "n.jsonl", big.as_bytes());
            true
        },
        &["extract", "-q", "{d}/n.jsonl"],
        0,
        Err::Exact("geokg: {d}/n.jsonl:1:1: article line of 17825818 bytes, over the limit of 16777216 bytes for one document; skipped\n"),
    )
    .out(CLAIM),
    row(
        "build_warns_about_an_article_id_read_twice",
        |d| {
            write(d, "data.json", DATA);
            write(
                d,
                "n.jsonl",
                b"{\"id\": \"doc\", \"text\": \"Egypt backs Haftar.\"}\n{\"id\": \"doc\", \"text\": \"Egypt backs Haftar.\"}\n",
            );
            true
        },
        &["build", "-q", "--no-embedded", "--data", "{d}/data.json", "--articles", "{d}/n.jsonl", "-o", "{d}/g.json"],
        0,
        Err::Exact("geokg: warning: document id \"doc\" read more than once (one input twice, or two documents with one id); claims repeated under it count once\n\
                    geokg: wrote {d}/g.json (2 documents, 2 extracted claims, 2 actors, 1 edge)\n"),
    ),
    // ----- curated data -----
    row(
        "data_file_that_is_empty_says_so",
        |d| {
            write(d, "d.json", b"\n");
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json: empty file, expected a JSON object\n"),
    ),
    row(
        "data_file_that_is_binary_says_so",
        |d| {
            write(d, "d.json", PNG);
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json: binary file (NUL byte at byte 8), not read as text\n"),
    ),
    row(
        "data_file_with_invalid_utf8_points_at_the_byte",
        |d| {
            write(d, "d.json", b"{\n  \"version\": 1,\n  \"actors\": [{ \"id\": \"a\", \"name\": \"\xE9\", \"kind\": \"other\" }]\n}\n");
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:3:36: invalid UTF-8 at byte 53; a JSON file must be valid text\n"),
    ),
    row(
        "data_file_in_utf16_with_bom_is_read",
        |d| {
            let text = std::str::from_utf8(DATA).unwrap();
            write(d, "d.json", &utf16(true, text));
            true
        },
        &["check", "{d}/d.json"],
        0,
        Err::Exact(""),
    )
    .out("ok: 1 file: 2 actors, 0 relations"),
    row(
        "data_file_that_is_an_array_says_an_object_is_expected",
        |d| {
            write(d, "d.json", b"[]\n");
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:1:2: invalid type: array, expected an object\n"),
    ),
    row(
        "data_version_as_a_string_names_the_field",
        |d| {
            write(d, "d.json", b"{\n  \"version\": \"1\"\n}\n");
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:2:16: version: invalid type: string \"1\", expected a whole number\n"),
    ),
    row(
        "data_key_given_twice_names_it",
        |d| {
            write(d, "d.json", b"{ \"version\": 1, \"version\": 1 }\n");
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:1:25: duplicate field \"version\"\n"),
    ),
    row(
        "data_relation_without_citation_names_the_missing_field",
        |d| {
            let mut text = std::str::from_utf8(DATA).unwrap().trim_end().trim_end_matches('}').to_string();
            text.push_str(",\n  \"relations\": [\n    { \"source\": \"egy\", \"relation\": \"supports\", \"target\": \"haftar\" }\n  ]\n}\n");
            write(d, "d.json", text.as_bytes());
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:9:67: relations[0]: missing field \"citation\"\n"),
    ),
    row(
        "data_actor_with_too_many_aliases_is_refused",
        |d| {
            let aliases: Vec<String> = (0..101).map(|i| format!("\"Name {i}\"")).collect();
            let text = format!(
                "{{\n  \"version\": 1,\n  \"actors\": [\n    {{ \"id\": \"a\", \"name\": \"A\", \"kind\": \"other\", \"aliases\": [{}] }}\n  ]\n}}\n",
                aliases.join(", ")
            );
            write(d, "d.json", text.as_bytes());
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:4:59: actors[0].aliases: 101 names, more than the limit of 100 in one list\n"),
    ),
    row(
        "data_name_over_the_limit_is_refused",
        |d| {
            let text = format!(
                "{{\n  \"version\": 1,\n  \"actors\": [\n    {{ \"id\": \"a\", \"name\": \"A\", \"kind\": \"other\", \"aliases\": [\"{}\"] }}\n  ]\n}}\n",
                "x".repeat(201)
            );
            write(d, "d.json", text.as_bytes());
            true
        },
        &["check", "{d}/d.json"],
        2,
        Err::Exact("geokg: {d}/d.json:4:60: actors[0].aliases[0]: name of 201 bytes, longer than the limit of 200\n"),
    ),
    row(
        "lexicon_with_an_unknown_field_names_it",
        |d| {
            let lexicon = std::fs::read_to_string("data/lexicon.json").unwrap();
            write(d, "lexicon.json", lexicon.replacen("\"cues\"", "\"mood\": 1, \"cues\"", 1).as_bytes());
            true
        },
        &["check", "{d}/lexicon.json"],
        2,
        Err::Contains("mood: unknown field \"mood\", expected one of \"version\", \"cues\""),
    ),
    // ----- graph files -----
    row(
        "graph_file_that_is_empty_says_so",
        |d| {
            write(d, "g.json", b"");
            true
        },
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json: empty file, expected a JSON object\n"),
    ),
    row(
        "graph_file_with_a_trailing_comma_points_at_it_once",
        |d| graph_with(d, "\"A note\" }", "\"A note\" },"),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:10:3: trailing comma\n"),
    ),
    row(
        "graph_file_from_a_future_version_says_upgrade",
        |d| graph_with(d, "\"version\": 1", "\"version\": 3"),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:3:14: version: graph file version 3 is newer than this build of geokg reads (version 1); upgrade geokg\n"),
    ),
    row(
        "graph_file_without_a_version_says_so",
        |d| graph_with(d, "\"version\": 1,", ""),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:1:1: version: unsupported graph file version (missing)\n"),
    ),
    row(
        "graph_file_with_a_confidence_of_the_wrong_type_names_the_field",
        |d| graph_with(d, "\"confidence\": 1.0", "\"confidence\": \"high\""),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:9:98: claims[0].confidence: invalid type: string \"high\", expected a number\n"),
    ),
    row(
        "graph_file_with_an_unknown_claim_field_names_it",
        |d| graph_with(d, "\"hedged\": false", "\"note\": 1, \"hedged\": false"),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Contains("{d}/g.json:9:67: claims[0].note: unknown field \"note\", expected one of"),
    ),
    row(
        "graph_file_with_a_duplicate_actor_id_points_at_the_second",
        |d| graph_with(d, "\"id\": \"bbb\"", "\"id\": \"aaa\""),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:6:13: actors[1].id: duplicate id \"aaa\"\n"),
    ),
    row(
        "graph_file_with_a_dangling_claim_source_names_it",
        |d| graph_with(d, "\"source\": \"aaa\"", "\"source\": \"zzz\""),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:9:17: claims[0].source: unknown actor id \"zzz\"\n"),
    ),
    row(
        "graph_file_claim_with_citation_and_evidence_is_refused",
        |d| graph_with(
            d,
            "\"citation\": \"A note\"",
            "\"citation\": \"A note\", \"evidence\": { \"doc\": \"d\", \"sentence_index\": 0, \"span\": [0, 1], \"sentence\": \"x\", \"rule\": \"r\" }",
        ),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:9:5: claims[0]: a claim needs exactly one of citation and evidence\n"),
    ),
    row(
        "graph_file_confidence_out_of_range_is_refused",
        |d| graph_with(d, "\"confidence\": 1.0", "\"confidence\": 2.5"),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:9:93: claims[0].confidence: confidence 2.5 is outside 0..=1\n"),
    ),
    row(
        "graph_file_span_that_does_not_fit_its_sentence_is_refused",
        |d| graph_with(
            d,
            "\"citation\": \"A note\"",
            "\"evidence\": { \"doc\": \"d\", \"sentence_index\": 0, \"span\": [10, 5], \"sentence\": \"Alpha warned Beta.\", \"rule\": \"r\" }",
        ),
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:9:153: claims[0].evidence.span: span [10, 5] does not fit the sentence, which has 18 bytes\n"),
    ),
    row(
        "graph_file_with_invalid_utf8_points_at_the_byte",
        |d| {
            let mut bytes = GRAPH.as_bytes().to_vec();
            let at = GRAPH.find("Beta").unwrap();
            bytes[at] = 0xC3;
            write(d, "g.json", &bytes);
            true
        },
        &["--graph", "{d}/g.json", "actor", "Alpha"],
        2,
        Err::Exact("geokg: {d}/g.json:6:29: invalid UTF-8 at byte 157; a JSON file must be valid text\n"),
    ),
    // ----- writing -----
    row(
        "export_into_a_missing_directory_names_the_file",
        |_| true,
        &["export", "--all", "-o", "{d}/no/such/dir/g.dot"],
        2,
        Err::Exact("geokg: {d}/no/such/dir/g.dot: no such file or directory (os error 2)\n"),
    ),
    row(
        "export_onto_a_directory_names_it",
        |d| {
            std::fs::create_dir_all(d.join("out.dot")).unwrap();
            true
        },
        &["export", "--all", "-o", "{d}/out.dot"],
        2,
        Err::Exact("geokg: {d}/out.dot: is a directory (os error 21)\n"),
    ),
    row(
        "build_refuses_to_overwrite_its_data_under_another_spelling",
        |d| {
            write(d, "data.json", DATA);
            std::fs::create_dir_all(d.join("sub")).unwrap();
            true
        },
        &["build", "--no-embedded", "--data", "{d}/sub/../data.json", "-o", "{d}/data.json"],
        2,
        Err::Exact("geokg: {d}/data.json is also an input; use --force to overwrite it\n"),
    ),
    row(
        "build_refuses_to_overwrite_an_article_in_its_input_directory",
        |d| {
            write(d, "data.json", DATA);
            write(d, "news/doc.txt", GOOD);
            true
        },
        &["build", "--no-embedded", "--data", "{d}/data.json", "--articles", "{d}/news", "-o", "{d}/news/doc.txt"],
        2,
        Err::Exact("geokg: {d}/news/doc.txt is also an input; use --force to overwrite it\n"),
    ),
    row(
        "merge_refuses_to_overwrite_an_input_under_another_spelling",
        |d| graph_with(d, "A note", "A note"),
        &["merge", "{d}/g.json", "-o", "{d}/./g.json"],
        2,
        Err::Exact("geokg: {d}/./g.json is also an input; use --force to overwrite it\n"),
    ),
    // ----- pipes and questions -----
    row(
        "closed_stdout_pipe_during_extract_is_quiet",
        |d| {
            write(d, "doc.txt", GOOD);
            true
        },
        &["extract", "-q", "--format", "jsonl", "{d}/doc.txt"],
        0,
        Err::Exact(""),
    )
    .closed_stdout(),
    row(
        "closed_stdout_pipe_during_merge_is_quiet",
        |d| graph_with(d, "A note", "A note"),
        &["merge", "{d}/g.json"],
        0,
        Err::Exact(""),
    )
    .closed_stdout(),
    row(
        "full_disk_on_stdout_during_extract_says_so",
        |d| {
            write(d, "doc.txt", GOOD);
            true
        },
        &["extract", "-q", "--format", "jsonl", "{d}/doc.txt"],
        2,
        Err::Exact("geokg: cannot write output: no space left on device (os error 28)\n"),
    )
    .full_stdout(),
    row(
        "full_disk_on_stdout_during_export_says_so",
        |_| true,
        &["export", "--format", "json"],
        2,
        Err::Exact("geokg: cannot write output: no space left on device (os error 28)\n"),
    )
    .full_stdout(),
    row(
        "question_with_a_name_far_too_long_gets_no_suggestions",
        |_| true,
        &["query", "who backs {long}"],
        2,
        Err::Contains("geokg: no actor named \"xxxxxxxxxx"),
    ),
];

fn expand(arg: &str, dir: &str) -> String {
    arg.replace("{d}", dir).replace("{long}", &"x".repeat(5000))
}

/// How long one run of geokg may take: a hang guard, not a speed target (a loaded
/// machine, tests running six at a time, once stretched a one-second run past twenty
/// seconds). A run still going then is killed, and its row fails.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// Waits for `child` up to `limit`; kills it past that. Its exit status, or `None` when
/// it had to be killed.
fn wait_or_kill(child: &mut std::process::Child, limit: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs one row; a description of what differs, if anything.
fn check(r: &Row) -> Option<String> {
    let dir = temp_dir(r.name);
    if !(r.setup)(&dir) {
        skip(
            &format!(
                "bad_inputs_give_exact_messages_and_exit_codes, row {}",
                r.name
            ),
            "file permissions do not apply to this user",
        );
        return None;
    }
    let d = dir.to_str().unwrap();
    let args: Vec<String> = r.args.iter().map(|a| expand(a, d)).collect();
    let mut child = geokg()
        .args(&args)
        .stdin(if r.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(if r.full_stdout {
            Stdio::from(std::fs::File::create("/dev/full").unwrap())
        } else {
            Stdio::piped()
        })
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if r.close_stdout {
        drop(child.stdout.take());
    }
    // feed and drain the pipes on threads of their own, so that waiting here can stop
    let feeder = r.stdin.map(|bytes| {
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let _ = stdin.write_all(bytes);
        })
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                pipe.read_to_end(&mut bytes).unwrap();
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = wait_or_kill(&mut child, HANG_GUARD);
    if let Some(feeder) = feeder {
        feeder.join().unwrap();
    }
    let out = stdout.join().unwrap();
    let err = String::from_utf8(stderr.join().unwrap()).expect("stderr is UTF-8");
    let out = String::from_utf8_lossy(&out);
    let err = err.replace(d, "{d}");
    let mut problems = Vec::new();
    match status {
        None => problems.push(format!("still running after {HANG_GUARD:?}: killed")),
        Some(status) if status.code() != Some(r.code) => {
            problems.push(format!("exit {:?}, expected {}", status.code(), r.code))
        }
        Some(_) => {}
    }
    match r.stderr {
        Err::Exact(want) if err != want => {
            problems.push(format!("stderr {err:?}\n   expected {want:?}"))
        }
        Err::Contains(want) if !err.contains(want) => {
            problems.push(format!("stderr {err:?}\n   lacks {want:?}"))
        }
        _ => {}
    }
    if let Some(line) = r.stdout.filter(|_| !r.close_stdout) {
        if !out.lines().any(|l| l == line) {
            problems.push(format!("stdout lacks {line:?}:\n{out}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    (!problems.is_empty()).then(|| format!("{}: {}", r.name, problems.join("\n   ")))
}

#[test]
fn bad_inputs_give_exact_messages_and_exit_codes() {
    assert!(ROWS.len() >= 30);
    // a few rows at a time: each run of geokg spends most of its time starting up
    let mut failures: Vec<String> = Vec::new();
    for chunk in ROWS.chunks(6) {
        std::thread::scope(|s| {
            let runs: Vec<_> = chunk.iter().map(|r| s.spawn(move || check(r))).collect();
            for run in runs {
                failures.extend(run.join().unwrap());
            }
        });
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A line of a mebibyte without a sentence break, full of names and cues, is not read
/// for relations, and geokg says so (how its time grows with the line's length is
/// measured by `cargo run --release --example scaling`, not here).
#[test]
fn a_line_of_a_mebibyte_is_not_read_for_relations_and_says_so() {
    let dir = temp_dir("long-line");
    let bytes = 1 << 20;
    let line = "Egypt backs Haftar while Turkey condemned the LNA and ".repeat(bytes / 54 + 1);
    let path = dir.join("line.txt");
    std::fs::write(&path, &line.as_bytes()[..bytes]).unwrap();
    let out = geokg().args(["extract", "-q"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is longer than 8192 bytes; not read for relations"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "{out:?}");
}

/// A run longer than the hang guard is killed and reported, not waited on forever.
#[test]
fn the_hang_guard_kills_a_run_that_does_not_end() {
    let mut child = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .expect("sleep runs");
    assert!(wait_or_kill(&mut child, Duration::from_millis(200)).is_none());
    let status = wait_or_kill(&mut child, Duration::from_millis(200));
    assert!(status.is_some(), "killed and reaped");
}

#[test]
fn a_standard_error_that_cannot_be_written_is_no_panic() {
    // every message is lost, the exit status still tells
    for (args, code) in [
        (&["extract", "tests/data/no-such-file.txt"][..], 2),
        (&["extract", "tests/data/articles/sample.txt"], 0),
        (&["query", "who backs Haftarov"], 2),
    ] {
        let status = geokg()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create("/dev/full").unwrap()))
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}
