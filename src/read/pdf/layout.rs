//! One page into tables and body text; the pages into the model's blocks.
//!
//! Per page: ruled grids are found ([`grid`]), each glyph goes to the cell
//! whose box holds its centre, and the glyphs left over are the body. Body
//! lines in the top or bottom margin band that recur on most pages at the
//! same height (digits ignored, so page numbers match) are running headers
//! and footers and are left out. Reading order: blocks top to bottom, and
//! on a page whose body splits at a clear vertical gutter, the left column
//! before the right. Headings: paragraphs set clearly larger than the body
//! size (the most common size by glyph count), levels by size rank.

use std::collections::HashMap;

use crate::model::{Block, Cell, Heading, Paragraph, Provenance, Row, Style, Table};

use super::aligned;
use super::carry;
use super::fills;
use super::geom::Glyph;
use super::grid::{self, Grid};
use super::interp::{FontCache, PageContent};
use super::join;
use super::settings::PDF;
use super::stream;
use super::text::{self, Para};

/// A table found on one page, with the geometry the cross-page join needs.
#[derive(Debug, Clone)]
pub struct PageTable {
    pub grid: Grid,
    /// Paragraphs of each grid cell, parallel to `grid.cells`.
    pub cells: Vec<Vec<Para>>,
    /// Tables drawn inside one of this table's cells: (cell index, table).
    pub nested: Vec<(usize, PageTable)>,
    /// Found from text alignment, not rules: its right edge is where its
    /// text ends, so it may differ from page to page.
    pub borderless: bool,
    /// The foot row ended on this page, by its geometry: a closing rule
    /// under it and its text the table's usual padding above that rule
    /// (see [`foot_whole`]). A page break under such a row falls between
    /// rows, so the next page's first row starts afresh.
    pub foot_whole: bool,
}

/// Tables of one page, with each glyph inside a cell assigned to it.
pub fn page_tables(page: &PageContent, fonts: &FontCache) -> Vec<PageTable> {
    fn flatten(mut t: PageTable, out: &mut Vec<PageTable>) {
        let nested = std::mem::take(&mut t.nested);
        out.push(t);
        for (_, n) in nested {
            flatten(n, out);
        }
    }
    let mut out = Vec::new();
    let (mut tables, _, known) = split(page, fonts);
    for t in &mut tables {
        unbreak(t, &known);
    }
    for t in tables {
        flatten(t, &mut out);
    }
    out
}

/// A table's grid of strings for `docket tables`.
pub fn grid_strings(t: &PageTable) -> Vec<Vec<Option<String>>> {
    let mut out = vec![vec![None; t.grid.cols()]; t.grid.rows()];
    for (cell, paras) in t.grid.cells.iter().zip(&t.cells) {
        let text: Vec<String> = paras.iter().map(Para::printed).collect();
        if let Some(slot) = out.get_mut(cell.r0).and_then(|r| r.get_mut(cell.c0)) {
            *slot = Some(text.join("\n"));
        }
    }
    // Uncovered positions (outside any cell) read as empty strings, covered
    // ones stay None.
    let mut covered = vec![vec![false; t.grid.cols()]; t.grid.rows()];
    for c in &t.grid.cells {
        for row in covered.iter_mut().take(c.r1).skip(c.r0) {
            for v in row.iter_mut().take(c.c1).skip(c.c0) {
                *v = true;
            }
        }
    }
    for (r, row) in out.iter_mut().enumerate() {
        for (c, v) in row.iter_mut().enumerate() {
            if v.is_none() && !covered[r][c] {
                *v = Some(String::new());
            }
        }
    }
    out
}

/// Split a page into its tables (ruled, then borderless among the rest)
/// and the body lines outside them.
fn split(page: &PageContent, fonts: &FontCache) -> (Vec<PageTable>, Vec<text::Line>, Words) {
    let (mut tables, rest, words) = split_without(page, fonts, &[], &[]);
    for t in &mut tables {
        fills::paint_cells(t, &page.fills);
    }
    (tables, rest, words)
}

