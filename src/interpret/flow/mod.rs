//! Action plans from a flow of paragraphs: a plan table that arrived without
//! its grid (a pdftotext dump without -layout: one column of wrapped lines,
//! cells emitted one after another in reading order).
//!
//! Why it can still be read: the cells of a row come in column order (ref and
//! action, timescale, leads), each column wraps at its own width, and the
//! content of each cell kind looks different. So the interpreter walks the
//! paragraphs with a small state machine:
//! - the header paragraphs (column aliases from `grammars/columns.toml`) say
//!   which columns exist; repeated header runs are dropped;
//! - a paragraph opening with a bare number in sequence starts a finding, one
//!   opening with a dotted ref ("2.1") starts an action;
//! - a short line right before a finding that is neither a date nor a lead
//!   is a section row;
//! - otherwise a paragraph is a timescale (a date opens it, or its lines are
//!   as narrow as a timescale column), a lead cell (capitalised words with a
//!   post or rank), or more action text; a fragment that opens mid-sentence
//!   continues the cell left unfinished (rows split by a page break);
//! - cells printed on one line ("… review  October 2020 Jo Bloggs, Head of
//!   Service") are cut at the date where what follows is a lead or narrow;
//! - in findings without numbered actions, the first wide paragraph and every
//!   later paragraph opening with a heading ("Exploitation Leadership:")
//!   start an action with no ref.
//!
//! Nothing here names a document: widths are learnt from the document's own
//! numbered paragraphs, vocabulary comes from `grammars/`.
//!
//! Where the walk finds nothing, [`grid`] tries the other shape a dump
//! takes: every cell its own text box (the header one box per column), from
//! which the table is rebuilt and handed to the table interpreter.

mod cues;
mod grid;
mod header;
mod lexicon;

use crate::contract::{self, Action, At, DateRange, Finding, Lead, Status, Timescale};
use crate::model::{Block, Document};
use crate::recognise::{Grammars, date, lead, reference, status};

use super::plan::Plan;
use cues::{date_spans, heading_line, join, lead_like, opens_mid_sentence, unfinished};
use header::{Aliases, Column};
use lexicon::{Lexicon, lexicon};

/// One paragraph of the flow, as lines.
#[derive(Debug, Clone)]
struct Para {
    lines: Vec<String>,
    line: u32,
    list: bool,
}

impl Para {
    fn first(&self) -> &str {
        self.lines.first().map(String::as_str).unwrap_or("")
    }
    fn width(&self) -> usize {
        self.lines.iter().map(|l| width(l)).max().unwrap_or(0)
    }
    fn joined(&self) -> String {
        join(&self.lines)
    }
}

fn width(line: &str) -> usize {
    line.trim().chars().count()
}

/// What a paragraph opens with.
#[derive(Debug, Clone, PartialEq)]
enum Anchor {
    None,
    /// A finding: its number and the text after it.
    Finding(u32, String),
    /// An action: its ref and the text after it.
    Action(String, String),
}

/// Which cell the last paragraph went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    None,
    Finding,
    Action,
    Timescale,
    Lead,
}

#[derive(Debug, Default)]
struct Row {
    ref_: Option<String>,
    finding: Option<usize>,
    section: Option<String>,
    line: u32,
    action: Vec<String>,
    timescale: Vec<String>,
    /// Lead cell paragraphs, each with its wrapped lines joined.
    lead: Vec<String>,
}

struct FindingBuild {
    num: u32,
    section: Option<String>,
    text: Vec<String>,
    line: u32,
}

/// Column widths learnt from the document's own numbered paragraphs.
struct Widths {
    action: Option<usize>,
    finding: Option<usize>,
    /// At or below this a paragraph's lines are timescale-narrow.
    narrow: usize,
}

impl Widths {
    /// Is a wrapped paragraph closer to the finding column's width than to
    /// the action column's (only when the two differ clearly)?
    fn finding_width(&self, p: &Para) -> bool {
        match (self.finding, self.action) {
            (Some(f), Some(a)) if f.abs_diff(a) >= 8 && p.lines.len() >= 2 => {
                let m = p.width();
                m.abs_diff(f) < m.abs_diff(a)
            }
            _ => false,
        }
    }
}

fn median(mut v: Vec<usize>) -> Option<usize> {
    v.sort_unstable();
    v.get(v.len() / 2).copied()
}

