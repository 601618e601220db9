//! Table exports: a Word document saved or copied out as text.
//!
//! Two table layouts occur in real exports, and a file may mix them with
//! plain paragraphs:
//! - *row per line*: each table row on one line, cells separated by tabs,
//!   paragraphs inside a cell as `<p>…</p>` fragments;
//! - *cell per line*: each cell starts on a line of its own with a leading
//!   tab, further lines of the cell follow without one, and rows are
//!   separated by blank lines.
//!
//! A table broken by a page shows a blank line and, usually, its header row
//! again. The repeat is marked as a header row and the row after the break
//! is marked `page_break_before`, so the interpreter can join a row split by
//! the break. Everything else (which row is the header, which column holds
//! what) is the interpreter's business.

use crate::model::{Block, Cell, Paragraph, Provenance, Row, Table};

use super::markup::{self, Piece};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Row-per-line: tabs between cells.
    RowLine(usize),
    /// Cell-per-line: a leading tab and no other.
    CellLine,
    Plain,
}

/// Most cells a row-per-line row has.
const MAX_ROW_CELLS: usize = 1_024;

fn classify(line: &str) -> Kind {
    if line.trim().is_empty() && !line.contains('\t') {
        return Kind::Blank;
    }
    let tabs = line.matches('\t').count();
    let leading = line.trim_start_matches(' ').starts_with('\t');
    match tabs {
        0 => Kind::Plain,
        // Wider than any table (HTML, sheet and grid tables stop at the
        // same width): a line of tabs, not a row. Why: each cell of a row is
        // a model cell of some 100 bytes, and two rows of 2 million tabs
        // took 868 MiB.
        n if n >= MAX_ROW_CELLS => Kind::Plain,
        1 if leading => Kind::CellLine,
        n => Kind::RowLine(n),
    }
}

/// Turn the lines of an export into blocks.
pub fn blocks(lines: &[&str]) -> Vec<Block> {
    let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        crate::work::step(1);
        match kinds[i] {
            Kind::Blank => i += 1,
            Kind::RowLine(n) => {
                let (table, next) = row_table(lines, &kinds, i, n);
                match table {
                    Some(t) => out.push(Block::Table(t)),
                    None => push_paragraphs(&mut out, lines[i], i),
                }
                i = next;
            }
            Kind::CellLine => {
                let (table, next) = cell_table(lines, &kinds, i);
                out.push(Block::Table(table));
                i = next;
            }
            Kind::Plain => {
                push_paragraphs(&mut out, lines[i], i);
                i += 1;
            }
        }
    }
    out
}

fn push_paragraphs(out: &mut Vec<Block>, line: &str, idx: usize) {
    for p in to_paragraphs(&markup::pieces(line), idx) {
        out.push(Block::Paragraph(p));
    }
}

fn to_paragraphs(pieces: &[Piece], idx: usize) -> Vec<Paragraph> {
    pieces
        .iter()
        .map(|p| Paragraph {
            text: p.text.clone(),
            list: p.list.then_some(0),
            ..Paragraph::new("", Provenance::line(idx as u32 + 1))
        })
        .collect()
}

/// Skip blank lines from `i`; return the index of the next non-blank line
/// and how many blanks were skipped.
fn skip_blanks(kinds: &[Kind], mut i: usize) -> (usize, usize) {
    let start = i;
    while i < kinds.len() && kinds[i] == Kind::Blank {
        i += 1;
    }
    (i, i - start)
}

/// A run of row-per-line rows with the same tab count, across blank lines
/// (page breaks). A lone tabbed line is not a table (Word puts a tab after
/// a heading's number), so one row gives None.
fn row_table(lines: &[&str], kinds: &[Kind], start: usize, tabs: usize) -> (Option<Table>, usize) {
    let mut rows = Vec::new();
    let mut i = start;
    let mut after_break = false;
    let mut adjacent = false;
    loop {
        crate::work::step(1);
        let cells = lines[i].split('\t').enumerate().map(|(c, raw)| {
            let mut cell = Cell::new(c, to_paragraphs(&markup::pieces(raw), i));
            cell.at = Provenance::line(i as u32 + 1);
            cell
        });
        rows.push(Row {
            cells: cells.collect(),
            header: false,
            page_break_before: after_break,
            at: Provenance::line(i as u32 + 1),
        });
        i += 1;
        let (next, blanks) = skip_blanks(kinds, i);
        if next < lines.len() && kinds[next] == Kind::RowLine(tabs) {
            after_break = blanks > 0;
            adjacent |= blanks == 0;
            i = next;
        } else {
            break;
        }
    }
    // Rows of a row-per-line table sit on consecutive lines; blank lines
    // only mark page breaks. Tabbed lines that are *all* blank-separated are
    // headings with a tab after their number ("9.\tAppendices", blank,
    // "9.A\tContext"), not a table.
    if rows.len() < 2 || !adjacent {
        return (None, start + 1);
    }
    (Some(finish(rows, tabs + 1)), i)
}

