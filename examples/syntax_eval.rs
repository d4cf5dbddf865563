//! Scores the syntax model on a CoNLL-U file, by the CoNLL 2018 definitions.
//!
//! ```text
//! cargo run --release --example syntax_eval -- FILE.conllu [--json] [--raw] [--model FILE]
//! ```
//!
//! By default the gold words are tagged, lemmatized and parsed, and UPOS, XPOS, lemma,
//! UAS and LAS are printed with sentences and words per second (one thread). `--json`
//! prints one object with exactly the keys `sentences`, `tokens`, `upos`, `xpos`,
//! `lemma`, `uas`, `las`, `sentences_per_second`. `--raw` starts from each sentence's
//! `# text` instead and reports tokenization F1 and LAS F1 over words aligned by span.
//! `--write FILE` also writes the predicted annotation of the gold words as CoNLL-U.

use geokg::syntax::{conllu, eval, Model};
use std::process::ExitCode;

const USAGE: &str =
    "usage: syntax_eval FILE.conllu [--json] [--raw] [--model FILE] [--write PREDICTED.conllu]";

fn main() -> ExitCode {
    let mut file = None;
    let (mut json, mut raw, mut model_path, mut write) = (false, false, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--raw" => raw = true,
            "--write" => match args.next() {
                Some(m) => write = Some(m),
                None => return usage("--write needs a file"),
            },
            "--model" => match args.next() {
                Some(m) => model_path = Some(m),
                None => return usage("--model needs a file"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if a.starts_with('-') => return usage(&format!("unknown option {a}")),
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        return usage("no CoNLL-U file given");
    };
    let owned;
    let model: &Model = match &model_path {
        Some(p) => match Model::load(std::path::Path::new(p)) {
            Ok(m) => {
                owned = m;
                &owned
            }
            Err(e) => return fail(&e),
        },
        None => match Model::embedded() {
            Ok(m) => m,
            Err(e) => return fail(&e),
        },
    };
    let sentences = match conllu::read(std::path::Path::new(&file)) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    if raw {
        let s = eval::evaluate_raw(model, &sentences);
        if json {
            println!(
                "{{\"sentences\":{},\"gold_words\":{},\"predicted_words\":{},\"tokens_f1\":{:.4},\"las_f1\":{:.4},\"sentences_per_second\":{:.0}}}",
                s.sentences, s.gold_words, s.predicted_words, s.tokens_f1, s.las_f1, s.sentences_per_second
            );
        } else {
            println!("{file} (raw text)");
            println!("sentences            {}", s.sentences);
            println!("gold words           {}", s.gold_words);
            println!("predicted words      {}", s.predicted_words);
            println!("tokenization F1      {:.4}", s.tokens_f1);
            println!("LAS F1 (aligned)     {:.4}", s.las_f1);
            println!(
                "sentences/s          {:.0} (one thread, tokenize + tag + parse)",
                s.sentences_per_second
            );
        }
        return ExitCode::SUCCESS;
    }
    if let Some(path) = write {
        let mut out = String::new();
        for s in &sentences {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (i, w) in model.annotate(&forms).iter().enumerate() {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n",
                    i + 1,
                    w.form,
                    w.lemma,
                    w.upos,
                    w.xpos,
                    w.head,
                    w.deprel
                ));
            }
            out.push('\n');
        }
        if let Err(e) = std::fs::write(&path, out) {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    }
    let s = eval::evaluate(model, &sentences);
    if json {
        println!(
            "{{\"sentences\":{},\"tokens\":{},\"upos\":{:.4},\"xpos\":{:.4},\"lemma\":{:.4},\"uas\":{:.4},\"las\":{:.4},\"sentences_per_second\":{:.0}}}",
            s.sentences, s.tokens, s.upos, s.xpos, s.lemma, s.uas, s.las, s.sentences_per_second
        );
    } else {
        println!("{file} (gold tokenization, predicted tags)");
        println!("sentences            {}", s.sentences);
        println!("words                {}", s.tokens);
        println!("UPOS                 {:.4}", s.upos);
        println!("XPOS                 {:.4}", s.xpos);
        println!("lemma                {:.4}", s.lemma);
        println!("UAS                  {:.4}", s.uas);
        println!("LAS                  {:.4}", s.las);
        println!("LAS with subtypes    {:.4}", s.las_subtypes);
        println!(
            "sentences/s          {:.0} (one thread, tag + lemmatize + parse)",
            s.sentences_per_second
        );
        println!("words/s              {:.0}", s.tokens_per_second);
    }
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!("{message}\n{USAGE}");
    ExitCode::from(2)
}

fn fail(e: &geokg::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}
