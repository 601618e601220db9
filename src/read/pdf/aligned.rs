//! Borderless tables of many rows: columns from the whitespace the lines of
//! a region share, rows from where cells start.
//!
//! Why a second finder next to `stream`: a table exported without borders
//! (a plan with no ruling lines at all) has cells of many wrapped lines,
//! side by side, whose lines do not share baselines, and most of its lines
//! have text in only some columns. So:
//! - a *window* is a run of lines with no vertical gap over `PDF.aligned_region_gap`
//!   ems; its *columns* are the x-intervals between the gaps that no chunk
//!   of a multi-chunk line crosses (a chunk is a piece of a line cut at
//!   `PDF.cell_chunk_gap` ems); a column holding only bullets goes with the
//!   column to its right;
//! - the *region* is the longest run of lines whose chunks each lie inside
//!   one column, a lone line crossing a gap (a section row set across the
//!   table) allowed between them;
//! - each column's lines become paragraphs (wraps joined as in a cell); a
//!   *row* starts where the first column starts a paragraph, or where two
//!   columns start one on the same line (the cells of a row are top
//!   aligned; a cell of the first column may span several rows);
//! - a paragraph that runs on across a row start makes its column's cell
//!   span those rows (a vertically merged cell, the finding beside its
//!   actions); a crossing line is a row of one cell across the table.

use super::grid::{Grid, GridCell};
use super::layout::PageTable;
use super::settings::PDF;
use super::text::{Line, Para, is_bullet, paragraphs};

/// Find borderless tables among lines (sorted top to bottom). Returns the
/// tables and, per line, whether a table took it.
pub fn find(lines: &[Line]) -> (Vec<PageTable>, Vec<bool>) {
    let mut used = vec![false; lines.len()];
    let mut tables = Vec::new();
    let cs: Vec<Vec<Line>> = lines
        .iter()
        .map(|l| l.split_at_gaps(PDF.cell_chunk_gap))
        .collect();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        while j < lines.len() {
            let gap = lines[j].top - lines[j - 1].bottom;
            if gap > PDF.aligned_region_gap * lines[j - 1].size.max(1.0) {
                break;
            }
            j += 1;
        }
        let mut k = i;
        while k < j {
            match region(&lines[k..j], &cs[k..j]) {
                Some((a, b, t)) => {
                    for u in used.iter_mut().take(k + b).skip(k + a) {
                        *u = true;
                    }
                    tables.push(t);
                    k += b.max(1);
                }
                None => break,
            }
        }
        i = j;
    }
    (tables, used)
}

/// The borderless body of a table whose header rows are ruled (or shaded)
/// and whose body is not: the lines from `top` down whose words each fall
/// between two of the header's column `edges`, as long as they run on
/// with no wider vertical gap than `PDF.aligned_region_gap`. Words may meet at a
/// column edge with only a space between them: the edges come from the
/// rules, not from the gaps. The lines from `head` (the header's top) to
/// `top` (its bottom) are the header's text, read as the first rows.
/// Returns (first line, end line, table).
pub fn find_under(
    lines: &[Line],
    edges: &[f32],
    head: Option<f32>,
    top: f32,
) -> Option<(usize, usize, PageTable)> {
    find_under_min(lines, edges, head, top, PDF.aligned_min_rows)
}

