//! The corpus scoreboard as a test: every corpus document (the text exports
//! in corpus/seeds, the DOCX and PDF renderings in corpus/rendered, any
//! files under corpus/variants, and the invented plans in corpus/invented) goes through the real pipeline and is scored
//! against tests/gold/<first three characters of its name>.json with the
//! Rust ports of the project's scorers (tests/common): `score.py` for action
//! plans, `score_report.py` for annual reports (chosen by the gold's `kind`).
//!
//! The floors are a ratchet: each is the score measured when it was set,
//! rounded down to 0.01. Raise them when the extractor improves; never lower
//! one to make a change pass. A document without a recorded floor (a new
//! variant) gets 0.0 but is still scored and printed. Run with
//! `cargo test --test scoreboard -- --nocapture` to see the table.
//!
//! Agreement with the Python scorers: `SCOREBOARD_DUMP=DIR cargo test --test
//! scoreboard` writes each prediction and the Rust figures to DIR, and the
//! ignored test `score_pairs_from_env` scores arbitrary gold/prediction
//! pairs, so the ports can be checked against score.py / score_report.py.

mod common;

use std::path::{Path, PathBuf};

use common::score;
use common::score_report::{self, FIELDS};
use docket::batch::{Options, extract_output};
use serde_json::{Value, json};

