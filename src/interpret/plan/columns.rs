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
use crate::recognise::phrase::{self, Phrases};

/// What a column holds (the keys of `columns.toml`).
pub use crate::recognise::grammar::ColumnMeaning as Meaning;

impl Meaning {
    /// Meanings a table may hold in several columns, read in column order.
    pub(crate) fn repeatable(self) -> bool {
        matches!(self, Meaning::Progress | Meaning::Outcome)
    }
}

/// Columns read besides the core meanings (`plan.toml` `[columns]`, or
/// typed by their cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    /// A theme repeated on every row (a spreadsheet's workstream): the section.
    Section,
    /// When work starts: never the timescale.
    Start,
    /// A moved deadline: the timescale where filled.
    Revised,
    /// A percentage done: "100%" says complete.
    Percent,
    /// A column that prints only the ref of a finding listed apart.
    Link,
}

/// Grid column → meaning, from one header row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnMap {
    /// (grid column, meaning), in column order.
    pub cols: Vec<(usize, Meaning)>,
    /// (grid column, extra meaning), in column order.
    pub extras: Vec<(usize, Extra)>,
    /// Header cells no vocabulary names and no content types: (grid
    /// column, header text as printed).
    pub unknown: Vec<(usize, String)>,
    /// The table lists findings only (a ref and finding text, no action,
    /// lead or date column): findings printed apart from the action table.
    pub findings_only: bool,
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

    /// The first column holding the extra meaning `e`.
    pub fn extra(&self, e: Extra) -> Option<usize> {
        self.extras.iter().find(|(_, x)| *x == e).map(|(c, _)| *c)
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

/// How header text and column aliases are compared: the one matching form
/// (`recognise::phrase::normalise`: lower case, all but letters, digits and
/// `#` to spaces, single spaces).
pub(crate) fn normalise(s: &str) -> String {
    phrase::normalise(s)
}

/// Headers are short; a long first paragraph is data that happens to open
/// with an alias word ("Action plan is multi-agency and …").
pub(crate) const MAX_HEADER_WORDS: usize = 14;

/// Only a short header is matched by an alias inside it: a longer text
/// that merely mentions "action" is data.
const MAX_CONTAINS_WORDS: usize = 4;

/// The aliases of every meaning: the one column-header matcher
/// (`recognise::phrase::column_aliases`), built once per table.
pub(crate) struct Aliases {
    phrases: Phrases<Meaning>,
}

impl Aliases {
    pub(crate) fn new(g: &Grammars) -> Self {
        Aliases {
            phrases: phrase::column_aliases(&g.columns),
        }
    }

    /// The longest alias the cell's first line opens with, else the longest
    /// it contains, as whole words; else the line with its spaces removed.
    /// With the matched alias's length (longer names win over extras).
    fn meaning(&self, cell_text: &str) -> Option<(Meaning, usize)> {
        let first = cell_text.lines().map(str::trim).find(|l| !l.is_empty())?;
        self.named_len(first).or_else(|| {
            let n = normalise(first);
            self.squashed(&n).map(|m| (m, n.len()))
        })
    }

    /// The column a short line names, and whether it opens with the alias:
    /// the longest alias it opens with, else the longest it contains as
    /// whole words (a line of a few words only: "Current SCT Progress").
    pub(crate) fn named(&self, line: &str) -> Option<(Meaning, bool)> {
        let (m, _, opens) = self.matched(line)?;
        Some((m, opens))
    }

    fn named_len(&self, line: &str) -> Option<(Meaning, usize)> {
        self.matched(line).map(|(m, len, _)| (m, len))
    }

    /// The alias matched and its length counted as the extras count theirs
    /// (with a space either side).
    fn matched(&self, line: &str) -> Option<(Meaning, usize, bool)> {
        if line.split_whitespace().nth(MAX_HEADER_WORDS).is_some() {
            return None;
        }
        let h = normalise(line);
        // Prefer an alias the header opens with; else one it contains as
        // whole words ("Current SCT Progress").
        if let Some(f) = self.phrases.opening(&h) {
            return Some((f.value, f.end - f.start + 2, true));
        }
        if h.split(' ').count() > MAX_CONTAINS_WORDS {
            return None;
        }
        self.phrases
            .all(&h)
            .into_iter()
            .max_by_key(|f| f.end - f.start)
            .map(|f| (f.value, f.end - f.start + 2, false))
    }

    /// A header wrapped in a column narrower than its words is printed
    /// broken inside them ("Recommen dation", "RA G Rat ing"): failing a
    /// match by words, the whole header with its spaces removed may equal
    /// an alias with its spaces removed (never a part of one, which data
    /// would meet too often).
    fn squashed(&self, h: &str) -> Option<Meaning> {
        let words: Vec<String> = h
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        self.phrases
            .glued_prefix(&words)
            .filter(|(_, _, n)| *n == words.len())
            .map(|(m, _, _)| m)
    }
}

/// The meaning of one header cell, judged by its first line.
#[cfg(test)]
fn header_meaning(cell_text: &str, g: &Grammars) -> Option<Meaning> {
    Aliases::new(g).meaning(cell_text).map(|(m, _)| m)
}

/// The extra column headers of `plan.toml`, normalised and padded.
struct ExtraAliases(Vec<(Extra, String)>);

impl ExtraAliases {
    fn new(g: &Grammars) -> Self {
        let c = &g.plan.columns;
        let mut v = Vec::new();
        for (e, list) in [
            (Extra::Section, &c.section),
            (Extra::Start, &c.start),
            (Extra::Revised, &c.revised),
            (Extra::Percent, &c.percent),
        ] {
            for a in list {
                let a = with_percent(a);
                if !a.is_empty() {
                    v.push((e, format!(" {a} ")));
                }
            }
        }
        ExtraAliases(v)
    }

    /// The longest extra alias a header opens with (or, for a header of a
    /// few words, contains), with its length. `%` is kept as a word.
    fn meaning(&self, cell_text: &str) -> Option<(Extra, usize)> {
        let first = cell_text.lines().map(str::trim).find(|l| !l.is_empty())?;
        let h = with_percent(first);
        let padded = format!(" {h} ");
        let short = h.split(' ').count() <= MAX_CONTAINS_WORDS;
        self.0
            .iter()
            .filter(|(_, a)| {
                padded.starts_with(a.as_str()) || (short && padded.contains(a.as_str()))
            })
            .map(|(e, a)| (*e, a.len()))
            .max_by_key(|(_, l)| *l)
    }
}

/// [`normalise`], keeping `%` as a word of its own. Why: "% complete"
/// must not shrink to "complete", which would claim a "Complete by" column.
fn with_percent(s: &str) -> String {
    normalise(&s.replace('%', " percentsign "))
}

/// One header cell's reading.
#[derive(Debug, Clone, Copy)]
enum Named {
    Core(Meaning),
    Extra(Extra),
}

/// Find the header row of `table`: the first row where at least two cells
/// name distinct columns, at least half of its non-empty cells do, and one
/// of them is an action or finding column. Returns the row index and map.
/// Header cells no vocabulary names are typed by the cells under them
/// ([`super::typing`]); those that stay unknown are listed in the map.
pub fn find_header(table: &Table, g: &Grammars) -> Option<(usize, ColumnMap)> {
    let width = table_width(table);
    let aliases = Aliases::new(g);
    let extras = ExtraAliases::new(g);
    for (ri, row) in table.rows.iter().enumerate() {
        crate::work::step(1);
        let mut nonempty = 0usize;
        let mut hits: Vec<(usize, usize, Named)> = Vec::new(); // (col, span, meaning)
        let mut unnamed: Vec<(usize, String)> = Vec::new();
        for cell in &row.cells {
            let text = cell.text();
            if text.trim().is_empty() {
                continue;
            }
            nonempty += 1;
            let core = aliases.meaning(&text);
            let extra = extras.meaning(&text);
            let named = match (core, extra) {
                (Some((m, l)), Some((e, le))) => Some(if le >= l {
                    Named::Extra(e)
                } else {
                    Named::Core(m)
                }),
                (Some((m, _)), None) => Some(Named::Core(m)),
                (None, Some((e, _))) => Some(Named::Extra(e)),
                (None, None) => None,
            };
            match named {
                Some(n) => hits.push((cell.col, cell.col_span.max(1), n)),
                None => unnamed.push((
                    cell.col,
                    text.split_whitespace().collect::<Vec<_>>().join(" "),
                )),
            }
        }
        let mut distinct: Vec<Meaning> = Vec::new();
        for (_, _, n) in &hits {
            if let Named::Core(m) = n
                && !distinct.contains(m)
            {
                distinct.push(*m);
            }
        }
        let core = distinct
            .iter()
            .any(|m| matches!(m, Meaning::Action | Meaning::Finding));
        if distinct.len() < 2 || hits.len() * 2 < nonempty || !core {
            continue;
        }
        let mut cols: Vec<(usize, Meaning)> = Vec::new();
        let mut extra_cols: Vec<(usize, Extra)> = Vec::new();
        // A second column of refs ("Rec" beside "Action ref").
        let mut second_ref: Option<usize> = None;
        for (col, span, n) in hits {
            match n {
                Named::Core(m) => {
                    if !m.repeatable() && cols.iter().any(|(_, x)| *x == m) {
                        if m == Meaning::Ref && second_ref.is_none() {
                            second_ref = Some(col);
                        }
                        continue;
                    }
                    // A header cell spanning several grid columns names them
                    // all (a merged "Progress" over two sub-columns).
                    for c in col..col + span {
                        if !cols.iter().any(|(x, _)| *x == c) {
                            cols.push((c, m));
                        }
                    }
                }
                Named::Extra(e) => {
                    if !extra_cols.iter().any(|(_, x)| *x == e) {
                        extra_cols.push((col, e));
                    }
                }
            }
        }
        let mut map = ColumnMap {
            cols,
            extras: extra_cols,
            unknown: Vec::new(),
            findings_only: false,
            width,
            header_cells: row.cells.len(),
            header_texts: row.cells.iter().map(|c| normalise(&c.text())).collect(),
        };
        if let (Some(c2), Some(c1)) = (second_ref, map.first(Meaning::Ref))
            && map.extra(Extra::Link).is_none()
        {
            split_refs(table, ri, &mut map, c1, c2);
        }
        super::typing::type_unknown(table, ri, &mut map, unnamed, g);
        let has = |m: Meaning| map.cols.iter().any(|(_, x)| *x == m);
        // Without an action column, the finding column holds the actions
        // (a plan of recommendations with leads and dates), unless the table
        // lists findings only (a ref and the finding's text, nothing an
        // action has): then it is findings printed apart from the actions.
        if !has(Meaning::Action) {
            let action_like = [
                Meaning::Lead,
                Meaning::Timescale,
                Meaning::Status,
                Meaning::Outcome,
                Meaning::Progress,
            ]
            .iter()
            .any(|m| has(*m));
            if action_like {
                for entry in map.cols.iter_mut() {
                    if entry.1 == Meaning::Finding {
                        entry.1 = Meaning::Action;
                    }
                }
            } else {
                map.findings_only = true;
            }
        }
        map.cols.sort_by_key(|(c, _)| *c);
        map.extras.sort_by_key(|(c, _)| *c);
        return Some((ri, map));
    }
    None
}

/// Two columns of refs: the one whose refs differ row by row numbers the
/// actions; the other, repeating a ref over several rows, links each row
/// to a finding printed apart ("Rec: R1, R1, R2" beside "Action ref: 1a,
/// 1b, 2a"). On a tie the first stays the ref.
fn split_refs(table: &Table, header: usize, map: &mut ColumnMap, c1: usize, c2: usize) {
    let distinct = |col: usize| {
        let texts: Vec<String> = table
            .rows
            .iter()
            .skip(header + 1)
            .filter(|r| !r.header)
            .filter_map(|r| r.cells.iter().find(|c| c.col == col))
            .map(|c| normalise(&c.text()))
            .filter(|t| !t.is_empty())
            .collect();
        let mut unique = texts.clone();
        unique.sort();
        unique.dedup();
        (unique.len(), texts.len())
    };
    let ((u1, n1), (u2, n2)) = (distinct(c1), distinct(c2));
    // Compare shares of distinct values: u2/n2 > u1/n1.
    let (ref_col, link_col) = if u2 * n1.max(1) > u1 * n2.max(1) {
        (c2, c1)
    } else {
        (c1, c2)
    };
    map.cols.retain(|(c, _)| *c != c1);
    map.cols.push((ref_col, Meaning::Ref));
    map.extras.push((link_col, Extra::Link));
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
        assert_eq!(header_meaning("Action ref", &g), Some(Meaning::Ref));
        assert_eq!(header_meaning("Complete by", &g), Some(Meaning::Timescale));
        let extras = ExtraAliases::new(&g);
        assert_eq!(extras.meaning("Complete by"), None);
        assert_eq!(
            extras.meaning("% complete").map(|m| m.0),
            Some(Extra::Percent)
        );
        assert_eq!(
            extras.meaning("Progress %").map(|m| m.0),
            Some(Extra::Percent)
        );
        assert_eq!(
            header_meaning("Current SCT Progress", &g),
            Some(Meaning::Progress)
        );
        assert_eq!(
            header_meaning("Child Exploitation action plan to be revised", &g),
            None
        );
    }

    /// Invented headers: a percent alias needs its `%`; a header that only
    /// shares its word stays the core column.
    #[test]
    fn a_percent_alias_needs_its_percent_sign() {
        let g = Grammars::builtin();
        let extras = ExtraAliases::new(&g);
        assert_eq!(extras.meaning("Latest Board Progress"), None);
        assert_eq!(extras.meaning("Tasks done"), None);
        assert_eq!(
            extras.meaning("Progress %").map(|(e, _)| e),
            Some(Extra::Percent)
        );
        assert_eq!(
            extras.meaning("% done so far").map(|(e, _)| e),
            Some(Extra::Percent)
        );
        assert_eq!(with_percent("Progress%"), "progress percentsign");
    }
}
