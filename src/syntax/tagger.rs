//! Part-of-speech tagging: which UPOS and XPOS does each word take?
//!
//! Greedy left to right with an averaged perceptron; a tag is the pair (UPOS, XPOS), so
//! the two never disagree. Features are the word, its affixes and shape, its neighbours
//! two either side, and the two tags already chosen.

use super::perceptron::{best, finish, hash_str, mix, Rng, Trainer, Weights};
use super::Hint;

/// What the tagger and the parser know of a word before tagging: hashes of its
/// normalised form, affixes and shape.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lexical {
    /// The lowercased form, digits as `0`.
    pub(crate) form: u64,
    pub(crate) suffix1: u64,
    pub(crate) suffix2: u64,
    pub(crate) suffix3: u64,
    pub(crate) suffix4: u64,
    pub(crate) prefix1: u64,
    pub(crate) prefix2: u64,
    /// Character classes with runs collapsed (`Xx`, `d.d`, `x-x`).
    pub(crate) shape: u64,
    /// Bits: 1 capitalised, 2 all caps, 4 has a digit, 8 has a hyphen, 16 has a letter.
    pub(crate) flags: u64,
}

/// The normalised form of a word for features: lowercase, every digit `0`.
pub(crate) fn norm(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

impl Lexical {
    pub(crate) fn of(word: &str) -> Lexical {
        let n = norm(word);
        // byte offsets of the last four characters, and the ends of the first two
        let starts: Vec<usize> = n.char_indices().map(|(i, _)| i).collect();
        let suffix = |k: usize| -> u64 {
            if starts.len() < k {
                0
            } else {
                hash_str(&n[starts[starts.len() - k]..])
            }
        };
        let prefix = |k: usize| -> u64 {
            if starts.len() < k {
                0
            } else {
                hash_str(&n[..starts.get(k).copied().unwrap_or(n.len())])
            }
        };
        let mut shape = String::new();
        let mut last = ' ';
        let mut flags = 0u64;
        let mut all_upper = true;
        let mut any_letter = false;
        for (i, c) in word.chars().enumerate() {
            let class = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            };
            if c.is_alphabetic() {
                any_letter = true;
                if !c.is_uppercase() {
                    all_upper = false;
                }
            }
            if i == 0 && c.is_uppercase() {
                flags |= 1;
            }
            if c.is_numeric() {
                flags |= 4;
            }
            if c == '-' {
                flags |= 8;
            }
            if class != last && shape.len() < 12 {
                shape.push(class);
            }
            last = class;
        }
        if any_letter {
            flags |= 16;
            if all_upper {
                flags |= 2;
            }
        }
        Lexical {
            form: hash_str(&n),
            suffix1: suffix(1),
            suffix2: suffix(2),
            suffix3: suffix(3),
            suffix4: suffix(4),
            prefix1: prefix(1),
            prefix2: prefix(2),
            shape: hash_str(&shape),
            flags,
        }
    }
}

/// Stand-ins for the words before the first and after the last.
const START: Lexical = Lexical {
    form: 0x5354_4152_5431,
    suffix1: 1,
    suffix2: 1,
    suffix3: 1,
    suffix4: 1,
    prefix1: 1,
    prefix2: 1,
    shape: 1,
    flags: 1 << 10,
};
const END: Lexical = Lexical {
    form: 0x454e_4431,
    suffix1: 2,
    suffix2: 2,
    suffix3: 2,
    suffix4: 2,
    prefix1: 2,
    prefix2: 2,
    shape: 2,
    flags: 1 << 11,
};
/// The tag before the first word.
const NO_TAG: u64 = 0xffff;

/// The features of word `i`, given the tags of the words before it and, in the second
/// pass, the first pass's tags of every word (`ahead`).
fn features(
    words: &[Lexical],
    title: u64,
    tags: &[u16],
    ahead: Option<&[u16]>,
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |k: isize| -> &Lexical {
        let j = i as isize + k;
        if j < 0 {
            &START
        } else if j as usize >= words.len() {
            &END
        } else {
            &words[j as usize]
        }
    };
    let tag = |k: usize| -> u64 {
        if i >= k {
            u64::from(tags[i - k])
        } else {
            NO_TAG
        }
    };
    let w = at(0);
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (tag(1), tag(2));
    let mut f = |template: u64, values: &[u64]| {
        let mut h = template.wrapping_mul(0x1000_0000_01b3);
        for v in values {
            h = mix(h, *v);
        }
        out.push(finish(h));
    };
    f(1, &[]);
    f(2, &[w.form]);
    f(3, &[w.suffix1]);
    f(4, &[w.suffix2]);
    f(5, &[w.suffix3]);
    f(6, &[w.suffix4]);
    f(7, &[w.prefix1]);
    f(8, &[w.prefix2]);
    f(9, &[w.shape]);
    f(10, &[w.flags, u64::from(i == 0)]);
    f(11, &[t1]);
    f(12, &[t2, t1]);
    f(13, &[t1, w.form]);
    f(14, &[p1.form]);
    f(15, &[p1.suffix3]);
    f(16, &[p2.form]);
    f(17, &[n1.form]);
    f(18, &[n1.suffix3]);
    f(19, &[n2.form]);
    f(20, &[p1.form, w.form]);
    f(21, &[w.form, n1.form]);
    f(22, &[t1, w.suffix3]);
    f(23, &[n1.shape, w.shape]);
    f(24, &[p1.shape, w.shape]);
    f(25, &[t1, n1.form]);
    f(26, &[n1.suffix2]);
    f(27, &[p1.suffix2]);
    f(28, &[w.shape, w.suffix3]);
    f(29, &[n2.suffix3]);
    f(30, &[p2.suffix3]);
    // capitals next to capitals: names, and headlines in title case
    f(31, &[w.flags & 3, p1.flags & 3, n1.flags & 3]);
    f(32, &[w.flags & 3, title]);
    f(33, &[w.form, title]);
    if let Some(first) = ahead {
        let at = |k: isize| -> u64 {
            let j = i as isize + k;
            if j < 0 || j as usize >= first.len() {
                NO_TAG + 1
            } else {
                u64::from(first[j as usize])
            }
        };
        let (a0, a1, a2) = (at(0), at(1), at(2));
        f(40, &[a0]);
        f(41, &[a1]);
        f(42, &[a1, a2]);
        f(43, &[t1, a1]);
        f(44, &[a1, w.form]);
        f(45, &[a0, a1]);
        f(46, &[a1, w.suffix3]);
        f(47, &[t1, a0, a1]);
    }
}

