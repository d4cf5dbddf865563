//! Sentence splitting: where does each sentence start and end?
//!
//! Works on the plain text of [`crate::text::normalize::Normalized`]. A sentence ends at `.`,
//! `!` or `?` (after any closing quotes or brackets) followed by a space and something
//! that can start a sentence, at a blank line, or at a line break after a line that looks
//! like a headline. Abbreviations (`Gen.`, `U.S.`, `Jan.`) and initials do not end one.

use crate::model::Span;
use crate::text::normalize::Shapes;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "approx", "est", "fig", "al", "e.g", "i.e", "pres", "gens", "cmdr", "brig",
];

/// Abbreviations that usually continue a sentence even before a capital letter.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "st", "no", "vs", "pres", "gens", "cmdr", "brig", "mt", "ft",
];

/// An ASCII word of at most eight bytes in lower case, as a number (zero-padded).
const fn packed(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut k = 0;
    while k < word.len() {
        key |= (word[k].to_ascii_lowercase() as u64) << (8 * k);
        k += 1;
    }
    key
}

/// [`packed`] of every word of `list`.
const fn packed_all<const N: usize>(list: &[&str]) -> [u64; N] {
    let mut keys = [0u64; N];
    let mut k = 0;
    while k < N {
        keys[k] = packed(list[k].as_bytes());
        k += 1;
    }
    keys
}

const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = packed_all(ABBREVIATIONS);
const TITLE_ABBREVIATION_KEYS: [u64; TITLE_ABBREVIATIONS.len()] = packed_all(TITLE_ABBREVIATIONS);

/// The shapes of the words of both lists: most words that end a sentence are in
/// neither, and [`Shapes`] says so without a look through them.
const ABBREVIATION_SHAPES: Shapes = {
    let mut shapes = Shapes::of(ABBREVIATIONS);
    let mut k = 0;
    while k < TITLE_ABBREVIATIONS.len() {
        shapes.insert(TITLE_ABBREVIATIONS[k].as_bytes());
        k += 1;
    }
    shapes
};

/// Byte spans of the sentences of `text`, trimmed of surrounding whitespace; empty
/// sentences are dropped.
pub fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // news sentences run to about a hundred bytes
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Span>, s: usize, e: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if e - trail > s + lead {
            out.push(Span::new(s + lead, e - trail));
        }
    };
    // the next line break at or after `i` (the text's length when there is none)
    let mut next_break = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    // the last line break before `i`: every line break is looked at, in order
    let mut last_break: Option<usize> = None;
    while i < bytes.len() {
        // only line breaks and sentence marks matter: skip to the next one
        if next_break < i {
            next_break = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        let mark = memchr::memchr3(b'.', b'!', b'?', &bytes[i..next_break]).map(|k| i + k);
        match mark {
            Some(k) => i = k,
            None if next_break < bytes.len() => i = next_break,
            None => break,
        }
        let b = bytes[i];
        if b == b'\n' {
            // blank line, or a line that ends without punctuation and is followed by a
            // capitalised line: a headline or a caption
            let line_start = last_break.map_or(start, |p| (p + 1).max(start));
            last_break = Some(i);
            let line = text[line_start..i].trim();
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\r') {
                j += 1;
            }
            let blank = j < bytes.len() && bytes[j] == b'\n';
            let next_upper = text[j..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '"' || c.is_ascii_digit());
            let ends_open = line.ends_with([',', ';', ':', '-']);
            if blank || (next_upper && !ends_open && !line.is_empty()) {
                push(&mut out, start, i);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if b == b'.' || b == b'!' || b == b'?' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            let space = j < bytes.len() && matches!(bytes[j], b' ' | b'\n' | b'\r');
            if j >= bytes.len() {
                push(&mut out, start, j);
                start = j;
                i = j;
                continue;
            }
            if !space {
                i += 1;
                continue;
            }
            let mut k = j;
            while k < bytes.len() && matches!(bytes[k], b' ' | b'\r' | b'\n') {
                k += 1;
            }
            let next = text[k..].chars().next();
            let starts = next.is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '(' || c == '\''
            });
            let quoted = bytes[i + 1..j].iter().any(|&c| c == b'"' || c == b')');
            // "!" and "?" end a sentence before a capital; "." unless it ends an
            // abbreviation outside quotes
            if starts && (b != b'.' || quoted || !is_abbreviation(text, i, next)) {
                push(&mut out, start, j);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, bytes.len());
    out
}