/// A ruled grid of a few rows (a header, often only shaded) with lines
/// right under it whose words keep to its columns: the header of a table
/// whose body has no rules. Returns the fewest body lines to read under
/// it: [`PDF.aligned_min_rows`], or one when the lines that fit run down to
/// the foot of the page (`height`), where the break may leave a header
/// only a row.
fn header_over_text(g: &Grid, lines: &[text::Line], height: f32) -> Option<usize> {
    if g.rows() > 3 || g.cols() < 2 {
        return None;
    }
    let near = |a: usize| {
        lines
            .get(a)
            .is_some_and(|l| l.top - g.bottom() < PDF.header_body_gap * l.size.max(1.0))
    };
    if let Some((a, _, _)) = aligned::find_under(lines, &g.xs, None, g.bottom()) {
        return near(a).then_some(PDF.aligned_min_rows);
    }
    let (a, b, _) = aligned::find_under_min(lines, &g.xs, None, g.bottom(), 1)?;
    let foot = lines.get(b..).is_some_and(|rest| {
        rest.iter()
            .all(|l| l.top > height * (1.0 - PDF.margin_band))
    });
    (near(a) && foot).then_some(1)
}

/// A ruled grid of a few rows right above a borderless table and over its
/// width (its columns may hold no text below, so the table found from
/// text may be narrower): the shading of the table's header (or section) rows, drawn as
/// filled boxes, not a table of its own. Its text belongs to the table.
fn shading_above(g: &Grid, t: &PageTable) -> bool {
    let (tx0, tx1) = (t.grid.x0(), t.grid.x1());
    let overlap = g.x1().min(tx1) - g.x0().max(tx0);
    let gap = t.grid.top() - g.bottom();
    g.rows() <= 3
        && g.x0() <= tx0 + PDF.shading_left
        && overlap >= PDF.shading_overlap * (tx1 - tx0)
        && (PDF.shading_gap.0..=PDF.shading_gap.1).contains(&gap)
}

/// A ruled header over an unruled body: its column edges, top, bottom and
/// the fewest body lines to read under it (see [`header_over_text`]).
type Header = (Vec<f32>, f32, f32, usize);

