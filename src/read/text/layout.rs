//! `pdftotext -layout` dumps: the page drawn with spaces.
//!
//! Such a dump keeps the page's geometry in character positions: table
//! columns sit at fixed offsets, separated by runs of spaces, and a cell's
//! text wraps over several lines inside its column. Nothing else marks the
//! grid (no tabs, no rules), so the table is rebuilt from geometry alone:
//! - *regions*: runs of lines where text stands in blocks separated by wide
//!   gaps ([`LayoutSettings::min_gutter`]);
//! - *columns*: the character positions blank on every aligned line of a
//!   region (whitespace "rivers") separate the columns; a line whose text
//!   straddles a column start is a spanning (section) row, and a one-line
//!   row with text in the first column only is a section row too;
//! - *rows*: a row starts where two or more columns start a new paragraph on
//!   the same line (cells of a row are top-aligned), one of them possibly a
//!   column resuming after a line without text (a short date cell) or a lone
//!   word under a lone word (right-aligned figures); or where the first
//!   column starts a new entry after a gap or after a one-word key. A
//!   paragraph starts after a blank line, or where the previous line of the
//!   column stopped short although the next word would have fitted
//!   ([`LayoutSettings::fit_slack`]), never on a line opening in lower case;
//!   the first column's sentence running on holds the row;
//! - a column whose text runs on through a row boundary that opens no new
//!   first-column entry is one cell spanning both rows (a vertically merged
//!   cell, as Word draws a finding beside its actions);
//! - *pages*: form feeds split pages; lines repeated at the top or bottom of
//!   most pages (running heads, page numbers) are dropped, and a table
//!   continued on the next page with the same columns is joined, its
//!   repeated header row marked `header` and its first row after the break
//!   `page_break_before`.
//!
//! Text outside tables becomes paragraphs, broken where a line stops short.

use crate::model::{Block, Cell, Paragraph, Provenance, Row, Table};

use super::markup;

/// Tolerances of the layout reader, in character positions and line counts
/// (in the spirit of pdfplumber's `TableSettings`).
#[derive(Debug, Clone, Copy)]
pub struct LayoutSettings {
    /// Spaces that separate two text blocks of one line (a column gutter);
    /// fewer are a space inside a sentence.
    pub min_gutter: usize,
    /// Aligned (multi-block) lines a region needs to be read as a table.
    pub min_table_lines: usize,
    /// Consecutive unaligned lines at the left margin a table region may
    /// contain (section rows, a wrapped first column); more end it.
    pub max_margin_run: usize,
    /// Consecutive blank lines a table region may contain (pdftotext
    /// leaves one where neighbouring cells' lines interleave); more end it.
    pub max_blank_run: usize,
    /// How much room must be left at the end of a line before it counts as
    /// stopping short (character positions only approximate a proportional
    /// font, so a word that "fits" by a character may not have). Lines that
    /// open in lower case never count as a new paragraph, which keeps this
    /// small.
    pub fit_slack: usize,
    /// A dump is a layout dump when at least this share of its non-blank
    /// lines are aligned (multi-block)...
    pub detect_share: f32,
    /// ...and at least this many.
    pub detect_min_lines: usize,
    /// A line repeated at the top or bottom of at least this share of the
    /// pages is a running head or foot.
    pub running_share: f32,
    /// ...and on at least this many pages.
    pub running_min_pages: usize,
    /// How far (in characters) a column may move between pages and still be
    /// the same column of a table continued over the break.
    pub join_shift: usize,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            min_gutter: 2,
            min_table_lines: 3,
            max_margin_run: 2,
            max_blank_run: 1,
            fit_slack: 1,
            detect_share: 0.15,
            detect_min_lines: 5,
            running_share: 0.5,
            running_min_pages: 3,
            join_shift: 8,
        }
    }
}

/// One line of a page: its characters and 1-based line number in the input.
#[derive(Debug, Clone)]
struct PLine {
    chars: Vec<char>,
    no: u32,
}

impl PLine {
    fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }
}

/// Text blocks of a line: (start, end) character ranges of text separated by
/// at least `gutter` spaces.
fn blocks_of(chars: &[char], gutter: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if !chars[i].is_whitespace() {
                end = i + 1;
                i += 1;
                continue;
            }
            let run = chars[i..].iter().take_while(|c| c.is_whitespace()).count();
            if run >= gutter || i + run >= chars.len() {
                break;
            }
            i += run;
        }
        // A bullet glyph and its item are one block, however far apart.
        let lone_bullet = end == start + 1
            && chars
                .get(start)
                .is_some_and(|c| markup::strip_bullet(&c.to_string()).1);
        match out.last_mut() {
            Some(last) if last.1 == usize::MAX => *last = (last.0, end),
            _ => out.push((start, if lone_bullet { usize::MAX } else { end })),
        }
        i = end;
    }
    if let Some(last) = out.last_mut()
        && last.1 == usize::MAX
    {
        last.1 = last.0 + 1;
    }
    out
}

