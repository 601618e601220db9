#![no_main]
//! Arbitrary bytes into the RTF reader (infallible: every input gives a
//! document). Seed with LibreOffice RTF exports of corpus/rendered/*.docx.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = docket::read::Limits::default();
    let doc = docket::read::rtf::read(data, &limits);
    let _ = docket::pipeline::interpret(&doc, &docket::recognise::Grammars::builtin());
});