/// [`split`], with the ruled grids at indices `drop` read as body text.
fn split_without(
    page: &PageContent,
    fonts: &FontCache,
    drop: &[usize],
    headers: &[Header],
) -> (Vec<PageTable>, Vec<text::Line>, Words) {
    let mut dropped: Vec<Grid> = Vec::new();
    let mut grids: Vec<Grid> = Vec::new();
    for (i, g) in grid::find_grids(&page.segs).into_iter().enumerate() {
        if drop.contains(&i) {
            dropped.push(g);
        } else {
            grids.push(g);
        }
    }
    let all_grids = grids.clone();
    let mut per_cell: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut body = Vec::new();
    for g in &page.glyphs {
        let (x, y) = (g.cx(), g.cy());
        // The innermost cell holding the glyph: a table nested in a cell
        // of a layout grid keeps its own text.
        let hit = grids
            .iter()
            .enumerate()
            .filter_map(|(ti, t)| t.cell_at(x, y).map(|ci| (ti, ci, area(t, ci))))
            .min_by(|a, b| a.2.total_cmp(&b.2));
        match hit {
            Some((ti, ci, _)) => per_cell[ti][ci].push(g),
            None => body.push(g),
        }
    }
    // Which table (and cell) each table sits inside, if any.
    let parent: Vec<Option<(usize, usize)>> = grids
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let (cx, cy) = ((g.x0() + g.x1()) / 2.0, (g.top() + g.bottom()) / 2.0);
            grids
                .iter()
                .enumerate()
                .filter(|(j, o)| *j != i && area_all(o) > area_all(g))
                .filter_map(|(j, o)| o.cell_at(cx, cy).map(|ci| (j, ci, area(o, ci))))
                .filter(|(j, ci, _)| {
                    let (x0, y0, x1, y1) = grids[*j].cell_box(&grids[*j].cells[*ci]);
                    g.x0() >= x0 - PDF.snap
                        && g.x1() <= x1 + PDF.snap
                        && g.top() >= y0 - PDF.snap
                        && g.bottom() <= y1 + PDF.snap
                })
                .min_by(|a, b| a.2.total_cmp(&b.2))
                .map(|(j, ci, _)| (j, ci))
        })
        .collect();
    let mut known = std::collections::HashSet::new();
    let mut built: Vec<Option<PageTable>> = Vec::with_capacity(grids.len());
    for (mut g, cells) in grids.into_iter().zip(per_cell) {
        if cells.iter().all(|c| c.iter().all(|g| g.c.is_whitespace())) {
            built.push(None);
            continue;
        }
        let pads = foot_pads(&g, &cells);
        if pads.is_some_and(|(usual, last)| cut_by_page(usual, last)) {
            g.open_bottom = true;
        }
        let foot_whole = !g.open_bottom && pads.is_some_and(|(u, l)| foot_whole(u, l));
        let mut nested = Vec::new();
        let paras = g
            .cells
            .iter()
            .zip(&cells)
            .enumerate()
            .map(|(ci, (cell, gs))| {
                let (_, _, x1, _) = g.cell_box(cell);
                let lines = text::lines(gs, fonts);
                text::mid_line_words(&lines, &mut known);
                // A big ruled cell (a frame) may hold a borderless table.
                let (inner, used) = stream::find(&lines);
                if inner.is_empty() {
                    return text::paragraphs(&lines, x1 - PDF.cell_pad);
                }
                nested.extend(inner.into_iter().map(|t| (ci, t)));
                let rest: Vec<text::Line> = lines
                    .into_iter()
                    .zip(used)
                    .filter(|(_, u)| !u)
                    .map(|(l, _)| l)
                    .collect();
                text::paragraphs(&rest, x1 - PDF.cell_pad)
            })
            .collect();
        built.push(Some(PageTable {
            grid: g,
            cells: paras,
            nested,
            borderless: false,
            foot_whole,
        }));
    }
    // Attach nested tables to their parents, innermost first (smaller
    // tables come later in no particular order, so repeat until stable).
    let mut order: Vec<usize> = (0..built.len()).collect();
    order.sort_by(|a, b| {
        let ar = built[*a].as_ref().map_or(0.0, |t| area_all(&t.grid));
        let br = built[*b].as_ref().map_or(0.0, |t| area_all(&t.grid));
        ar.total_cmp(&br)
    });
    for i in order {
        if let Some((p, ci)) = parent[i]
            && built.get(p).is_some_and(Option::is_some)
            && let Some(child) = built[i].take()
            && let Some(Some(pt)) = built.get_mut(p)
        {
            pt.nested.push((ci, child));
        }
    }
    let mut tables: Vec<PageTable> = built.into_iter().flatten().collect();
    let lines = text::lines(&body, fonts);
    // Body lines may run across the columns of a borderless table: their
    // words count from each chunk's second on.
    let chunks: Vec<text::Line> = lines
        .iter()
        .flat_map(|l| l.split_at_gaps(PDF.chunk_gap))
        .collect();
    text::mid_line_words(&chunks, &mut known);
    let (aligned, used) = aligned::find(&lines);
    let mut lines: Vec<text::Line> = lines
        .into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(l, _)| l)
        .collect();
    let mut aligned = carry::stacked(aligned, &lines);
    if drop.is_empty() {
        let shading: Vec<usize> = all_grids
            .iter()
            .enumerate()
            .filter(|(_, g)| aligned.iter().any(|t| shading_above(g, t)))
            .map(|(i, _)| i)
            .collect();
        let over: Vec<(usize, usize)> = all_grids
            .iter()
            .enumerate()
            .filter(|(i, _)| !shading.contains(i))
            .filter_map(|(i, g)| header_over_text(g, &lines, page.height).map(|m| (i, m)))
            .collect();
        if !shading.is_empty() || !over.is_empty() {
            let heads: Vec<Header> = over
                .iter()
                .filter_map(|(i, m)| all_grids.get(*i).map(|g| (g, *m)))
                .map(|(g, m)| (g.xs.clone(), g.top(), g.bottom(), m))
                .collect();
            let all: Vec<usize> = shading
                .into_iter()
                .chain(over.into_iter().map(|(i, _)| i))
                .collect();
            return split_without(page, fonts, &all, &heads);
        }
    }
    // Tables under a ruled header, their body unruled.
    for (xs, top, bottom, min) in headers {
        if let Some((a, b, t)) = aligned::find_under_min(&lines, xs, Some(*top), *bottom, *min) {
            aligned.push(t);
            lines.drain(a..b);
        }
    }
    // The top lines of a shaded header the aligned finder left out (a
    // title row set across the columns) head its table.
    for t in &mut aligned {
        let shade = dropped
            .iter()
            .filter(|g| g.top() < t.grid.top() && g.bottom() > t.grid.top() + PDF.box_slack)
            .find(|g| g.x0() <= t.grid.x0() + PDF.shading_left);
        let Some(g) = shade else { continue };
        let (above, rest): (Vec<text::Line>, Vec<text::Line>) =
            std::mem::take(&mut lines).into_iter().partition(|l| {
                l.top >= g.top() - PDF.box_slack
                    && l.bottom <= t.grid.top() + PDF.box_slack
                    && l.x0 >= g.x0() - PDF.box_slack
            });
        lines = rest;
        if !above.is_empty() {
            head_row(t, &above);
        }
    }
    let (borderless, used) = stream::find(&lines);
    tables.extend(aligned);
    tables.extend(borderless);
    tables.sort_by(|a, b| a.grid.top().total_cmp(&b.grid.top()));
    first_words(&tables, &mut known);
    let rest = lines
        .into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(l, _)| l)
        .collect();
    (tables, rest, known)
}

