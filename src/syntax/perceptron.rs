//! The averaged perceptron behind the tagger and the parser: sparse training weights,
//! and the compact, quantised table the model file holds and inference reads.
//!
//! A feature is a 64-bit hash. Training keeps, for each feature, only the classes it was
//! ever updated for. The compact table ([`Weights`]) holds each feature's row of (class,
//! weight) pairs, a weight quantised to a byte, in buckets chosen by the hash and
//! searched by a 14-bit fingerprint; the model file holds the table as it is used.

use super::bytes::{ReadResult, Reader, Shared, Writer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::Arc;

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
    /// By feature hash (already finished, so the map keeps it as its hash).
    rows: HashMap<u64, Vec<Entry>, BuildHasherDefault<Finished>>,
    /// Training instances seen (the averaging clock).
    time: u32,
}

impl Trainer {
    pub(crate) fn new(classes: usize) -> Self {
        Trainer {
            classes,
            rows: HashMap::default(),
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
        Weights::build(self.classes, &rows, MAX_BITS, true)
    }
}

/// Compact inference weights, laid out so that the model file's bytes are the table
/// itself: reading checks the bytes and keeps a view of them (no copy for the model
/// compiled in); nothing is rebuilt.
///
/// A weight is a class byte and a code byte; a code is a magnitude on a logarithmic scale
/// of 127 levels and a sign. A feature hash picks one of `2^bits` buckets by its top bits
/// and is known inside its bucket by a 14-bit fingerprint, its low bits. Three sections:
///
/// | section | content |
/// | --- | --- |
/// | directory | `2^bits + 1` entries of 4 bytes: a bucket's start in the buckets `<< 6 \| its feature count` (at most 63); the last, the end of the buckets |
/// | buckets | each bucket: one word a feature (`fingerprint << 2 \| size code`, 2 bytes), sorted; then each feature's row, in the same order |
/// | long rows | the weights of rows longer than three |
///
/// Size code 0, 1, 2: the row is that many weights plus one, in the bucket; 3: the
/// bucket holds a 4-byte pointer (`first weight << 8 \| length - 1`) into the long rows.
/// Buckets hold 4 to 8 features on average (32 to 41 bytes), so a lookup reads a
/// directory entry and one or two cache lines of its bucket, where a feature the model
/// does not have ends and where most rows are. Two features of a bucket with one
/// fingerprint keep one row (the longer); a feature absent from the table matches a
/// fingerprint of its bucket about once in 2,000 to 4,000 lookups, which changes no
/// score measurably.
///
/// Weights made by training also keep their rows by hash ([`ExactRows`]) and score
/// with those, so that what training does (jackknifed tags, pruning, its reports) does
/// not depend on the fingerprints.
#[derive(Clone)]
pub(crate) struct Weights {
    classes: usize,
    /// The 127 magnitudes, in training units, smallest first.
    levels: Vec<f32>,
    /// Code -> score added, in fixed point (the largest magnitude is 2^20).
    values: Box<[i32; 256]>,
    /// log2 of the number of buckets.
    bits: u32,
    /// The bytes the sections are in: the model file's, or a table's own.
    bytes: Shared,
    sections: Sections,
    /// Training only: the rows by hash, which [`Weights::score`] then uses.
    exact: Option<Arc<ExactRows>>,
    /// The longest rows, one score per class, made when the table is read.
    dense: Arc<Dense>,
}

/// The rows of at least [`DENSE_MIN`] weights, expanded when a table is read or built into
/// one fixed-point score per class (0 for a class the row lacks), so that scoring adds
/// them a vector at a time instead of one weight at a time. Few rows are that long (2,526
/// of the shipped model's 1.2 million, 1.15 MB expanded), but they belong to features that
/// occur in almost every decision, such as the tags around the parser's stack and buffer:
/// on EWT test they hold about 80% of the weights added. Integer addition does not depend
/// on order, so the scores are the same to the bit.
#[derive(Default)]
struct Dense {
    /// Open addressing by a row's pointer (`first << 8 | length - 1`, never 0 for a row
    /// this long): (pointer, its index), pointer 0 for an empty slot; a power of two
    /// long, at most half full.
    slots: Box<[(u32, u32)]>,
    /// `width` scores a row, back to back.
    values: Box<[i32]>,
    /// The number of classes rounded up to a multiple of 8.
    width: usize,
}

/// Rows this long or longer are expanded ([`Dense`]).
const DENSE_MIN: usize = 32;

impl Dense {
    /// The slot of the row `pointer` points to, or of an empty slot where it would go.
    #[inline]
    fn slot(&self, pointer: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (pointer.wrapping_mul(0x9E37_79B1) >> 12) as usize & mask;
        while self.slots[i].0 != 0 && self.slots[i].0 != pointer {
            i = (i + 1) & mask;
        }
        i
    }

