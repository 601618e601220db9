//! `w:body` into model blocks: paragraphs, headings and tables in body order.
//!
//! What is kept and why:
//! - Text the reader sees: `w:t`, tabs, line breaks; the text inside
//!   hyperlinks, fields (their shown result, not the instruction), content
//!   controls, smart tags and tracked insertions. Tracked deletions, hidden
//!   runs and field instructions are not text anyone reads.
//! - Automatic list numbers ("1.", "2.1", "b)") in front of numbered
//!   paragraphs, as Word prints them (see [`super::numbering`]); bullets are
//!   flagged as list items without a glyph.
//! - Text boxes (`w:txbxContent`, reached through DrawingML or VML), emitted
//!   after the paragraph that anchors them, so their text stays in order.
//! - Not kept: headers, footers, footnotes, endnotes and comments. They live
//!   in other parts, which this reader never opens; their reference marks in
//!   the body carry no text.
//!
//! Provenance: `index` counts every `w:p` in document order (table cells and
//! text boxes included), as Word numbers paragraphs. `page` is set only when
//! the file carries `w:lastRenderedPageBreak` marks (Word's record of its own
//! layout); explicit breaks alone cannot say where pages fall.

use crate::model::{Block, Cell, Paragraph, Provenance, ReadWarning, Rgb, Row, Style, Table};

use super::grid::{self, HMerge, RawCell, RawRow, VMerge};
use super::numbering::{Counters, Numbering};
use super::styles::{self, NumRef, RunProps, Styles, heading_from_outline};
use super::xml::{Element, Node, Ns};
use crate::read::blocks::{self, Item};

/// Deepest table nesting whose nested-table text is copied into the
/// enclosing cell's paragraphs; deeper text is dropped, so hostile nesting
/// cannot multiply memory without bound (no real document nests this deep).
const MAX_FLATTEN_DEPTH: usize = 8;

/// Largest table grid (rows x columns) accepted. [`Table::slots`] allocates
/// the whole grid, and a wide `gridSpan` in one row widens every row; this
/// keeps one table's grid to ~100 MB at worst.
const MAX_GRID_POSITIONS: usize = 4_000_000;

/// What one run contributed, for the paragraph's typography.
struct RunStat {
    /// Byte offset in the paragraph text (before any automatic list number
    /// is put in front) where the run's text ends.
    end: usize,
    chars: usize,
    bold: bool,
    size_half_points: Option<u32>,
    font: Option<String>,
}

/// A paragraph whose mark was deleted with change tracking on: Word's
/// Accept All joins it to the next paragraph, so its text waits for that
/// one. Kept whole in case no paragraph follows in the same container.
struct Carried {
    acc: Acc,
    item: Item,
}

#[derive(Default)]
struct Acc {
    text: String,
    runs: Vec<RunStat>,
    /// Page at the first visible character (a rendered break at the start of
    /// a paragraph puts the paragraph on the new page).
    first_page: Option<u32>,
    seen_text: bool,
}

pub struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    /// How many tables enclose the current position.
    table_depth: usize,
    para_index: u32,
    page: Option<u32>,
    pub warnings: Vec<ReadWarning>,
    /// Set when a table is over [`MAX_GRID_POSITIONS`]: the read fails.
    pub too_large: Option<String>,
    /// The paragraph with a deleted mark waiting to join the next one.
    carry: Option<Carried>,
    /// Fonts and style names, shared by the paragraphs that carry them.
    names: blocks::Names,
}

/// The branch of `mc:AlternateContent` to read: the first `mc:Choice`, else
/// the `mc:Fallback`. Reading both would duplicate every text box.
fn choose(alt: &Element) -> Option<&Element> {
    alt.elements()
        .find(|e| e.ns == Ns::Mc && &*e.name == "Choice")
        .or_else(|| {
            alt.elements()
                .find(|e| e.ns == Ns::Mc && &*e.name == "Fallback")
        })
}

