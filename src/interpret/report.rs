//! Annual reports from the document model (PLACEHOLDER: issue 7 builds it).

use crate::contract::{Diagnostic, Report};
use crate::model::Document;
use crate::recognise::Grammars;

#[derive(Debug, Clone, Default)]
pub struct ReportResult {
    pub title: Option<String>,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn extract(_doc: &Document, _g: &Grammars) -> ReportResult {
    ReportResult::default()
}
