//! The DOCX reader on small DOCX files built here, one WordprocessingML
//! feature at a time: spans, header rows, superscripts, lists, headings,
//! text boxes, fields, what stays out of the body, and every error code.

use std::io::Write;

use docket::model::{Block, Document, Paragraph, Rgb, Slot, Table};
use docket::read::{Limits, read};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>"#;

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Sup"><w:name w:val="Ordinal"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"#
    )
}

fn numbering() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#
    )
}

fn other_part(root: &str, text: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W_NS}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{root}>"#
    )
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" mc:Ignorable="wps"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A zip of `(name, bytes)` parts, deflated.
fn zip_parts(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            z.start_file(*name, opts).expect("start");
            z.write_all(bytes).expect("write");
        }
        z.finish().expect("finish");
    }
    buf.into_inner()
}

/// A whole DOCX around `body` (the inside of `w:body`), with styles,
/// numbering, a footnote, a comment and a header whose text must stay out.
fn docx(body: &str) -> Vec<u8> {
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("word/_rels/document.xml.rels", DOC_RELS.into()),
        ("word/document.xml", document(body).into_bytes()),
        ("word/styles.xml", styles().into_bytes()),
        ("word/numbering.xml", numbering().into_bytes()),
        (
            "word/footnotes.xml",
            other_part("footnotes", "FOOTNOTE TEXT").into_bytes(),
        ),
        (
            "word/comments.xml",
            other_part("comments", "COMMENT TEXT").into_bytes(),
        ),
        (
            "word/header1.xml",
            other_part("hdr", "HEADER TEXT").into_bytes(),
        ),
    ])
}

