//! The PDF reader on PDFs the tests build with lopdf: spans, a table
//! continued across pages, superscript ordinals, headings and running
//! footers, sideways tables, encryption, image-only pages, damage and limits.

use docket::model::{Block, Document as Model, Slot};
use docket::read::pdf::{self, PdfError};
use docket::read::{Limits, read};
use lopdf::content::{Content, Operation};
use lopdf::{
    Dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream,
    dictionary,
};

/// A drawing on one page: text runs and ruled lines, in PDF user space
/// (origin bottom-left) of an A4 portrait page.
#[derive(Default, Clone)]
struct Page {
    ops: Vec<Operation>,
}

impl Page {
    fn text(mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) -> Self {
        let font = if bold { "F2" } else { "F1" };
        self.ops.push(Operation::new("BT", vec![]));
        self.ops
            .push(Operation::new("Tf", vec![font.into(), size.into()]));
        self.ops
            .push(Operation::new("Td", vec![x.into(), y.into()]));
        self.ops
            .push(Operation::new("Tj", vec![Object::string_literal(s)]));
        self.ops.push(Operation::new("ET", vec![]));
        self
    }
    /// A raised, smaller run (a superscript) with `Ts`.
    fn sup(mut self, x: f32, y: f32, size: f32, s: &str) -> Self {
        self.ops.push(Operation::new("BT", vec![]));
        self.ops
            .push(Operation::new("Tf", vec!["F1".into(), size.into()]));
        self.ops
            .push(Operation::new("Ts", vec![(size * 0.6).into()]));
        self.ops
            .push(Operation::new("Td", vec![x.into(), y.into()]));
        self.ops
            .push(Operation::new("Tj", vec![Object::string_literal(s)]));
        self.ops.push(Operation::new("Ts", vec![0.into()]));
        self.ops.push(Operation::new("ET", vec![]));
        self
    }
    fn line(mut self, x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        self.ops
            .push(Operation::new("m", vec![x0.into(), y0.into()]));
        self.ops
            .push(Operation::new("l", vec![x1.into(), y1.into()]));
        self.ops.push(Operation::new("S", vec![]));
        self
    }
    fn raw(mut self, op: &str, operands: Vec<Object>) -> Self {
        self.ops.push(Operation::new(op, operands));
        self
    }
    /// A ruled grid: `xs` column edges, `ys` row edges (top to bottom, PDF
    /// y), with the listed inner edges left out: `skip_v` (column edge
    /// index, row index), `skip_h` (row edge index, column index).
    fn grid(
        mut self,
        xs: &[f32],
        ys: &[f32],
        skip_v: &[(usize, usize)],
        skip_h: &[(usize, usize)],
    ) -> Self {
        for (i, y) in ys.iter().enumerate() {
            for c in 0..xs.len() - 1 {
                if !skip_h.contains(&(i, c)) {
                    self = self.line(xs[c], *y, xs[c + 1], *y);
                }
            }
        }
        for (j, x) in xs.iter().enumerate() {
            for r in 0..ys.len() - 1 {
                if !skip_v.contains(&(j, r)) {
                    self = self.line(*x, ys[r], *x, ys[r + 1]);
                }
            }
        }
        self
    }
}

fn build(pages: &[Page]) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2 },
    });
    let mut kids = Vec::new();
    for p in pages {
        let content = Content {
            operations: p.ops.clone(),
        };
        let c = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("encode"),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    doc
}