/// Interpret the document's paragraphs as a plan. Returns an empty plan when
/// no header row names the plan's columns.
///
/// Two readings: the flow walk (cells wrapped into each other, a header
/// printed as a few text boxes), and, where that finds nothing, a table
/// rebuilt from a dump that prints every cell as its own text box.
pub fn extract(doc: &Document, g: &Grammars) -> Plan {
    let plan = extract_flow(doc, g);
    if !plan.actions.is_empty() {
        return plan;
    }
    grid::extract(&paragraphs(doc), g)
}

fn extract_flow(doc: &Document, g: &Grammars) -> Plan {
    let paras = split_glued(paragraphs(doc));
    let texts: Vec<String> = paras.iter().map(|p| p.lines.join("\n")).collect();
    let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let aliases = Aliases::new(&g.columns);

    // Action anchors first: they need no widths.
    let action_refs: Vec<Option<(String, String)>> = paras.iter().map(action_anchor).collect();
    let action_width = median(
        paras
            .iter()
            .zip(&action_refs)
            .filter(|(p, a)| a.is_some() && p.lines.len() >= 2)
            .map(|(p, _)| p.width())
            .collect(),
    );
    let narrow = narrow_width(&paras, action_width);

    // The header: the first run of alias paragraphs before any numbered one.
    let first_numbered = action_refs
        .iter()
        .position(Option::is_some)
        .unwrap_or(paras.len());
    let Some((hstart, hlen, columns)) =
        (0..first_numbered).find_map(|i| aliases.run_at(&text_refs, i, 3).map(|(n, c)| (i, n, c)))
    else {
        return Plan::default();
    };
    if !columns
        .iter()
        .any(|c| matches!(c, Column::Action | Column::Finding))
    {
        return Plan::default();
    }

    let anchors = anchors(&paras, &action_refs, narrow);
    let finding_width = median(
        paras
            .iter()
            .zip(&anchors)
            .filter(|(p, a)| matches!(a, Anchor::Finding(..)) && p.lines.len() >= 2)
            .map(|(p, _)| p.width())
            .collect(),
    );
    let widths = Widths {
        action: action_width,
        finding: finding_width,
        narrow,
    };

    // Drop header runs (the first and any repeated at page breaks).
    let mut dropped = vec![false; paras.len()];
    for d in dropped.iter_mut().skip(hstart).take(hlen) {
        *d = true;
    }
    let mut i = hstart + hlen;
    while i < paras.len() {
        if anchors[i] == Anchor::None
            && let Some((n, _)) = aliases.run_at(&text_refs, i, 2)
        {
            for d in dropped.iter_mut().skip(i).take(n) {
                *d = true;
            }
            i += n;
            continue;
        }
        i += 1;
    }

    let mut walk = Walk {
        lex: lexicon(),
        widths,
        has_timescale: columns.contains(&Column::Timescale),
        has_lead: columns.contains(&Column::Lead),
        has_finding: columns.contains(&Column::Finding),
        findings: Vec::new(),
        rows: Vec::new(),
        row: None,
        cell: Cell::None,
        section: None,
    };
    let body: Vec<usize> = (hstart + hlen..paras.len())
        .filter(|&i| !dropped[i])
        .collect();
    // For each body paragraph: the first number of the next anchor after
    // it, when that anchor is an action.
    let mut action_ahead: Vec<Option<u32>> = vec![None; body.len()];
    let mut ahead = None;
    for (k, &i) in body.iter().enumerate().rev() {
        action_ahead[k] = ahead;
        match &anchors[i] {
            Anchor::Action(r, _) => ahead = Some(major(r)),
            Anchor::Finding(..) => ahead = None,
            Anchor::None => {}
        }
    }
    for (k, &i) in body.iter().enumerate() {
        let next = body.get(k + 1).map(|&j| &anchors[j]);
        walk.step(&paras[i], &anchors[i], next, action_ahead[k]);
    }
    walk.flush();
    let mut plan = walk.finish(g);
    // A stray numbered paragraph under a header-like line is not a plan.
    if plan.actions.len() < 2 {
        return Plan::default();
    }
    link_by_number(&mut plan);
    plan
}

