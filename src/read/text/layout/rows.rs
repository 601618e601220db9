//! Row building: walking a region line by line, each column remembers where
//! its text ended, and the rules for paragraph and row starts decide where
//! one row ends and the next begins.

use super::assemble::assemble;
use super::columns::{Cut, columns, cut};
use super::line::PLine;
use super::settings::LayoutSettings;
use super::text::{Words, broken};
use crate::model::Table;
use crate::read::text::markup;

/// One column's text within a row: paragraphs of lines, and whether its
/// first line carries on the cell of the row above.
#[derive(Debug, Clone, Default)]
pub(super) struct Seg {
    pub(super) paragraphs: Vec<Vec<String>>,
    pub(super) list: Vec<bool>,
    pub(super) continues: bool,
    pub(super) line: u32,
}

#[derive(Debug, Default)]
pub(super) struct RawRow {
    pub(super) segs: Vec<Seg>,
    pub(super) span: Option<(usize, String)>,
    pub(super) line: u32,
    pub(super) lines: usize,
    /// The row opens with text in the first column: a new entry, beside
    /// which no cell of the row above carries on.
    pub(super) entry: bool,
    /// The row was opened by a figure under a figure.
    pub(super) by_figure: bool,
}

/// Per-column memory while walking a region.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ColState {
    /// End position of the column's last text, if any.
    pub(super) last_end: Option<usize>,
    /// The last text ended with a broken word ("multi-").
    pub(super) hyphen: bool,
    /// Non-blank lines since the column's last text.
    pub(super) gap: usize,
    /// A wholly blank line since the column's last text.
    pub(super) blank_line: bool,
    /// The column's last line was a single word.
    pub(super) one_word: bool,
    /// The column's last line ended without a full stop (or other
    /// sentence end).
    pub(super) open_end: bool,
    /// The column's last line was a lone figure ("£7,455").
    pub(super) figure: bool,
}

/// `header`: the header row of the table the previous page ended with
/// (text per column, white space removed). A region that opens with it is
/// that table continued, and its header row ends where the repeat ends.
pub(super) fn table(
    lines: &[PLine],
    header: Option<&[String]>,
    s: &LayoutSettings,
    words: &Words,
) -> Option<(Table, Vec<(usize, usize)>)> {
    let cols = columns(lines, s);
    if cols.len() < 2 || cols.len() > s.max_columns {
        return None;
    }
    let header = header.filter(|h| h.len() == cols.len());
    // Each line is cut twice (for the edges, then for the walk) rather than
    // its cut kept: a cut holds a slot per column, and all of them at once
    // cost the region's lines times its columns.
    let cuts = || lines.iter().map(|l| cut(l, &cols, s.min_gutter));
    let (right, right_ext) = right_edges(cuts(), &cols, s.min_gutter);
    let n = cols.len();
    let mut walk = RowWalk {
        n,
        slack: s.fit_slack,
        right,
        right_ext,
        state: vec![ColState::default(); n],
        rows: Vec::new(),
        header,
        head_text: vec![String::new(); n],
        head_done: header.is_none(),
        force_break: false,
        first_row_cells: 0,
        head_matched: false,
    };
    for (li, c) in cuts().enumerate() {
        let no = lines.get(li).map_or(0, |l| l.no);
        match c {
            Cut::Blank => walk.blank_line(),
            Cut::Span(col, text) => walk.span(col, &text, no),
            Cut::Cells(cells) => walk.cells(&cells, no),
        }
    }
    // A page that goes on with a table without printing its header again
    // opens with a data row, which a cell may carry on from.
    let first_is_data = walk.header.is_some() && !walk.head_matched;
    let table = assemble(walk.rows, &cols, words, first_is_data);
    Some((table, cols))
}

/// Each column's right edge (the furthest its text reaches), and the edge
/// used for telling a row's start, where a column's text may reach up to
/// the next column's gutter.
fn right_edges(
    cuts: impl Iterator<Item = Cut>,
    cols: &[(usize, usize)],
    gutter: usize,
) -> (Vec<usize>, Vec<usize>) {
    let mut right = vec![0usize; cols.len()];
    for c in cuts {
        if let Cut::Cells(cells) = c {
            for (ci, cell) in cells.iter().enumerate() {
                if let (Some((start, t)), Some(r)) = (cell, right.get_mut(ci)) {
                    *r = (*r).max(start + t.chars().count());
                }
            }
        }
    }
    let right_ext: Vec<usize> = right
        .iter()
        .enumerate()
        .map(|(ci, &r)| {
            cols.get(ci + 1)
                .map_or(r, |next| r.max(next.0.saturating_sub(gutter)))
        })
        .collect();
    (right, right_ext)
}

