//! Pages into blocks, joining a table continued across a page break.
//!
//! A table at the foot of one page continues at the head of the next when
//! nothing else comes between them and the column edges agree (within
//! [`PDF.snap`] points each). The continuation's leading rows that repeat
//! the table's first rows (a repeated header) are dropped; its first row is
//! marked `page_break_before`; and a row cut by the break (the table's
//! bottom left open, no closing rule) is joined back cell by cell.

use crate::model::{Block, Table};

use super::interp::FontCache;
use super::layout::{self, Item, PageTable};
use super::settings::PDF;
use super::text::Para;

/// The table a page ended with, kept open for the next page.
struct Open {
    idx: usize,
    xs: Vec<f32>,
    page: u32,
    open_bottom: bool,
    /// The foot row ended on its page ([`PageTable::foot_whole`]).
    whole: bool,
    borderless: bool,
    /// Per column, the last paragraph of the cell at the table's foot:
    /// (right end of its last line, the cell's wrap edge, size); the edge
    /// is infinite when the paragraph ends a sentence.
    tail: Vec<Option<(f32, f32, f32)>>,
}

/// The foot of a page table, column by column (see [`Open::tail`]).
fn tail(t: &PageTable) -> Vec<Option<(f32, f32, f32)>> {
    let g = &t.grid;
    let mut out = vec![None; g.cols()];
    for (cell, paras) in g.cells.iter().zip(&t.cells) {
        if cell.r1 != g.rows() || cell.c1 != cell.c0 + 1 {
            continue;
        }
        let Some(p) = paras.iter().rev().find(|p| !p.text.trim().is_empty()) else {
            continue;
        };
        // A cell ending a sentence reads as whole: its line never wraps.
        // So does one whose text stops well above the foot of its cell:
        // text cut by the page break runs down to the foot of the page.
        let foot = g.ys.get(cell.r1).copied().unwrap_or(f32::MAX);
        let ended = p.text.trim_end().ends_with(['.', '!', '?', ':', ';'])
            || foot - p.bottom > PDF.ended_above * p.size.max(1.0);
        // The wrap edge: a cell's padding in from its rule; in a
        // borderless table the next column's edge is where its text
        // starts, a padding on each side of the cells' meeting further on
        // (the last column's edge is where its text ends).
        let edge = g.xs.get(cell.c1).copied().unwrap_or(0.0);
        let right = if ended {
            f32::MAX
        } else if !t.borderless {
            edge - PDF.cell_pad
        } else if cell.c1 < g.cols() {
            edge - 2.0 * PDF.cell_pad
        } else {
            edge
        };
        if let Some(slot) = out.get_mut(cell.c0) {
            *slot = Some((p.last_x1, right, p.size));
        }
    }
    out
}

/// Did the page break cut the foot row of the table above `piece`? Its
/// cells' last lines each wrapped: in every column (two or more) with text
/// on both sides, the first word of `piece` would not have fitted after
/// the last line above (the rule [`super::text::paragraphs`] uses for a
/// wrap), and no such cell above ends a sentence. A row that ended has at
/// least one cell whose last line had room. But a cell of several
/// paragraphs (a list of leads) may be cut between two of them, leaving
/// room: so a column whose text runs on in lower case after a wrapped,
/// unended line (a sentence cut mid-way) is enough, unless a cell above
/// ended. `head` is the first row of `piece` after the header rows it
/// repeats.
fn wraps_across(tail: &[Option<(f32, f32, f32)>], piece: &PageTable, head: usize) -> bool {
    let (wraps, room, runs_on, ended) = wrap_counts(tail, piece, head);
    !ended && (runs_on || (!room && wraps >= 2))
}

/// Over the first row of `piece` below its repeated header (`head`), the
/// columns whose text would have wrapped from the foot above, whether one
/// had room, whether one runs on in lower case, and whether a cell above
/// ended (a sentence, or text stopping well above the foot).
fn wrap_counts(
    tail: &[Option<(f32, f32, f32)>],
    piece: &PageTable,
    head: usize,
) -> (usize, bool, bool, bool) {
    let mut ended = false;
    let g = &piece.grid;
    let mut wraps = 0;
    let mut room = false;
    let mut runs_on = false;
    for (cell, paras) in g.cells.iter().zip(&piece.cells) {
        if cell.r0 != head || cell.c1 != cell.c0 + 1 {
            continue;
        }
        let Some(p) = paras.iter().find(|p| !p.text.trim().is_empty()) else {
            continue;
        };
        let Some(Some((x1, right, size))) = tail.get(cell.c0) else {
            continue;
        };
        if *right == f32::MAX {
            ended = true;
            continue;
        }
        let size = size.max(1.0);
        if x1 + 0.3 * size + p.first_w < right - 0.5 * size || p.bullet {
            room = true;
            continue;
        }
        wraps += 1;
        runs_on |= p.text.chars().next().is_some_and(char::is_lowercase);
    }
    (wraps, room, runs_on, ended)
}

