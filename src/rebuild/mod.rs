//! The rebuild stage: flat text that lost its grid back into tables.
//!
//! Why a stage of its own: a plan saved as text (a pdftotext dump with or
//! without -layout, a word processor's one-cell-per-line save) arrives as a
//! run of lines with no table in it. Putting the grid back is reading work
//! (line gaps, wrap widths, page breaks), not interpretation; it sits between
//! the readers and the interpreter so that interpret never sees how a
//! document was printed.
//!
//! - [`lines`]: plans saved one cell paragraph per line;
//! - [`flow`]: plans dumped as a flow of wrapped paragraphs;
//! - [`report`]: annual-report tables printed one cell per paragraph.

pub mod flow;
pub mod lines;
pub mod report;

use crate::model::Document;
use crate::recognise::Grammars;

/// The document read each way a lost grid can be put back, as documents
/// whose rebuilt plan tables are model tables: one a line per cell
/// ([`lines`]), then wrapped paragraphs or one text box per cell
/// ([`flow`]). A way that finds no header naming a plan's columns gives
/// none.
pub fn readings(doc: &Document, g: &Grammars) -> Vec<Document> {
    [lines::rebuild(doc, g), flow::rebuild(doc, g)]
        .into_iter()
        .flatten()
        .collect()
}
