//! The JSON Schemas under `data/schema/` describe the data files (draft 2020-12): every
//! data file compiled into geokg validates against its schema, a file with a format error
//! does not (the fixtures under `tests/data/bad/` and edits of the real files), and the
//! schemas name the same kinds as the code. Cross-record rules (unique ids, known actors,
//! shared names, date order) are `geokg check`'s, not the schema's.

use std::path::Path;

use geokg::{ActorKind, AffiliationKind, RelationKind};
use serde_json::{json, Value};

/// (schema under data/schema/, what it describes).
const SCHEMAS: &[(&str, &str)] = &[
    (
        "actors.schema.json",
        "actor and relation files: data/*.json",
    ),
    ("lexicon.schema.json", "the cue lexicon: data/lexicon.json"),
    (
        "frame-lexicon.schema.json",
        "the frame lexicon: data/lexicon/en.json",
    ),
    ("names.schema.json", "the names rules: data/names/en.json"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn parse(what: &str, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// The validator of schema `name`, after checking the schema against the draft's
/// meta-schema.
fn validator(name: &str) -> jsonschema::Validator {
    let path = root().join("data/schema").join(name);
    let schema = parse(name, &std::fs::read_to_string(&path).unwrap());
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("{name} is not a valid JSON Schema: {e}");
    }
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{name}"
    );
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every error of `instance`, one line each: "at /actors/3/kind: ...".
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

/// The schema of a data file, by its path under the package root.
fn schema_of(path: &str) -> &'static str {
    if path.starts_with("data/names/") {
        "names.schema.json"
    } else if path.starts_with("data/lexicon/") {
        "frame-lexicon.schema.json"
    } else if path == "data/lexicon.json" {
        "lexicon.schema.json"
    } else {
        "actors.schema.json"
    }
}

/// The data files compiled into geokg, as (path, text).
fn embedded() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = geokg::graph::data::EMBEDDED
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    files.push((
        "data/lexicon.json".into(),
        geokg::extract::lexicon::EMBEDDED_LEXICON.into(),
    ));
    files.push((
        "data/lexicon/en.json".into(),
        geokg::extract::frames::lexicon::EMBEDDED_FRAMES.into(),
    ));
    files.push((
        "data/names/en.json".into(),
        geokg::query::names::EMBEDDED_NAMES.into(),
    ));
    files
}