/// Does a column's text run on over the break: a cell of `piece`'s row
/// `head` opening in lower case under a cell whose last line above did not
/// end a sentence? A sentence cut mid-way is a row cut by the break, even
/// when the row's text sits at the usual padding above its closing rule
/// (the break fell between two lines with room to spare).
fn runs_on(tail: &[Option<(f32, f32, f32)>], piece: &PageTable, head: usize) -> bool {
    piece
        .grid
        .cells
        .iter()
        .zip(&piece.cells)
        .filter(|(cell, _)| cell.r0 == head && cell.c1 == cell.c0 + 1)
        .any(|(cell, paras)| {
            let unended =
                matches!(tail.get(cell.c0), Some(Some((_, right, _))) if *right < f32::MAX);
            unended
                && paras
                    .iter()
                    .find(|p| !p.text.trim().is_empty())
                    .and_then(|p| p.text.chars().next())
                    .is_some_and(char::is_lowercase)
        })
}

pub fn blocks(
    pages: Vec<Vec<Item>>,
    fonts: &FontCache,
    mut para: impl FnMut(&Para, u32) -> Block,
) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Open> = None;
    for (pi, items) in pages.into_iter().enumerate() {
        let page = pi as u32 + 1;
        let n = items.len();
        let mut next_open = None;
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Item::Para(p) => out.push(para(&p, page)),
                Item::Table(t) => {
                    let mut cont = if i == 0 { open.take() } else { None };
                    if let Some(o) = cont.as_mut()
                        && !o.open_bottom
                        && let Some(Block::Table(prev)) = out.get(o.idx)
                        && wraps_across(
                            &o.tail,
                            &t,
                            repeated_header(prev, &layout::to_table(&t, 0, fonts)),
                        )
                    {
                        o.open_bottom = true;
                    }
                    let idx = match cont {
                        Some(o)
                            if o.page + 1 == page
                                && same_columns(
                                    &o.xs,
                                    &t.grid.xs,
                                    o.borderless && t.borderless,
                                )
                                && matches!(out.get(o.idx), Some(Block::Table(prev))
                                    if continues(prev, &t, o.open_bottom, fonts)) =>
                        {
                            if let Some(Block::Table(prev)) = out.get_mut(o.idx) {
                                let head = repeated_header(prev, &layout::to_table(&t, 0, fonts));
                                let cut = (o.open_bottom || t.grid.open_top)
                                    && !opens_outline_item(&t, head);
                                let brk = if cut {
                                    Break::Cut
                                } else if o.whole
                                    && !o.open_bottom
                                    && !t.grid.open_top
                                    && !runs_on(&o.tail, &t, head)
                                {
                                    Break::Between
                                } else {
                                    Break::Unknown
                                };
                                append(prev, &t, page, brk, fonts);
                            }
                            o.idx
                        }
                        _ => {
                            out.push(Block::Table(layout::to_table(&t, page, fonts)));
                            out.len() - 1
                        }
                    };
                    if i + 1 == n {
                        next_open = Some(Open {
                            idx,
                            xs: t.grid.xs.clone(),
                            page,
                            open_bottom: t.grid.open_bottom,
                            whole: t.foot_whole,
                            borderless: t.borderless,
                            tail: tail(&t),
                        });
                    }
                }
            }
        }
        open = next_open;
    }
    out
}

/// Does a cell of row `head` of `piece` open with an outline number
/// ("15.3 Review…")? Such a row starts a numbered item of its own, so the
/// row above ended on its page even when its text sits tight on the foot
/// (a merged cell beside it running over the break pulls the row down to
/// the page end). A row cut mid-list resumes with plain text or a one-level
/// number ("2. …"), which this leaves alone.
fn opens_outline_item(piece: &PageTable, head: usize) -> bool {
    piece
        .grid
        .cells
        .iter()
        .zip(&piece.cells)
        .filter(|(cell, _)| cell.r0 == head && cell.c1 == cell.c0 + 1)
        .filter_map(|(_, paras)| paras.iter().find(|p| !p.text.trim().is_empty()))
        .any(|p| outline_number(p.text.trim_start()))
}

