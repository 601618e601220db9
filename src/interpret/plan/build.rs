//! Lines into findings and actions: which finding an action answers, its
//! ref, rows that carry on the row above, and leads carried down.
//!
//! The rules are structural, so they hold for text exports (empty cells) and
//! for DOCX/PDF tables (vertically merged cells) alike:
//! - a row that prints a finding (or a ref in the ref column) starts a
//!   finding; rows below with an empty or merged finding cell belong to it;
//! - a row after a page break that prints no ref continues the row above,
//!   cell by cell;
//! - an action's own number is its ref when it extends the finding's
//!   ("1.1" under "1"); a number that does not ("1." under "18") is list
//!   text. When the document never numbers its actions, the action printed
//!   on a finding's row takes the finding's ref;
//! - a lead cell that is merged from above, or empty within the same
//!   finding, carries the leads of the action above (`leads_inherited`).

use std::sync::Arc;

use crate::contract::{Action, Diagnostic, Finding, Lead};
use crate::model::Provenance;
use crate::recognise::{Grammars, reference};

use super::fields;
use super::refs;
use super::repeats::Copies;
use super::rows::{CellVal, Line, RowData};
use super::spread::{self, LeadCell};

/// An action as gathered from rows, before its fields are parsed.
#[derive(Debug, Clone, Default)]
struct RawAction {
    ref_: Option<String>,
    finding: Option<usize>,
    /// Shared with the builder and every action under the heading: a copy
    /// per action cost the heading's length times the actions.
    section: Option<Arc<str>>,
    text: Vec<String>,
    /// None when the table has no timescale column.
    timescale: Option<Vec<String>>,
    lead: Vec<String>,
    /// The lead cell is covered by a merged cell from the row above.
    lead_merged: bool,
    outcome: Vec<Vec<String>>,
    status: Vec<String>,
    status_fill: Option<crate::model::Rgb>,
    percent: Vec<String>,
    progress: Vec<Vec<String>>,
    /// The lead cell said "as above": the leads of the row above.
    as_above: bool,
    at: Provenance,
}

#[derive(Debug, Clone, Default)]
pub(super) struct RawFinding {
    pub(super) ref_: Option<String>,
    pub(super) section: Option<Arc<str>>,
    pub(super) text: Vec<String>,
    pub(super) at: Provenance,
}

/// What the plan knows besides its table rows.
#[derive(Debug, Clone, Default)]
pub(super) struct Context {
    /// Findings printed apart from the action table (numbered or labelled
    /// paragraphs, a findings table), in their printed order.
    pub(super) apart: Vec<RawFinding>,
    /// The document's keys: what each rating means.
    pub(super) keys: super::keys::Keys,
    /// Label words a finding's number may follow ("Priority area 3").
    pub(super) finding_labels: crate::recognise::phrase::Phrases<()>,
}

/// Does the document number its actions (any action cell opening with a
/// number that extends its finding's)? Decided over the whole document so
/// that a page of unnumbered actions reads like the rest.
fn numbers_actions(lines: &[Line]) -> bool {
    let mut fref: Option<String> = None;
    let mut section: Option<&String> = None;
    for line in lines {
        let row = match line {
            Line::Data(row) => row,
            Line::Section(s) => {
                if section != Some(s) {
                    fref = None;
                    section = Some(s);
                }
                continue;
            }
        };
        if let Some(r) = finding_ref(row) {
            fref = Some(r);
        }
        if let Some(first) = row.action.own().first()
            && own_number(first, fref.as_deref()).is_some()
        {
            return true;
        }
    }
    false
}

/// Do two consecutive rows print the same finding text in cells of their
/// own (a spreadsheet's repeats, not a merged cell)?
fn repeats_findings(lines: &[Line]) -> bool {
    let mut prev: Option<&[String]> = None;
    for line in lines {
        let Line::Data(row) = line else {
            prev = None;
            continue;
        };
        let own = row.finding.own();
        let printed = row.finding.has_own_text();
        if printed && prev == Some(own) {
            return true;
        }
        prev = printed.then_some(own);
    }
    false
}

/// An action number belongs to the action when it extends the finding's
/// number, or when there is no finding number to extend.
fn extends(r: &str, finding: Option<&str>) -> bool {
    match finding {
        Some(f) => r.strip_prefix(f).is_some_and(|rest| rest.starts_with('.')),
        None => true,
    }
}

