//! CoNLL-U: the treebank format, read for training and evaluation and written by
//! `geokg parse --format conllu`.
//!
//! Only the basic tree is kept: multiword-token lines (`1-2`) give the surface token and
//! its span, empty nodes (`8.1`) are skipped, and the `# text` comment and `SpaceAfter=No`
//! let the raw text be rebuilt for tokenizer evaluation.

use crate::error::{Error, Location};

/// One word of a sentence (an integer-id line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written.
    pub form: String,
    /// Its lemma (`_` when the file has none).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific (Penn Treebank) part of speech.
    pub xpos: String,
    /// 1-based index of its head word, 0 for the root.
    pub head: usize,
    /// The dependency relation to its head, with subtype (`nsubj:pass`).
    pub deprel: String,
    /// No space follows the word in the raw text (`SpaceAfter=No`).
    pub no_space_after: bool,
}

/// A multiword token: words `first..=last` are written as `form` in the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// 1-based index of the first word.
    pub first: usize,
    /// 1-based index of the last word.
    pub last: usize,
    /// The token as written.
    pub form: String,
    /// No space follows the token.
    pub no_space_after: bool,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The `# sent_id` comment, when present.
    pub id: String,
    /// The `# text` comment, when present.
    pub text: Option<String>,
    /// The words, in order (word `i` of the file is `words[i - 1]`).
    pub words: Vec<Word>,
    /// The multiword tokens.
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    /// The surface tokens in order: for each, the range of word indices (0-based) it
    /// covers, its form, and whether a space follows it.
    pub fn tokens(&self) -> Vec<(std::ops::Range<usize>, &str, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        let mut mwt = self.multiword.iter().peekable();
        while i < self.words.len() {
            if let Some(m) = mwt.next_if(|m| m.first == i + 1) {
                let last = m.last.min(self.words.len()).max(i + 1);
                out.push((i..last, m.form.as_str(), !m.no_space_after));
                i = last;
            } else {
                let w = &self.words[i];
                out.push((i..i + 1, w.form.as_str(), !w.no_space_after));
                i += 1;
            }
        }
        out
    }

    /// The raw text: the `# text` comment, or the tokens joined by their spacing.
    pub fn raw_text(&self) -> String {
        if let Some(t) = &self.text {
            return t.clone();
        }
        let mut s = String::new();
        for (_, form, space) in self.tokens() {
            s.push_str(form);
            if space {
                s.push(' ');
            }
        }
        s.truncate(s.trim_end().len());
        s
    }
}

/// Reads every sentence of CoNLL-U text; `path` names the file in errors.
///
/// # Errors
/// A token line with fewer than ten columns, or an id, head or range that is not a
/// number, is an error naming the file, line and column.
pub fn parse(text: &str, path: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let err = |line: usize, column: usize, field: &str, message: String| Error::Data {
        location: Location {
            path: path.to_string(),
            line,
            column,
        },
        field: field.to_string(),
        message,
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            } else {
                cur = Sentence::default();
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(t) = comment.strip_prefix("text =") {
                cur.text = Some(t.trim().to_string());
            } else if let Some(t) = comment.strip_prefix("sent_id =") {
                cur.id = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            return Err(err(
                line_no,
                1,
                "",
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let no_space = cols[9].split('|').any(|m| m == "SpaceAfter=No");
        let id = cols[0];
        if id.contains('.') {
            continue; // an empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(f), Ok(l)) if f >= 1 && l >= f => (f, l),
                _ => return Err(err(line_no, 1, "ID", format!("bad token range \"{id}\""))),
            };
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                no_space_after: no_space,
            });
            continue;
        }
        let index: usize = id
            .parse()
            .map_err(|_| err(line_no, 1, "ID", format!("bad word id \"{id}\"")))?;
        if index != cur.words.len() + 1 {
            return Err(err(
                line_no,
                1,
                "ID",
                format!(
                    "word id {index} out of order (expected {})",
                    cur.words.len() + 1
                ),
            ));
        }
        let column7 = cols[..6].iter().map(|c| c.len() + 1).sum::<usize>() + 1;
        let head: usize = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| {
                err(
                    line_no,
                    column7,
                    "HEAD",
                    format!("bad head \"{}\"", cols[6]),
                )
            })?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            no_space_after: no_space,
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        let n = s.words.len();
        for w in &mut s.words {
            if w.head > n {
                w.head = 0;
            }
        }
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
///
/// # Errors
/// The file cannot be read, or [`parse`] fails.
pub fn read(path: &std::path::Path) -> Result<Vec<Sentence>, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(&shown, &e))?;
    parse(&text, &shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_ranges_and_skips_empty_nodes() {
        let text = "# sent_id = x\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = parse(text, "t.conllu").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].words[2].deprel, "root");
        let toks = s[0].tokens();
        assert_eq!(toks.len(), 3);
        assert_eq!(toks[1], (1..3, "don't", false));
        assert_eq!(s[0].raw_text(), "I don't.");
    }

    #[test]
    fn a_short_line_names_file_and_line() {
        let e = parse("1\tI\tI\n", "x.conllu").unwrap_err().to_string();
        assert!(e.starts_with("x.conllu:1:1"), "{e}");
    }
}
