//! Time: when does a claim or an affiliation hold?
//!
//! A curated claim holds over its range `[from, until]`: a missing `from` means "since
//! always", a missing `until` "still holds". An extracted claim is evidence of the day its
//! document was written: with only a `from` (the document date) it holds on that date, not
//! ever after. A [`Window`] keeps the claims that hold at some point inside it; a claim with
//! neither date cannot be placed in time and is left out whenever a window is set.
//!
//! Dates may be partial (`2020`, `2020-06`): a partial date stands for its whole range, so
//! `--as-of 2020` keeps a claim that ended in March 2020.

use crate::error::{Error, Result};
use crate::model::{Affiliation, Claim, Date, Provenance};

/// A day as (year, month, day); partial dates widen to their first or last day.
type Day = (u16, u8, u8);

const FIRST: Day = (0, 0, 0);
const LAST: Day = (u16::MAX, u8::MAX, u8::MAX);

/// A time filter: `--since`, `--until` and `--as-of`, all optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// Keep claims that still held on or after this date.
    pub since: Option<Date>,
    /// Keep claims that already held on or before this date.
    pub until: Option<Date>,
    /// Keep claims that held at this date (the same as `since` and `until` both set to it).
    pub as_of: Option<Date>,
}

impl Window {
    /// A window that keeps everything.
    pub fn all() -> Self {
        Window::default()
    }

    /// True when no bound is set.
    pub fn is_unbounded(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.as_of.is_none()
    }

    /// Checks that the bounds leave some time: `since` is not after `until`, and `as-of`
    /// lies between them.
    ///
    /// # Errors
    /// [`Error::Usage`] naming the bounds that exclude each other.
    pub fn check(&self) -> Result<()> {
        let (lo, hi) = self.bounds();
        if lo > hi {
            let shown = |d: Option<Date>, flag: &str| d.map(|d| format!("{flag} {d}"));
            let parts: Vec<String> = [
                shown(self.since, "--since"),
                shown(self.until, "--until"),
                shown(self.as_of, "--as-of"),
            ]
            .into_iter()
            .flatten()
            .collect();
            return Err(Error::Usage(format!(
                "the time bounds {} leave no time between them",
                parts.join(", ")
            )));
        }
        Ok(())
    }

    /// The first and last day of the window.
    fn bounds(&self) -> (Day, Day) {
        let mut lo = FIRST;
        let mut hi = LAST;
        for d in [self.since, self.as_of].into_iter().flatten() {
            lo = lo.max(d.start());
        }
        for d in [self.until, self.as_of].into_iter().flatten() {
            hi = hi.min(d.end());
        }
        (lo, hi)
    }

    /// Does a claim hold at some point of the window?
    pub fn admits(&self, claim: &Claim) -> bool {
        if self.is_unbounded() {
            return true;
        }
        if claim.from.is_none() && claim.until.is_none() {
            return false;
        }
        let (lo, hi) = self.bounds();
        let (from, until) = claim_span(claim);
        from <= hi && until >= lo
    }

    /// Does `affiliation` apply to `claim`: did the person hold the role while the claim
    /// held, inside the window? For a claim with no date and no window, only a role still
    /// held counts.
    pub fn affiliation_applies(&self, affiliation: &Affiliation, claim: &Claim) -> bool {
        if claim.from.is_none() && claim.until.is_none() {
            return if self.is_unbounded() {
                affiliation.until.is_none()
            } else {
                self.holds(affiliation)
            };
        }
        let (lo, hi) = self.bounds();
        let (cf, cu) = claim_span(claim);
        let (lo, hi) = (lo.max(cf), hi.min(cu));
        let (af, au) = span(affiliation.from, affiliation.until);
        af <= hi && au >= lo
    }

    /// Does `affiliation` hold inside the window? Without a window, only a role still held
    /// counts.
    pub fn holds(&self, affiliation: &Affiliation) -> bool {
        if self.is_unbounded() {
            return affiliation.until.is_none();
        }
        let (lo, hi) = self.bounds();
        let (af, au) = span(affiliation.from, affiliation.until);
        af <= hi && au >= lo
    }
}

