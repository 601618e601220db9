//! An ODF body (`office:text` or `office:spreadsheet`) into items.
//!
//! Whitespace follows ODF's rule: runs of XML whitespace in a paragraph are
//! one space, and `text:s`, `text:tab` and `text:line-break` are the spaces,
//! tabs and breaks the author typed.

use crate::model::{Cell, Provenance, Row, Table};
use crate::read::blocks::{self, Item, Runs};
use crate::read::docx::styles::heading_from_name;
use crate::read::docx::xml::{Element, Node};
use crate::read::lists::{Counters, put_label};

use super::styles::Styles;

/// Widest table grid built; a spreadsheet row may declare 16,384 columns.
const MAX_COLUMNS: usize = 512;
/// Most rows one table keeps (a sheet may declare a million).
const MAX_ROWS: usize = 100_000;
/// Largest repeat materialised for a row or cell that holds content; empty
/// repeats (a sheet's unused area) are counted but never built.
const MAX_REPEAT: usize = 1_000;
/// Most spaces one `text:s` gives.
const MAX_SPACES: usize = 1_000;

/// Elements whose content is not body text: tracked deletions, comments,
/// notes, forms, declarations.
const SKIP: &[&str] = &[
    "tracked-changes",
    "annotation",
    "annotation-end",
    "note",
    "sequence-decls",
    "variable-decls",
    "user-field-decls",
    "forms",
    "table-of-content-source",
    "index-title-template",
    "ruby-text",
];

pub struct Walker<'a> {
    styles: &'a Styles,
    pub items: Vec<Item>,
    /// A spreadsheet: repeated blank cells and trailing blank rows are a
    /// sheet's unused area, not content.
    sheet: bool,
    depth: usize,
    index: u32,
    pub too_large: Option<String>,
    /// The list style of the list being walked, and whether the next
    /// paragraph opens a list item (and so carries its number).
    list_style: Option<String>,
    opens_item: bool,
    counters: Counters,
}

impl<'a> Walker<'a> {
    pub fn new(styles: &'a Styles) -> Self {
        Walker {
            styles,
            items: Vec::new(),
            sheet: false,
            depth: 0,
            index: 0,
            too_large: None,
            list_style: None,
            opens_item: false,
            counters: Counters::default(),
        }
    }

    /// Walk a block container into the walker's items.
    pub fn container(&mut self, el: &Element) {
        self.sheet = &*el.name == "spreadsheet";
        let mut items = std::mem::take(&mut self.items);
        self.blocks(el, None, &mut items);
        self.items = items;
    }

    fn blocks(&mut self, el: &Element, list: Option<u8>, out: &mut Vec<Item>) {
        for c in el.elements() {
            match &*c.name {
                "p" | "h" => self.paragraph(c, list, out),
                "list" => self.list(c, list, out),
                "numbered-paragraph" => {
                    let level = list.map_or(0, |l| l.saturating_add(1));
                    self.blocks(c, Some(level), out);
                }
                "list-item" => {
                    self.opens_item = true;
                    self.blocks(c, list, out);
                    self.opens_item = false;
                }
                // Nesting is bounded by the XML depth limit.
                "table" => {
                    let t = self.table(c);
                    out.push(Item::Table(t));
                }
                n if SKIP.contains(&n) => {}
                _ => self.blocks(c, list, out),
            }
        }
    }

    /// A `text:list`: its style (or the enclosing list's) numbers its
    /// items. A list at the top restarts its numbering unless it says it
    /// continues the list before (`text:continue-numbering`,
    /// `text:continue-list`).
    fn list(&mut self, c: &Element, list: Option<u8>, out: &mut Vec<Item>) {
        let level = list.map_or(0, |l| l.saturating_add(1));
        let style = c
            .attr("style-name")
            .map(str::to_string)
            .or_else(|| self.list_style.clone());
        let continues =
            c.attr("continue-numbering") == Some("true") || c.attr("continue-list").is_some();
        if list.is_none()
            && !continues
            && let Some(s) = &style
        {
            self.counters.restart(s);
        }
        let outer = std::mem::replace(&mut self.list_style, style);
        self.blocks(c, Some(level), out);
        self.list_style = outer;
    }

    /// The number printed before a list item's first paragraph.
    fn item_label(&mut self, list: Option<u8>) -> Option<String> {
        if !std::mem::take(&mut self.opens_item) {
            return None;
        }
        let style = self.list_style.as_deref()?;
        self.styles
            .numbering
            .label(&mut self.counters, style, list?.min(8))
    }

    fn paragraph(&mut self, p: &Element, list: Option<u8>, out: &mut Vec<Item>) {
        let label = self.item_label(list);
        let style = p.attr("style-name");
        let name = self.styles.paragraph_name(style);
        let bold = self.styles.bold("paragraph", style).unwrap_or(false);
        let mut runs = Runs::default();
        let mut boxes = Vec::new();
        self.inline(p, bold, &mut runs, &mut boxes);
        let heading = if &*p.name == "h" {
            Some(
                p.attr("outline-level")
                    .and_then(|l| l.trim().parse::<u8>().ok())
                    .map_or(1, |l| l.clamp(1, 9)),
            )
        } else {
            name.as_deref().and_then(heading_from_name)
        };
        let at = Provenance {
            index: Some(self.index),
            ..Default::default()
        };
        self.index += 1;
        let mut para = runs.finish(name, list, at);
        if let Some(label) = label {
            put_label(&mut para, &label);
        }
        out.push(Item::Para(para, heading));
        for b in boxes {
            self.blocks(b, list, out);
        }
    }