/// The number an action cell opens with, if it is the action's own: it
/// extends the finding's number; or, with no finding number, it reads as
/// numbering ("1.", "2.3") rather than a quantity ("2 new posts").
fn own_number(first: &str, finding: Option<&str>) -> Option<(String, String)> {
    let (r, rest) = reference::split_ref(first)?;
    let numbering = r.contains('.')
        || first
            .trim_start()
            .get(r.len()..)
            .is_some_and(|t| t.starts_with('.'));
    let ok = match finding {
        Some(_) => extends(&r, finding),
        None => numbering,
    };
    ok.then(|| (r, rest.to_string()))
}

/// The ref a row prints for its finding: the ref cell, else a number
/// opening the finding cell.
fn finding_ref(row: &RowData) -> Option<String> {
    if let Some(r) = ref_cell(row) {
        return Some(r);
    }
    let first = row.finding.own().first()?;
    refs::opening_ref(first).map(|(r, _)| r)
}

/// The ref column's text as a ref ("2.2." → "2.2").
fn ref_cell(row: &RowData) -> Option<String> {
    let text = fields::join(row.ref_.own());
    if text.is_empty() {
        return None;
    }
    Some(reference::whole_ref(&text).unwrap_or_else(|| text.trim_end_matches('.').to_string()))
}

struct Builder<'a> {
    ctx: &'a Context,
    numbered: bool,
    /// The document prints a finding again on each of its rows (a
    /// spreadsheet print): the ref column numbers the actions, never the
    /// finding, whose ref can only be a number opening its text.
    repeats_findings: bool,
    /// The document has some ref scheme (a ref column or numbered actions),
    /// so a row that prints no ref can be told from one that does.
    has_refs: bool,
    section: Option<Arc<str>>,
    findings: Vec<RawFinding>,
    /// Boxed: each is freed as its action is made, where a vector of
    /// them stays whole until the last (a 100,000-action plan held 33 MB
    /// of raw actions beside its finished actions).
    #[allow(clippy::vec_box)]
    actions: Vec<Box<RawAction>>,
    current: Option<usize>,
    /// The finding cells as printed, to tell a repeat from a new finding.
    printed: Vec<Vec<String>>,
    /// The row's ref column numbers its action, not its finding.
    ref_for_action: bool,
    /// Lead texts that mean "as above".
    as_above: &'a crate::recognise::phrase::Phrases<()>,
    /// The last line was a data row (a continuation has something to carry on).
    after_data: bool,
}

