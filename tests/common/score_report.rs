//! A port of the shared annual-report scorer (`score_report.py`'s
//! `score()`): the six list fields of `report`, each scored as a set. Gold
//! and predicted entries are paired one-to-one, best similarity first (ties
//! in document order), then by augmenting paths so the number of pairs is as
//! large as possible; P/R/F1 come from the pair count. The score is the mean
//! F1 over the fields whose gold list is non-empty.
//!
//! The "extra" figures score_report.py prints over the pairs (section level
//! accuracy, priority lead roles...) are informational there and not ported.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::text::{key, token_f1};

pub const FIELDS: [&str; 6] = [
    "sections",
    "figures",
    "people",
    "priorities",
    "glossary",
    "budget",
];

const SECTION_MIN_F1: f64 = 0.8;
const FIGURE_MIN_F1: f64 = 0.5;
const PRIORITY_MIN_F1: f64 = 0.8;
const GLOSSARY_MIN_F1: f64 = 0.8;
const BUDGET_MIN_F1: f64 = 0.6;

/// One field's figures, as score_report.py's `fields` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldScore {
    pub gold: usize,
    pub pred: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// The gold list is non-empty, so the field counts in the score.
    pub scored: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportScore {
    pub fields: BTreeMap<&'static str, FieldScore>,
    pub score: f64,
}

impl ReportScore {
    pub fn f1(&self, field: &str) -> f64 {
        self.fields.get(field).map_or(0.0, |f| f.f1)
    }
}

// ------------------------------------------------------------ values

/// A string field (score_report.py's `norm` takes strings only).
fn text<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn key_of(v: &Value, k: &str) -> Option<String> {
    text(v, k).and_then(key)
}

fn f1_of(g: &Value, p: &Value, k: &str) -> f64 {
    token_f1(text(g, k), text(p, k))
}

/// A JSON number (booleans are not numbers in serde_json), finite.
fn number(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64).filter(|x| x.is_finite())
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs()),
        _ => false,
    }
}

fn sec_number(v: &Value) -> Option<String> {
    let s = key_of(v, "number")?.replace(' ', "");
    let s = s.trim_end_matches(['.', ':']);
    (!s.is_empty()).then(|| s.to_string())
}

/// '2021/2022', '2021-22', '2021 / 22' read as '2021/22'; other text as `key`.
fn period_key(v: &Value, k: &str) -> Option<String> {
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let re = PERIOD.get_or_init(|| {
        Regex::new(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
            .unwrap_or_else(|e| panic!("period regex: {e}"))
    });
    let s = key_of(v, k)?;
    let Some(c) = re.captures(&s) else {
        return Some(s);
    };
    let (a, b) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let year = |t: &str| t.parse::<u32>().ok();
    let follows = b.chars().count() == 4 && year(b).is_some() && year(b) == year(a).map(|y| y + 1);
    let b = if follows { b.get(2..).unwrap_or(b) } else { b };
    Some(format!("{a}/{b}"))
}

fn at_least(f: f64, min: f64) -> Option<f64> {
    (f >= min).then_some(f)
}

/// The similarity of a gold and a predicted entry, or `None` (no pair).
fn sim(field: &str, g: &Value, p: &Value) -> Option<f64> {
    match field {
        "sections" => {
            let n = sec_number(g)?;
            if Some(n) != sec_number(p) {
                return None;
            }
            at_least(f1_of(g, p, "title"), SECTION_MIN_F1)
        }
        "figures" => {
            if !same_number(number(g, "value"), number(p, "value")) {
                return None;
            }
            at_least(f1_of(g, p, "label"), FIGURE_MIN_F1)
        }
        "people" => {
            let k = key_of(g, "name")?;
            if Some(k) != key_of(p, "name") {
                return None;
            }
            // Among namesakes (one person listed twice) prefer the closer post.
            let org = key_of(g, "organisation") == key_of(p, "organisation");
            Some(1.0 + f1_of(g, p, "role") + f64::from(u8::from(org)))
        }
        "priorities" => at_least(f1_of(g, p, "title"), PRIORITY_MIN_F1),
        "glossary" => {
            let k = key_of(g, "abbreviation")?;
            if Some(k) != key_of(p, "abbreviation") {
                return None;
            }
            at_least(f1_of(g, p, "expansion"), GLOSSARY_MIN_F1)
        }
        "budget" => {
            let period = period_key(g, "period")?;
            if Some(period) != period_key(p, "period") {
                return None;
            }
            let direction = key_of(g, "direction")?;
            if Some(direction) != key_of(p, "direction") {
                return None;
            }
            if !same_number(number(g, "amount"), number(p, "amount")) {
                return None;
            }
            at_least(f1_of(g, p, "item"), BUDGET_MIN_F1)
        }
        _ => None,
    }
}

// ------------------------------------------------------------ matching

/// One-to-one pairs `(gi, pi)`, sorted: greedy on similarity (ties in
/// document order), then augmenting paths so the pair count is maximal.
pub fn matching(field: &str, gold: &[Value], pred: &[Value]) -> Vec<(usize, usize)> {
    let mut cand: Vec<((usize, usize), f64)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if let Some(s) = sim(field, g, p) {
                cand.push(((gi, pi), s));
            }
        }
    }
    let mut sorted = cand.clone();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut g2p: BTreeMap<usize, usize> = BTreeMap::new();
    let mut p2g: BTreeMap<usize, usize> = BTreeMap::new();
    for ((gi, pi), _) in &sorted {
        if !g2p.contains_key(gi) && !p2g.contains_key(pi) {
            g2p.insert(*gi, *pi);
            p2g.insert(*pi, *gi);
        }
    }
    let mut adj: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
    for ((gi, pi), s) in &cand {
        adj.entry(*gi).or_default().push((*s, *pi));
    }
    for list in adj.values_mut() {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    fn augment(
        gi: usize,
        adj: &BTreeMap<usize, Vec<(f64, usize)>>,
        seen: &mut Vec<usize>,
        g2p: &mut BTreeMap<usize, usize>,
        p2g: &mut BTreeMap<usize, usize>,
    ) -> bool {
        for &(_, pi) in adj.get(&gi).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.contains(&pi) {
                continue;
            }
            seen.push(pi);
            let free = match p2g.get(&pi).copied() {
                None => true,
                Some(other) => augment(other, adj, seen, g2p, p2g),
            };
            if free {
                g2p.insert(gi, pi);
                p2g.insert(pi, gi);
                return true;
            }
        }
        false
    }
    for gi in 0..gold.len() {
        if !g2p.contains_key(&gi) && adj.contains_key(&gi) {
            augment(gi, &adj, &mut Vec::new(), &mut g2p, &mut p2g);
        }
    }
    g2p.into_iter().collect()
}

