//! Rows and cells back from a run of lines: the cheapest cut of the lines
//! into rows of N cells.
//!
//! Why a search and not a scan: the layout fixes the order (every row prints
//! its N cells in column order, an empty cell as one blank line, a merged
//! cell as an empty one) but not where a cell of several paragraphs ends.
//! A dynamic programme over (line, column) tries every cut and keeps the one
//! whose lines best fit their columns ([`super::fit`]). It may also take a
//! short line as a section row spanning the table, and end the table at a
//! row boundary (what follows is text, or the next table).

use std::ops::Range;

use crate::recognise::grammar::ColumnMeaning as Meaning;

use super::costs::COSTS;
use super::fit::{self, Look};

/// A cell may hold at most this many lines (bounds the search).
const MAX_CELL_LINES: usize = 60;

/// One row as cut.
#[derive(Debug, Clone, PartialEq)]
pub enum RowCut {
    /// A one-line row across the table (a group heading).
    Section(usize),
    /// N cells, each a range of lines (one blank line for an empty cell).
    Cells(Vec<Range<usize>>),
}

/// The cut of one run of lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub rows: Vec<RowCut>,
    /// First line after the table (the run's end when the table fills it).
    pub end: usize,
    pub cost: f32,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Empty,
    Cell,
    Section,
}

/// A back pointer of the cut: the (line, column) a state was reached from
/// and how, in 8 bytes (a line index fits 32 bits: the input size cap is far
/// below 4 G lines; columns are few).
#[derive(Debug, Clone, Copy)]
struct Back {
    line: u32,
    col: u16,
    step: Step,
}

impl Back {
    fn new(line: usize, col: usize, step: Step) -> Back {
        Back {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u16::try_from(col).unwrap_or(u16::MAX),
            step,
        }
    }

    fn get(self) -> (usize, usize, Step) {
        (self.line as usize, usize::from(self.col), self.step)
    }
}

/// What the rest of the plan says about its columns (from a first cut).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Added for every non-empty cell in column `c` (a column the rest of
    /// the plan leaves empty).
    pub fill: Vec<f32>,
    /// Lines a cell of column `c` may have before each further one costs
    /// [`super::costs::FitCosts::long_cell`] (text after the table swallowed by the last cell).
    pub cap: Vec<usize>,
    /// The caps hold for cells from this line on: the last row of the first
    /// cut, the one that may have swallowed what follows the table.
    pub tail_from: usize,
}

