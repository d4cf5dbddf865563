//! Reading files: bytes to text, with the encoding problems news files have.
//!
//! - UTF-8, with or without a byte-order mark, and UTF-16 with a byte-order mark are
//!   decoded. Spans point into the decoded text (UTF-8, without the mark).
//! - Invalid UTF-8 or UTF-16 in *text* is decoded lossily (U+FFFD) and reported as a
//!   warning that names the file and the byte offset of the first bad byte.
//! - A file with a NUL byte (and no UTF-16 mark) is binary and is refused, with the
//!   offset of the first NUL; so is a document larger than
//!   [`MAX_DOCUMENT_BYTES`], before it is read.
//! - An empty file is read (as no sentences) with a warning.
//! - *JSON* files (curated data, graph files) are strict: invalid bytes, binary
//!   content and empty files are errors with file, line and column ([`read_json`]).

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::limits::MAX_DOCUMENT_BYTES;

/// Text decoded from bytes: the text, and where the first undecodable byte was.
struct Decoded {
    text: String,
    /// Byte offset (in the input, mark included) of the first bad byte.
    bad_at: Option<usize>,
    /// UTF-16 with an odd number of bytes: the last byte was dropped.
    odd: bool,
    encoding: &'static str,
}

fn decode_utf16(bytes: &[u8], mark: usize, le: bool) -> Decoded {
    let rest = &bytes[mark..];
    let units = rest.chunks_exact(2).map(|c| {
        let pair = [c[0], c[1]];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(rest.len() / 2);
    let mut bad_at = None;
    let mut unit = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                text.push(c);
                unit += c.len_utf16();
            }
            Err(_) => {
                bad_at.get_or_insert(mark + unit * 2);
                text.push(char::REPLACEMENT_CHARACTER);
                unit += 1;
            }
        }
    }
    Decoded {
        text,
        bad_at,
        odd: rest.len() % 2 == 1,
        encoding: "UTF-16",
    }
}

fn decode_any(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let mut d = decode_any(rest);
        d.bad_at = d.bad_at.map(|b| b + 3);
        return d;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return decode_utf16(bytes, 2, true);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(bytes, 2, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            bad_at: None,
            odd: false,
            encoding: "UTF-8",
        },
        Err(e) => Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            bad_at: Some(e.valid_up_to()),
            odd: false,
            encoding: "UTF-8",
        },
    }
}

/// Decodes file bytes; returns the text and any warnings. `name` is used in warnings.
pub fn decode(name: &str, bytes: &[u8]) -> (String, Vec<String>) {
    let d = decode_any(bytes);
    let mut warnings = Vec::new();
    if let Some(at) = d.bad_at {
        warnings.push(format!(
            "{name}: invalid {} at byte {at}, decoded with replacement characters",
            d.encoding
        ));
    }
    if d.odd {
        warnings.push(format!(
            "{name}: UTF-16 text with an odd number of bytes, the last byte is ignored"
        ));
    }
    (d.text, warnings)
}

/// The offset of the first NUL byte, when the bytes are not UTF-16 with a byte-order
/// mark: text never holds one, binary files (images, archives, executables) do.
pub fn binary_at(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

/// The error for a file refused as a whole.
fn refused(path: &str, message: String) -> Error {
    Error::Data {
        location: Location {
            path: path.to_string(),
            line: 0,
            column: 0,
        },
        field: String::new(),
        message,
    }
}

fn binary_error(path: &str, bytes: &[u8], at: usize) -> Error {
    // "E\0g\0y\0": every other byte NUL looks like UTF-16 without its mark
    let pairs = bytes.len().min(16) / 2;
    let utf16 = pairs >= 2
        && ((0..pairs).all(|i| bytes[2 * i + 1] == 0) || (0..pairs).all(|i| bytes[2 * i] == 0));
    let hint = if utf16 {
        "; UTF-16 text needs a byte-order mark"
    } else {
        ""
    };
    refused(
        path,
        format!("binary file (NUL byte at byte {at}), not read as text{hint}"),
    )
}

/// The error for a document over [`MAX_DOCUMENT_BYTES`]; `size` is its size, or `None`
/// when only "more than the limit" is known (a pipe).
pub fn too_large(path: &str, size: Option<u64>) -> Error {
    let size = size.map_or_else(|| "more than".to_string(), |s| format!("{s} bytes,"));
    refused(
        path,
        format!(
            "{size} over the limit of {MAX_DOCUMENT_BYTES} bytes for one document; split it into smaller files"
        ),
    )
}

/// Reads at most `limit` bytes of `input`; `Ok(None)` when there was more.
///
/// # Errors
/// What reading said.
pub fn read_limited(input: impl Read, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    input.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

/// Reads a text file: see the module documentation for what is decoded, warned about and
/// refused.
///
/// # Errors
/// [`Error::Io`] naming the file when it cannot be read; [`Error::Data`] naming it when it
/// is binary or larger than [`MAX_DOCUMENT_BYTES`].
pub fn read_text(path: &Path) -> Result<(String, Vec<String>)> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&shown, &e))?;
    let meta = file.metadata().map_err(|e| Error::io(&shown, &e))?;
    if meta.is_dir() {
        return Err(refused(&shown, "is a directory".into()));
    }
    if meta.is_file() && meta.len() > MAX_DOCUMENT_BYTES as u64 {
        return Err(too_large(&shown, Some(meta.len())));
    }
    let bytes = read_limited(file, MAX_DOCUMENT_BYTES)
        .map_err(|e| Error::io(&shown, &e))?
        .ok_or_else(|| too_large(&shown, None))?;
    text_from_bytes(&shown, &bytes)
}

