//! The PDF reader on the rendered corpus, measured against the text exports
//! of the same documents (corpus/rendered/README.md: the PDFs hold exactly
//! the seeds' text, laid out as Word tables by LibreOffice).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use docket::model::{Block, Document, Format, Slot, Table};
use docket::read::{Limits, read};

fn load(path: &str) -> Document {
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("corpus file");
    read(&bytes, &Limits::default()).expect("reads")
}

fn seed(prefix: &str) -> Document {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let p = names
        .into_iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .expect("seed file");
    read(&std::fs::read(p).expect("seed"), &Limits::default()).expect("seed reads")
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every origin cell's text in a table, whitespace-normalised; with `join`,
/// rows split by a page break are joined back as the interpreter does (a
/// row after a break whose first cell is empty carries on the row above) —
/// the exports split rows at their own page breaks, where the rendered
/// DOCX (and so the PDF reader's output) has them whole.
fn cell_texts(t: &Table, join: bool) -> Vec<String> {
    let slots = t.slots();
    let mut texts: HashMap<(usize, usize), String> = HashMap::new();
    for (r, row) in t.rows.iter().enumerate() {
        for (i, c) in row.cells.iter().enumerate() {
            texts.insert(
                (r, i),
                norm(
                    &c.paragraphs
                        .iter()
                        .map(|p| p.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            );
        }
    }
    for (r, row) in t.rows.iter().enumerate() {
        let first_empty = row
            .cells
            .first()
            .is_some_and(|c| c.col == 0 && c.is_empty());
        if !join || r == 0 || !row.page_break_before || !first_empty {
            continue;
        }
        // The row above, skipping a repeated header row.
        let Some(above) = (0..r).rev().find(|k| !t.rows[*k].header) else {
            continue;
        };
        for (i, c) in row.cells.iter().enumerate() {
            let owner = match slots.get(above).and_then(|s| s.get(c.col)) {
                Some(Slot::Origin(a, b)) | Some(Slot::Covered(a, b)) => (*a, *b),
                _ => continue,
            };
            let piece = texts.remove(&(r, i)).unwrap_or_default();
            let e = texts.entry(owner).or_default();
            if !piece.is_empty() {
                if !e.is_empty() {
                    e.push(' ');
                }
                e.push_str(&piece);
            }
        }
    }
    texts.into_values().collect()
}

/// Share of the export's non-empty, non-header data cells found verbatim
/// (whitespace-normalised) as a cell of some PDF table.
fn recall(pdf: &Document, export: &Document) -> (f64, Vec<String>) {
    let found: HashSet<String> = pdf.tables().flat_map(|t| cell_texts(t, false)).collect();
    let wanted: Vec<String> = export.tables().flat_map(|t| cell_texts(t, true)).collect();
    let mut total = 0usize;
    let mut hit = 0usize;
    let mut missed = Vec::new();
    let headers: HashSet<String> = export
        .tables()
        .flat_map(|t| t.rows.iter().filter(|r| r.header))
        .flat_map(|r| r.cells.iter().map(|c| norm(&c.text())))
        .collect();
    for s in wanted {
        if s.is_empty() || headers.contains(&s) {
            continue;
        }
        total += 1;
        if found.contains(&s) {
            hit += 1;
        } else {
            missed.push(s);
        }
    }
    (hit as f64 / total.max(1) as f64, missed)
}

fn check(pdf: &str, seed_prefix: &str, min: f64) -> Document {
    let doc = load(pdf);
    assert_eq!(doc.format, Format::Pdf);
    let (r, missed) = recall(&doc, &seed(seed_prefix));
    eprintln!(
        "{pdf}: cell recall vs export {r:.3} ({} missed)",
        missed.len()
    );
    for m in missed.iter().take(8) {
        eprintln!("  missed: {}", m.chars().take(100).collect::<String>());
    }
    assert!(r >= min, "{pdf}: recall {r:.3} < {min}");
    doc
}

#[test]
fn plan_000_is_one_table_over_ten_pages() {
    let doc = check("corpus/rendered/000.pdf", "000_", 0.9);
    assert_eq!(doc.pages, Some(10));
    let tables: Vec<&Table> = doc.tables().collect();
    assert_eq!(tables.len(), 1, "one table");
    assert_eq!(tables[0].pages, (1..=10).collect::<Vec<u32>>());
    assert_eq!(tables[0].columns, 5);
    // Header printed once; repeats on later pages dropped.
    let heads = tables[0]
        .rows
        .iter()
        .filter(|r| r.cells.first().is_some_and(|c| c.text() == "Ref"))
        .count();
    assert_eq!(heads, 1);
    assert!(tables[0].rows[0].header);
    // Nine page breaks: seven cut a row (joined back, unmarked), two fall
    // under a whole row (its text the usual padding above its closing
    // rule), so the next row starts afresh, unmarked too.
    assert_eq!(
        tables[0]
            .rows
            .iter()
            .filter(|r| r.page_break_before)
            .count(),
        0
    );
    let texts = cell_texts(tables[0], false);
    assert!(
        texts.iter().any(|t| t.starts_with("Plans for children")
            && t.ends_with("at risk of harm and exploitation.")),
        "finding 3, cut by the first page break, is whole again"
    );
}

#[test]
fn plan_001_table() {
    let doc = check("corpus/rendered/001.pdf", "001_", 0.9);
    let tables: Vec<&Table> = doc.tables().collect();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].columns, 9);
    assert_eq!(tables[0].pages, (1..=6).collect::<Vec<u32>>());
}

#[test]
fn plan_004_tables() {
    let doc = check("corpus/rendered/004.pdf", "004_", 0.85);
    assert!(doc.tables().count() >= 6);
}

#[test]
fn report_002_headings_and_tables() {
    let doc = check("corpus/rendered/002.pdf", "002_", 0.7);
    let headings = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading(_)))
        .count();
    assert!(headings >= 10, "{headings} headings");
    // The DOCX holds 17 tables; cross-page pieces must come back together.
    let n = doc.tables().count();
    assert!((15..=19).contains(&n), "{n} tables");
}

#[test]
fn superscript_ordinals_are_joined() {
    let doc = load("corpus/rendered/000.pdf");
    let all: String = doc
        .tables()
        .flat_map(|t| cell_texts(t, false))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("launched on 3rd June 2020"));
    assert!(all.contains("20 th April 2020"));
}
