//! Borderless tables from column alignment (the fallback when no rules).
//!
//! A line splits into *chunks* at gaps wider than `PDF.chunk_gap` ems (words
//! inside a cell are a space apart; columns are set further apart). A run of
//! vertically close lines where at least `PDF.stream_min_rows` lines have
//! `PDF.min_cols`+ chunks is a table region. Its columns are the x-extents of
//! the chunks of those lines, merged where they overlap; a line whose first
//! column holds text starts a row, and a line without (a wrapped
//! continuation) adds to the row above. Prose never has several wide gaps
//! on consecutive lines, so it is left alone.

use super::grid::{Grid, GridCell};
use super::layout::PageTable;
use super::settings::PDF;
use super::text::{Line, paragraphs};

fn chunks(l: &Line) -> Vec<Line> {
    l.split_at_gaps(PDF.chunk_gap)
}

/// Find borderless tables among body lines (sorted top to bottom). Returns
/// the tables and, per line, whether a table took it.
pub fn find(lines: &[Line]) -> (Vec<PageTable>, Vec<bool>) {
    let mut used = vec![false; lines.len()];
    let mut tables = Vec::new();
    let cs: Vec<Vec<Line>> = lines.iter().map(chunks).collect();
    let mut i = 0;
    while i < lines.len() {
        // Grow a region of close lines starting at a multi-column line.
        if cs[i].len() < PDF.min_cols {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_multi = i;
        while j < lines.len() {
            let gap = lines[j].top - lines[j - 1].bottom;
            if gap > PDF.stream_region_gap * lines[j - 1].size.max(1.0) {
                break;
            }
            if cs[j].len() >= PDF.min_cols {
                last_multi = j;
            } else if j - last_multi > 3 {
                break;
            }
            j += 1;
        }
        let end = last_multi + 1;
        let multi: Vec<usize> = (i..end).filter(|k| cs[*k].len() >= PDF.min_cols).collect();
        if multi.len() >= PDF.stream_min_rows
            && let Some(t) = build(&lines[i..end], &cs[i..end])
        {
            for u in used.iter_mut().take(end).skip(i) {
                *u = true;
            }
            tables.push(t);
            i = end;
        } else {
            i += 1;
        }
    }
    (tables, used)
}

fn build(lines: &[Line], cs: &[Vec<Line>]) -> Option<PageTable> {
    // Column extents from the multi-column lines.
    let mut spans: Vec<(f32, f32)> = cs
        .iter()
        .filter(|c| c.len() >= PDF.min_cols)
        .flat_map(|c| c.iter().map(|k| (k.x0, k.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    if cols.len() < PDF.min_cols {
        return None;
    }
    let col_of = |k: &Line| -> usize {
        let mut best = (0usize, f32::MIN);
        for (ci, c) in cols.iter().enumerate() {
            let overlap = k.x1.min(c.1) - k.x0.max(c.0);
            if overlap > best.1 {
                best = (ci, overlap);
            }
        }
        best.0
    };
    // Rows: a line with text in the first column starts one, where some
    // lines have none (wrapped continuations). Where every line has, rows
    // are told apart by vertical gaps instead (cells of several lines
    // side by side, like a signature block).
    let every = cs.iter().all(|c| c.iter().any(|k| col_of(k) == 0));
    let mut rows: Vec<(f32, f32, Vec<Vec<Line>>)> = Vec::new();
    let mut prev_bottom: Option<(f32, f32)> = None;
    for (l, pieces) in lines.iter().zip(cs) {
        let starts = match prev_bottom {
            None => true,
            Some((b, size)) if every => l.top - b > PDF.para_gap * size.max(1.0),
            Some(_) => pieces.iter().any(|k| col_of(k) == 0),
        };
        prev_bottom = Some((l.bottom, l.size));
        if starts {
            rows.push((l.top, l.bottom, vec![Vec::new(); cols.len()]));
        }
        let Some(row) = rows.last_mut() else { continue };
        row.1 = l.bottom;
        for k in pieces {
            if let Some(cell) = row.2.get_mut(col_of(k)) {
                cell.push(k.clone());
            }
        }
    }
    if rows.len() < 2 {
        return None;
    }
    // Grid edges halfway between columns and between rows.
    let mut xs = vec![cols[0].0 - 1.0];
    for w in cols.windows(2) {
        xs.push((w[0].1 + w[1].0) / 2.0);
    }
    xs.push(cols[cols.len() - 1].1 + 1.0);
    let mut ys = vec![rows[0].0 - 1.0];
    for w in rows.windows(2) {
        ys.push((w[0].1 + w[1].0) / 2.0);
    }
    ys.push(rows[rows.len() - 1].1 + 1.0);
    let mut cells = Vec::new();
    let mut paras = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        for (c, ls) in row.2.into_iter().enumerate() {
            cells.push(GridCell {
                r0: r,
                r1: r + 1,
                c0: c,
                c1: c + 1,
                fill: None,
            });
            paras.push(paragraphs(&ls, cols[c].1));
        }
    }
    let mut grid = Grid {
        xs,
        ys,
        cells,
        open_top: false,
        open_bottom: false,
        owner: Vec::new(),
    };
    grid.index();
    Some(PageTable {
        grid,
        cells: paras,
        nested: Vec::new(),
        borderless: true,
        foot_whole: false,
    })
}
