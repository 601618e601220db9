//! Word 97-2003 binary documents (`.doc`): the OLE container through `cfb`,
//! the FIB, the piece table and the paragraph properties, into the model.
//!
//! What is read: the main document's text (headers, footers, footnotes and
//! comments lie past it and are not), field results (not instructions),
//! paragraphs with their heading level (outline level, or a "heading N" /
//! "Title" style) and list level, and tables: paragraphs marked in-table
//! gather into cells at each cell mark (`\x07`), a row ends at the mark whose
//! properties say so (`sprmPFTtp`), and that mark's row definition gives the
//! cell edges (the grid is rebuilt from the union of a table's edges, as for
//! RTF), vertical and horizontal merges and cell shading. Nested tables are
//! read as paragraphs of the outer cell.
//!
//! List numbers are computed from the list tables (`lists`), as Word
//! prints them. Not read: character formatting other than bold, numbering
//! that a paragraph takes from its style only, pictures and objects. Encrypted and obfuscated files
//! get `doc.encrypted`; files from before Word 97 `doc.unsupported_version`.

mod lists;
mod props;

use std::io::{Cursor, Read};

use crate::model::{Cell, Document, Format, Provenance, Row, Table};
use crate::read::blocks::{self, EdgeGrid, Item, Runs};
use crate::read::docx::grid::{self, RawCell, RawRow};
use crate::read::lists::{Counters, Numbering, put_label};

use super::Limits;
use props::{Chpx, Papx, RowDef, u16_at, u32_at};

/// Most characters of main text read.
const MAX_CHARS: u32 = 50_000_000;
/// Most pieces in the piece table.
const MAX_PIECES: usize = 1_000_000;
/// Deepest field nesting tracked.
const MAX_FIELDS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("not a readable Word 97-2003 file: {0}")]
    Malformed(String),
    #[error("a password-protected Word 97-2003 file")]
    Encrypted,
    #[error("a Word file older than Word 97 (nFib {0}); save it as DOCX")]
    OldVersion(u16),
    #[error("too large: {0}")]
    TooLarge(String),
}

impl DocError {
    pub fn code(&self) -> &'static str {
        match self {
            DocError::Malformed(_) => "doc.malformed",
            DocError::Encrypted => "doc.encrypted",
            DocError::OldVersion(_) => "doc.unsupported_version",
            DocError::TooLarge(_) => "doc.too_large",
        }
    }
}

fn malformed(s: impl Into<String>) -> DocError {
    DocError::Malformed(s.into())
}

/// A stream of the compound file, read whole (bounded by the input size).
fn stream(ole: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut s = ole.open_stream(name).ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    Some(out)
}