/// Is this text a `pdftotext -layout` dump? No tabs, and many lines whose
/// text stands in blocks separated by wide gaps.
pub fn looks_like_layout(text: &str, s: &LayoutSettings) -> bool {
    if text.contains('\t') {
        return false;
    }
    let mut nonblank = 0usize;
    let mut aligned = 0usize;
    for line in text.split(['\n', '\u{c}']) {
        let chars: Vec<char> = line.chars().collect();
        let b = blocks_of(&chars, s.min_gutter);
        if b.is_empty() {
            continue;
        }
        nonblank += 1;
        if b.len() >= 2 {
            aligned += 1;
        }
    }
    aligned >= s.detect_min_lines && aligned as f32 >= nonblank as f32 * s.detect_share
}

/// Read a layout dump into blocks.
pub fn blocks(text: &str, s: &LayoutSettings) -> Vec<Block> {
    let mut pages = split_pages(text);
    drop_running_lines(&mut pages, s);
    let mut out: Vec<Block> = Vec::new();
    // The previous page ended with a table (index into `out`).
    let mut open_table: Option<(usize, Vec<usize>)> = None;
    for (pi, page) in pages.iter().enumerate() {
        let header: Option<Vec<String>> =
            open_table
                .as_ref()
                .and_then(|(idx, _)| match out.get(*idx) {
                    Some(Block::Table(t)) => t.rows.first().map(|r| header_key(r, t.columns)),
                    _ => None,
                });
        let items = page_items(page, header.as_deref(), s);
        let page_no = pi as u32 + 1;
        let mut first = true;
        for item in items {
            match item {
                Item::Para(p) => {
                    out.push(Block::Paragraph(p));
                    open_table = None;
                }
                Item::Table(mut t, starts) => {
                    t.pages = vec![page_no];
                    // The same columns: where they start, or (a page laid
                    // out a little wider) the same header printed again.
                    let repeats_header = t.rows.first().map(|r| header_key(r, t.columns))
                        == header.as_ref().cloned();
                    let same = |prev: &[usize]| {
                        prev.len() == starts.len()
                            && (repeats_header
                                || prev
                                    .iter()
                                    .zip(&starts)
                                    .all(|(a, b)| a.abs_diff(*b) <= s.join_shift))
                    };
                    let joined = match open_table.as_ref().filter(|(_, p)| first && same(p)) {
                        Some((idx, _)) => match out.get_mut(*idx) {
                            Some(Block::Table(prev)) => join_tables(prev, t, page_no),
                            _ => Some(t),
                        },
                        None => Some(t),
                    };
                    if let Some(t) = joined {
                        out.push(Block::Table(t));
                    }
                    open_table = Some((out.len().saturating_sub(1), starts));
                }
            }
            first = false;
        }
    }
    out
}

enum Item {
    Para(Paragraph),
    /// A table and its column starts (kept for the cross-page join).
    Table(Table, Vec<usize>),
}

fn split_pages(text: &str) -> Vec<Vec<PLine>> {
    let mut pages: Vec<Vec<PLine>> = vec![Vec::new()];
    let mut no = 0u32;
    for line in text.split('\n') {
        let mut parts = line.split('\u{c}').peekable();
        while let Some(part) = parts.next() {
            no += 1;
            if let Some(page) = pages.last_mut() {
                page.push(PLine {
                    chars: part.trim_end().chars().collect(),
                    no,
                });
            }
            if parts.peek().is_some() {
                pages.push(Vec::new());
            }
        }
    }
    pages.retain(|p| p.iter().any(|l| !l.is_blank()));
    pages
}

