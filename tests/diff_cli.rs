//! `docket diff` as a user runs it: the summary on stdout in text and
//! Markdown, the docket-diff/1 JSON (validated against the shipped schema),
//! a docket/1 JSON file as a side, and one coded line for a side that
//! cannot be read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docket() -> Command {
    Command::new(env!("CARGO_BIN_EXE_docket"))
}

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(rel)
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    docket().arg("diff").args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/docket-diff-1.schema.json"),
    )
    .unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

#[test]
fn text_summary_leads_with_the_counts() {
    let (old, new) = (corpus("versions/p05.docx"), corpus("versions/p05-v2.pdf"));
    let out = stdout(&run(&[old.as_os_str(), new.as_os_str()]));
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "1 action slipped, 1 new, 1 removed, 2 RAG changed, 2 status changed, 1 leads changed, 1 reworded, 1 renumbered"
    );
    assert!(
        out.contains("CE05: Increase the use of child abduction warning notices"),
        "{out}"
    );
    assert!(
        out.contains(
            "due slipped 91 days: End of March 2026 (2026-03-31) -> End of June 2026 (2026-06-30)"
        ),
        "{out}"
    );
    assert!(out.contains("RAG: amber -> green"), "{out}");
}

#[test]
fn markdown_summary_has_a_bold_headline_and_lists() {
    let (old, new) = (corpus("versions/p07.pdf"), corpus("versions/p07-v2.docx"));
    let fmt = std::ffi::OsStr::new("--format");
    let md = std::ffi::OsStr::new("md");
    let out = stdout(&run(&[old.as_os_str(), new.as_os_str(), fmt, md]));
    assert!(out.starts_with("# Plan changes: "), "{out}");
    assert!(
        out.contains("**1 action slipped, 1 completed, 1 brought forward, 1 status changed, 1 leads changed, 1 reworded, 1 renumbered, 1 split**"),
        "{out}"
    );
    assert!(out.contains("\n## Split actions\n\n- 5b: "), "{out}");
    assert!(out.contains("  - now 5b, 5c"), "{out}");
}

#[test]
fn json_goes_to_stdout_or_a_file_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.json");
    let (old, new) = (corpus("rendered/001.docx"), corpus("versions/001-v2.pdf"));
    let out = stdout(&run(&[
        old.as_os_str(),
        new.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--json".as_ref(),
        file.as_os_str(),
    ]));
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(printed, written);
    assert!(schema().is_valid(&written));
    assert_eq!(written["schema"], "docket-diff/1");
    assert_eq!(written["old"]["format"], "docx");
    assert_eq!(written["new"]["format"], "pdf");
    assert_eq!(written["summary"]["slipped"], 1);
    assert_eq!(written["summary"]["completed"], 1);
    assert_eq!(written["summary"]["added"], 1);
    let slip = written["actions"]["matched"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["old"]["ref"] == "2.2")
        .unwrap();
    assert_eq!(slip["match"]["by"], "ref");
    assert_eq!(slip["match"]["similarity"], 1.0);
    assert_eq!(slip["changes"][0]["field"], "due");
    assert_eq!(slip["changes"][0]["days"], 61);
    assert_eq!(slip["changes"][0]["direction"], "slipped");
    assert_eq!(slip["changes"][0]["timescale"]["to"], "Sep-15");
}

#[test]
fn a_docket_json_side_is_known_by_content_and_matches_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let src = corpus("rendered/001.pdf");
    let st = docket()
        .arg("extract")
        .arg(&src)
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(st.status.success());
    // A name that says nothing: JSON is known by its content.
    let json = dir.path().join("last-quarter.dat");
    std::fs::rename(dir.path().join("001.pdf.json"), &json).unwrap();
    let docx = corpus("rendered/001.docx");
    let out = stdout(&run(&[json.as_os_str(), docx.as_os_str()]));
    assert!(out.starts_with("No changes\n"), "{out}");
    assert!(out.contains("(json, 18 actions)"), "{out}");
}

#[test]
fn an_unreadable_side_is_one_coded_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let good = corpus("rendered/001.docx");
    let o = run(&[good.as_os_str(), bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("docket: error: {}: docx.", bad.display())),
        "{err}"
    );
    let missing = dir.path().join("nowhere.pdf");
    let o = run(&[missing.as_os_str(), good.as_os_str()]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with(&format!("docket: error: {}: input.io: ", missing.display())),
        "{err}"
    );
    let json = dir.path().join("not-docket.json");
    std::fs::write(&json, b"{\"schema\": \"other/1\"}").unwrap();
    let o = run(&[json.as_os_str(), good.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(": contract.invalid: not a docket/1 document"),
        "{err}"
    );
}
