//! A table's columns carried over a page break to the head of the next page.
//!
//! Why: a table without rules is found from the gaps its lines share, so a
//! page of it on which only two columns hold text (the others empty, and no
//! header repeated) is too thin to be found on its own, or is found with
//! fewer columns than the table has, and the join cannot see that it goes
//! on. The table the page before ended with knows the columns:
//! - body lines heading the page are read against them
//!   ([`aligned::find_under`]), as the body under a ruled header is;
//! - a borderless table heading the page whose columns each start at the
//!   left of one of them (its text one cell padding in from a rule, or at
//!   the same text edge) is put onto them, empty cells where its page had
//!   no text.
//!
//! Either way the piece takes the table's column edges, so the join sees
//! the same columns; whether it carries on the table is still the join's
//! call.

use super::aligned;
use super::grid::GridCell;
use super::layout::PageTable;
use super::settings::PDF;
use super::text::Line;

/// Read the head of a page (its `tables`, sorted by top, and its body
/// `lines`, top to bottom) against `prev`, the table the page before ended
/// with. `width` is the page's width (a borderless table's right edge is
/// only where its text ended on its own page).
pub fn carry(prev: &PageTable, tables: &mut Vec<PageTable>, lines: &mut Vec<Line>, width: f32) {
    let first_table = tables.first().map_or(f32::MAX, |t| t.grid.top());
    if let Some(l) = lines.first()
        && l.top < first_table
    {
        let mut edges = prev.grid.xs.clone();
        if prev.borderless
            && let Some(last) = edges.last_mut()
        {
            *last = last.max(width);
        }
        if let Some((0, b, mut t)) = aligned::find_under(lines, &edges, None, l.top)
            && t.grid.xs.len() == prev.grid.xs.len()
        {
            t.grid.xs = prev.grid.xs.clone();
            lines.drain(..b);
            tables.insert(0, t);
        }
        return;
    }
    if let Some(t) = tables.first_mut()
        && t.borderless
        && t.grid.cols() <= prev.grid.cols()
        && t.grid.xs != prev.grid.xs
        && let Some(map) = column_map(&t.grid.xs, &prev.grid.xs, prev.borderless)
    {
        remap(t, &map, &prev.grid.xs);
    }
}

/// Borderless tables of one page (top to bottom) with the lines left
/// outside them: a table right under another, no line between them, whose
/// columns each start at one of the other's is the same table (a tall
/// blank in it ended the aligned finder's window), so it is appended to it.
pub fn stacked(tables: Vec<PageTable>, lines: &[Line]) -> Vec<PageTable> {
    let mut out: Vec<PageTable> = Vec::with_capacity(tables.len());
    for mut t in tables {
        let Some(prev) = out.last_mut() else {
            out.push(t);
            continue;
        };
        let (bottom, top) = (prev.grid.bottom(), t.grid.top());
        let size = t
            .cells
            .iter()
            .flatten()
            .map(|p| p.size)
            .fold(0.0f32, f32::max);
        let between = lines
            .iter()
            .any(|l| l.bottom > bottom - 1.0 && l.top < top + 1.0);
        // A table set off by a bold first row (a heading or header row)
        // is a table of its own.
        let fits = top >= bottom - 1.0
            && top - bottom <= PDF.stack_gap * size.max(1.0)
            && !between
            && prev.borderless
            && t.borderless
            && !first_row_bold(&t);
        let map = if !fits || t.grid.cols() > prev.grid.cols() {
            None
        } else if t.grid.xs == prev.grid.xs {
            Some(None)
        } else {
            column_map(&t.grid.xs, &prev.grid.xs, true).map(Some)
        };
        match map {
            Some(m) => {
                if let Some(m) = m {
                    remap(&mut t, &m, &prev.grid.xs);
                }
                append(prev, t);
            }
            None => out.push(t),
        }
    }
    out
}

/// Every paragraph of the table's first row is bold (and there is one).
fn first_row_bold(t: &PageTable) -> bool {
    let mut paras = t
        .grid
        .cells
        .iter()
        .zip(&t.cells)
        .filter(|(c, _)| c.r0 == 0)
        .flat_map(|(_, ps)| ps)
        .filter(|p| !p.text.trim().is_empty())
        .peekable();
    paras.peek().is_some() && paras.all(|p| p.bold)
}

/// Append `t`'s rows (same columns) to `prev`.
fn append(prev: &mut PageTable, t: PageTable) {
    let rows = prev.grid.rows();
    prev.grid.ys.pop();
    prev.grid.ys.extend(t.grid.ys.iter().copied());
    if let (Some(a), Some(b)) = (prev.grid.xs.last_mut(), t.grid.xs.last()) {
        *a = a.max(*b);
    }
    for (c, paras) in t.grid.cells.into_iter().zip(t.cells) {
        prev.grid.cells.push(GridCell {
            r0: c.r0 + rows,
            r1: c.r1 + rows,
            ..c
        });
        prev.cells.push(paras);
    }
    prev.nested.extend(t.nested);
    prev.grid.open_bottom = t.grid.open_bottom;
    prev.foot_whole = t.foot_whole;
    prev.grid.index();
}