/// An action numbered "M.N" belongs to finding M where the plan has one:
/// a dump may print a page's finding cells after its action cells, so the
/// order of the flow links the actions to the finding before.
fn link_by_number(plan: &mut Plan) {
    for a in &mut plan.actions {
        let Some(r) = a.ref_.as_deref().filter(|r| r.contains('.')) else {
            continue;
        };
        let m = major(r).to_string();
        if let Some(f) = plan
            .findings
            .iter()
            .find(|f| f.ref_.as_deref() == Some(m.as_str()))
        {
            a.finding = Some(f.id.clone());
        }
    }
}

/// The width at or below which a paragraph is as narrow as the timescale
/// column: a third of the action column, or wider where the document's own
/// wrapped date cells (paragraphs opening with a date, no lead after it)
/// show a wider column, but never half the action column.
fn narrow_width(paras: &[Para], action_width: Option<usize>) -> usize {
    let lex = lexicon();
    let base = action_width.map_or(25, |w| (w * 35 / 100).max(20));
    let date_cells: Vec<usize> = paras
        .iter()
        .filter(|p| p.lines.len() >= 2)
        .filter(|p| {
            date_spans(p.first(), lex)
                .first()
                .is_some_and(|s| s.first_word == 0)
        })
        .filter(|p| !lead_like(&p.joined(), lex) && !lead_like(&join(&p.lines[1..]), lex))
        .map(Para::width)
        .collect();
    let cap = action_width.map_or(usize::MAX, |w| w / 2);
    match median(date_cells) {
        Some(m) => base.max((m + 3).min(cap)),
        None => base,
    }
}

/// What a line opening with a number continues the sequence with.
#[derive(Default)]
struct Sequence {
    finding: Option<u32>,
    action: Option<(u32, u32)>,
}

impl Sequence {
    /// Does `line` open with the next ref in sequence ("2.3" after "2.2",
    /// "3.1" or "3" after "2.x") followed by a capitalised word?
    fn continues(&self, line: &str) -> bool {
        let Some((r, rest)) = reference::split_ref(line) else {
            return false;
        };
        if !rest.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        let parts: Vec<u32> = r.split('.').filter_map(|p| p.parse().ok()).collect();
        let group = self.action.map(|(m, _)| m).max(self.finding).unwrap_or(0);
        match parts[..] {
            [m, n] => match self.action {
                Some((am, an)) => (m == am && n == an + 1) || (m == group + 1 && n == 1),
                None => n == 1 && (m == group.max(1) || m == group + 1),
            },
            [n] => self.finding.is_some() && n == group + 1,
            _ => false,
        }
    }

    fn note(&mut self, line: &str) {
        if let Some((r, _)) = reference::split_ref(line) {
            let parts: Vec<u32> = r.split('.').filter_map(|p| p.parse().ok()).collect();
            match parts[..] {
                [m, n] => self.action = Some((m, n)),
                [n] if self.finding.is_none_or(|f| n == f + 1) => self.finding = Some(n),
                _ => {}
            }
        }
    }
}

/// Split paragraphs where a line inside opens with the next ref in sequence:
/// pdftotext glues a row's first line to the previous box when no blank line
/// falls between them.
fn split_glued(paras: Vec<Para>) -> Vec<Para> {
    let mut seq = Sequence::default();
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        seq.note(p.first());
        let mut start = 0;
        for k in 1..p.lines.len() {
            let line = p.lines[k].trim();
            if seq.continues(line) {
                out.push(Para {
                    lines: p.lines[start..k].to_vec(),
                    line: p.line + start as u32,
                    list: p.list && start == 0,
                });
                start = k;
                seq.note(line);
            }
        }
        out.push(Para {
            lines: p.lines[start..].to_vec(),
            line: p.line + start as u32,
            list: p.list && start == 0,
        });
    }
    out
}

/// The document's paragraphs (tables are the table interpreter's).
fn paragraphs(doc: &Document) -> Vec<Para> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.as_str(), p.at.line, p.list.is_some())),
            Block::Heading(h) => Some((h.text.as_str(), h.at.line, false)),
            Block::Table(_) => None,
        })
        .filter(|(t, _, _)| !t.trim().is_empty())
        .map(|(t, line, list)| Para {
            lines: t
                .lines()
                .map(|l| l.trim_end().to_string())
                .filter(|l| !l.trim().is_empty())
                .collect(),
            line: line.unwrap_or(0),
            list,
        })
        .collect()
}

/// The first number of a ref ("2" of "2.1"); 0 where unreadable.
fn major(r: &str) -> u32 {
    r.split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0)
}

