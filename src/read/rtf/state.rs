//! The RTF interpreter: group state, destinations, paragraphs and tables.

use std::collections::HashMap;

use encoding_rs::Encoding;

use crate::model::{Block, Cell, Provenance, Rgb, Row, Table};
use crate::read::blocks::{self, EdgeGrid, Item, Runs};
use crate::read::docx::grid::{self, HMerge, RawCell, RawRow, VMerge};

use super::lex::{Lexer, Token};

/// Deepest group nesting followed; deeper groups are read as skipped.
const MAX_GROUPS: usize = 1_000;
/// Most cell definitions one row keeps (Word allows 63).
const MAX_CELLS: usize = 512;
/// Largest `\ucN` honoured.
const MAX_UC: usize = 16;

/// Where a group's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Body,
    Skip,
    FontTable,
    ColorTable,
    StyleSheet,
    Title,
    ListText,
}

/// Destinations whose content is not body text.
const SKIPPED: &[&str] = &[
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "atndate",
    "atnref",
    "fldinst",
    "xe",
    "tc",
    "txe",
    "bkmkstart",
    "bkmkend",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "xmlnstbl",
    "generator",
    "filetbl",
    "private",
    "pgdsctbl",
    "nonshppict",
    "shp",
    "shpinst",
    "do",
    "author",
    "operator",
    "subject",
    "keywords",
    "comment",
    "doccomm",
    "company",
    "category",
    "manager",
    "template",
    "userprops",
    "docvar",
    "pn",
    "pntxta",
    "pntxtb",
    "mmathPr",
    "sp",
    "sn",
    "sv",
];

#[derive(Debug, Clone)]
struct Group {
    dest: Dest,
    uc: usize,
    bold: bool,
    hidden: bool,
    font: i32,
    // Paragraph properties (reset by \pard).
    intbl: bool,
    style: i32,
    outline: Option<u8>,
    list: Option<u8>,
    ilvl: u8,
    /// Set by the first token of a group: destination words only count there.
    fresh: bool,
    /// `\*` seen: an unknown destination in this group is skipped.
    star: bool,
}

impl Default for Group {
    fn default() -> Self {
        Group {
            dest: Dest::Body,
            uc: 1,
            bold: false,
            hidden: false,
            font: -1,
            intbl: false,
            style: 0,
            outline: None,
            list: None,
            ilvl: 0,
            fresh: true,
            star: false,
        }
    }
}

/// One cell definition of a `\trowd`.
#[derive(Debug, Clone, Default)]
struct CellDef {
    right: i32,
    v: VMerge,
    h: HMerge,
    back: Option<usize>,
    fore: Option<usize>,
    shading: i32,
}

#[derive(Debug, Clone, Default)]
struct RowDef {
    left: i32,
    header: bool,
    cells: Vec<CellDef>,
}

pub struct Reader {
    stack: Vec<Group>,
    g: Group,
    /// Groups past [`MAX_GROUPS`] not pushed (their closes are matched here).
    overflow: usize,
    doc_cp: &'static Encoding,
    fonts: HashMap<i32, i32>,
    font_def: i32,
    colors: Vec<Option<Rgb>>,
    color: (u8, u8, u8),
    styles: HashMap<i32, std::sync::Arc<str>>,
    style_def: Option<i32>,
    style_text: String,
    title: String,
    list_label: String,
    // Text decoding.
    bytes: Vec<u8>,
    utf16: Vec<u16>,
    skip: usize,
    // Content.
    runs: Runs,
    row: RowDef,
    pending: CellDef,
    cell_items: Vec<Item>,
    row_cells: Vec<Vec<Item>>,
    table: Vec<(RowDef, Vec<Vec<Item>>)>,
    items: Vec<Item>,
    index: u32,
}

