//! Merged lead cells seen from another layout.
//!
//! A lead cell merged over several rows names the leads of all of them
//! (docket/1 carries them down with `leads_inherited`). Another print of the
//! same plan (a text export, a re-laid-out table) may spread that cell's
//! names one per row instead, so each row shows only some of them. Between
//! the two, per-action leads differ although nobody changed a lead. The
//! difference is a layout's, not an update's, when the leads of the other
//! version's partners of the whole run, taken together, are the run's
//! leads: then no leads change is reported for actions of that run.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::contract::Action;

use super::text::key;

/// For each action, the range of its merged-lead run (an action printing
/// its leads, then the actions of the same finding inheriting them), when
/// the run holds two or more actions.
pub fn runs(actions: &[Action]) -> Vec<Option<Range<usize>>> {
    let mut out = vec![None; actions.len()];
    let mut start = 0;
    while start < actions.len() {
        let mut end = start + 1;
        while end < actions.len()
            && actions[end].leads_inherited
            && actions[end].finding == actions[start].finding
        {
            end += 1;
        }
        if end - start >= 2 {
            for slot in &mut out[start..end] {
                *slot = Some(start..end);
            }
        }
        start = end;
    }
    out
}

/// One version's actions, their runs, and each action's partner in the
/// other version.
pub struct Side<'a> {
    pub actions: &'a [Action],
    pub runs: &'a [Option<Range<usize>>],
    pub partner: &'a HashMap<usize, usize>,
}

/// Whether action `i` of `this` sits in a merged-lead run whose leads are
/// exactly the leads of the run's partners in `other`, taken together.
pub fn spread_elsewhere(i: usize, this: &Side, other: &[Action]) -> bool {
    let Some(run) = this.runs[i].clone() else {
        return false;
    };
    let run_leads = lead_keys(&this.actions[run.start]);
    let mut spread = BTreeSet::new();
    for j in run {
        match this.partner.get(&j) {
            Some(&p) => spread.extend(lead_keys(&other[p])),
            None => return false,
        }
    }
    spread == run_leads
}

fn lead_keys(a: &Action) -> BTreeSet<String> {
    a.leads
        .iter()
        .map(|l| key(&l.text))
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Lead;

    fn action(finding: &str, leads: &[&str], inherited: bool) -> Action {
        Action {
            finding: Some(finding.into()),
            leads: leads
                .iter()
                .map(|t| Lead {
                    text: t.to_string(),
                    ..Lead::default()
                })
                .collect(),
            leads_inherited: inherited,
            ..Action::default()
        }
    }

    #[test]
    fn runs_stop_at_a_new_finding_or_a_printed_lead() {
        let acts = [
            action("f1", &["A", "B"], false),
            action("f1", &["A", "B"], true),
            action("f2", &["A", "B"], true),
            action("f2", &["C"], false),
        ];
        assert_eq!(runs(&acts), vec![Some(0..2), Some(0..2), None, None]);
    }

    #[test]
    fn a_merged_cell_spread_one_name_per_row_is_recognised() {
        let merged = [
            action("f1", &["A", "B"], false),
            action("f1", &["A", "B"], true),
        ];
        let spread = [action("f1", &["A"], false), action("f1", &["B"], false)];
        let partner: HashMap<usize, usize> = [(0, 0), (1, 1)].into();
        let r = runs(&merged);
        let side = Side {
            actions: &merged,
            runs: &r,
            partner: &partner,
        };
        assert!(spread_elsewhere(0, &side, &spread));
        assert!(spread_elsewhere(1, &side, &spread));
        let changed = [action("f1", &["A"], false), action("f1", &["C"], false)];
        assert!(!spread_elsewhere(1, &side, &changed));
    }
}
