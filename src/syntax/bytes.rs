//! Little-endian byte writing and checked reading for the model file.
//!
//! Every read checks the length left, so a truncated or corrupt model is an error
//! (`Err(String)` naming what was being read), never a panic or an out-of-bounds slice.
//! [`Shared`] holds the bytes that a model's weight tables are views of.

use std::sync::Arc;

/// The bytes of a model file, which its weight tables read in place: the model compiled
/// into the binary (borrowed for the life of the program, never copied), or bytes read
/// at run time or built by training, shared by every clone of the model.
#[derive(Clone)]
pub(crate) enum Shared {
    Static(&'static [u8]),
    Owned(Arc<Vec<u8>>),
}

impl Shared {
    pub(crate) fn owned(bytes: Vec<u8>) -> Shared {
        Shared::Owned(Arc::new(bytes))
    }
}

impl std::ops::Deref for Shared {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            Shared::Static(b) => b,
            Shared::Owned(b) => b,
        }
    }
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// A length (u32) then the bytes.
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("model section under 4 GiB"));
    }
    pub(crate) fn strs(&mut self, list: &[String]) {
        self.len(list.len());
        for s in list {
            self.str(s);
        }
    }
}

/// Reads values from a byte slice, failing cleanly at its end.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

pub(crate) type ReadResult<T> = Result<T, String>;

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }
    /// A reader of `bytes` from offset `pos` on.
    pub(crate) fn at(bytes: &'a [u8], pos: usize) -> Self {
        Reader {
            bytes,
            pos: pos.min(bytes.len()),
        }
    }
    /// The offset of the next byte to read.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }
    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
    pub(crate) fn take(&mut self, n: usize, what: &str) -> ReadResult<&'a [u8]> {
        if self.bytes.len() - self.pos < n {
            return Err(format!(
                "truncated: {what} needs {n} bytes at offset {}, {} left",
                self.pos,
                self.bytes.len() - self.pos
            ));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(crate) fn u8(&mut self, what: &str) -> ReadResult<u8> {
        Ok(self.take(1, what)?[0])
    }
    pub(crate) fn u16(&mut self, what: &str) -> ReadResult<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    pub(crate) fn u32(&mut self, what: &str) -> ReadResult<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn u64(&mut self, what: &str) -> ReadResult<u64> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    pub(crate) fn f32(&mut self, what: &str) -> ReadResult<f32> {
        let b = self.take(4, what)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A count of items, each at least `min_item_bytes` long: a count larger than the
    /// bytes left could hold is corrupt (and would otherwise reserve absurd memory).
    pub(crate) fn len(&mut self, min_item_bytes: usize, what: &str) -> ReadResult<usize> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(min_item_bytes.max(1)) > self.bytes.len() - self.pos {
            return Err(format!(
                "corrupt: {what} claims {n} items, more than the file holds"
            ));
        }
        Ok(n)
    }
    pub(crate) fn str(&mut self, what: &str) -> ReadResult<String> {
        let n = self.len(1, what)?;
        let b = self.take(n, what)?;
        String::from_utf8(b.to_vec()).map_err(|_| format!("corrupt: {what} is not UTF-8"))
    }
    pub(crate) fn strs(&mut self, what: &str) -> ReadResult<Vec<String>> {
        let n = self.len(4, what)?;
        (0..n).map(|_| self.str(what)).collect()
    }
}
