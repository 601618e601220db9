//! The header row and what each column means.
//!
//! Why by meaning, not position: every partnership orders its columns
//! differently ("Ref | Areas for development | Actions | …", "Number |
//! Recommendation | Action | Outcomes | Lead | By When | …", "ACTION | LEAD
//! AGENCY/AGENCIES | OUTCOME MEASURE | PROGRESS …"). The header texts are
//! matched against the aliases in `grammars/columns.toml`, so a new layout
//! needs a line of TOML, not code.

use crate::model::{Slot, Table};
use crate::recognise::Grammars;

/// What a column holds (the keys of `columns.toml`).
pub use crate::recognise::grammar::ColumnMeaning as Meaning;

impl Meaning {
    /// Meanings a table may hold in several columns, read in column order.
    pub(crate) fn repeatable(self) -> bool {
        matches!(self, Meaning::Progress | Meaning::Outcome)
    }
}

/// Grid column → meaning, from one header row.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// (grid column, meaning), in column order.
    pub cols: Vec<(usize, Meaning)>,
    /// Grid width of the table the map came from: a table without a header
    /// of its own continues this map only if it is as wide.
    pub width: usize,
    /// Number of cells in the header row (a much shorter row is not a data
    /// row of this table).
    pub header_cells: usize,
    /// The header row's cell texts, to recognise repeats the reader did not
    /// mark.
    pub header_texts: Vec<String>,
}

impl ColumnMap {
    /// The first column holding `m`.
    pub fn first(&self, m: Meaning) -> Option<usize> {
        self.cols.iter().find(|(_, x)| *x == m).map(|(c, _)| *c)
    }

    /// Every column holding `m`, in order.
    pub fn all(&self, m: Meaning) -> Vec<usize> {
        self.cols
            .iter()
            .filter(|(_, x)| *x == m)
            .map(|(c, _)| *c)
            .collect()
    }
}

