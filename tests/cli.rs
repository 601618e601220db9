//! The `docket` command as a user runs it: real corpus files in, JSON files
//! and coded error lines out.

use std::path::{Path, PathBuf};
use std::process::Command;

fn docket() -> Command {
    Command::new(env!("CARGO_BIN_EXE_docket"))
}

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(rel)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn extract_writes_valid_json_named_after_input() {
    let out = tempfile::tempdir().unwrap();
    let st = docket()
        .arg("extract")
        .arg(corpus("seeds/001_c86ad8286f0314b1.txt"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    assert_eq!(
        files_in(out.path()),
        vec!["001_c86ad8286f0314b1.txt.json", "manifest.json"]
    );
    let written = out.path().join("001_c86ad8286f0314b1.txt.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&written).unwrap()).unwrap();
    assert_eq!(v["schema"], "docket/1");
    assert_eq!(v["source"]["format"], "text");
    assert_eq!(v["source"]["sha256"].as_str().unwrap().len(), 64);
    // `docket validate` accepts what `extract` wrote.
    let st = docket().arg("validate").arg(&written).output().unwrap();
    assert!(st.status.success());
}

#[test]
fn validate_rejects_a_hand_broken_file_with_a_clear_message() {
    let out = tempfile::tempdir().unwrap();
    docket()
        .arg("extract")
        .arg(corpus("seeds/001_c86ad8286f0314b1.txt"))
        .arg("--out")
        .arg(out.path())
        .status()
        .unwrap();
    let written = out.path().join("001_c86ad8286f0314b1.txt.json");
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&written).unwrap()).unwrap();
    v["source"]["format"] = serde_json::json!("word");
    let broken = out.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec(&v).unwrap()).unwrap();
    let st = docket().arg("validate").arg(&broken).output().unwrap();
    assert_eq!(st.status.code(), Some(1));
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(
        err.contains("contract.invalid") && err.contains("/source/format"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn bad_files_cost_one_line_each_and_the_batch_goes_on() {
    let inp = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(inp.path().join("empty.pdf"), b"").unwrap();
    std::fs::write(inp.path().join("noise.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::copy(
        corpus("seeds/001_c86ad8286f0314b1.txt"),
        inp.path().join("good.txt"),
    )
    .unwrap();
    let st = docket()
        .arg("extract")
        .arg(inp.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1));
    let err = String::from_utf8_lossy(&st.stderr);
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("docket: error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors.iter().any(|l| l.contains("empty.pdf: input.empty:")),
        "{err}"
    );
    assert!(
        errors.iter().any(|l| l.contains("noise.txt: text.binary:")),
        "{err}"
    );
    assert_eq!(files_in(out.path()), vec!["good.txt.json", "manifest.json"]);
}

#[test]
fn same_names_from_different_folders_do_not_overwrite() {
    let inp = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for d in ["a", "b"] {
        std::fs::create_dir(inp.path().join(d)).unwrap();
        std::fs::copy(
            corpus("seeds/001_c86ad8286f0314b1.txt"),
            inp.path().join(d).join("plan.txt"),
        )
        .unwrap();
    }
    let st = docket()
        .arg("extract")
        .arg(inp.path())
        .arg("--out")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success());
    // Each output keeps its path under the input folder.
    assert_eq!(files_in(out.path()), vec!["a", "b", "manifest.json"]);
    assert_eq!(files_in(&out.path().join("a")), vec!["plan.txt.json"]);
    assert_eq!(files_in(&out.path().join("b")), vec!["plan.txt.json"]);
}

#[test]
fn usage_errors_exit_2() {
    let st = docket().arg("extract").output().unwrap();
    assert_eq!(st.status.code(), Some(2));
    let st = docket().args(["frobnicate"]).output().unwrap();
    assert_eq!(st.status.code(), Some(2));
}

/// A grammar folder that is not there, or a grammar file with a misspelt
/// key, stops the run before any file is read: exit 2, one line naming it.
#[test]
fn bad_grammar_folder_exits_2_with_one_line() {
    let out = tempfile::tempdir().unwrap();
    let input = corpus("seeds/001_c86ad8286f0314b1.txt");
    let missing = out.path().join("no-such-dir");
    let st = docket()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(out.path())
        .arg("--grammars")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    let err = String::from_utf8_lossy(&st.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no-such-dir") && err.contains("grammar.io"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("columns.toml"), "leed = [\"owner\"]\n").unwrap();
    let st = docket()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(out.path())
        .arg("--grammars")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    let err = String::from_utf8_lossy(&st.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("grammar.invalid") && err.contains("leed"),
        "{err}"
    );
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn schema_command_prints_the_shipped_schema() {
    let st = docket().arg("schema").output().unwrap();
    assert!(st.status.success());
    let v: serde_json::Value = serde_json::from_slice(&st.stdout).unwrap();
    assert_eq!(v["properties"]["schema"]["const"], "docket/1");
}

/// Ctrl-C in the middle of a batch: files in flight finish their atomic
/// write, the rest are skipped, and nothing partial or temporary is left.
#[test]
fn interrupted_batch_leaves_only_whole_files() {
    let inp = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let src = std::fs::read(corpus("rendered/000.pdf")).unwrap();
    for i in 0..150 {
        std::fs::write(inp.path().join(format!("{i}.pdf")), &src).unwrap();
    }
    let child = docket()
        .arg("extract")
        .arg(inp.path())
        .arg("--out")
        .arg(out.path())
        .args(["--jobs", "1"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let done = child.wait_with_output().unwrap();
    let code = done.status.code();
    assert!(
        matches!(code, Some(130) | Some(0)),
        "{code:?}: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    let names = files_in(out.path());
    let names: Vec<_> = names.into_iter().filter(|n| n != "manifest.json").collect();
    assert!(names.iter().all(|n| n.ends_with(".pdf.json")), "{names:?}");
    for n in &names {
        let bytes = std::fs::read(out.path().join(n)).unwrap();
        docket::contract::validate_str(std::str::from_utf8(&bytes).unwrap()).unwrap();
    }
    if code == Some(130) {
        assert!(names.len() < 150);
    }
}