/// "2.1 Text…" → ("2.1", "Text…"): a dotted ref followed by text that opens
/// a sentence.
fn action_anchor(p: &Para) -> Option<(String, String)> {
    let (r, rest) = reference::split_ref(p.first())?;
    let opens = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '(' || c == '\'' || c == '"' || c == '\u{2018}');
    (r.contains('.') && opens).then(|| (r, rest.to_string()))
}

/// Findings: a bare number, next in sequence (small gaps allowed), then a
/// capitalised sentence on a line wider than a timescale cell.
fn anchors(paras: &[Para], action_refs: &[Option<(String, String)>], narrow: usize) -> Vec<Anchor> {
    let mut last: Option<u32> = None;
    paras
        .iter()
        .zip(action_refs)
        .map(|(p, a)| {
            if let Some((r, rest)) = a {
                // An action's first number is its finding's: a dotted number
                // far beyond the findings seen ("29.04.20") is no ref.
                let major = r.split('.').next().and_then(|m| m.parse::<u32>().ok());
                let plausible = match (last, major) {
                    (Some(l), Some(m)) => m <= l + 3,
                    (None, Some(m)) => m >= 1,
                    (_, None) => false,
                };
                return if plausible {
                    Anchor::Action(r.clone(), rest.clone())
                } else {
                    Anchor::None
                };
            }
            let Some((r, rest)) = reference::split_ref(p.first()) else {
                return Anchor::None;
            };
            let Ok(n) = r.parse::<u32>() else {
                return Anchor::None;
            };
            let in_sequence = match last {
                None => (1..=3).contains(&n),
                Some(l) => n > l && n <= l + 3,
            };
            let opens = rest.chars().next().is_some_and(char::is_uppercase);
            if in_sequence && opens && p.width() > narrow {
                last = Some(n);
                Anchor::Finding(n, rest.to_string())
            } else {
                Anchor::None
            }
        })
        .collect()
}

struct Walk<'a> {
    lex: &'a Lexicon,
    widths: Widths,
    has_timescale: bool,
    has_lead: bool,
    has_finding: bool,
    findings: Vec<FindingBuild>,
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Cell,
    section: Option<String>,
}

