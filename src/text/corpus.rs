//! Corpus input: which documents are there to read?
//!
//! Documents come from text files, directories (searched recursively for `.txt` and
//! `.md`), standard input, and JSON Lines of articles (`{"id", "title", "date", "url",
//! "text"}`, one per line). A [`Reader`] hands them out one at a time, so memory follows
//! the largest document, not the corpus. A bad line is an [`Item::Problem`] naming file
//! and line, and reading goes on.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location};
use crate::limits::MAX_DOCUMENT_BYTES;
use crate::model::Date;

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Document id: the file stem (for a file found in a directory, its path from that
    /// directory without the extension), `stdin`, or the article's `id`.
    pub id: String,
    /// Headline, when the article gives one (not read for relations).
    pub title: Option<String>,
    /// Publication date, when the article gives one; extracted claims carry it.
    pub date: Option<Date>,
    /// Where the article was published, when given.
    pub url: Option<String>,
    /// The text relations are read from; spans point into it.
    pub text: String,
}

impl Document {
    /// A document with an id and a text only.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }
}

/// One article line of a JSON Lines corpus. Fields other than these are ignored, so
/// exports from other tools can be read as they are.
#[derive(Debug, Clone, Deserialize)]
pub struct ArticleRecord {
    /// Unique id of the article; becomes the document id.
    pub id: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a timestamp starting with `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Address of the article.
    #[serde(default)]
    pub url: Option<String>,
    /// Body text.
    pub text: String,
}

/// Reads a date as articles give it: `2024`, `2024-03`, `2024-03-05`, or a timestamp
/// such as `2024-03-05T10:00:00Z` or `2024-03-05 10:00` (the day is kept).
///
/// # Errors
/// A message saying what is wrong with the date.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let day_part = match s.find(['T', ' ']) {
        Some(10) => &s[..10],
        _ => s,
    };
    day_part.parse()
}

/// Reads one line of a JSON Lines corpus (`line` is 1-based, for messages). Returns the
/// document and, when its date is unreadable, a warning (the article is still read,
/// without a date).
///
/// # Errors
/// When the line is not a JSON object with string `id` and `text`, or the id is empty;
/// the error names file, line and column.
pub fn parse_article(
    path: &str,
    line: usize,
    text: &str,
) -> Result<(Document, Option<String>), Error> {
    let at = |column: usize, field: &str, message: String| Error::Data {
        location: Location {
            path: path.to_string(),
            line,
            column,
        },
        field: field.to_string(),
        message,
    };
    let column_of = |field: &str| text.find(&format!("\"{field}\"")).map_or(1, |c| c + 1);
    let mut de = serde_json::Deserializer::from_str(text);
    let record: ArticleRecord = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = crate::error::field_path(e.path().to_string());
        let inner = e.into_inner();
        at(inner.column(), &field, crate::error::serde_message(&inner))
    })?;
    de.end()
        .map_err(|e| at(e.column(), "", crate::error::serde_message(&e)))?;
    if record.id.trim().is_empty() {
        return Err(at(column_of("id"), "id", "article id is empty".into()));
    }
    let mut warning = None;
    let date = match record.date.as_deref().filter(|d| !d.trim().is_empty()) {
        None => None,
        Some(d) => match parse_date(d) {
            Ok(date) => Some(date),
            Err(m) => {
                let e = at(column_of("date"), "date", m);
                warning = Some(format!("{e}; the article is read without a date"));
                None
            }
        },
    };
    Ok((
        Document {
            id: record.id,
            title: record.title,
            date,
            url: record.url,
            text: record.text,
        },
        warning,
    ))
}

/// What a [`Reader`] hands out.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A document to read.
    Document(Document),
    /// Something odd that did not stop the document (bad bytes, a bad date).
    Warning(String),
    /// A file that could not be read or a line that is not an article; reading goes on.
    Problem(Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// A text file and its document id.
    Text(PathBuf, String),
    Jsonl(PathBuf),
    StdinText,
    StdinJsonl,
}

struct JsonlState {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// Hands out the documents of a corpus one at a time, in a fixed order: inputs as given,
/// directory entries sorted by name, lines in file order.
pub struct Reader {
    sources: VecDeque<Source>,
    pending: VecDeque<Item>,
    jsonl: Option<JsonlState>,
    total: Option<u64>,
    consumed: u64,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("sources", &self.sources)
            .field("consumed", &self.consumed)
            .finish_non_exhaustive()
    }
}

fn is_jsonl(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "jsonl")
}

impl Reader {
    /// A reader over `inputs`: files, directories (recursively, `.txt` and `.md`), and
    /// `-` for standard input. Files ending in `.jsonl` are JSON Lines of articles; with
    /// `jsonl` set, standard input and every named file are.
    pub fn open(inputs: &[PathBuf], jsonl: bool) -> Self {
        let mut sources = VecDeque::new();
        let mut pending = VecDeque::new();
        let mut total = Some(0u64);
        for p in inputs {
            if p.as_os_str() == "-" {
                sources.push_back(if jsonl {
                    Source::StdinJsonl
                } else {
                    Source::StdinText
                });
                total = None;
            } else if p.is_dir() {
                let mut files = Vec::new();
                collect_dir(p, &mut files, &mut pending);
                sources.extend(files.into_iter().map(|f| {
                    let id = id_in_dir(p, &f);
                    Source::Text(f, id)
                }));
            } else if jsonl || is_jsonl(p) {
                sources.push_back(Source::Jsonl(p.clone()));
            } else {
                sources.push_back(Source::Text(p.clone(), stem(p)));
            }
        }
        if let Some(t) = total.as_mut() {
            for s in &sources {
                if let Source::Text(p, _) | Source::Jsonl(p) = s {
                    *t += std::fs::metadata(p).map_or(0, |m| m.len());
                }
            }
        }
        Reader {
            sources,
            pending,
            jsonl: None,
            total,
            consumed: 0,
        }
    }

    /// A reader over JSON Lines already open, such as a pipe; `name` is used in messages.
    pub fn from_jsonl(name: &str, input: impl Read + 'static) -> Self {
        Reader {
            sources: VecDeque::new(),
            pending: VecDeque::new(),
            jsonl: Some(JsonlState {
                name: name.to_string(),
                reader: Box::new(BufReader::new(input)),
                line: 0,
            }),
            total: None,
            consumed: 0,
        }
    }

    /// Total size of the input files in bytes, when known (not for standard input).
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.consumed
    }

    fn next_line(&mut self) -> Option<Item> {
        let state = self.jsonl.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match read_line_bounded(&mut state.reader, &mut buf, MAX_DOCUMENT_BYTES) {
                Ok((0, _)) => {
                    self.jsonl = None;
                    return None;
                }
                Ok((n, true)) => {
                    self.consumed += n as u64;
                    state.line += 1;
                    return Some(Item::Problem(Error::Data {
                        location: Location {
                            path: state.name.clone(),
                            line: state.line,
                            column: 1,
                        },
                        field: String::new(),
                        message: format!(
                            "article line of {n} bytes, over the limit of {MAX_DOCUMENT_BYTES} bytes for one document; skipped"
                        ),
                    }));
                }
                Ok((n, false)) => {
                    self.consumed += n as u64;
                    state.line += 1;
                    if state.line == 1 && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        buf.drain(..3);
                    }
                    let line = state.line;
                    let name = state.name.clone();
                    let (text, warnings) =
                        crate::text::input::decode(&format!("{name}:{line}"), &buf);
                    let trimmed = text.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    self.pending.extend(warnings.into_iter().map(Item::Warning));
                    return Some(match parse_article(&name, line, trimmed) {
                        Ok((doc, warning)) => {
                            self.pending.extend(warning.map(Item::Warning));
                            Item::Document(doc)
                        }
                        Err(e) => Item::Problem(e),
                    });
                }
                Err(e) => {
                    let name = state.name.clone();
                    self.jsonl = None;
                    return Some(Item::Problem(Error::io(&name, &e)));
                }
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.jsonl.is_some() {
                if let Some(item) = self.next_line() {
                    // warnings about a line come before its document
                    if !self.pending.is_empty() {
                        self.pending.push_back(item);
                        continue;
                    }
                    return Some(item);
                }
                continue;
            }
            let source = self.sources.pop_front()?;
            match source {
                Source::Text(path, id) => {
                    let item = match crate::text::input::read_text(&path) {
                        Ok((text, warnings)) => {
                            self.consumed += text.len() as u64;
                            self.pending.extend(warnings.into_iter().map(Item::Warning));
                            Item::Document(Document::new(id, text))
                        }
                        Err(e) => Item::Problem(e),
                    };
                    self.pending.push_back(item);
                }
                Source::StdinText => {
                    let read = crate::text::input::read_limited(
                        std::io::stdin().lock(),
                        MAX_DOCUMENT_BYTES,
                    );
                    let item = match read {
                        Ok(Some(bytes)) => {
                            self.consumed += bytes.len() as u64;
                            match crate::text::input::text_from_bytes("<stdin>", &bytes) {
                                Ok((text, warnings)) => {
                                    self.pending.extend(warnings.into_iter().map(Item::Warning));
                                    Item::Document(Document::new("stdin", text))
                                }
                                Err(e) => Item::Problem(e),
                            }
                        }
                        Ok(None) => Item::Problem(crate::text::input::too_large("<stdin>", None)),
                        Err(e) => Item::Problem(Error::io("-", &e)),
                    };
                    self.pending.push_back(item);
                }
                Source::Jsonl(path) => {
                    let name = path.display().to_string();
                    match std::fs::File::open(&path) {
                        Ok(f) => {
                            self.jsonl = Some(JsonlState {
                                name,
                                reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                                line: 0,
                            });
                        }
                        Err(e) => self.pending.push_back(Item::Problem(Error::io(&name, &e))),
                    }
                }
                Source::StdinJsonl => {
                    self.jsonl = Some(JsonlState {
                        name: "<stdin>".into(),
                        reader: Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
                        line: 0,
                    });
                }
            }
        }
    }
}

/// Reads one line (up to and with its `\n`) into `buf`, keeping at most `limit` bytes:
/// returns the bytes consumed and whether the line was longer (then `buf` is empty and
/// the rest of the line has been skipped), so one huge line costs no memory.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut over = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, over));
        }
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !over {
            if buf.len() + take > limit + 1 {
                over = true;
                *buf = Vec::new();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        reader.consume(take);
        consumed += take;
        if done {
            return Ok((consumed, over));
        }
    }
}

/// The document id of a file named on its own: its name without the extension.
fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The document id of `file`, found under the directory `dir`: its path from `dir`, with
/// `/` between the parts and no extension (`2024/05/report` for
/// `dir/2024/05/report.txt`), so that files of one name in different folders stay
/// different documents and each claim's evidence leads back to its file.
fn id_in_dir(dir: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(dir).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    parts.push(stem(file));
    parts.join("/")
}

/// Collects the `.txt` and `.md` files under `dir`, sorted by name. A file that cannot
/// be read as a regular file (a dangling link, a pipe) is a problem; a directory
/// reached a second time through a link is skipped with a warning.
fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut VecDeque<Item>) {
    let mut seen = std::collections::HashSet::new();
    if let Ok(c) = dir.canonicalize() {
        seen.insert(c);
    }
    let before = files.len();
    walk_dir(dir, files, problems, &mut seen);
    if files.len() == before && std::fs::read_dir(dir).is_ok() {
        problems.push_back(Item::Warning(format!(
            "{}: no .txt or .md file in this directory or below it",
            dir.display()
        )));
    }
}

fn walk_dir(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut VecDeque<Item>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push_back(Item::Problem(Error::io(dir.display().to_string(), &e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let text_file = p.extension().is_some_and(|e| e == "txt" || e == "md");
        let shown = p.display().to_string();
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                let first = p.canonicalize().map_or(true, |c| seen.insert(c));
                if first {
                    walk_dir(&p, files, problems, seen);
                } else {
                    problems.push_back(Item::Warning(format!(
                        "{shown}: directory already read (a link back into the tree), skipped"
                    )));
                }
            }
            Ok(m) if text_file && m.is_file() => files.push(p),
            Ok(_) if text_file => problems.push_back(Item::Problem(Error::Data {
                location: Location {
                    path: shown,
                    line: 0,
                    column: 0,
                },
                field: String::new(),
                message: "not a regular file (a pipe, socket or device), skipped".into(),
            })),
            // JSON Lines are read only when named: a directory may hold claim lines that
            // `extract` wrote there, and those are no articles
            Ok(m) if m.is_file() && p.extension().is_some_and(|e| e == "jsonl") => {
                problems.push_back(Item::Warning(format!(
                    "{shown}: JSON Lines in a directory are not read; name the file to read its articles"
                )));
            }
            Ok(_) => {}
            Err(e) if text_file => problems.push_back(Item::Problem(Error::io(&shown, &e))),
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_parse_with_dates_and_problems_name_the_line() {
        let (d, w) = parse_article(
            "a.jsonl",
            3,
            r#"{"id": "x1", "title": "T", "date": "2024-03-05T10:00:00Z", "url": null, "text": "Egypt backs Haftar.", "lang": "en"}"#,
        )
        .unwrap();
        assert_eq!(d.id, "x1");
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(w, None);
        let (d, w) = parse_article(
            "a.jsonl",
            4,
            r#"{"id": "x2", "date": "March", "text": "t"}"#,
        )
        .unwrap();
        assert_eq!(d.date, None);
        assert!(
            w.as_deref()
                .is_some_and(|w| w.starts_with("a.jsonl:4:") && w.contains("date")),
            "{w:?}"
        );
        let e = parse_article("a.jsonl", 7, r#"{"id": "x3"}"#).unwrap_err();
        assert!(e.to_string().starts_with("a.jsonl:7:"), "{e}");
        assert!(e.to_string().contains("text"), "{e}");
        let e = parse_article("a.jsonl", 8, "{not json").unwrap_err();
        assert!(e.to_string().starts_with("a.jsonl:8:"), "{e}");
        let e = parse_article("a.jsonl", 9, r#"{"id": "", "text": "t"}"#).unwrap_err();
        assert!(e.to_string().contains("id"), "{e}");
    }

    #[test]
    fn dates_in_article_forms() {
        for (s, want) in [
            ("2024", "2024"),
            ("2024-03", "2024-03"),
            ("2024-03-05", "2024-03-05"),
            ("2024-03-05 10:00", "2024-03-05"),
        ] {
            assert_eq!(parse_date(s).map(|d| d.to_string()), Ok(want.to_string()));
        }
        assert!(parse_date("05/03/2024").is_err());
    }

    #[test]
    fn jsonl_reader_goes_on_after_a_bad_line() {
        let input =
            "{\"id\": \"a\", \"text\": \"one\"}\n\nnot json\n{\"id\": \"b\", \"text\": \"two\"}\n";
        let items: Vec<Item> =
            Reader::from_jsonl("in.jsonl", std::io::Cursor::new(input)).collect();
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(&items[0], Item::Document(d) if d.id == "a"));
        assert!(
            matches!(&items[1], Item::Problem(e) if e.to_string().starts_with("in.jsonl:3:")),
            "{items:?}"
        );
        assert!(matches!(&items[2], Item::Document(d) if d.id == "b" && d.text == "two"));
    }
}
