//! One self-contained interactive page: the picture Graphviz drew, the actors, edges and
//! evidence as JSON, and the page's own small script (`view.js`) and style (`view.css`).
//!
//! The page loads nothing: no font, no script, no picture, no request of any kind. A
//! Content-Security-Policy in the page says so (`default-src 'none'`), and lets run only
//! the page's own script and style, named by their SHA-256 hashes, so that even a name
//! that slipped through escaping could not run.
//!
//! What each part holds and how it is escaped:
//!
//! - the title, in HTML text: [`html_escape`];
//! - the SVG from Graphviz, whose text Graphviz escapes for XML (names reach it through
//!   [`super::dot_escape`]); its prolog, doctype and comments are dropped, and so are the
//!   namespace declarations, which HTML does not need;
//! - the data, as JSON in a `<script type="application/json">` that the browser never
//!   runs: [`script_json`] writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, so
//!   no string can close the element, and `:` in strings as `\u003a`, so that the page's
//!   source holds no address (a citation's `https://…` is a link only once the script
//!   has read it);
//! - the script puts every name, alias, sentence and citation in the page as text
//!   (`textContent`), never as markup, and links only `http:` and `https:` addresses.
//!
//! The nodes and edges of the SVG carry the ids [`super::DotOptions::element_ids`] gives
//! them (`a` + actor position, `e` + edge position), which the data names.

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::Provenance;

use super::connected_ids;

/// The page's script.
pub const SCRIPT: &str = include_str!("view.js");
/// The page's style sheet.
pub const STYLE: &str = include_str!("view.css");

/// What the page says about itself.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// The page's title and heading.
    pub title: String,
    /// Id of the actor selected when the page opens without a fragment (`--focus`).
    pub focus: Option<String>,
}

#[derive(Serialize)]
struct Data<'g> {
    focus: Option<usize>,
    actors: Vec<ActorOut<'g>>,
    edges: Vec<EdgeOut<'g>>,
}

#[derive(Serialize)]
struct ActorOut<'g> {
    id: &'g str,
    name: &'g str,
    kind: &'g str,
    /// Other names to search by: the official name and the aliases.
    aliases: Vec<&'g str>,
    /// Id of the actor's node in the SVG.
    svg: String,
}

#[derive(Serialize)]
struct EdgeOut<'g> {
    /// Positions in `actors`.
    source: usize,
    target: usize,
    relation: &'g str,
    claims: Vec<ClaimOut<'g>>,
}

#[derive(Serialize)]
struct ClaimOut<'g> {
    hedged: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
    /// The citation, followed by its structured source (publisher, date, url) when
    /// there is one, which the page's script shows with the url as a link.
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<std::borrow::Cow<'g, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

/// The page for `graph`, around `svg` (Graphviz's SVG of
/// [`super::to_dot`] with [`super::DotOptions::element_ids`] set).
///
/// Actors without relations are left out, as in the picture. The same graph and SVG give
/// the same bytes.
pub fn to_html(graph: &KnowledgeGraph, svg: &str, options: &HtmlOptions) -> String {
    let json = script_json(&page_data(graph, options));
    let title = html_escape(&options.title);
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        base64(&sha256(SCRIPT.as_bytes())),
        base64(&sha256(STYLE.as_bytes())),
    );
    let svg = clean_svg(svg);
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="geokg {version}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div class="search" role="search">
<label for="q">Find an actor</label>
<input id="q" type="search" autocomplete="off" spellcheck="false" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="suggestions" placeholder="name or alias  ( / )">
<ul id="suggestions" role="listbox" aria-label="actors" hidden></ul>
</div>
<fieldset id="filters">
<legend>Show</legend>
<label class="rel supports"><input type="checkbox" name="relation" value="supports" checked> supports</label>
<label class="rel opposes"><input type="checkbox" name="relation" value="opposes" checked> opposes</label>
<label class="rel warns"><input type="checkbox" name="relation" value="warns" checked> warns</label>
<label><input type="checkbox" id="hedged" checked> hedged</label>
<label>from <input id="since" size="10" placeholder="YYYY-MM-DD" pattern="\d{{4}}(-\d{{2}}(-\d{{2}})?)?"></label>
<label>to <input id="until" size="10" placeholder="YYYY-MM-DD" pattern="\d{{4}}(-\d{{2}}(-\d{{2}})?)?"></label>
</fieldset>
</header>
<main>
<div id="graph" tabindex="0" aria-label="The graph: click an actor; drag or arrow keys to pan, wheel or + and - to zoom, 0 to fit">
<div class="zoom"><button type="button" id="zoom-in" aria-label="zoom in">+</button><button type="button" id="zoom-out" aria-label="zoom out">&#8722;</button><button type="button" id="zoom-fit">fit</button></div>
{svg}
</div>
<aside id="panel" aria-live="polite" tabindex="-1">
<p class="hint">Click an actor, or find one by name, to see its ties and the evidence for each.</p>
</aside>
</main>
<script type="application/json" id="geokg-data">{json}</script>
<script>{SCRIPT}</script>
</body>
</html>
"##,
        version = env!("CARGO_PKG_VERSION"),
    )
}

