//! A plan table rebuilt from a dump whose text boxes are whole cells.
//!
//! Why this works without geometry: pdftotext (without -layout) prints each
//! table cell as its own blank-line-separated group, row by row and, inside
//! a row, in column order. The header row therefore arrives as one group per
//! column alias (`grammars/columns.toml`), which gives the column order and
//! count; each later group is the next cell. A group that is only a ref
//! ("2.1") opens a row where the table has a ref column; without one, a row
//! ends where the next group can only belong to a column already passed.
//! Empty cells print nothing, so columns that hold no text in most plans
//! (status, progress) take a group only when it looks like theirs.
//!
//! The rebuilt table goes to the table interpreter (`interpret::plan`), which
//! already knows repeated headers, rows split by a page break (marked here
//! with `page_break_before`), sections and every field.

use crate::model::{self, Block, Document, Format, Paragraph, Provenance, Table};
use crate::recognise::{Grammars, reference, status};

use super::Para;
use super::cues::{date_spans, join, lead_like, opens_mid_sentence, unfinished, words};
use super::header::{Aliases, Column, norm_words};
use super::lexicon::{Lexicon, lexicon};
use crate::interpret::plan::{self, Plan};

/// Most words a header cell (alias plus its explanation) holds.
const MAX_HEADER_WORDS: usize = 20;
/// Most words a heading line above a table (a section) holds.
const MAX_HEADING_WORDS: usize = 8;

/// One header run: paragraphs `start..start + len`. The first may hold text
/// above the header in its lines before `pre`; `heading` is the line
/// (paragraph, line index) that names the table (a theme or section).
struct Run {
    start: usize,
    len: usize,
    pre: usize,
    cols: Vec<Column>,
    texts: Vec<Vec<String>>,
    heading: Option<(usize, usize)>,
}

/// The column a header cell names: the longest alias its words start with.
fn header_cell(aliases: &Aliases, text: &str) -> Option<Column> {
    let w = norm_words(text);
    if w.is_empty() || w.len() > MAX_HEADER_WORDS {
        return None;
    }
    aliases.prefix(&w)
}

/// Is `line` a piece of a known header cell (a header cell broken into text
/// boxes that pdftotext printed apart)? One word counts only as a whole cell.
fn fragment(known: &[Vec<String>], line: &str, min_words: usize) -> bool {
    let w = norm_words(line);
    if w.is_empty() {
        return false;
    }
    known.iter().any(|k| {
        if w.len() < min_words.max(2) {
            *k == w
        } else {
            k.windows(w.len()).any(|x| x == &w[..])
        }
    })
}

/// What a paragraph inside a header run is.
#[derive(Clone, Copy)]
enum Part {
    Cell(Column),
    Fragment,
}

/// A paragraph as part of a header run, with the number of its lines above
/// the header text (text above the table, or the table's heading): a header
/// cell, or (once the header is known) a piece of one.
fn header_part(p: &Para, aliases: &Aliases, known: &[Vec<String>]) -> Option<(usize, Part)> {
    let whole = p.lines.join(" ");
    if let Some(c) = header_cell(aliases, &whole) {
        return Some((0, Part::Cell(c)));
    }
    if !known.is_empty() && p.lines.iter().all(|l| fragment(known, l, 1)) {
        return Some((0, Part::Fragment));
    }
    // The first cell printed right under a heading or title. Once the
    // header is known, only its first cell (the one printed first).
    let last = p.lines.len().checked_sub(1).filter(|&n| n > 0)?;
    let line = p.lines.get(last)?;
    let c = header_cell(aliases, line)?;
    let first_cell = known.first().is_none_or(|k| *k == norm_words(line));
    first_cell.then_some((last, Part::Cell(c)))
}

