//! The document as one reading-order stream of text lines and tables,
//! without the blocks flagged as page furniture (running headers, footers,
//! page numbers: `recognise::furniture`).
//!
//! Why a stream: an annual report's structure is carried by the order of
//! things (a heading, then its figures; a caption, then its table), not by
//! the block type a reader happened to choose. A DOCX heading and a text
//! export's plain line are the same line here, remembering only what
//! typography said (`heading`, `list`).

use crate::contract::At;
use crate::interpret::at_of;
use crate::model::{Block, Cell, Document, Provenance, Row, Table, bullets};

use super::text::norm;

/// One line of body text.
#[derive(Debug, Clone)]
pub struct Line {
    /// Normalised text (white space collapsed, trimmed, a leading bullet
    /// glyph removed); a multi-line paragraph's lines joined by a space.
    pub text: String,
    /// Each line of a paragraph of several lines, normalised.
    pub lines: Vec<String>,
    /// The paragraph's first line, normalised (equal to `text` for one-line
    /// paragraphs).
    pub first: String,
    /// Heading level where the format marks one (a heading style, a font).
    pub heading: Option<u8>,
    /// A list item (bullet or numbered paragraph).
    pub list: bool,
    /// The first line held a tab (a heading's number is often followed by one).
    pub tab: bool,
    /// The first line's tab-separated parts, normalised, where it held a
    /// tab: a table row that a reader left as a line ("Name\tPost").
    pub cells: Vec<String>,
    pub page: Option<u32>,
    /// Where the paragraph starts, as the model gave it.
    pub from: Provenance,
}

/// One item of the stream.
#[derive(Debug, Clone)]
pub enum Item<'a> {
    Line(Line),
    Table(&'a Table),
}

impl Line {
    /// A one-line paragraph with no typography (tests, and lines rebuilt
    /// from cells).
    pub fn plain(t: &str, list: bool) -> Line {
        Line {
            text: t.replace('\t', " "),
            first: t.replace('\t', " "),
            lines: vec![t.replace('\t', " ")],
            heading: None,
            list,
            tab: t.contains('\t'),
            cells: tab_cells(t),
            page: None,
            from: Provenance::default(),
        }
    }

    /// Where the paragraph starts, for the items read from it.
    pub fn at(&self) -> At {
        at_of(self.from)
    }

    /// Where the paragraph's `k`-th line starts: `k` lines below the
    /// paragraph's own start where the input has lines.
    pub fn at_line(&self, k: usize) -> At {
        at_of(self.from.nth_line(k))
    }
}

impl Item<'_> {
    pub fn line(&self) -> Option<&Line> {
        match self {
            Item::Line(l) => Some(l),
            Item::Table(_) => None,
        }
    }

    /// Where the item starts: a line's paragraph, a table's first row.
    pub fn at(&self) -> At {
        match self {
            Item::Line(l) => l.at(),
            Item::Table(t) => t.rows.first().map(row_at).unwrap_or_default(),
        }
    }
}

/// Where a cell starts: its own position, else its first paragraph's,
/// else its row's (`row`).
pub fn cell_at(cell: &Cell, row: &Row) -> At {
    std::iter::once(cell.at)
        .chain(cell.paragraphs.iter().map(|p| p.at))
        .map(at_of)
        .find(|a| *a != At::default())
        .unwrap_or_else(|| row_at(row))
}

/// Where a table row starts: the row's own position where the reader
/// recorded one, else its first cell's or cell paragraph's.
pub fn row_at(row: &Row) -> At {
    std::iter::once(row.at)
        .chain(
            row.cells
                .iter()
                .flat_map(|c| std::iter::once(c.at).chain(c.paragraphs.iter().map(|p| p.at))),
        )
        .map(at_of)
        .find(|a| *a != At::default())
        .unwrap_or_default()
}

