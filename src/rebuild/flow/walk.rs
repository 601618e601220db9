//! The walk: a small state machine over the body paragraphs that opens
//! findings and rows at anchors and sends every other paragraph to a cell.

use super::anchors::{Anchor, Widths, major};
use super::cues::{self, date_spans, heading_line, lead_like, opens_mid_sentence};
use super::header::Column;
use super::lexicon::Lexicon;
use super::numbers::{NumberRun, number_run};
use super::para::Para;
use std::collections::VecDeque;

/// Which cell the last paragraph went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cell {
    None,
    Finding,
    Action,
    Timescale,
    Lead,
}

#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) ref_: Option<String>,
    pub(super) finding: Option<usize>,
    pub(super) section: Option<String>,
    pub(super) line: u32,
    pub(super) action: Vec<String>,
    pub(super) timescale: Vec<String>,
    /// Lead cell paragraphs, each with its wrapped lines joined.
    pub(super) lead: Vec<String>,
    /// The first row started after a page break.
    pub(super) page_top: bool,
    /// Opened by its timescale, still waiting for its action text.
    pub(super) headless: bool,
}

pub(super) struct FindingBuild {
    pub(super) num: u32,
    pub(super) section: Option<String>,
    pub(super) text: Vec<String>,
    pub(super) line: u32,
    /// Numbered by guess, before any number in the dump said so: kept
    /// only if a later ref column confirms it (see
    /// [`Walk::settle_provisional`]).
    pub(super) provisional: bool,
}

pub(super) struct Walk<'a> {
    pub(super) lex: &'a Lexicon,
    pub(super) widths: Widths,
    pub(super) has_timescale: bool,
    pub(super) has_lead: bool,
    pub(super) has_finding: bool,
    pub(super) findings: Vec<FindingBuild>,
    pub(super) rows: Vec<Row>,
    pub(super) row: Option<Row>,
    pub(super) cell: Cell,
    pub(super) section: Option<String>,
    /// Finding numbers seen in a run of bare numbers whose texts have not
    /// come yet, in order, each with the section it was printed under.
    pub(super) pending: VecDeque<(u32, Option<String>)>,
    /// Did the dump print a ref column apart (a run of bare numbers)? Then
    /// it reads pages column by column, and cells come after their rows.
    pub(super) columns_apart: bool,
    /// The paragraph just taken was a run of bare finding numbers.
    after_run: bool,
    /// The paragraph being read comes right after such a run.
    follows_run: bool,
    /// The row open at the last page break (its index in `rows` once
    /// flushed): the row a cell printed under a repeated header goes on.
    pub(super) break_row: Option<usize>,
    /// A page break came since the last row started.
    pub(super) broke: bool,
}

impl<'a> Walk<'a> {
    /// A walk that has seen nothing yet, for a plan with these columns.
    pub(super) fn new(widths: Widths, columns: &[Column], lex: &'a Lexicon) -> Walk<'a> {
        Walk {
            lex,
            widths,
            has_timescale: columns.contains(&Column::Timescale),
            has_lead: columns.contains(&Column::Lead),
            has_finding: columns.contains(&Column::Finding),
            findings: Vec::new(),
            rows: Vec::new(),
            row: None,
            cell: Cell::None,
            section: None,
            pending: VecDeque::new(),
            columns_apart: false,
            after_run: false,
            follows_run: false,
            break_row: None,
            broke: false,
        }
    }
}

impl Walk<'_> {
    pub(super) fn step(
        &mut self,
        p: &Para,
        anchor: &Anchor,
        next: Option<&Anchor>,
        ahead: Option<u32>,
    ) {
        self.follows_run = std::mem::take(&mut self.after_run);
        if self.anchored(p, anchor) {
            return;
        }
        if let Some(run) = number_run(p, self.lex)
            && self.take_run(run)
        {
            self.after_run = true;
            return;
        }
        let text = p.joined();
        let first = p.first().trim();
        if matches!(next, Some(Anchor::Finding(..))) && self.is_section(p, &text) {
            self.flush();
            self.section = Some(text);
            self.cell = Cell::None;
            return;
        }
        if self.findings.is_empty() && self.row.is_none() {
            // Preamble before the first finding, unless it is that finding
            // printed apart from its number.
            self.unnumbered_finding(p, ahead);
            return;
        }
        if self.list_to_colon_row(p) || self.list_to_open_list_row(p) {
            return;
        }
        if self.dated_milestone(p) {
            if let Some(r) = self.row.as_mut() {
                r.timescale.push(text);
            }
            self.cell = Cell::Timescale;
        } else if self.has_timescale && self.date_start(first) {
            self.open_headless(p.line);
            self.ensure_row(p.line);
            self.place_date_start(&p.lines);
        } else if heading_line(first)
            && self
                .row
                .as_ref()
                .is_none_or(|r| !r.timescale.is_empty() || !r.lead.is_empty())
        {
            self.flush();
            self.start_row(None, p.line);
            self.absorb_action(&p.lines);
        } else if opens_mid_sentence(first) {
            self.continue_unfinished(p);
        } else if p.list && self.cell == Cell::Action {
            self.absorb_action(&p.lines);
        } else if self.has_lead && lead_like(&text, self.lex) {
            self.ensure_row(p.line);
            self.push_lead(text);
        } else if self.has_timescale && p.width() <= self.widths.narrow {
            self.open_headless(p.line);
            self.ensure_row(p.line);
            if let Some(r) = self.row.as_mut() {
                r.timescale.push(text);
            }
            self.cell = Cell::Timescale;
        } else {
            self.wide(p, ahead);
        }
    }

