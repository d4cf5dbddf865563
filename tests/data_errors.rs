//! `geokg check FILE` on broken curated data: each fixture under tests/data/bad/ must
//! give exactly one error line naming file:line:col, the field and what is wrong, and
//! exit 2.

mod common;

use common::{fixture, run};

/// (fixture under tests/data/bad/, the exact stderr line without the "geokg: " prefix)
const BAD: &[(&str, &str)] = &[
    // NOTE: errors from serde (unknown field, wrong type, syntax) point at the *end* of
    // the offending token (here the closing quote of "alais", col 60; the key starts at
    // col 54), while geokg's own checks point at the start of the value. See report.
    (
        "unknown_field.json",
        "tests/data/bad/unknown_field.json:5:60: actors[1].alais: unknown field \"alais\", expected one of \
         \"id\", \"name\", \"kind\", \"official_name\", \"iso3\", \"aliases\", \"demonyms\", \"capital\", \
         \"ambiguous_aliases\", \"descriptions\", \"affiliations\"",
    ),
    (
        "duplicate_id.json",
        "tests/data/bad/duplicate_id.json:5:13: actors[1].id: duplicate id \"aaa\", first defined at \
         tests/data/bad/duplicate_id.json:4:13",
    ),
    (
        "unknown_actor.json",
        "tests/data/bad/unknown_actor.json:8:60: relations[0].target: unknown actor \"zeta\": no actor has this id, name or alias",
    ),
    (
        "affiliation_unknown.json",
        "tests/data/bad/affiliation_unknown.json:6:36: actors[1].affiliations[0].actor: unknown actor id \
         \"gama\"; did you mean \"gamma\"?\n\
         geokg: tests/data/bad/affiliation_unknown.json:6:73: actors[1].affiliations[0].from: invalid date \
         \"2020-02-30\", expected YYYY, YYYY-MM or YYYY-MM-DD: day 30 out of range",
    ),
    // An affiliation's kind is one of the names, and required; a missing one is located
    // at the affiliation.
    (
        "affiliation_unknown_kind.json",
        "tests/data/bad/affiliation_unknown_kind.json:6:74: actors[1].affiliations[0].kind: unknown \
         affiliation kind \"commander\", expected one of leads, heads_government, commands, member, \
         armed_forces_of, government_of, legislature_of, represents, other",
    ),
    (
        "affiliation_no_kind.json",
        "tests/data/bad/affiliation_no_kind.json:6:25: actors[1].affiliations[0].kind: no kind: add \
         \"kind\" with one of leads, heads_government, commands, member, armed_forces_of, \
         government_of, legislature_of, represents, other",
    ),
    // NOTE: the name is quoted case-folded ("the boss") rather than as written
    // ("The Boss"). See report.
    (
        "shared_alias.json",
        "tests/data/bad/shared_alias.json:5:67: actors[1].aliases[0]: \"the boss\" of \"beta\" is also a \
         name of \"alpha\" (tests/data/bad/shared_alias.json:4:69); list it in ambiguous_aliases of both \
         to share it",
    ),
    // Marking it on one side only is not enough.
    (
        "shared_alias_one_marked.json",
        "tests/data/bad/shared_alias_one_marked.json:5:67: actors[1].aliases[0]: \"the boss\" of \"beta\" is \
         also a name of \"alpha\" (tests/data/bad/shared_alias_one_marked.json:4:69); list it in \
         ambiguous_aliases of both to share it",
    ),
    (
        "unknown_relation.json",
        "tests/data/bad/unknown_relation.json:8:38: relations[0].relation: unknown relation kind \"likes\", \
         expected one of supports, opposes, warns",
    ),
    (
        "unknown_kind.json",
        "tests/data/bad/unknown_kind.json:4:47: actors[0].kind: unknown actor kind \"country\", expected one \
         of state, government, person, armed_group, international_organisation, political_body, other",
    ),
    (
        "bad_date.json",
        "tests/data/bad/bad_date.json:8:98: relations[0].from: invalid date \"2020-13\", expected YYYY, \
         YYYY-MM or YYYY-MM-DD: month 13 out of range",
    ),
    (
        "from_after_until.json",
        "tests/data/bad/from_after_until.json:8:118: relations[0].until: until 2020 is before from 2021-03",
    ),
    (
        "empty_citation.json",
        "tests/data/bad/empty_citation.json:8:80: relations[0].citation: citation is empty",
    ),
    (
        "self_relation.json",
        "tests/data/bad/self_relation.json:7:59: relations[0].target: \"alpha\" relates to itself",
    ),
    // NOTE: serde reports the token after the trailing comma (the "]" at 5:3), not the
    // comma itself (4:58).
    ("trailing_comma.json", "tests/data/bad/trailing_comma.json:5:3: actors: trailing comma"),
    // NOTE: col 70 is the closing quote of "A"; the value starts at col 68.
    (
        "aliases_string.json",
        "tests/data/bad/aliases_string.json:4:70: actors[0].aliases: invalid type: string \"A\", expected a \
         sequence",
    ),
    (
        "version_2.json",
        "tests/data/bad/version_2.json:2:14: version: unsupported version 2, this build reads version 1",
    ),
    // The iso3 field is absent, so the location is the actor's object.
    (
        "state_without_iso3.json",
        "tests/data/bad/state_without_iso3.json:4:5: actors[0].iso3: state \"alpha\" has no iso3 code",
    ),
    (
        "invalid_id.json",
        "tests/data/bad/invalid_id.json:4:13: actors[0].id: invalid id \"Alpha_1\": use lowercase ASCII \
         letters, digits and -",
    ),
    // A relation must say where it is published: a structured source, well formed.
    (
        "no_source.json",
        "tests/data/bad/no_source.json:8:5: relations[0]: no structured source: add \"cite\" with url, publisher, date and accessed",
    ),
    (
        "cite_bad_url.json",
        "tests/data/bad/cite_bad_url.json:9:24: relations[0].cite.url: invalid url \"www.un.org/report\": expected http:// or https://",
    ),
    (
        "cite_bad_date.json",
        "tests/data/bad/cite_bad_date.json:9:80: relations[0].cite.date: invalid date \"12 May 2024\", expected YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    (
        "cite_read_before_published.json",
        "tests/data/bad/cite_read_before_published.json:9:106: relations[0].cite.accessed: accessed 2024-05-01 is before the publication date 2024-05-02",
    ),
    (
        "cite_unknown_field.json",
        "tests/data/bad/cite_unknown_field.json:9:82: relations[0].cite.published: unknown field \"published\", expected one of \"url\", \"publisher\", \"date\", \"accessed\"",
    ),
    // Every problem is reported, in file order, not only the first.
    (
        "two_errors.json",
        "tests/data/bad/two_errors.json:5:45: actors[1].kind: unknown actor kind \"robot\", expected one of \
         state, government, person, armed_group, international_organisation, political_body, other\n\
         geokg: tests/data/bad/two_errors.json:8:60: relations[0].target: unknown actor \"gama\": no actor has this id, name or alias\n\
         geokg: tests/data/bad/two_errors.json:8:80: relations[0].citation: citation is empty",
    ),
];

