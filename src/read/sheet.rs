//! Spreadsheet trackers: `.xlsx` (OOXML) and `.xls` (Excel 97-2003) through
//! `calamine`. OpenDocument spreadsheets go through the ODF reader, which
//! also keeps their fills.
//!
//! Each visible worksheet becomes one model table: its rows and columns from
//! the sheet's used area (the first row or column holding anything starts
//! the grid), merged ranges as row and column spans, the cells they cover
//! left out, a cell's line breaks as paragraphs, its solid fill as the
//! cell's fill and a bold font as bold text (from `.xls` through
//! [`super::biff`], as calamine reads styles only from `.xlsx`). Values print as a person reads them: dates day-first
//! (`31/03/2021`), percentages with their sign, whole numbers without a
//! decimal point. Hidden sheets and chart sheets are not read.
//!
//! Why an inflation budget before calamine sees an `.xlsx`: calamine
//! inflates parts without a cap, so a zip bomb would be read whole. Every
//! part is inflated once under the same limits as a DOCX before the
//! workbook is opened.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, Reader, SheetType, SheetVisible, Style, Xls, Xlsx,
};

use super::Limits;
use crate::model::{Block, Cell, Document, Format, Paragraph, Provenance, Rgb, Row, Table};

/// Widest grid built (Excel allows 16,384 columns; a tracker uses a few).
const MAX_COLUMNS: u32 = 1_024;
/// Most rows one sheet keeps.
const MAX_ROWS: u32 = 100_000;
/// Most cells kept over the whole workbook.
const MAX_CELLS: usize = 2_000_000;
/// Largest grid (rows × columns) filled out with blank cells; a sparser,
/// larger sheet keeps only its non-blank cells.
const MAX_DENSE: u64 = 1_000_000;
/// A grid is also filled out only while it is at most this many times its
/// kept cells (or under [`DENSE_FLOOR`]): two cells at opposite corners of
/// a sheet once made a million blank cells (issue 20: a 22 KB workbook
/// took 6 s and 612 MiB).
const DENSE_PER_CELL: u64 = 16;
/// Grids this small are always filled out, however sparse.
const DENSE_FLOOR: u64 = 10_000;
/// Parts smaller than this are never refused on ratio alone.
const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("not a readable workbook: {0}")]
    Malformed(String),
    #[error("a password-protected workbook")]
    Encrypted,
    #[error("too large: {0}")]
    TooLarge(String),
}

impl SheetError {
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Malformed(_) => "sheet.malformed",
            SheetError::Encrypted => "sheet.encrypted",
            SheetError::TooLarge(_) => "sheet.too_large",
        }
    }
}

/// One cell as read: its text, fill and weight.
#[derive(Debug, Clone, Default)]
struct Value {
    text: String,
    fill: Option<Rgb>,
    bold: bool,
}

/// A worksheet as read, before it becomes a table.
#[derive(Debug, Default)]
struct Sheet {
    cells: BTreeMap<(u32, u32), Value>,
    merges: Vec<Dimensions>,
}

/// Read a workbook; `format` is [`Format::Xlsx`] or [`Format::Xls`].
///
/// calamine indexes some records without checking their length and panics
/// on a damaged file (found by fuzzing `read_sheet`): its work runs
/// isolated and a panic is `sheet.malformed`.
pub fn read(bytes: &[u8], limits: &Limits, format: Format) -> Result<Document, SheetError> {
    let mut dropped = 0;
    let sheets = crate::work::isolate(|| match format {
        Format::Xls => read_xls(bytes, &mut dropped),
        _ => {
            let tamed = check_budget(bytes, limits)?;
            read_xlsx(tamed.as_deref().unwrap_or(bytes))
        }
    })
    .map_err(|m| malformed(format!("the spreadsheet parser gave up on this file ({m})")))??;
    let mut doc = Document::new(format);
    if dropped > 0 {
        doc.warnings.push(crate::model::ReadWarning {
            code: "sheet.far_cells",
            message: format!(
                "{dropped} cells far outside the sheet's grid were not read (a damaged file?)"
            ),
            at: Provenance::default(),
        });
    }
    doc.blocks = sheets
        .into_iter()
        .filter_map(|s| table(s).map(Block::Table))
        .collect();
    Ok(doc)
}

