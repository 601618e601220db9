//! The same plan in other formats gives the same actions: LibreOffice
//! conversions (Word 97-2003, RTF, ODT, HTML, XLSX, XLS) of invented plans
//! in `corpus/formats` against the plan they were made from, and pages in
//! the markup of Word's own web-page saves.

mod common;

use std::path::Path;

use docket::batch::{self, Options};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The whole docket/1 document extracted from a repo file.
fn document(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let json = batch::extract_bytes(&bytes, &path.to_string_lossy(), &Options::default())
        .unwrap_or_else(|e| panic!("{}: {} {e}", path.display(), e.code()));
    serde_json::from_slice(&json).unwrap()
}

/// Every string of a JSON value but the diagnostics, with its path.
fn strings(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((at.to_string(), s.clone())),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o.iter().filter(|(k, _)| *k != "diagnostics") {
                strings(x, &format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
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

/// `actions` of bytes held in memory.
fn actions_of(bytes: &[u8], name: &str) -> Vec<Value> {
    let dir = std::env::temp_dir().join(format!("docket-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let got = actions(&path);
    std::fs::remove_file(&path).unwrap();
    got
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
fn a_rag_column_of_colour_alone_reads_from_xlsx_and_xls() {
    // The RAG cells hold no text: the status is their fill, which an .xls
    // keeps in its XF and PALETTE records.
    let original = root().join("corpus/formats/f02.html");
    let want = actions(&original);
    let rags: Vec<&Value> = want.iter().map(|a| &a["rag"]).collect();
    assert_eq!(rags, ["green", "amber", "red", "green"]);
    same_as(&original, &["f02.xlsx", "f02.xls"]);
}

#[test]
fn an_invented_tracker_reads_the_same_from_doc_rtf_odt_and_html() {
    same_as(
        &root().join("corpus/invented/i02-bramwell-tracker.docx"),
        &["i02.doc", "i02.rtf", "i02.odt", "i02.html"],
    );
}

/// Word's "Web Page" (windows-1252 bytes, `<o:p>`, `mso-` styles, list
/// labels in conditional blocks) and "Web Page, Filtered" (named entities)
/// saves, written by `bench/word_html.py` from the invented plan i06.
const WORD_SAVES: &[&str] = &["i06.word.htm", "i06.wordf.htm"];

#[test]
fn word_web_page_saves_read_as_their_docx() {
    same_as(
        &root().join("corpus/invented/i06-westmoor-visit.docx"),
        WORD_SAVES,
    );
    // Floor against the hand-written gold: the score measured when set.
    let gold = common::corpus::gold("i06");
    for f in WORD_SAVES {
        let got = document(&root().join("corpus/formats").join(f));
        let s = common::score::score(&gold, &got).expect("scores");
        assert!(s.score >= 1.0 - 1e-9, "{f}: {:.3}", s.score);
    }
}

#[test]
fn word_web_page_saves_leave_no_markup_in_any_field() {
    for f in WORD_SAVES {
        let raw = std::fs::read(root().join("corpus/formats").join(f)).unwrap();
        let raw = String::from_utf8_lossy(&raw);
        // The markup under test is there: Office tags or named entities.
        assert!(
            raw.contains("&nbsp;") && (raw.contains("<o:p>") || raw.contains("&rsquo;")),
            "{f}: Word markup"
        );
        let mut all = Vec::new();
        strings(
            &document(&root().join("corpus/formats").join(f)),
            "",
            &mut all,
        );
        assert!(all.len() > 50, "{f}: {} strings", all.len());
        for (at, s) in &all {
            for bad in ["&", "<o:p>", "mso-", "<"] {
                assert!(!s.contains(bad), "{f}{at}: {bad:?} in {s:?}");
            }
        }
    }
}

/// Refs and section labels that are Word's automatic list numbers (in no
/// text run) read the same from DOCX, Word 97-2003, ODT and RTF: each
/// reader computes them from its format's list definitions.
#[test]
fn automatic_list_numbers_read_the_same_in_every_format() {
    let original = root().join("corpus/formats/f03.docx");
    let want = actions(&original);
    let refs: Vec<&str> = want.iter().filter_map(|a| a["ref"].as_str()).collect();
    assert_eq!(refs, ["1.1", "1.2", "1.3", "1.4", "1.5"]);
    same_as(&original, &["f03.doc", "f03.odt", "f03.rtf"]);
    for f in ["f03.docx", "f03.doc", "f03.odt", "f03.rtf"] {
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

/// BIFF record offsets of a workbook stream with the given type.
fn records_of(stream: &[u8], typ: u16) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    while at + 4 <= stream.len() {
        let t = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        if t == typ {
            out.push(at);
        }
        at += 4 + len;
    }
    out
}

/// f01.xls with its workbook stream passed through `edit`, rebuilt.
fn edited_xls(edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    use std::io::{Read, Write};
    let bytes = std::fs::read(root().join("corpus/formats/f01.xls")).unwrap();
    let mut ole = cfb::CompoundFile::open(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut stream = Vec::new();
    ole.open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    edit(&mut stream);
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .unwrap();
    out.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    out.flush().unwrap();
    out.into_inner().into_inner()
}

#[test]
fn a_cell_at_the_far_corner_of_a_sheet_does_not_fill_out_the_grid() {
    // BIFF8 cell records carry 16-bit rows and columns: one label moved to
    // (65535, 65535) makes calamine's range 2^32 cells.
    let damaged = edited_xls(|stream| {
        let at = records_of(stream, 0x00FD)[0];
        stream[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    });
    let dir = std::env::temp_dir().join(format!("docket-corner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corner.xls");
    std::fs::write(&path, &damaged).unwrap();
    let doc = document(&path);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"sheet.far_cells"), "{codes:?}");
    // The other cells still read: every action but the moved label's.
    let want = actions(&root().join("corpus/formats/f01.xls"));
    let got = doc["actions"].as_array().unwrap();
    assert!(
        got.len() + 1 >= want.len(),
        "{} of {}",
        got.len(),
        want.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_sheet_declaring_four_billion_rows_reads_as_it_is() {
    // calamine reserves room for the cells a DIMENSIONS record declares;
    // a last row before the first once made that 2^32 rows and the
    // allocator aborted the batch. The record is blanked before calamine
    // sees it, and the sheet's cells read as they did.
    let damaged = edited_xls(|stream| {
        let dims = records_of(stream, 0x0200);
        assert!(!dims.is_empty(), "f01.xls has a DIMENSIONS record");
        for at in dims {
            // First row 9, "last row + 1" 2: wraps round.
            stream[at + 4..at + 8].copy_from_slice(&9u32.to_le_bytes());
            stream[at + 8..at + 12].copy_from_slice(&2u32.to_le_bytes());
        }
    });
    let path = root().join("corpus/formats/f01.xls");
    assert_eq!(actions_of(&damaged, "dims.xls"), actions(&path));
}

#[test]
fn a_workbook_declaring_a_hundred_billion_strings_reads_as_it_is() {
    // calamine reserves room for `uniqueCount` shared strings; 10^11 once
    // made the allocator abort the batch.
    use std::io::{Read, Write};
    let path = root().join("corpus/formats/f01.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut patched = false;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name.ends_with("sharedStrings.xml") {
            let xml = String::from_utf8(data).unwrap();
            let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + xml[at..].find('"').unwrap();
            data = format!("{}100000000000{}", &xml[..at], &xml[end..]).into_bytes();
            patched = true;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    assert!(patched, "f01.xlsx has a shared-string table");
    let damaged = out.finish().unwrap().into_inner();
    assert_eq!(actions_of(&damaged, "sst.xlsx"), actions(&path));
}
