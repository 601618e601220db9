//! PDF reader: positioned text and ruled tables into the document model.
//!
//! Layers, one module each:
//! - `font` (with `cmap`): font dictionaries into code → text and width
//!   tables (simple fonts with their encodings and Differences, the
//!   standard 14 without Widths from their AFM metrics in `std14`, Type0/CID with W arrays, ToUnicode CMaps);
//! - `interp`: content streams into glyphs and ruling segments (q/Q, cm,
//!   Form XObjects, the text state and every path-painting operator), the
//!   page turned upright when its text runs sideways;
//! - `text`: glyphs into words, lines and paragraphs (documented
//!   tolerances, superscripts joined, hyphens kept, a word broken at a
//!   narrow cell's edge with no hyphen joined back);
//! - `grid`: ruling segments into cell grids with row and column spans;
//!   `aligned`: borderless tables of many rows (columns from the gaps the
//!   lines of a region share, rows where cells start, cells spanning rows
//!   where a paragraph runs on; also the unruled body under a ruled or
//!   shaded header); `stream`: small borderless tables (signature blocks);
//! - `layout`: one page into tables and body blocks, running headers and
//!   footers removed, headings from size, two-column reading order;
//! - `join`: tables continued across pages joined into one (repeated
//!   header dropped, a row cut by the break joined back: no closing rule,
//!   or every cell's last line wrapping into the next page).
//!
//! Why pure Rust over lopdf: no C library may be linked (poppler, pdfium),
//! and the file must never take the process down; everything here reads
//! through checked accessors, and a lopdf panic is caught at this boundary.

mod aligned;
mod carry;
mod cmap;
mod fills;
mod font;
mod geom;
mod grid;
mod interp;
mod join;
mod layout;
mod settings;
mod std14;
mod stream;
mod text;

use lopdf::Object;

use crate::model::{Document, Format};

use super::Limits;

pub use geom::{Fill, Glyph, Seg};
pub use interp::PageContent;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("malformed PDF: {0}")]
    Malformed(String),
    #[error("encrypted with a user password")]
    Encrypted,
    #[error("no text layer (scanned or image-only)")]
    NoText,
    #[error("over a reader limit: {0}")]
    Limit(String),
}

impl PdfError {
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::Malformed(_) => "pdf.malformed",
            PdfError::Encrypted => "pdf.encrypted",
            PdfError::NoText => "pdf.no_text",
            PdfError::Limit(_) => "pdf.limit",
        }
    }
}

/// Run `f`, turning a panic inside lopdf (or here) into `pdf.malformed`, so
/// one bad file can never end a batch; a spent work budget still ends the
/// file as too slow or cancelled (see [`crate::work::isolate`]).
fn guarded<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    crate::work::isolate(f).unwrap_or_else(|_| {
        Err(PdfError::Malformed(
            "the PDF parser gave up on this file".into(),
        ))
    })
}

/// Load with lopdf: lenient parsing (which rebuilds a damaged xref by
/// scanning for objects), an empty user password tried automatically, and
/// the stream-size limit applied to object streams.
fn load(bytes: &[u8], limits: &Limits) -> Result<lopdf::Document, PdfError> {
    let opts = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes.min(usize::MAX as u64) as usize),
        ..Default::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(bytes, opts) {
        Ok(d) => d,
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => {
            return Err(PdfError::Encrypted);
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(PdfError::Limit(
                "a stream decodes past the stream-size limit".into(),
            ));
        }
        Err(e) => return Err(PdfError::Malformed(e.to_string())),
    };
    // lopdf opens a file whose user password is empty; one it could not
    // open keeps its /Encrypt entry and no decryption state.
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

/// Every page interpreted, in order, within the page and operator limits.
fn pages(
    doc: &lopdf::Document,
    limits: &Limits,
) -> Result<(Vec<PageContent>, interp::FontCache), PdfError> {
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(PdfError::Malformed("no pages".into()));
    }
    if ids.len() as u64 > u64::from(limits.max_pages) {
        return Err(PdfError::Limit(format!(
            "{} pages, over the {}-page limit",
            ids.len(),
            limits.max_pages
        )));
    }
    let mut fonts = interp::FontCache::default();
    let mut budget = limits.max_operators;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.values() {
        out.push(page(doc, *id, limits, &mut fonts, &mut budget)?);
    }
    Ok((out, fonts))
}

fn page(
    doc: &lopdf::Document,
    id: lopdf::ObjectId,
    limits: &Limits,
    fonts: &mut interp::FontCache,
    budget: &mut u64,
) -> Result<PageContent, PdfError> {
    let Ok(dict) = doc.get_object(id).and_then(Object::as_dict) else {
        return Ok(PageContent::default());
    };
    let (w, h, base) = interp::page_frame(dict, doc);
    let content = match doc
        .get_page_content_with_limit(id, limits.max_stream_bytes.min(usize::MAX as u64) as usize)
    {
        Ok(c) => c,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(PdfError::Limit(
                "a page's content decodes past the stream-size limit".into(),
            ));
        }
        Err(_) => Vec::new(),
    };
    let res = interp::page_resources(dict, doc);
    let mut it = interp::Interp::new(doc, limits, fonts, budget, w, h, base);
    it.run(&content, res)?;
    Ok(it.finish())
}

