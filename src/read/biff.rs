//! Cell formats of an Excel 97-2003 workbook (BIFF8): each cell's solid
//! fill and whether its font is bold, which calamine does not read from
//! `.xls` (it reads styles only from `.xlsx`).
//!
//! Why by hand: a tracker's RAG column is often only colour. The formats
//! live in three places of the `Workbook` stream's globals: the XF records
//! (fill pattern and foreground colour index, font index), the PALETTE
//! record (the colours of indices 8-63, else the default palette) and the
//! FONT records (weight); each sheet's cell records name their XF. Only
//! solid fills count, as in the XLSX reader. An encrypted stream
//! (FILEPASS), a BIFF version other than 8, or any record that does not
//! parse gives no formats at all: the text still reads through calamine.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use crate::model::Rgb;

/// Most cells whose format is kept, over the whole workbook.
const MAX_CELLS: usize = 2_000_000;

/// A cell's format as the tracker reader uses it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CellFormat {
    pub fill: Option<Rgb>,
    pub bold: bool,
}

/// Per sheet name, its cells' formats by (row, column), 0-based.
pub type SheetFormats = HashMap<String, HashMap<(u32, u32), CellFormat>>;

/// Per visible or hidden sheet name, each cell's format by (row, column),
/// 0-based; cells whose XF has neither a solid fill nor a bold font are
/// left out. `None` when the workbook cannot be read this way.
pub fn cell_formats(bytes: &[u8]) -> Option<SheetFormats> {
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut data = Vec::new();
    ole.open_stream("Workbook")
        .ok()?
        .read_to_end(&mut data)
        .ok()?;
    formats_of_stream(&data)
}

/// BIFF record types read.
mod rt {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const FILEPASS: u16 = 0x002F;
    pub const FONT: u16 = 0x0031;
    pub const XF: u16 = 0x00E0;
    pub const PALETTE: u16 = 0x0092;
    pub const BOUNDSHEET: u16 = 0x0085;
    pub const LABELSST: u16 = 0x00FD;
    pub const LABEL: u16 = 0x0204;
    pub const NUMBER: u16 = 0x0203;
    pub const RK: u16 = 0x027E;
    pub const BLANK: u16 = 0x0201;
    pub const BOOLERR: u16 = 0x0205;
    pub const FORMULA: u16 = 0x0006;
    pub const MULRK: u16 = 0x00BD;
    pub const MULBLANK: u16 = 0x00BE;
}

