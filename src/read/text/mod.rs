//! Text reader: table exports and pdftotext-style dumps into the model.

mod decode;
mod dump;
mod export;
mod grid_tables;
mod layout;
mod markup;

pub use layout::LayoutSettings;

pub use decode::decode;

use crate::model::{Document, Format};

use super::Limits;

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("binary data, not a text export ({0})")]
    Binary(String),
    #[error("undecodable text: {0}")]
    Encoding(String),
}

impl TextError {
    pub fn code(&self) -> &'static str {
        match self {
            TextError::Binary(_) => "text.binary",
            TextError::Encoding(_) => "text.encoding",
        }
    }
}

/// Read a text export. Tab-separated exports (a Word table copied out as
/// text: one row per line, or one cell per line) become tables; a dump with
/// no tabs and wrapped lines (pdftotext without -layout) becomes paragraphs,
/// one per blank-line-separated group of lines; a dump drawn with spaces
/// (pdftotext -layout: aligned blocks, form feeds between pages) has its
/// tables rebuilt from the character grid; tables drawn with ASCII rules
/// (pandoc's grid and pipe tables, or HTML tables in Markdown) are read from
/// their rules.
pub fn read(bytes: &[u8], _limits: &Limits) -> Result<Document, TextError> {
    let text = decode(bytes)?;
    {
        let lines: Vec<&str> = text.lines().collect();
        if grid_tables::looks_like_tables(&lines) {
            let mut doc = Document::new(Format::Text);
            doc.blocks = grid_tables::blocks(&lines);
            return Ok(doc);
        }
    }
    let settings = LayoutSettings::default();
    if layout::looks_like_layout(&text, &settings) {
        let mut doc = Document::new(Format::Text);
        doc.blocks = layout::blocks(&text, &settings);
        return Ok(doc);
    }
    // Page breaks carry no structure the other readers use: a form feed
    // is a line break there.
    let text = text.replace('\u{c}', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::new(Format::Text);
    doc.blocks = if dump::looks_like_dump(&lines) {
        dump::blocks(&lines)
    } else {
        export::blocks(&lines)
    };
    Ok(doc)
}
