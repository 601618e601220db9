#![no_main]
//! Arbitrary bytes into the RTF reader. Seed with `corpus/formats/*.rtf`.
//! The body is in bodies.rs, shared with the stable replay test.
use libfuzzer_sys::fuzz_target;

#[path = "bodies.rs"]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::read_rtf(data));