/// The records of a stream from `at`: (type, body, offset of the record).
fn records(data: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8], usize)> {
    std::iter::from_fn(move || {
        let head = data.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let body = data.get(at + 4..at + 4 + len)?;
        let here = at;
        at += 4 + len;
        Some((typ, body, here))
    })
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The default BIFF8 palette, indices 8-63 (the first eight repeat the
/// fixed colours 0-7).
const DEFAULT_PALETTE: [u32; 56] = [
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x800000,
    0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366,
    0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00,
    0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99,
    0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900,
    0xFF6600, 0x666699, 0x969696, 0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366,
    0x333399, 0x333333,
];

/// The colour of palette index `icv`: 0-7 fixed, 8-63 from the palette;
/// the system colours (64 and up: window text and background) are no fill.
fn colour(icv: u16, palette: &[u32]) -> Option<Rgb> {
    let v = match icv {
        0..=7 => *DEFAULT_PALETTE.get(icv as usize)?,
        8..=63 => *palette.get(icv as usize - 8)?,
        _ => return None,
    };
    Some(Rgb::new((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

/// A sheet's name from its BOUNDSHEET record: a one-byte length, a flag
/// byte (UTF-16LE when bit 0 is set, else one byte a character).
fn sheet_name(body: &[u8]) -> Option<String> {
    let n = *body.get(6)? as usize;
    let wide = body.get(7)? & 1 == 1;
    if wide {
        let raw = body.get(8..8 + 2 * n)?;
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(body.get(8..8 + n)?.iter().map(|&b| b as char).collect())
    }
}

fn formats_of_stream(data: &[u8]) -> Option<SheetFormats> {
    // Globals: the first substream, which must be BIFF8 (version 0x0600).
    let mut recs = records(data, 0);
    let (typ, bof, _) = recs.next()?;
    if typ != rt::BOF || u16_at(bof, 0)? != 0x0600 {
        return None;
    }
    let mut bold_fonts = Vec::new();
    // (fill colour index when the pattern is solid, font index) per XF.
    let mut xfs: Vec<(Option<u16>, u16)> = Vec::new();
    let mut palette = DEFAULT_PALETTE[..].to_vec();
    let mut sheets = Vec::new();
    for (typ, body, _) in recs {
        match typ {
            rt::EOF => break,
            rt::FILEPASS => return None,
            rt::FONT => bold_fonts.push(u16_at(body, 6)? >= 700),
            rt::XF => {
                let fls = (u32_at(body, 14)? >> 26) & 0x3F;
                let fore = u16_at(body, 18)? & 0x7F;
                xfs.push(((fls == 1).then_some(fore), u16_at(body, 0)?));
            }
            rt::PALETTE => {
                let n = u16_at(body, 0)? as usize;
                for i in 0..n.min(palette.len()) {
                    let c = body.get(2 + 4 * i..5 + 4 * i)?;
                    palette[i] = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
                }
            }
            rt::BOUNDSHEET => sheets.push((sheet_name(body)?, u32_at(body, 0)? as usize)),
            _ => {}
        }
    }
    // Each XF's format; font index 4 does not exist in BIFF, so indices
    // from 5 on name the record one before.
    let formats: Vec<CellFormat> = xfs
        .iter()
        .map(|&(fore, font)| {
            let at = if font >= 4 { font - 1 } else { font } as usize;
            CellFormat {
                fill: super::blocks::fill(fore.and_then(|i| colour(i, &palette))),
                bold: bold_fonts.get(at).copied().unwrap_or(false),
            }
        })
        .collect();
    let mut total = 0usize;
    let mut out = HashMap::new();
    for (name, at) in sheets {
        let mut cells = HashMap::new();
        let mut put = |r: u16, c: u16, xf: u16| {
            if let Some(f) = formats
                .get(xf as usize)
                .filter(|f| f.fill.is_some() || f.bold)
                && total < MAX_CELLS
            {
                total += 1;
                cells.insert((r as u32, c as u32), *f);
            }
        };
        let mut recs = records(data, at);
        if recs.next().map(|r| r.0) != Some(rt::BOF) {
            continue;
        }
        for (typ, body, _) in recs {
            match typ {
                rt::EOF => break,
                rt::LABELSST
                | rt::LABEL
                | rt::NUMBER
                | rt::RK
                | rt::BLANK
                | rt::BOOLERR
                | rt::FORMULA => {
                    if let (Some(r), Some(c), Some(xf)) =
                        (u16_at(body, 0), u16_at(body, 2), u16_at(body, 4))
                    {
                        put(r, c, xf);
                    }
                }
                // A row's run of cells: (format, value) pairs for MULRK,
                // formats alone for MULBLANK, between the first column and
                // the last (a trailing u16).
                rt::MULRK | rt::MULBLANK => {
                    let step = if typ == rt::MULRK { 6 } else { 2 };
                    let (Some(r), Some(c0)) = (u16_at(body, 0), u16_at(body, 2)) else {
                        continue;
                    };
                    let n = body.len().saturating_sub(6) / step;
                    for i in 0..n {
                        if let Some(xf) = u16_at(body, 4 + i * step) {
                            put(r, c0.saturating_add(i as u16), xf);
                        }
                    }
                }
                _ => {}
            }
        }
        out.insert(name, cells);
    }
    Some(out)
}

/// Most cells a DIMENSIONS record may declare before it is blanked (see
/// [`tamed_workbook`]). The record is only a capacity hint to calamine, so
/// blanking it costs a large honest sheet a few reallocations, nothing more.
const MAX_DECLARED_CELLS: u64 = 65_536;

/// Largest grid calamine is let fill out: 2^21 cells, some 64 MiB of
/// values and as much again of formulas. A tracker uses a few thousand; an
/// Excel 97-2003 sheet holds at most 65,536 x 256.
const MAX_GRID_CELLS: u64 = 1 << 21;

/// Widest grid kept: an Excel 97-2003 sheet has 256 columns, though a cell
/// record's column field runs to 65,535.
const MAX_GRID_COLUMNS: u32 = 256;

const DIMENSIONS: u16 = 0x0200;
const STRING: u16 = 0x0207;
/// Stands in for a dropped cell: calamine reads no cell from it.
const BLANK: u16 = rt::BLANK;

/// Cell records whose position calamine places in its grid.
const GRID_CELLS: [u16; 8] = [
    rt::NUMBER,
    rt::LABEL,
    0x00D6, // RSTRING
    rt::BOOLERR,
    rt::RK,
    rt::LABELSST,
    rt::MULRK,
    rt::FORMULA,
];

/// What [`tamed_workbook`] changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Taming {
    /// DIMENSIONS records blanked.
    pub dimensions: usize,
    /// Cell records dropped for lying far outside the sheet's grid.
    pub dropped_cells: usize,
}

/// The workbook rebuilt so that calamine cannot be made to reserve more
/// than it reads, with what was changed; `Ok(None)` when nothing had to
/// be. A container that does not open here is refused (`Err`) rather than
/// handed on untamed: calamine's own container reader is laxer and read a
/// damaged directory that this one refused, then filled out a grid of a
/// gigabyte.
///
/// Why: calamine reserves room for every cell a sheet's DIMENSIONS record
/// declares before reading one, and fills out a dense grid from the
/// sheet's first cell to its last. A 7 KB file declaring 2^32 rows, or a
/// label moved to row and column 65,535, made the allocation fail and the
/// allocator abort the whole batch (found by fuzzing `read_sheet`). An
/// abort cannot be caught, so the input is tamed before calamine sees it:
/// over-large DIMENSIONS records are blanked, and cells beyond a grid of
/// [`MAX_GRID_CELLS`] from the sheet's first cell are turned into BLANK
/// records (the reader warns of them). The rebuilt container holds the
/// workbook stream alone, which is all calamine reads.
pub fn tamed_workbook(bytes: &[u8]) -> Result<Option<(Vec<u8>, Taming)>, String> {
    let damaged = |e: std::io::Error| format!("damaged OLE container: {e}");
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| ole.is_stream(n))
    else {
        return Err("no Workbook stream".into());
    };
    let mut data = Vec::new();
    ole.open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut data))
        .map_err(damaged)?;
    let taming = tame(&mut data);
    if taming == Taming::default() {
        return Ok(None);
    }
    // Version 3 (512-byte sectors), as Excel writes: calamine does not
    // find a small stream in a version 4 file.
    let rebuilt = (|| -> std::io::Result<Vec<u8>> {
        let mut out =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
        out.create_stream(name)?.write_all(&data)?;
        out.flush()?;
        Ok(out.into_inner().into_inner())
    })()
    .map_err(|e| format!("could not rebuild the workbook: {e}"))?;
    Ok(Some((rebuilt, taming)))
}

/// Tame a workbook stream in place (see [`tamed_workbook`]).
fn tame(data: &mut [u8]) -> Taming {
    let walks = walks(data);
    let mut taming = Taming::default();
    for &at in walks.iter().flatten() {
        if typ_at(data, at) == DIMENSIONS && declared_cells(body_at(data, at)) > MAX_DECLARED_CELLS
        {
            body_at_mut(data, at).fill(0);
            taming.dimensions += 1;
        }
    }
    taming.dropped_cells = drop_far_cells(data, &walks);
    taming
}

/// The record offsets calamine can reach, as walks: the globals from the
/// start, and each sheet from the offset its BOUNDSHEET record names
/// (which may point anywhere). Each offset is taken once (a walk stops
/// where it meets an earlier one), so the work is linear in the stream
/// however many sheets point into it. Only whole records are listed.
fn walks(data: &[u8]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; data.len()];
    let mut starts = vec![0usize];
    let mut out = Vec::new();
    while let Some(mut at) = starts.pop() {
        let mut walk = Vec::new();
        while let Some(head) = data.get(at..at + 4) {
            if seen[at] {
                break;
            }
            seen[at] = true;
            crate::work::step(1);
            let typ = u16::from_le_bytes([head[0], head[1]]);
            let len = u16::from_le_bytes([head[2], head[3]]) as usize;
            let Some(body) = data.get(at + 4..at + 4 + len) else {
                break;
            };
            if typ == rt::BOUNDSHEET
                && let Some(pos) = u32_at(body, 0)
            {
                starts.push(pos as usize);
            }
            walk.push(at);
            at += 4 + len;
        }
        out.push(walk);
    }
    out
}

fn typ_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

fn body_at(data: &[u8], at: usize) -> &[u8] {
    let len = u16::from_le_bytes([data[at + 2], data[at + 3]]) as usize;
    &data[at + 4..at + 4 + len]
}

fn body_at_mut(data: &mut [u8], at: usize) -> &mut [u8] {
    let len = u16::from_le_bytes([data[at + 2], data[at + 3]]) as usize;
    &mut data[at + 4..at + 4 + len]
}

/// The rows and columns a grid cell record covers: (row, first column,
/// last column); `None` for other records and for bodies too short to be
/// read (calamine refuses those itself).
fn cell_span(typ: u16, body: &[u8]) -> Option<(u32, u32, u32)> {
    if !GRID_CELLS.contains(&typ) {
        return None;
    }
    let row = u16_at(body, 0)? as u32;
    let first = u16_at(body, 2)? as u32;
    let last = if typ == rt::MULRK {
        (u16_at(body, body.len().checked_sub(2)?)? as u32).max(first)
    } else {
        first
    };
    Some((row, first, last))
}

/// Turn the cell records outside the kept grid into BLANK records; how
/// many. The grid starts at the first row and column any cell uses, is at
/// most [`MAX_GRID_COLUMNS`] wide, and is as tall as [`MAX_GRID_CELLS`]
/// allows at that width. One grid for the whole workbook: every sheet's
/// cells lie inside it, so no sheet's grid is larger. The STRING record
/// that carries a dropped formula's text goes with it.
fn drop_far_cells(data: &mut [u8], walks: &[Vec<usize>]) -> usize {
    let spans = || {
        walks
            .iter()
            .flatten()
            .filter_map(|&at| cell_span(typ_at(data, at), body_at(data, at)))
    };
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    for (row, first, last) in spans() {
        (r0, r1, c0, c1) = (r0.min(row), r1.max(row), c0.min(first), c1.max(last));
    }
    if r0 > r1 {
        return 0;
    }
    let area = (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
    if area <= MAX_GRID_CELLS {
        return 0;
    }
    let width = (c1 - c0 + 1).min(MAX_GRID_COLUMNS);
    let height = (MAX_GRID_CELLS / width as u64) as u32;
    let inside =
        |(row, first, last): (u32, u32, u32)| row - r0 < height && first >= c0 && last - c0 < width;
    let mut dropped = 0;
    for walk in walks {
        let mut formula_dropped = false;
        for &at in walk {
            let typ = typ_at(data, at);
            if typ == rt::FORMULA {
                formula_dropped = false;
            }
            let drop = match cell_span(typ, body_at(data, at)) {
                Some(span) => !inside(span),
                None => typ == STRING && formula_dropped,
            };
            if drop {
                formula_dropped |= typ == rt::FORMULA;
                data[at..at + 2].copy_from_slice(&BLANK.to_le_bytes());
                dropped += usize::from(typ != STRING);
            }
        }
    }
    dropped
}

/// The cells calamine reserves for a DIMENSIONS record body (its
/// arithmetic, wrapping included: a last row before the first wraps round
/// to four billion rows).
fn declared_cells(body: &[u8]) -> u64 {
    let (rf, rl, cf, cl) = match body.len() {
        10 => (
            u16_at(body, 0).unwrap_or(0) as u32,
            u16_at(body, 2).unwrap_or(0) as u32,
            u16_at(body, 4).unwrap_or(0) as u32,
            u16_at(body, 6).unwrap_or(0) as u32,
        ),
        14 | 16 => (
            u32_at(body, 0).unwrap_or(0),
            u32_at(body, 4).unwrap_or(0),
            u16_at(body, 8).unwrap_or(0) as u32,
            u16_at(body, 10).unwrap_or(0) as u32,
        ),
        _ => return 0,
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend_from_slice(&(body.len() as u16).to_le_bytes());
        v.extend_from_slice(body);
        v
    }

    /// An XF naming `font`, with a solid fill of palette index `fore` (or
    /// no fill).
    fn xf(font: u16, fore: Option<u16>) -> Vec<u8> {
        let mut b = vec![0u8; 20];
        b[0..2].copy_from_slice(&font.to_le_bytes());
        if let Some(i) = fore {
            b[14..18].copy_from_slice(&(1u32 << 26).to_le_bytes());
            b[18..20].copy_from_slice(&(i | 65 << 7).to_le_bytes());
        }
        b
    }

    fn font(weight: u16) -> Vec<u8> {
        let mut b = vec![0u8; 16];
        b[6..8].copy_from_slice(&weight.to_le_bytes());
        b
    }

    /// An invented workbook stream: fonts 0-3 and 5 (5 bold), XFs plain,
    /// solid palette 10 (red), solid 40 (recoloured by the palette), bold;
    /// one sheet "RAG" with a label, a MULBLANK run and a plain number.
    fn stream() -> Vec<u8> {
        let bof = |v: u16| {
            let mut b = vec![0u8; 16];
            b[0..2].copy_from_slice(&v.to_le_bytes());
            b
        };
        let mut g = rec(rt::BOF, &bof(0x0600));
        for w in [400, 400, 400, 400, 700] {
            g.extend(rec(rt::FONT, &font(w)));
        }
        g.extend(rec(rt::XF, &xf(0, None)));
        g.extend(rec(rt::XF, &xf(0, Some(10))));
        g.extend(rec(rt::XF, &xf(0, Some(40))));
        g.extend(rec(rt::XF, &xf(5, None)));
        let mut pal = 56u16.to_le_bytes().to_vec();
        for c in DEFAULT_PALETTE {
            pal.extend_from_slice(&[(c >> 16) as u8, (c >> 8) as u8, c as u8, 0]);
        }
        pal[2 + 4 * 32..5 + 4 * 32].copy_from_slice(&[0x00, 0xB0, 0x50]);
        g.extend(rec(rt::PALETTE, &pal));
        let bound_at = g.len();
        let mut bs = vec![0u8; 6];
        bs.extend_from_slice(&[3, 0]);
        bs.extend_from_slice(b"RAG");
        g.extend(rec(rt::BOUNDSHEET, &bs));
        g.extend(rec(rt::EOF, &[]));
        let sheet_at = g.len() as u32;
        g[bound_at + 4..bound_at + 8].copy_from_slice(&sheet_at.to_le_bytes());
        g.extend(rec(rt::BOF, &bof(0x0600)));
        // LABELSST at (1, 2) red; MULBLANK row 2 cols 0-2: green, plain,
        // bold; NUMBER at (3, 0) plain.
        g.extend(rec(rt::LABELSST, &[1, 0, 2, 0, 1, 0, 0, 0, 0, 0]));
        g.extend(rec(rt::MULBLANK, &[2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 2, 0]));
        g.extend(rec(rt::NUMBER, &[3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        g.extend(rec(rt::EOF, &[]));
        g
    }

    #[test]
    fn fills_and_bold_from_xf_palette_and_font() {
        let all = formats_of_stream(&stream()).unwrap();
        let rag = &all["RAG"];
        assert_eq!(rag[&(1, 2)].fill, Some(Rgb::new(255, 0, 0)));
        assert_eq!(rag[&(2, 0)].fill, Some(Rgb::new(0x00, 0xB0, 0x50)));
        assert!(!rag.contains_key(&(2, 1)), "plain cells are left out");
        assert_eq!(
            rag[&(2, 2)],
            CellFormat {
                fill: None,
                bold: true
            }
        );
        assert!(!rag.contains_key(&(3, 0)));
    }

    /// DIMENSIONS bodies (BIFF8): first row, last row + 1, first column,
    /// last column + 1, reserved.
    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut b = rf.to_le_bytes().to_vec();
        b.extend_from_slice(&rl.to_le_bytes());
        b.extend_from_slice(&cf.to_le_bytes());
        b.extend_from_slice(&cl.to_le_bytes());
        b.extend_from_slice(&[0, 0]);
        b
    }

    #[test]
    fn declared_cells_follow_calamines_arithmetic() {
        assert_eq!(declared_cells(&dims(0, 40, 0, 6)), 240);
        assert_eq!(declared_cells(&dims(0, 0, 0, 0)), 1, "an empty sheet");
        // A last row before the first wraps round: four billion rows.
        assert!(declared_cells(&dims(10, 3, 0, 6)) > 1 << 32);
        assert_eq!(declared_cells(&dims(0, 65_536, 0, 256)), 1 << 24);
        assert_eq!(declared_cells(&[1, 2, 3]), 0, "not a DIMENSIONS body");
    }

    #[test]
    fn over_large_dimensions_are_blanked_wherever_a_sheet_starts() {
        // An invented workbook: a sensible sheet and one whose BOUNDSHEET
        // points at a record of its own declaring 2^32 x 256 cells.
        let mut g = rec(rt::BOF, &[0; 16]);
        let b1 = g.len();
        g.extend(rec(rt::BOUNDSHEET, &[0, 0, 0, 0, 0, 0, 1, 0, b'A']));
        let b2 = g.len();
        g.extend(rec(rt::BOUNDSHEET, &[0, 0, 0, 0, 0, 0, 1, 0, b'B']));
        g.extend(rec(rt::EOF, &[]));
        let s1 = g.len() as u32;
        g.extend(rec(rt::BOF, &[0; 16]));
        g.extend(rec(DIMENSIONS, &dims(0, 40, 0, 6)));
        g.extend(rec(rt::EOF, &[]));
        let s2 = g.len() as u32;
        g.extend(rec(rt::BOF, &[0; 16]));
        let bad = g.len();
        g.extend(rec(DIMENSIONS, &dims(7, 2, 0, 255)));
        g.extend(rec(rt::EOF, &[]));
        g[b1 + 4..b1 + 8].copy_from_slice(&s1.to_le_bytes());
        g[b2 + 4..b2 + 8].copy_from_slice(&s2.to_le_bytes());
        let mut tamed = g.clone();
        assert_eq!(
            tame(&mut tamed),
            Taming {
                dimensions: 1,
                dropped_cells: 0
            }
        );
        assert!(tamed[bad + 4..bad + 18].iter().all(|&b| b == 0));
        assert_eq!(tamed[..bad], g[..bad], "the sensible sheet is untouched");
        // Cut anywhere and pointed anywhere: no panic.
        for n in 0..g.len() {
            let _ = tame(&mut g.clone()[..n]);
        }
        let mut wild = g.clone();
        wild[b1 + 4..b1 + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        let _ = tame(&mut wild);
    }

    /// A cell record body: row, column, XF, then `rest`.
    fn cell(row: u16, col: u16, rest: &[u8]) -> Vec<u8> {
        let mut b = row.to_le_bytes().to_vec();
        b.extend_from_slice(&col.to_le_bytes());
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(rest);
        b
    }

    #[test]
    fn cells_far_outside_the_grid_are_dropped() {
        // An invented sheet: labels at (0, 0) and (3, 2), a formula with a
        // string result at (4, 1), then a label, a formula and its string
        // at the far corner (65535, 65535): a grid of 2^32 cells.
        let mut g = rec(rt::BOF, &[0; 16]);
        g.extend(rec(rt::LABELSST, &cell(0, 0, &[0, 0, 0, 0])));
        g.extend(rec(rt::LABELSST, &cell(3, 2, &[1, 0, 0, 0])));
        g.extend(rec(rt::FORMULA, &cell(4, 1, &[0; 16])));
        g.extend(rec(STRING, &[1, 0, 0, b'x']));
        let far = g.len();
        g.extend(rec(rt::LABELSST, &cell(65535, 65535, &[2, 0, 0, 0])));
        g.extend(rec(rt::FORMULA, &cell(65535, 3, &[0; 16])));
        g.extend(rec(STRING, &[1, 0, 0, b'y']));
        g.extend(rec(rt::EOF, &[]));
        let mut tamed = g.clone();
        assert_eq!(tame(&mut tamed).dropped_cells, 2);
        assert_eq!(tamed[..far], g[..far], "the near cells are kept");
        let types: Vec<u16> = walks(&tamed)[0]
            .iter()
            .map(|&at| typ_at(&tamed, at))
            .collect();
        assert_eq!(&types[5..], &[BLANK, BLANK, BLANK, rt::EOF]);
        // A grid within bounds is left alone, however far from A1.
        let mut near = rec(rt::LABELSST, &cell(60_000, 200, &[0, 0, 0, 0]));
        near.extend(rec(rt::MULRK, &cell(60_100, 190, &[0; 10])));
        assert_eq!(tame(&mut near.clone()), Taming::default());
    }

    #[test]
    fn encrypted_old_or_cut_streams_give_no_formats() {
        let mut s = stream();
        // FILEPASS after the BOF.
        let bof_len = 4 + 16;
        let mut enc = s[..bof_len].to_vec();
        enc.extend(rec(rt::FILEPASS, &[0, 0]));
        enc.extend_from_slice(&s[bof_len..]);
        assert_eq!(formats_of_stream(&enc), None);
        // BIFF5.
        s[4..6].copy_from_slice(&0x0500u16.to_le_bytes());
        assert_eq!(formats_of_stream(&s), None);
        assert_eq!(formats_of_stream(&[]), None);
        // Cut anywhere: no panic.
        let whole = stream();
        for n in 0..whole.len() {
            let _ = formats_of_stream(&whole[..n]);
        }
    }
}