fn read_docx(bytes: &[u8]) -> Document {
    read(bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", e.code()))
}

fn read_body(body: &str) -> Document {
    read_docx(&docx(body))
}

fn err_code(bytes: &[u8], limits: &Limits) -> &'static str {
    match read(bytes, limits) {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn paragraphs(doc: &Document) -> Vec<&Paragraph> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn only_table(doc: &Document) -> &Table {
    let mut it = doc.tables();
    let t = it.next().expect("a table");
    assert!(it.next().is_none(), "one table");
    t
}

/// A `w:tc` with optional `w:tcPr` content and one paragraph of text.
fn tc(pr: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(text))
}

fn tr(pr: &str, cells: &[String]) -> String {
    format!("<w:tr><w:trPr>{pr}</w:trPr>{}</w:tr>", cells.concat())
}

fn tbl(cols: usize, rows: &[String]) -> String {
    let grid: String = (0..cols).map(|_| r#"<w:gridCol w:w="1000"/>"#).collect();
    format!(
        "<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

const RESTART: &str = r#"<w:vMerge w:val="restart"/>"#;
const CONTINUE: &str = r#"<w:vMerge w:val="continue"/>"#;
const BARE: &str = "<w:vMerge/>";

#[test]
fn spans_from_grid_before_after_gridspan_and_vmerge() {
    let body = tbl(
        4,
        &[
            tr(
                "<w:tblHeader/>",
                &[
                    tc("", "Ref"),
                    tc("", "Finding"),
                    tc("", "Action"),
                    tc("", "Lead"),
                ],
            ),
            tr("", &[tc(r#"<w:gridSpan w:val="4"/>"#, "Section")]),
            tr(
                "",
                &[
                    tc(RESTART, "1"),
                    tc(RESTART, "Finding one"),
                    tc("", "1.1 do"),
                    tc(RESTART, "Lead A"),
                ],
            ),
            tr(
                "",
                &[
                    tc(CONTINUE, ""),
                    tc(BARE, ""),
                    tc("", "1.2 do"),
                    tc(BARE, ""),
                ],
            ),
            tr(
                "",
                &[
                    tc(BARE, ""),
                    tc(BARE, ""),
                    tc("", "1.3 do"),
                    tc("", "Lead B"),
                ],
            ),
            tr(
                r#"<w:gridBefore w:val="2"/><w:gridAfter w:val="1"/>"#,
                &[tc("", "offset")],
            ),
        ],
    );
    let doc = read_body(&body);
    let t = only_table(&doc);
    assert_eq!(t.columns, 4);
    assert_eq!(t.rows.len(), 6);
    // Section row: one cell across the grid.
    assert_eq!(t.rows[1].cells.len(), 1);
    assert_eq!(t.rows[1].cells[0].col_span, 4);
    // Finding cells span three rows, the lead two; continuation cells are not stored.
    let r2 = &t.rows[2];
    assert_eq!((r2.cells[0].row_span, r2.cells[1].row_span), (3, 3));
    assert_eq!(r2.cells[3].row_span, 2);
    assert_eq!(t.rows[3].cells.len(), 1);
    assert_eq!(t.rows[3].cells[0].col, 2);
    assert_eq!(t.rows[4].cells.len(), 2);
    assert_eq!(t.rows[4].cells[1].text(), "Lead B");
    // gridBefore puts the cell at column 2.
    assert_eq!(t.rows[5].cells[0].col, 2);
    let g = t.slots();
    assert_eq!(g[4][1], Slot::Covered(2, 1));
    assert_eq!(g[3][3], Slot::Covered(2, 3));
    assert_eq!(g[5][0], Slot::Empty);
    assert_eq!(g[5][3], Slot::Empty);
    assert_eq!(t.cell_at(4, 2).map(|c| c.text()), Some("1.3 do".into()));
}

#[test]
fn header_rows_are_tblheader_rows_from_the_top() {
    let body = tbl(
        2,
        &[
            tr(
                "<w:tblHeader/>",
                &[tc(r#"<w:gridSpan w:val="2"/>"#, "THEME 1")],
            ),
            tr(
                r#"<w:tblHeader w:val="true"/>"#,
                &[tc("", "A"), tc("", "B")],
            ),
            tr("", &[tc("", "a"), tc("", "b")]),
            // Word ignores tblHeader below a body row.
            tr("<w:tblHeader/>", &[tc("", "c"), tc("", "d")]),
        ],
    ) + &tbl(
        1,
        &[
            tr(r#"<w:tblHeader w:val="0"/>"#, &[tc("", "x")]),
            tr("", &[tc("", "y")]),
        ],
    );
    let doc = read_body(&body);
    let tables: Vec<&Table> = doc.tables().collect();
    let flags: Vec<bool> = tables[0].rows.iter().map(|r| r.header).collect();
    assert_eq!(flags, [true, true, false, false]);
    assert!(!tables[1].rows[0].header, "w:val=0 switches tblHeader off");
}

#[test]
fn superscript_ordinals_join_their_number() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">launched on 3</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>rd</w:t></w:r><w:r><w:t xml:space="preserve"> June 2020</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">on 20 </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Sup"/></w:rPr><w:t>th</w:t></w:r><w:r><w:t xml:space="preserve"> April</w:t></w:r></w:p>"#;
    let doc = read_body(body);
    let ps = paragraphs(&doc);
    assert_eq!(ps[0].text, "launched on 3rd June 2020");
    assert_eq!(
        ps[1].text, "on 20 th April",
        "a space the author typed stays"
    );
}

#[test]
fn list_paragraphs_are_list_items() {
    let body = r#"<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>styled bullet</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>deep bullet</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>numbered</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>numbering switched off</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr></w:pPr><w:r><w:t>undefined list</w:t></w:r></w:p>
<w:p><w:r><w:t>plain</w:t></w:r></w:p>"#;
    let doc = read_body(body);
    let lists: Vec<(String, Option<u8>)> = paragraphs(&doc)
        .iter()
        .map(|p| (p.text.clone(), p.list))
        .collect();
    assert_eq!(
        lists,
        [
            ("styled bullet".into(), Some(0)),
            ("deep bullet".into(), Some(2)),
            ("1. numbered".into(), Some(0)),
            ("numbering switched off".into(), None),
            ("undefined list".into(), None),
            ("plain".into(), None),
        ]
    );
    assert_eq!(
        paragraphs(&doc)[0].style.name.as_deref(),
        Some("List Bullet")
    );
}

#[test]
fn automatic_numbers_are_printed_before_the_text() {
    let num = |lvl: u8, t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    // Refs numbered by Word in the first column of a plan.
    let row = |cells: [String; 2]| {
        format!(
            "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
            cells[0], cells[1]
        )
    };
    let body = tbl(
        2,
        &[
            row([num(0, "Finding"), num(1, "Action")]),
            row([p(""), num(1, "Action")]),
            row([num(0, "Finding"), num(1, "Action")]),
        ],
    );
    let doc = read_body(&body);
    let t = only_table(&doc);
    let texts: Vec<String> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.text()))
        .collect();
    assert_eq!(
        texts,
        [
            "1. Finding",
            "1.1 Action",
            "",
            "1.2 Action",
            "2. Finding",
            "2.1 Action"
        ]
    );
}

#[test]
fn list_items_inside_cells_keep_their_flag() {
    let cell = r#"<w:tc><w:p><w:r><w:t>1.4 ensure:</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>first</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>second</w:t></w:r></w:p></w:tc>"#;
    let doc = read_body(&tbl(1, &[format!("<w:tr>{cell}</w:tr>")]));
    let c = &only_table(&doc).rows[0].cells[0];
    let flags: Vec<Option<u8>> = c.paragraphs.iter().map(|p| p.list).collect();
    assert_eq!(flags, [None, Some(0), Some(0)]);
    assert_eq!(c.text(), "1.4 ensure:\nfirst\nsecond");
}

#[test]
fn headings_from_styles_and_outline_levels() {
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>The Plan</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>1. Foreword</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>4.1 Sub</w:t></w:r></w:p>
<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Outlined</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>
<w:p><w:r><w:t>Body</w:t></w:r></w:p>"#;
    let doc = read_body(body);
    let got: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => format!("H{} {}", h.level, h.text),
            Block::Paragraph(p) => format!("P {}", p.text),
            Block::Table(_) => "T".into(),
        })
        .collect();
    assert_eq!(
        got,
        [
            "H0 The Plan",
            "H1 1. Foreword",
            "H2 4.1 Sub",
            "H3 Outlined",
            "P Body"
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("The Plan"));
    // Provenance: paragraph index in the body, no page without rendered breaks.
    if let Block::Heading(h) = &doc.blocks[2] {
        assert_eq!(h.at.index, Some(2));
        assert_eq!(h.at.page, None);
    }
}

#[test]
fn a_heading_style_inside_a_cell_stays_a_cell_paragraph() {
    let cell = r#"<w:tc><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>In cell</w:t></w:r></w:p></w:tc>"#;
    let doc = read_body(&tbl(1, &[format!("<w:tr>{cell}</w:tr>")]));
    assert_eq!(doc.blocks.len(), 1);
    let c = &only_table(&doc).rows[0].cells[0];
    assert_eq!(c.paragraphs[0].style.name.as_deref(), Some("heading 1"));
}

#[test]
fn bold_size_and_font() {
    let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">All </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>bold</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Half </w:t></w:r><w:r><w:t>bold</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:rPr><w:b w:val="0"/><w:sz w:val="28"/><w:rFonts w:ascii="Calibri"/></w:rPr><w:t>unbolded</w:t></w:r></w:p>"#;
    let doc = read_body(body);
    let ps = paragraphs(&doc);
    assert!(ps[0].style.bold);
    assert!(!ps[1].style.bold);
    assert!(!ps[2].style.bold, "w:b w:val=0 overrides the style");
    assert_eq!(ps[2].style.size, Some(14.0));
    assert_eq!(ps[2].style.font.as_deref(), Some("Calibri"));
    assert_eq!(ps[0].style.size, Some(11.0), "docDefaults");
    assert_eq!(ps[0].style.font.as_deref(), Some("Arial"));
    assert_eq!(ps[0].style.name.as_deref(), Some("Normal"));
}

#[test]
fn tabs_breaks_hyperlinks_fields_and_controls() {
    let body = r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">see </w:t></w:r><w:hyperlink r:id="rId6"><w:r><w:t>the site</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> and </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://x.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field result</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:sdt><w:sdtContent><w:r><w:t>in a control</w:t></w:r></w:sdtContent></w:sdt></w:p></w:sdtContent></w:sdt>
<w:p><w:smartTag><w:r><w:t>smart</w:t></w:r></w:smartTag><w:customXml><w:r><w:t>custom</w:t></w:r></w:customXml></w:p>"#;
    let doc = read_body(body);
    let texts: Vec<&str> = paragraphs(&doc).iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "a\tb\nc\nd-e",
            "see the site and 7",
            "field result",
            "in a control",
            "smartcustom"
        ]
    );
}

#[test]
fn tracked_changes_hidden_text_and_notes_stay_out() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">kept </w:t></w:r><w:ins><w:r><w:t>inserted</w:t></w:r></w:ins><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
    let doc = read_body(body);
    assert_eq!(paragraphs(&doc)[0].text, "kept inserted");
    let all = format!("{:?}", doc.blocks);
    for outside in ["FOOTNOTE", "COMMENT", "HEADER", "deleted", "hidden"] {
        assert!(!all.contains(outside), "{outside} leaked into the body");
    }
}

#[test]
fn text_boxes_are_kept_once_and_in_order() {
    let txbx = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let body = format!(
        r#"{}<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>{}"#,
        p("before"),
        txbx("in the box"),
        txbx("in the box"),
        p("after")
    );
    let doc = read_body(&body);
    let texts: Vec<&str> = paragraphs(&doc).iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["before", "anchor", "in the box", "after"]);
}

#[test]
fn nested_tables_are_flattened_into_the_cell() {
    let inner = tbl(2, &[tr("", &[tc("", "x1"), tc("", "x2")])]);
    let outer_cell = format!("<w:tc>{}{inner}<w:p/></w:tc>", p("outer text"));
    let body = tbl(
        2,
        &[format!("<w:tr>{outer_cell}{}</w:tr>", tc("", "right"))],
    );
    let doc = read_body(&body);
    let t = only_table(&doc);
    let c = &t.rows[0].cells[0];
    assert_eq!(c.text(), "outer text\nx1\nx2");
    assert_eq!(t.rows[0].cells[1].col, 1);
}

#[test]
fn rendered_page_breaks_give_pages() {
    let body = format!(
        r#"{}<w:p><w:r><w:lastRenderedPageBreak/><w:t>second page</w:t></w:r></w:p>{}"#,
        p("first page"),
        tbl(
            1,
            &[
                tr("", &[tc("", "row on 2")]),
                r#"<w:tr><w:tc><w:p><w:r><w:lastRenderedPageBreak/><w:t>row on 3</w:t></w:r></w:p></w:tc></w:tr>"#.to_string(),
            ]
        )
    );
    let doc = read_body(&body);
    let ps = paragraphs(&doc);
    assert_eq!(ps[0].at.page, Some(1));
    assert_eq!(ps[1].at.page, Some(2));
    assert_eq!(ps[1].at.index, Some(1));
    let t = only_table(&doc);
    assert_eq!(t.pages, [2, 3]);
    assert_eq!(t.rows[1].cells[0].paragraphs[0].at.page, Some(3));
}

#[test]
fn strict_namespace_and_missing_optional_parts_read() {
    let strict = r#"<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>strict</w:t></w:r></w:p></w:body></w:document>"#;
    // No rels, no styles, no numbering, no content types: still readable.
    let bytes = zip_parts(&[("word/document.xml", strict.into())]);
    let doc = read_docx(&bytes);
    assert_eq!(paragraphs(&doc)[0].text, "strict");
    assert!(doc.warnings.is_empty());
}

#[test]
fn heading_style_ids_count_without_a_styles_part() {
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Sub</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Top</w:t></w:r></w:p>"#;
    let bytes = zip_parts(&[("word/document.xml", document(body).into_bytes())]);
    let doc = read_docx(&bytes);
    assert!(matches!(&doc.blocks[0], Block::Heading(h) if h.level == 2 && h.text == "Sub"));
    assert!(matches!(&doc.blocks[1], Block::Heading(h) if h.level == 0));
}

#[test]
fn main_part_found_through_relationships() {
    let rels = ROOT_RELS.replace("word/document.xml", "/content/main.xml");
    let bytes = zip_parts(&[
        ("_rels/.rels", rels.into_bytes()),
        ("content/main.xml", document(&p("elsewhere")).into_bytes()),
    ]);
    assert_eq!(paragraphs(&read_docx(&bytes))[0].text, "elsewhere");
}

#[test]
fn broken_styles_are_a_warning_not_an_error() {
    let bytes = zip_parts(&[
        ("word/document.xml", document(&p("body")).into_bytes()),
        ("word/styles.xml", b"<w:styles><oops></w:styles>".to_vec()),
    ]);
    let doc = read_docx(&bytes);
    assert_eq!(paragraphs(&doc)[0].text, "body");
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].code, "docx.styles_unreadable");
}

