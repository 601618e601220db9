//! docx-rs as an oracle for the DOCX reader: on every rendered corpus DOCX,
//! the body text in order and the table cell structure must agree.
//!
//! docx-rs exposes spans only through its JSON form, so the oracle walks that
//! JSON: text nodes (deleted text skipped), and per table cell its `gridSpan`
//! and `verticalMerge`. docx-rs does not read `w:tblHeader`, so header rows
//! are checked in tests/docx_corpus.rs instead.

use docket::model::{Block, Document};
use docket::read::{Limits, docx};
use serde_json::Value;

#[derive(Debug, Default, PartialEq)]
struct Cells {
    /// Cells that start a region (not `vMerge` continuations).
    stored: usize,
    /// Sum of their grid spans.
    col_spans: usize,
    /// All `w:tc`, continuations included.
    positions: usize,
}

fn walk(v: &Value, text: &mut String, cells: &mut Cells) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| walk(i, text, cells)),
        Value::Object(map) => {
            match map.get("type").and_then(Value::as_str) {
                Some("delete" | "deleteText" | "moveFrom") => return,
                Some("text") => {
                    if let Some(t) = map
                        .get("data")
                        .and_then(|d| d.get("text"))
                        .and_then(Value::as_str)
                    {
                        text.push_str(t);
                    }
                    return;
                }
                Some("tableCell") => {
                    let prop = map.get("data").and_then(|d| d.get("property"));
                    let vmerge = prop
                        .and_then(|p| p.get("verticalMerge"))
                        .and_then(Value::as_str);
                    let span = prop
                        .and_then(|p| p.get("gridSpan"))
                        .and_then(Value::as_u64)
                        .unwrap_or(1) as usize;
                    cells.positions += 1;
                    if vmerge != Some("continue") {
                        cells.stored += 1;
                        cells.col_spans += span;
                    }
                }
                _ => {}
            }
            map.values().for_each(|i| walk(i, text, cells));
        }
        _ => {}
    }
}

fn ours(doc: &Document) -> (String, Cells) {
    let mut text = String::new();
    let mut cells = Cells::default();
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => text.push_str(&h.text),
            Block::Paragraph(p) => text.push_str(&p.text),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        text.push_str(&c.text());
                        cells.stored += 1;
                        cells.col_spans += c.col_span;
                        cells.positions += c.row_span;
                    }
                }
            }
        }
    }
    (text, cells)
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn docx_rs_agrees_on_text_and_cells() {
    for name in ["000", "001", "002", "004"] {
        let path = format!("corpus/rendered/{name}.docx");
        let bytes = std::fs::read(&path).expect("corpus file");
        let doc = docx::read(&bytes, &Limits::default()).expect("our reader");
        let oracle = docx_rs::read_docx(&bytes).expect("docx-rs reads the corpus");
        let json: Value = serde_json::from_str(&oracle.json()).expect("docx-rs json");
        let mut their_text = String::new();
        let mut their_cells = Cells::default();
        walk(
            &json["document"]["children"],
            &mut their_text,
            &mut their_cells,
        );
        let (our_text, our_cells) = ours(&doc);
        assert_eq!(norm(&our_text), norm(&their_text), "{path}: body text");
        assert_eq!(our_cells, their_cells, "{path}: cells");
    }
}
