#![no_main]
//! Arbitrary bytes into the spreadsheet reader. Seed with
//! `corpus/formats/*.xls*`, each behind one byte (0 for XLSX, 1 for XLS).
//! The body is in bodies.rs, shared with the stable replay test.
use libfuzzer_sys::fuzz_target;

#[path = "bodies.rs"]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::read_sheet(data));
