//! The table builder: each group after the header is the next cell of the
//! current row, or opens the next row where it can only belong to a column
//! already passed; columns that are mostly empty take a group only when it
//! looks like theirs.

use super::runs::prose;
use crate::model::{self, Paragraph, Provenance, Table};
use crate::rebuild::flow::cues::{
    MAX_LEAD_WORDS, date_spans, join, lead_like, more_words_than, opens_mid_sentence, unfinished,
    words,
};
use crate::rebuild::flow::header::Column;
use crate::rebuild::flow::lexicon::Lexicon;
use crate::recognise::{Grammars, reference, status};

/// Rows of one rebuilt table, cell by cell.
pub(super) struct TableBuilder<'a> {
    pub(super) cols: &'a [Column],
    pub(super) lex: &'a Lexicon,
    pub(super) g: &'a Grammars,
    pub(super) ref_col: Option<usize>,
    pub(super) lead_col: Option<usize>,
    pub(super) rows: Vec<model::Row>,
    /// The row being filled: each column's pieces, and where it started.
    pub(super) cells: Vec<Vec<String>>,
    pub(super) row_line: u32,
    /// The last column filled in the current row.
    pub(super) pos: Option<usize>,
    pub(super) broken: bool,
    pub(super) row_broken: bool,
    /// A rating key printed under a table with no status column ends the
    /// table: what follows up to the next header is no row.
    pub(super) closed: bool,
    pub(super) finding_col: Option<usize>,
    /// The current row began past the last column of the one before (it
    /// printed no ref, or its ref comes after its cells).
    pub(super) wrapped: bool,
    /// A late ref was just put: the next group is the row's finding.
    pub(super) want_finding: bool,
    /// A ref printed at the top of a page before the tails of the row the
    /// page break cut: it opens its row once those tails are placed.
    pub(super) held_ref: Option<(String, u32)>,
    /// Texts already asked [`Self::lead_cell`], with the answers: a group
    /// is asked about its prefixes at every split, and a lead cell printed
    /// again and again is asked about the same text each time.
    lead_answers: std::cell::RefCell<std::collections::HashMap<String, bool>>,
}

/// Answers kept by [`TableBuilder::lead_cell`] before the memo starts over.
const MAX_LEAD_ANSWERS: usize = 4_096;

