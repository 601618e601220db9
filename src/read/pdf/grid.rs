//! Ruling segments into table grids with spanning cells.
//!
//! Method: snap segment positions together (`PDF.snap`), merge collinear
//! pieces (`PDF.join`), group segments that touch into connected components,
//! and read each component with at least two horizontal and two vertical
//! lines as a table. Its grid lines are the distinct positions; a unit
//! square of the grid whose inner edge is missing merges with its
//! neighbour, so a missing vertical edge gives a column span and a missing
//! horizontal edge a row span. A merged region that is not a rectangle with
//! all its sides ruled is not a cell (it lies outside the table).
//!
//! A table cut by the page edge often has no closing rule: when the
//! vertical lines all stop at the same place with no horizontal line there,
//! that end is closed virtually and flagged (`open_top`/`open_bottom`),
//! which the cross-page join reads as "this row goes on".

use super::geom::Seg;
use super::settings::PDF;

#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
    /// The colour painted under most of the cell, where not white (see
    /// [`super::fills`]); set once the page's tables are found.
    pub fill: Option<crate::model::Rgb>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column edges, left to right (`cols + 1` of them).
    pub xs: Vec<f32>,
    /// Row edges, top to bottom (`rows + 1`).
    pub ys: Vec<f32>,
    /// Cells in row-major order of their top-left unit.
    pub cells: Vec<GridCell>,
    pub open_top: bool,
    pub open_bottom: bool,
    /// Cell index owning each unit square, row-major (see [`Grid::index`]).
    pub owner: Vec<u32>,
}

impl Grid {
    /// Fill `owner` so that [`Grid::cell_at`] is a lookup, not a scan.
    pub fn index(&mut self) {
        let (rows, cols) = (self.rows(), self.cols());
        let mut owner = vec![u32::MAX; rows * cols];
        for (i, c) in self.cells.iter().enumerate() {
            for r in c.r0..c.r1.min(rows) {
                for k in c.c0..c.c1.min(cols) {
                    if let Some(o) = owner.get_mut(r * cols + k) {
                        *o = i as u32;
                    }
                }
            }
        }
        self.owner = owner;
    }

    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    pub fn x0(&self) -> f32 {
        self.xs.first().copied().unwrap_or(0.0)
    }
    pub fn x1(&self) -> f32 {
        self.xs.last().copied().unwrap_or(0.0)
    }
    pub fn top(&self) -> f32 {
        self.ys.first().copied().unwrap_or(0.0)
    }
    pub fn bottom(&self) -> f32 {
        self.ys.last().copied().unwrap_or(0.0)
    }
    pub fn cell_box(&self, c: &GridCell) -> (f32, f32, f32, f32) {
        let g = |v: &Vec<f32>, i: usize| v.get(i).copied().unwrap_or(0.0);
        (
            g(&self.xs, c.c0),
            g(&self.ys, c.r0),
            g(&self.xs, c.c1),
            g(&self.ys, c.r1),
        )
    }
    /// The cell containing a point, if any.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        if x < self.x0() || x > self.x1() || y < self.top() || y > self.bottom() {
            return None;
        }
        let col = self
            .xs
            .partition_point(|v| *v <= x)
            .saturating_sub(1)
            .min(self.cols().saturating_sub(1));
        let row = self
            .ys
            .partition_point(|v| *v <= y)
            .saturating_sub(1)
            .min(self.rows().saturating_sub(1));
        if self.owner.len() == self.rows() * self.cols() {
            return self
                .owner
                .get(row * self.cols() + col)
                .filter(|o| **o != u32::MAX)
                .map(|o| *o as usize);
        }
        self.cells
            .iter()
            .position(|c| row >= c.r0 && row < c.r1 && col >= c.c0 && col < c.c1)
    }
}

