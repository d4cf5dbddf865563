//! Text normalisation: how should text be compared?
//!
//! Two tools: [`fold`] turns a name into a lookup key (case- and accent-insensitive), and
//! [`Normalized`] rewrites a document into a plain form for matching (curly quotes,
//! dashes, odd spaces and accents made ASCII) while keeping a byte map back to the
//! original, so every span found in the normalised text points into the original.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The plain form of one character: `’` -> `'`, `é` -> `e`, NBSP -> space.
fn plain(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => {
            out.push('-')
        }
        // en and em dashes separate clauses like a spaced hyphen
        '\u{2013}' | '\u{2014}' | '\u{2015}' => out.push('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
            out.push(' ')
        }
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
        '\u{2026}' => out.push_str("..."),
        c if c.is_ascii() => out.push(c),
        c => {
            let before = out.len();
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            });
            if out.len() == before {
                // a lone combining mark: drop it
            }
        }
    }
}

/// A lookup key for a name: accents removed, lower case, apostrophes and spaces unified.
///
/// ```
/// assert_eq!(geokg::text::normalize::fold("  Türkiye’s  "), "turkiye's");
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        fold_ascii(s)
    } else {
        fold_any(s)
    }
}

/// [`fold`] of any string, character by character through the plain form.
fn fold_any(s: &str) -> String {
    let mut plain_s = String::with_capacity(s.len());
    for c in s.chars() {
        plain(c, &mut plain_s);
    }
    let mut out = String::with_capacity(plain_s.len());
    let mut space = false;
    for c in plain_s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// [`fold`] of an ASCII string, without the per-character plain form: the same bytes
/// (a backtick is an apostrophe, white space runs are one space, lower case).
fn fold_ascii(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut space = false;
    for b in s.trim().bytes() {
        // char::is_whitespace on ASCII: tab, line feed, vertical tab, form feed, CR, space
        if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            space = true;
            continue;
        }
        if space {
            out.push(b' ');
            space = false;
        }
        out.push(if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        });
    }
    // ASCII in, ASCII out
    String::from_utf8(out).unwrap_or_default()
}

/// ASCII other than tab, backtick and carriage return is its own plain form.
fn same(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t' | b'`' | b'\r')
}

/// How many bytes from the start of `bytes` are [`same`]: eight at a time.
fn same_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // a high bit in each byte of `x` that is zero, and none in a word with no zero byte
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = 0;
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        let other = (x & HIGH)
            | zero(x ^ (ONES * u64::from(b'\t')))
            | zero(x ^ (ONES * u64::from(b'`')))
            | zero(x ^ (ONES * u64::from(b'\r')));
        if other != 0 {
            break;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| !same(b))
        .unwrap_or(bytes.len() - i)
}

/// A document in plain form, with a map from its bytes back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The plain text.
    pub text: String,
    /// Where the plain text stops following the original byte for byte, or starts again:
    /// sorted by plain offset. Empty when the text is its own plain form (most English
    /// news), where every offset maps to itself.
    steps: Vec<Step>,
    /// The length of the original.
    original_len: usize,
}

/// From plain byte `plain` on (up to the next step), the original offset is
/// `original + (i - plain)` for plain byte `i` when `same` (a stretch copied as it is),
/// and `original` for every byte when not (the plain form of one character).
#[derive(Debug, Clone, Copy)]
struct Step {
    plain: usize,
    original: usize,
    same: bool,
}

impl Normalized {
    /// Normalises `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut steps = Vec::new();
        let bytes = original.as_bytes();
        if original.is_ascii() && memchr::memchr2(b'\t', b'`', bytes).is_none() {
            text.push_str(original);
            return Normalized {
                text,
                steps,
                original_len: original.len(),
            };
        }
        let mut i = 0;
        while i < bytes.len() {
            let run = same_run(&bytes[i..]);
            if run > 0 {
                steps.push(Step {
                    plain: text.len(),
                    original: i,
                    same: true,
                });
                text.push_str(&original[i..i + run]);
                i += run;
                continue;
            }
            let Some(c) = original[i..].chars().next() else {
                break;
            };
            let before = text.len();
            if c == '\r' {
                text.push('\n');
            } else {
                plain(c, &mut text);
            }
            if text.len() > before {
                steps.push(Step {
                    plain: before,
                    original: i,
                    same: false,
                });
            }
            i += c.len_utf8();
        }
        Normalized {
            text,
            steps,
            original_len: original.len(),
        }
    }

    /// The original byte offset of plain byte `i`.
    pub fn original_offset(&self, i: usize) -> usize {
        if self.steps.is_empty() {
            return i.min(self.text.len());
        }
        if i >= self.text.len() {
            return self.original_len;
        }
        let k = self.steps.partition_point(|s| s.plain <= i);
        match self.steps.get(k.wrapping_sub(1)) {
            Some(s) if s.same => s.original + (i - s.plain),
            Some(s) => s.original,
            None => 0,
        }
    }

    /// Maps a plain span back to the original text, widening it to whole characters.
    pub fn original_span(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let s = self.original_offset(start);
        let mut e = if end == 0 {
            0
        } else {
            // the end is one past the last plain byte: map that byte and step past its char
            let last = self.original_offset(end - 1);
            let mut e = last + 1;
            while e < original.len() && !original.is_char_boundary(e) {
                e += 1;
            }
            e
        };
        if e < s {
            e = s;
        }
        (s, e.min(original.len()))
    }
}

