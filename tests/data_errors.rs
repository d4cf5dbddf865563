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
         \"ambiguous_aliases\", \"affiliations\"",
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
    assert_eq!(r.stdout, "ok: 1 file: 3 actors, 2 relations\n");
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
         first defined at tests/data/good.json:4:13\n"
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
    let r = run([
        "check",
        "data/world.json",
        "data/libya.json",
        "data/conflicts.json",
    ])
    .expect_code(0);
    assert!(r.stdout.starts_with("ok: 3 files: "), "{}", r.stdout);
}