    /// Where the scores of the row `pointer` points to start in `values`, if it is
    /// expanded.
    #[inline]
    fn start(&self, pointer: u32) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let (p, k) = self.slots[self.slot(pointer)];
        (p == pointer).then_some(k as usize * self.width)
    }

    /// Expands the long rows of `pointers` (each inside `long`, checked) that hold at
    /// least [`DENSE_MIN`] weights, with `values` the score of each code.
    fn build(classes: usize, values: &[i32; 256], long: &[u8], pointers: &[u32]) -> Dense {
        let mut hot: Vec<u32> = pointers
            .iter()
            .copied()
            .filter(|p| (p & 0xff) as usize + 1 >= DENSE_MIN)
            .collect();
        hot.sort_unstable();
        hot.dedup();
        if hot.is_empty() {
            return Dense::default();
        }
        let width = classes.div_ceil(8) * 8;
        let mut dense = Dense {
            slots: vec![(0, 0); (2 * hot.len()).next_power_of_two()].into_boxed_slice(),
            values: vec![0; width * hot.len()].into_boxed_slice(),
            width,
        };
        for (k, &p) in hot.iter().enumerate() {
            let i = dense.slot(p);
            dense.slots[i] = (p, k as u32);
            let (first, len) = ((p >> 8) as usize, (p & 0xff) as usize + 1);
            let scores = &mut dense.values[k * width..(k + 1) * width];
            for e in long[2 * first..2 * (first + len)].chunks_exact(2) {
                // as the sparse sum does, a class repeated in a row adds up
                scores[usize::from(e[0])] += values[usize::from(e[1])];
            }
        }
        dense
    }
}

/// Training's rows, by the high half of the feature hash (`| 1`), each with its full hash.
/// Two hashes with the same high half keep the first row (in the order of full hashes):
/// this is how format 1 of the model file keyed its table, and keeping it keeps what
/// training learns the same as before the file's layout changed.
type ExactRows = HashMap<u32, (u64, Vec<(u8, u8)>), BuildHasherDefault<Finished>>;