    /// A repeated header row was dropped before the next paragraph.
    pub(super) fn page_break(&mut self) {
        self.broke = true;
        self.break_row = if self.row.is_some() {
            Some(self.rows.len())
        } else {
            self.rows.len().checked_sub(1)
        };
    }

    /// Text glued under a repeated header's box: in the lead column it is
    /// the top of the page's lead column, the rest of the lead cell of the
    /// row the page break split; anything else is read as usual.
    pub(super) fn under_header(
        &mut self,
        col: Column,
        p: &Para,
        anchor: &Anchor,
        next: Option<&Anchor>,
        ahead: Option<u32>,
    ) {
        let text = p.joined();
        let lead = col == Column::Lead && self.has_lead && lead_like(&text, self.lex);
        let rows_len = self.rows.len();
        let target = match self.break_row {
            Some(i) if lead && i < rows_len => self.rows.get_mut(i),
            Some(i) if lead && i == rows_len => self.row.as_mut(),
            _ => None,
        };
        match target.and_then(|r| r.lead.last_mut()) {
            Some(last) => *last = cues::join(&[last.as_str(), text.as_str()]),
            None => self.step(p, anchor, next, ahead),
        }
    }

    /// A paragraph that opens with an anchor starts a finding or an action
    /// row; false when it has none.
    fn anchored(&mut self, p: &Para, anchor: &Anchor) -> bool {
        match anchor {
            Anchor::Finding(n, rest) => {
                self.flush();
                self.pending.retain(|(q, _)| q > n);
                let mut text = vec![rest.clone()];
                text.extend(p.lines.iter().skip(1).cloned());
                self.findings.push(FindingBuild {
                    num: *n,
                    section: self.section.clone(),
                    text,
                    line: p.line,
                    provisional: false,
                });
                self.cell = Cell::Finding;
                true
            }
            Anchor::Action(r, rest) => {
                self.flush();
                self.start_row(Some(r.clone()), p.line);
                let mut lines = vec![rest.clone()];
                lines.extend(p.lines.iter().skip(1).cloned());
                self.absorb_action(&lines);
                true
            }
            Anchor::None => false,
        }
    }

    /// A wide paragraph that is not an anchor: finding text, a new action
    /// with no ref, or more action text.
    pub(super) fn wide(&mut self, p: &Para, ahead: Option<u32>) {
        if self.unnumbered_finding(p, ahead) {
            return;
        }
        match self.cell {
            Cell::Finding | Cell::None if self.row.is_none() => {
                if ahead.is_some() || self.widths.finding_width(p) {
                    self.push_finding(p.lines.iter().cloned());
                } else if !self.fill_waiting(p) {
                    self.start_row(None, p.line);
                    self.absorb_action(&p.lines);
                }
            }
            Cell::Timescale | Cell::Lead if self.widths.finding_width(p) => {
                // A page-break fragment of the finding cell.
                self.push_finding(p.lines.iter().cloned());
            }
            _ => {
                if !self.fill_waiting(p) {
                    self.ensure_row(p.line);
                    self.absorb_action(&p.lines);
                }
            }
        }
    }