/// Does the tree hold a `w:` element named `name`? (Iterative: the tree may be
/// as deep as the depth limit allows.)
pub fn contains_w(root: &Element, name: &str) -> bool {
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if e.is_w(name) {
            return true;
        }
        stack.extend(e.elements());
    }
    false
}

fn parse_count(e: Option<&Element>) -> Option<usize> {
    e.and_then(|e| e.val())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| v.min(grid::MAX_COLUMNS as f64) as usize)
}

impl<'a> Walker<'a> {
    pub fn new(styles: &'a Styles, numbering: &'a Numbering, rendered_pages: bool) -> Self {
        Walker {
            styles,
            numbering,
            counters: Counters::default(),
            table_depth: 0,
            para_index: 0,
            page: rendered_pages.then_some(1),
            warnings: Vec::new(),
            too_large: None,
            names: blocks::Names::default(),
            carry: None,
        }
    }

    /// The body's blocks, in order. The body is taken, not borrowed: each
    /// top-level element's tree is freed once it is read, and a table's
    /// rows one by one, so that the tree and the model it becomes are not
    /// both held whole (the tree is some five times the XML: a 100,000-row
    /// table held both at its peak).
    pub fn body(&mut self, mut body: Element) -> Vec<Block> {
        let mut items = Vec::new();
        let outer = self.carry.take();
        for child in std::mem::take(&mut body.children) {
            if let Node::Element(child) = child {
                if child.is_w("tbl") {
                    self.flush_carry(&mut items);
                    let t = self.table_owned(child);
                    items.push(Item::Table(t));
                } else {
                    self.block(&child, &mut items);
                }
            }
        }
        self.flush_carry(&mut items);
        self.carry = outer;
        blocks::into_blocks(items)
    }

    fn here(&self) -> Provenance {
        Provenance {
            page: self.page,
            line: None,
            index: Some(self.para_index),
        }
    }

    /// The blocks of a story that paragraphs cannot join across (the body,
    /// a cell, a text box): a paragraph whose deleted mark is its last one
    /// stays a paragraph of its own.
    fn container(&mut self, container: &Element, out: &mut Vec<Item>) {
        let outer = self.carry.take();
        self.blocks(container, out);
        self.flush_carry(out);
        self.carry = outer;
    }

    /// A carried paragraph with nothing after it to join: emitted as it is.
    fn flush_carry(&mut self, out: &mut Vec<Item>) {
        if let Some(c) = self.carry.take() {
            out.push(c.item);
        }
    }

    /// Block-level content: paragraphs, tables and the wrappers they sit in
    /// (content controls, custom XML, tracked insertions).
    fn blocks(&mut self, container: &Element, out: &mut Vec<Item>) {
        for child in container.elements() {
            self.block(child, out);
        }
    }

    /// One block-level element of [`Self::blocks`].
    fn block(&mut self, child: &Element, out: &mut Vec<Item>) {
        match (child.ns, &*child.name) {
            (Ns::W, "p") => self.paragraph(child, out),
            (Ns::W, "tbl") => {
                self.flush_carry(out);
                let t = self.table(child);
                out.push(Item::Table(t));
            }
            (Ns::W, "sdt") => {
                if let Some(content) = control_content(child) {
                    self.blocks(content, out);
                }
            }
            (Ns::W, "customXml" | "ins" | "moveTo") => self.blocks(child, out),
            (Ns::Mc, "AlternateContent") => {
                if let Some(branch) = choose(child) {
                    self.blocks(branch, out);
                }
            }
            (Ns::W, "altChunk") => {
                // An imported HTML/RTF/DOCX part Word merges when it opens
                // the file: its text is not in WordprocessingML here.
                self.warnings.push(ReadWarning {
                    code: "docx.alt_chunk",
                    message: "imported content (w:altChunk) is not read".into(),
                    at: self.here(),
                });
            }
            _ => {}
        }
    }

