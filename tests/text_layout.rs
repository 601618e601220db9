//! `pdftotext -layout` dumps of our own rendered corpus PDFs
//! (corpus/variants/NNN-layout.txt, made with `pdftotext -layout
//! corpus/rendered/NNN.pdf`), run through the whole pipeline and compared
//! with the gold answers of the same documents (tests/gold/NNN.json).
//!
//! The layout reader rebuilds tables from character positions only, so it
//! does not reach the exact structure the DOCX and PDF readers do. The
//! floors below are the figures reached: a ratchet. Raise them when the
//! reader improves; never lower them to make a change pass.

use std::collections::HashMap;

use docket::contract::Output;
use serde_json::Value;

mod common;

use common::corpus::{extract, gold, norm};

fn run(prefix: &str) -> (Output, Value) {
    let file = common::corpus::path(&format!("corpus/variants/{prefix}-layout.txt"));
    (extract(&file), gold(prefix))
}

/// Items of `pred` found in `gold`, each gold item used once.
fn multiset_hits(gold: &[String], pred: &[String]) -> usize {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for g in gold {
        *left.entry(g.as_str()).or_default() += 1;
    }
    pred.iter()
        .filter(|p| match left.get_mut(p.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// What a plan read from a layout dump reached.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    actions: usize,
    findings: usize,
    /// Action refs that gold has too.
    refs: usize,
    /// Action texts equal to a gold action's text.
    texts: usize,
    /// Timescale texts equal to a gold timescale.
    timescales: usize,
    /// Lead names found in gold (over all actions).
    lead_names: usize,
}

fn figures(out: &Output, gold: &Value) -> Figures {
    let ga = gold["actions"].as_array().expect("gold actions");
    let strs = |v: &[Value], f: &dyn Fn(&Value) -> Option<String>| -> Vec<String> {
        v.iter().filter_map(f).collect()
    };
    let gold_refs = strs(ga, &|a| a["ref"].as_str().map(norm));
    let gold_texts = strs(ga, &|a| a["text"].as_str().map(norm));
    let gold_times = strs(ga, &|a| a["timescale"]["text"].as_str().map(norm));
    let gold_leads: Vec<String> = ga
        .iter()
        .flat_map(|a| a["leads"].as_array().cloned().unwrap_or_default())
        .filter_map(|l| l["name"].as_str().map(norm))
        .collect();
    let refs: Vec<String> = out
        .actions
        .iter()
        .filter_map(|a| a.ref_.as_deref().map(norm))
        .collect();
    let texts: Vec<String> = out.actions.iter().map(|a| norm(&a.text)).collect();
    let times: Vec<String> = out
        .actions
        .iter()
        .filter_map(|a| a.timescale.text.as_deref().map(norm))
        .collect();
    let leads: Vec<String> = out
        .actions
        .iter()
        .flat_map(|a| a.leads.iter().filter_map(|l| l.name.as_deref().map(norm)))
        .collect();
    Figures {
        actions: out.actions.len(),
        findings: out.findings.len(),
        refs: multiset_hits(&gold_refs, &refs),
        texts: multiset_hits(&gold_texts, &texts),
        timescales: multiset_hits(&gold_times, &times),
        lead_names: multiset_hits(&gold_leads, &leads),
    }
}

/// Every figure at least its floor, and no more actions or findings than
/// gold has plus `extra`.
fn assert_reached(prefix: &str, floor: Figures, extra: usize) {
    let (out, gold) = run(prefix);
    assert_eq!(
        serde_json::to_value(&out).expect("serialises")["kind"],
        "action_plan"
    );
    docket::contract::to_validated_json(&out).expect("valid docket/1");
    let got = figures(&out, &gold);
    let gold_actions = gold["actions"].as_array().map_or(0, Vec::len);
    let gold_findings = gold["findings"].as_array().map_or(0, Vec::len);
    eprintln!("{prefix}: {got:?} (gold {gold_actions} actions, {gold_findings} findings)");
    assert!(
        got.actions >= floor.actions && got.actions <= gold_actions + extra,
        "{got:?}"
    );
    assert!(
        got.findings >= floor.findings && got.findings <= gold_findings + extra,
        "{got:?}"
    );
    assert!(got.refs >= floor.refs, "refs {got:?}");
    assert!(got.texts >= floor.texts, "texts {got:?}");
    assert!(got.timescales >= floor.timescales, "timescales {got:?}");
    assert!(got.lead_names >= floor.lead_names, "lead names {got:?}");
}

#[test]
fn plan_000_from_a_layout_dump() {
    assert_reached(
        "000",
        Figures {
            actions: 78,
            findings: 18,
            refs: 73,
            texts: 77,
            timescales: 77,
            lead_names: 123,
        },
        2,
    );
}

#[test]
fn plan_001_from_a_layout_dump() {
    assert_reached(
        "001",
        Figures {
            actions: 18,
            findings: 16,
            refs: 16,
            texts: 18,
            timescales: 17,
            lead_names: 1,
        },
        0,
    );
}

#[test]
fn plan_004_from_a_layout_dump() {
    assert_reached(
        "004",
        Figures {
            actions: 21,
            findings: 0,
            refs: 0,
            texts: 21,
            timescales: 0,
            lead_names: 34,
        },
        0,
    );
}

/// Entries of `field` in the predicted report whose `key` (a string field)
/// matches a gold entry's, each gold entry used once.
fn report_hits(gold: &Value, pred: &Value, field: &str, key: &str) -> usize {
    let texts = |v: &Value| -> Vec<String> {
        v["report"][field]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e[key].as_str().map(norm)).collect())
            .unwrap_or_default()
    };
    multiset_hits(&texts(gold), &texts(pred))
}

