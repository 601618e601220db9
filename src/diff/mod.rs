//! Plan versions: what changed between two updates of a plan
//! (`docket diff OLD NEW`).
//!
//! Each side is any input docket reads, or a docket/1 JSON file (known by
//! its content, never its name); the two may be in different formats. The
//! diff works on docket/1 documents only, after the contract stage, so it
//! never knows how a side was printed: that is what lets last quarter's DOCX
//! be compared with this quarter's PDF.
//!
//! Steps: pair actions ([`matching`]: ref first, then similar text), find
//! splits and merges among what is left ([`regroup`]), list each pair's
//! changes ([`changes`]); findings are paired the same way. The result is a
//! docket-diff/1 document ([`types`]), validated against the shipped schema
//! ([`schema`]) and summarised for people ([`render`]).

mod changes;
pub mod command;
mod lead_runs;
mod load;
mod matching;
mod regroup;
pub mod render;
pub mod schema;
mod text;
mod types;

use std::collections::{HashMap, HashSet};

pub use load::{DiffError, load};
pub use matching::{SAME_REF_THRESHOLD, TEXT_THRESHOLD};
pub use regroup::{KEPT_COVERAGE, PART_CONTAINMENT, WHOLE_COVERAGE};
pub use types::*;

use crate::contract::{Action, Finding, Output};
use matching::{Entry, Pair};
use regroup::Direction;

/// A side's description for the diff (file as given, format read).
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub file: String,
    pub format: String,
    pub doc: Output,
}

/// Compare two versions of a plan.
pub fn diff(old: &Version, new: &Version) -> Diff {
    let (oa, na) = (&old.doc.actions, &new.doc.actions);
    let (oe, ne) = (action_entries(oa), action_entries(na));
    let mut pairs = matching::pair(&oe, &ne);
    let none = HashSet::new();
    let splits = regroup::find(Direction::Split, &oe, &ne, &mut pairs, &none, &none);
    let (split_old, split_new) = members(&splits);
    let merges = regroup::find(
        Direction::Merge,
        &ne,
        &oe,
        &mut pairs,
        &split_new,
        &split_old,
    );
    let (merge_new, merge_old) = members(&merges);
    let grouped_old: HashSet<usize> = split_old.union(&merge_old).copied().collect();
    let grouped_new: HashSet<usize> = split_new.union(&merge_new).copied().collect();

    let actions = ActionChanges {
        matched: action_pairs(oa, na, &pairs),
        added: unpaired(na.len(), &pairs, |p| p.new, &grouped_new)
            .map(|j| action_item(&na[j]))
            .collect(),
        removed: unpaired(oa.len(), &pairs, |p| p.old, &grouped_old)
            .map(|i| action_item(&oa[i]))
            .collect(),
        split: splits
            .iter()
            .map(|g| Split {
                old: action_item(&oa[g.whole]),
                new: g.pieces.iter().map(|&j| action_item(&na[j])).collect(),
                coverage: text::round3(g.coverage),
            })
            .collect(),
        merged: merges
            .iter()
            .map(|g| Merged {
                old: g.pieces.iter().map(|&i| action_item(&oa[i])).collect(),
                new: action_item(&na[g.whole]),
                coverage: text::round3(g.coverage),
            })
            .collect(),
    };
    let findings = diff_findings(&old.doc.findings, &new.doc.findings);
    let summary = summarise(&actions, &findings);
    Diff {
        schema: DIFF_SCHEMA_ID.to_string(),
        old: side(old),
        new: side(new),
        settings: Settings {
            text_threshold: TEXT_THRESHOLD,
            same_ref_threshold: SAME_REF_THRESHOLD,
            part_containment: PART_CONTAINMENT,
            whole_coverage: WHOLE_COVERAGE,
            kept_coverage: KEPT_COVERAGE,
        },
        summary,
        actions,
        findings,
    }
}

