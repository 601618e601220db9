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
    prev.rows.append(&mut next.rows);
    prev.pages.push(page);
    None
}