/// Is the period at `dot` part of an abbreviation or an initial?
fn is_abbreviation(text: &str, dot: usize, next: Option<char>) -> bool {
    let before = &text[..dot];
    // back over ASCII letters, digits and dots a byte at a time; character by character
    // from the first other byte that is not ASCII
    let mut ascii_start = dot;
    while ascii_start > 0
        && matches!(before.as_bytes()[ascii_start - 1], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.')
    {
        ascii_start -= 1;
    }
    let word_start = if ascii_start > 0 && !before.as_bytes()[ascii_start - 1].is_ascii() {
        before
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
            .map_or(0, |(p, c)| p + c.len_utf8())
    } else {
        ascii_start
    };
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // in lower case; ASCII words (most) compared without lowering them
    let key = (word.is_ascii() && word.len() <= 6).then(|| packed(word.as_bytes()));
    let listed = |list: &[&str], keys: &[u64]| match key {
        Some(key) => {
            ABBREVIATION_SHAPES.may_hold(&key.to_le_bytes()[..word.len()]) && keys.contains(&key)
        }
        // no abbreviation is longer than six letters
        None if word.is_ascii() => false,
        None => list.contains(&word.to_lowercase().as_str()),
    };
    // initials and dotted acronyms: "U.S", "U.N", "J"
    let dotted = word.as_bytes().contains(&b'.') && word.split('.').all(|p| p.chars().count() <= 2);
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    if initial || listed(TITLE_ABBREVIATIONS, &TITLE_ABBREVIATION_KEYS) {
        return true;
    }
    if dotted {
        // "the U.S. The next day" is ambiguous; treat a following common sentence opener
        // as a new sentence
        return next.is_none_or(|c| c != '"');
    }
    listed(ABBREVIATIONS, &ABBREVIATION_KEYS) && next.is_none_or(|c| c != '"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviation_keys_are_their_words() {
        for (list, keys) in [
            (ABBREVIATIONS, &ABBREVIATION_KEYS[..]),
            (TITLE_ABBREVIATIONS, &TITLE_ABBREVIATION_KEYS[..]),
        ] {
            assert_eq!(list.len(), keys.len());
            for (word, &key) in list.iter().zip(keys) {
                assert_eq!(key.to_le_bytes()[..word.len()], *word.as_bytes());
                assert!(key >> (8 * word.len()) == 0, "{word}");
                assert_eq!(packed(word.to_uppercase().as_bytes()), key);
                assert!(
                    ABBREVIATION_SHAPES.may_hold(&key.to_le_bytes()[..word.len()]),
                    "{word}"
                );
                let text = format!("x {word}. Smith");
                assert!(is_abbreviation(&text, 2 + word.len(), Some('S')), "{word}");
            }
        }
        // an ASCII word matches ignoring case; a longer word or a prefix does not
        assert!(is_abbreviation("said Gen. Smith", 8, Some('S')));
        assert!(is_abbreviation("said GEN. Smith", 8, Some('S')));
        assert!(!is_abbreviation("said Gene. Smith", 9, Some('S')));
        assert!(!is_abbreviation("said Ge. Smith", 7, Some('S')));
    }

    #[test]
    fn no_abbreviation_is_longer_than_six_letters() {
        assert!(ABBREVIATIONS
            .iter()
            .chain(TITLE_ABBREVIATIONS)
            .all(|a| a.len() <= 6));
    }

    #[test]
    fn splits_news_text() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Gen. Smith arrived. He left.",
                &["Gen. Smith arrived.", "He left."],
            ),
            (
                "The U.S. and the U.N. agreed. Talks end.",
                &["The U.S. and the U.N. agreed.", "Talks end."],
            ),
            (
                "Headline without stop\n\nBody text here.",
                &["Headline without stop", "Body text here."],
            ),
            (
                "\"We will fight,\" he said. \"Go!\" she cried.",
                &["\"We will fight,\" he said.", "\"Go!\" she cried."],
            ),
            (
                "It ended on Jan. 5 in Kyiv. Next.",
                &["It ended on Jan. 5 in Kyiv.", "Next."],
            ),
            (
                "He said \"no.\" Then he left.",
                &["He said \"no.\"", "Then he left."],
            ),
            (
                "Dagalo (known as Hemedti) spoke. Burhan replied.",
                &["Dagalo (known as Hemedti) spoke.", "Burhan replied."],
            ),
            (
                "PHOTO - A caption\nThe text goes on.",
                &["PHOTO - A caption", "The text goes on."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&sentences(text), expected, "{text}");
        }
    }
}