impl Reader {
    pub fn new() -> Self {
        Reader {
            stack: Vec::new(),
            g: Group::default(),
            overflow: 0,
            doc_cp: encoding_rs::WINDOWS_1252,
            fonts: HashMap::new(),
            font_def: -1,
            colors: Vec::new(),
            color: (0, 0, 0),
            styles: HashMap::new(),
            style_def: None,
            style_text: String::new(),
            title: String::new(),
            list_label: String::new(),
            bytes: Vec::new(),
            utf16: Vec::new(),
            skip: 0,
            runs: Runs::default(),
            row: RowDef::default(),
            pending: CellDef::default(),
            cell_items: Vec::new(),
            row_cells: Vec::new(),
            table: Vec::new(),
            items: Vec::new(),
            index: 0,
        }
    }

    pub fn run(&mut self, src: &[u8]) {
        let mut lex = Lexer::new(src);
        while let Some(tok) = lex.next() {
            match tok {
                Token::Open => self.open(),
                Token::Close => self.close(),
                Token::Word("bin", n) => {
                    // Binary payload: never text, may hold braces.
                    lex.skip_bytes(n.unwrap_or(0).max(0) as usize);
                    self.g.fresh = false;
                }
                Token::Word(w, n) => {
                    let fresh = std::mem::replace(&mut self.g.fresh, false);
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    self.word(w, n, fresh);
                }
                Token::Symbol(c) => {
                    let fresh = std::mem::replace(&mut self.g.fresh, false);
                    if c == b'*' && fresh {
                        self.g.star = true;
                        self.g.fresh = true;
                        continue;
                    }
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    self.symbol(c);
                }
                Token::Hex(b) => {
                    self.g.fresh = false;
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    self.byte_text(&[b]);
                }
                Token::Text(t) => {
                    self.g.fresh = false;
                    let n = t.len().min(self.skip);
                    self.skip -= n;
                    self.byte_text(&t[n..]);
                }
            }
        }
        self.flush_text();
    }

    fn open(&mut self) {
        self.flush_text();
        self.skip = 0;
        if self.stack.len() >= MAX_GROUPS {
            self.overflow += 1;
            return;
        }
        let mut inner = self.g.clone();
        inner.fresh = true;
        inner.star = false;
        self.stack.push(std::mem::replace(&mut self.g, inner));
    }

    fn close(&mut self) {
        self.flush_text();
        self.skip = 0;
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let Some(outer) = self.stack.pop() else {
            return;
        };
        let closing = std::mem::replace(&mut self.g, outer);
        match closing.dest {
            Dest::StyleSheet if self.g.dest == Dest::StyleSheet => self.end_style(),
            Dest::FontTable => self.font_def = -1,
            _ => {}
        }
    }

