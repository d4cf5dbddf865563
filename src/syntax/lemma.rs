//! Lemmatization: what is the dictionary form of each word?
//!
//! Learned from the treebank's LEMMA column: for each part of speech, suffix rules
//! ("cut two letters, add `y`", "lowercase") chosen by the longest known suffix of the
//! word, and an exception table for the forms the rules get wrong ("went" -> "go").

use super::bytes::{ReadResult, Reader, Writer};
use std::collections::{BTreeMap, HashMap};

/// The longest suffix (in characters) that rules are keyed on.
const MAX_SUFFIX: usize = 6;

/// How to turn a form into its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lower: bool,
    cut: u8,
    append: String,
}

impl Rule {
    /// The rule that turns `form` into `lemma`, preferring the shortest cut.
    fn between(form: &str, lemma: &str) -> Rule {
        let make = |f: &str, lower: bool| {
            let fc: Vec<char> = f.chars().collect();
            let lc: Vec<char> = lemma.chars().collect();
            let common = fc.iter().zip(&lc).take_while(|(a, b)| a == b).count();
            Rule {
                lower,
                cut: (fc.len() - common).min(255) as u8,
                append: lc[common..].iter().collect(),
            }
        };
        let keep = make(form, false);
        let lower = make(&form.to_lowercase(), true);
        // a lemma without capitals lowercases the form ("The" -> "the"), whatever the
        // case of the form the rule was learned from
        let lemma_is_lower = lemma.to_lowercase() == lemma;
        if lower.cut < keep.cut || (lower.cut == keep.cut && lemma_is_lower) {
            lower
        } else {
            keep
        }
    }

    fn apply(&self, form: &str) -> String {
        let f = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = f.chars().count();
        if usize::from(self.cut) > n {
            return f;
        }
        let mut out: String = f.chars().take(n - usize::from(self.cut)).collect();
        out.push_str(&self.append);
        out
    }
}

/// A learned lemmatizer.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Lemmatizer {
    rules: Vec<Rule>,
    /// `UPOS \u{1} lowercased suffix` -> rule index.
    by_suffix: HashMap<String, u32>,
    /// `UPOS \u{1} lowercased form` -> lemma.
    exceptions: HashMap<String, String>,
}

/// The key of a (UPOS, text) pair in the lemmatizer's maps, built in `buf`.
fn key_into<'b>(buf: &'b mut String, upos: &str, text: &str) -> &'b str {
    buf.clear();
    buf.push_str(upos);
    buf.push('\u{1}');
    buf.push_str(text);
    buf
}

fn split_key(k: &str) -> (&str, &str) {
    k.split_once('\u{1}').unwrap_or((k, ""))
}

fn suffix(s: &str, k: usize) -> Option<String> {
    let n = s.chars().count();
    (k <= n).then(|| s.chars().skip(n - k).collect())
}

