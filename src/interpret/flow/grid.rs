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
use super::cues::{date_spans, join, lead_like, words};
use super::header::{Aliases, Column, norm_words};
use super::lexicon::{Lexicon, lexicon};
use crate::interpret::plan::{self, Plan};

/// Most words a header cell (alias plus its explanation) holds.
const MAX_HEADER_WORDS: usize = 20;
/// Most words a heading line above a table (a section) holds.
const MAX_HEADING_WORDS: usize = 8;

/// One header run: paragraphs `start..start + len`, the first of which
/// contributes only its lines from `pre` on (lines before are text above).
struct Run {
    start: usize,
    len: usize,
    pre: usize,
    cols: Vec<Column>,
    texts: Vec<Vec<String>>,
}

/// The column a header cell names: the longest alias its words start with.
fn header_cell(aliases: &Aliases, text: &str) -> Option<Column> {
    let w = norm_words(text);
    if w.is_empty() || w.len() > MAX_HEADER_WORDS {
        return None;
    }
    aliases.prefix(&w)
}

/// Header runs: at least three header-cell paragraphs in a row naming three
/// kinds of column, one of them the action or finding.
fn runs(paras: &[Para], aliases: &Aliases) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        // The first cell may be the last line of a paragraph that holds the
        // title or a section heading above it.
        let first = header_cell(aliases, &p.lines.join(" "))
            .map(|c| (0, c))
            .or_else(|| {
                let last = p.lines.len().checked_sub(1).filter(|&n| n > 0)?;
                header_cell(aliases, &p.lines[last]).map(|c| (last, c))
            });
        let Some((pre, c0)) = first else {
            i += 1;
            continue;
        };
        let mut cols = vec![c0];
        let mut texts = vec![norm_words(&p.lines[pre..].join(" "))];
        let mut j = i + 1;
        while let Some(q) = paras.get(j) {
            let text = q.lines.join(" ");
            match header_cell(aliases, &text) {
                Some(c) => {
                    cols.push(c);
                    texts.push(norm_words(&text));
                    j += 1;
                }
                None => break,
            }
        }
        let mut kinds = cols.clone();
        kinds.sort_by_key(|c| *c as u8);
        kinds.dedup();
        let main = cols
            .iter()
            .any(|c| matches!(c, Column::Action | Column::Finding));
        if kinds.len() >= 3 && main {
            out.push(Run {
                start: i,
                len: j - i,
                pre,
                cols,
                texts,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// A short line that can head a table (a theme or section).
fn heading(line: &str) -> bool {
    let t = line.trim();
    let n = t.split_whitespace().count();
    n > 0 && n <= MAX_HEADING_WORDS && !t.ends_with(['.', ',', ';'])
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

    let mut blocks: Vec<Block> = Vec::new();
    let mut builder = TableBuilder::new(&cols, lex, g);
    let mut dropped = vec![false; paras.len()];
    for r in &runs {
        for d in dropped.iter_mut().skip(r.start + 1).take(r.len - 1) {
            *d = true;
        }
    }
    let mut run_at: Vec<Option<&Run>> = vec![None; paras.len()];
    for r in &runs {
        if let Some(slot) = run_at.get_mut(r.start) {
            *slot = Some(r);
        }
        // A short paragraph naming a column right before a repeated header
        // is header text printed out of order (a column title of its own).
        if r.start > first.start
            && let Some(k) = r.start.checked_sub(1)
            && let Some(p) = paras.get(k)
            && run_at[k].is_none()
            && norm_words(&p.lines.join(" ")).len() <= 4
            && aliases.contains(&norm_words(&p.lines.join(" ")))
        {
            dropped[k] = true;
        }
    }

    for (i, p) in paras.iter().enumerate() {
        if i < first.start {
            blocks.push(paragraph(&p.lines, p.line));
            continue;
        }
        if dropped[i] {
            continue;
        }
        if let Some(r) = run_at[i] {
            let above = &p.lines[..r.pre];
            let section = above.last().filter(|l| heading(l));
            if r.start == first.start || section.is_some() {
                // A new table: the text above it, its heading, its header.
                let body = &above[..above.len().saturating_sub(1)];
                if r.start == first.start {
                    if !body.is_empty() {
                        blocks.push(paragraph(body, p.line));
                    }
                } else if !body.is_empty() {
                    builder.feed(body, p.line);
                }
                if let Some(t) = builder.finish() {
                    blocks.push(Block::Table(t));
                }
                if let Some(h) = above.last() {
                    blocks.push(paragraph(
                        std::slice::from_ref(h),
                        p.line + r.pre as u32 - 1,
                    ));
                }
                builder.header(&r.texts, p.line + r.pre as u32);
            } else {
                if !above.is_empty() {
                    builder.feed(above, p.line);
                }
                builder.page_break();
            }
            continue;
        }
        // A header cell printed apart from its run (interleaved with a cell).
        let w = norm_words(&p.lines.join(" "));
        if known.contains(&w) {
            continue;
        }
        builder.feed(&p.lines, p.line);
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
        }
    }

    fn header(&mut self, texts: &[Vec<String>], line: u32) {
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
        self.rows.push(model::Row {
            cells,
            header: false,
            page_break_before: self.row_broken,
            at,
        });
        self.pos = None;
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
            Column::Progress => date_spans(text, self.lex)
                .first()
                .is_some_and(|s| s.first_word == 0),
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
        (2..=14).contains(&content.len()) && capital * 5 >= content.len() * 3
    }

    fn feed(&mut self, lines: &[String], line: u32) {
        let text = join(lines);
        if text.is_empty() {
            return;
        }
        if let Some(rc) = self.ref_col {
            if let Some(r) = reference::whole_ref(&text) {
                self.start_row(line);
                self.put(rc, r, line);
                return;
            }
            // Ref mode: the next column in order; status only for a rating.
            let from = self.pos.map_or(0, |p| p + 1);
            let col = (from..self.cols.len()).find(|&c| {
                Some(c) != self.ref_col
                    && (self.cols[c] != Column::Status
                        || self.optional_takes(Column::Status, &text))
            });
            match col.or(self.pos) {
                Some(c) => self.put(c, text, line),
                None => self.put(0, text, line),
            }
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
