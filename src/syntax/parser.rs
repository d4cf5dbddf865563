//! Dependency parsing: which word is the head of each word, and by which relation?
//!
//! A greedy arc-hybrid transition parser (Kuhlmann, Gómez-Rodríguez and Satta 2011) with
//! the root at the bottom of the stack, scored by an averaged perceptron over rich
//! non-local features (Zhang and Nivre 2011), and trained with the dynamic oracle and
//! exploration of Goldberg and Nivre (2013). The root may take its one dependent only
//! when the buffer is empty, so every parse has exactly one root; every word gets one
//! head; the parse takes at most 2n transitions.

use super::perceptron::{best, finish, mix, Rng, Trainer, Weights};
use super::tagger::Lexical;

const NONE: usize = usize::MAX;
const SHIFT: usize = 0;

/// Action `a`: 0 shift, `1 + 2l` left-arc with label `l`, `2 + 2l` right-arc with label `l`.
#[cfg(test)]
fn left(l: usize) -> usize {
    1 + 2 * l
}
#[inline]
fn right(l: usize) -> usize {
    2 + 2 * l
}

/// The words of one sentence as the parser sees them.
pub(crate) struct Input<'a> {
    pub(crate) words: &'a [Lexical],
    pub(crate) tags: &'a [u16],
}

#[derive(Debug, Clone)]
struct State {
    n: usize,
    stack: Vec<usize>,
    /// The first word of the buffer (1-based); the buffer is empty when `b > n`.
    b: usize,
    head: Vec<usize>,
    label: Vec<u8>,
    lc1: Vec<usize>,
    lc2: Vec<usize>,
    rc1: Vec<usize>,
    rc2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n,
            stack,
            b: 1,
            head: vec![NONE; n + 1],
            label: vec![u8::MAX; n + 1],
            lc1: vec![NONE; n + 1],
            lc2: vec![NONE; n + 1],
            rc1: vec![NONE; n + 1],
            rc2: vec![NONE; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> usize {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    fn bf(&self, k: usize) -> usize {
        let i = self.b + k;
        if i <= self.n {
            i
        } else {
            NONE
        }
    }

    /// Which of shift, left-arc and right-arc may be taken now.
    fn valid(&self) -> [bool; 3] {
        let buffer = self.b <= self.n;
        let s0_word = self.stack.len() >= 2;
        let right_ok = s0_word && (self.stack.len() >= 3 || !buffer);
        [buffer, s0_word && buffer, right_ok]
    }

    fn add_arc(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h;
        self.label[d] = l as u8;
        let bit = 1u64 << (l % 64);
        if d < h {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.lc1[h] == NONE || d < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d;
            } else if self.lc2[h] == NONE || d < self.lc2[h] {
                self.lc2[h] = d;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.rc1[h] == NONE || d > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d;
            } else if self.rc2[h] == NONE || d > self.rc2[h] {
                self.rc2[h] = d;
            }
        }
    }

    fn apply(&mut self, action: usize) {
        if action == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
        } else if action % 2 == 1 {
            let s0 = self.stack.pop().unwrap_or(0);
            self.add_arc(self.b, s0, (action - 1) / 2);
        } else {
            let s0 = self.stack.pop().unwrap_or(0);
            let s1 = *self.stack.last().unwrap_or(&0);
            self.add_arc(s1, s0, (action - 2) / 2);
        }
    }