#[test]
fn error_codes() {
    let limits = Limits::default();
    assert_eq!(
        err_code(b"PK\x03\x04 this is not really a zip", &limits),
        "docx.not_zip"
    );
    let no_doc = zip_parts(&[("word/styles.xml", styles().into_bytes())]);
    assert_eq!(err_code(&no_doc, &limits), "docx.missing_part");
    let malformed = zip_parts(&[(
        "word/document.xml",
        b"<w:document><w:body></w:document>".to_vec(),
    )]);
    assert_eq!(err_code(&malformed, &limits), "xml.malformed");
    let dtd = zip_parts(&[(
        "word/document.xml",
        br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>"#.to_vec(),
    )]);
    assert_eq!(err_code(&dtd, &limits), "xml.malformed");
    let no_body = zip_parts(&[(
        "word/document.xml",
        document("")
            .replace("<w:body><w:sectPr/></w:body>", "")
            .into_bytes(),
    )]);
    assert_eq!(err_code(&no_body, &limits), "xml.malformed");
    let deep = format!("{}{}", "<w:p>".repeat(300), "</w:p>".repeat(300));
    assert_eq!(err_code(&docx(&deep), &limits), "xml.too_deep");
    // A bare OLE header: Word 97-2003 files are OLE too, so a damaged one
    // is a damaged .doc (an encrypted DOCX needs its EncryptedPackage
    // stream to be told apart: see read::sniff's tests).
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    assert_eq!(err_code(&ole, &limits), "doc.malformed");
}

