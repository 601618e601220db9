//! Raw pdftotext dumps (no -layout) of the corpus PDFs, made with
//! `pdftotext corpus/rendered/NNN.pdf corpus/variants/NNN-raw.txt`, read
//! through the real pipeline and measured against the hand-made gold.
//!
//! The figures asserted are a ratchet: what the flow interpreter (and for
//! 002 the report interpreter) reaches today. Raise them as it improves;
//! never lower them to make a change pass.

use docket::contract;
use serde_json::Value;

mod common;

use common::corpus::{align, extract, gold, s, token_f1};

/// The pipeline's JSON for a variant, and the gold.
fn run(key: &str) -> (Value, Value) {
    let out = extract(&format!("corpus/variants/{key}-raw.txt"));
    contract::to_validated_json(&out).expect("valid docket/1");
    (serde_json::to_value(&out).unwrap(), gold(key))
}

/// What a plan dump reaches.
#[derive(Debug)]
struct Figures {
    gold: usize,
    pred: usize,
    matched: usize,
    /// Mean token-F1 of action texts over matched pairs.
    text: f64,
    /// Share of matched pairs with the gold's `due`.
    due: f64,
    /// Mean token-F1 of the whole lead cell (all lead texts joined).
    lead: f64,
    /// Mean token-F1 of outcomes (two missing outcomes agree).
    outcome: f64,
    findings: usize,
}

fn figures(key: &str) -> Figures {
    let (pred, gold) = run(key);
    assert_eq!(pred["kind"], "action_plan", "{key}");
    let ga = gold["actions"].as_array().unwrap();
    let pa = pred["actions"].as_array().unwrap();
    let pairs = align(ga, pa);
    let n = pairs.len().max(1) as f64;
    let mean = |f: &dyn Fn(&Value, &Value) -> f64| -> f64 {
        pairs.iter().map(|&(g, p)| f(&ga[g], &pa[p])).sum::<f64>() / n
    };
    let lead_cell = |a: &Value| -> String {
        a["leads"]
            .as_array()
            .map(|ls| {
                ls.iter()
                    .map(|l| s(&l["text"]))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let f = Figures {
        gold: ga.len(),
        pred: pa.len(),
        matched: pairs.len(),
        text: mean(&|g, p| token_f1(&s(&g["text"]), &s(&p["text"]))),
        due: mean(&|g, p| f64::from(u8::from(g["timescale"]["due"] == p["timescale"]["due"]))),
        lead: mean(&|g, p| token_f1(&lead_cell(g), &lead_cell(p))),
        outcome: mean(&|g, p| token_f1(&s(&g["outcome"]), &s(&p["outcome"]))),
        findings: pred["findings"].as_array().map_or(0, Vec::len),
    };
    eprintln!("{key}-raw: {f:?}");
    f
}

#[test]
fn plan_000_raw_dump() {
    // The flow walk reads this one; findings 1-18 come out partly (the
    // dump glues some finding numbers to the text before them).
    let f = figures("000");
    assert!(f.matched >= 73, "{f:?}");
    assert!(f.pred <= f.gold + 1, "{f:?}");
    assert!(f.text >= 0.96, "{f:?}");
    assert!(f.due >= 0.95, "{f:?}");
    assert!(f.lead >= 0.45, "{f:?}");
}

#[test]
fn plan_001_raw_dump() {
    // One group per cell: the table is rebuilt from the header's columns.
    let f = figures("001");
    assert!(f.matched >= 17, "{f:?}");
    assert!(f.pred <= f.gold, "{f:?}");
    assert_eq!(f.findings, 16, "{f:?}");
    assert!(f.text >= 0.95, "{f:?}");
    assert!(f.due >= 0.90, "{f:?}");
    assert!(f.lead >= 0.90, "{f:?}");
    assert!(f.outcome >= 0.90, "{f:?}");
}

#[test]
fn plan_004_raw_dump() {
    // No ref column: rows are told by the lead cells and column order;
    // the BRAG key under the last table is no action.
    let f = figures("004");
    assert!(f.matched >= 21, "{f:?}");
    assert!(f.pred <= f.gold, "{f:?}");
    assert_eq!(f.findings, 0, "{f:?}");
    assert!(f.text >= 0.97, "{f:?}");
    assert!(f.lead >= 0.90, "{f:?}");
    assert!(f.outcome >= 0.90, "{f:?}");
}

#[test]
fn report_002_raw_dump() {
    let (pred, gold) = run("002");
    assert_eq!(pred["kind"], "annual_report");
    let r = &pred["report"];
    let count = |k: &str| r[k].as_array().map_or(0, Vec::len);
    let g = &gold["report"];
    let gcount = |k: &str| g[k].as_array().map_or(0, Vec::len);
    eprintln!(
        "002-raw: sections {}/{}, figures {}/{}, people {}/{}, priorities {}/{}, glossary {}/{}, budget {}/{}",
        count("sections"),
        gcount("sections"),
        count("figures"),
        gcount("figures"),
        count("people"),
        gcount("people"),
        count("priorities"),
        gcount("priorities"),
        count("glossary"),
        gcount("glossary"),
        count("budget"),
        gcount("budget"),
    );
    assert_eq!(count("figures"), gcount("figures"));
    assert_eq!(count("priorities"), gcount("priorities"));
    // Section numbers printed apart from their titles are joined; glossary
    // terms printed apart from their expansions are paired.
    assert!(count("sections") >= 33, "sections {}", count("sections"));
    assert_eq!(count("glossary"), gcount("glossary"));
    let titles: Vec<String> = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{} {}", s(&x["number"]), s(&x["title"])))
        .collect();
    let gold_titles: Vec<String> = g["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{} {}", s(&x["number"]), s(&x["title"])))
        .collect();
    assert!(titles.iter().all(|t| gold_titles.contains(t)), "{titles:?}");
    assert!(count("people") >= 44, "people {}", count("people"));
    // The side-by-side budget: sides alternate row by row, so a side that
    // runs out early is guessed; 27 of 31 lines agree today.
    let key = |b: &Value| {
        format!(
            "{}|{}|{}|{}",
            s(&b["period"]),
            s(&b["direction"]),
            s(&b["item"]).to_lowercase(),
            b["amount"]
        )
    };
    let gold_lines: Vec<String> = g["budget"].as_array().unwrap().iter().map(key).collect();
    let agree = r["budget"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| gold_lines.contains(&key(b)))
        .count();
    assert!(
        count("budget") <= gcount("budget"),
        "budget {}",
        count("budget")
    );
    assert!(agree >= 27, "budget lines agreeing {agree}");
}
