//! Reading files: bytes to text, with the encoding problems news files have.
//!
//! UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are
//! decoded. Invalid UTF-8 is decoded lossily (U+FFFD) and reported as a warning that
//! names the file and the byte offset of the first bad byte; nothing is refused for its
//! encoding alone.

use std::path::Path;

use crate::error::{Error, Result};

/// Decodes file bytes; returns the text and any warnings. `name` is used in warnings.
pub fn decode(name: &str, bytes: &[u8]) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(name, rest);
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, true), warnings);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, false), warnings);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), warnings),
        Err(e) => {
            warnings.push(format!(
                "{name}: invalid UTF-8 at byte {}, decoded with replacement characters",
                e.valid_up_to()
            ));
            (String::from_utf8_lossy(bytes).into_owned(), warnings)
        }
    }
}

/// Reads a file as text; see [`decode`].
///
/// # Errors
/// [`Error::Io`] naming the file when it cannot be read.
pub fn read_text(path: &Path) -> Result<(String, Vec<String>)> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
    Ok(decode(&shown, &bytes))
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
    }
}
