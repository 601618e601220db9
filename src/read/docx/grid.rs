//! The table grid: WordprocessingML rows of `w:tc` into model rows of spanning
//! cells.
//!
//! Why this is its own step: Word stores a vertically merged cell as a
//! `vMerge="restart"` cell followed by `vMerge` (continue) placeholders in the
//! rows below, and a row's first cell may start several grid columns in
//! (`gridBefore`). The model wants one cell, stored in the row where it starts,
//! with `row_span`, and nothing at the positions it covers. The rebuild walks
//! the grid column by column so continuation cells meet the cell above them
//! by position, not by index in the row.

use crate::model::{Cell, Paragraph, Row};

/// Widest grid accepted. Word allows 63 columns; this bounds what hostile
/// `gridSpan`/`gridBefore` values can make [`crate::model::Table::slots`] allocate.
pub const MAX_COLUMNS: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    /// `w:vMerge` with `w:val="continue"` or no `w:val`.
    Continue,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum HMerge {
    #[default]
    None,
    Restart,
    /// Legacy horizontal merge: this cell belongs to the one on its left.
    Continue,
}

/// A `w:tc` as read, before spans are resolved.
#[derive(Debug, Clone, Default)]
pub struct RawCell {
    pub grid_span: usize,
    pub v_merge: VMerge,
    pub h_merge: HMerge,
    pub cell: Cell,
}

/// A `w:tr` as read.
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    pub header: bool,
    pub grid_before: usize,
    pub grid_after: usize,
    pub cells: Vec<RawCell>,
    pub row: Row,
}

/// Resolve spans: returns the model rows and the grid width.
pub fn build(raw_rows: Vec<RawRow>) -> (Vec<Row>, usize) {
    let mut rows: Vec<Row> = Vec::with_capacity(raw_rows.len());
    // For each grid column, the (row, cell index) of a cell that may still be
    // continued downwards, with its start column.
    let mut open: Vec<Option<(usize, usize)>> = Vec::new();
    let mut width = 0usize;
    let mut header_run = true;
    for (ri, raw) in raw_rows.into_iter().enumerate() {
        let mut row = raw.row;
        // tblHeader counts only on rows contiguous from the top (as Word
        // repeats them); a marked row after a body row is an ordinary row.
        header_run &= raw.header;
        row.header = header_run;
        let mut col = raw.grid_before.min(MAX_COLUMNS);
        let mut touched = vec![false; open.len()];
        for rc in raw.cells {
            let span = rc.grid_span.clamp(1, MAX_COLUMNS);
            if col >= MAX_COLUMNS {
                break;
            }
            let span = span.min(MAX_COLUMNS - col);
            if open.len() < col + span {
                open.resize(col + span, None);
                touched.resize(col + span, false);
            }
            // Legacy horizontal merge: widen the cell on the left.
            if rc.h_merge == HMerge::Continue
                && let Some(prev) = row.cells.last_mut()
                && prev.col + prev.col_span == col
            {
                prev.col_span += span;
                append_paragraphs(&mut prev.paragraphs, rc.cell.paragraphs);
                for t in touched.iter_mut().skip(col).take(span) {
                    *t = true;
                }
                col += span;
                continue;
            }
            let above = if rc.v_merge == VMerge::Continue {
                open.get(col).copied().flatten().filter(|&(r, c)| {
                    // The cell above must start at this column and reach the
                    // previous row.
                    rows.get(r)
                        .and_then(|row: &Row| row.cells.get(c))
                        .is_some_and(|cell| cell.col == col && r + cell.row_span == ri)
                })
            } else {
                None
            };
            if let Some((r, c)) = above
                && let Some(origin) = rows.get_mut(r).and_then(|row| row.cells.get_mut(c))
            {
                origin.row_span += 1;
                // Word hides a continuation cell's content; keep any text it
                // has rather than lose it.
                if !rc.cell.is_empty() {
                    append_paragraphs(&mut origin.paragraphs, rc.cell.paragraphs);
                }
                for t in touched.iter_mut().skip(col).take(span) {
                    *t = true;
                }
                col += span;
                continue;
            }
            // Only a restart opens a merge: a continuation under a plain cell
            // has nothing to continue (the plain cell is in no merged group).
            let opens = rc.v_merge == VMerge::Restart;
            let mut cell = rc.cell;
            cell.col = col;
            cell.col_span = span;
            cell.row_span = 1;
            let idx = row.cells.len();
            row.cells.push(cell);
            for (o, t) in open.iter_mut().zip(touched.iter_mut()).skip(col).take(span) {
                *o = opens.then_some((ri, idx));
                *t = true;
            }
            col += span;
        }
        width = width.max(col.saturating_add(raw.grid_after).min(MAX_COLUMNS));
        // A merge cannot continue past a row that did not reach its column.
        for (o, t) in open.iter_mut().zip(touched) {
            if !t {
                *o = None;
            }
        }
        rows.push(row);
    }
    (rows, width)
}