/// The key of a feature hash in [`ExactRows`].
#[inline]
fn key_of(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

/// A hasher for keys that are finished 64-bit hashes already: it keeps them.
#[derive(Default)]
struct Finished(u64);

impl Hasher for Finished {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = mix(self.0, u64::from(*b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
    fn write_u32(&mut self, v: u32) {
        // spread over the high bits too, which the map also uses
        self.0 = u64::from(v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Where a table's sections are in its bytes.
#[derive(Debug, Clone)]
struct Sections {
    directory: Range<usize>,
    buckets: Range<usize>,
    long: Range<usize>,
}

/// The sections as slices.
struct Table<'a> {
    directory: &'a [u8],
    buckets: &'a [u8],
    long: &'a [u8],
}

const LEVELS: usize = 127;
/// Fingerprint bits kept in a bucket word.
const FINGERPRINT: u32 = 14;
/// The most features a bucket holds (its count has 6 bits in the directory; buckets
/// hold 4 to 8 on average, and more than 63 never happen with hashed features).
const BUCKET_MAX: usize = 63;
/// Buckets are chosen so that they hold at most this many features on average.
const BUCKET_MEAN: usize = 8;
/// The largest table: 2^24 buckets.
const MAX_BITS: u32 = 24;
/// Bytes a row takes in its bucket, by size code.
const ROW_BYTES: [usize; 4] = [2, 4, 6, 4];

/// The bucket of feature hash `h` among `2^bits` (its top bits).
#[inline]
fn bucket_of(h: u64, bits: u32) -> usize {
    (((h >> 32) << bits) >> 32) as usize
}

/// The fingerprint of feature hash `h` (its low bits).
#[inline]
fn fingerprint(h: u64) -> u16 {
    (h & ((1 << FINGERPRINT) - 1)) as u16
}

/// The little-endian `u16` at byte `at` (one bounds check, one load).
#[inline]
fn u16_at(b: &[u8], at: usize) -> u16 {
    let mut v = [0u8; 2];
    v.copy_from_slice(&b[at..at + 2]);
    u16::from_le_bytes(v)
}

/// The little-endian `u32` at byte `at`.
#[inline]
fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut v = [0u8; 4];
    v.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(v)
}

/// The little-endian `u64` at byte `at`.
#[inline]
fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut v = [0u8; 8];
    v.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(v)
}

impl PartialEq for Weights {
    /// Equal tables (what the file holds); the exact rows of training are not compared.
    fn eq(&self, other: &Weights) -> bool {
        let (a, b) = (self.table(), other.table());
        self.classes == other.classes
            && self.levels == other.levels
            && self.bits == other.bits
            && a.directory == b.directory
            && a.buckets == b.buckets
            && a.long == b.long
    }
}

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (features, weights) = self.counts();
        f.debug_struct("Weights")
            .field("classes", &self.classes)
            .field("buckets", &(1usize << self.bits))
            .field("features", &features)
            .field("weights", &weights)
            .finish()
    }
}

impl Weights {
    /// Quantises float rows (hash, [(class, weight)]) onto a logarithmic scale. With
    /// `exact`, the rows are also kept by their full hashes.
    fn build(
        classes: usize,
        rows: &[(u64, Vec<(u16, f32)>)],
        max_bits: u32,
        exact: bool,
    ) -> Weights {
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
        let coded: Vec<(u64, Vec<(u8, u8)>)> = rows
            .iter()
            .map(|(h, r)| {
                let row = r
                    .iter()
                    .filter(|(_, w)| *w != 0.0)
                    .map(|(c, w)| (*c as u8, code(*w)))
                    .collect();
                (*h, row)
            })
            .filter(|(_, r): &(u64, Vec<(u8, u8)>)| !r.is_empty())
            .collect();
        if !exact {
            return Weights::from_codes(classes, levels, &coded, max_bits);
        }
        let mut keyed = ExactRows::default();
        let mut kept = Vec::with_capacity(coded.len());
        for (h, row) in coded {
            if let std::collections::hash_map::Entry::Vacant(e) = keyed.entry(key_of(h)) {
                e.insert((h, row.clone()));
                kept.push((h, row));
            }
        }
        let mut w = Weights::from_codes(classes, levels, &kept, max_bits);
        w.exact = Some(Arc::new(keyed));
        w
    }

    /// Lays out coded rows (hash, [(class, code)], none empty) as the table's sections.
    fn from_codes(
        classes: usize,
        levels: Vec<f32>,
        rows: &[(u64, Vec<(u8, u8)>)],
        max_bits: u32,
    ) -> Weights {
        let mut bits = 0;
        while rows.len() > BUCKET_MEAN << bits && bits < max_bits.min(MAX_BITS) {
            bits += 1;
        }
        // by bucket, then fingerprint; the longer row first where two share both
        let mut order: Vec<&(u64, Vec<(u8, u8)>)> = rows.iter().collect();
        order.sort_by_key(|(h, r)| {
            (
                bucket_of(*h, bits),
                fingerprint(*h),
                usize::MAX - r.len(),
                *h,
            )
        });
        let mut directory = Vec::with_capacity(4 + (4 << bits));
        let (mut buckets, mut long) = (Vec::new(), Vec::new());
        let mut pointers = Vec::new();
        let start_of = |buckets: &Vec<u8>| {
            u32::try_from(buckets.len())
                .ok()
                .filter(|s| *s < 1 << 26)
                .expect("a weight table under 64 MiB")
        };
        let mut rest = order.as_slice();
        for b in 0..1usize << bits {
            let here = rest
                .iter()
                .take_while(|(h, _)| bucket_of(*h, bits) == b)
                .count();
            let (mine, after) = rest.split_at(here);
            rest = after;
            let mut kept: Vec<&(u64, Vec<(u8, u8)>)> = Vec::with_capacity(mine.len());
            for row in mine {
                let same = kept
                    .last()
                    .is_some_and(|k| fingerprint(k.0) == fingerprint(row.0));
                if !same && kept.len() < BUCKET_MAX {
                    kept.push(row);
                }
            }
            let entry = start_of(&buckets) << 6 | kept.len() as u32;
            directory.extend_from_slice(&entry.to_le_bytes());
            for (h, row) in &kept {
                let size = if row.len() <= 3 { row.len() - 1 } else { 3 };
                buckets.extend_from_slice(&(fingerprint(*h) << 2 | size as u16).to_le_bytes());
            }
            for (_, row) in &kept {
                let target = if row.len() <= 3 {
                    &mut buckets
                } else {
                    let first = u32::try_from(long.len() / 2)
                        .ok()
                        .filter(|f| *f < 1 << 24)
                        .expect("long rows under 2^24 weights");
                    let pointer = first << 8 | (row.len() - 1) as u32;
                    buckets.extend_from_slice(&pointer.to_le_bytes());
                    pointers.push(pointer);
                    &mut long
                };
                for (c, code) in row {
                    target.push(*c);
                    target.push(*code);
                }
            }
        }
        // the end of the last bucket, so that every bucket's end is the next one's start
        directory.extend_from_slice(&(start_of(&buckets) << 6).to_le_bytes());
        let mut all = Vec::new();
        let mut section = |part: &[u8]| {
            all.extend_from_slice(part);
            all.len() - part.len()..all.len()
        };
        let sections = Sections {
            directory: section(&directory),
            buckets: section(&buckets),
            long: section(&long),
        };
        let mut w = Weights::new(classes, levels, bits, Shared::owned(all), sections);
        w.expand(&pointers);
        w
    }

    fn new(
        classes: usize,
        levels: Vec<f32>,
        bits: u32,
        bytes: Shared,
        sections: Sections,
    ) -> Weights {
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
            bits,
            bytes,
            sections,
            exact: None,
            dense: Arc::default(),
        }
    }

    /// Expands the longest of the long rows at `pointers` ([`Dense`]).
    fn expand(&mut self, pointers: &[u32]) {
        let dense = Dense::build(self.classes, &self.values, self.table().long, pointers);
        self.dense = Arc::new(dense);
    }

    fn table(&self) -> Table<'_> {
        let s = &self.sections;
        Table {
            directory: &self.bytes[s.directory.clone()],
            buckets: &self.bytes[s.buckets.clone()],
            long: &self.bytes[s.long.clone()],
        }
    }

    /// The number of classes scored.
    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// Whether there is no weight at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.sections.buckets.is_empty()
    }

    /// Number of features kept, and of (feature, class) weights.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let rows = self.features();
        (rows.len(), rows.iter().map(|(_, r)| r.len()).sum())
    }

    /// Scores every class (in fixed point) for these features.
    ///
    /// In passes, so that the processor overlaps the cache misses of all features instead
    /// of waiting for each in turn: the directory, then the first and last bytes of every
    /// bucket (a miss), then the search of each bucket (now in cache), then the long rows
    /// pointed to, then the sums.
    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32]) {
        if let Some(exact) = &self.exact {
            return self.score_exact(exact, features, scores);
        }
        let t = self.table();
        // classes are bytes: a table of 256 needs no bounds check in the loop below
        let mut sum = [0i32; 256];
        // Scratch in 32-bit offsets, to keep it small: it is cleared on every call, and the
        // expanded rows that stream through the first-level cache would otherwise evict
        // more of it (with 64-bit offsets, twice the cache misses on writes).
        // (bucket start, features, fingerprint, bucket end)
        let mut found = [(0u32, 0u32, 0u16, 0u32); 128];
        // (row start, weights, in the long rows)
        let mut rows = [(0u32, 0u32, false); 128];
        // starts of expanded rows in `self.dense.values`
        let mut wide = [0u32; 128];
        let dense = &*self.dense;
        let mut touched = 0u8;
        for chunk in features.chunks(found.len()) {
            let found = &mut found[..chunk.len()];
            for (slot, &h) in found.iter_mut().zip(chunk) {
                let entries = u64_at(t.directory, 4 * bucket_of(h, self.bits));
                let (entry, end) = (entries as u32 as usize, (entries >> 38) as usize);
                *slot = (
                    (entry >> 6) as u32,
                    (entry & 63) as u32,
                    fingerprint(h),
                    end as u32,
                );
            }
            let mut last = 0u8;
            for slot in found.iter_mut() {
                let (start, count, fp, end) =
                    (slot.0 as usize, slot.1 as usize, slot.2, slot.3 as usize);
                // a feature whose fingerprint sorts before the bucket's first is absent
                let first = if count > 0 {
                    u16_at(t.buckets, start) >> 2
                } else {
                    u16::MAX
                };
                if end > start {
                    last ^= t.buckets[end - 1];
                }
                slot.1 = if first > fp { 0 } else { count as u32 };
            }
            touched ^= last;
            let mut n = 0;
            for &(start, count, fp, _) in found.iter() {
                let (start, count) = (start as usize, count as usize);
                let mut at = start + 2 * count;
                for k in 0..count {
                    let word = u16_at(t.buckets, start + 2 * k);
                    if word >> 2 >= fp {
                        if word >> 2 == fp {
                            rows[n] = (at as u32, u32::from(word & 3), false);
                            n += 1;
                        }
                        break;
                    }
                    at += ROW_BYTES[usize::from(word & 3)];
                }
            }
            // follow the pointers to long rows, reading their first bytes
            let mut first = 0u8;
            let mut m = 0;
            for row in &mut rows[..n] {
                if row.1 == 3 {
                    let p = u32_at(t.buckets, row.0 as usize) as usize;
                    if (p & 0xff) + 1 >= DENSE_MIN {
                        if let Some(at) = dense.start(p as u32) {
                            wide[m] = at as u32;
                            m += 1;
                            *row = (0, 0, false);
                            continue;
                        }
                    }
                    *row = (2 * (p >> 8) as u32, (p & 0xff) as u32 + 1, true);
                    first ^= t.long[row.0 as usize];
                } else {
                    *row = (row.0, row.1 + 1, false);
                }
            }
            touched ^= first;
            for &(at, len, in_long) in &rows[..n] {
                let (at, len) = (at as usize, len as usize);
                let row = if in_long { t.long } else { t.buckets };
                for e in row[at..at + 2 * len].chunks_exact(2) {
                    sum[usize::from(e[0])] += self.values[usize::from(e[1])];
                }
            }
            let width = dense.width;
            for &at in &wide[..m] {
                let at = at as usize;
                for (s, v) in sum[..width].iter_mut().zip(&dense.values[at..at + width]) {
                    *s += v;
                }
            }
        }
        // the reads made only to start cache misses early must not be optimised away
        std::hint::black_box(touched);
        for (s, v) in scores.iter_mut().zip(sum) {
            *s = v;
        }
    }

    /// [`Weights::score`] by full hashes (weights made by training).
    fn score_exact(&self, exact: &ExactRows, features: &[u64], scores: &mut [i32]) {
        let mut sum = [0i32; 256];
        for f in features {
            for &(c, code) in exact.get(&key_of(*f)).map_or(&[][..], |r| r.1.as_slice()) {
                sum[usize::from(c)] += self.values[usize::from(code)];
            }
        }
        for (s, v) in scores.iter_mut().zip(sum) {
            *s = v;
        }
    }

    /// Every feature's row with a hash that finds it in this table (the full hash for
    /// weights made by training; else the bucket's top bits and the fingerprint).
    fn features(&self) -> Vec<(u64, Vec<(u8, u8)>)> {
        if let Some(exact) = &self.exact {
            let mut out: Vec<(u64, Vec<(u8, u8)>)> = exact.values().cloned().collect();
            out.sort_unstable();
            return out;
        }
        let t = self.table();
        let mut out = Vec::new();
        for b in 0..1usize << self.bits {
            let entry = u32_at(t.directory, 4 * b) as usize;
            let (start, count) = (entry >> 6, entry & 63);
            let mut at = start + 2 * count;
            let top = if self.bits == 0 {
                0
            } else {
                (b as u64) << (64 - self.bits)
            };
            for k in 0..count {
                let word = u16_at(t.buckets, start + 2 * k);
                let row = match word & 3 {
                    3 => {
                        let p = u32_at(t.buckets, at) as usize;
                        &t.long[2 * (p >> 8)..2 * ((p >> 8) + (p & 0xff) + 1)]
                    }
                    size => &t.buckets[at..at + 2 * (usize::from(size) + 1)],
                };
                at += ROW_BYTES[usize::from(word & 3)];
                let row = row.chunks_exact(2).map(|e| (e[0], e[1])).collect();
                out.push((top | u64::from(word >> 2), row));
            }
        }
        out
    }

    /// The same weights without entries smaller than `min` (in training units).
    pub(crate) fn pruned(&self, min: f32) -> Weights {
        let rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .features()
            .into_iter()
            .map(|(h, row)| {
                let kept = row
                    .into_iter()
                    .map(|(c, code)| {
                        let m = self.levels[usize::from(code & 127).min(LEVELS - 1)];
                        (u16::from(c), if code >= 128 { -m } else { m })
                    })
                    .filter(|(_, w)| w.abs() >= min)
                    .collect();
                (h, kept)
            })
            .collect();
        match self.exact {
            Some(_) => Weights::build(self.classes, &rows, MAX_BITS, true),
            // the hashes made up from buckets and fingerprints find their rows only
            // in a table of at most as many buckets
            None => Weights::build(self.classes, &rows, self.bits, false),
        }
    }

    /// Writes the weights: the number of classes, the scale, the bucket bits, the
    /// lengths of the buckets and of the long rows, then the sections as they are.
    pub(crate) fn write(&self, w: &mut Writer) {
        w.len(self.classes);
        for l in &self.levels {
            w.f32(*l);
        }
        w.u8(self.bits as u8);
        let t = self.table();
        for part in [t.buckets, t.long] {
            w.len(part.len());
        }
        for part in [t.directory, t.buckets, t.long] {
            w.buf.extend_from_slice(part);
        }
    }

    /// Reads weights written by [`Weights::write`] from `r`, which reads `file`: the
    /// table stays a view of `file`'s bytes. Every offset, row and pointer is checked
    /// here, so that a lookup never leaves its section.
    pub(crate) fn read(r: &mut Reader<'_>, what: &str, file: &Shared) -> ReadResult<Weights> {
        let bad = |m: &str| format!("corrupt: {what} has {m}");
        let classes = r.u32(what)? as usize;
        if classes == 0 || classes > 256 {
            return Err(bad("a malformed header"));
        }
        let mut levels = Vec::with_capacity(LEVELS);
        for _ in 0..LEVELS {
            let l = r.f32(what)?;
            if !l.is_finite() || l < 0.0 {
                return Err(bad("a malformed scale"));
            }
            levels.push(l);
        }
        let bits = u32::from(r.u8(what)?);
        if bits > MAX_BITS {
            return Err(bad("a malformed header"));
        }
        let lengths = [r.u32(what)?, r.u32(what)?].map(|n| n as usize);
        let mut section = |n: usize| -> ReadResult<Range<usize>> {
            let at = r.pos();
            r.take(n, what)?;
            Ok(at..at + n)
        };
        let buckets = 1usize << bits;
        let sections = Sections {
            directory: section(4 * (buckets + 1))?,
            buckets: section(lengths[0])?,
            long: section(lengths[1])?,
        };
        let mut weights = Weights::new(classes, levels, bits, file.clone(), sections);
        let pointers = weights.check().map_err(bad)?;
        weights.expand(&pointers);
        Ok(weights)
    }

    /// Checks the sections: buckets back to back and in order, fingerprints sorted, rows
    /// inside their bucket, pointers inside the long rows, every class below the number
    /// of classes and every code on the scale. Returns the pointers to rows of at least
    /// [`DENSE_MIN`] weights.
    fn check(&self) -> Result<Vec<u32>, &'static str> {
        let t = self.table();
        let classes = self.classes;
        let weight_ok = |e: &[u8]| usize::from(e[0]) < classes && usize::from(e[1] & 127) < LEVELS;
        if t.long.len() % 2 != 0 || !t.long.chunks_exact(2).all(weight_ok) {
            return Err("a malformed weight");
        }
        let mut end = 0usize;
        let mut pointers = Vec::new();
        for b in 0..1usize << self.bits {
            let entry = u32_at(t.directory, 4 * b) as usize;
            let (start, count) = (entry >> 6, entry & 63);
            if start != end || start + 2 * count > t.buckets.len() {
                return Err("a bucket out of place");
            }
            let mut at = start + 2 * count;
            let mut last = None;
            for k in 0..count {
                let word = u16_at(t.buckets, start + 2 * k);
                if last.is_some_and(|l| l >= word >> 2) {
                    return Err("a bucket out of order");
                }
                last = Some(word >> 2);
                let size = ROW_BYTES[usize::from(word & 3)];
                let here = t
                    .buckets
                    .get(at..at + size)
                    .ok_or("a row outside the buckets")?;
                if word & 3 == 3 {
                    let p = u32_at(here, 0) as usize;
                    if 2 * ((p >> 8) + (p & 0xff) + 1) > t.long.len() {
                        return Err("a pointer outside the long rows");
                    }
                    if (p & 0xff) + 1 >= DENSE_MIN {
                        pointers.push(p as u32);
                    }
                } else if !here.chunks_exact(2).all(weight_ok) {
                    return Err("a malformed weight");
                }
                at += size;
            }
            end = at;
        }
        let sentinel = u32_at(t.directory, 4 << self.bits) as usize;
        if end != t.buckets.len() || sentinel != end << 6 {
            return Err("a bucket out of place");
        }
        Ok(pointers)
    }
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
        let file = Shared::owned(out.buf.clone());
        let back = Weights::read(&mut Reader::new(&file), "w", &file).unwrap();
        assert_eq!(back, w);
        assert!(back.exact.is_none(), "read back, the table is scored");
        for (f, _) in &data {
            let mut exact = vec![0; 3];
            w.score(f, &mut exact);
            back.score(f, &mut s);
            assert_eq!(s, exact, "the table scores as the full hashes do");
        }
        for cut in [0, 5, out.buf.len() / 2, out.buf.len() - 1] {
            let file = Shared::owned(out.buf[..cut].to_vec());
            assert!(Weights::read(&mut Reader::new(&file), "w", &file).is_err());
        }
    }

    /// A table of `n` features with rows of 1 to 6 weights over 8 classes, hashes
    /// spread by `finish`.
    fn table(n: u64) -> Weights {
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (0..n)
            .map(|k| {
                let len = 1 + (k % 6) as u16;
                let row = (0..len)
                    .map(|c| (c, (k as f32 + 1.0) * if c % 2 == 0 { 1.0 } else { -0.5 }))
                    .collect();
                (finish(k + 1), row)
            })
            .collect();
        let mut sorted = rows;
        sorted.sort_by_key(|(h, _)| *h);
        Weights::build(8, &sorted, MAX_BITS, true)
    }

    fn bytes_of(w: &Weights) -> Vec<u8> {
        let mut out = Writer::default();
        w.write(&mut out);
        out.buf
    }

    fn read(bytes: &[u8]) -> ReadResult<Weights> {
        let file = Shared::owned(bytes.to_vec());
        Weights::read(&mut Reader::new(&file), "w", &file)
    }

    #[test]
    fn the_table_finds_every_row_and_misses_absent_features() {
        let w = table(5_000);
        let back = read(&bytes_of(&w)).unwrap();
        assert!(back.bits >= 8, "{back:?}");
        // a feature sharing its bucket and fingerprint with a longer row is the only one
        // the table cannot tell apart (a handful in 5,000)
        let (mut exact, mut found) = (vec![0; 8], vec![0; 8]);
        let differ = (0..5_000u64)
            .filter(|k| {
                w.score(&[finish(k + 1)], &mut exact);
                back.score(&[finish(k + 1)], &mut found);
                found != exact
            })
            .count();
        assert!(differ <= 10, "{differ} rows of 5,000 not found");
        assert_eq!(back.counts().0 + differ, 5_000);
        // absent features: few match a fingerprint of their bucket
        let false_matches = (0..20_000u64)
            .filter(|k| {
                back.score(&[finish(1 << 40 | k)], &mut found);
                found.iter().any(|v| *v != 0)
            })
            .count();
        assert!(
            false_matches < 60,
            "{false_matches} of 20,000 absent features matched"
        );
        // pruning the table read back prunes the same rows as pruning the full hashes
        let (table_pruned, exact_pruned) = (back.pruned(3.0).counts(), w.pruned(3.0).counts());
        assert!(table_pruned.0 <= exact_pruned.0 && table_pruned.0 + differ >= exact_pruned.0);
    }

    /// Rows long enough to be expanded score as the same rows added one weight at a time,
    /// alone, together, and with short rows, in a table built or read back.
    #[test]
    fn expanded_rows_score_as_their_weights() {
        let classes = 100u16;
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (0..400u64)
            .map(|k| {
                // every fourth row is long enough to be expanded, some of all 100 classes
                let len = if k % 4 == 0 {
                    DENSE_MIN as u16 - 2 + (k % 50) as u16
                } else {
                    1 + (k % 9) as u16
                };
                let row = (0..len)
                    .map(|c| {
                        (
                            (c * 7 + k as u16) % classes,
                            (k as f32 + 1.0) * if c % 3 == 0 { -1.0 } else { 0.7 },
                        )
                    })
                    .collect::<std::collections::BTreeMap<u16, f32>>()
                    .into_iter()
                    .collect();
                (finish(k + 1), row)
            })
            .collect();
        let mut sorted = rows;
        sorted.sort_by_key(|(h, _)| *h);
        let built = Weights::build(usize::from(classes), &sorted, MAX_BITS, true);
        let back = read(&bytes_of(&built)).unwrap();
        let expanded = back.dense.values.len() / back.dense.width.max(1);
        assert!(expanded >= 90, "{expanded} rows expanded");
        assert!(expanded < 100, "{expanded} rows expanded, shorter ones too");
        // the sum of every weight of a row, one at a time
        let by_hand = |w: &Weights, features: &[u64]| -> Vec<i32> {
            let mut sum = vec![0i32; usize::from(classes)];
            let all = w.features();
            for f in features {
                let key = (bucket_of(*f, w.bits), fingerprint(*f));
                for (h, row) in &all {
                    if (bucket_of(*h, w.bits), fingerprint(*h)) == key {
                        for (c, code) in row {
                            sum[usize::from(*c)] += w.values[usize::from(*code)];
                        }
                    }
                }
            }
            sum
        };
        let mut found = vec![0; usize::from(classes)];
        let hashes: Vec<u64> = (0..400u64).map(|k| finish(k + 1)).collect();
        for features in [
            &hashes[..1],
            &hashes[..2],
            &hashes[3..9],
            &hashes[..200],
            &hashes[..],
        ] {
            back.score(features, &mut found);
            assert_eq!(found, by_hand(&back, features));
            let mut exact = vec![0; usize::from(classes)];
            built.score(features, &mut exact);
            assert_eq!(found, exact, "the read table scores as the full hashes do");
        }
    }

    /// A table changed behind its checksum (a crafted file) is an error naming what is
    /// wrong, never a panic or a lookup outside the file.
    #[test]
    fn a_crafted_table_is_an_error() {
        let w = table(300);
        let good = bytes_of(&w);
        let header = 4 + 4 * LEVELS + 1 + 8;
        let buckets = 1usize << w.bits;
        let directory = header;
        let bucket_bytes = directory + 4 * (buckets + 1);
        let long_rows = bucket_bytes + u32_at(&good, 4 + 4 * LEVELS + 1) as usize;
        let set = |at: usize, v: u32| {
            let mut b = good.clone();
            b[at..at + 4].copy_from_slice(&v.to_le_bytes());
            b
        };
        // the first pointer to a long row
        let t = w.table();
        let mut pointer = None;
        'find: for b in 0..buckets {
            let entry = u32_at(t.directory, 4 * b) as usize;
            let (start, count) = (entry >> 6, entry & 63);
            let mut at = start + 2 * count;
            for k in 0..count {
                let word = u16_at(t.buckets, start + 2 * k);
                if word & 3 == 3 {
                    pointer = Some(bucket_bytes + at);
                    break 'find;
                }
                at += ROW_BYTES[usize::from(word & 3)];
            }
        }
        let pointer = pointer.expect("rows of 4 to 6 weights are long");
        let long_len = (good.len() - long_rows) as u32 / 2;
        // the first two fingerprints of the first bucket with two features, swapped
        let mut swapped = good.clone();
        let two = (0..buckets)
            .map(|b| u32_at(t.directory, 4 * b) as usize)
            .find(|e| e & 63 >= 2)
            .expect("a bucket with two features");
        let (a, b) = (bucket_bytes + (two >> 6), bucket_bytes + (two >> 6) + 2);
        let (x, y) = (u16_at(&good, a), u16_at(&good, b));
        swapped[a..a + 2].copy_from_slice(&y.to_le_bytes());
        swapped[b..b + 2].copy_from_slice(&x.to_le_bytes());
        let mut bad_class = good.clone();
        bad_class[long_rows] = 9;
        let mut many_buckets = good.clone();
        many_buckets[4 + 4 * LEVELS] = 60;
        let first = u32_at(&good, directory);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "a bucket starting elsewhere",
                set(directory, first + (1 << 6)),
                "bucket out of place",
            ),
            (
                "an end past the buckets",
                set(directory + 4 * buckets, u32::MAX),
                "bucket out of place",
            ),
            (
                "a pointer outside the long rows",
                set(pointer, long_len << 8),
                "pointer outside the long rows",
            ),
            (
                "a pointer running past the long rows",
                set(pointer, (long_len - 1) << 8 | 5),
                "pointer outside the long rows",
            ),
            ("fingerprints out of order", swapped, "out of order"),
            (
                "a class the table does not have",
                bad_class,
                "malformed weight",
            ),
            ("a huge bucket count", many_buckets, "malformed header"),
        ];
        for (name, bytes, says) in cases {
            let e = read(&bytes).expect_err(name);
            assert!(e.contains(says), "{name}: {e}");
        }
        assert!(read(&good).is_ok());
    }
}
