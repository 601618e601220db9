//! The PDF reader on other layouts of the corpus documents (a ratchet).
//!
//! corpus/variants/NNN-variant.pdf are our own rendered plans re-laid out
//! (bench/variants.py: no table borders at all, A4 portrait with
//! auto-fitted columns, a narrower font) and converted by LibreOffice. Each
//! is scored against tests/gold/NNN.json with the scorer's Rust port, and
//! its action count, matched refs and a few fields are held at the level
//! reached, so a change to the reader can only move them up.

mod common;

use std::path::Path;

use common::score;
use docket::batch::{Options, extract_output};
use serde_json::Value;

struct Case {
    file: &'static str,
    /// Floor of the score.
    score: f64,
    /// Floor of the gold actions matched by ref.
    by_ref: usize,
}

const CASES: &[Case] = &[
    // No ruling lines at all: the table is found from text alignment.
    Case {
        file: "000-noborder.pdf",
        score: 0.98,
        by_ref: 73,
    },
    Case {
        file: "001-noborder.pdf",
        score: 0.995,
        by_ref: 16,
    },
    Case {
        file: "004-noborder.pdf",
        score: 0.985,
        by_ref: 0,
    },
    // Narrow columns: words broken mid-word at the cell edge ("Numbe" / "r").
    Case {
        file: "001-narrowfont.pdf",
        score: 1.0,
        by_ref: 16,
    },
    Case {
        file: "001-portrait.pdf",
        score: 0.97,
        by_ref: 16,
    },
    Case {
        file: "000-portrait.pdf",
        score: 0.995,
        by_ref: 73,
    },
    // No repeated header rows: a row cut by a page break is told by its
    // cells' last lines wrapping into the next page.
    Case {
        file: "004-nohead.pdf",
        score: 0.99,
        by_ref: 0,
    },
    // ... also where the continuation repeats the header rows first.
    Case {
        file: "004-portrait.pdf",
        score: 0.99,
        by_ref: 0,
    },
    // Two variants at once. Portrait with a narrow font: words broken in
    // very narrow cells, and a new row's first words never fit after the
    // last line above, so only where cells' text stops tells a cut row.
    Case {
        file: "001-portrait+narrowfont.pdf",
        score: 0.98,
        by_ref: 16,
    },
    // No borders and no repeated header: pages of two text columns read
    // against the columns of the table the page before ended with, and a
    // theme's header at the page foot with one row under it.
    Case {
        file: "004-noborder+nohead.pdf",
        score: 0.98,
        by_ref: 0,
    },
];

fn run(file: &str) -> (Value, Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("corpus/variants").join(file);
    let bytes = std::fs::read(&path).expect("variant present");
    let out =
        extract_output(&bytes, &path.to_string_lossy(), &Options::default()).expect("extracts");
    let pred = serde_json::to_value(&out).expect("serialises");
    let gold_path = root.join(format!("tests/gold/{}.json", &file[..3]));
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).expect("gold")).expect("json");
    (gold, pred)
}

#[test]
fn variants_hold_their_floors() {
    let mut failures = Vec::new();
    for c in CASES {
        let (gold, pred) = run(c.file);
        let s = score::score(&gold, &pred).expect("scores");
        println!(
            "{}: score {:.3}, actions {} of {} (by ref {}, by text {})",
            c.file, s.score, s.pred_actions, s.gold_actions, s.matched_by_ref, s.matched_by_text
        );
        if s.score + 1e-9 < c.score {
            failures.push(format!("{}: score {:.3} < {}", c.file, s.score, c.score));
        }
        if s.matched_by_ref < c.by_ref {
            failures.push(format!(
                "{}: {} actions matched by ref < {}",
                c.file, s.matched_by_ref, c.by_ref
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The 001 header cell "Number" is printed "Nu" / "mb" / "er" (or "Numbe" /
/// "r") in a narrow column; joined back it names the ref column, so every
/// action keeps its printed ref.
#[test]
fn a_header_broken_mid_word_still_names_the_ref_column() {
    for file in ["001-narrowfont.pdf", "001-portrait.pdf"] {
        let (gold, pred) = run(file);
        let refs = |v: &Value| -> Vec<String> {
            v["actions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x["ref"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(refs(&pred), refs(&gold), "{file}");
    }
}

/// A borderless plan keeps the finding beside its actions: the finding
/// cell runs on across the action rows (a merged cell without rules).
#[test]
fn a_borderless_plan_links_actions_to_findings() {
    let (gold, pred) = run("000-noborder.pdf");
    let first = |v: &Value, r: &str| -> Option<String> {
        v["actions"].as_array().and_then(|a| {
            a.iter()
                .find(|x| x["ref"].as_str() == Some(r))
                .and_then(|x| x["finding"].as_str().map(str::to_string))
        })
    };
    for r in ["1.1", "1.5", "2.3"] {
        assert!(first(&pred, r).is_some(), "{r} has a finding");
        assert_eq!(
            first(&pred, r).map(|f| !f.is_empty()),
            first(&gold, r).map(|f| !f.is_empty()),
            "{r}"
        );
    }
}

/// The annual report without table borders: its tables under a shaded
/// header row (the partnership's members, NAME | TITLE) and its
/// acronyms and sections hold, and its budget's four columns (an amount
/// and the next cell's label only the cells' padding apart).
#[test]
fn a_borderless_report_keeps_its_people_glossary_and_sections() {
    let (gold, pred) = run("002-noborder.pdf");
    let s = common::score_report::score(&gold, &pred).expect("scores");
    println!("002-noborder.pdf: score {:.3}", s.score);
    assert!(s.score >= 0.98, "score {:.3}", s.score);
    assert!(s.f1("people") >= 0.96, "people {:.3}", s.f1("people"));
    assert!(s.f1("glossary") >= 0.99, "glossary {:.3}", s.f1("glossary"));
    assert!(s.f1("sections") >= 0.99, "sections {:.3}", s.f1("sections"));
}
