//! The fuzz targets on stable: every body of `fuzz/fuzz_targets/bodies.rs`
//! (the code the cargo-fuzz targets run) over every corpus file, a few
//! cuts of each, and every saved regression in `fuzz/regressions/`. Keeps
//! the targets compiling in CI and replays what fuzzing found.

use std::path::{Path, PathBuf};

#[path = "../fuzz/fuzz_targets/bodies.rs"]
mod bodies;

type Body = fn(&[u8]);

const BODIES: &[(&str, Body)] = &[
    ("read_text", bodies::read_text),
    ("read_docx", bodies::read_docx),
    ("read_pdf", bodies::read_pdf),
    ("read_odt", bodies::read_odt),
    ("read_html", bodies::read_html),
    ("read_rtf", bodies::read_rtf),
    ("read_doc", bodies::read_doc),
    ("read_sheet", bodies::read_sheet),
    ("pipeline", bodies::pipeline),
];

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_none_or(|x| x != "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_body_takes_every_seed_and_its_cuts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds: Vec<PathBuf> = ["corpus/seeds", "corpus/rendered", "corpus/formats"]
        .iter()
        .flat_map(|d| files_under(&root.join(d)))
        .collect();
    assert!(seeds.len() >= 10, "{seeds:?}");
    for f in &seeds {
        let bytes = std::fs::read(f).unwrap();
        for (_, body) in BODIES {
            body(&bytes);
            body(&bytes[..bytes.len() / 2]);
        }
        // The sheet target reads its format from a leading byte.
        for which in [0u8, 1] {
            let mut unit = vec![which];
            unit.extend_from_slice(&bytes);
            bodies::read_sheet(&unit);
        }
    }
}

#[test]
fn every_body_takes_every_saved_regression() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for f in files_under(&dir) {
        let bytes = std::fs::read(&f).unwrap();
        for (name, body) in BODIES {
            eprintln!("{name} {}", f.display());
            body(&bytes);
        }
    }
}
