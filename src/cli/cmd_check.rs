//! `geokg check`: coverage per conflict of curated files.

use super::*;

/// Coverage per conflict (the `conflict` of each file), for `geokg check`: relations,
/// the actors they name and the distinct sources (urls) behind them, one line each, in
/// order of first appearance; relations of files without a conflict come last.
pub(crate) fn coverage(data: &data::Dataset) -> String {
    use std::collections::BTreeSet;
    /// One conflict's figures.
    struct Row<'a> {
        conflict: Option<&'a str>,
        relations: usize,
        actors: BTreeSet<&'a str>,
        urls: BTreeSet<&'a str>,
    }
    let mut rows: Vec<Row<'_>> = Vec::new();
    for (c, conflict) in data.claims.iter().zip(&data.conflicts) {
        let conflict = conflict.as_deref();
        let i = match rows.iter().position(|r| r.conflict == conflict) {
            Some(i) => i,
            None => {
                rows.push(Row {
                    conflict,
                    relations: 0,
                    actors: BTreeSet::new(),
                    urls: BTreeSet::new(),
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[i];
        row.relations += 1;
        row.actors.insert(&c.source);
        row.actors.insert(&c.target);
        if let Some(s) = c.source_ref() {
            row.urls.insert(&s.url);
        }
    }
    rows.sort_by_key(|r| r.conflict.is_none());
    if rows.is_empty() {
        return String::new();
    }
    let named = rows.iter().filter(|r| r.conflict.is_some()).count();
    let mut out = format!(
        "coverage: {} with cited relations\n",
        count(named, "conflict")
    );
    let name = |r: &Row<'_>| r.conflict.unwrap_or("(no conflict)").to_string();
    let width = rows
        .iter()
        .map(|r| name(r).chars().count())
        .max()
        .unwrap_or(0);
    for r in &rows {
        let shown = name(r);
        let pad = width - shown.chars().count();
        out.push_str(&format!(
            "  {shown}{}  {}, {}, {}\n",
            " ".repeat(pad),
            count(r.relations, "relation"),
            count(r.actors.len(), "actor"),
            count(r.urls.len(), "source")
        ));
    }
    out
}