/// The document information dictionary's `/Title`, when set and not blank.
fn info_title(doc: &lopdf::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    let t = info.get_deref(b"Title", doc).ok()?;
    let s = lopdf::decode_text_string(t).ok()?;
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty() && !is_file_name(&s) && !is_placeholder(&s)).then_some(s)
}

/// Is a `/Title` a producer's mark for "none given": wholly bracketed, as
/// in "(anonymous)", "[untitled]", "<no title>" (ReportLab writes the first
/// when a script sets no title)? A real title is not set in brackets.
fn is_placeholder(title: &str) -> bool {
    let t = title.trim();
    [('(', ')'), ('[', ']'), ('<', '>')]
        .iter()
        .any(|(open, close)| {
            t.starts_with(*open) && t.ends_with(*close) && t[1..t.len() - 1].find(*close).is_none()
        })
}

/// Document file types whose names producers leave in `/Title` (Chromium
/// puts the HTML file's name there, Word's PDF printer "Microsoft Word -
/// plan.docx").
const FILE_TYPES: &[&str] = &[
    ".html", ".htm", ".docx", ".doc", ".pdf", ".txt", ".odt", ".rtf", ".xlsx", ".xls",
];

/// Is a `/Title` only a file name: ending in a document file type, or one
/// word with a dot-extension ("plan_v3.final")? Such a title names the
/// file, not the document.
fn is_file_name(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    if FILE_TYPES.iter().any(|ext| lower.ends_with(ext)) {
        return true;
    }
    if lower.contains(char::is_whitespace) {
        return false;
    }
    match lower.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// Interpret a PDF into pages of glyphs and segments (the layout layer's
/// input), for tools and tests that want the raw geometry.
pub fn read_pages(bytes: &[u8], limits: &Limits) -> Result<Vec<PageContent>, PdfError> {
    guarded(|| {
        let doc = load(bytes, limits)?;
        Ok(pages(&doc, limits)?.0)
    })
}

/// Read a PDF into the document model.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    guarded(|| {
        let doc = load(bytes, limits)?;
        let (pages, fonts) = pages(&doc, limits)?;
        if pages
            .iter()
            .all(|p| p.glyphs.iter().all(|g| g.c.is_whitespace()))
        {
            return Err(PdfError::NoText);
        }
        let mut out = Document::new(Format::Pdf);
        out.pages = Some(pages.len() as u32);
        out.title = info_title(&doc);
        for (i, p) in pages.iter().enumerate() {
            if p.unmapped > 0 {
                out.warnings.push(crate::model::ReadWarning {
                    code: "pdf.unmapped_glyphs",
                    message: format!("{} glyphs with no Unicode mapping (text lost)", p.unmapped),
                    at: crate::model::Provenance::page(i as u32 + 1),
                });
            }
        }
        out.blocks = layout::document_blocks(&pages, &fonts);
        Ok(out)
    })
}

/// The tables on one page as grids of cell strings: a spanning cell's text in
/// its top-left position, `None` in the positions it covers.
pub fn page_tables(
    bytes: &[u8],
    page: u32,
    limits: &Limits,
) -> Result<Vec<Vec<Vec<Option<String>>>>, PdfError> {
    guarded(|| {
        let doc = load(bytes, limits)?;
        let ids = doc.get_pages();
        let Some(id) = ids.get(&page) else {
            return Err(PdfError::Malformed(format!(
                "no page {page} (the file has {})",
                ids.len()
            )));
        };
        let mut fonts = interp::FontCache::default();
        let mut budget = limits.max_operators;
        let content = self::page(&doc, *id, limits, &mut fonts, &mut budget)?;
        Ok(layout::page_tables(&content, &fonts)
            .iter()
            .map(layout::grid_strings)
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::{is_file_name, is_placeholder};

    #[test]
    fn file_names_are_not_titles() {
        for name in [
            "plan.html",
            "Microsoft Word - Joint Plan v2.docx",
            "tracker.XLSX",
            "p1_draft.final",
            "scan0042.tif",
            "Action plan (final).pdf",
        ] {
            assert!(is_file_name(name), "{name}");
        }
        for title in [
            "Youth Justice Improvement Plan 2025/26",
            "Plan v2.1 agreed",
            "Version 1.2",
            "Q2 2025.26",
            "Safeguarding",
        ] {
            assert!(!is_file_name(title), "{title}");
        }
    }

    #[test]
    fn bracketed_titles_are_placeholders() {
        for t in ["(anonymous)", "[Untitled]", "<no title>", " (none) "] {
            assert!(is_placeholder(t), "{t}");
        }
        for t in [
            "Action plan (final)",
            "(Draft) Neglect audit plan",
            "(A) and (B) priorities",
            "Plan",
        ] {
            assert!(!is_placeholder(t), "{t}");
        }
    }
}