fn bytes(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// The texts of the model's paragraphs, in order.
fn paragraph_texts(m: &Model) -> Vec<String> {
    m.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect()
}

fn model(pages: &[Page]) -> Model {
    read(&bytes(build(pages)), &Limits::default()).expect("reads")
}

/// A 3 × 3 ruled table: row 0 "A" spans columns 1-2; column 0 "Finding"
/// spans rows 1-2.
fn span_page() -> Page {
    let xs = [50.0, 200.0, 350.0, 500.0];
    let ys = [800.0, 780.0, 760.0, 740.0];
    Page::default()
        .grid(&xs, &ys, &[(2, 0)], &[(2, 0)])
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(205.0, 786.0, 10.0, true, "Wide header")
        .text(55.0, 766.0, 10.0, false, "Finding")
        .text(205.0, 766.0, 10.0, false, "a1")
        .text(355.0, 766.0, 10.0, false, "b1")
        .text(205.0, 746.0, 10.0, false, "a2")
        .text(355.0, 746.0, 10.0, false, "b2")
}

#[test]
fn missing_inner_edges_become_spans() {
    let doc = model(&[span_page()]);
    let t = doc.tables().next().expect("a table");
    assert_eq!(t.columns, 3);
    assert_eq!(t.rows.len(), 3);
    let wide = &t.rows[0].cells[1];
    assert_eq!((wide.col, wide.col_span, wide.row_span), (1, 2, 1));
    assert_eq!(wide.text(), "Wide header");
    let finding = &t.rows[1].cells[0];
    assert_eq!((finding.col, finding.row_span), (0, 2));
    assert_eq!(finding.text(), "Finding");
    let slots = t.slots();
    assert_eq!(slots[2][0], Slot::Covered(1, 0));
    assert_eq!(slots[0][2], Slot::Covered(0, 1));

    let grids =
        pdf::page_tables(&bytes(build(&[span_page()])), 1, &Limits::default()).expect("tables");
    assert_eq!(
        grids[0],
        vec![
            vec![
                Some("Ref".to_string()),
                Some("Wide header".to_string()),
                None
            ],
            vec![
                Some("Finding".to_string()),
                Some("a1".to_string()),
                Some("b1".to_string())
            ],
            vec![None, Some("a2".to_string()), Some("b2".to_string())],
        ]
    );
}

/// Page 1: header + two rows reaching the foot; page 2: the header again
/// and one more row.
fn crossing_pages() -> Vec<Page> {
    let xs = [50.0, 250.0, 500.0];
    let p1 = Page::default()
        .grid(&xs, &[800.0, 780.0, 400.0, 60.0], &[], &[])
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(255.0, 786.0, 10.0, true, "Action")
        .text(55.0, 766.0, 10.0, false, "1")
        .text(255.0, 766.0, 10.0, false, "First action")
        .text(55.0, 386.0, 10.0, false, "2")
        .text(255.0, 386.0, 10.0, false, "Second action");
    let p2 = Page::default()
        .grid(&xs, &[800.0, 780.0, 700.0], &[], &[])
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(255.0, 786.0, 10.0, true, "Action")
        .text(55.0, 766.0, 10.0, false, "3")
        .text(255.0, 766.0, 10.0, false, "Third action");
    vec![p1, p2]
}

#[test]
fn a_table_continued_on_the_next_page_is_one_table() {
    let doc = model(&crossing_pages());
    let tables: Vec<_> = doc.tables().collect();
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    assert_eq!(t.pages, vec![1, 2]);
    let refs: Vec<String> = t.rows.iter().map(|r| r.cells[0].text()).collect();
    assert_eq!(refs, vec!["Ref", "1", "2", "3"], "repeated header dropped");
    assert!(t.rows[0].header && !t.rows[1].header);
    assert!(t.rows[3].page_break_before);
    assert!(!t.rows[2].page_break_before);
    assert_eq!(t.rows[3].at.page, Some(2));
}

#[test]
fn tables_that_merely_meet_at_a_break_stay_apart() {
    let mut pages = crossing_pages();
    // The second page's table has other header text: a new table.
    pages[1] = Page::default()
        .grid(&[50.0, 250.0, 500.0], &[800.0, 780.0, 700.0], &[], &[])
        .text(55.0, 786.0, 10.0, true, "Theme")
        .text(255.0, 786.0, 10.0, true, "Owner")
        .text(55.0, 766.0, 10.0, false, "x")
        .text(255.0, 766.0, 10.0, false, "y");
    assert_eq!(model(&pages).tables().count(), 2);
}

#[test]
fn superscript_ordinals_join_their_number() {
    // "launched on 3" then raised "rd" then " June 2020".
    let w3 = 11.0 * 0.556; // Helvetica "3" at 11 pt
    let x = 50.0 + 11.0 * (0.222 * 3.0 + 0.556 * 5.0 + 0.5 + 0.556 * 2.0 + 0.278 * 4.0); // rough start of "3"
    let base = Page::default()
        .text(50.0, 700.0, 11.0, false, "launched on")
        .text(x, 700.0, 11.0, false, "3");
    let rd_w = 7.0 * (0.333 + 0.556);
    let doc = model(&[base.sup(x + w3, 700.0, 7.0, "rd").text(
        x + w3 + rd_w,
        700.0,
        11.0,
        false,
        " June 2020",
    )]);
    let text = paragraph_texts(&doc);
    assert_eq!(text, vec!["launched on 3rd June 2020"]);
}

#[test]
fn headings_by_size_and_running_footers_dropped() {
    let mk = |n: usize| {
        Page::default()
            .text(50.0, 780.0, 18.0, true, &format!("Chapter {n}"))
            .text(
                50.0,
                740.0,
                10.0,
                false,
                "Body text of the chapter goes here.",
            )
            .text(50.0, 726.0, 10.0, false, "More body text.")
            .text(280.0, 30.0, 9.0, false, &format!("Page {n}"))
            .text(50.0, 30.0, 9.0, false, "Annual report 2021/22")
    };
    let doc = model(&[mk(1), mk(2), mk(3)]);
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, vec!["Chapter 1", "Chapter 2", "Chapter 3"]);
    let all = paragraph_texts(&doc).join("|");
    assert!(!all.contains("Annual report"), "{all}");
    assert!(!all.contains("Page"), "{all}");
    assert!(all.contains("Body text of the chapter goes here."));
    assert_eq!(doc.pages, Some(3));
}