/// Append paragraphs, dropping blank ones at the joint so a merged cell does
/// not grow empty paragraphs from each placeholder.
fn append_paragraphs(into: &mut Vec<Paragraph>, more: Vec<Paragraph>) {
    into.extend(more.into_iter().filter(|p| !p.text.trim().is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Provenance, Slot, Table};

    fn rc(text: &str, span: usize, v: VMerge) -> RawCell {
        RawCell {
            grid_span: span,
            v_merge: v,
            h_merge: HMerge::None,
            cell: Cell::new(0, vec![Paragraph::new(text, Provenance::default())]),
        }
    }

    fn row(cells: Vec<RawCell>) -> RawRow {
        RawRow {
            cells,
            ..Default::default()
        }
    }

    fn table(rows: Vec<RawRow>) -> Table {
        let (rows, columns) = build(rows);
        Table {
            rows,
            columns,
            ..Default::default()
        }
    }

    #[test]
    fn vertical_merge_becomes_row_span() {
        use VMerge::*;
        let t = table(vec![
            row(vec![
                rc("1", 1, Restart),
                rc("a", 1, None),
                rc("lead", 1, Restart),
            ]),
            row(vec![
                rc("", 1, Continue),
                rc("b", 1, None),
                rc("", 1, Continue),
            ]),
            row(vec![
                rc("", 1, Continue),
                rc("c", 1, None),
                rc("other", 1, None),
            ]),
            row(vec![
                rc("2", 1, None),
                rc("d", 1, None),
                rc("", 1, Continue),
            ]),
        ]);
        assert_eq!(t.columns, 3);
        assert_eq!(t.rows[0].cells[0].row_span, 3);
        assert_eq!(t.rows[0].cells[2].row_span, 2);
        assert_eq!(t.rows[1].cells.len(), 1);
        assert_eq!(t.rows[2].cells[1].text(), "other");
        // A continue with nothing open above it (after a plain cell) stands alone.
        assert_eq!(t.rows[3].cells.len(), 3);
        assert_eq!(t.rows[3].cells[2].row_span, 1);
        let g = t.slots();
        assert_eq!(g[2][0], Slot::Covered(0, 0));
        assert_eq!(g[1][2], Slot::Covered(0, 2));
    }

    #[test]
    fn grid_before_after_and_spans_place_cells() {
        use VMerge::*;
        let mut r0 = row(vec![rc("wide", 3, None)]);
        r0.header = true;
        let mut r1 = row(vec![rc("x", 1, None)]);
        r1.grid_before = 1;
        r1.grid_after = 1;
        let mut r2 = row(vec![rc("late header", 1, None)]);
        r2.header = true;
        let t = table(vec![r0, r1, r2]);
        assert_eq!(t.columns, 3);
        assert_eq!(t.rows[0].cells[0].col_span, 3);
        assert_eq!(t.rows[1].cells[0].col, 1);
        assert!(t.rows[0].header);
        assert!(!t.rows[2].header);
        assert_eq!(t.slots()[1][0], Slot::Empty);
    }

    #[test]
    fn continuation_must_line_up_with_its_origin() {
        use VMerge::*;
        // The restart spans two columns; a continue at column 1 is not under
        // its start, so it stays a cell of its own.
        let t = table(vec![
            row(vec![rc("ab", 2, Restart)]),
            row(vec![rc("a", 1, None), rc("", 1, Continue)]),
        ]);
        assert_eq!(t.rows[0].cells[0].row_span, 1);
        assert_eq!(t.rows[1].cells.len(), 2);
    }

    #[test]
    fn hostile_spans_are_bounded() {
        let mut r = row(vec![
            rc("x", usize::MAX, VMerge::None),
            rc("y", 5, VMerge::None),
        ]);
        r.grid_before = usize::MAX;
        r.grid_after = usize::MAX;
        let t = table(vec![r, row(vec![rc("z", 1_000_000, VMerge::None)])]);
        assert!(t.columns <= MAX_COLUMNS);
        assert!(t.slots().iter().all(|r| r.len() <= MAX_COLUMNS));
    }

    #[test]
    fn legacy_hmerge_widens_left_cell() {
        let mut c = rc("", 1, VMerge::None);
        c.h_merge = HMerge::Continue;
        let t = table(vec![row(vec![
            rc("a", 1, VMerge::None),
            c,
            rc("b", 1, VMerge::None),
        ])]);
        assert_eq!(t.rows[0].cells.len(), 2);
        assert_eq!(t.rows[0].cells[0].col_span, 2);
        assert_eq!(t.rows[0].cells[1].col, 2);
    }
}
