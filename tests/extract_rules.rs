//! Table-driven tests for the relation extractor, one table per pattern family.
//!
//! Every row is a sentence and the exact set of claims it must produce, as
//! `(source_id, relation, target_id, hedged)`. The comparison is exact: a missing claim
//! fails, and so does an extra one. All sentences are written for these tests (they are
//! not taken from the evaluation set) and cover many conflicts and actors.
//!
//! The meaning of `supports`, `opposes` and `warns`, and the rules for negation,
//! hedging, quotes and actors, are those of `../shared/RELATIONS.md`.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use geokg::extract::{ClaimLine, Extraction, Extractor};

/// One expected claim: (source id, relation, target id, hedged).
type Expect = (&'static str, &'static str, &'static str, bool);
/// One row: a sentence and every claim it must produce, and nothing else.
type Row = (&'static str, &'static [Expect]);

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::embedded().expect("embedded data and lexicon load"))
}

fn run(text: &str) -> (Extraction, Vec<ClaimLine>) {
    let ex = extractor();
    let extraction = ex.extract("row", text);
    let lines = ex.lines(&extraction);
    (extraction, lines)
}

fn claim_set(lines: &[ClaimLine]) -> BTreeSet<(String, String, String, bool)> {
    lines
        .iter()
        .map(|l| {
            (
                l.source_id.clone(),
                l.relation.clone(),
                l.target_id.clone(),
                l.hedged,
            )
        })
        .collect()
}

