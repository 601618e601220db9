//! The walk's findings and rows in contract types: timescales parsed,
//! leads split, a row without leads inheriting its finding's previous
//! action's.

use super::cues::{self, join};
use super::walk::{Row, Walk};
use crate::contract::{Action, At, Finding, Status, Timescale};
use crate::interpret::plan::Plan;
use crate::recognise::{Grammars, status};

impl Walk<'_> {
    /// The plan in contract types.
    pub(super) fn finish(self, g: &Grammars) -> Plan {
        let findings: Vec<Finding> = self
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| Finding {
                id: format!("f{}", i + 1),
                key: None,
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
            let action = self.action(i, r, actions.last(), g);
            actions.push(action);
        }
        Plan {
            title: None,
            findings,
            actions,
            diagnostics: Vec::new(),
        }
    }

    /// Row `i` as an action; `prev` is the action before it, whose leads a
    /// row without a lead cell inherits within the same finding.
    fn action(&self, i: usize, r: &Row, prev: Option<&Action>, g: &Grammars) -> Action {
        let ts_text = cues::mend_split_years(&join(&r.timescale), self.lex);
        let ts_text = (!ts_text.is_empty()).then_some(ts_text);
        let timescale = timescale(ts_text.as_deref(), g);
        let facts = ts_text
            .as_deref()
            .map(|t| status::status(t, g))
            .unwrap_or_default();
        let (leads, inherited) = if r.lead.is_empty() {
            let prev = prev.filter(|a| {
                r.finding.is_some() && a.finding == r.finding.map(|f| format!("f{}", f + 1))
            });
            match prev {
                Some(a) if !a.leads.is_empty() => (a.leads.clone(), true),
                _ => (Vec::new(), false),
            }
        } else {
            (leads(&r.lead.join("\n"), g), false)
        };
        Action {
            id: format!("a{}", i + 1),
            key: None,
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
                rag: facts.rag,
                complete: facts.complete,
            },
            progress: Vec::new(),
            at: At {
                page: None,
                line: Some(r.line),
            },
        }
    }
}

pub(super) use crate::interpret::plan::fields::{leads_of as leads, timescale_of};

/// A timescale cell's text parsed; none when the cell is empty.
pub(super) fn timescale(text: Option<&str>, g: &Grammars) -> Timescale {
    text.map(|t| timescale_of(t, g)).unwrap_or_default()
}
