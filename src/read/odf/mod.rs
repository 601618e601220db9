//! OpenDocument reader: `.odt` text and `.ods` spreadsheets (LibreOffice,
//! OpenOffice, Google Docs exports) into the document model.
//!
//! Why one reader for both: an ODF package is a zip whose `content.xml`
//! holds the body, and a spreadsheet's sheets are `table:table` elements of
//! exactly the kind a text document's tables are (covered cells, column and
//! row spans, repeated rows and columns, cell styles with a background). The
//! zip and XML layers are the DOCX reader's: the same inflation budget and
//! depth limits, the same refusal of DTDs.
//!
//! What is kept: headings (`text:h` and its outline level; a paragraph styled
//! Title is the title), paragraphs and lists (nesting depth), tables with
//! spans, header rows and cell fills, text boxes after their anchor
//! paragraph, tracked insertions (accepted: the changes are taken as made).
//! Not kept: tracked deletions (they live in `text:tracked-changes`, which is
//! skipped), annotations, notes, and headers and footers (in `styles.xml`).
//!
//! Errors (stable codes): `odf.not_zip`, `odf.missing_part` (no
//! `content.xml`), `odf.encrypted` (a password-protected package),
//! `odf.too_large`, `xml.malformed`, `xml.too_deep`.

mod body;
mod styles;

use crate::model::{Document, Format};

use super::Limits;
use super::docx::DocxError;
use super::docx::package::Package;
use super::docx::xml::Element;

#[derive(Debug, thiserror::Error)]
pub enum OdfError {
    #[error("not a readable zip archive: {0}")]
    NotZip(String),
    #[error("missing part {0}")]
    MissingPart(String),
    #[error("a password-protected OpenDocument file")]
    Encrypted,
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("malformed XML in {0}")]
    Malformed(String),
    #[error("XML nested too deeply in {0}")]
    TooDeep(String),
}

impl OdfError {
    pub fn code(&self) -> &'static str {
        match self {
            OdfError::NotZip(_) => "odf.not_zip",
            OdfError::MissingPart(_) => "odf.missing_part",
            OdfError::Encrypted => "odf.encrypted",
            OdfError::TooLarge(_) => "odf.too_large",
            OdfError::Malformed(_) => "xml.malformed",
            OdfError::TooDeep(_) => "xml.too_deep",
        }
    }
}

impl From<DocxError> for OdfError {
    fn from(e: DocxError) -> Self {
        match e {
            DocxError::NotZip(m) => OdfError::NotZip(m),
            DocxError::MissingPart(m) => OdfError::MissingPart(m),
            DocxError::Encrypted => OdfError::Encrypted,
            DocxError::TooLarge(m) => OdfError::TooLarge(m),
            DocxError::Malformed(m) => OdfError::Malformed(m),
            DocxError::TooDeep(m) => OdfError::TooDeep(m),
        }
    }
}

/// Read an `.odt` or `.ods` package. `format` is what the sniffer saw; the
/// body decides what is read (a text document's or a spreadsheet's).
pub fn read(bytes: &[u8], limits: &Limits, format: Format) -> Result<Document, OdfError> {
    let mut pkg = Package::open(bytes, limits)?;
    if is_encrypted(&mut pkg) {
        return Err(OdfError::Encrypted);
    }
    let content = pkg
        .read_xml("content.xml")?
        .ok_or_else(|| OdfError::MissingPart("content.xml".into()))?;
    // Named styles live in styles.xml; a broken one only loses inheritance.
    let named = pkg.read_xml("styles.xml").ok().flatten();
    let styles = styles::Styles::parse(named.as_ref(), &content);
    let office_body = child(&content, "body")
        .ok_or_else(|| OdfError::Malformed("content.xml: no office:body".into()))?;
    let mut walker = body::Walker::new(&styles);
    let mut doc = Document::new(format);
    for part in office_body.elements() {
        match &*part.name {
            "text" | "spreadsheet" => walker.container(part),
            _ => {}
        }
    }
    if let Some(why) = walker.too_large.take() {
        return Err(OdfError::TooLarge(why));
    }
    doc.blocks = super::blocks::into_blocks(walker.items);
    doc.title = super::blocks::title_of(&doc.blocks);
    Ok(doc)
}