/// Snap and merge segments of one orientation.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    // Cluster positions.
    let mut clusters: Vec<Vec<Seg>> = Vec::new();
    for s in segs {
        match clusters.last_mut() {
            Some(c) if c.last().is_some_and(|l| s.pos - l.pos <= PDF.snap) => c.push(s),
            _ => clusters.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut c in clusters {
        let pos = c.iter().map(|s| s.pos).sum::<f32>() / c.len() as f32;
        c.sort_by(|a, b| a.a.total_cmp(&b.a));
        let mut cur: Option<Seg> = None;
        for s in c {
            match &mut cur {
                Some(k) if s.a <= k.b + PDF.join => {
                    k.b = k.b.max(s.b);
                    k.width = k.width.max(s.width);
                }
                _ => {
                    if let Some(k) = cur.take() {
                        out.push(k);
                    }
                    cur = Some(Seg { pos, ..s });
                }
            }
        }
        if let Some(k) = cur {
            out.push(k);
        }
    }
    out.retain(|s| s.b - s.a > 1.0);
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra] = rb;
    }
}

/// Distinct positions, snapped.
fn positions(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<(f32, usize)> = Vec::new();
    for p in v {
        match out.last_mut() {
            Some((q, n)) if p - *q / *n as f32 <= PDF.snap => {
                *q += p;
                *n += 1;
            }
            _ => out.push((p, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

fn covered(segs: &[&Seg], pos: f32, a: f32, b: f32) -> bool {
    segs.iter()
        .any(|s| (s.pos - pos).abs() <= PDF.snap && s.a <= a + PDF.cover && s.b >= b - PDF.cover)
}

/// Find the ruled tables among a page's segments, top to bottom.
pub fn find_grids(segs: &[Seg]) -> Vec<Grid> {
    let hs = merge(segs.iter().filter(|s| s.horizontal).copied().collect());
    let vs = merge(segs.iter().filter(|s| !s.horizontal).copied().collect());
    if hs.len() + vs.len() > 5_000 {
        // A page of hatching, not a table: skip rather than go quadratic.
        return Vec::new();
    }
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.pos >= h.a - PDF.join
                && v.pos <= h.b + PDF.join
                && h.pos >= v.a - PDF.join
                && h.pos <= v.b + PDF.join
            {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, (Vec<&Seg>, Vec<&Seg>)> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        let e = comps.entry(r).or_default();
        if i < hs.len() {
            e.0.push(&hs[i]);
        } else {
            e.1.push(&vs[i - hs.len()]);
        }
    }
    let mut grids: Vec<Grid> = comps
        .into_values()
        .filter_map(|(h, v)| grid(h, v))
        .collect();
    // Drop a grid that lies inside another (a layout frame's inner table is
    // kept; the frame's own cell holds it whole) — keep the inner ones only
    // when the outer has a single cell.
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()).then(a.x0().total_cmp(&b.x0())));
    grids
}

fn grid(h: Vec<&Seg>, v: Vec<&Seg>) -> Option<Grid> {
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    let mut ys = positions(h.iter().map(|s| s.pos).collect());
    let mut xs = positions(v.iter().map(|s| s.pos).collect());
    // A table with no outer frame: the row rules run past the outermost
    // column lines and stop together; close the sides there.
    let mut v: Vec<Seg> = v.into_iter().copied().collect();
    let (ytop, ybot) = (
        ys.first().copied().unwrap_or(0.0),
        ys.last().copied().unwrap_or(0.0),
    );
    let hleft = h.iter().map(|s| s.a).fold(f32::MAX, f32::min);
    let hright = h.iter().map(|s| s.b).fold(f32::MIN, f32::max);
    if xs.first().is_some_and(|x| hleft < x - PDF.snap)
        && h.iter().filter(|s| (s.a - hleft).abs() <= PDF.snap).count() >= 3
    {
        xs.insert(0, hleft);
        v.push(Seg {
            horizontal: false,
            pos: hleft,
            a: ytop,
            b: ybot,
            width: 0.0,
        });
    }
    if xs.last().is_some_and(|x| hright > x + PDF.snap)
        && h.iter()
            .filter(|s| (s.b - hright).abs() <= PDF.snap)
            .count()
            >= 3
    {
        xs.push(hright);
        v.push(Seg {
            horizontal: false,
            pos: hright,
            a: ytop,
            b: ybot,
            width: 0.0,
        });
    }
    let v: Vec<&Seg> = v.iter().collect();
    if xs.len() < 2 {
        return None;
    }
    // Virtual closing edges where the verticals all stop with no rule.
    let vtop = v.iter().map(|s| s.a).fold(f32::MAX, f32::min);
    let vbot = v.iter().map(|s| s.b).fold(f32::MIN, f32::max);
    let mut h: Vec<Seg> = h.into_iter().copied().collect();
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let mut open_top = false;
    let mut open_bottom = false;
    // The verticals may also stop where only part of the width is ruled:
    // the edge of a cell's fill clipped by the page (Chromium closes the
    // filled cells of a row it splits, and nothing else).
    let partial = |pos: f32| {
        let at: Vec<&Seg> = h
            .iter()
            .filter(|s| (s.pos - pos).abs() <= PDF.snap)
            .collect();
        !at.is_empty() && !covered(&at, pos, x0, x1)
    };
    let (top_partial, bottom_partial) = (partial(vtop), partial(vbot));
    if ys.first().is_some_and(|y| vtop < y - PDF.snap)
        || (vtop - ys[0]).abs() <= PDF.snap && top_partial
    {
        let ends = v.iter().filter(|s| (s.a - vtop).abs() <= PDF.snap).count();
        if ends >= 2 {
            if vtop < ys[0] - PDF.snap {
                ys.insert(0, vtop);
            }
            h.push(Seg {
                horizontal: true,
                pos: vtop,
                a: x0,
                b: x1,
                width: 0.0,
            });
            open_top = true;
        }
    }
    let last = ys.last().copied().unwrap_or(0.0);
    if vbot > last + PDF.snap || (vbot - last).abs() <= PDF.snap && bottom_partial {
        let ends = v.iter().filter(|s| (s.b - vbot).abs() <= PDF.snap).count();
        if ends >= 2 {
            if vbot > last + PDF.snap {
                ys.push(vbot);
            }
            h.push(Seg {
                horizontal: true,
                pos: vbot,
                a: x0,
                b: x1,
                width: 0.0,
            });
            open_bottom = true;
        }
    }
    if ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > 250_000 {
        return None;
    }
    let hr: Vec<&Seg> = h.iter().collect();
    // Edge presence: right edge of unit (r, c) and bottom edge of unit (r, c).
    let vert = |r: usize, x: usize| covered(&v, xs[x], ys[r], ys[r + 1]);
    let horiz = |y: usize, c: usize| covered(&hr, ys[y], xs[c], xs[c + 1]);
    let id = |r: usize, c: usize| r * cols + c;
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !vert(r, c + 1) {
                union(&mut parent, id(r, c), id(r, c + 1));
            }
            if r + 1 < rows && !horiz(r + 1, c) {
                union(&mut parent, id(r, c), id(r + 1, c));
            }
        }
    }
    // Regions: bounding boxes and unit counts.
    let mut regions: std::collections::HashMap<usize, (usize, usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, id(r, c));
            let e = regions.entry(root).or_insert((r, r + 1, c, c + 1, 0));
            e.0 = e.0.min(r);
            e.1 = e.1.max(r + 1);
            e.2 = e.2.min(c);
            e.3 = e.3.max(c + 1);
            e.4 += 1;
        }
    }
    let mut cells: Vec<GridCell> = Vec::new();
    for (r0, r1, c0, c1, count) in regions.into_values() {
        if count != (r1 - r0) * (c1 - c0) {
            continue;
        }
        let sides = (c0..c1).all(|c| horiz(r0, c) && horiz(r1, c))
            && (r0..r1).all(|r| vert(r, c0) && vert(r, c1));
        if sides {
            cells.push(GridCell {
                r0,
                r1,
                c0,
                c1,
                fill: None,
            });
        }
    }
    if cells.is_empty() {
        return None;
    }
    cells.sort_by_key(|c| (c.r0, c.c0));
    let mut g = Grid {
        xs,
        ys,
        cells,
        open_top,
        open_bottom,
        owner: Vec::new(),
    };
    trim(&mut g);
    g.index();
    // One cell alone is a box around text, not a table.
    if g.cells.len() < 2 {
        return None;
    }
    Some(g)
}