/// A run of cell-per-line rows: rows separated by at most two blank lines.
fn cell_table(lines: &[&str], kinds: &[Kind], start: usize) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut i = start;
    loop {
        let (row, next) = cell_row(lines, kinds, i);
        rows.push(row);
        let (after, blanks) = skip_blanks(kinds, next);
        if after < lines.len() && kinds[after] == Kind::CellLine && blanks <= 2 {
            i = after;
        } else {
            i = next;
            break;
        }
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut rows = join_split_rows(rows, width);
    for row in &mut rows {
        spread_short_row(row, width);
    }
    (finish(rows, width), i)
}

/// A blank line inside a cell (an empty paragraph in Word) reads like a row
/// break in a cell-per-line export, cutting one row into two short ones. Two
/// neighbouring short rows whose cells add up to exactly the table's width
/// are one row: the second continues the first.
fn join_split_rows(rows: Vec<Row>, width: usize) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut last_was_join = false;
    for row in rows {
        if let Some(prev) = out.last_mut() {
            let (a, b) = (prev.cells.len(), row.cells.len());
            if !last_was_join && a < width && b < width && a + b == width && a > 0 {
                for mut cell in row.cells {
                    cell.col += a;
                    prev.cells.push(cell);
                }
                last_was_join = true;
                continue;
            }
        }
        last_was_join = false;
        out.push(row);
    }
    out
}

/// A row with fewer cells than the table is wide is a row of spanning cells
/// (a merged title row, or a header whose cells each cover a column group:
/// "Income 2021/22" over item and amount). Where every cell has text and
/// the cells divide the width evenly, spread them over it, as Word stores
/// them. Rows with empty trailing cells are left alone: the export printed
/// those cells, so their widths are unknown.
fn spread_short_row(row: &mut Row, width: usize) {
    let n = row.cells.len();
    if n == 0 || n >= width || !width.is_multiple_of(n) || row.cells.iter().any(|c| c.is_empty()) {
        return;
    }
    let span = width / n;
    for (k, cell) in row.cells.iter_mut().enumerate() {
        cell.col = k * span;
        cell.col_span = span;
    }
}

/// One cell-per-line row: from a tab line up to the next empty line. A line
/// of spaces followed by another cell is an empty paragraph inside the cell
/// (Word writes one for a blank paragraph), not the end of the row.
fn cell_row(lines: &[&str], kinds: &[Kind], start: usize) -> (Row, usize) {
    let mut cells: Vec<Cell> = Vec::new();
    let mut i = start;
    while i < lines.len() && (kinds[i] != Kind::Blank || spacer_in_row(lines, kinds, i)) {
        let line = lines[i];
        let pieces = markup::pieces(line);
        if kinds[i] == Kind::CellLine || cells.is_empty() {
            let mut cell = Cell::new(cells.len(), to_paragraphs(&pieces, i));
            cell.at = Provenance::line(i as u32 + 1);
            cells.push(cell);
        } else if let Some(cell) = cells.last_mut() {
            cell.paragraphs.extend(to_paragraphs(&pieces, i));
        }
        i += 1;
    }
    let row = Row {
        cells,
        at: Provenance::line(start as u32 + 1),
        ..Default::default()
    };
    (row, i)
}

/// A whitespace-only (not empty) line between two cell lines of a row.
fn spacer_in_row(lines: &[&str], kinds: &[Kind], i: usize) -> bool {
    kinds.get(i) == Some(&Kind::Blank)
        && lines.get(i).is_some_and(|l| !l.is_empty())
        && kinds.get(i + 1) == Some(&Kind::CellLine)
}

