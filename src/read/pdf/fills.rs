//! Cell fills: the colour painted under each table cell.
//!
//! Why: plans show RAG status by colour, often with no text in the cell
//! (a spreadsheet's status column), so a cell's fill is content. Producers
//! paint it differently (one rectangle per cell, one per row with the
//! cells' own over it, a white box over a coloured band), so the fill is
//! read the way the page shows it: sample points over the cell's box,
//! take at each point the last rectangle painted there, and keep the
//! colour under most of the points. White and near-white say nothing.

use crate::model::Rgb;

use super::geom::Fill;
use super::grid::Grid;
use super::layout::PageTable;
use super::settings::PDF;

/// Set the fill of every cell of `t` (and of the tables nested in it).
pub fn paint_cells(t: &mut PageTable, fills: &[Fill]) {
    if fills.is_empty() {
        return;
    }
    paint_grid(&mut t.grid, fills);
    for (_, n) in &mut t.nested {
        paint_cells(n, fills);
    }
}

fn paint_grid(g: &mut Grid, fills: &[Fill]) {
    let (x0, y0, x1, y1) = (g.x0(), g.top(), g.x1(), g.bottom());
    // Only the rectangles that reach the table take part.
    let near: Vec<Fill> = fills
        .iter()
        .filter(|f| f.x1 >= x0 && f.x0 <= x1 && f.bottom >= y0 && f.top <= y1)
        .copied()
        .collect();
    if near.is_empty() {
        return;
    }
    let boxes: Vec<(f32, f32, f32, f32)> = g.cells.iter().map(|c| g.cell_box(c)).collect();
    for (cell, b) in g.cells.iter_mut().zip(boxes) {
        cell.fill = under(&near, b);
    }
}

/// The colour under most of the box `(x0, top, x1, bottom)`, unless white.
pub fn under(fills: &[Fill], (x0, top, x1, bottom): (f32, f32, f32, f32)) -> Option<Rgb> {
    let (w, h) = (x1 - x0, bottom - top);
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let n = PDF.fill_samples.max(1);
    let at = |lo: f32, len: f32, i: usize| {
        let inner = len * (1.0 - 2.0 * PDF.fill_inset);
        lo + len * PDF.fill_inset + inner * (i as f32 + 0.5) / n as f32
    };
    let mut counts: Vec<(Rgb, usize)> = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let (x, y) = (at(x0, w, i), at(top, h, j));
            // The last rectangle painted over the point is what shows.
            let Some(f) = fills.iter().rev().find(|f| f.contains(x, y)) else {
                continue;
            };
            match counts.iter_mut().find(|(c, _)| *c == f.rgb) {
                Some((_, k)) => *k += 1,
                None => counts.push((f.rgb, 1)),
            }
        }
    }
    let (rgb, k) = counts.into_iter().max_by_key(|(_, k)| *k)?;
    let share = k as f32 / (n * n) as f32;
    (share > PDF.fill_majority && !rgb.is_whiteish()).then_some(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(x0: f32, top: f32, x1: f32, bottom: f32, rgb: Rgb) -> Fill {
        Fill {
            x0,
            top,
            x1,
            bottom,
            rgb,
        }
    }

    const AMBER: Rgb = Rgb::new(0xFF, 0xC0, 0x00);
    const WHITE: Rgb = Rgb::new(0xFF, 0xFF, 0xFF);
    const TEAL: Rgb = Rgb::new(0x00, 0x80, 0x80);

    #[test]
    fn the_colour_under_most_of_the_cell_wins() {
        let cell = (100.0, 50.0, 160.0, 80.0);
        assert_eq!(
            under(&[fill(99.0, 49.0, 161.0, 81.0, AMBER)], cell),
            Some(AMBER)
        );
        // A neighbour's fill that spills a point over the edge does not count.
        assert_eq!(under(&[fill(40.0, 49.0, 101.0, 81.0, TEAL)], cell), None);
        // A band over the row, then a white box over this cell: white shows.
        let painted = [
            fill(0.0, 50.0, 600.0, 80.0, TEAL),
            fill(100.0, 50.0, 160.0, 80.0, WHITE),
        ];
        assert_eq!(under(&painted, cell), None);
        // A small coloured square (an icon) under a third of the cell: no fill.
        assert_eq!(under(&[fill(100.0, 50.0, 120.0, 80.0, AMBER)], cell), None);
        // A fill under three quarters of the cell (a padded box): that fill.
        assert_eq!(
            under(&[fill(100.0, 50.0, 147.0, 80.0, AMBER)], cell),
            Some(AMBER)
        );
        assert_eq!(under(&[], cell), None);
        assert_eq!(
            under(&[fill(0.0, 0.0, 9.0, 9.0, AMBER)], (5.0, 5.0, 5.0, 9.0)),
            None
        );
    }
}
