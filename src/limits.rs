//! Limits: how much will geokg read before it says no?
//!
//! Every limit is here, so that the table in docs/cli.md and the code cannot drift apart. Each
//! one is far above what real input needs, and each is enforced with a message naming
//! what was too large, never with a hang or a crash:
//!
//! | limit | value | when exceeded |
//! | --- | --- | --- |
//! | [`MAX_DOCUMENT_BYTES`] | 16 MiB | the document (a text file, standard input, or one JSON Lines article line) is not read; an error names it, and the other inputs are still read |
//! | [`MAX_SENTENCE_BYTES`] | 8 KiB | the sentence is not read for relations; a warning names the document, the sentence and its byte span |
//! | [`MAX_NAMES_PER_LIST`] | 100 | a curated actor's `aliases`, `demonyms`, `ambiguous_aliases` or `descriptions` list is an error |
//! | [`MAX_NAME_BYTES`] | 200 bytes | a curated name, alias, demonym, capital or official name is an error; a name this long asked for in a query gets no suggestions |

/// The largest document read, in bytes (16 MiB): a text file, standard input, or the
/// line of one JSON Lines article. A longer news article does not exist; a file this
/// large is a dump or a log, to be split first. The size of a file is checked before it
/// is read, so memory stays bounded whatever the input.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// The longest sentence read for relations, in bytes (8 KiB, well over a thousand
/// words). Text without sentence breaks (a table, a run-on dump) would otherwise be one
/// sentence that the clause rules read in time that grows faster than its length.
pub const MAX_SENTENCE_BYTES: usize = 8 << 10;

/// The most entries in one name list of a curated actor (`aliases`, `demonyms`,
/// `ambiguous_aliases`, `descriptions`).
pub const MAX_NAMES_PER_LIST: usize = 100;

/// The longest curated name, alias, demonym, capital or official name, in bytes.
pub const MAX_NAME_BYTES: usize = 200;