#[test]
fn a_grid_widened_by_one_hostile_span_is_refused() {
    // One cell spanning 512 columns makes every one of 8,000 empty rows 512
    // wide: over the 4M-position grid cap, refused instead of allocated.
    let wide = format!(
        "<w:tr>{}</w:tr>",
        tc(r#"<w:gridSpan w:val="512"/>"#, "wide")
    );
    let body = format!("<w:tbl>{wide}{}</w:tbl>", "<w:tr/>".repeat(8_000));
    assert_eq!(err_code(&docx(&body), &Limits::default()), "docx.too_large");
    let fine = format!("<w:tbl>{wide}{}</w:tbl>", "<w:tr/>".repeat(100));
    assert_eq!(err_code(&docx(&fine), &Limits::default()), "ok");
}

#[test]
fn an_encrypted_zip_entry_is_docx_encrypted() {
    // A stored zip whose entries carry the "encrypted" flag (bit 0 of the
    // general-purpose flags, in the local and the central headers).
    let mut bytes = zip_parts(&[("word/document.xml", document(&p("secret")).into_bytes())]);
    let mut i = 0;
    while i + 10 < bytes.len() {
        if bytes[i..].starts_with(b"PK\x03\x04") {
            bytes[i + 6] |= 1;
        } else if bytes[i..].starts_with(b"PK\x01\x02") {
            bytes[i + 8] |= 1;
        }
        i += 1;
    }
    assert_eq!(err_code(&bytes, &Limits::default()), "docx.encrypted");
}

#[test]
fn zip_bombs_trip_the_ratio_and_total_caps() {
    // 8 MiB of one letter deflates to a few KiB: far over 200x.
    let big = p(&"a".repeat(8 * 1024 * 1024));
    let bytes = docx(&big);
    let limits = Limits::default();
    assert_eq!(err_code(&bytes, &limits), "docx.too_large");
    // With the ratio relaxed, the total cap trips instead.
    let total = Limits {
        max_compression_ratio: 100_000,
        max_decompressed_bytes: 1024 * 1024,
        ..Limits::default()
    };
    assert_eq!(err_code(&bytes, &total), "docx.too_large");
    // And with both relaxed the same file reads.
    let relaxed = Limits {
        max_compression_ratio: 100_000,
        ..Limits::default()
    };
    assert_eq!(err_code(&bytes, &relaxed), "ok");
}

#[test]
fn deepest_accepted_nesting_reads_on_a_small_stack() {
    // Nested tables up to the depth limit (each level is tbl/tr/tc: 3
    // elements), read on a 2 MiB thread like a rayon worker's.
    let levels = (Limits::default().max_xml_depth - 8) / 3;
    let body = format!(
        "{}{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(levels),
        p("core"),
        "</w:tc></w:tr></w:tbl>".repeat(levels)
    );
    let bytes = docx(&body);
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let doc = read(&bytes, &Limits::default()).map_err(|e| e.code());
            doc.map(|d| d.tables().count())
        })
        .expect("spawn");
    assert_eq!(handle.join().expect("no stack overflow"), Ok(1));
}

