//! The changes between two versions of one action or finding.
//!
//! Every text is compared on its layout-blind key ([`super::text::key`]),
//! so a DOCX and its PDF compare equal; values reported are the contract's
//! normalised texts of each side.

use crate::contract::{Action, Finding, Lead, Progress};

use super::text::{key, norm, round3, same};
use super::types::{Change, DueMove, TextChange};

/// What changed in a matched action, in a fixed order: ref, text, due or
/// timescale, status, RAG, complete, leads, progress, outcome.
pub fn action_changes(old: &Action, new: &Action, similarity: f64) -> Vec<Change> {
    let mut out = Vec::new();
    out.extend(ref_change(old.ref_.as_deref(), new.ref_.as_deref()));
    out.extend(text_change(&old.text, &new.text, similarity));
    out.extend(due_change(old, new));
    let (os, ns) = (&old.status, &new.status);
    if !same(os.text.as_deref(), ns.text.as_deref()) {
        out.push(Change::Status {
            from: opt_norm(os.text.as_deref()),
            to: opt_norm(ns.text.as_deref()),
        });
    }
    if os.rag != ns.rag {
        out.push(Change::Rag {
            from: os.rag,
            to: ns.rag,
        });
    }
    if os.complete != ns.complete {
        out.push(Change::Complete {
            from: os.complete,
            to: ns.complete,
        });
    }
    out.extend(leads_change(&old.leads, &new.leads));
    out.extend(progress_change(&old.progress, &new.progress));
    if !same(old.outcome.as_deref(), new.outcome.as_deref()) {
        out.push(Change::Outcome {
            from: opt_norm(old.outcome.as_deref()),
            to: opt_norm(new.outcome.as_deref()),
        });
    }
    out
}

/// What changed in a matched finding: its ref and its text.
pub fn finding_changes(old: &Finding, new: &Finding, similarity: f64) -> Vec<Change> {
    let mut out = Vec::new();
    out.extend(ref_change(old.ref_.as_deref(), new.ref_.as_deref()));
    out.extend(text_change(&old.text, &new.text, similarity));
    out
}

fn opt_norm(s: Option<&str>) -> Option<String> {
    s.map(norm).filter(|t| !t.is_empty())
}

fn ref_change(old: Option<&str>, new: Option<&str>) -> Option<Change> {
    (!same(old, new)).then(|| Change::Ref {
        from: opt_norm(old),
        to: opt_norm(new),
    })
}

fn text_change(old: &str, new: &str, similarity: f64) -> Option<Change> {
    (key(old) != key(new)).then(|| Change::Text {
        from: norm(old),
        to: norm(new),
        similarity: round3(similarity),
    })
}

