#![no_main]
//! Arbitrary bytes into the text reader, then interpretation.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = docket::read::Limits::default();
    if let Ok(doc) = docket::read::text::read(data, &limits) {
        let _ = docket::interpret::interpret(&doc, &docket::recognise::Grammars::builtin());
    }
});
