//! The XLSX workbook: one sheet per [`Sheet`], with real Excel dates, RAG
//! cells filled with their colour, a frozen bold header row, an autofilter,
//! set widths and wrapped long text; printed landscape, one page wide.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

use super::ExportError;
use super::rows::{Cell, Column, Sheet};
use crate::contract::Rag;

/// Number format of date cells.
const DATE_FORMAT: &str = "yyyy-mm-dd";

/// The fill of a RAG cell: the colour it names, light enough for black text.
pub fn rag_fill(r: Rag) -> u32 {
    match r {
        Rag::Red => 0xFF7C80,
        Rag::Amber => 0xFFC000,
        Rag::Green => 0x92D050,
        Rag::Blue => 0x9BC2E6,
        Rag::Grey => 0xBFBFBF,
    }
}

fn xe(e: rust_xlsxwriter::XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

/// The workbook's bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, s)?;
    }
    wb.save_to_buffer().map_err(xe)
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet) -> Result<(), ExportError> {
    ws.set_name(s.name).map_err(xe)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_align(FormatAlign::Top);
    for (c, col) in s.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, col.header, &header)
            .map_err(xe)?;
        ws.set_column_width(c, col.width).map_err(xe)?;
    }
    for (r, row) in s.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (cell, col)) in row.iter().zip(s.columns).enumerate() {
            write_cell(ws, r, c as u16, cell, col)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    // Printed: landscape, one page wide, the header on every page.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0).map_err(xe)?;
    let last_col = s.columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, s.rows.len() as u32, last_col)
        .map_err(xe)?;
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    col: &Column,
) -> Result<(), ExportError> {
    let base = Format::new().set_align(FormatAlign::Top);
    let base = if col.wrap { base.set_text_wrap() } else { base };
    match cell {
        Cell::Empty => Ok(()),
        Cell::Text(s) => ws
            .write_string_with_format(r, c, s, &base)
            .map(|_| ())
            .map_err(xe),
        Cell::Date(s) => match ExcelDateTime::parse_from_str(s) {
            Ok(d) => ws
                .write_datetime_with_format(r, c, &d, &base.set_num_format(DATE_FORMAT))
                .map(|_| ())
                .map_err(xe),
            // A date the contract let through but Excel cannot hold stays text.
            Err(_) => ws
                .write_string_with_format(r, c, s, &base)
                .map(|_| ())
                .map_err(xe),
        },
        Cell::Number(n) => ws
            .write_number_with_format(r, c, *n, &base)
            .map(|_| ())
            .map_err(xe),
        Cell::Bool(b) => ws
            .write_boolean_with_format(r, c, *b, &base)
            .map(|_| ())
            .map_err(xe),
        Cell::Rag(rag) => {
            let fill = base.set_background_color(Color::RGB(rag_fill(*rag)));
            ws.write_string_with_format(r, c, cell.as_text(), &fill)
                .map(|_| ())
                .map_err(xe)
        }
    }
}