fn malformed(e: impl std::fmt::Display) -> SheetError {
    SheetError::Malformed(e.to_string())
}

/// Names of the sheets worth reading: visible worksheets, in workbook order.
fn visible(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, SheetError> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => SheetError::Encrypted,
        e => malformed(e),
    })?;
    let mut out = Vec::new();
    let mut total = 0usize;
    for name in visible(wb.sheets_metadata()) {
        let mut sheet = Sheet::default();
        {
            let mut cells = wb.worksheet_cells_reader(&name).map_err(malformed)?;
            while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(malformed)? {
                crate::work::step(1);
                let (r, c) = cell.get_position();
                if r >= MAX_ROWS || c >= MAX_COLUMNS {
                    continue;
                }
                let style = cells.styles().get(style);
                let v = value_of_ref(cell.get_value(), style);
                if v.text.is_empty() && v.fill.is_none() {
                    continue;
                }
                total += 1;
                if total > MAX_CELLS {
                    return Err(SheetError::TooLarge(format!("over {MAX_CELLS} cells")));
                }
                sheet.cells.insert((r, c), v);
            }
        }
        sheet.merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
        out.push(sheet);
    }
    Ok(out)
}

/// Read an Excel 97-2003 workbook; `dropped` gets the cells taming left
/// out.
fn read_xls(bytes: &[u8], dropped: &mut usize) -> Result<Vec<Sheet>, SheetError> {
    // calamine sees the workbook tamed (an abort cannot be isolated); the
    // formats come from the file as it is.
    let tamed = super::biff::tamed_workbook(bytes).map_err(malformed)?;
    *dropped = tamed.as_ref().map_or(0, |t| t.1.dropped_cells);
    let input = tamed.as_ref().map_or(bytes, |t| &t.0[..]);
    let mut wb = Xls::new(Cursor::new(input)).map_err(|e| match e {
        calamine::XlsError::Password => SheetError::Encrypted,
        e => malformed(e),
    })?;
    let mut formats = super::biff::cell_formats(bytes).unwrap_or_default();
    let mut out = Vec::new();
    let mut total = 0usize;
    for name in visible(wb.sheets_metadata()) {
        let looks = formats.remove(&name).unwrap_or_default();
        let range = wb.worksheet_range(&name).map_err(malformed)?;
        let Some((r0, c0)) = range.start() else {
            continue;
        };
        let mut sheet = Sheet::default();
        for (dr, dc, data) in range.used_cells() {
            let (r, c) = (r0 + dr as u32, c0 + dc as u32);
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                continue;
            }
            let text = text_of(data);
            if text.is_empty() {
                continue;
            }
            total += 1;
            if total > MAX_CELLS {
                return Err(SheetError::TooLarge(format!("over {MAX_CELLS} cells")));
            }
            let look = looks.get(&(r, c)).copied().unwrap_or_default();
            sheet.cells.insert(
                (r, c),
                Value {
                    text,
                    fill: look.fill,
                    bold: look.bold,
                },
            );
        }
        // Filled cells with no text (a RAG column of colour alone), as the
        // XLSX reader keeps them.
        for (&(r, c), look) in &looks {
            if look.fill.is_none() || r >= MAX_ROWS || c >= MAX_COLUMNS {
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = sheet.cells.entry((r, c)) {
                total += 1;
                if total > MAX_CELLS {
                    return Err(SheetError::TooLarge(format!("over {MAX_CELLS} cells")));
                }
                e.insert(Value {
                    fill: look.fill,
                    ..Default::default()
                });
            }
        }
        sheet.merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
        out.push(sheet);
    }
    Ok(out)
}