    /// A paragraph's inline content; text boxes (`draw:text-box`) are set
    /// aside to follow the paragraph.
    fn inline<'e>(
        &self,
        el: &'e Element,
        bold: bool,
        runs: &mut Runs,
        boxes: &mut Vec<&'e Element>,
    ) {
        for node in &el.children {
            match node {
                Node::Text(t) => push_collapsed(runs, t, bold),
                Node::Element(c) => match &*c.name {
                    "s" => {
                        let n = c
                            .attr("c")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(MAX_SPACES);
                        runs.push_plain(&" ".repeat(n));
                    }
                    "tab" => runs.push_plain("\t"),
                    "line-break" => runs.push_plain("\n"),
                    "text-box" => boxes.push(c),
                    "span" | "a" => {
                        let b = self
                            .styles
                            .bold("text", c.attr("style-name"))
                            .unwrap_or(bold);
                        self.inline(c, b, runs, boxes);
                    }
                    n if SKIP.contains(&n) => {}
                    _ => self.inline(c, bold, runs, boxes),
                },
            }
        }
    }

    fn table(&mut self, t: &Element) -> Table {
        self.depth += 1;
        let mut rows = Vec::new();
        self.rows(t, false, &mut rows);
        self.depth -= 1;
        if self.sheet {
            trim_trailing(&mut rows);
        }
        let columns = rows
            .iter()
            .flat_map(|r: &Row| r.cells.iter().map(|c| c.col + c.col_span))
            .max()
            .unwrap_or(0);
        Table {
            rows,
            columns,
            pages: Vec::new(),
            at: Provenance::default(),
        }
    }

    fn rows(&mut self, el: &Element, header: bool, out: &mut Vec<Row>) {
        for c in el.elements() {
            match &*c.name {
                "table-row" => {
                    let repeat = repeat(c, "number-rows-repeated");
                    let row = self.row(c, header);
                    let blank = row.cells.iter().all(|c| c.is_empty() && c.fill.is_none());
                    let n = if blank && repeat > MAX_REPEAT {
                        // A sheet's unused area: one row stands for it, and
                        // trailing blank rows are trimmed afterwards.
                        1
                    } else {
                        repeat.min(MAX_REPEAT)
                    };
                    for _ in 0..n {
                        if out.len() >= MAX_ROWS {
                            self.too_large
                                .get_or_insert_with(|| format!("a table over {MAX_ROWS} rows"));
                            return;
                        }
                        out.push(row.clone());
                    }
                }
                "table-header-rows" => self.rows(c, true, out),
                "table-rows" | "table-row-group" => self.rows(c, header, out),
                _ => {}
            }
        }
    }

    fn row(&mut self, r: &Element, header: bool) -> Row {
        let mut cells = Vec::new();
        let mut col = 0usize;
        // Covered cells that stand for the columns a spanning cell of this
        // row already counted (ODF writes one after each such cell; some
        // producers leave them out, so they are counted, not assumed).
        let mut absorb = 0usize;
        for c in r.elements() {
            if col >= MAX_COLUMNS {
                break;
            }
            let repeat = repeat(c, "number-columns-repeated");
            match &*c.name {
                "covered-table-cell" => {
                    let k = repeat.min(absorb);
                    absorb -= k;
                    col = col.saturating_add(repeat - k);
                }
                "table-cell" => {
                    let cell = self.cell(c, col);
                    absorb = cell.col_span - 1;
                    let blank = cell.is_empty() && cell.fill.is_none();
                    let n = repeat.min(MAX_COLUMNS - col);
                    if blank && self.sheet {
                        // Empty cells need no model cell when repeated: a
                        // short row is read the same. One is kept so the
                        // row's width is known.
                        if repeat == 1 {
                            cells.push(cell);
                        }
                        col += n;
                        continue;
                    }
                    for _ in 0..n {
                        let mut copy = cell.clone();
                        copy.col = col;
                        col += copy.col_span;
                        cells.push(copy);
                    }
                }
                _ => {}
            }
        }
        Row {
            cells,
            header,
            page_break_before: false,
            at: Provenance::default(),
        }
    }

    fn cell(&mut self, c: &Element, col: usize) -> Cell {
        let span = |a: &str, max: usize| {
            c.attr(a)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, max)
        };
        let col_span = span("number-columns-spanned", MAX_COLUMNS - col);
        let row_span = span("number-rows-spanned", MAX_ROWS);
        let mut items = Vec::new();
        self.blocks(c, None, &mut items);
        let paragraphs = blocks::cell_content(items, self.depth);
        Cell {
            col,
            col_span,
            row_span,
            paragraphs,
            fill: blocks::fill(self.styles.cell_fill(c.attr("style-name"))),
            at: Provenance::default(),
        }
    }
}

fn repeat(e: &Element, attr: &str) -> usize {
    e.attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Drop trailing rows with nothing in them, and trailing blank cells of each
/// row (a spreadsheet's unused area), keeping spans that reach into them.
fn trim_trailing(rows: &mut Vec<Row>) {
    for row in rows.iter_mut() {
        while row
            .cells
            .last()
            .is_some_and(|c| c.is_empty() && c.fill.is_none() && c.row_span == 1)
        {
            row.cells.pop();
        }
    }
    while rows.last().is_some_and(|r| r.cells.is_empty()) {
        rows.pop();
    }
}

/// ODF whitespace: tabs, newlines and runs of spaces in the XML are one
/// space (collapsing across runs too).
fn push_collapsed(runs: &mut Runs, t: &str, bold: bool) {
    let mut s = String::with_capacity(t.len());
    let mut space = runs.text().ends_with(' ') || runs.is_empty();
    for ch in t.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r') {
            if !space {
                s.push(' ');
                space = true;
            }
        } else {
            s.push(ch);
            space = false;
        }
    }
    runs.push(&s, bold);
}