/// Build the stream for a document.
pub fn build(doc: &Document) -> Vec<Item<'_>> {
    let mut items = Vec::with_capacity(doc.blocks.len());
    for b in &doc.blocks {
        match b {
            // Page furniture, flagged once after reading (`recognise::furniture`).
            Block::Heading(h) if h.furniture => {}
            Block::Paragraph(p) if p.furniture => {}
            Block::Heading(h) => push_line(&mut items, &h.text, Some(h.level), false, h.at),
            Block::Paragraph(p) => push_line(&mut items, &p.text, None, p.list.is_some(), p.at),
            Block::Table(t) => items.push(Item::Table(t)),
        }
    }
    items
}

fn push_line(
    items: &mut Vec<Item<'_>>,
    raw: &str,
    heading: Option<u8>,
    list: bool,
    at: Provenance,
) {
    let mut bullet = false;
    let lines: Vec<String> = raw
        .lines()
        .map(|l| {
            let (t, b) = bullets::strip_bullet(l);
            bullet |= b;
            norm(t)
        })
        .filter(|l| !l.is_empty())
        .collect();
    let Some(first) = lines.first().cloned() else {
        return;
    };
    let first_raw = raw.trim().lines().next().unwrap_or("");
    items.push(Item::Line(Line {
        text: lines.join(" "),
        first,
        lines,
        tab: first_raw.contains('\t'),
        cells: tab_cells(first_raw),
        heading,
        list: list || bullet,
        page: at.page,
        from: at,
    }));
}

/// A line's tab-separated parts, normalised and non-empty; none without a tab.
fn tab_cells(line: &str) -> Vec<String> {
    if !line.contains('\t') {
        return Vec::new();
    }
    line.split('\t')
        .map(norm)
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Paragraph, Provenance};

    fn para(t: &str, page: u32) -> Block {
        Block::Paragraph(Paragraph::new(t, Provenance::page(page)))
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped() {
        let mut doc = Document::new(crate::model::Format::Pdf);
        let words = ["one", "two", "three", "four"];
        for (p, w) in (1..=4).zip(words) {
            doc.blocks
                .push(para(&format!("{p} | Annual Report 2021/22"), p));
            doc.blocks.push(para(&format!("Body text on page {w}"), p));
            doc.blocks.push(para("Online Safety", p));
            doc.blocks
                .push(para(&format!("Body text again on page {w}"), p));
            doc.blocks.push(para(&format!("Page {p} of 4"), p));
            doc.blocks.push(para(&format!("{p}"), p));
        }
        crate::recognise::furniture::flag_document(
            &mut doc,
            &crate::recognise::Grammars::builtin(),
        );
        let items = build(&doc);
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|i| i.line())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(texts.len(), 12);
        assert!(
            texts
                .iter()
                .all(|t| t.starts_with("Body text") || *t == "Online Safety")
        );
    }

    #[test]
    fn flagged_blocks_are_skipped() {
        let mut doc = Document::new(crate::model::Format::Pdf);
        doc.blocks.push(Block::Paragraph(Paragraph {
            furniture: true,
            ..Paragraph::new("Harbour Notes", Provenance::page(1))
        }));
        doc.blocks.push(para("Harbour Notes", 1));
        let items = build(&doc);
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn section_numbers_at_page_tops_are_not_furniture() {
        let mut doc = Document::new(crate::model::Format::Text);
        let titles = ["Harbour works", "Tide tables", "Ferry rota", "Lighthouse"];
        for (p, t) in (1..=4).zip(titles) {
            doc.blocks.push(para(&format!("{p}."), p));
            doc.blocks.push(para(t, p));
            doc.blocks.push(para(&format!("Notes for chapter {t}"), p));
        }
        crate::recognise::furniture::flag_document(
            &mut doc,
            &crate::recognise::Grammars::builtin(),
        );
        let items = build(&doc);
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|i| i.line())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(texts.len(), 12);
        assert_eq!(texts[0], "1.");
    }
}
