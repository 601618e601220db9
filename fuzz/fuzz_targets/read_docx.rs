#![no_main]
//! Arbitrary bytes into the DOCX reader. Seed the corpus with
//! corpus/rendered/*.docx so mutations reach the XML.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = docket::read::Limits::default();
    if let Ok(doc) = docket::read::docx::read(data, &limits) {
        let _ = docket::interpret::interpret(&doc, &docket::recognise::Grammars::builtin());
    }
});
