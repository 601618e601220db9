//! Plans with no table: headings, then labelled paragraphs.
//!
//! A practice-review plan is often written as prose: a heading per
//! learning point ("3. Agencies did not share …"), and under it, for each
//! action, paragraphs that open with a label ("What we will do:", "Who:",
//! "When:", "How we will know:"). The labels are vocabulary
//! (`plan.toml` `[labels]`); a label ends at its colon, or where its bold
//! run ends. Each action label starts an action; the other labels fill its
//! fields; an unlabelled paragraph carries on the field above it (a bullet
//! list under "What we will do:"). Headings that group findings are their
//! sections; a heading that encloses no action (Background, Monitoring)
//! gives nothing.

use crate::contract::{Action, Finding};
use crate::model::{Block, Document, Provenance};
use crate::recognise::Grammars;

use super::Plan;
use super::build::Context;
use super::columns::normalise;
use super::{fields, refs};

/// A label is a few words ("How we will know", "Action 3.1").
const MAX_LABEL_WORDS: usize = 6;
/// A bold paragraph of at most this many words reads as a heading.
const MAX_BOLD_HEADING_WORDS: usize = 25;
/// Heading level given to a bold paragraph (below every styled heading).
const BOLD_LEVEL: u8 = 9;

/// The field a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Action,
    Lead,
    Timescale,
    Outcome,
    Status,
    Progress,
    Finding,
}

#[derive(Debug, Default)]
struct Raw {
    ref_: Option<String>,
    finding: Option<usize>,
    section: Option<String>,
    text: Vec<String>,
    lead: Vec<String>,
    timescale: Vec<String>,
    outcome: Vec<String>,
    status: Vec<String>,
    progress: Vec<String>,
    at: Provenance,
}

impl Raw {
    fn field(&mut self, f: Field) -> Option<&mut Vec<String>> {
        Some(match f {
            Field::Action => &mut self.text,
            Field::Lead => &mut self.lead,
            Field::Timescale => &mut self.timescale,
            Field::Outcome => &mut self.outcome,
            Field::Status => &mut self.status,
            Field::Progress => &mut self.progress,
            Field::Finding => return None,
        })
    }
}

/// The label a paragraph opens with: its field, the ref it carries
/// ("Action 3.1"), and the text after it.
fn label(text: &str, bold_prefix: usize, g: &Grammars) -> Option<(Field, Option<String>, String)> {
    let t = text.trim_start();
    let lead_ws = text.len() - t.len();
    let (head, rest) = match t.find(':') {
        Some(i) if t[..i].split_whitespace().count() <= MAX_LABEL_WORDS => (&t[..i], &t[i + 1..]),
        _ if bold_prefix > lead_ws && text.is_char_boundary(bold_prefix) => {
            let b = &text[lead_ws..bold_prefix];
            (b, &text[bold_prefix..])
        }
        _ => return None,
    };
    let head = head
        .trim()
        .trim_end_matches(['-', '\u{2013}', '\u{2014}'])
        .trim();
    if head.is_empty() || head.split_whitespace().count() > MAX_LABEL_WORDS {
        return None;
    }
    // "Action 3.1": the label's own number.
    let (words, ref_) = match head.rsplit_once(' ') {
        Some((w, r)) if refs::printed_ref(r).is_some() => (w, refs::printed_ref(r)),
        _ => (head, None),
    };
    let field = field_of(&normalise(words), g)?;
    Some((field, ref_, rest.trim().to_string()))
}

fn field_of(label: &str, g: &Grammars) -> Option<Field> {
    let l = &g.plan.labels;
    [
        (Field::Action, &l.action),
        (Field::Lead, &l.lead),
        (Field::Timescale, &l.timescale),
        (Field::Outcome, &l.outcome),
        (Field::Status, &l.status),
        (Field::Progress, &l.progress),
        (Field::Finding, &l.finding),
    ]
    .into_iter()
    .find(|(_, list)| list.iter().any(|w| normalise(w) == label))
    .map(|(f, _)| f)
}

