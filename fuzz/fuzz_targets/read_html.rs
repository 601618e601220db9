#![no_main]
//! Arbitrary bytes into the HTML reader (infallible: html5ever repairs any
//! markup). Seed with "Save as HTML" pages of corpus/rendered/*.docx.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = docket::read::Limits::default();
    let doc = docket::read::html::read(data, &limits);
    let _ = docket::pipeline::interpret(&doc, &docket::recognise::Grammars::builtin());
});