/// The key a running line is compared by: words only, digits as `#` (page
/// numbers change from page to page).
fn running_key(line: &PLine) -> String {
    let t: String = line
        .chars
        .iter()
        .map(|&c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drop running heads and feet: the first or last non-blank line of a page
/// when the same line (digits aside) opens or closes most pages, and a
/// lone page number at the foot. Aligned lines (a repeated table header)
/// are never running lines.
fn drop_running_lines(pages: &mut [Vec<PLine>], s: &LayoutSettings) {
    let n = pages.len();
    let gutter = s.min_gutter;
    let single = |l: &PLine| blocks_of(&l.chars, gutter).len() == 1;
    let edge = |page: &Vec<PLine>, top: bool| -> Option<usize> {
        if top {
            page.iter().position(|l| !l.is_blank())
        } else {
            page.iter().rposition(|l| !l.is_blank())
        }
    };
    for top in [true, false] {
        let keys: Vec<Option<String>> = pages
            .iter()
            .map(|p| {
                edge(p, top)
                    .and_then(|i| p.get(i))
                    .filter(|l| single(l))
                    .map(running_key)
            })
            .collect();
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for k in keys.iter().flatten() {
            *counts.entry(k.as_str()).or_default() += 1;
        }
        for (pi, key) in keys.iter().enumerate() {
            let Some(k) = key else { continue };
            let count = counts.get(k.as_str()).copied().unwrap_or(0);
            let page_number = !top && k.chars().all(|c| c == '#' || c.is_whitespace());
            let running =
                count >= s.running_min_pages && count as f32 >= n as f32 * s.running_share;
            if (running || page_number)
                && let Some(page) = pages.get_mut(pi)
                && let Some(i) = edge(page, top)
            {
                page.remove(i);
            }
        }
    }
}

/// What a line is, for finding table regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Two or more blocks separated by a gutter.
    Aligned,
    /// One block, indented from the page's left margin.
    Indented,
    /// One block at the left margin.
    Margin,
}

fn kind(line: &PLine, margin: usize, s: &LayoutSettings) -> Kind {
    let b = blocks_of(&line.chars, s.min_gutter);
    match b.as_slice() {
        [] => Kind::Blank,
        [(start, _)] if *start > margin => Kind::Indented,
        [_] => Kind::Margin,
        _ => Kind::Aligned,
    }
}

/// A page into paragraphs and tables.
fn page_items(page: &[PLine], header: Option<&[String]>, s: &LayoutSettings) -> Vec<Item> {
    let margin = page
        .iter()
        .filter_map(|l| l.chars.iter().position(|c| !c.is_whitespace()))
        .min()
        .unwrap_or(0);
    let kinds: Vec<Kind> = page.iter().map(|l| kind(l, margin, s)).collect();
    let mut items = Vec::new();
    let mut prose_start = 0usize;
    let mut i = 0usize;
    while i < page.len() {
        if kinds.get(i) != Some(&Kind::Aligned) {
            i += 1;
            continue;
        }
        let mut end = region_end(&kinds, i, s);
        end = trailing_first_column(page, &kinds, i, end, s);
        // A page that goes on with a table from the page before may open
        // with lines of one cell (indented into its column) before the
        // first aligned line.
        let continued = header.is_some() && prose_start == 0 && items.is_empty();
        let from = if continued
            && kinds
                .get(..i)
                .is_some_and(|k| k.iter().all(|k| matches!(k, Kind::Indented | Kind::Blank)))
        {
            0
        } else {
            i
        };
        let start = grid_start(page, from, end, s);
        let aligned = kinds
            .get(start..end)
            .map_or(0, |k| k.iter().filter(|k| **k == Kind::Aligned).count());
        if aligned >= s.min_table_lines
            && let Some((t, starts)) = table(
                page.get(start..end).unwrap_or_default(),
                header.filter(|_| continued && start == from),
                s,
            )
        {
            items.extend(paragraphs(
                page.get(prose_start..start).unwrap_or_default(),
                s,
            ));
            items.push(Item::Table(t, starts));
            prose_start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    items.extend(paragraphs(page.get(prose_start..).unwrap_or_default(), s));
    items
}

/// Where the grid of the region `start..end` begins: leading lines that
/// stay inside its first column (a numbered heading, "6.2    Title") or
/// straddle its columns (a caption) are text above the table.
fn grid_start(page: &[PLine], start: usize, end: usize, s: &LayoutSettings) -> usize {
    let Some(cols) = page.get(start..end).map(|r| columns(r, s)) else {
        return start;
    };
    let Some(second) = cols.get(1).map(|c| c.0) else {
        return start;
    };
    let mut i = start;
    while let Some(line) = page.get(i).filter(|_| i < end) {
        let reaches = line.chars.iter().skip(second).any(|c| !c.is_whitespace());
        let spans = matches!(cut(line, &cols), Cut::Span(..));
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
/// indented line.
fn region_end(kinds: &[Kind], start: usize, s: &LayoutSettings) -> usize {
    let mut last = start;
    let mut margin_run = 0usize;
    let mut blank_run = 0usize;
    for (i, k) in kinds.iter().enumerate().skip(start) {
        match k {
            Kind::Aligned | Kind::Indented => {
                last = i;
                margin_run = 0;
                blank_run = 0;
            }
            Kind::Margin => {
                margin_run += 1;
                if margin_run > s.max_margin_run {
                    break;
                }
            }
            Kind::Blank => {
                blank_run += 1;
                if blank_run > s.max_blank_run {
                    break;
                }
            }
        }
    }
    last + 1
}

/// A table's last row may end with lines of its first column only (a
/// wrapped first cell): margin lines that stay clear of the second column
/// and carry on the first column's text (the line above was full) belong
/// to the table.
fn trailing_first_column(
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
        let word = line
            .chars
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| !c.is_whitespace())
            .count();
        let carries_on = first_col_end(prev)
            .is_some_and(|e| e + 1 + word + s.fit_slack > second.saturating_sub(s.min_gutter));
        if line.chars.len() + s.min_gutter > second || !carries_on {
            break;
        }
        ext += 1;
    }
    ext
}

/// Column ranges (start, end) from the rivers of the region's grid lines.
fn columns(lines: &[PLine], s: &LayoutSettings) -> Vec<(usize, usize)> {
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
enum Cut {
    Blank,
    Cells(Vec<Option<(usize, String)>>),
    Span(usize, String),
}

fn cut(line: &PLine, cols: &[(usize, usize)]) -> Cut {
    if line.is_blank() {
        return Cut::Blank;
    }
    // A run of text that straddles a column start spans columns. (Text
    // that only reaches into a gutter belongs to the column on its left.)
    let in_river = blocks_of(&line.chars, 1)
        .iter()
        .any(|&(start, end)| cols.iter().skip(1).any(|c| start < c.0 && c.0 < end));
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

/// One column's text within a row: paragraphs of lines, and whether its
/// first line carries on the cell of the row above.
#[derive(Debug, Clone, Default)]
struct Seg {
    paragraphs: Vec<Vec<String>>,
    list: Vec<bool>,
    continues: bool,
    line: u32,
}

#[derive(Debug, Default)]
struct RawRow {
    segs: Vec<Seg>,
    span: Option<(usize, String)>,
    line: u32,
    lines: usize,
    /// The row opens with text in the first column: a new entry, beside
    /// which no cell of the row above carries on.
    entry: bool,
}

/// Per-column memory while walking a region.
#[derive(Debug, Clone, Copy, Default)]
struct ColState {
    /// End position of the column's last text, if any.
    last_end: Option<usize>,
    /// The last text ended with a broken word ("multi-").
    hyphen: bool,
    /// Non-blank lines since the column's last text.
    gap: usize,
    /// A wholly blank line since the column's last text.
    blank_line: bool,
    /// The column's last line was a single word.
    one_word: bool,
}

/// `header`: the header row of the table the previous page ended with
/// (text per column, white space removed). A region that opens with it is
/// that table continued, and its header row ends where the repeat ends.
fn table(
    lines: &[PLine],
    header: Option<&[String]>,
    s: &LayoutSettings,
) -> Option<(Table, Vec<usize>)> {
    let cols = columns(lines, s);
    if cols.len() < 2 {
        return None;
    }
    let header = header.filter(|h| h.len() == cols.len());
    let mut head_text: Vec<String> = vec![String::new(); cols.len()];
    let mut head_done = header.is_none();
    let mut force_break = false;
    let cuts: Vec<Cut> = lines.iter().map(|l| cut(l, &cols)).collect();
    // Each column's right edge: the furthest its text reaches.
    let mut right = vec![0usize; cols.len()];
    for c in &cuts {
        if let Cut::Cells(cells) = c {
            for (ci, cell) in cells.iter().enumerate() {
                if let (Some((start, t)), Some(r)) = (cell, right.get_mut(ci)) {
                    *r = (*r).max(start + t.chars().count());
                }
            }
        }
    }
    // For telling a row's start, a column's text may reach up to the next
    // column's gutter.
    let right_ext: Vec<usize> = right
        .iter()
        .enumerate()
        .map(|(ci, &r)| {
            cols.get(ci + 1)
                .map_or(r, |next| r.max(next.0.saturating_sub(s.min_gutter)))
        })
        .collect();
    let n = cols.len();
    let mut state = vec![ColState::default(); n];
    let mut rows: Vec<RawRow> = Vec::new();
    for (li, c) in cuts.iter().enumerate() {
        let no = lines.get(li).map_or(0, |l| l.no);
        match c {
            Cut::Blank => {
                for st in &mut state {
                    st.blank_line = true;
                }
            }
            Cut::Span(col, text) => {
                rows.push(RawRow {
                    segs: vec![Seg::default(); n],
                    span: Some((*col, text.clone())),
                    line: no,
                    lines: 1,
                    entry: true,
                });
                state = vec![ColState::default(); n];
            }
            Cut::Cells(cells) => {
                let fresh: Vec<bool> = cells
                    .iter()
                    .enumerate()
                    .map(
                        |(ci, cell)| match (cell, state.get(ci), right_ext.get(ci)) {
                            (Some((_, t)), Some(st), Some(&r)) => {
                                new_paragraph(st, t, r, s.fit_slack)
                            }
                            _ => false,
                        },
                    )
                    .collect();
                // Lone words in a column of lone words count as starts too,
                // but do not break a cell's text into paragraphs.
                let started: Vec<bool> = cells
                    .iter()
                    .zip(&state)
                    .zip(&fresh)
                    .zip(&right_ext)
                    .map(|(((c, st), f), r)| {
                        *f || c.as_ref().is_some_and(|(_, t)| next_word(st, t, *r))
                    })
                    .collect();
                let starts = started.iter().filter(|f| **f).count();
                // A column resuming after a line without text there (a short
                // cell such as a date, whose line lengths say nothing)
                // seconds a paragraph start elsewhere.
                let resumed = cells
                    .iter()
                    .zip(&state)
                    .zip(&started)
                    .filter(|((c, st), f)| {
                        c.is_some() && !**f && st.gap >= 1 && st.last_end.is_some()
                    })
                    .count();
                // A first column of short keys (refs, abbreviations): a
                // one-word line followed by a word that would have fitted
                // beside it is the next key, not a wrap.
                let next_key = |st: &ColState, t: &str| {
                    let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
                    st.one_word
                        && !st.hyphen
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
                let open = rows.last().is_some_and(|r| r.span.is_none());
                // The first column's sentence running on (lower case, or
                // a broken word, right below its last line) holds the row.
                let first_runs_on = match (cells.first(), state.first()) {
                    (Some(Some((_, t))), Some(st)) => {
                        st.gap == 0
                            && !st.blank_line
                            && st.last_end.is_some()
                            && (st.hyphen || t.starts_with(char::is_lowercase))
                    }
                    _ => false,
                };
                let row_start =
                    !first_runs_on && (starts >= 2 || (starts >= 1 && starts + resumed >= 2));
                if !open || row_start || first_entry || force_break {
                    force_break = false;
                    rows.push(RawRow {
                        segs: vec![Seg::default(); n],
                        span: None,
                        line: no,
                        lines: 0,
                        entry: cells.first().is_some_and(|c| c.is_some()),
                    });
                }
                let Some(row) = rows.last_mut() else { continue };
                row.lines += 1;
                if !head_done {
                    for (acc, cell) in head_text.iter_mut().zip(cells.iter()) {
                        if let Some((_, t)) = cell {
                            acc.extend(t.chars().filter(|c| !c.is_whitespace()));
                        }
                    }
                    if header.is_some_and(|h| h == head_text.as_slice()) {
                        head_done = true;
                        force_break = true;
                    } else if header.is_some_and(|h| {
                        !h.iter()
                            .zip(&head_text)
                            .all(|(h, a)| h.starts_with(a.as_str()))
                    }) {
                        head_done = true;
                    }
                }
                for (ci, cell) in cells.iter().enumerate() {
                    let (Some(st), Some(seg)) = (state.get_mut(ci), row.segs.get_mut(ci)) else {
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
                        let r = right.get(ci).copied().unwrap_or(0);
                        let unblanked = ColState {
                            blank_line: false,
                            ..*st
                        };
                        // Text that resumes on the row's first line, after
                        // a line without it, starts the row's own cell.
                        let resumes_at_start = row.lines == 1 && st.gap >= 1;
                        seg.continues = !new_paragraph(&unblanked, t, r, s.fit_slack)
                            && st.last_end.is_some()
                            && !resumes_at_start;
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
                    };
                }
            }
        }
    }
    let starts = cols.iter().map(|c| c.0).collect();
    Some((assemble(rows, &cols), starts))
}

/// A column of one-word cells (amounts, keys): a one-word line followed by
/// a word that would have fitted beside it, or by another lone word (right
/// aligned figures), is the next cell, not a wrap.
fn next_word(st: &ColState, t: &str, right: usize) -> bool {
    let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
    let lone = !t.contains(char::is_whitespace);
    st.one_word
        && !st.hyphen
        && !t.starts_with(char::is_lowercase)
        && (lone || st.last_end.is_some_and(|e| e + 1 + word <= right))
}

/// Does `t` begin a new paragraph in its column (whose text reaches
/// `right`)? `slack` is the room a line must leave to count as short.
fn new_paragraph(st: &ColState, t: &str, right: usize, slack: usize) -> bool {
    let Some(end) = st.last_end else {
        return true;
    };
    if st.blank_line || st.gap >= 2 || markup::strip_bullet(t).1 {
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

/// A line ending in a word broken at its hyphen ("multi-", "Covid-").
fn broken(t: &str) -> bool {
    let mut it = t.chars().rev();
    matches!((it.next(), it.next()), (Some('-'), Some(c)) if c.is_alphanumeric())
}

/// Join a paragraph's lines: a broken word is mended, other lines are joined
/// with a space; superscript ordinals printed apart ("3 rd") are joined.
fn join_lines(lines: &[String]) -> String {
    let lines = place_raised_suffixes(lines);
    let mut out = String::new();
    for l in &lines {
        let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            continue;
        }
        let mend = broken(&out) && l.starts_with(char::is_alphanumeric);
        if !out.is_empty() && !mend {
            out.push(' ');
        }
        out.push_str(&l);
    }
    join_ordinals(&out)
}

/// Ordinal suffixes printed raised, on a line of their own.
const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

/// A line holding only an ordinal suffix ("rd", raised above or below the
/// baseline of "on 3 June") goes back after the first bare number of the
/// line below, else of the line above.
fn place_raised_suffixes(lines: &[String]) -> Vec<String> {
    let is_suffix = |l: &str| ORDINAL_SUFFIXES.contains(&l.trim());
    let mut out: Vec<String> = lines.to_vec();
    let mut i = 0;
    while i < out.len() {
        let Some(suffix) = out
            .get(i)
            .filter(|l| is_suffix(l))
            .map(|l| l.trim().to_string())
        else {
            i += 1;
            continue;
        };
        let attach = |line: &str| -> Option<String> {
            let words: Vec<&str> = line.split(' ').collect();
            let k = words.iter().position(|w| {
                (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
            })?;
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            if let Some(word) = w.get_mut(k) {
                word.push_str(&suffix);
            }
            Some(w.join(" "))
        };
        let below = out.get(i + 1).and_then(|l| attach(l)).map(|l| (i + 1, l));
        let above = i
            .checked_sub(1)
            .and_then(|p| out.get(p).and_then(|l| attach(l)).map(|l| (p, l)));
        match below.or(above) {
            Some((k, l)) => {
                if let Some(slot) = out.get_mut(k) {
                    *slot = l;
                }
                out.remove(i);
            }
            None => i += 1,
        }
    }
    out
}

/// "3 rd June" → "3rd June": a raised ordinal suffix printed apart from its
/// number.
fn join_ordinals(t: &str) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let mut out = String::with_capacity(t.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let prev = words.get(i - 1).copied().unwrap_or("");
            let core = w.trim_end_matches([',', '.', ';', ':', ')']);
            let glue = prev.ends_with(|c: char| c.is_ascii_digit())
                && prev.chars().all(|c| c.is_ascii_digit())
                && ORDINAL_SUFFIXES.contains(&core);
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(w);
    }
    out
}

/// Raw rows into the model's table: a column that carries on through a row
/// boundary becomes one cell spanning the rows; a row with text in the
/// first column only, on one line, or a spanning line, is a one-cell row
/// across the table.
fn assemble(rows: Vec<RawRow>, cols: &[(usize, usize)]) -> Table {
    let n = cols.len();
    let mut out: Vec<Row> = Vec::new();
    // For each column, the (row, cell index) of the last cell there.
    let mut origin: Vec<Option<(usize, usize)>> = vec![None; n];
    for raw in rows {
        let at = Provenance::line(raw.line);
        if let Some((col, text)) = raw.span {
            let mut cell = Cell::new(col, vec![Paragraph::new(join_lines(&[text]), at)]);
            cell.col_span = n.saturating_sub(col).max(1);
            cell.at = at;
            out.push(Row {
                cells: vec![cell],
                at,
                ..Default::default()
            });
            origin = vec![None; n];
            continue;
        }
        let filled: Vec<usize> = (0..n)
            .filter(|&c| raw.segs.get(c).is_some_and(|s| !s.paragraphs.is_empty()))
            .collect();
        if filled == [0] && raw.lines == 1 && !out.is_empty() {
            let seg = raw.segs.first().cloned().unwrap_or_default();
            let text: Vec<String> = seg.paragraphs.iter().map(|p| join_lines(p)).collect();
            let mut cell = Cell::new(0, vec![Paragraph::new(text.join(" "), at)]);
            cell.col_span = n;
            cell.at = at;
            out.push(Row {
                cells: vec![cell],
                at,
                ..Default::default()
            });
            origin = vec![None; n];
            continue;
        }
        let ri = out.len();
        let mut cells = Vec::new();
        for (ci, seg) in raw.segs.into_iter().enumerate() {
            let paras: Vec<Paragraph> = seg
                .paragraphs
                .iter()
                .zip(seg.list.iter().chain(std::iter::repeat(&false)))
                .map(|(p, &list)| Paragraph {
                    list: list.then_some(0),
                    ..Paragraph::new(join_lines(p), Provenance::line(seg.line))
                })
                .collect();
            if seg.continues
                && !raw.entry
                && let Some(Some((r, c))) = origin.get(ci).copied()
                && r > 0
                && let Some(cell) = out.get_mut(r).and_then(|row| row.cells.get_mut(c))
            {
                // The carried-on line goes on the cell's last paragraph.
                let mut paras = paras.into_iter();
                match (paras.next(), cell.paragraphs.last_mut()) {
                    (Some(first), Some(last)) => {
                        last.text = join_lines(&[last.text.clone(), first.text]);
                    }
                    (Some(first), None) => cell.paragraphs.push(first),
                    _ => {}
                }
                cell.paragraphs.extend(paras);
                cell.row_span = ri - r + 1;
                continue;
            }
            // Rows an earlier cell already spans through keep it spanning
            // only while it carries on; a fresh cell starts here.
            let mut cell = Cell::new(ci, paras);
            cell.at = if seg.line > 0 {
                Provenance::line(seg.line)
            } else {
                at
            };
            if let Some(o) = origin.get_mut(ci) {
                *o = Some((ri, cells.len()));
            }
            cells.push(cell);
        }
        out.push(Row {
            cells,
            at,
            ..Default::default()
        });
    }
    // A cell spanning rows leaves no cell in the rows it covers: remove the
    // empty placeholders there.
    let spans: Vec<(usize, usize, usize)> = out
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| {
            r.cells
                .iter()
                .filter(|c| c.row_span > 1)
                .map(move |c| (ri, c.col, c.row_span))
                .collect::<Vec<_>>()
        })
        .collect();
    for (ri, col, span) in spans {
        for row in out.iter_mut().skip(ri + 1).take(span - 1) {
            row.cells.retain(|c| c.col != col);
        }
    }
    mark_header_repeats(&mut out);
    let at = out.first().map_or(Provenance::default(), |r| r.at);
    Table {
        rows: out,
        columns: n,
        pages: Vec::new(),
        at,
    }
}

/// A row's text by column, white space ignored (a header wraps the same
/// way on every page, but its columns may shift by a character).
fn row_key(r: &Row) -> String {
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
fn header_key(r: &Row, columns: usize) -> Vec<String> {
    let mut out = vec![String::new(); columns];
    for c in &r.cells {
        if let Some(slot) = out.get_mut(c.col) {
            *slot = c.text().chars().filter(|c| !c.is_whitespace()).collect();
        }
    }
    out
}

/// Repeats of the first row (a header printed again) are header rows.
fn mark_header_repeats(rows: &mut [Row]) {
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
fn join_tables(prev: &mut Table, mut next: Table, page: u32) -> Option<Table> {
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

/// Prose lines into paragraphs: a paragraph breaks at a blank line, a
/// bullet, or after a line that stops short of the text's right edge.
fn paragraphs(lines: &[PLine], s: &LayoutSettings) -> Vec<Item> {
    let right = lines.iter().map(|l| l.chars.len()).max().unwrap_or(0);
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_list = false;
    let mut cur_line = 0u32;
    let mut last_end: Option<usize> = None;
    let flush = |out: &mut Vec<Item>, cur: &mut Vec<String>, list: bool, line: u32| {
        if !cur.is_empty() {
            let mut p = Paragraph::new(join_lines(cur), Provenance::line(line));
            p.list = list.then_some(0);
            out.push(Item::Para(p));
            cur.clear();
        }
    };
    for l in lines {
        if l.is_blank() {
            flush(&mut out, &mut cur, cur_list, cur_line);
            last_end = None;
            continue;
        }
        let text: String = l.chars.iter().collect();
        let (t, bullet) = markup::strip_bullet(text.trim());
        let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
        let short = last_end.is_some_and(|e| e + 1 + word + s.fit_slack <= right)
            && !cur.last().is_some_and(|p| broken(p));
        if bullet || short {
            flush(&mut out, &mut cur, cur_list, cur_line);
        }
        if cur.is_empty() {
            cur_list = bullet;
            cur_line = l.no;
        }
        cur.push(t.to_string());
        last_end = Some(l.chars.len());
    }
    flush(&mut out, &mut cur, cur_list, cur_line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(src: &str) -> Vec<Table> {
        blocks(src, &LayoutSettings::default())
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn detects_layout_dumps() {
        let s = LayoutSettings::default();
        let layout = "Ref   Area        Lead\n1     Finding     Ann\n2     More        Bob\n3     Again       Cy\n4     Four        Di\n";
        assert!(looks_like_layout(layout, &s));
        assert!(!looks_like_layout("a\tb\nc  d\n", &s));
        assert!(!looks_like_layout("plain text\nwrapped\nlines\n", &s));
    }

    #[test]
    fn blocks_split_at_gutters() {
        let c: Vec<char> = "ab cd   ef  g".chars().collect();
        assert_eq!(blocks_of(&c, 2), vec![(0, 5), (8, 10), (12, 13)]);
        let b: Vec<char> = "\u{f0b7}   item text".chars().collect();
        assert_eq!(blocks_of(&b, 2), vec![(0, 13)]);
    }

    #[test]
    fn rows_columns_and_wrapped_cells() {
        let src = "\
Ref   Area for                   Action                 Lead
      development
1     Some children wait too     1.1 Audit the team     Ann
      long for help when they    this year
      are first assessed         1.2 Revise the         Bob Jones-Smith
                                 escalation process
Health
2     Plans are unclear          2.1 Improve plans      Cy Dee
";
        let t = &tables(src)[0];
        assert_eq!(t.columns, 4);
        let texts: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text()).collect())
            .collect();
        assert_eq!(
            texts[0],
            vec!["Ref", "Area for development", "Action", "Lead"]
        );
        assert_eq!(texts[1][0], "1");
        assert_eq!(
            t.rows[1].cells[1].text(),
            "Some children wait too long for help when they are first assessed"
        );
        assert_eq!(t.rows[1].cells[1].row_span, 2);
        assert_eq!(t.rows[1].cells[2].text(), "1.1 Audit the team this year");
        assert_eq!(
            t.cell_at(2, 2).map(|c| c.text()).as_deref(),
            Some("1.2 Revise the escalation process")
        );
        assert_eq!(texts[3], vec!["Health"]);
        assert_eq!(t.rows[3].cells[0].col_span, 4);
        assert_eq!(texts[4][2], "2.1 Improve plans");
    }

    #[test]
    fn table_continued_over_a_page_break() {
        let src = "\
Ref   Action                     Lead
1     An action                  Cy Dee
2     Start of an action that    Ann Smith-Jones
      goes on
\u{c}Ref   Action                     Lead
      over the break
3     Next action                Bob Jones
4     Last action                Di Eve
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert!(t.rows[0].header && t.rows[3].header);
        assert!(t.rows[4].page_break_before);
        assert_eq!(t.rows[4].cells[0].text(), "");
        assert_eq!(
            t.cell_at(4, 1).map(|c| c.text()).as_deref(),
            Some("over the break")
        );
        assert_eq!(t.pages, vec![1, 2]);
    }

    #[test]
    fn running_heads_and_page_numbers_are_dropped() {
        let mut page = String::new();
        for p in 1..=4 {
            page.push_str(&format!(
                "Partnership plan\nBody text of page {p} is here.\n{p}\n\u{c}"
            ));
        }
        let b = blocks(&page, &LayoutSettings::default());
        let texts: Vec<String> = b
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(texts.len(), 4);
        assert!(texts.iter().all(|t| t.starts_with("Body text")));
    }

    #[test]
    fn prose_breaks_at_short_lines_and_bullets() {
        let src = "A first paragraph that runs over the whole width of the page and\nends here.\nA second one that also runs over the whole width of the page and on\n\u{f0b7}  an item\n";
        let b = blocks(src, &LayoutSettings::default());
        assert_eq!(b.len(), 3);
        assert!(matches!(&b[2], Block::Paragraph(p) if p.list == Some(0) && p.text == "an item"));
    }

    proptest::proptest! {
        /// Any mix of words, gutters, bullets, blank lines and form feeds:
        /// the reader never panics and every table is well formed.
        #[test]
        fn never_panics_on_arbitrary_layouts(
            parts in proptest::collection::vec(0usize..8, 0..400),
        ) {
            const PIECES: [&str; 8] =
                ["word", " ", "     ", "\n", "\u{c}", "\u{f0b7}", "1.2", "Ab-"];
            let text: String = parts.iter().map(|&i| PIECES[i % PIECES.len()]).collect();
            let s = LayoutSettings::default();
            let _ = looks_like_layout(&text, &s);
            for b in blocks(&text, &s) {
                if let Block::Table(t) = b {
                    for r in &t.rows {
                        for c in &r.cells {
                            proptest::prop_assert!(c.col < t.columns.max(1));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn ordinals_and_broken_words_are_joined() {
        assert_eq!(
            join_lines(&[
                "launched on 3 rd June, mindful of Covid-".into(),
                "19 rules".into()
            ]),
            "launched on 3rd June, mindful of Covid-19 rules"
        );
        assert_eq!(
            join_lines(&["rd".into(), "launched on 3 June 2020".into()]),
            "launched on 3rd June 2020"
        );
        assert_eq!(
            join_lines(&["by 20 April".into(), "th".into(), "2020".into()]),
            "by 20th April 2020"
        );
        assert_eq!(
            join_lines(&["Programme developed -".into(), "end".into()]),
            "Programme developed - end"
        );
    }
}