    /// Gold arcs lost by shift, left-arc and right-arc (Goldberg and Nivre 2013).
    fn costs(&self, gold: &[usize]) -> [u32; 3] {
        let [can_shift, can_left, can_right] = self.valid();
        let mut c = [u32::MAX; 3];
        let buffer = self.b..=self.n;
        if can_shift {
            let b0 = self.b;
            let s0 = self.s(0);
            let mut cost = 0;
            for &d in &self.stack {
                if d != 0 && gold[d] == b0 {
                    cost += 1;
                }
                if d != s0 && gold[b0] == d {
                    cost += 1;
                }
            }
            c[0] = cost;
        }
        if can_left || can_right {
            let s0 = self.s(0);
            let deps_in_buffer = buffer.clone().filter(|&d| gold[d] == s0).count() as u32;
            if can_left {
                let h = gold[s0];
                let lost = h != self.b && (h == self.s(1) || buffer.contains(&h));
                c[1] = deps_in_buffer + u32::from(lost);
            }
            if can_right {
                c[2] = deps_in_buffer + u32::from(buffer.contains(&gold[s0]));
            }
        }
        c
    }
}

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parser {
    pub(crate) labels: Vec<String>,
    pub(crate) weights: Weights,
}

/// Word-level values for features: form and tag hashes, with stand-ins for the root
/// and for "no word here".
struct View<'a> {
    input: &'a Input<'a>,
    /// `punct[i]`: words without a letter or digit among words 1..=i.
    punct: Vec<u32>,
}

impl<'a> View<'a> {
    fn new(input: &'a Input<'a>) -> View<'a> {
        let mut punct = Vec::with_capacity(input.words.len() + 1);
        punct.push(0);
        let mut n = 0;
        for w in input.words {
            // flags: 4 has a digit, 16 has a letter
            n += u32::from(w.flags & (4 | 16) == 0);
            punct.push(n);
        }
        View { input, punct }
    }

    /// Punctuation strictly between words `a` and `b` (capped at 3).
    fn punct_between(&self, a: usize, b: usize) -> u64 {
        if a == NONE || b == NONE || a == 0 || b == 0 {
            return 9;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        if hi <= lo + 1 {
            return 0;
        }
        u64::from((self.punct[hi - 1] - self.punct[lo]).min(3))
    }
}

impl View<'_> {
    #[inline]
    fn w(&self, i: usize) -> u64 {
        match i {
            NONE => 0x4e4f_4e45,
            0 => 0x524f_4f54,
            _ => self.input.words[i - 1].form,
        }
    }
    #[inline]
    fn p(&self, i: usize) -> u64 {
        match i {
            NONE => 0xfffe,
            0 => 0xfffd,
            _ => u64::from(self.input.tags[i - 1]),
        }
    }
    #[inline]
    fn suffix(&self, i: usize) -> u64 {
        match i {
            NONE => 3,
            0 => 4,
            _ => self.input.words[i - 1].suffix3,
        }
    }
}

