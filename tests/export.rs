//! Tracker exports as a user makes them: `docket extract … --format
//! xlsx|csv|jsonl`, read back with calamine, the csv reader and the schema.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use docket::contract::Rag;

fn docket() -> Command {
    Command::new(env!("CARGO_BIN_EXE_docket"))
}

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(rel)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder with one file no reader takes and one plain text that holds no
/// plan (both invented), for the Problems sheet.
fn problem_inputs() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("broken.pdf"),
        b"%PDF-1.4\n\x00\x01 not really",
    )
    .unwrap();
    std::fs::write(
        d.path().join("letter.txt"),
        "Dear colleague,\nThank you for your letter about the visit.\n",
    )
    .unwrap();
    d
}

/// The batch the tracker tests use: every seed, rendered and wild plan of
/// the corpus, and the two problem files.
fn batch(problems: &Path) -> Vec<PathBuf> {
    vec![
        corpus("seeds"),
        corpus("rendered"),
        corpus("wild"),
        problems.to_path_buf(),
    ]
}

/// The batch's documents as JSON Lines on stdout, each line validated.
fn documents(inputs: &[PathBuf]) -> Vec<serde_json::Value> {
    let o = docket()
        .arg("extract")
        .args(inputs)
        .args(["--format", "jsonl", "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    text.lines()
        .map(|l| {
            docket::contract::validate_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            serde_json::from_str(l).unwrap()
        })
        .collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An Excel serial day number (1900 system) as `YYYY-MM-DD`.
fn excel_day(serial: f64) -> String {
    // Days from 1970-01-01; Excel's day 25569 is that day.
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn rag_of(s: &str) -> Rag {
    serde_json::from_value(serde_json::json!(s)).unwrap()
}

#[test]
fn xlsx_tracker_holds_every_action_once_with_dates_fills_and_problems() {
    let probs = problem_inputs();
    let inputs = batch(probs.path());
    let docs = documents(&inputs);
    let out = tempfile::tempdir().unwrap();
    let tracker = out.path().join("tracker.xlsx");
    let o = docket()
        .arg("extract")
        .args(&inputs)
        .args(["--format", "xlsx", "--out"])
        .arg(&tracker)
        .output()
        .unwrap();
    // One file failed, so exit 1; the workbook is still written.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());

    let mut wb: Xlsx<_> = open_workbook(&tracker).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["Plans", "Findings", "Actions", "Problems"]
    );
    let actions = wb.worksheet_range("Actions").unwrap();
    let styles = wb.worksheet_style("Actions").unwrap();
    let header: Vec<String> = actions.rows().next().unwrap().iter().map(text).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap() as u32;
    let (c_file, c_key, c_due, c_rag) = (col("file"), col("key"), col("due"), col("rag"));

    // Every action of every document is one row, found by file and key.
    let mut expected: HashMap<(String, String), &serde_json::Value> = HashMap::new();
    for d in &docs {
        let file = d["source"]["file"].as_str().unwrap();
        for a in d["actions"].as_array().unwrap() {
            let key = a["key"].as_str().unwrap().to_string();
            assert!(expected.insert((file.into(), key), a).is_none());
        }
    }
    assert!(expected.len() > 500, "{}", expected.len());
    let rows = actions.height() as u32 - 1;
    assert_eq!(rows as usize, expected.len());
    let (mut dates, mut fills) = (0, 0);
    let mut seen = std::collections::HashSet::new();
    for r in 1..=rows {
        let get = |c: u32| actions.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        let id = (text(&get(c_file)), text(&get(c_key)));
        let a = expected
            .get(&id)
            .unwrap_or_else(|| panic!("row {r}: {id:?}"));
        assert!(seen.insert(id.clone()), "twice: {id:?}");
        // A due date is a real Excel date holding the same day.
        match a["timescale"]["due"].as_str() {
            Some(due) => {
                let Data::DateTime(dt) = get(c_due) else {
                    panic!("row {r}: due {:?}", get(c_due))
                };
                assert_eq!(excel_day(dt.as_f64()), due);
                dates += 1;
            }
            None => assert_eq!(get(c_due), Data::Empty),
        }
        // A RAG cell says its colour and is filled with it.
        match a["status"]["rag"].as_str() {
            Some(rag) => {
                assert_eq!(text(&get(c_rag)), rag);
                let fill = styles
                    .get((r, c_rag))
                    .and_then(|s| s.fill.as_ref())
                    .and_then(|f| f.get_color())
                    .unwrap_or_else(|| panic!("row {r}: no fill"));
                let rgb = (u32::from(fill.red) << 16)
                    | (u32::from(fill.green) << 8)
                    | u32::from(fill.blue);
                assert_eq!(rgb, docket::export::rag_fill(rag_of(rag)), "row {r}");
                fills += 1;
            }
            None => assert_eq!(get(c_rag), Data::Empty),
        }
    }
    assert!(dates > 300 && fills > 50, "{dates} dates, {fills} fills");

    // The Problems sheet names the broken file and the one with nothing found.
    let problems = wb.worksheet_range("Problems").unwrap();
    let lines: Vec<String> = problems
        .rows()
        .skip(1)
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | "))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("broken.pdf | failed | ") && l.contains("pdf.")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("letter.txt | nothing found | extract.nothing_found")),
        "{lines:?}"
    );
    // One Plans row per document written (the letter included).
    let plans = wb.worksheet_range("Plans").unwrap();
    assert_eq!(plans.height() - 1, docs.len());
}

#[test]
fn csv_round_trips_through_the_csv_reader() {
    let probs = problem_inputs();
    let inputs = [corpus("seeds"), corpus("wild"), probs.path().to_path_buf()];
    let docs: Vec<docket::contract::Output> = documents(&inputs)
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect();
    let out = tempfile::tempdir().unwrap();
    let o = docket()
        .arg("extract")
        .args(&inputs)
        .args(["--format", "csv", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let refs: Vec<&docket::contract::Output> = docs.iter().collect();
    let sheets = docket::export::sheets(&refs, &[]);
    for s in sheets.iter().filter(|s| s.name != "Problems") {
        let path = out.path().join(format!("{}.csv", s.name.to_lowercase()));
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{path:?} has no BOM");
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let want: Vec<String> = s.columns.iter().map(|c| c.header.to_string()).collect();
        assert_eq!(header, want);
        let got: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(String::from).collect())
            .collect();
        let want: Vec<Vec<String>> = s
            .rows
            .iter()
            .map(|row| row.iter().map(|c| c.as_text()).collect())
            .collect();
        assert_eq!(got.len(), want.len(), "{}", s.name);
        assert_eq!(got, want, "{}", s.name);
    }
    let problems = std::fs::read_to_string(out.path().join("problems.csv")).unwrap();
    assert!(problems.contains("broken.pdf"), "{problems}");
    // Excel wants CRLF between records.
    assert!(problems.contains("\r\n"));
}

#[test]
fn json_lines_on_stdout_one_valid_document_a_line_and_the_summary_on_stderr() {
    let o = docket()
        .arg("extract")
        .arg(corpus("seeds"))
        .args(["--format", "jsonl", "--out", "-"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        docket::contract::validate_str(l).unwrap();
    }
    let err = stderr(&o);
    assert!(
        err.lines().any(
            |l| l.starts_with("docket: 4 written, 1 with nothing found, 0 failed")
                || l.starts_with("docket: 5 written, 0 with nothing found, 0 failed")
        ),
        "{err}"
    );
}

fn modified(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn a_second_incremental_run_does_no_work_and_says_so() {
    let probs = problem_inputs();
    let inputs = [corpus("seeds"), probs.path().to_path_buf()];
    let out = tempfile::tempdir().unwrap();
    let tracker = out.path().join("tracker.xlsx");
    let run = || {
        docket()
            .arg("extract")
            .args(&inputs)
            .args(["--format", "xlsx", "--incremental", "--out"])
            .arg(&tracker)
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    assert!(!stderr(&first).contains("nothing to do"));
    let before = (std::fs::read(&tracker).unwrap(), modified(&tracker));
    let second = run();
    let err = stderr(&second);
    assert!(
        err.contains("docket: nothing to do: 7 inputs unchanged"),
        "{err}"
    );
    assert_eq!(
        (std::fs::read(&tracker).unwrap(), modified(&tracker)),
        before
    );
    // A changed input makes the next run do the batch again.
    std::fs::write(probs.path().join("letter.txt"), "Another letter.\n").unwrap();
    let third = run();
    assert!(
        !stderr(&third).contains("nothing to do"),
        "{}",
        stderr(&third)
    );
}

#[test]
fn incremental_into_a_folder_redoes_only_changed_inputs() {
    let inp = tempfile::tempdir().unwrap();
    for f in ["001_c86ad8286f0314b1.txt", "004_d5513287a43f48c4.txt"] {
        std::fs::copy(corpus("seeds").join(f), inp.path().join(f)).unwrap();
    }
    std::fs::write(inp.path().join("broken.pdf"), b"%PDF-1.4\n\x00 nope").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = || {
        docket()
            .arg("extract")
            .arg(inp.path())
            .args(["--incremental", "--out"])
            .arg(out.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let one = out.path().join("001_c86ad8286f0314b1.txt.json");
    let four = out.path().join("004_d5513287a43f48c4.txt.json");
    let (t1, t4) = (modified(&one), modified(&four));
    std::fs::copy(
        corpus("seeds/000_d653366f3cc431ef.txt"),
        inp.path().join("004_d5513287a43f48c4.txt"),
    )
    .unwrap();
    let second = run();
    let err = stderr(&second);
    // The broken file still fails (with its old code), one file is redone.
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(
        err.contains("broken.pdf") && err.contains("unchanged since the last run"),
        "{err}"
    );
    assert!(
        err.contains("2 written, 0 with nothing found, 1 failed (2 unchanged since the last run)"),
        "{err}"
    );
    assert_eq!(modified(&one), t1);
    assert_ne!(modified(&four), t4);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["unchanged"], 2);
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 3);
}