/// The manifest marks encrypted entries with `manifest:encryption-data`.
fn is_encrypted(pkg: &mut Package<'_>) -> bool {
    let Ok(Some(manifest)) = pkg.read_xml("META-INF/manifest.xml") else {
        return false;
    };
    manifest.elements().any(|entry| {
        entry.attr("full-path") == Some("content.xml")
            && entry.elements().any(|e| &*e.name == "encryption-data")
    })
}

/// The first child element with local name `name`.
fn child<'e>(e: &'e Element, name: &str) -> Option<&'e Element> {
    e.elements().find(|c| &*c.name == name)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Block;
    use std::io::Write;

    pub const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0""#;

    /// An ODF package with `mimetype` and `content.xml` holding `body`
    /// (inside `office:body`) and `auto` (automatic styles).
    pub fn package(mime: &str, auto: &str, body: &str) -> Vec<u8> {
        let content = format!(
            "<?xml version=\"1.0\"?><office:document-content {NS}>\
             <office:automatic-styles>{auto}</office:automatic-styles>\
             <office:body>{body}</office:body></office:document-content>"
        );
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            z.start_file("mimetype", stored).unwrap();
            z.write_all(mime.as_bytes()).unwrap();
            z.start_file("content.xml", stored).unwrap();
            z.write_all(content.as_bytes()).unwrap();
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn odt(auto: &str, text: &str) -> Document {
        let bytes = package(
            "application/vnd.oasis.opendocument.text",
            auto,
            &format!("<office:text>{text}</office:text>"),
        );
        read(&bytes, &Limits::default(), Format::Odt).unwrap()
    }

    #[test]
    fn headings_paragraphs_lists_and_changes() {
        let doc = odt(
            r#"<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>"#,
            r#"<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes>
            <text:h text:outline-level="2">1. Leadership</text:h>
            <text:p><text:span text:style-name="B">Lead:</text:span> A<text:s text:c="2"/>B<text:tab/>C<office:annotation><text:p>note</text:p></office:annotation><text:change text:change-id="x"/></text:p>
            <text:list><text:list-item><text:p>one</text:p><text:list><text:list-item><text:p>two</text:p></text:list-item></text:list></text:list-item></text:list>"#,
        );
        assert!(
            matches!(&doc.blocks[0], Block::Heading(h) if h.level == 2 && h.text == "1. Leadership")
        );
        let Block::Paragraph(p) = &doc.blocks[1] else {
            panic!("{:?}", doc.blocks[1])
        };
        assert_eq!(p.text, "Lead: A  B\tC");
        assert_eq!(&p.text[..p.style.bold_prefix], "Lead:");
        let lists: Vec<_> = doc.blocks[2..]
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => (p.text.as_str(), p.list),
                _ => panic!(),
            })
            .collect();
        assert_eq!(lists, vec![("one", Some(0)), ("two", Some(1))]);
        assert!(!format!("{:?}", doc.blocks).contains("gone"));
        assert!(!format!("{:?}", doc.blocks).contains("note"));
    }

    /// List styles number their items as LibreOffice shows them: ODF's
    /// prefix, shown levels and suffix, or LibreOffice's own template; a
    /// new list restarts, one that says it continues counts on.
    #[test]
    fn list_items_carry_their_numbers() {
        let doc = odt(
            r#"<text:list-style style:name="Rec"><text:list-level-style-number text:level="1" style:num-prefix="Rec " style:num-suffix=":" style:num-format="1"/><text:list-level-style-number text:level="2" text:display-levels="2" style:num-format="a"/></text:list-style>
               <text:list-style style:name="Lo"><text:list-level-style-number text:level="1" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" loext:num-list-format="(%1%)" style:num-format="I" text:start-value="3"/></text:list-style>
               <text:list-style style:name="Dot"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>"#,
            r#"<text:list text:style-name="Rec"><text:list-item><text:p>Ferries</text:p><text:p>more about ferries</text:p><text:list><text:list-item><text:p>Timetables</text:p></text:list-item><text:list-item><text:p>Fares</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>Harbours</text:p></text:list-item></text:list>
               <text:p>between</text:p>
               <text:list text:style-name="Rec" text:continue-numbering="true"><text:list-item><text:p>Piers</text:p></text:list-item></text:list>
               <text:list text:style-name="Rec"><text:list-item><text:p>Again</text:p></text:list-item></text:list>
               <text:list text:style-name="Lo"><text:list-item><text:p>Roman</text:p></text:list-item></text:list>
               <text:list text:style-name="Dot"><text:list-item><text:p>Bullet</text:p></text:list-item></text:list>"#,
        );
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.as_str(),
                _ => panic!(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Rec 1: Ferries",
                "more about ferries",
                "1.a Timetables",
                "1.b Fares",
                "Rec 2: Harbours",
                "between",
                "Rec 3: Piers",
                "Rec 1: Again",
                "(III) Roman",
                "Bullet"
            ]
        );
    }

    #[test]
    fn tables_keep_spans_covered_cells_header_rows_and_fills() {
        let doc = odt(
            r##"<style:style style:name="Red" style:family="table-cell"><style:table-cell-properties fo:background-color="#ff0000"/></style:style>
               <style:style style:name="White" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffffff"/></style:style>"##,
            r#"<table:table><table:table-column table:number-columns-repeated="3"/>
            <table:table-header-rows><table:table-row><table:table-cell><text:p>Ref</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>Action</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table-header-rows>
            <table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>1</text:p></table:table-cell><table:table-cell table:style-name="Red"><text:p>a</text:p></table:table-cell><table:table-cell table:style-name="White"><text:p>b</text:p></table:table-cell></table:table-row>
            <table:table-row><table:covered-table-cell/><table:table-cell><text:p>c</text:p></table:table-cell><table:table-cell/></table:table-row>
            </table:table>"#,
        );
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(t.columns, 3);
        assert!(t.rows[0].header && !t.rows[1].header);
        assert_eq!(t.rows[0].cells[1].col_span, 2);
        assert_eq!(t.rows[1].cells[0].row_span, 2);
        assert_eq!(
            t.rows[1].cells[1].fill,
            Some(crate::model::Rgb::new(255, 0, 0))
        );
        assert_eq!(t.rows[1].cells[2].fill, None);
        assert_eq!(t.rows[2].cells[0].col, 1);
        assert_eq!(t.rows[2].cells[0].text(), "c");
    }

    #[test]
    fn a_cell_after_a_spanning_cell_and_its_covered_cell_keeps_its_column() {
        // The covered cell stands for the span's second column: "Due" is in
        // column 3, with or without it.
        for covered in ["<table:covered-table-cell/>", ""] {
            let doc = odt(
                "",
                &format!(
                    r#"<table:table><table:table-row><table:table-cell><text:p>Ref</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>Action</text:p></table:table-cell>{covered}<table:table-cell><text:p>Due</text:p></table:table-cell></table:table-row>
                    <table:table-row><table:table-cell/><table:table-cell/><table:table-cell/><table:table-cell><text:p>May</text:p></table:table-cell></table:table-row></table:table>"#
                ),
            );
            let Block::Table(t) = &doc.blocks[0] else {
                panic!()
            };
            assert_eq!(t.columns, 4);
            assert_eq!(t.rows[0].cells[2].col, 3, "{covered:?}");
            assert_eq!(t.rows[0].cells[2].text(), "Due");
        }
    }

    #[test]
    fn spreadsheet_repeats_are_bounded_and_trailing_blanks_trimmed() {
        let bytes = package(
            "application/vnd.oasis.opendocument.spreadsheet",
            "",
            r#"<office:spreadsheet><table:table table:name="Tracker">
            <table:table-row><table:table-cell office:value-type="string"><text:p>Ref</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16381"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            </table:table></office:spreadsheet>"#,
        );
        let doc = read(&bytes, &Limits::default(), Format::Ods).unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.columns, 3);
        assert_eq!(t.rows[0].cells[2].text(), "x");
    }

    #[test]
    fn broken_packages_get_codes() {
        let no_content = {
            let mut buf = std::io::Cursor::new(Vec::new());
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("mimetype", zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(b"application/vnd.oasis.opendocument.text")
                .unwrap();
            z.finish().unwrap();
            buf.into_inner()
        };
        let e = read(&no_content, &Limits::default(), Format::Odt).unwrap_err();
        assert_eq!(e.code(), "odf.missing_part");
        let bad = package(
            "application/vnd.oasis.opendocument.text",
            "",
            "<office:text><text:p>",
        );
        let e = read(&bad, &Limits::default(), Format::Odt).unwrap_err();
        assert_eq!(e.code(), "xml.malformed");
    }
}