/// Header runs. The first: at least three header-cell paragraphs in a row
/// naming three kinds of column, one of them the action or finding. Later
/// ones (repeated after a page break, or heading another table) may come
/// scrambled, so any three header cells or pieces of the first header's
/// cells, of at least two kinds, make one.
fn runs(paras: &[Para], aliases: &Aliases) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut known: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let Some((pre, part)) = header_part(&paras[i], aliases, &known) else {
            i += 1;
            continue;
        };
        let mut parts = vec![(i, pre, part)];
        let mut j = i + 1;
        while let Some(q) = paras.get(j) {
            match header_part(q, aliases, &known) {
                Some((0, part)) => parts.push((j, 0, part)),
                Some((pre, part))
                    if pre > 0 && q.lines.get(pre - 1).is_some_and(|l| heading(l)) =>
                {
                    parts.push((j, pre, part))
                }
                _ => break,
            }
            j += 1;
        }
        let cols: Vec<Column> = parts
            .iter()
            .filter_map(|(_, _, p)| match p {
                Part::Cell(c) => Some(*c),
                Part::Fragment => None,
            })
            .collect();
        let mut kinds = cols.clone();
        kinds.sort_by_key(|c| *c as u8);
        kinds.dedup();
        let main = cols
            .iter()
            .any(|c| matches!(c, Column::Action | Column::Finding));
        let ok = if known.is_empty() {
            kinds.len() >= 3 && main
        } else {
            parts.len() >= 3 && kinds.len() >= 2
        };
        if !ok {
            i += 1;
            continue;
        }
        let heading_at = parts.iter().find_map(|&(k, pre, _)| {
            let line = pre.checked_sub(1)?;
            paras[k].lines.get(line).filter(|l| heading(l))?;
            Some((k, line))
        });
        if known.is_empty() {
            known = parts
                .iter()
                .map(|&(k, pre, _)| norm_words(&paras[k].lines[pre..].join(" ")))
                .collect();
        }
        out.push(Run {
            start: i,
            len: j - i,
            pre,
            cols,
            texts: known.clone(),
            heading: heading_at,
        });
        i = j;
    }
    out
}

/// Running prose (sentences, many words): no lead or timescale cell.
fn prose(text: &str) -> bool {
    let n = text.split_whitespace().count();
    n > 12 && text.contains(". ")
}

/// A short line that can head a table (a theme or section).
fn heading(line: &str) -> bool {
    let t = line.trim();
    let n = t.split_whitespace().count();
    n > 0 && n <= MAX_HEADING_WORDS && !t.ends_with(['.', ',', ';'])
}

/// A short paragraph naming a column ("Current … Progress"): header text
/// when it sits next to other header text.
fn short_alias(p: &Para, aliases: &Aliases) -> bool {
    let w = norm_words(&p.lines.join(" "));
    w.len() <= 4 && aliases.contains(&w)
}