/// Lower case, punctuation to spaces (keeping `#` and `&`), single spaces:
/// how header text and column aliases are compared.
pub(crate) fn normalise(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '#' || c == '&' {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Headers are short; a long first paragraph is data that happens to open
/// with an alias word ("Action plan is multi-agency and …").
pub(crate) const MAX_HEADER_WORDS: usize = 14;

/// Only a short header is matched by an alias inside it: a longer text
/// that merely mentions "action" is data.
const MAX_CONTAINS_WORDS: usize = 4;

/// The aliases of every meaning, normalised and padded with a space on each
/// side (so a whole-word test is a substring test), and with their spaces
/// removed (see [`Aliases::squashed`]), once per table.
pub(crate) struct Aliases {
    padded: Vec<(Meaning, String)>,
    squashed: Vec<(Meaning, String)>,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| *c != ' ').collect()
}

impl Aliases {
    pub(crate) fn new(g: &Grammars) -> Self {
        let mut padded = Vec::new();
        let mut squashed = Vec::new();
        for (meaning, aliases) in g.columns.by_meaning() {
            for alias in aliases {
                let a = normalise(alias);
                if !a.is_empty() {
                    squashed.push((meaning, squash(&a)));
                    padded.push((meaning, format!(" {a} ")));
                }
            }
        }
        Aliases { padded, squashed }
    }

    /// The longest alias the cell's first line opens with, else the longest
    /// it contains, as whole words; else the line with its spaces removed.
    fn meaning(&self, cell_text: &str) -> Option<Meaning> {
        let first = cell_text.lines().map(str::trim).find(|l| !l.is_empty())?;
        self.named(first)
            .map(|(m, _)| m)
            .or_else(|| self.squashed(&normalise(first)))
    }

    /// The column a short line names, and whether it opens with the alias:
    /// the longest alias it opens with, else the longest it contains as
    /// whole words (a line of a few words only: "Current SCT Progress").
    pub(crate) fn named(&self, line: &str) -> Option<(Meaning, bool)> {
        if line.split_whitespace().nth(MAX_HEADER_WORDS).is_some() {
            return None;
        }
        let h = normalise(line);
        // Prefer an alias the header opens with; else one it contains as
        // whole words ("Current SCT Progress").
        let padded = format!(" {h} ");
        let short = h.split(' ').count() <= MAX_CONTAINS_WORDS;
        let mut opens: Option<(usize, Meaning)> = None;
        let mut contains: Option<(usize, Meaning)> = None;
        for (meaning, word) in &self.padded {
            let len = word.len();
            let slot = if padded.starts_with(word.as_str()) {
                &mut opens
            } else if short && padded.contains(word.as_str()) {
                &mut contains
            } else {
                continue;
            };
            if slot.is_none_or(|(l, _)| len > l) {
                *slot = Some((len, *meaning));
            }
        }
        opens
            .map(|(_, m)| (m, true))
            .or(contains.map(|(_, m)| (m, false)))
    }

    /// A header wrapped in a column narrower than its words is printed
    /// broken inside them ("Recommen dation", "RA G Rat ing"): failing a
    /// match by words, the whole header with its spaces removed may equal
    /// an alias with its spaces removed (never a part of one, which data
    /// would meet too often).
    fn squashed(&self, h: &str) -> Option<Meaning> {
        let hs = squash(h);
        if hs.is_empty() {
            return None;
        }
        self.squashed
            .iter()
            .find(|(_, word)| *word == hs)
            .map(|(m, _)| *m)
    }
}

/// The meaning of one header cell, judged by its first line.
#[cfg(test)]
fn header_meaning(cell_text: &str, g: &Grammars) -> Option<Meaning> {
    Aliases::new(g).meaning(cell_text)
}

/// Find the header row of `table`: the first row where at least two cells
/// name distinct columns, at least half of its non-empty cells do, and one
/// of them is an action or finding column. Returns the row index and map.
pub fn find_header(table: &Table, g: &Grammars) -> Option<(usize, ColumnMap)> {
    let width = table_width(table);
    let aliases = Aliases::new(g);
    for (ri, row) in table.rows.iter().enumerate() {
        let mut nonempty = 0usize;
        let mut hits: Vec<(usize, usize, Meaning)> = Vec::new(); // (col, span, meaning)
        for cell in &row.cells {
            let text = cell.text();
            if text.trim().is_empty() {
                continue;
            }
            nonempty += 1;
            if let Some(m) = aliases.meaning(&text) {
                hits.push((cell.col, cell.col_span.max(1), m));
            }
        }
        let distinct = {
            let mut ms: Vec<Meaning> = hits.iter().map(|h| h.2).collect();
            ms.dedup();
            let mut uniq: Vec<Meaning> = Vec::new();
            for m in ms {
                if !uniq.contains(&m) {
                    uniq.push(m);
                }
            }
            uniq
        };
        let core = distinct
            .iter()
            .any(|m| matches!(m, Meaning::Action | Meaning::Finding));
        if distinct.len() < 2 || hits.len() * 2 < nonempty || !core {
            continue;
        }
        let mut cols: Vec<(usize, Meaning)> = Vec::new();
        for (col, span, m) in hits {
            if !m.repeatable() && cols.iter().any(|(_, x)| *x == m) {
                continue;
            }
            // A header cell spanning several grid columns names them all
            // (a merged "Progress" over two sub-columns).
            for c in col..col + span {
                if !cols.iter().any(|(x, _)| *x == c) {
                    cols.push((c, m));
                }
            }
        }
        // Without an action column, the finding column holds the actions
        // (a plan of recommendations with leads and dates).
        if !cols.iter().any(|(_, m)| *m == Meaning::Action) {
            for entry in cols.iter_mut() {
                if entry.1 == Meaning::Finding {
                    entry.1 = Meaning::Action;
                }
            }
        }
        cols.sort_by_key(|(c, _)| *c);
        return Some((
            ri,
            ColumnMap {
                cols,
                width,
                header_cells: row.cells.len(),
                header_texts: row.cells.iter().map(|c| normalise(&c.text())).collect(),
            },
        ));
    }
    None
}

/// The grid width of a table: its declared columns or its widest row.
pub fn table_width(table: &Table) -> usize {
    table.slots().first().map_or(table.columns, Vec::len)
}

/// Is `row` a repeat of the header the map came from?
pub fn is_header_repeat(map: &ColumnMap, texts: &[String]) -> bool {
    let norm: Vec<String> = texts.iter().map(|t| normalise(t)).collect();
    norm.iter().any(|t| !t.is_empty()) && norm == map.header_texts
}

/// Is this slot covered from a row above (a vertical merge)?
pub fn merged_from_above(slot: Slot, row: usize) -> Option<(usize, usize)> {
    match slot {
        Slot::Covered(r, c) if r < row => Some((r, c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_match_by_prefix_and_longest_wins() {
        let g = Grammars::builtin();
        assert_eq!(header_meaning("Lead/s", &g), Some(Meaning::Lead));
        assert_eq!(
            header_meaning("Completion date and key milestones", &g),
            Some(Meaning::Timescale)
        );
        assert_eq!(
            header_meaning("Outcomes How will we know when this action is complete", &g),
            Some(Meaning::Outcome)
        );
        assert_eq!(
            header_meaning("PROGRESS UPDATE IMPACT Expected Q2 Red Q3 amber", &g),
            Some(Meaning::Progress)
        );
        assert_eq!(header_meaning("RAG Rating", &g), Some(Meaning::Status));
        assert_eq!(header_meaning("Number", &g), Some(Meaning::Ref));
        assert_eq!(header_meaning("Nu mb er", &g), Some(Meaning::Ref));
        assert_eq!(
            header_meaning("Recommen dation", &g),
            Some(Meaning::Finding)
        );
        assert_eq!(header_meaning("RA G Rat ing", &g), Some(Meaning::Status));
        assert_eq!(header_meaning("Act ion plan", &g), None);
        assert_eq!(header_meaning("Notes", &g), None);
        assert_eq!(
            header_meaning("Current SCT Progress", &g),
            Some(Meaning::Progress)
        );
        assert_eq!(
            header_meaning("Child Exploitation action plan to be revised", &g),
            None
        );
    }
}