/// Score floors by document (path under corpus/), set on 2026-11-23.
const FLOORS: &[(&str, f64)] = &[
    ("rendered/000.docx", 1.00),
    ("rendered/000.pdf", 0.99),
    ("rendered/001.docx", 1.00),
    ("rendered/001.pdf", 1.00),
    ("rendered/002.docx", 1.00),
    ("rendered/002.pdf", 1.00),
    ("rendered/004.docx", 0.99),
    ("rendered/004.pdf", 0.99),
    ("seeds/000_d653366f3cc431ef.txt", 0.99),
    ("seeds/001_c86ad8286f0314b1.txt", 1.00),
    ("seeds/002_f5b4cb10be7b6136.txt", 1.00),
    ("seeds/003_a0d4d561ba415560.txt", 0.99),
    ("seeds/004_d5513287a43f48c4.txt", 0.99),
    ("variants/000-layout.txt", 0.96),
    ("variants/000-raw.txt", 0.96),
    ("variants/001-layout.txt", 1.00),
    ("variants/001-raw.txt", 0.90),
    ("variants/002-layout.txt", 0.99),
    ("variants/002-raw.txt", 1.00),
    ("variants/004-layout.txt", 0.99),
    ("variants/004-raw.txt", 0.97),
    ("variants/000-nohead-layout.txt", 0.97),
    ("variants/001-portrait-layout.txt", 0.95),
    ("variants/004-nohead-layout.txt", 0.97),
    ("variants/004-portrait-layout.txt", 0.99),
    ("variants/001-narrowfont-raw.txt", 0.80),
    ("variants/001-nomerge-raw.txt", 0.71),
    ("variants/001-noborder-raw.txt", 0.72),
    ("variants/004-narrowfont-raw.txt", 0.87),
    ("variants/004-nohead-raw.txt", 0.93),
    ("variants/001-nohead-raw.txt", 0.81),
    ("variants/000-narrowfont-raw.txt", 0.84),
    ("variants/000-nomerge-raw.txt", 0.90),
    ("variants/000-portrait-raw.txt", 0.83),
    ("variants/000-nohead-raw.txt", 0.91),
    ("variants/000-noborder.pdf", 0.98),
    ("variants/000-portrait.pdf", 1.00),
    ("variants/001-narrowfont.pdf", 1.00),
    ("variants/001-noborder.pdf", 1.00),
    ("variants/001-portrait.pdf", 0.97),
    ("variants/002-noborder.pdf", 0.99),
    ("variants/002-combined.pdf", 0.99),
    ("variants/002-combined-raw.txt", 1.00),
    ("variants/002-lotext.txt", 1.00),
    ("variants/004-noborder.pdf", 0.98),
    ("variants/004-nohead.pdf", 1.00),
    ("variants/004-portrait.pdf", 0.99),
    ("variants/001-portrait+narrowfont.pdf", 0.98),
    ("variants/004-noborder+nohead.pdf", 0.98),
    ("variants/000-literal.docx", 0.99),
    ("variants/000-literal.pdf", 0.99),
    ("variants/000-lotxt.txt", 1.00),
    ("variants/000-literal-lotxt.txt", 0.99),
    ("variants/001-lotxt.txt", 1.00),
    ("variants/004-lotxt.txt", 1.00),
    ("variants/000-pandoc-plain.txt", 1.00),
    ("variants/000-pandoc-md.md", 1.00),
    ("variants/000-pandoc-gfm.md", 1.00),
    ("variants/001-pandoc-plain.txt", 1.00),
    ("variants/001-pandoc-md.md", 1.00),
    ("variants/001-pandoc-gfm.md", 1.00),
    ("variants/002-pandoc-plain.txt", 1.00),
    ("variants/002-pandoc-md.md", 1.00),
    ("variants/002-pandoc-gfm.md", 1.00),
    ("variants/004-pandoc-plain.txt", 1.00),
    ("variants/004-pandoc-md.md", 1.00),
    ("variants/004-pandoc-gfm.md", 1.00),
    // The wild plans (shapes other partnerships use), set on 2026-12-07.
    ("wild/p01.docx", 0.94),
    ("wild/p01.pdf", 0.99),
    ("wild/p02.chromium.pdf", 1.00),
    ("wild/p02.docx", 1.00),
    ("wild/p02.pdf", 1.00),
    ("wild/p03.docx", 1.00),
    ("wild/p03.pdf", 1.00),
    ("wild/p04.docx", 1.00),
    ("wild/p04.pdf", 1.00),
    ("wild/p05.docx", 1.00),
    ("wild/p05.pdf", 1.00),
    ("wild/p06.docx", 0.96),
    ("wild/p06.pdf", 0.96),
    ("wild/p07.docx", 1.00),
    ("wild/p07.pdf", 1.00),
    ("wild/p07.reportlab.pdf", 1.00),
    ("wild/p08.docx", 0.97),
    ("wild/p08.pdf", 0.97),
    // The wild plans printed by other PDF producers (bench/producers.sh),
    // set on 2026-12-07: ReportLab (standard-14 fonts without widths, no
    // space between paragraphs, tables set smaller than the body, rows
    // kept whole) and Chromium (bullets drawn as discs, rows split with
    // only their filled cells closed).
    ("variants/p01-reportlab.pdf", 0.99),
    ("variants/p03-reportlab.pdf", 0.99),
    ("variants/p05-reportlab.pdf", 0.99),
    // A narrow header cell wrapped between words where no letter more would
    // fit ("Revised" / "due"), and dates cut mid-number, set on 2026-12-07.
    ("variants/p04-reportlab.pdf", 1.00),
    // The same on a portrait page: refs and dates cut at their separators
    // ("1." / "01", "2025" / "-04-30"), set on 2026-12-07.
    ("variants/p04-reportlab-portrait.pdf", 0.99),
    // Words broken mid-way at the end of a full line of words ("Named
    // Nurse Safeg" / "uarding"), set on 2026-12-07.
    ("variants/001-reportlab-portrait.pdf", 0.98),
    ("variants/p01-chromium.pdf", 0.99),
    ("variants/p03-chromium.pdf", 0.99),
    // The invented plans (corpus/invented, gold written by hand beside the
    // printed cells in bench/invented), set on 2026-12-07.
    ("invented/i01-ashcombe-review.docx", 1.00),
    ("invented/i01-ashcombe-review.pdf", 0.94),
    ("invented/i02-bramwell-tracker.docx", 1.00),
    ("invented/i02-bramwell-tracker.pdf", 1.00),
    ("invented/i03-harrowfield-labelled.docx", 1.00),
    ("invented/i03-harrowfield-labelled.pdf", 1.00),
    ("invented/i04-kelsworth-jtai.docx", 1.00),
    ("invented/i04-kelsworth-jtai.pdf", 1.00),
    ("invented/i05-ryland-cqc.docx", 0.97),
    ("invented/i05-ryland-cqc.pdf", 0.97),
    ("invented/i06-westmoor-visit.docx", 1.00),
    ("invented/i06-westmoor-visit.pdf", 1.00),
    // More invented plans (corpus/invented/s*, gold typed by hand in make_s.py), set on 2026-12-07.
    ("invented/s01-wexcombe.docx", 1.00),
    ("invented/s02-harrowfield.docx", 1.00),
    ("invented/s03-brackley.docx", 1.00),
    ("invented/s04-ashcombe.docx", 1.00),
    ("invented/s05-calderfield.docx", 1.00),
    ("invented/s06-northmoor.docx", 1.00),
];