/// Which (first byte, length) and (last byte, length) pairs the words of a set have:
/// most words of a text are in no such set, and a clear bit says so without comparing
/// them with its words. Lengths past 63 share one bit.
#[derive(Debug, Clone)]
pub(crate) struct Shapes {
    first: [u64; 256],
    last: [u64; 256],
}

impl Shapes {
    /// The shapes of no word.
    pub(crate) const EMPTY: Shapes = Shapes {
        first: [0; 256],
        last: [0; 256],
    };

    /// The shapes of `words`.
    pub(crate) const fn of(words: &[&str]) -> Self {
        let mut shapes = Shapes::EMPTY;
        let mut k = 0;
        while k < words.len() {
            shapes.insert(words[k].as_bytes());
            k += 1;
        }
        shapes
    }

    /// Adds the shape of `word` (an empty word has none).
    pub(crate) const fn insert(&mut self, word: &[u8]) {
        if let (Some(&b), Some(&e)) = (word.first(), word.last()) {
            let bit = shape_bit(word.len());
            self.first[b as usize] |= bit;
            self.last[e as usize] |= bit;
        }
    }

    /// May `word` be one of the words? False only when it is not.
    #[inline]
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&b), Some(&e)) = (word.first(), word.last()) else {
            return false;
        };
        let bit = shape_bit(word.len());
        self.first[usize::from(b)] & bit != 0 && self.last[usize::from(e)] & bit != 0
    }
}

impl Default for Shapes {
    fn default() -> Self {
        Shapes::EMPTY
    }
}

/// The bit of a word's length in [`Shapes`].
const fn shape_bit(len: usize) -> u64 {
    1 << if len < 63 { len } else { 63 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_and_spacing() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold("Haftar’s\u{00A0} forces"), "haftar's forces");
    }

    #[test]
    fn ascii_fold_is_the_general_fold() {
        for s in [
            "  Haftar's\t Forces ",
            "`Quoted`",
            "A\x0bB\x0cC\r\nD",
            "",
            " \t ",
            "U.S.-backed GNA",
        ] {
            assert_eq!(fold(s), fold_any(s), "{s:?}");
        }
    }

    #[test]
    fn same_run_stops_where_a_byte_by_byte_search_does() {
        let mut rng = crate::text::synth::Rng::new(7);
        let alphabet: &[u8] = b"ab .\t`\r\n\x7f\xc3\xa9Z0";
        for _ in 0..20_000 {
            let len = rng.below(40);
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let expected = bytes.iter().position(|&b| !same(b)).unwrap_or(bytes.len());
            assert_eq!(same_run(&bytes), expected, "{bytes:?}");
        }
    }

    #[test]
    fn normalized_spans_point_into_the_original() {
        let original = "“Türkiye” – said Akar’s aide.";
        let n = Normalized::new(original);
        assert_eq!(n.text, "\"Turkiye\" - said Akar's aide.");
        let start = n.text.find("Turkiye").unwrap();
        let (s, e) = n.original_span(start, start + "Turkiye".len(), original);
        assert_eq!(&original[s..e], "Türkiye");
        let start = n.text.find("Akar's").unwrap();
        let (s, e) = n.original_span(start, start + 6, original);
        assert_eq!(&original[s..e], "Akar’s");
    }
    /// The plain text and, for every plain byte, the original offset of the character
    /// it came from, built one character at a time.
    fn byte_by_byte(original: &str) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut map = Vec::new();
        for (offset, c) in original.char_indices() {
            let before = text.len();
            if c == '\r' {
                text.push('\n');
            } else {
                plain(c, &mut text);
            }
            map.extend(std::iter::repeat_n(offset, text.len() - before));
        }
        (text, map)
    }

    #[test]
    fn offsets_are_those_of_a_byte_by_byte_map() {
        let pieces = [
            "Haftar", " ", "’s", "“", "é", "\t", "\r\n", "…", "ﬁ", "e\u{301}", "\u{301}",
            "\u{200B}", "`", "—", "Türkiye", ".", "\u{00A0}",
        ];
        let mut rng = crate::text::synth::Rng::new(5);
        for _ in 0..2000 {
            let original: String = (0..8).map(|_| rng.pick(&pieces)).collect();
            let norm = Normalized::new(&original);
            let fast = original.is_ascii() && !original.contains(['\t', '`']);
            if fast {
                assert_eq!(norm.text, original);
                continue;
            }
            let (text, map) = byte_by_byte(&original);
            assert_eq!(norm.text, text, "{original:?}");
            for (i, &o) in map.iter().enumerate() {
                assert_eq!(norm.original_offset(i), o, "{original:?} at {i}");
            }
            for i in text.len()..text.len() + 2 {
                assert_eq!(
                    norm.original_offset(i),
                    original.len(),
                    "{original:?} at {i}"
                );
            }
        }
    }
}
