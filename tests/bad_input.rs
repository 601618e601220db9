//! Bad input never breaks a batch: every hostile or broken file gives either
//! a document or one coded error, never a panic, whatever the reader.
//!
//! The bad-input corpus is built here from the real corpus files (truncations,
//! bit flips, random bytes, re-encodings) and from small hostile containers
//! (zip bomb, entity expansion, deep nesting, xref loops).

use std::io::Write;
use std::path::{Path, PathBuf};

use docket::batch::{self, FileError, Options};
use docket::read::Limits;

/// Every code a failure may carry (README, "Errors").
const CODES: &[&str] = &[
    "input.empty",
    "input.too_large",
    "input.unsupported",
    "input.io",
    "text.binary",
    "text.encoding",
    "docx.not_zip",
    "docx.missing_part",
    "docx.too_large",
    "docx.encrypted",
    "doc.encrypted",
    "doc.malformed",
    "doc.too_large",
    "doc.unsupported_version",
    "odf.not_zip",
    "odf.missing_part",
    "odf.encrypted",
    "odf.too_large",
    "sheet.malformed",
    "sheet.encrypted",
    "sheet.too_large",
    "xml.malformed",
    "xml.too_deep",
    "pdf.malformed",
    "pdf.encrypted",
    "pdf.no_text",
    "pdf.limit",
];

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut v = Vec::new();
    for sub in ["seeds", "rendered"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x != "md") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

/// Run the pipeline on bytes *without* the batch's panic guard, so a panic
/// fails the test; a failure must carry a documented code.
fn check(bytes: &[u8], what: &str) -> Result<(), String> {
    let opts = Options::default();
    match batch::extract_bytes(bytes, what, &opts) {
        Ok(json) => docket::contract::validate_str(std::str::from_utf8(&json).unwrap())
            .map_err(|e| format!("{what}: {e}")),
        Err(e) => {
            assert!(!matches!(e, FileError::Panic(_)));
            assert!(
                CODES.contains(&e.code()),
                "{what}: undocumented code {} ({e})",
                e.code()
            );
            assert!(
                !e.to_string().contains('\n'),
                "{what}: multi-line message {e}"
            );
            Ok(())
        }
    }
}

fn code_of(bytes: &[u8]) -> Option<&'static str> {
    batch::extract_bytes(bytes, "x", &Options::default())
        .err()
        .map(|e| e.code())
}

/// A small deterministic generator (no test flakiness, no extra crate).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn empty_and_tiny_inputs() {
    assert_eq!(code_of(b""), Some("input.empty"));
    for b in [
        &b"%"[..],
        b"P",
        b"PK",
        b"%PDF-",
        b"PK\x03\x04",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    ] {
        check(b, "tiny").unwrap();
    }
}

#[test]
fn random_bytes() {
    let mut r = Lcg(7);
    for n in [16usize, 1000, 100_000] {
        let b: Vec<u8> = (0..n).map(|_| r.next() as u8).collect();
        check(&b, "random").unwrap();
    }
    // Random bytes behind real magic numbers.
    for magic in [&b"%PDF-1.7\n"[..], b"PK\x03\x04"] {
        let mut b = magic.to_vec();
        b.extend((0..5000).map(|_| r.next() as u8));
        check(&b, "random-with-magic").unwrap();
    }
}

#[test]
#[ignore = "slow corpus mutation tier: .ci/run runs it with --include-ignored"]
fn truncations_of_every_corpus_file() {
    for f in corpus_files() {
        let bytes = std::fs::read(&f).unwrap();
        for frac in [1, 2, 3, 5, 9] {
            let cut = bytes.len() * frac / 10;
            check(&bytes[..cut], &format!("{} cut at {cut}", f.display())).unwrap();
        }
    }
}

#[test]
#[ignore = "slow corpus mutation tier: .ci/run runs it with --include-ignored"]
fn bit_flips_of_every_corpus_file() {
    let mut r = Lcg(42);
    for f in corpus_files() {
        let bytes = std::fs::read(&f).unwrap();
        for round in 0..12 {
            let mut b = bytes.clone();
            for _ in 0..(1 + round * 3) {
                let i = (r.next() as usize) % b.len();
                b[i] ^= 1 << (r.next() % 8);
            }
            check(&b, &format!("{} flip round {round}", f.display())).unwrap();
        }
    }
}

fn export_001() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds/001_c86ad8286f0314b1.txt");
    std::fs::read_to_string(p).unwrap()
}

