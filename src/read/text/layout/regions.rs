//! Where tables stand on a page: runs of aligned lines (with the margin,
//! indented and blank lines a table may hold) are regions; each is read as a
//! table or left to the prose reader.

use super::Item;
use super::columns::{Cut, columns, cut};
use super::joins::align_columns;
use super::line::{PLine, blocks_of};
use super::prose::paragraphs;
use super::rows::table;
use super::settings::LayoutSettings;
use super::text::Words;

/// What a line is, for finding table regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    /// Two or more blocks separated by a gutter.
    Aligned,
    /// One block, indented from the page's left margin.
    Indented,
    /// One block at the left margin.
    Margin,
}

pub(super) fn kind(line: &PLine, margin: usize, s: &LayoutSettings) -> Kind {
    let b = blocks_of(&line.chars, s.min_gutter);
    match b.as_slice() {
        [] => Kind::Blank,
        [(start, _)] if *start > margin => Kind::Indented,
        [_] => Kind::Margin,
        _ => Kind::Aligned,
    }
}

/// A page into paragraphs and tables.
pub(super) fn page_items(
    page: &[PLine],
    header: Option<&[String]>,
    open_cols: Option<&[(usize, usize)]>,
    s: &LayoutSettings,
    words: &Words,
) -> Vec<Item> {
    let margin = page
        .iter()
        .filter_map(|l| l.chars.iter().position(|c| !c.is_whitespace()))
        .min()
        .unwrap_or(0);
    let kinds: Vec<Kind> = page.iter().map(|l| kind(l, margin, s)).collect();
    let mut items = Vec::new();
    let mut prose_start = 0usize;
    let mut i = 0usize;
    // The end of the last region that failed as a table, and how many
    // times a region ending there has been tried.
    let mut failed: Option<(usize, usize)> = None;
    while i < page.len() {
        if kinds.get(i) != Some(&Kind::Aligned) {
            i += 1;
            continue;
        }
        let region = region_end(page, &kinds, i, s);
        if let Some((f_end, tries)) = failed
            && f_end == region
            && tries > s.max_region_retries
        {
            i = region;
            continue;
        }
        let mut end = region;
        end = trailing_first_column(page, &kinds, i, end, s);
        // A page that goes on with a table from the page before may open
        // with lines of one cell before the first aligned line: indented
        // into its column, or at the page's margin (the page holding text
        // only from that column on) when they carry a sentence on, opening
        // in lower case (a heading above a new table never does).
        let continued = header.is_some() && prose_start == 0 && items.is_empty();
        let lead = kinds.get(..i).unwrap_or_default();
        let opens_lower = page
            .iter()
            .find(|l| !l.is_blank())
            .and_then(|l| l.chars.iter().find(|c| !c.is_whitespace()))
            .is_some_and(|c| c.is_lowercase());
        let carried = lead
            .iter()
            .all(|k| matches!(k, Kind::Indented | Kind::Blank))
            || (opens_lower
                && lead
                    .iter()
                    .all(|k| matches!(k, Kind::Indented | Kind::Blank | Kind::Margin)));
        let from = if continued && carried { 0 } else { i };
        let start = if continued && carried && from < i {
            from
        } else {
            grid_start(page, from, end, s)
        };
        let aligned = kinds
            .get(start..end)
            .map_or(0, |k| k.iter().filter(|k| **k == Kind::Aligned).count());
        // A page that opens with the header of the table it continues is
        // that table, however few of its lines are aligned (a page of one
        // long cell under the repeated header).
        let repeats = continued
            && header.is_some_and(|h| {
                page.get(start)
                    .is_some_and(|l| opens_with_header(l, h, s.min_gutter))
            });
        // So is a page that opens with lines in the columns of the table
        // the previous page ended with (the tail of a row broken over the
        // page), however few.
        let in_open_columns = continued
            && aligned >= 1
            && open_cols.is_some_and(|oc| {
                let cols = columns(page.get(start..end).unwrap_or_default(), s);
                cols.len() >= 2 && align_columns(oc, &cols, s.join_shift).is_some()
            });
        if (aligned >= s.min_table_lines || repeats || in_open_columns)
            && let Some((t, cols)) = table(
                page.get(start..end).unwrap_or_default(),
                header.filter(|_| continued && start == from),
                s,
                words,
            )
        {
            items.extend(paragraphs(
                page.get(prose_start..start).unwrap_or_default(),
                s,
            ));
            items.push(Item::Table(t, cols));
            prose_start = end;
            i = end;
        } else {
            failed = match failed {
                Some((f_end, tries)) if f_end == region => Some((f_end, tries + 1)),
                _ => Some((region, 1)),
            };
            i += 1;
        }
    }
    items.extend(paragraphs(page.get(prose_start..).unwrap_or_default(), s));
    items
}