fn value_of_ref(d: &DataRef<'_>, style: Option<&Style>) -> Value {
    let percent = style
        .and_then(|s| s.number_format.as_ref())
        .is_some_and(|f| f.format_code.contains('%'));
    let text = match d {
        DataRef::SharedString(s) => clean(s),
        DataRef::String(s) => clean(s),
        DataRef::Float(f) if percent => format!("{}%", number(f * 100.0)),
        DataRef::Float(f) => number(*f),
        DataRef::Int(i) if percent => format!("{}%", i.saturating_mul(100)),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => date(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    };
    let fill = style
        .and_then(|s| s.fill.as_ref())
        .filter(|f| f.is_visible())
        .and_then(|f| f.get_color())
        .map(|c| Rgb::new(c.red, c.green, c.blue));
    let bold = style
        .and_then(|s| s.font.as_ref())
        .is_some_and(|f| f.is_bold());
    Value {
        text,
        fill: super::blocks::fill(fill),
        bold,
    }
}

fn text_of(d: &Data) -> String {
    match d {
        Data::String(s) => clean(s),
        Data::Float(f) => number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Line ends as `\n`, and nothing but white space counts as empty.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    if s.trim().is_empty() {
        String::new()
    } else {
        s
    }
}

/// A number as printed: whole numbers without a point, others in their
/// shortest form (binary noise such as 0.30000000000000004 rounded away).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{:.10}", f);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A date day-first as UK plans print them; a time of day as `HH:MM`.
fn date(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return number(dt.as_f64());
    }
    let (y, m, d, h, mi, _, _) = dt.to_ymd_hms_milli();
    if dt.as_f64() < 1.0 && dt.as_f64() >= 0.0 {
        return format!("{h:02}:{mi:02}");
    }
    format!("{d:02}/{m:02}/{y:04}")
}

/// A sheet's cells into a table, or `None` for a sheet with nothing in it.
fn table(sheet: Sheet) -> Option<Table> {
    let (&(r_first, _), _) = sheet.cells.first_key_value()?;
    let (&(r_last, _), _) = sheet.cells.last_key_value()?;
    let c_first = sheet.cells.keys().map(|k| k.1).min()?;
    let mut c_last = sheet.cells.keys().map(|k| k.1).max()?;
    // Merges anchored on kept cells may reach past the last kept column.
    let mut anchors: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    for m in &sheet.merges {
        let (top, left) = m.start;
        let (bottom, right) = m.end;
        if bottom < top || right < left || top > r_last || left < c_first || top < r_first {
            continue;
        }
        let bottom = bottom.min(r_last).min(MAX_ROWS - 1);
        let right = right.min(MAX_COLUMNS - 1);
        // A merge that starts past the widest grid kept is not read (its
        // clamped right edge would fall before its left).
        if right < left || bottom < top {
            continue;
        }
        c_last = c_last.max(right);
        anchors.insert((top, left), (bottom, right));
    }
    let width = (c_last - c_first + 1) as usize;
    let height = (r_last - r_first + 1) as u64;
    let kept = (sheet.cells.len() + anchors.len()) as u64;
    let area = height * width as u64;
    let dense = area <= MAX_DENSE && area <= DENSE_FLOOR.max(kept.saturating_mul(DENSE_PER_CELL));
    // Covered positions: inside a merge but not its anchor. A merge that
    // would push the count past the cell cap is read as its anchor alone.
    let mut covered = std::collections::HashSet::new();
    anchors.retain(|&(t, l), &mut (b, rt)| {
        let area = (b - t + 1) as usize * (rt - l + 1) as usize;
        if covered.len() + area > MAX_CELLS {
            return false;
        }
        for r in t..=b {
            for c in l..=rt {
                if (r, c) != (t, l) {
                    covered.insert((r, c));
                }
            }
        }
        true
    });
    let (used_rows, column_of) = if dense {
        let columns = (c_first..=c_last).enumerate().map(|(i, c)| (c, i));
        ((r_first..=r_last).collect(), columns.collect())
    } else {
        used_lines(&sheet, &anchors)
    };
    let width = column_of.len();
    let mut rows = Vec::with_capacity(used_rows.len());
    for r in used_rows {
        crate::work::step(1);
        let mut cells = Vec::new();
        let cols: Box<dyn Iterator<Item = u32>> = if dense {
            Box::new(c_first..=c_last)
        } else {
            Box::new(
                sheet
                    .cells
                    .range((r, c_first)..=(r, c_last))
                    .map(|(k, _)| k.1)
                    .chain(anchors.range((r, c_first)..=(r, c_last)).map(|(k, _)| k.1))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter(),
            )
        };
        for c in cols {
            if covered.contains(&(r, c)) {
                continue;
            }
            let v = sheet.cells.get(&(r, c)).cloned().unwrap_or_default();
            let (row_span, col_span) = anchors
                .get(&(r, c))
                .map(|&(b, rt)| ((b - r + 1) as usize, (rt - c + 1) as usize))
                .unwrap_or((1, 1));
            cells.push(Cell {
                row_span,
                col_span,
                fill: v.fill,
                ..Cell::new(column_of[&c], paragraphs(&v))
            });
        }
        rows.push(Row {
            cells,
            ..Default::default()
        });
    }
    Some(Table {
        rows,
        columns: width,
        pages: Vec::new(),
        at: Provenance::default(),
    })
}

/// The rows a sparse sheet keeps, in order, and each kept column's index
/// in the table: those holding a cell or inside a merge.
///
/// Why: the plan builder lays every table out as a full grid of rows by
/// columns, and a few hundred cells scattered over 100,000 rows and 1,024
/// columns made that grid 1.6 GB from a 7 KB workbook (found by fuzzing
/// read_sheet). An empty row or column of a sheet says nothing. Every row
/// and column inside a merge is kept, so the merges' spans stand.
fn used_lines(
    sheet: &Sheet,
    anchors: &BTreeMap<(u32, u32), (u32, u32)>,
) -> (Vec<u32>, BTreeMap<u32, usize>) {
    let mut rows = std::collections::BTreeSet::new();
    let mut columns = std::collections::BTreeSet::new();
    for &(r, c) in sheet.cells.keys() {
        rows.insert(r);
        columns.insert(c);
    }
    for (&(t, l), &(b, rt)) in anchors {
        rows.extend(t..=b);
        columns.extend(l..=rt);
    }
    let column_of = columns.into_iter().enumerate().map(|(i, c)| (c, i));
    (rows.into_iter().collect(), column_of.collect())
}

fn paragraphs(v: &Value) -> Vec<Paragraph> {
    if v.text.is_empty() {
        return Vec::new();
    }
    v.text
        .split('\n')
        .map(|line| {
            let mut p = Paragraph::new(line, Provenance::default());
            p.style.bold = v.bold && !line.trim().is_empty();
            p
        })
        .collect()
}

/// Inflate every part once under the DOCX limits: a workbook that would
/// blow them is refused before calamine reads it whole. Gives the workbook
/// rebuilt when its shared-string table had to be tamed (see
/// [`tame_string_count`]), else `None`.
fn check_budget(bytes: &[u8], limits: &Limits) -> Result<Option<Vec<u8>>, SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(malformed)?;
    let mut spent = 0u64;
    let mut tamed: Option<(usize, Vec<u8>)> = None;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m)
                if m == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                SheetError::Encrypted
            }
            e => malformed(e),
        })?;
        let by_ratio = file
            .compressed_size()
            .saturating_mul(limits.max_compression_ratio)
            .max(RATIO_FLOOR_BYTES);
        let allowed = by_ratio.min(limits.max_decompressed_bytes.saturating_sub(spent));
        let strings = file
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let mut kept = Vec::new();
        let mut limited = (&mut file).take(allowed.saturating_add(1));
        let read = if strings {
            limited.read_to_end(&mut kept).map_err(malformed)? as u64
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(malformed)?
        };
        if read > allowed {
            return Err(SheetError::TooLarge(format!(
                "part {i} inflates past the limits ({} bytes in all, {} times its compressed size)",
                limits.max_decompressed_bytes, limits.max_compression_ratio
            )));
        }
        spent += read;
        crate::work::grant_input(read);
        if strings && tame_string_count(&mut kept) {
            tamed = Some((i, kept));
        }
    }
    let Some((part, xml)) = tamed else {
        return Ok(None);
    };
    rebuilt(&mut zip, part, &xml).map(Some).map_err(malformed)
}

