//! The interpret stage: an action plan or an annual report from the document
//! model.
//!
//! Why it never sees the format: a plan is the same plan whether it arrived as
//! DOCX, PDF or a text export. Everything format-specific is settled by the
//! readers (spans, header rows, page breaks); this stage reads structure and
//! text only, with vocabulary from `grammars/`.

use std::borrow::Cow;

pub mod choose;
pub mod kind;
pub mod plan;
pub mod report;

use crate::contract::{Action, At, Diagnostic, Finding, Kind, Report};
use crate::model::{Block, Document, Provenance};
use crate::recognise::Grammars;

/// What interpretation found in one document.
#[derive(Debug, Clone)]
pub struct Interpretation {
    pub kind: Kind,
    pub title: Option<String>,
    pub findings: Vec<Finding>,
    pub actions: Vec<Action>,
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The contract's `at` for a model position. A DOCX has no lines: its
/// `line` is the 1-based paragraph number (the reader's `index` + 1; a
/// row's first paragraph). A 0 is a position no reader recorded and reads
/// as unknown.
pub(crate) fn at_of(p: Provenance) -> At {
    At {
        page: p.page.filter(|n| *n > 0),
        line: p.line.or(p.index.map(|i| i + 1)).filter(|n| *n > 0),
    }
}

/// Provenance is 1-based: a 0 is a position no reader recorded (a reader
/// of a format without lines gives the flow reader no line), and must read
/// as unknown (null), never as an invalid 0 that fails the contract and
/// costs the whole document.
fn known_provenance(plan: &mut plan::Plan) {
    let fix = |at: &mut crate::contract::At| {
        at.page = at.page.filter(|n| *n > 0);
        at.line = at.line.filter(|n| *n > 0);
    };
    plan.findings.iter_mut().for_each(|f| fix(&mut f.at));
    plan.actions.iter_mut().for_each(|a| fix(&mut a.at));
    plan.diagnostics.iter_mut().for_each(|d| fix(&mut d.at));
}

/// The document's other readings, which the rebuild stage makes: tables
/// that lost their grid put back. Interpret asks for them only when the
/// document as read gives no plan (they cost a pass each), and never
/// calls an earlier stage itself: [`crate::pipeline`] wires the rebuild
/// stage in.
pub trait Readings {
    /// The document with plan tables rebuilt, one document per way of
    /// rebuilding: each a candidate for the one plan builder.
    fn plan_readings(&self) -> Vec<Document>;
    /// The document with report tables (membership lists, statements)
    /// rebuilt; the document itself where there is nothing to rebuild.
    fn report_reading(&self) -> Cow<'_, Document>;
}

/// No other readings: the document as read is all there is.
pub struct AsRead<'a>(pub &'a Document);

impl Readings for AsRead<'_> {
    fn plan_readings(&self) -> Vec<Document> {
        Vec::new()
    }
    fn report_reading(&self) -> Cow<'_, Document> {
        Cow::Borrowed(self.0)
    }
}

/// Interpret a document: try it as an action plan, then as an annual report,
/// and keep what the content supports.
pub fn interpret(doc: &Document, g: &Grammars, readings: &dyn Readings) -> Interpretation {
    let tabled = plan::extract(doc, g);
    // The rebuild stage's readings (a table saved one cell per line, a
    // table that lost its grid) are candidates where the document holds no
    // table the plan reading took its actions from: where it found none, or
    // the document has no table at all. Every reading goes through the one
    // plan builder, and the best wins ([`choose`]).
    let has_table = doc.blocks.iter().any(|b| matches!(b, Block::Table(_)));
    let mut plan = if tabled.actions.is_empty() || !has_table {
        let rebuilt = readings
            .plan_readings()
            .into_iter()
            .map(|d| plan::extract(&d, g));
        choose::best(
            std::iter::once(tabled).chain(rebuilt),
            choose::document_words(doc),
        )
    } else {
        tabled
    };
    known_provenance(&mut plan);
    let says_report = kind::says_annual_report(doc, &g.report.phrases().report_names);
    // Reading a report costs a pass over the document: only when the
    // document names itself a report or no plan was found.
    // The report reader reads the document with the report tables the
    // rebuild stage put back.
    let read_report = || report::extract(&readings.report_reading(), g);
    let report = (says_report || plan.actions.is_empty()).then(read_report);
    let evidence = kind::Evidence {
        actions: plan.actions.len(),
        says_report,
        report_points: report
            .as_ref()
            .map_or(0, |r| report::structure_points(&r.report)),
    };
    match kind::decide(evidence) {
        Kind::ActionPlan => Interpretation {
            kind: Kind::ActionPlan,
            title: plan.title,
            findings: plan.findings,
            actions: plan.actions,
            report: None,
            diagnostics: plan.diagnostics,
        },
        Kind::AnnualReport => {
            let r = report.unwrap_or_else(read_report);
            Interpretation {
                kind: Kind::AnnualReport,
                title: r.title,
                findings: Vec::new(),
                actions: Vec::new(),
                report: Some(r.report),
                diagnostics: r.diagnostics,
            }
        }
        Kind::Unknown => Interpretation {
            kind: Kind::Unknown,
            title: plan.title,
            findings: Vec::new(),
            actions: Vec::new(),
            report: None,
            diagnostics: vec![kind::unknown_diagnostic()],
        },
    }
}