/// Does this line open the header `header` (per column, white space
/// removed): two or more blocks, each the start of a header cell, in
/// order?
fn opens_with_header(line: &PLine, header: &[String], gutter: usize) -> bool {
    let blocks = blocks_of(&line.chars, gutter);
    if blocks.len() < 2 {
        return false;
    }
    let mut cells = header.iter().filter(|h| !h.is_empty());
    blocks.iter().all(|&(a, b)| {
        let t: String = line
            .chars
            .get(a..b)
            .unwrap_or_default()
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        cells.any(|h| h.starts_with(&t))
    })
}

/// Where the grid of the region `start..end` begins: leading lines that
/// stay inside its first column (a numbered heading, "6.2    Title") or
/// straddle its columns (a caption) are text above the table.
pub(super) fn grid_start(page: &[PLine], start: usize, end: usize, s: &LayoutSettings) -> usize {
    let Some(cols) = page.get(start..end).map(|r| columns(r, s)) else {
        return start;
    };
    let Some(second) = cols.get(1).map(|c| c.0) else {
        return start;
    };
    let mut i = start;
    while let Some(line) = page.get(i).filter(|_| i < end) {
        let reaches = line.chars.iter().skip(second).any(|c| !c.is_whitespace());
        let spans = matches!(cut(line, &cols, s.min_gutter), Cut::Span(..));
        if line.is_blank() || (reaches && !spans) {
            break;
        }
        i += 1;
    }
    i
}

/// End (exclusive) of the table region starting at aligned line `start`:
/// it runs while lines are aligned, indented or blank, with at most
/// `max_margin_run` margin lines in a row, and ends at its last aligned or
/// indented line. A margin line that carries on the first column's text
/// (it stays inside the first column, and its first word would not have
/// fitted on the line above) is a wrapped first cell, however long the
/// run: a long cell beside short ones leaves many such lines.
pub(super) fn region_end(
    page: &[PLine],
    kinds: &[Kind],
    start: usize,
    s: &LayoutSettings,
) -> usize {
    let mut last = start;
    let mut margin_run = 0usize;
    let mut blank_run = 0usize;
    // The first column's right edge and the second column's start, from
    // the aligned lines so far.
    let mut first_right = 0usize;
    let mut second = usize::MAX;
    // Where the aligned lines' blocks start (the columns so far).
    let mut col_starts: Vec<usize> = Vec::new();
    // Whether the table resumes after the current run of blank lines: the
    // same answer for every blank of the run, so asked once (asked per
    // blank, a run of n blank lines cost n squared).
    let mut resumes: Option<bool> = None;
    for (i, k) in kinds.iter().enumerate().skip(start) {
        crate::work::step(1);
        let line = page.get(i);
        if *k != Kind::Blank {
            resumes = None;
        }
        match k {
            Kind::Aligned => {
                if let Some(l) = line {
                    let b = blocks_of(&l.chars, s.min_gutter);
                    if let (Some(f), Some(n)) = (b.first(), b.get(1)) {
                        first_right = first_right.max(f.1);
                        second = second.min(n.0);
                    }
                    col_starts.extend(b.iter().map(|x| x.0));
                }
                last = i;
                margin_run = 0;
                blank_run = 0;
            }
            Kind::Indented => {
                last = i;
                margin_run = 0;
                blank_run = 0;
            }
            Kind::Margin => {
                let wraps = blank_run == 0
                    && line.is_some_and(|l| l.chars.len() < second)
                    && carries_on(page, i, first_right, s);
                if wraps {
                    last = i;
                    margin_run = 0;
                    continue;
                }
                margin_run += 1;
                if margin_run > s.max_margin_run {
                    break;
                }
            }
            Kind::Blank => {
                blank_run += 1;
                if blank_run > s.max_blank_run
                    && !*resumes
                        .get_or_insert_with(|| resumes_in_columns(page, kinds, i, &col_starts, s))
                {
                    break;
                }
            }
        }
    }
    last + 1
}

