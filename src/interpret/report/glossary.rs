//! The glossary: acronym tables (a short capitalised term beside its
//! expansion) and "TERM - expansion" lines under a glossary heading.
//!
//! Why content as well as headers: glossary tables often have no header
//! row at all; a column of acronyms next to a column of phrases is
//! unmistakable, and a glossary heading above the table confirms it.

use crate::contract::{At, GlossaryEntry};
use crate::model::Table;

use super::flow::{Item, row_at};
use super::sections::Sections;
use std::collections::HashMap;

use super::text::{is_acronym, norm};
use super::vocab::Vocab;

pub fn find(items: &[Item<'_>], secs: &Sections, v: &Vocab) -> Vec<GlossaryEntry> {
    // Which sections are glossaries, asked once per section (asked per
    // item, a long title was normalised once per item of the report).
    let glossaries: Vec<bool> = secs
        .list
        .iter()
        .map(|s| v.phrases().glossary_headings.contains(&s.title))
        .collect();
    let in_glossary = |i: usize| {
        secs.enclosing(i)
            .is_some_and(|s| glossaries.get(s).copied().unwrap_or(false))
    };
    let mut out = Vec::new();
    let mut tables_found = false;
    for (i, it) in items.iter().enumerate() {
        if let Item::Table(t) = it {
            let under_heading = in_glossary(i) || heading_above(items, i, v);
            let found = table_entries(t, under_heading, v);
            tables_found |= !found.is_empty();
            out.extend(found);
        }
    }
    if tables_found {
        return out;
    }
    // No glossary table: read "TERM - expansion" lines in glossary sections.
    for (i, it) in items.iter().enumerate() {
        let Some(l) = it.line() else {
            continue;
        };
        if !in_glossary(i) {
            continue;
        }
        // The heading's own line is no entry, but the first term may be
        // the next line of its paragraph ("9.E Acronyms" over "ABE").
        let text = if secs.is_heading(i) {
            match l.lines.get(1..) {
                Some(rest) if !rest.is_empty() => rest.join(" "),
                _ => continue,
            }
        } else {
            l.text.clone()
        };
        // A term and its expansion as two paragraphs in turn.
        let apart = || {
            let next = items.get(i + 1)?.line()?;
            is_term(&text)
                .then(|| line_entry(&format!("{} {}", text, next.text)))
                .flatten()
        };
        if let Some(e) = line_entry(&text)
            .or_else(apart)
            .map(|e| GlossaryEntry { at: it.at(), ..e })
            && !out
                .iter()
                .any(|x: &GlossaryEntry| x.abbreviation == e.abbreviation)
        {
            out.push(e);
        }
    }
    out
}

/// Is stream item `i` under a glossary heading (its section's title, or a
/// line just above it)?
/// A glossary heading in one of the two lines above item `i`.
fn heading_above(items: &[Item<'_>], i: usize, v: &Vocab) -> bool {
    (i.saturating_sub(2)..i).any(|k| {
        items.get(k).and_then(Item::line).is_some_and(|l| {
            l.text.split_whitespace().count() <= 6
                && v.phrases().glossary_headings.contains(&l.text)
        })
    })
}

fn table_entries(t: &Table, under_heading: bool, v: &Vocab) -> Vec<GlossaryEntry> {
    let width = t
        .columns
        .max(t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    // A header row naming the columns, if any.
    let lex = v.phrases();
    let header = t.rows.first().and_then(|r| {
        let term = r
            .cells
            .iter()
            .find(|c| lex.glossary_term_headers.whole(&c.text()).is_some())?;
        let meaning = r
            .cells
            .iter()
            .find(|c| lex.glossary_meaning_headers.whole(&c.text()).is_some())?;
        Some((term.col, meaning.col))
    });
    let pairs: Vec<(usize, usize)> = match header {
        Some(p) => vec![p],
        None => (0..width.saturating_sub(1))
            .step_by(2)
            .map(|c| (c, c + 1))
            .collect(),
    };
    let skip = usize::from(header.is_some());
    // Each cell's text normalised once: a cell spanning many columns is
    // read by every pair of columns it covers.
    let mut normed: HashMap<(usize, usize), String> = HashMap::new();
    let mut text_at = |ri: usize, col: usize| -> String {
        t.cell_at(ri, col)
            .map(|c| {
                normed
                    .entry((ri, c.col))
                    .or_insert_with(|| norm(&c.text()))
                    .clone()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (tc, mc) in pairs {
        let mut rows = Vec::new();
        let mut filled = 0;
        for ri in skip..t.rows.len() {
            let term = text_at(ri, tc);
            let meaning = text_at(ri, mc);
            if term.is_empty() && meaning.is_empty() {
                continue;
            }
            filled += 1;
            if is_term(&term) && !meaning.is_empty() && !is_acronym(&meaning) {
                rows.push(GlossaryEntry {
                    abbreviation: term,
                    expansion: meaning,
                    at: row_at(&t.rows[ri]),
                });
            }
        }
        let enough = if header.is_some() || under_heading {
            rows.len() * 2 >= filled && !rows.is_empty()
        } else {
            rows.len() >= 5 && rows.len() * 5 >= filled * 4
        };
        if enough {
            out.extend(rows);
        }
    }
    out
}

/// A glossary term: one token, written as an acronym.
fn is_term(s: &str) -> bool {
    !s.contains(char::is_whitespace) && is_acronym(s)
}

/// "ABE - Achieving Best Evidence", "ABE: …", "ABE = …", "ABE Achieving …".
fn line_entry(text: &str) -> Option<GlossaryEntry> {
    let (term, rest) = text.split_once(char::is_whitespace)?;
    let term = term.trim_end_matches([':', '=']);
    if !is_term(term) {
        return None;
    }
    let rest = rest.trim_start().trim_start_matches(['-', ':', '=']).trim();
    let first = rest.chars().next()?;
    // An expansion spells words out: no figures or years in it.
    if !first.is_alphabetic() || is_acronym(rest) || rest.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(GlossaryEntry {
        abbreviation: term.to_string(),
        expansion: rest.to_string(),
        at: At::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_term_run_on_from_the_heading() {
        use crate::interpret::report::flow::Line;
        let mut head = Line::plain("2. Acronyms ABE", false);
        head.lines = vec!["2. Acronyms".into(), "ABE".into()];
        head.first = "2. Acronyms".into();
        let items: Vec<Item> = [
            Item::Line(Line::plain("1. Introduction", false)),
            Item::Line(head),
        ]
        .into_iter()
        .chain(
            ["Achieving Best Evidence", "CC", "County Council"]
                .into_iter()
                .map(|t| Item::Line(Line::plain(t, false))),
        )
        .collect();
        let secs = crate::interpret::report::sections::find(&items);
        let got: Vec<String> = find(&items, &secs, Vocab::builtin())
            .into_iter()
            .map(|e| format!("{}={}", e.abbreviation, e.expansion))
            .collect();
        assert_eq!(got, ["ABE=Achieving Best Evidence", "CC=County Council"]);
    }

    #[test]
    fn glossary_lines() {
        let e = line_entry("CAMHS - Child and Adolescent Mental Health Service").unwrap();
        assert_eq!(e.abbreviation, "CAMHS");
        assert_eq!(e.expansion, "Child and Adolescent Mental Health Service");
        assert!(line_entry("The ABSCP works closely").is_none());
        assert!(line_entry("ABC Learning & Achievements 2021/22").is_none());
        assert!(is_term("T+F") && is_term("DfE") && is_term("NoRAmb") && !is_term("Total"));
    }
}