fn show(set: &BTreeSet<(String, String, String, bool)>) -> String {
    if set.is_empty() {
        return "(nothing)".into();
    }
    set.iter()
        .map(|(s, r, t, h)| format!("{s} {r} {t}{}", if *h { " [hedged]" } else { "" }))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Extracts every row and compares its claims with the expectation, exactly. Reports
/// every failing row of the table at once, with its sentence.
#[track_caller]
fn check(family: &str, rows: &[Row]) {
    assert!(rows.len() >= 3, "{family}: at least three rows per family");
    let mut failures = Vec::new();
    for (sentence, expected) in rows {
        let (_, lines) = run(sentence);
        let actual = claim_set(&lines);
        let expected: BTreeSet<(String, String, String, bool)> = expected
            .iter()
            .map(|(s, r, t, h)| (s.to_string(), r.to_string(), t.to_string(), *h))
            .collect();
        if actual != expected {
            let missing: BTreeSet<_> = expected.difference(&actual).cloned().collect();
            let extra: BTreeSet<_> = actual.difference(&expected).cloned().collect();
            failures.push(format!(
                "  sentence: {sentence}\n    expected: {}\n    actual:   {}\n    missing:  {}\n    extra:    {}",
                show(&expected),
                show(&actual),
                show(&missing),
                show(&extra),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{family}: {} of {} rows failed\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

const S: &str = "supports";
const O: &str = "opposes";
const W: &str = "warns";

// 1. Active verbs ---------------------------------------------------------------------

#[test]
fn active_verbs() {
    check(
        "active verbs",
        &[
            // supports
            ("Iran armed the Houthis.", &[("irn", S, "houthis", false)]),
            ("Rwanda funds the M23.", &[("rwa", S, "m23", false)]),
            (
                "The United States supports Ukraine.",
                &[("usa", S, "ukr", false)],
            ),
            (
                "Russia backs the Syrian government.",
                &[("rus", S, "syrian-government", false)],
            ),
            // opposes
            (
                "The Houthis attacked Israel.",
                &[("houthis", O, "isr", false)],
            ),
            (
                "Russian troops shelled Ukrainian forces near Kupiansk.",
                &[("rus", O, "ukr", false)],
            ),
            ("Azerbaijan attacked Armenia.", &[("aze", O, "arm", false)]),
            ("The EU sanctioned Russia.", &[("eu", O, "rus", false)]),
            (
                "The United States imposed sanctions on the RSF.",
                &[("usa", O, "rsf", false)],
            ),
            (
                "The Arakan Army attacked Myanmar's military.",
                &[("arakan-army", O, "tatmadaw", false)],
            ),
            (
                "The African Union condemned the RSF.",
                &[("au", O, "rsf", false)],
            ),
            (
                "The Tatmadaw bombed the Arakan Army.",
                &[("tatmadaw", O, "arakan-army", false)],
            ),
            (
                "The Somali army fought al-Shabaab.",
                &[("somali-national-army", O, "al-shabaab", false)],
            ),
            // warns
            ("Turkey warned the SDF.", &[("tur", W, "sdf", false)]),
            (
                "Kenya threatened al-Shabaab.",
                &[("ken", W, "al-shabaab", false)],
            ),
            (
                "Pashinyan called on Azerbaijan to withdraw.",
                &[("nikol-pashinyan", W, "aze", false)],
            ),
            (
                "Egypt urged Israel to halt the offensive.",
                &[("egy", W, "isr", false)],
            ),
            (
                "Qatar called on Hamas to release the hostages.",
                &[("qat", W, "hamas", false)],
            ),
        ],
    );
}

// 2. Passive voice and participles ----------------------------------------------------

#[test]
fn passive_and_participles() {
    check(
        "passive and participles",
        &[
            (
                "The Houthis, which are supported by Iran and Hezbollah, fired missiles at Israel.",
                &[
                    ("irn", S, "houthis", false),
                    ("hezbollah", S, "houthis", false),
                    ("houthis", O, "isr", false),
                ],
            ),
            (
                "The RSF, backed by the UAE, besieged El Fasher.",
                &[("are", S, "rsf", false)],
            ),
            (
                "The M23, which is backed by Rwanda, seized Goma.",
                &[("rwa", S, "m23", false)],
            ),
            (
                "Hamas, supported by Iran and Qatar, rejected the proposal.",
                &[("irn", S, "hamas", false), ("qat", S, "hamas", false)],
            ),
            (
                "Venezuela is backed by Russia and Cuba.",
                &[("rus", S, "ven", false), ("cub", S, "ven", false)],
            ),
            (
                "Myanmar's junta is armed by Russia and China.",
                &[("rus", S, "tatmadaw", false), ("chn", S, "tatmadaw", false)],
            ),
            (
                "Hamas was condemned by the United States.",
                &[("usa", O, "hamas", false)],
            ),
            (
                "The Syrian government was propped up by Russia and Iran.",
                &[
                    ("rus", S, "syrian-government", false),
                    ("irn", S, "syrian-government", false),
                ],
            ),
        ],
    );
}

// 3. Compounds ------------------------------------------------------------------------

#[test]
fn compounds() {
    check(
        "compounds",
        &[
            (
                "The Iran-backed Houthis attacked shipping.",
                &[("irn", S, "houthis", false)],
            ),
            (
                "The Rwanda-backed M23 captured Goma.",
                &[("rwa", S, "m23", false)],
            ),
            (
                "The UAE-backed RSF shelled El Fasher.",
                &[("are", S, "rsf", false)],
            ),
            (
                "The Turkey-backed SNA attacked the SDF.",
                &[("tur", S, "sna", false), ("sna", O, "sdf", false)],
            ),
        ],
    );
}

// 4. Appositions and nominals ---------------------------------------------------------

#[test]
fn appositions_and_nominals() {
    check(
        "appositions and nominals",
        &[
            (
                "Russia and Iran, pillars of the Assad regime, condemned the strikes.",
                &[
                    ("rus", S, "syrian-government", false),
                    ("irn", S, "syrian-government", false),
                ],
            ),
            (
                "Iran, the main backer of Hezbollah, warned Israel.",
                &[("irn", S, "hezbollah", false), ("irn", W, "isr", false)],
            ),
            (
                "Rwanda, the main backer of the M23, denied the charges.",
                &[("rwa", S, "m23", false)],
            ),
            (
                "Russia, a key ally of Venezuela, condemned the blockade.",
                &[("rus", S, "ven", false)],
            ),
            (
                "Turkey, an ally of Azerbaijan, condemned Armenia.",
                &[("tur", S, "aze", false), ("tur", O, "arm", false)],
            ),
            (
                "Iran's support for the Houthis worries Riyadh.",
                &[("irn", S, "houthis", false)],
            ),
            (
                "Rwanda's support for the M23 has drawn sanctions.",
                &[("rwa", S, "m23", false)],
            ),
            (
                "The UAE's backing of the RSF has angered Khartoum.",
                &[("are", S, "rsf", false)],
            ),
            (
                "Hamas enjoys the support of Iran.",
                &[("irn", S, "hamas", false)],
            ),
        ],
    );
}

// 5. Relative clauses with coordinated subjects ---------------------------------------

#[test]
fn relative_clauses_with_coordinated_subjects() {
    check(
        "relative clauses",
        &[
            (
                "Russia and China, among others, which support Venezuela, condemned the strikes.",
                &[("rus", S, "ven", false), ("chn", S, "ven", false)],
            ),
            (
                "Iran and Hezbollah, among others, which back the Houthis, denounced Israel.",
                &[
                    ("irn", S, "houthis", false),
                    ("hezbollah", S, "houthis", false),
                    ("irn", O, "isr", false),
                    ("hezbollah", O, "isr", false),
                ],
            ),
            (
                "Egypt and the UAE, among others, which support Haftar, met in Cairo.",
                &[
                    ("egy", S, "khalifa-haftar", false),
                    ("are", S, "khalifa-haftar", false),
                ],
            ),
            (
                "Armenia and France, among others, which oppose Azerbaijan, met in Paris.",
                &[("arm", O, "aze", false), ("fra", O, "aze", false)],
            ),
        ],
    );
}

// 6. Purpose clauses ------------------------------------------------------------------

#[test]
fn purpose_clauses() {
    check(
        "purpose clauses",
        &[
            (
                "Russia kept troops in Syria to support the Assad regime.",
                &[("rus", S, "syrian-government", false)],
            ),
            (
                "Turkey deployed drones in Libya to support the Government of National Accord.",
                &[("tur", S, "gna", false)],
            ),
            (
                "Rwanda kept soldiers in Congo to support the M23.",
                &[("rwa", S, "m23", false)],
            ),
            (
                "Qatar transferred funds to support Hamas.",
                &[("qat", S, "hamas", false)],
            ),
        ],
    );
}

// 7. Calls and warnings ---------------------------------------------------------------

#[test]
fn calls_and_warnings() {
    check(
        "calls and warnings",
        &[
            (
                "The United States called on Israel to allow aid into Gaza.",
                &[("usa", W, "isr", false)],
            ),
            (
                "The African Union urged the RSF and the Sudanese army to agree to a truce.",
                &[("au", W, "rsf", false), ("au", W, "saf", false)],
            ),
            (
                "Kenya called on al-Shabaab to lay down its arms.",
                &[("ken", W, "al-shabaab", false)],
            ),
            (
                "France urged Russia and Ukraine to resume talks.",
                &[("fra", W, "rus", false), ("fra", W, "ukr", false)],
            ),
            (
                "Qatar asked Hamas to accept the deal.",
                &[("qat", W, "hamas", false)],
            ),
            (
                "Ethiopia urged Eritrea and the TPLF to respect the truce.",
                &[("eth", W, "eri", false), ("eth", W, "tplf", false)],
            ),
            (
                "The United Nations urged Armenia and Azerbaijan to sign the accord.",
                &[("un", W, "arm", false), ("un", W, "aze", false)],
            ),
            (
                "Egypt and Qatar pressed Hamas to accept the truce.",
                &[("egy", W, "hamas", false), ("qat", W, "hamas", false)],
            ),
            // the act inside a warning is part of the warning, not an opposition
            (
                "Washington warned Caracas against attacking Guyana.",
                &[("usa", W, "ven", false)],
            ),
        ],
    );
}

// 8. Reported speech and quotes -------------------------------------------------------

#[test]
fn reported_speech() {
    check(
        "reported speech",
        &[
            // "...," said X
            (
                "\"We will expel the Russian occupiers,\" said Zelensky.",
                &[("volodymyr-zelensky", O, "rus", false)],
            ),
            (
                "\"We will fight al-Shabaab in every district,\" said Hassan Sheikh Mohamud.",
                &[("hassan-sheikh-mohamud", O, "al-shabaab", false)],
            ),
            (
                "\"We will expel the Rwandan occupiers,\" said Tshisekedi.",
                &[("felix-tshisekedi", O, "rwa", false)],
            ),
            // "...," X said
            (
                "\"We will expel the Russian occupiers,\" Zelensky said.",
                &[("volodymyr-zelensky", O, "rus", false)],
            ),
            (
                "\"We will fight the M23 until Goma is free,\" Tshisekedi said.",
                &[("felix-tshisekedi", O, "m23", false)],
            ),
            // X said: "..."
            (
                "Aliyev said: \"We will fight Armenia if we must.\"",
                &[("ilham-aliyev", O, "arm", false)],
            ),
            (
                "Maduro said: \"We condemn the United States.\"",
                &[("nicolas-maduro", O, "usa", false)],
            ),
            // the speaker accuses: the speaker opposes, the accused act is hedged
            (
                "Tshisekedi accused Rwanda of backing the M23.",
                &[
                    ("felix-tshisekedi", O, "rwa", false),
                    ("rwa", S, "m23", true),
                ],
            ),
        ],
    );
}

// 9. Coordinated lists on either side -------------------------------------------------

#[test]
fn coordinated_lists() {
    check(
        "coordinated lists",
        &[
            (
                "Russia, Iran and China back Venezuela.",
                &[
                    ("rus", S, "ven", false),
                    ("irn", S, "ven", false),
                    ("chn", S, "ven", false),
                ],
            ),
            (
                "The United States, the United Kingdom and France support Ukraine.",
                &[
                    ("usa", S, "ukr", false),
                    ("gbr", S, "ukr", false),
                    ("fra", S, "ukr", false),
                ],
            ),
            (
                "Turkey, Qatar and Saudi Arabia back the Syrian transitional government.",
                &[
                    ("tur", S, "syrian-transitional-government", false),
                    ("qat", S, "syrian-transitional-government", false),
                    ("sau", S, "syrian-transitional-government", false),
                ],
            ),
            (
                "Israel, the United States and the United Kingdom struck the Houthis.",
                &[
                    ("isr", O, "houthis", false),
                    ("usa", O, "houthis", false),
                    ("gbr", O, "houthis", false),
                ],
            ),
            (
                "The Sudanese army and the Joint Forces fought the RSF.",
                &[("saf", O, "rsf", false), ("joint-forces", O, "rsf", false)],
            ),
            (
                "Iran backs Hamas and Hezbollah.",
                &[("irn", S, "hamas", false), ("irn", S, "hezbollah", false)],
            ),
            (
                "Rwanda backs the M23 and the AFC.",
                &[("rwa", S, "m23", false), ("rwa", S, "afc", false)],
            ),
            (
                "The UAE supports the RSF and Haftar.",
                &[
                    ("are", S, "rsf", false),
                    ("are", S, "khalifa-haftar", false),
                ],
            ),
        ],
    );
}

// 10. Negation and denial -------------------------------------------------------------

#[test]
fn negation_and_denial() {
    check(
        "negation and denial",
        &[
            ("Russia did not back Hamas.", &[]),
            ("China has not armed Russia.", &[]),
            ("Israel did not strike Iran.", &[]),
            ("The United States has not sanctioned Israel.", &[]),
            ("Egypt denied arming Haftar.", &[]),
            ("Rwanda denied supporting the M23.", &[]),
            ("The UAE denies arming the RSF.", &[]),
            ("Haftar lacks the support of Russia.", &[]),
            ("Armenia lacks the backing of Russia.", &[]),
            ("The Kremlin has not condemned the Houthis.", &[]),
            ("Qatar does not fund Hamas, Doha said.", &[]),
            ("Iran never armed the Houthis, Tehran insisted.", &[]),
        ],
    );
}

// 11. Hedging -------------------------------------------------------------------------

#[test]
fn hedging() {
    check(
        "hedging",
        &[
            (
                "Eritrea is suspected of supporting Fano.",
                &[("eri", S, "fano", true)],
            ),
            (
                "The UAE is suspected of arming the RSF.",
                &[("are", S, "rsf", true)],
            ),
            (
                "Iran reportedly armed the Houthis.",
                &[("irn", S, "houthis", true)],
            ),
            (
                "Iran is reportedly arming the Houthis.",
                &[("irn", S, "houthis", true)],
            ),
            (
                "China is suspected of supplying drones to Russia.",
                &[("chn", S, "rus", true)],
            ),
            (
                "Israel accused Iran of arming Hezbollah.",
                &[("isr", O, "irn", false), ("irn", S, "hezbollah", true)],
            ),
            (
                "Rwanda allegedly backs the M23.",
                &[("rwa", S, "m23", true)],
            ),
            (
                "North Korea is reported to have supplied Russia.",
                &[("prk", S, "rus", true)],
            ),
            (
                "North Korea is reported to have supplied missiles to Russia.",
                &[("prk", S, "rus", true)],
            ),
            (
                "Russia is accused of arming the Houthis.",
                &[("rus", S, "houthis", true)],
            ),
            (
                "Rwanda has been accused of backing the M23.",
                &[("rwa", S, "m23", true)],
            ),
            (
                "Burhan accused the UAE of arming the RSF.",
                &[
                    ("abdel-fattah-al-burhan", O, "are", false),
                    ("are", S, "rsf", true),
                ],
            ),
        ],
    );
}

// 12. Actors: no self-relations, demonyms, capitals, titled unknown people ------------

#[test]
fn no_self_relations() {
    check(
        "no self-relations",
        &[
            ("Russia attacked Russia.", &[]),
            ("The Kremlin condemned Moscow.", &[]),
            ("Kyiv vowed to defend Ukraine.", &[]),
        ],
    );
}

#[test]
fn demonyms() {
    check(
        "demonyms",
        &[
            (
                "Russian troops attacked Ukrainian soldiers.",
                &[("rus", O, "ukr", false)],
            ),
            (
                "Israeli warplanes struck Hezbollah.",
                &[("isr", O, "hezbollah", false)],
            ),
            (
                "Iranian drones struck Ukraine.",
                &[("irn", O, "ukr", false)],
            ),
            (
                "Israeli troops clashed with Hezbollah fighters.",
                &[("isr", O, "hezbollah", false)],
            ),
            // a named group given: the group, not the state
            (
                "Russian mercenaries belonging to the Wagner Group fought alongside the Malian army.",
                &[("wagner-group", S, "fama", false)],
            ),
            (
                "Russian mercenaries belonging to the Wagner Group attacked JNIM.",
                &[("wagner-group", O, "jnim", false)],
            ),
            (
                "Russian Wagner Group fighters fought alongside the Malian army.",
                &[("wagner-group", S, "fama", false)],
            ),
        ],
    );
}

#[test]
fn capitals_as_actors_and_places() {
    check(
        "capitals",
        &[
            // a capital acting stands for its state
            ("Moscow condemned Kyiv.", &[("rus", O, "ukr", false)]),
            ("Moscow condemned Ukraine.", &[("rus", O, "ukr", false)]),
            ("Tehran warned Washington.", &[("irn", W, "usa", false)]),
            // a capital as a place is nothing
            ("Armenia and Azerbaijan held talks in Moscow.", &[]),
            ("Talks in Moscow between Armenia and Azerbaijan ended.", &[]),
            ("Delegations from Kigali and Kinshasa met in Doha.", &[]),
        ],
    );
}

#[test]
fn titled_unknown_people() {
    check(
        "titled unknown people",
        &[
            (
                "Turkish Interior Minister Yusuf Kemal Arslan warned the PKK.",
                &[("yusuf-kemal-arslan", W, "pkk", false)],
            ),
            (
                "Somalia's Defence Minister Abdirahman Yusuf Warsame warned al-Shabaab.",
                &[("abdirahman-yusuf-warsame", W, "al-shabaab", false)],
            ),
            (
                "M23 spokesman Jean-Pierre Bahati Ruhigwa warned the Congolese army.",
                &[("jean-pierre-bahati-ruhigwa", W, "fardc", false)],
            ),
            (
                "Defence Minister Yusuf Kemal Arslan warned the PKK.",
                &[("yusuf-kemal-arslan", W, "pkk", false)],
            ),
        ],
    );
}

/// The new person is kept as an actor, affiliated with the actor named before the title.
#[test]
fn titled_unknown_people_are_new_actors_with_affiliations() {
    let rows: &[(&str, &str, &str)] = &[
        (
            "Turkish Interior Minister Yusuf Kemal Arslan warned the PKK.",
            "yusuf-kemal-arslan",
            "tur",
        ),
        (
            "M23 spokesman Jean-Pierre Bahati Ruhigwa warned the Congolese army.",
            "jean-pierre-bahati-ruhigwa",
            "m23",
        ),
    ];
    let mut failures = Vec::new();
    for (sentence, person, owner) in rows {
        let (ex, _) = run(sentence);
        match ex.new_actors.iter().find(|a| a.id == *person) {
            None => failures.push(format!(
                "  sentence: {sentence}\n    no new actor {person}; new actors: {:?}",
                ex.new_actors.iter().map(|a| &a.id).collect::<Vec<_>>()
            )),
            Some(a) => {
                if a.kind != geokg::ActorKind::Person {
                    failures.push(format!(
                        "  sentence: {sentence}\n    {person} is {:?}",
                        a.kind
                    ));
                }
                if !a.affiliations.iter().any(|f| f.actor == *owner) {
                    failures.push(format!(
                        "  sentence: {sentence}\n    {person} not affiliated with {owner}: {:?}",
                        a.affiliations.iter().map(|f| &f.actor).collect::<Vec<_>>()
                    ));
                }
            }
        }
        if extractor().actors().iter().any(|a| a.id == *person) {
            failures.push(format!(
                "  {person} is in the registry: pick another invented name"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Evidence spans ----------------------------------------------------------------------

/// Every claim's span slices the original text at char boundaries and gives back the
/// claim's sentence, also around curly quotes, non-breaking spaces and accents.
#[test]
fn spans_slice_the_original_text() {
    let texts = [
        // plain
        "Iran arms the Houthis. Rwanda funds the M23. The EU sanctioned Russia.",
        // curly quotes, accents, NBSP, narrow NBSP, ellipsis, em dash
        "Türkiye backs the Syrian\u{a0}transitional government. \
         “We will expel the Russian occupiers,” said Zelensky. \
         Côte d’Ivoire’s envoy — visibly tired — left… \
         The Rwanda‑backed M23 captured Goma.\u{202f}Kenya called on al‑Shabaab to lay down its arms. \
         Qatar\u{a0}called\u{a0}on\u{a0}Hamas to release the hostages.",
        // accents in names and leading/trailing whitespace
        "  \u{a0}Félix Tshisekedi condemned Rwanda.\n\nNicolás Maduro said: “We condemn the United States.”  ",
        // CRLF lines and tabs
        "Israel struck Hezbollah.\r\n\tThe Houthis attacked Israel.\r\nAzerbaijan attacked Armenia.",
    ];
    let mut total = 0;
    for text in texts {
        let (_, lines) = run(text);
        assert!(!lines.is_empty(), "no claims read from {text:?}");
        for l in &lines {
            total += 1;
            let [s, e] = l.span;
            assert!(
                s < e && e <= text.len(),
                "span {s}..{e} out of range in {text:?}"
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "span {s}..{e} not on char boundaries in {text:?}"
            );
            assert_eq!(
                &text[s..e],
                l.sentence,
                "span {s}..{e} does not give the sentence of {} {} {}",
                l.source_id,
                l.relation,
                l.target_id
            );
        }
    }
    assert!(
        total >= 8,
        "expected claims from every sample text, got {total}"
    );
}

// Determinism and robustness ----------------------------------------------------------

#[test]
fn extraction_is_deterministic() {
    let text = "Russia, Iran and China back Venezuela. The Iran-backed Houthis attacked Israel. \
                \"We will expel the Russian occupiers,\" said Zelensky. Moscow condemned Kyiv. \
                Turkish Interior Minister Yusuf Kemal Arslan warned the PKK. \
                The UAE is suspected of arming the RSF. Egypt denied arming Haftar.";
    let a = run(text).1;
    let b = run(text).1;
    assert!(!a.is_empty());
    assert_eq!(a, b, "two runs over the same text differ");
    // a fresh extractor gives the same result too
    let fresh = Extractor::embedded().expect("embedded");
    let c = fresh.lines(&fresh.extract("row", text));
    assert_eq!(a, c, "a fresh extractor reads differently");
}

/// A 20 KB text built from a fixed pseudo-random sequence of words, names, punctuation
/// and multi-byte characters.
fn random_ish_text(len: usize) -> String {
    const PIECES: &[&str] = &[
        "Russia",
        "Ukraine",
        "Iran",
        "the Houthis",
        "Hamas",
        "Israel",
        "Hezbollah",
        "Rwanda",
        "the M23",
        "al-Shabaab",
        "the RSF",
        "the UAE",
        "Moscow",
        "Kyiv",
        "Tehran",
        "Türkiye",
        "Côte d’Ivoire",
        "backs",
        "attacked",
        "warned",
        "called on",
        "urged",
        "denied",
        "not",
        "reportedly",
        "suspected of",
        "accused of arming",
        "which",
        "who",
        "among others",
        "-backed",
        "'s",
        "support for",
        "the main backer of",
        "pillars of",
        "to support",
        "said",
        "Defence Minister",
        "Zelensky",
        "Aliyev",
        "in",
        "and",
        ",",
        ",",
        ".",
        ".",
        ";",
        ":",
        "\"",
        "“",
        "”",
        "(",
        ")",
        "—",
        "…",
        "\u{a0}",
        "\n",
        "\r\n",
        "é",
        "ß",
        "字",
        "'",
        "’",
        "-",
        "Mr",
        "Dr.",
        "U.S.",
        "E.U.",
        "123",
        "",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = String::new();
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let piece = PIECES[(state % PIECES.len() as u64) as usize];
        out.push_str(piece);
        if state % 3 != 0 {
            out.push(' ');
        }
    }
    out
}

#[test]
fn odd_inputs_do_not_panic() {
    let mut inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\r\n\t".into(),
        ".".into(),
        "...!?;:,\"\"“”''’()[]—–-".into(),
        "\"".into(),
        "'s".into(),
        "-backed".into(),
        "Russia".into(),
        "Russia-".into(),
        "Defence Minister".into(),
        "\u{a0}\u{202f}\u{feff}".into(),
        "字字字。".into(),
    ];
    inputs.push(random_ish_text(20 * 1024));
    for text in &inputs {
        let (ex, lines) = run(text);
        for l in &lines {
            let [s, e] = l.span;
            assert!(
                e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e),
                "bad span {s}..{e}"
            );
            assert_eq!(&text[s..e], l.sentence);
            assert_ne!(
                l.source_id, l.target_id,
                "self-relation in {:?}",
                l.sentence
            );
        }
        assert_eq!(ex.claims.len(), lines.len());
    }
    let (_, empty) = run("");
    assert!(empty.is_empty(), "the empty string produced claims");
    let (_, punct) = run("...!?;:,\"\"“”''’()[]—–-");
    assert!(punct.is_empty(), "punctuation alone produced claims");
}

/// Regression: a multi-byte symbol right before a period or a capital name used to slice
/// inside the character and panic (sentence.rs is_abbreviation, mention.rs prev_word).
#[test]
fn multibyte_symbols_before_periods_and_capitals_do_not_panic() {
    let extractor = geokg::extract::Extractor::embedded().expect("embedded data");
    let text = "Temperatures hit 40°. Iran warned Israel. It cost 5 €. Israel attacked 🚀. \
                °Moscow condemned Kyiv. See photo ©Moscow condemned Kyiv.";
    let ex = extractor.extract("symbols", text);
    for c in &ex.claims {
        if let geokg::Provenance::Extracted(e) = &c.provenance {
            assert_eq!(&text[e.span.start..e.span.end], e.sentence);
        }
    }
    assert!(ex
        .claims
        .iter()
        .any(|c| c.source == "irn" && c.target == "isr"));
}

// 13. Calls on one's own forces ---------------------------------------------------------

#[test]
fn calls_on_own_forces_open_no_warning() {
    check(
        "calls on own forces",
        &[
            (
                "Hemedti asked his fighters to attack the Sudanese army in Khartoum.",
                &[("mohamed-hamdan-dagalo", O, "saf", false)],
            ),
            (
                "Assimi Goita ordered his troops to expel the CSP-DPA from Kidal.",
                &[("assimi-goita", O, "csp-dpa", false)],
            ),
            (
                "The M23 leadership asked its fighters to attack Congolese troops near Goma.",
                &[("m23", O, "cog", false)],
            ),
        ],
    );
}

// 14. Passives with adverbs and gaps ----------------------------------------------------

#[test]
fn passives_with_adverbs_and_gaps() {
    check(
        "passives with adverbs and gaps",
        &[
            (
                "The Houthis have long been armed by Iran.",
                &[("irn", S, "houthis", false)],
            ),
            (
                "Hezbollah has reportedly been funded by Iran.",
                &[("irn", S, "hezbollah", true)],
            ),
            (
                "The SDF has since been backed by the United States.",
                &[("usa", S, "sdf", false)],
            ),
            (
                "Abdul Hamid Dbeibah was named prime minister in 2021 by the Libyan Political Dialogue Forum.",
                &[("lpdf", S, "abdul-hamid-dbeibah", false)],
            ),
            (
                "Fathi Bashagha was appointed prime minister last year by the House of Representatives.",
                &[("hor", S, "fathi-bashagha", false)],
            ),
            // "in support of" is not a passive
            (
                "The Houthis say their attacks are in support of Hamas.",
                &[("houthis", S, "hamas", false)],
            ),
            (
                "Hezbollah says its rocket fire is in support of Hamas.",
                &[("hezbollah", S, "hamas", false)],
            ),
            (
                "The Wagner Group says its deployment is in support of Mali.",
                &[("wagner-group", S, "mli", false)],
            ),
        ],
    );
}

// 15. Inserted clauses and clause breaks ------------------------------------------------

#[test]
fn inserted_clauses_and_clause_breaks() {
    check(
        "inserted clauses and clause breaks",
        &[
            // ", where …," is skipped when looking for the subject
            (
                "Kyiv, where the government has stayed since the invasion began, has accused Russia of shelling power plants.",
                &[("ukr", O, "rus", false)],
            ),
            (
                "Tripoli, where the Government of National Unity sits, has repeatedly condemned Khalifa Haftar.",
                &[("lby", O, "khalifa-haftar", false)],
            ),
            // a speech verb a few words before "that" leads to the speaker
            (
                "Volodymyr Zelensky said on Monday that Ukraine would keep fighting Russia.",
                &[("volodymyr-zelensky", O, "rus", false)],
            ),
            (
                "Hemedti told reporters in Nairobi that the RSF would defeat the Sudanese army.",
                &[("rsf", O, "saf", false)],
            ),
            // ", noting that …" starts a clause: an earlier denial does not negate it
            (
                "Washington said it had no role in the strikes, noting that the United States regards the Houthis as a terrorist group.",
                &[("usa", O, "houthis", false)],
            ),
            (
                "The White House said Washington had nothing to do with the offensive, noting that Hamas remains on the U.S. list of terrorist organisations.",
                &[("usa", O, "hamas", false)],
            ),
            (
                "Russia denied any involvement, adding that Wagner attacked the CSP-DPA on its own.",
                &[("wagner-group", O, "csp-dpa", false)],
            ),
            // a mention inside a longer one does not eat the comma after it
            (
                "Junta leader Colonel Assimi Goita, who seized power in 2020, has praised Russia as a partner.",
                &[],
            ),
        ],
    );
}

// 16. Coordinated predicates and "fought alongside" -------------------------------------

#[test]
fn coordinated_predicates_and_alongside() {
    check(
        "coordinated predicates and alongside",
        &[
            (
                "Yahya Saree said the ship was struck because it was Israeli-owned, and warned the United States against retaliation.",
                &[("yahya-saree", W, "usa", false)],
            ),
            (
                "Abiy Ahmed said the talks had failed, and threatened the TPLF with a new offensive.",
                &[("abiy-ahmed", W, "tplf", false)],
            ),
            (
                "Hassan Nasrallah said the strikes were legitimate, but warned Israel against escalation.",
                &[("hassan-nasrallah", W, "isr", false)],
            ),
            (
                "Wagner fighters fought alongside Malian troops against the CSP-DPA.",
                &[
                    ("wagner-group", S, "mli", false),
                    ("mli", O, "csp-dpa", false),
                    ("wagner-group", O, "csp-dpa", false),
                ],
            ),
            (
                "Eritrea, whose soldiers fought alongside Ethiopian troops against the TPLF, stayed silent.",
                &[
                    ("eri", S, "eth", false),
                    ("eth", O, "tplf", false),
                    ("eri", O, "tplf", false),
                ],
            ),
            (
                "Russian mercenaries fought alongside the Sudanese army against the RSF.",
                &[
                    ("rus", S, "saf", false),
                    ("saf", O, "rsf", false),
                    ("rus", O, "rsf", false),
                ],
            ),
        ],
    );
}

// 17. Descriptions across sentences -----------------------------------------------------

#[test]
fn descriptions_across_sentences() {
    check(
        "descriptions across sentences",
        &[
            // "that government", "federal forces", "the junta": the country's government
            (
                "Mali cut ties with Ukraine. That government is now backed by Russia.",
                &[("mli", O, "ukr", false), ("rus", S, "mli", false)],
            ),
            (
                "Ethiopia signed a deal with the TPLF. Federal forces had been backed by Eritrea.",
                &[("eri", S, "eth", false)],
            ),
            (
                "Niger expelled French troops. The junta has since been backed by Russia.",
                &[("ner", O, "fra", false), ("rus", S, "ner", false)],
            ),
            // "the paramilitaries" is not the state's army
            (
                "The Sudanese Armed Forces retook the bridge. The Rapid Support Forces shelled Omdurman. The U.N. Security Council demanded that the paramilitaries lift their siege.",
                &[("unsc", W, "rsf", false)],
            ),
            // "the Iran-backed group"
            (
                "Houthi fighters seized a ship. The Iran-backed group fired missiles at Israel.",
                &[("irn", S, "houthis", false), ("houthis", O, "isr", false)],
            ),
            (
                "The RSF holds Nyala. The UAE-backed paramilitaries deny any abuses.",
                &[("are", S, "rsf", false)],
            ),
        ],
    );
}

// 18. Lists never relate to themselves; hypothetical acts -------------------------------

#[test]
fn lists_and_plural_pronouns_and_hypotheticals() {
    check(
        "lists, plural pronouns and hypotheticals",
        &[
            (
                "Mali and Burkina Faso warned that any attack on Niger would be treated as a declaration of war against them.",
                &[],
            ),
            ("Russia and Iran said no one would act against them.", &[]),
            (
                "Sudan and Egypt said the dam talks had failed and threats against them would be answered.",
                &[],
            ),
        ],
    );
}

// 19. Compounds: tight targets, alliances, qualifiers -----------------------------------

#[test]
fn compounds_tight_targets_alliances_and_qualifiers() {
    check(
        "compound targets, alliances and qualifiers",
        &[
            // a compound qualifies the noun right after it, which may not be an actor
            ("Qatar hosted U.N.-backed talks between Israel and Hamas.", &[]),
            ("Kenya joined U.S.-funded programmes in Somalia.", &[]),
            (
                "The UAE-backed paramilitary RSF seized El Fasher.",
                &[("are", S, "rsf", false)],
            ),
            // "X-allied Y": Y is the ally of X
            (
                "The Sudanese army retook Wad Madani. The army-allied Joint Forces recaptured the town.",
                &[("joint-forces", S, "saf", false)],
            ),
            // the qualifying actor is not the subject of the verb
            ("Iran-aligned militias attacked U.S. bases.", &[]),
            // "helped" + another cue: the second cue carries the relation
            (
                "Turkish drones helped repel Haftar's offensive on Tripoli.",
                &[("tur", O, "khalifa-haftar", false)],
            ),
            (
                "Russian jets helped repel the HTS offensive on Hama.",
                &[("rus", O, "hts", false)],
            ),
            ("Russian jets helped break the siege of Deir ez-Zor.", &[]),
        ],
    );
}

// 20. "as X's allies": apposition or clause ----------------------------------------------

#[test]
fn as_possessor_allies_needs_an_apposition() {
    check(
        "as X's allies",
        &[
            (
                "Hamas fighters regrouped as Israel's allies weighed their options.",
                &[],
            ),
            ("Wagner fighters arrived as Russia's allies looked on.", &[]),
            (
                "Egypt, as Haftar's main backer, sent envoys.",
                &[("egy", S, "khalifa-haftar", false)],
            ),
        ],
    );
}

// 21. Objects named by title; speakers for their state ----------------------------------

#[test]
fn titled_objects_and_speakers_for_their_state() {
    check(
        "titled objects and speakers",
        &[
            (
                "Washington sanctioned Wagner chief Yevgeny Prigozhin.",
                &[("usa", O, "yevgeny-prigozhin", false)],
            ),
            (
                "The EU blacklisted his deputy, RSF commander Abdelrahim Dagalo.",
                &[("eu", O, "abdelrahim-dagalo", false)],
            ),
            (
                "Ukraine struck Russian army chief Valery Gerasimov's headquarters.",
                &[("ukr", O, "valery-gerasimov", false)],
            ),
            // the minister speaks for his state, also after an inserted clause
            (
                "Russian Foreign Minister Sergei Lavrov, who met Assad in Damascus, said Moscow would support the Syrian government.",
                &[("sergei-lavrov", S, "syrian-government", false)],
            ),
            (
                "Chinese Foreign Minister Wang Yi said Beijing supports Pakistan.",
                &[("wang-yi", S, "pak", false)],
            ),
            // a person named after the act did not speak for it
            (
                "Last week Washington sanctioned Hemedti, after Secretary of State Antony Blinken concluded that the RSF had committed genocide.",
                &[("usa", O, "mohamed-hamdan-dagalo", false)],
            ),
        ],
    );
}

// 22. Legislatures are not "the movement" -------------------------------------------------

#[test]
fn legislatures_are_not_group_descriptions() {
    check(
        "legislatures and group descriptions",
        &[
            (
                "The Tigray People's Liberation Front held a rally. Ethiopia's parliament later designated the movement a terrorist organisation.",
                &[("ethiopian-parliament", O, "tplf", false)],
            ),
            (
                "The Ethiopian parliament met. The House of Peoples' Representatives later designated the movement a terrorist organisation.",
                &[],
            ),
            (
                "The Houthis fired missiles at ships. The European Parliament later condemned the group.",
                &[("european-parliament", O, "houthis", false)],
            ),
        ],
    );
}

// 23. Juntas, armies and ambiguous names in context --------------------------------------

#[test]
fn juntas_armies_and_ambiguous_names() {
    check(
        "juntas, armies and ambiguous names",
        &[
            // "the military" is the state's army, not a rebel "army"
            (
                "Myanmar's military lost Lashio to the Myanmar National Democratic Alliance Army. The Three Brotherhood Alliance launched an offensive against the military.",
                &[("three-brotherhood-alliance", O, "tatmadaw", false)],
            ),
            // "the junta" is never a civilian or shadow government
            (
                "Myanmar's military seized power in 2021. The National Unity Government called for resistance. The United States has imposed sanctions on the junta's leaders.",
                &[("usa", O, "tatmadaw", false)],
            ),
            (
                "Myanmar's military seized power in 2021. Russia remains the junta's main arms supplier.",
                &[("rus", S, "tatmadaw", false)],
            ),
            // a name two actors share goes to the one whose country the text names
            (
                "Myanmar's military shelled villages. The National Unity Government condemned the Tatmadaw.",
                &[("nug", O, "tatmadaw", false)],
            ),
            (
                "Libya's House of Representatives met in Tobruk. The National Unity Government condemned Khalifa Haftar.",
                &[("gnu", O, "khalifa-haftar", false)],
            ),
        ],
    );
}

// 24. Denials with their own object; criticism and blame --------------------------------

#[test]
fn denials_with_objects_criticism_and_blame() {
    check(
        "denials, criticism and blame",
        &[
            (
                "Paul Kagame rejected the accusations and blamed Kinshasa for arming the FDLR.",
                &[("paul-kagame", O, "cod", false), ("cod", S, "fdlr", true)],
            ),
            (
                "Tehran denied the report and condemned Israel.",
                &[("irn", O, "isr", false)],
            ),
            // a denial that covers both verbs still negates both
            ("Rwanda denied arming and funding the M23.", &[]),
            // a denial whose object is itself a cue keeps its scope
            (
                "The plan lacks the backing of Russia and the support of Turkey.",
                &[],
            ),
            (
                "Viktor Orban criticised the European Union over its sanctions.",
                &[("viktor-orban", O, "eu", false)],
            ),
        ],
    );
}

// 25. Nouns, inserted participles, qualifiers and help ----------------------------------

#[test]
fn nouns_inserted_participles_qualifiers_and_help() {
    check(
        "nouns, inserted participles, qualifiers and help",
        &[
            // a cue word after a determiner is a noun: "condemned the attack"
            (
                "France, which has a large Armenian diaspora, condemned the attack and sent aid to Armenia.",
                &[("fra", S, "arm", false)],
            ),
            (
                "Somalia asked Kenya for more troops. Al-Shabaab has fought for years to topple the internationally recognised government in Mogadishu.",
                &[("al-shabaab", O, "som", false)],
            ),
            // "… the attack and later agreed …": a second verb ends the object
            (
                "France condemned the attack and later agreed to sell radars to Armenia.",
                &[],
            ),
            // ", backed by X," is skipped when looking for the subject
            (
                "Somali government forces, backed by U.S. air strikes, recaptured the town from al-Shabaab.",
                &[("usa", S, "som", false)],
            ),
            (
                "The Sudanese army, supported largely by Egypt, shelled the RSF in Omdurman.",
                &[("egy", S, "saf", false), ("saf", O, "rsf", false)],
            ),
            // "the al Qaeda-linked group" is not al Qaeda
            (
                "Al-Shabaab seized Adan Yabaal. The al Qaeda-linked group has attacked Kenyan troops.",
                &[("al-shabaab", O, "ken", false)],
            ),
            // "with help of X": X supports the clause's subject
            (
                "Somali forces retook the town from al-Shabaab with help of U.S. air strikes.",
                &[("usa", S, "som", false)],
            ),
            (
                "Syrian government forces retook Aleppo with the help of Russian jets.",
                &[("rus", S, "syrian-government", false)],
            ),
        ],
    );
}

// 26. Coordinated predicates, demonyms and appositions ----------------------------------

#[test]
fn coordination_demonyms_appositions_and_told_parties() {
    check(
        "coordination, demonyms, appositions",
        &[
            // "thanked X … and called on Y": the caller is the clause's subject
            (
                "Hassan Sheikh Mohamud thanked Washington for its support and called on Ethiopia to respect Somali sovereignty.",
                &[("hassan-sheikh-mohamud", W, "eth", false)],
            ),
            (
                "Armenian Prime Minister Nikol Pashinyan accused Baku of ethnic cleansing and criticised Russian peacekeepers.",
                &[
                    ("nikol-pashinyan", O, "aze", false),
                    ("nikol-pashinyan", O, "rus", false),
                ],
            ),
            // "called on Somalis to reject the militants" is no call on the militants
            (
                "Al-Shabaab attacked a base. The president called on Somalis to reject the militants.",
                &[],
            ),
            // coordinated demonyms share the noun
            (
                "Egyptian and Qatari mediators urged Israel and Hamas to accept a truce.",
                &[
                    ("egy", W, "isr", false),
                    ("egy", W, "hamas", false),
                    ("qat", W, "isr", false),
                    ("qat", W, "hamas", false),
                ],
            ),
            // "A, B's closest ally, …"
            (
                "Turkey, Azerbaijan's closest ally, said it supported the operation.",
                &[("tur", S, "aze", false)],
            ),
            // "warned that X must …"
            (
                "Joe Biden said a deal was close but warned that Hamas must release the hostages.",
                &[("joe-biden", W, "hamas", false)],
            ),
            // "warned that X had attacked …" is news, not a warning to X
            (
                "Kenya warned that Al-Shabaab had attacked a bus near Mandera.",
                &[],
            ),
        ],
    );
}

// 27. "Both sides": the document's main rivals ------------------------------------------

#[test]
fn both_sides_are_the_main_rivals() {
    check(
        "both sides",
        &[
            (
                "The RSF shelled the Sudanese army in Omdurman. The army bombed the RSF in Nyala. The African Union called on both sides to return to talks.",
                &[
                    ("rsf", O, "saf", false),
                    ("saf", O, "rsf", false),
                    ("au", W, "rsf", false),
                    ("au", W, "saf", false),
                ],
            ),
            (
                "Azerbaijan attacked Armenia in 2020. Russia urged the two sides to respect the ceasefire.",
                &[
                    ("aze", O, "arm", false),
                    ("rus", W, "aze", false),
                    ("rus", W, "arm", false),
                ],
            ),
            (
                "Israel struck Hamas positions. Hamas fired rockets at Israel. Egypt pressed the warring parties to accept a truce.",
                &[
                    ("isr", O, "hamas", false),
                    ("hamas", O, "isr", false),
                    ("egy", W, "isr", false),
                    ("egy", W, "hamas", false),
                ],
            ),
            // with no fight reported yet, "both sides" stands for nobody
            ("Qatar called on both sides to show restraint.", &[]),
        ],
    );
}

// 28. Sending troops and weapons; diplomatic breaks; "the army" by place -----------------

#[test]
fn sending_breaking_ties_and_armies_by_place() {
    check(
        "sending, breaking ties, armies by place",
        &[
            (
                "Pyongyang has sent about 11,000 troops to Russia.",
                &[("prk", S, "rus", false)],
            ),
            (
                "Cuba, Maduro's closest ally, has sent thousands of security advisers to Venezuela.",
                &[("cub", S, "nicolas-maduro", false), ("cub", S, "ven", false)],
            ),
            (
                "Iran shipped drones and missiles to the Houthis.",
                &[("irn", S, "houthis", false)],
            ),
                        (
                "Egypt has since pledged to send troops to Somalia, a move Ethiopia condemned.",
                &[("egy", S, "som", false)],
            ),
            // a place named after "to" is not a receiver
            ("Russia sent troops to Ukraine's border.", &[]),
            // "as" is no list word: Venezuela is not recognised
            (
                "The United States recognised opposition leader Juan Guaido as Venezuela's interim president.",
                &[("usa", S, "juan-guaido", false)],
            ),
            (
                "Nicolas Maduro responded by breaking diplomatic relations with Washington.",
                &[("nicolas-maduro", O, "usa", false)],
            ),
            (
                "Wagner mercenaries are deployed in neighbouring Mali, where they fight alongside the army.",
                &[("wagner-group", S, "mli", false)],
            ),
        ],
    );
}

// 29. Possibility, plans and past support -----------------------------------------------

#[test]
fn possibility_plans_and_ended_support() {
    check(
        "possibility, plans, ended support",
        &[
            (
                "Iran could soon begin arming the Houthis with longer-range missiles.",
                &[("irn", S, "houthis", true)],
            ),
            (
                "Washington is considering sanctions against Eritrea.",
                &[("usa", O, "eri", true)],
            ),
            (
                "Saudi Arabia ended its support for the Southern Transitional Council.",
                &[],
            ),
            (
                "Turkey withdrew its backing for the Syrian National Army last year.",
                &[],
            ),
            ("France is no longer an ally of Mali.", &[]),
            (
                "Russia neither supports nor opposes the junta, the Kremlin said.",
                &[],
            ),
            // "May" the month is no hedge
            (
                "In May, Turkey sent drones to the Government of National Accord.",
                &[("tur", S, "gna", false)],
            ),
        ],
    );
}

// 30. Quotes with titled speakers; agents, relatives and former ties ---------------------

#[test]
fn quotes_agents_relatives_and_former_ties() {
    check(
        "quotes, agents, relatives, former ties",
        &[
            // the speaker after a quote may carry a title; the quote ends the object
            (
                "\"We stand with the Islamic Republic,\" Hezbollah leader Hassan Nasrallah said, warning Israel that a response was coming.",
                &[
                    ("hassan-nasrallah", S, "irn", false),
                    ("hassan-nasrallah", W, "isr", false),
                ],
            ),
            (
                "\"We will fight the occupier,\" Houthi military spokesman Yahya Saree said.",
                &[],
            ),
            // an agent after "by" is not the subject of what follows
            (
                "Eritrea has been accused by Ethiopian officials of arming Fano.",
                &[("eth", O, "eri", false), ("eri", S, "fano", true)],
            ),
            (
                "Rwanda was accused by Kinshasa of arming the M23.",
                &[("cod", O, "rwa", false), ("rwa", S, "m23", true)],
            ),
            // "a strike that destroyed X and killed Y": no actor did the killing
            (
                "Khamenei said Israel would pay for an air strike that destroyed the Iranian consulate and killed seven officers.",
                &[],
            ),
            // "former" ends a tie
            (
                "Eritrea, a former ally of Abiy Ahmed, has been silent.",
                &[],
            ),
            (
                "Bashagha, a former interior minister, was named prime minister by the House of Representatives.",
                &[("hor", S, "fathi-bashagha", false)],
            ),
            // "the army" is a state's army, not a rebel force's armed wing
            (
                "The Tigray Defence Forces withdrew. The United Nations urged both the army and Fano to protect civilians.",
                &[("un", W, "fano", false)],
            ),
        ],
    );
}

// 31. Object relatives, sanctuary, hyphenated allies, "both countries" -------------------

#[test]
fn object_relatives_sanctuary_and_hyphenated_allies() {
    check(
        "object relatives, sanctuary, hyphenated allies",
        &[
            // ", which X accuses of VERBing Y": the antecedent is accused, and acts
            (
                "The Taliban government in Kabul, which Pakistan accuses of sheltering the Pakistani Taliban, denies it.",
                &[("pak", O, "taliban", false), ("taliban", S, "ttp", true)],
            ),
            (
                "Rwanda, which Kinshasa accuses of arming the M23, rejects the charge.",
                &[("cod", O, "rwa", false), ("rwa", S, "m23", true)],
            ),
            (
                "India said Islamabad had long harboured Lashkar-e-Taiba.",
                &[("pak", S, "lashkar-e-taiba", false)],
            ),
            (
                "China, Pakistan's all-weather ally, urged restraint.",
                &[("chn", S, "pak", false)],
            ),
            (
                "Pakistan accused India of backing militants. India accused Pakistan of sponsoring terrorism. China called on both countries to talk.",
                &[
                    ("pak", O, "ind", false),
                    ("ind", O, "pak", false),
                    ("chn", W, "ind", false),
                    ("chn", W, "pak", false),
                ],
            ),
        ],
    );
}

// 32. Nominal acts, talk, and where objects end ------------------------------------------

#[test]
fn nominal_acts_talk_and_object_ends() {
    check(
        "nominal acts, talk, object ends",
        &[
            // the object of "attack on" is not the subject of "was condemned"
            (
                "Russia's attack on Ukraine was condemned by the European Union.",
                &[("rus", O, "ukr", false), ("eu", O, "rus", false)],
            ),
                        // "forces loyal to X": X acts
            (
                "Forces loyal to Khalifa Haftar attacked the Government of National Accord in Tripoli.",
                &[("khalifa-haftar", O, "gna", false)],
            ),
            (
                "Fighters allied with the RSF shelled the Sudanese army.",
                &[("rsf", O, "saf", false)],
            ),
            // discussing support is not support
            (
                "Sudan's army chief met Egyptian President Abdel Fattah el-Sisi in Cairo to discuss support for the army.",
                &[],
            ),
            // a comma after a noun ends the object
            (
                "After the RSF seized El Fasher, the army vowed to retake the city.",
                &[],
            ),
            // "warned against an attack on X" is about X, not to X
            ("Egypt's president warned against any attack on Sudan's army.", &[]),
            // a state's sites and bases stand for the state
            (
                "The United States and Israel struck Iranian nuclear sites, and Tehran vowed retaliation.",
                &[("usa", O, "irn", false), ("isr", O, "irn", false)],
            ),
            (
                "The Sudanese army retook Omdurman. RSF fighters shelled army positions in El Fasher.",
                &[("rsf", O, "saf", false)],
            ),
        ],
    );
}

// 33. Negation stays with its verb; recognised qualifiers --------------------------------

#[test]
fn negation_stays_with_its_verb() {
    check(
        "negation stays with its verb",
        &[
            (
                "Erdogan said Turkey would not abandon its Libyan brothers and accused Haftar of treachery.",
                &[("recep-tayyip-erdogan", O, "khalifa-haftar", false)],
            ),
            // "has not armed and trained X": both verbs are negated
            ("Iran has not armed and trained the Houthis.", &[]),
            (
                "Turkish advisers were sent to bolster the UN-recognised government of Fayez al-Sarraj.",
                &[("tur", S, "fayez-al-sarraj", false)],
            ),
        ],
    );
}

// 34. Headline verbs and pledges ---------------------------------------------------------

#[test]
fn headline_verbs_and_pledges() {
    check(
        "headline verbs and pledges",
        &[
            (
                "Tehran slams Washington over new sanctions",
                &[("irn", O, "usa", false)],
            ),
            (
                "Kinshasa hits out at Kigali as M23 advances",
                &[("cod", O, "rwa", false)],
            ),
            // Crimea is a place, not an actor
            ("Russia annexed Crimea in 2014.", &[]),
            (
                "The RSF besieged El Fasher and pounded the Sudanese army.",
                &[("rsf", O, "saf", false)],
            ),
            (
                "Hungary pledged support for Serbia.",
                &[("hun", S, "srb", false)],
            ),
            (
                "The Arakan Army joined forces with the Kachin Independence Army.",
                &[("arakan-army", S, "kia", false)],
            ),
        ],
    );
}

// 35. Datelines, "an ally of Moscow", titles that must fit -------------------------------

#[test]
fn datelines_capitals_after_of_and_fitting_titles() {
    check(
        "datelines, capitals after 'of', fitting titles",
        &[
            // a dateline names a place, not the actor
            (
                "BAGHDAD, Jan 5 - Armed factions vowed to expel U.S. troops from the country.",
                &[],
            ),
            (
                "KINSHASA (Staff) - Rwanda has sent troops to the M23.",
                &[("rwa", S, "m23", false)],
            ),
            // "a partner of Washington": the capital stands for the state
            (
                "The Kurdistan Regional Government, a close partner of Washington, urged restraint.",
                &[("krg", S, "usa", false)],
            ),
            ("The mayor of Kyiv met the press.", &[]),
            // "the commander" is not a prime minister named before
            (
                "Prime Minister Mohammed Shia al-Sudani spoke. Washington said the commander had attacked U.S. troops.",
                &[],
            ),
            (
                "Turkish Defence Minister Hulusi Akar visited Tripoli. The minister warned Haftar.",
                &[("hulusi-akar", W, "khalifa-haftar", false)],
            ),
        ],
    );
}

// 36. Fire at a target; "would pay a price" ----------------------------------------------

#[test]
fn fire_at_targets_and_prices_to_pay() {
    check(
        "fire at targets, prices to pay",
        &[
            (
                "Hezbollah fired dozens of rockets at northern Israel.",
                &[("hezbollah", O, "isr", false)],
            ),
            (
                "The Houthis launched a barrage of drones toward Saudi Arabia.",
                &[("houthis", O, "sau", false)],
            ),
            // fired at a place is no relation
            ("Russia fired missiles at Kharkiv overnight.", &[]),
            (
                "Iran warned that Israel would pay a heavy price for any escalation.",
                &[("irn", W, "isr", false)],
            ),
            // "warned that X would attack" is a warning about X, not to X
            ("Kyiv warned that Russia would attack again.", &[]),
        ],
    );
}
