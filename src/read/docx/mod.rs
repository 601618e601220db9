//! DOCX reader: WordprocessingML into the document model.

use crate::model::Document;

use super::Limits;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a zip archive: {0}")]
    NotZip(String),
    #[error("missing part {0}")]
    MissingPart(String),
    #[error("password-protected or legacy binary Word file (OLE container)")]
    Encrypted,
}

impl DocxError {
    pub fn code(&self) -> &'static str {
        match self {
            DocxError::NotZip(_) => "docx.not_zip",
            DocxError::MissingPart(_) => "docx.missing_part",
            DocxError::Encrypted => "docx.encrypted",
        }
    }
}

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, DocxError> {
    Err(DocxError::MissingPart(
        "word/document.xml (DOCX reader not built yet)".into(),
    ))
}