    fn word(&mut self, w: &str, n: Option<i32>, fresh: bool) {
        if fresh {
            if let Some(d) = self.destination(w) {
                self.g.dest = d;
                return;
            }
            if self.g.star {
                self.g.dest = Dest::Skip;
                return;
            }
        }
        if self.g.dest == Dest::Skip {
            return;
        }
        let on = n != Some(0);
        match self.g.dest {
            Dest::FontTable => {
                match w {
                    "f" => self.font_def = n.unwrap_or(-1),
                    "fcharset" => {
                        self.fonts.insert(self.font_def, n.unwrap_or(0));
                    }
                    _ => {}
                }
                return;
            }
            Dest::ColorTable => {
                let v = n.unwrap_or(0).clamp(0, 255) as u8;
                match w {
                    "red" => self.color.0 = v,
                    "green" => self.color.1 = v,
                    "blue" => self.color.2 = v,
                    _ => {}
                }
                return;
            }
            Dest::StyleSheet => {
                match w {
                    "s" => self.style_def = n,
                    "cs" | "ds" | "ts" => self.style_def = None,
                    _ => {}
                }
                return;
            }
            _ => {}
        }
        match w {
            "ansicpg" => {
                if let Some(e) = n
                    .and_then(|c| u16::try_from(c).ok())
                    .and_then(codepage::to_encoding)
                {
                    self.doc_cp = e;
                }
            }
            "mac" => self.doc_cp = encoding_rs::MACINTOSH,
            "uc" => self.g.uc = n.unwrap_or(1).clamp(0, MAX_UC as i32) as usize,
            "u" => {
                let v = n.unwrap_or(0);
                let unit = if v < 0 { v + 65536 } else { v };
                self.flush_bytes();
                self.utf16.push(unit.clamp(0, 0xFFFF) as u16);
                self.skip = self.g.uc;
            }
            "b" => self.set_bold(on),
            "plain" => {
                self.set_bold(false);
                self.g.hidden = false;
            }
            "v" | "deleted" => self.g.hidden = on,
            "f" => {
                self.flush_text();
                self.g.font = n.unwrap_or(-1);
            }
            "par" | "sect" => self.end_paragraph(),
            "pard" => {
                self.g.intbl = false;
                self.g.style = 0;
                self.g.outline = None;
                self.g.list = None;
                self.g.ilvl = 0;
            }
            "intbl" => self.g.intbl = true,
            "itap" => self.g.intbl = n.unwrap_or(1) > 0,
            "s" => self.g.style = n.unwrap_or(0),
            "outlinelevel" => {
                self.g.outline = n.and_then(|l| u8::try_from(l).ok()).filter(|l| *l < 9)
            }
            "ls" => self.g.list = Some(self.g.ilvl),
            "ilvl" => {
                self.g.ilvl = n.unwrap_or(0).clamp(0, 8) as u8;
                if self.g.list.is_some() {
                    self.g.list = Some(self.g.ilvl);
                }
            }
            "cell" | "nestcell" => self.end_cell(w == "nestcell"),
            "row" => self.end_row(),
            "trowd" => {
                self.row = RowDef::default();
                self.pending = CellDef::default();
            }
            "trleft" => self.row.left = n.unwrap_or(0),
            "trhdr" => self.row.header = true,
            "clvmgf" => self.pending.v = VMerge::Restart,
            "clvmrg" => self.pending.v = VMerge::Continue,
            "clmgf" => self.pending.h = HMerge::Restart,
            "clmrg" => self.pending.h = HMerge::Continue,
            "clcbpat" => self.pending.back = n.and_then(|v| usize::try_from(v).ok()),
            "clcfpat" => self.pending.fore = n.and_then(|v| usize::try_from(v).ok()),
            "clshdng" => self.pending.shading = n.unwrap_or(0),
            "cellx" => {
                let mut def = std::mem::take(&mut self.pending);
                def.right = n.unwrap_or(0);
                if self.row.cells.len() < MAX_CELLS {
                    self.row.cells.push(def);
                }
            }
            "tab" => self.plain("\t"),
            "line" => self.plain("\n"),
            "emdash" => self.text("\u{2014}"),
            "endash" => self.text("\u{2013}"),
            "bullet" => self.text("\u{2022}"),
            "lquote" => self.text("\u{2018}"),
            "rquote" => self.text("\u{2019}"),
            "ldblquote" => self.text("\u{201C}"),
            "rdblquote" => self.text("\u{201D}"),
            "emspace" | "enspace" | "qmspace" => self.text(" "),
            _ => {}
        }
    }

    fn destination(&self, w: &str) -> Option<Dest> {
        Some(match w {
            "fonttbl" => Dest::FontTable,
            "colortbl" => Dest::ColorTable,
            "stylesheet" => Dest::StyleSheet,
            "info" => Dest::Skip,
            "title" if self.stack.iter().any(|g| g.dest == Dest::Skip) => Dest::Title,
            "listtext" | "pntext" => Dest::ListText,
            w if SKIPPED.contains(&w) => Dest::Skip,
            _ => return None,
        })
    }

    fn symbol(&mut self, c: u8) {
        match c {
            b'\\' | b'{' | b'}' => self.byte_text(&[c]),
            b'~' => self.text("\u{a0}"),
            b'_' => self.text("-"),
            b'-' => {}
            b'\t' => self.plain("\t"),
            _ => {}
        }
    }

    fn set_bold(&mut self, on: bool) {
        self.flush_text();
        self.g.bold = on;
    }

