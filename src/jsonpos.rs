//! Byte offsets of the values in a JSON text, by path (`actors[3].aliases[1]`).
//!
//! serde gives the position of syntax and type errors; checks that run after parsing
//! (duplicate ids, unknown references) use this index to point at the offending value.
//! The input has already been parsed by serde_json, so this walker can be simple: on
//! anything unexpected it stops and returns what it has.

use std::collections::HashMap;

/// Maps JSON paths to the byte offset where their value starts.
pub(crate) struct JsonPositions {
    offsets: HashMap<String, usize>,
}

impl JsonPositions {
    pub(crate) fn new(text: &str) -> Self {
        let mut walker = Walker {
            bytes: text.as_bytes(),
            pos: 0,
            offsets: HashMap::new(),
        };
        let _ = walker.value(String::new());
        JsonPositions {
            offsets: walker.offsets,
        }
    }

    /// Offset of the value at `path`, or of its closest recorded ancestor.
    pub(crate) fn offset(&self, path: &str) -> usize {
        let mut p = path;
        loop {
            if let Some(&o) = self.offsets.get(p) {
                return o;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.offsets.get("").copied().unwrap_or(0),
            }
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    offsets: HashMap<String, usize>,
}

impl Walker<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self, path: String) -> Option<()> {
        self.skip_ws();
        self.offsets.insert(path.clone(), self.pos);
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        b'"' => {
                            let key = self.string()?;
                            self.skip_ws();
                            if self.peek()? != b':' {
                                return None;
                            }
                            self.pos += 1;
                            let child = if path.is_empty() {
                                key
                            } else {
                                format!("{path}.{key}")
                            };
                            self.value(child)?;
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        _ => {
                            self.value(format!("{path}[{i}]"))?;
                            i += 1;
                        }
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
            _ => {
                while let Some(b) = self.peek() {
                    if b == b',' || b == b'}' || b == b']' || b.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// Reads a string starting at the opening quote; returns its raw content.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    let raw = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
                    self.pos += 1;
                    return Some(raw.to_string());
                }
                _ => self.pos += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": true\n}";
        let pos = JsonPositions::new(text);
        assert_eq!(line_col(text, pos.offset("a[1].b")), (2, 18));
        assert_eq!(line_col(text, pos.offset("c")), (3, 8));
        // unknown paths fall back to the nearest ancestor
        assert_eq!(pos.offset("a[1].zz"), pos.offset("a[1]"));
    }
}