/// The walk over a region's lines: each column's memory, the rows so far,
/// and the repeated header being matched.
struct RowWalk<'h> {
    n: usize,
    /// [`LayoutSettings::fit_slack`].
    slack: usize,
    right: Vec<usize>,
    right_ext: Vec<usize>,
    state: Vec<ColState>,
    rows: Vec<RawRow>,
    header: Option<&'h [String]>,
    /// The header text read so far (white space removed), while `header`
    /// is being matched.
    head_text: Vec<String>,
    head_done: bool,
    /// The repeated header has just ended: the next line opens a row.
    force_break: bool,
    /// Columns with text on the table's first line.
    first_row_cells: usize,
    /// The repeated header was read whole.
    head_matched: bool,
}

impl RowWalk<'_> {
    fn blank_line(&mut self) {
        for st in &mut self.state {
            st.blank_line = true;
        }
    }

    /// A line across the rivers: a one-line row of its own.
    fn span(&mut self, col: usize, text: &str, no: u32) {
        self.rows.push(RawRow {
            segs: vec![Seg::default(); self.n],
            span: Some((col, text.to_string())),
            line: no,
            lines: 1,
            entry: true,
            by_figure: false,
        });
        self.state = vec![ColState::default(); self.n];
    }

    /// A line cut into columns: it opens a row or goes on with the current
    /// one, and each column's piece goes into that row's cell.
    fn cells(&mut self, cells: &[Option<(usize, String)>], no: u32) {
        if self.rows.is_empty() {
            self.first_row_cells = cells.iter().filter(|c| c.is_some()).count();
        }
        let fresh = self.fresh(cells);
        if self.opens_row(cells, &fresh) {
            self.force_break = false;
            // A row opened by its figure: the text beside it on the line
            // is the row's own (a label), whatever its line lengths say.
            let by_figure = self.next_figure(cells);
            self.rows.push(RawRow {
                by_figure,
                segs: vec![Seg::default(); self.n],
                span: None,
                line: no,
                lines: 0,
                entry: cells.first().is_some_and(|c| c.is_some()),
            });
        }
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        row.lines += 1;
        self.track_header(cells);
        self.place(cells, &fresh, no);
    }

    /// Which columns start a new paragraph on this line.
    fn fresh(&self, cells: &[Option<(usize, String)>]) -> Vec<bool> {
        cells
            .iter()
            .enumerate()
            .map(
                |(ci, cell)| match (cell, self.state.get(ci), self.right_ext.get(ci)) {
                    // (In the first column, a figure may carry the
                    // sentence on: see `figure_runs_on`.)
                    (Some((_, t)), Some(st), Some(&r)) => {
                        new_paragraph(st, t, r, self.slack) && !(ci == 0 && figure_runs_on(st, t))
                    }
                    _ => false,
                },
            )
            .collect()
    }

    /// A figure right under a figure is the next row's (a cell holds one
    /// amount).
    fn next_figure(&self, cells: &[Option<(usize, String)>]) -> bool {
        cells
            .iter()
            .zip(&self.state)
            .any(|(c, st)| st.figure && c.as_ref().is_some_and(|(_, t)| is_figure(t)))
    }

    /// Does this line open a new row?
    fn opens_row(&self, cells: &[Option<(usize, String)>], fresh: &[bool]) -> bool {
        let state = &self.state;
        let right_ext = &self.right_ext;
        // Lone words in a column of lone words count as starts too,
        // but do not break a cell's text into paragraphs.
        let started: Vec<bool> = cells
            .iter()
            .zip(state)
            .zip(fresh)
            .zip(right_ext)
            .map(|(((c, st), f), r)| *f || c.as_ref().is_some_and(|(_, t)| next_word(st, t, *r)))
            .collect();
        let starts = started.iter().filter(|f| **f).count();
        // A column resuming after a line without text there (a short
        // cell such as a date, whose line lengths say nothing)
        // seconds a paragraph start elsewhere.
        let resumed = cells
            .iter()
            .zip(state)
            .zip(&started)
            .filter(|((c, st), f)| c.is_some() && !**f && st.gap >= 1 && st.last_end.is_some())
            .count();
        // A first column of short keys (refs, abbreviations): a
        // one-word line followed by a word that would have fitted
        // beside it is the next key, not a wrap. (Not a line opening in
        // lower case: that carries a sentence on, the fit being only
        // approximate in a proportional font.)
        let next_key = |st: &ColState, t: &str| {
            let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
            st.one_word
                && !st.hyphen
                && !t.starts_with(char::is_lowercase)
                && st
                    .last_end
                    .zip(right_ext.first())
                    .is_some_and(|(e, &r)| e + 1 + word <= r)
        };
        let first_entry = match (cells.first(), state.first()) {
            (Some(Some((_, t))), Some(st)) => {
                st.gap >= 1 || st.blank_line || st.last_end.is_none() || next_key(st, t)
            }
            _ => false,
        };
        let open = self.rows.last().is_some_and(|r| r.span.is_none());
        // The first column's sentence running on (lower case, a broken
        // word, or a figure after a line without a full stop: "October,
        // November and December" / "2018 focussing", right below its last
        // line) holds the row.
        let first_runs_on = match (cells.first(), state.first()) {
            (Some(Some((_, t))), Some(st)) => {
                st.gap == 0
                    && !st.blank_line
                    && st.last_end.is_some()
                    && (st.hyphen || t.starts_with(char::is_lowercase) || figure_runs_on(st, t))
            }
            _ => false,
        };
        // Every cell of the line opening in upper case, the first column
        // among them, seconds a paragraph start elsewhere: cells of a row
        // are top-aligned and open with a capital, while a wrapped line
        // rarely opens with one in every column at once.
        let texts: Vec<&str> = cells.iter().flatten().map(|(_, t)| t.as_str()).collect();
        let all_capital = texts.len() >= 2
            && cells.first().is_some_and(|c| c.is_some())
            && texts.iter().all(|t| t.starts_with(char::is_uppercase));
        let next_figure = self.next_figure(cells);
        // A numbered item starting in one column beside a cell opening in
        // upper case in another (its date, its lead) is the next row's,
        // whatever a merged cell beside them carries on.
        let numbered_beside = cells.iter().zip(fresh).enumerate().any(|(ci, (c, f))| {
            *f && c.as_ref().is_some_and(|(_, t)| numbered(t))
                && cells.iter().enumerate().any(|(cj, o)| {
                    cj != ci
                        && o.as_ref()
                            .is_some_and(|(_, t)| t.starts_with(char::is_uppercase))
                })
        });
        let row_start = !first_runs_on
            && (starts >= 2
                || next_figure
                || numbered_beside
                || (starts >= 1 && (starts + resumed >= 2 || all_capital)));
        // The table's first row, opened with text in several columns, is
        // its header: its cells wrap over as many lines as the longest
        // needs (short upper-case words that a line-length test reads as
        // new paragraphs), and while the first column stays empty only the
        // first column opening an entry ends it.
        // So is a repeated header while its text still matches.
        let in_header = self.rows.len() == 1
            && ((self.first_row_cells >= 2
                && self.header.is_none()
                && cells.first().is_some_and(|c| c.is_none()))
                || (self.header.is_some() && !self.head_done));
        !open || (row_start && !in_header) || first_entry || self.force_break
    }

    /// Match the repeated header: once its text is read whole the next
    /// line opens a row; text that departs from it ends the match.
    fn track_header(&mut self, cells: &[Option<(usize, String)>]) {
        if self.head_done {
            return;
        }
        for (acc, cell) in self.head_text.iter_mut().zip(cells.iter()) {
            if let Some((_, t)) = cell {
                acc.extend(t.chars().filter(|c| !c.is_whitespace()));
            }
        }
        let header = self.header;
        if header.is_some_and(|h| h == self.head_text.as_slice()) {
            self.head_done = true;
            self.head_matched = true;
            self.force_break = true;
        } else if header.is_some_and(|h| {
            !h.iter()
                .zip(&self.head_text)
                .all(|(h, a)| h.starts_with(a.as_str()))
        }) {
            self.head_done = true;
        }
    }

    /// Each column's piece into the current row's cell: a new paragraph or
    /// more of the last one, and whether the cell carries on the one above.
    fn place(&mut self, cells: &[Option<(usize, String)>], fresh: &[bool], no: u32) {
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        for (ci, cell) in cells.iter().enumerate() {
            let (Some(st), Some(seg)) = (self.state.get_mut(ci), row.segs.get_mut(ci)) else {
                continue;
            };
            let Some((start, t)) = cell else {
                st.gap += 1;
                continue;
            };
            let is_new = fresh.get(ci).copied().unwrap_or(true);
            let (text, bullet) = markup::strip_bullet(t);
            if seg.paragraphs.is_empty() {
                // A wholly blank line between two pieces of one
                // column is often pdftotext interleaving the lines
                // of neighbouring cells, not a paragraph break:
                // whether the column carries on is read from the
                // line lengths alone.
                let r = self.right.get(ci).copied().unwrap_or(0);
                let unblanked = ColState {
                    blank_line: false,
                    ..*st
                };
                // Text that resumes on the row's first line, after
                // a line without it, starts the row's own cell.
                let resumes_at_start = row.lines == 1 && st.gap >= 1;
                let own_row = resumes_at_start || (row.by_figure && row.lines == 1);
                seg.continues = !new_paragraph(&unblanked, t, r, self.slack)
                    && st.last_end.is_some()
                    && !own_row;
                seg.line = no;
            }
            if is_new || bullet || seg.paragraphs.is_empty() {
                seg.paragraphs.push(vec![text.to_string()]);
                seg.list.push(bullet);
            } else if let Some(p) = seg.paragraphs.last_mut() {
                p.push(text.to_string());
            }
            *st = ColState {
                last_end: Some(start + t.chars().count()),
                hyphen: broken(t),
                gap: 0,
                blank_line: false,
                one_word: !t.contains(char::is_whitespace),
                open_end: !t.trim_end().ends_with(['.', '!', '?', ':', ';']),
                figure: is_figure(t),
            };
        }
    }
}

