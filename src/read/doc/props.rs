//! Paragraph and table properties of a Word 97-2003 file: the PAPX
//! formatted disk pages (FKPs) found through the PlcBtePapx, the sprms in
//! them, and the style names of the stylesheet (STSH).
//!
//! Why only these: the grid needs to know which paragraph marks end a cell
//! or a row (`sprmPFInTable`, `sprmPFTtp`, `sprmPItap`) and each row's cell
//! edges, merges and shading (`sprmTDefTable`, `sprmTVertMerge`,
//! `sprmTDefTableShd`); headings need the style name or outline level; lists
//! the list level. Character properties are not read.

use crate::model::Rgb;
use crate::read::docx::grid::{HMerge, VMerge};

/// Most cells one row definition keeps (Word allows 63).
const MAX_CELLS: usize = 64;
/// Most FKP pages followed (each is 512 bytes of the WordDocument stream).
const MAX_PAGES: usize = 100_000;

pub fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    u16_at(b, at).map(|v| v as i16)
}

/// One cell of a row definition.
#[derive(Debug, Clone, Default)]
pub struct CellDef {
    pub v: VMerge,
    pub h: HMerge,
    pub fill: Option<Rgb>,
}

/// A row's definition, from the sprms of its row-end mark.
#[derive(Debug, Clone, Default)]
pub struct RowDef {
    /// Cell edges: the left edge then each cell's right edge (twips).
    pub edges: Vec<i32>,
    pub cells: Vec<CellDef>,
    pub header: bool,
}

/// What the model needs of a paragraph's properties.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub istd: u16,
    pub in_table: bool,
    /// The paragraph mark ends a table row (outer table).
    pub ttp: bool,
    /// Table depth (1 for an ordinary table).
    pub itap: i32,
    pub outline: Option<u8>,
    pub list: Option<u8>,
    /// The list (`sprmPIlfo`, a 1-based LFO index; 0 is none).
    pub ilfo: u16,
    pub row: Option<RowDef>,
}

/// The paragraph properties of every FKP run: (first fc, end fc, grpprl).
pub struct Papx {
    runs: Vec<(u32, u32, u16, Vec<u8>)>,
}

impl Papx {
    /// Read the PlcBtePapx (`plc` from the table stream) and its FKPs from
    /// the WordDocument stream.
    pub fn read(plc: &[u8], word: &[u8], data: &[u8]) -> Papx {
        let mut runs = Vec::new();
        // PlcBtePapx: (n+1) FCs then n 4-byte page numbers.
        let n = plc.len().saturating_sub(4) / 8;
        for i in 0..n.min(MAX_PAGES) {
            let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
                break;
            };
            let pn = (pn & 0x3F_FFFF) as usize;
            let Some(page) = pn.checked_mul(512).and_then(|o| word.get(o..o + 512)) else {
                continue;
            };
            let crun = page[511] as usize;
            for r in 0..crun.min(101) {
                let (Some(start), Some(end)) = (u32_at(page, r * 4), u32_at(page, r * 4 + 4))
                else {
                    break;
                };
                // rgbx after the (crun+1) FCs: 13 bytes each, first byte the
                // word offset of the PapxInFkp.
                let bx = (crun + 1) * 4 + r * 13;
                let Some(&off) = page.get(bx) else {
                    break;
                };
                let at = off as usize * 2;
                if off == 0 || at >= 511 {
                    runs.push((start, end, 0, Vec::new()));
                    continue;
                }
                let cb = page[at] as usize;
                let (body, len) = if cb == 0 {
                    let cb2 = page.get(at + 1).copied().unwrap_or(0) as usize;
                    (at + 2, cb2 * 2)
                } else {
                    (at + 1, (cb * 2).saturating_sub(1))
                };
                let Some(grp) = page.get(body..(body + len).min(511)) else {
                    continue;
                };
                let istd = u16_at(grp, 0).unwrap_or(0);
                let mut grpprl = grp.get(2..).unwrap_or(&[]).to_vec();
                huge(&mut grpprl, data);
                runs.push((start, end, istd, grpprl));
            }
        }
        runs.sort_by_key(|r| r.0);
        Papx { runs }
    }

    /// The properties of the paragraph whose mark is at file offset `fc`.
    pub fn at(&self, fc: u32) -> Para {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        let Some((_, end, istd, grpprl)) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return Para::default();
        };
        if fc >= *end {
            return Para::default();
        }
        let mut p = Para {
            istd: *istd,
            ..Default::default()
        };
        apply(&mut p, grpprl);
        p
    }
}