#[test]
fn a_sideways_table_reads_upright() {
    // The span table drawn rotated a quarter turn on the page.
    let mut p = Page::default().raw("q", vec![]).raw(
        "cm",
        vec![
            0.into(),
            1.into(),
            (-1).into(),
            0.into(),
            595.into(),
            0.into(),
        ],
    );
    p.ops.extend(span_page().ops.into_iter().map(|mut o| {
        // Shift the table into view after the turn.
        if (o.operator == "Td" || o.operator == "m" || o.operator == "l")
            && let Some(Object::Real(y)) = o.operands.get_mut(1)
        {
            *y -= 300.0;
        }
        o
    }));
    let p = p.raw("Q", vec![]);
    let grids = pdf::page_tables(&bytes(build(&[p])), 1, &Limits::default()).expect("tables");
    assert_eq!(grids.len(), 1);
    assert_eq!(grids[0][0][0].as_deref(), Some("Ref"));
    assert_eq!(grids[0][1][0].as_deref(), Some("Finding"));
}

fn code(r: Result<Model, docket::read::ReadError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

fn encrypted(user: &str) -> Vec<u8> {
    let mut doc = build(&[span_page()]);
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: Permissions::all(),
    })
    .expect("state");
    doc.encrypt(&state).expect("encrypt");
    bytes(doc)
}

#[test]
fn a_user_password_is_pdf_encrypted_and_an_empty_one_opens() {
    assert_eq!(
        code(read(&encrypted("secret"), &Limits::default())),
        "pdf.encrypted"
    );
    let doc = read(&encrypted(""), &Limits::default()).expect("empty user password opens");
    assert_eq!(doc.tables().count(), 1);
}

#[test]
fn an_image_only_pdf_is_pdf_no_text() {
    let mut doc = build(&[Page::default()
        .raw("q", vec![])
        .raw("Do", vec!["Im1".into()])
        .raw("Q", vec![])]);
    let img = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0u8],
    ));
    for (_, id) in doc.get_pages() {
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(id) {
            let mut res = Dictionary::new();
            res.set("XObject", dictionary! { "Im1" => img });
            page.set("Resources", res);
        }
    }
    assert_eq!(code(read(&bytes(doc), &Limits::default())), "pdf.no_text");
}

