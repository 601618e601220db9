//! Action plans from the document model (PLACEHOLDER: issue 3 builds it).

use crate::contract::{Action, Diagnostic, Finding};
use crate::model::Document;
use crate::recognise::Grammars;

/// An action plan as interpreted.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub title: Option<String>,
    pub findings: Vec<Finding>,
    pub actions: Vec<Action>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn extract(_doc: &Document, _g: &Grammars) -> Plan {
    Plan::default()
}