struct Walk<'a> {
    g: &'a Grammars,
    labels: &'a crate::recognise::phrase::Phrases<()>,
    title: Option<String>,
    /// Enclosing headings that are not findings: (level, text).
    sections: Vec<(u8, String)>,
    findings: Vec<(Option<String>, Option<String>, String, Provenance)>,
    current: Option<usize>,
    actions: Vec<Raw>,
    /// The field the last paragraph filled, while an action is open.
    open: Option<Field>,
    /// Labels other than the action's seen (evidence of a labelled plan).
    other_labels: usize,
}

impl Walk<'_> {
    fn section(&self) -> Option<String> {
        self.sections.last().map(|(_, t)| t.clone())
    }

    fn heading(&mut self, level: u8, text: &str, at: Provenance) {
        self.open = None;
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.title.as_deref() == Some(t.as_str()) {
            return;
        }
        self.sections.retain(|(l, _)| *l < level);
        let finding = refs::labelled_ref(&t, self.labels)
            .filter(|(_, rest)| !rest.is_empty())
            .or_else(|| refs::opening_ref(&t).map(|(r, rest)| (r, rest.to_string())))
            .filter(|(_, rest)| !rest.is_empty());
        match finding {
            Some((r, rest)) => self.finding(Some(r), rest, at),
            None => self.sections.push((level, t)),
        }
    }

    fn finding(&mut self, ref_: Option<String>, text: String, at: Provenance) {
        self.findings.push((ref_, self.section(), text, at));
        self.current = Some(self.findings.len() - 1);
    }

    fn paragraph(&mut self, text: &str, bold_prefix: usize, at: Provenance) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match label(text, bold_prefix, self.g) {
            Some((Field::Action, ref_, rest)) => {
                self.actions.push(Raw {
                    ref_,
                    finding: self.current,
                    section: self.section(),
                    text: vec![rest].into_iter().filter(|r| !r.is_empty()).collect(),
                    at,
                    ..Raw::default()
                });
                self.open = Some(Field::Action);
            }
            Some((Field::Finding, ref_, rest)) if !rest.is_empty() => {
                self.open = None;
                self.finding(ref_, rest, at);
            }
            Some((f, _, rest)) if self.open.is_some() => {
                self.other_labels += 1;
                if let Some(a) = self.actions.last_mut()
                    && let Some(v) = a.field(f)
                    && !rest.is_empty()
                {
                    v.push(rest);
                }
                self.open = Some(f);
            }
            _ => {
                // Unlabelled: carries on the field above, while open.
                if let Some(f) = self.open
                    && let Some(a) = self.actions.last_mut()
                    && let Some(v) = a.field(f)
                {
                    v.push(text.to_string());
                }
            }
        }
    }
}

/// The plan of a document written as headings and labelled paragraphs, if
/// it is one: at least two actions, or one with another labelled field.
pub(super) fn extract(doc: &Document, g: &Grammars, ctx: &Context, skip: &[usize]) -> Option<Plan> {
    let mut w = Walk {
        g,
        labels: &ctx.finding_labels,
        title: super::title::find(doc),
        sections: Vec::new(),
        findings: Vec::new(),
        current: None,
        actions: Vec::new(),
        open: None,
        other_labels: 0,
    };
    for (i, b) in doc.blocks.iter().enumerate() {
        if skip.contains(&i) {
            w.open = None;
            continue;
        }
        match b {
            Block::Heading(h) => w.heading(h.level, &h.text, h.at),
            Block::Paragraph(p) => {
                let bold_heading = p.style.bold
                    && p.list.is_none()
                    && p.text.split_whitespace().count() <= MAX_BOLD_HEADING_WORDS
                    && label(&p.text, 0, g).is_none();
                if bold_heading {
                    w.heading(BOLD_LEVEL, &p.text, p.at);
                } else {
                    w.paragraph(&p.text, p.style.bold_prefix, p.at);
                }
            }
            Block::Table(_) => w.open = None,
        }
    }
    let enough = w.actions.len() >= 2 || (w.actions.len() == 1 && w.other_labels > 0);
    if !enough {
        return None;
    }
    Some(build(w, ctx, g))
}

use crate::interpret::at_of as at;

