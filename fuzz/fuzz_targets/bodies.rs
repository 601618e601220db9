//! The fuzz targets' bodies, shared by the cargo-fuzz targets (nightly,
//! `cargo +nightly fuzz run <target>`) and by `tests/fuzz_bodies.rs`
//! (stable), which runs every body over the corpus seeds and the saved
//! regressions so that the targets build and run in CI.
//!
//! Each body takes arbitrary bytes. Inputs over [`MAX_INPUT`] are skipped
//! and PDFs are read with a small page and operator allowance (4 pages,
//! 200,000 operators), so that a
//! fuzzer spends its time on many small inputs rather than a few big ones
//! (size and page-count blow-ups are the mutation campaign's job,
//! `bench/mutate.rs`). A panic, an abort or a slow unit (`-timeout=`) is a
//! finding; so is a written document that fails the contract.

// Each target uses one body.
#![allow(dead_code)]

use docket::read::Limits;

/// Larger inputs are skipped.
pub const MAX_INPUT: usize = 128 * 1024;

fn limits() -> Limits {
    Limits {
        max_pages: 4,
        max_operators: 200_000,
        ..Limits::default()
    }
}

fn interpret(doc: &docket::model::Document) {
    let _ = docket::pipeline::interpret(doc, &docket::recognise::Grammars::builtin());
}

/// The text reader, then interpretation.
pub fn read_text(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Ok(doc) = docket::read::text::read(data, &limits()) {
        interpret(&doc);
    }
}

/// The DOCX reader, then interpretation.
pub fn read_docx(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Ok(doc) = docket::read::docx::read(data, &limits()) {
        interpret(&doc);
    }
}

/// The PDF reader (a few pages), then interpretation.
pub fn read_pdf(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Ok(doc) = docket::read::pdf::read(data, &limits()) {
        interpret(&doc);
    }
}

/// The ODF reader (text documents), then interpretation.
pub fn read_odt(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Ok(doc) = docket::read::odf::read(data, &limits(), docket::model::Format::Odt) {
        interpret(&doc);
    }
}

/// The HTML reader (infallible: html5ever repairs any markup), then
/// interpretation.
pub fn read_html(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    interpret(&docket::read::html::read(data, &limits()));
}

/// The RTF reader (infallible: every input gives a document), then
/// interpretation.
pub fn read_rtf(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    interpret(&docket::read::rtf::read(data, &limits()));
}

/// The Word 97-2003 reader, then interpretation.
pub fn read_doc(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Ok(doc) = docket::read::doc::read(data, &limits()) {
        interpret(&doc);
    }
}

/// The spreadsheet reader, as XLSX and as XLS (the first byte chooses:
/// even XLSX, odd XLS, so a seed is the file behind one byte), then
/// interpretation.
pub fn read_sheet(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let format = if which & 1 == 0 {
        docket::model::Format::Xlsx
    } else {
        docket::model::Format::Xls
    };
    if let Ok(doc) = docket::read::sheet::read(rest, &limits(), format) {
        interpret(&doc);
    }
}

/// The whole pipeline, sniffing included, to written JSON: a document must
/// pass the schema and the semantic checks, and a failure must be coded and
/// be neither a panic nor a contract failure.
pub fn pipeline(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let opts = docket::batch::Options {
        limits: limits(),
        ..Default::default()
    };
    match docket::batch::extract_bytes(data, "fuzz", &opts) {
        Ok(json) => {
            let value: serde_json::Value =
                serde_json::from_slice(&json).expect("written output is JSON");
            let problems = docket::contract::problems(&value);
            assert!(
                problems.is_empty(),
                "written output breaks the contract: {problems:?}"
            );
        }
        Err(e) => {
            let code = e.code();
            assert!(
                code != "internal.panic" && !code.starts_with("contract."),
                "{code}: {e}"
            );
        }
    }
}