/// The entries of one list field that are objects (score_report.py reads a
/// missing, null or non-list field as empty and skips non-object entries).
pub fn entries(report: &Value, field: &str) -> Vec<Value> {
    report
        .get(field)
        .and_then(Value::as_array)
        .map(|v| v.iter().filter(|e| e.is_object()).cloned().collect())
        .unwrap_or_default()
}

/// score_report.py's `prf(n_match, n_gold, n_pred)`: an empty side gives 0.
fn prf(n: usize, n_gold: usize, n_pred: usize) -> (f64, f64, f64) {
    let ratio = |d: usize| if d > 0 { n as f64 / d as f64 } else { 0.0 };
    let (p, r) = (ratio(n_pred), ratio(n_gold));
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// score_report.py's `load` checks on an already parsed document.
pub fn check(doc: &Value, what: &str) -> Result<(), String> {
    let Some(map) = doc.as_object() else {
        return Err(format!("{what}: top level is not an object"));
    };
    match map.get("report") {
        None => Err(format!("{what} has no 'report' field")),
        Some(Value::Null) => Err(format!(
            "{what}: 'report' is null; nothing to score as an annual report"
        )),
        Some(Value::Object(_)) => Ok(()),
        Some(_) => Err(format!("{what}: 'report' is not an object")),
    }
}

/// Score a prediction's report against the gold's.
pub fn score(gold: &Value, pred: &Value) -> Result<ReportScore, String> {
    check(gold, "GOLD")?;
    check(pred, "PRED")?;
    let (gr, pr) = (&gold["report"], &pred["report"]);
    let mut fields = BTreeMap::new();
    let mut scored = Vec::new();
    for field in FIELDS {
        let (g, p) = (entries(gr, field), entries(pr, field));
        let n = matching(field, &g, &p).len();
        let (precision, recall, f1) = prf(n, g.len(), p.len());
        if !g.is_empty() {
            scored.push(f1);
        }
        fields.insert(
            field,
            FieldScore {
                gold: g.len(),
                pred: p.len(),
                matched: n,
                precision,
                recall,
                f1,
                scored: !g.is_empty(),
            },
        );
    }
    let score = if scored.is_empty() {
        0.0
    } else {
        scored.iter().sum::<f64>() / scored.len() as f64
    };
    Ok(ReportScore { fields, score })
}