/// Zero the `uniqueCount` of a shared-string table's `<sst>` tag when it
/// declares more strings than the part could hold; whether it did.
///
/// Why: calamine reserves room for `uniqueCount` strings before reading
/// one, and a 6 KB workbook declaring 10^11 made the reservation fail and
/// the allocator abort the whole batch (found by fuzzing `read_sheet`).
/// Each `<si>` takes at least five bytes, so a count over a fifth of the
/// part's size is false. The digits become zeros, the part keeps its
/// length, and the strings still read (the count is only a hint). The tag
/// is found as calamine finds it, by its local name (`<x:sst` too), and
/// the attribute as XML allows it (`uniqueCount = '7'`).
fn tame_string_count(xml: &mut [u8]) -> bool {
    let Some((open, end)) = sst_tag(xml) else {
        return false;
    };
    let Some(digits) = count_digits(&xml[open..end]) else {
        return false;
    };
    let digits = open + digits.start..open + digits.end;
    let declared = std::str::from_utf8(&xml[digits.clone()])
        .ok()
        .and_then(|d| d.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    if declared <= (xml.len() / 5) as u64 {
        return false;
    }
    xml[digits].fill(b'0');
    true
}

/// The first start tag whose local name is `sst`: (its `<`, its `>`).
fn sst_tag(xml: &[u8]) -> Option<(usize, usize)> {
    let name_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    let mut from = 0;
    while let Some(i) = find(&xml[from..], b"sst") {
        let at = from + i;
        from = at + 3;
        let open = match at.checked_sub(1).map(|j| xml[j]) {
            Some(b'<') => at - 1,
            // A prefixed name: back over the prefix to its '<'.
            Some(b':') => match xml[..at - 1].iter().rposition(|&b| !name_char(b)) {
                Some(lt) if xml[lt] == b'<' => lt,
                _ => continue,
            },
            _ => continue,
        };
        let ends_name = xml
            .get(at + 3)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if ends_name {
            let end = find(&xml[at..], b">").map_or(xml.len(), |e| at + e);
            return Some((open, end));
        }
    }
    None
}

/// Where the digits of a `uniqueCount` attribute's value lie in `tag`.
fn count_digits(tag: &[u8]) -> Option<std::ops::Range<usize>> {
    let name = b"uniqueCount";
    let mut at = find(tag, name)? + name.len();
    let skip_space = |mut i: usize| {
        while tag.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        i
    };
    at = skip_space(at);
    (tag.get(at) == Some(&b'=')).then_some(())?;
    at = skip_space(at + 1);
    matches!(tag.get(at), Some(b'"' | b'\'')).then_some(())?;
    let start = at + 1;
    let len = tag[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (len > 0).then_some(start..start + len)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The workbook with part `part` replaced by `xml` (stored), every other
/// part copied as it was compressed.
fn rebuilt(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    part: usize,
    xml: &[u8],
) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        if i == part {
            let name = zip.by_index_raw(i)?.name()?.to_string();
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            out.start_file(name, stored)?;
            out.write_all(xml)?;
        } else {
            out.raw_copy_file(zip.by_index_raw(i)?)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn text_value(t: &str) -> Value {
        Value {
            text: t.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_workbook_that_panics_calamine_is_malformed() {
        // Found by fuzzing read_sheet: an XLS whose workbook stream ends
        // inside a record; calamine 0.38 indexes past the end and panics.
        let unit = include_bytes!("../../fuzz/regressions/read_sheet-xls-short-record.bin");
        let e = read(&unit[1..], &Limits::default(), Format::Xls).unwrap_err();
        assert_eq!(e.code(), "sheet.malformed");
        assert!(e.to_string().contains("gave up"), "{e}");
    }

    #[test]
    fn a_sparse_sheet_keeps_the_rows_and_columns_of_its_merges() {
        let mut sheet = Sheet::default();
        sheet.cells.insert((0, 0), text_value("Ref"));
        sheet.cells.insert((50_000, 500), text_value("far"));
        sheet.cells.insert((10, 3), text_value("merged"));
        sheet.merges.push(Dimensions::new((10, 3), (12, 5)));
        let t = table(sheet).unwrap();
        // Rows 0, 10-12 and 50,000; columns 0, 3-5 and 500.
        assert_eq!((t.rows.len(), t.columns), (5, 5));
        let merged = &t.rows[1].cells[0];
        assert_eq!((merged.col, merged.row_span, merged.col_span), (1, 3, 3));
        assert_eq!(t.rows[4].cells[0].col, 4);
    }

    #[test]
    fn a_false_string_count_is_zeroed_however_the_tag_is_written() {
        let tamed = |xml: &str| {
            let mut b = xml.as_bytes().to_vec();
            let changed = tame_string_count(&mut b);
            (changed, String::from_utf8(b).unwrap())
        };
        let si = "<si><t>a</t></si>".repeat(3);
        for (xml, want) in [
            (
                format!(r#"<sst count="3" uniqueCount="99999999999">{si}</sst>"#),
                format!(r#"<sst count="3" uniqueCount="00000000000">{si}</sst>"#),
            ),
            (
                format!(
                    r#"<x:sst xmlns:x="m" uniqueCount = '123456789012345678901234'>{si}</x:sst>"#
                ),
                format!(
                    r#"<x:sst xmlns:x="m" uniqueCount = '000000000000000000000000'>{si}</x:sst>"#
                ),
            ),
        ] {
            assert_eq!(tamed(&xml), (true, want));
        }
        // A true count, a tag that only starts with "sst", no count: kept.
        for xml in [
            format!(r#"<sst uniqueCount="3">{si}</sst>"#),
            format!(r#"<sstx uniqueCount="999999999"/><sst>{si}</sst>"#),
            format!("<sst>{si}</sst>"),
        ] {
            assert_eq!(tamed(&xml), (false, xml.clone()));
        }
    }

    #[test]
    fn a_merge_starting_past_the_widest_grid_is_not_read() {
        // Found by fuzzing read_sheet: a merge from column 2000, past the
        // 1,024 columns kept, once gave a right edge before its left.
        let mut sheet = Sheet::default();
        sheet.cells.insert((0, 0), text_value("Ref"));
        sheet.cells.insert((1, 0), text_value("1.1"));
        sheet.merges.push(Dimensions::new((0, 2000), (1, 2005)));
        sheet.merges.push(Dimensions::new((0, 0), (0, 1)));
        let t = table(sheet).unwrap();
        assert_eq!(t.rows[0].cells[0].col_span, 2);
        assert_eq!(t.columns, 2);
    }

    #[test]
    fn a_workbook_whose_directory_only_calamine_reads_is_refused() {
        // Found by fuzzing read_sheet: a damaged directory entry that the
        // cfb crate refuses and calamine reads, then fills out two grids of
        // 16 million cells (a gigabyte). Untamed, it is not handed on.
        let unit = include_bytes!("../../fuzz/regressions/read_sheet-xls-lax-directory.bin");
        let e = read(&unit[1..], &Limits::default(), Format::Xls).unwrap_err();
        assert_eq!(e.code(), "sheet.malformed");
        assert!(e.to_string().contains("OLE container"), "{e}");
    }

    /// A minimal XLSX: one sheet of inline strings and numbers, a merge,
    /// styles with a red solid fill (style 1), bold (2) and percent (3).
    fn xlsx(sheet_data: &str, merges: &str) -> Vec<u8> {
        let parts: [(&str, String); 6] = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.into(),
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/><sheet name="Lists" sheetId="2" state="hidden" r:id="rId1"/></sheets></workbook>"#.into(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.into(),
            ),
            (
                "xl/styles.xml",
                r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill></fills><borders count="1"><border/></borders><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0"/><xf numFmtId="0" fontId="0" fillId="2" applyFill="1"/><xf numFmtId="0" fontId="1" fillId="0" applyFont="1"/><xf numFmtId="9" fontId="0" fillId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#.into(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(
                    r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData>{merges}</worksheet>"#
                ),
            ),
        ];
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            for (name, data) in &parts {
                z.start_file(*name, opts).unwrap();
                z.write_all(data.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn s(r: &str, t: &str, style: u32) -> String {
        format!(
            r#"<c r="{r}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{t}</t></is></c>"#
        )
    }

    fn n(r: &str, v: &str, style: u32) -> String {
        format!(r#"<c r="{r}" s="{style}"><v>{v}</v></c>"#)
    }

    fn read_xlsx_doc(bytes: &[u8]) -> Document {
        read(bytes, &Limits::default(), Format::Xlsx).unwrap()
    }

    #[test]
    fn a_sheet_is_a_table_with_merges_fills_and_values() {
        let data = [
            format!(
                r#"<row r="2">{}{}{}</row>"#,
                s("B2", "Ref", 2),
                s("C2", "Action", 2),
                s("D2", "Due", 2)
            ),
            format!(
                r#"<row r="3">{}{}{}{}</row>"#,
                n("B3", "1.1", 0),
                s("C3", "Audit the\nreferrals", 0),
                n("D3", "44286", 4),
                n("E3", "0.25", 3)
            ),
            format!(
                r#"<row r="4">{}{}</row>"#,
                s("C4", "Train staff", 0),
                r#"<c r="F4" s="1"/>"#
            ),
        ]
        .concat();
        let doc = read_xlsx_doc(&xlsx(
            &data,
            r#"<mergeCells><mergeCell ref="B3:B4"/></mergeCells>"#,
        ));
        assert_eq!(doc.format, Format::Xlsx);
        assert_eq!(doc.blocks.len(), 1, "the hidden sheet is not read");
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(t.columns, 5, "B..F");
        assert_eq!(t.rows.len(), 3);
        let texts: Vec<String> = t.rows[1].cells.iter().map(Cell::text).collect();
        assert_eq!(
            texts,
            ["1.1", "Audit the\nreferrals", "31/03/2021", "25%", ""]
        );
        assert!(t.rows[0].cells[0].paragraphs[0].style.bold);
        assert_eq!(t.rows[1].cells[0].row_span, 2);
        // Row 4: B4 is covered by the merge, so the row starts at C.
        assert_eq!(t.rows[2].cells[0].col, 1);
        assert_eq!(t.rows[2].cells[0].text(), "Train staff");
        let f = t.rows[2].cells.iter().find(|c| c.col == 4).unwrap();
        assert_eq!(f.fill, Some(Rgb::new(255, 0, 0)));
    }

    #[test]
    fn two_far_apart_cells_are_not_filled_out_into_a_grid() {
        // Issue 20: A1 and J99999 made a million blank cells.
        let sheet = |far: u32| {
            let mut sh = Sheet::default();
            for (pos, text) in [((0, 0), "Ref"), ((far, 9), "x")] {
                let v = Value {
                    text: text.into(),
                    ..Value::default()
                };
                sh.cells.insert(pos, v);
            }
            sh
        };
        let cells = |t: &Table| t.rows.iter().map(|r| r.cells.len()).sum::<usize>();
        let t = table(sheet(99_998)).unwrap();
        assert_eq!(cells(&t), 2);
        assert_eq!(t.rows.last().unwrap().cells[0].text(), "x");
        // Nor into rows and columns of nothing: the plan builder lays a
        // table out as a full grid (once 1.6 GB from a 7 KB workbook).
        assert_eq!((t.rows.len(), t.columns), (2, 2));
        assert_eq!(t.rows[1].cells[0].col, 1);
        // A small sheet is still a full grid, blanks included.
        assert_eq!(cells(&table(sheet(20)).unwrap()), 21 * 10);
    }

    #[test]
    fn an_empty_workbook_has_no_blocks_and_junk_is_malformed() {
        let doc = read_xlsx_doc(&xlsx("", ""));
        assert!(doc.blocks.is_empty());
        let e = read(b"PK\x03\x04junk", &Limits::default(), Format::Xlsx).unwrap_err();
        assert_eq!(e.code(), "sheet.malformed");
        let e = read(b"\xD0\xCF\x11\xE0junk", &Limits::default(), Format::Xls).unwrap_err();
        assert_eq!(e.code(), "sheet.malformed");
    }

    #[test]
    fn a_bomb_is_refused_before_calamine_reads_it() {
        let big = format!(r#"<row r="1">{}</row>"#, s("A1", &"x".repeat(3_000_000), 0));
        let limits = Limits {
            max_compression_ratio: 2,
            ..Limits::default()
        };
        let e = read(&xlsx(&big, ""), &limits, Format::Xlsx).unwrap_err();
        assert_eq!(e.code(), "sheet.too_large");
    }

    #[test]
    fn numbers_print_as_read() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(f64::NAN), "");
    }
}