/// [`find_under`] taking as few as `min_rows` lines under the header (a
/// header at the foot of a page may have a line or two under it before
/// the break).
pub fn find_under_min(
    lines: &[Line],
    edges: &[f32],
    head: Option<f32>,
    top: f32,
    min_rows: usize,
) -> Option<(usize, usize, PageTable)> {
    let grid_cols: Vec<(f32, f32)> = edges.windows(2).map(|w| (w[0], w[1])).collect();
    if grid_cols.len() < 2 {
        return None;
    }
    let cs: Vec<Vec<Line>> = lines
        .iter()
        .map(|l| l.split_at_gaps(PDF.chunk_gap))
        .collect();
    let a = lines.iter().position(|l| l.top >= top - 1.0)?;
    let inside = |l: &Line| {
        l.x0 >= edges.first().copied().unwrap_or(0.0) - PDF.column_slack
            && l.x1 <= edges.last().copied().unwrap_or(0.0) + PDF.column_slack
    };
    let mut b = a;
    while b < lines.len() {
        if b > a
            && lines[b].top - lines[b - 1].bottom
                > PDF.aligned_region_gap * lines[b - 1].size.max(1.0)
        {
            break;
        }
        if !inside(&lines[b]) || cs[b].iter().any(|k| place(&grid_cols, k, true).is_none()) {
            break;
        }
        b += 1;
    }
    if b - a < min_rows.max(1)
        || (a..b).filter(|k| cs[*k].len() >= 2).count() < PDF.aligned_min_wide.min(min_rows.max(1))
    {
        return None;
    }
    // The header's own lines (from `head` down), whatever the gap under
    // them.
    let a = match head {
        Some(h) => lines
            .iter()
            .position(|l| l.top >= h - 1.0)
            .filter(|h0| *h0 < a && (*h0..a).all(|k| inside(&lines[k])))
            .unwrap_or(a),
        None => a,
    };
    // Columns at their text's extent, as [`build`] wants them.
    let mut cols: Vec<(f32, f32)> = vec![(f32::MAX, f32::MIN); grid_cols.len()];
    for k in cs[a..b].iter().flatten() {
        for (c, p) in place(&grid_cols, k, true).unwrap_or_default() {
            if let Some(e) = cols.get_mut(c) {
                e.0 = e.0.min(p.x0);
                e.1 = e.1.max(p.x1);
            }
        }
    }
    // A column with no text takes its share of the header's width.
    for (c, g) in cols.iter_mut().zip(&grid_cols) {
        if c.0 > c.1 {
            *c = (g.0 + 1.0, g.1 - 1.0);
        }
    }
    let t = build(&lines[a..b], &cs[a..b], &cols, true)?;
    Some((a, b, t))
}

