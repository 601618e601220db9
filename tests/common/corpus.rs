//! Running the real pipeline on repo files and lining the result up with the
//! gold: the setup every corpus test shares.

use std::collections::HashSet;

use docket::batch::{Options, extract_output};
use docket::contract::Output;
use serde_json::Value;

/// A repo file's path from its path relative to the crate root.
pub fn path(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// The gold document for a corpus key ("000"), from `tests/gold/`.
pub fn gold(key: &str) -> Value {
    let text =
        std::fs::read_to_string(path(&format!("tests/gold/{key}.json"))).expect("gold in the repo");
    serde_json::from_str(&text).expect("gold is JSON")
}

/// The pipeline's document for a repo file, with the default options.
pub fn extract(file: &str) -> Output {
    let bytes = std::fs::read(file).expect("corpus file in the repo");
    extract_output(&bytes, file, &Options::default()).expect("extracts")
}

/// The contract's comparison form of a text (empty for none).
pub fn norm(s: &str) -> String {
    super::text::norm(s).unwrap_or_default()
}

/// A JSON string field in comparison form.
pub fn s(v: &Value) -> String {
    v.as_str().map(norm).unwrap_or_default()
}

/// Token F1 over `\w+` tokens, as the scorers compute it.
pub fn token_f1(a: &str, b: &str) -> f64 {
    super::text::token_f1(Some(a), Some(b))
}

/// Gold index → predicted index for actions: by equal ref (texts at least
/// 0.3 alike) first, then by text (token F1 at least 0.5), one to one.
pub fn align(gold: &[Value], pred: &[Value]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut ug, mut up) = (HashSet::new(), HashSet::new());
    for (gi, g) in gold.iter().enumerate() {
        let Some(r) = g["ref"].as_str() else { continue };
        if let Some(pi) = pred.iter().position(|p| {
            p["ref"].as_str() == Some(r) && token_f1(&s(&g["text"]), &s(&p["text"])) >= 0.3
        }) && up.insert(pi)
        {
            ug.insert(gi);
            pairs.push((gi, pi));
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if ug.contains(&gi) {
            continue;
        }
        let best = pred
            .iter()
            .enumerate()
            .filter(|(pi, _)| !up.contains(pi))
            .map(|(pi, p)| (token_f1(&s(&g["text"]), &s(&p["text"])), pi))
            .filter(|(f, _)| *f >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, pi)) = best {
            up.insert(pi);
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// Share of the pairs for which `ok` holds.
pub fn rate(pairs: &[(usize, usize)], ok: impl Fn(usize, usize) -> bool) -> f64 {
    pairs.iter().filter(|(g, p)| ok(*g, *p)).count() as f64 / pairs.len().max(1) as f64
}

/// A file of corpus/variants through the pipeline, validated, as JSON.
pub fn variant(name: &str) -> Value {
    let out = extract(&format!("corpus/variants/{name}"));
    docket::contract::to_validated_json(&out).expect("valid docket/1");
    serde_json::to_value(&out).expect("json")
}

/// The action whose ref is `r`, or null.
pub fn action<'a>(doc: &'a Value, r: &str) -> &'a Value {
    doc["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|x| s(&x["ref"]) == r))
        .unwrap_or(&Value::Null)
}

/// The names of an action's leads, in order.
pub fn lead_names(a: &Value) -> Vec<String> {
    a["leads"]
        .as_array()
        .map(|l| l.iter().map(|x| s(&x["name"])).collect())
        .unwrap_or_default()
}
