//! The same plan in other formats gives the same actions: LibreOffice
//! conversions (Word 97-2003, RTF, ODT, HTML, XLSX, XLS) of invented plans
//! in `corpus/formats` against the plan they were made from.

use std::path::Path;

use docket::batch::{self, Options};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What must not change with the format: each action's ref, text, due,
/// RAG and lead texts.
fn actions(path: &Path) -> Vec<Value> {
    let bytes = std::fs::read(path).unwrap();
    let json = batch::extract_bytes(&bytes, &path.to_string_lossy(), &Options::default())
        .unwrap_or_else(|e| panic!("{}: {} {e}", path.display(), e.code()));
    let doc: Value = serde_json::from_slice(&json).unwrap();
    doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            serde_json::json!({
                "ref": a["ref"],
                "text": a["text"],
                "due": a["due"],
                "rag": a["status"]["rag"],
                "leads": a["leads"].as_array().map(|l| l.iter().map(|x| x["text"].clone()).collect::<Vec<_>>()),
            })
        })
        .collect()
}

fn same_as(original: &Path, variants: &[&str]) {
    let want = actions(original);
    assert!(!want.is_empty(), "{}: no actions", original.display());
    for v in variants {
        let got = actions(&root().join("corpus/formats").join(v));
        assert_eq!(got, want, "{v} differs from {}", original.display());
    }
}

#[test]
fn a_hand_written_page_and_its_conversions_agree() {
    let original = root().join("corpus/formats/f01.html");
    let want = actions(&original);
    assert_eq!(want.len(), 3);
    assert_eq!(want[0]["rag"], "green");
    assert_eq!(want[2]["rag"], "red");
    same_as(
        &original,
        &["f01.docx", "f01.doc", "f01.rtf", "f01.xlsx", "f01.xls"],
    );
}

#[test]
fn an_invented_tracker_reads_the_same_from_doc_rtf_odt_and_html() {
    same_as(
        &root().join("corpus/invented/i02-bramwell-tracker.docx"),
        &["i02.doc", "i02.rtf", "i02.odt", "i02.html"],
    );
}

/// Refs and section labels that are Word's automatic list numbers (in no
/// text run) read the same from DOCX, Word 97-2003, ODT and RTF: each
/// reader computes them from its format's list definitions.
#[test]
fn automatic_list_numbers_read_the_same_in_every_format() {
    let original = root().join("corpus/formats/f02.docx");
    let want = actions(&original);
    let refs: Vec<&str> = want.iter().filter_map(|a| a["ref"].as_str()).collect();
    assert_eq!(refs, ["1.1", "1.2", "1.3", "1.4", "1.5"]);
    same_as(&original, &["f02.doc", "f02.odt", "f02.rtf"]);
    for f in ["f02.docx", "f02.doc", "f02.odt", "f02.rtf"] {
        let path = root().join("corpus/formats").join(f);
        let bytes = std::fs::read(&path).unwrap();
        let json = batch::extract_bytes(&bytes, f, &Options::default()).unwrap();
        let doc: Value = serde_json::from_slice(&json).unwrap();
        let sections: Vec<&str> = doc["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["section"].as_str())
            .collect();
        assert_eq!(sections[0], "Part I: Learning theme", "{f}");
        assert_eq!(sections[4], "Part II: Learning theme", "{f}");
    }
}
