//! Table rows, read by column meaning, into the lines the plan is built from.
//!
//! Why an intermediate form: the builder must not care whether a cell was
//! empty in a text export or covered by a vertical merge in a DOCX table, only
//! which of the two it was. A [`Line`] records exactly that, per meaning, and
//! nothing about the format.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Cell, Provenance, Rgb, Row, Slot, Table};
use crate::recognise::reference;

use super::columns::{ColumnMap, Extra, Meaning, is_header_repeat, merged_from_above};
use crate::contract::MAX_TEXT_BYTES;

/// One cell as the builder sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CellVal {
    /// The table has no such column, or the row has no cell there.
    #[default]
    Absent,
    /// The cell starts in this row: its non-empty paragraphs (maybe none).
    Text(Vec<String>),
    /// Covered by a cell that starts in a row above (a vertical merge): that
    /// cell's paragraphs, shared by every row it covers (a copy per row
    /// made a cell spanning n rows cost n times its text).
    Merged(Arc<[String]>),
}

impl CellVal {
    /// Paragraphs printed in this row (none for a merged or absent cell).
    pub fn own(&self) -> &[String] {
        match self {
            CellVal::Text(p) => p,
            _ => &[],
        }
    }

    pub fn has_own_text(&self) -> bool {
        !self.own().is_empty()
    }

    pub fn is_merged(&self) -> bool {
        matches!(self, CellVal::Merged(_))
    }

    /// The paragraphs this row reads, own or merged from above.
    pub fn read(&self) -> &[String] {
        match self {
            CellVal::Text(p) => p,
            CellVal::Merged(p) => p,
            CellVal::Absent => &[],
        }
    }

    /// A copy of what this row reads, for a field of its own. A merged
    /// cell is copied into every row it covers, so its copy stops once it
    /// holds more than a field can keep ([`MAX_TEXT_BYTES`]; the contract
    /// cuts the rest and says so): a cell spanning n rows cannot cost n
    /// times its whole text.
    pub fn copied(&self) -> Vec<String> {
        match self {
            CellVal::Merged(p) => bounded(p, MAX_TEXT_BYTES),
            other => other.read().to_vec(),
        }
    }
}

/// The first paragraphs of `p` up to just past `max` bytes: whole
/// paragraphs while they fit, then the next one cut one character past
/// `max` (so the joined text is still over `max` and its cut is reported).
fn bounded(p: &[String], max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0usize;
    for para in p {
        if total > max {
            break;
        }
        let room = max + 1 - total.min(max + 1);
        let cut = para
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .find(|&end| end > room)
            .unwrap_or(para.len());
        out.push(para[..cut].to_string());
        total += cut + 1;
    }
    out
}

/// A data row, cell by meaning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowData {
    pub ref_: CellVal,
    pub finding: CellVal,
    pub action: CellVal,
    pub timescale: CellVal,
    pub lead: CellVal,
    pub outcome: Vec<CellVal>,
    pub status: CellVal,
    pub progress: Vec<CellVal>,
    /// A theme column repeated on every row: the row's section.
    pub section: CellVal,
    /// A revised due: the timescale where filled.
    pub revised: CellVal,
    /// A percentage done.
    pub percent: CellVal,
    /// The ref of a finding printed apart.
    pub link: CellVal,
    /// The fill of the status cell (a RAG shown by colour alone).
    pub status_fill: Option<Rgb>,
    /// The table has a finding column (else any ref is the action's).
    pub finding_col: bool,
    /// The table has a ref column.
    pub ref_col: bool,
    /// The row follows a page break (it may carry on the row above).
    pub page_break_before: bool,
    pub at: Provenance,
}

/// What one table row contributes.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A group heading: a row with one short text cell ("Health", "THEME 2:
    /// Service Provision").
    Section(String),
    Data(Box<RowData>),
}

