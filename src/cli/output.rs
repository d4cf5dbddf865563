//! Writing results: standard output that stops quietly when the reader goes away, files replaced atomically, JSON.

use super::*;

pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes `text` to `path` through a temporary file in the same directory, synced and
/// then renamed into place: a reader, a crash or a full disk sees the old file or the
/// new one, never a part. The new file keeps the old one's permissions.
///
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a pipe) is written
/// directly, never replaced; a symbolic link is followed, so its target is replaced and
/// the link stays.
pub(crate) fn write_file(path: &std::path::Path, text: impl AsRef<[u8]>) -> Result<(), Vec<Error>> {
    let shown = path.display().to_string();
    let io_error = |e: std::io::Error| {
        vec![Error::Io {
            path: shown.clone(),
            message: e.to_string().to_lowercase(),
        }]
    };
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() && !m.is_dir() {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_ref()))
                .map_err(io_error);
        }
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.geokg-tmp-{}", std::process::id()));
    // the new file keeps the permissions of the one it replaces
    let old_permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_ref()).and_then(|()| f.sync_all()))
        .and_then(|()| match old_permissions {
            Some(p) => std::fs::set_permissions(&tmp, p),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&tmp, &target));
    match result {
        Ok(()) => {
            // make the rename itself durable; not every file system can sync a directory
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(io_error(e))
        }
    }
}

/// Would writing `output` overwrite one of `inputs`: the same file under any spelling,
/// or a text file inside an input directory that a corpus read takes in?
pub(crate) fn overwrites_input(output: &std::path::Path, inputs: &[&PathBuf]) -> bool {
    let out = output.canonicalize().ok();
    let text_file = output.extension().is_some_and(|e| e == "txt" || e == "md");
    inputs.iter().any(|i| {
        if i.as_path() == output {
            return true;
        }
        match (&out, i.canonicalize()) {
            (Some(o), Ok(c)) => *o == c || (text_file && c.is_dir() && o.starts_with(&c)),
            _ => false,
        }
    })
}

/// Writes to standard output; a closed pipe stops the run quietly.
pub(crate) struct Out {
    w: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl Out {
    pub(crate) fn new() -> Self {
        Out {
            w: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            closed: false,
        }
    }

    /// Writes `s`; false when the reader has gone away.
    pub(crate) fn write(&mut self, s: &str) -> Result<bool, Vec<Error>> {
        if self.closed {
            return Ok(false);
        }
        match self.w.write_all(s.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => self.failed(e),
        }
    }

    pub(crate) fn finish(&mut self) -> Result<(), Vec<Error>> {
        if !self.closed {
            if let Err(e) = self.w.flush() {
                self.failed(e)?;
            }
        }
        Ok(())
    }

    pub(crate) fn failed(&mut self, e: std::io::Error) -> Result<bool, Vec<Error>> {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
            Ok(false)
        } else {
            Err(vec![Error::Usage(format!(
                "cannot write output: {}",
                e.to_string().to_lowercase()
            ))])
        }
    }
}

/// One JSON value as an element of a pretty-printed array (two more spaces of indent),
/// so that a streamed array has the bytes `serde_json::to_string_pretty` gives.
pub(crate) fn pretty_element<T: serde::Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}