/// Floor of the mean over the documents in `FLOORS` outside corpus/wild and
/// corpus/invented (0.971 on 2026-11-23,
/// with the raw dumps of narrow 001 variants at 0.72-0.83 in it).
const MEAN_FLOOR: f64 = 0.97;

/// Floor of the mean over corpus/wild (plans in other partnerships' shapes),
/// kept apart from [`MEAN_FLOOR`] so that either ratchet shows on its own:
/// 0.900 on 2026-12-07, 0.991 later that day.
const WILD_MEAN_FLOOR: f64 = 0.99;

/// Floor of the mean over corpus/invented (the project's own plans in other
/// partnerships' styles), apart for the same reason: 0.840 on 2026-12-07
/// (0.788 before the lead grammar was merged; 0.995 with s01-s06 and the
/// two-ref-column and repeated-finding rules).
const INVENTED_MEAN_FLOOR: f64 = 0.99;

/// The corpora whose means are kept apart, each with its own floor.
const GROUPS: [(&str, f64); 2] = [
    ("wild/", WILD_MEAN_FLOOR),
    ("invented/", INVENTED_MEAN_FLOOR),
];

fn in_group(label: &str) -> bool {
    GROUPS.iter().any(|(dir, _)| label.starts_with(dir))
}

/// Slack for floating-point noise when comparing with a floor.
const EPS: f64 = 1e-9;

const CORPUS: &str = "corpus";

// ------------------------------------------------------------ the documents

fn files_in(dir: &Path, exts: &[&str], recurse: bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            if recurse {
                files_in(&p, exts, recurse, out);
            }
        } else if exts.is_empty()
            || p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        {
            out.push(p);
        }
    }
}

/// Every corpus document, sorted by its path under corpus/.
fn documents() -> Vec<PathBuf> {
    let root = Path::new(CORPUS);
    let mut out = Vec::new();
    files_in(&root.join("seeds"), &["txt"], false, &mut out);
    files_in(&root.join("rendered"), &["docx", "pdf"], false, &mut out);
    // Plans in the shapes other partnerships use (copied from the shared
    // wild corpus, gold in tests/gold/pNN.json).
    files_in(&root.join("wild"), &["docx", "pdf"], false, &mut out);
    // Variants may come in any format the reader accepts; files whose name
    // does not lead to a gold (a README) are reported and left out.
    files_in(&root.join("variants"), &[], true, &mut out);
    // The invented plans (bench/invented): their DOCX and PDF share a gold.
    files_in(&root.join("invented"), &["docx", "pdf"], false, &mut out);
    out.sort();
    out
}

