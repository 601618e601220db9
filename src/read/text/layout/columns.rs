//! Columns from whitespace rivers: the character positions blank on every
//! grid line of a region separate its columns, and each line is cut into
//! its column pieces (or kept whole when it spans the rivers).

use super::line::{PLine, blocks_of};
use super::regions::{Kind, kind};
use super::settings::LayoutSettings;

/// Column ranges (start, end) from the rivers of the region's grid lines.
pub(super) fn columns(lines: &[PLine], s: &LayoutSettings) -> Vec<(usize, usize)> {
    let margin = lines
        .iter()
        .filter_map(|l| l.chars.iter().position(|c| !c.is_whitespace()))
        .min()
        .unwrap_or(0);
    let width = lines.iter().map(|l| l.chars.len()).max().unwrap_or(0);
    let mut occ = vec![0usize; width];
    for l in lines {
        if !matches!(kind(l, margin, s), Kind::Aligned | Kind::Indented) {
            continue;
        }
        for (slot, c) in occ.iter_mut().zip(&l.chars) {
            if !c.is_whitespace() {
                *slot += 1;
            }
        }
    }
    let mut cols: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < width {
        if occ[i] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < width && occ[i] > 0 {
            i += 1;
        }
        match cols.last_mut() {
            Some(last) if start - last.1 < s.min_gutter => last.1 = i,
            _ => cols.push((start, i)),
        }
    }
    if let Some(first) = cols.first_mut() {
        first.0 = first.0.min(margin);
    }
    cols
}

/// One line's text in each column, or the whole line when it crosses a
/// river (a spanning row).
pub(super) enum Cut {
    Blank,
    Cells(Vec<Option<(usize, String)>>),
    Span(usize, String),
}

pub(super) fn cut(line: &PLine, cols: &[(usize, usize)], gutter: usize) -> Cut {
    if line.is_blank() {
        return Cut::Blank;
    }
    // A run of text that straddles a column start spans columns. (Text
    // that only reaches into a gutter belongs to the column on its left.)
    // A line of one block, words a space apart across a column start,
    // spans too ("Multi- agency areas for development": a section title
    // whose words happen to fall either side of the start); tight columns
    // a space apart leave more than one block on a line of a row.
    let crosses = |g: usize| {
        blocks_of(&line.chars, g)
            .iter()
            .any(|&(start, end)| cols.iter().skip(1).any(|c| start < c.0 && c.0 < end))
    };
    let one_block = blocks_of(&line.chars, gutter).len() == 1;
    let in_river = crosses(1) || (one_block && crosses(gutter));
    let first = line
        .chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(0);
    if in_river {
        let col = cols.iter().rposition(|c| c.0 <= first).unwrap_or(0);
        let text: String = line.chars.iter().collect();
        return Cut::Span(col, text.trim().to_string());
    }
    let mut cells = Vec::with_capacity(cols.len());
    for (ci, &(start, _)) in cols.iter().enumerate() {
        let from = if ci == 0 { 0 } else { start };
        let to = cols.get(ci + 1).map_or(line.chars.len(), |n| n.0);
        let piece: String = line
            .chars
            .get(from.min(line.chars.len())..to.min(line.chars.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
        let t = piece.trim();
        cells.push((!t.is_empty()).then(|| (from + lead, t.to_string())));
    }
    Cut::Cells(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> PLine {
        PLine {
            chars: t.chars().collect(),
            no: 1,
        }
    }

    #[test]
    fn a_one_block_line_across_a_column_start_spans() {
        let cols = [(0, 4), (6, 30), (40, 60)];
        assert!(matches!(
            cut(&line("Multi- agency areas for development"), &cols, 2),
            Cut::Span(0, _)
        ));
        // Text either side of the column starts, more blocks on the line.
        assert!(matches!(
            cut(&line("2.1   That liaison between   Ann Lee"), &cols, 2),
            Cut::Cells(_)
        ));
    }
}