/// Character runs from the CHPX FKPs: (first fc, end fc, flags).
pub struct Chpx {
    runs: Vec<(u32, u32, u8)>,
}

/// Bold text.
pub const BOLD: u8 = 1;
/// Text deleted with change tracking on (a tracked deletion).
pub const DELETED: u8 = 2;

impl Chpx {
    /// Read the PlcBteChpx and its FKPs (each: FCs, then one word offset
    /// per run to a CHPX of a 1-byte count and sprms).
    pub fn read(plc: &[u8], word: &[u8]) -> Chpx {
        let mut runs = Vec::new();
        let n = plc.len().saturating_sub(4) / 8;
        for i in 0..n.min(MAX_PAGES) {
            let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
                break;
            };
            let pn = (pn & 0x3F_FFFF) as usize;
            let Some(page) = pn.checked_mul(512).and_then(|o| word.get(o..o + 512)) else {
                continue;
            };
            let crun = (page[511] as usize).min(101);
            for r in 0..crun {
                let (Some(start), Some(end)) = (u32_at(page, r * 4), u32_at(page, r * 4 + 4))
                else {
                    break;
                };
                let off = page.get((crun + 1) * 4 + r).copied().unwrap_or(0) as usize * 2;
                let mut flags = 0;
                if off != 0 && off < 511 {
                    let cb = page[off] as usize;
                    if let Some(grp) = page.get(off + 1..(off + 1 + cb).min(511)) {
                        flags = char_flags(grp);
                    }
                }
                if flags != 0 {
                    runs.push((start, end, flags));
                }
            }
        }
        runs.sort_by_key(|r| r.0);
        Chpx { runs }
    }

    /// The flags ([`BOLD`], [`DELETED`]) of the character at file offset `fc`.
    pub fn at(&self, fc: u32) -> u8 {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        i.checked_sub(1)
            .and_then(|i| self.runs.get(i))
            .filter(|r| fc < r.1)
            .map_or(0, |r| r.2)
    }
}

/// sprmCFBold (1 on; 0x81, the negation of the style's, taken as on since
/// body styles are not bold) and sprmCFRMarkDel in a CHPX.
fn char_flags(b: &[u8]) -> u8 {
    let mut at = 0;
    let mut flags = 0;
    while let Some(sprm) = u16_at(b, at) {
        at += 2;
        let Some(len) = operand_len(sprm, b, at) else {
            break;
        };
        let on = |v: Option<&u8>| matches!(v, Some(1 | 0x81));
        match sprm {
            0x0835 if on(b.get(at)) => flags |= BOLD,
            0x0835 => flags &= !BOLD,
            0x0800 if on(b.get(at)) => flags |= DELETED,
            0x0800 => flags &= !DELETED,
            _ => {}
        }
        at += len;
    }
    flags
}

/// sprmPHugePapx: a row's properties too large for its FKP are stored in
/// the Data stream (a 2-byte count, then the sprms); they are appended.
fn huge(grpprl: &mut Vec<u8>, data: &[u8]) {
    let mut at = 0;
    let mut found = None;
    while let Some(sprm) = u16_at(grpprl, at) {
        at += 2;
        let Some(len) = operand_len(sprm, grpprl, at) else {
            break;
        };
        if sprm == 0x6646 {
            found = u32_at(grpprl, at);
        }
        at += len;
    }
    let Some(fc) = found else {
        return;
    };
    let fc = fc as usize;
    let Some(cb) = u16_at(data, fc) else {
        return;
    };
    if let Some(more) = data.get(fc + 2..(fc + 2).saturating_add(cb as usize)) {
        grpprl.extend_from_slice(more);
    }
}

/// The operand length of a sprm at `at` (after its 2-byte code).
fn operand_len(sprm: u16, b: &[u8], at: usize) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => match sprm {
            // sprmTDefTable: a 2-byte count that includes itself less one.
            0xD608 => u16_at(b, at)? as usize + 1,
            // sprmPChgTabs: 255 means a longer form the reader skips whole.
            0xC615 if *b.get(at)? == 255 => {
                let del = *b.get(at + 1)? as usize;
                let add = *b.get(at + 2 + del * 4)? as usize;
                2 + del * 4 + 1 + add * 3
            }
            _ => *b.get(at)? as usize + 1,
        },
    })
}

