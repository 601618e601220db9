//! Raw rows into the model's table: cells that carry on through a row
//! boundary become cells spanning rows, and one-cell rows span the table.

use super::joins::mark_header_repeats;
use super::rows::RawRow;
use super::text::{Words, append_line_with, join_lines_with};
use crate::model::{Cell, Paragraph, Provenance, Row, Table};

/// Raw rows into the model's table: a column that carries on through a row
/// boundary becomes one cell spanning the rows; a row with text in the
/// first column only, on one line, or a spanning line, is a one-cell row
/// across the table. `first_is_data`: the first row is a data row (a page
/// going on with a table without its header), which a cell may carry on.
pub(super) fn assemble(
    rows: Vec<RawRow>,
    cols: &[(usize, usize)],
    words: &Words,
    first_is_data: bool,
) -> Table {
    let n = cols.len();
    let mut out: Vec<Row> = Vec::new();
    // For each column, the (row, cell index) of the last cell there.
    let mut origin: Vec<Option<(usize, usize)>> = vec![None; n];
    for raw in rows {
        let at = Provenance::line(raw.line);
        if let Some((col, text)) = raw.span {
            let span = n.saturating_sub(col).max(1);
            out.push(one_cell_row(col, span, join_lines_with(&[text], words), at));
            origin = vec![None; n];
            continue;
        }
        let filled: Vec<usize> = (0..n)
            .filter(|&c| raw.segs.get(c).is_some_and(|s| !s.paragraphs.is_empty()))
            .collect();
        if filled == [0] && raw.lines == 1 && !out.is_empty() {
            let seg = raw.segs.first().cloned().unwrap_or_default();
            let text: Vec<String> = seg
                .paragraphs
                .iter()
                .map(|p| join_lines_with(p, words))
                .collect();
            out.push(one_cell_row(0, n, text.join(" "), at));
            origin = vec![None; n];
            continue;
        }
        let cells = row_cells(raw, at, &mut out, &mut origin, words, first_is_data);
        out.push(Row {
            cells,
            at,
            ..Default::default()
        });
    }
    remove_covered(&mut out);
    mark_header_repeats(&mut out);
    let at = out.first().map_or(Provenance::default(), |r| r.at);
    Table {
        rows: out,
        columns: n,
        pages: Vec::new(),
        at,
    }
}

/// A row of one cell from column `col` across `span` columns.
fn one_cell_row(col: usize, span: usize, text: String, at: Provenance) -> Row {
    let mut cell = Cell::new(col, vec![Paragraph::new(text, at)]);
    cell.col_span = span;
    cell.at = at;
    Row {
        cells: vec![cell],
        at,
        ..Default::default()
    }
}

/// The cells of the next row (`out.len()`): a column that carries on the
/// cell above (no new first-column entry) extends that cell, which then
/// spans down to this row; the others are fresh cells, remembered in
/// `origin` as their column's last cell.
fn row_cells(
    raw: RawRow,
    at: Provenance,
    out: &mut [Row],
    origin: &mut [Option<(usize, usize)>],
    words: &Words,
    first_is_data: bool,
) -> Vec<Cell> {
    let ri = out.len();
    let mut cells = Vec::new();
    for (ci, seg) in raw.segs.into_iter().enumerate() {
        let paras: Vec<Paragraph> = seg
            .paragraphs
            .iter()
            .zip(seg.list.iter().chain(std::iter::repeat(&false)))
            .map(|(p, &list)| Paragraph {
                list: list.then_some(0),
                ..Paragraph::new(join_lines_with(p, words), Provenance::line(seg.line))
            })
            .collect();
        if seg.continues
            && !raw.entry
            && let Some(Some((r, c))) = origin.get(ci).copied()
            && (r > 0 || first_is_data)
            && let Some(cell) = out.get_mut(r).and_then(|row| row.cells.get_mut(c))
        {
            // The carried-on line goes on the cell's last paragraph.
            let mut paras = paras.into_iter();
            match (paras.next(), cell.paragraphs.last_mut()) {
                (Some(first), Some(last)) => append_line_with(&mut last.text, &first.text, words),
                (Some(first), None) => cell.paragraphs.push(first),
                _ => {}
            }
            cell.paragraphs.extend(paras);
            cell.row_span = ri - r + 1;
            continue;
        }
        // Rows an earlier cell already spans through keep it spanning
        // only while it carries on; a fresh cell starts here.
        let mut cell = Cell::new(ci, paras);
        cell.at = if seg.line > 0 {
            Provenance::line(seg.line)
        } else {
            at
        };
        if let Some(o) = origin.get_mut(ci) {
            *o = Some((ri, cells.len()));
        }
        cells.push(cell);
    }
    cells
}

/// A cell spanning rows leaves no cell in the rows it covers: remove the
/// empty placeholders there.
fn remove_covered(out: &mut [Row]) {
    let spans: Vec<(usize, usize, usize)> = out
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| {
            r.cells
                .iter()
                .filter(|c| c.row_span > 1)
                .map(move |c| (ri, c.col, c.row_span))
                .collect::<Vec<_>>()
        })
        .collect();
    for (ri, col, span) in spans {
        for row in out.iter_mut().skip(ri + 1).take(span - 1) {
            row.cells.retain(|c| c.col != col);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::layout::rows::Seg;

    fn seg(text: &str, continues: bool, line: u32) -> Seg {
        Seg {
            paragraphs: vec![vec![text.to_string()]],
            list: vec![false],
            continues,
            line,
        }
    }

    /// Steps counted for a first row and `n` rows whose first cell
    /// carries on the cell above while the second opens its own.
    fn carried_steps(n: usize) -> u64 {
        let mut rows = vec![RawRow {
            segs: vec![seg("An invented action", false, 1), seg("Ann", false, 1)],
            line: 1,
            lines: 1,
            entry: true,
            ..RawRow::default()
        }];
        for k in 0..n {
            let line = k as u32 + 2;
            rows.push(RawRow {
                segs: vec![seg("that goes on", true, line), seg("Bob", false, line)],
                line,
                lines: 1,
                ..RawRow::default()
            });
        }
        let cols = [(0, 20), (24, 30)];
        let (t, steps) = crate::work::count(|| assemble(rows, &cols, &Words::default(), true));
        let first = t.cell(0, 0).map(|c| c.text()).unwrap_or_default();
        assert_eq!(first.matches("goes on").count(), n);
        steps
    }

    /// A cell carried on over many rows is joined a line at a time, not
    /// re-joined whole per line (4x the lines cost 16x).
    #[test]
    fn a_cell_carried_on_costs_its_length_not_its_square() {
        let (small, large) = (carried_steps(1_000), carried_steps(4_000));
        assert!(small > 0);
        assert!(large <= small * 5, "{small} -> {large}");
    }
}