/// One piece of the piece table: CPs `[cp, cp_end)` stored at `fc`, one
/// byte per character (windows-1252) when `compressed`, else UTF-16LE.
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, DocError> {
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| malformed(format!("damaged OLE container: {e}")))?;
    let word =
        stream(&mut ole, "WordDocument").ok_or_else(|| malformed("no WordDocument stream"))?;
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(malformed("the FIB does not start with 0xA5EC"));
    }
    let nfib = u16_at(&word, 2).unwrap_or(0);
    if nfib < 0x00C1 && nfib != 0 {
        return Err(DocError::OldVersion(nfib));
    }
    let flags = u16_at(&word, 0x0A).unwrap_or(0);
    // fEncrypted (bit 8) or fObfuscated (bit 15).
    if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
        return Err(DocError::Encrypted);
    }
    let table_name = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let table =
        stream(&mut ole, table_name).ok_or_else(|| malformed(format!("no {table_name} stream")))?;

    // FibBase (32 bytes), csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + pairs.
    let csw = u16_at(&word, 32).ok_or_else(|| malformed("truncated FIB"))? as usize;
    let lw = 34 + csw * 2;
    let cslw = u16_at(&word, lw).ok_or_else(|| malformed("truncated FIB"))? as usize;
    let rg_lw = lw + 2;
    let ccp_text = u32_at(&word, rg_lw + 3 * 4).ok_or_else(|| malformed("truncated FIB"))?;
    let fc_lcb = rg_lw + cslw * 4 + 2;
    let pair = |i: usize| -> Option<(usize, usize)> {
        let fc = u32_at(&word, fc_lcb + i * 8)? as usize;
        let lcb = u32_at(&word, fc_lcb + i * 8 + 4)? as usize;
        Some((fc, lcb))
    };
    let slice = |i: usize| -> &[u8] {
        pair(i)
            .and_then(|(fc, lcb)| table.get(fc..fc.checked_add(lcb)?))
            .unwrap_or(&[])
    };
    let clx = slice(33);
    if clx.is_empty() {
        return Err(malformed("no piece table (Clx)"));
    }
    let pieces = piece_table(clx)?;
    let data = stream(&mut ole, "Data").unwrap_or_default();
    let papx = Papx::read(slice(13), &word, &data);
    let chpx = Chpx::read(slice(12), &word);
    // Shared by the paragraphs in each style (see `blocks::Names`).
    let styles: Vec<std::sync::Arc<str>> = props::style_names(slice(1))
        .into_iter()
        .map(Into::into)
        .collect();
    let (numbering, list_ids) = lists::read(
        &table,
        pair(73).unwrap_or_default(),
        pair(74).unwrap_or_default(),
    );
    if ccp_text > MAX_CHARS || ccp_text as u64 * 2 > limits.max_input_bytes.saturating_mul(4) {
        return Err(DocError::TooLarge(format!("{ccp_text} characters of text")));
    }

    let mut w = Walker {
        papx: &papx,
        chpx: &chpx,
        styles: &styles,
        numbering: &numbering,
        list_ids: &list_ids,
        counters: Counters::default(),
        bold: false,
        runs: Runs::default(),
        utf16: Vec::new(),
        fields: Vec::new(),
        cell_items: Vec::new(),
        row_cells: Vec::new(),
        table: Vec::new(),
        items: Vec::new(),
        index: 0,
    };
    for p in &pieces {
        if p.cp >= ccp_text {
            continue;
        }
        let end = p.cp_end.min(ccp_text);
        for cp in p.cp..end {
            let i = cp - p.cp;
            let (ch, fc) = if p.compressed {
                let fc = p.fc / 2 + i;
                let Some(&b) = word.get(fc as usize) else {
                    break;
                };
                (cp1252(b), fc)
            } else {
                let fc = p.fc + i * 2;
                let Some(u) = u16_at(&word, fc as usize) else {
                    break;
                };
                (u, fc)
            };
            w.char(ch, fc);
        }
    }
    w.flush_utf16();
    if !w.runs.text().trim().is_empty() {
        w.end_paragraph(props::Para::default());
    }
    if !w.row_cells.is_empty() || !w.cell_items.is_empty() {
        w.end_row(None);
    }
    w.end_table();
    let blocks = blocks::into_blocks(std::mem::take(&mut w.items));
    let mut doc = Document::new(Format::Doc);
    doc.title = blocks::title_of(&blocks);
    doc.blocks = blocks;
    Ok(doc)
}

/// The PlcPcd inside the Clx (after any Prc entries).
fn piece_table(clx: &[u8]) -> Result<Vec<Piece>, DocError> {
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| malformed("truncated Clx"))? as usize;
                at += 3 + cb;
            }
            Some(2) => break,
            _ => return Err(malformed("no piece table in the Clx")),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| malformed("truncated Clx"))? as usize;
    let plc = clx
        .get(at + 5..(at + 5).saturating_add(lcb).min(clx.len()))
        .unwrap_or(&[]);
    // (n+1) CPs then n 8-byte PCDs.
    let n = plc.len().saturating_sub(4) / 12;
    if n > MAX_PIECES {
        return Err(DocError::TooLarge(format!("{n} pieces")));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (Some(cp), Some(cp_end)) = (u32_at(plc, i * 4), u32_at(plc, i * 4 + 4)) else {
            break;
        };
        let Some(fc) = u32_at(plc, (n + 1) * 4 + i * 8 + 2) else {
            break;
        };
        if cp_end <= cp {
            continue;
        }
        let compressed = fc & 0x4000_0000 != 0;
        out.push(Piece {
            cp,
            cp_end,
            fc: fc & 0x3FFF_FFFF,
            compressed,
        });
    }
    out.sort_by_key(|p| p.cp);
    Ok(out)
}