fn distance(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

fn features(st: &State, v: &View<'_>, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.bf(0), st.bf(1), st.bf(2));
    let get = |arr: &Vec<usize>, i: usize| if i == NONE { NONE } else { arr[i] };
    let lab = |i: usize| -> u64 {
        if i == NONE {
            0x1ff
        } else {
            u64::from(st.label[i])
        }
    };
    let s0l1 = get(&st.lc1, s0);
    let s0l2 = get(&st.lc2, s0);
    let s0r1 = get(&st.rc1, s0);
    let s0r2 = get(&st.rc2, s0);
    let b0l1 = get(&st.lc1, b0);
    let b0l2 = get(&st.lc2, b0);
    let s1l1 = get(&st.lc1, s1);
    let s1r1 = get(&st.rc1, s1);
    let val = |arr: &Vec<u8>, i: usize| if i == NONE { 0xff } else { u64::from(arr[i]) };
    let set = |arr: &Vec<u64>, i: usize| if i == NONE { 1 << 63 } else { arr[i] };

    let (s0w, s0p) = (v.w(s0), v.p(s0));
    let (s1w, s1p) = (v.w(s1), v.p(s1));
    let (b0w, b0p) = (v.w(b0), v.p(b0));
    let (b1w, b1p) = (v.w(b1), v.p(b1));
    let (b2w, b2p) = (v.w(b2), v.p(b2));
    let (s2w, s2p) = (v.w(s2), v.p(s2));
    let d = distance(s0, b0);
    let d2 = distance(s1, s0);

    let mut t = 0u64;
    let mut f = |values: &[u64]| {
        t += 1;
        let mut h = t.wrapping_mul(0x1000_0000_01b3);
        for x in values {
            h = mix(h, *x);
        }
        out.push(finish(h));
    };
    // single words
    f(&[s0w]);
    f(&[s0p]);
    f(&[s0w, s0p]);
    f(&[b0w]);
    f(&[b0p]);
    f(&[b0w, b0p]);
    f(&[b1w]);
    f(&[b1p]);
    f(&[b1w, b1p]);
    f(&[b2w]);
    f(&[b2p]);
    f(&[b2w, b2p]);
    f(&[s1w]);
    f(&[s1p]);
    f(&[s1w, s1p]);
    f(&[s2w]);
    f(&[s2p]);
    // pairs
    f(&[s0w, s0p, b0w, b0p]);
    f(&[s0w, s0p, b0w]);
    f(&[s0w, b0w, b0p]);
    f(&[s0w, s0p, b0p]);
    f(&[s0p, b0w, b0p]);
    f(&[s0w, b0w]);
    f(&[s0p, b0p]);
    f(&[b0p, b1p]);
    f(&[s1w, s1p, s0w, s0p]);
    f(&[s1w, s0w]);
    f(&[s1p, s0p]);
    f(&[s1p, s0w]);
    f(&[s1w, s0p]);
    f(&[s1w, s1p, s0p]);
    f(&[s1p, s0w, s0p]);
    // triples of tags
    f(&[b0p, b1p, b2p]);
    f(&[s0p, b0p, b1p]);
    f(&[s1p, s0p, b0p]);
    f(&[s2p, s1p, s0p]);
    f(&[s0p, v.p(s0l1), b0p]);
    f(&[s0p, v.p(s0r1), b0p]);
    f(&[s0p, b0p, v.p(b0l1)]);
    f(&[s1p, v.p(s1r1), s0p]);
    f(&[s1p, s0p, v.p(s0l1)]);
    f(&[s1p, s0p, v.p(s0r1)]);
    f(&[s1p, v.p(s1l1), s0p]);
    // distance
    f(&[s0w, d]);
    f(&[s0p, d]);
    f(&[b0w, d]);
    f(&[b0p, d]);
    f(&[s0w, b0w, d]);
    f(&[s0p, b0p, d]);
    f(&[s1p, s0p, d2]);
    f(&[s1w, s0w, d2]);
    f(&[s1p, s0p, b0p, d2]);
    // valency
    f(&[s0w, val(&st.nr, s0)]);
    f(&[s0p, val(&st.nr, s0)]);
    f(&[s0w, val(&st.nl, s0)]);
    f(&[s0p, val(&st.nl, s0)]);
    f(&[b0w, val(&st.nl, b0)]);
    f(&[b0p, val(&st.nl, b0)]);
    f(&[s1p, val(&st.nr, s1)]);
    f(&[s1p, val(&st.nl, s1)]);
    // children
    for (k, c) in [s0l1, s0r1, b0l1, s1r1, s0l2, s0r2, b0l2, s1l1]
        .into_iter()
        .enumerate()
    {
        let k = k as u64;
        f(&[k, v.w(c)]);
        f(&[k, v.p(c)]);
        f(&[k, lab(c)]);
    }
    f(&[s0p, v.p(s0l1), v.p(s0l2)]);
    f(&[s0p, v.p(s0r1), v.p(s0r2)]);
    f(&[b0p, v.p(b0l1), v.p(b0l2)]);
    f(&[s0p, lab(s0l1), lab(s0r1)]);
    f(&[b0p, lab(b0l1)]);
    // label sets
    f(&[s0w, set(&st.lset, s0)]);
    f(&[s0p, set(&st.lset, s0)]);
    f(&[s0w, set(&st.rset, s0)]);
    f(&[s0p, set(&st.rset, s0)]);
    f(&[b0w, set(&st.lset, b0)]);
    f(&[b0p, set(&st.lset, b0)]);
    f(&[s1p, set(&st.rset, s1)]);
    // affixes for unknown words
    f(&[v.suffix(s0), b0p]);
    f(&[s0p, v.suffix(b0)]);
    f(&[v.suffix(s1), s0p]);
    // the buffer is empty
    f(&[u64::from(b0 == NONE), s0p, s1p]);
    // punctuation in between: clause and list boundaries
    let pb = v.punct_between(s0, b0);
    let ps = v.punct_between(s1, s0);
    f(&[s0p, b0p, pb]);
    f(&[s1p, s0p, ps]);
    f(&[s0w, b0p, pb]);
    f(&[s1p, s0p, b0p, ps, pb]);
}

impl Parser {
    fn root_label(&self) -> usize {
        self.labels.iter().position(|l| l == "root").unwrap_or(0)
    }

    /// Whether action `a` may be taken in `st`.
    fn allowed(&self, st: &State, valid: [bool; 3], root: usize, a: usize) -> bool {
        if a == SHIFT {
            return valid[0];
        }
        let l = (a - 1) / 2;
        if l >= self.labels.len() {
            return false;
        }
        if a % 2 == 1 {
            valid[1] && l != root
        } else {
            // the root takes exactly its one dependent, labelled root
            valid[2] && ((st.s(1) == 0) == (l == root))
        }
    }

    /// Heads (0 for the root) and label indices of every word.
    pub(crate) fn parse(&self, input: &Input<'_>) -> (Vec<usize>, Vec<usize>) {
        let n = input.words.len();
        let mut st = State::new(n);
        let view = View::new(input);
        let root = self.root_label();
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0i32; self.weights.classes()];
        while !st.terminal() {
            features(&st, &view, &mut feats);
            self.weights.score(&feats, &mut scores);
            let valid = st.valid();
            let a = best(&scores, |a| self.allowed(&st, valid, root, a)).unwrap_or(if valid[0] {
                SHIFT
            } else {
                right(root)
            });
            st.apply(a);
        }
        let heads = st.head[1..]
            .iter()
            .map(|&h| if h == NONE { 0 } else { h })
            .collect();
        let labels = st.label[1..]
            .iter()
            .map(|&l| {
                if (l as usize) < self.labels.len() {
                    l as usize
                } else {
                    root
                }
            })
            .collect();
        (heads, labels)
    }
}