    /// Findings printed without their number (the ref column came out
    /// apart): a wrapped paragraph is a finding's text just before the
    /// first action of a new group, or where a run of bare numbers left a
    /// number waiting and it is as wide as the finding column.
    pub(super) fn unnumbered_finding(&mut self, p: &Para, ahead: Option<u32>) -> bool {
        // One line is too little to tell a finding's text, unless it comes
        // right after the run of numbers it takes (a finding cell the page
        // break cut after its first line).
        if !self.has_finding || (p.lines.len() < 2 && !self.follows_run) {
            return false;
        }
        let Some((m, provisional)) = self.finding_number(p, ahead) else {
            return false;
        };
        self.flush();
        let queued = self.pending.iter().find(|(q, _)| *q == m);
        let section = queued.map_or_else(|| self.section.clone(), |(_, s)| s.clone());
        self.pending.retain(|(q, _)| *q > m);
        self.findings.push(FindingBuild {
            num: m,
            section,
            text: p.lines.clone(),
            line: p.line,
            provisional,
        });
        self.cell = Cell::Finding;
        true
    }

    /// The number an unnumbered finding text takes: the first waiting
    /// number when the next action's group confirms it (or it has the
    /// finding column's width, or comes right after the run of numbers,
    /// and the row before is done), else the next action's group when
    /// that is new.
    fn finding_number(&self, p: &Para, ahead: Option<u32>) -> Option<(u32, bool)> {
        let last = self.findings.last().map(|f| f.num);
        let row_done = self
            .row
            .as_ref()
            .is_none_or(|r| !r.timescale.is_empty() || !r.lead.is_empty());
        let wide = self.widths.finding_width(p);
        let new_group = ahead.filter(|&a| last.is_none_or(|l| a > l));
        match (self.pending.front().map(|(q, _)| *q), new_group) {
            (Some(q), Some(a)) if q <= a && (row_done || wide) => Some((q, false)),
            (_, Some(a)) if row_done => Some((a, false)),
            (Some(q), _) if wide || (self.follows_run && row_done) => Some((q, false)),
            (None, None)
                if self.columns_apart
                    && self.row.is_some()
                    && row_done
                    && (wide || (!self.widths.distinct() && p.lines.len() >= 3))
                    && self.last_finding_done() =>
            {
                last.map(|l| (l + 1, true))
            }
            _ => None,
        }
    }

    /// Has the last finding ended a sentence and got an action row? Then,
    /// in a dump that prints ref columns apart, a new sentence as wide as
    /// the finding column after a finished row may be the next finding,
    /// whose number comes later with the page's ref column; or the
    /// finding's own second paragraph. It is taken as the next finding
    /// provisionally, until a ref column names its number. Where the two
    /// columns are as wide as each other, width cannot tell, so a wrapped
    /// paragraph of three lines or more is enough.
    fn last_finding_done(&self) -> bool {
        let Some(f) = self.findings.last() else {
            return false;
        };
        let n = self.findings.len() - 1;
        let ended = f
            .text
            .iter()
            .rev()
            .find(|t| !t.trim().is_empty())
            .is_some_and(|t| t.trim_end().ends_with('.'));
        let has_row = self.row.as_ref().is_some_and(|r| r.finding == Some(n))
            || self.rows.iter().any(|r| r.finding == Some(n));
        ended && has_row
    }

    /// A run of bare finding numbers: its section row heads the findings
    /// from its first number on (some may have come already), and numbers
    /// not seen yet wait for the texts that follow. False when the run is
    /// out of sequence (then it is read as any other paragraph).
    fn take_run(&mut self, run: NumberRun) -> bool {
        let Some(&first) = run.numbers.first() else {
            return false;
        };
        let seen = self.findings.iter().map(|f| f.num).max().unwrap_or(0);
        let last = self.pending.back().map_or(0, |(q, _)| *q).max(seen);
        if first > last + 3 {
            return false;
        }
        if let Some(s) = run.section {
            for f in self.findings.iter_mut().filter(|f| f.num >= first) {
                f.section = Some(s.clone());
            }
            self.section = Some(s);
        }
        for f in self.findings.iter_mut().filter(|f| f.provisional) {
            if run.numbers.contains(&f.num) {
                f.provisional = false;
            }
        }
        let section = self.section.clone();
        self.pending.extend(
            run.numbers
                .into_iter()
                .filter(|&n| n > last)
                .map(|n| (n, section.clone())),
        );
        self.columns_apart = true;
        true
    }