impl Walk<'_> {
    fn step(&mut self, p: &Para, anchor: &Anchor, next: Option<&Anchor>, ahead: Option<u32>) {
        match anchor {
            Anchor::Finding(n, rest) => {
                self.flush();
                let mut text = vec![rest.clone()];
                text.extend(p.lines.iter().skip(1).cloned());
                self.findings.push(FindingBuild {
                    num: *n,
                    section: self.section.clone(),
                    text,
                    line: p.line,
                });
                self.cell = Cell::Finding;
                return;
            }
            Anchor::Action(r, rest) => {
                self.flush();
                self.start_row(Some(r.clone()), p.line);
                let mut lines = vec![rest.clone()];
                lines.extend(p.lines.iter().skip(1).cloned());
                self.absorb_action(&lines);
                return;
            }
            Anchor::None => {}
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
        if self.has_timescale && self.date_start(first) {
            self.ensure_row(p.line);
            self.place_date_start(&p.lines);
        } else if heading_line(first)
            && self
                .row
                .as_ref()
                .is_some_and(|r| !r.timescale.is_empty() || !r.lead.is_empty())
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
            if let Some(r) = self.row.as_mut() {
                r.lead.push(text);
            }
            self.cell = Cell::Lead;
        } else if self.has_timescale && p.width() <= self.widths.narrow {
            self.ensure_row(p.line);
            if let Some(r) = self.row.as_mut() {
                r.timescale.push(text);
            }
            self.cell = Cell::Timescale;
        } else {
            self.wide(p, ahead);
        }
    }

    /// A wide paragraph that is not an anchor: finding text, a new action
    /// with no ref, or more action text.
    fn wide(&mut self, p: &Para, ahead: Option<u32>) {
        if self.unnumbered_finding(p, ahead) {
            return;
        }
        match self.cell {
            Cell::Finding | Cell::None if self.row.is_none() => {
                if ahead.is_some() || self.widths.finding_width(p) {
                    self.push_finding(p.lines.iter().cloned());
                } else {
                    self.start_row(None, p.line);
                    self.absorb_action(&p.lines);
                }
            }
            Cell::Timescale | Cell::Lead if self.widths.finding_width(p) => {
                // A page-break fragment of the finding cell.
                self.push_finding(p.lines.iter().cloned());
            }
            _ => {
                self.ensure_row(p.line);
                self.absorb_action(&p.lines);
            }
        }
    }

    /// Findings printed without their number (the ref column came out
    /// apart): a wrapped paragraph just before the first action of a new
    /// group is that group's finding.
    fn unnumbered_finding(&mut self, p: &Para, ahead: Option<u32>) -> bool {
        let last = self.findings.last().map(|f| f.num);
        if let Some(m) = ahead
            && self.has_finding
            && p.lines.len() >= 2
            && last.is_none_or(|l| m > l)
            && self
                .row
                .as_ref()
                .is_none_or(|r| !r.timescale.is_empty() || !r.lead.is_empty())
        {
            self.flush();
            self.findings.push(FindingBuild {
                num: m,
                section: self.section.clone(),
                text: p.lines.clone(),
                line: p.line,
            });
            self.cell = Cell::Finding;
            return true;
        }
        false
    }

    fn push_finding(&mut self, lines: impl Iterator<Item = String>) {
        if let Some(f) = self.findings.last_mut() {
            f.text.extend(lines);
        }
    }

    fn start_row(&mut self, ref_: Option<String>, line: u32) {
        self.row = Some(Row {
            ref_,
            finding: self.findings.len().checked_sub(1),
            section: self.section.clone(),
            line,
            ..Default::default()
        });
        self.cell = Cell::Action;
    }

    fn ensure_row(&mut self, line: u32) {
        if self.row.is_none() {
            self.start_row(None, line);
        }
    }

    fn flush(&mut self) {
        if let Some(r) = self.row.take()
            && !r.action.is_empty()
        {
            self.rows.push(r);
        }
    }

    /// A short line before a finding that is no date, no lead and no
    /// sentence fragment: a section row ("Health").
    fn is_section(&self, p: &Para, text: &str) -> bool {
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

    /// Does the line open with a date expression ("July 2020 …", "End of
    /// June 2020")?
    fn date_start(&self, line: &str) -> bool {
        date_spans(line, self.lex)
            .first()
            .is_some_and(|s| s.first_word == 0)
    }

    /// A paragraph opening with a date: the timescale, and a lead when what
    /// follows the date reads like one.
    fn place_date_start(&mut self, lines: &[String]) {
        let first = lines.first().map(String::as_str).unwrap_or("").trim();
        let Some(span) = date_spans(first, self.lex).into_iter().next() else {
            return;
        };
        self.place_tail(
            &first[span.start..span.end],
            &first[span.end..],
            &lines[1..],
        );
    }

    /// Place a date, the rest of its line and the lines after it into the
    /// timescale and lead cells.
    fn place_tail(&mut self, date: &str, rest: &str, after: &[String]) {
        let rest = rest.trim();
        let rest_punct = !rest.chars().any(char::is_alphanumeric);
        let mut tail: Vec<String> = vec![rest.to_string()];
        tail.extend(after.iter().cloned());
        let tail_text = join(&tail);
        let after_text = join(after);
        let has_lead = self.has_lead;
        let lex = self.lex;
        let Some(r) = self.row.as_mut() else {
            return;
        };
        if has_lead && !rest_punct && lead_like(&tail_text, lex) {
            r.timescale.push(date.to_string());
            r.lead.push(tail_text);
            self.cell = Cell::Lead;
        } else if has_lead && !after.is_empty() && lead_like(&after_text, lex) {
            r.timescale.push(join(&[date, rest]));
            r.lead.push(after_text);
            self.cell = Cell::Lead;
        } else {
            r.timescale.push(join(&[date.to_string(), tail_text]));
            self.cell = Cell::Timescale;
        }
    }

    /// Action text, cut where a date on the same line starts the timescale
    /// cell (cells on one baseline are printed as one line).
    fn absorb_action(&mut self, lines: &[String]) {
        if self.has_timescale {
            for (k, line) in lines.iter().enumerate() {
                for span in date_spans(line, self.lex) {
                    if self.is_cell_boundary(lines, k, span) {
                        if let Some(r) = self.row.as_mut() {
                            r.action.extend(lines[..k].iter().cloned());
                            r.action.push(line[..span.start].to_string());
                        }
                        self.place_tail(
                            &line[span.start..span.end],
                            &line[span.end..],
                            &lines[k + 1..],
                        );
                        return;
                    }
                }
            }
        }
        if let Some(r) = self.row.as_mut() {
            r.action.extend(lines.iter().cloned());
        }
        self.cell = Cell::Action;
    }

    fn is_cell_boundary(&self, lines: &[String], k: usize, span: cues::Span) -> bool {
        let line = &lines[k];
        let prefix = line[..span.start].trim();
        if prefix.is_empty() {
            if k == 0 {
                return false;
            }
            // "on 20 / th / April 2020": the date began on an earlier line.
            let prev = lines[k - 1].trim();
            if prev.ends_with(|c: char| c.is_ascii_digit()) || prev.chars().count() <= 2 {
                return false;
            }
        } else if let Some(w) = cues::words(prefix).last()
            && self.lex.is_function_word(w.bare)
        {
            return false;
        }
        let rest = line[span.end..].trim();
        let after = &lines[k + 1..];
        let mut tail = vec![rest.to_string()];
        tail.extend(after.iter().cloned());
        if self.has_lead && lead_like(&join(&tail), self.lex) {
            return true;
        }
        let rest_short =
            !rest.chars().any(char::is_alphanumeric) || width(rest) <= self.widths.narrow;
        rest_short && after.iter().all(|l| width(l) <= self.widths.narrow)
    }

    /// A fragment opening mid-sentence continues the cell left unfinished:
    /// the current one if it is, else the row's other unfinished cell.
    fn continue_unfinished(&mut self, p: &Para) {
        let text = p.joined();
        let target = {
            let row = self.row.as_ref();
            // Only a cell's last piece is looked at, so that long cells
            // built from many fragments cost no more than short ones.
            let pieces = |c: Cell| -> &[String] {
                match (c, row) {
                    (Cell::Finding, _) => self.findings.last().map_or(&[], |f| &f.text[..]),
                    (Cell::Action, Some(r)) => &r.action,
                    (Cell::Timescale, Some(r)) => &r.timescale,
                    (Cell::Lead, Some(r)) => &r.lead,
                    _ => &[],
                }
            };
            // The last piece, and whether it is the whole cell.
            let cell_text = |c: Cell| -> Option<(&str, bool)> {
                let ps = pieces(c);
                let last = ps.iter().rev().find(|p| !p.trim().is_empty())?;
                Some((last.trim(), ps.len() == 1))
            };
            // The current cell goes on unless it is closed: a sentence
            // ended, or a cell that is only a date; a lead cell goes on only
            // when it stops mid-phrase.
            let (current, whole) = cell_text(self.cell).unwrap_or(("", false));
            let keeps = match self.cell {
                Cell::Lead => unfinished(current),
                Cell::None => false,
                _ => !closed(current, whole, self.lex),
            };
            if keeps {
                self.cell
            } else {
                let mut order = Vec::new();
                if row.is_some() {
                    order.extend([Cell::Action, Cell::Timescale, Cell::Lead]);
                }
                order
                    .iter()
                    .copied()
                    .filter(|&c| c != self.cell)
                    .find(|&c| cell_text(c).is_some_and(|(t, _)| unfinished(t)))
                    .unwrap_or(self.cell)
            }
        };
        match target {
            Cell::Finding | Cell::None => self.push_finding(p.lines.iter().cloned()),
            Cell::Action => {
                self.ensure_row(p.line);
                self.absorb_action(&p.lines);
            }
            Cell::Timescale => {
                if let Some(r) = self.row.as_mut() {
                    r.timescale.push(text);
                }
                self.cell = Cell::Timescale;
            }
            Cell::Lead => {
                if let Some(r) = self.row.as_mut() {
                    match r.lead.last_mut() {
                        Some(last) => *last = join(&[last.as_str(), text.as_str()]),
                        None => r.lead.push(text),
                    }
                }
                self.cell = Cell::Lead;
            }
        }
    }

    /// The plan in contract types.
    fn finish(self, g: &Grammars) -> Plan {
        let findings: Vec<Finding> = self
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| Finding {
                id: format!("f{}", i + 1),
                ref_: Some(f.num.to_string()),
                section: f.section.clone(),
                text: join(&f.text),
                at: At {
                    page: None,
                    line: Some(f.line),
                },
            })
            .collect();
        let mut actions: Vec<Action> = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            let ts_text = cues::mend_split_years(&join(&r.timescale), self.lex);
            let ts_text = (!ts_text.is_empty()).then_some(ts_text);
            let timescale = timescale(ts_text.as_deref(), g);
            let facts = ts_text
                .as_deref()
                .map(|t| status::status(t, g))
                .unwrap_or_default();
            let (leads, inherited) = if r.lead.is_empty() {
                let prev = actions.last().filter(|a| {
                    r.finding.is_some() && a.finding == r.finding.map(|f| format!("f{}", f + 1))
                });
                match prev {
                    Some(a) if !a.leads.is_empty() => (a.leads.clone(), true),
                    _ => (Vec::new(), false),
                }
            } else {
                (leads(&r.lead.join("\n"), g), false)
            };
            actions.push(Action {
                id: format!("a{}", i + 1),
                ref_: r.ref_.clone(),
                finding: r.finding.map(|f| format!("f{}", f + 1)),
                section: r.section.clone(),
                text: join(&r.action),
                timescale,
                leads,
                leads_inherited: inherited,
                outcome: None,
                status: Status {
                    text: None,
                    rag: facts.rag.map(rag),
                    complete: facts.complete,
                },
                progress: Vec::new(),
                at: At {
                    page: None,
                    line: Some(r.line),
                },
            });
        }
        Plan {
            title: None,
            findings,
            actions,
            diagnostics: Vec::new(),
        }
    }
}