/// The same export in the encodings real exports come in gives the same
/// actions as the UTF-8 original.
#[test]
fn encodings_give_the_same_document() {
    let text = export_001().replace('\u{2019}', "'");
    let actions = |bytes: &[u8]| -> serde_json::Value {
        let out = batch::extract_output(bytes, "x", &Options::default()).unwrap();
        let mut v = serde_json::to_value(&out.actions).unwrap();
        // Keys are made from the source's bytes, which differ by encoding.
        for a in v.as_array_mut().into_iter().flatten() {
            a.as_object_mut().map(|o| o.remove("key"));
        }
        v
    };
    let base = actions(text.as_bytes());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    assert_eq!(actions(&bom), base, "UTF-8 with BOM");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    assert_eq!(actions(&utf16), base, "UTF-16LE with BOM");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    assert_eq!(actions(&latin1), base, "Windows-1252");
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(actions(crlf.as_bytes()), base, "CRLF");
}

fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>"#;

#[test]
fn zip_bomb_is_refused() {
    let mut doc = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>".to_vec();
    doc.extend(std::iter::repeat_n(b'a', 40 * 1024 * 1024));
    doc.extend(b"</w:t></w:r></w:p></w:body></w:document>");
    let z = zip_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &doc),
    ]);
    assert!(z.len() < 1024 * 1024, "the bomb compresses: {}", z.len());
    check(&z, "zip bomb").unwrap();
    let code = code_of(&z);
    assert!(
        matches!(code, Some("docx.too_large") | Some("docx.missing_part")),
        "{code:?}"
    );
}

#[test]
fn entity_expansion_and_deep_nesting_are_harmless() {
    let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>"#;
    let z = zip_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", laughs),
    ]);
    check(&z, "billion laughs").unwrap();

    let mut deep = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".to_vec();
    for _ in 0..100_000 {
        deep.extend(b"<w:tbl><w:tr><w:tc>");
    }
    let z = zip_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &deep),
    ]);
    check(&z, "deep nesting").unwrap();
}

#[test]
fn pdf_xref_loop_and_deep_objects_are_harmless() {
    // An xref table whose /Prev points back at itself.
    let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n".to_vec();
    let xref_at = pdf.len();
    pdf.extend(format!("xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer << /Size 3 /Root 1 0 R /Prev {xref_at} >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    check(&pdf, "xref loop").unwrap();

    // Arrays nested far past any sane depth.
    let mut deep = b"%PDF-1.4\n1 0 obj ".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 200_000));
    deep.extend(b" endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    check(&deep, "deep arrays").unwrap();
}

#[test]
fn limits_trip_cleanly() {
    let limits = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    let opts = Options {
        limits,
        ..Options::default()
    };
    let e = batch::extract_bytes(export_001().as_bytes(), "x", &opts).unwrap_err();
    assert_eq!(e.code(), "input.too_large");
}

mod mutations {
    use super::*;
    use proptest::prelude::*;

    /// One edit of a corpus file: overwrite, insert, delete or truncate.
    #[derive(Debug, Clone)]
    enum Edit {
        Set(usize, u8),
        Insert(usize, Vec<u8>),
        Delete(usize, usize),
        Truncate(usize),
    }

    fn apply(mut b: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
        for e in edits {
            if b.is_empty() {
                break;
            }
            match e {
                Edit::Set(i, v) => {
                    let i = i % b.len();
                    b[i] = *v;
                }
                Edit::Insert(i, bytes) => {
                    let i = i % b.len();
                    b.splice(i..i, bytes.iter().copied());
                }
                Edit::Delete(i, n) => {
                    let i = i % b.len();
                    let end = (i + n).min(b.len());
                    b.drain(i..end);
                }
                Edit::Truncate(i) => b.truncate(i % b.len()),
            }
        }
        b
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            4 => (any::<usize>(), any::<u8>()).prop_map(|(i, v)| Edit::Set(i, v)),
            2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..64)).prop_map(|(i, v)| Edit::Insert(i, v)),
            2 => (any::<usize>(), 1usize..4096).prop_map(|(i, n)| Edit::Delete(i, n)),
            1 => any::<usize>().prop_map(Edit::Truncate),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Any mutation of any corpus file gives a document or a coded error.
        #[test]
        #[ignore = "slow corpus mutation tier: .ci/run runs it with --include-ignored"]
        fn mutated_corpus_files_never_panic(
            which in any::<usize>(),
            edits in proptest::collection::vec(edit(), 1..8),
        ) {
            let files = corpus_files();
            let f = &files[which % files.len()];
            let bytes = apply(std::fs::read(f).unwrap(), &edits);
            check(&bytes, &f.display().to_string()).unwrap();
        }
    }
}