impl Builder<'_> {
    fn finding_ref(&self) -> Option<&str> {
        self.current
            .and_then(|i| self.findings.get(i))
            .and_then(|f| f.ref_.as_deref())
    }

    fn line(&mut self, line: &Line) {
        match line {
            // The same heading again is a running head repeated with the
            // table header after a page break: the group goes on.
            Line::Section(s)
                if self
                    .section
                    .as_deref()
                    .is_some_and(|k| fields::is_kept_of(k, s)) => {}
            Line::Section(s) => {
                self.section = Some(fields::kept(s.clone()).into());
                self.current = None;
                self.after_data = false;
            }
            Line::Data(row) => {
                self.data(row);
                self.after_data = true;
            }
        }
    }

    fn prints_ref(&self, row: &RowData) -> bool {
        if ref_cell(row).is_some() {
            return true;
        }
        row.action
            .own()
            .first()
            .is_some_and(|t| own_number(t, self.finding_ref()).is_some())
    }

    fn data(&mut self, row: &RowData) {
        let after_break = row.page_break_before && self.has_refs && self.after_data;
        if after_break && !self.actions.is_empty() && !self.prints_ref(row) {
            self.carry_on(row);
            return;
        }
        // A finding cell split by the break, beside an action that starts
        // afresh: the finding text carries on, the action is new.
        let finding_goes_on = after_break && self.current.is_some() && ref_cell(row).is_none();
        if finding_goes_on && let Some(f) = self.current.and_then(|i| self.findings.get_mut(i)) {
            f.text.extend(row.finding.own().iter().cloned());
        }
        let has_finding_col = row.finding_col;
        // A theme column printed on every row names the row's section.
        if let Some(sec) = non_empty_join(row.section.own())
            && !self
                .section
                .as_deref()
                .is_some_and(|k| fields::is_kept_of(k, &sec))
        {
            self.section = Some(fields::kept(sec).into());
            self.current = None;
        }
        // A row starts a finding when it prints one, or prints only a ref
        // (a finding row whose text is elsewhere). A ref printed beside an
        // action under an empty or merged finding cell numbers the action.
        // A spreadsheet prints the finding again on each of its rows: a run
        // of identical finding text is one finding.
        let ref_only =
            row.ref_.has_own_text() && !row.action.has_own_text() && !row.finding.is_merged();
        let repeated = row.finding.has_own_text()
            && self
                .current
                .and_then(|i| self.printed.get(i))
                .is_some_and(|p| p.as_slice() == row.finding.own());
        let mut new_finding = false;
        self.ref_for_action = false;
        if has_finding_col
            && !finding_goes_on
            && !repeated
            && (row.finding.has_own_text() || ref_only)
        {
            let printed = row.finding.own().to_vec();
            let (ref_, text, cell_numbers_action) = self.finding_ref_and_text(row, &printed);
            self.ref_for_action = cell_numbers_action;
            self.findings.push(RawFinding {
                ref_,
                section: self.section.clone(),
                text,
                at: row.at,
            });
            self.printed.push(printed);
            self.current = Some(self.findings.len() - 1);
            new_finding = true;
        } else if repeated {
            self.ref_for_action = true;
        }
        if !has_finding_col && let Some(i) = self.linked(row) {
            self.current = Some(i);
        }
        if row.action.has_own_text() {
            self.new_action(row, new_finding, has_finding_col);
        } else if !new_finding && self.after_data && !self.actions.is_empty() {
            // No action printed here (merged from above, or a stray cell):
            // the row's cells belong to the action above.
            self.carry_on(row);
        }
    }

    /// A new finding's ref and text. A label line ("Priority area 3") or a
    /// number or letter opening the cell ("4. …", "C. …") is the ref and
    /// leaves the text; failing both, the ref column's. When the text
    /// prints its own ref and the ref column another, the column numbers
    /// the action (a spreadsheet's "1.01" beside "1. Improve …"): the third
    /// value says so.
    fn finding_ref_and_text(
        &self,
        row: &RowData,
        printed: &[String],
    ) -> (Option<String>, Vec<String>, bool) {
        let mut text = printed.to_vec();
        let cell = ref_cell(row);
        let mut own = None;
        if let Some(first) = text.first().cloned() {
            if let Some((r, rest)) = refs::labelled_ref(&first, &self.ctx.finding_labels) {
                own = Some(r);
                if rest.is_empty() {
                    text.remove(0);
                } else {
                    text[0] = rest;
                }
            } else if let Some((r, rest)) = refs::opening_ref(&first)
                && (cell.is_none() || cell.as_deref() == Some(r.as_str()) || !r.contains('.'))
            {
                own = Some(r);
                text[0] = rest.to_string();
            }
        }
        match (own, cell) {
            (Some(o), Some(c)) if o != c => (Some(o), text, true),
            (Some(o), _) => (Some(o), text, false),
            (None, _) if self.repeats_findings => (None, text, true),
            (None, c) => (c, text, false),
        }
    }

    /// The finding printed apart that a row's link cell names.
    fn linked(&self, row: &RowData) -> Option<usize> {
        let cell = fields::join(row.link.own());
        if cell.is_empty() {
            return None;
        }
        self.findings
            .iter()
            .position(|f| f.ref_.as_deref().is_some_and(|r| refs::links(&cell, r)))
    }

    fn new_action(&mut self, row: &RowData, new_finding: bool, has_finding_col: bool) {
        let mut text = row.action.own().to_vec();
        let mut ref_ = None;
        if let Some(first) = text.first_mut()
            && let Some((r, rest)) = own_number(first, self.finding_ref())
        {
            ref_ = Some(r);
            *first = rest;
        }
        if ref_.is_none() && self.ref_for_action {
            ref_ = ref_cell(row);
        }
        if ref_.is_none() {
            ref_ = if has_finding_col && new_finding {
                // The action printed on its finding's row: the finding's
                // number is the action's too, unless actions carry their own.
                (!self.numbered)
                    .then(|| self.finding_ref().map(str::to_string))
                    .flatten()
            } else {
                ref_cell(row)
            };
        }
        // A filled revised due replaces the due it revises.
        let timescale = match (&row.revised, &row.timescale) {
            (r, _) if !r.read().is_empty() => Some(r.copied()),
            (_, CellVal::Absent) => None,
            (_, t) => Some(t.copied()),
        };
        let lead = row.lead.own().to_vec();
        let as_above = self.says_as_above(&lead);
        self.actions.push(Box::new(RawAction {
            ref_,
            finding: self.current,
            section: self.section.clone(),
            text,
            timescale,
            lead: if as_above { Vec::new() } else { lead },
            lead_merged: row.lead.is_merged(),
            outcome: row.outcome.iter().map(CellVal::copied).collect(),
            status: row.status.copied(),
            status_fill: row.status_fill,
            percent: row.percent.copied(),
            progress: row.progress.iter().map(CellVal::copied).collect(),
            as_above,
            at: row.at,
        }));
    }

    /// Does a lead cell say "as above"?
    fn says_as_above(&self, lead: &[String]) -> bool {
        self.as_above.whole(&fields::join(lead)).is_some()
    }

    /// Append each cell this row prints to the same field of the action
    /// (and finding) above.
    fn carry_on(&mut self, row: &RowData) {
        if let Some(f) = self.current.and_then(|i| self.findings.get_mut(i)) {
            f.text.extend(row.finding.own().iter().cloned());
        }
        let Some(a) = self.actions.last_mut() else {
            return;
        };
        a.text.extend(row.action.own().iter().cloned());
        if row.timescale.has_own_text() {
            a.timescale
                .get_or_insert_with(Vec::new)
                .extend(row.timescale.own().iter().cloned());
        }
        a.lead.extend(row.lead.own().iter().cloned());
        a.status.extend(row.status.own().iter().cloned());
        extend_columns(&mut a.outcome, &row.outcome);
        extend_columns(&mut a.progress, &row.progress);
    }
}

