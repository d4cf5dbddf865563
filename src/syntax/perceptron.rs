//! The averaged perceptron behind the tagger and the parser: sparse training weights,
//! and the compact, quantised table the model file holds and inference reads.
//!
//! A feature is a 64-bit hash. Training keeps, for each feature, only the classes it was
//! ever updated for. The compact table is open addressing on the hash with a 32-bit
//! check, each feature pointing at a row of (class, weight) pairs with weights quantised
//! to 16 bits.

use super::bytes::{ReadResult, Reader, Writer};
use std::collections::HashMap;

/// Mixes one value into a feature hash.
#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(26) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The final avalanche (MurmurHash3's fmix64), so that low bits index the table well.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A stable hash of a string (FNV-1a, finished), the same on every platform and run.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    finish(h)
}

/// A small deterministic random generator (SplitMix64) for shuffling and exploration.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finish(self.0)
    }
    /// A uniform float in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// Weights while training: raw weights for decisions, running totals for the average.
#[derive(Debug)]
pub(crate) struct Trainer {
    classes: usize,
    rows: HashMap<u64, Vec<Entry>>,
    /// Training instances seen (the averaging clock).
    time: u32,
}

impl Trainer {
    pub(crate) fn new(classes: usize) -> Self {
        Trainer {
            classes,
            rows: HashMap::new(),
            time: 0,
        }
    }

    /// Adds the raw weights of `features` to `scores` (one slot per class).
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Advances the averaging clock by one instance.
    pub(crate) fn tick(&mut self) {
        self.time += 1;
    }

    /// The perceptron update: `truth` up, `guess` down, for every feature.
    pub(crate) fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let time = self.time;
        for f in features {
            let row = self.rows.entry(*f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let i = match row.iter().position(|e| e.class as usize == class) {
                    Some(i) => i,
                    None => {
                        row.push(Entry {
                            class: class as u16,
                            weight: 0.0,
                            total: 0.0,
                            stamp: time,
                        });
                        row.len() - 1
                    }
                };
                let e = &mut row[i];
                e.total += f64::from(time - e.stamp) * f64::from(e.weight);
                e.stamp = time;
                e.weight += delta;
            }
        }
    }

    /// The averaged weights, compacted: entries whose average is below `prune` in
    /// absolute value are dropped.
    pub(crate) fn averaged(&self, prune: f32) -> Weights {
        let time = f64::from(self.time.max(1));
        let mut keys: Vec<&u64> = self.rows.keys().collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        for k in keys {
            let mut row: Vec<(u16, f32)> = self.rows[k]
                .iter()
                .map(|e| {
                    let total = e.total + f64::from(self.time - e.stamp) * f64::from(e.weight);
                    (e.class, (total / time) as f32)
                })
                .filter(|(_, w)| w.abs() >= prune && *w != 0.0)
                .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_unstable_by_key(|(c, _)| *c);
            rows.push((*k, row));
        }
        Weights::build(self.classes, &rows)
    }
}

/// Compact inference weights: an open-addressing table from feature hash to a row of
/// (class, code) pairs, where a code is a weight on a logarithmic scale of 127
/// magnitudes and a sign. The file holds the same rows, sorted by key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weights {
    classes: usize,
    /// The 127 magnitudes, in training units, smallest first.
    levels: Vec<f32>,
    /// Code -> score added, in fixed point (the largest magnitude is 2^20).
    values: Box<[i32; 256]>,
    /// Table slots: `key << 32 | row offset`, 0 for an empty slot.
    slots: Vec<u64>,
    /// Rows: a length, then `class << 8 | code` for each entry.
    rows: Vec<u16>,
}

const EMPTY: u64 = 0;
const LEVELS: usize = 127;