fn build(w: Walk<'_>, ctx: &Context, g: &Grammars) -> Plan {
    // Only findings some action answers, and sections that group actions.
    let findings: Vec<Finding> = w
        .findings
        .iter()
        .enumerate()
        .map(|(i, (r, s, t, p))| Finding {
            id: format!("f{}", i + 1),
            ref_: r.clone(),
            section: s.clone(),
            text: fields::join(std::slice::from_ref(t)),
            at: at(*p),
            key: None,
        })
        .collect();
    let actions = w
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let timescale = fields::timescale(Some(&a.timescale), g);
            let progress = fields::progress(std::slice::from_ref(&a.progress), g);
            let mut status =
                fields::status(&a.status, false, timescale.text.as_deref(), &progress, g);
            ctx.keys.apply(&mut status, None, g);
            Action {
                key: None,
                id: format!("a{}", i + 1),
                ref_: a.ref_.clone(),
                finding: a.finding.map(|f| format!("f{}", f + 1)),
                section: a.section.clone(),
                text: fields::join(&a.text),
                timescale,
                leads: fields::lead_cell(&a.lead, g).0,
                leads_inherited: false,
                outcome: fields::outcome(std::slice::from_ref(&a.outcome)),
                status,
                progress,
                at: at(a.at),
            }
        })
        .collect();
    Plan {
        title: None,
        findings,
        actions,
        diagnostics: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Heading, Paragraph};

    fn doc(blocks: &[(Option<u8>, &str)]) -> Document {
        let mut d = Document::new(Format::Text);
        for (i, (h, t)) in blocks.iter().enumerate() {
            let at = Provenance::line(i as u32 + 1);
            d.blocks.push(match h {
                Some(level) => Block::Heading(Heading {
                    furniture: false,
                    level: *level,
                    text: t.to_string(),
                    at,
                }),
                None => Block::Paragraph(Paragraph::new(*t, at)),
            });
        }
        d
    }

    #[test]
    fn labelled_paragraphs_make_actions_under_numbered_headings() {
        let g = Grammars::builtin();
        let d = doc(&[
            (Some(0), "Eastfold Partnership: Rapid Review Action Plan"),
            (Some(1), "Introduction"),
            (None, "The review looked at two children."),
            (Some(1), "Schools"),
            (Some(2), "1. Schools did not share attendance worries."),
            (None, "Action 1.1: Agree a shared attendance alert."),
            (None, "Lead: Head of Inclusion, Eastfold Council"),
            (None, "Lead: Designated Nurse (ICB)"),
            (None, "Timescale: By 31/01/2027"),
            (None, "Evidence of impact: Alerts are raised within a day."),
            (None, "Action 1.2: Train attendance officers, covering:"),
            (None, "home visits;"),
            (None, "Timescale: Summer 2027"),
            (Some(1), "Governance"),
            (None, "The board will review this plan."),
        ]);
        let p = super::super::extract(&d, &g);
        assert_eq!(p.findings.len(), 1);
        assert_eq!(p.findings[0].ref_.as_deref(), Some("1"));
        assert_eq!(p.findings[0].section.as_deref(), Some("Schools"));
        assert_eq!(p.actions.len(), 2);
        let a = &p.actions[0];
        assert_eq!(a.ref_.as_deref(), Some("1.1"));
        assert_eq!(a.text, "Agree a shared attendance alert.");
        assert_eq!(a.leads.len(), 2);
        assert_eq!(a.timescale.due.as_deref(), Some("2027-01-31"));
        assert_eq!(
            a.outcome.as_deref(),
            Some("Alerts are raised within a day.")
        );
        assert_eq!(a.at.line, Some(6));
        assert_eq!(
            p.actions[1].text,
            "Train attendance officers, covering: home visits;"
        );
        assert_eq!(p.actions[1].finding.as_deref(), Some("f1"));
    }

    #[test]
    fn a_bold_label_without_a_colon_is_a_label() {
        let g = Grammars::builtin();
        assert_eq!(
            label("Owner Head of Youth Justice", 5, &g).map(|l| l.0),
            Some(Field::Lead)
        );
        assert_eq!(label("We met the family twice: once at home", 0, &g), None);
    }
}