/// The non-empty, trimmed paragraphs of a cell.
pub fn paragraphs(cell: &Cell) -> Vec<String> {
    cell.paragraphs
        .iter()
        .map(|p| p.text.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Section headings are short labels, not sentences.
const MAX_SECTION_WORDS: usize = 12;

/// A row that spans the whole table is a heading by its layout, so it may
/// be longer: a priority with its statement ("Priority 2 – Families are
/// heard …").
const MAX_SPANNING_WORDS: usize = 30;

fn section_like(text: &str) -> bool {
    heading_of(text, MAX_SECTION_WORDS)
}

fn heading_of(text: &str, max_words: usize) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.split_whitespace().count() <= max_words
        && !t.ends_with('.')
        && reference::whole_ref(t).is_none()
}

/// A row of rule characters only ("-----" under a markdown-ish export).
fn is_rule_row(texts: &[String]) -> bool {
    texts.iter().any(|t| !t.is_empty())
        && texts.iter().all(|t| {
            t.chars()
                .all(|c| matches!(c, '-' | '=' | '_' | '|' | ':' | '+') || c.is_whitespace())
        })
}

/// The lines of `table`, read with `map`, starting after row `from` (the
/// header row, or before the first row for a table continuing an earlier
/// map). Rows before the header that hold a single short text are section
/// headings; other rows before it are ignored.
pub fn lines(table: &Table, map: &ColumnMap, header_row: Option<usize>) -> Vec<Line> {
    let slots = table.slots();
    let cells = Cells {
        table,
        slots: &slots,
        merged: RefCell::default(),
    };
    let mut out = Vec::new();
    let start = header_row.map_or(0, |h| h + 1);
    if let Some(h) = header_row {
        for row in table.rows.iter().take(h) {
            // Rows a spreadsheet repeats above its header on every page
            // (the title, "Last updated …") are print titles, not sections.
            if row.header {
                continue;
            }
            let texts: Vec<String> = row.cells.iter().map(Cell::text).collect();
            let filled: Vec<&String> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
            if let [only] = filled.as_slice()
                && section_like(only)
            {
                out.push(Line::Section(join_space(only)));
            }
        }
    }
    for (ri, row) in table.rows.iter().enumerate().skip(start) {
        crate::work::step(1);
        let texts: Vec<String> = row.cells.iter().map(Cell::text).collect();
        if row.header || is_header_repeat(map, &texts) || is_rule_row(&texts) {
            continue;
        }
        let filled: Vec<&Cell> = row.cells.iter().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        if let [only] = filled.as_slice()
            && !row.page_break_before
            && is_section_cell(only, row.cells.len(), map)
        {
            out.push(Line::Section(join_space(&only.text())));
            continue;
        }
        out.push(Line::Data(Box::new(read_row(&cells, ri, row, map))));
    }
    out
}

/// The only filled cell of a row is a section heading when it is a short
/// label and either spans several columns, or sits in the first column
/// where no action is written, or the row is much shorter than the header.
fn is_section_cell(cell: &Cell, row_cells: usize, map: &ColumnMap) -> bool {
    let whole_width = cell.col == 0 && cell.col_span >= map.width.max(2);
    if whole_width && heading_of(&cell.text(), MAX_SPANNING_WORDS) {
        return true;
    }
    if !section_like(&cell.text()) {
        return false;
    }
    let spans = cell.col_span > 1;
    let first_col = cell.col == 0 && map.first(Meaning::Action) != Some(0);
    let short_row = row_cells * 2 <= map.header_cells;
    spans || first_col || short_row
}

fn join_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Merged cells' paragraphs by (row, cell index), made once.
type SharedCells = HashMap<(usize, usize), Arc<[String]>>;

/// The table's cells as rows read them: each merged cell's paragraphs
/// made once and shared by the rows it covers.
struct Cells<'a> {
    table: &'a Table,
    slots: &'a [Vec<Slot>],
    merged: RefCell<SharedCells>,
}

impl Cells<'_> {
    fn val(&self, ri: usize, col: usize) -> CellVal {
        let Some(slot) = self.slots.get(ri).and_then(|r| r.get(col)).copied() else {
            return CellVal::Absent;
        };
        if let Some((r, c)) = merged_from_above(slot, ri) {
            let Some(cell) = self.table.cell(r, c) else {
                return CellVal::Absent;
            };
            let shared = self
                .merged
                .borrow_mut()
                .entry((r, c))
                .or_insert_with(|| paragraphs(cell).into())
                .clone();
            return CellVal::Merged(shared);
        }
        match slot {
            Slot::Origin(r, c) => match self.table.cell(r, c) {
                Some(cell) => CellVal::Text(paragraphs(cell)),
                None => CellVal::Absent,
            },
            // Covered from the left within this row: the text belongs to the
            // column where the cell starts.
            Slot::Covered(..) => CellVal::Text(Vec::new()),
            Slot::Empty => CellVal::Absent,
        }
    }
}

fn read_row(cells: &Cells, ri: usize, row: &Row, map: &ColumnMap) -> RowData {
    let (table, slots) = (cells.table, cells.slots);
    let one = |m: Meaning| map.first(m).map_or(CellVal::Absent, |c| cells.val(ri, c));
    let extra = |e: Extra| map.extra(e).map_or(CellVal::Absent, |c| cells.val(ri, c));
    let many =
        |m: Meaning| -> Vec<CellVal> { map.all(m).into_iter().map(|c| cells.val(ri, c)).collect() };
    RowData {
        ref_: one(Meaning::Ref),
        finding: one(Meaning::Finding),
        action: one(Meaning::Action),
        timescale: one(Meaning::Timescale),
        lead: one(Meaning::Lead),
        outcome: many(Meaning::Outcome),
        status: one(Meaning::Status),
        progress: many(Meaning::Progress),
        section: extra(Extra::Section),
        revised: extra(Extra::Revised),
        percent: extra(Extra::Percent),
        link: extra(Extra::Link),
        status_fill: map
            .first(Meaning::Status)
            .and_then(|c| match slots.get(ri).and_then(|r| r.get(c)) {
                Some(Slot::Origin(r, i)) => table.cell(*r, *i).and_then(|c| c.fill),
                _ => None,
            })
            .filter(|f| !f.is_whiteish()),
        finding_col: map.first(Meaning::Finding).is_some(),
        ref_col: map.first(Meaning::Ref).is_some(),
        page_break_before: row.page_break_before,
        at: row.at,
    }
}