/// The text of a whole document read from `name` (a file, standard input): binary
/// content is refused, the rest decoded as [`decode`] does, and an empty input is
/// warned about.
///
/// # Errors
/// [`Error::Data`] naming the input when it is binary.
pub fn text_from_bytes(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    if let Some(at) = binary_at(bytes) {
        return Err(binary_error(name, bytes, at));
    }
    let (text, mut warnings) = decode(name, bytes);
    if bytes.is_empty() {
        warnings.push(format!("{name}: empty file"));
    }
    Ok((text, warnings))
}

/// Decodes a JSON file strictly: UTF-8 (a byte-order mark is allowed, and UTF-16 with a
/// mark), nothing undecodable, not binary, not empty. `name` is used in messages.
///
/// # Errors
/// [`Error::Data`] naming the file, and the line and column of a bad byte.
pub fn decode_json(name: &str, bytes: &[u8]) -> Result<String> {
    if let Some(at) = binary_at(bytes) {
        return Err(binary_error(name, bytes, at));
    }
    let d = decode_any(bytes);
    if let Some(at) = d.bad_at {
        // the place of the bad byte in the text decoded so far
        let before = String::from_utf8_lossy(&bytes[..at.min(bytes.len())]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(Error::Data {
            location: Location {
                path: name.to_string(),
                line,
                column,
            },
            field: String::new(),
            message: format!(
                "invalid {} at byte {at}; a JSON file must be valid text",
                d.encoding
            ),
        });
    }
    if d.odd {
        return Err(refused(
            name,
            "UTF-16 text with an odd number of bytes; a JSON file must be valid text".into(),
        ));
    }
    if d.text.trim().is_empty() {
        return Err(refused(name, "empty file, expected a JSON object".into()));
    }
    Ok(d.text)
}

/// Reads a JSON file strictly; see [`decode_json`].
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::Data`] as [`decode_json`].
pub fn read_json(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
    decode_json(&shown, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_reports_bad_bytes() {
        assert_eq!(decode("a", b"\xEF\xBB\xBFhi").0, "hi");
        assert_eq!(decode("a", b"\xFF\xFEh\0i\0").0, "hi");
        assert_eq!(decode("a", b"\xFE\xFF\0h\0i").0, "hi");
        let (text, warnings) = decode("f.txt", b"ok\xFFok");
        assert_eq!(text, "ok\u{FFFD}ok");
        assert_eq!(
            warnings,
            vec!["f.txt: invalid UTF-8 at byte 2, decoded with replacement characters"]
        );
        // the offset counts the byte-order mark
        let (_, warnings) = decode("f.txt", b"\xEF\xBB\xBFok\xFF");
        assert_eq!(
            warnings,
            vec!["f.txt: invalid UTF-8 at byte 5, decoded with replacement characters"]
        );
    }

    #[test]
    fn utf16_problems_are_warnings() {
        // an unpaired surrogate (D800) as the second unit
        let (text, warnings) = decode("u.txt", b"\xFF\xFEh\0\x00\xD8i\0");
        assert_eq!(text, "h\u{FFFD}i");
        assert_eq!(
            warnings,
            vec!["u.txt: invalid UTF-16 at byte 4, decoded with replacement characters"]
        );
        let (text, warnings) = decode("u.txt", b"\xFE\xFF\0h\0");
        assert_eq!(text, "h");
        assert_eq!(
            warnings,
            vec!["u.txt: UTF-16 text with an odd number of bytes, the last byte is ignored"]
        );
    }

    #[test]
    fn json_must_be_clean_text() {
        assert_eq!(decode_json("d.json", b"\xEF\xBB\xBF{}").unwrap(), "{}");
        assert_eq!(
            decode_json("d.json", b"{\n  \"a\": \"\xFF\"}")
                .unwrap_err()
                .to_string(),
            "d.json:2:9: invalid UTF-8 at byte 10; a JSON file must be valid text"
        );
        assert_eq!(
            decode_json("d.json", b" \n").unwrap_err().to_string(),
            "d.json: empty file, expected a JSON object"
        );
        assert_eq!(
            decode_json("d.json", b"{\0}").unwrap_err().to_string(),
            "d.json: binary file (NUL byte at byte 1), not read as text"
        );
        assert_eq!(
            decode_json("d.json", b"{\0}\0").unwrap_err().to_string(),
            "d.json: binary file (NUL byte at byte 1), not read as text; UTF-16 text needs a byte-order mark"
        );
    }
}