/// A compressed piece's byte: windows-1252, as Word stores 8-bit text.
fn cp1252(b: u8) -> u16 {
    let one = [b];
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
    s.encode_utf16().next().unwrap_or(b as u16)
}

struct Walker<'a> {
    papx: &'a Papx,
    chpx: &'a Chpx,
    /// The weight of the text in `utf16`.
    bold: bool,
    styles: &'a [std::sync::Arc<str>],
    /// The document's lists, and the list id of each LFO.
    numbering: &'a Numbering,
    list_ids: &'a [String],
    counters: Counters,
    runs: Runs,
    utf16: Vec<u16>,
    /// Open fields: true while in the instruction (before `\x14`).
    fields: Vec<bool>,
    cell_items: Vec<Item>,
    row_cells: Vec<Vec<Item>>,
    table: Vec<(RowDef, Vec<Vec<Item>>)>,
    items: Vec<Item>,
    index: u32,
}

impl Walker<'_> {
    fn char(&mut self, ch: u16, fc: u32) {
        let flags = self.chpx.at(fc);
        if flags & props::DELETED != 0 {
            // A tracked deletion: accepted, so not read (marks included, so
            // a deleted row or paragraph break goes too).
            return;
        }
        match ch {
            0x13 => {
                if self.fields.len() < MAX_FIELDS {
                    self.fields.push(true);
                }
                return;
            }
            0x14 => {
                if let Some(f) = self.fields.last_mut() {
                    *f = false;
                }
                return;
            }
            0x15 => {
                self.fields.pop();
                return;
            }
            _ => {}
        }
        let in_instruction = self.fields.iter().any(|&f| f);
        match ch {
            0x0D | 0x07 => {
                self.flush_utf16();
                let mut p = self.papx.at(fc);
                if ch == 0x07 {
                    p.in_table = true;
                }
                if ch == 0x07 && p.ttp {
                    self.end_row(Some(p));
                } else if ch == 0x07 && p.itap <= 1 {
                    self.end_paragraph(p);
                    let cell = std::mem::take(&mut self.cell_items);
                    self.row_cells.push(cell);
                } else if p.ttp && p.itap <= 1 {
                    // A row end written as a paragraph mark.
                    self.end_row(Some(p));
                } else {
                    self.end_paragraph(p);
                }
            }
            _ if in_instruction => {}
            0x0B => self.plain("\n"),
            0x09 => self.plain("\t"),
            0x0C => self.plain("\n"),
            0x00..=0x1D | 0x1F => {}
            _ => {
                let bold = flags & props::BOLD != 0;
                if bold != self.bold {
                    self.flush_utf16();
                    self.bold = bold;
                }
                // A non-breaking hyphen is a hyphen.
                self.utf16
                    .push(if ch == 0x1E { u16::from(b'-') } else { ch });
            }
        }
    }

    fn flush_utf16(&mut self) {
        if self.utf16.is_empty() {
            return;
        }
        let s = String::from_utf16_lossy(&std::mem::take(&mut self.utf16));
        self.runs.push(&s, self.bold);
    }

    fn plain(&mut self, s: &str) {
        self.flush_utf16();
        self.runs.push_plain(s);
    }

    fn end_paragraph(&mut self, p: props::Para) {
        self.flush_utf16();
        let runs = std::mem::take(&mut self.runs);
        let name = self
            .styles
            .get(p.istd as usize)
            .cloned()
            .filter(|n| !n.is_empty());
        let heading = blocks::heading_level(p.outline, name.as_deref());
        let at = Provenance {
            index: Some(self.index),
            ..Default::default()
        };
        self.index += 1;
        let mut para = runs.finish(name, p.list, at);
        // Word's automatic number, as printed before the text.
        if let Some(level) = p.list
            && let Some(id) = lists::list_id(self.list_ids, p.ilfo)
            && let Some(label) = self.numbering.label(&mut self.counters, id, level)
        {
            put_label(&mut para, &label);
        }
        let item = Item::Para(para, heading);
        if p.in_table || p.itap >= 1 {
            self.cell_items.push(item);
        } else {
            self.end_table();
            self.items.push(item);
        }
    }

    fn end_row(&mut self, p: Option<props::Para>) {
        if !self.runs.text().trim().is_empty() || !self.cell_items.is_empty() {
            self.end_paragraph(props::Para {
                in_table: true,
                ..Default::default()
            });
            let cell = std::mem::take(&mut self.cell_items);
            self.row_cells.push(cell);
        }
        self.runs = Runs::default();
        let cells = std::mem::take(&mut self.row_cells);
        let def = p.and_then(|p| p.row).unwrap_or_default();
        self.table.push((def, cells));
    }

    fn end_table(&mut self) {
        if self.table.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.table);
        self.items.push(Item::Table(build_table(rows)));
    }
}