/// A cell's paragraphs joined, if any.
fn non_empty_join(p: &[String]) -> Option<String> {
    let t = fields::join(p);
    (!t.is_empty()).then_some(t)
}

fn extend_columns(into: &mut Vec<Vec<String>>, cells: &[CellVal]) {
    for (i, c) in cells.iter().enumerate() {
        if into.len() <= i {
            into.push(Vec::new());
        }
        if let Some(col) = into.get_mut(i) {
            col.extend(c.own().iter().cloned());
        }
    }
}

use crate::interpret::at_of as at;

/// Build findings and actions from the lines of every plan table, in order.
/// The action above: its finding, section and leads (which carry down).
type Above = (Option<usize>, Option<Arc<str>>, Vec<Lead>);

/// Bytes a date read from a timescale adds to a document beside its text:
/// two ISO bounds and the object around them.
const DATE_COST: usize = 64;

/// What [`build`] makes: findings, actions, and a diagnostic when copied
/// fields were cut ([`super::repeats`]).
pub(super) struct Built {
    pub(super) findings: Vec<Finding>,
    pub(super) actions: Vec<Action>,
    pub(super) copies_cut: Option<Diagnostic>,
}

/// The plan's findings and actions from its lines.
///
/// The lines are taken, not borrowed: they hold a copy of every table cell's
/// text, and each is freed once gathered into a raw action (a large plan
/// held the lines, the raw actions and the actions at its peak).
pub(super) fn build(lines: Vec<Line>, ctx: &Context, g: &Grammars) -> Built {
    let numbered = numbers_actions(&lines);
    let repeats_findings = repeats_findings(&lines);
    let has_ref_col = lines
        .iter()
        .any(|l| matches!(l, Line::Data(r) if r.ref_col));
    let mut b = Builder {
        ctx,
        numbered,
        repeats_findings,
        has_refs: numbered || has_ref_col,
        section: None,
        findings: ctx.apart.clone(),
        actions: Vec::new(),
        current: None,
        printed: vec![Vec::new(); ctx.apart.len()],
        ref_for_action: false,
        as_above: &g.plan_phrases().as_above,
        after_data: false,
    };
    // Each line is freed once gathered.
    for line in lines {
        b.line(&line);
    }
    let mut copies = Copies::default();
    // What was printed was needed only to gather the lines; raw findings
    // are freed as their findings are made.
    drop(std::mem::take(&mut b.printed));
    let findings: Vec<Finding> = std::mem::take(&mut b.findings)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut section = f.section.as_deref().map(str::to_string);
            copies.item_at(at(f.at));
            copies.take_opt(&mut section);
            Finding {
                id: format!("f{}", i + 1),
                key: None,
                ref_: f.ref_,
                section,
                text: fields::join(&f.text),
                at: at(f.at),
            }
        })
        .collect();
    let mut actions = Vec::with_capacity(b.actions.len());
    let mut cells = Vec::with_capacity(b.actions.len());
    let mut prev: Option<Above> = None;
    // Each raw action is freed as its action is made.
    for (i, a) in std::mem::take(&mut b.actions).into_iter().enumerate() {
        let (own, org_first) = fields::lead_cell(&a.lead, g);
        copies.item_at(at(a.at));
        cells.push(match (a.lead.is_empty(), a.lead_merged) {
            (false, _) => LeadCell::Own { org_first },
            (true, true) => LeadCell::Merged,
            (true, false) => LeadCell::Empty,
        });
        // Leads carry down a merged cell, an empty cell in the same
        // finding, or an "as above" in the same finding or section.
        let carried = match &prev {
            Some((pf, ps, leads)) if own.is_empty() && a.lead.is_empty() => {
                let same_finding = a.finding.is_some() && *pf == a.finding;
                let same_group = same_finding || (a.finding.is_none() && *ps == a.section);
                (a.lead_merged || same_finding || (a.as_above && same_group)).then(|| leads.clone())
            }
            _ => None,
        };
        let leads_inherited = carried.as_ref().is_some_and(|l| !l.is_empty());
        let leads = carried.unwrap_or(own);
        let mut copied_leads = leads.clone();
        for l in &mut copied_leads {
            copies.take(&mut l.text);
            copies.take_opt(&mut l.name);
            copies.take_opt(&mut l.role);
            copies.take_opt(&mut l.organisation);
        }
        // A timescale costs its text and the dates read from it (a cell of
        // 16 KB can hold a thousand dates); cut, it is read again so that
        // its dates are those of the text it keeps.
        let timescale = match fields::timescale_text(a.timescale.as_deref(), g) {
            Some(mut text) => {
                let read = fields::timescale_of(&text, g);
                let cost = text.len()
                    + read
                        .dates
                        .iter()
                        .map(|d| d.text.len() + DATE_COST)
                        .sum::<usize>();
                if copies.take_costing(&mut text, cost) {
                    fields::timescale_of(&text, g)
                } else {
                    read
                }
            }
            None => crate::contract::Timescale::default(),
        };
        let mut section = a.section.as_deref().map(str::to_string);
        copies.take_opt(&mut section);
        let progress = fields::progress(&a.progress, g);
        let mut status = fields::status(
            &a.status,
            a.status_fill.is_some(),
            timescale.text.as_deref(),
            &progress,
            g,
        );
        ctx.keys.apply(&mut status, a.status_fill, g);
        fields::percent_done(&mut status, &a.percent);
        actions.push(Action {
            id: format!("a{}", i + 1),
            key: None,
            ref_: a.ref_,
            finding: a.finding.map(|f| format!("f{}", f + 1)),
            section,
            text: fields::join(&a.text),
            timescale,
            leads: copied_leads,
            leads_inherited,
            outcome: fields::outcome(&a.outcome),
            status,
            progress,
            at: at(a.at),
        });
        prev = Some((a.finding, a.section.clone(), leads));
    }
    spread::rejoin(&mut actions, &cells);
    Built {
        findings,
        actions,
        copies_cut: copies.diagnostic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_numbers() {
        assert_eq!(
            own_number("1.1 Undertake", Some("1")),
            Some(("1.1".into(), "Undertake".into()))
        );
        assert_eq!(
            own_number("2.2. Improve", Some("2")).map(|x| x.0),
            Some("2.2".into())
        );
        assert_eq!(own_number("1. IT Development", Some("18")), None);
        assert_eq!(own_number("1. Do", None).map(|x| x.0), Some("1".into()));
        assert_eq!(own_number("2 new posts", None), None);
        assert_eq!(
            own_number("13.7 Arrange 3 events", Some("13")).map(|x| x.0),
            Some("13.7".into())
        );
    }
}
