//! The document model: what every reader produces and every interpreter reads.
//!
//! Why a model of its own: readers differ wildly (tab exports, WordprocessingML,
//! positioned PDF glyphs) but an action plan is the same thing in all of them.
//! Readers turn bytes into this model and stop; interpreters read this model and
//! never learn which format it came from. So the model holds *structure*
//! (blocks in order, tables as rows of cells with spans, typography where the
//! format knows it) and *provenance*, and no meaning.

use std::sync::Arc;

pub mod bullets;
mod table;

pub use table::{Cell, Row, Slot, Table};

/// The input format a document was read from. Only the contract layer and the
/// CLI look at this; interpreters must not branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Text,
    /// Word 97-2003 binary document.
    Doc,
    /// OpenDocument text.
    Odt,
    Rtf,
    /// Spreadsheets: OOXML, Excel 97-2003, OpenDocument.
    Xlsx,
    Xls,
    Ods,
    /// A web page (a Word or LibreOffice "Save as HTML").
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Doc => "doc",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Html => "html",
        }
    }
}

/// Where something starts in the input. `page` is 1-based for paged inputs
/// (PDF, and DOCX where rendered page breaks say so); `line` is the 1-based line
/// of a text input; `index` is the 0-based paragraph index in a DOCX body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Provenance {
    pub page: Option<u32>,
    pub line: Option<u32>,
    pub index: Option<u32>,
}

impl Provenance {
    pub fn line(line: u32) -> Self {
        Provenance {
            line: Some(line),
            ..Default::default()
        }
    }
    pub fn page(page: u32) -> Self {
        Provenance {
            page: Some(page),
            ..Default::default()
        }
    }

    /// Where the `k`-th line (0-based) of a block starting here starts: a
    /// text reader's paragraph is consecutive input lines, so `k` lines
    /// below; a position with no line (PDF, DOCX) stays as it is.
    pub fn nth_line(self, k: usize) -> Provenance {
        let k = u32::try_from(k).unwrap_or(u32::MAX);
        Provenance {
            line: self.line.map(|n| n.saturating_add(k)),
            ..self
        }
    }
}

/// A whole document as read.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// Page count for paged formats (PDF), else None.
    pub pages: Option<u32>,
    /// Title from document metadata or a Title-styled paragraph, where the
    /// format marks one explicitly. Interpreters may still find a title in the
    /// body blocks.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// Things the reader noticed but could recover from (kept as diagnostics).
    pub warnings: Vec<ReadWarning>,
}

impl Document {
    pub fn new(format: Format) -> Self {
        Document {
            format,
            pages: None,
            title: None,
            blocks: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Give back the spare capacity readers leave in the model's vectors and
    /// strings. Why: the model is held through the whole interpretation,
    /// and a reader that pushes cells and text as it meets them leaves a
    /// row's cell vector at the next power of two (five cells hold room for
    /// eight: 240 spare bytes a row) and a paragraph's text with room to
    /// grow. On a 100,000-row table that was a tenth of the file's peak.
    pub fn shrink_to_fit(&mut self) {
        self.blocks.shrink_to_fit();
        self.warnings.shrink_to_fit();
        for b in &mut self.blocks {
            match b {
                Block::Heading(h) => h.text.shrink_to_fit(),
                Block::Paragraph(p) => p.shrink_to_fit(),
                Block::Table(t) => t.shrink_to_fit(),
            }
        }
    }

    /// All tables in body order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// A recoverable problem a reader met (e.g. an unknown font encoding).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadWarning {
    /// Stable dotted code, e.g. `pdf.font_encoding`.
    pub code: &'static str,
    pub message: String,
    pub at: Provenance,
}

/// One block of the body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading: from a heading style or outline level (DOCX), from size and
    /// weight (PDF), or never (text exports, which carry no typography).
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Heading {
    /// 0 for a document title, 1.. for heading levels.
    pub level: u8,
    pub text: String,
    pub at: Provenance,
    /// Page furniture (a running head, a page number), flagged once after
    /// reading (`recognise::furniture`): printed by the page, not the author.
    pub furniture: bool,
}

/// A paragraph of text: in the body or inside a table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The paragraph's text with soft line breaks as `\n`, tabs as `\t`.
    pub text: String,
    pub style: Style,
    /// `Some(level)` (0-based nesting) when the paragraph is a list item
    /// (a numbered or bulleted paragraph, an HTML `<li>`, a bullet glyph line).
    pub list: Option<u8>,
    pub at: Provenance,
    /// Page furniture (a running head or foot, a page number), flagged once
    /// after reading (`recognise::furniture`). Interpreters skip it.
    pub furniture: bool,
}

impl Paragraph {
    /// See [`Document::shrink_to_fit`].
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
    }