/// A cell that cannot go on: its sentence ended, or (`whole`: `text` is the
/// entire cell) it is one date.
fn closed(text: &str, whole: bool, lex: &Lexicon) -> bool {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        return true;
    }
    if !whole {
        return false;
    }
    let spans = date_spans(t, lex);
    spans.len() == 1
        && spans
            .first()
            .is_some_and(|s| s.start == 0 && s.end == t.len())
}

fn timescale(text: Option<&str>, g: &Grammars) -> Timescale {
    let Some(text) = text else {
        return Timescale::default();
    };
    Timescale {
        text: Some(text.to_string()),
        dates: date::find_dates(text, g)
            .into_iter()
            .map(|d| DateRange {
                text: d.text,
                start: d.start.to_string(),
                end: d.end.to_string(),
            })
            .collect(),
        due: date::due(text, g).map(|d| d.to_string()),
    }
}

fn leads(cell: &str, g: &Grammars) -> Vec<Lead> {
    lead::split_leads(cell, g)
        .into_iter()
        .map(|l| Lead {
            text: l.text,
            name: l.name,
            role: l.role,
            organisation: l.organisation,
        })
        .collect()
}

fn rag(r: crate::recognise::Rag) -> contract::Rag {
    use crate::recognise::Rag as R;
    match r {
        R::Red => contract::Rag::Red,
        R::Amber => contract::Rag::Amber,
        R::Green => contract::Rag::Green,
        R::Blue => contract::Rag::Blue,
        R::Grey => contract::Rag::Grey,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{self, Limits};

    /// (ref, text, timescale, lead texts, inherited) of an action.
    type Seen<'a> = (
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Vec<&'a str>,
        bool,
    );

    fn plan_of(text: &str) -> Plan {
        let doc = read::read(text.as_bytes(), &Limits::default()).unwrap();
        extract(&doc, &Grammars::builtin())
    }

    /// An invented plan laid out as pdftotext prints one: wrapped columns,
    /// cells on one baseline merged into one line, a repeated header, a row
    /// split by a page break, and a finding whose actions carry no numbers.
    const FLOW: &str = "\
Ref Areas for development Actions
Timescale

Lead

Partnership areas

1 Agencies do not always share information about young carers in
time and their needs are missed when families move between areas.

1.1 Publish a protocol for sharing information on young carers  March 2021 Ann Example, Head of
Early Help

1.2 Train frontline staff in using the new protocol so that it is applied in every single
locality team across the county.

April 2021

1.3 Audit the use of the protocol after six months and report the results to the

Q2 2021/22

Ref Areas for development Actions
Timescale

Lead
 board.

Schools

2 Schools are not always told when a child they teach becomes subject
to a plan, so staff cannot offer support at the right moment.

Notification Pilot:
A pilot notification service will run in two districts, sending a secure message to
the school within one working day of a plan starting.

Spring 2021

DI Sam Sample

Evaluation:
The pilot will be evaluated and a decision taken on extending it across the county.

Summer 2021

Jo Placeholder, Education
Safeguarding Manager
";

    #[test]
    fn reads_an_invented_flow() {
        let plan = plan_of(FLOW);
        let f: Vec<(Option<&str>, Option<&str>)> = plan
            .findings
            .iter()
            .map(|f| (f.ref_.as_deref(), f.section.as_deref()))
            .collect();
        assert_eq!(
            f,
            vec![
                (Some("1"), Some("Partnership areas")),
                (Some("2"), Some("Schools"))
            ]
        );
        let a: Vec<Seen> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.ref_.as_deref(),
                    a.text.as_str(),
                    a.timescale.text.as_deref(),
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                    a.leads_inherited,
                )
            })
            .collect();
        let lead1 = vec!["Ann Example, Head of Early Help"];
        assert_eq!(
            a,
            vec![
                (
                    Some("1.1"),
                    "Publish a protocol for sharing information on young carers",
                    Some("March 2021"),
                    lead1.clone(),
                    false
                ),
                (
                    Some("1.2"),
                    "Train frontline staff in using the new protocol so that it is applied in every single locality team across the county.",
                    Some("April 2021"),
                    lead1.clone(),
                    true
                ),
                (
                    Some("1.3"),
                    "Audit the use of the protocol after six months and report the results to the board.",
                    Some("Q2 2021/22"),
                    lead1.clone(),
                    true
                ),
                (
                    None,
                    "Notification Pilot: A pilot notification service will run in two districts, sending a secure message to the school within one working day of a plan starting.",
                    Some("Spring 2021"),
                    vec!["DI Sam Sample"],
                    false
                ),
                (
                    None,
                    "Evaluation: The pilot will be evaluated and a decision taken on extending it across the county.",
                    Some("Summer 2021"),
                    vec!["Jo Placeholder, Education Safeguarding Manager"],
                    false
                ),
            ]
        );
        assert!(
            plan.actions
                .iter()
                .take(3)
                .all(|a| a.finding.as_deref() == Some("f1"))
        );
        assert!(
            plan.actions
                .iter()
                .skip(3)
                .all(|a| a.finding.as_deref() == Some("f2"))
        );
        assert_eq!(plan.actions[0].at.line, Some(11));
    }

    #[test]
    fn a_row_glued_to_the_box_before_is_split_off() {
        let text = "Ref Actions\nTimescale Lead\n\n\
1 Families wait too long for an assessment when they are first referred
to the service by their school or doctor.

1.1 Set up a single front door for every referral made by schools and doctors in
the county area.

May 2021

Jo Placeholder, Head of Service
1.2 Publish the waiting times for assessment each month on the website.

June 2021
";
        let plan = plan_of(text);
        let refs: Vec<_> = plan.actions.iter().map(|a| a.ref_.as_deref()).collect();
        assert_eq!(refs, vec![Some("1.1"), Some("1.2")]);
        assert_eq!(plan.actions[1].at.line, Some(13));
        assert!(plan.actions[1].leads_inherited);
    }

    #[test]
    fn findings_printed_apart_from_their_numbers() {
        let text = "Ref Areas for development Actions\nTimescale\n\n\
Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Set up a single front door for every referral made by schools and doctors in
the county area.

May 2021

Carers are not always offered an assessment of their own needs
when the person they care for is assessed.

2.1 Offer every carer an assessment at the same visit as the person they care for.

June 2021
";
        let plan = plan_of(text);
        let f: Vec<_> = plan.findings.iter().map(|f| f.ref_.as_deref()).collect();
        assert_eq!(f, vec![Some("1"), Some("2")]);
        assert!(plan.findings[1].text.starts_with("Carers are not"));
        let links: Vec<_> = plan.actions.iter().map(|a| a.finding.as_deref()).collect();
        assert_eq!(links, vec![Some("f1"), Some("f2")]);
    }

    #[test]
    fn no_header_no_plan() {
        let text = FLOW.replace(
            "Ref Areas for development Actions\nTimescale\n\nLead\n",
            "Introduction\n",
        );
        assert!(plan_of(&text).actions.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_shuffled_flows(picks in proptest::collection::vec((0usize..64, proptest::bool::ANY, "[ a-zA-Z0-9.:,/()\u{2013}-]{0,30}"), 0..80)) {
            let pool: Vec<&str> = FLOW.lines().collect();
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
                let _ = extract(&doc, &Grammars::builtin());
            }
        }
    }
}
