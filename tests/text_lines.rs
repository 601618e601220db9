//! Plans saved as plain text by a word processor, one cell paragraph per
//! line (`soffice --headless --convert-to "txt:Text (encoded):UTF8"
//! corpus/rendered/NNN.docx`, kept as corpus/variants/NNN-lotxt.txt), read
//! through the real pipeline. The scoreboard holds their overall scores;
//! these tests pin the structure the line reader must get back.

use docket::contract;
use serde_json::Value;

mod common;

use common::corpus::{extract, s};

fn run(name: &str) -> Value {
    let out = extract(&format!("corpus/variants/{name}"));
    contract::to_validated_json(&out).expect("valid docket/1");
    serde_json::to_value(&out).expect("json")
}

fn action<'a>(doc: &'a Value, r: &str) -> &'a Value {
    doc["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|x| s(&x["ref"]) == r))
        .unwrap_or(&Value::Null)
}

fn lead_names(a: &Value) -> Vec<String> {
    a["leads"]
        .as_array()
        .map(|l| l.iter().map(|x| s(&x["name"])).collect())
        .unwrap_or_default()
}

#[test]
fn merged_cells_blank_paragraphs_and_section_rows_000() {
    let doc = run("000-lotxt.txt");
    assert_eq!(doc["kind"], "action_plan");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(18));
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(78));
    // A date cell of two paragraphs, then a lead cell whose names are
    // separated by an empty paragraph.
    let a = action(&doc, "6.1");
    assert_eq!(
        s(&a["timescale"]["text"]),
        "September 2020 Review December 2020"
    );
    assert_eq!(lead_names(a), ["Matt Stone", "Celia Lamden"]);
    // The empty lead cell under it inherits.
    assert_eq!(action(&doc, "6.2")["leads_inherited"], true);
    // Section rows ("Health", "Police") are one line each.
    assert_eq!(s(&action(&doc, "10.1")["section"]), "Health");
    assert_eq!(
        s(&action(&doc, "1.1")["section"]),
        "Multi- agency areas for development"
    );
}

#[test]
fn nine_columns_with_empty_cells_001() {
    let doc = run("001-lotxt.txt");
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(18));
    let a = action(&doc, "3.5");
    assert_eq!(s(&a["timescale"]["text"]), "Nov-15");
    assert_eq!(a["progress"].as_array().map(Vec::len), Some(2));
}

#[test]
fn theme_tables_and_a_rating_key_004() {
    let doc = run("004-lotxt.txt");
    let actions = doc["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 21);
    // The rating key under the last table is no action.
    assert!(actions.iter().all(|a| !s(&a["text"]).starts_with("RED")));
    // The lead cell's trailing empty paragraph does not shift the outcome.
    let a = actions
        .iter()
        .find(|a| s(&a["text"]).starts_with("Review potential of joint training"))
        .cloned()
        .unwrap_or_default();
    assert!(s(&a["outcome"]).starts_with("Casework evidences"));
    assert_eq!(s(&a["section"]), "THEME 2: Service Provision");
}