/// The words a page prints after another word on a line (see
/// [`text::mid_line_words`]).
type Words = std::collections::HashSet<String>;

/// Put `lines` on top of `t` as a row of its own, the text in the first
/// column (as a ruled header's title row reads under [`aligned::find_under`]).
fn head_row(t: &mut PageTable, lines: &[text::Line]) {
    let n = t.grid.cols();
    for c in &mut t.grid.cells {
        c.r0 += 1;
        c.r1 += 1;
    }
    let top = lines.iter().map(|l| l.top).fold(f32::MAX, f32::min);
    t.grid.ys.insert(0, top - 0.5);
    for c in (0..n).rev() {
        t.grid.cells.insert(
            0,
            grid::GridCell {
                r0: 0,
                r1: 1,
                c0: c,
                c1: c + 1,
                fill: None,
            },
        );
        t.cells.insert(
            0,
            if c == 0 {
                text::paragraphs(lines, f32::MAX)
            } else {
                Vec::new()
            },
        );
    }
    t.grid.index();
}

/// The first words of the paragraphs of `tables` and the tables nested in
/// them (see [`text::para_first_words`]).
fn first_words(tables: &[PageTable], known: &mut Words) {
    for t in tables {
        text::para_first_words(t.cells.iter().flatten(), known);
        for (_, n) in &t.nested {
            first_words(std::slice::from_ref(n), known);
        }
    }
}

/// Undo broken-word joins the page's own words contradict, in a table and
/// the tables nested in it.
fn unbreak(t: &mut PageTable, known: &std::collections::HashSet<String>) {
    for p in t.cells.iter_mut().flatten() {
        p.unbreak(known);
    }
    for (_, n) in &mut t.nested {
        unbreak(n, known);
    }
}

/// The bottom padding of a ruled table's rows: the gap from each row's
/// lowest text to the rule under it. Returns the usual padding (median
/// over the rows above the foot) and the foot row's, or `None` when the
/// table has too few rows with text to say what is usual.
fn foot_pads(g: &Grid, cells: &[Vec<&Glyph>]) -> Option<(f32, f32)> {
    let rows = g.rows();
    if rows < 3 {
        return None;
    }
    // Lowest text bottom of the cells ending in each grid row.
    let mut low = vec![f32::MIN; rows];
    for (cell, gs) in g.cells.iter().zip(cells) {
        let Some(r) = cell.r1.checked_sub(1) else {
            continue;
        };
        for gl in gs.iter().filter(|gl| !gl.c.is_whitespace()) {
            if let Some(v) = low.get_mut(r) {
                *v = v.max(gl.bottom);
            }
        }
    }
    let pad = |r: usize| -> Option<f32> {
        let l = *low.get(r)?;
        (l > f32::MIN)
            .then(|| g.ys.get(r + 1).map(|y| y - l))
            .flatten()
    };
    let mut pads: Vec<f32> = (0..rows - 1).filter_map(pad).collect();
    let last = pad(rows - 1)?;
    if pads.len() < 2 {
        return None;
    }
    pads.sort_by(|a, b| a.total_cmp(b));
    Some((pads[pads.len() / 2], last))
}