impl<'a> TableBuilder<'a> {
    pub(super) fn new(cols: &'a [Column], lex: &'a Lexicon, g: &'a Grammars) -> Self {
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
            held_ref: None,
            lead_answers: Default::default(),
        }
    }

    pub(super) fn header(&mut self, texts: &[Vec<String>], line: u32) {
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

    pub(super) fn page_break(&mut self) {
        self.release_ref();
        self.flush();
        self.broken = true;
    }

    pub(super) fn flush(&mut self) {
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

    pub(super) fn start_row(&mut self, line: u32) {
        self.flush();
        self.row_line = line;
        self.row_broken = std::mem::take(&mut self.broken);
    }

    pub(super) fn put(&mut self, col: usize, text: String, line: u32) {
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
    pub(super) fn optional_takes(&self, col: Column, text: &str) -> bool {
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
    pub(super) fn lead_cell(&self, text: &str) -> bool {
        if let Some(&known) = self.lead_answers.borrow().get(text) {
            return known;
        }
        let answer = self.read_lead_cell(text);
        let mut memo = self.lead_answers.borrow_mut();
        if memo.len() >= MAX_LEAD_ANSWERS {
            memo.clear();
        }
        memo.insert(text.to_string(), answer);
        answer
    }

    fn read_lead_cell(&self, text: &str) -> bool {
        if lead_like(text, self.lex) {
            return true;
        }
        if text.trim_end().ends_with('.')
            || more_words_than(text, MAX_LEAD_WORDS)
            || !date_spans(text, self.lex).is_empty()
        {
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

    /// [`Self::lead_cell`] of lines joined, without joining lines that
    /// hold more words than a lead cell can (a join merges at most one
    /// pair of words per line): a group split again and again was joined
    /// whole at every split.
    fn lead_cell_lines(&self, lines: &[String]) -> bool {
        let mut words = 0usize;
        for (taken, l) in lines.iter().enumerate() {
            words += l.split_whitespace().count();
            if words.saturating_sub(taken) > MAX_LEAD_WORDS {
                return false;
            }
        }
        self.lead_cell(&join(lines))
    }

    /// A group whose first lines are a lead cell and whose rest starts a new
    /// cell (pdftotext glued two text boxes): where it splits, if anywhere.
    pub(super) fn lead_then_text(&self, lines: &[String]) -> Option<usize> {
        if lines.len() < 2 || self.lead_cell_lines(lines) {
            return None;
        }
        // Only first lines within a lead cell's words can be one: the
        // rest are never tried (each try reads the whole group).
        let mut words = 0;
        let within = lines
            .iter()
            .take_while(|l| {
                words += l.split_whitespace().count();
                words <= MAX_LEAD_WORDS
            })
            .count();
        (1..lines.len().min(within + 1)).rev().find(|&k| {
            lines[k].trim_start().starts_with(char::is_uppercase)
                && self.lead_cell_lines(&lines[..k])
                && !self.lead_cell_lines(&lines[k..])
        })
    }

    /// Is `text` only a rating word ("RED"), and the table has no column
    /// for one?
    pub(super) fn rating_key(&self, text: &str) -> bool {
        !self.cols.contains(&Column::Status)
            && text.split_whitespace().count() <= 2
            && status::status(text, self.g).rag.is_some()
    }

    /// After a page break, lines opening mid-sentence finish the last row's
    /// unfinished cell; returns how many lines were used.
    pub(super) fn carry_on(&mut self, lines: &[String]) -> usize {
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

    pub(super) fn feed(&mut self, lines: &[String], line: u32) {
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
        self.feed_in_order(text, line);
    }

    /// A table without a ref column: the lead is told by its look, other
    /// cells by order; a group for a column already passed opens the next
    /// row.
    fn feed_in_order(&mut self, text: String, line: u32) {
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
    pub(super) fn feed_numbered(&mut self, rc: usize, text: String, line: u32) {
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
            if self.broken && self.pos.is_none() && self.held_ref.is_none() {
                self.held_ref = Some((r, line));
                return;
            }
            self.release_ref();
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
        if self.held_ref.is_some() {
            if opens_mid_sentence(&text)
                && let Some(c) = self.cut_cell(self.pos)
            {
                self.put(c, text, line);
                return;
            }
            self.release_ref();
        } else if self.pos.is_none()
            && self.broken
            && let Some(c) = self.cut_cell(None)
        {
            self.put(c, text, line);
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

    /// The column of the last row's leftmost cell that a page break cut
    /// mid-sentence: where a page's first group (before any ref) goes on.
    /// Why not the first column: pdftotext prints a split row's rest from
    /// the first column that still has text, which is seldom the first.
    /// With `after`, only columns right of it (the tails come in column
    /// order).
    fn cut_cell(&self, after: Option<usize>) -> Option<usize> {
        let row = self.rows.last().filter(|r| !r.header)?;
        row.cells
            .iter()
            .filter(|c| Some(c.col) != self.ref_col && after.is_none_or(|a| c.col > a))
            .find(|c| c.paragraphs.last().is_some_and(|p| unfinished(&p.text)))
            .map(|c| c.col)
    }

    /// Open the row of a held ref (see `held_ref`).
    fn release_ref(&mut self) {
        if let (Some((r, line)), Some(rc)) = (self.held_ref.take(), self.ref_col) {
            self.start_row(line);
            self.wrapped = false;
            self.put(rc, r, line);
        }
    }

    /// Put a piece in a column without moving on from the columns filled.
    pub(super) fn put_keep(&mut self, col: usize, text: String) {
        if let Some(c) = self.cells.get_mut(col) {
            c.push(text);
        }
    }

    pub(super) fn finish(&mut self) -> Option<Table> {
        self.release_ref();
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