/// Apply a grpprl's sprms to a paragraph's properties.
fn apply(p: &mut Para, b: &[u8]) {
    let mut at = 0;
    let mut vmerges: Vec<(usize, u8)> = Vec::new();
    let mut shd: Option<Vec<Option<Rgb>>> = None;
    while let Some(sprm) = u16_at(b, at) {
        at += 2;
        let Some(len) = operand_len(sprm, b, at) else {
            break;
        };
        let Some(op) = b.get(at..at + len) else {
            break;
        };
        match sprm {
            0x2416 => p.in_table = op[0] != 0,
            0x2417 => p.ttp = op[0] != 0,
            0x6649 => p.itap = u32_at(op, 0).unwrap_or(0) as i32,
            0x2640 => p.outline = (op[0] < 9).then_some(op[0]),
            0x260A => p.list = Some(op[0].min(8)),
            0x460B => {
                p.ilfo = u16_at(op, 0).unwrap_or(0);
                if u16_at(op, 0) == Some(0) {
                    p.list = None;
                } else if p.list.is_none() {
                    p.list = Some(0);
                }
            }
            0x4600 => p.istd = u16_at(op, 0).unwrap_or(p.istd),
            0x3404 => p.row.get_or_insert_with(RowDef::default).header = op[0] != 0,
            0xD608 => {
                let header = p.row.as_ref().is_some_and(|r| r.header);
                let mut def = table_def(op);
                def.header = header;
                p.row = Some(def);
            }
            0xD62B => {
                // sprmTVertMerge: cb, itc, flags.
                if let (Some(&itc), Some(&f)) = (op.get(1), op.get(2)) {
                    vmerges.push((itc as usize, f));
                }
            }
            0xD612 => shd = Some(shading(&op[1..])),
            0xD609 if shd.is_none() => shd = Some(shading80(&op[1..])),
            _ => {}
        }
        at += len;
    }
    if p.ttp && p.itap == 0 {
        p.itap = 1;
    }
    if p.in_table && p.itap == 0 {
        p.itap = 1;
    }
    if let Some(row) = p.row.as_mut() {
        for (itc, f) in vmerges {
            if let Some(c) = row.cells.get_mut(itc) {
                c.v = vmerge(f);
            }
        }
        if let Some(shd) = shd {
            for (c, s) in row.cells.iter_mut().zip(shd) {
                c.fill = s;
            }
        }
    }
}

fn vmerge(flags: u8) -> VMerge {
    match flags & 3 {
        3 => VMerge::Restart,
        1 => VMerge::Continue,
        _ => VMerge::None,
    }
}

/// TDefTableOperand (after its 2-byte count): the cell count, the cell
/// edges, then one 20-byte TC80 per cell.
fn table_def(op: &[u8]) -> RowDef {
    let n = (op.get(2).copied().unwrap_or(0) as usize).min(MAX_CELLS);
    let mut edges = Vec::with_capacity(n + 1);
    for i in 0..=n {
        match i16_at(op, 3 + i * 2) {
            Some(e) => edges.push(e as i32),
            None => break,
        }
    }
    let tcs = 3 + (n + 1) * 2;
    let cells = (0..edges.len().saturating_sub(1))
        .map(|i| {
            let grf = u16_at(op, tcs + i * 20).unwrap_or(0);
            CellDef {
                h: match grf & 3 {
                    1 => HMerge::Continue,
                    2 | 3 => HMerge::Restart,
                    _ => HMerge::None,
                },
                v: vmerge(((grf >> 5) & 3) as u8),
                fill: None,
            }
        })
        .collect();
    RowDef {
        edges,
        cells,
        header: false,
    }
}

/// A COLORREF: red, green, blue, then 0xFF for "auto".
fn colorref(b: &[u8]) -> Option<Rgb> {
    match b {
        [r, g, bl, 0, ..] => Some(Rgb::new(*r, *g, *bl)),
        _ => None,
    }
}

/// SHD entries (10 bytes: fore, back, pattern) of sprmTDefTableShd.
fn shading(b: &[u8]) -> Vec<Option<Rgb>> {
    b.chunks_exact(10)
        .take(MAX_CELLS)
        .map(|s| {
            let pat = u16_at(s, 8).unwrap_or(0);
            // Solid (1) shows the fore colour; clear (0) the back colour.
            if pat == 1 {
                colorref(&s[0..4])
            } else {
                colorref(&s[4..8])
            }
        })
        .collect()
}