#[test]
fn every_embedded_data_file_validates_against_its_schema() {
    let mut failures = Vec::new();
    for (path, text) in embedded() {
        let name = schema_of(&path);
        let errs = errors(&validator(name), &parse(&path, &text));
        if !errs.is_empty() {
            failures.push(format!("{path} ({name}):\n  {}", errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_data_file_under_data_has_a_schema_and_is_embedded() {
    // a new kind of data file needs a schema (and a line in schema_of)
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "schema") {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|x| x == "json") {
                let rel = p.strip_prefix(root()).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("data"), &mut files);
    files.sort();
    let embedded: Vec<String> = embedded().into_iter().map(|(p, _)| p).collect();
    for f in &files {
        assert!(
            embedded.contains(f),
            "{f} is not embedded, or not known to this test"
        );
    }
    let schemas: Vec<&str> = SCHEMAS.iter().map(|(s, _)| *s).collect();
    for f in &files {
        assert!(schemas.contains(&schema_of(f)), "{f}");
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("data/schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = schemas.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "data/schema/ holds exactly the schemas listed"
    );
}

/// Fixtures under tests/data/bad/ whose error is one of format, which the schema sees.
const FORMAT_ERRORS: &[&str] = &[
    "affiliation_no_kind.json",
    "affiliation_unknown_kind.json",
    "aliases_string.json",
    "bad_date.json",
    "cite_bad_date.json",
    "cite_bad_url.json",
    "cite_unknown_field.json",
    "empty_citation.json",
    "invalid_id.json",
    "state_without_iso3.json",
    "two_errors.json",
    "unknown_field.json",
    "unknown_kind.json",
    "unknown_relation.json",
    "version_2.json",
];

/// Fixtures whose error spans records or files (or needs `geokg check`'s stricter rule),
/// which only geokg sees: they are well formed.
const CHECK_ERRORS: &[&str] = &[
    "affiliation_unknown.json",
    "cite_read_before_published.json",
    "duplicate_across_files.json",
    "duplicate_id.json",
    "from_after_until.json",
    "no_source.json",
    "self_relation.json",
    "shared_alias.json",
    "shared_alias_one_marked.json",
    "unknown_actor.json",
];

/// Not JSON at all.
const NOT_JSON: &[&str] = &["trailing_comma.json"];

#[test]
fn the_schema_refuses_the_bad_fixtures_with_a_format_error_and_only_those() {
    let v = validator("actors.schema.json");
    let dir = root().join("tests/data/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut wrong = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        if NOT_JSON.contains(&name.as_str()) {
            assert!(serde_json::from_str::<Value>(&text).is_err(), "{name}");
            continue;
        }
        let errs = errors(&v, &parse(name, &text));
        if FORMAT_ERRORS.contains(&name.as_str()) {
            if errs.is_empty() {
                wrong.push(format!("{name}: valid, expected a schema error"));
            }
        } else if CHECK_ERRORS.contains(&name.as_str()) {
            if !errs.is_empty() {
                wrong.push(format!("{name}: {}", errs.join("; ")));
            }
        } else {
            wrong.push(format!("{name}: list it in FORMAT_ERRORS or CHECK_ERRORS"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // the good fixtures are valid
    for name in ["good.json", "shared_alias_marked.json"] {
        let text = std::fs::read_to_string(root().join("tests/data").join(name)).unwrap();
        assert_eq!(
            errors(&v, &parse(name, &text)),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

/// `data/libya.json`, edited by `edit`: each edit must make it invalid, naming the path.
fn libya_edited(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("data/libya.json")).unwrap();
    let mut value = parse("data/libya.json", &text);
    edit(&mut value);
    errors(&validator("actors.schema.json"), &value)
}

/// The index of the first actor of `data/libya.json` with an affiliation.
fn affiliated(v: &Value) -> usize {
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a.get("affiliations").is_some())
        .unwrap()
}

#[test]
fn edits_of_a_real_file_that_break_its_format_are_refused() {
    // an affiliation kind that is not one of the names
    let e = libya_edited(|v| {
        let i = affiliated(v);
        v["actors"][i]["affiliations"][0]["kind"] = json!("leader");
    });
    assert!(
        e.len() == 1 && e[0].contains("/affiliations/0/kind"),
        "{e:?}"
    );
    // an affiliation without a kind, an actor without a name
    let e = libya_edited(|v| {
        let i = affiliated(v);
        let f = v["actors"][i]["affiliations"][0].as_object_mut().unwrap();
        f.remove("kind");
    });
    assert!(e.len() == 1 && e[0].contains("kind"), "{e:?}");
    let e = libya_edited(|v| {
        v["actors"][0].as_object_mut().unwrap().remove("name");
    });
    assert!(
        e.len() == 1 && e[0].starts_with("at /actors/0:") && e[0].contains("name"),
        "{e:?}"
    );
    // a relation kind not among the three, an unknown field, a relation with no citation
    let e = libya_edited(|v| v["relations"][0]["relation"] = json!("backs"));
    assert!(
        e.len() == 1 && e[0].contains("/relations/0/relation"),
        "{e:?}"
    );
    let e = libya_edited(|v| v["relations"][0]["confidence"] = json!(1));
    assert!(e.len() == 1 && e[0].contains("confidence"), "{e:?}");
    let e = libya_edited(|v| {
        v["relations"][0]
            .as_object_mut()
            .unwrap()
            .remove("citation");
    });
    assert!(e.len() == 1 && e[0].contains("citation"), "{e:?}");
}

#[test]
fn edits_of_the_other_files_that_break_their_format_are_refused() {
    let names = validator("names.schema.json");
    let mut v = parse("names", geokg::query::names::EMBEDDED_NAMES);
    v["offices"][0]["affiliations"] = json!(["rules"]);
    assert!(!names.is_valid(&v));
    let mut v = parse("names", geokg::query::names::EMBEDDED_NAMES);
    v["offices"][0].as_object_mut().unwrap().remove("kinds");
    assert!(!names.is_valid(&v));

    let lexicon = validator("lexicon.schema.json");
    let mut v = parse("lexicon", geokg::extract::lexicon::EMBEDDED_LEXICON);
    v["cues"][0].as_object_mut().unwrap().remove("shape");
    assert!(!lexicon.is_valid(&v));
    let mut v = parse("lexicon", geokg::extract::lexicon::EMBEDDED_LEXICON);
    v["cues"][0]["shape"] = json!("sideways");
    assert!(!lexicon.is_valid(&v));

    let frames = validator("frame-lexicon.schema.json");
    let mut v = parse("frames", geokg::extract::frames::lexicon::EMBEDDED_FRAMES);
    v["frames"][0]["source"] = json!(["subject"]);
    assert!(!frames.is_valid(&v));
    let mut v = parse("frames", geokg::extract::frames::lexicon::EMBEDDED_FRAMES);
    v.as_object_mut().unwrap().remove("titles");
    assert!(!frames.is_valid(&v));
}

/// The values a schema allows at `pointer`: an `enum`, or the `const`s of a `oneOf`.
fn allowed(schema: &str, pointer: &str) -> Vec<String> {
    let path = root().join("data/schema").join(schema);
    let s = parse(schema, &std::fs::read_to_string(path).unwrap());
    let node = s
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{schema}: no {pointer}"));
    let values: Vec<&Value> = match (node.get("enum"), node.get("oneOf")) {
        (Some(Value::Array(e)), _) => e.iter().collect(),
        (_, Some(Value::Array(o))) => o.iter().map(|c| &c["const"]).collect(),
        _ => panic!("{schema}: {pointer} is no enum"),
    };
    values
        .into_iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_schemas_name_the_kinds_the_code_reads() {
    let affiliation: Vec<String> = AffiliationKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    let actor: Vec<String> = ActorKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    let relation: Vec<String> = RelationKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    let a = "actors.schema.json";
    assert_eq!(allowed(a, "/$defs/affiliation_kind"), affiliation);
    assert_eq!(allowed(a, "/$defs/actor/properties/kind"), actor);
    assert_eq!(allowed(a, "/$defs/relation/properties/relation"), relation);
    let n = "names.schema.json";
    assert_eq!(
        allowed(n, "/$defs/office/properties/affiliations/items"),
        affiliation
    );
    assert_eq!(allowed(n, "/$defs/office/properties/kinds/items"), actor);
    assert_eq!(
        allowed("lexicon.schema.json", "/$defs/cue/properties/relation"),
        relation
    );
    let f = "frame-lexicon.schema.json";
    assert_eq!(allowed(f, "/$defs/relation"), relation);
    assert_eq!(allowed(f, "/$defs/actor_kind"), actor);
}
