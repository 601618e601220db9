//! Lead cells that an exporter spread down the rows of a vertical merge.
//!
//! Some table exporters write a vertically merged cell one paragraph per
//! row it spans: a lead cell naming three people over four actions comes
//! out as one name on each of the first three rows and nothing on the
//! fourth; a document later made from such an export (a Word table, its
//! PDF) keeps the names on those rows and merges the blank fourth into the
//! third. The fingerprint is a run of rows that each name exactly one
//! person, all different, followed by rows in the same finding whose lead
//! cell is empty or merged from above: the content is packed at the top and
//! the span's tail is blank, which is what spreading a merge produces.
//! Such a run is read back as one merged cell, so every row in it has all
//! the names and the rows after the first inherit them.
//!
//! The rows after a run's first are bare "Name, post" lines, as a list
//! under one heading is printed: a row that opens with its own organisation
//! ("KCHFT – Jane Doe") is a lead cell of its own, so the run is per-row.
//!
//! A run needs its empty tail: rows with one lead each and nothing after
//! them ("A", "B", then the next finding) are ordinary per-row leads. A run
//! that names someone twice is per-row too (a merged cell does not repeat
//! a name). A cell that names two people is a whole cell, so it neither
//! starts nor joins a run: a merge that was kept whole is never touched.

use crate::contract::Action;

/// What a row's own lead cell held, before anything was carried down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadCell {
    /// The cell printed text of its own; `org_first` when it opens with
    /// its organisation as a heading ("ESCC – Jane Doe").
    Own { org_first: bool },
    /// The cell was empty and nothing records a merge.
    Empty,
    /// The format records that the cell above covers this one.
    Merged,
}

/// Rejoin lead cells that were spread down the rows of a merge. `cells[i]`
/// says what `actions[i]`'s own lead cell held.
pub fn rejoin(actions: &mut [Action], cells: &[LeadCell]) {
    let mut i = 0;
    while i < actions.len() {
        match spread_at(actions, cells, i) {
            Some((run, end)) => {
                merge(&mut actions[i..end], run);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The spread merge starting at `start`, if any: the length of its run of
/// single names and the index just past its empty tail.
fn spread_at(actions: &[Action], cells: &[LeadCell], start: usize) -> Option<(usize, usize)> {
    let finding = actions.get(start)?.finding.as_ref()?;
    let in_finding = |j: usize| {
        actions
            .get(j)
            .is_some_and(|a| a.finding.as_ref() == Some(finding))
    };
    let cell = |j: usize| cells.get(j).copied();
    let own = |j: usize| matches!(cell(j), Some(LeadCell::Own { .. }));
    let single = |j: usize| own(j) && single_name(&actions[j]).is_some();
    // Only a whole run counts: one starting inside another is its tail.
    if start > 0 && in_finding(start - 1) && single(start - 1) {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut j = start;
    while in_finding(j) && own(j) {
        let name = single_name(&actions[j])?;
        if j > start && cell(j) == Some(LeadCell::Own { org_first: true }) {
            return None;
        }
        if names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            return None;
        }
        names.push(name);
        j += 1;
    }
    let run = names.len();
    let mut end = j;
    while in_finding(end) && matches!(cell(end), Some(LeadCell::Empty | LeadCell::Merged)) {
        end += 1;
    }
    (run >= 2 && end > j).then_some((run, end))
}

/// The one named person a row's own lead cell holds, if that is all it holds.
fn single_name(a: &Action) -> Option<String> {
    match a.leads.as_slice() {
        [only] => only.name.clone(),
        _ => None,
    }
}

/// Give every row of `span` the leads of its first `run` rows, in order.
fn merge(span: &mut [Action], run: usize) {
    let leads: Vec<_> = span[..run].iter().flat_map(|a| a.leads.clone()).collect();
    for (k, a) in span.iter_mut().enumerate() {
        a.leads = leads.clone();
        a.leads_inherited = k > 0;
    }
}

#[cfg(test)]
mod tests {
    use super::LeadCell::{Empty, Merged};
    use super::*;
    use crate::contract::Lead;

    /// A bare "Name, post" cell, and one opening with its organisation.
    const OWN: LeadCell = LeadCell::Own { org_first: false };
    const HEADED: LeadCell = LeadCell::Own { org_first: true };

    fn action(finding: &str, names: &[&str]) -> Action {
        Action {
            finding: Some(finding.into()),
            leads: names
                .iter()
                .map(|n| Lead {
                    text: (*n).into(),
                    name: Some((*n).into()),
                    role: None,
                    organisation: None,
                })
                .collect(),
            ..Action::default()
        }
    }

    fn names(a: &Action) -> Vec<&str> {
        a.leads.iter().filter_map(|l| l.name.as_deref()).collect()
    }

    #[test]
    fn a_run_with_an_empty_tail_is_one_merged_cell() {
        let mut acts = vec![
            action("f1", &["Ann Lee"]),
            action("f1", &["Bob Roe"]),
            action("f1", &[]),
            action("f1", &[]),
        ];
        rejoin(&mut acts, &[OWN, OWN, Empty, Empty]);
        for (k, a) in acts.iter().enumerate() {
            assert_eq!(names(a), ["Ann Lee", "Bob Roe"]);
            assert_eq!(a.leads_inherited, k > 0);
        }
    }

    #[test]
    fn per_row_leads_stay_apart() {
        // No empty tail: the finding ends after the run.
        let mut acts = vec![
            action("f1", &["Ann Lee"]),
            action("f1", &["Bob Roe"]),
            action("f2", &[]),
        ];
        rejoin(&mut acts, &[OWN, OWN, Empty]);
        assert_eq!(names(&acts[0]), ["Ann Lee"]);
        assert!(acts[2].leads.is_empty());
        // A name printed twice: not one cell.
        let mut acts = vec![
            action("f1", &["Ann Lee"]),
            action("f1", &["Bob Roe"]),
            action("f1", &["Ann Lee"]),
            action("f1", &[]),
        ];
        rejoin(&mut acts, &[OWN, OWN, OWN, Empty]);
        assert_eq!(names(&acts[0]), ["Ann Lee"]);
        assert_eq!(names(&acts[1]), ["Bob Roe"]);
        assert!(acts[3].leads.is_empty());
        // A row opening with its own organisation is a cell of its own.
        let mut acts = vec![
            action("f1", &["Ann Lee"]),
            action("f1", &["Bob Roe"]),
            action("f1", &[]),
        ];
        rejoin(&mut acts, &[OWN, HEADED, Empty]);
        assert_eq!(names(&acts[0]), ["Ann Lee"]);
        // ...but the first row of a run may open with one.
        rejoin(&mut acts, &[HEADED, OWN, Empty]);
        assert_eq!(names(&acts[0]), ["Ann Lee", "Bob Roe"]);
        // A cell with two people is not part of a run of single names.
        let mut acts = vec![
            action("f1", &["Ann Lee", "Cy Dee"]),
            action("f1", &["Bob Roe"]),
            action("f1", &[]),
        ];
        rejoin(&mut acts, &[OWN, OWN, Empty]);
        assert_eq!(names(&acts[1]), ["Bob Roe"]);
    }

    #[test]
    fn a_tail_merged_into_the_last_name_is_a_tail() {
        let mut acts = vec![
            action("f1", &["Ann Lee"]),
            action("f1", &["Bob Roe"]),
            action("f1", &["Bob Roe"]),
        ];
        rejoin(&mut acts, &[OWN, OWN, Merged]);
        assert_eq!(names(&acts[0]), ["Ann Lee", "Bob Roe"]);
        assert!(acts[2].leads_inherited);
    }
}