/// When a claim holds: its range, or for an extracted claim dated only by its document,
/// that date.
fn claim_span(claim: &Claim) -> (Day, Day) {
    let until = match (&claim.provenance, claim.until) {
        (Provenance::Extracted(_), None) => claim.from,
        (_, until) => until,
    };
    span(claim.from, until)
}

fn span(from: Option<Date>, until: Option<Date>) -> (Day, Day) {
    (
        from.map_or(FIRST, Date::start),
        until.map_or(LAST, Date::end),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, RelationKind, Span};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn claim(from: Option<&str>, until: Option<&str>) -> Claim {
        Claim {
            source: "a".into(),
            kind: RelationKind::Supports,
            target: "b".into(),
            hedged: false,
            confidence: 1.0,
            from: from.map(d),
            until: until.map(d),
            provenance: Provenance::Curated {
                citation: "c".into(),
                source_ref: None,
                conflict: None,
            },
        }
    }

    fn window(since: Option<&str>, until: Option<&str>, as_of: Option<&str>) -> Window {
        Window {
            since: since.map(d),
            until: until.map(d),
            as_of: as_of.map(d),
        }
    }

    #[test]
    fn claims_in_and_out_of_windows() {
        let ended = claim(Some("2019-04"), Some("2020-10"));
        let ongoing = claim(Some("2016"), None);
        let undated = claim(None, None);
        let cases = [
            (window(None, None, None), [true, true, true]),
            (window(Some("2021"), None, None), [false, true, false]),
            (window(Some("2020-10-31"), None, None), [true, true, false]),
            (window(None, Some("2018"), None), [false, true, false]),
            (window(None, Some("2019"), None), [true, true, false]),
            (window(None, None, Some("2020")), [true, true, false]),
            (
                window(None, None, Some("2015-06-01")),
                [false, false, false],
            ),
            (
                window(Some("2017"), Some("2018"), None),
                [false, true, false],
            ),
        ];
        for (w, expected) in cases {
            let got = [w.admits(&ended), w.admits(&ongoing), w.admits(&undated)];
            assert_eq!(got, expected, "{w:?}");
        }
    }

    #[test]
    fn an_extracted_claim_holds_on_its_document_date() {
        let mut c = claim(Some("2020-01-19"), None);
        c.provenance = Provenance::Extracted(Evidence {
            doc: "d".into(),
            sentence_index: 0,
            span: Span::new(0, 1),
            sentence: "x".into(),
            rule: "r".into(),
        });
        assert!(window(None, None, Some("2020-01")).admits(&c));
        assert!(window(Some("2019"), Some("2020"), None).admits(&c));
        assert!(!window(Some("2021"), None, None).admits(&c));
        assert!(!window(None, None, Some("2022")).admits(&c));
    }

    #[test]
    fn affiliations_apply_while_the_role_was_held() {
        let minister = Affiliation {
            actor: "tur".into(),
            role: "defence minister".into(),
            kind: crate::model::AffiliationKind::Other,
            from: Some(d("2018-07")),
            until: Some(d("2023-06")),
        };
        let w = Window::all();
        assert!(w.affiliation_applies(&minister, &claim(Some("2019-12-26"), None)));
        assert!(!w.affiliation_applies(&minister, &claim(Some("2024"), None)));
        // an undated claim counts only for a role still held
        assert!(!w.affiliation_applies(&minister, &claim(None, None)));
        assert!(window(None, None, Some("2020")).affiliation_applies(&minister, &claim(None, None)));
        // within the window: the claim holds 2016-on, the role ended in 2023
        assert!(!window(Some("2024"), None, None)
            .affiliation_applies(&minister, &claim(Some("2016"), None)));
    }

    #[test]
    fn contradictory_bounds_are_an_error() {
        assert!(window(Some("2021"), Some("2020"), None).check().is_err());
        assert!(window(Some("2020"), None, Some("2019")).check().is_err());
        assert!(window(Some("2020"), Some("2020"), Some("2020-05"))
            .check()
            .is_ok());
        let msg = window(Some("2021"), Some("2020"), None)
            .check()
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            "the time bounds --since 2021, --until 2020 leave no time between them"
        );
    }
}
