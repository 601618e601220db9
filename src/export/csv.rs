//! CSV files, one per sheet: RFC 4180 (CRLF, quotes doubled) in UTF-8 with
//! a BOM, so Excel opens accents and curly quotes right.

use std::path::{Path, PathBuf};

use super::ExportError;
use super::rows::Sheet;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Write `<sheet name in lower case>.csv` for each sheet into `dir`.
pub fn write_all(dir: &Path, sheets: &[Sheet]) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for s in sheets {
        let name = format!("{}.csv", s.name.to_ascii_lowercase());
        let bytes = sheet_bytes(s)?;
        written.push(crate::batch::write_atomic(dir, Path::new(&name), &bytes)?);
    }
    Ok(written)
}

/// One sheet as CSV bytes, BOM first, header row, then the rows.
pub fn sheet_bytes(s: &Sheet) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    w.write_record(s.columns.iter().map(|c| c.header))
        .map_err(err)?;
    for row in &s.rows {
        w.write_record(row.iter().map(|c| c.as_text()))
            .map_err(err)?;
    }
    w.into_inner().map_err(|e| ExportError::Csv(e.to_string()))
}
