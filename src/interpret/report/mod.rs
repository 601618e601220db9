//! Annual reports from the document model: period, organisation, numbered
//! sections, headline figures, people, priorities with leads, glossary and
//! budget lines.
//!
//! Why one stream for every format: the same report arrives as a DOCX (with
//! heading styles and real table spans), a PDF (fonts, page furniture) or a
//! text export (neither). [`flow`] turns any of them into one reading-order
//! stream of lines and tables, without page furniture; each part of the
//! report is then read from structure (numbering, header cells, cue words)
//! with vocabulary from `grammars/report.toml`, never from the format.

mod budget;
mod figures;
mod flow;
mod glossary;
mod people;
mod period;
mod priorities;
mod sections;
mod text;
pub mod vocab;

use crate::contract::{At, Diagnostic, Level, Report};
use crate::model::{Block, Document};
use crate::recognise::Grammars;

pub use vocab::Vocab;

#[derive(Debug, Clone, Default)]
pub struct ReportResult {
    pub title: Option<String>,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read an annual report with the built-in vocabulary.
pub fn extract(doc: &Document, _g: &Grammars) -> ReportResult {
    extract_with(doc, Vocab::builtin())
}

/// Read an annual report with a given vocabulary.
pub fn extract_with(doc: &Document, v: &Vocab) -> ReportResult {
    let items = flow::build(doc, v);
    let secs = sections::find(&items);
    let glossary = glossary::find(&items, &secs, v);
    let pairs: Vec<(String, String)> = glossary
        .iter()
        .map(|e| (e.abbreviation.clone(), e.expansion.clone()))
        .collect();
    let period = period::period(&items, &secs, v);
    let report = Report {
        organisation: period::organisation(&items, &pairs, v),
        sections: secs.list.clone(),
        figures: figures::find(&items, &secs),
        people: people::find(&items, &secs, v),
        priorities: priorities::find(&items, v),
        budget: budget::find(&items, &secs, period.as_deref(), v),
        glossary,
        period,
    };
    let mut diagnostics = Vec::new();
    if report.sections.is_empty() {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            code: "report.no_sections".into(),
            message: "no numbered section headings found; the report's structure is not recorded"
                .into(),
            at: At::default(),
        });
    }
    ReportResult {
        title: title(doc),
        report,
        diagnostics,
    }
}

/// The report's own title: a title-level heading, where the format marks
/// one. Running text that merely names the report is not a title.
fn title(doc: &Document) -> Option<String> {
    doc.blocks.iter().take(20).find_map(|b| match b {
        Block::Heading(h) if h.level == 0 => Some(text::norm(&h.text)).filter(|t| !t.is_empty()),
        _ => None,
    })
}