/// Each pair's changes; a leads change that is only a merged lead cell
/// printed one name per row on the other side is dropped ([`lead_runs`]).
fn action_pairs(oa: &[Action], na: &[Action], pairs: &[Pair]) -> Vec<Matched> {
    let old_partner: HashMap<usize, usize> = pairs.iter().map(|p| (p.old, p.new)).collect();
    let new_partner: HashMap<usize, usize> = pairs.iter().map(|p| (p.new, p.old)).collect();
    let (old_runs, new_runs) = (lead_runs::runs(oa), lead_runs::runs(na));
    let old_side = lead_runs::Side {
        actions: oa,
        runs: &old_runs,
        partner: &old_partner,
    };
    let new_side = lead_runs::Side {
        actions: na,
        runs: &new_runs,
        partner: &new_partner,
    };
    pairs
        .iter()
        .map(|p| {
            let (o, n) = (&oa[p.old], &na[p.new]);
            let mut found = changes::action_changes(o, n, p.similarity);
            if lead_runs::spread_elsewhere(p.old, &old_side, na)
                || lead_runs::spread_elsewhere(p.new, &new_side, oa)
            {
                found.retain(|c| !matches!(c, Change::Leads { .. }));
            }
            matched(action_item(o), action_item(n), p, found)
        })
        .collect()
}

fn diff_findings(old: &[Finding], new: &[Finding]) -> FindingChanges {
    let entries = |fs: &[Finding]| {
        fs.iter()
            .map(|f| Entry::new(f.ref_.as_deref(), &f.text))
            .collect::<Vec<_>>()
    };
    let pairs = matching::pair(&entries(old), &entries(new));
    let none = HashSet::new();
    FindingChanges {
        matched: pairs
            .iter()
            .map(|p| {
                let (o, n) = (&old[p.old], &new[p.new]);
                matched(
                    finding_item(o),
                    finding_item(n),
                    p,
                    changes::finding_changes(o, n, p.similarity),
                )
            })
            .collect(),
        added: unpaired(new.len(), &pairs, |p| p.new, &none)
            .map(|j| finding_item(&new[j]))
            .collect(),
        removed: unpaired(old.len(), &pairs, |p| p.old, &none)
            .map(|i| finding_item(&old[i]))
            .collect(),
    }
}

fn action_entries(actions: &[Action]) -> Vec<Entry> {
    actions
        .iter()
        .map(|a| Entry::new(a.ref_.as_deref(), &a.text))
        .collect()
}

/// The wholes and the pieces of a set of groups.
fn members(groups: &[regroup::Group]) -> (HashSet<usize>, HashSet<usize>) {
    let wholes = groups.iter().map(|g| g.whole).collect();
    let pieces = groups
        .iter()
        .flat_map(|g| g.pieces.iter().copied())
        .collect();
    (wholes, pieces)
}

/// Indexes below `len` in no pair and no group, in order.
fn unpaired<'a>(
    len: usize,
    pairs: &'a [Pair],
    side: impl Fn(&Pair) -> usize + 'a,
    grouped: &'a HashSet<usize>,
) -> impl Iterator<Item = usize> + 'a {
    let paired: HashSet<usize> = pairs.iter().map(side).collect();
    (0..len).filter(move |i| !paired.contains(i) && !grouped.contains(i))
}

fn matched(old: Item, new: Item, p: &Pair, changes: Vec<Change>) -> Matched {
    Matched {
        old,
        new,
        evidence: Evidence {
            by: p.by,
            similarity: text::round3(p.similarity),
        },
        changes,
    }
}

fn action_item(a: &Action) -> Item {
    Item {
        id: a.id.clone(),
        ref_: a.ref_.clone(),
        text: text::norm(&a.text),
    }
}

fn finding_item(f: &Finding) -> Item {
    Item {
        id: f.id.clone(),
        ref_: f.ref_.clone(),
        text: text::norm(&f.text),
    }
}

fn side(v: &Version) -> Side {
    Side {
        file: v.file.clone(),
        format: v.format.clone(),
        sha256: v.doc.source.sha256.clone(),
        actions: v.doc.actions.len(),
        findings: v.doc.findings.len(),
    }
}