fn label(path: &Path) -> String {
    path.strip_prefix(CORPUS)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn gold_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let key: String = name.chars().take(3).collect();
    let p = Path::new("tests/gold").join(format!("{key}.json"));
    p.is_file().then_some(p)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: unreadable: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

fn is_report(gold: &Value) -> bool {
    gold.get("kind").and_then(Value::as_str) == Some("annual_report")
}

// ------------------------------------------------------------ scoring

/// Short column names for the figures in a row.
const PLAN_COLUMNS: [(&str, &str); 10] = [
    ("act", "action_f1"),
    ("ref", "ref_acc"),
    ("text", "text_exact"),
    ("find", "finding_acc"),
    ("due", "due_acc"),
    ("dates", "dates_f1"),
    ("name", "lead_name_f1"),
    ("org", "org_f1"),
    ("role", "role_f1"),
    ("fdet", "findings_f1"),
];

enum Figures {
    Plan(Box<score::Score>),
    Report(score_report::ReportScore),
    Failed(String),
}

struct Row {
    label: String,
    score: f64,
    floor: Option<f64>,
    figures: Figures,
}

/// Score one prediction against its gold with the scorer the gold calls for.
fn score_value(gold: &Value, pred: &Value) -> (f64, Figures) {
    if is_report(gold) {
        match score_report::score(gold, pred) {
            Ok(s) => (s.score, Figures::Report(s)),
            Err(e) => (0.0, Figures::Failed(e)),
        }
    } else {
        match score::score(gold, pred) {
            Ok(s) => (s.score, Figures::Plan(Box::new(s))),
            Err(e) => (0.0, Figures::Failed(e)),
        }
    }
}

/// Figures as JSON (for the agreement check against the Python scorers).
fn figures_json(f: &Figures, score: f64) -> Value {
    match f {
        Figures::Plan(s) => json!({
            "scorer": "score.py",
            "score": score,
            "per_pair": s.per_pair,
            "metrics": s.metrics,
            "overall_parts": s.parts,
            "skipped": s.skipped,
            "gold_actions": s.gold_actions,
            "pred_actions": s.pred_actions,
            "matched": s.matched,
            "matched_by_ref": s.matched_by_ref,
            "matched_by_text": s.matched_by_text,
            "gold_findings": s.gold_findings,
            "pred_findings": s.pred_findings,
        }),
        Figures::Report(s) => json!({
            "scorer": "score_report.py",
            "score": score,
            "fields": s.fields.iter().map(|(k, v)| (k.to_string(), json!({
                "gold": v.gold, "pred": v.pred, "matched": v.matched,
                "precision": v.precision, "recall": v.recall, "f1": v.f1, "scored": v.scored,
            }))).collect::<serde_json::Map<_, _>>(),
        }),
        Figures::Failed(e) => json!({"score": score, "error": e}),
    }
}

fn run_document(path: &Path, gold: &Value, dump: Option<&Path>) -> (f64, Figures) {
    let file = path.to_string_lossy();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return (0.0, Figures::Failed(format!("unreadable: {e}"))),
    };
    let out = match extract_output(&bytes, &file, &Options::default()) {
        Ok(o) => o,
        Err(e) => {
            return (
                0.0,
                Figures::Failed(format!("extract failed: {}", e.code())),
            );
        }
    };
    let pred = match serde_json::to_value(&out) {
        Ok(v) => v,
        Err(e) => {
            return (
                0.0,
                Figures::Failed(format!("output does not serialise: {e}")),
            );
        }
    };
    let (s, figures) = score_value(gold, &pred);
    if let Some(dir) = dump {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let write = |file: String, v: &Value| {
            let text = serde_json::to_string_pretty(v).unwrap_or_default();
            std::fs::write(dir.join(file), text).unwrap_or_else(|e| panic!("dump: {e}"));
        };
        write(format!("{name}.json"), &pred);
        write(format!("{name}.rust.json"), &figures_json(&figures, s));
    }
    (s, figures)
}

fn fmt_cell(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn fmt_floor(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_string(), |v| format!("{v:.2}"))
}

fn print_table(rows: &[Row]) {
    println!();
    println!("corpus scoreboard (tests/scoreboard.rs); '-' = field not in the gold");
    let plan_head: Vec<String> = PLAN_COLUMNS
        .iter()
        .map(|(c, _)| format!("{c:>5}"))
        .collect();
    println!(
        "{:<34} {:>6} {:>6}  {}",
        "action plans",
        "score",
        "floor",
        plan_head.join(" ")
    );
    for r in rows {
        if let Figures::Plan(s) = &r.figures {
            let cells: Vec<String> = PLAN_COLUMNS
                .iter()
                .map(|(_, k)| {
                    let v = s.parts.contains(k).then(|| s.metric(k));
                    format!("{:>5}", fmt_cell(v))
                })
                .collect();
            println!(
                "{:<34} {:>6.3} {:>6}  {}",
                r.label,
                r.score,
                fmt_floor(r.floor),
                cells.join(" ")
            );
        }
    }
    let report_head: Vec<String> = FIELDS.iter().map(|f| format!("{:>5.5}", f)).collect();
    println!(
        "{:<34} {:>6} {:>6}  {}",
        "annual reports (F1)",
        "score",
        "floor",
        report_head.join(" ")
    );
    for r in rows {
        if let Figures::Report(s) = &r.figures {
            let cells: Vec<String> = FIELDS
                .iter()
                .map(|f| {
                    let v = s.fields.get(f).filter(|x| x.scored).map(|x| x.f1);
                    format!("{:>5}", fmt_cell(v))
                })
                .collect();
            println!(
                "{:<34} {:>6.3} {:>6}  {}",
                r.label,
                r.score,
                fmt_floor(r.floor),
                cells.join(" ")
            );
        }
    }
    for r in rows {
        if let Figures::Failed(e) = &r.figures {
            println!(
                "{:<34} {:>6.3} {:>6}  {e}",
                r.label,
                r.score,
                fmt_floor(r.floor)
            );
        }
    }
}

