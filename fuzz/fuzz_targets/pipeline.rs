#![no_main]
//! See bodies.rs: `cargo +nightly fuzz run pipeline`.
use libfuzzer_sys::fuzz_target;

#[path = "bodies.rs"]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::pipeline(data));
