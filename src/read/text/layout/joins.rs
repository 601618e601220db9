//! Header repeats and page joins: a header printed again (within a table or
//! at the top of the next page) is marked as a header, and a table continued
//! over a page break is joined into the table it continues.

use crate::model::{Row, Table};

/// A row's text by column, white space ignored (a header wraps the same
/// way on every page, but its columns may shift by a character).
pub(super) fn row_key(r: &Row) -> String {
    r.cells
        .iter()
        .map(|c| {
            let t: String = c.text().chars().filter(|c| !c.is_whitespace()).collect();
            format!("{}:{t}", c.col)
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// A header row's text per grid column, white space removed.
pub(super) fn header_key(r: &Row, columns: usize) -> Vec<String> {
    let mut out = vec![String::new(); columns];
    for c in &r.cells {
        if let Some(slot) = out.get_mut(c.col) {
            *slot = c.text().chars().filter(|c| !c.is_whitespace()).collect();
        }
    }
    out
}

/// Repeats of the first row (a header printed again) are header rows.
pub(super) fn mark_header_repeats(rows: &mut [Row]) {
    let Some(first) = rows.first().map(row_key) else {
        return;
    };
    if rows
        .first()
        .is_none_or(|r| r.cells.iter().filter(|c| !c.is_empty()).count() < 2)
    {
        return;
    }
    let mut repeated = false;
    for r in rows.iter_mut().skip(1) {
        if row_key(r) == first {
            r.header = true;
            repeated = true;
        }
    }
    if repeated && let Some(r) = rows.first_mut() {
        r.header = true;
    }
}

/// Join `next` (the first table on a new page) onto `prev` (the table that
/// ended the previous page) when they have the same columns. Returns the
/// table back when it cannot be joined.
pub(super) fn join_tables(prev: &mut Table, mut next: Table, page: u32) -> Option<Table> {
    let head = prev.rows.first().map(row_key);
    let mut first_data = 0usize;
    if let (Some(h), Some(r)) = (head, next.rows.first_mut())
        && row_key(r) == h
    {
        r.header = true;
        if let Some(p) = prev.rows.first_mut() {
            p.header = true;
        }
        first_data = 1;
    }
    if let Some(r) = next.rows.get_mut(first_data) {
        r.page_break_before = true;
    }
    if let (Some(last), Some(r)) = (prev.rows.last_mut(), next.rows.get(first_data))
        && continues_row(last, r)
    {
        let r = next.rows.remove(first_data);
        carry_on(last, r);
    }
    prev.rows.append(&mut next.rows);
    prev.pages.push(page);
    None
}

/// Does `r`, the first row on a page, carry on `last`, the row the
/// previous page ended with (Word breaking a row over the page)? Both
/// plain rows of single cells; `r` opens its first column with text, and
/// that text, or the text of another of its cells, opens in lower case
/// where the first column's text above ends without a full stop. (A row
/// whose first column is empty there is left to the plan reader, which
/// knows whether the table numbers its rows.)
fn continues_row(last: &Row, r: &Row) -> bool {
    let plain = |row: &Row| !row.header && row.cells.iter().all(|c| c.col_span <= 1);
    if !plain(last) || !plain(r) {
        return false;
    }
    let Some(first) = r.cells.iter().find(|c| c.col == 0).map(|c| c.text()) else {
        return false;
    };
    let opens_lower = |t: &str| t.trim_start().starts_with(char::is_lowercase);
    if first.trim().is_empty() {
        return false;
    }
    if opens_lower(&first) {
        return true;
    }
    let above = last
        .cells
        .iter()
        .find(|c| c.col == 0)
        .map(|c| c.text())
        .unwrap_or_default();
    let ends_sentence = above.trim_end().ends_with(['.', '!', '?', ':', ';']);
    !above.trim().is_empty() && !ends_sentence && r.cells.iter().any(|c| opens_lower(&c.text()))
}

/// Append the cells of `r` to those of `last`, column by column: a cell
/// whose text runs on (opens in lower case, or the text above ends
/// without a full stop) goes on the last paragraph, else it adds
/// paragraphs.
fn carry_on(last: &mut Row, r: Row) {
    for c in r.cells {
        if c.is_empty() {
            continue;
        }
        match last.cells.iter_mut().find(|x| x.col == c.col) {
            Some(cell) => {
                let mut paras = c.paragraphs.into_iter();
                if let Some(p) = paras.next() {
                    match cell.paragraphs.last_mut() {
                        Some(lp)
                            if p.list.is_none()
                                && (p.text.starts_with(char::is_lowercase)
                                    || !lp
                                        .text
                                        .trim_end()
                                        .ends_with(['.', '!', '?', ':', ';'])) =>
                        {
                            lp.text = format!("{} {}", lp.text.trim_end(), p.text.trim_start());
                        }
                        _ => cell.paragraphs.push(p),
                    }
                }
                cell.paragraphs.extend(paras);
            }
            None => {
                let at = last
                    .cells
                    .iter()
                    .position(|x| x.col > c.col)
                    .unwrap_or(last.cells.len());
                last.cells.insert(at, c);
            }
        }
    }
}

/// How the columns of a table that opens a page line up with those of the
/// table the previous page ended with (columns as (start, end)): for each
/// of its columns, the index of the previous table's column, or `None`
/// when they do not line up.
///
/// pdftotext sets each page's left margin at its leftmost text and may
/// space a page's characters a little wider or narrower, so a column may
/// move between pages, all columns by about the same amount; and a page
/// may hold text in only some of the columns (empty progress columns, a
/// page of one long cell and its dates), which then read as a narrower
/// table. So: a shift that puts every column of `next` inside a distinct
/// column slot of `prev` (from its start to the next column's start), in
/// order, its start within `tol` of the slot's start; the smallest total
/// miss wins. A column is placed by where its text lies, not only by
/// where it starts, so a wide column is not taken for a narrow empty one
/// that starts near it.
/// Most columns two table parts are aligned over. Trying every shift
/// costs the column count to the fourth power; a plan's table has a dozen
/// columns, and a line cut into hundreds of blocks is not a table row (a
/// mutated 147 KB dump took 43 s here).
const MAX_ALIGNED_COLUMNS: usize = 64;

pub(super) fn align_columns(
    prev: &[(usize, usize)],
    next: &[(usize, usize)],
    tol: usize,
) -> Option<Vec<usize>> {
    if next.is_empty() || next.len() > prev.len() || prev.len() > MAX_ALIGNED_COLUMNS {
        return None;
    }
    let slots: Vec<(i64, i64)> = prev
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let end = prev.get(j + 1).map_or(p.1, |n| n.0);
            (p.0 as i64, end.max(p.1) as i64)
        })
        .collect();
    let mut best: Option<(i64, i64, Vec<usize>)> = None; // (miss, |shift|, map)
    for p in &slots {
        for n in next {
            let shift = p.0 - n.0 as i64;
            let Some((miss, map)) = place_with_shift(&slots, next, shift, tol as i64) else {
                continue;
            };
            let key = (miss, shift.abs());
            if best.as_ref().is_none_or(|(m, a, _)| key < (*m, *a)) {
                best = Some((key.0, key.1, map));
            }
        }
    }
    best.map(|(_, _, map)| map)
}

/// Each column of `next`, moved by `shift`, into the slot its text
/// overlaps most; the total miss of the starts, or `None` when a column
/// starts more than `tol` from its slot, runs more than `tol` past it, or
/// two columns land in one slot or out of order.
fn place_with_shift(
    slots: &[(i64, i64)],
    next: &[(usize, usize)],
    shift: i64,
    tol: i64,
) -> Option<(i64, Vec<usize>)> {
    let mut map = Vec::with_capacity(next.len());
    let mut miss = 0i64;
    for n in next {
        let (a, b) = (n.0 as i64 + shift, n.1 as i64 + shift);
        let (j, slot) = slots
            .iter()
            .enumerate()
            .max_by_key(|(_, s)| (b.min(s.1) - a.max(s.0), -(s.0 - a).abs()))?;
        let off = (a - slot.0).abs();
        if off > tol || b > slot.1 + tol || map.last().is_some_and(|&l| l >= j) {
            return None;
        }
        miss += off;
        map.push(j);
    }
    Some((miss, map))
}

/// Move a table's cells into the columns `map` gives them in a wider
/// table of `width` columns (see [`align_columns`]). A cell spanning to
/// the table's last column spans to the wider table's last column too.
pub(super) fn widen(t: &mut Table, map: &[usize], width: usize) {
    let last = t.columns.saturating_sub(1);
    for r in &mut t.rows {
        for c in &mut r.cells {
            let end = c.col + c.col_span.max(1) - 1;
            let from = map.get(c.col).copied().unwrap_or(c.col);
            let to = if end >= last && c.col_span > 1 {
                width.saturating_sub(1)
            } else {
                map.get(end).copied().unwrap_or(from)
            };
            c.col = from;
            c.col_span = to.saturating_sub(from) + 1;
        }
    }
    t.columns = width;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_over_a_shift_and_a_subset() {
        // The same columns, moved a little.
        let c = |v: &[usize], end: usize| -> Vec<(usize, usize)> {
            v.iter()
                .enumerate()
                .map(|(i, &s)| (s, v.get(i + 1).map_or(end, |n| n - 2)))
                .collect()
        };
        assert_eq!(
            align_columns(
                &c(&[0, 9, 55, 113, 140], 160),
                &c(&[0, 5, 49, 107, 129], 150),
                8
            ),
            Some(vec![0, 1, 2, 3, 4])
        );
        // Only the third and fourth columns, the page starting at the third.
        assert_eq!(
            align_columns(&c(&[0, 5, 51, 108, 134], 160), &c(&[0, 58], 72), 8),
            Some(vec![2, 3])
        );
        // The first columns of a wider table.
        assert_eq!(
            align_columns(
                &c(&[0, 41, 67, 101, 119, 137], 150),
                &c(&[0, 38, 66, 100], 115),
                8
            ),
            Some(vec![0, 1, 2, 3])
        );
        // A wide column is not the narrow empty one that starts near it.
        assert_eq!(
            align_columns(
                &c(&[0, 8, 101, 111, 119], 150),
                &c(&[0, 6, 99, 112], 140),
                8
            ),
            Some(vec![0, 1, 2, 4])
        );
        // Columns that fit no shift.
        assert_eq!(
            align_columns(&c(&[0, 40, 80], 100), &c(&[0, 10, 70], 100), 8),
            None
        );
        assert_eq!(
            align_columns(&c(&[0, 40], 60), &c(&[0, 20, 40], 60), 8),
            None
        );
        // A line cut into more blocks than a table has columns is not a
        // row to align (every shift tried would cost columns^4).
        let many: Vec<usize> = (0..=MAX_ALIGNED_COLUMNS).map(|k| k * 4).collect();
        let wide = c(&many, MAX_ALIGNED_COLUMNS * 4 + 4);
        assert_eq!(align_columns(&wide, &wide, 8), None);
        let fits = c(&many[..MAX_ALIGNED_COLUMNS], MAX_ALIGNED_COLUMNS * 4);
        assert!(align_columns(&fits, &fits, 8).is_some());
    }
}