fn floor_of(label: &str) -> Option<f64> {
    FLOORS.iter().find(|(l, _)| *l == label).map(|(_, f)| *f)
}

// ------------------------------------------------------------ the test

#[test]
fn corpus_scores_hold_their_floors() {
    let dump = std::env::var_os("SCOREBOARD_DUMP").map(PathBuf::from);
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("SCOREBOARD_DUMP: {e}"));
    }
    let mut rows = Vec::new();
    for path in documents() {
        let label = label(&path);
        let Some(gold) = gold_path(&path) else {
            println!("{label}: no gold in tests/gold, not scored");
            continue;
        };
        let (score, figures) = run_document(&path, &read_json(&gold), dump.as_deref());
        rows.push(Row {
            floor: floor_of(&label),
            label,
            score,
            figures,
        });
    }
    print_table(&rows);

    let mut failures = Vec::new();
    for (label, _) in FLOORS {
        if !rows.iter().any(|r| r.label == *label) {
            failures.push(format!("{label}: has a floor but is not in the corpus"));
        }
    }
    for r in &rows {
        let floor = r.floor.unwrap_or(0.0);
        if r.score + EPS < floor {
            failures.push(format!(
                "{}: score {:.3} fell below its floor {floor:.2}",
                r.label, r.score
            ));
        }
    }
    let floored: Vec<f64> = rows
        .iter()
        .filter(|r| r.floor.is_some() && !in_group(&r.label))
        .map(|r| r.score)
        .collect();
    let mean = floored.iter().sum::<f64>() / floored.len().max(1) as f64;
    for (dir, floor) in GROUPS {
        let name = dir.trim_end_matches('/');
        let scores: Vec<f64> = rows
            .iter()
            .filter(|r| r.label.starts_with(dir))
            .map(|r| r.score)
            .collect();
        let group_mean = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
        println!(
            "{name}: {group_mean:.3} over {} documents (floor {floor:.2})",
            scores.len()
        );
        if scores.is_empty() {
            failures.push(format!("{name}: no documents in corpus/{name}"));
        }
        if group_mean + EPS < floor {
            failures.push(format!(
                "{name} mean {group_mean:.3} fell below its floor {floor:.2}"
            ));
        }
    }
    let all = rows.iter().map(|r| r.score).sum::<f64>() / rows.len().max(1) as f64;
    println!(
        "mean: {all:.3} over {} documents; {mean:.3} over the {} with a floor (floor {MEAN_FLOOR:.2})",
        rows.len(),
        floored.len()
    );
    if mean + EPS < MEAN_FLOOR {
        failures.push(format!(
            "mean {mean:.3} fell below its floor {MEAN_FLOOR:.2}"
        ));
    }
    assert!(failures.is_empty(), "scoreboard: {}", failures.join("; "));
}

// ------------------------------------------------------------ the scorers

fn gold_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    files_in(Path::new("tests/gold"), &["json"], false, &mut out);
    out
}

