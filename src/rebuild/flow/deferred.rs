//! Action texts printed after the rest of their rows.
//!
//! Why: in a plan whose actions carry no refs, each action often opens with
//! a heading line ("Referral Pilot:") in a box of its own. A dump reading a
//! page column by column prints that heading with the row's timescale and
//! lead, then the next row's timescale and lead (its heading box sits lower
//! down), and only later the action texts, one paragraph for several rows
//! with each later row's heading inside it. So a row whose action is only
//! a heading and that already has a timescale and a lead does not take a
//! second timescale: that opens a row still waiting for its text
//! ("headless"). A later paragraph of action text is cut at the headings
//! inside it, and the pieces fill the waiting rows in order.

use super::cues::heading_line;
use super::para::Para;
use super::walk::{Row, Walk};

/// Is the row's action only a heading line ("Referral Pilot:")?
fn heading_only(r: &Row) -> bool {
    r.ref_.is_none() && matches!(&r.action[..], [h] if heading_line(h))
}

/// Is the row waiting for its action text (only a heading, or nothing)?
fn waiting(r: &Row) -> bool {
    r.ref_.is_none() && (r.headless || heading_only(r))
}

/// Does a line open a heading ("Referral Pilot:", or a numbered heading
/// "2. Data Sharing to …")?
fn opens_heading(line: &str) -> bool {
    if heading_line(line) {
        return true;
    }
    let mut words = line.split_whitespace();
    let (Some(n), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    n.strip_suffix('.')
        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        && next.chars().next().is_some_and(char::is_uppercase)
}

/// The paragraph's lines cut before each heading that follows a finished
/// sentence.
pub(super) fn split_at_headings(lines: &[String]) -> Vec<Vec<String>> {
    let mut pieces: Vec<Vec<String>> = Vec::new();
    let mut prev_ends = true;
    for l in lines {
        match pieces.last_mut() {
            Some(piece) if !(prev_ends && opens_heading(l)) => piece.push(l.clone()),
            _ => pieces.push(vec![l.clone()]),
        }
        prev_ends = l.trim_end().ends_with(['.', '!', '?']);
    }
    pieces
}

impl Walk<'_> {
    /// Before a timescale paragraph: where the open row is only a heading
    /// with a timescale and a lead already, the paragraph opens a row
    /// waiting for its text.
    pub(super) fn open_headless(&mut self, line: u32) {
        let done = self
            .row
            .as_ref()
            .is_some_and(|r| heading_only(r) && !r.timescale.is_empty() && !r.lead.is_empty());
        if done {
            self.flush();
            self.start_row(None, line);
            if let Some(r) = self.row.as_mut() {
                r.headless = true;
            }
        }
    }

    /// Action text for the rows at the end that are waiting for theirs: the
    /// paragraph's pieces fill them in order (the last piece leaves its row
    /// open). False when no row is waiting.
    pub(super) fn fill_waiting(&mut self, p: &Para) -> bool {
        if self.row.as_ref().is_some_and(|r| !waiting(r)) {
            return false;
        }
        self.flush();
        let n = self.rows.len();
        let trailing = self.rows.iter().rev().take_while(|r| waiting(r)).count();
        if trailing == 0 {
            return false;
        }
        let mut targets = n - trailing..n;
        for piece in split_at_headings(&p.lines) {
            match targets.next() {
                Some(k) => {
                    if let Some(r) = self.rows.get_mut(k) {
                        r.action.extend(piece);
                        r.headless = false;
                    }
                }
                None => {
                    self.start_row(None, p.line);
                    self.absorb_action(&piece);
                    self.flush();
                }
            }
        }
        self.row = self.rows.pop();
        self.cell = super::walk::Cell::Action;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_before_headings_after_a_sentence() {
        let lines: Vec<String> = [
            "A pilot will run in two districts.",
            "Evaluation:",
            "The pilot will be evaluated. Then",
            "2. Data Sharing to be agreed",
            "across the county.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let pieces = split_at_headings(&lines);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[1][0], "Evaluation:");
        assert!(opens_heading("2. Data Sharing to be agreed"));
        assert!(!opens_heading("2. and more"));
    }
}