#[test]
fn damage_is_recovered_or_reported_never_a_panic() {
    let good = bytes(build(&crossing_pages()));
    // A wrong startxref: lopdf's lenient loader rebuilds the xref.
    let s = String::from_utf8_lossy(&good).into_owned();
    if let Some(i) = s.rfind("startxref") {
        let mut bad = good[..i].to_vec();
        bad.extend_from_slice(b"startxref\n99999\n%%EOF\n");
        assert_eq!(code(read(&bad, &Limits::default())), "ok");
    }
    // Truncations and garbage: a coded error or a document, never a panic.
    for cut in [10, 100, good.len() / 3, good.len() / 2, good.len() - 20] {
        let r = read(&good[..cut.min(good.len())], &Limits::default());
        assert!(matches!(code(r), "ok" | "pdf.malformed" | "pdf.no_text"));
    }
    assert_eq!(
        pdf::read(b"%PDF-1.4\n garbage", &Limits::default())
            .map(|_| ())
            .map_err(|e| e.code()),
        Err("pdf.malformed")
    );
}

#[test]
fn limits_trip_cleanly() {
    let b = bytes(build(&crossing_pages()));
    let pages = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    assert!(matches!(pdf::read(&b, &pages), Err(PdfError::Limit(_))));
    let ops = Limits {
        max_operators: 10,
        ..Limits::default()
    };
    assert!(matches!(pdf::read(&b, &ops), Err(PdfError::Limit(_))));
}

#[test]
fn a_form_that_draws_itself_stops_at_the_depth_limit() {
    let mut doc = build(&[Page::default()
        .text(50.0, 700.0, 10.0, false, "text")
        .raw("Do", vec!["X".into()])]);
    let form_id = doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "X" => form_id } },
        },
        b"/X Do".to_vec(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    for (_, id) in doc.get_pages() {
        let res = doc
            .get_object(id)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Resources"))
            .and_then(Object::as_reference)
            .expect("resources");
        if let Ok(Object::Dictionary(r)) = doc.get_object_mut(res) {
            r.set("XObject", dictionary! { "X" => form_id });
        }
    }
    // A form that draws itself is skipped (cycle), and the text stays.
    let d = read(&bytes(doc), &Limits::default()).expect("reads");
    assert!(!d.blocks.is_empty());
}

#[test]
fn two_columns_read_left_then_right() {
    let mut p = Page::default();
    for i in 0..6 {
        let y = 700.0 - 12.0 * i as f32;
        p = p
            .text(
                50.0,
                y,
                10.0,
                false,
                &format!("left line {i} of the first column"),
            )
            .text(
                320.0,
                y,
                10.0,
                false,
                &format!("right line {i} of the second column"),
            );
    }
    let doc = model(&[p]);
    let text = paragraph_texts(&doc);
    let all = text.join(" | ");
    let l5 = all.find("left line 5").expect("left");
    let r0 = all.find("right line 0").expect("right");
    assert!(l5 < r0, "{all}");
}

#[test]
fn mutated_files_never_panic() {
    // Uncompressed content, so mutations hit operators, operands and
    // object syntax rather than a deflate stream.
    let good = bytes(build(&[span_page(), crossing_pages()[1].clone()]));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let mut b = good.clone();
        for _ in 0..(1 + next() % 8) {
            let i = (next() % b.len() as u64) as usize;
            b[i] = (next() % 256) as u8;
        }
        // A panic would surface as the guard's "gave up" message.
        if let Err(e) = pdf::read(&b, &Limits::default()) {
            assert!(
                !e.to_string().contains("gave up"),
                "panic inside the reader"
            );
        }
    }
}

#[test]
fn the_info_title_is_the_document_title() {
    let mut doc = build(&[span_page()]);
    let info =
        doc.add_object(dictionary! { "Title" => Object::string_literal("Action plan  2020") });
    doc.trailer.set("Info", info);
    let m = read(&bytes(doc), &Limits::default()).expect("reads");
    assert_eq!(m.title.as_deref(), Some("Action plan 2020"));
    assert_eq!(model(&[span_page()]).title, None);
}

