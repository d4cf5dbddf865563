//! Synthetic news: news-like articles of any size, for benchmarks and tests.
//!
//! The sentences are written for this module (they are not reporting, and none is taken
//! from an evaluation set). They name registry actors, mix the relation wordings the
//! extractor reads with plain background sentences, and use curly quotes and accents in
//! some articles so that every stage of the pipeline does its real work. The output is a
//! pure function of the seed: the same seed and size give the same bytes.

use std::fmt::Write;

/// A deterministic pseudo-random generator (SplitMix64); no dependency needed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const STATES: &[&str] = &[
    "Turkey",
    "Egypt",
    "Russia",
    "France",
    "Qatar",
    "Iran",
    "the United Arab Emirates",
    "Saudi Arabia",
    "the United States",
    "Italy",
    "Algeria",
    "Sudan",
];
const CAPITALS: &[&str] = &[
    "Ankara",
    "Cairo",
    "Moscow",
    "Paris",
    "Doha",
    "Tehran",
    "Abu Dhabi",
    "Riyadh",
    "Washington",
    "Rome",
];
const GROUPS: &[&str] = &[
    "the Libyan National Army",
    "the Wagner Group",
    "the Houthis",
    "the Rapid Support Forces",
    "Hamas",
    "Hezbollah",
    "the Government of National Accord",
    "the Government of National Unity",
    "the Sudanese Armed Forces",
    "al-Shabaab",
];
const PEOPLE: &[&str] = &[
    "Khalifa Haftar",
    "Abdul Hamid Dbeibah",
    "Vladimir Putin",
    "Emmanuel Macron",
    "Recep Tayyip Erdoğan",
    "Aguila Saleh",
    "Fathi Bashagha",
    "Hakan Fidan",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const PLACES: &[&str] = &[
    "the coastal road",
    "the southern oil fields",
    "the airport",
    "the old port",
    "the border crossing",
    "the desert highway",
    "the river bridge",
];

/// Sentence templates: `{S}` state, `{C}` capital, `{G}` group, `{P}` person, `{D}` day,
/// `{L}` place, `{Q}` an opening quote and `{E}` its closing quote.
const RELATION_TEMPLATES: &[&str] = &[
    "{S} has sent armoured vehicles and military trainers to back {G}, two officials said on {D}.",
    "{P}, whose forces are funded by {S}, rejected the latest ceasefire proposal.",
    "{C} condemned the shelling of {L} and urged {G} to pull its fighters back.",
    "{S} is suspected of supplying drones to {G} through a private logistics company.",
    "{S} denied arming {G}, calling the allegation baseless.",
    "{P} warned {G} that any advance on {L} would be met with force.",
    "{G} accused {S} of prolonging the war by flying in mercenaries.",
    "{S} and {S} both said they support {G} in the negotiations.",
    "{Q}We will not accept foreign troops on our soil,{E} {P} said after meeting envoys from {S}.",
    "{S} threatened {G} with sanctions if the blockade of {L} continued.",
    "{G}, which {S} backs, launched an offensive against {G} near {L} before dawn.",
    "Diplomats said {S} had quietly funded {G} for more than a year.",
    "{C} called on {P} to halt the advance and return to talks.",
    "{S} sanctioned two commanders of {G} over attacks on aid workers.",
    "{S} Defence Minister Karim Zayed accused {G} of breaking the truce.",
    "Interior Minister Salem Rahuma condemned {G} for the attack on {L}.",
];

const BACKGROUND: &[&str] = &[
    "Fuel prices in the coastal towns doubled over the winter, traders said.",
    "The talks, hosted by a neutral mediator, ended without a joint statement.",
    "Aid convoys waited at {L} for a third day as negotiators argued over inspections.",
    "Residents reported heavy gunfire near {L} late on {D}.",
    "Electricity cuts of up to twelve hours a day have become routine in the capital.",
    "A spokesman for the central bank said reserves would cover imports until the summer.",
    "Schools reopened in several districts after a month of closures.",
    "The number of people displaced by the fighting has passed two hundred thousand, according to local officials.",
    "Analysts expect the dispute over oil revenues to dominate the coming session of parliament.",
    "Journalists were not allowed to visit {L} independently.",
    "Traffic returned to {L} on {D}, although checkpoints remained in place.",
    "Gen. Omar Nasser, a retired officer, said the front lines had barely moved since the spring.",
    "Prices of bread and cooking oil rose again in the markets, shopkeepers said.",
    "The U.N. envoy is due to brief the Security Council next week.",
];

const HEADLINES: &[&str] = &[
    "Foreign powers deepen involvement as fighting resumes",
    "Ceasefire frays as rival forces mass near {L}",
    "Envoys scramble to save talks after weekend of clashes",
    "New sanctions announced as aid deliveries stall",
    "Drone strikes reported near {L}",
];

fn fill(template: &str, rng: &mut Rng, curly: bool, out: &mut String) {
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let slot = rest.as_bytes().get(at + 1).copied().unwrap_or(b'?');
        let word = match slot {
            b'S' => rng.pick(STATES),
            b'C' => rng.pick(CAPITALS),
            b'G' => rng.pick(GROUPS),
            b'P' => rng.pick(PEOPLE),
            b'D' => rng.pick(DAYS),
            b'L' => rng.pick(PLACES),
            b'Q' if curly => "\u{201C}",
            b'E' if curly => "\u{201D}",
            _ => "\"",
        };
        // a sentence starts with a capital letter
        if out.is_empty() || out.ends_with(". ") || out.ends_with('\n') {
            if let Some(tail) = word.strip_prefix("the ") {
                out.push_str("The ");
                out.push_str(tail);
            } else {
                out.push_str(word);
            }
        } else {
            out.push_str(word);
        }
        rest = rest.get(at + 3..).unwrap_or("");
    }
    out.push_str(rest);
    if curly {
        // typographic apostrophes, as news sites print them
        if out.contains('\'') {
            *out = out.replace('\'', "\u{2019}");
        }
    }
}