/// Was the table's last row cut by the page break? A row that ends keeps
/// its cells' bottom padding under its lowest line of text; a row the page
/// cut off is closed right under the text. So: the last row's padding is
/// under half the table's usual row padding.
fn cut_by_page(usual: f32, last: f32) -> bool {
    usual >= 1.5 && last < 0.5 * usual
}

/// Did the table's last row end on its page? Its text stops the usual
/// padding above the rule under it, as every row's does whose height its
/// text sets. A row cut by the break stops short of that (its text runs
/// to the page's end) or far above it (the line or paragraph that did not
/// fit went over, leaving its space empty): matching the usual padding to
/// within [`PDF.foot_pad_match`] points is the mark of a whole row.
fn foot_whole(usual: f32, last: f32) -> bool {
    (last - usual).abs() <= PDF.foot_pad_match
}

fn area(g: &Grid, ci: usize) -> f32 {
    g.cells.get(ci).map_or(f32::MAX, |c| {
        let (x0, y0, x1, y1) = g.cell_box(c);
        (x1 - x0) * (y1 - y0)
    })
}

fn area_all(g: &Grid) -> f32 {
    (g.x1() - g.x0()) * (g.bottom() - g.top())
}

/// A block of one page before the pages are put together.
#[derive(Debug, Clone)]
pub enum Item {
    Table(PageTable),
    Para(Para),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Table(t) => t.grid.top(),
            Item::Para(p) => p.top,
        }
    }
}

/// Key of a line for running header/footer detection: digits folded.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn is_page_number(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_prefix("page").unwrap_or(&t).trim();
    let mut parts = t.split(" of ");
    let first = parts.next().unwrap_or("");
    let num = |s: &str| !s.trim().is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
    num(first) && parts.all(num)
}