fn page_data<'g>(graph: &'g KnowledgeGraph, options: &HtmlOptions) -> Data<'g> {
    let shown = connected_ids(graph);
    let mut position = std::collections::BTreeMap::new();
    let mut actors = Vec::new();
    for (i, a) in graph.actors().iter().enumerate() {
        if !shown.contains(&a.id) {
            continue;
        }
        position.insert(a.id.as_str(), actors.len());
        // the official name and the aliases, each once, without the name itself
        let mut aliases: Vec<&str> = Vec::new();
        for alias in a.official_name.iter().chain(&a.aliases) {
            if *alias != a.name && !aliases.contains(&alias.as_str()) {
                aliases.push(alias);
            }
        }
        actors.push(ActorOut {
            id: &a.id,
            name: &a.name,
            kind: a.kind.as_str(),
            aliases,
            svg: format!("a{i}"),
        });
    }
    let edges = graph
        .edges()
        .into_iter()
        .map(|e| EdgeOut {
            source: position[e.source.id.as_str()],
            target: position[e.target.id.as_str()],
            relation: e.kind.as_str(),
            claims: e
                .claims
                .iter()
                .map(|c| {
                    let mut out = ClaimOut {
                        hedged: c.hedged,
                        from: c.from.map(|d| d.to_string()),
                        until: c.until.map(|d| d.to_string()),
                        citation: None,
                        sentence: None,
                        doc: None,
                        index: None,
                    };
                    match &c.provenance {
                        Provenance::Curated {
                            citation,
                            source_ref,
                            ..
                        } => {
                            out.citation = Some(match source_ref {
                                Some(r) => format!("{citation} — {}", r.line()).into(),
                                None => citation.as_str().into(),
                            });
                        }
                        Provenance::Extracted(ev) => {
                            out.sentence = Some(&ev.sentence);
                            out.doc = Some(&ev.doc);
                            out.index = Some(ev.sentence_index);
                        }
                    }
                    out
                })
                .collect(),
        })
        .collect();
    Data {
        focus: options
            .focus
            .as_deref()
            .and_then(|f| position.get(f).copied()),
        actors,
        edges,
    }
}

/// JSON for a `<script type="application/json">` element: `<`, `>` and `&` (which JSON
/// has only inside strings) become `\u003c`, `\u003e` and `\u0026`, so no string can end
/// the element or open a comment; U+2028 and U+2029 are escaped too, and so is `:` inside
/// strings (`\u003a`), so that no `https:` address stands in the page's source.
pub fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    // inside a string (and just after a backslash in one): `:` is escaped only there,
    // where it cannot be the separator of a key and its value
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c == ':' {
                out.push_str("\\u003a");
                continue;
            }
        } else if c == '"' {
            in_string = true;
        }
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content and quoted attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Graphviz's SVG made fit to sit in HTML: from the `<svg` element on, without comments
/// and without the namespace declarations (HTML knows SVG's namespace; they are URLs
/// nobody fetches, but the page is to hold none). Anything that is not an SVG document
/// gives an empty string.
fn clean_svg(svg: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let mut rest = &svg[start..];
    let mut out = String::with_capacity(rest.len());
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = rest[i + j + 3..].trim_start_matches('\n'),
            None => rest = "",
        }
    }
    out.push_str(rest);
    for ns in [
        " xmlns=\"http://www.w3.org/2000/svg\"",
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
    ] {
        if let Some(i) = out.find(ns) {
            // only in the root element
            if out[..i].find('>').is_none() {
                out.replace_range(i..i + ns.len(), "");
            }
        }
    }
    out.trim_end().to_string()
}

/// SHA-256 (FIPS 180-4), for the page's Content-Security-Policy hashes.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_matches_the_standard_vectors() {
        let cases = [
            (
                &b""[..],
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(hex(&sha256(input)), expected);
        }
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&sha256(&million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn script_and_style_cannot_end_their_elements() {
        for (name, text) in [("view.js", SCRIPT), ("view.css", STYLE)] {
            let lower = text.to_ascii_lowercase();
            for bad in ["</script", "</style", "<!--", "http:", "https:", "url("] {
                assert!(!lower.contains(bad), "{name} holds {bad}");
            }
        }
    }

    #[test]
    fn svg_loses_prolog_comments_and_namespaces() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"http://www.w3.org/x.dtd\">\n<!-- Generated -->\n<svg width=\"1pt\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<!-- a&#45;&gt;b -->\n<g id=\"e0\"></g>\n</svg>\n";
        assert_eq!(
            clean_svg(svg),
            "<svg width=\"1pt\">\n<g id=\"e0\"></g>\n</svg>"
        );
        assert_eq!(clean_svg("not svg <script>"), "");
    }

    #[test]
    fn script_json_escapes_what_would_end_the_element() {
        let s = script_json(&["</script><!-- & \u{2028}"]);
        assert_eq!(s, r#"["\u003c/script\u003e\u003c!-- \u0026 \u2028"]"#);
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, ["</script><!-- & \u{2028}"]);
    }

    #[test]
    fn script_json_hides_addresses_in_strings_but_keeps_the_json() {
        let v = serde_json::json!({"citation": "see https://x.org/a?b=\\\":1", "n": 2});
        let s = script_json(&v);
        assert!(!s.contains("https:"), "{s}");
        assert!(s.contains("\"n\":2"), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