/// Rebuild the plan table(s) and read them with the table interpreter.
/// Empty when the dump has no header row of one paragraph per column.
pub fn extract(paras: &[Para], g: &Grammars) -> Plan {
    let aliases = Aliases::new(&g.columns);
    let runs = runs(paras, &aliases);
    let Some(first) = runs.first() else {
        return Plan::default();
    };
    let cols = first.cols.clone();
    let known: Vec<Vec<String>> = first.texts.clone();
    let lex = lexicon();

    // Header text to leave out: runs, header cells printed apart from their
    // run, and short column names next to either.
    let mut dropped = vec![false; paras.len()];
    let mut run_at: Vec<Option<&Run>> = vec![None; paras.len()];
    for r in &runs {
        for d in dropped.iter_mut().skip(r.start + 1).take(r.len - 1) {
            *d = true;
        }
        if let Some(slot) = run_at.get_mut(r.start) {
            *slot = Some(r);
        }
    }
    for (i, p) in paras.iter().enumerate().skip(first.start + first.len) {
        if run_at[i].is_none() && p.lines.iter().all(|l| fragment(&known, l, 1)) {
            dropped[i] = true;
        }
    }
    let header_text = |d: &[bool], k: usize| {
        d.get(k).copied().unwrap_or(false) || run_at.get(k).is_some_and(Option::is_some)
    };
    for i in first.start + first.len..paras.len() {
        if !dropped[i]
            && run_at[i].is_none()
            && short_alias(&paras[i], &aliases)
            && (header_text(&dropped, i + 1)
                || i.checked_sub(1).is_some_and(|k| header_text(&dropped, k)))
        {
            dropped[i] = true;
        }
    }

    let mut blocks: Vec<Block> = Vec::new();
    let mut builder = TableBuilder::new(&cols, lex, g);
    let mut section: Option<String> = None;
    for (i, p) in paras.iter().enumerate() {
        if i < first.start {
            blocks.push(paragraph(&p.lines, p.line));
            continue;
        }
        if let Some(r) = run_at[i] {
            let head = r
                .heading
                .and_then(|(k, l)| Some((k, l, paras.get(k)?.lines.get(l)?.clone())));
            // Lines of the first paragraph above the header (and its heading).
            let above_end = match head {
                Some((k, l, _)) if k == r.start => l,
                _ => r.pre,
            };
            let above = &p.lines[..above_end.min(p.lines.len())];
            let new_table = r.start == first.start
                || head
                    .as_ref()
                    .is_some_and(|(_, _, h)| section.as_ref() != Some(h));
            if r.start == first.start {
                if !above.is_empty() {
                    blocks.push(paragraph(above, p.line));
                }
            } else if !above.is_empty() {
                builder.feed(above, p.line);
            }
            if new_table {
                if let Some(t) = builder.finish() {
                    blocks.push(Block::Table(t));
                }
                if let Some((k, l, h)) = &head {
                    let line = paras.get(*k).map_or(p.line, |q| q.line + *l as u32);
                    blocks.push(paragraph(std::slice::from_ref(h), line));
                    section = Some(h.clone());
                }
                builder.header(&known, p.line + r.pre as u32);
            } else {
                builder.page_break();
            }
            continue;
        }
        if dropped[i] {
            continue;
        }
        // Pieces of header cells glued to a cell's first or last lines.
        let mut lines: &[String] = &p.lines;
        let mut line = p.line;
        while let Some((l, rest)) = lines.split_first()
            && !rest.is_empty()
            && fragment(&known, l, 2)
        {
            lines = rest;
            line += 1;
        }
        while let Some((l, rest)) = lines.split_last()
            && !rest.is_empty()
            && fragment(&known, l, 2)
        {
            lines = rest;
        }
        builder.feed(lines, line);
    }
    if let Some(t) = builder.finish() {
        blocks.push(Block::Table(t));
    }
    let mut doc = Document::new(Format::Text);
    doc.blocks = blocks;
    plan::extract(&doc, g)
}

fn paragraph(lines: &[String], line: u32) -> Block {
    Block::Paragraph(Paragraph::new(join(lines), Provenance::line(line)))
}

/// Rows of one rebuilt table, cell by cell.
struct TableBuilder<'a> {
    cols: &'a [Column],
    lex: &'a Lexicon,
    g: &'a Grammars,
    ref_col: Option<usize>,
    lead_col: Option<usize>,
    rows: Vec<model::Row>,
    /// The row being filled: each column's pieces, and where it started.
    cells: Vec<Vec<String>>,
    row_line: u32,
    /// The last column filled in the current row.
    pos: Option<usize>,
    broken: bool,
    row_broken: bool,
    /// A rating key printed under a table with no status column ends the
    /// table: what follows up to the next header is no row.
    closed: bool,
    finding_col: Option<usize>,
    /// The current row began past the last column of the one before (it
    /// printed no ref, or its ref comes after its cells).
    wrapped: bool,
    /// A late ref was just put: the next group is the row's finding.
    want_finding: bool,
}