#[test]
fn corrupt_archives_are_errors_not_panics() {
    let good = docx(&tbl(2, &[tr("", &[tc(RESTART, "a"), tc("", "b")])]));
    assert_eq!(err_code(&good, &Limits::default()), "ok");
    // Truncations and byte flips across the whole file.
    for cut in (0..good.len()).step_by(97) {
        let _ = read(&good[..cut], &Limits::default());
    }
    for i in (0..good.len()).step_by(13) {
        let mut bad = good.clone();
        bad[i] ^= 0x5A;
        if let Err(e) = read(&bad, &Limits::default()) {
            assert!(!e.code().is_empty());
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn stored(doc: &str) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            z.start_file("word/document.xml", opts).expect("start");
            z.write_all(doc.as_bytes()).expect("write");
            z.finish().expect("finish");
        }
        buf.into_inner()
    }

    const PIECES: &[&str] = &[
        "<w:p>",
        "</w:p>",
        "<w:r>",
        "</w:r>",
        "<w:t>x</w:t>",
        "<w:tbl>",
        "</w:tbl>",
        "<w:tr>",
        "</w:tr>",
        "<w:tc>",
        "</w:tc>",
        "<w:tcPr>",
        "</w:tcPr>",
        r#"<w:gridSpan w:val="3"/>"#,
        r#"<w:gridSpan w:val="-1"/>"#,
        r#"<w:gridSpan w:val="99999999999"/>"#,
        "<w:vMerge/>",
        r#"<w:vMerge w:val="restart"/>"#,
        "<w:trPr>",
        "</w:trPr>",
        r#"<w:gridBefore w:val="7"/>"#,
        "<w:tblHeader/>",
        "<w:br/>",
        "<w:tab/>",
        "<w:lastRenderedPageBreak/>",
        "<w:pPr>",
        "</w:pPr>",
        r#"<w:numPr><w:ilvl w:val="300"/><w:numId w:val="1"/></w:numPr>"#,
        "<w:txbxContent>",
        "</w:txbxContent>",
        "<w:sdt><w:sdtContent>",
        "</w:sdtContent></w:sdt>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any well- or ill-formed mix of WordprocessingML pieces reads or
        /// fails with a code; it never panics.
        #[test]
        fn random_bodies_never_panic(idx in proptest::collection::vec(0..PIECES.len(), 0..80)) {
            let body: String = idx.iter().map(|&i| PIECES[i]).collect();
            let doc = format!(r#"<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>"#);
            match read(&stored(&doc), &Limits::default()) {
                Ok(d) => {
                    for t in d.tables() {
                        let g = t.slots();
                        prop_assert!(g.iter().all(|r| r.len() <= 512));
                    }
                }
                Err(e) => prop_assert!(!e.code().is_empty()),
            }
        }

        /// Random bytes after a zip signature never panic.
        #[test]
        fn random_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend(tail);
            let _ = read(&bytes, &Limits::default());
        }
    }
}

