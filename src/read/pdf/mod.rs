//! PDF reader: positioned text and ruled tables into the document model.

use crate::model::Document;

use super::Limits;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("malformed PDF: {0}")]
    Malformed(String),
    #[error("encrypted with a user password")]
    Encrypted,
    #[error("no text layer (scanned or image-only)")]
    NoText,
}

impl PdfError {
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::Malformed(_) => "pdf.malformed",
            PdfError::Encrypted => "pdf.encrypted",
            PdfError::NoText => "pdf.no_text",
        }
    }
}

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, PdfError> {
    Err(PdfError::Malformed("PDF reader not built yet".into()))
}

/// The tables on one page as grids of cell strings: a spanning cell's text in
/// its top-left position, `None` in the positions it covers.
pub fn page_tables(
    _bytes: &[u8],
    _page: u32,
    _limits: &Limits,
) -> Result<Vec<Vec<Vec<Option<String>>>>, PdfError> {
    Err(PdfError::Malformed("PDF reader not built yet".into()))
}