/// The key of a feature hash in the table: its high half, never 0.
#[inline]
fn key_of(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

/// The home slot of a key in a table of `size` slots (keys are uniform 32-bit values).
#[inline]
fn home(key: u32, size: usize) -> usize {
    ((u64::from(key) * size as u64) >> 32) as usize
}

/// Builds the table of [`Weights`] row by row, straight from decoded entries.
struct Builder {
    size: usize,
    slots: Vec<u64>,
    rows: Vec<u16>,
}

impl Builder {
    fn new(features: usize, weights: usize) -> Builder {
        // load 0.4: most lookups are of features the model never kept, and a miss ends at
        // the first empty slot; any size, the home slot is found by multiplication
        let size = (features * 5 / 2 + 1).max(16);
        let mut rows = Vec::with_capacity(1 + features + weights);
        rows.push(0); // offset 0 is never a row (0 means empty)
        Builder {
            size,
            slots: vec![EMPTY; size],
            rows,
        }
    }

    /// Adds the row of `key` (entries `class << 8 | code`); a second row with the same
    /// key (two features sharing a key, 1 in 2^31) is dropped, as is an empty row.
    fn push(&mut self, key: u32, entries: impl Iterator<Item = u16>) {
        let mut i = home(key, self.size);
        while self.slots[i] != EMPTY {
            if (self.slots[i] >> 32) as u32 == key {
                return;
            }
            i = if i + 1 == self.size { 0 } else { i + 1 };
        }
        let offset = self.rows.len();
        self.rows.push(0);
        self.rows.extend(entries);
        let len = self.rows.len() - offset - 1;
        if len == 0 {
            self.rows.pop();
            return;
        }
        self.rows[offset] = len as u16;
        self.slots[i] = (u64::from(key) << 32) | offset as u64;
    }

    fn finish(self, classes: usize, levels: Vec<f32>) -> Weights {
        let top = levels
            .iter()
            .copied()
            .fold(0.0f32, f32::max)
            .max(f32::MIN_POSITIVE);
        let mut values = Box::new([0i32; 256]);
        for (k, l) in levels.iter().enumerate() {
            let v = (f64::from(*l / top) * f64::from(1 << 20)).round() as i32;
            values[k] = v;
            values[128 + k] = -v;
        }
        Weights {
            classes,
            levels,
            values,
            slots: self.slots,
            rows: self.rows,
        }
    }
}

impl Weights {
    /// Quantises float rows (hash, [(class, weight)]) onto a logarithmic scale.
    fn build(classes: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let mags = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|(_, w)| w.abs()))
            .filter(|w| *w > 0.0);
        let (mut lo, mut hi) = (f32::INFINITY, 0.0f32);
        for m in mags {
            lo = lo.min(m);
            hi = hi.max(m);
        }
        if hi == 0.0 {
            lo = 1.0;
            hi = 1.0;
        }
        let ratio = if hi > lo {
            f64::from(hi / lo).ln() / (LEVELS - 1) as f64
        } else {
            0.0
        };
        let levels: Vec<f32> = (0..LEVELS)
            .map(|k| (f64::from(lo) * (ratio * k as f64).exp()) as f32)
            .collect();
        let code = |w: f32| -> u8 {
            let k = if ratio > 0.0 {
                (f64::from(w.abs() / lo).ln() / ratio)
                    .round()
                    .clamp(0.0, (LEVELS - 1) as f64) as u8
            } else {
                0
            };
            if w < 0.0 {
                128 + k
            } else {
                k
            }
        };
        let coded: Vec<(u32, Vec<(u8, u8)>)> = rows
            .iter()
            .map(|(h, r)| {
                let row = r
                    .iter()
                    .filter(|(_, w)| *w != 0.0)
                    .map(|(c, w)| (*c as u8, code(*w)))
                    .collect();
                (key_of(*h), row)
            })
            .collect();
        Weights::from_codes(classes, levels, &coded)
    }

    fn from_codes(classes: usize, levels: Vec<f32>, rows: &[(u32, Vec<(u8, u8)>)]) -> Weights {
        let weights = rows.iter().map(|(_, r)| r.len()).sum();
        let mut b = Builder::new(rows.len(), weights);
        for (key, row) in rows {
            b.push(
                *key,
                row.iter()
                    .map(|(c, code)| u16::from(*c) << 8 | u16::from(*code)),
            );
        }
        b.finish(classes, levels)
    }

    /// The number of classes scored.
    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// Whether there is no weight at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.len() <= 1
    }

    /// Number of features kept, and of (feature, class) weights.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let features = self.slots.iter().filter(|s| **s != EMPTY).count();
        (features, self.rows.len().saturating_sub(1 + features))
    }

    /// Scores every class (in fixed point) for these features.
    ///
    /// Two passes: first every feature's row is found (the table reads do not depend on
    /// each other, so the processor overlaps their cache misses), then the rows are added.
    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32]) {
        // classes are bytes: a table of 256 needs no bounds check in the loop below
        let mut sum = [0i32; 256];
        let size = self.slots.len();
        let mut found = [(0usize, 0usize); 160];
        let mut n = 0;
        for chunk in features.chunks(found.len()) {
            for &h in chunk {
                let key = key_of(h);
                let mut i = home(key, size);
                loop {
                    let slot = self.slots[i];
                    if slot == EMPTY {
                        break;
                    }
                    if (slot >> 32) as u32 == key {
                        // reading the row's length here starts its load early too
                        let off = slot as u32 as usize;
                        found[n] = (off, usize::from(self.rows[off]));
                        n += 1;
                        break;
                    }
                    i = if i + 1 == size { 0 } else { i + 1 };
                }
            }
            for &(off, len) in &found[..n] {
                for &e in &self.rows[off + 1..off + 1 + len] {
                    sum[usize::from(e >> 8)] += self.values[usize::from(e & 0xff)];
                }
            }
            n = 0;
        }
        for (s, v) in scores.iter_mut().zip(sum) {
            *s = v;
        }
    }

    /// Every feature's key and row, sorted by key.
    fn features(&self) -> Vec<(u32, Vec<(u8, u8)>)> {
        let mut out: Vec<(u32, Vec<(u8, u8)>)> = self
            .slots
            .iter()
            .filter(|s| **s != EMPTY)
            .map(|s| {
                let off = (s & 0xffff_ffff) as usize;
                let len = usize::from(self.rows[off]);
                let row = self.rows[off + 1..off + 1 + len]
                    .iter()
                    .map(|e| ((e >> 8) as u8, (e & 0xff) as u8))
                    .collect();
                ((s >> 32) as u32, row)
            })
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }

    /// The same weights without entries smaller than `min` (in training units).
    pub(crate) fn pruned(&self, min: f32) -> Weights {
        let rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .features()
            .into_iter()
            .map(|(key, row)| {
                let kept = row
                    .into_iter()
                    .map(|(c, code)| {
                        let m = self.levels[usize::from(code & 127).min(LEVELS - 1)];
                        (u16::from(c), if code >= 128 { -m } else { m })
                    })
                    .filter(|(_, w)| w.abs() >= min)
                    .collect();
                (u64::from(key) << 32, kept)
            })
            .filter(|(_, r): &(u64, Vec<(u16, f32)>)| !r.is_empty())
            .collect();
        Weights::build(self.classes, &rows)
    }

    /// Writes the weights: the levels, then the rows sorted by key, keys as gaps
    /// (varints), each weight as a class byte and a code byte.
    pub(crate) fn write(&self, w: &mut Writer) {
        let features = self.features();
        w.len(self.classes);
        for l in &self.levels {
            w.f32(*l);
        }
        w.len(features.len());
        let mut prev = 0u32;
        for (key, row) in &features {
            varint(w, u64::from(key - prev));
            prev = *key;
            varint(w, row.len() as u64);
            for (c, code) in row {
                w.u8(*c);
                w.u8(*code);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>, what: &str) -> ReadResult<Weights> {
        let classes = r.u32(what)? as usize;
        if classes == 0 || classes > 256 {
            return Err(format!("corrupt: {what} has a malformed header"));
        }
        let mut levels = Vec::with_capacity(LEVELS);
        for _ in 0..LEVELS {
            let l = r.f32(what)?;
            if !l.is_finite() || l < 0.0 {
                return Err(format!("corrupt: {what} has a malformed scale"));
            }
            levels.push(l);
        }
        let n = r.len(3, what)?;
        // decode straight from the bytes into the table: this loop is most of a model's
        // load time
        let bytes = r.rest();
        let mut pos = 0usize;
        let bad = |m: &str| format!("corrupt: {what} has {m}");
        let varint_at = |pos: &mut usize| -> ReadResult<u64> {
            let mut v = 0u64;
            for shift in (0..64).step_by(7) {
                let b = *bytes
                    .get(*pos)
                    .ok_or_else(|| format!("truncated: {what}"))?;
                *pos += 1;
                v |= u64::from(b & 0x7f) << shift;
                if b < 0x80 {
                    return Ok(v);
                }
            }
            Err(bad("an overlong number"))
        };
        let mut builder = Builder::new(n, bytes.len().min(n * 2 * classes) / 2);
        let mut key = 0u64;
        let mut malformed = false;
        for _ in 0..n {
            key += varint_at(&mut pos)?;
            let len = varint_at(&mut pos)? as usize;
            if key > u64::from(u32::MAX) || len == 0 || len > classes {
                return Err(bad("a malformed row"));
            }
            let pairs = bytes
                .get(pos..pos + 2 * len)
                .ok_or_else(|| format!("truncated: {what}"))?;
            pos += 2 * len;
            for p in pairs.chunks_exact(2) {
                malformed |= usize::from(p[0]) >= classes || usize::from(p[1] & 127) >= LEVELS;
            }
            builder.push(
                key as u32,
                pairs
                    .chunks_exact(2)
                    .map(|p| u16::from(p[0]) << 8 | u16::from(p[1])),
            );
        }
        if malformed {
            return Err(bad("a malformed weight"));
        }
        r.take(pos, what)?;
        Ok(builder.finish(classes, levels))
    }
}

fn varint(w: &mut Writer, mut v: u64) {
    while v >= 0x80 {
        w.u8((v as u8) | 0x80);
        v >>= 7;
    }
    w.u8(v as u8);
}

/// The best class of `scores` among those `allowed` says may be taken (first wins ties).
#[inline]
pub(crate) fn best<T: PartialOrd + Copy>(
    scores: &[T],
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|b| *s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let h = |k: u64| finish(k);
        let data = [
            (vec![h(1), h(10)], 0),
            (vec![h(2), h(10)], 1),
            (vec![h(3), h(10)], 2),
        ];
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let g = best(&scores, |_| true).unwrap();
                t.update(f, *y, g);
                t.tick();
            }
        }
        let w = t.averaged(0.0);
        let mut s = vec![0; 3];
        for (f, y) in &data {
            w.score(f, &mut s);
            assert_eq!(best(&s, |_| true), Some(*y));
        }
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf), "w").unwrap();
        assert_eq!(back, w);
        for cut in [0, 5, out.buf.len() / 2, out.buf.len() - 1] {
            assert!(Weights::read(&mut Reader::new(&out.buf[..cut]), "w").is_err());
        }
    }
}
