//! What the word-processor readers (DOCX, ODT, RTF, Word 97-2003, HTML) share once
//! they have walked their format: paragraphs built from runs of text with a
//! weight, items in body order, cells built from items, and the grid rebuilt
//! from cell edges.
//!
//! Why shared: each format spells a paragraph, a bold run and a table cell
//! differently, but what the model wants from them is the same; one builder
//! keeps the typography rules (bold throughout, a bold opening label) and
//! the flattening of nested tables identical across readers.

use std::collections::HashSet;
use std::sync::Arc;

use crate::model::{Block, Heading, Paragraph, Provenance, Rgb, Style, Table};

/// The names (fonts, styles) a document's paragraphs carry, one shared
/// string per distinct name: a document names a handful, and a string per
/// paragraph cost a long table two allocations a cell.
#[derive(Debug, Default)]
pub struct Names(HashSet<Arc<str>>);

impl Names {
    /// The shared string for `name`.
    pub fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(n) = self.0.get(name) {
            return n.clone();
        }
        let n: Arc<str> = Arc::from(name);
        self.0.insert(n.clone());
        n
    }
}

/// Deepest table nesting whose nested-table text is also copied into the
/// enclosing cell's paragraphs (deeper, it is dropped, so
/// hostile nesting cannot multiply memory).
pub const MAX_FLATTEN_DEPTH: usize = 8;

/// A paragraph (with the heading level its style gives, if any) or a table.
#[derive(Debug, Clone)]
pub enum Item {
    Para(Paragraph, Option<u8>),
    Table(Table),
}

/// Body items into model blocks: empty paragraphs dropped, headings apart.
pub fn into_blocks(items: Vec<Item>) -> Vec<Block> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Para(p, heading) => {
                let text = p.text.trim();
                if text.is_empty() {
                    continue;
                }
                match heading {
                    Some(level) => out.push(Block::Heading(Heading {
                        furniture: false,
                        level,
                        text: text.to_string(),
                        at: p.at,
                    })),
                    None => out.push(Block::Paragraph(p)),
                }
            }
            Item::Table(t) => out.push(Block::Table(t)),
        }
    }
    out
}

/// The title a document marks explicitly: its first level-0 heading.
pub fn title_of(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 0 => Some(h.text.clone()),
        _ => None,
    })
}

/// A cell's items into its paragraphs; a nested table's
/// text is flattened into them while `depth` (tables around the
/// cell) is within [`MAX_FLATTEN_DEPTH`].
pub fn cell_content(items: Vec<Item>, depth: usize) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    for item in items {
        match item {
            Item::Para(p, _) => paragraphs.push(p),
            Item::Table(t) => {
                if depth <= MAX_FLATTEN_DEPTH {
                    for row in &t.rows {
                        for cell in &row.cells {
                            paragraphs.extend(cell.paragraphs.iter().cloned());
                        }
                    }
                }
            }
        }
    }
    // Exact size: most cells hold one paragraph (see the DOCX reader).
    paragraphs.shrink_to_fit();
    paragraphs
}

/// A binary word-processor paragraph's heading level: its outline level
/// (0-based in `.doc` and RTF, so one more), else its style's name
/// ("heading 2", "Title").
pub fn heading_level(outline: Option<u8>, style: Option<&str>) -> Option<u8> {
    outline
        .map(|l| l.saturating_add(1))
        .or_else(|| style.and_then(crate::read::docx::styles::heading_from_name))
}

/// A cell fill as the model keeps it: white and near-white are no fill.
pub fn fill(rgb: Option<Rgb>) -> Option<Rgb> {
    rgb.filter(|c| !c.is_whiteish())
}

/// A paragraph's text gathered run by run, with each run's weight.
#[derive(Debug, Default, Clone)]
pub struct Runs {
    text: String,
    /// (end byte in `text`, bold) of each run with visible text.
    runs: Vec<(usize, bool)>,
}

impl Runs {
    pub fn push(&mut self, s: &str, bold: bool) {
        if s.is_empty() {
            return;
        }
        self.text.push_str(s);
        if !s.trim().is_empty() {
            self.runs.push((self.text.len(), bold));
        }
    }