/// The 16 colours of the Word 97 palette (`ico`).
const ICO: [Option<(u8, u8, u8)>; 17] = [
    None,
    Some((0, 0, 0)),
    Some((0, 0, 255)),
    Some((0, 255, 255)),
    Some((0, 255, 0)),
    Some((255, 0, 255)),
    Some((255, 0, 0)),
    Some((255, 255, 0)),
    Some((255, 255, 255)),
    Some((0, 0, 128)),
    Some((0, 128, 128)),
    Some((0, 128, 0)),
    Some((128, 0, 128)),
    Some((128, 0, 0)),
    Some((128, 128, 0)),
    Some((128, 128, 128)),
    Some((192, 192, 192)),
];

/// SHD80 entries (2 bytes: fore ico, back ico, pattern).
fn shading80(b: &[u8]) -> Vec<Option<Rgb>> {
    b.chunks_exact(2)
        .take(MAX_CELLS)
        .map(|s| {
            let v = u16::from_le_bytes([s[0], s[1]]);
            let (fore, back, pat) = (v & 0x1F, (v >> 5) & 0x1F, v >> 10);
            let ico = if pat == 1 { fore } else { back };
            ICO.get(ico as usize)
                .copied()
                .flatten()
                .map(|(r, g, b)| Rgb::new(r, g, b))
        })
        .collect()
}

/// Style names by istd, from the STSH in the table stream.
pub fn style_names(stsh: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(cb_stshi) = u16_at(stsh, 0) else {
        return out;
    };
    let cstd = u16_at(stsh, 2).unwrap_or(0) as usize;
    let cb_base = u16_at(stsh, 4).unwrap_or(10) as usize;
    let mut at = 2 + cb_stshi as usize;
    for _ in 0..cstd.min(4096) {
        let Some(cb) = u16_at(stsh, at) else {
            break;
        };
        let cb = cb as usize;
        let std = stsh.get(at + 2..at + 2 + cb).unwrap_or(&[]);
        at += 2 + cb;
        // xstzName: a UTF-16 count then the characters.
        let name = u16_at(std, cb_base)
            .and_then(|n| {
                let units: Vec<u16> = (0..n as usize)
                    .map(|i| u16_at(std, cb_base + 2 + i * 2))
                    .collect::<Option<_>>()?;
                Some(String::from_utf16_lossy(&units))
            })
            .unwrap_or_default();
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_give_table_marks_rows_and_merges() {
        let mut g = Vec::new();
        g.extend_from_slice(&[0x16, 0x24, 1, 0x17, 0x24, 1]);
        // sprmTDefTable: 2 cells, edges 0/1000/3000, first cell vertMerge
        // restart, second horizontal-first.
        let mut op = vec![2u8];
        for e in [0i16, 1000, 3000] {
            op.extend_from_slice(&e.to_le_bytes());
        }
        let mut tc = vec![0u8; 20];
        tc[0] = 3 << 5;
        op.extend_from_slice(&tc);
        let mut tc = vec![0u8; 20];
        tc[0] = 2;
        op.extend_from_slice(&tc);
        g.extend_from_slice(&0xD608u16.to_le_bytes());
        g.extend_from_slice(&((op.len() + 1) as u16).to_le_bytes());
        g.extend_from_slice(&op);
        // sprmTDefTableShd: cell 1 red back, cell 2 auto.
        g.extend_from_slice(&0xD612u16.to_le_bytes());
        g.push(20);
        g.extend_from_slice(&[0, 0, 0, 0xFF, 255, 0, 0, 0, 0, 0]);
        g.extend_from_slice(&[0, 0, 0, 0xFF, 0, 0, 0, 0xFF, 0, 0]);
        let mut p = Para::default();
        apply(&mut p, &g);
        assert!(p.in_table && p.ttp);
        assert_eq!(p.itap, 1);
        let row = p.row.unwrap();
        assert_eq!(row.edges, vec![0, 1000, 3000]);
        assert_eq!(row.cells[0].v, VMerge::Restart);
        assert_eq!(row.cells[1].h, HMerge::Restart);
        assert_eq!(row.cells[0].fill, Some(Rgb::new(255, 0, 0)));
        assert_eq!(row.cells[1].fill, None);
    }

    #[test]
    fn truncated_sprms_stop_without_panicking() {
        for g in [
            &[0x08, 0xD6, 0xFF][..],
            &[0x16],
            &[0x15, 0xC6, 255, 9],
            &[0x12, 0xD6, 200],
        ] {
            let mut p = Para::default();
            apply(&mut p, g);
        }
        assert!(style_names(&[1, 0, 9, 9]).is_empty());
        let _ = Papx::read(&[0, 0, 0, 0, 9, 0, 0, 0, 7, 0, 0, 0], &[0u8; 1024], &[]).at(3);
    }
}