#[test]
fn a_row_cut_by_the_page_break_is_joined_back() {
    // Rows 20 pt high with text 6 pt above each bottom rule; the last row
    // on page 1 is closed right under its text (cut by the page).
    let xs = [50.0, 250.0, 380.0];
    let p1 = Page::default()
        .grid(&xs, &[800.0, 780.0, 760.0, 740.0, 718.0], &[], &[])
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(255.0, 786.0, 10.0, true, "Action")
        .text(55.0, 766.0, 10.0, false, "1")
        .text(255.0, 766.0, 10.0, false, "First action")
        .text(55.0, 746.0, 10.0, false, "2")
        .text(255.0, 746.0, 10.0, false, "Second action")
        .text(55.0, 726.0, 10.0, false, "3")
        .text(255.0, 726.0, 10.0, false, "Third action is long and")
        .text(255.0, 720.0, 10.0, false, "goes on");
    let p2 = Page::default()
        .grid(&xs, &[800.0, 780.0, 760.0, 740.0], &[], &[])
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(255.0, 786.0, 10.0, true, "Action")
        .text(255.0, 766.0, 10.0, false, "over the page")
        .text(55.0, 746.0, 10.0, false, "4")
        .text(255.0, 746.0, 10.0, false, "Fourth action");
    let doc = model(&[p1, p2]);
    let t = doc.tables().next().expect("table");
    let refs: Vec<String> = t.rows.iter().map(|r| r.cells[0].text()).collect();
    assert_eq!(refs, vec!["Ref", "1", "2", "3", "4"]);
    assert_eq!(
        t.rows[3].cells[1].text(),
        "Third action is long and goes on over the page"
    );
    assert!(t.rows.iter().all(|r| !r.page_break_before));
}

/// Page 1 of a table whose rows each close the same padding under their
/// text; `foot` is where the last row's closing rule is drawn.
fn whole_rows_page(foot: f32) -> Page {
    Page::default()
        .grid(
            &[50.0, 250.0, 380.0],
            &[800.0, 780.0, 760.0, 740.0, foot],
            &[],
            &[],
        )
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(255.0, 786.0, 10.0, true, "Action")
        .text(55.0, 766.0, 10.0, false, "1")
        .text(255.0, 766.0, 10.0, false, "First action")
        .text(55.0, 746.0, 10.0, false, "2")
        .text(255.0, 746.0, 10.0, false, "Second action")
        .text(55.0, 726.0, 10.0, false, "3")
        .text(255.0, 726.0, 10.0, false, "Third action")
}

#[test]
fn a_break_under_a_whole_row_starts_the_next_row_afresh() {
    // Page 2 opens with a row that prints no ref: under a row that kept
    // its usual padding above its closing rule it is a row of its own,
    // not one the break may have cut.
    let p2 = Page::default()
        .grid(
            &[50.0, 250.0, 380.0],
            &[800.0, 780.0, 760.0, 740.0],
            &[],
            &[],
        )
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(255.0, 786.0, 10.0, true, "Action")
        .text(255.0, 766.0, 10.0, false, "Unnumbered action")
        .text(55.0, 746.0, 10.0, false, "4")
        .text(255.0, 746.0, 10.0, false, "Fourth action");
    let doc = model(&[whole_rows_page(720.0), p2.clone()]);
    let t = doc.tables().next().expect("table");
    let texts: Vec<String> = t.rows.iter().map(|r| r.cells[1].text()).collect();
    assert_eq!(
        texts,
        vec![
            "Action",
            "First action",
            "Second action",
            "Third action",
            "Unnumbered action",
            "Fourth action"
        ]
    );
    assert!(t.rows.iter().all(|r| !r.page_break_before));
    // The same row under a foot row that stops a line short of its rule
    // (what a row cut by the break leaves): the interpreter decides.
    let doc = model(&[whole_rows_page(708.0), p2]);
    let t = doc.tables().next().expect("table");
    assert_eq!(t.rows.len(), 6);
    assert!(t.rows[4].page_break_before);
}

/// A filled disc of radius `r` at (`cx`, `cy`), four Bézier quarters.
fn disc(p: Page, cx: f32, cy: f32, r: f32) -> Page {
    let k = 0.552 * r;
    let c = |p: Page, a: [f32; 6]| p.raw("c", a.iter().map(|v| (*v).into()).collect());
    let p = p.raw("m", vec![(cx + r).into(), cy.into()]);
    let p = c(p, [cx + r, cy + k, cx + k, cy + r, cx, cy + r]);
    let p = c(p, [cx - k, cy + r, cx - r, cy + k, cx - r, cy]);
    let p = c(p, [cx - r, cy - k, cx - k, cy - r, cx, cy - r]);
    let p = c(p, [cx + k, cy - r, cx + r, cy - k, cx + r, cy]);
    p.raw("f", vec![])
}

