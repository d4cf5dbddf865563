//! Tree operations over one parsed sentence, written once for every frame: children by
//! relation, the prepositions of a nominal, coordination, passive voice, and who the
//! subject of a clause is (control, coordination, participles, relative clauses).
//!
//! Words are 0-based here; [`Word::head`] is 1-based with 0 for the root.

use crate::syntax::Word;

/// A parsed sentence with its children lists.
#[derive(Debug)]
pub struct Tree<'w> {
    /// The words.
    pub words: &'w [Word],
    kids: Vec<Vec<usize>>,
    lemmas: Vec<String>,
}

impl<'w> Tree<'w> {
    /// The tree of `words`, each word keyed by `key(lemma, form)` in lower case.
    pub fn with_keys(words: &'w [Word], key: impl Fn(&str, &str) -> String) -> Self {
        let mut tree = Tree::new(words);
        tree.lemmas = words
            .iter()
            .map(|w| key(&w.lemma.to_lowercase(), &w.form.to_lowercase()))
            .collect();
        tree
    }

    /// The tree of `words`.
    pub fn new(words: &'w [Word]) -> Self {
        let mut kids = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if w.head > 0 && w.head <= words.len() && w.head - 1 != i {
                kids[w.head - 1].push(i);
            }
        }
        let lemmas = words.iter().map(|w| w.lemma.to_lowercase()).collect();
        Tree {
            words,
            kids,
            lemmas,
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// No word at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The head of word `i`, `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.words[i].head;
        (h > 0 && h <= self.words.len() && h - 1 != i).then(|| h - 1)
    }

    /// The full relation of word `i` to its head (`nsubj:pass`).
    pub fn rel(&self, i: usize) -> &str {
        &self.words[i].deprel
    }

    /// The relation without subtype (`nsubj`).
    pub fn base(&self, i: usize) -> &str {
        let r = self.rel(i);
        r.split_once(':').map_or(r, |(b, _)| b)
    }

    /// The lemma of word `i`, in lower case.
    pub fn lemma(&self, i: usize) -> &str {
        &self.lemmas[i]
    }

    /// The form of word `i`, as written.
    pub fn form(&self, i: usize) -> &str {
        &self.words[i].form
    }

    /// Universal part of speech.
    pub fn upos(&self, i: usize) -> &str {
        &self.words[i].upos
    }

    /// Penn part of speech.
    pub fn xpos(&self, i: usize) -> &str {
        &self.words[i].xpos
    }

    /// The children of word `i`, in sentence order.
    pub fn children(&self, i: usize) -> &[usize] {
        &self.kids[i]
    }