#[test]
fn report_002_from_a_layout_dump() {
    let (out, gold) = run("002");
    let pred = serde_json::to_value(&out).expect("serialises");
    assert_eq!(pred["kind"], "annual_report");
    let report = out.report.as_ref().expect("a report");
    assert_eq!(report.period.as_deref(), Some("2021/22"));
    docket::contract::to_validated_json(&out).expect("valid docket/1");
    let hits = [
        ("sections", "title", 34),
        ("figures", "label", 26),
        ("people", "name", 45),
        ("priorities", "title", 4),
        ("glossary", "abbreviation", 49),
        ("budget", "item", 31),
    ];
    for (field, key, floor) in hits {
        let got = report_hits(&gold, &pred, field, key);
        eprintln!("002 {field}: {got}");
        assert!(got >= floor, "{field}: {got} < {floor}");
    }
}

/// The seed exports still go to the export and dump readers: a layout dump
/// is told by its aligned blocks, which neither has.
#[test]
fn seeds_are_not_read_as_layout_dumps() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds");
    for e in std::fs::read_dir(dir).expect("seeds") {
        let path = e.expect("entry").path();
        let bytes = std::fs::read(&path).expect("seed");
        let doc = docket::read::read(&bytes, &docket::read::Limits::default()).expect("reads");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tables = doc.tables().count();
        if name.starts_with("003") {
            assert_eq!(tables, 0, "{name}: the raw dump has no tables");
        } else {
            assert!(tables > 0, "{name}: the export has tables");
        }
    }
}

/// Steps counted to read a mutated layout dump (the campaign's text
/// input 344 of seed 1, its run of one repeated line collapsed to one copy
/// for the repository) with that line printed `n` extra times: every copy
/// began a region that failed as a table and was read again to its end
/// (24,000 copies: over 110 s).
fn repeated_row_steps(n: usize) -> u64 {
    let src = std::fs::read_to_string("tests/slow/carried-row-repeated.txt").unwrap();
    let lines: Vec<&str> = src.lines().collect();
    let k = lines
        .iter()
        .position(|l| l.contains("15.23 Assess need"))
        .expect("the repeated line");
    let mut text = lines[..=k].join("\n");
    for _ in 0..n {
        text.push('\n');
        text.push_str(lines[k]);
    }
    text.push('\n');
    text.push_str(&lines[k + 1..].join("\n"));
    let limits = docket::read::Limits::default();
    docket::work::count(|| docket::read::text::read(text.as_bytes(), &limits).is_ok()).1
}

#[test]
fn a_long_region_that_is_no_table_costs_its_length_not_its_square() {
    let (small, large) = (repeated_row_steps(1_000), repeated_row_steps(4_000));
    assert!(small > 0);
    assert!(large <= small * 5, "{small} -> {large}");
}
