//! The surface engine's reading of a sentence (`--extractor surface`): the sentence as
//! word tokens with the actors and references on them, and who speaks in it. The frame
//! engine reads the parse instead.

use std::borrow::Cow;

use crate::extract::claim::{CompiledLexicon, Found, Tok};
use crate::extract::mention::{ascii_alnum_end, Mention};
use crate::extract::reference::{classify, may_refer, RefKind};
use crate::extract::table::ActorTable;
use crate::model::{ActorKind, Span};

/// Nouns after a possessive pronoun that make it stand for the actor ("its fighters").
const AGENT_NOUNS: &[&str] = &[
    "forces",
    "troops",
    "fighters",
    "militias",
    "militia",
    "soldiers",
    "men",
    "army",
    "military",
    "government",
    "administration",
    "foreign",
    "ministry",
    "warplanes",
    "jets",
    "drones",
    "navy",
    "officials",
    "units",
    "loyalists",
    "supporters",
    "allies",
    "partners",
    "missiles",
    "rockets",
    "warships",
];

/// The character at byte `i` of `text` (a space past the end).
pub(crate) fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// `text[start..end]` in lower case. An ASCII word (most) is borrowed from `lower`, the
/// text with its ASCII letters in lower case; others follow the general Unicode rules.
pub(crate) fn lowercase<'t>(text: &str, lower: &'t str, start: usize, end: usize) -> Cow<'t, str> {
    let word = &text[start..end];
    if word.is_ascii() {
        Cow::Borrowed(&lower[start..end])
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Tokens of one sentence into `toks`, and the positions of pronouns and descriptions
/// to resolve into `refs` (both emptied first, so that one pair of buffers serves a
/// whole document). `lower` is `plain` with its ASCII letters in lower case.
pub(crate) fn tokenize<'t>(
    plain: &str,
    lower: &'t str,
    span: Span,
    mentions: &[&Mention],
    table: &ActorTable<'_>,
    toks: &mut Vec<Tok<'t>>,
    refs: &mut Vec<(usize, RefKind)>,
) {
    toks.clear();
    refs.clear();
    let mut i = span.start;
    let mut mi = 0;
    let text = &plain[..span.end];
    while i < span.end {
        if mi < mentions.len() && mentions[mi].start <= i {
            let m = mentions[mi];
            if m.end <= i {
                // a mention inside one already taken: nothing to skip
                mi += 1;
                continue;
            }
            if !m.modifier && m.start == i {
                toks.push(Tok::Actor {
                    actor: m.actor,
                    person: table.get(m.actor).kind == ActorKind::Person,
                });
            }
            i = m.end.max(i + 1);
            while i < span.end && !text.is_char_boundary(i) {
                i += 1;
            }
            mi += 1;
            continue;
        }
        // a space is no token (most characters between words are one)
        if text.as_bytes()[i] == b' ' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if c.is_alphanumeric() {
            let start = i;
            let mut ascii = true;
            // the next mention's start, where a word must stop
            let stop = mentions.get(mi).map_or(usize::MAX, |m| m.start);
            loop {
                // `text` ends with the sentence
                i = ascii_alnum_end(text.as_bytes(), i);
                if i >= stop {
                    // letters and digits all the way: the word is cut where the mention
                    // starts
                    i = stop;
                    break;
                }
                match text.as_bytes().get(i) {
                    Some(b) if !b.is_ascii() => {
                        let d = char_at(text, i);
                        if !d.is_alphanumeric() {
                            break;
                        }
                        ascii = false;
                        i += d.len_utf8();
                    }
                    _ => break,
                }
            }
            let w = if ascii {
                Cow::Borrowed(&lower[start..i])
            } else {
                lowercase(text, lower, start, i)
            };
            // n't
            if w.ends_with('n') && text.as_bytes()[i..].starts_with(b"'t") {
                let stem = &w[..w.len() - 1];
                if !stem.is_empty() {
                    toks.push(Tok::Word(match &w {
                        Cow::Borrowed(b) => Cow::Borrowed(&b[..b.len() - 1]),
                        Cow::Owned(o) => Cow::Owned(o[..o.len() - 1].to_string()),
                    }));
                }
                toks.push(Tok::Word("n't".into()));
                i += 2;
                continue;
            }
            // "shelled army positions": the army whose positions they are
            let army_asset = matches!(w.as_ref(), "army" | "military")
                && matches!(
                    next_word(text, lower, i).as_ref(),
                    "positions"
                        | "bases"
                        | "base"
                        | "units"
                        | "headquarters"
                        | "garrison"
                        | "posts"
                        | "convoy"
                        | "convoys"
                        | "barracks"
                        | "checkpoints"
                );
            if army_asset {
                refs.push((toks.len(), RefKind::Army));
            } else if let Some(kind) = may_refer(&w)
                .then(|| {
                    let prev = match toks.last() {
                        Some(Tok::Word(p)) => p.as_ref(),
                        _ => "",
                    };
                    classify(&w, prev)
                })
                .flatten()
            {
                let next = next_word(text, lower, i);
                let possessive = matches!(w.as_ref(), "his" | "its" | "their" | "our" | "my")
                    || (w == "her"
                        && next.chars().next().is_some_and(char::is_alphanumeric)
                        && !matches!(
                            next.as_ref(),
                            "to" | "that"
                                | "and"
                                | "on"
                                | "in"
                                | "of"
                                | "as"
                                | "with"
                                | "for"
                                | "from"
                                | "by"
                        ));
                let agent = AGENT_NOUNS.contains(&next.as_ref());
                let description = matches!(
                    kind,
                    RefKind::Group
                        | RefKind::Organisation
                        | RefKind::Government
                        | RefKind::Junta
                        | RefKind::Army
                        | RefKind::Titled
                );
                if !possessive || agent || description {
                    refs.push((toks.len(), kind));
                }
            }
            toks.push(Tok::Word(w));
            // a plural possessive ("rebels'") needs nothing: the word already ends in s
            if possessive_s(text, i) {
                toks.push(Tok::Word("'s".into()));
                i += 2;
            }
            continue;
        }
        if possessive_s(text, i) {
            toks.push(Tok::Word("'s".into()));
            i += 2;
            continue;
        }
        if !c.is_whitespace() {
            toks.push(Tok::Punct(c));
        }
        i += c.len_utf8();
    }
}

