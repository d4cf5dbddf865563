//! `geokg build --data FILE`: the user's data added to the embedded data (`--no-embedded`
//! replaces it), relations naming actors by id, name or alias, the errors for names that
//! match nothing or more than one actor and for ids the embedded data already has, and
//! `--graph` refused by `build`. Fixtures are under tests/data/user/.

mod common;

use common::{answer_names, fixture, run, temp_dir};

/// (test, build arguments before `-o`, then questions asked of the built graph with the
/// answer names each must include and must not include)
type Built = (
    &'static str,
    &'static [&'static str],
    &'static [(
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    )],
);

const BUILT: &[Built] = &[
    (
        // "Turkey" and "sirte shield" by name and alias, "haftar" lowercase: all resolve;
        // the embedded actors and relations are still there
        "adds_to_embedded",
        &["--data", "tests/data/user/militia.json"],
        &[
            ("who backs Sirte Shield", &["Turkey"], &[]),
            (
                "who opposes Haftar",
                &["Sirte Shield Brigade", "Turkey"],
                &[],
            ),
            ("who backs Haftar", &["Egypt", "United Arab Emirates"], &[]),
        ],
    ),
    (
        "adds_to_embedded_a_file_of_its_own_actors",
        &["--data", "tests/data/user/standalone.json"],
        &[
            ("who backs South Front", &["Northland"], &[]),
            ("who backs Haftar", &["Egypt"], &[]),
        ],
    ),
    (
        "no_embedded_replaces",
        &["--no-embedded", "--data", "tests/data/user/standalone.json"],
        &[("who backs South Front", &["Northland"], &[])],
    ),
];

#[test]
fn builds_answer_from_user_data() {
    for (test, args, questions) in BUILT {
        let dir = temp_dir(test);
        let out = dir.join("g.json");
        let out = out.to_str().unwrap();
        let mut build = vec!["build"];
        build.extend_from_slice(args);
        build.extend_from_slice(&["-o", out]);
        run(&build).expect_code(0);
        for (question, has, lacks) in *questions {
            let r = run(["--graph", out, "query", question]).expect_code(0);
            let names = answer_names(&r.stdout);
            for n in *has {
                assert!(
                    names.iter().any(|x| x == n),
                    "{test}: {question}: no {n} in {names:?}"
                );
            }
            for n in *lacks {
                assert!(
                    !names.iter().any(|x| x == n),
                    "{test}: {question}: {n} in {names:?}"
                );
            }
        }
    }
}

#[test]
fn no_embedded_leaves_the_embedded_actors_out() {
    let dir = temp_dir("no_embedded_leaves_out");
    let out = dir.join("g.json");
    let out = out.to_str().unwrap();
    let r = run([
        "build",
        "--no-embedded",
        "--data",
        &fixture("user/standalone.json"),
        "-o",
        out,
    ])
    .expect_code(0);
    assert!(r.stderr.contains(" 2 actors, 1 edge)"), "{}", r.stderr);
    let r = run(["--graph", out, "query", "who backs Haftar"]).expect_code(2);
    assert!(
        r.stderr.contains("no actor named \"Haftar\""),
        "{}",
        r.stderr
    );
}

/// (test, arguments, the exact stderr): each exits 2 and writes nothing.
const REFUSED: &[(&str, &[&str], &str)] = &[
    (
        "unknown_name_suggests",
        &["build", "--data", "tests/data/user/unknown_name.json"],
        "geokg: tests/data/user/unknown_name.json:7:17: relations[0].source: unknown actor \
         \"Turky\": no actor has this id, name or alias; did you mean \"Turkey\" (tur) or \
         \"Volker Türk\" (volker-turk)?\n",
    ),
    (
        "ambiguous_alias_lists_candidates",
        &["build", "--data", "tests/data/user/ambiguous.json"],
        "geokg: tests/data/user/ambiguous.json:7:62: relations[0].target: \"Congo\" is ambiguous: \
         it may mean \"Democratic Republic of the Congo\" (cod), \"Republic of the Congo\" (cog); \
         write the id instead\n",
    ),
    (
        "duplicate_of_an_embedded_id",
        &["build", "--data", "tests/data/user/duplicate_id.json"],
        "geokg: tests/data/user/duplicate_id.json:4:13: actors[0].id: duplicate id \"tur\", first \
         defined at data/world.json:{TUR_LINE}:13; the embedded data already has it: name that actor in \
         your relations instead, or leave the embedded data out (--no-embedded)\n",
    ),
    (
        "no_embedded_has_no_turkey",
        &[
            "build",
            "--no-embedded",
            "--data",
            "tests/data/user/names_turkey.json",
        ],
        "geokg: tests/data/user/names_turkey.json:7:17: relations[0].source: unknown actor \
         \"Turkey\": no actor has this id, name or alias\n",
    ),
    (
        "graph_with_build_data",
        &[
            "--graph",
            "tests/data/small.graph.json",
            "build",
            "--data",
            "tests/data/user/militia.json",
        ],
        "geokg: --graph tests/data/small.graph.json cannot be used with build: build starts from \
         the curated data (embedded, plus --data files); to add to an existing graph file, use \
         build --append -o tests/data/small.graph.json (or geokg merge)\n",
    ),
    (
        "graph_with_build",
        &["build", "--graph", "tests/data/small.graph.json"],
        "geokg: --graph tests/data/small.graph.json cannot be used with build: build starts from \
         the curated data (embedded, plus --data files); to add to an existing graph file, use \
         build --append -o tests/data/small.graph.json (or geokg merge)\n",
    ),
];

/// The line of the embedded data that defines Turkey's id.
fn tur_line() -> usize {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/world.json");
    let text = std::fs::read_to_string(path).unwrap();
    1 + text
        .lines()
        .position(|l| l.trim() == "\"id\": \"tur\",")
        .expect("Turkey in data/world.json")
}

#[test]
fn refused_with_a_clear_error() {
    for (test, args, stderr) in REFUSED {
        let dir = temp_dir(test);
        let out = dir.join("g.json");
        let mut all: Vec<&str> = args.to_vec();
        all.extend_from_slice(&["-o", out.to_str().unwrap()]);
        let r = run(&all).expect_code(2);
        // where the embedded Turkey is defined moves as the data grows
        let stderr = stderr.replace("{TUR_LINE}", &tur_line().to_string());
        assert_eq!(r.stderr, stderr, "{test}");
        assert!(!out.exists(), "{test}: wrote {}", out.display());
    }
}

#[test]
fn no_embedded_needs_data() {
    let dir = temp_dir("no_embedded_needs_data");
    let out = dir.join("g.json");
    let r = run(["build", "--no-embedded", "-o", out.to_str().unwrap()]).expect_code(2);
    assert!(r.stderr.contains("--data <FILE>"), "{}", r.stderr);
}