    fn paragraph(&mut self, p: &Element, out: &mut Vec<Item>) {
        let mut at = self.here();
        self.para_index = self.para_index.saturating_add(1);
        let ppr = p.child_w("pPr");
        let style_id = ppr.and_then(|x| x.child_w("pStyle")).and_then(|e| e.val());
        let style = self.styles.paragraph(style_id);
        let base = match style {
            Some(s) => self.styles.defaults.overlay(&s.run),
            None => self.styles.defaults.clone(),
        };
        // A paragraph before this one whose mark was deleted: its text opens this one.
        let mut acc = self.carry.take().map(|c| c.acc).unwrap_or_default();
        let mut extras = Vec::new();
        self.inline(p, &base, &mut acc, &mut extras);
        let mark_deleted = ppr
            .and_then(|x| x.child_w("rPr"))
            .is_some_and(|r| r.child_w("del").is_some() || r.child_w("moveFrom").is_some());
        if acc.first_page.is_some() {
            at.page = acc.first_page;
        }

        // Heading: Title stays a title; otherwise a direct outline level wins
        // over the style's.
        let direct_outline = ppr
            .and_then(|x| x.child_w("outlineLvl"))
            .and_then(|e| e.val())
            .and_then(|v| v.trim().parse::<u8>().ok());
        // A style id with no definition (a styles part lost or trimmed by a
        // converter) still says "Heading2" or "Title" by its id.
        let style_heading = match style_id {
            Some(id) if !self.styles.defines(id) => styles::heading_from_name(id),
            _ => style.and_then(|s| s.heading),
        };
        let heading = match (style_heading, direct_outline) {
            (Some(0), _) => Some(0),
            (_, Some(lvl)) => heading_from_outline(lvl),
            (h, None) => h,
        };

        // List: direct numPr over the style's; numId 0 switches numbering off.
        let direct = ppr.and_then(|x| x.child_w("numPr")).map(NumRef::from_numpr);
        let from_style = style.and_then(|s| s.num.as_ref());
        let num_id = direct
            .as_ref()
            .and_then(|n| n.num_id.as_deref())
            .or_else(|| from_style.and_then(|n| n.num_id.as_deref()));
        let ilvl = direct
            .as_ref()
            .and_then(|n| n.ilvl)
            .or_else(|| from_style.and_then(|n| n.ilvl))
            .unwrap_or(0)
            .min(8);
        let list_id = num_id.filter(|id| self.numbering.is_list(id, ilvl));
        let list = list_id.map(|_| ilvl);
        // Word's automatic number, as printed before the text. A paragraph
        // that joins the next one takes that one's numbering, so it counts none.
        let label = list_id
            .filter(|_| !mark_deleted)
            .and_then(|id| self.numbering.label(&mut self.counters, id, ilvl))
            .unwrap_or_default();
        let mut text = String::with_capacity(label.len() + acc.text.len());
        text.push_str(&label);
        text.push_str(&acc.text);

        let mut style = typography(&acc.runs, style.map(|s| s.name.as_str()), &mut self.names);
        if let Some(end) = bold_opening(&acc.runs, &acc.text) {
            style.bold_prefix = label.len() + end;
        }
        let para = Paragraph {
            furniture: false,
            style,
            text,
            list,
            at,
        };
        if mark_deleted {
            out.extend(extras);
            self.carry = Some(Carried {
                acc,
                item: Item::Para(para, heading),
            });
            return;
        }
        out.push(Item::Para(para, heading));
        out.extend(extras);
    }