/// For each column of a borderless table (its edges `xs` one point left of
/// its text), the column of `onto` its text starts in: at that column's
/// left edge, give or take `PDF.snap`, plus a cell's padding when `onto` is
/// ruled. Columns in order, no two in one; `None` if any fits nowhere.
fn column_map(xs: &[f32], onto: &[f32], onto_borderless: bool) -> Option<Vec<usize>> {
    let pad = if onto_borderless { 0.0 } else { PDF.cell_pad };
    let n = xs.len().checked_sub(1)?;
    let m = onto.len().checked_sub(1)?;
    if n < 2 || m < n {
        return None;
    }
    let mut out: Vec<usize> = Vec::with_capacity(n);
    for x in xs.iter().take(n) {
        let text = x + 1.0;
        let j = (0..m).find(|j| {
            let left = onto[*j];
            text >= left - PDF.snap && text <= left + pad + PDF.snap
        })?;
        if out.last().is_some_and(|p| *p >= j) {
            return None;
        }
        out.push(j);
    }
    Some(out)
}

/// Put `t`'s cells onto the columns `map` gives them (a cell across the
/// whole table stays across it), empty cells in the columns it has no text
/// in, and take the edges `onto`.
fn remap(t: &mut PageTable, map: &[usize], onto: &[f32]) {
    let n = map.len();
    let m = onto.len().saturating_sub(1);
    let rows = t.grid.rows();
    let mut cells: Vec<(GridCell, Vec<super::text::Para>)> = Vec::new();
    for (c, paras) in t.grid.cells.iter().zip(std::mem::take(&mut t.cells)) {
        let (Some(c0), Some(last)) = (map.get(c.c0), map.get(c.c1.saturating_sub(1))) else {
            continue;
        };
        let c1 = if c.c0 == 0 && c.c1 >= n { m } else { last + 1 };
        cells.push((
            GridCell {
                r0: c.r0,
                r1: c.r1,
                c0: *c0,
                c1,
                fill: None,
            },
            paras,
        ));
    }
    let mut covered = vec![false; rows * m];
    for (c, _) in &cells {
        for r in c.r0..c.r1.min(rows) {
            for k in c.c0..c.c1.min(m) {
                if let Some(v) = covered.get_mut(r * m + k) {
                    *v = true;
                }
            }
        }
    }
    for r in 0..rows {
        for k in 0..m {
            if !covered.get(r * m + k).copied().unwrap_or(true) {
                cells.push((
                    GridCell {
                        r0: r,
                        r1: r + 1,
                        c0: k,
                        c1: k + 1,
                        fill: None,
                    },
                    Vec::new(),
                ));
            }
        }
    }
    cells.sort_by_key(|(c, _)| (c.r0, c.c0));
    let (grid_cells, paras): (Vec<GridCell>, Vec<_>) = cells.into_iter().unzip();
    t.grid.cells = grid_cells;
    t.cells = paras;
    t.grid.xs = onto.to_vec();
    t.grid.index();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::text::test_line as line;

    #[test]
    fn a_table_split_by_a_tall_blank_is_one_table() {
        let row = |top: f32, a: &str, b: &str, c: &str| {
            line(top, false, &[(0.0, a), (100.0, b), (200.0, c)])
        };
        let mut lines = vec![
            line(
                0.0,
                true,
                &[(0.0, "Ref"), (100.0, "Action"), (200.0, "Date")],
            ),
            row(12.0, "One", "Do this", "July"),
            row(24.0, "Two", "Do that", "June"),
            row(36.0, "The third one", "And more", "May"),
        ];
        // Forty points of blank page (four ems), then the table goes on.
        for (i, r) in ["Four", "Five", "Six", "The seventh one"]
            .iter()
            .enumerate()
        {
            lines.push(row(86.0 + 12.0 * i as f32, r, "Act on", "March"));
        }
        let (tables, _) = aligned::find(&lines);
        assert_eq!(tables.len(), 2);
        let one = stacked(tables.clone(), &[]);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].grid.rows(), 8);
        // Text between them keeps them apart.
        assert_eq!(
            stacked(tables, &[line(60.0, false, &[(0.0, "Note")])]).len(),
            2
        );
    }

    #[test]
    fn columns_map_by_where_their_text_starts() {
        // A ruled table's edges; a borderless piece whose text starts one
        // padding in from the first, second and fourth.
        let onto = [10.0, 110.0, 210.0, 310.0, 410.0];
        let xs = [14.5, 114.5, 314.5, 380.0];
        assert_eq!(column_map(&xs, &onto, false), Some(vec![0, 1, 3]));
        // Borderless edges meet at the text: no padding allowed.
        assert_eq!(column_map(&xs, &onto, true), None);
        let xs = [9.0, 109.0, 309.0, 380.0];
        assert_eq!(column_map(&xs, &onto, true), Some(vec![0, 1, 3]));
        // Text in the middle of a column is not a column of it.
        let xs = [14.5, 160.0, 380.0];
        assert_eq!(column_map(&xs, &onto, false), None);
    }
}
