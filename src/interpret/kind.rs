//! Deciding what a document is, from its content only.

use crate::contract::{At, Diagnostic, Kind, Level};
use crate::model::{Block, Document};

use super::plan::Plan;

/// An action plan has actions; an annual report says it is one; anything
/// else is unknown.
pub fn decide(doc: &Document, plan: &Plan) -> Kind {
    if !plan.actions.is_empty() {
        return Kind::ActionPlan;
    }
    if says_annual_report(doc) {
        return Kind::AnnualReport;
    }
    Kind::Unknown
}

/// Does the opening text of the document call itself an annual report?
fn says_annual_report(doc: &Document) -> bool {
    let mut seen = 0usize;
    for b in &doc.blocks {
        let text = match b {
            Block::Heading(h) => h.text.as_str(),
            Block::Paragraph(p) => p.text.as_str(),
            Block::Table(_) => continue,
        };
        let lower = text.to_lowercase();
        if lower.contains("annual report") {
            return true;
        }
        seen += text.len();
        if seen > 20_000 {
            break;
        }
    }
    false
}

pub fn unknown_diagnostic() -> Diagnostic {
    Diagnostic {
        level: Level::Warning,
        code: "kind.unknown".into(),
        message: "no action table or annual-report structure found".into(),
        at: At::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Action, Status, Timescale};
    use crate::model::{Format, Paragraph, Provenance};

    fn doc(text: &str) -> Document {
        let mut d = Document::new(Format::Text);
        d.blocks
            .push(Block::Paragraph(Paragraph::new(text, Provenance::line(1))));
        d
    }

    fn action() -> Action {
        Action {
            id: "a1".into(),
            ref_: None,
            finding: None,
            section: None,
            text: "Do it".into(),
            timescale: Timescale::default(),
            leads: Vec::new(),
            leads_inherited: false,
            outcome: None,
            status: Status::default(),
            progress: Vec::new(),
            at: At::default(),
        }
    }

    #[test]
    fn decided_from_content() {
        let plan = Plan {
            actions: vec![action()],
            ..Default::default()
        };
        assert_eq!(
            decide(&doc("Joint inspection action plan"), &plan),
            Kind::ActionPlan
        );
        let empty = Plan::default();
        assert_eq!(
            decide(
                &doc("Safeguarding Partnership Annual Report 2021/22"),
                &empty
            ),
            Kind::AnnualReport
        );
        assert_eq!(
            decide(&doc("Minutes of the meeting"), &empty),
            Kind::Unknown
        );
    }
}