    /// Paragraph content: runs and the wrappers runs sit in.
    fn inline(&mut self, el: &Element, base: &RunProps, acc: &mut Acc, extras: &mut Vec<Item>) {
        for child in el.elements() {
            match (child.ns, &*child.name) {
                (Ns::W, "r") => self.run(child, base, acc, extras),
                (
                    Ns::W,
                    "hyperlink" | "fldSimple" | "smartTag" | "customXml" | "ins" | "moveTo" | "dir"
                    | "bdo",
                ) => self.inline(child, base, acc, extras),
                (Ns::W, "sdt") => {
                    if let Some(content) = control_content(child) {
                        self.inline(content, base, acc, extras);
                    }
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = choose(child) {
                        self.inline(branch, base, acc, extras);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, base: &RunProps, acc: &mut Acc, extras: &mut Vec<Item>) {
        let rpr = r.child_w("rPr");
        let mut props = base.clone();
        if let Some(cs) = rpr
            .and_then(|x| x.child_w("rStyle"))
            .and_then(|e| e.val())
            .and_then(|id| self.styles.character(id))
        {
            props = props.overlay(&cs.run);
        }
        if let Some(rpr) = rpr {
            props = props.overlay(&RunProps::from_rpr(rpr));
        }
        if props.hidden == Some(true) {
            return;
        }
        let start = acc.text.len();
        self.run_content(r, acc, extras);
        let chars = acc
            .text
            .get(start..)
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        if chars > 0 {
            acc.runs.push(RunStat {
                end: acc.text.len(),
                chars,
                bold: props.is_bold(),
                size_half_points: props.size_half_points,
                font: props.font,
            });
        }
    }

    fn push_text(&self, acc: &mut Acc, s: &str) {
        if !acc.seen_text && s.chars().any(|c| !c.is_whitespace()) {
            acc.seen_text = true;
            acc.first_page = self.page;
        }
        acc.text.push_str(s);
    }

    fn run_content(&mut self, el: &Element, acc: &mut Acc, extras: &mut Vec<Item>) {
        for child in el.elements() {
            match (child.ns, &*child.name) {
                (Ns::W, "t") => {
                    let t = child.text();
                    self.push_text(acc, &t);
                }
                (Ns::W, "tab" | "ptab") => acc.text.push('\t'),
                (Ns::W, "br") => {
                    let soft = matches!(child.attr("type"), None | Some("textWrapping"));
                    if soft || !(acc.text.is_empty() || acc.text.ends_with('\n')) {
                        acc.text.push('\n');
                    }
                }
                (Ns::W, "cr") => acc.text.push('\n'),
                (Ns::W, "noBreakHyphen") => self.push_text(acc, "-"),
                (Ns::W, "lastRenderedPageBreak") => {
                    self.page = self.page.map(|p| p.saturating_add(1));
                }
                (Ns::W, "drawing" | "pict" | "object") => self.text_boxes(child, extras),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = choose(child) {
                        self.run_content(branch, acc, extras);
                    }
                }
                _ => {}
            }
        }
    }

    /// Every `w:txbxContent` under a drawing, in order, read as blocks.
    fn text_boxes(&mut self, el: &Element, out: &mut Vec<Item>) {
        for child in el.elements() {
            if child.is_w("txbxContent") {
                self.container(child, out);
            } else if child.ns == Ns::Mc && &*child.name == "AlternateContent" {
                if let Some(branch) = choose(child) {
                    self.text_boxes(branch, out);
                }
            } else {
                self.text_boxes(child, out);
            }
        }
    }

    fn table(&mut self, tbl: &Element) -> Table {
        self.table_with(|w, rows| {
            for child in tbl.elements() {
                w.rows_of(child, rows);
            }
        })
    }

    /// [`Self::table`] for a table the walker owns: each row's tree is
    /// freed as soon as the row is read (see [`Self::body`]).
    fn table_owned(&mut self, mut tbl: Element) -> Table {
        self.table_with(|w, rows| {
            for child in std::mem::take(&mut tbl.children) {
                if let Node::Element(child) = child {
                    w.rows_of(&child, rows);
                }
            }
        })
    }

    /// The rows `child` of a `w:tbl` holds: itself if it is a `w:tr`, else
    /// those of the wrapper it is.
    fn rows_of(&mut self, child: &Element, rows: &mut Vec<RawRow>) {
        let mut tr_elements = Vec::new();
        collect_one(child, "tr", &mut tr_elements);
        for tr in tr_elements {
            rows.extend(self.row(tr));
        }
    }

    /// A `w:tr` as read, or None for a row deleted with tracked changes
    /// (not in the table anyone reads).
    fn row(&mut self, tr: &Element) -> Option<RawRow> {
        let trpr = tr.child_w("trPr");
        if trpr.and_then(|p| p.child_w("del")).is_some() {
            return None;
        }
        let row_at = self.here();
        let header = trpr
            .and_then(|p| p.child_w("tblHeader"))
            .is_some_and(Element::on_off);
        let grid_before = parse_count(trpr.and_then(|p| p.child_w("gridBefore"))).unwrap_or(0);
        let grid_after = parse_count(trpr.and_then(|p| p.child_w("gridAfter"))).unwrap_or(0);
        let mut tc_elements = Vec::new();
        collect_w(tr, "tc", &mut tc_elements);
        let cells = tc_elements.into_iter().map(|tc| self.cell(tc)).collect();
        Some(RawRow {
            header,
            grid_before,
            grid_after,
            cells,
            row: Row {
                at: row_at,
                ..Default::default()
            },
        })
    }

    /// A table of the rows `read_rows` gathers, one nesting level down:
    /// spans resolved, the grid checked.
    fn table_with(&mut self, read_rows: impl FnOnce(&mut Self, &mut Vec<RawRow>)) -> Table {
        self.table_depth += 1;
        let at = self.here();
        let first_page = self.page;
        let mut raw_rows = Vec::new();
        read_rows(self, &mut raw_rows);
        self.table_depth -= 1;
        let (rows, columns) = grid::build(raw_rows);
        if rows.len().saturating_mul(columns.max(1)) > MAX_GRID_POSITIONS {
            self.too_large.get_or_insert(format!(
                "a table of {} rows x {} columns is over {MAX_GRID_POSITIONS} grid positions",
                rows.len(),
                columns
            ));
        }
        let pages = match (first_page, self.page) {
            (Some(a), Some(b)) if b >= a => (a..=b).collect(),
            _ => Vec::new(),
        };
        Table {
            rows,
            columns,
            pages,
            at,
        }
    }

    fn cell(&mut self, tc: &Element) -> RawCell {
        let at = self.here();
        let tcpr = tc.child_w("tcPr");
        let grid_span = parse_count(tcpr.and_then(|p| p.child_w("gridSpan")))
            .unwrap_or(1)
            .max(1);
        let v_merge = match tcpr.and_then(|p| p.child_w("vMerge")) {
            None => VMerge::None,
            Some(v) if v.val().is_some_and(|s| s.eq_ignore_ascii_case("restart")) => {
                VMerge::Restart
            }
            Some(_) => VMerge::Continue,
        };
        let h_merge = match tcpr.and_then(|p| p.child_w("hMerge")) {
            None => HMerge::None,
            Some(v) if v.val().is_some_and(|s| s.eq_ignore_ascii_case("restart")) => {
                HMerge::Restart
            }
            Some(_) => HMerge::Continue,
        };
        let fill = tcpr.and_then(|p| p.child_w("shd")).and_then(shading_fill);
        let mut items = Vec::new();
        self.container(tc, &mut items);
        let mut paragraphs = Vec::new();
        for item in items {
            match item {
                Item::Para(p, _) => paragraphs.push(p),
                // Each level copies the text of the levels below it.
                Item::Table(t) => {
                    if self.table_depth <= MAX_FLATTEN_DEPTH {
                        flatten_into(&t, &mut paragraphs);
                    }
                }
            }
        }
        // Exact size: a one-paragraph cell would otherwise hold room for
        // four (~400 bytes a cell of a long table, issue 20).
        paragraphs.shrink_to_fit();
        RawCell {
            grid_span,
            v_merge,
            h_merge,
            cell: Cell {
                col: 0,
                col_span: 1,
                row_span: 1,
                paragraphs,
                fill,
                at,
            },
        }
    }
}

/// What a content control shows: its `w:sdtContent`, unless the control is
/// showing its placeholder ("Click or tap to enter a date."), which is a
/// prompt to whoever fills the form in, not content: then nothing.
fn control_content(sdt: &Element) -> Option<&Element> {
    let placeholder = sdt
        .child_w("sdtPr")
        .and_then(|p| p.child_w("showingPlcHdr"))
        .is_some_and(Element::on_off);
    if placeholder {
        return None;
    }
    sdt.child_w("sdtContent")
}

/// A cell's background from its `w:shd`: the fill colour, or the pattern
/// colour where the pattern is solid (which covers the fill). "auto", "nil"
/// and white or near-white give `None`: a page-coloured cell says nothing.
fn shading_fill(shd: &Element) -> Option<Rgb> {
    let pattern = shd.val().unwrap_or("clear");
    if pattern == "nil" {
        return None;
    }
    let colour = shd.attr("color").and_then(Rgb::from_hex);
    let fill = shd.attr("fill").and_then(Rgb::from_hex);
    let rgb = if pattern == "solid" {
        colour.or(fill)
    } else {
        fill
    };
    rgb.filter(|c| !c.is_whiteish())
}

/// End (byte offset in `text`, trailing spaces left out) of the bold run(s)
/// a paragraph opens with, when it opens bold and is not bold throughout:
/// a label such as "Who:" before plain text.
fn bold_opening(runs: &[RunStat], text: &str) -> Option<usize> {
    let first_plain = runs.iter().position(|r| !r.bold)?;
    let end = runs[..first_plain].last()?.end;
    let end = text.get(..end)?.trim_end().len();
    (end > 0).then_some(end)
}

/// `w:` children named `name`, looking through the wrappers rows and cells
/// may sit in (content controls, custom XML, tracked insertions).
fn collect_w<'e>(el: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for child in el.elements() {
        collect_one(child, name, out);
    }
}

/// [`collect_w`] for one child: itself if it is a `name`, else the `name`s
/// in it if it is a wrapper.
fn collect_one<'e>(child: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    match (child.ns, &*child.name) {
        (Ns::W, n) if n == name => out.push(child),
        (Ns::W, "sdt") => {
            if let Some(content) = child.child_w("sdtContent") {
                collect_w(content, name, out);
            }
        }
        (Ns::W, "customXml" | "ins" | "moveTo") => collect_w(child, name, out),
        (Ns::Mc, "AlternateContent") => {
            if let Some(branch) = choose(child) {
                collect_w(branch, name, out);
            }
        }
        _ => {}
    }
}

