//! Lead cells into people and posts (PLACEHOLDER: one lead per non-empty
//! line; issue 4 builds the real splitter).

use super::Grammars;

/// One named lead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeadParts {
    pub text: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

/// Split a lead cell (paragraphs as lines) into leads.
pub fn split_leads(cell: &str, _g: &Grammars) -> Vec<LeadParts> {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| LeadParts {
            text: l.to_string(),
            ..Default::default()
        })
        .collect()
}
