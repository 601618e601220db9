#![no_main]
//! Arbitrary bytes into the spreadsheet reader, as XLSX and as XLS (the
//! first byte chooses). Seed with .xlsx and .xls trackers.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let limits = docket::read::Limits::default();
    let format = if which & 1 == 0 {
        docket::model::Format::Xlsx
    } else {
        docket::model::Format::Xls
    };
    if let Ok(doc) = docket::read::sheet::read(rest, &limits, format) {
        let _ = docket::pipeline::interpret(&doc, &docket::recognise::Grammars::builtin());
    }
});