#[test]
fn a_bullet_drawn_as_a_disc_makes_a_list_item() {
    // Browsers draw a list's bullets as filled discs, not characters. The
    // items are set larger than the body: still list items, not headings.
    let mut page = Page::default()
        .text(50.0, 760.0, 10.0, false, "The guide covers:")
        .text(50.0, 640.0, 10.0, false, "Closing words of the body.");
    for (i, item) in ["food and fuel support;", "help with rent arrears."]
        .iter()
        .enumerate()
    {
        let y = 740.0 - 16.0 * i as f32;
        page = disc(page, 64.0, y + 4.0, 2.0).text(74.0, y, 12.0, false, item);
    }
    // A disc with no text beside it is not a bullet.
    let page = disc(page, 300.0, 600.0, 2.0);
    let doc = model(&[page]);
    let paras: Vec<(&str, Option<u8>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.as_str(), p.list)),
            _ => None,
        })
        .collect();
    assert_eq!(
        paras,
        vec![
            ("The guide covers:", None),
            ("food and fuel support;", Some(0)),
            ("help with rent arrears.", Some(0)),
            ("Closing words of the body.", None),
        ]
    );
}

/// A filled rectangle `re f` in the current fill colour.
fn filled(p: Page, colour: (&str, Vec<f32>), x: f32, y: f32, w: f32, h: f32) -> Page {
    let (op, vals) = colour;
    p.raw(op, vals.into_iter().map(Object::from).collect())
        .raw("re", vec![x.into(), y.into(), w.into(), h.into()])
        .raw("f", vec![])
}

#[test]
fn fills_under_cells_are_cell_fills() {
    // span_page's grid: rows 800-780-760-740, columns 50-200-350-500.
    let mut p = Page::default();
    // The header row shaded in one band; a white box over its first cell.
    p = filled(p, ("g", vec![0.85]), 50.0, 780.0, 450.0, 20.0);
    p = filled(p, ("rg", vec![1.0, 1.0, 1.0]), 50.0, 780.0, 150.0, 20.0);
    // "a1" amber (RGB), "b1" cyan (CMYK), "b2" a green polygon, no text.
    p = filled(p, ("rg", vec![1.0, 0.5, 0.0]), 200.0, 760.0, 150.0, 20.0);
    p = filled(
        p,
        ("k", vec![1.0, 0.0, 0.0, 0.0]),
        350.0,
        760.0,
        150.0,
        20.0,
    );
    p = p
        .raw("rg", vec![0.into(), 0.5.into(), 0.into()])
        .raw("m", vec![350.into(), 740.into()])
        .raw("l", vec![500.into(), 740.into()])
        .raw("l", vec![500.into(), 760.into()])
        .raw("l", vec![350.into(), 760.into()])
        .raw("h", vec![])
        .raw("f", vec![])
        .raw("g", vec![0.into()]);
    let xs = [50.0, 200.0, 350.0, 500.0];
    let ys = [800.0, 780.0, 760.0, 740.0];
    p = p
        .grid(&xs, &ys, &[], &[])
        .text(55.0, 786.0, 10.0, true, "Ref")
        .text(205.0, 786.0, 10.0, true, "Action")
        .text(355.0, 786.0, 10.0, true, "RAG")
        .text(55.0, 766.0, 10.0, false, "1")
        .text(205.0, 766.0, 10.0, false, "a1")
        .text(355.0, 766.0, 10.0, false, "b1")
        .text(55.0, 746.0, 10.0, false, "2")
        .text(205.0, 746.0, 10.0, false, "a2");
    let doc = model(&[p]);
    let t = doc.tables().next().expect("a table");
    let fills: Vec<Vec<Option<(u8, u8, u8)>>> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.fill.map(|f| (f.r, f.g, f.b)))
                .collect()
        })
        .collect();
    assert_eq!(
        fills,
        vec![
            vec![None, Some((217, 217, 217)), Some((217, 217, 217))],
            vec![None, Some((255, 128, 0)), Some((0, 255, 255))],
            vec![None, None, Some((0, 128, 0))],
        ]
    );
}