    /// Children of `i` whose relation (without subtype) is `base`.
    pub fn children_base<'a>(
        &'a self,
        i: usize,
        base: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&c| self.base(c) == base)
    }

    /// Children of `i` whose full relation is `rel`.
    pub fn children_rel<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    /// Does `i` have a child with full relation `rel`?
    pub fn has_rel(&self, i: usize, rel: &str) -> bool {
        self.children_rel(i, rel).next().is_some()
    }

    /// The preposition of a nominal: the lemmas of its `case` children (with their
    /// `fixed` parts), joined by spaces ("on", "because of"); empty without one.
    pub fn preposition(&self, i: usize) -> String {
        // "by Afghan and Western leaders" with "by" hung on "Afghan": the preposition
        // that opens the phrase is the phrase's
        let opening = if self.children_base(i, "case").next().is_none() {
            self.opening_adposition(i)
        } else {
            None
        };
        self.joined(self.children_base(i, "case").chain(opening), |out, w| {
            out.push_str(self.lemma(w));
        })
    }

    /// [`Tree::preposition`] as written (lower case), not by lemma: a participle used as
    /// a preposition keeps its form ("*including* B", lemmatised as the verb).
    pub fn preposition_as_written(&self, i: usize) -> String {
        self.joined(self.children_base(i, "case"), |out, w| {
            out.push_str(&self.form(w).to_lowercase());
        })
    }

    /// The `case` words `cases` with their `fixed` parts, each written by `push`, joined
    /// by spaces.
    fn joined(
        &self,
        cases: impl Iterator<Item = usize>,
        push: impl Fn(&mut String, usize),
    ) -> String {
        let mut out = String::new();
        for c in cases {
            if !out.is_empty() {
                out.push(' ');
            }
            push(&mut out, c);
            for f in self.children_rel(c, "fixed") {
                out.push(' ');
                push(&mut out, f);
            }
        }
        out
    }

    /// An adposition the parse hung inside the phrase headed by `i`, as its first word,
    /// rather than on `i` itself.
    pub fn opening_adposition(&self, i: usize) -> Option<usize> {
        let first = self.first_word(i);
        (first != i && self.base(first) == "case" && self.upos(first) == "ADP").then_some(first)
    }

    /// Is the clause headed by `v` passive ("was backed by", "backed by" as a participle)?
    pub fn is_passive(&self, v: usize) -> bool {
        self.has_rel(v, "nsubj:pass")
            || self.has_rel(v, "aux:pass")
            || self.has_rel(v, "obl:agent")
            || (self.xpos(v) == "VBN"
                && self.rel(v) == "acl"
                && !self.has_rel(v, "obj")
                && !self.has_rel(v, "nsubj"))
    }

    /// `i` and the words coordinated with it ("A, B and C"), in sentence order.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let w = out[k];
            for c in self.children_rel(w, "conj") {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The first conjunct of the coordination `i` is part of (itself if none).
    pub fn first_conjunct(&self, mut i: usize) -> usize {
        let mut steps = 0;
        while self.rel(i) == "conj" && steps < self.len() {
            match self.head(i) {
                Some(h) => i = h,
                None => break,
            }
            steps += 1;
        }
        i
    }

    /// The words that stand as the subject of the clause headed by `v`, looking through
    /// the tree when the clause has none of its own:
    /// - a coordinated verb shares the subject of the first ("attacked A and shelled B");
    /// - an open complement takes the object of its governor if it has one ("urged A to
    ///   back B"), else the governor's subject ("vowed to expel B"); `object_control`
    ///   makes adverbial clauses do the same ("accused A of arming B");
    /// - an adverbial clause takes its governor's subject ("sent advisers to support B");
    /// - a participle or relative clause modifying a noun takes the noun.
    ///
    /// Passive clauses give their passive subject; the caller swaps roles.
    pub fn subject(&self, v: usize, object_control: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
        let mut v = v;
        for _ in 0..self.len() {
            let own: Vec<usize> = self
                .children(v)
                .iter()
                .copied()
                .filter(|&c| matches!(self.rel(c), "nsubj" | "nsubj:pass" | "csubj"))
                .collect();
            if !own.is_empty() {
                return own;
            }
            let Some(h) = self.head(v) else {
                return Vec::new();
            };
            match self.rel(v) {
                "conj" => v = h,
                "xcomp" => {
                    let obj: Vec<usize> = self.children_rel(h, "obj").collect();
                    if !obj.is_empty() && !self.is_passive(h) {
                        return obj;
                    }
                    v = h;
                }
                // "accused Russia of arming B", the clause hung off the noun
                "advcl" | "acl" if matches!(self.upos(h), "NOUN" | "PROPN" | "PRON") => {
                    return vec![h];
                }
                "advcl" => {
                    if object_control(h, v) {
                        let obj: Vec<usize> = self.children_rel(h, "obj").collect();
                        if !obj.is_empty() {
                            return obj;
                        }
                    }
                    v = h;
                }
                // a finite relative clause with no subject of its own names it by a
                // relative word ("groups that have gone after B", the word maybe misread
                // as a subordinator); with neither, the parse has joined two clauses wrongly
                "acl:relcl"
                    if !self.children(v).iter().any(|&c| {
                        matches!(self.xpos(c), "WDT" | "WP") || self.base(c) == "mark"
                    }) =>
                {
                    return Vec::new();
                }
                "acl" | "acl:relcl" => {
                    // "forces backing Haftar": the noun is the subject (for a passive
                    // participle, the passive subject)
                    return vec![h];
                }
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// Is word `i` a relative pronoun standing for the noun its clause modifies?
    pub fn relative_antecedent(&self, i: usize) -> Option<usize> {
        if !matches!(self.xpos(i), "WDT" | "WP" | "WP$") && self.upos(i) != "PRON" {
            return None;
        }
        if !matches!(self.xpos(i), "WDT" | "WP" | "WP$") {
            return None;
        }
        // the clause of the pronoun, up through its own nominals
        let mut c = self.head(i)?;
        for _ in 0..4 {
            if self.rel(c) == "acl:relcl" {
                return self.head(c);
            }
            c = self.head(c)?;
        }
        None
    }

    /// The first word of the phrase headed by `i` (its leftmost descendant).
    pub fn first_word(&self, i: usize) -> usize {
        self.phrase_bounds(i).0
    }

    /// The last word of the phrase headed by `i` (its rightmost descendant).
    pub fn last_word(&self, i: usize) -> usize {
        self.phrase_bounds(i).1
    }

    /// The first and last words of the phrase headed by `i`.
    fn phrase_bounds(&self, i: usize) -> (usize, usize) {
        if self.kids[i].is_empty() {
            return (i, i);
        }
        let (mut first, mut last) = (i, i);
        let mut stack = vec![i];
        let mut seen = 0;
        while let Some(w) = stack.pop() {
            seen += 1;
            if seen > self.len() {
                break; // a cycle: no parse has one, but a tree is built from any words
            }
            first = first.min(w);
            last = last.max(w);
            stack.extend(self.children(w).iter().copied());
        }
        (first, last)
    }

    /// Byte span of the words `from..=to` in the sentence.
    pub fn span(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        self.words[from].span.start..self.words[to].span.end
    }
}

/// Mends a parse the way news prose needs it, in six steps. Heads stay within the
/// sentence and no step can make a cycle.
///
/// 1. A verb or adjective with a determiner or a possessor of its own is a noun the
///    tagger misread ("condemned the Israeli *airstrikes*", "joined Somalia's
///    *offensive*"): verbs and adjectives take neither in Universal Dependencies (an
///    epithet in a name, "Peter the Great", stays).
/// 2. A participle modifier right after a noun modifies that noun, the nearest
///    attachment ("our answer to the regime *supplying* Russia"), unless the noun hangs
///    below the participle.
/// 3. A name, a hyphen and a participle before a noun ("*Iran-backed* Hezbollah fired")
///    modify that noun, however the parser read them (see `hyphenated_participles`).
/// 4. A relative clause whose relative word's role is taken by another word is a
///    complement ("warned Tuesday *that* Lithuania would face consequences"; see
///    `complementiser_read_as_relative`).
/// 5. A clause opening with a relative word after a name, read as an adverbial clause,
///    is a relative clause on the name (see `relative_read_as_adverbial`).
/// 6. The parser learned from web text, e-mail among it, where a name set off by a comma
///    at the start of a sentence is often someone addressed ("John, see below"). In news
///    such a name is the subject, or the first of a list of subjects: "Mali, Burkina Faso
///    and Niger have recalled ..." (the rest of the list read as the subject), "Dagalo,
///    whose fighters ..., has accused ..." (no subject at all). A sentence-opening
///    proper-noun vocative becomes that subject, or the head of that list: it only takes
///    over the role of a child of its own head.
pub fn repair(words: &mut [Word]) {
    let n = words.len();
    for i in 0..n {
        // (a capitalised word inside the sentence is part of a name: "Peter the Great")
        let capitalised = i > 0 && words[i].form.starts_with(char::is_uppercase);
        if !matches!(words[i].upos.as_str(), "VERB" | "ADJ") || capitalised {
            continue;
        }
        let nominal = words
            .iter()
            .any(|c| c.head == i + 1 && matches!(c.deprel.as_str(), "det" | "nmod:poss"));
        if nominal {
            let w = &mut words[i];
            // ("airstrikes" read as a verb keeps its verb lemma "airstrike")
            let plural = w.form.ends_with(['s', 'S']) && !w.lemma.eq_ignore_ascii_case(&w.form);
            w.upos = "NOUN".to_string();
            w.xpos = if plural { "NNS" } else { "NN" }.to_string();
        }
    }
    // "our answer to the regime supplying Russia with drones": a participle
    // right after a noun modifies that noun (the nearest attachment), not one before it
    for i in 1..n {
        let prev = i - 1;
        let nominal = matches!(words[prev].upos.as_str(), "NOUN" | "PROPN");
        if words[i].xpos != "VBG" || words[i].deprel != "acl" || !nominal {
            continue;
        }
        // (not when the noun hangs below the participle already)
        if !below(words, prev, i) {
            words[i].head = prev + 1;
        }
    }
    hyphenated_participles(words);
    complementiser_read_as_relative(words);
    relative_read_as_adverbial(words);
    let Some(w) = (0..n).find(|&i| words[i].deprel == "vocative") else {
        return;
    };
    // the name opens the sentence (its other words hang off it) and a comma ends it
    let opens = (0..w).all(|k| words[k].head == w + 1);
    let comma = words.get(w + 1).is_some_and(|c| c.form == ",");
    let v = words[w].head;
    if words[w].upos != "PROPN" || !opens || !comma || v == 0 || v > n || v == w + 1 {
        return;
    }
    let subject = (w + 1..n).find(|&k| words[k].head == v && words[k].deprel.starts_with("nsubj"));
    match subject {
        None => {
            let passive = words.iter().any(|c| c.head == v && c.deprel == "aux:pass");
            words[w].deprel = if passive { "nsubj:pass" } else { "nsubj" }.to_string();
        }
        // a list only: "Mali, Burkina Faso and Niger", not "John, you are wrong"
        Some(s) if words.iter().any(|c| c.head == s + 1 && c.deprel == "conj") => {
            words[w].deprel = std::mem::replace(&mut words[s].deprel, "conj".to_string());
            words[s].head = w + 1;
        }
        Some(_) => {}
    }
}

/// "Moscow warned Tuesday that Lithuania would face consequences": the parser may read
/// the clause as a relative clause on the word before it, with the relative word as its
/// object or subject. When the clause already has another dependent in that role, no
/// word is missing from it and it cannot be relative: the relative word is the
/// complementiser (`mark`) and the clause is the complement (`ccomp`) of the verb whose
/// object the word before it is.
fn complementiser_read_as_relative(words: &mut [Word]) {
    let n = words.len();
    for r in 0..n {
        if words[r].deprel != "acl:relcl" {
            continue;
        }
        let noun = words[r].head;
        let Some(verb) = noun.checked_sub(1).map(|k| words[k].head) else {
            continue;
        };
        let object = noun > 0 && matches!(words[noun - 1].deprel.as_str(), "obj" | "iobj");
        if !object || verb == 0 || !matches!(words[verb - 1].upos.as_str(), "VERB" | "AUX") {
            continue;
        }
        // the clause's first word, a relative determiner in a core role
        let Some(first) = (0..r).find(|&k| words[k].head == r + 1) else {
            continue;
        };
        let role = words[first].deprel.clone();
        let core = matches!(role.as_str(), "obj" | "nsubj");
        if words[first].xpos != "WDT" || !core || first != noun {
            continue;
        }
        let doubled =
            (0..n).any(|k| k != first && words[k].head == r + 1 && words[k].deprel == role);
        if !doubled {
            continue;
        }
        words[first].deprel = "mark".to_string();
        words[first].upos = "SCONJ".to_string();
        words[first].xpos = "IN".to_string();
        words[r].head = verb;
        words[r].deprel = "ccomp".to_string();
    }
}

/// "Eritrea, whose troops fought alongside them, was not represented": a clause that
/// opens with a relative word (`WP$`, `WP`, `WDT`) right after a noun or name (and a
/// comma) is a relative clause on that noun, which the parser may read as an adverbial
/// clause of the main verb. Nothing changes when the result would not be a tree.
fn relative_read_as_adverbial(words: &mut [Word]) {
    let n = words.len();
    for x in 0..n {
        if words[x].deprel != "advcl" {
            continue;
        }
        // (the clause between a subject and its verb, as in the example: one after
        // the main clause may be a relative clause on the whole of it)
        if words[x].head == 0 || x + 1 >= words[x].head {
            continue;
        }
        // its first word, past the comma that opens it
        let Some(first) = (0..=x).find(|&k| below(words, k, x) && words[k].upos != "PUNCT") else {
            continue;
        };
        let role = words[first].deprel.as_str();
        let relative = matches!(words[first].xpos.as_str(), "WP$" | "WP" | "WDT")
            && matches!(role, "nsubj" | "nsubj:pass" | "obj" | "nmod:poss");
        if !relative || first == 0 {
            continue;
        }
        let mut noun = first - 1;
        if words[noun].upos == "PUNCT" && noun > 0 {
            noun -= 1;
        }
        if !matches!(words[noun].upos.as_str(), "NOUN" | "PROPN") || below(words, noun, x) {
            continue;
        }
        // the name's head when the noun is its last word ("Burkina Faso, whose ...")
        let mut head = noun;
        for _ in 0..n {
            let up = words[head].head;
            if !matches!(words[head].deprel.as_str(), "flat" | "compound") || up == 0 || up > first
            {
                break;
            }
            head = up - 1;
        }
        let before = (words[x].head, words[x].deprel.clone());
        words[x].head = head + 1;
        words[x].deprel = "acl:relcl".to_string();
        if !is_tree(words) {
            words[x].head = before.0;
            words[x].deprel = before.1;
        }
    }
}

/// Do the heads make one tree: a single root that every word hangs below?
fn is_tree(words: &[Word]) -> bool {
    let mut roots = (0..words.len()).filter(|&r| words[r].head == 0);
    match (roots.next(), roots.next()) {
        (Some(root), None) => (0..words.len()).all(|k| below(words, k, root)),
        _ => false,
    }
}

/// Is word `k` (0-based) inside the phrase headed by word `top` (0-based)?
fn below(words: &[Word], k: usize, top: usize) -> bool {
    let mut x = k;
    for _ in 0..=words.len() {
        if x == top {
            return true;
        }
        match words[x].head {
            0 => return false,
            h => x = h - 1,
        }
    }
    false
}

/// "Iran-backed Hezbollah fired rockets": a name (or a noun or adjective), a hyphen
/// written against both, a participle and the noun right after it are one modifier of that noun. The parser
/// often reads the name and the participle as a phrase or clause of their own: the
/// participle the root or a modifier of the name, the noun its object, a second subject,
/// or the subject of a verb coordinated with the participle. All become the usual shape:
/// the participle a modifier (`amod`) of the noun, the name hung on the participle. The
/// role the pair held goes to the noun when the noun hung inside the pair's phrase, or to
/// the verb coordinated with them that holds the noun (the real clause); their other
/// dependents follow. Nothing changes when the result would not be a tree.
fn hyphenated_participles(words: &mut [Word]) {
    let n = words.len();
    for c in 2..n.saturating_sub(1) {
        let (x, hy, y) = (c - 2, c - 1, c + 1);
        let joined = words[hy].xpos == "HYPH"
            && words[x].span.end == words[hy].span.start
            && words[hy].span.end == words[c].span.start;
        let participle = matches!(words[c].xpos.as_str(), "VBN" | "VBD");
        if !joined
            || !participle
            || !matches!(words[x].upos.as_str(), "PROPN" | "NOUN" | "ADJ")
            || !matches!(words[y].upos.as_str(), "NOUN" | "PROPN")
            || words[c].head == y + 1
        {
            continue;
        }
        // the one of the pair the other hangs below
        let top = if below(words, c, x) {
            x
        } else if below(words, x, c) {
            c
        } else {
            continue;
        };
        let in_pair = |h: usize| h == x + 1 || h == c + 1;
        // who takes the pair's place: the noun hung on the pair, the coordinated verb
        // above the noun, or (the noun elsewhere) no one
        let heir = if in_pair(words[y].head) && words[y].deprel != "conj" {
            Some(y)
        } else if below(words, y, top) {
            (0..n).find(|&k| {
                k != x
                    && k != c
                    && in_pair(words[k].head)
                    && words[k].deprel == "conj"
                    && below(words, y, k)
            })
        } else {
            None
        };
        if below(words, y, top) && heir.is_none() {
            continue;
        }
        let before = words.to_vec();
        let (head, deprel) = (words[top].head, words[top].deprel.clone());
        let inherits = heir.unwrap_or(y);
        for (k, w) in words.iter_mut().enumerate() {
            if in_pair(w.head) && ![x, hy, c, inherits].contains(&k) {
                w.head = inherits + 1;
            }
        }
        if let Some(h) = heir {
            words[h].head = head;
            words[h].deprel = deprel;
        }
        words[c].head = y + 1;
        words[c].deprel = "amod".to_string();
        words[x].head = c + 1;
        words[x].deprel = "obl:unmarked".to_string();
        words[hy].head = x + 1;
        if !is_tree(words) {
            words.clone_from_slice(&before);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words from (form, upos, xpos, head, deprel), spans left empty.
    fn words(rows: &[(&str, &str, &str, usize, &str)]) -> Vec<Word> {
        rows.iter()
            .map(|&(form, upos, xpos, head, deprel)| Word {
                form: form.into(),
                span: 0..0,
                lemma: form.to_lowercase(),
                upos: upos.into(),
                xpos: xpos.into(),
                head,
                deprel: deprel.into(),
            })
            .collect()
    }

    #[test]
    fn a_relative_clause_without_subject_or_relative_word_has_no_subject() {
        let no_control = |_: usize, _: usize| false;
        // "groups that struck ports": the relative word's clause is the noun's
        let with = words(&[
            ("groups", "NOUN", "NNS", 0, "root"),
            ("that", "PRON", "WDT", 3, "mark"),
            ("struck", "VERB", "VBD", 1, "acl:relcl"),
            ("ports", "NOUN", "NNS", 3, "obj"),
        ]);
        assert_eq!(Tree::new(&with).subject(2, &no_control), vec![0]);
        // "groups ... struck ports" joined by a misparse: no subject
        let without = words(&[
            ("groups", "NOUN", "NNS", 0, "root"),
            ("has", "AUX", "VBZ", 3, "aux"),
            ("struck", "VERB", "VBN", 1, "acl:relcl"),
            ("ports", "NOUN", "NNS", 3, "obj"),
        ]);
        assert!(Tree::new(&without).subject(2, &no_control).is_empty());
        // a participle modifier keeps its noun as subject: "forces backing Haftar"
        let participle = words(&[
            ("forces", "NOUN", "NNS", 0, "root"),
            ("backing", "VERB", "VBG", 1, "acl"),
            ("Haftar", "PROPN", "NNP", 2, "obj"),
        ]);
        assert_eq!(Tree::new(&participle).subject(1, &no_control), vec![0]);
    }

    #[test]
    fn a_relative_clause_with_no_missing_word_is_a_complement() {
        // "Rome warned Friday that Malta would face costs": "that" read as the object of
        // a clause that has its object already
        let mut w = words(&[
            ("Rome", "PROPN", "NNP", 2, "nsubj"),
            ("warned", "VERB", "VBD", 0, "root"),
            ("Friday", "PROPN", "NNP", 2, "obj"),
            ("that", "PRON", "WDT", 7, "obj"),
            ("Malta", "PROPN", "NNP", 7, "nsubj"),
            ("would", "AUX", "MD", 7, "aux"),
            ("face", "VERB", "VB", 3, "acl:relcl"),
            ("costs", "NOUN", "NNS", 7, "obj"),
        ]);
        repair(&mut w);
        assert_eq!(
            (w[3].deprel.as_str(), w[3].upos.as_str()),
            ("mark", "SCONJ")
        );
        assert_eq!((w[6].head, w[6].deprel.as_str()), (2, "ccomp"));
        // a real relative clause lacks the word the relative word stands for: "Rome
        // praised the pact that Malta signed"
        let mut r = words(&[
            ("Rome", "PROPN", "NNP", 2, "nsubj"),
            ("praised", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 4, "det"),
            ("pact", "NOUN", "NN", 2, "obj"),
            ("that", "PRON", "WDT", 7, "obj"),
            ("Malta", "PROPN", "NNP", 7, "nsubj"),
            ("signed", "VERB", "VBD", 4, "acl:relcl"),
        ]);
        let before = r.clone();
        repair(&mut r);
        assert_eq!(r, before);
        // the same with the relative word as a second subject: "... Friday that Malta
        // would pay", "that" read as a subject
        let mut s = words(&[
            ("Rome", "PROPN", "NNP", 2, "nsubj"),
            ("warned", "VERB", "VBD", 0, "root"),
            ("Friday", "PROPN", "NNP", 2, "obj"),
            ("that", "PRON", "WDT", 7, "nsubj"),
            ("Malta", "PROPN", "NNP", 7, "nsubj"),
            ("would", "AUX", "MD", 7, "aux"),
            ("pay", "VERB", "VB", 3, "acl:relcl"),
        ]);
        repair(&mut s);
        assert_eq!((s[6].head, s[6].deprel.as_str()), (2, "ccomp"));
    }

    #[test]
    fn a_clause_opening_with_a_relative_word_after_a_name_is_relative() {
        // "Chad , whose troops left , was absent": the clause read as adverbial
        let mut w = words(&[
            ("Chad", "PROPN", "NNP", 8, "nsubj"),
            (",", "PUNCT", ",", 1, "punct"),
            ("whose", "PRON", "WP$", 4, "nmod:poss"),
            ("troops", "NOUN", "NNS", 5, "nsubj"),
            ("left", "VERB", "VBD", 8, "advcl"),
            (",", "PUNCT", ",", 8, "punct"),
            ("was", "AUX", "VBD", 8, "cop"),
            ("absent", "ADJ", "JJ", 0, "root"),
        ]);
        repair(&mut w);
        assert_eq!((w[4].head, w[4].deprel.as_str()), (1, "acl:relcl"));
        // the same with the opening comma inside the clause, as the parser hangs it
        let mut c = words(&[
            ("Chad", "PROPN", "NNP", 8, "nsubj"),
            (",", "PUNCT", ",", 5, "punct"),
            ("whose", "PRON", "WP$", 4, "nmod:poss"),
            ("troops", "NOUN", "NNS", 5, "nsubj"),
            ("left", "VERB", "VBD", 8, "advcl"),
            (",", "PUNCT", ",", 8, "punct"),
            ("was", "AUX", "VBD", 8, "cop"),
            ("absent", "ADJ", "JJ", 0, "root"),
        ]);
        repair(&mut c);
        assert_eq!((c[4].head, c[4].deprel.as_str()), (1, "acl:relcl"));
        // a clause after its verb stays: "Chad was absent , which Mali regretted"
        let mut after = words(&[
            ("Chad", "PROPN", "NNP", 3, "nsubj"),
            ("was", "AUX", "VBD", 3, "cop"),
            ("absent", "ADJ", "JJ", 0, "root"),
            (",", "PUNCT", ",", 7, "punct"),
            ("which", "PRON", "WDT", 7, "obj"),
            ("Mali", "PROPN", "NNP", 7, "nsubj"),
            ("regretted", "VERB", "VBD", 3, "advcl"),
        ]);
        let before = after.clone();
        repair(&mut after);
        assert_eq!(after, before);
        // an adverbial clause that opens otherwise stays: "Chad , when troops left , was
        // absent"
        let mut a = words(&[
            ("Chad", "PROPN", "NNP", 8, "nsubj"),
            (",", "PUNCT", ",", 1, "punct"),
            ("when", "ADV", "WRB", 5, "mark"),
            ("troops", "NOUN", "NNS", 5, "nsubj"),
            ("left", "VERB", "VBD", 8, "advcl"),
            (",", "PUNCT", ",", 8, "punct"),
            ("was", "AUX", "VBD", 8, "cop"),
            ("absent", "ADJ", "JJ", 0, "root"),
        ]);
        let before = a.clone();
        repair(&mut a);
        assert_eq!(a, before);
    }

    #[test]
    fn an_opening_name_read_as_someone_addressed_is_the_subject() {
        // "Kenya, whose troops left, has accused Somalia ."
        let mut w = words(&[
            ("Kenya", "PROPN", "NNP", 8, "vocative"),
            (",", "PUNCT", ",", 1, "punct"),
            ("whose", "PRON", "WP$", 4, "nmod:poss"),
            ("troops", "NOUN", "NNS", 5, "nsubj"),
            ("left", "VERB", "VBD", 1, "acl:relcl"),
            (",", "PUNCT", ",", 8, "punct"),
            ("has", "AUX", "VBZ", 8, "aux"),
            ("accused", "VERB", "VBN", 0, "root"),
            ("Somalia", "PROPN", "NNP", 8, "obj"),
        ]);
        repair(&mut w);
        assert_eq!(w[0].deprel, "nsubj");
        assert_eq!(w[0].head, 8);
    }

    #[test]
    fn an_opening_name_before_a_list_of_subjects_heads_the_list() {
        // "Chad, Niger and Mali recalled envoys"
        let mut w = words(&[
            ("Chad", "PROPN", "NNP", 6, "vocative"),
            (",", "PUNCT", ",", 1, "punct"),
            ("Niger", "PROPN", "NNP", 6, "nsubj"),
            ("and", "CCONJ", "CC", 5, "cc"),
            ("Mali", "PROPN", "NNP", 3, "conj"),
            ("recalled", "VERB", "VBD", 0, "root"),
            ("envoys", "NOUN", "NNS", 6, "obj"),
        ]);
        repair(&mut w);
        assert_eq!((w[0].head, w[0].deprel.as_str()), (6, "nsubj"));
        assert_eq!((w[2].head, w[2].deprel.as_str()), (1, "conj"));
        let tree = Tree::new(&w);
        assert_eq!(tree.conjuncts(0), vec![0, 2, 4]);
    }

    #[test]
    fn a_name_addressed_inside_the_sentence_or_before_a_subject_stays() {
        // "John, you are wrong": a subject of its own and no list
        let mut w = words(&[
            ("John", "PROPN", "NNP", 5, "vocative"),
            (",", "PUNCT", ",", 1, "punct"),
            ("you", "PRON", "PRP", 5, "nsubj"),
            ("are", "AUX", "VBP", 5, "cop"),
            ("wrong", "ADJ", "JJ", 0, "root"),
        ]);
        let before = w.clone();
        repair(&mut w);
        assert_eq!(w, before);
        // "Thanks , John": not the opening word
        let mut w = words(&[
            ("Thanks", "NOUN", "NNS", 0, "root"),
            (",", "PUNCT", ",", 3, "punct"),
            ("John", "PROPN", "NNP", 1, "vocative"),
        ]);
        let before = w.clone();
        repair(&mut w);
        assert_eq!(w, before);
    }

    #[test]
    fn a_verb_or_adjective_with_a_determiner_or_possessor_is_a_noun() {
        // "Chad condemned the Libyan airstrikes and joined Niger's offensive ."
        let mut w = words(&[
            ("Chad", "PROPN", "NNP", 2, "nsubj"),
            ("condemned", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 5, "det"),
            ("Libyan", "ADJ", "JJ", 5, "amod"),
            ("airstrikes", "VERB", "VBZ", 2, "obj"),
            ("and", "CCONJ", "CC", 7, "cc"),
            ("joined", "VERB", "VBD", 2, "conj"),
            ("Niger", "PROPN", "NNP", 10, "nmod:poss"),
            ("'s", "PART", "POS", 8, "case"),
            ("offensive", "ADJ", "JJ", 7, "obj"),
        ]);
        w[4].lemma = "airstrike".into();
        repair(&mut w);
        assert_eq!((w[4].upos.as_str(), w[4].xpos.as_str()), ("NOUN", "NNS"));
        assert_eq!((w[9].upos.as_str(), w[9].xpos.as_str()), ("NOUN", "NN"));
        // the verbs and the adjective with neither stay
        assert_eq!(w[1].upos, "VERB");
        assert_eq!(w[3].upos, "ADJ");
        assert_eq!(w[6].upos, "VERB");
    }

    #[test]
    fn a_participle_right_after_a_noun_modifies_it() {
        // "our answer to the regime arming Chad" with "arming" hung on "answer"
        let mut w = words(&[
            ("our", "PRON", "PRP$", 2, "nmod:poss"),
            ("answer", "NOUN", "NN", 0, "root"),
            ("to", "ADP", "IN", 5, "case"),
            ("the", "DET", "DT", 5, "det"),
            ("regime", "NOUN", "NN", 2, "nmod"),
            ("arming", "VERB", "VBG", 2, "acl"),
            ("Chad", "PROPN", "NNP", 6, "obj"),
        ]);
        repair(&mut w);
        assert_eq!(w[5].head, 5);
        // a noun that hangs below the participle is not made its head (no cycle)
        let mut w = words(&[
            ("forces", "NOUN", "NNS", 0, "root"),
            ("rebels", "NOUN", "NNS", 3, "nsubj"),
            ("fighting", "VERB", "VBG", 1, "acl"),
        ]);
        repair(&mut w);
        assert_eq!(w[2].head, 1);
    }

    #[test]
    fn a_hyphenated_participle_modifies_the_noun_after_it() {
        // the shape every misreading is mended into: "Chad-armed rebels" with the
        // participle on the noun and the name on the participle
        let want = |w: &[Word], noun: usize| {
            assert_eq!((w[2].head, w[2].deprel.as_str()), (noun + 1, "amod"));
            assert_eq!(w[0].head, 3);
        };
        // the participle read as the root, the noun's verb coordinated with it
        let mut w = words(&[
            ("Chad", "PROPN", "NNP", 3, "obl:unmarked"),
            ("-", "PUNCT", "HYPH", 1, "punct"),
            ("armed", "VERB", "VBN", 0, "root"),
            ("rebels", "NOUN", "NNS", 5, "nsubj"),
            ("raided", "VERB", "VBD", 3, "conj"),
            ("Niger", "PROPN", "NNP", 5, "obj"),
            (".", "PUNCT", ".", 3, "punct"),
        ]);
        repair(&mut w);
        want(&w, 3);
        assert_eq!((w[4].head, w[4].deprel.as_str()), (0, "root"));
        assert_eq!(w[6].head, 5);
        // the participle read as a modifier of the name, the noun a second subject
        let mut w = words(&[
            ("Chad", "PROPN", "NNP", 5, "nsubj"),
            ("-", "PUNCT", "HYPH", 1, "punct"),
            ("armed", "VERB", "VBN", 1, "acl"),
            ("rebels", "NOUN", "NNS", 5, "nsubj"),
            ("raided", "VERB", "VBD", 0, "root"),
        ]);
        repair(&mut w);
        want(&w, 3);
        assert_eq!((w[3].head, w[3].deprel.as_str()), (5, "nsubj"));
        // ... or the noun read as the participle's object: it takes the name's role
        let object = words(&[
            ("Chad", "PROPN", "NNP", 5, "nsubj"),
            ("-", "PUNCT", "HYPH", 1, "punct"),
            ("armed", "VERB", "VBN", 1, "acl"),
            ("rebels", "NOUN", "NNS", 3, "obj"),
            ("raided", "VERB", "VBD", 0, "root"),
        ]);
        let mut w = object.clone();
        repair(&mut w);
        want(&w, 3);
        assert_eq!((w[3].head, w[3].deprel.as_str()), (5, "nsubj"));
        // spaces around the hyphen: no compound, nothing changes
        let mut w = object;
        w[1].span = 5..6;
        let before = w.clone();
        repair(&mut w);
        assert_eq!(w, before);
    }
}