#[test]
fn cell_fills_from_shading_white_and_auto_are_none() {
    let shd = |a: &str| format!("<w:shd {a}/>");
    let body = tbl(
        5,
        &[tr(
            "",
            &[
                tc(
                    &shd(r#"w:val="clear" w:color="auto" w:fill="5B9BD5""#),
                    "blue",
                ),
                tc(
                    &shd(r#"w:val="clear" w:color="auto" w:fill="auto""#),
                    "auto",
                ),
                tc(&shd(r#"w:val="clear" w:fill="FFFFFF""#), "white"),
                tc(
                    &shd(r#"w:val="solid" w:color="7F6000" w:fill="FFFFFF""#),
                    "solid",
                ),
                tc("", "none"),
            ],
        )],
    );
    let doc = read_body(&body);
    let fills: Vec<Option<Rgb>> = only_table(&doc).rows[0]
        .cells
        .iter()
        .map(|c| c.fill)
        .collect();
    assert_eq!(
        fills,
        [
            Some(Rgb::new(0x5B, 0x9B, 0xD5)),
            None,
            None,
            Some(Rgb::new(0x7F, 0x60, 0x00)),
            None
        ]
    );
}

#[test]
fn bold_prefix_from_runs_character_styles_and_complex_script_bold() {
    let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Owner: </w:t></w:r><w:r><w:t>the hub manager</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Step 4</w:t></w:r><w:r><w:t xml:space="preserve"> – agree the rota</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:bCs/></w:rPr><w:t xml:space="preserve">Note:</w:t></w:r><w:r><w:t xml:space="preserve"> plain</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>all bold</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Styled </w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>then plain</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">plain then </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Aim:</w:t></w:r><w:r><w:t xml:space="preserve"> fewer moves</w:t></w:r></w:p>"#;
    let doc = read_body(body);
    let prefix = |b: &Block| match b {
        Block::Paragraph(p) => (p.text[..p.style.bold_prefix].to_string(), p.style.bold),
        Block::Heading(h) => panic!("heading {}", h.text),
        Block::Table(_) => panic!("table"),
    };
    let got: Vec<(String, bool)> = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Heading(_)))
        .map(prefix)
        .collect();
    assert_eq!(
        got,
        [
            ("Owner:".to_string(), false),
            ("Step 4".to_string(), false),
            ("Note:".to_string(), false),
            (String::new(), true),
            ("".to_string(), false),
            ("1. Aim:".to_string(), false),
        ]
    );
    // The Heading 1 paragraph: bold from its style, then a plain run.
    let Block::Heading(h) = &doc.blocks[4] else {
        panic!("the styled paragraph is a heading");
    };
    assert_eq!(h.text, "Styled then plain");
}

#[test]
fn word_drafts_read_as_accept_all_leaves_them() {
    let del_mark = r#"<w:pPr><w:rPr><w:del w:id="9" w:author="A"/></w:rPr></w:pPr>"#;
    let body = format!(
        r#"<w:p>{del_mark}<w:r><w:t xml:space="preserve">Joined to </w:t></w:r></w:p><w:p><w:r><w:t>the next paragraph.</w:t></w:r></w:p>
<w:p>{del_mark}<w:del w:id="3"><w:r><w:delText>A paragraph deleted whole.</w:delText></w:r></w:del></w:p>
<w:p><w:moveFrom w:id="4"><w:r><w:t>moved away</w:t></w:r></w:moveFrom><w:r><w:t xml:space="preserve">Stays</w:t></w:r><w:moveTo w:id="5"><w:r><w:t xml:space="preserve"> moved here</w:t></w:r></w:moveTo></w:p>
<w:p><w:r><w:t xml:space="preserve">Due </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/><w:date/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap to enter a date.</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:sdt><w:sdtPr><w:dropDownList/></w:sdtPr><w:sdtContent><w:r><w:t>In hand</w:t></w:r></w:sdtContent></w:sdt></w:p>
{}"#,
        tbl(
            2,
            &[
                tr("", &[tc("", "K1"), tc("", "kept row")]),
                tr(
                    r#"<w:del w:id="7" w:author="B"/>"#,
                    &[tc("", "K2"), tc("", "deleted row")]
                ),
                tr(
                    r#"<w:ins w:id="8" w:author="B"/>"#,
                    &[
                        tc("", "K3"),
                        format!(
                            r#"<w:tc><w:p>{del_mark}<w:r><w:t xml:space="preserve">first half, </w:t></w:r></w:p><w:p><w:r><w:t>second half</w:t></w:r></w:p><w:p>{del_mark}<w:del w:id="2"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p></w:tc>"#
                        )
                    ]
                ),
            ]
        )
    );
    let doc = read_body(&body);
    let texts: Vec<&str> = paragraphs(&doc).iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Joined to the next paragraph.",
            "Stays moved here",
            "Due ",
            "In hand"
        ]
    );
    let t = only_table(&doc);
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text()).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["K1".to_string(), "kept row".to_string()],
            vec!["K3".to_string(), "first half, second half".to_string()],
        ]
    );
}