/// A moved due date (with the timescale texts), or else a changed
/// timescale text under the same due date.
fn due_change(old: &Action, new: &Action) -> Option<Change> {
    let (ot, nt) = (&old.timescale, &new.timescale);
    let timescale = TextChange {
        from: opt_norm(ot.text.as_deref()),
        to: opt_norm(nt.text.as_deref()),
    };
    if ot.due != nt.due {
        let (from, to) = (ot.due.clone(), nt.due.clone());
        let days = match (
            from.as_deref().and_then(day_number),
            to.as_deref().and_then(day_number),
        ) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        let direction = match (&from, &to, days) {
            (None, _, _) => DueMove::Set,
            (_, None, _) => DueMove::Cleared,
            (_, _, Some(d)) if d < 0 => DueMove::BroughtForward,
            _ => DueMove::Slipped,
        };
        return Some(Change::Due {
            from,
            to,
            days,
            direction,
            timescale,
        });
    }
    (!same(ot.text.as_deref(), nt.text.as_deref())).then_some(Change::Timescale {
        from: timescale.from,
        to: timescale.to,
    })
}

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date (proleptic Gregorian;
/// Hinnant's days-from-civil), or None if it is not one.
fn day_number(iso: &str) -> Option<i64> {
    let mut parts = iso.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Leads added and removed, by their printed text. Leads whose texts only
/// regroup (one lead cell read as two in another layout, or the reverse)
/// are not a change: what is left on each side must differ once joined.
fn leads_change(old: &[Lead], new: &[Lead]) -> Option<Change> {
    let texts = |ls: &[Lead]| ls.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
    let (removed, added) = unshared(&texts(old), &texts(new));
    if joined_key(&removed) == joined_key(&added) {
        return None;
    }
    Some(Change::Leads {
        added: added.iter().map(|s| norm(s)).collect(),
        removed: removed.iter().map(|s| norm(s)).collect(),
    })
}

/// Progress entries added and removed. An entry counts as kept when its
/// text is found anywhere in the other version's progress (joined), so
/// entries that one layout splits or joins differently are not changes.
fn progress_change(old: &[Progress], new: &[Progress]) -> Option<Change> {
    let all = |ps: &[Progress]| ps.iter().map(|p| key(&p.text)).collect::<String>();
    let (old_all, new_all) = (all(old), all(new));
    let missing_from = |ps: &[Progress], other: &str| -> Vec<Progress> {
        ps.iter()
            .filter(|p| {
                let k = key(&p.text);
                !k.is_empty() && !other.contains(&k)
            })
            .map(|p| Progress {
                text: norm(&p.text),
                date: p.date.clone(),
            })
            .collect()
    };
    let added = missing_from(new, &old_all);
    let removed = missing_from(old, &new_all);
    (!added.is_empty() || !removed.is_empty()).then_some(Change::Progress { added, removed })
}

/// The texts of each side not found (by key) on the other, in order.
fn unshared(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let keys = |v: &[String]| v.iter().map(|s| key(s)).collect::<Vec<_>>();
    let (ok, nk) = (keys(old), keys(new));
    let removed = old
        .iter()
        .zip(&ok)
        .filter(|(_, k)| !k.is_empty() && !nk.contains(k))
        .map(|(s, _)| s.clone())
        .collect();
    let added = new
        .iter()
        .zip(&nk)
        .filter(|(_, k)| !k.is_empty() && !ok.contains(k))
        .map(|(s, _)| s.clone())
        .collect();
    (removed, added)
}

fn joined_key(v: &[String]) -> String {
    v.iter().map(|s| key(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Rag, Status, Timescale};

    fn action(text: &str, due: Option<&str>, ts: Option<&str>) -> Action {
        Action {
            id: "a1".into(),
            ref_: Some("1.1".into()),
            text: text.into(),
            timescale: Timescale {
                text: ts.map(String::from),
                dates: vec![],
                due: due.map(String::from),
            },
            ..Action::default()
        }
    }

    fn lead(t: &str) -> Lead {
        Lead {
            text: t.into(),
            ..Lead::default()
        }
    }

    fn entry(t: &str) -> Progress {
        Progress {
            text: t.into(),
            date: None,
        }
    }

    #[test]
    fn day_numbers_count_calendar_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2020-03-01").unwrap() - day_number("2020-02-01").unwrap(),
            29
        );
        assert_eq!(
            day_number("2021-01-01").unwrap() - day_number("2020-12-31").unwrap(),
            1
        );
        assert_eq!(day_number("2020-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn a_slipped_date_reports_days_and_both_timescales() {
        let a = action("x", Some("2020-10-31"), Some("October 2020"));
        let b = action("x", Some("2020-12-31"), Some("December 2020"));
        assert_eq!(
            action_changes(&a, &b, 1.0),
            vec![Change::Due {
                from: Some("2020-10-31".into()),
                to: Some("2020-12-31".into()),
                days: Some(61),
                direction: DueMove::Slipped,
                timescale: TextChange {
                    from: Some("October 2020".into()),
                    to: Some("December 2020".into())
                },
            }]
        );
        let c = action("x", Some("2020-09-30"), Some("End of September 2020"));
        match &action_changes(&a, &c, 1.0)[0] {
            Change::Due {
                days, direction, ..
            } => {
                assert_eq!(*days, Some(-31));
                assert_eq!(*direction, DueMove::BroughtForward);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn timescale_text_alone_is_its_own_change_and_layout_is_none() {
        let a = action("x", Some("2020-10-31"), Some("October 2020"));
        let b = action("x", Some("2020-10-31"), Some("By end of October 2020"));
        assert!(matches!(
            action_changes(&a, &b, 1.0)[..],
            [Change::Timescale { .. }]
        ));
        let c = action("x", Some("2020-10-31"), Some("October\n2020"));
        assert!(action_changes(&a, &c, 1.0).is_empty());
    }

    #[test]
    fn status_rag_and_complete_are_separate_changes() {
        let mut a = action("x", None, None);
        let mut b = a.clone();
        a.status = Status {
            text: Some("In progress".into()),
            rag: Some(Rag::Amber),
            complete: Some(false),
        };
        b.status = Status {
            text: Some("Complete".into()),
            rag: Some(Rag::Green),
            complete: Some(true),
        };
        let kinds: Vec<_> = action_changes(&a, &b, 1.0)
            .iter()
            .map(|c| serde_json::to_value(c).unwrap()["field"].clone())
            .collect();
        assert_eq!(kinds, ["status", "rag", "complete"]);
    }

    #[test]
    fn leads_regrouped_by_layout_are_not_a_change() {
        let old = [lead("Head of Service, ESCC Co-"), lead("ordinator, Police")];
        let new = [lead("Head of Service, ESCC Co-ordinator, Police")];
        assert_eq!(leads_change(&old, &new), None);
        let newer = [lead("Head of Service, ESCC"), lead("DCI Ann Lee")];
        assert_eq!(
            leads_change(&new, &newer),
            Some(Change::Leads {
                added: vec!["Head of Service, ESCC".into(), "DCI Ann Lee".into()],
                removed: vec!["Head of Service, ESCC Co-ordinator, Police".into()],
            })
        );
    }

    #[test]
    fn progress_added_at_either_end_is_found_and_resplits_are_not() {
        let old = [entry("June 2020 - policy drafted. Consultation open")];
        let resplit = [
            entry("June 2020 - policy drafted."),
            entry("Consultation open"),
        ];
        assert_eq!(progress_change(&old, &resplit), None);
        let more = [
            entry("June 2020 - policy drafted. Consultation open"),
            entry("Sept 2020 - policy signed off"),
        ];
        assert_eq!(
            progress_change(&old, &more),
            Some(Change::Progress {
                added: vec![entry("Sept 2020 - policy signed off")],
                removed: vec![],
            })
        );
    }
}