impl Lemmatizer {
    /// Learns from (form, UPOS, lemma) triples.
    pub(crate) fn learn<'a>(words: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        // counts of rules per (upos, suffix), and of lemmas per (upos, form)
        let mut suffix_rules: BTreeMap<(String, String), BTreeMap<Rule, u32>> = BTreeMap::new();
        let mut form_lemmas: BTreeMap<(String, String), BTreeMap<String, u32>> = BTreeMap::new();
        let mut forms: BTreeMap<(String, String), std::collections::BTreeSet<String>> =
            BTreeMap::new();
        for (form, upos, lemma) in words {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let lower = form.to_lowercase();
            let rule = Rule::between(form, lemma);
            // a rule is known by the suffixes it rewrites within: "cut 6, add `uffalo`"
            // (from "BUFFALO") says nothing of other words ending in "alo"
            for k in usize::from(rule.cut)..=MAX_SUFFIX {
                if let Some(s) = suffix(&lower, k) {
                    *suffix_rules
                        .entry((upos.to_string(), s))
                        .or_default()
                        .entry(rule.clone())
                        .or_default() += 1;
                }
            }
            *form_lemmas
                .entry((upos.to_string(), lower.clone()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            forms
                .entry((upos.to_string(), lower))
                .or_default()
                .insert(form.to_string());
        }
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_ids: BTreeMap<Rule, u32> = BTreeMap::new();
        let mut chosen: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (key, counts) in &suffix_rules {
            // the most frequent rule; ties to the smallest rule
            let (rule, _) = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .expect("a counted suffix has a rule");
            let next = rules.len() as u32;
            let id = *rule_ids.entry(rule.clone()).or_insert_with(|| {
                rules.push(rule.clone());
                next
            });
            chosen.insert(key.clone(), id);
        }
        // keep a suffix only where its rule differs from the one of the suffix one shorter
        let mut by_suffix = HashMap::new();
        for ((upos, s), id) in &chosen {
            let n = s.chars().count();
            let parent = if n == 0 {
                None
            } else {
                suffix(s, n - 1).and_then(|p| chosen.get(&(upos.clone(), p)))
            };
            if parent != Some(id) {
                by_suffix.insert(format!("{upos}\u{1}{s}"), *id);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            by_suffix,
            exceptions: HashMap::new(),
        };
        let mut exceptions = HashMap::new();
        for (key, counts) in &form_lemmas {
            let (lemma, _) = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .expect("a counted form has a lemma");
            // every spelling seen ("I", "i") must come out right, or the form is listed
            if forms[key].iter().any(|f| lem.by_rule(f, &key.0) != *lemma) {
                exceptions.insert(format!("{}\u{1}{}", key.0, key.1), lemma.clone());
            }
        }
        lem.exceptions = exceptions;
        lem
    }

    fn by_rule(&self, form: &str, upos: &str) -> String {
        let lower = form.to_lowercase();
        let mut buf = String::with_capacity(upos.len() + lower.len() + 1);
        self.by_rule_in(form, &lower, upos, &mut buf)
    }

    /// The rules of the known suffixes of `lower` tagged `upos`, from the longest suffix
    /// down, until `each` returns false.
    fn suffix_rules(
        &self,
        lower: &str,
        upos: &str,
        buf: &mut String,
        mut each: impl FnMut(&Rule) -> bool,
    ) {
        let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let n = starts.len();
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            let suffix = if k == 0 { "" } else { &lower[starts[n - k]..] };
            if let Some(&id) = self.by_suffix.get(key_into(buf, upos, suffix)) {
                if !each(&self.rules[id as usize]) {
                    return;
                }
            }
        }
    }

    fn by_rule_in(&self, form: &str, lower: &str, upos: &str, buf: &mut String) -> String {
        let mut out = None;
        self.suffix_rules(lower, upos, buf, |rule| {
            out = Some(rule.apply(form));
            false
        });
        out.unwrap_or_else(|| form.to_string())
    }

    /// The lemma of `form` tagged `upos`.
    pub(crate) fn lemma(&self, form: &str, upos: &str) -> String {
        let lower = form.to_lowercase();
        let mut buf = String::with_capacity(upos.len() + lower.len() + 1);
        if let Some(l) = self.exceptions.get(key_into(&mut buf, upos, &lower)) {
            return l.clone();
        }
        let l = self.by_rule_in(form, &lower, upos, &mut buf);
        if l.is_empty() {
            form.to_string()
        } else {
            l
        }
    }

    /// Every lemma the rules can give `form` tagged `upos`, most specific first: the
    /// exception, then the rule of each known suffix from the longest down. The first is
    /// [`Lemmatizer::lemma`]'s answer; the others are what a shorter suffix would say
    /// ("shelled": "shel" by "-lled" as in "travelled", "shell" by "-ed").
    pub(crate) fn candidates(&self, form: &str, upos: &str) -> Vec<String> {
        let lower = form.to_lowercase();
        let mut buf = String::with_capacity(upos.len() + lower.len() + 1);
        let mut out: Vec<String> = self
            .exceptions
            .get(key_into(&mut buf, upos, &lower))
            .cloned()
            .into_iter()
            .collect();
        // without an exception, the first rule's answer is the lemma (the form itself
        // when that answer is empty, as in `lemma`)
        let mut lemma_given = !out.is_empty();
        self.suffix_rules(&lower, upos, &mut buf, |rule| {
            let l = rule.apply(form);
            if !lemma_given {
                out.push(if l.is_empty() { form.to_string() } else { l });
                lemma_given = true;
            } else if !l.is_empty() && !out.contains(&l) {
                out.push(l);
            }
            true
        });
        if out.is_empty() {
            out.push(form.to_string());
        }
        out
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.len(self.rules.len());
        for r in &self.rules {
            w.u8(u8::from(r.lower));
            w.u8(r.cut);
            w.str(&r.append);
        }
        let mut suffixes: Vec<_> = self.by_suffix.iter().collect();
        suffixes.sort();
        w.len(suffixes.len());
        for (key, id) in suffixes {
            let (upos, s) = split_key(key);
            w.str(upos);
            w.str(s);
            w.u32(*id);
        }
        let mut exceptions: Vec<_> = self.exceptions.iter().collect();
        exceptions.sort();
        w.len(exceptions.len());
        for (key, lemma) in exceptions {
            let (upos, form) = split_key(key);
            w.str(upos);
            w.str(form);
            w.str(lemma);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> ReadResult<Lemmatizer> {
        let what = "lemmatizer";
        let n = r.len(6, what)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let lower = r.u8(what)? != 0;
            let cut = r.u8(what)?;
            let append = r.str(what)?;
            rules.push(Rule { lower, cut, append });
        }
        let n = r.len(12, what)?;
        let mut by_suffix = HashMap::with_capacity(n);
        for _ in 0..n {
            let upos = r.str(what)?;
            let s = r.str(what)?;
            let id = r.u32(what)?;
            if id as usize >= rules.len() {
                return Err("corrupt: lemmatizer names a rule it does not have".to_string());
            }
            by_suffix.insert(format!("{upos}\u{1}{s}"), id);
        }
        let n = r.len(12, what)?;
        let mut exceptions = HashMap::with_capacity(n);
        for _ in 0..n {
            let upos = r.str(what)?;
            let form = r.str(what)?;
            let lemma = r.str(what)?;
            exceptions.insert(format!("{upos}\u{1}{form}"), lemma);
        }
        Ok(Lemmatizer {
            rules,
            by_suffix,
            exceptions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_rules_and_exceptions() {
        let data = [
            ("walked", "VERB", "walk"),
            ("talked", "VERB", "talk"),
            ("jumped", "VERB", "jump"),
            ("went", "VERB", "go"),
            ("Cities", "NOUN", "city"),
            ("parties", "NOUN", "party"),
            ("The", "DET", "the"),
            ("Rome", "PROPN", "Rome"),
        ];
        let l = Lemmatizer::learn(data.iter().copied());
        assert_eq!(l.lemma("backed", "VERB"), "back");
        assert_eq!(l.lemma("went", "VERB"), "go");
        assert_eq!(l.lemma("armies", "NOUN"), "army");
        assert_eq!(l.lemma("Ladies", "NOUN"), "lady");
        assert_eq!(l.lemma("Paris", "PROPN"), "Paris");
        // a rule is not used beyond the suffix it was seen to rewrite
        let odd = Lemmatizer::learn(
            [("BUFFALO", "PROPN", "Buffalo"), ("Rome", "PROPN", "Rome")]
                .iter()
                .copied(),
        );
        assert_eq!(odd.lemma("Dagalo", "PROPN"), "Dagalo");
        let mut w = Writer::default();
        l.write(&mut w);
        let back = Lemmatizer::read(&mut Reader::new(&w.buf)).unwrap();
        assert_eq!(back, l);
        assert!(Lemmatizer::read(&mut Reader::new(&w.buf[..w.buf.len() - 3])).is_err());
    }

    #[test]
    fn candidates_run_from_the_longest_suffix_down() {
        let data = [
            ("travelled", "VERB", "travel"),
            ("labelled", "VERB", "label"),
            ("walked", "VERB", "walk"),
            ("talked", "VERB", "talk"),
        ];
        let l = Lemmatizer::learn(data.iter().copied());
        // "-lled" says cut three, "-ed" cut two
        assert_eq!(l.lemma("shelled", "VERB"), "shel");
        assert_eq!(l.candidates("shelled", "VERB"), ["shel", "shell"]);
        // the first candidate is always the lemma, and none repeats
        assert_eq!(l.candidates("walked", "VERB"), ["walk"]);
    }
}