/// All pages into the model's blocks.
pub fn document_blocks(pages: &[PageContent], fonts: &FontCache) -> Vec<Block> {
    // Pass 1: per page, tables and body lines.
    let mut page_tables: Vec<Vec<PageTable>> = Vec::with_capacity(pages.len());
    let mut page_lines: Vec<Vec<text::Line>> = Vec::with_capacity(pages.len());
    let mut known = Words::new();
    for p in pages {
        // One step per glyph, segment and fill: the page's size in the
        // work meter's unit, so a deadline or a cancel is seen page by page.
        crate::work::step((p.glyphs.len() + p.segs.len() + p.fills.len()) as u64);
        let (tables, body, words) = split(p, fonts);
        known.extend(words);
        page_lines.push(body);
        page_tables.push(tables);
    }
    // Broken-word joins are checked against the whole document's words.
    for t in page_tables.iter_mut().flatten() {
        unbreak(t, &known);
    }
    // Body size: the size of most glyphs, table cells included (a plan's
    // body is its table; a title above it is not the body).
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        if !g.c.is_whitespace() {
            *sizes.entry((g.size * 2.0).round() as i32).or_default() += 1;
        }
    }
    let mut text_sizes: HashMap<i32, usize> = HashMap::new();
    for l in page_lines.iter().flatten() {
        let n = l
            .words
            .iter()
            .map(|w| w.text.chars().count())
            .sum::<usize>();
        *text_sizes.entry((l.size * 2.0).round() as i32).or_default() += n;
    }
    let body_size = body_size(&sizes, &text_sizes);
    // Running headers and footers: keys seen in the margin bands.
    let mut seen: HashMap<(String, bool), usize> = HashMap::new();
    for (p, lines) in pages.iter().zip(&page_lines) {
        let mut keys: Vec<(String, bool)> = lines
            .iter()
            .filter(|l| l.size < body_size * PDF.heading_ratio)
            .filter_map(|l| margin(p, l).map(|top| (furniture_key(&l.text()), top)))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let recurring = |k: &(String, bool)| {
        pages.len() >= 2 && seen.get(k).copied().unwrap_or(0) * 2 > pages.len()
    };
    let mut page_kept: Vec<Vec<text::Line>> = pages
        .iter()
        .zip(page_lines)
        .map(|(p, lines)| {
            lines
                .into_iter()
                .filter(|l| match margin(p, l) {
                    Some(top) => {
                        !(recurring(&(furniture_key(&l.text()), top)) || is_page_number(&l.text()))
                    }
                    None => true,
                })
                .collect()
        })
        .collect();
    // A table the page before ended with lends its columns to the head of
    // the page.
    for pi in 1..pages.len() {
        let (before, after) = page_tables.split_at_mut(pi);
        let (Some(prev_tables), Some(tables)) = (before.last(), after.first_mut()) else {
            continue;
        };
        let Some(prev) = prev_tables
            .iter()
            .max_by(|a, b| a.grid.bottom().total_cmp(&b.grid.bottom()))
        else {
            continue;
        };
        let below = page_kept
            .get(pi - 1)
            .is_some_and(|ls| ls.iter().any(|l| l.top > prev.grid.bottom() - 1.0));
        if below {
            continue;
        }
        if let (Some(lines), Some(p)) = (page_kept.get_mut(pi), pages.get(pi)) {
            carry::carry(prev, tables, lines, p.width);
        }
    }
    let mut page_items: Vec<Vec<Item>> = Vec::with_capacity(pages.len());
    for ((p, kept), tables) in pages.iter().zip(page_kept).zip(page_tables) {
        // Paragraphs keep their reading order (columns); each table goes
        // before the first paragraph that starts below its top.
        let mut merged: Vec<Item> = body_paragraphs(kept, p.width)
            .into_iter()
            .map(Item::Para)
            .collect();
        for t in tables {
            let at = merged
                .iter()
                .position(|i| matches!(i, Item::Para(_)) && i.top() > t.grid.top())
                .unwrap_or(merged.len());
            merged.insert(at, Item::Table(t));
        }
        page_items.push(merged);
    }
    // Heading levels by size rank among heading sizes.
    let mut heading_sizes: Vec<i32> = page_items
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Para(p) if p.size >= body_size * PDF.heading_ratio => {
                Some((p.size * 2.0).round() as i32)
            }
            _ => None,
        })
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    heading_sizes.dedup();
    join::blocks(page_items, fonts, |p, page| {
        to_block(p, page, body_size, &heading_sizes, fonts)
    })
}

/// `Some(true)` for a line in the top band, `Some(false)` bottom, else None.
fn margin(p: &PageContent, l: &text::Line) -> Option<bool> {
    if l.bottom < p.height * PDF.margin_band {
        Some(true)
    } else if l.top > p.height * (1.0 - PDF.margin_band) {
        Some(false)
    } else {
        None
    }
}

/// The document's body size from the glyph counts per size (half points)
/// of all its text and of the text outside tables. Mostly the size of most
/// glyphs, table cells included (a plan's body is its table; a title above
/// it is not the body). But table text is often set smaller than the
/// paragraphs around it (8 against 10 points), and then every paragraph
/// would stand out as a heading: where the text outside tables has a size
/// of its own on at least [`PDF.body_text_min`] characters, larger than the
/// tables', that is the body size.
fn body_size(all: &HashMap<i32, usize>, outside: &HashMap<i32, usize>) -> f32 {
    let most = |m: &HashMap<i32, usize>| {
        m.iter()
            .max_by_key(|(s, n)| (**n, -**s))
            .map(|(s, n)| (*s as f32 / 2.0, *n))
    };
    let all = most(all).map_or(10.0, |(s, _)| s);
    match most(outside) {
        Some((s, n)) if n >= PDF.body_text_min && s > all => s,
        _ => all,
    }
}