/// A nested table's text as paragraphs of the enclosing cell, row by row.
fn flatten_into(t: &Table, out: &mut Vec<Paragraph>) {
    for row in &t.rows {
        for cell in &row.cells {
            out.extend(cell.paragraphs.iter().cloned());
        }
    }
}

/// Paragraph typography from its runs: bold when every visible run is; size
/// and font the ones carrying most characters.
fn typography(runs: &[RunStat], name: Option<&str>, names: &mut blocks::Names) -> Style {
    let bold = !runs.is_empty() && runs.iter().all(|r| r.bold);
    let mut sizes: Vec<(u32, usize)> = Vec::new();
    let mut fonts: Vec<(&str, usize)> = Vec::new();
    for r in runs {
        if let Some(s) = r.size_half_points {
            match sizes.iter_mut().find(|(k, _)| *k == s) {
                Some((_, n)) => *n += r.chars,
                None => sizes.push((s, r.chars)),
            }
        }
        if let Some(f) = r.font.as_deref() {
            match fonts.iter_mut().find(|(k, _)| *k == f) {
                Some((_, n)) => *n += r.chars,
                None => fonts.push((f, r.chars)),
            }
        }
    }
    // max_by_key keeps the last maximum; iterate reversed so the first wins ties.
    let size = sizes
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| *s as f32 / 2.0);
    let font = fonts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(f, _)| names.get(f));
    Style {
        bold,
        size,
        font,
        name: name.map(|n| names.get(n)),
        bold_prefix: 0,
    }
}
