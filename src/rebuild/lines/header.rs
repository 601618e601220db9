//! The header of a table printed one cell paragraph per line: a run of
//! short lines naming columns (`grammars/columns.toml`).
//!
//! Why a run and not a row: with the grid gone, the header is N consecutive
//! lines, one per column, and a header cell of several paragraphs ("PROGRESS
//! UPDATE IMPACT" / "Q4 amber/blue") prints several lines. A line that names
//! no column belongs to the column named last; the column count is the
//! number of lines that name one.

use crate::interpret::plan::columns::{MAX_HEADER_WORDS, normalise};
use crate::recognise::grammar::ColumnMeaning as Meaning;

use super::tokens::Token;

/// Column names a header with an empty cell needs.
const MIN_NAMED_AROUND_EMPTY: usize = 3;

/// Lines after the last column name that may still be paragraphs of the
/// last header cell.
const MAX_TRAILING: usize = 4;

/// Lines of one header cell past its name (a long header cell wraps onto
/// a few): more unnamed lines in a row end the run. Why a cap: every line
/// that opens with a column name starts a run, and an uncapped run read
/// the rest of a long paragraph-per-line save once per such line.
const MAX_HEADER_CELL_LINES: usize = 12;

/// Columns a header may name; a run naming more is data.
const MAX_HEADER_COLUMNS: usize = 40;

/// A line's words, normalised.
fn words(s: &str) -> Vec<String> {
    normalise(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Two lines share at least half of the longer one's words.
fn alike(a: &[String], b: &[String]) -> bool {
    let shared = a.iter().filter(|w| b.contains(w)).count();
    !a.is_empty() && shared * 2 >= a.len().max(b.len())
}

/// Column aliases, shared with the plan interpreter's header search.
pub(crate) use crate::interpret::plan::columns::Aliases;

/// How a line names a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub meaning: Meaning,
    /// The line opens with the alias (else it only contains it).
    pub opens: bool,
}

/// The column a line names (see [`Aliases::named`]).
fn named(aliases: &Aliases, line: &str) -> Option<Named> {
    aliases
        .named(line)
        .map(|(meaning, opens)| Named { meaning, opens })
}

/// A header run found in the token stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// First token of the run.
    pub start: usize,
    /// Token after the header's last line.
    pub end: usize,
    /// Per column: its meaning and the token indices of its lines.
    /// An empty header cell between named ones is a column of no known
    /// meaning (None).
    pub columns: Vec<(Option<Meaning>, Vec<usize>)>,
}

/// The header run starting at token `i`, if one does: it opens with a line
/// that starts with a column alias, runs over short lines with no blank
/// between, and stops before a second column of a meaning a plan has once
/// (data that opens with an alias word). Valid when it names at least two
/// meanings, one of them the actions or the findings.
fn header_at(tokens: &[Token], i: usize, names: &[Option<Named>]) -> Option<Header> {
    let named_at = |k: usize| names.get(k).copied().flatten();
    let first = named_at(i)?;
    if !first.opens {
        return None;
    }
    let mut columns: Vec<(Option<Meaning>, Vec<usize>)> = vec![(Some(first.meaning), vec![i])];
    let mut end = i + 1;
    let mut j = i + 1;
    let mut pending: Vec<usize> = Vec::new();
    // A column name that may extend the run: not a second column of a
    // meaning a plan has once.
    let fresh = |columns: &[(Option<Meaning>, Vec<usize>)], n: Named| {
        n.meaning.repeatable() || !columns.iter().any(|(m, _)| *m == Some(n.meaning))
    };
    while let Some(t) = tokens.get(j) {
        crate::work::step(1);
        if t.blank() {
            // An empty header cell (over a rating column, say) prints a
            // blank line between two column names.
            let named_next = named_at(j + 1).is_some_and(|n| fresh(&columns, n));
            if pending.is_empty() && named_next {
                columns.push((None, vec![j]));
                j += 1;
                continue;
            }
            break;
        }
        if t.text.split_whitespace().nth(MAX_HEADER_WORDS).is_some()
            || pending.len() >= MAX_HEADER_CELL_LINES
            || columns.len() >= MAX_HEADER_COLUMNS
        {
            break;
        }
        match named_at(j) {
            Some(n) => {
                if !fresh(&columns, n) {
                    break;
                }
                if let Some(last) = columns.last_mut() {
                    last.1.append(&mut pending);
                }
                columns.push((Some(n.meaning), vec![j]));
                end = j + 1;
            }
            None => pending.push(j),
        }
        j += 1;
    }
    let mut distinct: Vec<Meaning> = Vec::new();
    for m in columns.iter().filter_map(|(m, _)| *m) {
        if !distinct.contains(&m) {
            distinct.push(m);
        }
    }
    let core = distinct
        .iter()
        .any(|m| matches!(m, Meaning::Action | Meaning::Finding));
    // The last header cell's further paragraphs: lines after the last
    // column name that repeat the wording of the other header cells'
    // further paragraphs ("Expected Q2 …" under each progress column).
    let attached: Vec<Vec<String>> = columns
        .iter()
        .flat_map(|(_, lines)| lines.iter().skip(1))
        .filter_map(|&k| tokens.get(k))
        .map(|t| words(&t.text))
        .collect();
    let trailing = pending
        .iter()
        .take(MAX_TRAILING)
        .take_while(|&&k| {
            tokens
                .get(k)
                .is_some_and(|t| attached.iter().any(|a| alike(&words(&t.text), a)))
        })
        .count();
    if let Some(last) = columns.last_mut() {
        last.1.extend(pending.iter().take(trailing));
    }
    // A header with an empty cell must name more around it: "Action",
    // blank, "Lead" is as likely two data lines.
    let unnamed = columns.iter().filter(|(m, _)| m.is_none()).count();
    let named = columns.len() - unnamed;
    let enough = unnamed == 0 || named >= MIN_NAMED_AROUND_EMPTY;
    (distinct.len() >= 2 && core && enough).then_some(Header {
        start: i,
        end: end + trailing,
        columns,
    })
}

