//! Deciding what a document is, from its content only.

use crate::contract::{At, Diagnostic, Kind, Level};
use crate::model::{Block, Document};
use crate::recognise::phrase::Phrases;

/// How many kinds of report structure (numbered sections, figures, people,
/// priorities, glossary, budget) make a document a report on their own.
const REPORT_POINTS: usize = 3;

/// The evidence for each kind, gathered by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// Actions the plan interpreters found.
    pub actions: usize,
    /// The opening text calls the document an annual report.
    pub says_report: bool,
    /// Kinds of report structure found (`report::structure_points`).
    pub report_points: usize,
}

/// An annual report that calls itself one and shows report structure stays a
/// report even when a table inside it reads like a few actions; otherwise a
/// document with actions is a plan; a report shows itself by name or by
/// structure; anything else is unknown.
pub fn decide(e: Evidence) -> Kind {
    if e.says_report && e.report_points >= REPORT_POINTS {
        return Kind::AnnualReport;
    }
    if e.actions > 0 {
        return Kind::ActionPlan;
    }
    if (e.says_report && e.report_points > 0) || e.report_points >= REPORT_POINTS {
        return Kind::AnnualReport;
    }
    Kind::Unknown
}

/// How much opening text is searched for the report's name: a report names
/// itself in its title, foreword or introduction.
const OPENING_CHARS: usize = 20_000;

/// Does the opening text of the document call itself a report, by one of
/// the names in `report.toml` (`report_names`)?
pub fn says_annual_report(doc: &Document, names: &Phrases<()>) -> bool {
    let mut seen = 0usize;
    for b in &doc.blocks {
        let text = match b {
            Block::Heading(h) => h.text.as_str(),
            Block::Paragraph(p) => p.text.as_str(),
            Block::Table(_) => continue,
        };
        if names.contains(text) {
            return true;
        }
        seen += text.len();
        if seen > OPENING_CHARS {
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
    use crate::model::{Format, Paragraph, Provenance};

    fn doc(text: &str) -> Document {
        let mut d = Document::new(Format::Text);
        d.blocks
            .push(Block::Paragraph(Paragraph::new(text, Provenance::line(1))));
        d
    }

    fn ev(actions: usize, says_report: bool, report_points: usize) -> Evidence {
        Evidence {
            actions,
            says_report,
            report_points,
        }
    }

    #[test]
    fn decided_from_content() {
        assert_eq!(decide(ev(5, false, 0)), Kind::ActionPlan);
        assert_eq!(decide(ev(0, true, 1)), Kind::AnnualReport);
        assert_eq!(decide(ev(0, false, 0)), Kind::Unknown);
        assert_eq!(decide(ev(0, true, 0)), Kind::Unknown);
        // A report whose budget table reads like two actions is still a report.
        assert_eq!(decide(ev(2, true, 4)), Kind::AnnualReport);
        // A plan that mentions an annual report but has no report structure.
        assert_eq!(decide(ev(12, true, 1)), Kind::ActionPlan);
        // A report that never names itself, by structure alone.
        assert_eq!(decide(ev(0, false, 3)), Kind::AnnualReport);
    }

    #[test]
    fn report_names_come_from_the_vocabulary() {
        let names = Phrases::list(&["annual report"]);
        assert!(says_annual_report(
            &doc("Partnership ANNUAL-REPORT 2021/22"),
            &names
        ));
        assert!(!says_annual_report(&doc("Minutes of the meeting"), &names));
        // Whole words only.
        assert!(!says_annual_report(&doc("Biannual reporting"), &names));
        assert!(!says_annual_report(
            &doc("Partnership Annual Report"),
            &Phrases::list::<&str>(&[])
        ));
    }
}