/// Whether most words with letters start with a capital (a headline or title), 0 or 1.
fn title_case(words: &[Lexical]) -> u64 {
    let lettered = words.iter().filter(|w| w.flags & 16 != 0).count();
    let capital = words.iter().filter(|w| w.flags & 17 == 17).count();
    u64::from(lettered >= 3 && capital * 3 > lettered * 2)
}

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tagger {
    /// Each tag as `UPOS\tXPOS`.
    pub(crate) tags: Vec<String>,
    pub(crate) weights: Weights,
    /// The second pass, which also sees the first pass's tags to the right.
    pub(crate) second: Weights,
}

impl Tagger {
    /// The tag (an index into `tags`) of every word.
    pub(crate) fn tag(&self, words: &[Lexical]) -> Vec<u16> {
        self.tag_content(words, &[])
    }

    /// Like [`Tagger::tag`], but each word takes only a tag its hint allows (missing
    /// hints are free): a content word a noun, proper noun, verb or adjective, a name a
    /// proper noun.
    pub(crate) fn tag_content(&self, words: &[Lexical], hints: &[Hint]) -> Vec<u16> {
        let first = self.pass(&self.weights, words, None, hints);
        if self.second.is_empty() {
            return first;
        }
        self.pass(&self.second, words, Some(&first), hints)
    }

    /// The first pass only.
    pub(crate) fn tag_first(&self, words: &[Lexical]) -> Vec<u16> {
        self.pass(&self.weights, words, None, &[])
    }

    fn pass(
        &self,
        weights: &Weights,
        words: &[Lexical],
        ahead: Option<&[u16]>,
        hints: &[Hint],
    ) -> Vec<u16> {
        let mut tags = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0i32; weights.classes()];
        let title = title_case(words);
        let upos = |c: usize| self.tags[c].split('\t').next();
        let allowed = |hint: Hint, c: usize| match hint {
            Hint::Free => true,
            Hint::Content => matches!(upos(c), Some("NOUN" | "PROPN" | "VERB" | "ADJ")),
            Hint::Name => upos(c) == Some("PROPN"),
        };
        for i in 0..words.len() {
            features(words, title, &tags, ahead, i, &mut feats);
            weights.score(&feats, &mut scores);
            let hint = hints.get(i).copied().unwrap_or_default();
            let t = best(&scores, |c| c < self.tags.len() && allowed(hint, c))
                .or_else(|| best(&scores, |c| c < self.tags.len()))
                .unwrap_or(0);
            tags.push(t as u16);
        }
        tags
    }
}

/// One training sentence for the tagger: its words and gold tags.
pub(crate) struct Example {
    pub(crate) words: Vec<Lexical>,
    pub(crate) tags: Vec<u16>,
    /// For the second pass: the first pass's tags (from a tagger that never saw it).
    pub(crate) ahead: Option<Vec<u16>>,
}

/// Trains for `epochs` passes, shuffling with `seed`; `report` hears each epoch's
/// training accuracy and the averaged weights, to score on a development set.
pub(crate) fn train(
    tags: Vec<String>,
    examples: &[&Example],
    epochs: usize,
    seed: u64,
    prune: f32,
    mut report: impl FnMut(usize, f64, &Weights),
) -> Tagger {
    let mut trainer = Trainer::new(tags.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0.0f32; tags.len()];
    // the averaged weights of the last epoch are the model
    let mut last = None;
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let ex = &examples[k];
            let mut guessed: Vec<u16> = Vec::with_capacity(ex.words.len());
            let title = title_case(&ex.words);
            for i in 0..ex.words.len() {
                features(
                    &ex.words,
                    title,
                    &guessed,
                    ex.ahead.as_deref(),
                    i,
                    &mut feats,
                );
                trainer.score(&feats, &mut scores);
                let g = best(&scores, |_| true).unwrap_or(0);
                let truth = ex.tags[i] as usize;
                trainer.update(&feats, truth, g);
                trainer.tick();
                right += usize::from(g == truth);
                total += 1;
                guessed.push(g as u16);
            }
        }
        let acc = right as f64 / total.max(1) as f64;
        let weights = trainer.averaged(prune);
        report(epoch + 1, acc, &weights);
        last = Some(weights);
    }
    Tagger {
        weights: last.unwrap_or_else(|| trainer.averaged(prune)),
        second: Trainer::new(tags.len()).averaged(0.0),
        tags,
    }
}