/// Cut lines `from..to` into rows of `cols.len()` cells.
pub fn cut(looks: &[Look], from: usize, to: usize, cols: &[Option<Meaning>], shape: &Shape) -> Cut {
    let n = cols.len().max(1);
    let to = to.min(looks.len());
    let from = from.min(to);
    let len = to - from;
    // The cost of leaving the lines from each position to the run's end
    // out of the table.
    let mut out_after = vec![0f32; len + 1];
    for p in (0..len).rev() {
        let blank = looks.get(from + p).is_none_or(|l| l.blank);
        let here = if blank {
            COSTS.out_blank
        } else {
            COSTS.out_text
        };
        out_after[p] = out_after.get(p + 1).copied().unwrap_or(0.0) + here;
    }
    let idx = |p: usize, c: usize| p * n + c;
    let mut best = vec![f32::INFINITY; (len + 1) * n];
    // One back pointer per (line, column), packed small: the table is the
    // cut's whole memory, line count times column count.
    let mut back: Vec<Option<Back>> = vec![None; (len + 1) * n];
    best[0] = 0.0;
    let mut end: (f32, usize) = (f32::INFINITY, 0);
    let mut end_col = 0usize;
    for p in 0..=len {
        for c in 0..n {
            let base = best.get(idx(p, c)).copied().unwrap_or(f32::INFINITY);
            if !base.is_finite() {
                continue;
            }
            let mut relax = |q: usize, qc: usize, cost: f32, step: Step| {
                let k = idx(q, qc);
                if let (Some(b), Some(s)) = (best.get_mut(k), back.get_mut(k))
                    && cost < *b
                {
                    *b = cost;
                    *s = Some(Back::new(p, c, step));
                }
            };
            // Past the run's end there is nothing left to cut.
            let look = if p < len { looks.get(from + p) } else { None };
            if c == 0 {
                let out = out_after.get(p).copied().unwrap_or(0.0);
                // A header is followed by at least one row.
                if base + out < end.0 && (p > 0 || len == 0) {
                    end = (base + out, p);
                    end_col = 0;
                }
                if let Some(s) = look.and_then(Look::section_cost) {
                    relax(p + 1, 0, base + s, Step::Section);
                }
            }
            let Some(look) = look else {
                // The text ends inside a row: a reader drops the blank lines
                // at the end of a file, so the cells left are empty ones.
                if p == len && c > 0 {
                    let rest: f32 = (c..n)
                        .map(|k| fit::empty(cols.get(k).copied().flatten()) + COSTS.missing_cell)
                        .sum();
                    if base + rest < end.0 {
                        end = (base + rest, p);
                        end_col = c;
                    }
                }
                continue;
            };
            let m = cols.get(c).copied().flatten();
            let nc = (c + 1) % n;
            if look.blank {
                relax(p + 1, nc, base + fit::empty(m), Step::Empty);
                continue;
            }
            let mut acc = base + fit::first(m, look) + shape.fill.get(c).copied().unwrap_or(0.0);
            let cap = if from + p >= shape.tail_from {
                shape.cap.get(c).copied().unwrap_or(usize::MAX)
            } else {
                usize::MAX
            };
            for q in p + 1..=(p + MAX_CELL_LINES).min(len) {
                // A cell may end in an empty paragraph, at a price: more
                // often the blank line is the next cell, empty.
                let trailing = looks.get(from + q - 1).is_some_and(|l| l.blank);
                let extra = if trailing { COSTS.trailing_blank } else { 0.0 };
                relax(q, nc, acc + extra, Step::Cell);
                if q < len
                    && let Some(l) = looks.get(from + q)
                {
                    acc += fit::next(m, l);
                    if q - p >= cap {
                        acc += COSTS.long_cell;
                    }
                }
            }
        }
    }
    // Walk back from the chosen end.
    let mut steps: Vec<(usize, usize, usize, Step)> = Vec::new(); // (from, to, col, step)
    let mut at = (end.1, end_col);
    while let Some((p, c, step)) = back.get(idx(at.0, at.1)).copied().flatten().map(Back::get) {
        steps.push((p, at.0, c, step));
        at = (p, c);
    }
    steps.reverse();
    let mut rows = Vec::new();
    let mut cells: Vec<Range<usize>> = Vec::new();
    for (p, q, _, step) in steps {
        match step {
            Step::Section => rows.push(RowCut::Section(from + p)),
            Step::Empty | Step::Cell => {
                cells.push(from + p..from + q);
                if cells.len() == n {
                    rows.push(RowCut::Cells(std::mem::take(&mut cells)));
                }
            }
        }
    }
    if !cells.is_empty() {
        cells.resize(n, to..to);
        rows.push(RowCut::Cells(cells));
    }
    Cut {
        rows,
        end: from + end.1,
        cost: end.0,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::rebuild::lines::tokens::Token;

    /// An invented plan's rows saved one cell paragraph per line (`""` a
    /// blank line): a section row, a finding whose merged cell covers two
    /// actions, a two-paragraph timescale and two lead paragraphs.
    pub(in crate::rebuild::lines) const ROWS: &[&str] = &[
        "Health",
        "1",
        "Children wait too long for help.",
        "1.1 Review the pathway",
        "October 2020",
        "Review December 2020",
        "Jane Doe, Head of Services",
        "",
        "John Roe, Service Manager",
        "",
        "",
        "1.2 Audit the cases",
        "November 2020",
        "",
    ];
    use crate::recognise::Grammars;

    fn looks(lines: &[&str]) -> Vec<Look> {
        let g = Grammars::builtin();
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Look::of(
                    &Token {
                        text: t.to_string(),
                        list: false,
                        line: i as u32 + 1,
                    },
                    &g,
                )
            })
            .collect()
    }

    fn texts(lines: &[&str], r: &Range<usize>) -> Vec<String> {
        lines[r.clone()].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn merged_cells_multi_paragraph_cells_and_a_section_row() {
        let lines = ROWS;
        let cols = [
            Some(Meaning::Ref),
            Some(Meaning::Finding),
            Some(Meaning::Action),
            Some(Meaning::Timescale),
            Some(Meaning::Lead),
        ];
        let c = cut(&looks(lines), 0, lines.len(), &cols, &Shape::default());
        assert_eq!(c.end, lines.len());
        assert_eq!(c.rows.len(), 3);
        assert_eq!(c.rows[0], RowCut::Section(0));
        let RowCut::Cells(r1) = &c.rows[1] else {
            panic!("cells expected")
        };
        assert_eq!(
            texts(lines, &r1[3]),
            ["October 2020", "Review December 2020"]
        );
        assert_eq!(texts(lines, &r1[4]).len(), 3);
        let RowCut::Cells(r2) = &c.rows[2] else {
            panic!("cells expected")
        };
        assert_eq!(texts(lines, &r2[2]), ["1.2 Audit the cases"]);
        assert_eq!(texts(lines, &r2[4]), [""]);
    }

    #[test]
    fn the_table_ends_at_a_blank_before_other_text() {
        let lines = [
            "Review the training offer",
            "Jane Doe - Agency",
            "Staff report more confidence.",
            "",
            "",
            "Signed on behalf of the partnership by the independent chair of the board.",
        ];
        let cols = [
            Some(Meaning::Action),
            Some(Meaning::Lead),
            Some(Meaning::Outcome),
            Some(Meaning::Progress),
        ];
        let c = cut(&looks(&lines), 0, lines.len(), &cols, &Shape::default());
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.end, 4);
    }

    #[test]
    fn a_file_that_ends_inside_a_row_ends_with_empty_cells() {
        let lines = ["1.1 Review the pathway", "Jane Doe, Head of Services"];
        let cols = [
            Some(Meaning::Action),
            Some(Meaning::Lead),
            Some(Meaning::Progress),
        ];
        let c = cut(&looks(&lines), 0, lines.len(), &cols, &Shape::default());
        assert_eq!(c.rows.len(), 1);
        let RowCut::Cells(r) = &c.rows[0] else {
            panic!("cells expected")
        };
        assert_eq!(r.len(), 3);
        assert!(r[2].is_empty());
    }
}