    // ---------------------------------------------------------------- text

    fn byte_text(&mut self, b: &[u8]) {
        if b.is_empty() {
            return;
        }
        match self.g.dest {
            Dest::ColorTable => {
                for _ in b.iter().filter(|&&c| c == b';') {
                    let (r, g, bl) = std::mem::take(&mut self.color);
                    // The first entry, before any colour word, is "auto".
                    let auto = self.colors.is_empty() && (r, g, bl) == (0, 0, 0);
                    self.colors.push((!auto).then_some(Rgb::new(r, g, bl)));
                }
                return;
            }
            Dest::FontTable | Dest::Skip => return,
            _ => {}
        }
        if !self.utf16.is_empty() {
            self.flush_utf16();
        }
        self.bytes.extend_from_slice(b);
    }

    /// The encoding of the current font's charset, else the document's.
    fn encoding(&self) -> Option<&'static Encoding> {
        let cp = match self.fonts.get(&self.g.font).copied().unwrap_or(0) {
            0 | 1 => return Some(self.doc_cp),
            2 => return None, // Symbol: private-use, as Word maps it
            77 => 10000,
            128 => 932,
            129 => 949,
            134 => 936,
            136 => 950,
            161 => 1253,
            162 => 1254,
            163 => 1258,
            177 => 1255,
            178 => 1256,
            186 => 1257,
            204 => 1251,
            222 => 874,
            238 => 1250,
            _ => return Some(self.doc_cp),
        };
        Some(codepage::to_encoding(cp).unwrap_or(self.doc_cp))
    }

    fn flush_bytes(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.bytes);
        let s: String = match self.encoding() {
            Some(enc) => enc.decode_without_bom_handling(&bytes).0.into_owned(),
            None => bytes
                .iter()
                .map(|&b| char::from_u32(0xF000 + b as u32).unwrap_or('\u{fffd}'))
                .collect(),
        };
        self.emit(&s);
    }

    fn flush_utf16(&mut self) {
        if self.utf16.is_empty() {
            return;
        }
        let units = std::mem::take(&mut self.utf16);
        let s: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{fffd}'))
            .collect();
        self.emit(&s);
    }

    fn flush_text(&mut self) {
        self.flush_bytes();
        self.flush_utf16();
    }

    fn text(&mut self, s: &str) {
        self.flush_text();
        self.emit(s);
    }

    fn plain(&mut self, s: &str) {
        self.flush_text();
        if self.g.dest == Dest::Body && !self.g.hidden {
            self.runs.push_plain(s);
        } else if self.g.dest == Dest::ListText {
            self.list_label.push_str(s);
        }
    }

    fn emit(&mut self, s: &str) {
        match self.g.dest {
            Dest::Body if !self.g.hidden => self.runs.push(s, self.g.bold),
            Dest::Title => self.title.push_str(s),
            Dest::ListText => self.list_label.push_str(s),
            Dest::StyleSheet => self.style_text.push_str(s),
            _ => {}
        }
    }

    fn end_style(&mut self) {
        self.flush_text();
        let name = std::mem::take(&mut self.style_text);
        if let Some(id) = self.style_def.take() {
            let name = name.trim().trim_end_matches(';').trim().to_string();
            self.styles.insert(id, name.into());
        }
    }

    // ---------------------------------------------------------- structure

    /// The current paragraph as an item, with its list label in front.
    fn take_paragraph(&mut self) -> Item {
        self.flush_text();
        let mut runs = std::mem::take(&mut self.runs);
        let label = std::mem::take(&mut self.list_label);
        let label = label.trim();
        let bullet = label
            .chars()
            .all(|c| !c.is_alphanumeric() || ('\u{f000}'..='\u{f0ff}').contains(&c));
        if !label.is_empty() && !bullet {
            let mut with = Runs::default();
            with.push_plain(label);
            with.push_plain(" ");
            // The label carries no weight of its own: the paragraph's runs
            // decide whether it is bold.
            runs = merge(with, runs);
        }
        let style_name = self.styles.get(&self.g.style).cloned();
        let heading = blocks::heading_level(self.g.outline, style_name.as_deref());
        let at = Provenance {
            index: Some(self.index),
            ..Default::default()
        };
        self.index += 1;
        Item::Para(runs.finish(style_name, self.g.list, at), heading)
    }

    fn end_paragraph(&mut self) {
        if self.g.dest != Dest::Body {
            return;
        }
        let p = self.take_paragraph();
        if self.g.intbl {
            self.cell_items.push(p);
        } else {
            self.end_table();
            self.items.push(p);
        }
    }

    fn end_cell(&mut self, nested: bool) {
        if self.g.dest != Dest::Body {
            return;
        }
        let p = self.take_paragraph();
        self.cell_items.push(p);
        if !nested {
            let cell = std::mem::take(&mut self.cell_items);
            self.row_cells.push(cell);
        }
    }

    fn end_row(&mut self) {
        if self.g.dest != Dest::Body {
            return;
        }
        self.flush_text();
        if !self.runs.text().trim().is_empty() {
            self.end_cell(false);
        }
        let cells = std::mem::take(&mut self.row_cells);
        self.table.push((self.row.clone(), cells));
    }

    /// Close the open table (if any) into an item.
    fn end_table(&mut self) {
        if self.table.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.table);
        let t = build_table(rows, &self.colors);
        self.items.push(Item::Table(t));
    }

    pub fn finish(mut self) -> (Vec<Block>, Option<String>) {
        self.flush_text();
        if !self.runs.text().trim().is_empty() {
            self.end_paragraph();
        }
        if !self.row_cells.is_empty() {
            self.end_row();
        }
        self.end_table();
        let title = self.title.trim().to_string();
        (
            blocks::into_blocks(self.items),
            (!title.is_empty()).then_some(title),
        )
    }
}