/// "15.3 Text", "2.1.4 Text": two or more dotted number parts, then a
/// space and a capitalised word (not "20.5 million").
fn outline_number(text: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = head.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        && text[head.len()..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Column edges agree. A borderless table's right edge is where its
/// longest line ends, which varies by page, so it is not compared.
fn same_columns(a: &[f32], b: &[f32], borderless: bool) -> bool {
    let n = if borderless {
        a.len().saturating_sub(1)
    } else {
        a.len()
    };
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .take(n)
            .all(|(x, y)| (x - y).abs() <= PDF.snap)
}

fn row_texts(t: &Table, r: usize) -> Vec<(usize, String)> {
    t.rows
        .get(r)
        .map(|row| row.cells.iter().map(|c| (c.col, c.text())).collect())
        .unwrap_or_default()
}

/// Leading rows of `cont` that repeat the first rows of `prev`.
fn repeated_header(prev: &Table, cont: &Table) -> usize {
    let mut k = 0;
    while k < cont.rows.len() && k < prev.rows.len() && k < 4 {
        let a = row_texts(prev, k);
        if a.iter().all(|(_, t)| t.is_empty()) || a != row_texts(cont, k) {
            break;
        }
        k += 1;
    }
    k
}

/// Does `piece` carry on `prev`? Either it repeats `prev`'s header rows (how
/// word processors mark a continued table), or the break cut a row (the
/// foot of `prev` or the head of `piece` has no closing rule). Two tables
/// with the same columns that merely meet at a page break stay apart.
fn continues(prev: &Table, piece: &PageTable, open_bottom: bool, fonts: &FontCache) -> bool {
    if open_bottom || piece.grid.open_top {
        return true;
    }
    let cont = layout::to_table(piece, 0, fonts);
    if repeated_header(prev, &cont) > 0 {
        return true;
    }
    // No repeated header. A new table with the same layout starts with a
    // row shaped and set like the first row of `prev` (a bold heading row,
    // another theme); anything else carries on.
    !(same_shape(prev, &cont) && bold_row(prev) && bold_row(&cont))
}

fn same_shape(a: &Table, b: &Table) -> bool {
    let shape = |t: &Table| -> Vec<(usize, usize)> {
        t.rows
            .first()
            .map(|r| r.cells.iter().map(|c| (c.col, c.col_span)).collect())
            .unwrap_or_default()
    };
    shape(a) == shape(b)
}

/// The first row's text is all bold (how header and section rows are set).
fn bold_row(t: &Table) -> bool {
    let Some(r) = t.rows.first() else {
        return false;
    };
    let mut any = false;
    for p in r.cells.iter().flat_map(|c| &c.paragraphs) {
        if p.text.trim().is_empty() {
            continue;
        }
        if !p.style.bold {
            return false;
        }
        any = true;
    }
    any
}

/// Where the page break fell in a table, as far as its geometry tells.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Break {
    /// Through a row: the continuation's first row is joined back.
    Cut,
    /// Between rows: the row above was whole on its page, so the
    /// continuation's first row starts afresh, whatever it prints (a row
    /// with no ref of its own is still a new row).
    Between,
    /// Unknown: the continuation's first row is marked
    /// `page_break_before` for the interpreter to decide.
    Unknown,
}

/// Append a continuation piece to `prev`.
fn append(prev: &mut Table, piece: &PageTable, page: u32, brk: Break, fonts: &FontCache) {
    let mut cont = layout::to_table(piece, page, fonts);
    let k = repeated_header(prev, &cont);
    cont.rows.drain(..k);
    // Rows repeated at the head of each page are header rows (what DOCX
    // marks `tblHeader`): the first copy stays, marked, and repeats go.
    for r in prev.rows.iter_mut().take(k) {
        r.header = true;
    }
    if cont.rows.is_empty() {
        return;
    }
    if !prev.pages.contains(&page) {
        prev.pages.push(page);
    }
    if brk == Break::Cut && !prev.rows.is_empty() {
        // The break is resolved here: the row is whole again, so no row
        // is left to be marked as carrying on the one above.
        join_split_row(prev, &mut cont);
    } else {
        if !prev.rows.is_empty() {
            continue_merged_cells(prev, &mut cont);
        }
        if let Some(first) = cont.rows.first_mut() {
            first.page_break_before = brk == Break::Unknown;
        }
    }
    prev.columns = prev.columns.max(cont.columns);
    prev.rows.extend(cont.rows);
}

/// A vertically merged cell that runs into the foot of a page is printed
/// again, empty, at the head of the next: an empty cell in the
/// continuation's first row, in the same columns as a cell of `prev` that
/// already spans rows down to the break, is that cell going on. It is
/// dropped and the cell above spans its rows too, as in the source table.
/// An empty cell under a one-row cell stays (it may be a genuinely blank
/// cell, or the tail of a row cut by the break: the interpreter decides).
fn continue_merged_cells(prev: &mut Table, cont: &mut Table) {
    let last = prev.rows.len() - 1;
    let slots = prev.slots();
    let Some(first) = cont.rows.first_mut() else {
        return;
    };
    let mut grow: Vec<(usize, usize, usize)> = Vec::new();
    first.cells.retain(|cell| {
        if !cell.is_empty() {
            return true;
        }
        let (r, i) = match slots.get(last).and_then(|row| row.get(cell.col)) {
            Some(crate::model::Slot::Origin(r, i)) | Some(crate::model::Slot::Covered(r, i)) => {
                (*r, *i)
            }
            _ => return true,
        };
        let above = prev.rows.get(r).and_then(|row| row.cells.get(i));
        let merged = above.is_some_and(|a| {
            r < last
                && a.col == cell.col
                && a.col_span == cell.col_span
                && r + a.row_span == last + 1
        });
        if merged {
            grow.push((r, i, cell.row_span.max(1)));
        }
        !merged
    });
    for (r, i, n) in grow {
        if let Some(c) = prev.rows.get_mut(r).and_then(|row| row.cells.get_mut(i)) {
            c.row_span += n;
        }
    }
}

/// The continuation's first row carries on the last row of `prev`: each of
/// its cells' paragraphs go to the cell of `prev` covering that column in
/// the last row, whose span grows by the continuation cell's extra rows.
fn join_split_row(prev: &mut Table, cont: &mut Table) {
    let last = prev.rows.len() - 1;
    let first = cont.rows.remove(0);
    let slots = prev.slots();
    for cell in first.cells {
        let owner = slots.get(last).and_then(|r| r.get(cell.col)).copied();
        let (r, i) = match owner {
            Some(crate::model::Slot::Origin(r, i)) | Some(crate::model::Slot::Covered(r, i)) => {
                (r, i)
            }
            _ => {
                // Nothing above: keep the cell as a cell of the last row.
                if let Some(row) = prev.rows.get_mut(last) {
                    row.cells.push(crate::model::Cell { ..cell });
                    row.cells.sort_by_key(|c| c.col);
                }
                continue;
            }
        };
        let (r, i) = above_if_empty(prev, &slots, last, cell.col).unwrap_or((r, i));
        if let Some(target) = prev.rows.get_mut(r).and_then(|row| row.cells.get_mut(i)) {
            let mut more: Vec<_> = cell
                .paragraphs
                .into_iter()
                .filter(|p| !p.text.trim().is_empty())
                .collect();
            // A paragraph cut mid-sentence by the break goes on in the first
            // paragraph of the continuation.
            if let Some(last) = target.paragraphs.last_mut()
                && let Some(next) = more.first()
                && !last.text.trim().is_empty()
                && !last.text.trim_end().ends_with(['.', '!', '?', ':', ';'])
                && next.list.is_none()
            {
                if !last.text.ends_with('-') {
                    last.text.push(' ');
                }
                last.text.push_str(&next.text);
                more.remove(0);
            }
            target.paragraphs.extend(more);
            target.row_span += cell.row_span.saturating_sub(1);
        }
    }
}

/// The cell text cut by the break goes on in, when the cell of the last row
/// in `col` is empty: an empty cell was not cut (a row's cells start at its
/// top), so the text is that of the cell above it running on, unended
/// (a spanning cell a borderless table's rows split in two).
fn above_if_empty(
    prev: &Table,
    slots: &[Vec<crate::model::Slot>],
    last: usize,
    col: usize,
) -> Option<(usize, usize)> {
    use crate::model::Slot;
    let owner = |row: usize| match slots.get(row).and_then(|s| s.get(col)) {
        Some(Slot::Origin(r, i)) | Some(Slot::Covered(r, i)) => Some((*r, *i)),
        _ => None,
    };
    let cell = |(r, i): (usize, usize)| prev.rows.get(r).and_then(|row| row.cells.get(i));
    let here = owner(last)?;
    if !cell(here)?.is_empty() {
        return None;
    }
    let up = owner(here.0.checked_sub(1)?)?;
    let text = cell(up)?.text();
    let text = text.trim_end();
    (cell(up)?.col == col && !text.is_empty() && !text.ends_with(['.', '!', '?', ':', ';']))
        .then_some(up)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Paragraph, Row};

    fn cell(col: usize, text: &str) -> Cell {
        Cell {
            col,
            col_span: 1,
            row_span: 1,
            paragraphs: if text.is_empty() {
                Vec::new()
            } else {
                vec![Paragraph {
                    text: text.to_string(),
                    ..Default::default()
                }]
            },
            ..Default::default()
        }
    }

    #[test]
    fn outline_numbers() {
        assert!(outline_number("15.3 HIDVA funding is in place"));
        assert!(outline_number("2.2. Improve"));
        assert!(outline_number("1.2.3 Do"));
        assert!(!outline_number("2. Then the second item"));
        assert!(!outline_number("20.5 million"));
        assert!(!outline_number("3.5"));
        assert!(!outline_number("Q2 2020/21"));
        assert!(!outline_number("29.04.2020 meeting"));
    }

    fn row(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            ..Default::default()
        }
    }

    fn para(text: &str, first_w: f32) -> Para {
        Para {
            text: text.to_string(),
            size: 10.0,
            font: 0,
            bold: false,
            bold_prefix: 0,
            bullet: false,
            top: 0.0,
            bottom: 10.0,
            x0: 0.0,
            last_x1: 0.0,
            first_w,
            hyphen_breaks: Vec::new(),
            word_breaks: Vec::new(),
            soft_breaks: Vec::new(),
        }
    }

    fn piece(a: &str, b: &str) -> PageTable {
        let mut grid = crate::read::pdf::grid::Grid {
            xs: vec![0.0, 100.0, 200.0],
            ys: vec![0.0, 20.0],
            cells: (0..2)
                .map(|c| crate::read::pdf::grid::GridCell {
                    r0: 0,
                    r1: 1,
                    c0: c,
                    c1: c + 1,
                    fill: None,
                })
                .collect(),
            open_top: false,
            open_bottom: false,
            owner: Vec::new(),
        };
        grid.index();
        PageTable {
            grid,
            cells: vec![vec![para(a, 50.0)], vec![para(b, 20.0)]],
            nested: Vec::new(),
            borderless: false,
            foot_whole: false,
        }
    }

    #[test]
    fn a_sentence_running_on_in_lower_case_carries_the_row_over() {
        // The action's last line had no room for the next word; the leads
        // column had room, as its next lead is a paragraph of its own.
        let tail = vec![Some((80.0, 94.5, 10.0)), Some((130.0, 194.5, 10.0))];
        assert!(wraps_across(&tail, &piece("undertaken and", "Angela"), 0));
        assert!(!wraps_across(&tail, &piece("Undertaken and", "Angela"), 0));
        // A cell above that ended a sentence ends the row.
        let tail = vec![Some((80.0, 94.5, 10.0)), Some((130.0, f32::MAX, 10.0))];
        assert!(!wraps_across(&tail, &piece("undertaken and", "Angela"), 0));
    }

    #[test]
    fn lower_case_under_an_unended_line_runs_on_over_the_break() {
        // Column 0 stopped mid-sentence above; column 1 ended one.
        let tail = vec![Some((60.0, 94.5, 10.0)), Some((130.0, f32::MAX, 10.0))];
        assert!(runs_on(&tail, &piece("doctor and named", "Angela"), 0));
        assert!(!runs_on(&tail, &piece("Doctor and named", "angela"), 0));
        let ended = vec![Some((60.0, f32::MAX, 10.0)), None];
        assert!(!runs_on(&ended, &piece("doctor and named", "Angela"), 0));
    }

    #[test]
    fn a_cut_cell_goes_on_in_the_cell_above_an_empty_one() {
        // The finding ran on beside both actions, but its cell was read as
        // one row's; the empty cell under it was not cut by the break.
        let mut prev = Table {
            rows: vec![
                row(vec![cell(0, "The finding runs"), cell(1, "Act one.")]),
                row(vec![cell(0, ""), cell(1, "Act two is")]),
            ],
            columns: 2,
            ..Default::default()
        };
        let mut cont = Table {
            rows: vec![row(vec![cell(0, "on and ends."), cell(1, "cut here.")])],
            columns: 2,
            ..Default::default()
        };
        join_split_row(&mut prev, &mut cont);
        let text = |r: usize, c: usize| prev.rows[r].cells[c].text();
        assert_eq!(text(0, 0), "The finding runs on and ends.");
        assert_eq!(text(1, 0), "");
        assert_eq!(text(1, 1), "Act two is cut here.");
    }
}