/// One generated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// A unique id (`synth-000042`).
    pub id: String,
    /// The headline.
    pub title: String,
    /// The publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The body: a dateline, then paragraphs separated by blank lines.
    pub text: String,
}

/// The article number `n` of the corpus of `seed`.
pub fn article(seed: u64, n: usize) -> Article {
    let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    let curly = rng.below(3) == 0;
    let mut title = String::new();
    fill(rng.pick(HEADLINES), &mut rng, false, &mut title);
    let mut text = String::new();
    text.push_str(&title);
    text.push_str("\n\n");
    let paragraphs = 3 + rng.below(4);
    for p in 0..paragraphs {
        if p == 0 {
            text.push_str(&rng.pick(CAPITALS).to_uppercase());
            text.push_str(" - ");
        }
        let sentences = 2 + rng.below(3);
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            let template = if rng.below(5) < 2 {
                rng.pick(RELATION_TEMPLATES)
            } else {
                rng.pick(BACKGROUND)
            };
            let mut sentence = String::new();
            fill(template, &mut rng, curly, &mut sentence);
            let mut chars = sentence.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        }
        text.push_str("\n\n");
    }
    let date = format!(
        "20{:02}-{:02}-{:02}",
        19 + rng.below(6),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    Article {
        id: format!("synth-{n:06}"),
        title,
        date,
        text,
    }
}

/// Articles of the corpus of `seed` until their texts reach `bytes` in all.
pub fn articles(seed: u64, bytes: usize) -> impl Iterator<Item = Article> {
    let mut total = 0;
    (0..).map_while(move |n| {
        if total >= bytes {
            return None;
        }
        let a = article(seed, n);
        total += a.text.len();
        Some(a)
    })
}

/// One plain text of at least `bytes` bytes: articles one after another.
pub fn text(seed: u64, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    for a in articles(seed, bytes) {
        out.push_str(&a.text);
    }
    out
}

/// The same articles as JSON Lines: `{"id", "title", "date", "url", "text"}` per line.
pub fn jsonl(seed: u64, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + bytes / 4);
    for a in articles(seed, bytes) {
        let record = serde_json::json!({
            "id": a.id,
            "title": a.title,
            "date": a.date,
            "url": format!("https://news.example/{}", a.id),
            "text": a.text,
        });
        let _ = writeln!(out, "{record}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_sizes_are_met() {
        assert_eq!(text(7, 10_000), text(7, 10_000));
        assert_ne!(text(7, 10_000), text(8, 10_000));
        assert!(text(1, 50_000).len() >= 50_000);
        assert_eq!(
            jsonl(3, 20_000).lines().count(),
            articles(3, 20_000).count()
        );
        let a = article(1, 0);
        assert!(!a.text.contains('{'), "{}", a.text);
    }
}