impl<'a> TableBuilder<'a> {
    fn new(cols: &'a [Column], lex: &'a Lexicon, g: &'a Grammars) -> Self {
        TableBuilder {
            cols,
            lex,
            g,
            ref_col: cols.iter().position(|c| *c == Column::Ref),
            lead_col: cols.iter().position(|c| *c == Column::Lead),
            rows: Vec::new(),
            cells: vec![Vec::new(); cols.len()],
            row_line: 0,
            pos: None,
            broken: false,
            row_broken: false,
            closed: false,
            finding_col: cols.iter().position(|c| *c == Column::Finding),
            wrapped: false,
            want_finding: false,
        }
    }

    fn header(&mut self, texts: &[Vec<String>], line: u32) {
        self.closed = false;
        let cells = texts
            .iter()
            .enumerate()
            .map(|(i, w)| {
                model::Cell::new(i, vec![Paragraph::new(w.join(" "), Provenance::line(line))])
            })
            .collect();
        self.rows.push(model::Row {
            cells,
            header: true,
            page_break_before: false,
            at: Provenance::line(line),
        });
    }

    fn page_break(&mut self) {
        self.flush();
        self.broken = true;
    }

    fn flush(&mut self) {
        if self.cells.iter().all(Vec::is_empty) {
            return;
        }
        let at = Provenance::line(self.row_line);
        let cells = self
            .cells
            .iter_mut()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| {
                let paras = c.drain(..).map(|t| Paragraph::new(t, at)).collect();
                model::Cell::new(i, paras)
            })
            .collect();
        self.wrapped = false;
        self.want_finding = false;
        let row = model::Row {
            cells,
            header: false,
            page_break_before: self.row_broken,
            at,
        };
        self.pos = None;
        // Without refs, a row whose first cell pdftotext printed after the
        // others arrives as two: one without the first cell, then one with
        // it but without the lead. They are one row.
        let has = |r: &model::Row, c: Option<usize>| {
            c.is_some_and(|c| r.cells.iter().any(|x| x.col == c))
        };
        let first_col = (0..self.cols.len()).find(|&c| Some(c) != self.lead_col);
        if self.ref_col.is_none()
            && has(&row, first_col)
            && !has(&row, self.lead_col)
            && let Some(prev) = self.rows.last_mut()
            && !prev.header
            && !has(prev, first_col)
            && has(prev, self.lead_col)
        {
            for cell in row.cells {
                match prev.cells.iter_mut().find(|c| c.col == cell.col) {
                    Some(c) => c.paragraphs.extend(cell.paragraphs),
                    None => prev.cells.push(cell),
                }
            }
            prev.cells.sort_by_key(|c| c.col);
            return;
        }
        self.rows.push(row);
    }

    fn start_row(&mut self, line: u32) {
        self.flush();
        self.row_line = line;
        self.row_broken = std::mem::take(&mut self.broken);
    }

    fn put(&mut self, col: usize, text: String, line: u32) {
        if self.cells.iter().all(Vec::is_empty) {
            self.row_line = line;
            self.row_broken = std::mem::take(&mut self.broken);
        }
        if let Some(c) = self.cells.get_mut(col) {
            c.push(text);
        }
        self.pos = Some(col);
    }

    /// Does a column that is often left empty (status, progress) take this
    /// group? A status only a rating word; a progress note one opening with
    /// a date.
    fn optional_takes(&self, col: Column, text: &str) -> bool {
        match col {
            Column::Status => {
                text.split_whitespace().count() <= 3 && status::status(text, self.g).rag.is_some()
            }
            Column::Progress => {
                date_spans(text, self.lex)
                    .first()
                    .is_some_and(|s| s.first_word == 0)
                    || words(text)
                        .first()
                        .is_some_and(|w| self.lex.is_date_word(w.bare))
            }
            _ => true,
        }
    }

    /// A lead cell: reads like one, or short and mostly capitalised words.
    fn lead_cell(&self, text: &str) -> bool {
        if lead_like(text, self.lex) {
            return true;
        }
        if text.trim_end().ends_with('.') || !date_spans(text, self.lex).is_empty() {
            return false;
        }
        let content: Vec<_> = words(text)
            .into_iter()
            .filter(|w| w.bare.chars().next().is_some_and(char::is_alphabetic))
            .filter(|w| !self.lex.is_function_word(w.bare))
            .collect();
        let capital = content
            .iter()
            .filter(|w| w.bare.chars().next().is_some_and(char::is_uppercase))
            .count();
        // It opens with a personal name: two words in title case.
        let title_case = |w: &str| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
        };
        let named = words(text)
            .iter()
            .take(2)
            .filter(|w| title_case(w.bare))
            .count()
            == 2;
        named && (2..=14).contains(&content.len()) && capital * 5 >= content.len() * 3
    }

    /// A group whose first lines are a lead cell and whose rest starts a new
    /// cell (pdftotext glued two text boxes): where it splits, if anywhere.
    fn lead_then_text(&self, lines: &[String]) -> Option<usize> {
        if lines.len() < 2 || self.lead_cell(&join(lines)) {
            return None;
        }
        (1..lines.len()).rev().find(|&k| {
            lines[k].trim_start().starts_with(char::is_uppercase)
                && self.lead_cell(&join(&lines[..k]))
                && !self.lead_cell(&join(&lines[k..]))
        })
    }

    /// Is `text` only a rating word ("RED"), and the table has no column
    /// for one?
    fn rating_key(&self, text: &str) -> bool {
        !self.cols.contains(&Column::Status)
            && text.split_whitespace().count() <= 2
            && status::status(text, self.g).rag.is_some()
    }

    /// After a page break, lines opening mid-sentence finish the last row's
    /// unfinished cell; returns how many lines were used.
    fn carry_on(&mut self, lines: &[String]) -> usize {
        let n = lines
            .iter()
            .take_while(|l| !l.trim_start().starts_with(char::is_uppercase))
            .count();
        if n == 0 || !lines.first().is_some_and(|l| opens_mid_sentence(l)) {
            return 0;
        }
        let Some(cell) = self.rows.last_mut().filter(|r| !r.header).and_then(|r| {
            r.cells
                .iter_mut()
                .rev()
                .find(|c| c.paragraphs.last().is_some_and(|p| unfinished(&p.text)))
        }) else {
            return 0;
        };
        if let Some(p) = cell.paragraphs.last_mut() {
            let mut pieces = vec![p.text.clone()];
            pieces.extend(lines.iter().take(n).cloned());
            p.text = join(&pieces);
        }
        n
    }

    fn feed(&mut self, lines: &[String], line: u32) {
        if self.closed {
            return;
        }
        let lines = if self.ref_col.is_none() && self.broken && self.pos.is_none() {
            let used = self.carry_on(lines);
            lines.get(used..).unwrap_or(&[])
        } else {
            lines
        };
        if self.ref_col.is_none()
            && let Some(k) = self.lead_then_text(lines)
        {
            // Glued boxes: the end of this row's lead cell, then the next
            // row's first cell.
            match (self.pos, self.lead_col) {
                (Some(_), Some(lc)) => {
                    if let Some(c) = self.cells.get_mut(lc) {
                        c.push(join(&lines[..k]));
                    }
                    self.start_row(line + k as u32);
                }
                _ => self.feed(&lines[..k], line),
            }
            self.feed(&lines[k..], line + k as u32);
            return;
        }
        let text = join(lines);
        if text.is_empty() {
            return;
        }
        if self.rating_key(&text) {
            self.flush();
            self.closed = true;
            return;
        }
        if let Some(rc) = self.ref_col {
            self.feed_numbered(rc, text, line);
            return;
        }
        // No ref column: the lead is told by its look, other cells by order;
        // a group for a column already passed opens the next row.
        let target = if self.lead_cell(&text) {
            self.lead_col
        } else {
            None
        };
        let target = target.or_else(|| {
            let from = self.pos.map_or(0, |p| p + 1);
            (from..self.cols.len()).find(|&c| {
                Some(c) != self.lead_col
                    && match self.cols[c] {
                        Column::Status | Column::Progress => {
                            self.optional_takes(self.cols[c], &text)
                        }
                        _ => true,
                    }
            })
        });
        match target {
            Some(c) if self.pos.is_none_or(|p| c > p) => self.put(c, text, line),
            Some(c) if Some(c) == self.lead_col => {
                self.start_row(line);
                self.put(c, text, line);
            }
            _ => {
                self.start_row(line);
                let c = (0..self.cols.len())
                    .find(|&c| Some(c) != self.lead_col)
                    .unwrap_or(0);
                self.put(c, text, line);
            }
        }
    }

    /// A table with a ref column: a group that is only a ref opens a row;
    /// other groups fill the next columns in order.
    fn feed_numbered(&mut self, rc: usize, text: String, line: u32) {
        let filled = |s: &Self, c: Option<usize>| {
            c.is_some_and(|c| s.cells.get(c).is_some_and(|x| !x.is_empty()))
        };
        if let Some(r) = reference::whole_ref(&text) {
            // A ref printed after its row's other cells (centred in a tall
            // row): it numbers the row that came without one.
            if self.wrapped && !filled(self, Some(rc)) && !filled(self, self.finding_col) {
                self.put_keep(rc, r);
                self.want_finding = true;
                return;
            }
            self.start_row(line);
            self.wrapped = false;
            self.put(rc, r, line);
            return;
        }
        if std::mem::take(&mut self.want_finding)
            && let Some(fc) = self.finding_col
        {
            self.put_keep(fc, text);
            return;
        }
        let from = self.pos.map_or(0, |p| p + 1);
        let col = (from..self.cols.len()).find(|&c| {
            Some(c) != self.ref_col
                && match self.cols[c] {
                    Column::Status => self.optional_takes(Column::Status, &text),
                    Column::Lead | Column::Timescale => !prose(&text),
                    _ => true,
                }
        });
        if let Some(c) = col {
            self.put(c, text, line);
            return;
        }
        // Past the last column: the row's last cell goes on, unless the
        // group reads as the first cell of a row printed without a ref
        // (a further action of the same finding).
        let last = self
            .pos
            .and_then(|p| self.cells.get(p))
            .and_then(|c| c.last());
        let goes_on = last.is_none_or(|l| unfinished(l))
            || opens_mid_sentence(&text)
            || words(&text)
                .first()
                .is_some_and(|w| self.lex.is_date_word(w.bare))
            || date_spans(&text, self.lex)
                .first()
                .is_some_and(|s| s.first_word == 0);
        let first_action =
            (0..self.cols.len()).find(|&c| !matches!(self.cols[c], Column::Ref | Column::Finding));
        match (goes_on, self.pos, first_action) {
            (false, Some(_), Some(a)) => {
                self.start_row(line);
                self.wrapped = true;
                self.put(a, text, line);
            }
            (_, Some(p), _) => self.put(p, text, line),
            _ => self.put(0, text, line),
        }
    }

    /// Put a piece in a column without moving on from the columns filled.
    fn put_keep(&mut self, col: usize, text: String) {
        if let Some(c) = self.cells.get_mut(col) {
            c.push(text);
        }
    }

    fn finish(&mut self) -> Option<Table> {
        self.flush();
        self.broken = false;
        if self.rows.is_empty() {
            return None;
        }
        let rows = std::mem::take(&mut self.rows);
        let at = rows.first().map(|r| r.at).unwrap_or_default();
        Some(Table {
            rows,
            columns: self.cols.len(),
            pages: Vec::new(),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::interpret::flow;
    use crate::read::{self, Limits};
    use crate::recognise::Grammars;

    fn plan_of(text: &str) -> crate::interpret::plan::Plan {
        let doc = read::read(text.as_bytes(), &Limits::default()).unwrap();
        flow::extract(&doc, &Grammars::builtin())
    }

    /// An invented numbered plan printed one cell per group: a row split by
    /// a page break (header repeated), and a row whose ref comes last.
    const NUMBERED: &str = "\
Invented plan for testing
Health Actions
Number

Recommendation

Action

Lead

By When

1.1

That waiting times are
reported monthly

Publish the waiting times
each month on the website

Ann Example, Head of
Service

Jan-16

1.2

That carers are offered an
assessment of their

Offer every carer an
assessment at the same visit

Number

Recommendation

Action

Lead

By When

own needs

as the person they care for

Jo Placeholder, Named
Nurse

Mar-16

Train staff in the new
assessment form

Jo Placeholder, Named
Nurse

Apr-16

1.3

That training is monitored
";

    #[test]
    fn rebuilds_a_numbered_table_from_cell_groups() {
        let plan = plan_of(NUMBERED);
        let a: Vec<(Option<&str>, &str, Option<&str>)> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.ref_.as_deref(),
                    a.text.as_str(),
                    a.timescale.text.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            a,
            vec![
                (
                    Some("1.1"),
                    "Publish the waiting times each month on the website",
                    Some("Jan-16")
                ),
                (
                    Some("1.2"),
                    "Offer every carer an assessment at the same visit as the person they care for",
                    Some("Mar-16")
                ),
                (
                    Some("1.3"),
                    "Train staff in the new assessment form",
                    Some("Apr-16")
                ),
            ]
        );
        assert_eq!(
            plan.findings[1].text,
            "That carers are offered an assessment of their own needs"
        );
        assert_eq!(plan.findings[2].text, "That training is monitored");
        assert_eq!(plan.actions[0].section.as_deref(), Some("Health Actions"));
    }

    /// Without refs: rows told by their lead cells; a rating key below the
    /// table is not read as rows.
    const THEMES: &str = "\
The partnership agreed the plan below.

THEME 1: Partnership
ACTION

LEAD AGENCY

OUTCOME MEASURE

Publish a protocol for sharing
information on young carers

Ann Example - County
Council

Carers are identified
earlier

Sam Sample - Police

Fewer missed
referrals

Train frontline staff in
the protocol

RED

Tasks not completed and need attention.
";

    #[test]
    fn rows_without_refs_and_a_rating_key() {
        let plan = plan_of(THEMES);
        let a: Vec<(&str, Vec<&str>, Option<&str>)> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                    a.outcome.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            a,
            vec![
                (
                    "Publish a protocol for sharing information on young carers",
                    vec!["Ann Example - County Council"],
                    Some("Carers are identified earlier")
                ),
                (
                    "Train frontline staff in the protocol",
                    vec!["Sam Sample - Police"],
                    Some("Fewer missed referrals")
                ),
            ]
        );
        assert!(plan.findings.is_empty());
        assert_eq!(
            plan.actions[0].section.as_deref(),
            Some("THEME 1: Partnership")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_shuffled_cell_groups(picks in proptest::collection::vec((0usize..128, proptest::bool::ANY, "[ a-zA-Z0-9.:,/()\u{2013}-]{0,20}"), 0..120)) {
            let pool: Vec<&str> = NUMBERED.lines().chain(THEMES.lines()).collect();
            let mut text = String::new();
            for (i, blank, noise) in picks {
                text.push_str(pool.get(i % pool.len().max(1)).copied().unwrap_or(""));
                text.push_str(&noise);
                text.push('\n');
                if blank {
                    text.push('\n');
                }
            }
            if let Ok(doc) = read::read(text.as_bytes(), &Limits::default()) {
                let _ = flow::extract(&doc, &Grammars::builtin());
            }
        }
    }
}
