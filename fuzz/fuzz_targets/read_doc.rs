#![no_main]
//! Arbitrary bytes into the Word 97-2003 reader. Seed with
//! `corpus/formats/*.doc` so mutations reach the FIB, the piece table and
//! the FKPs.
//! The body is in bodies.rs, shared with the stable replay test.
use libfuzzer_sys::fuzz_target;

#[path = "bodies.rs"]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::read_doc(data));