/// The body's own tables are read from a tree the reader frees row by row
/// (to keep a long table's tree and model from both being held whole);
/// a table inside a wrapper is read from the tree as it stands. Both must
/// give the same table: rows inside content controls, custom XML and
/// alternate content, a deleted row, a vertical merge, a nested table.
#[test]
fn a_body_table_reads_the_same_freed_as_it_goes_or_wrapped() {
    let nested = tbl(
        1,
        &[
            tr("", &[tc("", "inner one")]),
            tr("", &[tc("", "inner two")]),
        ],
    );
    let rows = [
        tr("", &[tc("", "Ref"), tc("", "Action")]),
        format!(
            "<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>",
            tr("", &[tc(RESTART, "1"), tc("", "Audit the files")])
        ),
        format!(
            "<w:customXml>{}</w:customXml>",
            tr("", &[tc("<w:vMerge/>", ""), tc("", "Report to the board")])
        ),
        tr(
            r#"<w:del w:id="1" w:author="A"/>"#,
            &[tc("", "9"), tc("", "deleted")],
        ),
        format!(
            r#"<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="w14">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"#,
            tr("", &[tc("", "2"), tc("", "Train the staff")]),
            tr("", &[tc("", "2"), tc("", "fallback copy")])
        ),
        format!("<w:tr><w:tc>{}</w:tc><w:tc>{nested}</w:tc></w:tr>", p("3")),
    ];
    let table = tbl(2, &rows);
    let owned = read_body(&format!("{}{table}{}", p("Before"), p("After")));
    let wrapped = read_body(&format!(
        "{}<w:sdt><w:sdtContent>{table}</w:sdtContent></w:sdt>{}",
        p("Before"),
        p("After")
    ));
    assert_eq!(owned.blocks, wrapped.blocks);
    let t = only_table(&owned);
    let text: Vec<String> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(
        text,
        [
            "Ref|Action",
            "1|Audit the files",
            "Report to the board",
            "2|Train the staff",
            "3|inner one\ninner two"
        ]
    );
    assert_eq!(t.rows[1].cells[0].row_span, 2);
    assert_eq!(paragraphs(&owned).len(), 2);
}

/// Paragraphs in the same font share one string for it (a string per
/// paragraph cost a long table two allocations a cell).
#[test]
fn paragraphs_share_their_font_name() {
    let para = |t: &str| {
        format!(
            r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="Invented Sans"/></w:rPr><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let doc = read_body(&format!("{}{}", para("One"), para("Two")));
    let fonts: Vec<std::sync::Arc<str>> = paragraphs(&doc)
        .iter()
        .map(|p| p.style.font.clone().expect("a font"))
        .collect();
    assert_eq!(fonts.len(), 2);
    assert_eq!(&*fonts[0], "Invented Sans");
    assert!(std::sync::Arc::ptr_eq(&fonts[0], &fonts[1]));
}
