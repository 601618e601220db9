//! The DOCX reader on the rendered corpus, checked against the text exports of
//! the same documents (corpus/seeds) read by the text reader.
//!
//! The export has no spans, so each DOCX table is compared through its slot
//! grid: a cell's text must equal the export's cells over the rows and columns
//! it covers (joined). That one rule checks horizontal spans (section rows),
//! vertical merges (the finding shown only on its first row in the export)
//! and plain cells alike. Rows the export split at page breaks are matched
//! against two export rows; header rows the export repeats are skipped.
//! Comparison ignores whitespace, which the export and Word lay out differently.

use docket::model::{Block, Document, Format, Slot, Table};
use docket::read::{Limits, read};

fn load(path: &str) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{path}: {}: {e}", e.code()))
}

fn seed(prefix: &str) -> Document {
    let dir = std::fs::read_dir("corpus/seeds").expect("corpus/seeds");
    let path = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    load(path.to_str().expect("utf-8 path"))
}

/// Text with all whitespace removed.
fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// An export row as normalised texts by grid column.
type SeedRow = Vec<String>;

fn seed_rows(doc: &Document) -> Vec<SeedRow> {
    let mut out = Vec::new();
    for t in doc.tables() {
        for r in &t.rows {
            let width = r.cells.iter().map(|c| c.col + 1).max().unwrap_or(0);
            let mut row = vec![String::new(); width];
            for c in &r.cells {
                if let Some(slot) = row.get_mut(c.col) {
                    *slot = norm(&c.text());
                }
            }
            // Rule rows ("-----") carry no text.
            if row.iter().any(|s| s.chars().any(char::is_alphanumeric)) {
                out.push(row);
            }
        }
    }
    out
}

fn seed_cell(row: &SeedRow, col: usize) -> &str {
    row.get(col).map(String::as_str).unwrap_or("")
}

/// Normalised text of DOCX row `r` at grid column `c` when the cell starts
/// there with one row (what must match one export row).
fn joined(rows: &[&SeedRow], cols: std::ops::Range<usize>) -> String {
    let mut s = String::new();
    for r in rows {
        for c in cols.clone() {
            s.push_str(seed_cell(r, c));
        }
    }
    s
}

/// Compare one DOCX table against the export's row stream from `pos`;
/// returns the new position and a list of mismatches.
fn compare_table(t: &Table, stream: &[SeedRow], mut pos: usize) -> (usize, Vec<String>) {
    let slots = t.slots();
    let mut errors = Vec::new();
    let header_rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .take_while(|r| r.header)
        .map(|r| {
            let mut v = vec![String::new(); t.columns];
            for c in &r.cells {
                if let Some(s) = v.get_mut(c.col) {
                    *s = norm(&c.text());
                }
            }
            v
        })
        .collect();
    let is_repeat_header = |row: &SeedRow| {
        header_rows.iter().any(|h| {
            (0..t.columns.max(row.len()))
                .all(|c| seed_cell(row, c) == h.get(c).map(String::as_str).unwrap_or(""))
        })
    };
    // Map each DOCX row to one or two export rows.
    let mut mapping: Vec<Vec<usize>> = Vec::new();
    let mut textual: Vec<usize> = Vec::new();
    for (ri, row) in t.rows.iter().enumerate() {
        if ri >= header_rows.len() {
            while pos < stream.len() && is_repeat_header(&stream[pos]) {
                pos += 1;
            }
        }
        let singles: Vec<(usize, String)> = row
            .cells
            .iter()
            .filter(|c| c.row_span == 1)
            .map(|c| (c.col, norm(&c.text())))
            .collect();
        let fits = |idx: &[usize]| {
            let rows: Vec<&SeedRow> = idx.iter().filter_map(|&i| stream.get(i)).collect();
            rows.len() == idx.len()
                && singles.iter().all(|(col, text)| {
                    let cell = row
                        .cells
                        .iter()
                        .find(|c| c.col == *col)
                        .map(|c| c.col_span)
                        .unwrap_or(1);
                    &joined(&rows, *col..*col + cell) == text
                })
        };
        // A row split by a page break continues after the repeated header.
        let mut second = pos + 1;
        while second < stream.len() && is_repeat_header(&stream[second]) {
            second += 1;
        }
        if fits(&[pos]) {
            mapping.push(vec![pos]);
            pos += 1;
        } else if fits(&[pos, second]) {
            mapping.push(vec![pos, second]);
            pos = second + 1;
        } else if let Some(k) = (1..=3).find(|&k| {
            // The export broke a cell's text onto a line of its own, which
            // the text reader took for a new row with shifted cells: the
            // row's text must still match, in order.
            let rows: Vec<&SeedRow> = stream.iter().skip(pos).take(k).collect();
            rows.len() == k && joined(&rows, 0..t.columns.max(16)) == row_text(row)
        }) {
            textual.push(ri);
            mapping.push((pos..pos + k).collect());
            pos += k;
        } else {
            errors.push(format!(
                "row {ri}: no export row matches {:?} (export has {:?})",
                singles,
                stream.get(pos)
            ));
            mapping.push(vec![pos]);
            pos += 1;
        }
    }
    // Every cell equals the export's cells over the area it covers.
    for (ri, row) in t.rows.iter().enumerate() {
        for (ci, cell) in row.cells.iter().enumerate() {
            assert_eq!(slots[ri][cell.col], Slot::Origin(ri, ci));
            if (ri..ri + cell.row_span).any(|r| textual.contains(&r)) {
                continue;
            }
            let rows: Vec<&SeedRow> = mapping
                .iter()
                .skip(ri)
                .take(cell.row_span)
                .flatten()
                .filter_map(|&i| stream.get(i))
                .collect();
            let want = joined(&rows, cell.col..cell.col + cell.col_span);
            if norm(&cell.text()) != want {
                errors.push(format!(
                    "row {ri} col {} (span {}x{}): docx {:?} vs export {:?}",
                    cell.col,
                    cell.row_span,
                    cell.col_span,
                    cell.text(),
                    want
                ));
            }
        }
    }
    assert!(textual.len() <= 2, "rows matched by text only: {textual:?}");
    (pos, errors)
}

