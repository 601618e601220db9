#![no_main]
//! Arbitrary bytes into the Word 97-2003 reader. Seed with LibreOffice .doc
//! exports of corpus/rendered/*.docx so mutations reach the FIB, the piece
//! table and the FKPs.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = docket::read::Limits::default();
    if let Ok(doc) = docket::read::doc::read(data, &limits) {
        let _ = docket::pipeline::interpret(&doc, &docket::recognise::Grammars::builtin());
    }
});