/// A deterministic damage the Python scorers were run on: an action plan
/// loses every third action and the rest lose their due date; an annual
/// report loses every third entry of each list.
fn damaged(gold: &Value) -> Value {
    let mut v = gold.clone();
    let keep = |list: &mut Value| {
        if let Some(items) = list.as_array_mut() {
            let kept: Vec<Value> = items
                .drain(..)
                .enumerate()
                .filter(|(i, _)| i % 3 != 2)
                .map(|(_, x)| x)
                .collect();
            *items = kept;
        }
    };
    if is_report(gold) {
        for f in FIELDS {
            if let Some(list) = v.get_mut("report").and_then(|r| r.get_mut(f)) {
                keep(list);
            }
        }
    } else if let Some(actions) = v.get_mut("actions") {
        keep(actions);
        for a in actions.as_array_mut().into_iter().flatten() {
            if let Some(ts) = a.get_mut("timescale").and_then(Value::as_object_mut) {
                ts.insert("due".into(), Value::Null);
            }
        }
    }
    v
}

/// score.py / score_report.py `--json` on `damaged(gold)` (rounded there to
/// 6 decimals).
const DAMAGED: &[(&str, f64)] = &[
    ("000", 0.653077),
    ("001", 0.663333),
    ("002", 0.815297),
    ("003", 0.653077),
    ("004", 0.693333),
    ("p01", 0.662731),
    ("p02", 0.657738),
    ("p03", 0.663559),
    ("p04", 0.665461),
    ("p05", 0.675231),
    ("p06", 0.695767),
    ("p07", 0.634191),
    ("p08", 0.676876),
    ("i01", 0.710714),
    ("i02", 0.646667),
    ("i03", 0.646667),
    ("i04", 0.710714),
    ("i05", 0.657738),
    ("i06", 0.646667),
    ("s01", 0.748889),
    ("s02", 0.710714),
    ("s03", 0.641667),
    ("s04", 0.74321),
    ("s05", 0.700893),
    ("s06", 0.669643),
];

#[test]
fn each_gold_scores_one_against_itself_and_its_damage_as_python_does() {
    let golds = gold_files();
    assert!(!golds.is_empty(), "no gold files");
    for path in golds {
        let gold = read_json(&path);
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (own, _) = score_value(&gold, &gold);
        assert!(
            (own - 1.0).abs() < EPS,
            "{name}: gold against itself scores {own}"
        );
        let (hurt, _) = score_value(&gold, &damaged(&gold));
        let want = DAMAGED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .unwrap_or_else(|| panic!("{name}: no score.py figure for its damaged copy"));
        assert!(
            (hurt - want).abs() < 1e-6,
            "{name}: damaged copy scores {hurt:.6}, the Python scorer {want:.6}"
        );
    }
}

#[test]
fn an_empty_prediction_scores_low_and_bad_input_is_an_error() {
    let gold = read_json(Path::new("tests/gold/000.json"));
    let empty = json!({"schema": "docket/1", "findings": [], "actions": []});
    let s = score::score(&gold, &empty).expect("scores");
    assert_eq!(s.matched, 0);
    assert!(s.score < 0.01, "empty prediction scores {}", s.score);
    assert!(score::score(&gold, &json!({"actions": []})).is_err());
    assert!(score::score(&gold, &json!({"actions": [1], "findings": []})).is_err());
    assert!(score_report::score(&gold, &json!({"report": null})).is_err());
}

/// Scores the pairs listed in the file named by `SCORE_PAIRS` (lines of
/// `GOLD<TAB>PRED<TAB>OUT`), writing the Rust figures to OUT as JSON: the
/// harness for checking the ports against the Python scorers on any input.
#[test]
#[ignore = "a harness: needs SCORE_PAIRS"]
fn score_pairs_from_env() {
    let Some(list) = std::env::var_os("SCORE_PAIRS") else {
        return;
    };
    let text = std::fs::read_to_string(&list).unwrap_or_else(|e| panic!("SCORE_PAIRS: {e}"));
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('\t').collect();
        let [g, p, out] = parts.as_slice() else {
            panic!("SCORE_PAIRS line is not GOLD<TAB>PRED<TAB>OUT: {line}");
        };
        let gold = read_json(Path::new(g));
        let pred = read_json(Path::new(p));
        let (s, f) = score_value(&gold, &pred);
        let text = serde_json::to_string_pretty(&figures_json(&f, s)).unwrap_or_default();
        std::fs::write(out, text).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}