/// One training sentence for the parser.
pub(crate) struct Example {
    pub(crate) words: Vec<Lexical>,
    pub(crate) tags: Vec<u16>,
    /// Gold heads of words 1..=n at indices 1..=n (index 0 unused), projective.
    pub(crate) heads: Vec<usize>,
    /// Gold label indices, likewise.
    pub(crate) labels: Vec<usize>,
}

/// Lifts non-projective arcs (each to its head's head, shortest first) until the tree is
/// projective, so that the oracle can reach every arc. `heads[0]` is unused.
pub(crate) fn projectivize(heads: &mut [usize]) {
    let n = heads.len().saturating_sub(1);
    let dominated = |heads: &[usize], h: usize, mut k: usize| {
        let mut steps = 0;
        while k != 0 && steps <= n {
            if k == h {
                return true;
            }
            k = heads[k];
            steps += 1;
        }
        h == 0
    };
    for _ in 0..n * n + 1 {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..=n {
            let h = heads[d];
            let (lo, hi) = (h.min(d), h.max(d));
            let crossing = (lo + 1..hi).any(|k| !dominated(heads, h, k));
            if crossing && worst.is_none_or(|(_, len)| hi - lo < len) {
                worst = Some((d, hi - lo));
            }
        }
        match worst {
            Some((d, _)) => heads[d] = heads[heads[d]],
            None => return,
        }
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    pub(crate) epochs: usize,
    pub(crate) seed: u64,
    /// From this epoch on (0-based) the trainer follows its own wrong predictions...
    pub(crate) explore_from: usize,
    /// ...with this probability.
    pub(crate) explore: f64,
    pub(crate) prune: f32,
}

/// Trains the parser; `report` hears each epoch's training accuracy (share of
/// transitions that were optimal) and the averaged model.
pub(crate) fn train(
    labels: Vec<String>,
    examples: &[Example],
    settings: Settings,
    mut report: impl FnMut(usize, f64, &Parser),
) -> Parser {
    let classes = 1 + 2 * labels.len();
    let root = labels.iter().position(|l| l == "root").unwrap_or(0);
    let shell = Parser {
        labels: labels.clone(),
        weights: Trainer::new(classes).averaged(0.0),
    };
    let mut trainer = Trainer::new(classes);
    let mut rng = Rng::new(settings.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0.0f32; classes];
    let mut cost = vec![u32::MAX; classes];
    let mut last = None;
    for epoch in 0..settings.epochs {
        rng.shuffle(&mut order);
        let (mut right_moves, mut moves) = (0usize, 0usize);
        for &k in &order {
            let ex = &examples[k];
            let input = Input {
                words: &ex.words,
                tags: &ex.tags,
            };
            let view = View::new(&input);
            let mut st = State::new(ex.words.len());
            while !st.terminal() {
                features(&st, &view, &mut feats);
                trainer.score(&feats, &mut scores);
                let valid = st.valid();
                let base = st.costs(&ex.heads);
                let (s0, s1) = (st.s(0), st.s(1));
                for (a, c) in cost.iter_mut().enumerate() {
                    *c = if !shell.allowed(&st, valid, root, a) {
                        u32::MAX
                    } else if a == SHIFT {
                        base[0]
                    } else if a % 2 == 1 {
                        let l = (a - 1) / 2;
                        base[1] + u32::from(ex.heads[s0] == st.b && ex.labels[s0] != l)
                    } else {
                        let l = (a - 2) / 2;
                        base[2] + u32::from(ex.heads[s0] == s1 && ex.labels[s0] != l)
                    };
                }
                let min = *cost.iter().min().unwrap_or(&u32::MAX);
                if min == u32::MAX {
                    break; // cannot happen: a non-terminal state always has a move
                }
                let guess = best(&scores, |a| cost[a] != u32::MAX).unwrap_or(SHIFT);
                let truth = best(&scores, |a| cost[a] == min).unwrap_or(SHIFT);
                moves += 1;
                let next = if cost[guess] == min {
                    right_moves += 1;
                    guess
                } else {
                    trainer.update(&feats, truth, guess);
                    if epoch >= settings.explore_from && rng.unit() < settings.explore {
                        guess
                    } else {
                        truth
                    }
                };
                trainer.tick();
                st.apply(next);
            }
        }
        let model = Parser {
            labels: labels.clone(),
            weights: trainer.averaged(settings.prune),
        };
        report(epoch + 1, right_moves as f64 / moves.max(1) as f64, &model);
        last = Some(model);
    }
    // the averaged weights of the last epoch are the model
    last.unwrap_or_else(|| Parser {
        weights: trainer.averaged(settings.prune),
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_makes_a_crossing_tree_projective() {
        // 1 <- 3, 2 <- 4, 3 <- 0, 4 <- 1 : arc 1->4 crosses 3->... (word 2 hangs off 4)
        let mut heads = vec![0, 3, 4, 0, 1];
        projectivize(&mut heads);
        assert_eq!(heads, vec![0, 3, 1, 0, 3]);
    }

    #[test]
    fn the_oracle_reaches_every_arc_of_a_projective_tree() {
        // "A B C D": B root, A <- B, C <- D, D <- B
        let gold = vec![NONE, 2, 0, 4, 2];
        let mut st = State::new(4);
        while !st.terminal() {
            let c = st.costs(&gold);
            let kind = (0..3).find(|&k| c[k] == 0).expect("a zero-cost move");
            let a = match kind {
                0 => SHIFT,
                1 => left(0),
                _ => right(0),
            };
            st.apply(a);
        }
        assert_eq!(&st.head[1..], &[2, 0, 4, 2]);
    }
}