/// The counts: one per kind of change, each action counted once per kind.
fn summarise(actions: &ActionChanges, findings: &FindingChanges) -> Summary {
    let mut s = Summary {
        matched: actions.matched.len(),
        added: actions.added.len(),
        removed: actions.removed.len(),
        split: actions.split.len(),
        merged: actions.merged.len(),
        findings_added: findings.added.len(),
        findings_removed: findings.removed.len(),
        ..Summary::default()
    };
    for m in &actions.matched {
        if m.changes.is_empty() {
            s.unchanged += 1;
        }
        for c in &m.changes {
            let counter = match c {
                Change::Due { direction, .. } => match direction {
                    DueMove::Slipped => &mut s.slipped,
                    DueMove::BroughtForward => &mut s.brought_forward,
                    DueMove::Set => &mut s.due_set,
                    DueMove::Cleared => &mut s.due_cleared,
                },
                Change::Timescale { .. } => &mut s.timescale_changed,
                Change::Status { .. } => &mut s.status_changed,
                Change::Rag { .. } => &mut s.rag_changed,
                Change::Complete { to: Some(true), .. } => &mut s.completed,
                Change::Complete {
                    from: Some(true), ..
                } => &mut s.reopened,
                // Known-ness of completion changed (e.g. a status word now
                // says "in progress"): the status change already counts it.
                Change::Complete { .. } => continue,
                Change::Leads { .. } => &mut s.leads_changed,
                Change::Progress { added, .. } if !added.is_empty() => &mut s.progress_added,
                Change::Progress { .. } => continue,
                Change::Text { .. } => &mut s.reworded,
                Change::Ref { .. } => &mut s.renumbered,
                Change::Outcome { .. } => &mut s.outcome_changed,
            };
            *counter += 1;
        }
    }
    for m in &findings.matched {
        for c in &m.changes {
            match c {
                Change::Text { .. } => s.findings_reworded += 1,
                Change::Ref { .. } => s.findings_renumbered += 1,
                _ => {}
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Kind, Source, Status, Timescale};

    fn action(id: &str, ref_: &str, text: &str, due: Option<&str>) -> Action {
        Action {
            id: id.into(),
            ref_: Some(ref_.into()),
            text: text.into(),
            timescale: Timescale {
                text: due.map(String::from),
                dates: vec![],
                due: due.map(String::from),
            },
            ..Action::default()
        }
    }

    fn version(actions: Vec<Action>) -> Version {
        Version {
            file: "plan".into(),
            format: "json".into(),
            doc: Output {
                schema: crate::contract::SCHEMA_ID.into(),
                source: Source {
                    file: "plan".into(),
                    format: "docx".into(),
                    sha256: "0".repeat(64),
                    pages: None,
                },
                kind: Kind::ActionPlan,
                title: None,
                findings: vec![],
                actions,
                report: None,
                diagnostics: vec![],
            },
        }
    }

    #[test]
    fn an_update_is_counted_and_validates() {
        let old = version(vec![
            action(
                "a1",
                "1",
                "Publish the neglect strategy for all partners",
                Some("2026-03-31"),
            ),
            action(
                "a2",
                "2",
                "Run a neglect audit in every locality team",
                None,
            ),
            action(
                "a3",
                "3",
                "Train GPs in recognising neglect in older children",
                None,
            ),
        ]);
        let mut done = action(
            "a2",
            "2",
            "Train GPs in recognising neglect in older children",
            None,
        );
        done.status = Status {
            text: Some("Complete".into()),
            rag: None,
            complete: Some(true),
        };
        let new = version(vec![
            action(
                "a1",
                "1",
                "Publish the neglect strategy for all partners",
                Some("2026-06-30"),
            ),
            done,
            action("a3", "3", "Commission a neglect helpline for parents", None),
        ]);
        let d = diff(&old, &new);
        let s = d.summary;
        assert_eq!((s.matched, s.slipped, s.completed), (2, 1, 1));
        assert_eq!(
            (s.renumbered, s.status_changed, s.added, s.removed),
            (1, 1, 1, 1)
        );
        assert_eq!(d.actions.removed[0].ref_.as_deref(), Some("2"));
        assert_eq!(d.actions.added[0].id, "a3");
        let slip = &d.actions.matched[0];
        assert_eq!(slip.evidence.by, MatchBy::Ref);
        assert!(matches!(
            slip.changes[..],
            [Change::Due {
                days: Some(91),
                direction: DueMove::Slipped,
                ..
            }]
        ));
        assert_eq!(d.actions.matched[1].evidence.by, MatchBy::Text);
        schema::to_validated_json(&d).unwrap();
    }

    #[test]
    fn a_plan_against_itself_has_no_changes() {
        let v = version(vec![action("a1", "1", "Publish the strategy", None)]);
        let d = diff(&v, &v);
        assert_eq!(d.summary.unchanged, 1);
        assert_eq!(render::headline(&d.summary), "No changes");
    }
}