    pub fn new(text: impl Into<String>, at: Provenance) -> Self {
        Paragraph {
            text: text.into(),
            at,
            ..Default::default()
        }
    }
}

/// Typography where the format knows it. All fields optional: a text export
/// knows none of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Style {
    /// True when every visible run is bold.
    pub bold: bool,
    /// Dominant font size in points.
    pub size: Option<f32>,
    /// Dominant font name. Shared, not owned: a document names a handful
    /// of fonts and styles, and a string of its own per paragraph cost a
    /// long table two allocations a cell.
    pub font: Option<Arc<str>>,
    /// Named paragraph style (DOCX `w:pStyle` resolved to its name).
    pub name: Option<Arc<str>>,
    /// Byte length (on a char boundary) of the paragraph's opening text that is
    /// printed bold, when the paragraph opens with a bold run but is not bold
    /// throughout: a label such as "Lead:" or "AFI 3:" set in bold before
    /// plain text. 0 when the paragraph does not open bold or is bold
    /// throughout (then `bold` says so).
    pub bold_prefix: usize,
}

/// A colour, as 8-bit sRGB channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// Parse `RRGGBB` hex (as DOCX `w:fill` and spreadsheet styles print it).
    /// "auto" and anything malformed give `None`.
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let s = s.trim().trim_start_matches('#');
        if s.len() != 6 || !s.is_ascii() {
            return None;
        }
        let ch = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).ok();
        Some(Rgb::new(ch(0)?, ch(2)?, ch(4)?))
    }

    /// White or near-white: a page-coloured fill that carries no meaning.
    pub fn is_whiteish(self) -> bool {
        self.r >= 0xF0 && self.g >= 0xF0 && self.b >= 0xF0
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, Cell, Document, Format, Paragraph, Provenance, Rgb, Row, Table};

    #[test]
    fn shrinking_leaves_no_spare_room_and_changes_nothing() {
        let mut text = String::with_capacity(64);
        text.push_str("Audit");
        let mut cells = Vec::with_capacity(8);
        for c in 0..5 {
            let mut paragraphs = Vec::with_capacity(4);
            paragraphs.push(Paragraph::new(text.clone(), Provenance::line(c + 1)));
            paragraphs[0].text.reserve(100);
            cells.push(Cell::new(c as usize, paragraphs));
        }
        let mut doc = Document::new(Format::Text);
        doc.blocks
            .push(Block::Paragraph(Paragraph::new(text, Provenance::line(1))));
        doc.blocks.push(Block::Table(Table {
            rows: vec![Row {
                cells,
                ..Default::default()
            }],
            columns: 5,
            ..Default::default()
        }));
        let before = doc.blocks.clone();
        doc.shrink_to_fit();
        assert_eq!(doc.blocks, before);
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!("a paragraph")
        };
        assert_eq!(p.text.capacity(), p.text.len());
        let row = &doc.tables().next().expect("a table").rows[0];
        assert_eq!(row.cells.capacity(), 5);
        for c in &row.cells {
            assert_eq!(c.paragraphs.capacity(), 1);
            assert_eq!(c.paragraphs[0].text.capacity(), "Audit".len());
        }
    }

    #[test]
    fn hex_fills_parse_and_auto_is_none() {
        assert_eq!(Rgb::from_hex("C00000"), Some(Rgb::new(0xC0, 0, 0)));
        assert_eq!(Rgb::from_hex("#00b050"), Some(Rgb::new(0, 0xB0, 0x50)));
        assert_eq!(Rgb::from_hex("auto"), None);
        assert_eq!(Rgb::from_hex("12345"), None);
        assert_eq!(Rgb::from_hex("ééé"), None);
        assert!(Rgb::new(0xFF, 0xFF, 0xFF).is_whiteish());
        assert!(!Rgb::new(0xFF, 0xC0, 0x00).is_whiteish());
    }
}