/// After blank line `i`, does the table go on: is the next text indented
/// or aligned with every block starting where a column of the region
/// starts? (A cell that Word pushed down a few lines, its row's other
/// cells already ended; prose after a table starts at the margin.)
fn resumes_in_columns(
    page: &[PLine],
    kinds: &[Kind],
    i: usize,
    col_starts: &[usize],
    s: &LayoutSettings,
) -> bool {
    let Some(j) = (i + 1..kinds.len()).find(|&j| {
        crate::work::step(1);
        kinds.get(j) != Some(&Kind::Blank)
    }) else {
        return false;
    };
    if !matches!(kinds.get(j), Some(Kind::Aligned | Kind::Indented)) {
        return false;
    }
    page.get(j).is_some_and(|l| {
        blocks_of(&l.chars, s.min_gutter)
            .iter()
            .all(|b| col_starts.iter().any(|&c| c.abs_diff(b.0) <= 1))
    })
}

/// Does line `i` carry on the first column of the line above: its first
/// word would not have fitted after that line's first block, whose right
/// edge is `right`?
fn carries_on(page: &[PLine], i: usize, right: usize, s: &LayoutSettings) -> bool {
    let (Some(line), Some(prev)) = (page.get(i), i.checked_sub(1).and_then(|p| page.get(p))) else {
        return false;
    };
    let Some(&(_, end)) = blocks_of(&prev.chars, s.min_gutter).first() else {
        return false;
    };
    let word = first_word_len(line);
    right > 0 && end + 1 + word > right
}

/// Width of a line's first word: would it have fitted on the line above?
fn first_word_len(line: &PLine) -> usize {
    line.chars
        .iter()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| !c.is_whitespace())
        .count()
}

/// A table's last row may end with lines of its first column only (a
/// wrapped first cell): margin lines that stay clear of the second column
/// and carry on the first column's text (the line above was full) belong
/// to the table.
pub(super) fn trailing_first_column(
    page: &[PLine],
    kinds: &[Kind],
    start: usize,
    end: usize,
    s: &LayoutSettings,
) -> usize {
    let Some(second) = page
        .get(start..end)
        .map(|r| columns(r, s))
        .and_then(|c| c.get(1).map(|c| c.0))
    else {
        return end;
    };
    let first_col_end = |l: &PLine| {
        l.chars
            .iter()
            .take(second)
            .rposition(|c| !c.is_whitespace())
            .map(|p| p + 1)
    };
    let mut ext = end;
    while ext < page.len() && ext - end < s.max_margin_run && kinds.get(ext) == Some(&Kind::Margin)
    {
        let (Some(line), Some(prev)) =
            (page.get(ext), ext.checked_sub(1).and_then(|p| page.get(p)))
        else {
            break;
        };
        let word = first_word_len(line);
        let carries_on = first_col_end(prev)
            .is_some_and(|e| e + 1 + word + s.fit_slack > second.saturating_sub(s.min_gutter));
        if line.chars.len() + s.min_gutter > second || !carries_on {
            break;
        }
        ext += 1;
    }
    ext
}
