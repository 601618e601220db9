//! The pdftotext dump of an action plan (seed 003) through the real pipeline,
//! checked against its hand-made gold (`tests/gold/003.json`).
//!
//! The figures asserted are a ratchet: what the flow interpreter reaches
//! today. Lead entries are compared as the whole lead cell (all entries
//! joined), so the test holds whether the lead splitter returns one entry
//! per line or one per person.

use docket::contract::{self, Output};
use serde_json::Value;

mod common;

use common::corpus::{align, extract, gold, rate, s, token_f1};

const SEED: &str = "corpus/seeds/003_a0d4d561ba415560.txt";

fn run() -> (Output, Value) {
    let out = extract(SEED);
    contract::to_validated_json(&out).expect("valid docket/1");
    (out, gold("003"))
}

#[test]
fn dump_is_read_as_an_action_plan() {
    let (out, gold) = run();
    let pred = serde_json::to_value(&out).unwrap();
    assert_eq!(pred["kind"], "action_plan");

    // Findings: all 18, in order, with their refs, sections and texts.
    let gf = gold["findings"].as_array().unwrap();
    let pf = pred["findings"].as_array().unwrap();
    assert_eq!(pf.len(), gf.len());
    for (g, p) in gf.iter().zip(pf) {
        assert_eq!(p["ref"], g["ref"]);
        assert_eq!(s(&p["section"]), s(&g["section"]), "finding {}", g["ref"]);
        assert_eq!(s(&p["text"]), s(&g["text"]), "finding {}", g["ref"]);
        assert_eq!(p["at"]["line"], g["at"]["line"], "finding {}", g["ref"]);
    }

    // Actions: count near 78, aligned as score.py does.
    let ga = gold["actions"].as_array().unwrap();
    let pa = pred["actions"].as_array().unwrap();
    assert!((76..=80).contains(&pa.len()), "{} actions", pa.len());
    let pairs = align(ga, pa);
    let f1 = 2.0 * pairs.len() as f64 / (ga.len() + pa.len()) as f64;
    let finding_text = |doc: &Value, a: &Value| -> String {
        let id = a["finding"].as_str().unwrap_or("");
        doc["findings"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["id"] == id))
            .map(|f| s(&f["text"]))
            .unwrap_or_default()
    };
    let refs = rate(&pairs, |g, p| ga[g]["ref"] == pa[p]["ref"]);
    let linkage = rate(&pairs, |g, p| {
        token_f1(&finding_text(&gold, &ga[g]), &finding_text(&pred, &pa[p])) >= 0.8
    });
    let text_exact = rate(&pairs, |g, p| s(&ga[g]["text"]) == s(&pa[p]["text"]));
    let section = rate(&pairs, |g, p| s(&ga[g]["section"]) == s(&pa[p]["section"]));
    let timescale = rate(&pairs, |g, p| {
        s(&ga[g]["timescale"]["text"]) == s(&pa[p]["timescale"]["text"])
    });
    let inherited = rate(&pairs, |g, p| {
        ga[g]["leads_inherited"] == pa[p]["leads_inherited"]
    });
    let line = rate(&pairs, |g, p| ga[g]["at"]["line"] == pa[p]["at"]["line"]);
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
    let lead_f1 = pairs
        .iter()
        .map(|&(g, p)| token_f1(&lead_cell(&ga[g]), &lead_cell(&pa[p])))
        .sum::<f64>()
        / pairs.len().max(1) as f64;

    let figures = format!(
        "action F1 {f1:.3}, refs {refs:.3}, linkage {linkage:.3}, text exact {text_exact:.3}, \
         section {section:.3}, timescale text {timescale:.3}, inherited {inherited:.3}, \
         line {line:.3}, lead cell token-F1 {lead_f1:.3}"
    );
    eprintln!("003: {figures}");
    // Issue 3 acceptance: F1, refs and linkage >= 0.90, text exact >= 0.70.
    // The bounds below are what the flow interpreter reaches (ratchet).
    assert!(f1 >= 0.99, "{figures}");
    assert!(refs >= 0.99, "{figures}");
    assert!(linkage >= 0.99, "{figures}");
    assert!(text_exact >= 0.98, "{figures}");
    assert!(section >= 0.99, "{figures}");
    // A year split by glyph spacing ("202 0") is rejoined inside the dates
    // the recogniser finds (rebuild/flow/cues.rs), so the floor stays 0.98.
    assert!(timescale >= 0.98, "{figures}");
    assert!(inherited >= 0.99, "{figures}");
    assert!(line >= 0.99, "{figures}");
    assert!(lead_f1 >= 0.97, "{figures}");
}

#[test]
fn police_actions_have_no_ref_and_keep_their_headings() {
    let (out, _) = run();
    let unnumbered: Vec<_> = out.actions.iter().filter(|a| a.ref_.is_none()).collect();
    assert_eq!(unnumbered.len(), 5);
    // Four of them open with a printed heading, which stays in the text.
    let headed = unnumbered
        .iter()
        .filter(|a| {
            a.text
                .split(':')
                .next()
                .is_some_and(|h| h.split_whitespace().count() <= 10 && h.len() < a.text.len())
        })
        .count();
    assert_eq!(headed, 4);
    // A list number inside the narrative is kept in the text, not a ref.
    assert!(unnumbered.iter().any(|a| a.text.starts_with("1. ")));
}
