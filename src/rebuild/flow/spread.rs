//! Lead cells printed after the rows they cover.
//!
//! Why: where a dump prints a page column by column (it printed the ref
//! column as a run of bare numbers), a lead cell merged down several rows
//! comes out beside the middle or the end of those rows, not the first. So
//! the walk finds rows with no lead followed by a row that got one or more
//! lead cells. The cells belong to the run of lead-less rows of the same
//! finding up to that row, in order: with no positions to go by, they are
//! spread evenly over it, and the rows after each inherit it as usual.

use super::anchors::major;
use super::walk::Row;

/// The group a row belongs to: its ref's first number, else its finding.
fn group(r: &Row) -> (Option<u32>, Option<usize>) {
    match r.ref_.as_deref().filter(|x| x.contains('.')) {
        Some(x) => (Some(major(x)), None),
        None => (None, r.finding),
    }
}

/// Move lead cells back over the lead-less rows before the row that got
/// them (see the module doc).
pub(super) fn spread_leads(rows: &mut [Row]) {
    // Rows a spread cell already covers (they inherit it): a later cell
    // never reaches back over them.
    let mut covered = page_top_runs(rows);
    for i in 1..rows.len() {
        let Some(start) = leadless_run(rows, &covered, i) else {
            continue;
        };
        let (prev, this) = (rows.get(i - 1).map(group), rows.get(i).map(group));
        let same = prev == this;
        // Across groups only numbered rows are trusted to be in page order
        // (rows without refs are printed wherever their boxes fall).
        let numbered = |g: Option<(Option<u32>, Option<usize>)>| g.is_some_and(|g| g.0.is_some());
        if !(same || (numbered(prev) && numbered(this))) {
            continue;
        }
        let Some(r) = rows.get_mut(i) else {
            continue;
        };
        let mut cells = std::mem::take(&mut r.lead);
        let end = if same {
            i + 1
        } else {
            // A row of a new group keeps its own (last) cell.
            if let Some(own) = cells.pop() {
                r.lead.push(own);
            }
            i
        };
        let n = end - start;
        let k = cells.len();
        for (j, cell) in cells.into_iter().enumerate() {
            if let Some(t) = rows.get_mut(start + j * n / k.max(1)) {
                t.lead.push(cell);
            }
        }
        for c in covered.iter_mut().take(end).skip(start) {
            *c = true;
        }
    }
}

/// Rows at the top of a page that go on with the group of the row before
/// the break, up to the first with a lead cell: a merged lead cell split by
/// the break leaves them blank, and they inherit it.
fn page_top_runs(rows: &[Row]) -> Vec<bool> {
    let mut covered = vec![false; rows.len()];
    let mut open = false;
    for i in 0..rows.len() {
        let (Some(r), prev) = (rows.get(i), i.checked_sub(1).and_then(|j| rows.get(j))) else {
            continue;
        };
        let same = prev.is_some_and(|p| group(p) == group(r));
        open = r.lead.is_empty() && same && (open || r.page_top);
        if let Some(c) = covered.get_mut(i) {
            *c = open;
        }
    }
    covered
}

/// Where row `i` got lead cells and the rows just before it, of one group
/// and not covered yet, got none: the first of those rows.
fn leadless_run(rows: &[Row], covered: &[bool], i: usize) -> Option<usize> {
    let free = |j: usize| {
        rows.get(j).is_some_and(|r| r.lead.is_empty()) && !covered.get(j).copied().unwrap_or(true)
    };
    let row = rows.get(i)?;
    let prev = rows.get(i.checked_sub(1)?)?;
    if row.lead.is_empty() || !free(i - 1) {
        return None;
    }
    let g = group(prev);
    let mut start = i - 1;
    while let Some(j) = start.checked_sub(1)
        && free(j)
        && rows.get(j).is_some_and(|r| group(r) == g)
    {
        start = j;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(r: &str, lead: &[&str]) -> Row {
        Row {
            ref_: Some(r.to_string()),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn leads(rows: &[Row]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.lead.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn cells_go_back_over_the_rows_they_cover() {
        let mut rows = vec![
            row("1.1", &["A"]),
            row("1.2", &[]),
            row("1.3", &["B"]),
            row("1.4", &[]),
        ];
        spread_leads(&mut rows);
        assert_eq!(leads(&rows), vec![vec!["A"], vec!["B"], vec![], vec![]]);

        let mut rows: Vec<Row> = (1..=4).map(|n| row(&format!("2.{n}"), &[])).collect();
        rows.push(row("2.5", &["C", "D"]));
        rows.push(row("2.6", &[]));
        spread_leads(&mut rows);
        let l = leads(&rows);
        assert_eq!(l.first(), Some(&vec!["C"]));
        assert_eq!(l.iter().filter(|c| c.as_slice() == ["D"]).count(), 1);
    }

    #[test]
    fn a_later_cell_does_not_reach_over_covered_rows() {
        let mut rows = vec![
            row("1.1", &[]),
            row("1.2", &["A"]),
            row("1.3", &[]),
            row("1.4", &["B"]),
        ];
        spread_leads(&mut rows);
        assert_eq!(leads(&rows), vec![vec!["A"], vec![], vec!["B"], vec![]]);
    }

    #[test]
    fn rows_at_a_page_top_keep_the_cell_from_the_page_before() {
        let mut rows = vec![row("1.1", &["A"]), row("1.2", &[]), row("1.3", &["B"])];
        rows[1].page_top = true;
        spread_leads(&mut rows);
        assert_eq!(leads(&rows), vec![vec!["A"], vec![], vec!["B"]]);
    }

    #[test]
    fn a_new_group_keeps_its_own_cell() {
        let mut rows = vec![
            row("3.1", &["A"]),
            row("4.1", &[]),
            row("4.2", &[]),
            row("5.1", &["B", "C"]),
        ];
        spread_leads(&mut rows);
        assert_eq!(leads(&rows), vec![vec!["A"], vec!["B"], vec![], vec!["C"]]);
    }
}