    /// Text without weight (tabs, breaks, spacing).
    pub fn push_plain(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The paragraph: bold when every visible run is; else the byte length of
    /// a bold opening (a label such as "Lead:" before plain text).
    pub fn finish(self, name: Option<Arc<str>>, list: Option<u8>, at: Provenance) -> Paragraph {
        let bold = !self.runs.is_empty() && self.runs.iter().all(|r| r.1);
        let bold_prefix = if bold {
            0
        } else {
            let mut end = 0;
            for &(e, b) in &self.runs {
                if !b {
                    break;
                }
                end = e;
            }
            end
        };
        Paragraph {
            furniture: false,
            text: self.text,
            style: Style {
                bold,
                name,
                bold_prefix,
                ..Default::default()
            },
            list,
            at,
        }
    }
}

/// Grid columns from cell right edges (RTF `\cellx`, Word 97 `rgdxaCenter`).
///
/// Why: these formats give each row its own cell boundaries; a table's grid
/// is the union of the boundaries of all its rows, and a cell spans the grid
/// columns between its left and right edges. Edges closer than
/// [`EDGE_TOLERANCE`] are one edge (producers round differently per row).
pub struct EdgeGrid {
    edges: Vec<i32>,
}

/// Cell edges closer than this (in twips, 1/20 pt) are taken as one.
pub const EDGE_TOLERANCE: i32 = 30;

impl EdgeGrid {
    /// `rows`: each row's left edge and its cells' right edges, in order.
    pub fn new<'a>(rows: impl IntoIterator<Item = (i32, &'a [i32])>) -> Self {
        let mut all: Vec<i32> = Vec::new();
        for (left, rights) in rows {
            all.push(left);
            all.extend_from_slice(rights);
        }
        all.sort_unstable();
        let mut edges: Vec<i32> = Vec::new();
        for e in all {
            match edges.last() {
                Some(&last) if e - last < EDGE_TOLERANCE => {}
                _ => edges.push(e),
            }
        }
        EdgeGrid { edges }
    }

    /// The grid column an edge falls on (the nearest known edge).
    pub fn column(&self, edge: i32) -> usize {
        let i = self.edges.partition_point(|&e| e < edge);
        if i == 0 {
            return 0;
        }
        if i >= self.edges.len() {
            return self.edges.len() - 1;
        }
        if edge - self.edges[i - 1] <= self.edges[i] - edge {
            i - 1
        } else {
            i
        }
    }

    /// (first column, span) of the cell between two edges.
    pub fn span(&self, left: i32, right: i32) -> (usize, usize) {
        let a = self.column(left);
        let b = self.column(right);
        (a, b.saturating_sub(a).max(1))
    }
}

/// The blocks of a document as one line each (`#level` before headings,
/// `<table>` for tables): what the readers' tests compare.
#[cfg(test)]
pub fn block_texts(d: &crate::model::Document) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Heading(h) => format!("#{} {}", h.level, h.text),
            Block::Table(_) => "<table>".into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_shared_once_each() {
        let mut names = Names::default();
        let a = names.get("Invented Sans");
        let b = names.get("Invented Sans");
        let c = names.get("Invented Serif");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!((&*a, &*c), ("Invented Sans", "Invented Serif"));
    }

    #[test]
    fn runs_give_bold_and_bold_opening() {
        let mut r = Runs::default();
        r.push("Lead:", true);
        r.push(" Jo Bloggs", false);
        let p = r.finish(None, None, Provenance::default());
        assert!(!p.style.bold);
        assert_eq!(&p.text[..p.style.bold_prefix], "Lead:");

        let mut r = Runs::default();
        r.push("All", true);
        r.push_plain(" ");
        r.push("bold", true);
        let p = r.finish(None, None, Provenance::default());
        assert!(p.style.bold);
        assert_eq!(p.style.bold_prefix, 0);
    }

    #[test]
    fn edge_grid_spans_union_of_rows() {
        // Row 1: one wide cell; row 2: two cells splitting it; edges 2 twips
        // apart are one.
        let r1 = [4000];
        let r2 = [2000, 4002];
        let g = EdgeGrid::new([(0, &r1[..]), (0, &r2[..])]);
        assert_eq!(g.span(0, 4000), (0, 2));
        assert_eq!(g.span(0, 2000), (0, 1));
        assert_eq!(g.span(2000, 4002), (1, 1));
    }

    #[test]
    fn empty_paragraphs_are_dropped_and_headings_kept() {
        let items = vec![
            Item::Para(Paragraph::new("  ", Provenance::default()), None),
            Item::Para(Paragraph::new("Plan", Provenance::default()), Some(0)),
            Item::Para(Paragraph::new("body", Provenance::default()), None),
        ];
        let b = into_blocks(items);
        assert_eq!(b.len(), 2);
        assert_eq!(title_of(&b).as_deref(), Some("Plan"));
    }
}