/// A DOCX row's text, cells in grid order, whitespace removed.
fn row_text(row: &docket::model::Row) -> String {
    row.cells.iter().map(|c| norm(&c.text())).collect()
}

fn compare_plan(docx_path: &str, seed_prefix: &str) -> Document {
    let doc = load(docx_path);
    assert_eq!(doc.format, Format::Docx);
    let export = seed(seed_prefix);
    let stream = seed_rows(&export);
    let mut pos = 0;
    let mut errors = Vec::new();
    for (ti, t) in doc.tables().enumerate() {
        let (next, errs) = compare_table(t, &stream, pos);
        pos = next;
        errors.extend(errs.into_iter().map(|e| format!("table {ti}: {e}")));
    }
    assert!(errors.is_empty(), "{docx_path}:\n{}", errors.join("\n"));
    // Every export row was accounted for, except trailing repeated headers.
    assert_eq!(pos, stream.len(), "{docx_path}: export rows left over");
    doc
}

fn all_text(doc: &Document) -> String {
    let mut s = String::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => s.push_str(&h.text),
            Block::Paragraph(p) => s.push_str(&p.text),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        s.push_str(&c.text());
                        s.push('\n');
                    }
                }
            }
        }
        s.push('\n');
    }
    s
}

fn merged_cells(doc: &Document) -> usize {
    doc.tables()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter())
        .filter(|c| c.row_span > 1)
        .count()
}

#[test]
fn docx_000_matches_its_export() {
    let doc = compare_plan("corpus/rendered/000.docx", "000");
    assert_eq!(doc.tables().count(), 1);
    let t = doc.tables().next().unwrap();
    assert_eq!(t.columns, 5);
    assert!(t.rows[0].header, "the column header is a tblHeader row");
    assert_eq!(t.rows.iter().filter(|r| r.header).count(), 1);
    assert!(
        merged_cells(&doc) >= 18,
        "finding cells are vertically merged"
    );
    // Superscript ordinals join their number.
    let text = all_text(&doc);
    assert!(text.contains("launched on 3rd June 2020"));
    assert!(
        text.contains("on 20 th April 2020"),
        "a printed space is kept"
    );
    // Section rows span the table.
    assert!(
        t.rows
            .iter()
            .any(|r| r.cells.len() == 1 && r.cells[0].col_span == 5)
    );
    // Provenance: no pages without rendered breaks; paragraph indexes rise.
    assert!(t.pages.is_empty());
    assert_eq!(t.at.index, Some(0));
}

#[test]
fn docx_001_matches_its_export() {
    let doc = compare_plan("corpus/rendered/001.docx", "001");
    assert_eq!(doc.tables().count(), 1);
    let t = doc.tables().next().unwrap();
    assert_eq!(t.columns, 9);
    assert!(t.rows[0].header && !t.rows[1].header);
    assert!(
        doc.title
            .as_deref()
            .is_some_and(|t| t.contains("13th November 2015"))
    );
    assert!(matches!(doc.blocks.first(), Some(Block::Heading(h)) if h.level == 0));
    assert!(matches!(doc.blocks.get(1), Some(Block::Heading(h)) if h.level == 1));
    assert!(merged_cells(&doc) > 0);
}

#[test]
fn docx_004_matches_its_export() {
    let doc = compare_plan("corpus/rendered/004.docx", "004");
    let tables: Vec<&Table> = doc.tables().collect();
    assert_eq!(tables.len(), 7, "six theme tables and the BRAG key");
    for t in &tables[..6] {
        // The theme row and the column header repeat together.
        assert!(t.rows[0].header && t.rows[1].header && !t.rows[2].header);
        assert_eq!(t.rows[0].cells.len(), 1);
        assert_eq!(t.rows[0].cells[0].col_span, t.columns);
    }
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(headings.contains(&"INTRODUCTION"));
    let bullets = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(p) if p.list == Some(0)))
        .count();
    assert!(bullets >= 17, "List Bullet paragraphs are list items");
}

#[test]
fn docx_002_headings_and_tables() {
    let doc = load("corpus/rendered/002.docx");
    let level = |l: u8| {
        doc.blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading(h) if h.level == l))
            .count()
    };
    assert_eq!(
        level(1),
        10,
        "Heading 1: the Foreword and numbered chapters"
    );
    assert_eq!(level(2), 26, "Heading 2: sub-sections");
    assert_eq!(doc.tables().count(), 17);
    // Body order: every heading precedes the paragraphs of its section, so the
    // first block is a heading or the paragraphs before the first chapter.
    let first_h1 = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.level == 1))
        .unwrap();
    assert!(first_h1 < doc.blocks.len() / 4);
    // Paragraph indexes strictly increase in body order.
    let idx: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => h.at.index,
            Block::Paragraph(p) => p.at.index,
            Block::Table(t) => t.at.index,
        })
        .collect();
    assert!(idx.windows(2).all(|w| w[0] < w[1]));
    // The same text as the export, up to whitespace and the export artefacts
    // the rendering removed (see corpus/rendered/README.md).
    let export = seed("002");
    let ours: usize = norm(&all_text(&doc)).chars().count();
    let theirs: usize = norm(&all_text(&export)).chars().count();
    assert!(
        ours <= theirs && ours * 100 >= theirs * 95,
        "{ours} vs {theirs}"
    );
}
