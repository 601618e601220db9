//! Tables as a grid of rows and spanning cells.
//!
//! Why spans rather than copied text: a vertically merged lead cell means
//! "the same leads for all these rows"; copying its text into every row (as
//! many extractors do) loses the difference between "printed again" and
//! "covered by the cell above", which is exactly `leads_inherited`.
//!
//! Layout rule: a cell is stored once, in the row where it starts, at its
//! first grid column, with `row_span`/`col_span` >= 1. Positions it covers in
//! later rows hold nothing. [`Table::slots`] rebuilds the full grid view.

use super::{Paragraph, Provenance, Rgb};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub rows: Vec<Row>,
    /// Number of grid columns (the widest row's extent).
    pub columns: usize,
    /// Pages the table spans (empty where the format has no pages).
    pub pages: Vec<u32>,
    pub at: Provenance,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A header row: marked repeating (DOCX `tblHeader`), or a repeat of the
    /// table's first row after a page break (text exports, PDF).
    pub header: bool,
    /// The row is the first one after a page break inside the table. Such a row
    /// may carry on the row above cell by cell (a row split by the break); the
    /// interpreter decides, since only it knows which column holds the ref.
    pub page_break_before: bool,
    pub at: Provenance,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// First grid column (0-based).
    pub col: usize,
    pub col_span: usize,
    pub row_span: usize,
    /// Paragraphs inside the cell, in order. A nested table's text is
    /// flattened into paragraphs here, row by row (no interpreter reads a
    /// nested table's grid: plans nest only for layout).
    pub paragraphs: Vec<Paragraph>,
    /// The cell's background fill where the format records one (DOCX
    /// `w:shd/@w:fill`, a filled rectangle under the cell in a PDF, a
    /// spreadsheet cell's pattern fill). Plans show RAG status by colour
    /// alone, so the fill is content, not decoration; `None` is no fill
    /// (white and "auto" included).
    pub fill: Option<Rgb>,
    pub at: Provenance,
}

impl Cell {
    pub fn new(col: usize, paragraphs: Vec<Paragraph>) -> Self {
        Cell {
            col,
            col_span: 1,
            row_span: 1,
            paragraphs,
            fill: None,
            at: Provenance::default(),
        }
    }

    /// The cell's text: non-empty paragraphs joined by `\n`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.paragraphs {
            let t = p.text.trim();
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(t);
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(|p| p.text.trim().is_empty())
    }

    /// Does this cell cover grid column `c`?
    pub fn covers_col(&self, c: usize) -> bool {
        c >= self.col && c < self.col + self.col_span.max(1)
    }
}

/// One position of the rebuilt grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// No cell here (a short row, or gridBefore/gridAfter).
    Empty,
    /// The cell starts in this row: (row index, cell index in that row).
    Origin(usize, usize),
    /// Covered by a cell that started in an earlier row (vertical merge) or an
    /// earlier column of this row (horizontal span): (row, cell) of the origin.
    Covered(usize, usize),
}

impl Table {
    /// See [`super::Document::shrink_to_fit`].
    pub fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.pages.shrink_to_fit();
        for row in &mut self.rows {
            row.cells.shrink_to_fit();
            for cell in &mut row.cells {
                cell.paragraphs.shrink_to_fit();
                cell.paragraphs
                    .iter_mut()
                    .for_each(Paragraph::shrink_to_fit);
            }
        }
    }

    /// The full grid: `slots()[r][c]` says which cell owns position (r, c).
    pub fn slots(&self) -> Vec<Vec<Slot>> {
        let width = self.columns.max(
            self.rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span.max(1)))
                .max()
                .unwrap_or(0),
        );
        let mut grid = vec![vec![Slot::Empty; width]; self.rows.len()];
        for (ri, row) in self.rows.iter().enumerate() {
            for (ci, cell) in row.cells.iter().enumerate() {
                let rs = cell.row_span.max(1);
                let cs = cell.col_span.max(1);
                for (dr, grid_row) in grid.iter_mut().skip(ri).take(rs).enumerate() {
                    for (dc, slot) in grid_row.iter_mut().skip(cell.col).take(cs).enumerate() {
                        *slot = if dr == 0 && dc == 0 {
                            Slot::Origin(ri, ci)
                        } else {
                            Slot::Covered(ri, ci)
                        };
                    }
                }
            }
        }
        grid
    }

    /// The cell at (row, cell index).
    pub fn cell(&self, row: usize, idx: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.cells.get(idx))
    }

    /// The cell starting in `row` that covers grid column `col`, if any.
    /// A binary search: readers give a row's cells in column order, and a
    /// scan per column would make a wide row cost its width squared. A row
    /// out of order (no reader makes one) is still answered, by a scan.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&Cell> {
        let cells = &self.rows.get(row)?.cells;
        let k = cells.partition_point(|c| c.col <= col);
        let hit = k
            .checked_sub(1)
            .and_then(|k| cells.get(k))
            .filter(|c| c.covers_col(col));
        if hit.is_some() || cells.is_sorted_by_key(|c| c.col) {
            return hit;
        }
        cells.iter().find(|c| c.covers_col(col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, rs: usize, cs: usize, t: &str) -> Cell {
        Cell {
            row_span: rs,
            col_span: cs,
            ..Cell::new(col, vec![Paragraph::new(t, Provenance::default())])
        }
    }

    #[test]
    fn slots_rebuild_vertical_and_horizontal_spans() {
        let t = Table {
            rows: vec![
                Row {
                    cells: vec![cell(0, 2, 1, "finding"), cell(1, 1, 2, "wide")],
                    ..Default::default()
                },
                Row {
                    cells: vec![cell(1, 1, 1, "b"), cell(2, 1, 1, "c")],
                    ..Default::default()
                },
            ],
            columns: 3,
            ..Default::default()
        };
        let g = t.slots();
        assert_eq!(
            g[0],
            vec![Slot::Origin(0, 0), Slot::Origin(0, 1), Slot::Covered(0, 1)]
        );
        assert_eq!(
            g[1],
            vec![Slot::Covered(0, 0), Slot::Origin(1, 0), Slot::Origin(1, 1)]
        );
        assert_eq!(t.cell_at(0, 2).map(|c| c.text()), Some("wide".to_string()));
    }

    #[test]
    fn cell_text_skips_blank_paragraphs() {
        let c = Cell::new(
            0,
            vec![
                Paragraph::new("a", Provenance::default()),
                Paragraph::new("  ", Provenance::default()),
                Paragraph::new("b", Provenance::default()),
            ],
        );
        assert_eq!(c.text(), "a\nb");
        assert!(!c.is_empty());
    }
}