/// A column of one-word cells (amounts, keys): a one-word line followed by
/// a word that would have fitted beside it, or by another lone word (right
/// aligned figures), is the next cell, not a wrap.
pub(super) fn next_word(st: &ColState, t: &str, right: usize) -> bool {
    let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
    let lone = !t.contains(char::is_whitespace);
    st.one_word
        && !st.hyphen
        && !t.starts_with(char::is_lowercase)
        && (lone || st.last_end.is_some_and(|e| e + 1 + word <= right))
}

/// Does `t` begin a new paragraph in its column (whose text reaches
/// `right`)? `slack` is the room a line must leave to count as short.
pub(super) fn new_paragraph(st: &ColState, t: &str, right: usize, slack: usize) -> bool {
    let Some(end) = st.last_end else {
        return true;
    };
    if st.blank_line || st.gap >= 2 || markup::strip_bullet(t).1 || numbered(t) {
        return true;
    }
    // A line that opens in lower case carries a sentence on, however short
    // the line above it (character positions only approximate the widths
    // the text was wrapped at).
    if st.hyphen || t.starts_with(char::is_lowercase) {
        return false;
    }
    let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
    end + 1 + word + slack <= right
}

/// A lone figure: an amount or count ("£7,455", "64", "12.5%"), not a
/// year-like word among others.
pub(super) fn is_figure(t: &str) -> bool {
    let t = t.trim();
    let body = t.trim_start_matches(['£', '$', '€']).trim_end_matches('%');
    !t.contains(char::is_whitespace)
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// A line opening with a figure under a line of several words that ends
/// without a full stop carries the sentence on ("October, November and
/// December" / "2018 focussing"), unless the figure numbers an item.
pub(super) fn figure_runs_on(st: &ColState, t: &str) -> bool {
    st.open_end && !st.one_word && t.starts_with(|c: char| c.is_ascii_digit()) && !numbered(t)
}

/// A line opening with a dotted item number and a capitalised word ("13.5
/// Implement ...") starts a numbered item, as a bullet does: a wrapped
/// sentence seldom breaks right before such a number.
pub(super) fn numbered(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(num), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    let parts: Vec<&str> = num.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
        && next.starts_with(char::is_uppercase)
        && next.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        assert!(is_figure("£7,455"));
        assert!(is_figure("64"));
        assert!(is_figure("12.5%"));
        assert!(!is_figure("2019/20"));
        assert!(!is_figure("£64 each"));
        assert!(!is_figure("Q1"));
    }

    #[test]
    fn numbered_items() {
        assert!(numbered("13.5 Implement better methods of"));
        assert!(numbered("2.1.3 Review the plan"));
        assert!(!numbered("1.4 FTE and an administrator"));
        assert!(!numbered("2020 Review"));
        assert!(!numbered("13.5 of the plan"));
        assert!(!numbered("13.5"));
    }
}