    /// A lead cell paragraph: it goes on the row's last lead cell when that
    /// stops at a comma (a cell broken by a page break, other cells'
    /// fragments printed between), else it is a new cell.
    fn push_lead(&mut self, text: String) {
        if let Some(r) = self.row.as_mut() {
            match r.lead.last_mut() {
                Some(last) if last.trim_end().ends_with(',') => {
                    *last = cues::join(&[last.as_str(), text.as_str()]);
                }
                _ => r.lead.push(text),
            }
        }
        self.cell = Cell::Lead;
    }

    /// Rows whose finding came after them (a dump may print a page's
    /// actions before its finding texts) join the finding their ref
    /// numbers, so that they inherit leads within it.
    pub(super) fn link_rows(&mut self) {
        for r in &mut self.rows {
            let by_number = r
                .ref_
                .as_deref()
                .filter(|x| x.contains('.'))
                .map(major)
                .and_then(|m| self.findings.iter().rposition(|f| f.num == m));
            if by_number.is_some() {
                r.finding = by_number;
            }
        }
        if self.columns_apart {
            self.link_unnumbered_forward();
        }
    }

    /// Where pages are read column by column, rows come before the finding
    /// text printed beside them: a row without a ref under a finding whose
    /// actions are numbered belongs to the next finding, if that one has no
    /// numbered actions.
    fn link_unnumbered_forward(&mut self) {
        let numbered: Vec<bool> = (0..self.findings.len())
            .map(|f| {
                self.rows
                    .iter()
                    .any(|r| r.ref_.is_some() && r.finding == Some(f))
            })
            .collect();
        for r in self.rows.iter_mut().filter(|r| r.ref_.is_none()) {
            let Some(f) = r.finding else {
                continue;
            };
            if numbered.get(f) == Some(&true) && numbered.get(f + 1) == Some(&false) {
                r.finding = Some(f + 1);
            }
        }
    }

    /// A finding numbered by guess that no ref column confirmed is the
    /// second paragraph of the finding before it: its text and rows go
    /// back there.
    pub(super) fn settle_provisional(&mut self) {
        let mut k = self.findings.len();
        while k > 1 {
            k -= 1;
            if !self.findings.get(k).is_some_and(|f| f.provisional) {
                continue;
            }
            let f = self.findings.remove(k);
            if let Some(prev) = self.findings.get_mut(k - 1) {
                prev.text.extend(f.text);
            }
            for r in &mut self.rows {
                r.finding = r.finding.map(|i| if i >= k { i - 1 } else { i });
            }
        }
    }

    pub(super) fn push_finding(&mut self, lines: impl Iterator<Item = String>) {
        if let Some(f) = self.findings.last_mut() {
            f.text.extend(lines);
        }
    }

    /// A new row, under the finding its ref numbers where that finding has
    /// come (a dump may print other findings' texts between a group's
    /// actions), else under the last finding.
    pub(super) fn start_row(&mut self, ref_: Option<String>, line: u32) {
        let by_number = ref_
            .as_deref()
            .filter(|r| r.contains('.'))
            .map(major)
            .and_then(|m| self.findings.iter().rposition(|f| f.num == m));
        self.row = Some(Row {
            ref_,
            finding: by_number.or(self.findings.len().checked_sub(1)),
            page_top: std::mem::take(&mut self.broke),
            section: self.section.clone(),
            line,
            ..Default::default()
        });
        self.cell = Cell::Action;
    }

    pub(super) fn ensure_row(&mut self, line: u32) {
        if self.row.is_none() {
            self.start_row(None, line);
        }
    }

    pub(super) fn flush(&mut self) {
        if let Some(r) = self.row.take()
            && (!r.action.is_empty() || r.headless)
        {
            self.rows.push(r);
        }
    }

    /// A short line before a finding that is no date, no lead and no
    /// sentence fragment: a section row ("Health").
    pub(super) fn is_section(&self, p: &Para, text: &str) -> bool {
        let lead_pending = self
            .row
            .as_ref()
            .is_some_and(|r| self.has_timescale && r.timescale.is_empty());
        p.lines.len() <= 2
            && cues::words(text).len() <= 10
            && text.chars().next().is_some_and(char::is_uppercase)
            && !text.trim_end().ends_with(':')
            && date_spans(text, self.lex).is_empty()
            && !lead_like(text, self.lex)
            && !lead_pending
    }
}