/// A label followed by a paragraph's runs.
fn merge(mut label: Runs, body: Runs) -> Runs {
    // Runs keeps no public run list; rebuild by pushing the body as one run
    // of its weight when it is bold throughout.
    let p = body.finish(None, None, Provenance::default());
    if p.style.bold {
        label.push(&p.text, true);
    } else if p.style.bold_prefix > 0 {
        label.push(&p.text[..p.style.bold_prefix], true);
        label.push(&p.text[p.style.bold_prefix..], false);
    } else {
        label.push(&p.text, false);
    }
    label
}

/// Rows of (definition, cells of items) into a model table.
fn build_table(rows: Vec<(RowDef, Vec<Vec<Item>>)>, colors: &[Option<Rgb>]) -> Table {
    let edges: Vec<(i32, Vec<i32>)> = rows
        .iter()
        .map(|(d, _)| (d.left, d.cells.iter().map(|c| c.right).collect()))
        .collect();
    let grid = EdgeGrid::new(edges.iter().map(|(l, r)| (*l, r.as_slice())));
    let mut raw_rows = Vec::with_capacity(rows.len());
    for (def, cells) in rows {
        let mut raw = RawRow {
            header: def.header,
            row: Row::default(),
            ..Default::default()
        };
        let mut left = def.left;
        let mut next_col = None;
        for (i, items) in cells.into_iter().enumerate() {
            let cd = def.cells.get(i).cloned().unwrap_or_default();
            let (col, span) = if i < def.cells.len() {
                grid.span(left, cd.right)
            } else {
                (next_col.unwrap_or(0), 1)
            };
            if i == 0 {
                raw.grid_before = col;
            }
            next_col = Some(col + span);
            left = cd.right.max(left);
            let paragraphs = blocks::cell_content(items, 1);
            let color = if cd.shading >= 5000 { cd.fore } else { cd.back };
            let fill = blocks::fill(color.and_then(|i| colors.get(i).copied().flatten()));
            raw.cells.push(RawCell {
                grid_span: span,
                v_merge: cd.v,
                h_merge: cd.h,
                cell: Cell {
                    fill,
                    ..Cell::new(0, paragraphs)
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