/// Mark repeats of the first row as header rows (a table's header printed
/// again after a page break) and the row after each repeat as following a
/// page break.
fn finish(mut rows: Vec<Row>, columns: usize) -> Table {
    let key = |r: &Row| -> Vec<String> { r.cells.iter().map(|c| c.text()).collect() };
    let first = key(&rows[0]);
    let first_nonempty = first.iter().filter(|t| !t.is_empty()).count() >= 2;
    let mut repeated = false;
    for r in 1..rows.len() {
        if first_nonempty && key(&rows[r]) == first {
            rows[r].header = true;
            repeated = true;
            if let Some(next) = rows.get_mut(r + 1) {
                next.page_break_before = true;
            }
        }
    }
    if repeated {
        rows[0].header = true;
    }
    let at = rows[0].at;
    Table {
        rows,
        columns,
        pages: Vec::new(),
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(src: &str) -> Vec<Table> {
        let lines: Vec<&str> = src.lines().collect();
        blocks(&lines)
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// Invented: rows as wide as a table gets are rows; lines of more tabs
    /// than that are text (two such lines of 2 million tabs made 4 million
    /// model cells, 868 MiB).
    #[test]
    fn a_line_wider_than_any_table_is_not_a_row() {
        let row = |n: usize| format!("a{}b\n", "\t".repeat(n));
        let wide = row(MAX_ROW_CELLS - 1).repeat(2);
        assert_eq!(
            tables(&wide).first().map(|t| t.columns),
            Some(MAX_ROW_CELLS)
        );
        assert!(tables(&row(MAX_ROW_CELLS).repeat(2)).is_empty());
        assert!(tables(&row(200_000).repeat(2)).is_empty());
    }

    #[test]
    fn row_per_line_with_repeated_header() {
        let src = "Title\n\nRef\tArea\tLead\n1\tA\tX\n\t<p>a1</p><p>a2</p>\tY\n\nRef\tArea\tLead\n\tcont\t\n2\tB\tZ\n";
        let t = &tables(src)[0];
        assert_eq!(t.columns, 3);
        assert_eq!(t.rows.len(), 6);
        assert!(t.rows[0].header && t.rows[3].header);
        assert!(t.rows[4].page_break_before);
        assert_eq!(t.rows[2].cells[1].paragraphs.len(), 2);
        assert_eq!(t.rows[1].at.line, Some(4));
    }

    #[test]
    fn cell_per_line_rows() {
        let src = "\tACTION\n\tLEAD\n\n\tDo it\n\tAnn Smith\nand Bob Jones\n\n\n\n\nAfter\n";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[1].text(), "Ann Smith\nand Bob Jones");
    }

    #[test]
    fn space_line_inside_a_cell_row_does_not_end_it() {
        let src = "\tACTION\n\tLEAD\n\tOUTCOME\n\n\tDo it\n\tAnn Smith\n \n\tBetter\n\n";
        let t = &tables(src)[0];
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells.len(), 3);
        assert_eq!(t.rows[1].cells[2].text(), "Better");
    }

    #[test]
    fn blank_separated_tabbed_headings_are_paragraphs() {
        let src = " 9.\tAppendices\n\n9.A\tContext\n\nText\n";
        let lines: Vec<&str> = src.lines().collect();
        let b = blocks(&lines);
        assert_eq!(b.len(), 3);
        assert!(b.iter().all(|b| matches!(b, Block::Paragraph(_))));
    }

    #[test]
    fn row_split_by_blank_line_in_cell_is_joined_and_header_spread() {
        let src = "\tIncome\n\tSpend\n\n\tA\n\t1\n\tB\n\t2\n\n\t \n\t \n\tC\n\n\t3\n\n\tTotal\n\t1\n\t \n\t5\n";
        let t = &tables(src)[0];
        assert_eq!(t.columns, 4);
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[0].cells[1].col, 2);
        assert_eq!(t.rows[0].cells[1].col_span, 2);
        assert_eq!(t.cell_at(2, 3).map(|c| c.text()), Some("3".to_string()));
        assert_eq!(t.rows[3].cells.len(), 4);
    }

    #[test]
    fn lone_tabbed_heading_is_a_paragraph() {
        let src = "Intro\n4.1\tOverview of the Partnership\nText\n";
        let lines: Vec<&str> = src.lines().collect();
        let b = blocks(&lines);
        assert!(b.iter().all(|b| matches!(b, Block::Paragraph(_))));
        assert!(
            matches!(&b[1], Block::Paragraph(p) if p.text == "4.1\tOverview of the Partnership")
        );
    }
}
