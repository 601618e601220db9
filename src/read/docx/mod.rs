//! DOCX reader: WordprocessingML into the document model.
//!
//! Why our own reader rather than docx-rs (the evidence is in Cargo.toml): the
//! parts needed are three (document, styles, numbering), and what an action
//! plan depends on (grid spans, vertical merges, repeating header rows) is
//! exactly what docx-rs hides or skips, while its zip and XML handling can
//! panic or abort on damaged or hostile files. docx-rs stays as a test oracle.
//!
//! The reader: `package` opens the zip and inflates parts under the
//! [`Limits`] budget; `xml` builds a depth-limited tree; `styles` and
//! `numbering` resolve what paragraphs inherit; `body` walks the body into
//! blocks; `grid` rebuilds each table's spans.
//!
//! Errors (stable codes): `docx.not_zip` (not a readable zip, or a damaged
//! part), `docx.missing_part` (no main document), `docx.encrypted` (an OLE
//! container or an encrypted zip entry), `docx.too_large` (over the
//! decompression budget or ratio, too many elements, a table grid too big),
//! `xml.malformed` (including any DTD), `xml.too_deep`. Warnings:
//! `docx.styles_unreadable`, `docx.numbering_unreadable`,
//! `docx.core_unreadable` (the part is ignored), `docx.alt_chunk`.

mod body;
pub(crate) mod grid;
mod numbering;
pub(crate) mod package;
pub(crate) mod styles;
pub(crate) mod xml;

use crate::model::{Block, Document, Format, Provenance, ReadWarning};

use super::Limits;
use package::Package;

/// Errors of the DOCX reader, each with a stable code.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a zip archive: {0}")]
    NotZip(String),
    #[error("missing part {0}")]
    MissingPart(String),
    #[error("password-protected or legacy binary Word file (OLE container)")]
    Encrypted,
    /// Over the decompression budget: a zip bomb, or simply too big.
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("malformed XML in {0}")]
    Malformed(String),
    #[error("XML nested too deeply in {0}")]
    TooDeep(String),
}

impl DocxError {
    pub fn code(&self) -> &'static str {
        match self {
            DocxError::NotZip(_) => "docx.not_zip",
            DocxError::MissingPart(_) => "docx.missing_part",
            DocxError::Encrypted => "docx.encrypted",
            DocxError::TooLarge(_) => "docx.too_large",
            DocxError::Malformed(_) => "xml.malformed",
            DocxError::TooDeep(_) => "xml.too_deep",
        }
    }
}

const DEFAULT_DOCUMENT: &str = "word/document.xml";

/// Subtrees of the main part the reader never looks at (table and section
/// formatting); left unbuilt for speed.
const DOCUMENT_SKIP: &[&str] = &["tblPr", "tblGrid", "sectPr", "tblPrEx", "pBdr", "tcBorders"];

/// Subtrees of the styles part the reader never looks at: table styles'
/// conditional formatting and cell/row/table properties, latent style lists.
const STYLES_SKIP: &[&str] = &[
    "tblStylePr",
    "tblPr",
    "trPr",
    "tcPr",
    "latentStyles",
    "pBdr",
    "tabs",
];

/// Read a DOCX file into the document model.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, DocxError> {
    let mut pkg = Package::open(bytes, limits)?;
    let mut warnings = Vec::new();

    // The main part is wherever the package relationship says; most files
    // use the conventional path, which is also the fallback.
    let main = pkg
        .relationships("")
        .into_iter()
        .find(|(ty, _)| ty.ends_with(package::REL_OFFICE_DOCUMENT))
        .map(|(_, target)| target)
        .unwrap_or_else(|| DEFAULT_DOCUMENT.to_string());
    let mut root = match pkg.read_xml_skipping(&main, DOCUMENT_SKIP)? {
        Some(root) => root,
        None if main != DEFAULT_DOCUMENT => pkg
            .read_xml_skipping(DEFAULT_DOCUMENT, DOCUMENT_SKIP)?
            .ok_or_else(|| DocxError::MissingPart(main.clone()))?,
        None => return Err(DocxError::MissingPart(main)),
    };
    let body = root
        .take_child_w("body")
        .ok_or_else(|| DocxError::Malformed(format!("{main}: no w:body element")))?;

    let rels = pkg.relationships(&main);
    let part_for = |suffix: &str, default: &str| {
        rels.iter()
            .find(|(ty, _)| ty.ends_with(suffix))
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| default.to_string())
    };
    let styles = match optional_part(
        &mut pkg,
        &part_for(package::REL_STYLES, "word/styles.xml"),
        STYLES_SKIP,
        &mut warnings,
        "docx.styles_unreadable",
    )? {
        Some(root) => styles::Styles::parse(&root),
        None => styles::Styles::default(),
    };
    let numbering = match optional_part(
        &mut pkg,
        &part_for(package::REL_NUMBERING, "word/numbering.xml"),
        &["pPr", "rPr"],
        &mut warnings,
        "docx.numbering_unreadable",
    )? {
        Some(root) => numbering::parse(&root),
        None => numbering::Numbering::default(),
    };

    let rendered_pages = body::contains_w(&body, "lastRenderedPageBreak");
    let mut walker = body::Walker::new(&styles, &numbering, rendered_pages);
    let blocks = walker.body(body);
    if let Some(why) = walker.too_large.take() {
        return Err(DocxError::TooLarge(why));
    }
    warnings.append(&mut walker.warnings);

    let mut doc = Document::new(Format::Docx);
    doc.title = blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 0 => Some(h.text.clone()),
        _ => None,
    });
    if doc.title.is_none() {
        doc.title = core_title(&mut pkg, &mut warnings)?;
    }
    doc.blocks = blocks;
    doc.warnings = warnings;
    Ok(doc)
}

/// An optional part: absent is fine; unparseable is a warning (the body can
/// still be read without it); over the size budget is still an error, since a
/// bomb in any part is a bomb.
fn optional_part(
    pkg: &mut Package<'_>,
    path: &str,
    skip: &[&str],
    warnings: &mut Vec<ReadWarning>,
    code: &'static str,
) -> Result<Option<xml::Element>, DocxError> {
    match pkg.read_xml_skipping(path, skip) {
        Ok(root) => Ok(root),
        Err(e @ (DocxError::TooLarge(_) | DocxError::Encrypted)) => Err(e),
        Err(e) => {
            warnings.push(ReadWarning {
                code,
                message: format!("{path} ignored: {e}"),
                at: Provenance::default(),
            });
            Ok(None)
        }
    }
}

/// `dc:title` from the core properties, where set.
fn core_title(
    pkg: &mut Package<'_>,
    warnings: &mut Vec<ReadWarning>,
) -> Result<Option<String>, DocxError> {
    let path = pkg
        .relationships("")
        .into_iter()
        .find(|(ty, _)| ty.ends_with("/core-properties"))
        .map(|(_, t)| t)
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    let Some(root) = optional_part(pkg, &path, &[], warnings, "docx.core_unreadable")? else {
        return Ok(None);
    };
    Ok(root
        .elements()
        .find(|e| &*e.name == "title")
        .map(|e| e.text().trim().to_string())
        .filter(|t| !t.is_empty()))
}