#[test]
fn a_bold_opening_is_the_bold_prefix() {
    // Helvetica-Bold "Lead:" is 26.67 points wide at 10 points.
    let p = Page::default()
        .text(50.0, 700.0, 10.0, true, "Lead:")
        .text(79.5, 700.0, 10.0, false, "the hub manager")
        .text(50.0, 670.0, 10.0, true, "All of it bold")
        .text(50.0, 640.0, 10.0, false, "Plain then")
        .text(97.0, 640.0, 10.0, true, "bold");
    let doc = model(&[p]);
    let got: Vec<(String, bool)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text[..p.style.bold_prefix].to_string(), p.style.bold)),
            _ => None,
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Lead:".to_string(), false),
            (String::new(), true),
            (String::new(), false)
        ]
    );
}

#[test]
fn a_file_name_in_the_info_title_is_no_title() {
    let mut doc = build(&[span_page()]);
    let info = doc.add_object(dictionary! { "Title" => Object::string_literal("plan_print.html") });
    doc.trailer.set("Info", info);
    let m = read(&bytes(doc), &Limits::default()).expect("reads");
    assert_eq!(m.title, None);
}

/// Curve operators with too few operands (the fuzzer's find: the last
/// point was read at index -2, an overflow under debug assertions) draw
/// nothing; the page's text still reads.
#[test]
fn curves_without_points_draw_nothing() {
    let mut page = Page::default().text(72.0, 700.0, 11.0, false, "Invented text");
    page.ops
        .push(Operation::new("m", vec![10.into(), 10.into()]));
    for op in ["c", "v", "y"] {
        page.ops.push(Operation::new(op, vec![]));
        page.ops.push(Operation::new(op, vec![5.into()]));
    }
    page.ops.push(Operation::new("S", vec![]));
    let m = model(&[page]);
    let text = paragraph_texts(&m);
    assert_eq!(text, ["Invented text"]);
}

/// A page box 10^9 points wide (invented; a fuzzed PDF had one): the
/// two-column gutter search swept the page 4 pt at a time by adding to a
/// float that no longer changed, and never ended. Such a box is damage and
/// the page is read as US Letter.
#[test]
fn a_page_box_a_billion_points_wide_reads() {
    let mut page = Page::default();
    for k in 0..10 {
        let y = 700.0 - 14.0 * k as f32;
        page = page.text(72.0, y, 11.0, false, &format!("Invented line {k}"));
    }
    let mut doc = build(&[page]);
    let huge = || -> Vec<Object> { vec![0.into(), 0.into(), 1.0e9.into(), 842.into()] };
    for (_, o) in doc.objects.iter_mut() {
        if let Object::Dictionary(d) = o
            && d.has(b"MediaBox")
        {
            d.set("MediaBox", huge());
        }
    }
    let m = read(&bytes(doc), &Limits::default()).expect("reads");
    assert_eq!(paragraph_texts(&m).len(), 1);
    assert!(paragraph_texts(&m)[0].contains("Invented line 9"));
}

#[test]
fn a_pdf_past_its_work_budget_is_too_slow_not_malformed() {
    // The reader isolates lopdf's panics; a spent budget unwinding through
    // it once came out as `pdf.malformed`. Every operator and every page
    // of glyphs counts in the work meter, so a step cap stops the read.
    let pdf = bytes(build(&crossing_pages()));
    assert!(docket::read::pdf::read(&pdf, &Limits::default()).is_ok());
    let r = docket::work::metered(
        docket::work::Budget {
            max_steps: Some(0),
            ..Default::default()
        },
        || docket::read::pdf::read(&pdf, &Limits::default()),
    );
    assert!(
        matches!(
            r,
            Err(docket::work::Stopped::Spent(docket::work::Spent::TooSlow))
        ),
        "{r:?}"
    );
}