/// Column intervals of a window: the gaps no chunk of a line with
/// `PDF.min_cols`+ chunks crosses, widened by the chunks of two-chunk lines
/// that fall in one column (a two-chunk line may also be a bullet and its
/// text running across the columns, so those never bridge a gap).
fn columns(cs: &[Vec<Line>]) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32, f32)> = cs
        .iter()
        .filter(|c| c.len() >= PDF.min_cols)
        .flat_map(|c| c.iter().map(|k| (k.x0, k.x1, k.size)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for (a, b, size) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 + PDF.min_column_gap * size.max(1.0) => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    for k in cs.iter().filter(|c| c.len() == 2).flatten() {
        let hit: Vec<usize> = (0..cols.len())
            .filter(|i| k.x1 > cols[*i].0 && k.x0 < cols[*i].1)
            .collect();
        let [i] = hit.as_slice() else { continue };
        let (lo, hi) = (
            cols.get(i.wrapping_sub(1)).map_or(f32::MIN, |c| c.1),
            cols.get(i + 1).map_or(f32::MAX, |c| c.0),
        );
        let gap = PDF.min_column_gap * k.size.max(1.0);
        if k.x0 > lo + gap && k.x1 < hi - gap {
            let c = &mut cols[*i];
            c.0 = c.0.min(k.x0);
            c.1 = c.1.max(k.x1);
        }
    }
    cols
}

/// Which column a span lies in: the one column whose text extent it
/// overlaps, the nearest when it lies in a gap, `None` when it overlaps
/// two (it crosses a gap).
fn column_at(cols: &[(f32, f32)], x0: f32, x1: f32) -> Option<usize> {
    let mut hit = None;
    for (i, c) in cols.iter().enumerate() {
        if x1 > c.0 + PDF.column_slack && x0 < c.1 - PDF.column_slack {
            if hit.is_some() {
                return None;
            }
            hit = Some(i);
        }
    }
    hit.or_else(|| {
        let mid = (x0 + x1) / 2.0;
        let d = |c: &(f32, f32)| (c.0 - mid).max(mid - c.1).max(0.0);
        (0..cols.len()).min_by(|a, b| d(&cols[*a]).total_cmp(&d(&cols[*b])))
    })
}

/// A chunk into its column, or into one piece per column when its words
/// fall in several (a line whose cells were set too close to be cut into
/// chunks); `None` when a word crosses a gap (a section row across the
/// table).
fn place(cols: &[(f32, f32)], k: &Line, ruled: bool) -> Option<Vec<(usize, Line)>> {
    if let Some(c) = column_at(cols, k.x0, k.x1) {
        return Some(vec![(c, k.clone())]);
    }
    let mut out: Vec<(usize, Line)> = Vec::new();
    let mut prev_x1: Option<f32> = None;
    for w in &k.words {
        let c = column_at(cols, w.x0, w.x1)?;
        let gap = prev_x1.map_or(f32::MAX, |x| w.x0 - x);
        prev_x1 = Some(w.x1);
        match out.last_mut() {
            // Cells meet at a gap wider than a space; words a space apart
            // in two columns are one line set across them.
            Some((pc, _)) if !ruled && *pc != c && gap < PDF.cell_gap * k.size.max(1.0) => {
                return None;
            }
            Some((pc, l)) if *pc == c => {
                l.x1 = w.x1;
                l.words.push(w.clone());
            }
            _ => out.push((
                c,
                Line {
                    words: vec![w.clone()],
                    x0: w.x0,
                    x1: w.x1,
                    ..k.clone()
                },
            )),
        }
    }
    Some(out)
}

fn column_of(cols: &[(f32, f32)], k: &Line) -> Option<usize> {
    column_at(cols, k.x0, k.x1)
}

/// The first table of a window: (first line, end line, table).
fn region(lines: &[Line], cs: &[Vec<Line>]) -> Option<(usize, usize, PageTable)> {
    let mut cols = columns(cs);
    // A column of bullets only is the indent of the column to its right.
    let mut c = 0;
    while c + 1 < cols.len() {
        let bullets = cs
            .iter()
            .flatten()
            .filter(|k| column_of(&cols, k) == Some(c));
        let mut any = false;
        let mut all = true;
        for k in bullets {
            any = true;
            all &= k.words.iter().all(|w| is_bullet(&w.text));
        }
        if any && all {
            cols[c + 1].0 = cols[c].0;
            cols.remove(c);
        } else {
            c += 1;
        }
    }
    if cols.len() < PDF.min_cols {
        return None;
    }
    // The table's text size: the median of its multi-column lines. A line
    // set larger is a heading above or below it, never a row.
    let mut sizes: Vec<f32> = (0..lines.len())
        .filter(|k| cs[*k].len() >= PDF.min_cols)
        .map(|k| lines[k].size)
        .collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    let fits = |k: usize| {
        lines[k].size <= size * PDF.table_heading_ratio
            && cs[k].iter().all(|p| place(&cols, p, false).is_some())
    };
    // Longest run of fitting lines, lone crossing lines allowed inside.
    let mut best: Option<(usize, usize, usize)> = None;
    let mut a = 0;
    while a < lines.len() {
        if !fits(a) {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        while b < lines.len() && (fits(b) || (b + 1 < lines.len() && fits(b + 1) && fits(b - 1))) {
            b += 1;
        }
        let multi = (a..b).filter(|k| cs[*k].len() >= 2).count();
        let wide = (a..b).filter(|k| cs[*k].len() >= PDF.min_cols).count();
        if multi >= PDF.aligned_min_rows
            && wide >= PDF.aligned_min_wide
            && best.is_none_or(|x| multi > x.2)
        {
            best = Some((a, b, multi));
        }
        a = b;
    }
    let (a, b, _) = best?;
    let t = build(&lines[a..b], &cs[a..b], &cols, false)?;
    Some((a, b, t))
}

/// The table's line pitch: the median step between the tops of
/// consecutive lines of one column, over steps under two lines.
fn line_pitch(per_col: &[Vec<(usize, Line)>]) -> Option<f32> {
    let mut steps: Vec<f32> = per_col
        .iter()
        .flat_map(|ls| ls.windows(2))
        .filter_map(|w| {
            let (a, b) = (&w[0].1, &w[1].1);
            let step = base(b) - base(a);
            (step > 0.0 && step < 2.0 * a.size.max(1.0) && (a.size - b.size).abs() < 0.5)
                .then_some(step)
        })
        .collect();
    if steps.len() < 4 {
        return None;
    }
    steps.sort_by(f32::total_cmp);
    steps.get(steps.len() / 2).copied()
}

/// A piece of a line's own baseline (its words' lowest bottom): the line's
/// band may span the glyphs of other columns set a little off its own.
fn base(l: &Line) -> f32 {
    l.words
        .iter()
        .map(|w| w.bottom)
        .fold(f32::MIN, f32::max)
        .max(l.top)
}

/// [`paragraphs`] of a column's lines, a new paragraph also where the step
/// to the next line exceeds the table's `pitch`: a borderless table's rows
/// meet with no rule and often no blank line, only the rows' padding, and
/// a cell's text that merely wraps keeps the pitch.
fn paragraphs_at_pitch(ls: &[Line], right: f32, pitch: Option<f32>) -> Vec<Para> {
    let Some(pitch) = pitch else {
        return paragraphs(ls, right);
    };
    let mut out = Vec::new();
    let mut a = 0;
    for b in 1..=ls.len() {
        let cut = b == ls.len()
            || base(&ls[b]) - base(&ls[b - 1]) > pitch + PDF.pitch_slack * ls[b - 1].size.max(1.0);
        if cut {
            out.extend(paragraphs(&ls[a..b], right));
            a = b;
        }
    }
    out
}

/// One region into a table.
fn build(lines: &[Line], cs: &[Vec<Line>], cols: &[(f32, f32)], ruled: bool) -> Option<PageTable> {
    let n = cols.len();
    // Each column's pieces, with the index of their line; crossing lines.
    let mut per_col: Vec<Vec<(usize, Line)>> = vec![Vec::new(); n];
    let mut crossing = vec![false; lines.len()];
    for (li, pieces) in cs.iter().enumerate() {
        for k in pieces {
            let Some(placed) = place(cols, k, ruled) else {
                crossing[li] = true;
                continue;
            };
            for (c, p) in placed {
                // Pieces of one line in one column (a bullet and its
                // text) are one line of that cell.
                match per_col[c].last_mut() {
                    Some((l, prev)) if *l == li => {
                        prev.x1 = p.x1;
                        prev.words.extend(p.words);
                    }
                    _ => per_col[c].push((li, p)),
                }
            }
        }
    }
    let pitch = line_pitch(&per_col);
    // Paragraph starts per column, as line indices.
    let mut starts = vec![0usize; lines.len()];
    let mut first_col = vec![false; lines.len()];
    let mut col_paras: Vec<Vec<(usize, usize)>> = Vec::with_capacity(n);
    for (c, pieces) in per_col.iter().enumerate() {
        let ls: Vec<Line> = pieces
            .iter()
            .filter(|(li, _)| !crossing[*li])
            .map(|(_, l)| l.clone())
            .collect();
        let idx: Vec<usize> = pieces
            .iter()
            .filter(|(li, _)| !crossing[*li])
            .map(|(li, _)| *li)
            .collect();
        let right = cols[c].1 + PDF.column_slack;
        let mut spans = Vec::new();
        for p in paragraphs_at_pitch(&ls, right, pitch) {
            // The lines of this paragraph: those from its top to its bottom.
            let lis: Vec<usize> = ls
                .iter()
                .zip(&idx)
                .filter(|(l, _)| l.top >= p.top - 0.01 && l.bottom <= p.bottom + 0.01)
                .map(|(_, li)| *li)
                .collect();
            let (Some(s), Some(e)) = (lis.iter().min(), lis.iter().max()) else {
                continue;
            };
            starts[*s] += 1;
            if c == 0 {
                first_col[*s] = true;
            }
            spans.push((*s, *e));
        }
        col_paras.push(spans);
    }
    // Row starts (line indices).
    let mut row_of = vec![0usize; lines.len()];
    let mut row_tops: Vec<usize> = Vec::new();
    // A row set all in bold (the header) ends where plain text starts.
    let mut row_bold = false;
    for li in 0..lines.len() {
        let prev_crossing = li > 0 && crossing[li - 1];
        let after_bold = row_bold && !lines[li].bold;
        if li == 0
            || crossing[li]
            || prev_crossing
            || first_col[li]
            || starts[li] >= 2
            || after_bold
        {
            row_tops.push(li);
            row_bold = true;
        }
        row_bold &= lines[li].bold;
        row_of[li] = row_tops.len() - 1;
    }
    let rows = row_tops.len();
    if rows < 2 && !ruled {
        return None;
    }
    // Per column, the rows each cell spans: a paragraph running across a
    // row start joins the rows it touches.
    let mut cells = Vec::new();
    let mut paras: Vec<Vec<Para>> = Vec::new();
    let crossing_rows: Vec<bool> = (0..rows).map(|r| crossing[row_tops[r]]).collect();
    for r in (0..rows).filter(|r| crossing_rows[*r]) {
        let li = row_tops[r];
        cells.push(GridCell {
            r0: r,
            r1: r + 1,
            c0: 0,
            c1: n,
            fill: None,
        });
        paras.push(paragraphs(std::slice::from_ref(&lines[li]), f32::MAX));
    }
    for c in 0..n {
        let mut owner: Vec<usize> = (0..rows).collect();
        for (s, e) in &col_paras[c] {
            let (rs, re) = (row_of[*s], row_of[*e]);
            for r in rs + 1..=re {
                // A row the first column starts (a new ref, a new finding)
                // is never run across.
                if crossing_rows[r] || first_col.get(row_tops[r]).copied().unwrap_or(false) {
                    break;
                }
                owner[r] = owner[rs];
            }
        }
        let mut r = 0;
        while r < rows {
            if crossing_rows[r] {
                r += 1;
                continue;
            }
            let mut e = r + 1;
            while e < rows && owner[e] == owner[r] {
                e += 1;
            }
            let ls: Vec<Line> = per_col[c]
                .iter()
                .filter(|(li, _)| !crossing[*li] && row_of[*li] >= r && row_of[*li] < e)
                .map(|(_, l)| l.clone())
                .collect();
            cells.push(GridCell {
                r0: r,
                r1: e,
                c0: c,
                c1: c + 1,
                fill: None,
            });
            paras.push(paragraphs_at_pitch(
                &ls,
                cols[c].1 + PDF.column_slack,
                pitch,
            ));
            r = e;
        }
    }
    // Row-major order of the cells' top-left units, as the grid keeps them.
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by_key(|i| (cells[*i].r0, cells[*i].c0));
    let cells_sorted: Vec<GridCell> = order.iter().map(|i| cells[*i].clone()).collect();
    let paras_sorted: Vec<Vec<Para>> = order.iter().map(|i| paras[*i].clone()).collect();
    // Grid edges: columns at their text's left edge (stable from page to
    // page), rows at their first line's top.
    let mut xs: Vec<f32> = cols.iter().map(|c| c.0 - 1.0).collect();
    xs.push(cols.iter().map(|c| c.1).fold(f32::MIN, f32::max) + 1.0);
    let mut ys: Vec<f32> = row_tops.iter().map(|li| lines[*li].top - 0.5).collect();
    ys.push(lines.iter().map(|l| l.bottom).fold(f32::MIN, f32::max) + 1.0);
    let mut grid = Grid {
        xs,
        ys,
        cells: cells_sorted,
        open_top: false,
        open_bottom: false,
        owner: Vec::new(),
    };
    grid.index();
    Some(PageTable {
        grid,
        cells: paras_sorted,
        nested: Vec::new(),
        borderless: true,
        foot_whole: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::text::test_line as line;

    #[test]
    fn rows_start_where_cells_start_and_a_running_cell_spans_them() {
        let lines = vec![
            line(
                0.0,
                true,
                &[
                    (0.0, "Ref"),
                    (50.0, "Area"),
                    (150.0, "Action"),
                    (300.0, "Date"),
                ],
            ),
            line(
                12.0,
                false,
                &[
                    (0.0, "1"),
                    (50.0, "Some area text"),
                    (150.0, "1.1 Do this and more things"),
                    (300.0, "June"),
                ],
            ),
            line(24.0, false, &[(50.0, "goes on here"), (150.0, "and that")]),
            line(
                36.0,
                false,
                &[(50.0, "still more"), (150.0, "1.2 Next"), (300.0, "July")],
            ),
            line(
                48.0,
                false,
                &[
                    (0.0, "2"),
                    (50.0, "Other area"),
                    (150.0, "2.1 Act"),
                    (300.0, "to be confirmed later"),
                ],
            ),
        ];
        let (tables, used) = find(&lines);
        assert_eq!(tables.len(), 1);
        assert!(used.iter().all(|u| *u));
        let t = &tables[0];
        assert_eq!((t.grid.rows(), t.grid.cols()), (4, 4));
        let text = |r: usize, c: usize| -> String {
            t.grid
                .cells
                .iter()
                .zip(&t.cells)
                .find(|(g, _)| g.r0 == r && g.c0 == c)
                .map(|(_, ps)| {
                    ps.iter()
                        .map(|p| p.text.clone())
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .unwrap_or_default()
        };
        assert_eq!(text(0, 2), "Action");
        assert_eq!(text(1, 2), "1.1 Do this and more things and that");
        assert_eq!(text(2, 2), "1.2 Next");
        assert_eq!(text(2, 3), "July");
        assert_eq!(text(3, 0), "2");
        // The area runs on beside both actions: one cell over two rows.
        let area = t.grid.cells.iter().position(|g| g.r0 == 1 && g.c0 == 1);
        let area = area.and_then(|i| t.grid.cells.get(i));
        assert_eq!(area.map(|g| (g.r0, g.r1)), Some((1, 3)));
        assert_eq!(text(1, 1), "Some area text goes on here still more");
    }

    #[test]
    fn a_row_starts_where_a_column_steps_past_the_line_pitch() {
        // Rows meet with no blank line in the date column, only the rows'
        // padding (a 14-point step where lines wrap at 12); the area runs
        // on at its own pitch beside both actions.
        let lines = vec![
            line(
                0.0,
                true,
                &[
                    (0.0, "Ref"),
                    (50.0, "Area"),
                    (150.0, "Action"),
                    (300.0, "Date"),
                ],
            ),
            line(
                12.0,
                false,
                &[
                    (0.0, "1"),
                    (50.0, "Some area text"),
                    (150.0, "1.1 Do this thing"),
                    (300.0, "July 2020 long"),
                ],
            ),
            line(24.0, false, &[(50.0, "goes on here"), (300.0, "date text")]),
            line(36.0, false, &[(50.0, "and on a bit")]),
            line(
                38.0,
                false,
                &[(150.0, "1.2 Next thing"), (300.0, "August 2020")],
            ),
            line(48.0, false, &[(50.0, "still")]),
            line(50.0, false, &[(150.0, "more"), (300.0, "end")]),
        ];
        let (tables, _) = find(&lines);
        let t = tables.first().expect("a table");
        let text = |r: usize, c: usize| -> String {
            t.grid
                .cells
                .iter()
                .zip(&t.cells)
                .find(|(g, _)| g.r0 == r && g.c0 == c)
                .map(|(_, ps)| {
                    ps.iter()
                        .map(|p| p.text.clone())
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .unwrap_or_default()
        };
        assert_eq!(t.grid.rows(), 3);
        assert_eq!(text(1, 3), "July 2020 long date text");
        assert_eq!(text(2, 2), "1.2 Next thing more");
        assert_eq!(text(2, 3), "August 2020 end");
        assert_eq!(text(1, 1), "Some area text goes on here and on a bit still");
    }

    #[test]
    fn cells_an_em_apart_are_columns() {
        // A right-aligned amount ends an em before the next cell's label.
        let row = |top: f32, a: &str, b: &str, c: &str, d: &str| {
            line(top, false, &[(0.0, a), (150.0, b), (195.0, c), (350.0, d)])
        };
        let lines = vec![
            line(0.0, true, &[(0.0, "Income"), (195.0, "Spending")]),
            row(12.0, "Police", "£35,000", "Chair", "£28,618"),
            row(24.0, "Health", "£53,400", "Manager", "£10,063"),
            row(36.0, "Council", "£14,300", "Admin", "£11,586"),
            row(
                48.0,
                "Training fund for all",
                "£10,613",
                "Trainer",
                "£54,386",
            ),
        ];
        let (tables, _) = find(&lines);
        let t = tables.first().expect("a table");
        assert_eq!((t.grid.rows(), t.grid.cols()), (5, 4));
    }

    #[test]
    fn a_header_at_the_page_foot_may_have_one_row_under_it() {
        let lines = vec![
            line(20.0, false, &[(5.0, "Launch"), (105.0, "Partners aware")]),
            line(32.0, false, &[(105.0, "of its role")]),
        ];
        let edges = [0.0, 100.0, 300.0];
        assert!(find_under(&lines, &edges, None, 12.0).is_none());
        let (a, b, t) = find_under_min(&lines, &edges, None, 12.0, 1).expect("found");
        assert_eq!((a, b, t.grid.cols()), (0, 2, 2));
    }

    #[test]
    fn prose_is_not_a_table() {
        let lines: Vec<Line> = (0..8)
            .map(|i| {
                line(
                    i as f32 * 12.0,
                    false,
                    &[(0.0, "a line of ordinary prose text that runs on")],
                )
            })
            .collect();
        let (tables, used) = find(&lines);
        assert!(tables.is_empty());
        assert!(used.iter().all(|u| !u));
    }

    #[test]
    fn body_under_a_ruled_header_keeps_to_its_columns() {
        // Header rules at 0 | 100 | 300; names and titles a space apart
        // where a title runs close to the edge.
        let lines = vec![
            line(0.0, true, &[(5.0, "NAME"), (105.0, "TITLE")]),
            line(20.0, false, &[(5.0, "Ann Smith"), (105.0, "Chair")]),
            line(32.0, false, &[(5.0, "Bob Jones"), (105.0, "Manager")]),
            line(44.0, false, &[(5.0, "Di Lee"), (105.0, "Director")]),
            line(
                56.0,
                false,
                &[
                    (5.0, "Cy Long Surname"),
                    (105.0, "Head of Service, Council"),
                ],
            ),
        ];
        let (a, b, t) = find_under(&lines, &[0.0, 100.0, 300.0], Some(0.0), 12.0).expect("found");
        assert_eq!((a, b), (0, 5));
        assert_eq!((t.grid.rows(), t.grid.cols()), (5, 2));
    }
}
