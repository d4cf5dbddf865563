//! The one error type of the library.

use std::fmt;

/// A place in a file: path, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (or `<embedded>/name.json` for built-in data).
    pub path: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.path)
        } else {
            write!(f, "{}:{}:{}", self.path, self.line, self.column)
        }
    }
}

/// Everything that can go wrong in geokg.
///
/// Messages are lowercase, without a trailing period, and name the file, line, column and
/// field where they exist.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file or directory concerned.
        path: String,
        /// What the operating system said.
        message: String,
    },
    /// Curated data or a graph file is malformed or inconsistent.
    Data {
        /// Where the problem is.
        location: Location,
        /// The JSON path of the offending field, such as `actors[3].aliases`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A name matched no actor.
    UnknownActor {
        /// The name as given.
        name: String,
        /// Display names of close matches, best first.
        suggestions: Vec<String>,
    },
    /// A question could not be understood.
    Question {
        /// The question as given.
        question: String,
        /// What is wrong, and the forms that are understood.
        message: String,
    },
    /// A command-line argument or option value is invalid.
    Usage(String),
    /// Several problems found at once (every problem in a set of data files), in the
    /// order found; never empty, never one.
    Several(Vec<Error>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, message } => write!(f, "{path}: {message}"),
            Error::Data {
                location,
                field,
                message,
            } => {
                if field.is_empty() {
                    write!(f, "{location}: {message}")
                } else {
                    write!(f, "{location}: {field}: {message}")
                }
            }
            Error::UnknownActor { name, suggestions } => {
                write!(f, "no actor named \"{name}\"")?;
                if !suggestions.is_empty() {
                    let list: Vec<String> =
                        suggestions.iter().map(|s| format!("\"{s}\"")).collect();
                    write!(f, "; did you mean {}?", list.join(" or "))?;
                }
                Ok(())
            }
            Error::Question { question, message } => {
                write!(f, "cannot understand \"{question}\": {message}")
            }
            Error::Usage(message) => write!(f, "{message}"),
            Error::Several(errors) => {
                write!(f, "{} problems:", errors.len())?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// Problems found together become one error: the problem itself when there is one,
/// [`Error::Several`] when there are more.
impl From<Vec<Error>> for Error {
    fn from(mut errors: Vec<Error>) -> Error {
        if errors.len() == 1 {
            errors.remove(0)
        } else {
            Error::Several(errors)
        }
    }
}

impl Error {
    /// The single problems this error holds: the errors of [`Error::Several`], else
    /// itself.
    pub fn problems(&self) -> &[Error] {
        match self {
            Error::Several(errors) => errors,
            one => std::slice::from_ref(one),
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<String>, err: &std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            message: lower_first(&err.to_string()),
        }
    }

    /// [`Error::Data`] about `field` of the file at `path`, at no particular line.
    pub(crate) fn data(path: &str, field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Data {
            location: Location {
                path: path.into(),
                line: 0,
                column: 0,
            },
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Reads `text` as JSON of type `T`; a failure is an [`Error::Data`] naming `path`, the
/// line, column and field.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        Error::Data {
            location: Location {
                path: path.into(),
                line: inner.line(),
                column: inner.column(),
            },
            field,
            message: serde_message(&inner),
        }
    })
}

/// serde_json's message without its trailing " at line L column C", in the error style,
/// and in JSON's words rather than Rust's ("expected an object", not "expected struct
/// FileRecord"; "expected a number", not "expected f64").
pub(crate) fn serde_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let s = s.rfind(" at line ").map_or(s.as_str(), |i| &s[..i]);
    let mut s = s.replace('`', "\"");
    if s.starts_with("invalid length") && s.contains("expected struct ") {
        // a struct read from an array
        s = "invalid type: array, expected an object".to_string();
    } else if let Some(i) = s.find("expected struct ") {
        let end = s[i + 16..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(s.len(), |j| i + 16 + j);
        s.replace_range(i..end, "expected an object");
    }
    // a word that is not true, false or null ("expected ident"), or no value at all
    if s == "expected ident" || s == "expected value" {
        s = "not JSON here: expected a value (an object, array, string, number, true, false or null)"
            .to_string();
    }
    for (rust, json) in [
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected f64", "expected a number"),
    ] {
        if s.ends_with(rust) {
            s.replace_range(s.len() - rust.len().., json);
        }
    }
    lower_first(&s)
}

/// The field path serde_path_to_error reports, with its placeholders for "no field"
/// (`.`, `?`) turned into an empty string.
pub(crate) fn field_path(path: String) -> String {
    if path == "." || path == "?" {
        String::new()
    } else {
        path
    }
}

/// Lowercases the first letter of an OS or serde message, per the error style.
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && !chars.clone().next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}