#[test]
fn check_reports_each_bad_fixture_exactly() {
    let mut failures = Vec::new();
    for &(name, expected) in BAD {
        let path = fixture(&format!("bad/{name}"));
        let r = run(["check", &path]);
        let want = format!("geokg: {expected}\n");
        if r.code != 2 || r.stderr != want || !r.stdout.is_empty() {
            failures.push(format!(
                "{name}: exit {}\n  expected: {want:?}\n  got:      {:?}\n  stdout:   {:?}",
                r.code, r.stderr, r.stdout
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn check_accepts_an_alias_marked_ambiguous_by_both_actors() {
    let path = fixture("shared_alias_marked.json");
    let r = run(["check", &path]).expect_code(0);
    assert_eq!(r.stdout, "ok: 1 file: 2 actors, 0 relations\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn check_accepts_a_good_file() {
    let path = fixture("good.json");
    let r = run(["check", &path]).expect_code(0);
    assert_eq!(
        r.stdout,
        "ok: 1 file: 3 actors, 2 relations\n\
         coverage: 1 conflict with cited relations\n  \
         Alpha war  2 relations, 3 actors, 2 sources\n"
    );
}

#[test]
fn a_relation_without_a_structured_source_loads_but_check_refuses_it() {
    // build --data accepts a free-text citation (field notes); check wants a source
    let path = fixture("bad/no_source.json");
    let dir = std::env::temp_dir().join(format!("geokg-nosource-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("g.json");
    run([
        "build",
        "--no-embedded",
        "--data",
        &path,
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    run(["check", &path]).expect_code(2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_of_the_embedded_data_reports_coverage_per_conflict() {
    let r = run(["check"]).expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("ok: embedded data: "), "{}", r.stdout);
    let head = lines[1];
    let n: usize = head
        .strip_prefix("coverage: ")
        .and_then(|h| h.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(n >= 12, "{} conflicts:\n{}", n, r.stdout);
    let rows = &lines[2..];
    assert_eq!(
        rows.len(),
        n,
        "every relation belongs to a conflict:\n{}",
        r.stdout
    );
    let mut relations = 0;
    for conflict in [
        "Libya",
        "Sudan",
        "Yemen and the Red Sea",
        "Syria",
        "Israel, Gaza, Lebanon and Iran",
        "Russia and Ukraine",
        "DR Congo, M23 and Rwanda",
        "Sahel",
        "Ethiopia and Eritrea",
        "Somalia",
        "Myanmar",
        "Armenia and Azerbaijan",
        "Haiti",
    ] {
        let Some(row) = rows
            .iter()
            .find(|l| l.trim_start().starts_with(&format!("{conflict}  ")))
        else {
            continue;
        };
        let count: usize = row[2 + conflict.len()..]
            .trim_start()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(count >= 10, "{conflict}: {row}");
        relations += count;
    }
    assert!(relations >= 400, "{relations} relations:\n{}", r.stdout);
}

#[test]
fn check_sees_ids_across_files() {
    // A relation may name an actor of another file; a duplicate id across files points
    // back at the first definition.
    let good = fixture("good.json");
    let dup = fixture("bad/duplicate_across_files.json");
    let r = run(["check", &good, &dup]).expect_code(2);
    assert_eq!(
        r.stderr,
        "geokg: tests/data/bad/duplicate_across_files.json:4:13: actors[0].id: duplicate id \"aaa\", \
         first defined at tests/data/good.json:5:13\n"
    );
}

#[test]
fn check_missing_file_names_it() {
    let r = run(["check", "tests/data/no-such-file.json"]).expect_code(2);
    assert!(
        r.stderr
            .starts_with("geokg: tests/data/no-such-file.json: "),
        "{}",
        r.stderr
    );
}

#[test]
fn check_of_the_repository_data_passes() {
    // every actor and relation file under data/ (the lexicon is checked on its own)
    let mut files: Vec<String> = std::fs::read_dir("data")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("lexicon")
        })
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut args = vec!["check".to_string()];
    args.extend(files.iter().cloned());
    let r = run(args.iter().map(String::as_str)).expect_code(0);
    assert!(
        r.stdout
            .starts_with(&format!("ok: {} files: ", files.len())),
        "{}",
        r.stdout
    );
}

#[test]
fn every_embedded_data_file_is_in_the_repository_check() {
    // the files compiled in are the files under data/ (a new conflict file must be embedded)
    let embedded: Vec<&str> = geokg::graph::data::EMBEDDED
        .iter()
        .map(|(p, _)| *p)
        .collect();
    for entry in std::fs::read_dir("data").unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.extension().is_some_and(|x| x == "json") && !name.starts_with("lexicon") {
            let shown = format!("data/{name}");
            assert!(
                embedded.contains(&shown.as_str()),
                "{shown} is not embedded"
            );
        }
    }
}

#[test]
fn every_embedded_relation_has_a_structured_source() {
    let data = geokg::graph::data::embedded().unwrap();
    assert!(
        data.unsourced.is_empty(),
        "{}",
        data.unsourced
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for c in &data.claims {
        let s = c.source_ref().expect("a structured source");
        assert!(
            s.url.starts_with("https://") || s.url.starts_with("http://"),
            "{s:?}"
        );
        assert!(!s.publisher.is_empty());
    }
}
