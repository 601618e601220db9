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
//! - [`flow`]: plans dumped as a flow of wrapped paragraphs.

pub mod flow;
pub mod lines;