/// Does a possessive "'s" start at byte `at` of `text`, no letter or digit after it?
pub(crate) fn possessive_s(text: &str, at: usize) -> bool {
    text.as_bytes()[at..].starts_with(b"'s")
        && !text[at + 2..].starts_with(|c: char| c.is_alphanumeric())
}

/// The next word of `text` from byte `at` on, in lower case (`lower` as for
/// [`lowercase`]).
pub(crate) fn next_word<'t>(text: &str, lower: &'t str, at: usize) -> Cow<'t, str> {
    let rest = &text[at..];
    let start = at + (rest.len() - rest.trim_start().len());
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(k, _)| start + k);
    lowercase(text, lower, start, end)
}

/// The speaker of a sentence with a quote: `"...," said X`, `"...," X said`, `X said: "..."`.
pub(crate) fn find_speaker(toks: &[Tok], lex: &CompiledLexicon) -> Option<usize> {
    let speech = |t: &Tok| matches!(t, Tok::Word(w) if lex.is_speech(w));
    let actor = |t: &Tok| {
        if let Tok::Actor { actor, .. } = t {
            Some(*actor)
        } else {
            None
        }
    };
    let quote_at = toks.iter().position(|t| matches!(t, Tok::Punct('"')))?;
    for i in 0..toks.len() {
        let after_quote = i >= 1
            && (matches!(toks[i - 1], Tok::Punct('"'))
                || (i >= 2
                    && matches!(toks[i - 1], Tok::Punct(','))
                    && matches!(toks[i - 2], Tok::Punct('"'))));
        if after_quote {
            if speech(&toks[i]) {
                // said X / said a spokesman for X
                for t in toks.iter().skip(i + 1).take(6) {
                    if let Some(a) = actor(t) {
                        return Some(a);
                    }
                }
            }
            // "…," X said / "…," Hezbollah leader Hassan Nasrallah said: the last actor
            // (a person if there is one) before a speech verb, with only words between
            if let Some(j) = (i..toks.len().min(i + 8)).find(|&j| speech(&toks[j])) {
                let between = &toks[i..j];
                if between.iter().all(|t| !matches!(t, Tok::Punct(_))) {
                    let person = between.iter().rev().find_map(|t| match t {
                        Tok::Actor {
                            actor,
                            person: true,
                        } => Some(*actor),
                        _ => None,
                    });
                    if let Some(a) = person.or_else(|| between.iter().rev().find_map(actor)) {
                        return Some(a);
                    }
                }
            }
        }
    }
    // X said: "..." / X said "..."
    if quote_at >= 2 && speech(&toks[quote_at - 1])
        || (quote_at >= 3
            && matches!(toks[quote_at - 1], Tok::Punct(':' | ','))
            && speech(&toks[quote_at - 2]))
    {
        return toks[..quote_at].iter().rev().find_map(actor);
    }
    None
}

/// "Foreign Minister X said Tehran would support Y": the speaker, when the sentence's
/// subject is the speaker's own state, is the source.
/// Whether a speech verb follows the actor at `q`, directly or after an inserted
/// ", who …," clause ("X, who met Y in Z, said …").
pub(crate) fn speaks_after(toks: &[Tok], q: usize, speech: &dyn Fn(&Tok) -> bool) -> bool {
    if toks[q + 1..].iter().take(2).any(speech) {
        return true;
    }
    if toks
        .get(q + 1)
        .is_some_and(|t| matches!(t, Tok::Punct(',')))
    {
        if let Some(close) =
            (q + 2..toks.len().min(q + 25)).find(|&k| matches!(toks[k], Tok::Punct(',')))
        {
            return toks[close + 1..].iter().take(2).any(speech);
        }
    }
    false
}

pub(crate) fn speaker_as_source(
    found: Vec<Found>,
    toks: &[Tok],
    table: &ActorTable<'_>,
    lex: &CompiledLexicon,
) -> Vec<Found> {
    // only a state's claim can pass to the person speaking for it
    if !found
        .iter()
        .any(|f| table.get(f.source).kind == ActorKind::State)
    {
        return found;
    }
    let speech = |t: &Tok| t.word().is_some_and(|w| lex.is_speech(w));
    // persons who speak: a speech verb right after them ("Foreign Minister X said …")
    let speakers: Vec<(usize, usize)> = toks
        .iter()
        .enumerate()
        .filter_map(|(q, t)| match t {
            Tok::Actor {
                actor,
                person: true,
            } if speaks_after(toks, q, &speech) => Some((q, *actor)),
            _ => None,
        })
        .collect();
    found
        .into_iter()
        .map(|mut f| {
            let src = table.get(f.source);
            if src.kind == ActorKind::State {
                // the speaker comes before a mention of the state it speaks for
                if let Some(&(_, p)) = speakers.iter().find(|&&(q, p)| {
                    toks[q + 1..].iter().any(|t| t.actor() == Some(f.source))
                        && p != f.target
                        && table.get(p).affiliations.iter().any(|a| a.actor == src.id)
                }) {
                    f.source = p;
                }
            }
            f
        })
        .collect()
}