/// Drop grid rows and columns that no cell starts or ends in (left by
/// stray lines outside the table's cells), renumbering the cells.
fn trim(g: &mut Grid) {
    let rows = g.rows();
    let cols = g.cols();
    let mut used_y = vec![false; rows + 1];
    let mut used_x = vec![false; cols + 1];
    for c in &g.cells {
        used_y[c.r0] = true;
        used_y[c.r1] = true;
        used_x[c.c0] = true;
        used_x[c.c1] = true;
    }
    let remap = |used: &[bool]| -> Vec<usize> {
        let mut m = Vec::with_capacity(used.len());
        let mut k = 0;
        for u in used {
            m.push(k);
            if *u {
                k += 1;
            }
        }
        m
    };
    let ry = remap(&used_y);
    let rx = remap(&used_x);
    for c in &mut g.cells {
        c.r0 = ry[c.r0];
        c.r1 = ry[c.r1];
        c.c0 = rx[c.c0];
        c.c1 = rx[c.c1];
    }
    let ys: Vec<f32> =
        g.ys.iter()
            .zip(&used_y)
            .filter(|p| *p.1)
            .map(|p| *p.0)
            .collect();
    let xs: Vec<f32> =
        g.xs.iter()
            .zip(&used_x)
            .filter(|p| *p.1)
            .map(|p| *p.0)
            .collect();
    g.ys = ys;
    g.xs = xs;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, a: f32, b: f32) -> Seg {
        Seg {
            horizontal: true,
            pos: y,
            a,
            b,
            width: 1.0,
        }
    }
    fn v(x: f32, a: f32, b: f32) -> Seg {
        Seg {
            horizontal: false,
            pos: x,
            a,
            b,
            width: 1.0,
        }
    }

    #[test]
    fn missing_inner_edges_make_spans() {
        // 3 columns × 3 rows; column 0 merged over rows 1-2; row 0 cols 1-2 merged.
        let segs = vec![
            h(0.0, 0.0, 300.0),
            h(10.0, 0.0, 300.0),
            h(20.0, 100.0, 300.0),
            h(30.0, 0.0, 300.0),
            v(0.0, 0.0, 30.0),
            v(100.0, 0.0, 30.0),
            v(200.0, 10.0, 30.0),
            v(300.0, 0.0, 30.0),
        ];
        let g = &find_grids(&segs)[0];
        assert_eq!(g.rows(), 3);
        assert_eq!(g.cols(), 3);
        assert!(g.cells.contains(&GridCell {
            r0: 0,
            r1: 1,
            c0: 1,
            c1: 3,
            fill: None,
        }));
        assert!(g.cells.contains(&GridCell {
            r0: 1,
            r1: 3,
            c0: 0,
            c1: 1,
            fill: None,
        }));
        assert_eq!(g.cells.len(), 1 + 1 + 1 + 4);
    }

    #[test]
    fn open_bottom_is_closed_virtually() {
        let segs = vec![
            h(0.0, 0.0, 200.0),
            h(10.0, 0.0, 200.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
        ];
        let g = &find_grids(&segs)[0];
        assert!(g.open_bottom);
        assert_eq!(g.rows(), 2);
        assert_eq!(g.cells.len(), 4);
    }

    #[test]
    fn a_rule_under_one_filled_cell_only_is_an_open_end() {
        // Three columns; the last row is cut by the page at y = 40, where
        // only the filled last cell's box is closed.
        let segs = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 200.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let g = &find_grids(&segs)[0];
        assert!(g.open_bottom);
        assert_eq!(g.rows(), 2);
        assert_eq!(g.cells.len(), 6);
        // The same at the head of the next page.
        let segs = vec![
            h(0.0, 0.0, 100.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let g = &find_grids(&segs)[0];
        assert!(g.open_top && !g.open_bottom);
        assert_eq!(g.cells.len(), 6);
    }
}
