#![no_main]
//! Arbitrary bytes into the PDF reader. Seed the corpus with
//! corpus/rendered/*.pdf so mutations reach content streams and fonts.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = docket::read::Limits::default();
    if let Ok(doc) = docket::read::pdf::read(data, &limits) {
        let _ = docket::interpret::interpret(&doc, &docket::recognise::Grammars::builtin());
    }
});
