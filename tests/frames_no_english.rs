//! The frame engine's code knows Universal Dependencies, not English: every string
//! literal in its code (comments aside) is a UD relation, a part-of-speech tag,
//! punctuation, a format string or an explanation for people. The English words it
//! reads text with live in `data/lexicon/en.json`.

use std::path::Path;

/// UD relations with the subtypes the engine reads.
const RELATIONS: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "ccomp",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "dep",
    "det",
    "discourse",
    "expl",
    "fixed",
    "flat",
    "iobj",
    "list",
    "mark",
    "neg",
    "nmod",
    "nmod:poss",
    "nsubj",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "root",
    "vocative",
    "xcomp",
];

/// The string literals of `code`, comments left out.
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in code.lines() {
        let mut chars = line.chars().peekable();
        let mut in_string = false;
        let mut current = String::new();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            if in_string {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        current.push(n);
                    }
                } else if c == '"' {
                    out.push(std::mem::take(&mut current));
                    in_string = false;
                } else {
                    current.push(c);
                }
            } else if c == '/' && chars.peek() == Some(&'/') {
                break;
            } else if c == '"' && prev != '\'' {
                in_string = true;
            }
            prev = c;
        }
    }
    out
}

/// Literals that are English but read no text: the role text of an affiliation (a typed
/// role is issue 21's), and the first word of the explanations' "no source" and the like.
const KNOWN: &[&str] = &["based in", "no"];

fn allowed(s: &str) -> bool {
    RELATIONS.contains(&s)
        || KNOWN.contains(&s)
        // an explanation shown by --explain ("no source and no target"): a phrase for
        // people, not a word the engine reads text with
        || s.split(' ').count() >= 2
        || (!s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase() || c == '$'))
        || s.chars().all(|c| !c.is_alphabetic())
        || s.contains('{')
}

#[test]
fn the_frame_engine_code_holds_no_english_word() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract/frames");
    let mut found = Vec::new();
    for file in ["mod.rs", "tree.rs"] {
        let code = std::fs::read_to_string(dir.join(file)).unwrap();
        // unit tests at the end of a file may quote sentences
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        for s in literals(code) {
            if !allowed(&s) {
                found.push(format!("{file}: {s:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English in the frame engine's code: {found:?}"
    );
}

#[test]
fn the_check_sees_a_word() {
    assert_eq!(
        literals("let a = t.preposition(c) == \"by\"; // \"of\" in a comment"),
        ["by"]
    );
    assert!(!allowed("by"));
    assert!(allowed("nsubj:pass") && allowed("PRP$") && allowed(", ") && allowed("{}:{}"));
}