/// Body lines into paragraphs, column by column where the page has a gutter.
fn body_paragraphs(lines: Vec<text::Line>, width: f32) -> Vec<Para> {
    let right = lines.iter().map(|l| l.x1).fold(0.0f32, f32::max).min(width);
    // Lines of side-by-side columns share a baseline: cut them at wide gaps
    // before looking for a gutter.
    let pieces: Vec<text::Line> = lines
        .iter()
        .flat_map(|l| l.split_at_gaps(PDF.gutter_gap))
        .collect();
    if let Some(gutter) = gutter(&pieces, width) {
        let (mut left, mut rest): (Vec<_>, Vec<_>) =
            pieces.into_iter().partition(|l| l.x1 <= gutter);
        left.sort_by(|a, b| a.top.total_cmp(&b.top));
        rest.sort_by(|a, b| a.top.total_cmp(&b.top));
        let mut out = text::paragraphs(&left, gutter);
        let r = rest.iter().map(|l| l.x1).fold(0.0f32, f32::max);
        out.extend(text::paragraphs(&rest, r));
        return out;
    }
    text::paragraphs(&lines, right)
}

/// An x position no body line crosses, with several lines wholly on each
/// side of it: the gutter of a two-column page.
fn gutter(lines: &[text::Line], width: f32) -> Option<f32> {
    if lines.len() < 8 {
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    for x in gutter_probes(width) {
        if lines.iter().all(|l| l.x1 <= x || l.x0 >= x) {
            let left = lines.iter().filter(|l| l.x1 <= x).count();
            let right = lines.len() - left;
            let n = left.min(right);
            if n >= 4 && best.is_none_or(|b| n > b.1) {
                best = Some((x, n));
            }
        }
    }
    best.map(|b| b.0)
}

/// Where a gutter is looked for: positions 4 pt apart across the middle
/// 40% of the page, at most [`MAX_GUTTER_PROBES`] of them. Why counted and
/// not swept by adding 4.0 until the end: on a page box of 10^9 points
/// adding 4.0 to a float no longer changes it, and the sweep never ended
/// (a fuzzed 18 KB PDF hung).
fn gutter_probes(width: f32) -> impl Iterator<Item = f32> {
    let from = width * 0.3;
    let span = width * 0.4;
    let ok = from.is_finite() && span.is_finite() && span > 0.0;
    let step = (span / MAX_GUTTER_PROBES as f32).max(4.0);
    let probes = if ok {
        ((span / step).ceil() as usize).min(MAX_GUTTER_PROBES)
    } else {
        0
    };
    (0..probes).map(move |k| from + k as f32 * step)
}

/// Most positions tried as a two-column page's gutter: 4 pt apart over the
/// middle 40% of a page up to 2,560 pt wide (A0 is 2,384).
const MAX_GUTTER_PROBES: usize = 256;

/// A body paragraph into a model block.
fn to_block(p: &Para, page: u32, body: f32, heading_sizes: &[i32], fonts: &FontCache) -> Block {
    let at = Provenance::page(page);
    let key = (p.size * 2.0).round() as i32;
    // A list item is body text whatever its size (a browser may print a
    // list in its default size, larger than the page's body).
    if p.size >= body * PDF.heading_ratio && p.text.chars().count() < 200 && !p.bullet {
        let rank = heading_sizes.iter().position(|s| *s == key).unwrap_or(0);
        return Block::Heading(Heading {
            furniture: false,
            level: (rank + 1).min(9) as u8,
            text: p.text.clone(),
            at,
        });
    }
    Block::Paragraph(paragraph(p, page, fonts))
}

pub fn paragraph(p: &Para, page: u32, fonts: &FontCache) -> Paragraph {
    Paragraph {
        furniture: false,
        text: p.text.clone(),
        style: Style {
            bold: p.bold,
            size: Some((p.size * 10.0).round() / 10.0),
            font: fonts.shared_name(p.font),
            name: None,
            bold_prefix: if p.bold { 0 } else { p.bold_prefix },
        },
        list: p.bullet.then_some(0),
        at: Provenance::page(page),
    }
}

/// A page table into a model table.
pub fn to_table(t: &PageTable, page: u32, fonts: &FontCache) -> Table {
    let mut rows: Vec<Row> = (0..t.grid.rows())
        .map(|_| Row {
            at: Provenance::page(page),
            ..Default::default()
        })
        .collect();
    for (ci, (cell, paras)) in t.grid.cells.iter().zip(&t.cells).enumerate() {
        if let Some(row) = rows.get_mut(cell.r0) {
            let mut paragraphs: Vec<Paragraph> =
                paras.iter().map(|p| paragraph(p, page, fonts)).collect();
            for (_, n) in t.nested.iter().filter(|(c, _)| *c == ci) {
                let inner = to_table(n, page, fonts);
                // The nested table's text, flattened, after the cell's own
                // text above it.
                for r in inner.rows {
                    for c in r.cells {
                        paragraphs.extend(c.paragraphs);
                    }
                }
            }
            row.cells.push(Cell {
                col: cell.c0,
                col_span: (cell.c1 - cell.c0).max(1),
                row_span: (cell.r1 - cell.r0).max(1),
                paragraphs,
                fill: cell.fill,
                at: Provenance::page(page),
            });
        }
    }
    Table {
        rows,
        columns: t.grid.cols(),
        pages: vec![page],
        at: Provenance::page(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gutter_probes_are_4_pt_apart_and_bounded() {
        let a4: Vec<f32> = gutter_probes(595.0).collect();
        assert_eq!(a4.len(), 60);
        assert!((a4[1] - a4[0] - 4.0).abs() < 1e-3);
        assert!(a4.iter().all(|x| (178.5..416.5).contains(x)));
        assert_eq!(gutter_probes(1.0e9).count(), MAX_GUTTER_PROBES);
        assert_eq!(gutter_probes(f32::INFINITY).count(), 0);
        assert_eq!(gutter_probes(f32::NAN).count(), 0);
    }

    fn line(top: f32, pieces: &[(f32, &str)]) -> text::Line {
        text::test_line(top, false, pieces)
    }

    #[test]
    fn paragraphs_larger_than_the_tables_set_the_body_size() {
        // Counts per half-point size: 8 pt table text is most of the page.
        let all: HashMap<i32, usize> = [(16, 4000), (19, 900), (30, 60)].into();
        // Paragraphs at 9.5 pt around it: they are the body, not headings.
        let outside: HashMap<i32, usize> = [(19, 900), (30, 60)].into();
        assert_eq!(body_size(&all, &outside), 9.5);
        // Only a title outside the table: the table's size is the body's.
        let outside: HashMap<i32, usize> = [(30, 60)].into();
        assert_eq!(body_size(&all, &outside), 8.0);
        // Text outside the tables set smaller (notes) leaves it too.
        let all: HashMap<i32, usize> = [(20, 4000), (16, 900)].into();
        let outside: HashMap<i32, usize> = [(16, 900)].into();
        assert_eq!(body_size(&all, &outside), 10.0);
    }

    #[test]
    fn a_title_row_goes_on_top_shaped_like_a_ruled_headers() {
        let lines: Vec<text::Line> = ["One", "Two", "Three more", "Four"]
            .iter()
            .enumerate()
            .map(|(i, a)| {
                line(
                    20.0 + 12.0 * i as f32,
                    &[(0.0, a), (100.0, "do"), (200.0, "May")],
                )
            })
            .collect();
        let (mut tables, _) = aligned::find(&lines);
        let t = tables.first_mut().expect("a table");
        let rows = t.grid.rows();
        head_row(t, &[line(5.0, &[(0.0, "THEME 1: Title")])]);
        assert_eq!(t.grid.rows(), rows + 1);
        let strings = grid_strings(t);
        assert_eq!(
            strings.first().cloned(),
            Some(vec![
                Some("THEME 1: Title".to_string()),
                Some(String::new()),
                Some(String::new())
            ])
        );
        assert_eq!(
            strings.get(1).and_then(|r| r.first()).cloned(),
            Some(Some("One".into()))
        );
    }
}
