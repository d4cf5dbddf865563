//! Scores of a model on a treebank, by the definitions of the CoNLL 2018 shared task:
//! every word counts (punctuation included); LAS compares the universal part of the
//! relation (`nsubj` for `nsubj:pass`).

use super::conllu::Sentence;
use super::model::Model;
use std::time::Instant;

/// Accuracies on gold-tokenized sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Sentences scored.
    pub sentences: usize,
    /// Words scored.
    pub tokens: usize,
    /// Share of words with the right UPOS.
    pub upos: f64,
    /// Share of words with the right XPOS.
    pub xpos: f64,
    /// Share of words with the right lemma.
    pub lemma: f64,
    /// Share of words with the right head.
    pub uas: f64,
    /// Share of words with the right head and universal relation.
    pub las: f64,
    /// Share of words with the right head and full relation, subtype included.
    pub las_subtypes: f64,
    /// Sentences tagged, lemmatized and parsed per second, on one thread.
    pub sentences_per_second: f64,
    /// Words per second, likewise.
    pub tokens_per_second: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Tags, lemmatizes and parses the gold words of each sentence and scores the result.
pub fn evaluate(model: &Model, sentences: &[Sentence]) -> Scores {
    let start = Instant::now();
    let parsed: Vec<_> = sentences
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            model.annotate(&forms)
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    let mut c = [0usize; 6];
    let mut tokens = 0;
    for (gold, pred) in sentences.iter().zip(&parsed) {
        for (g, p) in gold.words.iter().zip(pred) {
            tokens += 1;
            c[0] += usize::from(g.upos == p.upos);
            c[1] += usize::from(g.xpos == p.xpos);
            c[2] += usize::from(g.lemma == p.lemma);
            let head = g.head == p.head;
            c[3] += usize::from(head);
            c[4] += usize::from(head && universal(&g.deprel) == universal(&p.deprel));
            c[5] += usize::from(head && g.deprel == p.deprel);
        }
    }
    let share = |k: usize| c[k] as f64 / tokens.max(1) as f64;
    Scores {
        sentences: sentences.len(),
        tokens,
        upos: share(0),
        xpos: share(1),
        lemma: share(2),
        uas: share(3),
        las: share(4),
        las_subtypes: share(5),
        sentences_per_second: sentences.len() as f64 / seconds,
        tokens_per_second: tokens as f64 / seconds,
    }
}

/// Scores from raw text: tokenization and parsing measured over aligned words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawScores {
    /// Sentences scored.
    pub sentences: usize,
    /// Gold words.
    pub gold_words: usize,
    /// Predicted words.
    pub predicted_words: usize,
    /// Word F1 of the tokenizer (a word is right when its span is).
    pub tokens_f1: f64,
    /// LAS F1: words whose span, head's span and universal relation are all right.
    pub las_f1: f64,
    /// Sentences per second from raw text to tree, on one thread.
    pub sentences_per_second: f64,
}

/// Tokenizes each sentence's `# text`, parses it, and scores words aligned by span.
pub fn evaluate_raw(model: &Model, sentences: &[Sentence]) -> RawScores {
    use super::tokenize::{gold_spans, span_matches};
    let (mut gold_n, mut pred_n, mut matched, mut las) = (0usize, 0usize, 0usize, 0usize);
    let start = Instant::now();
    let parsed: Vec<_> = sentences
        .iter()
        .map(|s| {
            let text = s.raw_text();
            let words = model.parse(&text);
            (text, words)
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    for (s, (text, words)) in sentences.iter().zip(&parsed) {
        let gold = gold_spans(s, text);
        let pred: Vec<_> = words.iter().map(|w| w.span.clone()).collect();
        gold_n += gold.len();
        pred_n += pred.len();
        matched += span_matches(&gold, &pred);
        let gold_at: std::collections::HashMap<(usize, usize), usize> = gold
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.start, r.end), i))
            .collect();
        let span_of = |spans: &[std::ops::Range<usize>], head: usize| {
            (head > 0).then(|| (spans[head - 1].start, spans[head - 1].end))
        };
        for w in words {
            if let Some(&g) = gold_at.get(&(w.span.start, w.span.end)) {
                let gw = &s.words[g];
                let gold_head = if gw.head == 0 {
                    None
                } else {
                    span_of(&gold, gw.head)
                };
                let pred_head = span_of(&pred, w.head);
                if gold_head == pred_head && universal(&gw.deprel) == universal(&w.deprel) {
                    las += 1;
                }
            }
        }
    }
    let f1 = |k: usize| 2.0 * k as f64 / (gold_n + pred_n).max(1) as f64;
    RawScores {
        sentences: sentences.len(),
        gold_words: gold_n,
        predicted_words: pred_n,
        tokens_f1: f1(matched),
        las_f1: f1(las),
        sentences_per_second: sentences.len() as f64 / seconds,
    }
}
