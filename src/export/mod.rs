//! The export stage: a batch's docket/1 documents as trackers. JSON Lines
//! (one document a line), CSV (`plans.csv`, `findings.csv`, `actions.csv`,
//! `problems.csv`) and one XLSX workbook (sheets Plans, Findings, Actions,
//! Problems).
//!
//! Why a stage of its own: users keep action-plan trackers in Excel and
//! feed other systems. Flattening (finding text looked up by id, leads
//! joined, the latest progress, dates as dates) is done once here in
//! [`rows`], and each format only lays the same sheets out.

mod csv;
mod rows;
mod xlsx;

pub use rows::{Cell, ProblemRow, Sheet, rag_name, sheets};
pub use xlsx::rag_fill;

use std::path::Path;

use crate::contract::Output;

/// An output format of `docket extract --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pretty JSON file per input (the default).
    Json,
    /// One compact JSON document per line.
    Jsonl,
    /// `plans.csv`, `findings.csv`, `actions.csv`, `problems.csv` in a folder.
    Csv,
    /// One workbook for the whole batch.
    Xlsx,
}

/// Why an export could not be written. Stable dotted codes.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot make the workbook: {0}")]
    Xlsx(String),
    #[error("cannot write CSV: {0}")]
    Csv(String),
    #[error("cannot serialise a document: {0}")]
    Json(String),
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Io(_) => "output.io",
            ExportError::Xlsx(_) => "export.xlsx",
            ExportError::Csv(_) => "export.csv",
            ExportError::Json(_) => "export.json",
        }
    }
}

/// The documents as JSON Lines: one validated docket/1 document a line.
pub fn json_lines<'a>(docs: impl IntoIterator<Item = &'a Output>) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    for d in docs {
        out.extend(crate::contract::to_json_line(d).map_err(|e| ExportError::Json(e.to_string()))?);
    }
    Ok(out)
}

/// Write the four CSV files into `dir` (created if needed); returns their paths.
pub fn write_csv(
    dir: &Path,
    docs: &[&Output],
    problems: &[ProblemRow],
) -> Result<Vec<std::path::PathBuf>, ExportError> {
    csv::write_all(dir, &sheets(docs, problems))
}

/// The XLSX workbook's bytes.
pub fn xlsx_bytes(docs: &[&Output], problems: &[ProblemRow]) -> Result<Vec<u8>, ExportError> {
    xlsx::workbook(&sheets(docs, problems))
}
