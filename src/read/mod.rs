//! The read stage: input bytes to the [document model](crate::model), one
//! reader per format, no interpretation.
//!
//! Why sniff rather than trust extensions: bulk loads are full of `.doc`
//! files that are DOCX, PDFs saved as `.docx`, and text exports named `.xls`.
//! The bytes say what a file is; the name does not.

pub mod biff;
pub mod blocks;
pub mod doc;
pub mod docx;
pub mod html;
pub mod limits;
pub mod lists;
pub mod odf;
pub mod pdf;
pub mod rtf;
pub mod sheet;
pub mod sniff;
pub mod text;

pub use limits::Limits;
pub use sniff::Sniffed;

use crate::model::{Document, Format};

/// Errors of the read stage. Every variant has a stable dotted code.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the {limit}-byte input limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("{0}")]
    Unsupported(String),
    #[error(transparent)]
    Text(#[from] text::TextError),
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error(transparent)]
    Odf(#[from] odf::OdfError),
    #[error(transparent)]
    Sheet(#[from] sheet::SheetError),
    #[error(transparent)]
    Doc(#[from] doc::DocError),
}

impl ReadError {
    /// Stable dotted code, documented in the README.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Empty => "input.empty",
            ReadError::TooLarge { .. } => "input.too_large",
            ReadError::Unsupported(_) => "input.unsupported",
            ReadError::Text(e) => e.code(),
            ReadError::Docx(e) => e.code(),
            ReadError::Pdf(e) => e.code(),
            ReadError::Odf(e) => e.code(),
            ReadError::Sheet(e) => e.code(),
            ReadError::Doc(e) => e.code(),
        }
    }
}

/// Read any supported input into the document model, choosing the reader from
/// the bytes.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_input_bytes,
        });
    }
    let mut doc = read_sniffed(bytes, limits)?;
    doc.shrink_to_fit();
    Ok(doc)
}

/// The reader for what the bytes are.
fn read_sniffed(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    match sniff::sniff(bytes) {
        Sniffed::Pdf => Ok(pdf::read(bytes, limits)?),
        Sniffed::Docx => Ok(docx::read(bytes, limits)?),
        Sniffed::EncryptedOoxml => Err(docx::DocxError::Encrypted.into()),
        Sniffed::Odt => Ok(odf::read(bytes, limits, Format::Odt)?),
        Sniffed::Ods => Ok(odf::read(bytes, limits, Format::Ods)?),
        Sniffed::Text => Ok(text::read(bytes, limits)?),
        Sniffed::Rtf => Ok(rtf::read(bytes, limits)),
        Sniffed::Xlsx => Ok(sheet::read(bytes, limits, Format::Xlsx)?),
        Sniffed::Xls => Ok(sheet::read(bytes, limits, Format::Xls)?),
        Sniffed::Html => Ok(html::read(bytes, limits)),
        Sniffed::Doc => Ok(doc::read(bytes, limits)?),
        Sniffed::Other(what) => Err(ReadError::Unsupported(what.to_string())),
    }
}
