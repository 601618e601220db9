//! Choosing between candidate readings of one document as a plan.
//!
//! Why a score and not the first reading with actions: the same paragraphs
//! may read as a plan of labelled paragraphs, as a table saved one cell per
//! line, or as a table that lost its grid (`crate::rebuild`), and a weak
//! reading (two stray labelled lines) must not shadow a full one. Each
//! reading is scored on what the contract is for:
//! - **fields**: over its actions, how many of the three fields a plan row
//!   exists to give are filled: a ref, a timescale with a date, a lead, in
//!   thirds (an action with all three counts 1, one with none 0). So a
//!   reading that finds more real rows scores more; one that pours two rows
//!   into one loses a row; one that splits a row gains nothing, as the
//!   split-off piece carries no fields;
//! - **coverage**: the share of the document's words that the reading puts
//!   into findings and actions (their text, timescale, leads, outcome,
//!   status and progress), capped at 1: worth at most one full action, it
//!   settles readings that fill as many fields, for the one that drops less
//!   text.
//!
//! The score is their sum; a reading without actions scores 0. On a tie the
//! earlier candidate (the table reading first) is kept.

use super::plan::Plan;
use crate::contract::Action;
use crate::model::{Block, Document};

/// Words of a text.
fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

/// Every word the document prints (headings, paragraphs, table cells).
pub fn document_words(doc: &Document) -> usize {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => words(&h.text),
            Block::Paragraph(p) => words(&p.text),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .flat_map(|c| &c.paragraphs)
                .map(|p| words(&p.text))
                .sum(),
        })
        .sum()
}

/// Words an action carries, its own text and every field.
fn action_words(a: &Action) -> usize {
    words(&a.text)
        + a.timescale.text.as_deref().map_or(0, words)
        + a.leads.iter().map(|l| words(&l.text)).sum::<usize>()
        + a.outcome.as_deref().map_or(0, words)
        + a.status.text.as_deref().map_or(0, words)
        + a.progress.iter().map(|p| words(&p.text)).sum::<usize>()
}

/// The share of the ref, dated timescale and lead an action has.
fn fields(a: &Action) -> f64 {
    let has = [
        a.ref_.is_some(),
        !a.timescale.dates.is_empty(),
        !a.leads.is_empty(),
    ];
    has.iter().filter(|h| **h).count() as f64 / has.len() as f64
}

/// A reading's score (see the module doc); `doc_words` is
/// [`document_words`] of the document read.
pub fn score(plan: &Plan, doc_words: usize) -> f64 {
    if plan.actions.is_empty() {
        return 0.0;
    }
    let fields = plan.actions.iter().map(fields).sum::<f64>();
    let covered = plan.findings.iter().map(|f| words(&f.text)).sum::<usize>()
        + plan.actions.iter().map(action_words).sum::<usize>();
    let coverage = (covered as f64 / doc_words.max(1) as f64).min(1.0);
    fields + coverage
}

/// The best of the candidate readings, in the order given (the first wins a
/// tie); an empty plan when there is none.
pub fn best(candidates: impl IntoIterator<Item = Plan>, doc_words: usize) -> Plan {
    let mut best: Option<(f64, Plan)> = None;
    for p in candidates {
        let s = score(&p, doc_words);
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, p));
        }
    }
    best.map(|(_, p)| p).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{DateRange, Finding, Lead, Timescale};

    fn action(ref_: Option<&str>, text: &str, dated: bool, lead: &str) -> Action {
        Action {
            ref_: ref_.map(str::to_string),
            text: text.to_string(),
            timescale: Timescale {
                text: dated.then(|| "May 2031".to_string()),
                dates: if dated {
                    vec![DateRange {
                        text: "May 2031".into(),
                        start: "2031-05-01".into(),
                        end: "2031-05-31".into(),
                    }]
                } else {
                    Vec::new()
                },
                due: None,
            },
            leads: (!lead.is_empty())
                .then(|| Lead {
                    text: lead.to_string(),
                    ..Lead::default()
                })
                .into_iter()
                .collect(),
            ..Action::default()
        }
    }

    fn plan(actions: Vec<Action>) -> Plan {
        Plan {
            actions,
            ..Plan::default()
        }
    }

    #[test]
    fn a_full_reading_beats_a_first_weak_one() {
        // Two stray labelled lines found first; the rebuilt table reads
        // three rows with refs, dates and leads.
        let weak = plan(vec![
            action(None, "Paint the pier", false, ""),
            action(None, "Mend the nets", false, ""),
        ]);
        let full = plan(vec![
            action(
                Some("1.1"),
                "Paint the pier before the summer season",
                true,
                "Ann Gull, Harbour Master",
            ),
            action(
                Some("1.2"),
                "Mend the nets and store them dry",
                true,
                "Ben Tern, Net Keeper",
            ),
            action(
                Some("1.3"),
                "Log every catch landed at the quay",
                true,
                "Cy Skua",
            ),
        ]);
        let chosen = best([weak, Plan::default(), full], 40);
        assert_eq!(chosen.actions.len(), 3);
        assert_eq!(chosen.actions[0].ref_.as_deref(), Some("1.1"));
    }

    #[test]
    fn coverage_keeps_tidy_rows_from_winning_over_the_whole_plan() {
        // Both readings fill every field; one keeps one row of the ten the
        // document holds.
        let rows: Vec<Action> = (1..=10)
            .map(|i| {
                action(
                    Some(&format!("2.{i}")),
                    "Sweep the lighthouse stairs daily",
                    true,
                    "Dee Wren",
                )
            })
            .collect();
        let one = plan(vec![rows[0].clone()]);
        let all = plan(rows);
        let doc_words = 10 * 12;
        assert!(score(&all, doc_words) > score(&one, doc_words));
        assert_eq!(best([one, all], doc_words).actions.len(), 10);
    }

    #[test]
    fn a_tie_keeps_the_earlier_reading_and_nothing_reads_empty() {
        let a = plan(vec![action(Some("3"), "Count the buoys", true, "Eve Auk")]);
        let mut b = a.clone();
        b.findings.push(Finding {
            id: "f1".into(),
            key: None,
            ref_: None,
            section: None,
            text: String::new(),
            at: Default::default(),
        });
        b.actions[0].id = "other".into();
        let chosen = best([a, b], 20);
        assert!(score(&chosen, 20) > 0.0);
        assert!(chosen.findings.is_empty());
        assert!(best(Vec::new(), 20).actions.is_empty());
        assert_eq!(score(&Plan::default(), 20), 0.0);
    }

    #[test]
    fn a_reading_that_pours_two_rows_into_one_loses() {
        let apart = plan(vec![
            action(Some("4.1"), "Train the lifeboat crew", true, "Fay Tern"),
            action(Some("4.2"), "Service the winch", true, "Gil Shag"),
        ]);
        let lumped = plan(vec![action(
            Some("4.1"),
            "Train the lifeboat crew 4.2 Service the winch",
            true,
            "Fay Tern Gil Shag",
        )]);
        assert!(score(&apart, 16) > score(&lumped, 16));
        assert_eq!(best([lumped, apart], 16).actions.len(), 2);
    }
}
