//! The stage boundaries of DEVELOPERS.md "Architecture", checked: each
//! stage's production code names only the stages it may use, so a later
//! stage never reaches back (interpret never calls read or rebuild; the
//! readers know nothing of meaning). The compiler would enforce this in a
//! workspace of crates; in one crate this test does.
//!
//! How: every `crate::<stage>` path in a stage's files, outside comments
//! and outside the `#[cfg(test)]` module at a file's end (tests may build
//! fixtures with any stage).

use std::path::Path;

/// Stage → the other stages (or paths under them) its code may name.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("read", &["model", "work"]),
    ("recognise", &["model", "contract", "work"]),
    (
        "rebuild",
        &[
            "model",
            "recognise",
            "contract",
            "work",
            // The cues rebuild borrows from the readers of meaning: the
            // column-header matcher and the report's name and money tests.
            "interpret::plan::columns",
            "interpret::report::cues",
        ],
    ),
    ("interpret", &["model", "recognise", "contract", "work"]),
    ("contract", &["work"]),
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The `crate::…` paths of a file's production code.
fn paths(src: &str) -> Vec<String> {
    let code = src.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let line = line.split(" //").next().unwrap_or(line);
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            let tail = &rest[i + "crate::".len()..];
            let path: String = tail
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(path.trim_end_matches(':').to_string());
            rest = &tail[path.len()..];
        }
    }
    out
}

#[test]
fn each_stage_names_only_the_stages_it_may_use() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for (stage, allowed) in ALLOWED {
        let mut files = Vec::new();
        let dir = src.join(stage);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        let single = src.join(format!("{stage}.rs"));
        if single.is_file() {
            files.push(single);
        }
        assert!(!files.is_empty(), "no source for stage {stage}");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for p in paths(&text) {
                let top = p.split("::").next().unwrap_or("");
                let ok = top == *stage
                    || top.is_empty()
                    || allowed
                        .iter()
                        .any(|a| p == *a || p.starts_with(&format!("{a}::")) || *a == top);
                if !ok {
                    bad.push(format!("{}: crate::{p}", f.display()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "stage boundaries crossed:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_path_scanner_sees_code_and_skips_comments_and_tests() {
    let src = "use crate::model::Table;\n\
               // crate::read in a comment\n\
               let x = crate::work::step(1); // crate::batch\n\
               #[cfg(test)]\nmod tests { use crate::read; }\n";
    assert_eq!(paths(src), ["model::Table", "work::step"]);
}
