#![no_main]
//! Arbitrary bytes through the whole pipeline, sniffing included, up to
//! validated JSON.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = docket::batch::Options::default();
    let _ = docket::batch::extract_bytes(data, "fuzz", &opts);
});