/// Every header run, in order, not overlapping.
pub fn headers(tokens: &[Token], aliases: &Aliases) -> Vec<Header> {
    // Each line's column name, read once: runs overlap.
    let names: Vec<Option<Named>> = tokens
        .iter()
        .map(|t| {
            crate::work::step(1);
            named(aliases, &t.text)
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match header_at(tokens, i, &names) {
            Some(mut h) => {
                // A title that opens with an alias ("Action plan …") may
                // run into the header: a run starting later that names more
                // columns is the header.
                for j in i + 1..h.end {
                    if let Some(later) = header_at(tokens, j, &names)
                        && later.columns.len() > h.columns.len()
                    {
                        h = later;
                    }
                }
                i = h.end;
                out.push(h);
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognise::Grammars;

    /// Steps counted to find headers in `n` lines that each name a column
    /// a plan may have many of, then `n` lines that name none.
    fn header_steps(n: usize) -> u64 {
        let mut lines = vec!["Progress update"; n];
        lines.extend(vec!["the invented work goes on"; n]);
        let t = toks(&lines);
        let aliases = Aliases::new(&Grammars::builtin());
        crate::work::count(|| headers(&t, &aliases).len()).1
    }

    /// A run is read at most a header's length from where it opens: read
    /// to the end of the lines from each opening, 4x the lines cost 16x.
    #[test]
    fn header_runs_cost_the_lines_not_their_square() {
        let (small, large) = (header_steps(500), header_steps(2_000));
        assert!(small > 0);
        assert!(large <= small * 5, "{small} -> {large}");
    }

    fn toks(lines: &[&str]) -> Vec<Token> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Token {
                text: t.to_string(),
                list: false,
                line: i as u32 + 1,
            })
            .collect()
    }

    #[test]
    fn a_run_of_column_names_with_a_multi_paragraph_cell() {
        let g = Grammars::builtin();
        let t = toks(&[
            "Plan heading Actions",
            "Action",
            "Lead",
            "Progress update",
            "Expected Q2",
            "Progress impact",
            "Q4 note",
            "Do the first thing",
            "Action plan is revised and shared with partners",
        ]);
        let hs = headers(&t, &Aliases::new(&g));
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.start, h.end), (1, 6));
        assert_eq!(h.columns.len(), 4);
        assert_eq!(h.columns[2].1, vec![3, 4]);
    }

    #[test]
    fn the_last_header_cell_keeps_lines_worded_like_the_others() {
        let g = Grammars::builtin();
        let t = toks(&[
            "Action",
            "Lead",
            "Progress process",
            "Expected Q2 red Q3 amber",
            "Progress impact",
            "Expected Q2 amber Q3 blue",
            "Child exploitation plan to be revised",
        ]);
        let hs = headers(&t, &Aliases::new(&g));
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].end, 6);
        assert_eq!(hs[0].columns[3].1, vec![4, 5]);
    }

    #[test]
    fn a_title_opening_with_an_alias_is_not_a_column() {
        let g = Grammars::builtin();
        let t = toks(&[
            "Action plan",
            "Ref",
            "Area for development",
            "Action",
            "Lead",
            "Timescale",
        ]);
        let hs = headers(&t, &Aliases::new(&g));
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].start, 1);
        assert_eq!(hs[0].columns.len(), 5);
    }

    #[test]
    fn an_empty_header_cell_between_names_is_a_column() {
        let g = Grammars::builtin();
        let t = toks(&["Ref", "Action", "", "Lead", "", "1.1 Do"]);
        let hs = headers(&t, &Aliases::new(&g));
        assert_eq!(hs.len(), 1);
        let metas: Vec<Option<Meaning>> = hs[0].columns.iter().map(|c| c.0).collect();
        assert_eq!(
            metas,
            vec![
                Some(Meaning::Ref),
                Some(Meaning::Action),
                None,
                Some(Meaning::Lead)
            ]
        );
        assert_eq!(hs[0].end, 4);
    }

    #[test]
    fn one_column_name_is_not_a_header() {
        let g = Grammars::builtin();
        assert!(headers(&toks(&["Action", "", "Lead"]), &Aliases::new(&g)).is_empty());
    }
}
