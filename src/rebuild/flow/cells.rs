//! Cell placement and continuation: a paragraph opening with a date fills
//! the timescale (and a lead after it), action text is cut where cells
//! printed on one line meet, and a fragment opening mid-sentence goes back
//! to the cell left unfinished (rows split by a page break).

use super::cues::{self, date_spans, join, lead_like, lead_like_run, unfinished};
use super::lexicon::Lexicon;
use super::para::{Para, width};
use super::walk::{Cell, Row, Walk};

/// How far back a cell printed apart from its row may reach: a page's rows.
const RECENT_ROWS: usize = 12;

/// How far back a finding's page-break tail may reach: a page's findings.
const RECENT_FINDINGS: usize = 6;

impl Walk<'_> {
    /// Does the line open with a date expression ("July 2020 …", "End of
    /// June 2020")?
    pub(super) fn date_start(&self, line: &str) -> bool {
        date_spans(line, self.lex)
            .first()
            .is_some_and(|s| s.first_word == 0)
    }

    /// A paragraph of its own after a row whose action has ended a sentence
    /// and whose timescale is still empty, with a date in its first line
    /// and only timescale-narrow lines after it, is the timescale cell
    /// (its words before the date are a milestone, not action text). One
    /// opening with its date is left to [`Self::place_date_start`].
    pub(super) fn dated_milestone(&self, p: &Para) -> bool {
        let Some(r) = self.row.as_ref() else {
            return false;
        };
        let ended = r
            .action
            .iter()
            .rev()
            .find(|t| !t.trim().is_empty())
            .is_some_and(|t| t.trim_end().ends_with('.'));
        let narrow_rest = p.lines.len() >= 2
            && p.lines
                .iter()
                .skip(1)
                .all(|l| width(l) <= self.widths.narrow);
        self.has_timescale
            && ended
            && r.timescale.is_empty()
            && narrow_rest
            && date_spans(p.first(), self.lex)
                .first()
                .is_some_and(|s| s.first_word > 0)
    }

    /// A paragraph opening with a date: the timescale, and a lead when what
    /// follows the date reads like one.
    pub(super) fn place_date_start(&mut self, lines: &[String]) {
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
    pub(super) fn place_tail(&mut self, date: &str, rest: &str, after: &[String]) {
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
    pub(super) fn absorb_action(&mut self, lines: &[String]) {
        if self.has_timescale {
            // Whether every line from k on is narrow, for each k: asked per
            // date of every line, it cost the lines after it each time.
            let mut narrow_from = vec![true; lines.len() + 1];
            for k in (0..lines.len()).rev() {
                narrow_from[k] = narrow_from[k + 1] && width(&lines[k]) <= self.widths.narrow;
            }
            for (k, line) in lines.iter().enumerate() {
                let spans = date_spans(line, self.lex);
                for (j, &span) in spans.iter().enumerate() {
                    let later_date = j + 1 < spans.len();
                    let after_narrow = narrow_from[k + 1];
                    if self.is_cell_boundary(lines, k, span, later_date, after_narrow) {
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

    /// `after_narrow`: every line after line `k` is as narrow as a
    /// timescale cell.
    /// `later_date`: the line prints another date after this one, so what
    /// follows holds a date and cannot be a lead cell (checked without
    /// reading the rest again: a line of many dates cost its length
    /// times its dates).
    pub(super) fn is_cell_boundary(
        &self,
        lines: &[String],
        k: usize,
        span: cues::Span,
        later_date: bool,
        after_narrow: bool,
    ) -> bool {
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
        } else if let Some(w) = prefix
            .rsplit(char::is_whitespace)
            .next()
            .and_then(|last| cues::words(last).pop())
            && self.lex.is_function_word(w.bare)
        {
            return false;
        }
        let rest = line[span.end..].trim();
        let after = &lines[k + 1..];
        if self.has_lead && !later_date && lead_like_run(rest, after, self.lex) {
            return true;
        }
        let rest_short =
            // Counted only as far as the narrow width: asked per date of a
            // line, counting the whole rest cost the line's length squared.
            !rest.chars().any(char::is_alphanumeric)
                || rest.chars().nth(self.widths.narrow).is_none();
        rest_short && after_narrow
    }

    /// A fragment opening mid-sentence continues the cell left unfinished:
    /// the current one if it is, else the row's other unfinished cell.
    pub(super) fn continue_unfinished(&mut self, p: &Para) {
        if self.continue_finding(p) {
            return;
        }
        let text = p.joined();
        let target = self.continuation_target();
        match target {
            Cell::Finding | Cell::None => {
                if !self.continue_flushed_row(p) {
                    self.push_finding(p.lines.iter().cloned());
                }
            }
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

    /// A list printed apart from the action that introduces it ("… in:")
    /// goes to the earliest recent row whose text still ends with that
    /// colon: lists printed apart come in the order of their rows.
    pub(super) fn list_to_colon_row(&mut self, p: &Para) -> bool {
        if !cues::list_marker(p.first()) {
            return false;
        }
        let ends_colon = |r: &Row| {
            r.action
                .iter()
                .rev()
                .find(|t| !t.trim().is_empty())
                .is_some_and(|t| t.trim_end().ends_with(':'))
        };
        let n = self.rows.len();
        let flushed =
            (n.saturating_sub(RECENT_ROWS)..n).find(|&k| self.rows.get(k).is_some_and(ends_colon));
        let Some(k) = flushed else {
            let Some(r) = self.row.as_mut().filter(|r| ends_colon(r)) else {
                return false;
            };
            r.action.extend(p.lines.iter().cloned());
            self.cell = Cell::Action;
            return true;
        };
        if let Some(r) = self.rows.get_mut(k) {
            r.action.extend(p.lines.iter().cloned());
        }
        true
    }

    /// A list item printed apart from the items before it ("ii) …" after
    /// the rest of the row) goes to the latest recent row whose action's
    /// last list item is the one before it ("i) …"): a dump reading a page
    /// column by column may print a list's items as separate boxes.
    pub(super) fn list_to_open_list_row(&mut self, p: &Para) -> bool {
        let Some((kind, n)) = cues::list_index(p.first()) else {
            return false;
        };
        if n < 2 {
            return false;
        }
        let before = |r: &Row| {
            r.action
                .iter()
                .rev()
                .find_map(|t| cues::list_index(t))
                .is_some_and(|(k, m)| k == kind && m + 1 == n)
        };
        if let Some(r) = self.row.as_mut().filter(|r| before(r)) {
            r.action.extend(p.lines.iter().cloned());
            self.cell = Cell::Action;
            return true;
        }
        let len = self.rows.len();
        let Some(k) = (len.saturating_sub(RECENT_ROWS)..len)
            .rev()
            .find(|&k| self.rows.get(k).is_some_and(before))
        else {
            return false;
        };
        if let Some(r) = self.rows.get_mut(k) {
            r.action.extend(p.lines.iter().cloned());
        }
        true
    }

    /// A fragment that would go on a finding whose text has ended goes on
    /// the latest recent row whose action text stops mid-sentence or at a
    /// colon instead: a dump may print a finding between an action and the
    /// rest of its text.
    fn continue_flushed_row(&mut self, p: &Para) -> bool {
        let finding_open = self
            .findings
            .last()
            .and_then(|f| f.text.iter().rev().find(|t| !t.trim().is_empty()))
            .is_some_and(|t| unfinished(t));
        if finding_open || self.row.is_some() {
            return false;
        }
        let n = self.rows.len();
        let open = |r: &Row| {
            r.action
                .iter()
                .rev()
                .find(|t| !t.trim().is_empty())
                .is_some_and(|t| unfinished(t) || t.trim_end().ends_with(':'))
        };
        let Some(k) = (n.saturating_sub(RECENT_ROWS)..n)
            .rev()
            .find(|&k| self.rows.get(k).is_some_and(open))
        else {
            return false;
        };
        if let Some(r) = self.rows.get_mut(k) {
            r.action.extend(p.lines.iter().cloned());
        }
        true
    }

    /// A fragment as wide as the finding column continues a recent finding
    /// whose text stopped mid-sentence: a finding cell broken by a page
    /// break, whose tail a dump prints after other cells of the next page.
    fn continue_finding(&mut self, p: &Para) -> bool {
        if !self.widths.finding_width(p) {
            return false;
        }
        let n = self.findings.len();
        let Some(k) = (n.saturating_sub(RECENT_FINDINGS)..n).rev().find(|&k| {
            self.findings
                .get(k)
                .and_then(|f| f.text.iter().rev().find(|t| !t.trim().is_empty()))
                .is_some_and(|t| unfinished(t))
        }) else {
            return false;
        };
        if let Some(f) = self.findings.get_mut(k) {
            f.text.extend(p.lines.iter().cloned());
        }
        if k + 1 == n {
            self.cell = Cell::Finding;
        }
        true
    }

    /// The cell a mid-sentence fragment continues: the current one unless
    /// it is closed, else the row's other cell left unfinished.
    fn continuation_target(&self) -> Cell {
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
        // A name or a post ends in lower case too, so a lead cell that
        // does not visibly stop mid-phrase yields to another cell of the
        // row that stops at a comma, or to action text stopping
        // mid-sentence: the fragment is that text's tail, printed after
        // the row's lead.
        let comma = |t: &str| t.trim_end().ends_with(',');
        let other_open = cell_text(Cell::Action).is_some_and(|(t, _)| unfinished(t))
            || [Cell::Action, Cell::Timescale]
                .iter()
                .any(|&c| cell_text(c).is_some_and(|(t, _)| comma(t)));
        let keeps = match self.cell {
            Cell::Lead => {
                unfinished(current) && (lead_mid_phrase(current, self.lex) || !other_open)
            }
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
    }
}

/// Does a lead cell visibly stop mid-phrase: at a comma, a hyphen or dash,
/// or a function word ("Head of")? A lead ending in a name or a post does
/// not, though it ends in lower case.
fn lead_mid_phrase(text: &str, lex: &Lexicon) -> bool {
    let t = text.trim_end();
    t.ends_with([',', '-', '\u{2013}', '&'])
        || t.split_whitespace()
            .last()
            .is_some_and(|w| lex.is_function_word(w))
}

/// A cell that cannot go on: its sentence ended, or (`whole`: `text` is the
/// entire cell) it is one date.
pub(super) fn closed(text: &str, whole: bool, lex: &Lexicon) -> bool {
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
