#![no_main]
//! Arbitrary bytes into the HTML reader. Seed with "Save as HTML" pages
//! (`corpus/formats/*.htm*`) and `fuzz/dict/html.dict`.
//! The body is in bodies.rs, shared with the stable replay test.
use libfuzzer_sys::fuzz_target;

#[path = "bodies.rs"]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::read_html(data));