/// Rows of (definition, cells of items) into a model table.
fn build_table(rows: Vec<(RowDef, Vec<Vec<Item>>)>) -> Table {
    let grid = EdgeGrid::new(rows.iter().filter_map(|(d, _)| {
        let (&left, rights) = d.edges.split_first()?;
        Some((left, rights))
    }));
    let mut raw_rows = Vec::with_capacity(rows.len());
    for (def, cells) in rows {
        let mut raw = RawRow {
            header: def.header,
            row: Row::default(),
            ..Default::default()
        };
        let mut next_col = 0;
        for (i, items) in cells.into_iter().enumerate() {
            let cd = def.cells.get(i).cloned().unwrap_or_default();
            let (col, span) = match (def.edges.get(i), def.edges.get(i + 1)) {
                (Some(&l), Some(&r)) => grid.span(l, r),
                _ => (next_col, 1),
            };
            if i == 0 {
                raw.grid_before = col;
            }
            next_col = col + span;
            raw.cells.push(RawCell {
                grid_span: span,
                v_merge: cd.v,
                h_merge: cd.h,
                cell: Cell {
                    fill: blocks::fill(cd.fill),
                    ..Cell::new(0, blocks::cell_content(items, 1))
                },
            });
        }
        raw_rows.push(raw);
    }
    let (rows, columns) = grid::build(raw_rows);
    Table {
        rows,
        columns,
        pages: Vec::new(),
        at: Provenance::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Rgb};
    use std::io::Write;

    const TEXT_AT: usize = 2048;
    const FKP_PAGE: usize = 2;

    /// A sprm with its operand.
    fn sprm(code: u16, op: &[u8]) -> Vec<u8> {
        let mut v = code.to_le_bytes().to_vec();
        v.extend_from_slice(op);
        v
    }

    /// sprmTDefTable for cells with these right edges and (h, v) merge bits.
    fn tdef(edges: &[i16], merges: &[(u16, u16)]) -> Vec<u8> {
        let mut op = vec![(edges.len() - 1) as u8];
        for e in edges {
            op.extend_from_slice(&e.to_le_bytes());
        }
        for &(h, v) in merges {
            let mut tc = vec![0u8; 20];
            tc[..2].copy_from_slice(&(h | (v << 5)).to_le_bytes());
            op.extend_from_slice(&tc);
        }
        let mut out = 0xD608u16.to_le_bytes().to_vec();
        out.extend_from_slice(&((op.len() + 1) as u16).to_le_bytes());
        out.extend_from_slice(&op);
        out
    }

    /// A Word 97 file of 8-bit `text` whose paragraphs (each ending at a
    /// `\r` or `\x07`) have the given (istd, grpprl), and a stylesheet with
    /// `styles`.
    fn doc_file(text: &[u8], paras: &[(u16, Vec<u8>)], styles: &[&str], flags: u16) -> Vec<u8> {
        let mut word = vec![0u8; TEXT_AT + text.len()];
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&(flags | 0x0200).to_le_bytes());
        word[32..34].copy_from_slice(&14u16.to_le_bytes());
        word[62..64].copy_from_slice(&22u16.to_le_bytes());
        word[76..80].copy_from_slice(&(text.len() as u32).to_le_bytes());
        word[152..154].copy_from_slice(&93u16.to_le_bytes());
        word[TEXT_AT..].copy_from_slice(text);
        // The FKP: one run per paragraph.
        let ends: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\r' || **b == 7)
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(ends.len(), paras.len());
        let mut page = vec![0u8; 512];
        let crun = ends.len();
        page[511] = crun as u8;
        let mut start = 0;
        for (r, &end) in ends.iter().enumerate() {
            page[r * 4..r * 4 + 4].copy_from_slice(&((TEXT_AT + start) as u32).to_le_bytes());
            start = end;
        }
        page[crun * 4..crun * 4 + 4].copy_from_slice(&((TEXT_AT + start) as u32).to_le_bytes());
        let mut free = 510usize;
        for (r, (istd, grpprl)) in paras.iter().enumerate() {
            let mut body = istd.to_le_bytes().to_vec();
            body.extend_from_slice(grpprl);
            if body.len() % 2 == 1 {
                body.push(0);
            }
            let len = 2 + body.len();
            free = (free - len) & !1;
            page[free] = 0;
            page[free + 1] = (body.len() / 2) as u8;
            page[free + 2..free + 2 + body.len()].copy_from_slice(&body);
            page[(crun + 1) * 4 + r * 13] = (free / 2) as u8;
        }
        word[FKP_PAGE * 512..FKP_PAGE * 512 + 512].copy_from_slice(&page);

        let mut table = Vec::new();
        let mut put = |word: &mut Vec<u8>, index: usize, data: &[u8]| {
            let at = 154 + index * 8;
            word[at..at + 4].copy_from_slice(&(table.len() as u32).to_le_bytes());
            word[at + 4..at + 8].copy_from_slice(&(data.len() as u32).to_le_bytes());
            table.extend_from_slice(data);
        };
        // Clx: one compressed piece.
        let mut clx = vec![2u8];
        clx.extend_from_slice(&16u32.to_le_bytes());
        clx.extend_from_slice(&0u32.to_le_bytes());
        clx.extend_from_slice(&(text.len() as u32).to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
        clx.extend_from_slice(&(((TEXT_AT * 2) as u32) | 0x4000_0000).to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
        put(&mut word, 33, &clx);
        // PlcBtePapx: one page covering everything.
        let mut plc = Vec::new();
        plc.extend_from_slice(&(TEXT_AT as u32).to_le_bytes());
        plc.extend_from_slice(&((TEXT_AT + text.len()) as u32).to_le_bytes());
        plc.extend_from_slice(&(FKP_PAGE as u32).to_le_bytes());
        put(&mut word, 13, &plc);
        // STSH: Stshi of 4 bytes (cstd, cbSTDBaseInFile = 10), then STDs.
        let mut stsh = 4u16.to_le_bytes().to_vec();
        stsh.extend_from_slice(&(styles.len() as u16).to_le_bytes());
        stsh.extend_from_slice(&10u16.to_le_bytes());
        for name in styles {
            let mut std = vec![0u8; 10];
            let units: Vec<u16> = name.encode_utf16().collect();
            std.extend_from_slice(&(units.len() as u16).to_le_bytes());
            for u in units {
                std.extend_from_slice(&u.to_le_bytes());
            }
            std.extend_from_slice(&[0, 0]);
            stsh.extend_from_slice(&(std.len() as u16).to_le_bytes());
            stsh.extend_from_slice(&std);
        }
        put(&mut word, 1, &stsh);

        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        c.create_stream("/WordDocument")
            .unwrap()
            .write_all(&word)
            .unwrap();
        c.create_stream("/1Table")
            .unwrap()
            .write_all(&table)
            .unwrap();
        c.flush().unwrap();
        c.into_inner().into_inner()
    }

    fn texts(d: &Document) -> Vec<String> {
        crate::read::blocks::block_texts(d)
    }

    #[test]
    fn text_fields_headings_and_a_merged_table() {
        let in_table = sprm(0x2416, &[1]);
        let row_end = |edges: &[i16], merges: &[(u16, u16)], shd: bool| {
            let mut g = in_table.clone();
            g.extend(sprm(0x2417, &[1]));
            g.extend(tdef(edges, merges));
            if shd {
                let mut op = vec![20u8];
                op.extend_from_slice(&[0, 0, 0, 0xFF, 0xFF, 0xC0, 0, 0, 0, 0]);
                op.extend_from_slice(&[0, 0, 0, 0xFF, 0, 0, 0, 0xFF, 0, 0]);
                g.extend(sprm(0xD612, &op));
            }
            g
        };
        let text = b"Plan\rCaf\xe9 \x13 HYPERLINK x \x14link\x15 \x96 ok\x0bnext\r\
            Ref\x07Action\x07\x07\
            1\x07Audit\rfiles\x07\x07\
            \x07Train\x07\x07\
            After\r";
        let paras = vec![
            (1, vec![]),
            (0, vec![]),
            (0, in_table.clone()),
            (0, in_table.clone()),
            (0, row_end(&[0, 1000, 3000], &[(0, 0), (0, 0)], false)),
            (0, in_table.clone()),
            (0, in_table.clone()),
            (0, in_table.clone()),
            (0, row_end(&[0, 1000, 3000], &[(0, 3), (0, 0)], true)),
            (0, in_table.clone()),
            (0, in_table.clone()),
            (0, row_end(&[0, 1000, 3000], &[(0, 1), (0, 0)], false)),
            (0, sprm(0x2640, &[1])),
        ];
        let bytes = doc_file(text, &paras, &["Normal", "Title"], 0);
        let d = read(&bytes, &Limits::default()).unwrap();
        assert_eq!(
            texts(&d),
            vec![
                "#0 Plan",
                "Caf\u{e9} link \u{2013} ok\nnext",
                "<table>",
                "#2 After"
            ]
        );
        assert_eq!(d.title.as_deref(), Some("Plan"));
        let Block::Table(t) = &d.blocks[2] else {
            panic!()
        };
        assert_eq!(t.columns, 2);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].cells[0].row_span, 2);
        assert_eq!(t.rows[1].cells[1].text(), "Audit\nfiles");
        assert_eq!(t.rows[1].cells[0].fill, Some(Rgb::new(0xFF, 0xC0, 0)));
        assert_eq!(t.rows[2].cells.len(), 1);
        assert_eq!(t.rows[2].cells[0].text(), "Train");
    }

    #[test]
    fn encrypted_old_and_damaged_files_say_so() {
        let enc = doc_file(b"x\r", &[(0, vec![])], &[], 0x0100);
        assert_eq!(
            read(&enc, &Limits::default()).unwrap_err().code(),
            "doc.encrypted"
        );
        let mut old = doc_file(b"x\r", &[(0, vec![])], &[], 0);
        // nFib lives in the WordDocument stream; rebuild with an old one.
        let mut ole = cfb::CompoundFile::open(Cursor::new(&mut old)).unwrap();
        let mut s = ole.open_stream("/WordDocument").unwrap();
        std::io::Seek::seek(&mut s, std::io::SeekFrom::Start(2)).unwrap();
        s.write_all(&0x0065u16.to_le_bytes()).unwrap();
        drop(s);
        drop(ole);
        assert_eq!(
            read(&old, &Limits::default()).unwrap_err().code(),
            "doc.unsupported_version"
        );
        assert_eq!(
            read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1junk", &Limits::default())
                .unwrap_err()
                .code(),
            "doc.malformed"
        );
    }
}
