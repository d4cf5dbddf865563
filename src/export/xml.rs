//! Escaping for the XML formats (GraphML, GEXF).

/// Escapes text for XML 1.0 content and double-quoted attribute values.
///
/// `& < > " '` become entities; tab, line feed and carriage return become character
/// references, so attribute-value normalisation cannot turn them into spaces; characters
/// that XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) are dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether XML 1.0 allows the character at all (the `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A floating-point number as written in the XML formats: always with a decimal point,
/// never in exponent form, at most two decimals.
pub(crate) fn number(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.1}")
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\"'\u{0}\u{1b}\u{FFFE}\t\r\n北"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#9;&#13;&#10;北"
        );
    }

    #[test]
    fn numbers_have_a_point_and_two_decimals_at_most() {
        assert_eq!(number(1.0), "1.0");
        assert_eq!(number(0.85), "0.85");
        assert_eq!(number(0.8), "0.8");
        assert_eq!(number(2.0 / 3.0), "0.67");
    }
}
